//! Lists as Dwolla returns them (HAL collections), read leniently.
//!
//! One odd item never sinks a list. Every item is read on its own: an item
//! that has what the SDK needs is kept, in Dwolla's order, even when some of
//! its optional fields are missing or of an unexpected type (those read as
//! absent). An item that lacks something the SDK cannot do without (an
//! exchange partner without a `self` link, say: there would be nothing to
//! create a session with) is *skipped*, not dropped silently: it is kept,
//! as the raw JSON Dwolla sent, in [`List::skipped`] with its position and
//! the reason, and a `tracing` warning names it. Each item type's docs say
//! what it cannot do without.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde_json::value::RawValue;

use crate::model::Links;

/// The most items one page of a paged list holds as this SDK asks for it
/// (`limit` 1 to 200; a larger `limit` is refused before sending). Dwolla
/// documents 200 as the maximum of its customer and mass payment lists;
/// for the lists where it documents none (transfers, labels and their
/// ledger entries) the SDK keeps to the same 200 rather than leave a larger
/// page for Dwolla to cap or refuse. Each paged list re-exports it
/// ([`customers::MAX_PAGE_SIZE`](crate::customers::MAX_PAGE_SIZE), ...).
pub const MAX_PAGE_SIZE: u32 = 200;

/// The page size Dwolla uses when `limit` is not given.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// The usable items of a Dwolla list, in the order Dwolla sent them, and
/// the items that had to be skipped.
///
/// Derefs to a slice, so `list.len()`, `list.iter()`, `list[0]` and `for
/// item in &list` work directly.
#[derive(Clone, PartialEq, Eq)]
pub struct List<T> {
    items: Vec<T>,
    skipped: Vec<Skipped>,
    total: Option<u64>,
    links: Links,
}

impl<T> List<T> {
    pub(crate) fn new(
        items: Vec<T>,
        skipped: Vec<Skipped>,
        total: Option<u64>,
        links: Links,
    ) -> Self {
        List {
            items,
            skipped,
            total,
            links,
        }
    }

    /// Every usable item, in the order Dwolla sent them.
    pub fn all(&self) -> &[T] {
        &self.items
    }

    /// The items that could not be used, with why (empty for a well-formed
    /// response).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// `total` as Dwolla sent it, if it did: for a paged list, the number of
    /// items on every page together.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// The list's `_links` (`self`, `first`, `last`, `next`, `prev` for a
    /// paged list).
    pub fn links(&self) -> &Links {
        &self.links
    }

    /// The URL of the next page, if there is one (see [`crate::paging`]).
    pub fn next_href(&self) -> Option<&str> {
        self.links.get("next")
    }

    /// The usable items.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("items", &self.items)
            .field("skipped", &self.skipped)
            .field("total", &self.total)
            .field("links", &self.links)
            .finish()
    }
}

/// A list item that could not be used: where it was, why, and what it was.
#[derive(Clone)]
pub struct Skipped {
    index: usize,
    reason: Cow<'static, str>,
    raw: Box<RawValue>,
}

impl Skipped {
    pub(crate) fn new(
        index: usize,
        reason: impl Into<Cow<'static, str>>,
        raw: Box<RawValue>,
    ) -> Self {
        Skipped {
            index,
            reason: reason.into(),
            raw,
        }
    }

    /// Its position in the list Dwolla sent (0-based).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Why it could not be used, e.g. "an exchange partner has no self link".
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The item exactly as Dwolla sent it (JSON text).
    ///
    /// It may hold tokens (an MX `availableConnectionToken`, say), so it is
    /// left out of `Debug`; log it with care.
    pub fn raw_json(&self) -> &str {
        self.raw.get()
    }
}

impl PartialEq for Skipped {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && self.reason == other.reason
            && self.raw.get() == other.raw.get()
    }
}

impl Eq for Skipped {}

impl fmt::Debug for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Skipped")
            .field("index", &self.index)
            .field("reason", &self.reason)
            .field("raw_len", &self.raw.get().len())
            .finish()
    }
}
