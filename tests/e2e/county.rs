//! The county tier (上下联动), on both channels: county staff of 浦东新区 review, export,
//! count, rank and relay their district's points (金桥, 花木) in chat and in the
//! console, and invite their points' liaisons; another district's point (虹桥, in 长宁区),
//! opinion and report answer exactly as an unknown one does; deciding and concluding
//! the city's consultation is refused; the city's admins see the figures by
//! district; bad input (no district, an unknown one, a point given to county staff)
//! is refused in words; every look and act is in the audit log with the district.

use consult_domain::{
    Actor, Error,
    assessment::Period,
    districts::DistrictCode,
    opinions::{Identity, NewOpinion},
    people::Locale,
    points::PointCode,
    relay::{CategoryCode, NewReport, Report, ReportChannel, Reporter},
    review::Scope,
    roles::{Assignment, Role},
};

use crate::{
    export::sheets,
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp, binary},
        chat::{say, say_text},
        db::TestDb,
        telegram::{ChatRef, Person},
        web::spawn_web,
        world::{World, submit, world},
    },
};

/// Two districts: 浦东新区 (金桥, 花木) and 长宁区 (虹桥), each point with its liaison, the
/// city's consultation open, one opinion at each point (two at 金桥), one 社情民意
/// report at 金桥 and one at 虹桥, and 赵敏, county staff of 浦东新区, in Telegram.
pub(crate) struct County {
    pub(crate) w: World,
    pub(crate) county: Person,
    /// 金桥's first opinion and 虹桥's.
    pub(crate) jinqiao: i64,
    pub(crate) hongqiao: i64,
    /// 金桥's report and 虹桥's.
    pub(crate) reports: (Report, Report),
}

pub(crate) async fn county(app: &TestApp) -> County {
    let w = world(app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .point("huamu", "花木联系点")
        .liaison("李强")
        .point("hongqiao", "虹桥联系点")
        .liaison("张伟")
        .open()
        .await;
    app.district("pudong", "浦东新区", &["jinqiao", "huamu"])
        .await;
    app.district("changning", "长宁区", &["hongqiao"]).await;
    let county = app.tg.person("赵敏");
    app.grant_county(county.id, "pudong").await;
    let body = |text: &str, code: &str| NewOpinion {
        submission_key: format!("k-{code}-{text}"),
        body: text.into(),
        identity: Identity::Anonymous,
        ..w.opinion(code)
    };
    let ids = submit(
        app,
        &[
            body("金桥：犬只登记应当可以在网上办理。", "jinqiao"),
            body("金桥：遛狗必须牵绳。", "jinqiao"),
            body("花木：小区应当划出遛狗区域。", "huamu"),
            body("虹桥：烈性犬应当禁养。", "hongqiao"),
        ],
    )
    .await;
    let report = |key: &str, text: &str, point: i64| {
        NewReport::new(
            key.into(),
            CategoryCode::parse("traffic").unwrap(),
            text,
            "路口",
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
            Some(point),
        )
        .unwrap()
    };
    let now = app.clock.now_utc();
    let relay = app.db.relay();
    let pudong = relay
        .submit(
            &report("r1", "金桥路口红绿灯时间太短。", w.point("jinqiao")),
            now,
        )
        .await
        .unwrap();
    let changning = relay
        .submit(
            &report("r2", "虹桥路口没有斑马线。", w.point("hongqiao")),
            now,
        )
        .await
        .unwrap();
    County {
        w,
        county,
        jinqiao: ids[0],
        hongqiao: ids[3],
        reports: (pudong, changning),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn county_staff_work_on_their_districts_points_in_chat_and_nowhere_else() {
    let app = TestApp::spawn().await;
    let c = county(&app).await;
    let zhao = &c.county;
    let id = c.w.id();

    let greeting: String = say(&app, zhao, "/start")
        .await
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert!(
        greeting.contains("您是浦东新区的县区人大工作人员"),
        "{greeting}"
    );

    // Review: their district's three opinions, not 虹桥's.
    let review = say_text(&app, zhao, "/review").await;
    assert!(review.contains("意见审阅（浦东新区）"), "{review}");
    assert!(review.contains("待处理 3 ·"), "{review}");

    // Export: the sheet holds 金桥's and 花木's opinions only.
    let before = app.tg.sent(zhao.id).len();
    app.tg.send_text(zhao, ChatRef::Private, "/export");
    app.settle().await;
    let sent = app.tg.sent(zhao.id);
    let m = &sent[before];
    assert_eq!(m.kind, "document", "{}", m.text);
    assert!(
        m.text
            .starts_with("意见汇总表（浦东新区）：1 个草案，3 条意见。"),
        "{}",
        m.text
    );
    let file = m.file.clone().expect("a file");
    assert!(
        file.file_name
            .as_deref()
            .unwrap_or_default()
            .contains("-pudong-"),
        "{:?}",
        file.file_name
    );
    let cells: String = sheets(&file.bytes)
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .flatten()
        .collect::<Vec<_>>()
        .join("|");
    assert!(cells.contains("金桥：遛狗必须牵绳。"), "{cells}");
    assert!(cells.contains("花木：小区应当划出遛狗区域。"), "{cells}");
    assert!(
        cells.contains("金桥路口红绿灯时间太短。"),
        "the district's 社情民意"
    );
    assert!(
        !cells.contains("虹桥"),
        "nothing of another district: {cells}"
    );

    // The assessment: their points, ranked (金桥 has more opinions than 花木).
    let today = app
        .clock
        .now_utc()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let assessment = say_text(&app, zhao, &format!("/stats {today} {today}")).await;
    assert!(assessment.contains("按意见数排名"), "{assessment}");
    let first = assessment.find("第 1 名：金桥联系点").expect(&assessment);
    let second = assessment.find("第 2 名：花木联系点").expect(&assessment);
    assert!(first < second);
    assert!(!assessment.contains("虹桥"), "{assessment}");
    assert!(
        !assessment.contains("按区县汇总"),
        "the rollup is the city's"
    );

    // 社情民意: their district's report in the queue, not 长宁区's.
    let queue = say(&app, zhao, "/reports").await;
    let labels: String = queue
        .iter()
        .flat_map(|m| m.buttons())
        .flatten()
        .collect::<Vec<_>>()
        .join("|");
    assert!(labels.contains(c.reports.0.receipt.as_str()), "{labels}");
    assert!(!labels.contains(c.reports.1.receipt.as_str()), "{labels}");

    // Groups: one linked to their point from the group; another district's point is
    // as unknown as none; /groups lists it.
    let group = app.tg.group("花木居民群");
    app.tg.add_bot(zhao, &group);
    app.tg.wait_sent(group.id, 1).await;
    let last = |app: &TestApp| {
        app.tg
            .sent(group.id)
            .last()
            .map(|m| m.text.clone())
            .unwrap()
    };
    app.tg
        .send_text(zhao, ChatRef::Group(&group), "/link hongqiao");
    app.tg.wait_sent(group.id, 2).await;
    let other = last(&app);
    app.tg
        .send_text(zhao, ChatRef::Group(&group), "/link nowhere");
    app.tg.wait_sent(group.id, 3).await;
    assert_eq!(
        other.replace("hongqiao", "X"),
        last(&app).replace("nowhere", "X")
    );
    app.tg
        .send_text(zhao, ChatRef::Group(&group), "/link huamu");
    app.tg.wait_sent(group.id, 4).await;
    assert!(last(&app).contains("花木联系点"), "{}", last(&app));
    let groups = say_text(&app, zhao, "/groups").await;
    assert!(groups.contains("花木居民群"), "{groups}");

    // Invites: a liaison of their point; another district's point reads as unknown,
    // word for word as a point that does not exist.
    let ok = say_text(&app, zhao, "/invite liaison huamu").await;
    assert!(ok.contains("花木联系点的联络员"), "{ok}");
    assert!(ok.contains("https://t.me/"), "{ok}");
    let other = say_text(&app, zhao, "/invite liaison hongqiao").await;
    let none = say_text(&app, zhao, "/invite liaison nowhere").await;
    assert_eq!(
        other.replace("hongqiao", "X"),
        none.replace("nowhere", "X"),
        "another district's point is as unknown as none"
    );
    let county_invite = say_text(&app, zhao, "/invite county changning").await;
    assert!(county_invite.contains("用法"), "{county_invite}");

    // The city's consultation is not theirs to decide or conclude.
    let decide = say_text(&app, zhao, &format!("/decide {id}")).await;
    assert!(
        decide.contains("只有管理员可以对意见作出处理决定"),
        "{decide}"
    );
    let conclude = say_text(&app, zhao, &format!("/conclude {id}")).await;
    assert!(conclude.contains("只有管理员可以办结"), "{conclude}");

    // Every look is in the audit log with their district.
    let exports = app.db.audit().list(Some("export"), 10).await.unwrap();
    assert_eq!(exports[0].actor, Some(zhao.id));
    assert_eq!(exports[0].detail["district"], "pudong");
    let looks = app
        .db
        .audit()
        .list(Some("stats.assessment"), 10)
        .await
        .unwrap();
    assert_eq!(looks[0].detail["district"], "pudong");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_point_out_of_the_district_moves_it_out_of_reach_at_once() {
    let app = TestApp::spawn().await;
    let c = county(&app).await;
    let zhao = &c.county;
    let before = say_text(&app, zhao, "/review").await;
    assert!(before.contains("待处理 3 ·"), "{before}");
    app.db
        .points()
        .set_district(
            &PointCode::parse("huamu").unwrap(),
            Some(&DistrictCode::parse("changning").unwrap()),
            Actor::CommandLine,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let after = say_text(&app, zhao, "/review").await;
    assert!(after.contains("待处理 2 ·"), "{after}");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_sees_every_figure_by_district() {
    let app = TestApp::spawn().await;
    let c = county(&app).await;
    let admin = c.w.admin().clone();
    let today = app
        .clock
        .now_utc()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let text = say_text(&app, &admin, &format!("/stats {today} {today}")).await;
    let rollup = text.find("按区县汇总").expect(&text);
    let tail = &text[rollup..];
    // 长宁区: 虹桥's one; 浦东新区: 金桥's two and 花木's one (in district code order).
    let changning = tail.find("长宁区（changning）").expect(tail);
    let pudong = tail.find("浦东新区（pudong）").expect(tail);
    assert!(changning < pudong, "in district code order: {tail}");
    assert!(
        tail[pudong..].contains("收集意见 3 条"),
        "{}",
        &tail[pudong..]
    );
    assert!(
        tail[changning..pudong].contains("收集意见 1 条"),
        "{}",
        &tail[changning..pudong]
    );

    // The domain's rollup adds up the points' figures.
    let period = Period::days(today, today, chrono_tz::Asia::Shanghai).unwrap();
    let by_district = app
        .db
        .assessments()
        .by_district(&period, app.clock.now_utc(), "未划入区县")
        .await
        .unwrap();
    let pairs: Vec<(&str, i64, i64)> = by_district
        .iter()
        .map(|a| (a.code.as_str(), a.opinions(), a.reports))
        .collect();
    assert_eq!(pairs, [("changning", 1, 1), ("pudong", 3, 1)]);

    // A consultation's statistics: by point and by district.
    let stats = app
        .db
        .stats()
        .of(c.w.id(), Scope::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stats.by_district,
        [
            (Some("浦东新区".to_owned()), 3),
            (Some("长宁区".to_owned()), 1)
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn county_staff_in_the_console_reach_their_district_and_get_404_elsewhere() {
    let (app, addr) = spawn_web(WEB).await;
    let c = county(&app).await;
    let id = c.w.id();
    let (_, mut b) = logged_in(&app, addr, "zhaomin", "county", Some("pudong")).await;

    let dashboard = b.get("/staff").await;
    assert!(
        dashboard.text().contains("zhaomin（浦东新区 县区人大）"),
        "{}",
        dashboard.text()
    );
    let csrf = dashboard
        .field("/staff/logout", "csrf")
        .expect("the logout form's token");

    // Their district's opinion, and the 404 of another district's, as of an unknown id.
    assert_eq!(
        b.get(&format!("/staff/opinions/{}", c.jinqiao))
            .await
            .status,
        200
    );
    let other = b.get(&format!("/staff/opinions/{}", c.hongqiao)).await;
    let unknown = b.get("/staff/opinions/999999").await;
    assert_eq!(other.status, 404);
    assert_eq!(other.text(), unknown.text());
    let act = b
        .post(
            &format!("/staff/opinions/{}/review", c.hongqiao),
            &[("csrf", csrf.as_str()), ("action", "reviewed")],
        )
        .await;
    assert_eq!(act.status, 404);
    let reviewed = b
        .post(
            &format!("/staff/opinions/{}/review", c.jinqiao),
            &[("csrf", csrf.as_str()), ("action", "reviewed")],
        )
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.text());
    assert!(
        reviewed.text().contains("已将 C1-0001 标为已阅"),
        "{}",
        reviewed.text()
    );

    // The ledger table: their three, with the point column; not 虹桥's.
    let table = b.get("/staff/review").await;
    assert!(
        table.text().contains("金桥：遛狗必须牵绳。"),
        "{}",
        table.text()
    );
    assert!(table.text().contains("花木联系点"), "{}", table.text());
    assert!(!table.text().contains("虹桥"), "{}", table.text());

    // Statistics and the assessment, ranked.
    let stats = b.get(&format!("/staff/stats/{id}")).await;
    assert_eq!(stats.status, 200);
    assert!(
        stats.text().contains("统计范围：浦东新区"),
        "{}",
        stats.text()
    );
    assert!(!stats.text().contains("按区县"), "the rollup is the city's");
    let assessment = b.get("/staff/assessment").await;
    let text = assessment.text();
    assert!(text.contains("名次"), "{text}");
    let first = text.find("1 金桥联系点").expect(&text);
    let second = text.find("2 花木联系点").expect(&text);
    assert!(first < second, "{text}");
    assert!(!text.contains("虹桥"), "{text}");

    // The export.
    let download = b.get(&format!("/staff/export/C{id}.xlsx")).await;
    assert_eq!(download.status, 200, "{}", download.text());

    // 社情民意: their report, and the 404 of 长宁区's.
    let ours = b.get(&format!("/staff/reports/{}", c.reports.0.id)).await;
    assert_eq!(ours.status, 200);
    let theirs = b.get(&format!("/staff/reports/{}", c.reports.1.id)).await;
    assert_eq!(theirs.status, 404);

    // Not theirs: the city's decisions and conclusion, contact points, the audit log.
    for path in [
        format!("/staff/consultations/{id}/decisions"),
        format!("/staff/consultations/{id}/conclude"),
        "/staff/points".to_owned(),
        "/staff/audit".to_owned(),
        "/staff/consultations/new".to_owned(),
    ] {
        assert_eq!(b.get(&path).await.status, 404, "{path}");
    }
    let conclude = b
        .post(
            &format!("/staff/consultations/{id}/conclude"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(conclude.status, 404);

    // Roles: a liaison of their point, given; of another district's point, 404.
    let roles = b.get("/staff/roles").await;
    assert_eq!(roles.status, 200);
    let other_point = b
        .post(
            "/staff/roles",
            &[
                ("csrf", csrf.as_str()),
                ("person", "777001"),
                ("role", "liaison"),
                ("point", "hongqiao"),
            ],
        )
        .await;
    assert_eq!(other_point.status, 404);
    let given = b
        .post(
            "/staff/roles",
            &[
                ("csrf", csrf.as_str()),
                ("person", "777001"),
                ("role", "liaison"),
                ("point", "huamu"),
            ],
        )
        .await;
    assert_eq!(given.status, 200, "{}", given.text());
    let role = app.db.roles().of(777001).await.unwrap().expect("granted");
    assert_eq!(role.point.map(|p| p.code).as_deref(), Some("huamu"));
    let county_role = b
        .post(
            "/staff/roles",
            &[
                ("csrf", csrf.as_str()),
                ("person", "777002"),
                ("role", "county"),
                ("district", "changning"),
            ],
        )
        .await;
    assert_eq!(county_role.status, 404, "county staff make no county staff");
    assert!(app.db.roles().of(777002).await.unwrap().is_none());

    // The audit log has their review, under their person.
    let reviews = app.db.audit().list(Some("review."), 10).await.unwrap();
    assert!(!reviews.is_empty());
    app.finish().await;
}

#[tokio::test]
async fn the_city_admin_sets_districts_and_sees_figures_by_district_in_the_console() {
    let (app, addr) = spawn_web(WEB).await;
    let c = county(&app).await;
    let id = c.w.id();
    let (admin, mut b) = logged_in(&app, addr, "admin1", "admin", None).await;

    // 花木 moves to 长宁区 from the points page; an unknown district is refused.
    let edit = b.get("/staff/points/huamu").await;
    assert_eq!(edit.status, 200);
    let moved = b
        .submit(&edit, "/staff/points/huamu", &[("district", "changning")])
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let huamu = app
        .db
        .points()
        .get(&PointCode::parse("huamu").unwrap())
        .await
        .unwrap();
    assert_eq!(huamu.district.as_deref(), Some("长宁区"));
    let moves = app
        .db
        .audit()
        .list(Some("point.district"), 10)
        .await
        .unwrap();
    assert_eq!(moves[0].actor, Some(admin));
    assert_eq!(moves[0].subject, "huamu");
    assert_eq!(moves[0].detail["district"], "changning");
    let edit = b.get("/staff/points/huamu").await;
    let refused = b
        .submit(&edit, "/staff/points/huamu", &[("district", "nowhere")])
        .await;
    assert!(
        refused.text().contains("没有代码为 nowhere 的区县"),
        "{}",
        refused.text()
    );
    let list = b.get("/staff/points").await;
    assert!(list.text().contains("长宁区"), "{}", list.text());

    let stats = b.get(&format!("/staff/stats/{id}")).await;
    assert!(stats.text().contains("按区县"), "{}", stats.text());
    let assessment = b.get("/staff/assessment").await;
    let text = assessment.text();
    let rollup = text.find("按区县汇总").expect(&text);
    assert!(text[rollup..].contains("浦东新区"), "{text}");
    assert!(text[rollup..].contains("长宁区"), "{text}");

    // A county account from the roles form: the district is required.
    let csrf = list.field("/staff/logout", "csrf").unwrap();
    let no_district = b
        .post(
            "/staff/roles",
            &[
                ("csrf", csrf.as_str()),
                ("person", "777003"),
                ("role", "county"),
            ],
        )
        .await;
    assert!(
        no_district.text().contains("县区人大必须选择一个区县"),
        "{}",
        no_district.text()
    );
    let granted = b
        .post(
            "/staff/roles",
            &[
                ("csrf", csrf.as_str()),
                ("person", "777003"),
                ("role", "county"),
                ("district", "changning"),
            ],
        )
        .await;
    assert_eq!(granted.status, 200, "{}", granted.text());
    let role = app.db.roles().of(777003).await.unwrap().expect("granted");
    assert_eq!(role.role, Role::County);
    assert_eq!(role.district.map(|d| d.code).as_deref(), Some("changning"));
    let grants = app.db.audit().list(Some("role.grant"), 10).await.unwrap();
    assert_eq!(grants[0].detail["district"], "changning");
    app.finish().await;
}

#[tokio::test]
async fn bad_county_input_is_refused_in_words() {
    let app = TestApp::spawn().await;
    county(&app).await;
    let d = |s: &str| DistrictCode::parse(s).unwrap();
    let p = |s: &str| PointCode::parse(s).unwrap();
    assert!(matches!(
        Assignment::bound(Role::County, None, None),
        Err(Error::DistrictRequired)
    ));
    assert!(matches!(
        Assignment::bound(Role::County, Some(p("jinqiao")), Some(d("pudong"))),
        Err(Error::PointNotAllowed)
    ));
    assert!(matches!(
        Assignment::bound(Role::Liaison, Some(p("jinqiao")), Some(d("pudong"))),
        Err(Error::DistrictNotAllowed)
    ));
    let unknown = Assignment::bound(Role::County, None, Some(d("nowhere"))).unwrap();
    assert!(matches!(
        app.db
            .roles()
            .grant(5, &unknown, Actor::CommandLine, app.clock.now_utc())
            .await,
        Err(Error::UnknownDistrict(c)) if c == "nowhere"
    ));
    assert!(matches!(
        DistrictCode::parse("浦东"),
        Err(Error::Invalid(consult_domain::error::Field::DistrictCode))
    ));
    let dup = app
        .db
        .districts()
        .add(
            &d("pudong2"),
            "浦东新区",
            Actor::CommandLine,
            app.clock.now_utc(),
        )
        .await;
    assert!(
        matches!(dup, Err(Error::DuplicateDistrict(_))),
        "names are unique too"
    );
    app.finish().await;
}

/// `consult-bot district add`, `point district`, `staff add --role county --district`
/// and `role grant … county`, as an operator runs them; mistakes in one line.
#[tokio::test]
async fn the_command_line_makes_districts_and_county_staff() {
    let t = TestDb::new().await;
    let run = |args: &[&str]| {
        binary()
            .args(["--database-url", t.url.as_str(), "--locale", "zh-CN"])
            .args(["--web-url", "https://consult.example.org/"])
            .args(args)
            .output()
            .expect("the binary runs")
    };
    let ok = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let fails = |args: &[&str], expected: &str| {
        let o = run(args);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success(), "{args:?} should fail");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{expected:?} not in {err:?}");
    };
    assert_eq!(
        ok(&["district", "add", "pudong", "浦东新区"]).trim(),
        "已添加区县 pudong：浦东新区"
    );
    ok(&["point", "add", "jinqiao", "金桥联系点"]);
    assert_eq!(
        ok(&["point", "district", "jinqiao", "pudong"]).trim(),
        "联系点 jinqiao 已划入 浦东新区。"
    );
    assert_eq!(
        ok(&["district", "list"]).trim(),
        "pudong\t浦东新区\tjinqiao"
    );
    let added = ok(&[
        "staff",
        "add",
        "zhaomin",
        "--role",
        "county",
        "--district",
        "pudong",
    ]);
    assert!(added.contains("pudong 的县区人大"), "{added}");
    assert_eq!(
        ok(&["role", "grant", "4242", "county", "--district", "pudong"]).trim(),
        "已授予用户 4242 县区人大角色，所属区县：pudong 浦东新区。"
    );
    fails(
        &["staff", "add", "nodistrict", "--role", "county"],
        "县区人大必须绑定一个区县",
    );
    fails(
        &["role", "grant", "4243", "county", "--district", "nowhere"],
        "没有代码为 nowhere 的区县",
    );
    fails(
        &[
            "role",
            "grant",
            "4243",
            "county",
            "--point",
            "jinqiao",
            "--district",
            "pudong",
        ],
        "不绑定联系点",
    );
    fails(
        &[
            "role",
            "grant",
            "4243",
            "liaison",
            "--point",
            "jinqiao",
            "--district",
            "pudong",
        ],
        "只有县区人大绑定区县",
    );
    fails(&["point", "district", "jinqiao", "浦东"], "区县代码须为");
    assert_eq!(
        ok(&["point", "district", "jinqiao", "-"]).trim(),
        "联系点 jinqiao 已不属于任何区县。"
    );
}
