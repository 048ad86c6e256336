-- Group replies and prompts. Nothing here identifies a person who has not consented:
-- held replies and votes are keyed by a keyed hash (HMAC) of the user id.

-- Small settings the program keeps for itself (the hash key when none is configured).
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Set when a person confirmed a held reply privately (the consent notice was shown).
ALTER TABLE people ADD COLUMN consented_at TIMESTAMPTZ;

-- A question put to the groups, optionally about one article, optionally with options.
CREATE TABLE prompts (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    article_number  INTEGER,
    article_label   TEXT,
    question        TEXT    NOT NULL,
    options         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'sent', 'cancelled')),
    only_point      BIGINT REFERENCES contact_points (id),
    target_chat     BIGINT,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ    NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX prompts_consultation ON prompts (consultation_id);

-- One vote per person and prompt; changed in place, deleted when withdrawn.
CREATE TABLE prompt_votes (
    prompt_id    BIGINT NOT NULL REFERENCES prompts (id),
    voter_hash   TEXT    NOT NULL,
    option_index INTEGER NOT NULL,
    opinion_id   BIGINT REFERENCES opinions (id),
    voted_at     TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (prompt_id, voter_hash)
);
CREATE INDEX prompt_votes_voter ON prompt_votes (voter_hash);

-- Opinions that answered a prompt by a reply.
CREATE TABLE prompt_replies (
    prompt_id  BIGINT NOT NULL REFERENCES prompts (id),
    opinion_id BIGINT NOT NULL REFERENCES opinions (id),
    PRIMARY KEY (prompt_id, opinion_id)
);

-- A person asked (once) to confirm their held replies privately, by a deep link token.
CREATE TABLE held_asks (
    holder_hash TEXT PRIMARY KEY,
    token       TEXT NOT NULL UNIQUE,
    asked_at    TIMESTAMPTZ NOT NULL
);

-- Group replies from people who have not consented yet: no user id, no name.
CREATE TABLE held_replies (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    holder_hash     TEXT    NOT NULL,
    reply_key       TEXT    NOT NULL UNIQUE,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    article_number  INTEGER,
    article_label   TEXT,
    prompt_id       BIGINT REFERENCES prompts (id),
    chat_id         BIGINT  NOT NULL,
    point_id        BIGINT REFERENCES contact_points (id),
    body            TEXT    NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL,
    expires_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX held_replies_holder ON held_replies (holder_hash);
CREATE INDEX held_replies_expiry ON held_replies (expires_at);
