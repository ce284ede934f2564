//! One sync round, as the app runs it after local edits, on a timer and on
//! "Sync now": check the server, copy its state once, push what waits,
//! pull what is new.
//!
//! Why pushes come first: a row with unsent edits is not touched by pulled
//! changes (`mona_core::replica`); pushing first means the server merges
//! those edits and its answer brings the rows up to date.

use std::sync::Arc;

use mona_core::Database;
use mona_core::replica;

use crate::pull::{Copy, pull};
use crate::push::{CLOCK_TOLERANCE_MS, push};
use crate::{Server, SyncError};

/// Rows per push transaction.
pub const PUSH_ROWS: usize = 1000;
/// Changes per pulled page (one local transaction each).
pub const PULL_ROWS: i64 = 2000;
/// Rows per page of a first copy.
pub const COPY_ROWS: i64 = 5000;

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundReport {
    pub copied: usize,
    pub pushed: usize,
    pub pulled: usize,
    pub conflicts: usize,
}

/// Runs `work` on the local database off the async runtime's threads.
pub(crate) async fn local<T: Send + 'static>(
    db: &Arc<Database>,
    work: impl FnOnce(&Database) -> Result<T, mona_core::Error> + Send + 'static,
) -> Result<T, SyncError> {
    let db = Arc::clone(db);
    tokio::task::spawn_blocking(move || work(&db))
        .await
        .map_err(|e| SyncError::Server(format!("local work stopped: {e}")))?
        .map_err(SyncError::from)
}

/// One full round for the device whose file is `db`, named `device_name` in
/// the team's list of devices.
pub async fn sync_round(
    db: &Arc<Database>,
    server: &mut Server,
    device_name: &str,
) -> Result<RoundReport, SyncError> {
    let info = server.info().await?;
    let schema = i32::try_from(Database::schema_version()).unwrap_or(i32::MAX);
    if schema < info.min_client_schema {
        return Err(SyncError::DeviceTooOld {
            found: schema,
            required: info.min_client_schema,
        });
    }
    let mut report = RoundReport::default();
    let mut link = local(db, replica::link).await?;
    let mut site = local(db, replica::site).await?;
    if link.server_epoch.as_deref() == Some(info.epoch.as_str()) {
        let checked = match server.check_in(&site, &link.cursor).await {
            // The server knows this site under another secret: this file
            // was copied from another computer.
            Err(SyncError::IdentityRefused) => {
                take_new_identity(db, server, device_name).await?;
                link = local(db, replica::link).await?;
                site = local(db, replica::site).await?;
                server.check_in(&site, &link.cursor).await?
            }
            other => other?,
        };
        match checked {
            None => {
                // Not known to the server: it was restored from a backup
                // older than this device's joining, or this device's new
                // identity was cut off before it joined.
                join(db, server, &site, device_name).await?;
                if link.acked_clock > 0 {
                    tracing::warn!("the sync server lost this device; sending everything again");
                    local(db, |db| replica::resend_everything(db, 0)).await?;
                }
            }
            Some(held) if held > link.acked_clock.max(link.push_intent) => {
                // More of this device than this file ever sent: another copy
                // of the file syncs under the same identity.
                take_new_identity(db, server, device_name).await?;
                link = local(db, replica::link).await?;
            }
            Some(held) if held < link.acked_clock => {
                // A server restored from an older backup (same epoch, same
                // cluster) forgot writes it had acknowledged: send them again.
                tracing::warn!(
                    "the sync server lost acknowledged changes; sending everything again"
                );
                local(db, move |db| replica::resend_everything(db, held)).await?;
            }
            Some(_) => {}
        }
    } else {
        join(db, server, &site, device_name).await?;
        let (epoch, workspace) = (info.epoch.clone(), info.workspace.clone());
        local(db, move |db| replica::bind(db, &epoch, &workspace)).await?;
        link = local(db, replica::link).await?;
    }

    if link.snapshot_done && link.cursor.is_before(&info.feed_start) {
        // Away longer than the server keeps its feed: copy it again.
        tracing::info!("the server's feed starts after this device's cursor; copying it again");
        local(db, replica::copy_again).await?;
        link = local(db, replica::link).await?;
    }

    if !link.snapshot_done {
        let copy = Copy::begin(server).await?;
        let start = copy.start.clone();
        let purged = Arc::new(copy.purged().await?);
        let mut after = link.snapshot_after.clone();
        let mut next = copy.page(after.as_ref(), COPY_ROWS).await?;
        loop {
            let rows = std::mem::take(&mut next);
            let done = rows.len() < usize::try_from(COPY_ROWS).unwrap_or(usize::MAX);
            report.copied += rows.len();
            after = rows
                .last()
                .map(|r| (r.table.clone(), r.id.clone()))
                .or(after);
            let start = start.clone();
            let purged = Arc::clone(&purged);
            let apply = local(db, move |db| {
                replica::apply_snapshot(db, &rows, &purged, &start, done)
            });
            if done {
                apply.await?;
                break;
            }
            // The next page is read while this one is written.
            let (applied, read) = tokio::join!(apply, copy.page(after.as_ref(), COPY_ROWS));
            applied?;
            next = read?;
        }
        drop(copy);
        link = local(db, replica::link).await?;
    }

    let mut restamped = false;
    loop {
        let outbox = local(db, |db| replica::outbox(db, PUSH_ROWS)).await?;
        if outbox.rows.is_empty() {
            break;
        }
        let pushed = match push(db, server, &info.epoch, &outbox).await {
            Err(SyncError::CopiedDatabase | SyncError::IdentityRefused) => {
                take_new_identity(db, server, device_name).await?;
                continue;
            }
            Err(SyncError::ClockAhead {
                ahead_ms,
                server_ms,
                acked_clock,
            }) => {
                // Written while this computer's clock ran ahead. Once it is
                // right again, the writes get clocks the server accepts;
                // until then they wait and the user is told.
                let now_ms = db.wall_ms();
                // A clock behind the server's is harmless: the new clocks still
                // come after everything this device has seen.
                if now_ms - server_ms > CLOCK_TOLERANCE_MS || restamped {
                    return Err(SyncError::ClockAhead {
                        ahead_ms,
                        server_ms,
                        acked_clock,
                    });
                }
                restamped = true;
                local(db, move |db| {
                    replica::restamp_pending(db, now_ms, acked_clock)
                })
                .await?;
                continue;
            }
            other => other?,
        };
        report.pushed += outbox.rows.len();
        report.conflicts += pushed.conflicts;
        local(db, move |db| {
            replica::acknowledge(db, &outbox, &pushed.merged)
        })
        .await?;
    }

    let mut cursor = link.cursor;
    loop {
        let page = pull(server, &cursor, PULL_ROWS).await?;
        let count = page.rows.len() + page.erased.len();
        report.pulled += count;
        if count == 0 {
            break;
        }
        cursor = page.next.clone();
        local(db, move |db| {
            replica::apply_pulled(db, &page.rows, &page.erased, &page.next)
        })
        .await?;
        if count < usize::try_from(PULL_ROWS).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(report)
}

/// Joins the server as `site`; a site the server knows under another
/// secret (this file was copied from another computer) becomes a new one.
async fn join(
    db: &Arc<Database>,
    server: &Server,
    site: &str,
    device_name: &str,
) -> Result<(), SyncError> {
    match server.join(site, device_name).await {
        Err(SyncError::IdentityRefused) => take_new_identity(db, server, device_name).await,
        other => other,
    }
}

/// This file is a copy (a copied data folder, a backup put back) of a device
/// that kept syncing: it becomes a device of its own, and its unsent changes
/// go under its new identity instead of being taken for ones the server
/// already holds.
async fn take_new_identity(
    db: &Arc<Database>,
    server: &Server,
    device_name: &str,
) -> Result<(), SyncError> {
    tracing::warn!("this database is a copy of one that kept syncing; it takes a new identity");
    let site = local(db, replica::take_new_identity).await?;
    server.join(&site, device_name).await
}
