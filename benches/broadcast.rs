//! Broadcast throughput: one announcement to 2,000 groups against the fake Bot API
//! server with Telegram's flood control switched on, both sides scaled down alike
//! (default 200 messages/s in all, 20/min per group). Prints the achieved rate ÷ the
//! allowed rate (target ≥ 0.95) and the number of 429s (target 0).
//!
//! SQLite by default; PostgreSQL when `TEST_POSTGRES_URL` is set. Knobs:
//! `BENCH_GROUPS` (2000), `BENCH_RATE` (200 messages/s), `BENCH_GROUP_RATE` (20/min).
//!
//! ```text
//! cargo bench --bench broadcast
//! TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench broadcast
//! ```
#[path = "../tests/support/mod.rs"]
mod support;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use clap::Parser;
use consult_bot::cli::Cli;
use consult_domain::{
    SystemClock,
    deliveries::{Button, NewBroadcast, OutMessage},
    groups::GroupKind,
    people::Locale,
};
use support::{
    app::args,
    db::TestDb,
    telegram::{BOT_ID, ChatRef, FakeTelegram},
};
use tokio_util::sync::CancellationToken;

fn env_u32(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let groups = env_u32("BENCH_GROUPS", 2000) as usize;
    let rate = env_u32("BENCH_RATE", 200);
    let group_rate = env_u32("BENCH_GROUP_RATE", 20);

    let tg = FakeTelegram::start().await;
    tg.enforce_rate_limits(rate, group_rate);
    let t = TestDb::new().await;
    let backend = format!("{:?}", t.backend());
    let now = chrono::Utc::now();

    // The groups, known to the bot and to the fake server.
    let mut ids = Vec::with_capacity(groups);
    for i in 0..groups {
        let g = tg.group(&format!("居民{}群", i + 1));
        tg.set_member_status(&g, BOT_ID, "member");
        t.db.groups()
            .joined(g.id, &g.title, GroupKind::Supergroup, now)
            .await
            .expect("store a group");
        ids.push(g.id);
    }
    // The publisher follows the progress in private chat.
    let admin = tg.person("Admin");
    tg.send_text(&admin, ChatRef::Private, "/help");

    let mut cli_args = vec!["consult-bot".to_owned()];
    cli_args.extend(args(&tg, &t.url));
    cli_args.extend([
        "--broadcast-rate".to_owned(),
        rate.to_string(),
        "--group-rate".to_owned(),
        group_rate.to_string(),
    ]);
    let config = Cli::try_parse_from(cli_args)
        .expect("arguments parse")
        .global
        .config()
        .expect("configuration is valid");
    let stop = CancellationToken::new();
    let bot = tokio::spawn(consult_bot::run(
        config,
        Arc::new(SystemClock),
        stop.clone(),
    ));
    tg.wait_sent(admin.id, 1).await;

    let card = OutMessage {
        html: "<b>《某市物业管理条例（修订草案）》公开征求意见</b>\n截止：12月31日".to_owned(),
        buttons: vec![vec![
            Button::Url {
                text: "阅读草案".to_owned(),
                url: "https://example.org/drafts/12".to_owned(),
            },
            Button::Url {
                text: "提交意见".to_owned(),
                url: "https://t.me/consult_test_bot?start=c12".to_owned(),
            },
        ]],
        pin: false,
    };
    let targets: Vec<_> = ids.iter().map(|id| (*id, card.clone())).collect();
    let (broadcast, _) =
        t.db.deliveries()
            .enqueue(
                &NewBroadcast {
                    purpose: "announce",
                    subject: "c12:v1",
                    created_by: Some(admin.id),
                    progress_chat: Some(admin.id),
                    locale: Locale::ZhCn,
                },
                &targets,
                chrono::Utc::now(),
            )
            .await
            .expect("enqueue");

    // From the first message out to the last one recorded.
    let deadline = Instant::now() + Duration::from_secs(60 + 3 * groups as u64 / rate as u64);
    let mut first: Option<(Instant, i64)> = None;
    let last = loop {
        let counts = t.db.deliveries().counts(broadcast).await.expect("counts");
        let done = counts.sent + counts.failed + counts.unknown;
        if first.is_none() && done > 0 {
            first = Some((Instant::now(), done));
        }
        if counts.finished() {
            break (Instant::now(), counts);
        }
        assert!(Instant::now() < deadline, "timed out: {counts:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let (started, at_start) = first.expect("something was sent");
    let elapsed = last.0 - started;
    let achieved = (last.1.sent - at_start) as f64 / elapsed.as_secs_f64();

    stop.cancel();
    let _ = bot.await;
    let delivered = ids.iter().filter(|id| tg.sent(**id).len() == 1).count();
    let too_many = tg.rate_limited();
    println!(
        "broadcast to {groups} groups on {backend}: {} sent, {} failed, {} unknown in {:.2} s",
        last.1.sent,
        last.1.failed,
        last.1.unknown,
        elapsed.as_secs_f64()
    );
    println!(
        "achieved {achieved:.1} msg/s of {rate} allowed: ratio {:.3} (target >= 0.95); 429s: {too_many} (target 0); groups with exactly one message: {delivered}",
        achieved / f64::from(rate)
    );
    tg.assert_no_violations();
}
