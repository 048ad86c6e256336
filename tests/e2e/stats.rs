//! Statistics (/stats): a liaison sees only their point, an admin every point; a
//! resident and forged buttons are refused; the chart arrives as a PNG picture (with
//! the Chinese labels where the CJK font is installed); the contact-point assessment
//! (考核) matches what the test did, in /stats and in the export's 考核 sheet; every
//! look is in the audit log.

use chrono::Duration;
use consult_domain::{
    Db,
    consultations::Scope,
    deliveries::{DeliveryState, NewBroadcast, OutMessage},
    opinions::{NewOpinion, Stance},
};
use consult_handlers::chart::{self, Bars};

use crate::support::{
    app::{ClockExt, TestApp, eventually},
    chat::{forged, press, say},
    telegram::{ChatRef, Person},
    world::{DRAFT, World, publish, submit, world},
};

/// Runs one statement with an opinion id and a time (decisions, for the assessment).
pub(crate) async fn decide(
    db: &Db,
    opinion: i64,
    outcome: &str,
    at: chrono::DateTime<chrono::Utc>,
) {
    let sql = "INSERT INTO decisions (opinion_id, outcome, reason, revision, decided_at)
               VALUES ($1, $2, '理由', 1, $3)";
    match db {
        Db::Sqlite(p) => drop(
            sqlx::query(sql)
                .bind(opinion)
                .bind(outcome)
                .bind(at)
                .execute(p)
                .await
                .unwrap(),
        ),
        Db::Postgres(p) => drop(
            sqlx::query(sql)
                .bind(opinion)
                .bind(outcome)
                .bind(at)
                .execute(p)
                .await
                .unwrap(),
        ),
    }
}

/// Three opinions at 金桥 (two online, one offline), one at 花木, one at 金桥
/// withdrawn, on the world's consultation; returns their ids.
pub(crate) async fn ledger(app: &TestApp, w: &World, people: &[&Person]) -> Vec<i64> {
    let base = NewOpinion {
        body: "意见内容写在这里。".into(),
        ..w.opinion("jinqiao")
    };
    let opinions = [
        NewOpinion {
            submission_key: "k1".into(),
            article: Some((1, "第一条".into())),
            submitter_id: Some(people[0].id),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k2".into(),
            article: Some((1, "第一条".into())),
            stance: Stance::Amend,
            submitter_id: Some(people[1].id),
            channel: consult_domain::opinions::Channel::GroupReply,
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k3".into(),
            article: Some((3, "第三条".into())),
            stance: Stance::Oppose,
            channel: consult_domain::opinions::Channel::Forum,
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k4".into(),
            stance: Stance::Add,
            submitter_id: Some(people[2].id),
            point_id: Some(w.point("huamu")),
            ..base.clone()
        },
        NewOpinion {
            submission_key: "k5".into(),
            article: Some((3, "第三条".into())),
            submitter_id: Some(people[0].id),
            ..base.clone()
        },
    ];
    let ids = submit(app, &opinions).await;
    app.db
        .opinions()
        .withdraw(ids[4], people[0].id, app.clock.now_utc())
        .await
        .unwrap();
    ids
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a decodable PNG");
    (reader.info().width, reader.info().height)
}

/// Queues one delivery and waits until the bot has sent it.
async fn deliver(app: &TestApp, purpose: &str, subject: &str, chat: i64) {
    let b = NewBroadcast {
        purpose,
        subject,
        created_by: None,
        progress_chat: None,
        locale: consult_domain::people::Locale::ZhCn,
    };
    let message = OutMessage {
        html: format!("{purpose} {subject}"),
        buttons: vec![],
        pin: false,
    };
    app.db
        .deliveries()
        .enqueue(&b, &[(chat, message)], app.clock.now_utc())
        .await
        .unwrap();
    // The worker may be asleep until its next scan: nudge it as a handler would.
    eventually("the delivery is sent", || async {
        let state = app
            .db
            .deliveries()
            .state_of(purpose, subject, chat)
            .await
            .unwrap();
        (state.map(|s| s.0) == Some(DeliveryState::Sent)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statistics_charts_and_the_assessment_respect_each_persons_scope() {
    let app = TestApp::spawn().await;
    let builder = world(&app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("联络员")
        .point("huamu", "花木街道联系点")
        .days(20);
    let places = builder.places().await;
    let (admin, liaison) = (places.admin().clone(), places.liaison("jinqiao").clone());
    let resident = app.tg.person("居民");
    let (a, b, c) = (
        app.tg.person("甲"),
        app.tg.person("乙"),
        app.tg.person("丙"),
    );
    // The submitters have talked to the bot, so that feedback can reach them.
    for p in [&a, &b, &c] {
        app.tg.send_text(p, ChatRef::Private, "/start");
    }
    app.settle().await;
    let w = World {
        consultation: builder.consultation(&places).await,
        places,
    };
    let consultation = w.id();
    let ids = ledger(&app, &w, &[&a, &b, &c]).await;
    // A second consultation only for 花木: not the 金桥 liaison's to see.
    let other = publish(
        &app,
        "某市物业管理条例（草案）",
        DRAFT,
        Scope::Points(vec![w.point("huamu")]),
        app.clock.now_utc() + Duration::days(20),
    )
    .await;

    // A resident is refused, by command and by a forged button.
    let m = say(&app, &resident, "/stats").await;
    assert!(
        m[0].text
            .starts_with("抱歉，只有联络员和管理员可以查看统计"),
        "{}",
        m[0].text
    );
    let (answer, sent) = forged(&app, &resident, m[0].message_id, "st:c:1").await;
    assert!(
        answer["text"]
            .as_str()
            .unwrap()
            .contains("只有联络员和管理员"),
        "{answer}"
    );
    assert_eq!(answer["show_alert"], true);
    assert!(sent.is_empty(), "{sent:?}");

    // The liaison's menu lists only consultations that reach 金桥.
    let m = say(&app, &liaison, "/stats").await;
    assert_eq!(m.len(), 1);
    let menu = &m[0];
    assert!(menu.text.contains("金桥街道联系点"), "{}", menu.text);
    let labels: Vec<String> = menu.buttons().into_iter().flatten().collect();
    assert!(
        labels.contains(&"C1 某市养犬管理条例（草案）".to_owned()),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("物业")), "{labels:?}");
    assert!(labels.contains(&"本季度考核".to_owned()), "{labels:?}");

    // A forged button for the other point's consultation, or for none, is refused.
    for data in [format!("st:c:{}", other.id), "st:c:999".to_owned()] {
        let (answer, sent) = forged(&app, &liaison, menu.message_id, &data).await;
        assert!(
            answer["text"]
                .as_str()
                .unwrap()
                .contains("不在您可以查看的范围内"),
            "{answer}"
        );
        assert!(sent.is_empty(), "{sent:?}");
    }
    // Garbage is a stale button, not a crash.
    let (answer, _) = forged(&app, &liaison, menu.message_id, "st:c:x").await;
    assert!(answer["text"].is_string(), "{answer}");

    // The liaison's statistics: only 金桥's opinions, then the chart.
    let (_, sent) = press(
        &app,
        &liaison,
        menu.message_id,
        "C1 某市养犬管理条例（草案）",
    )
    .await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let text = &sent[0].text;
    assert!(text.contains("统计范围：金桥街道联系点"), "{text}");
    assert!(text.contains("共 3 条意见（不含已撤回的）"), "{text}");
    assert!(text.contains("• 金桥街道联系点：3"), "{text}");
    assert!(!text.contains("花木"), "{text}");
    assert!(text.contains("• 第一条：2\n• 第三条：1"), "{text}");
    assert!(!text.contains("• 整部草案"), "{text}");
    assert!(
        text.contains("• 支持：1\n• 反对：1\n• 修改建议：1\n• 补充建议：0"),
        "{text}"
    );
    assert!(
        text.contains("待处理 3 · 已阅 0 · 转交 0 · 重复 0 · 无效 0 · 已撤回 1"),
        "{text}"
    );
    assert!(text.contains("• 私聊提交：1"), "{text}");
    assert!(text.contains("• 群内回复：1"), "{text}");
    assert!(text.contains("• 座谈会：1"), "{text}");
    let photo = &sent[1];
    assert_eq!(photo.kind, "photo");
    assert!(photo.text.contains("各条文意见数"), "{}", photo.text);
    let bytes = &photo.file.as_ref().expect("the picture").bytes;
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let (w, h) = png_size(bytes);
    // Two bars: a narrow picture, as wide as its bars and titles need.
    assert!((200..640).contains(&w) && h == 480, "{w}x{h}");
    // Where the CJK font is installed (CI installs it), the picture is exactly the
    // chart with the Chinese labels.
    let font = chart::font(None);
    if font
        .as_ref()
        .is_some_and(|f| f.covers("第一条各条文意见数"))
    {
        let native = Bars {
            title: "各条文意见数".into(),
            axis: "条文".into(),
            bars: vec![("第一条".into(), 2), ("第三条".into(), 1)],
        };
        let latin = Bars {
            title: "Opinions per article".into(),
            axis: "Article".into(),
            bars: vec![("Art. 1".into(), 2), ("Art. 3".into(), 1)],
        };
        let expected = chart::render(&native, &latin, font.as_deref()).unwrap();
        assert!(expected.native_labels);
        assert!(&expected.png == bytes, "the chart has the Chinese labels");
    }

    // The admin sees every point.
    let m = say(&app, &admin, "/stats").await;
    let labels: Vec<String> = m[0].buttons().into_iter().flatten().collect();
    assert!(labels.iter().any(|l| l.contains("物业")), "{labels:?}");
    let (_, sent) = press(&app, &admin, m[0].message_id, "C1 某市养犬管理条例（草案）").await;
    let text = &sent[0].text;
    assert!(text.contains("统计范围：全部联系点"), "{text}");
    assert!(text.contains("共 4 条意见"), "{text}");
    assert!(
        text.contains("• 金桥街道联系点：3\n• 花木街道联系点：1"),
        "{text}"
    );
    assert!(
        text.contains("• 整部草案：1\n• 第一条：2\n• 第三条：1"),
        "{text}"
    );
    assert_eq!(sent[1].kind, "photo");

    // What the assessment counts: a group linked to 金桥 that got the announcement, a
    // decision (adopted) and one partly adopted, feedback to 甲 three days later.
    let group = app.tg.group("金桥居民群");
    app.tg.add_bot(&liaison, &group);
    app.settle().await;
    deliver(&app, "announce", &format!("c{consultation}:v1"), group.id).await;
    decide(&app.db, ids[0], "adopted", app.clock.now_utc()).await;
    decide(&app.db, ids[1], "partly", app.clock.now_utc()).await;
    decide(&app.db, ids[2], "not_adopted", app.clock.now_utc()).await;
    app.clock.advance(Duration::days(3));
    deliver(&app, "feedback", &format!("{}:1", ids[0]), a.id).await;

    let (_, sent) = press(&app, &liaison, menu.message_id, "本月考核").await;
    let text = &sent[0].text;
    assert!(
        text.contains("联系点考核 · 本月（2026-11-01 – 2026-11-27）"),
        "{text}"
    );
    assert!(text.contains("金桥街道联系点（jinqiao）"), "{text}");
    assert!(!text.contains("花木"), "{text}");
    assert!(text.contains("联系群 1 个 · 发布征求意见 1 件"), "{text}");
    assert!(
        text.contains("收集意见 3 条（线上 2 条，线下 1 条），其中采纳（含部分采纳）2 条"),
        "{text}"
    );
    assert!(
        text.contains("提出人 3 人，已收到反馈 1 人（33%），反馈用时中位数 3.0 天"),
        "{text}"
    );

    // The admin asks for a period by dates: every point; bad dates get the usage.
    let sent = say(&app, &admin, "/stats 2026-11-01 2026-11-30").await;
    let text = &sent[0].text;
    assert!(
        text.contains("指定期间（2026-11-01 – 2026-11-30）"),
        "{text}"
    );
    assert!(text.contains("金桥街道联系点（jinqiao）"), "{text}");
    assert!(text.contains("花木街道联系点（huamu）"), "{text}");
    assert!(
        text.contains("收集意见 1 条（线上 1 条，线下 0 条），其中采纳（含部分采纳）0 条"),
        "{text}"
    );
    let sent = say(&app, &admin, "/stats 2026-12-01 2026-11-01").await;
    assert!(sent[0].text.starts_with("用法："), "{}", sent[0].text);
    // Outside the period, nothing counts.
    let sent = say(&app, &liaison, "/stats 2025-01-01 2025-12-31").await;
    assert!(
        sent[0]
            .text
            .contains("收集意见 0 条（线上 0 条，线下 0 条）"),
        "{}",
        sent[0].text
    );

    // The liaison's export has the 考核 sheet with their point only.
    let sent = say(&app, &liaison, "/export").await;
    let file = sent[0].file.as_ref().expect("the export");
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(file.bytes.clone())).unwrap();
    let range = book.worksheet_range("考核").expect("a 考核 sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0], consult_domain::assessment::HEADERS);
    assert_eq!(rows.len(), 4, "本月, 本季度, 本年 for 金桥: {rows:?}");
    assert_eq!(
        rows[1],
        [
            "jinqiao",
            "金桥街道联系点",
            "本月",
            "2026-11-01",
            "2026-11-27",
            "1",
            "1",
            "2",
            "1",
            "2",
            "3",
            "1",
            "33%",
            "3",
            "0",
            "0",
            "0",
            "0"
        ]
    );
    assert_eq!(rows[3][2], "本年");

    // Every look is in the audit log, with who looked.
    let log = app.db.audit().list(Some("stats."), 50).await.unwrap();
    let seen: Vec<(Option<i64>, String, String)> = log
        .iter()
        .rev()
        .map(|e| (e.actor, e.action.clone(), e.subject.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                Some(liaison.id),
                "stats.view".to_owned(),
                format!("consultation:{consultation}")
            ),
            (
                Some(admin.id),
                "stats.view".to_owned(),
                format!("consultation:{consultation}")
            ),
            (
                Some(liaison.id),
                "stats.assessment".to_owned(),
                "period:2026-11-01..2026-11-27".to_owned()
            ),
            (
                Some(admin.id),
                "stats.assessment".to_owned(),
                "period:2026-11-01..2026-11-30".to_owned()
            ),
            (
                Some(liaison.id),
                "stats.assessment".to_owned(),
                "period:2025-01-01..2025-12-31".to_owned()
            ),
        ]
    );
    assert_eq!(log.last().unwrap().detail.0["point"], "jinqiao");
    app.finish().await;
}
