-- The county tier (上下联动): districts (区县) as named units with a code, contact
-- points belonging to one, and county staff (县区人大) bound to one district.
--
-- Contact points carried their district as free text; each distinct text becomes a
-- district of that name, coded d1, d2 … in name order (an admin may add better-named
-- ones and move the points), and the text column goes: one district, one record.
CREATE TABLE districts (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO districts (code, name, created_at)
    SELECT 'd' || CAST(ROW_NUMBER() OVER (ORDER BY district) AS TEXT), district, MIN(created_at)
    FROM contact_points WHERE district IS NOT NULL GROUP BY district;

ALTER TABLE contact_points ADD COLUMN district_id BIGINT REFERENCES districts (id);
UPDATE contact_points
    SET district_id = (SELECT d.id FROM districts d WHERE d.name = contact_points.district);
ALTER TABLE contact_points DROP COLUMN district;
CREATE INDEX contact_points_district ON contact_points (district_id);

-- Roles and invites: a county staff member is bound to a district (and no point);
-- liaisons and informants to a point; admins to neither.
ALTER TABLE roles DROP CONSTRAINT roles_role_check;
ALTER TABLE roles DROP CONSTRAINT roles_check;
ALTER TABLE roles ADD COLUMN district_id BIGINT REFERENCES districts (id);
ALTER TABLE roles ADD CONSTRAINT roles_role_check
    CHECK (role IN ('admin', 'county', 'liaison', 'informant'));
ALTER TABLE roles ADD CONSTRAINT roles_check
    CHECK ((role IN ('liaison', 'informant')) = (point_id IS NOT NULL));
ALTER TABLE roles ADD CONSTRAINT roles_district_check
    CHECK ((role = 'county') = (district_id IS NOT NULL));

ALTER TABLE invites DROP CONSTRAINT invites_role_check;
ALTER TABLE invites DROP CONSTRAINT invites_check;
ALTER TABLE invites ADD COLUMN district_id BIGINT REFERENCES districts (id);
ALTER TABLE invites ADD CONSTRAINT invites_role_check
    CHECK (role IN ('admin', 'county', 'liaison', 'informant'));
ALTER TABLE invites ADD CONSTRAINT invites_check
    CHECK ((role IN ('liaison', 'informant')) = (point_id IS NOT NULL));
ALTER TABLE invites ADD CONSTRAINT invites_district_check
    CHECK ((role = 'county') = (district_id IS NOT NULL));
