//! The production HTTP backend of the Dwolla SDK: [`HyperTransport`] (hyper 1
//! and hyper-util's pooled client, rustls with webpki roots, HTTP/1.1 and
//! HTTP/2), tokio [`TokioSleep`] and the [`SystemClock`], and one-line ways to
//! get a ready [`Client`].
//!
//! # TLS crypto provider (features)
//!
//! - `aws-lc-rs` (default): rustls's aws-lc-rs provider. TLS 1.3 key exchange
//!   offers the post-quantum hybrid X25519MLKEM768 first (then P-384, X25519,
//!   P-256): with a server that supports it, traffic recorded today cannot
//!   be decrypted later by a quantum computer ("harvest now, decrypt
//!   later"). A server that does not falls back to a classical group.
//!   Building it compiles aws-lc-sys: a C compiler is needed, cmake and NASM
//!   are not.
//! - `ring`: rustls's ring provider, for a target aws-lc-rs does not build
//!   on. It has **no post-quantum key exchange** (X25519 is offered first);
//!   everything else (TLS 1.2 and 1.3, certificate checks, ALPN) is the
//!   same. It is used only when `aws-lc-rs` is off:
//!   `dwolla-hyper = { version = "0.1", default-features = false, features = ["ring"] }`.
//!   With both features on (features add up across a dependency graph),
//!   aws-lc-rs is used.
//!
//! The open-banking flow, from a customer id to a verified bank account
//! (Plaid; for MX, step 2 takes an available connection instead, see
//! `dwolla_core::exchanges::ListAvailableExchangeConnections`):
//!
//! ```no_run
//! use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};
//! use dwolla_core::exchanges::CreateCustomerExchange;
//! use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
//!
//! # async fn run(public_token_from_plaid_link: String) -> Result<(), dwolla_core::Error> {
//! // DWOLLA_CLIENT_ID, DWOLLA_CLIENT_SECRET, and DWOLLA_ENVIRONMENT
//! // (sandbox|production) or DWOLLA_BASE_URL.
//! let client = dwolla_hyper::client_from_env()?;
//! let customer = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
//! let plaid = client
//!     .exchange_partners()
//!     .find_by_name("plaid")
//!     .await?
//!     .expect("Plaid is active for this account");
//! // 1. A session, and the Link token the front end opens Plaid Link with.
//! let session = client
//!     .customers()
//!     .exchange_sessions()
//!     .create(CreateCustomerExchangeSession::web(customer, plaid.href()))
//!     .await?;
//! let session = client.exchange_sessions().get(session.location()).await?;
//! if let Some(ProviderSession::PlaidLinkToken(link_token)) = session.provider_session() {
//!     println!("open Plaid Link with {link_token}");
//! }
//! // 2. The exchange, from the public token Plaid Link handed back.
//! let exchange = client
//!     .customers()
//!     .exchanges()
//!     .create(CreateCustomerExchange::plaid(customer, plaid.href(), public_token_from_plaid_link))
//!     .await?;
//! // 3. The funding source: verified, no micro-deposits.
//! let created = client
//!     .customers()
//!     .funding_sources()
//!     .create(CreateCustomerFundingSource::from_exchange(
//!         customer,
//!         exchange.location(),
//!         BankAccountType::Checking,
//!         "Jane Doe's Checking",
//!     ))
//!     .await?;
//! assert!(client.funding_sources().get(created.location()).await?.is_verified());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod runtime;
mod transport;

pub use dwolla_core;
pub use dwolla_core::{Client, ClientBuilder, ClientCredentials, Environment, Error};
pub use runtime::{SystemClock, TokioSleep};
pub use transport::{HyperTransport, HyperTransportBuilder};

/// A [`Client`] over [`HyperTransport`].
pub type HyperClient = Client<HyperTransport>;

/// A client builder over `transport`, with tokio sleep and the system clock
/// already set: add credentials (and an environment) and build.
pub fn client_builder(transport: HyperTransport) -> ClientBuilder<HyperTransport> {
    Client::builder(transport)
        .sleep(TokioSleep)
        .clock(SystemClock)
}

/// A client for `environment` with `credentials` and the default transport.
pub fn client(
    environment: Environment,
    credentials: ClientCredentials,
) -> Result<HyperClient, Error> {
    client_builder(HyperTransport::new()?)
        .environment(environment)
        .credentials(credentials)
        .build()
}

/// A client configured from the process environment: credentials from
/// `DWOLLA_CLIENT_ID` and `DWOLLA_CLIENT_SECRET`, the API from
/// [`environment_from_env`].
pub fn client_from_env() -> Result<HyperClient, Error> {
    client(environment_from_env()?, ClientCredentials::from_env()?)
}

/// The Dwolla environment named by the process environment:
/// `DWOLLA_BASE_URL` (any base URL [`Environment::custom`] accepts) if set,
/// else `DWOLLA_ENVIRONMENT` = `sandbox` (the default) or `production`.
///
/// A `DWOLLA_ENVIRONMENT` with any other value (`prod`, say) is an
/// [`Error::InvalidInput`] naming the value and the accepted ones, even when
/// `DWOLLA_BASE_URL` is set: a typo is never silently read as the default.
pub fn environment_from_env() -> Result<Environment, Error> {
    environment_from_lookup(|name| std::env::var(name).ok())
}

/// Like [`environment_from_env`], reading variables through `lookup`.
pub fn environment_from_lookup(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Environment, Error> {
    let named = match lookup("DWOLLA_ENVIRONMENT").as_deref().map(str::trim) {
        None | Some("") => Environment::Sandbox,
        Some(v) if v.eq_ignore_ascii_case("sandbox") => Environment::Sandbox,
        Some(v) if v.eq_ignore_ascii_case("production") => Environment::Production,
        Some(v) => {
            return Err(Error::invalid_input(
                "DWOLLA_ENVIRONMENT",
                format!(
                    "is `{}`: must be `sandbox` or `production` (or unset, with DWOLLA_BASE_URL \
                     for any other base URL)",
                    v.escape_debug()
                ),
            ))
        }
    };
    match lookup("DWOLLA_BASE_URL").filter(|v| !v.is_empty()) {
        Some(url) => Environment::custom(url),
        None => Ok(named),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Result<Environment, Error> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        environment_from_lookup(move |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn environment_selection() {
        assert_eq!(env(&[]).unwrap(), Environment::Sandbox);
        assert_eq!(
            env(&[("DWOLLA_ENVIRONMENT", "Production")]).unwrap(),
            Environment::Production
        );
        assert_eq!(
            env(&[("DWOLLA_ENVIRONMENT", "sandbox")]).unwrap(),
            Environment::Sandbox
        );
        let custom = env(&[
            ("DWOLLA_ENVIRONMENT", "production"),
            ("DWOLLA_BASE_URL", "http://127.0.0.1:9"),
        ])
        .unwrap();
        assert_eq!(custom.base_url(), "http://127.0.0.1:9");
        for vars in [
            &[("DWOLLA_ENVIRONMENT", "prod")][..],
            // Also beside a base URL, which would otherwise win: a typo is
            // never ignored.
            &[
                ("DWOLLA_ENVIRONMENT", "prod"),
                ("DWOLLA_BASE_URL", "http://127.0.0.1:9"),
            ],
        ] {
            match env(vars) {
                Err(e @ Error::InvalidInput(_)) => assert_eq!(
                    e.to_string(),
                    "invalid input: `DWOLLA_ENVIRONMENT` is `prod`: must be `sandbox` or \
                     `production` (or unset, with DWOLLA_BASE_URL for any other base URL)"
                ),
                other => panic!("{vars:?}: {other:?}"),
            }
        }
        assert!(env(&[("DWOLLA_BASE_URL", "http://api.example.com")]).is_err());
    }
}
