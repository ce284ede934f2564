-- V18: saved views of a list (ARCHITECTURE.md, "CRM").
--
-- A view is a list's search, order and filters under a name the team
-- chose ("Rap à Lyon, score ≥ 60"), shared by the whole team. `query` is the
-- list's query as JSON (`artists::ArtistQuery` without its page): edited as
-- a whole, so the sync merges it as one value.

CREATE TABLE saved_views (
    id          TEXT PRIMARY KEY NOT NULL,
    list        TEXT NOT NULL CHECK (list IN ('artists')),
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    position    TEXT NOT NULL,
    created_by  TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX saved_views_by_list ON saved_views (list, position) WHERE deleted_at IS NULL;
