//! Open calls (立法项目征集) end to end, on both channels and one domain: an admin opens
//! a call in chat (and another in the console); the groups get its card; a resident
//! suggests a project in chat, another on the web; the liaison reviews them; after the
//! deadline each suggestion is decided on its own (列入立法计划 in chat, 列入调研项目 in
//! the console), the feedback released (chat, the status page, the unreachable
//! list), and the call concluded with its 回音壁 in the groups; the export's sheet, the
//! statistics and the 考核 count the suggestions; bad input (over-long text, a
//! suggestion after the deadline, a forged button, an article path on an open call) is
//! refused clearly with nothing stored.

use chrono::Duration;
use consult_domain::{
    Actor, Db, Error,
    assessment::Period,
    consultations::State,
    decisions::{NewDecision, Outcome, Target},
    export::SUGGESTION_HEADERS,
    open_calls::{Kind, NewOpenCall, Suggestion},
    opinions::{Channel, NewOpinion, Stance},
};

use crate::{
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{forged, last, last_with, press, press_latest, reply, say, say_text, toast},
        sheets::{sheet_rows, whole_export},
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

/// Opinions and suggestions stored: both, since a suggestion is an opinion.
async fn stored(app: &TestApp) -> (i64, i64) {
    (
        count(&app.db, "SELECT COUNT(*) FROM opinions").await,
        count(&app.db, "SELECT COUNT(*) FROM suggestions").await,
    )
}

const TITLE: &str = "电动自行车停放充电管理条例";
const PROBLEM: &str = "楼道里停放电动自行车、飞线充电，火灾隐患很大。";
const CONTENTS: &str = "规定集中停放充电场所的建设、物业的管理责任和违规充电的处罚。";

#[tokio::test]
async fn an_open_call_goes_from_announcement_to_summary_on_both_channels() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let (admin, liaison) = (places.admin().clone(), places.liaison("jinqiao").clone());
    let group = app.tg.group("金桥一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    say(&app, &admin, "/start").await;
    say(&app, &liaison, "/start").await;

    // 1. An admin opens the call in chat; a liaison may not.
    let refused = say_text(&app, &liaison, "/opencall 2026-12-10 不该由联络员发起").await;
    assert!(refused.contains("只有管理员"), "{refused}");
    let usage = say_text(&app, &admin, "/opencall 2026-12-10").await;
    assert!(usage.contains("用法"), "{usage}");
    say(
        &app,
        &admin,
        "/opencall 2026-12-10 2027年度立法计划项目建议征集\n请就本市需要制定或修改的地方性法规提出建议。",
    )
    .await;
    // The broadcast's progress may come after the answer.
    let done = last_with(&app, &admin, "已发起立法项目征集").await.text;
    assert!(
        done.contains("已发起立法项目征集 C1「2027年度立法计划项目建议征集」"),
        "{done}"
    );
    assert!(done.contains("1 个居民群"), "{done}");
    let c = app.db.consultations().get(1).await.unwrap().unwrap();
    assert_eq!((c.kind, c.state), (Kind::OpenCall, State::Open));
    assert_eq!(
        app.db
            .consultations()
            .draft(1, 1)
            .await
            .unwrap()
            .unwrap()
            .articles
            .len(),
        0,
        "no articles"
    );
    // The group's card, like a draft's, with the button to suggest.
    let card = &app.tg.wait_sent(group.id, 2).await[1];
    assert!(
        card.text
            .contains("立法项目征集：2027年度立法计划项目建议征集"),
        "{}",
        card.text
    );
    assert!(card.text.contains("请就本市需要制定"), "{}", card.text);
    assert!(
        card.buttons()
            .iter()
            .flatten()
            .any(|b| b == "提出立法项目建议"),
        "{:?}",
        card.buttons()
    );

    // 2. A resident suggests a project in chat, from the group's card.
    let zhang = app.tg.person("张三");
    let link = format!("/start op-1-g{}", group.id.unsigned_abs());
    let asked = say(&app, &zhang, &link).await;
    let texts: Vec<&str> = asked.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("提出立法项目建议（C1）")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("请写出项目名称")),
        "{texts:?}"
    );
    // An over-long title is refused with the rule, and nothing is stored.
    let long = say_text(&app, &zhang, &"条".repeat(101)).await;
    assert!(long.contains("项目名称需要 2–100 个字"), "{long}");
    let problem = say_text(&app, &zhang, TITLE).await;
    assert!(problem.contains("要解决什么问题"), "{problem}");
    let contents = say_text(&app, &zhang, PROBLEM).await;
    assert!(contents.contains("主要应当规定哪些内容"), "{contents}");
    let related = say_text(&app, &zhang, CONTENTS).await;
    assert!(related.contains("相关的现行法律法规"), "{related}");
    let identity = press_latest(&app, &zhang, "跳过").await;
    assert!(identity.contains("以什么身份"), "{identity}");
    press_latest(&app, &zhang, "实名").await;
    say(&app, &zhang, "张三").await;
    press_latest(&app, &zhang, "跳过").await;
    press_latest(&app, &zhang, "☐ 保存我这次填写的身份信息").await;
    let review = press_latest(&app, &zhang, "继续").await;
    assert!(review.contains("请核对您的立法项目建议"), "{review}");
    assert!(review.contains(&format!("项目名称：{TITLE}")), "{review}");
    assert!(
        review.contains(&format!("要解决的问题：{PROBLEM}")),
        "{review}"
    );
    assert!(
        !review.contains("条文") && !review.contains("看法"),
        "{review}"
    );
    assert_eq!(stored(&app).await, (0, 0), "nothing stored before 提交");
    let receipt = press_latest(&app, &zhang, "提交").await;
    assert!(
        receipt.contains("已收到您的立法项目建议，收件编号 C1-0001"),
        "{receipt}"
    );
    assert_eq!(stored(&app).await, (1, 1));

    // An article on an open call: a forged 「对本条提意见」 button is refused.
    let m = last(&app, &zhang);
    let (_, sent) = forged(&app, &zhang, m.message_id, "oa:1:1:0").await;
    assert!(sent.iter().any(|m| m.text.contains("没有条文")), "{sent:?}");
    assert_eq!(stored(&app).await, (1, 1));

    // 3. Another resident suggests a project on the web (through the point's link).
    let mut resident = Browser::new(addr);
    let page = resident.get("/c/1?p=jinqiao").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("没有草案条文"), "{}", page.text());
    let form = resident.get("/c/1/opinion?p=jinqiao").await;
    assert!(form.text().contains("项目名称"), "{}", form.text());
    let action = "/c/1/opinion?p=jinqiao";
    let good = [
        ("project", "住宅小区物业管理条例（修改）"),
        ("body", "业委会成立难、物业费用公开不够，居民意见很大。"),
        ("contents", "明确业委会成立程序、物业收支公开和退出机制。"),
        ("identity", "anonymous"),
        ("consent_quote", "on"),
    ];
    // Over-long related rules: refused with the rule, what was typed kept, nothing stored.
    let too_long = "法".repeat(501);
    let mut bad = good.to_vec();
    bad.push(("related", &too_long));
    let refused = resident.submit(&form, action, &bad).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.text().contains("相关现行规定最多 500 个字"),
        "{}",
        refused.text()
    );
    assert_eq!(
        refused.field(action, "project").as_deref(),
        Some("住宅小区物业管理条例（修改）"),
        "what was typed is kept"
    );
    let mut fine = good.to_vec();
    fine.push(("related", "《物业管理条例》"));
    let review = resident.submit(&form, action, &fine).await;
    assert_eq!(review.status, 200, "{}", review.text());
    assert!(
        review.text().contains("《物业管理条例》"),
        "{}",
        review.text()
    );
    let submit = "/c/1/opinion/submit?p=jinqiao";
    let fields = review.form(submit);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let done = resident.post_only(submit, &pairs).await;
    assert_eq!(done.status, 303);
    let status_path = done.location.clone().expect("the status link");
    let status = resident.get(&status_path).await;
    assert!(status.text().contains("C1-0002"), "{}", status.text());
    assert!(
        status.text().contains("住宅小区物业管理条例"),
        "{}",
        status.text()
    );
    assert_eq!(stored(&app).await, (2, 2));

    // 4. The liaison reviews them: in chat (已阅) and in the console.
    let m = reply(&app, &liaison, "/review").await;
    let label = m.buttons()[0][0].clone();
    press(&app, &liaison, m.message_id, &label).await;
    let card = last(&app, &liaison);
    assert!(
        card.text.contains("C1-0001 · 立法项目建议"),
        "{}",
        card.text
    );
    assert!(
        card.text.contains(&format!("项目名称：{TITLE}")),
        "{}",
        card.text
    );
    press(&app, &liaison, card.message_id, "已阅").await;
    let first = app.db.opinions().on(1).await.unwrap()[0].clone();
    assert_eq!(first.status, consult_domain::opinions::Status::Reviewed);
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let second = app.db.opinions().on(1).await.unwrap()[1].clone();
    let page = console.get(&format!("/staff/opinions/{}", second.id)).await;
    assert!(
        page.text().contains("住宅小区物业管理条例"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("《物业管理条例》"), "{}", page.text());

    // 5. The deadline passes: the groups hear the call closed; later suggestions are refused.
    app.clock.advance(Duration::days(17));
    let closing = &app.tg.wait_sent(group.id, 3).await[2];
    assert!(
        closing.text.contains("立法项目征集已截止"),
        "{}",
        closing.text
    );
    let late = say_text(&app, &app.tg.person("李四"), "/start op-1").await;
    assert!(late.contains("已截止"), "{late}");
    let late = resident.get("/c/1/opinion?p=jinqiao").await;
    assert!(
        late.text().contains("立法项目征集已截止，不再接收新的建议"),
        "{}",
        late.text()
    );
    let posted = resident.post("/c/1/opinion/submit?p=jinqiao", &pairs).await;
    assert_eq!(posted.status, 409, "{}", posted.text());
    assert!(
        posted.text().contains("不再接收新的建议"),
        "{}",
        posted.text()
    );
    assert_eq!(stored(&app).await, (2, 2));

    // 6. Decisions, one suggestion at a time: the first in chat …
    let m = reply(&app, &admin, "/decide 1").await;
    assert!(m.text.contains("逐条作出处理决定"), "{}", m.text);
    assert!(m.text.contains(TITLE), "{}", m.text);
    let button = m.buttons()[0][0].clone();
    assert!(button.starts_with("C1-0001 "), "{button}");
    press(&app, &admin, m.message_id, &button).await;
    let outcomes = last(&app, &admin);
    let labels: Vec<String> = outcomes.buttons().into_iter().flatten().collect();
    assert_eq!(
        labels,
        ["列入立法计划", "列入调研项目", "暂不采纳", "取消"],
        "{labels:?}"
    );
    // A forged 采纳 (an opinion's outcome) or an article's decision is refused.
    let first_id = app.db.opinions().on(1).await.unwrap()[0].id;
    let answer = toast(
        &forged(
            &app,
            &admin,
            outcomes.message_id,
            &format!("dz:oo:{first_id}:a"),
        )
        .await
        .0,
    );
    assert!(answer.contains("失效"), "{answer}");
    let answer = toast(
        &forged(&app, &admin, outcomes.message_id, "dz:ao:1:w:lp")
            .await
            .0,
    );
    assert!(answer.contains("没有条文"), "{answer}");
    let answer = toast(
        &forged(&app, &admin, outcomes.message_id, "dz:a:1:w")
            .await
            .0,
    );
    assert!(answer.contains("没有条文"), "{answer}");
    press(&app, &admin, outcomes.message_id, "列入立法计划").await;
    let reason = "已列入2027年度立法计划，由市人大城建环保委牵头起草。";
    reply(&app, &admin, reason).await;
    let m = reply(&app, &admin, "/skip").await;
    press(&app, &admin, m.message_id, "确认").await;
    last_with(&app, &admin, "已记录").await;

    // … the second in the console (an opinion's outcome refused there too).
    let (_, mut committee) = logged_in(&app, addr, "committee", "admin", None).await;
    let overview = committee.get("/staff/consultations/1/decisions").await;
    assert!(
        overview.text().contains("住宅小区物业管理条例"),
        "{}",
        overview.text()
    );
    assert!(
        overview.text().contains("列入立法计划"),
        "{}",
        overview.text()
    );
    let decide = format!("/staff/consultations/1/decisions/opinion/{}", second.id);
    let page = committee.get(&decide).await;
    assert!(!page.text().contains("部分采纳"), "{}", page.text());
    let wrong = committee
        .submit(
            &page,
            &decide,
            &[("outcome", "adopted"), ("reason", "采纳")],
        )
        .await;
    assert!(wrong.text().contains("请选择办理结果"), "{}", wrong.text());
    assert!(app.db.decisions().get(second.id).await.unwrap().is_none());
    let saved = committee
        .submit(
            &page,
            &decide,
            &[
                ("outcome", "research"),
                ("reason", "先开展立法调研，摸清物业管理中的突出问题。"),
            ],
        )
        .await;
    assert!(saved.status < 400, "{}", saved.text());
    let d = app.db.decisions().get(second.id).await.unwrap().unwrap();
    assert_eq!(d.outcome(), Outcome::Research);
    // The article page of an open call does not exist.
    let none = committee.get("/staff/consultations/1/decisions/w").await;
    assert_eq!(none.status, 404);

    // 7. Feedback: 张三 in chat, the web resident on the status page and in the list.
    let m = reply(&app, &admin, "/release 1").await;
    press(&app, &admin, m.message_id, "确认发放").await;
    let told = last_with(&app, &zhang, "您建议的项目").await;
    assert!(told.text.contains(TITLE), "{}", told.text);
    assert!(told.text.contains("列入立法计划"), "{}", told.text);
    assert!(told.text.contains(reason), "{}", told.text);
    let status = resident.get(&status_path).await;
    assert!(status.text().contains("列入调研项目"), "{}", status.text());
    let unreached = say_text(&app, &liaison, "/unreached 1").await;
    assert!(unreached.contains("C1-0002"), "{unreached}");

    // 8. Conclude: the 回音壁 in the group.
    let m = reply(&app, &admin, "/conclude 1").await;
    press(&app, &admin, m.message_id, "确认办结").await;
    let summary = &app.tg.wait_sent(group.id, 4).await[3];
    assert!(
        summary
            .text
            .contains("本次立法项目征集共有 2 人提出 2 条立法项目建议"),
        "{}",
        summary.text
    );
    assert!(
        summary.text.contains("列入立法计划或调研项目的建议 2 条"),
        "{}",
        summary.text
    );
    // Quoted where its submitter allowed it: the web suggestion's title.
    assert!(
        summary.text.contains("住宅小区物业管理条例"),
        "{}",
        summary.text
    );
    assert!(!summary.text.contains("张三"), "no names: {}", summary.text);

    // 9. The export's sheet, the statistics and the 考核 count them.
    let rows = sheet_rows(&whole_export(&app).await, "C1 ");
    assert_eq!(rows[0], SUGGESTION_HEADERS);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        (rows[1][1].as_str(), rows[1][2].as_str()),
        ("C1-0001", TITLE)
    );
    assert_eq!(rows[1][6], "张三");
    assert_eq!(rows[1][12], "列入立法计划");
    assert_eq!(rows[2][5], "《物业管理条例》");
    assert_eq!(rows[2][12], "列入调研项目");
    let stats = app
        .db
        .stats()
        .of(1, consult_domain::review::Scope::All)
        .await
        .unwrap()
        .expect("the open call's statistics");
    assert_eq!(stats.total, 2);
    assert_eq!(stats.by_channel.iter().map(|(_, n)| n).sum::<i64>(), 2);
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
    assert_eq!(
        figures[0].opinions(),
        2,
        "both came through 金桥's group and link"
    );

    // Every step is in the audit log.
    let created = app
        .db
        .audit()
        .list(Some("consultation.create"), 10)
        .await
        .unwrap();
    assert_eq!(created[0].detail.0["kind"], "open_call");
    let decided = app.db.audit().list(Some("decision.set"), 10).await.unwrap();
    assert_eq!(decided.len(), 2);
    for action in [
        "feedback.release",
        "consultation.conclude",
        "consultation.publish",
    ] {
        assert_eq!(
            app.db.audit().list(Some(action), 10).await.unwrap().len(),
            1,
            "{action}"
        );
    }
    app.finish().await;
}

/// The domain refuses what does not fit an open call, with nothing stored: an opinion
/// without a suggestion, a suggestion on a draft, a decision per article, an
/// opinion's outcome on a suggestion, a revised draft, a prompt.
#[tokio::test]
async fn an_open_call_refuses_what_belongs_to_a_draft() {
    let app = TestApp::spawn().await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let draft = world(&app).consultation(&places).await;
    let now = app.clock.now_utc();
    let call = app
        .db
        .suggestions()
        .create(
            &NewOpenCall {
                theme: "2027年度立法计划项目建议征集".into(),
                description: None,
                closes_at: now + Duration::days(10),
                scope: consult_domain::consultations::Scope::All,
            },
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    app.db
        .consultations()
        .publish(call.id, Actor::CommandLine, now)
        .await
        .unwrap();
    let suggestion = Suggestion {
        title: TITLE.into(),
        contents: CONTENTS.into(),
        related_rules: None,
    };
    let opinion = |c: i64, key: &str| {
        NewOpinion::new(
            key.into(),
            c,
            1,
            Stance::Other,
            PROBLEM.into(),
            Channel::Card,
        )
    };
    let before = stored(&app).await;
    let e = app
        .db
        .opinions()
        .submit(&opinion(call.id, "a"), now)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::WrongKind {
                kind: Kind::OpenCall,
                ..
            }
        ),
        "{e:?}"
    );
    let e = app
        .db
        .suggestions()
        .submit(&opinion(draft.id, "b"), &suggestion, now)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::WrongKind {
                kind: Kind::Regulation,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(stored(&app).await, before, "nothing stored");
    let receipt = app.db.consultations().get(call.id).await.unwrap().unwrap();
    assert_eq!(receipt.kind, Kind::OpenCall);
    // The failed attempts gave no receipt number away.
    let o = app
        .db
        .suggestions()
        .submit(&opinion(call.id, "c"), &suggestion, now)
        .await
        .unwrap();
    assert_eq!(o.receipt, format!("C{}-0001", call.id));
    assert_eq!(
        app.db.suggestions().get(o.id).await.unwrap(),
        Some(suggestion)
    );

    let e = app
        .db
        .consultations()
        .revise(
            call.id,
            &consult_domain::draft::Draft::default(),
            "x",
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongKind { .. }), "{e:?}");
    let e = app
        .db
        .prompts()
        .create(
            &consult_domain::prompts::NewPrompt {
                consultation_id: call.id,
                article: None,
                question: "您支持吗？".into(),
                options: vec!["支持".into(), "反对".into()],
                only_point: None,
                created_by: places.admin().id,
            },
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongKind { .. }), "{e:?}");

    app.db
        .consultations()
        .close(call.id, Actor::CommandLine, now)
        .await
        .unwrap();
    let decide = |outcome| NewDecision {
        outcome,
        reason: "理由".into(),
        summary: None,
    };
    let admin = places.admin().id;
    let e = app
        .db
        .decisions()
        .decide(
            Target::Article {
                consultation: call.id,
                article: None,
            },
            &decide(Outcome::Planned),
            admin,
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongKind { .. }), "{e:?}");
    let e = app
        .db
        .decisions()
        .decide(Target::Opinion(o.id), &decide(Outcome::Adopted), admin, now)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Invalid(_)), "{e:?}");
    assert!(app.db.decisions().get(o.id).await.unwrap().is_none());
    app.db
        .decisions()
        .decide(
            Target::Opinion(o.id),
            &decide(Outcome::Deferred),
            admin,
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        app.db
            .decisions()
            .get(o.id)
            .await
            .unwrap()
            .unwrap()
            .outcome(),
        Outcome::Deferred
    );
    app.finish().await;
}
