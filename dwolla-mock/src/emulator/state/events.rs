//! Events: every state change the emulator plays is recorded as a Dwolla
//! event (`GET /events` lists them; webhooks deliver them).

#![allow(dead_code)] // SCAFFOLD: used as the families are written

/// One event, as `GET /events/{id}` and a webhook body show it.
#[derive(Clone, Debug)]
pub(crate) struct EventRecord {
    pub(crate) id: String,
    /// e.g. `customer_created`.
    pub(crate) topic: String,
    pub(crate) resource_id: String,
    /// The resource's URL.
    pub(crate) resource_href: String,
    /// The customer's URL, for customer events.
    pub(crate) customer_href: Option<String>,
    /// RFC 3339, when it happened.
    pub(crate) created: String,
    /// The transfer's `correlationId`, for transfer events that have one.
    pub(crate) correlation_id: Option<String>,
}

/// The events, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Events {
    pub(crate) all: Vec<EventRecord>,
}

impl Events {
    /// Records an event for the resource at `resource_href` (its id is the
    /// last path segment); returns its id.
    pub(crate) fn emit(
        &mut self,
        topic: &str,
        resource_href: &str,
        customer_href: Option<&str>,
        correlation_id: Option<&str>,
    ) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        let resource_id = resource_href
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        self.all.push(EventRecord {
            id: id.clone(),
            topic: topic.to_owned(),
            resource_id,
            resource_href: resource_href.to_owned(),
            customer_href: customer_href.map(str::to_owned),
            created: super::super::handlers::respond::rfc3339_now(),
            correlation_id: correlation_id.map(str::to_owned),
        });
        id
    }
}
