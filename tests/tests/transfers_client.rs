//! Transfers, the account and sandbox simulations through the client over
//! the mock transport: the paths the grouped calls reach, idempotency keys
//! that survive a restart, retries that never pay twice, and paging.

mod support;

use dwolla_core::accounts::{ListAccountMassPayments, ListAccountTransfers};
use dwolla_core::transfers::{InitiateTransfer, ListCustomerTransfers, TransferStatus};
use dwolla_core::{Amount, ApiErrorKind, RetryPolicy};
use dwolla_mock::{fixtures, test_client, test_client_builder, MockTransport};
use support::{one_key_and_body, retrying_client};

/// What the application stores before it pays: its own payment.
struct Payment {
    id: u64,
    source: &'static str,
    destination: &'static str,
    cents: i64,
}

const PAYMENT: Payment = Payment {
    id: 4711,
    source: fixtures::SOURCE_FUNDING_SOURCE_ID,
    destination: fixtures::DESTINATION_FUNDING_SOURCE_ID,
    cents: 4200,
};

/// The transfer for a stored payment, built the same way every time: the
/// key and the correlation id come from the payment id, nothing from the
/// moment it is built.
fn payout(p: &Payment) -> InitiateTransfer {
    InitiateTransfer::new(p.source, p.destination, Amount::from_cents(p.cents))
        .metadata("paymentId", p.id.to_string())
        .correlation_id(format!("payout-{}", p.id))
        .idempotency_key(format!("payout-{}", p.id))
}

/// A process sends the transfer and crashes before it sees the answer; the
/// process that restarts builds a new client and sends the same payment.
/// Both send the same key and byte-identical body, so Dwolla answers the
/// second with the first transfer instead of paying again.
#[tokio::test]
async fn a_restart_resends_the_same_key_and_bytes() {
    let before = MockTransport::new();
    before.push(fixtures::token("tok-1", 3600));
    before.push_error(dwolla_core::TransportError::other(
        true,
        "the process died before the response arrived",
    ));
    let client = test_client_builder(&before)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    client
        .transfers()
        .create(payout(&PAYMENT))
        .await
        .unwrap_err();
    drop(client);

    let after = MockTransport::new();
    after.push(fixtures::token("tok-2", 3600));
    after.push(fixtures::transfer_created());
    let client = test_client(&after);
    let created = client.transfers().create(payout(&PAYMENT)).await.unwrap();
    assert_eq!(created.id(), fixtures::TRANSFER_ID);

    let first = &before.requests()[1];
    let second = &after.requests()[1];
    assert_eq!(first.path(), "/transfers");
    assert_eq!(second.path(), "/transfers");
    assert_eq!(first.header("idempotency-key"), Some("payout-4711"));
    assert_eq!(
        first.header("idempotency-key"),
        second.header("idempotency-key")
    );
    assert_eq!(first.body(), second.body(), "byte-identical bodies");
    // Only the token differs between the two processes.
    assert_ne!(
        first.header("authorization"),
        second.header("authorization")
    );
    // A fresh key per build would not survive the restart: the contrast.
    let generated = InitiateTransfer::new("a", "b", Amount::from_cents(1));
    let (a, b) = (MockTransport::new(), MockTransport::new());
    for m in [&a, &b] {
        m.push(fixtures::token("t", 3600));
        m.push(fixtures::transfer_created());
        test_client(m)
            .transfers()
            .create(generated.clone())
            .await
            .unwrap();
    }
    assert_ne!(
        a.requests()[1].header("idempotency-key"),
        b.requests()[1].header("idempotency-key")
    );
}

/// Within one call the client retries a 503, a lost connection and a
/// concurrent-transfers 429 with the same key and bytes.
#[tokio::test]
async fn retries_keep_one_key_and_identical_bytes() {
    for with_own_key in [true, false] {
        let mock = MockTransport::new();
        mock.push(fixtures::token("tok", 3600));
        mock.push(fixtures::server_error_html());
        mock.push_error(dwolla_core::TransportError::other(
            true,
            "connection reset before the response",
        ));
        mock.push(fixtures::concurrent_transfers());
        mock.push(fixtures::transfer_created());
        let client = retrying_client(&mock);
        let op = if with_own_key {
            payout(&PAYMENT)
        } else {
            InitiateTransfer::new("a", "b", Amount::from_cents(100))
        };
        client.transfers().create(op).await.unwrap();
        let attempts = &mock.requests()[1..];
        assert_eq!(attempts.len(), 4);
        let key = one_key_and_body(attempts);
        if with_own_key {
            assert_eq!(key, "payout-4711");
        }
        mock.assert_exhausted();
    }
}

#[tokio::test]
async fn money_errors_are_not_retried_and_keep_their_kind() {
    for (response, kind) in [
        (
            fixtures::transfer_insufficient_funds(),
            ApiErrorKind::InsufficientFunds,
        ),
        (
            fixtures::funds_flow_not_enabled("Send"),
            ApiErrorKind::FundsFlowNotEnabled,
        ),
    ] {
        let mock = MockTransport::new();
        mock.push(fixtures::token("tok", 3600));
        mock.push(response);
        let err = retrying_client(&mock)
            .transfers()
            .create(payout(&PAYMENT))
            .await
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(kind));
        assert_eq!(err.attempts(), Some(1));
        assert_eq!(
            err.request().unwrap().operation(),
            "initiateTransfer",
            "the error names the operation"
        );
    }
}

#[tokio::test]
async fn grouped_transfer_calls_reach_their_paths() {
    let id = fixtures::TRANSFER_ID;
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::transfer(id));
    mock.push(fixtures::transfer_cancelled(id));
    mock.push(fixtures::transfer_not_cancellable());
    mock.push(fixtures::transfer_fees());
    mock.push(fixtures::transfer_failure());
    let client = test_client(&mock);
    let t = client.transfers().get(id).await.unwrap();
    assert!(t.is_cancellable());
    let cancelled = client
        .transfers()
        .cancel(t.cancel_href().unwrap())
        .await
        .unwrap();
    assert_eq!(cancelled.status(), &TransferStatus::Cancelled);
    let again = client.transfers().cancel(id).await.unwrap_err();
    assert_eq!(again.api_kind(), Some(ApiErrorKind::TransferNotCancellable));
    assert_eq!(client.transfers().fees(id).await.unwrap().fees().len(), 2);
    let failure = client
        .transfers()
        .failure(fixtures::FAILED_TRANSFER_ID)
        .await
        .unwrap();
    assert_eq!(failure.code(), Some("R03"));
    let seen: Vec<(String, String)> = mock.requests()[1..]
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    let t = format!("/transfers/{id}");
    assert_eq!(
        seen,
        [
            ("GET".into(), t.clone()),
            ("POST".into(), t.clone()),
            ("POST".into(), t.clone()),
            ("GET".into(), format!("{t}/fees")),
            (
                "GET".into(),
                format!("/transfers/{}/failure", fixtures::FAILED_TRANSFER_ID)
            ),
        ]
    );
    // Every POST carries a key, even without one of its own.
    assert!(mock.requests()[2].header("idempotency-key").is_some());
    mock.assert_exhausted();
}

/// 60 transfers, 25 a page: three requests, 25 + 25 + 10, each following
/// the `next` link exactly as Dwolla sent it.
#[tokio::test]
async fn sixty_transfers_in_three_pages() {
    let customer = fixtures::CUSTOMER_ID;
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    for offset in [0, 25, 50] {
        mock.push(fixtures::customer_transfers_page(customer, 25, offset, 60));
    }
    let client = test_client(&mock);
    let mut pages = client
        .customers()
        .transfers()
        .list_pages(ListCustomerTransfers::new(customer).limit(25));
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await.unwrap() {
        sizes.push(page.len());
        ids.extend(page.iter().map(|t| t.id().to_owned()));
    }
    assert_eq!(sizes, [25, 25, 10]);
    assert_eq!(ids.len(), 60);
    assert_eq!(
        ids,
        (0..60).map(fixtures::nth_transfer_id).collect::<Vec<_>>()
    );
    let uris: Vec<String> = mock.requests()[1..]
        .iter()
        .map(|r| r.uri().to_string())
        .collect();
    let base = format!("https://api-sandbox.dwolla.com/customers/{customer}/transfers");
    assert_eq!(
        uris,
        [
            format!("{base}?limit=25"),
            format!("{base}?&limit=25&offset=25"),
            format!("{base}?&limit=25&offset=50"),
        ]
    );
    mock.assert_exhausted();

    // collect_items walks the same pages.
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    for offset in [0, 25, 50] {
        mock.push(fixtures::customer_transfers_page(customer, 25, offset, 60));
    }
    let all = test_client(&mock)
        .pages(ListCustomerTransfers::new(customer).limit(25))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(all.len(), 60);
}

#[tokio::test]
async fn the_account_and_its_lists() {
    let id = fixtures::DWOLLA_ACCOUNT_ID;
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::dwolla_account());
    mock.push(fixtures::dwolla_account_transfers());
    mock.push(fixtures::dwolla_account_mass_payments());
    mock.push(fixtures::dwolla_account_transfers());
    let client = test_client(&mock);
    let account = client.accounts().get(id).await.unwrap();
    assert_eq!(account.name(), Some("Jane Doe's Business"));
    let transfers = client
        .accounts()
        .transfers(ListAccountTransfers::new(account.self_href().unwrap()))
        .await
        .unwrap();
    assert_eq!(transfers.len(), 1);
    let mass = client
        .accounts()
        .mass_payments(ListAccountMassPayments::new(id))
        .await
        .unwrap();
    assert_eq!(mass.len(), 1);
    let all = client
        .accounts()
        .transfers_pages(ListAccountTransfers::new(id))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    let paths: Vec<String> = mock.requests()[1..]
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            format!("/accounts/{id}"),
            format!("/accounts/{id}/transfers"),
            format!("/accounts/{id}/mass-payments"),
            format!("/accounts/{id}/transfers"),
        ]
    );
}

/// Two simulations settle a bank-to-bank transfer: each call is its own
/// (a new key each time), not a replay of the first.
#[tokio::test]
async fn simulating_twice_is_two_simulations() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::sandbox_simulation(1));
    mock.push(fixtures::sandbox_simulation(1));
    let client = test_client(&mock);
    for _ in 0..2 {
        let s = client
            .sandbox()
            .simulate_bank_transfer_processing()
            .await
            .unwrap();
        assert_eq!(s.total(), Some(1));
    }
    let r = mock.requests();
    assert_eq!(r[1].path(), "/sandbox-simulations");
    assert_eq!(r[1].body_text(), Some("{}"));
    assert_ne!(
        r[1].header("idempotency-key"),
        r[2].header("idempotency-key")
    );
}
