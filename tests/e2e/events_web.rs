//! 普法活动 over HTTP: a liaison creates an event in the staff console (an over-long
//! title refused with nothing stored) and the point's group gets its card; residents
//! sign up on its page with no account (a name optional), get a private link that
//! shows where they stand and when the reminders fall, a calendar file, a waiting list
//! that moves when someone cancels; the check-in page the venue's QR code opens
//! (forged and reused codes refused); the console's roster, walk-ins and figures;
//! signing up to a cancelled event and from too many browsers of one address refused.

use chrono::{Duration, TimeZone, Utc};

use crate::{
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        telegram::Group,
        web::{Browser, Page, spawn_web},
        world::world,
    },
};

async fn count(app: &TestApp, sql: &str) -> i64 {
    match &app.db {
        consult_domain::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        consult_domain::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// Signs a fresh browser up on the event's page; returns the browser and the path of
/// its private link.
async fn sign_up(addr: std::net::SocketAddr, id: i64, name: &str) -> (Browser, String) {
    let mut b = Browser::new(addr);
    let page = b.get(&format!("/e/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let done = post_form(&mut b, &page, &format!("/e/{id}"), &[("name", name)]).await;
    assert_eq!(done.status, 303, "{}", done.text());
    let link = done.location.clone().expect("the private link");
    assert!(link.starts_with("/e/m/"), "{link}");
    let link = link.split('?').next().unwrap_or_default().to_owned();
    (b, link)
}

/// Posts a form without following the redirect.
async fn post_form(b: &mut Browser, page: &Page, action: &str, set: &[(&str, &str)]) -> Page {
    let mut fields = page.form(action);
    for (k, v) in set {
        fields.retain(|(n, _)| n != k);
        fields.push(((*k).to_owned(), (*v).to_owned()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post_only(action, &pairs).await
}

async fn linked_group(app: &TestApp, liaison: &crate::support::telegram::Person) -> Group {
    let g = app.tg.group("金桥一群");
    app.tg.add_bot(liaison, &g);
    app.tg.wait_sent(g.id, 1).await;
    g
}

#[tokio::test]
async fn residents_sign_up_manage_and_check_in_on_the_web_and_the_console_counts_them() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let group = linked_group(&app, places.liaison("jinqiao")).await;

    // 1. The liaison creates the event in the console.
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = console.get("/staff/events").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let event = [
        ("title", "民法典进社区：遗嘱继承"),
        ("kind", "lecture"),
        ("topic", "遗嘱怎么立才有效"),
        ("starts", "2026-11-26 14:00"),
        ("ends", "2026-11-26 16:00"),
        ("venue", "金桥社区活动室"),
        ("capacity", "2"),
        ("description", "请带身份证。"),
    ];
    let long = "长".repeat(101);
    let mut too_long = event.to_vec();
    too_long[0] = ("title", &long);
    let refused = console.submit(&page, "/staff/events", &too_long).await;
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("1–100"), "{}", refused.text());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM law_events").await, 0);
    let created = console.submit(&page, "/staff/events", &event).await;
    assert_eq!(created.status, 200, "{}", created.text());
    assert!(created.text().contains("E1"), "{}", created.text());
    app.tg
        .wait_for("the card in the group", |tg| {
            tg.sent(group.id)
                .into_iter()
                .find(|m| m.text.contains("普法活动：民法典进社区"))
        })
        .await;

    // 2. The list and the page; 张三 signs up with a name, 李四 without.
    let mut visitor = Browser::new(addr);
    let list = visitor.get("/events").await;
    assert!(list.text().contains("民法典进社区"), "{}", list.text());
    let (mut zhang, zhang_link) = sign_up(addr, 1, "张三").await;
    let manage = zhang.get(&format!("{zhang_link}?new=1")).await;
    assert_eq!(manage.status, 200);
    let text = manage.text();
    assert!(text.contains("报名成功"), "{text}");
    assert!(text.contains("已报名"), "{text}");
    assert!(text.contains("11月25日 14:00（前一天）"), "{text}");
    assert!(text.contains("11月26日 13:00（前一小时）"), "{text}");
    let again = zhang.get("/e/1").await;
    assert!(
        again.text().contains("这个浏览器已经报名"),
        "{}",
        again.text()
    );
    let (_li, li_link) = sign_up(addr, 1, "").await;
    // Over-long name: refused, nothing stored.
    let mut wang = Browser::new(addr);
    let page = wang.get("/e/1").await;
    let refused = post_form(&mut wang, &page, "/e/1", &[("name", &"名".repeat(51))]).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.text().contains("最多 50 个字"),
        "{}",
        refused.text()
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM law_event_signups").await,
        2
    );
    let done = post_form(&mut wang, &page, "/e/1", &[("name", "王五")]).await;
    let wang_link = done.location.clone().expect("a link");
    let wang_link = wang_link.split('?').next().unwrap_or_default().to_owned();
    let waiting = wang.get(&wang_link).await;
    assert!(waiting.text().contains("候补第 1 位"), "{}", waiting.text());

    // The calendar file.
    let ics = visitor.get("/e/1/event.ics").await;
    assert_eq!(ics.status, 200);
    assert!(
        ics.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(
        ics.body.contains("SUMMARY:民法典进社区：遗嘱继承"),
        "{}",
        ics.body
    );
    assert!(
        ics.body.contains("DTSTART:20261126T060000Z"),
        "{}",
        ics.body
    );

    // 3. 李四 cancels from the private link: 王五 moves up.
    let mut li = Browser::new(addr);
    let page = li.get(&li_link).await;
    let cancelled = li.submit(&page, &format!("{li_link}/cancel"), &[]).await;
    assert!(
        cancelled.text().contains("已取消报名"),
        "{}",
        cancelled.text()
    );
    let moved = wang.get(&wang_link).await;
    assert!(moved.text().contains("已报名"), "{}", moved.text());
    assert!(!moved.text().contains("候补第"), "{}", moved.text());
    // A guessed private link is simply not found.
    let guessed = visitor
        .get("/e/m/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(guessed.status, 404);

    // 4. Check-in: the code made in the console (with its QR), the page it opens.
    let forged = visitor.get("/e/checkin/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(forged.status, 404);
    assert!(forged.text().contains("签到码不对"), "{}", forged.text());
    let now = app.clock.now_utc();
    let start = Utc.with_ymd_and_hms(2026, 11, 26, 6, 0, 0).unwrap();
    app.clock.advance(start - Duration::minutes(30) - now);
    crate::staff_web::log_in(&mut console, "wangfang", crate::staff_web::PASSWORD).await;
    let card = console.get("/staff/events/1").await;
    let shown = console.submit(&card, "/staff/events/1/code", &[]).await;
    assert!(shown.body.contains("<svg"), "a QR code");
    let text = shown.text();
    let at = text.find("/e/checkin/").expect("the check-in link") + "/e/checkin/".len();
    let code: String = text[at..].chars().take(22).collect();
    let path = format!("/e/checkin/{code}");
    let page = zhang.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let opened = count(
        &app,
        "SELECT COUNT(*) FROM law_event_signups WHERE checked_in_at IS NOT NULL",
    )
    .await;
    assert_eq!(opened, 0, "opening the page checks nobody in");
    let done = zhang.submit(&page, &path, &[]).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.text().contains("已签到"), "{}", done.text());
    let twice = zhang
        .post(
            &path,
            &page
                .form(&path)
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(twice.status, 409, "{}", twice.text());
    assert!(twice.text().contains("已经签到过了"), "{}", twice.text());
    // Someone who came without signing up checks in with a name.
    let mut walk_in = Browser::new(addr);
    let page = walk_in.get(&path).await;
    let done = walk_in.submit(&page, &path, &[("name", "赵六")]).await;
    assert!(done.text().contains("已签到"), "{}", done.text());
    let manage = zhang.get(&zhang_link).await;
    assert!(manage.text().contains("你已签到"), "{}", manage.text());

    // 5. The console: mark 王五 present, walk-ins, the figures.
    let card = console.get("/staff/events/1").await;
    assert!(card.text().contains("王五"), "{}", card.text());
    let csrf = card.field("/staff/events/1/walkins", "csrf").unwrap();
    let wang_id: i64 = count(&app, "SELECT id FROM law_event_signups WHERE name = '王五'").await;
    let marked = console
        .post(
            "/staff/events/1/present",
            &[
                ("csrf", &csrf),
                ("signup", &wang_id.to_string()),
                ("present", "1"),
            ],
        )
        .await;
    assert_eq!(marked.status, 200, "{}", marked.text());
    let card = console.get("/staff/events/1").await;
    let saved = console
        .submit(&card, "/staff/events/1/walkins", &[("walkins", "40")])
        .await;
    // 张三, 赵六 and 王五 checked in, 40 walk-ins.
    assert!(
        saved.text().contains("签到 3 · 现场参加 40 · 惠及人次 43"),
        "{}",
        saved.text()
    );
    let list = console.get("/staff/events").await;
    assert!(list.text().contains("普法活动统计"), "{}", list.text());
    assert!(list.text().contains("2026-11"), "{}", list.text());
    let stats = console.get("/staff/stats").await;
    assert!(stats.text().contains("普法活动统计"), "{}", stats.text());
    let assessment = console.get("/staff/assessment").await;
    assert!(
        assessment.text().contains("惠及人次"),
        "{}",
        assessment.text()
    );
    app.finish().await;
}

#[tokio::test]
async fn a_cancelled_event_and_too_many_browsers_of_one_address_are_refused() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = console.get("/staff/events").await;
    let event = [
        ("title", "律师驻点咨询"),
        ("kind", "consultation"),
        ("topic", "物业纠纷"),
        ("starts", "2026-11-26 14:00"),
        ("ends", "2026-11-26 16:00"),
        ("venue", "https://meeting.example.org/j/42"),
        ("capacity", ""),
    ];
    console.submit(&page, "/staff/events", &event).await;
    console.submit(&page, "/staff/events", &event).await;
    // Five browsers of one address sign up for E1; the sixth is refused.
    for i in 0..5 {
        sign_up(addr, 1, &format!("居民{i}")).await;
    }
    let mut sixth = Browser::new(addr);
    let page = sixth.get("/e/1").await;
    let refused = post_form(&mut sixth, &page, "/e/1", &[]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.text().contains("同一网络"), "{}", refused.text());
    // E2 is cancelled in the console: signing up is refused and nothing stored.
    let card = console.get("/staff/events/2").await;
    let done = console.submit(&card, "/staff/events/2/cancel", &[]).await;
    assert!(done.text().contains("已取消"), "{}", done.text());
    let before = count(&app, "SELECT COUNT(*) FROM law_event_signups").await;
    let mut late = Browser::new(addr);
    let page = late.get("/e/2").await;
    assert!(page.text().contains("已取消"), "{}", page.text());
    assert!(!page.body.contains("action=\"/e/2\""), "no form");
    let csrf = late.get("/e/1").await.field("/e/1", "csrf").unwrap();
    let refused = late
        .post_only("/e/2", &[("csrf", &csrf), ("name", "")])
        .await;
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused.text().contains("已取消"), "{}", refused.text());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM law_event_signups").await,
        before
    );
    // An informant has no events page.
    let (_, mut informant) = logged_in(&app, addr, "xinxi", "informant", Some("jinqiao")).await;
    assert_eq!(informant.get("/staff/events/1").await.status, 404);
    app.finish().await;
}
