//! The emulator's webhooks over real HTTP, with raw JSON: subscriptions and
//! their validation, events, signed deliveries to a [`WebhookInbox`], the
//! attempts recorded, retries on Dwolla's schedule (the clock moved by
//! hand, or run fast), pausing by hand and by failures, retries asked for,
//! filters and paging, deliveries that never block the API, and the
//! emulator-only re-auth route.
#![cfg(feature = "emulator")]

mod support;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use dwolla_core::events::Topic;
use dwolla_core::http::StatusCode;
use dwolla_core::AccessToken;
use dwolla_mock::emulator::{Emulator, EmulatorBuilder, WebhookInbox};
use serde_json::{json, Value};
use support::{Http, Reply, HAL};

/// Long enough for anything on a loaded machine; never waited out on success.
const PATIENCE: Duration = Duration::from_secs(20);
const SECRET: &str = "a webhook secret for the emulator tests";

struct T {
    emu: Emulator,
    http: Http,
    token: AccessToken,
}

async fn start_with(builder: EmulatorBuilder) -> T {
    let emu = builder.start().await.unwrap();
    let http = Http::new(emu.base_url());
    let token = http.token(&emu.credentials()).await;
    T { emu, http, token }
}

async fn start() -> T {
    start_with(Emulator::builder()).await
}

/// An inbox that answers the statuses in `plan` to its first requests, then
/// 200.
async fn inbox_answering(plan: &[u16]) -> WebhookInbox {
    let plan: Vec<u16> = plan.to_vec();
    let n = AtomicU32::new(0);
    WebhookInbox::with_handler(move |_, _| {
        let i = n.fetch_add(1, Ordering::SeqCst) as usize;
        let status = plan.get(i).copied().unwrap_or(200);
        StatusCode::from_u16(status).unwrap()
    })
    .await
    .unwrap()
}

impl T {
    async fn post(&self, path: &str, body: &Value) -> Reply {
        self.http.post(&self.token, path, &body.to_string()).await
    }

    async fn get(&self, path: &str) -> Value {
        let reply = self.http.get(&self.token, path).await;
        assert_eq!(reply.status, 200, "GET {path}: {:?}", reply.json());
        reply.json()
    }

    async fn send(&self, method: &str, path: &str) -> Reply {
        let req = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.emu.base_url()))
            .header("accept", HAL)
            .header("authorization", self.token.authorization_header().clone())
            .body(Bytes::new())
            .unwrap();
        self.http.send(req).await
    }

    /// Subscribes `url`; the subscription's URL.
    async fn subscribe(&self, url: &str) -> String {
        let reply = self
            .post(
                "/webhook-subscriptions",
                &json!({ "url": url, "secret": SECRET }),
            )
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.json());
        reply.location()
    }

    /// Creates an unverified customer (one `customer_created` event); its URL.
    async fn customer(&self, email: &str) -> String {
        let body = json!({ "firstName": "Webhook", "lastName": "Tester", "email": email });
        let reply = self.post("/customers", &body).await;
        assert_eq!(reply.status, 201, "{:?}", reply.json());
        reply.location()
    }

    /// Records a `customer_exchange_reauth_required` event for the
    /// preloaded exchange.
    fn event(&self) -> String {
        self.emu
            .exchange_reauth_required(Emulator::EXCHANGE_ID)
            .unwrap()
    }

    async fn settle(&self) {
        assert!(
            self.emu.wait_for_webhooks(PATIENCE).await,
            "webhooks did not settle"
        );
    }

    /// The webhooks of a subscription (first page, newest first).
    async fn webhooks(&self, subscription: &str) -> Vec<Value> {
        let doc = self.get(&format!("{subscription}/webhooks")).await;
        doc["_embedded"]["webhooks"].as_array().unwrap().clone()
    }

    async fn only_webhook(&self, subscription: &str) -> Value {
        let all = self.webhooks(subscription).await;
        assert_eq!(all.len(), 1, "{all:?}");
        all[0].clone()
    }
}

fn statuses(webhook: &Value) -> Vec<Option<u64>> {
    webhook["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["response"]["statusCode"].as_u64())
        .collect()
}

fn embedded_codes(reply: &Reply) -> Vec<(String, String, String)> {
    reply.json()["_embedded"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no embedded errors: {:?}", reply.json()))
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("path"), s("message"))
        })
        .collect()
}

#[tokio::test]
async fn subscriptions_are_created_listed_paused_and_deleted() {
    let t = start().await;
    let url = "http://127.0.0.1:9/hooks";
    let sub = t.subscribe(url).await;
    assert!(sub.starts_with(&format!("{}/webhook-subscriptions/", t.emu.base_url())));
    let doc = t.get(&sub).await;
    assert_eq!(doc["url"], url);
    assert_eq!(doc["paused"], false);
    assert_eq!(doc["_links"]["self"]["href"], sub.as_str());
    assert_eq!(doc["_links"]["webhooks"]["href"], format!("{sub}/webhooks"));
    assert!(doc["created"].as_str().unwrap().ends_with('Z'));
    assert!(
        !doc.to_string().contains(SECRET),
        "the secret is never shown"
    );

    let list = t.get("/webhook-subscriptions").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["_embedded"]["webhook-subscriptions"][0]["id"],
        doc["id"]
    );

    let paused = t.post(&sub, &json!({ "paused": true })).await;
    assert_eq!(paused.status, 200);
    assert_eq!(paused.json()["paused"], true);
    let bad = t.post(&sub, &json!({ "paused": "yes" })).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], "BadRequest");

    let deleted = t.send("DELETE", &sub.replace(&t.emu.base_url(), "")).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.json()["id"], doc["id"]);
    let gone = t.http.get(&t.token, &sub).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json()["code"], "NotFound");
    assert_eq!(t.get("/webhook-subscriptions").await["total"], 0);
}

#[tokio::test]
async fn subscription_bodies_are_checked_as_dwolla_words_it() {
    let t = start().await;
    let long = "s".repeat(129);
    for (body, expected) in [
        (
            json!({ "url": "not a url", "secret": "s" }),
            vec![("InvalidFormat", "/url", "Url must be a valid url.")],
        ),
        (
            json!({ "url": "ftp://example.com/x", "secret": "s" }),
            vec![("InvalidFormat", "/url", "Url must be a valid url.")],
        ),
        (
            json!({ "url": "https://example.com/x", "secret": long }),
            vec![(
                "InvalidFormat",
                "/secret",
                "Secret must be 128 or fewer characters.",
            )],
        ),
        (
            json!({}),
            vec![
                ("Required", "/url", "Url is required."),
                ("Required", "/secret", "Secret is required."),
            ],
        ),
    ] {
        let reply = t.post("/webhook-subscriptions", &body).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.json()["code"], "ValidationError");
        let expected: Vec<(String, String, String)> = expected
            .into_iter()
            .map(|(c, p, m)| (c.to_owned(), p.to_owned(), m.to_owned()))
            .collect();
        assert_eq!(embedded_codes(&reply), expected, "{body}");
    }
    // 128 characters is fine, and https URLs anywhere are accepted.
    let ok = t
        .post(
            "/webhook-subscriptions",
            &json!({ "url": "https://example.com/x", "secret": "é".repeat(128) }),
        )
        .await;
    assert_eq!(ok.status, 201);
}

#[tokio::test]
async fn five_subscriptions_as_in_production_unless_configured() {
    let t = start().await;
    for i in 0..5 {
        t.subscribe(&format!("http://127.0.0.1:9/{i}")).await;
    }
    let sixth = t
        .post(
            "/webhook-subscriptions",
            &json!({ "url": "http://127.0.0.1:9/6", "secret": "s" }),
        )
        .await;
    assert_eq!(sixth.status, 400);
    assert_eq!(sixth.json()["code"], "MaxNumberOfResources");
    assert_eq!(
        sixth.json()["message"],
        "The maximum number of subscriptions has been reached."
    );

    let sandbox = start_with(Emulator::builder().max_webhook_subscriptions(10)).await;
    for i in 0..10 {
        sandbox.subscribe(&format!("http://127.0.0.1:9/{i}")).await;
    }
}

#[tokio::test]
async fn a_subscription_create_honours_its_idempotency_key() {
    let t = start().await;
    let body = json!({ "url": "http://127.0.0.1:9/x", "secret": "s" }).to_string();
    let first = t
        .http
        .post_with_key(&t.token, "/webhook-subscriptions", &body, Some("key-1"))
        .await;
    let again = t
        .http
        .post_with_key(&t.token, "/webhook-subscriptions", &body, Some("key-1"))
        .await;
    assert_eq!((first.status, again.status), (201, 201));
    assert_eq!(first.location(), again.location());
    assert_eq!(t.get("/webhook-subscriptions").await["total"], 1);
}

#[tokio::test]
async fn an_event_is_delivered_signed_with_dwollas_headers_and_recorded() {
    let t = start().await;
    let inbox = WebhookInbox::start().await.unwrap();
    let sub = t.subscribe(&inbox.url()).await;
    let customer = t.customer("delivered@example.com").await;

    let got = inbox.next(PATIENCE).await.expect("a webhook");
    assert_eq!(got.method(), "POST");
    assert_eq!(got.path(), "/webhooks");
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(got.header("x-dwolla-topic"), Some("customer_created"));
    let signature = got.header("x-request-signature-sha-256").unwrap();
    assert_eq!(signature, dwolla_core::webhooks::sign(SECRET, got.body()));
    let event = got.verify(SECRET).expect("the signature verifies");
    assert!(got.verify("another secret").is_err());
    assert_eq!(event.topic(), &Topic::CustomerCreated);
    assert_eq!(event.resource_href(), Some(customer.as_str()));
    assert_eq!(event.customer_href(), Some(customer.as_str()));
    assert_eq!(
        Some(event.resource_id().unwrap()),
        customer.rsplit('/').next()
    );
    assert!(event.account_href().unwrap().contains("/accounts/"));

    // The body is exactly the event as GET /events/{id} answers it.
    let self_href = event.self_href().unwrap().to_owned();
    let fetched = t.http.get(&t.token, &self_href).await;
    assert_eq!(fetched.status, 200);
    assert_eq!(&fetched.body, got.body());
    let doc: Value = serde_json::from_slice(got.body()).unwrap();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["_links", "created", "id", "resourceId", "topic"]);

    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    assert_eq!(webhook["topic"], "customer_created");
    assert_eq!(webhook["eventId"], event.id());
    assert_eq!(webhook["subscriptionId"], sub.rsplit('/').next().unwrap());
    assert_eq!(webhook["_links"]["event"]["href"], self_href.as_str());
    assert_eq!(statuses(&webhook), [Some(200)]);
    let attempt = &webhook["attempts"][0];
    assert_eq!(attempt["request"]["url"], inbox.url());
    assert_eq!(
        attempt["request"]["body"].as_str().unwrap().as_bytes(),
        &got.body()[..]
    );
    let sent: Vec<(&str, &str)> = attempt["request"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["name"].as_str().unwrap(), h["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sent,
        [
            ("Content-Type", "application/json"),
            ("X-Request-Signature-SHA-256", signature),
            ("X-Dwolla-Topic", "customer_created"),
        ]
    );
    assert!(attempt["response"]["timestamp"].is_string());
    // GET /webhooks/{id} is the same document.
    let href = webhook["_links"]["self"]["href"].as_str().unwrap();
    assert_eq!(t.get(href).await, webhook);
    assert_eq!(t.emu.webhook_attempts(), 1);
}

#[tokio::test]
async fn events_are_listed_newest_first_and_paged() {
    let t = start().await;
    t.customer("first@example.com").await;
    t.customer("second@example.com").await;
    t.event();
    let all = t.get("/events").await;
    assert_eq!(all["total"], 3);
    let topics: Vec<&str> = all["_embedded"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["topic"].as_str().unwrap())
        .collect();
    assert_eq!(
        topics,
        [
            "customer_exchange_reauth_required",
            "customer_created",
            "customer_created"
        ]
    );
    let page = t.get("/events?limit=1&offset=1").await;
    assert_eq!(page["_embedded"]["events"].as_array().unwrap().len(), 1);
    let base = t.emu.base_url();
    assert_eq!(
        page["_links"]["next"]["href"],
        format!("{base}/events?limit=1&offset=2")
    );
    assert_eq!(
        page["_links"]["prev"]["href"],
        format!("{base}/events?limit=1&offset=0")
    );
    assert_eq!(t.http.get(&t.token, "/events?limit=0").await.status, 400);
    assert_eq!(t.http.get(&t.token, "/events/nope").await.status, 404);
}

#[tokio::test]
async fn a_failed_attempt_is_retried_fifteen_minutes_later_on_the_emulators_clock() {
    let t = start().await;
    let inbox = inbox_answering(&[500, 302]).await;
    let sub = t.subscribe(&inbox.url()).await;
    t.event();
    assert_eq!(inbox.next(PATIENCE).await.unwrap().status(), 500);
    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    assert_eq!(statuses(&webhook), [Some(500)]);

    // Fourteen minutes: not yet.
    t.emu.advance_clock(Duration::from_secs(14 * 60));
    t.settle().await;
    assert_eq!(inbox.received(), 1);
    // Fifteen: the first retry, a redirect, which is a failure too.
    t.emu.advance_clock(Duration::from_secs(60));
    assert_eq!(inbox.next(PATIENCE).await.unwrap().status(), 302);
    t.settle().await;
    // The second retry is an hour after the original.
    t.emu.advance_clock(Duration::from_secs(45 * 60));
    assert_eq!(inbox.next(PATIENCE).await.unwrap().status(), 200);
    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    assert_eq!(statuses(&webhook), [Some(500), Some(302), Some(200)]);
    let times: Vec<&str> = webhook["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["request"]["timestamp"].as_str().unwrap())
        .collect();
    assert!(times[0] < times[1] && times[1] < times[2], "{times:?}");
    // Delivered: nothing more, however late.
    t.emu.advance_clock(Duration::from_secs(100 * 3600));
    t.settle().await;
    assert_eq!(inbox.received(), 3);
}

#[tokio::test]
async fn on_a_fast_clock_the_retry_comes_by_itself() {
    // 3600: fifteen emulated minutes pass in a quarter of a real second.
    let t = start_with(Emulator::builder().webhook_time_scale(3600)).await;
    let inbox = inbox_answering(&[503]).await;
    let sub = t.subscribe(&inbox.url()).await;
    t.event();
    assert_eq!(inbox.next(PATIENCE).await.unwrap().status(), 503);
    let retry = inbox.next(PATIENCE).await.expect("the retry");
    assert_eq!(retry.status(), 200);
    t.settle().await;
    assert_eq!(
        statuses(&t.only_webhook(&sub).await),
        [Some(503), Some(200)]
    );
}

#[tokio::test]
async fn every_retry_of_the_schedule_then_no_more() {
    let t = start().await;
    let inbox = inbox_answering(&[500; 20]).await;
    let sub = t.subscribe(&inbox.url()).await;
    t.event();
    t.settle().await;
    // 72 hours at once: the eight retries, one after another.
    t.emu.advance_clock(Duration::from_secs(72 * 3600));
    t.settle().await;
    t.emu.advance_clock(Duration::from_secs(24 * 3600));
    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    assert_eq!(statuses(&webhook), vec![Some(500); 9]);
    assert_eq!(inbox.received(), 9);
}

#[tokio::test]
async fn unreachable_and_non_loopback_urls_fail_without_a_response() {
    let t = start().await;
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/hooks", closed.local_addr().unwrap());
    drop(closed);
    let dead_sub = t.subscribe(&dead).await;
    let remote_sub = t.subscribe("https://example.com/hooks").await;
    t.event();
    t.settle().await;
    for sub in [dead_sub, remote_sub] {
        let webhook = t.only_webhook(&sub).await;
        assert_eq!(statuses(&webhook), [None], "{webhook}");
        assert!(webhook["attempts"][0].get("response").is_none());
    }
}

#[tokio::test]
async fn a_slow_url_never_blocks_the_api_or_other_subscriptions() {
    // A timeout no test run reaches: the slow attempts stay in flight.
    let t = start_with(Emulator::builder().webhook_timeout(Duration::from_secs(600))).await;
    // Accepts connections (the kernel's backlog) but never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let slow = t
        .subscribe(&format!("http://{}/hooks", silent.local_addr().unwrap()))
        .await;
    let inbox = WebhookInbox::start().await.unwrap();
    t.subscribe(&inbox.url()).await;
    for i in 0..12 {
        t.customer(&format!("busy{i}@example.com")).await;
    }
    // Every webhook of the other subscription arrives while the slow ones
    // hang, and the API answers meanwhile.
    for _ in 0..12 {
        assert!(inbox.next(PATIENCE).await.is_some());
    }
    assert_eq!(t.get("/events").await["total"], 12);
    let pending = t.webhooks(&slow).await;
    assert_eq!(pending.len(), 12);
    // None of the slow ones has finished.
    assert!(pending.iter().all(|w| statuses(w).is_empty()));
    // Twelve to the inbox, and ten of the slow ones: at most ten in flight
    // per subscription (Dwolla's bursts of 10), the others wait their turn.
    assert_eq!(t.emu.webhook_attempts(), 12 + 10);
}

#[tokio::test]
async fn a_timeout_is_a_failed_attempt() {
    let t = start_with(Emulator::builder().webhook_timeout(Duration::from_millis(200))).await;
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sub = t
        .subscribe(&format!("http://{}/hooks", silent.local_addr().unwrap()))
        .await;
    t.event();
    t.settle().await;
    assert_eq!(statuses(&t.only_webhook(&sub).await), [None]);
}

#[tokio::test]
async fn a_paused_subscription_keeps_its_webhooks_unsent_until_retried() {
    let t = start().await;
    let inbox = WebhookInbox::start().await.unwrap();
    let sub = t.subscribe(&inbox.url()).await;
    t.post(&sub, &json!({ "paused": true })).await;
    t.event();
    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    assert!(statuses(&webhook).is_empty());
    // Unpausing does not send it.
    t.post(&sub, &json!({ "paused": false })).await;
    t.emu.advance_clock(Duration::from_secs(3600));
    t.settle().await;
    assert_eq!(inbox.received(), 0);

    // A retry does, once per key.
    let retries = format!(
        "{}/retries",
        webhook["_links"]["self"]["href"].as_str().unwrap()
    );
    let first = t
        .http
        .post_with_key(&t.token, &retries, "", Some("retry-key"))
        .await;
    assert_eq!(first.status, 201, "{:?}", first.json());
    assert!(first.location().starts_with(&format!("{retries}/")));
    let replay = t
        .http
        .post_with_key(&t.token, &retries, "", Some("retry-key"))
        .await;
    assert_eq!(replay.location(), first.location());
    let got = inbox.next(PATIENCE).await.unwrap();
    assert_eq!(got.verify(SECRET).unwrap().id(), webhook["eventId"]);
    t.settle().await;
    assert_eq!(statuses(&t.only_webhook(&sub).await), [Some(200)]);
    assert_eq!(inbox.received(), 1);
    let listed = t.get(&retries).await;
    assert_eq!(listed["total"], 1);
    let retry = &listed["_embedded"]["retries"][0];
    assert_eq!(retry["_links"]["self"]["href"], first.location().as_str());
    assert_eq!(t.get(&first.location()).await["id"], retry["id"]);
    assert_eq!(
        t.http.get(&t.token, "/webhooks/nope/retries").await.json()["message"],
        "Webhook not found."
    );
}

#[tokio::test]
async fn failures_pause_a_subscription_past_both_thresholds() {
    let t = start_with(Emulator::builder().webhook_auto_pause(2, Duration::from_secs(3600))).await;
    let inbox = inbox_answering(&[500; 10]).await;
    let sub = t.subscribe(&inbox.url()).await;
    t.event();
    t.event();
    t.settle().await;
    // Two failures in a row, but not an hour without success yet.
    assert_eq!(t.get(&sub).await["paused"], false);
    t.emu.advance_clock(Duration::from_secs(3600));
    t.event();
    t.settle().await;
    assert_eq!(t.get(&sub).await["paused"], true);
    let received = inbox.received();
    // Paused: a new event is kept, not sent; the scheduled retries neither.
    t.event();
    t.emu.advance_clock(Duration::from_secs(72 * 3600));
    t.settle().await;
    assert_eq!(inbox.received(), received);
    assert!(statuses(&t.webhooks(&sub).await[0]).is_empty());
}

#[tokio::test]
async fn deleting_a_subscription_deletes_its_webhooks() {
    let t = start().await;
    let inbox = WebhookInbox::start().await.unwrap();
    let sub = t.subscribe(&inbox.url()).await;
    t.event();
    t.settle().await;
    let webhook = t.only_webhook(&sub).await;
    let href = webhook["_links"]["self"]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = sub.replace(&t.emu.base_url(), "");
    assert_eq!(t.send("DELETE", &path).await.status, 200);
    let gone = t.http.get(&t.token, &href).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json()["message"], "Webhook not found.");
    // A subscription created later does not get earlier events.
    let later = t.subscribe(&inbox.url()).await;
    t.settle().await;
    assert!(t.webhooks(&later).await.is_empty());
}

#[tokio::test]
async fn webhooks_are_filtered_by_day_and_resource_and_paged() {
    let t = start().await;
    let sub = t.subscribe("https://example.com/hooks").await;
    let customer = t.customer("day1@example.com").await;
    let day1 = t.emu.clock_now()[..10].to_owned();
    t.emu.advance_clock(Duration::from_secs(48 * 3600));
    t.event();
    t.event();
    let day3 = t.emu.clock_now()[..10].to_owned();
    assert!(day3 > day1);
    t.settle().await;
    let count = |doc: &Value| doc["_embedded"]["webhooks"].as_array().unwrap().len();
    let on = |from: &str, to: &str| format!("{sub}/webhooks?startDate={from}&endDate={to}");
    assert_eq!(count(&t.get(&on(&day1, &day1)).await), 1);
    assert_eq!(count(&t.get(&on(&day3, &day3)).await), 2);
    assert_eq!(count(&t.get(&on(&day1, &day3)).await), 3);
    let id = customer.rsplit('/').next().unwrap();
    let by_resource = t.get(&format!("{sub}/webhooks?resourceId={id}")).await;
    assert_eq!(count(&by_resource), 1);
    assert_eq!(
        by_resource["_embedded"]["webhooks"][0]["topic"],
        "customer_created"
    );
    let page = t.get(&format!("{sub}/webhooks?limit=2")).await;
    assert_eq!(page["total"], 3);
    assert_eq!(count(&page), 2);
    assert_eq!(
        page["_links"]["next"]["href"],
        format!("{sub}/webhooks?limit=2&offset=2")
    );
    let bad = t
        .http
        .get(&t.token, &format!("{sub}/webhooks?startDate=March"))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(embedded_codes(&bad)[0].1, "/startDate");
}

#[tokio::test]
async fn the_reauth_route_raises_the_event_and_update_credentials() {
    let t = start().await;
    let exchange = format!("/exchanges/{}", Emulator::EXCHANGE_ID);
    assert_eq!(t.http.get(&t.token, &exchange).await.status, 200);
    let reply = t
        .http
        .bare(
            "POST",
            &format!(
                "/_emulator/exchanges/{}/reauth-required",
                Emulator::EXCHANGE_ID
            ),
            "",
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    let base = t.emu.base_url();
    assert_eq!(reply.json()["exchange"], format!("{base}{exchange}"));
    let event = t.get(reply.json()["event"].as_str().unwrap()).await;
    assert_eq!(event["topic"], "customer_exchange_reauth_required");
    assert_eq!(
        event["_links"]["resource"]["href"],
        format!("{base}{exchange}")
    );
    assert_eq!(
        event["_links"]["customer"]["href"],
        format!("{base}/customers/{}", Emulator::CUSTOMER_ID)
    );
    let now = t.http.get(&t.token, &exchange).await;
    assert_eq!(now.status, 400);
    assert_eq!(now.json()["code"], "UpdateCredentials");
    assert_eq!(
        t.emu.event_topics_about(Emulator::EXCHANGE_ID),
        ["customer_exchange_reauth_required"]
    );

    let unknown = t
        .http
        .bare("POST", "/_emulator/exchanges/nope/reauth-required", "")
        .await;
    assert_eq!(unknown.status, 404);
    let wrong_method = t
        .http
        .bare(
            "GET",
            &format!(
                "/_emulator/exchanges/{}/reauth-required",
                Emulator::EXCHANGE_ID
            ),
            "",
        )
        .await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(t.emu.exchange_reauth_required("nope"), None);
}

#[tokio::test]
async fn webhooks_need_a_token_and_answer_405_for_other_methods() {
    let t = start().await;
    let anonymous = http::Request::get(format!("{}/events", t.emu.base_url()))
        .header("accept", HAL)
        .body(Bytes::new())
        .unwrap();
    assert_eq!(t.http.send(anonymous).await.status, 401);
    assert_eq!(t.send("PUT", "/webhook-subscriptions").await.status, 405);
    assert_eq!(t.send("DELETE", "/events").await.status, 405);
    assert_eq!(t.send("POST", "/webhooks/x").await.status, 405);
}

#[tokio::test]
async fn an_inbox_counts_and_hands_over_in_order() {
    let seen = Arc::new(AtomicU32::new(0));
    let counter = seen.clone();
    let inbox = WebhookInbox::with_handler(move |_, body| {
        counter.fetch_add(1, Ordering::SeqCst);
        if body.is_empty() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::ACCEPTED
        }
    })
    .await
    .unwrap();
    let http = Http::new(format!("http://{}", inbox.local_addr()));
    assert_eq!(http.bare("POST", "/a", "one").await.status, 202);
    assert_eq!(http.bare("POST", "/b", "").await.status, 400);
    let first = inbox.next(PATIENCE).await.unwrap();
    assert_eq!((first.path(), &first.body()[..]), ("/a", &b"one"[..]));
    assert_eq!(inbox.next(PATIENCE).await.unwrap().status(), 400);
    assert_eq!(inbox.received(), 2);
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}
