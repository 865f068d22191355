//! Exchanges, funding sources and the generic operation through the client
//! over the mock transport: what is sent, what is retried (and what is not),
//! and how the documented answers come back.

mod support;

use std::time::Duration;

use dwolla_core::exchanges::CreateCustomerExchange;
use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
use dwolla_core::hal::{HalRequest, HalResponse};
use dwolla_core::{ApiErrorKind, Error, IdempotencyKey, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client_and_sleep};

fn plaid_exchange() -> CreateCustomerExchange {
    CreateCustomerExchange::plaid(
        fixtures::CUSTOMER_ID,
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
        fixtures::PLAID_PUBLIC_TOKEN,
    )
}

fn funding_source() -> CreateCustomerFundingSource {
    CreateCustomerFundingSource::from_exchange(
        fixtures::CUSTOMER_ID,
        fixtures::exchange_href(fixtures::EXCHANGE_ID),
        BankAccountType::Checking,
        "Jane Doe's Checking",
    )
}

/// The partner's token is refused with a 401: that is not the access token,
/// so the client neither refreshes its token nor retries: exactly one API
/// request after the token request, even with the default retry policy.
#[tokio::test]
async fn invalid_exchange_token_401_is_returned_after_one_request() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::invalid_exchange_token_401());
    let client = test_client(&mock);
    let err = client
        .customers()
        .exchanges()
        .create(plaid_exchange())
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidExchangeToken));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.attempts(), Some(1));
    let paths: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/token",
            &format!("/customers/{}/exchanges", fixtures::CUSTOMER_ID)
        ]
    );
    mock.assert_exhausted();

    // Contrast: a 401 InvalidAccessToken is refreshed and retried once.
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::invalid_access_token());
    mock.push(fixtures::token("tok-2", 3600));
    mock.push(fixtures::exchange_created());
    let client = test_client(&mock);
    client
        .customers()
        .exchanges()
        .create(plaid_exchange())
        .await
        .unwrap();
    assert_eq!(mock.request_count(), 4);
}

#[tokio::test]
async fn duplicate_funding_source_gives_the_existing_one() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::duplicate_funding_source());
    let client = test_client(&mock);
    let err = client
        .customers()
        .funding_sources()
        .create(funding_source())
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::DuplicateFundingSource);
    let existing = api.about_href().expect("the existing funding source");
    assert_eq!(
        existing,
        fixtures::funding_source_href(fixtures::EXISTING_FUNDING_SOURCE_ID)
    );
    // Not retried: a duplicate stays a duplicate.
    assert_eq!(mock.request_count(), 2);
    // The existing one can be fetched straight from the link.
    mock.push(fixtures::funding_source());
    let fs = client.funding_sources().get(existing).await.unwrap();
    assert!(fs.is_verified());
    assert_eq!(
        mock.last_request().unwrap().path(),
        format!("/funding-sources/{}", fixtures::EXISTING_FUNDING_SOURCE_ID)
    );
}

/// A create-exchange POST that meets 503, a lost connection and then 201
/// sends the same Idempotency-Key and the byte-identical body every time, so
/// Dwolla can never create two exchanges.
#[tokio::test]
async fn retried_create_exchange_sends_the_same_key_and_body() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push_error(dwolla_core::TransportError::other(
        true,
        "connection closed before the response",
    ));
    mock.push(fixtures::exchange_created());
    let (client, sleep) = retrying_client_and_sleep(&mock);
    let created = client
        .customers()
        .exchanges()
        .create(plaid_exchange())
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_ID);
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    let attempts = &requests[1..];
    one_key_and_body(attempts);
    assert_eq!(
        attempts[0].body_json().unwrap()["plaid"]["publicToken"],
        fixtures::PLAID_PUBLIC_TOKEN
    );
    assert_eq!(
        sleep.slept(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
}

#[tokio::test]
async fn grouped_calls_reach_their_endpoints() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::customer_exchanges_list());
    mock.push(fixtures::exchange());
    mock.push(fixtures::available_exchange_connections());
    mock.push(fixtures::exchange_created());
    mock.push(fixtures::funding_source_created());
    mock.push(fixtures::funding_source());
    let client = test_client(&mock);
    let customer = fixtures::CUSTOMER_ID;

    let exchanges = client.customers().exchanges().list(customer).await.unwrap();
    assert_eq!(exchanges.len(), 2);
    let exchange = client.exchanges().get(exchanges[0].id()).await.unwrap();
    assert!(exchange.is_active());
    let connections = client
        .customers()
        .available_exchange_connections(customer)
        .await
        .unwrap();
    let mx = fixtures::partner_href(fixtures::MX_PARTNER_ID);
    let created = client
        .customers()
        .exchanges()
        .create_with(
            connections[0].exchange(customer, &mx),
            RequestOptions::new().idempotency_key(IdempotencyKey::new("mx-1").unwrap()),
        )
        .await
        .unwrap();
    let fs = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            customer,
            created.location(),
            BankAccountType::Savings,
            "Savings",
        ))
        .await
        .unwrap();
    let fs = client
        .funding_sources()
        .get_with(
            fs.location(),
            RequestOptions::new().timeout(Duration::from_secs(5)),
        )
        .await
        .unwrap();
    assert!(fs.is_verified());

    let requests = mock.requests();
    let seen: Vec<(String, String)> = requests[1..]
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    let expect = |m: &str, p: String| (m.to_owned(), p);
    assert_eq!(
        seen,
        [
            expect("GET", format!("/customers/{customer}/exchanges")),
            expect("GET", format!("/exchanges/{}", fixtures::EXCHANGE_ID)),
            expect(
                "GET",
                format!("/customers/{customer}/available-exchange-connections")
            ),
            expect("POST", format!("/customers/{customer}/exchanges")),
            expect("POST", format!("/customers/{customer}/funding-sources")),
            expect(
                "GET",
                format!("/funding-sources/{}", fixtures::FUNDING_SOURCE_ID)
            ),
        ]
    );
    assert_eq!(requests[4].header("idempotency-key"), Some("mx-1"));
    assert_eq!(
        requests[4].body_json().unwrap()["mx"]["availableConnectionToken"],
        fixtures::MX_CONNECTION_TOKEN
    );
    assert_eq!(
        requests[5].body_json().unwrap()["_links"]["exchange"]["href"],
        fixtures::exchange_href(fixtures::EXCHANGE_ID)
    );
    // Every POST carried a key, generated when none was given.
    assert!(requests[5].header("idempotency-key").is_some());
}

#[tokio::test]
async fn generic_calls_use_the_client_and_never_leave_the_host() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    // Refused before any request exists: not even the token is fetched.
    let err = client
        .hal()
        .get("https://attacker.example.com/customers")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field() == "url"),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 0);

    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push(fixtures::exchange_created());
    mock.push(fixtures::exchange());
    mock.push(fixtures::hal_response(204, "r", ""));
    let body = serde_json::json!({"_links": {"exchange-partner": {"href": "x"}}, "token": "t"});
    let created = client
        .hal()
        .post(
            format!("/customers/{}/exchanges", fixtures::CUSTOMER_ID),
            body,
        )
        .await
        .unwrap();
    let location = created.location().expect("a Location").to_owned();
    let doc = client.hal().get(&location).await.unwrap();
    assert_eq!(doc.document().unwrap()["status"], "active");
    let gone = client
        .hal()
        .send(HalRequest::delete("/labels/l1"))
        .await
        .unwrap();
    assert_eq!(gone, HalResponse::Empty(http::StatusCode::NO_CONTENT));
    let requests = mock.requests();
    // The POST was retried after the 503 with the same key and body.
    assert_eq!(
        requests[1].header("idempotency-key"),
        requests[2].header("idempotency-key")
    );
    assert!(requests[1].header("idempotency-key").is_some());
    assert_eq!(requests[1].body(), requests[2].body());
    assert_eq!(
        requests[3].path(),
        format!("/exchanges/{}", fixtures::EXCHANGE_ID)
    );
    assert_eq!(requests[4].method(), "DELETE");
    assert!(requests[3].header("idempotency-key").is_none());
}
