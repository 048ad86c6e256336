//! Decisions, feedback and conclusion: only admins decide (a resident, a liaison and
//! forged buttons are refused); a decision on an article reaches each submitter once,
//! in their language; the unreachable (an offline record, someone who blocked the bot)
//! are listed for their liaison; a changed decision goes out again as a correction and
//! nothing else does; conclude posts the anonymised 回音壁 to the groups in scope only,
//! quoting only what was allowed; the audit log and the export hold it all.

use consult_domain::{
    Actor,
    consultations::State,
    deliveries::DeliveryState,
    opinions::{Identity, NewOpinion, Stance},
    review::Action,
};

use crate::support::{
    app::{ClockExt, TestApp, eventually},
    chat::{forged, last, last_with, press, reply, say, toast},
    telegram::{ChatRef, Group, Person, SentMessage},
    world::{self, submit},
};

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，维护公共安全，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n";

struct World {
    admin: Person,
    liaison_j: Person,
    liaison_h: Person,
    zhang: Person,
    alice: Person,
    wang: Person,
    group_j: Group,
    group_h: Group,
    group_l: Group,
    id: i64,
    /// Opinion ids: [张三 第三条 (quotable), Alice 第三条, 王五 第三条, offline 赵六 第三条,
    /// withdrawn 第三条, invalid 第三条, 张三 第一条].
    ops: Vec<i64>,
}

/// Three points (金桥 and 花木 in scope, 陆家嘴 not), each with a linked group; a
/// consultation for 金桥 and 花木 with seven opinions; the consultation then closed.
async fn world(app: &TestApp) -> World {
    let builder = world::world(app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("金桥联络员")
        .point("huamu", "花木街道联系点")
        .liaison("花木联络员")
        .point("lujiazui", "陆家嘴街道联系点")
        .liaison("陆家嘴联络员")
        .draft(DRAFT)
        .scoped(&["jinqiao", "huamu"]);
    let places = builder.places().await;
    let admin = places.admin().clone();
    let [liaison_j, liaison_h, liaison_l] =
        ["jinqiao", "huamu", "lujiazui"].map(|p| places.liaison(p).clone());
    let group_j = app.tg.group("金桥一群");
    let group_h = app.tg.group("花木一群");
    let group_l = app.tg.group("陆家嘴一群");
    for (liaison, group) in [
        (&liaison_j, &group_j),
        (&liaison_h, &group_h),
        (&liaison_l, &group_l),
    ] {
        app.tg.add_bot(liaison, group);
        app.tg.wait_sent(group.id, 1).await;
    }
    let zhang = app.tg.person("张三");
    let alice = app.tg.person("Alice").with_language("en");
    let wang = app.tg.person("王五");
    let li = app.tg.person("李四");
    // Each has talked to the bot; Alice chose English.
    for p in [&zhang, &wang, &li] {
        reply(app, p, "/start").await;
    }
    let m = reply(app, &alice, "/lang en").await;
    assert!(!m.text.is_empty());

    let c = builder.consultation(&places).await;
    let now = app.clock.now_utc();
    let base = NewOpinion {
        article: Some((3, "第三条".into())),
        stance: Stance::Amend,
        ..world::opinion(c.id, Some(places.id("jinqiao")))
    };
    let opinions = [
        NewOpinion {
            submission_key: "k1".into(),
            body: "登记手续太繁琐，建议网上办理。".into(),
            identity: Identity::Named,
            submitter_id: Some(zhang.id),
            submitter_name: Some("张三".into()),
            consent_details: true,
            consent_quote: true,
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k2".into(),
            body: "Registration should be possible online, please.".into(),
            submitter_id: Some(alice.id),
            point_id: Some(places.id("huamu")),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k3".into(),
            body: "希望能在手机上办理登记。".into(),
            submitter_id: Some(wang.id),
            submitter_name: Some("王五".into()),
            point_id: Some(places.id("huamu")),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k4".into(),
            body: "老年人不会上网，线下也要能办。".into(),
            identity: Identity::Named,
            submitter_name: Some("赵六".into()),
            consent_details: true,
            channel: consult_domain::opinions::Channel::Forum,
            recorded_by: Some(liaison_j.id),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k5".into(),
            body: "后来撤回的意见。".into(),
            submitter_id: Some(li.id),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k6".into(),
            body: "广告：出售犬粮，联系电话……".into(),
            submitter_id: Some(li.id),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k7".into(),
            article: Some((1, "第一条".into())),
            stance: Stance::Add,
            body: "张三的第一条意见：写明公共安全。".into(),
            submitter_id: Some(zhang.id),
            ..base.clone()
        },
    ];
    let ops = submit(app, &opinions).await;
    app.db
        .opinions()
        .withdraw(ops[4], li.id, now)
        .await
        .unwrap();
    let invalid = Action::Invalid {
        reason: "广告".into(),
    };
    app.db
        .reviews()
        .act(
            ops[5],
            admin.id,
            consult_domain::review::Scope::All,
            &invalid,
            now,
        )
        .await
        .unwrap();
    World {
        admin,
        liaison_j,
        liaison_h,
        zhang,
        alice,
        wang,
        group_j,
        group_h,
        group_l,
        id: c.id,
        ops,
    }
}

async fn outcome_of(app: &TestApp, opinion: i64) -> Option<(String, i32)> {
    app.db
        .decisions()
        .get(opinion)
        .await
        .unwrap()
        .map(|d| (d.outcome().as_str().to_owned(), d.revision))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_reach_each_submitter_once_and_conclude_posts_the_summary() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (admin, id, ops) = (&w.admin, w.id, &w.ops);

    // While the consultation is open, nothing is decided.
    let m = reply(&app, admin, &format!("/decide {id}")).await;
    assert!(m.text.contains("还在征求意见中"), "{}", m.text);
    app.db
        .consultations()
        .close(id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();

    // A resident and a liaison are refused, also when they forge a button.
    let m = reply(&app, &w.zhang, "/decide").await;
    assert!(m.text.starts_with("抱歉，只有管理员"), "{}", m.text);
    let answer = toast(
        &forged(&app, &w.zhang, m.message_id, &format!("dz:ao:{id}:3:a"))
            .await
            .0,
    );
    assert!(answer.starts_with("抱歉，只有管理员"), "{answer}");
    let m = reply(&app, &w.liaison_j, "/release").await;
    assert!(m.text.starts_with("抱歉，只有管理员"), "{}", m.text);
    let answer = toast(
        &forged(
            &app,
            &w.liaison_j,
            m.message_id,
            &format!("dz:oo:{}:a", ops[0]),
        )
        .await
        .0,
    );
    assert!(answer.starts_with("抱歉，只有管理员"), "{answer}");
    // Forged data from the admin: nonsense is stale; a withdrawn opinion is refused.
    let m = reply(&app, admin, "/help").await;
    let answer = toast(
        &forged(&app, admin, m.message_id, &format!("dz:ao:{id}:3:q"))
            .await
            .0,
    );
    assert!(answer.contains("失效"), "{answer}");
    let answer = toast(
        &forged(&app, admin, m.message_id, &format!("dz:oo:{}:a", ops[4]))
            .await
            .0,
    );
    assert!(answer.contains("已经撤回"), "{answer}");
    let answer = toast(
        &forged(&app, admin, m.message_id, &format!("dz:oo:{}:a", ops[5]))
            .await
            .0,
    );
    assert!(answer.contains("无效"), "{answer}");
    for o in ops {
        assert_eq!(outcome_of(&app, *o).await, None);
    }

    // /decide → the article (4 eligible: withdrawn and invalid left out) → 采纳 → reason → words.
    let m = reply(&app, admin, "/decide").await;
    let label = m.buttons()[0][0].clone();
    assert!(label.starts_with(&format!("C{id} ")), "{label}");
    press(&app, admin, m.message_id, &label).await;
    let screen = last(&app, admin);
    assert!(
        screen.text.contains("• 第三条：4 条意见，已决定 0 条"),
        "{}",
        screen.text
    );
    assert!(
        screen.text.contains("• 第一条：1 条意见，已决定 0 条"),
        "{}",
        screen.text
    );
    press(&app, admin, screen.message_id, "第三条（0/4）").await;
    press(&app, admin, screen.message_id, "采纳").await;
    assert!(
        last(&app, admin).text.contains("请发送理由"),
        "{}",
        last(&app, admin).text
    );
    let reason = "修改稿已增加网上办理登记的规定，线下窗口同时保留。";
    let m = reply(&app, admin, reason).await;
    assert!(m.text.starts_with("可选："), "{}", m.text);
    let m = reply(&app, admin, "支持网上办理犬只登记").await;
    assert!(
        m.text.contains("请确认：C1 第三条（4 条意见） → 采纳"),
        "{}",
        m.text
    );
    assert!(m.text.contains(reason), "{}", m.text);
    press(&app, admin, m.message_id, "确认").await;
    let m = last(&app, admin);
    assert!(
        m.text
            .starts_with("已记录：4 条意见「采纳」，其中新的或有变化的决定 4 条（更正 0 条）"),
        "{}",
        m.text
    );
    for o in &ops[..4] {
        assert_eq!(outcome_of(&app, *o).await, Some(("adopted".into(), 1)));
    }
    assert_eq!(outcome_of(&app, ops[4]).await, None);
    assert_eq!(outcome_of(&app, ops[5]).await, None);
    // The confirmation's buttons are spent: pressing again changes nothing.
    let answer = toast(&forged(&app, admin, m.message_id, "dz:y").await.0);
    assert!(answer.contains("失效"), "{answer}");

    // One opinion from its /review card: 处理决定 → 采纳 → reason → words → 确认.
    let m = reply(&app, admin, "/review").await;
    let label = m.buttons()[0][0].clone();
    press(&app, admin, m.message_id, &label).await;
    press(&app, admin, m.message_id, "第一条").await;
    let card = last(&app, admin);
    assert!(card.text.contains("C1-0007"), "{}", card.text);
    press(&app, admin, card.message_id, "处理决定").await;
    let m = last(&app, admin);
    assert!(m.text.starts_with("对 C1-0007 作出处理决定"), "{}", m.text);
    press(&app, admin, m.message_id, "采纳").await;
    reply(&app, admin, "已在第一条写明维护公共安全。").await;
    let m = reply(&app, admin, "在立法目的中写明维护公共安全").await;
    press(&app, admin, m.message_id, "确认").await;
    assert_eq!(outcome_of(&app, ops[6]).await, Some(("adopted".into(), 1)));
    // The card now shows the decision.
    let m = reply(&app, admin, "/review").await;
    press(&app, admin, m.message_id, &label).await;
    press(&app, admin, m.message_id, "第一条").await;
    let card = last(&app, admin);
    assert!(
        card.text
            .contains("处理决定：采纳（第 1 次决定，尚未反馈）"),
        "{}",
        card.text
    );

    // 王五 blocks the bot before the release.
    app.tg.block_bot(&w.wang);
    app.settle().await;
    let zhang_before = app.tg.sent(w.zhang.id).len();
    let alice_before = app.tg.sent(w.alice.id).len();

    // /release: the preview, then the release.
    let m = reply(&app, admin, &format!("/release {id}")).await;
    assert!(m.text.contains("• 新反馈 4 条"), "{}", m.text);
    assert!(m.text.contains("• 更正 0 条"), "{}", m.text);
    assert!(
        m.text.contains("• 无法通过 Telegram 联系 1 人"),
        "{}",
        m.text
    );
    press(&app, admin, m.message_id, "确认发放").await;
    let done = last_with(&app, admin, "C1：已安排发送").await;
    assert!(
        done.text
            .starts_with("C1：已安排发送 4 条反馈（其中更正 0 条），1 人无法通过 Telegram 联系。"),
        "{}",
        done.text
    );
    assert!(done.text.contains("金桥街道联系点"), "{}", done.text);
    assert!(
        done.text
            .contains("C1-0004 · 第三条 · 采纳 · 赵六 · 座谈会 · 没有 Telegram 账号"),
        "{}",
        done.text
    );

    // Each reachable submitter gets theirs, in their language.
    let zhang_msgs = app.tg.wait_sent(w.zhang.id, zhang_before + 2).await;
    let new: Vec<&SentMessage> = zhang_msgs[zhang_before..].iter().collect();
    assert_eq!(new.len(), 2);
    let first = new
        .iter()
        .find(|m| m.text.contains("C1-0001"))
        .expect("C1-0001");
    assert!(
        first.text.starts_with("📬 您的意见有了办理结果"),
        "{}",
        first.text
    );
    assert!(first.text.contains("条文：第三条"), "{}", first.text);
    assert!(first.text.contains("办理结果：采纳"), "{}", first.text);
    assert!(first.text.contains(reason), "{}", first.text);
    assert!(new.iter().any(|m| m.text.contains("C1-0007")));
    let alice_msgs = app.tg.wait_sent(w.alice.id, alice_before + 1).await;
    let theirs = &alice_msgs[alice_before..];
    assert_eq!(theirs.len(), 1);
    assert!(
        theirs[0]
            .text
            .starts_with("📬 There is an outcome for your opinion"),
        "{}",
        theirs[0].text
    );
    assert!(
        theirs[0].text.contains("Receipt number: C1-0002"),
        "{}",
        theirs[0].text
    );
    assert!(
        theirs[0].text.contains("Outcome: Adopted"),
        "{}",
        theirs[0].text
    );
    // 王五's delivery fails: Forbidden.
    let subject = format!("{}:1", ops[2]);
    let wang_id = w.wang.id;
    eventually("王五's feedback to fail", || {
        let db = app.db.clone();
        let subject = subject.clone();
        async move {
            let state = db
                .deliveries()
                .state_of("feedback", &subject, wang_id)
                .await
                .unwrap();
            state.filter(|(s, _)| *s == DeliveryState::Failed)
        }
    })
    .await;

    // Liaisons see their own point's list; a resident is refused.
    let m = reply(&app, &w.liaison_h, "/unreached").await;
    assert!(m.text.contains("C1-0003"), "{}", m.text);
    assert!(m.text.contains("发送失败：对方屏蔽了机器人"), "{}", m.text);
    assert!(
        !m.text.contains("C1-0004") && !m.text.contains("王五"),
        "{}",
        m.text
    );
    let m = reply(&app, &w.liaison_j, "/unreached").await;
    assert!(
        m.text.contains("C1-0004") && m.text.contains("赵六"),
        "{}",
        m.text
    );
    assert!(!m.text.contains("C1-0003"), "{}", m.text);
    let m = reply(&app, &w.zhang, "/unreached").await;
    assert!(m.text.starts_with("抱歉"), "{}", m.text);

    // Releasing again sends nothing.
    let m = reply(&app, admin, &format!("/release {id}")).await;
    assert!(m.text.starts_with("C1 没有需要发放的新反馈"), "{}", m.text);

    // Alice's opinion is changed to 部分采纳 from its card: only she hears again, as a correction.
    let m = reply(&app, admin, "/review").await;
    press(&app, admin, m.message_id, &label).await;
    press(&app, admin, m.message_id, "第三条").await;
    press(&app, admin, m.message_id, "下一条 ▶").await;
    let card = last(&app, admin);
    assert!(card.text.contains("C1-0002"), "{}", card.text);
    assert!(
        card.text.contains("处理决定：采纳（第 1 次决定，已反馈）"),
        "{}",
        card.text
    );
    press(&app, admin, card.message_id, "处理决定").await;
    let m = last(&app, admin);
    assert!(m.text.contains("其中 1 条已有决定"), "{}", m.text);
    press(&app, admin, m.message_id, "部分采纳").await;
    let m = reply(&app, admin, "网上办理将分步实施，先在中心城区试行。").await;
    press(&app, admin, m.message_id, "跳过").await;
    press(&app, admin, last(&app, admin).message_id, "确认").await;
    assert!(
        last(&app, admin).text.contains("（更正 1 条）"),
        "{}",
        last(&app, admin).text
    );
    assert_eq!(outcome_of(&app, ops[1]).await, Some(("partly".into(), 2)));
    let zhang_before = app.tg.sent(w.zhang.id).len();
    let alice_before = app.tg.sent(w.alice.id).len();
    let m = reply(&app, admin, &format!("/release {id}")).await;
    assert!(
        m.text.contains("• 新反馈 0 条") && m.text.contains("• 更正 1 条"),
        "{}",
        m.text
    );
    press(&app, admin, m.message_id, "确认发放").await;
    let alice_msgs = app.tg.wait_sent(w.alice.id, alice_before + 1).await;
    let correction = &alice_msgs[alice_before];
    assert!(
        correction
            .text
            .starts_with("📬 Correction: the outcome of your opinion has changed"),
        "{}",
        correction.text
    );
    assert!(
        correction
            .text
            .contains("Outcome you were told before: Adopted"),
        "{}",
        correction.text
    );
    assert!(
        correction.text.contains("Outcome: Partly adopted"),
        "{}",
        correction.text
    );
    let m = reply(&app, admin, &format!("/release {id}")).await;
    assert!(m.text.starts_with("C1 没有需要发放的新反馈"), "{}", m.text);
    assert_eq!(app.tg.sent(w.zhang.id).len(), zhang_before);
    assert_eq!(app.tg.sent(w.alice.id).len(), alice_before + 1);

    // Conclude: a liaison is refused; the admin sees a preview, then confirms.
    let m = reply(&app, &w.liaison_j, &format!("/conclude {id}")).await;
    assert!(m.text.starts_with("抱歉，只有管理员"), "{}", m.text);
    let m = reply(&app, admin, &format!("/conclude {id}")).await;
    assert!(m.text.contains("回音壁将发送到 2 个居民群"), "{}", m.text);
    press(&app, admin, m.message_id, "确认办结").await;
    // The broadcast's progress message may arrive after the confirmation.
    let done = last_with(&app, admin, "C1 已办结").await;
    assert!(
        done.text
            .starts_with("C1 已办结，回音壁已安排发送到 2 个居民群"),
        "{}",
        done.text
    );
    let c = app.db.consultations().get(id).await.unwrap().unwrap();
    assert_eq!(c.state, State::Concluded);
    let j = app.tg.wait_sent(w.group_j.id, 2).await;
    let h = app.tg.wait_sent(w.group_h.id, 2).await;
    let (j, h) = (&j[1].text, &h[1].text);
    for text in [j, h] {
        assert!(
            text.starts_with("📣 回音壁｜某市养犬管理条例（草案）"),
            "{text}"
        );
        assert!(
            text.contains("本次征求意见共有 4 人提出 5 条意见。"),
            "{text}"
        );
        assert!(text.contains("采纳（含部分采纳）意见 5 条"), "{text}");
        // Quoted only where allowed; otherwise the admin's words.
        assert!(
            text.contains("• 第三条（采纳）：“登记手续太繁琐，建议网上办理。”"),
            "{text}"
        );
        assert!(text.contains("支持网上办理犬只登记"), "{text}");
        assert!(
            text.contains("• 第一条（采纳）：在立法目的中写明维护公共安全"),
            "{text}"
        );
        for secret in [
            "Registration",
            "希望能在手机上办理",
            "老年人不会上网",
            "张三",
            "王五",
            "赵六",
            "Alice",
            "写明公共安全。",
            "广告",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(
        j.contains("其中来自本联系点（金桥街道联系点）的意见 3 条"),
        "{j}"
    );
    assert!(
        h.contains("其中来自本联系点（花木街道联系点）的意见 2 条"),
        "{h}"
    );
    // The group outside the scope got nothing but its welcome.
    app.settle().await;
    assert_eq!(app.tg.sent(w.group_l.id).len(), 1);
    // Concluding again is refused (the 回音壁's progress may still be coming in).
    say(&app, admin, &format!("/conclude {id}")).await;
    last_with(&app, admin, "已经办结").await;

    // The audit log holds every decision, release and conclusion.
    let log = app.db.audit().list(Some("decision."), 50).await.unwrap();
    assert_eq!(log.len(), 6, "4 on 第三条, C1-0007, the correction");
    assert!(log.iter().all(|e| e.actor == Some(admin.id)));
    let corrected = &log[0];
    assert_eq!(corrected.subject, format!("opinion:{}", ops[1]));
    assert_eq!(corrected.detail.0["outcome"], "partly");
    assert_eq!(corrected.detail.0["revision"], 2);
    let releases = app
        .db
        .audit()
        .list(Some("feedback.release"), 10)
        .await
        .unwrap();
    assert_eq!(releases.len(), 2);
    assert_eq!(releases[1].detail.0["queued"], 4);
    assert_eq!(releases[1].detail.0["unreachable"], 1);
    assert_eq!(releases[0].detail.0["corrections"], 1);
    let concluded = app
        .db
        .audit()
        .list(Some("consultation.conclude"), 10)
        .await
        .unwrap();
    assert_eq!(concluded.len(), 1);
    assert_eq!(concluded[0].actor, Some(admin.id));

    // The export's 办理结果 and 理由 match the ledger.
    let before = app.tg.sent(admin.id).len();
    app.tg
        .send_text(admin, ChatRef::Private, &format!("/export {id} csv"));
    app.settle().await;
    let sent = app.tg.sent(admin.id);
    let file = sent[before..]
        .iter()
        .find_map(|m| m.file.clone())
        .expect("the CSV");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&file.bytes[3..]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let decided: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[13].as_str(), r[14].as_str()))
        .collect();
    assert_eq!(
        decided,
        [
            ("C1-0001", "采纳", reason),
            (
                "C1-0002",
                "部分采纳",
                "网上办理将分步实施，先在中心城区试行。"
            ),
            ("C1-0003", "采纳", reason),
            ("C1-0004", "采纳", reason),
            ("C1-0005", "", ""),
            ("C1-0006", "", ""),
            ("C1-0007", "采纳", "已在第一条写明维护公共安全。"),
        ]
    );
    app.tg.assert_no_violations();
    app.finish().await;
}
