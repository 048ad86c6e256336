-- The law-popularization FAQ: entries with their jieba tokens stored beside the text
-- (`q_tokens`: question, other phrasings and tags; `a_tokens`: answer and legal
-- reference), a tsvector over those tokens with a GIN index, the questions nobody
-- could answer yet, and the answers posted in groups (to stay within a group's budget).
--
-- The tsvector uses the 'simple' configuration (no stemming, no stop words) over our
-- own space-separated tokens, each made of letters and digits only, so PostgreSQL's
-- parser keeps them as they are (Chinese needs a UTF-8 LC_CTYPE, the usual default).
CREATE TABLE faq_entries (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key             TEXT        NOT NULL UNIQUE,
    question        TEXT        NOT NULL,
    alternatives    JSONB       NOT NULL DEFAULT '[]',
    answer          TEXT        NOT NULL,
    law             TEXT        NOT NULL,
    article         TEXT        NOT NULL,
    tags            JSONB       NOT NULL DEFAULT '[]',
    consultation_id BIGINT      REFERENCES consultations (id),
    article_number  INTEGER,
    q_tokens        TEXT        NOT NULL,
    a_tokens        TEXT        NOT NULL,
    search          TSVECTOR    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, q_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, a_tokens), 'B')
    ) STORED,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX faq_entries_search ON faq_entries USING GIN (search);

-- A question that found no good answer. Who asked is not stored; only the contact
-- point of the group it was asked in, when it was asked in a linked group.
CREATE TABLE faq_unanswered (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question    TEXT        NOT NULL,
    normalized  TEXT        NOT NULL,
    point_id    BIGINT      REFERENCES contact_points (id),
    times       INTEGER     NOT NULL DEFAULT 1,
    asked_at    TIMESTAMPTZ NOT NULL,
    last_at     TIMESTAMPTZ NOT NULL,
    state       TEXT        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'dismissed')),
    entry_id    BIGINT      REFERENCES faq_entries (id),
    handled_by  BIGINT,
    handled_at  TIMESTAMPTZ
);
CREATE INDEX faq_unanswered_open ON faq_unanswered (state, last_at);
CREATE INDEX faq_unanswered_normalized ON faq_unanswered (normalized, state);

CREATE TABLE faq_group_answers (
    chat_id BIGINT      NOT NULL,
    at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX faq_group_answers_chat ON faq_group_answers (chat_id, at);
