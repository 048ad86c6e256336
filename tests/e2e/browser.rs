//! The browser harness itself (tests/support/browser.rs): a phone-sized Chromium in
//! the language asked for, with or without JavaScript, and an accessibility check
//! that really fails. The web channel's own browser tests build on it.

use axum::{Router, http::HeaderMap, response::Html, routing::get};

use crate::support::browser::{Browser, Options, PHONE};

/// A page that shows the Accept-Language it was asked with; `/bad` has an image
/// without a text alternative and an unlabelled field; `/script` changes its
/// heading when scripts run.
async fn serve() -> String {
    let app = Router::new()
        .route(
            "/",
            get(|headers: HeaderMap| async move {
                let lang = headers
                    .get("accept-language")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                Html(format!(
                    "<!doctype html><html lang=\"en\"><head><title>t</title>\
                     <meta name=\"viewport\" content=\"width=device-width\"></head>\
                     <body><main><h1 id=\"lang\">{lang}</h1></main></body></html>"
                ))
            }),
        )
        .route(
            "/bad",
            get(|| async {
                Html(
                    "<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main>\
                     <img src=\"/x.png\"><input type=\"text\"></main></body></html>",
                )
            }),
        )
        .route(
            "/script",
            get(|| async {
                Html(
                    "<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main>\
                     <h1 id=\"h\">static</h1>\
                     <script>document.getElementById('h').textContent = 'scripted';</script>\
                     </main></body></html>",
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn the_test_browser_is_a_chinese_phone_and_axe_catches_problems() {
    let Some(mut b) = Browser::launch("harness-phone", Options::chinese()).await else {
        return;
    };
    let base = serve().await;
    b.goto(&format!("{base}/")).await;
    assert_eq!(b.viewport().await, PHONE);
    assert!(b.text().await.starts_with("zh-CN"), "{}", b.text().await);
    let shot = b.screenshot("plain").await;
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
    b.assert_accessible("a plain page").await;

    b.goto(&format!("{base}/bad")).await;
    let problems = b.accessibility_problems().await.join("\n");
    assert!(problems.contains("image-alt"), "{problems}");
    assert!(problems.contains("label"), "{problems}");

    b.goto(&format!("{base}/script")).await;
    assert_eq!(b.find("#h").await.text().await.unwrap(), "scripted");
    b.close().await;
}

#[tokio::test]
async fn the_test_browser_can_be_english_or_without_javascript() {
    let Some(b) = Browser::launch("harness-english", Options::english()).await else {
        return;
    };
    let base = serve().await;
    b.goto(&format!("{base}/")).await;
    assert!(b.text().await.starts_with("en-US"), "{}", b.text().await);
    b.close().await;

    let b = Browser::launch("harness-nojs", Options::no_javascript())
        .await
        .expect("a browser, since the first one started");
    b.goto(&format!("{base}/script")).await;
    assert_eq!(b.find("#h").await.text().await.unwrap(), "static");
    b.close().await;
}
