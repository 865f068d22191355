//! Grouped calls of [`crate::transfers`] (being typed).
