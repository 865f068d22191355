//! Mass payments and their items.
//!
//! A mass payment is created `pending` (or `deferred`, until released to
//! `pending` or cancelled). The next sandbox simulation processes every
//! pending one, oldest first: each item becomes a transfer from the mass
//! payment's source (`success`, following the transfer rules: instant from
//! a balance, pending from a bank) or fails with Dwolla's item codes
//! (`InsufficientFunds`, `RequiresFundingSource`, `Restricted`, `Invalid`),
//! and the mass payment is `complete`. It passes through `processing`
//! inside that one call.

use serde_json::Value;

use super::transfers::NewTransfer;
use super::{FsKind, Owner};
use crate::emulator::state::Data;

/// A mass payment's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MpStatus {
    Deferred,
    Pending,
    Processing,
    Complete,
    Cancelled,
}

impl MpStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MpStatus::Deferred => "deferred",
            MpStatus::Pending => "pending",
            MpStatus::Processing => "processing",
            MpStatus::Complete => "complete",
            MpStatus::Cancelled => "cancelled",
        }
    }
}

/// One mass payment.
#[derive(Clone, Debug)]
pub(crate) struct MassPaymentRecord {
    pub(crate) id: String,
    pub(crate) seq: u64,
    pub(crate) created: String,
    pub(crate) source_fs: String,
    pub(crate) owner: Owner,
    pub(crate) status: MpStatus,
    pub(crate) items: Vec<String>,
    pub(crate) metadata: Option<Value>,
    pub(crate) correlation_id: Option<String>,
    pub(crate) clearing: Option<Value>,
    pub(crate) total_cents: i64,
}

/// An item's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemStatus {
    Pending,
    Success,
    Failed,
}

impl ItemStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Success => "success",
            ItemStatus::Failed => "failed",
        }
    }
}

/// One item of a mass payment.
#[derive(Clone, Debug)]
pub(crate) struct ItemRecord {
    pub(crate) id: String,
    pub(crate) mass_payment: String,
    /// The destination as sent.
    pub(crate) dest_href: String,
    /// Its funding source id, when the href names one.
    pub(crate) dest_fs: Option<String>,
    pub(crate) amount_cents: i64,
    pub(crate) metadata: Option<Value>,
    pub(crate) correlation_id: Option<String>,
    pub(crate) status: ItemStatus,
    pub(crate) transfer: Option<String>,
    /// Why it failed: code, message, path.
    pub(crate) error: Option<(&'static str, &'static str, &'static str)>,
}

impl Data {
    /// Records `(customer_)mass_payment_{what}` for a mass payment.
    pub(crate) fn mass_payment_event(&mut self, base: &str, id: &str, what: &str) {
        let Some(mp) = self.money.mass_payments.iter().find(|m| m.id == id) else {
            return;
        };
        let href = format!("{base}/mass-payments/{id}");
        let correlation = mp.correlation_id.clone();
        match mp.owner.clone() {
            Owner::Account => {
                self.events.emit(
                    &format!("mass_payment_{what}"),
                    &href,
                    None,
                    correlation.as_deref(),
                );
            }
            Owner::Customer(c) => {
                let customer = format!("{base}/customers/{c}");
                self.events.emit(
                    &format!("customer_mass_payment_{what}"),
                    &href,
                    Some(&customer),
                    correlation.as_deref(),
                );
            }
        }
    }

    /// Processes every `pending` mass payment, oldest first (module docs).
    pub(crate) fn process_mass_payments(&mut self, base: &str) {
        let pending: Vec<String> = self
            .money
            .mass_payments
            .iter()
            .filter(|m| m.status == MpStatus::Pending)
            .map(|m| m.id.clone())
            .collect();
        for id in pending {
            self.process_mass_payment(base, &id);
        }
    }

    fn process_mass_payment(&mut self, base: &str, id: &str) {
        let Some(mp) = self.money.mass_payments.iter_mut().find(|m| m.id == id) else {
            return;
        };
        mp.status = MpStatus::Processing;
        let (source_fs, items) = (mp.source_fs.clone(), mp.items.clone());
        for item_id in items {
            let Some(item) = self.money.items.iter().find(|i| i.id == item_id).cloned() else {
                continue;
            };
            let outcome = self.check_item(&source_fs, &item);
            let transfer = match outcome {
                Ok(()) => Some(self.create_transfer(
                    base,
                    NewTransfer {
                        source_fs: source_fs.clone(),
                        dest_fs: item.dest_fs.clone().unwrap_or_default(),
                        amount_cents: item.amount_cents,
                        metadata: item.metadata.clone(),
                        correlation_id: item.correlation_id.clone(),
                        mass_payment_item: Some(item.id.clone()),
                        ..NewTransfer::default()
                    },
                )),
                Err(_) => None,
            };
            if let Some(it) = self.money.items.iter_mut().find(|i| i.id == item_id) {
                match outcome {
                    Ok(()) => {
                        it.status = ItemStatus::Success;
                        it.transfer = transfer;
                    }
                    Err(e) => {
                        it.status = ItemStatus::Failed;
                        it.error = Some(e);
                    }
                }
            }
        }
        if let Some(mp) = self.money.mass_payments.iter_mut().find(|m| m.id == id) {
            mp.status = MpStatus::Complete;
        }
        self.mass_payment_event(base, id, "completed");
    }

    /// Whether an item can be paid now; else Dwolla's item error.
    fn check_item(
        &self,
        source_fs: &str,
        item: &ItemRecord,
    ) -> Result<(), (&'static str, &'static str, &'static str)> {
        const DEST: &str = "/items/_links/destination/href";
        let Some(source) = self.money.fs(source_fs) else {
            return Err(("Invalid", "Invalid funding source.", "/_links/source/href"));
        };
        if source.removed || !source.verified || !self.may_send(&source.owner) {
            return Err(("Restricted", "Sender restricted.", "/_links/source/href"));
        }
        let dest = item.dest_fs.as_deref().and_then(|d| self.money.fs(d));
        let Some(dest) = dest.filter(|d| !d.removed) else {
            return Err((
                "RequiresFundingSource",
                "Receiver requires funding source.",
                DEST,
            ));
        };
        if dest.kind == FsKind::Virtual || dest.id == source.id {
            return Err(("Invalid", "Invalid destination funding source.", DEST));
        }
        if !self.may_receive(&dest.owner) {
            return Err(("Restricted", "Receiver restricted.", DEST));
        }
        if source.kind == FsKind::Balance && self.money.available_cents(source) < item.amount_cents
        {
            return Err((
                "InsufficientFunds",
                "Insufficient funds.",
                "/_links/source/href",
            ));
        }
        Ok(())
    }
}
