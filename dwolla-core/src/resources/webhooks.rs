//! Webhooks: receiving them (verify the signature, read the event, handle
//! each event once), and the webhooks Dwolla keeps (their delivery attempts,
//! their retries).
//!
//! # Receiving a webhook
//!
//! Dwolla `POST`s each [`Event`] as JSON to every subscription's URL (see
//! [`webhook_subscriptions`](crate::webhook_subscriptions)), signed: the
//! `X-Request-Signature-SHA-256` header is the hex HMAC-SHA256 of the body,
//! keyed with the subscription's secret. [`verify`] checks it (in constant
//! time) and reads the event; all of it is sans-IO, for any web framework.
//!
//! - **Hand over the exact bytes received.** The signature covers the body
//!   byte for byte: a body parsed and serialized again (another key order,
//!   other white space) no longer verifies. Read the raw body before any JSON
//!   extractor touches it.
//! - **Answer within 10 seconds, with a 2xx.** Anything else (a 3xx
//!   included: redirects are not followed), or no answer in 10 s, is a
//!   failure, retried 8 times over 72 hours. After 400 failures in a row and
//!   24 hours without a success, Dwolla pauses the subscription. So queue the
//!   work and answer at once: verify, store the raw bytes (or the event),
//!   answer `200`, work later.
//! - **Handle each event once.** A webhook may arrive more than once (a
//!   retry after a slow answer, a manual retry). Deduplicate on the event's
//!   [`id`](Event::id) (not its `resourceId` or topic: one transfer fires a
//!   `transfer_created` and a `customer_transfer_created` with the same
//!   `resourceId`), and **answer a duplicate with 2xx too**: a 409 counts as
//!   a failure toward the auto-pause. [`SeenEvents`] is that check;
//!   [`receive`] verifies, reads and checks in one call.
//! - **Order is not guaranteed**: a `customer_transfer_completed` may come
//!   before its `customer_transfer_created`. Fetch the resource
//!   ([`Event::resource`]) for its current state rather than inferring it
//!   from the order of events.
//! - A body whose signature is wrong did not come from Dwolla (or the secret
//!   is not this subscription's): refuse it (`401`), and never act on it.
//!
//! ```
//! use dwolla_core::http::{HeaderMap, StatusCode};
//! use dwolla_core::webhooks::{self, InMemorySeenEvents, Received};
//!
//! /// One delivery, as any web framework hands it over: headers and the raw body.
//! fn on_webhook(secret: &str, seen: &InMemorySeenEvents, headers: &HeaderMap, body: &[u8]) -> StatusCode {
//!     match webhooks::receive(secret, headers, body, seen) {
//!         Ok(Received::New(event)) => {
//!             // Queue it (the raw `body`, or the event) and answer at once.
//!             println!("{} {} {:?}", event.id(), event.topic(), event.resource_href());
//!             StatusCode::OK
//!         }
//!         // Already handled: still a 2xx, or Dwolla counts a failure.
//!         Ok(Received::Duplicate(_)) => StatusCode::OK,
//!         // Signed by Dwolla, but not an event this SDK can read: keep the
//!         // bytes to look at, and do not make Dwolla retry it forever.
//!         Err(e @ webhooks::WebhookError::UnparseableBody { .. }) => {
//!             eprintln!("unreadable webhook ({e}): {} bytes kept", e.body().map_or(0, |b| b.len()));
//!             StatusCode::OK
//!         }
//!         // Not from Dwolla: refuse it.
//!         Err(e) => {
//!             eprintln!("refused a webhook: {e}");
//!             StatusCode::UNAUTHORIZED
//!         }
//!     }
//! }
//!
//! let secret = "your webhook secret";
//! let body = br#"{"id":"29a82d20-a703-41cb-9b3c-bd409c499925","topic":"customer_created","resourceId":"a6f09251-c2de-4833-94a8-5c70916cebbc","created":"2019-05-30T18:21:11.490Z"}"#;
//! let mut headers = HeaderMap::new();
//! headers.insert(webhooks::SIGNATURE_HEADER, webhooks::sign(secret, body).parse().unwrap());
//! let seen = InMemorySeenEvents::new(10_000);
//! assert_eq!(on_webhook(secret, &seen, &headers, body), StatusCode::OK);
//! assert_eq!(on_webhook(secret, &seen, &headers, body), StatusCode::OK); // a duplicate
//! assert_eq!(on_webhook("another secret", &seen, &headers, body), StatusCode::UNAUTHORIZED);
//! ```
//!
//! To verify now and read later (verify in the handler, queue the raw bytes,
//! parse in a worker), use [`verify_signature`] and then
//! [`Event::parse`](crate::events::Event::parse).
//!
//! # Webhooks Dwolla keeps
//!
//! Each event makes one webhook per subscription, kept 30 days with every
//! delivery attempt (request and response):
//!
//! - [`RetrieveWebhook`]: `GET /webhooks/{id}`
//! - [`ListWebhookRetries`]: `GET /webhooks/{id}/retries`
//! - [`RetryWebhook`]: `POST /webhooks/{id}/retries` (deliver it again)
//!
//! A subscription's webhooks are listed by
//! [`ListWebhooks`](crate::webhook_subscriptions::ListWebhooks); the ones
//! never delivered (say, while the subscription was paused: Dwolla does not
//! send them again by itself) are retried by
//! [`WebhookSubscriptions::recover`](crate::client::WebhookSubscriptions::recover).

use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use http::header::HeaderName;
use http::{HeaderMap, Method};
use sha2::Sha256;

use crate::created::Created;
use crate::environment::Environment;
use crate::error::Error;
use crate::events::{Event, RetrieveEvent, Topic};
use crate::hal::HalRequest;
use crate::list::List;
use crate::model::model;
use crate::operation::Operation;
use crate::request::{hal_request, id_segment_or_sub, optional_idempotency_key, request_uri};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

/// `X-Request-Signature-SHA-256`: the hex HMAC-SHA256 of a webhook's body,
/// keyed with the subscription's secret.
pub const SIGNATURE_HEADER: HeaderName = HeaderName::from_static("x-request-signature-sha-256");

/// `X-Dwolla-Topic`: the webhook's event topic (see [`topic_header`]).
pub const TOPIC_HEADER: HeaderName = HeaderName::from_static("x-dwolla-topic");

type HmacSha256 = Hmac<Sha256>;

/// The HMAC of `body` under `secret`, ready to finish or verify.
fn mac(secret: &str, body: &[u8]) -> HmacSha256 {
    let mut mac = match <HmacSha256 as KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        // HMAC takes a key of any length (a long one is hashed first).
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(body);
    mac
}

/// Checks a webhook's signature, then reads its body as an [`Event`]: the
/// one call a webhook handler needs (see the [module docs](self)).
///
/// `secret` is the subscription's secret; `headers` and `body` the request
/// exactly as received (the body byte for byte: one parsed and serialized
/// again fails). The signature (`X-Request-Signature-SHA-256`, 64 hex
/// digits, either case) is compared in constant time.
///
/// Fails with the [`WebhookError`] that says why: no secret, no signature
/// header, a malformed one, a signature that does not match, or a body
/// that is not an event (which keeps the bytes).
pub fn verify(secret: &str, headers: &HeaderMap, body: &[u8]) -> Result<Event, WebhookError> {
    verify_signature(secret, headers, body)?;
    Event::parse(body)
}

/// Checks a webhook's signature only (see [`verify`]), so that the raw bytes
/// can be queued and read later with [`Event::parse`].
pub fn verify_signature(
    secret: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(WebhookError::NoSecret);
    }
    let expected = signature_of(headers)?;
    mac(secret, body)
        .verify_slice(&expected)
        .map_err(|_| WebhookError::SignatureMismatch)
}

/// The 32 bytes of the one `X-Request-Signature-SHA-256` header.
fn signature_of(headers: &HeaderMap) -> Result<[u8; 32], WebhookError> {
    let mut values = headers.get_all(SIGNATURE_HEADER).iter();
    let value = values.next().ok_or(WebhookError::MissingSignature)?;
    if values.next().is_some() {
        return Err(WebhookError::MalformedSignature {
            reason: "the header appears more than once",
        });
    }
    let text = value
        .to_str()
        .map_err(|_| WebhookError::MalformedSignature {
            reason: "the header is not visible ASCII",
        })?
        .trim();
    decode_hex32(text).ok_or(WebhookError::MalformedSignature {
        reason: "the header is not 64 hexadecimal digits",
    })
}

/// 64 hex digits (either case) as 32 bytes.
fn decode_hex32(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

/// The signature Dwolla sends for `body` under `secret`: the lowercase hex
/// HMAC-SHA256, the value of `X-Request-Signature-SHA-256`. For tests of a
/// webhook handler, and for delivering webhooks as Dwolla does (the
/// emulator).
///
/// ```
/// use dwolla_core::webhooks;
///
/// let signature = webhooks::sign("secret", b"{}");
/// assert_eq!(signature.len(), 64);
/// assert!(signature.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
/// ```
pub fn sign(secret: &str, body: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let tag = mac(secret, body).finalize().into_bytes();
    let mut out = String::with_capacity(64);
    for b in tag.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// The `X-Dwolla-Topic` header: the topic of the event a webhook carries,
/// readable before the body is (say, to route it). `None` when the header is
/// absent, repeated or not text. It is not covered by the signature: trust
/// the verified event's [`topic`](Event::topic) over it.
pub fn topic_header(headers: &HeaderMap) -> Option<Topic> {
    let mut values = headers.get_all(TOPIC_HEADER).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    let text = value.to_str().ok()?.trim();
    (!text.is_empty()).then(|| Topic::from_wire(text))
}

/// Why a webhook was refused (see [`verify`]). Its `Display` says which
/// check failed, and never shows the secret.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret given to check against is empty: nothing signed with it
    /// proves anything.
    NoSecret,
    /// The request has no `X-Request-Signature-SHA-256` header.
    MissingSignature,
    /// The `X-Request-Signature-SHA-256` header is not one value of 64
    /// hexadecimal digits.
    MalformedSignature {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The signature does not match the body: the body was changed (or
    /// re-encoded), or it was signed with another secret.
    SignatureMismatch,
    /// The signature is right, but the body is not an event this SDK can
    /// read. The bytes are kept ([`body`](WebhookError::body)).
    UnparseableBody {
        /// Why it cannot be read.
        reason: Cow<'static, str>,
        /// The body, exactly as received.
        body: Bytes,
    },
}

impl WebhookError {
    pub(crate) fn unparseable(reason: impl Into<Cow<'static, str>>, body: &[u8]) -> Self {
        WebhookError::UnparseableBody {
            reason: reason.into(),
            body: Bytes::copy_from_slice(body),
        }
    }

    /// For [`UnparseableBody`](Self::UnparseableBody), the body as received.
    pub fn body(&self) -> Option<&Bytes> {
        match self {
            WebhookError::UnparseableBody { body, .. } => Some(body),
            _ => None,
        }
    }

    /// True when the request was not shown to come from Dwolla (every
    /// error but [`UnparseableBody`](Self::UnparseableBody), whose
    /// signature is right).
    pub fn is_unauthenticated(&self) -> bool {
        !matches!(self, WebhookError::UnparseableBody { .. })
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::NoSecret => f.write_str(
                "webhook not verified: the subscription secret to check against is empty",
            ),
            WebhookError::MissingSignature => {
                f.write_str("webhook not verified: no X-Request-Signature-SHA-256 header")
            }
            WebhookError::MalformedSignature { reason } => write!(
                f,
                "webhook not verified: malformed X-Request-Signature-SHA-256 header: {reason}"
            ),
            WebhookError::SignatureMismatch => f.write_str(
                "webhook not verified: the signature does not match the body (changed or re-encoded body, or another secret)",
            ),
            WebhookError::UnparseableBody { reason, body } => write!(
                f,
                "webhook verified but not readable as an event ({} bytes): {}",
                body.len(),
                reason.replace(['\r', '\n'], " ")
            ),
        }
    }
}

impl fmt::Debug for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::NoSecret => f.write_str("NoSecret"),
            WebhookError::MissingSignature => f.write_str("MissingSignature"),
            WebhookError::MalformedSignature { reason } => f
                .debug_struct("MalformedSignature")
                .field("reason", reason)
                .finish(),
            WebhookError::SignatureMismatch => f.write_str("SignatureMismatch"),
            WebhookError::UnparseableBody { reason, body } => f
                .debug_struct("UnparseableBody")
                .field("reason", reason)
                .field("body_len", &body.len())
                .finish(),
        }
    }
}

impl std::error::Error for WebhookError {}

// ---------------------------------------------------------------------------
// Deduplication
// ---------------------------------------------------------------------------

/// Which events were handled already: the check that makes a handler run
/// once per event id, however often Dwolla delivers it.
///
/// One method: record an event id, and say whether this was the first time.
/// It must be atomic (two deliveries of one event at once: exactly one gets
/// `true`).
///
/// **In production, back it with your database**: a table with a unique
/// index on the event id, and an insert-or-ignore
/// (`INSERT ... ON CONFLICT (event_id) DO NOTHING` in PostgreSQL and SQLite,
/// `INSERT IGNORE` in MySQL); `first_time` is "one row inserted". Best is
/// the table your work queue reads from: storing the event and recording its
/// id are then one statement, so an event is never marked seen without
/// being queued. Keep rows at least 72 hours (Dwolla's retries) and better
/// 30 days (a manual retry can come that late). The method is synchronous;
/// with an async database client, do the same insert in the handler itself.
///
/// [`InMemorySeenEvents`] is the in-memory one, for tests and single-process
/// tools.
pub trait SeenEvents {
    /// Records `event_id`, and answers true when it was not recorded before.
    fn first_time(&self, event_id: &str) -> bool;
}

impl<S: SeenEvents + ?Sized> SeenEvents for &S {
    fn first_time(&self, event_id: &str) -> bool {
        (**self).first_time(event_id)
    }
}

impl<S: SeenEvents + ?Sized> SeenEvents for Arc<S> {
    fn first_time(&self, event_id: &str) -> bool {
        (**self).first_time(event_id)
    }
}

impl<S: SeenEvents + ?Sized> SeenEvents for Box<S> {
    fn first_time(&self, event_id: &str) -> bool {
        (**self).first_time(event_id)
    }
}

/// [`SeenEvents`] in memory, bounded: it remembers the last `capacity` event
/// ids, forgetting the oldest first, so that a long-running process does not
/// grow without end. An id forgotten is "first time" again: size it for
/// every event of at least 72 hours (Dwolla's retry window). Lost on
/// restart, and per process: for tests and tools, not for production (see
/// [`SeenEvents`]).
pub struct InMemorySeenEvents {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    /// Shared with `order`: one allocation per id.
    ids: HashSet<Arc<str>>,
    order: VecDeque<Arc<str>>,
}

impl InMemorySeenEvents {
    /// Remembers up to `capacity` event ids (at least one).
    pub fn new(capacity: usize) -> Self {
        InMemorySeenEvents {
            capacity: capacity.max(1),
            seen: Mutex::new(Seen::default()),
        }
    }

    /// How many ids it remembers at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many ids it remembers now.
    pub fn len(&self) -> usize {
        self.lock().ids.len()
    }

    /// True when it remembers none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        // A panic elsewhere while holding the lock leaves the sets consistent
        // (each update is one insert and one push): keep going.
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SeenEvents for InMemorySeenEvents {
    fn first_time(&self, event_id: &str) -> bool {
        let mut seen = self.lock();
        if seen.ids.contains(event_id) {
            return false;
        }
        if seen.order.len() >= self.capacity {
            if let Some(oldest) = seen.order.pop_front() {
                seen.ids.remove(&oldest);
            }
        }
        let id: Arc<str> = Arc::from(event_id);
        seen.ids.insert(Arc::clone(&id));
        seen.order.push_back(id);
        true
    }
}

impl fmt::Debug for InMemorySeenEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemorySeenEvents")
            .field("capacity", &self.capacity)
            .field("len", &self.len())
            .finish()
    }
}

/// A verified webhook's event, and whether it was new (see [`receive`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    /// The first delivery of this event: handle it.
    New(Event),
    /// Handled before: do nothing, but still answer with a 2xx.
    Duplicate(Event),
}

impl Received {
    /// The event, new or not.
    pub fn event(&self) -> &Event {
        match self {
            Received::New(e) | Received::Duplicate(e) => e,
        }
    }

    /// True for the first delivery.
    pub fn is_new(&self) -> bool {
        matches!(self, Received::New(_))
    }
}

/// [`verify`], then [`SeenEvents::first_time`] on the event's id: a webhook
/// handler's one call. Answer a [`Received::Duplicate`] with a 2xx as well
/// (see the [module docs](self)).
pub fn receive<S: SeenEvents + ?Sized>(
    secret: &str,
    headers: &HeaderMap,
    body: &[u8],
    seen: &S,
) -> Result<Received, WebhookError> {
    let event = verify(secret, headers, body)?;
    Ok(if seen.first_time(event.id()) {
        Received::New(event)
    } else {
        Received::Duplicate(event)
    })
}

// ---------------------------------------------------------------------------
// The webhook resource
// ---------------------------------------------------------------------------

/// `GET /webhooks/{id}`: one webhook with every delivery attempt, by id or
/// URL.
pub type RetrieveWebhook = Retrieve<Webhook>;

model! {
    /// A webhook: one event sent to one subscription, with every attempt to
    /// deliver it (kept 30 days).
    pub struct Webhook (WireWebhook) resource "webhook" {
        /// `topic`: the event's topic.
        topic: open(Topic) = "topic",
        /// `accountId`: the Dwolla account's id.
        account_id: text = "accountId",
        /// `eventId`: the event's id.
        event_id: text = "eventId",
        /// `subscriptionId`: the webhook subscription's id.
        subscription_id: text = "subscriptionId",
        /// `attempts`: each delivery attempt, its request and Dwolla's record
        /// of the response (empty when it was never sent: the subscription
        /// was paused).
        attempts: objects(WebhookAttempt) = "attempts",
    }
}

resource!(Webhook, "webhooks", "getWebhook", "webhook_id");

impl Webhook {
    /// True when an attempt was answered with a 2xx status: it was
    /// delivered.
    pub fn was_delivered(&self) -> bool {
        self.attempts().iter().any(WebhookAttempt::succeeded)
    }

    /// True when no attempt succeeded (none was made, or every one failed):
    /// what [`WebhookSubscriptions::recover`](crate::client::WebhookSubscriptions::recover)
    /// retries.
    pub fn needs_retry(&self) -> bool {
        !self.was_delivered()
    }

    /// The subscription's URL (`_links.subscription`).
    pub fn subscription_href(&self) -> Option<&str> {
        self.links().get("subscription")
    }

    /// Its retries' URL (`_links.retry`), what [`RetryWebhook`] and
    /// [`ListWebhookRetries`] take.
    pub fn retry_href(&self) -> Option<&str> {
        self.links().get("retry")
    }

    /// The event's URL (`_links.event`).
    pub fn event_href(&self) -> Option<&str> {
        self.links().get("event")
    }

    /// The operation that retrieves its event (by `_links.event`, else by
    /// `eventId`).
    pub fn event(&self) -> Option<RetrieveEvent> {
        self.event_href()
            .or(self.event_id())
            .filter(|e| !e.is_empty())
            .map(RetrieveEvent::new)
    }

    /// The retry of this webhook.
    pub fn retry(&self) -> RetryWebhook {
        RetryWebhook::new(self.self_href().unwrap_or(self.id()))
    }
}

model! {
    /// One attempt to deliver a webhook: what was sent, and what came back.
    pub struct WebhookAttempt (WireWebhookAttempt) {
        /// `id`.
        id: text = "id",
        /// `request`: what Dwolla sent.
        request: object(WebhookRequest) = "request",
        /// `response`: what the endpoint answered (absent when it did not).
        response: object(WebhookResponse) = "response",
    }
}

impl WebhookAttempt {
    /// True when the endpoint answered with a 2xx status.
    pub fn succeeded(&self) -> bool {
        self.response()
            .and_then(WebhookResponse::status_code)
            .is_some_and(|s| (200..300).contains(&s))
    }
}

model! {
    /// The request of a [`WebhookAttempt`].
    pub struct WebhookRequest (WireWebhookRequest) {
        /// `timestamp` as sent (RFC 3339); see [`time`](Self::time).
        timestamp: text = "timestamp",
        /// `created` as sent: what some of Dwolla's examples call `timestamp`.
        created: text = "created",
        /// `url`: where it was sent.
        url: text = "url",
        /// `headers`: each `{name, value}` sent.
        headers: objects(WebhookHeader) = "headers",
        /// `body`: the body sent (the event's JSON).
        body: text = "body",
    }
}

impl WebhookRequest {
    /// When it was sent: `timestamp`, else `created`.
    pub fn time(&self) -> Option<&str> {
        self.timestamp().or(self.created())
    }

    /// The value of the header `name` (case-insensitive), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(self.headers(), name)
    }
}

model! {
    /// The response to a [`WebhookAttempt`], as Dwolla recorded it.
    pub struct WebhookResponse (WireWebhookResponse) {
        /// `timestamp` as sent (RFC 3339); see [`time`](Self::time).
        timestamp: text = "timestamp",
        /// `created` as sent: what some of Dwolla's examples call `timestamp`.
        created: text = "created",
        /// `headers`: each `{name, value}` received.
        headers: objects(WebhookHeader) = "headers",
        /// `statusCode`: the HTTP status received.
        status_code: int = "statusCode",
        /// `body`: the body received.
        body: text = "body",
    }
}

impl WebhookResponse {
    /// When it was received: `timestamp`, else `created`.
    pub fn time(&self) -> Option<&str> {
        self.timestamp().or(self.created())
    }

    /// The value of the header `name` (case-insensitive), if it was received.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(self.headers(), name)
    }
}

model! {
    /// One header of a [`WebhookRequest`] or [`WebhookResponse`].
    pub struct WebhookHeader (WireWebhookHeader) {
        /// `name`.
        name: text = "name",
        /// `value`.
        value: text = "value",
    }
}

fn header_value<'h>(headers: &'h [WebhookHeader], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|h| h.name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(WebhookHeader::value)
}

/// `GET /webhooks/{id}/retries`: the retries of a webhook (by id, URL or
/// retries URL).
///
/// ```
/// use dwolla_core::webhooks::ListWebhookRetries;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListWebhookRetries::new("9ece9660-aa34-41eb-80d7-0125d53b45e8");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/webhooks/9ece9660-aa34-41eb-80d7-0125d53b45e8/retries");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListWebhookRetries {
    webhook: String,
}

impl ListWebhookRetries {
    /// The retries of the webhook with this id or URL.
    pub fn new(webhook: impl Into<String>) -> Self {
        ListWebhookRetries {
            webhook: webhook.into(),
        }
    }
}

impl Operation for ListWebhookRetries {
    type Output = List<WebhookRetry>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment_or_sub("webhook_id", &self.webhook, "webhooks", "retries")?;
        let uri = request_uri(env, &["/webhooks/", &id, "/retries"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A retry without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<WebhookRetry>, Error> {
        response::list_of(response, "retries")
    }

    fn name(&self) -> &'static str {
        "listWebhookRetries"
    }
}

model! {
    /// A retry of a webhook (an item of [`ListWebhookRetries`]).
    pub struct WebhookRetry (WireWebhookRetry) resource "webhook retry" {
        /// `timestamp`: when it was asked for (RFC 3339).
        timestamp: text = "timestamp",
    }
}

impl WebhookRetry {
    /// The webhook's URL (`_links.webhook`).
    pub fn webhook_href(&self) -> Option<&str> {
        self.links().get("webhook")
    }
}

/// `POST /webhooks/{id}/retries`: delivers a webhook again, now (by id,
/// URL or retries URL). No body; the [`Client`](crate::Client) adds an
/// `Idempotency-Key`, so a retried request does not deliver twice.
///
/// ```
/// use dwolla_core::webhooks::RetryWebhook;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RetryWebhook::new("https://api-sandbox.dwolla.com/webhooks/9ece9660-aa34-41eb-80d7-0125d53b45e8/retries");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri().path(), "/webhooks/9ece9660-aa34-41eb-80d7-0125d53b45e8/retries");
/// assert!(request.body().is_empty());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryWebhook {
    webhook: String,
    idempotency_key: Option<String>,
}

impl RetryWebhook {
    /// A retry of the webhook with this id or URL.
    pub fn new(webhook: impl Into<String>) -> Self {
        RetryWebhook {
            webhook: webhook.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one otherwise).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The webhook (id or URL) as given.
    pub fn webhook(&self) -> &str {
        &self.webhook
    }
}

impl Operation for RetryWebhook {
    type Output = WebhookRetryCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment_or_sub("webhook_id", &self.webhook, "webhooks", "retries")?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/webhooks/", &id, "/retries"])?;
        hal_request(Method::POST, uri, token, None, key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<WebhookRetryCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "retryWebhook"
    }
}

/// A retry Dwolla created: its URL (`.../webhooks/{id}/retries/{retry id}`)
/// and id. Dwolla has no typed operation to fetch one; its
/// [`retrieve`](Created::retrieve) is a [`HalRequest`] `GET`.
pub type WebhookRetryCreated = Created<HalRequest>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decoding() {
        let lower = "00ff10a0".repeat(8);
        assert_eq!(decode_hex32(&lower).unwrap()[..4], [0x00, 0xff, 0x10, 0xa0]);
        assert_eq!(decode_hex32(&lower.to_uppercase()), decode_hex32(&lower));
        for bad in [
            "",
            &lower[..63],
            &format!("{lower}0"),
            &format!("g{}", &lower[1..]),
            &format!(" {}", &lower[1..]),
        ] {
            assert_eq!(decode_hex32(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sign_is_lowercase_hex_of_the_hmac() {
        let s = sign("k", b"body");
        assert_eq!(decode_hex32(&s).map(|b| b.to_vec()), {
            let tag = mac("k", b"body").finalize().into_bytes();
            Some(tag.to_vec())
        });
        assert!(!s.bytes().any(|c| c.is_ascii_uppercase()));
    }

    #[test]
    fn in_memory_seen_events_is_bounded() {
        let seen = InMemorySeenEvents::new(2);
        assert!(seen.first_time("a"));
        assert!(!seen.first_time("a"));
        assert!(seen.first_time("b"));
        assert!(seen.first_time("c")); // forgets "a"
        assert_eq!(seen.len(), 2);
        assert!(!seen.first_time("b"));
        assert!(seen.first_time("a"));
        assert_eq!(InMemorySeenEvents::new(0).capacity(), 1);
    }
}
