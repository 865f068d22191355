//! [`MockTransport`]: a recording, replaying [`HttpTransport`].

use std::collections::{BTreeSet, VecDeque};
use std::fmt;
use std::panic::Location;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use bytes::Bytes;
use dwolla_core::{HttpTransport, TransportError};
use http::header::HeaderValue;
use http::{HeaderMap, Method, Uri, Version};
use serde_json::Value;

type Responder =
    dyn Fn(&http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> + Send + Sync;

/// Where a test queued a response: shown in the `Via` header of the response
/// and so in any error that response becomes.
type Caller = &'static Location<'static>;

/// An [`HttpTransport`] for tests: it answers with queued responses (or
/// errors) in order, or by method and path ([`on`](Self::on)), and records
/// every request it receives.
///
/// Every response it returns carries a `Via` header naming where it came
/// from (`1.1 dwolla-mock (queued response #2 of 3, pushed at
/// tests/my_test.rs:12, answering GET /exchange-sessions/abc)`), and the
/// SDK's errors print it: a test that queued its responses in the wrong
/// order fails with a message that says which response answered which
/// request.
///
/// Cloning is cheap and clones share one queue and one record, so a test can
/// keep a handle while a client owns another.
///
/// When the queue is empty the transport asks its responder (see
/// [`from_fn`](Self::from_fn)); without one it returns a
/// [`TransportError`] of kind `Other`, `may_have_been_sent() == false`, whose
/// message says it ran out of responses. It never hangs and never panics while
/// sending.
///
/// ```
/// use dwolla_core::bytes::Bytes;
/// use dwolla_core::HttpTransport;
/// use dwolla_mock::{fixtures, MockTransport};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mock = MockTransport::new();
/// mock.push(fixtures::not_found());
/// let client_side = mock.clone();
/// let req = http::Request::get("https://api-sandbox.dwolla.com/x").body(Bytes::new()).unwrap();
/// let resp = client_side.send(req).await.unwrap();
/// assert_eq!(resp.status(), 404);
/// assert_eq!(mock.request_count(), 1);
/// assert!(client_side.send(http::Request::new(Bytes::new())).await.is_err());
/// # });
/// ```
#[derive(Clone)]
pub struct MockTransport {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
    responder: Option<Box<Responder>>,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Queued>,
    queued_total: usize,
    routes: Vec<Route>,
    requests: Vec<RecordedRequest>,
}

/// A queued response or error, its place in the queue and where it was pushed.
struct Queued {
    answer: Result<http::Response<Bytes>, TransportError>,
    number: usize,
    at: Caller,
}

/// A response for every request (or the next `times` ones) to one method and
/// path.
struct Route {
    method: Method,
    path: String,
    response: http::Response<Bytes>,
    times: Option<usize>,
    at: Caller,
}

impl Route {
    /// The path is compared without its query; a `*` segment matches any one
    /// segment.
    fn matches(&self, method: &Method, path: &str) -> bool {
        if self.method != method || self.times == Some(0) {
            return false;
        }
        let want = self.path.trim_end_matches('/').split('/');
        let got = path.trim_end_matches('/').split('/');
        want.clone().count() == got.clone().count()
            && want.zip(got).all(|(w, g)| w == "*" || w == g)
    }
}

impl Default for MockTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl MockTransport {
    /// A transport with an empty queue: push responses before sending.
    pub fn new() -> Self {
        Self::build(None)
    }

    /// A transport that answers with these responses, in order.
    #[track_caller]
    pub fn with_responses(responses: impl IntoIterator<Item = http::Response<Bytes>>) -> Self {
        let mock = Self::new();
        for r in responses {
            mock.push(r);
        }
        mock
    }

    /// A transport that answers every request by calling `responder` (after
    /// any queued responses are used up). Requests are still recorded.
    ///
    /// ```
    /// use dwolla_mock::{fixtures, MockTransport};
    /// let mock = MockTransport::from_fn(|req| {
    ///     Ok(if req.uri().path().starts_with("/exchange-partners") {
    ///         fixtures::exchange_partners_list()
    ///     } else {
    ///         fixtures::not_found()
    ///     })
    /// });
    /// # let _ = mock;
    /// ```
    pub fn from_fn<F>(responder: F) -> Self
    where
        F: Fn(&http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError>
            + Send
            + Sync
            + 'static,
    {
        Self::build(Some(Box::new(responder)))
    }

    fn build(responder: Option<Box<Responder>>) -> Self {
        MockTransport {
            inner: Arc::new(Inner {
                state: Mutex::new(State::default()),
                responder,
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock must not poison every
        // later assertion: the state is always consistent between statements.
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues a response.
    #[track_caller]
    pub fn push(&self, response: http::Response<Bytes>) -> &Self {
        self.enqueue(Ok(response), Location::caller())
    }

    /// Queues a transport failure (a timeout, a refused connection...).
    #[track_caller]
    pub fn push_error(&self, error: TransportError) -> &Self {
        self.enqueue(Err(error), Location::caller())
    }

    fn enqueue(&self, answer: Result<http::Response<Bytes>, TransportError>, at: Caller) -> &Self {
        let mut s = self.state();
        s.queued_total += 1;
        let number = s.queued_total;
        s.queue.push_back(Queued { answer, number, at });
        self
    }

    /// Builder form of [`push`](Self::push).
    #[track_caller]
    pub fn with_response(self, response: http::Response<Bytes>) -> Self {
        self.push(response);
        self
    }

    /// Builder form of [`push_error`](Self::push_error).
    #[track_caller]
    pub fn with_error(self, error: TransportError) -> Self {
        self.push_error(error);
        self
    }

    /// Answers every request with this method and path with `response`,
    /// whatever the queue holds (routes are asked first). The path is
    /// compared without its query; a `*` segment matches any one segment
    /// (`/customers/*/funding-sources`). The latest route added for a
    /// request wins.
    ///
    /// ```
    /// use dwolla_core::exchange_partners::ListExchangePartners;
    /// use dwolla_core::Operation;
    /// use dwolla_mock::{fixtures, test_client, MockTransport};
    /// use http::Method;
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let transport = MockTransport::new();
    /// transport
    ///     .on(Method::POST, "/token", fixtures::token("t", 3600))
    ///     .on(Method::GET, "/exchange-partners", fixtures::exchange_partners_list());
    /// let client = test_client(&transport);
    /// // Any number of calls, in any order.
    /// for _ in 0..3 {
    ///     client.exchange_partners().list().await.unwrap();
    /// }
    /// assert_eq!(transport.request_count(), 4);
    /// # });
    /// ```
    #[track_caller]
    pub fn on(&self, method: Method, path: &str, response: http::Response<Bytes>) -> &Self {
        self.add_route(method, path, response, None, Location::caller())
    }

    /// Like [`on`](Self::on), for the next matching request only.
    #[track_caller]
    pub fn on_once(&self, method: Method, path: &str, response: http::Response<Bytes>) -> &Self {
        self.add_route(method, path, response, Some(1), Location::caller())
    }

    fn add_route(
        &self,
        method: Method,
        path: &str,
        response: http::Response<Bytes>,
        times: Option<usize>,
        at: Caller,
    ) -> &Self {
        self.state().routes.push(Route {
            method,
            path: path.to_owned(),
            response,
            times,
            at,
        });
        self
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state().requests.clone()
    }

    /// The last request received, if any.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        self.state().requests.last().cloned()
    }

    /// How many requests were received (including any that found no response).
    pub fn request_count(&self) -> usize {
        self.state().requests.len()
    }

    /// How many queued responses (and errors) have not been used yet.
    pub fn remaining(&self) -> usize {
        self.state().queue.len()
    }

    /// Panics unless every queued response was used.
    #[track_caller]
    pub fn assert_exhausted(&self) {
        let (remaining, received) = {
            let s = self.state();
            (s.queue.len(), s.requests.len())
        };
        assert!(
            remaining == 0,
            "MockTransport: {remaining} queued response(s) were never used ({received} request(s) received)"
        );
    }

    /// Panics with a readable diff unless the recorded requests match
    /// `expected`: same count, and for each request the same method, URI,
    /// headers (names case-insensitive, every value in order) and body (JSON
    /// compared semantically, so key order does not matter; anything else
    /// byte for byte).
    #[track_caller]
    pub fn assert_requests_match(&self, expected: &[http::Request<Bytes>]) {
        self.assert_requests_match_ignoring(expected, &[]);
    }

    /// Like [`assert_requests_match`](Self::assert_requests_match), ignoring
    /// the named headers (case-insensitive) on both sides, e.g.
    /// `&["authorization", "idempotency-key", "user-agent"]`.
    #[track_caller]
    pub fn assert_requests_match_ignoring(
        &self,
        expected: &[http::Request<Bytes>],
        ignored_headers: &[&str],
    ) {
        if let Err(diff) = self.check_requests_match(expected, ignored_headers) {
            panic!("{diff}");
        }
    }

    /// The non-panicking form of
    /// [`assert_requests_match_ignoring`](Self::assert_requests_match_ignoring):
    /// `Err` holds the same readable diff.
    ///
    /// Values of headers marked sensitive (such as the SDK's `Authorization`)
    /// are not printed in the diff, only their length.
    pub fn check_requests_match(
        &self,
        expected: &[http::Request<Bytes>],
        ignored_headers: &[&str],
    ) -> Result<(), String> {
        let actual = self.requests();
        let ignored: BTreeSet<String> = ignored_headers
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let mut problems = Vec::new();
        if expected.len() != actual.len() {
            problems.push(format!(
                "request count: expected {}, got {}",
                expected.len(),
                actual.len()
            ));
        }
        for (i, (e, a)) in expected.iter().zip(&actual).enumerate() {
            let e = RecordedRequest::from(e);
            compare(i, &e, a, &ignored, &mut problems);
        }
        for (i, a) in actual.iter().enumerate().skip(expected.len()) {
            problems.push(format!(
                "request {i}: unexpected extra request {} {}",
                a.method, a.uri
            ));
        }
        for (i, e) in expected.iter().enumerate().skip(actual.len()) {
            problems.push(format!(
                "request {i}: expected {} {}, but it was never sent",
                e.method(),
                e.uri()
            ));
        }
        if problems.is_empty() {
            return Ok(());
        }
        let mut msg =
            String::from("MockTransport: recorded requests do not match the expected ones");
        if !ignored.is_empty() {
            let names: Vec<&str> = ignored.iter().map(String::as_str).collect();
            msg.push_str(&format!(" (ignoring headers: {})", names.join(", ")));
        }
        msg.push(':');
        for p in problems {
            msg.push_str("\n  ");
            msg.push_str(&p);
        }
        Err(msg)
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.state();
        f.debug_struct("MockTransport")
            .field("requests", &s.requests.len())
            .field("remaining", &s.queue.len())
            .field("routes", &s.routes.len())
            .field("has_responder", &self.inner.responder.is_some())
            .finish()
    }
}

#[async_trait]
impl HttpTransport for MockTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let answering = format!("answering {} {}", request.method(), request.uri().path());
        let (routed, next, received, queued) = {
            let mut s = self.state();
            s.requests.push(RecordedRequest::from(&request));
            let routed = s
                .routes
                .iter_mut()
                .rev()
                .find(|r| r.matches(request.method(), request.uri().path()))
                .map(|r| {
                    if let Some(n) = &mut r.times {
                        *n -= 1;
                    }
                    let via = format!("route {} {}, added at {}", r.method, r.path, r.at);
                    (r.response.clone(), via)
                });
            let next = if routed.is_none() {
                s.queue.pop_front()
            } else {
                None
            };
            (routed, next, s.requests.len(), s.queued_total)
        };
        if let Some((response, via)) = routed {
            return Ok(with_via(response, &format!("{via}, {answering}")));
        }
        if let Some(next) = next {
            let via = format!(
                "queued response #{} of {queued}, pushed at {}, {answering}",
                next.number, next.at
            );
            return next.answer.map(|r| with_via(r, &via));
        }
        if let Some(responder) = &self.inner.responder {
            return responder(&request);
        }
        Err(TransportError::other(
            false,
            format!(
                "MockTransport ran out of responses: it received {received} request(s) but only {queued} response(s) were queued (this one: {} {})",
                request.method(),
                request.uri()
            ),
        ))
    }
}

/// `response` with `Via: 1.1 dwolla-mock (<what>)` added (after any `Via` it
/// had). Characters a header value cannot carry become `?`.
fn with_via(mut response: http::Response<Bytes>, what: &str) -> http::Response<Bytes> {
    let text: String = format!("1.1 dwolla-mock ({what})")
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&text) {
        response.headers_mut().append(http::header::VIA, v);
    }
    response
}

/// A request as [`MockTransport`] received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    method: Method,
    uri: Uri,
    version: Version,
    headers: HeaderMap,
    body: Bytes,
}

impl RecordedRequest {
    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }
    /// The full URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }
    /// The URI's path.
    pub fn path(&self) -> &str {
        self.uri.path()
    }
    /// The HTTP version.
    pub fn version(&self) -> Version {
        self.version
    }
    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
    /// The first value of a header (name case-insensitive), when it is
    /// visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
    /// The body as UTF-8 text, when it is.
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
    /// The body parsed as JSON, when it is JSON (`None` for an empty body).
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
    /// A copy as an `http::Request`.
    pub fn to_request(&self) -> http::Request<Bytes> {
        let mut r = http::Request::new(self.body.clone());
        *r.method_mut() = self.method.clone();
        *r.uri_mut() = self.uri.clone();
        *r.version_mut() = self.version;
        *r.headers_mut() = self.headers.clone();
        r
    }
}

impl From<&http::Request<Bytes>> for RecordedRequest {
    fn from(r: &http::Request<Bytes>) -> Self {
        RecordedRequest {
            method: r.method().clone(),
            uri: r.uri().clone(),
            version: r.version(),
            headers: r.headers().clone(),
            body: r.body().clone(),
        }
    }
}

impl From<http::Request<Bytes>> for RecordedRequest {
    fn from(r: http::Request<Bytes>) -> Self {
        let (parts, body) = r.into_parts();
        RecordedRequest {
            method: parts.method,
            uri: parts.uri,
            version: parts.version,
            headers: parts.headers,
            body,
        }
    }
}

fn compare(
    i: usize,
    e: &RecordedRequest,
    a: &RecordedRequest,
    ignored: &BTreeSet<String>,
    out: &mut Vec<String>,
) {
    if e.method != a.method {
        out.push(format!(
            "request {i}: method: expected {}, got {}",
            e.method, a.method
        ));
    }
    if e.uri != a.uri {
        out.push(format!(
            "request {i}: uri: expected {}, got {}",
            e.uri, a.uri
        ));
    }
    let names: BTreeSet<&str> = e
        .headers
        .keys()
        .chain(a.headers.keys())
        .map(|n| n.as_str())
        .filter(|n| !ignored.contains(*n))
        .collect();
    for name in names {
        let ev: Vec<&HeaderValue> = e.headers.get_all(name).iter().collect();
        let av: Vec<&HeaderValue> = a.headers.get_all(name).iter().collect();
        if ev != av {
            out.push(format!(
                "request {i}: header `{name}`: expected {}, got {}",
                show_values(&ev),
                show_values(&av)
            ));
        }
    }
    compare_bodies(i, &e.body, &a.body, out);
}

fn show_values(values: &[&HeaderValue]) -> String {
    if values.is_empty() {
        return "(absent)".to_owned();
    }
    let shown: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_sensitive() {
                format!("<sensitive, {} bytes>", v.len())
            } else {
                match v.to_str() {
                    Ok(s) => format!("{s:?}"),
                    Err(_) => format!("{:?}", v.as_bytes()),
                }
            }
        })
        .collect();
    shown.join(", ")
}

fn compare_bodies(i: usize, e: &Bytes, a: &Bytes, out: &mut Vec<String>) {
    if e == a {
        return;
    }
    let ej = serde_json::from_slice::<Value>(e).ok();
    let aj = serde_json::from_slice::<Value>(a).ok();
    match (ej, aj) {
        (Some(ej), Some(aj)) => {
            let mut diffs = Vec::new();
            json_diff(String::new(), &ej, &aj, &mut diffs);
            const MAX: usize = 20;
            let extra = diffs.len().saturating_sub(MAX);
            for d in diffs.into_iter().take(MAX) {
                out.push(format!("request {i}: body {d}"));
            }
            if extra > 0 {
                out.push(format!(
                    "request {i}: body: ... and {extra} more difference(s)"
                ));
            }
        }
        _ => out.push(format!(
            "request {i}: body: expected {}, got {}",
            show_body(e),
            show_body(a)
        )),
    }
}

fn show_body(b: &Bytes) -> String {
    if b.is_empty() {
        return "(empty)".to_owned();
    }
    const MAX: usize = 500;
    let text = String::from_utf8_lossy(b);
    let mut s: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        s.push('…');
    }
    format!("{s:?} ({} bytes)", b.len())
}

/// Collects `"<json pointer>: expected X, got Y"` lines.
fn json_diff(path: String, e: &Value, a: &Value, out: &mut Vec<String>) {
    let at = |p: &str| {
        if p.is_empty() {
            "/".to_owned()
        } else {
            p.to_owned()
        }
    };
    match (e, a) {
        (Value::Object(eo), Value::Object(ao)) => {
            let keys: BTreeSet<&String> = eo.keys().chain(ao.keys()).collect();
            for k in keys {
                let p = format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
                match (eo.get(k), ao.get(k)) {
                    (Some(ev), Some(av)) => json_diff(p, ev, av, out),
                    (Some(ev), None) => out.push(format!("{p}: expected {ev}, missing")),
                    (None, Some(av)) => out.push(format!("{p}: not expected, got {av}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(ea), Value::Array(aa)) => {
            if ea.len() != aa.len() {
                out.push(format!(
                    "{}: expected an array of {} item(s), got {}",
                    at(&path),
                    ea.len(),
                    aa.len()
                ));
            }
            for (n, (ev, av)) in ea.iter().zip(aa).enumerate() {
                json_diff(format!("{path}/{n}"), ev, av, out);
            }
        }
        _ if e != a => out.push(format!("{}: expected {e}, got {a}", at(&path))),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> http::Request<Bytes> {
        let mut b = http::Request::builder().method(method).uri(uri);
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        b.body(Bytes::copy_from_slice(body.as_bytes())).unwrap()
    }

    #[test]
    fn json_diff_names_the_pointer() {
        let e: Value = serde_json::from_str(r#"{"a":{"b/c":1,"d":[1,2]},"x":true}"#).unwrap();
        let a: Value = serde_json::from_str(r#"{"a":{"b/c":2,"d":[1]},"y":true}"#).unwrap();
        let mut out = Vec::new();
        json_diff(String::new(), &e, &a, &mut out);
        assert_eq!(
            out,
            vec![
                "/a/b~1c: expected 1, got 2",
                "/a/d: expected an array of 2 item(s), got 1",
                "/x: expected true, missing",
                "/y: not expected, got true",
            ]
        );
    }

    #[tokio::test]
    async fn diff_reports_every_field() {
        let mock = MockTransport::with_responses([http::Response::new(Bytes::new())]);
        mock.send(req("POST", "https://h/a", &[("x-one", "1")], "{\"k\":1}"))
            .await
            .unwrap();
        let err = mock
            .check_requests_match(
                &[req("GET", "https://h/b", &[("x-one", "2")], "{\"k\":2}")],
                &[],
            )
            .unwrap_err();
        assert!(
            err.contains("request 0: method: expected GET, got POST"),
            "{err}"
        );
        assert!(
            err.contains("request 0: uri: expected https://h/b, got https://h/a"),
            "{err}"
        );
        assert!(
            err.contains("request 0: header `x-one`: expected \"2\", got \"1\""),
            "{err}"
        );
        assert!(
            err.contains("request 0: body /k: expected 2, got 1"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn sensitive_values_are_not_printed() {
        let mock = MockTransport::with_responses([http::Response::new(Bytes::new())]);
        let mut r = req("GET", "https://h/a", &[], "");
        let mut v = HeaderValue::from_static("Bearer SECRET");
        v.set_sensitive(true);
        r.headers_mut().insert("authorization", v);
        mock.send(r).await.unwrap();
        let err = mock
            .check_requests_match(
                &[req(
                    "GET",
                    "https://h/a",
                    &[("authorization", "Bearer other")],
                    "",
                )],
                &[],
            )
            .unwrap_err();
        assert!(!err.contains("SECRET"), "{err}");
        assert!(err.contains("<sensitive, 13 bytes>"), "{err}");
    }
}
