//! The web channel, reading: the list of consultations, a consultation, its articles.

use chrono::Duration;
use consult_domain::{Actor, consultations::Scope};

use crate::support::{
    app::ClockExt,
    web::{Browser, spawn_web},
    world::{DRAFT, point_id, publish},
};

#[tokio::test]
async fn the_list_shows_open_and_recently_closed_consultations_for_all_or_one_point() {
    let (app, addr) = spawn_web(&[]).await;
    app.point("hongqiao", "虹桥街道联系点").await;
    app.point("gubei", "古北联系点").await;
    let hongqiao = point_id(&app, "hongqiao").await;
    let now = app.clock.now_utc();
    let days = |d| now + Duration::days(d);
    publish(
        &app,
        "虹桥专属条例（草案）",
        DRAFT,
        Scope::Points(vec![hongqiao]),
        days(10),
    )
    .await;
    publish(&app, "全市养犬条例（草案）", DRAFT, Scope::All, days(20)).await;
    let closing = publish(&app, "已截止条例（草案）", DRAFT, Scope::All, days(1)).await;
    let withdrawn = publish(&app, "撤回的条例（草案）", DRAFT, Scope::All, days(5)).await;
    app.db
        .consultations()
        .withdraw(withdrawn.id, Actor::CommandLine, now)
        .await
        .unwrap();
    // A draft nobody published: created, never opened.
    let draft_only = consult_domain::consultations::NewConsultation {
        title: "尚未发布的条例（草案）".into(),
        closes_at: days(9),
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: consult_domain::draft::parse(DRAFT).unwrap(),
        source_name: "test".into(),
    };
    app.db
        .consultations()
        .create(&draft_only, Actor::CommandLine, now)
        .await
        .unwrap();
    app.clock.advance(Duration::days(2));
    app.db
        .consultations()
        .close(closing.id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();

    let mut browser = Browser::new(addr);
    let page = browser.get("/").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("正在征求意见"), "{text}");
    for shown in [
        "虹桥专属条例（草案）",
        "全市养犬条例（草案）",
        "已截止条例（草案）",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    for hidden in ["撤回的条例", "尚未发布的条例"] {
        assert!(!text.contains(hidden), "{hidden} not in {text}");
    }
    assert!(text.contains("最近已截止"), "{text}");
    // Security headers on every page: no script, no framing, no sniffing, no referrer.
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["referrer-policy"], "no-referrer");

    // Through a contact point's link: only what reaches that point, and links keep it.
    let page = browser.get("/?p=gubei").await;
    let text = page.text();
    assert!(text.contains("来自：古北联系点"), "{text}");
    assert!(text.contains("全市养犬条例（草案）"), "{text}");
    assert!(!text.contains("虹桥专属条例"), "{text}");
    let link = page
        .link("全市养犬条例（草案）")
        .expect("a link to the consultation");
    assert!(link.ends_with("?p=gubei"), "{link}");

    // An English browser reads it in English; the switch remembers the choice.
    let mut english = Browser::new(addr).english();
    let text = english.get("/").await.text();
    assert!(text.contains("Open for comment"), "{text}");
    let page = english.get("/?lang=zh-CN").await;
    assert!(page.text().contains("正在征求意见"));
    assert!(
        english.get("/").await.text().contains("正在征求意见"),
        "the choice is remembered"
    );
    app.finish().await;
}
