//! Property tests for KBA: any answers build the exact body or name the
//! field; checking answers against questions never panics; no response makes
//! a parser panic.

mod support;

use dwolla_core::kba::{InitiateKba, KbaAnswer, RetrieveKbaQuestions, VerifyKba};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use proptest::prelude::*;
use support::props::{check, responses};

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

/// Strings these models read as ids and links.
const TEXTS: &[&str] = &["https://api.dwolla.com/x/abc", "abc"];

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
        r in responses(KEYS, TEXTS),
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
