//! Files kept with a card: a contract, a press kit, a photo, a rider.
//!
//! Why it exists: a manager drops the signed contract on the artist's card
//! and finds it there a year later. The bytes live in a folder beside the
//! database (`files/`), never in SQLite; each file is a row of `assets`
//! (the table the Content Studio's library shares) linked to the card, so
//! its name, size and date sync with the team like any other row.
//!
//! A file is stored under the SHA-256 of its bytes with its extension kept
//! (so the system opens it with the right program): the same file attached
//! twice, or to two cards, is kept once. It is written whole or not at all
//! (a `.partial` file renamed at the end) before its row is, so a row never
//! names bytes that were not written. The bytes do not travel with the team
//! sync: on another computer the row says the file is not kept there, and
//! opening it says so instead of failing.
//!
//! Bytes no row names any more (their row left with a purge, or an attach
//! stopped between the bytes and the row) are cleared by [`sweep`]; a file
//! taken off a card is still named by its row, so undo always finds it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Entity, Error, clock, ids};

/// The largest file a card takes, in MiB: documents and photos; videos go
/// to the Content Studio's library.
pub const MAX_MIB: u32 = 50;
const FILE_NAME_MAX: u32 = 255;
/// How old bytes no row names must be before [`sweep`] clears them: far
/// longer than the moment between an attach's bytes and its row.
pub const UNNAMED_BYTES_KEPT: std::time::Duration = std::time::Duration::from_secs(3600);

/// Why a file was not attached or opened.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Database(#[from] Error),
    #[error("cannot write in {folder}: {source}")]
    Write {
        folder: PathBuf,
        source: std::io::Error,
    },
    /// The row synced from a teammate; the bytes stayed on their computer.
    #[error("{name} is not kept on this computer")]
    NotOnThisDevice { name: String },
}

/// What a file is, as the library sorts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Image,
    Video,
    Audio,
    Document,
    #[default]
    Other,
}

stored_enum!(FileKind {
    Image => "image",
    Video => "video",
    Audio => "audio",
    Document => "document",
    Other => "other",
});

/// A file kept with a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeptFile {
    pub id: String,
    /// The name it had when it was attached.
    pub name: String,
    pub kind: FileKind,
    pub byte_size: u32,
    pub added_at: String,
    /// Whether its bytes are on this computer (a teammate's file may not be).
    pub on_this_device: bool,
}

/// The folder of kept files for the database at `db`.
fn folder(db: &Database) -> PathBuf {
    db.path()
        .parent()
        .map_or_else(|| PathBuf::from("files"), |data| data.join("files"))
}

/// Keeps `bytes` as the file `name` on the live card `artist_id`.
pub fn attach_to_artist(
    db: &Database,
    artist_id: &str,
    name: &str,
    bytes: &[u8],
) -> Result<KeptFile, FileError> {
    let name = name.trim();
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("file", FieldProblem::Required);
    } else if name.chars().count() > FILE_NAME_MAX as usize {
        errors.add("file", FieldProblem::TooLong { max: FILE_NAME_MAX });
    } else if bytes.len() > (MAX_MIB as usize) << 20 {
        errors.add("file", FieldProblem::TooLarge { max: MAX_MIB });
    }
    errors.into_result(()).map_err(Error::from)?;
    // The card and the right to edit it are checked before any byte is written.
    db.read(|c| {
        team::require(c, Action::EditRecords)?;
        let live: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM artists WHERE id = ?1 AND deleted_at IS NULL)",
            [artist_id],
            |r| r.get(0),
        )?;
        if live {
            Ok(())
        } else {
            Err(Error::NotFound {
                entity: Entity::Artist,
                id: artist_id.to_owned(),
            })
        }
    })?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let stored = stored_name(&sha256, name);
    let folder = folder(db);
    keep(&folder, &stored, bytes).map_err(|source| FileError::Write {
        folder: folder.clone(),
        source,
    })?;
    let id = ids::new_id();
    let now = clock::now();
    let kind = kind_of(name);
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        t.execute(
            "INSERT INTO assets (id, title, kind, file_path, byte_size, sha256, artist_id,
                                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                name,
                kind,
                stored,
                bytes.len() as i64,
                sha256,
                artist_id,
                now
            ],
        )?;
        Ok(())
    })?;
    Ok(KeptFile {
        id,
        name: name.to_owned(),
        kind,
        byte_size: bytes.len() as u32,
        added_at: now,
        on_this_device: true,
    })
}

/// The files kept with the card `artist_id`, the latest first.
pub fn of_artist(db: &Database, artist_id: &str) -> Result<Vec<KeptFile>, Error> {
    let folder = folder(db);
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT id, title, kind, coalesce(byte_size, 0), created_at, file_path FROM assets
             WHERE artist_id = ?1 AND deleted_at IS NULL ORDER BY created_at DESC, id",
        )?;
        let files = statement
            .query_map([artist_id], |r| {
                let path: Option<String> = r.get(5)?;
                Ok(KeptFile {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: FileKind::parse(&r.get::<_, String>(2)?),
                    byte_size: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
                    added_at: r.get(4)?,
                    on_this_device: path.is_some_and(|p| folder.join(p).is_file()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files)
    })
}

/// Where the bytes of the kept file `id` are on this computer, to open it.
pub fn path_of(db: &Database, id: &str) -> Result<PathBuf, FileError> {
    let row: Option<(String, Option<String>)> = db.read(|c| {
        Ok(c.query_row(
            "SELECT title, file_path FROM assets WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
    })?;
    let Some((name, stored)) = row else {
        return Err(not_found(id).into());
    };
    match stored.map(|s| folder(db).join(s)) {
        Some(path) if path.is_file() => Ok(path),
        _ => Err(FileError::NotOnThisDevice { name }),
    }
}

/// Takes the file `id` off its card; [`restore`] puts it back. Its bytes
/// stay, so putting it back needs nothing from the disk.
pub fn remove(db: &Database, id: &str) -> Result<(), Error> {
    set_deleted(db, id, true)
}

/// Puts back a file taken off its card.
pub fn restore(db: &Database, id: &str) -> Result<(), Error> {
    set_deleted(db, id, false)
}

fn set_deleted(db: &Database, id: &str, deleted: bool) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE assets SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3
             WHERE id = ?1 AND (deleted_at IS NULL) = ?2",
            params![id, deleted, now],
        )?;
        if changed == 0 {
            Err(not_found(id))
        } else {
            Ok(())
        }
    })
}

/// Clears the bytes in the files folder that no row of `assets` names (a
/// file taken off a card is still named) and the `.partial` leftovers of a
/// stopped write, once older than [`UNNAMED_BYTES_KEPT`]. Returns how many
/// files went.
pub fn sweep(db: &Database) -> Result<usize, FileError> {
    let folder = folder(db);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(FileError::Write { folder, source }),
    };
    let named: std::collections::HashSet<String> = db.read(|c| {
        let mut statement =
            c.prepare("SELECT file_path FROM assets WHERE file_path IS NOT NULL")?;
        let paths = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(paths)
    })?;
    let mut cleared = 0;
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= UNNAMED_BYTES_KEPT);
        if old && entry.path().is_file() && !named.contains(&name) {
            std::fs::remove_file(entry.path()).map_err(|source| FileError::Write {
                folder: folder.clone(),
                source,
            })?;
            cleared += 1;
        }
    }
    Ok(cleared)
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::File,
        id: id.to_owned(),
    }
}

/// The name the bytes are kept under: their hash, and the extension the
/// system needs to open them (letters and digits only, short). The one
/// naming of kept bytes: the archived recordings use it too.
pub fn stored_name(sha256: &str, name: &str) -> String {
    match extension(name) {
        Some(extension) => format!("{sha256}.{extension}"),
        None => sha256.to_owned(),
    }
}

fn extension(name: &str) -> Option<String> {
    let (stem, extension) = name.rsplit_once('.')?;
    let fits = !stem.is_empty()
        && (1..=8).contains(&extension.len())
        && extension.chars().all(|c| c.is_ascii_alphanumeric());
    fits.then(|| extension.to_ascii_lowercase())
}

/// Writes the file whole under `stored` in `folder`, unless it is already
/// there (the same bytes, since the name is their hash).
pub fn keep(folder: &Path, stored: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = folder.join(stored);
    if path.is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(folder)?;
    let partial = folder.join(format!("{stored}.partial"));
    let written = std::fs::File::create(&partial)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&partial, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

fn kind_of(name: &str) -> FileKind {
    match extension(name).as_deref() {
        Some("jpg" | "jpeg" | "png" | "gif" | "webp" | "heic" | "svg" | "bmp" | "tif" | "tiff") => {
            FileKind::Image
        }
        Some("mp4" | "mov" | "mkv" | "webm" | "avi" | "m4v") => FileKind::Video,
        Some("mp3" | "wav" | "flac" | "aac" | "m4a" | "ogg" | "opus" | "aiff") => FileKind::Audio,
        Some(
            "pdf" | "doc" | "docx" | "odt" | "rtf" | "txt" | "md" | "xls" | "xlsx" | "ods" | "csv"
            | "ppt" | "pptx" | "odp" | "pages" | "key" | "numbers",
        ) => FileKind::Document,
        _ => FileKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_name_keeps_a_plain_extension_only() {
        assert_eq!(stored_name("ab", "Contrat signé.PDF"), "ab.pdf");
        assert_eq!(stored_name("ab", "photo.jpeg"), "ab.jpeg");
        assert_eq!(stored_name("ab", "README"), "ab");
        assert_eq!(stored_name("ab", ".bashrc"), "ab");
        assert_eq!(stored_name("ab", "x.tar.gz"), "ab.gz");
        assert_eq!(stored_name("ab", "evil.p df/../x"), "ab");
    }

    #[test]
    fn kinds_follow_the_extension() {
        assert_eq!(kind_of("rider.pdf"), FileKind::Document);
        assert_eq!(kind_of("portrait.HEIC"), FileKind::Image);
        assert_eq!(kind_of("demo.mp3"), FileKind::Audio);
        assert_eq!(kind_of("clip.mov"), FileKind::Video);
        assert_eq!(kind_of("archive.zip"), FileKind::Other);
    }
}
