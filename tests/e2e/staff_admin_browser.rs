//! The console's administration pages in a real browser (Chromium over WebDriver): a
//! session that has been idle for more than 30 minutes (on the injected clock) ends,
//! the next page asked for is the login page, and logging in again returns to that
//! page; the 「复制群通知」 page is photographed on a 375-px phone, its copy button
//! copies (and without JavaScript it is hidden, the text still there to select); every
//! new page type passes axe-core and fits a 320-px phone.

use chrono::Duration;
use consult_domain::{
    Actor,
    roles::{Assignment, Role},
    staff::{LoginName, Purpose, links},
};
use fantoccini::Locator;
use url::Url;

use crate::support::{
    app::{ClockExt, TestApp, eventually},
    browser::{Browser, Options, PHONE},
    web::spawn_web,
    world::{TITLE, world},
};

const PASSWORD: &str = "法工委的工作台密码一二三";

/// Checks the page with axe, photographs it and checks it fits the phone's width.
async fn look(phone: &mut Browser, label: &str) {
    phone.screenshot(label).await;
    phone.assert_accessible(label).await;
    assert_eq!(phone.overflow_x().await, 0, "{label} fits the phone");
}

/// An admin account `fagongwei` whose password the person sets from the link on
/// `phone`, then logs in with: the browser tests' way into the console.
pub(crate) async fn admin_in_browser(
    app: &TestApp,
    phone: &Browser,
    addr: std::net::SocketAddr,
    password: &str,
) {
    let added = app
        .db
        .staff()
        .add(
            &LoginName::parse("fagongwei").unwrap(),
            &Assignment::new(Role::Admin, None).unwrap(),
            None,
            Actor::CommandLine,
            app.clock.now_utc(),
            Duration::days(7),
        )
        .await
        .unwrap();
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    phone
        .goto(links::url(&base, Purpose::Password, &added.code).as_str())
        .await;
    phone.fill("#new_password", password).await;
    phone.fill("#confirm", password).await;
    phone.click("main form button[type=submit]").await;
    phone.fill("#name", "fagongwei").await;
    phone.fill("#password", password).await;
    phone.click("main form button[type=submit]").await;
}

async fn admin_logged_in(app: &TestApp, phone: &Browser, addr: std::net::SocketAddr) {
    admin_in_browser(app, phone, addr, PASSWORD).await;
}

async fn log_in(phone: &Browser) {
    phone.fill("#name", "fagongwei").await;
    phone.fill("#password", PASSWORD).await;
    phone.click("main form button[type=submit]").await;
}

async fn path_of(phone: &Browser) -> String {
    let url = phone.client.current_url().await.expect("the current page");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

#[tokio::test]
async fn an_idle_session_ends_and_logging_in_again_returns_to_the_page_asked_for() {
    let Some(phone) = Browser::launch("staff-session-expiry", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    world(&app).point("jinqiao", "金桥联系点").open().await;
    admin_logged_in(&app, &phone, addr).await;
    phone.goto(&format!("http://{addr}/staff/groups")).await;
    assert!(phone.text().await.contains("全部居民群"));

    // 29 minutes idle is still within the session, and the request renews it.
    app.clock.advance(Duration::minutes(29));
    phone.goto(&format!("http://{addr}/staff/points")).await;
    assert!(phone.text().await.contains("全部联系点"));

    // 31 minutes idle: the next page asked for is the login page …
    app.clock.advance(Duration::minutes(31));
    phone.goto(&format!("http://{addr}/staff/faq?page=1")).await;
    let text = phone.text().await;
    assert!(text.contains("工作人员登录"), "{text}");
    assert!(text.contains("为了安全已自动退出"), "{text}");
    assert!(
        path_of(&phone)
            .await
            .starts_with("/staff/login?why=expired")
    );
    // … and logging in again goes back to it.
    log_in(&phone).await;
    assert_eq!(path_of(&phone).await, "/staff/faq?page=1");
    assert!(phone.text().await.contains("普法问答"));
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn the_new_pages_pass_axe_and_the_group_notice_is_copied_on_a_phone() {
    let Some(mut phone) = Browser::launch("staff-admin", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let group = app.tg.group("金桥一群");
    app.tg.add_bot(w.liaison("jinqiao"), &group);
    app.tg.wait_sent(group.id, 1).await;
    crate::faq::import_starter(&app.db).await;
    app.db
        .faq()
        .log_unanswered("家里养蜜蜂需要登记吗", None, app.clock.now_utc())
        .await
        .unwrap();
    admin_logged_in(&app, &phone, addr).await;
    let id = w.id();

    // The group notice page, photographed at 375 px; the button copies.
    assert_eq!(phone.viewport().await.0, PHONE.0);
    phone
        .goto(&format!("http://{addr}/staff/posters/{id}?point=jinqiao"))
        .await;
    let text = phone.text().await;
    assert!(
        text.contains(TITLE) && text.contains("复制群通知"),
        "{text}"
    );
    phone.screenshot("group-notice-375-top").await;
    phone.scroll_to("#one-heading").await;
    let shot = phone.screenshot("group-notice-375").await;
    eprintln!("the group notice page at 375 px: {}", shot.display());
    phone.assert_accessible("the group notice page").await;
    assert_eq!(phone.overflow_x().await, 0, "the notice page fits 375 px");
    let button = phone.find("button.copy").await;
    assert!(button.is_displayed().await.unwrap(), "shown by the script");
    button.click().await.unwrap();
    let status = phone
        .client
        .wait()
        .for_element(Locator::Css("#one-status"))
        .await
        .unwrap();
    // The script fills the line once the clipboard answers, which may be a moment.
    let said = eventually("the copy status line", || {
        let status = status.clone();
        async move { status.text().await.ok().filter(|t| !t.is_empty()) }
    })
    .await;
    assert!(
        said.contains("已复制") || said.contains("没能自动复制"),
        "the status line answers: {said}"
    );
    phone.screenshot("group-notice-copied").await;

    // The remaining page types, on the smallest phone.
    phone.set_viewport((320, 640)).await;
    let pages = [
        ("/staff/posters?point=jinqiao".to_owned(), "posters"),
        ("/staff/groups".to_owned(), "groups"),
        (
            format!("/staff/groups/{}/unlink", group.id),
            "unlink a group",
        ),
        ("/staff/points".to_owned(), "points"),
        ("/staff/points/jinqiao".to_owned(), "a point"),
        (
            "/staff/points/jinqiao/deactivate".to_owned(),
            "deactivate a point",
        ),
        ("/staff/roles".to_owned(), "roles"),
        (
            format!("/staff/roles/{}/revoke", w.liaison("jinqiao").id),
            "revoke a role",
        ),
        ("/staff/accounts".to_owned(), "accounts"),
        ("/staff/faq".to_owned(), "faq"),
        ("/staff/faq/new".to_owned(), "a new faq entry"),
        ("/staff/faq/1".to_owned(), "an faq entry"),
        ("/staff/faq/unanswered".to_owned(), "unanswered questions"),
        ("/staff/faq/unanswered/1".to_owned(), "answer a question"),
        (format!("/staff/consultations/{id}"), "a consultation"),
        (
            format!("/staff/consultations/{id}/extend"),
            "change the deadline",
        ),
        (
            format!("/staff/consultations/{id}/summary"),
            "edit the summary",
        ),
        (
            format!("/staff/consultations/{id}/announce"),
            "announce again",
        ),
    ];
    for (path, label) in &pages {
        phone.goto(&format!("http://{addr}{path}")).await;
        look(&mut phone, label).await;
    }

    // Forms with their problems, and the one-time link of a new account.
    phone.goto(&format!("http://{addr}/staff/faq/1")).await;
    phone.fill("#answer", "太短").await;
    phone
        .click("main form[action='/staff/faq/1'] button[type=submit]")
        .await;
    assert!(phone.text().await.contains("太短了"));
    look(&mut phone, "an faq entry with a problem").await;
    phone.goto(&format!("http://{addr}/staff/accounts")).await;
    phone.fill("#name", "wangfang").await;
    phone.choose("input[name=role][value=liaison]").await;
    phone.choose("#point option[value=jinqiao]").await;
    phone
        .click("main form[action='/staff/accounts'] button[type=submit]")
        .await;
    let text = phone.text().await;
    assert!(text.contains("已添加账号 wangfang"), "{text}");
    look(&mut phone, "the new account's link").await;
    phone
        .goto(&format!("http://{addr}/staff/consultations/{id}/extend"))
        .await;
    phone.fill("#deadline", "2020-01-01").await;
    phone
        .click("main form[action$='/extend'] button[type=submit]")
        .await;
    assert!(phone.text().await.contains("已经过去"));
    look(&mut phone, "a deadline with a problem").await;
    phone.close().await;

    // Without JavaScript the button stays hidden; the text is there to copy by hand.
    let Some(plain) = Browser::launch("staff-admin-no-js", Options::no_javascript()).await else {
        return;
    };
    admin_logged_in_again(&plain, addr).await;
    plain
        .goto(&format!("http://{addr}/staff/posters/{id}?point=jinqiao"))
        .await;
    let button = plain.find("button.copy").await;
    assert!(!button.is_displayed().await.unwrap());
    let area = plain.find("#one-notice").await;
    let value = area.prop("value").await.unwrap().unwrap_or_default();
    assert!(value.contains(TITLE), "{value}");
    plain.close().await;
    app.finish().await;
}

/// The admin of the test above, logging in from another browser.
async fn admin_logged_in_again(phone: &Browser, addr: std::net::SocketAddr) {
    phone.goto(&format!("http://{addr}/staff/login")).await;
    log_in(phone).await;
}
