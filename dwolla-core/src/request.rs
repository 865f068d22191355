//! Pieces every operation's request is made of: headers, path segments,
//! idempotency keys and input checks.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::uri::PathAndQuery;
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
        uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
        // Owned by a reference-counted `Bytes` from the start: the client
        // copies the key into every attempt, and a copy of a value made by
        // `from_str` first moves it into a second allocation.
        IdempotencyKey(
            HeaderValue::from_maybe_shared(Bytes::from_owner(buf))
                // A hyphenated UUID is always a valid header value.
                .unwrap_or(HeaderValue::from_static("invalid")),
        )
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

    /// The header value, without the copy (and atomic count) of a clone.
    pub(crate) fn into_header_value(self) -> HeaderValue {
        self.0
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

/// The length of the `http://` or `https://` prefix of `s`, compared without
/// regard to case (RFC 3986 3.1: schemes are case-insensitive), or `None`.
///
/// The one place that decides whether a string is an http(s) URL rather than
/// an id, so that `HTTPS://...` from a `Location` header and `https://...`
/// typed by a user are treated alike everywhere.
pub(crate) fn http_scheme_len(s: &str) -> Option<usize> {
    // Eight bytes compared at once: OR-ing 0x20 into the letters lower-cases
    // them and leaves `:` and `/` alone (a byte matches only if it is the
    // letter in either case, or the exact punctuation). On every URL of every
    // call, this is a tenth of a byte-by-byte `eq_ignore_ascii_case`.
    // Only the letters: OR-ing 0x20 into `:` would also let 0x1A through.
    const LOWER5: u64 = u64::from_le_bytes([0x20, 0x20, 0x20, 0x20, 0x20, 0, 0, 0]);
    const LOWER4: u64 = u64::from_le_bytes([0x20, 0x20, 0x20, 0x20, 0, 0, 0, 0]);
    const HTTPS: u64 = u64::from_le_bytes(*b"https://");
    // `http://` is seven bytes: the eighth is masked out.
    const HTTP: u64 = u64::from_le_bytes(*b"http://\0");
    const SEVEN: u64 = u64::from_le_bytes([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0]);
    let b = s.as_bytes();
    let word = |n: usize| {
        let mut w = [0u8; 8];
        w[..n].copy_from_slice(&b[..n]);
        u64::from_le_bytes(w)
    };
    if b.len() >= 8 && word(8) | LOWER5 == HTTPS {
        Some(8)
    } else if b.len() >= 7 && (word(7) | LOWER4) & SEVEN == HTTP {
        Some(7)
    } else {
        None
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
    // Fast path, same result: an id made only of unreserved characters (a
    // UUID, say) passes `check_id` and needs no encoding.
    if !input.is_empty() && input != "." && input != ".." && all_of(UNRESERVED, input.as_bytes()) {
        return Ok(Cow::Borrowed(input));
    }
    let id: Cow<'a, str> = if http_scheme_len(input).is_some() {
        // A plain URL (what Dwolla hands out) is taken apart in place; only
        // anything else is parsed in full.
        let parsed: http::Uri;
        let path = match simple_http_url(input) {
            Some(at) => &input[at..],
            None => {
                parsed = input.parse().map_err(|_| {
                    Error::invalid(field, "looks like a URL but is not a valid one")
                })?;
                parsed.path()
            }
        };
        let mut segments = path.trim_start_matches('/').rsplit('/');
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

/// [`id_segment`] that also takes the URL of one of the resource's
/// sub-resources, `.../{collection}/{id}/{sub}` (a link Dwolla hands out,
/// such as a funding source's `.../micro-deposits`).
pub(crate) fn id_segment_or_sub<'a>(
    field: &'static str,
    input: &'a str,
    collection: &str,
    sub: &str,
) -> Result<Cow<'a, str>, Error> {
    let input = match http_scheme_len(input) {
        Some(_) => input
            .strip_suffix(sub)
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or(input),
        None => input,
    };
    id_segment(field, input, collection)
}

/// Byte classes for the fast paths below, looked up in [`CLASSES`].
const UNRESERVED: u8 = 1; // RFC 3986 unreserved: letters, digits, `-._~`
const HOST: u8 = 2; // letters, digits, `.`, `-`
const PATH: u8 = 4; // unreserved, `/`, `%`

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let alnum = b.is_ascii_alphanumeric();
        if alnum || b == b'-' || b == b'.' || b == b'_' || b == b'~' {
            t[i] |= UNRESERVED | PATH;
        }
        if alnum || b == b'-' || b == b'.' {
            t[i] |= HOST;
        }
        if b == b'/' || b == b'%' {
            t[i] |= PATH;
        }
        i += 1;
    }
    t
}

static CLASSES: [u8; 256] = byte_classes();

/// True when every byte of `bytes` is of `class` (branch-free, no early exit:
/// the inputs are short and usually pass). Eight bytes a step, which halves
/// the instructions per byte of the plain fold on the URLs of every call.
fn all_of(class: u8, bytes: &[u8]) -> bool {
    let class_of = |b: u8| CLASSES[usize::from(b)];
    let mut chunks = bytes.chunks_exact(8);
    let mut acc = class;
    for c in &mut chunks {
        acc &= class_of(c[0])
            & class_of(c[1])
            & class_of(c[2])
            & class_of(c[3])
            & class_of(c[4])
            & class_of(c[5])
            & class_of(c[6])
            & class_of(c[7]);
    }
    chunks
        .remainder()
        .iter()
        .fold(acc, |acc, &b| acc & class_of(b))
        != 0
}

/// Where the path starts (`s.len()` when there is none) if `s` is an absolute
/// URL of the plain shape `http[s]://host[:port][/path]`: host and port of
/// letters, digits, `.`, `-` (host starting with a letter or digit, at most
/// one `:`), a path of unreserved characters, `/` and `%`, no query, no
/// fragment, not over 4 KiB.
///
/// Every such string is one that `http::Uri` parses as an http(s) URL with a
/// non-empty host and exactly this path (a test checks it), so callers can
/// skip the full parse, and its copy of the string, for the URLs Dwolla
/// actually hands out. `None` only means "not this simple": parse it fully.
pub(crate) fn simple_http_url(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() > 4096 {
        return None;
    }
    let start = http_scheme_len(s)?;
    let path = b[start..]
        .iter()
        .position(|&c| c == b'/')
        .map_or(b.len(), |p| start + p);
    let authority = &b[start..path];
    if !authority.first()?.is_ascii_alphanumeric() {
        return None;
    }
    // Host characters and at most one `:` (before a port).
    let colon = authority.iter().position(|&c| c == b':');
    let (host, port) = match colon {
        Some(i) => (&authority[..i], &authority[i + 1..]),
        None => (authority, &[][..]),
    };
    (all_of(HOST, host) && all_of(HOST, port) && all_of(PATH, &b[path..])).then_some(path)
}

/// What every free-text input must be: present, without control characters,
/// and not blank.
pub(crate) fn check_text(field: &'static str, text: &str) -> Result<(), Error> {
    if text.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    if text.chars().all(char::is_whitespace) {
        return Err(Error::invalid(field, "must not be blank"));
    }
    Ok(())
}

fn check_id(field: &'static str, id: &str) -> Result<(), Error> {
    check_text(field, id)?;
    if id == "." || id == ".." {
        return Err(Error::invalid(field, "must not be `.` or `..`"));
    }
    Ok(())
}

/// An operation's optional `Idempotency-Key`, checked.
pub(crate) fn optional_idempotency_key(key: Option<&str>) -> Result<Option<IdempotencyKey>, Error> {
    key.map(IdempotencyKey::new).transpose()
}

/// Checks that `href` is an absolute http(s) URL with a host.
pub(crate) fn check_absolute_url(field: &'static str, href: &str) -> Result<(), Error> {
    if simple_http_url(href).is_some() {
        // Passes every check of the full version; skips parsing (and copying) it.
        return Ok(());
    }
    check_absolute_url_full(field, href)
}

fn check_absolute_url_full(field: &'static str, href: &str) -> Result<(), Error> {
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

/// Checks an opaque token from an exchange partner (a Plaid public token, an
/// MX connection token, ...): present, not blank, no control characters, and
/// of a sane size (4 KiB).
pub(crate) fn check_token(field: &'static str, token: &str) -> Result<(), Error> {
    check_text(field, token)?;
    if token.len() > 4096 {
        return Err(Error::invalid(field, "must not be over 4096 bytes long"));
    }
    Ok(())
}

/// Checks a display name: 1 to `max` characters (Unicode scalar values, as
/// Dwolla counts them), not blank, no control characters.
pub(crate) fn check_name(field: &'static str, name: &str, max: usize) -> Result<(), Error> {
    check_text(field, name)?;
    let len = name.chars().count();
    if len > max {
        return Err(Error::invalid(
            field,
            format!("must be at most {max} characters long (it is {len})"),
        ));
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
    uri: http::Uri,
    token: &AccessToken,
    body: Option<Bytes>,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<http::Request<Bytes>, Error> {
    token.check()?;
    let has_body = body.is_some();
    let mut req = http::Request::new(body.unwrap_or_default());
    *req.method_mut() = method;
    *req.uri_mut() = uri;
    let h = req.headers_mut();
    // Room for these five and the two hyper adds on HTTP/1 (Host and
    // Content-Length): a table sized for six is full when hyper adds the
    // seventh, and growing it (a rehash and two reallocations) cost more
    // than all of this function's inserts together. Without a body there
    // are at most six (no Content-Type): the next smaller table, whose
    // entries (under 1 KiB) glibc serves from its per-thread cache.
    h.reserve(if has_body { 7 } else { 5 });
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
    // Fast path, same bytes: serde_json escapes only `"`, `\\` and C0 controls.
    if !s.bytes().fold(false, |acc, b| {
        acc | (b == b'"') | (b == b'\\') | (b < 0x20)
    }) {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    // Writing a &str to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// The request URI `{base}{pieces...}`; the first piece starts with `/` and
/// the last may carry a query. The environment's scheme and authority are
/// parsed already, so only the path (built in one allocation, parsed in
/// place) is parsed per call.
pub(crate) fn request_uri(env: &Environment, pieces: &[&str]) -> Result<http::Uri, Error> {
    let origin = env.origin();
    let mut path =
        String::with_capacity(origin.path.len() + pieces.iter().map(|p| p.len()).sum::<usize>());
    path.push_str(origin.path);
    for p in pieces {
        path.push_str(p);
    }
    if path.is_empty() {
        path.push('/');
    }
    let invalid = || Error::invalid("url", "does not form a valid request URL");
    let path_and_query =
        PathAndQuery::from_maybe_shared(Bytes::from(path.into_bytes())).map_err(|_| invalid())?;
    let mut parts = http::uri::Parts::default();
    parts.scheme = Some(origin.scheme);
    parts.authority = Some(origin.authority);
    parts.path_and_query = Some(path_and_query);
    http::Uri::from_parts(parts).map_err(|_| invalid())
}

/// `{base}{pieces...}` as a string (an href to send in a body), in one
/// allocation; the first piece starts with `/`.
fn url_of(env: &Environment, pieces: &[&str]) -> String {
    let base = env.base_url();
    let mut s = String::with_capacity(base.len() + pieces.iter().map(|p| p.len()).sum::<usize>());
    s.push_str(base);
    for p in pieces {
        s.push_str(p);
    }
    s
}

/// The href to send for a link input (`_links.source.href`, ...), given as
/// a URL or a bare id. A URL (on any host: Dwolla's own, an emulator's) is
/// sent as given once it is an absolute http(s) URL of the form
/// `.../{collection}/{id}` for one of `collections`; a bare id is sent as
/// `{environment}/{collections[0]}/{id}`, the id percent-encoded as one
/// path segment.
pub(crate) fn href_of<'a>(
    env: &Environment,
    field: &'static str,
    input: &'a str,
    collections: &[&str],
) -> Result<Cow<'a, str>, Error> {
    // Fast path, same answer: a plain URL (what Dwolla hands out) whose last
    // segment needs no decoding is checked in place, without the two copies
    // `id_segment` makes to decode and re-encode it. Its path holds only
    // unreserved characters, `/` and `%`, so the id has no control
    // character, is not blank, and without a `%` reads as it is written.
    if let Some(path_at) = simple_http_url(input) {
        let path = input[path_at..].trim_start_matches('/');
        let (rest, last) = path
            .rfind('/')
            .map_or(("", path), |i| (&path[..i], &path[i + 1..]));
        let parent = rest.rfind('/').map_or(rest, |i| &rest[i + 1..]);
        if collections.contains(&parent)
            && !last.is_empty()
            && last != "."
            && last != ".."
            && !last.contains('%')
        {
            return Ok(Cow::Borrowed(input));
        }
    }
    href_of_full(env, field, input, collections)
}

/// [`href_of`] without its fast path.
fn href_of_full<'a>(
    env: &Environment,
    field: &'static str,
    input: &'a str,
    collections: &[&str],
) -> Result<Cow<'a, str>, Error> {
    let first = collections.first().copied().unwrap_or_default();
    if http_scheme_len(input).is_none() {
        let id = id_segment(field, input, first)?;
        return Ok(Cow::Owned(url_of(env, &["/", first, "/", &id])));
    }
    check_absolute_url(field, input)?;
    let mut refused = None;
    for collection in collections {
        match id_segment(field, input, collection) {
            Ok(_) => return Ok(Cow::Borrowed(input)),
            Err(e) => refused = Some(e),
        }
    }
    match (collections, refused) {
        // One collection: its own reason (not of the form, not UTF-8, ...).
        ([_], Some(e)) => Err(e),
        _ => {
            let forms: Vec<String> = collections
                .iter()
                .map(|c| format!(".../{c}/{{id}}"))
                .collect();
            Err(Error::invalid(
                field,
                format!("is a URL, but not of the form {}", forms.join(" or ")),
            ))
        }
    }
}

/// A query string from typed parameters, in the order they are pushed:
/// `?limit=25&search=jane%20doe`. Keys are the operation's own literals;
/// values are percent-encoded (everything but RFC 3986 unreserved
/// characters), so a value can never add a parameter.
#[derive(Default)]
pub(crate) struct Query(String);

impl Query {
    pub(crate) fn new() -> Self {
        Query(String::new())
    }

    /// `key=value`.
    pub(crate) fn push(&mut self, key: &str, value: &str) -> &mut Self {
        self.0.push(if self.0.is_empty() { '?' } else { '&' });
        self.0.push_str(key);
        self.0.push('=');
        self.0
            .extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
        self
    }

    /// `key=value` when there is a value.
    pub(crate) fn opt(&mut self, key: &str, value: Option<impl fmt::Display>) -> &mut Self {
        if let Some(v) = value {
            self.push(key, &v.to_string());
        }
        self
    }

    /// `?...`, or empty when nothing was pushed.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest `correlationId` (of a customer, a transfer, a mass payment
/// or one of its items), in characters.
pub const MAX_CORRELATION_ID_CHARS: usize = 255;

/// Checks a `correlationId`: 1 to [`MAX_CORRELATION_ID_CHARS`] of `a-z`,
/// `A-Z`, `0-9`, `-`, `.`, `_`.
pub(crate) fn check_correlation_id(field: &'static str, id: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id.len() <= MAX_CORRELATION_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !ok {
        return Err(Error::invalid(
            field,
            "must be 1 to 255 letters, digits, `-`, `.` or `_` (no spaces)",
        ));
    }
    Ok(())
}

/// Checks a page size: 1 to `max`.
pub(crate) fn check_limit(limit: Option<u32>, max: u32) -> Result<(), Error> {
    match limit {
        Some(l) if l == 0 || l > max => Err(Error::invalid(
            "limit",
            format!("must be from 1 to {max} (it is {l})"),
        )),
        _ => Ok(()),
    }
}

/// Checks a free-text query value (a search term): not empty, no control
/// characters, at most 1 KiB.
pub(crate) fn check_query_text(field: &'static str, text: &str) -> Result<(), Error> {
    check_text(field, text)?;
    if text.len() > 1024 {
        return Err(Error::invalid(field, "must not be over 1024 bytes long"));
    }
    Ok(())
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
        // Schemes are case-insensitive: a URL is recognised whatever its case.
        for url in [
            "HTTPS://api.dwolla.com/customers/abc",
            "Https://api.dwolla.com/customers/abc",
            "HTTP://127.0.0.1:1/customers/abc",
        ] {
            assert_eq!(id_segment("id", url, "customers").unwrap(), "abc", "{url}");
        }
        assert_eq!(http_scheme_len("hTtPs://x"), Some(8));
        assert_eq!(http_scheme_len("HTTP://x"), Some(7));
        assert_eq!(http_scheme_len("https://"), Some(8));
        assert_eq!(http_scheme_len("http://"), Some(7));
        for no in [
            "http:/x",
            "ftp://x",
            "http\u{1a}//x",
            "https\u{1a}//x",
            "http:\u{f}/x",
            "httpx://",
            "http",
            "",
            "h\u{14}tp://x",
            "https//x",
            "hxxps://",
        ] {
            assert_eq!(http_scheme_len(no), None, "{no:?}");
        }
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
    fn ids_may_come_as_a_sub_resource_url() {
        for input in [
            "abc",
            "https://api.dwolla.com/funding-sources/abc",
            "https://api.dwolla.com/funding-sources/abc/balance",
        ] {
            assert_eq!(
                id_segment_or_sub("id", input, "funding-sources", "balance").unwrap(),
                "abc",
                "{input}"
            );
        }
        // Only a URL is taken apart: a bare id is one segment, whatever it holds.
        assert_eq!(
            id_segment_or_sub("id", "abc/balance", "funding-sources", "balance").unwrap(),
            "abc%2Fbalance"
        );
        // Another sub-resource is not this one.
        let other = "https://api.dwolla.com/funding-sources/abc/micro-deposits";
        assert_eq!(
            field(id_segment_or_sub("id", other, "funding-sources", "balance").unwrap_err()),
            "id"
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The word-at-a-time scheme check answers as a byte-by-byte one.
        #[test]
        fn scheme_check_agrees(
            s in "(h|H|\\x08|x)(t|T|\\x14)(t|T|\\x34)(p|P|\\x10)(s|S|\\x13|)(:|\\x1a|z)(/|\\x0f)(/|\\x0f|)[a-z/]{0,2}"
        ) {
            let b = s.as_bytes();
            let reference = if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
                Some(8)
            } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
                Some(7)
            } else {
                None
            };
            proptest::prop_assert_eq!(http_scheme_len(&s), reference);
        }
    }

    proptest::proptest! {
        /// Whatever the fast path accepts, the full check accepts too.
        #[test]
        fn simple_urls_pass_the_full_check(
            url in "(https?|HTTPS?|ftp|)(://|:/|)[a-zA-Z0-9.:@%\\[\\]_-]{0,12}(/[a-zA-Z0-9._~%:@?#/ -]{0,12}){0,3}"
        ) {
            if simple_http_url(&url).is_some() {
                proptest::prop_assert!(check_absolute_url_full("f", &url).is_ok(), "{}", url);
                let uri: http::Uri = url.parse().unwrap();
                let path = &url[simple_http_url(&url).unwrap()..];
                proptest::prop_assert_eq!(uri.path(), if path.is_empty() { "/" } else { path });
            }
        }

        /// The unreserved-id fast path gives what encoding would.
        #[test]
        fn id_fast_path_agrees(id in "[a-zA-Z0-9._~/ %-]{0,6}") {
            let fast = id_segment("id", &id, "customers").ok();
            let full = check_id("id", &id)
                .ok()
                .map(|()| percent_encoding::utf8_percent_encode(&id, SEGMENT).to_string());
            proptest::prop_assert_eq!(fast.map(|c| c.into_owned()), full);
        }

        /// A URL given as an id is taken apart in place exactly as a full
        /// parse would take it apart.
        #[test]
        fn url_ids_agree_with_the_full_parse(
            url in "(https?|HTTPS|hTtP)://[a-z0-9.:%@-]{0,12}(/(customers|[a-zA-Z0-9._~%:@ -]{0,8})){0,3}"
        ) {
            let full = || -> Option<String> {
                let uri: http::Uri = url.parse().ok()?;
                let mut segments = uri.path().trim_start_matches('/').rsplit('/');
                let last = segments.next().unwrap_or_default();
                let parent = segments.next().unwrap_or_default();
                if parent != "customers" || last.is_empty() {
                    return None;
                }
                let decoded = percent_encoding::percent_decode_str(last).decode_utf8().ok()?;
                check_id("id", &decoded).ok()?;
                Some(percent_encoding::utf8_percent_encode(&decoded, SEGMENT).to_string())
            };
            let fast = id_segment("id", &url, "customers").ok().map(|c| c.into_owned());
            proptest::prop_assert_eq!(fast, full());
        }

        /// The JSON string fast path writes what serde_json writes.
        #[test]
        fn json_str_fast_path_agrees(s in "\\PC{0,8}|[\\x00-\\x7f]{0,8}") {
            let mut fast = b"x".to_vec();
            push_json_str(&mut fast, &s);
            let mut full = b"x".to_vec();
            serde_json::to_writer(&mut full, &s).unwrap();
            proptest::prop_assert_eq!(fast, full);
        }
    }

    proptest::proptest! {
        /// The fast path of `href_of` answers as the general one.
        #[test]
        fn href_fast_path_agrees(
            url in "(https?|HTTPS)://[a-z0-9.:-]{0,10}(/(funding-sources|customers|[a-z0-9._~%-]{0,6})){0,3}(/[a-zA-Z0-9._~%-]{0,8})?",
        ) {
            let env = Environment::Sandbox;
            for collections in [&["funding-sources", "customers"][..], &["customers"][..]] {
                let fast = href_of(&env, "f", &url, collections).map(Cow::into_owned).ok();
                let full = href_of_full(&env, "f", &url, collections).map(Cow::into_owned).ok();
                proptest::prop_assert_eq!(fast, full);
            }
        }
    }

    #[test]
    fn hrefs_keep_urls_and_expand_ids() {
        let env = Environment::Sandbox;
        let href = |input: &str, collections: &[&str]| {
            href_of(&env, "f", input, collections).map(Cow::into_owned)
        };
        // A URL on any host is sent as given; a bare id is the environment's URL.
        for url in [
            "https://api.dwolla.com/exchanges/abc",
            "http://127.0.0.1:9/exchanges/a%2Fb",
            "HTTPS://api-sandbox.dwolla.com/exchanges/abc",
        ] {
            assert_eq!(href(url, &["exchanges"]).unwrap(), url);
        }
        assert_eq!(
            href("a/b c", &["exchanges"]).unwrap(),
            "https://api-sandbox.dwolla.com/exchanges/a%2Fb%20c"
        );
        assert_eq!(
            href("abc", &["funding-sources", "customers"]).unwrap(),
            "https://api-sandbox.dwolla.com/funding-sources/abc"
        );
        assert!(href(
            "https://x.test/customers/abc",
            &["funding-sources", "customers"]
        )
        .is_ok());
        // Another resource's URL, a URL that is not one, an empty id.
        for (input, collections, reason) in [
            (
                "https://api.dwolla.com/customers/abc",
                &["exchanges"][..],
                "not of the form .../exchanges/{id}",
            ),
            (
                "https://api.dwolla.com/labels/abc",
                &["funding-sources", "customers"][..],
                "not of the form .../funding-sources/{id} or .../customers/{id}",
            ),
            (
                "https://api.dwolla.com/exchanges/%FF",
                &["exchanges"][..],
                "UTF-8",
            ),
            (
                "https:// bad/exchanges/abc",
                &["exchanges"][..],
                "white space",
            ),
            ("", &["exchanges"][..], "empty"),
        ] {
            match href(input, collections) {
                Err(Error::InvalidInput(i)) => {
                    assert_eq!(i.field(), "f");
                    assert!(i.to_string().contains(reason), "{input:?}: {i}");
                }
                other => panic!("{input:?}: {other:?}"),
            }
        }
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
