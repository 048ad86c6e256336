-- Staff accounts for the web console (liaisons and committee staff without
-- Telegram). Roles stay in `roles`, keyed by a person id: a Telegram user id, or for
-- a web-only account its row id negated (-1, -2 …), which no Telegram user has.
CREATE TABLE staff_accounts (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The login name lower-cased (what logins compare), and as it was given.
    login           TEXT        NOT NULL UNIQUE,
    name            TEXT        NOT NULL,
    -- The same person in chat, when they use Telegram too.
    telegram_id     BIGINT      UNIQUE,
    -- '$pbkdf2-sha256$i=…$salt$hash'; NULL until set from the one-time link.
    password_hash   TEXT,
    password_set_at TIMESTAMPTZ,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ NOT NULL
);

-- One-time links: set a password, or log in (from /web in Telegram). Only the
-- SHA-256 of the secret is kept; single use; expiring.
CREATE TABLE staff_links (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash   TEXT        NOT NULL UNIQUE,
    purpose     TEXT        NOT NULL CHECK (purpose IN ('password', 'login')),
    person_id   BIGINT      NOT NULL,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX staff_links_person ON staff_links (person_id, purpose);

-- Sessions, shared by every replica. The browser holds the id; this table only its
-- SHA-256.
CREATE TABLE staff_sessions (
    id_hash      TEXT        PRIMARY KEY,
    person_id    BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_sessions_person ON staff_sessions (person_id);

-- Failed logins in the throttling window, by keyed hashes of the login name and of
-- the address (neither is stored in clear).
CREATE TABLE staff_login_failures (
    id    BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind  TEXT        NOT NULL CHECK (kind IN ('account', 'address')),
    key   TEXT        NOT NULL,
    at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_login_failures_key ON staff_login_failures (kind, key, at);
