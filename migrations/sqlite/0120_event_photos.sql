-- Photos from a 普法活动, as the liaison sends them after the event (in chat, with the
-- event's number as the caption, or uploaded in the console): the bytes are kept
-- here, checked like a 社情民意 web photo (0090: JPEG, PNG or WebP by their first
-- bytes, at most the attachment limit, a JPEG's metadata such as a GPS position
-- removed), so that the console can show them. Only staff see them; who added one
-- is in the audit log (event.photo).
--
-- law_events.photos (0080) held Telegram file ids only, shown nowhere. It stays for
-- the ids sent before this table: the bot's scheduler downloads each from Telegram,
-- keeps it here and removes it from the list (nothing else reads the list).
CREATE TABLE law_event_photos (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     INTEGER NOT NULL REFERENCES law_events (id),
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    bytes        BLOB    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX law_event_photos_event ON law_event_photos (event_id, id);
