-- Foundation: contact points, people, roles, one-time invites and the audit log.
-- Times are UTC, written by the application's clock as RFC 3339 text.

CREATE TABLE contact_points (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    district    TEXT,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TEXT    NOT NULL
);

-- A person is known only by their Telegram id and chosen language until they consent
-- to more (opinions, in a later migration).
CREATE TABLE people (
    telegram_id BIGINT  PRIMARY KEY,
    locale      TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- One role per person; liaisons and informants are bound to one contact point.
CREATE TABLE roles (
    telegram_id BIGINT  PRIMARY KEY,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'liaison', 'informant')),
    point_id    INTEGER REFERENCES contact_points (id),
    granted_by  BIGINT,
    granted_at  TEXT    NOT NULL,
    CHECK ((role = 'admin') = (point_id IS NULL))
);

CREATE TABLE invites (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash   TEXT    NOT NULL UNIQUE,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'liaison', 'informant')),
    point_id    INTEGER REFERENCES contact_points (id),
    created_by  BIGINT,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    redeemed_by BIGINT,
    redeemed_at TEXT,
    CHECK ((role = 'admin') = (point_id IS NULL))
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,
    actor       BIGINT,
    action      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
