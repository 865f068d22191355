//! The generic HAL operation: where requests may go (only the configured
//! environment), what they carry, and how every kind of answer parses.

mod support;

use bytes::Bytes;
use dwolla_core::hal::{HalRequest, HalResponse};
use dwolla_core::{AccessToken, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::invalid;

fn build(op: &HalRequest, env: &Environment) -> Result<http::Request<Bytes>, Error> {
    op.build_request(env, &AccessToken::new("tok"))
}

#[test]
fn paths_and_urls_on_the_environment_are_sent_there() {
    let sandbox = Environment::Sandbox;
    let proxy = Environment::custom("https://proxy.example.com/dwolla").unwrap();
    for (op, env, url) in [
        (
            HalRequest::get("/customers?limit=10&offset=20"),
            &sandbox,
            "https://api-sandbox.dwolla.com/customers?limit=10&offset=20",
        ),
        (
            HalRequest::get("customers"),
            &sandbox,
            "https://api-sandbox.dwolla.com/customers",
        ),
        (
            HalRequest::get("https://api-sandbox.dwolla.com/transfers/abc"),
            &sandbox,
            "https://api-sandbox.dwolla.com/transfers/abc",
        ),
        (
            HalRequest::get("HTTPS://API-SANDBOX.DWOLLA.COM:443/transfers/abc"),
            &sandbox,
            "https://api-sandbox.dwolla.com/transfers/abc",
        ),
        (
            HalRequest::get("https://api-sandbox.dwolla.com"),
            &sandbox,
            "https://api-sandbox.dwolla.com/",
        ),
        (
            HalRequest::delete("/labels/l1"),
            &proxy,
            "https://proxy.example.com/dwolla/labels/l1",
        ),
        (
            HalRequest::get("https://proxy.example.com/dwolla/customers"),
            &proxy,
            "https://proxy.example.com/dwolla/customers",
        ),
    ] {
        let r = build(&op, env).unwrap();
        assert_eq!(r.uri(), url, "{op:?}");
        assert_eq!(r.method(), op.method());
        assert_eq!(r.headers()["authorization"], "Bearer tok");
        assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
        assert!(r.body().is_empty());
    }
}

#[test]
fn the_token_never_leaves_the_configured_host() {
    let sandbox = Environment::Sandbox;
    let proxy = Environment::custom("https://proxy.example.com/dwolla").unwrap();
    for (target, env) in [
        ("https://api.dwolla.com/customers", &sandbox),
        ("https://attacker.example.com/customers", &sandbox),
        ("http://api-sandbox.dwolla.com/customers", &sandbox),
        ("https://api-sandbox.dwolla.com:8443/customers", &sandbox),
        (
            "https://api-sandbox.dwolla.com.attacker.example.com/x",
            &sandbox,
        ),
        ("https://user@api-sandbox.dwolla.com/customers", &sandbox),
        ("https://proxy.example.com/other", &proxy),
        ("https://proxy.example.com/dwollaX/customers", &proxy),
    ] {
        for op in [
            HalRequest::get(target),
            HalRequest::post(target, serde_json::json!({})),
            HalRequest::delete(target),
        ] {
            let (field, reason) = invalid(build(&op, env));
            assert_eq!(field, "url", "{target}");
            assert!(
                reason.contains("not on the configured environment"),
                "{reason}"
            );
        }
    }
}

#[test]
fn odd_paths_are_refused() {
    for (target, field) in [
        ("", "path"),
        ("/customers/../token", "path"),
        ("/./customers", "path"),
        ("/customers/é", "path"),
        ("/customers/a b", "path"),
        ("/customers#frag", "path"),
        ("/customers\n", "path"),
        ("https://api-sandbox.dwolla.com/a/../token", "url"),
        ("https://api-sandbox.dwolla.com#/customers", "url"),
        ("https://api-sandbox.dwolla.com/customers#x", "url"),
        ("/customers/%2e%2E/token", "path"),
        ("/customers/%2E./token", "path"),
        ("https://api-sandbox.dwolla.com/a/.%2e/token", "url"),
    ] {
        let (got, _) = invalid(build(&HalRequest::get(target), &Environment::Sandbox));
        assert_eq!(got, field, "{target:?}");
    }
    // `..` inside a query value is data, not a path segment.
    assert!(build(
        &HalRequest::get("/customers?search=a/../b"),
        &Environment::Sandbox
    )
    .is_ok());
    let (field, _) = invalid(build(
        &HalRequest::post("/x", serde_json::json!({})).idempotency_key("a b"),
        &Environment::Sandbox,
    ));
    assert_eq!(field, "idempotency_key");
}

#[test]
fn post_sends_the_json_body_deterministically() {
    let op = HalRequest::post(
        "/customers",
        serde_json::json!({"lastName": "Doe", "firstName": "Jane", "email": "jane@example.com"}),
    )
    .idempotency_key("cust-1");
    let r = build(&op, &Environment::Sandbox).unwrap();
    assert_eq!(
        std::str::from_utf8(r.body()).unwrap(),
        r#"{"email":"jane@example.com","firstName":"Jane","lastName":"Doe"}"#
    );
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(r.headers()["idempotency-key"], "cust-1");
    assert_eq!(build(&op, &Environment::Sandbox).unwrap().body(), r.body());
}

#[test]
fn answers_parse_to_created_document_empty_or_typed_errors() {
    let op = HalRequest::get("/x");
    let created = op.parse_response(fixtures::exchange_created()).unwrap();
    assert_eq!(
        created.location(),
        Some(fixtures::exchange_href(fixtures::EXCHANGE_ID).as_str())
    );
    match &created {
        HalResponse::Created(c) => {
            assert_eq!(c.id(), fixtures::EXCHANGE_ID);
            let follow = build(&c.retrieve(), &Environment::Sandbox).unwrap();
            assert_eq!(
                follow.uri().path(),
                format!("/exchanges/{}", fixtures::EXCHANGE_ID)
            );
        }
        other => panic!("expected Created, got {other:?}"),
    }
    let doc = op.parse_response(fixtures::exchange()).unwrap();
    assert_eq!(doc.document().unwrap()["id"], fixtures::EXCHANGE_ID);
    assert_eq!(doc.location(), None);
    let empty = op
        .parse_response(fixtures::hal_response(204, "r", ""))
        .unwrap();
    assert_eq!(empty, HalResponse::Empty(http::StatusCode::NO_CONTENT));
    // A 2xx with _embedded.errors is a document, not a failure.
    let with_errors = op
        .parse_response(fixtures::hal_response(
            200,
            "r",
            r#"{"_embedded":{"errors":[{"code":"x"}]}}"#,
        ))
        .unwrap();
    assert!(with_errors.document().is_some());
    match op.parse_response(fixtures::duplicate_funding_source()) {
        Err(Error::Api(e)) => assert_eq!(e.kind(), ApiErrorKind::DuplicateFundingSource),
        other => panic!("expected Api, got {other:?}"),
    }
    match op.parse_response(fixtures::hal_response(200, "r", "<html>")) {
        Err(Error::UnexpectedResponse(u)) => assert_eq!(&u.body()[..], b"<html>"),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    match op.parse_response(fixtures::created("not a url")) {
        Err(Error::UnexpectedResponse(_)) => {}
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}
