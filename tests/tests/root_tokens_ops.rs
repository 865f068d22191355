//! The API root, client tokens, the application access token operation,
//! exchange partner retrieval and the account's own exchanges: exact
//! requests, documented responses, secrets out of `Debug`, and the grouped
//! calls over the mock transport.

mod support;

use bytes::Bytes;
use dwolla_core::client_tokens::{ClientTokenAction, CreateClientToken};
use dwolla_core::exchange_partners::{PartnerStatus, RetrieveExchangePartner};
use dwolla_core::exchanges::{
    CreateAccountExchange, ExchangeStatus, FinicityReceipt, ListAccountExchanges,
};
use dwolla_core::root::RetrieveRoot;
use dwolla_core::token::{build_token_request, CreateApplicationAccessToken};
use dwolla_core::{AccessToken, ClientCredentials, Environment, Error, Operation};
use dwolla_mock::{fixtures, test_client, MockTransport, TEST_CLIENT_ID, TEST_CLIENT_SECRET};
use support::{
    assert_documented_errors, body_str, build, invalid_field, one_key_and_body, retrying_client,
};

const CUSTOMER: &str = "707177c3-bf15-4e7e-b37c-55c3898d9bf4";
const MX: &str = "https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";

// ---------------------------------------------------------------------------
// Root
// ---------------------------------------------------------------------------

#[test]
fn root_request_and_links() {
    let r = build(&RetrieveRoot::new());
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri(), "https://api.dwolla.com/");
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert!(r.body().is_empty());
    assert_eq!(RetrieveRoot::new().name(), "getRoot");
    // A custom environment with a base path keeps it.
    let env = Environment::custom("http://127.0.0.1:8080/dwolla").unwrap();
    let r = RetrieveRoot::new()
        .build_request(&env, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(r.uri(), "http://127.0.0.1:8080/dwolla/");

    let root = RetrieveRoot::new()
        .parse_response(fixtures::root())
        .unwrap();
    assert_eq!(
        root.account_href(),
        Some(fixtures::account_href(fixtures::ACCOUNT_ID).as_str())
    );
    assert_eq!(root.account_id(), Some(fixtures::ACCOUNT_ID));
    assert_eq!(
        root.customers_href(),
        Some(format!("{}/customers", fixtures::BASE).as_str())
    );
    assert_eq!(
        root.events_href(),
        Some(format!("{}/events", fixtures::BASE).as_str())
    );
    assert_eq!(
        root.webhook_subscriptions_href(),
        Some(format!("{}/webhook-subscriptions", fixtures::BASE).as_str())
    );
    assert_eq!(root.links().len(), 4);
    // A root without links (a token without scopes) is still a root.
    let bare = RetrieveRoot::new()
        .parse_response(fixtures::hal_response(200, "r", "{}"))
        .unwrap();
    assert_eq!(bare.account_id(), None);
    assert_documented_errors(&RetrieveRoot::new(), fixtures::documented_root_errors());
}

// ---------------------------------------------------------------------------
// Client tokens
// ---------------------------------------------------------------------------

#[test]
fn client_token_request_is_exact() {
    let op = CreateClientToken::new(ClientTokenAction::CustomerUpdate, CUSTOMER);
    let r = build(&op);
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(r.uri(), "https://api.dwolla.com/client-tokens");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(
        body_str(&r),
        r#"{"action":"customer.update","_links":{"customer":{"href":"https://api.dwolla.com/customers/707177c3-bf15-4e7e-b37c-55c3898d9bf4"}}}"#
    );
    assert_eq!(op.name(), "createClientToken");
    // A customer URL is sent as given; any other action as spelled.
    let url = format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}");
    let r = build(
        &CreateClientToken::new(
            ClientTokenAction::Other("customer.newthing".into()),
            url.clone(),
        )
        .idempotency_key("ct-1"),
    );
    assert_eq!(
        body_str(&r),
        format!(r#"{{"action":"customer.newthing","_links":{{"customer":{{"href":"{url}"}}}}}}"#)
    );
    assert_eq!(r.headers()["idempotency-key"], "ct-1");
    for (action, wire) in [
        (ClientTokenAction::CustomerCreate, "customer.create"),
        (
            ClientTokenAction::CustomerFundingSourcesRead,
            "customer.fundingsources.read",
        ),
        (
            ClientTokenAction::BeneficialOwnerDocumentsCreate,
            "beneficialowner.documents.create",
        ),
        (
            ClientTokenAction::CustomerTransfersSend,
            "customer.transfers.send",
        ),
    ] {
        assert_eq!(action.as_str(), wire);
    }
    // Bad input, named.
    let env = Environment::Sandbox;
    let t = AccessToken::new("t");
    for (op, field) in [
        (
            CreateClientToken::new(ClientTokenAction::Other(String::new()), CUSTOMER),
            "action",
        ),
        (
            CreateClientToken::new(ClientTokenAction::Other("a\nb".into()), CUSTOMER),
            "action",
        ),
        (
            CreateClientToken::new(ClientTokenAction::Other("a".repeat(257)), CUSTOMER),
            "action",
        ),
        (
            CreateClientToken::new(ClientTokenAction::CustomerRead, ""),
            "customer",
        ),
        (
            CreateClientToken::new(
                ClientTokenAction::CustomerRead,
                "https://api.dwolla.com/labels/x",
            ),
            "customer",
        ),
    ] {
        assert_eq!(invalid_field(op.build_request(&env, &t)), field, "{op:?}");
    }
    // 256 bytes is the limit, not past it.
    let longest = CreateClientToken::new(ClientTokenAction::Other("a".repeat(256)), CUSTOMER);
    assert!(longest.build_request(&env, &t).is_ok());
}

#[test]
fn client_token_is_parsed_and_never_shown() {
    let op = CreateClientToken::new(ClientTokenAction::CustomerRead, CUSTOMER);
    let token = op.parse_response(fixtures::client_token()).unwrap();
    assert_eq!(token.expose_secret(), fixtures::CLIENT_TOKEN);
    let shown = format!("{token:?}");
    assert!(!shown.contains(fixtures::CLIENT_TOKEN), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    // Without a token the answer cannot be used.
    for body in ["{}", r#"{"token":""}"#, r#"{"token":5}"#] {
        match op.parse_response(fixtures::hal_response(200, "r", body)) {
            Err(Error::UnexpectedResponse(u)) => assert!(u.reason().contains("no token"), "{body}"),
            other => panic!("{body}: expected UnexpectedResponse, got {other:?}"),
        }
    }
    assert_documented_errors(&op, fixtures::documented_create_client_token_errors());
}

// ---------------------------------------------------------------------------
// POST /token as an operation
// ---------------------------------------------------------------------------

#[test]
fn token_operation_builds_the_clients_request_exactly() {
    let credentials = ClientCredentials::new("my id", "s3cr+t/");
    let op = CreateApplicationAccessToken::new(credentials.clone());
    assert_eq!(op.name(), "createApplicationAccessToken");
    for env in [Environment::Sandbox, Environment::Production] {
        let expected = build_token_request(&env, &credentials).unwrap();
        // The token argument is ignored, even one that could not be sent.
        for token in [AccessToken::new("tok"), AccessToken::new("")] {
            let r = op.build_request(&env, &token).unwrap();
            assert_eq!(r.method(), expected.method());
            assert_eq!(r.uri(), expected.uri());
            assert_eq!(r.headers(), expected.headers());
            assert_eq!(r.body(), expected.body());
        }
    }
    let r = build(&op);
    assert_eq!(r.uri(), "https://api.dwolla.com/token");
    assert_eq!(&r.body()[..], b"grant_type=client_credentials");
    assert!(r.headers()["authorization"]
        .to_str()
        .unwrap()
        .starts_with("Basic "));
    assert!(!format!("{op:?}").contains("s3cr+t/"));
    // The same checks as the client's: an empty secret names its field.
    let empty = CreateApplicationAccessToken::new(ClientCredentials::new("id", ""));
    assert_eq!(invalid_field(empty.validate_build()), "client_secret");
}

/// `build_request` in the sandbox, for the checks above.
trait ValidateBuild {
    fn validate_build(&self) -> Result<http::Request<Bytes>, Error>;
}

impl<O: Operation> ValidateBuild for O {
    fn validate_build(&self) -> Result<http::Request<Bytes>, Error> {
        self.build_request(&Environment::Sandbox, &AccessToken::new("t"))
    }
}

#[test]
fn token_operation_parses_the_token_and_its_refusals() {
    let op = CreateApplicationAccessToken::new(ClientCredentials::new("i", "s"));
    let token = op
        .parse_response(fixtures::token("granted-token", 3599))
        .unwrap();
    assert_eq!(token.access_token().expose_secret(), "granted-token");
    assert_eq!(token.expires_in().as_secs(), 3599);
    assert!(!format!("{token:?}").contains("granted-token"));
    for (name, response, status, code) in fixtures::documented_token_errors() {
        match op.parse_response(response) {
            Err(Error::Token(e)) => {
                assert_eq!(e.status().map(|s| s.as_u16()), Some(status), "{name}");
                assert_eq!(e.oauth_error(), code, "{name}");
            }
            other => panic!("{name}: expected Error::Token, got {other:?}"),
        }
    }
}

/// `client.tokens().create()` sends the operation's exact request through
/// the client's own token path, and neither reads nor fills its cache.
#[tokio::test]
async fn tokens_create_sends_the_operations_request() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("fresh-1", 3600));
    mock.push(fixtures::token("own", 3600));
    mock.push(fixtures::root());
    mock.push(fixtures::token("fresh-2", 1800));
    let client = test_client(&mock);
    let token = client.tokens().create().await.unwrap();
    assert_eq!(token.access_token().expose_secret(), "fresh-1");
    // The client's own call fetches its own token: the one above was not cached.
    let root = client.root().get().await.unwrap();
    assert_eq!(root.account_id(), Some(fixtures::ACCOUNT_ID));
    // And a second create is a fresh token again, not the cached one.
    let again = client.tokens().create().await.unwrap();
    assert_eq!(again.access_token().expose_secret(), "fresh-2");
    assert_eq!(again.expires_in().as_secs(), 1800);

    let requests = mock.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path()).collect();
    assert_eq!(paths, ["/token", "/token", "/", "/token"]);
    assert_eq!(requests[2].header("authorization"), Some("Bearer own"));
    let expected = CreateApplicationAccessToken::new(ClientCredentials::new(
        TEST_CLIENT_ID,
        TEST_CLIENT_SECRET,
    ))
    .build_request(&Environment::Sandbox, &AccessToken::new("ignored"))
    .unwrap();
    for sent in [&requests[0], &requests[3]] {
        assert_eq!(sent.method(), expected.method());
        assert_eq!(sent.uri(), expected.uri());
        assert_eq!(sent.headers(), expected.headers());
        assert_eq!(sent.body(), expected.body());
    }
    mock.assert_exhausted();

    // A refusal is the token endpoint's, typed.
    mock.push(fixtures::token_invalid_client());
    match client.tokens().create().await {
        Err(Error::Token(e)) => assert_eq!(e.oauth_error(), Some("invalid_client")),
        other => panic!("expected Error::Token, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// GET /exchange-partners/{id}
// ---------------------------------------------------------------------------

#[test]
fn exchange_partner_by_id_or_url() {
    for input in [
        "292317ec-e252-47d8-93c3-2d128e037aa4".to_owned(),
        MX.to_owned(),
    ] {
        let r = build(&RetrieveExchangePartner::new(input));
        assert_eq!(r.method(), http::Method::GET);
        assert_eq!(r.uri(), MX);
    }
    assert_eq!(
        invalid_field(
            RetrieveExchangePartner::new("https://api.dwolla.com/exchanges/x").validate_build()
        ),
        "exchange_partner_id"
    );
    let op = RetrieveExchangePartner::new(fixtures::MX_PARTNER_ID);
    assert_eq!(op.name(), "getExchangePartner");
    let partner = op.parse_response(fixtures::exchange_partner()).unwrap();
    assert_eq!(partner.id(), fixtures::MX_PARTNER_ID);
    assert_eq!(partner.name(), "MX");
    assert_eq!(partner.status(), &PartnerStatus::Active);
    assert!(partner.is_active());
    assert_eq!(partner.created(), Some("2022-08-30T19:31:59.106Z"));
    assert_eq!(
        partner.href(),
        fixtures::partner_href(fixtures::MX_PARTNER_ID)
    );
    // Like a listed partner, one without a self link cannot be used.
    let body = r#"{"id":"p","name":"MX","status":"active"}"#;
    match op.parse_response(fixtures::hal_response(200, "r", body)) {
        Err(Error::UnexpectedResponse(u)) => assert!(u.reason().contains("self link")),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    assert_documented_errors(&op, fixtures::documented_retrieve_exchange_partner_errors());
}

// ---------------------------------------------------------------------------
// GET and POST /exchanges
// ---------------------------------------------------------------------------

#[test]
fn account_exchange_requests_are_exact() {
    let r = build(&CreateAccountExchange::token(MX, "sandbox-token-abc123"));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(r.uri(), "https://api.dwolla.com/exchanges");
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}},"token":"sandbox-token-abc123"}"#
    );
    assert!(r.headers().get("idempotency-key").is_none());
    let r = build(
        &CreateAccountExchange::finicity(MX, FinicityReceipt::new("cr_1", "5454", 1).profile(3))
            .idempotency_key("acct-ex-1"),
    );
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}},"finicity":{"profile":3,"receiptId":"cr_1","customerId":"5454","partnerId":1}}"#
    );
    assert_eq!(r.headers()["idempotency-key"], "acct-ex-1");
    assert_eq!(
        CreateAccountExchange::token(MX, "t").name(),
        "createAccountExchange"
    );
    let r = build(&ListAccountExchanges::new());
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri(), "https://api.dwolla.com/exchanges");
    assert_eq!(ListAccountExchanges::new().name(), "listAccountExchanges");
    // Bad input, named.
    for (op, field) in [
        (
            CreateAccountExchange::token("partner", "t"),
            "exchange_partner_href",
        ),
        (CreateAccountExchange::token(MX, " "), "token"),
        (CreateAccountExchange::token(MX, "x".repeat(4097)), "token"),
        (
            CreateAccountExchange::finicity(MX, FinicityReceipt::new("", "c", 1)),
            "finicity.receipt_id",
        ),
        (
            CreateAccountExchange::token(MX, "t").idempotency_key("a b"),
            "idempotency_key",
        ),
    ] {
        assert_eq!(invalid_field(op.validate_build()), field, "{op:?}");
    }
}

#[test]
fn account_exchange_tokens_never_appear_in_debug() {
    let op = CreateAccountExchange::token(MX, "processor-SECRET-token");
    let shown = format!("{op:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    assert!(shown.contains(MX), "{shown}");
}

#[test]
fn account_exchanges_parse() {
    let list = ListAccountExchanges::new()
        .parse_response(fixtures::account_exchanges_list())
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list.total(), Some(1));
    assert_eq!(list[0].id(), fixtures::ACCOUNT_EXCHANGE_ID);
    assert_eq!(list[0].status(), &ExchangeStatus::Active);
    assert_eq!(list[0].customer_href(), None);
    assert_eq!(
        list[0].exchange_partner_href(),
        Some(fixtures::partner_href(fixtures::MX_PARTNER_ID).as_str())
    );
    let created = CreateAccountExchange::token(MX, "t")
        .parse_response(fixtures::account_exchange_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::ACCOUNT_EXCHANGE_ID);
    assert_documented_errors(
        &ListAccountExchanges::new(),
        fixtures::documented_list_account_exchanges_errors(),
    );
    assert_documented_errors(
        &CreateAccountExchange::token(MX, "t"),
        fixtures::documented_create_account_exchange_errors(),
    );
}

/// The account's exchange, retried after a 500: one key, identical bytes.
#[tokio::test]
async fn account_exchanges_through_the_client() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error());
    mock.push(fixtures::account_exchange_created());
    mock.push(fixtures::account_exchanges_list());
    mock.push(fixtures::exchange_partner());
    mock.push(fixtures::client_token());
    let client = retrying_client(&mock);
    let partner = fixtures::partner_href(fixtures::MX_PARTNER_ID);
    let created = client
        .exchanges()
        .create(CreateAccountExchange::token(
            &partner,
            "sandbox-token-abc123",
        ))
        .await
        .unwrap();
    assert_eq!(created.id(), fixtures::ACCOUNT_EXCHANGE_ID);
    let list = client.exchanges().list().await.unwrap();
    let got = client
        .exchange_partners()
        .get(list[0].exchange_partner_href().unwrap())
        .await
        .unwrap();
    assert_eq!(got.name(), "MX");
    let token = client
        .client_tokens()
        .create(CreateClientToken::new(
            ClientTokenAction::CustomerFundingSourcesCreate,
            fixtures::CUSTOMER_ID,
        ))
        .await
        .unwrap();
    assert_eq!(token.expose_secret(), fixtures::CLIENT_TOKEN);

    let requests = mock.requests();
    let seen: Vec<(String, String)> = requests[1..]
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    let expect = |m: &str, p: String| (m.to_owned(), p);
    assert_eq!(
        seen,
        [
            expect("POST", "/exchanges".to_owned()),
            expect("POST", "/exchanges".to_owned()),
            expect("GET", "/exchanges".to_owned()),
            expect(
                "GET",
                format!("/exchange-partners/{}", fixtures::MX_PARTNER_ID)
            ),
            expect("POST", "/client-tokens".to_owned()),
        ]
    );
    one_key_and_body(&requests[1..3]);
    assert_eq!(
        requests[5].body_json().unwrap()["action"],
        "customer.fundingsources.create"
    );
    mock.assert_exhausted();
}
