//! Request handling. This file is the one place that routes: it reads the
//! request, applies planned faults, runs the checks every API call passes
//! (`Accept`, bearer token, `Content-Type`), and hands each path and method to
//! the handler of its resource. One module per resource, as in the core.

// Early returns carry the finished error response; size is irrelevant in a test server.
#![allow(clippy::result_large_err)]

mod auth;
mod exchanges;
mod faults;
mod idempotency;
mod partners;
mod respond;
mod sessions;

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http::header::HeaderValue;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::faults::Action;
use super::state::Shared;
use respond::{error, method_not_allowed, not_found, percent_decode, Resp};

pub(crate) use auth::issue_token;

/// Largest request body read.
const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// The service: every response gets a fresh `X-Request-ID`.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Resp, Infallible> {
    let mut resp = route(&shared, req).await;
    let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
    if let Ok(v) = HeaderValue::from_str(id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    Ok(resp)
}

async fn route(shared: &Shared, req: Request<Incoming>) -> Resp {
    let (parts, body) = req.into_parts();
    if parts.uri.path() == "/token" {
        Shared::bump(&shared.token_requests);
        let (delay, fail) = shared.faults().take_token();
        if let Some(d) = delay {
            tokio::time::sleep(d).await;
        }
        if let Some(status) = fail {
            return faults::token_fault(status);
        }
        let body = match read_body(body).await {
            Ok(b) => b,
            Err(resp) => return resp,
        };
        return auth::token(shared, &parts.method, &parts.headers, &body);
    }

    Shared::bump(&shared.api_requests);
    if parts.method == Method::POST {
        if let Some(key) = idempotency::idempotency_key(&parts.headers) {
            shared.data().idempotency_keys.push(key.to_owned());
        }
    }
    let (delay, action) = shared.faults().take_api();
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let cut_off = match action {
        Some(Action::Fail(status)) => return faults::api_fault(status),
        Some(Action::RateLimit(retry_after)) => return faults::rate_limited(retry_after),
        Some(Action::Oversized(n)) => return faults::oversized(&parts.method, n),
        Some(Action::CloseMidResponse) => true,
        None => false,
    };
    let body = match read_body(body).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let resp = api(
        shared,
        &parts.method,
        parts.uri.path(),
        &parts.headers,
        &body,
    );
    if cut_off {
        faults::cut_off_mid_body(resp)
    } else {
        resp
    }
}

async fn read_body(body: Incoming) -> Result<Bytes, Resp> {
    match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            "The request body is too large.",
        )),
        Err(_) => Err(error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "The request body could not be read.",
        )),
    }
}

/// The Dwolla resources the emulator serves, by path.
enum Resource<'a> {
    Partners,
    Partner(&'a str),
    CustomerExchangeSessions(&'a str),
    ExchangeSession(&'a str),
    ExchangeReAuthSessions(&'a str),
    Exchange(&'a str),
}

impl<'a> Resource<'a> {
    fn from_segments(segs: &[&'a str]) -> Option<Self> {
        Some(match *segs {
            ["exchange-partners"] => Resource::Partners,
            ["exchange-partners", id] => Resource::Partner(id),
            ["customers", id, "exchange-sessions"] => Resource::CustomerExchangeSessions(id),
            ["exchange-sessions", id] => Resource::ExchangeSession(id),
            ["exchanges", id, "exchange-sessions"] => Resource::ExchangeReAuthSessions(id),
            ["exchanges", id] => Resource::Exchange(id),
            _ => return None,
        })
    }
}

fn api(shared: &Shared, method: &Method, path: &str, headers: &HeaderMap, body: &Bytes) -> Resp {
    if let Err(resp) = auth::check_accept(headers) {
        return resp;
    }
    if let Err(resp) = auth::authorize(shared, headers) {
        return resp;
    }
    let Some(segments) = path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect::<Option<Vec<_>>>()
    else {
        return not_found();
    };
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    let Some(resource) = Resource::from_segments(&segs) else {
        return not_found();
    };
    match (resource, method.clone()) {
        (Resource::Partners, Method::GET) => partners::list(shared),
        (Resource::Partner(id), Method::GET) => partners::get(shared, id),
        (Resource::CustomerExchangeSessions(id), Method::POST) => posted(headers, body, || {
            sessions::create(shared, id, path, headers, body)
        }),
        (Resource::ExchangeSession(id), Method::GET) => sessions::get(shared, id),
        (Resource::ExchangeReAuthSessions(id), Method::POST) => posted(headers, body, || {
            sessions::create_reauth(shared, id, path, headers, body)
        }),
        (Resource::Exchange(id), Method::GET) => exchanges::get(shared, id),
        _ => method_not_allowed(),
    }
}

/// A POST's handler runs only for a body in a media type it reads.
fn posted(headers: &HeaderMap, body: &[u8], handler: impl FnOnce() -> Resp) -> Resp {
    match auth::check_content_type(headers, body) {
        Ok(()) => handler(),
        Err(resp) => resp,
    }
}
