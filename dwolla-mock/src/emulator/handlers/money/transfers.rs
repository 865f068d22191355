//! Transfers: `POST /transfers` (idempotent; Dwolla's validation errors
//! with their paths; insufficient funds), `GET /transfers/{id}`,
//! `POST /transfers/{id}` (cancel), `GET /transfers/{id}/fees`,
//! `GET /transfers/{id}/failure`, and the customer's and the account's
//! transfer lists. How money moves is `state::money::transfers`.

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::super::super::state::customers::CustomerRecord;
use super::super::super::state::money::transfers::{return_code_text, NewTransfer};
use super::super::super::state::money::{
    parse_cents, FsKind, FundingSourceRecord, Owner, TransferRecord, ACCOUNT_NAME,
};
use super::super::super::state::Data;
use super::super::super::Emulator;
use super::super::idempotency::{remember, remember_reply};
use super::super::respond::{
    created, hal, id_from_href, link, not_found, validation_embedded, Resp,
};
use super::super::Call;
use super::{
    amount_json, begin_post, link_href, lock, read_amount, valid_correlation_id, valid_metadata,
    ListQuery, Posted, Problems,
};

const SOURCE: &str = "/_links/source/href";
const DESTINATION: &str = "/_links/destination/href";
const CHARGE_TO: &str = "/fees/_links/charge-to/href";

/// The filters a transfer list keeps in its paging links.
const FILTERS: &[&str] = &[
    "search",
    "startAmount",
    "endAmount",
    "startDate",
    "endDate",
    "status",
    "correlationId",
];

/// The destination a body names: a funding source, or (as Dwolla's older
/// reference allows) a customer's or the account's URL, meaning its balance.
fn destination<'d>(
    data: &'d Data,
    href: &str,
) -> Result<&'d FundingSourceRecord, (&'static str, &'static str)> {
    if let Some(id) = id_from_href(href, "funding-sources") {
        return data.money.fs(&id).ok_or(("Invalid", "Receiver not found."));
    }
    let owner = if let Some(id) = id_from_href(href, "accounts") {
        if !id.eq_ignore_ascii_case(Emulator::ACCOUNT_ID) {
            return Err(("Invalid", "Receiver not found."));
        }
        Owner::Account
    } else if let Some(id) = id_from_href(href, "customers") {
        match data.customer(&id) {
            Some(c) => Owner::Customer(c.id.clone()),
            None => return Err(("Invalid", "Receiver not found.")),
        }
    } else {
        return Err(("Invalid", "Receiver not found."));
    };
    data.money
        .balance_of(&owner)
        .ok_or(("RequiresFundingSource", "Receiver requires funding source."))
}

/// `POST /transfers`.
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
    let dest = match link_href(&v, "destination") {
        None => {
            p.push("Required", "Destination is required.", DESTINATION);
            None
        }
        Some(href) => match destination(&data, href) {
            Err((code, message)) => {
                p.push(code, message, DESTINATION);
                None
            }
            Ok(f) if f.removed || f.kind == FsKind::Virtual => {
                p.push(
                    "Invalid",
                    "Invalid destination funding source.",
                    DESTINATION,
                );
                None
            }
            Ok(f) if source.as_ref().is_some_and(|s| s.id == f.id) => {
                p.push(
                    "Invalid",
                    "Receiver cannot be the owner of the source funding source.",
                    DESTINATION,
                );
                None
            }
            Ok(f) => Some(f.clone()),
        },
    };
    let amount = match read_amount(&v, "amount", "/amount", true) {
        Ok(c) => Some(c),
        Err((code, message, path)) => {
            p.push(code, message, &path);
            None
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
    let correlation_id = match v.get("correlationId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if valid_correlation_id(id) => Some(id.clone()),
        Some(_) => {
            p.push(
                "InvalidFormat",
                "Correlation id must be at least one character and up to 255 characters when supplied.",
                "/correlationId",
            );
            None
        }
    };
    let clearing = match v.get("clearing") {
        None | Some(Value::Null) => None,
        Some(c) if clearing_ok(c) => Some(c.clone()),
        Some(_) => {
            p.push("Invalid", "Invalid clearing.", "/clearing");
            None
        }
    };
    let fees = read_fees(&data, &v, &mut p);
    if let Err(resp) = p.finish() {
        return resp;
    }
    let (Some(source), Some(dest), Some(amount)) = (source, dest, amount) else {
        return not_found();
    };

    // What the parties may do.
    if !data.may_send(&source.owner) {
        return validation_embedded("Restricted", "Sender restricted.", SOURCE);
    }
    if !data.may_receive(&dest.owner) {
        return validation_embedded("Restricted", "Receiver restricted.", DESTINATION);
    }
    if metadata.is_some() && source.kind == FsKind::Balance {
        return validation_embedded("Invalid", "Invalid metadata.", "/metadata");
    }
    if data
        .send_limit_cents(&source.owner)
        .is_some_and(|limit| amount > limit)
    {
        return validation_embedded(
            "Invalid",
            "Invalid amount. The supplied amount is greater than your transaction limit.",
            "/amount/value",
        );
    }
    // Checked: each fee may be up to ~1e17 cents, so their sum (or twice
    // it) can pass i64; too large either way.
    let fee_total = fees
        .iter()
        .try_fold(0i64, |sum, (_, c)| sum.checked_add(*c))
        .filter(|total| total.checked_mul(2).is_some_and(|twice| twice <= amount));
    let Some(fee_total) = fee_total else {
        return validation_embedded("Invalid", "Facilitator fee sum too large.", "");
    };
    for (customer, _) in &fees {
        let charged = Owner::Customer(customer.clone());
        if charged != source.owner && charged != dest.owner {
            return validation_embedded(
                "Invalid",
                "Unable to charge fee to specified destination.",
                CHARGE_TO,
            );
        }
    }
    // A balance must be able to hold what may reach it (what is pending
    // to it included), so that crediting it later cannot overflow.
    let fits = |fs: &str, extra: i64| data.money.can_receive(fs, extra);
    let to_dest = if dest.id.eq_ignore_ascii_case(Emulator::ACCOUNT_BALANCE_ID) {
        amount.checked_add(fee_total)
    } else {
        Some(amount)
    };
    if !to_dest.is_some_and(|cents| fits(&dest.id, cents))
        || !fits(Emulator::ACCOUNT_BALANCE_ID, fee_total)
    {
        return validation_embedded(
            "Invalid",
            "Invalid amount. The supplied amount is greater than your transaction limit.",
            "/amount/value",
        );
    }
    if source.kind == FsKind::Balance {
        let fees_of_source: i64 = fees
            .iter()
            .filter(|(c, _)| source.owner.is_customer(c))
            .map(|(_, c)| c)
            .sum();
        if data.money.available_cents(&source) < amount + fees_of_source {
            return validation_embedded("InsufficientFunds", "Insufficient funds.", SOURCE);
        }
    }

    let id = data.create_transfer(
        base,
        NewTransfer {
            source_fs: source.id,
            dest_fs: dest.id,
            amount_cents: amount,
            metadata,
            correlation_id,
            clearing,
            fees,
            mass_payment_item: None,
        },
    );
    let location = format!("{base}/transfers/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

/// `clearing`: `source` `standard` or `next-available`, `destination`
/// `next-available`.
fn clearing_ok(c: &Value) -> bool {
    let Some(m) = c.as_object() else {
        return false;
    };
    m.iter().all(|(k, v)| {
        matches!(
            (k.as_str(), v.as_str()),
            ("source", Some("standard" | "next-available"))
                | ("destination", Some("next-available"))
        )
    })
}

/// `fees`: each `{_links.charge-to.href, amount}`, at least $0.01, all
/// charged to the same customer. The customer ids and cents.
fn read_fees(data: &Data, v: &Value, p: &mut Problems) -> Vec<(String, i64)> {
    let Some(list) = v.get("fees").filter(|f| !f.is_null()) else {
        return Vec::new();
    };
    let Some(list) = list.as_array() else {
        p.push("Invalid", "Invalid facilitator fee amount.", "/fees");
        return Vec::new();
    };
    let mut fees = Vec::new();
    for fee in list {
        let customer = link_href(fee, "charge-to")
            .and_then(|href| id_from_href(href, "customers"))
            .and_then(|id| data.customer(&id).map(|c| c.id.clone()));
        let Some(customer) = customer else {
            p.push(
                "Invalid",
                "Unable to charge fee to specified destination.",
                CHARGE_TO,
            );
            continue;
        };
        match read_amount(fee, "amount", "/fees/amount", true) {
            Ok(cents) => fees.push((customer, cents)),
            Err(_) => p.push(
                "Invalid",
                "Facilitator fee below minimum.",
                "/fees/amount/value",
            ),
        }
    }
    if fees.windows(2).any(|w| w[0].0 != w[1].0) {
        p.push(
            "Invalid",
            "Currently, all fees must be paid by same destination.",
            CHARGE_TO,
        );
    }
    fees
}

/// A transfer as Dwolla shows it.
pub(crate) fn transfer_json(base: &str, t: &TransferRecord) -> Value {
    let me = format!("{base}/transfers/{}", t.id);
    let mut links = Map::new();
    let mut add = |rel: &str, href: String, resource_type: &str| {
        links.insert(rel.to_owned(), link(href, resource_type));
    };
    add("self", me.clone(), "transfer");
    add("source", t.source.href(base), t.source.resource_type());
    add(
        "source-funding-source",
        format!("{base}/funding-sources/{}", t.source_fs),
        "funding-source",
    );
    add("destination", t.dest.href(base), t.dest.resource_type());
    add(
        "destination-funding-source",
        format!("{base}/funding-sources/{}", t.dest_fs),
        "funding-source",
    );
    if t.is_cancellable() {
        add("cancel", me.clone(), "transfer");
    }
    if !t.fees.is_empty() {
        add("fees", format!("{me}/fees"), "fee");
    }
    if t.failure.is_some() {
        add("failure", format!("{me}/failure"), "failure");
    }
    if let Some(parent) = &t.fee_of {
        add(
            "created-from-transfer",
            format!("{base}/transfers/{parent}"),
            "transfer",
        );
    }
    if let Some(item) = &t.mass_payment_item {
        add(
            "mass-payment-item",
            format!("{base}/mass-payment-items/{item}"),
            "mass-payment-item",
        );
    }
    let mut doc = json!({
        "_links": links,
        "id": t.id,
        "status": t.status.as_str(),
        "amount": amount_json(t.amount_cents),
        "created": t.created,
    });
    if let Some(c) = &t.clearing {
        doc["clearing"] = c.clone();
    }
    if let Some(m) = &t.metadata {
        doc["metadata"] = m.clone();
    }
    if let Some(c) = &t.correlation_id {
        doc["correlationId"] = json!(c);
    }
    if let Some(a) = &t.individual_ach_id {
        doc["individualAchId"] = json!(a);
    }
    doc
}

/// `GET /transfers/{id}`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match data.money.transfer(id) {
        Some(t) => hal(StatusCode::OK, &transfer_json(&call.shared.base_url, t)),
        None => not_found(),
    }
}

/// `POST /transfers/{id}` `{"status": "cancelled"}`: while cancellable
/// (its bank debit still waits); afterwards 400 `NotAllowed` "Status not
/// allowed." on `/status`, Dwolla's answer.
pub(crate) fn cancel(call: &Call<'_>, id: &str) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let Some(t) = data.money.transfer(id).cloned() else {
        return not_found();
    };
    if v.get("status").and_then(Value::as_str) != Some("cancelled") {
        return validation_embedded("Invalid", "Status invalid.", "/status");
    }
    if !t.is_cancellable() {
        return validation_embedded("NotAllowed", "Status not allowed.", "/status");
    }
    data.cancel_transfer(base, &t.id);
    let Some(doc) = data.money.transfer(&t.id).map(|t| transfer_json(base, t)) else {
        return not_found();
    };
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

/// `GET /transfers/{id}/fees`: the fee transfers, as the reference shows
/// them (`transactions`, `total`).
pub(crate) fn fees(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(t) = data.money.transfer(id) else {
        return not_found();
    };
    let fees: Vec<Value> = t
        .fees
        .iter()
        .filter_map(|f| data.money.transfer(f))
        .map(|f| transfer_json(base, f))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{base}/transfers/{}/fees", t.id), "fee") },
            "transactions": fees,
            "total": fees.len(),
        }),
    )
}

/// `GET /transfers/{id}/failure`: the return code of a failed transfer;
/// 404 for one that did not fail.
pub(crate) fn failure(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(t) = data.money.transfer(id) else {
        return not_found();
    };
    let Some(f) = &t.failure else {
        return super::not_found_msg("The transfer did not fail.");
    };
    let (description, explanation) = return_code_text(&f.code);
    let mut links = Map::new();
    links.insert(
        "self".into(),
        link(format!("{base}/transfers/{}/failure", t.id), "failure"),
    );
    links.insert(
        "failed-funding-source".into(),
        link(
            format!("{base}/funding-sources/{}", f.fs_id),
            "funding-source",
        ),
    );
    if let Owner::Customer(c) = &f.owner {
        links.insert(
            "customer".into(),
            link(format!("{base}/customers/{c}"), "customer"),
        );
    }
    hal(
        StatusCode::OK,
        &json!({
            "_links": links,
            "code": f.code,
            "description": description,
            "explanation": explanation,
        }),
    )
}

/// `GET /customers/{id}/transfers`.
pub(crate) fn list_for_customer(call: &Call<'_>, customer_id: &str) -> Resp {
    let data = lock(call);
    let Some(id) = data.customer(customer_id).map(|c| c.id.clone()) else {
        return not_found();
    };
    list(call, &data, &Owner::Customer(id))
}

/// A transfer list of `owner` (a customer or the account): newest first,
/// searched and filtered, a page at a time.
pub(crate) fn list(call: &Call<'_>, data: &Data, owner: &Owner) -> Resp {
    let q = match ListQuery::read(
        call.query,
        Some(crate::emulator::handlers::paging::MAX_LIMIT),
    ) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let filter = match Filter::read(&q) {
        Ok(f) => f,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let mut found: Vec<&TransferRecord> = data
        .money
        .transfers
        .iter()
        .filter(|t| t.involves(owner))
        .filter(|t| filter.matches(data, owner, t))
        .collect();
    found.sort_by_key(|t| std::cmp::Reverse(t.seq));
    let items: Vec<Value> = found.iter().map(|t| transfer_json(base, t)).collect();
    let collection = format!("{}/transfers", owner.href(base));
    hal(
        StatusCode::OK,
        &q.page(&collection, "transfers", "transfer", FILTERS, items),
    )
}

/// The search and filters of a transfer list.
struct Filter {
    search: Option<String>,
    start_amount: Option<i64>,
    end_amount: Option<i64>,
    start_date: Option<String>,
    end_date: Option<String>,
    status: Option<String>,
    correlation_id: Option<String>,
}

/// `YYYY-MM-DD` (the date part of a timestamp too).
fn read_date(value: &str) -> Option<String> {
    let d = value.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| d.to_owned())
}

impl Filter {
    fn read(q: &ListQuery) -> Result<Filter, Resp> {
        let mut p = Problems::default();
        let mut amount = |key: &str| {
            let v = q.get(key)?;
            let cents = parse_cents(v);
            if cents.is_none() {
                p.push("Invalid", format!("Invalid {key}."), format!("/{key}"));
            }
            cents
        };
        let start_amount = amount("startAmount");
        let end_amount = amount("endAmount");
        let mut date = |key: &str| {
            let v = q.get(key)?;
            let d = read_date(v);
            if d.is_none() {
                p.push("Invalid", format!("Invalid {key}."), format!("/{key}"));
            }
            d
        };
        let start_date = date("startDate");
        let end_date = date("endDate");
        p.finish()?;
        Ok(Filter {
            search: q
                .get("search")
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty()),
            start_amount,
            end_amount,
            start_date,
            end_date,
            status: q.get("status").map(str::to_owned),
            correlation_id: q.get("correlationId").map(str::to_owned),
        })
    }

    fn matches(&self, data: &Data, me: &Owner, t: &TransferRecord) -> bool {
        let day = t.created.get(..10).unwrap_or_default();
        self.start_amount.is_none_or(|a| t.amount_cents >= a)
            && self.end_amount.is_none_or(|a| t.amount_cents <= a)
            && self.start_date.as_deref().is_none_or(|d| day >= d)
            && self.end_date.as_deref().is_none_or(|d| day <= d)
            && self
                .status
                .as_deref()
                .is_none_or(|s| t.status.as_str() == s)
            && self
                .correlation_id
                .as_deref()
                .is_none_or(|c| t.correlation_id.as_deref() == Some(c))
            && self
                .search
                .as_deref()
                .is_none_or(|s| search_matches(data, me, t, s))
    }
}

/// Whether the other party of a transfer (both, for one between the same
/// party's funding sources) matches `needle` (lower case): a substring of
/// a customer's first, last, full or business name or email, or its id;
/// the account's name or id.
fn search_matches(data: &Data, me: &Owner, t: &TransferRecord, needle: &str) -> bool {
    let others: Vec<&Owner> = if t.source == t.dest {
        vec![&t.source]
    } else {
        [&t.source, &t.dest]
            .into_iter()
            .filter(|o| *o != me)
            .collect()
    };
    others.into_iter().any(|o| {
        let hay: Vec<String> = match o {
            Owner::Account => vec![ACCOUNT_NAME.to_owned(), Emulator::ACCOUNT_ID.to_owned()],
            Owner::Customer(id) => data.customer(id).map(customer_words).unwrap_or_default(),
        };
        hay.iter().any(|h| h.to_lowercase().contains(needle))
    })
}

fn customer_words(c: &CustomerRecord) -> Vec<String> {
    let first = c.text("firstName").unwrap_or_default();
    let last = c.text("lastName").unwrap_or_default();
    vec![
        first.to_owned(),
        last.to_owned(),
        format!("{first} {last}"),
        c.text("businessName").unwrap_or_default().to_owned(),
        c.email().to_owned(),
        c.id.clone(),
    ]
}
