-- The county tier (上下联动): districts (区县) as named units with a code, contact
-- points belonging to one, and county staff (县区人大) bound to one district.
--
-- Contact points carried their district as free text; each distinct text becomes a
-- district of that name, coded d1, d2 … in name order (an admin may add better-named
-- ones and move the points), and the text column goes: one district, one record.
CREATE TABLE districts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL
);
INSERT INTO districts (code, name, created_at)
    SELECT 'd' || CAST(ROW_NUMBER() OVER (ORDER BY district) AS TEXT), district, MIN(created_at)
    FROM contact_points WHERE district IS NOT NULL GROUP BY district;

ALTER TABLE contact_points ADD COLUMN district_id INTEGER REFERENCES districts (id);
UPDATE contact_points
    SET district_id = (SELECT d.id FROM districts d WHERE d.name = contact_points.district);
ALTER TABLE contact_points DROP COLUMN district;
CREATE INDEX contact_points_district ON contact_points (district_id);

-- Roles and invites: a county staff member is bound to a district (and no point);
-- liaisons and informants to a point; admins to neither. SQLite cannot change a
-- CHECK, so both tables are rebuilt (no table references them). `SELECT *, NULL`
-- fails loudly should another migration have added a column meanwhile.
CREATE TABLE roles_new (
    telegram_id BIGINT  NOT NULL PRIMARY KEY,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'county', 'liaison', 'informant')),
    point_id    INTEGER REFERENCES contact_points (id),
    granted_by  BIGINT,
    granted_at  TEXT    NOT NULL,
    district_id INTEGER REFERENCES districts (id),
    CHECK ((role IN ('liaison', 'informant')) = (point_id IS NOT NULL)),
    CHECK ((role = 'county') = (district_id IS NOT NULL))
);
INSERT INTO roles_new SELECT *, NULL FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;

CREATE TABLE invites_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash   TEXT    NOT NULL UNIQUE,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'county', 'liaison', 'informant')),
    point_id    INTEGER REFERENCES contact_points (id),
    created_by  BIGINT,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    redeemed_by BIGINT,
    redeemed_at TEXT,
    district_id INTEGER REFERENCES districts (id),
    CHECK ((role IN ('liaison', 'informant')) = (point_id IS NOT NULL)),
    CHECK ((role = 'county') = (district_id IS NOT NULL))
);
INSERT INTO invites_new SELECT *, NULL FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
