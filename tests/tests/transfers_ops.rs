//! Transfers, the account's transfers and sandbox simulations, sans IO: the
//! exact request of every body form and option, every input check naming
//! its field, and every documented response parsing to what it means.

mod support;

use dwolla_core::accounts::{ListAccountMassPayments, ListAccountTransfers, RetrieveAccount};
use dwolla_core::sandbox::SimulateBankTransferProcessing;
use dwolla_core::transfers::{
    CancelTransfer, ClearingSpeed, Date, DestinationClearing, Fee, InitiateTransfer,
    ListCustomerTransfers, ListTransferFees, Metadata, ProcessingChannel, RetrieveTransfer,
    RetrieveTransferFailure, SourceClearing, TransferStatus, MAX_PAGE_SIZE,
};
use dwolla_core::{AccessToken, Amount, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{
    assert_documented_errors, body_str, build_sandbox, invalid, invalid_field, try_build_sandbox,
    usd,
};

const FS_SOURCE: &str =
    "https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4";
const FS_DEST: &str =
    "https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db";
const CUSTOMER: &str = "d795f696-2cac-4662-8f16-95f1db9bddd8";

fn transfer() -> InitiateTransfer {
    InitiateTransfer::new(FS_SOURCE, FS_DEST, usd("10.00"))
}

// ---------------------------------------------------------------------------
// POST /transfers: exact bytes
// ---------------------------------------------------------------------------

#[test]
fn minimal_transfer_is_exact() {
    let r = build_sandbox(&transfer());
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(r.uri(), "https://api-sandbox.dwolla.com/transfers");
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(r.headers()["authorization"], "Bearer tok");
    // The operation sets no key of its own; the client adds one to every POST.
    assert!(r.headers().get("idempotency-key").is_none());
    assert_eq!(
        body_str(&r),
        format!(
            r#"{{"_links":{{"source":{{"href":"{FS_SOURCE}"}},"destination":{{"href":"{FS_DEST}"}}}},"amount":{{"currency":"USD","value":"10.00"}}}}"#
        )
    );
}

#[test]
fn every_option_is_exact_in_the_spec_order() {
    let r = build_sandbox(
        &InitiateTransfer::new(FS_SOURCE, FS_DEST, usd("100"))
            .metadata("paymentId", "12345678")
            .metadata("note", "payment for completed work Dec. 1")
            .fee(Fee::new(
                format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}"),
                usd("4.00"),
            ))
            .fee(Fee::new(CUSTOMER, usd("0.01")))
            .source_clearing(SourceClearing::Standard)
            .destination_clearing(DestinationClearing::NextAvailable)
            .ach_source_addenda("ABC123_AddendaValue")
            .ach_destination_addenda("ZYX987_AddendaValue")
            .instant_remittance_data("ABC_123 Remittance Data")
            .correlation_id("6d127333-69e9-4c2b-8cae-df850228e130")
            .processing_channel(ProcessingChannel::Instant)
            .idempotency_key("payout-4711"),
    );
    assert_eq!(r.headers()["idempotency-key"], "payout-4711");
    let expected = concat!(
        r#"{"_links":{"source":{"href":"https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4"},"destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db"}},"#,
        r#""amount":{"currency":"USD","value":"100.00"},"#,
        r#""metadata":{"paymentId":"12345678","note":"payment for completed work Dec. 1"},"#,
        r#""fees":[{"_links":{"charge-to":{"href":"https://api-sandbox.dwolla.com/customers/d795f696-2cac-4662-8f16-95f1db9bddd8"}},"amount":{"currency":"USD","value":"4.00"}},"#,
        r#"{"_links":{"charge-to":{"href":"https://api-sandbox.dwolla.com/customers/d795f696-2cac-4662-8f16-95f1db9bddd8"}},"amount":{"currency":"USD","value":"0.01"}}],"#,
        r#""clearing":{"source":"standard","destination":"next-available"},"#,
        r#""achDetails":{"source":{"addenda":{"values":["ABC123_AddendaValue"]}},"destination":{"addenda":{"values":["ZYX987_AddendaValue"]}}},"#,
        r#""instantDetails":{"destination":{"remittanceData":"ABC_123 Remittance Data"}},"#,
        r#""correlationId":"6d127333-69e9-4c2b-8cae-df850228e130","#,
        r#""processingChannel":{"destination":"instant"}}"#
    );
    assert_eq!(body_str(&r), expected);
}

#[test]
fn each_option_alone_is_exact() {
    let base = format!(
        r#"{{"_links":{{"source":{{"href":"{FS_SOURCE}"}},"destination":{{"href":"{FS_DEST}"}}}},"amount":{{"currency":"USD","value":"10.00"}}"#
    );
    let cases: Vec<(InitiateTransfer, &str)> = vec![
        (
            transfer().source_clearing(SourceClearing::NextAvailable),
            r#","clearing":{"source":"next-available"}}"#,
        ),
        (
            transfer().destination_clearing(DestinationClearing::NextAvailable),
            r#","clearing":{"destination":"next-available"}}"#,
        ),
        (
            transfer().ach_source_addenda("INV 42"),
            r#","achDetails":{"source":{"addenda":{"values":["INV 42"]}}}}"#,
        ),
        (
            transfer().ach_destination_addenda("INV 42"),
            r#","achDetails":{"destination":{"addenda":{"values":["INV 42"]}}}}"#,
        ),
        (
            transfer().rtp_remittance_data("Invoice \"42\""),
            r#","rtpDetails":{"destination":{"remittanceData":"Invoice \"42\""}}}"#,
        ),
        (
            // The later remittance form replaces the earlier.
            transfer()
                .rtp_remittance_data("a")
                .instant_remittance_data("b"),
            r#","instantDetails":{"destination":{"remittanceData":"b"}}}"#,
        ),
        (
            transfer().processing_channel(ProcessingChannel::RealTimePayments),
            r#","processingChannel":{"destination":"real-time-payments"}}"#,
        ),
        (
            transfer().correlation_id("a.b-c_1"),
            r#","correlationId":"a.b-c_1"}"#,
        ),
        (
            transfer().metadata_all(Metadata::new().insert("k\"ey", "vé")),
            r#","metadata":{"k\"ey":"vé"}}"#,
        ),
        (
            // Empty metadata is not sent.
            transfer().metadata_all(Metadata::new()),
            "}",
        ),
    ];
    for (op, tail) in cases {
        let r = build_sandbox(&op);
        assert_eq!(body_str(&r), format!("{base}{tail}"), "{op:?}");
        serde_json::from_slice::<serde_json::Value>(r.body()).expect("valid JSON");
    }
}

#[test]
fn bare_ids_expand_and_urls_are_kept() {
    let r = build_sandbox(&InitiateTransfer::new(
        "707177c3-bf15-4e7e-b37c-55c3898d9bf4",
        "9c7f8d57-cd45-4e7a-bf7a-914dbd6131db",
        usd("1"),
    ));
    let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
    assert_eq!(v["_links"]["source"]["href"], FS_SOURCE);
    assert_eq!(v["_links"]["destination"]["href"], FS_DEST);
    // On another environment a bare id expands to that environment.
    let prod = InitiateTransfer::new("a", "b", usd("1"))
        .build_request(&Environment::Production, &AccessToken::new("t"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(prod.body()).unwrap();
    assert_eq!(
        v["_links"]["source"]["href"],
        "https://api.dwolla.com/funding-sources/a"
    );
    // A destination may be a customer's or an account's URL.
    for dest in [
        "https://api-sandbox.dwolla.com/customers/33e56307-6754-41cb-81e2-23a7f1072295",
        "https://api-sandbox.dwolla.com/accounts/ca32853c-48fa-40be-ae75-77b37504581b",
    ] {
        let r = build_sandbox(&InitiateTransfer::new(FS_SOURCE, dest, usd("1")));
        let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(v["_links"]["destination"]["href"], dest);
    }
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let op = InitiateTransfer::new(FS_SOURCE, FS_DEST, usd("5"))
        .metadata("b", "2")
        .metadata("a", "1")
        .fee(Fee::new(CUSTOMER, usd("1")));
    assert_eq!(build_sandbox(&op).body(), build_sandbox(&op).body());
}

// ---------------------------------------------------------------------------
// POST /transfers: input checks
// ---------------------------------------------------------------------------

#[test]
fn amounts_must_be_positive_usd() {
    assert_eq!(
        invalid_field(try_build_sandbox(&InitiateTransfer::new(
            FS_SOURCE,
            FS_DEST,
            usd("0")
        ))),
        "amount"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&InitiateTransfer::new(
            FS_SOURCE,
            FS_DEST,
            Amount::from_cents(-100)
        ))),
        "amount"
    );
    assert!(InitiateTransfer::new(FS_SOURCE, FS_DEST, usd("0.01"))
        .validate()
        .is_ok());
    // An amount read from Dwolla in another currency is not sent back.
    let mut eur = fixtures::transfer_json(fixtures::TRANSFER_ID, "pending");
    eur["amount"]["currency"] = "EUR".into();
    let t = RetrieveTransfer::new("x")
        .parse_response(fixtures::hal_response(200, "r", eur.to_string()))
        .unwrap();
    let eur_amount = t.amount().unwrap().clone();
    assert_eq!(eur_amount.currency(), "EUR");
    let (field, why) = invalid(InitiateTransfer::new(FS_SOURCE, FS_DEST, eur_amount).validate());
    assert_eq!(field, "amount");
    assert!(why.contains("USD"), "{why}");
}

#[test]
fn fees_are_checked_each_and_in_sum() {
    let fee = |a: &str| Fee::new(CUSTOMER, usd(a));
    // Each fee at least a cent.
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().fee(fee("0")))),
        "fees"
    );
    // The sum at most half of the amount ($10.00) by default...
    assert!(transfer()
        .fee(fee("2.50"))
        .fee(fee("2.50"))
        .validate()
        .is_ok());
    let (field, why) = invalid(transfer().fee(fee("2.50")).fee(fee("2.51")).validate());
    assert_eq!(field, "fees");
    assert!(why.contains("5.01") && why.contains("50%"), "{why}");
    // ... unless Dwolla approved more for the account.
    assert!(transfer()
        .fee(fee("6.00"))
        .max_fees_percent(60)
        .validate()
        .is_ok());
    assert_eq!(
        invalid_field(try_build_sandbox(
            &transfer().fee(fee("6.01")).max_fees_percent(60)
        )),
        "fees"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().max_fees_percent(101))),
        "max_fees_percent"
    );
    // charge-to is a customer.
    assert_eq!(
        invalid_field(try_build_sandbox(
            &transfer().fee(Fee::new(FS_SOURCE, usd("1")))
        )),
        "fees"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().fee(Fee::new("", usd("1"))))),
        "fees"
    );
}

#[test]
fn metadata_limits() {
    let pairs = |n: usize| -> Metadata { (0..n).map(|i| (format!("k{i}"), "v")).collect() };
    assert!(transfer().metadata_all(pairs(10)).validate().is_ok());
    let (field, why) = invalid(transfer().metadata_all(pairs(11)).validate());
    assert_eq!((field, why.contains("at most 10")), ("metadata", true));
    let long = "é".repeat(254);
    assert!(transfer().metadata(&long, &long).validate().is_ok());
    let too_long = "x".repeat(255);
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().metadata(&too_long, "v"))),
        "metadata"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().metadata("k", &too_long))),
        "metadata"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().metadata("", "v"))),
        "metadata"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().metadata("  ", "v"))),
        "metadata"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().metadata("k", "a\nb"))),
        "metadata"
    );
    let (field, why) = invalid(transfer().metadata("k", "1").metadata("k", "2").validate());
    assert_eq!((field, why.contains("twice")), ("metadata", true));
    // An empty value is a value.
    assert!(transfer().metadata("k", "").validate().is_ok());
}

#[test]
fn correlation_ids_addenda_remittance_and_channels() {
    let ok = "a".repeat(255);
    assert!(transfer().correlation_id(&ok).validate().is_ok());
    for bad in ["", "has space", "é", "a/b", &"a".repeat(256)] {
        assert_eq!(
            invalid_field(try_build_sandbox(&transfer().correlation_id(bad))),
            "correlation_id",
            "{bad:?}"
        );
    }
    let addenda = "a".repeat(80);
    assert!(transfer().ach_source_addenda(&addenda).validate().is_ok());
    assert!(transfer()
        .ach_destination_addenda("- _ . ~ ! * ' ( ) ; : @ & = + $ , / ? % # [ ]")
        .validate()
        .is_ok());
    for bad in [
        String::new(),
        "a".repeat(81),
        "a<b".into(),
        "tab\there".into(),
    ] {
        assert_eq!(
            invalid_field(try_build_sandbox(&transfer().ach_source_addenda(&bad))),
            "ach_source_addenda"
        );
        assert_eq!(
            invalid_field(try_build_sandbox(&transfer().ach_destination_addenda(&bad))),
            "ach_destination_addenda"
        );
    }
    assert!(transfer()
        .instant_remittance_data("a".repeat(140))
        .validate()
        .is_ok());
    assert!(transfer()
        .rtp_remittance_data("#,.'&/-@!$%*()_+={}|:;`[]^~\\\" 09azAZ")
        .validate()
        .is_ok());
    for bad in [String::new(), "a".repeat(141), "a<b".into(), "é".into()] {
        assert_eq!(
            invalid_field(try_build_sandbox(&transfer().instant_remittance_data(&bad))),
            "remittance_data"
        );
    }
    assert_eq!(
        invalid_field(try_build_sandbox(
            &transfer().processing_channel(ProcessingChannel::FedNow)
        )),
        "processing_channel"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&transfer().idempotency_key("a b"))),
        "idempotency_key"
    );
}

#[test]
fn links_name_their_field() {
    for (op, field) in [
        (InitiateTransfer::new("", FS_DEST, usd("1")), "source"),
        (InitiateTransfer::new("..", FS_DEST, usd("1")), "source"),
        (
            InitiateTransfer::new(
                "https://api-sandbox.dwolla.com/customers/x",
                FS_DEST,
                usd("1"),
            ),
            "source",
        ),
        (
            InitiateTransfer::new("https://", FS_DEST, usd("1")),
            "source",
        ),
        (
            InitiateTransfer::new(FS_SOURCE, "a\nb", usd("1")),
            "destination",
        ),
        (
            InitiateTransfer::new(
                FS_SOURCE,
                "https://api-sandbox.dwolla.com/transfers/x",
                usd("1"),
            ),
            "destination",
        ),
    ] {
        assert_eq!(invalid_field(try_build_sandbox(&op)), field, "{op:?}");
    }
}

#[test]
fn created_transfer_gives_its_id_and_retrieve() {
    let created = transfer()
        .parse_response(fixtures::transfer_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::TRANSFER_ID);
    let r = build_sandbox(&created.retrieve());
    assert_eq!(
        r.uri().path(),
        format!("/transfers/{}", fixtures::TRANSFER_ID)
    );
}

#[test]
fn documented_initiate_errors_parse_to_their_kind() {
    assert_documented_errors(&transfer(), fixtures::documented_initiate_transfer_errors());
    let err = transfer()
        .parse_response(fixtures::transfer_insufficient_funds())
        .unwrap_err();
    assert_eq!(
        err.api_error().unwrap().errors()[0].path(),
        Some("/_links/source/href")
    );
}

// ---------------------------------------------------------------------------
// GET /transfers/{id}
// ---------------------------------------------------------------------------

#[test]
fn retrieve_reads_every_documented_member() {
    let op = RetrieveTransfer::new(fixtures::transfer_href(fixtures::TRANSFER_ID));
    assert_eq!(
        build_sandbox(&op).uri(),
        format!(
            "https://api-sandbox.dwolla.com/transfers/{}",
            fixtures::TRANSFER_ID
        )
        .as_str()
    );
    let t = op
        .parse_response(fixtures::transfer(fixtures::TRANSFER_ID))
        .unwrap();
    assert_eq!(t.id(), fixtures::TRANSFER_ID);
    assert_eq!(t.status(), &TransferStatus::Pending);
    assert_eq!(t.amount(), Some(&usd("42.00")));
    assert_eq!(t.created(), Some("2018-12-03T22:00:22.970Z"));
    let clearing = t.clearing().unwrap();
    assert_eq!(clearing.source(), &ClearingSpeed::Standard);
    assert_eq!(clearing.destination(), &ClearingSpeed::SameDay);
    assert_eq!(t.metadata_str("paymentId"), Some("12345678"));
    assert_eq!(t.correlation_id(), Some(fixtures::TRANSFER_CORRELATION_ID));
    assert_eq!(t.individual_ach_id(), Some("IDOWBKVE"));
    let ach = t.ach_details().unwrap().source().unwrap();
    assert_eq!(ach.addenda().unwrap().values(), ["ABC123_AddendaValue"]);
    assert_eq!(ach.trace_id(), Some("222222225926346"));
    assert_eq!(ach.effective_date(), Some("2018-12-04"));
    assert_eq!(ach.routing_number(), Some("222222226"));
    assert!(
        !format!("{t:?}").contains("222222226\""),
        "a routing number is redacted in Debug"
    );
    assert!(t.is_cancellable());
    assert_eq!(
        t.cancel_href(),
        Some(fixtures::transfer_href(fixtures::TRANSFER_ID).as_str())
    );
    assert!(t.fees_href().unwrap().ends_with("/fees"));
    assert_eq!(t.failure_href(), None);
    assert_eq!(
        t.funding_transfer_href(),
        Some(fixtures::transfer_href(fixtures::FUNDING_TRANSFER_ID).as_str())
    );
    assert!(t.source_funding_source_href().is_some());
    assert!(t.destination_funding_source_href().is_some());
    assert!(t.source_href().unwrap().contains("/customers/"));
    assert!(t.destination_href().unwrap().contains("/customers/"));
    assert_eq!(t.destination_channel(), None);

    let failed = op
        .parse_response(fixtures::transfer_failed(fixtures::FAILED_TRANSFER_ID))
        .unwrap();
    assert_eq!(failed.status(), &TransferStatus::Failed);
    assert!(!failed.is_cancellable());
    assert!(failed.failure_href().unwrap().ends_with("/failure"));

    assert_documented_errors(&op, fixtures::documented_get_transfer_errors());
}

#[test]
fn unknown_statuses_and_channels_are_kept() {
    let mut doc = fixtures::transfer_json("t1", "reclaimed");
    doc["processingChannel"] = serde_json::json!({ "destination": "fed-now" });
    doc["fedNowDetails"] =
        serde_json::json!({ "destination": { "networkId": "N1", "remittanceData": "r" } });
    let t = RetrieveTransfer::new("t1")
        .parse_response(fixtures::hal_response(200, "r", doc.to_string()))
        .unwrap();
    assert_eq!(t.status(), &TransferStatus::Other("reclaimed".into()));
    assert_eq!(t.destination_channel(), Some(&ProcessingChannel::FedNow));
    assert_eq!(
        t.fed_now_details()
            .unwrap()
            .destination()
            .unwrap()
            .network_id(),
        Some("N1")
    );
}

#[test]
fn metadata_reads_back_in_order_and_keeps_odd_values() {
    let mut doc = fixtures::transfer_json("t1", "pending");
    doc["metadata"] = serde_json::json!({
        "paymentId": "12345678",
        "qu\"ote": "é\n",
        "count": 42,
        "ok": true,
        "none": null,
        "nested": { "a": [1, "b"] },
    });
    // serde_json's map is sorted; Dwolla's order is what the text says.
    let text = doc.to_string();
    let t = RetrieveTransfer::new("t1")
        .parse_response(fixtures::hal_response(200, "r", text))
        .unwrap();
    let m = t.metadata().unwrap();
    assert_eq!(m.len(), 6);
    assert_eq!(
        m.iter().collect::<Vec<_>>(),
        [
            ("count", "42"),
            ("nested", r#"{"a":[1,"b"]}"#),
            ("none", "null"),
            ("ok", "true"),
            ("paymentId", "12345678"),
            ("qu\"ote", "é\n"),
        ]
    );
    assert_eq!(t.metadata_str("qu\"ote"), Some("é\n"));
    assert!(m.is_json_value("count") && m.is_json_value("none"));
    assert!(!m.is_json_value("paymentId") && !m.is_json_value("missing"));
    assert_eq!(
        format!("{m:?}"),
        r#"{"count": "42", "nested": "{\"a\":[1,\"b\"]}", "none": "null", "ok": "true", "paymentId": "12345678", "qu\"ote": "é\n"}"#
    );

    // What Dwolla sends, in its order; equal to the same pairs built here.
    let sent = RetrieveTransfer::new("t1")
        .parse_response(fixtures::hal_response(
            200,
            "r",
            r#"{"id":"t1","metadata":{"b":"2","a":"1"}}"#.to_owned(),
        ))
        .unwrap();
    assert_eq!(
        sent.metadata(),
        Some(&Metadata::new().insert("b", "2").insert("a", "1"))
    );

    // Not an object, or absent: no metadata, the transfer still reads.
    for odd in [r#""x""#, "[1]", "7", "null", "{}"] {
        let t = RetrieveTransfer::new("t1")
            .parse_response(fixtures::hal_response(
                200,
                "r",
                format!(r#"{{"id":"t1","metadata":{odd},"status":"pending"}}"#),
            ))
            .unwrap();
        assert_eq!(t.status(), &TransferStatus::Pending, "{odd}");
        if odd == "{}" {
            assert!(t.metadata().unwrap().is_empty());
        } else {
            assert_eq!(t.metadata(), None, "{odd}");
        }
    }
}

// ---------------------------------------------------------------------------
// POST /transfers/{id}: cancel
// ---------------------------------------------------------------------------

#[test]
fn cancel_is_exact_and_reads_the_transfer() {
    let op = CancelTransfer::new(fixtures::transfer_href(fixtures::TRANSFER_ID));
    let r = build_sandbox(&op);
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri().path(),
        format!("/transfers/{}", fixtures::TRANSFER_ID)
    );
    assert_eq!(body_str(&r), r#"{"status":"cancelled"}"#);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    let t = op
        .parse_response(fixtures::transfer_cancelled(fixtures::TRANSFER_ID))
        .unwrap();
    assert_eq!(t.status(), &TransferStatus::Cancelled);
    assert!(!t.is_cancellable());
    assert_eq!(
        build_sandbox(&CancelTransfer::new("x").idempotency_key("cancel-x")).headers()
            ["idempotency-key"],
        "cancel-x"
    );
}

#[test]
fn a_cancel_answered_without_the_transfer_still_names_it() {
    // The spec documents the 200 as a bare object.
    let t = CancelTransfer::new(fixtures::transfer_href("3d48c13a"))
        .parse_response(fixtures::hal_response(200, "r", "{}"))
        .unwrap();
    assert_eq!(t.id(), "3d48c13a");
    // A 200 that is not JSON is still unexpected, not a success.
    let err = CancelTransfer::new("x")
        .parse_response(fixtures::hal_response(200, "r", "<html>"))
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
}

#[test]
fn documented_cancel_errors_parse_to_their_kind() {
    let op = CancelTransfer::new("x");
    assert_documented_errors(&op, fixtures::documented_cancel_transfer_errors());
    // NotAllowed on another path is no cancellation problem, even here.
    let other = fixtures::error_response(
        400,
        "r",
        r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"NotAllowed","message":"Destination funding source does not support processing channel","path":"/processingChannel/destination","_links":{}}]}}"#,
    );
    assert_eq!(
        op.parse_response(other).unwrap_err().api_kind(),
        Some(ApiErrorKind::Validation)
    );
    // The same not-allowed body from another operation is not reclassified.
    assert_eq!(
        RetrieveTransfer::new("x")
            .parse_response(fixtures::transfer_not_cancellable())
            .unwrap_err()
            .api_kind(),
        Some(ApiErrorKind::Validation)
    );
}

// ---------------------------------------------------------------------------
// GET /customers/{id}/transfers, GET /accounts/{id}/transfers
// ---------------------------------------------------------------------------

#[test]
fn every_filter_is_in_the_query() {
    let r = build_sandbox(
        &ListCustomerTransfers::new(format!(
            "https://api-sandbox.dwolla.com/customers/{CUSTOMER}"
        ))
        .search("Jane Doe & co")
        .start_amount(usd("1"))
        .end_amount(usd("500.5"))
        .start_date(Date::new(2024, 1, 1).unwrap())
        .end_date("2024-12-31".parse().unwrap())
        .status(TransferStatus::Failed)
        .correlation_id("8a2cdc8d-629d-4a24-98ac-40b735229fe2")
        .limit(200)
        .offset(400),
    );
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(
        r.uri(),
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/transfers?limit=200&offset=400&search=Jane%20Doe%20%26%20co&startAmount=1.00&endAmount=500.50&startDate=2024-01-01&endDate=2024-12-31&status=failed&correlationId=8a2cdc8d-629d-4a24-98ac-40b735229fe2").as_str()
    );
    assert!(r.body().is_empty());
    assert_eq!(
        build_sandbox(&ListCustomerTransfers::new(CUSTOMER)).uri(),
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/transfers").as_str()
    );
    // The account's search takes the same filters.
    assert_eq!(
        build_sandbox(
            &ListAccountTransfers::new(fixtures::DWOLLA_ACCOUNT_ID)
                .status(TransferStatus::Pending)
                .correlation_id("c1")
        )
        .uri(),
        format!(
            "https://api-sandbox.dwolla.com/accounts/{}/transfers?status=pending&correlationId=c1",
            fixtures::DWOLLA_ACCOUNT_ID
        )
        .as_str()
    );
}

#[test]
fn filters_are_checked() {
    let list = || ListCustomerTransfers::new(CUSTOMER);
    assert_eq!(invalid_field(try_build_sandbox(&list().limit(0))), "limit");
    assert_eq!(
        invalid_field(try_build_sandbox(&list().limit(MAX_PAGE_SIZE + 1))),
        "limit"
    );
    // The 10,000-transfer window of a search.
    assert!(list().limit(200).offset(9_800).validate_for_test());
    let (field, why) = invalid(
        list()
            .limit(200)
            .offset(9_801)
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "offset");
    assert!(
        why.contains("10000") && why.contains("start_date/end_date"),
        "{why}"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&list().offset(9_976))),
        "offset"
    ); // default limit 25
    assert_eq!(
        invalid_field(try_build_sandbox(
            &list().start_amount(usd("10")).end_amount(usd("9.99"))
        )),
        "end_amount"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(
            &list().start_amount(Amount::from_cents(-1))
        )),
        "start_amount"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(
            &list()
                .start_date(Date::new(2024, 2, 1).unwrap())
                .end_date(Date::new(2024, 1, 31).unwrap())
        )),
        "end_date"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&list().search(""))),
        "search"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&list().search("a\u{0}"))),
        "search"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&list().correlation_id("a b"))),
        "correlation_id"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&ListCustomerTransfers::new(""))),
        "customer_id"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&ListAccountTransfers::new(
            "https://api-sandbox.dwolla.com/customers/x"
        ))),
        "account_id"
    );
    // An equal start and end is a one-value range.
    assert!(list()
        .start_amount(usd("5"))
        .end_amount(usd("5"))
        .validate_for_test());
}

trait ValidateForTest {
    fn validate_for_test(&self) -> bool;
}

impl<O: Operation> ValidateForTest for O {
    fn validate_for_test(&self) -> bool {
        self.build_request(&Environment::Sandbox, &AccessToken::new("t"))
            .is_ok()
    }
}

#[test]
fn a_page_of_transfers_parses_with_its_links() {
    let op = ListCustomerTransfers::new(CUSTOMER).limit(25);
    let page = op
        .parse_response(fixtures::customer_transfers_page(CUSTOMER, 25, 0, 60))
        .unwrap();
    assert_eq!(page.len(), 25);
    assert_eq!(page.total(), Some(60));
    assert_eq!(page[0].id(), fixtures::nth_transfer_id(0));
    assert!(page.next_href().unwrap().ends_with("limit=25&offset=25"));
    assert!(page.skipped().is_empty());
    let last = op
        .parse_response(fixtures::customer_transfers_page(CUSTOMER, 25, 50, 60))
        .unwrap();
    assert_eq!(last.len(), 10);
    assert_eq!(last.next_href(), None);
    assert_documented_errors(&op, fixtures::documented_list_customer_transfers_errors());
    // An item without an id or self link is skipped, and reported.
    let body = r#"{"_embedded":{"transfers":[{"id":"a","status":"pending"},{"status":"pending"},7]},"total":3}"#;
    let page = op
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page.skipped().len(), 2);
}

#[test]
fn the_accounts_transfers_parse() {
    let op = ListAccountTransfers::new(fixtures::DWOLLA_ACCOUNT_ID);
    let page = op
        .parse_response(fixtures::dwolla_account_transfers())
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id(), fixtures::TRANSFER_ID);
    assert_documented_errors(&op, fixtures::documented_list_account_transfers_errors());
}

// ---------------------------------------------------------------------------
// GET /transfers/{id}/fees and /failure
// ---------------------------------------------------------------------------

#[test]
fn fees_read_either_form() {
    let op = ListTransferFees::new(fixtures::TRANSFER_ID);
    assert_eq!(
        build_sandbox(&op).uri().path(),
        format!("/transfers/{}/fees", fixtures::TRANSFER_ID)
    );
    let fees = op.parse_response(fixtures::transfer_fees()).unwrap();
    assert_eq!(fees.total(), Some(2));
    assert_eq!(fees.fees().len(), 2);
    assert_eq!(fees.fees()[0].id(), "416a2857-c887-4cca-bd02-8c3f75c4bb0e");
    assert_eq!(fees.fees()[0].amount().unwrap().currency(), "usd");
    assert_eq!(fees.sum(), Some(usd("3.00")));
    assert_eq!(
        fees.fees()[0].links().get("created-from-transfer"),
        Some(fixtures::transfer_href(fixtures::TRANSFER_ID).as_str())
    );
    let hal = r#"{"_embedded":{"fees":[{"id":"f1","amount":{"value":"1.50","currency":"USD"}}]},"total":1}"#;
    let fees = op
        .parse_response(fixtures::hal_response(200, "r", hal))
        .unwrap();
    assert_eq!(fees.fees().len(), 1);
    assert_eq!(fees.sum(), Some(usd("1.50")));
    let none = op
        .parse_response(fixtures::hal_response(200, "r", r#"{"total":0}"#))
        .unwrap();
    assert!(none.fees().is_empty());
    assert_eq!(none.sum(), Some(usd("0")));
    assert_documented_errors(&op, fixtures::documented_list_transfer_fees_errors());
}

#[test]
fn a_failure_reason_parses() {
    let op = RetrieveTransferFailure::new(fixtures::transfer_href(fixtures::FAILED_TRANSFER_ID));
    assert_eq!(
        build_sandbox(&op).uri().path(),
        format!("/transfers/{}/failure", fixtures::FAILED_TRANSFER_ID)
    );
    let f = op.parse_response(fixtures::transfer_failure()).unwrap();
    assert_eq!(f.code(), Some("R03"));
    assert_eq!(f.description(), Some("No Account/Unable to Locate Account"));
    assert!(f.explanation().unwrap().starts_with("The account number"));
    assert!(f
        .failed_funding_source_href()
        .unwrap()
        .contains("/funding-sources/"));
    assert!(f.customer_href().unwrap().contains("/customers/"));
    assert_eq!(f.removes_funding_source(), Some(true));
    assert_documented_errors(&op, fixtures::documented_get_transfer_failure_errors());
}

// ---------------------------------------------------------------------------
// The account and sandbox simulations
// ---------------------------------------------------------------------------

#[test]
fn the_account_parses() {
    let op = RetrieveAccount::new(fixtures::dwolla_account_href(fixtures::DWOLLA_ACCOUNT_ID));
    assert_eq!(
        build_sandbox(&op).uri().path(),
        format!("/accounts/{}", fixtures::DWOLLA_ACCOUNT_ID)
    );
    let a = op.parse_response(fixtures::dwolla_account()).unwrap();
    assert_eq!(a.id(), fixtures::DWOLLA_ACCOUNT_ID);
    assert_eq!(a.name(), Some("Jane Doe's Business"));
    assert_eq!(a.timezone_offset_hours(), Some(-6.0));
    assert_eq!(a.account_type(), Some("Commercial"));
    assert!(a.transfers_href().unwrap().ends_with("/transfers"));
    assert!(a
        .funding_sources_href()
        .unwrap()
        .ends_with("/funding-sources"));
    assert!(a.customers_href().unwrap().ends_with("/customers"));
    assert_documented_errors(&op, fixtures::documented_get_account_errors());
    let mp = ListAccountMassPayments::new(fixtures::DWOLLA_ACCOUNT_ID)
        .limit(200)
        .offset(0)
        .correlation_id("batch-1");
    assert_eq!(
        build_sandbox(&mp).uri(),
        format!(
            "https://api-sandbox.dwolla.com/accounts/{}/mass-payments?limit=200&offset=0&correlationId=batch-1",
            fixtures::DWOLLA_ACCOUNT_ID
        )
        .as_str()
    );
    assert_eq!(
        invalid_field(try_build_sandbox(
            &ListAccountMassPayments::new("a").limit(201)
        )),
        "limit"
    );
    let page = mp
        .parse_response(fixtures::dwolla_account_mass_payments())
        .unwrap();
    assert_eq!(page[0].id(), fixtures::MASS_PAYMENT_ID);
    assert_documented_errors(
        &mp,
        fixtures::documented_list_account_mass_payments_errors(),
    );
}

#[test]
fn sandbox_simulation_is_exact_and_sandbox_only() {
    let op = SimulateBankTransferProcessing::new();
    let r = build_sandbox(&op);
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/sandbox-simulations"
    );
    assert_eq!(body_str(&r), "{}");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    let (field, _) = invalid(op.build_request(&Environment::Production, &AccessToken::new("t")));
    assert_eq!(field, "environment");
    // A local emulator is not production.
    let local = Environment::custom("http://127.0.0.1:8080").unwrap();
    assert!(op.build_request(&local, &AccessToken::new("t")).is_ok());
    assert_eq!(
        op.parse_response(fixtures::sandbox_simulation(8))
            .unwrap()
            .total(),
        Some(8)
    );
    // The spec documents the 200 as a bare object: it parses, without a total.
    assert_eq!(
        op.parse_response(fixtures::hal_response(200, "r", "{}"))
            .unwrap()
            .total(),
        None
    );
    assert_documented_errors(
        &op,
        fixtures::documented_simulate_bank_transfer_processing_errors(),
    );
}

#[test]
fn names_are_the_spec_operation_ids() {
    assert_eq!(transfer().name(), "initiateTransfer");
    assert_eq!(RetrieveTransfer::new("x").name(), "getTransfer");
    assert_eq!(CancelTransfer::new("x").name(), "cancelTransfer");
    assert_eq!(
        ListCustomerTransfers::new("x").name(),
        "listCustomerTransfers"
    );
    assert_eq!(ListTransferFees::new("x").name(), "listTransferFees");
    assert_eq!(
        RetrieveTransferFailure::new("x").name(),
        "getTransferFailureReason"
    );
    assert_eq!(RetrieveAccount::new("x").name(), "getAccount");
    assert_eq!(
        ListAccountTransfers::new("x").name(),
        "listAndSearchTransfers"
    );
    assert_eq!(ListAccountMassPayments::new("x").name(), "listMassPayments");
    assert_eq!(
        SimulateBankTransferProcessing::new().name(),
        "simulateBankTransferProcessing"
    );
}
