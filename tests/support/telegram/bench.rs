//! What the service benchmark (`benches/service.rs`) needs from the fake server and the
//! tests never do: timestamps of when each update was handed to the bot and when each
//! message from the bot arrived, and webhook delivery over several connections at once
//! as Telegram does it (`max_connections`, 40 unless `setWebhook` says otherwise),
//! keeping one update per chat in flight so a chat's updates still arrive in order.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::FakeTelegram;

/// Telegram's default for `max_connections`.
const DEFAULT_CONNECTIONS: i64 = 40;
/// Telegram's upper limit for `max_connections`.
const MAX_CONNECTIONS: usize = 100;
/// Pause before posting again an update the bot did not accept.
const RETRY_PAUSE: Duration = Duration::from_millis(20);

/// Where the events go, once the benchmark asked for them.
pub(crate) struct Probe {
    tx: UnboundedSender<ProbeEvent>,
}

/// Something that happened on the server, with the moment it happened.
#[derive(Debug, Clone, Copy)]
pub enum ProbeEvent {
    /// An update about `chat` was handed to the bot: in a `getUpdates` answer (taken
    /// as the answer is written) or POSTed to its webhook (as the request leaves).
    Served { chat: i64, at: Instant },
    /// The bot's `sendMessage` to `chat` was answered: accepted with `message_id`, or
    /// refused (None).
    Sent {
        chat: i64,
        message_id: Option<i32>,
        at: Instant,
    },
}

/// The chat an update is about (for a button, the chat of the message it is on).
fn update_chat(update: &Value) -> Option<i64> {
    let chat_of = |v: &Value| v.pointer("/chat/id").and_then(Value::as_i64);
    if let Some(m) = update.get("message") {
        return chat_of(m);
    }
    if let Some(q) = update.get("callback_query") {
        return q
            .get("message")
            .and_then(chat_of)
            .or_else(|| q.pointer("/from/id").and_then(Value::as_i64));
    }
    update
        .as_object()?
        .iter()
        .find(|(k, _)| k.as_str() != "update_id")
        .and_then(|(_, v)| chat_of(v).or_else(|| v.pointer("/from/id").and_then(Value::as_i64)))
}

impl FakeTelegram {
    /// Starts recording [`ProbeEvent`]s; they arrive on the returned receiver. Once per
    /// server.
    pub fn probe(&self) -> UnboundedReceiver<ProbeEvent> {
        let (tx, rx) = unbounded_channel();
        if self.inner.probe.set(Probe { tx }).is_err() {
            panic!("FakeTelegram::probe called twice");
        }
        rx
    }

    /// Called by the server for every answered call.
    pub(crate) fn probe_call(&self, method: &str, params: &Value, status: u16, body: &Value) {
        let Some(probe) = self.inner.probe.get() else {
            return;
        };
        let at = Instant::now();
        match method {
            "getUpdates" if status == 200 => {
                for u in body["result"].as_array().into_iter().flatten() {
                    if let Some(chat) = update_chat(u) {
                        let _ = probe.tx.send(ProbeEvent::Served { chat, at });
                    }
                }
            }
            "sendMessage" => {
                let chat = body
                    .pointer("/result/chat/id")
                    .and_then(Value::as_i64)
                    .or_else(|| {
                        let c = params.get("chat_id")?;
                        c.as_i64().or_else(|| c.as_str()?.parse().ok())
                    });
                let message_id = body
                    .pointer("/result/message_id")
                    .and_then(Value::as_i64)
                    .and_then(|id| i32::try_from(id).ok())
                    .filter(|_| status == 200);
                if let Some(chat) = chat {
                    let _ = probe.tx.send(ProbeEvent::Sent {
                        chat,
                        message_id,
                        at,
                    });
                }
            }
            _ => {}
        }
    }

    fn probe_served(&self, update: &Value) {
        if let (Some(probe), Some(chat)) = (self.inner.probe.get(), update_chat(update)) {
            let _ = probe.tx.send(ProbeEvent::Served {
                chat,
                at: Instant::now(),
            });
        }
    }

    /// Like [`FakeTelegram::deliver_webhooks_to`], but over as many connections at once
    /// as the webhook's `max_connections` (Telegram's default 40), one update per chat
    /// at a time. Stops when the returned handle is dropped.
    pub fn deliver_webhooks_concurrently(&self, local_base: &str) -> ConcurrentWebhooks {
        let base = local_base.trim_end_matches('/').to_owned();
        let in_flight: Arc<Mutex<InFlight>> = Arc::default();
        let posted = Arc::new(AtomicU64::new(0));
        let refused = Arc::new(AtomicU64::new(0));
        let client = reqwest::Client::new();
        let tasks = (0..MAX_CONNECTIONS)
            .map(|slot| {
                let worker = Worker {
                    fake: self.clone(),
                    base: base.clone(),
                    in_flight: in_flight.clone(),
                    posted: posted.clone(),
                    refused: refused.clone(),
                    client: client.clone(),
                    slot,
                };
                tokio::spawn(worker.run())
            })
            .collect();
        ConcurrentWebhooks {
            tasks,
            posted,
            refused,
        }
    }
}

/// The delivery tasks of [`FakeTelegram::deliver_webhooks_concurrently`].
pub struct ConcurrentWebhooks {
    tasks: Vec<tokio::task::JoinHandle<()>>,
    posted: Arc<AtomicU64>,
    refused: Arc<AtomicU64>,
}

impl ConcurrentWebhooks {
    /// Updates the bot accepted so far.
    pub fn accepted(&self) -> u64 {
        self.posted.load(Ordering::Relaxed)
    }

    /// POSTs the bot did not answer 2xx (or not at all); each is posted again.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }
}

impl Drop for ConcurrentWebhooks {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Updates being posted (they stay queued until accepted, as with Telegram), and
/// their chats.
#[derive(Default)]
struct InFlight {
    updates: HashSet<i64>,
    chats: HashSet<i64>,
}

/// One connection of the webhook delivery.
struct Worker {
    fake: FakeTelegram,
    base: String,
    in_flight: Arc<Mutex<InFlight>>,
    posted: Arc<AtomicU64>,
    refused: Arc<AtomicU64>,
    client: reqwest::Client,
    slot: usize,
}

/// An update taken for posting.
struct Taken {
    id: i64,
    json: Value,
    chat: Option<i64>,
    path: String,
    secret: Option<String>,
}

impl Worker {
    async fn run(self) {
        loop {
            let notified = self.fake.inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let Some(taken) = self.take() else {
                let _ = tokio::time::timeout(Duration::from_millis(200), notified).await;
                continue;
            };
            let mut request = self
                .client
                .post(format!("{}{}", self.base, taken.path))
                .json(&taken.json);
            if let Some(secret) = &taken.secret {
                request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            self.fake.probe_served(&taken.json);
            let status = request.send().await.ok().map(|r| r.status().as_u16());
            let accepted = status.is_some_and(|s| (200..300).contains(&s));
            if accepted {
                self.posted.fetch_add(1, Ordering::Relaxed);
                self.fake.lock().updates.retain(|u| u.id != taken.id);
            } else {
                self.refused.fetch_add(1, Ordering::Relaxed);
            }
            {
                let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
                in_flight.updates.remove(&taken.id);
                if let Some(chat) = taken.chat {
                    in_flight.chats.remove(&chat);
                }
            }
            self.fake.wake();
            if !accepted {
                tokio::time::sleep(RETRY_PAUSE).await;
            }
        }
    }

    /// The oldest queued update not in flight whose chat has none in flight, while a
    /// webhook is set and this connection is among the ones it allows.
    fn take(&self) -> Option<Taken> {
        let st = self.fake.lock();
        let hook = st.webhook.clone()?;
        let connections = hook.max_connections.unwrap_or(DEFAULT_CONNECTIONS);
        if i64::try_from(self.slot).unwrap_or(i64::MAX) >= connections {
            return None;
        }
        let url = url::Url::parse(&hook.url).ok()?;
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let update = st.updates.iter().find(|u| {
            !in_flight.updates.contains(&u.id)
                && update_chat(&u.json).is_none_or(|chat| !in_flight.chats.contains(&chat))
        })?;
        let (id, json) = (update.id, update.json.clone());
        let chat = update_chat(&json);
        in_flight.updates.insert(id);
        if let Some(chat) = chat {
            in_flight.chats.insert(chat);
        }
        Some(Taken {
            id,
            json,
            chat,
            path,
            secret: hook.secret_token,
        })
    }
}
