-- The law-popularization FAQ: entries with their jieba tokens stored beside the text
-- (`q_tokens`: question, other phrasings and tags; `a_tokens`: answer and legal
-- reference), an FTS5 index over those tokens ranked with bm25, the questions nobody
-- could answer yet, and the answers posted in groups (to stay within a group's budget).
CREATE TABLE faq_entries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    key             TEXT    NOT NULL UNIQUE,
    question        TEXT    NOT NULL,
    alternatives    TEXT    NOT NULL DEFAULT '[]',
    answer          TEXT    NOT NULL,
    law             TEXT    NOT NULL,
    article         TEXT    NOT NULL,
    tags            TEXT    NOT NULL DEFAULT '[]',
    consultation_id INTEGER REFERENCES consultations (id),
    article_number  INTEGER,
    q_tokens        TEXT    NOT NULL,
    a_tokens        TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- rowid = faq_entries.id; kept in step by the repository in the same transaction.
CREATE VIRTUAL TABLE faq_fts USING fts5 (q, a, tokenize = 'unicode61 remove_diacritics 0');
-- Document frequencies of the indexed tokens, for the confidence of a match.
CREATE VIRTUAL TABLE faq_vocab USING fts5vocab (faq_fts, 'row');

-- A question that found no good answer. Who asked is not stored; only the contact
-- point of the group it was asked in, when it was asked in a linked group.
CREATE TABLE faq_unanswered (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question    TEXT    NOT NULL,
    normalized  TEXT    NOT NULL,
    point_id    INTEGER REFERENCES contact_points (id),
    times       INTEGER NOT NULL DEFAULT 1,
    asked_at    TEXT    NOT NULL,
    last_at     TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'dismissed')),
    entry_id    INTEGER REFERENCES faq_entries (id),
    handled_by  BIGINT,
    handled_at  TEXT
);
CREATE INDEX faq_unanswered_open ON faq_unanswered (state, last_at);
CREATE INDEX faq_unanswered_normalized ON faq_unanswered (normalized, state);

CREATE TABLE faq_group_answers (
    chat_id BIGINT NOT NULL,
    at      TEXT   NOT NULL
);
CREATE INDEX faq_group_answers_chat ON faq_group_answers (chat_id, at);
