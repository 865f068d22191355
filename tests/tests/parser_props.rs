//! Property tests: no response, however malformed, makes a parser panic, and
//! only 2xx responses ever parse as success.

use bytes::Bytes;
use dwolla_core::exchange_partners::ListExchangePartners;
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, RetrieveExchangeSession,
};
use dwolla_core::exchanges::{
    CreateCustomerExchange, ListAvailableExchangeConnections, ListCustomerExchanges,
    RetrieveExchange,
};
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
};
use dwolla_core::hal::HalRequest;
use dwolla_core::token::parse_token_response;
use dwolla_core::{ApiErrorKind, Error, Operation};
use dwolla_mock::fixtures;
use http::header::{HeaderName, HeaderValue};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// Bytes a header value may hold: tab, visible ASCII, space and obs-text.
fn header_value() -> impl Strategy<Value = HeaderValue> {
    let any_bytes =
        prop::collection::vec(prop_oneof![Just(b'\t'), 0x20u8..0x7f, 0x80u8..=0xff], 0..48);
    let url_ish = prop::collection::vec(
        prop::sample::select(vec![
            "https://",
            "http://",
            "HTTPS://",
            "ftp://",
            "//",
            "api.dwolla.com",
            "127.0.0.1:8080",
            "[::1]",
            "[",
            "]",
            "/",
            "exchange-sessions",
            "exchanges",
            "abc",
            "fcd15e5f-8d13",
            "?",
            "#",
            "%",
            "%2F",
            "%zz",
            "@",
            ":",
            " ",
            "..",
            ".",
            "é",
            "\t",
            "x=1",
            "&",
            "0",
            "99999",
        ]),
        0..10,
    )
    .prop_map(|parts| parts.concat().into_bytes());
    let media = prop::sample::select(vec![
        "application/vnd.dwolla.v1.hal+json",
        "application/vnd.dwolla.v1.hal+json; profile=\"http://nocarrier.co.uk/profiles/vnd.error/\"; charset=UTF-8",
        "application/json",
        "text/html",
        "text/plain; charset=utf-8",
        "",
        ";;;",
        "application/json; charset=\"",
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    let retry = prop::sample::select(vec![
        "0",
        "7",
        "-1",
        "18446744073709551616",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "soon",
        " 5 ",
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![any_bytes, url_ish, media, retry]
        .prop_filter_map("valid header value", |b| HeaderValue::from_bytes(&b).ok())
}

fn header_name() -> impl Strategy<Value = HeaderName> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "location", "content-type", "x-request-id", "retry-after", "content-length", "Location",
            "Content-Type", "X-Request-ID",
        ])
        .prop_map(|s| HeaderName::from_bytes(s.as_bytes()).unwrap()),
        1 => "[a-z][a-z0-9-]{0,15}".prop_map(|s| HeaderName::from_bytes(s.as_bytes()).unwrap()),
    ]
}

/// Well-formed JSON built from the keys the parsers look for.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            "",
            "Plaid",
            "MX",
            "active",
            "deactivated",
            "bearer",
            "Bearer",
            "mac",
            "3599",
            "/_links/exchange-partner/href",
            "/_links/redirect-url/href",
            "ValidationError",
            "UpdateCredentials",
            "InvalidScope",
            "forbidden",
            "NotFound",
            "Invalid",
            "The exchange partner specified does not support this product",
            "must exactly match one of the configured URLs",
            "https://api.dwolla.com/exchange-sessions/x",
            "https://api-sandbox.dwolla.com/exchanges/e/exchange-sessions",
            "not a url",
            "é\n\u{0}",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ];
    let key = prop::sample::select(vec![
        "code",
        "message",
        "_embedded",
        "errors",
        "path",
        "_links",
        "about",
        "href",
        "self",
        "exchange-partner",
        "external-provider-session",
        "externalProviderSessionToken",
        "created",
        "exchange-partners",
        "id",
        "name",
        "status",
        "total",
        "access_token",
        "token_type",
        "expires_in",
        "error",
        "error_description",
        "other",
    ]);
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6).prop_map(|m| {
                serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

fn body() -> impl Strategy<Value = Bytes> {
    let fragments = prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"code\":",
            "\"message\":",
            "\"_embedded\":",
            "\"errors\":",
            "\"path\":",
            "\"_links\":",
            "\"about\":",
            "\"href\":",
            "\"self\":",
            "\"exchange-partner\":",
            "\"external-provider-session\":",
            "\"externalProviderSessionToken\":",
            "\"exchange-partners\":",
            "\"id\":",
            "\"name\":",
            "\"status\":",
            "\"created\":",
            "\"total\":",
            "\"access_token\":",
            "\"token_type\":",
            "\"expires_in\":",
            "\"error\":",
            "\"/_links/exchange-partner/href\"",
            "\"Invalid\"",
            "\"UpdateCredentials\"",
            "\"bearer\"",
            "\"active\"",
            "\"x\"",
            "null",
            "true",
            "1",
            "-1",
            "3599",
            "1e400",
            "18446744073709551616",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\n\"",
            " ",
            "\u{feff}",
            "é",
        ]),
        0..24,
    )
    .prop_map(|parts| Bytes::from(parts.concat()));
    prop_oneof![
        2 => fragments,
        2 => json_value().prop_map(|v| Bytes::from(v.to_string())),
        1 => prop::collection::vec(any::<u8>(), 0..128).prop_map(Bytes::from),
    ]
}

fn opt<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    proptest::option::weighted(0.8, s)
}

/// A JSON value for a string field: usually a realistic string, sometimes
/// anything (a number, null, an object...).
fn string_field(realistic: Vec<&'static str>) -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        4 => prop::sample::select(realistic).prop_map(|s| serde_json::Value::String(s.to_owned())),
        1 => json_value(),
    ]
}

fn url() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["https://", "http://", "HTTPS://", "ftp://", "", "//"]),
        prop::sample::select(vec![
            "api.dwolla.com",
            "api-sandbox.dwolla.com",
            "127.0.0.1:8080",
            "[::1]:1",
            "h",
            "",
        ]),
        prop::sample::select(vec![
            "/exchange-sessions/",
            "/exchange-partners/",
            "/exchanges/e/exchange-sessions",
            "/",
            "/a/b/",
            "",
        ]),
        "[a-zA-Z0-9%._~-]{0,12}",
        prop::sample::select(vec!["", "", "", "?x=1", "#f", "/", "?a=/b"]),
    )
        .prop_map(|(scheme, host, path, id, tail)| format!("{scheme}{host}{path}{id}{tail}"))
}

fn link() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        4 => url().prop_map(|h| serde_json::json!({ "href": h, "type": "application/vnd.dwolla.v1.hal+json" })),
        1 => json_value(),
    ]
}

fn object(fields: Vec<(&'static str, Option<serde_json::Value>)>) -> serde_json::Value {
    serde_json::Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect(),
    )
}

/// Bodies shaped like what each parser expects, with any field missing or of
/// the wrong type.
fn structured_body() -> impl Strategy<Value = Bytes> {
    let session = (
        opt(link()),
        opt(link()),
        opt(link()),
        opt(string_field(vec!["2024-03-25T17:13:38.430Z"])),
        opt(string_field(vec!["link-sandbox-1", ""])),
    )
        .prop_map(|(self_, partner, eps, created, token)| {
            let links = object(vec![
                ("self", self_),
                ("exchange-partner", partner),
                ("external-provider-session", eps),
            ]);
            object(vec![
                ("_links", Some(links)),
                ("created", created),
                ("externalProviderSessionToken", token),
            ])
        });
    let partner = (
        opt(link()),
        opt(string_field(vec!["p1", "", "a/b"])),
        opt(string_field(vec!["Plaid", "MX", "plaid", ""])),
        opt(string_field(vec![
            "active",
            "deactivated",
            "removed",
            "ACTIVE",
            "beta",
            "",
        ])),
        opt(string_field(vec!["2022-07-23T00:18:21.419Z"])),
    )
        .prop_map(|(self_, id, name, status, created)| {
            let links = self_.map(|l| object(vec![("self", Some(l))]));
            object(vec![
                ("_links", links),
                ("id", id),
                ("name", name),
                ("status", status),
                ("created", created),
            ])
        });
    let partners =
        (prop::collection::vec(partner, 0..4), opt(json_value())).prop_map(|(items, total)| {
            let embedded = object(vec![(
                "exchange-partners",
                Some(serde_json::Value::Array(items)),
            )]);
            object(vec![("_embedded", Some(embedded)), ("total", total)])
        });
    let exchange = (
        opt(link()),
        opt(link()),
        opt(string_field(vec!["e1", "", "a/b"])),
        opt(string_field(vec![
            "active",
            "deactivated",
            "removed",
            "Active",
            "paused",
            "",
        ])),
        opt(string_field(vec!["2022-10-19T17:44:44.864Z"])),
    )
        .prop_map(|(self_, partner, id, status, created)| {
            let links = object(vec![("self", self_), ("exchange-partner", partner)]);
            object(vec![
                ("_links", Some(links)),
                ("id", id),
                ("status", status),
                ("created", created),
            ])
        })
        .boxed();
    let collection = |rel: &'static str, item: BoxedStrategy<serde_json::Value>| {
        (prop::collection::vec(item, 0..4), opt(json_value())).prop_map(move |(items, total)| {
            let embedded = object(vec![(rel, Some(serde_json::Value::Array(items)))]);
            object(vec![("_embedded", Some(embedded)), ("total", total)])
        })
    };
    let exchanges = collection("exchanges", exchange.clone());
    let connection = (
        opt(string_field(vec!["eyJhY2NvdW50SWQiOiJBQ1QtMSJ9", ""])),
        opt(string_field(vec!["XYZ Checking", ""])),
    )
        .prop_map(|(token, name)| {
            object(vec![("availableConnectionToken", token), ("name", name)])
        });
    let connections = collection("available-exchange-connections", connection.boxed());
    let funding_source = (
        opt(link()),
        opt(link()),
        opt(string_field(vec!["fs1", ""])),
        opt(string_field(vec![
            "verified",
            "unverified",
            "VERIFIED",
            "pending",
        ])),
        opt(string_field(vec!["bank", "card", "balance"])),
        opt(string_field(vec!["checking", "savings", "money-market"])),
        opt(prop_oneof![
            Just(serde_json::json!(true)),
            Just(serde_json::json!(false)),
            json_value()
        ]),
        opt(prop_oneof![
            Just(serde_json::json!(["ach", "real-time-payments"])),
            json_value()
        ]),
    )
        .prop_map(
            |(self_, exchange, id, status, kind, bat, removed, channels)| {
                let links = object(vec![("self", self_), ("exchange", exchange)]);
                object(vec![
                    ("_links", Some(links)),
                    ("id", id),
                    ("status", status),
                    ("type", kind),
                    ("bankAccountType", bat),
                    ("removed", removed),
                    ("channels", channels),
                ])
            },
        );
    let token = (
        opt(string_field(vec![
            "tok", "tok-2", "tok-3", "", "a b", "t\u{0}",
        ])),
        opt(string_field(vec!["bearer", "Bearer", "BEARER", "mac"])),
        opt(prop_oneof![
            Just(serde_json::json!(3599)),
            Just(serde_json::json!("3599")),
            Just(serde_json::json!(-1)),
            Just(serde_json::json!(1.5)),
            Just(serde_json::json!(u64::MAX)),
            json_value(),
        ]),
        opt(string_field(vec![
            "invalid_client",
            "temporarily_unavailable",
        ])),
    )
        .prop_map(|(access, kind, expires, error)| {
            object(vec![
                ("access_token", access),
                ("token_type", kind),
                ("expires_in", expires),
                ("error", error),
            ])
        });
    let item = (
        opt(string_field(vec!["Invalid", "Required"])),
        opt(string_field(vec!["Invalid parameter.", "The provided redirect URL must exactly match one of the configured URLs for the account"])),
        opt(string_field(vec!["/_links/exchange-partner/href", "/_links/redirect-url/href", "/x"])),
    )
        .prop_map(|(code, message, path)| object(vec![("code", code), ("message", message), ("path", path), ("_links", Some(serde_json::json!({})))]));
    let error = (
        opt(string_field(vec![
            "ValidationError",
            "forbidden",
            "NotFound",
            "InvalidScope",
            "InvalidScopes",
            "ExpiredAccessToken",
            "InvalidAccessToken",
            "InvalidCredentials",
            "UpdateCredentials",
            "ServerError",
            "InvalidExchangeToken",
            "InactiveExchange",
            "InvalidExchange",
            "DuplicateResource",
        ])),
        opt(string_field(vec![
            "/_links/exchange-partner/href is invalid",
            "/_links/redirect-url/href is invalid",
            "The exchange partner specified does not support this product.",
            "EXCHANGE SESSIONS WITH THIS EXCHANGE PARTNER ARE NOT ENABLED FOR YOUR ACCOUNT",
            "Validation error(s) present.",
            "line one\nline two",
            "Bank already exists: id=df8392e5-4c06-42ed-b247-c098ed6f5a11",
            "Duplicate funding source or validation error. Authorization already associated to a funding source.",
            "The Exchange was removed or disabled.",
        ])),
        opt(prop::collection::vec(item, 0..3)),
        opt(link()),
    )
        .prop_map(|(code, message, errors, about)| {
            let embedded =
                errors.map(|e| object(vec![("errors", Some(serde_json::Value::Array(e)))]));
            let links = about.map(|a| object(vec![("about", Some(a))]));
            object(vec![
                ("code", code),
                ("message", message),
                ("_embedded", embedded),
                ("_links", links),
            ])
        });
    prop_oneof![
        1 => session,
        1 => partners,
        1 => exchange,
        1 => exchanges,
        1 => connections,
        1 => funding_source,
        1 => token,
        3 => error
    ]
    .prop_map(|v| Bytes::from(v.to_string()))
}

/// A fixture body, truncated and with one byte replaced.
fn mutated_fixture() -> impl Strategy<Value = Bytes> {
    let bodies: Vec<Bytes> = vec![
        fixtures::exchange_partners_list().into_body(),
        fixtures::exchange_session_plaid("s").into_body(),
        fixtures::exchange_session_mx("s").into_body(),
        fixtures::token("t", 3599).into_body(),
        fixtures::invalid_exchange_partner_embedded().into_body(),
        fixtures::update_credentials_default().into_body(),
        fixtures::exchange().into_body(),
        fixtures::customer_exchanges_list().into_body(),
        fixtures::available_exchange_connections().into_body(),
        fixtures::funding_source().into_body(),
        fixtures::duplicate_funding_source().into_body(),
    ];
    (
        prop::sample::select(bodies),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(body, cut, at, byte, replace)| {
            let mut v = body.to_vec();
            v.truncate(cut.index(v.len() + 1).max(v.len() / 2));
            if replace && !v.is_empty() {
                let i = at.index(v.len());
                v[i] = byte;
            }
            Bytes::from(v)
        })
}

fn response() -> impl Strategy<Value = http::Response<Bytes>> {
    let status = prop_oneof![
        3 => prop::sample::select(vec![200u16, 201, 204, 400, 400, 401, 403, 404, 409, 429, 500, 502]),
        2 => 100u16..=599,
    ];
    let location = prop_oneof![
        3 => url().prop_filter_map("valid header value", |u| HeaderValue::from_str(&u).ok()),
        1 => header_value(),
    ];
    let body = prop_oneof![2 => body(), 3 => structured_body(), 1 => mutated_fixture()];
    (
        status,
        opt(location),
        opt(header_value()),
        opt(header_value()),
        prop::collection::vec((header_name(), header_value()), 0..4),
        body,
    )
        .prop_map(
            |(status, location, content_type, request_id, headers, body)| {
                let mut r = http::Response::new(body);
                *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
                let h = r.headers_mut();
                if let Some(l) = location {
                    h.append("location", l);
                }
                if let Some(c) = content_type {
                    h.append("content-type", c);
                }
                if let Some(id) = request_id {
                    h.append("x-request-id", id);
                }
                for (n, v) in headers {
                    h.append(n, v);
                }
                r
            },
        )
}

/// Success only for 2xx; failures keep the status and body; nothing panics
/// while formatting or inspecting the error either.
fn check<T>(
    name: &str,
    response: &http::Response<Bytes>,
    result: Result<T, Error>,
) -> Result<(), TestCaseError> {
    let status = response.status();
    match result {
        Ok(_) => prop_assert!(status.is_success(), "{name}: Ok for status {status}"),
        Err(Error::Api(e)) => {
            prop_assert!(!status.is_success(), "{name}: Api error for 2xx");
            prop_assert_eq!(e.status(), status);
            prop_assert_eq!(e.body(), response.body());
            let shown = e.to_string();
            prop_assert!(
                !shown.contains('\n') && !shown.contains('\r'),
                "{}: multi-line: {}",
                name,
                shown
            );
            let _ = (
                format!("{e:?}"),
                e.kind(),
                e.request_id(),
                e.retry_after(),
                e.reauth_url(),
                e.errors(),
            );
        }
        Err(Error::UnexpectedResponse(u)) => {
            prop_assert!(
                status.is_success(),
                "{name}: UnexpectedResponse for non-2xx"
            );
            prop_assert_eq!(u.body(), response.body());
            prop_assert!(!u.to_string().contains('\n'));
            let _ = format!("{u:?}");
        }
        Err(other) => prop_assert!(false, "{name}: unexpected error variant {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn operation_parsers_never_panic_and_succeed_only_on_2xx(r in response()) {
        let create = CreateCustomerExchangeSession::web("c", "https://api.dwolla.com/exchange-partners/p");
        check("create", &r, create.parse_response(r.clone()))?;
        check("retrieve", &r, RetrieveExchangeSession::new("s").parse_response(r.clone()))?;
        check("re-auth", &r, CreateReAuthExchangeSession::web("e").parse_response(r.clone()))?;
        check("list partners", &r, ListExchangePartners::new().parse_response(r.clone()))?;
        let exchange = CreateCustomerExchange::plaid("c", "https://api.dwolla.com/exchange-partners/p", "t");
        check("create exchange", &r, exchange.parse_response(r.clone()))?;
        check("retrieve exchange", &r, RetrieveExchange::new("e").parse_response(r.clone()))?;
        check("list exchanges", &r, ListCustomerExchanges::new("c").parse_response(r.clone()))?;
        check("connections", &r, ListAvailableExchangeConnections::new("c").parse_response(r.clone()))?;
        let funding = CreateCustomerFundingSource::from_exchange("c", "e", BankAccountType::Checking, "n");
        check("create funding source", &r, funding.parse_response(r.clone()))?;
        check("retrieve funding source", &r, RetrieveFundingSource::new("f").parse_response(r.clone()))?;
        check("hal", &r, HalRequest::get("/x").parse_response(r.clone()))?;
        // Lists keep every item they were sent, as usable or skipped.
        if let Ok(list) = ListCustomerExchanges::new("c").parse_response(r.clone()) {
            let sent = serde_json::from_slice::<serde_json::Value>(r.body()).ok()
                .and_then(|v| v.pointer("/_embedded/exchanges").and_then(|a| a.as_array().map(Vec::len)));
            if let Some(sent) = sent {
                prop_assert_eq!(list.len() + list.skipped().len(), sent);
            }
        }
    }

    #[test]
    fn token_parser_never_panics_and_succeeds_only_on_2xx(r in response()) {
        let status = r.status();
        match parse_token_response(r.clone()) {
            Ok(t) => {
                prop_assert!(status.is_success(), "Ok for status {}", status);
                prop_assert!(!t.access_token().expose_secret().is_empty());
            }
            Err(e) => {
                prop_assert_eq!(e.status(), Some(status));
                prop_assert_eq!(e.body(), r.body());
                prop_assert!(!e.to_string().contains('\n'));
                let _ = (format!("{e:?}"), e.is_transient(), e.request_id());
            }
        }
    }

    #[test]
    fn created_ids_come_from_the_location(r in response()) {
        let create = CreateCustomerExchangeSession::web("c", "https://api.dwolla.com/exchange-partners/p");
        if let Ok(created) = create.parse_response(r.clone()) {
            let location = r.headers()["location"].to_str().unwrap().trim();
            prop_assert_eq!(created.location(), location);
            prop_assert!(!created.id().is_empty());
            prop_assert!(!created.id().contains('/'));
            prop_assert!(created.location().contains(created.id()));
        }
    }

    /// Built requests are deterministic and never panic for any input strings.
    #[test]
    fn building_never_panics(
        customer in ".{0,24}",
        partner in prop_oneof![".{0,24}", "https://[a-z.]{1,12}/[a-z/%]{0,12}"],
        redirect in proptest::option::of(".{0,24}"),
        key in proptest::option::of("[ -~]{0,40}"),
    ) {
        let mut op = match &redirect {
            Some(r) => CreateCustomerExchangeSession::with_redirect(customer.as_str(), partner.as_str(), r.as_str()),
            None => CreateCustomerExchangeSession::web(customer.as_str(), partner.as_str()),
        };
        if let Some(k) = &key {
            op = op.idempotency_key(k.as_str());
        }
        let token = dwolla_core::AccessToken::new("t");
        match op.build_request(&dwolla_core::Environment::Sandbox, &token) {
            Ok(req) => {
                let again = op.build_request(&dwolla_core::Environment::Sandbox, &token).unwrap();
                prop_assert_eq!(req.body(), again.body());
                prop_assert_eq!(req.uri(), again.uri());
                let v: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                prop_assert_eq!(v["_links"]["exchange-partner"]["href"].as_str(), Some(partner.as_str()));
                prop_assert!(req.uri().path().starts_with("/customers/"));
                prop_assert_eq!(req.uri().path().matches('/').count(), 3);
            }
            Err(Error::InvalidInput(i)) => {
                prop_assert!(["customer_id", "exchange_partner_href", "redirect_url", "idempotency_key"].contains(&i.field()));
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }
}

/// The generators are not vacuous: they reach success for every parser and
/// most error kinds, so the properties above test something.
#[test]
fn generators_reach_success_and_many_error_kinds() {
    let mut runner = TestRunner::deterministic();
    let strategy = response();
    let create =
        CreateCustomerExchangeSession::web("c", "https://api.dwolla.com/exchange-partners/p");
    let mut ok = [0usize; 8];
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..5000 {
        let r = strategy.new_tree(&mut runner).unwrap().current();
        ok[0] += create.parse_response(r.clone()).is_ok() as usize;
        ok[1] += RetrieveExchangeSession::new("s")
            .parse_response(r.clone())
            .is_ok() as usize;
        ok[2] += ListExchangePartners::new()
            .parse_response(r.clone())
            .is_ok() as usize;
        ok[3] += parse_token_response(r.clone()).is_ok() as usize;
        ok[4] += RetrieveExchange::new("e").parse_response(r.clone()).is_ok() as usize;
        ok[5] += ListCustomerExchanges::new("c")
            .parse_response(r.clone())
            .is_ok_and(|l| !l.is_empty()) as usize;
        ok[6] += ListAvailableExchangeConnections::new("c")
            .parse_response(r.clone())
            .is_ok_and(|l| !l.is_empty()) as usize;
        ok[7] += RetrieveFundingSource::new("f")
            .parse_response(r.clone())
            .is_ok() as usize;
        if let Err(Error::Api(e)) = create.parse_response(r) {
            kinds.insert(format!("{:?}", e.kind()));
        }
    }
    for (name, n) in [
        "create",
        "retrieve",
        "list partners",
        "token",
        "retrieve exchange",
        "non-empty exchange list",
        "non-empty connection list",
        "retrieve funding source",
    ]
    .iter()
    .zip(ok)
    {
        // The sampling is deterministic, so this cannot flake.
        assert!(
            n >= 5,
            "{name}: only {n} successes in 5000 generated responses"
        );
    }
    for kind in [
        ApiErrorKind::InvalidExchangePartner,
        ApiErrorKind::InvalidRedirectUrl,
        ApiErrorKind::RedirectUrlNotConfigured,
        ApiErrorKind::ExchangePartnerUnsupported,
        ApiErrorKind::ExchangePartnerNotEnabled,
        ApiErrorKind::InvalidScope,
        ApiErrorKind::UpdateCredentials,
        ApiErrorKind::NotFound,
        ApiErrorKind::RateLimited,
        ApiErrorKind::ServerError,
        ApiErrorKind::InvalidExchangeToken,
        ApiErrorKind::InactiveExchange,
        ApiErrorKind::DuplicateFundingSource,
    ] {
        assert!(
            kinds.contains(&format!("{kind:?}")),
            "{kind:?} never generated; got {kinds:?}"
        );
    }
}
