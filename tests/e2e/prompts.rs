//! Group replies and prompts: a reply to the card from someone who never opened the
//! bot is held (keyed hash only) until confirmed privately, or erased when it expires;
//! a consented person's reply is kept at once; prompts answered by replies and by
//! option buttons, votes changed and withdrawn, tallies, and nothing about any vote
//! in the group.

use crate::support::chat::say_text as say;
use crate::support::{
    app::{ClockExt, TestApp, eventually},
    telegram::{ChatRef, Group, Person},
};
use chrono::Duration;
use consult_domain::{
    Actor, Db,
    consultations::{NewConsultation, Scope},
    draft,
    opinions::{Identity, NewOpinion, Opinion, Stance},
};

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n";

struct World {
    admin: Person,
    liaison: Person,
    group: Group,
    id: i64,
}

/// A point with a liaison, a group linked to it, and an open consultation for all.
async fn world(app: &TestApp) -> World {
    app.point("hongqiao", "虹桥街道联系点").await;
    let admin = app.tg.person("Admin");
    let liaison = app.tg.person("Lili");
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let group = app.tg.group("虹桥一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    let now = app.clock.now_utc();
    let new = NewConsultation {
        title: "某市养犬管理条例（草案）".into(),
        closes_at: now + Duration::days(10),
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: draft::parse(DRAFT).unwrap(),
        source_name: "test".into(),
    };
    let c = app
        .db
        .consultations()
        .create(&new, Actor::CommandLine, now)
        .await
        .unwrap();
    app.db
        .consultations()
        .publish(c.id, Actor::CommandLine, now)
        .await
        .unwrap();
    World {
        admin,
        liaison,
        group,
        id: c.id,
    }
}

/// Presses a button in a chat and returns the toast (or "").
async fn press_in(app: &TestApp, who: &Person, chat: ChatRef<'_>, msg: i32, label: &str) -> String {
    let q = app.tg.press_button(who, chat, msg, label);
    let answer = app.tg.wait_callback_answer(&q).await;
    app.settle().await;
    answer["text"].as_str().unwrap_or_default().to_owned()
}

/// The latest private message with this button.
fn with_button(app: &TestApp, who: &Person, label: &str) -> i32 {
    app.tg
        .sent(who.id)
        .iter()
        .rev()
        .find(|m| m.buttons().iter().flatten().any(|b| b == label))
        .map(|m| m.message_id)
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

/// Every held reply as (holder_hash, body), and the table's column names.
async fn held(db: &Db) -> (Vec<(String, String)>, Vec<String>) {
    let rows_sql = "SELECT holder_hash, body FROM held_replies ORDER BY id";
    match db {
        Db::Sqlite(pool) => {
            let rows = sqlx::query_as(rows_sql).fetch_all(pool).await.unwrap();
            let cols = sqlx::query_scalar("SELECT name FROM pragma_table_info('held_replies')")
                .fetch_all(pool)
                .await
                .unwrap();
            (rows, cols)
        }
        Db::Postgres(pool) => {
            let rows = sqlx::query_as(rows_sql).fetch_all(pool).await.unwrap();
            let cols = sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_name = 'held_replies' AND table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            (rows, cols)
        }
    }
}

async fn ledger(app: &TestApp, id: i64) -> Vec<Opinion> {
    app.db.opinions().on(id).await.unwrap()
}

/// Announces the consultation to the groups; returns the card's message id.
async fn announce(app: &TestApp, w: &World) -> i32 {
    let before = app.tg.sent(w.group.id).len();
    say(app, &w.admin, &format!("/announce {}", w.id)).await;
    let card = app.tg.wait_sent(w.group.id, before + 1).await[before].clone();
    // The worker records the delivery as sent right after Telegram accepts it.
    eventually("the card delivery to be marked sent", || async {
        app.db
            .prompts()
            .sent_message(w.group.id, card.message_id)
            .await
            .unwrap()
    })
    .await;
    card.message_id
}

/// A person with an opinion already in the ledger (they saw the consent notice).
async fn consented(app: &TestApp, w: &World, name: &str) -> Person {
    let p = app.tg.person(name);
    let new = NewOpinion {
        submission_key: format!("test:{}", p.id),
        consultation_id: w.id,
        version: 1,
        article: None,
        stance: Stance::Support,
        body: "支持这部条例的出台".into(),
        proposed_wording: None,
        identity: Identity::Anonymous,
        submitter_id: Some(p.id),
        submitter_name: None,
        organization: None,
        occupation: None,
        district: None,
        consent_details: true,
        consent_quote: false,
        channel: consult_domain::opinions::Channel::Card,
        source_chat: None,
        point_id: None,
        recorded_by: None,
    };
    app.db
        .opinions()
        .submit(&new, app.clock.now_utc())
        .await
        .unwrap();
    p
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_reply_is_held_until_confirmed_or_erased_when_it_expires() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let card = announce(&app, &w).await;
    let g = ChatRef::Group(&w.group);
    let in_group = app.tg.sent(w.group.id).len();

    // Someone who never opened the bot: a reaction, a held reply, one question.
    let r = app.tg.person("小陈");
    let first = app
        .tg
        .reply_to(&r, g, card, "建议晚上十点以后不要在小区里遛狗");
    app.settle().await;
    assert_eq!(app.tg.reactions(w.group.id, first), ["✍"]);
    let (rows, cols) = held(&app.db).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "建议晚上十点以后不要在小区里遛狗");
    assert!(!rows[0].0.contains(&r.id.to_string()), "only a keyed hash");
    for col in &cols {
        assert!(
            !["user_id", "submitter_id", "telegram_id", "name", "username"].contains(&col.as_str()),
            "held_replies has no personal column, found {col}"
        );
    }
    assert!(ledger(&app, w.id).await.is_empty());
    let sent = app.tg.sent(w.group.id);
    assert_eq!(sent.len(), in_group + 1, "one short message in the group");
    let ask = sent.last().unwrap();
    assert_eq!(ask.reply_to, Some(first));
    // The link runs on in the sentence, with no stray spaces around it.
    assert!(
        ask.text
            .starts_with("谢谢您的意见！为保护您的个人信息，登记前请点这里私聊确认一次。"),
        "{}",
        ask.text
    );
    let link = ask
        .html
        .split("href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    assert!(
        link.starts_with("https://t.me/consult_test_bot?start=held-"),
        "{link}"
    );

    // A second reply: held too, but not asked again.
    let second = app.tg.reply_to(&r, g, card, "还应该规定大型犬必须拴绳");
    app.settle().await;
    assert_eq!(app.tg.reactions(w.group.id, second), ["✍"]);
    assert_eq!(app.tg.sent(w.group.id).len(), in_group + 1, "asked once");
    assert_eq!(held(&app.db).await.0.len(), 2);

    // Someone else following the link sees nothing of it.
    let payload = link.rsplit("start=").next().unwrap();
    let nosy = app.tg.person("Nosy");
    let said = say(&app, &nosy, &format!("/start {payload}")).await;
    assert!(said.starts_with("没有找到待确认的留言"), "{said}");

    // Confirmed privately: both become opinions with their id, the held rows go.
    let shown = say(&app, &r, &format!("/start {payload}")).await;
    assert!(shown.starts_with("您在群里的留言（待确认）"), "{shown}");
    assert!(shown.contains("建议晚上十点以后不要在小区里遛狗"));
    assert!(shown.contains("还应该规定大型犬必须拴绳"));
    assert!(
        shown.contains("个人信息说明"),
        "the consent notice: {shown}"
    );
    let msg = with_button(&app, &r, "保存");
    press_in(&app, &r, ChatRef::Private, msg, "保存").await;
    let done = app.tg.sent(r.id).last().unwrap().text.clone();
    assert!(done.starts_with("已登记您的 2 条意见"), "{done}");
    let ledger_now = ledger(&app, w.id).await;
    assert_eq!(ledger_now.len(), 2);
    for o in &ledger_now {
        assert_eq!(o.channel.as_str(), "group_reply");
        assert_eq!(o.submitter_id, Some(r.id));
        assert_eq!(o.source_chat, Some(w.group.id));
        assert!(o.point_id.is_some());
        assert_eq!(o.stance.as_str(), "other");
        assert_eq!(o.article_number, None);
    }
    assert!(held(&app.db).await.0.is_empty());

    // Now consented: the next reply is kept at once, with only a reaction.
    let third = app.tg.reply_to(&r, g, card, "希望增加公共遛狗区域");
    app.settle().await;
    assert_eq!(app.tg.reactions(w.group.id, third), ["👍"]);
    assert_eq!(ledger(&app, w.id).await.len(), 3);
    assert_eq!(app.tg.sent(w.group.id).len(), in_group + 1);

    // Someone who consented before (an opinion in the ledger): stored at once.
    let t = consented(&app, &w, "老王").await;
    let kept = app.tg.reply_to(&t, g, card, "同意加强犬只登记管理");
    app.settle().await;
    assert_eq!(app.tg.reactions(w.group.id, kept), ["👍"]);
    let theirs: Vec<Opinion> = app.db.opinions().of(t.id).await.unwrap();
    assert_eq!(theirs.len(), 2);
    assert_eq!(theirs[0].channel.as_str(), "group_reply");
    assert_eq!(theirs[0].body, "同意加强犬只登记管理");
    assert_eq!(
        app.tg.sent(w.group.id).len(),
        in_group + 1,
        "only a reaction"
    );

    // Another one held and left alone: erased once the time has passed.
    let s = app.tg.person("小李");
    app.tg.reply_to(&s, g, card, "遛狗要及时清理粪便");
    app.settle().await;
    assert_eq!(held(&app.db).await.0.len(), 1);
    assert_eq!(app.tg.sent(w.group.id).len(), in_group + 2);
    app.clock.advance(Duration::hours(71));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(held(&app.db).await.0.len(), 1, "not yet");
    app.clock.advance(Duration::hours(2));
    eventually("the held reply to be erased", || async {
        held(&app.db).await.0.is_empty().then_some(())
    })
    .await;
    // The expired link finds nothing.
    let late = app.tg.sent(w.group.id).last().unwrap().html.clone();
    let late = late
        .split("start=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    assert!(
        say(&app, &s, &format!("/start {late}"))
            .await
            .starts_with("没有找到待确认的留言")
    );

    // After the deadline: told politely, nothing stored.
    app.db
        .consultations()
        .close(w.id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    let before = ledger(&app, w.id).await.len();
    let closed = app.tg.reply_to(&t, g, card, "还有一条补充意见");
    app.settle().await;
    let answer = app.tg.sent(w.group.id).last().unwrap().clone();
    assert_eq!(answer.reply_to, Some(closed));
    assert!(answer.text.contains("已经截止"), "{}", answer.text);
    assert!(app.tg.reactions(w.group.id, closed).is_empty());
    assert_eq!(ledger(&app, w.id).await.len(), before);
    assert!(held(&app.db).await.0.is_empty());
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prompt_is_answered_by_buttons_and_replies_and_votes_stay_private() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let g = ChatRef::Group(&w.group);

    // Refusals first: a resident, and a bad line.
    let r = app.tg.person("小陈");
    assert_eq!(
        say(&app, &r, &format!("/prompt {} 问题 | 甲 | 乙", w.id)).await,
        "只有联络员和管理员可以发起提问。"
    );
    assert!(
        say(
            &app,
            &w.liaison,
            &format!("/prompt {} 问题 | 只有一个", w.id)
        )
        .await
        .starts_with("选项要么不写")
    );
    assert_eq!(
        say(&app, &w.liaison, &format!("/prompt {} 第九条 问题", w.id)).await,
        "草案里没有“第九条”。"
    );

    // The liaison asks about article 2, with two options, to all their groups.
    let preview = say(
        &app,
        &w.liaison,
        &format!(
            "/prompt {} 第二条 遛狗要不要限定时间？ | 应该 | 不应该",
            w.id
        ),
    )
    .await;
    assert!(preview.starts_with("提问预览（P1）"), "{preview}");
    let msg = with_button(&app, &w.liaison, "发到全部 1 个群");
    let before = app.tg.sent(w.group.id).len();
    press_in(&app, &w.liaison, ChatRef::Private, msg, "发到全部 1 个群").await;
    let card = app.tg.wait_sent(w.group.id, before + 1).await[before].clone();
    assert!(card.text.contains("遛狗要不要限定时间？"), "{}", card.text);
    assert!(card.text.contains("第二条"));
    assert_eq!(
        card.buttons(),
        [vec!["应该".to_owned()], vec!["不应该".to_owned()]]
    );
    eventually("the prompt delivery to be marked sent", || async {
        app.db
            .prompts()
            .sent_message(w.group.id, card.message_id)
            .await
            .unwrap()
    })
    .await;
    let prompt = card.message_id;
    let in_group = app.tg.sent(w.group.id).len();

    // Votes: cast, changed, withdrawn, cast again; toasts only.
    assert_eq!(
        press_in(&app, &r, g, prompt, "应该").await,
        "已记下您的选择：应该（只有您自己能看到）"
    );
    assert_eq!(
        press_in(&app, &r, g, prompt, "不应该").await,
        "已改为：不应该"
    );
    assert_eq!(
        press_in(&app, &r, g, prompt, "不应该").await,
        "已撤回您的选择。"
    );
    press_in(&app, &r, g, prompt, "应该").await;
    let t = app.tg.person("老王");
    press_in(&app, &t, g, prompt, "应该").await;
    // A consented person's vote is also a stance-only opinion.
    let c = consented(&app, &w, "老张").await;
    press_in(&app, &c, g, prompt, "不应该").await;
    // Forged buttons get a friendly toast.
    for forged in ["pv:999:0", "pv:1:7", "pv:x"] {
        let q = app.tg.press_callback_data(&r, g, prompt, forged);
        let answer = app.tg.wait_callback_answer(&q).await;
        let text = answer["text"].as_str().unwrap_or_default();
        assert!(text.contains("失效"), "{forged}: {answer}");
    }
    app.settle().await;
    assert_eq!(
        app.tg.sent(w.group.id).len(),
        in_group,
        "nothing about any vote in the group"
    );
    assert!(
        ledger(&app, w.id)
            .await
            .iter()
            .all(|o| o.submitter_id != Some(r.id))
    );
    let votes: Vec<Opinion> = app.db.opinions().of(c.id).await.unwrap();
    let vote = votes
        .iter()
        .find(|o| o.channel.as_str() == "prompt_vote")
        .unwrap();
    assert_eq!(
        (
            vote.stance.as_str(),
            vote.body.as_str(),
            vote.article_number
        ),
        ("other", "不应该", Some(2))
    );
    // The consented voter changes and withdraws: the opinion follows.
    press_in(&app, &c, g, prompt, "应该").await;
    let vote = app.db.opinions().get(vote.id).await.unwrap().unwrap();
    assert_eq!(vote.body, "应该");
    press_in(&app, &c, g, prompt, "应该").await;
    let vote = app.db.opinions().get(vote.id).await.unwrap().unwrap();
    assert_eq!(vote.status.as_str(), "withdrawn");
    press_in(&app, &c, g, prompt, "不应该").await;

    // Replies to the prompt: a consented person's kept on article 2, another's held.
    let kept = app.tg.reply_to(&c, g, prompt, "建议早七点到晚十点之间遛狗");
    let u = app.tg.person("小周");
    press_in(&app, &u, g, prompt, "不应该").await;
    let heldr = app.tg.reply_to(&u, g, prompt, "应该分区域、分时段管理");
    app.settle().await;
    assert_eq!(app.tg.reactions(w.group.id, kept), ["👍"]);
    assert_eq!(app.tg.reactions(w.group.id, heldr), ["✍"]);
    let reply = app
        .db
        .opinions()
        .of(c.id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.channel.as_str() == "prompt_reply")
        .unwrap();
    assert_eq!(reply.article_label.as_deref(), Some("第二条"));
    assert_eq!(reply.body, "建议早七点到晚十点之间遛狗");

    // Tallies: 应该 r, t; 不应该 c, u. Replies: c's and u's (held).
    let list = say(&app, &w.liaison, "/prompts").await;
    assert!(
        list.contains("P1 《某市养犬管理条例（草案）》第二条（进行中）"),
        "{list}"
    );
    assert!(list.contains("回复 2 条; 应该 2 · 不应该 2"), "{list}");

    // u confirms: the held reply and the vote become opinions with their id.
    let ask = app.tg.sent(w.group.id).last().unwrap().html.clone();
    let payload = ask
        .split("start=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    say(&app, &u, &format!("/start {payload}")).await;
    let msg = with_button(&app, &u, "保存，并同意匿名引用原话");
    press_in(&app, &u, ChatRef::Private, msg, "保存，并同意匿名引用原话").await;
    let mut theirs: Vec<(String, String, bool)> = app
        .db
        .opinions()
        .of(u.id)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.channel.as_str().to_owned(), o.body, o.consent_quote))
        .collect();
    theirs.sort();
    assert_eq!(
        theirs,
        [
            (
                "prompt_reply".to_owned(),
                "应该分区域、分时段管理".to_owned(),
                true
            ),
            ("prompt_vote".to_owned(), "不应该".to_owned(), false),
        ]
    );
    let list = say(&app, &w.liaison, "/prompts").await;
    assert!(list.contains("回复 2 条; 应该 2 · 不应该 2"), "{list}");

    // Prompts close with their consultation.
    app.db
        .consultations()
        .close(w.id, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    assert_eq!(
        press_in(&app, &t, g, prompt, "不应该").await,
        "这个提问已经截止，感谢您的关心！"
    );
    let list = say(&app, &w.liaison, "/prompts").await;
    assert!(list.contains("（已截止）"), "{list}");
    app.finish().await;
}
