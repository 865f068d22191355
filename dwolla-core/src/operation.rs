//! The [`Operation`] trait: one Dwolla endpoint as a pair of plain functions.

use bytes::Bytes;

use crate::environment::Environment;
use crate::error::Error;
use crate::token::AccessToken;

/// One Dwolla API operation, sans IO: it builds the request and parses the
/// response, and never touches a socket, a runtime or a clock.
///
/// This pair is the standalone, runtime-free way to call Dwolla from any HTTP
/// stack: build the request, send it however you like, hand the response back.
/// [`Client`](crate::Client) adds tokens, retries and timeouts on top of it.
///
/// ```
/// use dwolla_core::bytes::Bytes;
/// use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerExchangeSession::web(
///     "74a207b2-b7b7-4efa-8bf8-582148e7b980",
///     "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef",
/// );
/// let token = AccessToken::new("token-from-your-cache");
/// let request = op.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/exchange-sessions"
/// );
///
/// // Send `request` with your HTTP client of choice; here, pretend Dwolla answered.
/// let response = dwolla_core::http::Response::builder()
///     .status(201)
///     .header("location", "https://api-sandbox.dwolla.com/exchange-sessions/fcd15e5f-8d13-4570-a9b7-7fb49e55941d")
///     .body(Bytes::new())
///     .unwrap();
/// let created = op.parse_response(response)?;
/// assert_eq!(created.id(), "fcd15e5f-8d13-4570-a9b7-7fb49e55941d");
/// # Ok(())
/// # }
/// ```
pub trait Operation {
    /// What a successful response parses into.
    type Output;

    /// Builds the HTTP request, or rejects the input with [`Error::InvalidInput`].
    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error>;

    /// Parses the response: the output for success, a typed [`Error`] otherwise.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Self::Output, Error>;

    /// A stable name for logs and traces, e.g. `createCustomerExchangeSession`.
    fn name(&self) -> &'static str {
        "dwolla"
    }
}

/// Checks an operation's input as [`Operation::build_request`] does, without
/// an environment or a token of the caller's: what the `validate()` of an
/// operation type does.
pub(crate) fn validate(op: &impl Operation) -> Result<(), Error> {
    op.build_request(&Environment::Sandbox, &AccessToken::placeholder())
        .map(drop)
}

impl<O: Operation + ?Sized> Operation for &O {
    type Output = O::Output;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        (**self).build_request(env, token)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Self::Output, Error> {
        (**self).parse_response(response)
    }

    fn name(&self) -> &'static str {
        (**self).name()
    }
}
