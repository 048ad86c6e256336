-- Attachments and district on opinions, the history of edits and withdrawals (the
-- ledger keeps every version), and when a consultation was concluded (personal
-- details are erased a retention time after that).
ALTER TABLE opinions ADD COLUMN attachments JSONB NOT NULL DEFAULT '[]';
ALTER TABLE opinions ADD COLUMN details_erased_at TIMESTAMPTZ;
ALTER TABLE consultations ADD COLUMN concluded_at TIMESTAMPTZ;

CREATE TABLE opinion_history (
    id               BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    opinion_id       BIGINT      NOT NULL REFERENCES opinions (id),
    change           TEXT        NOT NULL CHECK (change IN ('edit', 'withdraw')),
    stance           TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    proposed_wording TEXT,
    changed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX opinion_history_opinion ON opinion_history (opinion_id);
