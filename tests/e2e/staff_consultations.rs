//! The staff console's consultations and decisions (issue #17, items 5 and 7), over
//! HTTP with a browser's cookies: an admin without Telegram uploads a .docx, checks
//! what the parser understood, saves and publishes it, and the groups in scope get the
//! same card `/publish` sends; a liaison enters a draft for their own point only and
//! cannot publish, close or even see another's; an admin closes a consultation early,
//! decides per article and per opinion, releases (with the list of submitters to tell
//! in person) and concludes, and the resident's web status page and the Telegram
//! submitter both show the outcome; every step in the audit log under the admin's
//! account. The same path in a real browser, with axe on every new page type, is in
//! `staff_consultations_browser.rs`.

use consult_domain::{
    Actor,
    consultations::{NewConsultation, Scope, State},
    draft,
    opinions::{Identity, NewOpinion, Stance},
};

use crate::{
    consultations::docx,
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::reply,
        telegram::Group,
        web::{Browser, Page, spawn_web},
        world::{self, DRAFT, TITLE, submit},
    },
    web_opinions::give,
};

/// A deadline a month after the tests' start (2026-11-24), as a publisher types it.
const DEADLINE: &str = "2026-12-31";

/// The console's form with a file: the form's fields as the page filled them, changed
/// by `set`, and the file.
async fn post_draft(
    b: &mut Browser,
    page: &Page,
    action: &str,
    set: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let mut fields = page.form(action);
    for (k, v) in set {
        fields.retain(|(name, _)| name != k);
        fields.push(((*k).to_owned(), (*v).to_owned()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post_multipart(action, &pairs, file).await
}

/// Posts the form on `page` whose action is `action` as the page filled it.
async fn press(b: &mut Browser, page: &Page, action: &str) -> Page {
    b.submit(page, action, &[]).await
}

/// A group of point `code` with the bot added by its liaison (so it is linked).
async fn linked_group(
    app: &TestApp,
    liaison: &crate::support::telegram::Person,
    title: &str,
) -> Group {
    let g = app.tg.group(title);
    app.tg.add_bot(liaison, &g);
    app.tg.wait_sent(g.id, 1).await;
    g
}

/// The audit entries whose action starts with `prefix`, oldest first: (actor, action).
async fn audit(app: &TestApp, prefix: &str) -> Vec<(Option<i64>, String)> {
    let mut entries = app.db.audit().list(Some(prefix), 1000).await.unwrap();
    entries.reverse();
    entries.into_iter().map(|e| (e.actor, e.action)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_publishes_an_uploaded_draft_and_the_groups_in_scope_get_the_card() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world::world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("金桥联络员")
        .point("gubei", "古北联系点")
        .liaison("古北联络员")
        .places()
        .await;
    let jinqiao = linked_group(&app, places.liaison("jinqiao"), "金桥一群").await;
    let gubei = linked_group(&app, places.liaison("gubei"), "古北一群").await;
    let (admin, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;

    let list = b.get("/staff/consultations").await;
    assert_eq!(list.status, 200);
    let form = b
        .get(&list.link("录入新草案").expect("a link to a new draft"))
        .await;
    let text = form.text();
    assert!(
        text.contains("草案文件（.docx、.txt 或 .md，10 MB 以内）"),
        "{text}"
    );
    assert!(form.body.contains("enctype=\"multipart/form-data\""));

    // Nothing chosen: the form says so and keeps what was typed.
    let action = "/staff/consultations/new";
    let empty = post_draft(&mut b, &form, action, &[("deadline", DEADLINE)], None).await;
    assert!(
        empty.text().contains("请选择草案文件，或粘贴草案全文。"),
        "{}",
        empty.text()
    );
    assert_eq!(empty.field(action, "deadline").as_deref(), Some(DEADLINE));

    // A file of a type no reader knows: the chat's reason.
    let png = post_draft(&mut b, &form, action, &[], Some(("草案.png", b"\x89PNG"))).await;
    assert!(
        png.text()
            .contains("暂不支持 .png 文件。请发送 .docx、.txt 或 .md 格式的草案。"),
        "{}",
        png.text()
    );

    // A long draft pasted (more than an ordinary form's body allows): read whole.
    let long: String = (1..=600)
        .map(|n| {
            format!(
                "第{}条 养犬人应当遵守本条例的规定，文明养犬，不得干扰他人正常生活，不得破坏环境卫生和公共设施。\n",
                draft::to_chinese_number(n)
            )
        })
        .collect();
    assert!(long.len() > 72 * 1024);
    let big = post_draft(
        &mut b,
        &form,
        action,
        &[("text", &long), ("title", "长草案"), ("deadline", DEADLINE)],
        None,
    )
    .await;
    assert!(
        big.text().contains("0 章，600 条（第一条 至 第六百条）"),
        "{}",
        big.status
    );

    let jinqiao_id = places.id("jinqiao").to_string();
    let preview = post_draft(
        &mut b,
        &form,
        action,
        &[
            ("deadline", DEADLINE),
            ("scope", "points"),
            ("point", &jinqiao_id),
            ("summary", "规范养犬行为，征求居民意见。"),
            ("occupations", "居民，律师、教师"),
        ],
        Some(("养犬条例.docx", &docx(DRAFT))),
    )
    .await;
    let text = preview.text();
    assert_eq!(preview.status, 200, "{text}");
    assert!(text.contains("我读到的草案结构"), "{text}");
    assert!(text.contains("2 章，3 条（第一条 至 第三条）"), "{text}");
    assert!(text.contains("第一章 总则"), "{text}");
    assert!(text.contains("第一条 【目的】"), "{text}");
    assert!(text.contains(TITLE), "the title found in the draft: {text}");
    assert!(
        text.contains("金桥联系点") && !text.contains("古北联系点"),
        "{text}"
    );
    assert!(text.contains("居民、律师、教师"), "{text}");
    assert!(
        app.db
            .consultations()
            .list(&[State::Draft])
            .await
            .unwrap()
            .is_empty(),
        "nothing saved before 保存为草稿"
    );

    // 「返回修改」 keeps everything, the file's text included (no second upload).
    let back = post_draft(&mut b, &preview, action, &[("edit", "1")], None).await;
    assert!(
        back.text().contains("已读取「养犬条例.docx」（3 条）"),
        "{}",
        back.text()
    );
    let preview = post_draft(&mut b, &back, action, &[("point", &jinqiao_id)], None).await;
    assert!(preview.text().contains("核对后保存"), "{}", preview.text());

    let saved = post_draft(&mut b, &preview, action, &[("save", "1")], None).await;
    let text = saved.text();
    assert!(text.contains("已保存为草稿 C1。"), "{text}");
    assert!(
        text.contains("第 1 稿") && text.contains("2026年12月31日 23:59"),
        "{text}"
    );
    let c = app.db.consultations().get(1).await.unwrap().unwrap();
    assert_eq!(c.state, State::Draft);
    assert_eq!(c.title, TITLE);
    assert_eq!(c.scope, Scope::Points(vec![places.id("jinqiao")]));
    assert_eq!(c.occupations, ["居民", "律师", "教师"]);
    let stored = app.db.consultations().draft(1, 1).await.unwrap().unwrap();
    assert_eq!(
        stored,
        draft::parse(DRAFT).unwrap(),
        "parsed as the chat parses it"
    );

    // A forged token publishes nothing.
    let forged = b
        .post("/staff/consultations/1/publish", &[("csrf", "forged")])
        .await;
    assert_eq!(forged.status, 403);
    let published = press(&mut b, &saved, "/staff/consultations/1/publish").await;
    assert!(
        published
            .text()
            .contains("已发布 C1，正在通知 1 个居民群。"),
        "{}",
        published.text()
    );
    let card = app.tg.wait_sent(jinqiao.id, 2).await[1].clone();
    assert!(
        card.text.starts_with(
            "📢 征求意见：某市养犬管理条例（草案）\n截止时间：2026年12月31日 23:59\n草案共 3 条"
        ),
        "{}",
        card.text
    );
    assert!(card.text.contains("规范养犬行为，征求居民意见。"));
    let urls: Vec<String> = card.reply_markup.as_ref().unwrap()["inline_keyboard"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().clone())
        .map(|b| b["url"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        urls,
        [
            "https://t.me/consult_test_bot?start=read-1".to_owned(),
            format!(
                "https://t.me/consult_test_bot?start=op-1-g{}",
                jinqiao.id.unsigned_abs()
            ),
            "https://consult.example.org/c/1?p=jinqiao".to_owned(),
        ],
        "the chat's card, with the links of this group"
    );
    assert_eq!(app.tg.sent(gubei.id).len(), 1, "古北 is not in scope");
    // Publishing again (a second tab) adds nothing.
    let again = b
        .submit(&saved, "/staff/consultations/1/publish", &[])
        .await;
    assert_eq!(again.status, 409);
    assert!(
        again
            .text()
            .contains("这次征求意见目前是「征求意见中」状态"),
        "{}",
        again.text()
    );

    assert_eq!(
        audit(&app, "consultation.").await,
        [
            (Some(admin), "consultation.create".to_owned()),
            (Some(admin), "consultation.publish".to_owned()),
        ]
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_liaison_enters_drafts_for_their_own_point_and_cannot_touch_anothers() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world::world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("金桥联络员")
        .point("gubei", "古北联系点")
        .liaison("古北联络员")
        .places()
        .await;
    let jinqiao = linked_group(&app, places.liaison("jinqiao"), "金桥一群").await;
    let gubei = linked_group(&app, places.liaison("gubei"), "古北一群").await;
    let now = app.clock.now_utc();
    // The admin's draft for 古北, and an open consultation for every point.
    let new = |title: &str, scope| NewConsultation {
        title: title.into(),
        closes_at: now + chrono::Duration::days(20),
        scope,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: draft::parse(DRAFT).unwrap(),
        source_name: "test".into(),
    };
    let theirs = app
        .db
        .consultations()
        .create(
            &new("古北的草稿", Scope::Points(vec![places.id("gubei")])),
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    let everyone = world::publish(
        &app,
        "全市的征求意见",
        DRAFT,
        Scope::All,
        now + chrono::Duration::days(20),
    )
    .await;
    let (liaison, mut b) = logged_in(&app, addr, "jinqiao-ll", "liaison", Some("jinqiao")).await;

    let form = b.get("/staff/consultations/new").await;
    let text = form.text();
    assert!(
        text.contains("范围：金桥联系点（联络员录入的草案只发往本联系点）"),
        "{text}"
    );
    assert!(
        form.tags("input")
            .iter()
            .all(|i| i.get("name").map(String::as_str) != Some("scope"))
    );
    // A forged scope is not theirs to choose.
    let gubei_id = places.id("gubei").to_string();
    let action = "/staff/consultations/new";
    let preview = post_draft(
        &mut b,
        &form,
        action,
        &[
            ("text", DRAFT),
            ("title", "金桥的征求意见"),
            ("deadline", "2026-12-20 18:00"),
            ("scope", "points"),
            ("point", &gubei_id),
        ],
        None,
    )
    .await;
    assert!(preview.text().contains("金桥联系点"), "{}", preview.text());
    let saved = post_draft(&mut b, &preview, action, &[("save", "1")], None).await;
    let mine = app.db.consultations().list(&[State::Draft]).await.unwrap();
    let mine = mine
        .iter()
        .find(|c| c.title == "金桥的征求意见")
        .expect("saved");
    assert_eq!(mine.scope, Scope::Points(vec![places.id("jinqiao")]));
    assert_eq!(mine.created_by, Some(liaison));

    // Another's draft is a page that does not exist; so is publishing it.
    let csrf = saved
        .field(&format!("/staff/consultations/{}/publish", mine.id), "csrf")
        .expect("a publish form");
    let probe = b.get(&format!("/staff/consultations/{}", theirs.id)).await;
    assert_eq!(probe.status, 404);
    let publish = b
        .post(
            &format!("/staff/consultations/{}/publish", theirs.id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(publish.status, 404);
    assert_eq!(
        app.db
            .consultations()
            .get(theirs.id)
            .await
            .unwrap()
            .unwrap()
            .state,
        State::Draft
    );
    // The consultation for every point is theirs to read, not to close.
    let read = b
        .get(&format!("/staff/consultations/{}", everyone.id))
        .await;
    assert_eq!(read.status, 200);
    assert!(
        read.text()
            .contains("只有管理员或创建这次征求意见的联络员可以这样做"),
        "{}",
        read.text()
    );
    assert!(read.link("提前截止").is_none());
    let close = b
        .post(
            &format!("/staff/consultations/{}/close", everyone.id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(close.status, 404);
    assert_eq!(
        app.db
            .consultations()
            .get(everyone.id)
            .await
            .unwrap()
            .unwrap()
            .state,
        State::Open
    );
    // Decisions are the admins'.
    let decisions = b
        .get(&format!("/staff/consultations/{}/decisions", everyone.id))
        .await;
    assert_eq!(decisions.status, 404);

    // Their own: published to their point's group only.
    let published = press(
        &mut b,
        &saved,
        &format!("/staff/consultations/{}/publish", mine.id),
    )
    .await;
    assert!(
        published.text().contains("正在通知 1 个居民群"),
        "{}",
        published.text()
    );
    let card = app.tg.wait_sent(jinqiao.id, 2).await[1].clone();
    assert!(card.text.contains("金桥的征求意见"), "{}", card.text);
    assert!(
        app.tg
            .sent(gubei.id)
            .iter()
            .all(|m| !m.text.contains("金桥的征求意见"))
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_closes_decides_releases_and_concludes_and_both_submitters_hear() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world::world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("金桥联络员")
        .open()
        .await;
    let group = linked_group(&app, w.liaison("jinqiao"), "金桥一群").await;
    let id = w.id();
    // 张三 in Telegram on 第三条 (quotable), 李四 in Telegram too, and a resident on
    // the web on the whole draft.
    let zhang = app.tg.person("张三");
    let li = app.tg.person("李四");
    for p in [&zhang, &li] {
        reply(&app, p, "/start").await;
    }
    let on_three = |key: &str, body: &str, who: i64| NewOpinion {
        submission_key: key.into(),
        article: Some((3, "第三条".into())),
        stance: Stance::Amend,
        body: body.into(),
        submitter_id: Some(who),
        identity: Identity::Named,
        submitter_name: Some("张三".into()),
        consent_details: true,
        consent_quote: true,
        ..w.opinion("jinqiao")
    };
    submit(
        &app,
        &[
            on_three("z", "登记手续太繁琐，建议网上办理。", zhang.id),
            NewOpinion {
                consent_quote: false,
                submitter_name: None,
                identity: Identity::Anonymous,
                consent_details: false,
                ..on_three("l", "希望能在手机上办理登记。", li.id)
            },
        ],
    )
    .await;
    let mut resident = Browser::new(addr);
    let token = give(&mut resident, id, "建议在总则中写明文明养犬的宣传责任。").await;
    let (admin, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;

    // Decisions wait for the deadline.
    let early = b.get(&format!("/staff/consultations/{id}/decisions")).await;
    assert!(
        early.text().contains("C1 还在征求意见中"),
        "{}",
        early.text()
    );

    // Close early: a question first, then the groups are told.
    let page = b.get(&format!("/staff/consultations/{id}")).await;
    let ask = b.get(&page.link("提前截止").expect("a close link")).await;
    assert!(
        ask.text().contains("范围内的 1 个居民群会收到截止通知"),
        "{}",
        ask.text()
    );
    let closed = press(&mut b, &ask, &format!("/staff/consultations/{id}/close")).await;
    assert!(
        closed
            .text()
            .contains("已提前截止 C1，正在通知 1 个居民群。"),
        "{}",
        closed.text()
    );
    let notice = app.tg.wait_sent(group.id, 2).await[1].clone();
    assert!(notice.text.contains("已截止"), "{}", notice.text);

    let overview = b
        .get(&closed.link("作出处理决定、发放反馈、办结").unwrap())
        .await;
    let text = overview.text();
    assert!(text.contains("共 3 条意见，尚未作出决定 3 条"), "{text}");
    let article = b
        .get(&overview.link("第三条").expect("第三条 listed"))
        .await;
    let text = article.text();
    assert!(
        text.contains("登记手续太繁琐") && text.contains("希望能在手机上办理登记"),
        "{text}"
    );
    assert!(!text.contains("文明养犬"), "only 第三条's opinions: {text}");
    let action = format!("/staff/consultations/{id}/decisions/3");
    // The reason is required.
    let missing = b.submit(&article, &action, &[("outcome", "adopted")]).await;
    assert!(
        missing.text().contains("请填写理由，500 字以内。"),
        "{}",
        missing.text()
    );
    let decided = b
        .submit(
            &article,
            &action,
            &[
                ("outcome", "adopted"),
                ("reason", "第三条已增加网上登记的规定。"),
                ("summary", "登记可以在网上办理"),
            ],
        )
        .await;
    assert!(
        decided
            .text()
            .contains("已记录：这个决定涉及 2 条意见，其中 2 条是新的或有变化"),
        "{}",
        decided.text()
    );

    // The web opinion, on its own.
    let overview = b.get(&format!("/staff/consultations/{id}/decisions")).await;
    let whole = b
        .get(&overview.link("整部草案").expect("the whole draft listed"))
        .await;
    let one = b
        .get(&whole.link("单独决定").expect("a link per opinion"))
        .await;
    let one_action = one
        .tags("form")
        .into_iter()
        .filter_map(|f| f.get("action").cloned())
        .find(|a| a.contains("/decisions/opinion/"))
        .expect("the opinion's form");
    let decided = b
        .submit(
            &one,
            &one_action,
            &[("outcome", "partly"), ("reason", "宣传责任另行规定。")],
        )
        .await;
    assert!(
        decided.text().contains("涉及 1 条意见"),
        "{}",
        decided.text()
    );

    // The release: two reachable in Telegram, one to tell in person.
    let release = b.get(&format!("/staff/consultations/{id}/release")).await;
    let text = release.text();
    assert!(text.contains("新的反馈：2 条"), "{text}");
    assert!(
        text.contains("无法通过 Telegram 联系的提出人：1 人"),
        "{text}"
    );
    let released = press(
        &mut b,
        &release,
        &format!("/staff/consultations/{id}/release"),
    )
    .await;
    let text = released.text();
    assert!(
        text.contains("C1：已安排发送 2 条反馈（其中更正 0 条），1 人无法通过 Telegram 联系。"),
        "{text}"
    );
    assert!(
        text.contains("没有 Telegram 账号"),
        "the unreached list: {text}"
    );
    let feedback = app
        .tg
        .wait_for("张三's feedback", |tg| {
            tg.sent(zhang.id)
                .into_iter()
                .find(|m| m.text.contains("您的意见有了办理结果"))
        })
        .await;
    assert!(
        feedback.text.contains("办理结果：采纳"),
        "{}",
        feedback.text
    );
    assert!(
        feedback.text.contains("理由：第三条已增加网上登记的规定。"),
        "{}",
        feedback.text
    );
    let status = resident.get(&format!("/o/{token}")).await.text();
    assert!(
        status.contains("部分采纳") && status.contains("宣传责任另行规定。"),
        "{status}"
    );
    // Nothing new to release a second time.
    let again = b.get(&format!("/staff/consultations/{id}/release")).await;
    assert!(
        again.text().contains("C1 没有需要发放的新反馈"),
        "{}",
        again.text()
    );

    // The conclusion, previewed as the group will read it.
    let conclude = b.get(&format!("/staff/consultations/{id}/conclude")).await;
    let text = conclude.text();
    assert!(text.contains("回音壁将发送到 1 个居民群"), "{text}");
    assert!(
        text.contains("“登记手续太繁琐，建议网上办理。”"),
        "quotable: {text}"
    );
    assert!(
        !text.contains("希望能在手机上办理登记"),
        "not quotable: {text}"
    );
    let done = press(
        &mut b,
        &conclude,
        &format!("/staff/consultations/{id}/conclude"),
    )
    .await;
    assert!(
        done.text()
            .contains("C1 已办结，回音壁已安排发送到 1 个居民群。"),
        "{}",
        done.text()
    );
    let wall = app.tg.wait_sent(group.id, 3).await[2].clone();
    assert!(
        wall.text.starts_with("📣 回音壁｜某市养犬管理条例（草案）"),
        "{}",
        wall.text
    );
    assert!(
        wall.text
            .contains("其中来自本联系点（金桥联系点）的意见 2 条。"),
        "{}",
        wall.text
    );
    assert!(!wall.text.contains("张三"), "no names: {}", wall.text);

    let actions: Vec<(Option<i64>, String)> = audit(&app, "")
        .await
        .into_iter()
        .filter(|(_, a)| {
            a.starts_with("decision.")
                || a.starts_with("feedback.")
                || a.starts_with("consultation.")
        })
        .filter(|(actor, _)| *actor == Some(admin))
        .collect();
    let names: Vec<&str> = actions.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(
        names,
        [
            "consultation.close",
            "decision.set",
            "decision.set",
            "decision.set",
            "feedback.release",
            "consultation.conclude",
        ]
    );
    app.finish().await;
}
