//! Exchanges and available exchange connections: the exact request of every
//! body form and operation, input validation, and every documented success.

mod support;

use bytes::Bytes;
use dwolla_core::exchanges::{
    CreateCustomerExchange, ExchangeStatus, FinicityProduct, FinicityReceipt,
    ListAvailableExchangeConnections, ListCustomerExchanges, RetrieveExchange,
};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_hal_headers, body_str, build, invalid_field};

const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PLAID: &str = "https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const MX: &str = "https://api.dwolla.com/exchange-partners/bca8d065-49a5-475b-a6b4-509bc8504d22";
const FINICITY: &str =
    "https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";

#[test]
fn plaid_exchange_request_is_exact() {
    let r = build(&CreateCustomerExchange::plaid(
        CUSTOMER,
        PLAID,
        "public-production-d5456acb-01d5-4932-9783-e4c883cf1c0c",
    ));
    assert_hal_headers(&r, http::Method::POST);
    assert_eq!(
        r.uri(),
        "https://api.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/exchanges"
    );
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"}},"plaid":{"publicToken":"public-production-d5456acb-01d5-4932-9783-e4c883cf1c0c"}}"#
    );
    assert!(r.headers().get("idempotency-key").is_none());
}

#[test]
fn mx_exchange_request_is_exact() {
    let r = build(&CreateCustomerExchange::mx(
        CUSTOMER,
        MX,
        fixtures::MX_CONNECTION_TOKEN,
    ));
    assert_hal_headers(&r, http::Method::POST);
    assert_eq!(
        body_str(&r),
        format!(
            r#"{{"_links":{{"exchange-partner":{{"href":"{MX}"}}}},"mx":{{"availableConnectionToken":"{}"}}}}"#,
            fixtures::MX_CONNECTION_TOKEN
        )
    );
}

#[test]
fn token_exchange_request_is_exact() {
    let r = build(
        &CreateCustomerExchange::token(CUSTOMER, PLAID, "somePlaidProcessorToken")
            .idempotency_key("k-1"),
    );
    assert_hal_headers(&r, http::Method::POST);
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"}},"token":"somePlaidProcessorToken"}"#
    );
    assert_eq!(r.headers()["idempotency-key"], "k-1");
}

#[test]
fn finicity_exchange_request_is_exact() {
    let receipt = FinicityReceipt::new(
        "cr_4N47ou7SlppuIxq0ZUtACh10vYcloY",
        "5454874858510164117",
        2445583946651,
    )
    .profile(3)
    .version("1")
    .receipt_version("1")
    .product(
        FinicityProduct::new("moneyTransferDetails", "1015199035827334916").access_period(
            "timeframe",
            "2022-07-06",
            "2022-08-16T06:06:20Z",
        ),
    )
    .timestamp("2022-07-11T06:06:23Z");
    let r = build(&CreateCustomerExchange::finicity(
        CUSTOMER, FINICITY, receipt,
    ));
    assert_eq!(
        body_str(&r),
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}},"finicity":{"profile":3,"version":"1","receiptId":"cr_4N47ou7SlppuIxq0ZUtACh10vYcloY","receiptVersion":"1","customerId":"5454874858510164117","partnerId":2445583946651,"products":[{"product":"moneyTransferDetails","accountId":"1015199035827334916","accessPeriod":{"type":"timeframe","startTime":"2022-07-06","endTime":"2022-08-16T06:06:20Z"}}],"timestamp":"2022-07-11T06:06:23Z"}}"#
    );
    // Unset optional fields are left out, not sent as null.
    let minimal = build(&CreateCustomerExchange::finicity(
        CUSTOMER,
        FINICITY,
        FinicityReceipt::new("cr_1", "5454", 1),
    ));
    assert!(body_str(&minimal)
        .ends_with(r#""finicity":{"receiptId":"cr_1","customerId":"5454","partnerId":1}}"#));
}

#[test]
fn tokens_are_escaped_and_bodies_deterministic() {
    let op = CreateCustomerExchange::token(CUSTOMER, PLAID, "a\"b\\c/é");
    let r = build(&op);
    assert!(
        body_str(&r).ends_with(r#""token":"a\"b\\c/é"}"#),
        "{}",
        body_str(&r)
    );
    assert_eq!(build(&op).body(), r.body());
}

#[test]
fn bad_exchange_input_names_the_field() {
    let env = Environment::Sandbox;
    let token = AccessToken::new("t");
    for (op, field) in [
        (CreateCustomerExchange::plaid("", PLAID, "p"), "customer_id"),
        (
            CreateCustomerExchange::plaid(CUSTOMER, "plaid", "p"),
            "exchange_partner_href",
        ),
        (
            CreateCustomerExchange::plaid(CUSTOMER, PLAID, ""),
            "public_token",
        ),
        (
            CreateCustomerExchange::plaid(CUSTOMER, PLAID, "  "),
            "public_token",
        ),
        (
            CreateCustomerExchange::plaid(CUSTOMER, PLAID, "a\nb"),
            "public_token",
        ),
        (
            CreateCustomerExchange::mx(CUSTOMER, MX, ""),
            "available_connection_token",
        ),
        (
            CreateCustomerExchange::token(CUSTOMER, PLAID, "x".repeat(4097)),
            "token",
        ),
        (
            CreateCustomerExchange::finicity(CUSTOMER, FINICITY, FinicityReceipt::new("", "c", 1)),
            "finicity.receipt_id",
        ),
        (
            CreateCustomerExchange::finicity(CUSTOMER, FINICITY, FinicityReceipt::new("r", " ", 1)),
            "finicity.customer_id",
        ),
        (
            CreateCustomerExchange::finicity(
                CUSTOMER,
                FINICITY,
                FinicityReceipt::new("r", "c", 1).product(FinicityProduct::new("p", "")),
            ),
            "finicity.products.account_id",
        ),
        (
            CreateCustomerExchange::finicity(
                CUSTOMER,
                FINICITY,
                FinicityReceipt::new("r", "c", 1).product(FinicityProduct::new("", "a")),
            ),
            "finicity.products.product",
        ),
        (
            CreateCustomerExchange::plaid(CUSTOMER, PLAID, "p").idempotency_key("a b"),
            "idempotency_key",
        ),
    ] {
        assert_eq!(invalid_field(op.validate()), field, "{op:?}");
        assert_eq!(
            invalid_field(op.build_request(&env, &token)),
            field,
            "{op:?}"
        );
    }
}

#[test]
fn partner_tokens_never_appear_in_debug() {
    for op in [
        CreateCustomerExchange::plaid(CUSTOMER, PLAID, "public-sandbox-SECRET"),
        CreateCustomerExchange::mx(CUSTOMER, MX, "SECRET-connection"),
        CreateCustomerExchange::token(CUSTOMER, PLAID, "processor-SECRET"),
    ] {
        let shown = format!("{op:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
        assert!(shown.contains(CUSTOMER), "{shown}");
    }
    let list = ListAvailableExchangeConnections::new(CUSTOMER)
        .parse_response(fixtures::available_exchange_connections())
        .unwrap();
    let shown = format!("{list:?}");
    assert!(!shown.contains(fixtures::MX_CONNECTION_TOKEN), "{shown}");
    assert!(shown.contains("XYZ Checking"), "{shown}");
}

#[test]
fn gets_are_exact() {
    let cases: [(&dyn Fn() -> http::Request<Bytes>, &str); 4] = [
        (
            &|| build(&RetrieveExchange::new("e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a")),
            "https://api.dwolla.com/exchanges/e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a",
        ),
        (
            &|| build(&RetrieveExchange::new("HTTPS://api.dwolla.com/exchanges/e5e9f2d3")),
            "https://api.dwolla.com/exchanges/e5e9f2d3",
        ),
        (
            &|| build(&ListCustomerExchanges::new(CUSTOMER)),
            "https://api.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/exchanges",
        ),
        (
            &|| {
                build(&ListAvailableExchangeConnections::new(format!(
                    "https://api.dwolla.com/customers/{CUSTOMER}"
                )))
            },
            "https://api.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/available-exchange-connections",
        ),
    ];
    for (build, url) in cases {
        let r = build();
        assert_eq!(r.method(), http::Method::GET);
        assert_eq!(r.uri(), url);
        assert!(r.body().is_empty());
        assert!(r.headers().get("content-type").is_none());
    }
    let field = invalid_field(
        RetrieveExchange::new("https://api.dwolla.com/customers/x")
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "exchange_id");
}

#[test]
fn created_exchange_is_typed_and_retrievable() {
    let op = CreateCustomerExchange::plaid(CUSTOMER, PLAID, "p");
    let created = op.parse_response(fixtures::exchange_created()).unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_ID);
    assert_eq!(
        created.location(),
        fixtures::exchange_href(fixtures::EXCHANGE_ID)
    );
    let r = created
        .retrieve()
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(
        r.uri().path(),
        format!("/exchanges/{}", fixtures::EXCHANGE_ID)
    );
    // A 201 with an upper-case scheme retrieves the same id, not a mangled URL.
    let upper = fixtures::created("HTTPS://API-SANDBOX.DWOLLA.COM/exchanges/abc");
    let created = op.parse_response(upper).unwrap();
    let r = created
        .retrieve()
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(r.uri().path(), "/exchanges/abc");
}

#[test]
fn retrieved_exchange_has_every_field() {
    let e = RetrieveExchange::new("e")
        .parse_response(fixtures::exchange())
        .unwrap();
    assert_eq!(e.id(), fixtures::EXCHANGE_ID);
    assert_eq!(e.status(), &ExchangeStatus::Active);
    assert!(e.is_active());
    assert_eq!(e.created(), Some("2022-10-19T17:44:44.864Z"));
    assert_eq!(
        e.self_href(),
        Some(fixtures::exchange_href(fixtures::EXCHANGE_ID).as_str())
    );
    assert_eq!(
        e.exchange_partner_href(),
        Some(fixtures::partner_href(fixtures::PLAID_PARTNER_ID).as_str())
    );
    assert_eq!(
        e.customer_href(),
        Some(fixtures::customer_href(fixtures::CUSTOMER_ID).as_str())
    );
    assert_eq!(
        e.funding_sources_href(),
        Some(format!("{}/funding-sources", fixtures::BASE).as_str())
    );
}

#[test]
fn exchange_status_keeps_unknown_values_and_id_falls_back_to_self() {
    let body = r#"{"_links":{"self":{"href":"https://api.dwolla.com/exchanges/from-self"}},"status":"Paused"}"#;
    let e = RetrieveExchange::new("e")
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(e.id(), "from-self");
    assert_eq!(e.status(), &ExchangeStatus::Other("Paused".to_owned()));
    assert_eq!(e.status().to_string(), "Paused");
    assert!(!e.is_active());
    assert_eq!(e.created(), None);
    // Neither id nor self: nothing to identify it by.
    match RetrieveExchange::new("e").parse_response(fixtures::hal_response(200, "r", "{}")) {
        Err(Error::UnexpectedResponse(u)) => {
            assert!(u.reason().contains("neither an id nor a self link"))
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[test]
fn exchange_list_parses_and_skips_only_unusable_items() {
    let list = ListCustomerExchanges::new(CUSTOMER)
        .parse_response(fixtures::customer_exchanges_list())
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.total(), Some(2));
    assert_eq!(list[0].status(), &ExchangeStatus::Active);
    assert_eq!(list[1].status(), &ExchangeStatus::Removed);
    assert!(list.skipped().is_empty());

    let body = r#"{"_embedded":{"exchanges":[{"status":"active"},{"id":"e2","status":"active","created":5},7]}}"#;
    let list = ListCustomerExchanges::new(CUSTOMER)
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id(), "e2");
    assert_eq!(list[0].created(), None);
    let skipped: Vec<(usize, &str)> = list
        .skipped()
        .iter()
        .map(|s| (s.index(), s.raw_json()))
        .collect();
    assert_eq!(skipped, [(0, r#"{"status":"active"}"#), (2, "7")]);
}

#[test]
fn available_connections_feed_create_exchange() {
    let list = ListAvailableExchangeConnections::new(CUSTOMER)
        .parse_response(fixtures::available_exchange_connections())
        .unwrap();
    assert_eq!(list.len(), 2);
    let checking = list.find_by_name("xyz checking").unwrap();
    assert_eq!(checking.name(), Some("XYZ Checking"));
    assert_eq!(
        checking.available_connection_token(),
        fixtures::MX_CONNECTION_TOKEN
    );
    assert!(list.find_by_name("nope").is_none());
    let op = checking.exchange(CUSTOMER, MX);
    assert_eq!(
        op,
        CreateCustomerExchange::mx(CUSTOMER, MX, fixtures::MX_CONNECTION_TOKEN)
    );
    // A connection without a token cannot be used; one without a name can.
    let body = r#"{"_embedded":{"available-exchange-connections":[{"name":"No token"},{"availableConnectionToken":"t2"}]}}"#;
    let list = ListAvailableExchangeConnections::new(CUSTOMER)
        .parse_response(fixtures::hal_response(200, "r", body))
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name(), None);
    assert_eq!(list[0].available_connection_token(), "t2");
    assert!(list.skipped()[0]
        .reason()
        .contains("no availableConnectionToken"));
}

/// A body that is not UTF-8 cannot be read as JSON: an unexpected response
/// with the raw bytes kept, for a list as for a single resource. A UTF-8
/// byte-order mark is not a fault.
#[test]
fn bodies_that_are_not_utf8_are_unexpected_and_a_bom_is_fine() {
    let single = b"{\"id\":\"caf\xe9\",\"status\":\"active\"}".to_vec();
    let list = b"{\"_embedded\":{\"exchanges\":[{\"id\":\"caf\xe9\"}]}}".to_vec();
    let unexpected = |result: Result<(), Error>, body: &[u8]| match result {
        Err(Error::UnexpectedResponse(u)) => {
            assert!(u.reason().contains("UTF-8"), "{}", u.reason());
            assert_eq!(&u.body()[..], body, "the raw body is kept");
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    };
    unexpected(
        RetrieveExchange::new("e")
            .parse_response(fixtures::hal_response(200, "r", single.clone()))
            .map(|_| ()),
        &single,
    );
    unexpected(
        ListCustomerExchanges::new(CUSTOMER)
            .parse_response(fixtures::hal_response(200, "r", list.clone()))
            .map(|_| ()),
        &list,
    );
    let with_bom = [&b"\xEF\xBB\xBF"[..], br#"{"id":"e1","status":"active"}"#].concat();
    let e = RetrieveExchange::new("e")
        .parse_response(fixtures::hal_response(200, "r", with_bom))
        .unwrap();
    assert_eq!(e.id(), "e1");
}
