//! What one dialogue step costs the database, as the bot counts it on /metrics
//! (`consult_update_database_calls_total`: calls from claiming an update to recording
//! its outcome; a transaction counts once). The person's dialogue is read once per
//! update, with who they are, whichever feature it belongs to: a step must not pay a
//! look-up for every feature that might own it.

use consult_domain::faq::UnansweredScope;

use crate::{
    health::{scrape, spawn_with_health, value},
    support::{
        app::{ClockExt, TestApp, eventually},
        chat::{last, press, reply},
        telegram::Person,
    },
};

/// The metrics once every update pushed so far is handled and counted: the outcome is
/// counted just after the inbox row is marked handled, so a settled inbox is not enough.
async fn settled(app: &TestApp, addr: std::net::SocketAddr) -> (f64, f64) {
    app.settle().await;
    let pushed = app.tg.updates_pushed().len() as f64;
    eventually("every update counted", || async {
        let m = scrape(addr).await;
        let handled = value(&m, "consult_updates_total", &[("outcome", "handled")]);
        let calls = value(&m, "consult_update_database_calls_total", &[]);
        (handled == pushed).then_some((handled, calls))
    })
    .await
}

/// The database calls of the one update `step` sends.
async fn calls_of<F: Future<Output = ()>>(
    app: &TestApp,
    addr: std::net::SocketAddr,
    step: F,
) -> f64 {
    let (handled, before) = settled(app, addr).await;
    step.await;
    let (handled_after, after) = settled(app, addr).await;
    assert_eq!(handled_after, handled + 1.0, "one update per step");
    after - before
}

/// `who` types the reply to the question they were asked; returns what the bot says.
async fn answer(app: &TestApp, who: &Person, text: &str) -> String {
    reply(app, who, text).await.text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dialogue_step_reads_the_dialogue_once() {
    let (app, addr) = spawn_with_health().await;
    let c = app
        .open_consultation(
            "某市养犬管理条例（草案）",
            "第一条 为了规范养犬行为，制定本条例。\n第二条 本市行政区域内的养犬活动适用本条例。\n",
            &[],
            10,
        )
        .await;
    let resident = app.tg.person("小王");
    let asked = answer(&app, &resident, &format!("/start op-{}", c.id)).await;
    assert!(asked.starts_with("您的意见针对哪一条？"), "{asked}");
    assert_eq!(
        answer(&app, &resident, "第二条").await,
        "您对第二条的看法是？"
    );

    // A button: the stance.
    let question = last(&app, &resident);
    let calls = calls_of(&app, addr, async {
        let (_, sent) = press(&app, &resident, question.message_id, "修改建议").await;
        let asked = &sent.last().expect("the next question").text;
        assert!(asked.starts_with("请写下您的意见（5–2000 字）"), "{asked}");
    })
    .await;
    within(calls, OPINION_STEP, "a button step");

    // A message: the opinion itself, checked and stored the same way.
    let calls = calls_of(&app, addr, async {
        let asked = answer(&app, &resident, "建议删除“适用”二字，改为“遵守”。").await;
        assert!(asked.starts_with("您建议怎样修改？"), "{asked}");
    })
    .await;
    within(calls, OPINION_STEP, "a text step");

    // An admin answering a logged question: the last of the dialogues to be looked
    // for when each feature looked for its own. An answer too short is refused
    // without touching anything.
    let admin = app.tg.person("Admin");
    app.grant(admin.id, "admin", None).await;
    app.db
        .faq()
        .log_unanswered("小区快递柜超时收费合法吗", None, app.clock.now_utc())
        .await
        .unwrap();
    let list = reply(&app, &admin, "/unanswered").await;
    let (_, sent) = press(&app, &admin, list.message_id, "回答 1").await;
    assert!(sent.last().expect("asked").text.contains("请发送答案"));
    let calls = calls_of(&app, addr, async {
        assert!(answer(&app, &admin, "太短").await.contains("现在是 2 字"));
    })
    .await;
    within(calls, REFUSED_STEP, "a refused answer");
    assert_eq!(
        app.db
            .faq()
            .unanswered(UnansweredScope::All, 10)
            .await
            .unwrap()
            .len(),
        1,
        "still open"
    );
    app.finish().await;
}

/// Fails above `bound`, and below the two calls every update makes (claiming it and
/// reading the person), so that a counter that stopped counting cannot pass.
fn within(calls: f64, bound: f64, what: &str) {
    assert!(
        (2.0..=bound).contains(&calls),
        "{calls} database calls for {what}; at most {bound}"
    );
}

/// An opinion step: claim the update; read the person, their role and their dialogue
/// (one statement); read the consultation; store the step; record the outcome. Before
/// the dialogue was one value read with the person, a sixth call looked up the
/// opinion dialogue on its own.
const OPINION_STEP: f64 = 5.0;
/// A step refused before it changes anything: claim, person with dialogue, outcome.
/// It was ten when each feature that might own the dialogue looked it up in turn
/// (opinion, opinion edit, record, decision, review, draft, FAQ).
const REFUSED_STEP: f64 = 3.0;
