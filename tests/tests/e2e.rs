//! End to end: the client over `HyperTransport`, over real loopback TCP,
//! against the local Dwolla emulator.

mod support;

use std::time::Duration;

use bytes::Bytes;
use dwolla_core::exchange_partners::PartnerStatus;
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
};
use dwolla_core::{
    AccessToken, ApiError, ApiErrorKind, Client, ClientCredentials, Environment, Error, Operation,
    RequestOptions, RetryPolicy,
};
use dwolla_hyper::{HyperClient, HyperTransport};
use dwolla_mock::emulator::Emulator;
use dwolla_mock::time::{ManualClock, RecordingSleep};
use support::e2e::{client, kind};

/// `GET /exchanges/{id}`, defined outside the SDK through the `Operation` trait.
struct RetrieveExchange(&'static str);

impl Operation for RetrieveExchange {
    type Output = ();

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let mut req = http::Request::new(Bytes::new());
        *req.uri_mut() = format!("{}/exchanges/{}", env.base_url(), self.0)
            .parse()
            .map_err(|_| Error::invalid_input("exchange_id", "does not form a URL"))?;
        req.headers_mut().insert(
            "accept",
            http::HeaderValue::from_static("application/vnd.dwolla.v1.hal+json"),
        );
        req.headers_mut()
            .insert("authorization", token.authorization_header().clone());
        Ok(req)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<(), Error> {
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Error::Api(ApiError::from_response(response)))
        }
    }
}

/// A client over real TCP whose waits are recorded instead of slept.
fn client_with_fake_sleep(
    emulator: &Emulator,
    transport: HyperTransport,
) -> (HyperClient, RecordingSleep) {
    let clock = ManualClock::new();
    let sleep = RecordingSleep::new(clock.clone());
    let client = Client::builder(transport)
        .environment(emulator.environment())
        .credentials(emulator.credentials())
        .sleep(sleep.clone())
        .clock(clock)
        .build()
        .expect("client");
    (client, sleep)
}

fn plaid(emulator: &Emulator) -> String {
    emulator
        .partner_href("plaid")
        .expect("the emulator knows Plaid")
}

#[tokio::test]
async fn creates_a_session_over_hyper() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);
    let created = client
        .customers()
        .exchange_sessions()
        .create(CreateCustomerExchangeSession::web(
            emu.customer_id(),
            plaid(&emu),
        ))
        .await
        .unwrap();
    assert!(created
        .location()
        .starts_with(&format!("{}/exchange-sessions/", emu.base_url())));
    assert!(created.location().ends_with(created.id()));
    assert_eq!(emu.sessions_created(), 1);
    assert_eq!(emu.token_requests(), 1);
}

#[tokio::test]
async fn every_documented_error_end_to_end() {
    let emu = Emulator::builder()
        .partner_not_enabled("MX")
        .start()
        .await
        .unwrap();
    let client = client(&emu);
    let customer = emu.customer_id().to_owned();
    let create = |op: CreateCustomerExchangeSession| {
        let client = client.clone();
        async move { client.execute(op).await.unwrap_err() }
    };
    let unknown_partner = format!(
        "{}/exchange-partners/00000000-0000-0000-0000-000000000000",
        emu.base_url()
    );
    let cases = [
        (
            CreateCustomerExchangeSession::web("no-such-customer", plaid(&emu)),
            ApiErrorKind::NotFound,
        ),
        (
            CreateCustomerExchangeSession::web(&customer, unknown_partner),
            ApiErrorKind::InvalidExchangePartner,
        ),
        (
            CreateCustomerExchangeSession::web(
                &customer,
                emu.partner_href("flinks").expect("deactivated partner"),
            ),
            ApiErrorKind::InvalidExchangePartner,
        ),
        (
            CreateCustomerExchangeSession::with_redirect(
                &customer,
                plaid(&emu),
                "https://not-configured.example.com/cb",
            ),
            ApiErrorKind::RedirectUrlNotConfigured,
        ),
        (
            CreateCustomerExchangeSession::web(
                &customer,
                emu.partner_href("visa").expect("unsupported partner"),
            ),
            ApiErrorKind::ExchangePartnerUnsupported,
        ),
        (
            CreateCustomerExchangeSession::web(&customer, emu.partner_href("mx").expect("MX")),
            ApiErrorKind::ExchangePartnerNotEnabled,
        ),
    ];
    for (op, expected) in cases {
        let err = create(op.clone()).await;
        assert_eq!(kind(&err), expected, "{op:?}: {err}");
        let api = err.api_error().unwrap();
        assert!(api.request_id().is_some(), "X-Request-ID kept: {err}");
        assert!(api.message().is_some());
    }
    assert_eq!(emu.sessions_created(), 0);

    // Configured redirects work: the iOS URL and the Android package name.
    for redirect in [Emulator::REDIRECT_URL, Emulator::ANDROID_PACKAGE] {
        client
            .execute(CreateCustomerExchangeSession::with_redirect(
                &customer,
                plaid(&emu),
                redirect,
            ))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_hundred_concurrent_calls_on_a_cold_cache_make_one_token_request() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        let op = CreateCustomerExchangeSession::web(emu.customer_id(), plaid(&emu));
        calls.spawn(async move { client.execute(op).await });
    }
    while let Some(r) = calls.join_next().await {
        r.unwrap().unwrap();
    }
    assert_eq!(emu.token_requests(), 1);
    assert_eq!(emu.sessions_created(), 100);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_the_call_succeeds() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);
    let op = || CreateCustomerExchangeSession::web(emu.customer_id(), plaid(&emu));
    client.execute(op()).await.unwrap();
    emu.expire_all_tokens();
    client.execute(op()).await.unwrap();
    assert_eq!(emu.token_requests(), 2);
    assert_eq!(emu.sessions_created(), 2);
}

#[tokio::test]
async fn two_503s_then_success_creates_one_session_with_one_key() {
    let emu = Emulator::start().await.unwrap();
    let (client, sleep) = client_with_fake_sleep(&emu, HyperTransport::new().unwrap());
    client.access_token().await.unwrap();
    emu.fail_next(2, 503);
    let created = client
        .execute(CreateCustomerExchangeSession::web(
            emu.customer_id(),
            plaid(&emu),
        ))
        .await
        .unwrap();
    assert!(!created.id().is_empty());
    assert_eq!(emu.sessions_created(), 1);
    let keys = emu.idempotency_keys();
    assert_eq!(keys.len(), 3, "three attempts: {keys:?}");
    assert!(
        keys.iter().all(|k| k == &keys[0]),
        "one key on every attempt: {keys:?}"
    );
    assert_eq!(sleep.slept().len(), 2);
}

#[tokio::test]
async fn rate_limited_with_retry_after_waits_at_least_that_long() {
    let emu = Emulator::start().await.unwrap();
    let (client, sleep) = client_with_fake_sleep(&emu, HyperTransport::new().unwrap());
    client.access_token().await.unwrap();
    emu.rate_limit_next(1, Some(3));
    client
        .execute(CreateCustomerExchangeSession::web(
            emu.customer_id(),
            plaid(&emu),
        ))
        .await
        .unwrap();
    let slept = sleep.slept();
    assert_eq!(slept.len(), 1);
    assert!(slept[0] >= Duration::from_secs(3), "{slept:?}");
}

#[tokio::test]
async fn a_slow_response_times_out() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);
    client.access_token().await.unwrap();
    emu.delay_next(1, Duration::from_secs(30));
    let err = client
        .execute_with(
            CreateCustomerExchangeSession::web(emu.customer_id(), plaid(&emu)),
            RequestOptions::new().timeout(Duration::from_millis(200)),
        )
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn a_connection_closed_mid_response_is_a_transport_error_or_retried() {
    let emu = Emulator::start().await.unwrap();
    let (client, _sleep) = client_with_fake_sleep(&emu, HyperTransport::new().unwrap());
    client.access_token().await.unwrap();
    let op = || CreateCustomerExchangeSession::web(emu.customer_id(), plaid(&emu));

    emu.close_next_mid_response(1);
    let err = client
        .execute_with(op(), RequestOptions::new().no_retries())
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => assert!(t.may_have_been_sent(), "{t:?}"),
        other => panic!("expected a transport error, got {other:?}"),
    }

    // With retries, the same key makes the retry safe and the call succeeds.
    emu.close_next_mid_response(1);
    client.execute(op()).await.unwrap();
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let emu = Emulator::start().await.unwrap();
    let transport = HyperTransport::builder()
        .max_response_body(64 * 1024)
        .build()
        .unwrap();
    let (client, sleep) = client_with_fake_sleep(&emu, transport);
    client.access_token().await.unwrap();
    emu.oversized_next(1, 1024 * 1024);
    let err = client
        .execute(CreateCustomerExchangeSession::web(
            emu.customer_id(),
            plaid(&emu),
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref t) if t.is_body_too_large()),
        "{err:?}"
    );
    assert!(sleep.slept().is_empty(), "not retried");
}

#[tokio::test]
async fn a_token_endpoint_html_500_is_typed_and_the_next_call_fetches_again() {
    let emu = Emulator::start().await.unwrap();
    let client = dwolla_hyper::client_builder(HyperTransport::new().unwrap())
        .environment(emu.environment())
        .credentials(emu.credentials())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    emu.fail_next_token(1, 500);
    let op = || CreateCustomerExchangeSession::web(emu.customer_id(), plaid(&emu));
    let err = client.execute(op()).await.unwrap_err();
    match &err {
        Error::Token(t) => {
            assert_eq!(t.status().map(|s| s.as_u16()), Some(500));
            assert!(!t.body().is_empty());
        }
        other => panic!("expected a token error, got {other:?}"),
    }
    client.execute(op()).await.unwrap();
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn wrong_credentials_are_invalid_client() {
    let emu = Emulator::start().await.unwrap();
    let client = dwolla_hyper::client(
        emu.environment(),
        ClientCredentials::new(Emulator::CLIENT_ID, "wrong"),
    )
    .unwrap();
    let err = client.access_token().await.unwrap_err();
    assert!(
        matches!(err, Error::Token(ref t) if t.oauth_error() == Some("invalid_client")),
        "{err:?}"
    );
}

#[test]
fn clear_text_to_a_remote_host_is_refused() {
    let err = Environment::custom("http://api.example.com").unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref i) if i.field() == "base_url"),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_open_banking_flow_plaid_and_mx() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);

    let partners = client.exchange_partners().list().await.unwrap();
    assert!(partners
        .all()
        .iter()
        .any(|p| *p.status() == PartnerStatus::Deactivated));
    assert!(
        client
            .exchange_partners()
            .find_by_name("FLINKS")
            .await
            .unwrap()
            .is_none(),
        "inactive not offered"
    );

    for (name, plaid) in [("plaid", true), ("mx", false)] {
        let partner = client
            .exchange_partners()
            .find_by_name(name)
            .await
            .unwrap()
            .unwrap();
        let created = client
            .customers()
            .exchange_sessions()
            .create(CreateCustomerExchangeSession::web(
                emu.customer_id(),
                partner.href(),
            ))
            .await
            .unwrap();
        let by_url = client
            .exchange_sessions()
            .get(created.location())
            .await
            .unwrap();
        let by_id = client.exchange_sessions().get(created.id()).await.unwrap();
        assert_eq!(by_url, by_id);
        assert_eq!(by_url.exchange_partner_href(), partner.href());
        match (plaid, by_url.provider_session()) {
            (true, Some(ProviderSession::PlaidLinkToken(t))) => assert!(!t.is_empty()),
            (false, Some(ProviderSession::MxConnectUrl(u))) => assert!(u.starts_with("https://")),
            (_, other) => panic!("{name}: unexpected provider session {other:?}"),
        }
    }

    let err = client
        .exchange_sessions()
        .get("no-such-session")
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::NotFound);
}

#[tokio::test]
async fn re_auth_from_an_update_credentials_error() {
    let emu = Emulator::start().await.unwrap();
    let client = client(&emu);
    let reauth = client
        .exchanges()
        .exchange_sessions()
        .create_reauth(CreateReAuthExchangeSession::web(Emulator::EXCHANGE_ID))
        .await
        .unwrap();
    assert!(reauth.location().contains("/exchange-sessions/"));
    client
        .exchange_sessions()
        .get(reauth.location())
        .await
        .unwrap();

    // Any operation can answer UpdateCredentials; here a caller-defined one
    // (the Operation trait is open), and re-auth starts from the error.
    let err = client
        .execute(RetrieveExchange(Emulator::EXCHANGE_NEEDS_REAUTH_ID))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::UpdateCredentials);
    let api = err.api_error().unwrap();
    assert_eq!(
        api.reauth_url(),
        Some(
            format!(
                "{}/exchanges/{}/exchange-sessions",
                emu.base_url(),
                Emulator::EXCHANGE_NEEDS_REAUTH_ID
            )
            .as_str()
        )
    );
    let op = CreateReAuthExchangeSession::from_update_credentials(api).expect("a re-auth link");
    let reauth = client
        .exchanges()
        .exchange_sessions()
        .create_reauth(op)
        .await
        .unwrap();
    client.exchange_sessions().get(reauth.id()).await.unwrap();

    let err = client
        .exchanges()
        .exchange_sessions()
        .create_reauth(CreateReAuthExchangeSession::web("no-such-exchange"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::Forbidden);
}
