//! [`HyperTransport`]: hyper 1 + hyper-util's pooled client over rustls.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use async_trait::async_trait;
use bytes::{Bytes, BytesMut};
use dwolla_core::{HttpTransport, TransportError};
use http::header::{HeaderValue, HOST};
use http::uri::{Authority, Scheme};
use http::{Uri, Version};
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Incoming};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder, MaybeHttpsStream};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::CertificateDer;

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_MAX_RESPONSE_BODY: usize = 4 * 1024 * 1024;
const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

type BoxError = Box<dyn StdError + Send + Sync>;
type Connector = TimeoutConnector<HttpsConnector<HttpConnector>>;

/// The production [`HttpTransport`]: hyper 1 with hyper-util's pooled client,
/// TLS by rustls (Mozilla's webpki roots), HTTP/1.1 and HTTP/2 negotiated by
/// ALPN. TLS 1.3 key exchange offers the post-quantum hybrid X25519MLKEM768
/// first (rustls's aws-lc-rs provider; with the crate's `ring` feature
/// instead, X25519 and no post-quantum group: see the [crate docs](crate)).
/// More roots can be trusted with
/// [`HyperTransportBuilder::add_root_certificate_der`] (a corporate
/// TLS-inspecting proxy, a test server); a response's
/// [`version()`](http::Response::version) says which HTTP version was used.
///
/// Plain `http://` works too (for a local emulator on loopback;
/// [`Environment::custom`](dwolla_core::Environment::custom) refuses clear text
/// to any other host).
///
/// It sends exactly one request per [`send`](HttpTransport::send): it never
/// follows redirects (a 3xx is returned as is) and never retries; the client
/// decides both. Response bodies are read up to a size limit
/// ([`HyperTransportBuilder::max_response_body`]), and failures are classified
/// as [`TransportError`]s that say whether the request may have reached the
/// server.
///
/// Cloning is cheap and clones share one connection pool. It needs a running
/// tokio runtime when sending.
///
/// ```no_run
/// # async fn demo() -> Result<(), dwolla_core::Error> {
/// use std::time::Duration;
/// use dwolla_hyper::HyperTransport;
///
/// let transport = HyperTransport::builder()
///     .connect_timeout(Duration::from_secs(5))
///     .max_response_body(1024 * 1024)
///     .build()?;
/// # let _ = transport;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<Connector, Full<Bytes>>,
    max_response_body: usize,
    config: Arc<HyperTransportBuilder>,
    host: Arc<HostHeader>,
}

/// Settings for a [`HyperTransport`], made by [`HyperTransport::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct HyperTransportBuilder {
    connect_timeout: Duration,
    max_response_body: usize,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    extra_roots: ExtraRoots,
}

/// Root certificates trusted besides the webpki roots (DER, checked by
/// `build`). `Debug` shows only how many there are.
#[derive(Clone, Default)]
struct ExtraRoots(Vec<CertificateDer<'static>>);

impl fmt::Debug for ExtraRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} certificate(s)", self.0.len())
    }
}

impl Default for HyperTransportBuilder {
    fn default() -> Self {
        HyperTransportBuilder {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            pool_idle_timeout: Some(DEFAULT_POOL_IDLE_TIMEOUT),
            pool_max_idle_per_host: usize::MAX,
            extra_roots: ExtraRoots::default(),
        }
    }
}

impl HyperTransportBuilder {
    /// How long establishing a connection may take: the TCP connect and the
    /// TLS handshake together (default 10 s). When it passes, `send` fails
    /// with a [`TransportError`] for which `is_timeout()` is true and
    /// `may_have_been_sent()` false.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes (default 4 MiB). A larger
    /// body fails with [`TransportError::body_too_large`]; no more than this
    /// is ever buffered.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// How long an idle pooled connection is kept open (default 90 s);
    /// `None` keeps idle connections until the server closes them.
    pub fn pool_idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.pool_idle_timeout = timeout.into();
        self
    }

    /// How many idle connections are kept per host (default: no limit). `0`
    /// disables connection reuse.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// Also trusts `der`, a root certificate in DER form, for `https://`
    /// servers, in addition to Mozilla's webpki roots (which stay trusted).
    ///
    /// For a TLS-inspecting corporate proxy whose CA is not publicly trusted,
    /// or a test server with a self-signed certificate. Call it once per
    /// certificate. The bytes are checked by [`build`](Self::build), which
    /// fails with [`Error::InvalidInput`](dwolla_core::Error::InvalidInput)
    /// (field `root_certificate`) if they are not a DER X.509 certificate; a
    /// PEM file must be decoded first (the base64 between its `BEGIN` and
    /// `END` lines is the DER).
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let der = std::fs::read("corporate-root-ca.der")?;
    /// let transport = dwolla_hyper::HyperTransport::builder()
    ///     .add_root_certificate_der(der)
    ///     .build()?;
    /// # let _ = transport;
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_root_certificate_der(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.0.push(CertificateDer::from(der.into()));
        self
    }

    /// Builds the transport.
    ///
    /// Fails with [`Error::InvalidInput`](dwolla_core::Error::InvalidInput)
    /// (field `root_certificate`) if a certificate given to
    /// [`add_root_certificate_der`](Self::add_root_certificate_der) is not a
    /// valid DER X.509 certificate; otherwise only if the TLS configuration
    /// cannot be built (both of rustls's providers this crate can use support
    /// TLS 1.2 and 1.3, so in practice it does not). Needs no runtime; sending
    /// does.
    pub fn build(self) -> Result<HyperTransport, dwolla_core::Error> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for (i, der) in self.extra_roots.0.iter().enumerate() {
            roots
                .add(der.clone())
                .map_err(|e| invalid_root_certificate(i, der, &e))?;
        }
        let config = rustls::ClientConfig::builder_with_provider(crypto_provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| {
                TransportError::other(false, "cannot build the TLS configuration").with_source(e)
            })?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let tls = HttpsConnectorBuilder::new().with_tls_config(config);
        let mut http = HttpConnector::new();
        // The HTTPS connector decides the scheme; the inner one must accept https:// URIs.
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(self.connect_timeout));
        let https = tls
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(http);
        let connector = TimeoutConnector {
            inner: Arc::new(https),
            timeout: self.connect_timeout,
        };
        let client = Client::builder(TokioExecutor::new())
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .pool_max_idle_per_host(self.pool_max_idle_per_host)
            .build(connector);
        Ok(HyperTransport {
            client,
            max_response_body: self.max_response_body,
            config: Arc::new(self),
            host: Arc::default(),
        })
    }
}

/// The rustls crypto provider, chosen by this crate's features: aws-lc-rs
/// (the default; key exchange offers the post-quantum hybrid X25519MLKEM768
/// first) whenever its feature is on, else ring.
#[cfg(feature = "aws-lc-rs")]
fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The rustls crypto provider: ring, asked for with `default-features =
/// false, features = ["ring"]` (no post-quantum key exchange).
#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    // rustls 0.23.48 deprecated ring's provider for its lack of post-quantum
    // key exchange and names no replacement for it: choosing ring is what
    // the `ring` feature is for, and its docs say what is lost.
    #[allow(deprecated)]
    Arc::new(rustls::crypto::ring::default_provider())
}

#[cfg(not(any(feature = "aws-lc-rs", feature = "ring")))]
compile_error!(
    "dwolla-hyper needs a TLS crypto provider: enable its `aws-lc-rs` feature (the default) or `ring`"
);

/// The `InvalidInput` error for the `index`th extra root certificate.
fn invalid_root_certificate(index: usize, der: &[u8], err: &rustls::Error) -> dwolla_core::Error {
    let hint = if der.trim_ascii_start().starts_with(b"-----BEGIN") {
        "; this looks like PEM: pass the DER bytes (the decoded base64)"
    } else {
        ""
    };
    // rustls words this for a peer's certificate ("invalid peer certificate:
    // BadEncoding"); only the reason applies here.
    let err = match err {
        rustls::Error::InvalidCertificate(reason) => format!("{reason:?}"),
        other => other.to_string(),
    };
    dwolla_core::Error::invalid_input(
        "root_certificate",
        format!(
            "certificate #{} given to add_root_certificate_der is not a valid DER X.509 certificate ({err}){hint}",
            index + 1
        ),
    )
}

impl HyperTransport {
    /// A transport with the default settings: 10 s connect timeout, 4 MiB
    /// response limit, pooled connections kept idle for 90 s.
    ///
    /// Fails only as [`HyperTransportBuilder::build`] does (in practice, never).
    pub fn new() -> Result<Self, dwolla_core::Error> {
        HyperTransportBuilder::default().build()
    }

    /// Settings for a transport.
    pub fn builder() -> HyperTransportBuilder {
        HyperTransportBuilder::default()
    }

    /// The configured response body limit, in bytes.
    pub fn max_response_body(&self) -> usize {
        self.max_response_body
    }

    /// The configured connect timeout (TCP connect and TLS handshake).
    pub fn connect_timeout(&self) -> Duration {
        self.config.connect_timeout
    }
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("connect_timeout", &self.config.connect_timeout)
            .field("max_response_body", &self.max_response_body)
            .field("pool_idle_timeout", &self.config.pool_idle_timeout)
            .field(
                "pool_max_idle_per_host",
                &self.config.pool_max_idle_per_host,
            )
            .field("extra_root_certificates", &self.config.extra_roots)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl HttpTransport for HyperTransport {
    async fn send(
        &self,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let host = self.host.add_to(&mut request);
        let response = self
            .client
            .request(request.map(Full::new))
            .await
            .map_err(classify_request_error)?;
        self.host.learn(host, response.version());
        let (parts, body) = response.into_parts();
        let limit = self.max_response_body;
        if body.size_hint().lower() > limit as u64 {
            // Content-Length says too much: fail before reading a byte.
            return Err(TransportError::body_too_large(limit));
        }
        let body = read_body(body, limit).await?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// The `Host` header hyper-util adds to a request it sends over HTTP/1, made
/// once instead of on every request (hyper-util formats `host:port` into a
/// new value each time, which costs more than the rest of this crate's work
/// on a request).
///
/// Whether a request goes out over HTTP/1 or HTTP/2 is only known once a
/// connection is chosen (ALPN decides, per connection), and on HTTP/2 a
/// `Host` header would be sent as a field of its own beside `:authority`. So
/// the value is added only to requests for the (first) scheme and authority
/// whose last response came back over HTTP/1; nothing is added before that,
/// or to any other server.
/// Should that server move to HTTP/2, the requests in flight when it does
/// carry a `Host` equal to their `:authority`, which HTTP/2 allows (RFC 9113,
/// 8.3.1); the first HTTP/2 response turns it off.
#[derive(Debug, Default)]
struct HostHeader {
    /// The first scheme and authority that answered, and its `Host` value.
    learned: OnceLock<(Scheme, Authority, HeaderValue)>,
    /// Whether `learned`'s server last answered over HTTP/1.
    http1: AtomicBool,
}

/// What [`HostHeader::learn`] needs to know about a request it sent.
enum HostSeen {
    /// The learned scheme and authority (`Host` added if HTTP/1 was last).
    Learned,
    /// Nothing is learned yet: this request's URI, to learn from.
    Unknown(Uri),
    /// Another server.
    Other,
}

impl HostHeader {
    fn add_to(&self, request: &mut http::Request<Bytes>) -> HostSeen {
        let uri = request.uri();
        let Some((scheme, authority, value)) = self.learned.get() else {
            return HostSeen::Unknown(uri.clone());
        };
        // Byte for byte (`Authority`'s own `==` ignores case, and costs ten
        // times more): a spelling that differs only in case is just another
        // server here, for which hyper-util makes the header as before.
        if uri.scheme() != Some(scheme)
            || uri.authority().map(Authority::as_str) != Some(authority.as_str())
        {
            return HostSeen::Other;
        }
        if self.http1.load(Ordering::Relaxed) {
            request
                .headers_mut()
                .entry(HOST)
                .or_insert_with(|| value.clone());
        }
        HostSeen::Learned
    }

    fn learn(&self, seen: HostSeen, version: Version) {
        let http1 = matches!(version, Version::HTTP_11 | Version::HTTP_10);
        match seen {
            HostSeen::Learned => {
                if self.http1.load(Ordering::Relaxed) != http1 {
                    self.http1.store(http1, Ordering::Relaxed);
                }
            }
            // The first answer decides the server; learned over HTTP/2 too,
            // so that its requests need no copy of their URI from then on.
            HostSeen::Unknown(uri) => {
                if let Some(learned) = host_value(&uri) {
                    if self.learned.set(learned).is_ok() {
                        self.http1.store(http1, Ordering::Relaxed);
                    }
                }
            }
            HostSeen::Other => {}
        }
    }
}

/// The `Host` value hyper-util gives a request for `uri` on HTTP/1: the host,
/// and the port unless it is the scheme's default.
fn host_value(uri: &Uri) -> Option<(Scheme, Authority, HeaderValue)> {
    let scheme = uri.scheme()?.clone();
    let authority = uri.authority()?.clone();
    let host = authority.host();
    let value = match authority.port_u16() {
        Some(port) if port != default_port(Some(&scheme)) => {
            HeaderValue::from_maybe_shared(Bytes::from(format!("{host}:{port}")))
        }
        _ => HeaderValue::from_str(host),
    }
    .ok()?;
    Some((scheme, authority, value))
}

/// The port a URI with this scheme and no port talks to.
fn default_port(scheme: Option<&Scheme>) -> u16 {
    if scheme == Some(&Scheme::HTTPS) {
        443
    } else {
        80
    }
}

/// Reads the whole body, failing as soon as it passes `limit`. A body that
/// arrives in one frame (the usual case) is returned without copying.
async fn read_body(mut body: Incoming, limit: usize) -> Result<Bytes, TransportError> {
    if body.is_end_stream() {
        return Ok(Bytes::new());
    }
    let mut first: Option<Bytes> = None;
    let mut rest: Option<BytesMut> = None;
    let mut total: usize = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(classify_body_error)?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if data.is_empty() {
            continue;
        }
        total = total.saturating_add(data.len());
        if total > limit {
            return Err(TransportError::body_too_large(limit));
        }
        if let Some(buf) = rest.as_mut() {
            buf.extend_from_slice(&data);
        } else if let Some(head) = first.take() {
            let hint = usize::try_from(body.size_hint().lower()).unwrap_or(limit);
            let mut buf = BytesMut::with_capacity(total.saturating_add(hint).min(limit));
            buf.extend_from_slice(&head);
            buf.extend_from_slice(&data);
            rest = Some(buf);
        } else {
            first = Some(data);
        }
    }
    Ok(match rest {
        Some(buf) => buf.freeze(),
        None => first.unwrap_or_default(),
    })
}

/// Classifies a failure of the request phase (connect, write, response head).
fn classify_request_error(err: hyper_util::client::legacy::Error) -> TransportError {
    if err.is_connect() {
        return classify_connect_error(err);
    }
    let (kind, sent, what) = match find_in_chain::<hyper::Error>(&err) {
        // hyper hands a request back unsent only when it was canceled
        // before being written.
        Some(h) if h.is_canceled() => (
            Kind::Other,
            false,
            "the request was canceled before it was sent",
        ),
        Some(h) if h.is_timeout() => (Kind::Timeout, true, "timed out waiting for the response"),
        Some(h) if h.is_incomplete_message() => (
            Kind::Other,
            true,
            "the connection closed before the response was complete",
        ),
        Some(h) if h.is_parse() => (
            Kind::Other,
            true,
            "the server sent an invalid HTTP response",
        ),
        // Errors without a cause are hyper-util's own checks (unsupported
        // method or version, a URI without authority): nothing was sent.
        None if err.source().is_none() => (Kind::Other, false, "the request could not be sent"),
        _ => (
            Kind::Other,
            true,
            "the request failed after it may have been sent",
        ),
    };
    tracing::debug!(error = ?err, "dwolla-hyper: request failed");
    let message = describe(what, &err);
    let e = match kind {
        Kind::Timeout => TransportError::timeout(sent, message),
        Kind::Other => TransportError::other(sent, message),
    };
    e.with_source(err)
}

enum Kind {
    Timeout,
    Other,
}

/// Classifies a failure to connect (DNS, TCP, TLS handshake, the connect
/// timeout): nothing was sent. The message names the server as `host:port`,
/// never the request's path or query (ids and search terms live there).
fn classify_connect_error(err: hyper_util::client::legacy::Error) -> TransportError {
    let server = find_in_chain::<ConnectFailed>(&err).map_or("the server", |c| &c.server);
    tracing::debug!(error = ?err, "dwolla-hyper: connecting failed");
    let e = if chain_has_io_kind(&err, io::ErrorKind::TimedOut) {
        let what = format!("timed out connecting to {server}");
        TransportError::timeout(false, describe(&what, &err))
    } else {
        let what = format!("could not connect to {server}");
        TransportError::connect(describe(&what, &err))
    };
    e.with_source(err)
}

/// Classifies a failure while reading the response body: the request was sent.
fn classify_body_error(err: hyper::Error) -> TransportError {
    let e = if err.is_timeout() {
        TransportError::timeout(true, describe("timed out reading the response body", &err))
    } else if err.is_incomplete_message() || chain_has_io_kind(&err, io::ErrorKind::UnexpectedEof) {
        TransportError::other(
            true,
            describe(
                "the connection closed before the response body was complete",
                &err,
            ),
        )
    } else {
        TransportError::other(
            true,
            describe(
                "the connection failed while reading the response body",
                &err,
            ),
        )
    };
    tracing::debug!(error = ?err, "dwolla-hyper: reading the response body failed");
    e.with_source(err)
}

/// `what (root cause)`: hyper-util's own `Display` ("client error (Connect)")
/// hides the cause, so name the innermost one in the message. Error path only.
fn describe(what: &str, err: &(dyn StdError + 'static)) -> String {
    let mut root = err;
    while let Some(next) = root.source() {
        root = next;
    }
    if std::ptr::addr_eq(root, err) {
        // No cause: the error's own text is all there is.
        format!("{what} ({err})")
    } else {
        format!("{what} ({root})")
    }
}

fn chain_has_io_kind(err: &(dyn StdError + 'static), kind: io::ErrorKind) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == kind)
        {
            return true;
        }
        cur = e.source();
    }
    false
}

/// The first error of type `E` among `err`'s causes (not `err` itself).
fn find_in_chain<'a, E: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a E> {
    let mut cur = err.source();
    while let Some(e) = cur {
        if let Some(found) = e.downcast_ref::<E>() {
            return Some(found);
        }
        cur = e.source();
    }
    None
}

/// A connection to `server` could not be made (DNS, TCP, TLS, or the
/// connect timeout): the connector's error, with the server it was for, so
/// that the message can name it. Only host and port: a connector is handed
/// a URI of scheme and authority, but the path and query of a request (ids,
/// search terms) must never reach an error message, so nothing else is kept.
#[derive(Debug)]
struct ConnectFailed {
    /// `host:port`, the port the scheme's default when the URI has none.
    server: String,
    source: BoxError,
}

impl ConnectFailed {
    fn new(dst: &Uri, source: BoxError) -> Self {
        let host = dst.host().unwrap_or("(no host)");
        let port = dst.port_u16().unwrap_or_else(|| default_port(dst.scheme()));
        ConnectFailed {
            server: format!("{host}:{port}"),
            source,
        }
    }
}

impl fmt::Display for ConnectFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not connect to {}", self.server)
    }
}

impl StdError for ConnectFailed {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// Bounds the whole connection setup (TCP connect and TLS handshake); the
/// inner `HttpConnector` timeout covers only TCP.
///
/// hyper-util clones the connector for every request, even one served by a
/// pooled connection; behind an `Arc` that clone is one reference count,
/// and the real connector is cloned only when a connection is made.
#[derive(Clone)]
struct TimeoutConnector<C> {
    inner: Arc<C>,
    timeout: Duration,
}

type Stream = MaybeHttpsStream<TokioIo<tokio::net::TcpStream>>;

impl<C> tower_service::Service<Uri> for TimeoutConnector<C>
where
    C: tower_service::Service<Uri, Response = Stream, Error = BoxError>
        + Clone
        + Send
        + Sync
        + 'static,
    C::Future: Send + 'static,
{
    type Response = Stream;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Stream, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // Each call clones the inner connector and readies that copy.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let mut inner = C::clone(&self.inner);
        let timeout = self.timeout;
        Box::pin(async move {
            // An HttpsConnector over an HttpConnector is always ready; polled
            // anyway, as the Service contract asks.
            let connected = match std::future::poll_fn(|cx| inner.poll_ready(cx)).await {
                Ok(()) => tokio::time::timeout(timeout, inner.call(dst.clone()))
                    .await
                    .unwrap_or_else(|elapsed| {
                        Err(Box::new(io::Error::new(io::ErrorKind::TimedOut, elapsed)))
                    }),
                Err(e) => Err(e),
            };
            connected.map_err(|e| Box::new(ConnectFailed::new(&dst, e)) as BoxError)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> http::Request<Bytes> {
        http::Request::get(url)
            .header("accept", "application/json")
            .body(Bytes::new())
            .unwrap()
    }

    /// Sends `url` through `host` as the transport does, "answered" over
    /// `version`, and returns the `Host` it carried, if any.
    fn send(host: &HostHeader, url: &str, version: Version) -> Option<String> {
        let mut request = get(url);
        let seen = host.add_to(&mut request);
        host.learn(seen, version);
        let value = request.headers().get(HOST)?.to_str().unwrap().to_owned();
        // Added after the request's own headers, where hyper-util puts it.
        assert_eq!(request.headers().keys().last(), Some(&HOST));
        Some(value)
    }

    #[test]
    fn a_connect_failure_keeps_only_host_and_port() {
        let server = |uri: &str| {
            let cause: BoxError = "refused".into();
            ConnectFailed::new(&uri.parse().unwrap(), cause).server
        };
        assert_eq!(server("https://api.dwolla.com"), "api.dwolla.com:443");
        assert_eq!(server("http://localhost"), "localhost:80");
        assert_eq!(server("https://127.0.0.1:8443/"), "127.0.0.1:8443");
        assert_eq!(server("http://[::1]:8080"), "[::1]:8080");
        assert_eq!(
            server("https://user:pass@api.dwolla.com/customers/c-1?search=secret"),
            "api.dwolla.com:443"
        );
    }

    #[test]
    fn the_value_is_what_hyper_util_would_write() {
        let value = |url: &str| {
            let (_, _, v) = host_value(&url.parse().unwrap()).unwrap();
            v.to_str().unwrap().to_owned()
        };
        assert_eq!(value("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
        assert_eq!(value("http://127.0.0.1:80/x"), "127.0.0.1");
        assert_eq!(value("http://localhost/x"), "localhost");
        assert_eq!(value("https://api.dwolla.com/token"), "api.dwolla.com");
        assert_eq!(value("https://api.dwolla.com:443/token"), "api.dwolla.com");
        assert_eq!(
            value("https://api.dwolla.com:80/token"),
            "api.dwolla.com:80"
        );
        assert_eq!(value("http://[::1]:8080/x"), "[::1]:8080");
    }

    #[test]
    fn added_only_while_the_same_server_answers_over_http1() {
        let host = HostHeader::default();
        let a = "http://127.0.0.1:8080/a";
        assert_eq!(
            send(&host, a, Version::HTTP_11),
            None,
            "nothing learned yet"
        );
        assert_eq!(
            send(&host, a, Version::HTTP_11).as_deref(),
            Some("127.0.0.1:8080")
        );
        // Another port, host or scheme is another server.
        assert_eq!(
            send(&host, "http://127.0.0.1:9090/a", Version::HTTP_11),
            None
        );
        assert_eq!(
            send(&host, "http://localhost:8080/a", Version::HTTP_11),
            None
        );
        assert_eq!(
            send(&host, "https://127.0.0.1:8080/a", Version::HTTP_11),
            None
        );
        // Still on for the learned one; an HTTP/2 answer turns it off...
        assert!(send(&host, a, Version::HTTP_2).is_some());
        assert_eq!(send(&host, a, Version::HTTP_2), None);
        assert_eq!(send(&host, a, Version::HTTP_11), None);
        // ...and an HTTP/1.1 answer on again.
        assert!(send(&host, a, Version::HTTP_11).is_some());
    }

    #[test]
    fn never_added_for_a_server_that_answers_over_http2() {
        let host = HostHeader::default();
        let url = "https://localhost:8443/a";
        for _ in 0..3 {
            assert_eq!(send(&host, url, Version::HTTP_2), None);
        }
        // An HTTP/1.1 server met afterwards is not learned: only the first is.
        let other = "http://127.0.0.1:8080/a";
        assert_eq!(send(&host, other, Version::HTTP_11), None);
        assert_eq!(send(&host, other, Version::HTTP_11), None);
    }
}
