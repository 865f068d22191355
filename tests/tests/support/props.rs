//! Property-test strategies and checks the `*_props` binaries share.

use std::fmt::Debug;

use bytes::Bytes;
use dwolla_core::{Error, Operation};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

/// Mostly-plausible strings with every awkward character class mixed in:
/// ids, URLs, names, nothing at all.
pub fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[a-z0-9./:%?#@ \\-\\t\\n\\u{0}\\u{7f}é\"\\\\{}<]{0,24}",
        "(https?|ftp)://[a-z0-9.:\\[\\]@-]{0,12}(/[a-zA-Z0-9._~%?#/ -]{0,10}){0,3}",
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just(String::new()),
    ]
}

/// JSON documents made of the members `keys` name (with junk of every type
/// in their places), `texts` among their strings, nested.
pub fn json_value(
    keys: &'static [&'static str],
    texts: &'static [&'static str],
) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(texts).prop_map(Value::from),
        "[a-zA-Z0-9 :/._-]{0,24}".prop_map(Value::String),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(keys), inner), 0..6).prop_map(|m| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Responses of every kind of status: a body of [`json_value`] (sometimes
/// not JSON at all), sometimes a `Location` header, valid or not.
pub fn responses(
    keys: &'static [&'static str],
    texts: &'static [&'static str],
) -> impl Strategy<Value = http::Response<Bytes>> {
    let body = prop_oneof![
        3 => json_value(keys, texts).prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ];
    let location = prop::option::of(prop::sample::select(vec![
        "https://api.dwolla.com/x/abc",
        "https://api.dwolla.com/",
        "not a url",
        "",
    ]));
    (
        prop::sample::select(vec![200u16, 201, 204, 400, 403, 404, 413, 429, 500]),
        body,
        location,
    )
        .prop_map(|(status, body, location)| {
            let mut b = http::Response::builder().status(status);
            if let Some(l) = location {
                b = b.header("location", l);
            }
            b.body(Bytes::from(body)).unwrap()
        })
}

/// What parsing `r` may give: success only on 2xx (it did not panic to get
/// here), and an error answer that keeps its body.
pub fn check<T: Debug>(
    r: &http::Response<Bytes>,
    result: Result<T, Error>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(v) => {
            prop_assert!(r.status().is_success());
            let _ = format!("{v:?}");
        }
        Err(Error::Api(e)) => {
            prop_assert!(!r.status().is_success());
            prop_assert_eq!(e.body(), r.body());
        }
        Err(Error::UnexpectedResponse(u)) => prop_assert!(r.status().is_success(), "{u}"),
        Err(other) => prop_assert!(false, "unexpected {other:?}"),
    }
    Ok(())
}

/// [`check`] of what `op` parses from `r`, naming the operation in a
/// failure.
pub fn check_op<O: Operation>(op: O, r: &http::Response<Bytes>) -> Result<(), TestCaseError>
where
    O::Output: Debug,
{
    let name = op.name();
    check(r, op.parse_response(r.clone())).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))
}

/// How many items the body's `_embedded[rel]` holds, if it is a list.
pub fn sent(r: &http::Response<Bytes>, rel: &str) -> Option<usize> {
    serde_json::from_slice::<Value>(r.body())
        .ok()?
        .get("_embedded")?
        .get(rel)?
        .as_array()
        .map(Vec::len)
}
