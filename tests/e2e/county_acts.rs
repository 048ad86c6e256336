//! The county tier's acts (issue 20), on both channels: county staff of 浦东新区 act on
//! a 普法 event of their district's point as an admin does (its figures and buttons,
//! the check-in code, walk-ins, a note), move their district's groups among its
//! points, announce the city's open consultation again to their district's groups
//! only, and invite their points' informants; another district's event, group and
//! point answer exactly as unknown ones do, with nothing changed. The city's admin
//! sets a point's district from chat; county staff may not. Every act is audited.

use chrono::Duration;
use consult_domain::{
    Actor,
    audit::AuditRecord,
    consultations::Scope,
    events::{Event, EventKind, Fields, Joiner, NewEvent},
    people::Locale,
    points::PointCode,
};

use crate::{
    county::{County, county},
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{press_latest, say, say_text},
        telegram::{ChatRef, Group, Person},
        web::spawn_web,
        world::{DRAFT, publish, teller},
    },
};

/// An event of contact point `point`, made in the domain, starting in 80 minutes (so
/// that 25 minutes on, its walk-ins can be entered while a console session lasts).
async fn event_at(app: &TestApp, point: i64, title: &str) -> Event {
    let now = app.clock.now_utc();
    let start = now + Duration::minutes(80);
    let new = NewEvent::new(
        Some(point),
        EventKind::Consultation,
        Fields {
            title,
            topic: "物业纠纷",
            venue: "社区服务中心",
            capacity: "",
            description: "",
        },
        start,
        start + Duration::hours(2),
        None,
        now,
    )
    .unwrap();
    let (e, _) = app
        .db
        .events()
        .create(teller(), &new, Actor::CommandLine, now)
        .await
        .unwrap();
    e
}

/// Signs `name` up for event `id` as if in chat; returns the sign-up's id.
async fn signed_up(app: &TestApp, id: i64, person: i64, name: &str) -> i64 {
    let who = Joiner::Chat {
        person,
        name,
        locale: Locale::ZhCn,
    };
    let now = app.clock.now_utc();
    app.db.events().sign_up(id, who, now).await.unwrap().0.id
}

/// Whether sign-up `id` is marked present.
async fn present(app: &TestApp, event: i64, id: i64) -> bool {
    let all = app.db.events().signups(event).await.unwrap();
    all.iter().any(|s| s.id == id && s.checked_in_at.is_some())
}

/// A group the point's liaison added the bot to (so it is linked to their point).
async fn group_of(app: &TestApp, liaison: &Person, title: &str) -> Group {
    let g = app.tg.group(title);
    app.tg.add_bot(liaison, &g);
    app.tg.wait_sent(g.id, 1).await;
    g
}

/// The point a group is linked to now (its code).
async fn linked_to(app: &TestApp, g: &Group) -> Option<String> {
    app.db.groups().get(g.id).await.unwrap().unwrap().point_code
}

/// The newest audit entries whose action starts with `prefix`.
async fn audit(app: &TestApp, prefix: &str) -> Vec<AuditRecord> {
    app.db.audit().list(Some(prefix), 20).await.unwrap()
}

/// The county world with two events (金桥's E1, 虹桥's E2) and a group at each point.
struct Acts {
    c: County,
    jinqiao: Event,
    hongqiao: Event,
    /// 金桥's, 花木's and 虹桥's groups.
    groups: [Group; 3],
}

async fn acts(app: &TestApp) -> Acts {
    let c = county(app).await;
    let jinqiao = event_at(app, c.w.point("jinqiao"), "金桥普法讲座").await;
    let hongqiao = event_at(app, c.w.point("hongqiao"), "虹桥普法讲座").await;
    let groups = [
        group_of(app, c.w.liaison("jinqiao"), "金桥居民群").await,
        group_of(app, c.w.liaison("huamu"), "花木居民群").await,
        group_of(app, c.w.liaison("hongqiao"), "虹桥居民群").await,
    ];
    Acts {
        c,
        jinqiao,
        hongqiao,
        groups,
    }
}

/// Waits until every group in `groups` got one more message than `before` says.
async fn each_got_one_more(app: &TestApp, groups: &[&Group], before: &[usize]) {
    app.tg
        .wait_for("the card in each group", |f| {
            groups
                .iter()
                .zip(before)
                .all(|(g, n)| f.sent(g.id).len() > *n)
                .then_some(())
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn county_staff_act_on_their_districts_events_groups_and_announcements_in_chat() {
    let app = TestApp::spawn().await;
    let a = acts(&app).await;
    let zhao = &a.c.county;
    let (e1, e2) = (a.jinqiao.code(), a.hongqiao.code());

    // Groups: 金桥's group moves to 花木 (both theirs); 虹桥's group stays with 虹桥.
    let [jq, _, hq] = &a.groups;
    let last = |g: &Group| app.tg.sent(g.id).last().unwrap().text.clone();
    let n = app.tg.sent(jq.id).len();
    app.tg.send_text(zhao, ChatRef::Group(jq), "/link huamu");
    app.tg.wait_sent(jq.id, n + 1).await;
    assert!(last(jq).contains("本群已关联到花木联系点"), "{}", last(jq));
    assert_eq!(linked_to(&app, jq).await.as_deref(), Some("huamu"));
    let n = app.tg.sent(hq.id).len();
    app.tg.send_text(zhao, ChatRef::Group(hq), "/link huamu");
    app.tg.wait_sent(hq.id, n + 1).await;
    assert!(
        last(hq).contains("本群已经关联到虹桥联系点"),
        "{}",
        last(hq)
    );
    assert_eq!(linked_to(&app, hq).await.as_deref(), Some("hongqiao"));
    let links = audit(&app, "group.link").await;
    assert_eq!(links[0].actor, Some(zhao.id));
    assert_eq!(links[0].subject, jq.id.to_string());

    // Announcing again: their district's two groups, not 长宁区's.
    let id = a.c.w.id();
    let before: Vec<usize> = a.groups.iter().map(|g| app.tg.sent(g.id).len()).collect();
    let said = say_text(&app, zhao, &format!("/announce {id}")).await;
    assert!(said.contains("正在向 2 个居民群重新发送"), "{said}");
    each_got_one_more(&app, &[&a.groups[0], &a.groups[1]], &before[..2]).await;
    app.tg
        .wait_for("the broadcast done", |f| {
            f.sent(zhao.id)
                .iter()
                .any(|m| m.text.contains("发送完毕"))
                .then_some(())
        })
        .await;
    assert_eq!(
        app.tg.sent(hq.id).len(),
        before[2],
        "长宁区's group got nothing"
    );
    let announced = audit(&app, "consultation.announce").await;
    assert_eq!(announced[0].actor, Some(zhao.id));
    assert_eq!(announced[0].detail["district"], "pudong");
    assert_eq!(announced[0].detail["groups"], 2);
    // A consultation for 长宁区's point only is not theirs to announce.
    let elsewhere = publish(
        &app,
        "长宁区的征求意见",
        DRAFT,
        Scope::Points(vec![a.c.w.point("hongqiao")]),
        app.clock.now_utc() + Duration::days(10),
    )
    .await;
    let said = say_text(&app, zhao, &format!("/announce {}", elsewhere.id)).await;
    assert!(said.contains("不发往你负责的联系点"), "{said}");
    assert_eq!(
        audit(&app, "consultation.announce").await.len(),
        announced.len()
    );

    // Invites: an informant of their point; another district's point reads as unknown.
    let ok = say_text(&app, zhao, "/invite informant huamu").await;
    assert!(ok.contains("花木联系点的信息员"), "{ok}");
    let other = say_text(&app, zhao, "/invite informant hongqiao").await;
    let none = say_text(&app, zhao, "/invite informant nowhere").await;
    assert_eq!(other.replace("hongqiao", "X"), none.replace("nowhere", "X"));
    let invites = audit(&app, "invite.create").await;
    assert_eq!(invites.len(), 1, "one invite made: {invites:?}");
    assert_eq!(invites[0].actor, Some(zhao.id));
    assert_eq!(invites[0].detail["point"], "huamu");

    // 普法 events: their point's event with its figures and the staff's buttons.
    let view = say(&app, zhao, &format!("/event {e1}")).await;
    let text: String = view.iter().map(|m| m.text.clone()).collect();
    assert!(text.contains("报名 0 · 候补 0 · 签到 0"), "{text}");
    let labels: Vec<String> = view.iter().flat_map(|m| m.buttons()).flatten().collect();
    assert!(labels.iter().any(|b| b == "签到码"), "{labels:?}");
    let place = say_text(&app, zhao, &format!("/event {e1} place 金桥路 1 号")).await;
    assert!(place.contains("已修改"), "{place}");
    // 55 minutes before it begins: the check-in code, the walk-ins, a note.
    let now = app.clock.now_utc();
    app.clock
        .advance(a.jinqiao.starts_at - Duration::minutes(55) - now);
    let code = press_latest(&app, zhao, "签到码").await;
    assert!(code.contains(&format!("普法活动 {e1} 的签到码")), "{code}");
    let walkins = say_text(&app, zhao, &format!("/event {e1} walkins 12")).await;
    assert!(walkins.contains("现场参加人数：12"), "{walkins}");
    let note = say_text(&app, zhao, &format!("/event {e1} note 讲得很好")).await;
    assert!(note.contains(&e1), "{note}");
    // The roster: one press marks a resident present.
    let s = signed_up(&app, a.jinqiao.id, 880001, "陈阿姨").await;
    say(&app, zhao, &format!("/event {e1}")).await;
    let roster = press_latest(&app, zhao, "签到名单").await;
    assert!(
        roster.contains(&format!("{e1} 的报名名单（1 人）")),
        "{roster}"
    );
    press_latest(&app, zhao, "⬜ 1 陈阿姨 · 已报名").await;
    assert!(present(&app, a.jinqiao.id, s).await);

    // Another district's event answers as one that does not exist; nothing changes.
    let other = say_text(&app, zhao, &format!("/event {e2} walkins 12")).await;
    let none = say_text(&app, zhao, "/event E999 walkins 12").await;
    assert!(other.contains("没有找到这场普法活动"), "{other}");
    assert_eq!(other, none);
    let view = say_text(&app, zhao, &format!("/event {e2}")).await;
    assert!(
        !view.contains("报名 0 · 候补 0"),
        "no figures of it: {view}"
    );
    let e = app.db.events().get(a.hongqiao.id).await.unwrap().unwrap();
    assert_eq!(e.walk_ins, 0);
    assert!(!e.has_code);
    let events = audit(&app, "event.").await;
    let ours: Vec<&str> = events
        .iter()
        .filter(|r| r.actor == Some(zhao.id))
        .map(|r| r.action.as_str())
        .collect();
    for action in [
        "event.code",
        "event.walk_ins",
        "event.note",
        "event.edit",
        "event.present",
    ] {
        assert!(ours.contains(&action), "{action} in {ours:?}");
    }
    let on_theirs = events
        .iter()
        .filter(|r| r.actor == Some(zhao.id) && r.subject == e2);
    assert_eq!(on_theirs.count(), 0, "{events:?}");

    // A point's district is the city's: county staff are told so, nothing moves.
    let refused = say_text(&app, zhao, "/point huamu district changning").await;
    assert!(refused.contains("联系点和区县由管理员管理"), "{refused}");
    let huamu = PointCode::parse("huamu").unwrap();
    let p = app.db.points().get(&huamu).await.unwrap();
    assert_eq!(p.district.as_deref(), Some("浦东新区"));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_admin_sets_a_points_district_from_chat() {
    let app = TestApp::spawn().await;
    let c = county(&app).await;
    let admin = c.w.admin();
    let list = say_text(&app, admin, "/point").await;
    assert!(list.contains("huamu 花木联系点 · 浦东新区"), "{list}");
    assert!(list.contains("hongqiao 虹桥联系点 · 长宁区"), "{list}");

    let moved = say_text(&app, admin, "/point huamu district changning").await;
    assert!(moved.contains("已将花木联系点划入长宁区"), "{moved}");
    let huamu = PointCode::parse("huamu").unwrap();
    let p = app.db.points().get(&huamu).await.unwrap();
    assert_eq!(p.district.as_deref(), Some("长宁区"));
    let moves = audit(&app, "point.district").await;
    assert_eq!(moves[0].actor, Some(admin.id));
    assert_eq!(moves[0].subject, "huamu");
    assert_eq!(moves[0].detail["district"], "changning");
    // The county staff's reach follows at once: 花木's opinion is no longer theirs.
    let review = say_text(&app, &c.county, "/review").await;
    assert!(review.contains("待处理 2 ·"), "{review}");

    // Bad input is refused in words, nothing changed.
    let unknown = say_text(&app, admin, "/point huamu district nowhere").await;
    assert!(unknown.contains("没有代码为 nowhere 的区县"), "{unknown}");
    let no_point = say_text(&app, admin, "/point nowhere district pudong").await;
    assert!(
        no_point.contains("没有代码为 nowhere 的联系点"),
        "{no_point}"
    );
    let usage = say_text(&app, admin, "/point huamu pudong").await;
    assert!(usage.contains("用法：/point"), "{usage}");
    let p = app.db.points().get(&huamu).await.unwrap();
    assert_eq!(p.district.as_deref(), Some("长宁区"));
    assert_eq!(audit(&app, "point.district").await.len(), moves.len());

    // `-` takes it out of any district.
    let out = say_text(&app, admin, "/point huamu district -").await;
    assert!(out.contains("不属于任何区县"), "{out}");
    assert_eq!(app.db.points().get(&huamu).await.unwrap().district, None);
    app.finish().await;
}

#[tokio::test]
async fn county_staff_act_on_their_districts_events_groups_and_announcements_in_the_console() {
    let (app, addr) = spawn_web(WEB).await;
    let a = acts(&app).await;
    let (zhao, mut b) = logged_in(&app, addr, "zhaomin", "county", Some("pudong")).await;
    let dashboard = b.get("/staff").await;
    let csrf = dashboard.field("/staff/logout", "csrf").expect("a token");
    let (e1, e2) = (a.jinqiao.id, a.hongqiao.id);

    // Groups: the link form offers their district's points; 金桥's group moves to 花木;
    // 虹桥's group, or another district's point, is the 404.
    let [jq, hm, hq] = &a.groups;
    let groups = b.get("/staff/groups").await;
    let text = groups.text();
    assert!(
        text.contains("金桥居民群") && text.contains("花木居民群"),
        "{text}"
    );
    assert!(!text.contains("虹桥"), "{text}");
    let form = groups.form(&format!("/staff/groups/{}/link", jq.id));
    assert!(!form.is_empty(), "a link form for 金桥's group");
    let moved = b
        .post_only(
            &format!("/staff/groups/{}/link", jq.id),
            &[("csrf", csrf.as_str()), ("point", "huamu")],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.text());
    assert_eq!(linked_to(&app, jq).await.as_deref(), Some("huamu"));
    let elsewhere = b
        .post(
            &format!("/staff/groups/{}/link", hm.id),
            &[("csrf", csrf.as_str()), ("point", "hongqiao")],
        )
        .await;
    assert_eq!(elsewhere.status, 404);
    let theirs = b
        .post(
            &format!("/staff/groups/{}/link", hq.id),
            &[("csrf", csrf.as_str()), ("point", "huamu")],
        )
        .await;
    let unknown = b
        .post(
            "/staff/groups/-999999/link",
            &[("csrf", csrf.as_str()), ("point", "huamu")],
        )
        .await;
    assert_eq!(theirs.status, 404);
    assert_eq!(theirs.text(), unknown.text());
    assert_eq!(linked_to(&app, hm).await.as_deref(), Some("huamu"));
    assert_eq!(linked_to(&app, hq).await.as_deref(), Some("hongqiao"));
    let links = audit(&app, "group.link").await;
    assert_eq!(links[0].actor, Some(zhao));
    assert_eq!(links[0].subject, jq.id.to_string());

    // Announcing again: the question names their district's two groups; posted, the
    // card reaches those two and not 长宁区's.
    let id = a.c.w.id();
    let before: Vec<usize> = a.groups.iter().map(|g| app.tg.sent(g.id).len()).collect();
    let path = format!("/staff/consultations/{id}/announce");
    let ask = b.get(&path).await;
    assert_eq!(ask.status, 200, "{}", ask.text());
    assert!(ask.text().contains("2 个居民群"), "{}", ask.text());
    let done = b.submit(&ask, &path, &[]).await;
    assert_eq!(done.status, 200, "{}", done.text());
    each_got_one_more(&app, &[jq, hm], &before[..2]).await;
    let announced = audit(&app, "consultation.announce").await;
    assert_eq!(announced.len(), 1);
    assert_eq!(announced[0].actor, Some(zhao));
    assert_eq!(announced[0].detail["district"], "pudong");
    assert_eq!(announced[0].detail["groups"], 2);
    app.settle().await;
    assert_eq!(
        app.tg.sent(hq.id).len(),
        before[2],
        "长宁区's group got nothing"
    );

    // Invites (accounts with a one-time link): an informant of their point; another
    // district's point is the 404, and no account is made.
    let added = b
        .post(
            "/staff/accounts",
            &[
                ("csrf", csrf.as_str()),
                ("name", "lihua"),
                ("role", "informant"),
                ("point", "huamu"),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(
        added.text().contains("已添加账号 lihua"),
        "{}",
        added.text()
    );
    let refused = b
        .post(
            "/staff/accounts",
            &[
                ("csrf", csrf.as_str()),
                ("name", "zhangsan"),
                ("role", "informant"),
                ("point", "hongqiao"),
            ],
        )
        .await;
    assert_eq!(refused.status, 404);
    let accounts = app.db.staff().list().await.unwrap();
    assert!(accounts.iter().any(|(s, _)| s.name == "lihua"));
    assert!(accounts.iter().all(|(s, _)| s.name != "zhangsan"));
    let adds = audit(&app, "staff.add").await;
    assert_eq!(adds[0].actor, Some(zhao));

    // 普法 events: their point's event page and its actions; another district's is
    // the 404 of an unknown id, for a look and for every action, nothing changed.
    let page = b.get(&format!("/staff/events/{e1}")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("金桥普法讲座"), "{}", page.text());
    let other = b.get(&format!("/staff/events/{e2}")).await;
    let unknown = b.get("/staff/events/999999").await;
    assert_eq!(other.status, 404);
    assert_eq!(other.text(), unknown.text());
    let now = app.clock.now_utc();
    app.clock
        .advance(a.jinqiao.starts_at - Duration::minutes(55) - now);
    let code = b
        .post(
            &format!("/staff/events/{e1}/code"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(code.status, 200, "{}", code.text());
    assert!(code.text().contains("签到码"), "{}", code.text());
    for (act, fields) in [
        ("walkins", vec![("walkins", "9")]),
        ("note", vec![("note", "来了很多老人")]),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields.iter().copied());
        let done = b
            .post_only(&format!("/staff/events/{e1}/{act}"), &form)
            .await;
        assert_eq!(done.status, 303, "{act}: {}", done.text());
        let refused = b.post(&format!("/staff/events/{e2}/{act}"), &form).await;
        assert_eq!(refused.status, 404, "{act}");
    }
    let refused = b
        .post(
            &format!("/staff/events/{e2}/cancel"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(refused.status, 404);
    // Marking present: a sign-up of their event; one of another district's event,
    // even posted on their own event's page, is the 404.
    let ours = signed_up(&app, e1, 880001, "陈阿姨").await;
    let theirs = signed_up(&app, e2, 880002, "王伯伯").await;
    for (s, status) in [(ours, 303), (theirs, 404)] {
        let s = s.to_string();
        let form = [("csrf", csrf.as_str()), ("signup", &s), ("present", "1")];
        let done = b
            .post_only(&format!("/staff/events/{e1}/present"), &form)
            .await;
        assert_eq!(done.status, status, "{}", done.text());
    }
    assert!(present(&app, e1, ours).await);
    assert!(!present(&app, e2, theirs).await);
    let ours = app.db.events().get(e1).await.unwrap().unwrap();
    assert_eq!(
        (ours.walk_ins, ours.note.as_deref()),
        (9, Some("来了很多老人"))
    );
    let theirs = app.db.events().get(e2).await.unwrap().unwrap();
    assert_eq!(
        (theirs.walk_ins, theirs.note, theirs.has_code),
        (0, None, false)
    );
    assert_eq!(theirs.status, a.hongqiao.status);
    let events = audit(&app, "event.").await;
    let acted: Vec<&str> = events
        .iter()
        .filter(|r| r.actor == Some(zhao))
        .map(|r| r.action.as_str())
        .collect();
    for action in [
        "event.code",
        "event.walk_ins",
        "event.note",
        "event.present",
    ] {
        assert!(acted.contains(&action), "{action} in {acted:?}");
    }

    // A point's district is the city's: its page is the 404.
    assert_eq!(b.get("/staff/points/huamu").await.status, 404);
    app.finish().await;
}
