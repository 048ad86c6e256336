-- Photos sent with a 社情民意 report from the web form. In chat a photo stays with
-- Telegram (the report keeps its file id); the web has no such store, so the bytes
-- are kept here, checked (JPEG, PNG or WebP by their first bytes, at most the
-- attachment limit) and with a JPEG's metadata (a phone's GPS position) removed.
-- A photo is uploaded with the form and waits, unclaimed (report_id NULL), until the
-- read-back is submitted; unclaimed ones are deleted after a day.
CREATE TABLE relay_photos (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_hash  TEXT    NOT NULL UNIQUE,
    browser_hash TEXT    NOT NULL,
    report_id    INTEGER REFERENCES relay_reports (id),
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    bytes        BLOB    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX relay_photos_browser ON relay_photos (browser_hash, created_at);
CREATE INDEX relay_photos_report ON relay_photos (report_id);
