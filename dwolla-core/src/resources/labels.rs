//! Labels: designated parts of a verified customer's balance, their ledger
//! entries and reallocations. Labels are a premium feature: without it
//! enabled for the account, every label call is 403
//! [`Forbidden`](crate::ApiErrorKind::Forbidden).
//!
//! - [`CreateCustomerLabel`]: `POST /customers/{id}/labels` (a positive amount)
//! - [`ListCustomerLabels`]: `GET /customers/{id}/labels` (paged, newest first)
//! - [`RetrieveLabel`]: `GET /labels/{id}`
//! - [`RemoveLabel`]: `DELETE /labels/{id}` (only once its amount is zero)
//! - [`CreateLabelLedgerEntry`]: `POST /labels/{id}/ledger-entries` (a
//!   *signed* amount: negative decreases the label)
//! - [`ListLabelLedgerEntries`]: `GET /labels/{id}/ledger-entries` (paged,
//!   newest first)
//! - [`RetrieveLabelLedgerEntry`]: `GET /ledger-entries/{id}`
//! - [`CreateLabelReallocation`]: `POST /label-reallocations` (moves a
//!   positive amount from one label to another of the same customer)
//! - [`RetrieveLabelReallocation`]: `GET /label-reallocations/{id}` (links to
//!   the two ledger entries it made)
//!
//! A label's amount can never go negative, and labeled funds are not part of
//! the customer's available balance. Amounts are [`Amount`]s: exact cents,
//! never floats.

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::created::Created;
use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::money::{check_positive, check_usd, Amount};
use crate::operation::Operation;
use crate::request::{
    check_limit, hal_request, href_of, id_segment, optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

pub use crate::list::MAX_PAGE_SIZE;

/// `POST /customers/{id}/labels`: a new label of a verified customer, holding
/// `amount` (more than zero) of the customer's balance.
///
/// ```
/// use dwolla_core::labels::CreateCustomerLabel;
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerLabel::new("315a9456-3750-44bf-8b41-487b10d1d4bb", Amount::usd("10.00")?);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels"
/// );
/// assert_eq!(request.body().as_ref(), br#"{"amount":{"currency":"USD","value":"10.00"}}"#);
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (e.g.
/// more than the customer's available balance), [`Forbidden`](crate::ApiErrorKind::Forbidden)
/// (labels are not enabled), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateCustomerLabel {
    customer_id: String,
    amount: Amount,
    idempotency_key: Option<String>,
}

impl CreateCustomerLabel {
    /// A label of `amount` for the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>, amount: Amount) -> Self {
        CreateCustomerLabel {
            customer_id: customer_id.into(),
            amount,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay within 24 h returns the
    /// original label instead of creating another. (The
    /// [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }
    /// The amount.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
}

impl Operation for CreateCustomerLabel {
    type Output = LabelCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        check_positive("amount", &self.amount)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/labels"])?;
        let body = json_object(48, |w| {
            w.amount("amount", &self.amount);
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<LabelCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomerLabel"
    }
}

/// A created label: where it lives, and how to retrieve it.
pub type LabelCreated = Created<RetrieveLabel>;

/// `GET /customers/{id}/labels`: a customer's labels, newest first, a page
/// at a time (25 by default, at most [`MAX_PAGE_SIZE`]). Walk every page
/// with [`Client::pages`](crate::Client::pages).
///
/// ```
/// use dwolla_core::labels::ListCustomerLabels;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomerLabels::new("315a9456-3750-44bf-8b41-487b10d1d4bb").limit(50).offset(50);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/315a9456-3750-44bf-8b41-487b10d1d4bb/labels?limit=50&offset=50"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerLabels {
    customer_id: String,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl ListCustomerLabels {
    /// The first page of the labels of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerLabels {
            customer_id: customer_id.into(),
            limit: None,
            offset: None,
        }
    }
    /// `limit`: labels per page, 1 to [`MAX_PAGE_SIZE`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many labels to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl Operation for ListCustomerLabels {
    type Output = List<Label>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        let uri = request_uri(env, &["/customers/", &id, "/labels", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A label without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Label>, Error> {
        response::list_of(response, "labels")
    }

    fn name(&self) -> &'static str {
        "listCustomerLabels"
    }
}

/// `GET /labels/{id}`: one label, by id or URL.
pub type RetrieveLabel = Retrieve<Label>;

/// `DELETE /labels/{id}`: removes a label, by id or URL. Only a label whose
/// amount is zero can be removed (reduce it first with a negative
/// [`CreateLabelLedgerEntry`], or move it with a [`CreateLabelReallocation`]);
/// otherwise Dwolla answers 403
/// [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// "Amount must be zero to remove label". A removed label cannot be
/// retrieved again.
///
/// Dwolla answers `200` with the label as removed (amount zero): that is the
/// output. Should it answer a success without a body, the label is removed
/// all the same, and the output is `None`.
///
/// ```
/// use dwolla_core::labels::RemoveLabel;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RemoveLabel::new("https://api-sandbox.dwolla.com/labels/30165ded-2f32-4ee9-b340-ac44dda1d7fc");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "DELETE");
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/labels/30165ded-2f32-4ee9-b340-ac44dda1d7fc"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoveLabel {
    id: String,
}

impl RemoveLabel {
    /// The label with this id or URL.
    pub fn new(id_or_url: impl Into<String>) -> Self {
        RemoveLabel {
            id: id_or_url.into(),
        }
    }
    /// The id or URL as given.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Operation for RemoveLabel {
    type Output = Option<Label>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("label_id", &self.id, "labels")?;
        let uri = request_uri(env, &["/labels/", &id])?;
        hal_request(Method::DELETE, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Option<Label>, Error> {
        response::json_of_or_empty(response)
    }

    fn name(&self) -> &'static str {
        "removeLabel"
    }
}

/// `POST /labels/{id}/ledger-entries`: changes a label's amount by a
/// *signed* amount: positive to increase it, negative (`Amount::usd_signed("-5.00")`)
/// to decrease it. Zero is refused (it would change nothing); a decrease
/// below zero is refused by Dwolla ([`Validation`](crate::ApiErrorKind::Validation)).
/// This is the one operation that takes a negative [`Amount`].
///
/// ```
/// use dwolla_core::labels::CreateLabelLedgerEntry;
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateLabelLedgerEntry::new(
///     "e217bcac-628a-456d-a375-6cc51230616f",
///     Amount::usd_signed("-5.00")?,
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/labels/e217bcac-628a-456d-a375-6cc51230616f/ledger-entries"
/// );
/// assert_eq!(request.body().as_ref(), br#"{"amount":{"currency":"USD","value":"-5.00"}}"#);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateLabelLedgerEntry {
    label_id: String,
    amount: Amount,
    idempotency_key: Option<String>,
}

impl CreateLabelLedgerEntry {
    /// An entry of `amount` (negative to decrease) on the label with this id
    /// or URL.
    pub fn new(label_id: impl Into<String>, amount: Amount) -> Self {
        CreateLabelLedgerEntry {
            label_id: label_id.into(),
            amount,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay within 24 h returns the
    /// original entry instead of changing the label twice. (The
    /// [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The label id (or URL) as given.
    pub fn label_id(&self) -> &str {
        &self.label_id
    }
    /// The signed amount.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
}

impl Operation for CreateLabelLedgerEntry {
    type Output = LedgerEntryCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("label_id", &self.label_id, "labels")?;
        check_usd("amount", &self.amount)?;
        if self.amount.cents() == 0 {
            return Err(Error::invalid(
                "amount",
                "must not be zero (positive increases the label, negative decreases it)",
            ));
        }
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/labels/", &id, "/ledger-entries"])?;
        let body = json_object(48, |w| {
            w.amount("amount", &self.amount);
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<LedgerEntryCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createLabelLedgerEntry"
    }
}

/// A created ledger entry: where it lives, and how to retrieve it.
pub type LedgerEntryCreated = Created<RetrieveLabelLedgerEntry>;

/// `GET /labels/{id}/ledger-entries`: a label's ledger entries, newest
/// first, a page at a time (25 by default, at most [`MAX_PAGE_SIZE`]).
/// Walk every page with [`Client::pages`](crate::Client::pages).
///
/// ```
/// use dwolla_core::labels::ListLabelLedgerEntries;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListLabelLedgerEntries::new("7e042ffe-e25e-40d2-b86e-748b98845ecc").limit(10);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc/ledger-entries?limit=10"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListLabelLedgerEntries {
    label_id: String,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl ListLabelLedgerEntries {
    /// The first page of the entries of the label with this id or URL.
    pub fn new(label_id: impl Into<String>) -> Self {
        ListLabelLedgerEntries {
            label_id: label_id.into(),
            limit: None,
            offset: None,
        }
    }
    /// `limit`: entries per page, 1 to [`MAX_PAGE_SIZE`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many entries to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl Operation for ListLabelLedgerEntries {
    type Output = List<LabelLedgerEntry>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("label_id", &self.label_id, "labels")?;
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        let uri = request_uri(env, &["/labels/", &id, "/ledger-entries", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An entry without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<LabelLedgerEntry>, Error> {
        response::list_of(response, "ledger-entries")
    }

    fn name(&self) -> &'static str {
        "listLabelLedgerEntries"
    }
}

/// `GET /ledger-entries/{id}`: one label ledger entry, by id or URL.
pub type RetrieveLabelLedgerEntry = Retrieve<LabelLedgerEntry>;

/// `POST /label-reallocations`: moves a positive `amount` from one label to
/// another of the same verified customer. The `from` label must hold at
/// least `amount`; Dwolla makes one ledger entry on each label. The labels
/// are their URLs or bare ids (sent as `{environment}/labels/{id}`), and must
/// differ.
///
/// ```
/// use dwolla_core::labels::CreateLabelReallocation;
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateLabelReallocation::new(
///     "c91c501c-f49b-48be-a93b-12b45e152d45",
///     "https://api-sandbox.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc",
///     Amount::usd("15.00")?,
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/label-reallocations");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"_links":{"from":{"href":"https://api-sandbox.dwolla.com/labels/c91c501c-f49b-48be-a93b-12b45e152d45"},"to":{"href":"https://api-sandbox.dwolla.com/labels/7e042ffe-e25e-40d2-b86e-748b98845ecc"}},"amount":{"currency":"USD","value":"15.00"}}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (the
/// `from` label holds less, or the labels belong to different customers),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateLabelReallocation {
    from: String,
    to: String,
    amount: Amount,
    idempotency_key: Option<String>,
}

impl CreateLabelReallocation {
    /// Moves `amount` from the label `from` to the label `to` (each an id or
    /// URL).
    pub fn new(from: impl Into<String>, to: impl Into<String>, amount: Amount) -> Self {
        CreateLabelReallocation {
            from: from.into(),
            to: to.into(),
            amount,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay within 24 h returns the
    /// original reallocation instead of moving the money twice. (The
    /// [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The `from` label (id or URL) as given.
    pub fn from(&self) -> &str {
        &self.from
    }
    /// The `to` label (id or URL) as given.
    pub fn to(&self) -> &str {
        &self.to
    }
    /// The amount.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
}

impl Operation for CreateLabelReallocation {
    type Output = LabelReallocationCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let from = href_of(env, "from", &self.from, &["labels"])?;
        let to = href_of(env, "to", &self.to, &["labels"])?;
        let from_id = id_segment("from", &self.from, "labels")?;
        let to_id = id_segment("to", &self.to, "labels")?;
        if from_id == to_id {
            return Err(Error::invalid(
                "to",
                format!("must be another label than `from` (both are label {from_id})"),
            ));
        }
        check_positive("amount", &self.amount)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/label-reallocations"])?;
        let body = json_object(112 + from.len() + to.len(), |w| {
            w.object("_links", |l| {
                l.link("from", &from).link("to", &to);
            })
            .amount("amount", &self.amount);
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<LabelReallocationCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createLabelReallocation"
    }
}

/// A created reallocation: where it lives, and how to retrieve it.
pub type LabelReallocationCreated = Created<RetrieveLabelReallocation>;

/// `GET /label-reallocations/{id}`: one reallocation, by id or URL.
pub type RetrieveLabelReallocation = Retrieve<LabelReallocation>;

model! {
    /// A label: a designated part of a verified customer's balance.
    pub struct Label (WireLabel) resource "label" {
        /// `amount`: what the label holds now (zero once emptied).
        amount: amount = "amount",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
    }
}

resource!(Label, "labels", "getLabel", "label_id");

impl Label {
    /// `_links["ledger-entries"]`: its ledger entries (see
    /// [`ListLabelLedgerEntries`]).
    pub fn ledger_entries_href(&self) -> Option<&str> {
        self.links().get("ledger-entries")
    }
    /// `_links.update`: where a ledger entry is created to change it (see
    /// [`CreateLabelLedgerEntry`]).
    pub fn update_href(&self) -> Option<&str> {
        self.links().get("update")
    }
    /// `_links.remove`: present when it can be removed (see [`RemoveLabel`]).
    pub fn remove_href(&self) -> Option<&str> {
        self.links().get("remove")
    }
    /// `_links.customer`: the verified customer it belongs to.
    pub fn customer_href(&self) -> Option<&str> {
        self.links().get("customer")
    }
}

model! {
    /// One change of a label's amount.
    pub struct LabelLedgerEntry (WireLabelLedgerEntry) resource "label ledger entry" {
        /// `amount`: signed, negative for a decrease.
        amount: amount = "amount",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
    }
}

resource!(
    LabelLedgerEntry,
    "ledger-entries",
    "getLabelLedgerEntry",
    "ledger_entry_id"
);

impl LabelLedgerEntry {
    /// `_links.label`: the label it changed.
    pub fn label_href(&self) -> Option<&str> {
        self.links().get("label")
    }
}

model! {
    /// A reallocation between two labels. Dwolla sends no `id` member: its
    /// id is the last segment of its `self` link.
    pub struct LabelReallocation (WireLabelReallocation) resource "label reallocation" {
        /// `created` (RFC 3339), as sent.
        created: text = "created",
    }
}

resource!(
    LabelReallocation,
    "label-reallocations",
    "retrieveLabelReallocation",
    "reallocation_id"
);

impl LabelReallocation {
    /// `_links["from-ledger-entry"]`: the entry that decreased the `from`
    /// label (see [`RetrieveLabelLedgerEntry`]).
    pub fn from_ledger_entry_href(&self) -> Option<&str> {
        self.links().get("from-ledger-entry")
    }
    /// `_links["to-ledger-entry"]`: the entry that increased the `to` label.
    pub fn to_ledger_entry_href(&self) -> Option<&str> {
        self.links().get("to-ledger-entry")
    }
}
