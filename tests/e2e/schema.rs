//! The two schema histories (`migrations/sqlite` and `migrations/postgres`) end in the
//! same schema: the same tables, the same columns with the same NOT NULL, and the same
//! named indexes. Each history is applied to a fresh database and the catalogue read
//! back, so a migration added to one side only fails here rather than on the first
//! deployment that uses the other backend.
//!
//! What differs by design is listed in [`SQLITE_ONLY_TABLES`], [`POSTGRES_ONLY_COLUMNS`]
//! and [`POSTGRES_ONLY_INDEXES`]: full-text search is an FTS5 table on SQLite and a
//! `tsvector` column with a GIN index on PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};

use consult_domain::Db;

use crate::support::db::{TestDb, postgres_url};

/// Tables, each with its columns (name → NOT NULL), and the names of indexes created
/// by a migration (not those a primary key or UNIQUE constraint makes by itself, whose
/// names each backend picks).
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    tables: BTreeMap<String, BTreeMap<String, bool>>,
    indexes: BTreeSet<String>,
}

/// SQLite's full-text search of the FAQ: the FTS5 table, the shadow tables SQLite
/// makes for it, and its vocabulary (fts5vocab) table.
const SQLITE_ONLY_TABLES: &[&str] = &[
    "faq_fts",
    "faq_fts_config",
    "faq_fts_content",
    "faq_fts_data",
    "faq_fts_docsize",
    "faq_fts_idx",
    "faq_vocab",
];
/// PostgreSQL's counterpart: a generated `tsvector` column of the FAQ itself…
const POSTGRES_ONLY_COLUMNS: &[(&str, &str)] = &[("faq_entries", "search")];
/// …and the GIN index over it.
const POSTGRES_ONLY_INDEXES: &[&str] = &["faq_entries_search"];

async fn read(db: &Db) -> Schema {
    match db {
        Db::Sqlite(pool) => {
            let mut schema = Schema::default();
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await
            .expect("read sqlite_master");
            for table in tables {
                // (name, type, notnull, pk): an INTEGER PRIMARY KEY is the rowid and
                // can never be NULL, whatever `notnull` says.
                let columns: Vec<(String, String, bool, i64)> =
                    sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(pool)
                        .await
                        .expect("read pragma table_info");
                let single_pk = columns.iter().filter(|c| c.3 > 0).count() == 1;
                let columns = columns
                    .into_iter()
                    .map(|(name, ty, notnull, pk)| {
                        let rowid = single_pk && pk > 0 && ty.eq_ignore_ascii_case("INTEGER");
                        (name, notnull || rowid)
                    })
                    .collect();
                schema.tables.insert(table, columns);
            }
            schema.indexes = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'index'
                 AND name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'",
            )
            .fetch_all(pool)
            .await
            .expect("read the indexes")
            .into_iter()
            .collect();
            schema
        }
        Db::Postgres(pool) => {
            let mut schema = Schema::default();
            let columns: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, is_nullable::text
                 FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await
            .expect("read information_schema.columns");
            for (table, column, nullable) in columns {
                schema
                    .tables
                    .entry(table)
                    .or_default()
                    .insert(column, nullable == "NO");
            }
            schema.indexes = sqlx::query_scalar(
                "SELECT i.relname::text FROM pg_index x
                 JOIN pg_class i ON i.oid = x.indexrelid
                 JOIN pg_namespace n ON n.oid = i.relnamespace
                 WHERE n.nspname = current_schema()
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                   WHERE c.conindid = i.oid AND c.contype IN ('p', 'u', 'x'))",
            )
            .fetch_all(pool)
            .await
            .expect("read the indexes")
            .into_iter()
            .collect();
            schema
        }
    }
}

/// What one schema has that the other has not, one line each, for the failure message.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeSet<&String> = sqlite.tables.keys().chain(postgres.tables.keys()).collect();
    for table in tables {
        match (sqlite.tables.get(table), postgres.tables.get(table)) {
            (Some(_), None) => out.push(format!("table {table}: only on SQLite")),
            (None, Some(_)) => out.push(format!("table {table}: only on PostgreSQL")),
            (Some(s), Some(p)) => {
                let columns: BTreeSet<&String> = s.keys().chain(p.keys()).collect();
                for column in columns {
                    match (s.get(column), p.get(column)) {
                        (Some(_), None) => {
                            out.push(format!("column {table}.{column}: only on SQLite"))
                        }
                        (None, Some(_)) => {
                            out.push(format!("column {table}.{column}: only on PostgreSQL"))
                        }
                        (Some(true), Some(false)) => {
                            out.push(format!("column {table}.{column}: NOT NULL on SQLite only"))
                        }
                        // The usual cause: on SQLite only an INTEGER PRIMARY KEY is
                        // NOT NULL by itself.
                        (Some(false), Some(true)) => out.push(format!(
                            "column {table}.{column}: NOT NULL on PostgreSQL only \
                             (a key on SQLite needs NOT NULL spelled out)"
                        )),
                        _ => {}
                    }
                }
            }
            (None, None) => {}
        }
    }
    for index in sqlite.indexes.symmetric_difference(&postgres.indexes) {
        let side = if sqlite.indexes.contains(index) {
            "SQLite"
        } else {
            "PostgreSQL"
        };
        out.push(format!("index {index}: only on {side}"));
    }
    out
}

/// Removes what differs by design, after checking it is there (so a stale entry in the
/// lists fails too).
fn without_known(mut sqlite: Schema, mut postgres: Schema) -> (Schema, Schema) {
    for table in SQLITE_ONLY_TABLES {
        assert!(
            sqlite.tables.remove(*table).is_some(),
            "SQLite has no table {table} any more: update SQLITE_ONLY_TABLES"
        );
    }
    for (table, column) in POSTGRES_ONLY_COLUMNS {
        let removed = postgres
            .tables
            .get_mut(*table)
            .and_then(|t| t.remove(*column));
        assert!(
            removed.is_some(),
            "PostgreSQL has no column {table}.{column} any more: update POSTGRES_ONLY_COLUMNS"
        );
    }
    for index in POSTGRES_ONLY_INDEXES {
        assert!(
            postgres.indexes.remove(*index),
            "PostgreSQL has no index {index} any more: update POSTGRES_ONLY_INDEXES"
        );
    }
    (sqlite, postgres)
}

#[tokio::test]
async fn both_migration_histories_end_in_the_same_tables_columns_and_indexes() {
    let sqlite = TestDb::sqlite().await;
    let sqlite_schema = read(&sqlite.db).await;
    assert!(
        sqlite_schema.tables.contains_key("opinions") && sqlite_schema.tables.len() > 10,
        "the SQLite catalogue reads: {:?}",
        sqlite_schema.tables.keys()
    );
    let Some(admin) = postgres_url() else {
        eprintln!(
            "schema parity: TEST_POSTGRES_URL is not set, so only the SQLite schema was \
             read; set it to compare it with PostgreSQL's"
        );
        return;
    };
    let postgres = TestDb::postgres(&admin).await;
    let postgres_schema = read(&postgres.db).await;
    let (s, p) = without_known(sqlite_schema, postgres_schema);
    let found = differences(&s, &p);
    assert!(
        found.is_empty(),
        "the migration histories drifted apart; add a migration on the side that lags:\n{}",
        found.join("\n")
    );
}
