//! Mass payments: up to 5,000 payments from one source in one request,
//! funded by a single debit and processed item by item (0.5 to 1 s each).
//!
//! - [`InitiateMassPayment`]: `POST /mass-payments` (optionally
//!   [`deferred`](InitiateMassPayment::deferred))
//! - [`RetrieveMassPayment`]: `GET /mass-payments/{id}`
//! - [`UpdateMassPayment`]: `POST /mass-payments/{id}`
//!   ([`release`](UpdateMassPayment::release) or
//!   [`cancel`](UpdateMassPayment::cancel) a deferred one)
//! - [`ListMassPaymentItems`]: `GET /mass-payments/{id}/items`
//! - [`RetrieveMassPaymentItem`]: `GET /mass-payment-items/{id}`
//! - [`ListCustomerMassPayments`]: `GET /customers/{id}/mass-payments` (the
//!   account's are [`accounts::ListAccountMassPayments`](crate::accounts::ListAccountMassPayments))
//!
//! A mass payment goes `pending` → `processing` → `complete` (or starts
//! `deferred` until released or cancelled). Each item ends `success` (its
//! [`transfer`](MassPaymentItem::transfer_href) exists) or `failed`, with
//! [`errors`](MassPaymentItem::errors) saying why (`InsufficientFunds`,
//! `Invalid`, `RequiresFundingSource`, `Restricted`).
//!
//! Like a transfer, a mass payment moves money: derive its idempotency key
//! from your own batch id ([`InitiateMassPayment::idempotency_key`]; see
//! [the transfers module](crate::transfers#paying-exactly-once)).
//!
//! `metadata` ⚠: the spec's response schema names it `metaData`, the
//! request schema and Dwolla's reference `metadata`. Requests send
//! `metadata` (what the spec's request schema declares); responses are read
//! under either name ([`MassPayment::metadata`]).

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::created::Created;
use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
pub use crate::list::MAX_PAGE_SIZE;
use crate::model::model;
use crate::money::{check_positive, Amount};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{
    check_correlation_id, check_limit, hal_request, href_of, id_segment, optional_idempotency_key,
    request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;
use crate::transfers::{
    check_addenda, write_ach_details, AchDetails, Channel, Clearing, DestinationClearing, Metadata,
    ProcessingChannel, SourceClearing,
};

/// The most items one mass payment takes (Dwolla answers 400 "Items
/// exceeded maximum count of 5000" beyond).
pub const MAX_ITEMS: usize = 5_000;

/// Re-labels an input error of item `index` so the reason says which item.
fn in_item<T>(index: usize, result: Result<T, Error>) -> Result<T, Error> {
    result.map_err(|e| match e {
        Error::InvalidInput(i) => {
            Error::invalid(i.field(), format!("(item {index}) {}", i.reason()))
        }
        other => other,
    })
}

// ---------------------------------------------------------------------------
// POST /mass-payments
// ---------------------------------------------------------------------------

/// One payment of a mass payment: an amount to a destination funding
/// source, with its own metadata, correlation id, clearing, addenda and
/// processing channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentItem {
    destination: String,
    amount: Amount,
    metadata: Metadata,
    correlation_id: Option<String>,
    destination_clearing: Option<DestinationClearing>,
    destination_addenda: Option<String>,
    processing_channel: Option<ProcessingChannel>,
}

impl PaymentItem {
    /// `amount` (at least $0.01) to `destination`: a funding source's URL or
    /// bare id (sent as `{environment}/funding-sources/{id}`).
    pub fn new(destination: impl Into<String>, amount: Amount) -> Self {
        PaymentItem {
            destination: destination.into(),
            amount,
            metadata: Metadata::new(),
            correlation_id: None,
            destination_clearing: None,
            destination_addenda: None,
            processing_channel: None,
        }
    }
    /// Adds a metadata pair (see [`Metadata`] for the limits).
    pub fn metadata(mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.metadata.push(key, value);
        self
    }
    /// Sets every metadata pair at once.
    pub fn metadata_all(mut self, metadata: Metadata) -> Self {
        self.metadata = metadata;
        self
    }
    /// `correlationId` (1 to 255 of `a-z A-Z 0-9 - . _`), passed on to the
    /// transfer the item creates, where it can be searched for.
    pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }
    /// `clearing.destination` of this item's credit.
    pub fn destination_clearing(mut self, clearing: DestinationClearing) -> Self {
        self.destination_clearing = Some(clearing);
        self
    }
    /// `achDetails.destination.addenda.values`: one value (1 to 80
    /// characters) sent with the credit.
    pub fn ach_destination_addenda(mut self, value: impl Into<String>) -> Self {
        self.destination_addenda = Some(value.into());
        self
    }
    /// `processingChannel.destination` (`real-time-payments` or `instant`).
    pub fn processing_channel(mut self, channel: ProcessingChannel) -> Self {
        self.processing_channel = Some(channel);
        self
    }
    /// The destination as given.
    pub fn destination(&self) -> &str {
        &self.destination
    }
    /// The amount.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
}

/// An item checked, with its destination href.
struct CheckedItem<'a> {
    item: &'a PaymentItem,
    destination: std::borrow::Cow<'a, str>,
    channel: Option<&'a str>,
}

impl PaymentItem {
    fn checked<'a>(&'a self, env: &Environment, index: usize) -> Result<CheckedItem<'a>, Error> {
        in_item(
            index,
            (|| {
                let destination = href_of(
                    env,
                    "items[].destination",
                    &self.destination,
                    &["funding-sources"],
                )?;
                check_positive("items[].amount", &self.amount)?;
                self.metadata.check("items[].metadata")?;
                if let Some(id) = &self.correlation_id {
                    check_correlation_id("items[].correlation_id", id)?;
                }
                if let Some(v) = &self.destination_addenda {
                    check_addenda("items[].ach_destination_addenda", v)?;
                }
                let channel = self
                    .processing_channel
                    .as_ref()
                    .map(|c| c.check_request("items[].processing_channel"))
                    .transpose()?;
                Ok(CheckedItem {
                    item: self,
                    destination,
                    channel,
                })
            })(),
        )
    }
}

/// `POST /mass-payments`: up to [`MAX_ITEMS`] payments from one source
/// funding source (a URL or bare id, sent as
/// `{environment}/funding-sources/{id}`).
///
/// ```
/// use dwolla_core::mass_payments::{InitiateMassPayment, PaymentItem};
/// use dwolla_core::transfers::SourceClearing;
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = InitiateMassPayment::new(
///     "707177c3-bf15-4e7e-b37c-55c3898d9bf4",
///     vec![
///         PaymentItem::new("9c7f8d57-cd45-4e7a-bf7a-914dbd6131db", Amount::usd("1.00")?)
///             .metadata("payment1", "payment1"),
///         PaymentItem::new("b442c936-1f87-465d-a4e2-a982164b26bd", Amount::usd("5.00")?),
///     ],
/// )
/// .deferred()
/// .source_clearing(SourceClearing::NextAvailable)
/// .idempotency_key("batch-2024-06-01");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/mass-payments");
/// assert_eq!(
///     std::str::from_utf8(request.body()).unwrap(),
///     concat!(
///         r#"{"_links":{"source":{"href":"https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4"}},"#,
///         r#""items":[{"_links":{"destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db"}},"amount":{"currency":"USD","value":"1.00"},"metadata":{"payment1":"payment1"}},"#,
///         r#"{"_links":{"destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/b442c936-1f87-465d-a4e2-a982164b26bd"}},"amount":{"currency":"USD","value":"5.00"}}],"#,
///         r#""status":"deferred","clearing":{"source":"next-available"}}"#,
///     )
/// );
/// # Ok(()) }
/// ```
///
/// Checked before any request exists: 1 to 5,000 items, each amount at
/// least $0.01, every metadata, correlation id, addenda and processing
/// channel, with the field named (`items[].amount`, ...) and the item's
/// index in the reason.
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation)
/// ("Items exceeded maximum count of 5000", invalid amount, metadata or
/// funding source), [`Forbidden`](crate::ApiErrorKind::Forbidden) ("Not
/// authorized to create mass payment").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitiateMassPayment {
    source: String,
    items: Vec<PaymentItem>,
    deferred: bool,
    source_clearing: Option<SourceClearing>,
    source_addenda: Option<String>,
    metadata: Metadata,
    correlation_id: Option<String>,
    idempotency_key: Option<String>,
}

impl InitiateMassPayment {
    /// A mass payment of `items` from `source`.
    pub fn new(source: impl Into<String>, items: Vec<PaymentItem>) -> Self {
        InitiateMassPayment {
            source: source.into(),
            items,
            deferred: false,
            source_clearing: None,
            source_addenda: None,
            metadata: Metadata::new(),
            correlation_id: None,
            idempotency_key: None,
        }
    }
    /// Adds an item.
    pub fn item(mut self, item: PaymentItem) -> Self {
        self.items.push(item);
        self
    }
    /// `status: deferred`: create it without processing it; release it
    /// later with [`UpdateMassPayment::release`] (or cancel it with
    /// [`UpdateMassPayment::cancel`]).
    pub fn deferred(mut self) -> Self {
        self.deferred = true;
        self
    }
    /// `clearing.source`: how fast the funding debit clears (items take
    /// their own `clearing.destination`).
    pub fn source_clearing(mut self, clearing: SourceClearing) -> Self {
        self.source_clearing = Some(clearing);
        self
    }
    /// `achDetails.source.addenda.values`: one value (1 to 80 characters)
    /// sent with the funding debit.
    pub fn ach_source_addenda(mut self, value: impl Into<String>) -> Self {
        self.source_addenda = Some(value.into());
        self
    }
    /// Adds a metadata pair (see [`Metadata`] for the limits), sent as
    /// `metadata`.
    pub fn metadata(mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.metadata.push(key, value);
        self
    }
    /// Sets every metadata pair at once.
    pub fn metadata_all(mut self, metadata: Metadata) -> Self {
        self.metadata = metadata;
        self
    }
    /// `correlationId` of the mass payment (1 to 255 of `a-z A-Z 0-9 - . _`).
    pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }
    /// Sends this `Idempotency-Key`; derive it from your own batch id so a
    /// retry after a restart cannot pay twice. (The
    /// [`Client`](crate::Client) generates one per call when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
    /// The items.
    pub fn items(&self) -> &[PaymentItem] {
        &self.items
    }
    /// The source as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }
}

impl Operation for InitiateMassPayment {
    type Output = MassPaymentCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let source = href_of(env, "source", &self.source, &["funding-sources"])?;
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            return Err(Error::invalid(
                "items",
                format!(
                    "must hold 1 to {MAX_ITEMS} items (it holds {})",
                    self.items.len()
                ),
            ));
        }
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item.checked(env, i))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(v) = &self.source_addenda {
            check_addenda("ach_source_addenda", v)?;
        }
        self.metadata.check("metadata")?;
        if let Some(id) = &self.correlation_id {
            check_correlation_id("correlation_id", id)?;
        }
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;

        let capacity = 128
            + source.len()
            + self.metadata.size_hint()
            + items
                .iter()
                .map(|c| 96 + c.destination.len() + c.item.metadata.size_hint())
                .sum::<usize>();
        let body = json_object(capacity, |w| {
            w.object("_links", |l| {
                l.link("source", &source);
            });
            w.objects("items", &items, |w, c| {
                let item = c.item;
                w.object("_links", |l| {
                    l.link("destination", &c.destination);
                });
                w.amount("amount", &item.amount);
                if let Some(channel) = c.channel {
                    w.object("processingChannel", |p| {
                        p.str("destination", channel);
                    });
                }
                item.metadata.write(w, "metadata");
                if let Some(clearing) = item.destination_clearing {
                    w.object("clearing", |cl| {
                        cl.str("destination", clearing.as_str());
                    });
                }
                write_ach_details(w, None, item.destination_addenda.as_deref());
                w.opt_str("correlationId", item.correlation_id.as_deref());
            });
            if self.deferred {
                w.str("status", "deferred");
            }
            write_ach_details(w, self.source_addenda.as_deref(), None);
            if let Some(clearing) = self.source_clearing {
                w.object("clearing", |cl| {
                    cl.str("source", clearing.as_str());
                });
            }
            self.metadata.write(w, "metadata");
            w.opt_str("correlationId", self.correlation_id.as_deref());
        });
        let uri = request_uri(env, &["/mass-payments"])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<MassPaymentCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "initiateMassPayment"
    }
}

/// A created mass payment: its URL, id, and the operation that retrieves it.
pub type MassPaymentCreated = Created<RetrieveMassPayment>;

// ---------------------------------------------------------------------------
// GET /mass-payments/{id}
// ---------------------------------------------------------------------------

/// `GET /mass-payments/{id}`: one mass payment, by id or URL.
pub type RetrieveMassPayment = Retrieve<MassPayment>;

open_enum! {
    /// A mass payment's status. Unknown statuses are kept.
    pub enum MassPaymentStatus {
        /// `deferred`: created, waiting to be released or cancelled.
        Deferred => "deferred",
        /// `pending`: about to be processed (briefly; cannot be cancelled).
        Pending => "pending",
        /// `processing`: items are being processed.
        Processing => "processing",
        /// `complete`: every item was processed (see each item's status).
        Complete => "complete",
        /// `cancelled`: a deferred mass payment that was cancelled.
        Cancelled => "cancelled",
    }
}

model! {
    /// A mass payment as retrieved.
    pub struct MassPayment (WireMassPayment) resource "mass payment" {
        /// `status`.
        status: open(MassPaymentStatus) = "status",
        /// `created` (ISO-8601), as sent.
        created: text = "created",
        /// `metadata` as the reference names it; prefer
        /// [`metadata`](MassPayment::metadata), which reads either name.
        metadata_member: metadata = "metadata",
        /// `metaData` as the spec's schema names it; prefer
        /// [`metadata`](MassPayment::metadata), which reads either name.
        meta_data_member: metadata = "metaData",
        /// `total`: the sum of the items.
        total: amount = "total",
        /// `totalFees`: the sum of the fees charged.
        total_fees: amount = "totalFees",
        /// `correlationId`, if one was set.
        correlation_id: text = "correlationId",
        /// `clearing`.
        clearing: object(Clearing) = "clearing",
        /// `achDetails`.
        ach_details: object(AchDetails) = "achDetails",
        /// `_embedded` as sent.
        embedded: raw = "_embedded",
    }
}

resource!(
    MassPayment,
    "mass-payments",
    "getMassPayment",
    "mass_payment_id"
);

impl MassPayment {
    /// Its metadata, under either name Dwolla uses (`metadata`, `metaData`).
    pub fn metadata(&self) -> Option<&Metadata> {
        self.metadata_member().or(self.meta_data_member())
    }
    /// The metadata value of `key`, if there is one.
    pub fn metadata_str(&self, key: &str) -> Option<&str> {
        self.metadata()?.get(key)
    }
    /// `_links.source`: the funding source it is paid from.
    pub fn source_href(&self) -> Option<&str> {
        self.links().get("source")
    }
    /// `_links.items`: its items ([`ListMassPaymentItems`]).
    pub fn items_href(&self) -> Option<&str> {
        self.links().get("items")
    }
    /// True while it is deferred (it can be released or cancelled).
    pub fn is_deferred(&self) -> bool {
        self.status() == &MassPaymentStatus::Deferred
    }
}

// ---------------------------------------------------------------------------
// POST /mass-payments/{id}
// ---------------------------------------------------------------------------

/// `POST /mass-payments/{id}`: releases or cancels a *deferred* mass
/// payment; answers the mass payment.
///
/// ```
/// use dwolla_core::mass_payments::UpdateMassPayment;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let env = Environment::Sandbox;
/// let token = AccessToken::new("token");
/// let release = UpdateMassPayment::release("da835c07-1e12-4212-8b93-a7e0013dfd98").build_request(&env, &token)?;
/// assert_eq!(release.body().as_ref(), br#"{"status":"pending"}"#);
/// let cancel = UpdateMassPayment::cancel("da835c07-1e12-4212-8b93-a7e0013dfd98").build_request(&env, &token)?;
/// assert_eq!(cancel.body().as_ref(), br#"{"status":"cancelled"}"#);
/// assert_eq!(cancel.uri(), "https://api-sandbox.dwolla.com/mass-payments/da835c07-1e12-4212-8b93-a7e0013dfd98");
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (400:
/// it is not deferred), [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateMassPayment {
    id: String,
    status: &'static str,
    idempotency_key: Option<String>,
}

impl UpdateMassPayment {
    /// `{"status":"pending"}`: processes the deferred mass payment now.
    pub fn release(id_or_url: impl Into<String>) -> Self {
        UpdateMassPayment {
            id: id_or_url.into(),
            status: "pending",
            idempotency_key: None,
        }
    }
    /// `{"status":"cancelled"}`: cancels the deferred mass payment.
    pub fn cancel(id_or_url: impl Into<String>) -> Self {
        UpdateMassPayment {
            id: id_or_url.into(),
            status: "cancelled",
            idempotency_key: None,
        }
    }
    /// Sends this `Idempotency-Key`. (The [`Client`](crate::Client)
    /// generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
    /// The status it sets (`pending` or `cancelled`).
    pub fn status(&self) -> &'static str {
        self.status
    }
}

impl Operation for UpdateMassPayment {
    type Output = MassPayment;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("mass_payment_id", &self.id, "mass-payments")?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let body = json_object(24, |w| {
            w.str("status", self.status);
        });
        let uri = request_uri(env, &["/mass-payments/", &id])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<MassPayment, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "updateMassPayment"
    }
}

// ---------------------------------------------------------------------------
// GET /mass-payments/{id}/items
// ---------------------------------------------------------------------------

open_enum! {
    /// A mass payment item's status. Unknown statuses are kept.
    pub enum MassPaymentItemStatus {
        /// `pending`: not processed yet.
        Pending => "pending",
        /// `success`: its transfer was created.
        Success => "success",
        /// `failed`: no transfer was created; see its errors.
        Failed => "failed",
    }
}

/// `GET /mass-payments/{id}/items`: a mass payment's items, a page at a time
/// (25 by default, at most [`MAX_PAGE_SIZE`]), optionally only some
/// statuses. Walk every page with [`Client::pages`](crate::Client::pages).
///
/// ```
/// use dwolla_core::mass_payments::{ListMassPaymentItems, MassPaymentItemStatus};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListMassPaymentItems::new("eb467252-808c-4bc0-b86f-a5cd01454563")
///     .status(MassPaymentItemStatus::Failed)
///     .status(MassPaymentItemStatus::Pending)
///     .limit(100);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/mass-payments/eb467252-808c-4bc0-b86f-a5cd01454563/items?limit=100&status=failed&status=pending"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListMassPaymentItems {
    id: String,
    limit: Option<u32>,
    offset: Option<u32>,
    statuses: Vec<MassPaymentItemStatus>,
}

impl ListMassPaymentItems {
    /// The first page of the items of the mass payment with this id or URL.
    pub fn new(mass_payment_id: impl Into<String>) -> Self {
        ListMassPaymentItems {
            id: mass_payment_id.into(),
            limit: None,
            offset: None,
            statuses: Vec::new(),
        }
    }
    /// `limit`: items per page, 1 to [`MAX_PAGE_SIZE`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many items to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
    /// `status`: only items in this status (repeat for several).
    pub fn status(mut self, status: MassPaymentItemStatus) -> Self {
        self.statuses.push(status);
        self
    }
}

impl Operation for ListMassPaymentItems {
    type Output = List<MassPaymentItem>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("mass_payment_id", &self.id, "mass-payments")?;
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        for status in &self.statuses {
            crate::request::check_query_text("status", status.as_str())?;
            query.push("status", status.as_str());
        }
        let uri = request_uri(env, &["/mass-payments/", &id, "/items", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An item without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<MassPaymentItem>, Error> {
        response::list_of(response, "items")
    }

    fn name(&self) -> &'static str {
        "listMassPaymentItems"
    }
}

/// `GET /mass-payment-items/{id}`: one mass payment item, by id or URL.
pub type RetrieveMassPaymentItem = Retrieve<MassPaymentItem>;

open_enum! {
    /// Why a mass payment item failed (`_embedded.errors[].code`). Unknown
    /// codes are kept.
    pub enum ItemFailureCode {
        /// `InsufficientFunds`: the source did not hold enough.
        InsufficientFunds => "InsufficientFunds",
        /// `Invalid`: the receiver was not found, or is the source's owner.
        Invalid => "Invalid",
        /// `RequiresFundingSource`: the receiver has no active funding source.
        RequiresFundingSource => "RequiresFundingSource",
        /// `Restricted`: the receiver is deactivated or suspended.
        Restricted => "Restricted",
    }
}

model! {
    /// A mass payment item as retrieved.
    pub struct MassPaymentItem (WireMassPaymentItem) resource "mass payment item" {
        /// `status`.
        status: open(MassPaymentItemStatus) = "status",
        /// `amount`.
        amount: amount = "amount",
        /// `metadata`: its key-value pairs.
        metadata: metadata = "metadata",
        /// `correlationId`, if one was set.
        correlation_id: text = "correlationId",
        /// `processingChannel`.
        processing_channel: object(Channel) = "processingChannel",
        /// `_embedded`: the errors of a failed item.
        embedded: object(ItemErrors) = "_embedded",
    }
}

resource!(
    MassPaymentItem,
    "mass-payment-items",
    "getMassPaymentItem",
    "mass_payment_item_id"
);

impl MassPaymentItem {
    /// Why it failed (empty unless it failed).
    pub fn errors(&self) -> &[ItemError] {
        self.embedded().map(ItemErrors::errors).unwrap_or_default()
    }
    /// `_links.transfer`: the transfer it created (when `success`).
    pub fn transfer_href(&self) -> Option<&str> {
        self.links().get("transfer")
    }
    /// `_links.mass-payment`: its mass payment.
    pub fn mass_payment_href(&self) -> Option<&str> {
        self.links().get("mass-payment")
    }
    /// `_links.destination`.
    pub fn destination_href(&self) -> Option<&str> {
        self.links().get("destination")
    }
    /// The metadata value of `key`, if there is one.
    pub fn metadata_str(&self, key: &str) -> Option<&str> {
        self.metadata()?.get(key)
    }
}

model! {
    /// `_embedded` of a mass payment item.
    pub struct ItemErrors (WireItemErrors) {
        /// `errors`.
        errors: objects(ItemError) = "errors",
    }
}

model! {
    /// One reason a mass payment item failed.
    pub struct ItemError (WireItemError) {
        /// `code`.
        code: open(ItemFailureCode) = "code",
        /// `message`, e.g. "Receiver requires funding source.".
        message: text = "message",
        /// `path`: the JSON pointer of the request member at fault.
        path: text = "path",
    }
}

// ---------------------------------------------------------------------------
// GET /customers/{id}/mass-payments
// ---------------------------------------------------------------------------

/// The paging and correlation filter of a mass payment list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MassPaymentSearch {
    pub(crate) limit: Option<u32>,
    pub(crate) offset: Option<u32>,
    pub(crate) correlation_id: Option<String>,
}

impl MassPaymentSearch {
    pub(crate) fn query(&self) -> Result<Query, Error> {
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        if let Some(id) = &self.correlation_id {
            check_correlation_id("correlation_id", id)?;
            query.push("correlationId", id);
        }
        Ok(query)
    }
}

/// The builder methods of a mass payment list, on a type with a `search:
/// MassPaymentSearch` field.
macro_rules! mass_payment_search_methods {
    () => {
        /// `limit`: mass payments per page, 1 to
        /// [`MAX_PAGE_SIZE`](crate::mass_payments::MAX_PAGE_SIZE).
        pub fn limit(mut self, limit: u32) -> Self {
            self.search.limit = Some(limit);
            self
        }
        /// `offset`: how many mass payments to skip.
        pub fn offset(mut self, offset: u32) -> Self {
            self.search.offset = Some(offset);
            self
        }
        /// `correlationId`: only the mass payments with this correlation id.
        pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
            self.search.correlation_id = Some(id.into());
            self
        }
    };
}
pub(crate) use mass_payment_search_methods;

/// `GET /customers/{id}/mass-payments`: a customer's mass payments, newest
/// first, a page at a time (25 by default, at most [`MAX_PAGE_SIZE`]).
///
/// ```
/// use dwolla_core::mass_payments::ListCustomerMassPayments;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomerMassPayments::new("33e56307-6754-41cb-81e2-23a7f1072295")
///     .correlation_id("batch-2024-06-01")
///     .limit(10);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/33e56307-6754-41cb-81e2-23a7f1072295/mass-payments?limit=10&correlationId=batch-2024-06-01"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerMassPayments {
    customer_id: String,
    search: MassPaymentSearch,
}

impl ListCustomerMassPayments {
    /// The first page of the mass payments of the customer with this id or
    /// URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerMassPayments {
            customer_id: customer_id.into(),
            search: MassPaymentSearch::default(),
        }
    }

    mass_payment_search_methods!();
}

impl Operation for ListCustomerMassPayments {
    type Output = List<MassPayment>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let query = self.search.query()?;
        let uri = request_uri(env, &["/customers/", &id, "/mass-payments", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A mass payment without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<MassPayment>, Error> {
        response::list_of(response, "mass-payments")
    }

    fn name(&self) -> &'static str {
        "listCustomerMassPayments"
    }
}
