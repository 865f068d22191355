//! `GET /business-classifications` and `GET /business-classifications/{id}`:
//! a few of Dwolla's business classifications, each with industry
//! classifications. A business customer's `businessClassification` must be
//! one of the industry ids.
//!
//! "Food retail and service" and its first ids are the ones Dwolla's
//! documentation shows; `9ed3f670-7d6f-11e3-b1ce-5404a6144203` (the value
//! the documentation's create-customer examples send) is listed as an
//! industry here so those examples work. The other ids are the emulator's.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::respond::{error, hal, link, Resp};
use super::super::Call;

/// (business classification id, name, [(industry id, name)]).
type Classification = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CLASSIFICATIONS: &[Classification] = &[
    (
        "9ed3f669-7d6f-11e3-b545-5404a6144203",
        "Food retail and service",
        &[
            ("9ed3f671-7d6f-11e3-803c-5404a6144203", "Gourmet foods"),
            ("9ed3f66c-7d6f-11e3-86ae-5404a6144203", "Distilleries"),
            ("9ed3f66b-7d6f-11e3-95ac-5404a6144203", "Wineries"),
            ("9ed3f670-7d6f-11e3-b1ce-5404a6144203", "Restaurant"),
        ],
    ),
    (
        "9ed35a29-7d6f-11e3-930b-5404a6144203",
        "Computers and internet",
        &[
            ("9ed35a2f-7d6f-11e3-b45c-5404a6144203", "Computer software"),
            (
                "9ed35a31-7d6f-11e3-9b6b-5404a6144203",
                "Web hosting and design",
            ),
            ("9ed35a33-7d6f-11e3-8b76-5404a6144203", "Online services"),
        ],
    ),
    (
        "9ed41d75-7d6f-11e3-9ec4-5404a6144203",
        "Services - other",
        &[
            (
                "9ed41d7b-7d6f-11e3-bc6d-5404a6144203",
                "Consulting services",
            ),
            (
                "9ed41d7d-7d6f-11e3-a6f2-5404a6144203",
                "Landscaping services",
            ),
            (
                "9ed41d80-7d6f-11e3-8a66-5404a6144203",
                "Cleaning and maintenance",
            ),
        ],
    ),
];

/// Whether `id` is an industry classification's id.
pub(crate) fn is_industry(id: &str) -> bool {
    CLASSIFICATIONS
        .iter()
        .flat_map(|(_, _, industries)| industries.iter())
        .any(|(i, _)| i.eq_ignore_ascii_case(id.trim()))
}

fn classification_json(base: &str, (id, name, industries): &Classification) -> Value {
    let industries: Vec<Value> = industries
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name }))
        .collect();
    json!({
        "_links": { "self": link(format!("{base}/business-classifications/{id}"), "business-classification") },
        "_embedded": { "industry-classifications": industries },
        "id": id,
        "name": name,
    })
}

pub(crate) fn list(call: &Call<'_>) -> Resp {
    let base = &call.shared.base_url;
    let all: Vec<Value> = CLASSIFICATIONS
        .iter()
        .map(|c| classification_json(base, c))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{base}/business-classifications"), "business-classification") },
            "_embedded": { "business-classifications": all },
            "total": CLASSIFICATIONS.len(),
        }),
    )
}

pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    match CLASSIFICATIONS
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(id))
    {
        Some(c) => hal(
            StatusCode::OK,
            &classification_json(&call.shared.base_url, c),
        ),
        None => error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "Business classification not found.",
        ),
    }
}
