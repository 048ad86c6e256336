//! The web channel, results: a concluded consultation's public page shows how many
//! people gave how many opinions, what was adopted (the 回音壁, quoting only those who
//! allowed it) and a table per article — counting outcomes only once they were
//! released to the submitter, and never naming anyone. Before conclusion the page does
//! not exist.

use chrono::Duration;
use consult_domain::{
    Actor,
    announce::By,
    decisions::{NewDecision, Outcome, Target},
    opinions::{Identity, NewOpinion, Stance},
    people::Locale,
};

use crate::support::{
    app::{ClockExt, TestApp},
    web::{Browser, Page, spawn_web},
    world::{self, TITLE, submit},
};

/// What the people and the committee did.
pub(crate) struct Concluded {
    pub id: i64,
    /// The words that must never reach the page: names, organizations, districts,
    /// occupations, and the opinions of those who did not allow quoting.
    pub secrets: Vec<&'static str>,
}

/// Two points; six opinions (one withdrawn), decided, released (all but one), and the
/// consultation concluded:
/// - 张三 (named, allows quoting), 第三条: adopted, released → quoted;
/// - 李四 (named, does not allow quoting), 第三条: partly adopted with summary words,
///   released → the words, never her text;
/// - 某物业公司 (organization, 长宁区), 第一条: not adopted, released;
/// - 张三 again, 第一条: not adopted, released (one person, two opinions);
/// - anonymous, the whole draft: adopted but **not released** → counts as not adopted;
/// - 王五, 第三条: withdrawn before the deadline → not counted at all.
pub(crate) async fn concluded(app: &TestApp) -> Concluded {
    let w = world::world(app)
        .point("jinqiao", "金桥街道联系点")
        .point("huamu", "花木街道联系点")
        .open()
        .await;
    let admin = w.admin().id;
    let (zhang, li, wang) = (
        app.tg.person("张三").id,
        app.tg.person("李四").id,
        app.tg.person("王五").id,
    );
    let article = |n: u32, label: &str| Some((n, label.to_owned()));
    let base = NewOpinion {
        stance: Stance::Amend,
        article: article(3, "第三条"),
        ..w.opinion("jinqiao")
    };
    let ops = submit(
        app,
        &[
            NewOpinion {
                submission_key: "r1".into(),
                body: "登记手续太繁琐，建议网上办理。".into(),
                identity: Identity::Named,
                submitter_id: Some(zhang),
                submitter_name: Some("张三丰".into()),
                occupation: Some("退休教师".into()),
                district: Some("浦东新区".into()),
                consent_details: true,
                consent_quote: true,
                ..base.clone()
            },
            NewOpinion {
                submission_key: "r2".into(),
                body: "我家楼下李阿姨说登记期限太短了，建议延长到六十日。".into(),
                identity: Identity::Named,
                submitter_id: Some(li),
                submitter_name: Some("李秀英".into()),
                district: Some("徐汇区".into()),
                consent_details: true,
                point_id: Some(w.point("huamu")),
                ..base.clone()
            },
            NewOpinion {
                submission_key: "r3".into(),
                article: article(1, "第一条"),
                body: "物业企业的责任应当写清楚。".into(),
                identity: Identity::Organization,
                organization: Some("某某物业服务有限公司".into()),
                district: Some("长宁区".into()),
                consent_details: true,
                ..base.clone()
            },
            NewOpinion {
                submission_key: "r4".into(),
                article: article(1, "第一条"),
                stance: Stance::Add,
                body: "建议在目的中写明公共安全。".into(),
                submitter_id: Some(zhang),
                ..base.clone()
            },
            NewOpinion {
                submission_key: "r5".into(),
                article: None,
                body: "希望多做宣传。".into(),
                ..base.clone()
            },
            NewOpinion {
                submission_key: "r6".into(),
                body: "后来撤回的意见。".into(),
                submitter_id: Some(wang),
                ..base.clone()
            },
        ],
    )
    .await;
    let now = app.clock.now_utc();
    app.db.opinions().withdraw(ops[5], wang, now).await.unwrap();
    app.clock.advance(Duration::days(11));
    let now = app.clock.now_utc();
    // The scheduler may close it first, as it would at the deadline.
    let _ = app
        .db
        .consultations()
        .close(w.id(), Actor::CommandLine, now)
        .await;
    let decisions = app.db.decisions();
    let decide = |id: i64, outcome: Outcome, summary: Option<&str>| NewDecision {
        outcome,
        reason: format!("第 {id} 号意见的理由"),
        summary: summary.map(str::to_owned),
    };
    for (id, d) in [
        (ops[0], decide(ops[0], Outcome::Adopted, Some("登记网上办"))),
        (
            ops[1],
            decide(ops[1], Outcome::Partly, Some("延长登记期限")),
        ),
        (ops[2], decide(ops[2], Outcome::NotAdopted, None)),
        (ops[3], decide(ops[3], Outcome::NotAdopted, None)),
    ] {
        decisions
            .decide(Target::Opinion(id), &d, admin, now)
            .await
            .unwrap();
    }
    let pending: Vec<_> = decisions
        .pending(w.id())
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p, None))
        .collect();
    assert_eq!(pending.len(), 4);
    decisions
        .release(w.id(), &pending, &By::chat(admin, Locale::ZhCn), now)
        .await
        .unwrap();
    // Decided after the release, and never released.
    let late = decide(ops[4], Outcome::Adopted, Some("加强养犬宣传"));
    decisions
        .decide(Target::Opinion(ops[4]), &late, admin, now)
        .await
        .unwrap();
    decisions
        .conclude(w.id(), &[], &By::chat(admin, Locale::ZhCn), now)
        .await
        .unwrap();
    Concluded {
        id: w.id(),
        secrets: vec![
            "张三丰",
            "李秀英",
            "某某物业服务有限公司",
            "浦东新区",
            "徐汇区",
            "长宁区",
            "退休教师",
            "李阿姨",
            "后来撤回的意见",
            "加强养犬宣传",
        ],
    }
}

/// The per-article table as rows of cell texts (header row first).
fn table(page: &Page) -> Vec<Vec<String>> {
    let start = page.body.find("<table").expect("a table");
    let end = page.body[start..].find("</table>").expect("closed") + start;
    page.body[start..end]
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</th>")
                .flat_map(|part| part.split("</td>"))
                .filter_map(|cell| cell.rfind('>').map(|i| cell[i + 1..].trim().to_owned()))
                .filter(|cell| !cell.is_empty())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn a_concluded_consultation_shows_its_results_and_names_nobody() {
    let (app, addr) = spawn_web(&[]).await;
    let c = concluded(&app).await;
    let mut browser = Browser::new(addr);

    // The consultation page leads to the results.
    let consultation = browser.get(&format!("/c/{}", c.id)).await;
    let link = consultation
        .link("查看意见办理结果")
        .expect("a link to the results");
    assert_eq!(link, format!("/c/{}/results", c.id));

    let page = browser.get(&link).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains(TITLE), "{text}");
    // Five opinions (the withdrawn one not counted) from four people (张三 twice);
    // two adopted: the whole-draft adoption was never released.
    assert!(
        text.contains("本次征求意见共有 4 人提出 5 条意见，经研究采纳（含部分采纳）2 条。"),
        "{text}"
    );
    // The 回音壁: 张三's own words, and 李四's only as the committee summed them up.
    assert!(
        text.contains("第三条（采纳）：“登记手续太繁琐，建议网上办理。”"),
        "{text}"
    );
    assert!(text.contains("第三条（部分采纳）：延长登记期限"), "{text}");
    assert!(!text.contains("登记期限太短"), "not quoted without consent");
    assert!(
        !text.contains("登记网上办"),
        "a quote needs no summary words"
    );
    // Per article, the whole draft first, with the totals.
    assert_eq!(
        table(&page),
        vec![
            vec!["条文", "意见（条）", "采纳（条）"],
            vec!["整部草案", "1", "0"],
            vec!["第一条", "2", "0"],
            vec!["第三条", "2", "2"],
            vec!["合计", "5", "2"],
        ]
    );
    // An accessible table: a caption, and headers that say what they head.
    assert!(
        page.body
            .contains("<caption>各条收到的意见和采纳数</caption>")
    );
    assert_eq!(
        page.tags("th")
            .iter()
            .filter(|th| th.get("scope").map(String::as_str) == Some("col"))
            .count(),
        3
    );
    assert_eq!(
        page.tags("th")
            .iter()
            .filter(|th| th.get("scope").map(String::as_str) == Some("row"))
            .count(),
        4
    );
    for secret in &c.secrets {
        assert!(!page.body.contains(secret), "{secret} is on the page");
    }

    // Through a contact point's link: its own count, and links that keep the point.
    let page = browser.get(&format!("/c/{}/results?p=jinqiao", c.id)).await;
    let text = page.text();
    assert!(
        text.contains("其中来自本联系点（金桥街道联系点）的意见 4 条。"),
        "{text}"
    );
    assert_eq!(
        page.link("阅读草案全文"),
        Some(format!("/c/{}?p=jinqiao", c.id))
    );

    // The list's card of a concluded consultation leads to its results.
    let list = browser.get("/").await;
    assert_eq!(list.link(TITLE), Some(format!("/c/{}/results", c.id)));

    // In English, complete.
    let english = Browser::new(addr)
        .english()
        .get(&format!("/c/{}/results", c.id))
        .await;
    let text = english.text();
    assert!(
        text.contains(
            "4 people gave 5 opinions in this consultation; after study, 2 were adopted (fully or partly)."
        ),
        "{text}"
    );
    assert!(
        text.contains("第三条 (Adopted): “登记手续太繁琐，建议网上办理。”"),
        "{text}"
    );
    assert!(
        text.contains("第三条 (Partly adopted): 延长登记期限"),
        "{text}"
    );
    assert_eq!(
        table(&english)[0..2],
        [
            vec!["Article", "Opinions", "Adopted"],
            vec!["Whole draft", "1", "0"],
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn results_exist_only_once_a_consultation_is_concluded() {
    let (app, addr) = spawn_web(&[]).await;
    let w = world::world(&app)
        .point("jinqiao", "金桥街道联系点")
        .open()
        .await;
    let mut browser = Browser::new(addr);
    let unknown = browser.get("/c/999999/results").await;
    assert_eq!(unknown.status, 404);

    // Open, then closed: not found, exactly like an id that never existed, and the
    // consultation page offers no link to it.
    let path = format!("/c/{}/results", w.id());
    let open = browser.get(&path).await;
    assert_eq!(open.status, 404);
    assert_eq!(
        open.body.replace(&format!("\"{path}?"), "\"PATH?"),
        unknown.body.replace("\"/c/999999/results?", "\"PATH?"),
    );
    assert!(
        browser
            .get(&format!("/c/{}", w.id()))
            .await
            .link("查看意见办理结果")
            .is_none()
    );
    app.clock.advance(Duration::days(11));
    let _ = app
        .db
        .consultations()
        .close(w.id(), Actor::CommandLine, app.clock.now_utc())
        .await;
    assert_eq!(browser.get(&path).await.status, 404);

    // Concluded without a single opinion: the page says so, with no empty table.
    app.db
        .decisions()
        .conclude(
            w.id(),
            &[],
            &By::chat(w.admin().id, Locale::ZhCn),
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let page = browser.get(&path).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("共有 0 人提出 0 条意见"), "{text}");
    assert!(text.contains("本次征求意见没有收到意见。"), "{text}");
    assert!(text.contains("本次意见暂未被采纳"), "{text}");
    assert!(!page.body.contains("<table"), "no empty table");
    app.finish().await;
}
