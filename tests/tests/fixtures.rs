//! Every fixture parses to what Dwolla's documentation says it means, keeping
//! everything Dwolla said; classification survives the variations seen between
//! the docs and live traffic.

use std::time::Duration;

use bytes::Bytes;
use dwolla_core::exchange_partners::{ListExchangePartners, PartnerStatus};
use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ProviderSession,
    RetrieveExchangeSession,
};
use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
};
use dwolla_core::token::parse_token_response;
use dwolla_core::{ApiError, ApiErrorKind, Error, Operation, RetryAfter};
use dwolla_mock::fixtures;
use serde_json::Value;

fn create_op() -> CreateCustomerExchangeSession {
    CreateCustomerExchangeSession::web(
        fixtures::CUSTOMER_ID,
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
    )
}

fn api_error(result: Result<impl std::fmt::Debug, Error>) -> ApiError {
    match result {
        Err(Error::Api(e)) => e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn request_id(r: &http::Response<Bytes>) -> String {
    r.headers()["x-request-id"].to_str().unwrap().to_owned()
}

/// Checks that the error kept the status, headers, body, code, message and
/// request id, and that its Display is one line naming all of them.
fn assert_keeps_everything(name: &str, response: &http::Response<Bytes>, e: &ApiError) {
    assert_eq!(e.status(), response.status(), "{name}");
    assert_eq!(e.body(), response.body(), "{name}: raw body kept");
    assert_eq!(e.headers(), response.headers(), "{name}: headers kept");
    let rid = request_id(response);
    assert_eq!(e.request_id(), Some(rid.as_str()), "{name}");
    assert_eq!(e.attempts(), 1, "{name}");
    let json: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(e.code(), json["code"].as_str(), "{name}: code kept");
    assert_eq!(
        e.message(),
        json["message"].as_str(),
        "{name}: message kept"
    );
    let shown = e.to_string();
    assert!(
        !shown.contains('\n') && !shown.contains('\r'),
        "{name}: one line: {shown}"
    );
    assert!(
        shown.contains(&format!("status {}", response.status().as_u16())),
        "{name}: {shown}"
    );
    assert!(
        shown.contains(json["code"].as_str().unwrap()),
        "{name}: {shown}"
    );
    assert!(
        shown.contains(json["message"].as_str().unwrap()),
        "{name}: {shown}"
    );
    assert!(shown.contains(&rid), "{name}: {shown}");
    assert!(
        shown.contains(&format!("{:?}", e.kind())),
        "{name}: {shown}"
    );
}

#[test]
fn every_documented_create_error_parses_to_its_kind_and_keeps_everything() {
    let table = fixtures::documented_create_errors();
    assert_eq!(table.len(), 9);
    for (name, response, kind) in table {
        let e = api_error(create_op().parse_response(response.clone()));
        assert_eq!(e.kind(), kind, "{name}");
        assert_keeps_everything(name, &response, &e);
        // The same body answers the re-auth POST with the same classification.
        let e2 = api_error(CreateReAuthExchangeSession::web("x").parse_response(response));
        assert_eq!(e2.kind(), kind, "{name} (re-auth)");
    }
}

#[test]
fn documented_bodies_and_headers_are_exact() {
    type Fixture = fn() -> http::Response<Bytes>;
    let cases: [(Fixture, u16, &str); 7] = [
        (
            fixtures::invalid_exchange_partner,
            400,
            r#"{"code":"ValidationError","message":"/_links/exchange-partner/href is invalid"}"#,
        ),
        (
            fixtures::invalid_redirect_url,
            400,
            r#"{"code":"ValidationError","message":"/_links/redirect-url/href is invalid"}"#,
        ),
        (
            fixtures::redirect_url_not_configured,
            400,
            r#"{"code":"ValidationError","message":"The provided redirect URL must exactly match one of the configured URLs for the account"}"#,
        ),
        (
            fixtures::invalid_scope,
            401,
            r#"{"code":"InvalidScope","message":"Missing or invalid scopes for requested endpoint"}"#,
        ),
        (
            fixtures::partner_unsupported,
            403,
            r#"{"code":"forbidden","message":"The exchange partner specified does not support this product"}"#,
        ),
        (
            fixtures::partner_not_enabled,
            403,
            r#"{"code":"forbidden","message":"Exchange sessions with this exchange partner are not enabled for your account"}"#,
        ),
        (
            fixtures::not_found,
            404,
            r#"{"code":"NotFound","message":"The requested resource was not found."}"#,
        ),
    ];
    for (f, status, body) in cases {
        let r = f();
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(std::str::from_utf8(r.body()).unwrap(), body);
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.dwolla.v1.hal+json; profile=\"http://nocarrier.co.uk/profiles/vnd.error/\"; charset=UTF-8"
        );
    }
}

#[test]
fn every_fixture_has_a_distinct_request_id() {
    let all = [
        fixtures::exchange_session_created(),
        fixtures::invalid_exchange_partner(),
        fixtures::invalid_exchange_partner_embedded(),
        fixtures::invalid_redirect_url(),
        fixtures::invalid_redirect_url_embedded(),
        fixtures::redirect_url_not_configured(),
        fixtures::invalid_scope(),
        fixtures::partner_unsupported(),
        fixtures::partner_not_enabled(),
        fixtures::not_found(),
        fixtures::rate_limited(None),
        fixtures::server_error_html(),
        fixtures::server_error(),
        fixtures::expired_access_token(),
        fixtures::invalid_access_token(),
        fixtures::update_credentials_default(),
        fixtures::token("t", 3599),
        fixtures::token_invalid_client(),
        fixtures::token_html_500(),
        fixtures::exchange_partners_list(),
        fixtures::exchange_session_plaid("s"),
        fixtures::exchange_session_mx("s"),
        fixtures::exchange_session_forbidden(),
        fixtures::exchange_session_not_found(),
        fixtures::reauth_forbidden(),
        fixtures::reauth_validation(),
        fixtures::exchange(),
        fixtures::customer_exchanges_list(),
        fixtures::available_exchange_connections(),
        fixtures::funding_source(),
    ];
    let all: Vec<_> = all
        .into_iter()
        .chain(
            [
                fixtures::documented_create_exchange_errors(),
                fixtures::documented_retrieve_exchange_errors(),
                fixtures::documented_list_exchanges_errors(),
                fixtures::documented_available_connections_errors(),
                fixtures::documented_create_funding_source_errors(),
                fixtures::documented_retrieve_funding_source_errors(),
            ]
            .into_iter()
            .flatten()
            // Shared with other lists, already above or in another table.
            .filter(|(name, _, _)| {
                !["not_found", "update_credentials", "customer_not_found"].contains(name)
            })
            .map(|(_, r, _)| r),
        )
        .chain([fixtures::customer_not_found()])
        .collect();
    let mut ids: Vec<String> = all.iter().map(request_id).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "request ids must be distinct");
}

#[test]
fn html_500_is_a_server_error_with_the_raw_body() {
    let r = fixtures::server_error_html();
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let e = api_error(create_op().parse_response(r.clone()));
    assert_eq!(e.kind(), ApiErrorKind::ServerError);
    assert_eq!(e.status(), 500);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), None);
    assert_eq!(&e.body()[..], fixtures::SERVER_ERROR_HTML.as_bytes());
    assert_eq!(e.request_id(), Some(request_id(&r).as_str()));
    let shown = e.to_string();
    assert!(!shown.contains('\n'), "{shown}");
    assert!(
        shown.contains("status 500") && shown.contains(&request_id(&r)),
        "{shown}"
    );

    let e = api_error(create_op().parse_response(fixtures::server_error()));
    assert_eq!(e.kind(), ApiErrorKind::ServerError);
    assert_eq!(e.code(), Some("ServerError"));
    assert!(e
        .message()
        .unwrap()
        .starts_with("A server error occurred. Error ID: "));
}

#[test]
fn live_traffic_embedded_errors_classify_by_path() {
    let e = api_error(create_op().parse_response(fixtures::invalid_exchange_partner_embedded()));
    assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
    assert_eq!(e.code(), Some("ValidationError"));
    assert_eq!(e.errors().len(), 1);
    assert_eq!(e.errors()[0].path(), Some("/_links/exchange-partner/href"));
    assert_eq!(e.errors()[0].code(), Some("Invalid"));
    assert_eq!(e.errors()[0].message(), Some("Invalid parameter."));

    let e = api_error(create_op().parse_response(fixtures::invalid_redirect_url_embedded()));
    assert_eq!(e.kind(), ApiErrorKind::InvalidRedirectUrl);
    assert_eq!(e.errors()[0].path(), Some("/_links/redirect-url/href"));

    // The path decides even when no message mentions the field.
    let body = r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Required","message":"Something.","path":"/_links/redirect-url/href","_links":{}}]}}"#;
    let e = api_error(create_op().parse_response(fixtures::error_response(400, "r", body)));
    assert_eq!(e.kind(), ApiErrorKind::InvalidRedirectUrl);

    // The not-configured message on the redirect path is the more specific kind.
    let body = r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Invalid","message":"The provided redirect URL must exactly match one of the configured URLs for the account.","path":"/_links/redirect-url/href","_links":{}}]}}"#;
    let e = api_error(create_op().parse_response(fixtures::error_response(400, "r", body)));
    assert_eq!(e.kind(), ApiErrorKind::RedirectUrlNotConfigured);

    // An unrelated path is a plain validation error, details kept.
    let body = r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Required","message":"Required.","path":"/firstName","_links":{}}]}}"#;
    let e = api_error(create_op().parse_response(fixtures::error_response(400, "r", body)));
    assert_eq!(e.kind(), ApiErrorKind::Validation);
    assert_eq!(e.errors()[0].path(), Some("/firstName"));
}

#[test]
fn rate_limited_exposes_retry_after() {
    let e = api_error(create_op().parse_response(fixtures::rate_limited(Some(7))));
    assert_eq!(e.kind(), ApiErrorKind::RateLimited);
    assert_eq!(e.status(), 429);
    assert_eq!(
        e.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(7)))
    );
    let e = api_error(create_op().parse_response(fixtures::rate_limited(None)));
    assert_eq!(e.kind(), ApiErrorKind::RateLimited);
    assert_eq!(e.retry_after(), None);
    assert_eq!(e.code(), Some("TooManyRequests"));
}

/// Rewrites every message (top level and embedded) and the top-level code.
fn rewrite(body: &[u8], msg: &dyn Fn(&str) -> String, code: &dyn Fn(&str) -> String) -> Bytes {
    let mut v: Value = serde_json::from_slice(body).unwrap();
    if let Some(m) = v["message"].as_str().map(msg) {
        v["message"] = Value::String(m);
    }
    if let Some(c) = v["code"].as_str().map(code) {
        v["code"] = Value::String(c);
    }
    if let Some(items) = v
        .get_mut("_embedded")
        .and_then(|e| e.get_mut("errors"))
        .and_then(Value::as_array_mut)
    {
        for item in items {
            if let Some(m) = item["message"].as_str().map(msg) {
                item["message"] = Value::String(m);
            }
        }
    }
    Bytes::from(v.to_string())
}

#[test]
fn classification_tolerates_case_period_and_content_type() {
    type Transform = (&'static str, fn(&str) -> String);
    let messages: [Transform; 5] = [
        ("as is", |m| m.to_owned()),
        ("upper case", |m| m.to_uppercase()),
        ("lower case", |m| m.to_lowercase()),
        ("trailing period added", |m| {
            format!("{}.", m.trim_end_matches('.'))
        }),
        ("trailing period removed", |m| {
            m.trim_end_matches('.').to_owned()
        }),
    ];
    let codes: [Transform; 3] = [
        ("as is", |c| c.to_owned()),
        ("upper case", |c| c.to_uppercase()),
        ("lower case", |c| c.to_lowercase()),
    ];
    let content_types: [Option<&str>; 7] = [
        None,
        Some("application/vnd.dwolla.v1.hal+json"),
        Some("application/vnd.dwolla.v1.hal+json; charset=UTF-8"),
        Some("APPLICATION/VND.DWOLLA.V1.HAL+JSON; PROFILE=\"http://nocarrier.co.uk/profiles/vnd.error/\""),
        Some("application/json"),
        Some("text/plain"),
        Some("text/html; charset=iso-8859-1"),
    ];
    let mut checked = 0;
    for (name, response, kind) in fixtures::documented_create_errors() {
        for (mname, m) in &messages {
            for (cname, c) in &codes {
                for ct in content_types {
                    let body = rewrite(response.body(), m, c);
                    let mut b = http::Response::builder()
                        .status(response.status())
                        .header("x-request-id", "req-variant");
                    if let Some(ct) = ct {
                        b = b.header("content-type", ct);
                    }
                    let r = b.body(body.clone()).unwrap();
                    let e = api_error(create_op().parse_response(r));
                    assert_eq!(
                        e.kind(),
                        kind,
                        "{name}, message {mname}, code {cname}, content-type {ct:?}: {}",
                        String::from_utf8_lossy(&body)
                    );
                    assert_eq!(e.body(), &body);
                    assert_eq!(e.request_id(), Some("req-variant"));
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 9 * 5 * 3 * 7);
}

#[test]
fn both_scope_spellings_are_invalid_scope() {
    for code in ["InvalidScope", "InvalidScopes", "invalidscopes"] {
        let body = format!(
            r#"{{"code":"{code}","message":"Missing or invalid scopes for requested endpoint"}}"#
        );
        let e = api_error(create_op().parse_response(fixtures::error_response(401, "r", body)));
        assert_eq!(e.kind(), ApiErrorKind::InvalidScope, "{code}");
    }
}

#[test]
fn auth_fixtures_parse_to_their_kinds() {
    for (r, kind, code) in [
        (
            fixtures::expired_access_token(),
            ApiErrorKind::ExpiredAccessToken,
            "ExpiredAccessToken",
        ),
        (
            fixtures::invalid_access_token(),
            ApiErrorKind::InvalidAccessToken,
            "InvalidAccessToken",
        ),
        (
            fixtures::invalid_scope(),
            ApiErrorKind::InvalidScope,
            "InvalidScope",
        ),
    ] {
        let e = api_error(RetrieveExchangeSession::new("s").parse_response(r.clone()));
        assert_eq!(e.kind(), kind);
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.status(), 401);
        assert_keeps_everything(code, &r, &e);
    }
    let e = api_error(
        RetrieveExchangeSession::new("s").parse_response(fixtures::invalid_access_token()),
    );
    assert_eq!(e.message(), Some("Invalid access token."));
}

#[test]
fn update_credentials_points_at_the_reauth_url() {
    let url = fixtures::reauth_href("ex-1");
    let r = fixtures::update_credentials(&url);
    let e = api_error(create_op().parse_response(r.clone()));
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
    assert_eq!(e.about_href(), Some(url.as_str()));
    assert_eq!(e.reauth_url(), Some(url.as_str()));
    assert_keeps_everything("update_credentials", &r, &e);
    // Only UpdateCredentials errors offer a re-auth URL.
    let e = api_error(create_op().parse_response(fixtures::not_found()));
    assert_eq!(e.reauth_url(), None);
}

#[test]
fn token_fixtures_parse() {
    let t = parse_token_response(fixtures::token("tok-123", 3599)).unwrap();
    assert_eq!(t.access_token().expose_secret(), "tok-123");
    assert_eq!(t.expires_in(), Duration::from_secs(3599));

    let r = fixtures::token_invalid_client();
    let rid = request_id(&r);
    let e = parse_token_response(r).unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(e.oauth_error(), Some("invalid_client"));
    assert_eq!(&e.body()[..], br#"{"error":"invalid_client"}"#);
    assert_eq!(e.request_id(), Some(rid.as_str()));
    assert!(!e.is_transient());
    assert!(e.to_string().contains("invalid_client"));

    let e = parse_token_response(fixtures::token_html_500()).unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(e.oauth_error(), None);
    assert_eq!(&e.body()[..], fixtures::SERVER_ERROR_HTML.as_bytes());
    assert!(e.is_transient());
    assert!(!e.to_string().contains('\n'));
}

#[test]
fn exchange_partners_list_parses() {
    let r = fixtures::exchange_partners_list();
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/vnd.dwolla.v1.hal+json"));
    let list = ListExchangePartners::new().parse_response(r).unwrap();
    assert_eq!(list.total(), Some(4));
    let names: Vec<&str> = list.all().iter().map(|p| p.name()).collect();
    assert_eq!(names, ["Finicity", "MX", "Plaid", "Flinks"]);
    let active: Vec<&str> = list.active().map(|p| p.name()).collect();
    assert_eq!(active, ["Finicity", "MX", "Plaid"]);
    let plaid = list.find_by_name("Plaid").unwrap();
    assert_eq!(plaid.id(), fixtures::PLAID_PARTNER_ID);
    assert_eq!(
        plaid.href(),
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    assert_eq!(plaid.status(), &PartnerStatus::Active);
    assert!(plaid.created().is_some());
    let flinks = &list.all()[3];
    assert_eq!(flinks.status(), &PartnerStatus::Deactivated);
    assert!(list.find_by_name("Flinks").is_none());
    for p in list.all() {
        assert!(p.href().starts_with(fixtures::BASE), "{}", p.href());
        assert!(p.href().ends_with(p.id()));
    }
}

#[test]
fn exchange_session_fixtures_parse() {
    let s = RetrieveExchangeSession::new("s-1")
        .parse_response(fixtures::exchange_session_plaid("s-1"))
        .unwrap();
    assert_eq!(s.id(), Some("s-1"));
    assert_eq!(s.self_href(), Some(fixtures::session_href("s-1").as_str()));
    assert_eq!(
        s.exchange_partner_href(),
        fixtures::partner_href(fixtures::PLAID_PARTNER_ID)
    );
    assert_eq!(
        s.external_provider_session_token(),
        Some(fixtures::PLAID_LINK_TOKEN)
    );
    assert_eq!(s.external_provider_session_url(), None);
    assert_eq!(
        s.provider_session(),
        Some(ProviderSession::PlaidLinkToken(fixtures::PLAID_LINK_TOKEN))
    );
    assert_eq!(s.created(), "2024-03-25T17:13:38.430Z");

    let s = RetrieveExchangeSession::new("s-2")
        .parse_response(fixtures::exchange_session_mx("s-2"))
        .unwrap();
    assert_eq!(s.id(), Some("s-2"));
    assert_eq!(
        s.exchange_partner_href(),
        fixtures::partner_href(fixtures::MX_PARTNER_ID)
    );
    assert_eq!(s.external_provider_session_token(), None);
    assert_eq!(
        s.external_provider_session_url(),
        Some(fixtures::MX_CONNECT_URL)
    );
    assert_eq!(
        s.provider_session(),
        Some(ProviderSession::MxConnectUrl(fixtures::MX_CONNECT_URL))
    );
}

#[test]
fn issue_four_error_fixtures_are_typed() {
    let cases: [(&str, http::Response<Bytes>, ApiErrorKind, &str, &str); 4] = [
        (
            "exchange_session_forbidden",
            fixtures::exchange_session_forbidden(),
            ApiErrorKind::Forbidden,
            "forbidden",
            "Not authorized to retrieve exchange session.",
        ),
        (
            "exchange_session_not_found",
            fixtures::exchange_session_not_found(),
            ApiErrorKind::NotFound,
            "notFound",
            "Exchange session not found.",
        ),
        (
            "reauth_forbidden",
            fixtures::reauth_forbidden(),
            ApiErrorKind::Forbidden,
            "forbidden",
            "Not authorized to create re-authentication exchange session.",
        ),
        (
            "reauth_validation",
            fixtures::reauth_validation(),
            ApiErrorKind::Validation,
            "ValidationError",
            "Invalid request parameters",
        ),
    ];
    for (name, r, kind, code, message) in cases {
        let e = if name.starts_with("reauth") {
            api_error(CreateReAuthExchangeSession::web("e").parse_response(r.clone()))
        } else {
            api_error(RetrieveExchangeSession::new("s").parse_response(r.clone()))
        };
        assert_eq!(e.kind(), kind, "{name}");
        assert_eq!(e.code(), Some(code), "{name}");
        assert_eq!(e.message(), Some(message), "{name}");
        assert_keeps_everything(name, &r, &e);
    }
    // Listing partners may also be forbidden (ForbiddenError schema).
    let body = r#"{"code":"Forbidden","message":"The supplied credentials are not authorized for this resource."}"#;
    let e = api_error(
        ListExchangePartners::new().parse_response(fixtures::error_response(403, "r", body)),
    );
    assert_eq!(e.kind(), ApiErrorKind::Forbidden);
}

#[test]
fn created_fixture_is_a_201_with_an_absolute_location() {
    let r = fixtures::exchange_session_created();
    assert_eq!(r.status(), 201);
    assert!(r.body().is_empty());
    let created = create_op().parse_response(r).unwrap();
    assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);
    assert_eq!(
        created.location(),
        fixtures::session_href(fixtures::EXCHANGE_SESSION_ID)
    );
    let created = create_op()
        .parse_response(fixtures::created(
            "https://api.dwolla.com/exchange-sessions/abc",
        ))
        .unwrap();
    assert_eq!(created.id(), "abc");
}

/// Every documented error of every exchange and funding-source operation
/// parses, through that operation, to its kind and keeps everything.
#[test]
fn every_documented_exchange_and_funding_source_error_is_typed() {
    use dwolla_core::exchanges::{
        CreateCustomerExchange, ListAvailableExchangeConnections, ListCustomerExchanges,
        RetrieveExchange,
    };
    use dwolla_core::funding_sources::{
        BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
    };
    type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;
    fn parse<O: Operation + 'static>(op: O) -> Parse
    where
        O::Output: std::fmt::Debug,
    {
        Box::new(move |r| op.parse_response(r).map(|_| ()))
    }
    let partner = fixtures::partner_href(fixtures::PLAID_PARTNER_ID);
    let tables: Vec<(&str, Parse, _, usize)> = vec![
        (
            "create exchange",
            parse(CreateCustomerExchange::plaid("c", partner, "t")),
            fixtures::documented_create_exchange_errors(),
            5,
        ),
        (
            "retrieve exchange",
            parse(RetrieveExchange::new("e")),
            fixtures::documented_retrieve_exchange_errors(),
            2,
        ),
        (
            "list exchanges",
            parse(ListCustomerExchanges::new("c")),
            fixtures::documented_list_exchanges_errors(),
            1,
        ),
        (
            "available connections",
            parse(ListAvailableExchangeConnections::new("c")),
            fixtures::documented_available_connections_errors(),
            1,
        ),
        (
            "create funding source",
            parse(CreateCustomerFundingSource::from_exchange(
                "c",
                "e",
                BankAccountType::Checking,
                "n",
            )),
            fixtures::documented_create_funding_source_errors(),
            11,
        ),
        (
            "retrieve funding source",
            parse(RetrieveFundingSource::new("f")),
            fixtures::documented_retrieve_funding_source_errors(),
            1,
        ),
    ];
    for (op, parse, table, len) in tables {
        assert_eq!(table.len(), len, "{op}");
        for (name, response, kind) in table {
            let e = api_error(parse(response.clone()));
            assert_eq!(e.kind(), kind, "{op}: {name}");
            assert_keeps_everything(name, &response, &e);
        }
    }
}

#[test]
fn duplicate_funding_source_points_at_the_existing_one() {
    let e = api_error(
        CreateCustomerFundingSource::from_exchange("c", "e", BankAccountType::Checking, "n")
            .parse_response(fixtures::duplicate_funding_source()),
    );
    assert_eq!(e.kind(), ApiErrorKind::DuplicateFundingSource);
    assert_eq!(
        e.about_href(),
        Some(fixtures::funding_source_href(fixtures::EXISTING_FUNDING_SOURCE_ID).as_str())
    );
    // The spec's ValidationError form has no link to offer.
    let e = api_error(
        CreateCustomerFundingSource::from_exchange("c", "e", BankAccountType::Checking, "n")
            .parse_response(fixtures::duplicate_funding_source_validation()),
    );
    assert_eq!(e.kind(), ApiErrorKind::DuplicateFundingSource);
    assert_eq!(e.about_href(), None);
    // DuplicateResource about something else (a customer) is not a funding
    // source: it is a duplicate customer.
    let other = fixtures::error_response(
        400,
        "r",
        r#"{"code":"DuplicateResource","message":"Customer already exists: id=abc","_links":{"about":{"href":"https://api.dwolla.com/customers/abc"}}}"#,
    );
    let e = api_error(RetrieveFundingSource::new("f").parse_response(other));
    assert_eq!(e.kind(), ApiErrorKind::DuplicateCustomer);
}

#[test]
fn invalid_exchange_token_is_never_an_access_token_error() {
    for r in [
        fixtures::invalid_exchange_token(),
        fixtures::invalid_exchange_token_401(),
        fixtures::funding_source_invalid_exchange_token(),
    ] {
        let e = ApiError::from_response(r);
        assert_eq!(e.kind(), ApiErrorKind::InvalidExchangeToken);
        assert_ne!(e.kind(), ApiErrorKind::InvalidAccessToken);
    }
}
