//! A fake Telegram Bot API server for the tests: one per test, on its own port.
//!
//! [`FakeTelegram::start`] spawns an axum server on `127.0.0.1:0` and returns a cloneable
//! handle. The bot is pointed at it with `Bot::new(fake.token()).set_api_url(fake.api_url())`
//! (or `TELOXIDE_TOKEN` / `TELOXIDE_API_URL`).
//!
//! What it does:
//!
//! - serves `POST`/`GET /bot<token>/<method>` (method names case-insensitive, like
//!   Telegram) with JSON, `application/x-www-form-urlencoded`, `multipart/form-data`
//!   (including `attach://` uploads, as teloxide sends files) and query-string
//!   parameters, and `GET /file/bot<token>/<file_path>` for downloads;
//! - checks **every** call against the official Bot API description (the checked-in
//!   extract `tests/support/api_extract.json`, made by `scripts/gen_api_extract.py`):
//!   unknown method → 404, missing required parameter, wrong type (recursively through
//!   objects such as `InlineKeyboardMarkup`), text longer than Telegram allows after
//!   entity parsing (counted by `consult_handlers::html`, the bot's own function),
//!   `callback_data` over 64 bytes, bad HTML → 400 with Telegram's wording. Each such
//!   rejection is recorded in [`FakeTelegram::violations`]; the harness calls
//!   [`FakeTelegram::assert_no_violations`] at the end of every test;
//! - answers with Telegram's JSON shapes (every success deserialises into teloxide-core's
//!   types; `tests/e2e/fake_api.rs` checks it) and Telegram's exact error texts;
//! - keeps a small world: people, private chats, groups, the bot's membership, messages
//!   per chat (current state after edits and deletes), files, callback and inline queries,
//!   commands, reactions, pins, and the update queue served by a real long-polling
//!   `getUpdates`.
//!
//! Realism worth knowing when writing tests:
//!
//! - The bot can message a person only after the person has written to it (any
//!   `send_*`/`press_*` in [`ChatRef::Private`]); before that a send gives 403
//!   `Forbidden: bot can't initiate conversation with a user`.
//! - A new [`Group`] does not contain the bot: call [`FakeTelegram::add_bot`] first. Acting
//!   in a group the bot is not in panics (the bot could not see it).
//! - Privacy mode is on by default ([`FakeTelegram::set_me_flags`]): in groups the bot only
//!   receives commands (`/x`, `/x@consult_test_bot`, not `/x@other_bot`), replies to its own
//!   messages and service messages — unless the bot's member status in that group is
//!   `administrator` or `creator`. Messages not delivered still get a message id.
//! - The bot may pin in a group only as the creator or as an administrator with
//!   `can_pin_messages` ([`FakeTelegram::add_bot_as_admin`], [`FakeTelegram::promote_bot`]);
//!   as a plain member (what [`FakeTelegram::add_bot`] makes it) `pinChatMessage` gets
//!   400 `Bad Request: not enough rights to manage pinned messages in the chat`.
//! - Unsupported but valid Bot API methods are answered 400 and recorded as violations
//!   mentioning "not implemented by the fake server", so a test never passes by accident.
//! - Webhook delivery is not simulated: `setWebhook` only makes `getUpdates` fail with 409
//!   like Telegram does, and `getWebhookInfo` reports it.

pub mod bench;
mod methods;
mod multipart;
mod ratelimit;
mod server;
mod spec;
mod state;
pub mod webhook;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::Notify;

use state::{ChatKind, ChatState, QueuedUpdate, State, StoredFile, StoredMessage};

/// How long `wait_for` and `Hold::reached` wait before panicking.
pub const WAIT_CAP: Duration = Duration::from_secs(20);

/// The bot's own user id (the number before the colon of [`FakeTelegram::token`]).
pub const BOT_ID: i64 = 123_456_789;
/// The bot's username.
pub const BOT_USERNAME: &str = "consult_test_bot";
const TOKEN: &str = "123456789:AAFakeTokenForTests_abcdefghijklmnopqrstu";

/// A Telegram user acting in the tests. Plain data: fields may be changed freely; every
/// action sends the person's current fields as `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl Person {
    /// The same person with another `language_code` (e.g. `"en"`, `"zh-TW"`).
    pub fn with_language(mut self, code: &str) -> Person {
        self.language_code = Some(code.to_owned());
        self
    }

    /// The same person without a `language_code`.
    pub fn without_language(mut self) -> Person {
        self.language_code = None;
        self
    }

    /// The same person without a username.
    pub fn without_username(mut self) -> Person {
        self.username = None;
        self
    }

    /// The same person with a last name.
    pub fn with_last_name(mut self, last_name: &str) -> Person {
        self.last_name = Some(last_name.to_owned());
        self
    }

    /// The `User` object Telegram would send for this person.
    pub fn user_json(&self) -> Value {
        state::user_json(self)
    }
}

/// A basic group or supergroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub title: String,
    pub kind: GroupKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Group,
    Supergroup,
}

/// Where a person acts: their own private chat with the bot, or a group.
#[derive(Debug, Clone, Copy)]
pub enum ChatRef<'a> {
    Private,
    Group(&'a Group),
}

impl ChatRef<'_> {
    fn id(&self, from: &Person) -> i64 {
        match self {
            ChatRef::Private => from.id,
            ChatRef::Group(g) => g.id,
        }
    }
}

/// In which order [`FakeTelegram::upgrade_to_supergroup`] pushes the two service messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationOrder {
    /// `migrate_to_chat_id` in the old group first, then `migrate_from_chat_id` in the new.
    OldFirst,
    /// The other way round (Telegram does not guarantee the order).
    NewFirst,
}

/// An injected failure for [`FakeTelegram::fail_next`]. Each gives Telegram's exact answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after`.
    RetryAfter(u32),
    /// 403 `Forbidden: bot was kicked from the group chat`.
    Kicked,
    /// 403 `Forbidden: bot was blocked by the user`.
    Blocked,
    /// 400 `Bad Request: group chat was upgraded to a supergroup chat` with
    /// `parameters.migrate_to_chat_id`.
    Migrated(i64),
    /// 500 `Internal Server Error`. (teloxide sleeps 10 s on any 5xx before reading it.)
    ServerError,
    /// 502 `Bad Gateway`.
    BadGateway,
    /// Any other answer: status code and description.
    Custom(u16, String),
}

/// One call the bot made, in arrival order of its answer.
#[derive(Debug, Clone)]
pub struct Call {
    /// Canonical method name as in the Bot API documentation (`sendMessage`).
    pub method: String,
    /// The parameters as typed JSON (form and multipart strings converted per the spec;
    /// uploaded files shown as `{"upload": name, "file_name": .., "size": ..}`).
    pub params: Value,
    /// The whole JSON body answered.
    pub response: Value,
    /// The HTTP status answered.
    pub status: u16,
}

/// A file attached to a message (uploaded by the bot or sent by a person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileData {
    pub file_id: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A message the bot sent, in its current state.
#[derive(Debug, Clone)]
pub struct SentMessage {
    pub message_id: i32,
    /// Plain text (text or caption) after HTML parsing, as a person sees it.
    pub text: String,
    /// The raw text or caption as the bot sent it (HTML if `parse_mode` was HTML).
    pub html: String,
    pub parse_mode: Option<String>,
    /// The current `reply_markup` (after `editMessage*`).
    pub reply_markup: Option<Value>,
    pub pinned: bool,
    pub deleted: bool,
    /// `"text"`, `"document"`, `"photo"`, `"voice"`, or `"copy"`.
    pub kind: String,
    /// The message it replies to.
    pub reply_to: Option<i32>,
    pub file: Option<FileData>,
    /// How many times it was edited.
    pub edits: u32,
    /// Reactions the bot set on it (usually empty: the bot reacts to people's messages).
    pub reactions: Vec<String>,
}

impl SentMessage {
    /// Labels of the inline keyboard buttons, row by row.
    pub fn buttons(&self) -> Vec<Vec<String>> {
        state::button_labels(self.reply_markup.as_ref())
    }
}

/// The n-th call of a method, held: see [`FakeTelegram::hold_nth`].
#[derive(Clone)]
pub struct Hold {
    inner: Arc<HoldInner>,
}

struct HoldInner {
    method: String,
    reached: AtomicBool,
    reached_notify: Notify,
    released: AtomicBool,
    release_notify: Notify,
    /// The held call's client went away before the release: the call had no effect.
    abandoned: AtomicBool,
    abandoned_notify: Notify,
}

impl Hold {
    fn new(method: &str) -> Hold {
        Hold {
            inner: Arc::new(HoldInner {
                method: method.to_owned(),
                reached: AtomicBool::new(false),
                reached_notify: Notify::new(),
                released: AtomicBool::new(false),
                release_notify: Notify::new(),
                abandoned: AtomicBool::new(false),
                abandoned_notify: Notify::new(),
            }),
        }
    }

    /// Waits (at most [`WAIT_CAP`]) until the held call has arrived.
    pub async fn reached(&self) {
        let wait = async {
            loop {
                let notified = self.inner.reached_notify.notified();
                if self.inner.reached.load(Ordering::SeqCst) {
                    return;
                }
                notified.await;
            }
        };
        if tokio::time::timeout(WAIT_CAP, wait).await.is_err() {
            panic!("held call of {} never arrived", self.inner.method);
        }
    }

    /// Whether the held call has arrived.
    pub fn is_reached(&self) -> bool {
        self.inner.reached.load(Ordering::SeqCst)
    }

    /// Lets the held call go on: it is then processed and answered normally. (If the
    /// client has disconnected meanwhile, the call had no effect and nothing happens.)
    pub fn release(&self) {
        self.inner.released.store(true, Ordering::SeqCst);
        self.inner.release_notify.notify_waiters();
    }

    /// Waits (at most [`WAIT_CAP`]) until the server has dropped the held call because its
    /// client disconnected.
    pub async fn abandoned(&self) {
        let wait = async {
            loop {
                let notified = self.inner.abandoned_notify.notified();
                if self.inner.abandoned.load(Ordering::SeqCst) {
                    return;
                }
                notified.await;
            }
        };
        if tokio::time::timeout(WAIT_CAP, wait).await.is_err() {
            panic!(
                "held call of {} was never abandoned by its client",
                self.inner.method
            );
        }
    }

    fn mark_abandoned(&self) {
        self.inner.abandoned.store(true, Ordering::SeqCst);
        self.inner.abandoned_notify.notify_waiters();
    }

    fn mark_reached(&self) {
        self.inner.reached.store(true, Ordering::SeqCst);
        self.inner.reached_notify.notify_waiters();
    }

    async fn wait_released(&self) {
        loop {
            let notified = self.inner.release_notify.notified();
            if self.inner.released.load(Ordering::SeqCst) {
                return;
            }
            notified.await;
        }
    }
}

pub(crate) struct Inner {
    state: Mutex<State>,
    /// Woken on every call answered, update pushed or confirmed.
    notify: Notify,
    addr: SocketAddr,
    /// Timestamps for the benchmarks (see `bench.rs`); unset in tests.
    probe: std::sync::OnceLock<bench::Probe>,
}

/// The handle on one fake server. Cheap to clone.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Inner>,
}

impl FakeTelegram {
    /// Starts a fake server on a free port of 127.0.0.1, served by a task of the current
    /// tokio runtime.
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let fake = FakeTelegram {
            inner: Arc::new(Inner {
                state: Mutex::new(State::new(TOKEN)),
                notify: Notify::new(),
                addr,
                probe: std::sync::OnceLock::new(),
            }),
        };
        let app = server::router(fake.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        fake
    }

    /// `http://127.0.0.1:PORT/`, for `Bot::set_api_url` or `TELOXIDE_API_URL`.
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.inner.addr)
    }

    /// The bot token this server accepts.
    pub fn token(&self) -> &str {
        TOKEN
    }

    /// The bot's id.
    pub fn bot_id(&self) -> i64 {
        BOT_ID
    }

    /// What `getMe` returns.
    pub fn bot_user(&self) -> Value {
        self.lock().me_json()
    }

    /// `supports_inline_queries` and `can_read_all_group_messages` (privacy mode off).
    pub fn set_me_flags(&self, inline: bool, privacy_off: bool) {
        let mut st = self.lock();
        st.me_inline = inline;
        st.me_privacy_off = privacy_off;
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not hide the state from the others.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn wake(&self) {
        self.inner.notify.notify_waiters();
    }

    // ---------------------------------------------------------------- people and chats

    /// A new person with a fresh id, `language_code` "zh-hans" and username
    /// lowercased first name + id.
    pub fn person(&self, first_name: &str) -> Person {
        let mut st = self.lock();
        let id = st.next_user_id;
        st.next_user_id += 1;
        let stem: String = first_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
            .to_lowercase();
        let stem = if stem.is_empty() {
            "user".to_owned()
        } else {
            stem
        };
        let person = Person {
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            username: Some(format!("{stem}{id}")),
            language_code: Some("zh-hans".to_owned()),
        };
        st.persons.insert(id, person.clone());
        person
    }

    /// A new basic group (negative id) that does not contain the bot yet.
    pub fn group(&self, title: &str) -> Group {
        let mut st = self.lock();
        let id = st.next_group_id;
        st.next_group_id -= 1;
        let group = Group {
            id,
            title: title.to_owned(),
            kind: GroupKind::Group,
        };
        st.chats.insert(id, ChatState::group(&group));
        group
    }

    fn prepare_chat(st: &mut State, from: &Person, chat: ChatRef<'_>) -> i64 {
        st.persons.insert(from.id, from.clone());
        match chat {
            ChatRef::Private => {
                let c = st
                    .chats
                    .entry(from.id)
                    .or_insert_with(|| ChatState::private(from));
                c.kind = ChatKind::Private(from.clone());
                c.started = true;
                from.id
            }
            ChatRef::Group(g) => {
                let Some(c) = st.chats.get_mut(&g.id) else {
                    panic!("group {} ({}) is unknown to the fake server", g.title, g.id);
                };
                if let Some(new_id) = c.migrated_to {
                    panic!(
                        "group {} ({}) was upgraded to supergroup {new_id}; act in the new group",
                        g.title, g.id
                    );
                }
                if !c.bot_is_member() {
                    panic!(
                        "the bot is not in group {} ({}): call add_bot first",
                        g.title, g.id
                    );
                }
                c.seen.insert(from.id);
                g.id
            }
        }
    }

    fn push_message(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        content: Value,
        reply_to: Option<i32>,
    ) -> i32 {
        let mut st = self.lock();
        let chat_id = Self::prepare_chat(&mut st, from, chat);
        let message_id = st.store_person_message(chat_id, from, content, reply_to);
        let deliver = st.delivered_to_bot(chat_id, message_id);
        if deliver {
            let message = st.message_json(chat_id, message_id);
            st.push_update("message", message);
        }
        drop(st);
        self.wake();
        message_id
    }

    /// A text message from `from` in `chat`. Text starting with `/` gets a `bot_command`
    /// entity, like Telegram's clients make. Returns the message id.
    pub fn send_text(&self, from: &Person, chat: ChatRef<'_>, text: &str) -> i32 {
        self.push_message(from, chat, state::text_content(text), None)
    }

    /// A text message replying to message `reply_to_message_id` of the same chat.
    pub fn reply_to(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        reply_to_message_id: i32,
        text: &str,
    ) -> i32 {
        self.push_message(
            from,
            chat,
            state::text_content(text),
            Some(reply_to_message_id),
        )
    }

    /// Presses the inline button labelled `label` in the current markup of bot message
    /// `message_id`. Panics if there is no such callback button. Returns the callback
    /// query id.
    pub fn press_button(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        message_id: i32,
        label: &str,
    ) -> String {
        let chat_id = chat.id(from);
        let data = {
            let st = self.lock();
            let Some(msg) = st
                .chats
                .get(&chat_id)
                .and_then(|c| c.messages.get(&message_id))
            else {
                panic!("press_button({label:?}): no message {message_id} in chat {chat_id}");
            };
            if msg.deleted {
                panic!(
                    "press_button({label:?}): message {message_id} in chat {chat_id} was deleted"
                );
            }
            let buttons = state::all_buttons(msg.reply_markup.as_ref());
            let Some(button) = buttons
                .iter()
                .find(|b| b.get("text").and_then(Value::as_str) == Some(label))
            else {
                panic!(
                    "press_button: no button {label:?} on message {message_id} in chat {chat_id}; buttons are {:?}",
                    state::button_labels(msg.reply_markup.as_ref())
                );
            };
            match button.get("callback_data").and_then(Value::as_str) {
                Some(d) => d.to_owned(),
                None => panic!("press_button: button {label:?} is not a callback button: {button}"),
            }
        };
        self.press_callback_data(from, chat, message_id, &data)
    }

    /// A callback query with arbitrary `data` on message `message_id` (forged or stale
    /// buttons). Returns the callback query id.
    pub fn press_callback_data(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        message_id: i32,
        data: &str,
    ) -> String {
        let mut st = self.lock();
        let chat_id = Self::prepare_chat(&mut st, from, chat);
        let id = st.next_query_id();
        let message = if st
            .chats
            .get(&chat_id)
            .and_then(|c| c.messages.get(&message_id))
            .is_some_and(|m| !m.deleted)
        {
            st.message_json(chat_id, message_id)
        } else {
            // Telegram sends an InaccessibleMessage for messages the bot can't see.
            json!({"chat": st.chat_json(chat_id), "message_id": message_id, "date": 0})
        };
        let update = json!({
            "id": id,
            "from": from.user_json(),
            "message": message,
            "chat_instance": format!("{}", chat_id.unsigned_abs() * 7919 + 13),
            "data": data,
        });
        st.callbacks.insert(id.clone(), None);
        st.callbacks_pressed
            .insert(id.clone(), std::time::Instant::now());
        st.push_update("callback_query", update);
        drop(st);
        self.wake();
        id
    }

    fn file_content(
        &self,
        kind: &str,
        file_name: Option<&str>,
        mime: &str,
        bytes: Vec<u8>,
    ) -> Value {
        let file = self.lock().store_file(
            kind,
            file_name.map(str::to_owned),
            Some(mime.to_owned()),
            bytes,
        );
        state::file_content(kind, &file)
    }

    /// A document from `from`; the file can be fetched through `getFile` and the download
    /// URL. Returns the message id.
    pub fn send_document(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        file_name: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> i32 {
        let content = self.file_content("document", Some(file_name), mime, bytes);
        self.push_message(from, chat, content, None)
    }

    /// A photo (one size) from `from`, with an optional caption.
    pub fn send_photo(
        &self,
        from: &Person,
        chat: ChatRef<'_>,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i32 {
        let mut content = self.file_content("photo", None, "image/jpeg", bytes);
        if let Some(caption) = caption {
            content["caption"] = json!(caption);
        }
        self.push_message(from, chat, content, None)
    }

    /// A voice message (audio/ogg) from `from`.
    pub fn send_voice(&self, from: &Person, chat: ChatRef<'_>, bytes: Vec<u8>) -> i32 {
        let content = self.file_content("voice", None, "audio/ogg", bytes);
        self.push_message(from, chat, content, None)
    }

    /// An inline query `@consult_test_bot <query>` typed by `from`. Returns its id.
    pub fn inline_query(&self, from: &Person, query: &str) -> String {
        let mut st = self.lock();
        st.persons.insert(from.id, from.clone());
        let id = st.next_query_id();
        st.inline_queries.insert(id.clone(), None);
        st.push_update(
            "inline_query",
            json!({"id": id, "from": from.user_json(), "query": query, "offset": "", "chat_type": "sender"}),
        );
        drop(st);
        self.wake();
        id
    }

    /// `by` adds the bot to `group`: a `my_chat_member` update (left → member) and a
    /// message with `new_chat_members` containing the bot.
    pub fn add_bot(&self, by: &Person, group: &Group) {
        self.add_bot_as(by, group, "member", true);
    }

    /// `by` adds the bot to `group` as an administrator straight away (left →
    /// administrator, with or without the `can_pin_messages` right), as Telegram's
    /// "add to group as admin" does; then the `new_chat_members` message.
    pub fn add_bot_as_admin(&self, by: &Person, group: &Group, can_pin: bool) {
        self.add_bot_as(by, group, "administrator", can_pin);
    }

    fn add_bot_as(&self, by: &Person, group: &Group, status: &str, can_pin: bool) {
        let mut st = self.lock();
        st.persons.insert(by.id, by.clone());
        let Some(c) = st.chats.get_mut(&group.id) else {
            panic!("add_bot: unknown group {}", group.id);
        };
        let old = c.bot_status.clone();
        c.bot_status = status.to_owned();
        c.can_pin = can_pin;
        c.known_to_bot = true;
        c.seen.insert(by.id);
        st.push_my_chat_member(group.id, by, &old, status);
        let content = json!({"new_chat_members": [st.bot_user_json()]});
        let message_id = st.store_person_message(group.id, by, content, None);
        let message = st.message_json(group.id, message_id);
        st.push_update("message", message);
        drop(st);
        self.wake();
    }

    fn bot_leaves(&self, by: &Person, group: &Group, status: &str) {
        let mut st = self.lock();
        st.persons.insert(by.id, by.clone());
        let Some(c) = st.chats.get_mut(&group.id) else {
            panic!("unknown group {}", group.id);
        };
        let old = c.bot_status.clone();
        c.bot_status = status.to_owned();
        st.push_my_chat_member(group.id, by, &old, status);
        let content = json!({"left_chat_member": st.bot_user_json()});
        let message_id = st.store_person_message(group.id, by, content, None);
        let message = st.message_json(group.id, message_id);
        st.push_update("message", message);
        drop(st);
        self.wake();
    }

    /// `by` makes the bot an administrator of `group`, or changes its administrator
    /// rights (`can_pin_messages`): a `my_chat_member` update (member → administrator,
    /// or administrator → administrator), as Telegram sends.
    pub fn promote_bot(&self, by: &Person, group: &Group, can_pin: bool) {
        self.change_bot_status(by, group, "administrator", can_pin);
    }

    /// `by` takes the bot's administrator rights away: a `my_chat_member` update
    /// (administrator → member). It may no longer pin.
    pub fn demote_bot(&self, by: &Person, group: &Group) {
        self.change_bot_status(by, group, "member", false);
    }

    fn change_bot_status(&self, by: &Person, group: &Group, status: &str, can_pin: bool) {
        let mut st = self.lock();
        st.persons.insert(by.id, by.clone());
        let bot = st.bot_user_json();
        let Some(c) = st.chats.get(&group.id) else {
            panic!("change_bot_status: unknown group {}", group.id);
        };
        assert!(c.bot_is_member(), "the bot is not in {}", group.title);
        let old = st.member_json(group.id, bot.clone(), &c.bot_status.clone());
        if let Some(c) = st.chats.get_mut(&group.id) {
            c.bot_status = status.to_owned();
            c.can_pin = can_pin;
        }
        let payload = json!({
            "chat": st.chat_json(group.id),
            "from": by.user_json(),
            "date": state::now(),
            "old_chat_member": old,
            "new_chat_member": st.member_json(group.id, bot, status),
        });
        st.push_update("my_chat_member", payload);
        drop(st);
        self.wake();
    }

    /// `by` removes the bot from `group` (member → left). Later sends there give 403
    /// `Forbidden: bot was kicked from the group chat`.
    pub fn remove_bot(&self, by: &Person, group: &Group) {
        self.bot_leaves(by, group, "left");
    }

    /// `by` bans the bot from `group` (member → kicked).
    pub fn kick_bot(&self, by: &Person, group: &Group) {
        self.bot_leaves(by, group, "kicked");
    }

    /// `person` blocks the bot: a private `my_chat_member` (member → kicked); later sends
    /// give 403 `Forbidden: bot was blocked by the user`.
    pub fn block_bot(&self, person: &Person) {
        let mut st = self.lock();
        st.persons.insert(person.id, person.clone());
        let c = st
            .chats
            .entry(person.id)
            .or_insert_with(|| ChatState::private(person));
        c.started = true;
        c.bot_status = "kicked".to_owned();
        st.push_my_chat_member(person.id, person, "member", "kicked");
        drop(st);
        self.wake();
    }

    /// `person` unblocks the bot and presses Start again (kicked → member), without
    /// sending `/start`.
    pub fn unblock_bot(&self, person: &Person) {
        let mut st = self.lock();
        let c = st
            .chats
            .entry(person.id)
            .or_insert_with(|| ChatState::private(person));
        c.started = true;
        c.bot_status = "member".to_owned();
        st.push_my_chat_member(person.id, person, "kicked", "member");
        drop(st);
        self.wake();
    }

    /// Upgrades `group` to a supergroup (new id `-100…`), keeping members, the bot and its
    /// status; pushes the two service messages in `order`. Later sends to the old id give
    /// 400 `Bad Request: group chat was upgraded to a supergroup chat` with
    /// `parameters.migrate_to_chat_id`. Returns the new group.
    pub fn upgrade_to_supergroup(&self, group: &Group, order: MigrationOrder) -> Group {
        let mut st = self.lock();
        let new_id = -1_000_000_000_000 - group.id.abs();
        let Some(old) = st.chats.get_mut(&group.id) else {
            panic!("upgrade_to_supergroup: unknown group {}", group.id);
        };
        old.migrated_to = Some(new_id);
        let creator = old
            .member_status
            .iter()
            .find(|(_, s)| s.as_str() == "creator")
            .map(|(id, _)| *id)
            .or_else(|| old.seen.iter().next().copied());
        let new_group = Group {
            id: new_id,
            title: group.title.clone(),
            kind: GroupKind::Supergroup,
        };
        let mut new_chat = ChatState::group(&new_group);
        new_chat.bot_status = old.bot_status.clone();
        new_chat.known_to_bot = old.known_to_bot;
        new_chat.member_status = old.member_status.clone();
        new_chat.seen = old.seen.clone();
        new_chat.can_pin = old.can_pin;
        st.chats.insert(new_id, new_chat);
        let from = creator
            .and_then(|id| st.persons.get(&id).cloned())
            .unwrap_or_else(|| Person {
                id: 777_000,
                first_name: "Telegram".to_owned(),
                last_name: None,
                username: None,
                language_code: None,
            });
        let old_msg =
            st.store_person_message(group.id, &from, json!({"migrate_to_chat_id": new_id}), None);
        let new_msg = st.store_person_message(
            new_id,
            &from,
            json!({"migrate_from_chat_id": group.id}),
            None,
        );
        let old_json = st.message_json(group.id, old_msg);
        let mut new_json = st.message_json(new_id, new_msg);
        // In the supergroup the service message comes from the group itself.
        new_json["sender_chat"] = st.chat_json(new_id);
        match order {
            MigrationOrder::OldFirst => {
                st.push_update("message", old_json);
                st.push_update("message", new_json);
            }
            MigrationOrder::NewFirst => {
                st.push_update("message", new_json);
                st.push_update("message", old_json);
            }
        }
        drop(st);
        self.wake();
        new_group
    }

    /// Queues an update (without `update_id`; it is assigned and returned).
    pub fn push_raw_update(&self, mut update_without_id: Value) -> i64 {
        let mut st = self.lock();
        let id = st.next_update_id;
        st.next_update_id += 1;
        update_without_id["update_id"] = json!(id);
        st.updates.push_back(QueuedUpdate {
            id,
            json: update_without_id,
            forced: false,
            delivered: false,
        });
        drop(st);
        self.wake();
        id
    }

    /// Re-delivers an update exactly as given (with its `update_id`), as Telegram does when
    /// an earlier delivery was not confirmed: it is returned by the next `getUpdates`
    /// whatever the offset.
    pub fn push_update_with_id(&self, update: Value) {
        let id = update
            .get("update_id")
            .and_then(Value::as_i64)
            .expect("update_id");
        let mut st = self.lock();
        st.updates.push_back(QueuedUpdate {
            id,
            json: update,
            forced: true,
            delivered: false,
        });
        drop(st);
        self.wake();
    }

    /// From now on, updates are not handed out by getUpdates but kept for
    /// [`FakeTelegram::take_updates`]: the test stores them itself, as an intake would,
    /// to spread them over several replicas of the bot.
    pub fn divert_updates(&self) {
        self.lock().diverted = true;
    }

    /// Takes every queued update, in order (see [`FakeTelegram::divert_updates`]).
    pub fn take_updates(&self) -> Vec<Value> {
        let mut st = self.lock();
        let taken = st.updates.drain(..).map(|u| u.json).collect();
        drop(st);
        self.wake();
        taken
    }

    /// Every update pushed so far (including confirmed ones), in order.
    pub fn updates_pushed(&self) -> Vec<Value> {
        self.lock().pushed.clone()
    }

    /// Sets a member's status in `group` for `getChatMember`/`getChatAdministrators`
    /// (`"creator"`, `"administrator"`, `"member"`, `"left"`, `"kicked"`). `user_id` may be
    /// the bot's id ([`BOT_ID`]): an administrator bot sees all group messages.
    pub fn set_member_status(&self, group: &Group, user_id: i64, status: &str) {
        let mut st = self.lock();
        let Some(c) = st.chats.get_mut(&group.id) else {
            panic!("set_member_status: unknown group {}", group.id);
        };
        if user_id == BOT_ID {
            c.bot_status = status.to_owned();
            c.known_to_bot = true;
        } else {
            c.member_status.insert(user_id, status.to_owned());
        }
    }

    /// The bot's `can_pin_messages` administrator right in `group` (default true),
    /// without any update. `pinChatMessage` succeeds only for the creator or an
    /// administrator with this right; otherwise it fails with `Bad Request: not enough
    /// rights to manage pinned messages in the chat`, as Telegram does.
    pub fn set_bot_can_pin(&self, group: &Group, can_pin: bool) {
        let mut st = self.lock();
        if let Some(c) = st.chats.get_mut(&group.id) {
            c.can_pin = can_pin;
        }
    }

    // ---------------------------------------------------------------- faults

    /// The next call of `method` (any case), to `chat_id` if given, fails with `fault`.
    /// Faults queue up in order. Faulted calls are not violations.
    pub fn fail_next(&self, method: &str, chat_id: Option<i64>, fault: Fault) {
        self.lock()
            .faults
            .push((method.to_lowercase(), chat_id, fault));
    }

    /// Holds the `n`-th (1-based, counting from now) call of `method`: it is accepted and
    /// its answer is not sent until [`Hold::release`]; it takes effect only then. If the
    /// client disconnects first, it is dropped without effect.
    pub fn hold_nth(&self, method: &str, n: usize) -> Hold {
        assert!(n >= 1, "hold_nth counts from 1");
        let hold = Hold::new(method);
        self.lock().holds.push(state::HoldSlot {
            method: method.to_lowercase(),
            remaining: n,
            hold: hold.clone(),
        });
        hold
    }

    /// Turns on Telegram's flood control: at most `per_second` messages a second in all
    /// and `per_chat_per_minute` a minute to one chat (token buckets starting full, on
    /// real time). A message over either gets 429 `Too Many Requests: retry after N`.
    /// Off by default. Counted methods: the `send*` ones, `copyMessage`, `forwardMessage`.
    pub fn enforce_rate_limits(&self, per_second: u32, per_chat_per_minute: u32) {
        self.lock().rate_limiter =
            Some(ratelimit::RateLimiter::new(per_second, per_chat_per_minute));
    }

    /// How many 429s the flood control has given (injected faults not counted).
    pub fn rate_limited(&self) -> u64 {
        self.lock().rate_limited
    }

    // ---------------------------------------------------------------- observation

    /// Every answered call, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// Answered calls of one method (any case).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        let m = method.to_lowercase();
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method.to_lowercase() == m)
            .cloned()
            .collect()
    }

    /// The chats the bot called `method` for (any case), each with the HTTP status
    /// answered, in order: which groups it asked to pin in, and which were refused.
    pub fn chats_called(&self, method: &str) -> Vec<(i64, u16)> {
        self.calls_of(method)
            .iter()
            .filter_map(|c| Some((c.params["chat_id"].as_i64()?, c.status)))
            .collect()
    }

    /// The id of the last update pushed (sent, pressed …) so far.
    pub fn last_update_id(&self) -> i64 {
        self.lock()
            .pushed
            .last()
            .and_then(|u| u["update_id"].as_i64())
            .expect("an update was pushed")
    }

    /// Messages the bot sent to `chat_id` and Telegram accepted, in order, in their
    /// current state.
    pub fn sent(&self, chat_id: i64) -> Vec<SentMessage> {
        let st = self.lock();
        st.chats
            .get(&chat_id)
            .map(|c| {
                c.messages
                    .values()
                    .filter(|m| m.by_bot)
                    .map(StoredMessage::to_sent)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Bot messages in `chat_id` that are not deleted.
    pub fn visible(&self, chat_id: i64) -> Vec<SentMessage> {
        self.sent(chat_id)
            .into_iter()
            .filter(|m| !m.deleted)
            .collect()
    }

    /// The full current JSON of any message (a person's or the bot's).
    pub fn message(&self, chat_id: i64, message_id: i32) -> Option<Value> {
        let st = self.lock();
        st.chats
            .get(&chat_id)
            .and_then(|c| c.messages.get(&message_id))
            .map(|_| st.message_json(chat_id, message_id))
    }

    /// Waits until `f` returns `Some`, re-checking after every call answered and every
    /// update pushed or confirmed; panics naming `what` after [`WAIT_CAP`].
    pub async fn wait_for<T>(&self, what: &str, f: impl Fn(&FakeTelegram) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + WAIT_CAP;
        loop {
            let notified = self.inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(v) = f(self) {
                return v;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if let Some(v) = f(self) {
                    return v;
                }
                panic!(
                    "timed out after {WAIT_CAP:?} waiting for {what}; last calls: {:#?}",
                    self.calls().iter().rev().take(5).collect::<Vec<_>>()
                );
            }
        }
    }

    /// Waits until at least `n` messages were sent to `chat_id`; returns them all.
    pub async fn wait_sent(&self, chat_id: i64, n: usize) -> Vec<SentMessage> {
        self.wait_for(&format!("{n} message(s) sent to chat {chat_id}"), |f| {
            let sent = f.sent(chat_id);
            (sent.len() >= n).then_some(sent)
        })
        .await
    }

    /// Waits until the bot has confirmed every queued update (through the `offset` of a
    /// later `getUpdates`).
    pub async fn wait_updates_confirmed(&self) {
        self.wait_for("all updates confirmed", |f| {
            (f.pending_updates() == 0).then_some(())
        })
        .await
    }

    /// From now on, answering a callback query pressed longer than `age` ago fails with
    /// Telegram's `Bad Request: query is too old and response timeout expired or query
    /// ID is invalid`, as a press replayed after a restart or an outage does. Zero makes
    /// every answer too late.
    pub fn expire_callback_queries_after(&self, age: std::time::Duration) {
        self.lock().callback_max_age = Some(age);
    }

    /// The answers to callback query `id` Telegram refused (too old, or answered twice).
    pub fn refused_callback_answers(&self, id: &str) -> usize {
        self.calls_of("answerCallbackQuery")
            .iter()
            .filter(|c| c.status == 400 && c.params["callback_query_id"] == id)
            .count()
    }

    /// Waits until the callback query `id` has been answered; returns the answer's params.
    pub async fn wait_callback_answer(&self, id: &str) -> Value {
        self.wait_for(&format!("answer to callback query {id}"), |f| {
            f.callback_answer(id)
        })
        .await
    }

    /// Calls rejected by the spec check, as `method: description (params)`.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// Panics listing every violation.
    pub fn assert_no_violations(&self) {
        let v = self.violations();
        assert!(
            v.is_empty(),
            "the bot made {} call(s) Telegram would reject:\n{}",
            v.len(),
            v.join("\n")
        );
    }

    /// How many `getUpdates` calls have started (including ones still waiting).
    pub fn polls_started(&self) -> u64 {
        self.lock().poller
    }

    /// Updates queued and not yet confirmed through `offset`.
    pub fn pending_updates(&self) -> usize {
        self.lock().updates.len()
    }

    /// Emoji the bot set on a message with `setMessageReaction`.
    pub fn reactions(&self, chat_id: i64, message_id: i32) -> Vec<String> {
        self.lock()
            .chats
            .get(&chat_id)
            .and_then(|c| c.messages.get(&message_id))
            .map(|m| m.reactions.clone())
            .unwrap_or_default()
    }

    /// Commands set by `setMyCommands` for a scope type (`"default"`, `"all_private_chats"`,
    /// `"all_group_chats"`, `"chat"`, …; for chat scopes any chat) and language code.
    pub fn commands(
        &self,
        scope_type: &str,
        language_code: Option<&str>,
    ) -> Option<Vec<(String, String)>> {
        let st = self.lock();
        st.commands
            .get(&(
                scope_type.to_owned(),
                language_code.unwrap_or("").to_owned(),
            ))
            .map(|(_, c)| c.clone())
    }

    /// The params of the `answerCallbackQuery` for callback query `id`, once answered.
    pub fn callback_answer(&self, id: &str) -> Option<Value> {
        self.lock().callbacks.get(id).cloned().flatten()
    }

    /// The params of the `answerInlineQuery` for inline query `id`, once answered.
    pub fn inline_answer(&self, id: &str) -> Option<Value> {
        self.lock().inline_queries.get(id).cloned().flatten()
    }

    /// The bot's current status in a chat (`"member"`, `"left"`, `"kicked"`, …).
    pub fn bot_status(&self, chat_id: i64) -> Option<String> {
        self.lock()
            .chats
            .get(&chat_id)
            .map(|c| c.bot_status.clone())
    }

    /// Bytes of an uploaded or person-sent file by file id.
    pub fn file_bytes(&self, file_id: &str) -> Option<Vec<u8>> {
        self.lock()
            .files
            .get(file_id)
            .map(|f: &StoredFile| f.bytes.clone())
    }

    /// Current webhook URL, if one is set.
    pub fn webhook_url(&self) -> Option<String> {
        self.lock().webhook.as_ref().map(|w| w.url.clone())
    }

    /// Per-method count of answered calls.
    pub fn call_counts(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for c in self.lock().calls.iter() {
            *m.entry(c.method.clone()).or_insert(0) += 1;
        }
        m
    }
}
