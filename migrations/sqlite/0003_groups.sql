-- Resident groups the bot is in, and the contact point each is linked to.
CREATE TABLE groups (
    chat_id       BIGINT  PRIMARY KEY,
    title         TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('group', 'supergroup')),
    active        BOOLEAN NOT NULL,
    point_id      INTEGER REFERENCES contact_points (id),
    linked_by     BIGINT,
    linked_at     TEXT,
    added_at      TEXT    NOT NULL,
    migrated_from BIGINT UNIQUE,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX groups_point ON groups (point_id);
