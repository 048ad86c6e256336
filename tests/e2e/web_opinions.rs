//! The web channel, giving an opinion: the form, the read-back, the receipt and its
//! status link (edit, withdraw, the outcome), "my opinions", and everything refused on
//! the way (closed, forged, flooded, repeated) with what was typed kept.

use chrono::Duration;
use consult_domain::{
    Actor, Db,
    announce::By,
    consultations::{Consultation, Scope},
    decisions::{NewDecision, Outcome, Target},
    opinions::{Channel, Identity, Opinion, Status},
    people::Locale,
};
use consult_web::miniapp::{self, BotToken};

use crate::support::{
    app::{ClockExt, TestApp},
    web::{Browser, Page, spawn_web},
    world::{DRAFT, point_id, publish},
};

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

const OPINION: &str = "建议明确夜间遛狗必须牵绳，并写明处罚标准。";

async fn open_consultation(app: &TestApp) -> Consultation {
    let days = app.clock.now_utc() + Duration::days(10);
    publish(app, "某市养犬管理条例（草案）", DRAFT, Scope::All, days).await
}

/// The ledger's opinions on a consultation.
async fn ledger(app: &TestApp, c: i64) -> Vec<Opinion> {
    app.db.opinions().on(c).await.expect("ledger")
}

/// Fills in the form on `form` and goes to the read-back.
async fn fill(browser: &mut Browser, form: &Page, action: &str, set: &[(&str, &str)]) -> Page {
    browser.submit(form, action, set).await
}

/// From the read-back to the stored opinion's receipt page.
async fn confirm(browser: &mut Browser, review: &Page, submit: &str) -> Page {
    browser.submit(review, submit, &[]).await
}

#[tokio::test]
async fn a_resident_follows_a_posters_link_to_a_receipt_and_back_to_the_outcome() {
    let (app, addr) = spawn_web(&["--web-url", "https://yijian.example.org/"]).await;
    app.point("gubei", "古北联系点").await;
    let gubei = point_id(&app, "gubei").await;
    let c = open_consultation(&app).await;
    let mut browser = Browser::new(addr);

    // The poster's link names the point; the article page's button chooses the article.
    let article = browser.get(&format!("/c/{}/a/2?p=gubei", c.id)).await;
    let to_form = article.link("对本条提意见").expect("a button to comment");
    assert_eq!(to_form, format!("/c/{}/opinion?a=2&p=gubei", c.id));
    let form = browser.get(&to_form).await;
    assert_eq!(form.status, 200);
    let action = format!("/c/{}/opinion?p=gubei", c.id);
    assert_eq!(form.field(&action, "article").as_deref(), Some("2"));
    for label in [
        "您的看法",
        "您的意见（5–2000 字）",
        "个人信息说明",
        "保存我这次填写的身份信息",
    ] {
        assert!(form.text().contains(label), "{label} in {}", form.text());
    }

    let review = fill(
        &mut browser,
        &form,
        &action,
        &[
            ("stance", "amend"),
            ("body", OPINION),
            ("wording", "携带犬只外出的，应当为犬只束犬链。"),
            ("identity", "named"),
            ("name", "张三"),
            ("district", "长宁区古北路街道"),
            ("consent_details", "on"),
            ("consent_quote", "on"),
        ],
    )
    .await;
    assert_eq!(review.status, 200, "{}", review.text());
    let text = review.text();
    for shown in [
        "请核对您的意见",
        "第二条",
        "修改建议",
        OPINION,
        "实名：张三",
        "长宁区古北路街道",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert!(
        ledger(&app, c.id).await.is_empty(),
        "nothing stored before 提交"
    );

    let submit = format!("/c/{}/opinion/submit?p=gubei", c.id);
    let receipt = confirm(&mut browser, &review, &submit).await;
    assert_eq!(receipt.status, 200, "{}", receipt.text());
    let number = format!("C{}-0001", c.id);
    let text = receipt.text();
    assert!(text.contains("已收到您的意见"), "{text}");
    assert!(text.contains(&number), "{text}");
    // The private status link, written out to keep: the public base and a long secret.
    let link = text
        .split_whitespace()
        .find(|w| w.starts_with("https://yijian.example.org/o/"))
        .expect("the status link on the receipt")
        .to_owned();
    let token = link
        .trim_start_matches("https://yijian.example.org/o/")
        .to_owned();
    assert_eq!(token.len(), 43, "{token}");

    let stored = ledger(&app, c.id).await;
    assert_eq!(stored.len(), 1);
    let o = &stored[0];
    assert_eq!(o.receipt, number);
    assert_eq!(o.channel, Channel::Web);
    assert_eq!(o.point_id, Some(gubei));
    assert_eq!(o.article_label.as_deref(), Some("第二条"));
    assert_eq!(o.identity, Identity::Named);
    assert_eq!(o.submitter_name.as_deref(), Some("张三"));
    assert_eq!(o.district.as_deref(), Some("长宁区古北路街道"));
    assert_eq!(
        o.proposed_wording.as_deref(),
        Some("携带犬只外出的，应当为犬只束犬链。")
    );
    assert!(o.consent_quote && o.consent_details);
    assert_eq!(o.submitter_id, None);

    // 提交 again (a double press, a resent post): the same receipt, one opinion.
    let again = confirm(&mut browser, &review, &submit).await;
    assert!(again.text().contains(&number), "{}", again.text());
    assert_eq!(ledger(&app, c.id).await.len(), 1);
    // Only a hash of the secret is in the database.
    let sql = format!(
        "SELECT COUNT(*) FROM web_opinions WHERE token_hash LIKE '%{token}%'
             OR browser_hash LIKE '%{token}%'"
    );
    assert_eq!(count(&app.db, &sql).await, 0);
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM web_opinions").await, 1);

    // The status link, opened later (another browser too: the link is the key).
    let mut phone = Browser::new(addr);
    let status = phone.get(&format!("/o/{token}")).await;
    let text = status.text();
    assert!(text.contains(OPINION) && text.contains("已收到"), "{text}");
    assert!(text.contains("还没有办理结果"), "{text}");
    assert_eq!(
        phone.get(&format!("/o/{}", "x".repeat(43))).await.status,
        404
    );

    // Edit before the deadline: the ledger keeps the earlier text.
    let edit_page = phone.get(&format!("/o/{token}/edit")).await;
    let edit_action = format!("/o/{token}/edit");
    let edited = phone
        .submit(
            &edit_page,
            &edit_action,
            &[("body", "建议夜间遛狗一律牵绳，违者处二百元罚款。")],
        )
        .await;
    assert!(
        edited.text().contains("违者处二百元罚款"),
        "{}",
        edited.text()
    );
    assert!(
        edited.text().contains("修改记录（1 次）"),
        "{}",
        edited.text()
    );
    let history = app.db.opinions().history(o.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].body, OPINION);

    // "My opinions" in the browser that gave it, and nothing in another.
    let mine = browser.get("/mine").await;
    assert!(mine.text().contains(&number), "{}", mine.text());
    assert!(phone.get("/mine").await.text().contains("还没有提交过意见"));

    // After the deadline: no more changes; then the decision, once released.
    app.clock.advance(Duration::days(11));
    let now = app.clock.now_utc();
    // (The bot's scheduler may close it at the deadline first.)
    let _ = app
        .db
        .consultations()
        .close(c.id, Actor::CommandLine, now)
        .await;
    let closed = phone.get(&format!("/o/{token}")).await;
    assert!(closed.link("修改意见").is_none(), "{}", closed.text());
    let late = phone
        .post(
            &edit_action,
            &[
                ("body", "截止以后再改的内容。"),
                ("csrf", &edit_page.field(&edit_action, "csrf").unwrap()),
            ],
        )
        .await;
    assert_eq!(late.status, 409);
    assert!(
        late.text().contains("截止以后再改的内容"),
        "kept: {}",
        late.text()
    );

    let decisions = app.db.decisions();
    let decision = NewDecision {
        outcome: Outcome::Partly,
        reason: "第二条已增加牵绳要求，罚款标准另行规定。".into(),
        summary: None,
    };
    decisions
        .decide(Target::Opinion(o.id), &decision, 1, now)
        .await
        .unwrap();
    let before = phone.get(&format!("/o/{token}")).await;
    assert!(
        !before.text().contains("部分采纳"),
        "not before release: {}",
        before.text()
    );
    let pending = decisions.pending(c.id).await.unwrap();
    let items: Vec<_> = pending.into_iter().map(|p| (p, None)).collect();
    decisions
        .release(c.id, &items, &By::chat(1, Locale::ZhCn), now)
        .await
        .unwrap();
    let after = phone.get(&format!("/o/{token}")).await.text();
    assert!(after.contains("部分采纳"), "{after}");
    assert!(after.contains("罚款标准另行规定"), "{after}");
    assert!(browser.get("/mine").await.text().contains("部分采纳"));
    app.finish().await;
}

#[tokio::test]
async fn a_withdrawn_opinion_stays_in_the_ledger_marked_withdrawn() {
    let (app, addr) = spawn_web(&[]).await;
    let c = open_consultation(&app).await;
    let mut browser = Browser::new(addr);
    let token = give(&mut browser, c.id, OPINION).await;
    let confirm_page = browser.get(&format!("/o/{token}/withdraw")).await;
    assert!(
        confirm_page.text().contains("确定要撤回吗"),
        "{}",
        confirm_page.text()
    );
    let action = format!("/o/{token}/withdraw");
    let done = browser.submit(&confirm_page, &action, &[]).await;
    assert!(done.text().contains("已撤回"), "{}", done.text());
    assert!(done.link("撤回意见").is_none());
    let stored = ledger(&app, c.id).await;
    assert_eq!(stored[0].status, Status::Withdrawn);
    assert_eq!(
        app.db.opinions().history(stored[0].id).await.unwrap().len(),
        1
    );
    app.finish().await;
}

/// Gives an anonymous supporting opinion from `browser` and returns its status token.
pub(crate) async fn give(browser: &mut Browser, c: i64, body: &str) -> String {
    let form = browser.get(&format!("/c/{c}/opinion")).await;
    let action = format!("/c/{c}/opinion");
    let review = browser
        .submit(&form, &action, &[("stance", "support"), ("body", body)])
        .await;
    assert_eq!(review.status, 200, "{}", review.text());
    let submit = format!("/c/{c}/opinion/submit");
    let page = browser.submit(&review, &submit, &[]).await;
    assert!(page.text().contains("已收到您的意见"), "{}", page.text());
    let token = page
        .tags("a")
        .into_iter()
        .filter_map(|a| a.get("href").cloned())
        .find_map(|h| h.strip_suffix("/edit").map(str::to_owned))
        .expect("an edit link on the receipt");
    token.trim_start_matches("/o/").to_owned()
}

#[tokio::test]
async fn bad_input_gets_a_page_in_the_persons_language_that_keeps_what_they_typed() {
    let (app, addr) = spawn_web(&[]).await;
    let c = open_consultation(&app).await;
    let action = format!("/c/{}/opinion", c.id);
    let submit = format!("/c/{}/opinion/submit", c.id);
    let mut browser = Browser::new(addr);
    let form = browser.get(&action).await;

    // Too short, no stance, 实名 without a name: each named, nothing lost.
    let page = browser
        .submit(
            &form,
            &action,
            &[
                ("body", "太短"),
                ("identity", "named"),
                ("district", "长宁区"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    let text = page.text();
    for problem in [
        "意见太短了（至少 5 个字）",
        "请选择您的看法",
        "请填写 1–50 个字",
    ] {
        assert!(text.contains(problem), "{problem} in {text}");
    }
    assert_eq!(page.field(&action, "body").as_deref(), Some("太短"));
    assert_eq!(page.field(&action, "district").as_deref(), Some("长宁区"));
    assert_eq!(page.field(&action, "identity").as_deref(), Some("named"));

    // Too long: the count, and the text kept in full.
    let long = "长".repeat(2001);
    let page = browser
        .submit(&form, &action, &[("stance", "oppose"), ("body", &long)])
        .await;
    assert!(
        page.text().contains("最多 2000 个字，现在 2001 个字"),
        "{}",
        page.text()
    );
    assert_eq!(page.field(&action, "body").as_deref(), Some(long.as_str()));

    // A post from another site (no token of this browser's) is refused, text kept.
    let mut fields: Vec<(&str, &str)> = vec![
        ("stance", "support"),
        ("body", OPINION),
        ("nonce", "AAAAAAAAAAAAAAAAAAAAAA"),
    ];
    let forged = browser.post(&submit, &fields).await;
    assert_eq!(forged.status, 403);
    assert!(forged.text().contains("页面已经过期"), "{}", forged.text());
    assert_eq!(forged.field(&action, "body").as_deref(), Some(OPINION));
    // A browser without its cookie is refused too.
    let csrf = form.field(&action, "csrf").unwrap();
    fields.push(("csrf", &csrf));
    assert_eq!(Browser::new(addr).post(&submit, &fields).await.status, 403);

    // The honeypot filled in (a robot): refused, nothing stored.
    let review = browser
        .submit(&form, &action, &[("stance", "support"), ("body", OPINION)])
        .await;
    let trapped = browser
        .submit(&review, &submit, &[("website", "http://spam.example")])
        .await;
    assert_eq!(trapped.status, 400);
    assert!(ledger(&app, c.id).await.is_empty());

    // 返回修改 from the read-back: the form again, filled in.
    // (The read-back's one form; this button posts it to the form's address.)
    let mut fields = review.form(&submit);
    fields.push(("back".into(), "1".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let back = browser.post(&action, &pairs).await;
    assert_eq!(back.field(&action, "body").as_deref(), Some(OPINION));
    assert_eq!(back.field(&action, "stance").as_deref(), Some("support"));

    // In English for an English browser.
    let mut english = Browser::new(addr).english();
    let form = english.get(&action).await;
    let page = english.submit(&form, &action, &[("body", "short")]).await;
    let text = page.text();
    assert!(text.contains("Please choose your view"), "{text}");
    assert!(!text.contains("请选择"), "{text}");
    app.finish().await;
}

#[tokio::test]
async fn closed_and_unpublished_consultations_accept_nothing() {
    let (app, addr) = spawn_web(&[]).await;
    let c = open_consultation(&app).await;
    let mut browser = Browser::new(addr);
    let action = format!("/c/{}/opinion", c.id);
    let form = browser.get(&action).await;
    let review = browser
        .submit(&form, &action, &[("stance", "support"), ("body", OPINION)])
        .await;
    app.clock.advance(Duration::days(11));
    let submit = format!("/c/{}/opinion/submit", c.id);
    let late = browser.submit(&review, &submit, &[]).await;
    assert_eq!(late.status, 409);
    let text = late.text();
    assert!(text.contains("征求意见已截止"), "{text}");
    assert!(text.contains(OPINION), "the text is kept to copy: {text}");
    assert!(ledger(&app, c.id).await.is_empty());
    let page = browser.get(&format!("/c/{}", c.id)).await;
    assert!(page.link("提交意见").is_none(), "{}", page.text());

    for id in [c.id + 100, 0] {
        assert_eq!(browser.get(&format!("/c/{id}/opinion")).await.status, 404);
    }
    app.finish().await;
}

#[tokio::test]
async fn the_hourly_limit_and_the_same_text_twice_are_one_opinion_each() {
    let (app, addr) = spawn_web(&["--opinions-per-hour", "2"]).await;
    let c = open_consultation(&app).await;
    let mut browser = Browser::new(addr);
    give(&mut browser, c.id, OPINION).await;

    // The same text again within the hour: one opinion, its receipt named.
    let action = format!("/c/{}/opinion", c.id);
    let submit = format!("/c/{}/opinion/submit", c.id);
    let form = browser.get(&action).await;
    let review = browser
        .submit(&form, &action, &[("stance", "support"), ("body", OPINION)])
        .await;
    let same = browser.submit(&review, &submit, &[]).await;
    assert!(
        same.text().contains(&format!("C{}-0001", c.id)),
        "{}",
        same.text()
    );
    assert!(same.text().contains("没有重复登记"), "{}", same.text());
    assert_eq!(ledger(&app, c.id).await.len(), 1);

    give(&mut browser, c.id, "第二条意见：建议增加文明养犬宣传。").await;
    let review = browser
        .submit(
            &form,
            &action,
            &[("stance", "oppose"), ("body", "第三条意见：登记费用太高。")],
        )
        .await;
    let flooded = browser.submit(&review, &submit, &[]).await;
    assert_eq!(flooded.status, 429);
    assert!(
        flooded.text().contains("一小时内已经提交了 2 条意见"),
        "{}",
        flooded.text()
    );
    assert_eq!(
        flooded.field(&action, "body").as_deref(),
        Some("第三条意见：登记费用太高。")
    );
    assert_eq!(ledger(&app, c.id).await.len(), 2);

    // Another browser is a different resident; after the hour the first may go on.
    let mut other = Browser::new(addr);
    other.forwarded_for = Some("203.0.113.9".into());
    give(&mut other, c.id, "另一位居民的意见：建议设置遛狗区域。").await;
    app.clock.advance(Duration::minutes(61));
    give(&mut browser, c.id, "一小时后的意见：建议简化登记手续。").await;
    assert_eq!(ledger(&app, c.id).await.len(), 4);
    app.finish().await;
}

#[tokio::test]
async fn many_browsers_from_one_address_meet_the_address_limit() {
    let (app, addr) = spawn_web(&["--opinions-per-hour", "1"]).await;
    let c = open_consultation(&app).await;
    // Ten times the per-browser limit from one address (a shared Wi-Fi is allowed that).
    for i in 0..10 {
        let mut b = Browser::new(addr);
        b.forwarded_for = Some("198.51.100.20".into());
        give(
            &mut b,
            c.id,
            &format!("第 {i} 位居民的意见：建议加强管理。"),
        )
        .await;
    }
    let mut eleventh = Browser::new(addr);
    eleventh.forwarded_for = Some("198.51.100.20".into());
    let action = format!("/c/{}/opinion", c.id);
    let form = eleventh.get(&action).await;
    let review = eleventh
        .submit(&form, &action, &[("stance", "support"), ("body", OPINION)])
        .await;
    let refused = eleventh
        .submit(&review, &format!("/c/{}/opinion/submit", c.id), &[])
        .await;
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_eq!(ledger(&app, c.id).await.len(), 10);
    app.finish().await;
}

#[tokio::test]
async fn an_opinion_from_the_mini_app_carries_the_telegram_account_telegram_vouches_for() {
    let (app, addr) = spawn_web(&["--web-url", "https://yijian.example.org/"]).await;
    let c = open_consultation(&app).await;
    let token = BotToken::new(app.tg.token());
    let now = app.clock.now_utc().timestamp().to_string();
    let user = r#"{"id":4242,"first_name":"Li","language_code":"zh-hans"}"#;
    let valid = miniapp::sign(&[("auth_date", &now), ("user", user)], &token);
    let old = (app.clock.now_utc() - Duration::days(2))
        .timestamp()
        .to_string();
    let stale = miniapp::sign(&[("auth_date", &old), ("user", user)], &token);
    let forged = valid.replace("4242", "4243");

    let action = format!("/c/{}/opinion?tg=1", c.id);
    let submit = format!("/c/{}/opinion/submit?tg=1", c.id);
    let mut browser = Browser::new(addr);
    let form = browser.get(&action).await;
    for (data, body) in [
        (&stale, "过期的登录信息提交的意见。"),
        (&forged, "伪造的登录信息提交的意见。"),
    ] {
        let review = browser
            .submit(
                &form,
                &action,
                &[("stance", "support"), ("body", body), ("init_data", data)],
            )
            .await;
        let refused = browser.submit(&review, &submit, &[]).await;
        assert_eq!(refused.status, 403, "{}", refused.text());
        assert!(
            refused
                .text()
                .contains("Telegram 的登录信息已过期或无法核实")
        );
        assert_eq!(refused.field(&action, "body").as_deref(), Some(body));
    }
    assert!(ledger(&app, c.id).await.is_empty());

    let review = browser
        .submit(
            &form,
            &action,
            &[
                ("stance", "support"),
                ("body", OPINION),
                ("init_data", &valid),
            ],
        )
        .await;
    let receipt = browser.submit(&review, &submit, &[]).await;
    assert!(
        receipt.text().contains("已收到您的意见"),
        "{}",
        receipt.text()
    );
    let stored = ledger(&app, c.id).await;
    assert_eq!(stored[0].submitter_id, Some(4242));
    assert_eq!(stored[0].channel, Channel::Web);
    app.finish().await;
}

#[tokio::test]
async fn after_the_retention_time_the_browser_no_longer_lists_it_but_the_link_still_works() {
    let (app, addr) = spawn_web(&[]).await;
    let c = open_consultation(&app).await;
    let mut browser = Browser::new(addr);
    let token = give(&mut browser, c.id, OPINION).await;
    let number = format!("C{}-0001", c.id);
    assert!(browser.get("/mine").await.text().contains(&number));

    app.clock.advance(Duration::days(11));
    let now = app.clock.now_utc();
    let _ = app
        .db
        .consultations()
        .close(c.id, Actor::CommandLine, now)
        .await;
    app.db
        .decisions()
        .conclude(c.id, &[], &By::chat(1, Locale::ZhCn), now)
        .await
        .unwrap();
    app.db
        .opinions()
        .erase_details_concluded_before(now, now)
        .await
        .unwrap();
    let mine = browser.get("/mine").await.text();
    assert!(!mine.contains(&number), "{mine}");
    let status = browser.get(&format!("/o/{token}")).await;
    assert!(status.text().contains(OPINION), "{}", status.text());
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM web_opinions WHERE browser_hash <> ''"
        )
        .await,
        0
    );
    app.finish().await;
}
