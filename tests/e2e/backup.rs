//! `consult-bot backup --to FILE`, run as the real binary: an online copy of the SQLite
//! database, taken while the bot runs, that opens as a database holding the same data;
//! never over an existing file; refused on PostgreSQL with the pg_dump advice.

use std::process::Output;

use consult_domain::{Backend, Db};

use crate::support::{
    app::{TestApp, binary},
    db::TestDb,
    telegram::{ChatRef, FakeTelegram},
};

fn backup(database_url: &str, locale: &str, to: &std::path::Path) -> Output {
    binary()
        .args(["--database-url", database_url, "--locale", locale, "backup"])
        .arg("--to")
        .arg(to)
        .output()
        .expect("the binary runs")
}

fn one_line_failure(o: &Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "should fail: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// What an operator would compare: contact points, roles and handled updates.
async fn snapshot(db: &Db) -> (Vec<(String, String)>, Vec<(i64, String)>, i64) {
    let points = db
        .points()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.code.to_string(), p.name))
        .collect();
    let roles = db
        .roles()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.telegram_id, r.role.as_str().to_owned()))
        .collect();
    (points, roles, db.inbox().counts().await.unwrap().handled)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_bot_runs_holds_the_same_data() {
    let testdb = TestDb::new().await;
    if testdb.backend() == Backend::Postgres {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join("consult.backup");
        let err = one_line_failure(&backup(&testdb.url, "zh-CN", &to));
        assert!(err.contains("pg_dump"), "{err}");
        assert!(!to.exists(), "nothing written");
        let err = one_line_failure(&backup(&testdb.url, "en", &to));
        assert!(err.contains("Back up PostgreSQL with pg_dump"), "{err}");
        return;
    }
    let app = TestApp::spawn_with(FakeTelegram::start().await, testdb).await;
    app.point("hongqiao", "虹桥街道联系点").await;
    app.grant(123_456_789, "liaison", Some("hongqiao")).await;
    let a = app.tg.person("Alice");
    app.tg.send_text(&a, ChatRef::Private, "/start");
    app.tg.wait_sent(a.id, 1).await;
    app.settle().await;

    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("consult-2026-11-24.db");
    let out = backup(&app.testdb.url, "zh-CN", &to);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("已备份到") && said.contains("完整性检查"),
        "{said}"
    );

    let copy = Db::connect(&format!("sqlite:{}", to.display()))
        .await
        .expect("the backup opens as a database");
    let original = snapshot(&app.db).await;
    assert_eq!(original.0.len(), 1);
    assert_eq!(original.2, 1, "the /start update");
    assert_eq!(snapshot(&copy).await, original);
    copy.close().await;

    // A second backup to the same name is refused and leaves the first intact.
    let size = std::fs::metadata(&to).unwrap().len();
    let err = one_line_failure(&backup(&app.testdb.url, "zh-CN", &to));
    assert!(err.contains("已经存在"), "{err}");
    assert_eq!(std::fs::metadata(&to).unwrap().len(), size);

    // A database file that does not exist is reported, not created empty and copied.
    let missing = dir.path().join("missing.db");
    let other = dir.path().join("other.db");
    let err = one_line_failure(&backup(
        &format!("sqlite:{}", missing.display()),
        "en",
        &other,
    ));
    assert!(
        err.contains("Cannot open the database") || err.contains("database"),
        "{err}"
    );
    assert!(!missing.exists() && !other.exists());
    app.finish().await;
}
