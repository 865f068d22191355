//! The emulator end to end, driven by hyper-util's client and dwolla-core's
//! sans-IO operations.
#![cfg(feature = "emulator")]

use std::time::Duration;

use bytes::Bytes;
use dwolla_core::exchange_partners::{ListExchangePartners, PartnerStatus};
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
    RetrieveExchangeSession,
};
use dwolla_core::token::{build_token_request, parse_token_response};
use dwolla_core::{
    AccessToken, ApiError, ApiErrorKind, ClientCredentials, Error, Operation, RetryAfter,
};
use dwolla_mock::emulator::{Emulator, Fault};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const HAL: &str = "application/vnd.dwolla.v1.hal+json";

struct Http(Client<HttpConnector, Full<Bytes>>);

impl Http {
    fn new() -> Self {
        Http(Client::builder(TokioExecutor::new()).build_http())
    }

    /// Sends and reads the whole body; `Err` with a description on any
    /// transport failure.
    async fn try_send(&self, req: http::Request<Bytes>) -> Result<http::Response<Bytes>, String> {
        let resp = self
            .0
            .request(req.map(Full::new))
            .await
            .map_err(|e| format!("request: {e:?}"))?;
        let (parts, body) = resp.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("body: {e:?}"))?
            .to_bytes();
        Ok(http::Response::from_parts(parts, body))
    }

    async fn send(&self, req: http::Request<Bytes>) -> http::Response<Bytes> {
        self.try_send(req).await.expect("transport failure")
    }

    async fn call<O: Operation>(
        &self,
        emu: &Emulator,
        token: &AccessToken,
        op: &O,
    ) -> Result<O::Output, Error> {
        let req = op.build_request(&emu.environment(), token)?;
        op.parse_response(self.send(req).await)
    }

    async fn token(&self, emu: &Emulator) -> AccessToken {
        let req = build_token_request(&emu.environment(), &emu.credentials()).unwrap();
        let (token, _) = parse_token_response(self.send(req).await)
            .unwrap()
            .into_parts();
        token
    }
}

fn api_err(r: Result<impl std::fmt::Debug, Error>) -> ApiError {
    match r {
        Err(Error::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn raw(
    method: &str,
    url: String,
    token: Option<&AccessToken>,
    body: &'static str,
) -> http::Request<Bytes> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(url)
        .header("accept", HAL);
    if let Some(t) = token {
        b = b.header("authorization", t.authorization_header().clone());
    }
    if !body.is_empty() {
        b = b.header("content-type", "application/json");
    }
    b.body(Bytes::from_static(body.as_bytes())).unwrap()
}

fn plaid_web(emu: &Emulator) -> CreateCustomerExchangeSession {
    CreateCustomerExchangeSession::web(emu.customer_id(), emu.partner_href("Plaid").unwrap())
}

#[tokio::test]
async fn token_issuance_and_bad_credentials() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let env = emu.environment();

    let resp = http
        .send(build_token_request(&env, &emu.credentials()).unwrap())
        .await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers().contains_key("x-request-id"));
    let t = parse_token_response(resp).unwrap();
    assert_eq!(t.expires_in(), Duration::from_secs(3600));
    assert!(!t.access_token().expose_secret().is_empty());

    let bad = ClientCredentials::new(Emulator::CLIENT_ID, "wrong");
    let e = parse_token_response(http.send(build_token_request(&env, &bad).unwrap()).await)
        .unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(e.oauth_error(), Some("invalid_client"));

    let mut req = build_token_request(&env, &emu.credentials()).unwrap();
    *req.body_mut() = Bytes::from_static(b"grant_type=password");
    let e = parse_token_response(http.send(req).await).unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(e.oauth_error(), Some("unsupported_grant_type"));

    let mut req = build_token_request(&env, &emu.credentials()).unwrap();
    req.headers_mut().remove("authorization");
    let e = parse_token_response(http.send(req).await).unwrap_err();
    assert_eq!(e.oauth_error(), Some("invalid_client"));

    assert_eq!(emu.token_requests(), 4);
    assert_eq!(emu.api_requests(), 0);
}

#[tokio::test]
async fn credentials_are_form_decoded_and_lifetime_configurable() {
    let emu = Emulator::builder()
        .client_credentials("id:with colon", "s e+c/r&t%")
        .token_lifetime(Duration::from_secs(120))
        .start()
        .await
        .unwrap();
    let http = Http::new();
    let req = build_token_request(&emu.environment(), &emu.credentials()).unwrap();
    let t = parse_token_response(http.send(req).await).unwrap();
    assert_eq!(t.expires_in(), Duration::from_secs(120));
    // The token works.
    let partners = http
        .call(&emu, t.access_token(), &ListExchangePartners)
        .await
        .unwrap();
    assert_eq!(partners.all().len(), 5);
}

#[tokio::test]
async fn accept_and_token_checks() {
    let emu = Emulator::builder()
        .token_lifetime(Duration::ZERO)
        .start()
        .await
        .unwrap();
    let http = Http::new();
    let good = AccessToken::new(emu.issue_token());
    let op = ListExchangePartners;

    // Missing Accept -> 406 InvalidVersion.
    let mut req = op.build_request(&emu.environment(), &good).unwrap();
    req.headers_mut().remove("accept");
    let resp = http.send(req).await;
    assert_eq!(resp.status(), 406);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("vnd.error"));
    assert_eq!(ApiError::from_response(resp).code(), Some("InvalidVersion"));

    // No token, unknown token -> InvalidAccessToken.
    let resp = http
        .send(raw(
            "GET",
            format!("{}/exchange-partners", emu.base_url()),
            None,
            "",
        ))
        .await;
    let e = ApiError::from_response(resp);
    assert_eq!(e.kind(), ApiErrorKind::InvalidAccessToken);
    assert_eq!(e.message(), Some("Invalid access token."));
    assert!(e.request_id().is_some());
    let unknown = AccessToken::new("not-a-token");
    let e = api_err(http.call(&emu, &unknown, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::InvalidAccessToken);

    // A zero lifetime issues expired tokens.
    let e = api_err(http.call(&emu, &good, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::ExpiredAccessToken);
    assert_eq!(e.status(), 401);
}

#[tokio::test]
async fn expire_all_tokens_expires_issued_tokens_only() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    http.call(&emu, &token, &ListExchangePartners)
        .await
        .unwrap();
    emu.expire_all_tokens();
    let e = api_err(http.call(&emu, &token, &ListExchangePartners).await);
    assert_eq!(e.kind(), ApiErrorKind::ExpiredAccessToken);
    let fresh = http.token(&emu).await;
    http.call(&emu, &fresh, &ListExchangePartners)
        .await
        .unwrap();
}

#[tokio::test]
async fn partners_list() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let partners = http
        .call(&emu, &token, &ListExchangePartners)
        .await
        .unwrap();
    assert_eq!(partners.total(), Some(5));
    let names: Vec<&str> = partners.all().iter().map(|p| p.name()).collect();
    assert_eq!(names, ["Plaid", "MX", "Finicity", "Flinks", "Visa"]);
    let plaid = partners.find_by_name("plaid").unwrap();
    assert_eq!(Some(plaid.href().to_owned()), emu.partner_href("PLAID"));
    assert_eq!(plaid.id(), emu.partner_id("Plaid").unwrap());
    assert!(plaid.created().is_some());
    assert!(partners.find_by_name("flinks").is_none());
    let flinks = partners
        .all()
        .iter()
        .find(|p| p.name() == "Flinks")
        .unwrap();
    assert_eq!(flinks.status(), &PartnerStatus::Deactivated);
    assert!(emu.partner_href("nope").is_none());

    // One partner by id.
    let resp = http
        .send(raw(
            "GET",
            emu.partner_href("MX").unwrap(),
            Some(&token),
            "",
        ))
        .await;
    assert_eq!(resp.status(), 200);
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    assert_eq!(v["name"], "MX");
}

#[tokio::test]
async fn create_and_retrieve_plaid_and_mx() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;

    let req = plaid_web(&emu)
        .build_request(&emu.environment(), &token)
        .unwrap();
    let resp = http.send(req).await;
    assert_eq!(resp.status(), 201);
    assert!(resp.body().is_empty());
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{}/exchange-sessions/", emu.base_url())),
        "{location}"
    );

    let created = plaid_web(&emu).parse_response(resp).unwrap();
    let session = http.call(&emu, &token, &created.retrieve()).await.unwrap();
    assert_eq!(session.id(), Some(created.id()));
    assert_eq!(
        session.exchange_partner_href(),
        emu.partner_href("Plaid").unwrap()
    );
    assert!(session.created().ends_with('Z'), "{}", session.created());
    match session.provider_session() {
        Some(ProviderSession::PlaidLinkToken(t)) => assert!(t.starts_with("link-sandbox-"), "{t}"),
        other => panic!("{other:?}"),
    }

    let mx = CreateCustomerExchangeSession::web(emu.customer_id(), emu.partner_href("mx").unwrap());
    let created = http.call(&emu, &token, &mx).await.unwrap();
    let session = http
        .call(&emu, &token, &RetrieveExchangeSession::new(created.id()))
        .await
        .unwrap();
    match session.provider_session() {
        Some(ProviderSession::MxConnectUrl(u)) => assert!(u.starts_with("https://"), "{u}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(session.external_provider_session_token(), None);

    // Redirects configured by default: the Android package and the iOS URL.
    for redirect in [Emulator::ANDROID_PACKAGE, Emulator::REDIRECT_URL] {
        let op = CreateCustomerExchangeSession::with_redirect(
            emu.customer_id(),
            emu.partner_href("Plaid").unwrap(),
            redirect,
        );
        http.call(&emu, &token, &op).await.unwrap();
    }
    assert_eq!(emu.sessions_created(), 4);

    // Unknown session.
    let e = api_err(
        http.call(&emu, &token, &RetrieveExchangeSession::new("nope"))
            .await,
    );
    assert_eq!(e.kind(), ApiErrorKind::NotFound);
    assert_eq!(e.code(), Some("notFound"));
    assert_eq!(e.message(), Some("Exchange session not found."));
}

#[tokio::test]
async fn every_documented_create_error() {
    let emu = Emulator::builder()
        .partner_not_enabled("finicity")
        .customer("second-customer")
        .redirect_url("https://example.com/extra")
        .start()
        .await
        .unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let partner = |name: &str| emu.partner_href(name).unwrap();
    let customer = emu.customer_id();

    let create = |op: CreateCustomerExchangeSession| {
        let http = &http;
        let token = &token;
        let emu = &emu;
        async move { api_err(http.call(emu, token, &op).await) }
    };

    let e = create(CreateCustomerExchangeSession::web(
        "unknown-customer",
        partner("Plaid"),
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::NotFound);
    assert_eq!(e.message(), Some("The requested resource was not found."));

    // Unknown partner: live form, detail in _embedded.errors with a path.
    let unknown = format!(
        "{}/exchange-partners/00000000-0000-0000-0000-000000000000",
        emu.base_url()
    );
    let e = create(CreateCustomerExchangeSession::web(customer, unknown)).await;
    assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
    assert_eq!(e.code(), Some("ValidationError"));
    assert_eq!(e.errors()[0].path(), Some("/_links/exchange-partner/href"));
    assert_eq!(e.status(), 400);
    assert!(e.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("vnd.error"));

    // Deactivated partner: documented form, top-level message.
    let e = create(CreateCustomerExchangeSession::web(
        customer,
        partner("Flinks"),
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
    assert!(e.errors().is_empty());
    assert_eq!(
        e.message(),
        Some("/_links/exchange-partner/href is invalid")
    );

    // A redirect that passes the SDK's checks but not Dwolla's.
    let e = create(CreateCustomerExchangeSession::with_redirect(
        customer,
        partner("Plaid"),
        "ftp://example.com",
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::InvalidRedirectUrl);
    assert_eq!(e.message(), Some("/_links/redirect-url/href is invalid"));

    let e = create(CreateCustomerExchangeSession::with_redirect(
        customer,
        partner("Plaid"),
        "https://example.com/not-configured",
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::RedirectUrlNotConfigured);
    assert_eq!(e.errors()[0].path(), Some("/_links/redirect-url/href"));

    let e = create(CreateCustomerExchangeSession::web(
        customer,
        partner("Visa"),
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::ExchangePartnerUnsupported);
    assert_eq!(e.code(), Some("forbidden"));
    assert_eq!(e.status(), 403);

    let e = create(CreateCustomerExchangeSession::web(
        customer,
        partner("Finicity"),
    ))
    .await;
    assert_eq!(e.kind(), ApiErrorKind::ExchangePartnerNotEnabled);
    assert_eq!(e.code(), Some("forbidden"));

    // Malformed JSON and a missing partner.
    let url = format!("{}/customers/{customer}/exchange-sessions", emu.base_url());
    let e = ApiError::from_response(
        http.send(raw("POST", url.clone(), Some(&token), "{not json"))
            .await,
    );
    assert_eq!(e.kind(), ApiErrorKind::Validation);
    assert_eq!(e.code(), Some("ValidationError"));
    let e = ApiError::from_response(
        http.send(raw("POST", url, Some(&token), r#"{"_links":{}}"#))
            .await,
    );
    assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
    assert_eq!(e.errors()[0].code(), Some("Required"));

    // The extra customer and redirect work.
    let op = CreateCustomerExchangeSession::with_redirect(
        "second-customer",
        partner("Plaid"),
        "https://example.com/extra",
    );
    http.call(&emu, &token, &op).await.unwrap();
    assert_eq!(emu.sessions_created(), 1);
}

#[tokio::test]
async fn idempotent_replays() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;

    let op = plaid_web(&emu).idempotency_key("key-1");
    let first = http.call(&emu, &token, &op).await.unwrap();
    let second = http.call(&emu, &token, &op).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(emu.sessions_created(), 1);

    // Same key, different body.
    let other =
        CreateCustomerExchangeSession::web(emu.customer_id(), emu.partner_href("MX").unwrap())
            .idempotency_key("key-1");
    let e = api_err(http.call(&emu, &token, &other).await);
    assert_eq!(e.kind(), ApiErrorKind::Validation);
    assert!(
        e.message().unwrap().contains("different request body"),
        "{e}"
    );
    assert_eq!(emu.sessions_created(), 1);

    // Another key creates another session.
    let third = http
        .call(&emu, &token, &plaid_web(&emu).idempotency_key("key-2"))
        .await
        .unwrap();
    assert_ne!(third, first);
    assert_eq!(emu.sessions_created(), 2);
    assert_eq!(emu.idempotency_keys(), ["key-1", "key-1", "key-1", "key-2"]);
    assert_eq!(emu.last_idempotency_key().as_deref(), Some("key-2"));
}

#[tokio::test]
async fn reauth_and_update_credentials() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;

    let created = http
        .call(
            &emu,
            &token,
            &CreateReAuthExchangeSession::web(Emulator::EXCHANGE_ID),
        )
        .await
        .unwrap();
    let session = http.call(&emu, &token, &created.retrieve()).await.unwrap();
    assert_eq!(
        session.exchange_partner_href(),
        emu.partner_href("Plaid").unwrap()
    );
    assert!(session.external_provider_session_token().is_some());

    let op = CreateReAuthExchangeSession::with_redirect(
        Emulator::EXCHANGE_ID,
        Emulator::ANDROID_PACKAGE,
    );
    http.call(&emu, &token, &op).await.unwrap();
    let op = CreateReAuthExchangeSession::with_redirect(
        Emulator::EXCHANGE_ID,
        "https://example.com/nope",
    );
    assert_eq!(
        api_err(http.call(&emu, &token, &op).await).kind(),
        ApiErrorKind::RedirectUrlNotConfigured
    );

    // An empty body works too.
    let url = format!(
        "{}/exchanges/{}/exchange-sessions",
        emu.base_url(),
        Emulator::EXCHANGE_ID
    );
    assert_eq!(
        http.send(raw("POST", url, Some(&token), "")).await.status(),
        201
    );

    let e = api_err(
        http.call(
            &emu,
            &token,
            &CreateReAuthExchangeSession::web("unknown-exchange"),
        )
        .await,
    );
    assert_eq!(e.kind(), ApiErrorKind::Forbidden);
    assert_eq!(
        e.message(),
        Some("Not authorized to create re-authentication exchange session.")
    );

    // The UpdateCredentials trigger, and following its link.
    let url = format!(
        "{}/exchanges/{}",
        emu.base_url(),
        Emulator::EXCHANGE_NEEDS_REAUTH_ID
    );
    let e = ApiError::from_response(http.send(raw("GET", url, Some(&token), "")).await);
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
    let reauth_url = format!(
        "{}/exchanges/{}/exchange-sessions",
        emu.base_url(),
        Emulator::EXCHANGE_NEEDS_REAUTH_ID
    );
    assert_eq!(e.reauth_url(), Some(reauth_url.as_str()));
    let op = CreateReAuthExchangeSession::from_update_credentials(&e).unwrap();
    http.call(&emu, &token, &op).await.unwrap();

    // The healthy exchange reads fine.
    let url = format!("{}/exchanges/{}", emu.base_url(), Emulator::EXCHANGE_ID);
    assert_eq!(
        http.send(raw("GET", url, Some(&token), "")).await.status(),
        200
    );
    assert_eq!(emu.sessions_created(), 4);
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let resp = http
        .send(raw(
            "GET",
            format!("{}/nothing/here", emu.base_url()),
            Some(&token),
            "",
        ))
        .await;
    assert_eq!(resp.status(), 404);
    let e = ApiError::from_response(resp);
    assert_eq!(
        (e.kind(), e.code()),
        (ApiErrorKind::NotFound, Some("NotFound"))
    );
    let resp = http
        .send(raw(
            "DELETE",
            format!("{}/exchange-partners", emu.base_url()),
            Some(&token),
            "",
        ))
        .await;
    assert_eq!(resp.status(), 405);
    assert_eq!(emu.api_requests(), 2);
}

#[tokio::test]
async fn request_ids_are_fresh() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let mut ids = std::collections::HashSet::new();
    for _ in 0..3 {
        let req = ListExchangePartners
            .build_request(&emu.environment(), &token)
            .unwrap();
        let resp = http.send(req).await;
        ids.insert(resp.headers()["x-request-id"].to_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn fail_next_and_rate_limit() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let op = ListExchangePartners;

    emu.fail_next(1, 500);
    emu.fail_next(1, 503);
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(
        (e.kind(), e.code()),
        (ApiErrorKind::ServerError, Some("ServerError"))
    );
    assert!(e
        .message()
        .unwrap()
        .starts_with("A server error occurred. Error ID: "));
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::ServerError);
    assert_eq!(e.headers()["content-type"], "text/html");
    assert!(e.body().starts_with(b"<html>"));
    assert_eq!(e.code(), None);
    http.call(&emu, &token, &op).await.unwrap();

    emu.rate_limit_next(1, Some(7));
    emu.rate_limit_next(1, None);
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::RateLimited);
    assert_eq!(
        e.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(7)))
    );
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::RateLimited);
    assert_eq!(e.retry_after(), None);

    // A faulted POST is not processed, but its key is recorded.
    emu.fail_next(2, 502);
    let create = plaid_web(&emu).idempotency_key("retry-me");
    for _ in 0..2 {
        assert_eq!(
            api_err(http.call(&emu, &token, &create).await).kind(),
            ApiErrorKind::ServerError
        );
    }
    http.call(&emu, &token, &create).await.unwrap();
    assert_eq!(emu.sessions_created(), 1);
    assert_eq!(emu.idempotency_keys(), ["retry-me"; 3]);

    // clear_faults cancels what is planned.
    emu.fail_next(5, 500);
    emu.clear_faults();
    http.call(&emu, &token, &op).await.unwrap();
    assert_eq!(emu.api_requests(), 9);
}

#[tokio::test]
async fn token_faults() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    emu.fail_next_token(1, 500);
    emu.fail_next_token(1, 401);
    let env = emu.environment();
    let e = parse_token_response(
        http.send(build_token_request(&env, &emu.credentials()).unwrap())
            .await,
    )
    .unwrap_err();
    assert!(e.is_transient());
    assert!(e.body().starts_with(b"<html>"));
    let e = parse_token_response(
        http.send(build_token_request(&env, &emu.credentials()).unwrap())
            .await,
    )
    .unwrap_err();
    assert_eq!(e.oauth_error(), Some("invalid_client"));
    // Token faults leave API requests alone, and vice versa.
    emu.fail_next(1, 500);
    let token = http.token(&emu).await;
    assert!(http
        .call(&emu, &token, &ListExchangePartners)
        .await
        .is_err());
    assert_eq!(emu.token_requests(), 3);
}

#[tokio::test]
async fn delays_apply_before_answering() {
    // Virtual time: the runtime's clock is paused and jumps to the next timer
    // whenever every task waits, so the delay is observed exactly, at once,
    // and whatever the machine's load.
    tokio::time::pause();
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let delay = Duration::from_secs(30);
    emu.delay_next_token(1, delay);
    let start = tokio::time::Instant::now();
    let token = http.token(&emu).await;
    assert!(start.elapsed() >= delay);

    emu.delay_next(1, delay);
    emu.fail_next(1, 500);
    let start = tokio::time::Instant::now();
    // Delayed, then the planned failure.
    let e = api_err(http.call(&emu, &token, &ListExchangePartners).await);
    assert!(start.elapsed() >= delay);
    assert_eq!(e.kind(), ApiErrorKind::ServerError);
}

#[tokio::test]
async fn close_mid_response_after_processing() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    emu.close_next_mid_response(1);
    let op = plaid_web(&emu).idempotency_key("lost-response");
    let req = op.build_request(&emu.environment(), &token).unwrap();
    let err = http.try_send(req).await.unwrap_err();
    assert!(err.starts_with("body:"), "{err}");
    // The session was created although the response was lost; the retry with
    // the same key gets it instead of a second one.
    assert_eq!(emu.sessions_created(), 1);
    let created = http.call(&emu, &token, &op).await.unwrap();
    assert_eq!(emu.sessions_created(), 1);
    http.call(&emu, &token, &created.retrieve()).await.unwrap();

    // GETs are cut off too, and the next request is normal.
    emu.close_next_mid_response(1);
    let req = ListExchangePartners
        .build_request(&emu.environment(), &token)
        .unwrap();
    assert!(http.try_send(req).await.is_err());
    http.call(&emu, &token, &ListExchangePartners)
        .await
        .unwrap();
}

#[tokio::test]
async fn oversized_responses() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    emu.oversized_next(1, 100_000);
    emu.oversized_next(1, 5);
    let req = ListExchangePartners
        .build_request(&emu.environment(), &token)
        .unwrap();
    let resp = http.send(req).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-length"], "100000");
    assert_eq!(resp.body().len(), 100_000);
    serde_json::from_slice::<serde_json::Value>(resp.body()).unwrap();
    let req = plaid_web(&emu)
        .build_request(&emu.environment(), &token)
        .unwrap();
    let resp = http.send(req).await;
    assert_eq!((resp.status().as_u16(), resp.body().len()), (201, 5));
    assert_eq!(emu.sessions_created(), 0);
}

#[tokio::test]
async fn stops_on_drop() {
    let emu = Emulator::start().await.unwrap();
    let addr = emu.local_addr();
    assert_eq!(emu.base_url(), format!("http://{addr}"));
    let http = Http::new();
    // An open keep-alive connection does not keep it alive.
    let _ = http.token(&emu).await;
    drop(emu);
    let err = tokio::net::TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_share_state() {
    let emu = std::sync::Arc::new(Emulator::start().await.unwrap());
    let mut tasks = Vec::new();
    for i in 0..8 {
        let emu = emu.clone();
        tasks.push(tokio::spawn(async move {
            let http = Http::new();
            let token = http.token(&emu).await;
            let op = plaid_web(&emu).idempotency_key(format!("k{}", i % 4));
            http.call(&emu, &token, &op).await.unwrap()
        }));
    }
    let mut locations = std::collections::HashSet::new();
    for t in tasks {
        locations.insert(t.await.unwrap().location().to_owned());
    }
    assert_eq!(locations.len(), 4);
    assert_eq!(emu.sessions_created(), 4);
    assert_eq!(emu.token_requests(), 8);
}

fn emulator_route(
    emu: &Emulator,
    method: &str,
    path: &str,
    body: &'static str,
) -> http::Request<Bytes> {
    http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", emu.base_url()))
        .body(Bytes::from_static(body.as_bytes()))
        .unwrap()
}

#[tokio::test]
async fn faults_in_words_over_http_and_from_rust() {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new();
    let token = http.token(&emu).await;
    let op = ListExchangePartners;

    // The route is not faulted itself, needs no token and is not an API call.
    emu.fail_next(1, 500);
    let resp = http
        .send(emulator_route(
            &emu,
            "POST",
            "/_emulator/faults",
            "rate-limit-next=1:3\nfail-next=1:504, expire-all-tokens",
        ))
        .await;
    assert_eq!(resp.status(), 200);
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    assert_eq!(
        v["applied"],
        serde_json::json!([
            "rate-limit-next=1:3",
            "fail-next=1:504",
            "expire-all-tokens"
        ])
    );
    assert_eq!(emu.api_requests(), 0);
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(
        e.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(3)))
    );
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.status(), 500);
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.status(), 504);
    // expire-all-tokens took effect at once.
    let e = api_err(http.call(&emu, &token, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::ExpiredAccessToken);

    // All or nothing: one bad item applies none.
    let resp = http
        .send(emulator_route(
            &emu,
            "POST",
            "/_emulator/faults",
            "fail-next=1:503,fail-next=0:503",
        ))
        .await;
    assert_eq!(resp.status(), 400);
    let e = ApiError::from_response(resp);
    assert_eq!(e.code(), Some("ValidationError"));
    assert_eq!(
        e.message(),
        Some("fail-next=0:503: the count must be at least 1")
    );
    let token = http.token(&emu).await;
    http.call(&emu, &token, &op).await.unwrap();
    let resp = http
        .send(emulator_route(&emu, "GET", "/_emulator/faults", ""))
        .await;
    assert_eq!(resp.status(), 405);

    // token-lifetime applies to tokens issued later; clear-faults cancels.
    emu.inject(&"token-lifetime=0s".parse().unwrap());
    let expired = http.token(&emu).await;
    let e = api_err(http.call(&emu, &expired, &op).await);
    assert_eq!(e.kind(), ApiErrorKind::ExpiredAccessToken);
    http.call(&emu, &token, &op).await.unwrap();
    emu.set_token_lifetime(Duration::from_secs(60));
    let req = build_token_request(&emu.environment(), &emu.credentials()).unwrap();
    let t = parse_token_response(http.send(req).await).unwrap();
    assert_eq!(t.expires_in(), Duration::from_secs(60));
    for fault in Fault::parse_list("fail-next=3:500,clear-faults").unwrap() {
        emu.inject(&fault);
    }
    http.call(&emu, &token, &op).await.unwrap();
}
