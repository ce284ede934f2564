//! Primary keys: UUIDv7 made here, in Rust, never by the database.
//!
//! Version 7 starts with a millisecond timestamp, so keys minted offline on
//! different devices never collide and still sort roughly by creation time,
//! which keeps SQLite's and PostgreSQL's indexes compact.

/// A new primary key, as the lowercase hyphenated text stored in `id` columns.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
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
