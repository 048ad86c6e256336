//! Several replicas on one PostgreSQL database, as real processes against one fake Bot
//! API server: dialogues spread over the replicas lose and double no step; one chat's
//! updates stay in order however the replicas race for them; the leader killed in the
//! middle of a broadcast hands polling and the workers over within seconds, and no group
//! gets a card twice; the scheduler still fires. And SQLite refuses a second bot.
//!
//! Why updates are stored by the test: long polling has one owner (the leader), and a
//! leader woken by its own poll would take nearly every update before the others look.
//! So the fake server keeps updates back ([`FakeTelegram::divert_updates`]) and the test
//! stores them in the shared inbox exactly as an intake does (`Inbox::store`) — what
//! happens in webhook mode, where each replica's endpoint stores what it receives. Every
//! replica then races for them, as the dispatcher does for any stored update.

use std::time::Duration;

use chrono::Utc;
use consult_domain::{
    Actor, Db,
    consultations::{NewConsultation, Scope, State},
    deliveries::{Button, NewBroadcast, OutMessage},
    groups::GroupKind,
    inbox::RawUpdate,
    people::Locale,
};
use tokio_util::sync::CancellationToken;

use crate::support::{
    app::{BotProcess, args, binary, eventually},
    db::{TestDb, postgres_url},
    telegram::{BOT_ID, ChatRef, FakeTelegram, Group, Hold, Person},
};

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n";

/// A replica of the bot: fast coordination timers, so failover takes a fraction of a
/// second instead of a few; its log goes to `log` for a failing test's reader.
pub(crate) fn replica(
    tg: &FakeTelegram,
    t: &TestDb,
    log: &std::path::Path,
    extra: &[&str],
) -> BotProcess {
    BotProcess::spawn_logging(
        binary()
            .args(args(tg, &t.url))
            .args(["--replica-retry", "200ms", "--replica-lease", "3s"])
            .args(extra)
            .env("RUST_LOG", "info"),
        log,
    )
}

/// Waits until `n` replicas are registered and alive, one of them leading; returns the
/// leader's pid.
pub(crate) async fn replicas_up(db: &Db, n: usize) -> u32 {
    eventually(&format!("{n} replicas up"), || async {
        let rows = db.replicas().list().await.unwrap();
        let alive: Vec<_> = rows.iter().filter(|r| r.alive).collect();
        let leaders: Vec<_> = alive.iter().filter(|r| r.leading).collect();
        (alive.len() == n && leaders.len() == 1).then(|| leaders[0].pid as u32)
    })
    .await
}

/// Three replicas up, racing for the updates the test stores as an intake would.
async fn three_replicas(
    tg: &FakeTelegram,
    t: &TestDb,
    logs: &std::path::Path,
) -> (Vec<BotProcess>, CancellationToken) {
    tg.divert_updates();
    let bots: Vec<BotProcess> = (0..3)
        .map(|i| replica(tg, t, &logs.join(format!("r{i}.log")), &[]))
        .collect();
    replicas_up(&t.db, 3).await;
    (bots, store_updates(tg, &t.db))
}

/// Plays the replicas' intake: stores every update the fake server holds back, as an
/// endpoint would, until stopped.
pub(crate) fn store_updates(tg: &FakeTelegram, db: &Db) -> CancellationToken {
    let stop = CancellationToken::new();
    let (tg, db, until) = (tg.clone(), db.clone(), stop.clone());
    tokio::spawn(async move {
        while !until.is_cancelled() {
            let raw: Vec<RawUpdate> = tg
                .take_updates()
                .iter()
                .filter_map(RawUpdate::from_json)
                .collect();
            if !raw.is_empty() {
                db.inbox().store(&raw, Utc::now()).await.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    stop
}

/// The id of the update carrying message `message_id` of `chat`.
pub(crate) fn update_of_message(tg: &FakeTelegram, chat: i64, message_id: i32) -> i64 {
    tg.updates_pushed()
        .iter()
        .find(|u| {
            u["message"]["chat"]["id"].as_i64() == Some(chat)
                && u["message"]["message_id"].as_i64() == Some(i64::from(message_id))
        })
        .and_then(|u| u["update_id"].as_i64())
        .expect("the message's update")
}

pub(crate) fn update_of_callback(tg: &FakeTelegram, query: &str) -> i64 {
    tg.updates_pushed()
        .iter()
        .find(|u| u["callback_query"]["id"].as_str() == Some(query))
        .and_then(|u| u["update_id"].as_i64())
        .expect("the button press's update")
}

/// Waits until the update has been handled (by whichever replica took it).
pub(crate) async fn handled(db: &Db, update_id: i64) {
    eventually(&format!("update {update_id} handled"), || async {
        let row = db.inbox().by_update_id(update_id).await.unwrap();
        matches!(row, Some((state, _)) if state == "handled").then_some(())
    })
    .await
}

pub(crate) fn last_text(tg: &FakeTelegram, who: &Person) -> String {
    tg.sent(who.id)
        .last()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// Sends text privately; returns what the bot said last once it is handled.
pub(crate) async fn say(tg: &FakeTelegram, db: &Db, who: &Person, text: &str) -> String {
    let message = tg.send_text(who, ChatRef::Private, text);
    handled(db, update_of_message(tg, who.id, message)).await;
    last_text(tg, who)
}

/// Presses a button on the bot's latest message that has it; returns what it said last.
pub(crate) async fn press(tg: &FakeTelegram, db: &Db, who: &Person, label: &str) -> String {
    let query = press_only(tg, who, label);
    tg.wait_callback_answer(&query).await;
    handled(db, update_of_callback(tg, &query)).await;
    last_text(tg, who)
}

/// Presses a button on the bot's latest message that has it, without waiting for
/// anything; returns the callback query id.
pub(crate) fn press_only(tg: &FakeTelegram, who: &Person, label: &str) -> String {
    let message = tg
        .sent(who.id)
        .iter()
        .rev()
        .find(|m| m.buttons().iter().flatten().any(|b| b == label))
        .map(|m| m.message_id)
        .unwrap_or_else(|| panic!("no button {label:?}"));
    tg.press_button(who, ChatRef::Private, message, label)
}

/// From the identity question to the read-back: anonymous, no occupation, no district.
pub(crate) async fn anonymous_to_the_read_back(tg: &FakeTelegram, db: &Db, who: &Person) {
    press(tg, db, who, "匿名").await;
    press(tg, db, who, "跳过").await;
    press(tg, db, who, "跳过").await;
    let review = press(tg, db, who, "继续").await;
    assert!(review.starts_with("请核对您的意见"), "{review}");
}

/// A resident gives an anonymous opinion on article 3, checking every answer; returns
/// the receipt number.
async fn walk(tg: FakeTelegram, db: Db, who: Person, consultation: i64, body: String) -> String {
    let asked = say(&tg, &db, &who, &format!("/start op-{consultation}")).await;
    assert!(asked.starts_with("您的意见针对哪一条？"), "{asked}");
    let asked = say(&tg, &db, &who, "3").await;
    assert_eq!(asked, "您对第三条的看法是？");
    let asked = press(&tg, &db, &who, "支持").await;
    assert!(asked.starts_with("请写下您的意见"), "{asked}");
    let asked = say(&tg, &db, &who, &body).await;
    assert!(asked.starts_with("可以发送照片"), "{asked}");
    assert_eq!(
        press(&tg, &db, &who, "完成").await,
        "您希望以什么身份提交？"
    );
    press(&tg, &db, &who, "匿名").await;
    press(&tg, &db, &who, "跳过").await;
    press(&tg, &db, &who, "跳过").await;
    let review = press(&tg, &db, &who, "继续").await;
    assert!(review.starts_with("请核对您的意见"), "{review}");
    assert!(review.contains(&body), "{review}");
    let receipt = press(&tg, &db, &who, "提交").await;
    assert!(
        receipt.starts_with("已收到您的意见，收件编号 C1-"),
        "{receipt}"
    );
    receipt
        .split("收件编号 ")
        .nth(1)
        .and_then(|r| r.split('。').next())
        .expect("a receipt number")
        .to_owned()
}

/// How the inbox rows were handled: (rows, rows claimed more than once, distinct
/// replicas that handled any, rows not handled).
async fn inbox_ledger(db: &Db) -> (i64, i64, i64, i64) {
    let Db::Postgres(pool) = db else {
        unreachable!("replica tests run on PostgreSQL")
    };
    sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE attempts <> 1), COUNT(DISTINCT owner),
                COUNT(*) FILTER (WHERE state <> 'handled')
         FROM inbox",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// (state, rows) of one chat's inbox rows.
async fn chat_states(db: &Db, chat: i64) -> Vec<(String, i64)> {
    let Db::Postgres(pool) = db else {
        unreachable!("replica tests run on PostgreSQL")
    };
    sqlx::query_as(
        "SELECT state, COUNT(*) FROM inbox WHERE chat_key = $1 GROUP BY state ORDER BY state",
    )
    .bind(chat)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// One chat's update ids, in the order they were finished.
async fn handling_order(db: &Db, chat: i64) -> Vec<i64> {
    let Db::Postgres(pool) = db else {
        unreachable!("replica tests run on PostgreSQL")
    };
    sqlx::query_scalar("SELECT update_id FROM inbox WHERE chat_key = $1 ORDER BY handled_at")
        .bind(chat)
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn stored_order(db: &Db, chat: i64) -> Vec<i64> {
    let Db::Postgres(pool) = db else {
        unreachable!("replica tests run on PostgreSQL")
    };
    sqlx::query_scalar("SELECT update_id FROM inbox WHERE chat_key = $1 ORDER BY id")
        .bind(chat)
        .fetch_all(pool)
        .await
        .unwrap()
}

pub(crate) async fn consultation(db: &Db, closes_in: chrono::Duration) -> i64 {
    let now = Utc::now();
    let new = NewConsultation {
        title: "某市养犬管理条例（草案）".into(),
        closes_at: now + closes_in,
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec!["教师".into()],
        draft: consult_domain::draft::parse(DRAFT).unwrap(),
        source_name: "test".into(),
    };
    let c = db
        .consultations()
        .create(&new, Actor::CommandLine, now)
        .await
        .unwrap();
    db.consultations()
        .publish(c.id, Actor::CommandLine, now)
        .await
        .unwrap()
        .id
}

/// The getUpdates calls answered 409: two replicas polling at once.
fn polling_conflicts(tg: &FakeTelegram) -> usize {
    tg.calls_of("getUpdates")
        .iter()
        .filter(|c| c.status == 409)
        .count()
}

pub(crate) async fn stop_all(bots: &mut [BotProcess]) {
    let mut running = Vec::new();
    for bot in bots.iter_mut() {
        if bot.is_running() {
            bot.signal("TERM");
            running.push(bot);
        }
    }
    for bot in running {
        assert!(bot.wait_exit().await.success(), "a replica stops cleanly");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialogues_spread_over_three_replicas_lose_and_double_no_step() {
    if postgres_url().is_none() {
        return;
    }
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let logs = tempfile::tempdir().unwrap();
    let id = consultation(&t.db, chrono::Duration::days(10)).await;
    let (mut bots, intake) = three_replicas(&tg, &t, logs.path()).await;

    // Six residents at once, each walking the whole dialogue.
    let residents: Vec<Person> = (1..=6).map(|i| tg.person(&format!("居民{i}"))).collect();
    let walks: Vec<_> = residents
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let body = format!("第{}位居民：登记制度很有必要，建议简化手续。", i + 1);
            tokio::spawn(walk(tg.clone(), t.db.clone(), p.clone(), id, body))
        })
        .collect();
    let mut receipts = Vec::new();
    for w in walks {
        receipts.push(w.await.expect("a resident's walk"));
    }
    receipts.sort();
    receipts.dedup();
    assert_eq!(receipts.len(), 6, "six distinct receipts: {receipts:?}");

    // The ledger holds each resident's opinion exactly once.
    let ledger = t.db.opinions().on(id).await.unwrap();
    assert_eq!(ledger.len(), 6);
    for i in 1..=6 {
        let body = format!("第{i}位居民：登记制度很有必要，建议简化手续。");
        assert_eq!(
            ledger.iter().filter(|o| o.body == body).count(),
            1,
            "{body}"
        );
    }

    // Bursts of eight messages from three people, stored at once. The first answer to
    // the first person is held in flight: while the replicas race through the other
    // two bursts, none may start that person's next message.
    let people: Vec<Person> = (1..=3).map(|i| tg.person(&format!("Burst{i}"))).collect();
    let burst = |p: &Person| -> Vec<i32> {
        (0..8)
            .map(|n| tg.send_text(p, ChatRef::Private, &format!("第{n}条消息")))
            .collect()
    };
    let hold = tg.hold_nth("sendMessage", 1);
    burst(&people[0]);
    hold.reached().await;
    burst(&people[1]);
    burst(&people[2]);
    tg.wait_sent(people[1].id, 8).await;
    tg.wait_sent(people[2].id, 8).await;
    for p in &people[1..] {
        eventually("the burst handled", || async {
            (chat_states(&t.db, p.id).await == [("handled".to_owned(), 8)]).then_some(())
        })
        .await;
    }
    assert_eq!(
        chat_states(&t.db, people[0].id).await,
        [("handling".to_owned(), 1), ("pending".to_owned(), 7)],
        "the held chat waits for its first message"
    );
    hold.release();
    tg.wait_sent(people[0].id, 8).await;
    for p in &people {
        eventually("the burst handled", || async {
            (chat_states(&t.db, p.id).await == [("handled".to_owned(), 8)]).then_some(())
        })
        .await;
        assert_eq!(tg.sent(p.id).len(), 8, "one answer each");
        assert_eq!(
            handling_order(&t.db, p.id).await,
            stored_order(&t.db, p.id).await,
            "handled in the order received"
        );
    }

    // Every update handled exactly once, and not all by one replica.
    let (rows, reclaimed, replicas, unhandled) = eventually("the inbox to settle", || async {
        let l = inbox_ledger(&t.db).await;
        (l.3 == 0).then_some(l)
    })
    .await;
    assert_eq!(rows, 6 * 10 + 3 * 8);
    assert_eq!((reclaimed, unhandled), (0, 0), "no update claimed twice");
    assert!(
        replicas >= 2,
        "updates spread over the replicas ({replicas})"
    );
    assert_eq!(polling_conflicts(&tg), 0, "one replica polls");
    intake.cancel();
    stop_all(&mut bots).await;
    tg.assert_no_violations();
}

/// The pid of the replica handling `update_id` right now.
async fn handler_of(db: &Db, update_id: i64) -> u32 {
    let Db::Postgres(pool) = db else {
        unreachable!("replica tests run on PostgreSQL")
    };
    let pid: i64 = sqlx::query_scalar(
        "SELECT r.pid FROM inbox i JOIN replicas r ON r.id = i.owner
         WHERE i.update_id = $1 AND i.state = 'handling'",
    )
    .bind(update_id)
    .fetch_one(pool)
    .await
    .unwrap();
    pid as u32
}

/// Does `act` (returning the update it caused) with the bot's next message held in
/// flight; returns once the step is stored and its reply is held.
pub(crate) async fn step_held_before_its_reply(
    tg: &FakeTelegram,
    db: &Db,
    who: &Person,
    act: impl FnOnce() -> i64,
) -> (Hold, i64) {
    let hold = tg.hold_nth("sendMessage", 1);
    let update = act();
    hold.reached().await;
    assert_eq!(
        db.dialogues().last_update(who.id).await.unwrap(),
        Some(update),
        "the step was stored before the reply"
    );
    (hold, update)
}

/// Does `act` (returning the update it caused) with the next message held in flight,
/// kills the replica handling it once its step is stored, and returns what the person
/// sees once another replica has taken the update back.
async fn kill_mid_step(
    tg: &FakeTelegram,
    db: &Db,
    bots: &mut [BotProcess],
    who: &Person,
    act: impl FnOnce() -> i64,
) -> String {
    let (hold, update) = step_held_before_its_reply(tg, db, who, act).await;
    let pid = handler_of(db, update).await;
    let killed = bots
        .iter_mut()
        .find(|b| b.pid() == pid)
        .expect("one of ours handles it");
    killed.signal("KILL");
    killed.wait_exit().await;
    hold.abandoned().await;
    handled(db, update).await;
    last_text(tg, who)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_step_loses_no_step_the_others_answer_it() {
    if postgres_url().is_none() {
        return;
    }
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let logs = tempfile::tempdir().unwrap();
    let id = consultation(&t.db, chrono::Duration::days(10)).await;
    let (mut bots, intake) = three_replicas(&tg, &t, logs.path()).await;
    let p = tg.person("居民");
    say(&tg, &t.db, &p, &format!("/start op-{id}")).await;
    say(&tg, &t.db, &p, "3").await;
    press(&tg, &t.db, &p, "支持").await;

    let asked = kill_mid_step(&tg, &t.db, &mut bots, &p, || {
        let m = tg.send_text(&p, ChatRef::Private, "登记制度很有必要。");
        update_of_message(&tg, p.id, m)
    })
    .await;
    assert!(asked.starts_with("可以发送照片"), "{asked}");
    press(&tg, &t.db, &p, "完成").await;
    anonymous_to_the_read_back(&tg, &t.db, &p).await;
    let receipt = kill_mid_step(&tg, &t.db, &mut bots, &p, || {
        let q = press_only(&tg, &p, "提交");
        update_of_callback(&tg, &q)
    })
    .await;
    assert!(
        receipt.starts_with("已收到您的意见，收件编号 C1-"),
        "{receipt}"
    );
    assert_eq!(t.db.opinions().on(id).await.unwrap().len(), 1);
    let (_, _, _, unhandled) = inbox_ledger(&t.db).await;
    assert_eq!(unhandled, 0, "every update handled");
    intake.cancel();
    stop_all(&mut bots).await;
    tg.assert_no_violations();
}

/// Groups the bot is in and knows about (as if added earlier).
async fn groups(tg: &FakeTelegram, db: &Db, n: usize) -> Vec<Group> {
    let mut out = Vec::new();
    for i in 0..n {
        let g = tg.group(&format!("居民{}群", i + 1));
        tg.set_member_status(&g, BOT_ID, "member");
        db.groups()
            .joined(g.id, &g.title, GroupKind::Group, Utc::now())
            .await
            .unwrap();
        out.push(g);
    }
    out
}

fn card() -> OutMessage {
    OutMessage {
        html: "<b>征求意见</b>：换届".into(),
        buttons: vec![vec![Button::Url {
            text: "阅读草案".into(),
            url: "https://example.org/draft/1".into(),
        }]],
        pin: false,
    }
}

fn cards(tg: &FakeTelegram, chat: i64) -> usize {
    tg.sent(chat)
        .iter()
        .filter(|m| m.text.contains("换届"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_leader_killed_mid_broadcast_hands_over_and_no_group_gets_a_card_twice() {
    if postgres_url().is_none() {
        return;
    }
    let tg = FakeTelegram::start().await;
    let t = TestDb::new().await;
    let logs = tempfile::tempdir().unwrap();
    let g = groups(&tg, &t.db, 24).await;
    // Due after the leader is killed: only a replica that took over can close it.
    let closing = consultation(&t.db, chrono::Duration::seconds(12)).await;
    let targets: Vec<_> = g.iter().map(|g| (g.id, card())).collect();
    let (broadcast, _) =
        t.db.deliveries()
            .enqueue(
                &NewBroadcast {
                    purpose: "announce",
                    subject: "c9:v1",
                    created_by: None,
                    progress_chat: None,
                    locale: Locale::ZhCn,
                },
                &targets,
                Utc::now(),
            )
            .await
            .unwrap();

    // The sixth card is held in flight when the leader is killed.
    let hold = tg.hold_nth("sendMessage", 6);
    let mut bots: Vec<BotProcess> = (0..3)
        .map(|i| {
            replica(
                &tg,
                &t,
                &logs.path().join(format!("r{i}.log")),
                &["--broadcast-rate", "4"],
            )
        })
        .collect();
    let leader = replicas_up(&t.db, 3).await;
    hold.reached().await;
    let killed = bots
        .iter_mut()
        .find(|b| b.pid() == leader)
        .expect("the leader is one of ours");
    killed.signal("KILL");
    killed.wait_exit().await;
    hold.abandoned().await;
    assert!(
        t.db.consultations()
            .get(closing)
            .await
            .unwrap()
            .unwrap()
            .state
            == State::Open,
        "killed before the deadline"
    );

    // Another replica leads within seconds and finishes the broadcast.
    let next = replicas_up(&t.db, 2).await;
    assert_ne!(next, leader);
    let counts = eventually("the broadcast to finish", || async {
        let c = t.db.deliveries().counts(broadcast).await.unwrap();
        c.finished().then_some(c)
    })
    .await;
    // The held card (and any other send in flight at the kill) is unknown; the rest
    // were sent, by one leader or the other.
    assert!(counts.unknown >= 1, "{counts:?}");
    assert_eq!(
        (counts.sent + counts.unknown, counts.failed, counts.total()),
        (24, 0, 24),
        "{counts:?}"
    );
    let mut never_arrived = 0;
    for group in &g {
        let state =
            t.db.deliveries()
                .state_of("announce", "c9:v1", group.id)
                .await
                .unwrap()
                .map(|(s, _)| s.as_str());
        let n = cards(&tg, group.id);
        match state {
            Some("sent") => assert_eq!(n, 1, "{}", group.title),
            Some("unknown") => {
                assert!(n <= 1, "{}", group.title);
                never_arrived += usize::from(n == 0);
            }
            other => panic!("{}: {other:?}", group.title),
        }
    }

    assert!(never_arrived >= 1, "the held card was not resent");

    // The scheduler moved too: the consultation closes at its deadline.
    eventually("the consultation to close", || async {
        let c = t.db.consultations().get(closing).await.unwrap().unwrap();
        (c.state == State::Closed).then_some(())
    })
    .await;
    assert_eq!(polling_conflicts(&tg), 0, "never two pollers at once");
    stop_all(&mut bots).await;
    tg.assert_no_violations();
}

/// Runs the binary to completion with `args` after the common ones.
fn run_cli(tg: &FakeTelegram, url: &str, locale: &str, extra: &[&str]) -> std::process::Output {
    binary()
        .args(args(tg, url))
        .args(["--locale", locale])
        .args(extra)
        .output()
        .expect("the binary runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_refuses_a_second_bot_but_not_admin_commands() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("bot.db").display());
    let mut first = BotProcess::spawn(binary().args(args(&tg, &url)));
    tg.wait_for("the first bot to poll", |f| {
        (f.polls_started() > 0).then_some(())
    })
    .await;

    for (locale, expected) in [
        ("zh-CN", "错误：另一个 consult-bot 进程正在使用数据库"),
        (
            "en",
            "error: Another consult-bot process is running on the database",
        ),
    ] {
        let second = run_cli(&tg, &url, locale, &["run"]);
        let err = String::from_utf8_lossy(&second.stderr);
        assert!(!second.status.success(), "refused: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("PostgreSQL"), "{err}");
    }
    // Administrative commands still work beside the running bot.
    let added = run_cli(
        &tg,
        &url,
        "en",
        &["point", "add", "gubei", "Gubei community"],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(first.is_running());

    // Once the first stops, the database is free again.
    first.signal("TERM");
    assert!(first.wait_exit().await.success());
    let polls = tg.polls_started();
    let mut again = BotProcess::spawn(binary().args(args(&tg, &url)));
    tg.wait_for("the second bot to poll", |f| {
        (f.polls_started() > polls).then_some(())
    })
    .await;
    again.signal("TERM");
    assert!(again.wait_exit().await.success());
    tg.assert_no_violations();
}
