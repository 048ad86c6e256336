-- The committee's decision on each opinion, and each release of it to the submitter.
-- A decision is changed in place and its revision goes up; every revision that was
-- released stays in `feedback`, so a changed decision is released again as a correction
-- and never twice for the same revision.
CREATE TABLE decisions (
    opinion_id BIGINT      PRIMARY KEY REFERENCES opinions (id),
    outcome    TEXT        NOT NULL CHECK (outcome IN ('adopted', 'partly', 'not_adopted', 'out_of_scope')),
    reason     TEXT        NOT NULL,
    -- The admin's own short words for the 回音壁 summary, used where the submitter did
    -- not allow quoting.
    summary    TEXT,
    revision   INTEGER     NOT NULL DEFAULT 1,
    decided_by BIGINT,
    decided_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX decisions_outcome ON decisions (outcome);

-- One row per released revision of a decision. `chat_id` is the private chat the
-- feedback was queued for (its delivery is `purpose = 'feedback'`, `subject =
-- '<opinion id>:<revision>'`); NULL means the submitter cannot be reached and their
-- liaison must tell them in person.
CREATE TABLE feedback (
    opinion_id  BIGINT      NOT NULL REFERENCES opinions (id),
    revision    INTEGER     NOT NULL,
    outcome     TEXT        NOT NULL,
    chat_id     BIGINT,
    released_by BIGINT,
    released_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (opinion_id, revision)
);
CREATE INDEX feedback_released ON feedback (released_at);
