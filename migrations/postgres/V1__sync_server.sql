-- V1: the team's shared PostgreSQL server (ARCHITECTURE.md, "Sync").
--
-- Applied by the app's "prepare the server" admin action (refinery over
-- tokio-postgres), never by a device that merely syncs.
--
-- The server holds, for every synced row of every device, its values and the
-- version of each value (`sync_state`), an append-only feed of what changed
-- (`sync_changes`) that devices read with a cursor, and the devices that
-- joined. Cell values are JSON so that a column added by a newer app version
-- is kept before every device knows it. `json`, not `jsonb`: the server only
-- stores and returns it (the app merges), and text comes out of PostgreSQL
-- several times faster than jsonb must be printed.

-- One row: who this server is.
CREATE TABLE sync_server (
    only_row           BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    -- A new value tells devices the server lost or rewound its history (it
    -- was rebuilt, or restored from a dump: found when the feed holds
    -- transaction ids ahead of the server's own); they then send everything
    -- they hold again.
    epoch              UUID NOT NULL,
    workspace          TEXT NOT NULL,
    -- Devices whose local schema is older than this refuse to sync.
    min_client_schema  INTEGER NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sync_devices (
    site          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    joined_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Every write of this device with a clock up to this one is stored.
    acked_clock   BIGINT NOT NULL DEFAULT 0
);

-- The current state of every synced row: its birth version and its cells,
-- {"values": {column: value}, "versions": {column: [clock, site]}}, where
-- `versions` names only the cells written after the row's birth.
CREATE TABLE sync_state (
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    birth_clock  BIGINT NOT NULL,
    birth_site   TEXT NOT NULL,
    cells        JSON NOT NULL,
    PRIMARY KEY (tbl, pk)
);

-- What each push changed, read by devices in (xid, seq) order. `xid` is the
-- writing transaction's id: a reader only takes rows below the oldest
-- transaction still running (`pg_snapshot_xmin`), so a transaction that
-- commits late can never be skipped (a plain sequence would be).
CREATE TABLE sync_changes (
    xid          XID8 NOT NULL DEFAULT pg_current_xact_id(),
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    birth_clock  BIGINT NOT NULL,
    birth_site   TEXT NOT NULL,
    -- Only the cells this change wrote, as in sync_state.
    cells        JSON NOT NULL,
    PRIMARY KEY (xid, seq)
);
