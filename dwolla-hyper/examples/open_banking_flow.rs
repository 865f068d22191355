//! The whole open-banking flow, from a customer id to a verified bank
//! account: resolve the partner by name, create an exchange session, hand the
//! Plaid Link token or MX Connect URL to the front end, create the exchange
//! from what the partner returned, create the funding source from the
//! exchange, and check that it is verified.
//!
//! ```text
//! cargo run -p dwolla-hyper --example open_banking_flow -- --partner plaid|mx \
//!     [--customer <id>] [--redirect-url <url>] \
//!     [--public-token <plaid public token>] [--connection <MX account name>] \
//!     [--bank-account-type checking|savings] [--name <funding source name>]
//! ```
//!
//! Without `DWOLLA_CLIENT_ID`/`DWOLLA_CLIENT_SECRET` it runs the whole flow
//! against the local Dwolla emulator, which also plays the partner's part
//! (the public token Plaid Link would return, the accounts MX Connect would
//! list). Against Dwolla, the customer's part happens in a browser: the
//! example prints the link token or connect URL and stops; run it again with
//! `--public-token` (Plaid) or `--connection` (MX) to finish. Against a
//! `dwolla-emulator` started on its own (`DWOLLA_BASE_URL=http://127.0.0.1:PORT`
//! and its credentials), the emulator-only route gives the public token.
//!
//! Prints, one per line: `partner: ...`, `exchange session: ...`,
//! `plaid link token: ...` or `mx connect url: ...`, then `exchange: <url>`,
//! `funding source: <url>` and `status: verified`.
//!
//! The customer is `--customer`, else `DWOLLA_CUSTOMER_ID`, else (on the
//! in-process emulator) the emulator's. `RUST_LOG=dwolla=debug` shows each
//! attempt (never a secret).
//!
//! Exit codes: 0 success (and `--help`, and stopping to wait for the
//! customer), 1 Dwolla or network error, 2 bad arguments or configuration
//! (refused client credentials, an inactive partner). Errors are one line
//! starting with `error: `.

mod common;

use std::process::ExitCode;

use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};
use dwolla_core::exchanges::{CreateCustomerExchange, ExchangeCreated};
use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
use dwolla_core::{serde_json, Error};
use dwolla_hyper::HyperClient;

const USAGE: &str = "usage: open_banking_flow [--partner plaid|mx] [--customer <id>] [--redirect-url <url>] [--public-token <token>] [--connection <name>] [--bank-account-type checking|savings] [--name <name>]\n\
    (--customer defaults to DWOLLA_CUSTOMER_ID; --partner to plaid)";

const FLAGS: &[&str] = &[
    "--partner",
    "--customer",
    "--redirect-url",
    "--public-token",
    "--connection",
    "--bank-account-type",
    "--name",
];

#[tokio::main]
async fn main() -> ExitCode {
    let started = match common::start(USAGE, FLAGS).await {
        Ok(started) => started,
        Err(code) => return code,
    };
    match run(&started).await {
        Ok(code) => code,
        Err(e) => common::report(&e),
    }
}

async fn run(started: &common::Started) -> Result<ExitCode, Error> {
    let client = &started.client;
    let customer = started.customer.as_str();
    let args = &started.args;
    let bank_account_type: BankAccountType = args
        .get("--bank-account-type")
        .unwrap_or("checking")
        .parse()?;
    let partner_name = args.get("--partner").unwrap_or("plaid");
    let is_plaid = partner_name.eq_ignore_ascii_case("plaid");
    if !is_plaid && !partner_name.eq_ignore_ascii_case("mx") {
        let message = format!(
            "this example runs the flow for `plaid` or `mx`, not `{}` \
             (create_exchange_session takes any partner)",
            partner_name.escape_debug()
        );
        return Ok(common::usage_error(&message, USAGE));
    }

    // 1. Partner ids differ between sandbox and production: resolve by name.
    let partner = match common::active_partner(client, partner_name).await {
        Ok(partner) => partner,
        Err(code) => return Ok(code),
    };
    println!("partner: {} {}", partner.name(), partner.href());

    // 2-3. A session, unless the customer already finished with the partner
    // (then the partner's result is on the command line).
    let has_partner_result =
        args.get("--public-token").is_some() || args.get("--connection").is_some();
    let mut link_token = None;
    if !has_partner_result {
        let op = match args.get("--redirect-url") {
            Some(r) => CreateCustomerExchangeSession::with_redirect(customer, partner.href(), r),
            None => CreateCustomerExchangeSession::web(customer, partner.href()),
        };
        let created = client.customers().exchange_sessions().create(op).await?;
        println!("exchange session: {}", created.location());
        let session = client.exchange_sessions().get(created.location()).await?;
        match session.provider_session() {
            Some(ProviderSession::PlaidLinkToken(token)) => {
                println!("plaid link token: {token}");
                link_token = Some(token.to_owned());
            }
            Some(ProviderSession::MxConnectUrl(url)) => println!("mx connect url: {url}"),
            _ => println!("the session has neither a Plaid link token nor an MX connect URL"),
        }
    }

    // 4. The exchange, from what the partner handed back.
    let exchange_op = if is_plaid {
        let public_token = match (args.get("--public-token"), &link_token) {
            (Some(t), _) => t.to_owned(),
            (None, Some(link)) if on_emulator(client) => {
                match emulated_plaid_link(client, link).await? {
                    Some(token) => token,
                    None => {
                        eprintln!("error: the emulator answered without a public token");
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            _ => {
                println!("next: open Plaid Link with the link token, then run again with --public-token <token>");
                return Ok(ExitCode::SUCCESS);
            }
        };
        CreateCustomerExchange::plaid(customer, partner.href(), public_token)
    } else {
        let connections = client
            .customers()
            .available_exchange_connections(customer)
            .await?;
        let chosen = match args.get("--connection") {
            Some(name) => connections.find_by_name(name),
            None if on_emulator(client) => connections.first(),
            None => None,
        };
        let Some(connection) = chosen else {
            for c in &connections {
                println!("available connection: {}", c.name().unwrap_or("(no name)"));
            }
            println!("next: finish MX Connect at the URL, then run again with --connection <name>");
            return Ok(ExitCode::SUCCESS);
        };
        connection.exchange(customer, partner.href())
    };
    let exchange: ExchangeCreated = client.customers().exchanges().create(exchange_op).await?;
    println!("exchange: {}", exchange.location());

    // 5. The funding source, verified at once since it comes from an exchange.
    let name = args.get("--name").unwrap_or("Open banking account");
    let op = CreateCustomerFundingSource::from_exchange(
        customer,
        exchange.location(),
        bank_account_type,
        name,
    );
    let created = client.customers().funding_sources().create(op).await?;
    println!("funding source: {}", created.location());
    let funding_source = client.funding_sources().get(created.location()).await?;
    println!("status: {}", funding_source.status());
    if funding_source.is_verified() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "error: the funding source is `{}`, not verified",
            funding_source.status()
        );
        Ok(ExitCode::from(1))
    }
}

/// The local emulator answers on loopback over plain http; Dwolla never does.
fn on_emulator(client: &HyperClient) -> bool {
    let base = client.environment().base_url();
    base.starts_with("http://127.") || base.starts_with("http://localhost")
}

/// What Plaid Link does in the browser, played by the emulator's own route:
/// the public token for a link token.
async fn emulated_plaid_link(
    client: &HyperClient,
    link_token: &str,
) -> Result<Option<String>, Error> {
    let answer = client
        .hal()
        .post(
            "/_emulator/plaid/public-token",
            serde_json::json!({ "link_token": link_token }),
        )
        .await?;
    let token = answer.document().and_then(|d| d["public_token"].as_str());
    if let Some(token) = token {
        println!("plaid public token (from the emulator): {token}");
    }
    Ok(token.map(str::to_owned))
}
