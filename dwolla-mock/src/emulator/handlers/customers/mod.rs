//! Customers: `POST /customers`, `GET /customers` (search, filters, paging),
//! `GET /customers/{id}`, `POST /customers/{id}` (see [`update`]) and the
//! business classifications, played as Dwolla's sandbox plays them (see the
//! emulator's module docs for the magic words).

mod classifications;
pub(crate) mod forms;
mod update;
pub(crate) mod validate;

use http::{Method, StatusCode};
use serde_json::{json, Map, Value};

use super::super::state::customers::{Certification, CustomerRecord, DocumentNeeds, Kind, Status};
use super::super::state::Data;
use super::super::Emulator;
use super::auth::check_content_type;
use super::idempotency::{idempotency_key, remember, replay};
use super::paging::{ListQuery, MAX_LIMIT};
use super::respond::{
    created, error, hal, link, method_not_allowed, parse_json_object, rfc3339_now, Resp, HAL,
};
use super::Call;
use forms::{first_outcome, CustomerForm, Outcome, SsnRule};

/// Answers the paths this family serves; `None` for the others.
pub(crate) fn route(call: &Call<'_>) -> Option<Resp> {
    let method = call.method;
    Some(match *call.segs {
        ["customers"] => match *method {
            Method::GET => list(call),
            Method::POST => create(call),
            _ => method_not_allowed(),
        },
        ["customers", id] => match *method {
            Method::GET => get(call, id),
            Method::POST => update::update(call, id),
            _ => method_not_allowed(),
        },
        ["business-classifications"] => match *method {
            Method::GET => classifications::list(call),
            _ => method_not_allowed(),
        },
        ["business-classifications", id] => match *method {
            Method::GET => classifications::get(call, id),
            _ => method_not_allowed(),
        },
        _ => return None,
    })
}

/// 404 for a customer id nobody created.
pub(crate) fn customer_not_found() -> Resp {
    error(StatusCode::NOT_FOUND, "NotFound", "Customer not found.")
}

/// 403 `InvalidResourceState` "Resource cannot be modified.", Dwolla's
/// answer to an update the customer's status does not allow.
pub(crate) fn cannot_modify() -> Resp {
    error(
        StatusCode::FORBIDDEN,
        "InvalidResourceState",
        "Resource cannot be modified.",
    )
}

fn create(call: &Call<'_>) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let shared = call.shared;
    let key = idempotency_key(call.headers);
    let mut data = shared.data();
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let form = match forms::read(
        &body,
        &data,
        &shared.base_url,
        None,
        SsnRule::FourOrNine,
        None,
    ) {
        Ok(form) => form,
        Err(resp) => return resp,
    };
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = first_outcome(&form);
    insert(&mut data, &id, rfc3339_now(), &form, &outcome);
    let base = &shared.base_url;
    data.customer_event(base, "customer_created", &id);
    if let Some(topic) = outcome.status.topic() {
        data.customer_event(base, topic, &id);
    }
    let location = format!("{base}/customers/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

/// Adds a customer made from `form`, in the state `outcome` says.
fn insert(data: &mut Data, id: &str, created: String, form: &CustomerForm, outcome: &Outcome) {
    let seq = data.customers.next_seq();
    data.customers.all.push(CustomerRecord {
        id: id.to_owned(),
        seq,
        created,
        kind: form.kind,
        status: outcome.status,
        before_deactivation: None,
        fields: form.fields.clone(),
        retry_links: outcome.retry_links.clone(),
        retried: false,
        document_needs: outcome.needs,
        certification: form.has_controller.then_some(Certification::Uncertified),
    });
}

/// Preloads a verified personal customer with this id (what
/// [`Emulator::CUSTOMER_ID`] and `EmulatorBuilder::customer` are).
pub(crate) fn preload(data: &mut Data, id: &str) {
    if data.has_customer(id) {
        return;
    }
    let email = if id == Emulator::CUSTOMER_ID {
        "emulator.customer@example.com".to_owned()
    } else {
        let local: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("customer.{local}@example.com")
    };
    let fields = json!({
        "firstName": "Jane",
        "lastName": "Doe",
        "email": email,
        "address1": "462 Main Street",
        "city": "Des Moines",
        "state": "IA",
        "postalCode": "50309",
    });
    let form = CustomerForm {
        kind: Kind::Personal,
        fields: fields.as_object().cloned().unwrap_or_default(),
        person_word: "jane".into(),
        business_word: String::new(),
        has_controller: false,
    };
    let outcome = Outcome {
        status: Status::Verified,
        retry_links: Vec::new(),
        needs: DocumentNeeds::default(),
    };
    insert(data, id, "2024-01-15T17:20:42.000Z".into(), &form, &outcome);
    data.customers.preloaded.push(id.to_owned());
}

fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = call.shared.data();
    match data.customer(id) {
        Some(c) => hal(StatusCode::OK, &customer_json(&call.shared.base_url, c)),
        None => customer_not_found(),
    }
}

/// A customer as Dwolla shows it, with the links its status offers.
pub(crate) fn customer_json(base: &str, c: &CustomerRecord) -> Value {
    let me = format!("{base}/customers/{}", c.id);
    let mut links = Map::new();
    let mut add = |rel: &str, href: String, resource_type: &str| {
        links.insert(rel.to_owned(), link(href, resource_type));
    };
    add("self", me.clone(), "customer");
    add(
        "funding-sources",
        format!("{me}/funding-sources"),
        "funding-source",
    );
    add("transfers", format!("{me}/transfers"), "transfer");
    let active = !matches!(c.status, Status::Suspended | Status::Deactivated);
    if active {
        add("deactivate", me.clone(), "customer");
    }
    if active && c.status != Status::Document {
        add("edit", me.clone(), "customer");
    }
    match c.status {
        Status::Verified => {
            add("send", format!("{base}/transfers"), "transfer");
            add("receive", format!("{base}/transfers"), "transfer");
        }
        Status::Unverified => {
            if c.kind == Kind::Unverified {
                add("send", format!("{base}/transfers"), "transfer");
            }
            add("receive", format!("{base}/transfers"), "transfer");
        }
        Status::Retry => {
            for rel in &c.retry_links {
                add(rel, me.clone(), "customer");
            }
        }
        Status::Kba => add("kba", format!("{me}/kba"), "kba"),
        Status::Document => {
            if let Some(rel) = c.document_needs.link() {
                add(rel, format!("{me}/documents"), "document");
            }
            links.insert(
                "document-form".into(),
                json!({
                    "href": format!("{me}/documents"),
                    "type": format!("{HAL}; profile=\"https://github.com/dwolla/hal-forms\""),
                    "resource-type": "document",
                }),
            );
        }
        Status::Deactivated => add("reactivate", me.clone(), "customer"),
        Status::Suspended => {}
    }
    if c.has_controller() {
        links.insert(
            "beneficial-owners".into(),
            link(format!("{me}/beneficial-owners"), "beneficial-owner"),
        );
        if c.certification != Some(Certification::Certified) {
            links.insert(
                "certify-beneficial-ownership".into(),
                link(format!("{me}/beneficial-ownership"), "beneficial-ownership"),
            );
        }
    }
    let mut doc = c.fields.clone();
    doc.insert("_links".into(), Value::Object(links));
    doc.insert("id".into(), json!(c.id));
    doc.insert("type".into(), json!(c.kind.as_str()));
    doc.insert("status".into(), json!(c.status.as_str()));
    doc.insert("created".into(), json!(c.created));
    Value::Object(doc)
}

/// Whether a customer matches `search`: a case-insensitive substring of its
/// first name, last name, full name, business name or email.
fn matches_search(c: &CustomerRecord, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let first = c.text("firstName").unwrap_or_default();
    let last = c.text("lastName").unwrap_or_default();
    [
        first.to_owned(),
        last.to_owned(),
        format!("{first} {last}"),
        c.text("businessName").unwrap_or_default().to_owned(),
        c.email().to_owned(),
    ]
    .iter()
    .any(|hay| hay.to_lowercase().contains(&needle))
}

fn list(call: &Call<'_>) -> Resp {
    let q = match ListQuery::read(call.query, Some(MAX_LIMIT)) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let (search, email, statuses) = (q.get("search"), q.get("email"), q.all("status"));
    let base = &call.shared.base_url;
    let data = call.shared.data();
    let mut found: Vec<&CustomerRecord> = data
        .customers
        .all
        .iter()
        .filter(|c| search.is_none_or(|s| matches_search(c, s)))
        .filter(|c| email.is_none_or(|e| c.email().eq_ignore_ascii_case(e.trim())))
        .filter(|c| statuses.is_empty() || statuses.contains(&c.status.as_str()))
        .collect();
    // Newest first.
    found.sort_by_key(|c| std::cmp::Reverse(c.seq));
    let items = found.iter().map(|c| customer_json(base, c)).collect();
    q.respond(
        &format!("{base}/customers"),
        "customers",
        "customer",
        &["search", "email", "status"],
        items,
    )
}
