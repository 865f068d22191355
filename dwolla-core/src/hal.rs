//! Any Dwolla endpoint, until this SDK models it: [`HalRequest`], a generic
//! `GET`, `POST` or `DELETE` with a JSON body, run through the same
//! [`Client`](crate::Client) as every typed operation, so tokens, retries,
//! the `Idempotency-Key` of POSTs and typed `ApiError`s
//! apply. It is what Dwolla's hand-written clients offer as
//! `token.get(url)` and `token.post(url, body)`.
//!
//! The target is a path (`/customers?limit=10`) on the configured
//! environment, or a URL *on that environment* (a `_links` href Dwolla
//! returned). A URL anywhere else is [`Error::InvalidInput`] before any
//! request exists: the access token never leaves the configured host.
//!
//! ```
//! use dwolla_core::hal::HalRequest;
//! use dwolla_core::{AccessToken, Environment, Error, Operation};
//!
//! # fn main() -> Result<(), Error> {
//! let env = Environment::Sandbox;
//! let token = AccessToken::new("token");
//! let get = HalRequest::get("/customers?limit=10");
//! assert_eq!(
//!     get.build_request(&env, &token)?.uri(),
//!     "https://api-sandbox.dwolla.com/customers?limit=10"
//! );
//! let label = HalRequest::post(
//!     "https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/labels",
//!     serde_json::json!({ "amount": { "currency": "USD", "value": "10.00" } }),
//! );
//! assert_eq!(label.build_request(&env, &token)?.method(), "POST");
//!
//! // The token never goes to another host.
//! let elsewhere = HalRequest::get("https://attacker.example.com/customers");
//! assert!(matches!(elsewhere.build_request(&env, &token), Err(Error::InvalidInput(_))));
//! # Ok(()) }
//! ```

use bytes::Bytes;
use http::header::LOCATION;
use http::uri::Scheme;
use http::{Method, StatusCode};

use crate::created::{Created, FromLocation};
use crate::environment::Environment;
use crate::error::{ApiError, Error, UnexpectedResponse};
use crate::operation::Operation;
use crate::request::{hal_request, http_scheme_len, optional_idempotency_key, request_uri};
use crate::response;
use crate::token::AccessToken;

/// A request to any Dwolla endpoint (see the [module docs](self)).
#[derive(Clone, Debug, PartialEq)]
pub struct HalRequest {
    method: Method,
    target: String,
    body: Option<serde_json::Value>,
    idempotency_key: Option<String>,
}

impl HalRequest {
    /// `GET` a path or a URL on the configured environment.
    pub fn get(path_or_url: impl Into<String>) -> Self {
        Self::new(Method::GET, path_or_url, None)
    }

    /// `POST` a JSON body to a path or a URL on the configured environment.
    /// The [`Client`](crate::Client) adds an `Idempotency-Key` (this one's, or
    /// a generated UUID) and sends the same bytes on every attempt.
    pub fn post(path_or_url: impl Into<String>, body: serde_json::Value) -> Self {
        Self::new(Method::POST, path_or_url, Some(body))
    }

    /// `DELETE` a path or a URL on the configured environment.
    pub fn delete(path_or_url: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path_or_url, None)
    }

    fn new(method: Method, target: impl Into<String>, body: Option<serde_json::Value>) -> Self {
        HalRequest {
            method,
            target: target.into(),
            body,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (POSTs).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }
    /// The path or URL as given.
    pub fn target(&self) -> &str {
        &self.target
    }
    /// The JSON body, for a POST.
    pub fn body(&self) -> Option<&serde_json::Value> {
        self.body.as_ref()
    }

    /// The request URI: the environment's base URL and the path, after
    /// checking that a URL target is on the environment.
    fn uri(&self, env: &Environment) -> Result<http::Uri, Error> {
        let (field, path) = if http_scheme_len(&self.target).is_some() {
            ("url", url_on_environment(env, "url", &self.target)?)
        } else {
            ("path", checked_path("path", &self.target)?)
        };
        let slash = if path.is_empty() || path.starts_with(['/', '?']) {
            ""
        } else {
            "/"
        };
        request_uri(env, &[slash, path])
            .map_err(|_| Error::invalid(field, "does not form a valid request URL"))
    }
}

/// The part of `url` after the environment's base URL (a path and query to
/// send as is), if `url` is on the environment: same scheme, host and port,
/// under its base path, with a plain path (see [`checked_path`]). What
/// following a link Dwolla returned (a `Location`, a `_links.next`) is
/// checked with, so that the access token is only ever sent there.
pub(crate) fn url_on_environment<'u>(
    env: &Environment,
    field: &'static str,
    url: &'u str,
) -> Result<&'u str, Error> {
    checked_path(field, path_on(env, field, url)?)
}

/// The part of `url` after the environment's base URL, if `url` is on the
/// environment: same scheme, host and port (compared as URLs compare them),
/// and under its base path.
fn path_on<'u>(env: &Environment, field: &'static str, url: &'u str) -> Result<&'u str, Error> {
    // A fragment is never sent, and the `/` or `?` in one must not be taken
    // for the path below (`https://host#/elsewhere`).
    if url.contains('#') {
        return Err(Error::invalid(field, "must not have a fragment"));
    }
    let elsewhere = || {
        Error::invalid(
            field,
            format!(
                "is not on the configured environment ({}); the access token is only ever sent there",
                env.base_url()
            ),
        )
    };
    let uri: http::Uri = url
        .parse()
        .map_err(|_| Error::invalid(field, "is not a valid URL"))?;
    let origin = env.origin();
    // As URLs compare: the scheme and host without regard to case, a missing
    // port as the scheme's default.
    let default_port = if origin.scheme == Scheme::HTTPS {
        443
    } else {
        80
    };
    let same_origin = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case(origin.scheme.as_str()))
        && uri.authority().is_some_and(|a| {
            !a.as_str().contains('@')
                && a.host().eq_ignore_ascii_case(origin.authority.host())
                && a.port_u16().unwrap_or(default_port)
                    == origin.authority.port_u16().unwrap_or(default_port)
        });
    if !same_origin {
        return Err(elsewhere());
    }
    let base_path = origin.path;
    // The path and query: what follows `scheme://authority`.
    let after_scheme = url
        .get(http_scheme_len(url).unwrap_or(0)..)
        .unwrap_or_default();
    let rest = after_scheme
        .find(['/', '?'])
        .and_then(|i| after_scheme.get(i..))
        .unwrap_or_default();
    match rest.strip_prefix(base_path) {
        Some(after) if after.is_empty() || after.starts_with(['/', '?']) => Ok(after),
        _ => Err(elsewhere()),
    }
}

/// A path (and query) to send as is: visible ASCII, no fragment, no `.` or
/// `..` segment (which a server could resolve to another resource).
fn checked_path<'p>(field: &'static str, path: &'p str) -> Result<&'p str, Error> {
    if path.is_empty() && field == "path" {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if path.len() > 8192 {
        return Err(Error::invalid(field, "must not be over 8 KiB long"));
    }
    if !path.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            field,
            "must be visible ASCII without spaces (percent-encode anything else)",
        ));
    }
    if path.contains('#') {
        return Err(Error::invalid(field, "must not have a fragment"));
    }
    let only_path = path.split('?').next().unwrap_or_default();
    if only_path.split('/').any(is_dot_segment) {
        return Err(Error::invalid(
            field,
            "must not have `.` or `..` segments (nor `%2E` forms of them)",
        ));
    }
    Ok(path)
}

/// `.` or `..`, also percent-encoded (`%2e`, `%2E.`, ...): a normalising
/// proxy resolves those too.
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment;
    let mut dots = 0;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        } else if rest
            .as_bytes()
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"%2e"))
        {
            // Three ASCII bytes: `rest[3..]` starts on a char boundary.
            rest = rest.get(3..).unwrap_or_default();
        } else {
            return false;
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

impl FromLocation for HalRequest {
    fn from_location(location: String) -> Self {
        HalRequest::get(location)
    }
}

/// What a [`HalRequest`] answered, for a 2xx status (any other status is an
/// [`Error::Api`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum HalResponse {
    /// `201 Created` with a `Location`: what was created.
    Created(Created<HalRequest>),
    /// A JSON document (a `_embedded.errors` in it is not a failure; HAL
    /// allows it on success).
    Document(serde_json::Value),
    /// A success without a body (e.g. `200` or `204` to a `DELETE`).
    Empty(StatusCode),
}

impl HalResponse {
    /// The JSON document, if there was one.
    pub fn document(&self) -> Option<&serde_json::Value> {
        match self {
            HalResponse::Document(d) => Some(d),
            _ => None,
        }
    }
    /// The created resource's URL, for a `201 Created`.
    pub fn location(&self) -> Option<&str> {
        match self {
            HalResponse::Created(c) => Some(c.location()),
            _ => None,
        }
    }
}

impl Operation for HalRequest {
    type Output = HalResponse;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let uri = self.uri(env)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        // A Value always serializes (its map keys are strings), and the same
        // Value to the same bytes, so a retry sends what the first attempt did.
        let body = match &self.body {
            Some(v) => Some(Bytes::from(serde_json::to_vec(v).map_err(|e| {
                Error::invalid("body", format!("cannot be serialized: {e}"))
            })?)),
            None => None,
        };
        hal_request(self.method.clone(), uri, token, body, key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<HalResponse, Error> {
        let status = response.status();
        if !status.is_success() {
            return Err(Error::Api(ApiError::from_response(response)));
        }
        if status == StatusCode::CREATED && response.headers().contains_key(LOCATION) {
            return response::created(response).map(HalResponse::Created);
        }
        if response.body().iter().all(u8::is_ascii_whitespace) {
            return Ok(HalResponse::Empty(status));
        }
        let (parts, body) = response.into_parts();
        match serde_json::from_slice(&body) {
            Ok(doc) => Ok(HalResponse::Document(doc)),
            Err(e) => Err(Error::UnexpectedResponse(UnexpectedResponse::new(
                parts.status,
                parts.headers,
                body,
                format!("the response body is not JSON: {e}"),
            ))),
        }
    }

    fn name(&self) -> &'static str {
        "hal"
    }
}
