//! Bad input never panics: arbitrary strings for every input of every
//! request-building operation and of the environment either build a
//! well-formed request or are rejected with `InvalidInput` naming the field.

mod support;

use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, RetrieveExchangeSession,
};
use dwolla_core::exchanges::{
    CreateCustomerExchange, FinicityProduct, FinicityReceipt, ListAvailableExchangeConnections,
    ListCustomerExchanges, RetrieveExchange,
};
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
};
use dwolla_core::hal::HalRequest;
use dwolla_core::{AccessToken, Environment, Operation};
use proptest::prelude::*;
use support::props::input;
use support::rejected_field;

/// Valid values most of the time, anything at all otherwise.
fn customer() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-zA-Z0-9-]{1,36}", 1 => "\\PC{1,12}", 2 => input()]
}

fn partner() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "https://api-sandbox\\.dwolla\\.com/exchange-partners/[a-z0-9-]{1,36}",
        2 => input(),
    ]
}

fn redirect() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "com\\.example\\.[a-z0-9]{1,8}|https://example\\.com/[a-z0-9/]{0,8}",
        2 => input(),
    ]
}

/// A partner token: realistic most of the time.
fn partner_token() -> impl Strategy<Value = String> {
    prop_oneof![3 => "public-sandbox-[a-f0-9-]{8,36}|[A-Za-z0-9+/=]{8,40}", 2 => input()]
}

fn exchange_href() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "(https|HTTPS)://api-sandbox\\.dwolla\\.com/exchanges/[a-z0-9-]{1,36}",
        1 => "[a-z0-9-]{1,36}",
        2 => input(),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z' ]{1,50}", 1 => "\\PC{45,55}", 2 => input()]
}

/// The exchange form an index picks, with the token in it.
fn exchange_op(form: u8, customer: &str, partner: &str, token: &str) -> CreateCustomerExchange {
    match form % 4 {
        0 => CreateCustomerExchange::plaid(customer, partner, token),
        1 => CreateCustomerExchange::mx(customer, partner, token),
        2 => CreateCustomerExchange::token(customer, partner, token),
        _ => CreateCustomerExchange::finicity(
            customer,
            partner,
            FinicityReceipt::new(token, "5454874858510164117", 2445583946651)
                .product(FinicityProduct::new("moneyTransferDetails", token)),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn create_builds_or_names_the_field(
        customer in customer(),
        partner in partner(),
        redirect in proptest::option::of(redirect()),
        key in proptest::option::of(input()),
        token in input(),
    ) {
        let mut op = match &redirect {
            Some(r) => CreateCustomerExchangeSession::with_redirect(&customer, &partner, r),
            None => CreateCustomerExchangeSession::web(&customer, &partner),
        };
        if let Some(k) = &key {
            op = op.idempotency_key(k);
        }
        match op.build_request(&Environment::Sandbox, &AccessToken::new(&token)) {
            Ok(req) => {
                let path = req.uri().path();
                prop_assert!(path.starts_with("/customers/"), "{}", path);
                prop_assert!(path.ends_with("/exchange-sessions"), "{}", path);
                // The id is exactly one segment, whatever it contained.
                prop_assert_eq!(path.matches('/').count(), 3, "{}", path);
                prop_assert!(req.uri().query().is_none());
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("the body is JSON");
                prop_assert_eq!(body["_links"]["exchange-partner"]["href"].as_str(), Some(partner.as_str()));
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(
                    ["customer_id", "exchange_partner_href", "redirect_url", "idempotency_key", "access_token"]
                        .contains(&field),
                    "{}", field
                );
            }
        }
    }

    #[test]
    fn retrieve_and_reauth_build_or_name_the_field(id in input(), redirect in proptest::option::of(input())) {
        let token = AccessToken::new("t");
        match RetrieveExchangeSession::new(&id).build_request(&Environment::Production, &token) {
            Ok(req) => prop_assert_eq!(req.uri().path().matches('/').count(), 2, "{}", req.uri()),
            Err(e) => prop_assert_eq!(rejected_field(&e), "exchange_session_id"),
        }
        let op = match &redirect {
            Some(r) => CreateReAuthExchangeSession::with_redirect(&id, r),
            None => CreateReAuthExchangeSession::web(&id),
        };
        match op.build_request(&Environment::Production, &token) {
            Ok(req) => {
                prop_assert_eq!(req.uri().path().matches('/').count(), 3, "{}", req.uri());
                prop_assert!(serde_json::from_slice::<serde_json::Value>(req.body()).is_ok());
            }
            Err(e) => prop_assert!(["exchange_id", "redirect_url"].contains(&rejected_field(&e))),
        }
    }

    #[test]
    fn create_exchange_builds_or_names_the_field(
        form in any::<u8>(),
        customer in customer(),
        partner in partner(),
        token in partner_token(),
        key in proptest::option::of(input()),
    ) {
        let mut op = exchange_op(form, &customer, &partner, &token);
        if let Some(k) = &key {
            op = op.idempotency_key(k);
        }
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(req) => {
                let path = req.uri().path();
                prop_assert!(path.starts_with("/customers/") && path.ends_with("/exchanges"), "{}", path);
                prop_assert_eq!(path.matches('/').count(), 3, "{}", path);
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("the body is JSON");
                prop_assert_eq!(body["_links"]["exchange-partner"]["href"].as_str(), Some(partner.as_str()));
                let sent = match form % 4 {
                    0 => body.pointer("/plaid/publicToken"),
                    1 => body.pointer("/mx/availableConnectionToken"),
                    2 => body.pointer("/token"),
                    _ => body.pointer("/finicity/receiptId"),
                };
                prop_assert_eq!(sent.and_then(|v| v.as_str()), Some(token.as_str()));
                let again = op.build_request(&Environment::Sandbox, &AccessToken::new("t")).unwrap();
                prop_assert_eq!(again.body(), req.body());
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(
                    [
                        "customer_id", "exchange_partner_href", "public_token",
                        "available_connection_token", "token", "finicity.receipt_id",
                        "finicity.products.account_id", "idempotency_key",
                    ].contains(&field),
                    "{}", field
                );
            }
        }
    }

    #[test]
    fn create_funding_source_builds_or_names_the_field(
        customer in customer(),
        exchange in exchange_href(),
        savings in any::<bool>(),
        name in name(),
        on_demand in proptest::option::of(partner()),
    ) {
        let kind = if savings { BankAccountType::Savings } else { BankAccountType::Checking };
        let mut op = CreateCustomerFundingSource::from_exchange(&customer, &exchange, kind, &name);
        if let Some(h) = &on_demand {
            op = op.on_demand_authorization(h);
        }
        match op.build_request(&Environment::Production, &AccessToken::new("t")) {
            Ok(req) => {
                let path = req.uri().path();
                prop_assert!(path.ends_with("/funding-sources"), "{}", path);
                prop_assert_eq!(path.matches('/').count(), 3, "{}", path);
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("the body is JSON");
                prop_assert_eq!(body["name"].as_str(), Some(name.as_str()));
                prop_assert!(name.chars().count() <= 50 && !name.chars().any(char::is_control));
                prop_assert_eq!(body["bankAccountType"].as_str(), Some(kind.as_str()));
                let href = body["_links"]["exchange"]["href"].as_str().unwrap_or_default();
                prop_assert!(href == exchange || href.starts_with("https://api.dwolla.com/exchanges/"), "{}", href);
                prop_assert_eq!(body["_links"]["on-demand-authorization"]["href"].as_str(), on_demand.as_deref());
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(["customer_id", "exchange", "name", "on_demand_authorization"].contains(&field), "{}", field);
            }
        }
    }

    #[test]
    fn gets_build_one_segment_or_name_the_field(id in input()) {
        let token = AccessToken::new("t");
        let env = Environment::Sandbox;
        for (result, segments, field) in [
            (RetrieveExchange::new(&id).build_request(&env, &token), 2, "exchange_id"),
            (RetrieveFundingSource::new(&id).build_request(&env, &token), 2, "funding_source_id"),
            (ListCustomerExchanges::new(&id).build_request(&env, &token), 3, "customer_id"),
            (ListAvailableExchangeConnections::new(&id).build_request(&env, &token), 3, "customer_id"),
        ] {
            match result {
                Ok(req) => prop_assert_eq!(req.uri().path().matches('/').count(), segments, "{}", req.uri()),
                Err(e) => prop_assert_eq!(rejected_field(&e), field),
            }
        }
    }

    /// The generic operation never sends the token anywhere but the
    /// configured host, whatever it is given.
    #[test]
    fn hal_requests_stay_on_the_environment(target in prop_oneof![
        input(),
        "(https?|HTTPS)://(api-sandbox\\.dwolla\\.com|api\\.dwolla\\.com|evil\\.com)(:[0-9]{1,4})?(/[a-z.%?=]{0,10}){0,3}",
        "/[a-z0-9./%?=&-]{0,20}",
    ]) {
        let token = AccessToken::new("t");
        for op in [HalRequest::get(&target), HalRequest::post(&target, serde_json::json!({"a": 1})), HalRequest::delete(&target)] {
            match op.build_request(&Environment::Sandbox, &token) {
                Ok(req) => {
                    prop_assert_eq!(req.uri().scheme_str(), Some("https"));
                    prop_assert_eq!(req.uri().authority().map(|a| a.as_str()), Some("api-sandbox.dwolla.com"));
                    prop_assert!(!req.uri().path().split('/').any(|s| s == ".."));
                }
                Err(e) => prop_assert!(["url", "path"].contains(&rejected_field(&e))),
            }
        }
    }

    #[test]
    fn custom_environments_are_https_or_loopback(url in input()) {
        match Environment::custom(&url) {
            Ok(env) => {
                let base = env.base_url();
                prop_assert!(!base.ends_with('/'), "{}", base);
                prop_assert!(
                    base.starts_with("https://")
                        || base.starts_with("http://127.")
                        || base.starts_with("http://localhost")
                        || base.starts_with("http://[::1]"),
                    "{}", base
                );
            }
            Err(e) => prop_assert_eq!(rejected_field(&e), "base_url"),
        }
    }
}

/// The properties above are not vacuous: the strategies reach both the
/// success path and every rejected field.
#[test]
fn strategies_reach_success_and_every_rejection() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (customer(), partner(), proptest::option::of(redirect()));
    let (mut ok, mut fields) = (0, std::collections::BTreeSet::new());
    for _ in 0..2000 {
        let (customer, partner, redirect) = strategy.new_tree(&mut runner).unwrap().current();
        let op = match &redirect {
            Some(r) => CreateCustomerExchangeSession::with_redirect(&customer, &partner, r),
            None => CreateCustomerExchangeSession::web(&customer, &partner),
        };
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(_) => ok += 1,
            Err(e) => {
                fields.insert(rejected_field(&e));
            }
        }
    }
    assert!(ok > 400, "only {ok} successes");
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        ["customer_id", "exchange_partner_href", "redirect_url"]
    );
}

/// The same for the exchange and funding-source strategies.
#[test]
fn exchange_and_funding_source_strategies_reach_success_and_every_rejection() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]),
    );
    let exchange = (any::<u8>(), customer(), partner(), partner_token());
    let (mut ok, mut fields) = (0, std::collections::BTreeSet::new());
    for _ in 0..2000 {
        let (form, customer, partner, token) = exchange.new_tree(&mut runner).unwrap().current();
        match exchange_op(form, &customer, &partner, &token)
            .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        {
            Ok(_) => ok += 1,
            Err(e) => {
                fields.insert(rejected_field(&e));
            }
        }
    }
    assert!(ok > 300, "create exchange: only {ok} successes");
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        [
            "available_connection_token",
            "customer_id",
            "exchange_partner_href",
            "finicity.receipt_id",
            "public_token",
            "token"
        ]
    );

    let funding = (
        customer(),
        exchange_href(),
        name(),
        proptest::option::of(partner()),
    );
    let (mut ok, mut fields) = (0, std::collections::BTreeSet::new());
    for _ in 0..2000 {
        let (customer, exchange, name, on_demand) =
            funding.new_tree(&mut runner).unwrap().current();
        let mut op = CreateCustomerFundingSource::from_exchange(
            &customer,
            &exchange,
            BankAccountType::Checking,
            &name,
        );
        if let Some(h) = &on_demand {
            op = op.on_demand_authorization(h);
        }
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(_) => ok += 1,
            Err(e) => {
                fields.insert(rejected_field(&e));
            }
        }
    }
    assert!(ok > 300, "create funding source: only {ok} successes");
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        ["customer_id", "exchange", "name", "on_demand_authorization"]
    );
}
