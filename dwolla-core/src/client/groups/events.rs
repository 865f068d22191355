//! Grouped calls of [`crate::events`] (being typed).
