//! `Idempotency-Key` on POSTs that create something: a replay with the same
//! key, path and byte-identical body gets the original 201.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::super::state::{Data, IdempotentResult};
use super::respond::{created, error, Resp};

/// The request's `Idempotency-Key`, if it has a readable one.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

/// Replays the result an `Idempotency-Key` was first used for, or refuses a
/// different request under the same key; `None` when the key is new.
pub(crate) fn replay(data: &Data, key: Option<&str>, path: &str, body: &[u8]) -> Option<Resp> {
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

/// Records what a key created, for later replays.
pub(crate) fn remember(
    data: &mut Data,
    key: Option<&str>,
    path: &str,
    body: &Bytes,
    location: &str,
) {
    if let Some(key) = key {
        data.idempotency.insert(
            key.to_owned(),
            IdempotentResult {
                path: path.to_owned(),
                body: body.clone(),
                location: location.to_owned(),
            },
        );
    }
}
