//! The Dwolla client with no async runtime: a `std::net` transport, a
//! thread-parking `block_on` and a thread-based sleep, all in
//! `tests/std_runtime/mod.rs` (plain `http` only: no TLS, so point it at a
//! local server such as the emulator).
//!
//! ```text
//! cargo run -p dwolla-mock --features emulator --bin dwolla-emulator
//! # listening on http://127.0.0.1:PORT
//! DWOLLA_CLIENT_ID=emulator-client-id DWOLLA_CLIENT_SECRET=emulator-client-secret \
//!     cargo run -p dwolla-core --example std_transport -- \
//!     http://127.0.0.1:PORT 74a207b2-b7b7-4efa-8bf8-582148e7b980
//! ```

#[path = "../tests/std_runtime/mod.rs"]
mod std_runtime;

use std::process::ExitCode;
use std::time::Duration;

use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::{Client, ClientCredentials, Environment, Error, RequestOptions, SystemClock};

use std_runtime::{block_on, StdNetTransport, ThreadSleep};

const USAGE: &str = "usage: std_transport <base URL (http, loopback)> <customer id>";

fn main() -> ExitCode {
    if std::env::args().skip(1).any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(customer), None) = (args.next(), args.next(), args.next()) else {
        eprintln!("error: expected two arguments, a base URL and a customer id\n{USAGE}");
        return ExitCode::from(2);
    };
    match block_on(run(&base_url, &customer)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(base_url: &str, customer: &str) -> Result<(), Error> {
    let client = Client::builder(StdNetTransport::default())
        .environment(Environment::custom(base_url)?)
        .credentials(ClientCredentials::from_env()?)
        .sleep(ThreadSleep::default())
        .clock(SystemClock)
        .build()?;
    // Each call, token and retries included, ends within 30 s.
    let options = || RequestOptions::new().timeout(Duration::from_secs(30));
    let plaid = client
        .exchange_partners()
        .find_by_name("plaid")
        .await?
        .ok_or_else(|| Error::invalid_input("partner", "Plaid is not listed"))?;
    let created = client
        .customers()
        .exchange_sessions()
        .create_with(
            CreateCustomerExchangeSession::web(customer, plaid.href()),
            options(),
        )
        .await?;
    println!("location: {}", created.location());
    let session = client
        .exchange_sessions()
        .get_with(created.location(), options())
        .await?;
    if let Some(token) = session.external_provider_session_token() {
        println!("plaid link token: {token}");
    }
    Ok(())
}
