//! A verified personal customer from creation to `verified` through a
//! document upload, then every customer page by page.
//!
//! ```text
//! cargo run -p dwolla-hyper --example customer_verification -- \
//!     [--first-name <name>] [--page-size <1..200>]
//! ```
//!
//! It creates a personal verified customer whose first name is `document`
//! (the sandbox's word for "needs a document"; `--first-name` changes it),
//! reads its status and the link that says what to do next, uploads an
//! identity document (a one-pixel PNG made here) when a document is what it
//! needs, and reads the status again. Then it lists every customer, a page
//! of `--page-size` (default 25) at a time, following each page's `next`
//! link.
//!
//! Without `DWOLLA_CLIENT_ID`/`DWOLLA_CLIENT_SECRET` it runs against the
//! local Dwolla emulator, which reviews the document at once (a file whose
//! name contains `fail` would be rejected). Against Dwolla's sandbox the
//! review takes Dwolla's time: the status printed may still be `document`.
//!
//! Prints, one per line: `customer: <url>`, `status: <status>` (as
//! created), `next step: <link>` when there is one, `document: <url>` and
//! `status: <status>` (after the upload), then `page N: <count> customers`
//! for each page and `customers: <total>`. `RUST_LOG=dwolla=debug` shows
//! each attempt (never a secret).
//!
//! Exit codes: 0 success (and `--help`), 1 Dwolla or network error, 2 bad
//! arguments or configuration (refused client credentials, a page size
//! Dwolla would refuse). Errors are one line starting with `error: `.

mod common;

use std::process::ExitCode;

use dwolla_core::customers::{
    CreateCustomer, CustomerStatus, DateOfBirth, ListCustomers, NextStep, PersonalDetails, Ssn,
    UsAddress,
};
use dwolla_core::documents::{CreateCustomerDocument, DocumentFile, DocumentType};
use dwolla_core::Error;

const USAGE: &str = "usage: customer_verification [--first-name <name>] [--page-size <1..200>]\n\
    (--first-name defaults to `document`, the sandbox's word for a customer that needs a document; --page-size to 25)";

const FLAGS: &[&str] = &["--first-name", "--page-size"];

/// A one-pixel PNG (a blue pixel), standing in for a photo of an ID: in
/// real code, `std::fs::read("license.png")`.
const ONE_PIXEL_PNG: [u8; 69] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x90, 0xcf, 0xdf, 0x02,
    0x00, 0x01, 0xf3, 0x01, 0x43, 0x3f, 0x7a, 0x50, 0xcc, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::main]
async fn main() -> ExitCode {
    let started = match common::start(USAGE, FLAGS).await {
        Ok(started) => started,
        Err(code) => return code,
    };
    let page_size = match started.args.get("--page-size").map(str::parse::<u32>) {
        None => 25,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return common::usage_error("`--page-size` must be a whole number from 1 to 200", USAGE)
        }
    };
    match run(&started, page_size).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::report(&e),
    }
}

async fn run(started: &common::Started, page_size: u32) -> Result<(), Error> {
    let client = &started.client;
    let first_name = started.args.get("--first-name").unwrap_or("document");
    // The page size is checked before anything is created.
    let list = ListCustomers::new().limit(page_size);
    list.validate()?;

    // A unique email: Dwolla refuses a second customer with the same one.
    let email = format!("jane.doe+{}@example.com", uuid::Uuid::new_v4().simple());
    let details = PersonalDetails::new(
        first_name,
        "Doe",
        email,
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
        DateOfBirth::new(1970, 1, 1)?,
        Ssn::new("1234")?,
    );
    let created = client
        .customers()
        .create(CreateCustomer::personal(details))
        .await?;
    println!("customer: {}", created.location());

    let customer = client.customers().get(created.location()).await?;
    println!("status: {}", customer.status());
    let step = customer.next_step();
    if let Some(rel) = step.rel() {
        println!("next step: {rel}");
    }
    if step == NextStep::VerifyWithDocument {
        let upload = CreateCustomerDocument::new(
            created.location(),
            DocumentType::License,
            DocumentFile::new("license.png", &ONE_PIXEL_PNG[..]),
        );
        let document = client.customers().documents().create(upload).await?;
        println!("document: {}", document.location());
        let customer = client.customers().get(created.location()).await?;
        println!("status: {}", customer.status());
        if customer.status() != &CustomerStatus::Verified {
            eprintln!("the document waits for Dwolla's review; read the customer again later");
        }
    }

    let mut pages = client.customers().list_pages(list);
    let mut number = 0;
    let mut total = 0;
    while let Some(page) = pages.next().await? {
        number += 1;
        total += page.len();
        let noun = if page.len() == 1 {
            "customer"
        } else {
            "customers"
        };
        println!("page {number}: {} {noun}", page.len());
    }
    println!("customers: {total}");
    Ok(())
}
