-- V12: the explainable artist score (ARCHITECTURE.md, "CRM").
--
-- The score now reads more than the card: dated audience figures per social
-- account (for growth over 30 and 90 days), the interactions (did the artist
-- answer?), past campaigns (were they completed?), and criteria the team
-- weighs itself, some of them rated by hand. So it is computed by the core on
-- every device from those synced facts and kept only in the derived list
-- (`artist_list.score`), like the sort key of a search index: a score is
-- never an edit, never merged and never a conflict.
--
-- `artists.score`, `followers`, `monthly_listeners` and the four handle
-- columns are retired: the app no longer writes them. The core moves what a
-- card still holds there into `social_accounts` and `audience_figures` as an
-- ordinary edit (`artists::move_retired_columns`), so it syncs like any other.

-- An account of the artist on a platform.
CREATE TABLE social_accounts (
    id          TEXT PRIMARY KEY NOT NULL,
    artist_id   TEXT NOT NULL REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    platform    TEXT NOT NULL
                CHECK (platform IN ('twitch', 'youtube', 'instagram', 'tiktok', 'spotify',
                                    'x', 'facebook', 'soundcloud', 'other')),
    -- Without the `@`; a Spotify artist has a link instead.
    handle      TEXT,
    url         TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (handle IS NOT NULL OR url IS NOT NULL OR platform = 'other')
) STRICT;
CREATE INDEX social_accounts_by_artist ON social_accounts (artist_id) WHERE deleted_at IS NULL;

-- What an account's audience was on a day: followers, subscribers or
-- monthly listeners, and the engagement rate when the platform gives one.
-- One figure per account and day (its id is made from both, `ids::link_id`).
CREATE TABLE audience_figures (
    id             TEXT PRIMARY KEY NOT NULL,
    account_id     TEXT NOT NULL REFERENCES social_accounts (id) DEFERRABLE INITIALLY DEFERRED,
    measured_on    TEXT NOT NULL CHECK (measured_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    audience       INTEGER NOT NULL CHECK (audience >= 0),
    -- Basis points: 420 is 4.20 %.
    engagement_bp  INTEGER CHECK (engagement_bp IS NULL OR engagement_bp BETWEEN 0 AND 10000),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
-- Covering, in the order the score reads them (`scoring::load_facts`).
CREATE INDEX audience_figures_by_account
    ON audience_figures (account_id, measured_on, audience, engagement_bp)
    WHERE deleted_at IS NULL;

-- Who started an exchange: MONA reaching out, or the artist (an answer).
ALTER TABLE interactions ADD COLUMN direction TEXT NOT NULL DEFAULT 'none'
    CHECK (direction IN ('outbound', 'inbound', 'none'));
-- The exchanges the score reads (who wrote first, and when), covering, artist by artist.
CREATE INDEX interactions_directed
    ON interactions (artist_id, occurred_at, direction)
    WHERE deleted_at IS NULL AND direction <> 'none' AND artist_id IS NOT NULL;
CREATE INDEX interactions_by_author ON interactions (user_id, occurred_at DESC);

-- The criteria the score adds up, as the team weighs them. `weight` is the
-- share of the score (weights are scaled to a total of 100); `low` and `high`
-- are the criterion's thresholds, in its own unit (see `scoring::Criterion`).
CREATE TABLE score_criteria (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('audience', 'engagement', 'growth_30', 'growth_90', 'genre_fit',
                                'responsiveness', 'reliability', 'manual')),
    -- The name a manual criterion is shown with ("Présence scénique").
    label       TEXT,
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
    low         INTEGER,
    high        INTEGER,
    -- JSON array: the genres MONA works with (genre fit only).
    genres      TEXT NOT NULL DEFAULT '[]',
    position    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (kind <> 'manual' OR label IS NOT NULL)
) STRICT;

-- Empty until the team first changes a criterion: until then the core's
-- defaults apply (`scoring::DEFAULT_CRITERIA`), and the first change writes
-- them all, with fixed ids, so two computers doing it offline write the
-- same rows.

-- A manual criterion rated for one artist, 0 to 5.
CREATE TABLE artist_ratings (
    id            TEXT PRIMARY KEY NOT NULL,
    artist_id     TEXT NOT NULL REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    criterion_id  TEXT NOT NULL REFERENCES score_criteria (id) DEFERRABLE INITIALLY DEFERRED,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 5),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    UNIQUE (artist_id, criterion_id)
) STRICT;

CREATE INDEX mona_campaigns_by_status ON mona_campaigns (artist_id, status) WHERE deleted_at IS NULL;

-- The list's audience is the sum of the accounts' latest figures, and its
-- score the core's; neither comes from the card's row any more.
ALTER TABLE artist_list RENAME COLUMN followers_missing TO audience_missing;
ALTER TABLE artist_list RENAME COLUMN followers TO audience;
DROP INDEX artist_list_by_followers_asc;
DROP INDEX artist_list_by_followers_desc;
CREATE INDEX artist_list_by_audience_asc ON artist_list (audience_missing, audience, sort_key);
CREATE INDEX artist_list_by_audience_desc ON artist_list (audience_missing, audience DESC, sort_key);

DROP TRIGGER artists_listed;
DROP TRIGGER artists_relisted;
DROP TRIGGER artists_unbinned;

CREATE TRIGGER artists_listed AFTER INSERT ON artists WHEN mona_deriving() AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                           WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_relisted AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NULL
BEGIN
    UPDATE artist_list SET
        sort_key = new.sort_key,
        stage_rank = CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                                    WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
        city_missing = new.city IS NULL, city = new.city,
        updated_at = new.updated_at
    WHERE artist_id = new.id;
END;

CREATE TRIGGER artists_unbinned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                           WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;
