//! A list serialised item by item as it is walked: an export of a million statements
//! never holds their documents all at once.

use serde::{Serialize, Serializer};

type Walk<'a, T> = Box<dyn Iterator<Item = T> + 'a>;

/// The list `walk` yields, made afresh each time it is serialised.
pub(super) struct Walked<'a, T>(Box<dyn Fn() -> Walk<'a, T> + 'a>);

impl<'a, T> Walked<'a, T> {
    pub(super) fn new<I: Iterator<Item = T> + 'a>(walk: impl Fn() -> I + 'a) -> Self {
        Walked(Box::new(move || Box::new(walk())))
    }
}

impl<T: Serialize> Serialize for Walked<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}
