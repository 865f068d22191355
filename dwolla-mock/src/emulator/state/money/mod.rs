//! Money: the application's account, funding sources (banks, balances,
//! virtual account numbers), micro-deposits, transfers and their legs,
//! mass payments and labels, with the balances they move.
//!
//! Amounts are whole cents (`i64`): never a float. The rules that move
//! money live here (see [`transfers`] for the legs and the sandbox
//! simulation); the handlers read requests and render Dwolla's bodies.

pub(crate) mod labels;
pub(crate) mod mass_payments;
pub(crate) mod transfers;

use std::collections::HashSet;

use super::customers::{Kind, Status};
use super::Data;
use crate::emulator::handlers::respond::rfc3339_now;
use crate::emulator::Emulator;

pub(crate) use self::labels::{LabelRecord, LedgerEntryRecord, ReallocationRecord};
pub(crate) use self::mass_payments::{ItemRecord, ItemStatus, MassPaymentRecord, MpStatus};
pub(crate) use self::transfers::{TransferRecord, TransferStatus};

/// The account's balance when none is configured: $5,000.00, as a new
/// sandbox account gets.
pub(crate) const DEFAULT_ACCOUNT_BALANCE_CENTS: i64 = 500_000;
/// The account's name (`GET /accounts/{id}`).
pub(crate) const ACCOUNT_NAME: &str = "Dwolla Emulator Account";
/// The bank every sandbox account gets.
pub(crate) const ACCOUNT_BANK_NAME: &str = "Superhero Savings Bank";
/// The bank name Dwolla's sandbox shows for banks added by numbers.
pub(crate) const SANDBOX_BANK_NAME: &str = "SANDBOX TEST BANK";
/// The routing number of virtual account numbers (Dwolla's example).
pub(crate) const VAN_ROUTING_NUMBER: &str = "084106768";

/// Who owns a funding source, a transfer's side or a mass payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The application's own account.
    Account,
    /// A customer, by id.
    Customer(String),
}

impl Owner {
    pub(crate) fn href(&self, base: &str) -> String {
        match self {
            Owner::Account => format!("{base}/accounts/{}", Emulator::ACCOUNT_ID),
            Owner::Customer(id) => format!("{base}/customers/{id}"),
        }
    }

    pub(crate) fn resource_type(&self) -> &'static str {
        match self {
            Owner::Account => "account",
            Owner::Customer(_) => "customer",
        }
    }

    pub(crate) fn customer_id(&self) -> Option<&str> {
        match self {
            Owner::Account => None,
            Owner::Customer(id) => Some(id),
        }
    }

    pub(crate) fn is_customer(&self, id: &str) -> bool {
        self.customer_id()
            .is_some_and(|c| c.eq_ignore_ascii_case(id))
    }
}

/// What a funding source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FsKind {
    Bank,
    Balance,
    Virtual,
}

impl FsKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FsKind::Bank => "bank",
            FsKind::Balance => "balance",
            FsKind::Virtual => "virtual",
        }
    }
}

/// Where a funding source's micro-deposits stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum MicroStatus {
    Pending,
    Processed,
    /// Returned by the bank, with the ACH return code.
    Failed(String),
}

/// The two micro-deposits sent to a bank.
#[derive(Clone, Debug)]
pub(crate) struct MicroDeposits {
    pub(crate) created: String,
    pub(crate) status: MicroStatus,
    /// Wrong verification attempts so far (three end it).
    pub(crate) wrong_attempts: u8,
    /// Creation order among bank transfers (the simulation takes the newest).
    pub(crate) seq: u64,
}

/// Three wrong micro-deposit attempts end verification.
pub(crate) const MAX_MICRO_ATTEMPTS: u8 = 3;

/// One funding source: a bank (by numbers, Plaid token or exchange), a
/// Dwolla balance or a virtual account number.
#[derive(Clone, Debug)]
pub(crate) struct FundingSourceRecord {
    pub(crate) id: String,
    pub(crate) owner: Owner,
    pub(crate) kind: FsKind,
    pub(crate) name: String,
    pub(crate) created: String,
    pub(crate) verified: bool,
    pub(crate) removed: bool,
    pub(crate) bank_account_type: Option<String>,
    pub(crate) bank_name: Option<String>,
    pub(crate) fingerprint: Option<String>,
    pub(crate) channels: Vec<String>,
    /// The exchange it was created from.
    pub(crate) exchange_id: Option<String>,
    /// The bank account behind an exchange (a key of `Data::accounts`):
    /// one funding source per account.
    pub(crate) account: Option<String>,
    /// Routing and account numbers (banks by numbers; VANs' own), never
    /// shown but by `GET /funding-sources/{id}/ach-routing` for a VAN.
    pub(crate) numbers: Option<(String, String)>,
    pub(crate) on_demand_authorization: Option<String>,
    pub(crate) micro: Option<MicroDeposits>,
    /// What a balance holds, in cents (balances only).
    pub(crate) balance_cents: i64,
    /// When a balance last changed (RFC 3339).
    pub(crate) balance_updated: String,
}

impl FundingSourceRecord {
    /// A new funding source with the common members set.
    pub(crate) fn new(id: String, owner: Owner, kind: FsKind, name: &str, verified: bool) -> Self {
        let now = rfc3339_now();
        FundingSourceRecord {
            id,
            owner,
            kind,
            name: name.to_owned(),
            created: now.clone(),
            verified,
            removed: false,
            bank_account_type: None,
            bank_name: None,
            fingerprint: None,
            channels: Vec::new(),
            exchange_id: None,
            account: None,
            numbers: None,
            on_demand_authorization: None,
            micro: None,
            balance_cents: 0,
            balance_updated: now,
        }
    }

    /// The ACH return code its name asks for, as in Dwolla's sandbox: a
    /// name that is `R` and two digits (`R01`, `r03`). `R01-late` and the
    /// like are not played.
    pub(crate) fn return_code(&self) -> Option<String> {
        let name = self.name.trim();
        let b = name.as_bytes();
        (b.len() == 3 && b[0].eq_ignore_ascii_case(&b'r') && b[1..].iter().all(u8::is_ascii_digit))
            .then(|| name.to_ascii_uppercase())
    }
}

/// Money state (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct MoneyState {
    /// In creation order.
    pub(crate) funding_sources: Vec<FundingSourceRecord>,
    /// In creation order (fees and mass-payment items included).
    pub(crate) transfers: Vec<TransferRecord>,
    pub(crate) mass_payments: Vec<MassPaymentRecord>,
    pub(crate) items: Vec<ItemRecord>,
    pub(crate) labels: Vec<LabelRecord>,
    pub(crate) ledger_entries: Vec<LedgerEntryRecord>,
    pub(crate) reallocations: Vec<ReallocationRecord>,
    /// Issued on-demand authorizations, by id.
    pub(crate) on_demand_authorizations: HashSet<String>,
    /// Customers whose balance exists (so the sync is cheap).
    pub(crate) with_balance: HashSet<String>,
    next_seq: u64,
}

impl MoneyState {
    /// The next creation sequence number (orders transfers, labels, ...).
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub(crate) fn fs(&self, id: &str) -> Option<&FundingSourceRecord> {
        self.funding_sources
            .iter()
            .find(|f| f.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn fs_mut(&mut self, id: &str) -> Option<&mut FundingSourceRecord> {
        self.funding_sources
            .iter_mut()
            .find(|f| f.id.eq_ignore_ascii_case(id))
    }

    /// The balance funding source of an owner.
    pub(crate) fn balance_of(&self, owner: &Owner) -> Option<&FundingSourceRecord> {
        self.funding_sources
            .iter()
            .find(|f| f.kind == FsKind::Balance && &f.owner == owner)
    }

    /// Cents held in labels of a customer (not removed).
    pub(crate) fn labeled_cents(&self, customer_id: &str) -> i64 {
        self.labels
            .iter()
            .filter(|l| !l.removed && l.customer_id.eq_ignore_ascii_case(customer_id))
            .map(|l| l.amount_cents)
            .sum()
    }

    /// What a balance funding source can spend: its total less the owner's
    /// labeled funds.
    pub(crate) fn available_cents(&self, fs: &FundingSourceRecord) -> i64 {
        let labeled = fs.owner.customer_id().map_or(0, |c| self.labeled_cents(c));
        fs.balance_cents - labeled
    }

    pub(crate) fn transfer(&self, id: &str) -> Option<&TransferRecord> {
        self.transfers
            .iter()
            .find(|t| t.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn transfer_mut(&mut self, id: &str) -> Option<&mut TransferRecord> {
        self.transfers
            .iter_mut()
            .find(|t| t.id.eq_ignore_ascii_case(id))
    }

    /// Whether `fs_id`, if a balance, can take `cents` more on top of what
    /// it holds and every pending transfer to it (`false` when the sum does
    /// not fit in cents). Anything else can always receive.
    pub(crate) fn can_receive(&self, fs_id: &str, cents: i64) -> bool {
        let Some(f) = self.fs(fs_id).filter(|f| f.kind == FsKind::Balance) else {
            return true;
        };
        let Some(start) = f.balance_cents.checked_add(cents) else {
            return false;
        };
        self.transfers
            .iter()
            .filter(|t| {
                t.status == TransferStatus::Pending && t.dest_fs.eq_ignore_ascii_case(&f.id)
            })
            .try_fold(start, |sum, t| sum.checked_add(t.amount_cents))
            .is_some()
    }

    /// Adds cents to a balance (negative: takes them). Saturating: the
    /// handlers refuse amounts a balance cannot hold (see `can_receive`),
    /// and an overflow here must not panic with the data locked.
    pub(crate) fn move_balance(&mut self, fs_id: &str, cents: i64) {
        if let Some(f) = self.fs_mut(fs_id) {
            if f.kind == FsKind::Balance {
                f.balance_cents = f.balance_cents.saturating_add(cents);
                f.balance_updated = rfc3339_now();
            }
        }
    }
}

/// Whether a customer (by its record) is one that has a Dwolla balance:
/// a verified personal or business customer.
fn has_balance(kind: Kind, status: Status) -> bool {
    kind.is_verified_type() && status == Status::Verified
}

impl Data {
    /// The account's funding sources at start: its balance holding
    /// `balance_cents`, and the verified "Superhero Savings Bank". Then the
    /// balances of the customers verified at start (no events: they existed
    /// before the emulator started).
    pub(crate) fn seed_money(&mut self, balance_cents: i64) {
        let mut balance = FundingSourceRecord::new(
            Emulator::ACCOUNT_BALANCE_ID.to_owned(),
            Owner::Account,
            FsKind::Balance,
            "Balance",
            true,
        );
        balance.created = "2024-01-15T17:20:42.000Z".into();
        balance.balance_cents = balance_cents;
        let mut bank = FundingSourceRecord::new(
            Emulator::ACCOUNT_BANK_ID.to_owned(),
            Owner::Account,
            FsKind::Bank,
            "Superhero Savings",
            true,
        );
        bank.created = "2024-01-15T17:20:42.000Z".into();
        bank.bank_account_type = Some("checking".into());
        bank.bank_name = Some(ACCOUNT_BANK_NAME.into());
        bank.fingerprint = Some(fingerprint("account-bank", Emulator::ACCOUNT_BANK_ID));
        bank.channels = vec!["ach".into()];
        self.money.funding_sources.push(balance);
        self.money.funding_sources.push(bank);
        self.sync_balances(None);
    }

    /// Gives every verified personal or business customer its balance
    /// funding source, once. Called before the money routes read anything,
    /// so a customer verified since (by any route) has its balance. With a
    /// base URL, records `customer_funding_source_added` for each new one.
    pub(crate) fn sync_balances(&mut self, base_url: Option<&str>) {
        let missing: Vec<String> = self
            .customers
            .all
            .iter()
            .filter(|c| has_balance(c.kind, c.status))
            .filter(|c| !self.money.with_balance.contains(&c.id))
            .map(|c| c.id.clone())
            .collect();
        for customer_id in missing {
            let id = uuid::Uuid::new_v4().to_string();
            let fs = FundingSourceRecord::new(
                id.clone(),
                Owner::Customer(customer_id.clone()),
                FsKind::Balance,
                "Balance",
                true,
            );
            self.money.funding_sources.push(fs);
            self.money.with_balance.insert(customer_id.clone());
            if let Some(base) = base_url {
                self.fs_event(base, "funding_source_added", &id);
            }
        }
    }

    /// Records a funding-source event (`funding_source_added`, ...): the
    /// `customer_` topic for a customer's, the plain one for the account's.
    pub(crate) fn fs_event(&mut self, base: &str, what: &str, fs_id: &str) {
        let Some(owner) = self.money.fs(fs_id).map(|f| f.owner.clone()) else {
            return;
        };
        let href = format!("{base}/funding-sources/{fs_id}");
        match owner {
            Owner::Account => {
                self.events.emit(what, &href, None, None);
            }
            Owner::Customer(c) => {
                let customer = format!("{base}/customers/{c}");
                self.events
                    .emit(&format!("customer_{what}"), &href, Some(&customer), None);
            }
        }
    }

    /// Whether a customer may send money now: `verified` (personal or
    /// business) or `unverified` (an unverified customer), as Dwolla's
    /// customer types allow; receive-only customers never send.
    pub(crate) fn may_send(&self, owner: &Owner) -> bool {
        match owner {
            Owner::Account => true,
            Owner::Customer(id) => self.customer(id).is_some_and(|c| match c.kind {
                Kind::Personal | Kind::Business => c.status == Status::Verified,
                Kind::Unverified => c.status == Status::Unverified,
                Kind::ReceiveOnly => false,
            }),
        }
    }

    /// Whether a customer may receive money now (not suspended or
    /// deactivated).
    pub(crate) fn may_receive(&self, owner: &Owner) -> bool {
        match owner {
            Owner::Account => true,
            Owner::Customer(id) => self
                .customer(id)
                .is_some_and(|c| !matches!(c.status, Status::Suspended | Status::Deactivated)),
        }
    }

    /// The most a transfer from this owner may move, in cents: $10,000 for
    /// verified customers, $5,000 for unverified ones (Dwolla's weekly
    /// limit, played per transfer), none for the account.
    pub(crate) fn send_limit_cents(&self, owner: &Owner) -> Option<i64> {
        let c = self.customer(owner.customer_id()?)?;
        Some(match c.kind {
            Kind::Unverified | Kind::ReceiveOnly => 500_000,
            Kind::Personal | Kind::Business => 1_000_000,
        })
    }
}

// ---------------------------------------------------------------------------
// Cents

/// Cents from a decimal text (`"10"`, `"10.5"`, `"-5.00"`); a third decimal
/// and beyond is rounded half to even, as Dwolla rounds. `None` for what is
/// not a plain decimal or does not fit.
pub(crate) fn parse_cents(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 15
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut cents = whole * 100;
    let fb = frac.as_bytes();
    let digit = |i: usize| fb.get(i).map_or(0, |b| i64::from(b - b'0'));
    cents += digit(0) * 10 + digit(1);
    if fb.len() > 2 {
        let rest = &fb[2..];
        let first = i64::from(rest[0] - b'0');
        let tail_zero = rest[1..].iter().all(|&b| b == b'0');
        let round_up = first > 5 || (first == 5 && (!tail_zero || cents % 2 == 1));
        if round_up {
            cents += 1;
        }
    }
    Some(if negative { -cents } else { cents })
}

/// Two decimals: `1005` is `"10.05"`, `-500` `"-5.00"`.
pub(crate) fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A stable 64-hex-digit fingerprint of a bank account: the same numbers
/// give the same fingerprint, whoever adds them.
pub(crate) fn fingerprint(routing: &str, account: &str) -> String {
    let mut out = String::with_capacity(64);
    for salt in 0u64..4 {
        // FNV-1a, salted per quarter.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for b in routing.bytes().chain([b':']).chain(account.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

/// A random identifier of `n` upper-case letters (an `individualAchId`).
pub(crate) fn random_letters(n: usize) -> String {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    bytes
        .iter()
        .cycle()
        .take(n)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// A random string of `n` digits (a VAN's account number).
pub(crate) fn random_digits(n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in uuid::Uuid::new_v4().into_bytes() {
            if out.len() < n {
                out.push(char::from(b'0' + b % 10));
            }
        }
    }
    // No leading zero.
    out.replace_range(0..1, "9");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_round_half_to_even() {
        assert_eq!(parse_cents("10"), Some(1000));
        assert_eq!(parse_cents("10.5"), Some(1050));
        assert_eq!(parse_cents("0.09"), Some(9));
        assert_eq!(parse_cents("-5.00"), Some(-500));
        assert_eq!(parse_cents(".5"), Some(50));
        assert_eq!(parse_cents("1.005"), Some(100));
        assert_eq!(parse_cents("1.015"), Some(102));
        assert_eq!(parse_cents("1.0151"), Some(102));
        assert_eq!(parse_cents("1.0050001"), Some(101));
        assert_eq!(parse_cents("1.006"), Some(101));
        assert_eq!(parse_cents("1e3"), None);
        assert_eq!(parse_cents(""), None);
        assert_eq!(parse_cents("."), None);
        assert_eq!(parse_cents("abc"), None);
        assert_eq!(parse_cents("1234567890123456"), None);
    }

    #[test]
    fn cents_format() {
        assert_eq!(format_cents(501_000), "5010.00");
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_cents(-500), "-5.00");
        assert_eq!(format_cents(0), "0.00");
    }

    #[test]
    fn fingerprints_are_stable_hex() {
        let a = fingerprint("222222226", "123456789");
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, fingerprint("222222226", "123456789"));
        assert_ne!(a, fingerprint("222222226", "123456780"));
    }

    #[test]
    fn return_codes_from_names() {
        let fs = |name: &str| {
            FundingSourceRecord::new("x".into(), Owner::Account, FsKind::Bank, name, false)
        };
        assert_eq!(fs("R01").return_code().as_deref(), Some("R01"));
        assert_eq!(fs(" r03 ").return_code().as_deref(), Some("R03"));
        assert_eq!(fs("R01-late").return_code(), None);
        assert_eq!(fs("Checking").return_code(), None);
    }
}
