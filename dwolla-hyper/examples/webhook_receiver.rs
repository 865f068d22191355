//! A webhook receiver: a small HTTP server that verifies every webhook,
//! handles each event once, and answers at once.
//!
//! ```text
//! cargo run -p dwolla-hyper --example webhook_receiver -- \
//!     --secret <subscription secret> [--port <port>] [--fail-first]
//! ```
//!
//! It listens on `127.0.0.1:<port>` (default 0: a free port) and prints
//! `listening on http://127.0.0.1:PORT/webhooks` first: the URL to
//! subscribe (any path is a delivery). Every request is checked with
//! `dwolla_core::webhooks::receive`: the `X-Request-Signature-SHA-256`
//! against the body, keyed with `--secret` (or `DWOLLA_WEBHOOK_SECRET`); the
//! event read; its id checked against the ids seen. It prints `event: <topic>
//! <event id>` for each new event, `duplicate: <topic> <event id>` for one
//! seen before (answered 200 as well: Dwolla counts anything else as a
//! failed delivery), and refuses a bad signature with 401 (`refused: ...` on
//! stderr). `--fail-first` answers 500 to the first delivery, once, to watch
//! Dwolla (or the emulator) retry it. It serves until stopped (Ctrl-C).
//!
//! Subscribe the printed URL with the subscription's secret
//! (`client.webhook_subscriptions().create(CreateWebhookSubscription::new(url,
//! secret))`): a local `dwolla-emulator` (`--webhook-time-scale 3600`
//! makes its retry 15 minutes after a failure come within a second)
//! delivers to it directly; `webhook_demo` runs all of it in one process.
//! Dwolla itself delivers only to public `https://` URLs: put this behind
//! a TLS tunnel or proxy to receive a sandbox's webhooks.
//!
//! Exit codes: 0 `--help`, 1 the port cannot be bound, 2 bad arguments
//! (no secret). Errors are one line starting with `error: `.

mod common;
#[path = "common/receiver.rs"]
mod receiver;

use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage: webhook_receiver --secret <secret> [--port <port>] [--fail-first]\n\
    (--secret defaults to DWOLLA_WEBHOOK_SECRET; --port to 0, a free port; --fail-first answers 500 to the first delivery)";

const FLAGS: &[&str] = &["--secret", "--port"];

#[tokio::main]
async fn main() -> ExitCode {
    if let Err(code) = common::init_tracing() {
        return code;
    }
    let args = match common::args(USAGE, FLAGS, &["--fail-first"]) {
        Ok(args) => args,
        Err(code) => return code,
    };
    let fail_first = args.has("--fail-first");
    let secret = args
        .get("--secret")
        .map(str::to_owned)
        .or_else(|| std::env::var("DWOLLA_WEBHOOK_SECRET").ok())
        .filter(|s| !s.is_empty());
    let Some(secret) = secret else {
        return common::usage_error(
            "`--secret` (or DWOLLA_WEBHOOK_SECRET) is required: the subscription's secret",
            USAGE,
        );
    };
    let port = match args.get("--port").map(str::parse::<u16>) {
        None => 0,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            return common::usage_error("`--port` must be a port number (0 to 65535)", USAGE)
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::from(1);
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot read the listening address: {e}");
            return ExitCode::from(1);
        }
    };
    println!("listening on http://{addr}/webhooks");
    let receiver = Arc::new(receiver::Receiver::new(secret, fail_first, None));
    receiver::serve(listener, receiver).await;
    ExitCode::SUCCESS
}
