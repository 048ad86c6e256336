//! Keeping liaisons on top of it: the daily digest arrives at the digest time (18:00
//! Shanghai by default) in each liaison's language with the new opinions since their
//! previous digest, and not at all when there is nothing new; the review reminder
//! arrives two days before a deadline to the liaisons of points with unreviewed
//! opinions, once per deadline (again after the deadline moved), and not when all
//! are reviewed.

use chrono::{DateTime, Duration, TimeZone, Utc};
use consult_domain::{
    Actor, Db,
    consultations::{Consultation, Scope},
    opinions::NewOpinion,
    people::Locale,
    review::{Action, Scope as ReviewScope},
};

use crate::support::{
    app::{ClockExt, TestApp, eventually},
    telegram::{ChatRef, Person},
    world::{self, DRAFT, world},
};

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

async fn consultation(app: &TestApp, title: &str, closes_at: DateTime<Utc>) -> Consultation {
    world::publish(app, title, DRAFT, Scope::All, closes_at).await
}

/// An opinion on `c` for the point, made now; returns its id.
async fn opinion(app: &TestApp, c: i64, point: i64, key: &str) -> i64 {
    let o = NewOpinion {
        submission_key: key.into(),
        article: Some((1, "第一条".into())),
        body: "同意，很有必要。".into(),
        ..world::opinion(c, Some(point))
    };
    world::submit(app, &[o]).await[0]
}

/// The texts the bot sent `who` that contain `marker`.
fn texts(app: &TestApp, who: &Person, marker: &str) -> Vec<String> {
    app.tg
        .sent(who.id)
        .into_iter()
        .map(|m| m.text)
        .filter(|t| t.contains(marker))
        .collect()
}

/// 金桥 and 花木, each with a liaison (花木's named `huamu_liaison`) who has talked to
/// the bot (they redeemed an invite), so it may write to them. Returns the points' ids
/// and the two liaisons.
async fn two_points(app: &TestApp, huamu_liaison: &'static str) -> (i64, i64, Person, Person) {
    let places = world(app)
        .no_admin()
        .point("jinqiao", "金桥街道联系点")
        .liaison("金桥联络员")
        .point("huamu", "花木街道联系点")
        .liaison(huamu_liaison)
        .places()
        .await;
    let (jinqiao, huamu) = (
        places.liaison("jinqiao").clone(),
        places.liaison("huamu").clone(),
    );
    for p in [&jinqiao, &huamu] {
        app.tg.send_text(p, ChatRef::Private, "/start");
    }
    app.settle().await;
    (places.id("jinqiao"), places.id("huamu"), jinqiao, huamu)
}

/// Moves the clock to `at` (Shanghai local time on 2026-11-`day`).
fn local(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_digest_comes_at_its_time_with_what_is_new_and_never_empty() {
    let app = TestApp::spawn().await;
    let (jinqiao, huamu, zh, en) = two_points(&app, "Huamu liaison").await;
    app.db
        .people()
        .set_locale(en.id, Locale::En, app.clock.now_utc())
        .await
        .unwrap();
    // 2026-11-24 09:00: one opinion for each point.
    assert_eq!(app.clock.now_utc(), local(24, 9, 0));
    let c = consultation(
        &app,
        "某市养犬管理条例（草案）",
        local(24, 9, 0) + Duration::days(20),
    )
    .await;
    opinion(&app, c.id, jinqiao, "a1").await;
    opinion(&app, c.id, huamu, "b1").await;

    // One minute before the digest time: nothing.
    app.clock.set(local(24, 17, 59));
    app.settle().await;
    assert!(texts(&app, &zh, "每日意见摘要").is_empty());
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM digest_days").await, 0);

    // 18:00: each liaison gets their point's digest, in their language.
    app.clock.set(local(24, 18, 0));
    let got = app
        .tg
        .wait_for("both digests", |tg| {
            let zh_sent = tg
                .sent(zh.id)
                .into_iter()
                .find(|m| m.text.contains("每日意见摘要"))?;
            let en_sent = tg
                .sent(en.id)
                .into_iter()
                .find(|m| m.text.contains("Daily digest"))?;
            Some((zh_sent, en_sent))
        })
        .await;
    assert_eq!(
        got.0.text,
        "📋 每日意见摘要 · 金桥街道联系点\n\
         自 2026年11月23日 18:00 以来，本联系点新收到 1 条意见：\n\
         • C1 某市养犬管理条例（草案）：新增 1 条，目前待处理 1 条\n\
         发送 /review 开始审阅。"
    );
    assert_eq!(
        got.1.text,
        "📋 Daily digest · 花木街道联系点\n\
         One new opinion for your contact point since 2026-11-23 18:00:\n\
         • C1 某市养犬管理条例（草案）: 1 new, 1 to review\n\
         Send /review to review them."
    );

    // The next day brings nothing new: the digest run happens, nothing is sent.
    app.clock.set(local(25, 18, 0));
    eventually("the second day's digest run", || async {
        (count(&app.db, "SELECT COUNT(*) FROM digest_days").await == 2).then_some(())
    })
    .await;
    app.settle().await;
    assert_eq!(texts(&app, &zh, "每日意见摘要").len(), 1);
    assert_eq!(texts(&app, &en, "Daily digest").len(), 1);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM deliveries WHERE purpose = 'digest'"
        )
        .await,
        2
    );

    // The third day: two new opinions at 金桥, one of them already reviewed (new, but
    // not waiting).
    app.clock.set(local(26, 10, 0));
    opinion(&app, c.id, jinqiao, "a2").await;
    let seen = opinion(&app, c.id, jinqiao, "a3").await;
    app.db
        .reviews()
        .act(
            seen,
            zh.id,
            ReviewScope::Point(jinqiao),
            &Action::Reviewed,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    app.clock.set(local(26, 18, 0));
    let digests = app
        .tg
        .wait_for("the third day's digest", |tg| {
            let all: Vec<String> = tg
                .sent(zh.id)
                .into_iter()
                .map(|m| m.text)
                .filter(|t| t.contains("每日意见摘要"))
                .collect();
            (all.len() == 2).then_some(all)
        })
        .await;
    // Counted since the previous digest sent (the 24th), not since the empty run.
    assert!(
        digests[1].contains("自 2026年11月24日 18:00 以来，本联系点新收到 2 条意见"),
        "{}",
        digests[1]
    );
    assert!(
        digests[1].contains("新增 2 条，目前待处理 2 条"),
        "{}",
        digests[1]
    );
    eventually("the third day's run", || async {
        (count(&app.db, "SELECT COUNT(*) FROM digest_days").await == 3).then_some(())
    })
    .await;
    app.settle().await;
    assert_eq!(
        texts(&app, &en, "Daily digest").len(),
        1,
        "nothing new at 花木"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_reminders_come_two_days_before_the_deadline_while_opinions_wait() {
    let app = TestApp::spawn().await;
    let (jinqiao, huamu, zh, hm) = two_points(&app, "花木联络员").await;
    // C1 closes 2026-11-29 09:00: two opinions waiting at 金桥, 花木's one reviewed.
    let deadline = local(29, 9, 0);
    let c1 = consultation(&app, "某市养犬管理条例（草案）", deadline).await;
    opinion(&app, c1.id, jinqiao, "a1").await;
    opinion(&app, c1.id, jinqiao, "a2").await;
    let h = opinion(&app, c1.id, huamu, "b1").await;
    // C2 (an hour later): everything reviewed, so nobody is reminded.
    let c2 = consultation(
        &app,
        "某市物业管理条例（草案）",
        deadline + Duration::hours(1),
    )
    .await;
    let done = opinion(&app, c2.id, jinqiao, "c1").await;
    let now = app.clock.now_utc();
    for (id, point, who) in [(h, huamu, hm.id), (done, jinqiao, zh.id)] {
        app.db
            .reviews()
            .act(id, who, ReviewScope::Point(point), &Action::Reviewed, now)
            .await
            .unwrap();
    }

    // A minute before deadline − 2 days: no reminder yet.
    app.clock
        .set(deadline - Duration::days(2) - Duration::minutes(1));
    app.settle().await;
    assert!(texts(&app, &zh, "审阅提醒").is_empty());
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM review_reminders").await,
        0
    );

    // At deadline − 2 days: 金桥's liaison is reminded of C1 only.
    app.clock.set(deadline - Duration::days(2));
    let reminder = app
        .tg
        .wait_for("the review reminder", |tg| {
            tg.sent(zh.id)
                .into_iter()
                .find(|m| m.text.contains("审阅提醒"))
        })
        .await;
    assert_eq!(
        reminder.text,
        "⏰ 审阅提醒 · 金桥街道联系点\n\
         C1 某市养犬管理条例（草案） 将于 2026年11月29日 09:00 截止征求意见，本联系点还有 2 条意见待处理。\n\
         发送 /review 开始审阅。"
    );
    app.clock
        .set(deadline - Duration::days(2) + Duration::hours(1));
    eventually("both consultations' reminders are done", || async {
        (count(&app.db, "SELECT COUNT(*) FROM review_reminders").await == 2).then_some(())
    })
    .await;
    app.settle().await;
    assert!(
        texts(&app, &hm, "审阅提醒").is_empty(),
        "all of 花木's are reviewed"
    );
    assert_eq!(texts(&app, &zh, "审阅提醒").len(), 1, "once per deadline");
    assert!(
        texts(&app, &zh, "物业").is_empty(),
        "C2 has nothing waiting"
    );

    // The deadline moves three days: reminded again two days before the new one.
    let moved = deadline + Duration::days(3);
    app.db
        .consultations()
        .extend(c1.id, moved, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    app.clock
        .set(moved - Duration::days(2) - Duration::minutes(1));
    app.settle().await;
    assert_eq!(texts(&app, &zh, "审阅提醒").len(), 1);
    app.clock.set(moved - Duration::days(2));
    let again = app
        .tg
        .wait_for("the second reminder", |tg| {
            let all: Vec<String> = tg
                .sent(zh.id)
                .into_iter()
                .map(|m| m.text)
                .filter(|t| t.contains("审阅提醒"))
                .collect();
            (all.len() == 2).then_some(all)
        })
        .await;
    assert!(
        again[1].contains("将于 2026年12月2日 09:00 截止"),
        "{}",
        again[1]
    );
    app.finish().await;
}
