//! What the emulator knows and remembers.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use tokio::time::Instant;

use super::faults::Faults;

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

/// One exchange (a linked bank login).
#[derive(Clone, Debug)]
pub(crate) struct Exchange {
    pub(crate) id: &'static str,
    pub(crate) partner_id: String,
    pub(crate) needs_reauth: bool,
}

/// Fixed configuration, set when the emulator starts.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) token_lifetime: Duration,
    pub(crate) customers: HashSet<String>,
    pub(crate) redirect_urls: Vec<String>,
    pub(crate) partners: Vec<Partner>,
    pub(crate) exchanges: Vec<Exchange>,
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
    pub(crate) fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(id))
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
    /// Issued access tokens and when each expires.
    pub(crate) tokens: HashMap<String, Instant>,
    pub(crate) sessions: HashMap<String, Session>,
    pub(crate) idempotency: HashMap<String, IdempotentResult>,
    pub(crate) idempotency_keys: Vec<String>,
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
}

impl Shared {
    pub(crate) fn new(config: Config, base_url: String) -> Self {
        Shared {
            config,
            base_url,
            data: Mutex::new(Data::default()),
            faults: Mutex::new(Faults::default()),
            token_requests: AtomicU64::new(0),
            api_requests: AtomicU64::new(0),
            sessions_created: AtomicU64::new(0),
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
