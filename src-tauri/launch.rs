//! What the app was started with: `--data-dir PATH` (or the
//! `MONA_SPARK_DATA_DIR` variable) to choose where the database lives, and
//! `--demo` to fill an empty database with the demo data set.

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable naming the data folder; `--data-dir` wins over it.
pub const DATA_DIR_VARIABLE: &str = "MONA_SPARK_DATA_DIR";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// Where the database lives; the OS's app data folder when `None`.
    pub data_folder: Option<PathBuf>,
    /// Load the demo data set if the database is empty.
    pub demo: bool,
}

impl LaunchOptions {
    /// Reads the options from the command line and the environment. Unknown
    /// arguments are ignored (the OS and Tauri pass their own).
    pub fn parse(
        args: impl IntoIterator<Item = OsString>,
        variable: Option<OsString>,
    ) -> LaunchOptions {
        let mut options = LaunchOptions {
            data_folder: variable.filter(|v| !v.is_empty()).map(PathBuf::from),
            demo: false,
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if text == "--demo" {
                options.demo = true;
            } else if text == "--data-dir" {
                if let Some(folder) = args.next() {
                    options.data_folder = Some(PathBuf::from(folder));
                }
            } else if let Some(folder) = text.strip_prefix("--data-dir=") {
                options.data_folder = Some(PathBuf::from(folder));
            }
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_wins_over_the_environment_variable() {
        let options = LaunchOptions::parse(args(&["--data-dir", "/tmp/a"]), Some("/tmp/b".into()));
        assert_eq!(options.data_folder, Some(PathBuf::from("/tmp/a")));
        let options = LaunchOptions::parse(args(&["--data-dir=/tmp/c", "--demo"]), None);
        assert_eq!(
            options,
            LaunchOptions {
                data_folder: Some("/tmp/c".into()),
                demo: true
            }
        );
    }

    #[test]
    fn the_environment_variable_is_used_alone_and_blank_means_default() {
        assert_eq!(
            LaunchOptions::parse(args(&[]), Some("/tmp/b".into())).data_folder,
            Some("/tmp/b".into())
        );
        assert_eq!(
            LaunchOptions::parse(args(&["-psn_0_123"]), Some("".into())),
            LaunchOptions::default()
        );
    }
}
