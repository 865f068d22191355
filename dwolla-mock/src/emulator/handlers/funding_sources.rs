//! Funding sources: `POST /customers/{id}/funding-sources` (every create
//! form: routing and account numbers, a Plaid processor token, an exchange,
//! a virtual account number), `POST /funding-sources` (the account's bank),
//! `GET /customers/{id}/funding-sources` (`removed` filter),
//! `GET`/`POST /funding-sources/{id}` (rename, correct an unverified bank,
//! remove), `GET /funding-sources/{id}/balance`,
//! `GET /funding-sources/{id}/ach-routing` and
//! `POST /on-demand-authorizations`.
//!
//! Banks by numbers start `unverified` (micro-deposits verify them); banks
//! from a Plaid token or an exchange are `verified` at once; a virtual
//! account number is `verified` and only for verified customers, who also
//! each have their `balance`.

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::super::state::money::{
    fingerprint, format_cents, random_digits, FsKind, FundingSourceRecord, MicroStatus, Owner,
    MAX_MICRO_ATTEMPTS, SANDBOX_BANK_NAME, VAN_ROUTING_NUMBER,
};
use super::super::state::{bank_name, Data, ExchangeStatus, Shared};
use super::exchanges::update_credentials;
use super::idempotency::{remember, remember_reply};
use super::money::{begin_post, lock, Posted, Problems};
use super::respond::{
    created, error, error_json, hal, id_from_href, link, rfc3339_now, validation_embedded, Resp,
};
use super::Call;

const EXCHANGE_PATH: &str = "/_links/exchange/href";
const ODA_PATH: &str = "/_links/on-demand-authorization/href";
/// Dwolla's limit on a funding source's nickname.
const MAX_NAME_CHARS: usize = 50;

/// 404 `notFound` "Funding source not found.".
pub(crate) fn fs_not_found() -> Resp {
    error(
        StatusCode::NOT_FOUND,
        "notFound",
        "Funding source not found.",
    )
}

/// Whether `routing` is a nine-digit ABA routing number with a valid
/// check digit.
pub(crate) fn valid_routing_number(routing: &str) -> bool {
    let b = routing.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d = |i: usize| u32::from(b[i] - b'0');
    (3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5) + d(8))) % 10 == 0
}

fn valid_account_number(account: &str) -> bool {
    (4..=17).contains(&account.len()) && account.bytes().all(|b| b.is_ascii_digit())
}

/// Which create body a request is: by the members that mark each form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Numbers,
    Plaid,
    Exchange,
    Virtual,
}

fn form_of(v: &Value) -> Form {
    if v.pointer("/_links/exchange").is_some() {
        Form::Exchange
    } else if v.get("plaidToken").is_some() {
        Form::Plaid
    } else if v.get("type").and_then(Value::as_str) == Some("virtual") {
        Form::Virtual
    } else {
        Form::Numbers
    }
}

/// `POST /customers/{id}/funding-sources`.
pub(crate) fn create(call: &Call<'_>, customer_id: &str) -> Resp {
    let posted = match begin_post(call, false) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let Some(id) = posted.data.customer(customer_id).map(|c| c.id.clone()) else {
        return super::respond::not_found();
    };
    create_for(call, Owner::Customer(id), posted)
}

/// `POST /funding-sources`: the account's own bank (by numbers; an
/// exchange must be one of the account's, and the emulator has none).
pub(crate) fn create_for_account(call: &Call<'_>) -> Resp {
    match begin_post(call, false) {
        Ok(posted) => create_for(call, Owner::Account, posted),
        Err(resp) => resp,
    }
}

/// The members every form shares, read: `name` and the optional
/// on-demand authorization.
fn read_name(v: &Value, p: &mut Problems) -> Option<String> {
    match v.get("name") {
        Some(Value::String(n)) if n.chars().count() > MAX_NAME_CHARS => {
            p.push(
                "Invalid",
                format!("Name must be {MAX_NAME_CHARS} characters or less."),
                "/name",
            );
            None
        }
        Some(Value::String(n)) if !n.trim().is_empty() => Some(n.clone()),
        Some(Value::String(_)) | None => {
            p.push("Required", "Name is required.", "/name");
            None
        }
        Some(_) => {
            p.push("Invalid", "Name must be a string.", "/name");
            None
        }
    }
}

fn read_account_type(
    v: &Value,
    p: &mut Problems,
    allowed: &[&str],
    message: &str,
) -> Option<String> {
    match v.get("bankAccountType") {
        None => {
            p.push(
                "Required",
                "BankAccountType is required.",
                "/bankAccountType",
            );
            None
        }
        Some(Value::String(t)) if allowed.contains(&t.as_str()) => Some(t.clone()),
        Some(_) => {
            p.push("Invalid", message, "/bankAccountType");
            None
        }
    }
}

fn read_oda(data: &Data, v: &Value, p: &mut Problems) -> Option<String> {
    v.pointer("/_links/on-demand-authorization")?;
    let id = v
        .pointer(ODA_PATH)
        .and_then(Value::as_str)
        .and_then(|href| id_from_href(href, "on-demand-authorizations"))
        .filter(|id| data.money.on_demand_authorizations.contains(id));
    if id.is_none() {
        p.push("Invalid", "Invalid on-demand authorization.", ODA_PATH);
    }
    id
}

/// The `channels` of a bank by numbers or Plaid token: `ach`, plus `wire`
/// when asked for.
fn read_channels(v: &Value, p: &mut Problems) -> Vec<String> {
    let mut channels = vec!["ach".to_owned()];
    let Some(asked) = v.get("channels") else {
        return channels;
    };
    let list = asked.as_array().filter(|list| {
        list.iter()
            .all(|c| matches!(c.as_str(), Some("ach" | "wire")))
    });
    match list {
        Some(list) => {
            if list.iter().any(|c| c.as_str() == Some("wire")) {
                channels.push("wire".into());
            }
        }
        None => p.push("Invalid", "Invalid channels.", "/channels"),
    }
    channels
}

fn create_for(call: &Call<'_>, owner: Owner, posted: Posted<'_>) -> Resp {
    let Posted {
        mut data,
        key,
        body: v,
    } = posted;
    let shared = call.shared;
    let base = &shared.base_url;
    let form = form_of(&v);
    if owner == Owner::Account && matches!(form, Form::Plaid | Form::Virtual) {
        return error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Not authorized to create funding source.",
        );
    }
    let mut p = Problems::default();
    let fs = match form {
        Form::Exchange => match read_exchange_form(shared, &data, &owner, &v, &mut p) {
            Ok(fs) => fs,
            Err(resp) => return resp,
        },
        Form::Numbers => read_numbers_form(&v, &owner, &mut p),
        Form::Plaid => read_plaid_form(&mut data, &v, &owner, &mut p),
        Form::Virtual => {
            let verified = owner
                .customer_id()
                .is_some_and(|c| data.money.with_balance.contains(c));
            if !verified {
                return error(
                    StatusCode::FORBIDDEN,
                    "Forbidden",
                    "Not authorized to create funding source.",
                );
            }
            read_virtual_form(&v, &owner, &mut p)
        }
    };
    let oda = read_oda(&data, &v, &mut p);
    if let Err(resp) = p.finish() {
        return resp;
    }
    let Some(mut fs) = fs else {
        return super::respond::not_found();
    };
    fs.on_demand_authorization = oda;

    if let Some(resp) = duplicate_or_reactivated(&mut data, base, &fs, key, call) {
        return resp;
    }
    let id = fs.id.clone();
    let verified = fs.verified;
    data.money.funding_sources.push(fs);
    data.fs_event(base, "funding_source_added", &id);
    if verified {
        data.fs_event(base, "funding_source_verified", &id);
    }
    let location = format!("{base}/funding-sources/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    Shared::bump(&shared.funding_sources_created);
    created(&location)
}

/// One funding source per bank account and owner: an existing one answers
/// `DuplicateResource`; a removed unverified one with the same numbers comes
/// back with its id (Dwolla: within 48 hours; here, always).
fn duplicate_or_reactivated(
    data: &mut Data,
    base: &str,
    fs: &FundingSourceRecord,
    key: Option<&str>,
    call: &Call<'_>,
) -> Option<Resp> {
    let same_account = |f: &FundingSourceRecord| {
        f.owner == fs.owner
            && f.kind == FsKind::Bank
            && ((fs.account.is_some() && f.account == fs.account)
                || (fs.numbers.is_some() && f.numbers == fs.numbers))
    };
    if fs.kind != FsKind::Bank {
        return None;
    }
    if let Some(existing) = data
        .money
        .funding_sources
        .iter()
        .find(|f| same_account(f) && !f.removed)
    {
        let href = format!("{base}/funding-sources/{}", existing.id);
        return Some(error_json(
            StatusCode::BAD_REQUEST,
            &json!({
                "code": "DuplicateResource",
                "message": format!("Bank already exists: id={}", existing.id),
                "_links": { "about": link(href, "funding-source") },
            }),
        ));
    }
    let again = data
        .money
        .funding_sources
        .iter_mut()
        .find(|f| same_account(f) && f.removed && !f.verified && fs.numbers.is_some())?;
    again.removed = false;
    again.name = fs.name.clone();
    again.bank_account_type = fs.bank_account_type.clone();
    again.channels = fs.channels.clone();
    let id = again.id.clone();
    data.fs_event(base, "funding_source_added", &id);
    let location = format!("{base}/funding-sources/{id}");
    remember(data, key, call.path, call.body, &location);
    Some(created(&location))
}

fn read_numbers_form(v: &Value, owner: &Owner, p: &mut Problems) -> Option<FundingSourceRecord> {
    let routing = match v.get("routingNumber") {
        None => {
            p.push("Required", "RoutingNumber is required.", "/routingNumber");
            None
        }
        Some(Value::String(r)) if valid_routing_number(r) => Some(r.clone()),
        Some(_) => {
            p.push("Invalid", "Invalid routing number.", "/routingNumber");
            None
        }
    };
    let account = match v.get("accountNumber") {
        None => {
            p.push("Required", "AccountNumber is required.", "/accountNumber");
            None
        }
        Some(Value::String(a)) if valid_account_number(a) => Some(a.clone()),
        Some(_) => {
            p.push("Invalid", "Invalid account number.", "/accountNumber");
            None
        }
    };
    let account_type = read_account_type(
        v,
        p,
        &["checking", "savings", "general-ledger", "loan"],
        "BankAccountType must be checking, savings, general-ledger or loan.",
    );
    let name = read_name(v, p);
    let channels = read_channels(v, p);
    let (routing, account, account_type, name) = (routing?, account?, account_type?, name?);
    let mut fs = FundingSourceRecord::new(
        uuid::Uuid::new_v4().to_string(),
        owner.clone(),
        FsKind::Bank,
        &name,
        false,
    );
    fs.bank_account_type = Some(account_type);
    fs.bank_name = Some(SANDBOX_BANK_NAME.into());
    fs.fingerprint = Some(fingerprint(&routing, &account));
    fs.numbers = Some((routing, account));
    fs.channels = channels;
    Some(fs)
}

fn read_plaid_form(
    data: &mut Data,
    v: &Value,
    owner: &Owner,
    p: &mut Problems,
) -> Option<FundingSourceRecord> {
    let token = match v.get("plaidToken") {
        Some(Value::String(t)) if !t.trim().is_empty() => Some(t.clone()),
        _ => {
            p.push("Invalid", "Invalid plaid token.", "/plaidToken");
            None
        }
    };
    let account_type = read_account_type(
        v,
        p,
        &["checking", "savings"],
        "BankAccountType must be checking or savings.",
    );
    let name = read_name(v, p);
    let channels = read_channels(v, p);
    let (token, account_type, name) = (token?, account_type?, name?);
    let bank = bank_name("plaid");
    let account = data.account_for_token(format!("plaid:{token}"), bank);
    let mut fs = FundingSourceRecord::new(
        uuid::Uuid::new_v4().to_string(),
        owner.clone(),
        FsKind::Bank,
        &name,
        true,
    );
    fs.bank_account_type = Some(account_type);
    fs.bank_name = Some(bank.into());
    fs.fingerprint = data.accounts.get(&account).map(|a| a.fingerprint.clone());
    fs.account = Some(account);
    fs.channels = channels;
    Some(fs)
}

fn read_virtual_form(v: &Value, owner: &Owner, p: &mut Problems) -> Option<FundingSourceRecord> {
    let account_type = read_account_type(
        v,
        p,
        &["checking"],
        "BankAccountType must be checking for a virtual account number.",
    );
    let name = read_name(v, p);
    let (_, name) = (account_type?, name?);
    let account_number = random_digits(16);
    let mut fs = FundingSourceRecord::new(
        uuid::Uuid::new_v4().to_string(),
        owner.clone(),
        FsKind::Virtual,
        &name,
        true,
    );
    fs.bank_account_type = Some("checking".into());
    fs.fingerprint = Some(fingerprint(VAN_ROUTING_NUMBER, &account_number));
    fs.numbers = Some((VAN_ROUTING_NUMBER.to_owned(), account_number));
    fs.channels = vec!["external".into()];
    Some(fs)
}

/// The exchange form: verified at once. Errors beyond the body's own:
/// `UpdateCredentials`, `InactiveExchange` (as Dwolla answers them).
fn read_exchange_form(
    shared: &Shared,
    data: &Data,
    owner: &Owner,
    v: &Value,
    p: &mut Problems,
) -> Result<Option<FundingSourceRecord>, Resp> {
    let exchange = match v.pointer(EXCHANGE_PATH).and_then(Value::as_str) {
        None => {
            p.push("Required", "Exchange is required.", EXCHANGE_PATH);
            None
        }
        Some(href) => {
            let found = id_from_href(href, "exchanges")
                .and_then(|id| data.exchange(&id))
                .filter(|e| owner.is_customer(&e.customer_id))
                .cloned();
            if found.is_none() {
                p.push("Invalid", "Invalid exchange.", EXCHANGE_PATH);
            }
            found
        }
    };
    let account_type = read_account_type(
        v,
        p,
        &["checking", "savings"],
        "BankAccountType must be checking or savings.",
    );
    let name = read_name(v, p);
    let (Some(exchange), Some(account_type), Some(name), true) =
        (exchange, account_type, name, p.is_empty())
    else {
        return Ok(None);
    };
    if exchange.needs_reauth {
        return Err(update_credentials(shared, &exchange.id));
    }
    if exchange.status != ExchangeStatus::Active {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InactiveExchange",
            "The Exchange was removed or disabled.",
        ));
    }
    let (bank, fp) = match data.accounts.get(&exchange.account) {
        Some(a) => (a.bank_name, a.fingerprint.clone()),
        None => (bank_name("sandbox"), String::new()),
    };
    let mut fs = FundingSourceRecord::new(
        uuid::Uuid::new_v4().to_string(),
        owner.clone(),
        FsKind::Bank,
        &name,
        true,
    );
    fs.bank_account_type = Some(account_type);
    fs.bank_name = Some(bank.into());
    fs.fingerprint = Some(fp);
    fs.exchange_id = Some(exchange.id);
    fs.account = Some(exchange.account);
    fs.channels = vec!["ach".into()];
    Ok(Some(fs))
}

/// A funding source as Dwolla shows it, with the links its state offers.
pub(crate) fn fs_json(base: &str, f: &FundingSourceRecord) -> Value {
    let me = format!("{base}/funding-sources/{}", f.id);
    let transfers = format!("{base}/transfers");
    let mut links = Map::new();
    let mut add = |rel: &str, href: String, resource_type: &str| {
        links.insert(rel.to_owned(), link(href, resource_type));
    };
    add("self", me.clone(), "funding-source");
    add(
        f.owner.resource_type(),
        f.owner.href(base),
        f.owner.resource_type(),
    );
    if let Some(e) = &f.exchange_id {
        add("exchange", format!("{base}/exchanges/{e}"), "exchange");
    }
    if let Some(oda) = &f.on_demand_authorization {
        add(
            "on-demand-authorization",
            format!("{base}/on-demand-authorizations/{oda}"),
            "on-demand-authorization",
        );
    }
    let micro = format!("{me}/micro-deposits");
    match f.kind {
        FsKind::Balance => {
            add("balance", format!("{me}/balance"), "balance");
            for rel in [
                "transfer-from-balance",
                "transfer-to-balance",
                "transfer-send",
                "transfer-receive",
            ] {
                add(rel, transfers.clone(), "transfer");
            }
        }
        FsKind::Virtual => {
            add("ach-routing", format!("{me}/ach-routing"), "ach-routing");
        }
        FsKind::Bank if !f.removed => {
            add("remove", me.clone(), "funding-source");
            if f.verified {
                add("transfer-send", transfers.clone(), "transfer");
                add("transfer-receive", transfers.clone(), "transfer");
                if f.exchange_id.is_some() {
                    add("balance", format!("{me}/balance"), "balance");
                }
            } else {
                add("transfer-receive", transfers.clone(), "transfer");
            }
            match &f.micro {
                None if !f.verified => {
                    add("initiate-micro-deposits", micro, "micro-deposits");
                }
                None => {}
                Some(m) if !f.verified && m.wrong_attempts >= MAX_MICRO_ATTEMPTS => {
                    add(
                        "failed-verification-micro-deposits",
                        micro.clone(),
                        "micro-deposits",
                    );
                    add("micro-deposits", micro, "micro-deposits");
                }
                Some(m) if !f.verified && !matches!(m.status, MicroStatus::Failed(_)) => {
                    add("verify-micro-deposits", micro.clone(), "micro-deposits");
                    add("micro-deposits", micro, "micro-deposits");
                }
                Some(_) => add("micro-deposits", micro, "micro-deposits"),
            }
        }
        FsKind::Bank => {}
    }
    let mut doc = json!({
        "_links": links,
        "id": f.id,
        "status": if f.verified { "verified" } else { "unverified" },
        "type": f.kind.as_str(),
        "name": f.name,
        "created": f.created,
        "removed": f.removed,
        "channels": f.channels,
    });
    if let Some(t) = &f.bank_account_type {
        doc["bankAccountType"] = json!(t);
    }
    if let Some(b) = &f.bank_name {
        doc["bankName"] = json!(b);
    }
    if let Some(fp) = &f.fingerprint {
        doc["fingerprint"] = json!(fp);
    }
    doc
}

/// `GET /funding-sources/{id}`.
pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    match data.money.fs(id) {
        Some(f) => hal(StatusCode::OK, &fs_json(&call.shared.base_url, f)),
        None => fs_not_found(),
    }
}

/// Whether `removed=false` asks to leave removed funding sources out.
pub(crate) fn removed_filter(query: Option<&str>) -> bool {
    query.unwrap_or_default().split('&').any(|pair| {
        pair.split_once('=')
            .is_some_and(|(k, v)| k == "removed" && v.eq_ignore_ascii_case("false"))
    })
}

/// The funding sources of an owner as a HAL list.
pub(crate) fn list_json(data: &Data, base: &str, owner: &Owner, hide_removed: bool) -> Value {
    let list: Vec<Value> = data
        .money
        .funding_sources
        .iter()
        .filter(|f| &f.owner == owner && !(hide_removed && f.removed))
        .map(|f| fs_json(base, f))
        .collect();
    let owner_href = owner.href(base);
    let mut links = Map::new();
    links.insert(
        "self".into(),
        link(format!("{owner_href}/funding-sources"), "funding-source"),
    );
    links.insert(
        owner.resource_type().into(),
        link(owner_href, owner.resource_type()),
    );
    json!({
        "_links": links,
        "_embedded": { "funding-sources": list },
        "total": list.len(),
    })
}

/// `GET /customers/{id}/funding-sources` (`?removed=false` hides removed
/// ones).
pub(crate) fn list(call: &Call<'_>, customer_id: &str) -> Resp {
    let data = lock(call);
    let Some(id) = data.customer(customer_id).map(|c| c.id.clone()) else {
        return super::respond::not_found();
    };
    let doc = list_json(
        &data,
        &call.shared.base_url,
        &Owner::Customer(id),
        removed_filter(call.query),
    );
    hal(StatusCode::OK, &doc)
}

/// `POST /funding-sources/{id}`: `{"removed": true}`, or a new `name`
/// (any status) with, for an unverified bank, new numbers or type.
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
    let Some(f) = data.money.fs(id).cloned() else {
        return fs_not_found();
    };
    if f.kind != FsKind::Bank {
        return error(
            StatusCode::BAD_REQUEST,
            "validationError",
            "Only funding sources of type='bank' can be updated.",
        );
    }
    if let Some(removed) = v.get("removed") {
        if removed != &Value::Bool(true) {
            return validation_embedded("Invalid", "Removed must be true.", "/removed");
        }
        data.remove_funding_source(base, &f.id);
    } else {
        if f.removed {
            return super::money::invalid_state("A removed bank cannot be updated.");
        }
        let changes_details = ["routingNumber", "accountNumber", "bankAccountType"]
            .iter()
            .any(|m| v.get(*m).is_some());
        if changes_details && f.verified {
            return super::money::invalid_state(
                "A verified bank's routing number, account number and type cannot be updated.",
            );
        }
        let name = match v.get("name") {
            None => None,
            Some(Value::String(n))
                if !n.trim().is_empty() && n.chars().count() <= MAX_NAME_CHARS =>
            {
                Some(n.clone())
            }
            Some(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "ValidationError",
                    "Invalid bank name.",
                );
            }
        };
        let mut p = Problems::default();
        let routing = match v.get("routingNumber") {
            None => None,
            Some(Value::String(r)) if valid_routing_number(r) => Some(r.clone()),
            Some(_) => {
                p.push("Invalid", "Invalid routing number.", "/routingNumber");
                None
            }
        };
        let account = match v.get("accountNumber") {
            None => None,
            Some(Value::String(a)) if valid_account_number(a) => Some(a.clone()),
            Some(_) => {
                p.push("Invalid", "Invalid account number.", "/accountNumber");
                None
            }
        };
        let account_type = v.get("bankAccountType").and_then(|_| {
            read_account_type(
                &v,
                &mut p,
                &["checking", "savings", "general-ledger", "loan"],
                "BankAccountType must be checking, savings, general-ledger or loan.",
            )
        });
        if let Err(resp) = p.finish() {
            return resp;
        }
        if name.is_none() && !changes_details {
            return error(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                "The request body contains bad syntax or is incomplete.",
            );
        }
        if let Some(rec) = data.money.fs_mut(&f.id) {
            if let Some(n) = name {
                rec.name = n;
            }
            if let Some(t) = account_type {
                rec.bank_account_type = Some(t);
            }
            if routing.is_some() || account.is_some() {
                let (old_r, old_a) = rec.numbers.clone().unwrap_or_default();
                let numbers = (routing.unwrap_or(old_r), account.unwrap_or(old_a));
                rec.fingerprint = Some(fingerprint(&numbers.0, &numbers.1));
                rec.numbers = Some(numbers);
            }
        }
        data.fs_event(base, "funding_source_updated", &f.id);
    }
    let doc = match data.money.fs(&f.id) {
        Some(f) => fs_json(base, f),
        None => return fs_not_found(),
    };
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

/// `GET /funding-sources/{id}/balance`: a Dwolla balance's available
/// (`balance`, less labeled funds) and `total`; a bank from an exchange
/// reads its (fixed) bank balance; other funding sources have none (404).
pub(crate) fn balance(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(f) = data.money.fs(id) else {
        return fs_not_found();
    };
    let links = json!({
        "self": link(format!("{base}/funding-sources/{}/balance", f.id), "balance"),
        "funding-source": link(format!("{base}/funding-sources/{}", f.id), "funding-source"),
    });
    let amount = |cents: i64| json!({ "value": format_cents(cents), "currency": "USD" });
    let doc = match f.kind {
        FsKind::Balance => json!({
            "_links": links,
            "balance": amount(data.money.available_cents(f)),
            "total": amount(f.balance_cents),
            "lastUpdated": f.balance_updated,
        }),
        FsKind::Bank if f.exchange_id.is_some() && !f.removed => json!({
            "_links": links,
            "available": amount(BANK_BALANCE_CENTS),
            "closing": amount(BANK_BALANCE_CENTS),
            "lastUpdated": rfc3339_now(),
        }),
        _ => return super::money::not_found_msg("Balance not found."),
    };
    hal(StatusCode::OK, &doc)
}

/// What every bank reached through open banking holds, as its bank reports
/// it: $1,000.00.
const BANK_BALANCE_CENTS: i64 = 100_000;

/// `GET /funding-sources/{id}/ach-routing`: a VAN's account and routing
/// numbers.
pub(crate) fn ach_routing(call: &Call<'_>, id: &str) -> Resp {
    let data = lock(call);
    let base = &call.shared.base_url;
    let Some(f) = data.money.fs(id) else {
        return fs_not_found();
    };
    let (FsKind::Virtual, Some((routing, account))) = (f.kind, &f.numbers) else {
        return fs_not_found();
    };
    hal(
        StatusCode::OK,
        &json!({
            "_links": {
                "self": link(format!("{base}/funding-sources/{}/ach-routing", f.id), "ach-routing"),
                "funding-source": link(format!("{base}/funding-sources/{}", f.id), "funding-source"),
            },
            "accountNumber": account,
            "routingNumber": routing,
        }),
    )
}

/// `POST /on-demand-authorizations`: an authorization with its texts, to
/// link when a bank is added.
pub(crate) fn on_demand_authorization(call: &Call<'_>) -> Resp {
    let Posted { mut data, key, .. } = match begin_post(call, true) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let id = uuid::Uuid::new_v4().to_string();
    data.money.on_demand_authorizations.insert(id.clone());
    let doc = json!({
        "_links": {
            "self": link(
                format!("{}/on-demand-authorizations/{id}", call.shared.base_url),
                "on-demand-authorization",
            ),
        },
        "bodyText": "I agree that future payments to Dwolla Emulator Account will be processed by the Dwolla payment system from the selected account above. In order to cancel this authorization, I will change my payment settings within my Dwolla Emulator Account account.",
        "buttonText": "Agree & Continue",
    });
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_numbers_are_checksummed() {
        assert!(valid_routing_number("222222226"));
        assert!(valid_routing_number(VAN_ROUTING_NUMBER));
        assert!(!valid_routing_number("222222227"));
        assert!(!valid_routing_number("22222222"));
        assert!(!valid_routing_number("22222222a"));
    }
}
