//! An open call (立法项目征集) in a real browser (Chromium over WebDriver) on a 375 px
//! phone: an admin opens it in the console (a deadline in the past refused first);
//! a resident reads the call's page, suggests a project (a title too short refused,
//! what was typed kept), checks the read-back and gets the receipt with its status
//! link; after the deadline and a decision, the status page shows the outcome. Every
//! page passes axe-core, fits the phone's width, and is photographed.

use chrono::Duration;
use consult_domain::{
    Actor,
    decisions::{NewDecision, Outcome, Target},
    open_calls::Kind,
    people::Locale,
};

use crate::{
    staff_admin_browser::admin_in_browser,
    support::{
        app::ClockExt,
        browser::{Browser, Options},
        web::spawn_web,
        world::world,
    },
};

/// Checks the page with axe, photographs it and checks it fits the phone's width.
async fn look(phone: &mut Browser, label: &str) {
    phone.screenshot(label).await;
    phone.assert_accessible(label).await;
    assert_eq!(phone.overflow_x().await, 0, "{label} fits the phone");
}

#[tokio::test]
async fn a_phone_opens_a_call_and_a_resident_suggests_a_project() {
    let Some(mut phone) = Browser::launch("open-call", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&["--web-url", "https://consult.example.org/"]).await;
    let places = world(&app).point("jinqiao", "金桥联系点").places().await;
    phone.set_viewport((375, 667)).await;
    let base = format!("http://{addr}");

    // The admin opens the call in the console.
    admin_in_browser(&app, &phone, addr, "法工委的工作台密码一二三").await;
    phone.goto(&format!("{base}/staff/consultations")).await;
    phone.click("a[href='/staff/open-calls/new']").await;
    look(&mut phone, "open-call-new").await;
    phone.fill("#theme", "2027年度立法计划项目建议征集").await;
    phone
        .fill(
            "#description",
            "请就本市需要制定或修改的地方性法规提出建议。",
        )
        .await;
    phone.fill("#deadline", "2026-01-01").await;
    phone
        .click("form[action='/staff/open-calls/new'] button[type=submit]")
        .await;
    let text = phone.text().await;
    assert!(text.contains("请先修改下面标出的内容"), "{text}");
    assert!(
        text.contains("没看懂这个截止时间，或它已经过去了"),
        "{text}"
    );
    assert!(
        app.db.consultations().get(1).await.unwrap().is_none(),
        "nothing stored"
    );
    look(&mut phone, "open-call-new-problem").await;
    phone.fill("#deadline", "2026-12-10").await;
    phone
        .click("form[action='/staff/open-calls/new'] button[type=submit]")
        .await;
    let text = phone.text().await;
    assert!(text.contains("2027年度立法计划项目建议征集"), "{text}");
    let c = app
        .db
        .consultations()
        .get(1)
        .await
        .unwrap()
        .expect("the call");
    assert_eq!(c.kind, Kind::OpenCall);
    look(&mut phone, "open-call-console").await;

    // A resident reads the call's page and suggests a project.
    phone.goto(&format!("{base}/c/1?p=jinqiao")).await;
    let text = phone.text().await;
    assert!(text.contains("没有草案条文"), "{text}");
    assert!(text.contains("请就本市需要制定"), "{text}");
    look(&mut phone, "open-call-page").await;
    phone.click("main a.button").await;
    let text = phone.text().await;
    assert!(text.contains("项目名称"), "{text}");
    assert!(
        !text.contains("您的看法"),
        "no stance on a suggestion: {text}"
    );
    look(&mut phone, "open-call-form").await;
    phone.fill("#project", "条").await;
    phone
        .fill("#body", "楼道里停放电动自行车、飞线充电，火灾隐患很大。")
        .await;
    phone
        .fill("#contents", "规定集中停放充电场所的建设和物业的管理责任。")
        .await;
    phone.click("main form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("项目名称需要 2–100 个字"), "{text}");
    assert!(text.contains("楼道里停放电动自行车"), "kept: {text}");
    look(&mut phone, "open-call-form-problem").await;
    phone.fill("#project", "电动自行车停放充电管理条例").await;
    phone.fill("#related", "《消防法》").await;
    phone.click("main form button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("电动自行车停放充电管理条例"), "{text}");
    assert!(text.contains("《消防法》"), "{text}");
    look(&mut phone, "open-call-read-back").await;
    phone
        .click("main form button[type=submit]:not([name=back])")
        .await;
    let text = phone.text().await;
    assert!(text.contains("已收到您的立法项目建议"), "{text}");
    assert!(text.contains("C1-0001"), "{text}");
    assert!(text.contains("电动自行车停放充电管理条例"), "{text}");
    look(&mut phone, "open-call-receipt").await;
    // The status link as kept (without the receipt's one-time notice).
    let mut status = phone.client.current_url().await.unwrap();
    status.set_query(None);

    // After the deadline and a decision, released: the outcome on the status page.
    let now = app.clock.now_utc() + Duration::days(17);
    app.clock.advance(Duration::days(17));
    app.db
        .consultations()
        .close(1, Actor::CommandLine, now)
        .await
        .ok();
    let admin = places.admin().id;
    let o = app.db.opinions().on(1).await.unwrap()[0].id;
    app.db
        .decisions()
        .decide(
            Target::Opinion(o),
            &NewDecision {
                outcome: Outcome::Planned,
                reason: "已列入2027年度立法计划。".into(),
                summary: None,
            },
            admin,
            now,
        )
        .await
        .unwrap();
    let locales = consult_domain::i18n::Locales::load().unwrap();
    let render = consult_domain::cards::Render {
        locales: &locales,
        locale: Locale::ZhCn,
        timezone: chrono_tz::Asia::Shanghai,
        web_url: None,
    };
    app.db
        .release_feedback(
            &render,
            1,
            &consult_domain::announce::By::web(admin, Locale::ZhCn),
            now,
        )
        .await
        .unwrap();
    phone.goto(status.as_str()).await;
    let text = phone.text().await;
    assert!(text.contains("列入立法计划"), "{text}");
    assert!(text.contains("已列入2027年度立法计划"), "{text}");
    phone.scroll_to("main section h2").await;
    look(&mut phone, "open-call-outcome").await;
    phone.close().await;
    app.finish().await;
}
