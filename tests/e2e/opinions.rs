//! Giving an opinion in private chat: each entry point, every step's 返回 and cancel,
//! editing at the read-back, replays, restarts, closed consultations, bad text, and
//! what the ledger holds.

use chrono::Duration;
use consult_domain::{Actor, announce::By, draft, opinions::Opinion, people::Locale};

use crate::support::chat::{press_latest as press, say_text as say};
use crate::support::{
    app::{ClockExt, TestApp, eventually},
    telegram::ChatRef,
};

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n";

/// An open consultation with three articles and an occupation list; returns its id.
async fn open_consultation(app: &TestApp) -> i64 {
    app.open_consultation("某市养犬管理条例（草案）", DRAFT, &["教师", "医生"], 10)
        .await
        .id
}

async fn ledger(app: &TestApp, id: i64) -> Vec<Opinion> {
    app.db.opinions().on(id).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_link_walks_a_resident_through_to_a_receipt() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("小王").without_username();
    let asked = say(&app, &p, &format!("/start op-{id}")).await;
    assert!(asked.starts_with("您的意见针对哪一条？"), "{asked}");
    assert!(
        say(&app, &p, "第九条")
            .await
            .starts_with("草案里没有这一条。请发送正确的编号（共 3 条）")
    );
    assert_eq!(say(&app, &p, "第二条").await, "您对第二条的看法是？");
    assert!(
        press(&app, &p, "修改建议")
            .await
            .starts_with("请写下您的意见（5–2000 字）")
    );
    assert_eq!(
        say(&app, &p, "太短").await,
        "意见太短了（至少 5 个字），请再具体一些。"
    );
    let long = "长".repeat(2001);
    assert_eq!(
        say(&app, &p, &long).await,
        "意见太长了（最多 2000 个字，现在 2001 个字）。请精简后再发送，或分成几条意见提交。"
    );
    let tricky = "建议删除“适用”二字 😀 <b>加粗</b> & <a href=\"http://evil.example\">官方链接</a>";
    assert!(say(&app, &p, tricky).await.starts_with("您建议怎样修改？"));
    assert!(
        say(&app, &p, "本市行政区域内的养犬活动，遵守本条例。")
            .await
            .starts_with("可以发送照片、文件或语音作为附件")
    );
    app.tg.send_photo(&p, ChatRef::Private, vec![1, 2, 3], None);
    app.settle().await;
    app.tg.send_document(
        &p,
        ChatRef::Private,
        "现场照片说明.pdf",
        "application/pdf",
        vec![7; 2048],
    );
    app.settle().await;
    let asked = app.tg.sent(p.id).last().unwrap().text.clone();
    assert!(asked.contains("已收到 2 个"), "{asked}");
    assert_eq!(press(&app, &p, "完成").await, "您希望以什么身份提交？");
    assert_eq!(press(&app, &p, "实名").await, "请发送您的姓名。");
    assert_eq!(say(&app, &p, "王小明").await, "您的职业是？（可跳过）");
    assert_eq!(
        press(&app, &p, "教师").await,
        "您所在的区或街道？（可跳过）"
    );
    assert!(say(&app, &p, "长宁区").await.starts_with("个人信息说明"));
    // Both choices start unticked; the resident ticks them.
    press(&app, &p, "☐ 保存我这次填写的身份信息").await;
    press(&app, &p, "☐ 同意在回音壁中匿名引用我的原话").await;
    let review = press(&app, &p, "继续").await;
    assert!(review.starts_with("请核对您的意见\n草案：某市养犬管理条例（草案）（C1，第 1 稿）\n条文：第二条\n看法：修改建议\n"), "{review}");
    assert!(
        review.contains(&format!("意见：{tricky}")),
        "echoed back exactly: {review}"
    );
    let html = app.tg.sent(p.id).last().unwrap().html.clone();
    assert!(
        html.contains(
            "&lt;b&gt;加粗&lt;/b&gt; &amp; &lt;a href=&quot;http://evil.example&quot;&gt;"
        ),
        "and safely: {html}"
    );
    assert!(review.contains("附件：2 个"), "{review}");
    assert!(
        review.contains("身份：实名（王小明） · 教师 · 长宁区"),
        "{review}"
    );
    assert!(review.ends_with("保存身份信息：是；同意匿名引用：是"));

    let receipt = press(&app, &p, "提交").await;
    assert!(
        receipt.starts_with("已收到您的意见，收件编号 C1-0001。"),
        "{receipt}"
    );
    let ledger = ledger(&app, id).await;
    assert_eq!(ledger.len(), 1);
    let o = &ledger[0];
    assert_eq!(
        (
            o.receipt.as_str(),
            o.version,
            o.article_number,
            o.article_label.as_deref()
        ),
        ("C1-0001", 1, Some(2), Some("第二条"))
    );
    assert_eq!((o.stance.as_str(), o.body.as_str()), ("amend", tricky));
    assert_eq!(
        o.proposed_wording.as_deref(),
        Some("本市行政区域内的养犬活动，遵守本条例。")
    );
    assert_eq!(
        (
            o.identity.as_str(),
            o.submitter_name.as_deref(),
            o.occupation.as_deref()
        ),
        ("named", Some("王小明"), Some("教师"))
    );
    assert_eq!(
        (o.consent_details, o.consent_quote, o.consent_at),
        (true, true, Some(app.clock.now_utc()))
    );
    assert_eq!(o.district.as_deref(), Some("长宁区"));
    let kinds: Vec<_> = o
        .attachments
        .iter()
        .map(|a| (a.kind.as_str(), a.size))
        .collect();
    assert_eq!(
        kinds,
        [("photo", 3), ("document", 2048)],
        "kept as file ids"
    );
    assert_eq!(
        (o.channel.as_str(), o.submitter_id, o.status.as_str()),
        ("card", Some(p.id), "received")
    );
    assert_eq!(
        app.db.dialogues().kind(p.id).await.unwrap().as_deref(),
        Some("ended"),
        "the dialogue is over; only its receipt is kept, for a replay"
    );

    // Pressing 提交 again finds no dialogue: a friendly answer, and still one opinion.
    let old = app
        .tg
        .sent(p.id)
        .iter()
        .rev()
        .find(|m| m.buttons().iter().flatten().any(|b| b == "提交"))
        .cloned()
        .unwrap();
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, old.message_id, "提交");
    assert_eq!(
        app.tg.wait_callback_answer(&q).await["text"],
        "这个按钮已经失效了，请重新发送命令。"
    );
    assert_eq!(
        say(&app, &p, "/mine").await,
        "您提交的意见\nC1-0001 · 某市养犬管理条例（草案） · 第二条 · 修改建议 · 已收到"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_button_back_and_cancel_and_editing_at_the_read_back() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Alice").with_language("en");
    say(&app, &p, &format!("/start read-{id}")).await;
    press(&app, &p, "第一章 总则").await;
    let article = press(&app, &p, "第一条 目的").await;
    assert_eq!(article, "第一条【目的】\n为了规范养犬行为，制定本条例。");
    assert_eq!(
        press(&app, &p, "Comment on this article").await,
        "What do you think of 第一条?"
    );
    // 返回 from the stance goes back to choosing the article.
    assert!(
        press(&app, &p, "Back")
            .await
            .starts_with("Which article is it about?")
    );
    assert_eq!(
        press(&app, &p, "Whole draft").await,
        "What do you think of Whole draft?"
    );
    press(&app, &p, "Support").await;
    assert!(
        say(&app, &p, "I support this regulation.")
            .await
            .starts_with("You may send photos")
    );
    assert!(
        press(&app, &p, "Back")
            .await
            .starts_with("Please write your opinion")
    );
    say(&app, &p, "I support this regulation strongly.").await;
    press(&app, &p, "Done").await;
    assert_eq!(
        press(&app, &p, "Anonymous").await,
        "Your occupation? (optional)"
    );
    assert_eq!(
        press(&app, &p, "Skip").await,
        "Your district or street? (optional)"
    );
    press(&app, &p, "Skip").await;
    // Nothing ticked: without consent to keep details, none are stored.
    let review = press(&app, &p, "Continue").await;
    assert!(
        review.contains("About: Whole draft")
            && review.contains("Opinion: I support this regulation strongly."),
        "{review}"
    );
    // 修改 at the read-back goes back to the opinion text.
    assert!(
        press(&app, &p, "Change")
            .await
            .starts_with("Please write your opinion")
    );
    say(&app, &p, "Changed my mind: I support it with reservations.").await;
    press(&app, &p, "Done").await;
    press(&app, &p, "Anonymous").await;
    press(&app, &p, "Skip").await;
    press(&app, &p, "Skip").await;
    let review = press(&app, &p, "Continue").await;
    assert!(
        review.contains("Opinion: Changed my mind: I support it with reservations."),
        "{review}"
    );
    assert!(
        press(&app, &p, "Submit")
            .await
            .starts_with("Your opinion is received; its receipt number is C1-0001.")
    );
    let o = &ledger(&app, id).await[0];
    assert_eq!(
        (
            o.article_number,
            o.channel.as_str(),
            o.identity.as_str(),
            o.consent_details
        ),
        (None, "article", "anonymous", false)
    );
    // She never chose /lang, yet the decision on her opinion, weeks later, must reach
    // her in the language of her Telegram app.
    assert_eq!(
        app.db.people().locale(p.id).await.unwrap(),
        Some(Locale::En)
    );

    // /cancel and the Cancel button leave nothing behind.
    say(&app, &p, &format!("/start op-{id}")).await;
    assert_eq!(
        say(&app, &p, "/cancel").await,
        "Cancelled; nothing was saved."
    );
    say(&app, &p, &format!("/start op-{id}")).await;
    press(&app, &p, "Whole draft").await;
    assert_eq!(
        press(&app, &p, "Cancel").await,
        "Cancelled; your opinion was not submitted."
    );
    assert_eq!(ledger(&app, id).await.len(), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_submit_and_a_restart_mid_dialogue_store_one_opinion() {
    let mut app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Bob");
    say(&app, &p, &format!("/start op-{id}")).await;
    say(&app, &p, "3").await;
    press(&app, &p, "支持").await;
    // The bot restarts in the middle of the dialogue; the resident carries on.
    app.restart().await;
    assert!(
        say(&app, &p, "登记制度很有必要。")
            .await
            .starts_with("可以发送照片")
    );
    assert_eq!(press(&app, &p, "完成").await, "您希望以什么身份提交？");
    press(&app, &p, "匿名").await;
    press(&app, &p, "跳过").await;
    press(&app, &p, "跳过").await;
    press(&app, &p, "继续").await;
    press(&app, &p, "提交").await;
    // Telegram delivers the 提交 press again (as after a crash before acknowledging).
    let submit = app
        .tg
        .updates_pushed()
        .into_iter()
        .rev()
        .find(|u| u["callback_query"]["data"] == "or:ok")
        .unwrap();
    app.tg.push_update_with_id(submit.clone());
    let mut again = submit;
    again["update_id"] = (again["update_id"].as_i64().unwrap() + 100_000).into();
    app.tg.push_update_with_id(again);
    app.settle().await;
    let ledger = ledger(&app, id).await;
    assert_eq!(ledger.len(), 1, "one opinion, not two");
    assert_eq!(ledger[0].article_label.as_deref(), Some("第三条"));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_consultation_accepts_nothing_and_forged_buttons_do_nothing() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Carol");
    // Half an hour before the deadline (well within the dialogue's lifetime).
    app.clock
        .advance(Duration::days(10) - Duration::minutes(30));
    say(&app, &p, &format!("/start op-{id}")).await;
    press(&app, &p, "整部草案").await;
    let forged = app.tg.press_callback_data(
        &p,
        ChatRef::Private,
        app.tg.sent(p.id).last().unwrap().message_id,
        "os:maybe",
    );
    assert_eq!(
        app.tg.wait_callback_answer(&forged).await["text"],
        "这个按钮已经失效了，请重新发送命令。"
    );
    // The deadline passes mid-dialogue.
    app.clock.advance(Duration::hours(1));
    assert!(
        press(&app, &p, "支持")
            .await
            .starts_with("《某市养犬管理条例（草案）》的征求意见已经截止")
    );
    assert!(
        say(&app, &p, &format!("/start op-{id}"))
            .await
            .starts_with("《某市养犬管理条例（草案）》的征求意见已经截止")
    );
    assert!(ledger(&app, id).await.is_empty());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revised_draft_keeps_earlier_opinions_on_their_version() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Dan");
    let give = |article: &'static str| {
        let app = &app;
        let p = &p;
        async move {
            say(app, p, &format!("/start op-{id}")).await;
            say(app, p, article).await;
            press(app, p, "反对").await;
            say(app, p, "我反对这一条的写法。").await;
            press(app, p, "完成").await;
            press(app, p, "匿名").await;
            press(app, p, "跳过").await;
            press(app, p, "跳过").await;
            press(app, p, "继续").await;
            press(app, p, "提交").await
        }
    };
    assert!(give("第一条").await.contains("C1-0001"));
    let revised = draft::parse("某市养犬管理条例（草案）\n第一条 新的第一条。\n第二条 新的第二条。\n第三条 新增。\n第四条 又新增。").unwrap();
    app.db
        .consultations()
        .revise(
            id,
            &revised,
            "二审稿",
            Actor::CommandLine,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    assert!(give("第四条").await.contains("C1-0002"));
    let ledger = ledger(&app, id).await;
    let versions: Vec<_> = ledger
        .iter()
        .map(|o| (o.version, o.article_label.clone()))
        .collect();
    assert_eq!(
        versions,
        [
            (1, Some("第一条".to_owned())),
            (2, Some("第四条".to_owned()))
        ]
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_dialogue_expires_with_a_notice_and_a_flood_is_limited() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Eve");
    say(&app, &p, &format!("/start op-{id}")).await;
    press(&app, &p, "整部草案").await;
    app.clock.advance(Duration::hours(23));
    app.settle().await;
    assert!(
        app.db.dialogues().kind(p.id).await.unwrap().is_some(),
        "not yet"
    );
    app.clock.advance(Duration::hours(1));
    let sent = app.tg.wait_sent(p.id, 4).await;
    assert_eq!(
        sent[3].text,
        "您没有完成的意见已经过期，没有提交。需要的话，可以从通知里的「提交意见」重新开始。"
    );
    assert!(app.db.dialogues().kind(p.id).await.unwrap().is_none());
    // Its buttons are stale now.
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, sent[2].message_id, "支持");
    assert_eq!(
        app.tg.wait_callback_answer(&q).await["text"],
        "这个按钮已经失效了，请重新发送命令。"
    );

    // Twenty opinions within an hour, then a polite refusal.
    for n in 0..20 {
        let new = consult_domain::opinions::NewOpinion {
            submission_key: format!("flood:{n}"),
            consultation_id: id,
            version: 1,
            article: None,
            stance: consult_domain::opinions::Stance::Other,
            body: "一条测试意见。".into(),
            proposed_wording: None,
            identity: consult_domain::opinions::Identity::Anonymous,
            submitter_id: Some(p.id),
            submitter_name: None,
            organization: None,
            occupation: None,
            district: None,
            consent_details: false,
            consent_quote: false,
            channel: consult_domain::opinions::Channel::Card,
            source_chat: None,
            point_id: None,
            recorded_by: None,
        };
        app.db
            .opinions()
            .submit(&new, app.clock.now_utc())
            .await
            .unwrap();
    }
    assert_eq!(
        say(&app, &p, &format!("/start op-{id}")).await,
        "您在一小时内已经提交了 20 条意见，请稍后再提交。感谢您的积极参与！"
    );
    app.clock.advance(Duration::minutes(61));
    assert!(
        say(&app, &p, &format!("/start op-{id}"))
            .await
            .starts_with("您的意见针对哪一条？")
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_opinions_are_edited_and_withdrawn_before_the_deadline_only() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Fay");
    for body in ["第一条意见：应当写明目的。", "第二条意见：范围太窄了。"]
    {
        say(&app, &p, &format!("/start op-{id}")).await;
        press(&app, &p, "整部草案").await;
        press(&app, &p, "其他").await;
        say(&app, &p, body).await;
        press(&app, &p, "完成").await;
        press(&app, &p, "匿名").await;
        press(&app, &p, "跳过").await;
        press(&app, &p, "跳过").await;
        press(&app, &p, "继续").await;
        press(&app, &p, "提交").await;
    }
    let mine = say(&app, &p, "/mine").await;
    assert!(
        mine.starts_with("您提交的意见\nC1-0002"),
        "newest first: {mine}"
    );
    assert!(
        press(&app, &p, "修改 C1-0001")
            .await
            .starts_with("请发送 C1-0001 的新内容")
    );
    assert_eq!(
        say(&app, &p, "第一条意见：应当写明立法目的和依据。").await,
        "已修改 C1-0001。"
    );
    assert_eq!(
        press(&app, &p, "撤回 C1-0002").await,
        "已撤回 C1-0002。它仍会记录在台账中，标为“已撤回”。"
    );
    let ledger = app.db.opinions().on(id).await.unwrap();
    assert_eq!(ledger[0].body, "第一条意见：应当写明立法目的和依据。");
    assert!(ledger[0].edited_at.is_some());
    assert_eq!(
        (ledger[1].status.as_str(), ledger[1].withdrawn_at.is_some()),
        ("withdrawn", true)
    );
    let history = app.db.opinions().history(ledger[0].id).await.unwrap();
    let changes: Vec<_> = history
        .iter()
        .map(|h| (h.change.as_str(), h.body.as_str()))
        .collect();
    assert_eq!(changes, [("edit", "第一条意见：应当写明目的。")]);
    assert_eq!(
        app.db.opinions().history(ledger[1].id).await.unwrap()[0].change,
        "withdraw"
    );

    // After the deadline nothing changes, and /mine offers no buttons.
    let mine = app
        .tg
        .sent(p.id)
        .iter()
        .rev()
        .find(|m| m.text.starts_with("您提交的意见"))
        .cloned()
        .unwrap();
    app.clock.advance(Duration::days(11));
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, mine.message_id, "修改 C1-0001");
    app.tg.wait_callback_answer(&q).await;
    app.settle().await;
    assert_eq!(
        say(&app, &p, "想再改一次，这次不行了吧。").await,
        "这条意见已经不能修改或撤回了（已撤回，或征求意见已截止）。"
    );
    assert_eq!(
        app.db
            .opinions()
            .get(ledger[0].id)
            .await
            .unwrap()
            .unwrap()
            .body,
        "第一条意见：应当写明立法目的和依据。"
    );
    say(&app, &p, "/mine").await;
    assert!(app.tg.sent(p.id).last().unwrap().buttons().is_empty());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_details_are_erased_after_the_retention_time() {
    let mut app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Gus");
    say(&app, &p, &format!("/start op-{id}")).await;
    press(&app, &p, "整部草案").await;
    press(&app, &p, "支持").await;
    say(&app, &p, "支持这部条例的出台。").await;
    press(&app, &p, "完成").await;
    press(&app, &p, "实名").await;
    say(&app, &p, "顾先生").await;
    press(&app, &p, "医生").await;
    say(&app, &p, "徐汇区").await;
    press(&app, &p, "☐ 保存我这次填写的身份信息").await;
    press(&app, &p, "继续").await;
    press(&app, &p, "提交").await;
    let now = app.clock.now_utc();
    app.db
        .consultations()
        .close(id, Actor::CommandLine, now)
        .await
        .unwrap();
    // Concluded as /conclude does (no groups linked here, so no summary goes out).
    app.db
        .decisions()
        .conclude(id, &[], &By::chat(1, Locale::ZhCn), now)
        .await
        .unwrap();
    // The scheduler learns of the conclusion when it next looks (here: at restart).
    app.restart().await;
    app.clock.advance(Duration::days(179));
    app.settle().await;
    let kept = app.db.opinions().on(id).await.unwrap();
    assert_eq!(
        kept[0].submitter_name.as_deref(),
        Some("顾先生"),
        "kept within the retention time"
    );
    app.clock.advance(Duration::days(1));
    let o = eventually("details erased", || async {
        app.db
            .opinions()
            .on(id)
            .await
            .unwrap()
            .into_iter()
            .next()
            .filter(|o| o.submitter_name.is_none())
    })
    .await;
    assert_eq!(
        (
            o.submitter_id,
            o.occupation,
            o.district,
            o.identity.as_str()
        ),
        (None, None, None, "anonymous")
    );
    assert_eq!(o.body, "支持这部条例的出台。", "the opinion stays");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_goes_back_and_the_consultation_list_is_an_entry_point() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Han");
    say(&app, &p, "/consultations").await;
    press(
        &app,
        &p,
        &format!("C{id} 某市养犬管理条例（草案）（征求意见中，截止 2026年12月4日 09:00）"),
    )
    .await;
    assert!(
        press(&app, &p, "提交意见")
            .await
            .starts_with("您的意见针对哪一条？")
    );
    let back = |expected: &'static str| {
        let (app, p) = (&app, &p);
        async move {
            let asked = press(app, p, "返回").await;
            assert!(
                asked.starts_with(expected),
                "返回 should ask {expected:?} again, got {asked:?}"
            );
        }
    };
    // Each step, then 返回 to the one before, then forward again.
    assert_eq!(say(&app, &p, "第二条").await, "您对第二条的看法是？");
    back("您的意见针对哪一条？").await;
    say(&app, &p, "第二条").await;
    press(&app, &p, "修改建议").await;
    back("您对第二条的看法是？").await;
    press(&app, &p, "修改建议").await;
    say(&app, &p, "建议明确养犬登记的期限。").await;
    back("请写下您的意见").await;
    say(&app, &p, "建议明确养犬登记的期限。").await;
    say(&app, &p, "养犬人应当在取得犬只之日起三十日内办理登记。").await;
    back("您建议怎样修改？").await;
    say(&app, &p, "养犬人应当在取得犬只之日起三十日内办理登记。").await;
    press(&app, &p, "完成").await;
    back("可以发送照片").await;
    press(&app, &p, "完成").await;
    press(&app, &p, "单位").await;
    back("您希望以什么身份提交？").await;
    press(&app, &p, "单位").await;
    say(&app, &p, "某某社区居委会").await;
    back("请发送单位名称。").await;
    say(&app, &p, "某某社区居委会").await;
    press(&app, &p, "医生").await;
    back("您的职业是？").await;
    press(&app, &p, "医生").await;
    press(&app, &p, "跳过").await;
    back("您所在的区或街道？").await;
    press(&app, &p, "跳过").await;
    back("您所在的区或街道？").await;
    press(&app, &p, "跳过").await;
    press(&app, &p, "☐ 保存我这次填写的身份信息").await;
    let review = press(&app, &p, "继续").await;
    assert!(
        review.contains("身份：单位（某某社区居委会） · 医生"),
        "{review}"
    );
    assert!(
        review.contains("建议表述：养犬人应当在取得犬只之日起三十日内办理登记。"),
        "{review}"
    );
    press(&app, &p, "提交").await;
    let o = &app.db.opinions().on(id).await.unwrap()[0];
    assert_eq!(
        (
            o.identity.as_str(),
            o.organization.as_deref(),
            o.channel.as_str()
        ),
        ("organization", Some("某某社区居委会"), "card")
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_back_longer_than_a_message_is_split_and_still_submits() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("Ivy");
    say(&app, &p, &format!("/start op-{id}")).await;
    say(&app, &p, "第三条").await;
    press(&app, &p, "修改建议").await;
    // Emoji count twice in UTF-16: together well over 4096 units.
    let body = "建议😀".repeat(666);
    let wording = "议".repeat(2000);
    say(&app, &p, &body).await;
    say(&app, &p, &wording).await;
    press(&app, &p, "完成").await;
    press(&app, &p, "匿名").await;
    press(&app, &p, "跳过").await;
    press(&app, &p, "跳过").await;
    let before = app.tg.sent(p.id).len();
    press(&app, &p, "继续").await;
    let review: Vec<_> = app.tg.sent(p.id)[before..].to_vec();
    assert_eq!(review.len(), 2, "split in two");
    assert!(
        review[0].buttons().is_empty() && review[1].buttons() == [vec!["提交", "修改", "取消"]]
    );
    assert!(review[0].text.contains(&body) && review[1].text.contains(&wording));
    assert!(press(&app, &p, "提交").await.contains("C1-0001"));
    assert_eq!(
        app.db.opinions().on(id).await.unwrap()[0]
            .proposed_wording
            .as_deref(),
        Some(wording.as_str())
    );
    app.finish().await;
}

/// A tick in a consent box changes that box in the message it is on (an edit checked
/// against the Bot API description), not a second copy of the notice. The box for
/// keeping identity details is offered only when some were given: after 匿名 with
/// nothing filled in there is nothing to keep, and the read-back does not ask.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consent_boxes_tick_in_place_and_offer_only_what_applies() {
    let app = TestApp::spawn().await;
    let id = open_consultation(&app).await;
    let p = app.tg.person("小李");
    say(&app, &p, &format!("/start op-{id}")).await;
    press(&app, &p, "整部草案").await;
    press(&app, &p, "支持").await;
    say(&app, &p, "支持这部条例的出台。").await;
    press(&app, &p, "完成").await;
    press(&app, &p, "匿名").await;
    press(&app, &p, "跳过").await;
    assert!(press(&app, &p, "跳过").await.starts_with("个人信息说明"));
    let notice = app.tg.sent(p.id).last().unwrap().clone();
    assert_eq!(
        notice.buttons(),
        [
            vec!["☐ 同意在回音壁中匿名引用我的原话"],
            vec!["继续"],
            vec!["返回", "取消"],
        ],
        "nothing was filled in, so there is nothing to keep"
    );
    let before = app.tg.sent(p.id).len();
    press(&app, &p, "☐ 同意在回音壁中匿名引用我的原话").await;
    press(&app, &p, "☑ 同意在回音壁中匿名引用我的原话").await;
    press(&app, &p, "☐ 同意在回音壁中匿名引用我的原话").await;
    assert_eq!(app.tg.sent(p.id).len(), before, "no notice sent again");
    let ticked = app
        .tg
        .sent(p.id)
        .into_iter()
        .find(|m| m.message_id == notice.message_id)
        .unwrap();
    assert_eq!(ticked.text, notice.text, "the notice itself is unchanged");
    assert_eq!(ticked.buttons()[0], ["☑ 同意在回音壁中匿名引用我的原话"]);
    assert_eq!(app.tg.calls_of("editMessageReplyMarkup").len(), 3);
    let review = press(&app, &p, "继续").await;
    assert!(review.ends_with("身份：匿名\n同意匿名引用：是"), "{review}");
    assert!(!review.contains("保存身份信息"), "{review}");

    // Back to the identity: with a district given, the box is offered (unticked).
    press(&app, &p, "修改").await;
    say(&app, &p, "支持这部条例的出台，越快越好。").await;
    press(&app, &p, "完成").await;
    press(&app, &p, "匿名").await;
    press(&app, &p, "跳过").await;
    say(&app, &p, "长宁区").await;
    let labels = app.tg.sent(p.id).last().unwrap().buttons();
    assert_eq!(
        labels[..2],
        [
            vec!["☐ 保存我这次填写的身份信息"],
            vec!["☑ 同意在回音壁中匿名引用我的原话"],
        ]
    );
    press(&app, &p, "☐ 保存我这次填写的身份信息").await;
    let review = press(&app, &p, "继续").await;
    assert!(
        review.ends_with("身份：匿名 · 长宁区\n保存身份信息：是；同意匿名引用：是"),
        "{review}"
    );
    press(&app, &p, "提交").await;
    let o = &ledger(&app, id).await[0];
    assert_eq!(
        (o.district.as_deref(), o.consent_details, o.consent_quote),
        (Some("长宁区"), true, true)
    );
    app.finish().await;
}
