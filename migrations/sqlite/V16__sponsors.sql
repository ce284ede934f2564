-- V16: sponsors with their people, deals and promises (ARCHITECTURE.md, "CRM").
--
-- A sponsor is a company with several contacts; V1 kept one on the sponsor's
-- row (`contact_name`, `contact_email`), which the core moves into
-- `sponsor_contacts` as an ordinary edit when the database opens
-- (`sponsors::move_retired_contacts`). An opportunity now carries the
-- chance it closes, so the pipeline's value can be weighted. A deliverable
-- can be proved by a link as well as by a recording and a moment in it.

CREATE TABLE sponsor_contacts (
    id          TEXT PRIMARY KEY NOT NULL,
    sponsor_id  TEXT NOT NULL REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    name        TEXT NOT NULL,
    -- What they do there ("Responsable marketing").
    role        TEXT,
    email       TEXT,
    phone       TEXT,
    position    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX sponsor_contacts_by_sponsor ON sponsor_contacts (sponsor_id, position) WHERE deleted_at IS NULL;

-- The chance the deal closes, in percent; NULL: the stage's usual chance.
ALTER TABLE sponsor_opportunities ADD COLUMN probability INTEGER
    CHECK (probability IS NULL OR probability BETWEEN 0 AND 100);
ALTER TABLE sponsor_opportunities ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE INDEX sponsor_opportunities_open ON sponsor_opportunities (stage, amount_minor, probability)
    WHERE deleted_at IS NULL;

ALTER TABLE sponsor_deliverables ADD COLUMN proof_url TEXT;
CREATE INDEX sponsor_deliverables_due ON sponsor_deliverables (status, due_at) WHERE deleted_at IS NULL;

CREATE INDEX sponsors_by_name ON sponsors (name COLLATE NOCASE) WHERE deleted_at IS NULL;
