//! The seam between the SDK and an HTTP stack.
//!
//! A backend implements [`HttpTransport`]: send one request, return its whole
//! response. Everything else (auth, retries, parsing) stays in this crate, so a
//! backend is small and a test double is trivial.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;

/// Sends one HTTP request and returns its complete response.
///
/// Implementations must not follow redirects or retry: the client decides
/// that. They should bound the response body size and classify failures with
/// [`TransportError`], saying honestly whether the request may have reached
/// the server.
///
/// # Implementing it
///
/// The trait is declared with `async-trait`, which this crate re-exports as
/// [`dwolla_core::async_trait`](crate::async_trait), so an implementation
/// needs no dependency of its own. Put the attribute on the `impl` (a plain
/// `async fn send` without it does not match the trait's signature, E0195):
///
/// ```
/// use dwolla_core::bytes::Bytes;
/// use dwolla_core::{http, HttpTransport, TransportError};
///
/// #[derive(Debug)]
/// struct AlwaysNoContent;
///
/// #[dwolla_core::async_trait]
/// impl HttpTransport for AlwaysNoContent {
///     async fn send(
///         &self,
///         _request: http::Request<Bytes>,
///     ) -> Result<http::Response<Bytes>, TransportError> {
///         let mut response = http::Response::new(Bytes::new());
///         *response.status_mut() = http::StatusCode::NO_CONTENT;
///         Ok(response)
///     }
/// }
/// ```
///
/// A client over any transport also needs a [`Sleep`](crate::Sleep) from the
/// executor it runs on and a [`Clock`](crate::Clock) ([`SystemClock`](crate::SystemClock)
/// fits any runtime). `dwolla-core/tests/any_runtime.rs` drives the client
/// over `std::net` with a small hand-written executor, without tokio.
///
/// # Blocking transports and timeouts
///
/// The client's timeout ([`RequestOptions::timeout`](crate::RequestOptions::timeout)
/// or the builder's) races the future returned by `send` against the
/// injected [`Sleep`](crate::Sleep); when the sleep wins, the client drops the
/// transport's future and the call fails with a timeout. That only works if
/// `send` returns a future that yields. A `send` that does blocking I/O
/// inline (`std::net`, or a blocking client such as `ureq` called directly in
/// the `async fn`) blocks the thread: nothing else is polled until it
/// returns, so the client sees its deadline only after the blocking call has
/// finished, however long that takes. Such a transport should either
///
/// - set its own connect, read and write timeouts on the socket (or in the
///   blocking client), so that every blocking call is bounded; or
/// - run the blocking I/O on another thread (a thread pool, or the runtime's
///   `spawn_blocking`) and return a future that completes from that thread,
///   so the client can stop waiting at its deadline. The abandoned I/O then
///   goes on in the background until the socket's own timeouts end it, and
///   the request may still have reached the server.
#[async_trait]
pub trait HttpTransport: Send + Sync + fmt::Debug {
    /// Sends `request` and returns the response with its body fully read.
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError>;
}

#[async_trait]
impl<T: HttpTransport + ?Sized> HttpTransport for Arc<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }
}

#[async_trait]
impl<T: HttpTransport + ?Sized> HttpTransport for Box<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake). The request
    /// was not sent.
    Connect,
    /// A deadline passed before the response was complete.
    Timeout,
    /// The response body exceeded the configured limit.
    BodyTooLarge,
    /// Anything else: connection reset, protocol error, closed mid-response.
    Other,
}

/// A classified transport failure.
///
/// `Display` prints this error's own message; the underlying error is its
/// [`source`](std::error::Error::source), as error reporters expect.
///
/// Opaque on purpose: ask it what happened ([`is_timeout`](Self::is_timeout),
/// [`is_connect`](Self::is_connect), [`may_have_been_sent`](Self::may_have_been_sent))
/// rather than matching on a backend's error type.
#[derive(Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    may_have_been_sent: bool,
    message: Arc<str>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    attempts: u32,
}

impl TransportError {
    fn new(
        kind: TransportErrorKind,
        may_have_been_sent: bool,
        message: impl Into<Arc<str>>,
    ) -> Self {
        TransportError {
            kind,
            may_have_been_sent,
            message: message.into(),
            source: None,
            attempts: 1,
        }
    }

    /// No connection could be made; the request never left this machine.
    pub fn connect(message: impl Into<Arc<str>>) -> Self {
        Self::new(TransportErrorKind::Connect, false, message)
    }

    /// A deadline passed. `may_have_been_sent` says whether any of the request
    /// could have reached the server before it did.
    pub fn timeout(may_have_been_sent: bool, message: impl Into<Arc<str>>) -> Self {
        Self::new(TransportErrorKind::Timeout, may_have_been_sent, message)
    }

    /// The response body was larger than `limit` bytes. The request was sent.
    pub fn body_too_large(limit: usize) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            true,
            format!("response body exceeds the limit of {limit} bytes"),
        )
    }

    /// Any other failure.
    pub fn other(may_have_been_sent: bool, message: impl Into<Arc<str>>) -> Self {
        Self::new(TransportErrorKind::Other, may_have_been_sent, message)
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// True for a deadline that passed.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }
    /// True when no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
    /// True when the response body was too large.
    pub fn is_body_too_large(&self) -> bool {
        self.kind == TransportErrorKind::BodyTooLarge
    }
    /// Whether the request may have reached the server (and so may have taken
    /// effect). `false` only when it certainly did not.
    pub fn may_have_been_sent(&self) -> bool {
        self.may_have_been_sent
    }
    /// How many attempts the client made before giving up.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("may_have_been_sent", &self.may_have_been_sent)
            .field("message", &self.message)
            .field("source", &self.source)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connect error",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{kind}: {}", crate::error::OneLine(&self.message))?;
        if self.attempts > 1 {
            write!(f, ", after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
