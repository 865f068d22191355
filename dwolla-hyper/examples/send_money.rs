//! Sending money: a customer's bank account verified with micro-deposits,
//! a transfer from it to the application's balance, processed by a sandbox
//! simulation, and the balance afterwards.
//!
//! ```text
//! cargo run -p dwolla-hyper --example send_money -- \
//!     [--customer <id>] [--amount <usd>] [--fail R01]
//! ```
//!
//! It finds the application's account (`GET /`) and its balance, adds a
//! bank to the customer by routing and account numbers (the sandbox's test
//! bank, `222222226`, and a fresh account number), initiates micro-deposits
//! and verifies them (the sandbox takes any two amounts under $0.10), sends
//! `--amount` (default `10.00`) from the bank to the balance, asks the
//! sandbox to process bank transfers, and reads the transfer and the
//! balance again. The transfer's idempotency key is derived from a payment
//! id, as an application that stores its payments would derive it.
//!
//! `--fail R01` names the bank `R01`, the sandbox's word for a debit that
//! bounces (any return code `R` and two digits works): the transfer fails
//! and its failure reason is printed.
//!
//! Without `DWOLLA_CLIENT_ID`/`DWOLLA_CLIENT_SECRET` it runs against the
//! local Dwolla emulator, which plays the sandbox's simulations. Against
//! Dwolla's sandbox it does the same (the customer must be able to send:
//! verified, or an unverified-type customer). In production there is no
//! simulation: it stops once the transfer is pending.
//!
//! Prints, one per line: `account: <url>`, `funding source: <url>`,
//! `bank status: verified`, `transfer: <url>`, `status: pending`,
//! `simulation: <n> bank transfers processed`, `status: processed` (or
//! `status: failed`, `failure: <code>` and `reason: <description>`), then
//! `balance: <total>`. `RUST_LOG=dwolla=debug` shows each attempt (never a
//! secret).
//!
//! Exit codes: 0 success (a failed transfer asked for with `--fail`
//! included; and `--help`), 1 Dwolla or network error (a transfer that
//! failed unasked included), 2 bad arguments or configuration. Errors are
//! one line starting with `error: `.

mod common;

use std::process::ExitCode;

use dwolla_core::accounts::ListAccountFundingSources;
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, FundingSourceType, MicroDeposits,
};
use dwolla_core::transfers::{InitiateTransfer, TransferStatus};
use dwolla_core::{Amount, Environment, Error};

const USAGE: &str = "usage: send_money [--customer <id>] [--amount <usd>] [--fail R01]\n\
    (--customer defaults to DWOLLA_CUSTOMER_ID; --amount to 10.00; --fail names the bank after an ACH return code, e.g. R01)";

const FLAGS: &[&str] = &["--customer", "--amount", "--fail"];

/// The sandbox's test bank.
const ROUTING_NUMBER: &str = "222222226";

#[tokio::main]
async fn main() -> ExitCode {
    let started = match common::start(USAGE, FLAGS).await {
        Ok(started) => started,
        Err(code) => return code,
    };
    let fail = started.args.get("--fail").map(str::to_ascii_uppercase);
    if let Some(code) = &fail {
        let b = code.as_bytes();
        if !(b.len() == 3 && b[0] == b'R' && b[1..].iter().all(u8::is_ascii_digit)) {
            return common::usage_error(
                &format!("`--fail` takes an ACH return code such as R01 or R03, not `{code}`"),
                USAGE,
            );
        }
    }
    match run(&started, fail.as_deref()).await {
        Ok(code) => code,
        Err(e) => common::report(&e),
    }
}

async fn run(started: &common::Started, fail: Option<&str>) -> Result<ExitCode, Error> {
    let client = &started.client;
    let customer = started.customer.as_str();
    let amount = Amount::usd(started.args.get("--amount").unwrap_or("10.00"))?;

    // 1. The application's account, and its balance: where the money goes.
    let root = client.root().get().await?;
    let Some(account) = root.account_id() else {
        eprintln!("error: the API root links no account: is this an application token?");
        return Ok(ExitCode::from(1));
    };
    println!("account: {}", root.account_href().unwrap_or(account));
    let sources = client
        .accounts()
        .funding_sources()
        .list(ListAccountFundingSources::new(account).removed(false))
        .await?;
    let Some(balance) = sources
        .iter()
        .find(|f| f.funding_source_type() == &FundingSourceType::Balance)
        .and_then(|f| f.self_href())
    else {
        eprintln!("error: the account has no balance funding source");
        return Ok(ExitCode::from(1));
    };

    // 2. The customer's bank, by routing and account numbers: unverified.
    //    A fresh account number each run (the same one twice is a duplicate).
    let account_number = format!(
        "{}",
        1_000_000_000 + uuid::Uuid::new_v4().as_u128() % 8_999_999_999
    );
    let bank = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::bank(
            customer,
            ROUTING_NUMBER,
            account_number,
            BankAccountType::Checking,
            fail.unwrap_or("Checking"),
        ))
        .await?;
    println!("funding source: {}", bank.location());

    // 3. Micro-deposits, then their two amounts (the sandbox takes any two
    //    under $0.10; a real customer reads them from the bank statement).
    let micro = client.funding_sources().micro_deposits();
    micro.initiate(bank.location()).await?;
    let verified = micro
        .verify(bank.location(), Amount::usd("0.03")?, Amount::usd("0.07")?)
        .await?;
    if verified != MicroDeposits::Verified {
        eprintln!(
            "error: the micro-deposits have not arrived yet ({verified:?}): verify them later"
        );
        return Ok(ExitCode::from(1));
    }
    let fs = client.funding_sources().get(bank.location()).await?;
    println!("bank status: {}", fs.status());

    // 4. The transfer. Its idempotency key comes from the payment it pays,
    //    so a retry after a crash cannot pay twice.
    let payment_id = uuid::Uuid::new_v4().simple().to_string();
    let created = client
        .transfers()
        .create(
            InitiateTransfer::new(bank.location(), balance, amount)
                .correlation_id(format!("payment-{payment_id}"))
                .idempotency_key(format!("payment-{payment_id}")),
        )
        .await?;
    println!("transfer: {}", created.location());
    let transfer = client.transfers().get(created.location()).await?;
    println!("status: {}", transfer.status());

    // 5. The sandbox processes bank transfers on demand.
    if *client.environment() == Environment::Production {
        eprintln!("production: the transfer settles in 1-2 business days (watch its webhooks)");
        return Ok(ExitCode::SUCCESS);
    }
    let simulation = client.sandbox().simulate_bank_transfer_processing().await?;
    println!(
        "simulation: {} bank transfers processed",
        simulation.total().unwrap_or(0)
    );
    let transfer = client.transfers().get(created.location()).await?;
    println!("status: {}", transfer.status());
    let mut code = ExitCode::SUCCESS;
    if transfer.status() == &TransferStatus::Failed {
        let failure = client.transfers().failure(created.location()).await?;
        println!("failure: {}", failure.code().unwrap_or("unknown"));
        println!("reason: {}", failure.description().unwrap_or("none given"));
        if fail.is_none() {
            code = ExitCode::from(1);
        }
    }

    // 6. The balance now.
    let now = client.funding_sources().balance(balance).await?;
    match now.total().or(now.balance()) {
        Some(total) => println!("balance: {total}"),
        None => println!("balance: unknown"),
    }
    Ok(code)
}
