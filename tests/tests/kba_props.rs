//! Property tests for KBA: any answers build the exact body or name the
//! field; checking answers against questions never panics; no response makes
//! a parser panic.

use bytes::Bytes;
use dwolla_core::kba::{InitiateKba, KbaAnswer, RetrieveKbaQuestions, VerifyKba};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const KEYS: &[&str] = &[
    "_links",
    "answer",
    "customer",
    "self",
    "href",
    "id",
    "questions",
    "answers",
    "text",
    "verificationStatus",
    "code",
    "message",
];

/// JSON documents made of the members these models read (and junk of every
/// type in their places), as text; sometimes not JSON at all.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop::sample::select(KEYS.to_vec());
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 :/._-]{0,24}".prop_map(Value::String),
        Just(Value::String("https://api.dwolla.com/x/abc".into())),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

fn response() -> impl Strategy<Value = http::Response<Bytes>> {
    let body = prop_oneof![
        3 => json_value().prop_map(|v| v.to_string().into_bytes()),
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

/// Parsing never panics, succeeds only on 2xx, and an error answer keeps
/// its body.
fn check<T: std::fmt::Debug>(
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

fn id() -> impl Strategy<Value = String> {
    prop_oneof![8 => "[0-9]{1,3}", 1 => Just(String::new()), 1 => "\\PC{0,4}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_answers_build_exactly_or_name_the_field(
        answers in prop::collection::vec((id(), id()), 0..20),
    ) {
        let answers: Vec<KbaAnswer> = answers.into_iter().map(|(q, a)| KbaAnswer::new(q, a)).collect();
        let op = VerifyKba::new("k", answers.clone());
        match op.build_request(&Environment::Sandbox, &AccessToken::new("t")) {
            Ok(r) => {
                let json: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
                let sent = json["answers"].as_array().unwrap();
                prop_assert_eq!(sent.len(), answers.len());
                for (s, a) in sent.iter().zip(&answers) {
                    prop_assert_eq!(s["questionId"].as_str(), Some(a.question_id()));
                    prop_assert_eq!(s["answerId"].as_str(), Some(a.answer_id()));
                    prop_assert_eq!(s.as_object().unwrap().len(), 2);
                }
                let mut ids: Vec<&str> = answers.iter().map(KbaAnswer::question_id).collect();
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(ids.len(), answers.len());
            }
            Err(Error::InvalidInput(i)) => {
                prop_assert!(["answers", "answers.question_id", "answers.answer_id"].contains(&i.field()), "{}", i);
            }
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn parsers_never_panic_and_verify_checks_never_panic(
        r in response(),
        answers in prop::collection::vec((id(), id()), 0..6),
    ) {
        check(&r, InitiateKba::new("c").parse_response(r.clone()))?;
        check(&r, RetrieveKbaQuestions::new("k").parse_response(r.clone()))?;
        check(&r, VerifyKba::new("k", [KbaAnswer::new("1", "2")]).parse_response(r.clone()))?;
        if let Ok(q) = RetrieveKbaQuestions::new("k").parse_response(r.clone()) {
            let answers: Vec<KbaAnswer> = answers.into_iter().map(|(q, a)| KbaAnswer::new(q, a)).collect();
            if let Ok(op) = q.verify(answers) {
                // Accepted answers answer every question with its own choices.
                for question in q.questions() {
                    if let Some(qid) = question.id() {
                        let a = op.answers().iter().find(|a| a.question_id() == qid);
                        prop_assert!(a.is_some());
                        let aid = a.unwrap().answer_id();
                        prop_assert!(question.answers().iter().any(|c| c.id() == Some(aid)));
                    }
                }
            }
        }
    }
}
