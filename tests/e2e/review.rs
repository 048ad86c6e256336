//! The review queue (/review): a liaison sees and acts on only their point's opinions,
//! an admin all; 已阅, 转交, 重复, 无效 and 备注 change the ledger and the audit log;
//! attachments are re-sent by file id; a resident and a forged button are refused;
//! a withdrawn opinion can be viewed but not acted on.

use consult_domain::opinions::{Attachment, Identity, NewOpinion, Stance};

use crate::support::{
    app::{ClockExt, TestApp},
    chat::{forged, press_then_read, reply},
    telegram::{ChatRef, Person, SentMessage},
    world::{World, submit, world},
};

/// The callback data of the button labelled `label` on bot message `id`.
fn button_data(app: &TestApp, chat: i64, id: i32, label: &str) -> String {
    let message = app.tg.message(chat, id).expect("the message");
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .find(|b| b["text"] == label)
        .and_then(|b| b["callback_data"].as_str())
        .unwrap_or_else(|| panic!("a button {label:?}"))
        .to_owned()
}

/// A file the fake Telegram knows, sent by `who`; returns its file id.
fn file_id(app: &TestApp, who: &Person, kind: &str) -> String {
    let mid = match kind {
        "photo" => app
            .tg
            .send_photo(who, ChatRef::Private, vec![1, 2, 3], None),
        "voice" => app.tg.send_voice(who, ChatRef::Private, vec![4, 5]),
        _ => app.tg.send_document(
            who,
            ChatRef::Private,
            "意见.pdf",
            "application/pdf",
            vec![6, 7, 8],
        ),
    };
    let m = app.tg.message(who.id, mid).unwrap();
    let file = match kind {
        "photo" => m["photo"].as_array().unwrap().last().unwrap().clone(),
        k => m[k].clone(),
    };
    file["file_id"].as_str().unwrap().to_owned()
}

/// Two points, one open consultation, five opinions: four at 金桥 (one with
/// attachments, one withdrawn) and one at 花木. Returns the opinions' ids in order.
async fn ledger(app: &TestApp, w: &World, files: &Person) -> Vec<i64> {
    let base = w.opinion("jinqiao");
    let opinions = [
        NewOpinion {
            submission_key: "k1".into(),
            article: Some((1, "第一条".into())),
            body: "同意立法目的，很有必要。".into(),
            identity: Identity::Named,
            submitter_id: Some(9001),
            submitter_name: Some("王小明".into()),
            occupation: Some("教师".into()),
            consent_details: true,
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k2".into(),
            article: Some((3, "第三条".into())),
            stance: Stance::Oppose,
            body: "登记手续太繁琐，建议简化。".into(),
            identity: Identity::Named,
            submitter_id: Some(9002),
            submitter_name: Some("李四".into()),
            point_id: Some(w.point("huamu")),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k3".into(),
            stance: Stance::Amend,
            body: "建议在全文中明确养犬人的责任。".into(),
            proposed_wording: Some("养犬人应当文明养犬。".into()),
            identity: Identity::Named,
            submitter_id: Some(9003),
            submitter_name: Some("赵六".into()),
            channel: consult_domain::opinions::Channel::Forum,
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k4".into(),
            article: Some((1, "第一条".into())),
            body: "立法目的很好，同意。".into(),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k5".into(),
            article: Some((3, "第三条".into())),
            body: "后来撤回的意见。".into(),
            submitter_id: Some(9005),
            ..base.clone()
        },
    ];
    let ids = submit(app, &opinions).await;
    let attachments = ["photo", "document", "voice"]
        .map(|kind| Attachment {
            kind: kind.into(),
            file_id: file_id(app, files, kind),
            size: 3,
        })
        .to_vec();
    app.db
        .opinions()
        .attach(ids[3], &attachments)
        .await
        .unwrap();
    app.db
        .opinions()
        .withdraw(ids[4], 9005, app.clock.now_utc())
        .await
        .unwrap();
    ids
}

async fn status(app: &TestApp, id: i64) -> String {
    app.db
        .opinions()
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_owned()
}

fn flat(m: &SentMessage) -> Vec<String> {
    m.buttons().into_iter().flatten().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_liaison_reviews_their_point_and_every_action_is_recorded() {
    let app = TestApp::spawn().await;
    let w = world(&app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("联络员")
        .point("huamu", "花木街道联系点")
        .open()
        .await;
    let (admin, liaison) = (w.admin().clone(), w.liaison("jinqiao").clone());
    let resident = app.tg.person("居民");
    let ids = ledger(&app, &w, &resident).await;

    // A resident is refused.
    let m = reply(&app, &resident, "/review").await;
    assert!(
        m.text.starts_with("抱歉，只有联络员和管理员可以审阅意见"),
        "{}",
        m.text
    );

    // The admin sees every point's counts; the liaison only 金桥's.
    let m = reply(&app, &admin, "/review").await;
    assert!(m.text.contains("全部联系点"), "{}", m.text);
    assert!(
        m.text
            .contains("待处理 4 · 已阅 0 · 转交 0 · 重复 0 · 无效 0 · 已撤回 1"),
        "{}",
        m.text
    );
    let m = reply(&app, &liaison, "/review").await;
    assert!(m.text.contains("金桥街道联系点"), "{}", m.text);
    assert!(
        m.text
            .contains("待处理 3 · 已阅 0 · 转交 0 · 重复 0 · 无效 0 · 已撤回 1"),
        "{}",
        m.text
    );
    let screen = m.message_id;
    let (_, m) = press_then_read(
        &app,
        &liaison,
        screen,
        "C1 某市养犬管理条例（草案）（待处理 3）",
    )
    .await;

    // The first pending opinion: consented details shown.
    assert!(m.text.contains("第 1/3 条"), "{}", m.text);
    assert!(
        m.text.contains("C1-0001 · 第一条 · 第 1 稿 · 待处理"),
        "{}",
        m.text
    );
    assert!(
        m.text.contains("王小明") && m.text.contains("教师"),
        "{}",
        m.text
    );
    assert_eq!(
        m.buttons()[0],
        ["已阅", "转交", "重复", "无效"],
        "{:?}",
        m.buttons()
    );
    assert!(flat(&m).contains(&"• 待处理".to_owned()));
    assert!(flat(&m).contains(&"第一条".to_owned()) && flat(&m).contains(&"整部草案".to_owned()));

    // 已阅: the ledger, the counts and the audit log change; the next pending shows.
    let reviewed_data = button_data(&app, liaison.id, screen, "已阅");
    let (answer, m) = press_then_read(&app, &liaison, screen, "已阅").await;
    assert_eq!(answer["text"], "已将 C1-0001 标为已阅。");
    // The same press again (a double tap, a replay) changes nothing and is not logged
    // twice (the audit list is checked in full at the end).
    let (answer, _) = forged(&app, &liaison, screen, &reviewed_data).await;
    assert_eq!(answer["text"], "已将 C1-0001 标为已阅。");
    assert_eq!(status(&app, ids[0]).await, "reviewed");
    let info = app.db.reviews().info(ids[0]).await.unwrap();
    assert_eq!(info.reviewed_by, Some(liaison.id));
    assert!(info.reviewed_at.is_some());
    assert!(m.text.contains("待处理 2 · 已阅 1"), "{}", m.text);
    assert!(m.text.contains("C1-0003"), "{}", m.text);
    // Only consented details: the name 赵六 was not consented to.
    assert!(!m.text.contains("赵六"), "{}", m.text);
    assert!(
        m.text.contains("建议表述：养犬人应当文明养犬。"),
        "{}",
        m.text
    );
    assert!(m.text.contains("座谈会"), "{}", m.text);

    // 转交.
    let (answer, m) = press_then_read(&app, &liaison, screen, "转交").await;
    assert_eq!(answer["text"], "已将 C1-0003 标为转交法工委。");
    assert_eq!(status(&app, ids[2]).await, "forwarded");
    assert!(m.text.contains("待处理 1 · 已阅 1 · 转交 1"), "{}", m.text);
    assert!(m.text.contains("C1-0004"), "{}", m.text);

    // 附件: each re-sent by its file id.
    let before = app.tg.sent(liaison.id).len();
    press_then_read(&app, &liaison, screen, "附件（3）").await;
    let sent = app.tg.sent(liaison.id);
    let files: Vec<(String, String)> = sent[before..]
        .iter()
        .map(|m| (m.kind.clone(), m.file.clone().unwrap().file_id))
        .collect();
    let stored = app.db.opinions().get(ids[3]).await.unwrap().unwrap();
    let expected: Vec<(String, String)> = stored
        .attachments
        .iter()
        .map(|a| (a.kind.clone(), a.file_id.clone()))
        .collect();
    assert_eq!(files, expected);

    // 重复: similar opinions of the liaison's point, the same article first.
    let (_, m) = press_then_read(&app, &liaison, screen, "重复").await;
    assert_eq!(
        m.buttons(),
        [vec!["C1-0001"], vec!["C1-0003"], vec!["取消"]],
        "{}",
        m.text
    );
    let (answer, m) = press_then_read(&app, &liaison, screen, "C1-0001").await;
    assert_eq!(answer["text"], "已将 C1-0004 标为与 C1-0001 重复。");
    assert_eq!(status(&app, ids[3]).await, "duplicate");
    let info = app.db.reviews().info(ids[3]).await.unwrap();
    assert_eq!(info.duplicate_of, Some(ids[0]));
    assert!(m.text.contains("待处理 0"), "{}", m.text);
    assert!(m.text.contains("没有符合筛选条件的意见"), "{}", m.text);

    // 全部, then 无效 on the first one with a reason sent as text.
    let (_, m) = press_then_read(&app, &liaison, screen, "全部").await;
    assert!(
        m.text.contains("第 1/4 条") && m.text.contains("C1-0001"),
        "{}",
        m.text
    );
    let (_, _) = press_then_read(&app, &liaison, screen, "无效").await;
    let asked = app.tg.sent(liaison.id).pop().unwrap();
    assert!(asked.text.contains("C1-0001 无效的理由"), "{}", asked.text);
    let shown = reply(&app, &liaison, "与草案无关").await;
    assert_eq!(status(&app, ids[0]).await, "invalid");
    let info = app.db.reviews().info(ids[0]).await.unwrap();
    assert_eq!(info.invalid_reason.as_deref(), Some("与草案无关"));
    assert!(
        shown.text.contains("无效理由：与草案无关"),
        "{}",
        shown.text
    );
    assert!(app.db.dialogues().kind(liaison.id).await.unwrap().is_none());

    // 备注 on the same opinion (the new screen).
    let screen = shown.message_id;
    press_then_read(&app, &liaison, screen, "备注").await;
    let shown = reply(&app, &liaison, "已电话联系提出人").await;
    let notes = app.db.reviews().notes(ids[0]).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "已电话联系提出人");
    assert_eq!(notes[0].author, Some(liaison.id));
    assert!(shown.text.contains("已电话联系提出人"), "{}", shown.text);
    let screen = shown.message_id;

    // The withdrawn opinion can be viewed (no action buttons) but not acted on.
    let (_, m) = press_then_read(&app, &liaison, screen, "第三条").await;
    assert!(
        m.text.contains("C1-0005") && m.text.contains("已撤回"),
        "{}",
        m.text
    );
    assert!(!flat(&m).contains(&"已阅".to_owned()), "{:?}", m.buttons());
    let (answer, _) = forged(&app, &liaison, screen, &format!("ra:r:{}:a:-:0", ids[4])).await;
    assert_eq!(answer["text"], "这条意见已经撤回，只能查看，不能处理。");
    assert_eq!(status(&app, ids[4]).await, "withdrawn");

    // A forged button for 花木's opinion changes nothing.
    let audit_before = app
        .db
        .audit()
        .list(Some("review."), 100)
        .await
        .unwrap()
        .len();
    for data in [
        format!("ra:r:{}:p:-:0", ids[1]),
        format!("ra:x:{}:p:-:0", ids[1]),
        format!("rd:{}:{}:p:-:0", ids[0], ids[1]),
        format!("rd:{}:{}:p:-:0", ids[1], ids[0]),
    ] {
        let (answer, _) = forged(&app, &liaison, screen, &data).await;
        assert_eq!(
            answer["text"], "抱歉，这条意见不在您可以审阅的范围内。",
            "{data}"
        );
    }
    assert_eq!(status(&app, ids[1]).await, "received");
    assert_eq!(
        app.db.reviews().info(ids[0]).await.unwrap().duplicate_of,
        None
    );
    // The resident pressing a review button is refused too.
    let (answer, _) = forged(&app, &resident, 1, &format!("ra:r:{}:p:-:0", ids[1])).await;
    assert!(
        answer["text"]
            .as_str()
            .unwrap()
            .starts_with("抱歉，只有联络员和管理员")
    );
    assert_eq!(status(&app, ids[1]).await, "received");
    let audit = app.db.audit().list(Some("review."), 100).await.unwrap();
    assert_eq!(audit.len(), audit_before);

    // The admin acts on 花木's opinion.
    let m = reply(&app, &admin, "/review").await;
    let (_, m) = press_then_read(
        &app,
        &admin,
        m.message_id,
        "C1 某市养犬管理条例（草案）（待处理 1）",
    )
    .await;
    assert!(m.text.contains("C1-0002"), "{}", m.text);
    assert!(!m.text.contains("李四"), "unconsented name: {}", m.text);
    let (_, m) = press_then_read(&app, &admin, m.message_id, "已阅").await;
    assert_eq!(status(&app, ids[1]).await, "reviewed");
    assert!(
        m.text
            .contains("待处理 0 · 已阅 1 · 转交 1 · 重复 1 · 无效 1 · 已撤回 1"),
        "{}",
        m.text
    );

    // Every action is in the audit log, with the opinion.
    let audit = app.db.audit().list(Some("review."), 100).await.unwrap();
    let seen: Vec<(Option<i64>, String, i64)> = audit
        .iter()
        .rev()
        .map(|e| {
            (
                e.actor,
                e.action.clone(),
                e.detail.0["opinion"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    let l = Some(liaison.id);
    assert_eq!(
        seen,
        [
            (l, "review.reviewed".to_owned(), ids[0]),
            (l, "review.forwarded".to_owned(), ids[2]),
            (l, "review.duplicate".to_owned(), ids[3]),
            (l, "review.invalid".to_owned(), ids[0]),
            (l, "review.note".to_owned(), ids[0]),
            (Some(admin.id), "review.reviewed".to_owned(), ids[1]),
        ]
    );
    assert_eq!(audit[3].detail.0["duplicate_of"], ids[0]);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_liaison_who_reads_english_reviews_in_english() {
    let app = TestApp::spawn().await;
    let w = world(&app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("Liaison")
        .open()
        .await;
    let liaison = w.liaison("jinqiao").clone();
    reply(&app, &liaison, "/lang en").await;
    let ids = submit(
        &app,
        &[NewOpinion {
            submission_key: "e1".into(),
            body: "登记应当可以网上办理。".into(),
            ..w.opinion("jinqiao")
        }],
    )
    .await;

    let m = reply(&app, &liaison, "/review").await;
    assert!(
        m.text.contains("to do 1 · reviewed 0 · forwarded 0"),
        "{}",
        m.text
    );
    let (_, m) = press_then_read(
        &app,
        &liaison,
        m.message_id,
        "C1 某市养犬管理条例（草案） (1 to do)",
    )
    .await;
    // Labels in English, the resident's words as they wrote them.
    for line in [
        "C1-0001 · Whole draft · draft 1 · to do",
        "Opinion: 登记应当可以网上办理。",
        "Channel: private chat",
    ] {
        assert!(m.text.contains(line), "{line:?} in {}", m.text);
    }
    assert_eq!(
        m.buttons()[0],
        ["Reviewed", "Forward", "Duplicate", "Invalid"]
    );
    let (answer, _) = press_then_read(&app, &liaison, m.message_id, "Reviewed").await;
    assert_eq!(answer["text"], "C1-0001 marked as reviewed.");
    assert_eq!(status(&app, ids[0]).await, "reviewed");
    app.finish().await;
}
