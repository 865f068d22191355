//! `POST /token` and the checks every API request passes first: `Accept`,
//! the bearer token, and (for bodies) `Content-Type`.

use std::time::Duration;

use base64::Engine as _;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};
use serde_json::json;
use tokio::time::Instant;

use super::super::state::Shared;
use super::respond::{error, form_decode, json_response, Resp, HAL};

/// The token endpoint: client credentials only.
pub(crate) fn token(shared: &Shared, method: &Method, headers: &HeaderMap, body: &[u8]) -> Resp {
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
    let (token, lifetime) = issue_token(shared);
    json_response(
        StatusCode::OK,
        "application/json",
        &json!({
            "access_token": token,
            "token_type": "bearer",
            "expires_in": lifetime.as_secs(),
        }),
    )
}

/// Issues a new token valid for the current lifetime; the token and that
/// lifetime.
pub(crate) fn issue_token(shared: &Shared) -> (String, Duration) {
    let token = format!(
        "emu-{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let mut data = shared.data();
    let lifetime = data.token_lifetime;
    data.tokens
        .insert(token.clone(), Instant::now().checked_add(lifetime));
    (token, lifetime)
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

/// An OAuth error body (`{"error": code}`), as `/token` answers.
pub(crate) fn oauth_error(status: StatusCode, code: &str) -> Resp {
    json_response(status, "application/json", &json!({ "error": code }))
}

/// 406 `InvalidVersion` unless `Accept` names Dwolla's media type.
pub(crate) fn check_accept(headers: &HeaderMap) -> Result<(), Resp> {
    let ok = headers.get_all(ACCEPT).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|item| media_type(item).eq_ignore_ascii_case(HAL))
        })
    });
    if ok {
        Ok(())
    } else {
        Err(error(
            StatusCode::NOT_ACCEPTABLE,
            "InvalidVersion",
            "Invalid version specified in the Accept header. Use application/vnd.dwolla.v1.hal+json.",
        ))
    }
}

fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or_default().trim()
}

/// 415 for a body that is neither HAL nor plain JSON; an empty body passes.
pub(crate) fn check_content_type(headers: &HeaderMap, body: &[u8]) -> Result<(), Resp> {
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

/// 401 `InvalidAccessToken` / `ExpiredAccessToken` unless the bearer token
/// is one the emulator issued and still valid.
pub(crate) fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Resp> {
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
    if expires.is_some_and(|e| Instant::now() >= e) {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "ExpiredAccessToken",
            "Expired access token.",
        ));
    }
    Ok(())
}
