//! Grouped calls of [`crate::sandbox`] (being typed).
