//! Tests of the fake Bot API server itself: it refuses what Telegram refuses, with
//! Telegram's texts, and everything it answers deserialises into teloxide's types.

use serde_json::{Value, json};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, CallbackQueryId, ChatId, ForceReply, InlineKeyboardButton,
    InlineKeyboardMarkup, InlineQueryId, InlineQueryResult, InlineQueryResultArticle, InputFile,
    InputMessageContent, InputMessageContentText, KeyboardButton, KeyboardMarkup, KeyboardRemove,
    LinkPreviewOptions, MessageId, ParseMode, ReactionType, Recipient, ReplyParameters, UpdateKind,
    UserId,
};
use teloxide::{ApiError, RequestError};

use crate::support::telegram::{BOT_ID, ChatRef, FakeTelegram, Fault, MigrationOrder};

fn bot(tg: &FakeTelegram) -> Bot {
    Bot::new(tg.token()).set_api_url(reqwest::Url::parse(&tg.api_url()).unwrap())
}

/// A raw JSON call, to send what teloxide never would.
async fn raw(tg: &FakeTelegram, method: &str, body: Value) -> (u16, Value) {
    let url = format!("{}bot{}/{method}", tg.api_url(), tg.token());
    let resp = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

/// A person who has written to the bot (so the bot may write back).
fn started(tg: &FakeTelegram, name: &str) -> crate::support::telegram::Person {
    let p = tg.person(name);
    tg.send_text(&p, ChatRef::Private, "/start");
    p
}

fn description(v: &Value) -> &str {
    v["description"].as_str().unwrap_or("")
}

fn api_text(e: &RequestError) -> String {
    match e {
        RequestError::Api(ApiError::Unknown(s)) => s.clone(),
        RequestError::Api(e) => e.to_string(),
        other => panic!("not an API error: {other:?}"),
    }
}

fn button(text: &str, data: &str) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, data)
}

#[tokio::test]
async fn unknown_method_is_404_and_a_violation() {
    let tg = FakeTelegram::start().await;
    let (status, body) = raw(&tg, "sendMesage", json!({"chat_id": 1, "text": "x"})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 404, "description": "Not Found"})
    );
    assert_eq!(tg.violations().len(), 1);
}

#[tokio::test]
async fn wrong_token_is_401() {
    let tg = FakeTelegram::start().await;
    let url = format!("{}bot123:wrong/getMe", tg.api_url());
    let resp = reqwest::Client::new().get(url).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );
}

#[tokio::test]
async fn method_names_are_case_insensitive_and_forms_are_accepted() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Li");
    for name in ["SendMessage", "sendmessage", "sendMessage"] {
        let (status, body) = raw(&tg, name, json!({"chat_id": p.id, "text": name})).await;
        assert_eq!(status, 200, "{body}");
    }
    // url-encoded form with a JSON-serialized object, and a query string
    let url = format!("{}bot{}/sendMessage", tg.api_url(), tg.token());
    let markup = r#"{"inline_keyboard":[[{"text":"ok","callback_data":"x"}]]}"#;
    let resp = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "chat_id={}&text=a%20b%2Bc&reply_markup={}",
            p.id,
            markup
                .replace('{', "%7B")
                .replace('}', "%7D")
                .replace('"', "%22")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let resp = reqwest::Client::new()
        .get(format!("{url}?chat_id={}&text=query", p.id))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let sent = tg.sent(p.id);
    assert_eq!(sent.len(), 5);
    assert_eq!(sent[3].text, "a b+c");
    assert_eq!(sent[3].buttons(), vec![vec!["ok".to_owned()]]);
    assert_eq!(tg.calls()[0].method, "sendMessage");
    tg.assert_no_violations();
}

#[tokio::test]
async fn missing_parameters_are_refused() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Wang");
    let (status, body) = raw(&tg, "sendMessage", json!({"chat_id": p.id})).await;
    assert_eq!(
        (status, description(&body)),
        (400, "Bad Request: message text is empty")
    );
    let (_, body) = raw(&tg, "sendMessage", json!({"text": "hi"})).await;
    assert_eq!(description(&body), "Bad Request: chat_id is empty");
    let (_, body) = raw(
        &tg,
        "sendMessage",
        json!({"chat_id": p.id, "text": "<b> </b>", "parse_mode": "HTML"}),
    )
    .await;
    assert_eq!(description(&body), "Bad Request: message text is empty");
    let (_, body) = raw(&tg, "sendDocument", json!({"chat_id": p.id})).await;
    assert_eq!(
        description(&body),
        "Bad Request: there is no document in the request"
    );
    assert_eq!(tg.violations().len(), 4);
    assert!(tg.sent(p.id).is_empty());
}

#[tokio::test]
async fn wrong_types_are_refused_recursively() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Zhao");
    let (status, body) = raw(
        &tg,
        "deleteMessage",
        json!({"chat_id": p.id, "message_id": "first"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(description(&body).contains("message_id"), "{body}");

    let (_, body) = raw(
        &tg,
        "sendMessage",
        json!({"chat_id": p.id, "text": "x", "reply_markup": {"inline_keyboard": "nope"}}),
    )
    .await;
    assert!(
        description(&body).starts_with("Bad Request: can't parse reply keyboard markup"),
        "{body}"
    );

    let (_, body) = raw(
        &tg,
        "sendMessage",
        json!({"chat_id": p.id, "text": "x", "reply_markup": {"inline_keyboard": [[{"callback_data": "a"}]]}}),
    )
    .await;
    assert!(
        description(&body).contains("Can't find field \"text\""),
        "{body}"
    );

    let (_, body) = raw(
        &tg,
        "sendMessage",
        json!({"chat_id": p.id, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": 5}]]}}),
    )
    .await;
    assert!(
        description(&body).contains("must be of type String"),
        "{body}"
    );

    let (_, body) = raw(
        &tg,
        "sendMessage",
        json!({"chat_id": p.id, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": "a"}]]}}),
    )
    .await;
    assert_eq!(
        description(&body),
        "Bad Request: text buttons are unallowed in the inline keyboard"
    );

    let (_, body) = raw(
        &tg,
        "setMessageReaction",
        json!({"chat_id": p.id, "message_id": 1, "reaction": [{"type": "emoji", "emoji": "🦖"}]}),
    )
    .await;
    assert_eq!(description(&body), "Bad Request: REACTION_INVALID");

    let (_, body) = raw(
        &tg,
        "setMyCommands",
        json!({"commands": [{"command": "Start", "description": "go"}]}),
    )
    .await;
    assert_eq!(description(&body), "Bad Request: BOT_COMMAND_INVALID");
    assert_eq!(tg.violations().len(), 7, "{:#?}", tg.violations());
}

#[tokio::test]
async fn mini_app_buttons_only_in_private_chats_and_over_https() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Ann");
    let g = tg.group("居民群");
    tg.add_bot(&p, &g);
    let markup = |kind: &str, url: &str| {
        let button = match kind {
            "web_app" => json!({"text": "a", "web_app": {"url": url}}),
            _ => json!({"text": "a", "url": url}),
        };
        json!({"inline_keyboard": [[button]]})
    };
    let send = |chat: i64, m: Value| json!({"chat_id": chat, "text": "x", "reply_markup": m});
    let (status, body) = raw(
        &tg,
        "sendMessage",
        send(p.id, markup("web_app", "https://e.org/")),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = raw(
        &tg,
        "sendMessage",
        send(g.id, markup("web_app", "https://e.org/")),
    )
    .await;
    assert_eq!(description(&body), "Bad Request: BUTTON_TYPE_INVALID");
    let (_, body) = raw(
        &tg,
        "sendMessage",
        send(p.id, markup("web_app", "http://e.org/")),
    )
    .await;
    assert_eq!(description(&body), "Bad Request: BUTTON_URL_INVALID");
    let (status, body) = raw(
        &tg,
        "sendMessage",
        send(g.id, markup("url", "https://e.org/")),
    )
    .await;
    assert_eq!(status, 200, "a URL button is fine in a group: {body}");
}

#[tokio::test]
async fn text_length_is_counted_after_entity_parsing_in_utf16() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Chen");
    let b = bot(&tg);
    let chat = ChatId(p.id);

    b.send_message(chat, "法".repeat(4096)).await.unwrap();
    b.send_message(chat, "&amp;".repeat(4096))
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    b.send_message(chat, format!("<b>{}</b>", "😀".repeat(2048)))
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    tg.assert_no_violations();

    let err = b.send_message(chat, "法".repeat(4097)).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageIsTooLong)),
        "{err:?}"
    );
    let err = b.send_message(chat, "😀".repeat(2049)).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageIsTooLong)),
        "{err:?}"
    );
    // Without parse mode an entity is just five characters.
    let err = b.send_message(chat, "&amp;".repeat(820)).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageIsTooLong)),
        "{err:?}"
    );
    let err = b
        .send_document(chat, InputFile::memory(b"x".to_vec()).file_name("a.txt"))
        .caption("字".repeat(1025))
        .await
        .unwrap_err();
    assert_eq!(api_text(&err), "Bad Request: message caption is too long");
    let err = b
        .answer_callback_query(CallbackQueryId("0".into()))
        .text("x".repeat(201))
        .await
        .unwrap_err();
    assert_eq!(api_text(&err), "Bad Request: MESSAGE_TOO_LONG");
    assert_eq!(tg.violations().len(), 5);
    let sent = tg.sent(p.id);
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[1].text, "&".repeat(4096));
}

#[tokio::test]
async fn callback_data_is_at_most_64_bytes() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Sun");
    let b = bot(&tg);
    let ok = InlineKeyboardMarkup::new([[button("ok", &"é".repeat(32))]]);
    b.send_message(ChatId(p.id), "x")
        .reply_markup(ok)
        .await
        .unwrap();
    tg.assert_no_violations();
    let long = InlineKeyboardMarkup::new([[button("ok", &format!("{}a", "é".repeat(32)))]]);
    let err = b
        .send_message(ChatId(p.id), "x")
        .reply_markup(long)
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ButtonDataInvalid)),
        "{err:?}"
    );
    assert_eq!(tg.violations().len(), 1);
}

#[tokio::test]
async fn bad_html_is_refused_with_telegrams_text() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Zhou");
    let b = bot(&tg);
    let cases = [
        (
            "<div>x</div>",
            "Unsupported start tag \"div\" at byte offset 0",
        ),
        (
            "<b>x",
            "Can't find end tag corresponding to start tag \"b\"",
        ),
        ("a < b", "Unsupported start tag \"\" at byte offset 2"),
        ("x</i>", "Unexpected end tag at byte offset 1"),
    ];
    for (html, text) in cases {
        let err = b
            .send_message(ChatId(p.id), html)
            .parse_mode(ParseMode::Html)
            .await
            .unwrap_err();
        assert_eq!(
            api_text(&err),
            format!("Bad Request: can't parse entities: {text}")
        );
    }
    assert_eq!(tg.violations().len(), cases.len());
    // The same texts are fine without parse mode.
    for (html, _) in cases {
        b.send_message(ChatId(p.id), html).await.unwrap();
    }
    assert_eq!(tg.violations().len(), cases.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_faults_give_telegrams_texts_and_teloxide_classifies_them() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "Wu");
    let g = tg.group("街道联络点");
    tg.add_bot(&p, &g);
    let b = bot(&tg);

    tg.fail_next("sendMessage", Some(p.id), Fault::RetryAfter(7));
    let err = b.send_message(ChatId(p.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 7),
        "{err:?}"
    );

    tg.fail_next("sendMessage", Some(g.id), Fault::Migrated(-1001234567890));
    let err = b.send_message(ChatId(g.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::MigrateToChatId(ChatId(-1001234567890))),
        "{err:?}"
    );

    tg.fail_next("sendMessage", None, Fault::Kicked);
    let err = b.send_message(ChatId(g.id), "x").await.unwrap_err();
    assert_eq!(
        api_text(&err),
        "Forbidden: bot was kicked from the group chat"
    );

    tg.fail_next("sendMessage", None, Fault::Blocked);
    let err = b.send_message(ChatId(p.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    assert!(api_text(&err).starts_with("Forbidden:"));

    // 5xx through a raw client: teloxide sleeps 10 s on them before reading.
    tg.fail_next("sendMessage", None, Fault::ServerError);
    let (status, body) = raw(&tg, "sendMessage", json!({"chat_id": p.id, "text": "x"})).await;
    assert_eq!(
        (status, body),
        (
            500,
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"})
        )
    );
    tg.fail_next("sendMessage", None, Fault::BadGateway);
    let (status, body) = raw(&tg, "sendMessage", json!({"chat_id": p.id, "text": "x"})).await;
    assert_eq!((status, description(&body)), (502, "Bad Gateway"));

    // The texts on the wire, exactly.
    tg.fail_next("sendMessage", None, Fault::RetryAfter(3));
    let (status, body) = raw(&tg, "sendMessage", json!({"chat_id": p.id, "text": "x"})).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}})
    );

    // Faults are not violations, and nothing was sent.
    tg.assert_no_violations();
    assert!(tg.sent(p.id).is_empty());
    b.send_message(ChatId(p.id), "after").await.unwrap();
    assert_eq!(tg.sent(p.id).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_world_answers_like_telegram() {
    let tg = FakeTelegram::start().await;
    let b = bot(&tg);
    let owner = started(&tg, "Owner");
    let stranger = tg.person("Stranger");
    let g = tg.group("社区");

    // Never wrote to the bot; unknown chat; group without the bot.
    let err = b.send_message(ChatId(stranger.id), "x").await.unwrap_err();
    assert_eq!(
        api_text(&err),
        "Forbidden: bot can't initiate conversation with a user"
    );
    let err = b.send_message(ChatId(-42), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );
    let err = b.send_message(ChatId(g.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );

    tg.add_bot(&owner, &g);
    b.send_message(ChatId(g.id), "hello").await.unwrap();
    tg.remove_bot(&owner, &g);
    let err = b.send_message(ChatId(g.id), "x").await.unwrap_err();
    assert_eq!(
        api_text(&err),
        "Forbidden: bot was kicked from the group chat"
    );
    tg.add_bot(&owner, &g);

    tg.block_bot(&owner);
    let err = b.send_message(ChatId(owner.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    tg.unblock_bot(&owner);

    let sg = tg.upgrade_to_supergroup(&g, MigrationOrder::NewFirst);
    assert!(sg.id < -1_000_000_000_000);
    let err = b.send_message(ChatId(g.id), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::MigrateToChatId(ChatId(id)) if id == sg.id),
        "{err:?}"
    );
    b.send_message(ChatId(sg.id), "in the supergroup")
        .await
        .unwrap();

    // Edits: not found, not modified, markup removed by a text edit.
    let m = b
        .send_message(ChatId(owner.id), "v1")
        .reply_markup(InlineKeyboardMarkup::new([[button("A", "a")]]))
        .await
        .unwrap();
    let err = b
        .edit_message_text(ChatId(owner.id), MessageId(9999), "v2")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );
    let err = b
        .edit_message_reply_markup(ChatId(owner.id), m.id)
        .reply_markup(InlineKeyboardMarkup::new([[button("A", "a")]]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageNotModified)),
        "{err:?}"
    );
    b.edit_message_text(ChatId(owner.id), m.id, "v2")
        .await
        .unwrap();
    let sent = tg.sent(owner.id);
    let last = sent.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.edits, last.reply_markup.is_none()),
        ("v2", 1, true)
    );

    // Pinning without rights: a plain member may not pin, nor an administrator without
    // can_pin_messages; an administrator with it may (the Bot API's pinChatMessage).
    let refused = "Bad Request: not enough rights to manage pinned messages in the chat";
    let pm = b.send_message(ChatId(sg.id), "pin me").await.unwrap();
    assert_eq!(tg.bot_status(sg.id).as_deref(), Some("member"));
    let err = b.pin_chat_message(ChatId(sg.id), pm.id).await.unwrap_err();
    assert_eq!(api_text(&err), refused);
    tg.promote_bot(&owner, &sg, false);
    let err = b.pin_chat_message(ChatId(sg.id), pm.id).await.unwrap_err();
    assert_eq!(api_text(&err), refused);
    tg.promote_bot(&owner, &sg, true);
    b.pin_chat_message(ChatId(sg.id), pm.id).await.unwrap();
    b.unpin_chat_message(ChatId(sg.id)).await.unwrap();
    let promoted = tg.updates_pushed();
    let promoted = &promoted.last().unwrap()["my_chat_member"];
    assert_eq!(promoted["old_chat_member"]["can_pin_messages"], false);
    assert_eq!(promoted["new_chat_member"]["can_pin_messages"], true);
    tg.demote_bot(&owner, &sg);
    let err = b.pin_chat_message(ChatId(sg.id), pm.id).await.unwrap_err();
    assert_eq!(api_text(&err), refused);

    // Private chats ignore privacy mode; groups get only commands and replies to the bot.
    let before = tg.updates_pushed().len();
    tg.send_text(&owner, ChatRef::Group(&sg), "just chatting");
    tg.send_text(&owner, ChatRef::Group(&sg), "/help@other_bot");
    assert_eq!(tg.updates_pushed().len(), before);
    tg.send_text(&owner, ChatRef::Group(&sg), "/help@consult_test_bot");
    tg.reply_to(&owner, ChatRef::Group(&sg), pm.id.0, "a reply to the bot");
    assert_eq!(tg.updates_pushed().len(), before + 2);
    tg.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_poller_terminates_the_first_with_409() {
    let tg = FakeTelegram::start().await;
    let b = bot(&tg);
    let first = tokio::spawn({
        let b = b.clone();
        async move { b.get_updates().timeout(10).await }
    });
    tg.wait_for("the first getUpdates to wait", |t| {
        (t.polls_started() >= 1).then_some(())
    })
    .await;
    let second = tokio::spawn({
        let b = b.clone();
        async move { b.get_updates().timeout(0).await }
    });
    let err = first.await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            RequestError::Api(ApiError::TerminatedByOtherGetUpdates)
        ),
        "{err:?}"
    );
    assert!(second.await.unwrap().unwrap().is_empty());

    // A webhook forbids polling.
    b.set_webhook(reqwest::Url::parse("https://example.org/hook").unwrap())
        .await
        .unwrap();
    let err = b.get_updates().await.unwrap_err();
    assert_eq!(
        api_text(&err),
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    );
    b.delete_webhook().await.unwrap();
    b.get_updates().await.unwrap();
    tg.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_polling_returns_as_soon_as_an_update_arrives_and_offset_confirms() {
    let tg = FakeTelegram::start().await;
    let b = bot(&tg);
    let p = tg.person("Ma");
    let poll = tokio::spawn({
        let b = b.clone();
        async move { b.get_updates().timeout(15).await }
    });
    tg.wait_for("the poll to start", |t| {
        (t.polls_started() >= 1).then_some(())
    })
    .await;
    tg.send_text(&p, ChatRef::Private, "hello");
    let updates = poll.await.unwrap().unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(tg.pending_updates(), 1);
    let next = updates[0].id.0 as i32 + 1;
    let again = b.get_updates().offset(next).timeout(0).await.unwrap();
    assert!(again.is_empty());
    assert_eq!(tg.pending_updates(), 0);

    // A re-delivered update (same id) comes again whatever the offset.
    let raw_update = tg.updates_pushed()[0].clone();
    tg.push_update_with_id(raw_update);
    let dup = b.get_updates().offset(next).timeout(0).await.unwrap();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].id, updates[0].id);
    b.get_updates().offset(next).timeout(0).await.unwrap();
    assert_eq!(tg.pending_updates(), 0);
    tg.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hold_nth_delays_the_answer_until_released() {
    let tg = FakeTelegram::start().await;
    let p = started(&tg, "He");
    let b = bot(&tg);
    let hold = tg.hold_nth("sendMessage", 2);
    b.send_message(ChatId(p.id), "first").await.unwrap();
    let task = tokio::spawn({
        let b = b.clone();
        async move { b.send_message(ChatId(p.id), "second").await }
    });
    hold.reached().await;
    assert_eq!(tg.sent(p.id).len(), 1, "a held call has no effect yet");
    hold.release();
    let m = task.await.unwrap().unwrap();
    assert_eq!(m.text(), Some("second"));
    assert_eq!(tg.sent(p.id).len(), 2);

    // A held call whose client goes away is dropped without effect.
    let hold = tg.hold_nth("sendMessage", 1);
    let task = tokio::spawn({
        let b = b.clone();
        async move { b.send_message(ChatId(p.id), "lost").await }
    });
    hold.reached().await;
    task.abort();
    let _ = task.await;
    hold.abandoned().await;
    hold.release();
    b.get_me().await.unwrap();
    assert!(tg.sent(p.id).iter().all(|m| m.text != "lost"));
    tg.assert_no_violations();
}

/// Drives every method the fake implements through teloxide, and every kind of update
/// through `getUpdates`: all answers deserialise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_deserialises_into_teloxide_types() {
    let tg = FakeTelegram::start().await;
    let b = bot(&tg);
    let me = b.get_me().await.unwrap();
    assert_eq!(me.username(), "consult_test_bot");
    assert!(me.supports_inline_queries);

    let alice = tg
        .person("Alice")
        .with_language("en")
        .with_last_name("Liddell");
    let bob = tg.person("Bob").without_username();
    let g = tg.group("立法联系点");
    tg.add_bot(&alice, &g);
    tg.set_member_status(&g, alice.id, "creator");
    tg.set_member_status(&g, bob.id, "administrator");

    // Updates of every kind the fake makes.
    let hello = tg.send_text(&alice, ChatRef::Private, "/start payload_1");
    tg.send_text(&bob, ChatRef::Private, "你好");
    let doc = tg.send_document(
        &alice,
        ChatRef::Private,
        "意见.pdf",
        "application/pdf",
        b"%PDF-1.4".to_vec(),
    );
    tg.send_photo(
        &alice,
        ChatRef::Private,
        vec![1, 2, 3],
        Some("photo caption"),
    );
    tg.send_voice(&alice, ChatRef::Private, vec![4, 5, 6]);
    tg.send_text(&alice, ChatRef::Group(&g), "/help");
    let kb = b
        .send_message(ChatId(alice.id), "<b>选择</b> &amp; go")
        .parse_mode(ParseMode::Html)
        .reply_markup(InlineKeyboardMarkup::new([
            vec![button("支持", "s:1"), button("反对", "o:1")],
            vec![InlineKeyboardButton::url(
                "草案",
                reqwest::Url::parse("https://example.org/d").unwrap(),
            )],
        ]))
        .reply_parameters(ReplyParameters::new(MessageId(hello)))
        .await
        .unwrap();
    assert_eq!(kb.text(), Some("选择 & go"));
    tg.reply_to(&alice, ChatRef::Private, kb.id.0, "a reply");
    let cq = tg.press_button(&alice, ChatRef::Private, kb.id.0, "支持");
    let forged = tg.press_callback_data(&bob, ChatRef::Private, 999, "forged");
    let iq = tg.inline_query(&alice, "条例");
    tg.block_bot(&bob);
    tg.unblock_bot(&bob);
    let g2 = tg.group("第二组");
    tg.add_bot(&alice, &g2);
    let sg = tg.upgrade_to_supergroup(&g2, MigrationOrder::OldFirst);
    tg.send_text(&alice, ChatRef::Group(&sg), "/start@consult_test_bot");
    let g3 = tg.group("第三组");
    tg.add_bot(&alice, &g3);
    tg.kick_bot(&alice, &g3);

    let updates = b.get_updates().timeout(0).await.unwrap();
    assert_eq!(updates.len(), tg.updates_pushed().len());
    for u in &updates {
        assert!(
            !matches!(u.kind, UpdateKind::Error(_)),
            "teloxide could not parse {:?}",
            u.kind
        );
    }
    let last = updates.last().unwrap().id.0 as i32;
    b.get_updates().offset(last + 1).timeout(0).await.unwrap();

    // Callback and inline answers.
    b.answer_callback_query(CallbackQueryId(cq.clone()))
        .text("已记录")
        .await
        .unwrap();
    assert_eq!(tg.callback_answer(&cq).unwrap()["text"], "已记录");
    b.answer_callback_query(CallbackQueryId(forged))
        .await
        .unwrap();
    let err = b
        .answer_callback_query(CallbackQueryId(cq))
        .await
        .unwrap_err();
    assert!(api_text(&err).starts_with("Bad Request: query is too old"));
    let article = InlineQueryResult::Article(InlineQueryResultArticle::new(
        "r1",
        "第一条",
        InputMessageContent::Text(
            InputMessageContentText::new("<b>第一条</b>").parse_mode(ParseMode::Html),
        ),
    ));
    b.answer_inline_query(InlineQueryId(iq.clone()), [article])
        .cache_time(0)
        .await
        .unwrap();
    assert!(tg.inline_answer(&iq).is_some());

    // Edits.
    let edited = b
        .edit_message_text(ChatId(alice.id), kb.id, "已选择：<i>支持</i>")
        .parse_mode(ParseMode::Html)
        .reply_markup(InlineKeyboardMarkup::new([[button("撤回", "w:1")]]))
        .await
        .unwrap();
    assert!(edited.edit_date().is_some());
    b.edit_message_reply_markup(ChatId(alice.id), kb.id)
        .await
        .unwrap();
    assert!(
        tg.sent(alice.id)
            .iter()
            .find(|m| m.message_id == kb.id.0)
            .unwrap()
            .reply_markup
            .is_none()
    );

    // Files both ways.
    let sent_doc = b
        .send_document(
            ChatId(alice.id),
            InputFile::memory(b"a,b\n1,2\n".to_vec()).file_name("台账.csv"),
        )
        .caption("<b>导出</b>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert_eq!(
        sent_doc.document().unwrap().file_name.as_deref(),
        Some("台账.csv")
    );
    let last_sent = tg.sent(alice.id).pop().unwrap();
    assert_eq!(last_sent.file.as_ref().unwrap().bytes, b"a,b\n1,2\n");
    assert_eq!(last_sent.text, "导出");
    b.edit_message_caption(ChatId(alice.id), sent_doc.id)
        .caption("新说明")
        .await
        .unwrap();
    b.send_photo(
        ChatId(alice.id),
        InputFile::memory(vec![0xff, 0xd8, 0xff]).file_name("p.jpg"),
    )
    .await
    .unwrap();
    b.send_voice(
        ChatId(alice.id),
        InputFile::memory(vec![1, 2]).file_name("v.ogg"),
    )
    .await
    .unwrap();
    let resend = b
        .send_document(
            ChatId(bob.id),
            InputFile::file_id(sent_doc.document().unwrap().file.id.clone()),
        )
        .await
        .unwrap();
    assert!(resend.document().is_some());
    let doc_msg = tg.message(alice.id, doc).unwrap();
    let file_id = doc_msg["document"]["file_id"].as_str().unwrap().to_owned();
    let file = b.get_file(teloxide::types::FileId(file_id)).await.unwrap();
    let mut bytes = Vec::new();
    b.download_file(&file.path, &mut bytes).await.unwrap();
    assert_eq!(bytes, b"%PDF-1.4");
    let copy = b
        .copy_message(ChatId(bob.id), ChatId(alice.id), MessageId(doc))
        .await
        .unwrap();
    assert!(copy.0 > 0);
    assert_eq!(
        tg.sent(bob.id).last().unwrap().file.as_ref().unwrap().bytes,
        b"%PDF-1.4"
    );
    b.copy_message(ChatId(bob.id), ChatId(alice.id), kb.id)
        .await
        .unwrap();

    // Other reply markups and options pass the check too.
    b.send_message(ChatId(alice.id), "keyboard")
        .reply_markup(
            KeyboardMarkup::new([[KeyboardButton::new("是"), KeyboardButton::new("否")]])
                .one_time_keyboard(),
        )
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        })
        .await
        .unwrap();
    b.send_message(ChatId(alice.id), "remove")
        .reply_markup(KeyboardRemove::new())
        .await
        .unwrap();
    b.send_message(ChatId(alice.id), "force")
        .reply_markup(ForceReply::new())
        .await
        .unwrap();

    // Chats and members.
    for id in [alice.id, g.id, sg.id] {
        b.get_chat(ChatId(id)).await.unwrap();
    }
    b.get_chat_member(ChatId(g.id), UserId(alice.id as u64))
        .await
        .unwrap();
    b.get_chat_member(ChatId(g.id), UserId(bob.id as u64))
        .await
        .unwrap();
    b.get_chat_member(ChatId(g.id), UserId(BOT_ID as u64))
        .await
        .unwrap();
    let other = tg.person("Other");
    let left = b
        .get_chat_member(ChatId(g.id), UserId(other.id as u64))
        .await
        .unwrap();
    assert!(!left.is_present());
    tg.set_member_status(&g, other.id, "kicked");
    b.get_chat_member(ChatId(g.id), UserId(other.id as u64))
        .await
        .unwrap();
    tg.set_member_status(&g, other.id, "member");
    b.get_chat_member(ChatId(g.id), UserId(other.id as u64))
        .await
        .unwrap();
    let admins = b.get_chat_administrators(ChatId(g.id)).await.unwrap();
    assert_eq!(admins.len(), 2);
    tg.set_member_status(&g, BOT_ID, "administrator");
    assert_eq!(
        b.get_chat_administrators(ChatId(g.id)).await.unwrap().len(),
        3
    );
    b.get_chat_member_count(ChatId(g.id)).await.unwrap();
    b.send_chat_action(ChatId(alice.id), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();

    // Commands.
    b.set_my_commands([
        BotCommand::new("start", "开始"),
        BotCommand::new("help", "帮助"),
    ])
    .scope(BotCommandScope::AllPrivateChats)
    .language_code("zh")
    .await
    .unwrap();
    b.set_my_commands([BotCommand::new("start", "Start")])
        .await
        .unwrap();
    b.set_my_commands([BotCommand::new("link", "Link this group")])
        .scope(BotCommandScope::ChatAdministrators {
            chat_id: Recipient::Id(ChatId(g.id)),
        })
        .await
        .unwrap();
    assert_eq!(
        tg.commands("all_private_chats", Some("zh")).unwrap(),
        vec![
            ("start".to_owned(), "开始".to_owned()),
            ("help".to_owned(), "帮助".to_owned())
        ]
    );
    assert_eq!(tg.commands("default", None).unwrap().len(), 1);
    assert_eq!(b.get_my_commands().await.unwrap().len(), 1);
    b.delete_my_commands().await.unwrap();
    assert!(tg.commands("default", None).is_none());

    // Pins, reactions, deletion.
    let pin = b.send_message(ChatId(g.id), "置顶").await.unwrap();
    b.pin_chat_message(ChatId(g.id), pin.id).await.unwrap();
    assert!(tg.sent(g.id).last().unwrap().pinned);
    b.get_chat(ChatId(g.id)).await.unwrap();
    b.unpin_chat_message(ChatId(g.id)).await.unwrap();
    assert!(!tg.sent(g.id).last().unwrap().pinned);
    let cmd = tg.send_text(&alice, ChatRef::Group(&g), "/vote");
    b.set_message_reaction(ChatId(g.id), MessageId(cmd))
        .reaction([ReactionType::Emoji {
            emoji: "👍".into()
        }])
        .await
        .unwrap();
    assert_eq!(tg.reactions(g.id, cmd), vec!["👍".to_owned()]);
    b.delete_message(ChatId(g.id), pin.id).await.unwrap();
    assert!(tg.sent(g.id).last().unwrap().deleted);
    let err = b.delete_message(ChatId(g.id), pin.id).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{err:?}"
    );

    // Webhook info both ways, leaving a chat.
    b.get_webhook_info().await.unwrap();
    b.set_webhook(reqwest::Url::parse("https://example.org/tg").unwrap())
        .await
        .unwrap();
    let info = b.get_webhook_info().await.unwrap();
    assert_eq!(info.url.unwrap().as_str(), "https://example.org/tg");
    b.delete_webhook().await.unwrap();
    b.leave_chat(ChatId(g.id)).await.unwrap();
    assert_eq!(tg.bot_status(g.id).as_deref(), Some("left"));
    let after = b.get_updates().offset(last + 1).timeout(0).await.unwrap();
    assert!(
        after
            .iter()
            .all(|u| !matches!(u.kind, UpdateKind::Error(_)))
    );

    tg.assert_no_violations();
    // Every successful answer deserialised above; make sure no call failed unexpectedly.
    let failed: Vec<_> = tg
        .calls()
        .into_iter()
        .filter(|c| c.status != 200)
        .map(|c| format!("{} {}", c.method, c.response))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:#?}");
}
