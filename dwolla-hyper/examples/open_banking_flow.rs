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

use std::process::ExitCode;

use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};
use dwolla_core::{ClientCredentials, Error};
use dwolla_mock::emulator::Emulator;

const USAGE: &str =
    "usage: open_banking_flow [--customer <id>] [--partner plaid|mx|<name>] [--redirect-url <url>]";

#[derive(Default)]
struct Args {
    customer: Option<String>,
    partner: Option<String>,
    redirect_url: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--customer" => &mut args.customer,
            "--partner" => &mut args.partner,
            "--redirect-url" => &mut args.redirect_url,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        };
        match it.next() {
            Some(v) if !v.starts_with("--") => *slot = Some(v),
            _ => return Err(format!("`{flag}` needs a value\n{USAGE}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };

    let has_credentials = std::env::var_os("DWOLLA_CLIENT_ID").is_some()
        || std::env::var_os("DWOLLA_CLIENT_SECRET").is_some();
    let mut _emulator = None;
    let (client, default_customer) = if has_credentials {
        match dwolla_hyper::client_from_env() {
            Ok(c) => (c, None),
            Err(e) => {
                eprintln!("configuration error: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let emulator = match Emulator::start().await {
            Ok(e) => e,
            Err(e) => {
                eprintln!("could not start the local Dwolla emulator: {e}");
                return ExitCode::from(1);
            }
        };
        eprintln!(
            "no DWOLLA_CLIENT_ID/DWOLLA_CLIENT_SECRET set: running against the local Dwolla emulator at {}",
            emulator.base_url()
        );
        let client = dwolla_hyper::client(
            emulator.environment(),
            ClientCredentials::new(Emulator::CLIENT_ID, Emulator::CLIENT_SECRET),
        );
        let customer = emulator.customer_id().to_owned();
        _emulator = Some(emulator);
        match client {
            Ok(c) => (c, Some(customer)),
            Err(e) => {
                eprintln!("configuration error: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let Some(customer) = args.customer.or(default_customer) else {
        eprintln!("--customer is required with real credentials\n{USAGE}");
        return ExitCode::from(2);
    };
    let partner_name = args.partner.unwrap_or_else(|| "plaid".to_owned());

    // 1. Partner ids differ between sandbox and production: resolve by name.
    let partner = match client.exchange_partners().find_by_name(&partner_name).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            eprintln!("no active exchange partner named `{partner_name}`");
            return ExitCode::from(2);
        }
        Err(e) => return report(&e),
    };
    println!("partner: {} {}", partner.name(), partner.href());

    // 2. Create the session.
    let op = match args.redirect_url {
        Some(r) => CreateCustomerExchangeSession::with_redirect(customer, partner.href(), r),
        None => CreateCustomerExchangeSession::web(customer, partner.href()),
    };
    let created = match client.customers().exchange_sessions().create(op).await {
        Ok(c) => c,
        Err(e) => return report(&e),
    };
    println!("exchange session: {}", created.location());

    // 3. Retrieve it for what the front end needs.
    let session = match client.exchange_sessions().get(created.location()).await {
        Ok(s) => s,
        Err(e) => return report(&e),
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

fn report(e: &Error) -> ExitCode {
    eprintln!("error: {e}");
    if matches!(e, Error::InvalidInput(_)) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
