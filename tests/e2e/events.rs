//! 普法活动 end to end in chat and in the domain: a liaison creates an event with
//! /newevent and its card reaches the point's group; residents sign up with the
//! card's one-press link up to the seats, the next one waits and moves up when
//! someone cancels; the reminders go out the day and the hour before on the injected
//! clock, once each; residents check in with the venue's code, staff mark one
//! present and enter the walk-ins, a note and a question for the FAQ; the figures
//! reach /stats, the export's 普法活动台账 and the 考核. A forged or reused check-in
//! code, signing up to a cancelled or past event, and over-long input are refused
//! clearly, with nothing stored.

use chrono::{Duration, TimeZone, Utc};
use consult_domain::{
    Actor, Db,
    assessment::Period,
    events::{EventKind, Fields, NewEvent, Teller},
    export::{Format, Request, Words},
    people::Locale,
};

use crate::{
    staff_web::WEB,
    support::{
        app::{ClockExt, TestApp},
        chat::{last_with, press_latest, say, say_text},
        files::phone_jpeg,
        telegram::{ChatRef, Group, Person},
        web::spawn_web,
        world::{Places, world},
    },
};

pub(crate) async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

async fn signups(app: &TestApp) -> i64 {
    count(&app.db, "SELECT COUNT(*) FROM law_event_signups").await
}

/// A group of the liaison's point, the bot added by the liaison (so it is linked).
async fn linked_group(app: &TestApp, liaison: &Person, title: &str) -> Group {
    let g = app.tg.group(title);
    app.tg.add_bot(liaison, &g);
    app.tg.wait_sent(g.id, 1).await;
    g
}

/// The test's world: 金桥's liaison 王芳, who opened the bot; the web served.
pub(crate) async fn jinqiao() -> (TestApp, Places, Person) {
    let (app, _addr, places, liaison) = jinqiao_served().await;
    (app, places, liaison)
}

/// [`jinqiao`], with the web server's address.
pub(crate) async fn jinqiao_served() -> (TestApp, std::net::SocketAddr, Places, Person) {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let liaison = places.liaison("jinqiao").clone();
    say(&app, &liaison, "/start").await;
    (app, addr, places, liaison)
}

/// The newest message in a group containing `needle`, waiting for the broadcast.
async fn in_group(app: &TestApp, group: &Group, needle: &str) -> String {
    app.tg
        .wait_for(&format!("{needle:?} in the group"), |tg| {
            tg.sent(group.id)
                .into_iter()
                .rev()
                .find(|m| m.text.contains(needle))
                .map(|m| m.text)
        })
        .await
}

/// How many messages `who` got that contain `needle`.
fn times(app: &TestApp, who: &Person, needle: &str) -> usize {
    app.tg
        .sent(who.id)
        .iter()
        .filter(|m| m.text.contains(needle))
        .count()
}

/// The label of the newest button offered to `who` that starts with `prefix`.
fn button_starting(app: &TestApp, who: &Person, prefix: &str) -> String {
    app.tg
        .sent(who.id)
        .iter()
        .rev()
        .flat_map(|m| m.buttons().into_iter().flatten())
        .find(|b| b.starts_with(prefix))
        .unwrap_or_else(|| panic!("a button starting with {prefix:?}"))
}

/// The check-in code in the staff's message (after 「签到码：」).
fn checkin_code(text: &str) -> String {
    let at = text.find("签到码：").expect("a check-in code") + "签到码：".len();
    text[at..].chars().take(22).collect()
}

/// The event's start in the test: 2026-11-26 14:00 in Shanghai, two days after the
/// test clock's start.
pub(crate) fn event_start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 6, 0, 0).unwrap()
}

#[tokio::test]
async fn an_event_from_its_card_to_the_people_it_reached() {
    let (app, places, liaison) = jinqiao().await;
    let group = linked_group(&app, &liaison, "金桥一群").await;

    // 1. The liaison creates it, step by step; over-long input is refused with the rule.
    let asked = say_text(&app, &liaison, "/newevent").await;
    assert!(asked.contains("活动名称"), "{asked}");
    let refused = say_text(&app, &liaison, &"长".repeat(101)).await;
    assert!(refused.contains("1–100"), "{refused}");
    say(&app, &liaison, "民法典进社区：遗嘱继承").await;
    press_latest(&app, &liaison, "讲座").await;
    say(&app, &liaison, "遗嘱怎么立才有效").await;
    let refused = say_text(&app, &liaison, "后天下午").await;
    assert!(refused.contains("2026-12-10 14:00"), "{refused}");
    say(&app, &liaison, "2026-11-26 14:00").await;
    let refused = say_text(&app, &liaison, "13:00").await;
    assert!(refused.contains("晚于开始时间"), "{refused}");
    say(&app, &liaison, "16:00").await;
    say(&app, &liaison, "金桥社区活动室").await;
    say(&app, &liaison, "2").await;
    press_latest(&app, &liaison, "跳过").await;
    let review = press_latest(&app, &liaison, "跳过").await;
    assert!(review.contains("名额：2"), "{review}");
    assert!(review.contains("金桥联系点"), "{review}");
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM law_events").await,
        0,
        "nothing stored before 发布"
    );
    let published = press_latest(&app, &liaison, "发布并通知居民群").await;
    assert!(published.contains("E1"), "{published}");
    assert!(published.contains("1 个居民群"), "{published}");
    assert!(published.contains("/e/1"), "{published}");
    // Announced is not held: the 考核 counts an event once it has begun.
    let stats = say_text(&app, &liaison, "/stats 2026-11-01 2026-11-30").await;
    assert!(stats.contains("普法活动 0 场"), "{stats}");

    // 2. The group's card, with 报名 (a link into a private chat: /start ev-1).
    let card = in_group(&app, &group, "普法活动：民法典进社区").await;
    assert!(card.contains("11月26日 14:00–16:00"), "{card}");
    assert!(card.contains("名额 2 个"), "{card}");
    let buttons = app.tg.sent(group.id).last().unwrap().buttons();
    assert!(buttons.iter().flatten().any(|b| b == "报名"), "{buttons:?}");

    // 3. Signing up to the seats; the third waits; pressing again takes no second seat.
    let (zhang, li, wang) = (
        app.tg.person("张三"),
        app.tg.person("李四"),
        app.tg.person("王五"),
    );
    let text = say_text(&app, &zhang, "/start ev-1").await;
    assert!(text.contains("已报名普法活动"), "{text}");
    let again = say_text(&app, &zhang, "/start ev-1").await;
    assert!(again.contains("你的报名：已报名"), "{again}");
    say(&app, &li, "/start ev-1").await;
    let text = say_text(&app, &wang, "/start ev-1").await;
    assert!(text.contains("候补第 1 位"), "{text}");
    assert_eq!(signups(&app).await, 3);

    // 4. 李四 cancels from /events: 王五 moves up and is told.
    let list = say_text(&app, &li, "/events").await;
    assert!(list.contains("即将举行"), "{list}");
    let label = button_starting(&app, &li, "E1 ·");
    let view = press_latest(&app, &li, &label).await;
    assert!(view.contains("名额 2：已报名 2，候补 1"), "{view}");
    let done = press_latest(&app, &li, "取消报名").await;
    assert!(done.contains("已取消报名"), "{done}");
    let told = last_with(&app, &wang, "候补成功").await;
    assert!(told.text.contains("民法典进社区"), "{}", told.text);

    // 5. The reminders, on the injected clock: the day before, then the hour before,
    // each once, to those holding a seat (not to 李四, who cancelled).
    let now = app.clock.now_utc();
    app.clock
        .advance(event_start() - Duration::hours(24) - Duration::minutes(1) - now);
    app.settle().await;
    assert_eq!(times(&app, &zhang, "明天有普法活动"), 0, "not yet");
    app.clock.advance(Duration::minutes(2));
    last_with(&app, &zhang, "明天有普法活动").await;
    last_with(&app, &wang, "明天有普法活动").await;
    app.clock.advance(Duration::hours(23));
    last_with(&app, &zhang, "一小时后开始").await;
    app.clock.advance(Duration::minutes(5));
    app.settle().await;
    assert_eq!(times(&app, &zhang, "明天有普法活动"), 1);
    assert_eq!(times(&app, &zhang, "一小时后开始"), 1);
    assert_eq!(times(&app, &li, "明天有普法活动"), 0);

    // 6. Check-in: the code shown to the liaison (with its QR code); forged and
    // reused codes refused; staff mark 王五 present and enter the walk-ins.
    say(&app, &liaison, "/event E1").await;
    let shown = press_latest(&app, &liaison, "签到码").await;
    let _ = shown;
    let message = last_with(&app, &liaison, "签到码：").await;
    let code = checkin_code(&message.text);
    assert!(message.text.contains("/e/checkin/"), "{}", message.text);
    assert_eq!(app.tg.sent(liaison.id).last().unwrap().kind, "photo");
    let forged = say_text(&app, &zhang, "签到 AAAAAAAAAAAAAAAAAAAAAA").await;
    assert!(forged.contains("签到码不对"), "{forged}");
    let done = say_text(&app, &zhang, &format!("签到 {code}")).await;
    assert!(done.contains("已签到"), "{done}");
    let twice = say_text(&app, &zhang, &format!("/checkin {code}")).await;
    assert!(twice.contains("已经签到过了"), "{twice}");
    let checked = count(
        &app.db,
        "SELECT COUNT(*) FROM law_event_signups WHERE checked_in_at IS NOT NULL",
    )
    .await;
    assert_eq!(checked, 1, "a second check-in stores nothing");
    say(&app, &liaison, "/event E1").await;
    press_latest(&app, &liaison, "签到名单").await;
    let wang_button = button_starting(&app, &liaison, "⬜");
    assert!(wang_button.contains("王五"), "{wang_button}");
    press_latest(&app, &liaison, &wang_button).await;
    let marked = button_starting(&app, &liaison, "✅ 2");
    assert!(marked.contains("王五"), "{marked}");
    let walkins = say_text(&app, &liaison, "/event E1 walkins 30").await;
    assert!(walkins.contains("惠及人次：32"), "{walkins}");
    let refused = say_text(&app, &liaison, "/event E1 walkins 999999").await;
    assert!(refused.contains("0–100000"), "{refused}");
    let long = "长".repeat(2001);
    let refused = say_text(&app, &liaison, &format!("/event E1 note {long}")).await;
    assert!(refused.contains("最多 2000 字"), "{refused}");
    say(
        &app,
        &liaison,
        "/event E1 note 讲解了遗嘱的四种形式，居民提问踊跃。",
    )
    .await;
    app.tg
        .send_photo(&liaison, ChatRef::Private, phone_jpeg(), Some("E1"));
    let kept = last_with(&app, &liaison, "活动照片").await;
    assert!(kept.text.contains("共 1 张"), "{}", kept.text);
    let asked = say_text(&app, &liaison, "/event E1 question 打印遗嘱需要见证人吗？").await;
    assert!(asked.contains("待解答问题"), "{asked}");
    let unanswered = count(&app.db, "SELECT COUNT(*) FROM faq_unanswered").await;
    assert_eq!(unanswered, 1);

    // 7. After it has begun: no more sign-ups.
    app.clock.advance(Duration::hours(1));
    let zhao = app.tg.person("赵六");
    let late = say_text(&app, &zhao, "/start ev-1").await;
    assert!(late.contains("已经开始或结束"), "{late}");
    assert_eq!(signups(&app).await, 3, "nothing stored");

    // 8. The figures: /stats' 考核, the export's 普法活动台账, the assessment.
    let stats = say_text(&app, &liaison, "/stats 2026-11-01 2026-11-30").await;
    assert!(stats.contains("普法活动 1 场，惠及人次 32"), "{stats}");
    let by = say_text(&app, &liaison, "/stats events").await;
    for line in [
        "合计：1 场，报名 2，签到 2，现场参加 30，惠及人次 32",
        "金桥联系点：1 场",
        "2026-11：1 场",
        "讲座：1 场",
    ] {
        assert!(by.contains(line), "{line} in {by}");
    }
    let locales = consult_domain::i18n::Locales::load().unwrap();
    let words = Words::new(|id| locales.text(Locale::ZhCn, id, &[]));
    let export = app
        .db
        .exports()
        .export(
            &Request {
                consultation: None,
                scope: consult_domain::review::Scope::Point(places.id("jinqiao")),
                format: Format::Xlsx,
            },
            words,
            Actor::CommandLine,
            chrono_tz::Asia::Shanghai,
            app.clock.now_utc(),
        )
        .await
        .expect("export");
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(export.bytes)).unwrap();
    let rows: Vec<Vec<String>> = book
        .worksheet_range("普法活动台账")
        .expect("a 普法活动台账 sheet")
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0], consult_domain::events::ledger::HEADERS);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "E1");
    assert_eq!(rows[1][2], "讲座");
    assert_eq!(rows[1][4], "金桥联系点");
    // 报名 2, 候补 0, 签到 2, 现场参加 30, 惠及人次 32.
    assert_eq!(rows[1][9..14], ["2", "0", "2", "30", "32"], "{rows:?}");
    assert!(rows[1][15].contains("四种形式"), "{rows:?}");
    let period = Period::parse("2026-11-01 2026-11-30", chrono_tz::Asia::Shanghai).unwrap();
    let figures = app
        .db
        .assessments()
        .assess(
            consult_domain::review::Scope::Point(places.id("jinqiao")),
            &period,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    assert_eq!((figures[0].events, figures[0].reached), (1, 32));

    // Every staff action, and the reminders, are in the audit log.
    let log = app.db.audit().list(Some("event."), 100).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "event.create",
        "event.remind",
        "event.code",
        "event.present",
        "event.walk_ins",
        "event.note",
        "event.photo",
        "event.question",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    app.finish().await;
}

/// Teller and an event made in the domain directly, starting in two days.
pub(crate) async fn made(
    app: &TestApp,
    point: Option<i64>,
    capacity: &str,
) -> consult_domain::events::Event {
    let locales = consult_domain::i18n::Locales::load().unwrap();
    let teller = Teller {
        locales: &locales,
        default_locale: Locale::ZhCn,
        timezone: chrono_tz::Asia::Shanghai,
        web_url: None,
    };
    let now = app.clock.now_utc();
    let new = NewEvent::new(
        point,
        EventKind::Consultation,
        Fields {
            title: "律师驻点咨询",
            topic: "物业纠纷",
            venue: "金桥社区服务中心",
            capacity,
            description: "",
        },
        event_start(),
        event_start() + Duration::hours(2),
        None,
        now,
    )
    .unwrap();
    app.db
        .events()
        .create(teller, &new, Actor::CommandLine, now)
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn a_changed_then_cancelled_event_tells_the_people_signed_up_and_refuses_more() {
    let (app, places, liaison) = jinqiao().await;
    let group = linked_group(&app, &liaison, "金桥一群").await;
    let e = made(&app, Some(places.id("jinqiao")), "").await;
    assert_eq!(e.code(), "E1");
    let zhang = app.tg.person("张三");
    say(&app, &zhang, "/start ev-1").await;

    // A new place: the person signed up and the group hear of it.
    let refused = say_text(
        &app,
        &liaison,
        &format!("/event E1 place {}", "长".repeat(201)),
    )
    .await;
    assert!(refused.contains("1–200"), "{refused}");
    let done = say_text(&app, &liaison, "/event E1 place 金桥路 100 号二楼").await;
    assert!(done.contains("已修改"), "{done}");
    let told = last_with(&app, &zhang, "有变动").await;
    assert!(told.text.contains("金桥路 100 号二楼"), "{}", told.text);
    in_group(&app, &group, "有变动").await;

    // A liaison of another point reaches nothing of it.
    let other = world(&app)
        .point("gubei", "古北联系点")
        .liaison("古北联络员")
        .no_admin()
        .places()
        .await;
    let stranger = other.liaison("gubei").clone();
    let refused = say_text(&app, &stranger, "/event E1 walkins 5").await;
    assert!(refused.contains("没有找到这场普法活动"), "{refused}");

    // Cancelled: everyone told; signing up again refused, nothing stored.
    say(&app, &liaison, "/event E1").await;
    let asked = press_latest(&app, &liaison, "取消活动").await;
    assert!(asked.contains("1 人"), "{asked}");
    let done = press_latest(&app, &liaison, "确认取消活动").await;
    assert!(done.contains("已取消普法活动 E1"), "{done}");
    last_with(&app, &zhang, "已取消，报名随之取消").await;
    in_group(&app, &group, "已取消").await;
    let li = app.tg.person("李四");
    let refused = say_text(&app, &li, "/start ev-1").await;
    assert!(refused.contains("已取消"), "{refused}");
    assert_eq!(signups(&app).await, 1, "nothing stored");
    // A check-in code cannot be made for it, and an old one would not work.
    let refused = say_text(&app, &liaison, "/event E1 walkins 3").await;
    assert!(refused.contains("已取消"), "{refused}");
    let log = app.db.audit().list(Some("event."), 100).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"event.edit") && actions.contains(&"event.cancel"));
    app.finish().await;
}

#[tokio::test]
async fn a_replaced_check_in_code_no_longer_works() {
    let (app, places, liaison) = jinqiao().await;
    made(&app, Some(places.id("jinqiao")), "10").await;
    let now = app.clock.now_utc();
    app.clock
        .advance(event_start() - Duration::minutes(30) - now);
    say(&app, &liaison, "/event E1").await;
    press_latest(&app, &liaison, "签到码").await;
    let old = checkin_code(&last_with(&app, &liaison, "签到码：").await.text);
    say(&app, &liaison, "/event E1").await;
    press_latest(&app, &liaison, "签到码").await;
    let new = checkin_code(&last_with(&app, &liaison, "签到码：").await.text);
    assert_ne!(old, new);
    let zhang = app.tg.person("张三");
    let refused = say_text(&app, &zhang, &format!("签到 {old}")).await;
    assert!(refused.contains("签到码不对"), "{refused}");
    assert_eq!(signups(&app).await, 0, "nothing stored");
    // Someone who never signed up is counted present with the right code.
    let done = say_text(&app, &zhang, &format!("签到 {new}")).await;
    assert!(done.contains("已签到"), "{done}");
    // After the check-in hours, the right code is refused too.
    app.clock.advance(Duration::hours(5));
    let li = app.tg.person("李四");
    let late = say_text(&app, &li, &format!("签到 {new}")).await;
    assert!(late.contains("不在签到时间内"), "{late}");
    assert_eq!(signups(&app).await, 1);
    app.finish().await;
}

#[tokio::test]
async fn mydata_shows_sign_ups_and_forget_keeps_only_the_counts() {
    let (app, _addr) = spawn_web(WEB).await;
    let places = world(&app).point("jinqiao", "金桥联系点").places().await;
    made(&app, Some(places.id("jinqiao")), "").await;
    let zhang = app.tg.person("张三");
    say(&app, &zhang, "/start ev-1").await;
    let data = say(&app, &zhang, "/mydata").await;
    let text: String = data.iter().map(|m| m.text.clone()).collect();
    assert!(text.contains("E1《律师驻点咨询》：已报名 张三"), "{text}");
    say(&app, &zhang, "/forget").await;
    press_latest(&app, &zhang, "确认删除").await;
    let left = count(
        &app.db,
        "SELECT COUNT(*) FROM law_event_signups WHERE person_id IS NULL AND name IS NULL",
    )
    .await;
    assert_eq!(left, 1, "the seat stays counted, without the person");
    app.finish().await;
}
