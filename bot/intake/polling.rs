//! Long polling. We call getUpdates ourselves rather than through teloxide's listener
//! because the offset (Telegram's acknowledgement) may only advance after the updates
//! are stored, and because an update teloxide cannot parse must still be stored.

use std::time::Duration;

use consult_domain::{Db, clock::SharedClock, inbox::RawUpdate};
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::{Config, retry::backoff, wake::Wake};

pub struct Polling {
    client: reqwest::Client,
    url: Option<Url>,
    db: Db,
    clock: SharedClock,
    wake: Wake,
    timeout: Duration,
}

/// The parts of a getUpdates response we need. Each update stays raw JSON text: one
/// that no JSON value can hold (nested deeper than serde_json's 128 levels, a lone
/// `\ud800` escape) must not make the whole answer undecodable, or intake would retry
/// it forever and nobody after it would be heard. Raw values are skipped over without
/// a depth limit and without checking escapes.
#[derive(Deserialize)]
struct Response {
    ok: bool,
    #[serde(default)]
    result: Vec<Box<RawValue>>,
    description: Option<String>,
    error_code: Option<u16>,
}

impl Response {
    fn decode(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

enum PollError {
    /// Another process polls with this token, or a webhook is set.
    Conflict(String),
    Other(String),
}

impl Polling {
    pub fn new(config: &Config, db: Db, clock: SharedClock, wake: Wake) -> Self {
        // The HTTP timeout must exceed the long-poll timeout, or every quiet poll fails.
        let client = teloxide::net::default_reqwest_settings()
            .timeout(config.poll_timeout + Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        let url = config.token.as_ref().and_then(|token| {
            config
                .api_url
                .join(&format!("./bot{}/getUpdates", token.expose()))
                .ok()
        });
        Self {
            client,
            url,
            db,
            clock,
            wake,
            timeout: config.poll_timeout,
        }
    }

    pub async fn run(self, stop: CancellationToken) {
        let Some(url) = self.url.clone() else {
            tracing::error!("cannot build the getUpdates URL; intake is off");
            return;
        };
        let mut offset: Option<i64> = None;
        let mut failures = 0u32;
        loop {
            let poll = self.poll(&url, offset, self.timeout);
            let updates = tokio::select! {
                _ = stop.cancelled() => break,
                result = poll => result,
            };
            match updates {
                Ok(values) => {
                    failures = 0;
                    if let Some(next) = self.store(&values, &stop).await {
                        offset = Some(next);
                    }
                }
                Err(e) => {
                    failures += 1;
                    match e {
                        PollError::Conflict(d) => {
                            tracing::warn!(description = %d, "getUpdates conflict; is another instance running?")
                        }
                        PollError::Other(d) => {
                            tracing::warn!(error = %d, "getUpdates failed; retrying")
                        }
                    }
                    tokio::select! {
                        _ = stop.cancelled() => break,
                        _ = tokio::time::sleep(crate::retry::backoff(failures)) => {}
                    }
                }
            }
        }
        // Acknowledge what was stored, so Telegram does not send it again after restart.
        if let Some(offset) = offset {
            let _ = self.poll(&url, Some(offset), Duration::ZERO).await;
        }
        tracing::info!("intake stopped");
    }

    /// Stores a batch, retrying while the database is down (never acknowledging updates
    /// that are not stored). Returns the next offset, or None if stopped first.
    async fn store(&self, values: &[Box<RawValue>], stop: &CancellationToken) -> Option<i64> {
        let raw: Vec<RawUpdate> = values
            .iter()
            .filter_map(|v| RawUpdate::from_text(v.get()))
            .collect();
        if raw.len() < values.len() {
            tracing::warn!(
                skipped = values.len() - raw.len(),
                "updates without an update_id were skipped"
            );
        }
        let next = raw.iter().map(|u| u.update_id + 1).max()?;
        let mut attempt = 0;
        loop {
            match self.db.inbox().store(&raw, self.clock.now()).await {
                Ok(new) => {
                    tracing::debug!(received = raw.len(), new, "updates stored");
                    self.wake.stored(raw.iter().map(|u| u.chat_key));
                    return Some(next);
                }
                Err(e) => {
                    attempt += 1;
                    tracing::error!(error = %e, attempt, "cannot store updates; retrying");
                    tokio::select! {
                        _ = stop.cancelled() => return None,
                        _ = tokio::time::sleep(backoff(attempt)) => {}
                    }
                }
            }
        }
    }

    async fn poll(
        &self,
        url: &Url,
        offset: Option<i64>,
        timeout: Duration,
    ) -> Result<Vec<Box<RawValue>>, PollError> {
        let mut body = serde_json::json!({
            "timeout": timeout.as_secs(),
            "limit": 100,
            "allowed_updates": super::ALLOWED_UPDATES,
        });
        if let Some(offset) = offset {
            body["offset"] = offset.into();
        }
        let response = self
            .client
            .post(url.clone())
            .json(&body)
            .send()
            .await
            .map_err(|e| PollError::Other(without_url(e)))?;
        let body = response
            .bytes()
            .await
            .map_err(|e| PollError::Other(without_url(e)))?;
        let response = Response::decode(&body).map_err(|e| PollError::Other(e.to_string()))?;
        match (response.ok, response.error_code) {
            (true, _) => Ok(response.result),
            (false, Some(409)) => Err(PollError::Conflict(
                response.description.unwrap_or_default(),
            )),
            (false, _) => Err(PollError::Other(response.description.unwrap_or_default())),
        }
    }
}

/// reqwest errors include the URL, and the URL includes the token: never log it.
fn without_url(e: reqwest::Error) -> String {
    e.without_url().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_update_no_json_value_can_hold_leaves_the_others_readable() {
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        let body = format!(
            r#"{{"ok": true, "result": [
                {{"update_id": 1, "message": {{"chat": {{"id": 5}}, "text": "\ud800"}}}},
                {{"update_id": 2, "message": {{"chat": {{"id": 5}}, "x": {deep}}}}},
                {{"update_id": 3, "message": {{"chat": {{"id": 6}}, "text": "hi"}}}}
            ]}}"#
        );
        assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
        let response = Response::decode(body.as_bytes()).expect("the envelope decodes");
        let ids: Vec<(i64, i64)> = response
            .result
            .iter()
            .filter_map(|v| RawUpdate::from_text(v.get()))
            .map(|u| (u.update_id, u.chat_key))
            .collect();
        // The bad parts lie in fields intake only skips, so each keeps its chat's order;
        // the dispatcher marks the first two unparsable when their turn comes.
        assert_eq!(ids, [(1, 5), (2, 5), (3, 6)]);
    }
}
