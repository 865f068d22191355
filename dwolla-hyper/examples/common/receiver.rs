//! The webhook receiver of the `webhook_receiver` and `webhook_demo`
//! examples: a small hyper server that checks every webhook with
//! `dwolla_core::webhooks::receive` (signature, event, first time or not)
//! and answers at once.
//!
//! What it prints on stdout, one line each: `event: <topic> <event id>` for
//! each new event, `duplicate: <topic> <event id>` for one seen before
//! (answered 2xx too: Dwolla counts anything else as a failure), `failed:
//! ...` for the delivery `--fail-first` answers 500. On stderr:
//! `refused: ...` for a request whose signature does not verify (401), and
//! `unreadable: ...` for a signed body that is not an event (200, so that
//! Dwolla does not retry it forever).
//!
//! A real receiver would queue the event (or the raw body) here and do the
//! work later, and keep the seen event ids in its database (a unique
//! index): see the README's "Webhooks".

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use dwolla_core::events::Event;
use dwolla_core::http::{HeaderMap, Request, Response, StatusCode};
use dwolla_core::webhooks::{self, InMemorySeenEvents, Received};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::mpsc::UnboundedSender;

/// The largest body read: an event is well under a kilobyte.
const MAX_BODY: usize = 64 * 1024;

/// What the receiver knows: the secret, the events seen, whether to fail
/// the first delivery, and where to hand new events (the demo listens).
pub struct Receiver {
    secret: String,
    seen: InMemorySeenEvents,
    fail_first: AtomicBool,
    events: Option<UnboundedSender<Event>>,
}

impl Receiver {
    /// A receiver for webhooks signed with `secret`; with `fail_first`, the
    /// first request is answered 500 (once), as an endpoint that is down;
    /// each new event is also sent to `events`, when given.
    pub fn new(secret: String, fail_first: bool, events: Option<UnboundedSender<Event>>) -> Self {
        Receiver {
            secret,
            // Dwolla retries for 72 hours: remember every event of that long.
            seen: InMemorySeenEvents::new(100_000),
            fail_first: AtomicBool::new(fail_first),
            events,
        }
    }

    /// The answer to one delivery: its headers and the exact bytes of its
    /// body (the signature covers them as sent).
    pub fn answer(&self, headers: &HeaderMap, body: &[u8]) -> StatusCode {
        if self.fail_first.swap(false, Ordering::SeqCst) {
            println!(
                "failed: answered 500 to the first delivery (--fail-first); Dwolla retries it"
            );
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
        match webhooks::receive(&self.secret, headers, body, &self.seen) {
            Ok(Received::New(event)) => {
                println!("event: {} {}", event.topic(), event.id());
                if let Some(events) = &self.events {
                    let _ = events.send(event);
                }
                StatusCode::OK
            }
            Ok(Received::Duplicate(event)) => {
                println!("duplicate: {} {}", event.topic(), event.id());
                StatusCode::OK
            }
            Err(e) if e.is_unauthenticated() => {
                eprintln!("refused: {e}");
                StatusCode::UNAUTHORIZED
            }
            Err(e) => {
                eprintln!("unreadable: {e}");
                StatusCode::OK
            }
        }
    }
}

/// Serves `listener` until the process ends: every request, whatever its
/// path, is a delivery.
pub async fn serve(listener: TcpListener, receiver: Arc<Receiver>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        let receiver = receiver.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(receiver.clone(), req));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    receiver: Arc<Receiver>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let status = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => receiver.answer(&parts.headers, &body.to_bytes()),
        Err(_) => StatusCode::PAYLOAD_TOO_LARGE,
    };
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = status;
    Ok(resp)
}
