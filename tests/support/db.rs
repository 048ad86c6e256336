//! A fresh database per test: an SQLite file in a temporary directory, or — when
//! `TEST_POSTGRES_URL` is set — a PostgreSQL database cloned from a migrated template,
//! so tests run in parallel and each starts empty. The per-test database is dropped
//! when the test ends, even when it fails. The template (named after a hash of the
//! migrations) is kept as a cache and rebuilt when the migrations change.

use std::sync::atomic::{AtomicU64, Ordering};

use consult_domain::{Backend, Db};
use sqlx::{Connection, PgConnection};
use url::Url;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(Url, String)>,
}

/// The PostgreSQL server to test against, if any; read at run time so switching
/// backends needs no rebuild.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Serialises template creation and cloning across test threads and processes.
const LOCK_KEY: i64 = 0x0063_6f6e_7375_6c74;

impl TestDb {
    pub async fn new() -> TestDb {
        match postgres_url() {
            Some(admin) => Self::postgres(&admin).await,
            None => Self::sqlite().await,
        }
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// Makes the PostgreSQL test database unreachable (`down`: refuses connections and
    /// ends the open ones) or reachable again. No-op on SQLite, which has no server.
    pub async fn set_down(&self, down: bool) {
        let Some((admin, name)) = &self.postgres else {
            return;
        };
        let mut conn = PgConnection::connect(admin.as_str())
            .await
            .expect("admin connection");
        sqlx::query(&format!(
            r#"ALTER DATABASE "{name}" ALLOW_CONNECTIONS {}"#,
            !down
        ))
        .execute(&mut conn)
        .await
        .expect("allow or refuse connections");
        let _ = conn.close().await;
        if down {
            self.cut_connections().await;
        }
    }

    /// Ends every open connection to the test database from the server's side, as a
    /// PostgreSQL restart would; new connections are still accepted. No-op on SQLite.
    pub async fn cut_connections(&self) {
        let Some((admin, name)) = &self.postgres else {
            return;
        };
        let mut conn = PgConnection::connect(admin.as_str())
            .await
            .expect("admin connection");
        sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
            .bind(name)
            .execute(&mut conn)
            .await
            .expect("end the open connections");
        let _ = conn.close().await;
    }

    /// A fresh SQLite database, whatever `TEST_POSTGRES_URL` says.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite:{}", dir.path().join("test.db").display());
        let db = Db::connect(&url).await.expect("open SQLite");
        db.migrate().await.expect("migrate SQLite");
        TestDb {
            db,
            url,
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A fresh database on the PostgreSQL server at `admin`.
    pub async fn postgres(admin: &str) -> TestDb {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let admin = Url::parse(admin).expect("TEST_POSTGRES_URL is a URL");
        let name = format!(
            "consult_test_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = PgConnection::connect(admin.as_str())
            .await
            .expect("connect to TEST_POSTGRES_URL");
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(LOCK_KEY)
            .execute(&mut conn)
            .await
            .expect("advisory lock");
        let template = ensure_template(&mut conn, &admin).await;
        sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
            .execute(&mut conn)
            .await
            .expect("drop a leftover test database");
        sqlx::query(&format!(
            r#"CREATE DATABASE "{name}" TEMPLATE "{template}""#
        ))
        .execute(&mut conn)
        .await
        .expect("clone the template");
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(LOCK_KEY)
            .execute(&mut conn)
            .await
            .expect("advisory unlock");
        let _ = conn.close().await;
        let url = with_database(&admin, &name);
        let db = Db::connect(&url)
            .await
            .expect("connect to the test database");
        TestDb {
            db,
            url,
            _dir: None,
            postgres: Some((admin, name)),
        }
    }
}

/// Creates the migrated template if this set of migrations has none yet. Called with
/// the advisory lock held.
async fn ensure_template(conn: &mut PgConnection, admin: &Url) -> String {
    let template = format!("consult_template_{:016x}", migrations_hash());
    let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&template)
        .fetch_optional(&mut *conn)
        .await
        .expect("look for the template");
    if exists.is_some() {
        return template;
    }
    // Built under another name and renamed, so a crash never leaves a half-migrated template.
    let building = format!("{template}_building");
    sqlx::query(&format!(
        r#"DROP DATABASE IF EXISTS "{building}" WITH (FORCE)"#
    ))
    .execute(&mut *conn)
    .await
    .expect("drop a half-built template");
    sqlx::query(&format!(r#"CREATE DATABASE "{building}""#))
        .execute(&mut *conn)
        .await
        .expect("create the template");
    let db = Db::connect(&with_database(admin, &building))
        .await
        .expect("connect to the template");
    db.migrate().await.expect("migrate the template");
    db.close().await;
    // A closed pool's sessions may linger on the server for a moment: end them, and
    // retry the rename a few times.
    for attempt in 0.. {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(&building)
        .execute(&mut *conn)
        .await
        .expect("end sessions on the template");
        let renamed = sqlx::query(&format!(
            r#"ALTER DATABASE "{building}" RENAME TO "{template}""#
        ))
        .execute(&mut *conn)
        .await;
        match renamed {
            Ok(_) => break,
            Err(e) if attempt < 50 => {
                pause_before_retry(e).await;
            }
            Err(e) => panic!("rename the template: {e}"),
        }
    }
    template
}

/// A short pause before retrying a statement PostgreSQL refused for a moment.
async fn pause_before_retry(_refused: sqlx::Error) {
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
}

/// Changes whenever a PostgreSQL migration is added or changed.
fn migrations_hash() -> u64 {
    use std::hash::{Hash, Hasher};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("migrations/postgres")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for f in files {
        f.file_name().hash(&mut hasher);
        std::fs::read(&f)
            .expect("read a migration")
            .hash(&mut hasher);
    }
    hasher.finish()
}

fn with_database(admin: &Url, name: &str) -> String {
    let mut url = admin.clone();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, name)) = self.postgres.take() else {
            return;
        };
        // Drop may run inside the test's runtime (possibly while unwinding): use a
        // thread with its own runtime. The test's pool is not closed here — its
        // connections belong to the blocked runtime — FORCE ends them instead.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(mut conn) = PgConnection::connect(admin.as_str()).await {
                    let _ =
                        sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
                            .execute(&mut conn)
                            .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}
