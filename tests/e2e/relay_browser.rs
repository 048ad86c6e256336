//! Reporting a 社情民意 in a real browser (Chromium over WebDriver) on a 375 px phone:
//! the form, a problem to fix, the read-back and the receipt with its status link,
//! with and without JavaScript; a photo chosen in the form and shown on the
//! console's report page; the category list and department directory; each page
//! passes axe-core, fits the phone's width, and is photographed.

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
    let stored = app
        .db
        .relay()
        .between(consult_domain::review::Scope::All, None, None)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    app.finish().await;
}

/// A small picture of a street at night (a gradient), as a real PNG file.
fn street_png(dir: &std::path::Path) -> std::path::PathBuf {
    let (w, h) = (240u32, 160u32);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let lamp = (x as i64 - 60).pow(2) + (y as i64 - 40).pow(2) < 400;
            let [r, g, b] = if lamp {
                [250, 220, 120]
            } else {
                [20 + (y / 4) as u8, 30 + (y / 4) as u8, 60 + (x / 6) as u8]
            };
            pixels.extend_from_slice(&[r, g, b]);
        }
    }
    let path = dir.join("东门路灯.png");
    let file = std::fs::File::create(&path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    path
}

/// On a phone: a report with a photo chosen in the form, read back, stored; then the
/// admin's console shows the photo on the report's page, and the category list and
/// the department directory (with its 停用 buttons) — each page photographed, checked
/// by axe and fitting the phone.
#[tokio::test]
async fn a_photo_chosen_on_a_phone_reaches_the_console_and_the_admin_pages_fit() {
    use crate::{
        relay_triage::department, staff_admin_browser::admin_in_browser, support::browser::PHONE,
    };
    let Some(mut phone) = Browser::launch("relay-photo", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    world(&app).point("jinqiao", "金桥联系点").places().await;
    department(&app, "区公安分局", "security").await;
    phone.set_viewport(PHONE).await;
    let dir = tempfile::tempdir().unwrap();
    let picture = street_png(dir.path());
    let base = format!("http://{addr}");

    phone.goto(&format!("{base}/r/new?p=jinqiao")).await;
    phone
        .find("input[name=category][value=security]")
        .await
        .click()
        .await
        .expect("choose the category");
    phone
        .fill("#body", "东门路灯坏了一个月，晚上很黑，担心安全。")
        .await;
    phone.fill("#place", "金桥路 100 弄东门").await;
    phone
        .find("#file")
        .await
        .send_keys(picture.to_str().unwrap())
        .await
        .expect("choose the photo");
    phone.screenshot("report-photo-chosen").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("1 张照片"), "{text}");
    phone.screenshot("report-photo-read-back").await;
    phone
        .click("form button[type=submit]:not([name=back])")
        .await;
    let text = phone.text().await;
    assert!(text.contains("已收到，收件编号 S-0001"), "{text}");

    admin_in_browser(&app, &phone, addr, "法工委的工作台密码一二三").await;
    let r = app.db.relay().get(1).await.unwrap().expect("the report");
    phone.goto(&format!("{base}/staff/reports/{}", r.id)).await;
    phone.scroll_to("img.photo").await;
    // The photo drew: the browser decoded it at its own size.
    assert_eq!(
        phone.image_width("img.photo").await,
        240,
        "the photo is shown"
    );
    phone.screenshot("console-report-photo").await;
    phone.assert_accessible("a report with its photo").await;
    assert_eq!(
        phone.overflow_x().await,
        0,
        "the report page fits the phone"
    );

    for (path, label) in [
        ("/staff/categories", "console-relay-categories"),
        ("/staff/departments", "console-relay-departments"),
    ] {
        phone.goto(&format!("{base}{path}")).await;
        let text = phone.text().await;
        assert!(text.contains("停用"), "{path}: {text}");
        phone.scroll_to("main h2").await;
        phone.screenshot(label).await;
        phone.assert_accessible(label).await;
        assert_eq!(phone.overflow_x().await, 0, "{path} fits the phone");
    }
    phone.close().await;
    app.finish().await;
}
