//! Bad input never panics: arbitrary strings for every input of the create
//! operation, the re-auth and retrieve operations and the environment either
//! build a well-formed request or are rejected with `InvalidInput`.

use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, RetrieveExchangeSession,
};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use proptest::prelude::*;

/// Mostly-plausible strings with every awkward character class mixed in.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[a-z0-9./:%?#@ \\-\\t\\n\\u{0}\\u{7f}é\"\\\\{}]{0,24}",
        "(https?|ftp)://[a-z0-9.:\\[\\]@-]{0,12}(/[a-zA-Z0-9._~%?#/ -]{0,10}){0,3}",
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just(String::new()),
    ]
}

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

fn rejected_field(e: &Error) -> &'static str {
    match e {
        Error::InvalidInput(i) => i.field(),
        other => panic!("bad input must be InvalidInput, got {other:?}"),
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
