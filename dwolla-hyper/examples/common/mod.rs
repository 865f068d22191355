//! What both examples share: argument parsing, logging, and a client for real
//! Dwolla (credentials in the environment) or for the local emulator.

use std::process::ExitCode;

use dwolla_core::{ClientCredentials, Error};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;

/// `--customer`, `--partner` and `--redirect-url`, all optional.
#[derive(Default)]
pub struct Args {
    pub customer: Option<String>,
    pub partner: Option<String>,
    pub redirect_url: Option<String>,
}

/// Parses the command line; `Err` carries the message for stderr (exit 2).
pub fn parse_args(usage: &str) -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--customer" => &mut args.customer,
            "--partner" => &mut args.partner,
            "--redirect-url" => &mut args.redirect_url,
            "-h" | "--help" => return Err(usage.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{usage}")),
        };
        match it.next() {
            Some(v) if !v.starts_with("--") => *slot = Some(v),
            _ => return Err(format!("`{flag}` needs a value\n{usage}")),
        }
    }
    Ok(args)
}

/// Logs to stderr, filtered by `RUST_LOG` (default `warn`).
pub fn init_tracing() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
}

/// A ready client, and the customer to use when none is given.
pub struct Setup {
    pub client: HyperClient,
    pub default_customer: Option<String>,
    /// Kept alive for as long as the client talks to it.
    pub _emulator: Option<Emulator>,
}

/// What every example starts with: logging, arguments, a client, and the
/// customer to use.
pub struct Started {
    pub client: HyperClient,
    pub customer: String,
    pub partner: Option<String>,
    pub redirect_url: Option<String>,
    /// Kept alive for as long as the client talks to it.
    pub _emulator: Option<Emulator>,
}

/// Logging, arguments and a client. `Err` is the exit code (after the message
/// on stderr).
pub async fn start(usage: &str) -> Result<Started, ExitCode> {
    init_tracing();
    let args = parse_args(usage).map_err(|msg| {
        eprintln!("{msg}");
        ExitCode::from(2)
    })?;
    let setup = setup().await?;
    let Some(customer) = args.customer.or(setup.default_customer) else {
        eprintln!("--customer is required with real credentials\n{usage}");
        return Err(ExitCode::from(2));
    };
    Ok(Started {
        client: setup.client,
        customer,
        partner: args.partner,
        redirect_url: args.redirect_url,
        _emulator: setup._emulator,
    })
}

/// Real Dwolla when `DWOLLA_CLIENT_ID` or `DWOLLA_CLIENT_SECRET` is set, else
/// the local emulator (announced on stderr). `Err` is the exit code.
pub async fn setup() -> Result<Setup, ExitCode> {
    let has_credentials = std::env::var_os("DWOLLA_CLIENT_ID").is_some()
        || std::env::var_os("DWOLLA_CLIENT_SECRET").is_some();
    if has_credentials {
        return match dwolla_hyper::client_from_env() {
            Ok(client) => Ok(Setup {
                client,
                default_customer: None,
                _emulator: None,
            }),
            Err(e) => {
                eprintln!("configuration error: {e}");
                Err(ExitCode::from(2))
            }
        };
    }
    let emulator = Emulator::start().await.map_err(|e| {
        eprintln!("could not start the local Dwolla emulator: {e}");
        ExitCode::from(1)
    })?;
    eprintln!(
        "no DWOLLA_CLIENT_ID/DWOLLA_CLIENT_SECRET set: running against the local Dwolla emulator at {}",
        emulator.base_url()
    );
    let client = dwolla_hyper::client(
        emulator.environment(),
        ClientCredentials::new(Emulator::CLIENT_ID, Emulator::CLIENT_SECRET),
    )
    .map_err(|e| {
        eprintln!("configuration error: {e}");
        ExitCode::from(2)
    })?;
    Ok(Setup {
        client,
        default_customer: Some(emulator.customer_id().to_owned()),
        _emulator: Some(emulator),
    })
}

/// One line on stderr (an API error's `Display` has kind, status, code,
/// message and request id); exit 2 for input errors, 1 for everything else.
pub fn report(e: &Error) -> ExitCode {
    eprintln!("error: {e}");
    if matches!(e, Error::InvalidInput(_)) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
