//! The staff console in a real browser (Chromium over WebDriver): a liaison without
//! Telegram opens the link an admin sent, sets a password, logs in, sees the dashboard
//! of their point, opens an opinion and logs out. Every page type passes axe-core, fits
//! a 320-px phone without sideways scrolling, and is photographed.

use consult_domain::opinions::NewOpinion;
use url::Url;

use crate::support::{
    browser::{Browser, Options},
    web::spawn_web,
    world::{staff_account, submit, world},
};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test]
async fn a_liaison_sets_a_password_logs_in_and_sees_the_dashboard() {
    let Some(mut phone) = Browser::launch("staff-console", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let ids = submit(
        &app,
        &[
            NewOpinion {
                submission_key: "a".into(),
                body: "建议写明夜间遛狗必须牵绳。".into(),
                ..w.opinion("jinqiao")
            },
            NewOpinion {
                submission_key: "b".into(),
                body: "古北的意见，金桥的联络员看不到。".into(),
                ..w.opinion("gubei")
            },
        ],
    )
    .await;
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let (_, link) = staff_account(&app, &base, "wangfang", "liaison", Some("jinqiao")).await;

    phone.goto(link.as_str()).await;
    let text = phone.text().await;
    assert!(
        text.contains("设置登录密码") && text.contains("wangfang"),
        "{text}"
    );
    phone.screenshot("set-password").await;
    phone.assert_accessible("the set-password page").await;

    // A common password: the page says why, in its own words.
    phone.fill("#new_password", "1234567890").await;
    phone.fill("#confirm", "1234567890").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("这个密码太常见"), "{text}");
    phone
        .assert_accessible("the set-password page with a problem")
        .await;

    phone.fill("#new_password", PASSWORD).await;
    phone.fill("#confirm", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("密码已设置好，请用新密码登录。"), "{text}");
    phone.screenshot("login").await;
    phone.assert_accessible("the login page").await;

    phone.fill("#name", "wangfang").await;
    phone.fill("#password", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("wangfang（金桥联系点 联络员）"), "{text}");
    assert!(text.contains("待处理的意见：1 条"), "{text}");
    assert!(text.contains(&w.consultation.title), "{text}");
    phone.screenshot("dashboard").await;
    phone.assert_accessible("the dashboard").await;
    phone.set_viewport((320, 640)).await;
    assert_eq!(
        phone.overflow_x().await,
        0,
        "the dashboard fits a 320-px phone"
    );

    phone
        .goto(&format!("http://{addr}/staff/opinions/{}", ids[0]))
        .await;
    let text = phone.text().await;
    assert!(text.contains("建议写明夜间遛狗必须牵绳。"), "{text}");
    phone.screenshot("opinion").await;
    phone.assert_accessible("an opinion").await;
    assert_eq!(
        phone.overflow_x().await,
        0,
        "the opinion fits a 320-px phone"
    );
    phone
        .goto(&format!("http://{addr}/staff/opinions/{}", ids[1]))
        .await;
    assert!(phone.text().await.contains("找不到这个页面"));

    phone.goto(&format!("http://{addr}/staff/account")).await;
    phone.screenshot("account").await;
    phone.assert_accessible("the account page").await;

    phone.menu_click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("您已退出登录。"), "{text}");
    phone.goto(&format!("http://{addr}/staff")).await;
    assert!(phone.text().await.contains("请先登录。"));
    phone.close().await;
    app.finish().await;
}
