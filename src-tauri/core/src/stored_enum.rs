//! Closed lists of values stored as text (a task's status, an event's
//! kind...), declared once with the text each value is stored as.
//!
//! Why it exists: every such list needs the same four things, the same way:
//! all its values in order (for the UI's choices), the text of a value, the
//! value of a stored text (text from a newer app version reads as the
//! default, never as an error), and binding to SQL.

/// Implements `ALL`, `as_str`, `parse` and `ToSql` for an enum deriving
/// `Default`, from `Variant => "text"` pairs.
macro_rules! stored_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            #[allow(dead_code)]
            pub(crate) fn parse(stored: &str) -> $name {
                Self::ALL
                    .into_iter()
                    .find(|value| value.as_str() == stored)
                    .unwrap_or_default()
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
    };
}

pub(crate) use stored_enum;
