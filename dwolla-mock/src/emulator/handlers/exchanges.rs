//! Exchanges: `GET /exchanges/{id}`.

use http::StatusCode;
use serde_json::json;

use super::super::state::Shared;
use super::respond::{error_json, hal, link, not_found, Resp};

pub(crate) fn get(shared: &Shared, id: &str) -> Resp {
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
