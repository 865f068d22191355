//! Funding sources from exchanges: `POST /customers/{id}/funding-sources`,
//! `GET /customers/{id}/funding-sources` and `GET /funding-sources/{id}`.
//!
//! Only the exchange flavour of creation is served (no routing and account
//! numbers, cards or virtual account numbers): a body without
//! `_links.exchange` is refused as missing it.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::super::state::{bank_name, ExchangeStatus, FundingSource, Shared};
use super::exchanges::update_credentials;
use super::idempotency::{begin, remember, Creating};
use super::respond::{
    created, error, error_json, hal, id_from_href, link, not_found, rfc3339_now, validation_errors,
    Resp,
};

const EXCHANGE_PATH: &str = "/_links/exchange/href";
const ODA_PATH: &str = "/_links/on-demand-authorization/href";
/// Dwolla's limit on a funding source's nickname.
const MAX_NAME_CHARS: usize = 50;

pub(crate) fn create(
    shared: &Shared,
    customer_id: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
    let Creating {
        mut data,
        key,
        body: v,
    } = match begin(shared, customer_id, path, headers, body) {
        Ok(c) => c,
        Err(resp) => return resp,
    };

    // Every refused field at once, in body order, as Dwolla lists them.
    let mut errors: Vec<(&str, String, &str)> = Vec::new();
    let exchange = match v.pointer(EXCHANGE_PATH).and_then(Value::as_str) {
        None => {
            errors.push(("Required", "Exchange is required.".into(), EXCHANGE_PATH));
            None
        }
        Some(href) => {
            let found = id_from_href(href, "exchanges")
                .and_then(|id| data.exchange(&id))
                .filter(|e| e.customer_id == customer_id)
                .cloned();
            if found.is_none() {
                errors.push(("Invalid", "Invalid exchange.".into(), EXCHANGE_PATH));
            }
            found
        }
    };
    if v.pointer("/_links/on-demand-authorization").is_some()
        && v.pointer(ODA_PATH).and_then(Value::as_str).is_none()
    {
        errors.push((
            "Invalid",
            "Invalid on-demand authorization.".into(),
            ODA_PATH,
        ));
    }
    let account_type = match v.get("bankAccountType") {
        None => {
            errors.push((
                "Required",
                "BankAccountType is required.".into(),
                "/bankAccountType",
            ));
            None
        }
        Some(Value::String(t)) if t == "checking" || t == "savings" => Some(t.clone()),
        Some(_) => {
            errors.push((
                "Invalid",
                "BankAccountType must be checking or savings.".into(),
                "/bankAccountType",
            ));
            None
        }
    };
    let name = match v.get("name") {
        Some(Value::String(n)) if n.chars().count() > MAX_NAME_CHARS => {
            errors.push((
                "Invalid",
                format!("Name must be {MAX_NAME_CHARS} characters or less."),
                "/name",
            ));
            None
        }
        Some(Value::String(n)) if !n.trim().is_empty() => Some(n.clone()),
        Some(Value::String(_)) | None => {
            errors.push(("Required", "Name is required.".into(), "/name"));
            None
        }
        Some(_) => {
            errors.push(("Invalid", "Name must be a string.".into(), "/name"));
            None
        }
    };
    let (Some(exchange), Some(bank_account_type), Some(name), true) =
        (exchange, account_type, name, errors.is_empty())
    else {
        return validation_errors(&errors);
    };

    if exchange.needs_reauth {
        return update_credentials(shared, &exchange.id);
    }
    if exchange.status != ExchangeStatus::Active {
        return error(
            StatusCode::BAD_REQUEST,
            "InactiveExchange",
            "The Exchange was removed or disabled.",
        );
    }
    // One funding source per bank account, whichever exchange reaches it.
    if let Some(existing) = data
        .funding_sources
        .iter()
        .find(|f| f.customer_id == customer_id && f.account == exchange.account)
    {
        let href = format!("{}/funding-sources/{}", shared.base_url, existing.id);
        return error_json(
            StatusCode::BAD_REQUEST,
            &json!({
                "code": "DuplicateResource",
                "message": format!("Bank already exists: id={}", existing.id),
                "_links": { "about": link(href, "funding-source") },
            }),
        );
    }

    let (bank, fingerprint) = match data.accounts.get(&exchange.account) {
        Some(a) => (a.bank_name, a.fingerprint.clone()),
        None => (bank_name("sandbox"), String::new()),
    };
    let id = uuid::Uuid::new_v4().to_string();
    data.funding_sources.push(FundingSource {
        id: id.clone(),
        customer_id: customer_id.to_owned(),
        exchange_id: exchange.id,
        account: exchange.account,
        bank_account_type,
        name,
        created: rfc3339_now(),
        bank_name: bank,
        fingerprint,
    });
    let location = format!("{}/funding-sources/{id}", shared.base_url);
    remember(&mut data, key, path, body, &location);
    Shared::bump(&shared.funding_sources_created);
    created(&location)
}

/// A funding source as Dwolla shows a verified bank account.
fn funding_source_json(shared: &Shared, f: &FundingSource) -> Value {
    let base = &shared.base_url;
    json!({
        "_links": {
            "self": link(format!("{base}/funding-sources/{}", f.id), "funding-source"),
            "customer": link(format!("{base}/customers/{}", f.customer_id), "customer"),
            "exchange": link(format!("{base}/exchanges/{}", f.exchange_id), "exchange"),
        },
        "id": f.id,
        // Verified at once: the exchange already proved the account.
        "status": "verified",
        "type": "bank",
        "bankAccountType": f.bank_account_type,
        "name": f.name,
        "created": f.created,
        "removed": false,
        "channels": ["ach"],
        "bankName": f.bank_name,
        "fingerprint": f.fingerprint,
    })
}

pub(crate) fn get(shared: &Shared, id: &str) -> Resp {
    let data = shared.data();
    let Some(f) = data
        .funding_sources
        .iter()
        .find(|f| f.id.eq_ignore_ascii_case(id))
    else {
        return error(
            StatusCode::NOT_FOUND,
            "notFound",
            "Funding source not found.",
        );
    };
    hal(StatusCode::OK, &funding_source_json(shared, f))
}

pub(crate) fn list(shared: &Shared, customer_id: &str) -> Resp {
    if !shared.data().has_customer(customer_id) {
        return not_found();
    }
    let data = shared.data();
    let list: Vec<Value> = data
        .funding_sources
        .iter()
        .filter(|f| f.customer_id == customer_id)
        .map(|f| funding_source_json(shared, f))
        .collect();
    let base = &shared.base_url;
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "self": link(format!("{base}/customers/{customer_id}/funding-sources"), "funding-source"),
                "customer": link(format!("{base}/customers/{customer_id}"), "customer"),
            },
            "_embedded": { "funding-sources": list },
            "total": list.len(),
        }),
    )
}
