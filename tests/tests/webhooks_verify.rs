//! Verifying a webhook: known answers computed outside this SDK, every way a
//! signature header can be wrong, bodies that must fail, and deduplication.

use dwolla_core::events::{Event, Topic};
use dwolla_core::http::{HeaderMap, HeaderValue};
use dwolla_core::webhooks::{
    self, receive, topic_header, verify, verify_signature, InMemorySeenEvents, Received,
    SeenEvents, WebhookError, SIGNATURE_HEADER, TOPIC_HEADER,
};
use dwolla_mock::fixtures;

/// HMAC-SHA256 of `fixtures::WEBHOOK_EVENT_BODY` (Dwolla's documented
/// payload) keyed with `fixtures::WEBHOOK_SECRET`, computed independently:
/// `python3 -c 'import hmac,hashlib;print(hmac.new(SECRET, BODY, hashlib.sha256).hexdigest())'`.
const KNOWN_SIGNATURE: &str = "eaeb1d43d52bceb6ba0539f2f5e0798a19eb48a1cd2c266886ff7977cc35d678";
/// The same body keyed with the spec's example secret, `sshhhhhh`.
const KNOWN_SIGNATURE_SSHHHHHH: &str =
    "6260fded247d32e313ec46b28fb1f3c0576b517e47e7bab5d4c533382fb58016";
/// An empty body keyed with `sshhhhhh`.
const KNOWN_EMPTY_BODY_SIGNATURE: &str =
    "64405a89f33e29385b22dc6cde3be6a0a138dbd153ce6e4c082b6df2ba10d0af";

fn headers(signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    h
}

fn body() -> &'static [u8] {
    fixtures::WEBHOOK_EVENT_BODY.as_bytes()
}

#[test]
fn known_answers() {
    // RFC 4231, test case 2.
    assert_eq!(
        webhooks::sign("Jefe", b"what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(
        webhooks::sign(fixtures::WEBHOOK_SECRET, body()),
        KNOWN_SIGNATURE
    );
    assert_eq!(webhooks::sign("sshhhhhh", body()), KNOWN_SIGNATURE_SSHHHHHH);
    assert_eq!(webhooks::sign("sshhhhhh", b""), KNOWN_EMPTY_BODY_SIGNATURE);
}

#[test]
fn the_documented_payload_verifies_and_reads() {
    let event = verify(fixtures::WEBHOOK_SECRET, &headers(KNOWN_SIGNATURE), body()).unwrap();
    assert_eq!(event.id(), fixtures::EVENT_ID);
    assert_eq!(event.topic(), &Topic::CustomerCreated);
    assert_eq!(event.resource_id(), Some(fixtures::EVENT_CUSTOMER_ID));
    assert_eq!(event.created(), Some("2019-05-30T18:21:11.490Z"));
    assert_eq!(
        event.customer_href(),
        Some(fixtures::customer_href(fixtures::EVENT_CUSTOMER_ID).as_str())
    );
    assert_eq!(
        event.self_href(),
        Some(fixtures::event_href(fixtures::EVENT_ID).as_str())
    );
    // With the spec's example secret too.
    verify("sshhhhhh", &headers(KNOWN_SIGNATURE_SSHHHHHH), body()).unwrap();
}

#[test]
fn upper_case_and_padded_hex_verify() {
    let upper = KNOWN_SIGNATURE.to_ascii_uppercase();
    verify(fixtures::WEBHOOK_SECRET, &headers(&upper), body()).unwrap();
    let mixed: String = KNOWN_SIGNATURE
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    verify(fixtures::WEBHOOK_SECRET, &headers(&mixed), body()).unwrap();
    verify(
        fixtures::WEBHOOK_SECRET,
        &headers(&format!(" {KNOWN_SIGNATURE}\t")),
        body(),
    )
    .unwrap();
}

#[test]
fn a_flipped_body_byte_fails() {
    for at in [0, 1, body().len() / 2, body().len() - 1] {
        let mut changed = body().to_vec();
        changed[at] ^= 0x01;
        assert_eq!(
            verify_signature(
                fixtures::WEBHOOK_SECRET,
                &headers(KNOWN_SIGNATURE),
                &changed
            ),
            Err(WebhookError::SignatureMismatch),
            "byte {at}"
        );
    }
    // One byte more or less.
    let mut longer = body().to_vec();
    longer.push(b' ');
    assert_eq!(
        verify(fixtures::WEBHOOK_SECRET, &headers(KNOWN_SIGNATURE), &longer),
        Err(WebhookError::SignatureMismatch)
    );
    assert_eq!(
        verify(
            fixtures::WEBHOOK_SECRET,
            &headers(KNOWN_SIGNATURE),
            &body()[..body().len() - 1]
        ),
        Err(WebhookError::SignatureMismatch)
    );
}

#[test]
fn a_flipped_signature_digit_fails() {
    for at in [0, 31, 63] {
        let mut sig = KNOWN_SIGNATURE.as_bytes().to_vec();
        sig[at] = if sig[at] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(sig).unwrap();
        assert_eq!(
            verify(fixtures::WEBHOOK_SECRET, &headers(&sig), body()),
            Err(WebhookError::SignatureMismatch),
            "digit {at}"
        );
    }
}

#[test]
fn another_secret_fails() {
    assert_eq!(
        verify("sshhhhhh", &headers(KNOWN_SIGNATURE), body()),
        Err(WebhookError::SignatureMismatch)
    );
    assert_eq!(
        verify("", &headers(KNOWN_SIGNATURE), body()),
        Err(WebhookError::NoSecret)
    );
}

#[test]
fn missing_truncated_and_malformed_headers_say_which() {
    assert_eq!(
        verify(fixtures::WEBHOOK_SECRET, &HeaderMap::new(), body()),
        Err(WebhookError::MissingSignature)
    );
    // Dwolla's legacy SHA-1 header alone is no SHA-256 signature.
    let mut legacy = HeaderMap::new();
    legacy.insert(
        "x-request-signature",
        HeaderValue::from_static("bd93780bd7e1ad77ab821094aaa0f9e3dece5ee3"),
    );
    assert_eq!(
        verify(fixtures::WEBHOOK_SECRET, &legacy, body()),
        Err(WebhookError::MissingSignature)
    );
    for bad in [
        &KNOWN_SIGNATURE[..63],
        &KNOWN_SIGNATURE[..40],
        "",
        "sha256=eaeb1d43d52bceb6ba0539f2f5e0798a19eb48a1cd2c266886ff7977cc35d6",
        &format!("{KNOWN_SIGNATURE}0"),
        &format!("g{}", &KNOWN_SIGNATURE[1..]),
    ] {
        let err = verify(fixtures::WEBHOOK_SECRET, &headers(bad), body()).unwrap_err();
        assert!(
            matches!(err, WebhookError::MalformedSignature { .. }),
            "{bad:?}: {err:?}"
        );
        assert!(err.to_string().contains("malformed"), "{err}");
        assert!(err.is_unauthenticated());
    }
    let mut twice = headers(KNOWN_SIGNATURE);
    twice.append(SIGNATURE_HEADER, HeaderValue::from_static(KNOWN_SIGNATURE));
    let err = verify(fixtures::WEBHOOK_SECRET, &twice, body()).unwrap_err();
    assert_eq!(
        err,
        WebhookError::MalformedSignature {
            reason: "the header appears more than once"
        }
    );
    let mut not_ascii = HeaderMap::new();
    not_ascii.insert(
        SIGNATURE_HEADER,
        HeaderValue::from_bytes(&[0xe9; 64]).unwrap(),
    );
    assert!(matches!(
        verify(fixtures::WEBHOOK_SECRET, &not_ascii, body()),
        Err(WebhookError::MalformedSignature { reason }) if reason.contains("ASCII")
    ));
}

#[test]
fn an_empty_body_verifies_but_is_no_event() {
    assert_eq!(
        verify_signature("sshhhhhh", &headers(KNOWN_EMPTY_BODY_SIGNATURE), b""),
        Ok(())
    );
    let err = verify("sshhhhhh", &headers(KNOWN_EMPTY_BODY_SIGNATURE), b"").unwrap_err();
    assert!(
        matches!(err, WebhookError::UnparseableBody { .. }),
        "{err:?}"
    );
    assert_eq!(err.body().map(|b| b.len()), Some(0));
    assert!(!err.is_unauthenticated());
}

#[test]
fn a_re_encoded_body_fails() {
    // What a JSON extractor would hand over: the same document, serialized
    // again (keys sorted, other spacing).
    let value: serde_json::Value = serde_json::from_slice(body()).unwrap();
    let pretty = serde_json::to_vec_pretty(&value).unwrap();
    assert_eq!(
        verify(fixtures::WEBHOOK_SECRET, &headers(KNOWN_SIGNATURE), &pretty),
        Err(WebhookError::SignatureMismatch)
    );
}

#[test]
fn a_signed_body_that_is_no_event_keeps_its_bytes() {
    for raw in [
        &b"not json"[..],
        b"[1,2,3]",
        br#"{"topic":"customer_created"}"#,
        b"\xff\xfe",
    ] {
        let sig = webhooks::sign("s", raw);
        let err = verify("s", &headers(&sig), raw).unwrap_err();
        match &err {
            WebhookError::UnparseableBody { body, reason } => {
                assert_eq!(&body[..], raw);
                assert!(!reason.is_empty());
            }
            other => panic!("{other:?}"),
        }
        let shown = err.to_string();
        assert!(shown.contains("verified but not readable"), "{shown}");
        assert!(!shown.contains('\n'));
        // Debug shows the length, not the bytes.
        assert!(format!("{err:?}").contains("body_len"));
    }
}

#[test]
fn errors_never_show_the_secret() {
    let secret = "top-secret-value-123";
    let errors = [
        verify(secret, &HeaderMap::new(), body()).unwrap_err(),
        verify(secret, &headers("zz"), body()).unwrap_err(),
        verify(secret, &headers(KNOWN_SIGNATURE), body()).unwrap_err(),
        verify(secret, &headers(&webhooks::sign(secret, b"x")), b"x").unwrap_err(),
    ];
    for e in errors {
        assert!(!e.to_string().contains(secret), "{e}");
        assert!(!format!("{e:?}").contains(secret), "{e:?}");
    }
}

#[test]
fn display_says_which_check_failed() {
    let cases = [
        (WebhookError::NoSecret, "secret"),
        (
            WebhookError::MissingSignature,
            "no X-Request-Signature-SHA-256",
        ),
        (
            WebhookError::MalformedSignature { reason: "x" },
            "malformed",
        ),
        (WebhookError::SignatureMismatch, "does not match"),
    ];
    for (e, says) in cases {
        assert!(e.to_string().contains(says), "{e}");
    }
}

#[test]
fn parse_apart_from_verification() {
    // Verify in the handler, queue the bytes, parse in a worker.
    verify_signature(fixtures::WEBHOOK_SECRET, &headers(KNOWN_SIGNATURE), body()).unwrap();
    let queued: Vec<u8> = body().to_vec();
    let event = Event::parse(&queued).unwrap();
    assert_eq!(event.id(), fixtures::EVENT_ID);
    // A byte-order mark is tolerated when parsing.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(body());
    assert_eq!(Event::parse(&bom).unwrap().id(), fixtures::EVENT_ID);
}

#[test]
fn the_topic_header() {
    let mut h = HeaderMap::new();
    assert_eq!(topic_header(&h), None);
    h.insert(TOPIC_HEADER, HeaderValue::from_static("customer_created"));
    assert_eq!(topic_header(&h), Some(Topic::CustomerCreated));
    h.insert(TOPIC_HEADER, HeaderValue::from_static("brand_new_topic"));
    assert_eq!(
        topic_header(&h),
        Some(Topic::Other("brand_new_topic".into()))
    );
    h.append(TOPIC_HEADER, HeaderValue::from_static("customer_created"));
    assert_eq!(topic_header(&h), None, "repeated");
    let mut empty = HeaderMap::new();
    empty.insert(TOPIC_HEADER, HeaderValue::from_static(""));
    assert_eq!(topic_header(&empty), None);
}

#[test]
fn a_delivery_as_dwolla_sends_it_verifies() {
    let request = fixtures::webhook_delivery(
        "https://myapp.example.com/dwolla/webhooks",
        fixtures::WEBHOOK_SECRET,
        fixtures::WEBHOOK_EVENT_BODY,
    );
    assert_eq!(
        request.headers()["x-request-signature-sha-256"],
        KNOWN_SIGNATURE
    );
    assert_eq!(
        topic_header(request.headers()),
        Some(Topic::CustomerCreated)
    );
    let event = verify(fixtures::WEBHOOK_SECRET, request.headers(), request.body()).unwrap();
    assert_eq!(event.id(), fixtures::EVENT_ID);
}

#[test]
fn receive_handles_each_event_once() {
    let seen = InMemorySeenEvents::new(100);
    let h = headers(KNOWN_SIGNATURE);
    let first = receive(fixtures::WEBHOOK_SECRET, &h, body(), &seen).unwrap();
    assert!(first.is_new());
    assert_eq!(first.event().id(), fixtures::EVENT_ID);
    let again = receive(fixtures::WEBHOOK_SECRET, &h, body(), &seen).unwrap();
    assert!(matches!(again, Received::Duplicate(ref e) if e.id() == fixtures::EVENT_ID));
    // A refused webhook is not recorded.
    let other = br#"{"id":"another-event","topic":"customer_verified"}"#;
    assert!(receive("wrong", &headers(&webhooks::sign("s", other)), other, &seen).is_err());
    assert!(seen.first_time("another-event"));
    assert_eq!(seen.len(), 2);
    // Signed correctly but not an event (no id): refused, bytes kept, and
    // nothing recorded.
    let not_an_event = br#"{"topic":"customer_created","resourceId":"r"}"#;
    let signed = headers(&webhooks::sign(fixtures::WEBHOOK_SECRET, not_an_event));
    match receive(fixtures::WEBHOOK_SECRET, &signed, not_an_event, &seen) {
        Err(e @ WebhookError::UnparseableBody { .. }) => {
            assert_eq!(e.body().map(|b| &b[..]), Some(&not_an_event[..]));
        }
        other => panic!("expected UnparseableBody, got {other:?}"),
    }
    assert_eq!(seen.len(), 2);
}

#[test]
fn seen_events_through_references_and_arcs() {
    let seen = std::sync::Arc::new(InMemorySeenEvents::new(10));
    let by_ref: &dyn SeenEvents = &*seen;
    assert!(by_ref.first_time("e"));
    assert!(!seen.first_time("e"));
    let boxed: Box<dyn SeenEvents> = Box::new(InMemorySeenEvents::new(1));
    assert!(boxed.first_time("e"));
    // Concurrent deliveries of one event: exactly one is first.
    let firsts: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let seen = seen.clone();
                s.spawn(move || usize::from(seen.first_time("concurrent")))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(firsts, 1);
    assert!(format!("{seen:?}").contains("capacity"));
}
