//! The money family's routes: the API root and the account
//! ([`account`]), funding sources (`super::funding_sources`),
//! micro-deposits ([`micro_deposits`]), transfers ([`transfers`]), mass
//! payments ([`mass_payments`]), labels ([`labels`]), sandbox simulations
//! and client tokens ([`sandbox`]). The rules that move money are in
//! `state::money`.

mod account;
mod labels;
mod mass_payments;
mod micro_deposits;
mod sandbox;
pub(crate) mod transfers;

use std::sync::MutexGuard;

use http::{Method, StatusCode};
use serde_json::{json, Value};

use super::super::state::money::{format_cents, parse_cents, FsKind, FundingSourceRecord};
use super::super::state::Data;
use super::auth::check_content_type;
use super::funding_sources;
use super::idempotency::{idempotency_key, replay};
use super::respond::{error, id_from_href, method_not_allowed, Resp};
use super::Call;

/// Answers the paths this family serves; `None` for the others.
pub(crate) fn route(call: &Call<'_>) -> Option<Resp> {
    let m = call.method;
    let not_allowed = method_not_allowed;
    Some(match *call.segs {
        [""] => match *m {
            Method::GET => account::root(call),
            _ => not_allowed(),
        },
        ["accounts", id] => match *m {
            Method::GET => account::get(call, id),
            _ => not_allowed(),
        },
        ["accounts", id, "funding-sources"] => match *m {
            Method::GET => account::funding_sources(call, id),
            _ => not_allowed(),
        },
        ["accounts", id, "transfers"] => match *m {
            Method::GET => account::transfers(call, id),
            _ => not_allowed(),
        },
        ["accounts", id, "mass-payments"] => match *m {
            Method::GET => account::mass_payments(call, id),
            _ => not_allowed(),
        },
        ["funding-sources"] => match *m {
            Method::POST => funding_sources::create_for_account(call),
            _ => not_allowed(),
        },
        ["customers", id, "funding-sources"] => match *m {
            Method::GET => funding_sources::list(call, id),
            Method::POST => funding_sources::create(call, id),
            _ => not_allowed(),
        },
        ["funding-sources", id] => match *m {
            Method::GET => funding_sources::get(call, id),
            Method::POST => funding_sources::update(call, id),
            _ => not_allowed(),
        },
        ["funding-sources", id, "micro-deposits"] => match *m {
            Method::GET => micro_deposits::get(call, id),
            Method::POST => micro_deposits::post(call, id),
            _ => not_allowed(),
        },
        ["funding-sources", id, "balance"] => match *m {
            Method::GET => funding_sources::balance(call, id),
            _ => not_allowed(),
        },
        ["funding-sources", id, "ach-routing"] => match *m {
            Method::GET => funding_sources::ach_routing(call, id),
            _ => not_allowed(),
        },
        ["on-demand-authorizations"] => match *m {
            Method::POST => funding_sources::on_demand_authorization(call),
            _ => not_allowed(),
        },
        ["transfers"] => match *m {
            Method::POST => transfers::create(call),
            _ => not_allowed(),
        },
        ["transfers", id] => match *m {
            Method::GET => transfers::get(call, id),
            Method::POST => transfers::cancel(call, id),
            _ => not_allowed(),
        },
        ["transfers", id, "fees"] => match *m {
            Method::GET => transfers::fees(call, id),
            _ => not_allowed(),
        },
        ["transfers", id, "failure"] => match *m {
            Method::GET => transfers::failure(call, id),
            _ => not_allowed(),
        },
        ["customers", id, "transfers"] => match *m {
            Method::GET => transfers::list_for_customer(call, id),
            _ => not_allowed(),
        },
        ["mass-payments"] => match *m {
            Method::POST => mass_payments::create(call),
            _ => not_allowed(),
        },
        ["mass-payments", id] => match *m {
            Method::GET => mass_payments::get(call, id),
            Method::POST => mass_payments::update(call, id),
            _ => not_allowed(),
        },
        ["mass-payments", id, "items"] => match *m {
            Method::GET => mass_payments::items(call, id),
            _ => not_allowed(),
        },
        ["mass-payment-items", id] => match *m {
            Method::GET => mass_payments::item(call, id),
            _ => not_allowed(),
        },
        ["customers", id, "mass-payments"] => match *m {
            Method::GET => mass_payments::list_for_customer(call, id),
            _ => not_allowed(),
        },
        ["customers", id, "labels"] => match *m {
            Method::GET => labels::list(call, id),
            Method::POST => labels::create(call, id),
            _ => not_allowed(),
        },
        ["labels", id] => match *m {
            Method::GET => labels::get(call, id),
            Method::DELETE => labels::remove(call, id),
            _ => not_allowed(),
        },
        ["labels", id, "ledger-entries"] => match *m {
            Method::GET => labels::entries(call, id),
            Method::POST => labels::add_entry(call, id),
            _ => not_allowed(),
        },
        ["ledger-entries", id] => match *m {
            Method::GET => labels::entry(call, id),
            _ => not_allowed(),
        },
        ["label-reallocations"] => match *m {
            Method::POST => labels::reallocate(call),
            _ => not_allowed(),
        },
        ["label-reallocations", id] => match *m {
            Method::GET => labels::reallocation(call, id),
            _ => not_allowed(),
        },
        ["sandbox-simulations"] => match *m {
            Method::POST => sandbox::simulate(call),
            _ => not_allowed(),
        },
        ["client-tokens"] => match *m {
            Method::POST => sandbox::client_token(call),
            _ => not_allowed(),
        },
        _ => return None,
    })
}

/// The data, locked, with every verified customer's balance in place (see
/// `Data::sync_balances`).
pub(crate) fn lock<'a>(call: &Call<'a>) -> MutexGuard<'a, Data> {
    let mut data = call.shared.data();
    data.sync_balances(Some(&call.shared.base_url));
    data
}

/// A money POST past the checks every one passes: a readable media type,
/// the replay of an `Idempotency-Key` seen before, a JSON object body (an
/// empty body reads as `{}` when `empty_ok`). The data stays locked until
/// the result is remembered, so a concurrent replay waits for it.
pub(crate) struct Posted<'a> {
    pub(crate) data: MutexGuard<'a, Data>,
    pub(crate) key: Option<&'a str>,
    pub(crate) body: Value,
}

pub(crate) fn begin_post<'a>(call: &Call<'a>, empty_ok: bool) -> Result<Posted<'a>, Resp> {
    check_content_type(call.headers, call.body)?;
    let data = lock(call);
    let key = idempotency_key(call.headers);
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return Err(resp);
    }
    let body = if empty_ok && call.body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        super::respond::parse_json_object(call.body)?
    };
    Ok(Posted { data, key, body })
}

pub(crate) use super::respond::Problems;

/// 404 `NotFound` with a message.
pub(crate) fn not_found_msg(message: &str) -> Resp {
    error(StatusCode::NOT_FOUND, "NotFound", message)
}

/// 403 `InvalidResourceState`.
pub(crate) fn invalid_state(message: &str) -> Resp {
    error(StatusCode::FORBIDDEN, "InvalidResourceState", message)
}

/// `{"value": "10.00", "currency": "USD"}`.
pub(crate) fn amount_json(cents: i64) -> Value {
    json!({ "value": format_cents(cents), "currency": "USD" })
}

/// Why an amount member was refused: code, message and path.
pub(crate) type AmountProblem = (&'static str, &'static str, String);

/// The cents of an `{"value", "currency"}` member at `path` (`/amount`):
/// the value a decimal string (a JSON number is read too), USD.
/// `positive`: zero and below are refused as Dwolla refuses a transfer's.
pub(crate) fn read_amount(
    body: &Value,
    member: &str,
    path: &str,
    positive: bool,
) -> Result<i64, AmountProblem> {
    let Some(a) = body.get(member).filter(|v| !v.is_null()) else {
        return Err(("Required", "Amount is required.", path.to_owned()));
    };
    let value_path = format!("{path}/value");
    let value = match a.get("value") {
        Some(Value::String(s)) => parse_cents(s),
        Some(Value::Number(n)) => parse_cents(&n.to_string()),
        None | Some(Value::Null) => {
            return Err(("Required", "Amount value is required.", value_path));
        }
        Some(_) => None,
    };
    let Some(cents) = value else {
        return Err((
            "InvalidFormat",
            "Invalid amount. The supplied amount must be a positive number.",
            value_path,
        ));
    };
    match a.get("currency").and_then(Value::as_str) {
        Some(c) if c.trim().eq_ignore_ascii_case("usd") => {}
        Some(_) => return Err(("Invalid", "Invalid currency.", format!("{path}/currency"))),
        None => {
            return Err((
                "Required",
                "Amount currency is required.",
                format!("{path}/currency"),
            ))
        }
    }
    if positive && cents <= 0 {
        return Err((
            "InvalidFormat",
            "Invalid amount. The supplied amount must be a positive number.",
            value_path,
        ));
    }
    Ok(cents)
}

/// The funding source money is sent from (`_links.source`, at
/// `/_links/source/href`): one that exists, is not removed, is verified (an
/// unverified bank can receive, not send) and is not a VAN (not for
/// transfers); every refusal goes into `p`.
pub(crate) fn sending_source(
    data: &Data,
    body: &Value,
    p: &mut Problems,
) -> Option<FundingSourceRecord> {
    const SOURCE: &str = "/_links/source/href";
    let Some(href) = link_href(body, "source") else {
        p.push("Required", "Source is required.", SOURCE);
        return None;
    };
    match id_from_href(href, "funding-sources").and_then(|id| data.money.fs(&id)) {
        None => {
            p.push("Invalid", "Funding source not found.", SOURCE);
            None
        }
        Some(f) if f.removed || !f.verified || f.kind == FsKind::Virtual => {
            p.push("Invalid", "Invalid funding source.", SOURCE);
            None
        }
        Some(f) => Some(f.clone()),
    }
}

/// The href of `_links.<rel>` in a body.
pub(crate) fn link_href<'v>(body: &'v Value, rel: &str) -> Option<&'v str> {
    body.get("_links")?.get(rel)?.get("href")?.as_str()
}

pub(crate) use super::paging::ListQuery;

/// Whether `id` is a valid `correlationId`: 1 to 255 characters of
/// `a-z A-Z 0-9 - . _`.
pub(crate) fn valid_correlation_id(id: &str) -> bool {
    (1..=255).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
}

/// Metadata as Dwolla takes it: an object of at most ten text pairs, keys
/// and values under 255 characters.
pub(crate) fn valid_metadata(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.len() <= 10
            && m.iter().all(|(k, v)| {
                !k.is_empty()
                    && k.chars().count() < 255
                    && v.as_str().is_some_and(|s| s.chars().count() < 255)
            })
    })
}
