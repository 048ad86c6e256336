//! The law-popularization FAQ: the starter set imported; questions answered in private
//! chat, in groups (/faq, briefly, with a 「详细」 link) and inline; unknown questions
//! logged, listed by /unanswered, answered by an admin and then found; bad files
//! refused by line with nothing imported (command line and chat); re-import updates;
//! an answer linked to an open article leads into the opinion dialogue; and the
//! labelled questions measured against the starter set.

use consult_domain::{
    Actor, Db,
    faq::{self, FileFormat},
};

use crate::support::chat::reply as say;
use crate::support::{
    app::{ClockExt, TestApp, binary},
    db::TestDb,
    telegram::ChatRef,
};

const STARTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq/starter.yaml");
const QUESTIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/faq_questions.yaml"
);

pub(crate) async fn import_starter(db: &Db) {
    let bytes = std::fs::read(STARTER).unwrap();
    let s = faq::import_file(
        db,
        &bytes,
        FileFormat::Yaml,
        Actor::CommandLine,
        "starter.yaml",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(s.added, 50);
}

/// The labelled questions: (part of the file, question, expected key or None).
fn labelled() -> Vec<(String, String, Option<String>)> {
    let text = std::fs::read_to_string(QUESTIONS).unwrap();
    let mut out = Vec::new();
    let mut question = None;
    let mut part = String::new();
    for line in text.lines() {
        if let Some(p) = line.strip_prefix("# part: ") {
            part = p.trim().to_owned();
        } else if let Some(q) = line.strip_prefix("- q: ") {
            question = Some(q.trim().to_owned());
        } else if let Some(e) = line.trim().strip_prefix("expect: ") {
            let q = question.take().expect("expect after q");
            let e = e.trim();
            out.push((part.clone(), q, (e != "none").then(|| e.to_owned())));
        }
    }
    out
}

/// Right answers and right "none"s of one part of the labelled questions.
#[derive(Default)]
struct Tally {
    hits: usize,
    answerable: usize,
    nones: usize,
    none_total: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.hits as f64 / self.answerable.max(1) as f64
    }

    fn none_rate(&self) -> f64 {
        self.nones as f64 / self.none_total.max(1) as f64
    }
}

#[tokio::test]
async fn labelled_questions_find_the_right_answer() {
    let t = TestDb::new().await;
    import_starter(&t.db).await;
    let mut parts: Vec<(String, Tally)> = Vec::new();
    let mut misses = Vec::new();
    for (part, q, expected) in labelled() {
        let found = t.db.faq().search(&q).await.unwrap();
        let got = found.best.as_ref().map(|h| h.entry.key.clone());
        if parts.last().is_none_or(|(p, _)| *p != part) {
            parts.push((part.clone(), Tally::default()));
        }
        let tally = &mut parts.last_mut().unwrap().1;
        match &expected {
            Some(_) => {
                tally.answerable += 1;
                if got == expected {
                    tally.hits += 1;
                } else {
                    misses.push(format!("{q}: expected {expected:?}, got {got:?}"));
                }
            }
            None => {
                tally.none_total += 1;
                if got.is_none() {
                    tally.nones += 1;
                } else {
                    misses.push(format!("{q}: expected none, got {got:?}"));
                }
            }
        }
    }
    for (part, t2) in &parts {
        eprintln!(
            "{:?} {part}: precision@1 {:.3} ({}/{}), correct none {:.3} ({}/{})",
            t.backend(),
            t2.precision(),
            t2.hits,
            t2.answerable,
            t2.none_rate(),
            t2.nones,
            t2.none_total
        );
    }
    eprintln!("{}", misses.join("\n"));
    let part = |name: &str| {
        &parts
            .iter()
            .find(|(p, _)| p == name)
            .unwrap_or_else(|| panic!("the labelled set has a part {name}"))
            .1
    };
    let (typed, colloquial) = (part("typed"), part("colloquial"));
    assert!(
        typed.answerable >= 40 && typed.none_total >= 10 && colloquial.answerable >= 100,
        "the labelled set is large enough"
    );
    // The typed questions were answered at 0.90 (SQLite) and 0.92 (PostgreSQL) before
    // the thesaurus; colloquial ones at 0.62 (issue 14).
    assert!(typed.precision() >= 0.9, "typed precision@1: {misses:#?}");
    assert!(
        colloquial.precision() >= 0.8,
        "colloquial precision@1: {misses:#?}"
    );
    for (name, tally) in &parts {
        assert!(tally.none_rate() >= 0.8, "{name} correct none: {misses:#?}");
    }
}

/// The question of issue 14, as a resident typed it: none of its words is the entry's
/// (吵 for 噪音, 施工 for 装修, 几点以后 for 时间限制), and fillers (天天, 受不了) and
/// unknown characters used to weigh it down to "no answer".
#[tokio::test]
async fn a_colloquial_question_about_renovation_noise_is_answered() {
    let app = TestApp::spawn().await;
    import_starter(&app.db).await;
    let resident = app.tg.person("Resident");
    let m = say(
        &app,
        &resident,
        "楼上天天装修，吵得受不了，几点以后不许施工？",
    )
    .await;
    assert!(
        m.text.contains("邻居装修太吵，有没有时间限制？"),
        "{}",
        m.text
    );
    assert!(
        m.text
            .contains("《中华人民共和国噪声污染防治法》第六十六条"),
        "{}",
        m.text
    );
    app.finish().await;
}

/// Runs a statement on either backend.
async fn execute(db: &Db, sql: &str) {
    match db {
        Db::Sqlite(p) => drop(sqlx::query(sql).execute(p).await.unwrap()),
        Db::Postgres(p) => drop(sqlx::query(sql).execute(p).await.unwrap()),
    }
}

async fn tokens_of(db: &Db, key: &str) -> (String, i64) {
    let sql = "SELECT q_tokens, tokens_version FROM faq_entries WHERE key = $1";
    match db {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(key).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(sql).bind(key).fetch_one(p).await.unwrap(),
    }
}

/// Entries imported under another tokenizer (an older word list or thesaurus, or
/// before tokens were versioned) are cut again when the program starts, on both
/// backends and in SQLite's FTS5 index too; current ones are left alone.
#[tokio::test]
async fn entries_tokenized_by_another_version_are_tokenized_again_at_start() {
    let t = TestDb::new().await;
    import_starter(&t.db).await;
    let before = t.db.faq().by_key("fire-escape").await.unwrap().unwrap();
    let found = |s: faq::Search| s.best.map(|h| h.entry.key);
    assert_eq!(
        found(t.db.faq().search("楼道里堆满了杂物").await.unwrap()).as_deref(),
        Some("fire-escape")
    );
    // What an older build left: other tokens, and no version (the column's default).
    for key in ["fire-escape", "dog-bite"] {
        execute(
            &t.db,
            &format!(
                "UPDATE faq_entries SET q_tokens = '旧', a_tokens = '旧', tokens_version = 0
                 WHERE key = '{key}'"
            ),
        )
        .await;
    }
    if t.backend() == consult_domain::Backend::Sqlite {
        execute(
            &t.db,
            "UPDATE faq_fts SET q = '旧', a = '旧'
             WHERE rowid IN (SELECT id FROM faq_entries WHERE tokens_version = 0)",
        )
        .await;
    }
    // One that claims to be current is trusted as it is.
    let current = tokens_of(&t.db, "water-leak").await.1;
    execute(
        &t.db,
        "UPDATE faq_entries SET q_tokens = '旧' WHERE key = 'water-leak'",
    )
    .await;
    assert_eq!(
        found(t.db.faq().search("楼道里堆满了杂物").await.unwrap()),
        None,
        "the stale tokens are what is searched"
    );

    t.db.migrate().await.unwrap();

    assert_eq!(
        found(t.db.faq().search("楼道里堆满了杂物").await.unwrap()).as_deref(),
        Some("fire-escape")
    );
    assert_eq!(
        found(t.db.faq().search("被邻居的狗咬伤了").await.unwrap()).as_deref(),
        Some("dog-bite")
    );
    let (q_tokens, version) = tokens_of(&t.db, "fire-escape").await;
    assert!(
        q_tokens.contains("楼道") && version == current,
        "{q_tokens} {version}"
    );
    assert_eq!(
        tokens_of(&t.db, "water-leak").await,
        ("旧".to_owned(), current)
    );
    let after = t.db.faq().by_key("fire-escape").await.unwrap().unwrap();
    assert_eq!(
        after, before,
        "the entry itself, and its update time, are unchanged"
    );
    assert_eq!(t.db.faq().retokenize_stale().await.unwrap(), 0);
}

/// The id of the entry with `key`.
async fn entry_id(db: &Db, key: &str) -> i64 {
    db.faq().by_key(key).await.unwrap().expect("entry").id
}

#[tokio::test]
async fn a_private_question_is_answered_with_its_legal_basis_and_related_questions() {
    let app = TestApp::spawn().await;
    import_starter(&app.db).await;
    let resident = app.tg.person("Resident");
    let m = say(&app, &resident, "楼上装修噪音扰民，有没有时间限制？").await;
    assert!(
        m.text.contains("邻居装修太吵，有没有时间限制？"),
        "{}",
        m.text
    );
    assert!(
        m.text
            .contains("《中华人民共和国噪声污染防治法》第六十六条"),
        "{}",
        m.text
    );
    // Related entries are offered as buttons; pressing one shows it.
    let buttons: Vec<String> = m.buttons().into_iter().flatten().collect();
    assert!(!buttons.is_empty() && buttons.len() <= 3, "{buttons:?}");
    let q = app
        .tg
        .press_button(&resident, ChatRef::Private, m.message_id, &buttons[0]);
    app.settle().await;
    app.tg.wait_callback_answer(&q).await;
    let shown = app.tg.sent(resident.id).pop().unwrap();
    assert!(
        shown
            .text
            .starts_with(&format!("❓ {}", buttons[0].trim_end_matches('…'))),
        "{}",
        shown.text
    );
    // A forged button is answered, not obeyed.
    let q = app
        .tg
        .press_callback_data(&resident, ChatRef::Private, m.message_id, "faqa:1");
    app.settle().await;
    assert!(
        app.tg.wait_callback_answer(&q).await["text"]
            .as_str()
            .unwrap()
            .contains("管理员")
    );
    // Commands and dialogues keep working: /help is still /help.
    let help = say(&app, &resident, "/help").await;
    assert!(!help.text.contains("❓"), "{}", help.text);
    app.finish().await;
}

#[tokio::test]
async fn an_unknown_question_is_logged_answered_by_an_admin_and_then_found() {
    let app = TestApp::spawn().await;
    import_starter(&app.db).await;
    app.point("jinqiao", "金桥街道联系点").await;
    let resident = app.tg.person("Resident");
    let liaison = app.tg.person("Liaison");
    let admin = app.tg.person("Admin");
    app.grant(liaison.id, "liaison", Some("jinqiao")).await;
    app.grant(admin.id, "admin", None).await;

    let question = "小区快递柜超时收费合法吗";
    let m = say(&app, &resident, question).await;
    assert!(m.text.contains("还没有找到这个问题的答案"), "{}", m.text);
    assert!(m.text.contains("联络员"), "{}", m.text);
    // Asked again in other words order: counted, not listed twice.
    say(&app, &resident, "快递柜超时收费 小区 合法吗？").await;
    let open = app
        .db
        .faq()
        .unanswered(faq::UnansweredScope::All, 10)
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].times, 2);

    // A resident may not see the list; a liaison sees it without buttons.
    assert!(
        say(&app, &resident, "/unanswered")
            .await
            .text
            .contains("只有联络员和管理员")
    );
    let list = say(&app, &liaison, "/unanswered").await;
    assert!(
        list.text.contains(question) && list.text.contains("问过 2 次"),
        "{}",
        list.text
    );
    assert!(list.buttons().is_empty());

    // The admin answers it: answer, then legal basis; it becomes an entry.
    let list = say(&app, &admin, "/unanswered").await;
    assert_eq!(
        list.buttons(),
        vec![vec!["回答 1".to_owned(), "忽略 1".to_owned()]]
    );
    let q = app
        .tg
        .press_button(&admin, ChatRef::Private, list.message_id, "回答 1");
    app.settle().await;
    app.tg.wait_callback_answer(&q).await;
    assert!(
        app.tg
            .sent(admin.id)
            .pop()
            .unwrap()
            .text
            .contains("请发送答案")
    );
    assert!(say(&app, &admin, "太短").await.text.contains("现在是 2 字"));
    let answer = "快递柜运营企业可以对超出免费保管期限的快件收取合理费用，但应当事先告知，并由收件人选择是否使用智能快件箱投递。";
    assert!(
        say(&app, &admin, answer)
            .await
            .text
            .contains("请发送法律依据")
    );
    assert!(
        say(&app, &admin, "快递暂行条例")
            .await
            .text
            .contains("没有看懂")
    );
    let saved = say(&app, &admin, "《快递暂行条例》第二十五条").await;
    assert!(saved.text.contains("已加入问答库"), "{}", saved.text);
    assert!(
        app.db
            .faq()
            .unanswered(faq::UnansweredScope::All, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let audit = app.db.audit().list(Some("faq."), 10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "faq.answer" && a.actor == Some(admin.id))
    );

    // Now the same question is answered.
    let found = say(&app, &resident, "快递柜超时收费合法吗？").await;
    assert!(found.text.contains(answer), "{}", found.text);
    assert!(found.text.contains("《快递暂行条例》第二十五条"));
    // The old button is stale now.
    let q = app
        .tg
        .press_button(&admin, ChatRef::Private, list.message_id, "回答 1");
    app.settle().await;
    assert!(
        app.tg.wait_callback_answer(&q).await["text"]
            .as_str()
            .unwrap()
            .contains("已经处理过")
    );
    app.finish().await;
}

#[tokio::test]
async fn faq_in_a_group_answers_briefly_with_a_details_link_within_the_budget() {
    let app = TestApp::spawn().await;
    import_starter(&app.db).await;
    app.point("jinqiao", "金桥街道联系点").await;
    let liaison = app.tg.person("Liaison");
    app.grant(liaison.id, "liaison", Some("jinqiao")).await;
    let group = app.tg.group("金桥居民群");
    app.tg.add_bot(&liaison, &group);
    app.settle().await;
    let resident = app.tg.person("Resident");
    let before = app.tg.sent(group.id).len();

    let asked = app
        .tg
        .send_text(&resident, ChatRef::Group(&group), "/faq 周末加班工资怎么算");
    app.settle().await;
    let reply = app.tg.sent(group.id).pop().unwrap();
    assert_eq!(
        app.tg.sent(group.id).len(),
        before + 1,
        "one message in the group"
    );
    assert_eq!(reply.reply_to, Some(asked));
    assert!(
        reply.text.contains("加班费怎么算？")
            && reply.text.contains("《中华人民共和国劳动法》第四十四条"),
        "{}",
        reply.text
    );
    let id = entry_id(&app.db, "overtime-pay").await;
    let button = &reply.reply_markup.as_ref().unwrap()["inline_keyboard"][0][0];
    assert_eq!(button["text"], "详细");
    assert_eq!(
        button["url"],
        format!("https://t.me/consult_test_bot?start=faq-{id}")
    );

    // The link opens the whole answer privately.
    let full = say(&app, &resident, &format!("/start faq-{id}")).await;
    assert!(full.text.contains("百分之三百"), "{}", full.text);

    // A question without an answer is logged under the group's contact point.
    app.tg
        .send_text(&resident, ChatRef::Group(&group), "/faq 广场舞音响太响");
    app.settle().await;
    assert!(
        app.tg
            .sent(group.id)
            .pop()
            .unwrap()
            .text
            .contains("问题已经记下")
    );
    let point = app
        .db
        .groups()
        .get(group.id)
        .await
        .unwrap()
        .unwrap()
        .point_id;
    let open = app
        .db
        .faq()
        .unanswered(faq::UnansweredScope::All, 10)
        .await
        .unwrap();
    assert_eq!(open[0].point_id, point);

    // Past the budget (5 a minute) a reaction instead of a message; a minute later, answers again.
    for _ in 0..3 {
        app.tg
            .send_text(&resident, ChatRef::Group(&group), "/faq 加班费");
    }
    app.settle().await;
    let sent = app.tg.sent(group.id).len();
    let over = app
        .tg
        .send_text(&resident, ChatRef::Group(&group), "/faq 加班费");
    app.settle().await;
    assert_eq!(app.tg.sent(group.id).len(), sent);
    assert_eq!(app.tg.reactions(group.id, over), vec!["👀".to_owned()]);
    app.clock.advance(chrono::Duration::seconds(61));
    app.tg
        .send_text(&resident, ChatRef::Group(&group), "/faq 加班费");
    app.settle().await;
    assert_eq!(app.tg.sent(group.id).len(), sent + 1);
    app.finish().await;
}

#[tokio::test]
async fn an_inline_query_is_answered_with_shareable_results() {
    let app = TestApp::spawn().await;
    import_starter(&app.db).await;
    let resident = app.tg.person("Resident");
    let q = app.tg.inline_query(&resident, "离婚冷静期多久");
    app.settle().await;
    let answer = app
        .tg
        .wait_for("the inline answer", |tg| tg.inline_answer(&q))
        .await;
    let results = answer["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 4);
    let first = &results[0];
    assert_eq!(first["type"], "article");
    assert_eq!(first["title"], "协议离婚有冷静期吗？");
    let content = first["input_message_content"]["message_text"]
        .as_str()
        .unwrap();
    assert!(
        content.contains("《中华人民共和国民法典》第一千零七十七条"),
        "{content}"
    );
    let id = entry_id(&app.db, "divorce-cooling-off").await;
    assert_eq!(
        first["reply_markup"]["inline_keyboard"][0][0]["url"],
        format!("https://t.me/consult_test_bot?start=faq-{id}")
    );
    // An empty query gets an empty answer; nothing is logged from inline queries.
    let empty = app.tg.inline_query(&resident, "");
    app.settle().await;
    let answer = app
        .tg
        .wait_for("the empty answer", |tg| tg.inline_answer(&empty))
        .await;
    assert_eq!(answer["results"].as_array().map(Vec::len), Some(0));
    let nothing = app.tg.inline_query(&resident, "护照怎么办理");
    app.settle().await;
    app.tg
        .wait_for("the answer", |tg| tg.inline_answer(&nothing))
        .await;
    assert!(
        app.db
            .faq()
            .unanswered(faq::UnansweredScope::All, 10)
            .await
            .unwrap()
            .is_empty()
    );
    app.finish().await;
}

const BAD_CSV: &str = "key,question,alternatives,answer,law,article,tags\n\
    new-entry,新的问题？,,这是一个足够长的答案文本。,中华人民共和国民法典,第一条,\n\
    Bad Key,问题,,这是一个足够长的答案文本。,中华人民共和国民法典,第一条,\n\
    overtime-pay,加班费怎么算？,,短,中华人民共和国劳动法,第四十四条,\n\
    new-entry,重复的编号,,这是一个足够长的答案文本。,中华人民共和国民法典,第二条,\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_csv_is_refused_by_line_on_the_command_line_and_a_reimport_updates() {
    let t = TestDb::new().await;
    import_starter(&t.db).await;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        binary()
            .args(["--database-url", &t.url, "--locale", "zh-CN", "faq"])
            .args(args)
            .output()
            .unwrap()
    };
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, BAD_CSV).unwrap();
    let o = run(&["import", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("没有导入任何内容"), "{err}");
    assert!(err.contains("第 3 行 key：编号只能用小写字母"), "{err}");
    assert!(err.contains("第 4 行 answer：太短了"), "{err}");
    assert!(err.contains("第 5 行 key：编号与第 2 行重复"), "{err}");
    assert_eq!(t.db.faq().count().await.unwrap(), 50);
    assert!(t.db.faq().by_key("new-entry").await.unwrap().is_none());

    // Export, change one answer, import again: updated in place, nothing duplicated.
    let out = dir.path().join("faq.csv");
    let o = run(&["export", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = t.db.faq().by_key("overtime-pay").await.unwrap().unwrap();
    let csv = std::fs::read_to_string(&out)
        .unwrap()
        .replace("百分之三百的工资报酬", "百分之三百的工资报酬（法定节假日）");
    std::fs::write(&out, csv).unwrap();
    let o = run(&["import", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("新增 0 条，更新 1 条，未变 49 条"), "{said}");
    assert_eq!(t.db.faq().count().await.unwrap(), 50);
    let after = t.db.faq().by_key("overtime-pay").await.unwrap().unwrap();
    assert_eq!(after.id, before.id);
    assert!(after.answer.contains("（法定节假日）"));
    // And the new words are searchable at once.
    let found = t.db.faq().search("法定节假日加班").await.unwrap();
    assert_eq!(
        found.best.map(|h| h.entry.key),
        Some("overtime-pay".to_owned())
    );
}

#[tokio::test]
async fn an_admin_imports_by_sending_a_file_and_a_bad_one_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.tg.person("Admin");
    let liaison = app.tg.person("Liaison");
    app.point("jinqiao", "金桥街道联系点").await;
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison.id, "liaison", Some("jinqiao")).await;
    let starter = std::fs::read(STARTER).unwrap();
    app.tg.send_document(
        &admin,
        ChatRef::Private,
        "starter.yaml",
        "application/x-yaml",
        starter.clone(),
    );
    app.settle().await;
    let done = app.tg.sent(admin.id).pop().unwrap();
    assert!(done.text.contains("新增 50 条"), "{}", done.text);

    app.tg.send_document(
        &admin,
        ChatRef::Private,
        "bad.csv",
        "text/csv",
        BAD_CSV.as_bytes().to_vec(),
    );
    app.settle().await;
    let refused = app.tg.sent(admin.id).pop().unwrap();
    assert!(
        refused.text.contains("有 4 处问题") || refused.text.contains("处问题"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("第 3 行 key"), "{}", refused.text);
    assert!(
        refused.text.contains("第 5 行 key：编号与第 2 行重复"),
        "{}",
        refused.text
    );
    assert_eq!(app.db.faq().count().await.unwrap(), 50);

    // Sending the same file again updates nothing and duplicates nothing.
    app.tg.send_document(
        &admin,
        ChatRef::Private,
        "starter.yaml",
        "application/x-yaml",
        starter,
    );
    app.settle().await;
    assert!(
        app.tg
            .sent(admin.id)
            .pop()
            .unwrap()
            .text
            .contains("未变 50 条")
    );
    assert_eq!(app.db.faq().count().await.unwrap(), 50);
    app.finish().await;
}

const DRAFT: &str = "某市物业管理条例（草案）\n第一章 总则\n第一条 为了规范物业管理活动，制定本条例。\n第二条 物业服务人不得以停止供水、供电等方式催交物业费。\n";

#[tokio::test]
async fn an_answer_linked_to_an_open_article_leads_into_the_opinion_dialogue() {
    let app = TestApp::spawn().await;
    let c = app
        .open_consultation("某市物业管理条例（草案）", DRAFT, &[], 10)
        .await;
    let csv = format!(
        "key,question,answer,law,article,consultation,consultation_article\n\
         cutoff,物业能停水停电催物业费吗？,不能。物业服务人不得采取停止供电、供水等方式催交物业费。,中华人民共和国民法典,第九百四十四条,C{},第二条\n",
        c.id
    );
    // An article the draft does not have is refused by line.
    let wrong = csv.replace("第二条\n", "第九条\n");
    let err = faq::import_file(
        &app.db,
        wrong.as_bytes(),
        FileFormat::Csv,
        Actor::CommandLine,
        "x.csv",
        app.clock.now_utc(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, consult_domain::Error::FaqFile(ref e) if e[0].line == 2));
    faq::import_file(
        &app.db,
        csv.as_bytes(),
        FileFormat::Csv,
        Actor::CommandLine,
        "x.csv",
        app.clock.now_utc(),
    )
    .await
    .unwrap();

    let resident = app.tg.person("Resident");
    let m = say(&app, &resident, "欠物业费，物业停水了").await;
    assert!(
        m.text.contains("《某市物业管理条例（草案）》第二条"),
        "{}",
        m.text
    );
    assert_eq!(m.buttons()[0], vec!["对本条提意见".to_owned()]);
    let q = app
        .tg
        .press_button(&resident, ChatRef::Private, m.message_id, "对本条提意见");
    app.settle().await;
    app.tg.wait_callback_answer(&q).await;
    let next = app.tg.sent(resident.id).pop().unwrap();
    assert_eq!(next.text, "您对第二条的看法是？");

    // Once the consultation is closed, the answer no longer offers it.
    app.db
        .consultations()
        .close(c.id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    say(&app, &resident, "/cancel").await;
    let m = say(&app, &resident, "欠物业费，物业停水了").await;
    assert!(m.text.contains("第九百四十四条"));
    assert!(!m.text.contains("草案）》第二条"), "{}", m.text);
    assert!(m.buttons().iter().flatten().all(|b| b != "对本条提意见"));
    app.finish().await;
}
