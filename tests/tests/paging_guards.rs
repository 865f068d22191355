//! The two guards of a page walk: a `next` link that points at the page
//! itself ends the walk, and a `next` link off the environment's origin is
//! refused before any request (the token never leaves for another host).

use dwolla_core::customers::ListCustomers;
use dwolla_core::paging::NextPage;
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::{fixtures, test_client, MockTransport};

/// The customers page at `offset` with its `next` link set to `next`.
fn page_with_next(offset: u32, next: &str) -> http::Response<bytes::Bytes> {
    let page = fixtures::customers_page(offset, 25, 60);
    let mut doc: serde_json::Value = serde_json::from_slice(page.body()).unwrap();
    doc["_links"]["next"]["href"] = next.into();
    fixtures::hal_response(200, "r", doc.to_string())
}

#[tokio::test]
async fn a_page_linking_to_itself_ends_the_walk() {
    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(fixtures::customers_page(0, 25, 60));
    let second = format!("{}/customers?offset=25&limit=25", fixtures::BASE);
    mock.push(page_with_next(25, &second));
    let client = test_client(&mock);

    let mut pages = client.pages(ListCustomers::new().limit(25));
    assert_eq!(pages.next().await.unwrap().unwrap().len(), 25);
    assert_eq!(pages.next().await.unwrap().unwrap().len(), 25);
    // The second page's next is itself: done, with no third request.
    assert!(pages.next().await.unwrap().is_none());
    mock.assert_exhausted();
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_before_sending() {
    let evil = "https://evil.example.com/customers?offset=25&limit=25";
    let refused = NextPage::new(ListCustomers::new(), evil)
        .build_request(&Environment::Sandbox, &AccessToken::new("t"));
    match refused {
        Err(Error::InvalidInput(i)) => assert_eq!(i.field(), "next"),
        other => panic!("expected InvalidInput(next), got {other:?}"),
    }

    let mock = MockTransport::new();
    mock.push(fixtures::token("tok", 3600));
    mock.push(page_with_next(0, evil));
    let client = test_client(&mock);
    let mut pages = client.pages(ListCustomers::new().limit(25));
    assert_eq!(pages.next().await.unwrap().unwrap().len(), 25);
    match pages.next().await {
        Err(Error::InvalidInput(i)) => assert_eq!(i.field(), "next"),
        other => panic!("expected InvalidInput(next), got {other:?}"),
    }
    // Token and first page only: nothing went to the other host.
    assert_eq!(mock.requests().len(), 2);
    assert!(mock
        .requests()
        .iter()
        .all(|r| r.uri().host() != Some("evil.example.com")));
}
