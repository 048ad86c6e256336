-- Keeping liaisons on top of their ledger: the daily digest of new opinions and the
-- reminder before a deadline while opinions are still unreviewed.

-- The days (in the display time zone) whose digest run is done, so that a restart
-- neither repeats nor forgets one.
CREATE TABLE digest_days (
    day     DATE        NOT NULL PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL
);

-- Per liaison: opinions created before `covered_until` were in an earlier digest (or
-- came before they were told about any); the next digest counts those after it.
CREATE TABLE liaison_digests (
    telegram_id   BIGINT      PRIMARY KEY,
    covered_until TIMESTAMPTZ NOT NULL,
    last_sent_at  TIMESTAMPTZ
);

-- One review reminder per consultation and deadline (a moved deadline reminds again).
CREATE TABLE review_reminders (
    consultation_id BIGINT      NOT NULL REFERENCES consultations (id),
    deadline        TIMESTAMPTZ NOT NULL,
    done_at         TIMESTAMPTZ NOT NULL,
    liaisons        INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, deadline)
);
