-- Open calls (立法项目征集, 年度立法计划项目建议征集): a consultation with a theme and a
-- deadline but no articles, on which residents suggest legislative projects. A
-- suggestion is an opinion of the ledger (receipt, identity, consent, review, feedback
-- and the status link are the opinion's), its body the problem it should solve; what
-- only a suggestion has is kept beside it in `suggestions`.
ALTER TABLE consultations ADD COLUMN kind TEXT NOT NULL DEFAULT 'regulation'
    CHECK (kind IN ('regulation', 'open_call'));

CREATE TABLE suggestions (
    opinion_id    INTEGER PRIMARY KEY REFERENCES opinions (id),
    title         TEXT    NOT NULL,
    contents      TEXT    NOT NULL,
    related_rules TEXT
);

-- A suggestion's decision: 列入立法计划 / 列入调研项目 / 暂不采纳. SQLite cannot change a
-- CHECK constraint in place, so the table is built again with the wider one.
CREATE TABLE decisions_0110 (
    opinion_id INTEGER PRIMARY KEY REFERENCES opinions (id),
    outcome    TEXT    NOT NULL CHECK (outcome IN ('adopted', 'partly', 'not_adopted', 'out_of_scope',
                                                   'planned', 'research', 'deferred')),
    reason     TEXT    NOT NULL,
    summary    TEXT,
    revision   INTEGER NOT NULL DEFAULT 1,
    decided_by BIGINT,
    decided_at TEXT    NOT NULL
);
INSERT INTO decisions_0110 (opinion_id, outcome, reason, summary, revision, decided_by, decided_at)
    SELECT opinion_id, outcome, reason, summary, revision, decided_by, decided_at FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_0110 RENAME TO decisions;
CREATE INDEX decisions_outcome ON decisions (outcome);
