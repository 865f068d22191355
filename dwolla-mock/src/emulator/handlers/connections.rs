//! `GET /customers/{id}/available-exchange-connections`: the MX accounts a
//! customer authorised in MX Connect, each with the token that makes it an
//! exchange.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::Shared;
use super::respond::{hal, link, not_found, Resp};

pub(crate) fn list(shared: &Shared, customer_id: &str) -> Resp {
    if !shared.data().has_customer(customer_id) {
        return not_found();
    }
    let connections: Vec<Value> = shared
        .data()
        .connections
        .get(customer_id)
        .into_iter()
        .flatten()
        .map(|c| json!({ "availableConnectionToken": c.token, "name": c.name }))
        .collect();
    let base = &shared.base_url;
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                // Both "customer", as Dwolla's spec shows them.
                "self": link(format!("{base}/customers/{customer_id}/available-exchange-connections"), "customer"),
                "customers": link(format!("{base}/customers/{customer_id}"), "customer"),
            },
            "_embedded": { "available-exchange-connections": connections },
        }),
    )
}
