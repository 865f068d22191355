//! Request handling. This file is the one place that routes: it reads the
//! request, applies planned faults, runs the checks every API call passes
//! (`Accept`, bearer token, `Content-Type`), and hands each path and method to
//! the handler of its resource. One module per resource, as in the core.

// Early returns carry the finished error response; size is irrelevant in a test server.
#![allow(clippy::result_large_err)]

mod auth;
mod connections;
mod customers;
mod exchanges;
mod faults;
mod funding_sources;
mod idempotency;
mod money;
mod partner_side;
mod partners;
pub(crate) mod respond;
mod sessions;
mod verification;
mod webhooks;

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http::header::HeaderValue;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::faults::Action;
use super::state::Shared;
use super::Emulator;
use respond::{error, method_not_allowed, not_found, percent_decode, Resp};

pub(crate) use auth::issue_token;

/// Where the emulator-only routes live.
const ROUTE_PREFIX: &str = Emulator::ROUTE_PREFIX;

/// Largest request body read.
const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// The service: every response gets a fresh `X-Request-ID`.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Resp, Infallible> {
    // Method and path only: headers and bodies carry credentials.
    let described = tracing::enabled!(tracing::Level::DEBUG)
        .then(|| (req.method().clone(), req.uri().path().to_owned()));
    let mut resp = route(&shared, req).await;
    if let Some((method, path)) = described {
        let status = resp.status().as_u16();
        tracing::debug!(%method, %path, status, "dwolla emulator: request");
    }
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
    if let Some(rest) = parts.uri.path().strip_prefix(ROUTE_PREFIX) {
        let body = match read_body(body).await {
            Ok(b) => b,
            Err(resp) => return resp,
        };
        return emulator_only(shared, &parts.method, rest, &body);
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
        parts.uri.query(),
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
    CustomerExchanges(&'a str),
    AvailableConnections(&'a str),
    CustomerFundingSources(&'a str),
    FundingSource(&'a str),
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
            ["customers", id, "exchanges"] => Resource::CustomerExchanges(id),
            ["customers", id, "available-exchange-connections"] => {
                Resource::AvailableConnections(id)
            }
            ["customers", id, "funding-sources"] => Resource::CustomerFundingSources(id),
            ["funding-sources", id] => Resource::FundingSource(id),
            _ => return None,
        })
    }
}

/// One API request, past the checks every call passes, for a family's router.
#[allow(dead_code)] // SCAFFOLD: read as the families are written
pub(crate) struct Call<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) method: &'a Method,
    /// The path as sent (percent-encoded).
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    /// The path's segments, percent-decoded.
    pub(crate) segs: &'a [&'a str],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a Bytes,
}

/// The families' routers, in turn: each answers the paths it serves (405
/// for a method it does not) and `None` for the others.
fn families(call: &Call<'_>) -> Option<Resp> {
    customers::route(call)
        .or_else(|| verification::route(call))
        .or_else(|| money::route(call))
        .or_else(|| webhooks::route(call))
}

fn api(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
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
    let call = Call {
        shared,
        method,
        path,
        query,
        segs: &segs,
        headers,
        body,
    };
    if let Some(resp) = families(&call) {
        return resp;
    }
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
        (Resource::CustomerExchanges(id), Method::GET) => exchanges::list(shared, id),
        (Resource::CustomerExchanges(id), Method::POST) => posted(headers, body, || {
            exchanges::create(shared, id, path, headers, body)
        }),
        (Resource::AvailableConnections(id), Method::GET) => connections::list(shared, id),
        (Resource::CustomerFundingSources(id), Method::GET) => funding_sources::list(shared, id),
        (Resource::CustomerFundingSources(id), Method::POST) => posted(headers, body, || {
            funding_sources::create(shared, id, path, headers, body)
        }),
        (Resource::FundingSource(id), Method::GET) => funding_sources::get(shared, id),
        _ => method_not_allowed(),
    }
}

/// The emulator-only routes (path after [`ROUTE_PREFIX`]); see
/// [`partner_side`].
fn emulator_only(shared: &Shared, method: &Method, rest: &str, body: &Bytes) -> Resp {
    match (rest, method.clone()) {
        ("/plaid/public-token", Method::POST) => partner_side::plaid_public_token(shared, body),
        ("/plaid/public-token", _) => method_not_allowed(),
        ("/faults", Method::POST) => partner_side::inject_faults(shared, body),
        ("/faults", _) => method_not_allowed(),
        _ => not_found(),
    }
}

/// A POST's handler runs only for a body in a media type it reads.
fn posted(headers: &HeaderMap, body: &[u8], handler: impl FnOnce() -> Resp) -> Resp {
    match auth::check_content_type(headers, body) {
        Ok(()) => handler(),
        Err(resp) => resp,
    }
}
