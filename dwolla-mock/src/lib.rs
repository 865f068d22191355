//! Test doubles for the Dwolla SDK.
//!
//! - [`MockTransport`]: an [`HttpTransport`](dwolla_core::HttpTransport) that
//!   replays queued responses in order and records every request, with
//!   [`assert_requests_match`](MockTransport::assert_requests_match) to compare
//!   them with what a test expected (JSON bodies compared semantically).
//! - [`fixtures`]: ready `http::Response<Bytes>` values for every documented
//!   outcome of the open-banking operations (partners, exchange sessions,
//!   exchanges, available connections, funding sources) and the token
//!   endpoint, with Dwolla's real headers.
//! - [`mocks::MockHttpTransport`]: a [`mockall`](https://docs.rs/mockall/0.13)
//!   mock of the transport trait, for expectation-style tests.
//! - [`test_client`]: a [`Client`](dwolla_core::Client) over a `MockTransport`
//!   with fake time ([`time`]), in one line.
//! - `emulator` (feature `emulator`): a local Dwolla emulator on 127.0.0.1.
//!
//! ```
//! use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
//! use dwolla_core::{AccessToken, Environment, HttpTransport, Operation};
//! use dwolla_mock::{fixtures, MockTransport};
//!
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let transport = MockTransport::with_responses([fixtures::exchange_session_created()]);
//! let op = CreateCustomerExchangeSession::web(
//!     fixtures::CUSTOMER_ID,
//!     fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
//! );
//! let request = op.build_request(&Environment::Sandbox, &AccessToken::new("t"))?;
//! let response = transport.send(request).await?;
//! let created = op.parse_response(response)?;
//! assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);
//! assert_eq!(transport.request_count(), 1);
//! # Ok::<(), dwolla_core::Error>(())
//! # }).unwrap();
//! ```
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "emulator")]
#[cfg_attr(docsrs, doc(cfg(feature = "emulator")))]
pub mod emulator;

mod client;
pub mod fixtures;
pub mod mocks;
pub mod time;
mod transport;

pub use client::{test_client, test_client_builder, TEST_CLIENT_ID, TEST_CLIENT_SECRET};
pub use mocks::MockHttpTransport;
pub use transport::{MockTransport, RecordedRequest};
