//! `POST /customers/{id}`: every update form of the spec.
//!
//! - `{"status": "suspended" | "deactivated" | "reactivated"}`: suspend (for
//!   good: only Dwolla lifts it), deactivate (not while suspended),
//!   reactivate (back to the status before deactivation).
//! - A body with `type`: upgrade a receive-only user to `unverified`, an
//!   unverified customer to `personal` or `business` (the whole create body,
//!   verified as a create is), or retry a customer in `retry` status (the
//!   whole body again, with the full nine-digit SSN; once).
//! - Anything else: an information update (unverified and receive-only:
//!   names, email, business name, `""` unsets it; verified: email, IP
//!   address, address, phone, and for businesses `doingBusinessAs` and
//!   `website`). Not while in `document` or `suspended` status.
//!
//! A refused state change is 403 `InvalidResourceState` "Resource cannot be
//! modified.", as Dwolla answers a second retry.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::customers::{Certification, Kind, Status};
use super::super::super::state::Data;
use super::super::auth::check_content_type;
use super::super::idempotency::{idempotency_key, remember_reply, replay};
use super::super::respond::{hal, parse_json_object, Problems, Resp};
use super::super::Call;
use super::forms::{first_outcome, read, retry_outcome, SsnRule};
use super::validate::{label, Fields, MAX_LONG, MAX_NAME};
use super::{cannot_modify, customer_json, customer_not_found};

pub(crate) fn update(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let shared = call.shared;
    let key = idempotency_key(call.headers);
    let mut data = shared.data();
    let Some(id) = data.customer(id).map(|c| c.id.clone()) else {
        return customer_not_found();
    };
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let base = shared.base_url.as_str();
    let applied = if let Some(status) = body.get("status") {
        change_status(&mut data, base, &id, status)
    } else if body.get("type").is_some() {
        change_type(&mut data, base, &id, &body)
    } else {
        update_information(&mut data, base, &id, &body)
    };
    if let Err(resp) = applied {
        return resp;
    }
    let Some(c) = data.customer(&id) else {
        return customer_not_found();
    };
    let doc = customer_json(base, c);
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

fn change_status(data: &mut Data, base: &str, id: &str, status: &Value) -> Result<(), Resp> {
    let Some(current) = data.customer(id).map(|c| c.status) else {
        return Err(customer_not_found());
    };
    match status.as_str() {
        Some("suspended") => match current {
            Status::Suspended => {}
            Status::Deactivated => return Err(cannot_modify()),
            _ => data.set_customer_status(base, id, Status::Suspended),
        },
        Some("deactivated") => match current {
            Status::Deactivated => {}
            Status::Suspended => return Err(cannot_modify()),
            _ => {
                if let Some(c) = data.customer_mut(id) {
                    c.before_deactivation = Some(current);
                }
                data.set_customer_status(base, id, Status::Deactivated);
            }
        },
        Some("reactivated") => {
            if current != Status::Deactivated {
                return Err(cannot_modify());
            }
            if let Some(c) = data.customer_mut(id) {
                let fallback = if c.kind.is_verified_type() {
                    Status::Verified
                } else {
                    Status::Unverified
                };
                c.status = c.before_deactivation.take().unwrap_or(fallback);
            }
            data.customer_event(base, "customer_activated", id);
        }
        _ => {
            let mut p = Problems::default();
            p.push(
                "Invalid",
                "Status must be suspended, deactivated or reactivated.",
                "/status",
            );
            return Err(p.response());
        }
    }
    Ok(())
}

fn change_type(data: &mut Data, base: &str, id: &str, body: &Value) -> Result<(), Resp> {
    let Some(c) = data.customer(id).cloned() else {
        return Err(customer_not_found());
    };
    let wanted = body.get("type").and_then(Value::as_str).map(str::trim);
    let invalid_type = |message: &str| {
        let mut p = Problems::default();
        p.push("Invalid", message, "/type");
        p.response()
    };
    match (c.kind, c.status) {
        (Kind::ReceiveOnly, Status::Unverified) => {
            if wanted != Some("unverified") {
                return Err(invalid_type(
                    "A receive-only user can only be upgraded to unverified.",
                ));
            }
            if let Some(c) = data.customer_mut(id) {
                c.kind = Kind::Unverified;
            }
            Ok(())
        }
        (Kind::Unverified, Status::Unverified) => {
            if !matches!(wanted, Some("personal" | "business")) {
                return Err(invalid_type(
                    "An unverified customer can only be upgraded to personal or business.",
                ));
            }
            let form = read(body, data, base, Some(id), SsnRule::FourOrNine, None)?;
            let outcome = first_outcome(&form);
            if let Some(c) = data.customer_mut(id) {
                c.kind = form.kind;
                c.fields = form.fields;
                c.retry_links = outcome.retry_links;
                c.document_needs = outcome.needs;
                c.certification = form.has_controller.then_some(Certification::Uncertified);
            }
            data.set_customer_status(base, id, outcome.status);
            Ok(())
        }
        (Kind::Personal | Kind::Business, Status::Retry) if !c.retried => {
            if wanted != Some(c.kind.as_str()) {
                return Err(invalid_type(&format!(
                    "A retry keeps the customer's type ({}).",
                    c.kind.as_str()
                )));
            }
            // The full SSN of the person, or of the controller when its
            // retry asked for it; a retry of the business details alone
            // keeps the create's rules and may leave the controller out.
            let business_only_retry =
                c.has_controller() && !c.retry_links.contains(&"retry-with-full-ssn");
            let (rule, kept) = if business_only_retry {
                // The business details alone may be sent again.
                (SsnRule::FourOrNine, c.fields.get("controller"))
            } else {
                (SsnRule::Nine, None)
            };
            let form = read(body, data, base, Some(id), rule, kept)?;
            let outcome = retry_outcome(&form);
            if let Some(c) = data.customer_mut(id) {
                c.fields = form.fields;
                c.retried = true;
                c.retry_links.clear();
                c.document_needs = outcome.needs;
            }
            data.set_customer_status(base, id, outcome.status);
            Ok(())
        }
        _ => Err(cannot_modify()),
    }
}

/// The members an information update may carry, for this customer.
fn updatable(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Unverified | Kind::ReceiveOnly => &["firstName", "lastName", "email", "businessName"],
        Kind::Personal => &[
            "email",
            "ipAddress",
            "address1",
            "address2",
            "city",
            "state",
            "postalCode",
            "phone",
        ],
        Kind::Business => &[
            "email",
            "ipAddress",
            "address1",
            "address2",
            "city",
            "state",
            "postalCode",
            "phone",
            "doingBusinessAs",
            "website",
        ],
    }
}

fn update_information(data: &mut Data, base: &str, id: &str, body: &Value) -> Result<(), Resp> {
    let Some(c) = data.customer(id).cloned() else {
        return Err(customer_not_found());
    };
    if matches!(c.status, Status::Document | Status::Suspended) {
        return Err(cannot_modify());
    }
    let Some(obj) = body.as_object() else {
        return Err(cannot_modify());
    };
    let allowed = updatable(c.kind);
    let mut p = Problems::default();
    for member in obj.keys() {
        if member != "_links" && !allowed.contains(&member.as_str()) {
            p.push(
                "ReadOnly",
                format!("{} cannot be updated for this customer.", label(member)),
                format!("/{member}"),
            );
        }
    }
    let f = Fields::new(obj, "");
    let mut set: Vec<(&str, Option<Value>)> = Vec::new();
    for member in ["firstName", "lastName"] {
        if f.has(member) && allowed.contains(&member) {
            if let Some(v) = f.name(&mut p, member, true, MAX_NAME) {
                set.push((member, Some(json!(v.trim()))));
            }
        }
    }
    if f.has("email") {
        if let Some(email) = f.email(&mut p) {
            let taken = data
                .customers
                .all
                .iter()
                .find(|o| o.email().eq_ignore_ascii_case(email.trim()) && o.id != c.id);
            match taken {
                Some(existing) => p.push_about(
                    "Duplicate",
                    "A customer with the specified email already exists.",
                    "/email",
                    format!("{base}/customers/{}", existing.id),
                    "customer",
                ),
                None => set.push(("email", Some(json!(email.trim())))),
            }
        }
    }
    if f.has("businessName") && allowed.contains(&"businessName") {
        // `""` unsets it.
        match f.text(&mut p, "businessName") {
            Some(v) if v.trim().is_empty() => set.push(("businessName", None)),
            Some(_) => {
                if let Some(v) = f.name(&mut p, "businessName", false, MAX_LONG) {
                    set.push(("businessName", Some(json!(v.trim()))));
                }
            }
            None => {}
        }
    }
    if allowed.contains(&"address1") {
        if f.has("ipAddress") {
            f.ip_address(&mut p);
        }
        for member in ["address1", "address2"] {
            if f.has(member) {
                if let Some(v) = f.street(&mut p, member, member == "address1") {
                    set.push((member, Some(json!(v))));
                }
            }
        }
        if f.has("city") {
            if let Some(v) = f.name(&mut p, "city", true, MAX_NAME) {
                set.push(("city", Some(json!(v))));
            }
        }
        if f.has("state") {
            if let Some(v) = f.us_state(&mut p, "state") {
                set.push(("state", Some(json!(v.trim().to_ascii_uppercase()))));
            }
        }
        if f.has("postalCode") {
            if let Some(v) = f.us_postal_code(&mut p, true) {
                set.push(("postalCode", Some(json!(v))));
            }
        }
        if f.has("phone") {
            if let Some(v) = f.phone(&mut p) {
                set.push(("phone", Some(json!(v))));
            }
        }
    }
    if allowed.contains(&"website") {
        if f.has("doingBusinessAs") {
            if let Some(v) = f.name(&mut p, "doingBusinessAs", false, MAX_LONG) {
                set.push(("doingBusinessAs", Some(json!(v))));
            }
        }
        if f.has("website") {
            if let Some(v) = f.website(&mut p) {
                set.push(("website", Some(json!(v))));
            }
        }
    }
    p.finish()?;
    if let Some(c) = data.customer_mut(id) {
        for (member, value) in set {
            match value {
                Some(v) => c.fields.insert(member.to_owned(), v),
                None => c.fields.remove(member),
            };
        }
    }
    Ok(())
}
