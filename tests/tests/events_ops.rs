//! Events, operation by operation: the exact requests, every fixture read,
//! and the operation that fetches an event's resource.

mod support;

use bytes::Bytes;
use dwolla_core::events::{Event, EventResource, ListEvents, RetrieveEvent, Topic};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_documented_errors, build_sandbox};

fn event(response: http::Response<Bytes>) -> Event {
    RetrieveEvent::new("x").parse_response(response).unwrap()
}

fn uri_of<O: Operation>(op: &O) -> String {
    build_sandbox(op).uri().to_string()
}

#[test]
fn list_events_requests() {
    let r = build_sandbox(&ListEvents::new());
    assert_eq!(r.method(), "GET");
    assert_eq!(r.uri(), "https://api-sandbox.dwolla.com/events");
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(r.headers()["authorization"], "Bearer tok");
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
    assert_eq!(
        uri_of(&ListEvents::new().limit(3).offset(3)),
        "https://api-sandbox.dwolla.com/events?limit=3&offset=3"
    );
    assert_eq!(
        uri_of(&ListEvents::new().offset(0)),
        "https://api-sandbox.dwolla.com/events?offset=0"
    );
    let err = ListEvents::new()
        .limit(0)
        .build_request(&Environment::Sandbox, &AccessToken::new("tok"))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(i) if i.field() == "limit"));
    assert_eq!(ListEvents::new().name(), "listEvents");
}

#[test]
fn retrieve_event_requests() {
    let op = RetrieveEvent::new(fixtures::EVENT_ID);
    assert_eq!(op.name(), "getEvent");
    assert_eq!(
        uri_of(&op),
        format!(
            "https://api-sandbox.dwolla.com/events/{}",
            fixtures::EVENT_ID
        )
    );
    // By URL (a webhook's `_links.event`), on any host: only the id is used.
    assert_eq!(
        uri_of(&RetrieveEvent::new(fixtures::event_href("abc"))),
        "https://api-sandbox.dwolla.com/events/abc"
    );
    let err = RetrieveEvent::new("https://api-sandbox.dwolla.com/transfers/abc")
        .build_request(&Environment::Sandbox, &AccessToken::new("tok"))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(i) if i.field() == "event_id"));
}

#[test]
fn pages_of_events() {
    let page = ListEvents::new()
        .limit(3)
        .parse_response(fixtures::events_page())
        .unwrap();
    assert_eq!(page.len(), 3);
    assert_eq!(page.total(), Some(5));
    assert!(page.skipped().is_empty());
    assert_eq!(
        page.next_href(),
        Some("https://api-sandbox.dwolla.com/events?limit=3&offset=3")
    );
    assert_eq!(page[0].topic(), &Topic::BankTransferCreated);
    assert_eq!(page[1].topic(), &Topic::TransferCreated);
    assert_eq!(page[2].id(), fixtures::EVENT_ID);
    let last = ListEvents::new()
        .parse_response(fixtures::events_last_page())
        .unwrap();
    assert_eq!(last.len(), 2);
    assert_eq!(last.next_href(), None);
    assert!(matches!(last[0].resource(), Some(EventResource::Label(_))));
    assert!(matches!(
        last[1].resource(),
        Some(EventResource::BeneficialOwner(_))
    ));
}

#[test]
fn the_documented_event_reads_whole() {
    let e = event(fixtures::event_customer_created());
    assert_eq!(e.id(), fixtures::EVENT_ID);
    assert_eq!(e.topic(), &Topic::CustomerCreated);
    assert_eq!(e.resource_id(), Some(fixtures::EVENT_CUSTOMER_ID));
    assert_eq!(e.created(), Some("2019-05-30T18:21:11.490Z"));
    assert_eq!(e.created_at(), e.created());
    assert_eq!(e.timestamp(), None);
    assert_eq!(e.correlation_id(), None);
    let customer = fixtures::customer_href(fixtures::EVENT_CUSTOMER_ID);
    assert_eq!(e.resource_href(), Some(customer.as_str()));
    assert_eq!(e.customer_href(), Some(customer.as_str()));
    assert_eq!(
        e.account_href(),
        Some("https://api-sandbox.dwolla.com/accounts/0ee84069-47c5-455c-b425-633523291dc3")
    );
    assert_eq!(
        e.self_href(),
        Some(fixtures::event_href(fixtures::EVENT_ID).as_str())
    );
    assert_eq!(e.links().len(), 4);
    // It retrieves its customer, by URL.
    match e.resource() {
        Some(EventResource::Customer(op)) => {
            assert_eq!(op.id(), customer);
            assert_eq!(
                build_sandbox(&op).uri().path(),
                format!("/customers/{}", fixtures::EVENT_CUSTOMER_ID)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.reauth_session(), None);
}

#[test]
fn a_transfer_event_with_its_correlation_id() {
    let e = event(fixtures::event_transfer_created());
    assert_eq!(e.topic(), &Topic::CustomerTransferCreated);
    assert_eq!(e.correlation_id(), Some(fixtures::EVENT_CORRELATION_ID));
    match e.resource() {
        Some(EventResource::Transfer(op)) => {
            assert_eq!(
                build_sandbox(&op).uri().path(),
                format!("/transfers/{}", fixtures::EVENT_TRANSFER_ID)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_older_event_with_timestamp() {
    let e = event(fixtures::event_legacy_timestamp());
    assert_eq!(e.topic(), &Topic::AccountSuspended);
    assert_eq!(e.created_at(), None);
    assert_eq!(e.timestamp(), Some("2017-01-20T17:53:33.802Z"));
    assert_eq!(e.created(), Some("2017-01-20T17:53:33.802Z"));
    // An account: no typed operation, its URL is kept.
    assert_eq!(
        e.resource(),
        Some(EventResource::Other(format!(
            "https://api-sandbox.dwolla.com/accounts/{}",
            fixtures::EVENT_ACCOUNT_ID
        )))
    );
    // Both present: `created` wins.
    let both = Event::parse(
        br#"{"id":"x","created":"2024-01-02T00:00:00Z","timestamp":"2020-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(both.created(), Some("2024-01-02T00:00:00Z"));
}

#[test]
fn an_exchange_event_leads_to_re_authentication() {
    let e = event(fixtures::event_exchange_reauth_required());
    assert_eq!(e.topic(), &Topic::CustomerExchangeReauthRequired);
    assert!(matches!(e.resource(), Some(EventResource::Exchange(_))));
    let session = e.reauth_session().expect("a re-auth session");
    let request = build_sandbox(&session);
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().path(),
        format!(
            "/exchanges/{}/exchange-sessions",
            fixtures::EVENT_EXCHANGE_ID
        )
    );
    assert_eq!(request.body().as_ref(), b"{}");
    // The same event without a resource link: by resourceId.
    let bare = Event::parse(
        format!(
            r#"{{"id":"e","topic":"customer_exchange_reauth_required","resourceId":"{}"}}"#,
            fixtures::EVENT_EXCHANGE_ID
        )
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        bare.reauth_session()
            .map(|s| build_sandbox(&s).uri().path().to_owned()),
        Some(request.uri().path().to_owned())
    );
    // A resource link that is not an exchange gives none.
    let odd = Event::parse(br#"{"id":"e","topic":"customer_exchange_reauth_required","_links":{"resource":{"href":"https://api-sandbox.dwolla.com/customers/c"}}}"#).unwrap();
    assert_eq!(odd.reauth_session(), None);
}

#[test]
fn without_a_resource_link_the_topic_decides() {
    let e = event(fixtures::event_without_resource_link());
    assert_eq!(e.resource_href(), None);
    match e.resource() {
        Some(EventResource::FundingSource(op)) => assert_eq!(
            build_sandbox(&op).uri().path(),
            "/funding-sources/49dbaa24-1580-4b1c-8b58-24e26656fa31"
        ),
        other => panic!("{other:?}"),
    }
    // A bare id that needs encoding is sent as one segment.
    let t = Event::parse(br#"{"id":"e","topic":"customer_transfer_failed","resourceId":"a b"}"#)
        .unwrap();
    match t.resource() {
        Some(EventResource::Transfer(op)) => {
            assert_eq!(build_sandbox(&op).uri().path(), "/transfers/a%20b")
        }
        other => panic!("{other:?}"),
    }
    // No link, no id, or a topic without a kind: nothing.
    for body in [
        &br#"{"id":"e","topic":"customer_transfer_failed"}"#[..],
        br#"{"id":"e","topic":"customer_transfer_failed","resourceId":""}"#,
        br#"{"id":"e","topic":"statement_created","resourceId":"s"}"#,
        br#"{"id":"e","topic":"something_new","resourceId":"s"}"#,
    ] {
        assert_eq!(Event::parse(body).unwrap().resource(), None);
    }
}

#[test]
fn every_kind_of_resource_by_its_url() {
    let base = "https://api-sandbox.dwolla.com";
    let kind = |href: &str| {
        let body =
            serde_json::json!({"id": "e", "topic": "x", "_links": {"resource": {"href": href}}});
        Event::parse(body.to_string().as_bytes())
            .unwrap()
            .resource()
            .unwrap()
    };
    assert!(matches!(
        kind(&format!("{base}/customers/1")),
        EventResource::Customer(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/funding-sources/1")),
        EventResource::FundingSource(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/transfers/1")),
        EventResource::Transfer(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/mass-payments/1")),
        EventResource::MassPayment(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/labels/1")),
        EventResource::Label(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/beneficial-owners/1")),
        EventResource::BeneficialOwner(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/documents/1")),
        EventResource::Document(_)
    ));
    assert!(matches!(
        kind(&format!("{base}/exchanges/1")),
        EventResource::Exchange(_)
    ));
    for other in [
        format!("{base}/accounts/1"),
        format!("{base}/ledger-entries/1"),
        format!("{base}/transfers/1/fees"),
        "not a url".to_owned(),
    ] {
        assert_eq!(kind(&other), EventResource::Other(other.clone()));
    }
    // The URL wins over the topic.
    let body = serde_json::json!({"id": "e", "topic": "customer_created", "resourceId": "1",
        "_links": {"resource": {"href": format!("{base}/documents/1")}}});
    assert!(matches!(
        Event::parse(body.to_string().as_bytes())
            .unwrap()
            .resource(),
        Some(EventResource::Document(_))
    ));
}

#[test]
fn an_unknown_topic_is_kept() {
    let e = event(fixtures::event_unknown_topic());
    assert_eq!(
        e.topic(),
        &Topic::Other("customer_label_ledger_entry_reversed".into())
    );
    assert_eq!(e.topic().as_str(), "customer_label_ledger_entry_reversed");
    assert!(matches!(e.resource(), Some(EventResource::Other(_))));
}

#[test]
fn an_event_without_an_id_is_unusable() {
    let err = RetrieveEvent::new("x")
        .parse_response(fixtures::hal_response(
            200,
            "r",
            r#"{"topic":"customer_created"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
    // Its id from the self link otherwise.
    let e = Event::parse(
        br#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/events/abc"}}}"#,
    )
    .unwrap();
    assert_eq!(e.id(), "abc");
}

#[test]
fn documented_errors_parse_to_their_kinds() {
    assert_documented_errors(
        &ListEvents::new(),
        fixtures::documented_list_events_errors(),
    );
    for (name, response, kind) in fixtures::documented_retrieve_event_errors() {
        let err = RetrieveEvent::new("e")
            .parse_response(response)
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(kind), "{name}");
        assert_eq!(
            err.api_error().unwrap().request_id(),
            Some("a1b2c3d4-0e1f-4a2b-8c3d-4e5f6a7b8c09")
        );
    }
}
