//! Per-call options.

use std::time::Duration;

use http::header::{HeaderName, HeaderValue};
use http::HeaderMap;

use crate::request::IdempotencyKey;
use crate::retry::RetryPolicy;

/// Options for one call, overriding the client's defaults.
///
/// ```
/// use std::time::Duration;
/// use dwolla_core::{IdempotencyKey, RequestOptions, retry::RetryPolicy};
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let options = RequestOptions::new()
///     .idempotency_key(IdempotencyKey::new("order-1234-bank-link")?)
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::new().max_attempts(2));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct RequestOptions {
    pub(crate) idempotency_key: Option<IdempotencyKey>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) headers: HeaderMap,
    pub(crate) retry_policy: Option<RetryPolicy>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `Idempotency-Key` for this call (POSTs). It replaces one set on the
    /// operation; without either, the client generates a UUID. Every attempt
    /// of the call sends the same key.
    pub fn idempotency_key(mut self, key: IdempotencyKey) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    /// A deadline for the whole call (token fetch, attempts and backoff waits
    /// included). When it passes, the call fails with a timeout
    /// ([`Error::is_timeout`](crate::Error::is_timeout)) while the transport
    /// is still waiting, since the client races the transport's future against
    /// its `Sleep`. A transport whose `send` blocks the thread cannot be
    /// interrupted: the deadline is seen when it returns (see
    /// [`HttpTransport`](crate::HttpTransport)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// An extra request header (e.g. a tracing header). `Authorization`,
    /// `Idempotency-Key`, `Content-Type`, `Accept` and `Host` are the SDK's and
    /// are not overridden this way.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// The retry policy for this call.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// No retries for this call.
    pub fn no_retries(self) -> Self {
        self.retry_policy(RetryPolicy::disabled())
    }
}
