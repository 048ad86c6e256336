-- Resident groups the bot is in, and the contact point each is linked to.
CREATE TABLE groups (
    chat_id       BIGINT      PRIMARY KEY,
    title         TEXT        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('group', 'supergroup')),
    active        BOOLEAN     NOT NULL,
    point_id      BIGINT      REFERENCES contact_points (id),
    linked_by     BIGINT,
    linked_at     TIMESTAMPTZ,
    added_at      TIMESTAMPTZ NOT NULL,
    migrated_from BIGINT      UNIQUE,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX groups_point ON groups (point_id);
