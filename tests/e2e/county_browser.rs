//! The county tier in a real browser (Chromium over WebDriver, a 375-px phone): county
//! staff of 浦东新区 sign in, read their district's ledger, the assessment with their
//! points ranked and a 社情民意 report, move a resident group to another of their
//! points, and get the ordinary 404 page for another
//! district's opinion; the city's admin moves a point to another district on the
//! points page and reads the assessment by district. Every page passes axe-core,
//! fits a 320-px phone, and is photographed.

use crate::{
    county::county,
    staff_data_browser::{look, sign_in},
    support::{browser::Browser, browser::Options, web::spawn_web},
};

#[tokio::test]
async fn county_staff_work_on_their_district_in_a_browser() {
    let Some(mut phone) = Browser::launch("county", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let c = county(&app).await;
    sign_in(&phone, &app, addr, "zhaomin", "county", Some("pudong")).await;
    let text = phone.text().await;
    assert!(text.contains("zhaomin（浦东新区 县区人大）"), "{text}");
    assert!(!text.contains("审计日志"), "{text}");
    look(&mut phone, "dashboard").await;

    phone.menu("/staff/review").await;
    let text = phone.text().await;
    assert!(text.contains("金桥：遛狗必须牵绳。"), "{text}");
    assert!(!text.contains("虹桥"), "{text}");
    look(&mut phone, "review").await;

    phone.menu("/staff/assessment").await;
    let text = phone.text().await;
    assert!(text.contains("名次"), "{text}");
    assert!(text.find("金桥联系点") < text.find("花木联系点"), "{text}");
    look(&mut phone, "assessment-ranked").await;
    phone.scroll_to("table.assessment").await;
    phone.screenshot("assessment-ranked-table").await;

    phone
        .goto(&format!("http://{addr}/staff/reports/{}", c.reports.0.id))
        .await;
    assert!(phone.text().await.contains("金桥路口红绿灯时间太短。"));
    look(&mut phone, "report").await;

    // Resident groups: 金桥's group moved to 花木 with the row's own choice of their
    // district's points.
    let group = app.tg.group("金桥居民群");
    app.tg.add_bot(c.w.liaison("jinqiao"), &group);
    app.tg.wait_sent(group.id, 1).await;
    phone.menu("/staff/groups").await;
    let text = phone.text().await;
    assert!(text.contains("金桥居民群"), "{text}");
    look(&mut phone, "groups-link").await;
    let chat = group.id.unsigned_abs();
    phone
        .choose(&format!("#point-{chat} option[value=huamu]"))
        .await;
    phone
        .click(&format!(
            "form[action='/staff/groups/{}/link'] button",
            group.id
        ))
        .await;
    let text = phone.text().await;
    assert!(text.contains("花木联系点"), "{text}");
    let g = app.db.groups().get(group.id).await.unwrap().unwrap();
    assert_eq!(g.point_code.as_deref(), Some("huamu"));

    phone
        .goto(&format!("http://{addr}/staff/opinions/{}", c.hongqiao))
        .await;
    let text = phone.text().await;
    assert!(text.contains("找不到这个页面"), "{text}");
    assert!(!text.contains("虹桥"), "{text}");
    look(&mut phone, "another-district-404").await;
    phone.close().await;
    app.finish().await;
}

#[tokio::test]
async fn the_city_admin_moves_a_point_and_reads_the_assessment_by_district_in_a_browser() {
    let Some(mut phone) = Browser::launch("county-admin", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    county(&app).await;
    sign_in(&phone, &app, addr, "chengshi", "admin", None).await;

    phone
        .goto(&format!("http://{addr}/staff/points/huamu"))
        .await;
    look(&mut phone, "point-district").await;
    phone.scroll_to("#district").await;
    phone.screenshot("point-district-field").await;
    phone.choose("#district option[value=changning]").await;
    phone
        .click("form[action='/staff/points/huamu'] button[type=submit]")
        .await;
    assert!(
        phone.text().await.contains("已保存"),
        "{}",
        phone.text().await
    );
    phone.goto(&format!("http://{addr}/staff/points")).await;
    let text = phone.text().await;
    assert!(text.contains("花木联系点 长宁区"), "{text}");
    look(&mut phone, "points").await;

    phone.goto(&format!("http://{addr}/staff/assessment")).await;
    let text = phone.text().await;
    let rollup = text.find("按区县汇总").expect(&text);
    assert!(text[rollup..].contains("长宁区"), "{text}");
    look(&mut phone, "assessment-by-district").await;
    phone.scroll_to("#assessment-districts").await;
    phone.screenshot("assessment-by-district-table").await;
    phone.close().await;
    app.finish().await;
}
