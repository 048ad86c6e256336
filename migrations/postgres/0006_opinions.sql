-- The ledger (工作台账): every opinion, on which version and article, with what the
-- submitter chose to share and consented to, and where it came from.
ALTER TABLE consultations ADD COLUMN opinion_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE opinions (
    id               BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    receipt          TEXT        NOT NULL UNIQUE,
    submission_key   TEXT        NOT NULL UNIQUE,
    consultation_id  BIGINT      NOT NULL REFERENCES consultations (id),
    version          INTEGER     NOT NULL,
    article_number   INTEGER,
    article_label    TEXT,
    stance           TEXT        NOT NULL CHECK (stance IN ('support', 'oppose', 'amend', 'add', 'other')),
    body             TEXT        NOT NULL,
    proposed_wording TEXT,
    identity         TEXT        NOT NULL CHECK (identity IN ('anonymous', 'named', 'organization')),
    submitter_id     BIGINT,
    submitter_name   TEXT,
    organization     TEXT,
    occupation       TEXT,
    district         TEXT,
    consent_at       TIMESTAMPTZ,
    consent_details  BOOLEAN     NOT NULL DEFAULT FALSE,
    consent_quote    BOOLEAN     NOT NULL DEFAULT FALSE,
    channel          TEXT        NOT NULL,
    source_chat      BIGINT,
    point_id         BIGINT      REFERENCES contact_points (id),
    recorded_by      BIGINT,
    status           TEXT        NOT NULL DEFAULT 'received',
    created_at       TIMESTAMPTZ NOT NULL,
    edited_at        TIMESTAMPTZ,
    withdrawn_at     TIMESTAMPTZ
);
CREATE INDEX opinions_consultation ON opinions (consultation_id, status);
CREATE INDEX opinions_submitter ON opinions (submitter_id, created_at);
