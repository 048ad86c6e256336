//! The web channel seen from Telegram (issue 16, item 6): with an HTTPS `--web-url`,
//! the group card also links to the consultation's web page (naming the group's
//! contact point), and in private chat a consultation opens as a Telegram Mini App
//! (a web_app button, which the fake Bot API server checks like any other). Mini App
//! pages may be framed by Telegram's web clients; no other page may be framed.

use chrono::Duration;
use consult_domain::{
    Actor,
    consultations::{NewConsultation, Scope},
};
use serde_json::Value;

use crate::support::{
    app::{ClockExt, TestApp},
    chat::{reply, say},
    web::{Browser, spawn_web},
    world::DRAFT,
};

const WEB_URL: &str = "https://consult.example.org/";

/// A point with a liaison and a linked group, and an unpublished consultation; the
/// admin publishes it in chat. Returns the consultation's id and the group's card.
async fn publish_to_a_group(app: &TestApp) -> (i64, crate::support::telegram::SentMessage) {
    app.point("hongqiao", "虹桥街道联系点").await;
    let admin = app.tg.person("Admin");
    let liaison = app.tg.person("Lili");
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let group = app.tg.group("虹桥一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    let now = app.clock.now_utc();
    let c = app
        .db
        .consultations()
        .create(
            &NewConsultation {
                title: "某市养犬管理条例（草案）".into(),
                closes_at: now + Duration::days(10),
                scope: Scope::All,
                summary: None,
                source_url: None,
                occupations: vec![],
                draft: consult_domain::draft::parse(DRAFT).unwrap(),
                source_name: "test".into(),
            },
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    say(app, &admin, &format!("/publish {}", c.id)).await;
    let card = app.tg.wait_sent(group.id, 2).await[1].clone();
    (c.id, card)
}

/// The `web_app` URLs of a message's buttons.
fn mini_apps(markup: Option<&Value>) -> Vec<String> {
    markup
        .and_then(|m| m["inline_keyboard"].as_array())
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .filter_map(|b| b["web_app"]["url"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn an_https_web_url_links_the_card_and_opens_a_mini_app_in_private_chat() {
    let (app, _) = spawn_web(&["--web-url", WEB_URL]).await;
    let (id, card) = publish_to_a_group(&app).await;
    assert_eq!(
        card.buttons(),
        [
            vec!["阅读草案".to_owned(), "提交意见".to_owned()],
            vec!["🌐 网页版（可转发到微信）".to_owned()]
        ]
    );
    let markup = card.reply_markup.as_ref().unwrap();
    assert_eq!(
        markup["inline_keyboard"][1][0]["url"],
        format!("{WEB_URL}c/{id}?p=hongqiao"),
        "the group's contact point is named, as on its 提交意见 link"
    );
    assert!(mini_apps(Some(markup)).is_empty(), "no Mini App in a group");

    let resident = app.tg.person("居民");
    let view = reply(&app, &resident, &format!("/start read-{id}")).await;
    assert_eq!(
        mini_apps(view.reply_markup.as_ref()),
        [format!("{WEB_URL}c/{id}?tg=1")]
    );
    assert!(
        view.buttons()
            .iter()
            .flatten()
            .any(|b| b == "🌐 在网页中阅读草案"),
        "{:?}",
        view.buttons()
    );
    app.finish().await;
}

#[tokio::test]
async fn a_plain_http_web_url_adds_no_telegram_buttons() {
    // The default --web-url is http:// on the listen address: no phone reaches it, and
    // Telegram opens Mini Apps over HTTPS only.
    let (app, _) = spawn_web(&[]).await;
    let (id, card) = publish_to_a_group(&app).await;
    assert_eq!(card.buttons().len(), 1, "{:?}", card.buttons());
    let resident = app.tg.person("居民");
    let view = reply(&app, &resident, &format!("/start read-{id}")).await;
    assert!(mini_apps(view.reply_markup.as_ref()).is_empty());
    app.finish().await;
}

#[tokio::test]
async fn only_mini_app_pages_may_be_framed_and_only_by_telegram() {
    let (app, addr) = spawn_web(&["--web-url", WEB_URL]).await;
    let mut browser = Browser::new(addr);
    let mini = browser.get("/?tg=1").await;
    assert_eq!(mini.status, 200);
    let csp = mini.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'self' https://web.telegram.org"),
        "{csp}"
    );
    // One script of the site's own (Telegram's sign-in into the forms), none inline.
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(
        mini.body
            .contains(r#"<script src="/assets/miniapp.js" defer>"#),
        "{}",
        mini.body
    );
    assert!(mini.headers.get("x-frame-options").is_none());

    let plain = browser.get("/").await;
    assert!(!plain.body.contains("<script"), "{}", plain.body);
    let csp = plain.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'none'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(plain.headers["x-frame-options"], "DENY");
    app.finish().await;
}
