//! Create a customer exchange session.
//!
//! ```text
//! cargo run -p dwolla-hyper --example create_exchange_session -- \
//!     --customer <id> --partner <href or name> [--redirect-url <url>]
//! ```
//!
//! With `DWOLLA_CLIENT_ID` and `DWOLLA_CLIENT_SECRET` set it talks to Dwolla
//! (`DWOLLA_ENVIRONMENT` = sandbox|production, or `DWOLLA_BASE_URL`); without
//! them it starts the local Dwolla emulator and runs against that, so the bare
//! command works. `RUST_LOG=debug` shows each attempt (never a secret).
//!
//! Exit codes: 0 success, 1 Dwolla or network error, 2 bad arguments or
//! configuration.

use std::process::ExitCode;

use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::{ClientCredentials, Error};
use dwolla_mock::emulator::Emulator;

struct Args {
    customer: Option<String>,
    partner: Option<String>,
    redirect_url: Option<String>,
}

const USAGE: &str = "usage: create_exchange_session [--customer <id>] [--partner <href or name>] [--redirect-url <url>]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        customer: None,
        partner: None,
        redirect_url: None,
    };
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

    // Real Dwolla when credentials are set, else the local emulator.
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
    // A partner is an href, or a name resolved through GET /exchange-partners.
    let partner = args.partner.unwrap_or_else(|| "plaid".to_owned());
    let partner_href = if partner.contains("://") {
        partner
    } else {
        match client.exchange_partners().find_by_name(&partner).await {
            Ok(Some(p)) => p.href().to_owned(),
            Ok(None) => {
                eprintln!("no active exchange partner named `{partner}`");
                return ExitCode::from(2);
            }
            Err(e) => return report(&e),
        }
    };

    let op = match args.redirect_url {
        Some(r) => CreateCustomerExchangeSession::with_redirect(customer, partner_href, r),
        None => CreateCustomerExchangeSession::web(customer, partner_href),
    };
    match client.customers().exchange_sessions().create(op).await {
        Ok(created) => {
            println!("location: {}", created.location());
            println!("id: {}", created.id());
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

/// One line on stderr; exit 2 for input errors, 1 for everything else.
fn report(e: &Error) -> ExitCode {
    match e {
        Error::InvalidInput(i) => {
            eprintln!("invalid input: {i}");
            ExitCode::from(2)
        }
        // One line: kind, status, code, message and request id (Display
        // never spans lines).
        Error::Api(api) => {
            eprintln!("error: {api}");
            ExitCode::from(1)
        }
        other => {
            eprintln!("error: {other}");
            ExitCode::from(1)
        }
    }
}
