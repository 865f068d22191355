//! Emulator-only routes, all under [`ROUTE_PREFIX`](super::super::Emulator::ROUTE_PREFIX)
//! and never Dwolla paths: what the partner's front end (Plaid Link) would do
//! in a browser, for scripts and examples that have no browser. They need no
//! Dwolla token, suffer no planned faults and are not counted as API
//! requests.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::Shared;
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
