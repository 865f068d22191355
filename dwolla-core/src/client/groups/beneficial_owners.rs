//! Grouped calls of [`crate::beneficial_owners`] (being typed).
