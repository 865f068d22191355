//! Labels of verified customers: `POST`/`GET /customers/{id}/labels`,
//! `GET`/`DELETE /labels/{id}`, `POST`/`GET /labels/{id}/ledger-entries`,
//! `GET /ledger-entries/{id}`, `POST /label-reallocations`,
//! `GET /label-reallocations/{id}`.
//!
//! A label holds part of the customer's balance: creating or increasing
//! one takes available funds (400 "Invalid amount." beyond them), a
//! decrease never takes it below zero, it is removed only at zero (403
//! `InvalidResourceState`), and a reallocation moves an amount between two
//! labels of one customer as two ledger entries.

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::super::super::state::money::{
    LabelRecord, LedgerEntryRecord, Owner, ReallocationRecord,
};
use super::super::super::state::Data;
use super::super::idempotency::remember;
use super::super::respond::{
    created, error, hal, id_from_href, link, rfc3339_now, validation_embedded, Resp,
};
use super::super::Call;
use super::{
    amount_json, begin_post, invalid_state, link_href, lock, read_amount, ListQuery, Posted,
};

fn label_not_found() -> Resp {
    super::not_found_msg("Label not found")
}

fn customer_not_found() -> Resp {
    super::not_found_msg("Customer not found")
}

fn forbidden(message: &str) -> Resp {
    error(StatusCode::FORBIDDEN, "Forbidden", message)
}

fn invalid_amount() -> Resp {
    validation_embedded("Invalid", "Invalid amount.", "/amount/value")
}

/// What the customer's balance can still put in labels (cents).
fn available(data: &Data, customer_id: &str) -> i64 {
    let owner = Owner::Customer(customer_id.to_owned());
    data.money
        .balance_of(&owner)
        .map_or(0, |b| data.money.available_cents(b))
}

fn label_json(base: &str, l: &LabelRecord) -> Value {
    let me = format!("{base}/labels/{}", l.id);
    let mut links = Map::new();
    links.insert("self".into(), link(me.clone(), "label"));
    links.insert(
        "update".into(),
        link(format!("{me}/ledger-entries"), "ledger-entry"),
    );
    links.insert(
        "ledger-entries".into(),
        link(format!("{me}/ledger-entries"), "ledger-entry"),
    );
    links.insert(
        "customer".into(),
        link(format!("{base}/customers/{}", l.customer_id), "customer"),
    );
    if l.amount_cents == 0 {
        links.insert("remove".into(), link(me, "label"));
    }
    json!({
        "_links": links,
        "id": l.id,
        "created": l.created,
        "amount": amount_json(l.amount_cents),
    })
}

fn entry_json(base: &str, e: &LedgerEntryRecord) -> Value {
    json!({
        "_links": {
            "self": link(format!("{base}/ledger-entries/{}", e.id), "ledger-entry"),
            "label": link(format!("{base}/labels/{}", e.label_id), "label"),
        },
        "id": e.id,
        "amount": amount_json(e.amount_cents),
        "created": e.created,
    })
}

/// `POST /customers/{id}/labels` `{amount}`.
pub(crate) fn create(call: &Call<'_>, customer_id: &str) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let Some(customer) = data.customer(customer_id).map(|c| c.id.clone()) else {
        return customer_not_found();
    };
    if !data.money.with_balance.contains(&customer) {
        return forbidden("Not authorized to create customer label");
    }
    let cents = match read_amount(&v, "amount", "/amount", true) {
        Ok(c) => c,
        Err((code, message, path)) => return validation_embedded(code, message, &path),
    };
    if cents > available(&data, &customer) {
        return invalid_amount();
    }
    let id = uuid::Uuid::new_v4().to_string();
    let seq = data.money.next_seq();
    data.money.labels.push(LabelRecord {
        id: id.clone(),
        seq,
        customer_id: customer.clone(),
        created: rfc3339_now(),
        amount_cents: 0,
        removed: false,
    });
    // The label's first ledger entry is its amount.
    data.add_ledger_entry(None, &id, cents);
    let href = format!("{base}/labels/{id}");
    let customer_href = format!("{base}/customers/{customer}");
    data.events
        .emit("customer_label_created", &href, Some(&customer_href), None);
    remember(&mut data, key, call.path, call.body, &href);
    created(&href)
}

/// `GET /customers/{id}/labels`: newest first, paged.
pub(crate) fn list(call: &Call<'_>, customer_id: &str) -> Resp {
    let q = match ListQuery::read(
        call.query,
        Some(crate::emulator::handlers::paging::MAX_LIMIT),
    ) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(customer) = data.customer(customer_id).map(|c| c.id.clone()) else {
        return customer_not_found();
    };
    if !data.money.with_balance.contains(&customer) {
        return forbidden("Not authorized to list customer labels");
    }
    let mut labels: Vec<&LabelRecord> = data
        .money
        .labels
        .iter()
        .filter(|l| !l.removed && l.customer_id == customer)
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.seq));
    let items = labels.iter().map(|l| label_json(base, l)).collect();
    let collection = format!("{base}/customers/{customer}/labels");
    hal(
        StatusCode::OK,
        &q.page(&collection, "labels", "label", &[], items),
    )
}

/// `GET /labels/{id}`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match data.label(id) {
        Some(l) => hal(StatusCode::OK, &label_json(&call.shared.base_url, l)),
        None => label_not_found(),
    }
}

/// `DELETE /labels/{id}`: only at zero; answers the removed label.
pub(crate) fn remove(call: &Call<'_>, id: &str) -> Resp {
    let mut data = lock(call);
    let base = &call.shared.base_url;
    let Some(l) = data.label(id).cloned() else {
        return label_not_found();
    };
    if l.amount_cents != 0 {
        return invalid_state("Amount must be zero to remove label.");
    }
    if let Some(rec) = data.money.labels.iter_mut().find(|r| r.id == l.id) {
        rec.removed = true;
    }
    let href = format!("{base}/labels/{}", l.id);
    let customer_href = format!("{base}/customers/{}", l.customer_id);
    data.events
        .emit("customer_label_removed", &href, Some(&customer_href), None);
    hal(StatusCode::OK, &label_json(base, &l))
}

/// `GET /labels/{id}/ledger-entries`: newest first, paged.
pub(crate) fn entries(call: &Call<'_>, id: &str) -> Resp {
    let q = match ListQuery::read(
        call.query,
        Some(crate::emulator::handlers::paging::MAX_LIMIT),
    ) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(l) = data.label(id) else {
        return label_not_found();
    };
    let mut entries: Vec<&LedgerEntryRecord> = data
        .money
        .ledger_entries
        .iter()
        .filter(|e| e.label_id == l.id)
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let items = entries.iter().map(|e| entry_json(base, e)).collect();
    let collection = format!("{base}/labels/{}/ledger-entries", l.id);
    hal(
        StatusCode::OK,
        &q.page(&collection, "ledger-entries", "ledger-entry", &[], items),
    )
}

/// `POST /labels/{id}/ledger-entries` `{amount}` (signed, not zero).
pub(crate) fn add_entry(call: &Call<'_>, id: &str) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let Some(l) = data.label(id).cloned() else {
        return label_not_found();
    };
    let cents = match read_amount(&v, "amount", "/amount", false) {
        Ok(0) => return invalid_amount(),
        Ok(c) => c,
        Err((code, message, path)) => return validation_embedded(code, message, &path),
    };
    if l.amount_cents + cents < 0 || cents > available(&data, &l.customer_id) {
        return invalid_amount();
    }
    let entry = data.add_ledger_entry(Some(base), &l.id, cents);
    let href = format!("{base}/ledger-entries/{entry}");
    remember(&mut data, key, call.path, call.body, &href);
    created(&href)
}

/// `GET /ledger-entries/{id}`.
pub(crate) fn entry(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match data
        .money
        .ledger_entries
        .iter()
        .find(|e| e.id.eq_ignore_ascii_case(id))
    {
        Some(e) => hal(StatusCode::OK, &entry_json(&call.shared.base_url, e)),
        None => super::not_found_msg("Ledger entry not found"),
    }
}

/// `POST /label-reallocations` `{_links.from, _links.to, amount}`.
pub(crate) fn reallocate(call: &Call<'_>) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let label = |rel: &str| {
        link_href(&v, rel)
            .and_then(|href| id_from_href(href, "labels"))
            .and_then(|id| data.label(&id).cloned())
    };
    let (Some(from), Some(to)) = (label("from"), label("to")) else {
        return label_not_found();
    };
    if from.customer_id != to.customer_id || from.id == to.id {
        return validation_embedded(
            "Invalid",
            "Labels must be two labels of the same customer.",
            "/_links/to/href",
        );
    }
    let cents = match read_amount(&v, "amount", "/amount", true) {
        Ok(c) => c,
        Err((code, message, path)) => return validation_embedded(code, message, &path),
    };
    if from.amount_cents < cents {
        return invalid_amount();
    }
    let from_entry = data.add_ledger_entry(Some(base), &from.id, -cents);
    let to_entry = data.add_ledger_entry(Some(base), &to.id, cents);
    let id = uuid::Uuid::new_v4().to_string();
    data.money.reallocations.push(ReallocationRecord {
        id: id.clone(),
        from_entry,
        to_entry,
        created: rfc3339_now(),
    });
    let href = format!("{base}/label-reallocations/{id}");
    remember(&mut data, key, call.path, call.body, &href);
    created(&href)
}

/// `GET /label-reallocations/{id}`: its two ledger entries (no `id`
/// member, as Dwolla documents it).
pub(crate) fn reallocation(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(r) = data
        .money
        .reallocations
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
    else {
        return super::not_found_msg("Label reallocation not found");
    };
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "self": link(format!("{base}/label-reallocations/{}", r.id), "label-reallocation"),
                "from-ledger-entry": link(format!("{base}/ledger-entries/{}", r.from_entry), "ledger-entry"),
                "to-ledger-entry": link(format!("{base}/ledger-entries/{}", r.to_entry), "ledger-entry"),
            },
            "created": r.created,
        }),
    )
}
