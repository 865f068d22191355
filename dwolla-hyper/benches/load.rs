//! Load benchmark: what the SDK costs over the leanest hand-written hyper
//! client that sends the same bytes (the floor).
//!
//! ```text
//! cargo bench -p dwolla-hyper --bench load
//! ```
//!
//! Methodology, knobs and profiling notes: `dwolla-hyper/benches/README.md`.
//!
//! One run:
//!
//! 1. re-executes this binary as a fake Dwolla (a minimal hyper 1 HTTP/1.1
//!    server on 127.0.0.1, in its own process so that its CPU is not counted);
//! 2. checks that the floor and the SDK send the same request bytes, for the
//!    token request and for the create call (idempotency key value aside);
//! 3. measures client CPU per "create customer exchange session" call
//!    (user + sys of this process from `getrusage(RUSAGE_SELF)`) and calls per
//!    second, floor vs SDK, at 1 and 64 calls in flight, both with client and
//!    server pinned to one CPU and unpinned, in interleaved repetitions, and
//!    prints medians, spreads, per-repetition ratios and the user-space part;
//! 4. memory: resident memory before and after 100,000 SDK calls;
//! 5. cold start: wall time to build a client and of its first call (token
//!    request, connection, create), floor vs SDK, on fresh clients; and the
//!    time to the first successful call and to all of a burst of 1,000 calls
//!    started together on a cold client, which must make exactly one token
//!    request (as must bursts of 64 and 1,000 against a token endpoint that
//!    takes 10 ms): exit code 1 otherwise.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::{ClientCredentials, Environment};
use dwolla_hyper::HyperClient;
use http::header::{
    HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, HOST, LOCATION, USER_AGENT,
};
use http::{Method, Request, Response, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Incoming};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as RawClient;
use hyper_util::rt::{TokioExecutor, TokioIo};

const SERVER_ENV: &str = "DWOLLA_LOAD_SERVER";
const TOKEN: &str = "bench0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q";
const TOKEN_JSON: &str = r#"{"access_token":"bench0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q","token_type":"Bearer","expires_in":3600}"#;
const CLIENT_ID: &str = "bench-client-id";
const CLIENT_SECRET: &str = "bench-client-secret";
/// `Basic base64("bench-client-id:bench-client-secret")`, as the SDK sends it
/// (neither needs form-encoding).
const BASIC: &str = "Basic YmVuY2gtY2xpZW50LWlkOmJlbmNoLWNsaWVudC1zZWNyZXQ=";
const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PARTNER_PATH: &str = "/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";
const USER_AGENT_VALUE: &str = concat!("dwolla-core/", env!("CARGO_PKG_VERSION"), " (rust)");
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

fn main() {
    if std::env::var_os(SERVER_ENV).is_some() {
        server::run();
        return;
    }
    std::process::exit(client_main());
}

/// Lets a run open a few thousand sockets (a cold burst opens one connection
/// per call).
fn raise_nofile() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

// ---------------------------------------------------------------------------
// The fake Dwolla, in its own process.
// ---------------------------------------------------------------------------

mod server {
    use super::*;

    struct State {
        port: u16,
        bearer: HeaderValue,
        token_requests: AtomicU64,
        /// How long the token endpoint takes, in ms (`POST /__token_delay/{ms}`).
        token_delay_ms: AtomicU64,
        sessions: AtomicU64,
        /// Record the next token or create request (`POST /__record`).
        record: AtomicBool,
        last: Mutex<String>,
    }

    /// Serves until standard input closes, then prints the counts on standard
    /// error and exits.
    pub(super) fn run() {
        raise_nofile();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server: cannot build a tokio runtime");
        rt.block_on(async {
            // DWOLLA_LOAD_PORT=80 makes the URLs default-port ones, as
            // Dwolla's are (hyper-util then writes Host without formatting a
            // port); it needs the right to bind port 80.
            let port = std::env::var("DWOLLA_LOAD_PORT").unwrap_or_else(|_| "0".into());
            let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
                .await
                .unwrap_or_else(|e| panic!("server: cannot bind 127.0.0.1:{port}: {e}"));
            let port = listener
                .local_addr()
                .expect("server: no local address")
                .port();
            let state = Arc::new(State {
                port,
                bearer: HeaderValue::from_str(&format!("Bearer {TOKEN}"))
                    .expect("server: bearer header"),
                token_requests: AtomicU64::new(0),
                token_delay_ms: AtomicU64::new(0),
                sessions: AtomicU64::new(0),
                record: AtomicBool::new(false),
                last: Mutex::new(String::new()),
            });
            let watcher = state.clone();
            std::thread::spawn(move || {
                let mut sink = Vec::new();
                let _ = std::io::stdin().read_to_end(&mut sink);
                eprintln!(
                    "[fake dwolla] stdin closed; token requests served: {}, exchange sessions created: {}",
                    watcher.token_requests.load(Ordering::SeqCst),
                    watcher.sessions.load(Ordering::SeqCst)
                );
                std::process::exit(0);
            });
            {
                let mut out = std::io::stdout().lock();
                writeln!(out, "{port}").expect("server: cannot write the port");
                out.flush().expect("server: cannot flush stdout");
            }
            loop {
                let stream = match listener.accept().await {
                    Ok((s, _)) => s,
                    Err(e) => {
                        eprintln!("[fake dwolla] accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let st = state.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| handle(st.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
    }

    fn respond(
        status: u16,
        content_type: Option<&'static str>,
        body: Bytes,
    ) -> Response<Full<Bytes>> {
        let mut r = Response::new(Full::new(body));
        *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(ct) = content_type {
            r.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        r
    }

    /// The request as the server saw it, with the idempotency key's value
    /// replaced by its shape (it differs on every call by design).
    fn canonical(parts: &http::request::Parts, body: &[u8]) -> String {
        let mut s = format!("{} {} {:?}\n", parts.method, parts.uri, parts.version);
        for (name, value) in &parts.headers {
            let v = String::from_utf8_lossy(value.as_bytes());
            if name == "idempotency-key" {
                let uuid_like = v.len() == 36 && v.bytes().filter(|b| *b == b'-').count() == 4;
                let _ = writeln!(
                    s,
                    "{name}: <{} chars{}>",
                    v.len(),
                    if uuid_like { ", UUID" } else { "" }
                );
            } else {
                let _ = writeln!(s, "{name}: {v}");
            }
        }
        s.push('\n');
        s.push_str(&String::from_utf8_lossy(body));
        s
    }

    fn record(st: &State, parts: &http::request::Parts, body: &[u8]) {
        if st.record.swap(false, Ordering::SeqCst) {
            *st.last.lock().unwrap_or_else(|p| p.into_inner()) = canonical(parts, body);
        }
    }

    async fn handle(
        st: Arc<State>,
        req: Request<Incoming>,
    ) -> Result<Response<Full<Bytes>>, Infallible> {
        let (parts, body) = req.into_parts();
        let body = match body.collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return Ok(respond(400, None, Bytes::new())),
        };
        let path = parts.uri.path();
        let resp = match (&parts.method, path) {
            (&Method::POST, "/token") => {
                record(&st, &parts, &body);
                st.token_requests.fetch_add(1, Ordering::SeqCst);
                let delay = st.token_delay_ms.load(Ordering::SeqCst);
                if delay > 0 {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                }
                respond(
                    200,
                    Some("application/json"),
                    Bytes::from_static(TOKEN_JSON.as_bytes()),
                )
            }
            (&Method::POST, p)
                if p.starts_with("/customers/") && p.ends_with("/exchange-sessions") =>
            {
                if parts.headers.get(AUTHORIZATION) != Some(&st.bearer) {
                    respond(
                        401,
                        Some(HAL_JSON),
                        Bytes::from_static(
                            br#"{"code":"InvalidAccessToken","message":"Invalid access token."}"#,
                        ),
                    )
                } else {
                    record(&st, &parts, &body);
                    let n = st.sessions.fetch_add(1, Ordering::Relaxed);
                    let mut r = respond(201, None, Bytes::new());
                    let location = format!(
                        "http://127.0.0.1:{}/exchange-sessions/fcd15e5f-8d13-4570-a9b7-{n:012x}",
                        st.port
                    );
                    if let Ok(v) = HeaderValue::from_str(&location) {
                        r.headers_mut().insert(LOCATION, v);
                    }
                    r.headers_mut().insert(
                        "x-request-id",
                        HeaderValue::from_static("4b3a8f7e-1f2d-4c5b-9a8e-7d6c5b4a3f2e"),
                    );
                    r
                }
            }
            (&Method::GET, "/__stats") => respond(
                200,
                Some("application/json"),
                Bytes::from(format!(
                    r#"{{"token_requests":{}}}"#,
                    st.token_requests.load(Ordering::SeqCst)
                )),
            ),
            (&Method::POST, "/__record") => {
                st.record.store(true, Ordering::SeqCst);
                respond(204, None, Bytes::new())
            }
            (&Method::POST, p) if p.starts_with("/__token_delay/") => {
                match p["/__token_delay/".len()..].parse() {
                    Ok(ms) => {
                        st.token_delay_ms.store(ms, Ordering::SeqCst);
                        respond(204, None, Bytes::new())
                    }
                    Err(_) => respond(400, None, Bytes::new()),
                }
            }
            (&Method::GET, "/__last") => {
                let last = st.last.lock().unwrap_or_else(|p| p.into_inner()).clone();
                respond(200, Some("text/plain"), Bytes::from(last))
            }
            _ => respond(404, None, Bytes::new()),
        };
        Ok(resp)
    }
}

// ---------------------------------------------------------------------------
// The client side.
// ---------------------------------------------------------------------------

/// The fake Dwolla child process; it exits when its stdin closes (on drop, or
/// when this process dies).
struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
}

impl ServerProcess {
    fn spawn() -> ServerProcess {
        let exe = std::env::current_exe().expect("cannot find this benchmark's executable");
        let mut child = Command::new(exe)
            .env(SERVER_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start the fake Dwolla server process");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("the server's stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("cannot read the server's port");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the server printed {line:?} instead of its port"));
        ServerProcess { child, stdin, port }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// CPU affinity of whole processes (every thread, as listed in
/// `/proc/{pid}/task`). Threads started later inherit it from their creator.
mod affinity {
    /// The CPUs this process may run on.
    pub(super) fn allowed() -> Vec<usize> {
        // SAFETY: an all-zero cpu_set_t is a valid empty set; the kernel
        // writes at most its size.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
                return Vec::new();
            }
            (0..libc::CPU_SETSIZE as usize)
                .filter(|&c| libc::CPU_ISSET(c, &set))
                .collect()
        }
    }

    /// Restricts every thread of process `pid` to `cpus`.
    pub(super) fn set_process(pid: u32, cpus: &[usize]) -> std::io::Result<()> {
        // SAFETY: as above; CPU_SET is given indices below CPU_SETSIZE.
        let set = unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_ZERO(&mut set);
            for &c in cpus {
                if c < libc::CPU_SETSIZE as usize {
                    libc::CPU_SET(c, &mut set);
                }
            }
            set
        };
        for entry in std::fs::read_dir(format!("/proc/{pid}/task"))? {
            let Some(tid) = entry?
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<libc::pid_t>().ok())
            else {
                continue;
            };
            // SAFETY: a valid set of the size passed.
            let rc = unsafe {
                libc::sched_setaffinity(tid, std::mem::size_of::<libc::cpu_set_t>(), &set)
            };
            if rc != 0 {
                let err = std::io::Error::last_os_error();
                // A thread may have ended since the directory was read.
                if err.raw_os_error() != Some(libc::ESRCH) {
                    return Err(err);
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pin {
    /// Client and server share one CPU.
    Pinned,
    /// Both may run on every CPU this process was allowed at start.
    Unpinned,
}

/// Moves the client and the server between the pinned and unpinned modes.
struct Pinning {
    server_pid: u32,
    allowed: Vec<usize>,
    cpu: usize,
}

impl Pinning {
    fn apply(&self, pin: Pin) {
        let cpus = match pin {
            Pin::Pinned => vec![self.cpu],
            Pin::Unpinned => self.allowed.clone(),
        };
        for pid in [std::process::id(), self.server_pid] {
            if let Err(e) = affinity::set_process(pid, &cpus) {
                panic!("cannot set the CPU affinity of process {pid} to {cpus:?}: {e}");
            }
        }
    }

    fn label(&self, pin: Pin) -> String {
        match pin {
            Pin::Pinned => format!("pinned (both on CPU {})", self.cpu),
            Pin::Unpinned => format!("unpinned ({} CPUs)", self.allowed.len()),
        }
    }
}

struct Config {
    calls: usize,
    reps: usize,
    warmup: usize,
    inflight: Vec<usize>,
    mem_calls: usize,
    multi_thread: bool,
    only: Option<String>,
    pins: Vec<Pin>,
    pin_cpu: Option<usize>,
    cold_clients: usize,
    burst: usize,
    burst_reps: usize,
    max_secs: u64,
}

fn env_num(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number")),
        Err(_) => default,
    }
}

impl Config {
    fn from_env() -> Config {
        let inflight = std::env::var("DWOLLA_LOAD_INFLIGHT")
            .unwrap_or_else(|_| "1,64".to_owned())
            .split(',')
            .map(|s| {
                s.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| {
                        panic!("DWOLLA_LOAD_INFLIGHT: {s:?} is not a positive number")
                    })
            })
            .collect();
        let runtime = std::env::var("DWOLLA_LOAD_RUNTIME").unwrap_or_else(|_| "current".into());
        let multi_thread = match runtime.as_str() {
            "current" => false,
            "multi" => true,
            other => panic!("DWOLLA_LOAD_RUNTIME={other:?}: use `current` or `multi`"),
        };
        let only = std::env::var("DWOLLA_LOAD_ONLY")
            .ok()
            .filter(|s| !s.is_empty());
        if let Some(o) = &only {
            assert!(
                o == "floor" || o == "raw" || o == "sdk",
                "DWOLLA_LOAD_ONLY={o:?}: use `floor` (or `raw`) or `sdk`"
            );
        }
        // Profiling runs leave the affinity alone unless told otherwise.
        let default_pin = if only.is_some() { "none" } else { "both" };
        let pins = match std::env::var("DWOLLA_LOAD_PIN")
            .unwrap_or_else(|_| default_pin.into())
            .as_str()
        {
            "both" => vec![Pin::Pinned, Pin::Unpinned],
            "pinned" => vec![Pin::Pinned],
            "unpinned" => vec![Pin::Unpinned],
            "none" => Vec::new(),
            other => {
                panic!("DWOLLA_LOAD_PIN={other:?}: use `both`, `pinned`, `unpinned` or `none`")
            }
        };
        Config {
            calls: env_num("DWOLLA_LOAD_CALLS", 20_000).max(1),
            reps: env_num("DWOLLA_LOAD_REPS", 5).max(1),
            warmup: env_num("DWOLLA_LOAD_WARMUP", 2_000),
            inflight,
            mem_calls: env_num("DWOLLA_LOAD_MEM_CALLS", 100_000),
            multi_thread,
            only,
            pins,
            pin_cpu: std::env::var("DWOLLA_LOAD_PIN_CPU")
                .ok()
                .map(|_| env_num("DWOLLA_LOAD_PIN_CPU", 0)),
            cold_clients: env_num("DWOLLA_LOAD_COLD_CLIENTS", 20),
            burst: env_num("DWOLLA_LOAD_BURST", 1_000).max(1),
            burst_reps: env_num("DWOLLA_LOAD_BURST_REPS", 3),
            max_secs: env_num("DWOLLA_LOAD_MAX_SECS", 600) as u64,
        }
    }
}

fn client_main() -> i32 {
    raise_nofile();
    let cfg = Config::from_env();
    let max = Duration::from_secs(cfg.max_secs);
    std::thread::spawn(move || {
        std::thread::sleep(max);
        eprintln!("load bench: still running after {max:?} (DWOLLA_LOAD_MAX_SECS); giving up");
        std::process::exit(2);
    });
    let server = ServerProcess::spawn();
    let allowed = affinity::allowed();
    let pinning = if cfg.pins.is_empty() {
        None
    } else {
        let cpu = match cfg.pin_cpu {
            Some(c) => {
                assert!(
                    allowed.contains(&c),
                    "DWOLLA_LOAD_PIN_CPU={c}: not one of the allowed CPUs {allowed:?}"
                );
                c
            }
            // The last allowed CPU: on small VMs CPU 0 tends to take more of
            // the interrupts.
            None => *allowed
                .last()
                .expect("sched_getaffinity returned no CPU; set DWOLLA_LOAD_PIN=none"),
        };
        Some(Pinning {
            server_pid: server.child.id(),
            allowed,
            cpu,
        })
    };
    let rt = if cfg.multi_thread {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .expect("cannot build the client's tokio runtime");
    let code = rt.block_on(run(&cfg, server.port, pinning.as_ref()));
    drop(rt);
    drop(server);
    code
}

/// A fresh UUIDv4 `Idempotency-Key`, made as the SDK makes it.
fn new_key() -> HeaderValue {
    let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let key = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
    HeaderValue::from_str(key).expect("a UUID is a valid header value")
}

/// A string that lives as long as the process: a template made from it clones
/// as reference-free `Bytes`. One per template, so a handful per run.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The requests the floor sends, each prepared once (method, URI and every
/// header that is the same on every call), so that a call only clones one.
struct Templates {
    base: &'static str,
    host: HeaderValue,
    token: Request<Full<Bytes>>,
}

impl Templates {
    fn new(base: &str) -> Templates {
        let base = leak(base.to_owned());
        let host =
            HeaderValue::from_static(base.strip_prefix("http://").expect("an http:// base URL"));
        let mut token = Request::new(Full::new(Bytes::from_static(
            b"grant_type=client_credentials",
        )));
        *token.method_mut() = Method::POST;
        *token.uri_mut() = Uri::from_static(leak(format!("{base}/token")));
        let h = token.headers_mut();
        let mut basic = HeaderValue::from_static(BASIC);
        basic.set_sensitive(true);
        h.insert(AUTHORIZATION, basic);
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        h.insert(ACCEPT, HeaderValue::from_static("application/json"));
        h.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
        h.insert(HOST, host.clone());
        Templates { base, host, token }
    }

    /// The create call with `authorization`, and a placeholder key that each
    /// call replaces in place. `Host` is set here, after the key, where
    /// hyper-util would append it, so the bytes on the wire are the same.
    fn create(&self, authorization: HeaderValue) -> Request<Full<Bytes>> {
        let base = self.base;
        let mut req = Request::new(Full::new(Bytes::from_static(
            leak(format!(
                r#"{{"_links":{{"exchange-partner":{{"href":"{base}{PARTNER_PATH}"}}}}}}"#
            ))
            .as_bytes(),
        )));
        *req.method_mut() = Method::POST;
        *req.uri_mut() = Uri::from_static(leak(format!(
            "{base}/customers/{CUSTOMER}/exchange-sessions"
        )));
        // Room for the Content-Length hyper adds, so that no call's copy has
        // to grow its hash table (a copy keeps the table's size).
        *req.headers_mut() = http::HeaderMap::with_capacity(8);
        let h = req.headers_mut();
        h.insert(ACCEPT, HeaderValue::from_static(HAL_JSON));
        h.insert(CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
        h.insert(AUTHORIZATION, authorization);
        h.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
        h.insert(
            IDEMPOTENCY_KEY,
            HeaderValue::from_static("00000000-0000-4000-8000-000000000000"),
        );
        h.insert(HOST, self.host.clone());
        req
    }
}

fn bearer(token: &str) -> HeaderValue {
    let mut v = HeaderValue::from_str(&format!("Bearer {token}")).expect("a valid bearer header");
    v.set_sensitive(true);
    v
}

/// The leanest hyper-util client: plain `HttpConnector` (with `TCP_NODELAY`,
/// as any latency-minded client sets), pooled keep-alive connections, HTTP/1
/// only, no pool timer and no idle timeout (nothing runs in the background).
fn lean_client() -> RawClient<HttpConnector, Full<Bytes>> {
    let mut http = HttpConnector::new();
    http.set_nodelay(true);
    RawClient::builder(TokioExecutor::new())
        .pool_idle_timeout(None)
        .build(http)
}

/// Hand-written hyper: the floor.
struct Floor {
    client: RawClient<HttpConnector, Full<Bytes>>,
    /// The create request; each call clones it and sets a fresh key.
    create: Request<Full<Bytes>>,
}

impl Floor {
    /// A floor client that already holds the bench's token.
    fn warm(templates: &Templates) -> Floor {
        Floor {
            client: lean_client(),
            create: templates.create(bearer(TOKEN)),
        }
    }

    /// A brand-new floor client's first call: the token request, then the
    /// create call with the token it returned, on `client`'s new pool.
    async fn cold_first_call(
        templates: &Templates,
        client: RawClient<HttpConnector, Full<Bytes>>,
    ) -> Result<Floor, String> {
        let floor = Floor::with_token(templates, client).await?;
        floor.call().await?;
        Ok(floor)
    }

    /// The token request on `client`, and the create template with the token
    /// it returned.
    async fn with_token(
        templates: &Templates,
        client: RawClient<HttpConnector, Full<Bytes>>,
    ) -> Result<Floor, String> {
        let resp = client
            .request(templates.token.clone())
            .await
            .map_err(|e| format!("floor token: {e}"))?;
        let (parts, body) = resp.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("floor token body: {e}"))?
            .to_bytes();
        if parts.status != StatusCode::OK {
            return Err(format!("floor token: status {}", parts.status));
        }
        let token = std::str::from_utf8(&body)
            .ok()
            .and_then(|b| b.split_once(r#""access_token":""#))
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(token, _)| token)
            .ok_or("floor token: no access_token")?;
        Ok(Floor {
            client,
            create: templates.create(bearer(token)),
        })
    }

    async fn call(&self) -> Result<(), String> {
        let mut req = self.create.clone();
        // Replaced in place: no insertion, so no capacity check.
        if let Some(key) = req.headers_mut().get_mut(&IDEMPOTENCY_KEY) {
            *key = new_key();
        }
        let resp = self
            .client
            .request(req)
            .await
            .map_err(|e| format!("floor: {e}"))?;
        let (parts, body) = resp.into_parts();
        // Read the body to its end (the connection goes back to the pool only
        // then); the fake Dwolla's 201 has none.
        let body = if body.is_end_stream() {
            Bytes::new()
        } else {
            body.collect()
                .await
                .map_err(|e| format!("floor body: {e}"))?
                .to_bytes()
        };
        if parts.status != StatusCode::CREATED {
            return Err(format!("floor: status {}", parts.status));
        }
        let location = parts
            .headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or("floor: no Location")?;
        black_box((location, body));
        Ok(())
    }
}

/// Talks to the fake Dwolla's control endpoints, on its own connection pool.
struct Control {
    client: RawClient<HttpConnector, Full<Bytes>>,
    base: String,
}

impl Control {
    fn new(base: &str) -> Control {
        Control {
            client: lean_client(),
            base: base.to_owned(),
        }
    }

    async fn request(&self, method: Method, path: &str) -> Result<String, String> {
        let req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .body(Full::new(Bytes::new()))
            .map_err(|e| e.to_string())?;
        let resp = self.client.request(req).await.map_err(|e| e.to_string())?;
        let body = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(String::from_utf8_lossy(&body).into_owned())
    }

    async fn token_requests(&self) -> u64 {
        let stats = self
            .request(Method::GET, "/__stats")
            .await
            .expect("cannot read the server's stats");
        stats
            .trim_start_matches(r#"{"token_requests":"#)
            .trim_end_matches('}')
            .parse()
            .unwrap_or_else(|_| panic!("unexpected stats {stats:?}"))
    }

    async fn token_delay(&self, ms: u64) {
        self.request(Method::POST, &format!("/__token_delay/{ms}"))
            .await
            .expect("cannot set the token delay");
    }

    /// The next token or create request the server receives while `f` runs,
    /// as the server saw it.
    async fn recorded<F: std::future::Future<Output = Result<(), String>>>(&self, f: F) -> String {
        self.request(Method::POST, "/__record")
            .await
            .expect("cannot arm the server's recorder");
        f.await.expect("the recorded call failed");
        self.request(Method::GET, "/__last")
            .await
            .expect("cannot read the recorded request")
    }
}

#[derive(Clone)]
enum Target {
    Floor(Arc<Floor>),
    Sdk(HyperClient, Arc<str>),
}

impl Target {
    fn label(&self) -> &'static str {
        match self {
            Target::Floor(_) => "floor",
            Target::Sdk(..) => "SDK",
        }
    }

    async fn call(&self) -> Result<(), String> {
        match self {
            Target::Floor(floor) => floor.call().await,
            Target::Sdk(client, partner) => {
                let created = client
                    .execute(CreateCustomerExchangeSession::web(CUSTOMER, &**partner))
                    .await
                    .map_err(|e| format!("sdk: {e}"))?;
                black_box(created);
                Ok(())
            }
        }
    }
}

fn sdk_client(base: &str) -> HyperClient {
    dwolla_hyper::client(
        Environment::custom(base).expect("a loopback base URL"),
        ClientCredentials::new(CLIENT_ID, CLIENT_SECRET),
    )
    .expect("cannot build the SDK client")
}

/// Runs `calls` calls with `inflight` of them in flight at any time.
async fn drive(target: &Target, calls: usize, inflight: usize) -> Result<(), String> {
    let left = Arc::new(AtomicUsize::new(calls));
    let mut tasks = Vec::with_capacity(inflight);
    for _ in 0..inflight.min(calls.max(1)) {
        let left = left.clone();
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            while left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_ok()
            {
                target.call().await?;
            }
            Ok::<(), String>(())
        }));
    }
    for t in tasks {
        t.await.map_err(|e| format!("task failed: {e}"))??;
    }
    Ok(())
}

/// User and system CPU time of this whole process (every thread).
fn cpu_time() -> (Duration, Duration) {
    // SAFETY: an all-zero rusage is valid; getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    assert_eq!(rc, 0, "getrusage failed");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (tv(ru.ru_utime), tv(ru.ru_stime))
}

/// Resident set size of this process, in KiB, from /proc/self/statm.
fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("cannot read /proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("unexpected /proc/self/statm");
    // SAFETY: sysconf has no memory effects.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    pages * page / 1024
}

/// Slices per repetition: the clients take turns this many times.
const SLICES: usize = 10;

/// Client user and system CPU time, and wall time, of `calls` calls.
async fn measure(target: &Target, calls: usize, inflight: usize) -> (Duration, Duration, Duration) {
    let (user0, sys0) = cpu_time();
    let t0 = Instant::now();
    if let Err(e) = drive(target, calls, inflight).await {
        panic!("{} at {inflight} in flight failed: {e}", target.label());
    }
    let wall = t0.elapsed();
    let (user, sys) = cpu_time();
    (user.saturating_sub(user0), sys.saturating_sub(sys0), wall)
}

/// Median, minimum and maximum.
#[derive(Clone, Copy)]
struct Spread {
    median: f64,
    min: f64,
    max: f64,
}

fn spread(v: &[f64]) -> Spread {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Spread {
        median,
        min: v[0],
        max: v[n - 1],
    }
}

impl Spread {
    /// `12.34 (12.01–12.90)`, with `prec` decimals.
    fn show(&self, prec: usize) -> String {
        format!(
            "{:.p$} ({:.p$}–{:.p$})",
            self.median,
            self.min,
            self.max,
            p = prec
        )
    }
}

/// `85,887`.
fn thousands(x: f64) -> String {
    let s = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One repetition's numbers for one client.
#[derive(Clone, Copy, Default)]
struct Rep {
    cpu_us: f64,
    /// The user-space part of `cpu_us` (the rest is the kernel's).
    user_us: f64,
    calls_per_sec: f64,
}

async fn run(cfg: &Config, port: u16, pinning: Option<&Pinning>) -> i32 {
    let base = if port == 80 {
        "http://127.0.0.1".to_owned()
    } else {
        format!("http://127.0.0.1:{port}")
    };
    let partner: Arc<str> = format!("{base}{PARTNER_PATH}").into();
    let control = Control::new(&base);
    let templates = Templates::new(&base);
    let floor = Arc::new(Floor::warm(&templates));
    let sdk = sdk_client(&base);
    let mut failed = false;

    println!("dwolla-rs load bench: SDK vs the leanest hyper client sending the same bytes");
    // The two clients must send the same bytes, or the comparison is moot.
    // The token request: a cold floor's first call and the SDK's first call.
    let floor_token = control
        .recorded(async {
            Floor::cold_first_call(&templates, lean_client())
                .await
                .map(|_| ())
        })
        .await;
    let sdk_token = control
        .recorded(Target::Sdk(sdk.clone(), partner.clone()).call())
        .await;
    // The create call, with a cached token.
    let floor_create = control.recorded(Target::Floor(floor.clone()).call()).await;
    let sdk_create = control
        .recorded(Target::Sdk(sdk.clone(), partner.clone()).call())
        .await;
    for (what, f, s) in [
        ("token request", &floor_token, &sdk_token),
        ("create request", &floor_create, &sdk_create),
    ] {
        if f == s {
            println!();
            println!("{what} as received by the server (identical for both clients):");
            for line in f.lines() {
                println!("    {line}");
            }
        } else {
            println!("{what}s DIFFER\n--- floor ---\n{f}\n--- dwolla SDK ---\n{s}");
            return 1;
        }
    }

    let mut targets = vec![
        Target::Floor(floor.clone()),
        Target::Sdk(sdk.clone(), partner.clone()),
    ];
    if let Some(only) = &cfg.only {
        targets.retain(|t| {
            matches!(
                (t, only.as_str()),
                (Target::Floor(_), "floor" | "raw") | (Target::Sdk(..), "sdk")
            )
        });
    }
    // `None` stands for "leave the affinity as it is".
    let pins: Vec<Option<Pin>> = match pinning {
        Some(_) => cfg.pins.iter().copied().map(Some).collect(),
        None => vec![None],
    };
    let apply = |pin: Option<Pin>| {
        if let (Some(p), Some(pin)) = (pinning, pin) {
            p.apply(pin);
        }
    };
    let pin_label = |pin: Option<Pin>| match (pinning, pin) {
        (Some(p), Some(pin)) => p.label(pin),
        _ => "affinity as inherited".to_owned(),
    };

    println!();
    println!(
        "Client CPU per call: user+sys of the client process from getrusage (the server is another process)."
    );
    println!(
        "runtime: {}; per repetition, {} calls per client (in {SLICES} alternating slices); {} warm-up calls; {} repetitions, pinning modes interleaved",
        if cfg.multi_thread { "tokio multi-thread, 2 workers" } else { "tokio current-thread" },
        cfg.calls,
        cfg.warmup,
        cfg.reps
    );
    for &inflight in &cfg.inflight {
        for t in &targets {
            if let Err(e) = drive(t, cfg.warmup, inflight).await {
                panic!("warm-up of {} failed: {e}", t.label());
            }
        }
    }
    // samples[pin][inflight][target] = one Rep per repetition.
    let mut samples =
        vec![vec![vec![Vec::<Rep>::new(); targets.len()]; cfg.inflight.len()]; pins.len()];
    let t_measure = Instant::now();
    for rep in 0..cfg.reps {
        // Alternate the order of the pinning modes between repetitions.
        let mut order: Vec<usize> = (0..pins.len()).collect();
        if rep % 2 == 1 {
            order.reverse();
        }
        for pi in order {
            apply(pins[pi]);
            for (ii, &inflight) in cfg.inflight.iter().enumerate() {
                // A few calls to settle after the move, not measured.
                for t in &targets {
                    if let Err(e) = drive(t, (cfg.warmup / 10).max(inflight), inflight).await {
                        panic!("settling of {} failed: {e}", t.label());
                    }
                }
                let slices = SLICES.min(cfg.calls);
                let per_slice = cfg.calls / slices;
                let mut user = vec![Duration::ZERO; targets.len()];
                let mut sys = vec![Duration::ZERO; targets.len()];
                let mut wall = vec![Duration::ZERO; targets.len()];
                for s in 0..slices {
                    // Each slice alternates which client goes first, so that
                    // both see the same machine (other load, idle states,
                    // frequency) in the same way.
                    for k in 0..targets.len() {
                        let i = if s % 2 == 0 { k } else { targets.len() - 1 - k };
                        let (u, k, w) = measure(&targets[i], per_slice, inflight).await;
                        user[i] += u;
                        sys[i] += k;
                        wall[i] += w;
                    }
                }
                let calls = (per_slice * slices) as f64;
                for i in 0..targets.len() {
                    samples[pi][ii][i].push(Rep {
                        cpu_us: (user[i] + sys[i]).as_secs_f64() * 1e6 / calls,
                        user_us: user[i].as_secs_f64() * 1e6 / calls,
                        calls_per_sec: calls / wall[i].as_secs_f64(),
                    });
                }
            }
        }
    }
    apply(
        pins.iter()
            .copied()
            .find(|p| *p == Some(Pin::Unpinned))
            .flatten(),
    );
    println!(
        "({:.1} s of measurement; median of the repetitions, (min–max) over them; the ratio's median and range are over the per-repetition ratios)",
        t_measure.elapsed().as_secs_f64()
    );
    println!();
    if targets.len() == 2 {
        println!("| CPU pinning | in flight | floor µs/call | SDK µs/call | SDK / floor | floor calls/s | SDK calls/s |");
        println!("|---|---|---|---|---|---|---|");
    } else {
        println!("| CPU pinning | in flight | client | µs/call | calls/s |");
        println!("|---|---|---|---|---|");
    }
    let mut ratio_lines = Vec::new();
    for (pi, &pin) in pins.iter().enumerate() {
        for (ii, &inflight) in cfg.inflight.iter().enumerate() {
            let s = &samples[pi][ii];
            let cpu = |i: usize| spread(&s[i].iter().map(|r| r.cpu_us).collect::<Vec<_>>());
            let rate = |i: usize| spread(&s[i].iter().map(|r| r.calls_per_sec).collect::<Vec<_>>());
            let user = |i: usize| spread(&s[i].iter().map(|r| r.user_us).collect::<Vec<_>>());
            if targets.len() == 2 {
                let ratios: Vec<f64> = s[0]
                    .iter()
                    .zip(&s[1])
                    .map(|(f, k)| k.cpu_us / f.cpu_us)
                    .collect();
                let r = spread(&ratios);
                println!(
                    "| {} | {inflight} | {} | {} | **{:.2}** ({:.2}–{:.2}) | {} | {} |",
                    pin_label(pin),
                    cpu(0).show(2),
                    cpu(1).show(2),
                    r.median,
                    r.min,
                    r.max,
                    thousands(rate(0).median),
                    thousands(rate(1).median),
                );
                ratio_lines.push(format!(
                    "  {}, {inflight} in flight: user-space µs/call floor {:.2}, SDK {:.2} (ratio {:.2}); SDK/floor per repetition {}{}",
                    pin_label(pin),
                    user(0).median,
                    user(1).median,
                    user(1).median / user(0).median,
                    ratios
                        .iter()
                        .map(|r| format!("{r:.3}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    if r.median <= 1.15 {
                        ""
                    } else {
                        "  (median above 1.15)"
                    }
                ));
            } else {
                println!(
                    "| {} | {inflight} | {} | {} | {} |",
                    pin_label(pin),
                    targets[0].label(),
                    cpu(0).show(2),
                    thousands(rate(0).median)
                );
            }
        }
    }
    if !ratio_lines.is_empty() {
        println!();
        for l in ratio_lines {
            println!("{l}");
        }
    }

    if cfg.only.is_some() {
        return 0;
    }

    // Memory: steady resident memory over many calls (before the cold
    // bursts, whose thousands of connections leave the heap larger).
    if cfg.mem_calls > 0 {
        println!();
        let target = Target::Sdk(sdk.clone(), partner.clone());
        let inflight = 64;
        let chunks = 4usize;
        let per_chunk = cfg.mem_calls.div_ceil(chunks);
        let rss0 = rss_kib();
        let mut line = format!(
            "resident memory over {} SDK calls ({inflight} in flight), KiB: {rss0}",
            per_chunk * chunks
        );
        let mut after_first = rss0;
        let mut last = rss0;
        for i in 0..chunks {
            if let Err(e) = drive(&target, per_chunk, inflight).await {
                panic!("memory run failed: {e}");
            }
            last = rss_kib();
            if i == 0 {
                after_first = last;
            }
            let _ = write!(line, " -> {last}");
        }
        println!("{line}");
        println!(
            "resident memory delta: {:+} KiB over all {} calls, {:+} KiB over the last {} (before: {rss0} KiB, after: {last} KiB)",
            last as i64 - rss0 as i64,
            per_chunk * chunks,
            last as i64 - after_first as i64,
            per_chunk * (chunks - 1)
        );
    }

    // Cold start: a brand-new client's first call, and a cold burst.
    if cfg.cold_clients > 0 || cfg.burst_reps > 0 {
        println!();
        println!(
            "Cold start (wall time; token endpoint answers at once; loopback, so no network or TLS latency is included)"
        );
    }
    if cfg.cold_clients > 0 {
        println!();
        println!(
            "First call on a brand-new client ({} fresh clients per row, floor and SDK alternating; ms, median (min–max)):",
            cfg.cold_clients
        );
        println!();
        println!("| CPU pinning | client | build the client | first call: token + connect + create | total |");
        println!("|---|---|---|---|---|");
        for &pin in &pins {
            apply(pin);
            let mut build = [Vec::new(), Vec::new()];
            let mut first = [Vec::new(), Vec::new()];
            for n in 0..cfg.cold_clients {
                for k in 0..2 {
                    let i = if n % 2 == 0 { k } else { 1 - k };
                    if i == 0 {
                        let t0 = Instant::now();
                        let client = lean_client();
                        let built = t0.elapsed();
                        let t1 = Instant::now();
                        let floor = Floor::cold_first_call(&templates, client)
                            .await
                            .unwrap_or_else(|e| panic!("cold floor call failed: {e}"));
                        first[0].push(t1.elapsed().as_secs_f64() * 1e3);
                        build[0].push(built.as_secs_f64() * 1e3);
                        drop(floor);
                    } else {
                        let t0 = Instant::now();
                        let client = sdk_client(&base);
                        let built = t0.elapsed();
                        let t1 = Instant::now();
                        Target::Sdk(client.clone(), partner.clone())
                            .call()
                            .await
                            .unwrap_or_else(|e| panic!("cold SDK call failed: {e}"));
                        first[1].push(t1.elapsed().as_secs_f64() * 1e3);
                        build[1].push(built.as_secs_f64() * 1e3);
                        drop(client);
                    }
                }
            }
            for (i, label) in ["floor", "SDK"].iter().enumerate() {
                let total: Vec<f64> = build[i].iter().zip(&first[i]).map(|(b, f)| b + f).collect();
                println!(
                    "| {} | {label} | {} | {} | {} |",
                    pin_label(pin),
                    spread(&build[i]).show(3),
                    spread(&first[i]).show(3),
                    spread(&total).show(3)
                );
            }
        }
    }
    if cfg.burst_reps > 0 {
        let burst = cfg.burst;
        println!();
        println!(
            "A burst of {burst} calls started together on a cold client ({} bursts per row, each on a new client; ms from the start of the burst, median (min–max)).",
            cfg.burst_reps
        );
        println!(
            "The floor makes its one token request (on a new pool), then starts the {burst} creates together; the SDK is handed all {burst} at once on an empty token cache."
        );
        println!();
        println!("| CPU pinning | client | first successful call | all {burst} done | token requests per burst |");
        println!("|---|---|---|---|---|");
        for &pin in &pins {
            apply(pin);
            let mut first = [Vec::new(), Vec::new()];
            let mut all = [Vec::new(), Vec::new()];
            let mut tokens = [Vec::new(), Vec::new()];
            for n in 0..cfg.burst_reps {
                for k in 0..2 {
                    let i = if n % 2 == 0 { k } else { 1 - k };
                    let before = control.token_requests().await;
                    let (f, a, errors) =
                        cold_burst(i == 1, &base, &templates, &partner, burst).await;
                    let t = control.token_requests().await - before;
                    if i == 1 && (t != 1 || errors != 0) {
                        println!(
                            "  FAIL: the SDK's cold burst of {burst} made {t} token requests and {errors} calls failed (expected 1 and 0)"
                        );
                        failed = true;
                    }
                    first[i].push(f);
                    all[i].push(a);
                    tokens[i].push(t as f64);
                }
            }
            for (i, label) in ["floor", "SDK"].iter().enumerate() {
                let t = spread(&tokens[i]);
                println!(
                    "| {} | {label} | {} | {} | {} |",
                    pin_label(pin),
                    spread(&first[i]).show(2),
                    spread(&all[i]).show(2),
                    if t.min == t.max {
                        format!("{:.0}", t.min)
                    } else {
                        format!("{:.0}–{:.0}", t.min, t.max)
                    }
                );
            }
        }
        apply(
            pins.iter()
                .copied()
                .find(|p| *p == Some(Pin::Unpinned))
                .flatten(),
        );
    }

    // Single flight under a slow token endpoint: however many calls start
    // together, one token request.
    println!();
    control.token_delay(10).await;
    for burst in [64usize, 1000] {
        let before = control.token_requests().await;
        let (_, took, errors) = cold_burst(true, &base, &templates, &partner, burst).await;
        let tokens = control.token_requests().await - before;
        println!(
            "token requests for a cold burst of {burst} with a 10 ms token endpoint: {tokens} ({} calls succeeded, {errors} failed, {took:.1} ms)",
            burst - errors,
        );
        if tokens != 1 || errors != 0 {
            println!("  FAIL: expected exactly 1 token request and no failed call");
            failed = true;
        }
    }
    control.token_delay(0).await;

    if failed {
        1
    } else {
        0
    }
}

/// `burst` calls started together on a cold client (the SDK's, or a floor
/// that first makes its token request and then starts them): ms from the
/// start to the first successful call and until all are done, and how many
/// failed.
async fn cold_burst(
    sdk: bool,
    base: &str,
    templates: &Templates,
    partner: &Arc<str>,
    burst: usize,
) -> (f64, f64, usize) {
    let t0 = Instant::now();
    let target = if sdk {
        Target::Sdk(sdk_client(base), partner.clone())
    } else {
        let floor = Floor::with_token(templates, lean_client())
            .await
            .unwrap_or_else(|e| panic!("cold floor token request failed: {e}"));
        Target::Floor(Arc::new(floor))
    };
    let tasks: Vec<_> = (0..burst)
        .map(|_| {
            let t = target.clone();
            tokio::spawn(async move { t.call().await.map(|()| t0.elapsed()) })
        })
        .collect();
    let mut errors = 0usize;
    let mut first: Option<Duration> = None;
    for t in tasks {
        match t.await {
            Ok(Ok(done)) => first = Some(first.map_or(done, |f| f.min(done))),
            Ok(Err(e)) => {
                if errors == 0 {
                    eprintln!("cold burst call failed: {e}");
                }
                errors += 1;
            }
            Err(e) => {
                eprintln!("cold burst task failed: {e}");
                errors += 1;
            }
        }
    }
    let all = t0.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (first.map_or(f64::NAN, ms), ms(all), errors)
}
