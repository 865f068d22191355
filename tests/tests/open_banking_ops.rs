//! The operations around the create call: retrieve a session, re-authenticate
//! an exchange, list exchange partners.

mod support;

use bytes::Bytes;
use dwolla_core::exchange_partners::{ListExchangePartners, PartnerStatus};
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
    RetrieveExchangeSession,
};
use dwolla_core::{AccessToken, ApiError, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::invalid_field;

const SESSION: &str = "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a";
const EXCHANGE: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";

fn token() -> AccessToken {
    AccessToken::new("tok")
}

fn header_names(r: &http::Request<Bytes>) -> Vec<&str> {
    let mut v: Vec<&str> = r.headers().keys().map(|n| n.as_str()).collect();
    v.sort_unstable();
    v
}

fn api_error<T: std::fmt::Debug>(r: Result<T, Error>) -> ApiError {
    match r {
        Err(Error::Api(e)) => e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

// --- GET /exchange-sessions/{id} ------------------------------------------

#[test]
fn retrieve_by_id_is_a_bare_get() {
    let r = RetrieveExchangeSession::new(SESSION)
        .build_request(&Environment::Production, &token())
        .unwrap();
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(
        r.uri(),
        "https://api.dwolla.com/exchange-sessions/e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a"
    );
    assert!(r.body().is_empty());
    assert_eq!(header_names(&r), ["accept", "authorization", "user-agent"]);
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(r.headers()["authorization"], "Bearer tok");
    assert_eq!(
        RetrieveExchangeSession::new(SESSION).name(),
        "retrieveCustomerExchangeSession"
    );
}

#[test]
fn retrieve_by_location_url_is_the_same_request() {
    let by_id = RetrieveExchangeSession::new(SESSION)
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    for url in [
        fixtures::session_href(SESSION),
        format!("https://api.dwolla.com/exchange-sessions/{SESSION}"),
    ] {
        let by_url = RetrieveExchangeSession::new(url.as_str())
            .build_request(&Environment::Sandbox, &token())
            .unwrap();
        assert_eq!(by_url.uri(), by_id.uri(), "{url}");
    }
    // The Location of a create response, straight through.
    let created = dwolla_core::exchange_sessions::CreateCustomerExchangeSession::web(
        "c",
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
    )
    .parse_response(fixtures::exchange_session_created())
    .unwrap();
    let r = created
        .retrieve()
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    assert_eq!(
        r.uri().to_string(),
        fixtures::session_href(fixtures::EXCHANGE_SESSION_ID)
    );
}

#[test]
fn retrieve_rejects_bad_ids() {
    for bad in [
        "",
        ".",
        "..",
        "a\u{1}",
        "https://api.dwolla.com/customers/x",
        "https://api.dwolla.com/exchange-sessions/",
    ] {
        let f = invalid_field(
            RetrieveExchangeSession::new(bad).build_request(&Environment::Sandbox, &token()),
        );
        assert_eq!(f, "exchange_session_id", "{bad:?}");
    }
    let r = RetrieveExchangeSession::new("a/b")
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    assert_eq!(r.uri().path(), "/exchange-sessions/a%2Fb");
}

#[test]
fn session_plaid_token_mx_url_and_provider_session() {
    let op = RetrieveExchangeSession::new(SESSION);
    let plaid = op
        .parse_response(fixtures::exchange_session_plaid(SESSION))
        .unwrap();
    assert_eq!(
        plaid.external_provider_session_token(),
        Some(fixtures::PLAID_LINK_TOKEN)
    );
    match plaid.provider_session() {
        Some(ProviderSession::PlaidLinkToken(t)) => assert_eq!(t, fixtures::PLAID_LINK_TOKEN),
        other => panic!("expected a Plaid link token, got {other:?}"),
    }
    let mx = op
        .parse_response(fixtures::exchange_session_mx(SESSION))
        .unwrap();
    match mx.provider_session() {
        Some(ProviderSession::MxConnectUrl(u)) => assert_eq!(u, fixtures::MX_CONNECT_URL),
        other => panic!("expected an MX connect URL, got {other:?}"),
    }
    assert_eq!(mx.id(), Some(SESSION));

    // Neither: a session the partner has not answered for yet.
    let body = format!(
        r#"{{"_links":{{"self":{{"href":"{}"}},"exchange-partner":{{"href":"{}"}}}},"created":"2024-03-25T17:13:38.430Z"}}"#,
        fixtures::session_href(SESSION),
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    let s = op
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(s.provider_session(), None);
}

#[test]
fn session_of_the_wrong_shape_is_unexpected_response_with_body() {
    let op = RetrieveExchangeSession::new(SESSION);
    for body in [
        "",
        "not json",
        "{}",
        r#"{"created":"2024-03-25T17:13:38.430Z"}"#,
        r#"{"_links":{},"created":"2024-03-25T17:13:38.430Z"}"#,
    ] {
        match op.parse_response(fixtures::hal_response(200, "req-x", body)) {
            Err(Error::UnexpectedResponse(u)) => {
                assert_eq!(u.status(), 200);
                assert_eq!(&u.body()[..], body.as_bytes());
                assert_eq!(u.request_id(), Some("req-x"));
            }
            other => panic!("{body:?}: expected UnexpectedResponse, got {other:?}"),
        }
    }
    // Each required field, named in the reason.
    for (body, reason) in [
        (r#"{"created":"2024-03-25T17:13:38.430Z"}"#, "no _links"),
        (
            r#"{"_links":{},"created":"2024-03-25T17:13:38.430Z"}"#,
            "no exchange-partner link",
        ),
        (
            r#"{"_links":{"exchange-partner":{"href":"p"}}}"#,
            "no created time",
        ),
    ] {
        match op.parse_response(fixtures::hal_response(200, "req-x", body)) {
            Err(Error::UnexpectedResponse(u)) => {
                assert!(u.reason().contains(reason), "{}", u.reason())
            }
            other => panic!("{body:?}: expected UnexpectedResponse, got {other:?}"),
        }
    }
}

#[test]
fn retrieve_documented_errors_are_typed() {
    let op = RetrieveExchangeSession::new(SESSION);
    let e = api_error(op.parse_response(fixtures::exchange_session_forbidden()));
    assert_eq!(e.kind(), ApiErrorKind::Forbidden);
    assert_eq!(e.status(), 403);
    assert_eq!(
        e.message(),
        Some("Not authorized to retrieve exchange session.")
    );
    let e = api_error(op.parse_response(fixtures::exchange_session_not_found()));
    assert_eq!(e.kind(), ApiErrorKind::NotFound);
    assert_eq!(e.code(), Some("notFound"));
    assert_eq!(e.message(), Some("Exchange session not found."));
}

// --- POST /exchanges/{id}/exchange-sessions ---------------------------------

#[test]
fn reauth_web_body_is_exactly_empty_object() {
    let r = CreateReAuthExchangeSession::web(EXCHANGE)
        .build_request(&Environment::Production, &token())
        .unwrap();
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api.dwolla.com/exchanges/74a207b2-b7b7-4efa-8bf8-582148e7b980/exchange-sessions"
    );
    assert_eq!(&r.body()[..], b"{}");
    assert_eq!(
        header_names(&r),
        ["accept", "authorization", "content-type", "user-agent"]
    );
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(
        CreateReAuthExchangeSession::web(EXCHANGE).name(),
        "createReAuthExchangeSession"
    );
}

#[test]
fn reauth_redirect_body_is_exact() {
    let r = CreateReAuthExchangeSession::with_redirect(
        EXCHANGE,
        "https://www.yourdomain.com/iav-callback",
    )
    .idempotency_key("k-42")
    .build_request(&Environment::Production, &token())
    .unwrap();
    assert_eq!(
        std::str::from_utf8(r.body()).unwrap(),
        r#"{"_links":{"redirect-url":{"href":"https://www.yourdomain.com/iav-callback"}}}"#
    );
    assert_eq!(r.headers()["idempotency-key"], "k-42");
    let android = CreateReAuthExchangeSession::with_redirect(EXCHANGE, "com.example.app123")
        .build_request(&Environment::Production, &token())
        .unwrap();
    assert_eq!(
        std::str::from_utf8(android.body()).unwrap(),
        r#"{"_links":{"redirect-url":{"href":"com.example.app123"}}}"#
    );
}

#[test]
fn reauth_accepts_id_exchange_url_and_reauth_url() {
    let expected = format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}/exchange-sessions");
    for input in [
        EXCHANGE.to_owned(),
        format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}"),
        format!("https://api.dwolla.com/exchanges/{EXCHANGE}"),
        fixtures::reauth_href(EXCHANGE),
    ] {
        let r = CreateReAuthExchangeSession::web(input.as_str())
            .build_request(&Environment::Sandbox, &token())
            .unwrap();
        assert_eq!(r.uri().to_string(), expected, "{input}");
        assert_eq!(&r.body()[..], b"{}");
    }
}

#[test]
fn reauth_from_update_credentials_error() {
    let e = api_error(RetrieveExchangeSession::new("s").parse_response(
        fixtures::update_credentials(&fixtures::reauth_href(EXCHANGE)),
    ));
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
    let op = CreateReAuthExchangeSession::from_update_credentials(&e).expect("a re-auth op");
    let r = op.build_request(&Environment::Sandbox, &token()).unwrap();
    assert_eq!(
        r.uri().to_string(),
        format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}/exchange-sessions")
    );
    assert_eq!(&r.body()[..], b"{}");

    // Other errors offer no re-auth.
    for other in [
        fixtures::not_found(),
        fixtures::reauth_validation(),
        fixtures::server_error_html(),
    ] {
        let e = api_error(RetrieveExchangeSession::new("s").parse_response(other));
        assert!(CreateReAuthExchangeSession::from_update_credentials(&e).is_none());
    }
    // UpdateCredentials without the link offers none either.
    let e = api_error(
        RetrieveExchangeSession::new("s").parse_response(fixtures::error_response(
            400,
            "r",
            r#"{"code":"UpdateCredentials","message":"Re-authenticate."}"#,
        )),
    );
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
    assert!(CreateReAuthExchangeSession::from_update_credentials(&e).is_none());
}

#[test]
fn reauth_rejects_bad_input() {
    for (op, field) in [
        (CreateReAuthExchangeSession::web(""), "exchange_id"),
        (CreateReAuthExchangeSession::web(".."), "exchange_id"),
        (
            CreateReAuthExchangeSession::web("https://api.dwolla.com/customers/x"),
            "exchange_id",
        ),
        (
            CreateReAuthExchangeSession::with_redirect(EXCHANGE, ""),
            "redirect_url",
        ),
        (
            CreateReAuthExchangeSession::with_redirect(EXCHANGE, "a b"),
            "redirect_url",
        ),
        (
            CreateReAuthExchangeSession::web(EXCHANGE).idempotency_key("a b"),
            "idempotency_key",
        ),
    ] {
        assert_eq!(
            invalid_field(op.build_request(&Environment::Sandbox, &token())),
            field,
            "{op:?}"
        );
    }
}

#[test]
fn reauth_responses_parse() {
    let op = CreateReAuthExchangeSession::web(EXCHANGE);
    let created = op
        .parse_response(fixtures::exchange_session_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);
    let e = api_error(op.parse_response(fixtures::reauth_forbidden()));
    assert_eq!(e.kind(), ApiErrorKind::Forbidden);
    assert_eq!(
        e.message(),
        Some("Not authorized to create re-authentication exchange session.")
    );
    let e = api_error(op.parse_response(fixtures::reauth_validation()));
    assert_eq!(e.kind(), ApiErrorKind::Validation);
    assert_eq!(e.code(), Some("ValidationError"));
}

// --- GET /exchange-partners ---------------------------------------------------

#[test]
fn list_partners_is_a_get_without_body_or_content_type() {
    let r = ListExchangePartners::new()
        .build_request(&Environment::Sandbox, &token())
        .unwrap();
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri(), "https://api-sandbox.dwolla.com/exchange-partners");
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
    assert!(r.headers().get("idempotency-key").is_none());
    assert_eq!(header_names(&r), ["accept", "authorization", "user-agent"]);
    assert_eq!(ListExchangePartners::new().name(), "listExchangePartners");
}

#[test]
fn partners_find_by_name_is_case_insensitive_and_skips_inactive() {
    let list = ListExchangePartners::new()
        .parse_response(fixtures::exchange_partners_list())
        .unwrap();
    for name in ["plaid", "PLAID", "Plaid", " plaid "] {
        assert_eq!(
            list.find_by_name(name).map(|p| p.id()),
            Some(fixtures::PLAID_PARTNER_ID),
            "{name:?}"
        );
    }
    assert_eq!(
        list.find_by_name("mx").unwrap().href(),
        fixtures::partner_href(fixtures::MX_PARTNER_ID)
    );
    assert_eq!(
        list.find_by_name("finicity").unwrap().id(),
        fixtures::FINICITY_PARTNER_ID
    );
    assert!(
        list.find_by_name("flinks").is_none(),
        "deactivated partners are never offered"
    );
    assert!(list.find_by_name("Visa").is_none());
    assert!(list.find_by_name("").is_none());
    assert_eq!(list.all().len(), 4);
    assert_eq!(list.active().count(), 3);
    assert_eq!(list.clone().into_vec().len(), 4);
}

#[test]
fn unknown_partner_status_is_kept() {
    let body = serde_json::json!({
        "_embedded": {"exchange-partners": [
            {"_links": {"self": {"href": fixtures::partner_href("p1")}}, "id": "p1", "name": "Visa", "status": "beta"},
            {"_links": {"self": {"href": fixtures::partner_href("p2")}}, "id": "p2", "name": "Checkout.com", "status": "Removed"},
            {"_links": {"self": {"href": fixtures::partner_href("p3")}}, "id": "p3", "name": "MX", "status": "ACTIVE"},
        ]}
    })
    .to_string();
    let list = ListExchangePartners::new()
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(list.total(), None);
    assert_eq!(
        list.all()[0].status(),
        &PartnerStatus::Other("beta".to_owned())
    );
    assert_eq!(list.all()[0].status().as_str(), "beta");
    assert_eq!(list.all()[0].status().to_string(), "beta");
    assert!(!list.all()[0].is_active());
    assert!(list.find_by_name("visa").is_none());
    assert_eq!(list.all()[1].status(), &PartnerStatus::Removed);
    assert_eq!(list.all()[2].status(), &PartnerStatus::Active);
    assert_eq!(list.all()[2].created(), None);
    assert_eq!(list.find_by_name("mx").unwrap().id(), "p3");
}

#[test]
fn partner_list_edge_shapes() {
    // No _embedded: an empty list, not an error.
    let list = ListExchangePartners::new()
        .parse_response(fixtures::hal_response(200, "r", r#"{"total":0}"#))
        .unwrap();
    assert!(list.all().is_empty());
    assert_eq!(list.total(), Some(0));
    // One partner without a self link (the fault found by serving Dwolla's
    // own spec from a mock server) is skipped; the others are still listed.
    let body = r#"{"_embedded":{"exchange-partners":[
        {"id":"p","name":"Plaid","status":"active"},
        {"_links":{"self":{"href":"https://api-sandbox.dwolla.com/exchange-partners/m"}},"id":"m","name":"MX","status":"active"}
    ]},"total":2}"#;
    let list = ListExchangePartners::new()
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list.find_by_name("mx").unwrap().id(), "m");
    assert!(list.find_by_name("plaid").is_none());
    assert_eq!(list.total(), Some(2));
    assert_eq!(list.skipped().len(), 1);
    assert_eq!(list.skipped()[0].index(), 0);
    assert_eq!(
        list.skipped()[0].raw_json(),
        r#"{"id":"p","name":"Plaid","status":"active"}"#
    );
    // Each required field, named in the skip reason.
    for (partner, reason) in [
        (
            r#"{"_links":{"self":{"href":"h"}},"name":"Plaid"}"#,
            "no id",
        ),
        (r#"{"_links":{"self":{"href":"h"}},"id":"p"}"#, "no name"),
        (r#"{"id":"p","name":"Plaid"}"#, "no self link"),
        (
            r#"{"_links":{"self":{"href":5}},"id":"p","name":"Plaid"}"#,
            "no self link",
        ),
        (r#""a string""#, "not a JSON object"),
        (r#"null"#, "not a JSON object"),
    ] {
        let body = format!(r#"{{"_embedded":{{"exchange-partners":[{partner}]}}}}"#);
        let list = ListExchangePartners::new()
            .parse_response(fixtures::hal_response(200, "r", body))
            .unwrap();
        assert!(list.is_empty(), "{partner}");
        assert_eq!(list.skipped().len(), 1, "{partner}");
        let skipped = &list.skipped()[0];
        assert!(skipped.reason().contains(reason), "{}", skipped.reason());
        assert_eq!(skipped.raw_json(), partner);
    }
    // Optional fields of the wrong type read as absent; the partner is kept.
    let body = r#"{"_embedded":{"exchange-partners":[{"_links":{"self":{"href":"h"}},"id":"p","name":"Plaid","status":7,"created":[]}]},"total":"one"}"#;
    let list = ListExchangePartners::new()
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status(), &PartnerStatus::Other(String::new()));
    assert_eq!(list[0].created(), None);
    assert_eq!(list.total(), None);
    // Nothing in a body that is not a collection can be trusted as the list.
    for body in [
        "[]",
        "not json",
        r#"{"_embedded":{"exchange-partners":"none"}}"#,
        r#"{"_embedded":{"exchange-partners":[{}]"#,
    ] {
        match ListExchangePartners::new().parse_response(fixtures::hal_response(200, "r", body)) {
            Err(Error::UnexpectedResponse(u)) => assert_eq!(&u.body()[..], body.as_bytes()),
            other => panic!("{body}: expected UnexpectedResponse, got {other:?}"),
        }
    }
    // `_embedded` or the list itself null: empty.
    for body in [
        r#"{"_embedded":null}"#,
        r#"{"_embedded":{"exchange-partners":null}}"#,
    ] {
        let list = ListExchangePartners::new()
            .parse_response(fixtures::hal_response(200, "r", body))
            .unwrap();
        assert!(list.is_empty() && list.skipped().is_empty(), "{body}");
    }
    let e = api_error(ListExchangePartners::new().parse_response(fixtures::invalid_access_token()));
    assert_eq!(e.kind(), ApiErrorKind::InvalidAccessToken);
}

/// Found by fuzzing: a `Location` with an upper-case scheme parsed to the
/// right id, but retrieving it asked for the whole URL encoded as an id.
/// Schemes are case-insensitive everywhere a URL may stand for an id.
#[test]
fn upper_case_schemes_are_urls_everywhere() {
    let env = Environment::Sandbox;
    let token = AccessToken::new("t");
    let created = CreateCustomerExchangeSession::web("c", fixtures::partner_href("p"))
        .parse_response(fixtures::created(
            "HTTPS://api-sandbox.dwolla.com/exchange-sessions/abc",
        ))
        .unwrap();
    assert_eq!(created.id(), "abc");
    let r = created.retrieve().build_request(&env, &token).unwrap();
    assert_eq!(r.uri().path(), "/exchange-sessions/abc");

    let reauth = ApiError::from_response(fixtures::update_credentials(
        "HTTPS://API-SANDBOX.DWOLLA.COM/exchanges/e1/exchange-sessions",
    ));
    let op = CreateReAuthExchangeSession::from_update_credentials(&reauth).unwrap();
    let r = op.build_request(&env, &token).unwrap();
    assert_eq!(r.uri().path(), "/exchanges/e1/exchange-sessions");

    let op = CreateCustomerExchangeSession::web(
        "Https://api-sandbox.dwolla.com/customers/c1",
        fixtures::partner_href("p"),
    );
    let r = op.build_request(&env, &token).unwrap();
    assert_eq!(r.uri().path(), "/customers/c1/exchange-sessions");
}
