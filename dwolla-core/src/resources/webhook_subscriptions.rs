//! Webhook subscriptions: where Dwolla delivers webhooks, signed with each subscription's secret.
//!
//! (Being typed: issue 16.)
