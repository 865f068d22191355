//! A whole customer body, as `POST /customers` takes it (and an upgrade or
//! a retry through `POST /customers/{id}`): every create form of the spec,
//! checked member by member.

use serde_json::{json, Map, Value};

use super::super::super::state::customers::{DocumentNeeds, Kind, Status};
use super::super::super::state::Data;
use super::super::respond::{Problems, Resp};
use super::classifications::is_industry;
use super::validate::{Fields, MAX_LONG, MAX_NAME, MAX_TITLE};

/// The business types Dwolla knows.
const BUSINESS_TYPES: &[&str] = &["soleProprietorship", "llc", "corporation", "partnership"];

/// How many SSN digits a body must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SsnRule {
    /// The last four or all nine (a create).
    FourOrNine,
    /// All nine: a retry (of the person, or of a controller whose retry
    /// asked for the full SSN).
    Nine,
}

/// A customer body that passed every check.
#[derive(Debug)]
pub(crate) struct CustomerForm {
    pub(crate) kind: Kind,
    /// The members reads show.
    pub(crate) fields: Map<String, Value>,
    /// The word the sandbox reads for the person: `firstName` (personal, sole
    /// proprietorship) or the controller's `firstName`, lowercased.
    pub(crate) person_word: String,
    /// `businessName`, lowercased.
    pub(crate) business_word: String,
    /// A business other than a sole proprietorship.
    pub(crate) has_controller: bool,
}

/// Reads a customer body. `this_customer` is the customer being upgraded or
/// retried (its own email and correlation id are not duplicates);
/// `kept_controller` is the controller a business keeps when a retry of its
/// business details alone leaves `controller` out.
pub(crate) fn read(
    body: &Value,
    data: &Data,
    base_url: &str,
    this_customer: Option<&str>,
    ssn_rule: SsnRule,
    kept_controller: Option<&Value>,
) -> Result<CustomerForm, Resp> {
    let mut p = Problems::default();
    let empty = Map::new();
    let f = Fields::new(body.as_object().unwrap_or(&empty), "");
    let mut shown = Map::new();

    // The docs create unverified customers without `type`; the spec requires it.
    let kind = match f.text(&mut p, "type") {
        None => Some(Kind::Unverified),
        Some(t) => {
            let kind = Kind::parse(t.trim());
            if kind.is_none() {
                p.push(
                    "Invalid",
                    "Type must be one of unverified, receive-only, personal or business.",
                    "/type",
                );
            }
            kind
        }
    };

    let first_name = f.name(&mut p, "firstName", true, MAX_NAME);
    let last_name = f.name(&mut p, "lastName", true, MAX_NAME);
    for (member, value) in [("firstName", first_name), ("lastName", last_name)] {
        if let Some(v) = value {
            shown.insert(member.into(), json!(v.trim()));
        }
    }
    if let Some(email) = f.email(&mut p) {
        shown.insert("email".into(), json!(email.trim()));
        let taken = data.customers.all.iter().find(|c| {
            c.email().eq_ignore_ascii_case(email.trim())
                && this_customer.is_none_or(|me| !c.id.eq_ignore_ascii_case(me))
        });
        if let Some(existing) = taken {
            p.push_about(
                "Duplicate",
                "A customer with the specified email already exists.",
                "/email",
                format!("{base_url}/customers/{}", existing.id),
                "customer",
            );
        }
    }
    f.ip_address(&mut p);
    if let Some(id) = f.correlation_id(&mut p) {
        shown.insert("correlationId".into(), json!(id));
        let taken = data.customers.all.iter().find(|c| {
            c.text("correlationId") == Some(id)
                && this_customer.is_none_or(|me| !c.id.eq_ignore_ascii_case(me))
        });
        if let Some(existing) = taken {
            p.push_about(
                "Duplicate",
                "A customer with the specified correlationId already exists.",
                "/correlationId",
                format!("{base_url}/customers/{}", existing.id),
                "customer",
            );
        }
    }
    if let Some(phone) = f.phone(&mut p) {
        shown.insert("phone".into(), json!(phone));
    }

    let is_business = kind == Some(Kind::Business);
    let business_name = f.name(&mut p, "businessName", is_business, MAX_LONG);
    if let Some(name) = business_name.filter(|n| !n.trim().is_empty()) {
        shown.insert("businessName".into(), json!(name.trim()));
    }

    let mut person_word = first_name.unwrap_or_default().trim().to_ascii_lowercase();
    let mut has_controller = false;
    if kind.is_some_and(Kind::is_verified_type) {
        // The customer's (or business's) US address.
        for (member, required) in [("address1", true), ("address2", false)] {
            if let Some(v) = f.street(&mut p, member, required) {
                shown.insert(member.into(), json!(v));
            }
        }
        if let Some(v) = f.name(&mut p, "city", true, MAX_NAME) {
            shown.insert("city".into(), json!(v));
        }
        if let Some(v) = f.us_state(&mut p, "state") {
            shown.insert("state".into(), json!(v.trim().to_ascii_uppercase()));
        }
        if let Some(v) = f.us_postal_code(&mut p, true) {
            shown.insert("postalCode".into(), json!(v));
        }
    }
    let mut sole = false;
    if is_business {
        match f.text(&mut p, "businessType") {
            Some(t) if BUSINESS_TYPES.contains(&t) => {
                sole = t == "soleProprietorship";
                shown.insert("businessType".into(), json!(t));
            }
            Some(_) => p.push(
                "Invalid",
                "BusinessType must be one of soleProprietorship, llc, corporation or partnership.",
                "/businessType",
            ),
            None if f.has("businessType") => {}
            None => p.push("Required", "BusinessType is required.", "/businessType"),
        }
        if let Some(c) = f.required(&mut p, "businessClassification") {
            if is_industry(c) {
                shown.insert("businessClassification".into(), json!(c.trim()));
            } else {
                p.push(
                    "Invalid",
                    "BusinessClassification must be the id of an industry classification \
                     (see GET /business-classifications).",
                    "/businessClassification",
                );
            }
        }
        if let Some(v) = f.name(&mut p, "doingBusinessAs", false, MAX_LONG) {
            shown.insert("doingBusinessAs".into(), json!(v));
        }
        if let Some(v) = f.website(&mut p) {
            shown.insert("website".into(), json!(v));
        }
        // The type's own check said what was wrong with it; only a known
        // non-sole type needs an EIN and a controller.
        let typed = shown.contains_key("businessType");
        f.ein(&mut p, typed && !sole);
        if typed && !sole {
            has_controller = true;
            let kept = kept_controller.filter(|_| !f.has("controller"));
            if let Some(kept) = kept {
                person_word = kept["firstName"]
                    .as_str()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase();
                shown.insert("controller".into(), kept.clone());
            } else if let Some(c) = f.object(&mut p, "controller", true) {
                let mut controller = Map::new();
                let first = c.name(&mut p, "firstName", true, MAX_NAME);
                person_word = first.unwrap_or_default().trim().to_ascii_lowercase();
                for (member, value) in [
                    ("firstName", first),
                    ("lastName", c.name(&mut p, "lastName", true, MAX_NAME)),
                    ("title", c.name(&mut p, "title", true, MAX_TITLE)),
                ] {
                    if let Some(v) = value {
                        controller.insert(member.into(), json!(v.trim()));
                    }
                }
                c.date_of_birth(&mut p);
                if let Some(address) = c.international_address(&mut p) {
                    controller.insert("address".into(), address);
                }
                c.ssn_or_passport(&mut p, ssn_rule == SsnRule::Nine);
                shown.insert("controller".into(), Value::Object(controller));
            }
        }
    }
    // A personal customer and a sole proprietor are verified themselves.
    let person_itself = kind == Some(Kind::Personal) || (is_business && sole);
    if person_itself {
        f.date_of_birth(&mut p);
        f.ssn(&mut p, true, ssn_rule == SsnRule::Nine);
    }

    match (kind, p.is_empty()) {
        (Some(kind), true) => Ok(CustomerForm {
            kind,
            fields: shown,
            person_word,
            business_word: business_name
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase(),
            has_controller,
        }),
        _ => Err(p.response()),
    }
}

/// Where the sandbox puts a customer created (or upgraded) with this body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) status: Status,
    pub(crate) retry_links: Vec<&'static str>,
    pub(crate) needs: DocumentNeeds,
}

impl Outcome {
    fn of(status: Status) -> Self {
        Outcome {
            status,
            retry_links: Vec::new(),
            needs: DocumentNeeds::default(),
        }
    }
}

/// The sandbox's first verification: personal customers by `firstName`
/// (`retry`, `kba`, `document`, `suspended`, anything else verified);
/// businesses by the controller's (or sole proprietor's) `firstName` and the
/// `businessName`.
pub(crate) fn first_outcome(form: &CustomerForm) -> Outcome {
    match form.kind {
        Kind::Unverified | Kind::ReceiveOnly => Outcome::of(Status::Unverified),
        Kind::Personal => match form.person_word.as_str() {
            "retry" => Outcome {
                retry_links: vec!["retry-verification"],
                ..Outcome::of(Status::Retry)
            },
            "kba" => Outcome::of(Status::Kba),
            "document" => Outcome {
                needs: DocumentNeeds {
                    person: true,
                    business: false,
                },
                ..Outcome::of(Status::Document)
            },
            "suspended" => Outcome::of(Status::Suspended),
            _ => Outcome::of(Status::Verified),
        },
        Kind::Business => {
            let person = form.person_word.as_str();
            let business = form.business_word.as_str();
            if person == "suspended" {
                return Outcome::of(Status::Suspended);
            }
            let mut retry_links = Vec::new();
            if business == "retry" || person == "retry" {
                retry_links.push("retry-verification");
            }
            if person == "retry" && form.has_controller {
                retry_links.push("retry-with-full-ssn");
            }
            if !retry_links.is_empty() {
                return Outcome {
                    retry_links,
                    ..Outcome::of(Status::Retry)
                };
            }
            let needs = DocumentNeeds {
                person: person == "document",
                business: business == "document",
            };
            if needs.any() {
                Outcome {
                    needs,
                    ..Outcome::of(Status::Document)
                }
            } else {
                Outcome::of(Status::Verified)
            }
        }
    }
}

/// The sandbox's second (and last) attempt, after a retry: `verified` unless
/// the words still say otherwise (`kba` and `document` as named, `suspended`;
/// `retry` again ends in `document`).
pub(crate) fn retry_outcome(form: &CustomerForm) -> Outcome {
    let person = form.person_word.as_str();
    let business = form.business_word.as_str();
    if person == "suspended" {
        return Outcome::of(Status::Suspended);
    }
    if form.kind == Kind::Personal && person == "kba" {
        return Outcome::of(Status::Kba);
    }
    let failed = |w: &str| w == "document" || w == "retry";
    let needs = DocumentNeeds {
        person: failed(person),
        business: form.kind == Kind::Business && failed(business),
    };
    if needs.any() {
        Outcome {
            needs,
            ..Outcome::of(Status::Document)
        }
    } else {
        Outcome::of(Status::Verified)
    }
}
