//! The web channel, serving: without a Telegram token the program serves the web pages
//! alone and says where; `consult-bot sample` brings in a draft to look at.

use std::process::Stdio;

use crate::support::{
    app::{BotProcess, binary, eventually, free_local_addr},
    web::{Browser, wait_listening},
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
