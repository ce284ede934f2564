-- V3: change capture, the local half of the team sync (ARCHITECTURE.md, "Sync").
--
-- Every synced row records when it was born and every synced cell written
-- after that records its version: a hybrid logical clock (HLC) and the site
-- (device) that wrote it, plus the version it overwrote (its base). Those
-- versions are what the sync merges by; the values themselves stay in the
-- domain tables. The triggers that fill these tables are not written here:
-- `mona_core::capture` derives them from the schema at every start, so a table
-- added by a later migration is captured without anyone remembering to.

-- Every site whose versions this file holds, numbered locally to keep the
-- version tables small.
CREATE TABLE sync_sites (
    num   INTEGER PRIMARY KEY,
    site  TEXT NOT NULL UNIQUE
) STRICT;

-- One row: this device's identity and its clock.
CREATE TABLE sync_meta (
    only_row  INTEGER PRIMARY KEY NOT NULL CHECK (only_row = 1),
    -- The site this device writes as (set on first open by the core).
    site_num  INTEGER REFERENCES sync_sites (num),
    -- Hybrid logical clock: milliseconds since 1970 shifted left 16 bits, plus
    -- a counter in the low bits. The last value issued here or seen from others.
    clock     INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_meta (only_row) VALUES (1);

-- When each synced row was inserted, and by whom. A cell never written since
-- has this version. `pending`: written here, not yet acknowledged by the server.
CREATE TABLE sync_rows (
    tbl       TEXT NOT NULL,
    id        TEXT NOT NULL,
    clock     INTEGER NOT NULL,
    site_num  INTEGER NOT NULL REFERENCES sync_sites (num),
    pending   INTEGER NOT NULL CHECK (pending IN (0, 1)),
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_rows_pending ON sync_rows (clock) WHERE pending = 1;

-- The version of each cell written after its row was born, and the version
-- it overwrote: an edit whose base is the current version follows it; one
-- whose base is not was made without seeing it (a concurrent edit).
CREATE TABLE sync_cells (
    tbl            TEXT NOT NULL,
    id             TEXT NOT NULL,
    col            TEXT NOT NULL,
    clock          INTEGER NOT NULL,
    site_num       INTEGER NOT NULL REFERENCES sync_sites (num),
    base_clock     INTEGER NOT NULL,
    base_site_num  INTEGER REFERENCES sync_sites (num),
    pending        INTEGER NOT NULL CHECK (pending IN (0, 1)),
    PRIMARY KEY (tbl, id, col)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_cells_pending ON sync_cells (clock) WHERE pending = 1;
