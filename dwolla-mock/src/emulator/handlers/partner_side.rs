//! Emulator-only routes, all under [`ROUTE_PREFIX`](super::super::Emulator::ROUTE_PREFIX)
//! and never Dwolla paths: what the partner's front end (Plaid Link) would do
//! in a browser, and fault injection at run time, for scripts and examples
//! that have no Rust handle on the emulator. They need no Dwolla token,
//! suffer no planned faults and are not counted as API requests.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::Shared;
use super::super::Fault;
use super::respond::{error, json_response, Resp};

/// `POST /_emulator/plaid/public-token` with `{"link_token": "..."}`: the
/// public token Plaid Link would hand the page once the user picked an
/// account.
pub(crate) fn plaid_public_token(shared: &Shared, body: &[u8]) -> Resp {
    let link_token = serde_json::from_slice::<Value>(body).ok().and_then(|v| {
        v.get("link_token")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let Some(link_token) = link_token else {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "The body must be a JSON object with a string link_token.",
        );
    };
    match shared.data().plaid_public_token(&link_token) {
        Some(token) => json_response(
            StatusCode::OK,
            "application/json",
            &json!({ "public_token": token }),
        ),
        None => error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "No exchange session issued this link token.",
        ),
    }
}

/// `POST /_emulator/faults` with a fault list as the body
/// (`fail-next=2:503,rate-limit-next=1:7`, see [`Fault::parse_list`]):
/// applies all of them, or none when one is bad.
pub(crate) fn inject_faults(shared: &Shared, body: &[u8]) -> Resp {
    let Ok(text) = std::str::from_utf8(body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "The body must be UTF-8 text: a list of NAME=VALUE faults.",
        );
    };
    let faults = match Fault::parse_list(text) {
        Ok(f) => f,
        Err(e) => return error(StatusCode::BAD_REQUEST, "ValidationError", &e.to_string()),
    };
    let applied: Vec<String> = faults.iter().map(Fault::to_string).collect();
    for fault in &faults {
        super::super::inject(shared, fault);
    }
    tracing::info!(faults = %applied.join(","), "dwolla emulator: faults injected over HTTP");
    json_response(
        StatusCode::OK,
        "application/json",
        &json!({ "applied": applied }),
    )
}
