//! The broadcast worker: deliveries queued straight into the database (as the
//! consultation handlers do) go out once per chat within Telegram's limits; 429,
//! Forbidden, migration and 5xx are each handled as DESIGN says; a crash mid-send leaves
//! an `unknown` delivery that is reported and not resent; /status shows it all.

use chrono::Duration;
use consult_domain::{
    Db,
    consultations::Scope,
    deliveries::{Button, DeliveryState, NewBroadcast, OutMessage},
    groups::GroupKind,
    people::Locale,
};

use crate::support::chat::first_text as say;
use crate::support::{
    app::{BotProcess, ClockExt, TestApp, args, binary, eventually},
    db::TestDb,
    telegram::{BOT_ID, ChatRef, FakeTelegram, Fault, Group, MigrationOrder, Person},
    world::{DRAFT, TITLE, publish},
};

/// Groups the bot is in as a plain member and knows about (as if added before it kept
/// track of its rights: whether it may pin there is not known), without greetings.
async fn groups(
    tg: &FakeTelegram,
    db: &Db,
    n: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<Group> {
    let mut out = Vec::new();
    for i in 0..n {
        let g = tg.group(&format!("居民{}群", i + 1));
        tg.set_member_status(&g, BOT_ID, "member");
        db.groups()
            .joined(g.id, &g.title, GroupKind::Group, now)
            .await
            .unwrap();
        out.push(g);
    }
    out
}

fn card(marker: &str) -> OutMessage {
    OutMessage {
        html: format!("<b>征求意见</b>：{marker}"),
        buttons: vec![vec![
            Button::Url {
                text: "阅读草案".into(),
                url: "https://example.org/draft/1".into(),
            },
            Button::Callback {
                text: "提交意见".into(),
                data: "op:1".into(),
            },
        ]],
        pin: true,
    }
}

fn broadcast<'a>(subject: &'a str, by: Option<&Person>, progress: bool) -> NewBroadcast<'a> {
    NewBroadcast {
        purpose: "announce",
        subject,
        created_by: by.map(|p| p.id),
        progress_chat: if progress { by.map(|p| p.id) } else { None },
        locale: Locale::ZhCn,
    }
}

async fn enqueue(
    db: &Db,
    b: &NewBroadcast<'_>,
    to: &[&Group],
    marker: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> (i64, u64) {
    let targets: Vec<_> = to.iter().map(|g| (g.id, card(marker))).collect();
    db.deliveries().enqueue(b, &targets, now).await.unwrap()
}

/// Messages in `chat` carrying `marker`.
fn cards(tg: &FakeTelegram, chat: i64, marker: &str) -> usize {
    tg.sent(chat)
        .iter()
        .filter(|m| m.text.contains(marker))
        .count()
}

async fn state(db: &Db, subject: &str, chat: i64) -> Option<(DeliveryState, Option<String>)> {
    db.deliveries()
        .state_of("announce", subject, chat)
        .await
        .unwrap()
}

/// Waits until the delivery is in state `want` (for `Queued`: queued again after a
/// failed attempt, with its error); returns its last error.
async fn wait_state(db: &Db, subject: &str, chat: i64, want: DeliveryState) -> Option<String> {
    eventually(&format!("delivery to {chat} {want:?}"), || async {
        match state(db, subject, chat).await {
            Some((DeliveryState::Queued, None)) if want == DeliveryState::Queued => None,
            Some((s, e)) if s == want => Some(e),
            _ => None,
        }
    })
    .await
}

/// A person who has started the bot, so it may write to them.
async fn started(app: &TestApp, name: &str) -> Person {
    let p = app.tg.person(name);
    app.tg.send_text(&p, ChatRef::Private, "/help");
    app.tg.wait_sent(p.id, 1).await;
    p
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_active_group_gets_exactly_one_card_and_a_removed_one_none() {
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 4, now).await;
    for group in &g {
        // An administrator who may pin (the bot learns it on its first card there).
        app.tg.set_member_status(group, BOT_ID, "administrator");
    }
    app.db
        .groups()
        .left(g[3].id, consult_domain::Actor::CommandLine, now)
        .await
        .unwrap();
    let all: Vec<&Group> = g.iter().collect();
    let b = broadcast("c1:v1", None, false);
    let (id, new) = enqueue(&app.db, &b, &all, "第一号", now).await;
    assert_eq!(new, 4);

    for group in &g[..3] {
        let sent = app.tg.wait_sent(group.id, 1).await;
        assert_eq!(sent[0].text, "征求意见：第一号");
        assert_eq!(sent[0].buttons(), [["阅读草案", "提交意见"]]);
        let id = sent[0].message_id;
        app.tg
            .wait_for("the card pinned", |f| {
                f.sent(group.id)
                    .iter()
                    .any(|m| m.message_id == id && m.pinned)
                    .then_some(())
            })
            .await;
    }
    let reason = wait_state(&app.db, "c1:v1", g[3].id, DeliveryState::Failed).await;
    assert_eq!(reason.as_deref(), Some("inactive"));
    assert!(
        app.tg.sent(g[3].id).is_empty(),
        "a removed group gets nothing"
    );

    // The same broadcast again adds nothing and sends nothing.
    assert_eq!(
        enqueue(&app.db, &b, &all, "第一号", now).await,
        (id, 0),
        "same purpose, subject and chats"
    );
    // A later broadcast to the first group is the barrier: deliveries go in order.
    enqueue(
        &app.db,
        &broadcast("c1:v2", None, false),
        &all[..1],
        "第二号",
        now,
    )
    .await;
    app.tg
        .wait_for("the second card", |f| {
            (cards(f, g[0].id, "第二号") == 1).then_some(())
        })
        .await;
    for group in &g[..3] {
        assert_eq!(cards(&app.tg, group.id, "第一号"), 1, "{}", group.title);
    }
    let counts = app.db.deliveries().counts(id).await.unwrap();
    assert_eq!((counts.sent, counts.failed, counts.total()), (3, 1, 4));
    app.tg
        .wait_for("four pins", |f| {
            (f.calls_of("pinChatMessage").len() == 4).then_some(())
        })
        .await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_holds_up_only_that_group_until_retry_after() {
    let app = TestApp::spawn().await;
    let admin = started(&app, "Admin").await;
    app.grant(admin.id, "admin", None).await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 3, now).await;
    app.tg
        .fail_next("sendMessage", Some(g[1].id), Fault::RetryAfter(30));
    let all: Vec<&Group> = g.iter().collect();
    let (id, _) = enqueue(
        &app.db,
        &broadcast("c2:v1", Some(&admin), true),
        &all,
        "限流",
        now,
    )
    .await;

    // The others go out before the clock moves.
    app.tg.wait_sent(g[0].id, 1).await;
    app.tg.wait_sent(g[2].id, 1).await;
    let reason = wait_state(&app.db, "c2:v1", g[1].id, DeliveryState::Queued).await;
    assert_eq!(reason.as_deref(), Some("retry after 30 s"));
    app.tg
        .wait_for("the progress message", |f| {
            f.sent(admin.id)
                .iter()
                .any(|m| m.text.contains("已发送"))
                .then_some(())
        })
        .await;

    app.clock.advance(Duration::seconds(29));
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(cards(&app.tg, g[1].id, "限流"), 0, "still waiting");
    app.clock.advance(Duration::seconds(1));
    app.tg.wait_sent(g[1].id, 1).await;
    wait_state(&app.db, "c2:v1", g[1].id, DeliveryState::Sent).await;

    let progress = app
        .tg
        .wait_for("the final progress", |f| {
            f.sent(admin.id)
                .into_iter()
                .find(|m| m.text == "征求意见通知：已发送 3/3，发送完毕。")
        })
        .await;
    assert!(progress.edits >= 1, "the progress message was edited");
    let progress_messages = app
        .tg
        .sent(admin.id)
        .iter()
        .filter(|m| m.text.contains("已发送"))
        .count();
    assert_eq!(progress_messages, 1, "one progress message, edited");
    for group in &g {
        assert_eq!(cards(&app.tg, group.id, "限流"), 1, "{}", group.title);
    }
    let counts = app.db.deliveries().counts(id).await.unwrap();
    assert_eq!(counts.sent, 3);
    app.finish().await;
}

/// Waits until `n` deliveries of broadcast `id` are sent.
async fn all_sent(db: &Db, id: i64, n: i64) {
    eventually(&format!("{n} cards sent"), || async {
        let c = db.deliveries().counts(id).await.unwrap();
        (c.sent == n).then_some(())
    })
    .await;
}

/// Issue 14, item 6: the card was pinned in every group, and Telegram refused in every
/// group where the bot is a plain member (197 of 200). Where its membership updates
/// said what it may do, it asks to pin only where it may: not a single refused pin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broadcast_pins_only_where_the_bot_may_pin() {
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 6, now).await;
    // As its membership updates told it: an administrator who may pin in the first, a
    // plain member (or an administrator without the right) everywhere else.
    app.tg.set_member_status(&g[0], BOT_ID, "administrator");
    app.tg.set_member_status(&g[1], BOT_ID, "administrator");
    app.tg.set_bot_can_pin(&g[1], false);
    for (i, group) in g.iter().enumerate() {
        app.db
            .groups()
            .set_can_pin(group.id, i == 0, now)
            .await
            .unwrap();
    }
    let all: Vec<&Group> = g.iter().collect();
    let (id, _) = enqueue(&app.db, &broadcast("c8:v1", None, false), &all, "置顶", now).await;
    all_sent(&app.db, id, 6).await;
    app.tg
        .wait_for("the card pinned", |f| {
            f.sent(g[0].id)
                .first()
                .is_some_and(|m| m.pinned)
                .then_some(())
        })
        .await;
    assert_eq!(
        app.tg.chats_called("pinChatMessage"),
        [(g[0].id, 200)],
        "no pin asked for where the bot is a plain member"
    );
    for group in &g {
        assert_eq!(cards(&app.tg, group.id, "置顶"), 1, "{}", group.title);
    }
    assert!(app.tg.calls_of("getChatMember").is_empty(), "all known");
    app.finish().await;
}

/// A group recorded before the bot kept track of its rights: it asks Telegram once
/// (getChatMember), remembers, and pins only where it may; a pin refused all the same
/// (the right taken away while the update was lost) is remembered too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_its_rights_are_not_known_the_bot_asks_once_and_remembers() {
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 3, now).await;
    app.tg.set_member_status(&g[0], BOT_ID, "administrator");
    app.tg.set_member_status(&g[1], BOT_ID, "creator");
    let all: Vec<&Group> = g.iter().collect();
    let b1 = broadcast("c9:v1", None, false);
    let (first, _) = enqueue(&app.db, &b1, &all, "第一张", now).await;
    all_sent(&app.db, first, 3).await;
    app.tg
        .wait_for("asked in three groups, pinned in two", |f| {
            (f.calls_of("getChatMember").len() == 3 && f.calls_of("pinChatMessage").len() == 2)
                .then_some(())
        })
        .await;
    let mut asked: Vec<i64> = app
        .tg
        .chats_called("getChatMember")
        .into_iter()
        .map(|(chat, _)| chat)
        .collect();
    asked.sort_unstable();
    let mut ids: Vec<i64> = g.iter().map(|g| g.id).collect();
    ids.sort_unstable();
    assert_eq!(asked, ids, "asked once in each group");
    let mut pinned = app.tg.chats_called("pinChatMessage");
    pinned.sort_unstable();
    let mut want = vec![(g[0].id, 200), (g[1].id, 200)];
    want.sort_unstable();
    assert_eq!(pinned, want, "the administrator and the creator pin");
    let db = &app.db;
    let known = |chat| async move {
        eventually("the answer remembered", || async move {
            db.groups().get(chat).await.unwrap().and_then(|g| g.can_pin)
        })
        .await
    };
    assert!(known(g[0].id).await);
    assert!(known(g[1].id).await);
    assert!(!known(g[2].id).await);

    // The right to pin taken away in the first group, and the update about it lost.
    app.tg.set_bot_can_pin(&g[0], false);
    let (second, _) = enqueue(
        &app.db,
        &broadcast("c9:v2", None, false),
        &all,
        "第二张",
        now,
    )
    .await;
    all_sent(&app.db, second, 3).await;
    eventually("the refusal remembered", || async {
        let g0 = app.db.groups().get(g[0].id).await.unwrap()?;
        (g0.can_pin == Some(false)).then_some(())
    })
    .await;
    app.tg
        .wait_for("two more pin requests", |f| {
            (f.calls_of("pinChatMessage").len() == 4).then_some(())
        })
        .await;
    assert_eq!(
        app.tg.calls_of("getChatMember").len(),
        3,
        "nobody asked twice"
    );
    let pins = app.tg.chats_called("pinChatMessage");
    assert_eq!(
        pins.iter().filter(|(_, status)| *status != 200).count(),
        1,
        "one refusal: {pins:?}"
    );
    let (third, _) = enqueue(
        &app.db,
        &broadcast("c9:v3", None, false),
        &all,
        "第三张",
        now,
    )
    .await;
    all_sent(&app.db, third, 3).await;
    app.tg
        .wait_for("the creator's pin", |f| {
            f.sent(g[1].id)
                .iter()
                .any(|m| m.text.contains("第三张") && m.pinned)
                .then_some(())
        })
        .await;
    assert_eq!(
        app.tg.chats_called("pinChatMessage").len(),
        5,
        "only the creator's group asked again"
    );
    app.finish().await;
}

/// Issue 14, item 6: the publisher's progress message met `429 retry_after` and was
/// dropped, so the publisher never heard the broadcast was done. It is written again
/// once the wait (on the injected clock) is over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_progress_message_told_to_wait_is_sent_after_the_wait() {
    let app = TestApp::spawn().await;
    let admin = started(&app, "Admin").await;
    app.grant(admin.id, "admin", None).await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 1, now).await;
    app.tg
        .fail_next("sendMessage", Some(admin.id), Fault::RetryAfter(30));
    let (id, _) = enqueue(
        &app.db,
        &broadcast("c10:v1", Some(&admin), true),
        &[&g[0]],
        "进度",
        now,
    )
    .await;
    app.tg.wait_sent(g[0].id, 1).await;
    wait_state(&app.db, "c10:v1", g[0].id, DeliveryState::Sent).await;
    app.tg
        .wait_for("the progress message told to wait", |f| {
            f.calls_of("sendMessage")
                .iter()
                .any(|c| c.status == 429 && c.params["chat_id"].as_i64() == Some(admin.id))
                .then_some(())
        })
        .await;
    assert_eq!(app.tg.sent(admin.id).len(), 1, "only the /help answer yet");

    app.clock.advance(Duration::seconds(30));
    let done = app
        .tg
        .wait_for("the progress message", |f| {
            f.sent(admin.id)
                .into_iter()
                .find(|m| m.text.contains("已发送"))
        })
        .await;
    assert_eq!(done.text, "征求意见通知：已发送 1/1，发送完毕。");
    assert_eq!(
        app.tg.sent(admin.id).len(),
        2,
        "one progress message, sent once"
    );
    let counts = app.db.deliveries().counts(id).await.unwrap();
    assert_eq!(counts.sent, 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kicked_group_is_deactivated_and_a_migrated_group_gets_it_at_its_new_id() {
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 3, now).await;
    app.tg
        .fail_next("sendMessage", Some(g[0].id), Fault::Kicked);
    let supergroup = app
        .tg
        .upgrade_to_supergroup(&g[1], MigrationOrder::OldFirst);
    let all: Vec<&Group> = g.iter().collect();
    enqueue(&app.db, &broadcast("c3:v1", None, false), &all, "迁移", now).await;

    app.tg.wait_sent(g[2].id, 1).await;
    let sent = app.tg.wait_sent(supergroup.id, 1).await;
    assert_eq!(sent[0].text, "征求意见：迁移");
    wait_state(&app.db, "c3:v1", supergroup.id, DeliveryState::Sent).await;
    assert!(app.tg.sent(g[1].id).is_empty());
    let moved = eventually("the group re-keyed", || async {
        let old = app.db.groups().get(g[1].id).await.unwrap();
        let new = app.db.groups().get(supergroup.id).await.unwrap();
        (old.is_none()).then_some(new).flatten()
    })
    .await;
    assert_eq!(moved.migrated_from, Some(g[1].id));

    let reason = wait_state(&app.db, "c3:v1", g[0].id, DeliveryState::Failed).await;
    assert_eq!(
        reason.as_deref(),
        Some("Forbidden: bot was kicked from the group chat")
    );
    let kicked = app.db.groups().get(g[0].id).await.unwrap().unwrap();
    assert!(!kicked.active, "a kicked group is inactive");
    assert_eq!(cards(&app.tg, g[0].id, "迁移"), 0);
    assert_eq!(cards(&app.tg, supergroup.id, "迁移"), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_is_retried_after_backoff_and_delivered_once() {
    let app = TestApp::spawn().await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 2, now).await;
    app.tg
        .fail_next("sendMessage", Some(g[0].id), Fault::ServerError);
    let all: Vec<&Group> = g.iter().collect();
    enqueue(&app.db, &broadcast("c4:v1", None, false), &all, "重试", now).await;
    app.tg.wait_sent(g[1].id, 1).await;
    // teloxide waits 10 s before reading a 5xx answer.
    let reason = wait_state(&app.db, "c4:v1", g[0].id, DeliveryState::Queued).await;
    assert_eq!(reason.as_deref(), Some("Internal Server Error"));
    assert_eq!(cards(&app.tg, g[0].id, "重试"), 0);
    app.clock.advance(Duration::seconds(5));
    app.tg.wait_sent(g[0].id, 1).await;
    wait_state(&app.db, "c4:v1", g[0].id, DeliveryState::Sent).await;
    assert_eq!(cards(&app.tg, g[0].id, "重试"), 1);
    assert_eq!(cards(&app.tg, g[1].id, "重试"), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_shows_admins_everything_liaisons_their_own_and_refuses_residents() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let admin = started(&app, "Admin").await;
    let liaison = started(&app, "Lili").await;
    let resident = started(&app, "Zhang").await;
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let now = app.clock.now_utc();
    let g = groups(&app.tg, &app.db, 2, now).await;
    app.db
        .groups()
        .left(g[1].id, consult_domain::Actor::CommandLine, now)
        .await
        .unwrap();
    let all: Vec<&Group> = g.iter().collect();
    let (by_admin, _) = enqueue(
        &app.db,
        &broadcast("c5:v1", Some(&admin), false),
        &all,
        "甲",
        now,
    )
    .await;
    let (by_liaison, _) = enqueue(
        &app.db,
        &broadcast("c6:v1", Some(&liaison), false),
        &all[..1],
        "乙",
        now,
    )
    .await;
    wait_state(&app.db, "c6:v1", g[0].id, DeliveryState::Sent).await;
    wait_state(&app.db, "c5:v1", g[1].id, DeliveryState::Failed).await;

    app.tg.send_text(&admin, ChatRef::Private, "/status");
    let text = app.tg.wait_sent(admin.id, 2).await[1].text.clone();
    assert!(text.starts_with("最近的群发"), "{text}");
    let a = text
        .find(&format!("#{by_admin} 征求意见通知"))
        .expect(&text);
    let l = text
        .find(&format!("#{by_liaison} 征求意见通知"))
        .expect(&text);
    assert!(l < a, "newest first: {text}");
    // No consultation 5 exists here: nothing to name but the purpose and the time.
    assert!(text.contains("征求意见通知（2026-11-24 09:00）"), "{text}");
    assert!(!text.contains("c5:v1"), "{text}");
    assert!(
        text.contains("已发送 1/2，排队 0，失败 1，状态未知 0"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "• 失败：居民2群 ({})（机器人已不在这个群里）",
            g[1].id
        )),
        "{text}"
    );

    app.tg.send_text(&liaison, ChatRef::Private, "/status");
    let text = app.tg.wait_sent(liaison.id, 2).await[1].text.clone();
    assert!(text.contains(&format!("#{by_liaison} ")), "{text}");
    assert!(
        !text.contains(&format!("#{by_admin} ")),
        "only their own: {text}"
    );

    app.tg.send_text(&resident, ChatRef::Private, "/status");
    let text = app.tg.wait_sent(resident.id, 2).await[1].text.clone();
    assert_eq!(text, "抱歉，只有联络员和管理员可以查看群发状态。");
    app.finish().await;
}

/// /status says what each broadcast was about in words — the consultation, its number
/// and title, and which draft — never the delivery key (`c1:v1`) it is stored under;
/// a broadcast about no consultation (a day's digests) shows its purpose and time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_says_what_each_broadcast_was_about_in_words() {
    let app = TestApp::spawn().await;
    let admin = started(&app, "Admin").await;
    let english = started(&app, "Emma").await;
    app.grant(admin.id, "admin", None).await;
    app.grant(english.id, "admin", None).await;
    assert_eq!(
        say(&app, &english, "/lang en").await,
        "OK, I will talk to you in English from now on."
    );
    let now = app.clock.now_utc();
    let c = publish(&app, TITLE, DRAFT, Scope::All, now + Duration::days(10)).await;
    let g = groups(&app.tg, &app.db, 1, now).await;
    let (announce, closing) = (format!("c{}:v1", c.id), format!("c{}", c.id));
    for (purpose, subject) in [
        ("announce", announce.as_str()),
        ("closing", closing.as_str()),
        ("digest", "d2026-11-24"),
    ] {
        let b = NewBroadcast {
            purpose,
            ..broadcast(subject, None, false)
        };
        enqueue(&app.db, &b, &[&g[0]], "卡片", now).await;
    }

    let text = say(&app, &admin, "/status").await;
    for line in [
        format!(
            "征求意见通知（C{}《{TITLE}》第 1 稿，2026-11-24 09:00）",
            c.id
        ),
        format!("截止通知（C{}《{TITLE}》，2026-11-24 09:00）", c.id),
        "每日意见摘要（2026-11-24 09:00）".to_owned(),
    ] {
        assert!(text.contains(&line), "{line} in {text}");
    }
    let text = say(&app, &english, "/status").await;
    for line in [
        format!(
            "Consultation announcement (C{} “{TITLE}”, draft 1, 2026-11-24 09:00)",
            c.id
        ),
        format!("Closing notice (C{} “{TITLE}”, 2026-11-24 09:00)", c.id),
        "Daily digest (2026-11-24 09:00)".to_owned(),
    ] {
        assert!(text.contains(&line), "{line} in {text}");
    }
    for key in [announce.as_str(), "d2026"] {
        assert!(!text.contains(key), "{key} in {text}");
    }
    app.finish().await;
}

fn spawn_bot(tg: &FakeTelegram, t: &TestDb) -> BotProcess {
    // Two messages a second: one send at a time, so exactly one is in flight when killed.
    BotProcess::spawn(
        binary()
            .args(args(tg, &t.url))
            .args(["--broadcast-rate", "2"]),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_send_the_delivery_is_unknown_reported_and_the_rest_go_out_once() {
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let now = chrono::Utc::now();
    let g = groups(&tg, &t.db, 4, now).await;
    let admin = tg.person("Admin");
    t.db.roles()
        .grant(
            admin.id,
            &consult_domain::roles::Assignment::new(consult_domain::roles::Role::Admin, None)
                .unwrap(),
            consult_domain::Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    let all: Vec<&Group> = g.iter().collect();
    let (id, _) = enqueue(
        &t.db,
        &broadcast("c7:v1", Some(&admin), false),
        &all,
        "断电",
        now,
    )
    .await;

    let hold = tg.hold_nth("sendMessage", 2);
    let mut bot = spawn_bot(&tg, &t);
    hold.reached().await;
    bot.signal("KILL");
    bot.wait_exit().await;
    hold.abandoned().await;

    let held = g
        .iter()
        .find(|g| tg.sent(g.id).is_empty())
        .map(|g| g.id)
        .unwrap();
    let counts = t.db.deliveries().counts(id).await.unwrap();
    assert_eq!(
        (counts.sent, counts.sending, counts.queued),
        (1, 1, 2),
        "one sent, one in flight"
    );

    let mut bot = spawn_bot(&tg, &t);
    for group in &g {
        if group.id != held {
            tg.wait_sent(group.id, 1).await;
        }
    }
    wait_state(&t.db, "c7:v1", held, DeliveryState::Unknown).await;
    eventually("the other three recorded as sent", || async {
        let c = t.db.deliveries().counts(id).await.unwrap();
        (c.sent == 3).then_some(())
    })
    .await;
    let counts = t.db.deliveries().counts(id).await.unwrap();
    assert_eq!((counts.sent, counts.unknown, counts.total()), (3, 1, 4));

    tg.send_text(&admin, ChatRef::Private, "/status");
    let text = tg.wait_sent(admin.id, 1).await[0].text.clone();
    assert!(
        text.contains("已发送 3/4，排队 0，失败 0，状态未知 1"),
        "{text}"
    );
    let title = &g.iter().find(|g| g.id == held).unwrap().title;
    assert!(
        text.contains(&format!("• 状态未知：{title} ({held})")),
        "{text}"
    );
    bot.signal("TERM");
    assert!(bot.wait_exit().await.success());
    for group in &g {
        let n = cards(&tg, group.id, "断电");
        if group.id == held {
            assert_eq!(n, 0, "never resent");
        } else {
            assert_eq!(n, 1, "{}", group.title);
        }
    }
    tg.assert_no_violations();
}

/// The benchmark's referee: the fake server's flood control answers like Telegram, and
/// teloxide reads it as `RetryAfter`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_server_enforces_flood_control_when_asked() {
    use teloxide::{RequestError, prelude::*, types::ChatId};
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let g = groups(&tg, &t.db, 2, chrono::Utc::now()).await;
    let bot = Bot::new(tg.token()).set_api_url(tg.api_url().parse().unwrap());
    tg.enforce_rate_limits(100, 2);
    bot.send_message(ChatId(g[0].id), "1").await.unwrap();
    bot.send_message(ChatId(g[0].id), "2").await.unwrap();
    match bot.send_message(ChatId(g[0].id), "3").await {
        Err(RequestError::RetryAfter(s)) => assert_eq!(s.seconds(), 30),
        other => panic!("expected a 429, got {other:?}"),
    }
    bot.send_message(ChatId(g[1].id), "other chat")
        .await
        .unwrap();
    assert_eq!(tg.rate_limited(), 1);
    tg.assert_no_violations();
}
