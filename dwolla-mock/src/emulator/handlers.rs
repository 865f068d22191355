//! Request handling: routing, auth, the endpoints, and fault responses.

// Early returns carry the finished error response; size is irrelevant in a test server.
#![allow(clippy::result_large_err)]

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use bytes::Bytes;
use http::header::{
    HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER,
};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use serde_json::{json, Value};
use tokio::time::Instant;

use super::body::EmuBody;
use super::faults::Action;
use super::state::{Handoff, IdempotentResult, Partner, Session, Shared};

/// Dwolla's media type.
const HAL: &str = "application/vnd.dwolla.v1.hal+json";
/// Success responses.
const HAL_CT: &str = "application/vnd.dwolla.v1.hal+json; charset=UTF-8";
/// Error responses, with the parameters live Dwolla sends.
const ERROR_CT: &str =
    "application/vnd.dwolla.v1.hal+json; profile=\"http://nocarrier.co.uk/profiles/vnd.error/\"; charset=UTF-8";
/// Largest request body read.
const MAX_REQUEST_BODY: usize = 1024 * 1024;

const PARTNER_PATH: &str = "/_links/exchange-partner/href";
const REDIRECT_PATH: &str = "/_links/redirect-url/href";

type Resp = Response<EmuBody>;

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
            return token_fault(status);
        }
        let body = match read_body(body).await {
            Ok(b) => b,
            Err(resp) => return resp,
        };
        return token(shared, &parts.method, &parts.headers, &body);
    }

    Shared::bump(&shared.api_requests);
    if parts.method == Method::POST {
        if let Some(key) = idempotency_key(&parts.headers) {
            shared.data().idempotency_keys.push(key.to_owned());
        }
    }
    let (delay, action) = shared.faults().take_api();
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let cut_off = match action {
        Some(Action::Fail(status)) => return api_fault(status),
        Some(Action::RateLimit(retry_after)) => return rate_limited(retry_after),
        Some(Action::Oversized(n)) => return oversized(&parts.method, n),
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
        body,
    );
    if cut_off {
        cut_off_mid_body(resp)
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

// ---------------------------------------------------------------------------
// Token endpoint

fn token(shared: &Shared, method: &Method, headers: &HeaderMap, body: &[u8]) -> Resp {
    if method != Method::POST {
        return oauth_error(StatusCode::METHOD_NOT_ALLOWED, "invalid_request");
    }
    let cfg = &shared.config;
    let authenticated = basic_credentials(headers)
        .is_some_and(|(id, secret)| id == cfg.client_id && secret == cfg.client_secret);
    if !authenticated {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    let body = String::from_utf8_lossy(body);
    let grant = body.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(k).as_deref() == Some("grant_type")).then(|| form_decode(v))
    });
    match grant {
        Some(Some(g)) if g == "client_credentials" => {}
        Some(_) => return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type"),
        None => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request"),
    }
    let token = issue_token(shared);
    json_response(
        StatusCode::OK,
        "application/json",
        &json!({
            "access_token": token,
            "token_type": "bearer",
            "expires_in": cfg.token_lifetime.as_secs(),
        }),
    )
}

/// Issues a new token valid for the configured lifetime.
pub(crate) fn issue_token(shared: &Shared) -> String {
    let token = format!(
        "emu-{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let expires = Instant::now() + shared.config.token_lifetime;
    shared.data().tokens.insert(token.clone(), expires);
    token
}

/// `Authorization: Basic base64(form(id) ":" form(secret))`, decoded.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id)?, form_decode(secret)?))
}

fn oauth_error(status: StatusCode, code: &str) -> Resp {
    json_response(status, "application/json", &json!({ "error": code }))
}

fn token_fault(status: u16) -> Resp {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match status.as_u16() {
        500..=599 => html_page(status),
        400 => oauth_error(status, "invalid_request"),
        401 => oauth_error(status, "invalid_client"),
        429 => oauth_error(status, "temporarily_unavailable"),
        _ => oauth_error(status, "server_error"),
    }
}

// ---------------------------------------------------------------------------
// API endpoints

fn api(shared: &Shared, method: &Method, path: &str, headers: &HeaderMap, body: Bytes) -> Resp {
    if !accepts_hal(headers) {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "InvalidVersion",
            "Invalid version specified in the Accept header. Use application/vnd.dwolla.v1.hal+json.",
        );
    }
    if let Err(resp) = authorize(shared, headers) {
        return resp;
    }
    let segments: Vec<String> = match path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect::<Option<Vec<_>>>()
    {
        Some(s) => s,
        None => return not_found(),
    };
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    let is_post = *method == Method::POST;
    let is_get = *method == Method::GET;
    match segs.as_slice() {
        ["exchange-partners"] if is_get => list_partners(shared),
        ["exchange-partners", id] if is_get => get_partner(shared, id),
        ["customers", id, "exchange-sessions"] if is_post => {
            if let Err(resp) = check_content_type(headers, &body) {
                return resp;
            }
            create_session(shared, id, path, headers, &body)
        }
        ["exchange-sessions", id] if is_get => get_session(shared, id),
        ["exchanges", id, "exchange-sessions"] if is_post => {
            if let Err(resp) = check_content_type(headers, &body) {
                return resp;
            }
            create_reauth_session(shared, id, path, headers, &body)
        }
        ["exchanges", id] if is_get => get_exchange(shared, id),
        ["exchange-partners"]
        | ["exchange-partners", _]
        | ["customers", _, "exchange-sessions"]
        | ["exchange-sessions", _]
        | ["exchanges", _, "exchange-sessions"]
        | ["exchanges", _] => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The request method is not allowed for this resource.",
        ),
        _ => not_found(),
    }
}

fn accepts_hal(headers: &HeaderMap) -> bool {
    headers.get_all(ACCEPT).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|item| media_type(item).eq_ignore_ascii_case(HAL))
        })
    })
}

fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or_default().trim()
}

fn check_content_type(headers: &HeaderMap, body: &[u8]) -> Result<(), Resp> {
    if body.is_empty() {
        return Ok(());
    }
    let ok = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(media_type)
        .is_some_and(|m| m.eq_ignore_ascii_case(HAL) || m.eq_ignore_ascii_case("application/json"));
    if ok {
        Ok(())
    } else {
        Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            "The Content-Type must be application/vnd.dwolla.v1.hal+json or application/json.",
        ))
    }
}

fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Resp> {
    let invalid = || {
        error(
            StatusCode::UNAUTHORIZED,
            "InvalidAccessToken",
            "Invalid access token.",
        )
    };
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .ok_or_else(invalid)?;
    let expires = shared
        .data()
        .tokens
        .get(token)
        .copied()
        .ok_or_else(invalid)?;
    if Instant::now() >= expires {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "ExpiredAccessToken",
            "Expired access token.",
        ));
    }
    Ok(())
}

fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

fn link(href: String, resource_type: &str) -> Value {
    json!({ "href": href, "type": HAL, "resource-type": resource_type })
}

fn partner_json(shared: &Shared, p: &Partner) -> Value {
    json!({
        "_links": { "self": link(format!("{}/exchange-partners/{}", shared.base_url, p.id), "exchange-partner") },
        "id": p.id,
        "name": p.name,
        "status": if p.active { "active" } else { "deactivated" },
        "created": p.created,
    })
}

fn list_partners(shared: &Shared) -> Resp {
    let partners: Vec<Value> = shared
        .config
        .partners
        .iter()
        .map(|p| partner_json(shared, p))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{}/exchange-partners", shared.base_url), "exchange-partner") },
            "_embedded": { "exchange-partners": partners },
            "total": shared.config.partners.len(),
        }),
    )
}

fn get_partner(shared: &Shared, id: &str) -> Resp {
    match shared.config.partner_by_id(id) {
        Some(p) => hal(StatusCode::OK, &partner_json(shared, p)),
        None => not_found(),
    }
}

/// Why a request body was refused.
fn validation_embedded(code: &str, message: &str, path: &str) -> Resp {
    error_json(
        StatusCode::BAD_REQUEST,
        &json!({
            "code": "ValidationError",
            "message": "Validation error(s) present. See embedded errors list for more details.",
            "_embedded": { "errors": [ {
                "code": code,
                "message": message,
                "path": path,
                "_links": {},
            } ] },
        }),
    )
}

fn parse_json_object(body: &[u8]) -> Result<Value, Resp> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() => Ok(v),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "The request body contains bad syntax or is incomplete.",
        )),
    }
}

/// Checks `_links.redirect-url.href` when present; `Ok(Some(url))` when
/// present and configured.
fn check_redirect(shared: &Shared, body: &Value) -> Result<Option<String>, Resp> {
    let Some(redirect) = body.pointer("/_links/redirect-url") else {
        return Ok(None);
    };
    let href = redirect.get("href").and_then(Value::as_str);
    let Some(href) = href.filter(|h| is_valid_redirect(h)) else {
        // Top-level form, as the docs show it.
        return Err(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "/_links/redirect-url/href is invalid",
        ));
    };
    if !shared.config.redirect_urls.iter().any(|u| u == href) {
        // Embedded form, with the path, as live traffic sends it.
        return Err(validation_embedded(
            "Invalid",
            "The provided redirect URL must exactly match one of the configured URLs for the account.",
            REDIRECT_PATH,
        ));
    }
    Ok(Some(href.to_owned()))
}

/// An `https://` URL with a host, or an Android package name.
fn is_valid_redirect(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(rest) = href.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return !host.is_empty() && href.parse::<http::Uri>().is_ok();
    }
    let mut parts = 0;
    for part in href.split('.') {
        parts += 1;
        let mut chars = part.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return false;
        }
    }
    parts >= 2
}

/// Replays the result an `Idempotency-Key` was first used for, or refuses a
/// different request under the same key; `None` when the key is new.
fn replay(data: &super::state::Data, key: Option<&str>, path: &str, body: &[u8]) -> Option<Resp> {
    let key = key?;
    let prior = data.idempotency.get(key)?;
    if prior.path == path && prior.body == body {
        Some(created(&prior.location))
    } else {
        Some(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            &format!(
                "Idempotency-Key {key} was already used with a different request body (or path); \
                 a replay must send the byte-identical body to the same URL."
            ),
        ))
    }
}

fn create_session(
    shared: &Shared,
    customer_id: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
    if !shared.config.customers.contains(customer_id) {
        return not_found();
    }
    let key = idempotency_key(headers);
    let mut data = shared.data();
    if let Some(resp) = replay(&data, key, path, body) {
        return resp;
    }
    let v = match parse_json_object(body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let Some(href) = v
        .pointer("/_links/exchange-partner/href")
        .and_then(Value::as_str)
    else {
        return validation_embedded("Required", "ExchangePartner is required.", PARTNER_PATH);
    };
    let Some(partner) = partner_from_href(shared, href) else {
        // Embedded form, with the path, as live traffic sends it.
        return validation_embedded("Invalid", "Invalid parameter.", PARTNER_PATH);
    };
    if !partner.active {
        // Top-level form, as the docs show it.
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "/_links/exchange-partner/href is invalid",
        );
    }
    if !partner.supports_product {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "The exchange partner specified does not support this product",
        );
    }
    if !partner.enabled {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Exchange sessions with this exchange partner are not enabled for your account",
        );
    }
    if let Err(resp) = check_redirect(shared, &v) {
        return resp;
    }
    let partner = partner.clone();
    store_session(shared, &mut data, &partner, key, path, body)
}

fn partner_from_href<'a>(shared: &'a Shared, href: &str) -> Option<&'a Partner> {
    let uri: http::Uri = href.trim().parse().ok()?;
    uri.scheme()?;
    let mut segs = uri.path().trim_end_matches('/').rsplit('/');
    let id = segs.next()?;
    if segs.next()? != "exchange-partners" {
        return None;
    }
    shared.config.partner_by_id(&percent_decode(id)?)
}

fn store_session(
    shared: &Shared,
    data: &mut super::state::Data,
    partner: &Partner,
    key: Option<&str>,
    path: &str,
    body: &Bytes,
) -> Resp {
    let id = uuid::Uuid::new_v4().to_string();
    let session = Session {
        partner_id: partner.id.clone(),
        created: rfc3339_now(),
        link_token: (partner.handoff == Some(Handoff::LinkToken))
            .then(|| format!("link-sandbox-{}", uuid::Uuid::new_v4())),
        connect_url: match partner.handoff {
            Some(Handoff::ConnectUrl(base)) => {
                Some(format!("{base}{}", uuid::Uuid::new_v4().simple()))
            }
            _ => None,
        },
    };
    data.sessions.insert(id.clone(), session);
    let location = format!("{}/exchange-sessions/{id}", shared.base_url);
    if let Some(key) = key {
        data.idempotency.insert(
            key.to_owned(),
            IdempotentResult {
                path: path.to_owned(),
                body: body.clone(),
                location: location.clone(),
            },
        );
    }
    Shared::bump(&shared.sessions_created);
    created(&location)
}

fn get_session(shared: &Shared, id: &str) -> Resp {
    let Some(s) = shared.data().sessions.get(id).cloned() else {
        return error(
            StatusCode::NOT_FOUND,
            "notFound",
            "Exchange session not found.",
        );
    };
    let mut links = json!({
        "self": link(format!("{}/exchange-sessions/{id}", shared.base_url), "exchange-session"),
        "exchange-partner": link(format!("{}/exchange-partners/{}", shared.base_url, s.partner_id), "exchange-partner"),
    });
    if let Some(url) = &s.connect_url {
        links["external-provider-session"] =
            json!({ "href": url, "type": "text/html", "resource-type": "text/html" });
    }
    let mut doc = json!({ "_links": links, "created": s.created });
    if let Some(t) = &s.link_token {
        doc["externalProviderSessionToken"] = json!(t);
    }
    hal(StatusCode::OK, &doc)
}

fn create_reauth_session(
    shared: &Shared,
    exchange_id: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
    let Some(exchange) = shared.config.exchange(exchange_id) else {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Not authorized to create re-authentication exchange session.",
        );
    };
    let key = idempotency_key(headers);
    let mut data = shared.data();
    if let Some(resp) = replay(&data, key, path, body) {
        return resp;
    }
    let is_blank = body.iter().all(u8::is_ascii_whitespace);
    if !is_blank {
        let v = match parse_json_object(body) {
            Ok(v) => v,
            Err(resp) => return resp,
        };
        if let Err(resp) = check_redirect(shared, &v) {
            return resp;
        }
    }
    let Some(partner) = shared.config.partner_by_id(&exchange.partner_id).cloned() else {
        return not_found();
    };
    store_session(shared, &mut data, &partner, key, path, body)
}

fn get_exchange(shared: &Shared, id: &str) -> Resp {
    let Some(exchange) = shared.config.exchange(id) else {
        return not_found();
    };
    let base = &shared.base_url;
    if exchange.needs_reauth {
        return error_json(
            StatusCode::BAD_REQUEST,
            &json!({
                "code": "UpdateCredentials",
                "message": "The exchange's bank login has changed. Re-authenticate the exchange with a new exchange session.",
                "_links": { "about": link(format!("{base}/exchanges/{}/exchange-sessions", exchange.id), "exchange-sessions") },
            }),
        );
    }
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "self": link(format!("{base}/exchanges/{}", exchange.id), "exchange"),
                "exchange-partner": link(format!("{base}/exchange-partners/{}", exchange.partner_id), "exchange-partner"),
            },
            "id": exchange.id,
            "status": "active",
            "created": "2024-01-15T17:20:42.000Z",
        }),
    )
}

// ---------------------------------------------------------------------------
// Fault responses

fn api_fault(status: u16) -> Resp {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match status.as_u16() {
        500 => error(
            status,
            "ServerError",
            &format!(
                "A server error occurred. Error ID: {}.",
                uuid::Uuid::new_v4()
            ),
        ),
        502..=504 => html_page(status),
        429 => rate_limited(None),
        400 => error(status, "BadRequest", "The request is invalid."),
        401 => error(status, "InvalidAccessToken", "Invalid access token."),
        403 => error(status, "Forbidden", "The request is not allowed."),
        404 => error(status, "NotFound", "The requested resource was not found."),
        409 => error(
            status,
            "Conflict",
            "A request with this idempotency key is still being processed.",
        ),
        _ => {
            let reason = status.canonical_reason().unwrap_or("Error");
            let code: String = reason.split_whitespace().collect();
            error(status, &code, &format!("{reason}."))
        }
    }
}

fn rate_limited(retry_after: Option<u64>) -> Resp {
    let mut resp = error(
        StatusCode::TOO_MANY_REQUESTS,
        "TooManyRequests",
        "Concurrency limit reached for requests.",
    );
    if let Some(secs) = retry_after {
        resp.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

/// A 201 (POST) or 200 with `n` bytes of JSON-ish padding.
fn oversized(method: &Method, n: usize) -> Resp {
    let status = if *method == Method::POST {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body = if n >= 14 {
        let mut b = Vec::with_capacity(n);
        b.extend_from_slice(b"{\"padding\":\"");
        b.resize(n - 2, b'x');
        b.extend_from_slice(b"\"}");
        b
    } else {
        vec![b' '; n]
    };
    let mut resp = Response::new(EmuBody::full(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(HAL_CT));
    resp
}

/// Keeps the status and headers, claims 64 more bytes than the body has,
/// sends the body and then drops the connection.
fn cut_off_mid_body(resp: Resp) -> Resp {
    let (mut parts, body) = resp.into_parts();
    let bytes = match body {
        EmuBody::Full(b) => b.unwrap_or_default(),
        EmuBody::Truncated { head, .. } => head.unwrap_or_default(),
    };
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(bytes.len() as u64 + 64));
    Response::from_parts(parts, EmuBody::truncated(bytes))
}

fn html_page(status: StatusCode) -> Resp {
    let reason = status.canonical_reason().unwrap_or("Error");
    let code = status.as_u16();
    let page = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"
    );
    let mut resp = Response::new(EmuBody::full(page));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    resp
}

// ---------------------------------------------------------------------------
// Response helpers

fn not_found() -> Resp {
    error(
        StatusCode::NOT_FOUND,
        "NotFound",
        "The requested resource was not found.",
    )
}

fn created(location: &str) -> Resp {
    let mut resp = Response::new(EmuBody::empty());
    *resp.status_mut() = StatusCode::CREATED;
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}

fn error(status: StatusCode, code: &str, message: &str) -> Resp {
    error_json(status, &json!({ "code": code, "message": message }))
}

fn error_json(status: StatusCode, doc: &Value) -> Resp {
    json_response(status, ERROR_CT, doc)
}

fn hal(status: StatusCode, doc: &Value) -> Resp {
    json_response(status, HAL_CT, doc)
}

fn json_response(status: StatusCode, content_type: &'static str, doc: &Value) -> Resp {
    let body = serde_json::to_vec(doc).unwrap_or_default();
    let mut resp = Response::new(EmuBody::full(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

// ---------------------------------------------------------------------------
// Small codecs

/// Decodes `%XX` escapes; `None` for a bad escape or non-UTF-8 result.
fn percent_decode(s: &str) -> Option<String> {
    decode(s, false)
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space.
fn form_decode(s: &str) -> Option<String> {
    decode(s, true)
}

fn decode(s: &str, plus_is_space: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The current time as RFC 3339 in UTC with milliseconds, e.g.
/// `2024-05-01T12:34:56.789Z`.
fn rfc3339_now() -> String {
    rfc3339(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO),
    )
}

fn rfc3339(since_epoch: Duration) -> String {
    let secs = since_epoch.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(Duration::ZERO), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339(Duration::from_millis(784_111_777_123)),
            "1994-11-06T08:49:37.123Z"
        );
        assert_eq!(
            rfc3339(Duration::from_secs(1_709_210_096)),
            "2024-02-29T12:34:56.000Z"
        );
    }

    #[test]
    fn codecs() {
        assert_eq!(form_decode("a+b%2Fc%3A").as_deref(), Some("a b/c:"));
        assert_eq!(percent_decode("a+b%20").as_deref(), Some("a+b "));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn redirects() {
        for ok in ["https://example.com/app123", "com.example.app123", "a.b"] {
            assert!(is_valid_redirect(ok), "{ok}");
        }
        for bad in [
            "",
            "http://example.com",
            "ftp://x",
            "com..x",
            "app",
            "com.1x",
            "https://",
            "a b.c",
        ] {
            assert!(!is_valid_redirect(bad), "{bad}");
        }
    }
}
