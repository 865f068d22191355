//! Grouped calls of [`crate::webhook_subscriptions`] (being typed).
