-- Outbound mass messages. A broadcast (an announcement, a reminder …) fans out into one
-- delivery per chat; the broadcast worker sends them within Telegram's limits.
CREATE TABLE broadcasts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose             TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    created_by          BIGINT,
    created_at          TEXT    NOT NULL,
    progress_chat       BIGINT,
    progress_message_id INTEGER,
    locale              TEXT    NOT NULL,
    total               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX broadcasts_created_by ON broadcasts (created_by, id);
CREATE INDEX broadcasts_subject ON broadcasts (purpose, subject);

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    purpose      TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    chat_id      BIGINT  NOT NULL,
    payload      TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT    NOT NULL,
    last_error   TEXT,
    message_id   INTEGER,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT,
    UNIQUE (purpose, subject, chat_id)
);
CREATE INDEX deliveries_due ON deliveries (not_before, id) WHERE state = 'queued';
CREATE INDEX deliveries_chat ON deliveries (chat_id, state, id);
CREATE INDEX deliveries_broadcast ON deliveries (broadcast_id, state);
