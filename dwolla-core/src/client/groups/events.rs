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
    /// `events.*` operations.
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
