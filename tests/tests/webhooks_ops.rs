//! Webhook subscriptions and webhooks, operation by operation: the exact
//! requests of every constructor, every fixture read, the documented
//! errors, and the secret kept out of `Debug`.

mod support;

use bytes::Bytes;
use dwolla_core::events::Topic;
use dwolla_core::webhook_subscriptions::{
    CreateWebhookSubscription, DeleteWebhookSubscription, ListWebhookSubscriptions, ListWebhooks,
    RetrieveWebhookSubscription, UpdateWebhookSubscription, MAX_SECRET_CHARS,
};
use dwolla_core::webhooks::{ListWebhookRetries, RetrieveWebhook, RetryWebhook, Webhook};
use dwolla_core::{Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_documented_errors, invalid_field, try_build_sandbox};

const SUB: &str = fixtures::WEBHOOK_SUBSCRIPTION_ID;

fn text(body: &Bytes) -> &str {
    std::str::from_utf8(body).unwrap()
}

#[test]
fn create_subscription_request() {
    let op = CreateWebhookSubscription::new(fixtures::WEBHOOK_URL, fixtures::WEBHOOK_SECRET);
    assert_eq!(op.name(), "createWebhookSubscription");
    let r = try_build_sandbox(&op).unwrap();
    assert_eq!(r.method(), "POST");
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/webhook-subscriptions"
    );
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert!(r.headers().get("idempotency-key").is_none());
    assert_eq!(
        text(r.body()),
        format!(
            r#"{{"url":"{}","secret":"{}"}}"#,
            fixtures::WEBHOOK_URL,
            fixtures::WEBHOOK_SECRET
        )
    );
    // Identical bytes every time (a retry sends what the first attempt did).
    assert_eq!(try_build_sandbox(&op).unwrap().body(), r.body());
    // Escaped as JSON.
    let quoted = try_build_sandbox(&CreateWebhookSubscription::new(
        "https://x.example/h",
        "a\"b\\c",
    ))
    .unwrap();
    assert_eq!(
        text(quoted.body()),
        r#"{"url":"https://x.example/h","secret":"a\"b\\c"}"#
    );
    // Its own key.
    let keyed = try_build_sandbox(&op.clone().idempotency_key("sub-1")).unwrap();
    assert_eq!(keyed.headers()["idempotency-key"], "sub-1");
    assert_eq!(
        invalid_field(try_build_sandbox(&op.clone().idempotency_key("has space"))),
        "idempotency_key"
    );
    // Loopback http for the emulator.
    assert!(try_build_sandbox(&CreateWebhookSubscription::new(
        "http://127.0.0.1:8099/hooks",
        "s"
    ))
    .is_ok());
    assert!(op.validate().is_ok());
}

#[test]
fn create_subscription_input_checks() {
    for url in [
        "",
        "myapp.example.com/hooks",
        "http://myapp.example.com/hooks",
        "ftp://myapp.example.com",
        "https://user:pw@myapp.example.com/",
    ] {
        assert_eq!(
            invalid_field(try_build_sandbox(&CreateWebhookSubscription::new(url, "s"))),
            "url",
            "{url}"
        );
    }
    let max = "é".repeat(MAX_SECRET_CHARS);
    assert!(try_build_sandbox(&CreateWebhookSubscription::new(
        fixtures::WEBHOOK_URL,
        max.clone()
    ))
    .is_ok());
    for secret in [
        String::new(),
        "  ".to_owned(),
        "line\nbreak".to_owned(),
        format!("{max}x"),
    ] {
        let op = CreateWebhookSubscription::new(fixtures::WEBHOOK_URL, secret.clone());
        match try_build_sandbox(&op) {
            Err(Error::InvalidInput(i)) => {
                assert_eq!(i.field(), "secret");
                if secret.trim().len() > 2 {
                    assert!(!i.to_string().contains(&secret));
                }
            }
            other => panic!("{other:?}"),
        }
        assert!(op.validate().is_err());
    }
}

#[test]
fn the_secret_is_never_in_debug() {
    let op = CreateWebhookSubscription::new(fixtures::WEBHOOK_URL, fixtures::WEBHOOK_SECRET)
        .idempotency_key("k");
    let shown = format!("{op:?}");
    assert!(!shown.contains(fixtures::WEBHOOK_SECRET), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    assert!(shown.contains(fixtures::WEBHOOK_URL), "{shown}");
    let pretty = format!("{op:#?}");
    assert!(!pretty.contains(fixtures::WEBHOOK_SECRET));
    // The models never hold it: the subscription Dwolla returns has none.
    let sub = RetrieveWebhookSubscription::new(SUB)
        .parse_response(fixtures::webhook_subscription(false))
        .unwrap();
    assert!(!format!("{sub:?}").contains(fixtures::WEBHOOK_SECRET));
}

#[test]
fn create_subscription_answers() {
    let op = CreateWebhookSubscription::new(fixtures::WEBHOOK_URL, "s");
    let created = op
        .parse_response(fixtures::webhook_subscription_created())
        .unwrap();
    assert_eq!(created.id(), SUB);
    assert_eq!(
        try_build_sandbox(&created.retrieve()).unwrap().uri().path(),
        format!("/webhook-subscriptions/{SUB}")
    );
    assert_documented_errors(
        &op,
        fixtures::documented_create_webhook_subscription_errors(),
    );
    let err = op
        .parse_response(fixtures::webhook_url_invalid())
        .unwrap_err();
    let api = err.api_error().unwrap();
    assert_eq!(api.errors()[0].path(), Some("/url"));
    assert_eq!(api.errors()[0].code(), Some("InvalidFormat"));
    let err = op
        .parse_response(fixtures::webhook_secret_too_long())
        .unwrap_err();
    assert_eq!(err.api_error().unwrap().errors()[0].path(), Some("/secret"));
}

#[test]
fn list_and_retrieve_subscriptions() {
    let r = try_build_sandbox(&ListWebhookSubscriptions::new()).unwrap();
    assert_eq!(r.method(), "GET");
    assert_eq!(
        r.uri(),
        "https://api-sandbox.dwolla.com/webhook-subscriptions"
    );
    assert_eq!(
        ListWebhookSubscriptions::new().name(),
        "listWebhookSubscriptions"
    );
    let list = ListWebhookSubscriptions::new()
        .parse_response(fixtures::webhook_subscriptions_list())
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.total(), Some(2));
    assert_eq!(list[0].id(), SUB);
    assert_eq!(list[0].url(), Some(fixtures::WEBHOOK_URL));
    assert!(!list[0].is_paused());
    assert!(list[1].is_paused());
    assert_eq!(list[1].paused(), Some(true));
    assert_eq!(list[0].created(), Some("2022-10-28T16:20:47+00:00"));
    assert_eq!(
        list[0].webhooks_href(),
        Some(format!("{}/webhooks", fixtures::webhook_subscription_href(SUB)).as_str())
    );
    assert_documented_errors(
        &ListWebhookSubscriptions::new(),
        fixtures::documented_list_webhook_subscriptions_errors(),
    );

    let op = RetrieveWebhookSubscription::new(fixtures::webhook_subscription_href(SUB));
    assert_eq!(op.name(), "getWebhookSubscription");
    assert_eq!(
        try_build_sandbox(&op).unwrap().uri(),
        format!("https://api-sandbox.dwolla.com/webhook-subscriptions/{SUB}").as_str()
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&RetrieveWebhookSubscription::new(
            "https://api-sandbox.dwolla.com/webhooks/x"
        ))),
        "webhook_subscription_id"
    );
    assert_documented_errors(
        &op,
        fixtures::documented_retrieve_webhook_subscription_errors(),
    );
}

#[test]
fn update_subscription_requests() {
    let pause = UpdateWebhookSubscription::pause(SUB);
    assert_eq!(pause.name(), "updateWebhookSubscription");
    let r = try_build_sandbox(&pause).unwrap();
    assert_eq!(r.method(), "POST");
    assert_eq!(r.uri().path(), format!("/webhook-subscriptions/{SUB}"));
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(r.body().as_ref(), br#"{"paused":true}"#);
    let unpause = try_build_sandbox(&UpdateWebhookSubscription::unpause(
        fixtures::webhook_subscription_href(SUB),
    ))
    .unwrap();
    assert_eq!(unpause.body().as_ref(), br#"{"paused":false}"#);
    assert_eq!(unpause.uri().path(), r.uri().path());
    assert_eq!(
        UpdateWebhookSubscription::new(SUB, true),
        UpdateWebhookSubscription::pause(SUB)
    );
    assert_eq!(
        try_build_sandbox(&pause.clone().idempotency_key("p-1"))
            .unwrap()
            .headers()["idempotency-key"],
        "p-1"
    );
    let sub = pause
        .parse_response(fixtures::webhook_subscription(true))
        .unwrap();
    assert!(sub.is_paused());
    assert_documented_errors(
        &pause,
        fixtures::documented_update_webhook_subscription_errors(),
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&UpdateWebhookSubscription::pause(""))),
        "webhook_subscription_id"
    );
}

#[test]
fn delete_subscription_requests() {
    let op = DeleteWebhookSubscription::new(SUB);
    assert_eq!(op.name(), "delete");
    let r = try_build_sandbox(&op).unwrap();
    assert_eq!(r.method(), "DELETE");
    assert_eq!(r.uri().path(), format!("/webhook-subscriptions/{SUB}"));
    assert!(r.body().is_empty());
    let deleted = op
        .parse_response(fixtures::webhook_subscription(false))
        .unwrap()
        .expect("the deleted subscription");
    assert_eq!(deleted.id(), SUB);
    // An empty 2xx is fine too.
    for status in [200, 204] {
        let empty = http::Response::builder()
            .status(status)
            .body(Bytes::new())
            .unwrap();
        assert_eq!(op.parse_response(empty).unwrap(), None);
    }
    assert_documented_errors(
        &op,
        fixtures::documented_delete_webhook_subscription_errors(),
    );
}

#[test]
fn list_webhooks_requests() {
    let op = ListWebhooks::new(SUB);
    assert_eq!(op.name(), "listWebhooks");
    assert_eq!(
        try_build_sandbox(&op).unwrap().uri(),
        format!("https://api-sandbox.dwolla.com/webhook-subscriptions/{SUB}/webhooks").as_str()
    );
    let all = ListWebhooks::new(fixtures::webhook_subscription_href(SUB))
        .limit(2)
        .offset(4)
        .start_date("2024-03-01")
        .end_date("2024-03-08")
        .resource_id("81BA6F36-CD7C-E511-80DB-0AA34A9B2388");
    assert_eq!(
        try_build_sandbox(&all).unwrap().uri().query(),
        Some("limit=2&offset=4&startDate=2024-03-01&endDate=2024-03-08&resourceId=81BA6F36-CD7C-E511-80DB-0AA34A9B2388")
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&ListWebhooks::new(SUB).limit(0))),
        "limit"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(
            &ListWebhooks::new(SUB).start_date("2024-02-30")
        )),
        "start_date"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(
            &ListWebhooks::new(SUB).end_date("yesterday")
        )),
        "end_date"
    );
    assert_eq!(
        invalid_field(try_build_sandbox(&ListWebhooks::new(SUB).resource_id(""))),
        "resource_id"
    );
    // A value can never add a parameter.
    assert_eq!(
        try_build_sandbox(&ListWebhooks::new(SUB).resource_id("a&limit=1"))
            .unwrap()
            .uri()
            .query(),
        Some("resourceId=a%26limit%3D1")
    );
}

#[test]
fn pages_of_webhooks() {
    let op = ListWebhooks::new(SUB);
    let page = op
        .parse_response(fixtures::subscription_webhooks_page())
        .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page.total(), Some(4));
    assert!(page.next_href().is_some());
    assert!(page[0].was_delivered());
    assert!(page[1].needs_retry());
    assert!(page[1].attempts().is_empty());
    // The list example's `created` is read like `timestamp`.
    let request = page[0].attempts()[0].request().unwrap();
    assert_eq!(request.time(), Some("2022-10-27T17:07:34.304Z"));
    assert_eq!(request.timestamp(), None);
    let last = op
        .parse_response(fixtures::subscription_webhooks_last_page())
        .unwrap();
    assert_eq!(last.next_href(), None);
    assert_eq!(last[0].id(), fixtures::FAILED_WEBHOOK_ID);
    assert!(last[0].needs_retry(), "a 500 and a 409 are failures");
    assert!(last[1].was_delivered(), "a 204 on the second attempt");
    assert_documented_errors(&op, fixtures::documented_list_webhooks_errors());
}

fn webhook(response: http::Response<Bytes>) -> Webhook {
    RetrieveWebhook::new(fixtures::WEBHOOK_ID)
        .parse_response(response)
        .unwrap()
}

#[test]
fn a_webhook_with_its_attempts() {
    let op = RetrieveWebhook::new(fixtures::WEBHOOK_ID);
    assert_eq!(op.name(), "getWebhook");
    assert_eq!(
        try_build_sandbox(&op).unwrap().uri(),
        format!(
            "https://api-sandbox.dwolla.com/webhooks/{}",
            fixtures::WEBHOOK_ID
        )
        .as_str()
    );
    let w = webhook(fixtures::webhook_delivered());
    assert_eq!(w.id(), fixtures::WEBHOOK_ID);
    assert_eq!(w.topic(), &Topic::TransferCreated);
    assert_eq!(w.account_id(), Some(fixtures::EVENT_ACCOUNT_ID));
    assert_eq!(w.event_id(), Some(fixtures::WEBHOOK_EVENT_ID));
    assert_eq!(w.subscription_id(), Some(SUB));
    assert_eq!(
        w.subscription_href(),
        Some(fixtures::webhook_subscription_href(SUB).as_str())
    );
    assert_eq!(
        w.retry_href(),
        Some(format!("{}/retries", fixtures::webhook_href(fixtures::WEBHOOK_ID)).as_str())
    );
    assert_eq!(
        w.event_href(),
        Some(
            format!(
                "https://api-sandbox.dwolla.com/events/{}",
                fixtures::WEBHOOK_EVENT_ID
            )
            .as_str()
        )
    );
    assert_eq!(
        try_build_sandbox(&w.event().unwrap()).unwrap().uri().path(),
        format!("/events/{}", fixtures::WEBHOOK_EVENT_ID)
    );
    assert!(w.was_delivered());
    let attempt = &w.attempts()[0];
    assert_eq!(attempt.id(), Some("d4d16621-c6b0-40cb-8dc3-0469fa9dc4e8"));
    assert!(attempt.succeeded());
    let request = attempt.request().unwrap();
    assert_eq!(request.time(), Some("2022-10-27T17:07:34.304Z"));
    assert_eq!(
        request.url(),
        Some("https://myapp.example.com/dwolla/webhooks")
    );
    assert_eq!(request.header("x-dwolla-topic"), Some("transfer_created"));
    assert_eq!(request.headers().len(), 2);
    assert_eq!(request.headers()[0].name(), Some("X-Dwolla-Topic"));
    assert!(request.body().unwrap().contains("transfer_created"));
    let response = attempt.response().unwrap();
    assert_eq!(response.status_code(), Some(200));
    assert_eq!(response.time(), Some("2022-10-27T17:07:34.308Z"));
    assert_eq!(response.header("content-length"), Some("0"));
    assert_eq!(response.body(), Some(""));
    // Retrying it, by its retry link.
    assert_eq!(
        try_build_sandbox(&w.retry()).unwrap().uri().path(),
        format!("/webhooks/{}/retries", fixtures::WEBHOOK_ID)
    );

    let failed = webhook(fixtures::webhook_failed());
    assert_eq!(failed.attempts().len(), 3);
    assert!(failed.needs_retry());
    assert!(failed.attempts()[1].response().is_none());
    assert!(!failed.attempts()[2].succeeded(), "a redirect is a failure");
    let never = webhook(fixtures::webhook_never_sent());
    assert!(never.attempts().is_empty());
    assert!(never.needs_retry());
    for (name, response, kind) in fixtures::documented_retrieve_webhook_errors() {
        let err = op.parse_response(response).unwrap_err();
        assert_eq!(err.api_kind(), Some(kind), "{name}");
        assert_eq!(
            err.api_error().unwrap().message(),
            Some("Webhook not found.")
        );
    }
}

#[test]
fn retries_of_a_webhook() {
    let href = fixtures::webhook_href(fixtures::WEBHOOK_ID);
    let path = format!("/webhooks/{}/retries", fixtures::WEBHOOK_ID);
    // By id, URL and retries URL alike.
    for input in [
        fixtures::WEBHOOK_ID.to_owned(),
        href.clone(),
        format!("{href}/retries"),
    ] {
        let list = try_build_sandbox(&ListWebhookRetries::new(input.clone())).unwrap();
        assert_eq!(list.method(), "GET");
        assert_eq!(list.uri().path(), path, "{input}");
        let retry = try_build_sandbox(&RetryWebhook::new(input.clone())).unwrap();
        assert_eq!(retry.method(), "POST");
        assert_eq!(retry.uri().path(), path, "{input}");
        assert!(retry.body().is_empty());
        assert!(retry.headers().get("content-type").is_none());
    }
    // The retries URL of anything but a webhook is refused.
    assert_eq!(
        invalid_field(try_build_sandbox(&RetryWebhook::new(
            "https://api-sandbox.dwolla.com/events/x/retries"
        ))),
        "webhook_id"
    );
    assert_eq!(ListWebhookRetries::new("w").name(), "listWebhookRetries");
    assert_eq!(RetryWebhook::new("w").name(), "retryWebhook");
    assert_eq!(
        try_build_sandbox(&RetryWebhook::new("w").idempotency_key("r-1"))
            .unwrap()
            .headers()["idempotency-key"],
        "r-1"
    );

    let retries = ListWebhookRetries::new(fixtures::WEBHOOK_ID)
        .parse_response(fixtures::webhook_retries())
        .unwrap();
    assert_eq!(retries.len(), 1);
    assert_eq!(retries[0].id(), fixtures::WEBHOOK_RETRY_ID);
    assert_eq!(retries[0].timestamp(), Some("2022-11-02T17:43:26.000Z"));
    assert_eq!(retries[0].webhook_href(), Some(href.as_str()));

    let created = RetryWebhook::new(fixtures::WEBHOOK_ID)
        .parse_response(fixtures::webhook_retry_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::WEBHOOK_RETRY_ID);
    assert_eq!(
        try_build_sandbox(&created.retrieve()).unwrap().uri().path(),
        format!("{path}/{}", fixtures::WEBHOOK_RETRY_ID)
    );
    assert_documented_errors(
        &ListWebhookRetries::new("w"),
        fixtures::documented_list_webhook_retries_errors(),
    );
    assert_documented_errors(
        &RetryWebhook::new("w"),
        fixtures::documented_retry_webhook_errors(),
    );
}
