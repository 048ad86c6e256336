//! Webhook mode: Telegram posts updates to the bot, which stores each one before
//! answering 200, refuses requests without the secret, answers 5xx while the database
//! is down (so Telegram retries) and recovers by itself; the webhook is set at start
//! and removed again when the bot goes back to polling.

use std::net::SocketAddr;

use consult_domain::Backend;
use serde_json::json;

use crate::support::{
    app::{TestApp, args, binary, eventually, free_local_addr},
    db::TestDb,
    telegram::{ChatRef, FakeTelegram},
};

/// The public URL the reverse proxy serves; the fake server delivers it to `--listen`.
const URL: &str = "https://consult.example.org/telegram/hook";
const SECRET: &str = "s3cret_Webhook-token";

fn webhook_args(listen: SocketAddr) -> Vec<String> {
    [
        "--webhook-url",
        URL,
        "--listen",
        &listen.to_string(),
        "--webhook-secret",
        SECRET,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The bot in webhook mode, once it has set the webhook (its endpoint is bound by then).
async fn spawn_webhook() -> (TestApp, SocketAddr) {
    let listen = free_local_addr();
    let args = webhook_args(listen);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let app =
        TestApp::spawn_with_args(FakeTelegram::start().await, TestDb::new().await, &args).await;
    app.tg
        .wait_for("the webhook to be set", |f| f.webhook_url())
        .await;
    (app, listen)
}

/// POSTs `body` to the bot's webhook path as Telegram would; returns the status.
async fn post(listen: SocketAddr, path: &str, secret: Option<&str>, body: &str) -> u16 {
    let mut request = reqwest::Client::new()
        .post(format!("http://{listen}{path}"))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(secret) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    request
        .send()
        .await
        .expect("the webhook answers")
        .status()
        .as_u16()
}

/// `/help` gets one message back, the same every time: a message per update handled.
const HELP: &str = "/help";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_with_the_secret_is_stored_before_200_and_answered() {
    let (app, listen) = spawn_webhook().await;
    let set = app.tg.calls_of("setWebhook");
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].params["url"], URL);
    assert_eq!(set[0].params["secret_token"], SECRET);
    assert_eq!(
        set[0].params["allowed_updates"],
        json!([
            "message",
            "callback_query",
            "my_chat_member",
            "inline_query"
        ]),
        "exactly the kinds the handlers use"
    );
    assert!(
        app.tg.calls_of("getUpdates").is_empty(),
        "no polling in webhook mode"
    );

    let a = app.tg.person("Alice");
    app.tg.send_text(&a, ChatRef::Private, "/start");
    let update = app
        .tg
        .take_update()
        .expect("the update Telegram would post");
    let id = update["update_id"].as_i64().unwrap();
    let status = post(listen, "/telegram/hook", Some(SECRET), &update.to_string()).await;
    assert_eq!(status, 200);
    assert!(
        app.db.inbox().by_update_id(id).await.unwrap().is_some(),
        "the update was stored before Telegram was told it arrived"
    );
    let sent = app.tg.wait_sent(a.id, 1).await;
    assert!(
        sent[0].text.contains("我是基层立法联系点的助手"),
        "{}",
        sent[0].text
    );

    // Telegram posting it again (it did not see our answer) changes nothing.
    let again = post(listen, "/telegram/hook", Some(SECRET), &update.to_string()).await;
    assert_eq!(again, 200);
    app.settle().await;
    assert_eq!(app.tg.sent(a.id).len(), 1, "answered once");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_or_missing_secret_is_refused_and_nothing_is_stored() {
    let (app, listen) = spawn_webhook().await;
    let a = app.tg.person("Alice");
    app.tg.send_text(&a, ChatRef::Private, "hello");
    let update = app.tg.take_update().unwrap();
    let id = update["update_id"].as_i64().unwrap();
    let body = update.to_string();
    let path = "/telegram/hook";

    assert_eq!(post(listen, path, Some("wrong"), &body).await, 401);
    assert_eq!(post(listen, path, None, &body).await, 401);
    assert_eq!(post(listen, path, Some(""), &body).await, 401);
    let longer = format!("{SECRET}x");
    assert_eq!(post(listen, path, Some(&longer), &body).await, 401);
    // Right secret, but not an update: Telegram never sends that.
    assert_eq!(post(listen, path, Some(SECRET), "not json").await, 400);
    assert_eq!(
        post(listen, path, Some(SECRET), r#"{"message":{}}"#).await,
        400,
        "no update_id"
    );
    // Only the webhook's path is served.
    assert_eq!(post(listen, "/other", Some(SECRET), &body).await, 404);

    let c = app.db.inbox().counts().await.unwrap();
    assert_eq!(
        c.pending + c.handling + c.handled + c.unparsable + c.failed,
        0,
        "nothing stored: {c:?}"
    );
    assert!(app.db.inbox().by_update_id(id).await.unwrap().is_none());
    assert!(app.tg.sent(a.id).is_empty(), "and nothing answered");

    // A well-formed update of a shape the bot cannot read is kept, as in polling.
    let odd = json!({"update_id": id + 1000, "message": {"message_id": "x", "chat": {"id": a.id}}});
    assert_eq!(
        post(listen, path, Some(SECRET), &odd.to_string()).await,
        200
    );
    eventually("the odd update to be set aside", || async {
        app.db
            .inbox()
            .by_update_id(id + 1000)
            .await
            .unwrap()
            .filter(|(state, payload)| state == "unparsable" && payload.is_some())
    })
    .await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_arrive_by_webhook_and_a_database_outage_is_retried_until_stored() {
    let (app, listen) = spawn_webhook().await;
    let delivery = app.tg.deliver_webhooks_to(&format!("http://{listen}"));
    let a = app.tg.person("Alice");
    app.tg.send_text(&a, ChatRef::Private, HELP);
    app.tg.wait_sent(a.id, 1).await;
    if app.testdb.backend() == Backend::Sqlite {
        // SQLite has no server to stop.
        drop(delivery);
        app.finish().await;
        return;
    }

    app.testdb.set_down(true).await;
    app.tg.send_text(&a, ChatRef::Private, HELP);
    let update_id = app.tg.updates_pushed().last().unwrap()["update_id"]
        .as_i64()
        .unwrap();
    app.tg
        .wait_for("a 5xx for the update while the database is down", |_| {
            delivery
                .attempts()
                .iter()
                .any(|t| t.update_id == update_id && t.status.is_some_and(|s| s >= 500))
                .then_some(())
        })
        .await;
    assert_eq!(app.tg.pending_updates(), 1, "Telegram still holds it");
    assert_eq!(app.tg.sent(a.id).len(), 1, "not answered yet");

    app.testdb.set_down(false).await;
    app.tg.wait_sent(a.id, 2).await;
    app.tg.wait_updates_confirmed().await;
    app.settle().await;
    assert_eq!(
        app.tg.sent(a.id).len(),
        2,
        "answered once, after the outage"
    );
    let statuses: Vec<Option<u16>> = delivery
        .attempts()
        .iter()
        .filter(|t| t.update_id == update_id)
        .map(|t| t.status)
        .collect();
    assert_eq!(statuses.last(), Some(&Some(200)), "{statuses:?}");
    assert!(
        statuses[..statuses.len() - 1]
            .iter()
            .all(|s| s.is_some_and(|s| s >= 500)),
        "refused with 5xx until stored, never 200 before: {statuses:?}"
    );
    drop(delivery);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_between_webhook_and_polling_needs_no_manual_step() {
    let (mut app, listen) = spawn_webhook().await;
    let a = app.tg.person("Alice");
    {
        let _delivery = app.tg.deliver_webhooks_to(&format!("http://{listen}"));
        app.tg.send_text(&a, ChatRef::Private, HELP);
        app.tg.wait_sent(a.id, 1).await;
        app.stop().await;
    }
    assert_eq!(app.tg.webhook_url().as_deref(), Some(URL), "left set");

    // Written while the bot is down, then the operator restarts it in polling mode.
    app.tg.send_text(&a, ChatRef::Private, HELP);
    let calls_before = app.tg.calls().len();
    app.extra_args.clear();
    app.start_again();
    // The message written while it was away is answered: Telegram kept it.
    app.tg.wait_sent(a.id, 2).await;
    let methods: Vec<String> = app.tg.calls()[calls_before..]
        .iter()
        .map(|c| c.method.clone())
        .collect();
    let deleted = methods.iter().position(|m| m == "deleteWebhook");
    let polled = methods.iter().position(|m| m == "getUpdates");
    assert!(
        deleted.is_some() && deleted < polled,
        "deleteWebhook before the first getUpdates: {methods:?}"
    );
    assert_eq!(app.tg.webhook_url(), None);
    let conflicts = app
        .tg
        .calls_of("getUpdates")
        .iter()
        .filter(|c| c.status == 409)
        .count();
    assert_eq!(conflicts, 0, "polling never met the webhook");
    let polls = app.tg.calls_of("getUpdates");
    assert_eq!(
        polls.last().unwrap().params["allowed_updates"],
        app.tg.calls_of("setWebhook")[0].params["allowed_updates"],
        "polling asks for the same kinds as the webhook"
    );
    let polling_args = app.args();
    assert!(
        polling_args.iter().all(|a| a != "--webhook-url"),
        "{polling_args:?}"
    );

    // And back to webhook mode.
    app.stop().await;
    let listen = free_local_addr();
    app.extra_args = webhook_args(listen);
    app.start_again();
    app.tg
        .wait_for("the webhook to be set again", |f| f.webhook_url())
        .await;
    let delivery = app.tg.deliver_webhooks_to(&format!("http://{listen}"));
    app.tg.send_text(&a, ChatRef::Private, HELP);
    app.tg.wait_sent(a.id, 3).await;
    app.settle().await;
    assert_eq!(app.tg.sent(a.id).len(), 3, "each message answered once");
    assert_eq!(app.tg.calls_of("setWebhook").len(), 2);
    drop(delivery);
    app.finish().await;
}

/// Runs the real binary's `run` with `extra` flags; returns its stderr (it must fail).
fn run_failing(tg: &FakeTelegram, locale: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("x.db").display());
    let out = binary()
        .args(args(tg, &db))
        .args(["--locale", locale, "run"])
        .args(extra)
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "should fail: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !dir.path().join("x.db").exists(),
        "refused before opening the database"
    );
    err
}

#[tokio::test]
async fn bad_webhook_settings_are_refused_in_one_line() {
    let tg = FakeTelegram::start().await;
    let listen = "127.0.0.1:8080";
    let err = run_failing(
        &tg,
        "zh-CN",
        &[
            "--webhook-url",
            "http://consult.example.org/hook",
            "--listen",
            listen,
            "--webhook-secret",
            SECRET,
        ],
    );
    assert!(
        err.contains("Webhook 地址无效") && err.contains("https://"),
        "{err}"
    );
    let err = run_failing(
        &tg,
        "en",
        &[
            "--webhook-url",
            URL,
            "--listen",
            listen,
            "--webhook-secret",
            "no spaces allowed",
        ],
    );
    assert!(err.contains("Invalid --webhook-secret"), "{err}");
    assert!(
        !err.contains("no spaces allowed"),
        "the secret is not echoed: {err}"
    );
    let err = run_failing(&tg, "en", &["--webhook-url", URL, "--listen", listen]);
    assert!(
        err.contains("Webhook mode also needs --webhook-secret"),
        "{err}"
    );
    let err = run_failing(&tg, "zh-CN", &["--listen", listen]);
    assert!(
        err.contains("--listen 只能与 --webhook-url 一起使用"),
        "{err}"
    );
    let err = run_failing(
        &tg,
        "en",
        &[
            "--webhook-url",
            URL,
            "--listen",
            "somewhere",
            "--webhook-secret",
            SECRET,
        ],
    );
    assert!(err.contains("Invalid listen address: somewhere"), "{err}");
    let err = run_failing(&tg, "en", &["--health-listen", "nowhere:port"]);
    assert!(
        err.contains("Invalid listen address: nowhere:port"),
        "{err}"
    );
    assert!(
        tg.calls_of("setWebhook").is_empty(),
        "nothing reached Telegram"
    );
}
