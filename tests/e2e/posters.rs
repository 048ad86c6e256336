//! Posters and QR codes (issue 16, item 5): a liaison's /poster sends an A4 poster
//! picture whose QR code reads back as the web link for their point, then the link as
//! text to paste into a WeChat group; admins may name any point; residents and other
//! points' liaisons are refused. The web's poster page and QR pictures carry the same
//! link; unpublished consultations and unknown points have none.

use consult_domain::{Actor, consultations::Scope};

use crate::support::{
    app::{ClockExt, TestApp},
    chat::{reply, say},
    qr::decode_png,
    web::{Browser, spawn_web},
    world::{DRAFT, TITLE, World, publish, world},
};

/// The public base of the links (not the loopback address the pages are served on:
/// a deployment sits behind a proxy with its own name).
const WEB_URL: &str = "https://consult.example.org/";

async fn app_with_web() -> (TestApp, std::net::SocketAddr) {
    spawn_web(&["--web-url", WEB_URL]).await
}

async fn two_points(app: &TestApp) -> World {
    world(app)
        .point("jinqiao", "金桥联系点")
        .liaison("李联络")
        .point("huamu", "花木联系点")
        .liaison("王联络")
        .open()
        .await
}

#[tokio::test]
async fn a_liaisons_poster_carries_the_link_for_their_point() {
    let (app, _) = app_with_web().await;
    let w = two_points(&app).await;
    let sent = say(&app, w.liaison("jinqiao"), &format!("/poster C{}", w.id())).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let link = format!("{WEB_URL}c/{}?p=jinqiao", w.id());

    let photo = &sent[0];
    assert_eq!(photo.kind, "photo");
    assert!(photo.text.contains(TITLE), "{}", photo.text);
    assert!(
        photo
            .text
            .contains(&format!("{WEB_URL}c/{}/poster?p=jinqiao", w.id())),
        "the printable page: {}",
        photo.text
    );
    let png = &photo.file.as_ref().expect("the poster picture").bytes;
    assert_eq!(decode_png(png), vec![link.clone()], "the poster's QR code");

    let paste = &sent[1];
    assert_eq!(paste.kind, "text");
    assert!(paste.text.contains(TITLE), "{}", paste.text);
    assert!(paste.text.contains("截止时间"), "{}", paste.text);
    assert!(paste.text.lines().any(|l| l == link), "{}", paste.text);

    // Without an id: the point's list of consultations.
    let sent = say(&app, w.liaison("jinqiao"), "/poster").await;
    let png = &sent[0].file.as_ref().expect("the poster picture").bytes;
    assert_eq!(decode_png(png), vec![format!("{WEB_URL}?p=jinqiao")]);
    app.finish().await;
}

#[tokio::test]
async fn posters_are_for_staff_and_a_liaison_only_gets_their_own_point() {
    let (app, _) = app_with_web().await;
    let w = two_points(&app).await;
    let id = w.id();

    let resident = app.tg.person("居民");
    let refused = reply(&app, &resident, &format!("/poster {id}")).await;
    assert_eq!(refused.text, "抱歉，只有联络员和管理员可以制作海报。");

    let other = reply(&app, w.liaison("jinqiao"), &format!("/poster {id} huamu")).await;
    assert_eq!(other.text, "联络员只能为本联系点制作海报和链接。");
    let other = reply(&app, w.liaison("jinqiao"), "/poster huamu").await;
    assert_eq!(other.text, "联络员只能为本联系点制作海报和链接。");

    // An admin names any point, or none.
    let sent = say(&app, w.admin(), &format!("/poster {id} huamu")).await;
    assert_eq!(sent[0].kind, "photo");
    let png = &sent[0].file.as_ref().expect("the poster picture").bytes;
    assert_eq!(decode_png(png), vec![format!("{WEB_URL}c/{id}?p=huamu")]);
    let sent = say(&app, w.admin(), &format!("/poster {id}")).await;
    assert!(
        sent[1]
            .text
            .lines()
            .any(|l| l == format!("{WEB_URL}c/{id}")),
        "{}",
        sent[1].text
    );
    let unknown = reply(&app, w.admin(), &format!("/poster {id} nowhere")).await;
    assert_eq!(unknown.text, "没有代码为 nowhere 的联系点。");

    // A closed consultation gets no poster.
    app.db
        .consultations()
        .close(id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    let closed = reply(&app, w.liaison("jinqiao"), &format!("/poster {id}")).await;
    assert!(
        closed
            .text
            .starts_with(&format!("C{id} 现在不在征求意见中")),
        "{}",
        closed.text
    );
    app.finish().await;
}

#[tokio::test]
async fn without_the_web_channel_there_is_no_poster() {
    let app = TestApp::spawn().await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("李联络")
        .open()
        .await;
    let answer = reply(&app, w.liaison("jinqiao"), &format!("/poster {}", w.id())).await;
    assert!(answer.text.contains("--web-url"), "{}", answer.text);
    app.finish().await;
}

#[tokio::test]
async fn the_web_poster_page_and_qr_pictures_carry_the_same_link() {
    let (app, addr) = app_with_web().await;
    let w = two_points(&app).await;
    let id = w.id();
    let link = format!("{WEB_URL}c/{id}?p=jinqiao");
    let mut browser = Browser::new(addr);

    let page = browser.get(&format!("/c/{id}/poster?p=jinqiao")).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains(TITLE), "{text}");
    assert!(text.contains("截止时间"), "{text}");
    assert!(text.contains("用手机扫描上方二维码"), "{text}");
    assert!(text.contains("金桥联系点"), "{text}");
    assert!(text.contains(&link), "the link under the code: {text}");
    assert!(page.body.contains("<svg"), "the QR code is on the page");
    assert!(page.body.contains("/assets/poster.css"));

    let png = reqwest::get(format!("http://{addr}/c/{id}/qr.png?p=jinqiao"))
        .await
        .unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(decode_png(&png.bytes().await.unwrap()), vec![link.clone()]);
    let svg = browser.get(&format!("/c/{id}/qr.svg?p=jinqiao")).await;
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg.body.starts_with("<svg"), "{}", svg.body);

    let list = reqwest::get(format!("http://{addr}/qr.png?p=huamu"))
        .await
        .unwrap();
    assert_eq!(
        decode_png(&list.bytes().await.unwrap()),
        vec![format!("{WEB_URL}?p=huamu")]
    );
    assert_eq!(browser.get("/poster?p=huamu").await.status, 200);

    // What is not public has no poster, exactly like a page that never existed.
    let unpublished = app
        .db
        .consultations()
        .create(
            &consult_domain::consultations::NewConsultation {
                title: "尚未发布".into(),
                closes_at: app.clock.now_utc() + chrono::Duration::days(3),
                scope: Scope::All,
                summary: None,
                source_url: None,
                occupations: vec![],
                draft: consult_domain::draft::parse(DRAFT).unwrap(),
                source_name: "test".into(),
            },
            Actor::CommandLine,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let only_huamu = publish(
        &app,
        "花木专属",
        DRAFT,
        Scope::Points(vec![w.point("huamu")]),
        app.clock.now_utc() + chrono::Duration::days(3),
    )
    .await;
    for path in [
        format!("/c/{}/poster", unpublished.id),
        format!("/c/{}/qr.png", unpublished.id),
        format!("/c/{}/poster?p=jinqiao", only_huamu.id),
        "/poster?p=nowhere".to_owned(),
        "/poster".to_owned(),
        "/c/x/poster".to_owned(),
    ] {
        assert_eq!(browser.get(&path).await.status, 404, "{path}");
    }
    app.finish().await;
}
