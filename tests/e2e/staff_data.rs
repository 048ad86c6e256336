//! The staff console's offline entry, statistics, assessment and audit log over HTTP
//! (a browser's cookies, the forms as the pages fill them): an informant without
//! Telegram records an offline opinion that the ledger then shows, and reaches nothing
//! else; a sheet with a bad row names it and stores nothing, then stores every row
//! once — the rule chat applies, to the same keys (chat finds the web's import done);
//! the template downloads and, filled in, imports; an import without the session's
//! CSRF token is refused; statistics count what chat counts, with the SVG charts,
//! within the liaison's point; the 考核 table's figures for a month, a quarter, a year
//! and chosen days, and as CSV; the audit log lists logins for admins only, filtered
//! and paged. Every look at figures is in the audit log, as in chat.

use std::io::{Read, Write};

use chrono::Duration;
use consult_domain::{
    Actor,
    assessment::HEADERS,
    consultations::Scope,
    offline::Column,
    opinions::{Channel, Identity, Stance},
};

use crate::{
    record::{XLSX, csv, send_file},
    staff_web::{WEB, logged_in},
    stats::{decide, ledger},
    support::{
        app::ClockExt,
        chat::say,
        web::{Browser, Page, spawn_web},
        world::{DRAFT, publish, world},
    },
};

/// A good sheet: two rows gathered at 金桥 on C1.
const GOOD: [[&str; 8]; 2] = [
    [
        "C1",
        "座谈会",
        "2026-11-20",
        "王小明",
        "第一条",
        "支持",
        "很好，支持这一条的规定。",
        "",
    ],
    [
        "1",
        "走访",
        "2026-11-21",
        "",
        "3",
        "修改建议",
        "登记手续应当简化。",
        "养犬人可以在网上办理登记。",
    ],
];

/// Imports `bytes` as `name` from `/staff/record`, with the page's token (or none).
async fn import(b: &mut Browser, name: &str, bytes: &[u8], with_token: bool) -> Page {
    let page = b.get("/staff/record").await;
    let csrf = page
        .field("/staff/record/import", "csrf")
        .expect("the import form's token");
    let fields: Vec<(&str, &str)> = if with_token {
        vec![("csrf", csrf.as_str())]
    } else {
        vec![]
    };
    b.post_multipart("/staff/record/import", &fields, Some((name, bytes)))
        .await
}

/// The template with `rows` typed into its first sheet below the header, as a person
/// fills it in (inline strings; every other part of the workbook copied as it came).
fn fill_template(template: &[u8], rows: &[[&str; 8]]) -> Vec<u8> {
    const SHEET: &str = "xl/worksheets/sheet1.xml";
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(template)).unwrap();
    let mut sheet = String::new();
    source
        .by_name(SHEET)
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    let mut cells = String::new();
    for (r, row) in rows.iter().enumerate() {
        let n = r + 2;
        cells.push_str(&format!("<row r=\"{n}\">"));
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            let col = char::from(b'A' + c as u8);
            cells.push_str(&format!(
                "<c r=\"{col}{n}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"
            ));
        }
        cells.push_str("</row>");
    }
    let at = sheet.find("</sheetData>").expect("the sheet's rows");
    sheet.insert_str(at, &cells);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..source.len() {
        let member = source.by_index_raw(i).unwrap();
        if member.name().unwrap() != SHEET {
            zip.raw_copy_file(member).unwrap();
        }
    }
    zip.start_file(SHEET, zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(sheet.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[tokio::test]
async fn an_informant_without_telegram_records_an_offline_opinion_the_ledger_then_shows() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let c = w.id();
    // A draft put to 古北 only: not 金桥's to record on.
    let other = publish(
        &app,
        "某市物业管理条例（草案）",
        DRAFT,
        Scope::Points(vec![w.point("gubei")]),
        app.clock.now_utc() + Duration::days(10),
    )
    .await;
    let (person, mut informant) =
        logged_in(&app, addr, "xiaoli", "informant", Some("jinqiao")).await;

    // Offline entry is what the menu offers an informant, and all they reach.
    let home = informant.get("/staff").await;
    assert_eq!(home.link("录入线下意见").as_deref(), Some("/staff/record"));
    assert!(home.link("审阅意见").is_none(), "{}", home.text());
    assert!(home.link("意见统计").is_none(), "{}", home.text());
    for path in [
        "/staff/review",
        "/staff/stats",
        "/staff/assessment",
        "/staff/audit",
        &format!("/staff/stats/{c}"),
    ] {
        assert_eq!(informant.get(path).await.status, 404, "{path}");
    }

    let list = informant.get("/staff/record").await;
    assert_eq!(list.status, 200);
    let text = list.text();
    assert!(text.contains("录入的意见记入金桥联系点"), "{text}");
    assert!(text.contains("C1 某市养犬管理条例（草案）"), "{text}");
    assert!(!text.contains("物业"), "{text}");
    assert_eq!(
        informant
            .get(&format!("/staff/record/{}", other.id))
            .await
            .status,
        404
    );

    let action = format!("/staff/record/{c}");
    let form = informant.get(&action).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        form.field(&action, "date").as_deref(),
        Some("2026-11-24"),
        "today, filled in"
    );
    // What the chat's steps refuse, the form names field by field.
    let page = informant
        .submit(&form, &action, &[("date", "2026-11-25"), ("body", "短")])
        .await;
    assert_eq!(page.status, 422);
    let text = page.text();
    for problem in [
        "渠道没有填写",
        "日期不能晚于今天",
        "看法没有填写",
        "意见内容太短",
    ] {
        assert!(text.contains(problem), "{problem}: {text}");
    }
    assert!(app.db.opinions().on(c).await.unwrap().is_empty());

    let page = informant
        .submit(
            &page,
            &action,
            &[
                ("channel", "offline_visit"),
                ("date", "2026-11-20"),
                ("name", "王大妈"),
                ("article", "3"),
                ("stance", "amend"),
                ("body", "登记点离小区太远，建议在社区设点。"),
                ("wording", "养犬人可以就近办理登记。"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    for shown in [
        "核对这条线下意见",
        "走访",
        "2026-11-20",
        "第三条",
        "修改建议",
        "养犬人可以就近办理登记。",
        "居民：王大妈（实名。由您代居民登记，即表示居民已同意保存其姓名）",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
    assert!(app.db.opinions().on(c).await.unwrap().is_empty());

    // 「保存」, and the same post again (a double click, a reload): one opinion.
    let save = format!("/staff/record/{c}/save");
    let saved = informant.submit(&page, &save, &[]).await;
    assert_eq!(saved.status, 200);
    let text = saved.text();
    assert!(
        text.contains(
            "已登记这条线下意见（走访，2026-11-20），台账中记为由您录入。收件编号： C1-0001"
        ),
        "{text}"
    );
    assert!(
        !saved.body.contains("/staff/opinions/"),
        "informants read no card"
    );
    let again = informant.submit(&page, &save, &[]).await;
    assert!(again.text().contains("C1-0001"), "{}", again.text());
    let rows = app.db.opinions().on(c).await.unwrap();
    assert_eq!(rows.len(), 1);
    let o = &rows[0];
    assert_eq!(
        (o.channel, o.recorded_by, o.point_id, o.submitter_id),
        (Channel::Visit, Some(person), Some(w.point("jinqiao")), None)
    );
    assert_eq!(
        (o.stance, o.identity, o.submitter_name.as_deref()),
        (Stance::Amend, Identity::Named, Some("王大妈"))
    );
    assert_eq!(o.article_label.as_deref(), Some("第三条"));
    assert!(o.consent_details, "the recorder consents for the resident");
    assert_eq!(
        app.db.offline().gathered_on(o.id).await.unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );
    // Another's receipt page is nobody else's.
    let (_, mut liaison) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    assert_eq!(
        liaison
            .get(&format!("/staff/record/saved/{}", o.id))
            .await
            .status,
        404
    );
    // Proposed wording belongs to a 修改建议, as in chat: with another view it goes.
    let form = informant.get(&action).await;
    let page = informant
        .submit(
            &form,
            &action,
            &[
                ("channel", "offline_forum"),
                ("stance", "support"),
                ("body", "支持在社区设立登记点。"),
                ("wording", "不会保存的表述"),
            ],
        )
        .await;
    assert!(!page.text().contains("不会保存的表述"), "{}", page.text());
    let saved = informant.submit(&page, &save, &[]).await;
    assert!(saved.text().contains("C1-0002"), "{}", saved.text());
    let second = &app.db.opinions().on(c).await.unwrap()[1];
    assert_eq!(
        (second.proposed_wording.as_deref(), second.identity),
        (None, Identity::Anonymous)
    );

    // The point's liaison finds both in the ledger, recorded offline.
    let review = liaison.get("/staff/review").await;
    let text = review.text();
    assert!(text.contains("意见台账：共 2 条"), "{text}");
    assert!(
        text.contains("C1-0001 第三条 修改建议 登记点离小区太远"),
        "{text}"
    );
    assert!(text.contains("走访") && text.contains("座谈会"), "{text}");
    let card = liaison.get(&format!("/staff/opinions/{}", o.id)).await;
    assert!(card.text().contains("王大妈"), "{}", card.text());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sheet_with_a_bad_row_stores_nothing_then_every_row_once_as_chat_does() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let c = w.id();
    let (person, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;

    let mut bad = GOOD;
    bad[1][2] = "2026-11-25";
    bad[1][5] = "赞成";
    let page = import(&mut b, "意见.csv", csv(&bad).as_bytes(), true).await;
    assert_eq!(page.status, 422);
    let text = page.text();
    assert!(
        text.contains("表格中有 2 处错误，没有导入任何意见。"),
        "{text}"
    );
    assert!(
        text.contains("第 3 行 日期 日期不能晚于今天"),
        "the row, the column, the problem: {text}"
    );
    assert!(text.contains("第 3 行 看法 看法格式不对"), "{text}");
    assert!(app.db.opinions().on(c).await.unwrap().is_empty());

    // Without this session's token nothing is read, let alone stored.
    let page = import(&mut b, "意见.csv", csv(&GOOD).as_bytes(), false).await;
    assert_eq!(page.status, 403);
    assert!(app.db.opinions().on(c).await.unwrap().is_empty());

    let page = import(&mut b, "意见.csv", csv(&GOOD).as_bytes(), true).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    assert!(
        text.contains("已导入 2 条线下意见，台账中记为由您录入。收件编号：C1-0001 至 C1-0002"),
        "{text}"
    );
    let rows = app.db.opinions().on(c).await.unwrap();
    let stored: Vec<_> = rows
        .iter()
        .map(|o| (o.channel, o.recorded_by, o.point_id, o.article_number))
        .collect();
    let point = Some(w.point("jinqiao"));
    assert_eq!(
        stored,
        [
            (Channel::Forum, Some(person), point, Some(1)),
            (Channel::Visit, Some(person), point, Some(3)),
        ]
    );
    // Sent again, here or in chat by the point's other liaison: the same rows are
    // the same opinions, so nothing more is stored.
    let page = import(&mut b, "意见-again.csv", csv(&GOOD).as_bytes(), true).await;
    assert!(
        page.text()
            .contains("这个表格的 2 条意见之前都已经导入过，没有重复登记。"),
        "{}",
        page.text()
    );
    let liaison = w.liaison("jinqiao");
    say(&app, liaison, "/record").await;
    let answer = send_file(
        &app,
        liaison,
        "意见.csv",
        "text/csv",
        csv(&GOOD).into_bytes(),
    )
    .await;
    assert_eq!(
        answer,
        "这个表格的 2 条意见之前都已经导入过，没有重复登记。"
    );
    assert_eq!(app.db.opinions().on(c).await.unwrap().len(), 2);

    // A file that is no sheet, and a sheet without its columns, say why.
    let page = import(&mut b, "意见.pdf", b"%PDF", true).await;
    assert!(
        page.text().contains("只能导入 Excel（.xlsx）或 CSV 表格"),
        "{}",
        page.text()
    );
    let page = import(
        &mut b,
        "意见.csv",
        "草案编号,渠道\nC1,走访\n".as_bytes(),
        true,
    )
    .await;
    assert!(
        page.text()
            .contains("表格缺少这些列：日期、看法、意见内容。"),
        "{}",
        page.text()
    );

    // The template downloads with its columns and, filled in, imports.
    let template = reqwest::Client::new()
        .get(format!("http://{addr}/staff/record/template.xlsx"))
        .header(
            "Cookie",
            format!("staff={}", b.cookies.get("staff").expect("a session")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(template.status(), 200);
    assert_eq!(template.headers()["content-type"], XLSX);
    assert!(
        template.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"offline-opinions-template.xlsx\""),
    );
    let bytes = template.bytes().await.unwrap().to_vec();
    {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let first = book.sheet_names()[0].clone();
        let header: Vec<String> = book
            .worksheet_range(&first)
            .unwrap()
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, Column::ALL.map(Column::header));
    }
    let filled = fill_template(
        &bytes,
        &[[
            "C1",
            "听证会",
            "2026-11-22",
            "",
            "",
            "其他",
            "希望多开几场听证会。",
            "",
        ]],
    );
    let page = import(&mut b, "offline-opinions-template.xlsx", &filled, true).await;
    assert!(
        page.text().contains("已导入 1 条线下意见") && page.text().contains("C1-0003"),
        "{}",
        page.text()
    );
    let third = &app.db.opinions().on(c).await.unwrap()[2];
    assert_eq!(
        (third.channel, third.article_number),
        (Channel::Hearing, None)
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statistics_and_the_assessment_count_what_chat_counts_within_the_scope() {
    let (app, addr) = spawn_web(WEB).await;
    let builder = world(&app)
        .no_admin()
        .point("jinqiao", "金桥街道联系点")
        .point("huamu", "花木街道联系点")
        .days(20);
    let places = builder.places().await;
    let w = crate::support::world::World {
        consultation: builder.consultation(&places).await,
        places,
    };
    let c = w.id();
    let people = [
        app.tg.person("甲"),
        app.tg.person("乙"),
        app.tg.person("丙"),
    ];
    let ids = ledger(&app, &w, &[&people[0], &people[1], &people[2]]).await;
    let other = publish(
        &app,
        "某市物业管理条例（草案）",
        DRAFT,
        Scope::Points(vec![w.point("huamu")]),
        app.clock.now_utc() + Duration::days(20),
    )
    .await;
    decide(&app.db, ids[0], "adopted", app.clock.now_utc()).await;
    decide(&app.db, ids[1], "partly", app.clock.now_utc()).await;
    let (admin_id, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;
    let (liaison_id, mut liaison) =
        logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;

    // The liaison: their consultations, their point's figures only.
    let list = liaison.get("/staff/stats").await;
    assert_eq!(list.status, 200);
    assert!(
        list.text().contains("统计范围：金桥街道联系点"),
        "{}",
        list.text()
    );
    assert_eq!(
        list.link("某市养犬管理条例").as_deref(),
        Some(format!("/staff/stats/{c}").as_str())
    );
    assert!(list.link("物业").is_none());
    assert_eq!(
        liaison
            .get(&format!("/staff/stats/{}", other.id))
            .await
            .status,
        404
    );
    assert_eq!(liaison.get("/staff/stats/999").await.status, 404);
    let page = liaison.get(&format!("/staff/stats/{c}")).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("共 3 条意见（不含已撤回的）"), "{text}");
    for row in [
        "第一条 2",
        "第三条 1",
        "支持 1",
        "反对 1",
        "修改建议 1",
        "补充建议 0",
        "金桥街道联系点 3",
        "私聊提交 1",
        "群内回复 1",
        "座谈会 1",
        "待处理 3",
        "已撤回 1",
    ] {
        assert!(text.contains(row), "{row}: {text}");
    }
    assert!(!text.contains("花木"), "{text}");
    assert!(!text.contains("整部草案"), "{text}");
    // The charts: SVG in the page, a bar per article with opinions and per view with any.
    assert_eq!(page.body.matches("<svg").count(), 2, "{}", page.body);
    assert!(
        page.body
            .contains(r#"role="img" aria-labelledby="article-chart-title""#)
    );
    assert_eq!(page.body.matches("<rect").count(), 2 + 3, "{}", page.body);
    assert!(
        page.body
            .contains(r#"<figcaption id="article-chart-title">各条文意见数</figcaption>"#)
    );

    // The admin: every point, and the English page says it in English.
    let page = admin.get(&format!("/staff/stats/{c}")).await;
    let text = page.text();
    assert!(text.contains("统计范围：全部联系点"), "{text}");
    assert!(text.contains("共 4 条意见"), "{text}");
    for row in ["金桥街道联系点 3", "花木街道联系点 1", "整部草案 1"] {
        assert!(text.contains(row), "{row}: {text}");
    }
    let mut english = Browser::new(addr).english();
    english.cookies = admin.cookies.clone();
    let page = english.get(&format!("/staff/stats/{c}")).await;
    let text = page.text();
    assert!(text.contains("Opinions per article"), "{text}");
    assert!(text.contains("Art. 1 2"), "{text}");
    assert!(text.contains("Whole draft 1"), "{text}");

    // 考核: the liaison's month, their point only (two online, one offline, two adopted,
    // three submitters, nobody fed back yet).
    let page = liaison.get("/staff/assessment").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("2026年11月（2026-11-01 – 2026-11-24）"),
        "{text}"
    );
    assert!(
        text.contains("金桥街道联系点 jinqiao 0 0 2 1 2 3 0 0% —"),
        "{text}"
    );
    assert!(!text.contains("花木"), "{text}");
    assert_eq!(
        page.link("2026年10月").as_deref(),
        Some("/staff/assessment?span=2026-10")
    );
    assert!(
        page.link("2026年12月").is_none(),
        "no period after the current one"
    );
    // The admin's quarter, year and chosen days: every point.
    let page = admin.get("/staff/assessment?span=2026-Q4").await;
    let text = page.text();
    assert!(
        text.contains("2026年第4季度（2026-10-01 – 2026-11-24）"),
        "{text}"
    );
    assert!(
        text.contains("花木街道联系点 huamu 0 0 1 0 0 1 0 0% —"),
        "{text}"
    );
    let page = admin.get("/staff/assessment?span=2025").await;
    let text = page.text();
    assert!(text.contains("2025年（2025-01-01 – 2025-12-31）"), "{text}");
    assert!(
        text.contains("金桥街道联系点 jinqiao 0 0 0 0 0 0 0 — —"),
        "{text}"
    );
    let page = admin
        .get("/staff/assessment?from=2026-11-01&to=2026-11-30")
        .await;
    assert!(
        page.text().contains("指定期间（2026-11-01 – 2026-11-30）"),
        "{}",
        page.text()
    );
    let page = admin
        .get("/staff/assessment?from=2026-12-01&to=2026-11-01")
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text().contains("期间的日期不对"), "{}", page.text());
    // The same table as CSV.
    let answer = reqwest::Client::new()
        .get(format!("http://{addr}/staff/assessment.csv?span=2026-11"))
        .header(
            "Cookie",
            format!("staff={}", liaison.cookies.get("staff").unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body = answer.text().await.unwrap();
    let mut reader = ::csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, HEADERS);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows,
        [[
            "jinqiao",
            "金桥街道联系点",
            "2026年11月",
            "2026-11-01",
            "2026-11-24",
            "0",
            "0",
            "2",
            "1",
            "2",
            "3",
            "0",
            "0%",
            "",
            "0",
            "0",
            "0",
            "0"
        ]]
    );

    // Every look is in the audit log, as chat's are, under the web person's id.
    let log = app.db.audit().list(Some("stats."), 50).await.unwrap();
    let seen: Vec<(Option<i64>, String, String)> = log
        .iter()
        .rev()
        .map(|e| (e.actor, e.action.clone(), e.subject.clone()))
        .collect();
    let view = (
        Some(liaison_id),
        "stats.view".to_owned(),
        format!("consultation:{c}"),
    );
    assert_eq!(seen[0], view);
    assert!(
        seen.contains(&(
            Some(admin_id),
            "stats.assessment".to_owned(),
            "period:2026-10-01..2026-11-24".to_owned()
        )),
        "{seen:?}"
    );
    assert!(
        seen.contains(&(
            Some(liaison_id),
            "stats.assessment".to_owned(),
            "period:2026-11-01..2026-11-24".to_owned()
        )),
        "{seen:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn the_audit_log_lists_logins_for_admins_only_filtered_and_paged() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .open()
        .await;
    let (admin_id, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;
    let (liaison_id, mut liaison) =
        logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    // A wrong password: a failure without an actor.
    let mut stranger = Browser::new(addr);
    crate::staff_web::log_in(&mut stranger, "wangfang", "不是这个密码不是这个").await;

    // Admins find the log in the menu; a liaison neither there nor at its address.
    let home = admin.get("/staff").await;
    assert_eq!(home.link("审计日志").as_deref(), Some("/staff/audit"));
    let home = liaison.get("/staff").await;
    assert!(home.link("审计日志").is_none(), "{}", home.text());
    assert_eq!(liaison.get("/staff/audit").await.status, 404);
    assert_eq!(liaison.get("/staff/audit?actor=boss").await.status, 404);

    let page = admin.get("/staff/audit").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains(&format!(
            "wangfang（{liaison_id}） staff.login staff:{liaison_id}"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("boss（{admin_id}） staff.login staff:{admin_id}")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "未登录的访客 staff.login.failed staff:{liaison_id}"
        )),
        "{text}"
    );
    // Newest first: the failed login heads the table.
    let rows = text.split("详情").nth(1).expect("the table's rows");
    assert_eq!(
        rows.split_whitespace().find(|w| w.starts_with("staff.")),
        Some("staff.login.failed"),
        "{rows}"
    );

    // Filters: an account's name, an action's beginning, days.
    let page = admin.get("/staff/audit?actor=wangfang").await;
    let text = page.text();
    assert!(text.contains("staff.login"), "{text}");
    assert!(!text.contains(&format!("boss（{admin_id}）")), "{text}");
    assert!(!text.contains("staff.login.failed"), "{text}");
    let page = admin.get("/staff/audit?action=staff.login.failed").await;
    let text = page.text();
    assert!(text.contains("审计日志：共 1 条"), "{text}");
    let page = admin.get("/staff/audit?actor=cli&action=point.").await;
    assert!(page.text().contains("point.add"), "{}", page.text());
    let page = admin.get("/staff/audit?since=2026-11-25").await;
    assert!(
        page.text().contains("审计日志：没有符合条件的记录"),
        "{}",
        page.text()
    );
    let page = admin
        .get("/staff/audit?since=2026-11-24&until=2026-11-24&action=staff.login")
        .await;
    assert!(page.text().contains("审计日志：共 3 条"), "{}", page.text());
    let page = admin.get("/staff/audit?actor=nobody").await;
    assert_eq!(page.status, 422);
    assert!(
        page.text().contains("没有叫“nobody”的工作人员账号"),
        "{}",
        page.text()
    );
    let page = admin.get("/staff/audit?since=24/11").await;
    assert_eq!(page.status, 422);

    // Sixty looks at statistics later: pages of fifty, the filters kept.
    for _ in 0..60 {
        app.db
            .stats()
            .viewed(
                Actor::Person(liaison_id),
                1,
                Some("jinqiao"),
                None,
                app.clock.now_utc(),
            )
            .await
            .unwrap();
    }
    let page = admin.get("/staff/audit?action=stats.").await;
    let text = page.text();
    assert!(
        text.contains("审计日志：共 60 条，这里是第 1–50 条"),
        "{text}"
    );
    assert!(text.contains("第 1 / 2 页"), "{text}");
    let next = page.link("下一页").expect("a next page");
    assert_eq!(next, "/staff/audit?action=stats.&page=2");
    let page = admin.get(&next).await;
    assert!(
        page.text()
            .contains("审计日志：共 60 条，这里是第 51–60 条"),
        "{}",
        page.text()
    );
    let page = admin.get("/staff/audit?action=stats.&page=9").await;
    assert!(page.text().contains("第 2 / 2 页"), "{}", page.text());
    app.finish().await;
}
