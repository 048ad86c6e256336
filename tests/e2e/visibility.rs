//! An unpublished draft, or a withdrawn consultation, looks exactly like a number
//! nobody has used to everyone but the staff who may see it, on every entry point:
//! deep links, forged buttons, the list, prompts, offline recording and exports.

use chrono::Duration;
use consult_domain::{
    Actor,
    consultations::{Consultation, NewConsultation, Scope},
    draft,
};

use crate::support::{
    app::{ClockExt, TestApp},
    chat::{forged, say},
    telegram::Person,
    world::{DRAFT, world},
};

const SECRET: &str = "某市尚未公布条例（草案）";

/// A consultation saved by the command line and not published.
async fn unpublished(app: &TestApp) -> Consultation {
    let new = NewConsultation {
        title: SECRET.into(),
        closes_at: app.clock.now_utc() + Duration::days(10),
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: draft::parse(DRAFT).expect("test draft parses"),
        source_name: "test".into(),
    };
    app.db
        .consultations()
        .create(&new, Actor::CommandLine, app.clock.now_utc())
        .await
        .expect("create")
}

/// The texts `who` is sent for each entry point that names consultation `id`.
async fn answers(app: &TestApp, who: &Person, id: i64) -> Vec<String> {
    let mut out = Vec::new();
    for text in [
        format!("/start op-{id}"),
        format!("/prompt {id} 您怎么看？"),
        format!("/export {id}"),
    ] {
        out.extend(say(app, who, &text).await.into_iter().map(|m| m.text));
    }
    let card = say(app, who, "/consultations").await;
    let on = card.last().map_or(1, |m| m.message_id);
    for data in [format!("oa:{id}:1:-"), format!("c:{id}")] {
        let (_, sent) = forged(app, who, on, &data).await;
        out.extend(sent.into_iter().map(|m| m.text));
        // A screen the bot edits in place shows its answer there.
        let edited = app
            .tg
            .sent(who.id)
            .into_iter()
            .find(|m| m.message_id == on)
            .map(|m| m.text)
            .unwrap_or_default();
        out.push(edited);
    }
    out.extend(card.into_iter().map(|m| m.text));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpublished_and_withdrawn_consultations_look_like_unused_numbers() {
    let app = TestApp::spawn().await;
    let w = world(&app)
        .point("hongqiao", "虹桥街道联系点")
        .liaison("联络员")
        .open()
        .await;
    let draft = unpublished(&app).await;
    let withdrawn = unpublished(&app).await;
    let now = app.clock.now_utc();
    app.db
        .consultations()
        .publish(withdrawn.id, Actor::CommandLine, now)
        .await
        .unwrap();
    app.db
        .consultations()
        .withdraw(withdrawn.id, Actor::CommandLine, now)
        .await
        .unwrap();
    let resident = app.tg.person("居民");
    let unused = draft.id + 100;
    let nothing = answers(&app, &resident, unused).await;
    assert!(
        nothing
            .iter()
            .any(|t| t == &format!("没有编号为 {unused} 的征求意见。")),
        "{nothing:#?}"
    );
    for c in [&draft, &withdrawn] {
        let seen = answers(&app, &resident, c.id).await;
        assert!(
            seen.iter().all(|t| !t.contains(SECRET)),
            "C{} leaks its title: {seen:#?}",
            c.id
        );
        let expected: Vec<String> = nothing
            .iter()
            .map(|t| t.replace(&unused.to_string(), &c.id.to_string()))
            .collect();
        assert_eq!(seen, expected, "C{} differs from an unused number", c.id);
    }

    // A liaison who did not create the draft is told the same, for prompts and
    // exports too; the admin, who may see it, is told what it is.
    let liaison = w.liaison("hongqiao");
    for text in [
        format!("/prompt {} 您怎么看？", draft.id),
        format!("/export {}", draft.id),
        format!("/start op-{}", draft.id),
    ] {
        let sent = say(&app, liaison, &text).await;
        assert_eq!(
            sent.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
            [format!("没有编号为 {} 的征求意见。", draft.id)],
            "{text}"
        );
    }
    // An informant choosing it by a forged button, too.
    let informant = app.tg.person("信息员");
    app.grant(informant.id, "informant", Some("hongqiao")).await;
    for id in [draft.id, withdrawn.id, unused] {
        let list = say(&app, &informant, "/record").await;
        let on = list.last().expect("the list").message_id;
        let (_, sent) = forged(&app, &informant, on, &format!("xr:c:{id}")).await;
        assert_eq!(
            sent.first().map(|m| m.text.clone()),
            Some(format!("没有编号为 {id} 的征求意见。")),
            "{sent:#?}"
        );
        say(&app, &informant, "/cancel").await;
    }

    let admin = w.admin();
    let sent = say(&app, admin, &format!("/start op-{}", draft.id)).await;
    assert!(sent[0].text.contains(SECRET), "{}", sent[0].text);
    app.finish().await;
}
