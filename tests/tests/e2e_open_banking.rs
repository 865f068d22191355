//! The whole open-banking flow end to end: the client over `HyperTransport`,
//! over real loopback TCP, against the local Dwolla emulator, from a customer
//! id to a verified funding source, and the ways it can go wrong.

mod support;

use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
};
use dwolla_core::exchanges::{CreateCustomerExchange, ExchangeStatus};
use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
use dwolla_core::hal::HalResponse;
use dwolla_core::{serde_json, ApiErrorKind, Error};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;
use support::e2e::{client, kind};

/// A Plaid session for the customer, its link token, and the public token
/// Plaid Link would hand back (played by the emulator).
async fn plaid_public_token(emulator: &Emulator, client: &HyperClient) -> String {
    let plaid = client
        .exchange_partners()
        .find_by_name("plaid")
        .await
        .unwrap()
        .expect("Plaid is active");
    let created = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(
            emulator.customer_id(),
            plaid.href(),
        ))
        .await
        .unwrap();
    let session = client
        .exchange_sessions()
        .get(created.location())
        .await
        .unwrap();
    let Some(ProviderSession::PlaidLinkToken(link)) = session.provider_session() else {
        panic!("a Plaid session has a link token: {session:?}");
    };
    emulator.plaid_public_token(link).expect("a public token")
}

fn plaid_href(emulator: &Emulator) -> String {
    emulator.partner_href("plaid").unwrap()
}

/// The create-exchange operation for a fresh Plaid session's public token.
async fn plaid_exchange(emulator: &Emulator, client: &HyperClient) -> CreateCustomerExchange {
    let public_token = plaid_public_token(emulator, client).await;
    CreateCustomerExchange::plaid(emulator.customer_id(), plaid_href(emulator), public_token)
}

#[tokio::test]
async fn plaid_flow_to_a_verified_funding_source() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let op = plaid_exchange(&emulator, &client).await;
    let exchange = client.customers().exchanges().create(op).await.unwrap();
    let retrieved = client.exchanges().get(exchange.location()).await.unwrap();
    assert_eq!(retrieved.id(), exchange.id());
    assert_eq!(retrieved.status(), &ExchangeStatus::Active);
    assert_eq!(
        retrieved.exchange_partner_href(),
        Some(plaid_href(&emulator).as_str())
    );
    let listed = client.customers().exchanges().list(customer).await.unwrap();
    assert!(listed.iter().any(|e| e.id() == exchange.id()));
    assert!(listed.skipped().is_empty());

    let fs = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            customer,
            exchange.location(),
            BankAccountType::Checking,
            "Jane Doe's Checking",
        ))
        .await
        .unwrap();
    let fs = client.funding_sources().get(fs.location()).await.unwrap();
    assert!(fs.is_verified(), "{fs:?}");
    assert_eq!(fs.bank_account_type(), Some(BankAccountType::Checking));
    assert_eq!(fs.name(), Some("Jane Doe's Checking"));
    assert_eq!(fs.exchange_href(), Some(exchange.location()));
    assert_eq!(emulator.exchanges_created(), 1);
    assert_eq!(emulator.funding_sources_created(), 1);
    assert_eq!(emulator.token_requests(), 1);
}

#[tokio::test]
async fn mx_flow_through_the_available_connections() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let mx = client
        .exchange_partners()
        .find_by_name("mx")
        .await
        .unwrap()
        .unwrap();
    // Before MX Connect there is nothing to choose from.
    let none = client
        .customers()
        .available_exchange_connections(customer)
        .await
        .unwrap();
    assert!(none.is_empty());

    let created = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(customer, mx.href()))
        .await
        .unwrap();
    let session = client
        .exchange_sessions()
        .get(created.location())
        .await
        .unwrap();
    assert!(matches!(
        session.provider_session(),
        Some(ProviderSession::MxConnectUrl(_))
    ));
    let connections = client
        .customers()
        .available_exchange_connections(customer)
        .await
        .unwrap();
    assert_eq!(connections.len(), 2);
    let savings = connections
        .find_by_name("emulator savings")
        .expect("the savings account");
    let exchange = client
        .customers()
        .exchanges()
        .create(savings.exchange(customer, mx.href()))
        .await
        .unwrap();
    let fs = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            customer,
            exchange.id(),
            BankAccountType::Savings,
            "Savings",
        ))
        .await
        .unwrap();
    let fs = client.funding_sources().get(fs.id()).await.unwrap();
    assert!(fs.is_verified());
    assert_eq!(fs.bank_account_type(), Some(BankAccountType::Savings));
}

#[tokio::test]
async fn a_second_funding_source_for_the_account_is_a_duplicate_pointing_at_the_first() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let op = plaid_exchange(&emulator, &client).await;
    let exchange = client.customers().exchanges().create(op).await.unwrap();
    let op = |name: &str| {
        CreateCustomerFundingSource::from_exchange(
            customer,
            exchange.location(),
            BankAccountType::Checking,
            name,
        )
    };
    let first = client
        .customers()
        .funding_sources()
        .create(op("First"))
        .await
        .unwrap();
    let err = client
        .customers()
        .funding_sources()
        .create(op("Second"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::DuplicateFundingSource);
    let existing = err.api_error().unwrap().about_href().expect("about link");
    assert_eq!(existing, first.location());
    let fs = client.funding_sources().get(existing).await.unwrap();
    assert_eq!(fs.name(), Some("First"));
    assert_eq!(emulator.funding_sources_created(), 1);
}

/// The partner's token refused with a 401 comes back at once: no access-token
/// refresh, no retry, no exchange.
#[tokio::test]
async fn an_expired_public_token_is_invalid_exchange_token_without_a_refresh() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    client.access_token().await.unwrap();
    let before = emulator.api_requests();
    let err = client
        .customers()
        .exchanges()
        .create(CreateCustomerExchange::plaid(
            emulator.customer_id(),
            plaid_href(&emulator),
            Emulator::EXPIRED_PUBLIC_TOKEN,
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InvalidExchangeToken);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(emulator.api_requests() - before, 1);
    assert_eq!(emulator.token_requests(), 1);
    assert_eq!(emulator.exchanges_created(), 0);
}

#[tokio::test]
async fn a_removed_exchange_is_inactive() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let op = plaid_exchange(&emulator, &client).await;
    let exchange = client.customers().exchanges().create(op).await.unwrap();
    assert!(emulator.deactivate_exchange(exchange.id()));
    let err = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            emulator.customer_id(),
            exchange.location(),
            BankAccountType::Checking,
            "n",
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InactiveExchange);
    let retrieved = client.exchanges().get(exchange.id()).await.unwrap();
    assert_eq!(retrieved.status(), &ExchangeStatus::Deactivated);
}

/// A bank login changed: the funding source is refused with
/// `UpdateCredentials`, re-auth starts from that error, and the exchange made
/// from the re-auth session gives a verified funding source.
#[tokio::test]
async fn re_auth_after_update_credentials_then_a_new_exchange() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let err = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            customer,
            Emulator::EXCHANGE_NEEDS_REAUTH_ID,
            BankAccountType::Checking,
            "Checking",
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::UpdateCredentials);
    let reauth = CreateReAuthExchangeSession::from_update_credentials(err.api_error().unwrap())
        .expect("the re-auth link");
    let session = client
        .exchanges()
        .exchange_sessions()
        .create_reauth(reauth)
        .await
        .unwrap();
    let session = client
        .exchange_sessions()
        .get(session.location())
        .await
        .unwrap();
    let Some(ProviderSession::PlaidLinkToken(link)) = session.provider_session() else {
        panic!("a Plaid re-auth session has a link token: {session:?}");
    };
    let public_token = emulator.plaid_public_token(link).unwrap();
    let exchange = client
        .customers()
        .exchanges()
        .create(CreateCustomerExchange::plaid(
            customer,
            plaid_href(&emulator),
            public_token,
        ))
        .await
        .unwrap();
    let fs = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            customer,
            exchange.location(),
            BankAccountType::Checking,
            "Checking",
        ))
        .await
        .unwrap();
    assert!(client
        .funding_sources()
        .get(fs.location())
        .await
        .unwrap()
        .is_verified());
}

/// The connection drops after Dwolla created the exchange: the retry replays
/// the same key and body, and Dwolla answers with the same exchange.
#[tokio::test]
async fn a_lost_create_exchange_response_is_replayed_not_repeated() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let op = plaid_exchange(&emulator, &client).await;
    emulator.close_next_mid_response(1);
    let keys_before = emulator.idempotency_keys().len();
    let exchange = client.customers().exchanges().create(op).await.unwrap();
    let keys = &emulator.idempotency_keys()[keys_before..];
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert_eq!(keys[0], keys[1]);
    assert_eq!(emulator.exchanges_created(), 1);
    assert!(client.exchanges().get(exchange.location()).await.is_ok());
}

#[tokio::test]
async fn the_generic_operation_gets_and_posts_through_the_client() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    // Another host is refused before anything is sent, even the token request.
    let err = client
        .hal()
        .get("https://api.dwolla.com/exchange-partners")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field() == "url"),
        "{err:?}"
    );
    assert_eq!(emulator.token_requests() + emulator.api_requests(), 0);

    let partners = client.hal().get("/exchange-partners").await.unwrap();
    let doc = partners.document().expect("a document");
    assert!(
        doc["_embedded"]["exchange-partners"]
            .as_array()
            .unwrap()
            .len()
            >= 4
    );

    let plaid = plaid_href(&emulator);
    let public_token = plaid_public_token(&emulator, &client).await;
    let body = serde_json::json!({
        "_links": { "exchange-partner": { "href": plaid } },
        "plaid": { "publicToken": public_token }
    });
    let keys_before = emulator.idempotency_keys();
    let created = client
        .hal()
        .post(
            format!("/customers/{}/exchanges", emulator.customer_id()),
            body,
        )
        .await
        .unwrap();
    let HalResponse::Created(created) = created else {
        panic!("expected 201 Created, got {created:?}");
    };
    // The generic POST carried a key of its own, as every POST does.
    let keys = emulator.idempotency_keys();
    assert_eq!(keys.len(), keys_before.len() + 1);
    assert!(!keys_before.contains(keys.last().unwrap()));
    assert_eq!(emulator.exchanges_created(), 1);
    // A URL on the environment is fine, and so is following the Location.
    let exchange = client.hal().get(created.location()).await.unwrap();
    assert_eq!(exchange.document().unwrap()["status"], "active");
    let again = client.hal().send(created.retrieve()).await.unwrap();
    assert_eq!(again, exchange);
    // Dwolla's errors come back typed.
    let err = client.hal().get("/exchanges/nope").await.unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::NotFound);
}
