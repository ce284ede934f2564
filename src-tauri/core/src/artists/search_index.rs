//! Keeping the artist search index compact as a team lives in it.
//!
//! Why it exists: every exchange logged rewrites its card's row of
//! `artists_fts`, and FTS5 records each rewrite as a new small segment plus a
//! tombstone for the old row. FTS5's own merging keeps the number of segments
//! in check, but a lived-in index (100,000 cards after 900,000 exchanges)
//! still reads a broad word through thousands of pages and tombstones: about
//! a third slower than the same index merged into one segment (the
//! `artist_search` benchmark, docs/PERFORMANCE.md). [`tidy`] merges it a few
//! pages at a time, each step a short write, so the app can do it in the
//! background without holding up anybody's edits.

use crate::{Database, Error};

/// Index pages merged by one step of [`tidy`]: a few tens of milliseconds
/// of writing on a slow laptop.
pub const PAGES_PER_STEP: u32 = 100;

/// Merges up to `pages` pages of the search index's segments towards one;
/// `true` while there is more to merge. An index already in one piece costs
/// a read of its structure.
pub fn tidy(db: &Database, pages: u32) -> Result<bool, Error> {
    db.write(|t| {
        let before = t.total_changes();
        // A negative count merges every level (as 'optimize' does), bit by bit.
        t.execute(
            "INSERT INTO artists_fts (artists_fts, rank) VALUES ('merge', ?1)",
            [-i64::from(pages.max(1))],
        )?;
        // FTS5 counts one change for the command itself; more means it merged.
        Ok(t.total_changes() - before > 1)
    })
}
