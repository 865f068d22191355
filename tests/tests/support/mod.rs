//! What the test binaries share: building a request and reading its
//! refusal, a client that retries, the check every retried call must pass,
//! and (in [`props`]) the property-test strategies. A test file includes it
//! with `mod support;`.
#![allow(dead_code)] // each test binary uses its own part

pub mod e2e;
pub mod props;

use std::fmt::Debug;

use bytes::Bytes;
use dwolla_core::{
    AccessToken, Amount, ApiErrorKind, Client, Environment, Error, IdempotencyKey, Operation,
    RetryPolicy,
};
use dwolla_mock::time::{ManualClock, RecordingSleep};
use dwolla_mock::{test_client_builder, MockTransport, RecordedRequest};

/// The request `op` builds for production (with the token `tok`); panics
/// if it refuses.
pub fn build(op: &impl Operation) -> http::Request<Bytes> {
    op.build_request(&Environment::Production, &AccessToken::new("tok"))
        .unwrap()
}

/// The request `op` builds for the sandbox (with the token `tok`), or why
/// not.
pub fn try_build_sandbox(op: &impl Operation) -> Result<http::Request<Bytes>, Error> {
    op.build_request(&Environment::Sandbox, &AccessToken::new("tok"))
}

/// The request `op` builds for the sandbox; panics if it refuses.
pub fn build_sandbox(op: &impl Operation) -> http::Request<Bytes> {
    try_build_sandbox(op).unwrap()
}

/// A USD amount from its decimal text (negative allowed, for ledger
/// entries); panics if it is not one.
pub fn usd(text: &str) -> Amount {
    Amount::usd_signed(text).unwrap()
}

/// The request's body as text.
pub fn body_str(r: &http::Request<Bytes>) -> &str {
    std::str::from_utf8(r.body()).unwrap()
}

/// The field an input error names; panics on any other error.
pub fn rejected_field(e: &Error) -> &'static str {
    match e {
        Error::InvalidInput(i) => i.field(),
        other => panic!("expected Error::InvalidInput, got {other:?}"),
    }
}

/// The field a refusal names; panics unless it is an input error.
pub fn invalid_field<T: Debug>(r: Result<T, Error>) -> &'static str {
    invalid(r).0
}

/// The field a refusal names and its reason; panics unless it is an input
/// error.
pub fn invalid<T: Debug>(r: Result<T, Error>) -> (&'static str, String) {
    match r {
        Err(Error::InvalidInput(i)) => (i.field(), i.reason().to_owned()),
        other => panic!("expected Error::InvalidInput, got {other:?}"),
    }
}

/// Dwolla's media type, in `Accept` and in a body's `Content-Type`.
pub const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";

/// Asserts that `r` is a `method` request with Dwolla's headers: the HAL
/// `Accept`, the bearer token `tok` (as [`build`] and [`build_sandbox`]
/// send it), and the HAL `Content-Type` exactly when it has a body, which
/// only a POST may have.
#[track_caller]
pub fn assert_hal_headers(r: &http::Request<Bytes>, method: http::Method) {
    assert_eq!(r.method(), method);
    assert_eq!(r.headers()["accept"], HAL_JSON);
    assert_eq!(r.headers()["authorization"], "Bearer tok");
    if r.body().is_empty() {
        assert!(r.headers().get("content-type").is_none());
    } else {
        assert_eq!(method, http::Method::POST, "only a POST has a body");
        assert_eq!(r.headers()["content-type"], HAL_JSON);
    }
}

/// A response of `status` with `body`.
pub fn response(status: u16, body: impl Into<Bytes>) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .body(body.into())
        .unwrap()
}

/// A fixture table of documented error answers: name, response, kind.
pub type ErrorTable = Vec<(&'static str, http::Response<Bytes>, ApiErrorKind)>;

/// Asserts that each documented error answer parses, with `op`, to an API
/// error of its kind that keeps the raw body and Dwolla's request id.
pub fn assert_documented_errors<O: Operation>(op: &O, table: ErrorTable)
where
    O::Output: Debug,
{
    assert_errors_parse(op.name(), table, |r| op.parse_response(r));
}

/// [`assert_documented_errors`] with any parser (`what` names it in a
/// failure); returns how many answers it checked (at least one).
pub fn assert_errors_parse<T: Debug>(
    what: &str,
    table: ErrorTable,
    parse: impl Fn(http::Response<Bytes>) -> Result<T, Error>,
) -> usize {
    assert!(!table.is_empty(), "{what}: no documented errors");
    let n = table.len();
    for (name, response, kind) in table {
        let body = response.body().clone();
        let request_id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let err = parse(response).unwrap_err();
        let api = err
            .api_error()
            .unwrap_or_else(|| panic!("{what}: {name}: not an API error: {err:?}"));
        assert_eq!(api.kind(), kind, "{what}: {name}: {err}");
        assert_eq!(api.body(), &body, "{what}: {name}: raw body kept");
        assert_eq!(
            api.request_id(),
            Some(request_id.as_str()),
            "{what}: {name}: request id kept"
        );
    }
    n
}

/// A test client that retries (without jitter, so backoff is exact; its
/// sleeps return at once).
pub fn retrying_client(mock: &MockTransport) -> Client<MockTransport> {
    retrying_client_and_sleep(mock).0
}

/// [`retrying_client`], and its sleep, which records each backoff.
pub fn retrying_client_and_sleep(mock: &MockTransport) -> (Client<MockTransport>, RecordingSleep) {
    let clock = ManualClock::new();
    let sleep = RecordingSleep::new(clock.clone());
    let client = test_client_builder(mock)
        .retry_policy(RetryPolicy::new().jitter(false))
        .sleep(sleep.clone())
        .clock(clock)
        .build()
        .unwrap();
    (client, sleep)
}

/// Every request as `METHOD /path?query`, the token request first.
pub fn calls(mock: &MockTransport) -> Vec<String> {
    mock.requests()
        .iter()
        .map(|r| format!("{} {}", r.method(), r.uri().path_and_query().unwrap()))
        .collect()
}

/// Asserts that the attempts of one retried call are one request sent again:
/// the same method, path, valid `Idempotency-Key` and body bytes. Returns
/// the key.
pub fn one_key_and_body(attempts: &[RecordedRequest]) -> &str {
    let first = attempts.first().expect("an attempt");
    let key = first.header("idempotency-key").expect("an idempotency key");
    assert!(IdempotencyKey::new(key).is_ok(), "{key:?}");
    for r in attempts {
        assert_eq!(r.method(), first.method());
        assert_eq!(r.uri(), first.uri());
        assert_eq!(r.header("idempotency-key"), Some(key));
        assert_eq!(r.body(), first.body());
    }
    key
}
