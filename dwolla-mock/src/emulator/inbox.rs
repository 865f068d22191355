//! [`WebhookInbox`]: a webhook endpoint for tests, on `127.0.0.1`.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use dwolla_core::events::Event;
use dwolla_core::webhooks::{self, WebhookError};
use http::{HeaderMap, Method, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Mutex};
use tokio::task::{AbortHandle, JoinSet};

/// The largest request body the inbox reads (a webhook is a small event).
const MAX_BODY: usize = 1024 * 1024;

type Handler = dyn Fn(&HeaderMap, &Bytes) -> StatusCode + Send + Sync;

/// A webhook endpoint for tests: a small HTTP server on `127.0.0.1` that
/// answers every request with the status its handler gives (200 by
/// default) and hands each one over, in arrival order, with
/// [`next`](Self::next).
///
/// Subscribe its [`url`](Self::url) to an [`Emulator`](super::Emulator) and
/// the emulator's webhooks arrive here; give it your handler's logic
/// ([`with_handler`](Self::with_handler)) to test how it answers, or check
/// each [`ReceivedWebhook`] yourself. It stops when dropped. Start it inside
/// a tokio runtime.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use dwolla_core::http::StatusCode;
/// use dwolla_mock::emulator::WebhookInbox;
///
/// // Answers 503 to the first request, 200 to the others.
/// let first = std::sync::atomic::AtomicBool::new(true);
/// let inbox = WebhookInbox::with_handler(move |_headers, _body| {
///     if first.swap(false, std::sync::atomic::Ordering::SeqCst) {
///         StatusCode::SERVICE_UNAVAILABLE
///     } else {
///         StatusCode::OK
///     }
/// })
/// .await?;
/// assert!(inbox.url().starts_with("http://127.0.0.1:"));
/// // Nothing was sent to it yet.
/// assert!(inbox.next(Duration::from_millis(10)).await.is_none());
/// # Ok(()) }
/// ```
pub struct WebhookInbox {
    addr: SocketAddr,
    received: Mutex<mpsc::UnboundedReceiver<ReceivedWebhook>>,
    count: Arc<AtomicU64>,
    task: AbortHandle,
}

impl WebhookInbox {
    /// An inbox that answers 200 to every request.
    pub async fn start() -> io::Result<WebhookInbox> {
        Self::with_handler(|_, _| StatusCode::OK).await
    }

    /// An inbox that answers each request with what `handler` returns for
    /// its headers and body (the exact bytes received, as a webhook
    /// handler needs them: see [`dwolla_core::webhooks::verify`]).
    pub async fn with_handler<F>(handler: F) -> io::Result<WebhookInbox>
    where
        F: Fn(&HeaderMap, &Bytes) -> StatusCode + Send + Sync + 'static,
    {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = mpsc::unbounded_channel();
        let count = Arc::new(AtomicU64::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let task = tokio::spawn(accept(listener, handler, tx, count.clone()));
        Ok(WebhookInbox {
            addr,
            received: Mutex::new(rx),
            count,
            task: task.abort_handle(),
        })
    }

    /// `http://127.0.0.1:PORT/webhooks`: the URL to subscribe (any path
    /// reaches the inbox).
    pub fn url(&self) -> String {
        format!("http://{}/webhooks", self.addr)
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The next request received (in arrival order, each once), waiting up
    /// to `within` for it; `None` if none came in time.
    pub async fn next(&self, within: Duration) -> Option<ReceivedWebhook> {
        let mut rx = self.received.lock().await;
        tokio::time::timeout(within, rx.recv()).await.ok().flatten()
    }

    /// How many requests it has received so far.
    pub fn received(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }
}

impl Drop for WebhookInbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl fmt::Debug for WebhookInbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookInbox")
            .field("url", &self.url())
            .field("received", &self.received())
            .finish()
    }
}

/// One request a [`WebhookInbox`] received, and the status it answered.
#[derive(Clone, Debug)]
pub struct ReceivedWebhook {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Bytes,
    status: StatusCode,
}

impl ReceivedWebhook {
    /// The request's method (the emulator sends `POST`).
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request's path (and query).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The request's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request's body, exactly as received.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The value of the header `name`, if it is there and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// What the inbox answered.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// [`dwolla_core::webhooks::verify`] on this request: the event, if the
    /// signature is right for `secret`.
    pub fn verify(&self, secret: &str) -> Result<Event, WebhookError> {
        webhooks::verify(secret, &self.headers, &self.body)
    }
}

async fn accept(
    listener: TcpListener,
    handler: Arc<Handler>,
    tx: mpsc::UnboundedSender<ReceivedWebhook>,
    count: Arc<AtomicU64>,
) {
    // Owned here, so that aborting this task aborts every connection too.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let handler = handler.clone();
                let tx = tx.clone();
                let count = count.clone();
                let service = service_fn(move |req| {
                    serve(req, handler.clone(), tx.clone(), count.clone())
                });
                connections.spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve(
    req: http::Request<Incoming>,
    handler: Arc<Handler>,
    tx: mpsc::UnboundedSender<ReceivedWebhook>,
    count: Arc<AtomicU64>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = req.into_parts();
    let Ok(body) = Limited::new(body, MAX_BODY).collect().await else {
        let mut resp = Response::new(Full::new(Bytes::new()));
        *resp.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        return Ok(resp);
    };
    let body = body.to_bytes();
    let status = handler(&parts.headers, &body);
    count.fetch_add(1, Ordering::SeqCst);
    let _ = tx.send(ReceivedWebhook {
        method: parts.method,
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
        headers: parts.headers,
        body,
        status,
    });
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = status;
    Ok(resp)
}
