//! Micro-deposits: `POST /funding-sources/{id}/micro-deposits` (no body:
//! initiate; `{amount1, amount2}`: verify) and `GET` (their details).
//!
//! As in Dwolla's sandbox: two deposits under $0.10 are sent (`pending`
//! until a sandbox simulation, then `processed`, or `failed` for a bank
//! named after a return code); any two amounts under $0.10 verify the bank
//! at once, whether the deposits arrived or not; `0.09` and `0.09` is a
//! wrong pair, as is an amount of $0.10 to $0.15 (400 "Wrong amount(s).");
//! the third wrong pair answers 403 "Too many attempts." and ends it. An
//! amount over $0.15 (or not positive) is 400 "Invalid amount." and not an
//! attempt.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::money::{FsKind, MicroDeposits, MicroStatus, MAX_MICRO_ATTEMPTS};
use super::super::funding_sources::fs_not_found;
use super::super::idempotency::{remember, remember_reply};
use super::super::respond::{created, error, hal, link, rfc3339_now, validation_embedded, Resp};
use super::super::Call;
use super::{begin_post, invalid_state, lock, read_amount, Posted};

/// Amounts under this verify (cents).
const UNDER: i64 = 10;
/// Amounts over this are invalid rather than wrong (cents).
const MOST: i64 = 15;

/// `GET /funding-sources/{id}/micro-deposits`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let Some(f) = data.money.fs(id) else {
        return fs_not_found();
    };
    let Some(m) = &f.micro else {
        return super::not_found_msg("Micro-deposits not initiated.");
    };
    let me = format!(
        "{}/funding-sources/{}/micro-deposits",
        call.shared.base_url, f.id
    );
    let mut doc = json!({
        "_links": { "self": link(me, "micro-deposits") },
        "created": m.created,
        "status": match m.status {
            MicroStatus::Pending => "pending",
            MicroStatus::Processed => "processed",
            MicroStatus::Failed(_) => "failed",
        },
    });
    if let MicroStatus::Failed(code) = &m.status {
        let (description, _) = super::super::super::state::money::transfers::return_code_text(code);
        doc["failure"] = json!({ "code": code, "description": description });
    }
    hal(StatusCode::OK, &doc)
}

/// `POST /funding-sources/{id}/micro-deposits`.
pub(crate) fn post(call: &Call<'_>, id: &str) -> Resp {
    let Posted {
        mut data,
        key,
        body,
    } = match begin_post(call, true) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let Some(f) = data.money.fs(id).cloned() else {
        return fs_not_found();
    };
    if f.removed {
        return invalid_state("The funding source was removed.");
    }
    if f.verified || f.kind != FsKind::Bank {
        return invalid_state("Bank already verified.");
    }
    let me = format!("{base}/funding-sources/{}/micro-deposits", f.id);
    let is_verify = body.get("amount1").is_some() || body.get("amount2").is_some();
    if !is_verify {
        if f.micro.is_some() {
            return error(
                StatusCode::BAD_REQUEST,
                "MaxNumberOfResources",
                "Micro-deposits already initiated for this funding source.",
            );
        }
        let seq = data.money.next_seq();
        if let Some(rec) = data.money.fs_mut(&f.id) {
            rec.micro = Some(MicroDeposits {
                created: rfc3339_now(),
                status: MicroStatus::Pending,
                wrong_attempts: 0,
                seq,
            });
        }
        data.fs_event(base, "microdeposits_added", &f.id);
        remember(&mut data, key, call.path, call.body, &me);
        return created(&me);
    }

    let Some(micro) = f.micro.clone() else {
        return super::not_found_msg("Micro-deposits not initiated.");
    };
    if micro.wrong_attempts >= MAX_MICRO_ATTEMPTS {
        return too_many();
    }
    let mut amounts = [0i64; 2];
    for (i, member) in ["amount1", "amount2"].into_iter().enumerate() {
        match read_amount(&body, member, &format!("/{member}"), true) {
            Ok(cents) if cents <= MOST => amounts[i] = cents,
            Ok(_) => return validation_embedded("Invalid", "Invalid amount.", ""),
            Err((code, message, path)) => return validation_embedded(code, message, &path),
        }
    }
    let right = amounts.iter().all(|&c| c < UNDER) && amounts != [9, 9];
    if !right {
        let attempts = match data.money.fs_mut(&f.id).and_then(|r| r.micro.as_mut()) {
            Some(m) => {
                m.wrong_attempts += 1;
                m.wrong_attempts
            }
            None => MAX_MICRO_ATTEMPTS,
        };
        if attempts >= MAX_MICRO_ATTEMPTS {
            data.fs_event(base, "microdeposits_maxattempts", &f.id);
            return too_many();
        }
        return validation_embedded("Invalid", "Wrong amount(s).", "");
    }
    if let Some(rec) = data.money.fs_mut(&f.id) {
        rec.verified = true;
    }
    data.fs_event(base, "funding_source_verified", &f.id);
    let doc: Value = json!({ "_links": { "self": link(me, "micro-deposits") } });
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

fn too_many() -> Resp {
    invalid_state("Too many attempts.")
}
