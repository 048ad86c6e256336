//! Consultations: a draft sent in chat (text, GBK, .docx) or imported on the command
//! line, saved, published to the groups in scope, browsed, reminded, closed, revised.

use std::io::Write;

use chrono::Duration;
use consult_domain::{consultations::State, draft, limits};

use crate::support::chat;
use crate::support::{
    app::{TestApp, eventually},
    telegram::{ChatRef, Group, Person},
};

const WUYE: &str = include_str!("../../domain/src/draft/fixtures/wuye.txt");
const BANFA: &str = include_str!("../../domain/src/draft/fixtures/banfa.txt");

struct World {
    admin: Person,
    liaison_a: Person,
    liaison_b: Person,
    a1: Group,
    a2: Group,
    b1: Group,
}

/// Two contact points with a liaison each; point A has two linked groups, B one.
async fn world(app: &TestApp) -> World {
    app.point("hongqiao", "虹桥街道联系点").await;
    app.point("gubei", "古北社区联系点").await;
    let admin = app.tg.person("Admin");
    let liaison_a = app.tg.person("Lili");
    let liaison_b = app.tg.person("Gao");
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison_a.id, "liaison", Some("hongqiao")).await;
    app.grant(liaison_b.id, "liaison", Some("gubei")).await;
    let (a1, a2, b1) = (
        app.tg.group("虹桥一群"),
        app.tg.group("虹桥二群"),
        app.tg.group("古北群"),
    );
    for (who, g) in [(&liaison_a, &a1), (&liaison_a, &a2), (&liaison_b, &b1)] {
        app.tg.add_bot(who, g);
        app.tg.wait_sent(g.id, 1).await;
    }
    World {
        admin,
        liaison_a,
        liaison_b,
        a1,
        a2,
        b1,
    }
}

/// Sends `text` in private chat and returns the bot's replies to it (not the progress
/// messages of broadcasts, which arrive on their own schedule).
async fn say(app: &TestApp, who: &Person, text: &str) -> Vec<String> {
    let sent = chat::say(app, who, text).await;
    sent.into_iter()
        .map(|m| m.text)
        .filter(|t| not_progress(t))
        .collect()
}

fn not_progress(text: &str) -> bool {
    !text.contains("：已发送 ")
}

fn replies(app: &TestApp, who: &Person, before: usize) -> Vec<String> {
    let sent = app.tg.sent(who.id);
    sent[before..]
        .iter()
        .map(|m| m.text.clone())
        .filter(|t| not_progress(t))
        .collect()
}

async fn send_file(app: &TestApp, who: &Person, name: &str, bytes: Vec<u8>) -> Vec<String> {
    let before = app.tg.sent(who.id).len();
    app.tg.send_document(
        who,
        ChatRef::Private,
        name,
        "application/octet-stream",
        bytes,
    );
    app.settle().await;
    replies(app, who, before)
}

async fn press(app: &TestApp, who: &Person, label: &str) {
    chat::press_latest(app, who, label).await;
}

async fn assert_no_draft_saved(app: &TestApp) {
    let drafts = app.db.consultations().list(&[State::Draft]).await.unwrap();
    assert!(drafts.is_empty(), "{drafts:?}");
}

/// Enters a draft through the whole dialogue; returns the consultation id.
async fn enter_draft(
    app: &TestApp,
    who: &Person,
    file: (&str, Vec<u8>),
    scope: Option<&str>,
) -> i64 {
    let replies = send_file(app, who, file.0, file.1).await;
    assert!(replies[0].starts_with("我读到的草案结构"), "{replies:?}");
    press(app, who, "使用「某市物业管理条例（草案）」").await;
    let asked = say(app, who, "2026-12-31").await;
    if let Some(scope) = scope {
        assert!(asked[0].starts_with("发往哪些联系点"), "{asked:?}");
        say(app, who, scope).await;
    }
    say(app, who, "修订物业管理规定，欢迎居民提出意见。").await;
    say(app, who, "/skip").await;
    let saved = say(app, who, "业主, 物业从业人员，社区工作者").await;
    assert!(saved[0].starts_with("已保存为草稿 C"), "{saved:?}");
    let code = saved[0]
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches('：');
    code.trim_start_matches('C')
        .split('：')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_sent_in_chat_is_understood_and_saved_with_its_form() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let replies = send_file(&app, &w.admin, "物业管理条例.txt", WUYE.as_bytes().to_vec()).await;
    let expected = draft::parse(WUYE).unwrap();
    let first = &expected.articles[0].label;
    let last = &expected.articles.last().unwrap().label;
    assert!(
        replies[0].contains(&format!(
            "{} 章，{} 条（{first} 至 {last}）",
            expected.chapters().count(),
            expected.articles.len()
        )),
        "{replies:?}"
    );
    assert!(replies[0].contains("标题：某市物业管理条例（草案）"));

    press(&app, &w.admin, "使用「某市物业管理条例（草案）」").await;
    assert_eq!(
        say(&app, &w.admin, "明天").await[0],
        "没看懂这个时间，或它已经过去了。请按 2027-01-15 或 2027-01-15 18:00 的格式发送一个将来的时间。"
    );
    assert!(say(&app, &w.admin, "2026-12-31").await[0].starts_with("发往哪些联系点"));
    assert!(
        say(&app, &w.admin, "hongqiao, nowhere").await[0].contains("没有找到这些联系点：nowhere")
    );
    say(&app, &w.admin, "hongqiao").await;
    say(&app, &w.admin, "修订物业管理规定。").await;
    assert!(
        say(&app, &w.admin, "not a link").await[0]
            .starts_with("请发送以 http:// 或 https:// 开头的链接")
    );
    say(&app, &w.admin, "https://rd.example.gov.cn/wuye").await;
    let saved = say(&app, &w.admin, "业主, 物业从业人员").await;
    assert!(saved[0].starts_with("已保存为草稿 C1：某市物业管理条例（草案）\n截止时间：2026年12月31日 23:59\n范围：虹桥街道联系点"), "{saved:?}");

    let c = app.db.consultations().get(1).await.unwrap().unwrap();
    assert_eq!(c.state, State::Draft);
    assert_eq!(c.summary.as_deref(), Some("修订物业管理规定。"));
    assert_eq!(
        c.source_url.as_deref(),
        Some("https://rd.example.gov.cn/wuye")
    );
    assert_eq!(c.occupations, ["业主", "物业从业人员"]);
    assert_eq!(
        app.db.consultations().draft(1, 1).await.unwrap().unwrap(),
        expected,
        "the stored draft is what the parser read"
    );
    assert!(
        app.db.dialogues().kind(w.admin.id).await.unwrap().is_none(),
        "the dialogue is over"
    );
    assert!(
        app.tg.sent(w.a1.id).len() == 1,
        "nothing reaches the groups before publishing"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gbk_and_docx_drafts_parse_the_same_as_their_utf8_text() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let expected = draft::parse(WUYE).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(WUYE);
    let gbk_id = enter_draft(
        &app,
        &w.admin,
        ("草案.txt", gbk.into_owned()),
        Some("hongqiao"),
    )
    .await;
    let docx_id = enter_draft(&app, &w.admin, ("草案.docx", docx(WUYE)), Some("gubei")).await;
    for id in [gbk_id, docx_id] {
        assert_eq!(
            app.db.consultations().draft(id, 1).await.unwrap().unwrap(),
            expected
        );
    }
    app.finish().await;
}

/// A minimal Word document with one paragraph per line, some split into runs.
pub(crate) fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        let esc = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let (a, b) = esc.split_at(esc.char_indices().nth(3).map_or(esc.len(), |(i, _)| i));
        body.push_str(&format!(r#"<w:p><w:r><w:t xml:space="preserve">{a}</w:t></w:r><w:r><w:t xml:space="preserve">{b}</w:t></w:r></w:p>"#));
    }
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_get_a_clear_reason_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let l = &w.liaison_a;
    assert_eq!(
        send_file(
            &app,
            l,
            "photo.png",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]
        )
        .await[0],
        "暂不支持 .png 文件。请发送 .docx、.txt 或 .md 格式的草案。"
    );
    say(&app, l, "/newdraft").await;
    // Refused by its size, before downloading anything.
    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    assert_eq!(
        send_file(&app, l, "big.txt", big).await[0],
        "文件太大了（10.0 MB），请发送 10 MB 以内的文件。"
    );
    assert!(
        !app.tg.calls().iter().any(|c| c.method == "getFile"),
        "nothing was downloaded"
    );
    assert_eq!(
        send_file(&app, l, "empty.txt", b"   \n ".to_vec()).await[0],
        "文件是空的。请检查是否选错了文件。"
    );
    assert_eq!(
        send_file(
            &app,
            l,
            "data.txt",
            vec![0, 159, 146, 150, 0, 1, 2, 0, 0, 7]
        )
        .await[0],
        "这看起来不是文本文件。请发送 .docx、.txt 或 .md 格式的草案。"
    );
    assert_eq!(
        send_file(&app, l, "old.docx", b"not a zip at all".to_vec()).await[0],
        "这个文件不是有效的 .docx 文档。如果是旧版 .doc，请在 Word 中另存为 .docx。"
    );
    assert_eq!(
        say(&app, l, "随便说几句，没有条文。").await[0],
        "没有在文件中找到“第…条”形式的条文。请确认这是法规草案的全文。"
    );
    assert_eq!(
        say(&app, l, "/cancel").await[0],
        "已取消，没有保存任何内容。"
    );
    assert_no_draft_saved(&app).await;
    // A resident's file is not a draft.
    let resident = app.tg.person("Res");
    assert_eq!(
        send_file(&app, &resident, "草案.txt", WUYE.as_bytes().to_vec()).await[0],
        "我还没看懂这条消息。发送 /help 查看我能做什么。"
    );
    assert_eq!(
        say(&app, &resident, "/newdraft").await[0],
        "抱歉，只有管理员和联络员可以录入草案。"
    );
    app.finish().await;
}

/// Issue 14: a zip bomb (a .docx that unpacks to more than any draft) and a draft
/// with more articles than any regulation are refused with the reason, in the
/// sender's language, and nothing is saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_drafts_are_refused_with_the_limit_in_the_senders_language() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let limit_mb = limits::ZIP_MEMBER_BYTES / limits::MIB;
    let bomb = crate::support::files::docx_bomb().to_vec();
    assert!(bomb.len() < 1024 * 1024, "a small file: {}", bomb.len());
    assert_eq!(
        send_file(&app, &w.liaison_a, "草案.docx", bomb.clone()).await,
        [format!(
            "这个 .docx 文件展开后的内容超过 {limit_mb} MB，远远超出一部法规草案的篇幅（文件可能已损坏或被恶意构造）。请另存为 .docx 或 .txt 后重新发送。"
        )]
    );
    let english = w.admin.clone().with_language("en");
    assert_eq!(
        send_file(&app, &english, "draft.docx", bomb).await,
        [format!(
            "This .docx expands to more than {limit_mb} MB, far more than any draft regulation (the file may be damaged or crafted). Please save it as .docx or .txt and send it again."
        )]
    );
    let articles: String = (1..=limits::DRAFT_ARTICLES as u32 + 1)
        .map(|n| {
            format!(
                "第{}条 本条例自公布之日起施行。\n",
                draft::to_chinese_number(n)
            )
        })
        .collect();
    assert_eq!(
        send_file(&app, &w.liaison_a, "草案.txt", articles.into_bytes()).await,
        [format!(
            "草案超过 {} 条，远远超出一部法规草案的条文数。请检查是否选错了文件。",
            limits::DRAFT_ARTICLES
        )]
    );
    let annex = "附表内容。".repeat(limits::ARTICLE_CHARS / 5 + 1);
    assert_eq!(
        send_file(
            &app,
            &w.liaison_a,
            "草案.txt",
            format!("第一条 甲。\n第二条 乙。\n{annex}").into_bytes()
        )
        .await,
        [format!(
            "第二条超过 {} 字，远远超出一条条文的篇幅。它后面是否有没有标明“附件”的附件或说明？请删去或标明后重新发送。",
            limits::ARTICLE_CHARS
        )]
    );
    assert_no_draft_saved(&app).await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_announces_only_to_the_groups_in_scope() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = enter_draft(
        &app,
        &w.admin,
        ("草案.txt", WUYE.as_bytes().to_vec()),
        Some("hongqiao"),
    )
    .await;
    let replies = say(&app, &w.admin, &format!("/publish {id}")).await;
    assert_eq!(replies[0], format!("已发布 C{id}，正在通知 2 个居民群。"));
    for g in [&w.a1, &w.a2] {
        let card = app.tg.wait_sent(g.id, 2).await[1].clone();
        assert!(
            card.text.starts_with(
                "📢 征求意见：某市物业管理条例（草案）\n截止时间：2026年12月31日 23:59\n草案共"
            ),
            "{}",
            card.text
        );
        assert!(card.text.contains("修订物业管理规定"));
        assert_eq!(
            card.buttons(),
            [vec!["阅读草案".to_owned(), "提交意见".to_owned()]]
        );
        let urls: Vec<String> = card.reply_markup.as_ref().unwrap()["inline_keyboard"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["url"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            urls,
            [
                format!("https://t.me/consult_test_bot?start=read-{id}"),
                format!(
                    "https://t.me/consult_test_bot?start=op-{id}-g{}",
                    g.id.unsigned_abs()
                )
            ]
        );
    }
    // A resident follows group A1's link: the opinion records the group and its point.
    let resident = app.tg.person("居民");
    say(
        &app,
        &resident,
        &format!("/start op-{id}-g{}", w.a1.id.unsigned_abs()),
    )
    .await;
    press(&app, &resident, "整部草案").await;
    press(&app, &resident, "支持").await;
    say(&app, &resident, "支持出台这部条例。").await;
    press(&app, &resident, "完成").await;
    press(&app, &resident, "匿名").await;
    press(&app, &resident, "跳过").await;
    press(&app, &resident, "跳过").await;
    press(&app, &resident, "继续").await;
    press(&app, &resident, "提交").await;
    let hongqiao = app
        .db
        .points()
        .get(&consult_domain::points::PointCode::parse("hongqiao").unwrap())
        .await
        .unwrap();
    let o = &app.db.opinions().on(id).await.unwrap()[0];
    assert_eq!(
        (o.source_chat, o.point_id),
        (Some(w.a1.id), Some(hongqiao.id))
    );
    assert_eq!(
        app.tg.sent(w.b1.id).len(),
        1,
        "the other point's group gets nothing"
    );
    assert_eq!(
        say(&app, &w.admin, &format!("/publish {id}")).await[0],
        "这次征求意见目前是「征求意见中」状态，不能这样操作。"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_liaison_cannot_scope_beyond_their_point() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // No scope question for a liaison: their own point is the scope.
    let id = enter_draft(
        &app,
        &w.liaison_b,
        ("草案.txt", WUYE.as_bytes().to_vec()),
        None,
    )
    .await;
    let c = app.db.consultations().get(id).await.unwrap().unwrap();
    let gubei = app
        .db
        .points()
        .get(&consult_domain::points::PointCode::parse("gubei").unwrap())
        .await
        .unwrap();
    assert_eq!(
        c.scope,
        consult_domain::consultations::Scope::Points(vec![gubei.id])
    );
    // Another liaison can neither publish nor re-announce it to their groups.
    assert_eq!(
        say(&app, &w.liaison_a, &format!("/publish {id}")).await[0],
        "抱歉，只有管理员或创建这次征求意见的联络员可以这样做。"
    );
    say(&app, &w.liaison_b, &format!("/publish {id}")).await;
    app.tg.wait_sent(w.b1.id, 2).await;
    assert_eq!(
        say(&app, &w.liaison_a, &format!("/announce {id}")).await[0],
        "这次征求意见不发往你负责的联系点，不能由你重新公告。"
    );
    // Its own liaison can announce it again, to their own groups.
    assert!(
        say(&app, &w.liaison_b, &format!("/announce {id}")).await[0]
            .contains("正在向 1 个居民群重新发送")
    );
    app.tg.wait_sent(w.b1.id, 3).await;
    assert_eq!(app.tg.sent(w.a1.id).len(), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_and_closing_fire_at_the_right_clock_times() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = enter_draft(
        &app,
        &w.admin,
        ("草案.txt", WUYE.as_bytes().to_vec()),
        Some("hongqiao"),
    )
    .await;
    say(&app, &w.admin, &format!("/publish {id}")).await;
    app.tg.wait_sent(w.a1.id, 2).await;
    let deadline = app
        .db
        .consultations()
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .closes_at;

    // Just before three days out: nothing.
    app.clock
        .set(deadline - Duration::days(3) - Duration::minutes(1));
    app.settle().await;
    assert_eq!(app.tg.sent(w.a1.id).len(), 2);
    app.clock.set(deadline - Duration::days(3));
    let three = app.tg.wait_sent(w.a1.id, 3).await;
    assert!(
        three[2]
            .text
            .starts_with("⏰ 某市物业管理条例（草案）征求意见还有 3 天截止"),
        "{}",
        three[2].text
    );
    app.clock.set(deadline - Duration::days(1));
    let one = app.tg.wait_sent(w.a1.id, 4).await;
    assert!(one[3].text.contains("还有 1 天截止"));
    app.clock.set(deadline);
    let closing = app.tg.wait_sent(w.a1.id, 5).await;
    assert!(
        closing[4]
            .text
            .starts_with("某市物业管理条例（草案）征求意见已截止"),
        "{}",
        closing[4].text
    );
    let c = eventually("closed", || async {
        app.db
            .consultations()
            .get(id)
            .await
            .unwrap()
            .filter(|c| c.state == State::Closed)
    })
    .await;
    assert_eq!(c.closed_at, Some(deadline));
    // Each group got each notice once.
    assert_eq!(app.tg.wait_sent(w.a2.id, 5).await.len(), 5);
    app.clock.advance(Duration::days(1));
    app.settle().await;
    assert_eq!(app.tg.sent(w.a1.id).len(), 5, "nothing more after closing");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_come_only_after_publication_and_say_the_time_really_left() {
    use crate::support::{app::ClockExt, world::publish};
    use consult_domain::consultations::Scope;
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let seen = app.tg.sent(w.b1.id).len();
    let now = app.clock.now_utc();
    // Published ten minutes before its deadline: no reminder of "one day left".
    let short = "某市临时管理条例（草案）";
    publish(&app, short, WUYE, Scope::All, now + Duration::minutes(10)).await;
    // Published five days before; the scheduler next runs 2 days 4 hours before the
    // deadline (after an outage), then 5 minutes before it.
    let long = "某市长期管理条例（草案）";
    let deadline = now + Duration::days(5);
    publish(&app, long, WUYE, Scope::All, deadline).await;
    app.clock
        .set(deadline - Duration::days(2) - Duration::hours(4));
    let sent = app.tg.wait_sent(w.b1.id, seen + 2).await;
    app.settle().await;
    app.clock.set(deadline - Duration::minutes(5));
    let sent_later = app.tg.wait_sent(w.b1.id, seen + 3).await;
    app.settle().await;
    let texts: Vec<String> = app.tg.sent(w.b1.id)[seen..]
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    let about_short: Vec<&String> = texts.iter().filter(|t| t.contains(short)).collect();
    assert_eq!(about_short.len(), 1, "only the closing: {about_short:#?}");
    assert!(
        about_short[0].contains("征求意见已截止"),
        "{}",
        about_short[0]
    );
    assert!(
        sent[seen..]
            .iter()
            .any(|m| m.text.contains(long) && m.text.contains("还有 52 小时截止")),
        "{texts:#?}"
    );
    assert!(
        sent_later[seen + 2].text.contains(long)
            && sent_later[seen + 2].text.contains("还有 5 分钟截止"),
        "{texts:#?}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extend_withdraw_and_a_revised_draft() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = enter_draft(
        &app,
        &w.admin,
        ("草案.txt", WUYE.as_bytes().to_vec()),
        Some("hongqiao"),
    )
    .await;
    say(&app, &w.admin, &format!("/publish {id}")).await;
    app.tg.wait_sent(w.a1.id, 2).await;

    // A new deadline: the groups are told (with the card's buttons).
    assert_eq!(
        say(&app, &w.admin, &format!("/extend {id} 2027-01-31")).await[0],
        format!("C{id} 的截止时间已改为 2027年1月31日 23:59，正在通知 2 个居民群。")
    );
    let notice = app.tg.wait_sent(w.a1.id, 3).await[2].clone();
    assert!(
        notice
            .text
            .starts_with("⏰ 某市物业管理条例（草案）征求意见的截止时间改为 2027年1月31日 23:59。"),
        "{}",
        notice.text
    );
    assert!(notice.reply_markup.is_some());
    assert!(
        say(&app, &w.admin, &format!("/extend {id} 2020-01-01")).await[0]
            .starts_with("没看懂这个时间，或它已经过去了")
    );
    assert_eq!(
        say(&app, &w.admin, &format!("/summary {id} 第二次说明")).await[0],
        format!("C{id} 的说明已更新。")
    );

    // A revised draft becomes version 2; version 1 is kept for opinions given on it.
    assert!(
        say(&app, &w.admin, &format!("/revise {id}")).await[0]
            .starts_with(&format!("请发送 C{id} 的修改稿"))
    );
    let replies = send_file(&app, &w.admin, "二审稿.txt", BANFA.as_bytes().to_vec()).await;
    assert_eq!(
        replies.last().unwrap(),
        &format!("已保存 C{id} 的第 2 稿，正在通知 2 个居民群。")
    );
    let card = app.tg.wait_sent(w.a1.id, 4).await[3].clone();
    assert!(
        card.text.starts_with(
            "📢 草案已修改（第 2 稿）：某市物业管理条例（草案）\n截止时间：2027年1月31日 23:59"
        ),
        "{}",
        card.text
    );
    assert!(card.text.contains("第二次说明"));
    let v1 = app.db.consultations().draft(id, 1).await.unwrap().unwrap();
    let v2 = app.db.consultations().draft(id, 2).await.unwrap().unwrap();
    assert_eq!(
        (v1, v2),
        (draft::parse(WUYE).unwrap(), draft::parse(BANFA).unwrap())
    );

    assert_eq!(
        say(&app, &w.admin, &format!("/withdraw {id}")).await[0],
        format!("已撤回 C{id}，正在通知 2 个居民群。")
    );
    let notice = app.tg.wait_sent(w.a1.id, 5).await[4].clone();
    assert_eq!(
        notice.text,
        "某市物业管理条例（草案）的征求意见已撤回，此前的通知作废。"
    );
    assert_eq!(
        app.db.consultations().get(id).await.unwrap().unwrap().state,
        State::Withdrawn
    );
    assert_eq!(app.tg.sent(w.b1.id).len(), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_browse_chapters_and_read_articles() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = enter_draft(
        &app,
        &w.admin,
        ("草案.txt", WUYE.as_bytes().to_vec()),
        Some("hongqiao"),
    )
    .await;
    let resident = app.tg.person("小张").without_username();
    // A draft is not readable before it is published.
    assert_eq!(
        say(&app, &resident, &format!("/start read-{id}")).await[0],
        format!("没有编号为 {id} 的征求意见。")
    );
    assert_eq!(
        say(&app, &resident, "/consultations").await[0],
        "目前没有正在征求意见的草案。"
    );
    say(&app, &w.admin, &format!("/publish {id}")).await;

    let list = say(&app, &resident, "/consultations").await;
    assert_eq!(list[0], "正在征求意见的草案（点按钮查看）");
    press(
        &app,
        &resident,
        &format!("C{id} 某市物业管理条例（草案）（征求意见中，截止 2026年12月31日 23:59）"),
    )
    .await;
    let view = app.tg.sent(resident.id).last().unwrap().clone();
    assert!(
        view.text.starts_with(&format!(
            "某市物业管理条例（草案）（C{id}，第 1 稿）\n状态：征求意见中"
        )),
        "{}",
        view.text
    );
    let expected = draft::parse(WUYE).unwrap();
    let chapter = expected.chapters().next().unwrap();
    let chapter_label = format!("{} {}", chapter.label, chapter.title);
    assert!(
        view.buttons().iter().flatten().any(|b| *b == chapter_label),
        "{:?}",
        view.buttons()
    );
    press(&app, &resident, &chapter_label).await;
    let first = &expected.articles[0];
    let button = format!("{} {}", first.label, first.title.as_deref().unwrap_or(""));
    press(&app, &resident, button.trim()).await;
    let article = app.tg.sent(resident.id).last().unwrap().clone();
    assert_eq!(
        article.text,
        format!(
            "{}【{}】\n{}",
            first.label,
            first.title.as_deref().unwrap(),
            first.text
        )
    );

    // The card's deep link opens the same overview.
    let opened = say(&app, &resident, &format!("/start read-{id}")).await;
    assert!(opened[0].starts_with("某市物业管理条例（草案）"));
    app.finish().await;
}
