-- Replicas of the bot on one database. SQLite allows one running process per database
-- file (a lock file next to it refuses a second), so there is at most one live row; the
-- table and the owner columns exist so both dialects share one schema and one story:
-- inbox rows being handled and deliveries being sent name the process that owns them.
CREATE TABLE replicas (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    host         TEXT    NOT NULL,
    pid          BIGINT  NOT NULL,
    started_at   TEXT    NOT NULL,
    heartbeat_at TEXT    NOT NULL,
    lease_until  TEXT    NOT NULL,
    is_leader    BOOLEAN NOT NULL DEFAULT FALSE
);

ALTER TABLE inbox ADD COLUMN owner INTEGER;
ALTER TABLE deliveries ADD COLUMN owner INTEGER;
CREATE INDEX inbox_handling ON inbox (owner) WHERE state = 'handling';
CREATE INDEX deliveries_sending ON deliveries (owner) WHERE state = 'sending';
