-- Several replicas of the bot on one database. Each running process registers here and
-- renews its lease; inbox rows being handled and deliveries being sent name the replica
-- that owns them, so that a replica starting (or noticing a death) puts back only the
-- work of replicas that are dead — lease expired, or their liveness advisory lock gone
-- — and never the work another live replica is doing.
CREATE TABLE replicas (
    id           INTEGER     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    host         TEXT        NOT NULL,
    pid          BIGINT      NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL,
    lease_until  TIMESTAMPTZ NOT NULL,
    is_leader    BOOLEAN     NOT NULL DEFAULT FALSE
);

ALTER TABLE inbox ADD COLUMN owner INTEGER;
ALTER TABLE deliveries ADD COLUMN owner INTEGER;
CREATE INDEX inbox_handling ON inbox (owner) WHERE state = 'handling';
CREATE INDEX deliveries_sending ON deliveries (owner) WHERE state = 'sending';
