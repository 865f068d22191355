//! Which Dwolla to talk to.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

use http::uri::{Authority, Scheme};

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
pub struct CustomBaseUrl {
    url: String,
    /// Parsed once here, so that building a request URI parses only its path.
    scheme: Scheme,
    authority: Authority,
    /// Where the path prefix starts in `url` (`url.len()` without one).
    path_at: usize,
}

impl CustomBaseUrl {
    /// The base URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }
}

impl fmt::Debug for CustomBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.url, f)
    }
}

/// A base URL taken apart: what every request URI starts with.
pub(crate) struct Origin<'a> {
    pub(crate) scheme: Scheme,
    pub(crate) authority: Authority,
    /// The path prefix, empty or starting with `/`, without a trailing slash.
    pub(crate) path: &'a str,
}

impl Origin<'static> {
    /// One of Dwolla's fixed hosts. `Authority::from_static` checks its text
    /// on every call: it is parsed once per process instead, and a clone
    /// shares the static bytes.
    fn https(cell: &'static OnceLock<Authority>, host: &'static str) -> Self {
        Origin {
            scheme: Scheme::HTTPS,
            authority: cell.get_or_init(|| Authority::from_static(host)).clone(),
            path: "",
        }
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
        // `host:` followed by anything but a port number (`https://s:x`) is
        // not a URL a client can connect to. (`Authority::port()` is `None`
        // for such a port too, so the text after the host is checked.)
        let port = authority
            .as_str()
            .strip_prefix(host)
            .and_then(|rest| rest.strip_prefix(':'));
        if port.is_some_and(|p| !p.is_empty() && p.parse::<u16>().is_err()) {
            return Err(Error::invalid(
                FIELD,
                "has a port that is not a number from 0 to 65535",
            ));
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
        check_base_path(path)?;
        let authority_text = authority.as_str().to_ascii_lowercase();
        let url = format!("{scheme}://{authority_text}{path}");
        let parsed_authority = Authority::from_maybe_shared(bytes::Bytes::from(authority_text))
            .map_err(|_| Error::invalid(FIELD, "has a host that is not valid"))?;
        Ok(Environment::Custom(CustomBaseUrl {
            path_at: url.len() - path.len(),
            url,
            scheme: if scheme == "https" {
                Scheme::HTTPS
            } else {
                Scheme::HTTP
            },
            authority: parsed_authority,
        }))
    }

    /// The scheme, host and port, and path prefix of the base URL, already
    /// parsed (cheap: an `Authority` clone shares its bytes).
    pub(crate) fn origin(&self) -> Origin<'_> {
        match self {
            Environment::Production => {
                static HOST: OnceLock<Authority> = OnceLock::new();
                Origin::https(&HOST, "api.dwolla.com")
            }
            Environment::Sandbox => {
                static HOST: OnceLock<Authority> = OnceLock::new();
                Origin::https(&HOST, "api-sandbox.dwolla.com")
            }
            Environment::Custom(c) => Origin {
                scheme: c.scheme.clone(),
                authority: c.authority.clone(),
                path: &c.url[c.path_at..],
            },
        }
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

/// A base path is a prefix every request URL starts with, so it must be plain:
/// letters, digits, `-._~`, sub-delimiters, `/` and well-formed `%XX`
/// escapes. Raw non-ASCII would be sent as bytes no URL may carry, and `@`
/// or `:` (as in `/x://y` or `/user@host`) make a URL that reads as pointing
/// somewhere else; all are refused rather than guessed at.
fn check_base_path(path: &str) -> Result<(), Error> {
    // A `..` would step out of the base path at a normalising proxy.
    if path.split('/').any(crate::hal::is_dot_segment) {
        return Err(Error::invalid(
            "base_url",
            "has a `.` or `..` segment in its path (nor `%2E` forms of them)",
        ));
    }
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = b.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                if hex.is_none() {
                    return Err(Error::invalid(
                        "base_url",
                        "has a `%` in its path that is not a `%XX` escape",
                    ));
                }
                i += 3;
            }
            c if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=/".contains(&c) => i += 1,
            _ => {
                return Err(Error::invalid(
                    "base_url",
                    "has a path with characters a base path may not carry unescaped (only letters, digits, `-._~!$&'()*+,;=/` and `%XX` escapes; no `@`, `:` or non-ASCII)",
                ))
            }
        }
    }
    Ok(())
}

pub(crate) fn is_loopback(host: &str) -> bool {
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

    #[test]
    fn base_paths_are_plain() {
        for ok in [
            "https://proxy.example.com/dwolla/v1",
            "https://proxy.example.com/a%20b",
            "https://proxy.example.com/a-b_c.d~e/!$&'()*+,;=",
        ] {
            assert!(Environment::custom(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://proxy.example.com/caf\u{e9}",
            // Byte 3 inside a multi-byte character: refused, not a panic.
            "https://proxy.example.com/na\u{ef}ve",
            "https://proxy.example.com/aa\u{e9}",
            "https://proxy.example.com/\u{e9}\u{e9}",
            // Percent-encoded dot segments, any case.
            "https://proxy.example.com/v1/%2e%2E/x",
            "https://proxy.example.com/v1/%2e./x",
            "https://proxy.example.com/v1/.%2E/x",
            // A port that is not a number.
            "https://proxy.example.com:x/v1",
            "https://proxy.example.com/x://evil.example.com",
            "https://proxy.example.com/user@evil.example.com",
            "https://proxy.example.com/a:b",
            "https://proxy.example.com/100%",
            "https://proxy.example.com/%zz",
            "https://proxy.example.com/a\"b",
        ] {
            let (field, reason) = field_reason(Environment::custom(bad));
            assert_eq!(field, "base_url", "{bad}");
            assert!(!reason.is_empty(), "{bad}");
        }
    }
}
