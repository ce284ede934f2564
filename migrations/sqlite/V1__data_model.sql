-- V1: the shared data model of MONA x SPARK Desk.
--
-- Conventions every domain table follows (ARCHITECTURE.md, "Storage"), chosen so
-- that a later sync with a shared PostgreSQL needs no rewrite:
--   * `id` is a UUIDv7 made in Rust, stored as text. No AUTOINCREMENT: two
--     offline devices must never mint the same key.
--   * `created_at`, `updated_at`: UTC instants, RFC 3339 with milliseconds and a
--     `Z` ("2026-11-24T09:30:00.000Z"), so text order is time order.
--   * `deleted_at`: soft delete. A row is never removed by the app, so a delete
--     can be undone and later propagated.
--   * Money: integer minor units (`*_minor`, cents) plus an ISO 4217 `currency`.
--   * A time a person picked on a wall clock keeps its IANA `time_zone` beside
--     the UTC instant, so it still means "20:00 in Paris" after a trip.
--   * Links between rows are DEFERRABLE foreign keys: a batch may arrive in any
--     order within one transaction.
-- Tables that are local to one device carry no such columns and are named
-- `device_*`.

CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    display_name  TEXT NOT NULL,
    email         TEXT,
    role          TEXT NOT NULL DEFAULT 'manager'
                  CHECK (role IN ('admin', 'manager', 'streamer', 'guest')),
    color         TEXT,
    time_zone     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

CREATE TABLE artists (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    -- `name` folded (lower case, no accents): the sort order a French reader expects.
    sort_key          TEXT NOT NULL,
    legal_name        TEXT,
    email             TEXT,
    phone             TEXT,
    city              TEXT,
    country           TEXT,
    -- JSON array of strings, e.g. ["rap", "pop urbaine"].
    genres            TEXT NOT NULL DEFAULT '[]',
    stage             TEXT NOT NULL DEFAULT 'prospect'
                      CHECK (stage IN ('prospect', 'contacted', 'negotiating', 'signed', 'alumni', 'declined')),
    instagram_handle  TEXT,
    tiktok_handle     TEXT,
    twitch_login      TEXT,
    spotify_url       TEXT,
    followers         INTEGER CHECK (followers IS NULL OR followers >= 0),
    monthly_listeners INTEGER CHECK (monthly_listeners IS NULL OR monthly_listeners >= 0),
    -- 0..=100, computed by the core from the card; its explanation is recomputed on read.
    score             INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
    notes             TEXT NOT NULL DEFAULT '',
    owner_id          TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
) STRICT;
CREATE INDEX artists_by_sort_key ON artists (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX artists_by_score ON artists (score DESC, sort_key) WHERE deleted_at IS NULL;
CREATE INDEX artists_by_created ON artists (created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX artists_by_stage ON artists (stage, sort_key) WHERE deleted_at IS NULL;
CREATE INDEX artists_by_city ON artists (city, sort_key) WHERE deleted_at IS NULL;

CREATE TABLE sponsors (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    website        TEXT,
    contact_name   TEXT,
    contact_email  TEXT,
    status         TEXT NOT NULL DEFAULT 'prospect'
                   CHECK (status IN ('prospect', 'active', 'paused', 'former')),
    notes          TEXT NOT NULL DEFAULT '',
    owner_id       TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;

CREATE TABLE sponsor_opportunities (
    id                 TEXT PRIMARY KEY NOT NULL,
    sponsor_id         TEXT NOT NULL REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    title              TEXT NOT NULL,
    stage              TEXT NOT NULL DEFAULT 'lead'
                       CHECK (stage IN ('lead', 'proposal', 'negotiation', 'won', 'lost')),
    amount_minor       INTEGER CHECK (amount_minor IS NULL OR amount_minor >= 0),
    currency           TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
    expected_close_on  TEXT,
    owner_id           TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;
CREATE INDEX sponsor_opportunities_by_sponsor ON sponsor_opportunities (sponsor_id);

CREATE TABLE spark_events (
    id           TEXT PRIMARY KEY NOT NULL,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'event'
                 CHECK (kind IN ('live', 'event', 'shoot', 'meeting', 'release', 'other')),
    description  TEXT NOT NULL DEFAULT '',
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    all_day      INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    location     TEXT,
    status       TEXT NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'confirmed', 'done', 'cancelled')),
    artist_id    TEXT REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    sponsor_id   TEXT REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    owner_id     TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (ends_at >= starts_at)
) STRICT;
CREATE INDEX spark_events_by_start ON spark_events (starts_at) WHERE deleted_at IS NULL;

CREATE TABLE assets (
    id           TEXT PRIMARY KEY NOT NULL,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document', 'other')),
    -- Relative to the device's asset folder; the bytes are never in SQLite.
    file_path    TEXT,
    mime_type    TEXT,
    byte_size    INTEGER CHECK (byte_size IS NULL OR byte_size >= 0),
    duration_ms  INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
    width        INTEGER,
    height       INTEGER,
    sha256       TEXT,
    artist_id    TEXT REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    event_id     TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    sponsor_id   TEXT REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

CREATE TABLE sponsor_deliverables (
    id              TEXT PRIMARY KEY NOT NULL,
    sponsor_id      TEXT NOT NULL REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    opportunity_id  TEXT REFERENCES sponsor_opportunities (id) DEFERRABLE INITIALLY DEFERRED,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'mention'
                    CHECK (kind IN ('mention', 'segment', 'post', 'video', 'banner', 'other')),
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'delivered', 'approved', 'missed')),
    due_at          TEXT,
    delivered_at    TEXT,
    -- The recording or post that proves the deliverable, and where in it.
    proof_asset_id  TEXT REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED,
    proof_offset_ms INTEGER,
    event_id        TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX sponsor_deliverables_by_sponsor ON sponsor_deliverables (sponsor_id);

CREATE TABLE mona_campaigns (
    id           TEXT PRIMARY KEY NOT NULL,
    artist_id    TEXT NOT NULL REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    -- MONA's promotion offers: 290 €, 390 € and 490 € and up.
    offer        TEXT NOT NULL CHECK (offer IN ('essential_290', 'boost_390', 'premium_490')),
    price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
    currency     TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'sold', 'running', 'completed', 'cancelled')),
    starts_on    TEXT,
    ends_on      TEXT,
    owner_id     TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX mona_campaigns_by_artist ON mona_campaigns (artist_id);

CREATE TABLE spark_content (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'post'
                  CHECK (kind IN ('post', 'short', 'video', 'story', 'clip', 'other')),
    platform      TEXT,
    status        TEXT NOT NULL DEFAULT 'idea'
                  CHECK (status IN ('idea', 'draft', 'scheduled', 'published', 'archived')),
    caption       TEXT NOT NULL DEFAULT '',
    scheduled_at  TEXT,
    time_zone     TEXT,
    published_at  TEXT,
    event_id      TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    artist_id     TEXT REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    sponsor_id    TEXT REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    asset_id      TEXT REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED,
    owner_id      TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

CREATE TABLE interactions (
    id           TEXT PRIMARY KEY NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'message', 'note', 'live', 'other')),
    summary      TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    artist_id    TEXT REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    sponsor_id   TEXT REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    user_id      TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (artist_id IS NOT NULL OR sponsor_id IS NOT NULL)
) STRICT;
CREATE INDEX interactions_by_artist ON interactions (artist_id, occurred_at DESC);
CREATE INDEX interactions_by_sponsor ON interactions (sponsor_id, occurred_at DESC);

CREATE TABLE tasks (
    id           TEXT PRIMARY KEY NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'todo'
                 CHECK (status IN ('todo', 'in_progress', 'done', 'cancelled')),
    priority     TEXT NOT NULL DEFAULT 'none'
                 CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
    due_at       TEXT,
    starts_at    TEXT,
    ends_at      TEXT,
    time_zone    TEXT,
    -- Fractional index: a card moves by rewriting one row, not its neighbours.
    position     TEXT NOT NULL DEFAULT 'a0',
    artist_id    TEXT REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    sponsor_id   TEXT REFERENCES sponsors (id) DEFERRABLE INITIALLY DEFERRED,
    event_id     TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    content_id   TEXT REFERENCES spark_content (id) DEFERRABLE INITIALLY DEFERRED,
    created_by   TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX tasks_by_due ON tasks (due_at) WHERE deleted_at IS NULL;

CREATE TABLE task_assignees (
    id          TEXT PRIMARY KEY NOT NULL,
    task_id     TEXT NOT NULL REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED,
    user_id     TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    UNIQUE (task_id, user_id)
) STRICT;

CREATE TABLE tags (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    color       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE entity_tags (
    id           TEXT PRIMARY KEY NOT NULL,
    tag_id       TEXT NOT NULL REFERENCES tags (id) DEFERRABLE INITIALLY DEFERRED,
    entity_type  TEXT NOT NULL
                 CHECK (entity_type IN ('artist', 'sponsor', 'event', 'content', 'asset', 'task', 'campaign')),
    entity_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (tag_id, entity_type, entity_id)
) STRICT;
CREATE INDEX entity_tags_by_entity ON entity_tags (entity_type, entity_id);

CREATE TABLE notifications (
    id           TEXT PRIMARY KEY NOT NULL,
    user_id      TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    entity_type  TEXT,
    entity_id    TEXT,
    read_at      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX notifications_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL AND deleted_at IS NULL;

-- Per-device preferences (language, theme, first-run choice). Never synced.
CREATE TABLE device_settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) STRICT;

-- Counters of live rows, kept by triggers so a list can show its total
-- without counting 100,000 rows on every page. Derived and device-local.
CREATE TABLE device_counters (
    name   TEXT PRIMARY KEY NOT NULL,
    value  INTEGER NOT NULL
) STRICT;
INSERT INTO device_counters (name, value) VALUES ('live_artists', 0);

-- Search index for artists. unicode61 with remove_diacritics folds case and
-- accents, so "elodie" finds "Élodie"; prefix indexes keep search-as-you-type
-- fast. The index is contentless and keyed by `artists_fts_rows`, whose
-- INTEGER PRIMARY KEY survives VACUUM (an implicit rowid would not) and which
-- carries the sort key and the score, so ordering the matches by name or by
-- score never touches `artists`.
-- Both are derived, device-local tables; the triggers keep them equal to the
-- live rows.
CREATE TABLE artists_fts_rows (
    fts_rowid  INTEGER PRIMARY KEY,
    artist_id  TEXT NOT NULL UNIQUE,
    sort_key   TEXT NOT NULL,
    score      INTEGER NOT NULL
) STRICT;

CREATE VIRTUAL TABLE artists_fts USING fts5(
    name,
    legal_name,
    city,
    genres,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER artists_fts_insert AFTER INSERT ON artists WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO artists_fts_rows (artist_id, sort_key, score) VALUES (new.id, new.sort_key, new.score);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_fts_update AFTER UPDATE OF name, sort_key, score, legal_name, city, genres, deleted_at ON artists
BEGIN
    DELETE FROM artists_fts
    WHERE rowid = (SELECT fts_rowid FROM artists_fts_rows WHERE artist_id = old.id);
    DELETE FROM artists_fts_rows WHERE artist_id = old.id;
    INSERT INTO artists_fts_rows (artist_id, sort_key, score)
    SELECT new.id, new.sort_key, new.score WHERE new.deleted_at IS NULL;
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    SELECT last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres
    WHERE new.deleted_at IS NULL;
    UPDATE device_counters
    SET value = value - (old.deleted_at IS NULL) + (new.deleted_at IS NULL)
    WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_fts_delete AFTER DELETE ON artists
BEGIN
    DELETE FROM artists_fts
    WHERE rowid = (SELECT fts_rowid FROM artists_fts_rows WHERE artist_id = old.id);
    DELETE FROM artists_fts_rows WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - (old.deleted_at IS NULL) WHERE name = 'live_artists';
END;
