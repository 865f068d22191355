//! Customers through the client over the mock transport: the grouped calls
//! reach their endpoints, creates and updates are retried with one
//! idempotency key and identical bytes, bad input never reaches the network,
//! and paging follows `_links.next` exactly as Dwolla sent it.

mod support;

use dwolla_core::customers::{
    CreateCustomer, DateOfBirth, ListCustomers, NextStep, PersonalDetails, Ssn, UnverifiedDetails,
    UpdateCustomer, UsAddress,
};
use dwolla_core::{ApiErrorKind, Error, IdempotencyKey, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client};

fn jane() -> PersonalDetails {
    PersonalDetails::new(
        "Jane",
        "Doe",
        "jane@example.com",
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
        DateOfBirth::new(1970, 1, 1).unwrap(),
        Ssn::new("123-45-6789").unwrap(),
    )
}

#[tokio::test]
async fn pages_follow_next_links_exactly_as_sent() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::customers_page(0, 25, 60));
    mock.push(fixtures::customers_page(25, 25, 60));
    mock.push(fixtures::customers_page(50, 25, 60));
    let client = test_client(&mock);

    let mut pages = client.pages(ListCustomers::new().limit(25));
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await.unwrap() {
        sizes.push(page.len());
        ids.extend(page.iter().map(|c| c.id().to_owned()));
    }
    assert_eq!(sizes, [25, 25, 10]);
    let expected: Vec<String> = (0..60).map(fixtures::page_customer_id).collect();
    assert_eq!(ids, expected);
    // Done: no more requests.
    assert!(pages.next().await.unwrap().is_none());
    mock.assert_exhausted();

    let uris: Vec<String> = mock.requests()[1..]
        .iter()
        .map(|r| r.uri().to_string())
        .collect();
    assert_eq!(
        uris,
        [
            "https://api-sandbox.dwolla.com/customers?limit=25".to_owned(),
            // As the links have them, offset first: followed, not rebuilt.
            format!("{}/customers?offset=25&limit=25", fixtures::BASE),
            format!("{}/customers?offset=50&limit=25", fixtures::BASE),
        ]
    );
    for r in &mock.requests()[1..] {
        assert_eq!(r.method(), "GET");
        assert!(r.header("idempotency-key").is_none());
    }

    // The group's list_pages walks the same way.
    mock.push(fixtures::customers_page(0, 50, 60));
    mock.push(fixtures::customers_page(50, 50, 60));
    let all = client
        .customers()
        .list_pages(ListCustomers::new().limit(50))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(all.len(), 60);
    assert_eq!(
        mock.last_request().unwrap().uri().to_string(),
        format!("{}/customers?offset=50&limit=50", fixtures::BASE)
    );
}

#[tokio::test]
async fn grouped_calls_reach_their_endpoints() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::customer_created());
    mock.push(fixtures::customer_personal_retry());
    mock.push(fixtures::customer_personal_document());
    mock.push(fixtures::customers_page(0, 25, 3));
    mock.push(fixtures::customer_unverified());
    mock.push(fixtures::business_classifications_list());
    mock.push(fixtures::business_classification());
    let client = test_client(&mock);

    let created = client
        .customers()
        .create(CreateCustomer::personal(jane()))
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::NEW_CUSTOMER_ID);
    let customer = client.customers().get(created.location()).await.unwrap();
    assert_eq!(customer.next_step(), NextStep::RetryVerification);
    let retried = client
        .customers()
        .update_with(
            UpdateCustomer::retry_personal(customer.id(), jane()),
            RequestOptions::new().idempotency_key(IdempotencyKey::new("retry-1").unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(retried.next_step(), NextStep::VerifyWithDocument);
    let page = client
        .customers()
        .list(ListCustomers::new().search("jane"))
        .await
        .unwrap();
    assert_eq!(page.len(), 3);
    let one = client
        .customers()
        .get_with(page[0].id(), RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(one.id(), fixtures::UNVERIFIED_CUSTOMER_ID);
    let classifications = client.business_classifications().list().await.unwrap();
    let food = client
        .business_classifications()
        .get(classifications[1].id())
        .await
        .unwrap();
    assert_eq!(
        food.industry_classifications()[0].id(),
        Some(fixtures::INDUSTRY_CLASSIFICATION_ID)
    );

    let requests = mock.requests();
    let seen: Vec<(String, String)> = requests[1..]
        .iter()
        .map(|r| {
            (
                r.method().to_string(),
                r.uri().path_and_query().unwrap().to_string(),
            )
        })
        .collect();
    let expect = |m: &str, p: String| (m.to_owned(), p);
    assert_eq!(
        seen,
        [
            expect("POST", "/customers".to_owned()),
            expect("GET", format!("/customers/{}", fixtures::NEW_CUSTOMER_ID)),
            expect(
                "POST",
                format!("/customers/{}", fixtures::RETRY_CUSTOMER_ID)
            ),
            expect("GET", "/customers?search=jane".to_owned()),
            expect(
                "GET",
                format!("/customers/{}", fixtures::page_customer_id(0))
            ),
            expect("GET", "/business-classifications".to_owned()),
            expect(
                "GET",
                format!(
                    "/business-classifications/{}",
                    fixtures::BUSINESS_CLASSIFICATION_ID
                )
            ),
        ]
    );
    // Every POST carries a key: generated for the create, the caller's for the update.
    assert!(requests[1].header("idempotency-key").is_some());
    assert_eq!(requests[3].header("idempotency-key"), Some("retry-1"));
    assert_eq!(requests[3].body_json().unwrap()["ssn"], "123456789");
    assert_eq!(requests[1].body_json().unwrap()["type"], "personal");
}

/// A create that meets a 503 and then 201 sends the same key and the same
/// bytes twice, so Dwolla can never create two customers; so does an update.
#[tokio::test]
async fn retried_create_and_update_send_the_same_key_and_body() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push(fixtures::customer_created());
    mock.push(fixtures::server_error());
    mock.push(fixtures::customer_unverified());
    let client = retrying_client(&mock);
    client
        .customers()
        .create(
            CreateCustomer::unverified(UnverifiedDetails::new("Jane", "Merchant", "j@example.com"))
                .correlation_id("user-42"),
        )
        .await
        .unwrap();
    client
        .customers()
        .update(UpdateCustomer::deactivate(fixtures::UNVERIFIED_CUSTOMER_ID))
        .await
        .unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 5);
    assert_ne!(
        one_key_and_body(&requests[1..3]),
        one_key_and_body(&requests[3..5])
    );
    assert_eq!(requests[3].body_text(), Some(r#"{"status":"deactivated"}"#));
}

#[tokio::test]
async fn a_duplicate_is_not_retried_and_leads_to_the_existing_customer() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::duplicate_customer());
    mock.push(fixtures::customer_personal_verified());
    let client = test_client(&mock);
    let err = client
        .customers()
        .create(CreateCustomer::personal(jane()))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::DuplicateCustomer));
    assert_eq!(mock.request_count(), 2);
    let existing = err.api_error().unwrap().about_href().unwrap().to_owned();
    client.customers().get(&existing).await.unwrap();
    assert_eq!(
        mock.last_request().unwrap().path(),
        format!("/customers/{}", fixtures::EXISTING_CUSTOMER_ID)
    );
}

#[tokio::test]
async fn bad_input_never_reaches_the_network() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    let err = client
        .customers()
        .create(CreateCustomer::unverified(UnverifiedDetails::new(
            "Jane<script>",
            "Doe",
            "jane@example.com",
        )))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field() == "first_name"),
        "{err:?}"
    );
    let err = client
        .customers()
        .update(UpdateCustomer::suspend(".."))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field() == "customer_id"),
        "{err:?}"
    );
    // Not even the token was fetched.
    assert_eq!(mock.request_count(), 0);
}
