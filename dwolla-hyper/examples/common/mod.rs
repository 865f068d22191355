//! What the examples share: argument parsing, logging, and a client for real
//! Dwolla (credentials in the environment) or for the local emulator.

// Each example uses the parts it needs.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use dwolla_core::Error;
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;

/// The `--flag value` arguments given, by flag name.
#[derive(Default)]
pub struct Args(HashMap<&'static str, String>);

impl Args {
    /// The value of `--flag`, if given.
    pub fn get(&self, flag: &str) -> Option<&str> {
        self.0.get(flag).map(String::as_str)
    }
}

/// Why the examples stop before doing anything.
pub enum Stop {
    /// `--help`: the usage on stdout, exit 0.
    Help,
    /// Bad arguments: the message on stderr, exit 2.
    Usage(String),
}

/// Parses `--flag value` pairs among `flags` from `args`.
pub fn parse_args(
    usage: &str,
    flags: &[&'static str],
    args: impl IntoIterator<Item = String>,
) -> Result<Args, Stop> {
    let mut parsed = Args::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        if arg == "-h" || arg == "--help" {
            return Err(Stop::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let Some(flag) = flags.iter().copied().find(|f| *f == name) else {
            return Err(Stop::Usage(format!("unknown argument `{arg}`\n{usage}")));
        };
        match inline.or_else(|| it.next()) {
            Some(v) if !v.starts_with("--") => {
                parsed.0.insert(flag, v);
            }
            _ => return Err(Stop::Usage(format!("`{flag}` needs a value\n{usage}"))),
        }
    }
    Ok(parsed)
}

/// Logs to stderr, filtered by `RUST_LOG` (default `warn`); colours only on
/// a terminal, so redirected logs carry no ANSI codes.
pub fn init_tracing() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}

/// What every example starts with: a client, the customer to use, the
/// arguments, and the emulator when there is one.
pub struct Started {
    pub client: HyperClient,
    pub customer: String,
    pub args: Args,
    /// Set when running against the in-process emulator; kept alive for as
    /// long as the client talks to it.
    pub emulator: Option<Emulator>,
}

/// Logging, arguments and a client. `Err` is the exit code (after the
/// message on stdout for `--help`, stderr otherwise).
pub async fn start(usage: &str, flags: &[&'static str]) -> Result<Started, ExitCode> {
    init_tracing();
    let args = match parse_args(usage, flags, std::env::args().skip(1)) {
        Ok(args) => args,
        Err(Stop::Help) => {
            println!("{usage}");
            return Err(ExitCode::SUCCESS);
        }
        Err(Stop::Usage(msg)) => {
            eprintln!("{msg}");
            return Err(ExitCode::from(2));
        }
    };
    let (client, emulator) = client().await?;
    let customer = match (args.get("--customer"), &emulator) {
        (Some(c), _) => c.to_owned(),
        (None, Some(e)) => e.customer_id().to_owned(),
        (None, None) => {
            eprintln!("--customer is required with real credentials\n{usage}");
            return Err(ExitCode::from(2));
        }
    };
    Ok(Started {
        client,
        customer,
        args,
        emulator,
    })
}

/// Real Dwolla when `DWOLLA_CLIENT_ID` or `DWOLLA_CLIENT_SECRET` is set, else
/// the local emulator (announced on stderr). `Err` is the exit code.
async fn client() -> Result<(HyperClient, Option<Emulator>), ExitCode> {
    let configuration_error = |e: Error| {
        eprintln!("configuration error: {e}");
        ExitCode::from(2)
    };
    let has_credentials = std::env::var_os("DWOLLA_CLIENT_ID").is_some()
        || std::env::var_os("DWOLLA_CLIENT_SECRET").is_some();
    if has_credentials {
        let client = dwolla_hyper::client_from_env().map_err(configuration_error)?;
        return Ok((client, None));
    }
    let emulator = Emulator::start().await.map_err(|e| {
        eprintln!("could not start the local Dwolla emulator: {e}");
        ExitCode::from(1)
    })?;
    eprintln!(
        "no DWOLLA_CLIENT_ID/DWOLLA_CLIENT_SECRET set: running against the local Dwolla emulator at {}",
        emulator.base_url()
    );
    let client = dwolla_hyper::client(emulator.environment(), emulator.credentials())
        .map_err(configuration_error)?;
    Ok((client, Some(emulator)))
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
