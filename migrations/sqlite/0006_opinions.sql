-- The ledger (工作台账): every opinion, on which version and article, with what the
-- submitter chose to share and consented to, and where it came from.
ALTER TABLE consultations ADD COLUMN opinion_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE opinions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt          TEXT    NOT NULL UNIQUE,
    submission_key   TEXT    NOT NULL UNIQUE,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id),
    version          INTEGER NOT NULL,
    article_number   INTEGER,
    article_label    TEXT,
    stance           TEXT    NOT NULL CHECK (stance IN ('support', 'oppose', 'amend', 'add', 'other')),
    body             TEXT    NOT NULL,
    proposed_wording TEXT,
    identity         TEXT    NOT NULL CHECK (identity IN ('anonymous', 'named', 'organization')),
    submitter_id     BIGINT,
    submitter_name   TEXT,
    organization     TEXT,
    occupation       TEXT,
    district         TEXT,
    consent_at       TEXT,
    consent_details  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_quote    BOOLEAN NOT NULL DEFAULT FALSE,
    channel          TEXT    NOT NULL,
    source_chat      BIGINT,
    point_id         INTEGER REFERENCES contact_points (id),
    recorded_by      BIGINT,
    status           TEXT    NOT NULL DEFAULT 'received',
    created_at       TEXT    NOT NULL,
    edited_at        TEXT,
    withdrawn_at     TEXT
);
CREATE INDEX opinions_consultation ON opinions (consultation_id, status);
CREATE INDEX opinions_submitter ON opinions (submitter_id, created_at);
