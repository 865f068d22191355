//! The test doubles themselves: `MockTransport` records and replays, its
//! assertions catch real differences, and the mockall mock works with
//! expectations and sequences.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use bytes::Bytes;
use dwolla_core::exchange_partners::ListExchangePartners;
use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, RetrieveExchangeSession};
use dwolla_core::{
    AccessToken, ApiErrorKind, Environment, Error, HttpTransport, Operation, TransportError,
    TransportErrorKind,
};
use dwolla_mock::{fixtures, MockHttpTransport, MockTransport, RecordedRequest};
use mockall::Sequence;

fn token() -> AccessToken {
    AccessToken::new("test-token")
}

fn create_op() -> CreateCustomerExchangeSession {
    CreateCustomerExchangeSession::web(
        fixtures::CUSTOMER_ID,
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
    )
}

fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> http::Request<Bytes> {
    let mut b = http::Request::builder().method(method).uri(uri);
    for (n, v) in headers {
        b = b.header(*n, *v);
    }
    b.body(Bytes::copy_from_slice(body.as_bytes())).unwrap()
}

/// The create request as a test would write it by hand, keys in another order.
fn expected_create(body: &str) -> http::Request<Bytes> {
    request(
        "POST",
        &format!(
            "https://api-sandbox.dwolla.com/customers/{}/exchange-sessions",
            fixtures::CUSTOMER_ID
        ),
        &[
            ("Accept", "application/vnd.dwolla.v1.hal+json"),
            ("Content-Type", "application/vnd.dwolla.v1.hal+json"),
        ],
        body,
    )
}

const IGNORED: &[&str] = &["authorization", "idempotency-key", "user-agent"];

async fn send_create(mock: &MockTransport) -> Result<http::Response<Bytes>, TransportError> {
    let req = create_op()
        .idempotency_key("key-1")
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    mock.send(req).await
}

fn panic_message(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn records_method_uri_headers_and_body() {
    let mock = MockTransport::with_responses([fixtures::exchange_session_created()]);
    let resp = send_create(&mock).await.unwrap();
    assert_eq!(resp.status(), 201);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 1);
    let r: &RecordedRequest = &reqs[0];
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri().to_string(),
        format!(
            "{}/customers/{}/exchange-sessions",
            fixtures::BASE,
            fixtures::CUSTOMER_ID
        )
    );
    assert_eq!(
        r.path(),
        format!("/customers/{}/exchange-sessions", fixtures::CUSTOMER_ID)
    );
    assert_eq!(
        r.header("Content-Type"),
        Some("application/vnd.dwolla.v1.hal+json")
    );
    assert_eq!(r.header("idempotency-key"), Some("key-1"));
    assert_eq!(r.header("AUTHORIZATION"), Some("Bearer test-token"));
    assert_eq!(r.headers().len(), 5);
    assert_eq!(
        r.body_json(),
        Some(
            serde_json::json!({"_links": {"exchange-partner": {"href": fixtures::partner_href(fixtures::PLAID_PARTNER_ID)}}})
        )
    );
    assert!(r.body_text().unwrap().starts_with("{\"_links\""));
    assert_eq!(r.to_request().body(), r.body());
    // Debug of a recorded request never shows the bearer token.
    assert!(!format!("{r:?}").contains("test-token"));
    assert_eq!(mock.last_request().unwrap().body(), r.body());
}

#[tokio::test]
async fn replays_in_order_and_clones_share_state() {
    let mock = MockTransport::new();
    mock.push(fixtures::exchange_session_created())
        .push(fixtures::not_found())
        .push_error(TransportError::timeout(true, "deadline"));
    let client_side = mock.clone();
    assert_eq!(mock.remaining(), 3);

    let first = client_side
        .send(request("GET", "https://h/1", &[], ""))
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let second = client_side
        .send(request("GET", "https://h/2", &[], ""))
        .await
        .unwrap();
    assert_eq!(second.status(), 404);
    let third = client_side
        .send(request("GET", "https://h/3", &[], ""))
        .await
        .unwrap_err();
    assert!(third.is_timeout());
    assert!(third.may_have_been_sent());

    assert_eq!(mock.request_count(), 3);
    assert_eq!(mock.remaining(), 0);
    mock.assert_exhausted();
    let paths: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(paths, ["/1", "/2", "/3"]);
}

#[tokio::test]
async fn running_out_is_an_error_not_a_panic_or_hang() {
    let mock = MockTransport::with_responses([fixtures::not_found()]);
    mock.send(request("GET", "https://h/1", &[], ""))
        .await
        .unwrap();
    let err = mock
        .send(request("POST", "https://h/2", &[], ""))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    assert!(!err.may_have_been_sent());
    let msg = err.to_string();
    assert!(msg.contains("ran out of responses"), "{msg}");
    assert!(msg.contains("received 2 request(s)"), "{msg}");
    assert!(msg.contains("only 1 response(s)"), "{msg}");
    assert!(msg.contains("POST https://h/2"), "{msg}");
    // The failed request is recorded too; a further one fails the same way.
    assert_eq!(mock.request_count(), 2);
    assert!(mock
        .send(request("GET", "https://h/3", &[], ""))
        .await
        .is_err());
    // As a dwolla_core::Error it is a transport error.
    let e: Error = err.into();
    assert!(matches!(e, Error::Transport(_)));

    let empty = MockTransport::default();
    let err = empty
        .send(request("GET", "https://h/", &[], ""))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("received 1 request(s) but only 0 response(s)"),
        "{err}"
    );
}

#[test]
fn assert_exhausted_fails_when_responses_are_left() {
    let mock = MockTransport::with_responses([fixtures::not_found(), fixtures::not_found()]);
    let msg = panic_message(|| mock.assert_exhausted());
    assert!(
        msg.contains("2 queued response(s) were never used"),
        "{msg}"
    );
}

#[tokio::test]
async fn from_fn_answers_dynamically_after_the_queue() {
    let mock = MockTransport::from_fn(|req| {
        if req.uri().path() == "/exchange-partners" {
            Ok(fixtures::exchange_partners_list())
        } else if req.uri().path().starts_with("/exchange-sessions/") {
            let id = req.uri().path().rsplit('/').next().unwrap().to_owned();
            Ok(fixtures::exchange_session_plaid(&id))
        } else {
            Err(TransportError::connect("no route"))
        }
    });
    mock.push(fixtures::server_error_html());
    let env = Environment::Sandbox;

    // The queued response comes first.
    let req = ListExchangePartners::new()
        .build_request(&env, &token())
        .unwrap();
    let e = ListExchangePartners::new()
        .parse_response(mock.send(req).await.unwrap())
        .unwrap_err();
    assert_eq!(e.api_kind(), Some(ApiErrorKind::ServerError));
    // Then the responder.
    let req = ListExchangePartners::new()
        .build_request(&env, &token())
        .unwrap();
    let list = ListExchangePartners::new()
        .parse_response(mock.send(req).await.unwrap())
        .unwrap();
    assert!(list.find_by_name("plaid").is_some());
    let op = RetrieveExchangeSession::new("sess-9");
    let s = op
        .parse_response(
            mock.send(op.build_request(&env, &token()).unwrap())
                .await
                .unwrap(),
        )
        .unwrap();
    assert_eq!(s.id(), Some("sess-9"));
    let err = mock
        .send(request("GET", "https://h/other", &[], ""))
        .await
        .unwrap_err();
    assert!(err.is_connect());
    assert_eq!(mock.request_count(), 4);
    assert!(format!("{mock:?}").contains("has_responder: true"));
}

#[tokio::test]
async fn assert_requests_match_compares_json_semantically() {
    let mock = MockTransport::with_responses([fixtures::exchange_session_created()]);
    send_create(&mock).await.unwrap();
    // Different key order and white space: still equal.
    let body = format!(
        "{{ \"_links\" : {{ \"exchange-partner\" : {{ \"href\" : \"{}\" }} }} }}",
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    mock.assert_requests_match_ignoring(&[expected_create(&body)], IGNORED);
    // Ignored names are case-insensitive.
    mock.assert_requests_match_ignoring(
        &[expected_create(&body)],
        &["Authorization", "IDEMPOTENCY-KEY", "User-Agent"],
    );
    assert!(mock
        .check_requests_match(&[expected_create(&body)], IGNORED)
        .is_ok());
}

#[tokio::test]
async fn key_order_does_not_matter_in_nested_objects() {
    let mock = MockTransport::with_responses([http::Response::new(Bytes::new())]);
    mock.send(request(
        "POST",
        "https://h/x",
        &[],
        r#"{"a":1,"b":{"c":[1,{"d":2,"e":3}]}}"#,
    ))
    .await
    .unwrap();
    mock.assert_requests_match(&[request(
        "POST",
        "https://h/x",
        &[],
        r#"{"b":{"c":[1,{"e":3,"d":2}]},"a":1}"#,
    )]);
    // But array order does.
    let msg = panic_message(|| {
        mock.assert_requests_match(&[request(
            "POST",
            "https://h/x",
            &[],
            r#"{"a":1,"b":{"c":[{"d":2,"e":3},1]}}"#,
        )])
    });
    assert!(msg.contains("request 0: body /b/c/0"), "{msg}");
}

#[tokio::test]
async fn a_different_body_fails_naming_the_index_and_field() {
    let mock = MockTransport::with_responses([
        fixtures::exchange_session_created(),
        fixtures::exchange_session_created(),
    ]);
    send_create(&mock).await.unwrap();
    send_create(&mock).await.unwrap();
    let right = format!(
        r#"{{"_links":{{"exchange-partner":{{"href":"{}"}}}}}}"#,
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    let wrong = format!(
        r#"{{"_links":{{"exchange-partner":{{"href":"{}"}}}}}}"#,
        fixtures::partner_href(fixtures::MX_PARTNER_ID)
    );
    let msg = panic_message(|| {
        mock.assert_requests_match_ignoring(
            &[expected_create(&right), expected_create(&wrong)],
            IGNORED,
        )
    });
    assert!(
        msg.contains("request 1: body /_links/exchange-partner/href"),
        "{msg}"
    );
    assert!(
        msg.contains(fixtures::MX_PARTNER_ID) && msg.contains(fixtures::PLAID_PARTNER_ID),
        "{msg}"
    );
    assert!(!msg.contains("request 0"), "request 0 matched: {msg}");
    assert!(
        msg.contains("ignoring headers: authorization, idempotency-key, user-agent"),
        "{msg}"
    );
}

#[tokio::test]
#[should_panic(
    expected = "request 0: header `accept`: expected \"application/json\", got \"application/vnd.dwolla.v1.hal+json\""
)]
async fn a_different_header_fails() {
    let mock = MockTransport::with_responses([fixtures::exchange_session_created()]);
    send_create(&mock).await.unwrap();
    let mut expected = expected_create(
        &serde_json::json!({"_links": {"exchange-partner": {"href": fixtures::partner_href(fixtures::PLAID_PARTNER_ID)}}}).to_string(),
    );
    expected
        .headers_mut()
        .insert("accept", "application/json".parse().unwrap());
    mock.assert_requests_match_ignoring(&[expected], IGNORED);
}

#[tokio::test]
async fn headers_not_ignored_are_compared() {
    let mock = MockTransport::with_responses([fixtures::exchange_session_created()]);
    send_create(&mock).await.unwrap();
    let body = serde_json::json!({"_links": {"exchange-partner": {"href": fixtures::partner_href(fixtures::PLAID_PARTNER_ID)}}}).to_string();
    // Without ignoring, the extra actual headers are reported, the token redacted.
    let msg = panic_message(|| mock.assert_requests_match(&[expected_create(&body)]));
    assert!(
        msg.contains("header `authorization`: expected (absent), got <sensitive"),
        "{msg}"
    );
    assert!(
        msg.contains("header `idempotency-key`: expected (absent), got \"key-1\""),
        "{msg}"
    );
    assert!(
        msg.contains("header `user-agent`: expected (absent), got \"dwolla-core/"),
        "{msg}"
    );
    assert!(!msg.contains("test-token"), "{msg}");
    // Ignoring only some still reports the others.
    let msg = panic_message(|| {
        mock.assert_requests_match_ignoring(&[expected_create(&body)], &["authorization"])
    });
    assert!(!msg.contains("`authorization`"), "{msg}");
    assert!(
        msg.contains("`idempotency-key`") && msg.contains("`user-agent`"),
        "{msg}"
    );
    // A missing expected header is reported too.
    let mut with_extra = expected_create(&body);
    with_extra
        .headers_mut()
        .insert("x-extra", "1".parse().unwrap());
    let msg = panic_message(|| mock.assert_requests_match_ignoring(&[with_extra], IGNORED));
    assert!(
        msg.contains("header `x-extra`: expected \"1\", got (absent)"),
        "{msg}"
    );
}

#[tokio::test]
async fn method_uri_count_and_non_json_bodies_are_compared() {
    let mock = MockTransport::with_responses([http::Response::new(Bytes::new())]);
    mock.send(request(
        "POST",
        "https://h/token",
        &[],
        "grant_type=client_credentials",
    ))
    .await
    .unwrap();
    mock.assert_requests_match(&[request(
        "POST",
        "https://h/token",
        &[],
        "grant_type=client_credentials",
    )]);

    let msg = panic_message(|| {
        mock.assert_requests_match(&[request(
            "POST",
            "https://h/token",
            &[],
            "grant_type=client_credential",
        )])
    });
    assert!(
        msg.contains("request 0: body: expected \"grant_type=client_credential\""),
        "{msg}"
    );
    let msg = panic_message(|| {
        mock.assert_requests_match(&[request(
            "PUT",
            "https://h/tokens",
            &[],
            "grant_type=client_credentials",
        )])
    });
    assert!(
        msg.contains("request 0: method: expected PUT, got POST"),
        "{msg}"
    );
    assert!(
        msg.contains("request 0: uri: expected https://h/tokens, got https://h/token"),
        "{msg}"
    );
    let msg = panic_message(|| mock.assert_requests_match(&[]));
    assert!(msg.contains("request count: expected 0, got 1"), "{msg}");
    assert!(
        msg.contains("request 0: unexpected extra request POST https://h/token"),
        "{msg}"
    );
    let two = [
        request(
            "POST",
            "https://h/token",
            &[],
            "grant_type=client_credentials",
        ),
        request("GET", "https://h/next", &[], ""),
    ];
    let msg = panic_message(|| mock.assert_requests_match(&two));
    assert!(
        msg.contains("request 1: expected GET https://h/next, but it was never sent"),
        "{msg}"
    );
    // JSON on one side only is a difference, not a crash.
    let msg = panic_message(|| {
        mock.assert_requests_match(&[request("POST", "https://h/token", &[], "{}")])
    });
    assert!(msg.contains("request 0: body: expected \"{}\""), "{msg}");
}

#[tokio::test]
async fn header_values_are_compared_in_full_and_in_order() {
    let mock = MockTransport::with_responses([http::Response::new(Bytes::new())]);
    mock.send(request(
        "GET",
        "https://h/",
        &[("x-multi", "a"), ("x-multi", "b")],
        "",
    ))
    .await
    .unwrap();
    mock.assert_requests_match(&[request(
        "GET",
        "https://h/",
        &[("X-Multi", "a"), ("X-MULTI", "b")],
        "",
    )]);
    let msg = panic_message(|| {
        mock.assert_requests_match(&[request("GET", "https://h/", &[("x-multi", "a")], "")])
    });
    assert!(
        msg.contains("header `x-multi`: expected \"a\", got \"a\", \"b\""),
        "{msg}"
    );
}

#[tokio::test]
async fn works_as_a_shared_trait_object() {
    let mock = MockTransport::with_responses([fixtures::not_found()]);
    let transport: Arc<dyn HttpTransport> = Arc::new(mock.clone());
    let resp = transport
        .send(request("GET", "https://h/", &[], ""))
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(mock.request_count(), 1);
    assert!(format!("{transport:?}").starts_with("MockTransport"));
}

// --- mockall -----------------------------------------------------------------

#[tokio::test]
async fn mockall_mock_with_expectations_and_sequence() {
    let mut transport = MockHttpTransport::new();
    let mut seq = Sequence::new();
    transport
        .expect_send()
        .withf(|req| req.method() == http::Method::GET && req.uri().path() == "/exchange-partners")
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(fixtures::exchange_partners_list()));
    transport
        .expect_send()
        .withf(|req| {
            req.method() == http::Method::POST
                && req.uri().path().ends_with("/exchange-sessions")
                && req.headers().get("content-type").is_some()
        })
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(fixtures::exchange_session_created()));
    transport
        .expect_send()
        .withf(|req| {
            req.method() == http::Method::GET && req.uri().path().starts_with("/exchange-sessions/")
        })
        .times(1)
        .in_sequence(&mut seq)
        .returning(|req| {
            let id = req.uri().path().rsplit('/').next().unwrap().to_owned();
            Ok(fixtures::exchange_session_mx(&id))
        });

    // The whole open-banking flow through a trait object.
    let transport: Box<dyn HttpTransport> = Box::new(transport);
    assert_eq!(format!("{transport:?}"), "MockHttpTransport");
    let env = Environment::Sandbox;
    let list_op = ListExchangePartners::new();
    let list = list_op
        .parse_response(
            transport
                .send(list_op.build_request(&env, &token()).unwrap())
                .await
                .unwrap(),
        )
        .unwrap();
    let mx = list.find_by_name("mx").unwrap();
    let create = CreateCustomerExchangeSession::web(fixtures::CUSTOMER_ID, mx.href());
    let created = create
        .parse_response(
            transport
                .send(create.build_request(&env, &token()).unwrap())
                .await
                .unwrap(),
        )
        .unwrap();
    let retrieve = created.retrieve();
    let session = retrieve
        .parse_response(
            transport
                .send(retrieve.build_request(&env, &token()).unwrap())
                .await
                .unwrap(),
        )
        .unwrap();
    assert_eq!(
        session.external_provider_session_url(),
        Some(fixtures::MX_CONNECT_URL)
    );
    assert_eq!(session.id(), Some(fixtures::EXCHANGE_SESSION_ID));
}

#[tokio::test]
#[should_panic(expected = "Method sequence violation")]
async fn mockall_sequence_violation_is_caught() {
    let mut transport = MockHttpTransport::new();
    let mut seq = Sequence::new();
    transport
        .expect_send()
        .withf(|req| req.uri().path() == "/token")
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(fixtures::token("t", 3600)));
    transport
        .expect_send()
        .withf(|req| req.uri().path() == "/exchange-partners")
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(fixtures::exchange_partners_list()));
    // Out of order: the API call before the token.
    let _ = transport
        .send(request("GET", "https://h/exchange-partners", &[], ""))
        .await;
}

#[tokio::test]
async fn mockall_mock_returns_transport_errors() {
    let mut transport = MockHttpTransport::new();
    transport
        .expect_send()
        .times(1)
        .returning(|_| Err(TransportError::connect("refused")));
    let op = create_op();
    let err = transport
        .send(op.build_request(&Environment::Sandbox, &token()).unwrap())
        .await
        .unwrap_err();
    assert!(err.is_connect());
    assert!(!err.may_have_been_sent());
    transport.checkpoint();
}
