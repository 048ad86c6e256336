//! The web channel, serving: without a Telegram token the program serves the web pages
//! alone and says where; `consult-bot sample` brings in a draft to look at.

use std::process::Stdio;

use chrono::Duration;
use consult_domain::consultations::{Scope, State};

use crate::support::{
    app::{BotProcess, ClockExt, TestApp, binary, eventually, free_local_addr},
    db::TestDb,
    web::{Browser, wait_listening},
    world::publish,
};

// The binary runs beside the test's own runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_the_web_channel_is_served_alone_with_a_sample_to_look_at() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("web.db").display());
    let addr = free_local_addr();
    let listen = addr.to_string();

    let sample = binary()
        .args(["--database-url", &db, "--web-listen", &listen, "sample"])
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&sample.stdout).into_owned();
    assert!(
        sample.status.success(),
        "{}",
        String::from_utf8_lossy(&sample.stderr)
    );
    assert!(said.contains("某市物业管理条例（草案）"), "{said}");
    let link = format!("http://{addr}/c/1?p=sample");
    assert!(said.contains(&link), "{link} in {said}");
    // Running it again reuses the sample instead of publishing a second one.
    let again = binary()
        .args(["--database-url", &db, "--web-listen", &listen, "sample"])
        .output()
        .expect("the binary runs");
    assert!(String::from_utf8_lossy(&again.stdout).contains(&link));

    let out = dir.path().join("stdout.txt");
    let mut cmd = binary();
    cmd.args([
        "--database-url",
        &db,
        "--web-listen",
        &listen,
        "--locale",
        "en",
    ])
    .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
    .stderr(Stdio::null());
    let mut process = BotProcess::from_child(cmd.spawn().expect("start"));
    wait_listening(addr).await;
    let said = eventually("the start line", || {
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        async move { (!text.is_empty()).then_some(text) }
    })
    .await;
    assert!(said.contains("No Telegram token"), "{said}");
    assert!(said.contains(&format!("http://{addr}/")), "{said}");

    let mut browser = Browser::new(addr);
    let page = browser.get("/?p=sample").await;
    assert!(
        page.text().contains("某市物业管理条例（草案）"),
        "{}",
        page.text()
    );

    process.signal("TERM");
    assert!(
        process.wait_exit().await.success(),
        "stops cleanly on SIGTERM"
    );
}

/// Where Telegram is blocked the program runs with the web channel alone; the
/// scheduler runs there too, so a consultation closes at its deadline and its page
/// stops taking opinions without anyone closing it by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_consultations_still_close_at_their_deadline() {
    let addr = free_local_addr();
    let listen = addr.to_string();
    let health = free_local_addr().to_string();
    let flags = ["--web-listen", &listen, "--health-listen", &health];
    let mut app = TestApp::spawn_web_only(TestDb::new().await, &flags).await;
    wait_listening(addr).await;
    let ready = eventually("the health endpoint", || async {
        let r = reqwest::get(format!("http://{health}/readyz")).await.ok()?;
        r.status().is_success().then_some(())
    });
    ready.await;
    let deadline = app.clock.now_utc() + Duration::days(3);
    let draft = "第一条 为了规范物业管理，制定本条例。\n第二条 本条例适用于本市。";
    let c = publish(
        &app,
        "某市物业管理条例（草案）",
        draft,
        Scope::All,
        deadline,
    )
    .await;
    let mut browser = Browser::new(addr);
    let page = browser.get(&format!("/c/{}", c.id)).await;
    assert!(!page.text().contains("已截止"), "{}", page.text());

    app.clock.set(deadline);
    let closed = eventually("closed at the deadline", || async {
        app.db
            .consultations()
            .get(c.id)
            .await
            .unwrap()
            .filter(|c| c.state == State::Closed)
    })
    .await;
    assert_eq!(closed.closed_at, Some(deadline));
    let page = browser.get(&format!("/c/{}", c.id)).await;
    assert!(page.text().contains("已截止"), "{}", page.text());
    assert!(
        app.tg.calls().is_empty(),
        "nothing is sent to Telegram without a token"
    );
    app.stop().await;
}
