//! Property tests for mass payments: arbitrary input builds a well-formed
//! request or is refused naming one of the operation's fields; no response
//! makes a parser panic; an item list keeps or skips every item.

mod support;

use dwolla_core::mass_payments::{
    InitiateMassPayment, ListCustomerMassPayments, ListMassPaymentItems, MassPaymentItemStatus,
    PaymentItem, RetrieveMassPayment, RetrieveMassPaymentItem, UpdateMassPayment,
};
use dwolla_core::transfers::{DestinationClearing, ProcessingChannel, SourceClearing};
use dwolla_core::{AccessToken, Amount, Environment, Operation};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::props::{check_op, input, json_value};
use support::{rejected_field, response};

fn funding_source() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-f0-9-]{1,36}",
        2 => "[a-f0-9-]{1,36}".prop_map(|id| format!("https://api-sandbox.dwolla.com/funding-sources/{id}")),
        1 => input(),
    ]
}

fn maybe<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![3 => Just(None), 1 => s.prop_map(Some)]
}

fn item() -> impl Strategy<Value = PaymentItem> {
    (
        funding_source(),
        prop_oneof![4 => 1i64..1_000_000, 1 => -3i64..3],
        prop_oneof![3 => prop::collection::vec(("[a-z]{1,6}", "[a-z0-9]{0,6}"), 0..3), 1 => prop::collection::vec((input(), input()), 0..12)],
        maybe(prop_oneof!["[A-Za-z0-9._-]{1,30}", input()]),
        any::<bool>(),
        maybe(prop_oneof!["[A-Za-z0-9 ]{1,80}", input()]),
        maybe(prop_oneof![
            Just(ProcessingChannel::RealTimePayments),
            Just(ProcessingChannel::Instant),
            Just(ProcessingChannel::FedNow)
        ]),
    )
        .prop_map(|(dest, cents, metadata, corr, clearing, addenda, channel)| {
            let mut item = PaymentItem::new(dest, Amount::from_cents(cents));
            for (k, v) in metadata {
                item = item.metadata(k, v);
            }
            if let Some(c) = corr {
                item = item.correlation_id(c);
            }
            if clearing {
                item = item.destination_clearing(DestinationClearing::NextAvailable);
            }
            if let Some(a) = addenda {
                item = item.ach_destination_addenda(a);
            }
            if let Some(c) = channel {
                item = item.processing_channel(c);
            }
            item
        })
}

const FIELDS: &[&str] = &[
    "source",
    "items",
    "items[].destination",
    "items[].amount",
    "items[].metadata",
    "items[].correlation_id",
    "items[].ach_destination_addenda",
    "items[].processing_channel",
    "ach_source_addenda",
    "metadata",
    "correlation_id",
    "idempotency_key",
];

/// The members mass payment parsers read, for [`json_value`].
const KEYS: &[&str] = &[
    "_links",
    "self",
    "href",
    "id",
    "status",
    "amount",
    "value",
    "currency",
    "metadata",
    "metaData",
    "_embedded",
    "items",
    "mass-payments",
    "errors",
    "code",
    "message",
    "path",
    "total",
    "totalFees",
    "correlationId",
    "processingChannel",
    "destination",
];

/// Realistic strings among the junk.
const TEXTS: &[&str] = &[
    "https://api-sandbox.dwolla.com/mass-payment-items/abc",
    "1.00",
    "failed",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn initiate_builds_or_names_the_field(
        source in funding_source(),
        items in prop::collection::vec(item(), 0..4),
        deferred in any::<bool>(),
        clearing in maybe(prop_oneof![Just(SourceClearing::Standard), Just(SourceClearing::NextAvailable)]),
        addenda in maybe(prop_oneof!["[A-Za-z0-9 ]{1,80}", input()]),
        metadata in prop::collection::vec(("[a-z]{1,6}", "[a-z]{0,6}"), 0..3),
        correlation in maybe(prop_oneof!["[A-Za-z0-9._-]{1,30}", input()]),
        key in maybe(input()),
    ) {
        let n = items.len();
        let mut op = InitiateMassPayment::new(&source, items);
        if deferred { op = op.deferred(); }
        if let Some(c) = clearing { op = op.source_clearing(c); }
        if let Some(a) = &addenda { op = op.ach_source_addenda(a); }
        for (k, v) in &metadata { op = op.metadata(k, v); }
        if let Some(c) = &correlation { op = op.correlation_id(c); }
        if let Some(k) = &key { op = op.idempotency_key(k); }
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(r) => {
                let v: Value = serde_json::from_slice(r.body()).expect("a JSON body");
                prop_assert_eq!(v["items"].as_array().unwrap().len(), n);
                prop_assert!(n >= 1);
                for item in v["items"].as_array().unwrap() {
                    let href = item["_links"]["destination"]["href"].as_str().unwrap();
                    prop_assert!(href.contains("/funding-sources/"), "{}", href);
                    prop_assert!(!item["amount"]["value"].as_str().unwrap().starts_with('-'));
                }
                prop_assert_eq!(v["status"].as_str(), deferred.then_some("deferred"));
                prop_assert!(v.get("metaData").is_none(), "requests say metadata");
                let again = op.build_request(&Environment::Sandbox, &AccessToken::new("t")).unwrap();
                prop_assert_eq!(again.body(), r.body());
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(FIELDS.contains(&field), "unexpected field {}", field);
            }
        }
    }

    #[test]
    fn lists_build_or_name_the_field(
        id in prop_oneof![3 => "[a-f0-9-]{1,36}", 1 => input()],
        limit in maybe(prop_oneof![1u32..=200, any::<u32>()]),
        offset in maybe(any::<u32>()),
        correlation in maybe(prop_oneof!["[A-Za-z0-9._-]{1,30}", input()]),
        failed in any::<bool>(),
    ) {
        let mut items = ListMassPaymentItems::new(&id);
        let mut customer = ListCustomerMassPayments::new(&id);
        if let Some(l) = limit { items = items.limit(l); customer = customer.limit(l); }
        if let Some(o) = offset { items = items.offset(o); customer = customer.offset(o); }
        if failed { items = items.status(MassPaymentItemStatus::Failed); }
        if let Some(c) = &correlation { customer = customer.correlation_id(c); }
        let env = Environment::Sandbox;
        let token = AccessToken::new("t");
        for (built, fields) in [
            (items.build_request(&env, &token), &["mass_payment_id", "limit"][..]),
            (customer.build_request(&env, &token), &["customer_id", "limit", "correlation_id"][..]),
        ] {
            match built {
                Ok(r) => prop_assert!(r.body().is_empty()),
                Err(e) => {
                    let field = rejected_field(&e);
                    prop_assert!(fields.contains(&field), "unexpected field {}", field);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_body_makes_a_parser_panic(
        status in prop_oneof![Just(200u16), Just(201), Just(400), Just(404), 100u16..600],
        body in prop_oneof![
            json_value(KEYS, TEXTS).prop_map(|v| serde_json::to_vec(&v).unwrap()),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
    ) {
        let r = &response(status, body);
        check_op(InitiateMassPayment::new("s", vec![PaymentItem::new("d", Amount::from_cents(1))]), r)?;
        check_op(RetrieveMassPayment::new("m"), r)?;
        check_op(UpdateMassPayment::release("m"), r)?;
        check_op(ListMassPaymentItems::new("m"), r)?;
        check_op(RetrieveMassPaymentItem::new("i"), r)?;
        check_op(ListCustomerMassPayments::new("c"), r)?;
    }

    #[test]
    fn item_lists_keep_or_skip_every_item(items in prop::collection::vec(prop_oneof![
        3 => "[a-z0-9-]{1,12}".prop_map(|id| json!({"id": id, "status": "failed", "_embedded": {"errors": [{"code": "Restricted"}, 3]}})),
        1 => json_value(KEYS, TEXTS),
    ], 0..12)) {
        let body = json!({"_embedded": {"items": items}});
        let list = ListMassPaymentItems::new("m")
            .parse_response(response(200, serde_json::to_vec(&body).unwrap()))
            .unwrap();
        prop_assert_eq!(list.len() + list.skipped().len(), items.len());
        // Each kept item has exactly the errors that are objects, in order.
        let mut kept = list.iter();
        for (i, raw) in items.iter().enumerate() {
            if list.skipped().iter().any(|s| s.index() == i) {
                continue;
            }
            let item = kept.next().unwrap();
            let expected = raw["_embedded"]["errors"]
                .as_array()
                .map_or(0, |errors| errors.iter().filter(|e| e.is_object()).count());
            prop_assert_eq!(item.errors().len(), expected);
        }
    }
}
