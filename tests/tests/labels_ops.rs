//! Labels, ledger entries and reallocations: the exact request of every
//! operation, input validation, every documented success and error.

mod support;

use bytes::Bytes;
use dwolla_core::labels::{
    CreateCustomerLabel, CreateLabelLedgerEntry, CreateLabelReallocation, ListCustomerLabels,
    ListLabelLedgerEntries, RemoveLabel, RetrieveLabel, RetrieveLabelLedgerEntry,
    RetrieveLabelReallocation, MAX_PAGE_SIZE,
};
use dwolla_core::paging::NextPage;
use dwolla_core::{AccessToken, Amount, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{
    assert_errors_parse, assert_hal_headers, body_str, build, invalid_field, usd, ErrorTable,
};

const CUSTOMER: &str = "315a9456-3750-44bf-8b41-487b10d1d4bb";
const LABEL: &str = "7e042ffe-e25e-40d2-b86e-748b98845ecc";
const OTHER: &str = "c91c501c-f49b-48be-a93b-12b45e152d45";

#[test]
fn create_label_request_is_exact() {
    let r = build(&CreateCustomerLabel::new(CUSTOMER, usd("10")));
    assert_hal_headers(&r, http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api.dwolla.com/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels"
    );
    assert_eq!(
        body_str(&r),
        r#"{"amount":{"currency":"USD","value":"10.00"}}"#
    );
    assert!(r.headers().get("idempotency-key").is_none());
    // By URL, with a key of its own.
    let r = build(
        &CreateCustomerLabel::new(
            format!("https://api.dwolla.com/customers/{CUSTOMER}"),
            Amount::from_cents(1),
        )
        .idempotency_key("label-1"),
    );
    assert_eq!(
        r.uri().path(),
        "/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels"
    );
    assert_eq!(
        body_str(&r),
        r#"{"amount":{"currency":"USD","value":"0.01"}}"#
    );
    assert_eq!(r.headers()["idempotency-key"], "label-1");
}

#[test]
fn ledger_entries_are_signed() {
    for (amount, value) in [
        ("-5.00", "-5.00"),
        ("-0.5", "-0.50"),
        ("5", "5.00"),
        ("1234.56", "1234.56"),
    ] {
        let op = CreateLabelLedgerEntry::new(LABEL, usd(amount)).idempotency_key("k");
        let r = build(&op);
        assert_hal_headers(&r, http::Method::POST);
        assert_eq!(
            r.uri(),
            "https://api.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc/ledger-entries"
        );
        assert_eq!(
            body_str(&r),
            format!(r#"{{"amount":{{"currency":"USD","value":"{value}"}}}}"#)
        );
        assert_eq!(r.headers()["idempotency-key"], "k");
        // Deterministic: the same bytes on every build (and so every retry).
        assert_eq!(build(&op).body(), r.body());
    }
}

#[test]
fn reallocation_request_is_exact() {
    // A bare id is sent as the environment's label URL; a URL as given.
    let op = CreateLabelReallocation::new(
        OTHER,
        format!("https://api.dwolla.com/labels/{LABEL}"),
        usd("15.00"),
    );
    let r = build(&op);
    assert_hal_headers(&r, http::Method::POST);
    assert_eq!(r.uri(), "https://api.dwolla.com/label-reallocations");
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"from":{"href":"https://api.dwolla.com/labels/c91c501c-f49b-48be-a93b-12b45e152d45"},"to":{"href":"https://api.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc"}},"amount":{"currency":"USD","value":"15.00"}}"#
    );
    let sandbox = op
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .unwrap();
    assert!(body_str(&sandbox)
        .contains(r#""from":{"href":"https://api-sandbox.dwolla.com/labels/c91c501c"#));
}

#[test]
fn gets_and_the_delete_are_exact() {
    let cases: Vec<(http::Request<Bytes>, http::Method, &str)> = vec![
        (
            build(&RetrieveLabel::new(LABEL)),
            http::Method::GET,
            "https://api.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc",
        ),
        (
            build(&RemoveLabel::new(format!(
                "https://api-sandbox.dwolla.com/labels/{LABEL}"
            ))),
            http::Method::DELETE,
            "https://api.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc",
        ),
        (
            build(&ListCustomerLabels::new(CUSTOMER)),
            http::Method::GET,
            "https://api.dwolla.com/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels",
        ),
        (
            build(&ListCustomerLabels::new(CUSTOMER).limit(200).offset(400)),
            http::Method::GET,
            "https://api.dwolla.com/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels?limit=200&offset=400",
        ),
        (
            build(&ListLabelLedgerEntries::new(LABEL).offset(25)),
            http::Method::GET,
            "https://api.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc/ledger-entries?offset=25",
        ),
        (
            build(&RetrieveLabelLedgerEntry::new(
                "https://api.dwolla.com/ledger-entries/32d68709-62dd-43d6-a6df-562f4baec526",
            )),
            http::Method::GET,
            "https://api.dwolla.com/ledger-entries/32d68709-62dd-43d6-a6df-562f4baec526",
        ),
        (
            build(&RetrieveLabelReallocation::new(
                "fd36b78c-42f3-4e21-8efb-09196fccbd21",
            )),
            http::Method::GET,
            "https://api.dwolla.com/label-reallocations/fd36b78c-42f3-4e21-8efb-09196fccbd21",
        ),
    ];
    for (r, method, url) in cases {
        assert_hal_headers(&r, method);
        assert_eq!(r.uri(), url);
    }
}

#[test]
fn names_are_the_spec_operation_ids() {
    let names = [
        CreateCustomerLabel::new(CUSTOMER, usd("1")).name(),
        ListCustomerLabels::new(CUSTOMER).name(),
        RetrieveLabel::new(LABEL).name(),
        RemoveLabel::new(LABEL).name(),
        CreateLabelLedgerEntry::new(LABEL, usd("1")).name(),
        ListLabelLedgerEntries::new(LABEL).name(),
        RetrieveLabelLedgerEntry::new(LABEL).name(),
        CreateLabelReallocation::new(LABEL, OTHER, usd("1")).name(),
        RetrieveLabelReallocation::new(LABEL).name(),
    ];
    assert_eq!(
        names,
        [
            "createCustomerLabel",
            "listCustomerLabels",
            "getLabel",
            "removeLabel",
            "createLabelLedgerEntry",
            "listLabelLedgerEntries",
            "getLabelLedgerEntry",
            "createLabelReallocation",
            "retrieveLabelReallocation",
        ]
    );
}

#[test]
fn bad_input_names_the_field() {
    let env = Environment::Sandbox;
    let token = AccessToken::new("t");
    let check = |r: Result<http::Request<Bytes>, Error>, field: &str, what: &str| {
        assert_eq!(invalid_field(r), field, "{what}");
    };
    // Labels and reallocations take a positive amount only.
    for amount in ["0", "-1.00", "-0.01"] {
        check(
            CreateCustomerLabel::new(CUSTOMER, usd(amount)).build_request(&env, &token),
            "amount",
            amount,
        );
        check(
            CreateLabelReallocation::new(LABEL, OTHER, usd(amount)).build_request(&env, &token),
            "amount",
            amount,
        );
    }
    // A ledger entry of zero would change nothing.
    check(
        CreateLabelLedgerEntry::new(LABEL, Amount::from_cents(0)).build_request(&env, &token),
        "amount",
        "zero entry",
    );
    // Ids and URLs.
    check(
        CreateCustomerLabel::new("", usd("1")).build_request(&env, &token),
        "customer_id",
        "empty customer",
    );
    check(
        CreateCustomerLabel::new("https://api.dwolla.com/labels/x", usd("1"))
            .build_request(&env, &token),
        "customer_id",
        "a label URL as customer",
    );
    check(
        ListCustomerLabels::new("a\nb").build_request(&env, &token),
        "customer_id",
        "control character",
    );
    check(
        RemoveLabel::new("https://api.dwolla.com/customers/x").build_request(&env, &token),
        "label_id",
        "a customer URL as label",
    );
    check(
        RetrieveLabel::new("..").build_request(&env, &token),
        "label_id",
        "dot-dot",
    );
    check(
        CreateLabelLedgerEntry::new(" ", usd("1")).build_request(&env, &token),
        "label_id",
        "blank label",
    );
    check(
        ListLabelLedgerEntries::new("").build_request(&env, &token),
        "label_id",
        "empty label",
    );
    check(
        RetrieveLabelLedgerEntry::new("https://api.dwolla.com/labels/x")
            .build_request(&env, &token),
        "ledger_entry_id",
        "a label URL as entry",
    );
    check(
        RetrieveLabelReallocation::new("").build_request(&env, &token),
        "reallocation_id",
        "empty reallocation",
    );
    check(
        CreateLabelReallocation::new("", OTHER, usd("1")).build_request(&env, &token),
        "from",
        "empty from",
    );
    check(
        CreateLabelReallocation::new(LABEL, "https://api.dwolla.com/customers/x", usd("1"))
            .build_request(&env, &token),
        "to",
        "a customer URL as to",
    );
    // From and to must differ, whether given as id or URL.
    for (from, to) in [
        (LABEL.to_owned(), LABEL.to_owned()),
        (
            LABEL.to_owned(),
            format!("https://api.dwolla.com/labels/{LABEL}"),
        ),
        (
            format!("https://api-sandbox.dwolla.com/labels/{LABEL}"),
            LABEL.to_owned(),
        ),
    ] {
        check(
            CreateLabelReallocation::new(from.clone(), to.clone(), usd("1"))
                .build_request(&env, &token),
            "to",
            &format!("{from} -> {to}"),
        );
    }
    // Page sizes.
    for limit in [0, MAX_PAGE_SIZE + 1] {
        check(
            ListCustomerLabels::new(CUSTOMER)
                .limit(limit)
                .build_request(&env, &token),
            "limit",
            "labels limit",
        );
        check(
            ListLabelLedgerEntries::new(LABEL)
                .limit(limit)
                .build_request(&env, &token),
            "limit",
            "entries limit",
        );
    }
    // Keys.
    check(
        CreateCustomerLabel::new(CUSTOMER, usd("1"))
            .idempotency_key("a b")
            .build_request(&env, &token),
        "idempotency_key",
        "key",
    );
    check(
        CreateLabelLedgerEntry::new(LABEL, usd("1"))
            .idempotency_key("")
            .build_request(&env, &token),
        "idempotency_key",
        "key",
    );
    check(
        CreateLabelReallocation::new(LABEL, OTHER, usd("1"))
            .idempotency_key("x".repeat(256))
            .build_request(&env, &token),
        "idempotency_key",
        "key",
    );
}

#[test]
fn label_has_every_member_and_link() {
    let label = RetrieveLabel::new(LABEL)
        .parse_response(fixtures::label())
        .unwrap();
    assert_eq!(label.id(), fixtures::LABEL_ID);
    assert_eq!(label.amount(), Some(&usd("10.00")));
    assert_eq!(label.amount().unwrap().currency(), "USD");
    assert_eq!(label.created(), Some("2019-05-15T22:19:09.635Z"));
    let href = fixtures::label_href(fixtures::LABEL_ID);
    assert_eq!(label.self_href(), Some(href.as_str()));
    let entries = format!("{href}/ledger-entries");
    assert_eq!(label.ledger_entries_href(), Some(entries.as_str()));
    assert_eq!(label.update_href(), Some(entries.as_str()));
    assert_eq!(
        label.customer_href(),
        Some(fixtures::customer_href(fixtures::CUSTOMER_ID).as_str())
    );
    // Holding money, it offers no `remove`.
    assert_eq!(label.remove_href(), None);
    // An amount sent as a JSON number is read all the same.
    let body = r#"{"id":"l","amount":{"value":-5,"currency":"USD"}}"#;
    let label = RetrieveLabel::new("l")
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(label.amount(), Some(&usd("-5")));
}

#[test]
fn remove_returns_the_label_as_removed() {
    let removed = RemoveLabel::new(LABEL)
        .parse_response(fixtures::label_removed())
        .unwrap()
        .expect("the removed label");
    assert_eq!(removed.id(), fixtures::LABEL_ID);
    assert_eq!(removed.amount(), Some(&Amount::from_cents(0)));
    assert_eq!(
        removed.remove_href(),
        Some(fixtures::label_href(fixtures::LABEL_ID).as_str())
    );
    // A success without a body is a success, not an error.
    for status in [200, 204] {
        let empty = fixtures::hal_response(status, "r", "");
        assert_eq!(RemoveLabel::new(LABEL).parse_response(empty).unwrap(), None);
    }
    // A body that is not a label is unexpected, not silently None.
    match RemoveLabel::new(LABEL).parse_response(fixtures::hal_response(200, "r", "[1]")) {
        Err(Error::UnexpectedResponse(_)) => {}
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    // Holding money: the documented refusal.
    let err = RemoveLabel::new(LABEL)
        .parse_response(fixtures::label_amount_not_zero())
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidResourceState));
    assert_eq!(
        err.api_error().unwrap().message(),
        Some("Amount must be zero to remove label.")
    );
}

#[test]
fn lists_parse_newest_first_and_page() {
    let labels = ListCustomerLabels::new(CUSTOMER)
        .parse_response(fixtures::customer_labels_list())
        .unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels.total(), Some(2));
    assert_eq!(labels[0].id(), fixtures::LABEL_ID);
    assert_eq!(labels[1].amount(), Some(&usd("25.50")));
    assert_eq!(labels.next_href(), None);

    let op = ListLabelLedgerEntries::new(LABEL).limit(2);
    let page = op
        .parse_response(fixtures::ledger_entries_page(Some(2)))
        .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].amount(), Some(&usd("-5.00")));
    assert!(page[0].amount().unwrap().is_negative());
    assert_eq!(page[1].amount(), Some(&usd("15.00")));
    assert_eq!(
        page[0].label_href(),
        Some(fixtures::label_href(fixtures::LABEL_ID).as_str())
    );
    let next = NextPage::after(&op, &page).expect("a next page");
    let r = next
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc/ledger-entries?limit=2&offset=2"
    );

    // An item without an id or self link is skipped, the others kept.
    let body = r#"{"_embedded":{"labels":[{"amount":{"value":"1.00","currency":"USD"}},{"id":"l2"},"x"]}}"#;
    let labels = ListCustomerLabels::new(CUSTOMER)
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].id(), "l2");
    assert_eq!(labels[0].amount(), None);
    let skipped: Vec<usize> = labels.skipped().iter().map(|s| s.index()).collect();
    assert_eq!(skipped, [0, 2]);
}

#[test]
fn ledger_entry_and_reallocation_parse() {
    let entry = RetrieveLabelLedgerEntry::new(fixtures::LEDGER_ENTRY_ID)
        .parse_response(fixtures::ledger_entry())
        .unwrap();
    assert_eq!(entry.id(), fixtures::LEDGER_ENTRY_ID);
    assert_eq!(entry.amount(), Some(&usd("-5.00")));
    assert_eq!(entry.created(), Some("2019-05-16T01:54:58.062Z"));

    let reallocation = RetrieveLabelReallocation::new(fixtures::REALLOCATION_ID)
        .parse_response(fixtures::reallocation())
        .unwrap();
    // No `id` member: taken from `self`.
    assert_eq!(reallocation.id(), fixtures::REALLOCATION_ID);
    assert_eq!(reallocation.created(), Some("2022-05-16T13:41:31.036Z"));
    let from = reallocation.from_ledger_entry_href().unwrap();
    let to = reallocation.to_ledger_entry_href().unwrap();
    assert_eq!(
        from,
        fixtures::ledger_entry_href(fixtures::FROM_LEDGER_ENTRY_ID)
    );
    assert_eq!(
        to,
        fixtures::ledger_entry_href(fixtures::TO_LEDGER_ENTRY_ID)
    );
    // The links lead straight to the entries.
    let r = RetrieveLabelLedgerEntry::new(from)
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(
        r.uri().path(),
        format!("/ledger-entries/{}", fixtures::FROM_LEDGER_ENTRY_ID)
    );
}

#[test]
fn creates_are_typed_and_retrievable() {
    let env = Environment::Sandbox;
    let t = AccessToken::new("t");
    let created = CreateCustomerLabel::new(CUSTOMER, usd("1"))
        .parse_response(fixtures::label_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::LABEL_ID);
    assert_eq!(
        created
            .retrieve()
            .build_request(&env, &t)
            .unwrap()
            .uri()
            .path(),
        format!("/labels/{}", fixtures::LABEL_ID)
    );
    let created = CreateLabelLedgerEntry::new(LABEL, usd("-1"))
        .parse_response(fixtures::ledger_entry_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::LEDGER_ENTRY_ID);
    assert_eq!(
        created
            .retrieve()
            .build_request(&env, &t)
            .unwrap()
            .uri()
            .path(),
        format!("/ledger-entries/{}", fixtures::LEDGER_ENTRY_ID)
    );
    let created = CreateLabelReallocation::new(LABEL, OTHER, usd("1"))
        .parse_response(fixtures::reallocation_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::REALLOCATION_ID);
    assert_eq!(
        created
            .retrieve()
            .build_request(&env, &t)
            .unwrap()
            .uri()
            .path(),
        format!("/label-reallocations/{}", fixtures::REALLOCATION_ID)
    );
    // A 201 without a Location cannot be used.
    match CreateCustomerLabel::new(CUSTOMER, usd("1"))
        .parse_response(fixtures::hal_response(201, "r", ""))
    {
        Err(Error::UnexpectedResponse(u)) => assert!(u.reason().contains("Location")),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[test]
fn every_documented_error_parses_to_its_kind() {
    let check = |what: &str, table: ErrorTable, parse: &dyn Fn(http::Response<Bytes>) -> Error| {
        assert_errors_parse(what, table, |r| Err::<(), _>(parse(r)));
    };
    check(
        "create label",
        fixtures::documented_create_label_errors(),
        &|r| {
            CreateCustomerLabel::new(CUSTOMER, usd("1"))
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "list labels",
        fixtures::documented_list_labels_errors(),
        &|r| {
            ListCustomerLabels::new(CUSTOMER)
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "retrieve label",
        fixtures::documented_retrieve_label_errors(),
        &|r| RetrieveLabel::new(LABEL).parse_response(r).unwrap_err(),
    );
    check(
        "remove label",
        fixtures::documented_remove_label_errors(),
        &|r| RemoveLabel::new(LABEL).parse_response(r).unwrap_err(),
    );
    check(
        "create ledger entry",
        fixtures::documented_create_ledger_entry_errors(),
        &|r| {
            CreateLabelLedgerEntry::new(LABEL, usd("-1"))
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "list ledger entries",
        fixtures::documented_list_ledger_entries_errors(),
        &|r| {
            ListLabelLedgerEntries::new(LABEL)
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "retrieve ledger entry",
        fixtures::documented_retrieve_ledger_entry_errors(),
        &|r| {
            RetrieveLabelLedgerEntry::new(LABEL)
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "create reallocation",
        fixtures::documented_create_reallocation_errors(),
        &|r| {
            CreateLabelReallocation::new(LABEL, OTHER, usd("1"))
                .parse_response(r)
                .unwrap_err()
        },
    );
    check(
        "retrieve reallocation",
        fixtures::documented_retrieve_reallocation_errors(),
        &|r| {
            RetrieveLabelReallocation::new(LABEL)
                .parse_response(r)
                .unwrap_err()
        },
    );
}
