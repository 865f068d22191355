//! Create a customer exchange session.
//!
//! ```text
//! cargo run -p dwolla-hyper --example create_exchange_session -- \
//!     --customer <id> --partner <href or name> [--redirect-url <url>]
//! ```
//!
//! With `DWOLLA_CLIENT_ID` and `DWOLLA_CLIENT_SECRET` set it talks to Dwolla
//! (`DWOLLA_ENVIRONMENT` = sandbox|production, or `DWOLLA_BASE_URL`), for the
//! customer `--customer` or `DWOLLA_CUSTOMER_ID`; with none of these four
//! variables set it starts the local Dwolla emulator and runs against that, so
//! the bare command works. `RUST_LOG=dwolla=debug` shows each attempt (never a
//! secret).
//!
//! Exit codes: 0 success (and `--help`), 1 Dwolla or network error, 2 bad
//! arguments or configuration (refused client credentials, an unknown or
//! inactive partner). Errors are one line starting with `error: `.

mod common;

use std::process::ExitCode;

use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;

const USAGE: &str = "usage: create_exchange_session [--customer <id>] [--partner <href or name>] [--redirect-url <url>]\n\
    (--customer defaults to DWOLLA_CUSTOMER_ID; --partner to plaid)";

#[tokio::main]
async fn main() -> ExitCode {
    let started = match common::start(USAGE, &["--customer", "--partner", "--redirect-url"]).await {
        Ok(started) => started,
        Err(code) => return code,
    };
    let client = &started.client;
    // A partner is an href, or a name resolved through GET /exchange-partners.
    let partner = started.args.get("--partner").unwrap_or("plaid");
    let partner_href = if partner.contains("://") {
        partner.to_owned()
    } else {
        match common::active_partner(client, partner).await {
            Ok(p) => p.href().to_owned(),
            Err(code) => return code,
        }
    };

    let op = match started.args.get("--redirect-url") {
        Some(r) => CreateCustomerExchangeSession::with_redirect(&started.customer, partner_href, r),
        None => CreateCustomerExchangeSession::web(&started.customer, partner_href),
    };
    match client.customers().exchange_sessions().create(op).await {
        Ok(created) => {
            println!("location: {}", created.location());
            println!("id: {}", created.id());
            ExitCode::SUCCESS
        }
        Err(e) => common::report(&e),
    }
}
