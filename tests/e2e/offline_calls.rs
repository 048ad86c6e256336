//! Open calls offline (issue #20): a liaison enters the project suggestions (立法项目建议)
//! collected on paper as they enter opinions — one by one in chat (`/record`) and in
//! the console, or many from the suggestions' template — and review reads them with
//! their own labels; county staff file what they record under one of their district's
//! points, on both channels, and another district's point answers as an unknown one.

use chrono::Duration;
use consult_domain::{
    Actor,
    consultations::{Consultation, Scope},
    offline::{Column, Layout},
    open_calls::NewOpenCall,
    opinions::{Channel, Identity, Stance},
};

use crate::{
    county::county,
    record::{XLSX, send_file},
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{forged, last, press as press_at, press_latest as press, reply, say_text as say},
        web::spawn_web,
        world::world,
    },
};

const TITLE: &str = "电动自行车停放充电管理条例";
const PROBLEM: &str = "楼道里停放电动自行车、飞线充电，火灾隐患很大。";
const CONTENTS: &str = "规定集中停放充电场所的建设、物业的管理责任和违规充电的处罚。";

/// An open call for every point, published.
async fn open_call(app: &TestApp) -> Consultation {
    let now = app.clock.now_utc();
    let call = app
        .db
        .suggestions()
        .create(
            &NewOpenCall {
                theme: "2027年度立法计划项目建议征集".into(),
                description: None,
                closes_at: now + Duration::days(10),
                scope: Scope::All,
            },
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    app.db
        .consultations()
        .publish(call.id, Actor::CommandLine, now)
        .await
        .unwrap()
}

/// A workbook of suggestions with the template's header and `rows` below it.
fn suggestions_xlsx(rows: &[[&str; 8]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, col) in Layout::Suggestions.columns().iter().enumerate() {
        sheet
            .write_string(0, c as u16, col.header_in(Layout::Suggestions))
            .unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_liaison_records_a_paper_suggestion_in_chat_and_from_a_sheet() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let call = open_call(&app).await;
    let code = call.code();
    let liaison = w.liaison("jinqiao").clone();
    say(&app, &liaison, "/start").await;

    // One by one: the open call, then the suggestion's own steps instead of the article.
    let start = say(&app, &liaison, "/record").await;
    assert!(start.contains("立法项目建议"), "{start}");
    let label = format!("{code} 2027年度立法计划项目建议征集");
    press(&app, &liaison, &label).await;
    press(&app, &liaison, "座谈会").await;
    say(&app, &liaison, "2026-11-20").await;
    let asked = say(&app, &liaison, "王大妈").await;
    assert!(asked.starts_with("居民建议制定或修改哪部法规？"), "{asked}");
    // Bounded: a one-character title is refused in words, and nothing moves on.
    let refused = say(&app, &liaison, "条").await;
    assert!(refused.contains("项目名称需要 2–100 个字"), "{refused}");
    assert!(
        say(&app, &liaison, TITLE)
            .await
            .starts_with("这部法规要解决什么问题？")
    );
    assert!(
        say(&app, &liaison, PROBLEM)
            .await
            .starts_with("这部法规主要应当规定哪些内容？")
    );
    assert!(
        say(&app, &liaison, CONTENTS)
            .await
            .starts_with("有没有相关的现行法律法规？")
    );
    let review = say(&app, &liaison, "/skip").await;
    for shown in [
        "请核对这条线下立法项目建议",
        "立法项目征集：2027年度立法计划项目建议征集",
        "渠道：座谈会",
        "收集日期：2026-11-20",
        &format!("项目名称：{TITLE}"),
        &format!("要解决的问题：{PROBLEM}"),
        &format!("主要内容：{CONTENTS}"),
        "居民：王大妈（实名",
    ] {
        assert!(review.contains(shown), "{shown}: {review}");
    }
    assert!(!review.contains("看法"), "{review}");
    assert!(!review.contains("整部草案"), "{review}");
    let saved = press(&app, &liaison, "保存").await;
    assert!(
        saved.contains(&format!(
            "已登记这条线下立法项目建议（座谈会，2026-11-20），收件编号 {code}-0001"
        )),
        "{saved}"
    );
    let rows = app.db.opinions().on(call.id).await.unwrap();
    assert_eq!(rows.len(), 1);
    let o = &rows[0];
    assert_eq!(
        (o.channel, o.point_id, o.recorded_by, o.identity),
        (
            Channel::Forum,
            Some(w.point("jinqiao")),
            Some(liaison.id),
            Identity::Named
        )
    );
    assert_eq!(
        (o.stance, o.article_label.as_deref()),
        (Stance::Other, None)
    );
    let s = app.db.suggestions().get(o.id).await.unwrap().unwrap();
    assert_eq!((s.title.as_str(), s.contents.as_str()), (TITLE, CONTENTS));
    assert_eq!(
        app.db.offline().gathered_on(o.id).await.unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );

    // The suggestions' template, then a sheet of them: a bad row imports nothing …
    let before = app.tg.sent(liaison.id).len();
    say(&app, &liaison, "/record suggestions").await;
    let sent = app.tg.sent(liaison.id)[before..].to_vec();
    assert!(
        sent.iter()
            .any(|m| m.text.contains("线下立法项目建议导入模板")),
        "{sent:?}"
    );
    let id = call.id.to_string();
    let good = [
        id.as_str(),
        "走访",
        "2026-11-21",
        "",
        "物业管理条例（修改）",
        "小区物业收费不透明，业主委员会难以成立。",
        "规定物业收费公示和业主委员会的成立程序。",
        "《物业管理条例》",
    ];
    let mut bad = good;
    bad[4] = "";
    say(&app, &liaison, "/record").await;
    let answer = send_file(
        &app,
        &liaison,
        "建议.xlsx",
        XLSX,
        suggestions_xlsx(&[good, bad]),
    )
    .await;
    assert!(answer.contains("第 3 行：项目名称没有填写"), "{answer}");
    assert_eq!(app.db.opinions().on(call.id).await.unwrap().len(), 1);
    // … a row of suggestions on the draft is the wrong kind …
    let mut on_draft = good;
    on_draft[0] = "1";
    say(&app, &liaison, "/record").await;
    let answer = send_file(
        &app,
        &liaison,
        "建议.xlsx",
        XLSX,
        suggestions_xlsx(&[on_draft]),
    )
    .await;
    assert!(
        answer.contains("第 2 行：草案编号与这种表格不符"),
        "{answer}"
    );
    // … and good rows import once, however often the sheet is sent.
    for _ in 0..2 {
        say(&app, &liaison, "/record").await;
        send_file(&app, &liaison, "建议.xlsx", XLSX, suggestions_xlsx(&[good])).await;
    }
    let rows = app.db.opinions().on(call.id).await.unwrap();
    assert_eq!(rows.len(), 2, "the second send stored nothing");
    let imported = &rows[1];
    assert_eq!(imported.receipt, format!("{code}-0002"));
    let s = app
        .db
        .suggestions()
        .get(imported.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.title, "物业管理条例（修改）");
    assert_eq!(s.related_rules.as_deref(), Some("《物业管理条例》"));

    // Review reads them as suggestions: in the console's card and in chat.
    let (_, mut b) = logged_in(&app, addr, "wangfang2", "liaison", Some("jinqiao")).await;
    let card = b.get(&format!("/staff/opinions/{}", o.id)).await;
    assert_eq!(card.status, 200);
    assert!(card.text().contains(TITLE), "{}", card.text());
    assert!(card.text().contains("座谈会"), "{}", card.text());
    let m = reply(&app, &liaison, &format!("/review {code}")).await;
    let label = m.buttons()[0][0].clone();
    press_at(&app, &liaison, m.message_id, &label).await;
    let card = last(&app, &liaison).text;
    assert!(
        card.contains(&format!("{code}-0001 · 立法项目建议")),
        "{card}"
    );
    assert!(card.contains(&format!("项目名称：{TITLE}")), "{card}");
    assert!(!card.contains("整部草案"), "{card}");
    // Suggestions are on no article: no article filter, in chat or in the console.
    assert!(card.contains("全部建议"), "{card}");
    let filters = last(&app, &liaison).buttons().concat();
    assert!(
        !filters
            .iter()
            .any(|b| b.contains("全部条文") || b.contains("整部草案")),
        "{filters:?}"
    );
    let list = b
        .get(&format!("/staff/review?consultation={}", call.id))
        .await;
    assert_eq!(list.status, 200);
    assert!(list.text().contains("立法项目建议"), "{}", list.text());
    assert!(!list.text().contains("整部草案"), "{}", list.text());
    assert!(!list.body.contains("name=\"article\""), "{}", list.body);
}

#[tokio::test]
async fn a_liaison_records_a_paper_suggestion_in_the_console_and_imports_a_sheet() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let call = open_call(&app).await;
    let (_, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;

    let list = b.get("/staff/record").await;
    assert!(
        list.text()
            .contains(&format!("{} 2027年度立法计划项目建议征集", call.code())),
        "{}",
        list.text()
    );
    let action = format!("/staff/record/{}", call.id);
    let form = b.get(&action).await;
    let text = form.text();
    assert!(text.contains("项目名称"), "{text}");
    assert!(!text.contains("整部草案"), "{text}");
    // Bounded, field by field.
    let page = b
        .submit(
            &form,
            &action,
            &[
                ("channel", "offline_forum"),
                ("title", "条"),
                ("body", PROBLEM),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text().contains("项目名称太短"), "{}", page.text());
    assert!(page.text().contains("主要内容没有填写"), "{}", page.text());
    let page = b
        .submit(
            &page,
            &action,
            &[
                ("title", TITLE),
                ("contents", CONTENTS),
                ("related", "《中华人民共和国消防法》"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    for shown in [
        TITLE,
        PROBLEM,
        CONTENTS,
        "《中华人民共和国消防法》",
        "座谈会",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
    let saved = b.submit(&page, &format!("{action}/save"), &[]).await;
    assert_eq!(saved.status, 200);
    assert!(
        saved.text().contains("已登记这条线下立法项目建议"),
        "{}",
        saved.text()
    );
    assert!(
        saved.text().contains(&format!("{}-0001", call.code())),
        "{}",
        saved.text()
    );
    let rows = app.db.opinions().on(call.id).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].point_id, Some(w.point("jinqiao")));
    let s = app.db.suggestions().get(rows[0].id).await.unwrap().unwrap();
    assert_eq!(s.related_rules.as_deref(), Some("《中华人民共和国消防法》"));

    // The suggestions' template reads back with the suggestion's columns; a filled one imports.
    let (status, _, bytes) = b.get_bytes("/staff/record/suggestions-template.xlsx").await;
    assert_eq!(status, 200);
    let read = consult_domain::offline::read_sheet("t.xlsx", &bytes);
    assert!(
        matches!(read, Err(consult_domain::offline::SheetError::Empty)),
        "{read:?}"
    );
    let id = call.id.to_string();
    let row = [
        id.as_str(),
        "听证会",
        "2026-11-22",
        "李四",
        "养犬管理条例",
        "犬只扰民和伤人事件多，现行规定罚则太轻。",
        "规定养犬登记、文明养犬义务和违法养犬的处罚。",
        "",
    ];
    let page = b.get("/staff/record").await;
    let csrf = page.field("/staff/record/import", "csrf").unwrap();
    let done = b
        .post_multipart(
            "/staff/record/import",
            &[("csrf", csrf.as_str())],
            Some(("建议.xlsx", &suggestions_xlsx(&[row]))),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.text().contains("已导入 1 条"), "{}", done.text());
    let rows = app.db.opinions().on(call.id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].submitter_name.as_deref(), Some("李四"));
    assert_eq!(
        app.db
            .suggestions()
            .get(rows[1].id)
            .await
            .unwrap()
            .unwrap()
            .title,
        "养犬管理条例"
    );
    // Both in the console's review, as suggestions.
    let card = b.get(&format!("/staff/opinions/{}", rows[1].id)).await;
    assert!(card.text().contains("养犬管理条例"), "{}", card.text());
    assert_eq!(Column::SUGGESTION.len(), 8);
}

#[tokio::test]
async fn county_staff_file_offline_records_under_their_districts_point_on_both_channels() {
    let (app, addr) = spawn_web(WEB).await;
    let c = county(&app).await;
    let draft = c.w.id();
    let (jinqiao, hongqiao) = (c.w.point("jinqiao"), c.w.point("hongqiao"));
    let before = app.db.opinions().on(draft).await.unwrap().len();

    // Chat: the district's points to choose from; another district's, forged, is unknown.
    say(&app, &c.county, "/start").await;
    let ask = say(&app, &c.county, "/record").await;
    assert!(ask.contains("归入您所在县区的哪个联系点"), "{ask}");
    let message = app
        .tg
        .sent(c.county.id)
        .iter()
        .rev()
        .find(|m| m.text.contains("归入您所在县区"))
        .cloned()
        .unwrap();
    let buttons: Vec<String> = message.buttons().into_iter().flatten().collect();
    assert!(buttons.contains(&"金桥联系点".to_owned()), "{buttons:?}");
    assert!(buttons.contains(&"花木联系点".to_owned()), "{buttons:?}");
    assert!(!buttons.contains(&"虹桥联系点".to_owned()), "{buttons:?}");
    let (_, said) = forged(
        &app,
        &c.county,
        message.message_id,
        &format!("xr:p:{hongqiao}"),
    )
    .await;
    let said: Vec<String> = said.into_iter().map(|m| m.text).collect();
    assert!(
        said.iter().any(|t| t.contains("找不到这个联系点")),
        "{said:?}"
    );
    press(&app, &c.county, "金桥联系点").await;
    press(&app, &c.county, "C1 某市养犬管理条例（草案）").await;
    press(&app, &c.county, "走访").await;
    say(&app, &c.county, "2026-11-20").await;
    say(&app, &c.county, "/skip").await;
    press(&app, &c.county, "整部草案").await;
    press(&app, &c.county, "支持").await;
    say(&app, &c.county, "支持尽快出台这部条例，县里居民很关心。").await;
    let saved = press(&app, &c.county, "保存").await;
    assert!(saved.contains("已登记这条线下意见"), "{saved}");
    let rows = app.db.opinions().on(draft).await.unwrap();
    assert_eq!(rows.len(), before + 1);
    let o = rows.last().unwrap();
    assert_eq!(
        (o.point_id, o.recorded_by),
        (Some(jinqiao), Some(c.county.id))
    );

    // Console: choose the point first; another district's point is the ordinary 404.
    let (_, mut b) = logged_in(&app, addr, "zhaomin", "county", Some("pudong")).await;
    let choose = b.get("/staff/record").await;
    assert_eq!(choose.status, 200);
    assert!(choose.text().contains("金桥联系点"), "{}", choose.text());
    assert!(!choose.text().contains("虹桥联系点"), "{}", choose.text());
    let other = b.get(&format!("/staff/record?point={hongqiao}")).await;
    let unknown = b.get("/staff/record?point=999999").await;
    assert_eq!((other.status, unknown.status), (404, 404));
    assert_eq!(other.text(), unknown.text());
    assert_eq!(
        b.get(&format!("/staff/record/{draft}?point={hongqiao}"))
            .await
            .status,
        404
    );
    let list = b.get(&format!("/staff/record?point={jinqiao}")).await;
    assert!(
        list.text().contains("录入的意见记入金桥联系点"),
        "{}",
        list.text()
    );
    let action = format!("/staff/record/{draft}");
    let form = b.get(&format!("{action}?point={jinqiao}")).await;
    assert_eq!(form.status, 200);
    // A forged point in the posted form is refused as well.
    let forged_post = b
        .submit(&form, &action, &[("point", &hongqiao.to_string())])
        .await;
    assert_eq!(forged_post.status, 404);
    let page = b
        .submit(
            &form,
            &action,
            &[
                ("channel", "offline_visit"),
                ("date", "2026-11-21"),
                ("stance", "support"),
                ("body", "县里的居民希望尽快出台这部条例。"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text());
    let saved = b.submit(&page, &format!("{action}/save"), &[]).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let rows = app.db.opinions().on(draft).await.unwrap();
    assert_eq!(rows.len(), before + 2);
    let o = rows.last().unwrap();
    assert_eq!(o.point_id, Some(jinqiao));
}

/// A suggestion given by `resident` in chat at 金桥 (through the domain, as the chat's
/// dialogue stores it).
async fn suggested(app: &TestApp, call: &Consultation, resident: i64, point: i64) -> i64 {
    let new = consult_domain::opinions::NewOpinion {
        submitter_id: Some(resident),
        point_id: Some(point),
        ..consult_domain::opinions::NewOpinion::new(
            format!("s-{resident}"),
            call.id,
            call.version,
            Stance::Other,
            PROBLEM.into(),
            Channel::Card,
        )
    };
    let suggestion = consult_domain::open_calls::Suggestion {
        title: TITLE.into(),
        contents: CONTENTS.into(),
        related_rules: None,
    };
    app.db
        .suggestions()
        .submit(&new, &suggestion, app.clock.now_utc())
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn mine_and_statistics_show_a_suggestion_as_one_not_as_a_drafts_opinion() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let call = open_call(&app).await;
    let zhang = app.tg.person("张三");
    say(&app, &zhang, "/start").await;
    suggested(&app, &call, zhang.id, w.point("jinqiao")).await;

    // /mine: the project's title, no article or stance.
    let mine = say(&app, &zhang, "/mine").await;
    assert!(mine.contains(&format!("立法项目建议：{TITLE}")), "{mine}");
    assert!(
        !mine.contains("整部草案") && !mine.contains("其他"),
        "{mine}"
    );

    // /stats in chat: no counts per article or stance, and no chart of articles.
    let liaison = w.liaison("jinqiao").clone();
    say(&app, &liaison, "/start").await;
    let menu = reply(&app, &liaison, "/stats").await;
    let label = format!("{} 2027年度立法计划项目建议征集", call.code());
    let (_, sent) = press_at(&app, &liaison, menu.message_id, &label).await;
    assert_eq!(sent.len(), 1, "no chart: {sent:?}");
    let text = &sent[0].text;
    assert!(text.contains("共 1 条") || text.contains('1'), "{text}");
    assert!(!text.contains("整部草案"), "{text}");
    assert!(!text.contains("其他："), "{text}");

    // The console's statistics: the same.
    let (_, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = b.get(&format!("/staff/stats/{}", call.id)).await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("整部草案"), "{}", page.text());
    assert!(page.text().contains("金桥联系点"), "{}", page.text());
}

#[tokio::test]
async fn an_open_call_scoped_to_one_point_is_announced_only_to_that_points_groups() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .point("huamu", "花木联系点")
        .liaison("李强")
        .places()
        .await;
    let admin = w.admin().clone();
    let (jinqiao, huamu) = (app.tg.group("金桥一群"), app.tg.group("花木一群"));
    app.tg.add_bot(w.liaison("jinqiao"), &jinqiao);
    app.tg.add_bot(w.liaison("huamu"), &huamu);
    app.tg.wait_sent(jinqiao.id, 1).await;
    app.tg.wait_sent(huamu.id, 1).await;
    say(&app, &admin, "/start").await;

    // Chat: an unknown code is refused in words; @jinqiao reaches 金桥 only.
    let refused = say(&app, &admin, "/opencall 2026-12-10 @nowhere 某主题").await;
    assert!(refused.contains("找不到这些联系点：nowhere"), "{refused}");
    say(
        &app,
        &admin,
        "/opencall 2026-12-10 @jinqiao 金桥街道立法项目建议征集",
    )
    .await;
    let card = &app.tg.wait_sent(jinqiao.id, 2).await[1];
    assert!(
        card.text.contains("金桥街道立法项目建议征集"),
        "{}",
        card.text
    );
    let c = app.db.consultations().get(1).await.unwrap().unwrap();
    assert_eq!(c.scope, Scope::Points(vec![w.id("jinqiao")]));

    // Console: the same choice as for a draft.
    let (_, mut b) = logged_in(&app, addr, "admin2", "admin", None).await;
    let form = b.get("/staff/open-calls/new").await;
    assert!(form.text().contains("花木联系点"), "{}", form.text());
    let csrf = form.field("/staff/open-calls/new", "csrf").unwrap();
    let none = b
        .post(
            "/staff/open-calls/new",
            &[
                ("csrf", csrf.as_str()),
                ("theme", "花木街道立法项目建议征集"),
                ("deadline", "2026-12-10"),
                ("scope", "points"),
            ],
        )
        .await;
    assert_eq!(none.status, 422, "{}", none.text());
    let huamu_id = w.id("huamu").to_string();
    let made = b
        .post(
            "/staff/open-calls/new",
            &[
                ("csrf", csrf.as_str()),
                ("theme", "花木街道立法项目建议征集"),
                ("deadline", "2026-12-10"),
                ("scope", "points"),
                ("point", huamu_id.as_str()),
            ],
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.text());
    let card = &app.tg.wait_sent(huamu.id, 2).await[1];
    assert!(
        card.text.contains("花木街道立法项目建议征集"),
        "{}",
        card.text
    );
    let c = app.db.consultations().get(2).await.unwrap().unwrap();
    assert_eq!(c.scope, Scope::Points(vec![w.id("huamu")]));
    // Each group heard of its own point's call only.
    app.settle().await;
    assert_eq!(app.tg.sent(jinqiao.id).len(), 2);
    assert_eq!(app.tg.sent(huamu.id).len(), 2);
}
