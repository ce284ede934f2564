-- V4: the device's side of the team sync (ARCHITECTURE.md, "Sync").
--
-- V3 records every local edit with its version; this migration adds what the
-- device needs to exchange them with the team's PostgreSQL server: where it
-- stands in the server's change feed, the conflicts the server found, and the
-- values sent by devices running a newer schema.

-- One row: the server this device syncs with and how far it has read.
-- The address and user live in device_settings; the password in the OS
-- keychain, never here.
CREATE TABLE sync_link (
    only_row         INTEGER PRIMARY KEY NOT NULL CHECK (only_row = 1),
    -- The server's epoch: a new value means the server was rebuilt or
    -- restored, and the device sends everything it holds again.
    server_epoch     TEXT,
    workspace        TEXT,
    -- Pull cursor: the (transaction id, sequence) of the last change applied.
    -- Transaction ids are 64-bit (xid8) and kept as text.
    cursor_xid       TEXT NOT NULL DEFAULT '0',
    cursor_seq       INTEGER NOT NULL DEFAULT 0,
    -- While a new device copies the server's state: the last row copied and
    -- the feed position the copy started from.
    snapshot_table   TEXT,
    snapshot_id      TEXT,
    snapshot_done    INTEGER NOT NULL DEFAULT 0 CHECK (snapshot_done IN (0, 1)),
    -- The highest clock of this device the server has acknowledged.
    acked_clock      INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_link (only_row) VALUES (1);

-- Values for columns this device's schema does not have yet (sent by a device
-- running a newer version). Applied by the first open after the upgrade that
-- adds the column.
CREATE TABLE sync_parked (
    tbl       TEXT NOT NULL,
    id        TEXT NOT NULL,
    col       TEXT NOT NULL,
    value     TEXT NOT NULL,       -- JSON
    clock     INTEGER NOT NULL,
    site      TEXT NOT NULL,
    PRIMARY KEY (tbl, id, col)
) STRICT, WITHOUT ROWID;

-- A value a concurrent edit overwrote, as found by the server when the two
-- edits met. Synced like any record: every device lists the same conflicts,
-- and restoring or dismissing one on a device is an edit of this row.
CREATE TABLE conflicts (
    id             TEXT PRIMARY KEY NOT NULL,
    -- update_update, update_delete, delete_update or insert_insert.
    kind           TEXT NOT NULL,
    tbl            TEXT NOT NULL,
    row_id         TEXT NOT NULL,
    col            TEXT,
    -- The value that lost (JSON), who wrote it and when.
    lost_value     TEXT,
    lost_by        TEXT NOT NULL,
    lost_at        TEXT NOT NULL,
    -- The value that won, who wrote it and when (none when the row itself was
    -- gone from the server).
    kept_value     TEXT,
    kept_by        TEXT,
    kept_at        TEXT,
    -- Set when a person restored the lost value or dismissed the conflict.
    resolved_at    TEXT,
    resolution     TEXT CHECK (resolution IS NULL OR resolution IN ('restored', 'dismissed')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX conflicts_open ON conflicts (created_at DESC) WHERE resolved_at IS NULL AND deleted_at IS NULL;
