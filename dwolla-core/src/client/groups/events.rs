//! `events.*`.

use crate::events::{Event, ListEvents, RetrieveEvent};
use crate::list::List;
use crate::paging::Pages;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `events.*` operations.
    pub fn events(&self) -> Events<'_, T> {
        Events { client: self }
    }
}

group!(
    /// `events.*` operations: what happened, newest first, kept 30 days (see
    /// [`crate::events`]).
    ///
    /// ```
    /// use dwolla_core::events::{EventResource, ListEvents};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn follow<T: HttpTransport>(client: &Client<T>, event_id: &str) -> Result<(), Error> {
    ///     let event = client.events().get(event_id).await?;
    ///     if let Some(EventResource::Transfer(retrieve)) = event.resource() {
    ///         let transfer = client.execute(retrieve).await?;
    ///         println!("{}: transfer {} is {}", event.topic(), transfer.id(), transfer.status());
    ///     }
    ///     let mut pages = client.events().list_pages(ListEvents::new().limit(100));
    ///     while let Some(page) = pages.next().await? {
    ///         println!("{} events", page.len());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    Events
);

impl<'a, T: HttpTransport> Events<'a, T> {
    calls! {
        /// List events (`GET /events`): one page, newest first.
        fn list / list_with (request: ListEvents) -> List<Event> = request;
        /// Retrieve an event (`GET /events/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Event
            = RetrieveEvent::new(id_or_url);
    }

    /// Every page of [`ListEvents`], walked lazily (see [`crate::paging`]).
    pub fn list_pages(&self, request: ListEvents) -> Pages<'a, T, ListEvents> {
        self.client.pages(request)
    }
}
