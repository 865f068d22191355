//! Reading Dwolla's OpenAPI spec (`tests/spec/openapi.yml`): its operations,
//! their documented responses as example documents, and the members a
//! request body may have.
//!
//! The spec gives examples member by member (`example:` on each property),
//! not whole documents, so a documented response is *synthesized* from its
//! schema: every property with its example (or `const`, or first `enum`
//! value), `allOf` merged, one document per top-level `oneOf` branch.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The spec as JSON.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yml");
        let text = std::fs::read_to_string(path).expect("tests/spec/openapi.yml is readable");
        yaml_serde::from_str(&text).expect("tests/spec/openapi.yml is valid YAML")
    })
}

/// One operation of the spec.
#[derive(Debug)]
pub struct SpecOperation {
    pub method: String,
    pub path: String,
    pub node: &'static Value,
}

/// Every operation, by `operationId`.
pub fn operations() -> BTreeMap<String, SpecOperation> {
    let mut out = BTreeMap::new();
    for (path, item) in spec()["paths"].as_object().expect("paths") {
        for (method, node) in item.as_object().expect("a path item") {
            let Some(id) = node.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let op = SpecOperation {
                method: method.to_uppercase(),
                path: path.clone(),
                node,
            };
            assert!(
                out.insert(id.to_owned(), op).is_none(),
                "operationId {id} twice"
            );
        }
    }
    out
}

/// Follows `$ref`s.
pub fn resolve(node: &'static Value) -> &'static Value {
    let mut node = node;
    for _ in 0..32 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            return node;
        };
        let mut target = spec();
        for part in r.trim_start_matches("#/").split('/') {
            target = &target[part.replace("~1", "/").replace("~0", "~")];
        }
        assert!(!target.is_null(), "unresolved $ref {r}");
        node = target;
    }
    panic!("a $ref cycle");
}

/// A documented response: status, media type and one example body per
/// top-level `oneOf` branch (an empty list: no body).
#[derive(Debug)]
pub struct DocumentedResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub bodies: Vec<Value>,
    pub has_location: bool,
}

/// The documented responses of `op`.
pub fn responses(op: &SpecOperation) -> Vec<DocumentedResponse> {
    let mut out = Vec::new();
    let Some(responses) = op.node.get("responses").and_then(Value::as_object) else {
        return out;
    };
    for (status, response) in responses {
        let response = resolve(response);
        let status: u16 = status.parse().expect("a numeric status");
        let has_location = response
            .get("headers")
            .and_then(Value::as_object)
            .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("location")));
        let mut content_type = None;
        let mut bodies = Vec::new();
        if let Some((media, m)) = response
            .get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.iter().next())
        {
            content_type = Some(media.clone());
            if let Some(schema) = m.get("schema") {
                bodies = branches(schema)
                    .into_iter()
                    .map(|s| example(s, 0))
                    .collect();
            }
        }
        out.push(DocumentedResponse {
            status,
            content_type,
            bodies,
            has_location,
        });
    }
    out
}

/// A schema's top-level `oneOf`/`anyOf` branches, or the schema itself.
fn branches(schema: &'static Value) -> Vec<&'static Value> {
    let s = resolve(schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(list) = s.get(key).and_then(Value::as_array) {
            return list.iter().flat_map(branches).collect();
        }
    }
    vec![s]
}

/// An example document for `schema`.
pub fn example(schema: &'static Value, depth: usize) -> Value {
    let s = resolve(schema);
    if depth > 12 {
        return Value::Null;
    }
    if let Some(e) = s.get("example") {
        return e.clone();
    }
    if let Some(e) = s
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return e.clone();
    }
    if let Some(c) = s.get("const") {
        return c.clone();
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(m) = example(part, depth + 1) {
                merged.extend(m);
            }
        }
        return Value::Object(merged);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = s.get(key).and_then(Value::as_array).and_then(|l| l.first()) {
            return example(first, depth + 1);
        }
    }
    if let Some(first) = s
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
    {
        return first.clone();
    }
    let ty = s.get("type").and_then(Value::as_str).unwrap_or("");
    if ty == "object" || s.get("properties").is_some() || s.get("additionalProperties").is_some() {
        let mut m = Map::new();
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                m.insert(k.clone(), example(v, depth + 1));
            }
        }
        if m.is_empty() {
            // `_links` and other maps: one entry, under the name HAL uses most.
            if let Some(extra @ Value::Object(_)) = s.get("additionalProperties") {
                m.insert("self".to_owned(), example(extra, depth + 1));
            }
        }
        return Value::Object(m);
    }
    if ty == "array" {
        return match s.get("items") {
            Some(items) => Value::Array(vec![example(items, depth + 1)]),
            None => Value::Array(vec![]),
        };
    }
    match ty {
        "string" => Value::String("string".to_owned()),
        "integer" | "number" => Value::from(0),
        "boolean" => Value::Bool(false),
        _ => Value::Null,
    }
}

/// The request body schemas of `op` (one per `oneOf` branch), with the
/// media type.
pub fn request_bodies(op: &SpecOperation) -> Vec<(String, &'static Value)> {
    let Some(body) = op.node.get("requestBody") else {
        return Vec::new();
    };
    let body = resolve(body);
    let Some(content) = body.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    content
        .iter()
        .flat_map(|(media, m)| {
            m.get("schema")
                .map(|s| {
                    branches(s)
                        .into_iter()
                        .map(|b| (media.clone(), b))
                        .collect()
                })
                .unwrap_or_else(Vec::new)
        })
        .collect()
}

/// The members of `value` that `schema` does not declare, as JSON pointers
/// (empty when every member, at every depth, is declared). A schema with
/// `additionalProperties` allows any member; a member whose schema is
/// `oneOf`/`anyOf` is checked against each branch and passes if one does.
pub fn undeclared(schema: &'static Value, value: &Value, at: &str) -> Vec<String> {
    let s = resolve(schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(list) = s.get(key).and_then(Value::as_array) {
            let results: Vec<Vec<String>> = list.iter().map(|b| undeclared(b, value, at)).collect();
            return results
                .iter()
                .find(|r| r.is_empty())
                .cloned()
                .unwrap_or_else(|| results.into_iter().next().unwrap_or_default());
        }
    }
    match value {
        Value::Object(members) => {
            let declared = declared_properties(s);
            let open = s
                .get("additionalProperties")
                .is_some_and(|a| a != &Value::Bool(false))
                || (declared.is_empty() && s.get("type").is_none_or(|t| t == "object"));
            let mut out = Vec::new();
            for (k, v) in members {
                let path = format!("{at}/{k}");
                match declared.get(k.as_str()) {
                    Some(sub) => out.extend(undeclared(sub, v, &path)),
                    None if open => {
                        if let Some(extra @ Value::Object(_)) = s.get("additionalProperties") {
                            out.extend(undeclared(extra, v, &path));
                        }
                    }
                    None => out.push(path),
                }
            }
            out
        }
        Value::Array(items) => match s.get("items") {
            Some(item_schema) => items
                .iter()
                .enumerate()
                .flat_map(|(i, v)| undeclared(item_schema, v, &format!("{at}/{i}")))
                .collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The properties a schema declares, `allOf` parts merged.
fn declared_properties(s: &'static Value) -> BTreeMap<&'static str, &'static Value> {
    let mut out = BTreeMap::new();
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            out.insert(k.as_str(), v);
        }
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        for part in all {
            out.extend(declared_properties(resolve(part)));
        }
    }
    out
}
