-- A PRIMARY KEY on SQLite does not imply NOT NULL unless the column is an INTEGER
-- PRIMARY KEY (the rowid): a BIGINT or TEXT key accepts NULL, where PostgreSQL refuses
-- it. The schema parity test (tests/e2e/schema.rs) found these seven keys nullable on
-- SQLite only. SQLite cannot add NOT NULL to a column, so each table is rebuilt the
-- same but for NOT NULL on its key, and its indexes made again. No table references
-- these, so no foreign key is disturbed.
--
-- The copy is `SELECT *` on purpose: should another migration have added a column to
-- one of these tables, this one fails loudly instead of dropping that column. A row
-- with a NULL key cannot be reached by the program (every look-up is by key) and is
-- not copied.

CREATE TABLE people_new (
    telegram_id  BIGINT  NOT NULL PRIMARY KEY,
    locale       TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    consented_at TEXT
);
INSERT INTO people_new SELECT * FROM people WHERE telegram_id IS NOT NULL;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;

CREATE TABLE roles_new (
    telegram_id BIGINT  NOT NULL PRIMARY KEY,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'liaison', 'informant')),
    point_id    INTEGER REFERENCES contact_points (id),
    granted_by  BIGINT,
    granted_at  TEXT    NOT NULL,
    CHECK ((role = 'admin') = (point_id IS NULL))
);
INSERT INTO roles_new SELECT * FROM roles WHERE telegram_id IS NOT NULL;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;

CREATE TABLE groups_new (
    chat_id       BIGINT  NOT NULL PRIMARY KEY,
    title         TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('group', 'supergroup')),
    active        BOOLEAN NOT NULL,
    point_id      INTEGER REFERENCES contact_points (id),
    linked_by     BIGINT,
    linked_at     TEXT,
    added_at      TEXT    NOT NULL,
    migrated_from BIGINT  UNIQUE,
    updated_at    TEXT    NOT NULL,
    can_pin       BOOLEAN
);
INSERT INTO groups_new SELECT * FROM groups WHERE chat_id IS NOT NULL;
DROP TABLE groups;
ALTER TABLE groups_new RENAME TO groups;
CREATE INDEX groups_point ON groups (point_id);

CREATE TABLE dialogues_new (
    chat_id        BIGINT NOT NULL PRIMARY KEY,
    kind           TEXT   NOT NULL,
    state          TEXT   NOT NULL,
    last_update_id BIGINT,
    updated_at     TEXT   NOT NULL
);
INSERT INTO dialogues_new SELECT * FROM dialogues WHERE chat_id IS NOT NULL;
DROP TABLE dialogues;
ALTER TABLE dialogues_new RENAME TO dialogues;
CREATE INDEX dialogues_updated ON dialogues (updated_at);

CREATE TABLE settings_new (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings_new SELECT * FROM settings WHERE name IS NOT NULL;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

CREATE TABLE held_asks_new (
    holder_hash TEXT NOT NULL PRIMARY KEY,
    token       TEXT NOT NULL UNIQUE,
    asked_at    TEXT NOT NULL
);
INSERT INTO held_asks_new SELECT * FROM held_asks WHERE holder_hash IS NOT NULL;
DROP TABLE held_asks;
ALTER TABLE held_asks_new RENAME TO held_asks;

CREATE TABLE liaison_digests_new (
    telegram_id   BIGINT  NOT NULL PRIMARY KEY,
    covered_until TEXT    NOT NULL,
    last_sent_at  TEXT
);
INSERT INTO liaison_digests_new SELECT * FROM liaison_digests WHERE telegram_id IS NOT NULL;
DROP TABLE liaison_digests;
ALTER TABLE liaison_digests_new RENAME TO liaison_digests;
