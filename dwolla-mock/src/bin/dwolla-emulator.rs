//! Runs the local Dwolla emulator for other processes: shell scripts,
//! benchmarks, manual testing, an SDK in another language.
//!
//! ```text
//! dwolla-emulator [--port PORT] [--client-id ID] [--client-secret SECRET] [--webhook-time-scale N] [FAULT FLAGS] [NAME=VALUE FAULTS]
//! ```
//!
//! Once it accepts connections it prints on stdout, one per line:
//!
//! ```text
//! listening on http://127.0.0.1:PORT
//! DWOLLA_BASE_URL=http://127.0.0.1:PORT
//! DWOLLA_CLIENT_ID=emulator-client-id
//! DWOLLA_CLIENT_SECRET=emulator-client-secret
//! DWOLLA_CUSTOMER_ID=74a207b2-b7b7-4efa-8bf8-582148e7b980
//! DWOLLA_EMULATOR_CUSTOMER_IDS=74a207b2-b7b7-4efa-8bf8-582148e7b980
//! DWOLLA_EMULATOR_ACTIVE_PARTNERS=Plaid,MX,Finicity,Visa
//! DWOLLA_EMULATOR_INACTIVE_PARTNERS=Flinks
//! DWOLLA_EMULATOR_READY=1
//! ```
//!
//! The first line is the one scripts have always read; the `NAME=VALUE`
//! lines are shell assignments (a value is single-quoted when it needs to
//! be), for `grep` or to source into a shell, and the last one says that all
//! of them are out. `DWOLLA_CUSTOMER_ID` is the default customer
//! ([`Emulator::CUSTOMER_ID`]); `DWOLLA_EMULATOR_CUSTOMER_IDS` every customer
//! the emulator knows ([`Emulator::customer_ids`]); the partner lines
//! [`Emulator::active_partner_names`] and the rest of
//! [`Emulator::partner_names`]. The client id and secret are the emulator's
//! own test credentials, printed so that a client can use them.
//!
//! It then serves until SIGINT or SIGTERM (not until stdin closes:
//! `dwolla-emulator &` keeps serving), shuts down and exits 0. `--port 0`
//! (the default) picks a free port.
//!
//! Faults use the vocabulary of [`Fault`], as flags (`--fail-next 2:503`,
//! `--rate-limit-next 1:7`, `--delay-next 3:250ms`,
//! `--close-next-mid-response 1`, `--oversized-next 1:5000000`,
//! `--fail-next-token 1:500`, `--delay-next-token 1:2s`,
//! `--token-lifetime 0s`, `--expire-all-tokens`, `--clear-faults`), as
//! positional `NAME=VALUE` items (`fail-next=2:503`, or several in one
//! argument: `fail-next=2:503,rate-limit-next=1:7`), in
//! `DWOLLA_EMULATOR_FAULTS` (`fail-next=2:503,rate-limit-next=1:7`, applied
//! before the command line), and at run time as the body of
//! `POST {base}/_emulator/faults`. `DWOLLA_EMULATOR_PORT`,
//! `DWOLLA_EMULATOR_CLIENT_ID`, `DWOLLA_EMULATOR_CLIENT_SECRET` and
//! `DWOLLA_EMULATOR_WEBHOOK_TIME_SCALE` are defaults for the flags.
//!
//! `--webhook-time-scale N` runs the emulator's clock N times faster than
//! real time ([`EmulatorBuilder::webhook_time_scale`](dwolla_mock::emulator::EmulatorBuilder::webhook_time_scale)): the clock of
//! events, webhooks and Dwolla's webhook retry schedule. At 3600 a webhook
//! that failed is retried a quarter of a second later (15 emulated
//! minutes), and the whole 72-hour schedule takes 72 s. Logs go to stderr (`RUST_LOG`, default `info`),
//! without colours unless stderr is a terminal.
//!
//! Exit codes: 0 stopped by a signal or `--help`; 1 could not start (port
//! taken, say); 2 bad arguments or environment.

use std::future::Future;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use dwolla_mock::emulator::{Emulator, Fault};

const ENV_PORT: &str = "DWOLLA_EMULATOR_PORT";
const ENV_CLIENT_ID: &str = "DWOLLA_EMULATOR_CLIENT_ID";
const ENV_CLIENT_SECRET: &str = "DWOLLA_EMULATOR_CLIENT_SECRET";
const ENV_FAULTS: &str = "DWOLLA_EMULATOR_FAULTS";
const ENV_WEBHOOK_TIME_SCALE: &str = "DWOLLA_EMULATOR_WEBHOOK_TIME_SCALE";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Help,
    Run(Settings),
}

#[derive(Debug, PartialEq, Eq)]
struct Settings {
    port: u16,
    client_id: String,
    client_secret: String,
    /// How many times faster than real time the emulator's clock runs.
    webhook_time_scale: u32,
    /// In the order they apply: the environment's, then the flags'.
    faults: Vec<Fault>,
}

/// The partners every emulator lists, for `--help` (the printed lines come
/// from the running emulator; a test checks that the two agree).
const PARTNERS_HELP: &str = "Plaid, MX, Finicity and Visa active (Visa does not support exchange \
     sessions), Flinks inactive";

/// A complete run in bash, with the examples of dwolla-hyper on PATH. The
/// same text is the recipe in README.md ("The local Dwolla emulator"), which
/// CI runs; a test checks that they agree.
const RECIPE: &str = "\
dwolla-emulator --rate-limit-next 1:1 --fail-next 1:503 >emulator.out 2>emulator.log &
emulator=$!
until grep -qs '^DWOLLA_EMULATOR_READY=1$' emulator.out; do sleep 0.1; done
set -a; . <(grep '^DWOLLA_' emulator.out); set +a  # export the printed settings
RUST_LOG=dwolla=debug create_exchange_session  # a 429 and a 503, both retried
curl -fsS -w '\\n' \"$DWOLLA_BASE_URL/_emulator/faults\" -d close-next-mid-response=1
RUST_LOG=dwolla=debug open_banking_flow --partner plaid  # a lost response, retried
kill \"$emulator\"; wait \"$emulator\"
";

fn usage() -> String {
    let mut text = format!(
        "usage: dwolla-emulator [OPTIONS] [FAULT FLAGS] [NAME=VALUE FAULTS]\n\
         \n\
         Runs a local Dwolla emulator on 127.0.0.1 until SIGINT or SIGTERM (not until its input\n\
         closes, so `dwolla-emulator &` keeps serving).\n\
         \n\
         Once it accepts connections it prints on stdout, one per line:\n  \
           listening on http://127.0.0.1:PORT\n  \
           DWOLLA_BASE_URL=http://127.0.0.1:PORT\n  \
           DWOLLA_CLIENT_ID=ID                  the client id it accepts\n  \
           DWOLLA_CLIENT_SECRET=SECRET          the client secret it accepts\n  \
           DWOLLA_CUSTOMER_ID=ID                its default customer\n  \
           DWOLLA_EMULATOR_CUSTOMER_IDS=ID,...  every customer it knows\n  \
           DWOLLA_EMULATOR_ACTIVE_PARTNERS=NAME,...\n  \
           DWOLLA_EMULATOR_INACTIVE_PARTNERS=NAME,...\n  \
           DWOLLA_EMULATOR_READY=1              the last line: all of them are out\n\
         The NAME=VALUE lines are shell assignments (a value is single-quoted when it needs to be):\n\
         grep them, or source them into a shell (see the example below).\n\
         \n\
         Options:\n  \
           --port PORT              port to listen on; 0 picks a free one [env {ENV_PORT}, default 0]\n  \
           --client-id ID           client id POST /token accepts [env {ENV_CLIENT_ID}, default {id}]\n  \
           --client-secret SECRET   client secret POST /token accepts [env {ENV_CLIENT_SECRET}, default {secret}]\n  \
           --webhook-time-scale N   run the clock of events and webhook retries N times faster than\n  \
           {pad}real time (3600: a retry 15 minutes later comes 0.25 s later)\n  \
           {pad}[env {ENV_WEBHOOK_TIME_SCALE}, default 1]\n  \
           -h, --help               print this help and exit\n\
         \n\
         What it knows (fixed):\n  \
           customer   {customer}\n  \
           partners   {PARTNERS_HELP}\n\
         \n\
         Faults, as flags (--NAME VALUE or --NAME=VALUE) or as positional NAME=VALUE items (several\n\
         in one argument with commas: fail-next=2:503,rate-limit-next=1:7). They repeat and queue\n\
         up, and an API call meets at most one (close-next-mid-response, oversized-next,\n\
         rate-limit-next, fail-next, in that order). Also {ENV_FAULTS}=\"NAME=VALUE,...\",\n\
         applied first, and POST /_emulator/faults with the same list as the body at run time:\n",
        id = Emulator::CLIENT_ID,
        secret = Emulator::CLIENT_SECRET,
        customer = Emulator::CUSTOMER_ID,
        pad = " ".repeat(25),
    );
    for s in Fault::VOCABULARY {
        let flag = match s.value {
            Some(v) => format!("--{} {v}", s.name),
            None => format!("--{}", s.name),
        };
        text.push_str(&format!("  {flag:<37} {}\n", s.help));
    }
    text.push_str(
        "\nDURATION is a whole number with ms, s, m or h (250ms, 2s). Logs go to stderr (RUST_LOG).\n\
         \n\
         Example, in bash, with dwolla-hyper's examples built (cargo build -p dwolla-hyper --examples)\n\
         and on PATH: the client meets the planned faults and retries (its default is 4 attempts).\n\
         \n",
    );
    for line in RECIPE.lines() {
        text.push_str("  ");
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(
        "\nExit codes: 0 stopped by a signal (or --help), 1 could not start, 2 bad arguments.\n",
    );
    text
}

/// Reads the command line after the program name, with `env` for the
/// environment. `Err` is the message for stderr.
fn parse(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<Command, String> {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    // Help works whatever else is wrong.
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Command::Help);
    }
    let env_str = |name: &str| -> Result<Option<String>, String> {
        env(name)
            .map(|v| {
                v.into_string()
                    .map_err(|_| format!("{name} is not valid UTF-8"))
            })
            .transpose()
    };
    let mut settings = Settings {
        port: 0,
        client_id: Emulator::CLIENT_ID.to_owned(),
        client_secret: Emulator::CLIENT_SECRET.to_owned(),
        webhook_time_scale: 1,
        faults: Vec::new(),
    };
    if let Some(port) = env_str(ENV_PORT)? {
        settings.port = parse_port(&port).map_err(|e| format!("{ENV_PORT}: {e}"))?;
    }
    if let Some(id) = env_str(ENV_CLIENT_ID)? {
        settings.client_id = credential(ENV_CLIENT_ID, id)?;
    }
    if let Some(secret) = env_str(ENV_CLIENT_SECRET)? {
        settings.client_secret = credential(ENV_CLIENT_SECRET, secret)?;
    }
    if let Some(scale) = env_str(ENV_WEBHOOK_TIME_SCALE)? {
        settings.webhook_time_scale =
            parse_time_scale(&scale).map_err(|e| format!("{ENV_WEBHOOK_TIME_SCALE}: {e}"))?;
    }
    if let Some(list) = env_str(ENV_FAULTS)? {
        settings.faults = Fault::parse_list(&list).map_err(|e| format!("{ENV_FAULTS}: {e}"))?;
    }

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument {a:?} is not valid UTF-8"))?;
        let Some(flag) = arg.strip_prefix("--") else {
            // Positional: `NAME=VALUE` faults, as in DWOLLA_EMULATOR_FAULTS.
            let faults = Fault::parse_list(&arg).map_err(|e| {
                format!("unexpected argument `{arg}`: neither an option (--NAME) nor a fault: {e}")
            })?;
            settings.faults.extend(faults);
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (flag, None),
        };
        let takes_value = match name {
            "port" | "client-id" | "client-secret" | "webhook-time-scale" => true,
            _ => match Fault::syntax(name) {
                Some(s) => s.value.is_some(),
                None => return Err(format!("unknown option `--{name}`")),
            },
        };
        let value = match (takes_value, inline) {
            (true, Some(v)) => Some(v),
            (true, None) => Some(
                args.next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or_else(|| format!("`--{name}` needs a value"))?,
            ),
            (false, Some(_)) => return Err(format!("`--{name}` takes no value")),
            (false, None) => None,
        };
        match (name, value) {
            ("port", Some(v)) => {
                settings.port = parse_port(&v).map_err(|e| format!("--port: {e}"))?;
            }
            ("client-id", Some(v)) => settings.client_id = credential("--client-id", v)?,
            ("webhook-time-scale", Some(v)) => {
                settings.webhook_time_scale =
                    parse_time_scale(&v).map_err(|e| format!("--webhook-time-scale: {e}"))?;
            }
            ("client-secret", Some(v)) => {
                settings.client_secret = credential("--client-secret", v)?;
            }
            (name, value) => settings
                .faults
                .push(Fault::parse(name, value.as_deref()).map_err(|e| e.to_string())?),
        }
    }
    Ok(Command::Run(settings))
}

/// A client id or secret: printed as one line on start, so neither empty nor
/// with control characters. The message names where it came from, not the
/// value.
fn credential(source: &str, value: String) -> Result<String, String> {
    if value.is_empty() {
        Err(format!("{source}: must not be empty"))
    } else if value.chars().any(char::is_control) {
        Err(format!("{source}: must not contain control characters"))
    } else {
        Ok(value)
    }
}

/// A time scale: a whole number from 1 to 1,000,000.
fn parse_time_scale(value: &str) -> Result<u32, String> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(|| format!("`{value}` is not a time scale (a whole number from 1 to 1000000)"))
}

fn parse_port(value: &str) -> Result<u16, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a port (0 to 65535)"))
}

fn main() -> ExitCode {
    let settings = match parse(std::env::args_os().skip(1), |name| std::env::var_os(name)) {
        Ok(Command::Run(s)) => s,
        Ok(Command::Help) => {
            print!("{}", usage());
            let _ = std::io::stdout().flush();
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("dwolla-emulator: {message}\ntry `dwolla-emulator --help`");
            return ExitCode::from(2);
        }
    };
    init_logs();

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("dwolla-emulator: cannot start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let served = runtime.block_on(serve(settings));
    // Connections were closed when the emulator was dropped; anything left
    // gets a moment, not a hang.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dwolla-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Serves until a stop signal; `Err` when it could not start.
async fn serve(settings: Settings) -> Result<(), String> {
    // Before the URL is printed: a signal sent as soon as it is read must
    // find the handler, not the default action.
    let stop = stop_signal().map_err(|e| format!("cannot listen for signals: {e}"))?;
    let port = settings.port;
    let emulator = Emulator::builder()
        .port(port)
        .client_credentials(settings.client_id, settings.client_secret)
        .webhook_time_scale(settings.webhook_time_scale)
        .start()
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    for fault in &settings.faults {
        emulator.inject(fault);
        tracing::info!(%fault, "dwolla emulator: fault planned");
    }
    {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(announcement(&emulator).as_bytes());
        let _ = out.flush();
    }
    tracing::info!(base_url = %emulator.base_url(), "dwolla emulator: listening");
    let signal = stop.await;
    tracing::info!(signal, "dwolla emulator: stopping");
    drop(emulator);
    Ok(())
}

/// What it prints once it accepts connections: `listening on URL`, then
/// shell assignments for a client, ending with `DWOLLA_EMULATOR_READY=1`.
fn announcement(emulator: &Emulator) -> String {
    let base_url = emulator.base_url();
    let credentials = emulator.credentials();
    let customers = emulator.customer_ids();
    let active = emulator.active_partner_names();
    let inactive: Vec<String> = emulator
        .partner_names()
        .into_iter()
        .filter(|name| !active.contains(name))
        .collect();
    let mut text = format!("listening on {base_url}\n");
    for (name, value) in [
        ("DWOLLA_BASE_URL", base_url.clone()),
        ("DWOLLA_CLIENT_ID", credentials.id().to_owned()),
        // The emulator's own test secret: printing it is the point.
        (
            "DWOLLA_CLIENT_SECRET",
            credentials.expose_secret().to_owned(),
        ),
        (
            "DWOLLA_CUSTOMER_ID",
            customers.first().cloned().unwrap_or_default(),
        ),
        ("DWOLLA_EMULATOR_CUSTOMER_IDS", customers.join(",")),
        ("DWOLLA_EMULATOR_ACTIVE_PARTNERS", active.join(",")),
        ("DWOLLA_EMULATOR_INACTIVE_PARTNERS", inactive.join(",")),
        ("DWOLLA_EMULATOR_READY", "1".to_owned()),
    ] {
        text.push_str(&format!("{name}={}\n", shell_word(&value)));
    }
    text
}

/// `value` as one shell word: as it is when it has only characters no shell
/// treats specially (nothing at all for an empty value), else single-quoted.
fn shell_word(value: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.,:/@%+=".contains(c);
    if value.chars().all(plain) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// Resolves with the signal's name on SIGTERM or SIGINT.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl Future<Output = &'static str>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => "SIGTERM",
            _ = int.recv() => "SIGINT",
        }
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl Future<Output = &'static str>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    })
}

/// Logs on stderr, filtered by `RUST_LOG` (default `info`), coloured only on
/// a terminal so that captured logs stay plain text.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, OsString)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        parse(args.iter().map(OsString::from), |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn settings(args: &[&str], env: &[(&str, &str)]) -> Settings {
        match run(args, env) {
            Ok(Command::Run(s)) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let s = settings(&[], &[]);
        assert_eq!(s.port, 0);
        assert_eq!(s.client_id, Emulator::CLIENT_ID);
        assert_eq!(s.client_secret, Emulator::CLIENT_SECRET);
        assert_eq!(s.webhook_time_scale, 1);
        assert!(s.faults.is_empty());
    }

    #[test]
    fn webhook_time_scale() {
        assert_eq!(
            settings(&["--webhook-time-scale", "3600"], &[]).webhook_time_scale,
            3600
        );
        assert_eq!(
            settings(&["--webhook-time-scale=60"], &[]).webhook_time_scale,
            60
        );
        let env = [(ENV_WEBHOOK_TIME_SCALE, "10")];
        assert_eq!(settings(&[], &env).webhook_time_scale, 10);
        assert_eq!(
            settings(&["--webhook-time-scale", "2"], &env).webhook_time_scale,
            2
        );
        for bad in ["0", "-1", "fast", "1000001"] {
            let err = run(&["--webhook-time-scale", bad], &[]).unwrap_err();
            assert!(err.starts_with("--webhook-time-scale: "), "{err}");
            assert!(err.contains(bad), "{err}");
        }
        let err = run(&[], &[(ENV_WEBHOOK_TIME_SCALE, "0")]).unwrap_err();
        assert!(err.starts_with(ENV_WEBHOOK_TIME_SCALE), "{err}");
        let help = usage();
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with("--webhook-time-scale N"))
            .unwrap_or_else(|| panic!("no --webhook-time-scale in:\n{help}"));
        assert!(line.contains("faster than"), "{line}");
        assert!(help.contains("[env DWOLLA_EMULATOR_WEBHOOK_TIME_SCALE, default 1]"));
    }

    #[test]
    fn options_and_faults_from_flags() {
        let s = settings(
            &[
                "--port",
                "8080",
                "--client-id=id",
                "--client-secret",
                "s3cret",
                "--fail-next",
                "2:503",
                "--rate-limit-next=1:7",
                "--delay-next",
                "3:250ms",
                "--close-next-mid-response",
                "1",
                "--oversized-next",
                "1:5000000",
                "--fail-next-token",
                "1:500",
                "--token-lifetime",
                "0s",
                "--expire-all-tokens",
                "--fail_next",
                "1:500",
            ],
            &[],
        );
        assert_eq!((s.port, s.client_id.as_str()), (8080, "id"));
        assert_eq!(s.client_secret, "s3cret");
        let faults: Vec<String> = s.faults.iter().map(Fault::to_string).collect();
        assert_eq!(
            faults,
            [
                "fail-next=2:503",
                "rate-limit-next=1:7",
                "delay-next=3:250ms",
                "close-next-mid-response=1",
                "oversized-next=1:5000000",
                "fail-next-token=1:500",
                "token-lifetime=0s",
                "expire-all-tokens",
                "fail-next=1:500",
            ]
        );
    }

    #[test]
    fn positional_faults_in_the_environment_variable_words() {
        let s = settings(
            &[
                "fail-next=1:503",
                "--rate-limit-next",
                "1:1",
                "delay-next=1:2s,close-next-mid-response=1",
                "expire-all-tokens",
            ],
            &[],
        );
        let faults: Vec<String> = s.faults.iter().map(Fault::to_string).collect();
        assert_eq!(
            faults,
            [
                "fail-next=1:503",
                "rate-limit-next=1:1",
                "delay-next=1:2s",
                "close-next-mid-response=1",
                "expire-all-tokens",
            ]
        );
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(shell_word("Plaid,MX"), "Plaid,MX");
        assert_eq!(shell_word(""), "");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's $HOME"), "'it'\\''s $HOME'");
        assert_eq!(shell_word("~x"), "'~x'");
    }

    #[test]
    fn environment_first_flags_override() {
        let env = [
            (ENV_PORT, "9000"),
            (ENV_CLIENT_ID, "env-id"),
            (ENV_FAULTS, "fail-next=2:503, rate-limit-next=1:7"),
        ];
        let s = settings(&["--port", "9001", "--fail-next", "1:502"], &env);
        assert_eq!(s.port, 9001);
        assert_eq!(s.client_id, "env-id");
        assert_eq!(
            s.faults,
            [
                Fault::FailNext { n: 2, status: 503 },
                Fault::RateLimitNext {
                    n: 1,
                    retry_after_secs: Some(7)
                },
                Fault::FailNext { n: 1, status: 502 },
            ]
        );
        assert_eq!(settings(&[], &env).port, 9000);
    }

    #[test]
    fn help() {
        assert_eq!(run(&["-h"], &[]), Ok(Command::Help));
        assert_eq!(run(&["--port", "1", "--help"], &[]), Ok(Command::Help));
        assert_eq!(
            run(&["--nope", "-h"], &[(ENV_PORT, "x")]),
            Ok(Command::Help)
        );
        let text = usage();
        for s in Fault::VOCABULARY {
            assert!(text.contains(&format!("--{}", s.name)), "{}", s.name);
        }
        for default in [
            Emulator::CLIENT_ID,
            Emulator::CLIENT_SECRET,
            Emulator::CUSTOMER_ID,
            PARTNERS_HELP,
            "default 0",
        ] {
            assert!(text.contains(default), "{default} missing from\n{text}");
        }
        for line in RECIPE.lines() {
            assert!(text.contains(&format!("\n  {line}\n")), "{line}");
        }
    }

    #[test]
    fn bad_arguments_are_errors() {
        let err = |args: &[&str], env: &[(&str, &str)]| run(args, env).unwrap_err();
        assert_eq!(err(&["--nope"], &[]), "unknown option `--nope`");
        assert!(err(&["serve"], &[]).starts_with(
            "unexpected argument `serve`: neither an option (--NAME) nor a fault: unknown fault `serve` (known: fail-next,"
        ));
        assert!(err(&["fail-next=1:503,rate-limit-next=x"], &[]).starts_with(
            "unexpected argument `fail-next=1:503,rate-limit-next=x`: neither an option (--NAME) \
             nor a fault: rate-limit-next=x: the count must be"
        ));
        assert_eq!(
            err(&["--client-id", ""], &[]),
            "--client-id: must not be empty"
        );
        assert_eq!(
            err(&["--client-secret=a\nb"], &[]),
            "--client-secret: must not contain control characters"
        );
        assert_eq!(
            err(&[], &[(ENV_CLIENT_ID, "")]),
            "DWOLLA_EMULATOR_CLIENT_ID: must not be empty"
        );
        assert_eq!(err(&["--port"], &[]), "`--port` needs a value");
        assert_eq!(
            err(&["--port", "70000"], &[]),
            "--port: `70000` is not a port (0 to 65535)"
        );
        assert_eq!(err(&["--fail-next"], &[]), "`--fail-next` needs a value");
        assert_eq!(
            err(&["--fail-next", "2:abc"], &[]),
            "fail-next=2:abc: the status must be a number from 400 to 599"
        );
        assert_eq!(
            err(&["--expire-all-tokens=1"], &[]),
            "`--expire-all-tokens` takes no value"
        );
        assert_eq!(
            err(&[], &[(ENV_PORT, "x")]),
            "DWOLLA_EMULATOR_PORT: `x` is not a port (0 to 65535)"
        );
        assert!(err(&[], &[(ENV_FAULTS, "fail-next=1:503,boom=1")])
            .starts_with("DWOLLA_EMULATOR_FAULTS: unknown fault `boom`"));
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_is_an_error_not_a_panic() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![b'-', b'-', 0xff]);
        assert!(parse([bad.clone()], |_| None).is_err());
        assert!(parse(Vec::<OsString>::new(), |name| (name == ENV_FAULTS)
            .then(|| bad.clone()))
        .is_err());
    }
}
