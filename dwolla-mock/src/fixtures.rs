//! Ready responses for every documented outcome, with Dwolla's real headers.
//!
//! Bodies are the ones documented in Dwolla's OpenAPI spec and developer docs;
//! where a body is not documented (the 429 body, some 401 messages, the
//! `UpdateCredentials` message) the fixture says so. Every response carries an
//! `x-request-id` (a fixed value per fixture, so tests are deterministic);
//! error responses carry Dwolla's error media type with its parameters:
//! `application/vnd.dwolla.v1.hal+json; profile="http://nocarrier.co.uk/profiles/vnd.error/"; charset=UTF-8`.
//!
//! Hrefs use the sandbox host, [`BASE`].
//!
//! ```
//! use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
//! use dwolla_core::Operation;
//! use dwolla_mock::fixtures;
//!
//! let op = CreateCustomerExchangeSession::web("c", fixtures::partner_href(fixtures::MX_PARTNER_ID));
//! for (name, response, kind) in fixtures::documented_create_errors() {
//!     let err = op.parse_response(response).unwrap_err();
//!     assert_eq!(err.api_kind(), Some(kind), "{name}");
//! }
//! ```

use bytes::Bytes;
use dwolla_core::ApiErrorKind;
use http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use http::{HeaderValue, StatusCode};

/// The base URL of every href in these fixtures (Dwolla's sandbox).
pub const BASE: &str = "https://api-sandbox.dwolla.com";

/// The media type of Dwolla's error responses, parameters included.
pub const ERROR_CONTENT_TYPE: &str = "application/vnd.dwolla.v1.hal+json; profile=\"http://nocarrier.co.uk/profiles/vnd.error/\"; charset=UTF-8";

/// The media type of Dwolla's successful JSON responses.
pub const HAL_CONTENT_TYPE: &str = "application/vnd.dwolla.v1.hal+json; charset=UTF-8";

/// A customer id used in examples.
pub const CUSTOMER_ID: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
/// The exchange session id of [`exchange_session_created`].
pub const EXCHANGE_SESSION_ID: &str = "fcd15e5f-8d13-4570-a9b7-7fb49e55941d";
/// An exchange id used in examples (and by [`update_credentials_default`]).
pub const EXCHANGE_ID: &str = "0e4a2ae5-5b6f-4f1c-9a0d-7a5a1b0c2d3e";
/// Plaid's partner id in [`exchange_partners_list`].
pub const PLAID_PARTNER_ID: &str = "f53ffb32-c84f-496a-9d9d-acd100d396ef";
/// MX's partner id in [`exchange_partners_list`].
pub const MX_PARTNER_ID: &str = "292317ec-e252-47d8-93c3-2d128e037aa4";
/// Finicity's partner id in [`exchange_partners_list`].
pub const FINICITY_PARTNER_ID: &str = "9b55a4b3-34ae-4607-b2d1-622f1eed77f9";
/// The deactivated partner's (Flinks) id in [`exchange_partners_list`].
pub const FLINKS_PARTNER_ID: &str = "b2a3c4d5-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
/// The Plaid Link token in [`exchange_session_plaid`].
pub const PLAID_LINK_TOKEN: &str = "link-sandbox-5c9a6b1e-2f3d-4c8a-9e7b-0a1b2c3d4e5f";
/// The MX Connect URL in [`exchange_session_mx`].
pub const MX_CONNECT_URL: &str = "https://int-widgets.moneydesktop.com/md/connect/yxcdk7f1nb99jwApp34lA24m0AZ8rzprgmw17gm8z8h2AzjyAnd1rj42qfv42r3xnn07Amfwlg3j09hwp8bkq8tc5z21j33xjggmp2qtlpkz2v4gywfhfn31l44tx2w91bfc2thc58j4syqp0hgxcyvA4g7754hk7gjc56kt7tc36s45mmkdz2jqqqydspytmtr3dAb9jh6fkb24f3zkfpdjj0v66cp3tv5g3mcgwzhkp2vxvrqxqkgkkvdcgsvcqp8v1x7jymdzc1prbb5d2n8fkgdx5kbAr7bsdv3vfwqrvjmqbA2znzxk7wbcqhm1q5xw6l8s2x23v2l1s8xp3l4zq0/eyJ1aV9tZXNzYWdlX3ZlcnNpb24iOjQsInVpX21lc3NhZ2Vfd2Vidmlld191cmxfc2NoZW1lIjoibXgiLCJtb2RlIjoidmVyaWZpY2F0aW9uIn0%3D";

/// `{BASE}/exchange-partners/{id}`.
pub fn partner_href(id: &str) -> String {
    format!("{BASE}/exchange-partners/{id}")
}

/// `{BASE}/exchange-sessions/{id}`.
pub fn session_href(id: &str) -> String {
    format!("{BASE}/exchange-sessions/{id}")
}

/// `{BASE}/exchanges/{id}/exchange-sessions`: the re-auth URL of an exchange.
pub fn reauth_href(exchange_id: &str) -> String {
    format!("{BASE}/exchanges/{exchange_id}/exchange-sessions")
}

fn base(status: u16, request_id: &str) -> http::response::Builder {
    http::Response::builder()
        .status(StatusCode::from_u16(status).expect("fixture statuses are valid"))
        .header("x-request-id", request_id)
}

fn finish(b: http::response::Builder, body: impl Into<Bytes>) -> http::Response<Bytes> {
    b.body(body.into()).expect("fixture responses are valid")
}

/// Any Dwolla error response: `status`, the error media type, this request id
/// and `body` as is. For crafting variants the fixtures below do not cover.
pub fn error_response(
    status: u16,
    request_id: &str,
    body: impl Into<Bytes>,
) -> http::Response<Bytes> {
    finish(
        base(status, request_id).header(CONTENT_TYPE, ERROR_CONTENT_TYPE),
        body,
    )
}

/// A successful HAL+JSON response.
pub fn hal_response(
    status: u16,
    request_id: &str,
    body: impl Into<Bytes>,
) -> http::Response<Bytes> {
    finish(
        base(status, request_id).header(CONTENT_TYPE, HAL_CONTENT_TYPE),
        body,
    )
}

fn code_message(code: &str, message: &str) -> String {
    serde_json::json!({ "code": code, "message": message }).to_string()
}

// ---------------------------------------------------------------------------
// POST /customers/{id}/exchange-sessions (and the re-auth POST): 201
// ---------------------------------------------------------------------------

/// 201 Created with `Location: location` (and no body), as every create
/// operation answers.
pub fn created(location: &str) -> http::Response<Bytes> {
    finish(
        base(201, "8a1b6e44-5f0d-4d1e-9a7f-2f2b0c1d3e4f")
            .header(
                LOCATION,
                HeaderValue::from_str(location).expect("a valid Location value"),
            )
            .header("content-length", "0"),
        Bytes::new(),
    )
}

/// 201 Created with `Location: {BASE}/exchange-sessions/{EXCHANGE_SESSION_ID}`.
pub fn exchange_session_created() -> http::Response<Bytes> {
    created(&session_href(EXCHANGE_SESSION_ID))
}

// ---------------------------------------------------------------------------
// POST /customers/{id}/exchange-sessions: documented errors
// ---------------------------------------------------------------------------

/// 400 `ValidationError` "/_links/exchange-partner/href is invalid" (as documented).
pub fn invalid_exchange_partner() -> http::Response<Bytes> {
    error_response(
        400,
        "1f0e3c2a-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
        code_message(
            "ValidationError",
            "/_links/exchange-partner/href is invalid",
        ),
    )
}

/// The same failure in live-traffic form: top-level `ValidationError` with the
/// detail in `_embedded.errors[]` (`path: "/_links/exchange-partner/href"`).
pub fn invalid_exchange_partner_embedded() -> http::Response<Bytes> {
    error_response(
        400,
        "2a1f4d3b-8c7e-4f60-9bac-1d2e3f4a5b6c",
        embedded_validation(
            "Invalid",
            "Invalid parameter.",
            "/_links/exchange-partner/href",
        ),
    )
}

/// 400 `ValidationError` "/_links/redirect-url/href is invalid" (as documented).
pub fn invalid_redirect_url() -> http::Response<Bytes> {
    error_response(
        400,
        "3b2a5e4c-9d8f-4071-8cbd-2e3f4a5b6c7d",
        code_message("ValidationError", "/_links/redirect-url/href is invalid"),
    )
}

/// The invalid redirect URL in live-traffic form (`_embedded.errors[]` with
/// `path: "/_links/redirect-url/href"`).
pub fn invalid_redirect_url_embedded() -> http::Response<Bytes> {
    error_response(
        400,
        "4c3b6f5d-0e9a-4182-9dce-3f4a5b6c7d8e",
        embedded_validation("Invalid", "Invalid parameter.", "/_links/redirect-url/href"),
    )
}

/// 400 `ValidationError` "The provided redirect URL must exactly match one of
/// the configured URLs for the account" (as documented).
pub fn redirect_url_not_configured() -> http::Response<Bytes> {
    error_response(
        400,
        "5d4c7a6e-1f0b-4293-8edf-4a5b6c7d8e9f",
        code_message(
            "ValidationError",
            "The provided redirect URL must exactly match one of the configured URLs for the account",
        ),
    )
}

fn embedded_validation(code: &str, message: &str, path: &str) -> String {
    serde_json::json!({
        "code": "ValidationError",
        "message": "Validation error(s) present. See embedded errors list for more details.",
        "_embedded": {
            "errors": [
                { "code": code, "message": message, "path": path, "_links": {} }
            ]
        }
    })
    .to_string()
}

/// 401 `InvalidScope` "Missing or invalid scopes for requested endpoint".
pub fn invalid_scope() -> http::Response<Bytes> {
    error_response(
        401,
        "6e5d8b7f-2a1c-43a4-9fe0-5b6c7d8e9f0a",
        code_message(
            "InvalidScope",
            "Missing or invalid scopes for requested endpoint",
        ),
    )
}

/// 403 `forbidden` "The exchange partner specified does not support this product".
pub fn partner_unsupported() -> http::Response<Bytes> {
    error_response(
        403,
        "7f6e9c8a-3b2d-44b5-8a01-6c7d8e9f0a1b",
        code_message(
            "forbidden",
            "The exchange partner specified does not support this product",
        ),
    )
}

/// 403 `forbidden` "Exchange sessions with this exchange partner are not
/// enabled for your account".
pub fn partner_not_enabled() -> http::Response<Bytes> {
    error_response(
        403,
        "8a7f0d9b-4c3e-45c6-9b12-7d8e9f0a1b2c",
        code_message(
            "forbidden",
            "Exchange sessions with this exchange partner are not enabled for your account",
        ),
    )
}

/// 404 `NotFound` "The requested resource was not found.".
pub fn not_found() -> http::Response<Bytes> {
    error_response(
        404,
        "9b8a1e0c-5d4f-46d7-8c23-8e9f0a1b2c3d",
        code_message("NotFound", "The requested resource was not found."),
    )
}

/// 429 rate limited, with `Retry-After: <seconds>` when given. Dwolla documents
/// only the status (and no `Retry-After`); the body is the spec's generic
/// `TooManyRequestsError` example.
pub fn rate_limited(retry_after: Option<u64>) -> http::Response<Bytes> {
    let mut b =
        base(429, "0c9b2f1d-6e5a-47e8-9d34-9f0a1b2c3d4e").header(CONTENT_TYPE, ERROR_CONTENT_TYPE);
    if let Some(secs) = retry_after {
        b = b.header(RETRY_AFTER, secs);
    }
    finish(
        b,
        code_message(
            "TooManyRequests",
            "Please wait a short period of time before re-attempting the request.",
        ),
    )
}

/// The HTML body of [`server_error_html`].
pub const SERVER_ERROR_HTML: &str = "<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n<center><h1>500 Internal Server Error</h1></center>\n<hr><center>cloudfront</center>\n</body>\n</html>\n";

/// 500 with an HTML page (as a CDN in front of Dwolla sends), `text/html`.
pub fn server_error_html() -> http::Response<Bytes> {
    finish(
        base(500, "1d0c3a2e-7f6b-48f9-8e45-0a1b2c3d4e5f")
            .header(CONTENT_TYPE, "text/html; charset=UTF-8"),
        SERVER_ERROR_HTML,
    )
}

/// 500 `ServerError` "A server error occurred. Error ID: {ID}" (JSON).
pub fn server_error() -> http::Response<Bytes> {
    error_response(
        500,
        "2e1d4b3f-8a7c-49a0-9f56-1b2c3d4e5f6a",
        code_message(
            "ServerError",
            "A server error occurred. Error ID: 6188070b-8a2a-4b4b-9f5d-9f3b8c4f1a2e",
        ),
    )
}

/// Every documented error of `POST /customers/{id}/exchange-sessions`, with
/// a name and the [`ApiErrorKind`] it must parse to. The invalid partner and
/// invalid redirect appear twice: as documented and in live-traffic form.
pub fn documented_create_errors() -> Vec<(&'static str, http::Response<Bytes>, ApiErrorKind)> {
    vec![
        (
            "invalid_exchange_partner",
            invalid_exchange_partner(),
            ApiErrorKind::InvalidExchangePartner,
        ),
        (
            "invalid_exchange_partner_embedded",
            invalid_exchange_partner_embedded(),
            ApiErrorKind::InvalidExchangePartner,
        ),
        (
            "invalid_redirect_url",
            invalid_redirect_url(),
            ApiErrorKind::InvalidRedirectUrl,
        ),
        (
            "invalid_redirect_url_embedded",
            invalid_redirect_url_embedded(),
            ApiErrorKind::InvalidRedirectUrl,
        ),
        (
            "redirect_url_not_configured",
            redirect_url_not_configured(),
            ApiErrorKind::RedirectUrlNotConfigured,
        ),
        ("invalid_scope", invalid_scope(), ApiErrorKind::InvalidScope),
        (
            "partner_unsupported",
            partner_unsupported(),
            ApiErrorKind::ExchangePartnerUnsupported,
        ),
        (
            "partner_not_enabled",
            partner_not_enabled(),
            ApiErrorKind::ExchangePartnerNotEnabled,
        ),
        ("not_found", not_found(), ApiErrorKind::NotFound),
    ]
}

// ---------------------------------------------------------------------------
// Errors any endpoint may answer
// ---------------------------------------------------------------------------

/// 401 `ExpiredAccessToken`. (The message is Dwolla's reference text, not
/// from the OpenAPI spec.)
pub fn expired_access_token() -> http::Response<Bytes> {
    error_response(
        401,
        "3f2e5c4a-9b8d-4ab1-8a67-2c3d4e5f6a7b",
        code_message(
            "ExpiredAccessToken",
            "Generate a new access token using your client credentials.",
        ),
    )
}

/// 401 `InvalidAccessToken` "Invalid access token.".
pub fn invalid_access_token() -> http::Response<Bytes> {
    error_response(
        401,
        "4a3f6d5b-0c9e-4bc2-9b78-3d4e5f6a7b8c",
        code_message("InvalidAccessToken", "Invalid access token."),
    )
}

/// 400 `UpdateCredentials`: the bank login behind an exchange changed; its
/// `_links.about.href` is `reauth_url` (the re-auth exchange-sessions URL).
/// (The message text is illustrative; Dwolla documents the code and link.)
pub fn update_credentials(reauth_url: &str) -> http::Response<Bytes> {
    error_response(
        400,
        "5b4a7e6c-1d0f-4cd3-8c89-4e5f6a7b8c9d",
        serde_json::json!({
            "code": "UpdateCredentials",
            "message": "The bank account's login credentials have changed. Re-authenticate the exchange.",
            "_links": {
                "about": {
                    "href": reauth_url,
                    "type": "application/vnd.dwolla.v1.hal+json",
                    "resource-type": "exchange-sessions"
                }
            }
        })
        .to_string(),
    )
}

/// [`update_credentials`] for [`EXCHANGE_ID`].
pub fn update_credentials_default() -> http::Response<Bytes> {
    update_credentials(&reauth_href(EXCHANGE_ID))
}

// ---------------------------------------------------------------------------
// POST /token
// ---------------------------------------------------------------------------

/// 200 `application/json` `{"access_token":…,"token_type":"Bearer","expires_in":…}`.
pub fn token(access_token: &str, expires_in: u64) -> http::Response<Bytes> {
    finish(
        base(200, "6c5b8f7d-2e1a-4de4-9d90-5f6a7b8c9d0e")
            .header(CONTENT_TYPE, "application/json; charset=UTF-8")
            .header("cache-control", "no-store"),
        serde_json::json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": expires_in,
        })
        .to_string(),
    )
}

/// 401 `{"error":"invalid_client"}`: wrong client id or secret.
pub fn token_invalid_client() -> http::Response<Bytes> {
    finish(
        base(401, "7d6c9a8e-3f2b-4ef5-8ea1-6a7b8c9d0e1f")
            .header(CONTENT_TYPE, "application/json; charset=UTF-8"),
        r#"{"error":"invalid_client"}"#,
    )
}

/// 500 HTML page from the token endpoint.
pub fn token_html_500() -> http::Response<Bytes> {
    finish(
        base(500, "8e7d0b9f-4a3c-4f06-9fb2-7b8c9d0e1f2a")
            .header(CONTENT_TYPE, "text/html; charset=UTF-8"),
        SERVER_ERROR_HTML,
    )
}

// ---------------------------------------------------------------------------
// GET /exchange-partners
// ---------------------------------------------------------------------------

fn partner(id: &str, name: &str, status: &str, created: &str) -> serde_json::Value {
    serde_json::json!({
        "_links": {
            "self": {
                "href": partner_href(id),
                "type": "application/vnd.dwolla.v1.hal+json",
                "resource-type": "exchange-partner"
            }
        },
        "id": id,
        "name": name,
        "status": status,
        "created": created
    })
}

/// 200: Plaid, MX and Finicity active, Flinks deactivated; `total: 4`.
pub fn exchange_partners_list() -> http::Response<Bytes> {
    hal_response(
        200,
        "9f8e1c0a-5b4d-4017-8ac3-8c9d0e1f2a3b",
        serde_json::json!({
            "_links": {
                "self": {
                    "href": format!("{BASE}/exchange-partners"),
                    "type": "application/vnd.dwolla.v1.hal+json",
                    "resource-type": "exchange-partner"
                }
            },
            "_embedded": {
                "exchange-partners": [
                    partner(FINICITY_PARTNER_ID, "Finicity", "active", "2022-07-23T00:18:21.419Z"),
                    partner(MX_PARTNER_ID, "MX", "active", "2022-07-23T00:18:21.419Z"),
                    partner(PLAID_PARTNER_ID, "Plaid", "active", "2023-02-14T17:02:45.113Z"),
                    partner(FLINKS_PARTNER_ID, "Flinks", "deactivated", "2023-05-02T12:00:00.000Z"),
                ]
            },
            "total": 4
        })
        .to_string(),
    )
}

// ---------------------------------------------------------------------------
// GET /exchange-sessions/{id}
// ---------------------------------------------------------------------------

fn session_links(id: &str, partner_id: &str) -> serde_json::Map<String, serde_json::Value> {
    let link = |href: String, rt: &str| {
        serde_json::json!({
            "href": href,
            "type": "application/vnd.dwolla.v1.hal+json",
            "resource-type": rt
        })
    };
    let mut m = serde_json::Map::new();
    m.insert("self".into(), link(session_href(id), "exchange-sessions"));
    m.insert(
        "exchange-partner".into(),
        link(partner_href(partner_id), "exchange-partner"),
    );
    m
}

/// 200: a Plaid session with `externalProviderSessionToken` ([`PLAID_LINK_TOKEN`]).
pub fn exchange_session_plaid(id: &str) -> http::Response<Bytes> {
    hal_response(
        200,
        "0a9f2d1b-6c5e-4128-9bd4-9d0e1f2a3b4c",
        serde_json::json!({
            "_links": session_links(id, PLAID_PARTNER_ID),
            "created": "2024-03-25T17:13:38.430Z",
            "externalProviderSessionToken": PLAID_LINK_TOKEN
        })
        .to_string(),
    )
}

/// 200: an MX session with `_links["external-provider-session"].href`
/// ([`MX_CONNECT_URL`]).
pub fn exchange_session_mx(id: &str) -> http::Response<Bytes> {
    let mut links = session_links(id, MX_PARTNER_ID);
    links.insert(
        "external-provider-session".into(),
        serde_json::json!({
            "href": MX_CONNECT_URL,
            "type": "text/html",
            "resource-type": "text/html"
        }),
    );
    hal_response(
        200,
        "1b0a3e2c-7d6f-4239-8ce5-0e1f2a3b4c5d",
        serde_json::json!({
            "_links": links,
            "created": "2024-03-25T17:13:38.430Z"
        })
        .to_string(),
    )
}

/// 403 `forbidden` "Not authorized to retrieve exchange session.".
pub fn exchange_session_forbidden() -> http::Response<Bytes> {
    error_response(
        403,
        "2c1b4f3d-8e7a-434a-9df6-1f2a3b4c5d6e",
        code_message("forbidden", "Not authorized to retrieve exchange session."),
    )
}

/// 404 `notFound` "Exchange session not found.".
pub fn exchange_session_not_found() -> http::Response<Bytes> {
    error_response(
        404,
        "3d2c5a4e-9f8b-445b-8e07-2a3b4c5d6e7f",
        code_message("notFound", "Exchange session not found."),
    )
}

// ---------------------------------------------------------------------------
// POST /exchanges/{id}/exchange-sessions
// ---------------------------------------------------------------------------

/// 403 `forbidden` "Not authorized to create re-authentication exchange session.".
pub fn reauth_forbidden() -> http::Response<Bytes> {
    error_response(
        403,
        "4e3d6b5f-0a9c-456c-9f18-3b4c5d6e7f8a",
        code_message(
            "forbidden",
            "Not authorized to create re-authentication exchange session.",
        ),
    )
}

/// 400 `ValidationError` "Invalid request parameters".
pub fn reauth_validation() -> http::Response<Bytes> {
    error_response(
        400,
        "5f4e7c6a-1b0d-467d-8a29-4c5d6e7f8a9b",
        code_message("ValidationError", "Invalid request parameters"),
    )
}
