//! The open-banking calls through the client's grouped API over the mock
//! transport: exact requests on the wire, documented answers typed.

use bytes::Bytes;
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
};
use dwolla_core::{ApiErrorKind, Client, ClientCredentials, Environment, Error, RetryPolicy};
use dwolla_mock::time::{ManualClock, RecordingSleep};
use dwolla_mock::{fixtures, MockTransport};

fn client(mock: &MockTransport) -> Client<MockTransport> {
    let clock = ManualClock::new();
    mock.push(fixtures::token("tok", 3600));
    Client::builder(mock.clone())
        .environment(Environment::Sandbox)
        .credentials(ClientCredentials::new("id", "secret"))
        .retry_policy(RetryPolicy::disabled())
        .sleep(RecordingSleep::new(clock.clone()))
        .clock(clock)
        .build()
        .unwrap()
}

fn request(method: &str, path: &str, body: Option<&'static str>) -> http::Request<Bytes> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", fixtures::BASE))
        .header("accept", "application/vnd.dwolla.v1.hal+json")
        .header("authorization", "Bearer tok");
    if body.is_some() {
        b = b.header("content-type", "application/vnd.dwolla.v1.hal+json");
    }
    b.body(
        body.map(|s| Bytes::from_static(s.as_bytes()))
            .unwrap_or_default(),
    )
    .unwrap()
}

fn token_request() -> http::Request<Bytes> {
    http::Request::builder()
        .method("POST")
        .uri(format!("{}/token", fixtures::BASE))
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Bytes::from_static(b"grant_type=client_credentials"))
        .unwrap()
}

fn kind(e: Error) -> ApiErrorKind {
    e.api_kind()
        .unwrap_or_else(|| panic!("expected an API error, got {e:?}"))
}

#[tokio::test]
async fn list_and_find_partners() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.push(fixtures::exchange_partners_list());
    mock.push(fixtures::exchange_partners_list());
    mock.push(fixtures::exchange_partners_list());
    let all = client.exchange_partners().list().await.unwrap();
    assert_eq!(all.all().len(), 4);
    let plaid = client
        .exchange_partners()
        .find_by_name("PLAID")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        plaid.href(),
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    assert!(client
        .exchange_partners()
        .find_by_name("flinks")
        .await
        .unwrap()
        .is_none());
    mock.assert_requests_match_ignoring(
        &[
            token_request(),
            request("GET", "/exchange-partners", None),
            request("GET", "/exchange-partners", None),
            request("GET", "/exchange-partners", None),
        ],
        &["user-agent", "authorization"],
    );
}

#[tokio::test]
async fn create_then_retrieve_plaid_and_mx() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.push(fixtures::exchange_session_created());
    mock.push(fixtures::exchange_session_plaid(
        fixtures::EXCHANGE_SESSION_ID,
    ));
    mock.push(fixtures::exchange_session_mx(fixtures::EXCHANGE_SESSION_ID));
    let partner = fixtures::partner_href(fixtures::PLAID_PARTNER_ID);
    let created = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(
            fixtures::CUSTOMER_ID,
            &partner,
        ))
        .await
        .unwrap();
    let plaid = client
        .exchange_sessions()
        .get(created.location())
        .await
        .unwrap();
    assert_eq!(
        plaid.provider_session(),
        Some(ProviderSession::PlaidLinkToken(fixtures::PLAID_LINK_TOKEN))
    );
    let mx = client.exchange_sessions().get(created.id()).await.unwrap();
    assert_eq!(
        mx.provider_session(),
        Some(ProviderSession::MxConnectUrl(fixtures::MX_CONNECT_URL))
    );
    let body = format!(r#"{{"_links":{{"exchange-partner":{{"href":"{partner}"}}}}}}"#);
    let session_path = format!("/exchange-sessions/{}", fixtures::EXCHANGE_SESSION_ID);
    let mut create = request(
        "POST",
        &format!("/customers/{}/exchange-sessions", fixtures::CUSTOMER_ID),
        Some("x"),
    );
    *create.body_mut() = Bytes::from(body);
    mock.assert_requests_match_ignoring(
        &[
            token_request(),
            create,
            request("GET", &session_path, None),
            request("GET", &session_path, None),
        ],
        &["user-agent", "authorization", "idempotency-key"],
    );
}

#[tokio::test]
async fn retrieve_documented_errors() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.push(fixtures::exchange_session_forbidden());
    mock.push(fixtures::exchange_session_not_found());
    assert_eq!(
        kind(client.exchange_sessions().get("s1").await.unwrap_err()),
        ApiErrorKind::Forbidden
    );
    assert_eq!(
        kind(client.exchange_sessions().get("s1").await.unwrap_err()),
        ApiErrorKind::NotFound
    );
}

#[tokio::test]
async fn re_auth_web_redirect_and_errors() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.push(fixtures::created(&fixtures::session_href("s-web")));
    mock.push(fixtures::created(&fixtures::session_href("s-ios")));
    mock.push(fixtures::reauth_forbidden());
    mock.push(fixtures::reauth_validation());
    let reauth = client.exchanges().exchange_sessions();
    assert_eq!(
        reauth
            .create_reauth(CreateReAuthExchangeSession::web(fixtures::EXCHANGE_ID))
            .await
            .unwrap()
            .id(),
        "s-web"
    );
    assert_eq!(
        reauth
            .create_reauth(CreateReAuthExchangeSession::with_redirect(
                fixtures::EXCHANGE_ID,
                "https://example.com/app123"
            ))
            .await
            .unwrap()
            .id(),
        "s-ios"
    );
    assert_eq!(
        kind(
            reauth
                .create_reauth(CreateReAuthExchangeSession::web("e"))
                .await
                .unwrap_err()
        ),
        ApiErrorKind::Forbidden
    );
    assert_eq!(
        kind(
            reauth
                .create_reauth(CreateReAuthExchangeSession::web("e"))
                .await
                .unwrap_err()
        ),
        ApiErrorKind::Validation
    );
    let path = format!("/exchanges/{}/exchange-sessions", fixtures::EXCHANGE_ID);
    mock.assert_requests_match_ignoring(
        &[
            token_request(),
            request("POST", &path, Some("{}")),
            request(
                "POST",
                &path,
                Some(r#"{"_links":{"redirect-url":{"href":"https://example.com/app123"}}}"#),
            ),
            request("POST", "/exchanges/e/exchange-sessions", Some("{}")),
            request("POST", "/exchanges/e/exchange-sessions", Some("{}")),
        ],
        &["user-agent", "authorization", "idempotency-key"],
    );
    // Every POST carried a key.
    assert!(mock.requests()[1..]
        .iter()
        .all(|r| r.header("idempotency-key").is_some()));
}

#[tokio::test]
async fn update_credentials_from_any_call_leads_to_re_auth() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.push(fixtures::update_credentials_default());
    mock.push(fixtures::exchange_session_created());
    let err = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(
            fixtures::CUSTOMER_ID,
            fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
        ))
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::UpdateCredentials);
    let op = CreateReAuthExchangeSession::from_update_credentials(api).expect("the about link");
    client
        .exchanges()
        .exchange_sessions()
        .create_reauth(op)
        .await
        .unwrap();
    assert_eq!(
        mock.last_request().unwrap().path(),
        format!("/exchanges/{}/exchange-sessions", fixtures::EXCHANGE_ID)
    );
}
