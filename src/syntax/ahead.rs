//! Reading a few lines ahead of their use.
//!
//! Lowering a big file looks every name up in a table that outgrows the caches, so each
//! lookup waits for main memory. Parsing lines a little ahead and showing each to a hint
//! as it is read (the interner starts loading the slots its names will need) lets those
//! waits overlap the work on the lines before them.

use std::collections::VecDeque;

use super::ast::{Item, Line};

/// How many lines are read ahead: enough to cover a memory access with the work on the
/// lines before it, few enough that the hinted slots are still in cache when used.
const DEPTH: usize = 8;

/// An iterator read up to [`DEPTH`] items ahead of its consumer.
pub struct Ahead<I: Iterator> {
    inner: I,
    buffer: VecDeque<I::Item>,
}

impl<I: Iterator> Ahead<I> {
    /// Read `inner` ahead.
    pub fn new(inner: I) -> Self {
        Ahead {
            inner,
            buffer: VecDeque::with_capacity(DEPTH),
        }
    }

    /// The next item; every item read meanwhile is shown to `hint` first, in order. The
    /// hint is a parameter, not a field, so it may borrow what the consumer then changes.
    pub fn next_with(&mut self, mut hint: impl FnMut(&I::Item)) -> Option<I::Item> {
        while self.buffer.len() < DEPTH {
            let Some(item) = self.inner.next() else {
                break;
            };
            hint(&item);
            self.buffer.push_back(item);
        }
        self.buffer.pop_front()
    }
}

/// The names a statement line looks up in the order lowering meets the common ones:
/// its subject, then its objects (conditions are rare and left out).
pub fn statement_names<'l>(line: &'l Line<'_>) -> impl Iterator<Item = &'l str> {
    let st = match line {
        Line::Item(Item::Statement(st)) => Some(st),
        _ => None,
    };
    st.into_iter().flat_map(|st| {
        std::iter::once(st.subject.text.as_ref()).chain(st.objects.iter().map(|o| o.text.as_ref()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item comes out once, in order, after its hint and never more than
    /// [`DEPTH`] items after it.
    #[test]
    fn hints_each_item_once_before_its_turn() {
        for n in [0, 1, DEPTH - 1, DEPTH, DEPTH + 1, 3 * DEPTH + 2] {
            let mut ahead = Ahead::new(0..n);
            let mut hinted = Vec::new();
            let mut out = Vec::new();
            while let Some(i) = ahead.next_with(|&i| hinted.push(i)) {
                assert!(hinted.contains(&i), "{i} came out before its hint");
                assert!(hinted.len() <= i + DEPTH, "read more than {DEPTH} ahead");
                out.push(i);
            }
            assert_eq!(out, (0..n).collect::<Vec<_>>());
            assert_eq!(hinted, out);
        }
    }

    #[test]
    fn names_of_a_statement_line() {
        let text = "miR-223 inhibits PKNOX1, \"NF-κB\"";
        let line =
            crate::syntax::SegmentParser::line(crate::source::FileId(0), text, 0, text.len());
        let line = line.expect("a statement");
        let names: Vec<&str> = statement_names(&line).collect();
        assert_eq!(names, ["miR-223", "PKNOX1", "NF-κB"]);
        assert_eq!(statement_names(&Line::Empty).count(), 0);
    }
}
