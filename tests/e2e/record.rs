//! Offline entry (线下): `/record` by an informant through to a receipt, refused for a
//! resident; spreadsheet import (XLSX and CSV) that names bad rows and imports nothing,
//! or imports everything once; the template.

use chrono::NaiveDate;
use consult_domain::opinions::Opinion;

use crate::support::chat::{press_latest as press, say_text as say};
use crate::support::world::point_id;
use crate::support::{
    app::TestApp,
    telegram::{ChatRef, Person},
};

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n";

const CANCELLED: &str = "已取消，没有保存任何内容。";

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const HEADERS: [&str; 8] = [
    "草案编号",
    "渠道",
    "日期",
    "居民姓名",
    "条文",
    "看法",
    "意见内容",
    "建议表述",
];

/// An open consultation for every point; returns its id.
async fn open_consultation(app: &TestApp) -> i64 {
    app.open_consultation("某市养犬管理条例（草案）", DRAFT, &[], 10)
        .await
        .id
}

/// The contact point 金桥 and its liaison.
async fn jinqiao_liaison(app: &TestApp) -> Person {
    app.point("jinqiao", "金桥街道联系点").await;
    let p = app.tg.person("联络员");
    app.grant(p.id, "liaison", Some("jinqiao")).await;
    p
}

/// Sends a file and returns everything the bot said in answer, joined.
pub(crate) async fn send_file(
    app: &TestApp,
    who: &Person,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> String {
    let before = app.tg.sent(who.id).len();
    app.tg
        .send_document(who, ChatRef::Private, name, mime, bytes);
    app.settle().await;
    app.tg.sent(who.id)[before..]
        .iter()
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn ledger(app: &TestApp, id: i64) -> Vec<Opinion> {
    app.db.opinions().on(id).await.unwrap()
}

async fn gathered_on(app: &TestApp, o: &Opinion) -> Option<NaiveDate> {
    app.db.offline().gathered_on(o.id).await.unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A workbook with the documented header and `rows` below it.
pub(crate) fn xlsx(rows: &[[&str; 8]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            // Numbers as numbers, as a person typing into Excel would get them.
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r as u32 + 1, c as u16, n).unwrap(),
                Err(_) => sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

pub(crate) fn csv(rows: &[[&str; 8]]) -> String {
    let mut out = HEADERS.join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_informant_records_an_offline_opinion_through_to_a_receipt() {
    let app = TestApp::spawn().await;
    app.point("jinqiao", "金桥街道联系点").await;
    let p = app.tg.person("信息员小李");
    app.grant(p.id, "informant", Some("jinqiao")).await;
    let id = open_consultation(&app).await;

    let start = say(&app, &p, "/record").await;
    assert!(
        start.starts_with("录入线下意见\n请选择意见针对的草案"),
        "{start}"
    );
    assert_eq!(
        press(&app, &p, "C1 某市养犬管理条例（草案）").await,
        "这条意见是通过什么渠道收集的？"
    );
    // 返回 goes back a step, and the step is asked again.
    assert!(press(&app, &p, "返回").await.starts_with("录入线下意见"));
    press(&app, &p, "C1 某市养犬管理条例（草案）").await;
    assert!(
        press(&app, &p, "座谈会")
            .await
            .starts_with("意见是哪一天收集的？")
    );
    assert_eq!(
        say(&app, &p, "2026-11-25").await,
        "日期不能晚于今天（2026-11-24），请重新发送。"
    );
    assert_eq!(
        say(&app, &p, "11月20日").await,
        "日期格式不对，请按 YYYY-MM-DD 发送，例如 2026-11-24。"
    );
    assert!(
        say(&app, &p, "2026-11-20")
            .await
            .starts_with("居民愿意留下姓名吗？")
    );
    assert!(
        say(&app, &p, "王大妈")
            .await
            .starts_with("这条意见针对哪一条？")
    );
    assert!(
        say(&app, &p, "第九条")
            .await
            .starts_with("草案里没有这一条")
    );
    assert_eq!(say(&app, &p, "第二条").await, "居民对第二条的看法是？");
    assert!(
        press(&app, &p, "修改建议")
            .await
            .starts_with("请写下居民的意见（5–2000 字）")
    );
    let body = "小区里遛狗不牵绳的太多，建议写明 <b>必须</b> 牵绳 & 清理粪便";
    assert!(say(&app, &p, body).await.starts_with("居民建议怎样修改？"));
    let review = say(&app, &p, "养犬人携犬出户时，应当束犬链。").await;
    assert!(
        review.starts_with(
            "请核对这条线下意见\n草案：某市养犬管理条例（草案）（C1，第 1 稿）\n渠道：座谈会\n收集日期：2026-11-20\n条文：第二条\n看法：修改建议\n"
        ),
        "{review}"
    );
    assert!(review.contains(&format!("意见：{body}")), "{review}");
    assert!(review.contains("建议表述：养犬人携犬出户时，应当束犬链。"));
    assert!(
        review.ends_with("居民：王大妈（实名。由您代居民登记，即表示居民已同意保存其姓名）"),
        "{review}"
    );
    let receipt = press(&app, &p, "保存").await;
    assert!(
        receipt.starts_with("已登记这条线下意见（座谈会，2026-11-20），收件编号 C1-0001"),
        "{receipt}"
    );

    let rows = ledger(&app, id).await;
    assert_eq!(rows.len(), 1);
    let o = &rows[0];
    assert_eq!(
        (o.channel.as_str(), o.recorded_by, o.submitter_id),
        ("offline_forum", Some(p.id), None)
    );
    assert_eq!(o.point_id, Some(point_id(&app, "jinqiao").await));
    assert_eq!(
        (
            o.identity.as_str(),
            o.submitter_name.as_deref(),
            o.consent_details,
            o.consent_quote
        ),
        ("named", Some("王大妈"), true, false)
    );
    assert_eq!(
        (o.article_number, o.stance.as_str(), o.body.as_str()),
        (Some(2), "amend", body)
    );
    assert_eq!(
        o.proposed_wording.as_deref(),
        Some("养犬人携犬出户时，应当束犬链。")
    );
    assert_eq!(gathered_on(&app, o).await, Some(day("2026-11-20")));
    assert_eq!(
        app.db.dialogues().kind(p.id).await.unwrap().as_deref(),
        Some("ended"),
        "the dialogue is over; only its receipt is kept, for a replay"
    );

    // 保存 pressed again: a friendly answer, still one opinion.
    let old = app
        .tg
        .sent(p.id)
        .iter()
        .rev()
        .find(|m| m.buttons().iter().flatten().any(|b| b == "保存"))
        .cloned()
        .unwrap();
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, old.message_id, "保存");
    assert_eq!(
        app.tg.wait_callback_answer(&q).await["text"],
        "这个按钮已经失效了，请重新发送命令。"
    );
    app.settle().await;

    // An anonymous one on the whole draft, with /skip, then /cancel midway.
    say(&app, &p, "/record").await;
    say(&app, &p, "C1").await;
    press(&app, &p, "走访").await;
    say(&app, &p, "2026-11-24").await;
    assert!(
        say(&app, &p, "/skip")
            .await
            .starts_with("这条意见针对哪一条？")
    );
    press(&app, &p, "整部草案").await;
    press(&app, &p, "支持").await;
    let review = say(&app, &p, "支持尽快出台这部条例").await;
    assert!(review.ends_with("居民：匿名"), "{review}");
    assert!(press(&app, &p, "保存").await.contains("收件编号 C1-0002"));
    say(&app, &p, "/record").await;
    say(&app, &p, "1").await;
    assert_eq!(say(&app, &p, "/cancel").await, CANCELLED);
    let rows = ledger(&app, id).await;
    assert_eq!(rows.len(), 2);
    let o = &rows[1];
    assert_eq!(
        (
            o.channel.as_str(),
            o.identity.as_str(),
            o.submitter_name.as_deref(),
            o.consent_details,
            o.article_number
        ),
        ("offline_visit", "anonymous", None, false, None)
    );
    assert_eq!(gathered_on(&app, o).await, Some(day("2026-11-24")));
    assert!(app.db.dialogues().kind(p.id).await.unwrap().is_none());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_cannot_record_or_get_the_template() {
    let app = TestApp::spawn().await;
    open_consultation(&app).await;
    let p = app.tg.person("居民");
    let refusal = "抱歉，只有信息员、联络员和管理员可以录入线下收集的意见。";
    assert_eq!(say(&app, &p, "/record").await, refusal);
    assert_eq!(say(&app, &p, "/record template").await, refusal);
    assert!(app.db.dialogues().kind(p.id).await.unwrap().is_none());
    assert!(
        app.tg.sent(p.id).iter().all(|m| m.kind == "text"),
        "no template for a resident"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spreadsheet_with_a_bad_row_imports_nothing_and_a_good_one_imports_once() {
    let app = TestApp::spawn().await;
    let p = jinqiao_liaison(&app).await;
    let id = open_consultation(&app).await;
    let good = [
        [
            "C1",
            "座谈会",
            "2026-11-20",
            "王大妈",
            "第二条",
            "修改建议",
            "建议明确适用范围包括郊区",
            "本市行政区域内（含郊区）的养犬活动适用本条例。",
        ],
        [
            "1",
            "走访",
            "2026-11-21",
            "",
            "3",
            "支持",
            "登记制度很有必要",
            "",
        ],
        [
            "C1",
            "听证会",
            "2026-11-22",
            "",
            "",
            "其他",
            "希望多开几场听证会",
            "",
        ],
    ];
    let mut bad = good;
    bad[1][2] = "2026-13-01";

    say(&app, &p, "/record").await;
    let answer = send_file(&app, &p, "意见.xlsx", XLSX, xlsx(&bad)).await;
    assert_eq!(
        answer,
        "表格中有 1 处错误，没有导入任何意见。请改正后重新发送：\n第 3 行：日期格式不对（应为 YYYY-MM-DD，例如 2026-11-20）"
    );
    assert!(ledger(&app, id).await.is_empty(), "nothing imported");
    assert_eq!(
        app.db.dialogues().kind(p.id).await.unwrap().as_deref(),
        Some("record"),
        "still at the first step, ready for the corrected file"
    );

    let answer = send_file(&app, &p, "意见.xlsx", XLSX, xlsx(&good)).await;
    assert_eq!(
        answer,
        "已导入 3 条线下意见，台账中记为由您录入。收件编号：C1-0001 至 C1-0003"
    );
    let rows = ledger(&app, id).await;
    assert_eq!(rows.len(), 3);
    let point = point_id(&app, "jinqiao").await;
    for o in &rows {
        assert_eq!(
            (o.recorded_by, o.point_id, o.submitter_id),
            (Some(p.id), Some(point), None)
        );
    }
    let summary: Vec<_> = rows
        .iter()
        .map(|o| {
            (
                o.channel.as_str(),
                o.article_number,
                o.stance.as_str(),
                o.identity.as_str(),
                o.submitter_name.as_deref(),
                o.proposed_wording.is_some(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "offline_forum",
                Some(2),
                "amend",
                "named",
                Some("王大妈"),
                true
            ),
            (
                "offline_visit",
                Some(3),
                "support",
                "anonymous",
                None,
                false
            ),
            ("offline_hearing", None, "other", "anonymous", None, false),
        ]
    );
    assert_eq!(gathered_on(&app, &rows[1]).await, Some(day("2026-11-21")));

    // The same rows again, re-saved in another order: nothing new.
    let resorted = [good[2], good[0], good[1]];
    say(&app, &p, "/record").await;
    let answer = send_file(&app, &p, "意见(1).xlsx", XLSX, xlsx(&resorted)).await;
    assert_eq!(
        answer,
        "这个表格的 3 条意见之前都已经导入过，没有重复登记。"
    );
    assert_eq!(ledger(&app, id).await.len(), 3);

    // The sheet grew by two residents who said the same thing: both are new, the
    // three earlier rows are not recorded again.
    let same = [
        "C1",
        "走访",
        "2026-11-23",
        "",
        "1",
        "反对",
        "不同意限制养犬数量",
        "",
    ];
    let grown = [good[0], good[1], same, good[2], same];
    say(&app, &p, "/record").await;
    let answer = send_file(&app, &p, "意见(2).xlsx", XLSX, xlsx(&grown)).await;
    assert_eq!(
        answer,
        "已导入 2 条线下意见，台账中记为由您录入。收件编号：C1-0004 至 C1-0005\n另有 3 条之前已经导入过，没有重复登记。"
    );
    let rows = ledger(&app, id).await;
    assert_eq!(rows.len(), 5);
    assert!(rows[3..].iter().all(|o| o.body == "不同意限制养犬数量"));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_in_gbk_names_every_bad_row_and_csv_with_bom_imports() {
    let app = TestApp::spawn().await;
    let admin = app.tg.person("管理员");
    app.grant(admin.id, "admin", None).await;
    let id = open_consultation(&app).await;
    let rows = [
        [
            "C1",
            "走访",
            "2026-11-20",
            "",
            "第十条",
            "反对",
            "不同意这一条的写法",
            "",
        ],
        ["C1", "电话", "2026-11-20", "", "", "", "太短", ""],
        [
            "C9",
            "其他",
            "2026-11-30",
            "",
            "",
            "支持",
            "支持这部条例出台",
            "",
        ],
    ];
    say(&app, &admin, "/record").await;
    let text = csv(&rows);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let answer = send_file(&app, &admin, "意见.csv", "text/csv", gbk.into_owned()).await;
    assert_eq!(
        answer,
        "表格中有 6 处错误，没有导入任何意见。请改正后重新发送：\n\
         第 2 行：条文在草案中不存在\n\
         第 3 行：渠道格式不对（只能填座谈会、走访、听证会或其他）\n\
         第 3 行：看法没有填写\n\
         第 3 行：意见内容太短（至少 5 个字）\n\
         第 4 行：草案编号不存在\n\
         第 4 行：日期不能晚于今天"
    );
    assert!(ledger(&app, id).await.is_empty());

    let good = [
        [
            "C1",
            "走访",
            "2026-11-20",
            "",
            "第三条",
            "反对",
            "不同意这一条的写法",
            "",
        ],
        [
            "C1",
            "其他",
            "2026-11-23",
            "李四",
            "",
            "支持",
            "支持这部条例出台",
            "",
        ],
    ];
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(csv(&good).as_bytes());
    let answer = send_file(&app, &admin, "意见.csv", "text/csv", bytes.clone()).await;
    assert_eq!(
        answer,
        "已导入 2 条线下意见，台账中记为由您录入。收件编号：C1-0001 至 C1-0002"
    );
    let stored = ledger(&app, id).await;
    assert_eq!(stored.len(), 2);
    assert_eq!(
        (
            stored[0].recorded_by,
            stored[0].point_id,
            stored[0].article_number
        ),
        (Some(admin.id), None, Some(3))
    );
    assert_eq!(stored[1].submitter_name.as_deref(), Some("李四"));

    // The same file again: nothing new is stored.
    say(&app, &admin, "/record").await;
    send_file(&app, &admin, "意见.csv", "text/csv", bytes).await;
    assert_eq!(ledger(&app, id).await.len(), 2);
    app.finish().await;
}

/// The template's headers follow the glossary (条文, 看法, 建议表述); a sheet filled in
/// from its first edition (条款, 意见类型, 修改建议) is still read, wording and all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sheet_with_the_former_headers_still_imports() {
    let app = TestApp::spawn().await;
    let p = jinqiao_liaison(&app).await;
    let id = open_consultation(&app).await;
    let mut text = "草案编号,渠道,日期,居民姓名,条款,意见类型,意见内容,修改建议\n".to_owned();
    text.push_str("C1,座谈会,2026-11-20,,第二条,修改建议,建议明确适用范围包括郊区,本市行政区域内（含郊区）的养犬活动适用本条例。\n");
    say(&app, &p, "/record").await;
    let answer = send_file(&app, &p, "旧模板.csv", "text/csv", text.into_bytes()).await;
    assert_eq!(
        answer,
        "已导入 1 条线下意见，台账中记为由您录入。收件编号：C1-0001"
    );
    let o = &ledger(&app, id).await[0];
    assert_eq!(
        (
            o.article_number,
            o.stance.as_str(),
            o.proposed_wording.as_deref()
        ),
        (
            Some(2),
            "amend",
            Some("本市行政区域内（含郊区）的养犬活动适用本条例。")
        )
    );
    app.finish().await;
}

/// Issue 14: a spreadsheet that unpacks to more than any sheet of opinions (a zip
/// bomb) is refused with the reason, and nothing is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spreadsheet_bomb_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let p = jinqiao_liaison(&app).await;
    let id = open_consultation(&app).await;
    say(&app, &p, "/record").await;
    let bomb = crate::support::files::xlsx_bomb().to_vec();
    assert!(bomb.len() < 1024 * 1024, "a small file: {}", bomb.len());
    let limit = consult_domain::limits::ZIP_MEMBER_BYTES / consult_domain::limits::MIB;
    assert_eq!(
        send_file(&app, &p, "意见.xlsx", XLSX, bomb).await,
        format!(
            "这个表格展开后的内容超过 {limit} MB，远远超出一份意见表的篇幅（文件可能已损坏或被恶意构造）。请使用模板（/record template）重新填写后发送。"
        )
    );
    assert!(ledger(&app, id).await.is_empty());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_has_the_documented_columns() {
    use calamine::{Reader, Xlsx};
    let app = TestApp::spawn().await;
    app.point("jinqiao", "金桥街道联系点").await;
    let p = app.tg.person("信息员");
    app.grant(p.id, "informant", Some("jinqiao")).await;
    say(&app, &p, "/record template").await;
    let sent = app.tg.sent(p.id);
    let doc = sent.last().unwrap();
    assert_eq!(doc.kind, "document");
    assert!(doc.text.starts_with("线下意见导入模板。"), "{}", doc.text);
    let file = doc.file.clone().unwrap();
    assert!(file.file_name.unwrap().ends_with(".xlsx"));
    let mut book = Xlsx::new(std::io::Cursor::new(file.bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, HEADERS);
    assert_eq!(range.height(), 1, "no example rows to import by mistake");
    app.finish().await;
}
