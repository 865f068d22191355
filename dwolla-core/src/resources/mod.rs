//! Dwolla's resources, one module per family as the spec's tags group them.
//!
//! Each module holds the operations of its family (one type per endpoint,
//! implementing [`Operation`](crate::Operation)) and the models they read.
//! The modules are re-exported at the crate root (`dwolla_core::customers`),
//! so this folder only keeps them apart from the plumbing they share
//! (request building, lenient reading, lists, paging, the client).

pub mod accounts;
pub mod beneficial_owners;
pub mod business_classifications;
pub mod client_tokens;
pub mod customers;
pub mod documents;
pub mod events;
pub mod exchange_partners;
pub mod exchange_sessions;
pub mod exchanges;
pub mod funding_sources;
pub mod kba;
pub mod labels;
pub mod mass_payments;
pub mod root;
pub mod sandbox;
pub mod transfers;
pub mod webhook_subscriptions;
pub mod webhooks;
