//! The authenticated client: tokens, retries, timeouts and tracing around any
//! [`Operation`], over any [`HttpTransport`], on any runtime.

mod groups;
mod options;

use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderName, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{Method, StatusCode};
use tracing::Instrument as _;

pub use groups::*;
pub use options::RequestOptions;

use crate::environment::Environment;
use crate::error::{ApiError, ApiErrorKind, Error, RequestContext, RetryAfter};
use crate::operation::Operation;
use crate::request::{IdempotencyKey, IDEMPOTENCY_KEY};
use crate::retry::{AttemptOutcome, RetryDecision, RetryPolicy};
use crate::time::{BoxFuture, Clock, Sleep};
use crate::token::{self, AccessToken, ClientCredentials};
use crate::token_cache::{TokenCache, DEFAULT_REFRESH_MARGIN};
use crate::transport::{HttpTransport, TransportError};

/// A Dwolla client over the transport `T`.
///
/// Cheap to clone (one `Arc`); clones share the token cache. Build one with
/// [`Client::builder`]; `dwolla-hyper` has ready-made constructors.
///
/// - **Tokens** are fetched on first use and refreshed 60 s (configurable)
///   before they expire. Concurrent calls on a cold or expiring cache cause
///   exactly one token request; a failed fetch is never cached. When Dwolla
///   answers 401 `ExpiredAccessToken` or `InvalidAccessToken`, the token is
///   dropped, a new one fetched and the call retried once.
/// - **Retries** follow the [`RetryPolicy`]. Every POST carries an
///   `Idempotency-Key` (the caller's or a generated UUID) and the same
///   byte-identical body on every attempt, so a retry cannot create twice.
/// - **Timeouts**: [`RequestOptions::timeout`] (or the builder's default)
///   bounds the whole call, raced against the injected `Sleep`, so a
///   transport that waits is cut off at the deadline (one that *blocks the
///   thread* is only seen when it returns; see [`HttpTransport`]).
/// - **Tracing**: a `dwolla` span per call and a debug event per attempt,
///   with operation, method, path, status, attempt, request id and duration;
///   never a secret.
///
/// With `dwolla-hyper`, `dwolla_hyper::client_from_env()?` builds one from
/// `DWOLLA_CLIENT_ID`, `DWOLLA_CLIENT_SECRET` and `DWOLLA_ENVIRONMENT`. Calls
/// are grouped as the reference SDK groups them, or run any [`Operation`]:
///
/// ```
/// use dwolla_core::customers::ListCustomers;
/// use dwolla_core::{Client, Error, HttpTransport, RequestOptions};
/// use std::time::Duration;
///
/// async fn customers<T: HttpTransport>(client: &Client<T>) -> Result<(), Error> {
///     // A grouped call...
///     let page = client.customers().list(ListCustomers::new().limit(10)).await?;
///     // ...the same operation run directly, with per-call options...
///     let options = RequestOptions::new().timeout(Duration::from_secs(5));
///     let same = client.execute_with(ListCustomers::new().limit(10), options).await?;
///     assert_eq!(page.len(), same.len());
///     // ...and every page, lazily.
///     let all = client.pages(ListCustomers::new()).collect_items().await?;
///     println!("{} customers", all.len());
///     Ok(())
/// }
/// ```
pub struct Client<T> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    transport: T,
    env: Environment,
    credentials: ClientCredentials,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    sleep: Arc<dyn Sleep>,
    clock: Arc<dyn Clock>,
    tokens: TokenCache,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("environment", &self.inner.env)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("transport", &self.inner.transport)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]. Credentials, a [`Sleep`] and a [`Clock`] are required;
/// the environment defaults to [`Environment::Sandbox`]. (`dwolla-hyper`'s
/// `client_builder(transport)` starts one with tokio's sleep and the system
/// clock already set.)
///
/// ```
/// use std::time::Duration;
/// use dwolla_core::time::{BoxFuture, Sleep};
/// use dwolla_core::{
///     Client, ClientCredentials, Environment, Error, HttpTransport, RetryPolicy, SystemClock,
/// };
///
/// /// Your runtime's timer (tokio's `sleep`, smol's `Timer::after`, ...).
/// #[derive(Debug)]
/// struct MySleep;
/// impl Sleep for MySleep {
///     fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
///         # let _ = duration;
///         Box::pin(std::future::ready(())) // stands in for a real timer
///     }
/// }
///
/// fn production_client<T: HttpTransport>(transport: T, id: String, secret: String) -> Result<Client<T>, Error> {
///     Client::builder(transport)
///         .environment(Environment::Production)
///         .credentials(ClientCredentials::new(id, secret))
///         .retry_policy(RetryPolicy::new().max_attempts(5))
///         .timeout(Duration::from_secs(30))
///         .sleep(MySleep)
///         .clock(SystemClock)
///         .build()
/// }
/// ```
pub struct ClientBuilder<T> {
    transport: T,
    env: Environment,
    credentials: Option<ClientCredentials>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    sleep: Option<Arc<dyn Sleep>>,
    clock: Option<Arc<dyn Clock>>,
    refresh_margin: Duration,
}

impl<T: fmt::Debug> fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("environment", &self.env)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<T: HttpTransport> ClientBuilder<T> {
    /// The Dwolla environment (default: sandbox).
    pub fn environment(mut self, env: Environment) -> Self {
        self.env = env;
        self
    }
    /// The application's client credentials.
    pub fn credentials(mut self, credentials: ClientCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// The default retry policy (see [`RetryPolicy`] for its defaults).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
    /// A default deadline for every call (none by default; a per-call
    /// [`RequestOptions::timeout`] wins).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// How long before expiry a token is refreshed (default 60 s).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }
    /// How to wait between retries and for timeouts.
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }
    /// Where the time comes from.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }
    /// Like [`sleep`](Self::sleep), sharing an existing `Arc`.
    pub fn sleep_arc(mut self, sleep: Arc<dyn Sleep>) -> Self {
        self.sleep = Some(sleep);
        self
    }
    /// Like [`clock`](Self::clock), sharing an existing `Arc`.
    pub fn clock_arc(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The client, or an [`Error::InvalidInput`] naming what is missing.
    pub fn build(self) -> Result<Client<T>, Error> {
        let credentials = self
            .credentials
            .ok_or_else(|| Error::invalid("credentials", "are required"))?;
        if credentials.id().is_empty() {
            return Err(Error::invalid("client_id", "must not be empty"));
        }
        if credentials.expose_secret().is_empty() {
            return Err(Error::invalid("client_secret", "must not be empty"));
        }
        let sleep = self.sleep.ok_or_else(|| {
            Error::invalid("sleep", "is required (dwolla-hyper provides a tokio one)")
        })?;
        let clock = self.clock.ok_or_else(|| {
            Error::invalid("clock", "is required (dwolla-hyper provides a system one)")
        })?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport: self.transport,
                env: self.env,
                credentials,
                retry: self.retry,
                timeout: self.timeout,
                sleep,
                clock,
                tokens: TokenCache::new(self.refresh_margin),
            }),
        })
    }
}

/// Headers a caller may not set through [`RequestOptions::header`].
const RESERVED: [HeaderName; 6] = [
    AUTHORIZATION,
    IDEMPOTENCY_KEY,
    CONTENT_TYPE,
    ACCEPT,
    HOST,
    CONTENT_LENGTH,
];

impl<T: HttpTransport> Client<T> {
    /// A builder over `transport`.
    pub fn builder(transport: T) -> ClientBuilder<T> {
        ClientBuilder {
            transport,
            env: Environment::Sandbox,
            credentials: None,
            retry: RetryPolicy::default(),
            timeout: None,
            sleep: None,
            clock: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
        }
    }

    /// The environment this client talks to.
    pub fn environment(&self) -> &Environment {
        &self.inner.env
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Runs `op` with the client's defaults.
    // A plain function returning the call's future, not an `async fn` around
    // `execute_with`: a future is moved whole into its caller's, so a layer
    // that adds nothing would still cost a copy of it on every call.
    pub fn execute<O>(
        &self,
        op: O,
    ) -> impl Future<Output = Result<O::Output, Error>> + use<'_, T, O>
    where
        O: Operation + Send + Sync,
        O::Output: Send,
    {
        self.execute_with(op, RequestOptions::default())
    }

    /// Runs `op` with per-call `options`.
    // Not an `async fn` on purpose: see the comment on the block below.
    #[allow(clippy::manual_async_fn)]
    pub fn execute_with<O>(
        &self,
        op: O,
        options: RequestOptions,
    ) -> impl Future<Output = Result<O::Output, Error>> + use<'_, T, O>
    where
        O: Operation + Send + Sync,
        O::Output: Send,
    {
        // An async block rather than an `async fn`: an async fn keeps its
        // arguments twice in its future (as given and as moved into the
        // body), and the future is copied whole on every call.
        async move {
            let inner = &*self.inner;
            let start = inner.clock.now();
            let deadline = deadline(start, options.timeout.or(inner.timeout));
            // The usual case: a cached token that is not yet due for refresh
            // (what `token` would return at once). The first request is then
            // built with it, and the token fetch stays off this path.
            // (Scoped, like `first` below, so that the future does not keep a
            // moved-from copy.)
            let (first_has_token, mut token) = {
                let cached = if deadline.is_none_or(|(at, _)| start < at) {
                    inner.tokens.fresh(start)
                } else {
                    None
                };
                (
                    cached.is_some(),
                    cached.unwrap_or_else(AccessToken::placeholder),
                )
            };
            let (mut built, key, span) = {
                // Built (and so validated) before any I/O, even the token
                // fetch: bad input never reaches the network. Without a cached
                // token a placeholder stands in, and the real one goes in below.
                let first = op.build_request(&inner.env, &token)?;
                // The same key on every attempt: the caller's, the operation's,
                // or one generated now. The operation's own is in every request
                // it builds already; the other two are added to each attempt.
                let key = if first.method() == Method::POST {
                    match options.idempotency_key {
                        Some(key) => Some(key.into_header_value()),
                        None if first.headers().contains_key(IDEMPOTENCY_KEY) => None,
                        None => Some(IdempotencyKey::generate().into_header_value()),
                    }
                } else {
                    None
                };
                let span = tracing::debug_span!(
                    "dwolla",
                    operation = op.name(),
                    method = %first.method(),
                    path = first.uri().path(),
                    attempts = tracing::field::Empty,
                );
                // The first attempt sends the request built here; a retry
                // builds it again from the same operation, which gives the same
                // bytes (building is deterministic), so the common case copies
                // nothing.
                (Some(first), key, span)
            };
            let extra = &options.headers;
            // Completes a request the operation built: the caller's headers,
            // the key, and the token if it was built with the placeholder.
            let finish = |req: &mut http::Request<Bytes>, token: Option<&AccessToken>| {
                let headers = req.headers_mut();
                for (name, value) in extra.iter() {
                    if !RESERVED.contains(name) {
                        headers.insert(name.clone(), value.clone());
                    }
                }
                if let Some(key) = &key {
                    headers.insert(IDEMPOTENCY_KEY, key.clone());
                }
                if let Some(token) = token {
                    headers.insert(AUTHORIZATION, token.authorization_header().clone());
                }
            };
            let policy = options.retry_policy.as_ref().unwrap_or(&inner.retry);
            // The span is attached whether or not anyone listens: entering a
            // disabled one is a check of an empty option. It is swapped for
            // `Span::none()`, which has nothing to log even when tracing's
            // `log` feature is on, as the bare future had.
            let span = if span.is_disabled() {
                tracing::Span::none()
            } else {
                span
            };
            let call_span = span.clone();
            let mut attempts = 0u32;
            let mut refreshed = false;
            // Borrows what it needs, so that its future holds references
            // rather than copies.
            async {
                if !first_has_token {
                    // A token fetch is rare and its future large: boxed, it is
                    // allocated only when needed, and every call's future
                    // stays small.
                    token = Box::pin(self.token(deadline)).await?;
                }
                loop {
                    attempts += 1;
                    let request = match built.take() {
                        Some(mut request) => {
                            finish(&mut request, (!first_has_token).then_some(&token));
                            request
                        }
                        None => {
                            let mut request = op.build_request(&inner.env, &token)?;
                            finish(&mut request, None);
                            request
                        }
                    };
                    // The clock is only read for the trace when someone listens.
                    let sent_at =
                        tracing::enabled!(tracing::Level::DEBUG).then(|| inner.clock.now());
                    let result = self.send(request, deadline).await;
                    if let Some(sent_at) = sent_at {
                        trace_attempt(
                            attempts,
                            &result,
                            inner.clock.now().saturating_duration_since(sent_at),
                        );
                    }
                    let result = match result {
                        Ok(resp) if resp.status() == StatusCode::UNAUTHORIZED && !refreshed => {
                            let err = ApiError::from_response(resp);
                            if matches!(
                                err.kind(),
                                ApiErrorKind::ExpiredAccessToken
                                    | ApiErrorKind::InvalidAccessToken
                            ) {
                                // Dwolla no longer accepts this token: fetch a
                                // new one (single-flight) and try once more.
                                tracing::debug!(kind = ?err.kind(), "access token refused; refreshing");
                                inner.tokens.invalidate(&token);
                                token = Box::pin(self.token(deadline)).await?;
                                refreshed = true;
                                continue;
                            }
                            call_span.record("attempts", attempts);
                            return Err(Error::Api(err)
                                .with_attempts(attempts)
                                .with_request(|| request_context(&op, &inner.env)));
                        }
                        other => other,
                    };
                    let outcome = match &result {
                        Ok(resp) => AttemptOutcome::Status {
                            status: resp.status(),
                            // Only a failure's Retry-After can matter.
                            retry_after: if resp.status().is_success() {
                                None
                            } else {
                                RetryAfter::from_headers(resp.headers())
                            },
                        },
                        Err(e) => AttemptOutcome::from_transport(e),
                    };
                    // The token refresh above is not a retry: it does not count
                    // against the policy's attempts.
                    let policy_attempts = attempts - u32::from(refreshed);
                    match self.decide(policy, policy_attempts, &outcome, start, deadline) {
                        RetryDecision::RetryAfter(wait) => {
                            tracing::debug!(
                                attempt = attempts,
                                wait_ms = wait.as_millis() as u64,
                                "retrying"
                            );
                            inner.sleep.sleep(wait).await;
                        }
                        RetryDecision::Stop(_) => {
                            call_span.record("attempts", attempts);
                            return match result {
                                Ok(resp) => op.parse_response(resp).map_err(|e| {
                                    e.with_attempts(attempts)
                                        .with_request(|| request_context(&op, &inner.env))
                                }),
                                Err(e) => Err(Error::Transport(e).with_attempts(attempts)),
                            };
                        }
                    }
                }
            }
            .instrument(span)
            .await
        }
    }

    /// A valid access token, from the cache or freshly fetched.
    pub async fn access_token(&self) -> Result<AccessToken, Error> {
        self.token(None).await
    }

    async fn token(&self, deadline: Option<(Instant, Duration)>) -> Result<AccessToken, Error> {
        let inner = &*self.inner;
        // The usual case, without building the fetch and timeout machinery
        // (which would return the same token at once before the deadline).
        let now = inner.clock.now();
        if deadline.is_none_or(|(at, _)| now < at) {
            if let Some(token) = inner.tokens.fresh(now) {
                return Ok(token);
            }
        }
        let get = pin!(inner
            .tokens
            .get(|| inner.clock.now(), || self.fetch_token(deadline)));
        self.within(deadline, get, |e| Err(Error::Transport(e)))
            .await
    }

    /// One token request, retried like any call.
    async fn fetch_token(
        &self,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<(AccessToken, Duration), Error> {
        let inner = &*self.inner;
        let start = inner.clock.now();
        let mut attempts = 0u32;
        async move {
            loop {
                attempts += 1;
                // Built per attempt (it is cheap and deterministic), so no
                // copy is kept for a retry that rarely happens.
                let request = token::build_token_request(&inner.env, &inner.credentials)?;
                let result = self.send(request, deadline).await;
                let (outcome, error) = match result {
                    Ok(resp) => {
                        let outcome = AttemptOutcome::Status {
                            status: resp.status(),
                            retry_after: RetryAfter::from_headers(resp.headers()),
                        };
                        match token::parse_token_response(resp) {
                            Ok(t) => {
                                tracing::debug!(attempt = attempts, "access token granted");
                                return Ok(t.into_parts());
                            }
                            Err(e) => (outcome, Error::Token(e)),
                        }
                    }
                    Err(e) => (AttemptOutcome::from_transport(&e), Error::Transport(e)),
                };
                tracing::debug!(attempt = attempts, error = %error, "token request failed");
                match self.decide(&inner.retry, attempts, &outcome, start, deadline) {
                    RetryDecision::RetryAfter(wait) => inner.sleep.sleep(wait).await,
                    RetryDecision::Stop(_) => return Err(error.with_attempts(attempts)),
                }
            }
        }
        .instrument(tracing::debug_span!("dwolla.token"))
        .await
    }

    fn decide(
        &self,
        policy: &RetryPolicy,
        attempts: u32,
        outcome: &AttemptOutcome,
        start: Instant,
        deadline: Option<(Instant, Duration)>,
    ) -> RetryDecision {
        // The usual case (success, or retries off) reads no clock and draws
        // no jitter.
        if let Some(reason) = policy.stop_without_time(attempts, outcome) {
            return RetryDecision::Stop(reason);
        }
        let now = self.inner.clock.now();
        policy.decide(
            attempts,
            outcome,
            now.saturating_duration_since(start),
            deadline.map(|(d, _)| d.saturating_duration_since(now)),
            self.inner.clock.system_time(),
            if policy.has_jitter() {
                fastrand::f64()
            } else {
                0.0
            },
        )
    }

    /// The transport's answer, or a timeout when the deadline passes first.
    fn send(
        &self,
        request: http::Request<Bytes>,
        deadline: Option<(Instant, Duration)>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + use<'_, T> {
        self.within(deadline, self.inner.transport.send(request), Err)
    }

    /// Runs `fut` to completion, or answers `on_timeout` with the timeout
    /// error when the deadline passes first.
    ///
    /// Not an `async fn`: the future it returns holds `fut` itself, not a
    /// second copy of it, and the call's future holds this one whole; the
    /// timer is started on the first poll.
    fn within<F: Future + Unpin>(
        &self,
        deadline: Option<(Instant, Duration)>,
        mut fut: F,
        on_timeout: fn(TransportError) -> F::Output,
    ) -> impl Future<Output = F::Output> + use<'_, T, F> {
        let mut timer: Option<BoxFuture<'static, ()>> = None;
        let mut started = false;
        poll_fn(move |cx| {
            if !started {
                started = true;
                if let Some((at, _)) = deadline {
                    let left = at.saturating_duration_since(self.inner.clock.now());
                    if left.is_zero() {
                        return Poll::Ready(on_timeout(deadline_passed(deadline)));
                    }
                    timer = Some(self.inner.sleep.sleep(left));
                }
            }
            if let Poll::Ready(output) = Pin::new(&mut fut).poll(cx) {
                return Poll::Ready(output);
            }
            if timer
                .as_mut()
                .is_some_and(|t| t.as_mut().poll(cx).is_ready())
            {
                return Poll::Ready(on_timeout(deadline_passed(deadline)));
            }
            Poll::Pending
        })
    }
}

/// When a call started at `start` with `timeout` must be done, with the
/// timeout itself. A timeout too large to add to an Instant is no deadline
/// at all.
pub(crate) fn deadline(start: Instant, timeout: Option<Duration>) -> Option<(Instant, Duration)> {
    timeout.and_then(|t| Some((start.checked_add(t)?, t)))
}

/// The operation, method and path of `op`'s request, for an error's message.
/// Built again rather than kept from the call (building is deterministic), so
/// that a call that succeeds pays nothing for it.
fn request_context<O: Operation>(op: &O, env: &Environment) -> RequestContext {
    match op.build_request(env, &AccessToken::placeholder()) {
        Ok(request) => {
            RequestContext::new(op.name(), request.method().clone(), request.uri().path())
        }
        Err(_) => RequestContext::new(op.name(), Method::GET, "?"),
    }
}

fn deadline_passed(deadline: Option<(Instant, Duration)>) -> TransportError {
    let limit = deadline.map(|(_, t)| t).unwrap_or_default();
    TransportError::timeout(true, format!("the call's timeout of {limit:?} passed"))
}

fn trace_attempt(
    attempt: u32,
    result: &Result<http::Response<Bytes>, TransportError>,
    duration: Duration,
) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    match result {
        Ok(resp) => tracing::debug!(
            attempt,
            status = resp.status().as_u16(),
            request_id = resp
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-"),
            duration_ms = duration.as_secs_f64() * 1000.0,
            "attempt finished"
        ),
        Err(e) => tracing::debug!(
            attempt,
            error = %e,
            timeout = e.is_timeout(),
            may_have_been_sent = e.may_have_been_sent(),
            duration_ms = duration.as_secs_f64() * 1000.0,
            "attempt failed"
        ),
    }
}
