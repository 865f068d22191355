//! Beneficial owners, documents and KBA sessions.

use serde_json::Value;

use super::Data;

/// A beneficial owner's `verificationStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OwnerStatus {
    Verified,
    Document,
    Incomplete,
}

impl OwnerStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OwnerStatus::Verified => "verified",
            OwnerStatus::Document => "document",
            OwnerStatus::Incomplete => "incomplete",
        }
    }

    /// The Dwolla event that says an owner entered this status.
    pub(crate) fn topic(self) -> &'static str {
        match self {
            OwnerStatus::Verified => "customer_beneficial_owner_verified",
            OwnerStatus::Document => "customer_beneficial_owner_verification_document_needed",
            OwnerStatus::Incomplete => "customer_beneficial_owner_reverification_needed",
        }
    }
}

/// A beneficial owner of a business customer.
#[derive(Clone, Debug)]
pub(crate) struct Owner {
    pub(crate) id: String,
    pub(crate) customer_id: String,
    pub(crate) created: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    /// As sent (an international address object).
    pub(crate) address: Value,
    pub(crate) status: OwnerStatus,
}

/// Whose document it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DocumentOf {
    Customer(String),
    Owner(String),
}

/// One uploaded document.
#[derive(Clone, Debug)]
pub(crate) struct Document {
    pub(crate) id: String,
    pub(crate) of: DocumentOf,
    /// `passport`, `license`, `idCard` or `other`.
    pub(crate) doc_type: String,
    pub(crate) created: String,
    /// Reviewed (`reviewed`) or still waiting (`pending`).
    pub(crate) reviewed: bool,
    /// `pending`, `accepted` or `rejected`.
    pub(crate) verification: &'static str,
    /// Why it was rejected: a failure reason and its description.
    pub(crate) failure: Option<(&'static str, &'static str)>,
    /// The file's size and a hash of its bytes, to refuse the same file twice.
    pub(crate) fingerprint: (usize, u64),
}

/// A KBA session.
#[derive(Clone, Debug)]
pub(crate) struct KbaSession {
    pub(crate) id: String,
    pub(crate) customer_id: String,
    /// Answered: its single attempt is used.
    pub(crate) answered: bool,
}

/// Verification state.
#[derive(Debug, Default)]
pub(crate) struct VerificationState {
    /// In creation order; removed owners are gone.
    pub(crate) owners: Vec<Owner>,
    /// In upload order.
    pub(crate) documents: Vec<Document>,
    pub(crate) kba: Vec<KbaSession>,
}

impl Data {
    pub(crate) fn owner(&self, id: &str) -> Option<&Owner> {
        self.verification
            .owners
            .iter()
            .find(|o| o.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn owner_mut(&mut self, id: &str) -> Option<&mut Owner> {
        self.verification
            .owners
            .iter_mut()
            .find(|o| o.id.eq_ignore_ascii_case(id))
    }

    /// Records a Dwolla event about a beneficial owner (or its document, when
    /// `resource_href` is the document's).
    pub(crate) fn owner_event(
        &mut self,
        base_url: &str,
        topic: &str,
        resource_href: &str,
        customer_id: &str,
    ) {
        let customer = format!("{base_url}/customers/{customer_id}");
        self.events
            .emit(topic, resource_href, Some(&customer), None);
    }
}
