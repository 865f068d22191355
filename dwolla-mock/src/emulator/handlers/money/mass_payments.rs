//! Mass payments: `POST /mass-payments` (idempotent; `status: deferred`
//! optional), `GET`/`POST /mass-payments/{id}` (release or cancel a
//! deferred one), `GET /mass-payments/{id}/items`,
//! `GET /mass-payment-items/{id}`, and the customer's and account's lists.
//! Processing happens at the next sandbox simulation
//! (`state::money::mass_payments`).

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::money::{
    ItemRecord, ItemStatus, MassPaymentRecord, MpStatus, Owner,
};
use super::super::super::state::Data;
use super::super::idempotency::{remember, remember_reply};
use super::super::respond::{
    created, error, hal, id_from_href, link, not_found, rfc3339_now, validation_embedded, Resp,
};
use super::super::Call;
use super::{
    amount_json, begin_post, link_href, lock, read_amount, valid_correlation_id, valid_metadata,
    ListQuery, Posted, Problems,
};

/// The most items one mass payment takes.
const MAX_ITEMS: usize = 5_000;
const SOURCE: &str = "/_links/source/href";

/// `POST /mass-payments`.
pub(crate) fn create(call: &Call<'_>) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let mut p = Problems::default();
    let source = super::sending_source(&data, &v, &mut p);
    let items = match v.get("items") {
        Some(Value::Array(items)) if items.len() > MAX_ITEMS => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationError",
                "Items exceeded maximum count of 5000",
            );
        }
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        _ => {
            p.push("Required", "Items are required.", "/items");
            Vec::new()
        }
    };
    let mut new_items = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let dest_href = link_href(item, "destination").map(str::to_owned);
        if dest_href.is_none() {
            p.push(
                "Required",
                "Destination is required.",
                format!("/items/{i}/_links/destination/href"),
            );
        }
        let amount = match read_amount(item, "amount", &format!("/items/{i}/amount"), true) {
            Ok(c) => Some(c),
            Err((code, message, path)) => {
                p.push(code, message, &path);
                None
            }
        };
        let metadata = match item.get("metadata") {
            None | Some(Value::Null) => None,
            Some(m) if valid_metadata(m) => Some(m.clone()),
            Some(_) => {
                p.push(
                    "Invalid",
                    "Invalid metadata.",
                    format!("/items/{i}/metadata"),
                );
                None
            }
        };
        let correlation_id =
            read_correlation_id(item, &format!("/items/{i}/correlationId"), &mut p);
        if let (Some(dest_href), Some(amount)) = (dest_href, amount) {
            new_items.push(ItemRecord {
                id: uuid::Uuid::new_v4().to_string(),
                mass_payment: String::new(),
                dest_fs: id_from_href(&dest_href, "funding-sources"),
                dest_href,
                amount_cents: amount,
                metadata,
                correlation_id,
                status: ItemStatus::Pending,
                transfer: None,
                error: None,
            });
        }
    }
    let status = match v.get("status").and_then(Value::as_str) {
        None => MpStatus::Pending,
        Some("deferred") => MpStatus::Deferred,
        Some("pending") => MpStatus::Pending,
        Some(_) => {
            p.push("Invalid", "Status invalid.", "/status");
            MpStatus::Pending
        }
    };
    let metadata = match v.get("metadata") {
        None | Some(Value::Null) => None,
        Some(m) if valid_metadata(m) => Some(m.clone()),
        Some(_) => {
            p.push("Invalid", "Invalid metadata.", "/metadata");
            None
        }
    };
    let correlation_id = read_correlation_id(&v, "/correlationId", &mut p);
    if let Err(resp) = p.finish() {
        return resp;
    }
    let Some(source) = source else {
        return not_found();
    };
    if !data.may_send(&source.owner) {
        return validation_embedded("Restricted", "Sender restricted.", SOURCE);
    }

    // Checked: each item may be up to ~1e17 cents.
    let Some(total_cents) = new_items
        .iter()
        .try_fold(0i64, |sum, i| sum.checked_add(i.amount_cents))
    else {
        return validation_embedded(
            "Invalid",
            "Invalid amount. The supplied amount is greater than your transaction limit.",
            "/items",
        );
    };

    let id = uuid::Uuid::new_v4().to_string();
    let seq = data.money.next_seq();
    let item_ids = new_items.iter().map(|i| i.id.clone()).collect();
    for mut item in new_items {
        item.mass_payment = id.clone();
        data.money.items.push(item);
    }
    data.money.mass_payments.push(MassPaymentRecord {
        id: id.clone(),
        seq,
        created: rfc3339_now(),
        source_fs: source.id.clone(),
        owner: source.owner.clone(),
        status,
        items: item_ids,
        metadata,
        correlation_id,
        clearing: v.get("clearing").filter(|c| c.is_object()).cloned(),
        total_cents,
    });
    data.mass_payment_event(base, &id, "created");
    let location = format!("{base}/mass-payments/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

fn read_correlation_id(v: &Value, path: &str, p: &mut Problems) -> Option<String> {
    match v.get("correlationId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if valid_correlation_id(id) => Some(id.clone()),
        Some(_) => {
            p.push(
                "InvalidFormat",
                "Correlation id must be at least one character and up to 255 characters when supplied.",
                path,
            );
            None
        }
    }
}

/// A mass payment as Dwolla shows it.
fn mass_payment_json(base: &str, m: &MassPaymentRecord) -> Value {
    let me = format!("{base}/mass-payments/{}", m.id);
    let mut doc = json!({
        "_links": {
            "self": link(me.clone(), "mass-payment"),
            "source": link(format!("{base}/funding-sources/{}", m.source_fs), "funding-source"),
            "items": link(format!("{me}/items"), "mass-payment-item"),
        },
        "id": m.id,
        "status": m.status.as_str(),
        "created": m.created,
        "total": amount_json(m.total_cents),
        "totalFees": amount_json(0),
    });
    if let Some(md) = &m.metadata {
        doc["metadata"] = md.clone();
    }
    if let Some(c) = &m.correlation_id {
        doc["correlationId"] = json!(c);
    }
    if let Some(c) = &m.clearing {
        doc["clearing"] = c.clone();
    }
    doc
}

/// An item as Dwolla shows it (`_embedded.errors` when it failed).
fn item_json(base: &str, i: &ItemRecord) -> Value {
    let mut links = json!({
        "self": link(format!("{base}/mass-payment-items/{}", i.id), "mass-payment-item"),
        "mass-payment": link(format!("{base}/mass-payments/{}", i.mass_payment), "mass-payment"),
        "destination": link(i.dest_href.clone(), "funding-source"),
    });
    if let Some(t) = &i.transfer {
        links["transfer"] = link(format!("{base}/transfers/{t}"), "transfer");
    }
    let mut doc = json!({
        "_links": links,
        "id": i.id,
        "status": i.status.as_str(),
        "amount": amount_json(i.amount_cents),
    });
    if let Some(md) = &i.metadata {
        doc["metadata"] = md.clone();
    }
    if let Some(c) = &i.correlation_id {
        doc["correlationId"] = json!(c);
    }
    if let Some((code, message, path)) = i.error {
        doc["_embedded"] = json!({ "errors": [{
            "code": code, "message": message, "path": path, "_links": {},
        }] });
    }
    doc
}

fn find<'d>(data: &'d Data, id: &str) -> Option<&'d MassPaymentRecord> {
    data.money
        .mass_payments
        .iter()
        .find(|m| m.id.eq_ignore_ascii_case(id))
}

/// `GET /mass-payments/{id}`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match find(&data, id) {
        Some(m) => hal(StatusCode::OK, &mass_payment_json(&call.shared.base_url, m)),
        None => not_found(),
    }
}

/// `POST /mass-payments/{id}`: `{"status": "pending"}` releases a deferred
/// mass payment, `{"status": "cancelled"}` cancels it; others are no
/// longer deferred (400).
pub(crate) fn update(call: &Call<'_>, id: &str) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let Some(m) = find(&data, id).cloned() else {
        return not_found();
    };
    let to = match v.get("status").and_then(Value::as_str) {
        Some("pending") => MpStatus::Pending,
        Some("cancelled") => MpStatus::Cancelled,
        _ => return validation_embedded("Invalid", "Status invalid.", "/status"),
    };
    if m.status != MpStatus::Deferred {
        return validation_embedded("NotAllowed", "Status not allowed.", "/status");
    }
    if let Some(rec) = data.money.mass_payments.iter_mut().find(|r| r.id == m.id) {
        rec.status = to;
    }
    if to == MpStatus::Cancelled {
        data.mass_payment_event(base, &m.id, "cancelled");
    }
    let Some(doc) = find(&data, &m.id).map(|m| mass_payment_json(base, m)) else {
        return not_found();
    };
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

/// `GET /mass-payments/{id}/items` (`status` repeatable, paged).
pub(crate) fn items(call: &Call<'_>, id: &str) -> Resp {
    let q = match ListQuery::read(
        call.query,
        Some(crate::emulator::handlers::paging::MAX_LIMIT),
    ) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(m) = find(&data, id) else {
        return not_found();
    };
    let statuses = q.all("status");
    let items: Vec<Value> = m
        .items
        .iter()
        .filter_map(|i| data.money.items.iter().find(|r| &r.id == i))
        .filter(|i| statuses.is_empty() || statuses.contains(&i.status.as_str()))
        .map(|i| item_json(base, i))
        .collect();
    let collection = format!("{base}/mass-payments/{}/items", m.id);
    hal(
        StatusCode::OK,
        &q.page(
            &collection,
            "items",
            "mass-payment-item",
            &["status"],
            items,
        ),
    )
}

/// `GET /mass-payment-items/{id}`.
pub(crate) fn item(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match data
        .money
        .items
        .iter()
        .find(|i| i.id.eq_ignore_ascii_case(id))
    {
        Some(i) => hal(StatusCode::OK, &item_json(&call.shared.base_url, i)),
        None => not_found(),
    }
}

/// `GET /customers/{id}/mass-payments`.
pub(crate) fn list_for_customer(call: &Call<'_>, customer_id: &str) -> Resp {
    let data = lock(call);
    let Some(id) = data.customer(customer_id).map(|c| c.id.clone()) else {
        return not_found();
    };
    list(call, &data, &Owner::Customer(id))
}

/// The mass payments of `owner`, newest first (`correlationId` filter,
/// paged).
pub(crate) fn list(call: &Call<'_>, data: &Data, owner: &Owner) -> Resp {
    let q = match ListQuery::read(
        call.query,
        Some(crate::emulator::handlers::paging::MAX_LIMIT),
    ) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let correlation = q.get("correlationId");
    let mut found: Vec<&MassPaymentRecord> = data
        .money
        .mass_payments
        .iter()
        .filter(|m| &m.owner == owner)
        .filter(|m| correlation.is_none_or(|c| m.correlation_id.as_deref() == Some(c)))
        .collect();
    found.sort_by_key(|m| std::cmp::Reverse(m.seq));
    let items = found.iter().map(|m| mass_payment_json(base, m)).collect();
    let collection = format!("{}/mass-payments", owner.href(base));
    hal(
        StatusCode::OK,
        &q.page(
            &collection,
            "mass-payments",
            "mass-payment",
            &["correlationId"],
            items,
        ),
    )
}
