//! Seeded simulations of a team: 2 to 6 laptops editing the same artists
//! offline, syncing in any order, crashing in the middle of pushes and
//! pulls, receiving batches twice, their clocks jumping days back or ahead
//! (writes stamped ahead wait for the clock to be right), some of them
//! upgraded to a next app version with a column the others park, the
//! server purging deleted artists while some laptops are away longer than
//! the retention. After the network heals, every laptop must hold exactly
//! the server's state, and every value anybody typed must be current,
//! knowingly overwritten or deleted by someone who saw it, or listed as a
//! conflict.
//!
//! `MONA_SIM_CASES` sets the number of cases (1,000 by default, split over
//! four tests that run in parallel), `MONA_SIM_FIRST_SEED` the first seed
//! (0 by default); `MONA_SIM_SEED` replays one case. `MONA_SIM_TRACE`
//! prints every step, the writes of the columns it lists (`phone,city`;
//! empty for all), the rounds of the healing and the conflicts found.
//! Seeds that once failed are replayed first, in `REGRESSIONS`.

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;

use mona_core::artists::{self, ArtistFields, Platform, SocialAccount};
use mona_core::pipeline::StagePreset;
use mona_core::replica::{self, FeedPosition, Outbox, RemoteRow, Version};
use mona_sync::pull::{Copy, pull};
use mona_sync::push::{CLOCK_TOLERANCE_MS, push};
use mona_sync::{Server, SyncError, sync_round};
use serde_json::Value;
use support::{Device, TestServer};

/// Seeds that failed once, kept as regression cases.
/// 300: an edit made with a "restore" that lost to a later deletion was purged unlisted.
/// 105791: a record deleted, purged, then brought back by a person
/// restoring its conflict: the deletion ended the row's earlier life.
/// 107122: a laptop learnt of a purge after it already held the row made
/// again under the same key, and erased the new row.
/// 109666: a laptop crashed before hearing that its new card was stored, so
/// its next push carried the birth again, with a phone typed offline while a
/// colleague deleted the card; the phone was not listed and the purge took it.
/// 144180: an upgraded laptop away during a purge and the card's restore
/// copied the server again and kept a label of the purged card in the new one.
const REGRESSIONS: &[u64] = &[300, 103636, 105791, 107122, 109666, 144180];

fn tracing() -> bool {
    std::env::var("MONA_SIM_TRACE").is_ok()
}

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

const CITIES: &[&str] = &["Paris", "Lyon", "Marseille", "Lille", "Nantes", "Bordeaux"];
const LABELS: &[&str] = &["Wagram", "Because", "Ed Banger", "Tôt ou tard"];
const NAMES: &[&str] = &["Élodie", "Nadia K", "Jules", "Maëlys", "Théo", "Inès"];

/// A value somebody typed, with the version it got and the one it replaced.
#[derive(Debug, Clone)]
struct Write {
    table: String,
    id: String,
    column: String,
    value: Value,
    version: Version,
    base: Option<Version>,
}

/// A deletion somebody made, with the values they saw when deleting.
#[derive(Debug, Clone)]
struct Deletion {
    id: String,
    seen: BTreeMap<String, Value>,
}

struct Laptop {
    device: Option<Device>,
    connection: Server,
    offline: bool,
    /// How far this laptop's clock is off, in milliseconds.
    clock_offset_ms: i64,
    /// Whether it runs the next version of the app (`support::NEXT_VERSION`).
    upgraded: bool,
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// Where a laptop's clock may jump to, relative to the real time.
const CLOCK_JUMPS: &[i64] = &[
    -3 * DAY_MS,
    -DAY_MS,
    -2 * HOUR_MS,
    2 * HOUR_MS,
    DAY_MS,
    3 * DAY_MS,
    0,
];

/// Whether `outbox` holds writes stamped beyond what the server accepts now
/// (made while the laptop's clock ran ahead).
fn stamped_ahead(outbox: &Outbox) -> bool {
    let limit = (jiff::Timestamp::now().as_millisecond() + CLOCK_TOLERANCE_MS) << 16;
    outbox.rows.iter().any(|row| {
        row.birth
            .iter()
            .map(|b| b.clock)
            .chain(row.cells.values().map(|c| c.version.clock))
            .any(|clock| clock > limit)
    })
}

impl Laptop {
    fn device(&self) -> &Device {
        self.device.as_ref().expect("device")
    }

    /// Closes the file without warning and opens it again.
    fn crash(&mut self) {
        let upgraded = self.upgraded;
        self.reopen(upgraded);
    }

    /// Closes the app and opens the file with the next version of the app.
    fn upgrade(&mut self) {
        self.upgraded = true;
        self.reopen(true);
    }

    fn reopen(&mut self, upgraded: bool) {
        let device = self.device.take().expect("device");
        let device = if upgraded {
            device.upgrade()
        } else {
            device.reopen()
        };
        device.db.set_clock_offset(self.clock_offset_ms);
        self.device = Some(device);
    }

    fn set_clock(&mut self, offset_ms: i64) {
        self.clock_offset_ms = offset_ms;
        self.device().db.set_clock_offset(offset_ms);
    }
}

struct Team {
    rng: Rng,
    laptops: Vec<Laptop>,
    epoch: String,
    ids: Vec<String>,
    writes: Vec<Write>,
    deletions: Vec<Deletion>,
    sent: Vec<Outbox>,
    pages: Vec<(usize, Vec<RemoteRow>, FeedPosition)>,
    /// The most values a laptop held parked for a column it did not have.
    parked_most: i64,
    /// The server as its administrator sees it (housekeeping, devices).
    admin: tokio_postgres::Client,
    housekeeping: Server,
    purged_rows: i32,
}

/// Every row of a device by (table, id).
fn rows_of(device: &Device) -> BTreeMap<(String, String), RemoteRow> {
    replica::state(&device.db)
        .expect("state")
        .into_iter()
        .map(|r| ((r.table.clone(), r.id.clone()), r))
        .collect()
}

impl Team {
    async fn new(server: &TestServer, seed: u64) -> Team {
        let mut rng = Rng(seed);
        let size = 2 + rng.below(5);
        let mut laptops = Vec::new();
        for n in 0..size {
            let device = Device::new(&format!("laptop-{n}"));
            laptops.push(Laptop {
                connection: device.connect(server).await,
                device: Some(device),
                offline: false,
                clock_offset_ms: 0,
                upgraded: false,
            });
        }
        // Some laptops already run the next version when the case starts.
        for laptop in &mut laptops {
            if rng.chance(25) {
                laptop.upgrade();
            }
        }
        let epoch = laptops[0].connection.info().await.expect("info").epoch;
        Team {
            rng,
            laptops,
            epoch,
            ids: Vec::new(),
            writes: Vec::new(),
            deletions: Vec::new(),
            sent: Vec::new(),
            pages: Vec::new(),
            parked_most: 0,
            admin: server.client().await,
            housekeeping: server.connect().await,
            purged_rows: 0,
        }
    }

    /// Runs `edit` on laptop `n` and records the values it wrote.
    fn record(&mut self, n: usize, edit: impl FnOnce(&Device) -> Option<String>) {
        let device = self.laptops[n].device();
        let before = rows_of(device);
        let Some(_) = edit(device) else { return };
        let after = rows_of(device);
        for (key, row) in &after {
            let old = before.get(key);
            let deletes = row
                .cells
                .get("deleted_at")
                .is_some_and(|cell| !cell.value.is_null())
                && old
                    .and_then(|o| o.cells.get("deleted_at"))
                    .is_none_or(|cell| cell.value.is_null());
            if let (true, Some(old)) = (deletes, old) {
                let mut seen: BTreeMap<String, Value> = old
                    .cells
                    .iter()
                    .map(|(column, cell)| (column.clone(), cell.value.clone()))
                    .collect();
                // Values held for a column this version does not have.
                seen.extend(parked_values(device, &key.1));
                self.deletions.push(Deletion {
                    id: key.1.clone(),
                    seen,
                });
            }
            for (column, cell) in &row.cells {
                let base = old
                    .and_then(|o| o.cells.get(column))
                    .map(|c| c.version.clone());
                if base.as_ref() != Some(&cell.version) {
                    self.writes.push(Write {
                        table: key.0.clone(),
                        id: key.1.clone(),
                        column: column.clone(),
                        value: cell.value.clone(),
                        version: cell.version.clone(),
                        base,
                    });
                }
            }
        }
    }

    fn random_card(&mut self) -> ArtistFields {
        ArtistFields {
            name: self.rng.pick(NAMES).copied().unwrap_or("Élodie").to_owned(),
            city: self.rng.pick(CITIES).map(|c| (*c).to_owned()),
            ..ArtistFields::default()
        }
    }

    async fn step(&mut self) {
        let n = self.rng.below(self.laptops.len());
        let roll = self.rng.below(100);
        if tracing() {
            eprintln!(
                "step: laptop-{n} roll {roll} offline {}",
                self.laptops[n].offline
            );
        }
        let writes_before = self.writes.len();
        self.act(n, roll).await;
        if tracing() {
            for w in &self.writes[writes_before..] {
                if std::env::var("MONA_SIM_TRACE")
                    .is_ok_and(|c| c.is_empty() || c.split(',').any(|x| x == w.column))
                {
                    eprintln!(
                        "   wrote {} {}={} v{} base {:?}",
                        &w.id[30..],
                        w.column,
                        w.value,
                        w.version.clock % 1_000_000_000,
                        w.base.as_ref().map(|b| b.clock % 1_000_000_000)
                    );
                }
            }
        }
    }

    async fn act(&mut self, n: usize, roll: usize) {
        match roll {
            // A handful of artists, so that edits meet.
            0..=14 if self.ids.len() < 3 || self.rng.chance(25) => {
                let card = self.random_card();
                let mut created = None;
                self.record(n, |d| {
                    created = artists::create(&d.db, card).ok().map(|a| a.id);
                    created.clone()
                });
                self.ids.extend(created);
            }
            15..=44 => {
                let Some(id) = self.rng.pick(&self.ids).cloned() else {
                    return;
                };
                // Mostly the same two fields, so that edits collide.
                let field = if self.rng.chance(70) {
                    self.rng.below(2)
                } else {
                    self.rng.below(5)
                };
                let city = self.rng.pick(CITIES).copied().unwrap_or("Paris");
                let number = self.rng.next() % 1000;
                self.record(n, |d| {
                    let mut card = artists::get(&d.db, &id).ok()?.fields;
                    match field {
                        0 => card.city = Some(city.to_owned()),
                        1 => card.phone = Some(format!("+33 6 00 00 0{number:03}")),
                        2 => card.notes = format!("note {number}"),
                        3 => match card.accounts.first_mut() {
                            Some(account) => account.audience = Some(number as u32 * 100),
                            None => card.accounts.push(SocialAccount {
                                platform: Platform::Instagram,
                                handle: Some(format!("compte{number}")),
                                audience: Some(number as u32 * 100),
                                ..SocialAccount::default()
                            }),
                        },
                        _ => card.stage_id = Some(StagePreset::Contacted.id().to_owned()),
                    }
                    artists::update(&d.db, &id, card).ok().map(|a| a.id)
                });
            }
            45..=51 => {
                let Some(id) = self.rng.pick(&self.ids).cloned() else {
                    return;
                };
                self.record(n, |d| artists::delete(&d.db, &id).ok().map(|_| id.clone()));
            }
            52..=55 => {
                let Some(id) = self.rng.pick(&self.ids).cloned() else {
                    return;
                };
                self.record(n, |d| artists::restore(&d.db, &id).ok().map(|a| a.id));
            }
            56..=58 => {
                let conflicts =
                    mona_core::conflicts::open(&self.laptops[n].device().db).expect("conflicts");
                let Some(conflict) = self.rng.pick(&conflicts).cloned() else {
                    return;
                };
                let restore = self.rng.chance(70);
                self.record(n, |d| {
                    let done = if restore {
                        mona_core::conflicts::restore(&d.db, &conflict.id)
                    } else {
                        mona_core::conflicts::dismiss(&d.db, &conflict.id)
                    };
                    done.ok().map(|_| conflict.id.clone())
                });
            }
            59..=66 => {
                let laptop = &mut self.laptops[n];
                laptop.offline = !laptop.offline;
            }
            67..=69 => self.crash_after_the_server_stored_a_push(n).await,
            70..=71 => self.push_twice(n).await,
            72..=73 => self.crash_with_a_pulled_page_not_applied(n).await,
            74 => self.laptops[n].crash(),
            75..=76 => {
                let jump = self.rng.pick(CLOCK_JUMPS).copied().unwrap_or(0);
                self.laptops[n].set_clock(jump);
            }
            77..=78 => {
                if !self.laptops[n].upgraded {
                    self.laptops[n].upgrade();
                }
            }
            79..=84 => {
                let Some(id) = self.rng.pick(&self.ids).cloned() else {
                    return;
                };
                if !self.laptops[n].upgraded {
                    return;
                }
                let label = self.rng.pick(LABELS).copied().unwrap_or("Wagram");
                self.record(n, |d| {
                    d.db.write(|t| {
                        Ok(t.execute(
                            // Like every edit of a card, only while it is not deleted.
                            "UPDATE artists SET label = ?1
                             WHERE id = ?2 AND label IS NOT ?1 AND deleted_at IS NULL",
                            [label, id.as_str()],
                        )?)
                    })
                    .ok()
                    .filter(|changed| *changed > 0)
                    .map(|_| id.clone())
                });
            }
            85..=88 => self.purge().await,
            0..=14 => {}
            _ => {
                if !self.laptops[n].offline {
                    self.sync(n).await;
                }
            }
        }
    }

    async fn sync(&mut self, n: usize) {
        let laptop = &mut self.laptops[n];
        let device = laptop.device.as_ref().expect("device");
        let before = replica::link(&device.db).expect("link").cursor;
        if let Ok(page) = pull(&laptop.connection, &before, 50).await
            && !page.rows.is_empty()
        {
            self.pages.push((n, page.rows, page.next));
        }
        if let Ok(outbox) = replica::outbox(&device.db, 50)
            && !outbox.rows.is_empty()
            && !stamped_ahead(&outbox)
        {
            self.sent.push(outbox);
        }
        let name = device.name.clone();
        let before = rows_of(device);
        match sync_round(&device.db, &mut laptop.connection, &name).await {
            Ok(_) => {}
            // Held until the clock is right again.
            Err(SyncError::ClockAhead { .. }) if laptop.clock_offset_ms > CLOCK_TOLERANCE_MS => {}
            Err(error) => panic!("sync round: {error:?}"),
        }
        self.follow_restamps(n, &before);
        let parked: i64 = self.laptops[n]
            .device()
            .db
            .read(|c| Ok(c.query_row("SELECT count(*) FROM sync_parked", [], |r| r.get(0))?))
            .expect("parked");
        self.parked_most = self.parked_most.max(parked);
    }

    /// The server's daily housekeeping, after some laptops have not synced
    /// for longer than the retention: it purges the deleted artists every
    /// other laptop has seen deleted.
    async fn purge(&mut self) {
        for n in 0..self.laptops.len() {
            if !self.rng.chance(50) {
                continue;
            }
            let site = replica::site(&self.laptops[n].device().db).expect("site");
            self.admin
                .execute(
                    "UPDATE sync_devices SET last_seen_at = now() - interval '60 days' WHERE site = $1",
                    &[&site],
                )
                .await
                .expect("away for two months");
        }
        let purged = self
            .housekeeping
            .purge(mona_sync::service::ACTIVE_DAYS)
            .await
            .expect("purge");
        if tracing() {
            eprintln!("   purged {purged}");
        }
        self.purged_rows += purged;
    }

    /// Writes held by the clock guard get new clocks once the laptop's clock
    /// is right: the recorded writes follow them.
    fn follow_restamps(&mut self, n: usize, before: &BTreeMap<(String, String), RemoteRow>) {
        let device = self.laptops[n].device();
        let site = replica::site(&device.db).expect("site");
        for (key, row) in rows_of(device) {
            for (column, cell) in &row.cells {
                let Some(old) = before.get(&key).and_then(|r| r.cells.get(column)) else {
                    continue;
                };
                if old.version != cell.version
                    && old.version.site == site
                    && cell.version.site == site
                    && old.value == cell.value
                {
                    for write in &mut self.writes {
                        if write.id == key.1
                            && write.column == *column
                            && write.version == old.version
                        {
                            write.version = cell.version.clone();
                        }
                    }
                }
            }
        }
    }

    /// What laptop `n` would push now, if it can push at all.
    fn pushable(&self, n: usize) -> Option<Outbox> {
        if self.laptops[n].offline || !self.bound(n) {
            return None;
        }
        let outbox = replica::outbox(&self.laptops[n].device().db, 20).expect("outbox");
        (!outbox.rows.is_empty() && !stamped_ahead(&outbox)).then_some(outbox)
    }

    /// Laptop `n` pushes `outbox` and does not hear the answer yet.
    async fn push_from(&mut self, n: usize, outbox: &Outbox) -> mona_sync::push::Pushed {
        let laptop = &mut self.laptops[n];
        let db = Arc::clone(&laptop.device().db);
        push(&db, &mut laptop.connection, &self.epoch, outbox)
            .await
            .expect("push")
    }

    /// The server committed the push; the laptop died before hearing so.
    async fn crash_after_the_server_stored_a_push(&mut self, n: usize) {
        let Some(outbox) = self.pushable(n) else {
            return;
        };
        self.push_from(n, &outbox).await;
        self.sent.push(outbox);
        self.laptops[n].crash();
    }

    /// The same batch arrives twice (a retry after a lost answer).
    async fn push_twice(&mut self, n: usize) {
        let Some(outbox) = self.pushable(n) else {
            return;
        };
        self.push_from(n, &outbox).await;
        let again = self.push_from(n, &outbox).await;
        assert_eq!(again.conflicts, 0, "a batch sent twice makes no conflict");
        replica::acknowledge(&self.laptops[n].device().db, &outbox, &again.merged)
            .expect("acknowledge");
        self.sent.push(outbox);
    }

    /// A page was read from the server; the laptop died before applying it.
    async fn crash_with_a_pulled_page_not_applied(&mut self, n: usize) {
        if self.laptops[n].offline {
            return;
        }
        let laptop = &mut self.laptops[n];
        let cursor = replica::link(&laptop.device().db).expect("link").cursor;
        let _lost = pull(&laptop.connection, &cursor, 10).await.expect("pull");
        laptop.crash();
    }

    fn bound(&self, n: usize) -> bool {
        let link = replica::link(&self.laptops[n].device().db).expect("link");
        link.server_epoch.as_deref() == Some(self.epoch.as_str()) && link.snapshot_done
    }

    /// Everybody back online; each laptop syncs until nothing moves.
    async fn heal(&mut self, server: &TestServer) {
        for laptop in &mut self.laptops {
            laptop.offline = false;
            laptop.set_clock(0);
            if !laptop.upgraded {
                laptop.upgrade();
            }
        }
        // Half the teams also get the day's housekeeping once everybody has
        // synced: every deleted artist leaves the server and the laptops.
        let housekeeping = self.rng.chance(50);
        for pass in 0..4 {
            if pass == 3 {
                if !housekeeping {
                    break;
                }
                self.purged_rows += self
                    .housekeeping
                    .purge(mona_sync::service::ACTIVE_DAYS)
                    .await
                    .expect("purge");
            }
            for n in 0..self.laptops.len() {
                let before = rows_of(self.laptops[n].device());
                let round = self.laptops[n]
                    .device()
                    .sync(server)
                    .await
                    .expect("sync while healing");
                if tracing() {
                    eprintln!("heal pass {pass} laptop-{n}: {round:?}");
                }
                self.follow_restamps(n, &before);
            }
        }
    }

    async fn check(&mut self, server: &TestServer, seed: u64) {
        let mut connection = server.connect().await;
        let state = server_state(&mut connection).await;
        for laptop in &self.laptops {
            let local =
                without_unwritten_cells(replica::state(&laptop.device().db).expect("state"));
            assert!(
                local == state,
                "seed {seed}: {} differs from the server:\n{}",
                laptop.device().name,
                first_difference(&local, &state)
            );
            assert_eq!(
                replica::pending_rows(&laptop.device().db).expect("pending"),
                0
            );
        }
        let purged: Vec<(String, String)> = connection_rows(
            &self.admin,
            "SELECT tbl, pk FROM sync_purged ORDER BY tbl, pk",
        )
        .await;
        if tracing() {
            for conflict in state.iter().filter(|r| r.table == "conflicts") {
                let cell = |column: &str| {
                    conflict
                        .cells
                        .get(column)
                        .map(|cell| cell.value.to_string())
                        .unwrap_or_default()
                };
                eprintln!(
                    "conflict: row {} {} column {} lost {}",
                    cell("row_id"),
                    cell("kind"),
                    cell("col"),
                    cell("lost_value")
                );
            }
            eprintln!("purged: {purged:?}");
        }
        self.check_nothing_lost(&state, &purged, seed);

        // Replaying any batch or page changes nothing.
        if let Some(outbox) = self.rng.pick(&self.sent).cloned() {
            // Replayed as its own laptop would send it.
            let sender = self
                .laptops
                .iter()
                .map(Laptop::device)
                .find(|d| replica::site(&d.db).is_ok_and(|site| site == outbox.site))
                .expect("the laptop that sent it");
            connection.identify(sender.secret.clone());
            let replayed = push(&sender.db, &mut connection, &self.epoch, &outbox)
                .await
                .expect("replay a push");
            assert_eq!(
                replayed.conflicts, 0,
                "seed {seed}: a replayed push made a conflict"
            );
            assert!(
                server_state(&mut connection).await == state,
                "seed {seed}: a replayed push changed the server"
            );
        }
        if let Some((n, rows, next)) = self.rng.pick(&self.pages).cloned() {
            let db = &self.laptops[n].device().db;
            let cursor = replica::link(db).expect("link").cursor;
            replica::apply_pulled(db, &rows, &[], &next).expect("replay a page");
            replica::apply_pulled(db, &[], &[], &cursor).expect("cursor back");
            let after = without_unwritten_cells(replica::state(db).expect("state"));
            assert!(
                after == state,
                "seed {seed}: a replayed page changed laptop-{n}\n{}\nreplayed page: {rows:?}",
                first_difference(&after, &state)
            );
        }
    }

    /// Every write is current, was overwritten by someone who had seen it,
    /// or is listed as a conflict's lost value.
    /// A row the server purged was deleted by someone who saw what it held,
    /// or the values they did not see are listed as conflicts.
    fn check_nothing_lost(&self, state: &[RemoteRow], purged: &[(String, String)], seed: u64) {
        let current: BTreeMap<(&str, &str), &RemoteRow> = state
            .iter()
            .map(|r| ((r.table.as_str(), r.id.as_str()), r))
            .collect();
        let conflicts: Vec<&RemoteRow> = state.iter().filter(|r| r.table == "conflicts").collect();
        for write in &self.writes {
            if mona_sync::merge::is_bookkeeping(&write.column) || write.table == "conflicts" {
                continue;
            }
            let was_purged = purged
                .iter()
                .any(|(table, id)| *table == write.table && *id == write.id);
            let row = current.get(&(write.table.as_str(), write.id.as_str()));
            assert!(
                row.is_some() || was_purged,
                "seed {seed}: row {} of {} vanished",
                write.id,
                write.table
            );
            // A cell left out by `without_unwritten_cells` is empty since birth.
            let cell = row.map(|row| {
                row.cells
                    .get(&write.column)
                    .cloned()
                    .unwrap_or(mona_core::replica::Cell {
                        value: Value::Null,
                        version: row.birth.clone(),
                    })
            });
            let is_current = cell
                .as_ref()
                .is_some_and(|cell| cell.version == write.version || cell.value == write.value);
            // The deletion that made the row leave the server stands; if a
            // person brought the record back from its conflict since, the row
            // was born again after it and the deletion ended its earlier life.
            let is_current = is_current
                || (write.column == "deleted_at"
                    && !write.value.is_null()
                    && (row.is_none()
                        || (was_purged && row.is_some_and(|r| r.birth > write.version))));
            // Deleted by someone who saw it, before the row left the server.
            let deleted_knowingly = was_purged
                && self
                    .deletions
                    .iter()
                    .any(|d| d.id == write.id && d.seen.get(&write.column) == Some(&write.value));
            // Overwritten by someone who had seen it, or who had seen the
            // same value typed by another (equal concurrent values merge).
            let same_value: Vec<&Version> = self
                .writes
                .iter()
                .filter(|w| w.id == write.id && w.column == write.column && w.value == write.value)
                .map(|w| &w.version)
                .collect();
            let seen_and_overwritten = self.writes.iter().any(|w| {
                w.id == write.id
                    && w.column == write.column
                    && w.base.as_ref().is_some_and(|b| same_value.contains(&b))
            });
            let listed = conflicts.iter().any(|c| {
                let text = |column: &str| {
                    c.cells
                        .get(column)
                        .and_then(|v| v.value.as_str().map(str::to_owned))
                };
                if text("row_id").as_deref() != Some(write.id.as_str()) {
                    return false;
                }
                let lost = text("lost_value");
                match text("col") {
                    // Two people who typed the same value lose it once,
                    // under one of their names.
                    Some(column) => column == write.column && lost == Some(write.value.to_string()),
                    // A whole record: the values it held.
                    None => lost
                        .and_then(|v| serde_json::from_str::<Value>(&v).ok())
                        .is_some_and(|v| v.get(&write.column) == Some(&write.value)),
                }
            });
            assert!(
                is_current || seen_and_overwritten || deleted_knowingly || listed,
                "seed {seed}: {write:?} was lost: now {cell:?}"
            );
        }
    }
}

/// The values a laptop holds for columns its version does not have.
fn parked_values(device: &Device, id: &str) -> Vec<(String, Value)> {
    device
        .db
        .read(|c| {
            let mut statement = c.prepare("SELECT col, value FROM sync_parked WHERE id = ?1")?;
            let rows = statement.query_map([id], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<(String, String)>>>()?)
        })
        .expect("parked")
        .into_iter()
        .filter_map(|(column, value)| Some((column, serde_json::from_str(&value).ok()?)))
        .collect()
}

async fn connection_rows(client: &tokio_postgres::Client, sql: &str) -> Vec<(String, String)> {
    client
        .query(sql, &[])
        .await
        .expect("query")
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

async fn server_state(server: &mut Server) -> Vec<RemoteRow> {
    let copy = Copy::begin(server).await.expect("copy");
    without_unwritten_cells(copy.page(None, i64::MAX).await.expect("state"))
}

/// Drops the cells never written since their row's birth that hold nothing:
/// a column added by an upgrade is empty on the computers that had the row
/// before, and absent from the rows written by computers that did not have
/// the column yet. Both mean the same.
fn without_unwritten_cells(rows: Vec<RemoteRow>) -> Vec<RemoteRow> {
    rows.into_iter()
        .map(|mut row| {
            let birth = row.birth.clone();
            row.cells
                .retain(|_, cell| !(cell.value.is_null() && cell.version == birth));
            row
        })
        .collect()
}

fn first_difference(local: &[RemoteRow], server: &[RemoteRow]) -> String {
    let key = |r: &RemoteRow| (r.table.clone(), r.id.clone());
    let on_server: BTreeMap<_, _> = server.iter().map(|r| (key(r), r)).collect();
    let on_laptop: BTreeMap<_, _> = local.iter().map(|r| (key(r), r)).collect();
    for (k, row) in &on_laptop {
        match on_server.get(k) {
            None => return format!("only on the laptop: {row:?}"),
            Some(theirs) if theirs != row => return format!("laptop: {row:?}\nserver: {theirs:?}"),
            Some(_) => {}
        }
    }
    match on_server.iter().find(|(k, _)| !on_laptop.contains_key(*k)) {
        Some((_, row)) => format!("only on the server: {row:?}"),
        None => "the same rows".to_owned(),
    }
}

async fn run_case(server: &TestServer, seed: u64) {
    server.reset().await;
    let mut team = Team::new(server, seed).await;
    // A few artists everybody knows, so that offline edits meet.
    for _ in 0..3 {
        let card = team.random_card();
        let mut created = None;
        team.record(0, |d| {
            created = artists::create(&d.db, card).ok().map(|a| a.id);
            created.clone()
        });
        team.ids.extend(created);
    }
    for n in 0..team.laptops.len() {
        team.sync(n).await;
    }
    team.sync(0).await;
    let steps = 20 + team.rng.below(60);
    for _ in 0..steps {
        team.step().await;
    }
    team.heal(server).await;
    team.check(server, seed).await;
    if std::env::var("MONA_SIM_STATS").is_ok() {
        let conflicts = replica::state(&team.laptops[0].device().db)
            .expect("state")
            .iter()
            .filter(|r| r.table == "conflicts")
            .count();
        eprintln!(
            "seed {seed}: {} laptops, {steps} steps, {} writes, {} artists, {conflicts} conflicts, {} pushes kept, {} pages kept, {} labels written, {} parked at most, {} purged",
            team.laptops.len(),
            team.writes.len(),
            team.ids.len(),
            team.sent.len(),
            team.pages.len(),
            team.writes.iter().filter(|w| w.column == "label").count(),
            team.parked_most,
            team.purged_rows
        );
    }
}

fn cases() -> u64 {
    std::env::var("MONA_SIM_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

/// Runs this test's share (`part` of four) of the seeded cases.
async fn run_part(part: u64) {
    let server = TestServer::prepared().await;
    if let Some(seed) = std::env::var("MONA_SIM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        if part == 0 {
            run_case(&server, seed).await;
        }
        return;
    }
    if part == 0 {
        for &seed in REGRESSIONS {
            run_case(&server, seed).await;
        }
    }
    let first = first_seed();
    let mut seed = first + part;
    while seed < first + cases() {
        run_case(&server, seed).await;
        seed += 4;
    }
}

/// `MONA_SIM_FIRST_SEED`: where the cases start (0 by default), so that a
/// long campaign runs in batches of new seeds.
fn first_seed() -> u64 {
    std::env::var("MONA_SIM_FIRST_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_converge_and_lose_nothing_part_1() {
    run_part(0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_converge_and_lose_nothing_part_2() {
    run_part(1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_converge_and_lose_nothing_part_3() {
    run_part(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_converge_and_lose_nothing_part_4() {
    run_part(3).await;
}
