//! Customers the emulator knows: the preloaded ones ([`Emulator::CUSTOMER_ID`]
//! and those added with `EmulatorBuilder::customer`) and every one created
//! with `POST /customers`, in creation order.
//!
//! [`Emulator::CUSTOMER_ID`]: super::super::Emulator::CUSTOMER_ID

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Map, Value};

use super::Data;

/// A customer's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Unverified,
    ReceiveOnly,
    Personal,
    Business,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Unverified => "unverified",
            Kind::ReceiveOnly => "receive-only",
            Kind::Personal => "personal",
            Kind::Business => "business",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "unverified" => Kind::Unverified,
            "receive-only" => Kind::ReceiveOnly,
            "personal" => Kind::Personal,
            "business" => Kind::Business,
            _ => return None,
        })
    }

    /// Personal or business: identity-verified types.
    pub(crate) fn is_verified_type(self) -> bool {
        matches!(self, Kind::Personal | Kind::Business)
    }
}

/// Where a customer's verification stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Unverified,
    Retry,
    Kba,
    Document,
    Verified,
    Suspended,
    Deactivated,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Retry => "retry",
            Status::Kba => "kba",
            Status::Document => "document",
            Status::Verified => "verified",
            Status::Suspended => "suspended",
            Status::Deactivated => "deactivated",
        }
    }

    /// The Dwolla event that says a customer entered this status (none for
    /// `unverified`, which a customer is created in or reactivated to).
    pub(crate) fn topic(self) -> Option<&'static str> {
        Some(match self {
            Status::Unverified => return None,
            Status::Retry => "customer_reverification_needed",
            Status::Kba => "customer_kba_verification_needed",
            Status::Document => "customer_verification_document_needed",
            Status::Verified => "customer_verified",
            Status::Suspended => "customer_suspended",
            Status::Deactivated => "customer_deactivated",
        })
    }
}

/// Beneficial ownership certification of a business (not a sole
/// proprietorship).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Certification {
    Uncertified,
    Certified,
    Recertify,
}

impl Certification {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Certification::Uncertified => "uncertified",
            Certification::Certified => "certified",
            Certification::Recertify => "recertify",
        }
    }
}

/// What a customer in `document` status still has to prove with documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentNeeds {
    /// The person: a personal customer, a sole proprietor or a controller
    /// (passport, license or ID card).
    pub(crate) person: bool,
    /// The business (documentType `other`).
    pub(crate) business: bool,
}

impl DocumentNeeds {
    pub(crate) fn any(self) -> bool {
        self.person || self.business
    }

    /// The customer link that says which documents are needed.
    pub(crate) fn link(self) -> Option<&'static str> {
        match (self.person, self.business) {
            (true, false) => Some("verify-with-document"),
            (false, true) => Some("verify-business-with-document"),
            (true, true) => Some("verify-controller-and-business-with-document"),
            (false, false) => None,
        }
    }
}

/// One customer.
#[derive(Clone, Debug)]
pub(crate) struct CustomerRecord {
    pub(crate) id: String,
    /// Creation order, for newest-first listing.
    pub(crate) seq: u64,
    pub(crate) created: String,
    pub(crate) kind: Kind,
    pub(crate) status: Status,
    /// The status before deactivation, restored by reactivation.
    pub(crate) before_deactivation: Option<Status>,
    /// The members shown on reads (never the SSN, date of birth or passport).
    pub(crate) fields: Map<String, Value>,
    /// The retry links shown in `retry` status (`retry-verification`, and
    /// `retry-with-full-ssn` for a controller).
    pub(crate) retry_links: Vec<&'static str>,
    /// Whether the one retry was used.
    pub(crate) retried: bool,
    /// What documents are still needed in `document` status.
    pub(crate) document_needs: DocumentNeeds,
    /// Beneficial ownership, for businesses other than sole proprietorships.
    pub(crate) certification: Option<Certification>,
}

impl CustomerRecord {
    pub(crate) fn text(&self, member: &str) -> Option<&str> {
        self.fields.get(member).and_then(Value::as_str)
    }

    pub(crate) fn email(&self) -> &str {
        self.text("email").unwrap_or_default()
    }

    /// A business with a controller (not a sole proprietorship).
    pub(crate) fn has_controller(&self) -> bool {
        self.kind == Kind::Business && self.fields.contains_key("controller")
    }
}

/// A POST's answer remembered under its `Idempotency-Key` (for POSTs that
/// answer with a body rather than a `Location`).
#[derive(Clone, Debug)]
pub(crate) struct StoredReply {
    pub(crate) path: String,
    pub(crate) body: Bytes,
    pub(crate) status: u16,
    pub(crate) doc: Value,
}

/// Customers and what belongs to them.
#[derive(Debug, Default)]
pub(crate) struct CustomersState {
    /// In creation order.
    pub(crate) all: Vec<CustomerRecord>,
    /// The ids preloaded at start, in the order `customer_ids` lists them.
    pub(crate) preloaded: Vec<String>,
    next_seq: u64,
    /// Answers of body-returning POSTs (updates, KBA answers, certification),
    /// by `Idempotency-Key`.
    pub(crate) replies: HashMap<String, StoredReply>,
}

impl CustomersState {
    /// The next creation sequence number.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }
}

impl Data {
    /// The customer with this id (case-insensitive, as Dwolla's ids are).
    pub(crate) fn customer(&self, id: &str) -> Option<&CustomerRecord> {
        self.customers
            .all
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn customer_mut(&mut self, id: &str) -> Option<&mut CustomerRecord> {
        self.customers
            .all
            .iter_mut()
            .find(|c| c.id.eq_ignore_ascii_case(id))
    }

    /// Whether a customer with this id exists.
    pub(crate) fn has_customer(&self, id: &str) -> bool {
        self.customer(id).is_some()
    }

    /// Records a Dwolla event about a customer (the resource is the customer).
    pub(crate) fn customer_event(&mut self, base_url: &str, topic: &str, customer_id: &str) {
        let href = format!("{base_url}/customers/{customer_id}");
        self.events.emit(topic, &href, Some(&href), None);
    }

    /// Moves a customer to `status`, recording the event that says so.
    pub(crate) fn set_customer_status(
        &mut self,
        base_url: &str,
        customer_id: &str,
        status: Status,
    ) {
        let Some(c) = self.customer_mut(customer_id) else {
            return;
        };
        c.status = status;
        let id = c.id.clone();
        if let Some(topic) = status.topic() {
            self.customer_event(base_url, topic, &id);
        }
    }
}
