//! Beneficial owners of business customers (not sole proprietorships):
//! `POST`/`GET /customers/{id}/beneficial-owners`,
//! `GET`/`POST`/`DELETE /beneficial-owners/{id}`, and the ownership
//! certification `GET`/`POST /customers/{id}/beneficial-ownership`.
//!
//! An owner's `firstName` picks its `verificationStatus`, as in Dwolla's
//! sandbox: `incomplete` or `document`, anything else `verified`. An
//! `incomplete` owner can be updated once (the whole body again): `document`
//! (or `incomplete` again) leaves it in `document`, anything else verifies
//! it. Adding, updating or removing an owner of a certified business makes
//! it `recertify`. Certifying needs every owner `verified` (400
//! `ValidationError` otherwise); a business with no owners can certify
//! (none own 25% or more).

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::super::super::state::customers::Certification;
use super::super::super::state::verification::{Owner, OwnerStatus};
use super::super::super::state::Data;
use super::super::auth::check_content_type;
use super::super::customers::customer_not_found;
use super::super::customers::validate::{Fields, MAX_NAME};
use super::super::idempotency::{idempotency_key, remember, remember_reply, replay};
use super::super::respond::{
    created, error, hal, link, parse_json_object, rfc3339_now, Problems, Resp,
};
use super::super::Call;

pub(crate) fn owner_not_found() -> Resp {
    error(
        StatusCode::NOT_FOUND,
        "NotFound",
        "Beneficial owner not found.",
    )
}

fn owner_json(base: &str, o: &Owner) -> Value {
    let me = format!("{base}/beneficial-owners/{}", o.id);
    let mut links = Map::new();
    links.insert("self".into(), link(me.clone(), "beneficial-owner"));
    match o.status {
        OwnerStatus::Incomplete => {
            links.insert("retry-verification".into(), link(me, "beneficial-owner"));
        }
        OwnerStatus::Document => {
            links.insert(
                "verify-with-document".into(),
                link(format!("{me}/documents"), "document"),
            );
        }
        OwnerStatus::Verified => {}
    }
    json!({
        "_links": links,
        "id": o.id,
        "firstName": o.first_name,
        "lastName": o.last_name,
        "address": o.address,
        "verificationStatus": o.status.as_str(),
        "created": o.created,
    })
}

/// A beneficial owner body (US with `ssn`, or international with
/// `passport`): first name, last name and the address to show.
fn read_owner(body: &Value) -> Result<(String, String, Value), Resp> {
    let mut p = Problems::default();
    let empty = Map::new();
    let f = Fields::new(body.as_object().unwrap_or(&empty), "");
    let first = f.name(&mut p, "firstName", true, MAX_NAME);
    let last = f.name(&mut p, "lastName", true, MAX_NAME);
    f.date_of_birth(&mut p);
    let address = f.international_address(&mut p);
    // A US owner gives the full nine-digit SSN.
    f.ssn_or_passport(&mut p, true);
    match (first, last, address, p.is_empty()) {
        (Some(first), Some(last), Some(address), true) => {
            Ok((first.trim().to_owned(), last.trim().to_owned(), address))
        }
        _ => Err(p.response()),
    }
}

/// The sandbox's verdict on an owner, by first name.
fn owner_status(first_name: &str, second_attempt: bool) -> OwnerStatus {
    match first_name.trim().to_ascii_lowercase().as_str() {
        "document" => OwnerStatus::Document,
        "incomplete" if second_attempt => OwnerStatus::Document,
        "incomplete" => OwnerStatus::Incomplete,
        _ => OwnerStatus::Verified,
    }
}

/// A certified business whose owners change must certify again.
fn owners_changed(data: &mut Data, customer_id: &str) {
    if let Some(c) = data.customer_mut(customer_id) {
        if c.certification == Some(Certification::Certified) {
            c.certification = Some(Certification::Recertify);
        }
    }
}

pub(crate) fn create(call: &Call<'_>, customer_id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = call.shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    let Some(customer) = data.customer(customer_id) else {
        return customer_not_found();
    };
    let customer_id = customer.id.clone();
    if !customer.has_controller() {
        return error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Beneficial owners can only be added to business customers that are not sole \
             proprietorships.",
        );
    }
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let (first_name, last_name, address) = match read_owner(&body) {
        Ok(o) => o,
        Err(resp) => return resp,
    };
    let id = uuid::Uuid::new_v4().to_string();
    let status = owner_status(&first_name, false);
    data.verification.owners.push(Owner {
        id: id.clone(),
        customer_id: customer_id.clone(),
        created: rfc3339_now(),
        first_name,
        last_name,
        address,
        status,
    });
    owners_changed(&mut data, &customer_id);
    let location = format!("{base}/beneficial-owners/{id}");
    data.owner_event(
        base,
        "customer_beneficial_owner_created",
        &location,
        &customer_id,
    );
    data.owner_event(base, status.topic(), &location, &customer_id);
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

pub(crate) fn list(call: &Call<'_>, customer_id: &str) -> Resp {
    let base = &call.shared.base_url;
    let data = call.shared.data();
    let Some(customer) = data.customer(customer_id) else {
        return customer_not_found();
    };
    let owners: Vec<Value> = data
        .verification
        .owners
        .iter()
        .filter(|o| o.customer_id == customer.id)
        .map(|o| owner_json(base, o))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{base}/customers/{}/beneficial-owners", customer.id), "beneficial-owner") },
            "_embedded": { "beneficial-owners": owners },
            "total": owners.len(),
        }),
    )
}

pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = call.shared.data();
    match data.owner(id) {
        Some(o) => hal(StatusCode::OK, &owner_json(&call.shared.base_url, o)),
        None => owner_not_found(),
    }
}

pub(crate) fn update(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = call.shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    let Some(owner) = data.owner(id).cloned() else {
        return owner_not_found();
    };
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    if owner.status != OwnerStatus::Incomplete {
        return error(
            StatusCode::FORBIDDEN,
            "InvalidResourceState",
            "Resource cannot be modified. Only a beneficial owner in incomplete status can be \
             updated.",
        );
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let (first_name, last_name, address) = match read_owner(&body) {
        Ok(o) => o,
        Err(resp) => return resp,
    };
    let status = owner_status(&first_name, true);
    if let Some(o) = data.owner_mut(&owner.id) {
        o.first_name = first_name;
        o.last_name = last_name;
        o.address = address;
        o.status = status;
    }
    owners_changed(&mut data, &owner.customer_id);
    let href = format!("{base}/beneficial-owners/{}", owner.id);
    data.owner_event(base, status.topic(), &href, &owner.customer_id);
    let Some(o) = data.owner(&owner.id) else {
        return owner_not_found();
    };
    let doc = owner_json(base, o);
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

pub(crate) fn remove(call: &Call<'_>, id: &str) -> Resp {
    let base = call.shared.base_url.as_str();
    let mut data = call.shared.data();
    let Some(i) = data
        .verification
        .owners
        .iter()
        .position(|o| o.id.eq_ignore_ascii_case(id))
    else {
        return owner_not_found();
    };
    let owner = data.verification.owners.remove(i);
    owners_changed(&mut data, &owner.customer_id);
    let href = format!("{base}/beneficial-owners/{}", owner.id);
    data.owner_event(
        base,
        "customer_beneficial_owner_removed",
        &href,
        &owner.customer_id,
    );
    hal(StatusCode::OK, &owner_json(base, &owner))
}

fn ownership_json(base: &str, customer_id: &str, status: Certification) -> Value {
    json!({
        "_links": { "self": link(format!("{base}/customers/{customer_id}/beneficial-ownership"), "beneficial-ownership") },
        "status": status.as_str(),
    })
}

fn ownership_not_found() -> Resp {
    error(
        StatusCode::NOT_FOUND,
        "NotFound",
        "Ownership certification status not found.",
    )
}

pub(crate) fn ownership(call: &Call<'_>, customer_id: &str) -> Resp {
    let data = call.shared.data();
    let Some(c) = data.customer(customer_id) else {
        return customer_not_found();
    };
    match c.certification {
        Some(status) => hal(
            StatusCode::OK,
            &ownership_json(&call.shared.base_url, &c.id, status),
        ),
        // Only businesses with a controller certify (sole proprietorships
        // are exempt).
        None => ownership_not_found(),
    }
}

pub(crate) fn certify(call: &Call<'_>, customer_id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = call.shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    let Some(c) = data.customer(customer_id) else {
        return customer_not_found();
    };
    let id = c.id.clone();
    if c.certification.is_none() {
        return ownership_not_found();
    }
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let mut p = Problems::default();
    if body.get("status").and_then(Value::as_str) != Some("certified") {
        p.push("Invalid", "Status must be certified.", "/status");
        return p.response();
    }
    let unverified = data
        .verification
        .owners
        .iter()
        .any(|o| o.customer_id == id && o.status != OwnerStatus::Verified);
    if unverified {
        p.push(
            "Invalid",
            "Every beneficial owner must be verified before beneficial ownership is certified.",
            "/status",
        );
        return p.response();
    }
    if let Some(c) = data.customer_mut(&id) {
        c.certification = Some(Certification::Certified);
    }
    let doc = ownership_json(base, &id, Certification::Certified);
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}
