//! The web benchmark: the release-built `consult-bot` binary, as a child process
//! serving the web channel alone (no token, as a mainland deployment runs), and HTTP
//! clients in this process. Prints, per database:
//!
//! - the article page `GET /c/{id}/a/{n}` at a steady 200 requests/s: p50 / p99 latency
//!   (target p99 ≤ 10 ms on SQLite) and the server's CPU per request;
//! - saturation throughput of the article page, as a ratio to serving the same bytes
//!   as a static file from the same server (target ≥ 0.3). The static file is the
//!   embedded stylesheet `/assets/site.css`; the measured article is padded so that
//!   its page has exactly the stylesheet's size, so both answers carry the same
//!   number of body bytes;
//! - the same two figures for the article page of a revised draft (第 2 稿), which
//!   compares the two versions to mark what changed;
//! - the opinion post (「提交」 of the form: checked, stored with its status link, 303
//!   to the receipt) at the same steady rate and at saturation.
//!
//! ```text
//! cargo bench --bench web                                      # SQLite
//! cargo bench --bench web -- --postgres postgres://postgres@127.0.0.1:5432/test
//! TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench web
//! ```
//!
//! With a PostgreSQL URL both backends run, SQLite first. Each phase gets a fresh
//! database (on PostgreSQL a new database cloned from the migrated template, dropped
//! afterwards) and a fresh server process. Knobs: `BENCH_SECONDS` (measured window of
//! the steady phases, 15), `BENCH_SATURATION_SECONDS` (of the saturation phases, 10),
//! `BENCH_RATE` (requests/s of the steady phases, 200), `BENCH_CONNECTIONS` (clients
//! at saturation, 16), `BENCH_ARTICLES` (articles in the draft, 60),
//! `BENCH_SERVER_LOG` (the server's `RUST_LOG`). The server's log of each phase is
//! kept in `target/bench-web/`.
//!
//! Every request is a [`Workload`]; a phase is a workload, a pace (steady or
//! saturation) and the data it needs seeded.
#[path = "../tests/support/mod.rs"]
mod support;

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use consult_domain::{
    Actor, Db,
    consultations::{NewConsultation, Scope},
    draft::{parse, to_chinese_number},
};
use support::{
    app::{BotProcess, binary, free_local_addr},
    bench::{cpu_ticks, env_usize, fresh_db, log_path, machine, ticks_ms, verdict},
    db::TestDb,
    web::wait_listening,
};
use tokio::sync::mpsc;

const WARMUP: Duration = Duration::from_secs(2);
/// The static file of the comparison.
const STATIC_PATH: &str = "/assets/site.css";
/// Targets of issue 16 (SQLite, 2 cores).
const P99_TARGET_MS: f64 = 10.0;
const RATIO_TARGET: f64 = 0.3;
/// Residents taking turns in the opinion phases.
const BROWSERS: usize = 200;

struct Knobs {
    seconds: u64,
    saturation_seconds: u64,
    rate: f64,
    connections: usize,
    articles: usize,
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
        seconds: env_usize("BENCH_SECONDS", 15) as u64,
        saturation_seconds: env_usize("BENCH_SATURATION_SECONDS", 10) as u64,
        rate: env_usize("BENCH_RATE", 200) as f64,
        connections: env_usize("BENCH_CONNECTIONS", 16).max(1),
        articles: env_usize("BENCH_ARTICLES", 60).max(3),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        machine();
        let draft = Drafts::new(knobs.articles);
        let padding = draft.padding_for_static_size().await;
        let draft = Drafts { padding, ..draft };
        let mut reports = vec![suite(None, &knobs, &draft).await];
        if let Some(url) = postgres {
            reports.push(suite(Some(&url), &knobs, &draft).await);
        }
        println!("\n================ summary ================");
        for r in &reports {
            r.print(&knobs);
        }
    });
}

// ------------------------------------------------------------------ the draft

/// The drafts the pages show: `articles` articles in chapters of ten, the middle one
/// measured, with `padding` extra bytes in its text; and a second version that
/// rewrites every fourth article (the measured one included) and adds one at the end.
#[derive(Clone)]
struct Drafts {
    articles: usize,
    padding: usize,
}

/// Everyday regulation wording, cycled through the articles.
const CLAUSES: [&str; 6] = [
    "养犬人应当依法为犬只办理登记，并按照规定为犬只接种狂犬病疫苗",
    "携犬出户时，应当为犬只束犬链或者牵引带，由完全民事行为能力人牵领，并主动避让他人",
    "犬只在户外排泄粪便的，携犬人应当立即清除；在电梯、楼道等公共区域内应当怀抱犬只或者收紧犬链",
    "街道办事处、乡镇人民政府应当组织居民委员会、村民委员会和业主委员会开展文明养犬宣传",
    "公安机关负责养犬登记和犬只收容的管理工作，农业农村部门负责犬只的免疫和疫病防控工作",
    "违反本条例规定的，由有关部门责令改正，可以处警告；拒不改正的，处以罚款",
];
const TOPICS: [&str; 6] = ["登记", "出户", "清洁", "宣传", "职责", "责任"];
const ADDED: &str = "，并接受有关部门的监督检查";

impl Drafts {
    fn new(articles: usize) -> Drafts {
        Drafts {
            articles,
            padding: 0,
        }
    }

    /// The article measured: the middle one (1-based).
    fn measured(&self) -> usize {
        self.articles / 2
    }

    /// The draft's text; `revised`: the second version.
    fn text(&self, revised: bool) -> String {
        let mut out = String::from("某市养犬管理条例（草案）\n");
        let total = self.articles + usize::from(revised);
        for n in 1..=total {
            if (n - 1) % 10 == 0 {
                let chapter = (n - 1) / 10 + 1;
                out.push_str(&format!(
                    "第{}章 第{}部分\n",
                    to_chinese_number(chapter as u32),
                    to_chinese_number(chapter as u32)
                ));
            }
            let mut body = format!(
                "{}。{}。",
                CLAUSES[n % CLAUSES.len()],
                CLAUSES[(n + 3) % CLAUSES.len()]
            );
            if n == self.measured() {
                body.push_str(&padding(self.padding));
            }
            if revised && (n % 4 == self.measured() % 4 || n > self.articles) {
                body = body.replacen('。', &format!("{ADDED}。"), 1);
            }
            out.push_str(&format!(
                "第{}条【{}】{body}\n",
                to_chinese_number(n as u32),
                TOPICS[n % TOPICS.len()]
            ));
        }
        out
    }

    /// Publishes the first version (and, `revised`, the second) on `db`; returns the
    /// consultation's id.
    async fn seed(&self, db: &Db, revised: bool) -> i64 {
        let now = Utc::now();
        let new = NewConsultation {
            title: "某市养犬管理条例（草案）".into(),
            closes_at: now + chrono::Duration::days(30),
            scope: Scope::All,
            summary: Some("为了规范养犬行为，保障公民健康和人身安全，公开征求意见。".into()),
            source_url: None,
            occupations: vec![],
            draft: parse(&self.text(false)).expect("the draft parses"),
            source_name: "bench".into(),
        };
        let consultations = db.consultations();
        let c = consultations
            .create(&new, Actor::CommandLine, now)
            .await
            .expect("create the consultation");
        consultations
            .publish(c.id, Actor::CommandLine, now)
            .await
            .expect("publish the consultation");
        if revised {
            let second = parse(&self.text(true)).expect("the second version parses");
            consultations
                .revise(c.id, &second, "二审稿", Actor::CommandLine, now)
                .await
                .expect("revise the consultation");
        }
        c.id
    }

    /// The padding that makes the measured article's page exactly as long as the
    /// static file: measured once, on a throwaway SQLite database and server.
    async fn padding_for_static_size(&self) -> usize {
        let t = TestDb::sqlite().await;
        let id = self.seed(&t.db, false).await;
        let server = Server::start(&t, "calibrate").await;
        let client = reqwest::Client::new();
        let size = |path: String| {
            let client = client.clone();
            let base = server.base();
            async move {
                client
                    .get(format!("{base}{path}"))
                    .send()
                    .await
                    .expect("the server answers")
                    .bytes()
                    .await
                    .expect("a body")
                    .len()
            }
        };
        let page = size(article_path(id, self.measured())).await;
        let file = size(STATIC_PATH.to_owned()).await;
        server.stop().await;
        if page > file {
            println!(
                "note: the article page ({page} bytes) is longer than {STATIC_PATH} ({file} bytes) without padding; compared as they are"
            );
        }
        file.saturating_sub(page)
    }
}

/// `bytes` bytes of text: Chinese characters (3 bytes each in UTF-8), then ASCII
/// digits for the remainder.
fn padding(bytes: usize) -> String {
    const FILL: &str = "为了保障公共安全和公共卫生维护社会秩序促进人与动物和谐相处";
    let chars: Vec<char> = FILL.chars().collect();
    let mut out: String = (0..bytes / 3).map(|i| chars[i % chars.len()]).collect();
    out.extend(std::iter::repeat_n('0', bytes % 3));
    out
}

fn article_path(consultation: i64, n: usize) -> String {
    format!("/c/{consultation}/a/{n}")
}

// ------------------------------------------------------------------ the server

/// The release binary serving the web channel alone on a free loopback port.
struct Server {
    process: BotProcess,
    pid: u32,
    addr: SocketAddr,
}

impl Server {
    async fn start(t: &TestDb, log: &str) -> Server {
        let addr = free_local_addr();
        let mut cmd = binary();
        cmd.args(["--database-url", &t.url, "--web-listen", &addr.to_string()]);
        // The opinion phases post thousands of opinions an hour from 200 browsers: the
        // hourly limit would refuse them after the first few (it is still counted).
        cmd.args(["--opinions-per-hour", "65535"]);
        if let Ok(filter) = std::env::var("BENCH_SERVER_LOG") {
            cmd.env("RUST_LOG", filter);
        }
        let process = BotProcess::spawn_logging(&mut cmd, &log_path("web", log));
        let pid = process.pid();
        wait_listening(addr).await;
        Server { process, pid, addr }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    async fn stop(mut self) {
        self.process.signal("TERM");
        let status = self.process.wait_exit().await;
        if !status.success() {
            println!("  ! the server exited with {status}");
        }
    }
}

// ------------------------------------------------------------------ requests

/// What one request of a phase does, and the body bytes it expects back.
#[derive(Clone)]
enum Workload {
    Get {
        path: String,
        bytes: usize,
    },
    /// 「提交」 of the opinion form: a fresh nonce and a text of its own each time (the
    /// same text twice within the hour is one opinion), from [`BROWSERS`] residents in
    /// turn — each a browser whose cookie and CSRF token were fetched before the clock
    /// started, behind an address of its own (as a proxy on this machine tells it) —
    /// so the per-browser and per-address checks read what a real hour holds. Answered
    /// 303 to the receipt, which is not followed.
    Opinion {
        path: String,
        browsers: Arc<Vec<(String, String)>>,
        sent: Arc<std::sync::atomic::AtomicU64>,
    },
}

impl Workload {
    /// Sends one request; the body's length, or why it failed.
    async fn send(&self, client: &reqwest::Client, base: &str) -> Result<usize, String> {
        match self {
            Workload::Get { path, bytes } => {
                let response = client
                    .get(format!("{base}{path}"))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let status = response.status();
                let body = response.bytes().await.map_err(|e| e.to_string())?;
                if !status.is_success() {
                    return Err(format!("status {status}"));
                }
                if body.len() != *bytes {
                    return Err(format!("{} bytes, not {bytes}", body.len()));
                }
                Ok(body.len())
            }
            Workload::Opinion {
                path,
                browsers,
                sent,
            } => {
                let n = sent.fetch_add(1, Ordering::Relaxed);
                let who = (n as usize) % browsers.len();
                let (cookie, csrf) = &browsers[who];
                let address = format!("10.0.{}.{}", who / 250, who % 250 + 1);
                let body = format!("基准测试的第 {n} 条意见：建议明确养犬登记的办理期限。");
                let nonce = consult_domain::opinions::web::nonce();
                let form = [
                    ("stance", "support"),
                    ("body", body.as_str()),
                    ("csrf", csrf.as_str()),
                    ("nonce", nonce.as_str()),
                ];
                let response = client
                    .post(format!("{base}{path}"))
                    .header(reqwest::header::COOKIE, cookie)
                    .header("X-Forwarded-For", address)
                    .form(&form)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let status = response.status();
                let body = response.bytes().await.map_err(|e| e.to_string())?;
                if status != reqwest::StatusCode::SEE_OTHER {
                    return Err(format!("status {status}"));
                }
                Ok(body.len())
            }
        }
    }
}

/// One browser's cookie and CSRF token, from the form's page.
async fn browser_for(base: &str, consultation: i64) -> (String, String) {
    let response = reqwest::get(format!("{base}/c/{consultation}/opinion"))
        .await
        .expect("the form answers");
    let cookie = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("b="))
        .expect("a browser cookie")
        .to_owned();
    let page = response.text().await.expect("the form");
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token on the form")
        .to_owned();
    (cookie, csrf)
}

#[derive(Clone, Copy)]
enum Pace {
    /// Requests sent on a fixed schedule, whatever the answers (open loop): latency
    /// is measured from when a request was due, so a stall is not hidden.
    Steady(f64),
    /// Each client sends its next request when the answer to the last arrives.
    Saturation(usize),
}

struct Run {
    completed: u64,
    failed: u64,
    first_failure: Option<String>,
    latencies_ms: Vec<f64>,
    seconds: f64,
    server_ticks: u64,
    client_ticks: u64,
    bytes: usize,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.completed as f64 / self.seconds
    }

    fn percentile(&self, q: f64) -> f64 {
        let mut v = self.latencies_ms.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() - 1) as f64 * q).round() as usize]
    }

    fn server_ms(&self) -> f64 {
        ticks_ms(self.server_ticks) / self.completed.max(1) as f64
    }

    fn client_ms(&self) -> f64 {
        ticks_ms(self.client_ticks) / self.completed.max(1) as f64
    }

    fn describe(&self) -> String {
        format!(
            "{} requests in {:.1} s = {:.0}/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms; server CPU {:.3} ms/request, bench client {:.3} ms/request; body {} bytes{}",
            self.completed,
            self.seconds,
            self.per_second(),
            self.percentile(0.5),
            self.percentile(0.99),
            self.percentile(1.0),
            self.server_ms(),
            self.client_ms(),
            self.bytes,
            match &self.first_failure {
                Some(why) => format!("; FAILED {} (first: {why})", self.failed),
                None => String::new(),
            }
        )
    }
}

/// One request's outcome: when it was due or sent, how long it took, what came back.
struct Outcome {
    at: Instant,
    took: Duration,
    result: Result<usize, String>,
}

/// Runs `work` against `server` at `pace`: a warm-up, then the measured `window`.
async fn drive(server: &Server, work: &Workload, pace: Pace, window: Duration) -> Run {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        // The opinion post's answer is the 303 itself, not the receipt page after it.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let base = server.base();
    let t0 = Instant::now();
    let opens = t0 + WARMUP;
    let closes = opens + window;
    let (tx, mut rx) = mpsc::unbounded_channel::<Outcome>();
    let sample = || (cpu_ticks(&server.pid.to_string()), cpu_ticks("self"));
    let mut start = None;
    let end;
    match pace {
        Pace::Steady(rate) => {
            let mut ticks = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
            loop {
                let due = ticks.tick().await.into_std();
                if start.is_none() && due >= opens {
                    start = Some(sample());
                }
                if due >= closes {
                    end = sample();
                    break;
                }
                let (client, base, work, tx) =
                    (client.clone(), base.clone(), work.clone(), tx.clone());
                tokio::spawn(async move {
                    let result = work.send(&client, &base).await;
                    let _ = tx.send(Outcome {
                        at: due,
                        took: due.elapsed(),
                        result,
                    });
                });
            }
        }
        Pace::Saturation(connections) => {
            let stop = Arc::new(AtomicBool::new(false));
            for _ in 0..connections {
                let (client, base, work, tx, stop) = (
                    client.clone(),
                    base.clone(),
                    work.clone(),
                    tx.clone(),
                    Arc::clone(&stop),
                );
                tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        let sent = Instant::now();
                        let result = work.send(&client, &base).await;
                        let took = sent.elapsed();
                        let _ = tx.send(Outcome {
                            at: sent + took,
                            took,
                            result,
                        });
                    }
                });
            }
            tokio::time::sleep_until(opens.into()).await;
            start = Some(sample());
            tokio::time::sleep_until(closes.into()).await;
            end = sample();
            stop.store(true, Ordering::Relaxed);
        }
    }
    drop(tx);
    let start = start.unwrap_or(end);
    let mut run = Run {
        completed: 0,
        failed: 0,
        first_failure: None,
        latencies_ms: Vec::new(),
        seconds: window.as_secs_f64(),
        server_ticks: end.0.saturating_sub(start.0),
        client_ticks: end.1.saturating_sub(start.1),
        bytes: 0,
    };
    // Steady: requests due in the window; saturation: answers that arrived in it.
    while let Some(o) = rx.recv().await {
        if o.at < opens || o.at >= closes {
            continue;
        }
        match o.result {
            Ok(bytes) => {
                run.completed += 1;
                run.bytes = bytes;
                run.latencies_ms.push(o.took.as_secs_f64() * 1000.0);
            }
            Err(why) => {
                run.failed += 1;
                run.first_failure.get_or_insert(why);
            }
        }
    }
    run
}

// ------------------------------------------------------------------ phases

/// What a phase serves from its fresh database.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Data {
    /// The first version of the draft: its measured article page.
    Article,
    /// The second version: the measured article with its changes marked.
    Revised,
    /// The static file (the database holds the first version, unused).
    Static,
    /// Opinions posted on the first version.
    Opinion,
}

/// One phase: a fresh database with `data`, a fresh server, `pace` for `window`.
async fn phase(
    postgres: Option<&str>,
    drafts: &Drafts,
    data: Data,
    pace: Pace,
    window: Duration,
    log: &str,
) -> Run {
    let t = fresh_db(postgres).await;
    let id = drafts.seed(&t.db, data == Data::Revised).await;
    let server = Server::start(&t, log).await;
    let work = match data {
        Data::Opinion => {
            let base = server.base();
            let browsers = futures::future::join_all((0..BROWSERS).map(|_| browser_for(&base, id)));
            Workload::Opinion {
                path: format!("/c/{id}/opinion/submit"),
                browsers: Arc::new(browsers.await),
                sent: Arc::default(),
            }
        }
        Data::Article | Data::Revised | Data::Static => {
            let path = match data {
                Data::Static => STATIC_PATH.to_owned(),
                _ => article_path(id, drafts.measured()),
            };
            // The bytes to expect, from one request before the clock starts.
            let bytes = reqwest::get(format!("{}{path}", server.base()))
                .await
                .expect("the server answers")
                .bytes()
                .await
                .expect("a body")
                .len();
            Workload::Get { path, bytes }
        }
    };
    let run = drive(&server, &work, pace, window).await;
    server.stop().await;
    run
}

struct Report {
    backend: &'static str,
    article_steady: Run,
    article_saturation: Run,
    static_steady: Run,
    static_saturation: Run,
    revised_steady: Run,
    revised_saturation: Run,
    opinion_steady: Run,
    opinion_saturation: Run,
}

async fn suite(postgres: Option<&str>, k: &Knobs, drafts: &Drafts) -> Report {
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("\n== {backend} ==");
    let steady = Pace::Steady(k.rate);
    let saturation = Pace::Saturation(k.connections);
    let (w, ws) = (
        Duration::from_secs(k.seconds),
        Duration::from_secs(k.saturation_seconds),
    );
    let run = async |what: &str, data: Data, pace: Pace, window: Duration| {
        let name = format!("{backend}-{}", what.replace(' ', "-"));
        let r = phase(postgres, drafts, data, pace, window, &name).await;
        println!("{what}: {}", r.describe());
        r
    };
    Report {
        backend,
        article_steady: run("article page, steady", Data::Article, steady, w).await,
        article_saturation: run("article page, saturation", Data::Article, saturation, ws).await,
        static_steady: run("static file, steady", Data::Static, steady, w).await,
        static_saturation: run("static file, saturation", Data::Static, saturation, ws).await,
        revised_steady: run("revised article page, steady", Data::Revised, steady, w).await,
        revised_saturation: run(
            "revised article page, saturation",
            Data::Revised,
            saturation,
            ws,
        )
        .await,
        opinion_steady: run("opinion post, steady", Data::Opinion, steady, w).await,
        opinion_saturation: run("opinion post, saturation", Data::Opinion, saturation, ws).await,
    }
}

impl Report {
    fn print(&self, k: &Knobs) {
        let sqlite = self.backend == "SQLite";
        let judged = |ok: bool| {
            if sqlite {
                format!(": {}", verdict(ok))
            } else {
                ", SQLite only".to_owned()
            }
        };
        println!("\n-- {} --", self.backend);
        let p99 = self.article_steady.percentile(0.99);
        println!(
            "article page ({} bytes) at {:.0} requests/s: p50 {:.2} ms, p99 {p99:.2} ms  [target p99 ≤ {P99_TARGET_MS} ms{}]; server CPU {:.3} ms/request",
            self.article_steady.bytes,
            k.rate,
            self.article_steady.percentile(0.5),
            judged(p99 <= P99_TARGET_MS),
            self.article_steady.server_ms(),
        );
        println!(
            "static file ({} bytes) at {:.0} requests/s: p50 {:.2} ms, p99 {:.2} ms; server CPU {:.3} ms/request",
            self.static_steady.bytes,
            k.rate,
            self.static_steady.percentile(0.5),
            self.static_steady.percentile(0.99),
            self.static_steady.server_ms(),
        );
        let ratio = self.article_saturation.per_second() / self.static_saturation.per_second();
        println!(
            "saturation, {} clients: article page {:.0}/s, static file {:.0}/s = {ratio:.2}  [target ≥ {RATIO_TARGET}{}]",
            k.connections,
            self.article_saturation.per_second(),
            self.static_saturation.per_second(),
            judged(ratio >= RATIO_TARGET),
        );
        println!(
            "revised article page ({} bytes, changes marked): at {:.0} requests/s p50 {:.2} ms, p99 {:.2} ms; saturation {:.0}/s = {:.2} of the static file",
            self.revised_steady.bytes,
            k.rate,
            self.revised_steady.percentile(0.5),
            self.revised_steady.percentile(0.99),
            self.revised_saturation.per_second(),
            self.revised_saturation.per_second() / self.static_saturation.per_second(),
        );
        println!(
            "opinion post (「提交」, stored, 303 to the receipt) at {:.0} requests/s: p50 {:.2} ms, p99 {:.2} ms; server CPU {:.3} ms/request; saturation {:.0}/s = {:.2} of the static file",
            k.rate,
            self.opinion_steady.percentile(0.5),
            self.opinion_steady.percentile(0.99),
            self.opinion_steady.server_ms(),
            self.opinion_saturation.per_second(),
            self.opinion_saturation.per_second() / self.static_saturation.per_second(),
        );
        let failed: u64 = [
            &self.opinion_steady,
            &self.opinion_saturation,
            &self.article_steady,
            &self.article_saturation,
            &self.static_steady,
            &self.static_saturation,
            &self.revised_steady,
            &self.revised_saturation,
        ]
        .iter()
        .map(|r| r.failed)
        .sum();
        if failed > 0 {
            println!("  ! {failed} requests failed (see the phases above)");
        }
    }
}
