//! The client on no async runtime at all: `std::net`, a thread-parking
//! executor and a thread-based sleep (`std_runtime`), against a small fake
//! Dwolla on a `std::net::TcpListener`. This target's dependency tree has no
//! tokio (CI checks `cargo tree -p dwolla-core -e normal,dev`).

mod std_runtime;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::retry::RetryPolicy;
use dwolla_core::{Client, ClientCredentials, Environment, RequestOptions, SystemClock};

use std_runtime::{block_on, StdNetTransport, ThreadSleep};

const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const SESSION: &str = "fcd15e5f-9a8b-4c57-a3d1-1c5e5f9a8b4c";
/// The session whose retrieval the fake never answers in time.
const SLOW_SESSION: &str = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

/// A request as the fake Dwolla read it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

/// A fake Dwolla: `POST /token`; `POST /customers/{id}/exchange-sessions`
/// answers 503 the first time and 201 after; `GET /exchange-sessions/{id}`
/// answers at once, except for [`SLOW_SESSION`], which it holds until the
/// test releases it (or 10 s pass).
struct FakeDwolla {
    base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Told when the held request has been read.
    slow_arrived: Receiver<()>,
    /// Dropping or sending on it lets the held response go.
    release: Sender<()>,
}

impl FakeDwolla {
    fn start() -> FakeDwolla {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (arrived_tx, slow_arrived) = mpsc::channel();
        let (release, release_rx) = mpsc::channel::<()>();
        let release_rx = Arc::new(Mutex::new(release_rx));
        let state = (base_url.clone(), seen.clone());
        // Detached: the process ends with the test, whatever this thread is
        // blocked on.
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (base_url, seen) = state.clone();
                let arrived_tx = arrived_tx.clone();
                let release_rx = release_rx.clone();
                thread::spawn(move || {
                    let _ = serve(stream, &base_url, &seen, &arrived_tx, &release_rx);
                });
            }
        });
        FakeDwolla {
            base_url,
            seen,
            slow_arrived,
            release,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(
    stream: TcpStream,
    base_url: &str,
    seen: &Mutex<Vec<Seen>>,
    arrived: &Sender<()>,
    release: &Mutex<Receiver<()>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or_default().to_owned();
    let path = words.next().unwrap_or_default().to_owned();
    let mut headers = HashMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;

    let (status, extra, reply) = {
        let mut seen = seen.lock().unwrap();
        seen.push(Seen {
            method: method.clone(),
            path: path.clone(),
            headers,
            body,
        });
        let earlier = seen.iter().filter(|s| s.path == path).count() - 1;
        match (method.as_str(), path.as_str()) {
            ("POST", "/token") => (
                "200 OK",
                String::new(),
                r#"{"access_token":"std-token","token_type":"Bearer","expires_in":3600}"#
                    .to_owned(),
            ),
            ("POST", p) if p == format!("/customers/{CUSTOMER}/exchange-sessions") => {
                if earlier == 0 {
                    (
                        "503 Service Unavailable",
                        String::new(),
                        r#"{"code":"ServiceUnavailable","message":"Try again."}"#.to_owned(),
                    )
                } else {
                    (
                        "201 Created",
                        format!("location: {base_url}/exchange-sessions/{SESSION}\r\n"),
                        String::new(),
                    )
                }
            }
            ("GET", p) if p.starts_with("/exchange-sessions/") => {
                let id = &p["/exchange-sessions/".len()..];
                (
                    "200 OK",
                    String::new(),
                    format!(
                        r#"{{"_links":{{"self":{{"href":"{base_url}/exchange-sessions/{id}"}},"exchange-partner":{{"href":"{PARTNER}"}}}},"created":"2026-01-01T00:00:00.000Z","externalProviderSessionToken":"link-sandbox-1"}}"#
                    ),
                )
            }
            _ => (
                "404 Not Found",
                String::new(),
                r#"{"code":"NotFound","message":"Not found."}"#.to_owned(),
            ),
        }
    };
    if path == format!("/exchange-sessions/{SLOW_SESSION}") {
        let _ = arrived.send(());
        // Hold the response until released (a bound, not a synchronisation).
        let _ = release
            .lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(10));
    }
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\ncontent-type: application/vnd.dwolla.v1.hal+json\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    )?;
    stream.flush()
}

fn client(fake: &FakeDwolla, sleep: ThreadSleep) -> Client<StdNetTransport> {
    Client::builder(StdNetTransport::default())
        .environment(Environment::custom(&fake.base_url).expect("a loopback base URL"))
        .credentials(ClientCredentials::new("client-id", "client-secret"))
        // Short waits so the test stays quick; every wait goes through `sleep`.
        .retry_policy(
            RetryPolicy::new()
                .initial_backoff(Duration::from_millis(20))
                .jitter(false),
        )
        .sleep(sleep)
        .clock(SystemClock)
        .build()
        .expect("a complete builder")
}

#[test]
fn token_then_a_create_retried_after_a_503_without_tokio() {
    let fake = FakeDwolla::start();
    let sleep = ThreadSleep::default();
    let client = client(&fake, sleep.clone());

    let token = block_on(client.access_token()).expect("a token");
    assert_eq!(token.expose_secret(), "std-token");

    let created = block_on(
        client
            .customers()
            .exchange_sessions()
            .create(CreateCustomerExchangeSession::web(CUSTOMER, PARTNER)),
    )
    .expect("created after one retry");
    assert_eq!(created.id(), SESSION);
    assert_eq!(
        created.location(),
        format!("{}/exchange-sessions/{SESSION}", fake.base_url)
    );

    let session = block_on(client.exchange_sessions().get(created.location())).expect("retrieved");
    assert_eq!(
        session.external_provider_session_token(),
        Some("link-sandbox-1")
    );

    let seen = fake.seen();
    let tokens: Vec<_> = seen.iter().filter(|s| s.path == "/token").collect();
    assert_eq!(tokens.len(), 1, "one token request for the whole flow");
    assert_eq!(tokens[0].body, b"grant_type=client_credentials");
    let creates: Vec<_> = seen
        .iter()
        .filter(|s| s.method == "POST" && s.path.starts_with("/customers/"))
        .collect();
    assert_eq!(creates.len(), 2, "the 503 was retried once");
    let key = creates[0]
        .headers
        .get("idempotency-key")
        .expect("the create carries an Idempotency-Key");
    assert!(!key.is_empty());
    assert_eq!(creates[1].headers.get("idempotency-key"), Some(key));
    assert_eq!(creates[0].body, creates[1].body, "byte-identical retry");
    assert!(creates[0]
        .body
        .starts_with(br#"{"_links":{"exchange-partner""#));
    for request in creates.iter().chain([&seen[seen.len() - 1]].iter()) {
        assert_eq!(
            request.headers.get("authorization").map(String::as_str),
            Some("Bearer std-token")
        );
    }
    // The backoff before the retry went through the injected sleep.
    assert_eq!(sleep.asked(), [Duration::from_millis(20)]);
}

#[test]
fn a_call_timeout_stops_waiting_for_a_transport_that_has_not_answered() {
    let fake = FakeDwolla::start();
    let client = client(&fake, ThreadSleep::default());
    block_on(client.access_token()).expect("a token");

    let timeout = Duration::from_millis(200);
    let started = Instant::now();
    let result = block_on(
        client
            .exchange_sessions()
            .get_with(SLOW_SESSION, RequestOptions::new().timeout(timeout)),
    );
    let took = started.elapsed();
    let err = result.expect_err("the fake holds its answer past the timeout");
    assert!(err.is_timeout(), "{err:?}");
    // The fake holds its answer for 10 s unless released, and is released
    // only below: returning before then means the timeout ended the wait.
    assert!(
        took >= timeout && took < Duration::from_secs(5),
        "returned after {took:?}"
    );
    // And it was the answer that was late, not the connection or the request.
    fake.slow_arrived
        .recv_timeout(Duration::from_secs(10))
        .expect("the slow request reached the fake");
    let _ = fake.release.send(());
    assert_eq!(fake.seen().iter().filter(|s| s.path == "/token").count(), 1);
}
