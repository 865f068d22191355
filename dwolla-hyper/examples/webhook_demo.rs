//! Webhooks from end to end, in one process, against the local Dwolla
//! emulator: subscribe a receiver, make things happen, watch their events
//! arrive signed, verified and deduplicated.
//!
//! ```text
//! cargo run -p dwolla-hyper --example webhook_demo -- [--fail-first]
//! ```
//!
//! It starts the emulator with a fast webhook clock (an emulated hour per
//! real second, so Dwolla's retry 15 minutes after a failure comes a quarter
//! of a second later), and the receiver of the `webhook_receiver` example on
//! a free port of 127.0.0.1. Then, with the typed client: it subscribes the
//! receiver (`subscription: <url>`), creates a verified personal customer
//! (`customer: <url>`), and pays it $25.00 from the account's balance
//! (`transfer: <url>`). The receiver prints each event as it arrives,
//! `event: <topic> <event id>`. Once every webhook has arrived, the demo
//! reads them back from the API and prints `retry: <webhook id> attempt
//! <n> (<topic>: <statuses>)` for each one delivered more than once, then
//! `webhooks: <count> delivered, <count> retried`.
//!
//! `--fail-first` makes the receiver answer 500 to the first delivery to
//! reach it (deliveries run in parallel, so which event that is varies): it
//! prints `failed: ...`, the emulator retries that webhook on Dwolla's
//! schedule, and it shows as `retry: <webhook id> attempt 2 (<topic>: 500
//! then 200)`.
//!
//! It runs against the emulator only (its webhooks reach 127.0.0.1; Dwolla
//! delivers only to public `https://` URLs): with `DWOLLA_CLIENT_ID` and
//! the like set it stops with an error. To receive a Dwolla sandbox's
//! webhooks, run `webhook_receiver` behind a public TLS endpoint and
//! subscribe that.
//!
//! Exit codes: 0 success (and `--help`), 1 an API, network or delivery
//! failure, 2 bad arguments or configuration. Errors are one line starting
//! with `error: `.

mod common;
#[path = "common/receiver.rs"]
mod receiver;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use dwolla_core::customers::{CreateCustomer, DateOfBirth, PersonalDetails, Ssn, UsAddress};
use dwolla_core::events::Event;
use dwolla_core::transfers::InitiateTransfer;
use dwolla_core::webhook_subscriptions::{CreateWebhookSubscription, ListWebhooks};
use dwolla_core::webhooks::Webhook;
use dwolla_core::{Amount, Error};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;
use tokio::sync::mpsc;

const USAGE: &str = "usage: webhook_demo [--fail-first]\n\
    (runs against the built-in emulator; --fail-first answers 500 to the first delivery, to watch it retried)";

/// The subscription's secret: in real code, a long random one kept as a
/// password is.
const SECRET: &str = "webhook-demo-secret-0c5e1f";

/// An emulated hour per real second.
const TIME_SCALE: u32 = 3600;

/// How long to wait for every webhook (real time): the last retry of a
/// failing one is 72 emulated hours, 72 s, after it.
const PATIENCE: Duration = Duration::from_secs(90);

#[tokio::main]
async fn main() -> ExitCode {
    if let Err(code) = common::init_tracing() {
        return code;
    }
    let fail_first = match common::args(USAGE, &[], &["--fail-first"]) {
        Ok(args) => args.has("--fail-first"),
        Err(code) => return code,
    };
    let configured = [
        "DWOLLA_CLIENT_ID",
        "DWOLLA_CLIENT_SECRET",
        "DWOLLA_ENVIRONMENT",
        "DWOLLA_BASE_URL",
    ]
    .into_iter()
    .find(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()));
    if let Some(var) = configured {
        eprintln!(
            "error: {var} is set, but webhook_demo runs against the built-in emulator only (its \
             webhooks reach 127.0.0.1; Dwolla delivers only to public https URLs): unset it, or \
             run webhook_receiver behind a public https URL and subscribe that"
        );
        return ExitCode::from(2);
    }
    let emulator = match Emulator::builder()
        .webhook_time_scale(TIME_SCALE)
        .start()
        .await
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: could not start the local Dwolla emulator: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!(
        "running against the local Dwolla emulator at {} (webhook clock: an hour per second)",
        emulator.base_url()
    );
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", 0)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: could not listen for webhooks on 127.0.0.1: {e}");
            return ExitCode::from(1);
        }
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}/webhooks"),
        Err(e) => {
            eprintln!("error: could not read the receiver's address: {e}");
            return ExitCode::from(1);
        }
    };
    let (events_tx, events) = mpsc::unbounded_channel();
    let receiver = Arc::new(receiver::Receiver::new(
        SECRET.to_owned(),
        fail_first,
        Some(events_tx),
    ));
    tokio::spawn(receiver::serve(listener, receiver));
    let client = match dwolla_hyper::client(emulator.environment(), emulator.credentials()) {
        Ok(c) => c,
        Err(e) => return common::report(&e),
    };
    match run(&emulator, &client, &url, events).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

async fn run(
    emulator: &Emulator,
    client: &HyperClient,
    url: &str,
    mut events: mpsc::UnboundedReceiver<Event>,
) -> Result<(), ExitCode> {
    let report = |e: Error| common::report(&e);
    let subscription = client
        .webhook_subscriptions()
        .create(CreateWebhookSubscription::new(url, SECRET))
        .await
        .map_err(report)?;
    let subscription = subscription.location().to_owned();
    println!("subscription: {subscription}");

    let details = PersonalDetails::new(
        "Jane",
        "Webhook",
        "jane.webhook@example.com",
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
        DateOfBirth::new(1970, 1, 1).map_err(report)?,
        Ssn::new("1234").map_err(report)?,
    );
    let customer = client
        .customers()
        .create(CreateCustomer::personal(details))
        .await
        .map_err(report)?;
    println!("customer: {}", customer.location());

    // The account's balance pays the customer's (a verified customer has one).
    let Some(destination) = emulator.customer_balance_href(customer.id()) else {
        eprintln!("error: the customer has no balance funding source");
        return Err(ExitCode::from(1));
    };
    let amount = Amount::usd("25.00").map_err(report)?;
    let transfer = client
        .transfers()
        .create(InitiateTransfer::new(
            emulator.account_balance_href(),
            destination,
            amount,
        ))
        .await
        .map_err(report)?;
    println!("transfer: {}", transfer.location());

    // One webhook per event since subscribing; wait for each to be handled.
    let expected = webhooks_of(client, &subscription)
        .await
        .map_err(report)?
        .len();
    let mut handled = 0;
    let waited = tokio::time::timeout(PATIENCE, async {
        while handled < expected {
            match events.recv().await {
                Some(_) => handled += 1,
                None => break,
            }
        }
    })
    .await;
    if waited.is_err() || handled < expected {
        eprintln!(
            "error: {handled} of {expected} webhooks arrived in {}s",
            PATIENCE.as_secs()
        );
        return Err(ExitCode::from(1));
    }
    emulator.wait_for_webhooks(PATIENCE).await;

    // What Dwolla recorded: every attempt of every webhook, oldest first.
    let mut retried = 0;
    for webhook in webhooks_of(client, &subscription)
        .await
        .map_err(report)?
        .iter()
        .rev()
    {
        let attempts = webhook.attempts();
        if attempts.len() > 1 {
            retried += 1;
            let statuses: Vec<String> = attempts
                .iter()
                .map(|a| match a.response().and_then(|r| r.status_code()) {
                    Some(status) => status.to_string(),
                    None => "no answer".to_owned(),
                })
                .collect();
            println!(
                "retry: {} attempt {} ({}: {})",
                webhook.id(),
                attempts.len(),
                webhook.topic(),
                statuses.join(" then ")
            );
        }
    }
    println!("webhooks: {expected} delivered, {retried} retried");
    Ok(())
}

/// Every webhook of the subscription, newest first.
async fn webhooks_of(client: &HyperClient, subscription: &str) -> Result<Vec<Webhook>, Error> {
    client
        .webhook_subscriptions()
        .webhooks_pages(ListWebhooks::new(subscription))
        .collect_items()
        .await
}
