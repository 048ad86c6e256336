//! HTTP side of the fake server: routing, parameters, holds, faults, the spec check, the
//! long-polling `getUpdates`, and recording every call.

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::multipart::{self, Upload};
use super::spec::{Reject, SPEC};
use super::{Call, FakeTelegram, Fault, Hold};

pub(crate) fn router(fake: FakeTelegram) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(64 << 20))
        .with_state(fake)
}

fn reply(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn percent_decode(s: &str) -> String {
    let mut m = Map::new();
    multipart::parse_urlencoded(format!("x={}", s.replace('+', "%2B")).as_bytes(), &mut m);
    m.get("x")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

async fn handle(
    State(fake): State<FakeTelegram>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let segments: Vec<String> = uri
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let not_found = json!({"ok": false, "error_code": 404, "description": "Not Found"});
    let unauthorized = json!({"ok": false, "error_code": 401, "description": "Unauthorized"});

    // File downloads: /file/bot<token>/<file_path> (teloxide sends the path as one
    // percent-encoded segment).
    if segments.first().map(String::as_str) == Some("file") {
        let Some(token) = segments.get(1).and_then(|s| s.strip_prefix("bot")) else {
            return reply(404, &not_found);
        };
        if token != fake.token() {
            return reply(401, &unauthorized);
        }
        let path = segments[2..].join("/");
        let bytes = {
            let st = fake.lock();
            st.files
                .values()
                .find(|f| f.file_path == path)
                .map(|f| f.bytes.clone())
        };
        return match bytes {
            Some(b) => (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/octet-stream")],
                b,
            )
                .into_response(),
            None => reply(404, &not_found),
        };
    }

    let (Some(bot), Some(method), 2) = (segments.first(), segments.get(1), segments.len()) else {
        return reply(404, &not_found);
    };
    let Some(token) = bot.strip_prefix("bot") else {
        return reply(404, &not_found);
    };
    if token != fake.token() {
        return reply(401, &unauthorized);
    }

    // Parameters: query string, then the body (JSON, url-encoded or multipart).
    let mut raw = Map::new();
    let mut uploads: HashMap<String, Upload> = HashMap::new();
    if let Some(q) = uri.query() {
        multipart::parse_urlencoded(q.as_bytes(), &mut raw);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body_error = if body.is_empty() {
        None
    } else if content_type.starts_with("application/json") {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(o)) => {
                raw.extend(o);
                None
            }
            _ => Some("can't parse JSON encoded request parameters"),
        }
    } else if content_type.starts_with("multipart/form-data") {
        match multipart::parse_multipart(&content_type, &body) {
            Ok((fields, files)) => {
                raw.extend(fields);
                uploads = files;
                None
            }
            Err(_) => Some("can't parse multipart/form-data request"),
        }
    } else {
        multipart::parse_urlencoded(&body, &mut raw);
        None
    };

    let Some(canonical) = SPEC.canonical(method).map(str::to_owned) else {
        let reject = Reject {
            status: 404,
            description: "Not Found".to_owned(),
            parameters: None,
            violation: true,
        };
        return finish(&fake, method, Value::Object(raw), Err(reject));
    };
    if let Some(e) = body_error {
        return finish(
            &fake,
            &canonical,
            Value::Object(raw),
            Err(Reject::invalid(e)),
        );
    }

    // A held call waits here; if the client goes away the future is dropped, no effect.
    let hold = {
        let mut st = fake.lock();
        let lc = canonical.to_lowercase();
        let mut found = None;
        for (i, slot) in st.holds.iter_mut().enumerate() {
            if slot.method == lc {
                slot.remaining -= 1;
                if slot.remaining == 0 && found.is_none() {
                    found = Some(i);
                }
            }
        }
        found.map(|i| st.holds.remove(i).hold)
    };
    if let Some(hold) = hold {
        /// Marks the hold abandoned if the handler is dropped while waiting.
        struct Guard(Option<Hold>);
        impl Drop for Guard {
            fn drop(&mut self) {
                if let Some(h) = self.0.take() {
                    h.mark_abandoned();
                }
            }
        }
        let mut guard = Guard(Some(hold.clone()));
        hold.mark_reached();
        hold.wait_released().await;
        guard.0 = None;
    }

    let params = match SPEC.check_call(&canonical, &raw, &uploads) {
        Ok(p) => p,
        Err(reject) => return finish(&fake, &canonical, Value::Object(raw), Err(reject)),
    };

    if let Some(reject) = take_fault(&fake, &canonical, &params) {
        return finish(&fake, &canonical, Value::Object(params), Err(reject));
    }

    if let Some(reject) = flood_control(&fake, &canonical, &params) {
        return finish(&fake, &canonical, Value::Object(params), Err(reject));
    }

    let result = if canonical == "getUpdates" {
        get_updates(&fake, &params).await
    } else {
        let mut st = fake.lock();
        super::methods::call(&mut st, &canonical, &params, &uploads)
    };
    finish(&fake, &canonical, Value::Object(params), result)
}

/// Telegram's flood control, when the test turned it on.
fn flood_control(fake: &FakeTelegram, method: &str, params: &Map<String, Value>) -> Option<Reject> {
    if !super::ratelimit::counts(method) {
        return None;
    }
    let mut st = fake.lock();
    let chat = params.get("chat_id").and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    });
    let retry_after = st.rate_limiter.as_mut()?.take(chat).err()?;
    st.rate_limited += 1;
    Some(Reject {
        status: 429,
        description: format!("Too Many Requests: retry after {retry_after}"),
        parameters: Some(json!({"retry_after": retry_after})),
        violation: false,
    })
}

fn take_fault(fake: &FakeTelegram, method: &str, params: &Map<String, Value>) -> Option<Reject> {
    let mut st = fake.lock();
    let lc = method.to_lowercase();
    let call_chat = params.get("chat_id").and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    });
    let idx = st
        .faults
        .iter()
        .position(|(m, chat, _)| *m == lc && (chat.is_none() || *chat == call_chat))?;
    let (_, _, fault) = st.faults.remove(idx);
    let (status, description, parameters) = match fault {
        Fault::RetryAfter(n) => (
            429,
            format!("Too Many Requests: retry after {n}"),
            Some(json!({"retry_after": n})),
        ),
        Fault::Kicked => (
            403,
            "Forbidden: bot was kicked from the group chat".to_owned(),
            None,
        ),
        Fault::Blocked => (
            403,
            "Forbidden: bot was blocked by the user".to_owned(),
            None,
        ),
        Fault::Migrated(id) => (
            400,
            "Bad Request: group chat was upgraded to a supergroup chat".to_owned(),
            Some(json!({"migrate_to_chat_id": id})),
        ),
        Fault::ServerError => (500, "Internal Server Error".to_owned(), None),
        Fault::BadGateway => (502, "Bad Gateway".to_owned(), None),
        Fault::Custom(status, d) => (status, d, None),
    };
    Some(Reject {
        status,
        description,
        parameters,
        violation: false,
    })
}

fn finish(
    fake: &FakeTelegram,
    method: &str,
    params: Value,
    result: Result<Value, Reject>,
) -> Response {
    let (status, body) = match &result {
        Ok(v) => (200, json!({"ok": true, "result": v})),
        Err(r) => (r.status, r.body()),
    };
    fake.probe_call(method, &params, status, &body);
    {
        let mut st = fake.lock();
        if let Err(r) = &result
            && r.violation
        {
            let mut shown = params.to_string();
            if shown.len() > 600 {
                let cut = (0..=600)
                    .rev()
                    .find(|i| shown.is_char_boundary(*i))
                    .unwrap_or(0);
                shown.truncate(cut);
                shown.push('…');
            }
            st.violations
                .push(format!("{method}: {} (params: {shown})", r.description));
        }
        st.calls.push(Call {
            method: method.to_owned(),
            params,
            response: body.clone(),
            status,
        });
    }
    fake.wake();
    reply(status, &body)
}

fn update_kind(u: &Value) -> String {
    u.as_object()
        .and_then(|o| o.keys().find(|k| k.as_str() != "update_id").cloned())
        .unwrap_or_default()
}

async fn get_updates(fake: &FakeTelegram, p: &Map<String, Value>) -> Result<Value, Reject> {
    let offset = p.get("offset").and_then(Value::as_i64);
    let limit = p
        .get("limit")
        .and_then(Value::as_i64)
        .unwrap_or(100)
        .clamp(1, 100) as usize;
    let timeout = p
        .get("timeout")
        .and_then(Value::as_i64)
        .unwrap_or(0)
        .clamp(0, 50) as u64;
    let ticket = {
        let mut st = fake.lock();
        if st.webhook.is_some() {
            return Err(Reject {
                status: 409,
                description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first".to_owned(),
                parameters: None,
                violation: false,
            });
        }
        if let Some(list) = p.get("allowed_updates").and_then(Value::as_array) {
            let list: Vec<String> = list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            st.allowed_updates = (!list.is_empty()).then_some(list);
        }
        match offset {
            Some(o) if o > 0 => st
                .updates
                .retain(|u| u.id >= o || (u.forced && !u.delivered)),
            Some(o) if o < 0 => {
                let keep = o.unsigned_abs() as usize;
                let n = st.updates.len();
                if n > keep {
                    st.updates.drain(..n - keep);
                }
            }
            _ => {}
        }
        st.poller += 1;
        st.poller
    };
    // Wakes an earlier poller (which then answers 409) and `wait_for`s on polls_started.
    fake.wake();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = fake.inner.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut st = fake.lock();
            if st.poller != ticket {
                return Err(Reject {
                    status: 409,
                    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running".to_owned(),
                    parameters: None,
                    violation: false,
                });
            }
            // Updates of types the bot did not ask for are never created.
            let allowed = st.allowed_updates.clone();
            st.updates.retain(|u| {
                let kind = update_kind(&u.json);
                match &allowed {
                    Some(list) => list.contains(&kind),
                    None => !matches!(
                        kind.as_str(),
                        "chat_member" | "message_reaction" | "message_reaction_count"
                    ),
                }
            });
            let mut batch = Vec::new();
            let from = match offset {
                Some(o) if o > 0 => o,
                _ => i64::MIN,
            };
            let diverted = st.diverted;
            for u in st.updates.iter_mut() {
                if batch.len() >= limit || diverted {
                    break;
                }
                if u.forced {
                    if !u.delivered {
                        u.delivered = true;
                        batch.push(u.json.clone());
                    } else if u.id >= from {
                        batch.push(u.json.clone());
                    }
                } else if u.id >= from {
                    u.delivered = true;
                    batch.push(u.json.clone());
                }
            }
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                return Ok(Value::Array(batch));
            }
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}
