//! Exchanges: `POST /customers/{id}/exchanges`, `GET /customers/{id}/exchanges`
//! and `GET /exchanges/{id}`.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::super::state::{bank_name, Data, Exchange, ExchangeStatus, Partner, Shared};
use super::super::Emulator;
use super::idempotency::{begin, remember, Creating};
use super::partners;
use super::respond::{
    created, error, error_json, hal, link, not_found, rfc3339_now, validation_embedded, Resp,
};

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
    let partner = match partners::from_body(shared, &v) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let account = match account_behind(&mut data, partner, customer_id, &v) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let id = uuid::Uuid::new_v4().to_string();
    data.exchanges.push(Exchange {
        id: id.clone(),
        partner_id: partner.id.clone(),
        customer_id: customer_id.to_owned(),
        status: ExchangeStatus::Active,
        needs_reauth: false,
        created: rfc3339_now(),
        account,
    });
    let location = format!("{}/exchanges/{id}", shared.base_url);
    remember(&mut data, key, path, body, &location);
    Shared::bump(&shared.exchanges_created);
    created(&location)
}

/// The partner-specific part of a create-exchange body.
#[derive(Clone, Copy)]
enum Kind {
    Plaid,
    Mx,
    Finicity,
    Token,
}

impl Kind {
    const ALL: [(Kind, &'static str); 4] = [
        (Kind::Plaid, "plaid"),
        (Kind::Mx, "mx"),
        (Kind::Finicity, "finicity"),
        (Kind::Token, "token"),
    ];
}

/// Checks the partner's token and gives the bank account it stands for;
/// a token is used up only when this returns `Ok`.
fn account_behind(
    data: &mut Data,
    partner: &Partner,
    customer_id: &str,
    body: &Value,
) -> Result<String, Resp> {
    let given: Vec<(Kind, &str)> = Kind::ALL
        .into_iter()
        .filter(|(_, field)| body.get(field).is_some())
        .collect();
    let kind = match given.as_slice() {
        [(kind, _)] => *kind,
        [] => {
            return Err(validation_embedded(
                "Required",
                "Token is required.",
                "/token",
            ))
        }
        _ => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "ValidationError",
                "Give exactly one of token, plaid, mx or finicity.",
            ))
        }
    };
    let partner_only = |name: &str, field: &str| {
        if partner.name.eq_ignore_ascii_case(name) {
            Ok(())
        } else {
            Err(validation_embedded(
                "Invalid",
                &format!("{field} is only valid with the {name} exchange partner."),
                &format!("/{field}"),
            ))
        }
    };
    let required = |pointer: &str, what: &str| -> Result<String, Resp> {
        body.pointer(pointer)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
            .ok_or_else(|| {
                validation_embedded("Required", &format!("{what} is required."), pointer)
            })
    };
    let bank = bank_name(&partner.name);
    match kind {
        Kind::Plaid => {
            partner_only("Plaid", "plaid")?;
            let token = required("/plaid/publicToken", "PublicToken")?;
            if token == Emulator::EXPIRED_PUBLIC_TOKEN {
                return Err(error(
                    StatusCode::UNAUTHORIZED,
                    "InvalidExchangeToken",
                    "The exchange token is not valid to perform this operation. Either the token is expired or invalid, or the products permissions to the token are invalid or expired.",
                ));
            }
            match data.public_tokens.get_mut(&token) {
                Some(t) if !t.used && t.customer_id == customer_id => {
                    t.used = true;
                    Ok(t.account.clone())
                }
                _ => Err(invalid_exchange_token()),
            }
        }
        Kind::Mx => {
            partner_only("MX", "mx")?;
            let token = required("/mx/availableConnectionToken", "AvailableConnectionToken")?;
            data.connections
                .get(customer_id)
                .and_then(|list| list.iter().find(|c| c.token == token))
                .map(|c| c.account.clone())
                .ok_or_else(invalid_exchange_token)
        }
        Kind::Finicity => {
            partner_only("Finicity", "finicity")?;
            let receipt = required("/finicity/receiptId", "ReceiptId")?;
            // The account the receipt grants access to, else the receipt.
            let which = body
                .pointer("/finicity/products/0/accountId")
                .and_then(Value::as_str)
                .map_or(receipt, str::to_owned);
            Ok(data.account_for_token(format!("finicity:{customer_id}:{which}"), bank))
        }
        Kind::Token => {
            let token = required("/token", "Token")?;
            Ok(data.account_for_token(format!("token:{}:{customer_id}:{token}", partner.id), bank))
        }
    }
}

fn invalid_exchange_token() -> Resp {
    error(
        StatusCode::BAD_REQUEST,
        "InvalidExchangeToken",
        "Exchange token is expired.",
    )
}

/// 400 `UpdateCredentials`, whose `_links.about` is the re-auth URL.
pub(crate) fn update_credentials(shared: &Shared, exchange_id: &str) -> Resp {
    error_json(
        StatusCode::BAD_REQUEST,
        &json!({
            "code": "UpdateCredentials",
            "message": "The exchange's bank login has changed. Re-authenticate the exchange with a new exchange session.",
            "_links": { "about": link(format!("{}/exchanges/{exchange_id}/exchange-sessions", shared.base_url), "exchange-sessions") },
        }),
    )
}

fn exchange_json(shared: &Shared, e: &Exchange) -> Value {
    let base = &shared.base_url;
    json!({
        "_links": {
            "self": link(format!("{base}/exchanges/{}", e.id), "exchange"),
            "exchange-partner": link(format!("{base}/exchange-partners/{}", e.partner_id), "exchange-partner"),
            "customer": link(format!("{base}/customers/{}", e.customer_id), "customer"),
            "funding-sources": link(format!("{base}/customers/{}/funding-sources", e.customer_id), "funding-source"),
        },
        "id": e.id,
        "status": e.status.as_str(),
        "created": e.created,
    })
}

pub(crate) fn get(shared: &Shared, id: &str) -> Resp {
    let Some(exchange) = shared.data().exchange(id).cloned() else {
        return not_found();
    };
    if exchange.needs_reauth {
        return update_credentials(shared, &exchange.id);
    }
    hal(StatusCode::OK, &exchange_json(shared, &exchange))
}

pub(crate) fn list(shared: &Shared, customer_id: &str) -> Resp {
    if !shared.data().has_customer(customer_id) {
        return not_found();
    }
    let exchanges: Vec<Value> = shared
        .data()
        .exchanges
        .iter()
        .filter(|e| e.customer_id == customer_id)
        .map(|e| exchange_json(shared, e))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{}/customers/{customer_id}/exchanges", shared.base_url), "exchange") },
            "total": exchanges.len(),
            "_embedded": { "exchanges": exchanges },
        }),
    )
}
