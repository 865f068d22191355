//! Everything a program needs to run the Dwolla client without tokio, with
//! nothing but `std` and `dwolla-core`:
//!
//! - [`block_on`]: a minimal executor (polls on the calling thread, parks it
//!   in between).
//! - [`ThreadSleep`]: a [`Sleep`] whose future completes from a helper thread.
//! - [`StdNetTransport`]: an [`HttpTransport`] doing HTTP/1.1 (plain `http`,
//!   `Connection: close`) over `std::net::TcpStream`. The blocking I/O runs on
//!   its own thread and the future completes from there, so the client's
//!   timeout can stop waiting for it (see "Blocking transports and timeouts"
//!   on [`HttpTransport`]); socket timeouts bound the abandoned I/O.
//!
//! Shared by `tests/any_runtime.rs` and `examples/std_transport.rs`. No TLS:
//! for Dwolla itself a transport also needs https.

use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::panic::{self, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

use dwolla_core::bytes::Bytes;
use dwolla_core::http;
use dwolla_core::time::BoxFuture;
use dwolla_core::{HttpTransport, Sleep, TransportError};

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake-up that came before this park makes it return at once; a
        // spurious return just polls again.
        thread::park();
    }
}

/// The outcome of `f` run on a new thread, as a future. A panic in `f` is
/// resumed in whoever polls the future.
pub fn on_thread<T, F>(f: F) -> OnThread<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let shared = Arc::new(Mutex::new(Slot {
        result: None,
        waker: None,
    }));
    let done = shared.clone();
    thread::spawn(move || {
        let result = panic::catch_unwind(AssertUnwindSafe(f));
        let waker = {
            let mut slot = done.lock().unwrap_or_else(|e| e.into_inner());
            slot.result = Some(result);
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    OnThread { shared }
}

struct Slot<T> {
    result: Option<thread::Result<T>>,
    waker: Option<Waker>,
}

/// See [`on_thread`].
pub struct OnThread<T> {
    shared: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for OnThread<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        match slot.result.take() {
            Some(Ok(value)) => Poll::Ready(value),
            Some(Err(panicked)) => panic::resume_unwind(panicked),
            // Checked and stored under the same lock the thread takes to
            // finish, so its wake-up cannot be missed.
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A [`Sleep`] on plain threads: each sleep is a thread that sleeps, then
/// completes the future (and wakes whoever polled it). Records what it was
/// asked for.
#[derive(Debug, Default, Clone)]
pub struct ThreadSleep {
    asked: Arc<Mutex<Vec<Duration>>>,
}

impl ThreadSleep {
    /// Every duration asked for so far, in order.
    #[allow(dead_code)] // the test reads it, the example does not
    pub fn asked(&self) -> Vec<Duration> {
        self.asked.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Sleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(duration);
        Box::pin(on_thread(move || thread::sleep(duration)))
    }
}

/// The most of a response this transport reads.
const MAX_RESPONSE: u64 = 1 << 20;

/// HTTP/1.1 over `std::net`, one connection per request.
#[derive(Debug, Clone)]
pub struct StdNetTransport {
    /// Bounds connecting, and each read and write on the socket.
    pub io_timeout: Duration,
}

impl Default for StdNetTransport {
    fn default() -> Self {
        StdNetTransport {
            io_timeout: Duration::from_secs(10),
        }
    }
}

#[dwolla_core::async_trait]
impl HttpTransport for StdNetTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let io_timeout = self.io_timeout;
        on_thread(move || exchange(request, io_timeout)).await
    }
}

/// One blocking request and response.
fn exchange(
    request: http::Request<Bytes>,
    io_timeout: Duration,
) -> Result<http::Response<Bytes>, TransportError> {
    let uri = request.uri();
    if uri.scheme_str() != Some("http") {
        return Err(TransportError::connect("only http:// URLs are supported"));
    }
    let authority = uri
        .authority()
        .ok_or_else(|| TransportError::connect("the URL has no host"))?;
    let port = authority.port_u16().unwrap_or(80);
    // Errors name the server (host:port), never the path or query.
    let server = format!("{}:{port}", authority.host());
    let addr = (authority.host(), port)
        .to_socket_addrs()
        .map_err(|e| {
            TransportError::connect(format!("cannot resolve {server} ({e})")).with_source(e)
        })?
        .next()
        .ok_or_else(|| TransportError::connect(format!("{server} has no address")))?;
    let mut stream = TcpStream::connect_timeout(&addr, io_timeout).map_err(|e| {
        TransportError::connect(format!("cannot connect to {server} ({e})")).with_source(e)
    })?;
    let io_error = |e: std::io::Error| {
        let timed_out = matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        );
        // Once connected, any of the request may have reached the server.
        if timed_out {
            TransportError::timeout(true, "socket timeout").with_source(e)
        } else {
            TransportError::other(true, "connection failed").with_source(e)
        }
    };
    stream
        .set_read_timeout(Some(io_timeout))
        .map_err(io_error)?;
    stream
        .set_write_timeout(Some(io_timeout))
        .map_err(io_error)?;

    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!(
        "{} {path} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\ncontent-length: {}\r\n",
        request.method(),
        request.body().len()
    );
    for (name, value) in request.headers() {
        if name == http::header::HOST
            || name == http::header::CONNECTION
            || name == http::header::CONTENT_LENGTH
        {
            continue;
        }
        let value = value
            .to_str()
            .map_err(|_| TransportError::other(false, "a header value is not visible ASCII"))?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).map_err(io_error)?;
    stream.write_all(request.body()).map_err(io_error)?;
    stream.flush().map_err(io_error)?;

    // `connection: close`: the response ends where the stream does.
    let mut raw = Vec::new();
    (&mut stream)
        .take(MAX_RESPONSE + 1)
        .read_to_end(&mut raw)
        .map_err(io_error)?;
    if raw.len() as u64 > MAX_RESPONSE {
        return Err(TransportError::body_too_large(MAX_RESPONSE as usize));
    }
    parse_response(&raw)
}

/// Parses a whole HTTP/1.1 response (status line, headers, body sized by
/// `Content-Length` or by the end of the stream).
fn parse_response(raw: &[u8]) -> Result<http::Response<Bytes>, TransportError> {
    let bad = |what: &str| TransportError::other(true, format!("malformed response: {what}"));
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| bad("headers are not UTF-8"))?;
    let body = &raw[end + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    if !parts.next().unwrap_or_default().starts_with("HTTP/1.") {
        return Err(bad("not an HTTP/1.x status line"));
    }
    let status = parts
        .next()
        .and_then(|s| http::StatusCode::from_bytes(s.as_bytes()).ok())
        .ok_or_else(|| bad("no valid status code"))?;
    let mut response = http::Response::builder().status(status);
    let mut length = None;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| bad("a header line"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| bad("Content-Length is not a number"))?,
            );
        }
        response = response.header(name, value);
    }
    let body = match length {
        Some(n) => body
            .get(..n)
            .ok_or_else(|| bad("body shorter than Content-Length"))?,
        None => body,
    };
    response
        .body(Bytes::copy_from_slice(body))
        .map_err(|e| bad("invalid header").with_source(e))
}
