//! Events: `GET /events` (newest first, paged) and `GET /events/{id}`.

use http::StatusCode;
use serde_json::Value;

use super::super::respond::{hal, not_found, Resp};
use super::{Call, ListQuery};

/// `GET /events`: every event the emulator recorded, newest first; `limit`
/// (default 25) and `offset`.
pub(super) fn list(call: &Call<'_>) -> Resp {
    let q = match ListQuery::read(call.query, false) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let items: Vec<Value> = call
        .shared
        .data()
        .events
        .all
        .iter()
        .rev()
        .map(|e| e.json(base))
        .collect();
    q.page(base, "/events", "events", items)
}

/// `GET /events/{id}`: the event, exactly the body its webhooks carry.
pub(super) fn get(call: &Call<'_>, id: &str) -> Resp {
    let base = &call.shared.base_url;
    match call.shared.data().events.get(id) {
        Some(e) => hal(StatusCode::OK, &e.json(base)),
        None => not_found(),
    }
}
