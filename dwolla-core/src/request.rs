//! Pieces every operation's request is made of: headers, path segments,
//! idempotency keys and input checks.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::Method;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use crate::environment::Environment;
use crate::error::Error;
use crate::token::AccessToken;

/// Dwolla's media type, for `Accept` and JSON bodies.
pub const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";

/// The `Idempotency-Key` header name.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// `User-Agent` naming this crate and its version.
pub(crate) fn user_agent() -> HeaderValue {
    HeaderValue::from_static(concat!(
        "dwolla-core/",
        env!("CARGO_PKG_VERSION"),
        " (rust)"
    ))
}

/// Everything but RFC 3986 unreserved characters is encoded, so an id is
/// always exactly one path segment (a `/` or `?` in it cannot change the URL).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An `Idempotency-Key`: a replay with the same key and body within 24 h
/// returns the original result instead of acting twice.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(HeaderValue);

impl IdempotencyKey {
    /// A key of 1 to 255 visible ASCII characters (a UUID is recommended).
    pub fn new(key: impl AsRef<str>) -> Result<Self, Error> {
        let key = key.as_ref();
        if key.is_empty() || key.len() > 255 {
            return Err(Error::invalid(
                "idempotency_key",
                "must be 1 to 255 characters long",
            ));
        }
        if key.bytes().any(|b| !(0x21..=0x7e).contains(&b)) {
            return Err(Error::invalid(
                "idempotency_key",
                "must be visible ASCII without spaces",
            ));
        }
        HeaderValue::from_str(key)
            .map(IdempotencyKey)
            .map_err(|_| Error::invalid("idempotency_key", "is not a valid header value"))
    }

    /// A fresh random (v4) UUID key.
    pub fn generate() -> Self {
        let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let s = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
        // A hyphenated UUID is always a valid header value.
        IdempotencyKey(HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static("invalid")))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        // Checked to be visible ASCII on construction.
        self.0.to_str().unwrap_or_default()
    }

    /// The header value.
    pub fn header_value(&self) -> &HeaderValue {
        &self.0
    }
}

impl fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdempotencyKey")
            .field(&self.as_str())
            .finish()
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks an id and returns it percent-encoded as one path segment.
///
/// Accepts the bare id or, when `collection` is given, the resource's URL
/// (`https://api.dwolla.com/{collection}/{id}`), as Dwolla hands out both.
pub(crate) fn id_segment<'a>(
    field: &'static str,
    input: &'a str,
    collection: &str,
) -> Result<Cow<'a, str>, Error> {
    let id: Cow<'a, str> = if input.starts_with("https://") || input.starts_with("http://") {
        let uri: http::Uri = input
            .parse()
            .map_err(|_| Error::invalid(field, "looks like a URL but is not a valid one"))?;
        let mut segments = uri.path().trim_start_matches('/').rsplit('/');
        let last = segments.next().unwrap_or_default();
        let parent = segments.next().unwrap_or_default();
        if parent != collection || last.is_empty() {
            return Err(Error::invalid(
                field,
                format!("is a URL, but not of the form .../{collection}/{{id}}"),
            ));
        }
        let decoded = percent_encoding::percent_decode_str(last)
            .decode_utf8()
            .map_err(|_| Error::invalid(field, "is not valid UTF-8 once percent-decoded"))?;
        Cow::Owned(decoded.into_owned())
    } else {
        Cow::Borrowed(input)
    };
    check_id(field, &id)?;
    Ok(match id {
        Cow::Borrowed(s) => percent_encoding::utf8_percent_encode(s, SEGMENT).into(),
        Cow::Owned(s) => Cow::Owned(percent_encoding::utf8_percent_encode(&s, SEGMENT).to_string()),
    })
}

fn check_id(field: &'static str, id: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(field, "must not be `.` or `..`"));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    if id.chars().all(char::is_whitespace) {
        return Err(Error::invalid(field, "must not be blank"));
    }
    Ok(())
}

/// Checks that `href` is an absolute http(s) URL with a host.
pub(crate) fn check_absolute_url(field: &'static str, href: &str) -> Result<(), Error> {
    if href.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid(
            field,
            "must not contain white space or control characters",
        ));
    }
    let uri: http::Uri = href
        .parse()
        .map_err(|_| Error::invalid(field, "must be an absolute http(s) URL"))?;
    let scheme_ok = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http"));
    let host_ok = uri.authority().is_some_and(|a| !a.host().is_empty());
    if !scheme_ok || !host_ok {
        return Err(Error::invalid(field, "must be an absolute http(s) URL"));
    }
    Ok(())
}

/// Checks a redirect URL: an `https://` URL (iOS) or an Android package name.
pub(crate) fn check_redirect_url(field: &'static str, url: &str) -> Result<(), Error> {
    if url.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if url.chars().any(char::is_whitespace) {
        return Err(Error::invalid(field, "must not contain white space"));
    }
    if url.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    Ok(())
}

/// Builds a Dwolla request with the headers every call carries.
pub(crate) fn hal_request(
    method: Method,
    url: &str,
    token: &AccessToken,
    body: Option<Bytes>,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<http::Request<Bytes>, Error> {
    let uri: http::Uri = url
        .parse()
        .map_err(|_| Error::invalid("url", "does not form a valid request URL"))?;
    let has_body = body.is_some();
    let mut req = http::Request::new(body.unwrap_or_default());
    *req.method_mut() = method;
    *req.uri_mut() = uri;
    let h = req.headers_mut();
    h.reserve(6);
    h.insert(ACCEPT, HeaderValue::from_static(HAL_JSON));
    if has_body {
        h.insert(CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
    }
    h.insert(AUTHORIZATION, token.authorization_header().clone());
    h.insert(USER_AGENT, user_agent());
    if let Some(key) = idempotency_key {
        h.insert(IDEMPOTENCY_KEY, key.header_value().clone());
    }
    Ok(req)
}

/// Serializes a JSON string (quotes and escapes included) into `out`.
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    // Writing a &str to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// `{base}/{path}` where `path` starts with `/`.
pub(crate) fn url(env: &Environment, path: &str) -> String {
    let base = env.base_url();
    let mut s = String::with_capacity(base.len() + path.len());
    s.push_str(base);
    s.push_str(path);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: Error) -> &'static str {
        match e {
            Error::InvalidInput(i) => i.field(),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn ids_are_one_encoded_segment() {
        assert_eq!(id_segment("id", "abc-123", "customers").unwrap(), "abc-123");
        assert_eq!(
            id_segment("id", "a/b?c#d e", "customers").unwrap(),
            "a%2Fb%3Fc%23d%20e"
        );
        assert_eq!(id_segment("id", "é", "customers").unwrap(), "%C3%A9");
        assert_eq!(
            id_segment("id", "https://api.dwolla.com/customers/a%2Fb", "customers").unwrap(),
            "a%2Fb"
        );
        for bad in ["", ".", "..", "a\nb", "\u{7f}", "  "] {
            assert_eq!(
                field(id_segment("customer_id", bad, "customers").unwrap_err()),
                "customer_id",
                "{bad:?}"
            );
        }
        assert_eq!(
            field(
                id_segment(
                    "customer_id",
                    "https://api.dwolla.com/transfers/x",
                    "customers"
                )
                .unwrap_err()
            ),
            "customer_id"
        );
    }

    #[test]
    fn idempotency_keys() {
        assert_eq!(IdempotencyKey::new("k-1").unwrap().as_str(), "k-1");
        assert!(IdempotencyKey::new("").is_err());
        assert!(IdempotencyKey::new("a b").is_err());
        assert!(IdempotencyKey::new("x".repeat(256)).is_err());
        let g = IdempotencyKey::generate();
        assert_eq!(g.as_str().len(), 36);
        assert_ne!(g, IdempotencyKey::generate());
    }

    #[test]
    fn urls_and_redirects() {
        assert!(check_absolute_url("f", "https://api.dwolla.com/exchange-partners/x").is_ok());
        assert!(check_absolute_url("f", "http://127.0.0.1:1/x").is_ok());
        for bad in [
            "",
            "exchange-partners/x",
            "/x",
            "ftp://a/b",
            "https://",
            "https://a b",
            "mailto:x@y",
        ] {
            assert!(check_absolute_url("f", bad).is_err(), "{bad:?}");
        }
        assert!(check_redirect_url("r", "com.example.app123").is_ok());
        assert!(check_redirect_url("r", "https://example.com/app123").is_ok());
        for bad in ["", "a b", "x\ty", "x\u{1}"] {
            assert!(check_redirect_url("r", bad).is_err(), "{bad:?}");
        }
    }
}
