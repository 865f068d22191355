//! Beneficial owners through the client: every grouped call reaches its
//! path and method, and a retried create keeps its key and bytes.

mod support;

use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, CreateCustomerBeneficialOwner, DateOfBirth, InternationalAddress, Ssn,
    UpdateBeneficialOwner,
};
use dwolla_core::{ApiErrorKind, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client};

fn owner() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::us(
        "John",
        "Doe",
        DateOfBirth::new(1970, 1, 1).unwrap(),
        Ssn::new("123-56-7890").unwrap(),
        InternationalAddress::us("99-99 33rd St", "Some City", "NY", "11101"),
    )
}

#[tokio::test]
async fn every_grouped_call_reaches_its_path() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::beneficial_owners_list());
    mock.push(fixtures::beneficial_owner_created());
    mock.push(fixtures::beneficial_owner());
    mock.push(fixtures::beneficial_owner_updated());
    mock.push(fixtures::beneficial_owner_removed());
    mock.push(fixtures::beneficial_ownership("recertify"));
    mock.push(fixtures::beneficial_ownership("certified"));
    let client = test_client(&mock);
    let c = fixtures::CUSTOMER_ID;
    let o = fixtures::BENEFICIAL_OWNER_ID;

    let owners = client
        .customers()
        .beneficial_owners()
        .list(c)
        .await
        .unwrap();
    assert_eq!(owners.len(), 2);
    let created = client
        .customers()
        .beneficial_owners()
        .create(CreateCustomerBeneficialOwner::new(c, owner()))
        .await
        .unwrap();
    let fetched = client
        .beneficial_owners()
        .get(created.location())
        .await
        .unwrap();
    assert_eq!(fetched.id(), o);
    let updated = client
        .beneficial_owners()
        .update(UpdateBeneficialOwner::new(o, owner()))
        .await
        .unwrap();
    assert!(updated.is_verified());
    let removed = client.beneficial_owners().delete(o).await.unwrap();
    assert_eq!(removed.owner().map(|o| o.id()), Some(o));
    let status = client
        .customers()
        .beneficial_ownership()
        .get(c)
        .await
        .unwrap();
    assert!(!status.is_certified());
    let status = client
        .customers()
        .beneficial_ownership()
        .certify_with(
            c,
            RequestOptions::new()
                .idempotency_key(dwolla_core::IdempotencyKey::new("cert-1").unwrap()),
        )
        .await
        .unwrap();
    assert!(status.is_certified());

    let seen: Vec<(String, String)> = mock
        .requests()
        .iter()
        .skip(1)
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    let expect = |m: &str, p: String| (m.to_owned(), p);
    assert_eq!(
        seen,
        [
            expect("GET", format!("/customers/{c}/beneficial-owners")),
            expect("POST", format!("/customers/{c}/beneficial-owners")),
            expect("GET", format!("/beneficial-owners/{o}")),
            expect("POST", format!("/beneficial-owners/{o}")),
            expect("DELETE", format!("/beneficial-owners/{o}")),
            expect("GET", format!("/customers/{c}/beneficial-ownership")),
            expect("POST", format!("/customers/{c}/beneficial-ownership")),
        ]
    );
    let certify = mock.last_request().unwrap();
    assert_eq!(certify.header("idempotency-key"), Some("cert-1"));
    assert_eq!(certify.body_text(), Some(r#"{"status":"certified"}"#));
    // The DELETE and the reads carry no key.
    assert!(mock.requests()[5].header("idempotency-key").is_none());
}

#[tokio::test]
async fn a_retried_create_keeps_its_key_and_bytes() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error());
    mock.push(fixtures::rate_limited(Some(1)));
    mock.push(fixtures::beneficial_owner_created());
    let client = retrying_client(&mock);
    client
        .customers()
        .beneficial_owners()
        .create(CreateCustomerBeneficialOwner::new(
            fixtures::CUSTOMER_ID,
            owner(),
        ))
        .await
        .unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    one_key_and_body(&requests[1..]);
    let first = &requests[1];
    // Sent as its digits, as every SSN is.
    assert_eq!(first.body_json().unwrap()["ssn"], "123567890");
}

#[tokio::test]
async fn a_validation_error_is_returned_at_once() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::beneficial_owner_invalid_ssn());
    let client = test_client(&mock);
    let err = client
        .customers()
        .beneficial_owners()
        .create(CreateCustomerBeneficialOwner::new(
            fixtures::CUSTOMER_ID,
            owner(),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Validation));
    assert_eq!(err.attempts(), Some(1));
    // The error's text never holds what was sent.
    for ssn in ["123-56-7890", "123567890"] {
        assert!(!err.to_string().contains(ssn));
        assert!(!format!("{err:?}").contains(ssn));
    }
}
