//! Funding sources through the client over the mock transport: every
//! grouped call reaches its endpoint, retried POSTs keep one idempotency key
//! and identical bytes, and the micro-deposit flow's outcomes come back typed.

mod support;

use std::time::Duration;

use dwolla_core::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, FundingSourceType, InitiateOrVerifyMicroDeposits,
    ListCustomerFundingSources, MicroDepositStatus, MicroDeposits, UpdateFundingSource,
};
use dwolla_core::{Amount, ApiErrorKind, IdempotencyKey, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{calls, one_key_and_body, retrying_client, retrying_client_and_sleep};

#[tokio::test]
async fn grouped_calls_reach_their_endpoints() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::bank_funding_source_created());
    mock.push(fixtures::customer_funding_sources_list());
    mock.push(fixtures::unverified_bank_funding_source());
    mock.push(fixtures::funding_source_renamed());
    mock.push(fixtures::funding_source_removed());
    mock.push(fixtures::funding_source_balance());
    mock.push(fixtures::van_routing());
    mock.push(fixtures::on_demand_authorization());
    mock.push(fixtures::account_funding_source_created());
    mock.push(fixtures::account_funding_sources_list());
    let client = test_client(&mock);
    let customer = fixtures::CUSTOMER_ID;
    let bank = fixtures::BANK_FUNDING_SOURCE_ID;

    let created = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::bank(
            customer,
            "222222226",
            "123456789",
            BankAccountType::Checking,
            "Jane Doe's Checking",
        ))
        .await
        .unwrap();
    assert_eq!(created.id(), bank);
    let list = client
        .customers()
        .funding_sources()
        .list(ListCustomerFundingSources::new(customer).removed(false))
        .await
        .unwrap();
    assert_eq!(list.len(), 4);
    let fs = client
        .funding_sources()
        .get(created.location())
        .await
        .unwrap();
    assert!(fs.can_initiate_micro_deposits());
    let renamed = client
        .funding_sources()
        .update(UpdateFundingSource::rename(bank, "Test Checking - 1234"))
        .await
        .unwrap();
    assert_eq!(renamed.name(), Some("Test Checking - 1234"));
    let removed = client.funding_sources().remove(bank).await.unwrap();
    assert!(removed.is_removed());
    let balance = client
        .funding_sources()
        .balance(fixtures::BALANCE_FUNDING_SOURCE_ID)
        .await
        .unwrap();
    assert_eq!(balance.spendable().map(Amount::cents), Some(461_687));
    let van = client
        .funding_sources()
        .van_routing(fixtures::VAN_FUNDING_SOURCE_ID)
        .await
        .unwrap();
    assert_eq!(van.routing_number(), Some(fixtures::VAN_ROUTING_NUMBER));
    let auth = client
        .funding_sources()
        .on_demand_transfer_authorizations()
        .create()
        .await
        .unwrap();
    assert_eq!(auth.id(), fixtures::ON_DEMAND_AUTHORIZATION_ID);
    let account_bank = client
        .accounts()
        .funding_sources()
        .create(CreateAccountFundingSource::bank(
            "222222226",
            "123456789",
            BankAccountType::Savings,
            "Superhero Savings Bank",
        ))
        .await
        .unwrap();
    assert_eq!(account_bank.id(), fixtures::ACCOUNT_BANK_FUNDING_SOURCE_ID);
    let account_list = client
        .accounts()
        .funding_sources()
        .list(ListAccountFundingSources::new(fixtures::MAIN_ACCOUNT_ID))
        .await
        .unwrap();
    assert_eq!(
        account_list[1].funding_source_type(),
        &FundingSourceType::Balance
    );

    let fs_path = format!("/funding-sources/{bank}");
    assert_eq!(
        calls(&mock),
        [
            "POST /token".to_owned(),
            format!("POST /customers/{customer}/funding-sources"),
            format!("GET /customers/{customer}/funding-sources?removed=false"),
            format!("GET {fs_path}"),
            format!("POST {fs_path}"),
            format!("POST {fs_path}"),
            format!(
                "GET /funding-sources/{}/balance",
                fixtures::BALANCE_FUNDING_SOURCE_ID
            ),
            format!(
                "GET /funding-sources/{}/ach-routing",
                fixtures::VAN_FUNDING_SOURCE_ID
            ),
            "POST /on-demand-authorizations".to_owned(),
            "POST /funding-sources".to_owned(),
            format!(
                "GET /accounts/{}/funding-sources",
                fixtures::MAIN_ACCOUNT_ID
            ),
        ]
    );
    let requests = mock.requests();
    assert_eq!(requests[5].body_text(), Some(r#"{"removed":true}"#));
    // Every POST carries an idempotency key, the body-less ones too.
    for r in requests.iter().skip(1).filter(|r| r.method() == "POST") {
        assert!(r.header("idempotency-key").is_some(), "{}", r.path());
    }
    mock.assert_exhausted();
}

/// The micro-deposit flow: initiate, too early, wrong amounts, right
/// amounts; then a fourth try is refused for good. Nothing is retried: each
/// answer is final for its attempt.
#[tokio::test]
async fn micro_deposit_flow_is_typed_end_to_end() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::micro_deposits_initiated());
    mock.push(fixtures::micro_deposits_pending());
    mock.push(fixtures::micro_deposits_try_again_later());
    mock.push(fixtures::wrong_micro_deposit_amounts());
    mock.push(fixtures::micro_deposits_verified());
    mock.push(fixtures::too_many_micro_deposit_attempts());
    let client = test_client(&mock);
    let fs = fixtures::BANK_FUNDING_SOURCE_ID;
    let micro = client.funding_sources().micro_deposits();
    let a = |s: &str| Amount::usd(s).unwrap();

    let MicroDeposits::Initiated(created) = micro.initiate(fs).await.unwrap() else {
        panic!("initiated")
    };
    let details = micro.get(created.location()).await.unwrap();
    assert_eq!(details.status(), &MicroDepositStatus::Pending);
    assert_eq!(
        micro.verify(fs, a("0.03"), a("0.09")).await.unwrap(),
        MicroDeposits::TryAgainLater
    );
    let err = micro.verify(fs, a("0.03"), a("0.08")).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::WrongMicroDepositAmounts));
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(
        micro
            .initiate_or_verify(InitiateOrVerifyMicroDeposits::verify(
                fs,
                a("0.09"),
                a("0.03")
            ))
            .await
            .unwrap(),
        MicroDeposits::Verified
    );
    let err = micro.verify(fs, a("0.01"), a("0.01")).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::TooManyAttempts));
    assert_eq!(err.attempts(), Some(1));

    let md = format!("/funding-sources/{fs}/micro-deposits");
    assert_eq!(
        calls(&mock)[1..],
        [
            format!("POST {md}"),
            format!("GET {md}"),
            format!("POST {md}"),
            format!("POST {md}"),
            format!("POST {md}"),
            format!("POST {md}"),
        ]
    );
    let requests = mock.requests();
    assert!(requests[1].body().is_empty());
    assert_eq!(
        requests[5].body_text(),
        Some(
            r#"{"amount1":{"currency":"USD","value":"0.09"},"amount2":{"currency":"USD","value":"0.03"}}"#
        )
    );
    mock.assert_exhausted();
}

/// A bank funding source POST that meets 503, a lost connection and then
/// 201 sends the same Idempotency-Key and the byte-identical body (the
/// routing and account numbers included) every time.
#[tokio::test]
async fn retried_bank_create_sends_the_same_key_and_bytes() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push_error(dwolla_core::TransportError::other(
        true,
        "connection closed before the response",
    ));
    mock.push(fixtures::bank_funding_source_created());
    let (client, sleep) = retrying_client_and_sleep(&mock);
    let created = client
        .customers()
        .funding_sources()
        .create(
            CreateCustomerFundingSource::bank(
                fixtures::CUSTOMER_ID,
                "222222226",
                "123456789",
                BankAccountType::Checking,
                "Jane Doe's Checking",
            )
            .on_demand_authorization(fixtures::on_demand_authorization_href(
                fixtures::ON_DEMAND_AUTHORIZATION_ID,
            )),
        )
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::BANK_FUNDING_SOURCE_ID);
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    let attempts = &requests[1..];
    one_key_and_body(attempts);
    assert_eq!(
        attempts[0].body_json().unwrap()["routingNumber"],
        "222222226"
    );
    assert_eq!(
        sleep.slept(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
}

/// A verification retried after a lost connection keeps its key: a replay
/// within 24 h cannot count as a second attempt. Its own key is used when
/// given.
#[tokio::test]
async fn retried_verification_keeps_the_callers_key() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push_error(dwolla_core::TransportError::other(true, "reset"));
    mock.push(fixtures::micro_deposits_verified());
    let client = retrying_client(&mock);
    let outcome = client
        .funding_sources()
        .micro_deposits()
        .verify_with(
            fixtures::BANK_FUNDING_SOURCE_ID,
            Amount::from_cents(3),
            Amount::from_cents(9),
            RequestOptions::new().idempotency_key(IdempotencyKey::new("verify-fs-1").unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(outcome, MicroDeposits::Verified);
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    for r in &requests[1..] {
        assert_eq!(r.header("idempotency-key"), Some("verify-fs-1"));
        assert_eq!(r.body(), requests[1].body());
    }
}

/// Errors that retrying cannot fix come back after one attempt, even with
/// retries on.
#[tokio::test]
async fn definite_errors_are_not_retried() {
    for (response, kind) in [
        (
            fixtures::duplicate_funding_source(),
            ApiErrorKind::DuplicateFundingSource,
        ),
        (
            fixtures::virtual_account_numbers_not_enabled(),
            ApiErrorKind::Forbidden,
        ),
        (
            fixtures::update_removed_bank(),
            ApiErrorKind::InvalidResourceState,
        ),
    ] {
        let mock = MockTransport::new();
        mock.push(fixtures::token("tok", 3600));
        mock.push(response);
        let client = retrying_client(&mock);
        let err = client
            .customers()
            .funding_sources()
            .create(CreateCustomerFundingSource::virtual_account(
                fixtures::CUSTOMER_ID,
                "My First VAN",
            ))
            .await
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(kind));
        assert_eq!(err.attempts(), Some(1));
        assert_eq!(mock.request_count(), 2);
    }
}

/// Bad input is refused before any request (not even a token request).
#[tokio::test]
async fn bad_input_sends_nothing() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    let err = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::bank(
            fixtures::CUSTOMER_ID,
            "222222227",
            "123456789",
            BankAccountType::Checking,
            "n",
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, dwolla_core::Error::InvalidInput(i) if i.field() == "routing_number"),
        "{err:?}"
    );
    assert!(!err.to_string().contains("222222227"));
    let err = client
        .funding_sources()
        .micro_deposits()
        .verify(
            fixtures::BANK_FUNDING_SOURCE_ID,
            Amount::from_cents(0),
            Amount::from_cents(3),
        )
        .await
        .unwrap_err();
    assert!(matches!(&err, dwolla_core::Error::InvalidInput(i) if i.field() == "amount1"));
    assert_eq!(mock.request_count(), 0);
}
