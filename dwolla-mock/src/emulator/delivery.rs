//! Webhook delivery: one task per emulator that sends every webhook as
//! Dwolla does, on the emulator's clock.
//!
//! The task sleeps until an event is recorded, a retry is asked for, the
//! clock is moved, an attempt finishes, or the next scheduled attempt falls
//! due. Then it takes the due attempts under the data lock
//! (`Data::due_jobs`), releases the lock, and sends each from its own task:
//! `POST` to the subscription's URL with the event's JSON, `Content-Type:
//! application/json`, `X-Request-Signature-SHA-256` (the lowercase hex
//! HMAC-SHA256 of the body keyed with the subscription's secret,
//! [`dwolla_core::webhooks::sign`]) and `X-Dwolla-Topic`. Each outcome is
//! handed back under the lock (`Data::finish_attempt`). The lock is never
//! held across an `.await`, so a slow or unreachable URL delays only its own
//! webhooks: at most [`Settings::concurrency`](super::state::webhooks::Settings)
//! attempts per subscription are in flight, the others wait their turn.
//!
//! An attempt succeeds on a 2xx answer within the timeout (10 s of real
//! time by default). A non-2xx answer (a redirect too: redirects are not
//! followed), a refused connection or no answer in time is a failure.
//! Connections are not reused: each attempt opens its own.
//!
//! The emulator delivers only to `http://` URLs on a loopback host
//! (`127.0.0.0/8`, `::1`, `localhost`): it never reaches beyond the machine
//! and speaks no TLS. An attempt to any other URL fails at once (recorded
//! without a response), as an unreachable endpoint does.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Notify;
use tokio::task::{AbortHandle, JoinSet};

use super::state::webhooks::{Header, Job, Outcome};
use super::state::Shared;

/// The most of a response body recorded on an attempt.
const MAX_RECORDED_BODY: usize = 64 * 1024;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// The running delivery task; stops (with every attempt in flight) when
/// dropped.
#[derive(Debug)]
pub(crate) struct Delivery {
    task: AbortHandle,
}

impl Drop for Delivery {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts delivering on the current tokio runtime.
pub(crate) fn start(shared: Arc<Shared>) -> Delivery {
    let wake = shared.data().events.wake.clone();
    let task = tokio::spawn(run(shared, wake));
    Delivery {
        task: task.abort_handle(),
    }
}

async fn run(shared: Arc<Shared>, wake: Arc<Notify>) {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build(connector);
    let mut attempts = JoinSet::new();
    loop {
        let (jobs, wait, timeout) = {
            let mut data = shared.data();
            let (jobs, next) = data.due_jobs(&shared.base_url);
            let clock = &data.events.clock;
            // At least a millisecond: the division by the time scale may
            // round a wait that is not over yet down to zero.
            let wait = next.map(|at| clock.real_until(at).max(Duration::from_millis(1)));
            (jobs, wait, data.webhooks.settings.timeout)
        };
        for job in jobs {
            attempts.spawn(attempt(shared.clone(), client.clone(), job, timeout));
        }
        let sleep = async {
            match wait {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = wake.notified() => {}
            () = sleep => {}
            Some(_) = attempts.join_next(), if !attempts.is_empty() => {}
        }
    }
}

/// The headers of a delivery, as recorded on the attempt (in this order).
fn delivery_headers(job: &Job) -> Vec<Header> {
    vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        (
            "X-Request-Signature-SHA-256".to_owned(),
            dwolla_core::webhooks::sign(&job.secret, &job.body),
        ),
        ("X-Dwolla-Topic".to_owned(), job.topic.clone()),
    ]
}

/// Sends one attempt and records how it ended.
async fn attempt(shared: Arc<Shared>, client: HttpClient, job: Job, timeout: Duration) {
    let headers = delivery_headers(&job);
    let outcome = match deliverable(&job.url) {
        Ok(uri) => send(&client, uri, &headers, job.body.clone(), timeout).await,
        Err(reason) => Outcome::NoAnswer(reason.to_owned()),
    };
    match &outcome {
        Outcome::Answered { status, .. } => tracing::debug!(
            webhook = %job.webhook_id, topic = %job.topic, url = %job.url, status,
            "dwolla emulator: webhook attempt answered"
        ),
        Outcome::NoAnswer(why) => tracing::debug!(
            webhook = %job.webhook_id, topic = %job.topic, url = %job.url, error = %why,
            "dwolla emulator: webhook attempt not answered"
        ),
    }
    shared.data().finish_attempt(&job, headers, outcome);
}

/// The URL as a URI the emulator may send to: `http` on a loopback host.
fn deliverable(url: &str) -> Result<Uri, &'static str> {
    let uri: Uri = url.parse().map_err(|_| "not a valid URL")?;
    if !uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("http"))
    {
        return Err("the emulator delivers webhooks over http:// only (no TLS)");
    }
    let host = uri.host().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        return Err("the emulator delivers webhooks to loopback hosts only");
    }
    Ok(uri)
}

async fn send(
    client: &HttpClient,
    uri: Uri,
    headers: &[Header],
    body: Bytes,
    timeout: Duration,
) -> Outcome {
    let mut req = Request::new(Full::new(body));
    *req.method_mut() = Method::POST;
    *req.uri_mut() = uri;
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            req.headers_mut().insert(n, v);
        }
    }
    debug_assert!(req.headers().contains_key(CONTENT_TYPE));
    let exchange = async {
        let resp = client.request(req).await.map_err(|e| describe(&e))?;
        let (parts, mut body) = resp.into_parts();
        let mut kept = BytesMut::new();
        while kept.len() < MAX_RECORDED_BODY {
            match body.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        let room = MAX_RECORDED_BODY - kept.len();
                        kept.extend_from_slice(&data[..data.len().min(room)]);
                    }
                }
                Some(Err(e)) => return Err(describe(&e)),
                None => break,
            }
        }
        let headers = parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        Ok(Outcome::Answered {
            status: parts.status.as_u16(),
            headers,
            body: String::from_utf8_lossy(&kept).into_owned(),
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(why)) => Outcome::NoAnswer(why),
        Err(_) => Outcome::NoAnswer(format!("no answer in {timeout:?}")),
    }
}

/// An error and its causes, on one line.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_on_loopback_is_delivered() {
        for ok in [
            "http://127.0.0.1:8080/hooks",
            "http://127.1.2.3/x",
            "http://localhost:1/x",
            "HTTP://[::1]:9/x",
        ] {
            assert!(deliverable(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://127.0.0.1/hooks",
            "http://example.com/hooks",
            "http://10.0.0.1/x",
            "not a url",
        ] {
            assert!(deliverable(bad).is_err(), "{bad}");
        }
    }
}
