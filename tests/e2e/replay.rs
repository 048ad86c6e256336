//! Effects once, answer always: a button press Telegram no longer lets the bot answer
//! still takes its step, and an update handled again after the process died between
//! storing its step and sending the reply ends with the person seeing what they should
//! see now — the next question, the read-back, the receipt — with nothing done twice.

use std::time::Duration;

use consult_domain::{
    Actor,
    roles::{Assignment, Role},
};

use crate::{
    replicas::{
        anonymous_to_the_read_back, consultation, handled, last_text, press, press_only, say,
        step_held_before_its_reply, update_of_callback, update_of_message,
    },
    support::{
        app::{BotProcess, TestApp, args, binary},
        db::TestDb,
        telegram::{ChatRef, FakeTelegram, Fault, Person},
    },
};

/// Presses `label` without waiting for an answer to the press (Telegram refuses it);
/// returns what the bot said last once the press is handled.
async fn press_unanswerable(app: &TestApp, who: &Person, label: &str) -> String {
    let q = press_only(&app.tg, who, label);
    app.settle().await;
    assert!(
        app.tg.refused_callback_answers(&q) >= 1,
        "Telegram refused the answer to {label:?}"
    );
    last_text(&app.tg, who)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presses_too_old_to_answer_still_take_their_step_to_the_receipt() {
    let app = TestApp::spawn().await;
    let id = app
        .open_consultation(
            "某市养犬管理条例（草案）",
            crate::support::world::DRAFT,
            &[],
            10,
        )
        .await
        .id;
    let p = app.tg.person("居民");
    // Every press waited in the inbox longer than Telegram keeps a query answerable.
    app.tg.expire_callback_queries_after(Duration::ZERO);
    app.tg
        .send_text(&p, ChatRef::Private, &format!("/start op-{id}"));
    app.settle().await;
    assert_eq!(
        press_unanswerable(&app, &p, "整部草案").await,
        "您对整部草案的看法是？"
    );
    assert!(
        press_unanswerable(&app, &p, "支持")
            .await
            .starts_with("请写下您的意见")
    );
    app.tg
        .send_text(&p, ChatRef::Private, "登记制度很有必要，建议简化手续。");
    app.settle().await;
    assert_eq!(
        press_unanswerable(&app, &p, "完成").await,
        "您希望以什么身份提交？"
    );
    press_unanswerable(&app, &p, "匿名").await;
    press_unanswerable(&app, &p, "跳过").await;
    assert!(
        press_unanswerable(&app, &p, "继续")
            .await
            .starts_with("请核对您的意见")
    );
    let receipt = press_unanswerable(&app, &p, "提交").await;
    assert!(
        receipt.starts_with("已收到您的意见，收件编号 C1-"),
        "{receipt}"
    );
    assert_eq!(app.db.opinions().on(id).await.unwrap().len(), 1);

    // A handler that fails on a press Telegram refuses to answer still tells the
    // person, in the private chat, instead of through the refused answer.
    app.tg.send_text(&p, ChatRef::Private, "/mine");
    app.settle().await;
    app.tg.fail_next(
        "sendMessage",
        Some(p.id),
        Fault::Custom(400, "Bad Request: chat not found".into()),
    );
    press_unanswerable(&app, &p, &format!("撤回 {}", receipt_of(&receipt))).await;
    assert!(
        last_text(&app.tg, &p).starts_with("抱歉，处理时出了点问题"),
        "{}",
        last_text(&app.tg, &p)
    );
    app.finish().await;
}

/// The receipt number in 「已收到您的意见，收件编号 C1-…。」.
fn receipt_of(text: &str) -> String {
    text.split("收件编号 ")
        .nth(1)
        .and_then(|r| r.split('。').next())
        .expect("a receipt number")
        .to_owned()
}

fn spawn_bot(tg: &FakeTelegram, t: &TestDb) -> BotProcess {
    BotProcess::spawn(binary().args(args(tg, &t.url)))
}

/// Does `act` (which returns the update it caused) with the bot's next message held in
/// flight, kills the bot once the step is stored and before its reply leaves, starts it
/// again, and returns what the person sees once the update has been handled again.
async fn killed_before_the_reply(
    tg: &FakeTelegram,
    t: &TestDb,
    bot: &mut BotProcess,
    who: &Person,
    act: impl FnOnce() -> i64,
) -> String {
    let (hold, update) = step_held_before_its_reply(tg, &t.db, who, act).await;
    bot.signal("KILL");
    bot.wait_exit().await;
    hold.abandoned().await;
    *bot = spawn_bot(tg, t);
    handled(&t.db, update).await;
    last_text(tg, who)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_between_a_steps_commit_and_its_reply_the_replay_shows_the_next_question() {
    let tg = FakeTelegram::start().await;
    let t = TestDb::sqlite().await;
    let id = consultation(&t.db, chrono::Duration::days(10)).await;
    let p = tg.person("居民");
    let mut bot = spawn_bot(&tg, &t);
    say(&tg, &t.db, &p, &format!("/start op-{id}")).await;
    say(&tg, &t.db, &p, "3").await;
    press(&tg, &t.db, &p, "支持").await;

    // A text message: the opinion is stored, the next question never went out.
    let asked = killed_before_the_reply(&tg, &t, &mut bot, &p, || {
        let m = tg.send_text(&p, ChatRef::Private, "登记制度很有必要。");
        update_of_message(&tg, p.id, m)
    })
    .await;
    assert!(asked.starts_with("可以发送照片"), "{asked}");

    // A button press, answered before the crash: the replay's answer is refused.
    let mut query = String::new();
    let asked = killed_before_the_reply(&tg, &t, &mut bot, &p, || {
        query = press_only(&tg, &p, "完成");
        update_of_callback(&tg, &query)
    })
    .await;
    assert_eq!(asked, "您希望以什么身份提交？");
    assert_eq!(tg.refused_callback_answers(&query), 1, "answered twice");

    anonymous_to_the_read_back(&tg, &t.db, &p).await;
    // 提交: the opinion is stored, the receipt never went out.
    let receipt = killed_before_the_reply(&tg, &t, &mut bot, &p, || {
        let q = press_only(&tg, &p, "提交");
        update_of_callback(&tg, &q)
    })
    .await;
    assert!(
        receipt.starts_with("已收到您的意见，收件编号 C1-"),
        "{receipt}"
    );
    let ledger = t.db.opinions().on(id).await.unwrap();
    assert_eq!(ledger.len(), 1, "one opinion");
    assert!(receipt.contains(&ledger[0].receipt), "{receipt}");
    let texts: Vec<String> = tg.sent(p.id).into_iter().map(|m| m.text).collect();
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.starts_with("已收到您的意见"))
            .count(),
        1,
        "one receipt: {texts:?}"
    );

    // The receipt kept for a replay is no dialogue: /cancel has nothing to cancel.
    assert_eq!(
        say(&tg, &t.db, &p, "/cancel").await,
        "当前没有进行中的操作。"
    );
    bot.signal("TERM");
    assert!(bot.wait_exit().await.success());
    tg.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_dialogue_handled_again_after_its_commit_asks_its_current_question() {
    let tg = FakeTelegram::start().await;
    let t = TestDb::sqlite().await;
    let admin = tg.person("管理员");
    let assignment = Assignment::new(Role::Admin, None).unwrap();
    t.db.roles()
        .grant(
            admin.id,
            &assignment,
            Actor::CommandLine,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let mut bot = spawn_bot(&tg, &t);
    say(&tg, &t.db, &admin, "/newdraft").await;
    let asked = say(&tg, &t.db, &admin, crate::support::world::DRAFT).await;
    assert!(asked.starts_with("请发送这次征求意见的标题"), "{asked}");

    // The title is stored; the deadline's question never went out.
    let asked = killed_before_the_reply(&tg, &t, &mut bot, &admin, || {
        let m = tg.send_text(&admin, ChatRef::Private, "某市养犬管理条例（草案）");
        update_of_message(&tg, admin.id, m)
    })
    .await;
    assert!(asked.starts_with("截止时间？"), "{asked}");
    // Nothing was done twice: the next answer goes on from the deadline.
    let next = say(&tg, &t.db, &admin, "2099-01-15").await;
    assert!(!next.starts_with("截止时间？"), "{next}");
    bot.signal("TERM");
    assert!(bot.wait_exit().await.success());
    tg.assert_no_violations();
}
