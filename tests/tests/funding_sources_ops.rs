//! Funding sources from an exchange: the exact request, input validation,
//! and every documented success.

use bytes::Bytes;
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, FundingSourceStatus, FundingSourceType,
    RetrieveFundingSource,
};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::fixtures;

const CUSTOMER: &str = "AB443D36-3757-44C1-A1B4-29727FB3111C";
const EXCHANGE: &str =
    "https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65";

fn build(op: &impl Operation) -> http::Request<Bytes> {
    op.build_request(&Environment::Sandbox, &AccessToken::new("tok"))
        .unwrap()
}

fn body_str(r: &http::Request<Bytes>) -> &str {
    std::str::from_utf8(r.body()).unwrap()
}

fn invalid(r: Result<impl std::fmt::Debug, Error>) -> (&'static str, String) {
    match r {
        Err(Error::InvalidInput(i)) => (i.field(), i.reason().to_owned()),
        other => panic!("expected Error::InvalidInput, got {other:?}"),
    }
}

#[test]
fn create_from_exchange_request_is_exact() {
    let r = build(&CreateCustomerFundingSource::from_exchange(
        CUSTOMER,
        EXCHANGE,
        BankAccountType::Checking,
        "My Bank Account",
    ));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/customers/AB443D36-3757-44C1-A1B4-29727FB3111C/funding-sources"
    );
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65"}},"bankAccountType":"checking","name":"My Bank Account"}"#
    );
}

#[test]
fn on_demand_authorization_savings_and_a_bare_exchange_id() {
    let r = build(
        &CreateCustomerFundingSource::from_exchange(
            CUSTOMER,
            "6bc9109a-04fd-49b6-ace6-ca06fd282d65",
            BankAccountType::Savings,
            "Jane Doe's Savings",
        )
        .on_demand_authorization(
            "https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388",
        )
        .idempotency_key("fs-1"),
    );
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65"},"on-demand-authorization":{"href":"https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388"}},"bankAccountType":"savings","name":"Jane Doe's Savings"}"#
    );
    assert_eq!(r.headers()["idempotency-key"], "fs-1");
}

#[test]
fn names_are_checked_before_any_request_exists() {
    let op = |name: &str| {
        CreateCustomerFundingSource::from_exchange(
            CUSTOMER,
            EXCHANGE,
            BankAccountType::Checking,
            name,
        )
    };
    // 50 characters is the limit, counted as characters, not bytes.
    let fifty = "é".repeat(50);
    assert!(op(&fifty).validate().is_ok());
    assert_eq!(body_str(&build(&op(&fifty))).matches('é').count(), 50);
    for (name, reason) in [
        ("x".repeat(51), "at most 50 characters"),
        (String::new(), "empty"),
        ("   ".to_owned(), "blank"),
        ("Checking\n1234".to_owned(), "control characters"),
        ("Check\u{7}".to_owned(), "control characters"),
    ] {
        let (field, why) = invalid(op(&name).validate());
        assert_eq!(field, "name", "{name:?}");
        assert!(why.contains(reason), "{name:?}: {why}");
    }
}

#[test]
fn bad_links_name_the_field() {
    for (op, field) in [
        (
            CreateCustomerFundingSource::from_exchange(
                "",
                EXCHANGE,
                BankAccountType::Checking,
                "n",
            ),
            "customer_id",
        ),
        (
            CreateCustomerFundingSource::from_exchange(
                CUSTOMER,
                "https://api-sandbox.dwolla.com/customers/x",
                BankAccountType::Checking,
                "n",
            ),
            "exchange",
        ),
        (
            CreateCustomerFundingSource::from_exchange(
                CUSTOMER,
                "..",
                BankAccountType::Checking,
                "n",
            ),
            "exchange",
        ),
        (
            CreateCustomerFundingSource::from_exchange(
                CUSTOMER,
                EXCHANGE,
                BankAccountType::Checking,
                "n",
            )
            .on_demand_authorization("not a url"),
            "on_demand_authorization",
        ),
        (
            CreateCustomerFundingSource::from_exchange(
                CUSTOMER,
                EXCHANGE,
                BankAccountType::Checking,
                "n",
            )
            .idempotency_key(""),
            "idempotency_key",
        ),
    ] {
        assert_eq!(invalid(op.validate()).0, field, "{op:?}");
    }
}

#[test]
fn bank_account_types() {
    assert_eq!(
        "Checking".parse::<BankAccountType>().unwrap(),
        BankAccountType::Checking
    );
    assert_eq!(
        " savings ".parse::<BankAccountType>().unwrap(),
        BankAccountType::Savings
    );
    assert_eq!(
        invalid("loan".parse::<BankAccountType>()).0,
        "bank_account_type"
    );
    assert_eq!(BankAccountType::Savings.to_string(), "savings");
}

#[test]
fn created_funding_source_is_typed_and_retrievable() {
    let created = CreateCustomerFundingSource::from_exchange(
        CUSTOMER,
        EXCHANGE,
        BankAccountType::Checking,
        "n",
    )
    .parse_response(fixtures::funding_source_created())
    .unwrap();
    assert_eq!(created.id(), fixtures::FUNDING_SOURCE_ID);
    let r = build(&created.retrieve());
    assert_eq!(
        r.uri(),
        fixtures::funding_source_href(fixtures::FUNDING_SOURCE_ID).as_str()
    );
}

#[test]
fn retrieved_funding_source_has_every_field() {
    let fs = RetrieveFundingSource::new(fixtures::FUNDING_SOURCE_ID)
        .parse_response(fixtures::funding_source())
        .unwrap();
    assert_eq!(fs.id(), fixtures::FUNDING_SOURCE_ID);
    assert_eq!(fs.status(), &FundingSourceStatus::Verified);
    assert!(fs.is_verified());
    assert_eq!(fs.funding_source_type(), &FundingSourceType::Bank);
    assert_eq!(fs.bank_account_type(), Some(BankAccountType::Checking));
    assert_eq!(fs.bank_account_type_str(), Some("checking"));
    assert_eq!(fs.name(), Some("Test checking account"));
    assert_eq!(fs.bank_name(), Some("SANDBOX TEST BANK"));
    assert_eq!(fs.created(), Some("2022-07-23T00:18:21.419Z"));
    assert_eq!(fs.removed(), Some(false));
    assert!(!fs.is_removed());
    assert_eq!(fs.channels(), ["ach"]);
    assert_eq!(
        fs.fingerprint(),
        Some("5012989b55af15400e8102f95d2ec5e7ce3aef45c01613280d80a236dd8d6c")
    );
    assert_eq!(
        fs.exchange_href(),
        Some(fixtures::exchange_href(fixtures::EXCHANGE_ID).as_str())
    );
    assert_eq!(
        fs.customer_href(),
        Some(fixtures::customer_href(fixtures::CUSTOMER_ID).as_str())
    );
    assert_eq!(
        fs.self_href(),
        Some(fixtures::funding_source_href(fixtures::FUNDING_SOURCE_ID).as_str())
    );
}

#[test]
fn odd_funding_source_fields_read_as_absent_or_kept() {
    let body = r#"{"id":"fs","status":"suspended","type":"virtual","bankAccountType":"money-market","removed":"no","channels":["ach",5,"wire"],"name":null}"#;
    let fs = RetrieveFundingSource::new("fs")
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(fs.status(), &FundingSourceStatus::Other("suspended".into()));
    assert_eq!(fs.funding_source_type().as_str(), "virtual");
    assert_eq!(fs.bank_account_type(), None);
    assert_eq!(fs.bank_account_type_str(), Some("money-market"));
    assert_eq!(fs.removed(), None);
    assert_eq!(fs.channels(), ["ach", "wire"]);
    assert_eq!(fs.name(), None);
    assert_eq!(fs.exchange_href(), None);
}
