//! Property tests for labels, root, client tokens, the token operation,
//! exchange partner retrieval and the account's exchanges: arbitrary input
//! builds a well-formed request or names the field; signed ledger amounts
//! round-trip, every other amount is positive; no parser panics; lists keep
//! or skip every item; secrets stay out of `Debug`.

mod support;

use bytes::Bytes;
use dwolla_core::client_tokens::{ClientTokenAction, CreateClientToken};
use dwolla_core::exchange_partners::RetrieveExchangePartner;
use dwolla_core::exchanges::{CreateAccountExchange, FinicityReceipt, ListAccountExchanges};
use dwolla_core::labels::{
    CreateCustomerLabel, CreateLabelLedgerEntry, CreateLabelReallocation, ListCustomerLabels,
    ListLabelLedgerEntries, RemoveLabel, RetrieveLabel, RetrieveLabelLedgerEntry,
    RetrieveLabelReallocation,
};
use dwolla_core::root::RetrieveRoot;
use dwolla_core::token::CreateApplicationAccessToken;
use dwolla_core::{Amount, ClientCredentials, Error, Operation};
use proptest::prelude::*;
use support::props::{check, input};
use support::{rejected_field, response, try_build_sandbox};

/// An id: valid most of the time, anything at all otherwise.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-zA-Z0-9-]{1,36}", 1 => "\\PC{1,12}", 2 => input()]
}

/// A label: a bare id, its URL, or anything.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[a-f0-9-]{1,36}",
        2 => "(https|HTTPS)://api-sandbox\\.dwolla\\.com/labels/[a-f0-9-]{1,36}",
        1 => "https://api\\.dwolla\\.com/(customers|labels)/[a-f0-9]{1,3}",
        1 => input(),
    ]
}

fn amount_cents() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => -100_000i64..100_000,
        1 => Just(0i64),
        1 => -99_999_999_999_999_999i64..=99_999_999_999_999_999,
    ]
}

/// A built request, or why not.
type Built = Result<http::Request<Bytes>, Error>;

/// How many items a parsed list kept and skipped.
type KeptAndSkipped = Result<(usize, usize), Error>;

/// The amount a built body carries, read back as an `Amount`.
fn sent_amount(body: &serde_json::Value) -> Amount {
    assert_eq!(body["amount"]["currency"], "USD");
    let value = body["amount"]["value"].as_str().expect("a string value");
    Amount::usd_signed(value).expect("a value Amount reads back")
}

/// JSON-ish bodies: real documents with members of odd types, and noise.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("1".to_owned()),
        Just("-5".to_owned()),
        Just("\"-5.00\"".to_owned()),
        Just("\"1e3\"".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        Just("{\"href\":\"https://api-sandbox.dwolla.com/labels/x\"}".to_owned()),
        Just("{\"value\":\"10.005\",\"currency\":\"USD\"}".to_owned()),
        Just("{\"value\":-5,\"currency\":7}".to_owned()),
        "\"\\PC{0,12}\"",
    ];
    let member = (
        prop::sample::select(vec![
            "id",
            "amount",
            "created",
            "token",
            "name",
            "status",
            "_links",
            "_embedded",
            "total",
        ]),
        value,
    )
        .prop_map(|(k, v)| format!("\"{k}\":{v}"));
    let object = prop::collection::vec(member, 0..6).prop_map(|m| format!("{{{}}}", m.join(",")));
    let item = prop_oneof![
        object.clone(),
        Just("{\"id\":\"i\",\"amount\":{\"value\":\"1.00\",\"currency\":\"USD\"}}".to_owned()),
        Just(
            "{\"_links\":{\"self\":{\"href\":\"https://api-sandbox.dwolla.com/labels/s\"}}}"
                .to_owned()
        ),
        Just("7".to_owned()),
        Just("\"x\"".to_owned()),
        Just("null".to_owned()),
    ];
    let list = (
        prop::sample::select(vec!["labels", "ledger-entries", "exchanges", "other"]),
        prop::collection::vec(item, 0..5),
    )
        .prop_map(|(rel, items)| format!("{{\"_embedded\":{{\"{rel}\":[{}]}}}}", items.join(",")));
    prop_oneof![
        object.prop_map(String::into_bytes),
        list.prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A ledger entry sends any non-zero signed amount exactly; zero is
    /// refused by name.
    #[test]
    fn ledger_entry_amounts_round_trip(label in label(), cents in amount_cents()) {
        match try_build_sandbox(&CreateLabelLedgerEntry::new(&label, Amount::from_cents(cents))) {
            Ok(req) => {
                prop_assert_ne!(cents, 0);
                let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(sent_amount(&body), Amount::from_cents(cents));
                prop_assert!(req.uri().path().starts_with("/labels/"));
                prop_assert!(req.uri().path().ends_with("/ledger-entries"));
                prop_assert_eq!(req.uri().path().matches('/').count(), 3);
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(field == "label_id" || (field == "amount" && cents == 0), "{} {}", field, cents);
            }
        }
    }

    /// The amount text a user types: a ledger entry takes what `usd_signed`
    /// reads and sends it back unchanged.
    #[test]
    fn ledger_entry_text_round_trips(text in "-?[0-9]{1,15}(\\.[0-9]{1,2})?") {
        let amount = Amount::usd_signed(&text).unwrap();
        if let Ok(req) = try_build_sandbox(&CreateLabelLedgerEntry::new("l", amount.clone())) {
            let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
            prop_assert_eq!(sent_amount(&body), amount);
        } else {
            prop_assert_eq!(amount.cents(), 0);
        }
    }

    /// Labels and reallocations take positive amounts only; every other
    /// input builds or names its field.
    #[test]
    fn labels_and_reallocations_are_positive(
        customer in id(),
        from in label(),
        to in label(),
        cents in amount_cents(),
        key in proptest::option::of(input()),
    ) {
        let amount = Amount::from_cents(cents);
        let mut create = CreateCustomerLabel::new(&customer, amount.clone());
        let mut moved = CreateLabelReallocation::new(&from, &to, amount.clone());
        if let Some(k) = &key {
            create = create.idempotency_key(k);
            moved = moved.idempotency_key(k);
        }
        match try_build_sandbox(&create) {
            Ok(req) => {
                prop_assert!(cents > 0);
                let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(sent_amount(&body), amount.clone());
                prop_assert_eq!(req.uri().path().matches('/').count(), 3);
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(["customer_id", "amount", "idempotency_key"].contains(&field), "{}", field);
                prop_assert!(field != "amount" || cents <= 0);
            }
        }
        match try_build_sandbox(&moved) {
            Ok(req) => {
                prop_assert!(cents > 0);
                prop_assert_eq!(req.uri().path(), "/label-reallocations");
                let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(sent_amount(&body), amount);
                let from_href = body["_links"]["from"]["href"].as_str().unwrap().to_owned();
                let to_href = body["_links"]["to"]["href"].as_str().unwrap().to_owned();
                prop_assert!(from_href.contains("/labels/"), "{}", from_href);
                prop_assert!(to_href.contains("/labels/"), "{}", to_href);
                // Never the same label twice.
                prop_assert_ne!(from_href.rsplit('/').next(), to_href.rsplit('/').next());
            }
            Err(e) => {
                let field = rejected_field(&e);
                prop_assert!(["from", "to", "amount", "idempotency_key"].contains(&field), "{}", field);
            }
        }
    }

    /// Every get, list and the delete: one encoded segment, or the field named.
    #[test]
    fn ids_build_one_segment_or_name_the_field(id in id(), limit in proptest::option::of(0u32..300)) {
        let mut labels = ListCustomerLabels::new(&id);
        let mut entries = ListLabelLedgerEntries::new(&id);
        if let Some(l) = limit {
            labels = labels.limit(l);
            entries = entries.limit(l);
        }
        let cases: [(Built, &str, usize); 8] = [
            (try_build_sandbox(&RetrieveLabel::new(&id)), "label_id", 2),
            (try_build_sandbox(&RemoveLabel::new(&id)), "label_id", 2),
            (try_build_sandbox(&RetrieveLabelLedgerEntry::new(&id)), "ledger_entry_id", 2),
            (try_build_sandbox(&RetrieveLabelReallocation::new(&id)), "reallocation_id", 2),
            (try_build_sandbox(&RetrieveExchangePartner::new(&id)), "exchange_partner_id", 2),
            (try_build_sandbox(&labels), "customer_id", 3),
            (try_build_sandbox(&entries), "label_id", 3),
            (
                try_build_sandbox(&CreateClientToken::new(ClientTokenAction::CustomerRead, &id)),
                "customer",
                1,
            ),
        ];
        for (result, field, slashes) in cases {
            match result {
                Ok(req) => prop_assert_eq!(req.uri().path().matches('/').count(), slashes, "{}", req.uri()),
                Err(e) => {
                    let got = rejected_field(&e);
                    prop_assert!(got == field || got == "limit", "{} for {}", got, field);
                }
            }
        }
    }

    /// A client token of any action and customer builds, with the action
    /// sent as given, or names the field.
    #[test]
    fn client_tokens_build_or_name_the_field(action in input(), customer in label()) {
        let op = CreateClientToken::new(ClientTokenAction::Other(action.clone()), &customer);
        match try_build_sandbox(&op) {
            Ok(req) => {
                let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(body["action"].as_str(), Some(action.as_str()));
                prop_assert!(body["_links"]["customer"]["href"].as_str().unwrap().contains("/customers/"));
            }
            Err(e) => prop_assert!(["action", "customer"].contains(&rejected_field(&e))),
        }
    }

    /// The account's exchange: builds or names the field, and its token
    /// never shows in `Debug`.
    #[test]
    fn account_exchanges_build_or_name_the_field(
        partner in prop_oneof![2 => "https://api-sandbox\\.dwolla\\.com/exchange-partners/[a-z0-9-]{1,36}", 1 => input()],
        token in "[A-Za-z0-9+/=-]{0,40}",
        finicity in any::<bool>(),
    ) {
        let secret = format!("SECRET{token}");
        let op = if finicity {
            CreateAccountExchange::finicity(&partner, FinicityReceipt::new(&token, "c", 1))
        } else {
            CreateAccountExchange::token(&partner, &secret)
        };
        if !finicity {
            let shown = format!("{op:?}");
            prop_assert!(!shown.contains("SECRET"), "{}", shown);
        }
        match try_build_sandbox(&op) {
            Ok(req) => {
                prop_assert_eq!(req.uri().path(), "/exchanges");
                let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(body["_links"]["exchange-partner"]["href"].as_str(), Some(partner.as_str()));
                if !finicity {
                    prop_assert_eq!(body["token"].as_str(), Some(secret.as_str()));
                }
            }
            Err(e) => prop_assert!(
                ["exchange_partner_href", "token", "finicity.receipt_id"].contains(&rejected_field(&e))
            ),
        }
    }

    /// The token operation never shows the secret, whatever it is.
    #[test]
    fn token_operation_hides_the_secret(id in "[a-z0-9]{1,12}", secret in "[A-Za-z0-9]{8,40}") {
        let op = CreateApplicationAccessToken::new(ClientCredentials::new(&id, &secret));
        let shown = format!("{op:?}");
        prop_assert!(!shown.contains(&secret), "{}", shown);
        prop_assert!(shown.contains(&id));
    }

    /// No body makes a parser panic; a 2xx list keeps or skips every item.
    #[test]
    fn parsers_never_panic_and_lists_account_for_every_item(status in prop_oneof![Just(200u16), Just(201), Just(204), 400u16..600], body in body()) {
        let r = || response(status, body.clone());
        check(&r(), RetrieveLabel::new("l").parse_response(r()))?;
        check(&r(), RemoveLabel::new("l").parse_response(r()))?;
        check(&r(), RetrieveLabelLedgerEntry::new("e").parse_response(r()))?;
        check(&r(), RetrieveLabelReallocation::new("r").parse_response(r()))?;
        check(&r(), CreateCustomerLabel::new("c", Amount::from_cents(1)).parse_response(r()))?;
        check(&r(), RetrieveRoot::new().parse_response(r()))?;
        check(&r(), CreateClientToken::new(ClientTokenAction::CustomerRead, "c").parse_response(r()))?;
        check(&r(), RetrieveExchangePartner::new("p").parse_response(r()))?;
        // The token endpoint's refusals (and unusable 2xx answers) are its
        // own error, which keeps the status and the bytes.
        match CreateApplicationAccessToken::new(ClientCredentials::new("i", "s")).parse_response(r()) {
            Ok(_) => prop_assert!((200..300).contains(&status)),
            Err(Error::Token(e)) => {
                prop_assert_eq!(e.status().map(|s| s.as_u16()), Some(status));
                prop_assert_eq!(&e.body()[..], &body[..]);
            }
            Err(other) => prop_assert!(false, "token: unexpected {:?}", other),
        }
        let embedded: Option<(String, usize)> = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| {
                let (rel, items) = v.get("_embedded")?.as_object()?.iter().next()?;
                Some((rel.clone(), items.as_array()?.len()))
            });
        let lists: [(&str, KeptAndSkipped); 3] = [
            ("labels", ListCustomerLabels::new("c").parse_response(r()).map(|l| (l.len(), l.skipped().len()))),
            ("ledger-entries", ListLabelLedgerEntries::new("l").parse_response(r()).map(|l| (l.len(), l.skipped().len()))),
            ("exchanges", ListAccountExchanges::new().parse_response(r()).map(|l| (l.len(), l.skipped().len()))),
        ];
        for (rel, parsed) in lists {
            match (&embedded, parsed) {
                (Some((got, n)), Ok((kept, skipped))) if got == rel => {
                    prop_assert!((200..300).contains(&status));
                    prop_assert_eq!(kept + skipped, *n, "{}", rel);
                }
                (_, Ok(_)) => prop_assert!((200..300).contains(&status)),
                (_, Err(Error::Api(_))) => prop_assert!(!(200..300).contains(&status)),
                (_, Err(Error::UnexpectedResponse(_))) => prop_assert!((200..300).contains(&status)),
                (_, Err(other)) => prop_assert!(false, "{:?}", other),
            }
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
        TestRng::from_seed(RngAlgorithm::ChaCha, &[15; 32]),
    );
    let strategy = (label(), label(), amount_cents());
    let (mut ok, mut negative_entries, mut fields) = (0, 0, std::collections::BTreeSet::new());
    for _ in 0..2000 {
        let (from, to, cents) = strategy.new_tree(&mut runner).unwrap().current();
        let amount = Amount::from_cents(cents);
        match try_build_sandbox(&CreateLabelReallocation::new(&from, &to, amount.clone())) {
            Ok(_) => ok += 1,
            Err(e) => {
                fields.insert(rejected_field(&e));
            }
        }
        match try_build_sandbox(&CreateLabelLedgerEntry::new(&from, amount)) {
            Ok(_) if cents < 0 => negative_entries += 1,
            Ok(_) => {}
            Err(e) => {
                fields.insert(rejected_field(&e));
            }
        }
    }
    assert!(ok > 300, "only {ok} reallocations built");
    assert!(
        negative_entries > 300,
        "only {negative_entries} negative entries"
    );
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        ["amount", "from", "label_id", "to"]
    );
}
