//! Properties of the funding-source family: the routing number checksum is
//! exactly the ABA formula; arbitrary input to every request-building
//! operation builds a well-formed request or names the field, and never
//! echoes a routing or account number; no response makes a parser panic;
//! lists keep or skip every item.

mod support;

use bytes::Bytes;
use dwolla_core::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
use dwolla_core::funding_sources::{
    is_valid_account_number, is_valid_routing_number, BankAccountType, Channel,
    CreateCustomerFundingSource, CreateOnDemandTransferAuthorization,
    InitiateOrVerifyMicroDeposits, ListCustomerFundingSources, MicroDeposits,
    RetrieveFundingSource, RetrieveFundingSourceBalance, RetrieveMicroDeposits, RetrieveVanRouting,
    UpdateFundingSource,
};
use dwolla_core::{AccessToken, Amount, Environment, Error, Operation};
use proptest::prelude::*;
use support::props::check;

/// The ABA formula, written out the plain way.
fn aba(digits: &[u32; 9]) -> bool {
    let [d1, d2, d3, d4, d5, d6, d7, d8, d9] = *digits;
    (3 * (d1 + d4 + d7) + 7 * (d2 + d5 + d8) + (d3 + d6 + d9)) % 10 == 0
}

/// The ninth digit that makes the formula hold for these eight.
fn check_digit(d: &[u32; 8]) -> u32 {
    let partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
    (10 - partial % 10) % 10
}

fn rejected(e: &Error) -> (&'static str, String) {
    match e {
        Error::InvalidInput(i) => (i.field(), format!("{} {e} {e:?}", i.reason())),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn kind(i: u8) -> BankAccountType {
    match i % 4 {
        0 => BankAccountType::Checking,
        1 => BankAccountType::Savings,
        2 => BankAccountType::GeneralLedger,
        _ => BankAccountType::Loan,
    }
}

/// Routing numbers: valid most of the time, near misses and junk otherwise.
fn routing() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::array::uniform8(0u32..10).prop_map(|d| {
            d.iter().chain([check_digit(&d)].iter()).map(|x| char::from(b'0' + *x as u8)).collect()
        }),
        2 => "[0-9]{9}",
        1 => "[0-9]{0,12}",
        1 => "[0-9 .-]{5,14}",
        1 => "\\PC{0,12}",
    ]
}

fn account() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[0-9]{4,17}", 1 => "[0-9]{0,20}", 1 => "[0-9 .-]{5,20}", 1 => "\\PC{0,20}"]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z' -]{1,50}", 1 => "\\PC{45,55}", 1 => "\\PC{0,8}"]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-f0-9-]{1,36}",
        1 => "https://api-sandbox\\.dwolla\\.com/(funding-sources|customers|accounts)/[a-z0-9-]{1,12}(/micro-deposits|/balance|/ach-routing)?",
        1 => "\\PC{0,16}",
    ]
}

/// A secret worth searching for in output: long enough not to occur in a
/// fixed reason by chance, and not a part of the other inputs (which are
/// shown).
fn searchable(secret: &str, shown: &[&str]) -> bool {
    secret.chars().count() >= 5 && !shown.iter().any(|s| s.contains(secret))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Every nine-digit string passes if and only if the formula holds, and
    /// a bank funding source with it builds if and only if it passes.
    #[test]
    fn checksum_is_exactly_the_aba_formula(digits in prop::array::uniform9(0u32..10)) {
        let s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        prop_assert_eq!(is_valid_routing_number(&s), aba(&digits), "{}", s);
        let op = CreateCustomerFundingSource::bank("c", &s, "123456789", BankAccountType::Checking, "n");
        prop_assert_eq!(op.validate().is_ok(), aba(&digits), "{}", s);
        let op = CreateAccountFundingSource::bank(&s, "123456789", BankAccountType::Checking, "n");
        prop_assert_eq!(op.validate().is_ok(), aba(&digits), "{}", s);
        let op = UpdateFundingSource::rename("f", "n").routing_number(&s);
        prop_assert_eq!(op.validate().is_ok(), aba(&digits), "{}", s);
    }

    /// One changed digit is always caught (the weights 3, 7, 1 are all
    /// coprime with 10).
    #[test]
    fn one_mistyped_digit_is_always_caught(
        first in prop::array::uniform8(0u32..10),
        at in 0usize..9,
        by in 1u32..10,
    ) {
        let mut d = [0u32; 9];
        d[..8].copy_from_slice(&first);
        d[8] = check_digit(&first);
        prop_assert!(aba(&d));
        d[at] = (d[at] + by) % 10;
        let s: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
        prop_assert!(!is_valid_routing_number(&s), "{}", s);
    }

    /// Arbitrary bank input builds a well-formed request or names the
    /// field, and no output of either ever holds the numbers.
    #[test]
    fn bank_form_builds_or_names_the_field(
        customer in id(),
        routing in routing(),
        account in account(),
        k in any::<u8>(),
        name in name(),
        wire in any::<bool>(),
    ) {
        let mut op = CreateCustomerFundingSource::bank(&customer, &routing, &account, kind(k), &name);
        if wire {
            op = op.channels([Channel::Wire]);
        }
        let debug = format!("{op:?}");
        let shown = [customer.as_str(), name.as_str()];
        for secret in [&routing, &account] {
            if searchable(secret, &shown) {
                prop_assert!(!debug.contains(secret.as_str()), "{} in {}", secret, debug);
            }
        }
        match op.build_request(&Environment::Production, &AccessToken::new("t")) {
            Ok(req) => {
                prop_assert!(is_valid_routing_number(&routing));
                prop_assert!(is_valid_account_number(&account));
                prop_assert_eq!(req.uri().path().matches('/').count(), 3);
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("JSON");
                prop_assert_eq!(body["routingNumber"].as_str(), Some(routing.as_str()));
                prop_assert_eq!(body["accountNumber"].as_str(), Some(account.as_str()));
                prop_assert_eq!(body["name"].as_str(), Some(name.as_str()));
                prop_assert_eq!(body["bankAccountType"].as_str(), Some(kind(k).as_str()));
                prop_assert_eq!(body.get("channels").is_some(), wire);
            }
            Err(e) => {
                let (field, all) = rejected(&e);
                prop_assert!(["customer_id", "routing_number", "account_number", "name"].contains(&field), "{}", field);
                for secret in [&routing, &account] {
                    if searchable(secret, &shown) {
                        prop_assert!(!all.contains(secret.as_str()), "{} in {}", secret, all);
                    }
                }
            }
        }
    }

    /// The same for the account's own bank, and for an update's numbers.
    #[test]
    fn account_and_update_forms_build_or_name_the_field(
        account_id in id(),
        routing in routing(),
        account in account(),
        k in any::<u8>(),
        name in name(),
    ) {
        let op = CreateAccountFundingSource::bank(&routing, &account, kind(k), &name);
        let debug = format!("{op:?}");
        let shown = [account_id.as_str(), name.as_str()];
        match op.validate() {
            Ok(()) => prop_assert!(matches!(kind(k), BankAccountType::Checking | BankAccountType::Savings)),
            Err(e) => {
                let (field, all) = rejected(&e);
                prop_assert!(["routing_number", "account_number", "bank_account_type", "name"].contains(&field), "{}", field);
                for secret in [&routing, &account] {
                    if searchable(secret, &shown) {
                        prop_assert!(!all.contains(secret.as_str()) && !debug.contains(secret.as_str()));
                    }
                }
            }
        }
        let op = UpdateFundingSource::rename(&account_id, &name).routing_number(&routing).account_number(&account);
        let debug = format!("{op:?}");
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(req) => {
                prop_assert_eq!(req.uri().path().matches('/').count(), 2);
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("JSON");
                prop_assert_eq!(body["routingNumber"].as_str(), Some(routing.as_str()));
            }
            Err(e) => {
                let (field, all) = rejected(&e);
                prop_assert!(["funding_source_id", "routing_number", "account_number", "name"].contains(&field), "{}", field);
                for secret in [&routing, &account] {
                    if searchable(secret, &shown) {
                        prop_assert!(!all.contains(secret.as_str()) && !debug.contains(secret.as_str()));
                    }
                }
            }
        }
        match ListAccountFundingSources::new(&account_id).build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(req) => prop_assert_eq!(req.uri().path().matches('/').count(), 3),
            Err(e) => prop_assert_eq!(rejected(&e).0, "account_id"),
        }
    }

    /// The other create forms, and the operations on one funding source.
    #[test]
    fn other_forms_and_operations_build_or_name_the_field(
        customer in id(),
        fs in id(),
        token in prop_oneof![3 => "processor-sandbox-[a-z0-9-]{4,20}", 1 => "\\PC{0,12}"],
        name in name(),
        k in any::<u8>(),
        cents1 in -5i64..200,
        cents2 in -5i64..200,
    ) {
        let env = Environment::Sandbox;
        let t = AccessToken::new("t");
        let plaid = CreateCustomerFundingSource::plaid(&customer, &token, kind(k), &name);
        let secret = searchable(&token, &[customer.as_str(), name.as_str()]);
        if secret {
            let debug = format!("{plaid:?}");
            prop_assert!(!debug.contains(token.as_str()));
        }
        for (op, fields) in [
            (plaid, &["customer_id", "plaid_token", "bank_account_type", "name"][..]),
            (CreateCustomerFundingSource::virtual_account(&customer, &name), &["customer_id", "name"][..]),
        ] {
            if let Err(e) = op.build_request(&env, &t) {
                let (field, all) = rejected(&e);
                prop_assert!(fields.contains(&field), "{}", field);
                if secret {
                    prop_assert!(!all.contains(token.as_str()));
                }
            }
        }
        let verify = InitiateOrVerifyMicroDeposits::verify(&fs, Amount::from_cents(cents1), Amount::from_cents(cents2));
        match verify.build_request(&env, &t) {
            Ok(req) => {
                prop_assert!(cents1 > 0 && cents2 > 0);
                prop_assert!(req.uri().path().ends_with("/micro-deposits"));
                let body: serde_json::Value = serde_json::from_slice(req.body()).expect("JSON");
                let value = Amount::from_cents(cents1).to_string();
                prop_assert_eq!(body["amount1"]["value"].as_str(), Some(value.as_str()));
            }
            Err(e) => prop_assert!(["funding_source_id", "amount1", "amount2"].contains(&rejected(&e).0)),
        }
        let results: [(Result<http::Request<Bytes>, Error>, &str); 6] = [
            (InitiateOrVerifyMicroDeposits::initiate(&fs).build_request(&env, &t), "/micro-deposits"),
            (RetrieveMicroDeposits::new(&fs).build_request(&env, &t), "/micro-deposits"),
            (RetrieveFundingSourceBalance::new(&fs).build_request(&env, &t), "/balance"),
            (RetrieveVanRouting::new(&fs).build_request(&env, &t), "/ach-routing"),
            (RetrieveFundingSource::new(&fs).build_request(&env, &t), ""),
            (UpdateFundingSource::remove(&fs).build_request(&env, &t), ""),
        ];
        for (result, suffix) in results {
            match result {
                Ok(req) => {
                    let path = req.uri().path();
                    prop_assert!(path.starts_with("/funding-sources/") && path.ends_with(suffix), "{}", path);
                    prop_assert_eq!(path.matches('/').count(), if suffix.is_empty() { 2 } else { 3 }, "{}", path);
                }
                Err(e) => prop_assert_eq!(rejected(&e).0, "funding_source_id"),
            }
        }
        match ListCustomerFundingSources::new(&customer).removed(k % 2 == 0).build_request(&env, &t) {
            Ok(req) => prop_assert!(req.uri().query().is_some_and(|q| q.starts_with("removed="))),
            Err(e) => prop_assert_eq!(rejected(&e).0, "customer_id"),
        }
    }

    /// No status, header set or body makes any parser panic, and only a 2xx
    /// is ever a success.
    #[test]
    fn no_response_makes_a_parser_panic(
        status in prop_oneof![Just(200u16), Just(201), Just(202), Just(204), Just(400), Just(403), Just(404), 100u16..600],
        body in prop_oneof![
            "\\PC{0,64}",
            Just(String::new()),
            Just("{}".to_owned()),
            Just(r#"{"_links":{"self":{"href":"https://api.dwolla.com/funding-sources/x/micro-deposits"}}}"#.to_owned()),
            Just(r#"{"_embedded":{"funding-sources":[{"id":"a"},{"name":"no id"},5,null]}}"#.to_owned()),
            Just(r#"{"id":"x","balance":{"value":1e999},"available":{"value":"12.345"},"accountNumber":7,"status":["verified"]}"#.to_owned()),
        ],
        location in proptest::option::of("(https://api\\.dwolla\\.com/funding-sources/[a-z0-9]{1,8}(/micro-deposits)?|\\PC{0,12})"),
    ) {
        let Ok(status) = http::StatusCode::from_u16(status) else { return Ok(()) };
        let response = || {
            let mut b = http::Response::builder().status(status);
            if let Some(l) = &location {
                if let Ok(v) = http::HeaderValue::from_str(l) {
                    b = b.header("location", v);
                }
            }
            b.body(Bytes::from(body.clone())).unwrap()
        };
        let success = status.is_success();
        let outcomes = [
            CreateCustomerFundingSource::virtual_account("c", "n").parse_response(response()).map(|_| ()),
            ListCustomerFundingSources::new("c").parse_response(response()).map(|_| ()),
            RetrieveFundingSource::new("f").parse_response(response()).map(|_| ()),
            UpdateFundingSource::remove("f").parse_response(response()).map(|_| ()),
            RetrieveMicroDeposits::new("f").parse_response(response()).map(|_| ()),
            InitiateOrVerifyMicroDeposits::initiate("f").parse_response(response()).map(|_| ()),
            InitiateOrVerifyMicroDeposits::verify("f", Amount::from_cents(1), Amount::from_cents(2)).parse_response(response()).map(|_| ()),
            RetrieveFundingSourceBalance::new("f").parse_response(response()).map(|_| ()),
            RetrieveVanRouting::new("f").parse_response(response()).map(|_| ()),
            CreateOnDemandTransferAuthorization::new().parse_response(response()).map(|_| ()),
            CreateAccountFundingSource::bank("222222226", "1234", BankAccountType::Checking, "n").parse_response(response()).map(|_| ()),
            ListAccountFundingSources::new("a").parse_response(response()).map(|_| ()),
        ];
        for outcome in outcomes {
            check(&response(), outcome)?;
        }
        // A verification is never "initiated", and 202 is always "later".
        if success {
            let v = InitiateOrVerifyMicroDeposits::verify("f", Amount::from_cents(1), Amount::from_cents(2))
                .parse_response(response());
            if status == 202 {
                prop_assert_eq!(v.ok(), Some(MicroDeposits::TryAgainLater));
            } else if status != 201 {
                prop_assert_eq!(v.ok(), Some(MicroDeposits::Verified));
            }
        }
    }

    /// A list keeps every item with an id (or a self link) and skips, with
    /// its position, every other one: none is lost.
    #[test]
    fn lists_keep_or_skip_every_item(
        items in prop::collection::vec(prop_oneof![
            "[a-f0-9]{1,8}".prop_map(|id| serde_json::json!({"id": id, "status": "verified", "type": "bank"})),
            "[a-f0-9]{1,8}".prop_map(|id| serde_json::json!({"_links": {"self": {"href": format!("https://api.dwolla.com/funding-sources/{id}")}}, "removed": "odd"})),
            Just(serde_json::json!({"name": "no id"})),
            Just(serde_json::json!({"id": ""})),
            Just(serde_json::json!(7)),
            Just(serde_json::json!(null)),
            Just(serde_json::json!(["x"])),
        ], 0..12),
    ) {
        let body = serde_json::json!({"_embedded": {"funding-sources": items}, "total": items.len()}).to_string();
        let response = || http::Response::builder().status(200).body(Bytes::from(body.clone())).unwrap();
        let usable = items.iter().filter(|i| {
            i.get("id").and_then(|v| v.as_str()).is_some_and(|s| !s.is_empty()) || i.get("_links").is_some()
        }).count();
        for list in [
            ListCustomerFundingSources::new("c").parse_response(response()).unwrap(),
            ListAccountFundingSources::new("a").parse_response(response()).unwrap(),
        ] {
            prop_assert_eq!(list.len(), usable);
            prop_assert_eq!(list.len() + list.skipped().len(), items.len());
            prop_assert_eq!(list.total(), Some(items.len() as u64));
        }
    }
}
