//! Grouped calls of [`crate::accounts`] (being typed).
