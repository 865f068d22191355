//! `GET /exchange-partners`, `GET /exchange-partners/{id}`, and the partner
//! link that session and exchange bodies carry.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::{Partner, Shared};
use super::respond::{error, hal, id_from_href, link, not_found, validation_embedded, Resp};

const PARTNER_PATH: &str = "/_links/exchange-partner/href";

fn partner_json(shared: &Shared, p: &Partner) -> Value {
    json!({
        "_links": { "self": link(format!("{}/exchange-partners/{}", shared.base_url, p.id), "exchange-partner") },
        "id": p.id,
        "name": p.name,
        "status": if p.active { "active" } else { "deactivated" },
        "created": p.created,
    })
}

pub(crate) fn list(shared: &Shared) -> Resp {
    let partners: Vec<Value> = shared
        .config
        .partners
        .iter()
        .map(|p| partner_json(shared, p))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{}/exchange-partners", shared.base_url), "exchange-partner") },
            "_embedded": { "exchange-partners": partners },
            "total": shared.config.partners.len(),
        }),
    )
}

pub(crate) fn get(shared: &Shared, id: &str) -> Resp {
    match shared.config.partner_by_id(id) {
        Some(p) => hal(StatusCode::OK, &partner_json(shared, p)),
        None => not_found(),
    }
}

/// The active partner `_links.exchange-partner.href` names, or the 400 Dwolla
/// answers for a missing, unknown or deactivated one.
pub(crate) fn from_body<'a>(shared: &'a Shared, body: &Value) -> Result<&'a Partner, Resp> {
    let Some(href) = body.pointer(PARTNER_PATH).and_then(Value::as_str) else {
        return Err(validation_embedded(
            "Required",
            "ExchangePartner is required.",
            PARTNER_PATH,
        ));
    };
    let Some(partner) = from_href(shared, href) else {
        // Embedded form, with the path, as live traffic sends it.
        return Err(validation_embedded(
            "Invalid",
            "Invalid parameter.",
            PARTNER_PATH,
        ));
    };
    if !partner.active {
        // Top-level form, as the docs show it.
        return Err(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "/_links/exchange-partner/href is invalid",
        ));
    }
    Ok(partner)
}

fn from_href<'a>(shared: &'a Shared, href: &str) -> Option<&'a Partner> {
    let id = id_from_href(href, "exchange-partners")?;
    shared.config.partner_by_id(&id)
}
