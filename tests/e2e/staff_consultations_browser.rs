//! The admin's path through consultations and decisions in a real browser (Chromium
//! over WebDriver): enter a pasted draft, check what the parser understood, save,
//! publish, close early, decide on an article and on one opinion, release, conclude.
//! Every new page type passes axe-core, the forms fit a 320-px phone, and each step
//! is photographed.

use consult_domain::opinions::{NewOpinion, Stance};

use crate::support::{
    browser::{Browser, Options},
    web::spawn_web,
    world::{self, DRAFT, submit},
};

const PASSWORD: &str = "法工委的工作台密码一二三";

/// Checks the page with axe, photographs it and checks it fits a 320-px phone.
async fn look(phone: &mut Browser, label: &str) {
    phone.screenshot(label).await;
    phone.assert_accessible(label).await;
    assert_eq!(phone.overflow_x().await, 0, "{label} fits a 320-px phone");
}

#[tokio::test]
async fn an_admin_enters_publishes_decides_releases_and_concludes_in_a_browser() {
    let Some(mut phone) = Browser::launch("staff-consultations", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let places = world::world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("金桥联络员")
        .places()
        .await;
    let group = app.tg.group("金桥一群");
    app.tg.add_bot(places.liaison("jinqiao"), &group);
    app.tg.wait_sent(group.id, 1).await;
    crate::staff_admin_browser::admin_in_browser(&app, &phone, addr, PASSWORD).await;
    phone.set_viewport((320, 640)).await;

    phone
        .goto(&format!("http://{addr}/staff/consultations"))
        .await;
    assert!(phone.text().await.contains("还没有您可以管理的征求意见"));
    look(&mut phone, "consultations").await;
    phone.click("main a.button").await;
    look(&mut phone, "new draft").await;
    phone.fill("#text", DRAFT).await;
    phone.fill("#deadline", "2026-12-31").await;
    phone.fill("#summary", "规范养犬行为，征求居民意见。").await;
    phone.click("main form button[name=preview]").await;
    let text = phone.text().await;
    assert!(text.contains("2 章，3 条（第一条 至 第三条）"), "{text}");
    look(&mut phone, "the draft as understood").await;
    phone.click("main form button[name=save]").await;
    let text = phone.text().await;
    assert!(text.contains("已保存为草稿 C1。"), "{text}");
    look(&mut phone, "a draft consultation").await;
    phone.click("main form[action$='/publish'] button").await;
    let text = phone.text().await;
    assert!(text.contains("已发布 C1，正在通知 1 个居民群。"), "{text}");
    let card = app.tg.wait_sent(group.id, 2).await[1].clone();
    assert!(
        card.text
            .starts_with("📢 征求意见：某市养犬管理条例（草案）"),
        "{}",
        card.text
    );

    let c = app.db.consultations().get(1).await.unwrap().unwrap();
    submit(
        &app,
        &[
            NewOpinion {
                submission_key: "a".into(),
                article: Some((3, "第三条".into())),
                stance: Stance::Amend,
                body: "登记手续太繁琐，建议网上办理。".into(),
                ..world::opinion(c.id, Some(places.id("jinqiao")))
            },
            NewOpinion {
                submission_key: "b".into(),
                article: Some((3, "第三条".into())),
                body: "支持登记制度。".into(),
                ..world::opinion(c.id, Some(places.id("jinqiao")))
            },
        ],
    )
    .await;

    phone.click("main a[href$='/close']").await;
    look(&mut phone, "close early").await;
    phone.click("main form[action$='/close'] button").await;
    assert!(phone.text().await.contains("已提前截止 C1"));

    phone.click("main a[href$='/decisions']").await;
    look(&mut phone, "decisions").await;
    phone.click("main a[href$='/decisions/3']").await;
    look(&mut phone, "an article's opinions").await;
    // A decision without a reason: the page says what is missing.
    phone
        .find("input[value=adopted]")
        .await
        .click()
        .await
        .unwrap();
    phone
        .click("main form[action$='/decisions/3'] button")
        .await;
    assert!(phone.text().await.contains("请填写理由"));
    look(&mut phone, "a decision with a problem").await;
    phone.fill("#reason", "第三条已增加网上登记的规定。").await;
    phone
        .click("main form[action$='/decisions/3'] button")
        .await;
    let text = phone.text().await;
    assert!(text.contains("已记录：这个决定涉及 2 条意见"), "{text}");
    phone.click("main a[href*='/decisions/opinion/']").await;
    look(&mut phone, "one opinion's decision").await;
    phone
        .find("input[value=partly]")
        .await
        .click()
        .await
        .unwrap();
    phone.fill("#reason", "部分内容已吸收。").await;
    phone
        .click("main form[action*='/decisions/opinion/'] button")
        .await;
    assert!(phone.text().await.contains("涉及 1 条意见"));

    phone
        .goto(&format!("http://{addr}/staff/consultations/1/release"))
        .await;
    let text = phone.text().await;
    assert!(
        text.contains("无法通过 Telegram 联系的提出人：2 人"),
        "{text}"
    );
    look(&mut phone, "release").await;
    phone.click("main form[action$='/release'] button").await;
    let text = phone.text().await;
    assert!(text.contains("已安排发送 0 条反馈"), "{text}");
    look(
        &mut phone,
        "released, with the submitters to tell in person",
    )
    .await;

    phone
        .goto(&format!("http://{addr}/staff/consultations/1/conclude"))
        .await;
    let text = phone.text().await;
    assert!(text.contains("回音壁将发送到 1 个居民群"), "{text}");
    look(&mut phone, "conclude").await;
    phone.click("main form[action$='/conclude'] button").await;
    assert!(phone.text().await.contains("C1 已办结"));
    look(&mut phone, "a concluded consultation").await;
    let wall = app.tg.wait_sent(group.id, 4).await[3].clone();
    assert!(wall.text.starts_with("📣 回音壁"), "{}", wall.text);
    phone.close().await;
    app.finish().await;
}
