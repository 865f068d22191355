//! The client's token, retry, timeout and tracing behaviour, over the mock
//! transport with fake time: deterministic, no network, no waiting.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ExchangeSessionCreated};
use dwolla_core::http::{HeaderName, HeaderValue};
use dwolla_core::{
    ApiErrorKind, Client, ClientCredentials, Environment, Error, HttpTransport, IdempotencyKey,
    RequestOptions, RetryPolicy, TransportError,
};
use dwolla_mock::time::{ManualClock, RecordingSleep};
use dwolla_mock::{fixtures, MockTransport};

const SECRET: &str = "s3cr3t-client-secret";
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";

struct Harness<T> {
    client: Client<T>,
    clock: ManualClock,
    sleep: RecordingSleep,
}

fn harness<T: HttpTransport>(transport: T, retry: RetryPolicy) -> Harness<T> {
    let clock = ManualClock::new();
    let sleep = RecordingSleep::new(clock.clone());
    let client = Client::builder(transport)
        .environment(Environment::Sandbox)
        .credentials(ClientCredentials::new("client-id", SECRET))
        .retry_policy(retry)
        .sleep(sleep.clone())
        .clock(clock.clone())
        .build()
        .expect("a complete builder");
    Harness {
        client,
        clock,
        sleep,
    }
}

fn web() -> CreateCustomerExchangeSession {
    CreateCustomerExchangeSession::web("c1", PARTNER)
}

fn is_token(path: &str) -> bool {
    path == "/token"
}

fn api_kind(e: &Error) -> ApiErrorKind {
    e.api_kind()
        .unwrap_or_else(|| panic!("expected an API error, got {e:?}"))
}

#[tokio::test]
async fn first_call_fetches_a_token_then_creates_with_a_generated_key() {
    let mock = MockTransport::with_responses([
        fixtures::token("tok-1", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let created = h.client.execute(web()).await.unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].path(), "/token");
    assert_eq!(reqs[0].body_text(), Some("grant_type=client_credentials"));
    assert!(reqs[0]
        .header("authorization")
        .unwrap()
        .starts_with("Basic "));
    assert_eq!(reqs[1].path(), "/customers/c1/exchange-sessions");
    assert_eq!(reqs[1].header("authorization"), Some("Bearer tok-1"));
    let key = reqs[1]
        .header("idempotency-key")
        .expect("every POST carries a key");
    assert_eq!(key.len(), 36, "a hyphenated UUID: {key}");
    assert!(IdempotencyKey::new(key).is_ok());
}

#[tokio::test]
async fn bad_input_never_reaches_the_network() {
    let mock = MockTransport::new();
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h
        .client
        .execute(CreateCustomerExchangeSession::web("..", PARTNER))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref i) if i.field() == "customer_id"),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 0, "not even a token request");
}

#[tokio::test]
async fn the_token_is_cached_and_refreshed_60s_before_expiry() {
    let mock = MockTransport::from_fn(|req| {
        Ok(if is_token(req.uri().path()) {
            fixtures::token("tok", 3600)
        } else {
            fixtures::exchange_session_created()
        })
    });
    let h = harness(mock.clone(), RetryPolicy::new());
    let tokens = || {
        mock.requests()
            .iter()
            .filter(|r| is_token(r.path()))
            .count()
    };
    h.client.execute(web()).await.unwrap();
    h.client.execute(web()).await.unwrap();
    assert_eq!(tokens(), 1);
    h.clock.advance(Duration::from_secs(3539));
    h.client.execute(web()).await.unwrap();
    assert_eq!(tokens(), 1, "still 61 s of life left");
    h.clock.advance(Duration::from_secs(2));
    h.client.execute(web()).await.unwrap();
    assert_eq!(tokens(), 2, "refreshed within 60 s of expiry");
}

/// A transport whose token endpoint answers only when the test opens the
/// gate, so that many calls can be made to wait on one fetch.
#[derive(Debug, Default)]
struct GatedTokens {
    open: Mutex<(bool, Vec<Waker>)>,
    token_requests: AtomicUsize,
    creates: AtomicUsize,
}

impl GatedTokens {
    fn open(&self) {
        let mut g = self.open.lock().unwrap();
        g.0 = true;
        for w in g.1.drain(..) {
            w.wake();
        }
    }
}

#[async_trait]
impl HttpTransport for GatedTokens {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        if is_token(request.uri().path()) {
            self.token_requests.fetch_add(1, Ordering::SeqCst);
            std::future::poll_fn(|cx| {
                let mut g = self.open.lock().unwrap();
                if g.0 {
                    Poll::Ready(())
                } else {
                    g.1.push(cx.waker().clone());
                    Poll::Pending
                }
            })
            .await;
            return Ok(fixtures::token("tok", 3600));
        }
        self.creates.fetch_add(1, Ordering::SeqCst);
        Ok(fixtures::exchange_session_created())
    }
}

#[tokio::test]
async fn a_hundred_concurrent_calls_on_a_cold_cache_make_one_token_request() {
    let transport = Arc::new(GatedTokens::default());
    let h = harness(transport.clone(), RetryPolicy::new());
    type Call<'a> = Pin<Box<dyn Future<Output = Result<ExchangeSessionCreated, Error>> + 'a>>;
    let mut calls: Vec<Call<'_>> = (0..100)
        .map(|_| Box::pin(h.client.execute(web())) as Call<'_>)
        .collect();
    // Start every call: all of them are now waiting for the one token fetch.
    let mut cx = Context::from_waker(Waker::noop());
    for c in calls.iter_mut() {
        assert!(c.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(transport.token_requests.load(Ordering::SeqCst), 1);
    transport.open();
    for c in calls {
        c.await.unwrap();
    }
    assert_eq!(transport.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(transport.creates.load(Ordering::SeqCst), 100);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried_with_the_same_key() {
    let mock = MockTransport::with_responses([
        fixtures::token("old", 3600),
        fixtures::expired_access_token(),
        fixtures::token("new", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let created = h.client.execute(web()).await.unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);
    let reqs = mock.requests();
    let paths: Vec<_> = reqs.iter().map(|r| r.path().to_owned()).collect();
    assert_eq!(
        paths,
        [
            "/token",
            "/customers/c1/exchange-sessions",
            "/token",
            "/customers/c1/exchange-sessions"
        ]
    );
    assert_eq!(reqs[1].header("authorization"), Some("Bearer old"));
    assert_eq!(reqs[3].header("authorization"), Some("Bearer new"));
    assert_eq!(
        reqs[1].header("idempotency-key"),
        reqs[3].header("idempotency-key")
    );
    assert_eq!(reqs[1].body(), reqs[3].body());
    assert!(
        h.sleep.slept().is_empty(),
        "a token refresh is not a backoff"
    );
}

#[tokio::test]
async fn an_invalid_token_is_refreshed_but_only_once() {
    let mock = MockTransport::with_responses([
        fixtures::token("a", 3600),
        fixtures::invalid_access_token(),
        fixtures::token("b", 3600),
        fixtures::invalid_access_token(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h.client.execute(web()).await.unwrap_err();
    assert_eq!(api_kind(&err), ApiErrorKind::InvalidAccessToken);
    assert_eq!(err.attempts(), Some(2));
    assert_eq!(mock.remaining(), 0);
}

#[tokio::test]
async fn invalid_scope_is_returned_as_is() {
    let mock =
        MockTransport::with_responses([fixtures::token("a", 3600), fixtures::invalid_scope()]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h.client.execute(web()).await.unwrap_err();
    assert_eq!(api_kind(&err), ApiErrorKind::InvalidScope);
    assert_eq!(mock.request_count(), 2, "no refresh, no retry");
}

#[tokio::test]
async fn two_503s_then_201_succeeds_in_three_attempts_with_one_key_and_body() {
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        fixtures::error_response(503, "r1", "<html>unavailable</html>"),
        fixtures::error_response(503, "r2", "<html>unavailable</html>"),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new().jitter(false));
    h.client.execute(web()).await.unwrap();
    let creates: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| !is_token(r.path()))
        .collect();
    assert_eq!(creates.len(), 3);
    for r in &creates[1..] {
        assert_eq!(
            r.header("idempotency-key"),
            creates[0].header("idempotency-key")
        );
        assert_eq!(
            r.body(),
            creates[0].body(),
            "byte-identical body on every attempt"
        );
    }
    assert_eq!(
        h.sleep.slept(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
}

#[tokio::test]
async fn retry_after_is_waited_at_least() {
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        fixtures::rate_limited(Some(7)),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    h.client.execute(web()).await.unwrap();
    let slept = h.sleep.slept();
    assert_eq!(slept.len(), 1);
    assert!(slept[0] >= Duration::from_secs(7), "{slept:?}");
}

#[tokio::test]
async fn exhausted_retries_return_the_last_error_with_the_attempt_count() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("t", 3600));
    for _ in 0..4 {
        mock.push(fixtures::server_error());
    }
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h.client.execute(web()).await.unwrap_err();
    assert_eq!(api_kind(&err), ApiErrorKind::ServerError);
    assert_eq!(err.attempts(), Some(4));
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
    assert_eq!(h.sleep.slept().len(), 3);
}

#[tokio::test]
async fn retries_can_be_switched_off_per_client_and_per_call() {
    let mock =
        MockTransport::with_responses([fixtures::token("t", 3600), fixtures::server_error()]);
    let h = harness(mock.clone(), RetryPolicy::disabled());
    let err = h.client.execute(web()).await.unwrap_err();
    assert_eq!(err.attempts(), Some(1));

    let mock =
        MockTransport::with_responses([fixtures::token("t", 3600), fixtures::rate_limited(None)]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h
        .client
        .execute_with(web(), RequestOptions::new().no_retries())
        .await
        .unwrap_err();
    assert_eq!(api_kind(&err), ApiErrorKind::RateLimited);
    assert!(h.sleep.slept().is_empty());
}

#[tokio::test]
async fn non_transient_errors_are_not_retried() {
    for (fixture, kind) in [
        (
            fixtures::invalid_exchange_partner(),
            ApiErrorKind::InvalidExchangePartner,
        ),
        (
            fixtures::partner_not_enabled(),
            ApiErrorKind::ExchangePartnerNotEnabled,
        ),
        (fixtures::not_found(), ApiErrorKind::NotFound),
    ] {
        let mock = MockTransport::with_responses([fixtures::token("t", 3600), fixture]);
        let h = harness(mock.clone(), RetryPolicy::new());
        let err = h.client.execute(web()).await.unwrap_err();
        assert_eq!(api_kind(&err), kind);
        assert_eq!(err.attempts(), Some(1));
    }
}

#[tokio::test]
async fn connect_errors_are_retried_and_oversized_bodies_are_not() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("t", 3600));
    mock.push_error(TransportError::connect("refused"));
    mock.push(fixtures::exchange_session_created());
    let h = harness(mock.clone(), RetryPolicy::new());
    h.client.execute(web()).await.unwrap();

    let mock = MockTransport::new();
    mock.push(fixtures::token("t", 3600));
    mock.push_error(TransportError::body_too_large(1024));
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h.client.execute(web()).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref t) if t.is_body_too_large()),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 2);
}

/// Never answers.
#[derive(Debug)]
struct BlackHole;

#[async_trait]
impl HttpTransport for BlackHole {
    async fn send(&self, _: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        std::future::pending().await
    }
}

#[tokio::test]
async fn the_call_times_out_whatever_the_transport_does() {
    let h = harness(BlackHole, RetryPolicy::new());
    let err = h
        .client
        .execute_with(web(), RequestOptions::new().timeout(Duration::from_secs(5)))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(h.sleep.slept(), [Duration::from_secs(5)]);
}

#[tokio::test]
async fn a_token_endpoint_html_500_is_typed_and_not_cached() {
    let mock = MockTransport::with_responses([
        fixtures::token_html_500(),
        fixtures::token("t", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::disabled());
    let err = h.client.execute(web()).await.unwrap_err();
    match &err {
        Error::Token(t) => {
            assert_eq!(t.status().map(|s| s.as_u16()), Some(500));
            assert_eq!(t.oauth_error(), None);
            assert!(t.body().starts_with(b"<"), "raw HTML body kept");
        }
        other => panic!("expected a token error, got {other:?}"),
    }
    h.client.execute(web()).await.unwrap();
    assert_eq!(
        mock.requests()
            .iter()
            .filter(|r| is_token(r.path()))
            .count(),
        2
    );
}

#[tokio::test]
async fn invalid_client_is_a_token_error_with_the_oauth_code() {
    let mock = MockTransport::with_responses([fixtures::token_invalid_client()]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let err = h.client.execute(web()).await.unwrap_err();
    assert!(
        matches!(err, Error::Token(ref t) if t.oauth_error() == Some("invalid_client")),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 1, "a 401 from /token is not retried");
}

#[tokio::test]
async fn the_callers_idempotency_key_and_extra_headers_are_sent() {
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        fixtures::server_error(),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    let options = RequestOptions::new()
        .idempotency_key(IdempotencyKey::new("order-42").unwrap())
        .header(
            HeaderName::from_static("x-trace"),
            HeaderValue::from_static("abc"),
        )
        .header(
            HeaderName::from_static("authorization"),
            HeaderValue::from_static("Bearer forged"),
        );
    h.client
        .execute_with(web().idempotency_key("from-op"), options)
        .await
        .unwrap();
    let reqs = mock.requests();
    for r in &reqs[1..] {
        assert_eq!(
            r.header("idempotency-key"),
            Some("order-42"),
            "the options' key wins"
        );
        assert_eq!(r.header("x-trace"), Some("abc"));
        assert_eq!(
            r.header("authorization"),
            Some("Bearer t"),
            "authorization is not overridable"
        );
    }
}

#[tokio::test]
async fn an_operation_key_is_kept_when_the_options_have_none() {
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    h.client
        .execute(web().idempotency_key("from-op"))
        .await
        .unwrap();
    assert_eq!(
        mock.requests()[1].header("idempotency-key"),
        Some("from-op")
    );
}

#[test]
fn the_builder_names_what_is_missing() {
    let missing = |b: dwolla_core::ClientBuilder<MockTransport>| match b.build() {
        Err(Error::InvalidInput(i)) => i.field(),
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    let clock = ManualClock::new();
    assert_eq!(
        missing(Client::builder(MockTransport::new())),
        "credentials"
    );
    assert_eq!(
        missing(
            Client::builder(MockTransport::new()).credentials(ClientCredentials::new("i", "s"))
        ),
        "sleep"
    );
    assert_eq!(
        missing(
            Client::builder(MockTransport::new())
                .credentials(ClientCredentials::new("i", "s"))
                .sleep(RecordingSleep::new(clock.clone()))
        ),
        "clock"
    );
    assert_eq!(
        missing(
            Client::builder(MockTransport::new())
                .credentials(ClientCredentials::new("i", ""))
                .sleep(RecordingSleep::new(clock.clone()))
                .clock(clock)
        ),
        "client_secret"
    );
}

#[tokio::test]
async fn a_replay_still_processing_409_is_retried_with_the_same_key() {
    let conflict = fixtures::error_response(
        409,
        "r409",
        r#"{"code":"Conflict","message":"A request with this idempotency key is still being processed."}"#,
    );
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        conflict,
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    h.client.execute(web()).await.unwrap();
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(
        reqs[1].header("idempotency-key"),
        reqs[2].header("idempotency-key")
    );
    assert_eq!(h.sleep.slept().len(), 1);
}

#[tokio::test]
async fn a_huge_timeout_is_no_deadline_not_a_panic() {
    let mock = MockTransport::with_responses([
        fixtures::token("t", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new());
    h.client
        .execute_with(web(), RequestOptions::new().timeout(Duration::MAX))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_transient_token_failure_is_retried() {
    let mock = MockTransport::with_responses([
        fixtures::error_response(503, "t503", "<html>busy</html>"),
        fixtures::token("t", 3600),
        fixtures::exchange_session_created(),
    ]);
    let h = harness(mock.clone(), RetryPolicy::new().jitter(false));
    h.client.execute(web()).await.unwrap();
    let paths: Vec<_> = mock
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["/token", "/token", "/customers/c1/exchange-sessions"]
    );
    assert_eq!(h.sleep.slept(), [Duration::from_millis(500)]);
}

/// Grants tokens at once; never answers anything else.
#[derive(Debug)]
struct TokensOnly;

#[async_trait]
impl HttpTransport for TokensOnly {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        if is_token(request.uri().path()) {
            return Ok(fixtures::token("t", 3600));
        }
        std::future::pending().await
    }
}

#[tokio::test]
async fn the_deadline_also_bounds_the_api_attempt_after_the_token() {
    let h = harness(TokensOnly, RetryPolicy::new());
    let err = h
        .client
        .execute_with(web(), RequestOptions::new().timeout(Duration::from_secs(5)))
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => assert!(t.is_timeout() && t.may_have_been_sent(), "{t:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(err.attempts(), Some(1), "a passed deadline is not retried");
}
