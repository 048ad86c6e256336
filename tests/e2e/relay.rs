//! 社情民意 end to end, on both channels and one domain: a resident reports with a photo
//! in chat, another on the web; the liaison merges the duplicate (console) and
//! forwards (chat buttons); the handling department answers through its one-time link
//! (a used or forged link refused); each resident hears each step (messages sent by
//! the fake Bot API, the web status page); an overdue report is reminded to the
//! liaison and escalated to the admins on the injected clock; the export's 社情民意台账
//! and the 考核 count it; bad input (over-long text, a forged button, someone else's
//! status link) refused with nothing stored.

use chrono::Duration;
use consult_domain::{Actor, Db, assessment::Period, people::Locale};

use crate::{
    staff_web::{PASSWORD, WEB, log_in, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{forged, last_with, press_latest, say, say_text, toast},
        sheets::{sheet_rows, whole_export},
        telegram::ChatRef,
        web::{Browser, spawn_web},
        world::world,
    },
};

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

async fn reports(app: &TestApp) -> i64 {
    count(&app.db, "SELECT COUNT(*) FROM relay_reports").await
}

/// The web form from the empty page to the receipt: returns the status page's path.
async fn report_on_web(b: &mut Browser, point: &str, body: &str) -> String {
    let form = b.get(&format!("/r/new?p={point}")).await;
    assert_eq!(form.status, 200, "{}", form.text());
    let action = format!("/r/new?p={point}");
    let review = b
        .submit(
            &form,
            &action,
            &[
                ("category", "security"),
                ("body", body),
                ("place", "金桥路 100 弄东门"),
                ("identity", "anonymous"),
            ],
        )
        .await;
    assert_eq!(review.status, 200, "{}", review.text());
    assert!(
        review.text().contains("请核对") || review.text().contains("提交"),
        "{}",
        review.text()
    );
    // Not followed, to learn the status link from the redirect.
    let submit = format!("/r/new/submit?p={point}");
    let fields = review.form(&submit);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let done = b.post_only(&submit, &pairs).await;
    assert_eq!(done.status, 303);
    let location = done
        .location
        .clone()
        .expect("a redirect to the status page");
    assert!(location.starts_with("/r/"), "{location}");
    location
}

/// The rows of the whole export's 社情民意台账 sheet, in Chinese, as text.
pub(crate) async fn relay_sheet(app: &TestApp) -> Vec<Vec<String>> {
    sheet_rows(&whole_export(app).await, "社情民意台账")
}

fn link_path(text: &str) -> String {
    let at = text
        .find("/d/")
        .unwrap_or_else(|| panic!("a department link in {text}"));
    text[at..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_report_travels_from_resident_to_department_and_back_on_both_channels() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let liaison = places.liaison("jinqiao").clone();
    let admin = places.admin().clone();
    let zhang = app.tg.person("张三");
    // Both staff open /start once so that the bot may write to them.
    say(&app, &liaison, "/start").await;
    say(&app, &admin, "/start").await;

    // The admins keep the department directory (web console).
    let (_, mut console_admin) = logged_in(&app, addr, "committee", "admin", None).await;
    let page = console_admin.get("/staff/departments").await;
    assert_eq!(page.status, 200);
    let added = console_admin
        .submit(
            &page,
            "/staff/departments",
            &[
                ("name", "区公安分局"),
                ("contact", "李警官"),
                ("category", "security"),
            ],
        )
        .await;
    assert!(added.text().contains("区公安分局"), "{}", added.text());

    // 1. In chat, with a photo: /start's button, or a poster's link naming the point.
    let start = say(&app, &zhang, "/start").await;
    assert!(
        start.iter().any(|m| m
            .buttons()
            .iter()
            .flatten()
            .any(|b| b.contains("反映社情民意"))),
        "{start:?}"
    );
    let asked = say_text(&app, &zhang, "/start report-jinqiao").await;
    assert!(asked.contains("哪一类"), "{asked}");
    let text = press_latest(&app, &zhang, "社会治安").await;
    assert!(text.contains("发生了什么"), "{text}");
    // Over-long text is refused with the rule, and nothing is kept.
    let long = "长".repeat(2001);
    let refused = say_text(&app, &zhang, &long).await;
    assert!(refused.contains("5–2000"), "{refused}");
    say(
        &app,
        &zhang,
        "小区东门的路灯坏了一个月，晚上有陌生人徘徊，居民很担心。",
    )
    .await;
    let files = say_text(&app, &zhang, "金桥路 100 弄东门").await;
    assert!(files.contains("照片"), "{files}");
    app.tg.send_photo(
        &zhang,
        ChatRef::Private,
        vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3],
        None,
    );
    app.settle().await;
    press_latest(&app, &zhang, "完成").await;
    press_latest(&app, &zhang, "实名").await;
    say(&app, &zhang, "张三").await;
    let review = press_latest(&app, &zhang, "是").await;
    assert!(review.contains("照片和文件：1"), "{review}");
    assert!(review.contains("反映人：张三"), "{review}");
    assert_eq!(reports(&app).await, 0, "nothing stored before 提交");
    let receipt = press_latest(&app, &zhang, "提交").await;
    assert!(receipt.contains("S-0001"), "{receipt}");

    // 2. On the web, the same problem from another resident.
    let mut resident = Browser::new(addr);
    // Over-long text: refused with the rule, the text kept, nothing stored.
    let form = resident.get("/r/new?p=jinqiao").await;
    let too_long = resident
        .submit(
            &form,
            "/r/new?p=jinqiao",
            &[("category", "security"), ("body", &long), ("place", "东门")],
        )
        .await;
    assert_eq!(too_long.status, 422);
    assert!(too_long.text().contains("5–2000"), "{}", too_long.text());
    let status_path = report_on_web(
        &mut resident,
        "jinqiao",
        "东门路灯不亮，晚上很黑，担心安全。",
    )
    .await;
    let status = resident.get(&status_path).await;
    assert!(status.text().contains("S-0002"), "{}", status.text());
    assert!(status.text().contains("待处理"), "{}", status.text());
    assert_eq!(reports(&app).await, 2);
    // Someone else's status link (a guessed token) is simply not found.
    let other = resident
        .get("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(other.status, 404);

    // 3. The liaison merges the duplicate in the console …
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let queue = console.get("/staff/reports").await;
    assert!(
        queue.text().contains("S-0001") && queue.text().contains("S-0002"),
        "{}",
        queue.text()
    );
    let second = app
        .db
        .relay()
        .by_receipt(
            &consult_domain::relay::Receipt::of(2),
            consult_domain::review::Scope::All,
        )
        .await
        .unwrap()
        .unwrap();
    let card = console.get(&format!("/staff/reports/{}", second.id)).await;
    let merged = console
        .submit(
            &card,
            &format!("/staff/reports/{}/merge", second.id),
            &[("into", "S-0001")],
        )
        .await;
    assert!(merged.status < 400, "{}", merged.text());
    let status = resident.get(&status_path).await;
    assert!(status.text().contains("已合并"), "{}", status.text());

    // … and forwards the report in chat, with the buttons of /reports.
    let list = say(&app, &liaison, "/reports").await;
    assert!(list.last().unwrap().text.contains("1 件"), "{list:?}");
    let first = list
        .last()
        .unwrap()
        .buttons()
        .into_iter()
        .flatten()
        .find(|b| b.starts_with("S-0001 · 待处理"))
        .expect("a button for S-0001");
    press_latest(&app, &liaison, &first).await;
    // The card, then the resident's photo re-sent by its file id.
    let card = last_with(&app, &liaison, "反映人：张三").await;
    assert!(card.text.contains("照片和文件：1"), "{}", card.text);
    assert_eq!(app.tg.sent(liaison.id).last().unwrap().kind, "photo");
    let forwarded = press_latest(&app, &liaison, "转办：区公安分局").await;
    assert!(forwarded.contains("S-0001"), "{forwarded}");
    let dept_path = link_path(&forwarded);

    // The resident hears to which department (the broadcast worker sends it).
    let told = last_with(&app, &zhang, "区公安分局").await;
    assert!(told.text.contains("已转办"), "{}", told.text);

    // A forged button is refused and changes nothing: a resident's "close S-0001"
    // (staff only: the button is stale to them), a liaison's forward of a report
    // that does not exist.
    let (answer, sent) = forged(&app, &zhang, told.message_id, "s:x:1:0").await;
    assert_eq!(
        toast(&answer),
        "这个按钮已经失效了，请重新发送命令。",
        "{sent:?}"
    );
    assert!(sent.is_empty(), "{sent:?}");
    let first = app.db.relay().get(1).await.unwrap().unwrap();
    assert_eq!(first.status, consult_domain::relay::ReportStatus::Forwarded);
    let (_, sent) = forged(&app, &liaison, told.message_id, "s:fw:999:1").await;
    assert_eq!(
        sent.last().map(|m| m.text.as_str()),
        Some("没有找到这条社情民意。")
    );
    let closes = app.db.audit().list(Some("relay.close"), 10).await.unwrap();
    assert!(closes.is_empty(), "{closes:?}");

    // 4. The department answers through its link, without an account.
    let mut dept = Browser::new(addr);
    let page = dept.get(&dept_path).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("张三"),
        "the name, consented: {}",
        page.text()
    );
    assert!(page.text().contains("路灯"), "{}", page.text());
    let thanks = dept
        .submit(
            &page,
            &dept_path,
            &[
                ("outcome", "resolved"),
                ("answer", "已修复路灯，并加强东门夜间巡逻。"),
            ],
        )
        .await;
    assert!(thanks.text().contains("谢谢"), "{}", thanks.text());
    // Used, and forged, links are refused.
    let again = dept.get(&dept_path).await;
    assert_eq!(again.status, 410);
    assert!(again.text().contains("已经用过"), "{}", again.text());
    let fake = dept.get("/d/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(fake.status, 404);
    assert!(fake.text().contains("无效"), "{}", fake.text());

    // Both residents hear the answer: in chat, and on the status page (merged).
    let told = last_with(&app, &zhang, "加强东门夜间巡逻").await;
    assert!(told.text.contains("已解决"), "{}", told.text);
    let status = resident.get(&status_path).await;
    assert!(
        status.text().contains("加强东门夜间巡逻"),
        "{}",
        status.text()
    );

    // 5. An overdue report: forwarded, unanswered, reminded, then escalated.
    let third_path =
        report_on_web(&mut resident, "jinqiao", "菜市场门口占道经营，城管不管。").await;
    let third = app
        .db
        .relay()
        .by_receipt(
            &consult_domain::relay::Receipt::of(3),
            consult_domain::review::Scope::All,
        )
        .await
        .unwrap()
        .unwrap();
    let card = console.get(&format!("/staff/reports/{}", third.id)).await;
    let department = card.field(
        &format!("/staff/reports/{}/forward", third.id),
        "department",
    );
    let shown = console
        .submit(
            &card,
            &format!("/staff/reports/{}/forward", third.id),
            &[("department", department.as_deref().unwrap_or("1"))],
        )
        .await;
    assert!(
        shown.text().contains("/d/"),
        "the link shown once: {}",
        shown.text()
    );
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    let reminded = last_with(&app, &liaison, "社情民意催办").await;
    assert!(reminded.text.contains("S-0003"), "{}", reminded.text);
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    let escalated = last_with(&app, &admin, "社情民意督办").await;
    assert!(escalated.text.contains("S-0003"), "{}", escalated.text);
    let status = resident.get(&third_path).await;
    assert!(status.text().contains("已转办"), "{}", status.text());

    // The console's figures: by status, category, point and department (two weeks
    // on, the session has ended: log in again).
    log_in(&mut console, "wangfang", PASSWORD).await;
    let queue = console.get("/staff/reports").await;
    let text = queue.text();
    assert!(text.contains("答复中位天数"), "{text}");
    assert!(text.contains("区公安分局"), "{text}");
    assert!(text.contains("已合并 1"), "{text}");

    // 6. The export's 社情民意台账 and the 考核 count them.
    let rows = relay_sheet(&app).await;
    assert_eq!(rows[0], consult_domain::export::RELAY_HEADERS);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[1][0], "S-0001");
    assert_eq!(rows[1][4], "张三");
    assert_eq!(rows[1][9], "区公安分局");
    assert_eq!(rows[1][11], "已解决");
    assert_eq!(rows[2][8], "已合并");
    let period = Period::parse("2026-11-01 2026-12-31", chrono_tz::Asia::Shanghai).unwrap();
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
    assert_eq!((figures[0].reports, figures[0].reports_answered), (2, 1));

    // Every step is in the audit log.
    let log = app.db.audit().list(Some("relay."), 50).await.unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    for a in [
        "relay.department.add",
        "relay.report",
        "relay.merge",
        "relay.forward",
        "relay.answer",
        "relay.remind",
        "relay.escalate",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    app.finish().await;
}

#[tokio::test]
async fn mydata_shows_reports_and_forget_anonymises_them() {
    let (app, _addr) = spawn_web(WEB).await;
    world(&app).point("jinqiao", "金桥联系点").places().await;
    let zhang = app.tg.person("张三");
    say(&app, &zhang, "/start").await;
    say(&app, &zhang, "/report jinqiao").await;
    press_latest(&app, &zhang, "交通出行").await;
    say(&app, &zhang, "路口红绿灯时间太短，老人过不去。").await;
    say(&app, &zhang, "金桥路口").await;
    press_latest(&app, &zhang, "完成").await;
    press_latest(&app, &zhang, "实名").await;
    say(&app, &zhang, "张三").await;
    press_latest(&app, &zhang, "是").await;
    press_latest(&app, &zhang, "提交").await;
    let data = say(&app, &zhang, "/mydata").await;
    let text: String = data.iter().map(|m| m.text.clone()).collect();
    assert!(text.contains("S-0001") && text.contains("张三"), "{text}");
    say(&app, &zhang, "/forget").await;
    press_latest(&app, &zhang, "确认删除").await;
    let left = count(
        &app.db,
        "SELECT COUNT(*) FROM relay_reports WHERE reporter_id IS NULL AND reporter_name IS NULL",
    )
    .await;
    assert_eq!(left, 1, "the report stays, anonymised");
    app.finish().await;
}

/// The domain on its own: receipts count up, a replayed submission is one report, and
/// a department link works once.
#[tokio::test]
async fn receipts_count_up_and_a_replay_is_one_report() {
    use consult_domain::{
        opinions::Identity,
        relay::{CategoryCode, NewReport, ReportChannel, Reporter},
    };
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let new = |key: &str| {
        NewReport::new(
            key.to_owned(),
            CategoryCode::parse("traffic").unwrap(),
            "路口红绿灯时间太短，老人过不去。",
            "金桥路口",
            None,
            vec![],
            Reporter {
                telegram: None,
                identity: Identity::Anonymous,
                name: None,
                consent_details: false,
                locale: Locale::ZhCn,
            },
            ReportChannel::Web,
            None,
        )
        .unwrap()
    };
    let a = app.db.relay().submit(&new("a"), now).await.expect("stored");
    let again = app.db.relay().submit(&new("a"), now).await.expect("stored");
    let b = app.db.relay().submit(&new("b"), now).await.expect("stored");
    assert_eq!(a, again);
    assert_eq!(
        (a.receipt.as_str(), b.receipt.as_str()),
        ("S-0001", "S-0002")
    );
    assert_eq!(reports(&app).await, 2);
    app.finish().await;
}

/// Retention: a finished report loses its reporter's id and name after
/// `--details-retention` (the scheduler, on the injected clock); the report stays.
#[tokio::test]
async fn a_finished_reports_reporter_is_erased_after_the_retention_time() {
    use consult_domain::{
        opinions::Identity,
        relay::{CategoryCode, CloseReason, NewReport, ReportChannel, Reporter, Teller},
        review::Scope,
    };
    let app = TestApp::spawn().await;
    let locales = consult_domain::i18n::Locales::load().unwrap();
    let teller = Teller {
        locales: &locales,
        default_locale: Locale::ZhCn,
    };
    let now = app.clock.now_utc();
    let new = NewReport::new(
        "k".into(),
        CategoryCode::parse("other").unwrap(),
        "楼道里堆满杂物，消防通道被堵。",
        "金桥路 1 号",
        None,
        vec![],
        Reporter {
            telegram: Some(4242),
            identity: Identity::Named,
            name: Some("赵六".into()),
            consent_details: true,
            locale: Locale::ZhCn,
        },
        ReportChannel::Chat,
        None,
    )
    .unwrap();
    let r = app.db.relay().submit(&new, now).await.unwrap();
    assert_eq!(r.reporter_name.as_deref(), Some("赵六"));
    app.db
        .relay()
        .close(
            teller,
            r.id,
            CloseReason::ResolvedOnSpot,
            Some("物业已清理。"),
            Scope::All,
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    app.clock.advance(Duration::days(181));
    crate::support::app::eventually("the reporter erased", || async {
        let r = app.db.relay().get(r.id).await.unwrap().unwrap();
        (r.reporter_id.is_none() && r.reporter_name.is_none()).then_some(())
    })
    .await;
    let kept = app.db.relay().get(r.id).await.unwrap().unwrap();
    assert_eq!(kept.body, "楼道里堆满杂物，消防通道被堵。");
    assert_eq!(kept.identity, Identity::Anonymous);
    app.finish().await;
}
