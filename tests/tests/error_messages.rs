//! Errors name their cause (issue 13): the request an API error answered,
//! refused credentials, and which queued mock response answered which
//! request.

use dwolla_core::exchange_sessions::RetrieveExchangeSession;
use dwolla_core::hal::HalRequest;
use dwolla_core::{ApiErrorKind, Error, Operation, RequestOptions};
use dwolla_mock::{fixtures, test_client, MockTransport};
use http::Method;

#[tokio::test]
async fn an_api_error_names_the_operation_and_the_path_without_host_or_query() {
    let transport = MockTransport::new();
    transport.push(fixtures::token("t", 3600));
    transport.push(fixtures::not_found());
    let client = test_client(&transport);
    // An id with a `/` is sent percent-encoded, as one segment.
    let err = client.exchange_sessions().get("abc/def").await.unwrap_err();
    let text = err.to_string();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    assert!(
        text.contains("retrieveCustomerExchangeSession (GET /exchange-sessions/abc%2Fdef)"),
        "{text}"
    );
    assert!(!text.contains("api-sandbox.dwolla.com"), "{text}");
    let request = err.request().expect("the client records the request");
    assert_eq!(request.operation(), "retrieveCustomerExchangeSession");
    assert_eq!(request.method(), Method::GET);
    assert_eq!(request.path(), "/exchange-sessions/abc%2Fdef");
}

#[tokio::test]
async fn a_query_never_reaches_the_message() {
    let transport = MockTransport::new();
    transport.push(fixtures::token("t", 3600));
    transport.push(fixtures::not_found());
    let client = test_client(&transport);
    let op = dwolla_core::customers::ListCustomers::new().email("jane@example.com");
    let err = client.customers().list(op).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("listAndSearchCustomers (GET /customers)"),
        "{text}"
    );
    assert!(!text.contains("jane"), "{text}");
}

#[tokio::test]
async fn refused_credentials_say_so() {
    let transport = MockTransport::new();
    transport.push(fixtures::token_invalid_client());
    let client = test_client(&transport);
    let err = client.exchange_partners().list().await.unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("invalid_client"), "{text}");
    assert!(text.contains("client id or secret was refused"), "{text}");
    assert!(!text.contains(dwolla_mock::TEST_CLIENT_SECRET), "{text}");
}

#[tokio::test]
async fn a_response_consumed_out_of_order_is_named() {
    let transport = MockTransport::new();
    transport.push(fixtures::token("t", 3600));
    // The test forgot the session it meant to queue first: the partners
    // list answers the session request.
    transport.push(fixtures::exchange_partners_list());
    let client = test_client(&transport);
    let err = client
        .exchange_sessions()
        .get(fixtures::EXCHANGE_SESSION_ID)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
    assert!(text.contains("queued response #2 of 2"), "{text}");
    assert!(text.contains("tests/tests/error_messages.rs:"), "{text}");
    assert!(
        text.contains(&format!(
            "answering GET /exchange-sessions/{}",
            fixtures::EXCHANGE_SESSION_ID
        )),
        "{text}"
    );
    assert!(text.contains("retrieveCustomerExchangeSession"), "{text}");
}

#[tokio::test]
async fn routes_answer_by_method_and_path_before_the_queue() {
    let transport = MockTransport::new();
    transport
        .on(Method::POST, "/token", fixtures::token("t", 3600))
        .on(
            Method::GET,
            "/exchange-sessions/*",
            fixtures::exchange_session_plaid(fixtures::EXCHANGE_SESSION_ID),
        )
        .on_once(
            Method::GET,
            "/exchange-sessions/gone",
            fixtures::not_found(),
        );
    transport.push(fixtures::server_error_html());
    let client = test_client(&transport);
    // The one-shot route first, then the wildcard: the queue is never asked.
    let err = client.exchange_sessions().get("gone").await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    assert!(
        err.to_string()
            .contains("route GET /exchange-sessions/gone"),
        "{err}"
    );
    for id in ["a", "gone", "b"] {
        let session = client.exchange_sessions().get(id).await.unwrap();
        assert!(session.provider_session().is_some());
    }
    assert_eq!(transport.remaining(), 1);
    // A method the routes do not serve (DELETE on the wildcard's path)
    // falls through to the queue, whose 500 answers it (not retried, so it
    // is used once).
    let before = transport.request_count();
    let err = client
        .hal()
        .send_with(
            HalRequest::delete("/exchange-sessions/x"),
            RequestOptions::new().no_retries(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::ServerError), "{err:?}");
    assert_eq!(transport.remaining(), 0, "the queued 500 was used");
    assert_eq!(transport.request_count(), before + 1);
    let last = transport.last_request().unwrap();
    assert_eq!(last.method(), Method::DELETE);
    assert_eq!(last.path(), "/exchange-sessions/x");
    // The queued answer, as an operation reads it.
    let err = RetrieveExchangeSession::new("x")
        .parse_response(fixtures::server_error_html())
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::ServerError));
}
