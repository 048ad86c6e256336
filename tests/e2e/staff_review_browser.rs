//! Review and exports in a real browser (Chromium over WebDriver), without JavaScript
//! on the pages: a liaison without Telegram logs in, filters the ledger to what waits,
//! ticks ten opinions and marks them 已阅 in one go, marks the eleventh a duplicate of
//! one of the similar opinions its card offers, and downloads the 意见汇总表, read back.
//! The table, the card and the export page pass axe-core and fit a 320-px phone (the
//! table scrolls inside its own box).

use consult_domain::opinions::{NewOpinion, Status};
use serde_json::Value;
use url::Url;

use crate::{
    export::sheets,
    support::{
        browser::{Browser, Options},
        web::spawn_web,
        world::{staff_account, submit, world},
    },
};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test]
async fn a_liaison_reviews_ten_opinions_at_once_marks_a_duplicate_and_downloads_the_sheet() {
    let Some(mut phone) = Browser::launch("staff-review", Options::chinese()).await else {
        return;
    };
    let (app, addr) = spawn_web(&[]).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let mut opinions: Vec<NewOpinion> = (1..=10)
        .map(|i| NewOpinion {
            submission_key: format!("k{i}"),
            article: Some((3, "第三条".into())),
            body: format!("第{i}位居民：登记手续应当简化，可以在网上办理。"),
            ..w.opinion("jinqiao")
        })
        .collect();
    opinions.push(NewOpinion {
        submission_key: "again".into(),
        article: Some((3, "第三条".into())),
        body: "第1位居民：登记手续应当简化，可以在网上办理。".into(),
        ..w.opinion("jinqiao")
    });
    opinions.push(NewOpinion {
        submission_key: "gubei".into(),
        body: "古北的意见，金桥的联络员看不到。".into(),
        ..w.opinion("gubei")
    });
    let ids = submit(&app, &opinions).await;

    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let (_, link) = staff_account(&app, &base, "wangfang", "liaison", Some("jinqiao")).await;
    phone.goto(link.as_str()).await;
    phone.fill("#new_password", PASSWORD).await;
    phone.fill("#confirm", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    phone.fill("#name", "wangfang").await;
    phone.fill("#password", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    assert!(phone.text().await.contains("待处理的意见：11 条"));

    // From the menu to the ledger, filtered to what waits.
    phone.menu("/staff/review").await;
    phone.choose("#f-status option[value=received]").await;
    phone.click("form.filters button[type=submit]").await;
    let url = phone.client.current_url().await.unwrap();
    assert_eq!(
        url.query(),
        Some("consultation=&status=received&channel=&q=")
    );
    let text = phone.text().await;
    assert!(
        text.contains("意见台账：共 11 条，这里是第 1–11 条"),
        "{text}"
    );
    assert!(!text.contains("古北"), "{text}");
    phone.screenshot("ledger").await;
    phone.assert_accessible("the ledger table").await;
    phone.set_viewport((320, 640)).await;
    assert_eq!(
        phone.overflow_x().await,
        0,
        "the ledger page fits a 320-px phone; its table scrolls in its box"
    );
    phone.scroll_to(".table-scroll").await;
    phone.screenshot("ledger-320").await;

    for id in &ids[..10] {
        phone.choose(&format!("#tick-{id}")).await;
    }
    phone.scroll_to("fieldset.bulk").await;
    phone.screenshot("ticked").await;
    phone.click("fieldset.bulk button[type=submit]").await;
    let text = phone.text().await;
    assert!(text.contains("已将 10 条意见标为已阅。"), "{text}");
    assert!(text.contains("意见台账：共 1 条"), "{text}");
    for id in &ids[..10] {
        let o = app.db.opinions().get(*id).await.unwrap().unwrap();
        assert_eq!(o.status, Status::Reviewed, "{}", o.receipt);
    }
    phone
        .assert_accessible("the ledger after a bulk action")
        .await;
    phone.screenshot("ledger-after").await;

    // The eleventh says what the first said: its card offers the first among the
    // similar ones.
    phone.click("table.ledger th a").await;
    let text = phone.text().await;
    assert!(text.contains("意见 C1-0011"), "{text}");
    phone.assert_accessible("an opinion's card").await;
    assert_eq!(phone.overflow_x().await, 0, "the card fits a 320-px phone");
    phone.screenshot("card").await;
    phone.choose(&format!("#of-{}", ids[0])).await;
    phone.scroll_to(&format!("#of-{}", ids[0])).await;
    phone.screenshot("duplicate-chosen").await;
    phone
        .click(&format!(
            "form[action='/staff/opinions/{}/duplicate'] button",
            ids[10]
        ))
        .await;
    let text = phone.text().await;
    assert!(
        text.contains("已将 C1-0011 标为与 C1-0001 重复。"),
        "{text}"
    );
    assert!(text.contains("重复于\nC1-0001"), "{text}");
    assert_eq!(
        app.db.reviews().info(ids[10]).await.unwrap().duplicate_of,
        Some(ids[0])
    );
    phone
        .assert_accessible("an opinion's card after an action")
        .await;

    // The sheet: the export page, and what its link answers.
    phone.menu("/staff/export").await;
    let text = phone.text().await;
    assert!(text.contains("范围：金桥联系点的意见"), "{text}");
    phone.screenshot("export").await;
    phone.assert_accessible("the export page").await;
    assert_eq!(phone.overflow_x().await, 0, "the export page fits");
    let link = phone
        .find("td.files a[href$='.xlsx']")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("a link to the XLSX");
    let answer = phone
        .client
        .execute_async(
            r#"const [href, done] = arguments;
            fetch(href, { credentials: 'same-origin' })
              .then(async r => done({
                  status: r.status,
                  disposition: r.headers.get('content-disposition'),
                  bytes: Array.from(new Uint8Array(await r.arrayBuffer())) }))
              .catch(e => done({ error: String(e) }));"#,
            vec![Value::String(link)],
        )
        .await
        .expect("fetch the sheet");
    assert_eq!(answer["status"], 200, "{answer}");
    let disposition = answer["disposition"].as_str().unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"C1-jinqiao-")
            && disposition.contains("filename*=UTF-8''%E6%84%8F%E8%A7%81"),
        "{disposition}"
    );
    let bytes: Vec<u8> = answer["bytes"]
        .as_array()
        .expect("the bytes")
        .iter()
        .map(|b| b.as_u64().unwrap_or(0) as u8)
        .collect();
    let book = sheets(&bytes);
    let rows = &book[0].1;
    assert_eq!(rows.len(), 12, "the header and 金桥's eleven");
    assert!(rows[1..11].iter().all(|r| r[12] == "已阅"), "{rows:?}");
    assert_eq!(rows[11][1], "C1-0011");
    assert_eq!(rows[11][12], "重复");
    assert!(!format!("{book:?}").contains("古北的意见"));
    phone.close().await;
    app.finish().await;
}
