//! 社情民意 configuration and evidence: admins add, rename and retire categories in
//! the console and with `/categories` in chat (a retired one no longer offered to
//! residents on either channel, kept on old reports; the last one stays); a photo on
//! the web form is checked by its bytes and size, stored without its metadata, shown
//! to the liaison in the console and in chat and to the department on its answer
//! page, and refused when it is not a photo, too large or forged — nothing stored.

use consult_domain::{
    relay::{Receipt, ReportStatus, photos::WEB_PHOTO},
    review::Scope,
};

use crate::{
    relay_triage::{department, reported},
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{last, press_latest, say, say_text},
        files::phone_jpeg,
        web::{Browser, Page, spawn_web},
        world::world,
    },
};

async fn count(app: &TestApp, sql: &str) -> i64 {
    match &app.db {
        consult_domain::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        consult_domain::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// The categories a resident is offered in chat: the buttons of /report's question.
async fn offered_in_chat(app: &TestApp, who: &crate::support::telegram::Person) -> Vec<String> {
    say(app, who, "/report").await;
    let buttons = last(app, who).buttons().concat();
    say(app, who, "/cancel").await;
    buttons
}

#[tokio::test]
async fn admins_add_rename_and_retire_categories_on_both_channels() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let admin = places.admin().clone();
    let liaison = places.liaison("jinqiao").clone();
    let zhang = app.tg.person("张三");
    for p in [&admin, &liaison, &zhang] {
        say(&app, p, "/start").await;
    }

    // The console: add 住房保障; residents are offered it on both channels.
    let (_, mut console) = logged_in(&app, addr, "committee", "admin", None).await;
    let page = console.get("/staff/categories").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("社区治理"), "{}", page.text());
    let bad = console
        .submit(
            &page,
            "/staff/categories",
            &[
                ("code", "Housing!"),
                ("name_zh", "住房保障"),
                ("name_en", "Housing"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("类别代码请用"), "{}", bad.text());
    let added = console
        .submit(
            &page,
            "/staff/categories",
            &[
                ("code", "housing"),
                ("name_zh", "住房保障"),
                ("name_en", "Housing"),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().contains("住房保障"), "{}", added.text());
    let again = console
        .submit(
            &page,
            "/staff/categories",
            &[
                ("code", "housing"),
                ("name_zh", "住房"),
                ("name_en", "Housing"),
            ],
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(
        again.text().contains("已有代码为 housing"),
        "{}",
        again.text()
    );
    assert!(
        offered_in_chat(&app, &zhang)
            .await
            .contains(&"住房保障".to_owned())
    );
    let mut resident = Browser::new(addr);
    let form = resident.get("/r/new?p=jinqiao").await;
    assert!(form.text().contains("住房保障"), "{}", form.text());
    let housing = reported(
        &app,
        &zhang,
        "h",
        "housing",
        "老旧小区加装电梯迟迟没有进展。",
        places.id("jinqiao"),
    )
    .await;

    // Chat: /categories lists them with a button each; a liaison may not.
    let refused = say_text(&app, &liaison, "/categories").await;
    assert_eq!(refused, "这是管理员的功能。");
    let list = say_text(&app, &admin, "/categories").await;
    assert!(list.contains("housing 住房保障 · 在用"), "{list}");
    let retired = press_latest(&app, &admin, "停用：住房保障").await;
    assert!(retired.contains("housing 住房保障 · 已停用"), "{retired}");

    // Retired: offered nowhere, refused when posted, kept on the old report.
    assert!(
        !offered_in_chat(&app, &zhang)
            .await
            .contains(&"住房保障".to_owned())
    );
    let form = resident.get("/r/new?p=jinqiao").await;
    assert!(!form.text().contains("住房保障"), "{}", form.text());
    let posted = resident
        .submit(
            &form,
            "/r/new?p=jinqiao",
            &[
                ("category", "housing"),
                ("body", "老旧小区加装电梯迟迟没有进展。"),
                ("place", "金桥路 1 号"),
            ],
        )
        .await;
    assert_eq!(posted.status, 422);
    assert!(
        posted.text().contains("请选择一个类别"),
        "{}",
        posted.text()
    );
    let card = console.get(&format!("/staff/reports/{}", housing.id)).await;
    assert!(card.text().contains("住房保障"), "{}", card.text());
    let r = app.db.relay().get(housing.id).await.unwrap().unwrap();
    assert_eq!(r.category.as_str(), "housing");
    // The ledger still names it.
    let rows = crate::relay::relay_sheet(&app).await;
    assert_eq!(rows[1][1], "住房保障", "{rows:?}");
    // Re-categorising into it is refused too.
    let other = reported(
        &app,
        &zhang,
        "o",
        "other",
        "楼道里堆满杂物，消防通道被堵。",
        places.id("jinqiao"),
    )
    .await;
    let refused = app
        .db
        .relay()
        .recategorise(
            other.id,
            "housing",
            Scope::All,
            consult_domain::Actor::CommandLine,
            app.clock.now_utc(),
        )
        .await;
    assert!(refused.is_err());

    // Renamed in chat: residents read the new name.
    let renamed = say_text(
        &app,
        &admin,
        "/categories rename security 治安防范 Neighbourhood safety",
    )
    .await;
    assert!(renamed.contains("security 治安防范 · 在用"), "{renamed}");
    assert!(
        offered_in_chat(&app, &zhang)
            .await
            .contains(&"治安防范".to_owned())
    );
    let usage = say_text(&app, &admin, "/categories rename security").await;
    assert!(usage.contains("/categories add"), "{usage}");

    // The last category in use cannot be retired.
    for code in [
        "governance",
        "security",
        "environment",
        "traffic",
        "enforcement",
    ] {
        let page = console.get("/staff/categories").await;
        let done = console
            .submit(&page, &format!("/staff/categories/{code}/active"), &[])
            .await;
        assert_eq!(done.status, 200, "{code}: {}", done.text());
    }
    let page = console.get("/staff/categories").await;
    let last_one = console
        .submit(&page, "/staff/categories/other/active", &[])
        .await;
    assert_eq!(last_one.status, 422);
    assert!(
        last_one.text().contains("至少要留一个"),
        "{}",
        last_one.text()
    );
    assert_eq!(app.db.relay().categories().await.unwrap().len(), 1);

    // A liaison's console has no category page; every change is audited.
    let (_, mut liaison_web) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    assert_eq!(liaison_web.get("/staff/categories").await.status, 404);
    let log = app
        .db
        .audit()
        .list(Some("relay.category"), 50)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "relay.category.add",
        "relay.category.retire",
        "relay.category.rename",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    app.finish().await;
}

const FIELDS: [(&str, &str); 4] = [
    ("category", "security"),
    ("body", "东门路灯坏了一个月，晚上很黑，担心安全。"),
    ("place", "金桥路 100 弄东门"),
    ("identity", "anonymous"),
];

/// The form posted with a file: the read-back, or the form with its problem.
async fn post_with_file(b: &mut Browser, file: Option<(&str, &[u8])>) -> Page {
    let form = b.get("/r/new?p=jinqiao").await;
    let mut fields = form.form("/r/new?p=jinqiao");
    fields.retain(|(k, _)| !FIELDS.iter().any(|(f, _)| f == k));
    let mut pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pairs.extend(FIELDS);
    b.post_multipart("/r/new?p=jinqiao", &pairs, file).await
}

#[tokio::test]
async fn a_web_photo_is_checked_stored_bare_and_shown_to_liaison_and_department() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let liaison = places.liaison("jinqiao").clone();
    say(&app, &liaison, "/start").await;
    department(&app, "区公安分局", "security").await;
    let photos = "SELECT COUNT(*) FROM relay_photos";
    let mut resident = Browser::new(addr);

    // A web page named photo.jpg is not a photo; nothing kept, the text kept.
    let page = post_with_file(&mut resident, Some(("photo.jpg", b"<html>hi</html>"))).await;
    assert_eq!(page.status, 422, "{}", page.text());
    assert!(
        page.text().contains("这不是 JPG、PNG 或 WebP 照片"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains("东门路灯坏了一个月"),
        "{}",
        page.text()
    );
    // Over the chat's limit (10 MB): refused, nothing kept.
    let mut big = phone_jpeg();
    big.resize(10 * 1_048_576 + 1, 0);
    let page = post_with_file(&mut resident, Some(("big.jpg", &big))).await;
    assert!(
        page.status == 413 || page.status == 422,
        "{} {}",
        page.status,
        page.text()
    );
    assert!(page.text().contains("照片太大了"), "{}", page.text());
    assert_eq!(count(&app, photos).await, 0);

    // A forged upload key at 「提交」: refused, nothing stored.
    let review = post_with_file(&mut resident, None).await;
    assert_eq!(review.status, 200, "{}", review.text());
    let mut fields = review.form("/r/new/submit?p=jinqiao");
    fields.retain(|(k, _)| k != "photo");
    fields.push(("photo".into(), "AAAAAAAAAAAAAAAAAAAAAA".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let forged = resident.post("/r/new/submit?p=jinqiao", &pairs).await;
    assert_eq!(forged.status, 422, "{}", forged.text());
    assert!(
        forged.text().contains("照片没有保存上"),
        "{}",
        forged.text()
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM relay_reports").await, 0);

    // A phone's photo: read back, stored with the report, its GPS gone.
    let review = post_with_file(&mut resident, Some(("IMG_0001.jpg", &phone_jpeg()))).await;
    assert_eq!(review.status, 200, "{}", review.text());
    assert!(review.text().contains("1 张照片"), "{}", review.text());
    let fields = review.form("/r/new/submit?p=jinqiao");
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let status = resident.post("/r/new/submit?p=jinqiao", &pairs).await;
    assert!(status.text().contains("S-0001"), "{}", status.text());
    // Another's status link, one character off: not found, nothing of the report shown.
    let token_page = resident.post_only("/r/new/submit?p=jinqiao", &pairs).await;
    let link = token_page
        .location
        .clone()
        .expect("the same status link again");
    let mut other = link.split('?').next().unwrap_or_default().to_owned();
    let flipped = if other.ends_with('A') { 'B' } else { 'A' };
    other.pop();
    other.push(flipped);
    let mut stranger = Browser::new(addr);
    let page = stranger.get(&other).await;
    assert_eq!(page.status, 404);
    assert!(!page.text().contains("东门路灯"), "{}", page.text());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM relay_reports").await,
        1,
        "the replayed 「提交」 is the same report"
    );
    let r = app
        .db
        .relay()
        .by_receipt(&Receipt::of(1), Scope::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.attachments.len(), 1);
    assert_eq!(r.attachments[0].kind, WEB_PHOTO);
    let photo_id: i64 = r.attachments[0].file_id.parse().unwrap();
    let stored = app.db.relay().photo(r.id, photo_id).await.unwrap().unwrap();
    assert!(
        !stored.bytes.windows(4).any(|w| w == b"Exif"),
        "no EXIF kept"
    );
    assert!(!stored.bytes.windows(3).any(|w| w == b"GPS"), "no GPS kept");

    // The liaison sees it in the console (from this server, as an image) …
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let card = console.get(&format!("/staff/reports/{}", r.id)).await;
    let src = card
        .tags("img")
        .into_iter()
        .find_map(|i| i.get("src").cloned())
        .expect("the photo in the card");
    assert!(src.starts_with("/staff/reports/"), "{src}");
    let (code, headers, bytes) = console.get_bytes(&src).await;
    assert_eq!(code, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(bytes, stored.bytes);
    // … and not without a session.
    let (code, _, _) = resident.get_bytes(&src).await;
    assert_ne!(code, 200);
    // In chat the bot sends the liaison the photo itself.
    say(&app, &liaison, "/reports").await;
    press_latest(
        &app,
        &liaison,
        "S-0001 · 待处理 · 东门路灯坏了一个月，晚上很黑，担心安全。",
    )
    .await;
    assert_eq!(last(&app, &liaison).kind, "photo");

    // Forwarded: the department's page shows it while the link may be used.
    let field = card.field(&format!("/staff/reports/{}/forward", r.id), "department");
    let shown = console
        .submit(
            &card,
            &format!("/staff/reports/{}/forward", r.id),
            &[("department", field.as_deref().unwrap_or("1"))],
        )
        .await;
    let text = shown.text();
    let at = text.find("/d/").expect("the department link");
    let dept_path: String = text[at..].split_whitespace().next().unwrap().to_owned();
    let mut dept = Browser::new(addr);
    let page = dept.get(&dept_path).await;
    let src = page
        .tags("img")
        .into_iter()
        .find_map(|i| i.get("src").cloned())
        .expect("the photo on the department's page");
    let (code, headers, bytes) = dept.get_bytes(&src).await;
    assert_eq!(
        (code, headers["content-type"].to_str().unwrap()),
        (200, "image/jpeg")
    );
    assert_eq!(bytes, stored.bytes);
    // An over-long answer is refused with the rule; the link still works.
    let long = "长".repeat(2001);
    let refused = dept
        .submit(
            &page,
            &dept_path,
            &[("outcome", "resolved"), ("answer", &long)],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.text().contains("答复请写 1–2000 字"),
        "{}",
        refused.text()
    );
    let r_now = app.db.relay().get(r.id).await.unwrap().unwrap();
    assert_eq!(r_now.status, ReportStatus::Forwarded);
    let thanks = dept
        .submit(
            &page,
            &dept_path,
            &[("outcome", "resolved"), ("answer", "已修复路灯。")],
        )
        .await;
    assert!(thanks.text().contains("谢谢"), "{}", thanks.text());
    let (code, _, _) = dept.get_bytes(&src).await;
    assert_eq!(code, 404, "the used link shows nothing any more");
    let r = app.db.relay().get(r.id).await.unwrap().unwrap();
    assert_eq!(r.status, ReportStatus::Answered);

    // A photo sent with a form never submitted is deleted a day on; the report's stays.
    let unclaimed = "SELECT COUNT(*) FROM relay_photos WHERE report_id IS NULL";
    let review = post_with_file(&mut resident, Some(("again.jpg", &phone_jpeg()))).await;
    assert_eq!(review.status, 200, "{}", review.text());
    assert_eq!(count(&app, unclaimed).await, 1);
    app.clock.advance(chrono::Duration::days(2));
    crate::support::app::eventually("the unclaimed photo deleted", || async {
        (count(&app, unclaimed).await == 0).then_some(())
    })
    .await;
    assert_eq!(count(&app, photos).await, 1, "the report's photo stays");
    app.finish().await;
}
