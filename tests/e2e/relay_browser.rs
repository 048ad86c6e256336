//! Reporting a 社情民意 in a real browser (Chromium over WebDriver) on a 375 px phone:
//! the form, a problem to fix, the read-back and the receipt with its status link,
//! with and without JavaScript; each page passes axe-core, fits the phone's width,
//! and is photographed.

use crate::support::{
    browser::{Browser, Options},
    web::spawn_web,
    world::world,
};

async fn report(phone: &mut Browser, base: &str, shots: bool) {
    phone.goto(&format!("{base}/r/new?p=jinqiao")).await;
    let text = phone.text().await;
    assert!(text.contains("反映社情民意"), "{text}");
    assert!(text.contains("发生了什么（5–2000 字）"), "{text}");
    assert_eq!(phone.overflow_x().await, 0, "the form fits the phone");
    if shots {
        phone.screenshot("report-form").await;
        phone.assert_accessible("the report form").await;
    }
    // Too short, no category: the form says what to fix and keeps the text.
    phone.fill("#body", "太短").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("请选择一个类别"), "{text}");
    assert!(text.contains("请用 5–2000 字"), "{text}");
    if shots {
        phone.screenshot("report-problems").await;
        phone
            .assert_accessible("the report form with problems")
            .await;
    }
    phone
        .find("input[name=category][value=environment]")
        .await
        .click()
        .await
        .expect("choose the category");
    phone
        .fill("#body", "小区垃圾站夏天气味很大，清运不及时。")
        .await;
    phone.fill("#place", "金桥路 100 弄垃圾站").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(
        text.contains("请核对") || text.contains("小区垃圾站"),
        "{text}"
    );
    if shots {
        phone.screenshot("report-read-back").await;
    }
    phone
        .click("form button[type=submit]:not([name=back])")
        .await;
    let text = phone.text().await;
    assert!(text.contains("已收到，收件编号 S-"), "{text}");
    assert!(text.contains("待处理"), "{text}");
    assert_eq!(
        phone.overflow_x().await,
        0,
        "the status page fits the phone"
    );
    if shots {
        phone.screenshot("report-receipt").await;
        phone.assert_accessible("the report's status page").await;
    }
}

#[tokio::test]
async fn a_phone_reports_a_community_issue_and_gets_its_status_link() {
    let Some(mut phone) = Browser::launch("relay-report", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    world(&app).point("jinqiao", "金桥联系点").places().await;
    phone.set_viewport((375, 667)).await;
    report(&mut phone, &format!("http://{addr}"), true).await;
    phone.close().await;

    let Some(mut plain) = Browser::launch("relay-report-nojs", Options::no_javascript()).await
    else {
        return;
    };
    plain.set_viewport((375, 667)).await;
    report(&mut plain, &format!("http://{addr}"), false).await;
    plain.close().await;
    let stored = app.db.relay().between(None, None, None).await.unwrap();
    assert_eq!(stored.len(), 2);
    app.finish().await;
}
