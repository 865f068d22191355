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
use super::respond::{
    created, error, form_decode, hal, link, method_not_allowed, parse_json_object, rfc3339_now,
    Resp, HAL,
};
use super::Call;
use forms::{first_outcome, CustomerForm, Outcome, SsnRule};
use validate::Problems;

/// `limit` when none is given.
const DEFAULT_LIMIT: u32 = 25;
/// The largest `limit` Dwolla takes for customers.
const MAX_LIMIT: u32 = 200;

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

/// The `GET /customers` query, read.
struct ListQuery {
    limit: u32,
    offset: u64,
    search: Option<String>,
    email: Option<String>,
    statuses: Vec<String>,
}

fn list_query(query: Option<&str>) -> Result<ListQuery, Resp> {
    let mut q = ListQuery {
        limit: DEFAULT_LIMIT,
        offset: 0,
        search: None,
        email: None,
        statuses: Vec::new(),
    };
    let mut p = Problems::default();
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|s| !s.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(k), Some(v)) = (form_decode(k), form_decode(v)) else {
            p.push("Invalid", "The query string is not valid.", "/");
            continue;
        };
        match k.as_str() {
            "limit" => match v.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => q.limit = n,
                _ => p.push(
                    "Invalid",
                    format!("Limit must be a whole number from 1 to {MAX_LIMIT}."),
                    "/limit",
                ),
            },
            "offset" => match v.trim().parse::<u64>() {
                Ok(n) => q.offset = n,
                Err(_) => p.push(
                    "Invalid",
                    "Offset must be a whole number, 0 or more.",
                    "/offset",
                ),
            },
            "search" => q.search = Some(v),
            "email" => q.email = Some(v),
            "status" => q.statuses.push(v),
            _ => {}
        }
    }
    p.finish().map(|()| q)
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
    let q = match list_query(call.query) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let data = call.shared.data();
    let mut found: Vec<&CustomerRecord> = data
        .customers
        .all
        .iter()
        .filter(|c| q.search.as_deref().is_none_or(|s| matches_search(c, s)))
        .filter(|c| {
            q.email
                .as_deref()
                .is_none_or(|e| c.email().eq_ignore_ascii_case(e.trim()))
        })
        .filter(|c| q.statuses.is_empty() || q.statuses.iter().any(|s| s == c.status.as_str()))
        .collect();
    // Newest first.
    found.sort_by_key(|c| std::cmp::Reverse(c.seq));
    let total = found.len() as u64;
    let limit = u64::from(q.limit);
    let page: Vec<Value> = found
        .iter()
        .skip(usize::try_from(q.offset).unwrap_or(usize::MAX))
        .take(q.limit as usize)
        .map(|c| customer_json(base, c))
        .collect();

    let mut filters: Vec<(&str, &str)> = Vec::new();
    if let Some(s) = &q.search {
        filters.push(("search", s));
    }
    if let Some(e) = &q.email {
        filters.push(("email", e));
    }
    for s in &q.statuses {
        filters.push(("status", s));
    }
    let href = |offset: u64| page_href(base, q.limit, offset, &filters);
    let last = if total == 0 {
        0
    } else {
        (total - 1) / limit * limit
    };
    let mut links = Map::new();
    links.insert("self".into(), link(href(q.offset), "customer"));
    links.insert("first".into(), link(href(0), "customer"));
    links.insert("last".into(), link(href(last), "customer"));
    if q.offset + limit < total {
        links.insert("next".into(), link(href(q.offset + limit), "customer"));
    }
    if q.offset > 0 {
        let prev = q.offset.saturating_sub(limit).min(last);
        links.insert("prev".into(), link(href(prev), "customer"));
    }
    hal(
        StatusCode::OK,
        &json!({
            "_links": links,
            "_embedded": { "customers": page },
            "total": total,
        }),
    )
}

/// `{base}/customers?limit=L&offset=O` and the filters, percent-encoded.
fn page_href(base: &str, limit: u32, offset: u64, filters: &[(&str, &str)]) -> String {
    let mut href = format!("{base}/customers?limit={limit}&offset={offset}");
    for (k, v) in filters {
        href.push('&');
        href.push_str(k);
        href.push('=');
        href.push_str(&percent_encode(v));
    }
    href
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_encode_filters() {
        assert_eq!(
            page_href(
                "http://h",
                25,
                50,
                &[("search", "jane doe"), ("email", "a+b@c.d")]
            ),
            "http://h/customers?limit=25&offset=50&search=jane%20doe&email=a%2Bb%40c.d"
        );
    }

    #[test]
    fn query_limits() {
        assert_eq!(list_query(None).ok().map(|q| q.limit), Some(25));
        assert_eq!(
            list_query(Some("limit=200")).ok().map(|q| q.limit),
            Some(200)
        );
        assert!(list_query(Some("limit=201")).is_err());
        assert!(list_query(Some("limit=0")).is_err());
        assert!(list_query(Some("offset=-1")).is_err());
        let q = list_query(Some("status=document&status=retry&search=jane+doe"))
            .ok()
            .unwrap();
        assert_eq!(q.statuses, ["document", "retry"]);
        assert_eq!(q.search.as_deref(), Some("jane doe"));
    }
}
