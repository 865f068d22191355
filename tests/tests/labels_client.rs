//! Labels through the client over the mock transport: the grouped calls
//! reach their endpoints, pages are walked, retried POSTs keep one key and
//! one body, and refusals come back typed and unretried.

mod support;

use dwolla_core::labels::{
    CreateCustomerLabel, CreateLabelLedgerEntry, CreateLabelReallocation, ListCustomerLabels,
    ListLabelLedgerEntries,
};
use dwolla_core::{Amount, ApiErrorKind, IdempotencyKey, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client, usd};

/// A reallocation that meets a 500, a lost connection and then 201 sends
/// the same Idempotency-Key and the byte-identical body every time, so the
/// money can never move twice.
#[tokio::test]
async fn a_retried_reallocation_keeps_its_key_and_body() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push_error(dwolla_core::TransportError::other(
        true,
        "connection closed before the response",
    ));
    mock.push(fixtures::reallocation_created());
    let client = retrying_client(&mock);
    let created = client
        .label_reallocations()
        .create(CreateLabelReallocation::new(
            fixtures::OTHER_LABEL_ID,
            fixtures::label_href(fixtures::LABEL_ID),
            usd("15.00"),
        ))
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::REALLOCATION_ID);
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    let attempts = &requests[1..];
    one_key_and_body(attempts);
    assert_eq!(attempts[0].method(), "POST");
    assert_eq!(attempts[0].path(), "/label-reallocations");
    assert_eq!(
        attempts[0].body_text().unwrap(),
        format!(
            r#"{{"_links":{{"from":{{"href":"{}"}},"to":{{"href":"{}"}}}},"amount":{{"currency":"USD","value":"15.00"}}}}"#,
            fixtures::label_href(fixtures::OTHER_LABEL_ID),
            fixtures::label_href(fixtures::LABEL_ID),
        )
    );
    mock.assert_exhausted();
}

/// A negative ledger entry retried with the caller's own key: that key on
/// every attempt, the signed amount intact.
#[tokio::test]
async fn a_retried_ledger_entry_keeps_the_callers_key() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::rate_limited(Some(1)));
    mock.push(fixtures::ledger_entry_created());
    let client = test_client(&mock);
    let created = client
        .labels()
        .ledger_entries()
        .create(
            CreateLabelLedgerEntry::new(fixtures::LABEL_ID, usd("-5.00"))
                .idempotency_key("payout-42-release"),
        )
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::LEDGER_ENTRY_ID);
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    for r in &requests[1..] {
        assert_eq!(
            r.path(),
            format!("/labels/{}/ledger-entries", fixtures::LABEL_ID)
        );
        assert_eq!(r.header("idempotency-key"), Some("payout-42-release"));
        assert_eq!(
            r.body_text(),
            Some(r#"{"amount":{"currency":"USD","value":"-5.00"}}"#)
        );
    }
}

/// Removing a label that still holds money: the documented 403, returned
/// after one request (a state refusal is not retried).
#[tokio::test]
async fn removing_a_label_with_money_is_refused_once() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::label_amount_not_zero());
    let client = test_client(&mock);
    let err = client
        .labels()
        .remove(fixtures::LABEL_ID)
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidResourceState));
    assert_eq!(err.attempts(), Some(1));
    let context = err.request().expect("the request it answered");
    assert_eq!(context.operation(), "removeLabel");
    assert_eq!(context.method(), "DELETE");
    mock.assert_exhausted();

    // Emptied first, it goes.
    mock.push(fixtures::ledger_entry_created());
    mock.push(fixtures::label_removed());
    client
        .labels()
        .ledger_entries()
        .create(CreateLabelLedgerEntry::new(
            fixtures::LABEL_ID,
            usd("-10.00"),
        ))
        .await
        .unwrap();
    let removed = client
        .labels()
        .remove(fixtures::label_href(fixtures::LABEL_ID))
        .await
        .unwrap()
        .expect("the removed label");
    assert_eq!(removed.amount(), Some(&Amount::from_cents(0)));
    let last = mock.last_request().unwrap();
    assert_eq!(last.method(), "DELETE");
    assert_eq!(last.path(), format!("/labels/{}", fixtures::LABEL_ID));
    assert!(last.header("idempotency-key").is_none());
}

#[tokio::test]
async fn grouped_calls_reach_their_endpoints() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::label_created());
    mock.push(fixtures::customer_labels_list());
    mock.push(fixtures::label());
    mock.push(fixtures::ledger_entries_list());
    mock.push(fixtures::ledger_entry());
    mock.push(fixtures::ledger_entry());
    mock.push(fixtures::reallocation_created());
    mock.push(fixtures::reallocation());
    let client = test_client(&mock);
    let customer = fixtures::CUSTOMER_ID;
    let label = fixtures::LABEL_ID;

    let created = client
        .customers()
        .labels()
        .create_with(
            CreateCustomerLabel::new(customer, usd("10.00")),
            RequestOptions::new().idempotency_key(IdempotencyKey::new("label-1").unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(created.id(), label);
    let labels = client
        .customers()
        .labels()
        .list(ListCustomerLabels::new(customer).limit(25))
        .await
        .unwrap();
    assert_eq!(labels.len(), 2);
    let got = client.labels().get(created.location()).await.unwrap();
    assert_eq!(got.amount(), Some(&usd("10.00")));
    let entries = client
        .labels()
        .ledger_entries()
        .list(ListLabelLedgerEntries::new(label))
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    let entry = client.ledger_entries().get(entries[0].id()).await.unwrap();
    assert_eq!(entry.amount(), Some(&usd("-5.00")));
    let same = client
        .labels()
        .ledger_entries()
        .get(entry.self_href().unwrap())
        .await
        .unwrap();
    assert_eq!(same, entry);
    let moved = client
        .labels()
        .reallocations()
        .create(CreateLabelReallocation::new(
            label,
            fixtures::OTHER_LABEL_ID,
            usd("1.00"),
        ))
        .await
        .unwrap();
    let reallocation = client
        .label_reallocations()
        .get(moved.location())
        .await
        .unwrap();
    assert!(reallocation.to_ledger_entry_href().is_some());

    let requests = mock.requests();
    let seen: Vec<(String, String)> = requests[1..]
        .iter()
        .map(|r| (r.method().to_string(), r.uri().to_string()))
        .collect();
    let expect = |m: &str, p: String| (m.to_owned(), format!("{}{p}", fixtures::BASE));
    assert_eq!(
        seen,
        [
            expect("POST", format!("/customers/{customer}/labels")),
            expect("GET", format!("/customers/{customer}/labels?limit=25")),
            expect("GET", format!("/labels/{label}")),
            expect("GET", format!("/labels/{label}/ledger-entries")),
            expect(
                "GET",
                format!("/ledger-entries/{}", fixtures::LEDGER_ENTRY_ID)
            ),
            expect(
                "GET",
                format!("/ledger-entries/{}", fixtures::LEDGER_ENTRY_ID)
            ),
            expect("POST", "/label-reallocations".to_owned()),
            expect(
                "GET",
                format!("/label-reallocations/{}", fixtures::REALLOCATION_ID)
            ),
        ]
    );
    assert_eq!(requests[1].header("idempotency-key"), Some("label-1"));
    // Every POST carries a key, generated when none was given; GETs none.
    assert!(requests[7].header("idempotency-key").is_some());
    assert!(requests[3].header("idempotency-key").is_none());
    mock.assert_exhausted();
}

/// `list_pages` follows `_links.next` as Dwolla sent it, and stops after
/// the last page.
#[tokio::test]
async fn ledger_entries_are_walked_page_by_page() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::ledger_entries_page(Some(2)));
    mock.push(fixtures::ledger_entries_page(None));
    let client = test_client(&mock);
    let items = client
        .labels()
        .ledger_entries()
        .list_pages(ListLabelLedgerEntries::new(fixtures::LABEL_ID).limit(2))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(items.len(), 4);
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[1].uri().query(),
        Some("limit=2"),
        "the first page as built"
    );
    assert_eq!(
        requests[2].uri().query(),
        Some("limit=2&offset=2"),
        "the next page as linked"
    );
    mock.assert_exhausted();

    mock.push(fixtures::customer_labels_list());
    let mut pages = client
        .customers()
        .labels()
        .list_pages(ListCustomerLabels::new(fixtures::CUSTOMER_ID));
    assert_eq!(pages.next().await.unwrap().unwrap().len(), 2);
    assert!(pages.next().await.unwrap().is_none());
    mock.assert_exhausted();
}

/// Bad input is refused before any request, not even the token's.
#[tokio::test]
async fn bad_input_sends_nothing() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    let err = client
        .label_reallocations()
        .create(CreateLabelReallocation::new(
            fixtures::LABEL_ID,
            fixtures::label_href(fixtures::LABEL_ID),
            usd("1.00"),
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, dwolla_core::Error::InvalidInput(i) if i.field() == "to"),
        "{err:?}"
    );
    let err = client
        .customers()
        .labels()
        .create(CreateCustomerLabel::new(fixtures::CUSTOMER_ID, usd("-1")))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, dwolla_core::Error::InvalidInput(i) if i.field() == "amount"),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 0);
}
