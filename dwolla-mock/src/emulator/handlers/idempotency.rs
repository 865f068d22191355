//! `Idempotency-Key` on POSTs: a replay with the same key, path and
//! byte-identical body gets the original answer (the 201 of a create, the
//! 200 and body of an update); the same key with another request is refused.

use std::sync::MutexGuard;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::super::state::customers::StoredReply;
use super::super::state::{Data, IdempotentResult, Shared};
use super::respond::{created, error, hal, not_found, parse_json_object, Resp};

/// A creating POST for a known customer, past the idempotency check: the
/// locked data (held until the result is remembered, so a concurrent replay
/// waits for it), the request's key and its JSON body.
pub(crate) struct Creating<'a> {
    pub(crate) data: MutexGuard<'a, Data>,
    pub(crate) key: Option<&'a str>,
    pub(crate) body: Value,
}

/// What every customer-scoped creating POST starts with: 404 for an unknown
/// customer, the replay of a key seen before, 400 for a body that is not a
/// JSON object.
pub(crate) fn begin<'a>(
    shared: &'a Shared,
    customer_id: &str,
    path: &str,
    headers: &'a HeaderMap,
    body: &Bytes,
) -> Result<Creating<'a>, Resp> {
    let data = shared.data();
    if !data.has_customer(customer_id) {
        return Err(not_found());
    }
    let key = idempotency_key(headers);
    if let Some(resp) = replay(&data, key, path, body) {
        return Err(resp);
    }
    let body = parse_json_object(body)?;
    Ok(Creating { data, key, body })
}

/// The request's `Idempotency-Key`, if it has a readable one.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

/// Replays the result an `Idempotency-Key` was first used for, or refuses a
/// different request under the same key; `None` when the key is new.
pub(crate) fn replay(data: &Data, key: Option<&str>, path: &str, body: &[u8]) -> Option<Resp> {
    let key = key?;
    if let Some(prior) = data.customers.replies.get(key) {
        return Some(if prior.path == path && prior.body == body {
            let status = StatusCode::from_u16(prior.status).unwrap_or(StatusCode::OK);
            hal(status, &prior.doc)
        } else {
            key_reused(key)
        });
    }
    let prior = data.idempotency.get(key)?;
    if prior.path == path && prior.body == body {
        Some(created(&prior.location))
    } else {
        Some(key_reused(key))
    }
}

fn key_reused(key: &str) -> Resp {
    error(
        StatusCode::BAD_REQUEST,
        "ValidationError",
        &format!(
            "Idempotency-Key {key} was already used with a different request body (or path); \
                 a replay must send the byte-identical body to the same URL."
        ),
    )
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

/// Records the answer (status and body) a key got on a POST that answers
/// with a body, for later replays.
pub(crate) fn remember_reply(
    data: &mut Data,
    key: Option<&str>,
    path: &str,
    body: &Bytes,
    status: StatusCode,
    doc: &Value,
) {
    if let Some(key) = key {
        data.customers.replies.insert(
            key.to_owned(),
            StoredReply {
                path: path.to_owned(),
                body: body.clone(),
                status: status.as_u16(),
                doc: doc.clone(),
            },
        );
    }
}
