//! Webhook subscriptions and deliveries (issue 16: being written).

/// Webhook state.
#[derive(Debug, Default)]
pub(crate) struct WebhookState {}
