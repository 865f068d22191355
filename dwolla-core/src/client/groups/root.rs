//! Grouped calls of [`crate::root`] (being typed).
