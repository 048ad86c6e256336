//! A person talking to the bot in private: say something, press a button, look at
//! what the bot sent. Every action waits until the bot has handled it, and counts the
//! person's earlier messages only after everything before has settled, so a late
//! answer to an earlier action is never taken for the answer to this one.

use serde_json::Value;

use super::{
    app::TestApp,
    telegram::{ChatRef, Person, SentMessage},
};

/// How many messages the bot has sent `who`, once everything earlier is handled.
async fn settled_count(app: &TestApp, who: &Person) -> usize {
    app.settle().await;
    app.tg.sent(who.id).len()
}

/// `who` sends `text` privately; returns the messages the bot sent back.
pub async fn say(app: &TestApp, who: &Person, text: &str) -> Vec<SentMessage> {
    let before = settled_count(app, who).await;
    app.tg.send_text(who, ChatRef::Private, text);
    app.settle().await;
    app.tg.sent(who.id)[before..].to_vec()
}

/// `who` sends `text` privately; returns the last message the bot sent back (there
/// must be one).
pub async fn reply(app: &TestApp, who: &Person, text: &str) -> SentMessage {
    say(app, who, text)
        .await
        .pop()
        .unwrap_or_else(|| panic!("an answer to {text:?}"))
}

/// `who` presses `label` on bot message `id`; returns the callback answer and the
/// messages the bot sent afterwards.
pub async fn press(app: &TestApp, who: &Person, id: i32, label: &str) -> (Value, Vec<SentMessage>) {
    let before = settled_count(app, who).await;
    let q = app.tg.press_button(who, ChatRef::Private, id, label);
    app.settle().await;
    let answer = app.tg.wait_callback_answer(&q).await;
    (answer, app.tg.sent(who.id)[before..].to_vec())
}

/// Like [`press`], returning message `id` as it reads afterwards (for screens the
/// bot edits in place).
pub async fn press_then_read(
    app: &TestApp,
    who: &Person,
    id: i32,
    label: &str,
) -> (Value, SentMessage) {
    let (answer, _) = press(app, who, id, label).await;
    (answer, current(app, who, id))
}

/// `who` presses a button carrying `data` on message `id` (a forged or stale
/// button); returns the callback answer and the messages the bot sent afterwards.
pub async fn forged(app: &TestApp, who: &Person, id: i32, data: &str) -> (Value, Vec<SentMessage>) {
    let before = settled_count(app, who).await;
    let q = app.tg.press_callback_data(who, ChatRef::Private, id, data);
    app.settle().await;
    let answer = app.tg.wait_callback_answer(&q).await;
    (answer, app.tg.sent(who.id)[before..].to_vec())
}

/// The text a callback answer shows (empty when it shows none).
pub fn toast(answer: &Value) -> String {
    answer["text"].as_str().unwrap_or_default().to_owned()
}

/// Bot message `id` in `who`'s chat as it reads now.
pub fn current(app: &TestApp, who: &Person, id: i32) -> SentMessage {
    app.tg
        .sent(who.id)
        .into_iter()
        .find(|m| m.message_id == id)
        .unwrap_or_else(|| panic!("message {id} in {}'s chat", who.id))
}

/// The last message the bot sent `who`.
pub fn last(app: &TestApp, who: &Person) -> SentMessage {
    app.tg.sent(who.id).pop().expect("a message")
}

/// The newest message the bot sent `who` whose text contains `needle`, waiting for it:
/// other messages (a broadcast's progress, say) may come after the one looked for.
pub async fn last_with(app: &TestApp, who: &Person, needle: &str) -> SentMessage {
    app.tg
        .wait_for(&format!("a message containing {needle:?}"), |tg| {
            tg.sent(who.id)
                .into_iter()
                .rev()
                .find(|m| m.text.contains(needle))
        })
        .await
}

/// `who` sends `text` privately; returns the text of the last message the bot sent back
/// ("" when it sent none).
pub async fn say_text(app: &TestApp, who: &Person, text: &str) -> String {
    say(app, who, text)
        .await
        .pop()
        .map(|m| m.text)
        .unwrap_or_default()
}

/// `who` sends `text` privately; returns the text of the first message the bot sent
/// back, waiting for it (a command answered with several messages, /start's first).
pub async fn first_text(app: &TestApp, who: &Person, text: &str) -> String {
    let before = settled_count(app, who).await;
    app.tg.send_text(who, ChatRef::Private, text);
    app.tg.wait_sent(who.id, before + 1).await[before]
        .text
        .clone()
}

/// Presses `label` on the bot's latest private message that has it; returns the text
/// of the last message the bot has sent `who` once the press is handled.
pub async fn press_latest(app: &TestApp, who: &Person, label: &str) -> String {
    let id = app
        .tg
        .sent(who.id)
        .iter()
        .rev()
        .find(|m| m.buttons().iter().flatten().any(|b| b == label))
        .map(|m| m.message_id)
        .unwrap_or_else(|| panic!("no button {label:?}"));
    press(app, who, id, label).await;
    last(app, who).text
}
