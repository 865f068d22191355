//! `POST /sandbox-simulations` (process the pending bank legs, then the
//! pending mass payments: `state::money::transfers`) and
//! `POST /client-tokens`.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::idempotency::remember_reply;
use super::super::respond::{error, hal, id_from_href, link, Resp};
use super::super::Call;
use super::{begin_post, link_href, Posted, Problems};

/// `POST /sandbox-simulations` with `{}` (or no body): 200
/// `{_links.self, total}`. The customer-verification and VAN forms
/// (`type`) are not played: 501.
pub(crate) fn simulate(call: &Call<'_>) -> Resp {
    let Posted {
        mut data,
        key,
        body,
    } = match begin_post(call, true) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    if let Some(kind) = body.get("type").and_then(Value::as_str) {
        return error(
            StatusCode::NOT_IMPLEMENTED,
            "NotImplemented",
            &format!("The Dwolla emulator does not emulate {kind} sandbox simulations yet."),
        );
    }
    let base = &call.shared.base_url;
    let total = data.simulate(base);
    let doc = json!({
        "_links": { "self": link(format!("{base}/sandbox-simulations"), "sandbox-simulation") },
        "total": total,
    });
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

/// `POST /client-tokens` `{action, _links.customer}`: 200 `{token}`.
pub(crate) fn client_token(call: &Call<'_>) -> Resp {
    let Posted {
        mut data,
        key,
        body,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let mut p = Problems::default();
    match body.get("action") {
        Some(Value::String(a)) if !a.trim().is_empty() && a.len() <= 100 => {}
        None => p.push("Required", "Action is required.", "/action"),
        Some(_) => p.push("Invalid", "Invalid action.", "/action"),
    }
    let customer = link_href(&body, "customer")
        .and_then(|href| id_from_href(href, "customers"))
        .filter(|id| data.customer(id).is_some());
    if customer.is_none() {
        p.push("Invalid", "Invalid customer.", "/_links/customer/href");
    }
    if let Err(resp) = p.finish() {
        return resp;
    }
    let token: String = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
    .chars()
    .take(50)
    .collect();
    let doc = json!({ "token": token });
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}
