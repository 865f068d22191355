//! Micro-benchmarks of the sans-IO core: building the
//! "create customer exchange session" request and parsing its answers, and
//! build + parse of every other open-banking operation (`build_and_parse/*`,
//! with the documented success body; the target is under 2 µs each).
//!
//! Run with `cargo bench -p dwolla-core --bench sans_io`.
//!
//! The `parse_400_embedded_errors/{1,10,100}` group checks that parsing an
//! error document scales linearly with the number of `_embedded.errors[]`
//! items (time per item should stay roughly constant).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dwolla_core::bytes::Bytes;
use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::exchanges::{
    CreateCustomerExchange, ListAvailableExchangeConnections, ListCustomerExchanges,
    RetrieveExchange,
};
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
};
use dwolla_core::http;
use dwolla_core::{AccessToken, Environment, Operation};

const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
const LOCATION: &str =
    "https://api-sandbox.dwolla.com/exchange-sessions/fcd15e5f-8d13-4570-a9b7-7fb49e55941d";

const TOP_LEVEL_400: &str = r#"{"code":"ValidationError","message":"/_links/exchange-partner/href: Invalid exchange partner."}"#;

fn embedded_400(n: usize) -> String {
    let item = r#"{"code":"Invalid","message":"Invalid parameter.","path":"/_links/exchange-partner/href","_links":{}}"#;
    let items = vec![item; n].join(",");
    format!(
        r#"{{"code":"ValidationError","message":"Validation error(s) present. See embedded errors list for more details.","_embedded":{{"errors":[{items}]}}}}"#
    )
}

fn created_201() -> http::Response<Bytes> {
    http::Response::builder()
        .status(201)
        .header("location", LOCATION)
        .header("x-request-id", "4b3a8f7e-1f2d-4c5b-9a8e-7d6c5b4a3f2e")
        .header("content-length", "0")
        .body(Bytes::new())
        .expect("a valid response")
}

fn error_400(body: String) -> http::Response<Bytes> {
    http::Response::builder()
        .status(400)
        .header("content-type", "application/vnd.dwolla.v1.hal+json")
        .header("x-request-id", "4b3a8f7e-1f2d-4c5b-9a8e-7d6c5b4a3f2e")
        .body(Bytes::from(body))
        .expect("a valid response")
}

const EXCHANGE: &str = r#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/exchanges/92822961-3a7f-42c0-b0cc-7ffef05717fa","type":"application/vnd.dwolla.v1.hal+json","resource-type":"exchange"},"exchange-partner":{"href":"https://api-sandbox.dwolla.com/exchange-partners/bca8d065-49a5-475b-a6b4-509bc8504d22","type":"application/vnd.dwolla.v1.hal+json","resource-type":"exchange-partner"},"funding-sources":{"href":"https://api-sandbox.dwolla.com/funding-sources","type":"application/vnd.dwolla.v1.hal+json","resource-type":"funding-source"},"customer":{"href":"https://api-sandbox.dwolla.com/customers/9fc74373-a5c7-40e4-aa59-d5f4c86a24ea","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"}},"id":"92822961-3a7f-42c0-b0cc-7ffef05717fa","status":"active","created":"2022-10-19T17:44:44.864Z"}"#;

const CONNECTIONS: &str = r#"{"_links":{"self":{"href":"https://api.dwolla.com/customers/1b54c81a-261f-4779-bb57-9405e6e00694/available-exchange-connections","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"},"customers":{"href":"https://api.dwolla.com/customers/1b54c81a-261f-4779-bb57-9405e6e00694","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"}},"_embedded":{"available-exchange-connections":[{"availableConnectionToken":"eyJhY2NvdW50SWQiOiJBQ1QtMjAxY2FkM2MtYzc2Yi00N2M1LWI3Y2QtMTkxY2FhNzdlZWM5IiwibWVtYmVySWQiOiJNQlItZGNjZWY0ZWMtOGM4MC00NTlmLTlhMGItMTc1ZTA0OTJmZWIzIn0=","name":"XYZ Checking"}]}}"#;

const FUNDING_SOURCE: &str = r#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/funding-sources/49dbaa24-1580-4b1c-8b58-24e26656fa31","type":"application/vnd.dwolla.v1.hal+json","resource-type":"funding-source"},"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/92822961-3a7f-42c0-b0cc-7ffef05717fa","type":"application/vnd.dwolla.v1.hal+json","resource-type":"exchange"}},"id":"49dbaa24-1580-4b1c-8b58-24e26656fa31","status":"verified","type":"bank","bankAccountType":"checking","name":"Test checking account","created":"2022-07-23T00:18:21.419Z","removed":false,"channels":["ach"],"bankName":"SANDBOX TEST BANK","fingerprint":"5012989b55af15400e8102f95d2ec5e7ce3aef45c01613280d80a236dd8d6c"}"#;

fn created(location: &'static str) -> impl Fn() -> http::Response<Bytes> {
    move || {
        http::Response::builder()
            .status(201)
            .header("location", location)
            .header("x-request-id", "4b3a8f7e-1f2d-4c5b-9a8e-7d6c5b4a3f2e")
            .body(Bytes::new())
            .expect("a valid response")
    }
}

fn ok_200(body: String) -> impl Fn() -> http::Response<Bytes> {
    move || {
        http::Response::builder()
            .status(200)
            .header(
                "content-type",
                "application/vnd.dwolla.v1.hal+json; charset=UTF-8",
            )
            .header("x-request-id", "4b3a8f7e-1f2d-4c5b-9a8e-7d6c5b4a3f2e")
            .body(Bytes::from(body.clone()))
            .expect("a valid response")
    }
}

/// Builds the request and parses the documented success, per iteration.
fn build_and_parse<O: Operation>(
    c: &mut Criterion,
    name: &str,
    op: O,
    response: impl Fn() -> http::Response<Bytes>,
) {
    bench_build_and_parse(c, &format!("build_and_parse/{name}"), op, response);
}

/// [`build_and_parse`] under the bench id `id` as given.
fn bench_build_and_parse<O: Operation>(
    c: &mut Criterion,
    id: &str,
    op: O,
    response: impl Fn() -> http::Response<Bytes>,
) {
    let env = Environment::Sandbox;
    let token = AccessToken::new("0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q");
    c.bench_function(id, |b| {
        b.iter_batched(
            &response,
            |r| {
                let req = black_box(&op)
                    .build_request(&env, &token)
                    .expect("request builds");
                black_box(req);
                op.parse_response(black_box(r)).expect("success parses")
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

fn open_banking(c: &mut Criterion) {
    build_and_parse(
        c,
        "create_exchange_plaid_201",
        CreateCustomerExchange::plaid(
            CUSTOMER,
            PARTNER,
            "public-sandbox-d5456acb-01d5-4932-9783-e4c883cf1c0c",
        ),
        created("https://api-sandbox.dwolla.com/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d"),
    );
    build_and_parse(
        c,
        "retrieve_exchange_200",
        RetrieveExchange::new("92822961-3a7f-42c0-b0cc-7ffef05717fa"),
        ok_200(EXCHANGE.to_owned()),
    );
    build_and_parse(
        c,
        "list_customer_exchanges_200_1",
        ListCustomerExchanges::new(CUSTOMER),
        ok_200(format!(
            r#"{{"_links":{{"self":{{"href":"https://api-sandbox.dwolla.com/exchanges"}}}},"_embedded":{{"exchanges":[{EXCHANGE}]}},"total":1}}"#
        )),
    );
    build_and_parse(
        c,
        "list_available_connections_200_1",
        ListAvailableExchangeConnections::new(CUSTOMER),
        ok_200(CONNECTIONS.to_owned()),
    );
    build_and_parse(
        c,
        "create_funding_source_201",
        CreateCustomerFundingSource::from_exchange(
            CUSTOMER,
            "https://api-sandbox.dwolla.com/exchanges/92822961-3a7f-42c0-b0cc-7ffef05717fa",
            BankAccountType::Checking,
            "Jane Doe's Checking",
        ),
        created(
            "https://api-sandbox.dwolla.com/funding-sources/49dbaa24-1580-4b1c-8b58-24e26656fa31",
        ),
    );
    build_and_parse(
        c,
        "retrieve_funding_source_200",
        RetrieveFundingSource::new("49dbaa24-1580-4b1c-8b58-24e26656fa31"),
        ok_200(FUNDING_SOURCE.to_owned()),
    );
}

fn benches(c: &mut Criterion) {
    let env = Environment::Sandbox;
    let token = AccessToken::new("0Sn0W6kzNicvoWhDbQcVSKLRUpGjIdlPSEYyrHqrDDoRnQwE7Q");
    let web = CreateCustomerExchangeSession::web(CUSTOMER, PARTNER);
    let redirect =
        CreateCustomerExchangeSession::with_redirect(CUSTOMER, PARTNER, "com.example.app123");

    c.bench_function("build_request/web", |b| {
        b.iter(|| black_box(&web).build_request(black_box(&env), black_box(&token)))
    });
    c.bench_function("build_request/with_redirect", |b| {
        b.iter(|| black_box(&redirect).build_request(black_box(&env), black_box(&token)))
    });

    c.bench_function("parse_response/201", |b| {
        b.iter_batched(
            created_201,
            |r| web.parse_response(black_box(r)).expect("201 parses"),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("parse_response/400_top_level_message", |b| {
        b.iter_batched(
            || error_400(TOP_LEVEL_400.to_owned()),
            |r| {
                web.parse_response(black_box(r))
                    .expect_err("400 is an error")
            },
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("parse_response/400_embedded_errors", |b| {
        b.iter_batched(
            || error_400(embedded_400(1)),
            |r| {
                web.parse_response(black_box(r))
                    .expect_err("400 is an error")
            },
            criterion::BatchSize::SmallInput,
        )
    });

    c.bench_function("build_and_parse/web_201", |b| {
        b.iter_batched(
            created_201,
            |r| {
                let req = black_box(&web)
                    .build_request(&env, &token)
                    .expect("request builds");
                black_box(req);
                web.parse_response(black_box(r)).expect("201 parses")
            },
            criterion::BatchSize::SmallInput,
        )
    });

    let mut group = c.benchmark_group("parse_400_embedded_errors");
    for n in [1usize, 10, 100] {
        let body = embedded_400(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &body, |b, body| {
            b.iter_batched(
                || error_400(body.clone()),
                |r| {
                    web.parse_response(black_box(r))
                        .expect_err("400 is an error")
                },
                criterion::BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

const CUSTOMER_LOCATION: &str =
    "https://api-sandbox.dwolla.com/customers/fc451a7a-ae30-4404-ab95-e3553fcd733f";

const PERSONAL_CUSTOMER: &str = r#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"},"funding-sources":{"href":"https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/funding-sources","type":"application/vnd.dwolla.v1.hal+json","resource-type":"funding-source"},"transfers":{"href":"https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/transfers","type":"application/vnd.dwolla.v1.hal+json","resource-type":"transfer"},"retry-verification":{"href":"https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"}},"id":"74a207b2-b7b7-4efa-8bf8-582148e7b980","firstName":"Jane","lastName":"Doe","email":"jane.doe@example.com","type":"personal","status":"retry","created":"2023-03-01T19:28:07.577Z","address1":"99-99 33rd St","address2":"Apt 8","city":"Some City","state":"NY","postalCode":"11101","phone":"3334447777"}"#;

/// Customers: build + parse of a personal verified create (the 201) and of
/// a retrieve (a personal customer in `retry`). The target is under 2 µs each.
fn customers(c: &mut Criterion) {
    use dwolla_core::customers::{
        CreateCustomer, DateOfBirth, PersonalDetails, RetrieveCustomer, Ssn, UsAddress,
    };
    let create = CreateCustomer::personal(
        PersonalDetails::new(
            "Jane",
            "Doe",
            "jane.doe@example.com",
            UsAddress::new("99-99 33rd St", "Some City", "NY", "11101").address2("Apt 8"),
            DateOfBirth::new(1970, 1, 1).expect("a date"),
            Ssn::new("1234").expect("an SSN"),
        )
        .ip_address("143.156.7.8")
        .phone("3334447777"),
    )
    .correlation_id("user-42");
    bench_build_and_parse(
        c,
        "customer_create_build_parse",
        create,
        created(CUSTOMER_LOCATION),
    );
    bench_build_and_parse(
        c,
        "customer_retrieve_build_parse",
        RetrieveCustomer::new(CUSTOMER),
        ok_200(PERSONAL_CUSTOMER.to_owned()),
    );
}

/// What the transfer retrieve's parse is measured against, in the same run:
/// the same 1.9 KB body read by serde_json alone, as a `Value` (what a
/// hand-written client without models does) and skipped without keeping
/// anything (the scanning no reader avoids).
fn transfer_reference(c: &mut Criterion) {
    c.bench_function("transfer_body_reference/serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(TRANSFER)).expect("JSON"))
    });
    c.bench_function("transfer_body_reference/scan_only", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(TRANSFER)).expect("JSON"))
    });
}

criterion_group!(
    sans_io,
    benches,
    open_banking,
    customers,
    transfers,
    transfer_reference
);
criterion_main!(sans_io);

// --- Transfers (issue 15): build + parse of a transfer create and retrieve ---

const TRANSFER: &str = r#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/transfers/15c6bcce-46f7-e811-8112-e8dd3bececa8","type":"application/vnd.dwolla.v1.hal+json","resource-type":"transfer"},"cancel":{"href":"https://api-sandbox.dwolla.com/transfers/15c6bcce-46f7-e811-8112-e8dd3bececa8","type":"application/vnd.dwolla.v1.hal+json","resource-type":"transfer"},"source":{"href":"https://api-sandbox.dwolla.com/accounts/62e88a41-f5d0-4a79-90b3-188cf11a3966","type":"application/vnd.dwolla.v1.hal+json","resource-type":"account"},"source-funding-source":{"href":"https://api-sandbox.dwolla.com/funding-sources/12a0eaf9-9561-468d-bdeb-186b536aa2ed","type":"application/vnd.dwolla.v1.hal+json","resource-type":"funding-source"},"funding-transfer":{"href":"https://api-sandbox.dwolla.com/transfers/14c6bcce-46f7-e811-8112-e8dd3bececa8","type":"application/vnd.dwolla.v1.hal+json","resource-type":"transfer"},"destination":{"href":"https://api-sandbox.dwolla.com/customers/d295106b-ca20-41ad-9774-286e34fd3c2d","type":"application/vnd.dwolla.v1.hal+json","resource-type":"customer"},"destination-funding-source":{"href":"https://api-sandbox.dwolla.com/funding-sources/500f8e0e-dfd5-431b-83e0-cd6632e63fcb","type":"application/vnd.dwolla.v1.hal+json","resource-type":"funding-source"}},"id":"15c6bcce-46f7-e811-8112-e8dd3bececa8","status":"pending","amount":{"value":"42.00","currency":"USD"},"created":"2018-12-03T22:00:22.970Z","clearing":{"source":"standard"},"metadata":{"paymentId":"12345678","note":"Payment for completed work Dec. 1"},"correlationId":"8a2cdc8d-629d-4a24-98ac-40b735229fe2","individualAchId":"IDOWBKVE"}"#;

/// `transfer_create_build_parse`: a transfer between two funding-source
/// URLs with a correlation id and an idempotency key derived from a
/// payment id, built, then its 201 parsed. `transfer_retrieve_build_parse`:
/// `GET /transfers/{id}` built, then the reference's transfer (seven links,
/// metadata) parsed. Target: under 2 µs each.
fn transfers(c: &mut Criterion) {
    let create = dwolla_core::transfers::InitiateTransfer::new(
        "https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4",
        "https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db",
        dwolla_core::Amount::from_cents(4200),
    )
    .correlation_id("payout-4711")
    .idempotency_key("payout-4711");
    bench_build_and_parse(
        c,
        "transfer_create_build_parse",
        create,
        created("https://api-sandbox.dwolla.com/transfers/15c6bcce-46f7-e811-8112-e8dd3bececa8"),
    );
    bench_build_and_parse(
        c,
        "transfer_retrieve_build_parse",
        dwolla_core::transfers::RetrieveTransfer::new("15c6bcce-46f7-e811-8112-e8dd3bececa8"),
        ok_200(TRANSFER.to_owned()),
    );
}
