//! Personal data: /mydata shows everything stored about a person; /forget, confirmed,
//! leaves no personal detail in any table (the inbox included) while their opinions
//! stay in the ledger, anonymised; cancelling, stale and forged buttons change nothing.

use chrono::Duration;
use consult_domain::{
    Actor, Db,
    consultations::{NewConsultation, Scope},
    draft,
    opinions::{Identity, NewOpinion, Opinion, Stance},
    points::PointCode,
    privacy,
    roles::{Assignment, Role},
};
use serde_json::json;

use crate::support::chat::first_text as say;
use crate::support::{
    app::{ClockExt, TestApp, eventually},
    telegram::{ChatRef, Person},
};

/// The personal details the person gave with their named opinion.
const NAME: &str = "李明远";
const ORGANIZATION: &str = "<b>明光</b> & 机械厂";
const OCCUPATION: &str = "律师";
const DISTRICT: &str = "长宁区";

/// A consultation, and two opinions of `who`: one named with every detail, one
/// anonymous. Returns the opinions as stored.
async fn opinions_of(app: &TestApp, who: &Person) -> Vec<Opinion> {
    let now = app.clock.now_utc();
    let c = app
        .db
        .consultations()
        .create(
            &NewConsultation {
                title: "某市养犬管理条例（草案）".into(),
                closes_at: now + Duration::days(10),
                scope: Scope::All,
                summary: None,
                source_url: None,
                occupations: vec![],
                draft: draft::parse("第一条 测试条文。\n第二条 第二条文。").unwrap(),
                source_name: "test".into(),
            },
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    let named = NewOpinion {
        submission_key: format!("{}:41", who.id),
        consultation_id: c.id,
        version: 1,
        article: Some((1, "第一条".into())),
        stance: Stance::Amend,
        body: "建议把登记期限延长到三十日。".into(),
        proposed_wording: Some("三十日内办理登记".into()),
        identity: Identity::Organization,
        submitter_id: Some(who.id),
        submitter_name: Some(NAME.into()),
        organization: Some(ORGANIZATION.into()),
        occupation: Some(OCCUPATION.into()),
        district: Some(DISTRICT.into()),
        consent_details: true,
        consent_quote: true,
        channel: consult_domain::opinions::Channel::Card,
        source_chat: None,
        point_id: None,
        recorded_by: None,
    };
    let anonymous = NewOpinion {
        submission_key: format!("{}:42", who.id),
        article: None,
        stance: Stance::Support,
        body: "整体支持。".into(),
        proposed_wording: None,
        identity: Identity::Anonymous,
        submitter_name: None,
        organization: None,
        occupation: None,
        district: None,
        consent_details: false,
        consent_quote: false,
        ..named.clone()
    };
    let mut stored = Vec::new();
    for o in [named, anonymous] {
        stored.push(app.db.opinions().submit(&o, now).await.unwrap());
    }
    stored
}

/// Every non-NULL value of every column of every table (but the migrations'
/// bookkeeping), as text: (table, column, value).
async fn every_value(db: &Db) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    macro_rules! scan {
        ($pool:expr, $tables:expr, $columns:expr) => {{
            let tables: Vec<String> = sqlx::query_scalar($tables)
                .fetch_all($pool)
                .await
                .unwrap();
            assert!(tables.len() >= 10, "{tables:?}");
            for table in tables {
                let columns: Vec<String> = sqlx::query_scalar($columns)
                    .bind(&table)
                    .fetch_all($pool)
                    .await
                    .unwrap();
                assert!(!columns.is_empty(), "{table}");
                for column in columns {
                    let sql = format!(
                        r#"SELECT CAST("{column}" AS TEXT) FROM "{table}" WHERE "{column}" IS NOT NULL"#
                    );
                    let values: Vec<String> =
                        sqlx::query_scalar(&sql).fetch_all($pool).await.unwrap();
                    for v in values {
                        found.push((table.clone(), column.clone(), v));
                    }
                }
            }
        }};
    }
    match db {
        Db::Sqlite(p) => scan!(
            p,
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
            "SELECT name FROM pragma_table_info($1)"
        ),
        Db::Postgres(p) => scan!(
            p,
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             AND table_name <> '_sqlx_migrations'",
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1"
        ),
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mydata_shows_everything_and_forget_erases_it_everywhere() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let admin = app.tg.person("Admin");
    app.grant(admin.id, "admin", None).await;
    let p = app.tg.person("Mingyuan").with_last_name("Li");
    let group = app.tg.group("虹桥居民群");
    let now = app.clock.now_utc();

    // A language, a role by invite (audit entries by and about them), a dialogue,
    // two opinions, and messages the inbox keeps because nobody could parse them.
    assert_eq!(
        say(&app, &p, "/lang en").await,
        "OK, I will talk to you in English from now on."
    );
    let informant =
        Assignment::new(Role::Informant, Some(PointCode::parse("hongqiao").unwrap())).unwrap();
    let (code, _) = app
        .db
        .invites()
        .create(&informant, Actor::Person(admin.id), now, Duration::days(7))
        .await
        .unwrap();
    say(&app, &p, &format!("/start {}", code.as_str())).await;
    app.db
        .roles()
        .grant(p.id, &informant, Actor::Person(admin.id), now)
        .await
        .unwrap();
    app.db
        .dialogues()
        .put(p.id, "opinion", &json!({"step": "text"}), Some(7), now)
        .await
        .unwrap();
    let before = opinions_of(&app, &p).await;
    let mention = |from: i64, name: &str, text: &str| {
        json!({"message": {"message_id": "x", "date": "y",
            "chat": {"id": group.id, "type": "group"},
            "from": {"id": from, "is_bot": false, "first_name": name},
            "text": text}})
    };
    let kept = [
        app.tg
            .push_raw_update(json!({"message": {"message_id": "x", "date": "y",
            "chat": {"id": p.id, "type": "private", "first_name": "Mingyuan"},
            "text": "我叫李明远"}})),
        app.tg
            .push_raw_update(mention(p.id, "Mingyuan", "我叫李明远，住长宁区")),
    ];
    // Someone else, whose id merely starts with theirs: not about them.
    let not_theirs = app
        .tg
        .push_raw_update(mention(p.id * 10 + 1, "Someone", "你好"));
    for id in kept.iter().chain([&not_theirs]) {
        eventually("the unparsable rows are set aside", || async {
            let row = app.db.inbox().by_update_id(*id).await.unwrap();
            row.filter(|(state, _)| state == "unparsable")
        })
        .await;
    }

    // /mydata shows each detail, escaped, in the language they chose.
    let shown = say(&app, &p, "/mydata").await;
    for line in [
        "Personal data I store about you".to_owned(),
        format!("Telegram user id: {}", p.id),
        "Language: English (chosen 2026-11-24 09:00)".into(),
        "Role: informant, 虹桥街道联系点 (granted 2026-11-24 09:00)".into(),
        "Conversation in progress: giving an opinion (updated 2026-11-24 09:00)".into(),
        "Opinions (2):".into(),
        format!(
            "• {} “某市养犬管理条例（草案）”, given 2026-11-24 09:00, status: received",
            before[0].receipt
        ),
        "  Identity: For an organization".into(),
        format!("  Name: {NAME}"),
        format!("  Organization: {ORGANIZATION}"),
        format!("  Occupation: {OCCUPATION}"),
        format!("  District: {DISTRICT}"),
        "  Keep identity details: yes; my words may be quoted anonymously on the feedback wall: yes (chosen 2026-11-24 09:00)".into(),
        format!("• {} “某市养犬管理条例（草案）”", before[1].receipt),
        "  Identity: Anonymous".into(),
        "  No choice made; no identity details kept".into(),
        "Messages received whose content is not yet erased: 2".into(),
        "Entries about you in the activity log: 2".into(),
        "Records naming you as creator, linker, inviter or recorder: 1".into(),
        "Send /forget to delete this personal data.".into(),
    ] {
        assert!(shown.contains(&line), "{line:?} in:\n{shown}");
    }

    // /forget says what goes and what stays; cancelling changes nothing.
    let data = privacy::personal_data(&app.db, p.id).await.unwrap();
    let ask = say(&app, &p, "/forget").await;
    for line in [
        "Do you want me to delete your personal data?",
        "• the language you chose",
        "• your role (informant of 虹桥街道联系点): you will lose its permissions",
        "• the conversation in progress",
        "• the identity details in your 2 opinions",
        "I will keep: the text, view, article and receipt number of those 2 opinions, anonymised in the ledger",
        "This cannot be undone.",
    ] {
        assert!(ask.contains(line), "{line:?} in:\n{ask}");
    }
    let question = app.tg.sent(p.id).last().cloned().unwrap();
    assert_eq!(question.buttons(), [vec!["Delete", "Cancel"]]);
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, question.message_id, "Cancel");
    app.tg.wait_callback_answer(&q).await;
    let sent = app.tg.wait_sent(p.id, 5).await;
    assert_eq!(sent[4].text, "Cancelled; nothing was deleted.");
    assert!(sent[3].buttons().is_empty(), "the question is answered");
    assert_eq!(privacy::personal_data(&app.db, p.id).await.unwrap(), data);

    // Confirmed: done, said in their Telegram language since the chosen one is gone.
    say(&app, &p, "/forget").await;
    let question = app.tg.sent(p.id).last().cloned().unwrap();
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, question.message_id, "Delete");
    app.tg.wait_callback_answer(&q).await;
    let done = app.tg.wait_sent(p.id, 7).await[6].text.clone();
    assert_eq!(
        done,
        "已删除您的个人信息。\n您的 2 条意见已匿名保留在台账中。\n您的虹桥街道联系点的信息员角色已删除。"
    );
    assert!(app.tg.sent(p.id)[5].buttons().is_empty());

    // Nothing personal is left in any table. The inbox keeps update ids and chat keys
    // (no content) until purged, so a repeated update is still recognised.
    eventually("the confirmation is handled", || async {
        (app.db.inbox().counts().await.unwrap().handling == 0).then_some(())
    })
    .await;
    let id = p.id.to_string();
    let needles = [
        id.as_str(),
        NAME,
        ORGANIZATION,
        "明光",
        OCCUPATION,
        DISTRICT,
        "Mingyuan",
        p.username.as_deref().unwrap(),
    ];
    let values = every_value(&app.db).await;
    let left: Vec<_> = values
        .iter()
        .filter(|(table, column, _)| !(table == "inbox" && column == "chat_key"))
        // Someone else's message, from an id that starts with theirs.
        .filter(|(_, _, v)| !v.contains("\"first_name\":\"Someone\""))
        .filter(|(_, _, v)| needles.iter().any(|n| v.contains(n)))
        .collect();
    assert!(left.is_empty(), "personal data left: {left:#?}");
    assert!(
        values
            .iter()
            .any(|(t, c, _)| t == "opinions" && c == "body"),
        "the scan reads the tables"
    );

    // The opinions stay, anonymised, with their text and receipts.
    let after = app
        .db
        .opinions()
        .on(before[0].consultation_id)
        .await
        .unwrap();
    assert_eq!(after.len(), 2);
    for (a, b) in after.iter().zip(&before) {
        assert_eq!(
            (
                &a.receipt,
                &a.body,
                &a.stance,
                &a.article_number,
                &a.proposed_wording
            ),
            (
                &b.receipt,
                &b.body,
                &b.stance,
                &b.article_number,
                &b.proposed_wording
            )
        );
        assert_eq!((&a.status, a.consent_quote), (&b.status, b.consent_quote));
        assert_eq!(a.identity.as_str(), "anonymous");
        assert!(
            a.submitter_id.is_none()
                && a.submitter_name.is_none()
                && a.organization.is_none()
                && a.occupation.is_none()
                && a.district.is_none()
                && !a.consent_details
        );
    }
    assert!(app.db.people().locale(p.id).await.unwrap().is_none());
    assert!(app.db.roles().of(p.id).await.unwrap().is_none());
    assert!(app.db.dialogues().kind(p.id).await.unwrap().is_none());

    // The inbox rows stay (without content); other people's rows are untouched.
    for id in kept {
        assert_eq!(
            app.db.inbox().by_update_id(id).await.unwrap(),
            Some(("unparsable".to_owned(), None))
        );
    }
    let (_, payload) = app
        .db
        .inbox()
        .by_update_id(not_theirs)
        .await
        .unwrap()
        .unwrap();
    assert!(payload.is_some_and(|p| p.contains("Someone")));

    // The erasure is recorded without saying whose; other entries are untouched.
    let audit = app.db.audit().list(None, 100).await.unwrap();
    let forget = audit.iter().find(|a| a.action == "person.forget").unwrap();
    assert_eq!(
        (forget.actor, forget.subject.as_str(), &forget.detail.0),
        (None, privacy::ERASED, &json!({}))
    );
    let erased = audit
        .iter()
        .filter(|a| a.subject == privacy::ERASED && a.action != "person.forget")
        .map(|a| a.action.as_str())
        .collect::<Vec<_>>();
    assert_eq!(erased, ["role.grant", "invite.redeem"]);
    assert!(audit.iter().any(|a| a.action == "invite.create"
        && a.actor == Some(admin.id)
        && a.subject == "informant"));

    // Afterwards there is nothing to show, and the bot speaks their Telegram language.
    assert_eq!(
        say(&app, &p, "/mydata").await,
        "我没有存储关于您的任何个人信息。"
    );
    // /mine does not pretend they never gave an opinion: those they gave stay,
    // anonymised and no longer theirs.
    assert_eq!(
        say(&app, &p, "/mine").await,
        "这里没有与您关联的意见。如果您用 /forget 删除过个人信息，此前提交的意见已匿名保留在台账中，不再与您关联，所以不在这里显示。"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_and_forged_forget_buttons_change_nothing() {
    let app = TestApp::spawn().await;
    let p = app.tg.person("Res");
    let group = app.tg.group("群");
    app.tg.add_bot(&p, &group);
    let in_group = app.tg.wait_sent(group.id, 1).await[0].message_id;
    opinions_of(&app, &p).await;
    // The group welcome goes out before its update is marked handled (and cleared).
    app.settle().await;
    let data = privacy::personal_data(&app.db, p.id).await.unwrap();
    assert_eq!(data.opinions.len(), 2);
    let shown = say(&app, &p, "/mydata").await;
    for line in [
        "我存储的关于您的个人信息",
        "语言：未设置（按您的 Telegram 语言回复）",
        "角色：无",
        "意见（2 条）：",
        "　身份：单位",
        "　单位：<b>明光</b> & 机械厂",
        "　所在区域：长宁区",
        "　保存身份信息：是；同意在回音壁中匿名引用原话：是（2026-11-24 09:00 作出的选择）",
        "　没有作出选择，未保存身份信息",
        "发送 /forget 可删除以上个人信息。",
    ] {
        assert!(shown.contains(line), "{line:?} in:\n{shown}");
    }

    let ask = say(&app, &p, "/forget").await;
    assert!(ask.starts_with("确定要删除您的个人信息吗？"), "{ask}");
    assert!(
        ask.contains("将保留：这 2 条意见的内容、看法、条文和收件编号"),
        "{ask}"
    );
    let question = app.tg.sent(p.id).last().cloned().unwrap();
    assert_eq!(question.buttons(), [vec!["确认删除", "取消"]]);
    let now = app.clock.now_utc().timestamp();

    let press = |chat: ChatRef<'_>, message_id: i32, data: &str| {
        app.tg.press_callback_data(&p, chat, message_id, data)
    };
    for (q, expected) in [
        // Not our data.
        (
            press(ChatRef::Private, question.message_id, "f:y:abc"),
            "这个按钮已经失效了，请重新发送命令。",
        ),
        (
            press(ChatRef::Private, question.message_id, "f:yes"),
            "这个按钮已经失效了，请重新发送命令。",
        ),
        // Not where we asked.
        (
            press(ChatRef::Group(&group), in_group, &format!("f:y:{now}")),
            "这个按钮已经失效了，请重新发送命令。",
        ),
        // Asked in the future.
        (
            press(
                ChatRef::Private,
                question.message_id,
                &format!("f:y:{}", now + 3600 * 24),
            ),
            "这个确认已经过期，请重新发送 /forget。",
        ),
    ] {
        assert_eq!(app.tg.wait_callback_answer(&q).await["text"], expected);
    }

    // Asked too long ago: the real button has gone stale.
    app.clock.advance(Duration::hours(2));
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, question.message_id, "确认删除");
    assert_eq!(
        app.tg.wait_callback_answer(&q).await["text"],
        "这个确认已经过期，请重新发送 /forget。"
    );
    assert_eq!(app.tg.sent(p.id).len(), 2, "nothing else was said");
    assert_eq!(privacy::personal_data(&app.db, p.id).await.unwrap(), data);
    assert!(
        app.db
            .audit()
            .list(Some("person.forget"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    app.finish().await;
}

/// Runs one statement with the given text parameters on whichever backend.
async fn exec(db: &consult_domain::Db, sql: &str, args: &[&str]) {
    match db {
        consult_domain::Db::Sqlite(pool) => {
            let mut q = sqlx::query(sql);
            for a in args {
                q = q.bind(*a);
            }
            q.execute(pool).await.unwrap();
        }
        consult_domain::Db::Postgres(pool) => {
            let mut q = sqlx::query(sql);
            for a in args {
                q = q.bind(*a);
            }
            q.execute(pool).await.unwrap();
        }
    }
}

async fn vote_hashes(db: &consult_domain::Db) -> Vec<String> {
    let sql = "SELECT voter_hash FROM prompt_votes";
    match db {
        consult_domain::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        consult_domain::Db::Postgres(pool) => {
            sqlx::query_scalar(sql).fetch_all(pool).await.unwrap()
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_cuts_votes_loose_but_they_still_count() {
    use consult_domain::held::HashKey;
    let app = TestApp::spawn().await;
    let p = app.tg.person("投票人");
    let now = app.clock.now_utc();
    let c = app
        .open_consultation("测试条例", "第一条 测试条文。", &[], 5)
        .await;
    // The bot made the hash key at start; the test hashes the voter as the bot does.
    say(&app, &p, "/start").await;
    let hash = HashKey::resolve(&app.db, None).await.unwrap().hash(p.id);
    let (id, at) = (c.id.to_string(), now.to_rfc3339());
    // Times and ids are bound as text here, so cast them where PostgreSQL needs types.
    let (prompt, vote) = match app.db.backend() {
        consult_domain::Backend::Sqlite => (
            "INSERT INTO prompts (consultation_id, question, options, state, created_at) VALUES (CAST($1 AS INTEGER), '应该吗？', '[\"应该\",\"不应该\"]', 'sent', $2)",
            "INSERT INTO prompt_votes (prompt_id, voter_hash, option_index, voted_at) VALUES (1, $1, 0, $2)",
        ),
        consult_domain::Backend::Postgres => (
            "INSERT INTO prompts (consultation_id, question, options, state, created_at) VALUES ($1::bigint, '应该吗？', '[\"应该\",\"不应该\"]', 'sent', $2::timestamptz)",
            "INSERT INTO prompt_votes (prompt_id, voter_hash, option_index, voted_at) VALUES (1, $1, 0, $2::timestamptz)",
        ),
    };
    exec(&app.db, prompt, &[&id, &at]).await;
    exec(&app.db, vote, &[&hash, &at]).await;
    assert_eq!(vote_hashes(&app.db).await, std::slice::from_ref(&hash));

    say(&app, &p, "/forget").await;
    let question = app.tg.sent(p.id).last().cloned().unwrap();
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, question.message_id, "确认删除");
    app.tg.wait_callback_answer(&q).await;
    app.settle().await;
    let after = vote_hashes(&app.db).await;
    assert_eq!(after.len(), 1, "the vote still counts");
    assert_ne!(after[0], hash, "but is no longer linked to the person");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn earlier_votes_become_opinions_when_the_person_submits_privately() {
    use consult_domain::held::HashKey;
    let app = TestApp::spawn().await;
    let p = app.tg.person("先投票的人");
    let now = app.clock.now_utc();
    let c = app
        .open_consultation("测试条例", "第一条 测试条文。", &[], 5)
        .await;
    say(&app, &p, "/start").await;
    let hash = HashKey::resolve(&app.db, None).await.unwrap().hash(p.id);
    let (id, at) = (c.id.to_string(), now.to_rfc3339());
    let (prompt, vote) = match app.db.backend() {
        consult_domain::Backend::Sqlite => (
            "INSERT INTO prompts (consultation_id, question, options, state, created_at) VALUES (CAST($1 AS INTEGER), '应该吗？', '[\"应该\",\"不应该\"]', 'sent', $2)",
            "INSERT INTO prompt_votes (prompt_id, voter_hash, option_index, voted_at) VALUES (1, $1, 1, $2)",
        ),
        consult_domain::Backend::Postgres => (
            "INSERT INTO prompts (consultation_id, question, options, state, created_at) VALUES ($1::bigint, '应该吗？', '[\"应该\",\"不应该\"]', 'sent', $2::timestamptz)",
            "INSERT INTO prompt_votes (prompt_id, voter_hash, option_index, voted_at) VALUES (1, $1, 1, $2::timestamptz)",
        ),
    };
    exec(&app.db, prompt, &[&id, &at]).await;
    exec(&app.db, vote, &[&hash, &at]).await;

    // The person gives an opinion in private chat (and so sees the consent notice).
    for (text, button) in [
        (Some(format!("/start op-{}", c.id)), None),
        (None, Some("整部草案")),
        (None, Some("支持")),
        (Some("支持这部条例。".to_owned()), None),
        (None, Some("完成")),
        (None, Some("匿名")),
        (None, Some("跳过")),
        (None, Some("继续")),
        (None, Some("提交")),
    ] {
        if let Some(text) = text {
            app.tg.send_text(&p, ChatRef::Private, &text);
        }
        if let Some(label) = button {
            let msg = app
                .tg
                .sent(p.id)
                .iter()
                .rev()
                .find(|m| m.buttons().iter().flatten().any(|b| b == label))
                .cloned()
                .unwrap();
            let q = app
                .tg
                .press_button(&p, ChatRef::Private, msg.message_id, label);
            app.tg.wait_callback_answer(&q).await;
        }
        app.settle().await;
    }
    let mine = app.db.opinions().of(p.id).await.unwrap();
    let channels: Vec<_> = mine
        .iter()
        .map(|o| (o.channel.as_str(), o.body.as_str()))
        .collect();
    assert!(
        channels.contains(&("prompt_vote", "不应该")),
        "{channels:?}"
    );
    assert!(
        channels.contains(&("card", "支持这部条例。")),
        "{channels:?}"
    );
    app.finish().await;
}

/// Every kind of dialogue a person can be in is named in words by /mydata, in both
/// languages — never by its stored name (`opinion-edit`, `decision`, `review`, `faq`
/// used to show as such) — and a row this version cannot read says how to clear it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mydata_names_every_dialogue_in_words() {
    let app = TestApp::spawn().await;
    let zh = app.tg.person("Zhang");
    let en = app.tg.person("Emma");
    assert_eq!(
        say(&app, &en, "/lang en").await,
        "OK, I will talk to you in English from now on."
    );
    let now = app.clock.now_utc();
    for (kind, chinese, english) in [
        ("opinion", "提交意见", "giving an opinion"),
        ("opinion-edit", "修改意见", "changing an opinion"),
        ("record", "录入线下意见", "recording offline opinions"),
        ("decision", "作出处理决定", "making a decision"),
        ("review", "填写审阅说明", "writing a review note"),
        ("draft", "录入草案", "entering a draft"),
        ("faq", "解答普法问题", "answering a legal question"),
        ("report", "反映社情民意", "reporting a community issue"),
        (
            "survey",
            "无法读取的对话（发送 /cancel 可清除）",
            "a conversation I cannot read (send /cancel to clear it)",
        ),
    ] {
        for p in [&zh, &en] {
            app.db
                .dialogues()
                .put(p.id, kind, &json!({}), None, now)
                .await
                .unwrap();
        }
        let shown = say(&app, &zh, "/mydata").await;
        let line = format!("进行中的对话：{chinese}（2026-11-24 09:00 更新）");
        assert!(shown.contains(&line), "{kind}: {shown}");
        let shown = say(&app, &en, "/mydata").await;
        let line = format!("Conversation in progress: {english} (updated 2026-11-24 09:00)");
        assert!(shown.contains(&line), "{kind}: {shown}");
    }
    // What ended a dialogue, kept for a replay, is no conversation in progress.
    app.db
        .dialogues()
        .put(
            zh.id,
            "ended",
            &json!({"Opinion": {"receipt": "C1-0001"}}),
            None,
            now,
        )
        .await
        .unwrap();
    let shown = say(&app, &zh, "/mydata").await;
    assert!(shown.contains("进行中的对话：无"), "{shown}");
    app.finish().await;
}
