//! Exports: `/export` by an admin gives the 意见汇总表 that reads back as the ledger
//! (Chinese text, a neutralised formula, names only with consent); a liaison's holds
//! only their point; a resident is refused; the CSV has a BOM and the same rows; the
//! command line writes the file; every export is in the audit log.

use consult_domain::{
    Actor,
    decisions::{NewDecision, Outcome, Target},
    export::{HEADERS, SUMMARY_HEADERS, SUMMARY_SHEET},
    opinions::{Identity, NewOpinion, Stance},
};

use crate::support::{
    app::{ClockExt, TestApp, binary},
    telegram::{ChatRef, Person},
    world::{World, opinion, submit, world},
};

const SHEET: &str = "C1 某市养犬管理条例（草案）";

/// Two points, one open consultation and five opinions on it, made through the domain.
/// Returns the consultation's id.
async fn ledger(app: &TestApp, w: &World) -> i64 {
    let (c, liaison, now) = (
        &w.consultation,
        w.liaison("jinqiao").id,
        app.clock.now_utc(),
    );
    let base = opinion(c.id, None);
    let opinions = [
        // 1: named, with consent, at 金桥.
        NewOpinion {
            submission_key: "k1".into(),
            article: Some((1, "第一条".into())),
            body: "同意立法目的，很有必要。".into(),
            identity: Identity::Named,
            submitter_id: Some(9001),
            submitter_name: Some("王小明".into()),
            occupation: Some("教师".into()),
            consent_details: true,
            point_id: Some(w.point("jinqiao")),
            ..base.clone()
        },
        // 2: a name without consent (must never show), at 花木.
        NewOpinion {
            submission_key: "k2".into(),
            article: Some((3, "第三条".into())),
            stance: Stance::Oppose,
            body: "登记手续太繁琐，建议简化。".into(),
            submitter_id: Some(9002),
            submitter_name: Some("李四".into()),
            occupation: Some("司机".into()),
            channel: consult_domain::opinions::Channel::GroupReply,
            point_id: Some(w.point("huamu")),
            ..base.clone()
        },
        // 3: offline, recorded by the liaison, at 金桥.
        NewOpinion {
            submission_key: "k3".into(),
            stance: Stance::Amend,
            body: "建议在全文中明确养犬人的责任。".into(),
            proposed_wording: Some("养犬人应当文明养犬。".into()),
            channel: consult_domain::opinions::Channel::Forum,
            point_id: Some(w.point("jinqiao")),
            recorded_by: Some(liaison),
            ..base.clone()
        },
        // 4: a formula-looking text, at 花木.
        NewOpinion {
            submission_key: "k4".into(),
            article: Some((3, "第三条".into())),
            stance: Stance::Other,
            body: "=SUM(A1)".into(),
            proposed_wording: Some("@cmd".into()),
            point_id: Some(w.point("huamu")),
            ..base.clone()
        },
    ];
    let ids = submit(app, &opinions).await;
    // Decisions (taken once closed) fill 办理结果 and 理由; a formula-looking reason too.
    app.db
        .consultations()
        .close(c.id, Actor::CommandLine, now)
        .await
        .unwrap();
    for (id, outcome, reason) in [
        (ids[0], Outcome::Adopted, "已吸收到修改稿。"),
        (ids[3], Outcome::OutOfScope, "=与本条无关"),
    ] {
        let decision = NewDecision {
            outcome,
            reason: reason.into(),
            summary: None,
        };
        app.db
            .decisions()
            .decide(Target::Opinion(id), &decision, liaison, now)
            .await
            .unwrap();
    }
    c.id
}

/// Two points, 金桥 (with a liaison) and 花木, and one open consultation for both.
async fn two_points(app: &TestApp) -> World {
    world(app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("联络员")
        .point("huamu", "花木街道联系点")
        .open()
        .await
}

/// Sends a command and returns the document the bot sent back, if any, with the caption.
async fn command_file(
    app: &TestApp,
    who: &Person,
    text: &str,
) -> (String, Option<(String, Vec<u8>)>) {
    let before = app.tg.sent(who.id).len();
    app.tg.send_text(who, ChatRef::Private, text);
    app.settle().await;
    let sent = app.tg.sent(who.id);
    let new = &sent[before..];
    assert_eq!(new.len(), 1, "one answer to {text}");
    let m = &new[0];
    let file = m
        .file
        .clone()
        .filter(|_| m.kind == "document")
        .map(|f| (f.file_name.unwrap_or_default(), f.bytes));
    (m.text.clone(), file)
}

/// Every sheet of a workbook: name and rows of cell texts.
pub(crate) fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// The rows of [`expected`] as an English reader gets them.
fn in_english(rows: Vec<Vec<&'static str>>) -> Vec<Vec<&'static str>> {
    let words = [
        ("支持", "Support"),
        ("反对", "Oppose"),
        ("修改建议", "Amendment"),
        ("其他", "Other"),
        ("整部草案", "Whole draft"),
        ("匿名", "Anonymous"),
        ("私聊提交", "private chat"),
        ("群内回复", "group reply"),
        ("座谈会", "forum"),
        ("已收到", "received"),
        ("采纳", "Adopted"),
        ("不属于本次征求范围", "Outside this consultation"),
    ];
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(
                    |(col, cell)| match words.iter().find(|(zh, _)| *zh == cell) {
                        Some((_, en)) if col != 5 && col != 6 => *en,
                        _ => cell,
                    },
                )
                .collect()
        })
        .collect()
}

/// The ledger rows the test expects, as exported for everyone (admin).
fn expected() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "1",
            "C1-0001",
            "第一条",
            "1",
            "支持",
            "同意立法目的，很有必要。",
            "",
            "王小明",
            "教师",
            "金桥街道联系点",
            "私聊提交",
            "2026-11-24 09:00",
            "已收到",
            "采纳",
            "已吸收到修改稿。",
        ],
        vec![
            "2",
            "C1-0002",
            "第三条",
            "1",
            "反对",
            "登记手续太繁琐，建议简化。",
            "",
            "匿名",
            "",
            "花木街道联系点",
            "群内回复",
            "2026-11-24 09:00",
            "已收到",
            "",
            "",
        ],
        vec![
            "3",
            "C1-0003",
            "整部草案",
            "1",
            "修改建议",
            "建议在全文中明确养犬人的责任。",
            "养犬人应当文明养犬。",
            "匿名",
            "",
            "金桥街道联系点",
            "座谈会",
            "2026-11-24 09:00",
            "已收到",
            "",
            "",
        ],
        vec![
            "4",
            "C1-0004",
            "第三条",
            "1",
            "其他",
            "'=SUM(A1)",
            "'@cmd",
            "匿名",
            "",
            "花木街道联系点",
            "私聊提交",
            "2026-11-24 09:00",
            "已收到",
            "不属于本次征求范围",
            "'=与本条无关",
        ],
    ]
}

/// The caption says the 办理结果 and 理由 cells are empty only while some opinion the
/// committee decides on has no decision: once every one has, it says nothing of them
/// (an invalid or withdrawn opinion never gets one, and is not waited for).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_caption_speaks_of_empty_outcome_cells_only_while_a_decision_is_missing() {
    let app = TestApp::spawn().await;
    let w = two_points(&app).await;
    let admin = w.admin().clone();
    let id = ledger(&app, &w).await;
    let en = app.tg.person("Ann").with_language("en");
    app.grant(en.id, "admin", None).await;
    let (caption, _) = command_file(&app, &en, "/export").await;
    assert_eq!(
        caption,
        "Opinion sheet: one consultation, 4 opinions.\n2 of them have no decision yet: their 办理结果 (outcome) and 理由 (reason) cells are empty."
    );
    let all = app.db.opinions().on(id).await.unwrap();
    let (waiting, invalid) = (&all[1], &all[2]);
    let not_on_topic = consult_domain::review::Action::Invalid {
        reason: "与草案无关".into(),
    };
    app.db
        .reviews()
        .act(
            invalid.id,
            admin.id,
            consult_domain::review::Scope::All,
            &not_on_topic,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let (caption, _) = command_file(&app, &admin, "/export").await;
    assert_eq!(
        caption,
        "意见汇总表：1 个草案，4 条意见。\n其中 1 条尚未作出处理决定，它们的办理结果和理由两列为空。"
    );
    let decision = NewDecision {
        outcome: Outcome::NotAdopted,
        reason: "登记手续已经简化。".into(),
        summary: None,
    };
    app.db
        .decisions()
        .decide(
            Target::Opinion(waiting.id),
            &decision,
            admin.id,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    let (caption, _) = command_file(&app, &admin, "/export").await;
    assert_eq!(caption, "意见汇总表：1 个草案，4 条意见。");
    let (caption, _) = command_file(&app, &en, "/export").await;
    assert_eq!(caption, "Opinion sheet: one consultation, 4 opinions.");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_match_the_ledger_and_respect_roles_and_consent() {
    let app = TestApp::spawn().await;
    let w = two_points(&app).await;
    let (admin, liaison) = (w.admin().clone(), w.liaison("jinqiao").clone());
    let resident = app.tg.person("居民");
    let id = ledger(&app, &w).await;

    // The admin's XLSX: one sheet for the consultation, then the summary.
    let (caption, file) = command_file(&app, &admin, "/export").await;
    assert_eq!(
        caption,
        "意见汇总表：1 个草案，4 条意见。\n其中 2 条尚未作出处理决定，它们的办理结果和理由两列为空。"
    );
    let (name, bytes) = file.expect("a document");
    assert!(name.ends_with(".xlsx"), "{name}");
    let book = sheets(&bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            SHEET,
            SUMMARY_SHEET,
            consult_domain::export::RELAY_SHEET,
            consult_domain::events::ledger::SHEET,
            consult_domain::assessment::SHEET
        ]
    );
    let rows = &book[0].1;
    assert_eq!(rows[0], HEADERS);
    assert_eq!(rows[1..], expected()[..]);
    // Neither the unconsented name nor occupation appears anywhere.
    let all = format!("{book:?}");
    assert!(!all.contains("李四") && !all.contains("司机"), "{all}");
    let summary = &book[1].1;
    assert_eq!(summary[0], SUMMARY_HEADERS);
    let title = "某市养犬管理条例（草案）";
    assert_eq!(
        summary[1..],
        [
            ["C1", title, "整部草案", "0", "0", "1", "0", "0", "1"],
            ["C1", title, "第一条", "1", "0", "0", "0", "0", "1"],
            ["C1", title, "第三条", "0", "1", "0", "0", "1", "2"],
        ]
    );

    // `/export 1` gives the same ledger.
    let (_, file) = command_file(&app, &admin, &format!("/export {id}")).await;
    let one = sheets(&file.expect("a document").1);
    assert_eq!(one[0].1[1..], expected()[..]);

    // The liaison's export holds only 金桥's opinions.
    let (caption, file) = command_file(&app, &liaison, "/export").await;
    assert_eq!(
        caption,
        "意见汇总表（金桥街道联系点）：1 个草案，2 条意见。\n其中 1 条尚未作出处理决定，它们的办理结果和理由两列为空。"
    );
    let theirs = sheets(&file.expect("a document").1);
    let receipts: Vec<&str> = theirs[0].1[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(receipts, ["C1-0001", "C1-0003"]);
    assert!(!format!("{theirs:?}").contains("花木"));
    // A consultation put only to 花木 is refused by name, not sent as an empty sheet.
    let other = crate::support::world::publish(
        &app,
        "花木专项条例",
        crate::support::world::DRAFT,
        consult_domain::consultations::Scope::Points(vec![w.point("huamu")]),
        app.clock.now_utc() + chrono::Duration::days(5),
    )
    .await;
    let (text, file) = command_file(&app, &liaison, &format!("/export {}", other.id)).await;
    assert!(file.is_none());
    assert_eq!(
        text,
        format!(
            "C{} 没有面向金桥街道联系点征求意见，没有可导出的本联系点意见。",
            other.id
        )
    );

    // A resident is refused, and gets no file.
    let (text, file) = command_file(&app, &resident, "/export").await;
    assert!(
        text.starts_with("抱歉，只有联络员和管理员可以导出意见。"),
        "{text}"
    );
    assert!(file.is_none());
    let (text, file) = command_file(&app, &resident, &format!("/export {id} csv")).await;
    assert!(text.starts_with("抱歉"), "{text}");
    assert!(file.is_none());

    // CSV: one consultation, UTF-8 with a BOM, the same rows.
    let (text, file) = command_file(&app, &admin, "/export csv").await;
    assert!(
        file.is_none() && text.starts_with("CSV 文件只能导出一个草案"),
        "{text}"
    );
    let (_, file) = command_file(&app, &admin, &format!("/export {id} csv")).await;
    let (name, bytes) = file.expect("a document");
    assert!(name.ends_with(".csv"), "{name}");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let csv_rows = read_csv(&bytes[3..]);
    assert_eq!(csv_rows[0], HEADERS);
    assert_eq!(csv_rows[1..], expected()[..]);

    // An unknown consultation is named.
    let (text, file) = command_file(&app, &admin, "/export 99").await;
    assert!(file.is_none() && text.contains("99"), "{text}");

    // The command line writes the file and prints one line.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jinqiao.csv");
    let o = binary()
        .args(["--database-url", &app.testdb.url, "--locale", "zh-CN"])
        .args([
            "export",
            "--consultation",
            &id.to_string(),
            "--point",
            "jinqiao",
        ])
        .args(["--format", "csv", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("已导出 2 条意见（1 个草案）到 "),
        "{stdout}"
    );
    let written = std::fs::read(&out).unwrap();
    let cli_rows = read_csv(written.strip_prefix("\u{feff}".as_bytes()).expect("BOM"));
    let receipts: Vec<&str> = cli_rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(receipts, ["C1-0001", "C1-0003"]);
    let xlsx_out = dir.path().join("all.xlsx");
    let o = binary()
        .args(["--database-url", &app.testdb.url, "--locale", "en"])
        .args(["export", "--out"])
        .arg(&xlsx_out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let all = sheets(&std::fs::read(&xlsx_out).unwrap());
    // The coded values are in the words of the operator's language.
    assert_eq!(all[0].1[1..], in_english(expected())[..]);
    // A CSV of everything is refused in one line.
    let o = binary()
        .args(["--database-url", &app.testdb.url, "--locale", "en"])
        .args(["export", "--format", "csv", "--out"])
        .arg(dir.path().join("no.csv"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);

    // Every export is in the audit log, with who made it and what it held.
    let log = app.db.audit().list(Some("export"), 20).await.unwrap();
    let seen: Vec<(Option<i64>, String, String, i64)> = log
        .iter()
        .rev()
        .map(|e| {
            (
                e.actor,
                e.subject.clone(),
                e.detail.0["format"].as_str().unwrap_or_default().to_owned(),
                e.detail.0["rows"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    let expected_log = vec![
        (Some(admin.id), "all".to_owned(), "xlsx".to_owned(), 4),
        (Some(admin.id), "C1".to_owned(), "xlsx".to_owned(), 4),
        (Some(liaison.id), "all".to_owned(), "xlsx".to_owned(), 2),
        (Some(admin.id), "C1".to_owned(), "csv".to_owned(), 4),
        (None, "C1".to_owned(), "csv".to_owned(), 2),
        (None, "all".to_owned(), "xlsx".to_owned(), 4),
    ];
    assert_eq!(seen, expected_log);
    assert_eq!(
        log.iter()
            .find(|e| e.actor == Some(liaison.id))
            .unwrap()
            .detail
            .0["point"],
        "jinqiao"
    );
    app.finish().await;
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}
