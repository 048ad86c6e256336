-- Opinions given on the web pages, where there is no account: the status link's
-- secret (kept only as a SHA-256 hash, so the ledger cannot hand it out), and keyed
-- hashes of the browser and the address it came from, for the per-browser and
-- per-address limits and for the "my opinions" page. No address is stored in clear.
CREATE TABLE web_opinions (
    opinion_id   INTEGER PRIMARY KEY REFERENCES opinions (id),
    token_hash   TEXT    NOT NULL UNIQUE,
    browser_hash TEXT    NOT NULL,
    address_hash TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX web_opinions_browser ON web_opinions (browser_hash, created_at);
CREATE INDEX web_opinions_address ON web_opinions (address_hash, created_at);
