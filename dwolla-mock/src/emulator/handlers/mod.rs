//! Request handling. This file is the one place that routes: it reads the
//! request, applies planned faults, runs the checks every API call passes
//! (`Accept`, bearer token, `Content-Type`), and hands each path and method to
//! the handler of its resource. One module per resource, as in the core.

// Early returns carry the finished error response; size is irrelevant in a test server.
#![allow(clippy::result_large_err)]

mod auth;
mod connections;
pub(crate) mod customers;
mod exchanges;
mod faults;
mod funding_sources;
mod idempotency;
mod money;
mod paging;
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
pub(crate) use webhooks::exchange_reauth_required;

/// Where the emulator-only routes live.
const ROUTE_PREFIX: &str = Emulator::ROUTE_PREFIX;

/// Largest request body read (document uploads excepted: see
/// [`verification::documents::MAX_UPLOAD_REQUEST`]).
const MAX_REQUEST_BODY: usize = 1024 * 1024;
/// The most of an oversized upload read (and thrown away) before answering
/// 413, so that the client finishes sending and reads the answer.
const MAX_UPLOAD_DRAIN: usize = 64 * 1024 * 1024;

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
    let body = if verification::documents::is_upload(&parts.method, parts.uri.path()) {
        read_upload(body).await
    } else {
        read_body(body).await
    };
    let body = match body {
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

/// A document upload's body: up to [`MAX_UPLOAD_REQUEST`] bytes; a larger
/// one is read to its end (up to [`MAX_UPLOAD_DRAIN`]) and answered 413
/// `fileTooLarge`, as Dwolla answers.
///
/// [`MAX_UPLOAD_REQUEST`]: verification::documents::MAX_UPLOAD_REQUEST
async fn read_upload(mut body: Incoming) -> Result<Bytes, Resp> {
    use verification::documents::{file_too_large, MAX_UPLOAD_REQUEST};
    let mut kept = bytes::BytesMut::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                "The request body could not be read.",
            ));
        };
        if let Ok(data) = frame.into_data() {
            total = total.saturating_add(data.len());
            if total > MAX_UPLOAD_DRAIN {
                return Err(file_too_large());
            }
            if total <= MAX_UPLOAD_REQUEST {
                kept.extend_from_slice(&data);
            }
        }
    }
    if total > MAX_UPLOAD_REQUEST {
        return Err(file_too_large());
    }
    Ok(kept.freeze())
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
            _ => return None,
        })
    }
}

/// One API request, past the checks every call passes, for a family's router.
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
    if let Some(resp) = Resource::from_segments(&segs).and_then(|r| open_banking(&call, r)) {
        return resp;
    }
    not_emulated(method, &segs)
}

/// The open-banking routes; `None` for a method they do not serve.
fn open_banking(call: &Call<'_>, resource: Resource<'_>) -> Option<Resp> {
    let Call {
        shared,
        method,
        path,
        headers,
        body,
        ..
    } = *call;
    Some(match (resource, method.clone()) {
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
        _ => return None,
    })
}

/// Every path and method of Dwolla's API, as its OpenAPI spec lists them
/// (`{..}` matches one path segment); `POST /token` is served elsewhere.
const DWOLLA_API: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/accounts/{id}"),
    ("POST", "/funding-sources"),
    ("GET", "/accounts/{id}/funding-sources"),
    ("GET", "/accounts/{id}/transfers"),
    ("GET", "/accounts/{id}/mass-payments"),
    ("GET", "/customers"),
    ("POST", "/customers"),
    ("GET", "/customers/{id}"),
    ("POST", "/customers/{id}"),
    ("GET", "/business-classifications"),
    ("GET", "/business-classifications/{id}"),
    ("GET", "/customers/{id}/beneficial-owners"),
    ("POST", "/customers/{id}/beneficial-owners"),
    ("GET", "/beneficial-owners/{id}"),
    ("POST", "/beneficial-owners/{id}"),
    ("DELETE", "/beneficial-owners/{id}"),
    ("GET", "/customers/{id}/beneficial-ownership"),
    ("POST", "/customers/{id}/beneficial-ownership"),
    ("GET", "/customers/{id}/documents"),
    ("POST", "/customers/{id}/documents"),
    ("GET", "/beneficial-owners/{id}/documents"),
    ("POST", "/beneficial-owners/{id}/documents"),
    ("GET", "/documents/{id}"),
    ("POST", "/customers/{id}/kba"),
    ("GET", "/kba/{id}"),
    ("POST", "/kba/{id}"),
    ("GET", "/customers/{id}/funding-sources"),
    ("POST", "/customers/{id}/funding-sources"),
    ("GET", "/funding-sources/{id}"),
    ("POST", "/funding-sources/{id}"),
    ("GET", "/funding-sources/{id}/micro-deposits"),
    ("POST", "/funding-sources/{id}/micro-deposits"),
    ("GET", "/funding-sources/{id}/balance"),
    ("GET", "/funding-sources/{id}/ach-routing"),
    ("POST", "/on-demand-authorizations"),
    ("POST", "/transfers"),
    ("GET", "/transfers/{id}"),
    ("POST", "/transfers/{id}"),
    ("GET", "/customers/{id}/transfers"),
    ("GET", "/transfers/{id}/fees"),
    ("GET", "/transfers/{id}/failure"),
    ("POST", "/mass-payments"),
    ("GET", "/mass-payments/{id}"),
    ("POST", "/mass-payments/{id}"),
    ("GET", "/mass-payments/{id}/items"),
    ("GET", "/mass-payment-items/{itemId}"),
    ("GET", "/customers/{id}/mass-payments"),
    ("GET", "/labels/{id}"),
    ("DELETE", "/labels/{id}"),
    ("GET", "/customers/{id}/labels"),
    ("POST", "/customers/{id}/labels"),
    ("GET", "/labels/{id}/ledger-entries"),
    ("POST", "/labels/{id}/ledger-entries"),
    ("GET", "/ledger-entries/{ledgerEntryId}"),
    ("POST", "/label-reallocations"),
    ("GET", "/label-reallocations/{reallocationId}"),
    ("GET", "/events"),
    ("GET", "/events/{id}"),
    ("GET", "/webhook-subscriptions"),
    ("POST", "/webhook-subscriptions"),
    ("GET", "/webhook-subscriptions/{id}"),
    ("POST", "/webhook-subscriptions/{id}"),
    ("DELETE", "/webhook-subscriptions/{id}"),
    ("GET", "/webhook-subscriptions/{id}/webhooks"),
    ("GET", "/webhooks/{id}"),
    ("GET", "/webhooks/{id}/retries"),
    ("POST", "/webhooks/{id}/retries"),
    ("POST", "/sandbox-simulations"),
    ("GET", "/exchange-partners"),
    ("GET", "/exchange-partners/{id}"),
    ("GET", "/exchanges"),
    ("POST", "/exchanges"),
    ("GET", "/exchanges/{id}"),
    ("GET", "/customers/{id}/exchanges"),
    ("POST", "/customers/{id}/exchanges"),
    ("POST", "/customers/{id}/exchange-sessions"),
    ("GET", "/exchange-sessions/{id}"),
    ("POST", "/exchanges/{id}/exchange-sessions"),
    ("GET", "/customers/{id}/available-exchange-connections"),
    ("POST", "/client-tokens"),
];

/// Whether `segs` (a request path's segments) fits a spec path template.
fn fits(template: &str, segs: &[&str]) -> bool {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    parts.len() == segs.len()
        && parts.iter().zip(segs).all(|(t, s)| {
            if t.starts_with('{') {
                !s.is_empty()
            } else {
                t == s
            }
        })
}

/// What no route served: 501 `NotImplemented` for a method and path of
/// Dwolla's API the emulator does not play, 405 for a Dwolla path with a
/// method Dwolla does not have, 404 for anything else.
fn not_emulated(method: &Method, segs: &[&str]) -> Resp {
    let fitting: Vec<&(&str, &str)> = DWOLLA_API
        .iter()
        .filter(|(_, template)| fits(template, segs))
        .collect();
    if let Some((m, template)) = fitting.iter().find(|(m, _)| *m == method.as_str()) {
        return error(
            StatusCode::NOT_IMPLEMENTED,
            "NotImplemented",
            &format!("The Dwolla emulator does not emulate {m} {template} yet."),
        );
    }
    if fitting.is_empty() {
        not_found()
    } else {
        method_not_allowed()
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
        // Webhooks (issue 16): a bank login change behind an exchange.
        _ => match rest
            .strip_prefix("/exchanges/")
            .and_then(|r| r.strip_suffix("/reauth-required"))
        {
            Some(id) if !id.is_empty() && !id.contains('/') => match *method {
                Method::POST => webhooks::reauth_required_route(shared, id),
                _ => method_not_allowed(),
            },
            _ => not_found(),
        },
    }
}

/// A POST's handler runs only for a body in a media type it reads.
fn posted(headers: &HeaderMap, body: &[u8], handler: impl FnOnce() -> Resp) -> Resp {
    match auth::check_content_type(headers, body) {
        Ok(()) => handler(),
        Err(resp) => resp,
    }
}
