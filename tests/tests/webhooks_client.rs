//! Events, webhook subscriptions and webhooks through the client over the
//! mock transport: the paths each grouped call reaches, retried POSTs with
//! one key and identical bytes, paging, and recovering missed webhooks.

mod support;

use std::collections::HashSet;

use dwolla_core::events::ListEvents;
use dwolla_core::webhook_subscriptions::{
    CreateWebhookSubscription, ListWebhooks, UpdateWebhookSubscription,
};
use dwolla_core::{ApiErrorKind, Error, IdempotencyKey, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{calls, one_key_and_body};

const SUB: &str = fixtures::WEBHOOK_SUBSCRIPTION_ID;

#[tokio::test]
async fn every_grouped_call_reaches_its_path() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    let client = test_client(&mock);

    mock.push(fixtures::events_page());
    let page = client
        .events()
        .list(ListEvents::new().limit(3))
        .await
        .unwrap();
    assert_eq!(page.len(), 3);
    mock.push(fixtures::event_customer_created());
    let event = client.events().get(fixtures::EVENT_ID).await.unwrap();
    assert_eq!(event.id(), fixtures::EVENT_ID);

    mock.push(fixtures::webhook_subscriptions_list());
    assert_eq!(
        client.webhook_subscriptions().list().await.unwrap().len(),
        2
    );
    mock.push(fixtures::webhook_subscription_created());
    let created = client
        .webhook_subscriptions()
        .create(CreateWebhookSubscription::new(
            fixtures::WEBHOOK_URL,
            fixtures::WEBHOOK_SECRET,
        ))
        .await
        .unwrap();
    assert_eq!(created.id(), SUB);
    mock.push(fixtures::webhook_subscription(false));
    client.webhook_subscriptions().get(SUB).await.unwrap();
    mock.push(fixtures::webhook_subscription(true));
    assert!(client
        .webhook_subscriptions()
        .pause(SUB)
        .await
        .unwrap()
        .is_paused());
    mock.push(fixtures::webhook_subscription(false));
    assert!(!client
        .webhook_subscriptions()
        .unpause(SUB)
        .await
        .unwrap()
        .is_paused());
    mock.push(fixtures::webhook_subscription(true));
    client
        .webhook_subscriptions()
        .update(UpdateWebhookSubscription::pause(SUB))
        .await
        .unwrap();
    mock.push(fixtures::subscription_webhooks_page());
    let hooks = client
        .webhook_subscriptions()
        .webhooks(ListWebhooks::new(SUB).limit(2))
        .await
        .unwrap();
    assert_eq!(hooks.len(), 2);
    mock.push(fixtures::webhook_subscription(false));
    assert!(client
        .webhook_subscriptions()
        .delete(SUB)
        .await
        .unwrap()
        .is_some());

    mock.push(fixtures::webhook_failed());
    assert!(client
        .webhooks()
        .get(fixtures::WEBHOOK_ID)
        .await
        .unwrap()
        .needs_retry());
    mock.push(fixtures::webhook_retries());
    assert_eq!(
        client
            .webhooks()
            .retries(fixtures::WEBHOOK_ID)
            .await
            .unwrap()
            .len(),
        1
    );
    mock.push(fixtures::webhook_retry_created());
    let retry = client.webhooks().retry(fixtures::WEBHOOK_ID).await.unwrap();
    assert_eq!(retry.id(), fixtures::WEBHOOK_RETRY_ID);

    let w = fixtures::WEBHOOK_ID;
    assert_eq!(
        calls(&mock)[1..],
        [
            "GET /events?limit=3".to_owned(),
            format!("GET /events/{}", fixtures::EVENT_ID),
            "GET /webhook-subscriptions".to_owned(),
            "POST /webhook-subscriptions".to_owned(),
            format!("GET /webhook-subscriptions/{SUB}"),
            format!("POST /webhook-subscriptions/{SUB}"),
            format!("POST /webhook-subscriptions/{SUB}"),
            format!("POST /webhook-subscriptions/{SUB}"),
            format!("GET /webhook-subscriptions/{SUB}/webhooks?limit=2"),
            format!("DELETE /webhook-subscriptions/{SUB}"),
            format!("GET /webhooks/{w}"),
            format!("GET /webhooks/{w}/retries"),
            format!("POST /webhooks/{w}/retries"),
        ]
    );
    // Every POST carries a key, each its own.
    let keys: HashSet<String> = mock
        .requests()
        .iter()
        .filter(|r| r.method() == "POST" && r.path() != "/token")
        .map(|r| r.header("idempotency-key").expect("a key").to_owned())
        .collect();
    assert_eq!(keys.len(), 5);
    mock.assert_exhausted();
}

#[tokio::test]
async fn the_with_twins_take_options() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::webhook_retry_created());
    let client = test_client(&mock);
    let key = IdempotencyKey::new("retry-9ece9660").unwrap();
    client
        .webhooks()
        .retry_with(
            fixtures::WEBHOOK_ID,
            RequestOptions::new().idempotency_key(key),
        )
        .await
        .unwrap();
    assert_eq!(
        mock.last_request().unwrap().header("idempotency-key"),
        Some("retry-9ece9660")
    );
    mock.push(fixtures::event_not_found());
    let err = client
        .events()
        .get_with("missing", RequestOptions::new().no_retries())
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    assert_eq!(err.request().unwrap().operation(), "getEvent");
}

/// A create meeting a 503 and a lost connection before its 201 sends one
/// key and the same bytes (its secret included) every time.
#[tokio::test]
async fn retried_posts_keep_one_key_and_identical_bytes() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push_error(dwolla_core::TransportError::other(
        true,
        "connection closed before the response",
    ));
    mock.push(fixtures::webhook_subscription_created());
    mock.push(fixtures::server_error());
    mock.push(fixtures::webhook_retry_created());
    let client = test_client(&mock);
    client
        .webhook_subscriptions()
        .create(CreateWebhookSubscription::new(
            fixtures::WEBHOOK_URL,
            fixtures::WEBHOOK_SECRET,
        ))
        .await
        .unwrap();
    client.webhooks().retry(fixtures::WEBHOOK_ID).await.unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 6);
    let creates = &requests[1..4];
    let key = one_key_and_body(creates);
    assert_eq!(creates[0].path(), "/webhook-subscriptions");
    assert_eq!(
        creates[0].body_json().unwrap()["secret"],
        fixtures::WEBHOOK_SECRET
    );
    let retries = &requests[4..];
    assert_ne!(one_key_and_body(retries), key);
    assert!(retries.iter().all(|r| r.body().is_empty()));
}

#[tokio::test]
async fn pages_are_walked_to_the_end() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::events_page());
    mock.push(fixtures::events_last_page());
    mock.push(fixtures::subscription_webhooks_page());
    mock.push(fixtures::subscription_webhooks_last_page());
    let client = test_client(&mock);
    let events = client
        .events()
        .list_pages(ListEvents::new().limit(3))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(events.len(), 5);
    let webhooks = client
        .webhook_subscriptions()
        .webhooks_pages(ListWebhooks::new(SUB).limit(2))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(webhooks.len(), 4);
    let c = &calls(&mock)[1..];
    assert_eq!(c[1], "GET /events?limit=3&offset=3");
    assert_eq!(
        c[3],
        format!("GET /webhook-subscriptions/{SUB}/webhooks?limit=2&offset=2&startDate=2024-03-01&endDate=2024-03-08")
    );
}

/// Two pages of four webhooks: one delivered, one never sent, one that only
/// ever failed, one delivered on its second attempt. The two undelivered
/// are retried, in order; the first retry failing does not stop the second.
#[tokio::test]
async fn recover_retries_every_undelivered_webhook() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::subscription_webhooks_page());
    mock.push(fixtures::subscription_webhooks_last_page());
    mock.push(fixtures::webhook_not_found());
    mock.push(fixtures::webhook_retry_created_for(
        fixtures::FAILED_WEBHOOK_ID,
        "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a",
    ));
    let client = test_client(&mock);
    let recovery = client
        .webhook_subscriptions()
        .recover(SUB, "2024-03-01", "2024-03-08")
        .await
        .unwrap();
    assert_eq!(recovery.examined(), 4);
    assert_eq!(recovery.retried().len(), 1);
    assert_eq!(recovery.retried()[0].0.id(), fixtures::FAILED_WEBHOOK_ID);
    assert_eq!(
        recovery.retried()[0].1.id(),
        "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a"
    );
    assert_eq!(recovery.failed().len(), 1);
    assert_eq!(recovery.failed()[0].0.id(), fixtures::UNSENT_WEBHOOK_ID);
    assert_eq!(
        recovery.failed()[0].1.api_kind(),
        Some(ApiErrorKind::NotFound)
    );
    assert!(!recovery.is_complete());
    assert_eq!(
        calls(&mock)[1..],
        [
            format!("GET /webhook-subscriptions/{SUB}/webhooks?startDate=2024-03-01&endDate=2024-03-08"),
            format!("GET /webhook-subscriptions/{SUB}/webhooks?limit=2&offset=2&startDate=2024-03-01&endDate=2024-03-08"),
            format!("POST /webhooks/{}/retries", fixtures::UNSENT_WEBHOOK_ID),
            format!("POST /webhooks/{}/retries", fixtures::FAILED_WEBHOOK_ID),
        ]
    );
    mock.assert_exhausted();
}

#[tokio::test]
async fn recover_gives_each_retry_its_own_key() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::subscription_webhooks_page());
    mock.push(fixtures::subscription_webhooks_last_page());
    mock.push(fixtures::webhook_retry_created_for(
        fixtures::UNSENT_WEBHOOK_ID,
        "r1",
    ));
    mock.push(fixtures::webhook_retry_created_for(
        fixtures::FAILED_WEBHOOK_ID,
        "r2",
    ));
    let client = test_client(&mock);
    // Even when the options carry one key: two retries are two POSTs.
    let options = RequestOptions::new().idempotency_key(IdempotencyKey::new("one-key").unwrap());
    let recovery = client
        .webhook_subscriptions()
        .recover_with(SUB, "2024-03-01", "2024-03-08", options)
        .await
        .unwrap();
    assert!(recovery.is_complete());
    assert_eq!(recovery.retried().len(), 2);
    let requests = mock.requests();
    let keys: Vec<&str> = requests
        .iter()
        .filter(|r| r.method() == "POST" && r.path() != "/token")
        .map(|r| r.header("idempotency-key").unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
    assert!(!keys.contains(&"one-key"));
}

#[tokio::test]
async fn recover_checks_dates_first_and_stops_when_listing_fails() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    let err = client
        .webhook_subscriptions()
        .recover(SUB, "2024-03-01", "next week")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field() == "end_date"),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 0, "no request for bad input");

    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::subscription_webhooks_page());
    mock.push(fixtures::webhook_subscription_forbidden());
    let err = client
        .webhook_subscriptions()
        .recover(SUB, "2024-03-01", "2024-03-08")
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Forbidden));
    // Nothing was retried: listing comes first, whole.
    assert!(mock
        .requests()
        .iter()
        .all(|r| !r.path().ends_with("/retries")));
}
