//! The web channel, reading: the list of consultations, a consultation, its articles.

use chrono::Duration;
use consult_domain::{
    Actor,
    announce::By,
    consultations::{Consultation, NewConsultation, Scope, State},
    people::Locale,
};

use crate::support::{
    app::{ClockExt, TestApp},
    web::{Browser, spawn_web},
    world::{DRAFT, point_id, publish},
};

#[tokio::test]
async fn the_list_shows_open_and_recently_closed_consultations_for_all_or_one_point() {
    let (app, addr) = spawn_web(&[]).await;
    app.point("hongqiao", "虹桥街道联系点").await;
    app.point("gubei", "古北联系点").await;
    let hongqiao = point_id(&app, "hongqiao").await;
    let now = app.clock.now_utc();
    let days = |d| now + Duration::days(d);
    publish(
        &app,
        "虹桥专属条例（草案）",
        DRAFT,
        Scope::Points(vec![hongqiao]),
        days(10),
    )
    .await;
    publish(&app, "全市养犬条例（草案）", DRAFT, Scope::All, days(20)).await;
    let closing = publish(&app, "已截止条例（草案）", DRAFT, Scope::All, days(1)).await;
    let withdrawn = publish(&app, "撤回的条例（草案）", DRAFT, Scope::All, days(5)).await;
    app.db
        .consultations()
        .withdraw(withdrawn.id, Actor::CommandLine, now)
        .await
        .unwrap();
    unpublished(&app, "尚未发布的条例（草案）").await;
    app.clock.advance(Duration::days(2));
    close_past_deadline(&app, closing.id).await;

    let mut browser = Browser::new(addr);
    let page = browser.get("/").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("正在征求意见"), "{text}");
    for shown in [
        "虹桥专属条例（草案）",
        "全市养犬条例（草案）",
        "已截止条例（草案）",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    for hidden in ["撤回的条例", "尚未发布的条例"] {
        assert!(!text.contains(hidden), "{hidden} not in {text}");
    }
    assert!(text.contains("最近已截止"), "{text}");
    // Security headers on every page: no script, no framing, no sniffing, no referrer.
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["referrer-policy"], "no-referrer");

    // Through a contact point's link: only what reaches that point, and links keep it.
    let page = browser.get("/?p=gubei").await;
    let text = page.text();
    assert!(text.contains("来自：古北联系点"), "{text}");
    assert!(text.contains("全市养犬条例（草案）"), "{text}");
    assert!(!text.contains("虹桥专属条例"), "{text}");
    let link = page
        .link("全市养犬条例（草案）")
        .expect("a link to the consultation");
    assert!(link.ends_with("?p=gubei"), "{link}");

    // An English browser reads it in English; the switch remembers the choice.
    let mut english = Browser::new(addr).english();
    let text = english.get("/").await.text();
    assert!(text.contains("Open for comment"), "{text}");
    let page = english.get("/?lang=zh-CN").await;
    assert!(page.text().contains("正在征求意见"));
    assert!(
        english.get("/").await.text().contains("正在征求意见"),
        "the choice is remembered"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_consultation_reads_by_chapter_and_article_and_shows_what_the_revision_changed() {
    let (app, addr) = spawn_web(&[]).await;
    let now = app.clock.now_utc();
    let c = publish(
        &app,
        "某市养犬管理条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(10),
    )
    .await;
    let mut browser = Browser::new(addr);

    let page = browser.get(&format!("/c/{}", c.id)).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    for expected in [
        "某市养犬管理条例（草案）",
        "第 1 稿",
        "第一章 总则",
        "第一条 目的",
        "第二章 管理",
        "第三条",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(
        !text.contains("修改了以下条文"),
        "a first draft has no changes: {text}"
    );

    let article = browser
        .get(&page.link("第二条").expect("a link to 第二条"))
        .await;
    let text = article.text();
    assert!(
        text.contains("本市行政区域内的养犬活动适用本条例。"),
        "{text}"
    );
    assert!(text.contains("第一章 总则"), "its chapter: {text}");
    assert!(
        article.link("上一条").is_some() && article.link("下一条").is_some(),
        "{text}"
    );
    let last = browser.get(&article.link("下一条").unwrap()).await;
    assert!(last.text().contains("第三条"), "{}", last.text());
    assert!(
        last.link("下一条").is_none(),
        "the last article has no next"
    );

    // 二审稿: one article rewritten, one added; both are listed and marked.
    let revised = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬及其管理活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n第四条 养犬人应当为犬只接种狂犬病疫苗。\n";
    app.db
        .consultations()
        .revise(
            c.id,
            &consult_domain::draft::parse(revised).unwrap(),
            "二审稿",
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    let page = browser.get(&format!("/c/{}", c.id)).await;
    let text = page.text();
    assert!(text.contains("第 2 稿修改了以下条文"), "{text}");
    assert!(text.contains("第二条 范围 （有修改）"), "{text}");
    assert!(text.contains("第四条 （新增）"), "{text}");
    assert!(
        !text.contains("第一条 目的 （"),
        "unchanged articles are not listed: {text}"
    );
    let changed = browser.get(&format!("/c/{}/a/2", c.id)).await;
    assert!(
        changed.body.contains("<ins>及其管理</ins>"),
        "{}",
        changed.body
    );
    assert!(
        changed.text().contains("[+ …] 为新增文字"),
        "the marks are explained in words"
    );
    let added = browser.get(&format!("/c/{}/a/4", c.id)).await;
    assert!(
        added.text().contains("本条是第 2 稿新增的"),
        "{}",
        added.text()
    );
    app.finish().await;
}

#[tokio::test]
async fn unpublished_and_withdrawn_consultations_answer_exactly_like_unknown_ids() {
    let (app, addr) = spawn_web(&[]).await;
    let now = app.clock.now_utc();
    let unpublished = unpublished(&app, "尚未发布的条例（草案）").await;
    let withdrawn = publish(
        &app,
        "撤回的条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(5),
    )
    .await;
    app.db
        .consultations()
        .withdraw(withdrawn.id, Actor::CommandLine, now)
        .await
        .unwrap();
    let mut browser = Browser::new(addr);
    let unknown = browser.get("/c/999999").await;
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.text().contains("找不到这个页面"),
        "{}",
        unknown.text()
    );
    for path in [
        format!("/c/{}", unpublished.id),
        format!("/c/{}/a/1", unpublished.id),
        format!("/c/{}", withdrawn.id),
        format!("/c/{}/a/2", withdrawn.id),
        "/c/not-a-number".to_owned(),
        "/c/1/a/99".to_owned(),
        "/no/such/page".to_owned(),
    ] {
        let page = browser.get(&path).await;
        assert_eq!(page.status, 404, "{path}");
        // The same page, but for the language switch, which links to the path asked for.
        assert_eq!(
            page.body.replace(&format!("\"{path}?"), "\"PATH?"),
            unknown.body.replace("\"/c/999999?", "\"PATH?"),
            "{path} reads exactly like an unknown id"
        );
    }
    let english = Browser::new(addr)
        .english()
        .get(&format!("/c/{}", withdrawn.id))
        .await;
    assert!(
        english.text().contains("Page not found"),
        "{}",
        english.text()
    );
    app.finish().await;
}

/// A consultation created and never published.
async fn unpublished(app: &TestApp, title: &str) -> Consultation {
    let now = app.clock.now_utc();
    let new = NewConsultation {
        title: title.into(),
        closes_at: now + Duration::days(9),
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: consult_domain::draft::parse(DRAFT).unwrap(),
        source_name: "test".into(),
    };
    app.db
        .consultations()
        .create(&new, Actor::CommandLine, now)
        .await
        .unwrap()
}

/// Closes a consultation whose deadline the clock has passed. The scheduler may have
/// closed it first (it wakes when the clock moves), which is just as good.
async fn close_past_deadline(app: &TestApp, id: i64) {
    let now = app.clock.now_utc();
    if let Err(e) = app
        .db
        .consultations()
        .close(id, Actor::CommandLine, now)
        .await
    {
        let state = app
            .db
            .consultations()
            .get(id)
            .await
            .unwrap()
            .map(|c| c.state);
        assert_eq!(state, Some(State::Closed), "closing failed: {e}");
    }
}

/// A resident following any link on the pages of an open, a closed and a concluded
/// consultation lands on a page, never on "not found": a button to a page that is not
/// built yet would strand them.
#[tokio::test]
async fn every_link_a_resident_can_follow_leads_to_a_page() {
    let (app, addr) = spawn_web(&[]).await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let now = app.clock.now_utc();
    publish(
        &app,
        "开放条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(20),
    )
    .await;
    let closed = publish(
        &app,
        "截止条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(1),
    )
    .await;
    let concluded = publish(
        &app,
        "办结条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(1),
    )
    .await;
    app.clock.advance(Duration::days(2));
    close_past_deadline(&app, closed.id).await;
    close_past_deadline(&app, concluded.id).await;
    app.db
        .decisions()
        .conclude(
            concluded.id,
            &[],
            &By::chat(1, Locale::ZhCn),
            app.clock.now_utc(),
        )
        .await
        .unwrap();

    let mut browser = Browser::new(addr);
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = vec!["/".to_owned(), "/?p=hongqiao".to_owned()];
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) || seen.len() > 200 {
            continue;
        }
        let page = browser.get(&path).await;
        assert_eq!(page.status, 200, "{path} answers {}", page.status);
        for a in page.tags("a") {
            let Some(href) = a.get("href") else { continue };
            let href = href.replace("&amp;", "&");
            if href.starts_with('/') && !seen.contains(&href) {
                queue.push(href);
            }
        }
    }
    for c in [&closed, &concluded] {
        assert!(seen.contains(&format!("/c/{}", c.id)), "{seen:?}");
    }
}
