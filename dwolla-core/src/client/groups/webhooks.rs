//! Grouped calls of [`crate::webhooks`] (being typed).
