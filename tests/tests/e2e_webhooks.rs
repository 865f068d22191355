//! Webhooks end to end: the typed client over `HyperTransport`, over real
//! loopback TCP, against the local Dwolla emulator, which delivers signed
//! webhooks to a receiver (a `WebhookInbox` running a handler built on
//! `dwolla_core::webhooks::receive`). A customer's event verified; a failed
//! delivery retried on Dwolla's schedule (on a fast clock) and recorded; a
//! paused subscription's webhooks recovered; a redelivery recognised as a
//! duplicate by event id; the re-auth loop from its event to a new verified
//! funding source.

mod support;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dwolla_core::customers::{CreateCustomer, UnverifiedDetails};
use dwolla_core::events::{Event, EventResource, Topic};
use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};
use dwolla_core::exchanges::CreateCustomerExchange;
use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
use dwolla_core::http::StatusCode;
use dwolla_core::webhook_subscriptions::{CreateWebhookSubscription, ListWebhooks};
use dwolla_core::webhooks::{self, InMemorySeenEvents, Received, Webhook};
use dwolla_core::ApiErrorKind;
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::{Emulator, ReceivedWebhook, WebhookInbox};
use support::e2e::{client, kind};

const SECRET: &str = "the end-to-end webhook secret";
/// Long enough for a loaded machine; never waited out when things work.
const PATIENCE: Duration = Duration::from_secs(20);

/// A webhook endpoint as an application writes one: every request checked
/// with `webhooks::receive` (signature, event, first time or not), new
/// events kept, duplicates and new ones answered 200, forgeries 401. The
/// first `fail_first` requests are answered 500 before anything else (an
/// endpoint that is down).
struct Receiver {
    inbox: WebhookInbox,
    handled: Arc<Mutex<Vec<Event>>>,
    duplicates: Arc<AtomicU32>,
}

impl Receiver {
    async fn start(fail_first: u32) -> Receiver {
        let seen = InMemorySeenEvents::new(10_000);
        let handled = Arc::new(Mutex::new(Vec::new()));
        let duplicates = Arc::new(AtomicU32::new(0));
        let failing = AtomicU32::new(fail_first);
        let (keep, dup) = (handled.clone(), duplicates.clone());
        let inbox = WebhookInbox::with_handler(move |headers, body| {
            if failing
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                return StatusCode::INTERNAL_SERVER_ERROR;
            }
            match webhooks::receive(SECRET, headers, body, &seen) {
                Ok(Received::New(event)) => {
                    keep.lock().unwrap().push(event);
                    StatusCode::OK
                }
                Ok(Received::Duplicate(_)) => {
                    dup.fetch_add(1, Ordering::SeqCst);
                    StatusCode::OK
                }
                Err(_) => StatusCode::UNAUTHORIZED,
            }
        })
        .await
        .unwrap();
        Receiver {
            inbox,
            handled,
            duplicates,
        }
    }

    async fn next(&self) -> ReceivedWebhook {
        self.inbox.next(PATIENCE).await.expect("a webhook")
    }

    fn handled(&self) -> Vec<Event> {
        self.handled.lock().unwrap().clone()
    }
}

/// Subscribes the receiver; the subscription's URL.
async fn subscribe(client: &HyperClient, receiver: &Receiver) -> String {
    client
        .webhook_subscriptions()
        .create(CreateWebhookSubscription::new(receiver.inbox.url(), SECRET))
        .await
        .unwrap()
        .location()
        .to_owned()
}

async fn create_customer(client: &HyperClient, email: &str) -> String {
    let details = UnverifiedDetails::new("Webhook", "Receiver", email);
    client
        .customers()
        .create(CreateCustomer::unverified(details))
        .await
        .unwrap()
        .location()
        .to_owned()
}

/// Every webhook of a subscription, newest first.
async fn webhooks_of(client: &HyperClient, subscription: &str) -> Vec<Webhook> {
    client
        .webhook_subscriptions()
        .webhooks_pages(ListWebhooks::new(subscription))
        .collect_items()
        .await
        .unwrap()
}

fn statuses(webhook: &Webhook) -> Vec<Option<i64>> {
    webhook
        .attempts()
        .iter()
        .map(|a| a.response().and_then(|r| r.status_code()))
        .collect()
}

/// Seconds since the epoch of an RFC 3339 UTC time as the emulator writes
/// it (`2024-05-01T12:34:56.789Z`), milliseconds dropped.
fn epoch_secs(time: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| time[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

#[tokio::test]
async fn a_receiver_gets_a_signed_customer_created_that_verify_accepts() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let receiver = Receiver::start(0).await;
    subscribe(&client, &receiver).await;
    let customer = create_customer(&client, "signed@example.com").await;

    let delivery = receiver.next().await;
    assert_eq!(delivery.status(), StatusCode::OK);
    let event = webhooks::verify(SECRET, delivery.headers(), delivery.body())
        .expect("the emulator's signature verifies");
    assert_eq!(event.topic(), &Topic::CustomerCreated);
    assert_eq!(
        webhooks::topic_header(delivery.headers()),
        Some(Topic::CustomerCreated)
    );
    assert_eq!(event.resource_href(), Some(customer.as_str()));
    assert_eq!(event.customer_href(), Some(customer.as_str()));
    assert!(event.created().is_some());
    // Signed with the subscription's secret, over the exact bytes.
    assert!(webhooks::verify("not the secret", delivery.headers(), delivery.body()).is_err());
    let mut tampered = delivery.body().to_vec();
    tampered.push(b' ');
    assert!(webhooks::verify(SECRET, delivery.headers(), &tampered).is_err());
    assert_eq!(receiver.handled(), std::slice::from_ref(&event));

    // The event is Dwolla's: fetched again it is the same, and its resource
    // is the customer.
    let fetched = client.events().get(event.id()).await.unwrap();
    assert_eq!(fetched, event);
    let Some(EventResource::Customer(retrieve)) = event.resource() else {
        panic!("a customer event: {event:?}");
    };
    let retrieved = client.execute(retrieve).await.unwrap();
    assert_eq!(Some(retrieved.self_href().unwrap()), event.resource_href());
}

#[tokio::test]
async fn a_failed_delivery_is_retried_on_the_schedule_and_recorded() {
    // An hour a second: the retry 15 emulated minutes later comes in 0.25 s.
    let emulator = Emulator::builder()
        .webhook_time_scale(3600)
        .start()
        .await
        .unwrap();
    let client = client(&emulator);
    let receiver = Receiver::start(1).await;
    let subscription = subscribe(&client, &receiver).await;
    create_customer(&client, "retried@example.com").await;

    assert_eq!(
        receiver.next().await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert!(receiver.handled().is_empty());
    let retry = receiver.next().await;
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(receiver.handled().len(), 1);
    assert!(emulator.wait_for_webhooks(PATIENCE).await);

    let listed = webhooks_of(&client, &subscription).await;
    assert_eq!(listed.len(), 1);
    let webhook = client.webhooks().get(listed[0].id()).await.unwrap();
    assert_eq!(statuses(&webhook), [Some(500), Some(200)]);
    assert!(webhook.was_delivered());
    assert_eq!(webhook.topic(), &Topic::CustomerCreated);
    assert_eq!(webhook.event_id(), Some(receiver.handled()[0].id()));
    let attempts = webhook.attempts();
    let sent = |i: usize| epoch_secs(attempts[i].request().unwrap().time().unwrap());
    let gap = sent(1) - sent(0);
    // Not before the 15 minutes of the schedule; before its second retry
    // (an hour after the original) even on a slow machine.
    assert!((15 * 60..3600).contains(&gap), "retried {gap} s later");
    for attempt in attempts {
        let request = attempt.request().unwrap();
        assert_eq!(request.url(), Some(receiver.inbox.url().as_str()));
        let body = request.body().unwrap();
        assert_eq!(
            request.header("X-Request-Signature-SHA-256"),
            Some(webhooks::sign(SECRET, body.as_bytes()).as_str())
        );
        assert_eq!(request.header("X-Dwolla-Topic"), Some("customer_created"));
    }
}

#[tokio::test]
async fn a_paused_subscription_misses_webhooks_that_recover_then_retries() {
    let emulator = Emulator::start().await.unwrap();
    // The period to recover: from today (on the emulator's clock) to the
    // day it is then.
    let since = emulator.clock_now()[..10].to_owned();
    let client = client(&emulator);
    let receiver = Receiver::start(0).await;
    let subscription = subscribe(&client, &receiver).await;
    let paused = client
        .webhook_subscriptions()
        .pause(&subscription)
        .await
        .unwrap();
    assert!(paused.is_paused());
    let first = create_customer(&client, "missed1@example.com").await;
    let second = create_customer(&client, "missed2@example.com").await;
    assert!(emulator.wait_for_webhooks(PATIENCE).await);
    assert_eq!(receiver.inbox.received(), 0);
    let missed = webhooks_of(&client, &subscription).await;
    assert_eq!(missed.len(), 2);
    assert!(missed
        .iter()
        .all(|w| w.attempts().is_empty() && w.needs_retry()));

    let unpaused = client
        .webhook_subscriptions()
        .unpause(&subscription)
        .await
        .unwrap();
    assert!(!unpaused.is_paused());
    let until = emulator.clock_now()[..10].to_owned();
    let recovery = client
        .webhook_subscriptions()
        .recover(&subscription, &since, &until)
        .await
        .unwrap();
    assert_eq!(recovery.examined(), 2);
    assert_eq!(recovery.retried().len(), 2);
    assert!(recovery.is_complete());

    receiver.next().await;
    receiver.next().await;
    let mut arrived: Vec<String> = receiver
        .handled()
        .iter()
        .map(|e| e.resource_href().unwrap().to_owned())
        .collect();
    arrived.sort();
    let mut expected = vec![first, second];
    expected.sort();
    assert_eq!(arrived, expected);
    assert!(emulator.wait_for_webhooks(PATIENCE).await);
    let after = webhooks_of(&client, &subscription).await;
    assert!(after.iter().all(Webhook::was_delivered));
    // Nothing left to recover.
    let again = client
        .webhook_subscriptions()
        .recover(&subscription, &since, &until)
        .await
        .unwrap();
    assert_eq!((again.examined(), again.retried().len()), (2, 0));
}

#[tokio::test]
async fn a_redelivery_is_a_duplicate_the_receiver_ignores_by_event_id() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let receiver = Receiver::start(0).await;
    let subscription = subscribe(&client, &receiver).await;
    create_customer(&client, "twice@example.com").await;
    let original = receiver.next().await;
    assert!(emulator.wait_for_webhooks(PATIENCE).await);
    let webhook = webhooks_of(&client, &subscription).await.remove(0);

    let retry = client.webhooks().retry(webhook.id()).await.unwrap();
    assert!(retry.location().starts_with(webhook.retry_href().unwrap()));
    let again = receiver.next().await;
    // The same event, byte for byte; answered 200 and not handled twice.
    assert_eq!(again.body(), original.body());
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(receiver.handled().len(), 1);
    assert_eq!(receiver.duplicates.load(Ordering::SeqCst), 1);
    assert!(emulator.wait_for_webhooks(PATIENCE).await);
    let webhook = client.webhooks().get(webhook.id()).await.unwrap();
    assert_eq!(statuses(&webhook), [Some(200), Some(200)]);
    let retries = client.webhooks().retries(webhook.id()).await.unwrap();
    assert_eq!(retries.len(), 1);
    assert_eq!(retries[0].id(), retry.id());
}

#[tokio::test]
async fn the_reauth_loop_from_its_event_to_a_new_verified_funding_source() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let receiver = Receiver::start(0).await;
    subscribe(&client, &receiver).await;
    let customer = emulator.customer_id();
    let plaid = emulator.partner_href("plaid").unwrap();

    // A bank account linked through Plaid.
    let public_token = plaid_public_token(&emulator, &client, customer, &plaid).await;
    let exchange = client
        .customers()
        .exchanges()
        .create(CreateCustomerExchange::plaid(
            customer,
            &plaid,
            public_token,
        ))
        .await
        .unwrap();

    // The bank login changes: Dwolla says so with an event.
    emulator
        .exchange_reauth_required(exchange.location())
        .expect("a known exchange");
    let event = loop {
        let delivery = receiver.next().await;
        let event = delivery.verify(SECRET).unwrap();
        if event.topic() == &Topic::CustomerExchangeReauthRequired {
            break event;
        }
    };
    assert_eq!(event.resource_href(), Some(exchange.location()));
    let customer_href = event.customer_href().unwrap().to_owned();
    // Until re-authenticated, the exchange answers UpdateCredentials.
    let err = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            &customer_href,
            exchange.location(),
            BankAccountType::Checking,
            "Checking",
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::UpdateCredentials);

    // The event names the way out: a re-auth session for the exchange.
    let reauth = event.reauth_session().expect("a re-auth event");
    let session = client
        .exchanges()
        .exchange_sessions()
        .create_reauth(reauth)
        .await
        .unwrap();
    let session = client
        .exchange_sessions()
        .get(session.location())
        .await
        .unwrap();
    let Some(ProviderSession::PlaidLinkToken(link)) = session.provider_session() else {
        panic!("a Plaid re-auth session has a link token: {session:?}");
    };
    let public_token = emulator.plaid_public_token(link).unwrap();
    let renewed = client
        .customers()
        .exchanges()
        .create(CreateCustomerExchange::plaid(
            &customer_href,
            &plaid,
            public_token,
        ))
        .await
        .unwrap();
    assert_ne!(renewed.location(), exchange.location());
    let fs = client
        .customers()
        .funding_sources()
        .create(CreateCustomerFundingSource::from_exchange(
            &customer_href,
            renewed.location(),
            BankAccountType::Checking,
            "Checking",
        ))
        .await
        .unwrap();
    let fs = client.funding_sources().get(fs.location()).await.unwrap();
    assert!(fs.is_verified(), "{fs:?}");
    assert_eq!(fs.exchange_href(), Some(renewed.location()));
}

/// A Plaid session for the customer, and the public token Plaid Link would
/// hand back for its link token (played by the emulator).
async fn plaid_public_token(
    emulator: &Emulator,
    client: &HyperClient,
    customer: &str,
    plaid: &str,
) -> String {
    let created = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(customer, plaid))
        .await
        .unwrap();
    let session = client
        .exchange_sessions()
        .get(created.location())
        .await
        .unwrap();
    let Some(ProviderSession::PlaidLinkToken(link)) = session.provider_session() else {
        panic!("a Plaid session has a link token: {session:?}");
    };
    emulator.plaid_public_token(link).expect("a public token")
}
