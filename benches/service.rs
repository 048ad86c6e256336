//! The service benchmark: the release-built `consult-bot` binary, as a child process,
//! against the fake Bot API server on loopback, with simulated residents walking the
//! opinion dialogue (deep link → article → stance → text → attachments done →
//! anonymous → skip district → tick consent → continue → submit). The bot's CPU time
//! is read from `/proc/<pid>/stat` of the child, so it never includes the fake server's
//! or the residents' work, which run in this process. Prints, per database:
//!
//! - (a) the bot's CPU time per dialogue step at a steady 300 steps/s;
//! - (b) p50 / p99 latency from an update being served (in a getUpdates answer, or
//!   POSTed to the webhook) to the step's reply arriving at the fake server;
//! - (c) saturation throughput with 1,000 residents at once, polling and webhook, and
//!   its ratio to a minimal echo bot (getUpdates → sendMessage, in this process);
//! - (d) peak RSS (VmHWM) with 100,000 stored dialogues under load;
//! - (e) start-up time from spawn to the first getUpdates;
//! - the floors under (a): an echo bot that stores nothing, on a thread of its own at
//!   the same steady rate, and one statement through sqlx's SQLite driver.
//!
//! ```text
//! cargo bench --bench service                                  # SQLite
//! cargo bench --bench service -- --postgres postgres://postgres@127.0.0.1:5432/test
//! TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench service
//! ```
//!
//! With a PostgreSQL URL both backends run, SQLite first. Each phase gets a fresh
//! database (on PostgreSQL a new database cloned from the migrated template, dropped
//! afterwards), a fresh fake server and a fresh bot process. Knobs: `BENCH_SECONDS`
//! (measured window per phase, 20), `BENCH_RATE` (steps/s of the steady phase, 300),
//! `BENCH_RESIDENTS` (saturation, 1000), `BENCH_DIALOGUES` (stored dialogues, 100000),
//! `BENCH_BOT_LOG` (the bot's `RUST_LOG`, e.g. `sqlx::query=debug` to count queries),
//! `BENCH_BOT_THREADS` (the bot's tokio workers), `BENCH_ONLY=steady` (only the SQLite
//! steady phase and the floors).
//! The bot's log of each phase is kept in `target/bench-service/`.
#[path = "../tests/support/mod.rs"]
mod support;

use std::{
    collections::{HashMap, VecDeque},
    panic::AssertUnwindSafe,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use consult_domain::{
    Actor, Db,
    consultations::{NewConsultation, Scope},
};
use serde_json::{Value, json};
use support::{
    app::{BotProcess, args, binary, free_local_addr},
    bench::{
        context_switches, cpu_ticks, env_usize, fresh_db, machine, ms, postgres_ticks, stat_fields,
        task_switches, ticks_ms, verdict,
    },
    db::TestDb,
    telegram::{ChatRef, FakeTelegram, Person, bench::ProbeEvent},
};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio_util::sync::CancellationToken;

const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会秩序，制定本条例。\n第二条【范围】本市行政区域内的养犬活动及其相关管理工作适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记，并按规定为犬只接种狂犬病疫苗。\n";
const BODY: &str = "建议在小区内增设犬只便溺清理设施，并明确物业服务企业的管理责任。";
const WEBHOOK_URL: &str = "https://consult.example.org/telegram/hook";
const WEBHOOK_SECRET: &str = "bench_Webhook-secret";
/// Residents of the steady phases: each steps about every two seconds at 300 steps/s,
/// like a person reading and answering.
const STEADY_RESIDENTS: usize = 600;
const WARMUP: Duration = Duration::from_secs(3);
/// Long enough for the residents' first steps (all deep links) to mix with later ones.
const STEADY_WARMUP: Duration = Duration::from_secs(6);
/// How long residents still waiting for the bot are given after a window closes.
const DRAIN: Duration = Duration::from_secs(15);

struct Knobs {
    seconds: u64,
    rate: f64,
    residents: usize,
    dialogues: usize,
}

fn main() {
    let mut postgres = support::db::postgres_url();
    let mut argv = std::env::args().skip(1);
    while let Some(a) = argv.next() {
        if a == "--postgres" {
            postgres = argv.next().filter(|u| !u.is_empty());
        } else if let Some(u) = a.strip_prefix("--postgres=") {
            postgres = Some(u.to_owned()).filter(|u| !u.is_empty());
        }
        // Anything else (cargo passes --bench) is not ours.
    }
    let knobs = Knobs {
        seconds: env_usize("BENCH_SECONDS", 20) as u64,
        rate: env_usize("BENCH_RATE", 300) as f64,
        residents: env_usize("BENCH_RESIDENTS", 1000),
        dialogues: env_usize("BENCH_DIALOGUES", 100_000),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        machine();
        if std::env::var("BENCH_ONLY").is_ok_and(|v| v == "steady") {
            steady_only(&knobs).await;
            return;
        }
        let echo = echo_ceiling(&knobs, false).await;
        let parallel = echo_ceiling(&knobs, true).await;
        let (floor_ms, floor_switches) = echo_floor(&knobs).await;
        let (statement_us, statement_switches) = sqlite_round_trip();
        let mut reports = vec![suite(None, &knobs, &echo).await];
        if let Some(url) = postgres {
            reports.push(suite(Some(&url), &knobs, &echo).await);
        }
        println!("\n================ summary ================");
        println!(
            "echo ceiling (the tiny loop: getUpdates ≤ 100 a round trip, then one reply after another): {:.0} steps/s with {} residents",
            echo.steps_per_second(),
            knobs.residents
        );
        println!(
            "    (an echo bot sending a batch's replies in parallel: {:.0} steps/s)",
            parallel.steps_per_second()
        );
        println!(
            "floor under (a): an echo bot that stores nothing, at {} steps/s: {floor_ms:.3} ms CPU/step, {floor_switches:.0} context switches/step",
            knobs.rate
        );
        println!(
            "one SQLite statement through sqlx (`SELECT 1`, back to back): {statement_us:.1} µs CPU, {statement_switches:.1} context switches"
        );
        for r in &reports {
            r.print(&knobs, &echo);
        }
    });
}

/// Peak resident set size in kB.
fn vm_hwm_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU ticks of each live thread of a process, by thread id, with the thread's name
/// without its number (`tokio-runtime-w`, `sqlx-sqlite-wor`, …).
fn thread_ticks(pid: u32) -> HashMap<u32, (String, u64)> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return HashMap::new();
    };
    tasks
        .flatten()
        .filter_map(|t| {
            let tid: u32 = t.file_name().to_str()?.parse().ok()?;
            let (comm, f) = stat_fields(&format!("/proc/{pid}/task/{tid}/stat"))?;
            let name = comm.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
            Some((tid, (name.to_owned(), f[10] + f[11])))
        })
        .collect()
}

#[derive(Clone)]
struct CpuSample {
    at: Instant,
    bot: u64,
    /// The bot's context switches (0 when there is no bot process).
    switches: u64,
    this: u64,
    postgres: Option<u64>,
    threads: HashMap<u32, (String, u64)>,
}

fn sample(bot: Option<u32>, postgres: bool) -> CpuSample {
    CpuSample {
        at: Instant::now(),
        bot: bot.map_or(0, |p| cpu_ticks(&p.to_string())),
        switches: bot.map_or(0, context_switches),
        this: cpu_ticks("self"),
        postgres: if postgres { postgres_ticks() } else { None },
        threads: bot.map(thread_ticks).unwrap_or_default(),
    }
}

// ------------------------------------------------------------------ residents

#[derive(Clone)]
enum Action {
    Text(String),
    /// Press the button with this label on the bot's latest message.
    Press(&'static str),
    /// A callback query on the latest message (the echo bot has no buttons).
    Callback,
}

#[derive(Clone)]
struct Step {
    action: Action,
    /// Messages the bot sends for it: the first time a person uses the bot, and later.
    replies_first: usize,
    replies: usize,
}

fn opinion_script(consultation: i64) -> Vec<Step> {
    let step = |action| Step {
        action,
        replies_first: 0,
        replies: 0,
    };
    vec![
        step(Action::Text(format!("/start op-{consultation}"))),
        step(Action::Text("第二条".to_owned())),
        step(Action::Press("支持")),
        step(Action::Text(BODY.to_owned())),
        step(Action::Press("完成")),
        step(Action::Press("匿名")),
        step(Action::Press("跳过")),
        // A tick in a consent box edits the notice in place and sends nothing: it is
        // no step with a reply to wait for, so the walk goes straight on.
        step(Action::Press("继续")),
        step(Action::Press("提交")),
    ]
}

/// The same updates, kind for kind, for the echo bot: one reply each.
fn echo_script(consultation: i64) -> Vec<Step> {
    opinion_script(consultation)
        .into_iter()
        .map(|s| Step {
            action: match s.action {
                Action::Press(_) => Action::Callback,
                other => other,
            },
            replies_first: 1,
            replies: 1,
        })
        .collect()
}

fn act(tg: &FakeTelegram, who: &Person, action: &Action, last: Option<i32>) -> bool {
    match action {
        Action::Text(t) => {
            tg.send_text(who, ChatRef::Private, t);
            true
        }
        Action::Press(label) => {
            let Some(msg) = last else { return false };
            // A missing button panics in the fake server; here it only stops this resident.
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                tg.press_button(who, ChatRef::Private, msg, label)
            }))
            .is_ok()
        }
        Action::Callback => {
            tg.press_callback_data(who, ChatRef::Private, last.unwrap_or(1), "x");
            true
        }
    }
}

struct Resident {
    person: Person,
    step: usize,
    first_walk: bool,
    last_msg: Option<i32>,
    expect: usize,
    busy: bool,
    served: Option<Instant>,
    acted: Instant,
}

#[derive(Clone, Copy)]
enum Pace {
    /// A step every 1/rate s, by whichever resident is ready.
    Steady(f64),
    /// Every resident steps again as soon as the reply arrives.
    Closed,
}

struct Run {
    completed: u64,
    latencies_ms: Vec<f64>,
    start: CpuSample,
    end: CpuSample,
    /// Ticks of the pacer with no resident ready (the offered load fell short).
    missed: u64,
    /// sendMessage calls the fake server refused.
    refused: u64,
    /// Residents still waiting for the bot when the drain ended, or whose button was gone.
    stuck: usize,
    /// Steps each resident completed in the window (how evenly the bot served them).
    per_resident: Vec<u64>,
}

impl Run {
    fn seconds(&self) -> f64 {
        (self.end.at - self.start.at).as_secs_f64()
    }

    fn steps_per_second(&self) -> f64 {
        self.completed as f64 / self.seconds()
    }

    fn bot_ms_per_step(&self) -> f64 {
        ticks_ms(self.end.bot - self.start.bot) / self.completed.max(1) as f64
    }

    fn switches_per_step(&self) -> f64 {
        self.end.switches.saturating_sub(self.start.switches) as f64 / self.completed.max(1) as f64
    }

    fn this_ms_per_step(&self) -> f64 {
        ticks_ms(self.end.this - self.start.this) / self.completed.max(1) as f64
    }

    fn postgres_ms_per_step(&self) -> Option<f64> {
        Some(ticks_ms(self.end.postgres? - self.start.postgres?) / self.completed.max(1) as f64)
    }

    /// Where the bot's CPU went, by kind of thread (threads that ended meanwhile are
    /// not seen).
    fn threads(&self) -> String {
        let mut by_name: HashMap<&str, u64> = HashMap::new();
        for (tid, (name, end)) in &self.end.threads {
            let start = self.start.threads.get(tid).map_or(0, |(_, t)| *t);
            *by_name.entry(name.as_str()).or_default() += end.saturating_sub(start);
        }
        let total: u64 = by_name.values().sum();
        let mut parts: Vec<(&str, u64)> = by_name.into_iter().filter(|(_, t)| *t > 0).collect();
        parts.sort_by_key(|p| std::cmp::Reverse(p.1));
        parts
            .iter()
            .map(|(name, t)| format!("{name} {:.0}%", *t as f64 * 100.0 / total.max(1) as f64))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Steps per resident in the window: fewest, median, most.
    fn spread(&self) -> String {
        let v = &self.per_resident;
        match (v.first(), v.get(v.len() / 2), v.last()) {
            (Some(min), Some(med), Some(max)) => format!("{min}/{med}/{max}"),
            _ => "-".to_owned(),
        }
    }

    fn mean(&self) -> f64 {
        self.latencies_ms.iter().sum::<f64>() / self.latencies_ms.len().max(1) as f64
    }

    fn percentile(&self, q: f64) -> f64 {
        let mut v = self.latencies_ms.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() - 1) as f64 * q).round() as usize]
    }

    fn describe(&self) -> String {
        format!(
            "{} steps in {:.1} s = {:.0}/s (per resident min/median/max {}); latency mean {:.1} ms, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; bot CPU {:.3} ms/step{}, {:.0} context switches/step; bench process (fake server + residents) {:.3} ms/step{}{}",
            self.completed,
            self.seconds(),
            self.steps_per_second(),
            self.spread(),
            self.mean(),
            self.percentile(0.5),
            self.percentile(0.99),
            self.percentile(1.0),
            self.bot_ms_per_step(),
            if self.end.threads.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.threads())
            },
            self.switches_per_step(),
            self.this_ms_per_step(),
            self.postgres_ms_per_step()
                .map(|ms| format!("; PostgreSQL server {ms:.3} ms/step"))
                .unwrap_or_default(),
            if self.missed + self.refused + self.stuck as u64 > 0 {
                format!(
                    "; pacer ticks without a ready resident {}, refused sends {}, stuck residents {}",
                    self.missed, self.refused, self.stuck
                )
            } else {
                String::new()
            }
        )
    }
}

/// Residents walk `script` against `tg` (whose probe is `events`) at `pace`; the
/// window opens after `warmup` and lasts `window`. `bot` is the process measured.
#[allow(clippy::too_many_arguments)]
async fn drive(
    tg: &FakeTelegram,
    events: &mut UnboundedReceiver<ProbeEvent>,
    script: &[Step],
    people: Vec<Person>,
    pace: Pace,
    window: Duration,
    bot: Option<u32>,
    postgres: bool,
) -> Run {
    let t0 = Instant::now();
    let opens = t0
        + match pace {
            Pace::Steady(_) => STEADY_WARMUP,
            Pace::Closed => WARMUP,
        };
    let closes = opens + window;
    let by_chat: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut residents: Vec<Resident> = people
        .into_iter()
        .map(|person| Resident {
            person,
            step: 0,
            first_walk: true,
            last_msg: None,
            expect: 0,
            busy: false,
            served: None,
            acted: t0,
        })
        .collect();
    let mut ready: VecDeque<usize> = (0..residents.len()).collect();
    let mut start: Option<CpuSample> = None;
    let mut end: Option<CpuSample> = None;
    let mut run = Run {
        completed: 0,
        latencies_ms: Vec::new(),
        start: sample(bot, postgres),
        end: sample(bot, postgres),
        missed: 0,
        refused: 0,
        stuck: 0,
        per_resident: Vec::new(),
    };
    let mut per_resident = vec![0u64; residents.len()];
    let step_now = |r: &mut Resident| -> bool {
        let s = &script[r.step];
        r.expect = if r.first_walk {
            s.replies_first
        } else {
            s.replies
        };
        r.busy = true;
        r.served = None;
        r.acted = Instant::now();
        act(tg, &r.person, &s.action, r.last_msg)
    };
    if let Pace::Closed = pace {
        for r in residents.iter_mut() {
            if !step_now(r) {
                run.stuck += 1;
            }
        }
        ready.clear();
    }
    let period = match pace {
        Pace::Steady(rate) => Duration::from_secs_f64(1.0 / rate),
        Pace::Closed => Duration::MAX,
    };
    let mut next_tick = t0;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let now = Instant::now();
        if start.is_none() && now >= opens {
            start = Some(sample(bot, postgres));
        }
        if end.is_none() && now >= closes {
            end = Some(sample(bot, postgres));
        }
        let draining = end.is_some();
        if draining && (residents.iter().all(|r| !r.busy) || now >= closes + DRAIN) {
            break;
        }
        if !draining && let Pace::Steady(_) = pace {
            while next_tick <= now {
                // A random ready resident, so that residents do not move in step.
                let pick = (!ready.is_empty()).then(|| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % ready.len() as u64) as usize
                });
                match pick.and_then(|p| ready.swap_remove_back(p)) {
                    Some(i) => {
                        if !step_now(&mut residents[i]) {
                            run.stuck += 1;
                        }
                    }
                    None => run.missed += 1,
                }
                next_tick += period;
            }
        }
        let mut deadline = if draining { closes + DRAIN } else { closes };
        if start.is_none() {
            deadline = deadline.min(opens);
        }
        if !draining && let Pace::Steady(_) = pace {
            deadline = deadline.min(next_tick);
        }
        let event = tokio::select! {
            biased;
            e = events.recv() => e,
            _ = tokio::time::sleep_until(deadline.into()) => None,
        };
        let Some(event) = event else { continue };
        match event {
            ProbeEvent::Served { chat, at } => {
                if let Some(r) = by_chat.get(&chat).map(|i| &mut residents[*i])
                    && r.busy
                    && r.served.is_none()
                {
                    r.served = Some(at);
                }
            }
            ProbeEvent::Sent {
                chat,
                message_id,
                at,
            } => {
                let Some(&i) = by_chat.get(&chat) else {
                    continue;
                };
                let r = &mut residents[i];
                match message_id {
                    Some(id) => r.last_msg = Some(id),
                    None => run.refused += 1,
                }
                if !r.busy {
                    continue;
                }
                r.expect = r.expect.saturating_sub(1);
                if r.expect > 0 {
                    continue;
                }
                r.busy = false;
                if start.is_some() && end.is_none() && at < closes {
                    run.completed += 1;
                    per_resident[i] += 1;
                    let from = r.served.unwrap_or(r.acted);
                    run.latencies_ms
                        .push(at.saturating_duration_since(from).as_secs_f64() * 1000.0);
                }
                r.step += 1;
                if r.step == script.len() {
                    r.step = 0;
                    r.first_walk = false;
                }
                if end.is_some() {
                    continue;
                }
                match pace {
                    Pace::Steady(_) => ready.push_back(i),
                    Pace::Closed => {
                        if !step_now(r) {
                            run.stuck += 1;
                        }
                    }
                }
            }
        }
    }
    run.stuck += residents.iter().filter(|r| r.busy).count();
    per_resident.sort_unstable();
    run.per_resident = per_resident;
    run.start = start.unwrap_or(run.start);
    run.end = end.unwrap_or_else(|| sample(bot, postgres));
    run
}

fn people(tg: &FakeTelegram, n: usize) -> Vec<Person> {
    (0..n).map(|i| tg.person(&format!("居民{i}"))).collect()
}

// ------------------------------------------------------------------ the bot

struct Bot {
    process: BotProcess,
    pid: u32,
    started: Duration,
}

fn log_path(name: &str) -> PathBuf {
    support::bench::log_path("service", name)
}

/// Spawns the release binary and waits until it first polls (or sets its webhook).
async fn spawn_bot(tg: &FakeTelegram, t: &TestDb, extra: &[String], log: &str) -> Bot {
    let mut cmd = binary();
    cmd.args(args(tg, &t.url))
        .args(["--opinions-per-hour", "1000"])
        .args(extra);
    // The bot's own log level, for a closer look (e.g. `sqlx::query=debug`).
    if let Ok(filter) = std::env::var("BENCH_BOT_LOG") {
        cmd.env("RUST_LOG", filter);
    }
    // The bot's tokio worker threads (default: one per core).
    if let Ok(threads) = std::env::var("BENCH_BOT_THREADS") {
        cmd.env("TOKIO_WORKER_THREADS", threads);
    }
    let webhook = !extra.is_empty();
    let spawned = Instant::now();
    let process = BotProcess::spawn_logging(&mut cmd, &log_path(log));
    let pid = process.pid();
    if webhook {
        tg.wait_for("the webhook to be set", |f| f.webhook_url())
            .await;
    } else {
        tg.wait_for("the first getUpdates", |f| {
            (f.polls_started() > 0).then_some(())
        })
        .await;
    }
    Bot {
        process,
        pid,
        started: spawned.elapsed(),
    }
}

impl Bot {
    async fn stop(mut self) -> u64 {
        let peak = vm_hwm_kb(self.pid);
        self.process.signal("TERM");
        let status = self.process.wait_exit().await;
        if !status.success() {
            println!("  ! the bot exited with {status}");
        }
        peak
    }
}

async fn open_consultation(db: &Db) -> i64 {
    let now = Utc::now();
    let new = NewConsultation {
        title: "某市养犬管理条例（草案）".into(),
        closes_at: now + chrono::Duration::days(10),
        scope: Scope::All,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: consult_domain::draft::parse(DRAFT).expect("the draft parses"),
        source_name: "bench".into(),
    };
    let c = db
        .consultations()
        .create(&new, Actor::CommandLine, now)
        .await
        .expect("create the consultation");
    db.consultations()
        .publish(c.id, Actor::CommandLine, now)
        .await
        .expect("publish the consultation")
        .id
}

/// Waits until every update is acknowledged and handled.
async fn settle(tg: &FakeTelegram, db: &Db) {
    tg.wait_updates_confirmed().await;
    support::app::eventually("the inbox to settle", || async {
        let c = db.inbox().counts().await.expect("inbox counts");
        (c.pending == 0 && c.handling == 0).then_some(())
    })
    .await;
}

/// One resident walks the dialogue twice, one step at a time, to learn how many
/// messages each step gets (and that the script matches the bot). Returns the stored
/// dialogue state halfway through, as a model for the stored dialogues of (d).
async fn calibrate(tg: &FakeTelegram, db: &Db, script: &mut [Step]) -> (String, Value) {
    let who = tg.person("校准");
    let mut state = None;
    for walk in 0..2 {
        for (i, step) in script.iter_mut().enumerate() {
            let before = tg.sent(who.id);
            let last = before.last().map(|m| m.message_id);
            assert!(
                act(tg, &who, &step.action, last),
                "step {i}: cannot act; the bot said {:?}",
                before.last().map(|m| &m.text)
            );
            settle(tg, db).await;
            let sent = tg.sent(who.id);
            let n = sent.len() - before.len();
            assert!(n > 0, "step {i} got no reply");
            if walk == 0 {
                step.replies_first = n;
            } else {
                step.replies = n;
            }
            if i == 3 && state.is_none() {
                let stored = db.dialogues().current(who.id).await.expect("dialogue");
                let stored = stored.expect("a dialogue is stored");
                state = Some((stored.kind, stored.state));
            }
        }
        let receipt = tg
            .sent(who.id)
            .last()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(
            receipt.contains("收件编号"),
            "the walk did not end with a receipt: {receipt}"
        );
    }
    state.expect("a dialogue state")
}

// ------------------------------------------------------------------ phases

struct Report {
    backend: String,
    startup: Duration,
    startup_loaded: Duration,
    steady: Run,
    steady_peak_kb: u64,
    polling: Run,
    webhook: Option<Run>,
    loaded: Run,
    loaded_peak_kb: u64,
    dialogues: usize,
}

/// `BENCH_ONLY=steady`: the SQLite steady phase and the echo floor alone, a minute's
/// loop for trying a change to the bot's CPU per step.
async fn steady_only(k: &Knobs) {
    let steady = steady_phase(None, k, "SQLite").await;
    println!(
        "(a)(b) steady {} steps/s: {}",
        k.rate,
        steady.run.describe()
    );
    let (floor_ms, floor_switches) = echo_floor(k).await;
    println!(
        "(a) floor, an echo bot at {} steps/s: {floor_ms:.3} ms/step, {floor_switches:.0} context switches/step",
        k.rate
    );
    let (statement_us, statement_switches) = sqlite_round_trip();
    println!(
        "one SQLite statement through sqlx: {statement_us:.1} µs CPU, {statement_switches:.1} context switches"
    );
}

/// What the steady phase measured, and the calibrated script the later phases reuse.
struct Steady {
    startup: Duration,
    run: Run,
    peak_kb: u64,
    script: Vec<Step>,
    /// A real mid-dialogue state (kind, state) to copy into stored dialogues.
    kind: String,
    state: Value,
}

/// (e), (a), (b): start-up, then steady load.
async fn steady_phase(postgres: Option<&str>, k: &Knobs, name: &str) -> Steady {
    let t = fresh_db(postgres).await;
    let id = open_consultation(&t.db).await;
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let bot = spawn_bot(&tg, &t, &[], &format!("{name}-steady")).await;
    let startup = bot.started;
    println!(
        "(e) start-up, spawn → first getUpdates: {:.0} ms",
        ms(startup)
    );
    let mut script = opinion_script(id);
    let (kind, state) = calibrate(&tg, &t.db, &mut script).await;
    let counts: Vec<String> = script
        .iter()
        .map(|s| format!("{}/{}", s.replies_first, s.replies))
        .collect();
    println!(
        "    dialogue of {} steps; messages per step (first walk/later): {}",
        script.len(),
        counts.join(" ")
    );
    while events.try_recv().is_ok() {}
    let residents = people(&tg, STEADY_RESIDENTS);
    let run = drive(
        &tg,
        &mut events,
        &script,
        residents,
        Pace::Steady(k.rate),
        Duration::from_secs(k.seconds),
        Some(bot.pid),
        postgres.is_some(),
    )
    .await;
    let peak_kb = bot.stop().await;
    tg.assert_no_violations();
    Steady {
        startup,
        run,
        peak_kb,
        script,
        kind,
        state,
    }
}

async fn suite(postgres: Option<&str>, k: &Knobs, echo: &Run) -> Report {
    let window = Duration::from_secs(k.seconds);
    let pg = postgres.is_some();
    let name = if pg { "PostgreSQL" } else { "SQLite" };
    println!("\n== {name} ==");

    let Steady {
        startup,
        run: steady,
        peak_kb: steady_peak_kb,
        script,
        kind,
        state,
    } = steady_phase(postgres, k, name).await;
    println!("(a)(b) steady {} steps/s: {}", k.rate, steady.describe());

    // (c) saturation, polling.
    let polling = saturate(postgres, k, &[], &format!("{name}-polling")).await;
    println!(
        "(c) saturation, polling, {} residents: {} → {:.2} of the echo ceiling",
        k.residents,
        polling.describe(),
        polling.steps_per_second() / echo.steps_per_second()
    );

    // (c) saturation, webhook.
    let listen = free_local_addr();
    let hook_args: Vec<String> = [
        "--webhook-url",
        WEBHOOK_URL,
        "--listen",
        &listen.to_string(),
        "--webhook-secret",
        WEBHOOK_SECRET,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let webhook =
        saturate_webhook(postgres, k, &hook_args, listen, &format!("{name}-webhook")).await;
    if let Some(w) = &webhook {
        println!(
            "(c) saturation, webhook, {} residents: {} → {:.2} of the echo ceiling",
            k.residents,
            w.describe(),
            w.steps_per_second() / echo.steps_per_second()
        );
    }

    // (d) memory with stored dialogues, and (e) start-up with them.
    let t = fresh_db(postgres).await;
    let id = open_consultation(&t.db).await;
    assert_eq!(
        Some(id),
        state["consultation"].as_i64(),
        "the model dialogue is about the same consultation"
    );
    let inserted = Instant::now();
    store_dialogues(&t, &kind, &state, k.dialogues).await;
    println!(
        "(d) {} dialogues stored in {:.1} s",
        k.dialogues,
        inserted.elapsed().as_secs_f64()
    );
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let bot = spawn_bot(&tg, &t, &[], &format!("{name}-dialogues")).await;
    let startup_loaded = bot.started;
    println!(
        "(e) start-up with {} stored dialogues: {:.0} ms",
        k.dialogues,
        ms(startup_loaded)
    );
    let residents = people(&tg, STEADY_RESIDENTS);
    let loaded = drive(
        &tg,
        &mut events,
        &script,
        residents,
        Pace::Steady(k.rate),
        window / 2,
        Some(bot.pid),
        pg,
    )
    .await;
    let loaded_peak_kb = bot.stop().await;
    println!(
        "(d) peak RSS with {} stored dialogues at {} steps/s: {:.1} MB ({})",
        k.dialogues,
        k.rate,
        loaded_peak_kb as f64 / 1024.0,
        loaded.describe()
    );
    tg.assert_no_violations();
    drop(t);

    Report {
        backend: name.to_owned(),
        startup,
        startup_loaded,
        steady,
        steady_peak_kb,
        polling,
        webhook,
        loaded,
        loaded_peak_kb,
        dialogues: k.dialogues,
    }
}

/// The script with reply counts, learnt by a resident walking it on a throwaway bot.
async fn learnt_script(tg: &FakeTelegram, t: &TestDb, id: i64) -> Vec<Step> {
    let mut script = opinion_script(id);
    calibrate(tg, &t.db, &mut script).await;
    script
}

async fn saturate(postgres: Option<&str>, k: &Knobs, extra: &[String], log: &str) -> Run {
    let t = fresh_db(postgres).await;
    let id = open_consultation(&t.db).await;
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let bot = spawn_bot(&tg, &t, extra, log).await;
    let script = learnt_script(&tg, &t, id).await;
    while events.try_recv().is_ok() {}
    let residents = people(&tg, k.residents);
    let run = drive(
        &tg,
        &mut events,
        &script,
        residents,
        Pace::Closed,
        Duration::from_secs(k.seconds),
        Some(bot.pid),
        postgres.is_some(),
    )
    .await;
    bot.stop().await;
    tg.assert_no_violations();
    run
}

async fn saturate_webhook(
    postgres: Option<&str>,
    k: &Knobs,
    extra: &[String],
    listen: std::net::SocketAddr,
    log: &str,
) -> Option<Run> {
    let t = fresh_db(postgres).await;
    let id = open_consultation(&t.db).await;
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let delivery = tg.deliver_webhooks_concurrently(&format!("http://{listen}"));
    let bot = spawn_bot(&tg, &t, extra, log).await;
    println!(
        "(e) start-up, spawn → setWebhook (webhook mode): {:.0} ms",
        ms(bot.started)
    );
    let script = learnt_script(&tg, &t, id).await;
    while events.try_recv().is_ok() {}
    let residents = people(&tg, k.residents);
    let run = drive(
        &tg,
        &mut events,
        &script,
        residents,
        Pace::Closed,
        Duration::from_secs(k.seconds),
        Some(bot.pid),
        postgres.is_some(),
    )
    .await;
    bot.stop().await;
    println!(
        "    webhook POSTs accepted {}, answered otherwise (and posted again) {}",
        delivery.accepted(),
        delivery.refused()
    );
    tg.assert_no_violations();
    Some(run)
}

/// A bot that only echoes: getUpdates (≤ 100 a round trip) → for each update
/// answerCallbackQuery for a button and one sendMessage, one update after another
/// (`parallel`: all of a batch at once). The ceiling the fake server, the loopback and
/// the long-polling cap allow on this machine.
async fn echo_bot(
    api: String,
    token: String,
    stop: CancellationToken,
    parallel: bool,
    handled: Arc<AtomicU64>,
) {
    let client = reqwest::Client::new();
    let url = |m: &str| format!("{api}bot{token}/{m}");
    let mut offset = 0i64;
    while !stop.is_cancelled() {
        let poll = client
            .post(url("getUpdates"))
            .json(&json!({"offset": offset, "limit": 100, "timeout": 10}))
            .send();
        let response = tokio::select! {
            _ = stop.cancelled() => break,
            r = poll => r,
        };
        let Ok(response) = response else { continue };
        let Ok(body) = response.json::<Value>().await else {
            continue;
        };
        let updates = body["result"].as_array().cloned().unwrap_or_default();
        if let Some(last) = updates.iter().filter_map(|u| u["update_id"].as_i64()).max() {
            offset = last + 1;
        }
        handled.fetch_add(updates.len() as u64, Ordering::Relaxed);
        let replies = updates.into_iter().map(|u| {
            let client = client.clone();
            async move {
                if let Some(q) = u.get("callback_query") {
                    let _ = client
                        .post(url("answerCallbackQuery"))
                        .json(&json!({"callback_query_id": q["id"]}))
                        .send()
                        .await;
                    let chat = q["from"]["id"].clone();
                    let _ = client
                        .post(url("sendMessage"))
                        .json(&json!({"chat_id": chat, "text": "已收到"}))
                        .send()
                        .await;
                } else if let Some(m) = u.get("message") {
                    let text = m["text"].as_str().unwrap_or("已收到");
                    let _ = client
                        .post(url("sendMessage"))
                        .json(&json!({"chat_id": m["chat"]["id"], "text": text}))
                        .send()
                        .await;
                }
            }
        });
        if parallel {
            futures::future::join_all(replies).await;
        } else {
            for reply in replies {
                reply.await;
            }
        }
    }
}

async fn echo_ceiling(k: &Knobs, parallel: bool) -> Run {
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let stop = CancellationToken::new();
    let echo = tokio::spawn(echo_bot(
        tg.api_url(),
        tg.token().to_owned(),
        stop.clone(),
        parallel,
        Arc::default(),
    ));
    let script = echo_script(1);
    let residents = people(&tg, k.residents);
    let run = drive(
        &tg,
        &mut events,
        &script,
        residents,
        Pace::Closed,
        Duration::from_secs(k.seconds),
        None,
        false,
    )
    .await;
    stop.cancel();
    let _ = echo.await;
    println!(
        "echo bot ({}), {} residents: {}",
        if parallel {
            "parallel replies"
        } else {
            "tiny loop"
        },
        k.residents,
        run.describe()
    );
    tg.assert_no_violations();
    run
}

/// What an echo bot that stores nothing costs at the steady rate of (a): the floor
/// under the bot's CPU per step that HTTP over loopback alone sets on this machine.
/// The echo loop runs on a thread of its own (a current-thread runtime, so reqwest's
/// connection tasks run there too), whose CPU and context switches are read from
/// `/proc/self/task/<tid>`. Returns (ms of CPU, context switches) per update.
async fn echo_floor(k: &Knobs) -> (f64, f64) {
    let tg = FakeTelegram::start().await;
    let mut events = tg.probe();
    let stop = CancellationToken::new();
    let handled = Arc::new(AtomicU64::new(0));
    let (tid_tx, tid_rx) = std::sync::mpsc::channel();
    let echo = {
        let (api, token, stop, handled) = (
            tg.api_url(),
            tg.token().to_owned(),
            stop.clone(),
            Arc::clone(&handled),
        );
        std::thread::spawn(move || {
            let tid = std::fs::read_link("/proc/thread-self")
                .ok()
                .and_then(|p| p.file_name()?.to_str()?.parse::<u32>().ok());
            let _ = tid_tx.send(tid);
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("echo runtime")
                .block_on(echo_bot(api, token, stop, false, handled));
        })
    };
    let tid = tid_rx.recv().ok().flatten().expect("the echo thread's id");
    let task = format!("/proc/self/task/{tid}");
    let read = || {
        let ticks = stat_fields(&format!("{task}/stat")).map_or(0, |(_, f)| f[10] + f[11]);
        (
            ticks,
            task_switches(&format!("{task}/status")),
            handled.load(Ordering::Relaxed),
        )
    };
    let before = read();
    drive(
        &tg,
        &mut events,
        &echo_script(1),
        people(&tg, STEADY_RESIDENTS),
        Pace::Steady(k.rate),
        Duration::from_secs(k.seconds),
        None,
        false,
    )
    .await;
    let after = read();
    stop.cancel();
    let _ = tokio::task::spawn_blocking(move || echo.join()).await;
    tg.assert_no_violations();
    let updates = after.2.saturating_sub(before.2).max(1) as f64;
    (
        ticks_ms(after.0 - before.0) / updates,
        after.1.saturating_sub(before.1) as f64 / updates,
    )
}

/// What one statement costs in CPU through sqlx's SQLite driver, the storage DESIGN.md
/// chose: `SELECT 1`, one after another on a current-thread runtime, over the bot's own
/// connections. Every statement is a hand-off to the connection's worker thread and
/// back, whatever the SQL. Taken with the rest of the benchmark process idle, so its
/// CPU is the statements'. Returns (µs of CPU, context switches) per statement.
fn sqlite_round_trip() -> (f64, f64) {
    const STATEMENTS: u32 = 20_000;
    std::thread::spawn(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let t = TestDb::sqlite().await;
            let Db::Sqlite(pool) = &t.db else {
                unreachable!("an SQLite test database")
            };
            let run = || async {
                for _ in 0..STATEMENTS {
                    let _: i64 = sqlx::query_scalar("SELECT 1")
                        .fetch_one(pool)
                        .await
                        .expect("SELECT 1");
                }
            };
            run().await; // warm: connection open, statement cached
            let (ticks, switches) = (cpu_ticks("self"), context_switches(std::process::id()));
            run().await;
            (
                ticks_ms(cpu_ticks("self") - ticks) * 1000.0 / f64::from(STATEMENTS),
                context_switches(std::process::id()).saturating_sub(switches) as f64
                    / f64::from(STATEMENTS),
            )
        })
    })
    .join()
    .expect("round-trip thread")
}

// ------------------------------------------------------------------ stored dialogues

/// Stores `n` dialogues like `state` (for chats nobody in the benchmark uses), touched
/// just now so none expires during the run.
async fn store_dialogues(t: &TestDb, kind: &str, state: &Value, n: usize) {
    const BATCH: usize = 500;
    let now = Utc::now();
    let rows = |from: usize| {
        (from..(from + BATCH).min(n)).map(move |i| {
            let chat = 9_000_000_000 + i as i64;
            let mut s = state.clone();
            s["key"] = json!(format!("op:{chat}:{i}"));
            (chat, sqlx::types::Json(s), i as i64)
        })
    };
    macro_rules! insert {
        ($pool:expr, $db:ty) => {{
            let pool = $pool;
            let mut tx = pool.begin().await.expect("begin");
            for from in (0..n).step_by(BATCH) {
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO dialogues (chat_id, kind, state, last_update_id, updated_at) ",
                );
                q.push_values(rows(from), |mut b, (chat, s, u)| {
                    b.push_bind(chat)
                        .push_bind(kind)
                        .push_bind(s)
                        .push_bind(u)
                        .push_bind(now);
                });
                q.build().execute(&mut *tx).await.expect("insert dialogues");
            }
            tx.commit().await.expect("commit");
            pool.close().await;
        }};
    }
    if t.url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(&t.url)
            .await
            .expect("open SQLite");
        insert!(pool, sqlx::Sqlite);
    } else {
        let pool = sqlx::PgPool::connect(&t.url)
            .await
            .expect("open PostgreSQL");
        insert!(pool, sqlx::Postgres);
    }
}

// ------------------------------------------------------------------ summary

impl Report {
    fn print(&self, k: &Knobs, echo: &Run) {
        let sqlite = self.backend == "SQLite";
        let target = |s: &str| {
            if sqlite {
                s.to_owned()
            } else {
                format!("{s}, SQLite only")
            }
        };
        println!("\n-- {} --", self.backend);
        let cpu = self.steady.bot_ms_per_step();
        println!(
            "(a) bot CPU per dialogue step at {} steps/s: {cpu:.3} ms  [target ≤ 0.4 ms{}]",
            k.rate,
            if sqlite {
                format!(": {}", verdict(cpu <= 0.4))
            } else {
                target("")
            }
        );
        if let Some(pg) = self.steady.postgres_ms_per_step() {
            println!("    PostgreSQL server CPU per step (not in the figure above): {pg:.3} ms");
        }
        let p99 = self.steady.percentile(0.99);
        println!(
            "(b) latency served → reply at {:.0} steps/s achieved: p50 {:.1} ms, p99 {p99:.1} ms  [target p99 ≤ 25 ms{}]",
            self.steady.steps_per_second(),
            self.steady.percentile(0.5),
            if sqlite {
                format!(": {}", verdict(p99 <= 25.0))
            } else {
                target("")
            }
        );
        let ratio = self.polling.steps_per_second() / echo.steps_per_second();
        println!(
            "(c) saturation, {} residents: polling {:.0} steps/s = {ratio:.2} of the echo ceiling {:.0}/s  [target ≥ 0.9{}]",
            k.residents,
            self.polling.steps_per_second(),
            echo.steps_per_second(),
            if sqlite {
                format!(": {}", verdict(ratio >= 0.9))
            } else {
                target("")
            }
        );
        match &self.webhook {
            Some(w) => println!(
                "    webhook {:.0} steps/s = {:.2} of the echo ceiling (p99 latency {:.1} ms)",
                w.steps_per_second(),
                w.steps_per_second() / echo.steps_per_second(),
                w.percentile(0.99)
            ),
            None => println!("    webhook: not measured"),
        }
        let mb = self.loaded_peak_kb as f64 / 1024.0;
        println!(
            "(d) peak RSS (VmHWM) with {} stored dialogues under {:.0} steps/s: {mb:.1} MB  [target ≤ 100 MB{}]; without them: {:.1} MB",
            self.dialogues,
            self.loaded.steps_per_second(),
            if sqlite {
                format!(": {}", verdict(mb <= 100.0))
            } else {
                target("")
            },
            self.steady_peak_kb as f64 / 1024.0
        );
        println!(
            "(e) start-up, spawn → first getUpdates: {:.0} ms; with {} stored dialogues: {:.0} ms",
            ms(self.startup),
            self.dialogues,
            ms(self.startup_loaded)
        );
    }
}
