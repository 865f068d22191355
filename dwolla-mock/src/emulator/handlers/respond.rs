//! Response helpers shared by every handler: Dwolla's media types, error
//! bodies, HAL links, `201 Created`, request-body parsing, and the small
//! codecs (percent/form decoding, RFC 3339 timestamps).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{HeaderValue, CONTENT_TYPE, LOCATION};
use http::{Response, StatusCode};
use serde_json::{json, Value};

use super::super::body::EmuBody;

/// A finished response.
pub(crate) type Resp = Response<EmuBody>;

/// Dwolla's media type.
pub(crate) const HAL: &str = "application/vnd.dwolla.v1.hal+json";
/// Success responses.
pub(crate) const HAL_CT: &str = "application/vnd.dwolla.v1.hal+json; charset=UTF-8";
/// Error responses, with the parameters live Dwolla sends.
pub(crate) const ERROR_CT: &str =
    "application/vnd.dwolla.v1.hal+json; profile=\"http://nocarrier.co.uk/profiles/vnd.error/\"; charset=UTF-8";

/// 404 with Dwolla's generic body.
pub(crate) fn not_found() -> Resp {
    error(
        StatusCode::NOT_FOUND,
        "NotFound",
        "The requested resource was not found.",
    )
}

/// 405 for a known path with a method it does not serve.
pub(crate) fn method_not_allowed() -> Resp {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        "The request method is not allowed for this resource.",
    )
}

/// 201 with a `Location` and no body.
pub(crate) fn created(location: &str) -> Resp {
    let mut resp = Response::new(EmuBody::empty());
    *resp.status_mut() = StatusCode::CREATED;
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}

/// A `{code, message}` error body.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Resp {
    error_json(status, &json!({ "code": code, "message": message }))
}

/// Any error body, with the `vnd.error` content type.
pub(crate) fn error_json(status: StatusCode, doc: &Value) -> Resp {
    json_response(status, ERROR_CT, doc)
}

/// A HAL success body.
pub(crate) fn hal(status: StatusCode, doc: &Value) -> Resp {
    json_response(status, HAL_CT, doc)
}

pub(crate) fn json_response(status: StatusCode, content_type: &'static str, doc: &Value) -> Resp {
    let body = serde_json::to_vec(doc).unwrap_or_default();
    let mut resp = Response::new(EmuBody::full(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// A response link: `{href, type, resource-type}`.
pub(crate) fn link(href: String, resource_type: &str) -> Value {
    json!({ "href": href, "type": HAL, "resource-type": resource_type })
}

/// Why a request body was refused, in the embedded form live traffic uses.
pub(crate) fn validation_embedded(code: &str, message: &str, path: &str) -> Resp {
    validation_errors(&[(code, message.to_owned(), path)])
}

/// A `ValidationError` listing every refused field.
pub(crate) fn validation_errors(errors: &[(&str, String, &str)]) -> Resp {
    let mut p = Problems::default();
    for (code, message, path) in errors {
        p.push(code, message.as_str(), *path);
    }
    p.response()
}

/// The refused members of a body, in the order they were checked,
/// collected so one `ValidationError` lists them all.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    items: Vec<Value>,
}

impl Problems {
    pub(crate) fn push(&mut self, code: &str, message: impl Into<String>, path: impl Into<String>) {
        self.items.push(json!({
            "code": code,
            "message": message.into(),
            "path": path.into(),
            "_links": {},
        }));
    }

    /// A refusal whose `_links.about` names the resource it clashes with.
    pub(crate) fn push_about(
        &mut self,
        code: &str,
        message: &str,
        path: &str,
        about_href: String,
        resource_type: &str,
    ) {
        self.items.push(json!({
            "code": code,
            "message": message,
            "path": path,
            "_links": { "about": link(about_href, resource_type) },
        }));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many refusals so far.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// `Ok` when nothing was refused, else [`Problems::response`].
    pub(crate) fn finish(self) -> Result<(), Resp> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.response())
        }
    }

    /// 400 `ValidationError` with every refusal embedded (a refusal's
    /// `_links.about` stays on it, as Dwolla sends it).
    pub(crate) fn response(self) -> Resp {
        let doc = json!({
            "code": "ValidationError",
            "message": "Validation error(s) present. See embedded errors list for more details.",
            "_embedded": { "errors": self.items },
        });
        error_json(StatusCode::BAD_REQUEST, &doc)
    }
}

/// The body as a JSON object, or Dwolla's answer to a malformed body.
pub(crate) fn parse_json_object(body: &[u8]) -> Result<Value, Resp> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() => Ok(v),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "The request body contains bad syntax or is incomplete.",
        )),
    }
}

// ---------------------------------------------------------------------------
// Small codecs

/// Decodes `%XX` escapes; `None` for a bad escape or non-UTF-8 result.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    decode(s, false)
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space.
pub(crate) fn form_decode(s: &str) -> Option<String> {
    decode(s, true)
}

fn decode(s: &str, plus_is_space: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The id in an absolute URL whose path ends `/{collection}/{id}`
/// (percent-decoded); the host is not checked.
pub(crate) fn id_from_href(href: &str, collection: &str) -> Option<String> {
    let uri: http::Uri = href.trim().parse().ok()?;
    uri.scheme()?;
    let mut segs = uri.path().trim_end_matches('/').rsplit('/');
    let id = segs.next()?;
    if segs.next()? != collection {
        return None;
    }
    percent_decode(id)
}

/// The current time as RFC 3339 in UTC with milliseconds, e.g.
/// `2024-05-01T12:34:56.789Z`.
pub(crate) fn rfc3339_now() -> String {
    rfc3339(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO),
    )
}

fn rfc3339(since_epoch: Duration) -> String {
    let secs = since_epoch.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(Duration::ZERO), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339(Duration::from_millis(784_111_777_123)),
            "1994-11-06T08:49:37.123Z"
        );
        assert_eq!(
            rfc3339(Duration::from_secs(1_709_210_096)),
            "2024-02-29T12:34:56.000Z"
        );
    }

    #[test]
    fn codecs() {
        assert_eq!(form_decode("a+b%2Fc%3A").as_deref(), Some("a b/c:"));
        assert_eq!(percent_decode("a+b%20").as_deref(), Some("a+b "));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }
}
