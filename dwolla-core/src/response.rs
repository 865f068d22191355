//! Pieces every operation's response parsing is made of.

use bytes::Bytes;
use http::header::LOCATION;
use serde::de::DeserializeOwned;

use crate::created::Created;
use crate::error::{ApiError, Error, UnexpectedResponse};
use crate::lenient::{starts_like_object, HalCollection, Object};
use crate::list::{List, Skipped};
use crate::model::FromWire;
use serde_json::value::RawValue;

/// The parts of a 2xx response; any other status is an `Api` error.
fn success(response: http::Response<Bytes>) -> Result<(http::response::Parts, Bytes), Error> {
    let (parts, body) = response.into_parts();
    if parts.status.is_success() {
        Ok((parts, body))
    } else {
        Err(Error::Api(ApiError::from_parts(
            parts.status,
            parts.headers,
            body,
        )))
    }
}

/// 2xx with an absolute `Location` whose last segment is non-empty -> `Created`
/// (its id, the last path segment without any query, is a range into the one
/// allocated location); 2xx without one -> `UnexpectedResponse`; anything
/// else -> `Api`.
pub(crate) fn created<R>(response: http::Response<Bytes>) -> Result<Created<R>, Error> {
    let (parts, body) = success(response)?;
    let unexpected = |reason: &'static str, parts: http::response::Parts, body: Bytes| {
        Err(Error::UnexpectedResponse(UnexpectedResponse::new(
            parts.status,
            parts.headers,
            body,
            reason,
        )))
    };
    let Some(value) = parts.headers.get(LOCATION) else {
        return unexpected("the response has no Location header", parts, body);
    };
    // The usual Location, a plain absolute URL, is checked in one pass: its
    // URL byte classes are all visible ASCII without white space, so it needs
    // neither the header's own ASCII check nor a trim. Anything else takes
    // the careful path.
    let plain = std::str::from_utf8(value.as_bytes())
        .ok()
        .and_then(|s| Some((s, crate::request::simple_http_url(s)?)));
    let (location, id) = match plain {
        Some((location, path)) => (location, last_path_segment(&location[path..])),
        None => {
            let Ok(location) = value.to_str() else {
                return unexpected("the Location header is not visible ASCII", parts, body);
            };
            let location = location.trim();
            (location, last_segment(location))
        }
    };
    let Some(id) = id else {
        return unexpected(
            "the Location header is not an absolute URL ending in an id",
            parts,
            body,
        );
    };
    // `id` is a subslice of `location`.
    let id_at = id.as_ptr() as usize - location.as_ptr() as usize;
    Ok(Created::new(location.to_owned(), id_at..id_at + id.len()))
}

/// A resource's id: its `id` member, or else the last segment of its `self`
/// link (both identify it; Dwolla sends both, a lenient reader takes either).
/// An empty `id` is no id: it could not be retrieved by.
pub(crate) fn id_or_self(id: Option<String>, self_href: Option<&str>) -> Option<String> {
    id.filter(|id| !id.is_empty())
        .or_else(|| self_href.and_then(last_segment).map(str::to_owned))
}

/// The last path segment of an absolute http(s) URL, if it is non-empty.
pub(crate) fn last_segment(url: &str) -> Option<&str> {
    if let Some(path) = crate::request::simple_http_url(url) {
        // Same answer as below without parsing (and copying) the URL.
        return last_path_segment(&url[path..]);
    }
    last_segment_full(url)
}

/// The last segment of a plain path (no query, no fragment), if non-empty.
fn last_path_segment(path: &str) -> Option<&str> {
    let from = path
        .bytes()
        .rposition(|c| c == b'/')
        .map_or(path.len(), |i| i + 1);
    let last = &path[from..];
    (!last.is_empty()).then_some(last)
}

fn last_segment_full(url: &str) -> Option<&str> {
    let uri: http::Uri = url.parse().ok()?;
    let scheme_ok = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http"));
    if !scheme_ok || uri.authority().is_none_or(|a| a.host().is_empty()) {
        return None;
    }
    let path = uri.path();
    let last_len = path.len() - (path.rfind('/')? + 1);
    // Slice the input itself (not the parsed copy) so the id borrows from it.
    let before_query = url.split(['?', '#']).next()?;
    if last_len == 0 || !before_query.ends_with(path) {
        return None;
    }
    Some(&before_query[before_query.len() - last_len..])
}

/// A JSON body as text (a UTF-8 byte-order mark dropped), or `None` if it is
/// not UTF-8. Checking the whole body once, word by word, is far cheaper than
/// serde_json checking each string it reads from bytes.
fn json_text(body: &[u8]) -> Option<&str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    std::str::from_utf8(body).ok()
}

/// 2xx with a JSON body of shape `T` that `convert` accepts -> its output;
/// 2xx otherwise -> `UnexpectedResponse` (raw body kept); anything else -> `Api`.
pub(crate) fn json<T: DeserializeOwned, O>(
    response: http::Response<Bytes>,
    convert: impl FnOnce(T) -> Result<O, &'static str>,
) -> Result<O, Error> {
    let (parts, body) = success(response)?;
    match read_document(&body, convert) {
        Ok(o) => Ok(o),
        Err(reason) => Err(Error::UnexpectedResponse(UnexpectedResponse::new(
            parts.status,
            parts.headers,
            body,
            reason,
        ))),
    }
}

/// A JSON document (a UTF-8 byte-order mark dropped) read as `T` and
/// accepted by `convert`, or why not: what [`json`] reads a response with,
/// and [`crate::events::Event::parse`] a webhook's body.
pub(crate) fn read_document<T: DeserializeOwned, O>(
    body: &[u8],
    convert: impl FnOnce(T) -> Result<O, &'static str>,
) -> Result<O, std::borrow::Cow<'static, str>> {
    match json_text(body) {
        // A document is an object: anything else is refused before reading
        // (a derived reader would take an array by position).
        Some(text) if !starts_like_object(text.as_bytes()) => {
            Err("the body is not a JSON object".into())
        }
        Some(text) => match serde_json::from_str::<T>(text) {
            Ok(v) => convert(v).map_err(Into::into),
            Err(e) => Err(format!("the body is not the expected JSON: {e}").into()),
        },
        None => Err("the body is not UTF-8 text".into()),
    }
}

/// 2xx with a HAL collection whose items are under `_embedded[rel]` -> the
/// list: each item read as `W` and kept if `convert` accepts it, else kept
/// in [`List::skipped`] (see [`crate::list`]); a body that is not a
/// collection -> `UnexpectedResponse`; anything else -> `Api`.
pub(crate) fn list<W: DeserializeOwned, T>(
    response: http::Response<Bytes>,
    rel: &'static str,
    mut convert: impl FnMut(W) -> Result<T, &'static str>,
) -> Result<List<T>, Error> {
    let (parts, body) = success(response)?;
    let Some(text) = json_text(&body) else {
        let reason = format!("the response body is not a list of `{rel}`: it is not UTF-8 text");
        return Err(Error::UnexpectedResponse(UnexpectedResponse::new(
            parts.status,
            parts.headers,
            body,
            reason,
        )));
    };
    // The usual list, every item usable, is read in one pass. Only a list
    // with an item that cannot be used is read again, item by item, to keep
    // that item's raw JSON.
    if let Ok(collection) = HalCollection::<Object<W>>::parse(text, rel) {
        let total = collection.total;
        let items: Option<Vec<T>> = collection
            .items
            .into_iter()
            .map(|item| item.0.and_then(|wire| convert(wire).ok()))
            .collect();
        if let Some(items) = items {
            return Ok(List::new(items, Vec::new(), total, collection.links));
        }
    }
    let collection = match HalCollection::<&RawValue>::parse(text, rel) {
        Ok(c) => c,
        Err(e) => {
            let reason = format!("the response body is not a list of `{rel}`: {e}");
            return Err(Error::UnexpectedResponse(UnexpectedResponse::new(
                parts.status,
                parts.headers,
                body,
                reason,
            )));
        }
    };
    let mut items = Vec::with_capacity(collection.items.len());
    let mut skipped = Vec::new();
    for (index, raw) in collection.items.into_iter().enumerate() {
        // As an object only: an array item must not be read by position.
        let reason: std::borrow::Cow<'static, str> = if !starts_like_object(raw.get().as_bytes()) {
            "the item is not a JSON object".into()
        } else {
            match serde_json::from_str::<W>(raw.get()) {
                Ok(wire) => match convert(wire) {
                    Ok(item) => {
                        items.push(item);
                        continue;
                    }
                    Err(reason) => reason.into(),
                },
                Err(e) => format!("the item is not a JSON object: {e}").into(),
            }
        };
        tracing::warn!(list = rel, index, reason = %reason, "skipped a list item that cannot be used");
        skipped.push(Skipped::new(index, reason, raw.to_owned()));
    }
    Ok(List::new(
        items,
        skipped,
        collection.total,
        collection.links,
    ))
}

/// [`json`] for a model declared with `model!`.
pub(crate) fn json_of<M: FromWire>(response: http::Response<Bytes>) -> Result<M, Error> {
    json(response, M::from_wire)
}

/// [`json_of`] for an operation Dwolla may answer with an empty 2xx (a
/// DELETE that returns nothing): `None` then.
pub(crate) fn json_of_or_empty<M: FromWire>(
    response: http::Response<Bytes>,
) -> Result<Option<M>, Error> {
    if response.status().is_success() && response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    json_of(response).map(Some)
}

/// [`list`] of a model declared with `model!`.
pub(crate) fn list_of<M: FromWire>(
    response: http::Response<Bytes>,
    rel: &'static str,
) -> Result<List<M>, Error> {
    list(response, rel, M::from_wire)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_segment_rules() {
        assert_eq!(
            last_segment("https://api.dwolla.com/exchange-sessions/abc"),
            Some("abc")
        );
        assert_eq!(
            last_segment("http://127.0.0.1:1/exchange-sessions/abc?x=1"),
            Some("abc")
        );
        assert_eq!(
            last_segment("https://api.dwolla.com/exchange-sessions/"),
            None
        );
        assert_eq!(last_segment("/exchange-sessions/abc"), None);
        assert_eq!(last_segment("ftp://h/abc"), None);
        assert_eq!(last_segment("not a url"), None);
        assert_eq!(last_segment("https://api.dwolla.com"), None);
        assert_eq!(last_segment("HTTPS://a.b:443/x/y-1_%41"), Some("y-1_%41"));
        assert_eq!(last_segment("https://a.b:443"), None);
    }

    proptest::proptest! {
        /// The fast path answers exactly as the full parse does.
        #[test]
        fn fast_path_agrees_with_the_full_parse(
            url in "(https?|HTTPS?|ftp|)(://|:/|)[a-zA-Z0-9.:@%\\[\\]_-]{0,12}(/[a-zA-Z0-9._~%:@?#/ -]{0,12}){0,3}"
        ) {
            if crate::request::simple_http_url(&url).is_some() {
                proptest::prop_assert_eq!(last_segment(&url), last_segment_full(&url));
            }
        }
    }
}
