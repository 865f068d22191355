//! The open-banking flow, from "I want Plaid for this customer" to what the
//! front end needs: resolve the partner by name, create the exchange session,
//! retrieve it, and print the Plaid Link token or the MX Connect URL.
//!
//! ```text
//! cargo run -p dwolla-hyper --example open_banking_flow -- \
//!     --customer <id> --partner plaid|mx [--redirect-url <url>]
//! ```
//!
//! Runs against the local Dwolla emulator when `DWOLLA_CLIENT_ID` and
//! `DWOLLA_CLIENT_SECRET` are not set (then every argument is optional).
//! Exit codes: 0 success, 1 Dwolla or network error, 2 bad arguments or
//! configuration.

mod common;

use std::process::ExitCode;

use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};

const USAGE: &str =
    "usage: open_banking_flow [--customer <id>] [--partner plaid|mx|<name>] [--redirect-url <url>]";

#[tokio::main]
async fn main() -> ExitCode {
    let started = match common::start(USAGE).await {
        Ok(started) => started,
        Err(code) => return code,
    };
    let client = &started.client;
    let partner_name = started.partner.as_deref().unwrap_or("plaid");

    // 1. Partner ids differ between sandbox and production: resolve by name.
    let partner = match client.exchange_partners().find_by_name(partner_name).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            eprintln!("no active exchange partner named `{partner_name}`");
            return ExitCode::from(2);
        }
        Err(e) => return common::report(&e),
    };
    println!("partner: {} {}", partner.name(), partner.href());

    // 2. Create the session.
    let op = match &started.redirect_url {
        Some(r) => {
            CreateCustomerExchangeSession::with_redirect(&started.customer, partner.href(), r)
        }
        None => CreateCustomerExchangeSession::web(&started.customer, partner.href()),
    };
    let created = match client.customers().exchange_sessions().create(op).await {
        Ok(c) => c,
        Err(e) => return common::report(&e),
    };
    println!("exchange session: {}", created.location());

    // 3. Retrieve it for what the front end needs.
    let session = match client.exchange_sessions().get(created.location()).await {
        Ok(s) => s,
        Err(e) => return common::report(&e),
    };
    match session.provider_session() {
        Some(ProviderSession::PlaidLinkToken(token)) => println!("plaid link token: {token}"),
        Some(ProviderSession::MxConnectUrl(url)) => println!("mx connect url: {url}"),
        _ => println!(
            "the session has neither a Plaid link token nor an MX connect URL (partner {})",
            session.exchange_partner_href()
        ),
    }
    ExitCode::SUCCESS
}
