//! Offline entry, statistics, the 考核 table and the audit log in a real browser
//! (Chromium over WebDriver, a 375-px phone): an informant without Telegram records an
//! offline opinion through the form, its read-back (and back to change it) and its
//! receipt; an admin reads a consultation's statistics with their SVG charts, the
//! assessment and the audit log. Every page passes axe-core, fits a 320-px phone, and
//! is photographed (the statistics at 375 px, to look at).

use consult_domain::opinions::{Channel, Stance};
use url::Url;

use crate::{
    stats::{decide, ledger},
    support::{
        app::{ClockExt, TestApp},
        browser::{Browser, Options, PHONE},
        web::spawn_web,
        world::{World, staff_account, world},
    },
};

const PASSWORD: &str = "线下座谈会的记录密码一二";

/// Sets the account's password from its link and logs in, in the phone.
pub(crate) async fn sign_in(
    phone: &Browser,
    app: &TestApp,
    addr: std::net::SocketAddr,
    name: &str,
    role: &str,
    point: Option<&str>,
) {
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let (_, link) = staff_account(app, &base, name, role, point).await;
    phone.goto(link.as_str()).await;
    phone.fill("#new_password", PASSWORD).await;
    phone.fill("#confirm", PASSWORD).await;
    phone.click("main form button[type=submit]").await;
    phone.fill("#name", name).await;
    phone.fill("#password", PASSWORD).await;
    phone.click("main form button[type=submit]").await;
    // Signed in: the menu names the person.
    let text = phone.text().await;
    assert!(text.contains(&format!("{name}（")), "{text}");
}

/// Checks the page with axe, photographs it and checks it fits a 320-px phone (then
/// gives the phone its width back).
pub(crate) async fn look(phone: &mut Browser, label: &str) {
    phone.screenshot(label).await;
    phone.assert_accessible(label).await;
    phone.set_viewport((320, PHONE.1)).await;
    assert_eq!(phone.overflow_x().await, 0, "{label} fits a 320-px phone");
    phone.set_viewport(PHONE).await;
}

#[tokio::test]
async fn an_informant_records_an_offline_opinion_through_the_form_in_a_browser() {
    let Some(mut phone) = Browser::launch("staff-record", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .open()
        .await;
    let c = w.id();
    sign_in(&phone, &app, addr, "xiaoli", "informant", Some("jinqiao")).await;

    phone.menu("/staff/record").await;
    let text = phone.text().await;
    assert!(text.contains("录入的意见记入金桥联系点"), "{text}");
    look(&mut phone, "offline-entry").await;
    phone.click("ul.cards a.card").await;
    look(&mut phone, "form").await;

    phone
        .choose("input[name=channel][value=offline_forum]")
        .await;
    phone.fill("#name", "王大妈").await;
    phone.scroll_to("#date").await;
    phone.screenshot("form-date").await;
    phone.choose("#article option[value='3']").await;
    phone.choose("input[name=stance][value=amend]").await;
    phone
        .fill("#body", "登记点离小区太远，建议在社区设点。")
        .await;
    phone.fill("#wording", "养犬人可以就近办理登记。").await;
    phone.scroll_to("#wording").await;
    phone.screenshot("form-filled").await;
    phone
        .click(&format!(
            "form[action='/staff/record/{c}'] button[type=submit]"
        ))
        .await;
    let text = phone.text().await;
    assert!(text.contains("核对这条线下意见"), "{text}");
    assert!(text.contains("座谈会") && text.contains("第三条"), "{text}");
    assert!(text.contains("居民：王大妈（实名"), "{text}");
    look(&mut phone, "read-back").await;

    // 「返回修改」 brings the form back as typed.
    phone
        .click(&format!(
            "form[action='/staff/record/{c}/save'] button[name=back]"
        ))
        .await;
    let body = phone.find("#body").await.prop("value").await.unwrap();
    assert_eq!(body.as_deref(), Some("登记点离小区太远，建议在社区设点。"));
    phone
        .click(&format!(
            "form[action='/staff/record/{c}'] button[type=submit]"
        ))
        .await;
    phone
        .click(&format!(
            "form[action='/staff/record/{c}/save'] button:not([name])"
        ))
        .await;
    let text = phone.text().await;
    assert!(
        text.contains("已登记这条线下意见（座谈会，2026-11-24）"),
        "{text}"
    );
    assert!(text.contains("C1-0001"), "{text}");
    look(&mut phone, "saved").await;

    let rows = app.db.opinions().on(c).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].channel,
            rows[0].stance,
            rows[0].proposed_wording.as_deref()
        ),
        (
            Channel::Forum,
            Stance::Amend,
            Some("养犬人可以就近办理登记。")
        )
    );
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn statistics_the_assessment_and_the_audit_log_read_well_on_a_phone() {
    let Some(mut phone) = Browser::launch("staff-stats", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let builder = world(&app)
        .no_admin()
        .point("jinqiao", "金桥街道联系点")
        .point("huamu", "花木街道联系点");
    let places = builder.places().await;
    let w = World {
        consultation: builder.consultation(&places).await,
        places,
    };
    let people = [
        app.tg.person("甲"),
        app.tg.person("乙"),
        app.tg.person("丙"),
    ];
    let ids = ledger(&app, &w, &[&people[0], &people[1], &people[2]]).await;
    decide(&app.db, ids[0], "adopted", app.clock.now_utc()).await;
    sign_in(&phone, &app, addr, "fagongwei", "admin", None).await;

    // An admin's menu names every page, yet stays three short lines on a phone: the
    // everyday pages in sight, the rest in groups that open in place.
    let menu_height = phone
        .client
        .execute(
            "return document.querySelector('nav.staff').getBoundingClientRect().height;",
            vec![],
        )
        .await
        .expect("measure the menu")
        .as_f64()
        .unwrap_or(f64::MAX);
    let shot = phone.screenshot("staff-menu").await;
    assert!(
        menu_height < 150.0,
        "the menu is {menu_height} px tall: {}",
        shot.display()
    );
    phone
        .choose("nav.staff details:has(a[href='/staff/stats']) > summary")
        .await;
    phone.screenshot("staff-menu-open").await;

    phone.menu("/staff/stats").await;
    look(&mut phone, "statistics").await;
    phone.click("ul.cards a.card").await;
    let text = phone.text().await;
    assert!(text.contains("共 4 条意见（不含已撤回的）"), "{text}");
    // Each chart is drawn in the page, as wide as its column, its text at full size.
    let width = phone
        .client
        .execute(
            "return document.querySelector('#by-article + figure svg').getBoundingClientRect().width;",
            vec![],
        )
        .await
        .expect("measure the chart")
        .as_f64()
        .unwrap_or(0.0) as u32;
    assert!(
        (300..=PHONE.0).contains(&width),
        "the chart spans the column: {width}"
    );
    let shot = phone.screenshot("statistics-375").await;
    eprintln!("the statistics at 375 px: {}", shot.display());
    phone.scroll_to("#by-article").await;
    phone.screenshot("statistics-375-articles").await;
    phone.scroll_to("#by-stance").await;
    phone.screenshot("statistics-375-views").await;
    phone.scroll_to("#by-status").await;
    phone.screenshot("statistics-375-status").await;
    look(&mut phone, "consultation-statistics").await;

    phone.menu("/staff/assessment").await;
    let text = phone.text().await;
    assert!(text.contains("金桥街道联系点"), "{text}");
    look(&mut phone, "assessment").await;
    phone.scroll_to("table.assessment").await;
    phone.screenshot("assessment-table").await;

    phone.menu("/staff/audit").await;
    let text = phone.text().await;
    assert!(text.contains("staff.login"), "{text}");
    look(&mut phone, "audit-log").await;
    phone.scroll_to("table.audit").await;
    phone.screenshot("audit-table").await;
    phone.close().await;
    app.finish().await;
}
