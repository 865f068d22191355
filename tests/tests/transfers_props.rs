//! Property tests for transfers, the account's lists and sandbox
//! simulations: arbitrary input builds a well-formed request or is refused
//! naming one of the operation's fields; no response makes a parser panic;
//! a list keeps or skips every item, never loses one.

mod support;

use dwolla_core::accounts::{ListAccountMassPayments, ListAccountTransfers, RetrieveAccount};
use dwolla_core::sandbox::SimulateBankTransferProcessing;
use dwolla_core::transfers::{
    CancelTransfer, Date, DestinationClearing, Fee, InitiateTransfer, ListCustomerTransfers,
    ListTransferFees, ProcessingChannel, RetrieveTransfer, RetrieveTransferFailure, SourceClearing,
    TransferStatus,
};
use dwolla_core::{AccessToken, Amount, Environment, Operation};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};
use support::props::{check_op, input, json_value};
use support::{rejected_field, response};

fn link(collection: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-f0-9-]{1,36}",
        3 => "[a-f0-9-]{1,36}".prop_map(move |id| format!("https://api-sandbox.dwolla.com/{collection}/{id}")),
        1 => "[a-f0-9-]{1,12}".prop_map(|id| format!("https://api-sandbox.dwolla.com/transfers/{id}")),
        2 => input(),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[A-Za-z0-9 _.#,-]{{1,{max}}}")).unwrap(),
        1 => proptest::string::string_regex(&format!("[A-Za-z0-9]{{{},{}}}", max.saturating_sub(2), max + 3)).unwrap(),
        2 => input(),
    ]
}

fn cents() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 1i64..100_000_000, 1 => -5i64..5, 1 => any::<i64>()]
}

fn channel() -> impl Strategy<Value = Option<ProcessingChannel>> {
    prop::option::of(prop_oneof![
        Just(ProcessingChannel::Instant),
        Just(ProcessingChannel::RealTimePayments),
        Just(ProcessingChannel::FedNow),
    ])
}

const TRANSFER_FIELDS: &[&str] = &[
    "source",
    "destination",
    "amount",
    "fees",
    "max_fees_percent",
    "metadata",
    "ach_source_addenda",
    "ach_destination_addenda",
    "remittance_data",
    "correlation_id",
    "processing_channel",
    "idempotency_key",
];

/// The members transfer parsers read, for [`json_value`].
const KEYS: &[&str] = &[
    "_links",
    "self",
    "href",
    "id",
    "status",
    "amount",
    "value",
    "currency",
    "created",
    "metadata",
    "metaData",
    "_embedded",
    "transfers",
    "fees",
    "transactions",
    "total",
    "code",
    "description",
    "explanation",
    "clearing",
    "source",
    "destination",
    "achDetails",
    "addenda",
    "values",
    "routingNumber",
    "processingChannel",
    "name",
    "timezoneOffset",
    "errors",
    "message",
    "path",
];

/// Realistic strings among the junk.
const TEXTS: &[&str] = &[
    "https://api-sandbox.dwolla.com/transfers/abc",
    "10.00",
    "pending",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn initiate_builds_or_names_the_field(
        source in link("funding-sources"),
        destination in link("funding-sources"),
        amount in cents(),
        fees in prop_oneof![
            3 => Just(Vec::new()),
            2 => prop::collection::vec(("[a-f0-9-]{1,36}".prop_map(String::from), 1i64..100), 1..3),
            1 => prop::collection::vec((link("customers"), cents()), 0..3),
        ],
        percent in prop_oneof![4 => Just(50u8), 1 => any::<u8>()],
        metadata in prop_oneof![
            4 => prop::collection::vec(("[a-zA-Z]{1,8}", "[a-z0-9 ]{0,8}"), 0..4),
            1 => prop::collection::vec((text(12), text(12)), 0..12),
        ],
        addenda in prop_oneof![2 => Just(None), 1 => prop::option::of(text(80))],
        remittance in prop_oneof![2 => Just(None), 1 => prop::option::of(text(140))],
        correlation in prop_oneof![2 => Just(None), 1 => prop::option::of(prop_oneof![2 => "[A-Za-z0-9._-]{1,40}", 1 => input()])],
        channel in prop_oneof![2 => Just(None), 1 => channel()],
        clearing in (any::<bool>(), any::<bool>()),
        key in prop_oneof![2 => Just(None), 1 => prop::option::of(input())],
    ) {
        let mut op = InitiateTransfer::new(&source, &destination, Amount::from_cents(amount))
            .max_fees_percent(percent);
        for (charge_to, c) in &fees {
            op = op.fee(Fee::new(charge_to, Amount::from_cents(*c)));
        }
        for (k, v) in &metadata {
            op = op.metadata(k, v);
        }
        if let Some(a) = &addenda {
            op = op.ach_source_addenda(a).ach_destination_addenda(a);
        }
        if let Some(r) = &remittance {
            op = op.instant_remittance_data(r);
        }
        if let Some(c) = &correlation {
            op = op.correlation_id(c);
        }
        if let Some(c) = channel {
            op = op.processing_channel(c);
        }
        if clearing.0 {
            op = op.source_clearing(SourceClearing::NextAvailable);
        }
        if clearing.1 {
            op = op.destination_clearing(DestinationClearing::NextAvailable);
        }
        if let Some(k) = &key {
            op = op.idempotency_key(k);
        }
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(r) => {
                prop_assert_eq!(r.uri().path(), "/transfers");
                let v: Value = serde_json::from_slice(r.body()).expect("a JSON body");
                let value = Amount::from_cents(amount).to_string();
                prop_assert_eq!(v["amount"]["value"].as_str(), Some(value.as_str()));
                prop_assert!(amount >= 1);
                for side in ["source", "destination"] {
                    let href = v["_links"][side]["href"].as_str().unwrap();
                    prop_assert!(href.starts_with("http"), "{}", href);
                }
                prop_assert_eq!(
                    v["fees"].as_array().map_or(0, Vec::len),
                    fees.len()
                );
                prop_assert_eq!(
                    v["metadata"].as_object().map_or(0, |m| m.len()),
                    metadata.len()
                );
                prop_assert!(metadata.len() <= 10);
                prop_assert_eq!(
                    r.headers().get("idempotency-key").map(|h| h.to_str().unwrap()),
                    key.as_deref()
                );
                // Deterministic: the same input is the same bytes.
                let again = op.build_request(&Environment::Sandbox, &AccessToken::new("t")).unwrap();
                prop_assert_eq!(again.body(), r.body());
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(TRANSFER_FIELDS.contains(&field), "unexpected field {}", field);
            }
        }
    }

    #[test]
    fn searches_build_or_name_the_field(
        customer in link("customers"),
        limit in prop::option::of(prop_oneof![1u32..=200, any::<u32>()]),
        offset in prop::option::of(prop_oneof![0u32..10_000, any::<u32>()]),
        search in prop::option::of(input()),
        amounts in (prop::option::of(cents()), prop::option::of(cents())),
        dates in (prop::option::of((1u16..3000, 1u8..13, 1u8..29)), prop::option::of((1u16..3000, 1u8..13, 1u8..29))),
        status in prop::option::of(prop_oneof![Just(TransferStatus::Pending), Just(TransferStatus::Failed), input().prop_map(TransferStatus::Other)]),
        correlation in prop::option::of(prop_oneof!["[a-z0-9-]{1,20}", input()]),
        account in any::<bool>(),
    ) {
        let date = |d: Option<(u16, u8, u8)>| d.map(|(y, m, d)| Date::new(y, m, d).unwrap());
        macro_rules! filters {
            ($op:expr) => {{
                let mut op = $op;
                if let Some(l) = limit { op = op.limit(l); }
                if let Some(o) = offset { op = op.offset(o); }
                if let Some(s) = &search { op = op.search(s); }
                if let Some(c) = amounts.0 { op = op.start_amount(Amount::from_cents(c)); }
                if let Some(c) = amounts.1 { op = op.end_amount(Amount::from_cents(c)); }
                if let Some(d) = date(dates.0) { op = op.start_date(d); }
                if let Some(d) = date(dates.1) { op = op.end_date(d); }
                if let Some(s) = &status { op = op.status(s.clone()); }
                if let Some(c) = &correlation { op = op.correlation_id(c); }
                op.build_request(&Environment::Sandbox, &AccessToken::new("t"))
            }};
        }
        let built = if account {
            filters!(ListAccountTransfers::new(&customer))
        } else {
            filters!(ListCustomerTransfers::new(&customer))
        };
        match built {
            Ok(r) => {
                prop_assert!(r.uri().path().ends_with("/transfers"));
                let reach = u64::from(offset.unwrap_or(0)) + u64::from(limit.unwrap_or(25));
                prop_assert!(reach <= 10_000);
                for pair in r.uri().query().unwrap_or("").split('&').filter(|p| !p.is_empty()) {
                    let key = pair.split('=').next().unwrap();
                    prop_assert!(
                        ["limit", "offset", "search", "startAmount", "endAmount", "startDate", "endDate", "status", "correlationId"].contains(&key),
                        "unexpected query key {}", key
                    );
                }
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(
                    ["customer_id", "account_id", "limit", "offset", "search", "start_amount", "end_amount", "end_date", "status", "correlation_id"].contains(&field),
                    "unexpected field {}", field
                );
            }
        }
    }

    #[test]
    fn dates_round_trip_or_are_refused(y in 0u16..10_100, m in 0u8..14, d in 0u8..33, s in "[0-9-]{8,11}|\\PC{0,12}") {
        if let Ok(date) = Date::new(y, m, d) {
            let text = date.to_string();
            prop_assert_eq!(text.len(), 10);
            prop_assert_eq!(text.parse::<Date>().unwrap(), date);
        }
        match s.parse::<Date>() {
            Ok(date) => prop_assert_eq!(date.to_string(), s),
            Err(e) => prop_assert_eq!(rejected_field(&e), "date"),
        }
    }
}

/// Parses with every operation of these families and checks each result
/// with [`check`]: success only for 2xx, errors keep their bytes.
fn parse_all(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    let r = response(status, body.to_vec());
    let r = &r;
    check_op(RetrieveTransfer::new("t"), r)?;
    check_op(CancelTransfer::new("t"), r)?;
    check_op(ListCustomerTransfers::new("c"), r)?;
    check_op(ListTransferFees::new("t"), r)?;
    check_op(RetrieveTransferFailure::new("t"), r)?;
    check_op(InitiateTransfer::new("a", "b", Amount::from_cents(1)), r)?;
    check_op(RetrieveAccount::new("a"), r)?;
    check_op(ListAccountTransfers::new("a"), r)?;
    check_op(ListAccountMassPayments::new("a"), r)?;
    check_op(SimulateBankTransferProcessing::new(), r)?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_body_makes_a_parser_panic(
        status in prop_oneof![Just(200u16), Just(201), Just(400), Just(403), Just(404), Just(429), 100u16..600],
        body in prop_oneof![
            json_value(KEYS, TEXTS).prop_map(|v| serde_json::to_vec(&v).unwrap()),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
    ) {
        parse_all(status, &body)?;
    }

    /// Every item of a transfer list is either kept (in order) or reported
    /// as skipped: none is lost.
    #[test]
    fn lists_keep_or_skip_every_item(items in prop::collection::vec(prop_oneof![
        3 => "[a-z0-9-]{1,12}".prop_map(|id| json!({"id": id, "status": "pending", "amount": {"value": "1.00", "currency": "USD"}})),
        1 => "[a-z0-9-]{1,12}".prop_map(|id| json!({"_links": {"self": {"href": format!("https://api-sandbox.dwolla.com/transfers/{id}")}}, "amount": 5})),
        1 => json_value(KEYS, TEXTS),
    ], 0..12)) {
        let body = json!({"_embedded": {"transfers": items}, "total": items.len()});
        let list = ListCustomerTransfers::new("c")
            .parse_response(response(200, serde_json::to_vec(&body).unwrap()))
            .unwrap();
        prop_assert_eq!(list.len() + list.skipped().len(), items.len());
        let mut kept = list.iter();
        for (i, item) in items.iter().enumerate() {
            if list.skipped().iter().any(|s| s.index() == i) {
                continue;
            }
            let t = kept.next().unwrap();
            let expected = item["id"].as_str().filter(|id| !id.is_empty()).map(str::to_owned).or_else(|| {
                item["_links"]["self"]["href"].as_str().and_then(|h| h.rsplit('/').next()).map(str::to_owned)
            });
            prop_assert_eq!(Some(t.id().to_owned()), expected);
        }
    }
}
