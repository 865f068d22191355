//! Webhook subscriptions: where Dwolla delivers webhooks, signed with each
//! subscription's secret.
//!
//! - [`ListWebhookSubscriptions`]: `GET /webhook-subscriptions`
//! - [`CreateWebhookSubscription`]: `POST /webhook-subscriptions` (`url`, `secret`)
//! - [`RetrieveWebhookSubscription`]: `GET /webhook-subscriptions/{id}`
//! - [`UpdateWebhookSubscription`]: `POST /webhook-subscriptions/{id}`
//!   (pause or unpause)
//! - [`DeleteWebhookSubscription`]: `DELETE /webhook-subscriptions/{id}`
//! - [`ListWebhooks`]: `GET /webhook-subscriptions/{id}/webhooks` (the
//!   webhooks sent to it, 30 days)
//!
//! Dwolla allows 5 subscriptions in production and 10 in the sandbox (one is
//! required in production); each receives every event, there is no filter by
//! topic. Receiving and verifying webhooks is in [`webhooks`](crate::webhooks).
//!
//! After 400 failed deliveries in a row and 24 hours without a success,
//! Dwolla pauses a subscription (and emails the account's admin). Webhooks
//! are still created while it is paused, but not sent, and unpausing does
//! not send them: [`WebhookSubscriptions::recover`](crate::client::WebhookSubscriptions::recover)
//! retries every webhook of a period that was never delivered. Deleting a
//! subscription deletes its webhooks too: nothing can be recovered after.

use std::fmt;

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::created::Created;
use crate::date::Date;
use crate::environment::{is_loopback, Environment};
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_absolute_url, check_limit, check_name, check_query_text, hal_request, id_segment,
    optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;
use crate::webhooks::Webhook;

/// The longest secret Dwolla accepts, in characters.
pub const MAX_SECRET_CHARS: usize = 128;

/// `GET /webhook-subscriptions`: every subscription of the application (not
/// paged).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListWebhookSubscriptions;

impl ListWebhookSubscriptions {
    /// Every subscription.
    pub fn new() -> Self {
        ListWebhookSubscriptions
    }
}

impl Operation for ListWebhookSubscriptions {
    type Output = List<WebhookSubscription>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let uri = request_uri(env, &["/webhook-subscriptions"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A subscription without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<WebhookSubscription>, Error> {
        response::list_of(response, "webhook-subscriptions")
    }

    fn name(&self) -> &'static str {
        "listWebhookSubscriptions"
    }
}

/// `POST /webhook-subscriptions`: subscribes `url` to every event, signed
/// with `secret`.
///
/// - `url`: where Dwolla `POST`s the webhooks. Dwolla requires a public
///   `https://` URL; `http://` is accepted here only for a loopback host
///   (`127.0.0.0/8`, `::1`, `localhost`), for a local emulator, as
///   [`Environment::custom`] does.
/// - `secret`: the key of every webhook's signature (see
///   [`webhooks::verify`](crate::webhooks::verify)); 1 to 128 characters,
///   no control characters. Keep it as you keep a password: it never
///   appears in this operation's `Debug`, nor in any error.
///
/// ```
/// use dwolla_core::webhook_subscriptions::CreateWebhookSubscription;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateWebhookSubscription::new("https://example.com/dwolla/webhooks", "a long random secret");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/webhook-subscriptions");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"url":"https://example.com/dwolla/webhooks","secret":"a long random secret"}"#
/// );
/// assert!(!format!("{op:?}").contains("a long random secret"));
///
/// // Clear text only to loopback.
/// let plain = CreateWebhookSubscription::new("http://example.com/hooks", "s");
/// let err = plain.build_request(&Environment::Sandbox, &AccessToken::new("token")).unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "url"));
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`MaxNumberOfResources`](crate::ApiErrorKind::MaxNumberOfResources)
/// (the application has the most subscriptions allowed: delete one first),
/// [`Validation`](crate::ApiErrorKind::Validation) (`/url` not a valid URL,
/// `/secret` too long), [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateWebhookSubscription {
    url: String,
    secret: String,
    idempotency_key: Option<String>,
}

impl CreateWebhookSubscription {
    /// A subscription of `url`, signed with `secret`.
    pub fn new(url: impl Into<String>, secret: impl Into<String>) -> Self {
        CreateWebhookSubscription {
            url: url.into(),
            secret: secret.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original subscription instead of creating
    /// another. (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The URL as given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }
}

impl fmt::Debug for CreateWebhookSubscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateWebhookSubscription")
            .field("url", &self.url)
            .field("secret", &Redacted(&self.secret))
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

/// Checks a webhook URL: absolute, `https://`, or `http://` on loopback.
fn check_webhook_url(url: &str) -> Result<(), Error> {
    const FIELD: &str = "url";
    check_absolute_url(FIELD, url)?;
    let uri: http::Uri = url
        .parse()
        .map_err(|_| Error::invalid(FIELD, "must be an absolute https:// URL"))?;
    let Some(authority) = uri.authority() else {
        return Err(Error::invalid(FIELD, "must be an absolute https:// URL"));
    };
    if authority.as_str().contains('@') {
        return Err(Error::invalid(FIELD, "must not contain user info"));
    }
    let https = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("https"));
    if !https && !is_loopback(authority.host()) {
        return Err(Error::invalid(
            FIELD,
            "must use https:// (Dwolla delivers only to public https URLs; http:// is accepted for loopback hosts only)",
        ));
    }
    if url.len() > 2048 {
        return Err(Error::invalid(FIELD, "must not be over 2048 bytes long"));
    }
    Ok(())
}

/// Checks a secret: 1 to 128 characters, no control characters, not blank.
/// The reasons never include the secret.
fn check_secret(secret: &str) -> Result<(), Error> {
    check_name("secret", secret, MAX_SECRET_CHARS)
}

impl Operation for CreateWebhookSubscription {
    type Output = WebhookSubscriptionCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        check_webhook_url(&self.url)?;
        check_secret(&self.secret)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let body = json_object(32 + self.url.len() + self.secret.len(), |w| {
            w.str("url", &self.url).str("secret", &self.secret);
        });
        let uri = request_uri(env, &["/webhook-subscriptions"])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<WebhookSubscriptionCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createWebhookSubscription"
    }
}

/// A created subscription: where it lives, and how to retrieve it.
pub type WebhookSubscriptionCreated = Created<RetrieveWebhookSubscription>;

/// `GET /webhook-subscriptions/{id}`: one subscription, by id or URL.
pub type RetrieveWebhookSubscription = Retrieve<WebhookSubscription>;

model! {
    /// A webhook subscription as retrieved. Its secret is never sent back.
    pub struct WebhookSubscription (WireWebhookSubscription) resource "webhook subscription" {
        /// `url`: where webhooks are delivered.
        url: text = "url",
        /// `paused`: true while nothing is delivered (paused by hand, or by
        /// Dwolla after 400 failures in a row).
        paused: flag = "paused",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
    }
}

resource!(
    WebhookSubscription,
    "webhook-subscriptions",
    "getWebhookSubscription",
    "webhook_subscription_id"
);

impl WebhookSubscription {
    /// True when it is paused (false when Dwolla says not, or says nothing).
    pub fn is_paused(&self) -> bool {
        self.paused().unwrap_or(false)
    }

    /// The URL of its webhooks (`_links.webhooks`).
    pub fn webhooks_href(&self) -> Option<&str> {
        self.links().get("webhooks")
    }
}

/// `POST /webhook-subscriptions/{id}`: pauses or unpauses a subscription
/// (`{"paused": true|false}`), answering with the subscription.
///
/// Unpausing does not send the webhooks created while it was paused:
/// [`WebhookSubscriptions::recover`](crate::client::WebhookSubscriptions::recover) does.
///
/// ```
/// use dwolla_core::webhook_subscriptions::UpdateWebhookSubscription;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = UpdateWebhookSubscription::unpause("5af4c10a-f6de-4ac8-840d-42cb65454216");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri().path(), "/webhook-subscriptions/5af4c10a-f6de-4ac8-840d-42cb65454216");
/// assert_eq!(request.body().as_ref(), br#"{"paused":false}"#);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateWebhookSubscription {
    subscription: String,
    paused: bool,
    idempotency_key: Option<String>,
}

impl UpdateWebhookSubscription {
    /// Sets `paused` on the subscription with this id or URL.
    pub fn new(subscription: impl Into<String>, paused: bool) -> Self {
        UpdateWebhookSubscription {
            subscription: subscription.into(),
            paused,
            idempotency_key: None,
        }
    }

    /// Pauses it: webhooks are kept but not sent.
    pub fn pause(subscription: impl Into<String>) -> Self {
        Self::new(subscription, true)
    }

    /// Unpauses it: new webhooks are sent again (not the ones missed).
    pub fn unpause(subscription: impl Into<String>) -> Self {
        Self::new(subscription, false)
    }

    /// Sends this `Idempotency-Key`.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The subscription (id or URL) as given.
    pub fn subscription(&self) -> &str {
        &self.subscription
    }

    /// What `paused` is set to.
    pub fn paused(&self) -> bool {
        self.paused
    }
}

impl Operation for UpdateWebhookSubscription {
    type Output = WebhookSubscription;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = subscription_segment(&self.subscription)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let body = Bytes::from_static(if self.paused {
            br#"{"paused":true}"#
        } else {
            br#"{"paused":false}"#
        });
        let uri = request_uri(env, &["/webhook-subscriptions/", &id])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<WebhookSubscription, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "updateWebhookSubscription"
    }
}

fn subscription_segment(subscription: &str) -> Result<std::borrow::Cow<'_, str>, Error> {
    id_segment(
        "webhook_subscription_id",
        subscription,
        "webhook-subscriptions",
    )
}

/// `DELETE /webhook-subscriptions/{id}`: deletes a subscription and, with
/// it, every webhook it kept (none can be recovered after). Answers with the
/// deleted subscription when Dwolla sends it (`None` for an empty 2xx).
///
/// ```
/// use dwolla_core::webhook_subscriptions::DeleteWebhookSubscription;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = DeleteWebhookSubscription::new("5af4c10a-f6de-4ac8-840d-42cb65454216");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "DELETE");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteWebhookSubscription {
    subscription: String,
}

impl DeleteWebhookSubscription {
    /// Deletes the subscription with this id or URL.
    pub fn new(subscription: impl Into<String>) -> Self {
        DeleteWebhookSubscription {
            subscription: subscription.into(),
        }
    }
}

impl Operation for DeleteWebhookSubscription {
    type Output = Option<WebhookSubscription>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = subscription_segment(&self.subscription)?;
        let uri = request_uri(env, &["/webhook-subscriptions/", &id])?;
        hal_request(Method::DELETE, uri, token, None, None)
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<Option<WebhookSubscription>, Error> {
        response::json_of_or_empty(response)
    }

    /// The spec's operationId, as odd as it is.
    fn name(&self) -> &'static str {
        "delete"
    }
}

/// `GET /webhook-subscriptions/{id}/webhooks`: the webhooks sent to a
/// subscription (kept 30 days), newest first, a page at a time (25 by
/// default; Dwolla documents no largest page, a `limit` of 0 is refused),
/// optionally only those of a period or of one resource.
///
/// ```
/// use dwolla_core::webhook_subscriptions::ListWebhooks;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListWebhooks::new("5af4c10a-f6de-4ac8-840d-42cb65454216")
///     .start_date("2024-03-01")
///     .end_date("2024-03-08")
///     .limit(100);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/webhook-subscriptions/5af4c10a-f6de-4ac8-840d-42cb65454216/webhooks?limit=100&startDate=2024-03-01&endDate=2024-03-08"
/// );
///
/// // Dates are checked before any request exists.
/// let bad = ListWebhooks::new("s").start_date("March 1st");
/// let err = bad.build_request(&Environment::Sandbox, &AccessToken::new("token")).unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "start_date"));
/// # Ok(()) }
/// ```
///
/// `resourceId` is a filter Dwolla's API reference documents (its OpenAPI
/// spec omits it): webhooks of the events about exactly this resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListWebhooks {
    subscription: String,
    limit: Option<u32>,
    offset: Option<u32>,
    start_date: Option<String>,
    end_date: Option<String>,
    resource_id: Option<String>,
}

impl ListWebhooks {
    /// The first page of the webhooks of the subscription with this id or
    /// URL.
    pub fn new(subscription: impl Into<String>) -> Self {
        ListWebhooks {
            subscription: subscription.into(),
            limit: None,
            offset: None,
            start_date: None,
            end_date: None,
            resource_id: None,
        }
    }
    /// `limit`: webhooks per page (at least 1).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many webhooks to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
    /// `startDate`: only webhooks created after this date, `YYYY-MM-DD`.
    pub fn start_date(mut self, date: impl Into<String>) -> Self {
        self.start_date = Some(date.into());
        self
    }
    /// `endDate`: only webhooks created before this date, `YYYY-MM-DD`.
    pub fn end_date(mut self, date: impl Into<String>) -> Self {
        self.end_date = Some(date.into());
        self
    }
    /// `resourceId`: only webhooks about this resource (its id).
    pub fn resource_id(mut self, id: impl Into<String>) -> Self {
        self.resource_id = Some(id.into());
        self
    }
    /// The subscription (id or URL) as given.
    pub fn subscription(&self) -> &str {
        &self.subscription
    }
}

/// Checks a calendar date `YYYY-MM-DD` (one parser for every date: [`Date`]).
pub(crate) fn check_date(field: &'static str, date: &str) -> Result<(), Error> {
    Date::parse_field(field, date).map(|_| ())
}

impl Operation for ListWebhooks {
    type Output = List<Webhook>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = subscription_segment(&self.subscription)?;
        check_limit(self.limit, u32::MAX)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        if let Some(date) = &self.start_date {
            check_date("start_date", date)?;
            query.push("startDate", date);
        }
        if let Some(date) = &self.end_date {
            check_date("end_date", date)?;
            query.push("endDate", date);
        }
        if let Some(resource) = &self.resource_id {
            check_query_text("resource_id", resource)?;
            query.push("resourceId", resource);
        }
        let uri = request_uri(
            env,
            &["/webhook-subscriptions/", &id, "/webhooks", query.as_str()],
        )?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A webhook without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Webhook>, Error> {
        response::list_of(response, "webhooks")
    }

    fn name(&self) -> &'static str {
        "listWebhooks"
    }
}

/// What [`WebhookSubscriptions::recover`](crate::client::WebhookSubscriptions::recover)
/// did: the webhooks it found in the period, the ones it retried, and the
/// ones whose retry failed (with why).
#[derive(Debug)]
#[non_exhaustive]
pub struct Recovery {
    pub(crate) examined: usize,
    pub(crate) retried: Vec<(Webhook, crate::webhooks::WebhookRetryCreated)>,
    pub(crate) failed: Vec<(Webhook, Error)>,
}

impl Recovery {
    /// How many webhooks the period held (delivered or not).
    pub fn examined(&self) -> usize {
        self.examined
    }

    /// The webhooks never delivered that were retried, each with its retry.
    pub fn retried(&self) -> &[(Webhook, crate::webhooks::WebhookRetryCreated)] {
        &self.retried
    }

    /// The webhooks never delivered whose retry failed, each with its error
    /// (the others were still retried).
    pub fn failed(&self) -> &[(Webhook, Error)] {
        &self.failed
    }

    /// True when every webhook that needed a retry got one.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<(), Error>) -> Option<&'static str> {
        match r {
            Err(Error::InvalidInput(i)) => Some(i.field()),
            _ => None,
        }
    }

    #[test]
    fn dates() {
        for ok in ["2024-02-29", "2023-12-31", "2000-02-29", "1999-01-01"] {
            assert!(check_date("d", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-01-00",
            "2024-1-01",
            "2024/01/01",
            "20240101",
            "2024-01-01T00:00:00Z",
            "２０２４-01-01",
        ] {
            assert_eq!(field(check_date("d", bad)), Some("d"), "{bad}");
        }
    }

    #[test]
    fn webhook_urls() {
        for ok in [
            "https://example.com/hooks",
            "HTTPS://example.com",
            "http://127.0.0.1:8080/hooks",
            "http://localhost/hooks",
            "http://[::1]:9/x",
        ] {
            assert!(check_webhook_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "example.com/hooks",
            "http://example.com/hooks",
            "http://10.0.0.1/hooks",
            "ftp://example.com",
            "https://user:pw@example.com/",
            "https://exa mple.com",
        ] {
            assert_eq!(field(check_webhook_url(bad)), Some("url"), "{bad}");
        }
        let long = format!("https://example.com/{}", "a".repeat(2100));
        assert_eq!(field(check_webhook_url(&long)), Some("url"));
    }

    #[test]
    fn secrets() {
        assert!(check_secret("s").is_ok());
        assert!(check_secret(&"é".repeat(128)).is_ok());
        for bad in ["", "   ", "a\nb", &"x".repeat(129)] {
            match check_secret(bad) {
                Err(Error::InvalidInput(i)) => {
                    assert_eq!(i.field(), "secret");
                    if !bad.trim().is_empty() {
                        assert!(!i.reason().contains(bad), "{}", i.reason());
                    }
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
