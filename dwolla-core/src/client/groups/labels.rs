//! Grouped calls of [`crate::labels`] (being typed).
