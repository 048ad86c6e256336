//! The bot running in-process against a fake Bot API server and a fresh database,
//! with a clock the test moves.

use std::{path::PathBuf, process::Stdio, sync::Arc};

use chrono::{TimeZone, Utc};
use clap::Parser;
use consult_bot::{AppError, cli::Cli};
use consult_domain::{Db, ManualClock};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::{db::TestDb, telegram::FakeTelegram};

/// The start of every test's clock: a weekday morning in Shanghai.
pub fn test_start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0)
        .single()
        .expect("valid time")
}

pub struct TestApp {
    pub tg: FakeTelegram,
    pub db: Db,
    pub clock: ManualClock,
    pub testdb: TestDb,
    /// Flags added to [`TestApp::args`] (webhook mode, health address …); changed
    /// between [`TestApp::stop`] and a restart, they change how the bot runs.
    pub extra_args: Vec<String>,
    /// Run without a token, as where Telegram is blocked: the web channel alone.
    web_only: bool,
    stop: CancellationToken,
    running: Option<JoinHandle<Result<(), AppError>>>,
}

impl TestApp {
    /// A fake server, a fresh database and the bot running against both.
    pub async fn spawn() -> TestApp {
        let tg = FakeTelegram::start().await;
        let testdb = TestDb::new().await;
        Self::spawn_with(tg, testdb).await
    }

    pub async fn spawn_with(tg: FakeTelegram, testdb: TestDb) -> TestApp {
        Self::spawn_with_args(tg, testdb, &[]).await
    }

    /// Like [`TestApp::spawn_with`], with more flags for the bot.
    pub async fn spawn_with_args(tg: FakeTelegram, testdb: TestDb, extra: &[&str]) -> TestApp {
        let mut app = Self::unstarted(tg, testdb, extra);
        app.start();
        app
    }

    fn unstarted(tg: FakeTelegram, testdb: TestDb, extra: &[&str]) -> TestApp {
        let clock = ManualClock::new(test_start());
        TestApp {
            db: testdb.db.clone(),
            tg,
            clock,
            testdb,
            extra_args: extra.iter().map(|s| s.to_string()).collect(),
            web_only: false,
            stop: CancellationToken::new(),
            running: None,
        }
    }

    /// The program without a Telegram token (its fake server is started but never
    /// called): the web channel alone, with `extra` flags (`--web-listen` at least).
    pub async fn spawn_web_only(testdb: TestDb, extra: &[&str]) -> TestApp {
        let mut app = Self::unstarted(FakeTelegram::start().await, testdb, extra);
        app.web_only = true;
        app.start();
        app
    }

    /// The command-line arguments that point the bot at this test's server and database.
    pub fn args(&self) -> Vec<String> {
        let mut args = args(&self.tg, &self.testdb.url);
        if self.web_only {
            args.drain(..4);
        }
        args.extend(self.extra_args.iter().cloned());
        args
    }

    fn start(&mut self) {
        let cli = Cli::try_parse_from(std::iter::once("consult-bot".to_owned()).chain(self.args()))
            .expect("test arguments parse");
        let config = cli.global.config().expect("test configuration is valid");
        self.stop = CancellationToken::new();
        self.running = Some(tokio::spawn(consult_bot::run(
            config,
            Arc::new(self.clock.clone()),
            self.stop.clone(),
        )));
    }

    /// Stops the bot as SIGTERM would and waits for it; it must stop cleanly.
    pub async fn stop(&mut self) {
        self.stop.cancel();
        if let Some(running) = self.running.take() {
            running
                .await
                .expect("the bot task did not panic")
                .expect("the bot stopped without error");
        }
    }

    /// Stops and starts the bot again on the same database and fake server.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.start();
    }

    /// Starts the bot again after [`TestApp::stop`] (with the current `extra_args`).
    pub fn start_again(&mut self) {
        self.start();
    }

    /// Stops the bot and checks that Telegram would have accepted every call it made.
    pub async fn finish(mut self) {
        self.stop().await;
        self.tg.assert_no_violations();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

/// Flags for a bot talking to `tg` and using the database at `database_url`.
pub fn args(tg: &FakeTelegram, database_url: &str) -> Vec<String> {
    [
        "--token",
        tg.token(),
        "--api-url",
        &tg.api_url(),
        "--database-url",
        database_url,
        "--poll-timeout",
        "10s",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The real binary, with no configuration inherited from the environment.
pub fn binary() -> std::process::Command {
    let mut cmd = std::process::Command::new(PathBuf::from(env!("CARGO_BIN_EXE_consult-bot")));
    for var in [
        "TELOXIDE_TOKEN",
        "TELOXIDE_API_URL",
        "DATABASE_URL",
        "CONSULT_LOCALE",
        "CONSULT_LOG_FORMAT",
        "CONSULT_TIMEZONE",
        "CONSULT_INVITE_TTL",
        "CONSULT_INBOX_RETENTION",
        "CONSULT_POLL_TIMEOUT",
        "CONSULT_REMINDERS",
        "CONSULT_BROADCAST_RATE",
        "CONSULT_GROUP_RATE",
        "CONSULT_OPINION_MIN_CHARS",
        "CONSULT_OPINION_MAX_CHARS",
        "CONSULT_OPINIONS_PER_HOUR",
        "CONSULT_DIALOGUE_TTL",
        "CONSULT_HASH_KEY",
        "CONSULT_HELD_REPLY_TTL",
        "CONSULT_DIGEST_AT",
        "CONSULT_CHART_FONT",
        "CONSULT_DETAILS_RETENTION",
        "CONSULT_WEBHOOK_URL",
        "CONSULT_LISTEN",
        "CONSULT_WEBHOOK_SECRET",
        "CONSULT_HEALTH_LISTEN",
        "CONSULT_WEB_LISTEN",
        "CONSULT_WEB_URL",
        "CONSULT_STAFF_IDLE_TIMEOUT",
        "CONSULT_STAFF_SESSION_MAX",
        "CONSULT_REPLICA_RETRY",
        "CONSULT_REPLICA_LEASE",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// Waits (re-checking every 10 ms, at most 20 s) until `check` returns `Some`: for
/// state the fake server cannot see, such as rows in the database.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The real binary, running; killed if the test ends (or fails) before it exits.
pub struct BotProcess {
    child: std::process::Child,
}

impl BotProcess {
    pub fn spawn(cmd: &mut std::process::Command) -> BotProcess {
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the bot");
        BotProcess { child }
    }

    /// A process started by the caller (with its own stdout and stderr).
    pub fn from_child(child: std::process::Child) -> BotProcess {
        BotProcess { child }
    }

    /// Like [`BotProcess::spawn`], with stderr (the log) written to `log`.
    pub fn spawn_logging(cmd: &mut std::process::Command, log: &std::path::Path) -> BotProcess {
        let file = std::fs::File::create(log).expect("log file");
        let child = cmd
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .expect("start the bot");
        BotProcess { child }
    }

    /// The process id, as the bot records it among the replicas.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal by name (`TERM`, `INT`, `KILL`).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name}");
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub async fn wait_exit(&mut self) -> std::process::ExitStatus {
        let child = &mut self.child;
        eventually("the bot exits", || {
            let status = child.try_wait().expect("try_wait");
            async move { status }
        })
        .await
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl TestApp {
    /// Waits until Telegram's queue is acknowledged and every stored update is handled.
    pub async fn settle(&self) {
        self.tg.wait_updates_confirmed().await;
        eventually("the inbox to settle", || async {
            // Just after a PostgreSQL outage a pooled connection the server ended may
            // fail one statement (it is then dropped): that is "not yet", not a failure.
            let c = self.db.inbox().counts().await.ok()?;
            (c.pending == 0 && c.handling == 0).then_some(())
        })
        .await;
    }

    /// Waits until the bot is holding `update_id` because Telegram answered its reply
    /// with `429 retry_after` of `seconds` (the dispatcher notes it on the inbox row
    /// before it waits): only then may the test move the clock past the wait.
    pub async fn told_to_wait(&self, update_id: i64, seconds: u32) {
        let want = format!("retry after {seconds} s");
        eventually("the reply told to wait", || async {
            let (state, note) = self.db.inbox().note_of(update_id).await.ok()??;
            (state == "handling" && note.as_deref() == Some(want.as_str())).then_some(())
        })
        .await;
    }

    /// Creates and publishes a consultation for every contact point, closing in
    /// `days` days, with the draft `text` and `occupations`; returns it.
    pub async fn open_consultation(
        &self,
        title: &str,
        text: &str,
        occupations: &[&str],
        days: i64,
    ) -> consult_domain::consultations::Consultation {
        use consult_domain::{
            Actor,
            consultations::{NewConsultation, Scope},
        };
        let now = self.clock.now_utc();
        let new = NewConsultation {
            title: title.into(),
            closes_at: now + chrono::Duration::days(days),
            scope: Scope::All,
            summary: None,
            source_url: None,
            occupations: occupations.iter().map(|o| o.to_string()).collect(),
            draft: consult_domain::draft::parse(text).expect("test draft parses"),
            source_name: "test".into(),
        };
        let consultations = self.db.consultations();
        let c = consultations
            .create(&new, Actor::CommandLine, now)
            .await
            .expect("create");
        consultations
            .publish(c.id, Actor::CommandLine, now)
            .await
            .expect("publish")
    }

    /// Adds a contact point as an operator would.
    pub async fn point(&self, code: &str, name: &str) {
        let new = consult_domain::points::NewPoint::parse(code, name, None).expect("valid point");
        self.db
            .points()
            .add(
                &new,
                consult_domain::Actor::CommandLine,
                self.clock.now_utc(),
            )
            .await
            .expect("add point");
    }

    /// Adds a district and puts the points `codes` in it, as an operator would
    /// (`consult-bot district add` and `point district`); returns its id.
    pub async fn district(&self, code: &str, name: &str, codes: &[&str]) -> i64 {
        use consult_domain::{districts::DistrictCode, points::PointCode};
        let now = self.clock.now_utc();
        let district = DistrictCode::parse(code).expect("district code");
        let added = self
            .db
            .districts()
            .add(&district, name, consult_domain::Actor::CommandLine, now)
            .await
            .expect("add district");
        for point in codes {
            self.db
                .points()
                .set_district(
                    &PointCode::parse(point).expect("code"),
                    Some(&district),
                    consult_domain::Actor::CommandLine,
                    now,
                )
                .await
                .expect("set district");
        }
        added.id
    }

    /// Makes `user` county staff of `district`, as `role grant USER county --district`.
    pub async fn grant_county(&self, user: i64, district: &str) {
        use consult_domain::{
            districts::DistrictCode,
            roles::{Assignment, Role},
        };
        let code = DistrictCode::parse(district).expect("district code");
        let assignment = Assignment::bound(Role::County, None, Some(code)).expect("assignment");
        self.db
            .roles()
            .grant(
                user,
                &assignment,
                consult_domain::Actor::CommandLine,
                self.clock.now_utc(),
            )
            .await
            .expect("grant");
    }

    /// Grants a role as an operator would (`point` for liaisons and informants).
    pub async fn grant(&self, user: i64, role: &str, point: Option<&str>) {
        let role: consult_domain::roles::Role = role.parse().expect("role");
        let point = point.map(|p| consult_domain::points::PointCode::parse(p).expect("code"));
        let assignment = consult_domain::roles::Assignment::new(role, point).expect("assignment");
        self.db
            .roles()
            .grant(
                user,
                &assignment,
                consult_domain::Actor::CommandLine,
                self.clock.now_utc(),
            )
            .await
            .expect("grant");
    }
}

/// `ManualClock::now` through the trait, without importing it everywhere.
pub trait ClockExt {
    fn now_utc(&self) -> chrono::DateTime<Utc>;
}

impl ClockExt for ManualClock {
    fn now_utc(&self) -> chrono::DateTime<Utc> {
        consult_domain::Clock::now(self)
    }
}

/// A loopback address with a port free at the moment, for the bot to listen on
/// (webhook, health): bound and released here. Linux hands out `:0` ports in a
/// moving sequence, so another test taking it before the bot binds is unlikely.
pub fn free_local_addr() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
}
