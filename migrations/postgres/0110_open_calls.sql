-- Open calls (立法项目征集, 年度立法计划项目建议征集): a consultation with a theme and a
-- deadline but no articles, on which residents suggest legislative projects. A
-- suggestion is an opinion of the ledger (receipt, identity, consent, review, feedback
-- and the status link are the opinion's), its body the problem it should solve; what
-- only a suggestion has is kept beside it in `suggestions`.
ALTER TABLE consultations ADD COLUMN kind TEXT NOT NULL DEFAULT 'regulation'
    CHECK (kind IN ('regulation', 'open_call'));

CREATE TABLE suggestions (
    opinion_id    BIGINT PRIMARY KEY REFERENCES opinions (id),
    title         TEXT   NOT NULL,
    contents      TEXT   NOT NULL,
    related_rules TEXT
);

-- A suggestion's decision: 列入立法计划 / 列入调研项目 / 暂不采纳.
ALTER TABLE decisions DROP CONSTRAINT decisions_outcome_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_outcome_check
    CHECK (outcome IN ('adopted', 'partly', 'not_adopted', 'out_of_scope',
                       'planned', 'research', 'deferred'));
