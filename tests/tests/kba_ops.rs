//! KBA: the exact requests, the checks on the answers (the attempt is
//! single), and every documented response.

mod support;

use bytes::Bytes;
use dwolla_core::kba::{
    InitiateKba, KbaAnswer, KbaVerificationStatus, RetrieveKbaQuestions, VerifyKba,
};
use dwolla_core::{AccessToken, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_errors_parse, build, invalid};

const CUSTOMER: &str = "33aa88b1-97df-424a-9043-d5f85809858b";

fn four_answers() -> Vec<KbaAnswer> {
    fixtures::KBA_QUESTION_IDS
        .iter()
        .zip(fixtures::KBA_NONE_OF_THE_ABOVE)
        .map(|(q, a)| KbaAnswer::new(*q, a))
        .collect()
}

#[test]
fn initiate_is_a_bodiless_post() {
    let r = build(&InitiateKba::new(CUSTOMER));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        &format!("https://api.dwolla.com/customers/{CUSTOMER}/kba")[..]
    );
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert!(r.headers().get("idempotency-key").is_none());
    let r = build(
        &InitiateKba::new(format!("https://api.dwolla.com/customers/{CUSTOMER}"))
            .idempotency_key("kba-1"),
    );
    assert_eq!(r.uri().path(), format!("/customers/{CUSTOMER}/kba"));
    assert_eq!(r.headers()["idempotency-key"], "kba-1");
}

#[test]
fn questions_and_verify_are_exact() {
    let r = build(&RetrieveKbaQuestions::new(fixtures::kba_href(
        fixtures::KBA_ID,
    )));
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri().path(), format!("/kba/{}", fixtures::KBA_ID));
    assert!(r.body().is_empty());

    let r = build(&VerifyKba::new(fixtures::KBA_ID, four_answers()).idempotency_key("v-1"));
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(r.uri().path(), format!("/kba/{}", fixtures::KBA_ID));
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(r.headers()["idempotency-key"], "v-1");
    assert_eq!(
        std::str::from_utf8(r.body()).unwrap(),
        r#"{"answers":[{"questionId":"2355953375","answerId":"2687969335"},{"questionId":"2355953385","answerId":"2687969385"},{"questionId":"2355953395","answerId":"2687969435"},{"questionId":"2355953405","answerId":"2687969485"}]}"#
    );
    assert_eq!(
        [
            InitiateKba::new("c").name(),
            RetrieveKbaQuestions::new("k").name(),
            VerifyKba::new("k", four_answers()).name()
        ],
        [
            "initiateKbaForCustomer",
            "getKbaQuestions",
            "verifyKbaQuestions"
        ]
    );
}

#[test]
fn answers_are_checked_before_the_single_attempt() {
    let check = |answers: Vec<KbaAnswer>| {
        invalid(
            VerifyKba::new(fixtures::KBA_ID, answers)
                .build_request(&Environment::Sandbox, &AccessToken::new("t")),
        )
    };
    assert_eq!(check(vec![]).0, "answers");
    let mut twice = four_answers();
    twice.push(KbaAnswer::new("2355953375", "2687969332"));
    let (field, shown) = check(twice);
    assert_eq!(field, "answers");
    assert!(shown.contains("2355953375"), "{shown}");
    assert_eq!(
        check(vec![KbaAnswer::new("", "1")]).0,
        "answers.question_id"
    );
    assert_eq!(check(vec![KbaAnswer::new("1", " ")]).0, "answers.answer_id");
    assert_eq!(
        check(
            (0..17)
                .map(|i| KbaAnswer::new(i.to_string(), "1"))
                .collect()
        )
        .0,
        "answers"
    );
    // Fewer than four goes (Dwolla decides); one is enough for the SDK.
    assert!(VerifyKba::new("k", vec![KbaAnswer::new("1", "2")])
        .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        .is_ok());
    assert_eq!(
        invalid(
            VerifyKba::new("https://api.dwolla.com/customers/x", four_answers())
                .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        )
        .0,
        "kba_id"
    );
}

#[test]
fn questions_parse_and_check_answers_against_themselves() {
    let q = RetrieveKbaQuestions::new(fixtures::KBA_ID)
        .parse_response(fixtures::kba_questions())
        .unwrap();
    assert_eq!(q.id(), fixtures::KBA_ID);
    assert_eq!(
        q.answer_href(),
        Some(fixtures::kba_href(fixtures::KBA_ID).as_str())
    );
    assert_eq!(q.questions().len(), 4);
    assert_eq!(
        q.questions()[0].text(),
        Some("In what county do you currently live?")
    );
    assert_eq!(q.questions()[0].answers()[0].text(), Some("Pulaski"));

    // The sandbox's passing answers, found by text.
    let answers: Vec<KbaAnswer> = q
        .questions()
        .iter()
        .filter_map(|question| {
            let choice = question.answer_by_text("none of the above").or_else(|| {
                question.answer_by_text("I have never been associated with this vehicle")
            })?;
            question.answer(choice)
        })
        .collect();
    assert_eq!(answers, four_answers());
    let op = q.verify(answers).unwrap();
    assert_eq!(
        build(&op).body(),
        build(&VerifyKba::new(fixtures::KBA_ID, four_answers())).body()
    );

    // A missing question, a foreign question, an answer of another question.
    let (field, shown) = invalid(q.verify(four_answers().into_iter().take(3)));
    assert_eq!(field, "answers");
    assert!(
        shown.contains("2355953405") && shown.contains("not answered"),
        "{shown}"
    );
    let mut foreign = four_answers();
    foreign.push(KbaAnswer::new("999", "1"));
    assert!(invalid(q.verify(foreign)).1.contains("999"));
    let mut crossed = four_answers();
    crossed[0] = KbaAnswer::new(
        fixtures::KBA_QUESTION_IDS[0],
        fixtures::KBA_NONE_OF_THE_ABOVE[1],
    );
    assert!(invalid(q.verify(crossed))
        .1
        .contains("is not one of question"));
    let mut twice = four_answers();
    twice.push(four_answers()[0].clone());
    assert_eq!(invalid(q.verify(twice)).0, "answers");
}

#[test]
fn documented_successes_parse() {
    let created = InitiateKba::new(CUSTOMER)
        .parse_response(fixtures::kba_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::KBA_ID);
    assert_eq!(
        build(&created.retrieve()).uri().path(),
        format!("/kba/{}", fixtures::KBA_ID)
    );

    let v = VerifyKba::new("k", four_answers())
        .parse_response(fixtures::kba_verification("verified"))
        .unwrap();
    assert!(v.is_verified());
    assert_eq!(
        v.customer_href(),
        Some(fixtures::customer_href(fixtures::CUSTOMER_ID).as_str())
    );
    let v = VerifyKba::new("k", four_answers())
        .parse_response(fixtures::kba_verification("failed"))
        .unwrap();
    assert_eq!(v.verification_status(), &KbaVerificationStatus::Failed);
    assert!(!v.is_verified());
}

#[test]
fn documented_errors_parse_to_their_kinds() {
    type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;
    type Table = Vec<(&'static str, http::Response<Bytes>, ApiErrorKind)>;
    let checks: Vec<(Parse, Table)> = vec![
        (
            Box::new(|r| InitiateKba::new("c").parse_response(r).map(drop)),
            fixtures::documented_initiate_kba_errors(),
        ),
        (
            Box::new(|r| RetrieveKbaQuestions::new("k").parse_response(r).map(drop)),
            fixtures::documented_kba_questions_errors(),
        ),
        (
            Box::new(|r| {
                VerifyKba::new("k", four_answers())
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_verify_kba_errors(),
        ),
    ];
    let mut n = 0;
    for (parse, table) in checks {
        n += assert_errors_parse("kba", table, parse);
    }
    assert_eq!(n, 3 + 2 + 4);
    // Expired and used sessions are told apart by message.
    let expired = VerifyKba::new("k", four_answers())
        .parse_response(fixtures::kba_session_expired())
        .unwrap_err();
    assert_eq!(
        expired.api_error().unwrap().message(),
        Some("The kba session has expired.")
    );
}
