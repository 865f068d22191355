//! Load benchmark: what the SDK costs over hand-written hyper.
//!
//! ```text
//! cargo bench -p dwolla-hyper --bench load
//! ```
//!
//! One run:
//!
//! 1. re-executes this binary as a fake Dwolla (a minimal hyper 1 HTTP/1.1
//!    server on 127.0.0.1, in its own process so that its CPU is not counted);
//! 2. checks that the raw client and the SDK send the same request bytes;
//! 3. measures client CPU per "create customer exchange session" call
//!    (user + sys of this process from `getrusage(RUSAGE_SELF)`) and calls per
//!    second, raw hyper vs the SDK, at 1 and 64 calls in flight, as the median
//!    of several interleaved repetitions;
//! 4. cold start: a fresh SDK client, 64 and then 1,000 calls started together,
//!    must cause exactly one token request each (exit code 1 otherwise);
//! 5. memory: resident memory before and after 100,000 SDK calls.
//!
//! Knobs (environment variables): `DWOLLA_LOAD_CALLS` (calls per repetition,
//! default 20000), `DWOLLA_LOAD_REPS` (default 5), `DWOLLA_LOAD_WARMUP`
//! (default 2000), `DWOLLA_LOAD_INFLIGHT` (default `1,64`),
//! `DWOLLA_LOAD_MEM_CALLS` (default 100000), `DWOLLA_LOAD_RUNTIME`
//! (`current`, the default, or `multi` for a 2-worker multi-thread runtime),
//! `DWOLLA_LOAD_ONLY` (`raw` or `sdk`: measure only that client and skip the
//! cold-start and memory checks, for profiling), `DWOLLA_LOAD_MAX_SECS`
//! (a watchdog, default 600).
//!
//! The client runtime is tokio's current-thread runtime by default, the same
//! for both clients: the machine this was written for has 2 cores shared with
//! the server process, and on a multi-thread runtime both clients pay the same
//! extra cross-thread wake-ups and work stealing, which adds CPU to both and
//! so hides the SDK's own share of it. Current-thread is the stricter test.

use std::convert::Infallible;
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
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use http::{Method, Request, Response, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as RawClient;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};

const SERVER_ENV: &str = "DWOLLA_LOAD_SERVER";
const TOKEN: &str = "bench0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q";
const TOKEN_JSON: &str = r#"{"access_token":"bench0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q","token_type":"Bearer","expires_in":3600}"#;
const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PARTNER_PATH: &str = "/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";
const USER_AGENT_VALUE: &str = concat!("dwolla-core/", env!("CARGO_PKG_VERSION"), " (rust)");

fn main() {
    if std::env::var_os(SERVER_ENV).is_some() {
        server::run();
        return;
    }
    std::process::exit(client_main());
}

/// Lets a run open a few thousand sockets (the 1,000-call cold burst opens one
/// connection per call).
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
        sessions: AtomicU64,
        record: AtomicBool,
        last: Mutex<String>,
    }

    /// Serves until standard input closes, then prints the token count on
    /// standard error and exits.
    pub(super) fn run() {
        raise_nofile();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server: cannot build a tokio runtime");
        rt.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("server: cannot bind 127.0.0.1:0");
            let port = listener
                .local_addr()
                .expect("server: no local address")
                .port();
            let state = Arc::new(State {
                port,
                bearer: HeaderValue::from_str(&format!("Bearer {TOKEN}"))
                    .expect("server: bearer header"),
                token_requests: AtomicU64::new(0),
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
                s.push_str(&format!(
                    "{name}: <{} chars{}>\n",
                    v.len(),
                    if uuid_like { ", UUID" } else { "" }
                ));
            } else {
                s.push_str(&format!("{name}: {v}\n"));
            }
        }
        s.push('\n');
        s.push_str(&String::from_utf8_lossy(body));
        s
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
                st.token_requests.fetch_add(1, Ordering::SeqCst);
                // A token takes a little while, so that a cold burst really
                // piles up on the cache.
                tokio::time::sleep(Duration::from_millis(10)).await;
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
                    if st.record.swap(false, Ordering::SeqCst) {
                        let c = canonical(&parts, &body);
                        *st.last.lock().unwrap_or_else(|p| p.into_inner()) = c;
                    }
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

struct Config {
    calls: usize,
    reps: usize,
    warmup: usize,
    inflight: Vec<usize>,
    mem_calls: usize,
    multi_thread: bool,
    only: Option<String>,
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
                o == "raw" || o == "sdk",
                "DWOLLA_LOAD_ONLY={o:?}: use `raw` or `sdk`"
            );
        }
        Config {
            calls: env_num("DWOLLA_LOAD_CALLS", 20_000).max(1),
            reps: env_num("DWOLLA_LOAD_REPS", 5).max(1),
            warmup: env_num("DWOLLA_LOAD_WARMUP", 2_000),
            inflight,
            mem_calls: env_num("DWOLLA_LOAD_MEM_CALLS", 100_000),
            multi_thread,
            only,
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
    let code = rt.block_on(run(&cfg, server.port));
    drop(rt);
    drop(server);
    code
}

/// Hand-written hyper: the floor.
struct Raw {
    client: RawClient<HttpConnector, Full<Bytes>>,
    uri: Uri,
    authorization: HeaderValue,
    body: Bytes,
}

impl Raw {
    fn new(base: &str) -> Raw {
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        // The same pool settings as HyperTransport, without TLS.
        let client = RawClient::builder(TokioExecutor::new())
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(http);
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {TOKEN}")).expect("a valid bearer header");
        authorization.set_sensitive(true);
        Raw {
            client,
            uri: format!("{base}/customers/{CUSTOMER}/exchange-sessions")
                .parse()
                .expect("a valid request URI"),
            authorization,
            body: Bytes::from(format!(
                r#"{{"_links":{{"exchange-partner":{{"href":"{base}{PARTNER_PATH}"}}}}}}"#
            )),
        }
    }

    async fn call(&self) -> Result<(), String> {
        let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let key = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
        let req = Request::builder()
            .method(Method::POST)
            .uri(self.uri.clone())
            .header(ACCEPT, HeaderValue::from_static(HAL_JSON))
            .header(CONTENT_TYPE, HeaderValue::from_static(HAL_JSON))
            .header(AUTHORIZATION, self.authorization.clone())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(
                "idempotency-key",
                HeaderValue::from_str(key).map_err(|e| e.to_string())?,
            )
            .body(Full::new(self.body.clone()))
            .map_err(|e| e.to_string())?;
        let resp = self
            .client
            .request(req)
            .await
            .map_err(|e| format!("raw: {e}"))?;
        let (parts, body) = resp.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("raw body: {e}"))?
            .to_bytes();
        if parts.status != StatusCode::CREATED {
            return Err(format!("raw: status {}", parts.status));
        }
        let location = parts
            .headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or("raw: no Location")?;
        black_box((location, body));
        Ok(())
    }

    async fn get(&self, base: &str, path: &str, method: Method) -> Result<String, String> {
        let req = Request::builder()
            .method(method)
            .uri(format!("{base}{path}"))
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

    async fn token_requests(&self, base: &str) -> u64 {
        let stats = self
            .get(base, "/__stats", Method::GET)
            .await
            .expect("cannot read the server's stats");
        stats
            .trim_start_matches(r#"{"token_requests":"#)
            .trim_end_matches('}')
            .parse()
            .unwrap_or_else(|_| panic!("unexpected stats {stats:?}"))
    }
}

#[derive(Clone)]
enum Target {
    Raw(Arc<Raw>),
    Sdk(HyperClient, Arc<str>),
}

impl Target {
    fn label(&self) -> &'static str {
        match self {
            Target::Raw(_) => "raw hyper",
            Target::Sdk(..) => "dwolla SDK",
        }
    }

    async fn call(&self) -> Result<(), String> {
        match self {
            Target::Raw(raw) => raw.call().await,
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
        ClientCredentials::new("bench-client-id", "bench-client-secret"),
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

/// User + system CPU time of this whole process (every thread).
fn cpu_time() -> Duration {
    // SAFETY: an all-zero rusage is valid; getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    assert_eq!(rc, 0, "getrusage failed");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
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

struct Sample {
    cpu_per_call_us: f64,
    calls_per_sec: f64,
}

/// Client CPU time and wall time of `calls` calls.
async fn measure(target: &Target, calls: usize, inflight: usize) -> (Duration, Duration) {
    let cpu0 = cpu_time();
    let t0 = Instant::now();
    if let Err(e) = drive(target, calls, inflight).await {
        panic!("{} at {inflight} in flight failed: {e}", target.label());
    }
    let wall = t0.elapsed();
    (cpu_time().saturating_sub(cpu0), wall)
}

fn median<T: Copy + PartialOrd>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

async fn run(cfg: &Config, port: u16) -> i32 {
    let base = format!("http://127.0.0.1:{port}");
    let partner: Arc<str> = format!("{base}{PARTNER_PATH}").into();
    let raw = Arc::new(Raw::new(&base));
    let sdk = sdk_client(&base);
    let mut failed = false;

    // The two clients must send the same bytes, or the comparison is moot.
    let mut seen = Vec::new();
    for target in [
        Target::Raw(raw.clone()),
        Target::Sdk(sdk.clone(), partner.clone()),
    ] {
        raw.get(&base, "/__record", Method::POST)
            .await
            .expect("cannot arm the server's recorder");
        target.call().await.expect("the first call failed");
        seen.push(
            raw.get(&base, "/__last", Method::GET)
                .await
                .expect("cannot read the recorded request"),
        );
    }
    if seen[0] == seen[1] {
        println!("Request as received by the server (identical for both clients):");
        for line in seen[0].lines() {
            println!("    {line}");
        }
    } else {
        println!(
            "REQUESTS DIFFER\n--- raw hyper ---\n{}\n--- dwolla SDK ---\n{}",
            seen[0], seen[1]
        );
        return 1;
    }

    let mut targets = vec![
        Target::Raw(raw.clone()),
        Target::Sdk(sdk.clone(), partner.clone()),
    ];
    if let Some(only) = &cfg.only {
        targets.retain(|t| {
            matches!(
                (t, only.as_str()),
                (Target::Raw(_), "raw") | (Target::Sdk(..), "sdk")
            )
        });
    }

    println!();
    println!("Client CPU per call (user+sys of the client process; the server is another process)");
    println!(
        "runtime: {}; {} calls per client per repetition (in {SLICES} alternating slices) after {} warm-up calls; median of {} repetitions",
        if cfg.multi_thread { "tokio multi-thread, 2 workers" } else { "tokio current-thread" },
        cfg.calls,
        cfg.warmup,
        cfg.reps
    );
    println!();
    println!(
        "{:>9} | {:<10} | {:>14} | {:>21} | {:>11} | {:>13}",
        "in flight", "client", "CPU µs/call", "(min .. max)", "calls/s", "SDK/raw CPU"
    );
    println!("{}", "-".repeat(94));
    for &inflight in &cfg.inflight {
        for t in &targets {
            if let Err(e) = drive(t, cfg.warmup, inflight).await {
                panic!("warm-up of {} failed: {e}", t.label());
            }
        }
        let mut samples: Vec<Vec<Sample>> = targets.iter().map(|_| Vec::new()).collect();
        for _ in 0..cfg.reps {
            // Each repetition alternates the clients in slices, so that both
            // see the same machine (other load, idle states, frequency).
            let slices = SLICES.min(cfg.calls);
            let per_slice = cfg.calls / slices;
            let mut cpu = vec![Duration::ZERO; targets.len()];
            let mut wall = vec![Duration::ZERO; targets.len()];
            for _ in 0..slices {
                for (i, t) in targets.iter().enumerate() {
                    let (c, w) = measure(t, per_slice, inflight).await;
                    cpu[i] += c;
                    wall[i] += w;
                }
            }
            let calls = (per_slice * slices) as f64;
            for i in 0..targets.len() {
                samples[i].push(Sample {
                    cpu_per_call_us: cpu[i].as_secs_f64() * 1e6 / calls,
                    calls_per_sec: calls / wall[i].as_secs_f64(),
                });
            }
        }
        let mut medians = Vec::new();
        for (t, s) in targets.iter().zip(&samples) {
            let cpu: Vec<f64> = s.iter().map(|x| x.cpu_per_call_us).collect();
            let rate: Vec<f64> = s.iter().map(|x| x.calls_per_sec).collect();
            let lo = cpu.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = cpu.iter().cloned().fold(0.0, f64::max);
            let m = median(cpu);
            medians.push(m);
            let ratio = match (t, medians.first()) {
                (Target::Sdk(..), Some(raw_m)) if targets.len() == 2 => {
                    let r = m / raw_m;
                    format!("{r:.3}{}", if r <= 1.15 { "" } else { " (>1.15)" })
                }
                _ => String::new(),
            };
            println!(
                "{:>9} | {:<10} | {:>14.2} | {:>21} | {:>11.0} | {:>13}",
                inflight,
                t.label(),
                m,
                format!("({lo:.2} .. {hi:.2})"),
                median(rate),
                ratio
            );
        }
    }

    if cfg.only.is_some() {
        return 0;
    }

    // Memory: steady resident memory over many calls.
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
            line.push_str(&format!(" -> {last}"));
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

    // Cold start: one token request however many calls start together.
    println!();
    for burst in [64usize, 1000] {
        let before = raw.token_requests(&base).await;
        let client = sdk_client(&base);
        let t0 = Instant::now();
        let tasks: Vec<_> = (0..burst)
            .map(|_| {
                let t = Target::Sdk(client.clone(), partner.clone());
                tokio::spawn(async move { t.call().await })
            })
            .collect();
        let mut errors = 0usize;
        for t in tasks {
            match t.await {
                Ok(Ok(())) => {}
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
        let took = t0.elapsed();
        let tokens = raw.token_requests(&base).await - before;
        println!(
            "token requests for cold burst of {burst}: {tokens} ({} calls succeeded, {errors} failed, {:.1} ms)",
            burst - errors,
            took.as_secs_f64() * 1e3
        );
        if tokens != 1 || errors != 0 {
            println!("  FAIL: expected exactly 1 token request and no failed call");
            failed = true;
        }
    }

    if failed {
        1
    } else {
        0
    }
}
