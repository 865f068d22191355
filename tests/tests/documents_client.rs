//! Document uploads through the client: the grouped calls reach their
//! paths, and a retried upload sends byte-identical bytes under one key.

mod support;

use bytes::Bytes;
use dwolla_core::documents::{
    CreateBeneficialOwnerDocument, CreateCustomerDocument, DocumentFile, DocumentType,
};
use dwolla_core::{ApiErrorKind, Operation, TransportError};
use dwolla_mock::{fixtures, test_client, MockTransport};
use support::{one_key_and_body, retrying_client};

fn license() -> DocumentFile {
    let mut v = fixtures::SAMPLE_JPEG.to_vec();
    v.extend_from_slice(b"\r\n--not a boundary\r\n");
    DocumentFile::new("license.jpg", v)
}

/// 503, a lost connection, then 201: three attempts, one Idempotency-Key,
/// the same Content-Type (boundary) and the same body bytes each time.
#[tokio::test]
async fn a_retried_upload_sends_identical_bytes_under_one_key() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::server_error_html());
    mock.push_error(TransportError::other(true, "connection reset"));
    mock.push(fixtures::document_created());
    let client = retrying_client(&mock);
    let op = CreateCustomerDocument::new(fixtures::CUSTOMER_ID, DocumentType::License, license());
    let expected = op
        .build_request(
            &dwolla_core::Environment::Sandbox,
            &dwolla_core::AccessToken::new("x"),
        )
        .unwrap();
    let created = client.customers().documents().create(op).await.unwrap();
    assert_eq!(created.id(), fixtures::DOCUMENT_ID);
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    let attempts = &requests[1..];
    one_key_and_body(attempts);
    assert_eq!(attempts[0].method(), http::Method::POST);
    assert_eq!(
        attempts[0].path(),
        format!("/customers/{}/documents", fixtures::CUSTOMER_ID)
    );
    assert_eq!(attempts[0].body(), expected.body());
    for r in attempts {
        assert_eq!(
            r.header("content-type"),
            expected.headers()["content-type"].to_str().ok()
        );
    }
    mock.assert_exhausted();
}

/// Dwolla's answers to an upload are not retried: four pending documents
/// stay four, a duplicate stays a duplicate.
#[tokio::test]
async fn refused_uploads_are_not_retried() {
    for (response, kind) in [
        (
            fixtures::too_many_documents(),
            ApiErrorKind::MaxNumberOfResources,
        ),
        (
            fixtures::duplicate_document(),
            ApiErrorKind::DuplicateDocument,
        ),
        (fixtures::invalid_file_type(), ApiErrorKind::InvalidFileType),
        (
            fixtures::document_not_allowed(),
            ApiErrorKind::InvalidResourceState,
        ),
        (fixtures::file_too_large(), ApiErrorKind::FileTooLarge),
    ] {
        let mock = MockTransport::new();
        mock.push(fixtures::token("tok", 3600));
        mock.push(response);
        let client = test_client(&mock);
        let err = client
            .beneficial_owners()
            .documents()
            .create(CreateBeneficialOwnerDocument::new(
                fixtures::DOCUMENT_OWNER_ID,
                DocumentType::Passport,
                license(),
            ))
            .await
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(kind));
        assert_eq!(err.attempts(), Some(1));
        assert_eq!(mock.request_count(), 2);
    }
}

/// A file the SDK refuses never reaches the network (not even the token
/// request).
#[tokio::test]
async fn a_refused_file_sends_nothing() {
    let mock = MockTransport::new();
    let client = test_client(&mock);
    let gif = DocumentFile::new("a.gif", Bytes::from_static(b"GIF89a...."));
    let err = client
        .customers()
        .documents()
        .create(CreateCustomerDocument::new(
            fixtures::CUSTOMER_ID,
            DocumentType::License,
            gif,
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, dwolla_core::Error::InvalidInput(ref i) if i.field() == "file"));
    assert_eq!(mock.request_count(), 0);
}

#[tokio::test]
async fn grouped_reads_reach_their_paths() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::customer_documents_list());
    mock.push(fixtures::beneficial_owner_documents_list(
        fixtures::DOCUMENT_OWNER_ID,
    ));
    mock.push(fixtures::document_rejected());
    let client = test_client(&mock);
    let list = client
        .customers()
        .documents()
        .list(fixtures::CUSTOMER_ID)
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
    let list = client
        .beneficial_owners()
        .documents()
        .list(fixtures::beneficial_owner_href(fixtures::DOCUMENT_OWNER_ID))
        .await
        .unwrap();
    // Follow the listed document's own link.
    let href = list[1].self_href().unwrap().to_owned();
    let doc = client.documents().get(href).await.unwrap();
    assert!(doc.is_rejected());
    let paths: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/token".to_owned(),
            format!("/customers/{}/documents", fixtures::CUSTOMER_ID),
            format!(
                "/beneficial-owners/{}/documents",
                fixtures::DOCUMENT_OWNER_ID
            ),
            format!("/documents/{}", fixtures::REJECTED_DOCUMENT_ID),
        ]
    );
}
