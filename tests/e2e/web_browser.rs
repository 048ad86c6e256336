//! The web channel in a real browser (Chromium over WebDriver, tests/support/browser.rs):
//! a 375×667 phone, in Chinese, in English, or with JavaScript off. Every resident page
//! type passes axe-core with no serious or critical violation, and its screenshot is
//! kept to be looked at.

use crate::support::{
    browser::{Browser, Options, pdf_pages},
    web::spawn_web,
    world::{TITLE, world},
};

#[tokio::test]
async fn a_phone_reads_the_list_and_prints_a_poster() {
    let Some(mut phone) = Browser::launch("web-list-poster", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");

    phone.goto(&format!("{base}/?p=jinqiao")).await;
    let text = phone.text().await;
    assert!(text.contains(TITLE), "{text}");
    phone.screenshot("list").await;
    phone.assert_accessible("the consultation list").await;

    phone
        .goto(&format!("{base}/c/{}/poster?p=jinqiao", w.id()))
        .await;
    let text = phone.text().await;
    assert!(text.contains("用手机扫描上方二维码"), "{text}");
    phone.screenshot("poster").await;
    phone.assert_accessible("the poster page").await;
    // Printed, the poster is one A4 sheet (the on-screen hints are not printed).
    let pdf = phone.print_a4("poster").await;
    assert_eq!(pdf_pages(&pdf), 1, "the poster prints on one A4 page");
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn an_english_phone_and_one_without_javascript_read_the_list_and_a_missing_page() {
    let Some(mut english) = Browser::launch("web-english", Options::english()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");

    english.goto(&format!("{base}/")).await;
    let text = english.text().await;
    assert!(
        text.contains("Draft regulations open for comment"),
        "{text}"
    );
    assert!(text.contains(TITLE), "{text}");
    english.screenshot("list").await;
    english.assert_accessible("the list, in English").await;
    // An unpublished or unknown consultation: the same "not found" page.
    english
        .goto(&format!("{base}/c/{}/poster", w.id() + 1))
        .await;
    let text = english.text().await;
    assert!(text.contains("Page not found"), "{text}");
    english.screenshot("not-found").await;
    english.assert_accessible("the not-found page").await;
    english.close().await;

    let plain = Browser::launch("web-nojs", Options::no_javascript())
        .await
        .expect("a browser, since the first one started");
    plain.goto(&format!("{base}/")).await;
    // The language switch is a plain link: it works without any script.
    plain.click("a[lang=en]").await;
    let text = plain.text().await;
    assert!(
        text.contains("Draft regulations open for comment"),
        "{text}"
    );
    plain.close().await;
    app.finish().await;
}

#[tokio::test]
async fn a_resident_follows_a_posters_link_to_the_articles() {
    let Some(mut phone) = Browser::launch("web-reading", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");

    // What the poster's QR code carries: the consultation at the point.
    phone.goto(&format!("{base}/c/{}?p=jinqiao", w.id())).await;
    let text = phone.text().await;
    assert!(text.contains(TITLE), "{text}");
    phone.screenshot("consultation").await;
    phone.assert_accessible("a consultation").await;

    phone.click(&format!("a[href^='/c/{}/a/1']", w.id())).await;
    let url = phone.client.current_url().await.unwrap();
    assert!(
        url.as_str().contains("p=jinqiao"),
        "the point is kept: {url}"
    );
    let text = phone.text().await;
    assert!(text.contains("为了规范养犬行为"), "{text}");
    phone.screenshot("article").await;
    phone.assert_accessible("an article").await;

    phone.click("a[rel=next]").await;
    let text = phone.text().await;
    assert!(text.contains("本市行政区域内的养犬活动"), "{text}");
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn a_phone_reads_a_concluded_consultations_results_even_at_320_pixels() {
    let Some(mut phone) = Browser::launch("web-results", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let c = crate::web_results::concluded(&app).await;
    let base = format!("http://{addr}");

    // From the consultation's page, as a resident comes back for the outcome.
    phone.goto(&format!("{base}/c/{}?p=jinqiao", c.id)).await;
    phone
        .click(&format!("a[href^='/c/{}/results']", c.id))
        .await;
    let text = phone.text().await;
    assert!(text.contains("回音壁"), "{text}");
    assert!(text.contains("登记手续太繁琐，建议网上办理。"), "{text}");
    phone.screenshot("results").await;
    phone.assert_accessible("the results page").await;

    // The narrowest phone: the table fits, nothing scrolls sideways.
    let (width, height) = phone.viewport().await;
    let (outer_w, outer_h) = phone.client.get_window_size().await.expect("window size");
    phone
        .client
        .set_window_size(
            (outer_w as u32).saturating_sub(width) + 320,
            (outer_h as u32).saturating_sub(height) + 640,
        )
        .await
        .expect("resize the window");
    assert_eq!(phone.viewport().await.0, 320);
    let overflow = phone
        .client
        .execute(
            "const e = document.documentElement; return e.scrollWidth - e.clientWidth;",
            vec![],
        )
        .await
        .expect("measure the page");
    assert_eq!(overflow.as_i64(), Some(0), "the page is wider than 320 px");
    phone.screenshot("results-320").await;
    phone.close().await;
    app.finish().await;
}
