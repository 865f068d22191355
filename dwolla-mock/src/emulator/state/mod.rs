//! What the emulator knows and remembers.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use tokio::time::Instant;

use super::faults::Faults;

pub(crate) mod customers;
pub(crate) mod events;
pub(crate) mod money;
pub(crate) mod verification;
pub(crate) mod webhooks;

pub(crate) use self::{
    customers::CustomersState, events::Events, money::MoneyState, verification::VerificationState,
    webhooks::WebhookState,
};

/// How a partner's sessions hand over to the front end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Handoff {
    /// `externalProviderSessionToken` (Plaid's Link token).
    LinkToken,
    /// `_links["external-provider-session"]` (MX's Connect URL and the like).
    ConnectUrl(&'static str),
}

/// One exchange partner.
#[derive(Clone, Debug)]
pub(crate) struct Partner {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) active: bool,
    pub(crate) supports_product: bool,
    pub(crate) enabled: bool,
    pub(crate) created: &'static str,
    pub(crate) handoff: Option<Handoff>,
}

/// Where an exchange stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExchangeStatus {
    Active,
    Deactivated,
    Removed,
}

impl ExchangeStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ExchangeStatus::Active => "active",
            ExchangeStatus::Deactivated => "deactivated",
            ExchangeStatus::Removed => "removed",
        }
    }
}

/// One exchange: a customer's bank account linked through a partner.
#[derive(Clone, Debug)]
pub(crate) struct Exchange {
    pub(crate) id: String,
    pub(crate) partner_id: String,
    pub(crate) customer_id: String,
    pub(crate) status: ExchangeStatus,
    /// The bank login changed: reads and funding-source creation answer
    /// `UpdateCredentials`.
    pub(crate) needs_reauth: bool,
    pub(crate) created: String,
    /// The bank account behind it (a key of [`Data::accounts`]).
    pub(crate) account: String,
}

/// A bank account at the far end of an exchange. Two exchanges over the same
/// account cannot both become funding sources.
#[derive(Clone, Debug)]
pub(crate) struct Account {
    pub(crate) bank_name: &'static str,
    pub(crate) fingerprint: String,
}

/// A Plaid Link token a session handed out: the customer it is for and the
/// account a user would pick in Plaid Link.
#[derive(Clone, Debug)]
pub(crate) struct LinkToken {
    pub(crate) customer_id: String,
    pub(crate) account: String,
}

/// A Plaid public token (single-use, like Plaid's).
#[derive(Clone, Debug)]
pub(crate) struct PublicToken {
    pub(crate) customer_id: String,
    pub(crate) account: String,
    pub(crate) used: bool,
}

/// An MX account listed under `available-exchange-connections`.
#[derive(Clone, Debug)]
pub(crate) struct Connection {
    pub(crate) token: String,
    pub(crate) name: String,
    pub(crate) account: String,
}

/// The bank name funding sources from this partner's exchanges show: each
/// partner's sandbox institution.
pub(crate) fn bank_name(partner_name: &str) -> &'static str {
    if partner_name.eq_ignore_ascii_case("plaid") {
        "First Platypus Bank"
    } else if partner_name.eq_ignore_ascii_case("mx") {
        "MX Bank"
    } else {
        "SANDBOX TEST BANK"
    }
}

/// Fixed configuration, set when the emulator starts.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) redirect_urls: Vec<String>,
    pub(crate) partners: Vec<Partner>,
}

impl Config {
    pub(crate) fn partner_by_id(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id.eq_ignore_ascii_case(id))
    }
    pub(crate) fn partner_by_name(&self, name: &str) -> Option<&Partner> {
        let name = name.trim();
        self.partners
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// A created exchange session.
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub(crate) partner_id: String,
    pub(crate) created: String,
    pub(crate) link_token: Option<String>,
    pub(crate) connect_url: Option<String>,
}

/// What an `Idempotency-Key` was first used for.
#[derive(Clone, Debug)]
pub(crate) struct IdempotentResult {
    pub(crate) path: String,
    pub(crate) body: Bytes,
    pub(crate) location: String,
}

/// Mutable state, behind one lock (never held across an `.await`).
#[derive(Debug, Default)]
pub(crate) struct Data {
    /// Issued access tokens and when each expires (`None`: a lifetime too
    /// long for the clock, never).
    pub(crate) tokens: HashMap<String, Option<Instant>>,
    /// The lifetime of tokens issued from now on.
    pub(crate) token_lifetime: Duration,
    pub(crate) sessions: HashMap<String, Session>,
    pub(crate) idempotency: HashMap<String, IdempotentResult>,
    pub(crate) idempotency_keys: Vec<String>,
    /// In creation order, so lists are stable.
    pub(crate) exchanges: Vec<Exchange>,
    pub(crate) accounts: HashMap<String, Account>,
    pub(crate) link_tokens: HashMap<String, LinkToken>,
    pub(crate) public_tokens: HashMap<String, PublicToken>,
    /// MX accounts per customer, in listing order.
    pub(crate) connections: HashMap<String, Vec<Connection>>,
    /// Customers whose MX Connect session already listed its two accounts.
    pub(crate) mx_connected: HashSet<String>,
    /// The account behind a processor token or Finicity receipt, so the same
    /// one twice is the same account.
    pub(crate) token_accounts: HashMap<String, String>,
    /// Every event, oldest first.
    pub(crate) events: Events,
    /// Customers, preloaded and created (see [`customers`]).
    pub(crate) customers: CustomersState,
    /// Beneficial owners, documents, KBA sessions (see [`verification`]).
    pub(crate) verification: VerificationState,
    /// The account, funding sources, balances, micro-deposits, transfers,
    /// mass payments and labels (see [`money`]).
    pub(crate) money: MoneyState,
    /// Webhook subscriptions and deliveries (see [`webhooks`]).
    pub(crate) webhooks: WebhookState,
}

impl Data {
    /// A new bank account with a fresh fingerprint; its key.
    pub(crate) fn new_account(&mut self, bank_name: &'static str) -> String {
        let id = format!("acct-{}", uuid::Uuid::new_v4().simple());
        let fingerprint = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        self.accounts.insert(
            id.clone(),
            Account {
                bank_name,
                fingerprint,
            },
        );
        id
    }

    /// The account a partner token stands for, made on first use.
    pub(crate) fn account_for_token(&mut self, key: String, bank_name: &'static str) -> String {
        if let Some(account) = self.token_accounts.get(&key) {
            return account.clone();
        }
        let account = self.new_account(bank_name);
        self.token_accounts.insert(key, account.clone());
        account
    }

    pub(crate) fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn exchange_mut(&mut self, id: &str) -> Option<&mut Exchange> {
        self.exchanges
            .iter_mut()
            .find(|e| e.id.eq_ignore_ascii_case(id))
    }

    /// What Plaid Link hands the browser after the user picks an account: a
    /// fresh single-use public token for the account behind `link_token`.
    pub(crate) fn plaid_public_token(&mut self, link_token: &str) -> Option<String> {
        let link = self.link_tokens.get(link_token)?.clone();
        let token = format!("public-sandbox-{}", uuid::Uuid::new_v4());
        self.public_tokens.insert(
            token.clone(),
            PublicToken {
                customer_id: link.customer_id,
                account: link.account,
                used: false,
            },
        );
        Some(token)
    }

    /// Lists an MX account for `customer_id`; its `availableConnectionToken`.
    pub(crate) fn add_connection(&mut self, customer_id: &str, name: &str) -> String {
        let account = self.new_account(bank_name("mx"));
        // Shaped like MX's: base64 of {"accountId":..,"memberId":..}.
        let raw = format!(
            r#"{{"accountId":"ACT-{}","memberId":"MBR-{}"}}"#,
            uuid::Uuid::new_v4(),
            uuid::Uuid::new_v4()
        );
        let token = base64::engine::general_purpose::STANDARD.encode(raw);
        self.connections
            .entry(customer_id.to_owned())
            .or_default()
            .push(Connection {
                token: token.clone(),
                name: name.to_owned(),
                account,
            });
        token
    }

    /// What finishing MX Connect does: the customer's two accounts become
    /// available, once.
    pub(crate) fn mx_connect(&mut self, customer_id: &str) {
        if self.mx_connected.insert(customer_id.to_owned()) {
            self.add_connection(customer_id, "Emulator Checking");
            self.add_connection(customer_id, "Emulator Savings");
        }
    }
}

/// Everything the server tasks and the [`Emulator`](super::Emulator) handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) base_url: String,
    data: Mutex<Data>,
    faults: Mutex<Faults>,
    pub(crate) token_requests: AtomicU64,
    pub(crate) api_requests: AtomicU64,
    pub(crate) sessions_created: AtomicU64,
    pub(crate) exchanges_created: AtomicU64,
    pub(crate) funding_sources_created: AtomicU64,
}

impl Shared {
    pub(crate) fn new(config: Config, base_url: String, token_lifetime: Duration) -> Self {
        Shared {
            config,
            base_url,
            data: Mutex::new(Data {
                token_lifetime,
                ..Data::default()
            }),
            faults: Mutex::new(Faults::default()),
            token_requests: AtomicU64::new(0),
            api_requests: AtomicU64::new(0),
            sessions_created: AtomicU64::new(0),
            exchanges_created: AtomicU64::new(0),
            funding_sources_created: AtomicU64::new(0),
        }
    }

    /// The data, even if a panicking handler poisoned the lock.
    pub(crate) fn data(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The fault plan, even if a panicking handler poisoned the lock.
    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn count(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::SeqCst)
    }

    pub(crate) fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::SeqCst);
    }
}
