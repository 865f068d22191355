//! Dwolla's OpenAPI spec as a test (`tests/spec/openapi.yml`, see its
//! NOTICE.md). When Dwolla changes the spec, these say what fell behind:
//!
//! 1. every `operationId` is the `Operation::name()` of exactly one operation
//!    type, or is on [`NOT_YET`], the operations not modelled yet;
//! 2. every documented response of every modelled operation parses to what it
//!    documents (2xx: `Ok`; an error: `Err(Api)` with a specific kind);
//! 3. every request body a constructor builds has only members the spec
//!    declares for it.

mod openapi;
mod registry;

use std::collections::{BTreeMap, BTreeSet};

use dwolla_core::bytes::Bytes;
use dwolla_core::{ApiErrorKind, Error};
use serde_json::Value;

/// The spec's operations this SDK does not type yet (they are reachable
/// through `hal::HalRequest`). Issues 14 to 16 empty this list; the test that
/// reads it stays, so that an operation Dwolla adds is either typed or listed
/// here on purpose.
const NOT_YET: &[&str] = &[];

#[test]
fn every_operation_is_typed_exactly_once_or_not_yet() {
    let spec = openapi::operations();
    let samples = registry::all();
    let mut types: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in &samples {
        types.entry(s.name()).or_default().insert(s.type_name());
    }
    let mut problems = Vec::new();
    for (name, ts) in &types {
        if !spec.contains_key(*name) {
            problems.push(format!(
                "{name}: an operation's name() that is no operationId of the spec ({ts:?})"
            ));
        }
        if ts.len() > 1 {
            problems.push(format!("{name}: the name() of {} types: {ts:?}", ts.len()));
        }
        if NOT_YET.contains(name) {
            problems.push(format!("{name}: typed, but still on NOT_YET"));
        }
    }
    for id in spec.keys() {
        if !types.contains_key(id.as_str()) && !NOT_YET.contains(&id.as_str()) {
            problems.push(format!("{id}: in the spec, neither typed nor on NOT_YET"));
        }
    }
    for id in NOT_YET {
        if !spec.contains_key(*id) {
            problems.push(format!("{id}: on NOT_YET but not in the spec"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!(
        "{} of {} operations typed, {} not yet",
        types.len(),
        spec.len(),
        NOT_YET.len()
    );
}

/// A response as Dwolla would send the documented one.
fn response(
    status: u16,
    content_type: Option<&str>,
    body: Option<&Value>,
    location: bool,
) -> http::Response<Bytes> {
    let mut b = http::Response::builder()
        .status(status)
        .header("x-request-id", "spec-test");
    if let Some(ct) = content_type {
        b = b.header("content-type", ct);
    }
    if location {
        b = b.header(
            "location",
            "https://api-sandbox.dwolla.com/resources/7c9d1d0a-3b4f-4f2c-9d5e-0a1b2c3d4e5f",
        );
    }
    let body = body
        .map(|v| Bytes::from(serde_json::to_vec(v).unwrap()))
        .unwrap_or_default();
    b.body(body).unwrap()
}

/// At least this many documented responses (and branches of `oneOf`
/// bodies) are checked: 346 when this was written. Fewer means the spec
/// reader or the registry lost some.
const DOCUMENTED_RESPONSES_AT_LEAST: usize = 340;

/// The request id [`response`] sends.
const REQUEST_ID: &str = "spec-test";

#[test]
fn every_documented_response_parses() {
    let spec = openapi::operations();
    let samples = registry::all();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    // Error branches with a documented body, and those of them whose body
    // has a string `code` (compared with what the error reports).
    let mut error_bodies = 0;
    let mut error_codes = 0;
    for s in &samples {
        // One sample per operation: the responses do not depend on the form.
        if !seen.insert(s.name()) {
            continue;
        }
        let Some(op) = spec.get(s.name()) else {
            continue;
        };
        for documented in openapi::responses(op) {
            let bodies: Vec<Option<&Value>> = if documented.bodies.is_empty() {
                vec![None]
            } else {
                documented.bodies.iter().map(Some).collect()
            };
            for (branch, body) in bodies.into_iter().enumerate() {
                checked += 1;
                let resp = response(
                    documented.status,
                    documented.content_type.as_deref(),
                    body,
                    documented.has_location,
                );
                let sent = resp.body().clone();
                let what = format!("{} {} (branch {branch})", s.name(), documented.status);
                let shown = || body.map(Value::to_string).unwrap_or_default();
                match (documented.status, s.parse(resp)) {
                    (200..=299, Ok(())) => {}
                    (200..=299, Err(e)) => problems.push(format!(
                        "{what}: documented success fails: {e}\n  body: {}",
                        shown()
                    )),
                    (_, Err(Error::Api(e))) if e.kind() != ApiErrorKind::Other => {
                        // The status alone gives a kind: what the body says
                        // must be read too, and the bytes kept.
                        if e.body() != &sent {
                            problems
                                .push(format!("{what}: raw body not kept\n  body: {}", shown()));
                        }
                        if e.request_id() != Some(REQUEST_ID) {
                            problems.push(format!("{what}: request id not kept: {e:?}"));
                        }
                        if body.is_some() {
                            error_bodies += 1;
                        }
                        if let Some(code) = body.and_then(|b| b.get("code")).and_then(Value::as_str)
                        {
                            error_codes += 1;
                            if e.code() != Some(code) {
                                problems.push(format!(
                                    "{what}: code {:?}, but the body says {code:?}\n  body: {}",
                                    e.code(),
                                    shown()
                                ));
                            }
                        }
                    }
                    // The token endpoint answers OAuth errors (`{"error":"invalid_client"}`),
                    // typed as the client reports them: Err(Token) with the OAuth code.
                    (status, Err(Error::Token(e)))
                        if e.status().map(|s| s.as_u16()) == Some(status)
                            && e.oauth_error().is_some() =>
                    {
                        if e.body() != &sent {
                            problems
                                .push(format!("{what}: raw body not kept\n  body: {}", shown()));
                        }
                        let oauth = body.and_then(|b| b.get("error")).and_then(Value::as_str);
                        if oauth.is_some() && e.oauth_error() != oauth {
                            problems.push(format!(
                                "{what}: OAuth error {:?}, but the body says {oauth:?}",
                                e.oauth_error()
                            ));
                        }
                    }
                    (_, Err(Error::Api(e))) => {
                        problems.push(format!("{what}: classified Other: {e}"))
                    }
                    (_, other) => problems.push(format!(
                        "{what}: documented error is not Err(Api): {other:?}"
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!(
        "{checked} documented responses parsed; {error_bodies} error bodies, {error_codes} with a code"
    );
    assert!(
        checked >= DOCUMENTED_RESPONSES_AT_LEAST,
        "only {checked} documented responses checked"
    );
    assert!(error_bodies > 0, "no documented error had a body");
    assert!(error_codes > 0, "no documented error body had a code");
}

/// The members of a built request body, as JSON (form and multipart bodies
/// as an object of their field names).
fn body_members(request: &http::Request<Bytes>) -> Option<Value> {
    if request.body().is_empty() {
        return None;
    }
    let ct = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("multipart/form-data") {
        let text = String::from_utf8_lossy(request.body());
        let mut fields = serde_json::Map::new();
        for part in text
            .split("Content-Disposition: form-data; name=\"")
            .skip(1)
        {
            let name = part.split('"').next().unwrap_or_default();
            fields.insert(name.to_owned(), Value::String(String::new()));
        }
        return Some(Value::Object(fields));
    }
    if ct.starts_with("application/x-www-form-urlencoded") {
        let text = String::from_utf8_lossy(request.body());
        let fields = text
            .split('&')
            .map(|pair| {
                (
                    pair.split('=').next().unwrap_or_default().to_owned(),
                    Value::String(String::new()),
                )
            })
            .collect();
        return Some(Value::Object(fields));
    }
    Some(serde_json::from_slice(request.body()).expect("a JSON body"))
}

#[test]
fn request_bodies_have_only_declared_members() {
    let spec = openapi::operations();
    let mut problems = Vec::new();
    let mut checked = 0;
    for s in registry::all() {
        let Some(op) = spec.get(s.name()) else {
            continue;
        };
        let request = match s.build() {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!(
                    "{} ({}): the sample does not build: {e}",
                    s.name(),
                    s.form
                ));
                continue;
            }
        };
        if request.method().as_str() != op.method {
            problems.push(format!(
                "{} ({}): method {} but the spec says {}",
                s.name(),
                s.form,
                request.method(),
                op.method
            ));
        }
        if !path_matches(&op.path, request.uri().path()) {
            problems.push(format!(
                "{} ({}): path {} but the spec says {}",
                s.name(),
                s.form,
                request.uri().path(),
                op.path
            ));
        }
        let Some(body) = body_members(&request) else {
            continue;
        };
        let schemas = openapi::request_bodies(op);
        if schemas.is_empty() {
            // No body documented: only an empty object is acceptable.
            if body != Value::Object(Default::default()) {
                problems.push(format!(
                    "{} ({}): sends a body, the spec documents none: {body}",
                    s.name(),
                    s.form
                ));
            }
            continue;
        }
        checked += 1;
        let results: Vec<Vec<String>> = schemas
            .iter()
            .map(|(_, schema)| openapi::undeclared(schema, &body, ""))
            .collect();
        if !results.iter().any(Vec::is_empty) {
            let best = results.into_iter().min_by_key(Vec::len).unwrap_or_default();
            problems.push(format!(
                "{} ({}): members the spec does not declare: {best:?}\n  body: {body}",
                s.name(),
                s.form
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("{checked} request bodies checked");
}

/// `/customers/abc/documents` matches `/customers/{id}/documents`.
fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

#[test]
fn the_harness_catches_an_undeclared_member() {
    // The member check itself: a body with a member the spec lacks fails.
    let spec = openapi::operations();
    let op = &spec["createCustomerExchangeSession"];
    let schemas = openapi::request_bodies(op);
    let good = serde_json::json!({"_links": {"exchange-partner": {"href": "x"}}});
    let bad = serde_json::json!({"_links": {"exchange-partner": {"href": "x"}}, "nickname": "y"});
    assert!(schemas
        .iter()
        .any(|(_, s)| openapi::undeclared(s, &good, "").is_empty()));
    assert!(schemas
        .iter()
        .all(|(_, s)| !openapi::undeclared(s, &bad, "").is_empty()));
}
