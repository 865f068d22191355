//! `POST /customers/{id}/exchange-sessions`: the exact request, input
//! validation, and every shape of 201.

mod support;

use bytes::Bytes;
use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, RetrieveExchangeSession};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::invalid;

const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PLAID: &str = "https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const MX: &str = "https://api.dwolla.com/exchange-partners/2164407f-33c3-4555-a6a1-40d5e9e58744";

fn token() -> AccessToken {
    AccessToken::new("pBA9fVDBEyYZCEsLf/wKehyh1RTpzjUj5KzIRfDi0wKTii7DqY")
}

fn build(op: &CreateCustomerExchangeSession) -> http::Request<Bytes> {
    op.build_request(&Environment::Production, &token())
        .unwrap()
}

fn body_str(r: &http::Request<Bytes>) -> &str {
    std::str::from_utf8(r.body()).unwrap()
}

#[test]
fn plaid_web_request_is_exact() {
    let r = build(&CreateCustomerExchangeSession::web(CUSTOMER, PLAID));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/exchange-sessions"
    );
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"}}}"#
    );
}

#[test]
fn mx_web_request_is_exact() {
    let r = build(&CreateCustomerExchangeSession::web(CUSTOMER, MX));
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/2164407f-33c3-4555-a6a1-40d5e9e58744"}}}"#
    );
}

#[test]
fn plaid_android_request_is_exact() {
    let r = build(&CreateCustomerExchangeSession::with_redirect(
        CUSTOMER,
        PLAID,
        "com.example.app123",
    ));
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"},"redirect-url":{"href":"com.example.app123"}}}"#
    );
}

#[test]
fn plaid_ios_request_is_exact() {
    let r = build(&CreateCustomerExchangeSession::with_redirect(
        CUSTOMER,
        PLAID,
        "https://example.com/app123",
    ));
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"},"redirect-url":{"href":"https://example.com/app123"}}}"#
    );
}

#[test]
fn reference_sdk_example_object_redirect_is_unwrapped() {
    // The reference SDK's docs show the redirect as an OpenAPI example object.
    let r = build(&CreateCustomerExchangeSession::with_redirect(
        CUSTOMER,
        PLAID,
        r#"{"description":"Plaid Android example","value":"com.example.app123"}"#,
    ));
    let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
    assert_eq!(v["_links"]["redirect-url"]["href"], "com.example.app123");
}

#[test]
fn body_is_valid_json_with_escaping() {
    let href = "https://api.dwolla.com/exchange-partners/a\"b\\c";
    let r = build(&CreateCustomerExchangeSession::with_redirect(
        CUSTOMER,
        "https://h/x",
        "com.ex\"ample",
    ));
    let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
    assert_eq!(v["_links"]["redirect-url"]["href"], "com.ex\"ample");
    // A quote in the href is rejected by URL parsing or escaped, never raw.
    if let Ok(r) = CreateCustomerExchangeSession::web(CUSTOMER, href)
        .build_request(&Environment::Sandbox, &token())
    {
        let v: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(v["_links"]["exchange-partner"]["href"], href);
    }
}

#[test]
fn same_input_gives_byte_identical_requests() {
    for op in [
        CreateCustomerExchangeSession::web(CUSTOMER, PLAID),
        CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, "com.example.app123"),
        CreateCustomerExchangeSession::web(CUSTOMER, MX).idempotency_key("k-1"),
    ] {
        let a = build(&op);
        let b = build(&op.clone());
        assert_eq!(a.body(), b.body());
        assert_eq!(a.uri(), b.uri());
        assert_eq!(a.method(), b.method());
        assert_eq!(a.headers(), b.headers());
    }
}

#[test]
fn headers_are_exact() {
    let r = build(&CreateCustomerExchangeSession::web(CUSTOMER, PLAID));
    let h = r.headers();
    let mut names: Vec<&str> = h.keys().map(|n| n.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["accept", "authorization", "content-type", "user-agent"]
    );
    assert_eq!(h["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(h["content-type"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(
        h["authorization"],
        "Bearer pBA9fVDBEyYZCEsLf/wKehyh1RTpzjUj5KzIRfDi0wKTii7DqY"
    );
    assert!(h["authorization"].is_sensitive());
    assert!(h["user-agent"]
        .to_str()
        .unwrap()
        .starts_with("dwolla-core/"));
    assert!(h.get("idempotency-key").is_none());
    for name in names {
        assert_eq!(h.get_all(name).iter().count(), 1, "{name} sent once");
    }

    let r = build(
        &CreateCustomerExchangeSession::web(CUSTOMER, PLAID)
            .idempotency_key("5f1b3c9e-0000-4000-8000-000000000001"),
    );
    assert_eq!(
        r.headers()["idempotency-key"],
        "5f1b3c9e-0000-4000-8000-000000000001"
    );
    assert_eq!(r.headers().len(), 5);
}

#[test]
fn customer_id_is_one_encoded_segment() {
    for (id, segment) in [
        ("a/b", "a%2Fb"),
        ("a?b#c", "a%3Fb%23c"),
        ("a b", "a%20b"),
        ("%2F", "%252F"),
        ("é", "%C3%A9"),
        ("abc-123_~.x", "abc-123_~.x"),
    ] {
        let r = build(&CreateCustomerExchangeSession::web(id, PLAID));
        assert_eq!(
            r.uri().to_string(),
            format!("https://api.dwolla.com/customers/{segment}/exchange-sessions"),
            "{id:?}"
        );
        assert_eq!(r.uri().path().matches('/').count(), 3, "{id:?}");
    }
}

#[test]
fn customer_url_form_is_accepted() {
    let by_id = build(&CreateCustomerExchangeSession::web(CUSTOMER, PLAID));
    for url in [
        format!("https://api.dwolla.com/customers/{CUSTOMER}"),
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}"),
    ] {
        let by_url = build(&CreateCustomerExchangeSession::web(url.as_str(), PLAID));
        assert_eq!(by_url.uri(), by_id.uri(), "{url}");
        assert_eq!(by_url.body(), by_id.body());
    }
    // A URL of another resource is refused rather than misread.
    let (field, _) = invalid(
        CreateCustomerExchangeSession::web("https://api.dwolla.com/transfers/x", PLAID)
            .build_request(&Environment::Production, &token()),
    );
    assert_eq!(field, "customer_id");
}

#[test]
fn every_bad_input_is_rejected_naming_the_field() {
    let long_key = "k".repeat(256);
    let cases: Vec<(CreateCustomerExchangeSession, &str)> = vec![
        (CreateCustomerExchangeSession::web("", PLAID), "customer_id"),
        (
            CreateCustomerExchangeSession::web(".", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web("..", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web("a\nb", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web("a\u{0}b", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web("\u{7f}", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web("   ", PLAID),
            "customer_id",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, ""),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "exchange-partners/x"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "/exchange-partners/x"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "ftp://api.dwolla.com/x"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "javascript:alert(1)"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "https://"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, "https://a b/x"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, ""),
            "redirect_url",
        ),
        (
            CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, "com.example app"),
            "redirect_url",
        ),
        (
            CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, " https://example.com"),
            "redirect_url",
        ),
        (
            CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, "https://example.com/\t"),
            "redirect_url",
        ),
        (
            CreateCustomerExchangeSession::with_redirect(CUSTOMER, PLAID, "com.example\n"),
            "redirect_url",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, PLAID).idempotency_key(""),
            "idempotency_key",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, PLAID).idempotency_key("a b"),
            "idempotency_key",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, PLAID).idempotency_key("ключ"),
            "idempotency_key",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, PLAID).idempotency_key("a\nb"),
            "idempotency_key",
        ),
        (
            CreateCustomerExchangeSession::web(CUSTOMER, PLAID).idempotency_key(long_key),
            "idempotency_key",
        ),
    ];
    for (op, expected) in cases {
        let (field, reason) = invalid(op.build_request(&Environment::Sandbox, &token()));
        assert_eq!(field, expected, "{op:?}");
        assert!(!reason.is_empty());
        let (vfield, _) = invalid(op.validate());
        assert_eq!(vfield, expected, "validate() agrees for {op:?}");
        let shown = op
            .build_request(&Environment::Sandbox, &token())
            .unwrap_err()
            .to_string();
        assert!(shown.contains(expected), "{shown}");
        assert!(op
            .build_request(&Environment::Sandbox, &token())
            .unwrap_err()
            .status()
            .is_none());
    }
    // And a good one passes validate().
    assert!(CreateCustomerExchangeSession::web(CUSTOMER, PLAID)
        .validate()
        .is_ok());
}

fn response_201(location: Option<&str>, body: &'static [u8]) -> http::Response<Bytes> {
    let mut b = http::Response::builder()
        .status(201)
        .header("x-request-id", "req-201");
    if let Some(l) = location {
        b = b.header("location", l);
    }
    b.body(Bytes::from_static(body)).unwrap()
}

#[test]
fn created_without_usable_location_is_unexpected_response() {
    let op = CreateCustomerExchangeSession::web(CUSTOMER, PLAID);
    for location in [
        None,
        Some("/exchange-sessions/abc"),
        Some("exchange-sessions/abc"),
        Some("https://api.dwolla.com/exchange-sessions/"),
        Some("https://api.dwolla.com"),
        Some("ftp://api.dwolla.com/exchange-sessions/abc"),
        Some(""),
    ] {
        match op.parse_response(response_201(location, b"{\"note\":\"kept\"}")) {
            Err(Error::UnexpectedResponse(u)) => {
                assert_eq!(u.status(), 201, "{location:?}");
                assert_eq!(u.headers()["x-request-id"], "req-201");
                assert_eq!(u.request_id(), Some("req-201"));
                assert_eq!(&u.body()[..], b"{\"note\":\"kept\"}");
                assert!(!u.reason().is_empty());
                if let Some(l) = location {
                    assert_eq!(u.headers()["location"], l);
                }
                let shown = u.to_string();
                assert!(
                    shown.contains("201") && shown.contains("req-201"),
                    "{shown}"
                );
            }
            other => panic!("{location:?}: expected UnexpectedResponse, got {other:?}"),
        }
    }
}

#[test]
fn location_is_parsed_into_location_and_id() {
    let op = CreateCustomerExchangeSession::web(CUSTOMER, PLAID);
    let loc = "https://api.dwolla.com/exchange-sessions/fcd15e5f-8d13-4570-a9b7-7fb49e55941d";
    let created = op.parse_response(response_201(Some(loc), b"")).unwrap();
    assert_eq!(created.location(), loc);
    assert_eq!(created.id(), "fcd15e5f-8d13-4570-a9b7-7fb49e55941d");
    // The session can be retrieved from it.
    assert_eq!(created.retrieve(), RetrieveExchangeSession::new(loc));
    let get = created
        .retrieve()
        .build_request(&Environment::Production, &token())
        .unwrap();
    assert_eq!(get.uri(), loc);

    // Loopback emulator locations.
    let created = op
        .parse_response(response_201(
            Some("http://127.0.0.1:9000/exchange-sessions/abc"),
            b"",
        ))
        .unwrap();
    assert_eq!(created.id(), "abc");
    // Any 2xx with a Location is success; a query does not end up in the id.
    let r = http::Response::builder()
        .status(200)
        .header(
            "Location",
            "https://api.dwolla.com/exchange-sessions/xyz?x=1",
        )
        .body(Bytes::new())
        .unwrap();
    assert_eq!(op.parse_response(r).unwrap().id(), "xyz");
}

#[test]
fn non_2xx_is_an_api_error_even_with_location() {
    let op = CreateCustomerExchangeSession::web(CUSTOMER, PLAID);
    let r = http::Response::builder()
        .status(302)
        .header("location", "https://api.dwolla.com/exchange-sessions/abc")
        .body(Bytes::new())
        .unwrap();
    match op.parse_response(r) {
        Err(Error::Api(e)) => assert_eq!(e.status(), 302),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[test]
fn environment_custom_allows_https_anywhere_and_http_only_on_loopback() {
    for (input, base) in [
        (
            "https://proxy.example.com/dwolla/",
            "https://proxy.example.com/dwolla",
        ),
        ("https://api.example.com", "https://api.example.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:3000/", "http://localhost:3000"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ] {
        let env = Environment::custom(input).unwrap();
        assert_eq!(env.base_url(), base, "{input}");
        let r = CreateCustomerExchangeSession::web("c1", PLAID)
            .build_request(&env, &token())
            .unwrap();
        assert_eq!(
            r.uri().to_string(),
            format!("{base}/customers/c1/exchange-sessions")
        );
    }
    let (field, reason) = invalid(Environment::custom("http://api.example.com"));
    assert_eq!(field, "base_url");
    assert!(reason.contains("clear text"), "{reason}");
    for bad in [
        "http://10.0.0.1",
        "http://localhost.example.com",
        "ftp://127.0.0.1",
        "",
        "api.example.com",
    ] {
        let (field, _) = invalid(Environment::custom(bad));
        assert_eq!(field, "base_url", "{bad}");
    }
    assert_eq!(Environment::Sandbox.base_url(), fixtures::BASE);
    assert_eq!(Environment::Production.base_url(), "https://api.dwolla.com");
}

#[test]
fn sandbox_request_uses_sandbox_host() {
    let r = CreateCustomerExchangeSession::web(CUSTOMER, PLAID)
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    assert_eq!(
        r.uri().to_string(),
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/exchange-sessions")
    );
}
