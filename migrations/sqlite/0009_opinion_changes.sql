-- Attachments and district on opinions, the history of edits and withdrawals (the
-- ledger keeps every version), and when a consultation was concluded (personal
-- details are erased a retention time after that).
ALTER TABLE opinions ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE opinions ADD COLUMN details_erased_at TEXT;
ALTER TABLE consultations ADD COLUMN concluded_at TEXT;

CREATE TABLE opinion_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    opinion_id       INTEGER NOT NULL REFERENCES opinions (id),
    change           TEXT    NOT NULL CHECK (change IN ('edit', 'withdraw')),
    stance           TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    proposed_wording TEXT,
    changed_at       TEXT    NOT NULL
);
CREATE INDEX opinion_history_opinion ON opinion_history (opinion_id);
