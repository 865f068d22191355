//! Mass payments through the client over the mock transport: the paths the
//! grouped calls reach, retries that keep one key and identical bytes, and
//! the deferred flow (create deferred, release).

mod support;

use dwolla_core::mass_payments::{
    InitiateMassPayment, ListCustomerMassPayments, ListMassPaymentItems, MassPaymentItemStatus,
    MassPaymentStatus, PaymentItem, UpdateMassPayment,
};
use dwolla_core::Amount;
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client};

fn batch(batch_id: &str) -> InitiateMassPayment {
    InitiateMassPayment::new(
        fixtures::SOURCE_FUNDING_SOURCE_ID,
        (1..=3)
            .map(|n| {
                PaymentItem::new(
                    fixtures::DESTINATION_FUNDING_SOURCE_ID,
                    Amount::from_cents(100 * n),
                )
                .correlation_id(format!("{batch_id}-{n}"))
            })
            .collect(),
    )
    .correlation_id(batch_id)
    .idempotency_key(batch_id)
}

#[tokio::test]
async fn a_deferred_mass_payment_is_created_released_and_read() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::mass_payment_created());
    mock.push(fixtures::mass_payment_in("deferred"));
    mock.push(fixtures::mass_payment_in("pending"));
    mock.push(fixtures::mass_payment_items());
    mock.push(fixtures::mass_payment_item());
    mock.push(fixtures::customer_mass_payments(fixtures::CUSTOMER_ID));
    let client = test_client(&mock);
    let created = client
        .mass_payments()
        .create(batch("batch-7").deferred())
        .await
        .unwrap();
    let m = client
        .mass_payments()
        .get(created.location())
        .await
        .unwrap();
    assert!(m.is_deferred());
    let released = client
        .mass_payments()
        .update(UpdateMassPayment::release(m.id()))
        .await
        .unwrap();
    assert_eq!(released.status(), &MassPaymentStatus::Pending);
    let items = client
        .mass_payments()
        .items(ListMassPaymentItems::new(m.id()).status(MassPaymentItemStatus::Failed))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    let item = client
        .mass_payment_items()
        .get(items[0].self_href().unwrap())
        .await
        .unwrap();
    assert_eq!(item.id(), fixtures::MASS_PAYMENT_ITEM_ID);
    let list = client
        .customers()
        .mass_payments()
        .list(ListCustomerMassPayments::new(fixtures::CUSTOMER_ID))
        .await
        .unwrap();
    assert_eq!(list.len(), 1);

    let r = mock.requests();
    let mp = format!("/mass-payments/{}", fixtures::MASS_PAYMENT_ID);
    let seen: Vec<(String, String)> = r[1..]
        .iter()
        .map(|r| {
            (
                r.method().to_string(),
                r.uri().path_and_query().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST".into(), "/mass-payments".into()),
            ("GET".into(), mp.clone()),
            ("POST".into(), mp.clone()),
            ("GET".into(), format!("{mp}/items?status=failed")),
            (
                "GET".into(),
                format!("/mass-payment-items/{}", fixtures::MASS_PAYMENT_ITEM_ID)
            ),
            (
                "GET".into(),
                format!("/customers/{}/mass-payments", fixtures::CUSTOMER_ID)
            ),
        ]
    );
    assert_eq!(r[1].header("idempotency-key"), Some("batch-7"));
    assert_eq!(r[1].body_json().unwrap()["status"], "deferred");
    assert_eq!(
        r[1].body_json().unwrap()["items"][2]["amount"]["value"],
        "3.00"
    );
    assert_eq!(r[3].body_text(), Some(r#"{"status":"pending"}"#));
    assert!(r[3].header("idempotency-key").is_some());
    mock.assert_exhausted();
}

#[tokio::test]
async fn a_retried_mass_payment_keeps_its_key_and_bytes() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error());
    mock.push(fixtures::rate_limited(Some(1)));
    mock.push(fixtures::mass_payment_created());
    let client = retrying_client(&mock);
    let created = client
        .mass_payments()
        .create(batch("batch-8"))
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::MASS_PAYMENT_ID);
    let attempts = &mock.requests()[1..];
    assert_eq!(attempts.len(), 3);
    assert_eq!(one_key_and_body(attempts), "batch-8");
}

#[tokio::test]
async fn item_pages_are_walked() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::mass_payment_items());
    let client = test_client(&mock);
    let items = client
        .mass_payments()
        .items_pages(ListMassPaymentItems::new(fixtures::MASS_PAYMENT_ID))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(mock.request_count(), 2, "no next link: one page");
}
