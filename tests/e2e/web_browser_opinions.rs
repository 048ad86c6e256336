//! Giving an opinion in a real browser (Chromium over WebDriver): a 375×667 phone goes
//! from a poster's link to a receipt, opens the status link, edits and withdraws; the
//! same without JavaScript; in English; and what is refused (closed, unknown, no CSRF
//! token, the hourly limit, Telegram sign-ins that do not verify). Each page type
//! passes axe-core and is photographed.

use chrono::Duration;
use consult_domain::opinions::{Channel, Status};
use consult_web::miniapp::{self, BotToken};

use crate::support::{
    app::{ClockExt, TestApp},
    browser::{Browser, Options},
    web::spawn_web,
    world::world,
};

const OPINION: &str = "建议明确夜间遛狗必须牵绳，并写明处罚标准。";

/// Fills in the form on the current page (a stance and the text) and goes on to the
/// read-back.
async fn fill_in(phone: &Browser, stance: &str, body: &str) {
    phone
        .find(&format!("input[name=stance][value={stance}]"))
        .await
        .click()
        .await
        .expect("choose the stance");
    phone.fill("#body", body).await;
    phone.click("form button[type=submit]").await;
}

/// 「提交」 on the read-back.
async fn press_submit(phone: &Browser) {
    phone
        .click("form button[type=submit]:not([name=back])")
        .await;
}

async fn opinions(app: &TestApp, c: i64) -> Vec<consult_domain::opinions::Opinion> {
    app.db.opinions().on(c).await.expect("ledger")
}

#[tokio::test]
async fn a_phone_goes_from_a_posters_link_to_a_receipt_edits_and_withdraws() {
    let Some(mut phone) = Browser::launch("web-give", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");

    phone.goto(&format!("{base}/c/{}?p=jinqiao", w.id())).await;
    phone.click("a.button").await;
    let text = phone.text().await;
    assert!(text.contains("您的意见（5–2000 字）"), "{text}");
    phone.screenshot("form").await;
    phone.assert_accessible("the opinion form").await;

    // Nothing chosen: the form says what to fix and keeps the text.
    phone.fill("#body", "太短").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("请选择您的看法"), "{text}");
    assert_eq!(
        phone
            .find("#body")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("太短")
    );
    phone.screenshot("form-problems").await;
    phone.assert_accessible("the form with problems").await;

    fill_in(&phone, "support", OPINION).await;
    let text = phone.text().await;
    assert!(
        text.contains("请核对您的意见") && text.contains(OPINION),
        "{text}"
    );
    phone.screenshot("read-back").await;
    phone.assert_accessible("the read-back").await;

    press_submit(&phone).await;
    let text = phone.text().await;
    assert!(text.contains("已收到您的意见"), "{text}");
    assert!(text.contains(&format!("C{}-0001", w.id())), "{text}");
    phone.screenshot("receipt").await;
    phone.assert_accessible("the receipt").await;
    let link = phone.find(".secret").await.text().await.unwrap();
    assert!(link.starts_with("https://consult.example.org/o/"), "{link}");
    let stored = opinions(&app, w.id()).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].channel, Channel::Web);
    assert_eq!(stored[0].point_id, Some(w.point("jinqiao")));

    // The status link, as kept, opened on this server.
    let path = link.trim_start_matches("https://consult.example.org");
    phone.goto(&format!("{base}{path}")).await;
    phone.click("a.button[href*='/edit']").await;
    phone.screenshot("edit").await;
    phone.assert_accessible("the edit page").await;
    phone
        .fill("#body", "建议夜间遛狗一律牵绳，违者处二百元罚款。")
        .await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(
        text.contains("违者处二百元罚款") && text.contains("修改记录"),
        "{text}"
    );
    phone.screenshot("status").await;
    phone.assert_accessible("the status page").await;

    phone.click("a.button[href*='/withdraw']").await;
    phone.assert_accessible("the withdraw page").await;
    phone.click("form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("您已撤回这条意见"), "{text}");
    assert_eq!(opinions(&app, w.id()).await[0].status, Status::Withdrawn);

    // The smallest phones: every page type fits 320 px without scrolling sideways.
    phone.set_viewport((320, 568)).await;
    for page in [
        format!("/c/{}/opinion?a=2", w.id()),
        path.to_owned(),
        format!("{path}/edit"),
        format!("/c/{}/a/2", w.id()),
    ] {
        phone.goto(&format!("{base}{page}")).await;
        assert_eq!(phone.overflow_x().await, 0, "{page} fits 320 px");
    }
    phone.screenshot("form-320").await;

    phone.goto(&format!("{base}/mine")).await;
    let text = phone.text().await;
    assert!(text.contains(&format!("C{}-0001", w.id())), "{text}");
    phone.screenshot("mine").await;
    phone.assert_accessible("my opinions").await;
    phone.close().await;

    // Without JavaScript, in English: the same path works.
    let plain = Browser::launch(
        "web-give-nojs",
        Options {
            no_javascript: true,
            english: true,
        },
    )
    .await
    .expect("a browser, since the first one started");
    plain.goto(&format!("{base}/c/{}/opinion", w.id())).await;
    assert!(plain.text().await.contains("Your view"));
    fill_in(
        &plain,
        "oppose",
        "The registration fee is too high for pensioners.",
    )
    .await;
    assert!(plain.text().await.contains("Please check your opinion"));
    press_submit(&plain).await;
    let text = plain.text().await;
    assert!(text.contains("Your opinion has been received"), "{text}");
    assert!(text.contains(&format!("C{}-0002", w.id())), "{text}");
    // (axe-core cannot run where JavaScript is off; the page type is checked above.)
    plain.close().await;
    app.finish().await;
}

#[tokio::test]
async fn a_phone_is_refused_without_its_token_past_the_limit_and_after_the_deadline() {
    let Some(mut phone) = Browser::launch("web-refused", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--opinions-per-hour", "1"]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");
    let form = format!("{base}/c/{}/opinion", w.id());

    // A form whose CSRF token is gone (as a post from another site would be).
    phone.goto(&form).await;
    phone
        .client
        .execute(
            "document.querySelector('input[name=csrf]').remove();",
            vec![],
        )
        .await
        .expect("remove the token");
    fill_in(&phone, "support", OPINION).await;
    let text = phone.text().await;
    assert!(text.contains("页面已经过期"), "{text}");
    phone.screenshot("no-csrf").await;
    // The refusal kept the text and carries a fresh token: going on works.
    fill_in(&phone, "support", OPINION).await;
    press_submit(&phone).await;
    assert!(phone.text().await.contains("已收到您的意见"));

    // One an hour here: the second is refused, its text kept.
    phone.goto(&form).await;
    fill_in(&phone, "oppose", "第二条意见：登记费用太高。").await;
    press_submit(&phone).await;
    let text = phone.text().await;
    assert!(text.contains("一小时内已经提交了 1 条意见"), "{text}");
    assert_eq!(
        phone
            .find("#body")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("第二条意见：登记费用太高。")
    );
    phone.screenshot("limit").await;
    phone.assert_accessible("the limit page").await;

    // An id that was never published: not found.
    phone
        .goto(&format!("{base}/c/{}/opinion", w.id() + 1))
        .await;
    assert!(phone.text().await.contains("找不到这个页面"));

    // After the deadline the form is gone.
    app.clock.advance(Duration::days(30));
    phone.goto(&form).await;
    let text = phone.text().await;
    assert!(text.contains("征求意见已截止"), "{text}");
    phone.screenshot("closed").await;
    phone
        .assert_accessible("a closed consultation's form")
        .await;
    assert_eq!(opinions(&app, w.id()).await.len(), 1);
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn inside_the_mini_app_the_opinion_carries_the_verified_telegram_account() {
    let Some(phone) = Browser::launch("web-mini-app", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    let w = world(&app).point("jinqiao", "金桥联系点").open().await;
    let base = format!("http://{addr}");
    let token = BotToken::new(app.tg.token());
    let user = r#"{"id":5151,"first_name":"Wang","language_code":"zh-hans"}"#;
    let signed = |at: chrono::DateTime<chrono::Utc>| {
        let date = at.timestamp().to_string();
        miniapp::sign(&[("auth_date", date.as_str()), ("user", user)], &token)
    };
    let now = app.clock.now_utc();
    let fragment = |data: &str| {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("tgWebAppData", data)
            .finish()
    };
    // What Telegram opens: the page with the signed data in its fragment.
    let tries = [
        (
            signed(now - Duration::days(2)),
            "过期的登录信息提交的意见。",
            false,
        ),
        (
            signed(now).replace("5151", "5152"),
            "伪造的登录信息提交的意见。",
            false,
        ),
        (signed(now), OPINION, true),
    ];
    for (i, (data, body, accepted)) in tries.iter().enumerate() {
        let url = format!(
            "{base}/c/{}/opinion?tg=1&a={}#{}",
            w.id(),
            i + 1,
            fragment(data)
        );
        phone.goto(&url).await;
        fill_in(&phone, "support", body).await;
        press_submit(&phone).await;
        let text = phone.text().await;
        if *accepted {
            assert!(text.contains("已收到您的意见"), "{text}");
        } else {
            assert!(
                text.contains("Telegram 的登录信息已过期或无法核实"),
                "{text}"
            );
        }
    }
    let stored = opinions(&app, w.id()).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].submitter_id, Some(5151));
    phone.close().await;
    app.finish().await;
}
