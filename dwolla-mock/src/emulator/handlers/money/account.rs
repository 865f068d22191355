//! The application's account: `GET /` (the root: where the account is),
//! `GET /accounts/{id}`, its funding sources, transfers and mass payments.

use http::StatusCode;
use serde_json::json;

use super::super::super::state::money::{Owner, ACCOUNT_NAME};
use super::super::super::Emulator;
use super::super::funding_sources::{list_json, removed_filter};
use super::super::respond::{error, hal, link, Resp};
use super::super::Call;
use super::{lock, mass_payments, transfers};

/// `GET /`: the links an application token can follow.
pub(crate) fn root(call: &Call<'_>) -> Resp {
    let base = &call.shared.base_url;
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "account": link(format!("{base}/accounts/{}", Emulator::ACCOUNT_ID), "account"),
                "customers": link(format!("{base}/customers"), "customer"),
                "events": link(format!("{base}/events"), "event"),
                "webhook-subscriptions": link(format!("{base}/webhook-subscriptions"), "webhook-subscription"),
            }
        }),
    )
}

/// Whether `id` is the account's (another account: 404, as Dwolla answers
/// for an account the token cannot see).
fn is_account(id: &str) -> Result<(), Resp> {
    if id.eq_ignore_ascii_case(Emulator::ACCOUNT_ID) {
        Ok(())
    } else {
        Err(error(
            StatusCode::NOT_FOUND,
            "notFound",
            "Account not found.",
        ))
    }
}

/// `GET /accounts/{id}`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = is_account(id) {
        return resp;
    }
    let base = &call.shared.base_url;
    let me = format!("{base}/accounts/{}", Emulator::ACCOUNT_ID);
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "self": link(me.clone(), "account"),
                "receive": link(format!("{base}/transfers"), "transfer"),
                "funding-sources": link(format!("{me}/funding-sources"), "funding-source"),
                "transfers": link(format!("{me}/transfers"), "transfer"),
                "customers": link(format!("{base}/customers"), "customer"),
                "send": link(format!("{base}/transfers"), "transfer"),
                "mass-payments": link(format!("{me}/mass-payments"), "mass-payment"),
            },
            "id": Emulator::ACCOUNT_ID,
            "name": ACCOUNT_NAME,
            "timezoneOffset": -6,
            "type": "Commercial",
        }),
    )
}

/// `GET /accounts/{id}/funding-sources` (`?removed=false` hides removed
/// ones).
pub(crate) fn funding_sources(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = is_account(id) {
        return resp;
    }
    let data = lock(call);
    let doc = list_json(
        &data,
        &call.shared.base_url,
        &Owner::Account,
        removed_filter(call.query),
    );
    hal(StatusCode::OK, &doc)
}

/// `GET /accounts/{id}/transfers`.
pub(crate) fn transfers(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = is_account(id) {
        return resp;
    }
    let data = lock(call);
    transfers::list(call, &data, &Owner::Account)
}

/// `GET /accounts/{id}/mass-payments`.
pub(crate) fn mass_payments(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = is_account(id) {
        return resp;
    }
    let data = lock(call);
    mass_payments::list(call, &data, &Owner::Account)
}
