//! Money end to end: the typed client over `HyperTransport`, over real
//! loopback TCP, against the local Dwolla emulator. The transfer lifecycle
//! (pending, processed after a sandbox simulation, cancelled, failed with
//! R01), micro-deposits (verified, wrong, exhausted), a mass payment, a
//! label reallocation, a transfer whose answer is lost and retried after a
//! restart (one transfer), and 60 transfers page by page.

mod support;

use dwolla_core::accounts::ListAccountFundingSources;
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, FundingSourceType, MicroDepositStatus,
    MicroDeposits,
};
use dwolla_core::labels::{CreateCustomerLabel, CreateLabelReallocation};
use dwolla_core::mass_payments::{
    InitiateMassPayment, ItemFailureCode, ListMassPaymentItems, MassPaymentItemStatus,
    MassPaymentStatus, PaymentItem, UpdateMassPayment,
};
use dwolla_core::transfers::{InitiateTransfer, ListCustomerTransfers, TransferStatus};
use dwolla_core::{Amount, ApiErrorKind, Error, RequestOptions};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;
use support::e2e::{client, kind};
use support::usd;

/// The account's balance, found as an application finds it: the root's
/// account, then its funding sources.
async fn account_balance(client: &HyperClient) -> String {
    let root = client.root().get().await.unwrap();
    let account = root.account_id().expect("the root links the account");
    let sources = client
        .accounts()
        .funding_sources()
        .list(ListAccountFundingSources::new(account))
        .await
        .unwrap();
    let balance = sources
        .iter()
        .find(|f| f.funding_source_type() == &FundingSourceType::Balance)
        .expect("the account has a balance");
    balance.self_href().unwrap().to_owned()
}

/// A bank of the emulator's customer by routing and account numbers.
async fn bank(client: &HyperClient, customer: &str, name: &str, account: &str) -> String {
    client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::bank(
            customer,
            "222222226",
            account,
            BankAccountType::Checking,
            name,
        ))
        .await
        .unwrap()
        .location()
        .to_owned()
}

/// A bank verified with micro-deposits (any two amounts under $0.10 in the
/// sandbox).
async fn verified_bank(client: &HyperClient, customer: &str, name: &str, account: &str) -> String {
    let bank = bank(client, customer, name, account).await;
    let micro = client.funding_sources().micro_deposits();
    assert!(matches!(
        micro.initiate(&bank).await.unwrap(),
        MicroDeposits::Initiated(_)
    ));
    let verified = micro.verify(&bank, usd("0.03"), usd("0.07")).await.unwrap();
    assert_eq!(verified, MicroDeposits::Verified);
    bank
}

async fn simulate(client: &HyperClient) -> u64 {
    client
        .sandbox()
        .simulate_bank_transfer_processing()
        .await
        .unwrap()
        .total()
        .unwrap()
}

async fn total_of(client: &HyperClient, balance: &str) -> Amount {
    client
        .funding_sources()
        .balance(balance)
        .await
        .unwrap()
        .total()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn the_transfer_lifecycle_pending_processed_cancelled_failed() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let account = account_balance(&client).await;
    assert_eq!(account, emulator.account_balance_href());
    assert_eq!(total_of(&client, &account).await, usd("5000.00"));
    let bank = verified_bank(&client, customer, "Checking", "123456789").await;

    // Pending until a simulation; then processed, the balance credited.
    let created = client
        .transfers()
        .create(
            InitiateTransfer::new(&bank, &account, usd("10.00"))
                .correlation_id("order-1")
                .metadata("orderId", "order-1"),
        )
        .await
        .unwrap();
    let transfer = client.transfers().get(created.location()).await.unwrap();
    assert_eq!(transfer.status(), &TransferStatus::Pending);
    assert_eq!(transfer.metadata_str("orderId"), Some("order-1"));
    assert_eq!(transfer.metadata().map(|m| m.len()), Some(1));
    assert!(transfer.is_cancellable());
    assert_eq!(transfer.amount(), Some(&usd("10.00")));
    assert_eq!(transfer.correlation_id(), Some("order-1"));
    assert_eq!(transfer.source_funding_source_href(), Some(bank.as_str()));
    assert!(simulate(&client).await >= 1);
    let transfer = client.transfers().get(created.location()).await.unwrap();
    assert_eq!(transfer.status(), &TransferStatus::Processed);
    assert!(!transfer.is_cancellable());
    assert_eq!(total_of(&client, &account).await, usd("5010.00"));

    // Cancelled while pending; then not cancellable, typed.
    let created = client
        .transfers()
        .create(InitiateTransfer::new(&bank, &account, usd("5.00")))
        .await
        .unwrap();
    let cancelled = client.transfers().cancel(created.location()).await.unwrap();
    assert_eq!(cancelled.status(), &TransferStatus::Cancelled);
    let err = client
        .transfers()
        .cancel(created.location())
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::TransferNotCancellable);
    simulate(&client).await;
    let transfer = client.transfers().get(created.id()).await.unwrap();
    assert_eq!(transfer.status(), &TransferStatus::Cancelled);
    assert_eq!(total_of(&client, &account).await, usd("5010.00"));

    // A bank named R01: the debit fails at the simulation, with its reason.
    let r01 = verified_bank(&client, customer, "R01", "987654321").await;
    let created = client
        .transfers()
        .create(InitiateTransfer::new(&r01, &account, usd("10.00")))
        .await
        .unwrap();
    simulate(&client).await;
    let transfer = client.transfers().get(created.location()).await.unwrap();
    assert_eq!(transfer.status(), &TransferStatus::Failed);
    let failure_href = transfer
        .failure_href()
        .expect("a failed transfer links its failure");
    let failure = client
        .transfers()
        .failure(failure_href.trim_end_matches("/failure"))
        .await
        .unwrap();
    assert_eq!(failure.code(), Some("R01"));
    assert_eq!(failure.description(), Some("Insufficient Funds"));
    assert_eq!(failure.failed_funding_source_href(), Some(r01.as_str()));
    assert_eq!(failure.removes_funding_source(), Some(false));
    assert!(!client
        .funding_sources()
        .get(&r01)
        .await
        .unwrap()
        .is_removed());
    assert_eq!(total_of(&client, &account).await, usd("5010.00"));

    // Not enough in a balance: typed.
    let customer_balance = emulator.customer_balance_href(customer).unwrap();
    let err = client
        .transfers()
        .create(InitiateTransfer::new(
            &customer_balance,
            &account,
            usd("1.00"),
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InsufficientFunds);
}

#[tokio::test]
async fn micro_deposits_verified_wrong_and_exhausted_after_three() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let micro = client.funding_sources().micro_deposits();

    let bank = bank(&client, customer, "Checking", "11112222").await;
    let fs = client.funding_sources().get(&bank).await.unwrap();
    assert!(!fs.is_verified());
    assert!(fs.can_initiate_micro_deposits());
    let MicroDeposits::Initiated(created) = micro.initiate(&bank).await.unwrap() else {
        panic!("initiated");
    };
    let details = micro.get(created.location()).await.unwrap();
    assert_eq!(details.status(), &MicroDepositStatus::Pending);
    assert!(client
        .funding_sources()
        .get(&bank)
        .await
        .unwrap()
        .can_verify_micro_deposits());
    simulate(&client).await;
    assert!(micro.get(&bank).await.unwrap().is_processed());
    assert_eq!(
        micro.verify(&bank, usd("0.02"), usd("0.05")).await.unwrap(),
        MicroDeposits::Verified
    );
    assert!(client
        .funding_sources()
        .get(&bank)
        .await
        .unwrap()
        .is_verified());
    let err = micro
        .verify(&bank, usd("0.02"), usd("0.05"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InvalidResourceState);

    // 0.09 and 0.09: wrong, twice; the third wrong pair ends it.
    let other = bank_with_micro_deposits(&client, customer, "33334444").await;
    for _ in 0..2 {
        let err = micro
            .verify(&other, usd("0.09"), usd("0.09"))
            .await
            .unwrap_err();
        assert_eq!(kind(&err), ApiErrorKind::WrongMicroDepositAmounts);
    }
    let err = micro
        .verify(&other, usd("0.09"), usd("0.09"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::TooManyAttempts);
    let err = micro
        .verify(&other, usd("0.01"), usd("0.02"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::TooManyAttempts);
    let fs = client.funding_sources().get(&other).await.unwrap();
    assert!(fs.micro_deposit_verification_failed());
    assert!(!fs.is_verified());
}

async fn bank_with_micro_deposits(client: &HyperClient, customer: &str, account: &str) -> String {
    let bank = bank(client, customer, "Savings", account).await;
    client
        .funding_sources()
        .micro_deposits()
        .initiate(&bank)
        .await
        .unwrap();
    bank
}

#[tokio::test]
async fn a_mass_payment_of_three_items() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let account = account_balance(&client).await;
    let balance = emulator.customer_balance_href(customer).unwrap();
    let checking = verified_bank(&client, customer, "Checking", "55556666").await;
    let gone = bank(&client, customer, "Gone", "77778888").await;
    client.funding_sources().remove(&gone).await.unwrap();

    let created = client
        .mass_payments()
        .create(
            InitiateMassPayment::new(
                &account,
                vec![
                    PaymentItem::new(&balance, usd("1.00")).metadata("item", "1"),
                    PaymentItem::new(&checking, usd("2.00")),
                    PaymentItem::new(&gone, usd("3.00")),
                ],
            )
            .deferred()
            .correlation_id("batch-1")
            .idempotency_key("batch-1"),
        )
        .await
        .unwrap();
    let mp = client
        .mass_payments()
        .get(created.location())
        .await
        .unwrap();
    assert_eq!(mp.status(), &MassPaymentStatus::Deferred);
    assert_eq!(mp.total(), Some(&usd("6.00")));
    let released = client
        .mass_payments()
        .update(UpdateMassPayment::release(created.location()))
        .await
        .unwrap();
    assert_eq!(released.status(), &MassPaymentStatus::Pending);
    simulate(&client).await;
    let mp = client.mass_payments().get(created.id()).await.unwrap();
    assert_eq!(mp.status(), &MassPaymentStatus::Complete);

    let items = client
        .mass_payments()
        .items(ListMassPaymentItems::new(created.id()))
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].metadata_str("item"), Some("1"));
    assert_eq!(items[1].metadata(), None);
    let statuses: Vec<&MassPaymentItemStatus> = items.iter().map(|i| i.status()).collect();
    assert_eq!(
        statuses,
        [
            &MassPaymentItemStatus::Success,
            &MassPaymentItemStatus::Success,
            &MassPaymentItemStatus::Failed
        ]
    );
    assert_eq!(
        items[2].errors()[0].code(),
        &ItemFailureCode::RequiresFundingSource
    );
    let paid = client
        .transfers()
        .get(items[0].transfer_href().unwrap())
        .await
        .unwrap();
    assert_eq!(paid.status(), &TransferStatus::Processed);
    assert_eq!(total_of(&client, &balance).await, usd("1.00"));
    assert_eq!(total_of(&client, &account).await, usd("4997.00"));
    let failed = client
        .mass_payments()
        .items(ListMassPaymentItems::new(created.id()).status(MassPaymentItemStatus::Failed))
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
}

#[tokio::test]
async fn a_label_reallocation() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let account = account_balance(&client).await;
    let balance = emulator.customer_balance_href(customer).unwrap();
    client
        .transfers()
        .create(InitiateTransfer::new(&account, &balance, usd("100.00")))
        .await
        .unwrap();

    let labels = client.customers().labels();
    let rent = labels
        .create(CreateCustomerLabel::new(customer, usd("40.00")))
        .await
        .unwrap();
    let food = labels
        .create(CreateCustomerLabel::new(customer, usd("10.00")))
        .await
        .unwrap();
    let moved = client
        .label_reallocations()
        .create(CreateLabelReallocation::new(
            rent.location(),
            food.location(),
            usd("15.00"),
        ))
        .await
        .unwrap();
    let realloc = client
        .label_reallocations()
        .get(moved.location())
        .await
        .unwrap();
    assert!(realloc.links().get("from-ledger-entry").is_some());
    let rent = client.labels().get(rent.location()).await.unwrap();
    let food = client.labels().get(food.location()).await.unwrap();
    assert_eq!(rent.amount(), Some(&usd("25.00")));
    assert_eq!(food.amount(), Some(&usd("25.00")));
    // Labeled funds are not spendable.
    let b = client.funding_sources().balance(&balance).await.unwrap();
    assert_eq!(b.spendable(), Some(&usd("50.00")));
    assert_eq!(b.total(), Some(&usd("100.00")));
    // More than `from` holds: refused.
    let err = client
        .label_reallocations()
        .create(CreateLabelReallocation::new(
            rent.self_href().unwrap(),
            food.self_href().unwrap(),
            usd("25.01"),
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::Validation);
}

#[tokio::test]
async fn a_lost_answer_retried_after_a_restart_makes_one_transfer() {
    let emulator = Emulator::start().await.unwrap();
    let customer = emulator.customer_id();
    let setup = client(&emulator);
    let bank = verified_bank(&setup, customer, "Checking", "99990000").await;
    let account = emulator.account_balance_href();

    // What the application stored before paying, and the request it builds
    // from it: the same payment, the same key and bytes, in any process.
    let payment_id = 4711;
    let transfer_for = |payment_id: u64| {
        InitiateTransfer::new(&bank, &account, usd("25.00"))
            .correlation_id(format!("payout-{payment_id}"))
            .idempotency_key(format!("payout-{payment_id}"))
    };

    // The process that paid: Dwolla (the emulator) creates the transfer,
    // the answer is lost mid-body, and the process dies before retrying.
    let before = client(&emulator);
    emulator.close_next_mid_response(1);
    let err = before
        .transfers()
        .create_with(transfer_for(payment_id), RequestOptions::new().no_retries())
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => assert!(t.may_have_been_sent(), "{t:?}"),
        other => panic!("expected a lost answer, got {other:?}"),
    }
    assert_eq!(emulator.transfers_created(), 1);
    drop(before);

    // The restart: a new client, the same payment.
    let after = client(&emulator);
    let created = after
        .transfers()
        .create(transfer_for(payment_id))
        .await
        .unwrap();
    assert_eq!(emulator.transfers_created(), 1, "not paid twice");
    let keys: Vec<String> = emulator
        .idempotency_keys()
        .into_iter()
        .filter(|k| k == "payout-4711")
        .collect();
    assert_eq!(keys.len(), 2);
    let found = after
        .customers()
        .transfers()
        .list(ListCustomerTransfers::new(customer).correlation_id("payout-4711"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), created.id());

    // Another payment is another transfer.
    after.transfers().create(transfer_for(4712)).await.unwrap();
    assert_eq!(emulator.transfers_created(), 2);
}

#[tokio::test]
async fn sixty_transfers_page_by_page() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let customer = emulator.customer_id();
    let account = account_balance(&client).await;
    let balance = emulator.customer_balance_href(customer).unwrap();
    for i in 1..=60 {
        client
            .transfers()
            .create(InitiateTransfer::new(
                &account,
                &balance,
                Amount::from_cents(i * 100),
            ))
            .await
            .unwrap();
    }
    let mut pages = client
        .customers()
        .transfers()
        .list_pages(ListCustomerTransfers::new(customer).limit(25));
    let mut sizes = Vec::new();
    let mut all = Vec::new();
    while let Some(page) = pages.next().await.unwrap() {
        assert_eq!(page.total(), Some(60));
        sizes.push(page.len());
        all.extend(page.into_vec());
    }
    assert_eq!(sizes, [25, 25, 10]);
    assert_eq!(all.first().and_then(|t| t.amount()), Some(&usd("60.00")));
    assert_eq!(all.last().and_then(|t| t.amount()), Some(&usd("1.00")));
    let mut ids: Vec<&str> = all.iter().map(|t| t.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 60);
    assert_eq!(total_of(&client, &balance).await, usd("1830.00"));
}
