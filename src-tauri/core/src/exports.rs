//! Files the app writes for people to take elsewhere: the calendar as
//! `.ics`, a list as `.csv`.
//!
//! Why it exists: every export must land the same way — a new file next to
//! the others (`-2`, `-3`... when the name is taken, never over an existing
//! file), written whole or not at all (a `.partial` file renamed at the end),
//! and an error that names the folder when the disk says no.

use std::path::{Path, PathBuf};

use crate::Error;

/// Why an export did not reach its file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Database(Error),
    /// The rows could not be written as the format wants (a bug, not the disk).
    #[error("the file could not be made: {0}")]
    Encoding(String),
    #[error("cannot write in {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `bytes` into `folder` as `<stem>-<day>.<extension>` (with `-2`,
/// `-3`... when that name is taken) and returns the file's path.
pub fn write_new_file(
    folder: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, ExportError> {
    let day = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let mut path = folder.join(format!("{stem}-{day}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem}-{day}-{n}.{extension}"));
        n += 1;
    }
    let partial = path.with_extension(format!("{extension}.partial"));
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, &path));
    if let Err(source) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(ExportError::Write {
            path: folder.to_owned(),
            source,
        });
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_export_the_same_day_gets_a_new_name_and_the_first_is_kept() {
        let folder = tempfile::tempdir().expect("folder");
        let first = write_new_file(folder.path(), "artistes", "csv", b"a").expect("first");
        let second = write_new_file(folder.path(), "artistes", "csv", b"b").expect("second");
        assert_ne!(first, second);
        assert_eq!(std::fs::read(&first).expect("read"), b"a");
        assert!(second.to_string_lossy().ends_with("-2.csv"));
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_named_and_leaves_nothing_behind() {
        let folder = tempfile::tempdir().expect("folder");
        let missing = folder.path().join("gone");
        match write_new_file(&missing, "artistes", "csv", b"a") {
            Err(ExportError::Write { path, .. }) => assert_eq!(path, missing),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_dir(folder.path()).expect("list").count(), 0);
    }
}
