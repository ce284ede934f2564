//! The team sync: every device keeps its own SQLite file and works offline;
//! a shared PostgreSQL server is where their edits meet.
//!
//! Why it exists: managers and streamers edit the same artists, sponsors and
//! tasks from laptops that are often offline for days. Every device must end
//! up with the same data, and no value anybody typed may disappear without a
//! trace. This crate is the only code that talks to the server; everything it
//! does on the local file goes through [`mona_core::replica`].
//!
//! Map:
//! - [`server`]: connecting, preparing an empty server database (its schema
//!   lives in `migrations/postgres`), joining a workspace.
//! - [`merge`]: how a device's edit meets the server's state, cell by cell;
//!   pure functions, where conflicts are found.
//! - [`push`] and [`pull`]: the two halves of an exchange, each one
//!   PostgreSQL transaction.
//! - [`round`]: one sync round: copy the server's state once, then push
//!   what is waiting and pull what is new.
//! - [`service`]: rounds run by themselves (after local changes, on an
//!   interval, when the network comes back, on "Sync now") and the status
//!   the app shows.
//! - [`keychain`]: the server's password, in the OS keychain only.
//! - [`tls`]: the encrypted connection (disable, require, verify-full).
//!
//! Invariants:
//! - A pushed batch is acknowledged on the device only after the server's
//!   transaction committed; pushing it again changes nothing.
//! - The pull cursor is (transaction id, sequence) below the oldest running
//!   transaction, so a late commit is never skipped.
//! - Every value a concurrent edit overwrote is kept as a `conflicts` row.
//! - All SQL sent to the server uses bound parameters.

mod error;
pub mod keychain;
pub mod merge;
pub mod pull;
pub mod push;
pub mod round;
pub mod server;
pub mod service;
pub mod tls;
mod wire;

pub use error::SyncError;
pub use round::{RoundReport, sync_round};
pub use server::{Server, ServerInfo};
pub use service::{SyncProblem, SyncService, SyncState, SyncStatus};
