-- 普法活动 (law-popularization events): a contact point announces a lecture, a legal
-- consultation session, a performance …, residents sign up (in chat or on the web),
-- are reminded, check in at the venue, and the point counts the people reached
-- (惠及人次 = checked in + walk-ins). Named law_events so as not to be confused with
-- consultation_events (a consultation's reminders).

CREATE TABLE law_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL: a city-wide event an admin holds (announced to every linked group).
    point_id        BIGINT REFERENCES contact_points (id),
    title           TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    topic           TEXT    NOT NULL,
    starts_at       TIMESTAMPTZ    NOT NULL,
    ends_at         TIMESTAMPTZ    NOT NULL,
    place           TEXT,
    online_url      TEXT,
    -- NULL: no limit on the seats.
    capacity        BIGINT,
    description     TEXT    NOT NULL DEFAULT '',
    consultation_id BIGINT REFERENCES consultations (id),
    status          TEXT    NOT NULL,
    -- SHA-256 of the current check-in code (128 random bits, shown once).
    checkin_hash    TEXT UNIQUE,
    walk_ins        BIGINT  NOT NULL DEFAULT 0,
    note            TEXT,
    -- Telegram file ids of the photos the liaison sent after the event.
    photos          JSONB   NOT NULL DEFAULT '[]',
    reminded_day_at  TIMESTAMPTZ,
    reminded_hour_at TIMESTAMPTZ,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ    NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX law_events_start ON law_events (starts_at, point_id);

-- One seat each: a resident in chat (their Telegram id), or a browser on the web (the
-- private link's SHA-256 and keyed hashes of browser and address, for the limits).
CREATE TABLE law_event_signups (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      BIGINT NOT NULL REFERENCES law_events (id),
    person_id     BIGINT,
    name          TEXT,
    channel       TEXT    NOT NULL,
    token_hash    TEXT UNIQUE,
    browser_hash  TEXT,
    address_hash  TEXT,
    status        TEXT    NOT NULL,
    locale        TEXT,
    checked_in_at TIMESTAMPTZ,
    checked_in_by TEXT,
    created_at    TIMESTAMPTZ    NOT NULL,
    updated_at    TIMESTAMPTZ    NOT NULL
);
CREATE INDEX law_event_signups_event ON law_event_signups (event_id, status, id);
CREATE INDEX law_event_signups_person ON law_event_signups (person_id);
CREATE INDEX law_event_signups_browser ON law_event_signups (event_id, browser_hash);
CREATE INDEX law_event_signups_address ON law_event_signups (event_id, address_hash);
