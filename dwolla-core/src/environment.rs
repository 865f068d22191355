//! Which Dwolla to talk to.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::Error;

/// The Dwolla API a client talks to.
///
/// ```
/// use dwolla_core::Environment;
/// assert_eq!(Environment::Sandbox.base_url(), "https://api-sandbox.dwolla.com");
/// let local = Environment::custom("http://127.0.0.1:8080/").unwrap();
/// assert_eq!(local.base_url(), "http://127.0.0.1:8080");
/// // Credentials never travel in clear text to another host.
/// assert!(Environment::custom("http://api.example.com").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Environment {
    /// `https://api.dwolla.com`.
    Production,
    /// `https://api-sandbox.dwolla.com`.
    #[default]
    Sandbox,
    /// Any other base URL, made by [`Environment::custom`].
    Custom(CustomBaseUrl),
}

/// A validated custom base URL (see [`Environment::custom`]).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CustomBaseUrl(String);

impl CustomBaseUrl {
    /// The base URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CustomBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Environment {
    /// A custom base URL: a proxy, a regional gateway, or a local emulator.
    ///
    /// `https://` is accepted for any host; `http://` only for loopback hosts
    /// (`127.0.0.0/8`, `::1`, `localhost`), because the client sends its secret
    /// and bearer tokens to this URL. A path prefix is kept; a trailing slash,
    /// user info, query or fragment are not allowed (the first is dropped, the
    /// others rejected).
    pub fn custom(url: impl AsRef<str>) -> Result<Environment, Error> {
        const FIELD: &str = "base_url";
        let url = url.as_ref();
        if url.is_empty() {
            return Err(Error::invalid(FIELD, "must not be empty"));
        }
        if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::invalid(
                FIELD,
                "must not contain white space or control characters",
            ));
        }
        if url.contains(['?', '#']) {
            return Err(Error::invalid(FIELD, "must not have a query or fragment"));
        }
        let uri: http::Uri = url
            .parse()
            .map_err(|_| Error::invalid(FIELD, "is not a valid absolute URL"))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| Error::invalid(FIELD, "must be an absolute URL with a scheme"))?
            .to_ascii_lowercase();
        let authority = uri
            .authority()
            .ok_or_else(|| Error::invalid(FIELD, "must have a host"))?;
        if authority.as_str().contains('@') {
            return Err(Error::invalid(FIELD, "must not contain user info"));
        }
        let host = authority.host();
        if host.is_empty() {
            return Err(Error::invalid(FIELD, "must have a host"));
        }
        match scheme.as_str() {
            "https" => {}
            "http" if is_loopback(host) => {}
            "http" => {
                return Err(Error::invalid(
                    FIELD,
                    "uses http:// for a host that is not loopback; credentials must never travel in clear text, use https://",
                ))
            }
            _ => return Err(Error::invalid(FIELD, "must use https:// (or http:// on loopback)")),
        }
        let path = uri.path().trim_end_matches('/');
        Ok(Environment::Custom(CustomBaseUrl(format!(
            "{scheme}://{}{path}",
            authority.as_str().to_ascii_lowercase()
        ))))
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Production => "https://api.dwolla.com",
            Environment::Sandbox => "https://api-sandbox.dwolla.com",
            Environment::Custom(c) => c.as_str(),
        }
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Environment::Production => f.write_str("Production"),
            Environment::Sandbox => f.write_str("Sandbox"),
            Environment::Custom(c) => f.debug_tuple("Custom").field(c).finish(),
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base_url())
    }
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    let inner = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    inner.parse::<Ipv6Addr>().is_ok_and(|v6| v6.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_reason(r: Result<Environment, Error>) -> (String, String) {
        match r {
            Err(Error::InvalidInput(i)) => (i.field().to_owned(), i.reason().to_owned()),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn fixed_hosts() {
        assert_eq!(Environment::Production.base_url(), "https://api.dwolla.com");
        assert_eq!(
            Environment::Sandbox.base_url(),
            "https://api-sandbox.dwolla.com"
        );
    }

    #[test]
    fn accepts_https_anywhere_and_http_on_loopback() {
        for (input, base) in [
            (
                "https://proxy.example.com/dwolla/",
                "https://proxy.example.com/dwolla",
            ),
            ("HTTPS://API.example.com", "https://api.example.com"),
            ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
            ("http://127.8.9.10", "http://127.8.9.10"),
            ("http://localhost:1/", "http://localhost:1"),
            ("http://LOCALHOST", "http://localhost"),
            ("http://[::1]:8080", "http://[::1]:8080"),
        ] {
            assert_eq!(
                Environment::custom(input).unwrap().base_url(),
                base,
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_clear_text_and_malformed() {
        for input in [
            "http://api.example.com",
            "http://10.0.0.1",
            "http://128.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "",
            "not a url",
            "/relative",
            "https://user:pw@example.com",
            "https://example.com/?q=1",
            "https://example.com/#x",
        ] {
            let (field, reason) = field_reason(Environment::custom(input));
            assert_eq!(field, "base_url", "{input}");
            assert!(!reason.is_empty());
        }
        let (_, reason) = field_reason(Environment::custom("http://api.example.com"));
        assert!(reason.contains("clear text"), "{reason}");
    }
}
