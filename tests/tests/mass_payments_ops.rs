//! Mass payments, sans IO: the exact request of every body form and option,
//! every input check naming its field (and item), and every documented
//! response parsing to what it means.

mod support;

use dwolla_core::mass_payments::{
    InitiateMassPayment, ItemFailureCode, ListCustomerMassPayments, ListMassPaymentItems,
    MassPaymentItemStatus, MassPaymentStatus, PaymentItem, RetrieveMassPayment,
    RetrieveMassPaymentItem, UpdateMassPayment, MAX_ITEMS,
};
use dwolla_core::transfers::{DestinationClearing, ProcessingChannel, SourceClearing};
use dwolla_core::Operation;
use dwolla_mock::fixtures;
use support::{assert_documented_errors, body_str, build_sandbox, invalid, try_build_sandbox, usd};

const SOURCE: &str =
    "https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4";
const DEST_1: &str = "9c7f8d57-cd45-4e7a-bf7a-914dbd6131db";
const DEST_2: &str =
    "https://api-sandbox.dwolla.com/funding-sources/b442c936-1f87-465d-a4e2-a982164b26bd";

fn one(item: PaymentItem) -> InitiateMassPayment {
    InitiateMassPayment::new(SOURCE, vec![item])
}

#[test]
fn minimal_mass_payment_is_exact() {
    let r = build_sandbox(&one(PaymentItem::new(DEST_1, usd("1"))));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(r.uri(), "https://api-sandbox.dwolla.com/mass-payments");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert!(r.headers().get("idempotency-key").is_none());
    assert_eq!(
        body_str(&r),
        format!(
            r#"{{"_links":{{"source":{{"href":"{SOURCE}"}}}},"items":[{{"_links":{{"destination":{{"href":"https://api-sandbox.dwolla.com/funding-sources/{DEST_1}"}}}},"amount":{{"currency":"USD","value":"1.00"}}}}]}}"#
        )
    );
}

#[test]
fn every_option_is_exact_in_the_spec_order() {
    let op = InitiateMassPayment::new(
        SOURCE,
        vec![PaymentItem::new(DEST_1, usd("1.00"))
            .metadata("payment1", "payment1")
            .correlation_id("ad6ca82d-59f7-45f0-a8d2-94c2cd4e8841")
            .destination_clearing(DestinationClearing::NextAvailable)
            .ach_destination_addenda("ZYX987_AddendaValue")
            .processing_channel(ProcessingChannel::RealTimePayments)],
    )
    .item(PaymentItem::new(DEST_2, usd("5")))
    .deferred()
    .source_clearing(SourceClearing::Standard)
    .ach_source_addenda("ABC123_AddendaValue")
    .metadata("batch1", "batch1")
    .correlation_id("6d127333-69e9-4c2b-8cae-df850228e130")
    .idempotency_key("batch-2024-06-01");
    let r = build_sandbox(&op);
    assert_eq!(r.headers()["idempotency-key"], "batch-2024-06-01");
    let expected = concat!(
        r#"{"_links":{"source":{"href":"https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4"}},"#,
        r#""items":[{"_links":{"destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db"}},"#,
        r#""amount":{"currency":"USD","value":"1.00"},"processingChannel":{"destination":"real-time-payments"},"#,
        r#""metadata":{"payment1":"payment1"},"clearing":{"destination":"next-available"},"#,
        r#""achDetails":{"destination":{"addenda":{"values":["ZYX987_AddendaValue"]}}},"#,
        r#""correlationId":"ad6ca82d-59f7-45f0-a8d2-94c2cd4e8841"},"#,
        r#"{"_links":{"destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/b442c936-1f87-465d-a4e2-a982164b26bd"}},"amount":{"currency":"USD","value":"5.00"}}],"#,
        r#""status":"deferred","#,
        r#""achDetails":{"source":{"addenda":{"values":["ABC123_AddendaValue"]}}},"#,
        r#""clearing":{"source":"standard"},"#,
        r#""metadata":{"batch1":"batch1"},"#,
        r#""correlationId":"6d127333-69e9-4c2b-8cae-df850228e130"}"#
    );
    assert_eq!(body_str(&r), expected);
    assert_eq!(
        build_sandbox(&op).body(),
        r.body(),
        "byte-identical on rebuild"
    );
}

#[test]
fn item_counts_are_checked() {
    let item = || PaymentItem::new(DEST_1, usd("0.01"));
    let (field, why) = invalid(try_build_sandbox(&InitiateMassPayment::new(SOURCE, vec![])));
    assert_eq!(field, "items");
    assert!(why.contains("1 to 5000"), "{why}");
    let full = InitiateMassPayment::new(SOURCE, vec![item(); MAX_ITEMS]);
    let r = build_sandbox(&full);
    let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 5_000);
    let (field, why) = invalid(try_build_sandbox(&full.item(item())));
    assert_eq!(field, "items");
    assert!(why.contains("5001"), "{why}");
}

#[test]
fn item_checks_name_the_field_and_the_item() {
    let good = PaymentItem::new(DEST_1, usd("1"));
    let cases: Vec<(PaymentItem, &str)> = vec![
        (PaymentItem::new(DEST_1, usd("0")), "items[].amount"),
        (PaymentItem::new("", usd("1")), "items[].destination"),
        (
            PaymentItem::new("https://api-sandbox.dwolla.com/customers/x", usd("1")),
            "items[].destination",
        ),
        (good.clone().metadata("", "v"), "items[].metadata"),
        (good.clone().correlation_id("a b"), "items[].correlation_id"),
        (
            good.clone().ach_destination_addenda("x".repeat(81)),
            "items[].ach_destination_addenda",
        ),
        (
            good.clone().processing_channel(ProcessingChannel::FedNow),
            "items[].processing_channel",
        ),
    ];
    for (bad, field) in cases {
        let op = InitiateMassPayment::new(SOURCE, vec![good.clone(), good.clone(), bad]);
        let (f, why) = invalid(try_build_sandbox(&op));
        assert_eq!(f, field);
        assert!(why.starts_with("(item 2) "), "{field}: {why}");
    }
    let op = |m: InitiateMassPayment| invalid(try_build_sandbox(&m)).0;
    assert_eq!(op(one(good.clone()).metadata("k", "a\u{7}")), "metadata");
    assert_eq!(op(one(good.clone()).correlation_id("")), "correlation_id");
    assert_eq!(
        op(one(good.clone()).ach_source_addenda("<")),
        "ach_source_addenda"
    );
    assert_eq!(op(one(good.clone()).idempotency_key("")), "idempotency_key");
    assert_eq!(
        op(InitiateMassPayment::new(
            "https://api-sandbox.dwolla.com/mass-payments/x",
            vec![good]
        )),
        "source"
    );
}

#[test]
fn created_and_documented_create_errors() {
    let op = one(PaymentItem::new(DEST_1, usd("1")));
    let created = op.parse_response(fixtures::mass_payment_created()).unwrap();
    assert_eq!(created.id(), fixtures::MASS_PAYMENT_ID);
    assert_eq!(
        build_sandbox(&created.retrieve()).uri().path(),
        format!("/mass-payments/{}", fixtures::MASS_PAYMENT_ID)
    );
    assert_documented_errors(&op, fixtures::documented_initiate_mass_payment_errors());
}

#[test]
fn a_mass_payment_reads_either_metadata_spelling() {
    let op = RetrieveMassPayment::new(fixtures::mass_payment_href(fixtures::MASS_PAYMENT_ID));
    assert_eq!(
        build_sandbox(&op).uri().path(),
        format!("/mass-payments/{}", fixtures::MASS_PAYMENT_ID)
    );
    let m = op.parse_response(fixtures::mass_payment()).unwrap();
    assert_eq!(m.id(), fixtures::MASS_PAYMENT_ID);
    assert_eq!(m.status(), &MassPaymentStatus::Complete);
    assert_eq!(m.total(), Some(&usd("0.02")));
    assert_eq!(m.total_fees(), Some(&usd("0")));
    assert_eq!(m.metadata_str("batch"), Some("batch1"));
    assert_eq!(m.meta_data_member(), None);
    assert_eq!(
        m.correlation_id(),
        Some("d028beed-8152-481d-9427-21b6c4d99644")
    );
    assert!(m.source_href().unwrap().contains("/funding-sources/"));
    assert!(m.items_href().unwrap().ends_with("/items"));
    assert!(!m.is_deferred());
    let spec = op
        .parse_response(fixtures::mass_payment_in("deferred"))
        .unwrap();
    assert_eq!(spec.metadata_str("batch"), Some("batch1"));
    assert_eq!(spec.metadata_member(), None);
    assert!(spec.is_deferred());
    assert_documented_errors(&op, fixtures::documented_get_mass_payment_errors());
}

#[test]
fn release_and_cancel_are_exact() {
    for (op, status) in [
        (
            UpdateMassPayment::release(fixtures::MASS_PAYMENT_ID),
            "pending",
        ),
        (
            UpdateMassPayment::cancel(fixtures::mass_payment_href(fixtures::MASS_PAYMENT_ID)),
            "cancelled",
        ),
    ] {
        let r = build_sandbox(&op);
        assert_eq!(r.method(), http::Method::POST);
        assert_eq!(
            r.uri().path(),
            format!("/mass-payments/{}", fixtures::MASS_PAYMENT_ID)
        );
        assert_eq!(body_str(&r), format!(r#"{{"status":"{status}"}}"#));
        assert_eq!(op.status(), status);
        let m = op
            .parse_response(fixtures::mass_payment_in(status))
            .unwrap();
        assert_eq!(m.status().as_str(), status);
        assert_documented_errors(&op, fixtures::documented_update_mass_payment_errors());
    }
    assert_eq!(
        build_sandbox(&UpdateMassPayment::release("m").idempotency_key("rel-1")).headers()
            ["idempotency-key"],
        "rel-1"
    );
    assert_eq!(
        invalid(try_build_sandbox(&UpdateMassPayment::cancel(""))).0,
        "mass_payment_id"
    );
}

#[test]
fn items_list_with_their_failures() {
    let op = ListMassPaymentItems::new(fixtures::MASS_PAYMENT_ID)
        .status(MassPaymentItemStatus::Failed)
        .status(MassPaymentItemStatus::Pending)
        .limit(50)
        .offset(50);
    assert_eq!(
        build_sandbox(&op).uri(),
        format!(
            "https://api-sandbox.dwolla.com/mass-payments/{}/items?limit=50&offset=50&status=failed&status=pending",
            fixtures::MASS_PAYMENT_ID
        )
        .as_str()
    );
    assert_eq!(
        invalid(try_build_sandbox(
            &ListMassPaymentItems::new("m").limit(201)
        ))
        .0,
        "limit"
    );
    let items = op.parse_response(fixtures::mass_payment_items()).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items.total(), Some(2));
    let ok = &items[0];
    assert_eq!(ok.status(), &MassPaymentItemStatus::Success);
    assert!(ok.errors().is_empty());
    assert!(ok.transfer_href().unwrap().contains("/transfers/"));
    assert_eq!(ok.metadata_str("item1"), Some("item1"));
    assert_eq!(
        ok.processing_channel().unwrap().destination(),
        &ProcessingChannel::RealTimePayments
    );
    let failed = &items[1];
    assert_eq!(failed.id(), fixtures::FAILED_MASS_PAYMENT_ITEM_ID);
    assert_eq!(failed.status(), &MassPaymentItemStatus::Failed);
    assert_eq!(failed.transfer_href(), None);
    assert_eq!(failed.errors().len(), 1);
    assert_eq!(
        failed.errors()[0].code(),
        &ItemFailureCode::RequiresFundingSource
    );
    assert_eq!(
        failed.errors()[0].message(),
        Some("Receiver requires funding source.")
    );
    assert_eq!(failed.errors()[0].path(), Some("/items/destination/href"));
    assert_eq!(
        failed.mass_payment_href(),
        Some(fixtures::mass_payment_href(fixtures::MASS_PAYMENT_ID).as_str())
    );
    assert_documented_errors(&op, fixtures::documented_list_mass_payment_items_errors());
}

#[test]
fn one_item_and_a_customers_list() {
    let op = RetrieveMassPaymentItem::new(fixtures::mass_payment_item_href(
        fixtures::MASS_PAYMENT_ITEM_ID,
    ));
    assert_eq!(
        build_sandbox(&op).uri().path(),
        format!("/mass-payment-items/{}", fixtures::MASS_PAYMENT_ITEM_ID)
    );
    let item = op.parse_response(fixtures::mass_payment_item()).unwrap();
    assert_eq!(item.amount(), Some(&usd("1.00")));
    assert_documented_errors(&op, fixtures::documented_get_mass_payment_item_errors());

    let op = ListCustomerMassPayments::new(fixtures::CUSTOMER_ID)
        .correlation_id("batch-1")
        .limit(10)
        .offset(20);
    assert_eq!(
        build_sandbox(&op).uri(),
        format!(
            "https://api-sandbox.dwolla.com/customers/{}/mass-payments?limit=10&offset=20&correlationId=batch-1",
            fixtures::CUSTOMER_ID
        )
        .as_str()
    );
    assert_eq!(
        invalid(try_build_sandbox(
            &ListCustomerMassPayments::new("c").correlation_id("a b")
        ))
        .0,
        "correlation_id"
    );
    assert_eq!(
        invalid(try_build_sandbox(
            &ListCustomerMassPayments::new("c").limit(0)
        ))
        .0,
        "limit"
    );
    let list = op
        .parse_response(fixtures::customer_mass_payments(fixtures::CUSTOMER_ID))
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status(), &MassPaymentStatus::Complete);
    assert_documented_errors(
        &op,
        fixtures::documented_list_customer_mass_payments_errors(),
    );
}

#[test]
fn names_are_the_spec_operation_ids() {
    assert_eq!(
        one(PaymentItem::new("d", usd("1"))).name(),
        "initiateMassPayment"
    );
    assert_eq!(RetrieveMassPayment::new("x").name(), "getMassPayment");
    assert_eq!(UpdateMassPayment::release("x").name(), "updateMassPayment");
    assert_eq!(
        ListMassPaymentItems::new("x").name(),
        "listMassPaymentItems"
    );
    assert_eq!(
        RetrieveMassPaymentItem::new("x").name(),
        "getMassPaymentItem"
    );
    assert_eq!(
        ListCustomerMassPayments::new("x").name(),
        "listCustomerMassPayments"
    );
}
