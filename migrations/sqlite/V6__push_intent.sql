-- V6: a copied or restored database file is recognised (ARCHITECTURE.md, "Sync").
--
-- Before each push the device records the newest clock it is about to send.
-- The server remembers, per device, the newest clock it stored. If the server
-- holds more of this device than the file ever acknowledged or tried to send,
-- another copy of this file has been syncing under the same identity (a
-- copied data folder, a backup put back): this file then takes a new identity
-- and sends its unsent changes under it, instead of having them mistaken for
-- what the server already holds.
ALTER TABLE sync_link ADD COLUMN push_intent INTEGER NOT NULL DEFAULT 0;
