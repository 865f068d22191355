//! Micro-benchmarks of the sans-IO core: building the
//! "create customer exchange session" request and parsing its answers.
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

criterion_group!(sans_io, benches);
criterion_main!(sans_io);
