//! Customers and their verification end to end: the typed client over
//! `HyperTransport`, over real loopback TCP, against the local Dwolla
//! emulator playing Dwolla's sandbox. Each sandbox status, a retry with the
//! full SSN, documents (accepted and the failing sample), KBA (passing and
//! failing), a business with a beneficial owner certified, and 60 customers
//! paged by 25.

mod support;

use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, BeneficialOwnerStatus, CreateCustomerBeneficialOwner, OwnershipStatus,
};
use dwolla_core::customers::{
    AccountAdmin, BusinessDetails, BusinessType, ControllerDetails, CreateCustomer, CustomerStatus,
    DateOfBirth, Ein, InternationalAddress, ListCustomers, NextStep, PersonalDetails, Ssn,
    UnverifiedDetails, UpdateCustomer, UsAddress,
};
use dwolla_core::documents::{
    CreateCustomerDocument, DocumentFailureReason, DocumentFile, DocumentType,
};
use dwolla_core::kba::{KbaAnswer, KbaVerificationStatus};
use dwolla_core::paging::NextPage;
use dwolla_core::{ApiErrorKind, Error};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;
use support::e2e::{client, kind};

/// The first bytes of a PNG, made unique by `tag` (the same file twice is a
/// duplicate).
fn png(tag: &str) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

const INDUSTRY: &str = "9ed3f670-7d6f-11e3-b1ce-5404a6144203";

fn address() -> UsAddress {
    UsAddress::new("99-99 33rd St", "Some City", "NY", "11101")
}

fn person(first: &str, email: &str, ssn: &str) -> PersonalDetails {
    PersonalDetails::new(
        first,
        "Doe",
        email,
        address(),
        DateOfBirth::new(1970, 1, 1).unwrap(),
        Ssn::new(ssn).unwrap(),
    )
}

fn personal(first: &str, email: &str) -> CreateCustomer {
    CreateCustomer::personal(person(first, email, "1234"))
}

fn business(controller_first: &str, email: &str) -> CreateCustomer {
    CreateCustomer::business(
        AccountAdmin::new("Account", "Admin", email),
        BusinessDetails::new(
            "Jane Corp",
            BusinessType::Llc,
            INDUSTRY,
            address(),
            Ein::new("00-0000000").unwrap(),
        ),
        ControllerDetails::new(
            controller_first,
            "Controller",
            "CEO",
            DateOfBirth::new(1980, 1, 31).unwrap(),
            InternationalAddress::us("1749 18th st", "Des Moines", "IA", "50266"),
            Ssn::new("6789").unwrap(),
        ),
    )
}

fn owner(first: &str) -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::us(
        first,
        "Owner",
        DateOfBirth::new(1960, 11, 30).unwrap(),
        Ssn::new("123-46-7890").unwrap(),
        InternationalAddress::us("123 Main St.", "New York", "NY", "10005"),
    )
}

/// Creates a customer and reads it back.
async fn create(
    client: &HyperClient,
    op: CreateCustomer,
) -> (String, dwolla_core::customers::Customer) {
    let created = client.customers().create(op).await.expect("created");
    let customer = client.customers().get(created.location()).await.unwrap();
    (created.location().to_owned(), customer)
}

#[tokio::test]
async fn each_sandbox_status_and_its_next_step() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    for (word, status, step) in [
        ("verified", CustomerStatus::Verified, NextStep::Nothing),
        ("retry", CustomerStatus::Retry, NextStep::RetryVerification),
        ("kba", CustomerStatus::Kba, NextStep::Kba),
        (
            "document",
            CustomerStatus::Document,
            NextStep::VerifyWithDocument,
        ),
        ("suspended", CustomerStatus::Suspended, NextStep::Suspended),
    ] {
        let (url, customer) = create(&client, personal(word, &format!("{word}@example.com"))).await;
        assert_eq!(customer.status(), &status, "{word}");
        assert_eq!(customer.next_step(), step, "{word}");
        assert_eq!(customer.self_href(), Some(url.as_str()));
        assert_eq!(customer.first_name(), Some(word));
    }
    // Businesses: the controller's first name.
    let (_, retry) = create(&client, business("retry", "b-retry@example.com")).await;
    assert_eq!(retry.next_step(), NextStep::RetryWithFullSsn);
    let (_, document) = create(&client, business("document", "b-doc@example.com")).await;
    assert_eq!(document.next_step(), NextStep::VerifyWithDocument);
    let (_, verified) = create(&client, business("John", "b-ok@example.com")).await;
    assert!(verified.is_verified());
    assert_eq!(verified.next_step(), NextStep::CertifyBeneficialOwnership);

    // Filter by status, typed.
    let retries = client
        .customers()
        .list(ListCustomers::new().status(CustomerStatus::Retry))
        .await
        .unwrap();
    assert_eq!(retries.total(), Some(2));
}

#[tokio::test]
async fn retry_with_the_full_ssn_verifies() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, customer) = create(&client, personal("retry", "retry@example.com")).await;
    assert_eq!(customer.status(), &CustomerStatus::Retry);
    let updated = client
        .customers()
        .update(UpdateCustomer::retry_personal(
            &url,
            person("John", "retry@example.com", "123-45-6789"),
        ))
        .await
        .unwrap();
    assert!(updated.is_verified(), "{updated:?}");
    assert_eq!(updated.first_name(), Some("John"));
    // One retry only.
    let err = client
        .customers()
        .update(UpdateCustomer::retry_personal(
            &url,
            person("John", "retry@example.com", "123-45-6789"),
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InvalidResourceState);
    assert_eq!(
        emulator.event_topics_about(&url),
        [
            "customer_created",
            "customer_reverification_needed",
            "customer_verified"
        ]
    );
}

#[tokio::test]
async fn a_document_verifies_and_the_fail_sample_is_rejected() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, customer) = create(&client, personal("document", "doc@example.com")).await;
    assert_eq!(customer.next_step(), NextStep::VerifyWithDocument);

    // Dwolla's failing sample: rejected, still in document status.
    let failed = client
        .customers()
        .documents()
        .create(CreateCustomerDocument::new(
            &url,
            DocumentType::License,
            DocumentFile::new("test-document-upload-fail.png", png("fail")),
        ))
        .await
        .unwrap();
    let document = client.documents().get(failed.location()).await.unwrap();
    assert!(document.is_rejected(), "{document:?}");
    assert_eq!(
        document.failure_reason(),
        Some(DocumentFailureReason::ScanNotReadable)
    );
    let customer = client.customers().get(&url).await.unwrap();
    assert_eq!(customer.status(), &CustomerStatus::Document);

    // Another document: accepted, and the customer verified.
    let accepted = client
        .customers()
        .documents()
        .create(CreateCustomerDocument::new(
            &url,
            DocumentType::Passport,
            DocumentFile::new("passport.png", png("ok")),
        ))
        .await
        .unwrap();
    assert!(client
        .documents()
        .get(accepted.location())
        .await
        .unwrap()
        .is_accepted());
    assert!(client.customers().get(&url).await.unwrap().is_verified());
    let documents = client.customers().documents().list(&url).await.unwrap();
    assert_eq!(documents.len(), 2);

    // Verified now: no more documents.
    let err = client
        .customers()
        .documents()
        .create(CreateCustomerDocument::new(
            &url,
            DocumentType::License,
            DocumentFile::new("again.png", png("again")),
        ))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InvalidResourceState);
}

/// Answers every question of a KBA session with the answer `pick` chooses.
async fn answer_kba(
    client: &HyperClient,
    customer_url: &str,
    pick: impl Fn(&dwolla_core::kba::KbaQuestion) -> KbaAnswer,
) -> dwolla_core::kba::KbaVerification {
    let session = client
        .customers()
        .kba()
        .initiate(customer_url)
        .await
        .unwrap();
    let questions = client
        .kba()
        .get_questions(session.location())
        .await
        .unwrap();
    assert_eq!(questions.questions().len(), 4);
    let answers: Vec<KbaAnswer> = questions.questions().iter().map(pick).collect();
    client
        .kba()
        .verify(questions.verify(answers).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn kba_with_the_passing_answers_verifies() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, customer) = create(&client, personal("kba", "kba@example.com")).await;
    assert_eq!(customer.next_step(), NextStep::Kba);
    let outcome = answer_kba(&client, &url, |q| {
        let choice = q
            .answer_by_text("None of the above")
            .or_else(|| q.answer_by_text("I have never been associated with this vehicle"))
            .expect("a passing answer");
        q.answer(choice).unwrap()
    })
    .await;
    assert!(outcome.is_verified());
    assert_eq!(outcome.customer_href(), Some(url.as_str()));
    assert!(client.customers().get(&url).await.unwrap().is_verified());
    // A customer no longer in kba status gets no session.
    let err = client.customers().kba().initiate(&url).await.unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::InvalidResourceState);
}

#[tokio::test]
async fn kba_with_other_answers_sends_the_customer_to_document() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, _) = create(&client, personal("kba", "kba-fail@example.com")).await;
    let outcome = answer_kba(&client, &url, |q| q.answer(&q.answers()[0]).unwrap()).await;
    assert_eq!(
        outcome.verification_status(),
        &KbaVerificationStatus::Failed
    );
    let customer = client.customers().get(&url).await.unwrap();
    assert_eq!(customer.status(), &CustomerStatus::Document);
    assert_eq!(customer.next_step(), NextStep::VerifyWithDocument);
}

#[tokio::test]
async fn a_business_with_a_beneficial_owner_certified() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, customer) = create(&client, business("John", "biz@example.com")).await;
    assert_eq!(customer.next_step(), NextStep::CertifyBeneficialOwnership);
    let ownership = client
        .customers()
        .beneficial_ownership()
        .get(&url)
        .await
        .unwrap();
    assert_eq!(ownership.status(), &OwnershipStatus::Uncertified);

    let created = client
        .customers()
        .beneficial_owners()
        .create(CreateCustomerBeneficialOwner::new(&url, owner("Jane")))
        .await
        .unwrap();
    let owner_read = client
        .beneficial_owners()
        .get(created.location())
        .await
        .unwrap();
    assert_eq!(
        owner_read.verification_status(),
        &BeneficialOwnerStatus::Verified
    );
    let owners = client
        .customers()
        .beneficial_owners()
        .list(&url)
        .await
        .unwrap();
    assert_eq!(owners.len(), 1);

    let certified = client
        .customers()
        .beneficial_ownership()
        .certify(&url)
        .await
        .unwrap();
    assert!(certified.is_certified());
    let customer = client.customers().get(&url).await.unwrap();
    assert!(customer.is_verified());
    assert_eq!(customer.next_step(), NextStep::Nothing);

    // An owner in document status blocks a new certification until verified.
    let second = client
        .customers()
        .beneficial_owners()
        .create(CreateCustomerBeneficialOwner::new(&url, owner("document")))
        .await
        .unwrap();
    let ownership = client
        .customers()
        .beneficial_ownership()
        .get(&url)
        .await
        .unwrap();
    assert_eq!(ownership.status(), &OwnershipStatus::Recertify);
    let err = client
        .customers()
        .beneficial_ownership()
        .certify(&url)
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::Validation);
    client
        .beneficial_owners()
        .delete(second.location())
        .await
        .unwrap();
    assert!(client
        .customers()
        .beneficial_ownership()
        .certify(&url)
        .await
        .unwrap()
        .is_certified());
}

#[tokio::test]
async fn sixty_customers_in_three_pages_of_25() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    for i in 0..59 {
        let details = UnverifiedDetails::new("Page", "Customer", format!("page{i:02}@example.com"));
        client
            .customers()
            .create(CreateCustomer::unverified(details))
            .await
            .unwrap();
    }
    let op = ListCustomers::new().limit(25);
    let mut pages = client.customers().list_pages(op.clone());
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await.unwrap() {
        assert_eq!(page.total(), Some(60));
        assert!(page.skipped().is_empty());
        sizes.push(page.len());
        ids.extend(page.iter().map(|c| c.id().to_owned()));
    }
    assert_eq!(sizes, [25, 25, 10]);
    assert_eq!(ids.len(), 60);
    // Newest first: the preloaded customer is the oldest.
    assert_eq!(ids.last().map(String::as_str), Some(Emulator::CUSTOMER_ID));
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 60);

    // Following `_links.next` by hand, page after page.
    let first = client.customers().list(op.clone()).await.unwrap();
    let next = NextPage::after(&op, &first).expect("a second page");
    assert_eq!(
        next.url(),
        format!("{}/customers?limit=25&offset=25", emulator.base_url())
    );
    let second = client.execute(next).await.unwrap();
    let third = client
        .execute(NextPage::after(&op, &second).unwrap())
        .await
        .unwrap();
    assert_eq!((second.len(), third.len()), (25, 10));
    assert!(NextPage::after(&op, &third).is_none());

    let everyone = client
        .pages(ListCustomers::new().limit(200))
        .collect_items()
        .await
        .unwrap();
    assert_eq!(everyone.len(), 60);
    let err = client
        .customers()
        .list(ListCustomers::new().limit(201))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn a_taken_email_is_a_duplicate_customer() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let (url, _) = create(&client, personal("Jane", "jane@example.com")).await;
    let err = client
        .customers()
        .create(personal("Jane", "jane@example.com"))
        .await
        .unwrap_err();
    assert_eq!(kind(&err), ApiErrorKind::DuplicateCustomer);
    let Error::Api(api) = &err else {
        unreachable!()
    };
    assert_eq!(api.about_href(), Some(url.as_str()));
}

#[tokio::test]
async fn a_lost_create_response_is_retried_under_the_same_key() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    emulator.close_next_mid_response(1);
    let (url, customer) = create(&client, personal("Jane", "lost@example.com")).await;
    assert!(customer.is_verified());
    // One customer, one customer_created: the retry replayed the first.
    let listed = client
        .customers()
        .list(ListCustomers::new().email("lost@example.com"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(emulator.event_topics_about(&url)[0], "customer_created");
    assert_eq!(emulator.event_topics_about(&url).len(), 2);
    let keys = emulator.idempotency_keys();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
}

#[tokio::test]
async fn what_the_emulator_does_not_play_is_501() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    // (Transfers are played by the money family's emulator; the account's
    // exchanges are not.)
    let err = client.hal().get("/exchanges").await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(api.status().as_u16(), 501);
    assert_eq!(api.code(), Some("NotImplemented"));
    assert_eq!(
        api.message(),
        Some("The Dwolla emulator does not emulate GET /exchanges yet.")
    );
}
