//! The media work of MONA x SPARK Desk, through FFmpeg's own libraries run
//! in a process of their own (the media worker).
//!
//! Why it exists: a recording that stops in OBS becomes an asset of the
//! library, and the Content Studio will trim and export videos. Both need
//! the same three things, kept here and nowhere else: read what a file
//! holds ([`inspect`]: duration, codecs, size, a thumbnail, and whether it
//! plays at all), and bring a file into the library's folder
//! ([`bring_in`]: copied or moved, hashed on the way, whole or not at all).
//!
//! Invariants: this crate knows nothing of the database, of OBS or of the
//! app; it reads the files it is given and writes only in the folder it is
//! given. Nothing here panics on a bad file: every problem is a
//! [`MediaError`] naming the file. This crate never links FFmpeg: only the
//! worker does ([`worker`] says how the two speak).

mod error;
mod inspect;
mod intake;
pub mod worker;

pub use error::{MediaError, NotPlayable};
pub use inspect::{
    AudioTrack, Inspected, Probe, THUMBNAIL_WIDTH, VideoTrack, inspect, inspect_with,
};
pub use intake::{Brought, Keep, bring_in};
