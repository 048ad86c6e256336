//! The Bot API methods the fake server implements, on checked, typed parameters.

use std::collections::HashMap;

use consult_handlers::html;
use serde_json::{Map, Value, json};

use super::multipart::Upload;
use super::spec::Reject;
use super::state::{self, ChatKind, ChatState, State, StoredMessage, now};
use super::{BOT_ID, FileData, GroupKind};

type Params = Map<String, Value>;

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

fn int(p: &Params, name: &str) -> Option<i64> {
    p.get(name).and_then(Value::as_i64)
}

fn string<'a>(p: &'a Params, name: &str) -> Option<&'a str> {
    p.get(name).and_then(Value::as_str)
}

fn flag(p: &Params, name: &str) -> bool {
    p.get(name).and_then(Value::as_bool).unwrap_or(false)
}

fn chat_id(p: &Params, name: &str) -> Result<i64, Reject> {
    match p.get(name) {
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| Reject::bad("chat not found")),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| Reject::bad("chat not found")),
        _ => Err(Reject::invalid(format!("{name} is empty"))),
    }
}

fn message_id(p: &Params, name: &str) -> Result<i32, Reject> {
    int(p, name)
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| Reject::invalid("message identifier is not specified"))
}

/// Only inline keyboards are part of a message; other markups are client-side.
fn inline_markup(p: &Params) -> Option<Value> {
    p.get("reply_markup")
        .filter(|m| m.get("inline_keyboard").is_some())
        .cloned()
}

/// Plain text of `text` under the call's parse mode (already validated by the spec check).
fn plain(text: &str, parse_mode: Option<&str>) -> String {
    match parse_mode {
        Some(m) if m.eq_ignore_ascii_case("html") => {
            html::parse(text).unwrap_or_else(|_| text.to_owned())
        }
        _ => text.to_owned(),
    }
}

fn group_kind_word(c: &ChatState) -> &'static str {
    match c.kind {
        ChatKind::Group {
            kind: GroupKind::Supergroup,
            ..
        } => "supergroup",
        _ => "group",
    }
}

/// Telegram refuses Mini App (`web_app`) buttons anywhere but in private chats, and
/// accepts only HTTPS addresses for them.
fn web_app_only_in_private(st: &State, p: &Params) -> Result<(), Reject> {
    let buttons = p
        .get("reply_markup")
        .and_then(|m| m.get("inline_keyboard"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten();
    let mut web_apps = buttons.filter_map(|b| b.get("web_app")).peekable();
    if web_apps.peek().is_none() {
        return Ok(());
    }
    let private = chat_id(p, "chat_id")
        .ok()
        .and_then(|id| st.chats.get(&id))
        .is_none_or(ChatState::is_private);
    if !private {
        return Err(Reject::bad("BUTTON_TYPE_INVALID"));
    }
    for app in web_apps {
        let url = app.get("url").and_then(Value::as_str).unwrap_or("");
        if !url.starts_with("https://") {
            return Err(Reject::bad("BUTTON_URL_INVALID"));
        }
    }
    Ok(())
}

/// The chat a call addresses, with Telegram's refusals: unknown, migrated, bot not a
/// member, person never wrote to the bot or blocked it (`write`: the call posts).
fn chat(st: &mut State, id: i64, write: bool) -> Result<&mut ChatState, Reject> {
    if !st.chats.contains_key(&id) {
        if write && st.persons.contains_key(&id) {
            return Err(Reject::forbidden(
                "bot can't initiate conversation with a user",
            ));
        }
        if let Some(p) = st.persons.get(&id).cloned() {
            st.chats.insert(id, ChatState::private(&p));
        } else {
            return Err(Reject::bad("chat not found"));
        }
    }
    let c = st
        .chats
        .get_mut(&id)
        .ok_or_else(|| Reject::bad("chat not found"))?;
    if let Some(new_id) = c.migrated_to {
        return Err(Reject::migrated(new_id));
    }
    if c.is_private() {
        if write && c.bot_status == "kicked" {
            return Err(Reject::forbidden("bot was blocked by the user"));
        }
        if write && !c.started {
            return Err(Reject::forbidden(
                "bot can't initiate conversation with a user",
            ));
        }
    } else if !c.bot_is_member() {
        if !c.known_to_bot {
            return Err(Reject::bad("chat not found"));
        }
        let word = group_kind_word(c);
        return Err(match (c.bot_status.as_str(), word) {
            ("left", "supergroup") => {
                Reject::forbidden("bot is not a member of the supergroup chat")
            }
            (_, "supergroup") => Reject::forbidden("bot was kicked from the supergroup chat"),
            _ => Reject::forbidden("bot was kicked from the group chat"),
        });
    }
    Ok(c)
}

fn reply_target(st: &mut State, chat_id: i64, p: &Params) -> Result<Option<i32>, Reject> {
    let (id, allow) = if let Some(rp) = p.get("reply_parameters") {
        if rp.get("chat_id").is_some() {
            // A reply into another chat: accepted, not tracked.
            return Ok(None);
        }
        (
            rp.get("message_id").and_then(Value::as_i64),
            rp.get("allow_sending_without_reply")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    } else {
        (
            int(p, "reply_to_message_id"),
            flag(p, "allow_sending_without_reply"),
        )
    };
    let Some(id) = id else { return Ok(None) };
    let id = i32::try_from(id).unwrap_or(0);
    let exists = st
        .chats
        .get(&chat_id)
        .and_then(|c| c.messages.get(&id))
        .is_some_and(|m| !m.deleted);
    match (exists, allow) {
        (true, _) => Ok(Some(id)),
        (false, true) => Ok(None),
        (false, false) => Err(Reject::bad("message to be replied not found")),
    }
}

fn new_bot_message(
    kind: &str,
    content: Value,
    raw: &str,
    parse_mode: Option<&str>,
    markup: Option<Value>,
    reply_to: Option<i32>,
) -> StoredMessage {
    StoredMessage {
        message_id: 0,
        from: Value::Null,
        date: 0,
        by_bot: true,
        content,
        html: raw.to_owned(),
        text: plain(raw, parse_mode),
        parse_mode: parse_mode.map(str::to_owned),
        kind: kind.to_owned(),
        reply_markup: markup,
        reply_to,
        pinned: false,
        deleted: false,
        edit_date: None,
        edits: 0,
        reactions: Vec::new(),
        file: None,
    }
}

/// Runs a method. `Err` for methods the fake server does not implement is a violation.
pub(crate) fn call(
    st: &mut State,
    method: &str,
    p: &Params,
    uploads: &HashMap<String, Upload>,
) -> Result<Value, Reject> {
    web_app_only_in_private(st, p)?;
    match method {
        "getMe" => Ok(st.me_json()),
        "setWebhook" => {
            let url = string(p, "url").unwrap_or("");
            if url.is_empty() {
                st.webhook = None;
            } else {
                if !url.starts_with("https://") {
                    return Err(Reject::invalid(
                        "bad webhook: An HTTPS URL must be provided for webhook",
                    ));
                }
                st.webhook = Some(state::Webhook {
                    url: url.to_owned(),
                    max_connections: int(p, "max_connections"),
                    allowed_updates: p.get("allowed_updates").cloned(),
                    secret_token: string(p, "secret_token").map(str::to_owned),
                });
            }
            if flag(p, "drop_pending_updates") {
                st.updates.clear();
            }
            Ok(json!(true))
        }
        "deleteWebhook" => {
            st.webhook = None;
            if flag(p, "drop_pending_updates") {
                st.updates.clear();
            }
            Ok(json!(true))
        }
        "getWebhookInfo" => {
            let mut info = json!({
                "url": st.webhook.as_ref().map(|w| w.url.clone()).unwrap_or_default(),
                "has_custom_certificate": false,
                "pending_update_count": st.updates.len(),
            });
            if let Some(w) = &st.webhook {
                info["max_connections"] = json!(w.max_connections.unwrap_or(40));
                if let Some(a) = &w.allowed_updates {
                    info["allowed_updates"] = a.clone();
                }
            }
            Ok(info)
        }
        "sendMessage" => {
            let id = chat_id(p, "chat_id")?;
            chat(st, id, true)?;
            let reply_to = reply_target(st, id, p)?;
            let raw = string(p, "text").unwrap_or("");
            let pm = string(p, "parse_mode");
            let text = plain(raw, pm);
            let m = new_bot_message(
                "text",
                json!({"text": text}),
                raw,
                pm,
                inline_markup(p),
                reply_to,
            );
            let mid = st.store_bot_message(id, m);
            Ok(st.message_json(id, mid))
        }
        "sendDocument" | "sendPhoto" | "sendVoice" => {
            let (kind, field) = match method {
                "sendDocument" => ("document", "document"),
                "sendPhoto" => ("photo", "photo"),
                _ => ("voice", "voice"),
            };
            let id = chat_id(p, "chat_id")?;
            chat(st, id, true)?;
            let reply_to = reply_target(st, id, p)?;
            let file = match p.get(field) {
                Some(Value::Object(o)) => {
                    let part = o.get("upload").and_then(Value::as_str).unwrap_or(field);
                    let up = uploads.get(part).ok_or_else(|| {
                        Reject::invalid(format!("there is no {field} in the request"))
                    })?;
                    if up.bytes.is_empty() {
                        return Err(Reject::invalid("file must be non-empty"));
                    }
                    let mime = match kind {
                        "photo" => "image/jpeg".to_owned(),
                        "voice" => "audio/ogg".to_owned(),
                        _ => up
                            .content_type
                            .clone()
                            .filter(|c| c != "application/octet-stream")
                            .unwrap_or_else(|| {
                                state::guess_mime(up.file_name.as_deref().unwrap_or("")).to_owned()
                            }),
                    };
                    st.store_file(kind, up.file_name.clone(), Some(mime), up.bytes.clone())
                }
                Some(Value::String(s)) if s.starts_with("http://") || s.starts_with("https://") => {
                    let name = s.rsplit('/').next().map(str::to_owned);
                    st.store_file(kind, name, None, b"fetched by URL".to_vec())
                }
                Some(Value::String(s)) => st
                    .files
                    .get(s)
                    .cloned()
                    .ok_or_else(|| Reject::bad("wrong file identifier/HTTP URL specified"))?,
                _ => {
                    return Err(Reject::invalid(format!(
                        "there is no {field} in the request"
                    )));
                }
            };
            let mut content = state::file_content(kind, &file);
            let raw = string(p, "caption").unwrap_or("");
            let pm = string(p, "parse_mode");
            if !raw.is_empty() {
                content["caption"] = json!(plain(raw, pm));
            }
            let mut m = new_bot_message(kind, content, raw, pm, inline_markup(p), reply_to);
            m.file = Some(FileData {
                file_id: file.file_id.clone(),
                file_name: file.file_name.clone(),
                mime_type: file.mime_type.clone(),
                bytes: file.bytes.clone(),
            });
            let mid = st.store_bot_message(id, m);
            Ok(st.message_json(id, mid))
        }
        "copyMessage" => {
            let from = chat_id(p, "from_chat_id")?;
            let mid = message_id(p, "message_id")?;
            chat(st, from, false)?;
            let source = st
                .chats
                .get(&from)
                .and_then(|c| c.messages.get(&mid))
                .filter(|m| !m.deleted)
                .cloned()
                .ok_or_else(|| Reject::bad("message to copy not found"))?;
            if source.kind == "service" {
                return Err(Reject::bad("message can't be copied"));
            }
            let to = chat_id(p, "chat_id")?;
            chat(st, to, true)?;
            let reply_to = reply_target(st, to, p)?;
            let mut content = source.content.clone();
            let (raw, pm) = match string(p, "caption") {
                Some(c) if source.kind != "text" => {
                    let pm = string(p, "parse_mode");
                    content["caption"] = json!(plain(c, pm));
                    (c.to_owned(), pm.map(str::to_owned))
                }
                _ => (source.html.clone(), source.parse_mode.clone()),
            };
            let mut m = new_bot_message(
                "copy",
                content,
                &raw,
                pm.as_deref(),
                inline_markup(p),
                reply_to,
            );
            m.file = source.file.clone().or_else(|| {
                let fid = ["document", "voice"]
                    .iter()
                    .find_map(|k| source.content.get(*k).and_then(|d| d.get("file_id")))
                    .or_else(|| {
                        source
                            .content
                            .get("photo")
                            .and_then(|ph| ph.get(0))
                            .and_then(|s| s.get("file_id"))
                    })
                    .and_then(Value::as_str)?;
                let f = st.files.get(fid)?;
                Some(FileData {
                    file_id: f.file_id.clone(),
                    file_name: f.file_name.clone(),
                    mime_type: f.mime_type.clone(),
                    bytes: f.bytes.clone(),
                })
            });
            let new_id = st.store_bot_message(to, m);
            Ok(json!({"message_id": new_id}))
        }
        "editMessageText" | "editMessageReplyMarkup" | "editMessageCaption" => {
            if p.get("inline_message_id").is_some() {
                return Ok(json!(true));
            }
            let id = chat_id(p, "chat_id")?;
            let mid = message_id(p, "message_id")?;
            chat(st, id, true)?;
            let c = st
                .chats
                .get_mut(&id)
                .ok_or_else(|| Reject::bad("chat not found"))?;
            let m = c
                .messages
                .get_mut(&mid)
                .filter(|m| !m.deleted)
                .ok_or_else(|| Reject::bad("message to edit not found"))?;
            if !m.by_bot {
                return Err(Reject::bad("message can't be edited"));
            }
            let markup = inline_markup(p);
            match method {
                "editMessageText" => {
                    if m.content.get("text").is_none() {
                        return Err(Reject::bad("there is no text in the message to edit"));
                    }
                    let raw = string(p, "text").unwrap_or("");
                    let pm = string(p, "parse_mode");
                    let text = plain(raw, pm);
                    let same_format = m.html == raw || (pm.is_none() && m.parse_mode.is_none());
                    if m.text == text && same_format && m.reply_markup == markup {
                        return Err(Reject::bad(NOT_MODIFIED));
                    }
                    m.content["text"] = json!(text);
                    m.text = text;
                    m.html = raw.to_owned();
                    m.parse_mode = pm.map(str::to_owned);
                }
                "editMessageCaption" => {
                    if m.content.get("text").is_some() {
                        return Err(Reject::bad("there is no caption in the message to edit"));
                    }
                    let raw = string(p, "caption").unwrap_or("");
                    let pm = string(p, "parse_mode");
                    let text = plain(raw, pm);
                    if m.text == text && m.html == raw && m.reply_markup == markup {
                        return Err(Reject::bad(NOT_MODIFIED));
                    }
                    if let Some(o) = m.content.as_object_mut() {
                        if text.is_empty() {
                            o.remove("caption");
                        } else {
                            o.insert("caption".into(), json!(text));
                        }
                    }
                    m.text = text;
                    m.html = raw.to_owned();
                    m.parse_mode = pm.map(str::to_owned);
                }
                _ => {
                    if m.reply_markup == markup {
                        return Err(Reject::bad(NOT_MODIFIED));
                    }
                }
            }
            m.reply_markup = markup;
            m.edit_date = Some(now());
            m.edits += 1;
            Ok(st.message_json(id, mid))
        }
        "deleteMessage" => {
            let id = chat_id(p, "chat_id")?;
            let mid = message_id(p, "message_id")?;
            let c = chat(st, id, false)?;
            let m = c
                .messages
                .get_mut(&mid)
                .filter(|m| !m.deleted)
                .ok_or_else(|| Reject::bad("message to delete not found"))?;
            m.deleted = true;
            m.pinned = false;
            Ok(json!(true))
        }
        "answerCallbackQuery" => {
            let id = string(p, "callback_query_id").unwrap_or("");
            let too_old = match (st.callback_max_age, st.callbacks_pressed.get(id)) {
                (Some(max), Some(pressed)) => pressed.elapsed() >= max,
                _ => false,
            };
            match st.callbacks.get_mut(id).filter(|_| !too_old) {
                Some(slot @ None) => {
                    *slot = Some(Value::Object(p.clone()));
                    Ok(json!(true))
                }
                _ => Err(Reject::bad(
                    "query is too old and response timeout expired or query ID is invalid",
                )),
            }
        }
        "answerInlineQuery" => {
            let id = string(p, "inline_query_id").unwrap_or("");
            if let Some(results) = p.get("results").and_then(Value::as_array) {
                let mut ids: Vec<&str> = results
                    .iter()
                    .filter_map(|r| r.get("id").and_then(Value::as_str))
                    .collect();
                ids.sort_unstable();
                let n = ids.len();
                ids.dedup();
                if ids.len() != n {
                    return Err(Reject::invalid("RESULT_ID_DUPLICATE"));
                }
            }
            match st.inline_queries.get_mut(id) {
                Some(slot @ None) => {
                    *slot = Some(Value::Object(p.clone()));
                    Ok(json!(true))
                }
                _ => Err(Reject::bad(
                    "query is too old and response timeout expired or query ID is invalid",
                )),
            }
        }
        "getFile" => {
            let id = string(p, "file_id").unwrap_or("");
            let f = st
                .files
                .get(id)
                .ok_or_else(|| Reject::bad("invalid file_id"))?;
            Ok(json!({
                "file_id": f.file_id,
                "file_unique_id": f.unique_id,
                "file_size": f.bytes.len(),
                "file_path": f.file_path,
            }))
        }
        "getChat" => {
            let id = chat_id(p, "chat_id")?;
            chat(st, id, false)?;
            let mut info = st.chat_json(id);
            info["accent_color_id"] = json!(id.unsigned_abs() % 7);
            info["max_reaction_count"] = json!(11);
            info["accepted_gift_types"] = json!({
                "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false, "premium_subscription": false,
            });
            let c = st
                .chats
                .get(&id)
                .ok_or_else(|| Reject::bad("chat not found"))?;
            if !c.is_private() {
                info["permissions"] = json!({
                    "can_send_messages": true, "can_send_audios": true, "can_send_documents": true,
                    "can_send_photos": true, "can_send_videos": true, "can_send_video_notes": true,
                    "can_send_voice_notes": true, "can_send_polls": true, "can_send_other_messages": true,
                    "can_add_web_page_previews": true, "can_change_info": true, "can_invite_users": true,
                    "can_pin_messages": true, "can_manage_topics": false,
                });
            }
            if let Some(pinned) = c
                .messages
                .values()
                .rev()
                .find(|m| m.pinned)
                .map(|m| m.message_id)
            {
                info["pinned_message"] = st.message_json(id, pinned);
            }
            Ok(info)
        }
        "getChatMember" => {
            let id = chat_id(p, "chat_id")?;
            let user_id = int(p, "user_id").unwrap_or(0);
            chat(st, id, false)?;
            let user = if user_id == BOT_ID {
                st.bot_user_json()
            } else {
                st.persons
                    .get(&user_id)
                    .map(state::user_json)
                    .ok_or_else(|| Reject::bad("user not found"))?
            };
            let c = st
                .chats
                .get(&id)
                .ok_or_else(|| Reject::bad("chat not found"))?;
            let status = if c.is_private() {
                if user_id == id || user_id == BOT_ID {
                    "member".to_owned()
                } else {
                    return Err(Reject::bad("user not found"));
                }
            } else {
                c.status_of(user_id)
            };
            Ok(st.member_json(id, user, &status))
        }
        "getChatAdministrators" => {
            let id = chat_id(p, "chat_id")?;
            let c = chat(st, id, false)?;
            if c.is_private() {
                return Err(Reject::bad(
                    "there are no administrators in the private chat",
                ));
            }
            let mut admins: Vec<(i64, String)> = c
                .member_status
                .iter()
                .filter(|(_, s)| matches!(s.as_str(), "creator" | "administrator"))
                .map(|(id, s)| (*id, s.clone()))
                .collect();
            if matches!(c.bot_status.as_str(), "administrator" | "creator") {
                admins.push((BOT_ID, c.bot_status.clone()));
            }
            admins.sort_by_key(|(id, s)| (s != "creator", *id));
            let list: Vec<Value> = admins
                .iter()
                .filter_map(|(uid, s)| {
                    let user = if *uid == BOT_ID {
                        st.bot_user_json()
                    } else {
                        state::user_json(st.persons.get(uid)?)
                    };
                    Some(st.member_json(id, user, s))
                })
                .collect();
            Ok(json!(list))
        }
        "getChatMemberCount" => {
            let id = chat_id(p, "chat_id")?;
            let c = chat(st, id, false)?;
            let n = if c.is_private() { 2 } else { c.seen.len() + 1 };
            Ok(json!(n))
        }
        "setMyCommands" | "deleteMyCommands" | "getMyCommands" => {
            let lang = string(p, "language_code").unwrap_or("").to_owned();
            let two_letters = lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase());
            if !lang.is_empty() && !two_letters {
                return Err(Reject::invalid("invalid language code specified"));
            }
            let scope = p
                .get("scope")
                .cloned()
                .unwrap_or_else(|| json!({"type": "default"}));
            let scope_type = scope
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("default")
                .to_owned();
            if let Some(cid) = scope.get("chat_id") {
                let cid = cid
                    .as_i64()
                    .or_else(|| cid.as_str().and_then(|s| s.parse().ok()))
                    .unwrap_or(0);
                chat(st, cid, false)?;
            }
            let key = (scope_type, lang);
            match method {
                "setMyCommands" => {
                    let commands = p
                        .get("commands")
                        .and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .map(|c| {
                                    (
                                        c.get("command")
                                            .and_then(Value::as_str)
                                            .unwrap_or("")
                                            .to_owned(),
                                        c.get("description")
                                            .and_then(Value::as_str)
                                            .unwrap_or("")
                                            .to_owned(),
                                    )
                                })
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default();
                    if commands.is_empty() {
                        st.commands.remove(&key);
                    } else {
                        st.commands.insert(key, (scope, commands));
                    }
                    Ok(json!(true))
                }
                "deleteMyCommands" => {
                    st.commands.remove(&key);
                    Ok(json!(true))
                }
                _ => {
                    let list: Vec<Value> = st
                        .commands
                        .get(&key)
                        .map(|(_, c)| {
                            c.iter()
                                .map(|(c, d)| json!({"command": c, "description": d}))
                                .collect()
                        })
                        .unwrap_or_default();
                    Ok(json!(list))
                }
            }
        }
        "leaveChat" => {
            let id = chat_id(p, "chat_id")?;
            let c = chat(st, id, false)?;
            if c.is_private() {
                return Err(Reject::bad(
                    "chat member status can't be changed in private chats",
                ));
            }
            let old = c.bot_status.clone();
            c.bot_status = "left".to_owned();
            let bot = st.bot_user_json();
            let payload = json!({
                "chat": st.chat_json(id),
                "from": bot,
                "date": now(),
                "old_chat_member": st.member_json(id, st.bot_user_json(), &old),
                "new_chat_member": st.member_json(id, st.bot_user_json(), "left"),
            });
            st.push_update("my_chat_member", payload);
            Ok(json!(true))
        }
        "pinChatMessage" | "unpinChatMessage" => {
            let id = chat_id(p, "chat_id")?;
            let c = chat(st, id, true)?;
            if !c.is_private() && !c.bot_may_pin() {
                return Err(Reject::bad(
                    "not enough rights to manage pinned messages in the chat",
                ));
            }
            let mid = match int(p, "message_id") {
                Some(m) => i32::try_from(m).unwrap_or(0),
                None if method == "unpinChatMessage" => {
                    match c.messages.values().rev().find(|m| m.pinned) {
                        Some(m) => m.message_id,
                        None => return Ok(json!(true)),
                    }
                }
                None => return Err(Reject::invalid("message identifier is not specified")),
            };
            let m = c
                .messages
                .get_mut(&mid)
                .filter(|m| !m.deleted)
                .ok_or_else(|| {
                    Reject::bad(if method == "pinChatMessage" {
                        "message to pin not found"
                    } else {
                        "message to unpin not found"
                    })
                })?;
            m.pinned = method == "pinChatMessage";
            Ok(json!(true))
        }
        "setMessageReaction" => {
            let id = chat_id(p, "chat_id")?;
            let mid = message_id(p, "message_id")?;
            let reactions: Vec<String> = p
                .get("reaction")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|r| r.get("emoji").and_then(Value::as_str).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if reactions.len() > 1 {
                return Err(Reject::invalid("REACTIONS_TOO_MUCH"));
            }
            let c = chat(st, id, true)?;
            let m = c
                .messages
                .get_mut(&mid)
                .filter(|m| !m.deleted)
                .ok_or_else(|| Reject::bad("MESSAGE_ID_INVALID"))?;
            m.reactions = reactions;
            Ok(json!(true))
        }
        "sendChatAction" => {
            let id = chat_id(p, "chat_id")?;
            chat(st, id, true)?;
            Ok(json!(true))
        }
        other => Err(Reject::invalid(format!(
            "method {other} is valid but not implemented by the fake server (tests/support/telegram/methods.rs)"
        ))),
    }
}
