-- Foundation: contact points, people, roles, one-time invites and the audit log.

CREATE TABLE contact_points (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    district    TEXT,
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL
);

-- A person is known only by their Telegram id and chosen language until they consent
-- to more (opinions, in a later migration).
CREATE TABLE people (
    telegram_id BIGINT      PRIMARY KEY,
    locale      TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- One role per person; liaisons and informants are bound to one contact point.
CREATE TABLE roles (
    telegram_id BIGINT      PRIMARY KEY,
    role        TEXT        NOT NULL CHECK (role IN ('admin', 'liaison', 'informant')),
    point_id    BIGINT      REFERENCES contact_points (id),
    granted_by  BIGINT,
    granted_at  TIMESTAMPTZ NOT NULL,
    CHECK ((role = 'admin') = (point_id IS NULL))
);

CREATE TABLE invites (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash   TEXT        NOT NULL UNIQUE,
    role        TEXT        NOT NULL CHECK (role IN ('admin', 'liaison', 'informant')),
    point_id    BIGINT      REFERENCES contact_points (id),
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    redeemed_by BIGINT,
    redeemed_at TIMESTAMPTZ,
    CHECK ((role = 'admin') = (point_id IS NULL))
);

CREATE TABLE audit_log (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       BIGINT,
    action      TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    detail      JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
