//! Funding sources: the exact request of every form and option, input
//! validation (routing and account numbers never echoed), redaction, and
//! every documented success and error of every funding-source operation.

mod support;

use bytes::Bytes;
use dwolla_core::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
use dwolla_core::funding_sources::{
    is_valid_account_number, is_valid_routing_number, BankAccountType, Channel,
    CreateCustomerFundingSource, CreateOnDemandTransferAuthorization, FundingSourceStatus,
    FundingSourceType, InitiateOrVerifyMicroDeposits, ListCustomerFundingSources,
    MicroDepositStatus, MicroDeposits, RetrieveFundingSource, RetrieveFundingSourceBalance,
    RetrieveMicroDeposits, RetrieveVanRouting, UpdateFundingSource,
};
use dwolla_core::{AccessToken, Amount, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_errors_parse, assert_hal_headers, body_str, build_sandbox, invalid};

const CUSTOMER: &str = "AB443D36-3757-44C1-A1B4-29727FB3111C";
const EXCHANGE: &str =
    "https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65";

#[test]
fn create_from_exchange_request_is_exact() {
    let r = build_sandbox(&CreateCustomerFundingSource::from_exchange(
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
    let r = build_sandbox(
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
    assert_eq!(
        body_str(&build_sandbox(&op(&fifty))).matches('é').count(),
        50
    );
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
        " LOAN".parse::<BankAccountType>().unwrap(),
        BankAccountType::Loan
    );
    assert_eq!(
        "general-ledger".parse::<BankAccountType>().unwrap(),
        BankAccountType::GeneralLedger
    );
    assert_eq!(
        invalid("money-market".parse::<BankAccountType>()).0,
        "bank_account_type"
    );
    assert_eq!(BankAccountType::Savings.to_string(), "savings");
    assert_eq!(BankAccountType::GeneralLedger.to_string(), "general-ledger");
    assert_eq!(BankAccountType::Loan.as_str(), "loan");
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
    let r = build_sandbox(&created.retrieve());
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

// ---------------------------------------------------------------------------
// Every create form, byte for byte
// ---------------------------------------------------------------------------

const ROUTING: &str = "222222226";
const ACCOUNT: &str = "123456789";
const ON_DEMAND: &str =
    "https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388";
const FS: &str = "692486f8-29f6-4516-a6a5-c69fd2ce854c";

fn create_uri() -> String {
    format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/funding-sources")
}

/// Method, URI, the headers that matter, and the body, exactly.
#[track_caller]
fn assert_post(r: &http::Request<Bytes>, uri: &str, body: &str) {
    assert_hal_headers(r, http::Method::POST);
    assert_eq!(r.uri(), uri);
    assert_eq!(body_str(r), body);
}

fn bank(kind: BankAccountType) -> CreateCustomerFundingSource {
    CreateCustomerFundingSource::bank(CUSTOMER, ROUTING, ACCOUNT, kind, "Jane Doe's Checking")
}

#[test]
fn bank_form_is_exact_for_every_account_type() {
    for (kind, wire) in [
        (BankAccountType::Checking, "checking"),
        (BankAccountType::Savings, "savings"),
        (BankAccountType::GeneralLedger, "general-ledger"),
        (BankAccountType::Loan, "loan"),
    ] {
        let r = build_sandbox(&bank(kind));
        assert_post(
            &r,
            &create_uri(),
            &format!(
                r#"{{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"{wire}","name":"Jane Doe's Checking"}}"#
            ),
        );
        assert!(r.headers().get("idempotency-key").is_none());
    }
}

#[test]
fn bank_form_with_on_demand_authorization_channels_and_key() {
    let r = build_sandbox(
        &bank(BankAccountType::Checking)
            .on_demand_authorization(ON_DEMAND)
            .channels([Channel::Wire])
            .idempotency_key("fs-bank-1"),
    );
    assert_post(
        &r,
        &create_uri(),
        r#"{"_links":{"on-demand-authorization":{"href":"https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388"}},"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"checking","name":"Jane Doe's Checking","channels":["wire"]}"#,
    );
    assert_eq!(r.headers()["idempotency-key"], "fs-bank-1");
    // No channels: no member (an empty list is not sent).
    let r = build_sandbox(&bank(BankAccountType::Savings).channels([]));
    assert!(!body_str(&r).contains("channels"));
}

#[test]
fn plaid_form_is_exact() {
    let op = CreateCustomerFundingSource::plaid(
        CUSTOMER,
        "processor-sandbox-plaidauth-123456",
        BankAccountType::Savings,
        "Jane Doe's Savings",
    );
    assert_post(
        &build_sandbox(&op),
        &create_uri(),
        r#"{"plaidToken":"processor-sandbox-plaidauth-123456","bankAccountType":"savings","name":"Jane Doe's Savings"}"#,
    );
    assert_post(
        &build_sandbox(
            &op.on_demand_authorization(ON_DEMAND)
                .channels([Channel::Wire]),
        ),
        &create_uri(),
        r#"{"_links":{"on-demand-authorization":{"href":"https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388"}},"plaidToken":"processor-sandbox-plaidauth-123456","bankAccountType":"savings","name":"Jane Doe's Savings","channels":["wire"]}"#,
    );
}

#[test]
fn virtual_account_number_form_is_exact() {
    let op = CreateCustomerFundingSource::virtual_account(CUSTOMER, "My First VAN");
    assert_post(
        &build_sandbox(&op),
        &create_uri(),
        r#"{"name":"My First VAN","type":"virtual","bankAccountType":"checking"}"#,
    );
    assert_eq!(op.bank_account_type(), BankAccountType::Checking);
    assert_eq!(op.exchange(), "");
    assert_eq!(op.name(), "My First VAN");
    assert_eq!(op.customer_id(), CUSTOMER);
}

#[test]
fn each_form_refuses_the_options_it_does_not_take() {
    let exchange = || {
        CreateCustomerFundingSource::from_exchange(
            CUSTOMER,
            EXCHANGE,
            BankAccountType::Checking,
            "n",
        )
    };
    let van = || CreateCustomerFundingSource::virtual_account(CUSTOMER, "n");
    let plaid = |kind| CreateCustomerFundingSource::plaid(CUSTOMER, "processor-x", kind, "n");
    for (op, field, why) in [
        (exchange().channels([Channel::Wire]), "channels", "exchange"),
        (van().channels([Channel::Wire]), "channels", "virtual"),
        (
            van().on_demand_authorization(ON_DEMAND),
            "on_demand_authorization",
            "virtual",
        ),
        (
            bank(BankAccountType::Checking).channels([Channel::Ach]),
            "channels",
            "wire",
        ),
        (
            bank(BankAccountType::Checking).channels([Channel::Wire, Channel::RealTimePayments]),
            "channels",
            "wire",
        ),
        (plaid(BankAccountType::Loan), "bank_account_type", "Plaid"),
        (
            plaid(BankAccountType::GeneralLedger),
            "bank_account_type",
            "Plaid",
        ),
        (
            CreateCustomerFundingSource::from_exchange(
                CUSTOMER,
                EXCHANGE,
                BankAccountType::Loan,
                "n",
            ),
            "bank_account_type",
            "exchange",
        ),
        (
            CreateCustomerFundingSource::plaid(CUSTOMER, "", BankAccountType::Checking, "n"),
            "plaid_token",
            "empty",
        ),
        (
            CreateCustomerFundingSource::virtual_account(CUSTOMER, "x".repeat(51)),
            "name",
            "50",
        ),
        (
            CreateCustomerFundingSource::virtual_account("", "n"),
            "customer_id",
            "empty",
        ),
    ] {
        let (f, reason) = invalid(op.validate());
        assert_eq!(f, field, "{op:?}");
        assert!(reason.contains(why), "{op:?}: {reason}");
    }
}

// ---------------------------------------------------------------------------
// Routing and account numbers: checked, never echoed
// ---------------------------------------------------------------------------

/// An error's every rendering: field, reason, Display and Debug.
fn renderings(e: &Error) -> String {
    let (field, reason) = match e {
        Error::InvalidInput(i) => (i.field(), i.reason().to_owned()),
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    format!("{field} {reason} {e} {e:?}")
}

#[test]
fn routing_numbers_are_checksummed_and_never_echoed() {
    assert!(is_valid_routing_number("222222226"));
    // Real routing numbers pass too (a Fed district, a thrift).
    for ok in [
        "021000021",
        "011000015",
        "322271627",
        "084106768",
        "000000000",
    ] {
        assert!(is_valid_routing_number(ok), "{ok}");
        let op = CreateCustomerFundingSource::bank(
            CUSTOMER,
            ok,
            ACCOUNT,
            BankAccountType::Checking,
            "n",
        );
        assert!(op.validate().is_ok(), "{ok}");
    }
    for (bad, why) in [
        ("222222227", "check digit"),
        ("222222225", "check digit"),
        ("123456789", "check digit"),
        ("122222226", "check digit"),
        ("22222222", "9 digits"),
        ("2222222266", "9 digits"),
        ("22222222a", "9 digits"),
        (" 22222226", "9 digits"),
        ("222-222-226", "9 digits"),
        ("２２２２２２２２６", "9 digits"),
        ("", "9 digits"),
    ] {
        assert!(!is_valid_routing_number(bad), "{bad:?}");
        let op = CreateCustomerFundingSource::bank(
            CUSTOMER,
            bad,
            ACCOUNT,
            BankAccountType::Checking,
            "n",
        );
        let e = op.validate().unwrap_err();
        let all = renderings(&e);
        assert!(all.starts_with("routing_number "), "{all}");
        assert!(all.contains(why), "{bad:?}: {all}");
        if bad.len() > 2 {
            assert!(!all.contains(bad), "the error repeats {bad:?}: {all}");
        }
        assert!(!format!("{op:?}").contains(bad) || bad.is_empty());
    }
}

#[test]
fn account_numbers_are_4_to_17_digits_and_never_echoed() {
    for ok in ["1234", "12345678901234567", "000123456789"] {
        assert!(is_valid_account_number(ok), "{ok}");
        let op =
            CreateCustomerFundingSource::bank(CUSTOMER, ROUTING, ok, BankAccountType::Savings, "n");
        assert!(op.validate().is_ok(), "{ok}");
    }
    for bad in [
        "123",
        "123456789012345678",
        "12345a",
        "1234 5678",
        "",
        "-12345",
        "12.345",
    ] {
        assert!(!is_valid_account_number(bad), "{bad:?}");
        let op = CreateCustomerFundingSource::bank(
            CUSTOMER,
            ROUTING,
            bad,
            BankAccountType::Savings,
            "n",
        );
        let all = renderings(&op.validate().unwrap_err());
        assert!(all.starts_with("account_number "), "{all}");
        assert!(all.contains("4 to 17 digits"), "{all}");
        if bad.len() > 3 {
            assert!(!all.contains(bad), "the error repeats {bad:?}: {all}");
        }
    }
}

// ---------------------------------------------------------------------------
// Debug never shows a secret
// ---------------------------------------------------------------------------

#[test]
fn debug_of_every_form_hides_numbers_and_tokens() {
    let routing = "021000021";
    let account = "98765432101234";
    let token = "processor-sandbox-0b5e3f2a-secret";
    let forms: Vec<(String, Vec<&str>)> = vec![
        (
            format!(
                "{:?}",
                CreateCustomerFundingSource::bank(
                    CUSTOMER,
                    routing,
                    account,
                    BankAccountType::Checking,
                    "n"
                )
                .on_demand_authorization(ON_DEMAND)
                .channels([Channel::Wire])
            ),
            vec![routing, account],
        ),
        (
            format!(
                "{:?}",
                CreateCustomerFundingSource::plaid(CUSTOMER, token, BankAccountType::Checking, "n")
            ),
            vec![token],
        ),
        (
            format!(
                "{:?}",
                CreateAccountFundingSource::bank(routing, account, BankAccountType::Savings, "n")
            ),
            vec![routing, account],
        ),
        (
            format!(
                "{:?}",
                UpdateFundingSource::rename(FS, "n")
                    .routing_number(routing)
                    .account_number(account)
            ),
            vec![routing, account],
        ),
        (
            format!(
                "{:?}",
                InitiateOrVerifyMicroDeposits::verify(
                    FS,
                    Amount::usd("0.07").unwrap(),
                    Amount::usd("0.08").unwrap()
                )
            ),
            vec!["0.07", "0.08", "cents", "Amount"],
        ),
    ];
    for (debug, secrets) in &forms {
        for s in secrets {
            assert!(!debug.contains(s), "{s} in {debug}");
        }
    }
    // What is shown instead: the lengths, and the rest of the input.
    assert!(forms[0].0.contains("<redacted, 9 bytes>"), "{}", forms[0].0);
    assert!(
        forms[0].0.contains("<redacted, 14 bytes>"),
        "{}",
        forms[0].0
    );
    assert!(forms[0].0.contains(CUSTOMER) && forms[0].0.contains("Wire"));
    assert!(forms[1].0.contains("plaid"));
    assert!(forms[4].0.contains("verify"));
    // Forms without secrets show everything.
    let van = format!(
        "{:?}",
        CreateCustomerFundingSource::virtual_account(CUSTOMER, "My VAN")
    );
    assert!(van.contains("virtual") && van.contains("My VAN"), "{van}");
    let exchange = format!(
        "{:?}",
        CreateCustomerFundingSource::from_exchange(
            CUSTOMER,
            EXCHANGE,
            BankAccountType::Checking,
            "n"
        )
    );
    assert!(exchange.contains(EXCHANGE), "{exchange}");
    // Retrieved VAN numbers are secrets too.
    let van = RetrieveVanRouting::new(fixtures::VAN_FUNDING_SOURCE_ID)
        .parse_response(fixtures::van_routing())
        .unwrap();
    assert_eq!(van.account_number(), Some(fixtures::VAN_ACCOUNT_NUMBER));
    assert_eq!(van.routing_number(), Some(fixtures::VAN_ROUTING_NUMBER));
    let debug = format!("{van:?}");
    assert!(!debug.contains(fixtures::VAN_ACCOUNT_NUMBER), "{debug}");
    assert!(!debug.contains(fixtures::VAN_ROUTING_NUMBER), "{debug}");
    assert!(debug.contains("<redacted, 16 bytes>"), "{debug}");
}

// ---------------------------------------------------------------------------
// The account's own funding sources
// ---------------------------------------------------------------------------

#[test]
fn account_funding_source_forms_are_exact() {
    let uri = "https://api-sandbox.dwolla.com/funding-sources";
    assert_post(
        &build_sandbox(&CreateAccountFundingSource::bank(
            ROUTING,
            ACCOUNT,
            BankAccountType::Checking,
            "My Bank",
        )),
        uri,
        r#"{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"checking","name":"My Bank"}"#,
    );
    let r = build_sandbox(
        &CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Savings, "My Bank")
            .channels([Channel::Wire])
            .idempotency_key("acct-fs-1"),
    );
    assert_post(
        &r,
        uri,
        r#"{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"savings","name":"My Bank","channels":["wire"]}"#,
    );
    assert_eq!(r.headers()["idempotency-key"], "acct-fs-1");
    assert_post(
        &build_sandbox(&CreateAccountFundingSource::from_exchange(
            "6bc9109a-04fd-49b6-ace6-ca06fd282d65",
            BankAccountType::Checking,
            "My Bank",
        )),
        uri,
        r#"{"_links":{"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65"}},"bankAccountType":"checking","name":"My Bank"}"#,
    );
    for (op, field) in [
        (
            CreateAccountFundingSource::bank("222222227", ACCOUNT, BankAccountType::Checking, "n"),
            "routing_number",
        ),
        (
            CreateAccountFundingSource::bank(ROUTING, "12", BankAccountType::Checking, "n"),
            "account_number",
        ),
        (
            CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Loan, "n"),
            "bank_account_type",
        ),
        (
            CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Checking, ""),
            "name",
        ),
        (
            CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Checking, "n")
                .channels([Channel::Ach]),
            "channels",
        ),
        (
            CreateAccountFundingSource::from_exchange(EXCHANGE, BankAccountType::Checking, "n")
                .channels([Channel::Wire]),
            "channels",
        ),
        (
            CreateAccountFundingSource::from_exchange(
                "https://api-sandbox.dwolla.com/customers/x",
                BankAccountType::Checking,
                "n",
            ),
            "exchange",
        ),
    ] {
        assert_eq!(invalid(op.validate()).0, field, "{op:?}");
    }
}

#[test]
fn account_funding_sources_list_request_and_response() {
    let op = ListAccountFundingSources::new(fixtures::MAIN_ACCOUNT_ID);
    let r = build_sandbox(&op);
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/accounts/ca366ca3-6d30-44d6-b0f3-8d86c64462a1/funding-sources"
    );
    assert!(r.body().is_empty());
    let r = build_sandbox(
        &ListAccountFundingSources::new(format!(
            "https://api-sandbox.dwolla.com/accounts/{}",
            fixtures::MAIN_ACCOUNT_ID
        ))
        .removed(true),
    );
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/accounts/ca366ca3-6d30-44d6-b0f3-8d86c64462a1/funding-sources?removed=true"
    );
    assert_eq!(
        invalid(
            ListAccountFundingSources::new("")
                .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        )
        .0,
        "account_id"
    );
    let list = op
        .parse_response(fixtures::account_funding_sources_list())
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.total(), Some(2));
    assert_eq!(list[0].id(), fixtures::ACCOUNT_BANK_FUNDING_SOURCE_ID);
    assert_eq!(list[1].funding_source_type(), &FundingSourceType::Balance);
    assert_eq!(
        list[0].links().get("account"),
        Some(
            format!(
                "https://api-sandbox.dwolla.com/accounts/{}",
                fixtures::MAIN_ACCOUNT_ID
            )
            .as_str()
        )
    );
    let created =
        CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Checking, "n")
            .parse_response(fixtures::account_funding_source_created())
            .unwrap();
    assert_eq!(created.id(), fixtures::ACCOUNT_BANK_FUNDING_SOURCE_ID);
    assert_eq!(
        build_sandbox(&created.retrieve()).uri().path(),
        format!(
            "/funding-sources/{}",
            fixtures::ACCOUNT_BANK_FUNDING_SOURCE_ID
        )
    );
}

// ---------------------------------------------------------------------------
// List, update, remove
// ---------------------------------------------------------------------------

#[test]
fn customer_list_request_and_every_kind_of_funding_source() {
    let op = ListCustomerFundingSources::new(CUSTOMER);
    let r = build_sandbox(&op);
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri().to_string(), create_uri());
    assert_eq!(
        build_sandbox(&ListCustomerFundingSources::new(CUSTOMER).removed(false))
            .uri()
            .to_string(),
        format!("{}?removed=false", create_uri())
    );
    let list = op
        .parse_response(fixtures::customer_funding_sources_list())
        .unwrap();
    assert_eq!(list.len(), 4);
    assert!(list.skipped().is_empty());
    assert_eq!(list.total(), Some(4));
    let (iav, bank, balance, van) = (&list[0], &list[1], &list[2], &list[3]);

    assert!(iav.is_verified());
    assert!(iav.supports(&Channel::RealTimePayments) && !iav.supports(&Channel::Wire));
    let holders = iav.iav_account_holders().expect("iavAccountHolders");
    assert_eq!(holders.selected(), Some("Jane Doe"));
    assert_eq!(holders.other(), ["Jane Doe", "GeneriCompany LLC"]);

    assert_eq!(bank.id(), fixtures::BANK_FUNDING_SOURCE_ID);
    assert_eq!(bank.status(), &FundingSourceStatus::Unverified);
    assert!(bank.can_initiate_micro_deposits() && !bank.can_verify_micro_deposits());
    assert_eq!(
        bank.initiate_micro_deposits_href(),
        Some(fixtures::micro_deposits_href(fixtures::BANK_FUNDING_SOURCE_ID).as_str())
    );
    assert!(bank.remove_href().is_some());
    assert!(bank.transfer_receive_href().is_some() && bank.transfer_send_href().is_none());

    assert_eq!(balance.funding_source_type(), &FundingSourceType::Balance);
    assert_eq!(balance.bank_account_type(), None);
    assert_eq!(
        balance.balance_href(),
        Some(
            format!(
                "{}/balance",
                fixtures::funding_source_href(fixtures::BALANCE_FUNDING_SOURCE_ID)
            )
            .as_str()
        )
    );
    for href in [
        balance.transfer_from_balance_href(),
        balance.transfer_to_balance_href(),
        balance.transfer_send_href(),
    ] {
        assert_eq!(href, Some("https://api-sandbox.dwolla.com/transfers"));
    }

    assert_eq!(van.funding_source_type(), &FundingSourceType::Virtual);
    assert!(van.supports(&Channel::External));
    assert_eq!(
        van.customer_href(),
        Some(fixtures::customer_href(fixtures::CUSTOMER_ID).as_str())
    );
}

#[test]
fn micro_deposit_links_in_every_state() {
    let fs = RetrieveFundingSource::new(fixtures::BANK_FUNDING_SOURCE_ID)
        .parse_response(fixtures::bank_awaiting_verification())
        .unwrap();
    assert!(fs.can_verify_micro_deposits() && !fs.can_initiate_micro_deposits());
    assert_eq!(
        fs.micro_deposits_href(),
        Some(fixtures::micro_deposits_href(fixtures::BANK_FUNDING_SOURCE_ID).as_str())
    );
    assert!(!fs.micro_deposit_verification_failed());
    let fs = RetrieveFundingSource::new(fixtures::BANK_FUNDING_SOURCE_ID)
        .parse_response(fixtures::bank_failed_verification())
        .unwrap();
    assert!(fs.micro_deposit_verification_failed());
    assert!(fs.failed_verification_micro_deposits_href().is_some());
    assert!(!fs.can_verify_micro_deposits());
    assert_eq!(fs.on_demand_authorization_href(), None);
}

#[test]
fn update_forms_are_exact() {
    let uri = format!("https://api-sandbox.dwolla.com/funding-sources/{FS}");
    assert_post(
        &build_sandbox(&UpdateFundingSource::rename(FS, "Test Checking - 1234")),
        &uri,
        r#"{"name":"Test Checking - 1234"}"#,
    );
    assert_post(
        &build_sandbox(
            &UpdateFundingSource::rename(fixtures::funding_source_href(FS), "Checking")
                .routing_number(ROUTING)
                .account_number(ACCOUNT)
                .bank_account_type(BankAccountType::Loan),
        ),
        &uri,
        r#"{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"loan","name":"Checking"}"#,
    );
    assert_post(
        &build_sandbox(
            &UpdateFundingSource::rename(FS, "Checking")
                .bank_account_type(BankAccountType::Savings),
        ),
        &uri,
        r#"{"bankAccountType":"savings","name":"Checking"}"#,
    );
    let r = build_sandbox(&UpdateFundingSource::remove(FS).idempotency_key("rm-1"));
    assert_post(&r, &uri, r#"{"removed":true}"#);
    assert_eq!(r.headers()["idempotency-key"], "rm-1");
    assert!(UpdateFundingSource::remove(FS).is_remove());
    assert_eq!(UpdateFundingSource::remove(FS).id(), FS);

    for (op, field) in [
        (UpdateFundingSource::rename(FS, ""), "name"),
        (UpdateFundingSource::rename(FS, "x".repeat(51)), "name"),
        (UpdateFundingSource::rename("", "n"), "funding_source_id"),
        (
            UpdateFundingSource::rename(FS, "n").routing_number("222222227"),
            "routing_number",
        ),
        (
            UpdateFundingSource::rename(FS, "n").account_number("123"),
            "account_number",
        ),
        (
            UpdateFundingSource::remove(FS).routing_number(ROUTING),
            "routing_number",
        ),
        (
            UpdateFundingSource::remove(FS).account_number(ACCOUNT),
            "account_number",
        ),
        (
            UpdateFundingSource::remove(FS).bank_account_type(BankAccountType::Checking),
            "bank_account_type",
        ),
        (
            UpdateFundingSource::remove("https://api-sandbox.dwolla.com/customers/x"),
            "funding_source_id",
        ),
    ] {
        assert_eq!(invalid(op.validate()).0, field, "{op:?}");
    }
}

#[test]
fn update_and_remove_answers() {
    let fs = UpdateFundingSource::rename(FS, "Test Checking - 1234")
        .parse_response(fixtures::funding_source_renamed())
        .unwrap();
    assert_eq!(fs.id(), fixtures::BANK_FUNDING_SOURCE_ID);
    assert_eq!(fs.name(), Some("Test Checking - 1234"));
    let fs = UpdateFundingSource::remove(FS)
        .parse_response(fixtures::funding_source_removed())
        .unwrap();
    assert!(fs.is_removed());
    assert_eq!(fs.remove_href(), None);
    // A 200 without a funding source (the spec documents only "an object"):
    // the id the request was for, nothing else.
    for body in ["{}", "", "  \n", r#"{"_links":{}}"#] {
        let fs = UpdateFundingSource::remove(fixtures::funding_source_href(FS))
            .parse_response(fixtures::hal_response(200, "r", body.to_owned()))
            .unwrap();
        assert_eq!(fs.id(), FS, "{body:?}");
        assert_eq!(fs.removed(), None);
        assert_eq!(fs.name(), None);
    }
    // A body with its own id keeps it.
    let fs = UpdateFundingSource::remove(FS)
        .parse_response(fixtures::hal_response(
            200,
            "r",
            r#"{"id":"other","removed":true}"#,
        ))
        .unwrap();
    assert_eq!(fs.id(), "other");
    // Not a JSON object: unexpected, with the body kept.
    let err = UpdateFundingSource::remove(FS)
        .parse_response(fixtures::hal_response(200, "r", "[1]"))
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
}

// ---------------------------------------------------------------------------
// Micro-deposits
// ---------------------------------------------------------------------------

#[test]
fn micro_deposit_requests_are_exact() {
    let uri = format!("https://api-sandbox.dwolla.com/funding-sources/{FS}/micro-deposits");
    // Initiate: no body at all.
    let r = build_sandbox(&InitiateOrVerifyMicroDeposits::initiate(FS));
    assert_post(&r, &uri, "");
    assert!(r.body().is_empty());
    let verify = InitiateOrVerifyMicroDeposits::verify(
        fixtures::funding_source_href(FS),
        Amount::usd("0.03").unwrap(),
        Amount::from_cents(9),
    )
    .idempotency_key("md-1");
    assert!(verify.is_verify());
    let r = build_sandbox(&verify);
    assert_post(
        &r,
        &uri,
        r#"{"amount1":{"currency":"USD","value":"0.03"},"amount2":{"currency":"USD","value":"0.09"}}"#,
    );
    assert_eq!(r.headers()["idempotency-key"], "md-1");
    // The funding source as its id, its URL, or the micro-deposits URL.
    for input in [
        FS.to_owned(),
        fixtures::funding_source_href(FS),
        format!("https://api-sandbox.dwolla.com/funding-sources/{FS}/micro-deposits"),
    ] {
        assert_eq!(
            build_sandbox(&InitiateOrVerifyMicroDeposits::initiate(&input)).uri(),
            uri.as_str()
        );
        let r = build_sandbox(&RetrieveMicroDeposits::new(&input));
        assert_eq!(r.method(), http::Method::GET);
        assert_eq!(r.uri(), uri.as_str());
    }
    // Amounts: positive, that is all (Dwolla judges the rest).
    let a = |s: &str| Amount::usd(s).unwrap();
    assert!(
        InitiateOrVerifyMicroDeposits::verify(FS, a("0.10"), a("1.00"))
            .validate()
            .is_ok()
    );
    for (op, field) in [
        (
            InitiateOrVerifyMicroDeposits::verify(FS, a("0"), a("0.01")),
            "amount1",
        ),
        (
            InitiateOrVerifyMicroDeposits::verify(FS, a("0.01"), a("0.00")),
            "amount2",
        ),
        (
            InitiateOrVerifyMicroDeposits::verify(FS, Amount::from_cents(-3), a("0.01")),
            "amount1",
        ),
        (
            InitiateOrVerifyMicroDeposits::initiate(""),
            "funding_source_id",
        ),
        (
            InitiateOrVerifyMicroDeposits::initiate(FS).idempotency_key(" "),
            "idempotency_key",
        ),
    ] {
        assert_eq!(invalid(op.validate()).0, field, "{op:?}");
    }
}

#[test]
fn micro_deposit_outcomes_are_typed() {
    let initiate = InitiateOrVerifyMicroDeposits::initiate(FS);
    let verify =
        InitiateOrVerifyMicroDeposits::verify(FS, Amount::from_cents(3), Amount::from_cents(9));
    // 201: initiated, with where the details are.
    let MicroDeposits::Initiated(created) = initiate
        .parse_response(fixtures::micro_deposits_initiated())
        .unwrap()
    else {
        panic!("initiated")
    };
    let href = fixtures::micro_deposits_href(fixtures::BANK_FUNDING_SOURCE_ID);
    assert_eq!(created.location(), href);
    assert_eq!(build_sandbox(&created.retrieve()).uri(), href.as_str());
    // 200 (the spec's answer for either form): verified for a verification,
    // initiated (at its self link) for an initiation.
    assert_eq!(
        verify
            .parse_response(fixtures::micro_deposits_verified())
            .unwrap(),
        MicroDeposits::Verified
    );
    match initiate
        .parse_response(fixtures::micro_deposits_verified())
        .unwrap()
    {
        MicroDeposits::Initiated(c) => assert_eq!(c.location(), href),
        other => panic!("{other:?}"),
    }
    // 202: not there yet, whichever body.
    for op in [&initiate, &verify] {
        assert_eq!(
            op.parse_response(fixtures::micro_deposits_try_again_later())
                .unwrap(),
            MicroDeposits::TryAgainLater
        );
    }
    // An initiation answered without any location is unexpected.
    let err = initiate
        .parse_response(fixtures::hal_response(200, "r", "{}"))
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
    // Errors are typed, whichever form asked.
    for (op, response, kind) in [
        (
            &verify,
            fixtures::wrong_micro_deposit_amounts(),
            ApiErrorKind::WrongMicroDepositAmounts,
        ),
        (
            &verify,
            fixtures::too_many_micro_deposit_attempts(),
            ApiErrorKind::TooManyAttempts,
        ),
        (
            &verify,
            fixtures::bank_already_verified(),
            ApiErrorKind::InvalidResourceState,
        ),
        (
            &initiate,
            fixtures::micro_deposits_already_initiated(),
            ApiErrorKind::MaxNumberOfResources,
        ),
    ] {
        assert_eq!(
            op.parse_response(response).unwrap_err().api_kind(),
            Some(kind)
        );
    }
}

#[test]
fn micro_deposit_details() {
    let op = RetrieveMicroDeposits::new(FS);
    let pending = op
        .parse_response(fixtures::micro_deposits_pending())
        .unwrap();
    assert_eq!(pending.status(), &MicroDepositStatus::Pending);
    assert!(!pending.is_processed());
    assert!(pending.failure().is_none());
    let processed = op
        .parse_response(fixtures::micro_deposits_processed())
        .unwrap();
    assert!(processed.is_processed());
    assert_eq!(processed.created(), Some("2022-12-30T20:56:53.000Z"));
    let failed = op
        .parse_response(fixtures::micro_deposits_failed())
        .unwrap();
    assert_eq!(failed.status(), &MicroDepositStatus::Failed);
    let failure = failed.failure().expect("a failure");
    assert_eq!(failure.code(), Some("R03"));
    assert_eq!(
        failure.description(),
        Some("No Account/Unable to locate account")
    );
    assert_eq!(
        failed.self_href(),
        Some(fixtures::micro_deposits_href(fixtures::BANK_FUNDING_SOURCE_ID).as_str())
    );
}

// ---------------------------------------------------------------------------
// Balance, VAN routing, on-demand authorizations
// ---------------------------------------------------------------------------

#[test]
fn balances_of_every_kind() {
    let op = RetrieveFundingSourceBalance::new(format!(
        "{}/balance",
        fixtures::funding_source_href(fixtures::BALANCE_FUNDING_SOURCE_ID)
    ));
    assert_eq!(
        build_sandbox(&op).uri(),
        format!(
            "{}/balance",
            fixtures::funding_source_href(fixtures::BALANCE_FUNDING_SOURCE_ID)
        )
        .as_str()
    );
    let b = op
        .parse_response(fixtures::funding_source_balance())
        .unwrap();
    assert_eq!(b.balance(), Some(&Amount::usd("4616.87").unwrap()));
    assert_eq!(b.total().map(Amount::cents), Some(461_687));
    assert_eq!(b.spendable().map(Amount::cents), Some(461_687));
    assert_eq!(b.available(), None);
    assert_eq!(b.last_updated(), Some("2017-04-18T15:20:25.880Z"));
    assert_eq!(
        b.funding_source_href(),
        Some(fixtures::funding_source_href(fixtures::BALANCE_FUNDING_SOURCE_ID).as_str())
    );
    let b = op.parse_response(fixtures::bank_balance()).unwrap();
    assert_eq!(b.balance(), None);
    assert_eq!(b.available().map(Amount::cents), Some(54_200));
    assert_eq!(b.closing().map(Amount::cents), Some(54_200));
    assert_eq!(b.spendable().map(Amount::cents), Some(54_200));
    let b = op
        .parse_response(fixtures::settlement_account_balance())
        .unwrap();
    assert_eq!(b.available().map(Amount::cents), Some(320_955));
    assert_eq!(b.last_updated(), None);
}

#[test]
fn van_routing_and_on_demand_requests() {
    let r = build_sandbox(&RetrieveVanRouting::new(format!(
        "{}/ach-routing",
        fixtures::funding_source_href(fixtures::VAN_FUNDING_SOURCE_ID)
    )));
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(
        r.uri(),
        format!(
            "{}/ach-routing",
            fixtures::funding_source_href(fixtures::VAN_FUNDING_SOURCE_ID)
        )
        .as_str()
    );
    let op = CreateOnDemandTransferAuthorization::new();
    assert_post(
        &build_sandbox(&op),
        "https://api-sandbox.dwolla.com/on-demand-authorizations",
        "",
    );
    let r = build_sandbox(&CreateOnDemandTransferAuthorization::new().idempotency_key("oda-1"));
    assert_eq!(r.headers()["idempotency-key"], "oda-1");
    let auth = op
        .parse_response(fixtures::on_demand_authorization())
        .unwrap();
    assert_eq!(auth.id(), fixtures::ON_DEMAND_AUTHORIZATION_ID);
    assert_eq!(auth.button_text(), Some("Agree & Continue"));
    assert!(auth
        .body_text()
        .unwrap()
        .starts_with("I agree that future payments"));
    // Its URL is what a bank funding source is linked to.
    let href = auth.self_href().unwrap();
    let r = build_sandbox(&bank(BankAccountType::Checking).on_demand_authorization(href));
    assert!(
        body_str(&r).contains(&fixtures::on_demand_authorization_href(
            fixtures::ON_DEMAND_AUTHORIZATION_ID
        ))
    );
    // Without an id or a self link it cannot be linked: unexpected.
    let err = op
        .parse_response(fixtures::hal_response(
            200,
            "r",
            r#"{"bodyText":"x","buttonText":"y"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
}

// ---------------------------------------------------------------------------
// Every documented error, through its operation
// ---------------------------------------------------------------------------

#[test]
fn every_documented_error_parses_to_its_kind() {
    type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;
    fn parse<O: Operation + 'static>(op: O) -> Parse {
        Box::new(move |r| op.parse_response(r).map(|_| ()))
    }
    let tables: Vec<(&str, Parse, _, usize)> = vec![
        (
            "create (bank)",
            parse(bank(BankAccountType::Checking)),
            fixtures::documented_create_funding_source_errors(),
            11,
        ),
        (
            "list",
            parse(ListCustomerFundingSources::new(CUSTOMER)),
            fixtures::documented_list_customer_funding_sources_errors(),
            2,
        ),
        (
            "update",
            parse(UpdateFundingSource::rename(FS, "n")),
            fixtures::documented_update_funding_source_errors(),
            4,
        ),
        (
            "get micro-deposits",
            parse(RetrieveMicroDeposits::new(FS)),
            fixtures::documented_retrieve_micro_deposits_errors(),
            1,
        ),
        (
            "verify micro-deposits",
            parse(InitiateOrVerifyMicroDeposits::verify(
                FS,
                Amount::from_cents(1),
                Amount::from_cents(2),
            )),
            fixtures::documented_initiate_or_verify_micro_deposits_errors(),
            7,
        ),
        (
            "initiate micro-deposits",
            parse(InitiateOrVerifyMicroDeposits::initiate(FS)),
            fixtures::documented_initiate_or_verify_micro_deposits_errors(),
            7,
        ),
        (
            "balance",
            parse(RetrieveFundingSourceBalance::new(FS)),
            fixtures::documented_funding_source_balance_errors(),
            1,
        ),
        (
            "van routing",
            parse(RetrieveVanRouting::new(FS)),
            fixtures::documented_van_routing_errors(),
            1,
        ),
        (
            "on-demand authorization",
            parse(CreateOnDemandTransferAuthorization::new()),
            fixtures::documented_create_on_demand_authorization_errors(),
            1,
        ),
        (
            "create (account)",
            parse(CreateAccountFundingSource::bank(
                ROUTING,
                ACCOUNT,
                BankAccountType::Checking,
                "n",
            )),
            fixtures::documented_create_account_funding_source_errors(),
            3,
        ),
        (
            "list (account)",
            parse(ListAccountFundingSources::new(fixtures::MAIN_ACCOUNT_ID)),
            fixtures::documented_list_account_funding_sources_errors(),
            2,
        ),
    ];
    for (op, parse, table, len) in tables {
        assert_eq!(assert_errors_parse(op, table, parse), len, "{op}");
    }
    // The VAN form's own 403, and the duplicate the account meets.
    assert_eq!(
        CreateCustomerFundingSource::virtual_account(CUSTOMER, "n")
            .parse_response(fixtures::virtual_account_numbers_not_enabled())
            .unwrap_err()
            .api_kind(),
        Some(ApiErrorKind::Forbidden)
    );
    let err = CreateAccountFundingSource::bank(ROUTING, ACCOUNT, BankAccountType::Checking, "n")
        .parse_response(fixtures::account_duplicate_funding_source())
        .unwrap_err();
    assert_eq!(
        err.api_error().and_then(|e| e.about_href()),
        Some(fixtures::funding_source_href(fixtures::ACCOUNT_BANK_FUNDING_SOURCE_ID).as_str())
    );
}

#[test]
fn every_success_fixture_parses_and_request_ids_are_unique() {
    let successes = [
        fixtures::bank_funding_source_created(),
        fixtures::unverified_bank_funding_source(),
        fixtures::bank_awaiting_verification(),
        fixtures::bank_failed_verification(),
        fixtures::customer_funding_sources_list(),
        fixtures::funding_source_renamed(),
        fixtures::funding_source_removed(),
        fixtures::micro_deposits_initiated(),
        fixtures::micro_deposits_verified(),
        fixtures::micro_deposits_try_again_later(),
        fixtures::micro_deposits_pending(),
        fixtures::micro_deposits_processed(),
        fixtures::micro_deposits_failed(),
        fixtures::funding_source_balance(),
        fixtures::bank_balance(),
        fixtures::settlement_account_balance(),
        fixtures::van_routing(),
        fixtures::on_demand_authorization(),
        fixtures::account_funding_source_created(),
        fixtures::account_funding_sources_list(),
    ];
    let errors = [
        fixtures::documented_list_customer_funding_sources_errors(),
        fixtures::documented_update_funding_source_errors(),
        fixtures::documented_initiate_or_verify_micro_deposits_errors(),
        fixtures::documented_create_on_demand_authorization_errors(),
        fixtures::documented_create_account_funding_source_errors(),
        fixtures::documented_list_account_funding_sources_errors(),
    ]
    .into_iter()
    .flatten()
    .filter(|(name, _, _)| !["not_found", "funding_source_not_found"].contains(name))
    .map(|(_, r, _)| r)
    .chain([fixtures::virtual_account_numbers_not_enabled()]);
    let mut ids = std::collections::BTreeSet::new();
    for r in successes.iter().cloned().chain(errors) {
        let id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
        if r.status() == 201 {
            // `created(..)` gives every 201 the same request id.
            continue;
        }
        // Distinct from one another, and from the fixtures already there.
        assert!(ids.insert(id.clone()), "request id {id} twice");
        assert!(id.starts_with("fd"), "{id}");
    }
    for r in &successes {
        assert!(r.status().is_success());
        if r.status() == 200 {
            assert_eq!(r.headers()["content-type"], fixtures::HAL_CONTENT_TYPE);
            serde_json::from_slice::<serde_json::Value>(r.body()).expect("JSON");
        }
    }
}
