//! Runs the local Dwolla emulator for other processes (benchmarks, manual
//! testing).
//!
//! ```text
//! dwolla-emulator [--port PORT] [--client-id ID] [--client-secret SECRET]
//! ```
//!
//! Prints `listening on http://127.0.0.1:PORT` on stdout once it accepts
//! connections, then serves until its standard input closes or it is killed.
//! `--port 0` (the default) picks a free port.

use std::io::{Read, Write};
use std::process::ExitCode;

use dwolla_mock::emulator::Emulator;

fn usage() -> ExitCode {
    eprintln!("usage: dwolla-emulator [--port PORT] [--client-id ID] [--client-secret SECRET]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut port: u16 = 0;
    let mut id = Emulator::CLIENT_ID.to_owned();
    let mut secret = Emulator::CLIENT_SECRET.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next());
        match name.as_str() {
            "--port" => match value().and_then(|v| v.parse().ok()) {
                Some(p) => port = p,
                None => return usage(),
            },
            "--client-id" => match value() {
                Some(v) => id = v,
                None => return usage(),
            },
            "--client-secret" => match value() {
                Some(v) => secret = v,
                None => return usage(),
            },
            "-h" | "--help" => {
                let _ = usage();
                return ExitCode::SUCCESS;
            }
            _ => return usage(),
        }
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("dwolla-emulator: cannot start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let emulator = match runtime.block_on(
        Emulator::builder()
            .port(port)
            .client_credentials(id, secret)
            .start(),
    ) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("dwolla-emulator: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", emulator.base_url());
        let _ = out.flush();
    }
    // Serve until stdin reaches EOF (the parent closed it or exited).
    let mut sink = [0u8; 256];
    let mut stdin = std::io::stdin().lock();
    while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
    drop(emulator);
    runtime.shutdown_background();
    ExitCode::SUCCESS
}
