//! Grouped calls of [`crate::documents`] (being typed).
