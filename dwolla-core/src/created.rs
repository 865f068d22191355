//! What a create operation returns: where the new resource lives.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Range;

/// A resource Dwolla created (a `201 Created`): its URL, from the `Location`
/// header, and its id.
///
/// `R` is the operation that retrieves it, so
/// [`retrieve`](Created::retrieve) is typed: an exchange session created
/// gives a `RetrieveExchangeSession`, an exchange a `RetrieveExchange`.
pub struct Created<R> {
    location: String,
    /// Where the id (the last path segment) is in `location`.
    id: Range<usize>,
    retrieve: PhantomData<fn() -> R>,
}

/// An operation that fetches a resource by its URL (what
/// [`Created::retrieve`] builds).
pub trait FromLocation {
    /// The operation for the resource at `location`.
    fn from_location(location: String) -> Self;
}

impl<R> Created<R> {
    /// `location[id]` must be the id: checked by the caller (`response::created`).
    pub(crate) fn new(location: String, id: Range<usize>) -> Self {
        Created {
            location,
            id,
            retrieve: PhantomData,
        }
    }

    /// The absolute URL from `Location`, e.g.
    /// `https://api.dwolla.com/exchange-sessions/fcd15e5f-...`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The id: the last path segment of the location, as it appears there
    /// (percent-encoded, should it ever need encoding; UUIDs never do).
    pub fn id(&self) -> &str {
        // Always in bounds and on char boundaries: taken from `location`.
        self.location.get(self.id.clone()).unwrap_or_default()
    }

    /// The location, owned.
    pub fn into_location(self) -> String {
        self.location
    }
}

impl<R: FromLocation> Created<R> {
    /// The operation that retrieves the created resource.
    pub fn retrieve(&self) -> R {
        R::from_location(self.location.clone())
    }
}

// Written out rather than derived: a derive would require `R` itself to be
// `Clone`, `Eq`, ..., which an operation type need not be.
impl<R> Clone for Created<R> {
    fn clone(&self) -> Self {
        Created::new(self.location.clone(), self.id.clone())
    }
}

impl<R> PartialEq for Created<R> {
    fn eq(&self, other: &Self) -> bool {
        self.location == other.location
    }
}

impl<R> Eq for Created<R> {}

impl<R> Hash for Created<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.location.hash(state);
    }
}

impl<R> fmt::Debug for Created<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Created")
            .field("location", &self.location)
            .field("id", &self.id())
            .finish()
    }
}

impl<R> fmt::Display for Created<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location)
    }
}
