//! Transfers, their legs and the sandbox simulation.
//!
//! The model, faithful to Dwolla's sandbox but simple:
//!
//! - A transfer **from a balance** is instant: the balance is debited and
//!   the destination credited at once (a bank destination too), `processed`.
//! - A transfer **from a bank** has a debit leg that waits for
//!   `POST /sandbox-simulations`: `pending` (and cancellable) until then.
//!   To a balance (or the account's balance), the simulation that processes
//!   the debit credits the balance and the transfer is `processed`.
//! - **Bank to bank** has a credit leg too: the first simulation processes
//!   the debit (no longer cancellable, still `pending`), the second the
//!   credit (`processed`). Call it twice, as Dwolla says.
//! - A bank whose **name** is an ACH return code (`R01`, `R03`, ...) fails
//!   the leg it takes part in when that leg is processed: the transfer is
//!   `failed` with that code (`GET /transfers/{id}/failure`), and the bank
//!   is removed for every code but R01, R09 and R20, as Dwolla removes it.
//! - Facilitator fees are transfers of their own, from the charged party's
//!   funding source of the transfer to the account's balance, that share
//!   their transfer's fate (processed, failed or cancelled with it).
//! - A simulation takes the newest 500 pending legs (micro-deposits
//!   included), processes them oldest first, then the `pending` mass
//!   payments (see [`super::mass_payments`]).

use serde_json::Value;

use super::{FsKind, MicroStatus, Owner};
use crate::emulator::handlers::respond::rfc3339_now;
use crate::emulator::state::Data;

/// How many pending legs one simulation processes, as Dwolla's does.
pub(crate) const SIMULATION_BATCH: usize = 500;

/// Return codes after which Dwolla keeps the bank.
const KEEPS_BANK: &[&str] = &["R01", "R09", "R20"];

/// Where a transfer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TransferStatus {
    Pending,
    Processed,
    Cancelled,
    Failed,
}

impl TransferStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Pending => "pending",
            TransferStatus::Processed => "processed",
            TransferStatus::Cancelled => "cancelled",
            TransferStatus::Failed => "failed",
        }
    }
}

/// Why a transfer failed.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub(crate) code: String,
    pub(crate) fs_id: String,
    pub(crate) owner: Owner,
}

/// One transfer (fees and mass-payment items' transfers included).
#[derive(Clone, Debug)]
pub(crate) struct TransferRecord {
    pub(crate) id: String,
    pub(crate) seq: u64,
    pub(crate) created: String,
    pub(crate) source_fs: String,
    pub(crate) dest_fs: String,
    pub(crate) source: Owner,
    pub(crate) dest: Owner,
    pub(crate) source_is_bank: bool,
    pub(crate) dest_is_bank: bool,
    pub(crate) amount_cents: i64,
    pub(crate) status: TransferStatus,
    /// The bank debit still waits for a simulation.
    pub(crate) debit_pending: bool,
    /// The bank credit still waits for a simulation (bank to bank).
    pub(crate) credit_pending: bool,
    pub(crate) metadata: Option<Value>,
    pub(crate) correlation_id: Option<String>,
    pub(crate) clearing: Option<Value>,
    /// Its facilitator fees' transfer ids.
    pub(crate) fees: Vec<String>,
    /// For a fee: the transfer it was charged on.
    pub(crate) fee_of: Option<String>,
    pub(crate) failure: Option<Failure>,
    pub(crate) individual_ach_id: Option<String>,
    /// For a mass payment item's transfer: the item.
    pub(crate) mass_payment_item: Option<String>,
}

impl TransferRecord {
    /// Cancellable while its bank debit waits.
    pub(crate) fn is_cancellable(&self) -> bool {
        self.status == TransferStatus::Pending && self.debit_pending && self.fee_of.is_none()
    }

    /// Whether it involves this owner on either side.
    pub(crate) fn involves(&self, owner: &Owner) -> bool {
        &self.source == owner || &self.dest == owner
    }
}

/// A transfer to make, already checked.
#[derive(Debug, Default)]
pub(crate) struct NewTransfer {
    pub(crate) source_fs: String,
    pub(crate) dest_fs: String,
    pub(crate) amount_cents: i64,
    pub(crate) metadata: Option<Value>,
    pub(crate) correlation_id: Option<String>,
    pub(crate) clearing: Option<Value>,
    /// Facilitator fees: the customer charged and the cents.
    pub(crate) fees: Vec<(String, i64)>,
    pub(crate) mass_payment_item: Option<String>,
}

/// An ACH return code's description and explanation.
pub(crate) fn return_code_text(code: &str) -> (&'static str, &'static str) {
    match code {
        "R01" => ("Insufficient Funds", "Available balance is not sufficient to cover the dollar value of the debit entry."),
        "R02" => ("Account Closed", "Previously active account has been closed by customer or RDFI."),
        "R03" => ("No Account/Unable to Locate Account", "The account number does not correspond to the individual identified in the entry or a valid account."),
        "R04" => ("Invalid Account Number Structure", "The account number fails the check digit validation or contains an incorrect number of digits."),
        "R05" => ("Unauthorized debit to consumer account using corporate SEC code", "A business debit entry was transmitted to a member's consumer account, and the member had not authorized the entry."),
        "R07" => ("Authorization Revoked by Customer", "The customer revoked the authorization previously provided to the originator."),
        "R08" => ("Payment Stopped", "The customer requested a stop payment on this entry."),
        "R09" => ("Uncollected Funds", "The available balance is sufficient, but the collected balance is not sufficient to cover the entry."),
        "R10" => ("Customer Advises Not Authorized", "The customer advises that the originator is not known or not authorized to debit the account."),
        "R16" => ("Account Frozen", "Access to the account is restricted due to specific action taken by the RDFI or by legal action."),
        "R20" => ("Non-Transaction Account", "The account is a non-transaction account: the RDFI does not allow transactions on it."),
        "R29" => ("Corporate Customer Advises Not Authorized", "The business customer advises that the originator is not authorized to debit the account."),
        _ => ("Returned", "The receiving bank returned the entry."),
    }
}

impl Data {
    /// Makes a checked transfer: balance legs at once, bank legs pending
    /// (see the module docs); records its events. Its id.
    pub(crate) fn create_transfer(&mut self, base: &str, new: NewTransfer) -> String {
        let (source, source_kind) = self.fs_owner_kind(&new.source_fs);
        let (dest, dest_kind) = self.fs_owner_kind(&new.dest_fs);
        let source_is_bank = source_kind == FsKind::Bank;
        let dest_is_bank = dest_kind == FsKind::Bank;
        let id = uuid::Uuid::new_v4().to_string();
        let seq = self.money.next_seq();
        let debit_pending = source_is_bank;
        let credit_pending = source_is_bank && dest_is_bank;
        if source_kind == FsKind::Balance {
            self.money.move_balance(&new.source_fs, -new.amount_cents);
        }
        self.money.transfers.push(TransferRecord {
            id: id.clone(),
            seq,
            created: rfc3339_now(),
            source_fs: new.source_fs.clone(),
            dest_fs: new.dest_fs.clone(),
            source: source.clone(),
            dest: dest.clone(),
            source_is_bank,
            dest_is_bank,
            amount_cents: new.amount_cents,
            status: TransferStatus::Pending,
            debit_pending,
            credit_pending,
            metadata: new.metadata,
            correlation_id: new.correlation_id.clone(),
            clearing: new.clearing,
            fees: Vec::new(),
            fee_of: None,
            failure: None,
            individual_ach_id: (source_is_bank || dest_is_bank).then(|| super::random_letters(8)),
            mass_payment_item: new.mass_payment_item,
        });
        self.transfer_events(base, &id, "created");
        // Fees: their own transfers, to the account's balance.
        let mut fee_ids = Vec::new();
        for (customer, cents) in new.fees {
            let charged = Owner::Customer(customer);
            let fee_source = if charged == source {
                new.source_fs.clone()
            } else {
                new.dest_fs.clone()
            };
            let fee_id = uuid::Uuid::new_v4().to_string();
            let seq = self.money.next_seq();
            self.money.transfers.push(TransferRecord {
                id: fee_id.clone(),
                seq,
                created: rfc3339_now(),
                source_fs: fee_source,
                dest_fs: crate::emulator::Emulator::ACCOUNT_BALANCE_ID.to_owned(),
                source: charged,
                dest: Owner::Account,
                source_is_bank: false,
                dest_is_bank: false,
                amount_cents: cents,
                status: TransferStatus::Pending,
                debit_pending: false,
                credit_pending: false,
                metadata: None,
                correlation_id: new.correlation_id.clone(),
                clearing: None,
                fees: Vec::new(),
                fee_of: Some(id.clone()),
                failure: None,
                individual_ach_id: None,
                mass_payment_item: None,
            });
            self.transfer_events(base, &fee_id, "created");
            fee_ids.push(fee_id);
        }
        if let Some(t) = self.money.transfer_mut(&id) {
            t.fees = fee_ids;
        }
        if !debit_pending {
            if dest_kind == FsKind::Balance {
                self.money.move_balance(&new.dest_fs, new.amount_cents);
            }
            self.complete(base, &id);
        }
        id
    }

    /// A funding source's owner and kind (the account's balance for one
    /// that does not exist, which never happens for a checked transfer).
    fn fs_owner_kind(&self, fs_id: &str) -> (Owner, FsKind) {
        self.money
            .fs(fs_id)
            .map_or((Owner::Account, FsKind::Balance), |f| {
                (f.owner.clone(), f.kind)
            })
    }

    /// Records `(customer_)(bank_)transfer_{what}` for each side of a
    /// transfer: `bank_` where that side's funding source is a bank,
    /// `customer_` where a customer owns it (once per topic and customer).
    pub(crate) fn transfer_events(&mut self, base: &str, id: &str, what: &str) {
        let Some(t) = self.money.transfer(id) else {
            return;
        };
        let href = format!("{base}/transfers/{}", t.id);
        let correlation = t.correlation_id.clone();
        let sides = [
            (t.source.clone(), t.source_is_bank),
            (t.dest.clone(), t.dest_is_bank),
        ];
        let mut seen: Vec<(String, Option<String>)> = Vec::new();
        for (owner, bank) in sides {
            let bank = if bank { "bank_" } else { "" };
            let (topic, customer) = match &owner {
                Owner::Account => (format!("{bank}transfer_{what}"), None),
                Owner::Customer(c) => (
                    format!("customer_{bank}transfer_{what}"),
                    Some(format!("{base}/customers/{c}")),
                ),
            };
            if seen.contains(&(topic.clone(), customer.clone())) {
                continue;
            }
            self.events
                .emit(&topic, &href, customer.as_deref(), correlation.as_deref());
            seen.push((topic, customer));
        }
    }

    /// The transfer is processed: events, and its fees settle with it.
    fn complete(&mut self, base: &str, id: &str) {
        let fees = match self.money.transfer_mut(id) {
            Some(t) => {
                t.status = TransferStatus::Processed;
                t.debit_pending = false;
                t.credit_pending = false;
                t.fees.clone()
            }
            None => return,
        };
        self.transfer_events(base, id, "completed");
        for fee in fees {
            let Some((source_fs, dest_fs, cents)) = self.money.transfer_mut(&fee).map(|f| {
                f.status = TransferStatus::Processed;
                (f.source_fs.clone(), f.dest_fs.clone(), f.amount_cents)
            }) else {
                continue;
            };
            self.money.move_balance(&source_fs, -cents);
            self.money.move_balance(&dest_fs, cents);
            self.transfer_events(base, &fee, "completed");
        }
    }

    /// The leg through `fs_id` was returned with `code`: the transfer and
    /// its fees fail, and the bank is removed unless the code keeps it.
    pub(crate) fn fail_transfer(&mut self, base: &str, id: &str, code: &str, fs_id: &str) {
        let owner = self
            .money
            .fs(fs_id)
            .map_or(Owner::Account, |f| f.owner.clone());
        let fees = match self.money.transfer_mut(id) {
            Some(t) => {
                t.status = TransferStatus::Failed;
                t.debit_pending = false;
                t.credit_pending = false;
                t.failure = Some(Failure {
                    code: code.to_owned(),
                    fs_id: fs_id.to_owned(),
                    owner,
                });
                t.fees.clone()
            }
            None => return,
        };
        self.transfer_events(base, id, "failed");
        for fee in fees {
            if let Some(f) = self.money.transfer_mut(&fee) {
                f.status = TransferStatus::Failed;
            }
            self.transfer_events(base, &fee, "failed");
        }
        if !KEEPS_BANK.contains(&code) {
            self.remove_funding_source(base, fs_id);
        }
    }

    /// Cancels a cancellable transfer and its fees (nothing moved yet).
    pub(crate) fn cancel_transfer(&mut self, base: &str, id: &str) {
        let fees = match self.money.transfer_mut(id) {
            Some(t) => {
                t.status = TransferStatus::Cancelled;
                t.debit_pending = false;
                t.credit_pending = false;
                t.fees.clone()
            }
            None => return,
        };
        self.transfer_events(base, id, "cancelled");
        for fee in fees {
            if let Some(f) = self.money.transfer_mut(&fee) {
                f.status = TransferStatus::Cancelled;
            }
            self.transfer_events(base, &fee, "cancelled");
        }
    }

    /// Removes (soft-deletes) a funding source, once, with its event;
    /// pending transfers to it whose bank debit has not happened are
    /// cancelled, as Dwolla cancels pending credits.
    pub(crate) fn remove_funding_source(&mut self, base: &str, fs_id: &str) {
        let Some(f) = self.money.fs_mut(fs_id) else {
            return;
        };
        if f.removed {
            return;
        }
        f.removed = true;
        let id = f.id.clone();
        self.fs_event(base, "funding_source_removed", &id);
        let to_cancel: Vec<String> = self
            .money
            .transfers
            .iter()
            .filter(|t| t.dest_fs.eq_ignore_ascii_case(&id) && t.is_cancellable())
            .map(|t| t.id.clone())
            .collect();
        for t in to_cancel {
            self.cancel_transfer(base, &t);
        }
    }

    /// `POST /sandbox-simulations`: processes (or fails) the newest
    /// [`SIMULATION_BATCH`] pending bank legs and micro-deposits, oldest
    /// first, then the pending mass payments. How many legs it processed
    /// (each micro-deposit counts: two per bank).
    pub(crate) fn simulate(&mut self, base: &str) -> u64 {
        enum Leg {
            Transfer(String),
            Micro(String),
        }
        let mut legs: Vec<(u64, Leg)> = self
            .money
            .transfers
            .iter()
            .filter(|t| {
                t.status == TransferStatus::Pending && (t.debit_pending || t.credit_pending)
            })
            .map(|t| (t.seq, Leg::Transfer(t.id.clone())))
            .chain(self.money.funding_sources.iter().filter_map(|f| {
                let m = f.micro.as_ref()?;
                (m.status == MicroStatus::Pending).then(|| (m.seq, Leg::Micro(f.id.clone())))
            }))
            .collect();
        legs.sort_by_key(|(seq, _)| std::cmp::Reverse(*seq));
        legs.truncate(SIMULATION_BATCH);
        legs.reverse();
        let mut total = 0;
        for (_, leg) in legs {
            match leg {
                Leg::Transfer(id) => {
                    self.process_leg(base, &id);
                    total += 1;
                }
                Leg::Micro(fs_id) => {
                    self.process_micro_deposits(base, &fs_id);
                    total += 2;
                }
            }
        }
        self.process_mass_payments(base);
        total
    }

    /// One leg of a pending transfer: the debit if it waits, else the credit.
    fn process_leg(&mut self, base: &str, id: &str) {
        let Some(t) = self.money.transfer(id).cloned() else {
            return;
        };
        if t.debit_pending {
            if let Some(code) = self.money.fs(&t.source_fs).and_then(|f| f.return_code()) {
                self.fail_transfer(base, id, &code, &t.source_fs);
                return;
            }
            if t.credit_pending {
                if let Some(t) = self.money.transfer_mut(id) {
                    t.debit_pending = false;
                }
                return;
            }
            if !t.dest_is_bank {
                self.money.move_balance(&t.dest_fs, t.amount_cents);
            }
            self.complete(base, id);
        } else if t.credit_pending {
            if let Some(code) = self.money.fs(&t.dest_fs).and_then(|f| f.return_code()) {
                self.fail_transfer(base, id, &code, &t.dest_fs);
                return;
            }
            self.complete(base, id);
        }
    }

    /// A bank's pending micro-deposits arrive, or fail for a bank named
    /// after a return code (which removes it unless the code keeps it).
    fn process_micro_deposits(&mut self, base: &str, fs_id: &str) {
        let code = self.money.fs(fs_id).and_then(|f| f.return_code());
        let Some(micro) = self.money.fs_mut(fs_id).and_then(|f| f.micro.as_mut()) else {
            return;
        };
        match code {
            Some(code) => {
                micro.status = MicroStatus::Failed(code.clone());
                self.fs_event(base, "microdeposits_failed", fs_id);
                if !KEEPS_BANK.contains(&code.as_str()) {
                    self.remove_funding_source(base, fs_id);
                }
            }
            None => {
                micro.status = MicroStatus::Processed;
                self.fs_event(base, "microdeposits_completed", fs_id);
            }
        }
    }
}
