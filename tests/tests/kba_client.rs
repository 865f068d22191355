//! KBA through the client: the whole flow over the grouped calls, and the
//! single attempt never spent twice by a retry.

mod support;

use dwolla_core::kba::{KbaAnswer, VerifyKba};
use dwolla_core::{ApiErrorKind, TransportError};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client};

#[tokio::test]
async fn the_whole_flow() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::kba_created());
    mock.push(fixtures::kba_questions());
    mock.push(fixtures::kba_verification("verified"));
    let client = test_client(&mock);
    let session = client
        .customers()
        .kba()
        .initiate(fixtures::CUSTOMER_ID)
        .await
        .unwrap();
    let questions = client
        .kba()
        .get_questions(session.location())
        .await
        .unwrap();
    let answers: Vec<KbaAnswer> = questions
        .questions()
        .iter()
        .filter_map(|q| q.answer(q.answers().last()?))
        .collect();
    let outcome = client
        .kba()
        .verify(questions.verify(answers).unwrap())
        .await
        .unwrap();
    assert!(outcome.is_verified());
    let seen: Vec<(String, String)> = mock
        .requests()
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    let k = fixtures::KBA_ID;
    assert_eq!(
        seen,
        [
            ("POST".to_owned(), "/token".to_owned()),
            (
                "POST".to_owned(),
                format!("/customers/{}/kba", fixtures::CUSTOMER_ID)
            ),
            ("GET".to_owned(), format!("/kba/{k}")),
            ("POST".to_owned(), format!("/kba/{k}")),
        ]
    );
    let verify = mock.last_request().unwrap();
    assert_eq!(
        verify.body_json().unwrap()["answers"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

/// A lost response to the answers is retried with the same key and body, so
/// Dwolla replays its outcome instead of scoring (or refusing) a second try.
#[tokio::test]
async fn a_retried_verify_keeps_its_key_and_bytes() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push_error(TransportError::other(
        true,
        "connection closed before the response",
    ));
    mock.push(fixtures::kba_verification("failed"));
    let client = retrying_client(&mock);
    let answers = fixtures::KBA_QUESTION_IDS
        .iter()
        .zip(fixtures::KBA_NONE_OF_THE_ABOVE)
        .map(|(q, a)| KbaAnswer::new(*q, a));
    let outcome = client
        .kba()
        .verify(VerifyKba::new(fixtures::KBA_ID, answers))
        .await
        .unwrap();
    assert!(!outcome.is_verified());
    let r = mock.requests();
    assert_eq!(r.len(), 3);
    one_key_and_body(&r[1..]);
}

#[tokio::test]
async fn an_expired_session_is_returned_at_once() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::kba_session_expired());
    let client = test_client(&mock);
    let err = client
        .kba()
        .verify(VerifyKba::new(fixtures::KBA_ID, [KbaAnswer::new("1", "2")]))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidResourceState));
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(mock.request_count(), 2);
}
