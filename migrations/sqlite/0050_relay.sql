-- 社情民意: residents report local problems, the contact point relays them to the
-- department responsible (转办), and the resident hears the outcome (反馈).

-- The categories a report is filed under. The six defaults are named in locales/
-- (`relay-category-<code>`); categories an admin adds carry their own names.
CREATE TABLE relay_categories (
    code     TEXT    NOT NULL PRIMARY KEY,
    name_zh  TEXT,
    name_en  TEXT,
    position INTEGER NOT NULL,
    active   BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO relay_categories (code, position) VALUES
    ('governance', 1), ('security', 2), ('environment', 3),
    ('traffic', 4), ('enforcement', 5), ('other', 6);

-- The departments (承办部门) reports are forwarded to, kept by the admins: who to
-- talk to there, and which categories they handle (codes, comma-separated). The
-- committee itself is one, marked, for reports on how a law is enforced (执法检查).
CREATE TABLE relay_departments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    contact    TEXT,
    categories TEXT    NOT NULL DEFAULT '',
    committee  BOOLEAN NOT NULL DEFAULT FALSE,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT    NOT NULL
);

-- The counter behind receipts S-0001, S-0002 …: one row, bumped in the transaction
-- that stores a report, so two replicas never hand out the same number.
CREATE TABLE relay_seq (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);
INSERT INTO relay_seq (id, last) VALUES (1, 0);

CREATE TABLE relay_reports (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt          TEXT    NOT NULL UNIQUE,
    submission_key   TEXT    NOT NULL UNIQUE,
    category         TEXT    NOT NULL REFERENCES relay_categories (code),
    body             TEXT    NOT NULL,
    place            TEXT    NOT NULL,
    latitude         REAL,
    longitude        REAL,
    attachments      TEXT    NOT NULL DEFAULT '[]',
    identity         TEXT    NOT NULL,
    reporter_id      BIGINT,
    reporter_name    TEXT,
    consent_details  BOOLEAN NOT NULL,
    consent_at       TEXT,
    locale           TEXT,
    channel          TEXT    NOT NULL,
    point_id         INTEGER REFERENCES contact_points (id),
    status           TEXT    NOT NULL,
    merged_into      INTEGER REFERENCES relay_reports (id),
    department_id    INTEGER REFERENCES relay_departments (id),
    close_reason     TEXT,
    outcome          TEXT,
    answer           TEXT,
    answered_via     TEXT,
    forwarded_at     TEXT,
    answered_at      TEXT,
    reminded_at      TEXT,
    escalated_at     TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX relay_reports_status ON relay_reports (status, point_id);
CREATE INDEX relay_reports_reporter ON relay_reports (reporter_id);

-- Reports given on the web: the status link's SHA-256 and keyed hashes of browser
-- and address (for the hourly limits), as for web opinions.
CREATE TABLE relay_web (
    report_id    INTEGER PRIMARY KEY REFERENCES relay_reports (id),
    token_hash   TEXT    NOT NULL UNIQUE,
    browser_hash TEXT    NOT NULL,
    address_hash TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX relay_web_browser ON relay_web (browser_hash, created_at);
CREATE INDEX relay_web_address ON relay_web (address_hash, created_at);

-- The department's one-time links: only the SHA-256 of the 128-bit secret, expiring,
-- spent when the department answers.
CREATE TABLE relay_links (
    code_hash     TEXT    NOT NULL PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES relay_reports (id),
    department_id INTEGER NOT NULL REFERENCES relay_departments (id),
    created_at    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL,
    used_at       TEXT
);
CREATE INDEX relay_links_report ON relay_links (report_id);

-- Every step of a report (received, merged, re-categorised, forwarded, answered,
-- closed, reminded, escalated), for its history and the resident's status page.
CREATE TABLE relay_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES relay_reports (id),
    at        TEXT    NOT NULL,
    actor     BIGINT,
    kind      TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX relay_events_report ON relay_events (report_id, id);
