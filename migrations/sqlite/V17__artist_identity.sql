-- V17: who an artist is and who speaks for them (ARCHITECTURE.md, "CRM").
--
-- The languages an artist works in (ISO 639-1 codes, a JSON array), and the
-- people around them MONA deals with: manager, label, booker, press.
-- `artists.owner_id` (V1) is now edited on the card: the team member who
-- follows the artist.

ALTER TABLE artists ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

CREATE TABLE artist_contacts (
    id          TEXT PRIMARY KEY NOT NULL,
    artist_id   TEXT NOT NULL REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    role        TEXT NOT NULL DEFAULT 'manager'
                CHECK (role IN ('manager', 'label', 'booker', 'press', 'other')),
    name        TEXT NOT NULL,
    -- The agency or label they work for.
    company     TEXT,
    email       TEXT,
    phone       TEXT,
    position    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX artist_contacts_by_artist ON artist_contacts (artist_id, position) WHERE deleted_at IS NULL;

-- The list filtered by who follows the artist.
CREATE INDEX artists_by_owner ON artists (owner_id) WHERE deleted_at IS NULL AND owner_id IS NOT NULL;
