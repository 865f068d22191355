//! The responses planned faults answer with (see [`super::super::faults`] for
//! the plan itself).

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use http::{Method, Response, StatusCode};

use super::super::body::EmuBody;
use super::auth::oauth_error;
use super::respond::{error, Resp, HAL_CT};

/// A failed API request: Dwolla's error bodies, or a CDN's HTML page.
pub(crate) fn api_fault(status: u16) -> Resp {
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

/// A failed token request: an HTML page for 5xx, else an OAuth error.
pub(crate) fn token_fault(status: u16) -> Resp {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match status.as_u16() {
        500..=599 => html_page(status),
        400 => oauth_error(status, "invalid_request"),
        401 => oauth_error(status, "invalid_client"),
        429 => oauth_error(status, "temporarily_unavailable"),
        _ => oauth_error(status, "server_error"),
    }
}

/// 429 `TooManyRequests`, with `Retry-After` when given.
pub(crate) fn rate_limited(retry_after: Option<u64>) -> Resp {
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
pub(crate) fn oversized(method: &Method, n: usize) -> Resp {
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
pub(crate) fn cut_off_mid_body(resp: Resp) -> Resp {
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

/// The HTML error page a CDN sends.
pub(crate) fn html_page(status: StatusCode) -> Resp {
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
