-- The inbox: raw updates stored before they are acknowledged to Telegram.
CREATE TABLE inbox (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    update_id   BIGINT      NOT NULL UNIQUE,
    chat_key    BIGINT      NOT NULL,
    payload     TEXT,
    state       TEXT        NOT NULL CHECK (state IN ('pending', 'handling', 'handled', 'unparsable', 'failed')),
    received_at TIMESTAMPTZ NOT NULL,
    handled_at  TIMESTAMPTZ,
    attempts    INTEGER     NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX inbox_chat_state ON inbox (chat_key, state, id);
CREATE INDEX inbox_state ON inbox (state, id);
