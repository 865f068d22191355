//! What the examples share: argument parsing, logging, and a client for real
//! Dwolla (credentials in the environment) or for the local emulator.

// Each example uses the parts it needs.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use dwolla_core::exchange_partners::ExchangePartner;
use dwolla_core::{ClientCredentials, Error};
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

    /// True when the switch `--switch` (which takes no value) was given.
    pub fn has(&self, switch: &str) -> bool {
        self.0.contains_key(switch)
    }
}

/// Why the examples stop before doing anything.
pub enum Stop {
    /// `--help`: the usage on stdout, exit 0.
    Help,
    /// Bad arguments: the message on stderr, exit 2.
    Usage(String),
}

/// Parses `--flag value` pairs among `flags` from `args`. A `Stop::Usage`
/// message is the error line without its `error: ` (see [`usage_error`]).
pub fn parse_args(
    flags: &[&'static str],
    switches: &[&'static str],
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
        if let Some(switch) = switches.iter().copied().find(|s| *s == arg) {
            parsed.0.insert(switch, String::new());
            continue;
        }
        let Some(flag) = flags.iter().copied().find(|f| *f == name) else {
            return Err(Stop::Usage(format!("unknown argument `{arg}`")));
        };
        match inline.or_else(|| it.next()) {
            Some(v) if !v.starts_with("--") => {
                parsed.0.insert(flag, v);
            }
            _ => return Err(Stop::Usage(format!("`{flag}` needs a value"))),
        }
    }
    Ok(parsed)
}

/// The crates of the HTTP stack, kept at `warn` unless `RUST_LOG` names
/// them: at `debug` hyper-util logs every pooled connection, h2 and rustls
/// every frame and handshake step, which buries the client's own lines.
const QUIET_UNLESS_NAMED: &[&str] = &["hyper_util", "hyper", "h2", "rustls"];

/// The log filter for `RUST_LOG` (`None` or empty: `warn`), with
/// [`QUIET_UNLESS_NAMED`] added for each crate it does not name.
pub fn log_directives(rust_log: Option<&str>) -> String {
    let mut directives = rust_log
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or("warn")
        .to_owned();
    for target in QUIET_UNLESS_NAMED {
        let named = directives.split(',').any(|d| {
            let d = d.trim();
            d.strip_prefix(target)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['=', ':', '[']))
        });
        if !named {
            directives.push_str(&format!(",{target}=warn"));
        }
    }
    directives
}

/// Logs to stderr, filtered by `RUST_LOG` (default `warn`; the HTTP stack's
/// crates at `warn` unless named, see [`log_directives`]); colours only on a
/// terminal, so redirected logs carry no ANSI codes. A `RUST_LOG` that does
/// not parse is an `error: ` line and exit 2.
pub fn init_tracing() -> Result<(), ExitCode> {
    let rust_log = std::env::var("RUST_LOG").ok();
    let filter = tracing_subscriber::EnvFilter::try_new(log_directives(rust_log.as_deref()))
        .map_err(|e| {
            eprintln!("error: RUST_LOG is not a log filter ({e}); try RUST_LOG=dwolla=debug");
            ExitCode::from(2)
        })?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    Ok(())
}

/// A bad argument: `error: ` and `message` on stderr, then the usage, exit 2.
pub fn usage_error(message: &str, usage: &str) -> ExitCode {
    eprintln!("error: {message}\n{usage}");
    ExitCode::from(2)
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

/// The command line: `flags` take a value, `switches` none. `Err` is the
/// exit code, after the usage on stdout for `--help` or a usage error on
/// stderr.
pub fn args(
    usage: &str,
    flags: &[&'static str],
    switches: &[&'static str],
) -> Result<Args, ExitCode> {
    let mut raw = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => raw.push(arg),
            Err(arg) => {
                return Err(usage_error(
                    &format!("argument {arg:?} is not valid UTF-8"),
                    usage,
                ))
            }
        }
    }
    match parse_args(flags, switches, raw) {
        Ok(args) => Ok(args),
        Err(Stop::Help) => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(Stop::Usage(msg)) => Err(usage_error(&msg, usage)),
    }
}

/// Logging, arguments and a client. `Err` is the exit code (after the
/// message on stdout for `--help`, stderr otherwise).
pub async fn start(usage: &str, flags: &[&'static str]) -> Result<Started, ExitCode> {
    init_tracing()?;
    let args = args(usage, flags, &[])?;
    let (client, emulator) = client().await?;
    let customer_from_env = env_value("DWOLLA_CUSTOMER_ID");
    let customer = match (args.get("--customer"), customer_from_env, &emulator) {
        (Some(c), _, _) => c.to_owned(),
        (None, Some(c), _) => c,
        (None, None, Some(e)) => e.customer_id().to_owned(),
        (None, None, None) => {
            return Err(usage_error(
                "--customer (or DWOLLA_CUSTOMER_ID) is required with real credentials",
                usage,
            ));
        }
    };
    Ok(Started {
        client,
        customer,
        args,
        emulator,
    })
}

/// A variable of the process environment, unset when empty.
fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Real Dwolla (or whatever `DWOLLA_BASE_URL` names) when any of
/// `DWOLLA_CLIENT_ID`, `DWOLLA_CLIENT_SECRET`, `DWOLLA_ENVIRONMENT` and
/// `DWOLLA_BASE_URL` is set, else the local emulator (announced on stderr):
/// configuration is never silently ignored. `Err` is the exit code.
async fn client() -> Result<(HyperClient, Option<Emulator>), ExitCode> {
    // Checked first, credentials or not: `prod` is a typo, not sandbox.
    let environment = dwolla_hyper::environment_from_env().map_err(|e| report(&e))?;
    let credential_vars = ["DWOLLA_CLIENT_ID", "DWOLLA_CLIENT_SECRET"];
    let has_credentials = credential_vars.iter().any(|v| env_value(v).is_some());
    if has_credentials {
        let credentials = ClientCredentials::from_env().map_err(|e| report(&e))?;
        let client = dwolla_hyper::client(environment, credentials).map_err(|e| report(&e))?;
        return Ok((client, None));
    }
    if let Some(var) = ["DWOLLA_ENVIRONMENT", "DWOLLA_BASE_URL"]
        .into_iter()
        .find(|v| env_value(v).is_some())
    {
        eprintln!(
            "error: {var} is set but DWOLLA_CLIENT_ID and DWOLLA_CLIENT_SECRET are not: set them \
             to talk to that API, or unset {var} to run against the built-in emulator"
        );
        return Err(ExitCode::from(2));
    }
    let emulator = Emulator::start().await.map_err(|e| {
        eprintln!("error: could not start the local Dwolla emulator: {e}");
        ExitCode::from(1)
    })?;
    eprintln!(
        "no DWOLLA_CLIENT_ID, DWOLLA_CLIENT_SECRET, DWOLLA_ENVIRONMENT or DWOLLA_BASE_URL set: \
         running against the local Dwolla emulator at {}",
        emulator.base_url()
    );
    let client = dwolla_hyper::client(emulator.environment(), emulator.credentials())
        .map_err(|e| report(&e))?;
    Ok((client, Some(emulator)))
}

/// The active exchange partner named `name` (case-insensitive). Otherwise an
/// `error: ` line that says whether the name is unknown or the partner
/// inactive and lists the active partners' names, and exit 2; exit 1 (after
/// [`report`]) when the list could not be fetched.
pub async fn active_partner(client: &HyperClient, name: &str) -> Result<ExchangePartner, ExitCode> {
    let partners = client
        .exchange_partners()
        .list()
        .await
        .map_err(|e| report(&e))?;
    if let Some(partner) = partners.find_by_name(name) {
        return Ok(partner.clone());
    }
    let active: Vec<&str> = partners.active().map(ExchangePartner::name).collect();
    let active = if active.is_empty() {
        "none".to_owned()
    } else {
        active.join(", ")
    };
    let wanted = name.trim();
    match partners
        .iter()
        .find(|p| p.name().eq_ignore_ascii_case(wanted))
    {
        Some(p) => eprintln!(
            "error: exchange partner `{}` is not active (status {}); active partners: {active}",
            p.name(),
            p.status()
        ),
        None => eprintln!(
            "error: no exchange partner named `{}`; active partners: {active}",
            wanted.escape_debug()
        ),
    }
    Err(ExitCode::from(2))
}

/// One `error: ` line on stderr (an API error's `Display` has kind, status,
/// code, message and request id). Exit 2 for input and configuration errors,
/// refused client credentials included (with a reminder of where they come
/// from); 1 for everything else.
pub fn report(e: &Error) -> ExitCode {
    match e {
        Error::Token(t) if t.oauth_error() == Some("invalid_client") => {
            eprintln!(
                "error: {e}; they come from DWOLLA_CLIENT_ID and DWOLLA_CLIENT_SECRET \
                 (check both, and that they belong to the environment used)"
            );
            ExitCode::from(2)
        }
        Error::InvalidInput(_) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        _ => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
