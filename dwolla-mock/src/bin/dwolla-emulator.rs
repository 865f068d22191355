//! Runs the local Dwolla emulator for other processes: shell scripts,
//! benchmarks, manual testing, an SDK in another language.
//!
//! ```text
//! dwolla-emulator [--port PORT] [--client-id ID] [--client-secret SECRET] [FAULT FLAGS]
//! ```
//!
//! Prints `listening on http://127.0.0.1:PORT` on stdout, as the first line,
//! once it accepts connections, then serves until SIGINT or SIGTERM (not
//! until stdin closes: `dwolla-emulator &` keeps serving), shuts down and
//! exits 0. `--port 0` (the default) picks a free port.
//!
//! Faults use the vocabulary of [`Fault`], as flags (`--fail-next 2:503`,
//! `--rate-limit-next 1:7`, `--delay-next 3:250ms`,
//! `--close-next-mid-response 1`, `--oversized-next 1:5000000`,
//! `--fail-next-token 1:500`, `--delay-next-token 1:2s`,
//! `--token-lifetime 0s`, `--expire-all-tokens`, `--clear-faults`), in
//! `DWOLLA_EMULATOR_FAULTS` (`fail-next=2:503,rate-limit-next=1:7`, applied
//! before the flags), and at run time as the body of
//! `POST {base}/_emulator/faults`. `DWOLLA_EMULATOR_PORT`,
//! `DWOLLA_EMULATOR_CLIENT_ID` and `DWOLLA_EMULATOR_CLIENT_SECRET` are
//! defaults for the flags. Logs go to stderr (`RUST_LOG`, default `info`),
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
    /// In the order they apply: the environment's, then the flags'.
    faults: Vec<Fault>,
}

fn usage() -> String {
    let mut text = String::from(
        "usage: dwolla-emulator [OPTIONS] [FAULTS]\n\
         \n\
         Runs a local Dwolla emulator on 127.0.0.1 until SIGINT or SIGTERM.\n\
         Prints `listening on http://127.0.0.1:PORT` on stdout once it accepts connections.\n\
         \n\
         Options:\n  \
           --port PORT              port to listen on; 0 picks a free one [env DWOLLA_EMULATOR_PORT, default 0]\n  \
           --client-id ID           client id POST /token accepts [env DWOLLA_EMULATOR_CLIENT_ID]\n  \
           --client-secret SECRET   client secret POST /token accepts [env DWOLLA_EMULATOR_CLIENT_SECRET]\n  \
           -h, --help               print this help and exit\n\
         \n\
         Faults (flags repeat and queue up; also DWOLLA_EMULATOR_FAULTS=\"NAME=VALUE,...\",\n\
         applied first, and POST /_emulator/faults with the same list as the body at run time):\n",
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
         Exit codes: 0 stopped by a signal, 1 could not start, 2 bad arguments.\n",
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
        faults: Vec::new(),
    };
    if let Some(port) = env_str(ENV_PORT)? {
        settings.port = parse_port(&port).map_err(|e| format!("{ENV_PORT}: {e}"))?;
    }
    if let Some(id) = env_str(ENV_CLIENT_ID)? {
        settings.client_id = id;
    }
    if let Some(secret) = env_str(ENV_CLIENT_SECRET)? {
        settings.client_secret = secret;
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
            return Err(format!("unexpected argument `{arg}`"));
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (flag, None),
        };
        let takes_value = match name {
            "port" | "client-id" | "client-secret" => true,
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
            ("client-id", Some(v)) => settings.client_id = v,
            ("client-secret", Some(v)) => settings.client_secret = v,
            (name, value) => settings
                .faults
                .push(Fault::parse(name, value.as_deref()).map_err(|e| e.to_string())?),
        }
    }
    Ok(Command::Run(settings))
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
        .start()
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    for fault in &settings.faults {
        emulator.inject(fault);
        tracing::info!(%fault, "dwolla emulator: fault planned");
    }
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", emulator.base_url());
        let _ = out.flush();
    }
    tracing::info!(base_url = %emulator.base_url(), "dwolla emulator: listening");
    let signal = stop.await;
    tracing::info!(signal, "dwolla emulator: stopping");
    drop(emulator);
    Ok(())
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
        assert!(s.faults.is_empty());
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
    }

    #[test]
    fn bad_arguments_are_errors() {
        let err = |args: &[&str], env: &[(&str, &str)]| run(args, env).unwrap_err();
        assert_eq!(err(&["--nope"], &[]), "unknown option `--nope`");
        assert_eq!(err(&["serve"], &[]), "unexpected argument `serve`");
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
