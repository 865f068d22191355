//! Properties of webhook verification, of the event, subscription and
//! webhook operations, and of their parsers.

mod support;

use bytes::Bytes;
use dwolla_core::events::{Event, ListEvents, RetrieveEvent};
use dwolla_core::http::{HeaderMap, HeaderValue};
use dwolla_core::webhook_subscriptions::{
    CreateWebhookSubscription, DeleteWebhookSubscription, ListWebhookSubscriptions, ListWebhooks,
    RetrieveWebhookSubscription, UpdateWebhookSubscription,
};
use dwolla_core::webhooks::{
    self, verify, verify_signature, ListWebhookRetries, RetrieveWebhook, RetryWebhook,
    WebhookError, SIGNATURE_HEADER,
};
use dwolla_core::{Error, Operation};
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use sha2::Sha256;
use support::props::{check, responses, sent};
use support::try_build_sandbox;

/// The members these families' documents have, for [`responses`].
const KEYS: &[&str] = &[
    "_links",
    "self",
    "href",
    "_embedded",
    "events",
    "webhook-subscriptions",
    "webhooks",
    "retries",
    "id",
    "topic",
    "resourceId",
    "created",
    "timestamp",
    "url",
    "paused",
    "attempts",
    "request",
    "response",
    "total",
];
const TEXTS: &[&str] = &["https://api.dwolla.com/x/abc", "abc", "customer_created"];

/// Parses `r` with every operation of these families and checks each
/// result with [`check`].
fn parse_all(r: &http::Response<Bytes>) -> Result<(), TestCaseError> {
    check(r, ListEvents::new().parse_response(r.clone()))?;
    check(r, RetrieveEvent::new("e").parse_response(r.clone()))?;
    check(r, ListWebhookSubscriptions::new().parse_response(r.clone()))?;
    check(
        r,
        CreateWebhookSubscription::new("https://x.example", "s").parse_response(r.clone()),
    )?;
    check(
        r,
        RetrieveWebhookSubscription::new("s").parse_response(r.clone()),
    )?;
    check(
        r,
        UpdateWebhookSubscription::pause("s").parse_response(r.clone()),
    )?;
    check(
        r,
        DeleteWebhookSubscription::new("s").parse_response(r.clone()),
    )?;
    check(r, ListWebhooks::new("s").parse_response(r.clone()))?;
    check(r, RetrieveWebhook::new("w").parse_response(r.clone()))?;
    check(r, ListWebhookRetries::new("w").parse_response(r.clone()))?;
    check(r, RetryWebhook::new("w").parse_response(r.clone()))?;
    Ok(())
}

/// The signature computed with the `hmac` crate directly, not through
/// dwolla-core.
fn reference_signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn headers(signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    h
}

type Built = Result<http::Request<Bytes>, Error>;

fn ok_response(body: Vec<u8>) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .body(Bytes::from(body))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A signature made with the `hmac` crate verifies; any single change
    /// of the body, of one signature digit or of the secret fails.
    #[test]
    fn signatures_verify_and_every_single_change_fails(
        secret in "\\PC{1,40}",
        body in proptest::collection::vec(any::<u8>(), 0..512),
        at in any::<prop::sample::Index>(),
        digit in 0usize..64,
        flip in 1u8..=255,
    ) {
        let signature = reference_signature(&secret, &body);
        prop_assert_eq!(&webhooks::sign(&secret, &body), &signature);
        prop_assert_eq!(verify_signature(&secret, &headers(&signature), &body), Ok(()));
        prop_assert_eq!(
            verify_signature(&secret, &headers(&signature.to_ascii_uppercase()), &body),
            Ok(())
        );

        if !body.is_empty() {
            let mut changed = body.clone();
            changed[at.index(body.len())] ^= flip;
            prop_assert_eq!(
                verify_signature(&secret, &headers(&signature), &changed),
                Err(WebhookError::SignatureMismatch)
            );
        }
        let mut extended = body.clone();
        extended.push(flip);
        prop_assert_eq!(
            verify_signature(&secret, &headers(&signature), &extended),
            Err(WebhookError::SignatureMismatch)
        );

        let mut sig = signature.clone().into_bytes();
        let hex = b"0123456789abcdef";
        let now = hex.iter().position(|&c| c == sig[digit]).unwrap();
        sig[digit] = hex[(now + 1 + usize::from(flip) % 15) % 16];
        let sig = String::from_utf8(sig).unwrap();
        prop_assert_eq!(
            verify_signature(&secret, &headers(&sig), &body),
            Err(WebhookError::SignatureMismatch)
        );

        let other_secret = format!("{secret}x");
        prop_assert_eq!(
            verify_signature(&other_secret, &headers(&signature), &body),
            Err(WebhookError::SignatureMismatch)
        );
    }

    /// No header value and no body makes verification or parsing panic.
    #[test]
    fn verification_never_panics(
        value in proptest::collection::vec(any::<u8>(), 0..80),
        body in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut h = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_bytes(&value) {
            h.insert(SIGNATURE_HEADER, v);
        }
        let _ = verify("s", &h, &body);
        let _ = Event::parse(&body);
        let _ = webhooks::topic_header(&h);
    }

    /// Any JSON object with an id reads as an event, and what it says about
    /// its resource never panics.
    #[test]
    fn events_read_leniently(
        id in "[a-zA-Z0-9-]{1,36}",
        topic in prop_oneof![Just("customer_created".to_owned()), Just("customer_transfer_created".to_owned()),
            Just("customer_exchange_reauth_required".to_owned()), "[a-z_]{0,30}"],
        href in prop_oneof![Just(None), "(https?://[a-z.]{1,12}(:[0-9]{1,4})?)?(/[a-zA-Z0-9%._-]{0,10}){0,3}".prop_map(Some)],
        resource_id in proptest::option::of("\\PC{0,20}"),
        extra in any::<bool>(),
    ) {
        let mut doc = serde_json::json!({ "id": id, "topic": topic });
        if let Some(href) = &href {
            doc["_links"] = serde_json::json!({ "resource": { "href": href } });
        }
        if let Some(r) = &resource_id {
            doc["resourceId"] = r.clone().into();
        }
        if extra {
            doc["created"] = 5.into();
            doc["unknown"] = serde_json::json!([1, {"x": null}]);
        }
        let event = Event::parse(doc.to_string().as_bytes()).unwrap();
        prop_assert_eq!(event.id(), id.as_str());
        prop_assert_eq!(event.topic().as_str(), topic.as_str());
        let resource = event.resource();
        if href.is_none() && resource_id.as_deref().is_none_or(str::is_empty) {
            prop_assert!(resource.is_none());
        }
        let _ = event.reauth_session();
    }

    /// Every list keeps each item with an id and skips (and keeps the raw
    /// JSON of) each without: none is lost.
    #[test]
    fn lists_keep_or_skip_every_item(ids in proptest::collection::vec(proptest::option::of("[a-f0-9]{1,8}"), 0..12)) {
        let items: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| match id {
                Some(id) => serde_json::json!({ "id": id, "topic": "customer_created", "url": "https://x", "attempts": [] }),
                None => serde_json::json!({ "topic": "customer_created" }),
            })
            .collect();
        let with = ids.iter().filter(|i| i.is_some()).count();
        for (rel, parse) in [
            ("events", &(|r| ListEvents::new().parse_response(r).map(|l| (l.len(), l.skipped().len())))
                as &dyn Fn(http::Response<Bytes>) -> Result<(usize, usize), Error>),
            ("webhook-subscriptions", &|r| ListWebhookSubscriptions::new().parse_response(r).map(|l| (l.len(), l.skipped().len()))),
            ("webhooks", &|r| ListWebhooks::new("s").parse_response(r).map(|l| (l.len(), l.skipped().len()))),
            ("retries", &|r| ListWebhookRetries::new("w").parse_response(r).map(|l| (l.len(), l.skipped().len()))),
        ] {
            let body = serde_json::json!({ "_embedded": { rel: items }, "total": items.len() });
            let (kept, skipped) = parse(ok_response(body.to_string().into_bytes())).unwrap();
            prop_assert_eq!(kept, with, "{}", rel);
            prop_assert_eq!(skipped, ids.len() - with, "{}", rel);
        }
    }

    /// No parser of these families panics on any body.
    #[test]
    fn parsers_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256), status in prop_oneof![Just(200u16), Just(201), Just(400), Just(404)]) {
        let response = || http::Response::builder().status(status).header("location", "https://api-sandbox.dwolla.com/webhooks/a/retries/b").body(Bytes::from(body.clone())).unwrap();
        parse_all(&response())?;
    }

    /// The same with JSON shaped like these families' documents, any
    /// status: success only on 2xx, errors keep their bytes, and a 2xx list
    /// keeps or skips every item it was sent.
    #[test]
    fn parsers_read_documents_and_lists_account_for_every_item(r in responses(KEYS, TEXTS)) {
        parse_all(&r)?;
        for (rel, parse) in [
            ("events", &(|r| ListEvents::new().parse_response(r).map(|l| (l.len(), l.skipped().len())))
                as &dyn Fn(http::Response<Bytes>) -> Result<(usize, usize), Error>),
            ("webhook-subscriptions", &|r| ListWebhookSubscriptions::new().parse_response(r).map(|l| (l.len(), l.skipped().len()))),
            ("webhooks", &|r| ListWebhooks::new("s").parse_response(r).map(|l| (l.len(), l.skipped().len()))),
            ("retries", &|r| ListWebhookRetries::new("w").parse_response(r).map(|l| (l.len(), l.skipped().len()))),
        ] {
            if let (Ok((kept, skipped)), Some(n)) = (parse(r.clone()), sent(&r, rel)) {
                prop_assert_eq!(kept + skipped, n, "{}", rel);
            }
        }
    }

    /// A subscription either builds a well-formed request or names the
    /// field at fault; the secret is in the body only, never in an error
    /// or in `Debug`.
    #[test]
    fn subscriptions_build_or_name_the_field(
        url in prop_oneof!["https://[a-z]{1,10}\\.example/[a-z/]{0,10}", "http://(127\\.0\\.0\\.1|localhost|example\\.com)(:[0-9]{2,4})?/h", "\\PC{0,30}"],
        tail in prop_oneof!["[a-zA-Z0-9]{2,34}", "\\PC{0,134}", "[a-z]{120,125}"],
    ) {
        // A recognisable secret, so that finding it in an error or in
        // `Debug` cannot be a coincidence.
        let secret = format!("S3CR3T{tail}");
        let op = CreateWebhookSubscription::new(url.clone(), secret.clone());
        let shown = format!("{:?}", op);
        prop_assert!(!shown.contains(&secret) || url.contains(&secret));
        match try_build_sandbox(&op) {
            Ok(request) => {
                prop_assert_eq!(request.uri().path(), "/webhook-subscriptions");
                let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
                prop_assert_eq!(body["url"].as_str(), Some(url.as_str()));
                prop_assert_eq!(body["secret"].as_str(), Some(secret.as_str()));
                prop_assert_eq!(body.as_object().unwrap().len(), 2);
                prop_assert!(secret.chars().count() <= 128);
            }
            Err(Error::InvalidInput(i)) => {
                prop_assert!(["url", "secret"].contains(&i.field()), "{}", i.field());
                prop_assert!(!i.reason().contains(&secret));
                prop_assert!(!i.to_string().contains(&secret) || url.contains(&secret));
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    /// The webhook list builds a query of its typed parameters or names
    /// the field at fault.
    #[test]
    fn webhook_lists_build_or_name_the_field(
        subscription in "\\PC{0,20}",
        date in prop_oneof!["20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])", "\\PC{0,12}"],
        resource in "\\PC{0,20}",
        limit in 0u32..1000,
    ) {
        let op = ListWebhooks::new(subscription).start_date(date.clone()).end_date(date.clone()).resource_id(resource).limit(limit);
        match try_build_sandbox(&op) {
            Ok(request) => {
                let query = request.uri().query().unwrap_or_default().to_owned();
                prop_assert!(query.starts_with(&format!("limit={limit}&startDate={date}&endDate={date}&resourceId=")), "{}", query);
                prop_assert!(request.uri().path().ends_with("/webhooks"));
            }
            Err(Error::InvalidInput(i)) => {
                prop_assert!(["webhook_subscription_id", "start_date", "end_date", "resource_id", "limit"].contains(&i.field()), "{}", i.field());
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    /// Ids of every family's operations: one encoded path segment, or the
    /// field named.
    #[test]
    fn ids_are_one_segment_or_named(id in "\\PC{0,24}") {
        let checks: Vec<(Built, &str, usize)> = vec![
            (try_build_sandbox(&RetrieveEvent::new(id.clone())), "event_id", 2),
            (try_build_sandbox(&RetrieveWebhookSubscription::new(id.clone())), "webhook_subscription_id", 2),
            (try_build_sandbox(&UpdateWebhookSubscription::unpause(id.clone())), "webhook_subscription_id", 2),
            (try_build_sandbox(&DeleteWebhookSubscription::new(id.clone())), "webhook_subscription_id", 2),
            (try_build_sandbox(&RetrieveWebhook::new(id.clone())), "webhook_id", 2),
            (try_build_sandbox(&ListWebhookRetries::new(id.clone())), "webhook_id", 3),
            (try_build_sandbox(&RetryWebhook::new(id.clone())), "webhook_id", 3),
        ];
        for (result, field, segments) in checks {
            match result {
                Ok(request) => prop_assert_eq!(request.uri().path().trim_start_matches('/').split('/').count(), segments),
                Err(Error::InvalidInput(i)) => prop_assert_eq!(i.field(), field),
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }
    }
}
