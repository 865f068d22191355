//! Labels: designated parts of a verified customer's balance. A label's
//! amount is the sum of its ledger entries (its creation is the first);
//! it never goes below zero, and labeled funds are not available to spend.

use crate::emulator::handlers::respond::rfc3339_now;
use crate::emulator::state::Data;

/// One label.
#[derive(Clone, Debug)]
pub(crate) struct LabelRecord {
    pub(crate) id: String,
    pub(crate) seq: u64,
    pub(crate) customer_id: String,
    pub(crate) created: String,
    pub(crate) amount_cents: i64,
    pub(crate) removed: bool,
}

/// One ledger entry (signed).
#[derive(Clone, Debug)]
pub(crate) struct LedgerEntryRecord {
    pub(crate) id: String,
    pub(crate) seq: u64,
    pub(crate) label_id: String,
    pub(crate) amount_cents: i64,
    pub(crate) created: String,
}

/// One reallocation: the two ledger entries it made.
#[derive(Clone, Debug)]
pub(crate) struct ReallocationRecord {
    pub(crate) id: String,
    pub(crate) from_entry: String,
    pub(crate) to_entry: String,
    pub(crate) created: String,
}

impl Data {
    /// A label (not removed) by id.
    pub(crate) fn label(&self, id: &str) -> Option<&LabelRecord> {
        self.money
            .labels
            .iter()
            .find(|l| !l.removed && l.id.eq_ignore_ascii_case(id))
    }

    /// Adds a ledger entry to a label (checked by the caller), recording
    /// `customer_label_ledger_entry_created` when `base` is given. Its id.
    pub(crate) fn add_ledger_entry(
        &mut self,
        base: Option<&str>,
        label_id: &str,
        cents: i64,
    ) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        let seq = self.money.next_seq();
        let mut customer = None;
        if let Some(l) = self
            .money
            .labels
            .iter_mut()
            .find(|l| l.id.eq_ignore_ascii_case(label_id))
        {
            l.amount_cents += cents;
            customer = Some(l.customer_id.clone());
        }
        self.money.ledger_entries.push(LedgerEntryRecord {
            id: id.clone(),
            seq,
            label_id: label_id.to_owned(),
            amount_cents: cents,
            created: rfc3339_now(),
        });
        if let (Some(base), Some(customer)) = (base, customer) {
            let href = format!("{base}/ledger-entries/{id}");
            let customer = format!("{base}/customers/{customer}");
            self.events.emit(
                "customer_label_ledger_entry_created",
                &href,
                Some(&customer),
                None,
            );
        }
        id
    }
}
