//! Sans-IO core of a Rust SDK for the [Dwolla API](https://developers.dwolla.com).
//!
//! This crate builds `http::Request<Bytes>` and parses `http::Response<Bytes>`;
//! it owns the models, input validation, typed errors and the token and retry
//! *decisions*. It never opens a socket, spawns a task or reads a clock it was
//! not handed, so it runs on any runtime and any HTTP stack.
//!
//! Two ways to use it:
//!
//! - **Standalone**: every endpoint is an [`Operation`] with two plain
//!   functions, [`build_request`](Operation::build_request) and
//!   [`parse_response`](Operation::parse_response). Send the request with any
//!   HTTP client. See the example on [`Operation`].
//! - **Client**: [`Client`] adds OAuth tokens (cached, single-flight refresh),
//!   safe retries with idempotency keys, timeouts and tracing over any
//!   [`HttpTransport`]. `dwolla-hyper` provides the production transport,
//!   `dwolla-mock` a recording one for tests.
//!
//! # The open-banking flow, operation by operation
//!
//! From a customer id to a verified bank account, without micro-deposits:
//!
//! 1. Find the partner (Plaid, MX) by name with
//!    [`exchange_partners::ListExchangePartners`]; ids differ between sandbox
//!    and production.
//! 2. Create a session, [`exchange_sessions::CreateCustomerExchangeSession`],
//!    and retrieve it, [`exchange_sessions::RetrieveExchangeSession`], for the
//!    Plaid Link token or the MX Connect URL the front end opens.
//! 3. The customer picks an account with the partner. Plaid hands back a
//!    public token; for MX, [`exchanges::ListAvailableExchangeConnections`]
//!    lists the accounts authorised.
//! 4. Create the exchange, [`exchanges::CreateCustomerExchange`], from that token
//!    ([`plaid`](exchanges::CreateCustomerExchange::plaid),
//!    [`mx`](exchanges::CreateCustomerExchange::mx), ...).
//! 5. A funding source from the exchange,
//!    [`funding_sources::CreateCustomerFundingSource::from_exchange`],
//!    `verified` at once ([`funding_sources::RetrieveFundingSource`]).
//! 6. When the bank login changes, any call may fail with
//!    [`ApiErrorKind::UpdateCredentials`]:
//!    [`exchange_sessions::CreateReAuthExchangeSession::from_update_credentials`]
//!    starts re-authentication.
//!
//! Anything not modelled yet is one [`hal::HalRequest`] away, through the
//! same client. Lists ([`List`]) keep every usable item and report the ones
//! they had to skip; created resources ([`Created`]) give their URL, id and
//! the operation that retrieves them.
//!
//! Errors are one type, [`Error`]; Dwolla's error responses become an
//! [`ApiError`] whose [`kind`](ApiError::kind) says what happened
//! ([`ApiErrorKind`]), with the raw code, message, body and request id kept.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use bytes;
pub use http;
/// The JSON crate of [`hal::HalRequest`] bodies and documents, re-exported so
/// that no version mismatch is possible.
pub use serde_json;

/// The attribute [`HttpTransport`] is declared with, re-exported so that a
/// custom transport needs no `async-trait` dependency of its own: write
/// `#[dwolla_core::async_trait] impl HttpTransport for MyTransport { async fn send(..) }`.
/// (A plain `async fn send` without it does not match the trait: E0195.)
pub use async_trait::async_trait;

mod body;
pub mod client;
pub mod created;
pub mod environment;
pub mod error;
pub mod hal;
mod lenient;
pub mod list;
pub mod model;
pub mod money;
mod multipart;
mod open_enum;
pub mod operation;
pub mod paging;
mod redact;
pub mod request;
mod response;
pub mod retrieve;
pub mod retry;
pub mod time;
pub mod token;
mod token_cache;
pub mod transport;

// The resources live in a folder of their own, apart from the plumbing above;
// their public paths stay short (`dwolla_core::exchanges::...`).
mod resources;
#[doc(inline)]
pub use resources::{
    accounts, beneficial_owners, business_classifications, client_tokens, customers, documents,
    events, exchange_partners, exchange_sessions, exchanges, funding_sources, kba, labels,
    mass_payments, root, sandbox, transfers, webhook_subscriptions, webhooks,
};

pub use client::{Client, ClientBuilder, RequestOptions};
pub use created::Created;
pub use environment::Environment;
pub use error::{
    ApiError, ApiErrorKind, Error, ErrorDetail, InvalidInput, RequestContext, RetryAfter,
    UnexpectedResponse,
};
pub use list::List;
pub use model::Links;
pub use money::Amount;
pub use operation::Operation;
pub use request::IdempotencyKey;
pub use retrieve::{Resource, Retrieve};
pub use retry::RetryPolicy;
pub use time::{Clock, Sleep, SystemClock};
pub use token::{AccessToken, ClientCredentials, TokenError};
pub use token_cache::DEFAULT_REFRESH_MARGIN;
pub use transport::{HttpTransport, TransportError, TransportErrorKind};
