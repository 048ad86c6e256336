//! Health and metrics on `--health-listen`: /healthz while the process is up, /readyz
//! only while the database answers and its migrations are this binary's, and /metrics
//! in Prometheus text whose numbers are what the test did: updates handled and set
//! aside, opinions stored, deliveries by state after a broadcast, 429s met in a reply
//! and in the broadcast.

use std::{collections::HashMap, net::SocketAddr};

use consult_domain::{
    Backend, Db,
    deliveries::{NewBroadcast, OutMessage},
    groups::GroupKind,
    opinions::{Identity, NewOpinion, Stance},
    people::Locale,
};
use serde_json::json;

use crate::support::{
    app::{ClockExt, TestApp, eventually, free_local_addr},
    db::TestDb,
    telegram::{BOT_ID, ChatRef, FakeTelegram, Fault},
};

pub(crate) async fn spawn_with_health() -> (TestApp, SocketAddr) {
    let addr = free_local_addr();
    let app = TestApp::spawn_with_args(
        FakeTelegram::start().await,
        TestDb::new().await,
        &["--health-listen", &addr.to_string()],
    )
    .await;
    eventually("the health endpoint", || async {
        get(addr, "/healthz").await.ok().map(drop)
    })
    .await;
    (app, addr)
}

async fn get(addr: SocketAddr, path: &str) -> Result<(u16, String), reqwest::Error> {
    let r = reqwest::get(format!("http://{addr}{path}")).await?;
    let status = r.status().as_u16();
    Ok((status, r.text().await?))
}

/// One sample: metric name and labels, e.g. `consult_updates_total{outcome="handled"}`.
type Series = (String, Vec<(String, String)>);

/// A strict reader of Prometheus' text format (0.0.4): every family has `# HELP` and
/// `# TYPE` before its samples, types are known ones, samples are `name{labels} value`
/// with quoted, escaped label values, a series appears once, histograms have
/// cumulative buckets ending in `+Inf` equal to `_count`. Panics on anything else.
fn parse_prometheus(text: &str) -> HashMap<Series, f64> {
    let mut types: HashMap<String, String> = HashMap::new();
    let mut helped: Vec<String> = Vec::new();
    let mut samples = HashMap::new();
    assert!(text.ends_with('\n'), "ends with a newline");
    for line in text.lines() {
        assert!(!line.trim().is_empty(), "no blank lines");
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let (name, help) = rest.split_once(' ').expect("HELP name text");
            assert!(!help.is_empty() && valid_name(name), "{line}");
            helped.push(name.to_owned());
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("TYPE name kind");
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            assert!(
                helped.contains(&name.to_owned()),
                "HELP before TYPE: {line}"
            );
            assert!(
                types.insert(name.to_owned(), kind.to_owned()).is_none(),
                "{line}"
            );
            continue;
        }
        assert!(!line.starts_with('#'), "unknown comment: {line}");
        let (series, value) = line.rsplit_once(' ').expect("name and value");
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("a number: {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series.to_owned(), Vec::new()),
            Some((name, rest)) => {
                let body = rest.strip_suffix('}').expect("labels end with }");
                (name.to_owned(), parse_labels(body, line))
            }
        };
        assert!(valid_name(&name), "{line}");
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| {
                name.strip_suffix(s)
                    .filter(|f| types.get(*f).is_some_and(|t| t == "histogram"))
            })
            .unwrap_or(&name)
            .to_owned();
        let kind = types
            .get(&family)
            .unwrap_or_else(|| panic!("TYPE before samples: {line}"));
        if kind == "counter" {
            assert!(name.ends_with("_total") && value >= 0.0, "{line}");
        }
        assert!(
            samples.insert((name, labels), value).is_none(),
            "series repeated: {line}"
        );
    }
    // Histograms: cumulative, +Inf last and equal to _count.
    for (family, kind) in &types {
        if kind != "histogram" {
            continue;
        }
        let mut buckets: Vec<(f64, f64)> = samples
            .iter()
            .filter(|((n, _), _)| *n == format!("{family}_bucket"))
            .map(|((_, labels), v)| {
                let le = &labels.iter().find(|(k, _)| k == "le").expect("le").1;
                let le = if le == "+Inf" {
                    f64::INFINITY
                } else {
                    le.parse().expect("le is a number")
                };
                (le, *v)
            })
            .collect();
        buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(buckets.windows(2).all(|w| w[0].1 <= w[1].1), "cumulative");
        let last = buckets.last().expect("buckets");
        assert!(last.0.is_infinite());
        assert_eq!(
            Some(&last.1),
            samples.get(&(format!("{family}_count"), vec![])),
            "+Inf equals _count"
        );
        assert!(samples.contains_key(&(format!("{family}_sum"), vec![])));
    }
    samples
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn parse_labels(mut body: &str, line: &str) -> Vec<(String, String)> {
    let mut labels = Vec::new();
    while !body.is_empty() {
        let (key, rest) = body.split_once("=\"").unwrap_or_else(|| panic!("{line}"));
        assert!(valid_name(key), "label name: {line}");
        let mut value = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            match chars.next() {
                Some((i, '"')) => break i,
                Some((_, '\\')) => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, c @ ('\\' | '"'))) => value.push(c),
                    _ => panic!("bad escape: {line}"),
                },
                Some((_, c)) => value.push(c),
                None => panic!("unterminated label value: {line}"),
            }
        };
        labels.push((key.to_owned(), value));
        body = &rest[end + 1..];
        body = body.strip_prefix(',').unwrap_or(body);
    }
    labels
}

pub(crate) fn value(m: &HashMap<Series, f64>, name: &str, labels: &[(&str, &str)]) -> f64 {
    let key = (
        name.to_owned(),
        labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    *m.get(&key)
        .unwrap_or_else(|| panic!("no series {name}{labels:?}"))
}

pub(crate) async fn scrape(addr: SocketAddr) -> HashMap<Series, f64> {
    let r = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    parse_prometheus(&r.text().await.unwrap())
}

fn opinion(consultation_id: i64, key: &str) -> NewOpinion {
    NewOpinion {
        submission_key: key.into(),
        consultation_id,
        version: 1,
        article: None,
        stance: Stance::Support,
        body: "同意，建议尽快实施。".into(),
        proposed_wording: None,
        identity: Identity::Anonymous,
        submitter_id: None,
        submitter_name: None,
        organization: None,
        occupation: None,
        district: None,
        consent_details: false,
        consent_quote: false,
        channel: consult_domain::opinions::Channel::Card,
        source_chat: None,
        point_id: None,
        recorded_by: None,
    }
}

async fn delivery_states(db: &Db, broadcast: i64) -> (i64, i64) {
    let c = db.deliveries().counts(broadcast).await.unwrap();
    (c.sent, c.queued)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_what_happened() {
    let (app, addr) = spawn_with_health().await;
    assert_eq!(get(addr, "/healthz").await.unwrap(), (200, "ok\n".into()));
    assert_eq!(get(addr, "/readyz").await.unwrap().0, 200);
    let before = scrape(addr).await;
    assert_eq!(
        value(&before, "consult_updates_total", &[("outcome", "handled")]),
        0.0
    );
    assert_eq!(value(&before, "consult_database_up", &[]), 1.0);

    // Three messages from Alice, one from Bob whose first reply meets a 429 (the update
    // is handled again later), and one update nobody can read.
    let alice = app.tg.person("Alice");
    for _ in 0..3 {
        app.tg.send_text(&alice, ChatRef::Private, "/help");
    }
    let bob = app.tg.person("Bob");
    app.tg
        .fail_next("sendMessage", Some(bob.id), Fault::RetryAfter(1));
    app.tg.send_text(&bob, ChatRef::Private, "/help");
    let bobs = app.tg.last_update_id();
    app.tg.push_raw_update(json!({
        "message": { "message_id": "not a number", "date": "yesterday",
                     "chat": { "id": alice.id, "type": "private" } }
    }));
    app.tg.wait_sent(alice.id, 3).await;
    // Bob's answer comes once Telegram's second has passed on the bot's clock.
    app.told_to_wait(bobs, 1).await;
    app.clock.advance(chrono::Duration::seconds(1));
    app.tg.wait_sent(bob.id, 1).await;
    app.settle().await;

    // Two opinions in the ledger.
    let c = app
        .open_consultation(
            "某市养犬管理条例（草案）",
            "第一条 为了规范养犬行为，制定本条例。\n",
            &[],
            10,
        )
        .await;
    for key in ["m1", "m2"] {
        app.db
            .opinions()
            .submit(&opinion(c.id, key), app.clock.now_utc())
            .await
            .unwrap();
    }

    // A broadcast to three groups; Telegram asks one of them to wait 5 s.
    let now = app.clock.now_utc();
    let mut groups = Vec::new();
    for i in 0..3 {
        let g = app.tg.group(&format!("居民{i}群"));
        app.tg.set_member_status(&g, BOT_ID, "member");
        app.db
            .groups()
            .joined(g.id, &g.title, GroupKind::Group, now)
            .await
            .unwrap();
        groups.push(g);
    }
    app.tg
        .fail_next("sendMessage", Some(groups[1].id), Fault::RetryAfter(5));
    let message = OutMessage {
        html: "<b>征求意见</b>：某市养犬管理条例".into(),
        buttons: vec![],
        pin: false,
    };
    let targets: Vec<_> = groups.iter().map(|g| (g.id, message.clone())).collect();
    let (broadcast, _) = app
        .db
        .deliveries()
        .enqueue(
            &NewBroadcast {
                purpose: "announce",
                subject: "metrics",
                created_by: None,
                progress_chat: None,
                locale: Locale::ZhCn,
            },
            &targets,
            now,
        )
        .await
        .unwrap();
    eventually("two groups served, one waiting", || async {
        (delivery_states(&app.db, broadcast).await == (2, 1)).then_some(())
    })
    .await;
    let waiting = scrape(addr).await;
    assert_eq!(
        value(&waiting, "consult_deliveries", &[("state", "queued")]),
        1.0
    );
    assert_eq!(
        value(&waiting, "consult_deliveries", &[("state", "sent")]),
        2.0
    );
    app.clock.advance(chrono::Duration::seconds(6));
    eventually("all three sent", || async {
        (delivery_states(&app.db, broadcast).await == (3, 0)).then_some(())
    })
    .await;

    let m = scrape(addr).await;
    let count = |outcome| value(&m, "consult_updates_total", &[("outcome", outcome)]);
    assert_eq!(count("handled"), 4.0, "Alice's three and Bob's one");
    assert_eq!(count("unparsable"), 1.0);
    assert_eq!(count("failed"), 0.0);
    assert_eq!(
        value(&m, "consult_update_handling_seconds_count", &[]),
        5.0,
        "every finished update timed once"
    );
    assert!(value(&m, "consult_update_handling_seconds_sum", &[]) > 0.0);
    assert_eq!(value(&m, "consult_inbox_backlog", &[]), 0.0);
    assert_eq!(value(&m, "consult_opinions_stored", &[]), 2.0);
    for (state, n) in [
        ("sent", 3.0),
        ("queued", 0.0),
        ("sending", 0.0),
        ("failed", 0.0),
        ("unknown", 0.0),
    ] {
        assert_eq!(
            value(&m, "consult_deliveries", &[("state", state)]),
            n,
            "{state}"
        );
    }
    assert_eq!(
        value(
            &m,
            "consult_telegram_rate_limited_total",
            &[("path", "broadcast")]
        ),
        1.0
    );
    assert_eq!(
        value(
            &m,
            "consult_telegram_rate_limited_total",
            &[("path", "reply")]
        ),
        1.0
    );
    assert_eq!(value(&m, "consult_database_up", &[]), 1.0);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_follows_the_database_and_its_migrations() {
    let (app, addr) = spawn_with_health().await;
    assert_eq!(get(addr, "/readyz").await.unwrap(), (200, "ready\n".into()));

    // The schema no longer matches this binary's migrations: not ready.
    let latest: i64 = sqlx_scalar(&app.db, "SELECT MAX(version) FROM _sqlx_migrations").await;
    exec(
        &app.db,
        &format!("UPDATE _sqlx_migrations SET success = FALSE WHERE version = {latest}"),
    )
    .await;
    let (status, body) = get(addr, "/readyz").await.unwrap();
    assert_eq!(status, 503);
    assert!(
        body.contains("Pending") && body.contains(&latest.to_string()),
        "{body}"
    );
    exec(
        &app.db,
        &format!("UPDATE _sqlx_migrations SET success = TRUE WHERE version = {latest}"),
    )
    .await;
    assert_eq!(get(addr, "/readyz").await.unwrap().0, 200);

    if app.testdb.backend() == Backend::Postgres {
        app.testdb.set_down(true).await;
        let (status, body) = get(addr, "/readyz").await.unwrap();
        assert_eq!((status, body.as_str()), (503, "not ready: database\n"));
        assert_eq!(get(addr, "/healthz").await.unwrap().0, 200, "still alive");
        let m = scrape(addr).await;
        assert_eq!(value(&m, "consult_database_up", &[]), 0.0);
        assert!(
            !m.keys().any(|(n, _)| n == "consult_opinions_stored"),
            "no made-up gauges while the database is down"
        );
        app.testdb.set_down(false).await;
        eventually("ready again", || async {
            (get(addr, "/readyz").await.ok()?.0 == 200).then_some(())
        })
        .await;
    }
    app.finish().await;
}

async fn sqlx_scalar(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

async fn exec(db: &Db, sql: &str) {
    match db {
        Db::Sqlite(p) => drop(sqlx::query(sql).execute(p).await.unwrap()),
        Db::Postgres(p) => drop(sqlx::query(sql).execute(p).await.unwrap()),
    }
}

#[test]
fn the_parser_rejects_what_prometheus_would() {
    let ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"q\\\"\"} 1\n";
    assert_eq!(parse_prometheus(ok).len(), 1);
    for bad in [
        "a_total 1\n",                               // no TYPE
        "# HELP a A.\n# TYPE a gauge\na 1\na 2\n",   // repeated
        "# HELP a A.\n# TYPE a gauge\na{x=\"1} 1\n", // unterminated
        "# HELP a A.\n# TYPE a counter\na 1\n",      // counter without _total
        "# HELP a A.\n# TYPE a gauge\na one\n",      // not a number
        "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
    ] {
        assert!(
            std::panic::catch_unwind(|| parse_prometheus(bad)).is_err(),
            "{bad:?}"
        );
    }
}
