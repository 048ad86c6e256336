//! Telegram's side of webhook mode: while a webhook is set (`setWebhook`), queued
//! updates are POSTed to it one at a time, in order, with the
//! `X-Telegram-Bot-Api-Secret-Token` header; an update leaves the queue only when the
//! bot answers 2xx, otherwise it is posted again (Telegram retries until it is
//! accepted). The test plays the reverse proxy: the webhook's public `https://` URL is
//! delivered to `http://127.0.0.1:PORT` with the same path.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use super::FakeTelegram;

/// Pause before posting an update the bot did not accept (Telegram backs off too).
const RETRY_PAUSE: Duration = Duration::from_millis(20);

/// One POST of an update to the webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAttempt {
    pub update_id: i64,
    /// The bot's answer; None when the connection failed.
    pub status: Option<u16>,
}

/// The delivery task; stops when dropped.
pub struct WebhookDelivery {
    attempts: Arc<Mutex<Vec<WebhookAttempt>>>,
    task: tokio::task::JoinHandle<()>,
}

impl WebhookDelivery {
    /// Every POST so far, in order.
    pub fn attempts(&self) -> Vec<WebhookAttempt> {
        self.attempts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for WebhookDelivery {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeTelegram {
    /// Starts posting queued updates to the webhook, at `local_base`
    /// (`http://127.0.0.1:PORT`) plus the webhook URL's path, whenever one is set.
    pub fn deliver_webhooks_to(&self, local_base: &str) -> WebhookDelivery {
        let attempts = Arc::new(Mutex::new(Vec::new()));
        let fake = self.clone();
        let base = local_base.trim_end_matches('/').to_owned();
        let log = attempts.clone();
        let task = tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let notified = fake.inner.notify.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                let Some((update, path, secret)) = fake.next_for_webhook() else {
                    let _ = tokio::time::timeout(Duration::from_millis(200), notified).await;
                    continue;
                };
                let id = update["update_id"].as_i64().unwrap_or_default();
                let mut request = client.post(format!("{base}{path}")).json(&update);
                if let Some(secret) = secret {
                    request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
                }
                let status = request.send().await.ok().map(|r| r.status().as_u16());
                log.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(WebhookAttempt {
                        update_id: id,
                        status,
                    });
                if status.is_some_and(|s| (200..300).contains(&s)) {
                    fake.lock().updates.retain(|u| u.id != id);
                    fake.wake();
                } else {
                    fake.wake();
                    tokio::time::sleep(RETRY_PAUSE).await;
                }
            }
        });
        WebhookDelivery { attempts, task }
    }

    /// Takes the next queued update off the queue, as Telegram does once a webhook has
    /// accepted it: for tests that post it to the bot themselves.
    pub fn take_update(&self) -> Option<Value> {
        let mut st = self.lock();
        let u = st.updates.pop_front()?;
        drop(st);
        self.wake();
        Some(u.json)
    }

    /// The oldest queued update, the path and the secret to post it with, while a
    /// webhook is set. Updates of kinds the webhook did not ask for are dropped, as
    /// Telegram never creates them.
    fn next_for_webhook(&self) -> Option<(Value, String, Option<String>)> {
        let mut st = self.lock();
        let hook = st.webhook.clone()?;
        if let Some(allowed) = hook.allowed_updates.as_ref().and_then(Value::as_array) {
            let allowed: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            if !allowed.is_empty() {
                st.updates.retain(|u| {
                    u.json
                        .as_object()
                        .and_then(|o| o.keys().find(|k| k.as_str() != "update_id"))
                        .is_some_and(|k| allowed.contains(&k.as_str()))
                });
            }
        }
        let update = st.updates.front()?.json.clone();
        let url = url::Url::parse(&hook.url).ok()?;
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        Some((update, path, hook.secret_token))
    }
}
