//! Grouped calls of [`crate::client_tokens`] (being typed).
