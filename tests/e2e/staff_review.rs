//! The staff console's review and exports over HTTP (a browser's cookies, the forms as
//! the pages fill them): the ledger table filtered by each field of its query string
//! and paged; a liaison kept to their point (another point's opinion id is a 404, a
//! forged id in a bulk post is left alone, another point's sheet is a 404) and
//! informants kept out; bulk 已阅 / 转交 / 无效 changing the ledger with one audit entry
//! per opinion, as in chat; one opinion's card marking a duplicate and keeping notes;
//! review posts without this session's CSRF token refused; the XLSX and CSV downloads
//! reading back as the ledger, named in `Content-Disposition`, audited.

use consult_domain::{
    export::HEADERS,
    opinions::{Channel, Identity, NewOpinion, Stance, Status},
};

use crate::{
    export::sheets,
    staff_web::{PASSWORD, WEB, log_in, logged_in},
    support::{
        app::{ClockExt, TestApp},
        web::{Browser, Page, spawn_web},
        world::{World, publish, submit, world},
    },
};

/// Two points and the world's consultation (C1) for both, with these opinions:
///
/// | # | point | article | channel | text |
/// |---|---|---|---|---|
/// | 0 | 金桥 | 第一条 | card | 夜间遛狗必须牵绳 |
/// | 1 | 金桥 | 第三条 | web | 登记手续 |
/// | 2 | 金桥 | whole | forum | 牵绳的长度 (named, consented) |
/// | 3 | 金桥 | 第三条 | web | 登记费用 (named, no consent) |
/// | 4 | 古北 | 第一条 | web | 古北：牵绳 |
/// | 5 | 古北 | 第三条 | card | 古北：登记 |
///
/// Returns the world and the ids in that order.
async fn ledger(app: &TestApp) -> (World, Vec<i64>) {
    let w = world(app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let one =
        |i: usize, point: &str, article: Option<(u32, &str)>, channel, body: &str| NewOpinion {
            submission_key: format!("k{i}"),
            article: article.map(|(n, label)| (n, label.to_owned())),
            channel,
            body: body.to_owned(),
            ..w.opinion(point)
        };
    let (first, third) = (Some((1, "第一条")), Some((3, "第三条")));
    let mut opinions = vec![
        one(
            0,
            "jinqiao",
            first,
            Channel::Card,
            "建议写明夜间遛狗必须牵绳。",
        ),
        one(
            1,
            "jinqiao",
            third,
            Channel::Web,
            "登记手续太繁琐，建议简化。",
        ),
        one(2, "jinqiao", None, Channel::Forum, "建议规定牵绳的长度。"),
        one(3, "jinqiao", third, Channel::Web, "登记费用应当公开。"),
        one(4, "gubei", first, Channel::Web, "古北：牵绳要写清楚。"),
        one(5, "gubei", third, Channel::Card, "古北：登记要免费。"),
    ];
    opinions[2].identity = Identity::Named;
    opinions[2].submitter_name = Some("王小明".into());
    opinions[2].occupation = Some("教师".into());
    opinions[2].consent_details = true;
    opinions[2].stance = Stance::Amend;
    opinions[3].identity = Identity::Named;
    opinions[3].submitter_name = Some("李四".into());
    opinions[3].submitter_id = Some(9003);
    let ids = submit(app, &opinions).await;
    (w, ids)
}

/// The receipt numbers (of consultation C1) the table shows, in order.
fn receipts(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = page
        .text()
        .split_whitespace()
        .filter(|w| w.starts_with("C1-") && w.len() == 7)
        .map(str::to_owned)
        .collect();
    // Each row says it twice: the tick box's label, and the link.
    out.dedup();
    out
}

/// Posts the ledger's bulk form from `page` with these rows ticked.
async fn bulk(b: &mut Browser, page: &Page, ids: &[i64], action: &str, reason: &str) -> Page {
    let mut fields: Vec<(String, String)> = page
        .form("/staff/review/bulk")
        .into_iter()
        .filter(|(k, _)| k != "action" && k != "reason" && k != "id")
        .collect();
    fields.extend(ids.iter().map(|id| ("id".to_owned(), id.to_string())));
    fields.push(("action".into(), action.into()));
    fields.push(("reason".into(), reason.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post("/staff/review/bulk", &pairs).await
}

async fn status(app: &TestApp, id: i64) -> Status {
    app.db.opinions().get(id).await.unwrap().unwrap().status
}

#[tokio::test]
async fn the_ledger_table_shows_what_its_query_string_asks_for() {
    let (app, addr) = spawn_web(WEB).await;
    let (w, ids) = ledger(&app).await;
    let c = w.id();
    let (_, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;

    let page = admin.get("/staff/review").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("意见台账：共 6 条，这里是第 1–6 条"),
        "{text}"
    );
    assert_eq!(
        receipts(&page),
        [
            "C1-0001", "C1-0002", "C1-0003", "C1-0004", "C1-0005", "C1-0006"
        ]
    );
    // An admin's table names each opinion's point, and the point is a filter.
    assert!(
        text.contains("古北联系点") && text.contains("全部联系点"),
        "{text}"
    );
    // Every column has a header cell, the table its caption.
    assert!(page.body.contains("<caption id=\"ledger-caption\">"));
    assert_eq!(
        page.body.matches("<th scope=\"col\">").count(),
        9,
        "{}",
        page.body
    );

    for (query, expected) in [
        (
            format!("consultation={c}&article=3"),
            vec!["C1-0002", "C1-0004", "C1-0006"],
        ),
        (format!("consultation={c}&article=whole"), vec!["C1-0003"]),
        (
            "channel=web".to_owned(),
            vec!["C1-0002", "C1-0004", "C1-0005"],
        ),
        ("point=gubei".to_owned(), vec!["C1-0005", "C1-0006"]),
        ("q=牵绳".to_owned(), vec!["C1-0001", "C1-0003", "C1-0005"]),
        ("q=c1-0004".to_owned(), vec!["C1-0004"]),
        ("q=%25".to_owned(), vec![]),
        (
            format!("consultation=C{c}&channel=web&point=jinqiao&q=登记"),
            vec!["C1-0002", "C1-0004"],
        ),
        // An unknown point matches nothing; an unknown status is no filter at all.
        ("point=nowhere".to_owned(), vec![]),
        (
            "status=lost".to_owned(),
            vec![
                "C1-0001", "C1-0002", "C1-0003", "C1-0004", "C1-0005", "C1-0006",
            ],
        ),
    ] {
        let page = admin.get(&format!("/staff/review?{query}")).await;
        assert_eq!(page.status, 200, "{query}");
        assert_eq!(receipts(&page), expected, "{query}");
    }

    // The filter form shows the filters in force, so the next search starts there.
    let page = admin
        .get(&format!(
            "/staff/review?consultation={c}&article=3&status=received&channel=web&q=登记"
        ))
        .await;
    let form = page.form("/staff/review");
    for (name, value) in [
        ("consultation", c.to_string()),
        ("article", "3".to_owned()),
        ("status", "received".to_owned()),
        ("channel", "web".to_owned()),
        ("q", "登记".to_owned()),
    ] {
        assert!(
            form.contains(&(name.to_owned(), value.clone())),
            "{name}={value} in {form:?}"
        );
    }
    assert!(
        page.text().contains("下载 C1 的意见汇总表（XLSX）"),
        "{}",
        page.text()
    );

    // A status filter after a review.
    app.db
        .reviews()
        .act(
            ids[1],
            1,
            consult_domain::review::Scope::All,
            &consult_domain::review::Action::Reviewed,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let page = admin.get("/staff/review?status=reviewed").await;
    assert_eq!(receipts(&page), ["C1-0002"]);
    let page = admin.get("/staff/review?status=received").await;
    assert_eq!(receipts(&page).len(), 5);

    // In English, every word of the page, the coded values included.
    let mut admin = admin.english();
    let text = admin.get("/staff/review?status=reviewed").await.text();
    for words in [
        "Review opinions",
        "Ledger: one opinion",
        "All contact points",
        "Receipt number",
        "第三条",
        "reviewed",
        "web",
        "Mark as reviewed",
        "Forward to the Legislative Affairs Commission",
    ] {
        assert!(text.contains(words), "{words} in {text}");
    }
    app.finish().await;
}

#[tokio::test]
async fn the_table_comes_fifty_rows_a_page_newest_consultation_first() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .open()
        .await;
    let later = publish(
        &app,
        "某市物业管理条例（草案）",
        crate::support::world::DRAFT,
        consult_domain::consultations::Scope::All,
        app.clock.now_utc() + chrono::Duration::days(5),
    )
    .await;
    let mut opinions: Vec<NewOpinion> = (0..55)
        .map(|i| NewOpinion {
            submission_key: format!("k{i}"),
            body: format!("第{i}号意见的内容。"),
            ..w.opinion("jinqiao")
        })
        .collect();
    opinions.push(NewOpinion {
        submission_key: "later".into(),
        consultation_id: later.id,
        body: "物业的意见。".into(),
        ..w.opinion("jinqiao")
    });
    submit(&app, &opinions).await;
    let (_, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;

    let first = b.get("/staff/review").await;
    let text = first.text();
    assert!(text.contains("共 56 条，这里是第 1–50 条"), "{text}");
    assert!(text.contains("第 1 / 2 页"), "{text}");
    // The newer consultation's opinion comes first, then C1 in receipt order.
    let mut shown: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.starts_with('C') && w.contains('-') && w.len() <= 8)
        .map(str::to_owned)
        .collect();
    shown.dedup();
    assert_eq!(shown[0], format!("{}-0001", later.code()));
    assert_eq!(shown[1], "C1-0001");
    let next = first.link("下一页").expect("a next page");
    assert_eq!(next, "/staff/review?page=2");
    let second = b.get(&next).await;
    let text = second.text();
    assert!(
        text.contains("第 51–56 条") && text.contains("第 2 / 2 页"),
        "{text}"
    );
    assert!(
        text.contains("C1-0055") && !text.contains("C1-0049"),
        "{text}"
    );
    assert_eq!(second.link("上一页").as_deref(), Some("/staff/review"));
    // A page past the end shows the last one; filters stay in the page links.
    let past = b.get("/staff/review?page=9").await;
    assert!(past.text().contains("第 2 / 2 页"));
    let filtered = b.get("/staff/review?q=%E6%84%8F%E8%A7%81").await;
    assert_eq!(
        filtered.link("下一页").as_deref(),
        Some("/staff/review?q=%E6%84%8F%E8%A7%81&page=2")
    );
    app.finish().await;
}

#[tokio::test]
async fn a_liaison_reviews_only_their_point_and_informants_review_nothing() {
    let (app, addr) = spawn_web(WEB).await;
    let (w, ids) = ledger(&app).await;
    let only_gubei = publish(
        &app,
        "古北专项条例（草案）",
        crate::support::world::DRAFT,
        consult_domain::consultations::Scope::Points(vec![w.point("gubei")]),
        app.clock.now_utc() + chrono::Duration::days(5),
    )
    .await;
    let (_, mut liaison) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;

    let page = liaison.get("/staff/review").await;
    assert_eq!(
        receipts(&page),
        ["C1-0001", "C1-0002", "C1-0003", "C1-0004"]
    );
    let text = page.text();
    assert!(!text.contains("古北"), "{text}");
    assert!(!page.body.contains("name=\"point\""), "no point filter");
    // Naming another point in the query string shows nothing of it.
    let page = liaison.get("/staff/review?point=gubei").await;
    assert_eq!(receipts(&page), Vec::<String>::new());
    assert!(page.text().contains("没有符合筛选条件的意见"));

    // Another point's opinion: the same 404 as an id never used, to look or to act.
    let card = liaison.get(&format!("/staff/opinions/{}", ids[0])).await;
    let csrf = card.field(&format!("/staff/opinions/{}/note", ids[0]), "csrf");
    let csrf = csrf.expect("a note form with a token");
    for id in [ids[4], 999_999] {
        assert_eq!(
            liaison.get(&format!("/staff/opinions/{id}")).await.status,
            404
        );
        let page = liaison
            .post(
                &format!("/staff/opinions/{id}/review"),
                &[("csrf", csrf.as_str()), ("action", "reviewed")],
            )
            .await;
        assert_eq!(page.status, 404);
        assert!(page.text().contains("找不到这个页面"));
    }
    // A forged id in a bulk post is left alone, and counted so.
    let table = liaison.get("/staff/review").await;
    let page = bulk(&mut liaison, &table, &[ids[0], ids[4]], "reviewed", "").await;
    assert!(
        page.text().contains(
            "已将 1 条意见标为已阅。 另有 1 条已撤回或不在您可以审阅的范围内，没有改动。"
        ),
        "{}",
        page.text()
    );
    assert_eq!(status(&app, ids[0]).await, Status::Reviewed);
    assert_eq!(status(&app, ids[4]).await, Status::Received);
    // Another point's consultation has no sheet for them; their own has theirs only.
    let other = format!("/staff/export/{}.xlsx", only_gubei.code());
    assert_eq!(liaison.get(&other).await.status, 404);
    let page = liaison.get("/staff/export").await;
    assert!(!page.text().contains("古北专项条例"), "{}", page.text());
    assert!(
        page.text().contains("范围：金桥联系点的意见"),
        "{}",
        page.text()
    );

    // Informants review and export nothing: no menu entry, and a 404 if they try.
    let (_, mut informant) = logged_in(&app, addr, "xin", "informant", Some("jinqiao")).await;
    let dashboard = informant.get("/staff").await;
    assert!(!dashboard.body.contains("href=\"/staff/review\""));
    for path in [
        "/staff/review".to_owned(),
        "/staff/export".to_owned(),
        "/staff/export/all.xlsx".to_owned(),
        format!("/staff/opinions/{}", ids[1]),
    ] {
        assert_eq!(informant.get(&path).await.status, 404, "{path}");
    }
    let token = dashboard.field("/staff/logout", "csrf").unwrap();
    let page = informant
        .post(
            "/staff/review/bulk",
            &[
                ("csrf", token.as_str()),
                ("id", &ids[1].to_string()),
                ("action", "reviewed"),
            ],
        )
        .await;
    assert_eq!(page.status, 404);
    assert_eq!(status(&app, ids[1]).await, Status::Received);
    app.finish().await;
}

#[tokio::test]
async fn bulk_actions_change_the_ledger_and_audit_each_opinion() {
    let (app, addr) = spawn_web(WEB).await;
    let (w, ids) = ledger(&app).await;
    let (person, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    // The resident withdraws C1-0004 after the page was drawn.
    let table = b
        .get(&format!(
            "/staff/review?consultation={}&status=received",
            w.id()
        ))
        .await;
    assert_eq!(
        receipts(&table),
        ["C1-0001", "C1-0002", "C1-0003", "C1-0004"]
    );
    app.db
        .opinions()
        .withdraw(ids[3], 9003, app.clock.now_utc())
        .await
        .unwrap();

    // Nothing ticked, no reason for 无效: said, and nothing changes.
    let page = bulk(&mut b, &table, &[], "reviewed", "").await;
    assert_eq!(page.status, 422);
    assert!(
        page.text().contains("请先勾选要处理的意见"),
        "{}",
        page.text()
    );
    let page = bulk(&mut b, &table, &[ids[0], ids[1]], "invalid", " ").await;
    assert_eq!(page.status, 422);
    assert!(
        page.text().contains("标为无效需要写明理由"),
        "{}",
        page.text()
    );
    // What was ticked stays ticked.
    let ticked: Vec<String> = page
        .form("/staff/review/bulk")
        .into_iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(ticked, [ids[0].to_string(), ids[1].to_string()]);
    assert_eq!(status(&app, ids[0]).await, Status::Received);

    let page = bulk(&mut b, &table, &[ids[0], ids[1], ids[3]], "reviewed", "").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("已将 2 条意见标为已阅。 另有 1 条已撤回"),
        "{text}"
    );
    // Back on the same filtered view: only what still waits.
    assert_eq!(receipts(&page), ["C1-0003"]);
    assert_eq!(status(&app, ids[0]).await, Status::Reviewed);
    assert_eq!(status(&app, ids[1]).await, Status::Reviewed);
    assert_eq!(status(&app, ids[3]).await, Status::Withdrawn);
    // A withdrawn opinion is shown without its forms.
    let card = b.get(&format!("/staff/opinions/{}", ids[3])).await;
    assert!(
        card.text()
            .contains("这条意见已经撤回，只能查看，不能处理。")
    );
    assert!(
        !card
            .body
            .contains("method=\"post\" action=\"/staff/opinions/")
    );

    let page = bulk(&mut b, &table, &[ids[1]], "forwarded", "").await;
    assert!(page.text().contains("已将 1 条意见标为转交法工委。"));
    assert_eq!(status(&app, ids[1]).await, Status::Forwarded);
    let page = bulk(
        &mut b,
        &table,
        &[ids[2], ids[0]],
        "invalid",
        "与本次草案无关",
    )
    .await;
    assert!(
        page.text().contains("已将 2 条意见标为无效。"),
        "{}",
        page.text()
    );
    for id in [ids[0], ids[2]] {
        assert_eq!(status(&app, id).await, Status::Invalid);
        let info = app.db.reviews().info(id).await.unwrap();
        assert_eq!(info.invalid_reason.as_deref(), Some("与本次草案无关"));
        assert_eq!(info.reviewed_by, Some(person));
    }

    // One entry per opinion changed, as a button in chat writes it, by this person.
    let mut log = app.db.audit().list(Some("review."), 100).await.unwrap();
    log.reverse();
    let seen: Vec<(Option<i64>, &str, String)> = log
        .iter()
        .map(|e| (e.actor, e.action.as_str(), e.subject.clone()))
        .collect();
    let subject = |i: usize| format!("opinion:{}", ids[i]);
    assert_eq!(
        seen,
        [
            (Some(person), "review.reviewed", subject(0)),
            (Some(person), "review.reviewed", subject(1)),
            (Some(person), "review.forwarded", subject(1)),
            (Some(person), "review.invalid", subject(0)),
            (Some(person), "review.invalid", subject(2)),
        ]
    );
    assert_eq!(log[4].detail.0["reason"], "与本次草案无关");
    assert_eq!(log[4].detail.0["receipt"], "C1-0003");
    app.finish().await;
}

#[tokio::test]
async fn review_posts_need_this_sessions_csrf_token() {
    let (app, addr) = spawn_web(WEB).await;
    let (_, ids) = ledger(&app).await;
    let (_, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let (_, mut other) = logged_in(&app, addr, "zhang", "liaison", Some("jinqiao")).await;
    let table = b.get("/staff/review").await;
    let token = table.field("/staff/review/bulk", "csrf").expect("a token");
    let others = other
        .get("/staff/review")
        .await
        .field("/staff/review/bulk", "csrf")
        .unwrap();
    let id = ids[0].to_string();
    let card = format!("/staff/opinions/{id}");

    let tries: [(String, Vec<(&str, &str)>); 4] = [
        (
            "/staff/review/bulk".into(),
            vec![("id", &id), ("action", "reviewed")],
        ),
        (
            "/staff/review/bulk".into(),
            vec![("csrf", &others), ("id", &id), ("action", "reviewed")],
        ),
        (format!("{card}/note"), vec![("text", "没有令牌的备注")]),
        (
            format!("{card}/review"),
            vec![("csrf", &others), ("action", "forwarded")],
        ),
    ];
    for (path, fields) in &tries {
        let page = b.post(path, fields).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(page.text().contains("这次操作没有执行"), "{}", page.text());
    }
    // Replayed: this session's token after logging out and in again.
    let out = b.post("/staff/logout", &[("csrf", token.as_str())]).await;
    assert!(out.text().contains("您已退出登录。"));
    log_in(&mut b, "li", PASSWORD).await;
    let page = b
        .post(
            "/staff/review/bulk",
            &[
                ("csrf", token.as_str()),
                ("id", &id),
                ("action", "reviewed"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert_eq!(status(&app, ids[0]).await, Status::Received);
    assert!(app.db.reviews().notes(ids[0]).await.unwrap().is_empty());
    assert!(
        app.db
            .audit()
            .list(Some("review."), 10)
            .await
            .unwrap()
            .is_empty()
    );
    app.finish().await;
}

#[tokio::test]
async fn one_opinions_card_marks_a_duplicate_among_similar_ones_and_keeps_notes() {
    let (app, addr) = spawn_web(WEB).await;
    let (_, ids) = ledger(&app).await;
    let (person, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;

    // Identity as far as consent goes: a name with consent, none without.
    let named = b.get(&format!("/staff/opinions/{}", ids[2])).await.text();
    assert!(
        named.contains("姓名：王小明") && named.contains("职业：教师"),
        "{named}"
    );
    let withheld = b.get(&format!("/staff/opinions/{}", ids[3])).await.text();
    assert!(
        withheld.contains("实名（未同意保存身份信息）"),
        "{withheld}"
    );
    assert!(!withheld.contains("李四"), "{withheld}");

    let path = format!("/staff/opinions/{}", ids[3]);
    let card = b.get(&path).await;
    let text = card.text();
    assert!(text.contains("与 C1-0004 重复的是哪一条意见？"), "{text}");
    // The similar ones: the same article first, then the rest of this point's.
    let offered: Vec<String> = card
        .tags("input")
        .into_iter()
        .filter(|i| i.get("name").is_some_and(|n| n == "of"))
        .filter_map(|i| i.get("value").cloned())
        .collect();
    assert_eq!(
        offered,
        [ids[1], ids[2], ids[0]].map(|i| i.to_string()),
        "{text}"
    );
    let duplicate = format!("{path}/duplicate");
    let page = b.submit(&card, &duplicate, &[]).await;
    assert_eq!(page.status, 422, "nothing chosen");
    assert!(
        page.text().contains("请从列出的意见中选择"),
        "{}",
        page.text()
    );
    // Another point's opinion is not a choice, even posted by hand.
    let page = b
        .submit(&card, &duplicate, &[("of", &ids[5].to_string())])
        .await;
    assert_eq!(page.status, 422);
    assert_eq!(status(&app, ids[3]).await, Status::Received);

    let page = b
        .submit(&card, &duplicate, &[("of", &ids[1].to_string())])
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("已将 C1-0004 标为与 C1-0002 重复。"),
        "{text}"
    );
    assert!(text.contains("重复于 C1-0002"), "{text}");
    assert_eq!(status(&app, ids[3]).await, Status::Duplicate);
    assert_eq!(
        app.db.reviews().info(ids[3]).await.unwrap().duplicate_of,
        Some(ids[1])
    );

    let note = format!("{path}/note");
    let page = b.submit(&page, &note, &[("text", "  ")]).await;
    assert!(page.text().contains("备注是空的"), "{}", page.text());
    let page = b
        .submit(
            &page,
            &note,
            &[("text", "已电话联系提出人，<b>确认</b>重复。")],
        )
        .await;
    let text = page.text();
    assert!(text.contains("已为 C1-0004 添加备注。"), "{text}");
    assert!(
        text.contains("已电话联系提出人，<b>确认</b>重复。"),
        "escaped: {text}"
    );
    assert!(!page.body.contains("<b>确认"), "escaped in the page");

    let invalid = format!("/staff/opinions/{}/invalid", ids[0]);
    let card = b.get(&format!("/staff/opinions/{}", ids[0])).await;
    let page = b
        .submit(&card, &invalid, &[("text", "重复提交的测试内容")])
        .await;
    assert!(
        page.text().contains("无效的理由 重复提交的测试内容"),
        "{}",
        page.text()
    );
    let review = format!("/staff/opinions/{}/review", ids[2]);
    let card = b.get(&format!("/staff/opinions/{}", ids[2])).await;
    let page = b.submit(&card, &review, &[("action", "forwarded")]).await;
    assert!(
        page.text().contains("已将 C1-0003 标为转交法工委。"),
        "{}",
        page.text()
    );

    let mut log = app.db.audit().list(Some("review."), 10).await.unwrap();
    log.reverse();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "review.duplicate",
            "review.note",
            "review.invalid",
            "review.forwarded"
        ]
    );
    assert!(log.iter().all(|e| e.actor == Some(person)));
    assert_eq!(log[0].detail.0["duplicate_of"], ids[1]);

    app.finish().await;
}

#[tokio::test]
async fn the_sheets_download_as_the_ledger_named_and_audited() {
    let (app, addr) = spawn_web(WEB).await;
    let (w, ids) = ledger(&app).await;
    let (admin_id, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;
    let (liaison_id, mut liaison) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let table = liaison.get("/staff/review").await;
    bulk(&mut liaison, &table, &[ids[0], ids[1]], "reviewed", "").await;

    let page = admin.get("/staff/export").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("范围：全部联系点的意见"), "{text}");
    assert!(page.link("下载全部草案").is_some(), "{text}");
    let xlsx = format!("/staff/export/{}.xlsx", w.consultation.code());
    assert!(page.body.contains(&format!("href=\"{xlsx}\"")));

    let file = admin.get(&xlsx).await;
    assert_eq!(file.status, 200);
    assert_eq!(
        file.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let disposition = file.headers["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        "attachment; filename=\"C1-20261124-0900.xlsx\"; \
         filename*=UTF-8''%E6%84%8F%E8%A7%81%E6%B1%87%E6%80%BB%E8%A1%A8-C1-20261124-0900.xlsx"
    );
    assert_eq!(file.headers["cache-control"], "no-store");
    // The test browser keeps bodies as text: read the bytes again, as they came.
    let bytes = raw(addr, &admin, &xlsx).await;
    let book = sheets(&bytes);
    let rows = &book[0].1;
    assert_eq!(rows[0], HEADERS);
    // Row by row the ledger: receipt, text, point and status as the database has them.
    let ledger = app.db.opinions().on(w.id()).await.unwrap();
    assert_eq!(rows.len(), ledger.len() + 1);
    for (row, o) in rows[1..].iter().zip(&ledger) {
        assert_eq!(row[1], o.receipt);
        assert_eq!(row[5], o.body);
        let status = match o.status {
            Status::Reviewed => "已阅",
            Status::Received => "已收到",
            other => panic!("{other:?}"),
        };
        assert_eq!(row[12], status, "{row:?}");
    }
    assert_eq!(rows[3][7], "王小明", "named with consent");
    assert_eq!(rows[4][7], "匿名", "named without consent");

    // The liaison's: their point only, the same columns; the CSV the same rows.
    let mine = sheets(&raw(addr, &liaison, &xlsx).await);
    let receipts: Vec<&str> = mine[0].1[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(receipts, ["C1-0001", "C1-0002", "C1-0003", "C1-0004"]);
    let csv_path = format!("/staff/export/{}.csv", w.consultation.code());
    let csv = liaison.get(&csv_path).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("-jinqiao-20261124-0900.csv")
    );
    assert!(csv.body.starts_with('\u{feff}'), "BOM");
    let csv_rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(csv_rows[..], mine[0].1[..]);
    let all = sheets(&raw(addr, &liaison, "/staff/export/all.xlsx").await);
    assert!(!format!("{all:?}").contains("古北"), "{all:?}");
    // What is no file: a CSV of everything, a draft never published, a mistyped name.
    for path in [
        "/staff/export/all.csv",
        "/staff/export/C99.xlsx",
        "/staff/export/x",
    ] {
        assert_eq!(admin.get(path).await.status, 404, "{path}");
    }

    let mut log = app.db.audit().list(Some("export"), 10).await.unwrap();
    log.reverse();
    let seen: Vec<(Option<i64>, String, String, Option<String>)> = log
        .iter()
        .map(|e| {
            (
                e.actor,
                e.subject.clone(),
                e.detail.0["format"].as_str().unwrap_or_default().to_owned(),
                e.detail.0["point"].as_str().map(str::to_owned),
            )
        })
        .collect();
    let jinqiao = Some("jinqiao".to_owned());
    assert_eq!(
        seen,
        [
            (Some(admin_id), "C1".into(), "xlsx".into(), None),
            (Some(admin_id), "C1".into(), "xlsx".into(), None),
            (
                Some(liaison_id),
                "C1".into(),
                "xlsx".into(),
                jinqiao.clone()
            ),
            (Some(liaison_id), "C1".into(), "csv".into(), jinqiao.clone()),
            (Some(liaison_id), "all".into(), "xlsx".into(), jinqiao),
        ]
    );

    // An English reader's sheet speaks English in its coded cells.
    let english = raw_english(addr, &admin, &xlsx).await;
    let book = sheets(&english);
    assert_eq!(book[0].1[1][12], "reviewed");
    app.finish().await;
}

/// The body of `path` as bytes, with the cookies of `b` (its session).
async fn raw(addr: std::net::SocketAddr, b: &Browser, path: &str) -> Vec<u8> {
    fetch(addr, b, path, "zh-CN").await
}

async fn raw_english(addr: std::net::SocketAddr, b: &Browser, path: &str) -> Vec<u8> {
    fetch(addr, b, path, "en").await
}

async fn fetch(addr: std::net::SocketAddr, b: &Browser, path: &str, lang: &str) -> Vec<u8> {
    let jar: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let resp = reqwest::Client::new()
        .get(format!("http://{addr}{path}"))
        .header("Cookie", jar.join("; "))
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    resp.bytes().await.unwrap().to_vec()
}
