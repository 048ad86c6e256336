//! 普法活动 after the event, photos and changes: a photo the liaison sends in chat
//! with the caption `E1` is downloaded and shown in the console; one uploaded in the
//! console is kept without its GPS position and shown; a non-image, an over-size file
//! and a photo beyond the maximum are refused with the rule, nothing kept; another
//! point's liaison gets "not found" for the photo; the resident's page shows none.
//! Photos kept as Telegram file ids before are adopted by the bot. In chat the kind
//! and the related consultation change like the console's edit, a forged or unknown
//! consultation refused.

use chrono::Duration;
use consult_domain::{
    Actor,
    events::{EventKind, PHOTOS_MAX},
    photos::Photo,
    review::Scope,
};

use crate::{
    events::{count, event_start, jinqiao, jinqiao_served, made},
    staff_web::logged_in,
    support::{
        app::{ClockExt, TestApp, eventually},
        chat::{last_with, say, say_text},
        files::phone_jpeg,
        telegram::ChatRef,
        web::{Browser, Page},
        world::world,
    },
};

async fn photos(app: &TestApp) -> i64 {
    count(&app.db, "SELECT COUNT(*) FROM law_event_photos").await
}

/// The `src` of every photo on a console page.
fn photo_sources(page: &Page) -> Vec<String> {
    page.tags("img")
        .into_iter()
        .filter_map(|i| i.get("src").cloned())
        .filter(|s| s.contains("/photos/"))
        .collect()
}

/// Uploads `file` on the console's event page.
async fn upload(console: &mut Browser, id: i64, name: &str, bytes: &[u8]) -> Page {
    let page = console.get(&format!("/staff/events/{id}")).await;
    let action = format!("/staff/events/{id}/photos");
    let csrf = page.field(&action, "csrf").expect("the upload form");
    console
        .post_multipart(&action, &[("csrf", &csrf)], Some((name, bytes)))
        .await
}

#[tokio::test]
async fn event_photos_from_chat_and_console_are_kept_bare_and_shown_to_staff_only() {
    let (app, addr, places, liaison) = jinqiao_served().await;
    let e = made(&app, Some(places.id("jinqiao")), "").await;
    app.clock
        .advance(event_start() - app.clock.now_utc() + Duration::minutes(10));

    // In chat: the photo captioned E1 is downloaded and kept, its GPS position gone.
    app.tg
        .send_photo(&liaison, ChatRef::Private, phone_jpeg(), Some("E1"));
    let kept = last_with(&app, &liaison, "活动照片").await;
    assert!(
        kept.text.contains("已保存 E1 的活动照片（共 1 张）"),
        "{}",
        kept.text
    );

    // The console shows it, from this server, to the point's liaison.
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = console.get(&format!("/staff/events/{}", e.id)).await;
    assert!(
        page.text().contains("共 1 张，最多 10 张"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("居民看到的活动页面不显示照片"));
    let sources = photo_sources(&page);
    assert_eq!(sources.len(), 1, "{sources:?}");
    let (code, headers, bytes) = console.get_bytes(&sources[0]).await;
    assert_eq!(code, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(!bytes.windows(3).any(|w| w == b"GPS"), "no GPS kept");

    // Uploaded in the console: a phone's JPEG is kept without its EXIF and shown.
    let done = upload(&mut console, e.id, "IMG_0002.jpg", &phone_jpeg()).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.text().contains("共 2 张"), "{}", done.text());
    let sources = photo_sources(&done);
    assert_eq!(sources.len(), 2, "{sources:?}");
    let (code, _, bytes) = console.get_bytes(&sources[1]).await;
    assert_eq!(code, 200);
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF kept");
    assert!(!bytes.windows(3).any(|w| w == b"GPS"), "no GPS kept");
    assert!(bytes.windows(4).any(|w| w == b"JFIF"), "the picture kept");

    // A page named photo.jpg and an over-size photo: refused with the rule, nothing kept.
    let refused = upload(&mut console, e.id, "photo.jpg", b"<html>hi</html>").await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("这不是 JPG、PNG 或 WebP 照片"),
        "{}",
        refused.text()
    );
    let mut big = phone_jpeg();
    big.resize(10 * 1_048_576 + 1, 0);
    let refused = upload(&mut console, e.id, "big.jpg", &big).await;
    assert!(
        refused.status == 413 || refused.status == 422,
        "{} {}",
        refused.status,
        refused.text()
    );
    assert!(refused.text().contains("照片太大了"), "{}", refused.text());
    let none = upload(&mut console, e.id, "", b"").await;
    assert!(none.text().contains("请先选择一张照片"), "{}", none.text());
    assert_eq!(photos(&app).await, 2, "nothing kept");

    // Up to the maximum; one more refused in the console and in chat, nothing kept.
    let photo = Photo::check(&phone_jpeg()).unwrap();
    for _ in 2..PHOTOS_MAX {
        let now = app.clock.now_utc();
        app.db
            .events()
            .add_photo(e.id, &photo, Scope::All, Actor::CommandLine, now)
            .await
            .unwrap();
    }
    let refused = upload(&mut console, e.id, "eleven.jpg", &phone_jpeg()).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("每个活动最多保存 10 张照片"),
        "{}",
        refused.text()
    );
    app.tg
        .send_photo(&liaison, ChatRef::Private, phone_jpeg(), Some("E1"));
    let told = last_with(&app, &liaison, "最多保存 10 张照片").await;
    assert!(told.text.contains("这张没有保存"), "{}", told.text);
    assert_eq!(photos(&app).await, PHOTOS_MAX as i64, "nothing kept");

    // Another point's liaison: not found, for the page and the photo alike.
    world(&app)
        .point("gubei", "古北联系点")
        .no_admin()
        .places()
        .await;
    let (_, mut stranger) = logged_in(&app, addr, "gubei", "liaison", Some("gubei")).await;
    let (code, _, bytes) = stranger.get_bytes(&sources[0]).await;
    assert_eq!(code, 404);
    assert!(!bytes.starts_with(&[0xFF, 0xD8]));
    let page = stranger.get(&format!("/staff/events/{}", e.id)).await;
    assert_eq!(page.status, 404);
    // Without a session: no photo either.
    let mut resident = Browser::new(addr);
    let (code, _, _) = resident.get_bytes(&sources[0]).await;
    assert_ne!(code, 200);
    // The resident's page of the event shows no photo.
    let public = resident.get(&format!("/e/{}", e.id)).await;
    assert_eq!(public.status, 200, "{}", public.text());
    assert!(photo_sources(&public).is_empty(), "{}", public.body);

    // Deleting one frees a place; the delete is audited.
    let page = console.get(&format!("/staff/events/{}", e.id)).await;
    let deleted = console
        .submit(&page, &format!("/staff/events/{}/photo-delete", e.id), &[])
        .await;
    assert!(
        deleted
            .text()
            .contains(&format!("共 {} 张", PHOTOS_MAX - 1)),
        "{}",
        deleted.text()
    );
    let (code, _, _) = console.get_bytes(&sources[0]).await;
    assert_eq!(code, 404, "the deleted photo is gone");
    let log = app.db.audit().list(Some("event.photo"), 50).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"event.photo"), "{actions:?}");
    assert!(actions.contains(&"event.photo.delete"), "{actions:?}");
    app.finish().await;
}

#[tokio::test]
async fn a_photo_kept_as_a_telegram_file_id_is_adopted_into_the_console() {
    let (app, places, _liaison) = jinqiao().await;
    let e = made(&app, Some(places.id("jinqiao")), "").await;
    // What the chat kept before: a Telegram file id in the event's list.
    let file_id = app
        .tg
        .lock()
        .store_file("photo", None, Some("image/jpeg".into()), phone_jpeg())
        .file_id;
    let sql = format!(
        "UPDATE law_events SET photos = '[\"{file_id}\"]' WHERE id = {}",
        e.id
    );
    match &app.db {
        consult_domain::Db::Sqlite(p) => drop(sqlx::query(&sql).execute(p).await.unwrap()),
        consult_domain::Db::Postgres(p) => drop(sqlx::query(&sql).execute(p).await.unwrap()),
    }
    // The scheduler's next look adopts it.
    app.clock.advance(Duration::days(1));
    eventually("the old photo adopted", || async {
        (photos(&app).await == 1).then_some(())
    })
    .await;
    let left = count(
        &app.db,
        "SELECT COUNT(*) FROM law_events WHERE photos <> '[]'",
    )
    .await;
    assert_eq!(left, 0, "the file id leaves the old list");
    let kept = app.db.events().photos(e.id).await.unwrap();
    let photo = app
        .db
        .events()
        .photo(e.id, kept[0].id, Scope::All)
        .await
        .unwrap()
        .unwrap();
    assert!(!photo.bytes.windows(3).any(|w| w == b"GPS"), "no GPS kept");
    app.finish().await;
}

#[tokio::test]
async fn the_kind_and_related_consultation_change_in_chat_as_in_the_console() {
    let (app, addr, places, liaison) = jinqiao_served().await;
    let e = made(&app, Some(places.id("jinqiao")), "").await;
    let zhang = app.tg.person("张三");
    say(&app, &zhang, "/start ev-1").await;
    let told_before = app.tg.sent(zhang.id).len();

    // The kind: by its name; a kind that is none refused, nothing changed.
    let done = say_text(&app, &liaison, "/event E1 kind 文艺演出").await;
    assert!(done.contains("已修改普法活动 E1"), "{done}");
    let refused = say_text(&app, &liaison, "/event E1 kind 相声").await;
    assert!(
        refused.contains("活动类型请写：讲座、法律咨询、文艺演出或其他"),
        "{refused}"
    );
    let now = app.db.events().get(e.id).await.unwrap().unwrap();
    assert_eq!(now.kind, EventKind::Performance);
    let view = say_text(&app, &liaison, "/event E1").await;
    assert!(view.contains("文艺演出"), "{view}");

    // The related consultation: an existing one, then none; an unknown or forged
    // number refused with nothing changed.
    let c = app
        .open_consultation("物业管理条例（草案）", "第一条 为了规范物业管理。", &[], 30)
        .await;
    let done = say_text(&app, &liaison, &format!("/event E1 consultation C{}", c.id)).await;
    assert!(done.contains("已修改普法活动 E1"), "{done}");
    let view = say_text(&app, &liaison, "/event E1").await;
    assert!(view.contains(&format!("相关征求意见：C{}", c.id)), "{view}");
    for bad in ["C999", "C1' OR '1'='1", "C0", "abc"] {
        let refused = say_text(&app, &liaison, &format!("/event E1 consultation {bad}")).await;
        assert!(refused.contains("没有找到这个征求意见"), "{bad}: {refused}");
    }
    let now = app.db.events().get(e.id).await.unwrap().unwrap();
    assert_eq!(now.consultation_id, Some(c.id), "unchanged by the refusals");
    let done = say_text(&app, &liaison, "/event E1 consultation none").await;
    assert!(done.contains("已修改普法活动 E1"), "{done}");
    let now = app.db.events().get(e.id).await.unwrap().unwrap();
    assert_eq!(now.consultation_id, None);

    // As in the console, a new kind or consultation is not news for the people
    // signed up (only a new time or place is); the edits are audited.
    app.settle().await;
    assert_eq!(app.tg.sent(zhang.id).len(), told_before, "nobody told");
    let log = app.db.audit().list(Some("event.edit"), 50).await.unwrap();
    assert_eq!(log.len(), 3, "{log:?}");

    // The console's edit refuses a forged kind and an unknown consultation alike.
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = console.get(&format!("/staff/events/{}", e.id)).await;
    let action = format!("/staff/events/{}/edit", e.id);
    let refused = console.submit(&page, &action, &[("kind", "forged")]).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("活动类型请写"),
        "{}",
        refused.text()
    );
    let refused = console
        .submit(&page, &action, &[("consultation", "C999")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.text().contains("没有找到这个征求意见"),
        "{}",
        refused.text()
    );
    let now = app.db.events().get(e.id).await.unwrap().unwrap();
    assert_eq!(now.kind, EventKind::Performance, "unchanged");
    app.finish().await;
}
