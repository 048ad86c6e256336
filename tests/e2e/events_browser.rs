//! 普法活动 in a real browser (Chromium over WebDriver) at phone size: an admin creates
//! an event in the console and makes its check-in code and QR code; a resident signs
//! up on the event's page with a name, lands on the private link that manages the
//! sign-up, and checks in on the page the QR code opens; the console shows them
//! present. Every page passes axe-core, fits the 375-px phone and is photographed.

use crate::{
    staff_admin_browser::admin_in_browser,
    support::{
        browser::{Browser, Options},
        web::spawn_web,
        world::world,
    },
};

const PASSWORD: &str = "法工委的工作台密码一二三";

async fn look(phone: &mut Browser, label: &str) {
    phone.screenshot(label).await;
    phone.assert_accessible(label).await;
    assert_eq!(phone.overflow_x().await, 0, "{label} fits the phone");
}

#[tokio::test]
async fn a_resident_signs_up_and_checks_in_and_the_console_shows_them_present() {
    let Some(mut console) = Browser::launch("events-console", Options::chinese()).await else {
        return;
    };
    let Some(mut phone) = Browser::launch("events-resident", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    world(&app)
        .point("jinqiao", "金桥联系点")
        .no_admin()
        .places()
        .await;
    let base = format!("http://{addr}");
    console.set_viewport((375, 667)).await;
    phone.set_viewport((375, 667)).await;

    // The admin creates an event starting within the hour (so check-in is open).
    admin_in_browser(&app, &console, addr, PASSWORD).await;
    console.goto(&format!("{base}/staff/events")).await;
    look(&mut console, "events-console-list").await;
    console.fill("#title", "民法典进社区：遗嘱继承").await;
    console.fill("#topic", "遗嘱怎么立才有效").await;
    console.fill("#starts", "2026-11-24 10:00").await;
    console.fill("#ends", "2026-11-24 11:30").await;
    console.fill("#venue", "金桥社区活动室").await;
    console.fill("#capacity", "30").await;
    console
        .click("form[action='/staff/events'] button[type=submit]")
        .await;
    let text = console.text().await;
    assert!(text.contains("民法典进社区：遗嘱继承\nE1"), "{text}");
    look(&mut console, "events-console-event").await;

    // The resident signs up with a name and lands on the private link.
    phone.goto(&format!("{base}/e/1")).await;
    let text = phone.text().await;
    assert!(text.contains("报名参加"), "{text}");
    look(&mut phone, "events-page").await;
    phone.fill("#name", "张三").await;
    phone.click("main form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("报名成功"), "{text}");
    assert!(text.contains("已报名"), "{text}");
    look(&mut phone, "events-manage").await;

    // The admin makes the check-in code; its QR code opens the check-in page.
    console
        .click("form[action='/staff/events/1/code'] button[type=submit]")
        .await;
    let href = console
        .find("a[href*='/e/checkin/']")
        .await
        .attr("href")
        .await
        .expect("an attribute")
        .expect("the check-in link");
    assert!(console.find(".qr svg").await.is_displayed().await.unwrap());
    console.scroll_to(".qr").await;
    look(&mut console, "events-console-code").await;
    let path = href.replace("https://consult.example.org", &base);
    phone.goto(&path).await;
    look(&mut phone, "events-checkin").await;
    phone.click("main form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("已签到"), "{text}");
    look(&mut phone, "events-checked-in").await;

    // The console shows 张三 present, checked in by code.
    console.goto(&format!("{base}/staff/events/1")).await;
    let text = console.text().await;
    assert!(text.contains("扫码或签到码"), "{text}");
    assert!(text.contains("惠及人次 1"), "{text}");
    phone.close().await;
    console.close().await;
    app.finish().await;
}
