-- V13: keep in touch (ARCHITECTURE.md, "CRM").
--
-- An artist MONA wants to hear from regularly carries a cadence in days;
-- when nothing was exchanged for that long, whoever follows the artist gets
-- a notification (`keep_in_touch`).
ALTER TABLE artists ADD COLUMN contact_every_days INTEGER
    CHECK (contact_every_days IS NULL OR contact_every_days BETWEEN 1 AND 365);
CREATE INDEX artists_with_cadence ON artists (contact_every_days)
    WHERE contact_every_days IS NOT NULL AND deleted_at IS NULL;
