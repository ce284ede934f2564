//! Where an item sits in an ordered list (a card in a column, a column on a
//! board, an item of a checklist), as text that sorts.
//!
//! Why it exists: with a plain 1, 2, 3, moving one card renumbers its
//! neighbours, and two people moving cards offline would overwrite each
//! other's numbers. A fractional index (the `fractional_index` crate) puts
//! a moved item between its new neighbours by rewriting its own row only.
//! Two items that end up with the same position (moved to the same place
//! on two laptops) are ordered by id, the same way on every device.

use fractional_index::FractionalIndex;

/// A position between `before` and `after` (either may be absent: the start
/// or the end of the list). Positions this module did not make are treated
/// as absent.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let parse = |p: Option<&str>| p.and_then(|p| FractionalIndex::from_string(p).ok());
    let (before, after) = (parse(before), parse(after));
    let made = match (&before, &after) {
        (Some(b), Some(a)) if b < a => FractionalIndex::new_between(b, a),
        // Equal neighbours (two moves to one place): right after the first.
        (Some(b), _) => Some(FractionalIndex::new_after(b)),
        (None, Some(a)) => Some(FractionalIndex::new_before(a)),
        (None, None) => None,
    };
    made.unwrap_or_default().to_string()
}

/// `count` positions in order, for items created together (an import).
pub fn sequence(count: usize) -> Vec<String> {
    let mut positions = Vec::with_capacity(count);
    let mut last: Option<FractionalIndex> = None;
    for _ in 0..count {
        let next = match &last {
            Some(previous) => FractionalIndex::new_after(previous),
            None => FractionalIndex::default(),
        };
        positions.push(next.to_string());
        last = Some(next);
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_moved_between_two_others_sorts_between_them() {
        let list = sequence(3);
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        let moved = between(Some(&list[0]), Some(&list[1]));
        assert!(list[0] < moved && moved < list[1]);
        let first = between(None, Some(&list[0]));
        let last = between(Some(&list[2]), None);
        assert!(first < list[0] && list[2] < last);
    }

    #[test]
    fn a_thousand_moves_to_the_top_keep_their_order() {
        let mut top = between(None, None);
        for _ in 0..1000 {
            let above = between(None, Some(&top));
            assert!(above < top);
            top = above;
        }
        assert!(
            top.len() < 2100,
            "positions stay short enough: {}",
            top.len()
        );
    }

    #[test]
    fn positions_not_made_here_are_treated_as_absent() {
        // "a0" is the schema's default, not a key of this module.
        assert_eq!(between(Some("a0"), None), between(None, None));
        let first = between(None, None);
        assert!(first < between(Some(&first), Some("not a key")));
    }
}
