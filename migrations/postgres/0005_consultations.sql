-- Consultations on draft regulations, their versions (the parsed draft as JSON), their
-- scope, the scheduled events already done, and private-chat dialogue state.
CREATE TABLE consultations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       TEXT NOT NULL,
    summary     TEXT,
    source_url  TEXT,
    occupations JSONB   NOT NULL DEFAULT '[]',
    state       TEXT    NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'concluded', 'withdrawn')),
    scope_all   BOOLEAN NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    closes_at   TIMESTAMPTZ NOT NULL,
    opened_at   TIMESTAMPTZ,
    closed_at   TIMESTAMPTZ,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL
);
CREATE INDEX consultations_state ON consultations (state, closes_at);

CREATE TABLE consultation_points (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    point_id        BIGINT NOT NULL REFERENCES contact_points (id),
    PRIMARY KEY (consultation_id, point_id)
);

CREATE TABLE consultation_versions (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    version         INTEGER NOT NULL,
    draft           JSONB NOT NULL,
    source_name     TEXT NOT NULL,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consultation_id, version)
);

-- Reminders and the closing, each done once per consultation (and deadline).
CREATE TABLE consultation_events (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    kind            TEXT NOT NULL,
    done_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consultation_id, kind)
);

CREATE TABLE dialogues (
    chat_id        BIGINT PRIMARY KEY,
    kind           TEXT   NOT NULL,
    state          JSONB  NOT NULL,
    last_update_id BIGINT,
    updated_at     TIMESTAMPTZ   NOT NULL
);
