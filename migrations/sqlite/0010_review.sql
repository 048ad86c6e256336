-- The liaison's review of the ledger: who reviewed an opinion and when, which opinion
-- it duplicates, why it is invalid, and the reviewers' notes.
ALTER TABLE opinions ADD COLUMN reviewed_by BIGINT;
ALTER TABLE opinions ADD COLUMN reviewed_at TEXT;
ALTER TABLE opinions ADD COLUMN duplicate_of INTEGER REFERENCES opinions (id);
ALTER TABLE opinions ADD COLUMN invalid_reason TEXT;

CREATE TABLE opinion_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    opinion_id INTEGER NOT NULL REFERENCES opinions (id),
    author     BIGINT,
    note       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX opinion_notes_opinion ON opinion_notes (opinion_id);
