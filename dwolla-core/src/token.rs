//! OAuth 2.0 client credentials: the token request and its response, as plain
//! functions, plus the secret-holding types.
//!
//! ```
//! use dwolla_core::{token, ClientCredentials, Environment};
//! let creds = ClientCredentials::new("my-id", "my-secret");
//! let req = token::build_token_request(&Environment::Sandbox, &creds).unwrap();
//! assert_eq!(req.uri(), "https://api-sandbox.dwolla.com/token");
//! assert_eq!(&req.body()[..], b"grant_type=client_credentials");
//! // Secrets never show in Debug output.
//! assert!(!format!("{creds:?}").contains("my-secret"));
//! ```

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, Method, StatusCode};
use serde::Deserialize;

use crate::environment::Environment;
use crate::error::{Error, OneLine};
use crate::operation::Operation;
use crate::request::{request_uri, user_agent};

/// The token lifetime assumed when the token endpoint does not say.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Longer lifetimes are cut to this (Dwolla's are an hour); it keeps expiry
/// arithmetic far from overflow whatever the endpoint sends.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// A bearer access token. Its `Debug` never shows the token.
///
/// [`new`](Self::new) takes any string; a token that cannot be sent (empty,
/// or with characters a header cannot carry) is reported as
/// [`Error::InvalidInput`] (field `access_token`) by the operation that tries
/// to use it. [`try_new`](Self::try_new) checks at once.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    // `Bearer <token>`, built once and marked sensitive so HTTP/2 never
    // indexes it and every request just clones it.
    header: HeaderValue,
    // Set for a token that cannot be sent: why, and the token as given.
    unusable: Option<(&'static str, Box<str>)>,
}

impl AccessToken {
    /// Wraps a token.
    pub fn new(token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        match Self::header_for(token) {
            Ok(header) => AccessToken {
                header,
                unusable: None,
            },
            Err(reason) => AccessToken {
                header: HeaderValue::from_static("Bearer unusable"),
                unusable: Some((reason, token.into())),
            },
        }
    }

    /// Wraps a token, or says why it cannot be sent.
    pub fn try_new(token: impl AsRef<str>) -> Result<Self, Error> {
        let token = Self::new(token);
        token.check()?;
        Ok(token)
    }

    fn header_for(token: &str) -> Result<HeaderValue, &'static str> {
        if token.is_empty() {
            return Err("must not be empty");
        }
        if token.bytes().any(|b| !(0x21..=0x7e).contains(&b)) {
            return Err("must be visible ASCII without spaces");
        }
        let mut header = HeaderValue::from_str(&format!("Bearer {token}"))
            .map_err(|_| "is not a valid header value")?;
        header.set_sensitive(true);
        Ok(header)
    }

    /// `Ok` when the token can be sent.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match &self.unusable {
            None => Ok(()),
            Some((reason, _)) => Err(Error::invalid("access_token", *reason)),
        }
    }

    /// Stands in for the real token while a request is built and validated
    /// before any token exists; always replaced before sending.
    pub(crate) fn placeholder() -> Self {
        AccessToken {
            header: HeaderValue::from_static("Bearer pending"),
            unusable: None,
        }
    }

    /// The token itself. Named so that every place it leaves the type is visible.
    pub fn expose_secret(&self) -> &str {
        if let Some((_, raw)) = &self.unusable {
            return raw;
        }
        // Built from a visible-ASCII string, so `to_str` cannot fail.
        self.header
            .to_str()
            .unwrap_or_default()
            .strip_prefix("Bearer ")
            .unwrap_or_default()
    }

    /// The `Authorization` header value (`Bearer <token>`), marked sensitive.
    /// For a token that cannot be sent, a placeholder: use
    /// [`try_new`](Self::try_new) to find out.
    pub fn authorization_header(&self) -> &HeaderValue {
        &self.header
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// An application's client id and secret. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    id: String,
    secret: String,
}

impl ClientCredentials {
    /// Credentials from an id and a secret (from the Dwolla dashboard).
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        ClientCredentials {
            id: id.into(),
            secret: secret.into(),
        }
    }

    /// Reads `DWOLLA_CLIENT_ID` and `DWOLLA_CLIENT_SECRET`. Fails, naming the
    /// variable, when one is missing, empty or not Unicode.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`
    /// (for tests and for configuration systems other than the process
    /// environment).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let get = |name: &'static str| match lookup(name) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(Error::invalid(name, "is not set")),
        };
        Ok(ClientCredentials::new(
            get("DWOLLA_CLIENT_ID")?,
            get("DWOLLA_CLIENT_SECRET")?,
        ))
    }

    /// The client id (not a secret).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The client secret.
    pub fn expose_secret(&self) -> &str {
        &self.secret
    }

    fn basic_header(&self) -> Result<HeaderValue, Error> {
        if self.id.is_empty() {
            return Err(Error::invalid("client_id", "must not be empty"));
        }
        if self.secret.is_empty() {
            return Err(Error::invalid("client_secret", "must not be empty"));
        }
        // RFC 6749 2.3.1: form-urlencode id and secret, then join and base64.
        let raw = format!("{}:{}", form_encode(&self.id), form_encode(&self.secret));
        let mut value = HeaderValue::from_str(&format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        ))
        .map_err(|_| Error::invalid("client_credentials", "cannot form a header"))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

fn form_encode(s: &str) -> Cow<'_, str> {
    // application/x-www-form-urlencoded: unreserved kept, space as '+'.
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'*')
        .remove(b' ');
    let encoded: Cow<'_, str> = percent_encoding::utf8_percent_encode(s, SET).into();
    if encoded.contains(' ') {
        Cow::Owned(encoded.replace(' ', "+"))
    } else {
        encoded
    }
}

/// Builds `POST {base}/token` with Basic auth and `grant_type=client_credentials`.
pub fn build_token_request(
    env: &Environment,
    credentials: &ClientCredentials,
) -> Result<http::Request<Bytes>, Error> {
    let auth = credentials.basic_header()?;
    let mut req = http::Request::new(Bytes::from_static(b"grant_type=client_credentials"));
    *req.method_mut() = Method::POST;
    *req.uri_mut() = request_uri(env, &["/token"])
        .map_err(|_| Error::invalid("base_url", "does not form a valid token URL"))?;
    let h = req.headers_mut();
    h.insert(AUTHORIZATION, auth);
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    h.insert(ACCEPT, HeaderValue::from_static("application/json"));
    h.insert(USER_AGENT, user_agent());
    Ok(req)
}

/// `POST /token` as an [`Operation`]: an application access token from the
/// client credentials, for an HTTP stack of your own.
///
/// It builds exactly the request [`build_token_request`] builds and parses
/// with [`parse_token_response`] (the functions the [`Client`](crate::Client)
/// fetches its own tokens with): Basic authentication with the credentials,
/// `grant_type=client_credentials`. The [`AccessToken`] argument of
/// [`build_request`](Operation::build_request) is ignored: this is the
/// request that gets one. A refusal is [`Error::Token`] (with the OAuth
/// `error`, e.g. `invalid_client`, and the status), as from the client.
///
/// Standalone only: do not run it through [`Client::execute`](crate::Client::execute),
/// which puts its own bearer token and an `Idempotency-Key` on every request.
/// The client fetches, caches and refreshes tokens itself; for a fresh token
/// from it, call `client.tokens().create()`.
///
/// ```
/// use dwolla_core::token::CreateApplicationAccessToken;
/// use dwolla_core::{AccessToken, ClientCredentials, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateApplicationAccessToken::new(ClientCredentials::new("my-id", "my-secret"));
/// // The token argument is ignored: any will do.
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("unused"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/token");
/// assert_eq!(&request.body()[..], b"grant_type=client_credentials");
/// assert!(!format!("{op:?}").contains("my-secret"));
///
/// let response = dwolla_core::http::Response::new(
///     r#"{"access_token":"gTm0p62yYXFiB1rOdhV0TsNOinC2V2P1CMaAtojkO9JEGbv3i5","token_type":"Bearer","expires_in":3599}"#.into(),
/// );
/// let token = op.parse_response(response)?;
/// assert_eq!(token.expires_in().as_secs(), 3599);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateApplicationAccessToken {
    // Its `Debug` redacts the secret.
    credentials: ClientCredentials,
}

impl CreateApplicationAccessToken {
    /// A token request with these credentials.
    pub fn new(credentials: ClientCredentials) -> Self {
        CreateApplicationAccessToken { credentials }
    }

    /// The credentials.
    pub fn credentials(&self) -> &ClientCredentials {
        &self.credentials
    }
}

impl Operation for CreateApplicationAccessToken {
    type Output = TokenResponse;

    /// [`build_token_request`]; `_token` is ignored.
    fn build_request(
        &self,
        env: &Environment,
        _token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        build_token_request(env, &self.credentials)
    }

    /// [`parse_token_response`], its error as [`Error::Token`].
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<TokenResponse, Error> {
        parse_token_response(response).map_err(Error::Token)
    }

    fn name(&self) -> &'static str {
        "createApplicationAccessToken"
    }
}

/// A token granted by the token endpoint.
#[derive(Clone, Debug)]
pub struct TokenResponse {
    access_token: AccessToken,
    expires_in: Duration,
}

impl TokenResponse {
    /// From what the client's token fetch returns.
    pub(crate) fn from_parts(access_token: AccessToken, expires_in: Duration) -> Self {
        TokenResponse {
            access_token,
            expires_in,
        }
    }
    /// The access token.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    /// Its lifetime (3600 s when the endpoint did not say).
    pub fn expires_in(&self) -> Duration {
        self.expires_in
    }
    /// Splits into its parts.
    pub fn into_parts(self) -> (AccessToken, Duration) {
        (self.access_token, self.expires_in)
    }
}

#[derive(Deserialize)]
struct WireToken<'a> {
    #[serde(borrow)]
    access_token: Option<Cow<'a, str>>,
    #[serde(borrow)]
    token_type: Option<Cow<'a, str>>,
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct WireOauthError<'a> {
    #[serde(borrow)]
    error: Option<Cow<'a, str>>,
    #[serde(borrow)]
    error_description: Option<Cow<'a, str>>,
}

/// Parses the token endpoint's response.
///
/// 200 with a bearer `access_token` -> [`TokenResponse`]; anything else -> a
/// [`TokenError`] that keeps the status, the OAuth `error` code when there is
/// one, and the raw body (an HTML or empty body included).
pub fn parse_token_response(response: http::Response<Bytes>) -> Result<TokenResponse, TokenError> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    if !status.is_success() {
        let wire = serde_json::from_slice::<WireOauthError<'_>>(&body).ok();
        let (error, description) = match wire {
            Some(w) => (
                w.error.map(Cow::into_owned),
                w.error_description.map(Cow::into_owned),
            ),
            None => (None, None),
        };
        let reason = if error.is_some() {
            "the token endpoint refused the request"
        } else if body.is_empty() {
            "the token endpoint answered an error status with an empty body"
        } else {
            "the token endpoint answered an error status with a body that is not an OAuth error"
        };
        return Err(TokenError::new(Some(status), parts.headers, body, reason)
            .with_oauth(error, description));
    }
    let bad = |reason: &'static str, headers: HeaderMap, body: Bytes| {
        Err(TokenError::new(Some(status), headers, body, reason))
    };
    let wire = match serde_json::from_slice::<WireToken<'_>>(&body) {
        Ok(w) => w,
        Err(_) => {
            return bad(
                "the token response is not a JSON object",
                parts.headers,
                body,
            )
        }
    };
    let Some(token) = wire.access_token else {
        return bad(
            "the token response has no access_token",
            parts.headers,
            body,
        );
    };
    if let Some(tt) = &wire.token_type {
        if !tt.eq_ignore_ascii_case("bearer") {
            return bad(
                "the token response's token_type is not bearer",
                parts.headers,
                body,
            );
        }
    }
    let expires_in = match wire.expires_in {
        None | Some(serde_json::Value::Null) => DEFAULT_TOKEN_LIFETIME,
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(secs) => Duration::from_secs(secs),
            None => {
                return bad(
                    "the token response's expires_in is not a whole number of seconds",
                    parts.headers,
                    body,
                )
            }
        },
        // Some servers send the number as a string.
        Some(serde_json::Value::String(s)) => match s.trim().parse::<u64>() {
            Ok(secs) => Duration::from_secs(secs),
            Err(_) => {
                return bad(
                    "the token response's expires_in is not a whole number of seconds",
                    parts.headers,
                    body,
                )
            }
        },
        Some(_) => {
            return bad(
                "the token response's expires_in is not a number",
                parts.headers,
                body,
            )
        }
    };
    let access_token = match AccessToken::try_new(&token) {
        Ok(t) => t,
        Err(_) => {
            return bad(
                "the token response's access_token is empty or not a valid header value",
                parts.headers,
                body,
            )
        }
    };
    Ok(TokenResponse {
        access_token,
        expires_in: expires_in.min(MAX_TOKEN_LIFETIME),
    })
}

/// The token endpoint refused the request or answered something unusable.
///
/// The raw body is kept for diagnosis but never printed by `Debug` or
/// `Display`: a malformed success response may still contain a token.
#[derive(Clone)]
pub struct TokenError(Box<TokenErrorInner>);

#[derive(Clone)]
struct TokenErrorInner {
    status: Option<StatusCode>,
    headers: HeaderMap,
    body: Bytes,
    error: Option<String>,
    description: Option<String>,
    reason: &'static str,
    attempts: u32,
}

impl TokenError {
    fn new(
        status: Option<StatusCode>,
        headers: HeaderMap,
        body: Bytes,
        reason: &'static str,
    ) -> Self {
        TokenError(Box::new(TokenErrorInner {
            status,
            headers,
            body,
            error: None,
            description: None,
            reason,
            attempts: 1,
        }))
    }

    fn with_oauth(mut self, error: Option<String>, description: Option<String>) -> Self {
        self.0.error = error;
        self.0.description = description;
        self
    }

    /// The HTTP status of the token response.
    pub fn status(&self) -> Option<StatusCode> {
        self.0.status
    }
    /// The OAuth `error` code, e.g. `invalid_client`.
    pub fn oauth_error(&self) -> Option<&str> {
        self.0.error.as_deref()
    }
    /// The OAuth `error_description`, if any.
    pub fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The raw response body. May contain a token when the status was 2xx:
    /// treat it as a secret.
    pub fn body(&self) -> &Bytes {
        &self.0.body
    }
    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }
    /// `X-Request-ID`, if present.
    pub fn request_id(&self) -> Option<&str> {
        self.0
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }
    /// Why the response was not usable.
    pub fn reason(&self) -> &str {
        self.0.reason
    }
    /// True when the client's retry policy would try again (429, 5xx, ...):
    /// one rule, [`RetryPolicy::is_transient`](crate::retry::RetryPolicy::is_transient).
    pub fn is_transient(&self) -> bool {
        self.0.status.is_some_and(|status| {
            crate::retry::RetryPolicy::is_transient(&crate::retry::AttemptOutcome::Status {
                status,
                retry_after: None,
            })
        })
    }

    /// How many attempts the client made before giving up.
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.0.attempts = attempts;
    }
}

impl fmt::Debug for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenError")
            .field("status", &self.0.status)
            .field("oauth_error", &self.0.error)
            .field("description", &self.0.description)
            .field("reason", &self.0.reason)
            .field("request_id", &self.request_id())
            .field("body_len", &self.0.body.len())
            .field("attempts", &self.0.attempts)
            .finish()
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dwolla token error: status {}, code {}, message {}, request id {}",
            self.0.status.map_or(0, |s| s.as_u16()),
            OneLine(self.0.error.as_deref().unwrap_or("-")),
            OneLine(self.0.description.as_deref().unwrap_or(self.0.reason)),
            OneLine(self.request_id().unwrap_or("-")),
        )?;
        if self.0.attempts > 1 {
            write!(f, ", after {} attempts", self.0.attempts)?;
        }
        // The one token error a user causes by configuration: say so.
        if self
            .0
            .error
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case("invalid_client"))
        {
            f.write_str(" (the client id or secret was refused: check the application's credentials for this environment)")?;
        }
        Ok(())
    }
}

impl std::error::Error for TokenError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &'static str) -> http::Response<Bytes> {
        http::Response::builder()
            .status(status)
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap()
    }

    #[test]
    fn basic_auth_form_encodes_then_base64() {
        let creds = ClientCredentials::new("id:1", "s e+c/r");
        let req = build_token_request(&Environment::Production, &creds).unwrap();
        let expected = base64::engine::general_purpose::STANDARD.encode("id%3A1:s+e%2Bc%2Fr");
        assert_eq!(
            req.headers()[AUTHORIZATION],
            format!("Basic {expected}").as_str()
        );
        assert!(req.headers()[AUTHORIZATION].is_sensitive());
        assert_eq!(req.method(), Method::POST);
        assert_eq!(req.uri(), "https://api.dwolla.com/token");
        assert_eq!(
            req.headers()[CONTENT_TYPE],
            "application/x-www-form-urlencoded"
        );
    }

    #[test]
    fn empty_credentials_are_rejected() {
        let e = build_token_request(&Environment::Sandbox, &ClientCredentials::new("", "s"))
            .unwrap_err();
        assert!(matches!(e, Error::InvalidInput(ref i) if i.field() == "client_id"));
        let e = build_token_request(&Environment::Sandbox, &ClientCredentials::new("i", ""))
            .unwrap_err();
        assert!(matches!(e, Error::InvalidInput(ref i) if i.field() == "client_secret"));
    }

    #[test]
    fn from_lookup_names_the_missing_variable() {
        let e = ClientCredentials::from_lookup(|n| (n == "DWOLLA_CLIENT_ID").then(|| "x".into()))
            .unwrap_err();
        assert!(matches!(e, Error::InvalidInput(ref i) if i.field() == "DWOLLA_CLIENT_SECRET"));
        let c = ClientCredentials::from_lookup(|_| Some("v".into())).unwrap();
        assert_eq!(c.id(), "v");
    }

    #[test]
    fn parses_token_case_insensitive_type_and_default_lifetime() {
        let t = parse_token_response(resp(200, r#"{"access_token":"abc","token_type":"bearer"}"#))
            .unwrap();
        assert_eq!(t.access_token().expose_secret(), "abc");
        assert_eq!(t.expires_in(), DEFAULT_TOKEN_LIFETIME);
        let t = parse_token_response(resp(
            200,
            r#"{"access_token":"abc","token_type":"Bearer","expires_in":3599}"#,
        ))
        .unwrap();
        assert_eq!(t.expires_in(), Duration::from_secs(3599));
    }

    #[test]
    fn unusable_tokens_are_reported_when_used() {
        for bad in ["", "a b", "tok\n"] {
            let t = AccessToken::new(bad);
            assert_eq!(t.expose_secret(), bad, "nothing is lost");
            assert!(
                matches!(t.check(), Err(Error::InvalidInput(ref i)) if i.field() == "access_token")
            );
            assert!(AccessToken::try_new(bad).is_err());
        }
        assert!(AccessToken::try_new("ok").is_ok());
    }

    #[test]
    fn expires_in_as_a_string_or_of_the_wrong_type() {
        let t = parse_token_response(resp(200, r#"{"access_token":"a","expires_in":" 3599 "}"#))
            .unwrap();
        assert_eq!(t.expires_in(), Duration::from_secs(3599));
        let t =
            parse_token_response(resp(200, r#"{"access_token":"a","expires_in":null}"#)).unwrap();
        assert_eq!(t.expires_in(), DEFAULT_TOKEN_LIFETIME);
        for (body, reason) in [
            (
                r#"{"access_token":"a","expires_in":"soon"}"#,
                "not a whole number",
            ),
            (
                r#"{"access_token":"a","expires_in":1.5}"#,
                "not a whole number",
            ),
            (r#"{"access_token":"a","expires_in":true}"#, "not a number"),
            (r#"{"token_type":"bearer"}"#, "no access_token"),
            (r#"{"access_token":"a b"}"#, "not a valid header value"),
        ] {
            let e = parse_token_response(resp(200, body)).unwrap_err();
            assert!(e.reason().contains(reason), "{body}: {}", e.reason());
        }
    }

    #[test]
    fn absurd_lifetimes_are_capped() {
        let t = parse_token_response(resp(
            200,
            r#"{"access_token":"a","expires_in":18446744073709551615}"#,
        ))
        .unwrap();
        assert_eq!(t.expires_in(), MAX_TOKEN_LIFETIME);
        let e =
            parse_token_response(resp(200, r#"{"access_token":"a","expires_in":-5}"#)).unwrap_err();
        assert!(e.reason().contains("expires_in"));
    }

    #[test]
    fn oauth_error_is_typed_with_body() {
        let e = parse_token_response(resp(401, r#"{"error":"invalid_client"}"#)).unwrap_err();
        assert_eq!(e.status(), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(e.oauth_error(), Some("invalid_client"));
        assert_eq!(&e.body()[..], br#"{"error":"invalid_client"}"#);
        assert!(!e.is_transient());
    }

    #[test]
    fn html_and_empty_bodies_are_errors_not_panics() {
        let e = parse_token_response(resp(500, "<html>oops</html>")).unwrap_err();
        assert_eq!(e.oauth_error(), None);
        assert!(e.is_transient());
        assert_eq!(&e.body()[..], b"<html>oops</html>");
        let e = parse_token_response(resp(200, "")).unwrap_err();
        assert_eq!(e.reason(), "the token response is not a JSON object");
        let e = parse_token_response(resp(200, r#"{"access_token":"x","token_type":"mac"}"#))
            .unwrap_err();
        assert!(e.reason().contains("bearer"));
    }

    #[test]
    fn malformed_success_never_prints_the_token() {
        let e = parse_token_response(resp(
            200,
            r#"{"access_token":"SECRET-TOKEN","token_type":"mac"}"#,
        ))
        .unwrap_err();
        assert!(!format!("{e:?}").contains("SECRET-TOKEN"));
        assert!(!e.to_string().contains("SECRET-TOKEN"));
        let t = AccessToken::new("SECRET-TOKEN");
        assert!(!format!("{t:?}").contains("SECRET-TOKEN"));
    }
}
