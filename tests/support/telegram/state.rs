//! The fake server's world: chats, messages, files, the update queue, and JSON builders
//! in Telegram's shapes.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::{
    BOT_ID, BOT_USERNAME, Call, Fault, FileData, Group, GroupKind, Hold, Person, SentMessage,
};

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) fn user_json(p: &Person) -> Value {
    let mut u = json!({"id": p.id, "is_bot": false, "first_name": p.first_name});
    if let Some(l) = &p.last_name {
        u["last_name"] = json!(l);
    }
    if let Some(n) = &p.username {
        u["username"] = json!(n);
    }
    if let Some(c) = &p.language_code {
        u["language_code"] = json!(c);
    }
    u
}

/// Content of a text message typed in a client: commands get a `bot_command` entity.
pub(crate) fn text_content(text: &str) -> Value {
    let mut content = json!({"text": text});
    if text.starts_with('/') {
        let command = text.split(char::is_whitespace).next().unwrap_or(text);
        let len = consult_handlers::html::plain_len(command);
        if len > 1 {
            content["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
        }
    }
    content
}

pub(crate) fn file_content(kind: &str, f: &StoredFile) -> Value {
    let size = f.bytes.len();
    match kind {
        "photo" => json!({"photo": [
            {"file_id": f.file_id, "file_unique_id": f.unique_id, "width": 90, "height": 90, "file_size": size.min(1000)},
            {"file_id": f.file_id, "file_unique_id": f.unique_id, "width": 800, "height": 600, "file_size": size},
        ]}),
        "voice" => json!({"voice": {
            "file_id": f.file_id, "file_unique_id": f.unique_id, "duration": 3,
            "mime_type": f.mime_type.clone().unwrap_or_else(|| "audio/ogg".into()), "file_size": size,
        }}),
        _ => {
            let mut d =
                json!({"file_id": f.file_id, "file_unique_id": f.unique_id, "file_size": size});
            if let Some(n) = &f.file_name {
                d["file_name"] = json!(n);
            }
            if let Some(m) = &f.mime_type {
                d["mime_type"] = json!(m);
            }
            json!({"document": d})
        }
    }
}

pub(crate) fn all_buttons(markup: Option<&Value>) -> Vec<Value> {
    markup
        .and_then(|m| m.get("inline_keyboard"))
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(Value::as_array)
                .flatten()
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn button_labels(markup: Option<&Value>) -> Vec<Vec<String>> {
    markup
        .and_then(|m| m.get("inline_keyboard"))
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(Value::as_array)
                .map(|row| {
                    row.iter()
                        .map(|b| {
                            b.get("text")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_owned()
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn guess_mime(file_name: &str) -> &'static str {
    let ext = file_name.rsplit('.').next().unwrap_or("").to_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "json" => "application/json",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ogg" | "oga" => "audio/ogg",
        "svg" => "image/svg+xml",
        "html" | "htm" => "text/html",
        _ => "application/octet-stream",
    }
}

#[derive(Debug, Clone)]
pub(crate) enum ChatKind {
    Private(Person),
    Group { title: String, kind: GroupKind },
}

#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub file_id: String,
    pub unique_id: String,
    pub file_path: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub message_id: i32,
    pub from: Value,
    pub date: i64,
    pub by_bot: bool,
    /// Kind-specific content: `text`+`entities`, `document`, `photo`+`caption`, service fields…
    pub content: Value,
    pub html: String,
    pub text: String,
    pub parse_mode: Option<String>,
    pub kind: String,
    pub reply_markup: Option<Value>,
    pub reply_to: Option<i32>,
    pub pinned: bool,
    pub deleted: bool,
    pub edit_date: Option<i64>,
    pub edits: u32,
    pub reactions: Vec<String>,
    pub file: Option<FileData>,
}

impl StoredMessage {
    pub fn to_sent(&self) -> SentMessage {
        SentMessage {
            message_id: self.message_id,
            text: self.text.clone(),
            html: self.html.clone(),
            parse_mode: self.parse_mode.clone(),
            reply_markup: self.reply_markup.clone(),
            pinned: self.pinned,
            deleted: self.deleted,
            kind: self.kind.clone(),
            reply_to: self.reply_to,
            file: self.file.clone(),
            edits: self.edits,
            reactions: self.reactions.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ChatState {
    pub id: i64,
    pub kind: ChatKind,
    /// Private: the person has written to the bot.
    pub started: bool,
    /// The bot's status: "member", "administrator", "creator", "left", "kicked".
    pub bot_status: String,
    pub migrated_to: Option<i64>,
    /// The bot has been in this group at some time (else sends give "chat not found").
    pub known_to_bot: bool,
    /// The bot's `can_pin_messages` right, when it is an administrator.
    pub can_pin: bool,
    pub member_status: HashMap<i64, String>,
    /// People who acted in the chat (default status "member").
    pub seen: HashSet<i64>,
    pub next_message_id: i32,
    pub messages: BTreeMap<i32, StoredMessage>,
}

impl ChatState {
    pub fn private(p: &Person) -> ChatState {
        ChatState {
            id: p.id,
            kind: ChatKind::Private(p.clone()),
            started: false,
            bot_status: "member".to_owned(),
            migrated_to: None,
            known_to_bot: true,
            can_pin: true,
            member_status: HashMap::new(),
            seen: HashSet::from([p.id]),
            next_message_id: 1,
            messages: BTreeMap::new(),
        }
    }

    pub fn group(g: &Group) -> ChatState {
        ChatState {
            id: g.id,
            kind: ChatKind::Group {
                title: g.title.clone(),
                kind: g.kind,
            },
            started: true,
            bot_status: "left".to_owned(),
            migrated_to: None,
            known_to_bot: false,
            can_pin: true,
            member_status: HashMap::new(),
            seen: HashSet::new(),
            next_message_id: 1,
            messages: BTreeMap::new(),
        }
    }

    pub fn is_private(&self) -> bool {
        matches!(self.kind, ChatKind::Private(_))
    }

    pub fn bot_is_member(&self) -> bool {
        matches!(
            self.bot_status.as_str(),
            "member" | "administrator" | "creator"
        )
    }

    /// Whether the bot may pin here: in a group only the creator, or an administrator
    /// with `can_pin_messages`, as the Bot API's `pinChatMessage` says ("the bot must be
    /// an administrator with the 'can_pin_messages' right"); a plain member is refused.
    pub fn bot_may_pin(&self) -> bool {
        match self.bot_status.as_str() {
            "creator" => true,
            "administrator" => self.can_pin,
            _ => self.is_private(),
        }
    }

    pub fn status_of(&self, user_id: i64) -> String {
        if user_id == BOT_ID {
            return self.bot_status.clone();
        }
        if let Some(s) = self.member_status.get(&user_id) {
            return s.clone();
        }
        if self.seen.contains(&user_id) {
            "member".to_owned()
        } else {
            "left".to_owned()
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct QueuedUpdate {
    pub id: i64,
    pub json: Value,
    /// Re-delivered with its old id: delivered once whatever the offset.
    pub forced: bool,
    pub delivered: bool,
}

pub(crate) struct HoldSlot {
    pub method: String,
    pub remaining: usize,
    pub hold: Hold,
}

#[derive(Debug, Clone)]
pub(crate) struct Webhook {
    pub url: String,
    pub max_connections: Option<i64>,
    pub allowed_updates: Option<Value>,
    pub secret_token: Option<String>,
}

/// (scope type, language code or "")
pub(crate) type CommandsKey = (String, String);
/// (command, description) pairs
pub(crate) type Commands = Vec<(String, String)>;

pub(crate) struct State {
    pub token: String,
    pub me_inline: bool,
    pub me_privacy_off: bool,
    pub next_user_id: i64,
    pub next_group_id: i64,
    pub next_update_id: i64,
    next_file: u64,
    next_query: u64,
    pub persons: HashMap<i64, Person>,
    pub chats: HashMap<i64, ChatState>,
    pub updates: VecDeque<QueuedUpdate>,
    pub pushed: Vec<Value>,
    pub calls: Vec<Call>,
    pub violations: Vec<String>,
    pub faults: Vec<(String, Option<i64>, Fault)>,
    pub holds: Vec<HoldSlot>,
    pub files: HashMap<String, StoredFile>,
    pub callbacks: HashMap<String, Option<Value>>,
    /// When each callback query was pressed, for [`State::callback_max_age`].
    pub callbacks_pressed: HashMap<String, std::time::Instant>,
    /// Telegram refuses to answer a query older than this (about 15 s in practice);
    /// None: never too old ([`super::FakeTelegram::expire_callback_queries_after`]).
    pub callback_max_age: Option<std::time::Duration>,
    pub inline_queries: HashMap<String, Option<Value>>,
    /// (scope type, language code or "") -> (scope, commands)
    pub commands: BTreeMap<CommandsKey, (Value, Commands)>,
    pub webhook: Option<Webhook>,
    pub allowed_updates: Option<Vec<String>>,
    /// Ticket of the latest `getUpdates`: an earlier waiting one answers 409.
    pub poller: u64,
    /// Flood control, when enforced ([`super::FakeTelegram::enforce_rate_limits`]).
    pub rate_limiter: Option<super::ratelimit::RateLimiter>,
    /// 429s given by the flood control (not counting injected faults).
    pub rate_limited: u64,
    /// Updates are kept from getUpdates for the test to take
    /// ([`super::FakeTelegram::divert_updates`]).
    pub diverted: bool,
}

impl State {
    pub fn new(token: &str) -> State {
        // A random-ish base, so tests never depend on particular numbers.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0) as i64;
        State {
            token: token.to_owned(),
            me_inline: true,
            me_privacy_off: false,
            next_user_id: 1_000_000_000 + (nanos % 1000) * 1000,
            next_group_id: -(4_000_000_000 + (nanos % 997) * 1000),
            next_update_id: 100_000 + nanos % 100_000,
            next_file: 1,
            next_query: 1,
            persons: HashMap::new(),
            chats: HashMap::new(),
            updates: VecDeque::new(),
            pushed: Vec::new(),
            calls: Vec::new(),
            violations: Vec::new(),
            faults: Vec::new(),
            holds: Vec::new(),
            files: HashMap::new(),
            callbacks: HashMap::new(),
            callbacks_pressed: HashMap::new(),
            callback_max_age: None,
            inline_queries: HashMap::new(),
            commands: BTreeMap::new(),
            webhook: None,
            allowed_updates: None,
            poller: 0,
            rate_limiter: None,
            rate_limited: 0,
            diverted: false,
        }
    }

    pub fn bot_user_json(&self) -> Value {
        json!({"id": BOT_ID, "is_bot": true, "first_name": "Consult Test Bot", "username": BOT_USERNAME})
    }

    pub fn me_json(&self) -> Value {
        let mut me = self.bot_user_json();
        me["can_join_groups"] = json!(true);
        me["can_read_all_group_messages"] = json!(self.me_privacy_off);
        me["supports_inline_queries"] = json!(self.me_inline);
        me["can_connect_to_business"] = json!(false);
        me["has_main_web_app"] = json!(false);
        me
    }

    pub fn next_query_id(&mut self) -> String {
        let n = self.next_query;
        self.next_query += 1;
        format!("{}", 4_382_000_000_000_000_000u64 + n * 7_919)
    }

    pub fn store_file(
        &mut self,
        kind: &str,
        file_name: Option<String>,
        mime_type: Option<String>,
        bytes: Vec<u8>,
    ) -> StoredFile {
        let n = self.next_file;
        self.next_file += 1;
        let dir = match kind {
            "photo" => "photos",
            "voice" => "voice",
            _ => "documents",
        };
        let ext = match kind {
            "photo" => "jpg".to_owned(),
            "voice" => "oga".to_owned(),
            _ => file_name
                .as_deref()
                .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_owned()))
                .unwrap_or_else(|| "bin".to_owned()),
        };
        let f = StoredFile {
            file_id: format!(
                "BQACAgUAAxkBAAI{n:05}FakeFileId{}",
                kind.len() * 1000 + n as usize
            ),
            unique_id: format!("AgAD{n:05}u"),
            file_path: format!("{dir}/file_{n}.{ext}"),
            file_name,
            mime_type,
            bytes,
        };
        self.files.insert(f.file_id.clone(), f.clone());
        f
    }

    pub fn chat_json(&self, chat_id: i64) -> Value {
        match self.chats.get(&chat_id).map(|c| &c.kind) {
            Some(ChatKind::Private(p)) => {
                let mut c = json!({"id": p.id, "type": "private", "first_name": p.first_name});
                if let Some(l) = &p.last_name {
                    c["last_name"] = json!(l);
                }
                if let Some(u) = &p.username {
                    c["username"] = json!(u);
                }
                c
            }
            Some(ChatKind::Group { title, kind }) => {
                let t = match kind {
                    GroupKind::Group => "group",
                    GroupKind::Supergroup => "supergroup",
                };
                json!({"id": chat_id, "type": t, "title": title})
            }
            None => json!({"id": chat_id, "type": "private", "first_name": "?"}),
        }
    }

    /// The full JSON of a stored message (with its reply, one level deep).
    pub fn message_json(&self, chat_id: i64, message_id: i32) -> Value {
        self.message_json_depth(chat_id, message_id, true)
    }

    fn message_json_depth(&self, chat_id: i64, message_id: i32, with_reply: bool) -> Value {
        let Some(m) = self
            .chats
            .get(&chat_id)
            .and_then(|c| c.messages.get(&message_id))
        else {
            return json!({"message_id": message_id, "date": 0, "chat": self.chat_json(chat_id)});
        };
        let mut v = json!({
            "message_id": m.message_id,
            "from": m.from,
            "chat": self.chat_json(chat_id),
            "date": m.date,
        });
        if let Some(obj) = m.content.as_object() {
            for (k, val) in obj {
                v[k] = val.clone();
            }
        }
        if let Some(markup) = &m.reply_markup {
            v["reply_markup"] = markup.clone();
        }
        if let Some(d) = m.edit_date {
            v["edit_date"] = json!(d);
        }
        if with_reply
            && let Some(r) = m.reply_to
            && self
                .chats
                .get(&chat_id)
                .and_then(|c| c.messages.get(&r))
                .is_some_and(|m| !m.deleted)
        {
            v["reply_to_message"] = self.message_json_depth(chat_id, r, false);
        }
        v
    }

    fn new_message_id(&mut self, chat_id: i64) -> i32 {
        let c = self.chats.get_mut(&chat_id).expect("chat exists");
        let id = c.next_message_id;
        c.next_message_id += 1;
        id
    }

    /// Stores a message from a person; `content` holds the kind-specific fields.
    pub fn store_person_message(
        &mut self,
        chat_id: i64,
        from: &Person,
        content: Value,
        reply_to: Option<i32>,
    ) -> i32 {
        let message_id = self.new_message_id(chat_id);
        let text = content
            .get("text")
            .or_else(|| content.get("caption"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let kind = ["text", "document", "photo", "voice"]
            .into_iter()
            .find(|k| content.get(*k).is_some())
            .unwrap_or("service")
            .to_owned();
        let m = StoredMessage {
            message_id,
            from: user_json(from),
            date: now(),
            by_bot: false,
            content,
            html: text.clone(),
            text,
            parse_mode: None,
            kind,
            reply_markup: None,
            reply_to,
            pinned: false,
            deleted: false,
            edit_date: None,
            edits: 0,
            reactions: Vec::new(),
            file: None,
        };
        self.chats
            .get_mut(&chat_id)
            .expect("chat exists")
            .messages
            .insert(message_id, m);
        message_id
    }

    /// Stores a message from the bot.
    pub fn store_bot_message(&mut self, chat_id: i64, mut m: StoredMessage) -> i32 {
        let message_id = self.new_message_id(chat_id);
        m.message_id = message_id;
        m.from = self.bot_user_json();
        m.by_bot = true;
        m.date = now();
        self.chats
            .get_mut(&chat_id)
            .expect("chat exists")
            .messages
            .insert(message_id, m);
        message_id
    }

    /// Whether a person's message reaches the bot (privacy mode in groups).
    pub fn delivered_to_bot(&self, chat_id: i64, message_id: i32) -> bool {
        let Some(c) = self.chats.get(&chat_id) else {
            return false;
        };
        if c.is_private() {
            return c.bot_status != "kicked";
        }
        if !c.bot_is_member() {
            return false;
        }
        if self.me_privacy_off || matches!(c.bot_status.as_str(), "administrator" | "creator") {
            return true;
        }
        let Some(m) = c.messages.get(&message_id) else {
            return false;
        };
        let is_service = !["text", "document", "photo", "voice"].contains(&m.kind.as_str());
        if is_service {
            return true;
        }
        let replies_to_bot = m
            .reply_to
            .and_then(|r| c.messages.get(&r))
            .is_some_and(|r| r.by_bot);
        if replies_to_bot {
            return true;
        }
        if let Some(text) = m.content.get("text").and_then(Value::as_str)
            && let Some(command) = text.strip_prefix('/')
        {
            let command = command.split(char::is_whitespace).next().unwrap_or("");
            return match command.split_once('@') {
                Some((_, bot)) => bot.eq_ignore_ascii_case(BOT_USERNAME),
                None => !command.is_empty(),
            };
        }
        false
    }

    pub fn push_update(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        let update = json!({"update_id": id, kind: payload});
        self.pushed.push(update.clone());
        self.updates.push_back(QueuedUpdate {
            id,
            json: update,
            forced: false,
            delivered: false,
        });
        id
    }

    pub fn member_json(&self, chat_id: i64, user: Value, status: &str) -> Value {
        let mut m = json!({"user": user, "status": status});
        match status {
            "creator" => {
                m["is_anonymous"] = json!(false);
            }
            "administrator" => {
                let can_pin = self.chats.get(&chat_id).is_none_or(|c| c.can_pin);
                for (k, v) in [
                    ("can_be_edited", false),
                    ("is_anonymous", false),
                    ("can_manage_chat", true),
                    ("can_delete_messages", true),
                    ("can_manage_video_chats", true),
                    ("can_restrict_members", true),
                    ("can_promote_members", false),
                    ("can_change_info", true),
                    ("can_invite_users", true),
                    ("can_post_stories", false),
                    ("can_edit_stories", false),
                    ("can_delete_stories", false),
                    ("can_pin_messages", can_pin),
                    ("can_manage_topics", false),
                ] {
                    m[k] = json!(v);
                }
            }
            "kicked" => {
                m["until_date"] = json!(0);
            }
            _ => {}
        }
        m
    }

    pub fn push_my_chat_member(&mut self, chat_id: i64, by: &Person, old: &str, new: &str) {
        let bot = self.bot_user_json();
        let payload = json!({
            "chat": self.chat_json(chat_id),
            "from": user_json(by),
            "date": now(),
            "old_chat_member": self.member_json(chat_id, bot.clone(), old),
            "new_chat_member": self.member_json(chat_id, bot, new),
        });
        self.push_update("my_chat_member", payload);
    }
}
