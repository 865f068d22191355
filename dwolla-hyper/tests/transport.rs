//! HyperTransport over loopback: round trips, failure classification, body
//! limits, redirects and builder settings. Servers are the dwolla-mock
//! emulator or tiny raw TCP servers written here (for responses no real server
//! would send). No sleeps, no timing assertions.

use std::error::Error as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use dwolla_core::exchange_partners::ListExchangePartners;
use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::token::{build_token_request, parse_token_response};
use dwolla_core::{AccessToken, HttpTransport, Operation, TransportError};
use dwolla_hyper::HyperTransport;
use dwolla_mock::emulator::Emulator;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

// ---------------------------------------------------------------------------
// A raw HTTP/1.1 server: reads each request (head and Content-Length body),
// reports it, and writes whatever bytes the test scripted.

/// What the raw server does with one request.
enum Reply {
    /// Write these bytes and wait for the next request on the connection.
    KeepAlive(Vec<u8>),
    /// Write these bytes, then close the connection.
    Close(Vec<u8>),
}

struct Raw {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    requests: mpsc::UnboundedReceiver<Vec<u8>>,
}

impl Raw {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

async fn raw_server(reply: impl Fn(&[u8]) -> Reply + Send + Sync + 'static) -> Raw {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let (tx, requests) = mpsc::unbounded_channel();
    let reply = Arc::new(reply);
    let count = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve_raw(stream, reply.clone(), tx.clone()));
        }
    });
    Raw {
        addr,
        connections,
        requests,
    }
}

async fn serve_raw(
    mut stream: TcpStream,
    reply: Arc<impl Fn(&[u8]) -> Reply>,
    tx: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        let r = reply(&request);
        let _ = tx.send(request);
        match r {
            Reply::KeepAlive(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
            }
            Reply::Close(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return;
            }
        }
    }
}

/// One request: head and Content-Length body. `None` at EOF.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap());
    while buf.len() < head_end + len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf.drain(..head_end + len).collect())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn response(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

fn chunked(chunks: &[&[u8]]) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for c in chunks {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

fn transport() -> HyperTransport {
    HyperTransport::new().unwrap()
}

fn assert_sent_failure(e: &TransportError) {
    assert!(!e.is_connect(), "{e:?}");
    assert!(!e.is_timeout(), "{e:?}");
    assert!(!e.is_body_too_large(), "{e:?}");
    assert!(e.may_have_been_sent(), "{e:?}");
    assert!(e.source().is_some(), "the cause is attached: {e:?}");
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn get_round_trip_keeps_status_headers_and_body() {
    let body: Vec<u8> = (0..=255u8).collect();
    let sent = body.clone();
    let mut raw = raw_server(move |_| {
        Reply::KeepAlive(response(
            "203 Non-Authoritative Information",
            &[
                ("x-multi", "a"),
                ("x-multi", "b"),
                ("content-type", "application/octet-stream"),
            ],
            &sent,
        ))
    })
    .await;
    let mut req = get(&raw.url("/some/path?q=1"));
    req.headers_mut().insert(
        "accept",
        "application/vnd.dwolla.v1.hal+json".parse().unwrap(),
    );
    let resp = transport().send(req).await.unwrap();
    assert_eq!(resp.status(), 203);
    let multi: Vec<_> = resp.headers().get_all("x-multi").iter().collect();
    assert_eq!(multi, ["a", "b"]);
    assert_eq!(resp.headers()["content-type"], "application/octet-stream");
    assert_eq!(&resp.body()[..], &body[..]);

    let request = String::from_utf8(raw.requests.recv().await.unwrap()).unwrap();
    assert!(
        request.starts_with("GET /some/path?q=1 HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request.contains("accept: application/vnd.dwolla.v1.hal+json\r\n"),
        "{request}"
    );
}

#[tokio::test]
async fn post_round_trip_sends_the_exact_body() {
    let mut raw = raw_server(|req| {
        let body_start = find(req, b"\r\n\r\n").unwrap() + 4;
        Reply::KeepAlive(response(
            "201 Created",
            &[("location", "http://x/y/1")],
            &req[body_start..],
        ))
    })
    .await;
    let body = Bytes::from_static(b"{\"_links\":{\"x\":{\"href\":\"\xc3\xa9\"}}}");
    let req = http::Request::post(raw.url("/items"))
        .header("content-type", "application/json")
        .header("idempotency-key", "k-1")
        .body(body.clone())
        .unwrap();
    let resp = transport().send(req).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["location"], "http://x/y/1");
    assert_eq!(resp.body(), &body);
    let request = raw.requests.recv().await.unwrap();
    let text = String::from_utf8_lossy(&request);
    assert!(text.starts_with("POST /items HTTP/1.1\r\n"), "{text}");
    assert!(
        text.contains(&format!("content-length: {}\r\n", body.len())),
        "{text}"
    );
    assert!(text.contains("idempotency-key: k-1\r\n"), "{text}");
}

#[tokio::test]
async fn dwolla_flow_against_the_emulator() {
    let emu = Emulator::start().await.unwrap();
    let t = transport();
    let env = emu.environment();
    let resp = t
        .send(build_token_request(&env, &emu.credentials()).unwrap())
        .await
        .unwrap();
    let (token, _) = parse_token_response(resp).unwrap().into_parts();
    let token: AccessToken = token;

    let op = ListExchangePartners;
    let resp = t
        .send(op.build_request(&env, &token).unwrap())
        .await
        .unwrap();
    assert!(resp.headers().contains_key("x-request-id"));
    let partners = op.parse_response(resp).unwrap();
    let plaid = partners.find_by_name("Plaid").unwrap();

    let op = CreateCustomerExchangeSession::web(emu.customer_id(), plaid.href());
    let resp = t
        .send(op.build_request(&env, &token).unwrap())
        .await
        .unwrap();
    let created = op.parse_response(resp).unwrap();
    assert!(created.location().starts_with(&emu.base_url()));
    assert_eq!(emu.sessions_created(), 1);
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_never_sent() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let e = transport()
        .send(get(&format!("http://{addr}/")))
        .await
        .unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    assert!(!e.may_have_been_sent());
    assert!(!e.is_timeout());
    assert!(e.source().is_some());
    assert!(e.to_string().starts_with("connect error"), "{e}");
    // The root cause is named, not just hyper-util's "client error (Connect)".
    assert!(e.to_string().to_lowercase().contains("refused"), "{e}");
}

/// What a user reads names the server they could not reach, as `host:port`,
/// and nothing of the path or query: ids and search terms live there.
fn assert_names_only_the_server(e: &TransportError, server: &str) {
    for text in [e.to_string(), format!("{e:?}")] {
        assert!(text.contains(server), "{text}");
        for secret in ["customers", "c-123", "search", "secret"] {
            assert!(!text.contains(secret), "{secret:?} in {text}");
        }
    }
}

#[tokio::test]
async fn connect_error_names_host_and_port_never_path_or_query() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let e = transport()
        .send(get(&format!(
            "http://127.0.0.1:{port}/customers/c-123/funding-sources?search=secret"
        )))
        .await
        .unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "connect error: could not connect to 127.0.0.1:{port} ("
        )),
        "{text}"
    );
    assert!(text.to_lowercase().contains("refused"), "{text}");
    assert_names_only_the_server(&e, &format!("127.0.0.1:{port}"));
}

/// A name that cannot resolve (`.invalid` is reserved for that, RFC 6761):
/// offline the lookup fails at once. Should a resolver take the connect
/// timeout instead, or answer with an address anyway, the error must still
/// name the server and not the path.
#[tokio::test]
async fn dns_failure_names_the_host() {
    let e = transport()
        .send(get(
            "https://dwolla-sdk-test.invalid/customers/c-123?search=secret",
        ))
        .await
        .unwrap_err();
    assert!(e.is_connect() || e.is_timeout(), "{e:?}");
    assert!(!e.may_have_been_sent(), "{e:?}");
    assert_names_only_the_server(&e, "dwolla-sdk-test.invalid:443");
}

#[tokio::test]
async fn closed_mid_body_may_have_been_sent() {
    let raw = raw_server(|_| {
        Reply::Close(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789".to_vec())
    })
    .await;
    let e = transport().send(get(&raw.url("/"))).await.unwrap_err();
    assert_sent_failure(&e);
}

#[tokio::test]
async fn closed_before_any_response_may_have_been_sent() {
    let raw = raw_server(|_| Reply::Close(Vec::new())).await;
    let req = http::Request::post(raw.url("/"))
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    let e = transport().send(req).await.unwrap_err();
    assert_sent_failure(&e);
}

#[tokio::test]
async fn garbage_response_may_have_been_sent() {
    let raw = raw_server(|_| Reply::Close(b"this is not HTTP\r\n\r\n".to_vec())).await;
    let e = transport().send(get(&raw.url("/"))).await.unwrap_err();
    assert_sent_failure(&e);
}

#[tokio::test]
async fn body_over_the_limit_by_content_length() {
    let raw = raw_server(|_| Reply::KeepAlive(response("200 OK", &[], &[b'x'; 1001]))).await;
    let t = HyperTransport::builder()
        .max_response_body(1000)
        .build()
        .unwrap();
    let e = t.send(get(&raw.url("/"))).await.unwrap_err();
    assert!(e.is_body_too_large(), "{e:?}");
    assert!(e.may_have_been_sent());
    assert_eq!(t.max_response_body(), 1000);
}

#[tokio::test]
async fn body_over_the_limit_chunked() {
    let raw =
        raw_server(|_| Reply::KeepAlive(chunked(&[&[b'a'; 600], &[b'b'; 600], &[b'c'; 600]])))
            .await;
    let t = HyperTransport::builder()
        .max_response_body(1000)
        .build()
        .unwrap();
    let e = t.send(get(&raw.url("/"))).await.unwrap_err();
    assert!(e.is_body_too_large(), "{e:?}");
}

#[tokio::test]
async fn chunked_body_within_the_limit_is_assembled() {
    let raw = raw_server(|_| Reply::KeepAlive(chunked(&[b"hello ", b"chunked ", b"world"]))).await;
    let t = HyperTransport::builder()
        .max_response_body(19)
        .build()
        .unwrap();
    let resp = t.send(get(&raw.url("/"))).await.unwrap();
    assert_eq!(&resp.body()[..], b"hello chunked world");
}

#[tokio::test]
async fn body_exactly_at_the_limit_is_accepted() {
    let raw = raw_server(|_| Reply::KeepAlive(response("200 OK", &[], &[b'x'; 1000]))).await;
    let t = HyperTransport::builder()
        .max_response_body(1000)
        .build()
        .unwrap();
    assert_eq!(t.send(get(&raw.url("/"))).await.unwrap().body().len(), 1000);
}

#[tokio::test]
async fn default_limit_is_four_mebibytes() {
    let emu = Emulator::start().await.unwrap();
    let t = transport();
    assert_eq!(t.max_response_body(), 4 * 1024 * 1024);
    let token = AccessToken::new(emu.issue_token());
    let req = || {
        ListExchangePartners
            .build_request(&emu.environment(), &token)
            .unwrap()
    };
    emu.oversized_next(1, 4 * 1024 * 1024);
    assert_eq!(t.send(req()).await.unwrap().body().len(), 4 * 1024 * 1024);
    emu.oversized_next(1, 4 * 1024 * 1024 + 1);
    assert!(t.send(req()).await.unwrap_err().is_body_too_large());
}

#[tokio::test]
async fn emulator_faults_classify() {
    let emu = Emulator::start().await.unwrap();
    let t = transport();
    let token = AccessToken::new(emu.issue_token());
    let op = CreateCustomerExchangeSession::web(emu.customer_id(), emu.partner_href("MX").unwrap())
        .idempotency_key("k");
    emu.close_next_mid_response(1);
    let e = t
        .send(op.build_request(&emu.environment(), &token).unwrap())
        .await
        .unwrap_err();
    assert_sent_failure(&e);
    // It took effect; the same key replays it.
    assert_eq!(emu.sessions_created(), 1);
    let resp = t
        .send(op.build_request(&emu.environment(), &token).unwrap())
        .await
        .unwrap();
    op.parse_response(resp).unwrap();
    assert_eq!(emu.sessions_created(), 1);
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    // If the transport followed the redirect, it would hit a closed port.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let location = format!("http://{closed}/elsewhere");
    let mut raw = raw_server(move |_| {
        Reply::KeepAlive(response("302 Found", &[("location", &location)], b"moved"))
    })
    .await;
    let resp = transport().send(get(&raw.url("/start"))).await.unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(
        resp.headers()["location"],
        format!("http://{closed}/elsewhere").as_str()
    );
    assert_eq!(&resp.body()[..], b"moved");
    raw.requests.recv().await.unwrap();
    assert!(raw.requests.try_recv().is_err());
}

#[tokio::test]
async fn connect_timeout_covers_the_tls_handshake() {
    // A listener that never answers: TCP connects (the kernel accepts into the
    // backlog), the TLS handshake never completes.
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = silent.local_addr().unwrap();
    let t = HyperTransport::builder()
        .connect_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    assert_eq!(t.connect_timeout(), Duration::from_millis(100));
    let e = t
        .send(get(&format!(
            "https://{addr}/customers/c-123?search=secret"
        )))
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert!(!e.may_have_been_sent());
    assert!(
        e.to_string()
            .starts_with(&format!("timeout: timed out connecting to {addr} (")),
        "{e}"
    );
    assert_names_only_the_server(&e, &addr.to_string());
    drop(silent);
}

#[tokio::test]
async fn pool_without_idle_connections_opens_one_per_request() {
    let raw = raw_server(|_| Reply::KeepAlive(response("200 OK", &[], b"ok"))).await;
    let t = HyperTransport::builder()
        .pool_max_idle_per_host(0)
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    for _ in 0..3 {
        assert_eq!(t.send(get(&raw.url("/"))).await.unwrap().status(), 200);
    }
    assert_eq!(raw.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn clones_share_settings_and_debug_shows_them() {
    let t = HyperTransport::builder()
        .max_response_body(1234)
        .pool_idle_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let c = t.clone();
    assert_eq!(c.max_response_body(), 1234);
    let dbg = format!("{c:?}");
    assert!(dbg.starts_with("HyperTransport"), "{dbg}");
    assert!(dbg.contains("max_response_body: 1234"), "{dbg}");
    assert!(dbg.contains("5s"), "{dbg}");

    fn assert_traits<T: Clone + Send + Sync + std::fmt::Debug + 'static>() {}
    assert_traits::<HyperTransport>();
    let _: Box<dyn HttpTransport> = Box::new(t);
}
