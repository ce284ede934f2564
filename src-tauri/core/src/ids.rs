//! Primary keys: UUIDv7 made here, in Rust, never by the database.
//!
//! Version 7 starts with a millisecond timestamp, so keys minted offline on
//! different devices never collide and still sort roughly by creation time,
//! which keeps SQLite's and PostgreSQL's indexes compact. Rows that join two
//! records take a name-based key instead ([`link_id`]).

/// A new primary key, as the lowercase hyphenated text stored in `id` columns.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The product's namespace for name-based keys (a fixed UUIDv4).
const LINK_NAMESPACE: uuid::Uuid = uuid::uuid!("6f1d7f0e-2b8a-4c55-9a43-5d0c3e1b7a92");

/// The key of a row defined by what it joins (see [`crate::links`]): a
/// UUIDv5 of the table and the joined keys, the same on every device.
pub fn link_id(table: &str, parts: &[&str]) -> String {
    // The unit separator cannot appear in a key, so parts never run together.
    let name = std::iter::once(table)
        .chain(parts.iter().copied())
        .collect::<Vec<_>>()
        .join("\u{1f}");
    uuid::Uuid::new_v5(&LINK_NAMESPACE, name.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_made_one_after_another_sort_in_creation_order() {
        let first = new_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = new_id();
        assert!(first < second);
        assert_eq!(
            uuid::Uuid::parse_str(&first).map(|u| u.get_version_num()),
            Ok(7)
        );
    }
}
