//! Durable intake: updates are stored before they are acknowledged, handled once, in
//! order per chat and in parallel across chats, and survive crashes and shutdowns.

use consult_domain::inbox::InboxCounts;
use serde_json::json;

use crate::support::{
    app::{BotProcess, TestApp, args, binary, eventually},
    db::TestDb,
    telegram::{ChatRef, FakeTelegram, Fault},
};

/// The message ids the bot's replies in `chat` answered, in the order they were sent.
fn replied_to(tg: &FakeTelegram, chat: i64) -> Vec<i64> {
    tg.calls_of("sendMessage")
        .iter()
        .filter(|c| c.status == 200 && c.params["chat_id"].as_i64() == Some(chat))
        .filter_map(|c| c.params["reply_parameters"]["message_id"].as_i64())
        .collect()
}

async fn counts(t: &TestDb) -> InboxCounts {
    t.db.inbox().counts().await.unwrap()
}

/// Waits until nothing is pending or being handled, then returns the counts. (A reply
/// reaches Telegram a moment before its row is marked handled.)
async fn settled(t: &TestDb) -> InboxCounts {
    eventually("the inbox to settle", || async {
        let c = counts(t).await;
        (c.pending == 0 && c.handling == 0).then_some(c)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_message_gets_an_answer_in_the_persons_language() {
    let app = TestApp::spawn().await;
    let zh = app.tg.person("小王");
    let en = app.tg.person("Alice").with_language("en-US");
    app.tg.send_text(&zh, ChatRef::Private, "你好");
    app.tg.send_text(&en, ChatRef::Private, "hello");
    let zh_reply = app.tg.wait_sent(zh.id, 1).await;
    let en_reply = app.tg.wait_sent(en.id, 1).await;
    assert_eq!(
        zh_reply[0].text,
        "我还没看懂这条消息。发送 /help 查看我能做什么。"
    );
    assert_eq!(
        en_reply[0].text,
        "I didn't understand that message. Send /help to see what I can do."
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_update_delivered_twice_is_handled_once() {
    let app = TestApp::spawn().await;
    let a = app.tg.person("Alice");
    let first = app.tg.send_text(&a, ChatRef::Private, "hello");
    app.tg.wait_sent(a.id, 1).await;
    let update = app.tg.updates_pushed().last().cloned().unwrap();
    app.tg.push_update_with_id(update);
    // A later message of the same chat is handled after anything stored before it, so
    // once it is answered a stored duplicate would have been answered too.
    let second = app.tg.send_text(&a, ChatRef::Private, "again");
    app.tg.wait_sent(a.id, 2).await;
    app.tg.wait_updates_confirmed().await;
    assert_eq!(replied_to(&app.tg, a.id), [first as i64, second as i64]);
    let c = settled(&app.testdb).await;
    assert_eq!(c.handled, 2);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_chat_in_order_while_another_chat_goes_ahead() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.tg.person("Alice"), app.tg.person("Bob"));
    let hold = app.tg.hold_nth("sendMessage", 1);
    let a1 = app.tg.send_text(&a, ChatRef::Private, "one");
    hold.reached().await;
    let a2 = app.tg.send_text(&a, ChatRef::Private, "two");
    let a3 = app.tg.send_text(&a, ChatRef::Private, "three");
    app.tg.send_text(&b, ChatRef::Private, "hi");

    // Bob is answered while Alice's first answer is still in flight…
    app.tg.wait_sent(b.id, 1).await;
    app.tg.wait_updates_confirmed().await;
    // …and Alice's later messages wait for it (a held call is recorded once answered).
    let to_alice = app
        .tg
        .calls_of("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(a.id))
        .count();
    assert_eq!(to_alice, 0, "nothing but the held answer was sent to Alice");
    assert_eq!(
        counts(&app.testdb).await.pending,
        2,
        "Alice's later messages wait their turn"
    );

    hold.release();
    app.tg.wait_sent(a.id, 3).await;
    assert_eq!(replied_to(&app.tg, a.id), [a1 as i64, a2 as i64, a3 as i64]);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_that_cannot_be_parsed_is_marked_and_the_loop_goes_on() {
    let app = TestApp::spawn().await;
    let a = app.tg.person("Alice");
    let broken = app.tg.push_raw_update(json!({
        "message": { "message_id": "not a number", "date": "yesterday", "chat": { "id": a.id, "type": "private" } }
    }));
    // The bot asks only for the kinds it handles (allowed_updates), but one of them may
    // come in a shape it cannot read.
    let future_kind = app.tg.push_raw_update(json!({
        "my_chat_member": { "chat": { "id": a.id, "type": "private" }, "what": 1 }
    }));
    let ok = app.tg.send_text(&a, ChatRef::Private, "hello");
    app.tg.wait_sent(a.id, 1).await;
    assert_eq!(replied_to(&app.tg, a.id), [ok as i64]);
    for id in [broken, future_kind] {
        let (state, payload) = app.db.inbox().by_update_id(id).await.unwrap().unwrap();
        assert_eq!(state, "unparsable");
        assert!(payload.is_some(), "kept for an operator to inspect");
    }
    let c = settled(&app.testdb).await;
    assert_eq!((c.unparsable, c.handled), (2, 1));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_nested_too_deep_to_decode_does_not_stall_intake() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.tg.person("Alice"), app.tg.person("Bob"));
    // Deeper than serde_json's 128 levels: the whole getUpdates answer used to fail to
    // decode, every 10 s, forever.
    let mut deep = json!(1);
    for _ in 0..300 {
        deep = json!([deep]);
    }
    let nested = app.tg.push_raw_update(json!({
        "message": {
            "message_id": 1, "date": 0, "text": "hi", "x": deep,
            "chat": { "id": a.id, "type": "private", "first_name": "Alice" },
        }
    }));
    let next = app.tg.send_text(&b, ChatRef::Private, "hello");
    app.tg.wait_sent(b.id, 1).await;
    assert_eq!(
        replied_to(&app.tg, b.id),
        [next as i64],
        "the next resident is answered"
    );
    let c = settled(&app.testdb).await;
    let (state, payload) = app.db.inbox().by_update_id(nested).await.unwrap().unwrap();
    assert_eq!(state, "unparsable");
    assert!(payload.is_some(), "kept for an operator to inspect");
    assert_eq!((c.unparsable, c.handled), (1, 1));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handled_payloads_are_redacted_and_purged_after_the_retention_window() {
    let mut app = TestApp::spawn().await;
    let a = app.tg.person("Alice");
    app.tg
        .send_text(&a, ChatRef::Private, "my phone is 13800000000");
    app.tg.wait_sent(a.id, 1).await;
    let update = app.tg.updates_pushed().last().cloned().unwrap();
    let id = update["update_id"].as_i64().unwrap();
    let (state, payload) = eventually("the row is handled", || async {
        app.db
            .inbox()
            .by_update_id(id)
            .await
            .unwrap()
            .filter(|(s, _)| s == "handled")
    })
    .await;
    assert_eq!(
        (state.as_str(), payload),
        ("handled", None),
        "the payload is gone once handled"
    );

    // Within the window the same update id is a duplicate; after it, the row is purged.
    app.clock.advance(chrono::Duration::hours(49));
    app.restart().await;
    eventually("the old row is purged", || async {
        app.db
            .inbox()
            .by_update_id(id)
            .await
            .unwrap()
            .is_none()
            .then_some(())
    })
    .await;
    app.finish().await;
}

fn spawn_bot(tg: &FakeTelegram, t: &TestDb) -> BotProcess {
    BotProcess::spawn(binary().args(args(tg, &t.url)).args(["--locale", "en"]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_storing_and_before_handling_is_handled_after_restart() {
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let a = tg.person("Alice").with_language("en");
    let hold = tg.hold_nth("sendMessage", 1);
    let mut bot = spawn_bot(&tg, &t);
    let msg = tg.send_text(&a, ChatRef::Private, "hello");
    hold.reached().await;
    assert_eq!(counts(&t).await.handling, 1, "stored and being handled");

    bot.signal("KILL");
    bot.wait_exit().await;
    assert!(tg.sent(a.id).is_empty(), "the answer never got out");

    let mut bot = spawn_bot(&tg, &t);
    tg.wait_sent(a.id, 1).await;
    assert_eq!(replied_to(&tg, a.id), [msg as i64]);
    eventually("handled", || async {
        (counts(&t).await.handled == 1).then_some(())
    })
    .await;
    bot.signal("TERM");
    assert!(bot.wait_exit().await.success());
    tg.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_the_running_handler_finish_exits_zero_and_loses_nothing() {
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let a = tg.person("Alice").with_language("en");
    let hold = tg.hold_nth("sendMessage", 1);
    let mut bot = spawn_bot(&tg, &t);
    let first = tg.send_text(&a, ChatRef::Private, "one");
    hold.reached().await;
    let second = tg.send_text(&a, ChatRef::Private, "two");
    tg.wait_updates_confirmed().await;

    bot.signal("TERM");
    // Intake stops first: its last getUpdates only acknowledges (timeout 0).
    tg.wait_for("the final acknowledging poll", |f| {
        f.calls_of("getUpdates")
            .iter()
            .any(|c| c.params["timeout"].as_i64() == Some(0))
            .then_some(())
    })
    .await;
    assert!(bot.is_running(), "still finishing the held answer");
    hold.release();
    let status = bot.wait_exit().await;
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        replied_to(&tg, a.id),
        [first as i64],
        "the update in flight finished"
    );
    let c = counts(&t).await;
    assert_eq!(
        (c.handled, c.pending),
        (1, 1),
        "the next update waits in the inbox"
    );

    let mut bot = spawn_bot(&tg, &t);
    tg.wait_sent(a.id, 2).await;
    assert_eq!(replied_to(&tg, a.id), [first as i64, second as i64]);
    bot.signal("INT");
    assert_eq!(bot.wait_exit().await.code(), Some(0));
    tg.assert_no_violations();
}

/// PostgreSQL ends every connection (a restart, a failover) while the bot is busy:
/// pooled connections are lent again without a ping when they were used moments ago,
/// so the first statements on them fail; the updates are retried and none is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_cut_by_a_postgres_restart_lose_no_update() {
    if crate::support::db::postgres_url().is_none() {
        return;
    }
    let app = TestApp::spawn().await;
    let people: Vec<_> = (0..6)
        .map(|i| app.tg.person(&format!("Resident {i}")))
        .collect();
    let before: Vec<_> = people
        .iter()
        .map(|p| app.tg.send_text(p, ChatRef::Private, "before") as i64)
        .collect();
    for p in &people {
        app.tg.wait_sent(p.id, 1).await;
    }

    app.testdb.cut_connections().await;
    let after: Vec<_> = people
        .iter()
        .map(|p| app.tg.send_text(p, ChatRef::Private, "after the restart") as i64)
        .collect();
    for ((p, first), second) in people.iter().zip(before).zip(after) {
        app.tg.wait_sent(p.id, 2).await;
        assert_eq!(
            replied_to(&app.tg, p.id),
            [first, second],
            "each answered once"
        );
    }
    app.tg.wait_updates_confirmed().await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_is_briefly_down_loses_nothing() {
    // SQLite is a file inside the process: only PostgreSQL can be down on its own.
    if crate::support::db::postgres_url().is_none() {
        return;
    }
    let app = TestApp::spawn().await;
    let a = app.tg.person("Alice");
    app.tg.send_text(&a, ChatRef::Private, "before");
    app.tg.wait_sent(a.id, 1).await;

    app.testdb.set_down(true).await;
    let during = app.tg.send_text(&a, ChatRef::Private, "during the outage");
    // The bot has received the update…
    app.tg
        .wait_for("the update delivered to the bot", |f| {
            f.calls_of("getUpdates")
                .iter()
                .any(|c| {
                    c.response["result"].as_array().is_some_and(|r| {
                        !r.is_empty() && r.iter().any(|u| u["message"]["message_id"] == during)
                    })
                })
                .then_some(())
        })
        .await;
    // …but cannot store it, so it is neither acknowledged nor answered yet.
    assert_eq!(
        app.tg.pending_updates(),
        1,
        "not acknowledged while it cannot be stored"
    );
    assert_eq!(app.tg.sent(a.id).len(), 1);

    app.testdb.set_down(false).await;
    app.tg.wait_sent(a.id, 2).await;
    app.tg.wait_updates_confirmed().await;
    assert_eq!(
        replied_to(&app.tg, a.id).last().copied(),
        Some(during as i64)
    );
    app.finish().await;
}

/// Issue 14, item 6: a reply Telegram answered with `429 retry_after` was given up
/// after a few quick retries on tokio's clock. The update is handled again once the
/// wait is over (on the injected clock), so the reply arrives; the chat's next message
/// waits behind it and is answered after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_told_to_wait_is_sent_after_the_wait_and_the_chat_keeps_its_order() {
    let app = TestApp::spawn().await;
    let p = app.tg.person("小王");
    app.tg
        .fail_next("sendMessage", Some(p.id), Fault::RetryAfter(30));
    app.tg.send_text(&p, ChatRef::Private, "你好");
    let update_id = app.tg.last_update_id();
    app.told_to_wait(update_id, 30).await;
    app.tg.send_text(&p, ChatRef::Private, "/help");
    assert!(app.tg.sent(p.id).is_empty(), "nothing before the wait");

    app.clock.advance(chrono::Duration::seconds(30));
    let sent = app.tg.wait_sent(p.id, 2).await;
    assert_eq!(
        sent[0].text,
        "我还没看懂这条消息。发送 /help 查看我能做什么。"
    );
    assert!(
        !sent[1].text.contains("我还没看懂"),
        "then the answer to /help: {}",
        sent[1].text
    );
    let statuses: Vec<u16> = app
        .tg
        .calls_of("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(p.id))
        .map(|c| c.status)
        .collect();
    assert_eq!(statuses, [429, 200, 200]);
    app.settle().await;
    let (state, _) = app.db.inbox().note_of(update_id).await.unwrap().unwrap();
    assert_eq!(state, "handled");
    app.finish().await;
}
