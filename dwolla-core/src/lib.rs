//! Sans-IO core of a Rust SDK for the [Dwolla API](https://developers.dwolla.com):
//! typed operations for every endpoint of Dwolla's spec, a client with tokens,
//! retries, timeouts and paging, and typed errors.
//!
//! Most applications use it through [`dwolla-hyper`](https://docs.rs/dwolla-hyper)
//! (the production transport: `dwolla_hyper::client_from_env()?` gives a ready
//! [`Client`]) and test with [`dwolla-mock`](https://docs.rs/dwolla-mock)
//! (`MockTransport`, fixtures for every documented response, and a local
//! Dwolla emulator). This crate never opens a socket, spawns a task or reads
//! a clock it was not handed, so it also runs on any runtime and any HTTP
//! stack.
//!
//! ```
//! use dwolla_core::customers::{CustomerStatus, ListCustomers};
//! use dwolla_core::{ApiErrorKind, Client, Error, HttpTransport};
//!
//! /// Every customer waiting for a document, page by page.
//! async fn waiting_for_documents<T: HttpTransport>(client: &Client<T>) -> Result<Vec<String>, Error> {
//!     let mut emails = Vec::new();
//!     let mut pages = client.pages(ListCustomers::new().status(CustomerStatus::Document).limit(200));
//!     while let Some(page) = pages.next().await? {
//!         emails.extend(page.iter().filter_map(|c| c.email().map(str::to_owned)));
//!     }
//!     Ok(emails)
//! }
//!
//! /// A customer's status, or `None` when Dwolla has no such customer.
//! async fn status<T: HttpTransport>(client: &Client<T>, id: &str) -> Result<Option<CustomerStatus>, Error> {
//!     match client.customers().get(id).await {
//!         Ok(customer) => Ok(Some(customer.status().clone())),
//!         Err(Error::Api(e)) if e.kind() == ApiErrorKind::NotFound => Ok(None),
//!         Err(e) => Err(e),
//!     }
//! }
//!
//! # fn main() -> Result<(), Error> {
//! // In an application: `let client = dwolla_hyper::client_from_env()?;`
//! // Here a canned Dwolla stands in, and a ten-line executor runs the calls.
//! let client = canned::client()?;
//! let emails = canned::block_on(waiting_for_documents(&client))?;
//! assert_eq!(emails, ["jane@example.com"]);
//! assert_eq!(canned::block_on(status(&client, "unknown"))?, None);
//! # Ok(()) }
//! # mod canned {
//! #     use std::time::Duration;
//! #     use dwolla_core::bytes::Bytes;
//! #     use dwolla_core::http::{Request, Response};
//! #     use dwolla_core::time::{BoxFuture, Sleep};
//! #     use dwolla_core::{async_trait, Client, ClientCredentials, Error, HttpTransport, SystemClock, TransportError};
//! #     #[derive(Debug)]
//! #     pub struct Canned;
//! #     #[async_trait]
//! #     impl HttpTransport for Canned {
//! #         async fn send(&self, request: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
//! #             let (status, body): (u16, &'static str) = match request.uri().path() {
//! #                 "/token" => (200, r#"{"access_token":"t","token_type":"Bearer","expires_in":3600}"#),
//! #                 "/customers" => (200, r#"{"_links":{},"_embedded":{"customers":[{"id":"c1","email":"jane@example.com","status":"document"}]},"total":1}"#),
//! #                 _ => (404, r#"{"code":"NotFound","message":"The requested resource was not found."}"#),
//! #             };
//! #             Response::builder().status(status).body(Bytes::from_static(body.as_bytes()))
//! #                 .map_err(|e| TransportError::other(false, e.to_string()))
//! #         }
//! #     }
//! #     #[derive(Debug)]
//! #     pub struct NoSleep;
//! #     impl Sleep for NoSleep {
//! #         fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> { Box::pin(std::future::ready(())) }
//! #     }
//! #     pub fn client() -> Result<Client<Canned>, Error> {
//! #         Client::builder(Canned).credentials(ClientCredentials::new("id", "secret"))
//! #             .sleep(NoSleep).clock(SystemClock).build()
//! #     }
//! #     pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #         use std::sync::Arc;
//! #         use std::task::{Context, Poll, Wake, Waker};
//! #         struct Unpark(std::thread::Thread);
//! #         impl Wake for Unpark { fn wake(self: Arc<Self>) { self.0.unpark() } }
//! #         let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
//! #         let mut cx = Context::from_waker(&waker);
//! #         let mut f = std::pin::pin!(f);
//! #         loop {
//! #             if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; }
//! #             std::thread::park();
//! #         }
//! #     }
//! # }
//! ```
//!
//! Two ways to use it:
//!
//! - **Client**: [`Client`] adds OAuth tokens (cached, single-flight refresh),
//!   safe retries with idempotency keys, timeouts, paging ([`paging`]) and
//!   tracing over any [`HttpTransport`]. Calls are grouped as Dwolla's
//!   reference SDK groups them: `client.customers().create(..)`,
//!   `client.transfers().get(..)`, ... (see [`client`]).
//! - **Standalone**: every endpoint is an [`Operation`] with two plain
//!   functions, [`build_request`](Operation::build_request) and
//!   [`parse_response`](Operation::parse_response). Send the request with any
//!   HTTP client. See the example on [`Operation`].
//!
//! # Where things are
//!
//! One module per resource family, as Dwolla's spec groups them
//! ([`customers`], [`funding_sources`], [`transfers`], [`webhooks`], ...),
//! each listing its endpoints. Models read leniently ([`model`]): unknown
//! members are ignored, unknown enum values kept, every `_links` entry
//! reachable. Money is [`Amount`], exact to the cent. Lists ([`List`]) keep
//! every usable item and report the ones they had to skip; created resources
//! ([`Created`]) give their URL, id and the operation that retrieves them.
//! Anything else is one [`hal::HalRequest`] away, through the same client.
//!
//! Errors are one type, [`Error`]; Dwolla's error responses become an
//! [`ApiError`] whose [`kind`](ApiError::kind) says what happened
//! ([`ApiErrorKind`]), with the raw code, message, body, request id and the
//! request that failed kept.
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
pub mod date;
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
pub use date::Date;
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
