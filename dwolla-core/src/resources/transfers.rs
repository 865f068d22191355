//! Transfers: moving money between funding sources, with facilitator fees,
//! clearing, addenda, real-time details and failure reasons.
//!
//! - [`InitiateTransfer`]: `POST /transfers`
//! - [`RetrieveTransfer`]: `GET /transfers/{id}`
//! - [`CancelTransfer`]: `POST /transfers/{id}` (`{"status":"cancelled"}`)
//! - [`ListCustomerTransfers`]: `GET /customers/{id}/transfers` (search,
//!   filters, paging; the account's own transfers are
//!   [`accounts::ListAccountTransfers`](crate::accounts::ListAccountTransfers))
//! - [`ListTransferFees`]: `GET /transfers/{id}/fees`
//! - [`RetrieveTransferFailure`]: `GET /transfers/{id}/failure`
//!
//! A transfer's [`status`](Transfer::status) is `pending` until the banks
//! settle it (`processed`) or return it (`failed`, with a
//! [`failure`](Transfer::failure_href) reason such as `R01`); while its
//! `cancel` link is there ([`Transfer::is_cancellable`]) it can be cancelled.
//!
//! # Paying exactly once
//!
//! `POST /transfers` moves money, so a retry must never pay twice. Every
//! POST the [`Client`](crate::Client) sends carries an `Idempotency-Key`,
//! and a retry of the same call reuses it with a byte-identical body, so
//! retries within one call are safe whatever the key. Across *processes*
//! they are safe only if the key is derived from something your application
//! already stores: a fresh UUID per attempt protects nothing when the
//! process crashes after Dwolla created the transfer but before you saw the
//! `201`, and the retry after the restart generates a new key.
//!
//! Derive the key from your own payment id instead:
//!
//! ```
//! use dwolla_core::transfers::InitiateTransfer;
//! use dwolla_core::{AccessToken, Amount, Environment, Operation};
//!
//! # fn main() -> Result<(), dwolla_core::Error> {
//! let payment_id = 4711; // your row, written before the call
//! let payout = |payment_id: u64| -> Result<InitiateTransfer, dwolla_core::Error> {
//!     Ok(InitiateTransfer::new(
//!         "707177c3-bf15-4e7e-b37c-55c3898d9bf4",
//!         "9c7f8d57-cd45-4e7a-bf7a-914dbd6131db",
//!         Amount::usd("42.00")?,
//!     )
//!     .correlation_id(format!("payout-{payment_id}"))
//!     .idempotency_key(format!("payout-{payment_id}")))
//! };
//! let env = Environment::Sandbox;
//! let before_crash = payout(payment_id)?.build_request(&env, &AccessToken::new("t1"))?;
//! let after_restart = payout(payment_id)?.build_request(&env, &AccessToken::new("t2"))?;
//! assert_eq!(before_crash.headers()["idempotency-key"], "payout-4711");
//! assert_eq!(before_crash.headers()["idempotency-key"], after_restart.headers()["idempotency-key"]);
//! assert_eq!(before_crash.body(), after_restart.body());
//! # Ok(()) }
//! ```
//!
//! Dwolla keeps a key for 24 hours: the same key with the same body within
//! that time returns the original `201` (the same transfer) instead of
//! paying again, and `409 Conflict` while the original is still being
//! processed. The same key with a *different* body is an error, so build the
//! request from the stored payment, not from anything that may change
//! between attempts. After 24 hours a key is forgotten: look the payment up
//! first (by [`correlation_id`](ListCustomerTransfers::correlation_id), say)
//! before sending it again.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::created::Created;
pub use crate::date::Date;
use crate::environment::Environment;
use crate::error::{ApiErrorKind, Error};
use crate::list::List;
use crate::model::{model, FromWire};
use crate::money::{check_positive, check_usd, Amount, USD};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{
    check_correlation_id, check_limit, check_name, check_query_text, hal_request, href_of,
    id_segment, optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

pub use crate::list::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use crate::request::MAX_CORRELATION_ID_CHARS;

/// How far `limit` and `offset` reach into a transfer search: Dwolla returns
/// at most the first 10,000 transfers of a search. To go further back,
/// narrow the search by date (`end_date` = the date of the 10,000th).
pub const MAX_SEARCH_WINDOW: u32 = 10_000;

/// The most metadata pairs a transfer, mass payment or item takes.
pub const MAX_METADATA_PAIRS: usize = 10;

/// The longest metadata key or value, in characters (Dwolla: "less than 255").
pub const MAX_METADATA_CHARS: usize = 254;

/// The longest ACH addenda value, in characters.
pub const MAX_ADDENDA_CHARS: usize = 80;

/// The longest RTP / instant-payment `remittanceData`, in characters.
pub const MAX_REMITTANCE_CHARS: usize = 140;

/// The facilitator fees' default cap: their sum may be at most this percent
/// of the transfer's amount (Dwolla can raise it for an account on
/// approval: see [`InitiateTransfer::max_fees_percent`]).
pub const DEFAULT_MAX_FEES_PERCENT: u8 = 50;

// ---------------------------------------------------------------------------
// Inputs shared with mass payments
// ---------------------------------------------------------------------------

/// Metadata: up to [`MAX_METADATA_PAIRS`] key-value pairs of text, each key
/// and value at most [`MAX_METADATA_CHARS`] characters, sent in the order
/// given. Dwolla does not allow metadata on a transfer whose source is a
/// balance (it answers 400 "Metadata not supported for this type of
/// transfer"); an SDK cannot tell a balance from a bank by its URL, so that
/// one is Dwolla's to refuse.
///
/// ```
/// use dwolla_core::transfers::Metadata;
///
/// let m: Metadata = [("paymentId", "12345678"), ("note", "Payment for completed work Dec. 1")]
///     .into_iter()
///     .collect();
/// assert_eq!(m.len(), 2);
/// assert_eq!(m.get("paymentId"), Some("12345678"));
/// ```
///
/// Read back from Dwolla (a transfer's, a mass payment's or an item's
/// `metadata`), a value sent as JSON other than a string (Dwolla sends
/// strings) is kept as its JSON text, `42` say, and
/// [`is_json_value`](Metadata::is_json_value) says so.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Metadata {
    /// Every key and value, one after the other: one allocation for all of
    /// them, so that reading a transfer's metadata costs two.
    pub(crate) text: String,
    /// Where each pair's key and value end in `text` (a key starts where
    /// the previous value ended).
    pub(crate) pairs: Vec<MetadataPair>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct MetadataPair {
    pub(crate) key_end: usize,
    pub(crate) value_end: usize,
    /// The value came as JSON other than a string.
    pub(crate) json: bool,
}

impl Metadata {
    /// No pairs.
    pub fn new() -> Self {
        Metadata::default()
    }

    /// Adds a pair (a key given twice is refused when the request is built).
    pub fn insert(mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.push(key, value);
        self
    }

    /// Adds a pair in place.
    pub fn push(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) {
        self.text.push_str(key.as_ref());
        let key_end = self.text.len();
        self.text.push_str(value.as_ref());
        self.pairs.push(MetadataPair {
            key_end,
            value_end: self.text.len(),
            json: false,
        });
    }

    /// Every pair with its flag, in order.
    fn entries(&self) -> impl Iterator<Item = (&str, &str, bool)> {
        let mut from = 0;
        self.pairs.iter().map(move |p| {
            // Ends recorded as the text was appended: in bounds, on char
            // boundaries.
            let key = self.text.get(from..p.key_end).unwrap_or_default();
            let value = self.text.get(p.key_end..p.value_end).unwrap_or_default();
            from = p.value_end;
            (key, value, p.json)
        })
    }

    /// The value of `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// True when Dwolla sent the value of `key` as JSON other than a string:
    /// [`get`](Metadata::get) then gives its JSON text.
    pub fn is_json_value(&self, key: &str) -> bool {
        self.entries().any(|(k, _, json)| k == key && json)
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every pair, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries().map(|(k, v, _)| (k, v))
    }

    /// Checks the pairs: at most ten, keys present and unique, keys and
    /// values short and free of control characters.
    pub(crate) fn check(&self, field: &'static str) -> Result<(), Error> {
        if self.pairs.len() > MAX_METADATA_PAIRS {
            return Err(Error::invalid(
                field,
                format!(
                    "must have at most {MAX_METADATA_PAIRS} pairs (it has {})",
                    self.pairs.len()
                ),
            ));
        }
        for (i, (key, value)) in self.iter().enumerate() {
            if key.is_empty() || key.chars().all(char::is_whitespace) {
                return Err(Error::invalid(field, "keys must not be empty or blank"));
            }
            for (what, text) in [("key", key), ("value", value)] {
                if text.chars().any(char::is_control) {
                    return Err(Error::invalid(
                        field,
                        format!("{what} {key:?} must not contain control characters"),
                    ));
                }
                let len = text.chars().count();
                if len > MAX_METADATA_CHARS {
                    return Err(Error::invalid(
                        field,
                        format!("{what} of {key:?} must be under 255 characters (it has {len})"),
                    ));
                }
            }
            if self.iter().take(i).any(|(k, _)| k == key) {
                return Err(Error::invalid(field, format!("key {key:?} is given twice")));
            }
        }
        Ok(())
    }

    /// Writes `"metadata":{...}` when there are pairs.
    pub(crate) fn write(&self, w: &mut crate::body::ObjectWriter<'_>, key: &str) {
        if self.pairs.is_empty() {
            return;
        }
        w.object(key, |m| {
            for (k, v) in self.iter() {
                m.data_str(k, v);
            }
        });
    }

    /// The bytes the pairs take in a body, roughly.
    pub(crate) fn size_hint(&self) -> usize {
        self.text.len() + 6 * self.pairs.len()
    }
}

impl fmt::Debug for Metadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Metadata {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = Metadata::new();
        for (k, v) in iter {
            m.push(k, v);
        }
        m
    }
}

/// `clearing.source`: how fast the debit from a bank source clears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceClearing {
    /// `standard`: downgrade from Next-day ACH (if enabled) to Standard ACH.
    Standard,
    /// `next-available`: upgrade the debit to Same-day ACH.
    NextAvailable,
}

impl SourceClearing {
    /// As Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceClearing::Standard => "standard",
            SourceClearing::NextAvailable => "next-available",
        }
    }
}

/// `clearing.destination`: how fast the credit to a bank destination clears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DestinationClearing {
    /// `next-available`: upgrade the credit to Same-day ACH.
    NextAvailable,
}

impl DestinationClearing {
    /// As Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DestinationClearing::NextAvailable => "next-available",
        }
    }
}

open_enum! {
    /// `processingChannel.destination`: the network that carries the credit.
    /// A request takes [`RealTimePayments`](Self::RealTimePayments) or
    /// [`Instant`](Self::Instant) (Dwolla's guides say to send `instant`,
    /// which lets Dwolla pick RTP or FedNow); a transfer reports the network
    /// used, `fed-now` included. Unknown values are kept.
    pub enum ProcessingChannel {
        /// `real-time-payments`: the RTP® network.
        RealTimePayments => "real-time-payments",
        /// `instant`: an instant payment over RTP® or FedNow, as Dwolla picks.
        Instant => "instant",
        /// `fed-now`: the FedNow network (reported, never sent).
        FedNow => "fed-now",
    }
}

impl ProcessingChannel {
    /// The value to send, if this is one a request may carry.
    pub(crate) fn check_request(&self, field: &'static str) -> Result<&str, Error> {
        match self {
            ProcessingChannel::RealTimePayments | ProcessingChannel::Instant => Ok(self.as_str()),
            other => Err(Error::invalid(
                field,
                format!(
                    "must be `real-time-payments` or `instant` in a request (not {:?})",
                    other.as_str()
                ),
            )),
        }
    }
}

/// Checks an ACH addenda value: 1 to 80 characters, letters, digits, spaces
/// and `- _ . ~ ! * ' ( ) ; : @ & = + $ , / ? % # [ ]`.
pub(crate) fn check_addenda(field: &'static str, value: &str) -> Result<(), Error> {
    check_name(field, value, MAX_ADDENDA_CHARS)?;
    if let Some(c) = value.chars().find(|&c| {
        !(c.is_ascii_alphanumeric() || c == ' ' || "-_.~!*'();:@&=+$,/?%#[]".contains(c))
    }) {
        return Err(Error::invalid(
            field,
            format!(
                "may hold only letters, digits, spaces and - _ . ~ ! * ' ( ) ; : @ & = + $ , / ? % # [ ] (not {c:?})"
            ),
        ));
    }
    Ok(())
}

/// Checks `remittanceData`: 1 to 140 characters of the spec's pattern
/// (letters, digits, space and `#,.'&/-@!$%*()_+={}|:;` `` ` `` `[]^~\"`).
pub(crate) fn check_remittance(field: &'static str, value: &str) -> Result<(), Error> {
    check_name(field, value, MAX_REMITTANCE_CHARS)?;
    if let Some(c) = value
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || " #,.'&/-@!$%*()_+={}|:;`[]^~\\\"".contains(c)))
    {
        return Err(Error::invalid(
            field,
            format!("holds a character Dwolla does not take in remittance data: {c:?}"),
        ));
    }
    Ok(())
}

/// Writes `"achDetails":{"source":{"addenda":{"values":[..]}},"destination":..}`
/// for the addenda given.
pub(crate) fn write_ach_details(
    w: &mut crate::body::ObjectWriter<'_>,
    source: Option<&str>,
    destination: Option<&str>,
) {
    if source.is_none() && destination.is_none() {
        return;
    }
    w.object("achDetails", |a| {
        for (side, value) in [("source", source), ("destination", destination)] {
            if let Some(value) = value {
                a.object(side, |s| {
                    s.object("addenda", |ad| {
                        ad.strs("values", &[value]);
                    });
                });
            }
        }
    });
}

// ---------------------------------------------------------------------------
// POST /transfers
// ---------------------------------------------------------------------------

/// A facilitator fee: an amount charged to the source or destination
/// customer (`_links.charge-to`) and paid to the application's account, as
/// a transfer of its own. At least $0.01 each; together at most half the
/// transfer's amount unless Dwolla approved more
/// ([`InitiateTransfer::max_fees_percent`]). None is allowed on a
/// me-to-me transfer from a balance.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fee {
    charge_to: String,
    amount: Amount,
}

impl Fee {
    /// A fee of `amount` charged to the customer `charge_to` (its URL, or
    /// its bare id, sent as `{environment}/customers/{id}`).
    pub fn new(charge_to: impl Into<String>, amount: Amount) -> Self {
        Fee {
            charge_to: charge_to.into(),
            amount,
        }
    }
    /// The customer charged, as given.
    pub fn charge_to(&self) -> &str {
        &self.charge_to
    }
    /// The fee.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
}

/// Which details object carries the remittance data of a real-time credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RemittanceDetails {
    /// `instantDetails`: RTP® or FedNow (what Dwolla's guides use now).
    Instant,
    /// `rtpDetails`: RTP® only (the older form).
    Rtp,
}

/// `POST /transfers`: moves `amount` from a source funding source to a
/// destination.
///
/// Source and destination are funding-source URLs (`.../funding-sources/{id}`)
/// or bare ids, sent as `{environment}/funding-sources/{id}`. A destination
/// URL may also be a customer's or account's (`.../customers/{id}`,
/// `.../accounts/{id}`): the spec leaves the href open and Dwolla's older
/// reference lists those; its current reference documents funding sources.
///
/// ```
/// use dwolla_core::transfers::{DestinationClearing, Fee, InitiateTransfer, SourceClearing};
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = InitiateTransfer::new(
///     "https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4",
///     "9c7f8d57-cd45-4e7a-bf7a-914dbd6131db",
///     Amount::usd("10.00")?,
/// )
/// .fee(Fee::new("c2bdcc87-91cd-41dd-9b06-5e31d4d3bbe4", Amount::usd("2.00")?))
/// .destination_clearing(DestinationClearing::NextAvailable)
/// .correlation_id("8a2cdc8d-629d-4a24-98ac-40b735229fe2")
/// .idempotency_key("payout-4711");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/transfers");
/// assert_eq!(request.headers()["idempotency-key"], "payout-4711");
/// assert_eq!(
///     std::str::from_utf8(request.body()).unwrap(),
///     concat!(
///         r#"{"_links":{"source":{"href":"https://api-sandbox.dwolla.com/funding-sources/707177c3-bf15-4e7e-b37c-55c3898d9bf4"},"#,
///         r#""destination":{"href":"https://api-sandbox.dwolla.com/funding-sources/9c7f8d57-cd45-4e7a-bf7a-914dbd6131db"}},"#,
///         r#""amount":{"currency":"USD","value":"10.00"},"#,
///         r#""fees":[{"_links":{"charge-to":{"href":"https://api-sandbox.dwolla.com/customers/c2bdcc87-91cd-41dd-9b06-5e31d4d3bbe4"}},"amount":{"currency":"USD","value":"2.00"}}],"#,
///         r#""clearing":{"destination":"next-available"},"correlationId":"8a2cdc8d-629d-4a24-98ac-40b735229fe2"}"#,
///     )
/// );
///
/// // Checked before any request exists, naming the field.
/// let err = InitiateTransfer::new("a", "b", Amount::usd("0")?)
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))
///     .unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "amount"));
/// # Ok(()) }
/// ```
///
/// Every member is checked before any request exists, with the field
/// named: the amount (USD, at least $0.01), each fee (at least $0.01, the
/// sum at most [`max_fees_percent`](Self::max_fees_percent) of the amount),
/// [`metadata`](Self::metadata), [`correlation_id`](Self::correlation_id),
/// the addenda, the remittance data and the processing channel.
///
/// Errors to expect: [`InsufficientFunds`](crate::ApiErrorKind::InsufficientFunds)
/// (a balance source without the money), [`ConcurrentTransfers`](crate::ApiErrorKind::ConcurrentTransfers)
/// (429: another transfer from the same balance is in flight; the client
/// retries it as any 429), [`FundsFlowNotEnabled`](crate::ApiErrorKind::FundsFlowNotEnabled)
/// (403: the account may not send, receive or facilitate), and
/// [`Validation`](crate::ApiErrorKind::Validation) for the sixty-odd
/// documented `ValidationError`s (source not found, sender restricted,
/// invalid amount, facilitator fee sum too large, ...: the code, message
/// and `_embedded.errors[].path` say which).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitiateTransfer {
    source: String,
    destination: String,
    amount: Amount,
    metadata: Metadata,
    fees: Vec<Fee>,
    max_fees_percent: u8,
    source_clearing: Option<SourceClearing>,
    destination_clearing: Option<DestinationClearing>,
    source_addenda: Option<String>,
    destination_addenda: Option<String>,
    remittance: Option<(RemittanceDetails, String)>,
    correlation_id: Option<String>,
    processing_channel: Option<ProcessingChannel>,
    idempotency_key: Option<String>,
}

impl InitiateTransfer {
    /// A transfer of `amount` from `source` to `destination` (URLs or bare
    /// funding-source ids).
    pub fn new(source: impl Into<String>, destination: impl Into<String>, amount: Amount) -> Self {
        InitiateTransfer {
            source: source.into(),
            destination: destination.into(),
            amount,
            metadata: Metadata::new(),
            fees: Vec::new(),
            max_fees_percent: DEFAULT_MAX_FEES_PERCENT,
            source_clearing: None,
            destination_clearing: None,
            source_addenda: None,
            destination_addenda: None,
            remittance: None,
            correlation_id: None,
            processing_channel: None,
            idempotency_key: None,
        }
    }

    /// Adds a metadata pair (`metadata`; see [`Metadata`] for the limits).
    /// Not allowed when the source is a balance.
    pub fn metadata(mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.metadata.push(key, value);
        self
    }

    /// Sets every metadata pair at once, replacing any added before.
    pub fn metadata_all(mut self, metadata: Metadata) -> Self {
        self.metadata = metadata;
        self
    }

    /// Adds a facilitator fee (`fees[]`).
    pub fn fee(mut self, fee: Fee) -> Self {
        self.fees.push(fee);
        self
    }

    /// The cap on the fees' sum, in percent of the amount (default
    /// [`DEFAULT_MAX_FEES_PERCENT`], Dwolla's default; set what Dwolla
    /// approved for the account if it raised it). 0 to 100.
    pub fn max_fees_percent(mut self, percent: u8) -> Self {
        self.max_fees_percent = percent;
        self
    }

    /// `clearing.source`.
    pub fn source_clearing(mut self, clearing: SourceClearing) -> Self {
        self.source_clearing = Some(clearing);
        self
    }

    /// `clearing.destination`.
    pub fn destination_clearing(mut self, clearing: DestinationClearing) -> Self {
        self.destination_clearing = Some(clearing);
        self
    }

    /// `achDetails.source.addenda.values`: one value (1 to 80 characters)
    /// sent to the source's bank with the debit. Business customers only.
    pub fn ach_source_addenda(mut self, value: impl Into<String>) -> Self {
        self.source_addenda = Some(value.into());
        self
    }

    /// `achDetails.destination.addenda.values`: one value (1 to 80
    /// characters) sent to the destination's bank with the credit.
    pub fn ach_destination_addenda(mut self, value: impl Into<String>) -> Self {
        self.destination_addenda = Some(value.into());
        self
    }

    /// `instantDetails.destination.remittanceData` (1 to 140 characters):
    /// what the recipient's bank shows with an instant (RTP® or FedNow)
    /// credit. Replaces [`rtp_remittance_data`](Self::rtp_remittance_data).
    pub fn instant_remittance_data(mut self, text: impl Into<String>) -> Self {
        self.remittance = Some((RemittanceDetails::Instant, text.into()));
        self
    }

    /// `rtpDetails.destination.remittanceData` (1 to 140 characters): the
    /// older, RTP®-only form of
    /// [`instant_remittance_data`](Self::instant_remittance_data), which it replaces.
    pub fn rtp_remittance_data(mut self, text: impl Into<String>) -> Self {
        self.remittance = Some((RemittanceDetails::Rtp, text.into()));
        self
    }

    /// `correlationId`: your reference (1 to 255 of `a-z A-Z 0-9 - . _`,
    /// no spaces; no personal data), searchable with
    /// [`ListCustomerTransfers::correlation_id`]. Not an idempotency key.
    pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }

    /// `processingChannel.destination`: [`ProcessingChannel::Instant`] (or
    /// [`ProcessingChannel::RealTimePayments`]) for a real-time credit.
    pub fn processing_channel(mut self, channel: ProcessingChannel) -> Self {
        self.processing_channel = Some(channel);
        self
    }

    /// Sends this `Idempotency-Key` (1 to 255 visible ASCII characters).
    /// Derive it from your own payment id (`format!("payout-{id}")`) so that
    /// a retry after a restart cannot pay twice: see the [module
    /// docs](self#paying-exactly-once). (The [`Client`](crate::Client)
    /// generates one per call when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The source as given.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The destination as given.
    pub fn destination(&self) -> &str {
        &self.destination
    }
    /// The amount.
    pub fn amount(&self) -> &Amount {
        &self.amount
    }
    /// The fees.
    pub fn fees(&self) -> &[Fee] {
        &self.fees
    }
    /// The idempotency key, if one was set.
    pub fn idempotency_key_str(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    fn check_fees(&self) -> Result<(), Error> {
        if self.max_fees_percent > 100 {
            return Err(Error::invalid("max_fees_percent", "must be from 0 to 100"));
        }
        let mut sum: i128 = 0;
        for fee in &self.fees {
            check_positive("fees", &fee.amount)?;
            sum += i128::from(fee.amount.cents());
        }
        if !self.fees.is_empty()
            && sum * 100 > i128::from(self.amount.cents()) * i128::from(self.max_fees_percent)
        {
            return Err(Error::invalid(
                "fees",
                format!(
                    "add up to {}, over {}% of the amount {} (Dwolla can raise the cap for an account: set max_fees_percent to what it approved)",
                    Amount::from_cents(i64::try_from(sum).unwrap_or(i64::MAX)),
                    self.max_fees_percent,
                    self.amount
                ),
            ));
        }
        Ok(())
    }
}

impl Operation for InitiateTransfer {
    type Output = TransferCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let source = href_of(env, "source", &self.source, &["funding-sources"])?;
        let destination = href_of(
            env,
            "destination",
            &self.destination,
            &["funding-sources", "customers", "accounts"],
        )?;
        check_positive("amount", &self.amount)?;
        self.check_fees()?;
        let fees = self
            .fees
            .iter()
            .map(|f| {
                Ok((
                    href_of(env, "fees", &f.charge_to, &["customers"])?,
                    &f.amount,
                ))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        self.metadata.check("metadata")?;
        if let Some(v) = &self.source_addenda {
            check_addenda("ach_source_addenda", v)?;
        }
        if let Some(v) = &self.destination_addenda {
            check_addenda("ach_destination_addenda", v)?;
        }
        if let Some((_, text)) = &self.remittance {
            check_remittance("remittance_data", text)?;
        }
        if let Some(id) = &self.correlation_id {
            check_correlation_id("correlation_id", id)?;
        }
        let channel = self
            .processing_channel
            .as_ref()
            .map(|c| c.check_request("processing_channel"))
            .transpose()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;

        let capacity = 160
            + source.len()
            + destination.len()
            + self.metadata.size_hint()
            + fees.iter().map(|(h, _)| h.len() + 96).sum::<usize>()
            + self.correlation_id.as_ref().map_or(0, |c| c.len() + 20);
        let body = json_object(capacity, |w| {
            w.object("_links", |l| {
                l.link("source", &source).link("destination", &destination);
            });
            w.amount("amount", &self.amount);
            self.metadata.write(w, "metadata");
            if !fees.is_empty() {
                w.objects("fees", &fees, |f, (href, amount)| {
                    f.object("_links", |l| {
                        l.link("charge-to", href);
                    });
                    f.amount("amount", amount);
                });
            }
            if self.source_clearing.is_some() || self.destination_clearing.is_some() {
                w.object("clearing", |c| {
                    c.opt_str("source", self.source_clearing.map(SourceClearing::as_str));
                    c.opt_str(
                        "destination",
                        self.destination_clearing.map(DestinationClearing::as_str),
                    );
                });
            }
            write_ach_details(
                w,
                self.source_addenda.as_deref(),
                self.destination_addenda.as_deref(),
            );
            if let Some((details, text)) = &self.remittance {
                let key = match details {
                    RemittanceDetails::Rtp => "rtpDetails",
                    RemittanceDetails::Instant => "instantDetails",
                };
                w.object(key, |d| {
                    d.object("destination", |x| {
                        x.str("remittanceData", text);
                    });
                });
            }
            w.opt_str("correlationId", self.correlation_id.as_deref());
            if let Some(channel) = channel {
                w.object("processingChannel", |p| {
                    p.str("destination", channel);
                });
            }
        });
        let uri = request_uri(env, &["/transfers"])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<TransferCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "initiateTransfer"
    }
}

/// A created transfer: its URL (`Location`), id, and the operation that
/// retrieves it.
pub type TransferCreated = Created<RetrieveTransfer>;

// ---------------------------------------------------------------------------
// GET /transfers/{id}
// ---------------------------------------------------------------------------

/// `GET /transfers/{id}`: one transfer, by id or URL.
pub type RetrieveTransfer = Retrieve<Transfer>;

open_enum! {
    /// A transfer's status. Unknown statuses are kept.
    pub enum TransferStatus {
        /// `pending`: created, not settled yet (and cancellable while its
        /// `cancel` link is there).
        Pending => "pending",
        /// `processed`: settled.
        Processed => "processed",
        /// `cancelled`: cancelled before it was sent to the banks.
        Cancelled => "cancelled",
        /// `failed`: returned by a bank (see the `failure` link).
        Failed => "failed",
    }
}

open_enum! {
    /// How a side of a transfer clears, as a transfer reports it. Unknown
    /// values are kept.
    pub enum ClearingSpeed {
        /// `standard`: Standard ACH.
        Standard => "standard",
        /// `next-available`: the fastest enabled, as requested.
        NextAvailable => "next-available",
        /// `same-day`: Same-day ACH.
        SameDay => "same-day",
        /// `next-day`: Next-day ACH.
        NextDay => "next-day",
    }
}

model! {
    /// A transfer as retrieved. Its [`links`](Transfer::links) say where the
    /// money went and what can be done next: see the `*_href` accessors.
    pub struct Transfer (WireTransfer) resource "transfer" {
        /// `status`.
        status: open(TransferStatus) = "status",
        /// `amount`.
        amount: amount = "amount",
        /// `created` (ISO-8601), as sent.
        created: text = "created",
        /// `clearing`.
        clearing: object(Clearing) = "clearing",
        /// `metadata`: its key-value pairs.
        metadata: metadata = "metadata",
        /// `correlationId`, if one was set.
        correlation_id: text = "correlationId",
        /// `individualAchId`: the id on the bank statement line, once the
        /// debit clears.
        individual_ach_id: text = "individualAchId",
        /// `achDetails`: addenda, trace id, effective date, ...
        ach_details: object(AchDetails) = "achDetails",
        /// `rtpDetails`, when the RTP® network carried it.
        rtp_details: object(NetworkDetails) = "rtpDetails",
        /// `fedNowDetails`, when the FedNow network carried it.
        fed_now_details: object(NetworkDetails) = "fedNowDetails",
        /// `processingChannel`.
        processing_channel: object(Channel) = "processingChannel",
        /// `_embedded` as sent.
        embedded: raw = "_embedded",
    }
}

resource!(Transfer, "transfers", "getTransfer", "transfer_id");

impl Transfer {
    /// True while the transfer can be cancelled (Dwolla sends a `cancel`
    /// link): rely on it rather than on the 4 pm CT cut-off, which is not a
    /// hard one.
    pub fn is_cancellable(&self) -> bool {
        self.links().contains("cancel")
    }
    /// `_links.cancel`: POST `{"status":"cancelled"}` here ([`CancelTransfer`]).
    pub fn cancel_href(&self) -> Option<&str> {
        self.links().get("cancel")
    }
    /// `_links.fees`: its facilitator fees ([`ListTransferFees`]).
    pub fn fees_href(&self) -> Option<&str> {
        self.links().get("fees")
    }
    /// `_links.failure`: why it failed ([`RetrieveTransferFailure`]).
    pub fn failure_href(&self) -> Option<&str> {
        self.links().get("failure")
    }
    /// `_links.source`: the account or customer the money came from.
    pub fn source_href(&self) -> Option<&str> {
        self.links().get("source")
    }
    /// `_links.destination`: the account or customer the money went to.
    pub fn destination_href(&self) -> Option<&str> {
        self.links().get("destination")
    }
    /// `_links.source-funding-source`.
    pub fn source_funding_source_href(&self) -> Option<&str> {
        self.links().get("source-funding-source")
    }
    /// `_links.destination-funding-source`.
    pub fn destination_funding_source_href(&self) -> Option<&str> {
        self.links().get("destination-funding-source")
    }
    /// `_links.funding-transfer`: the bank debit that funds this transfer
    /// (a bank-to-bank transfer is two: a debit into the network and a
    /// credit out).
    pub fn funding_transfer_href(&self) -> Option<&str> {
        self.links().get("funding-transfer")
    }
    /// `_links.funded-transfer`: the transfer this one funds.
    pub fn funded_transfer_href(&self) -> Option<&str> {
        self.links().get("funded-transfer")
    }
    /// The metadata value of `key`, if there is one.
    pub fn metadata_str(&self, key: &str) -> Option<&str> {
        self.metadata()?.get(key)
    }
    /// The network that carried the credit (`processingChannel.destination`).
    pub fn destination_channel(&self) -> Option<&ProcessingChannel> {
        self.processing_channel()
            .map(Channel::destination)
            .filter(|c| !c.as_str().is_empty())
    }
}

model! {
    /// A transfer's `clearing`.
    pub struct Clearing (WireClearing) {
        /// `source` (an empty `Other` when absent).
        source: open(ClearingSpeed) = "source",
        /// `destination` (an empty `Other` when absent).
        destination: open(ClearingSpeed) = "destination",
    }
}

model! {
    /// A transfer's `processingChannel`.
    pub struct Channel (WireChannel) {
        /// `destination`.
        destination: open(ProcessingChannel) = "destination",
    }
}

model! {
    /// A transfer's `achDetails`.
    pub struct AchDetails (WireAchDetails) {
        /// `source`: sent to the source's bank with the debit.
        source: object(AchDetail) = "source",
        /// `destination`: sent to the destination's bank with the credit.
        destination: object(AchDetail) = "destination",
    }
}

model! {
    /// One side of a transfer's `achDetails`.
    pub struct AchDetail (WireAchDetail) {
        /// `addenda`.
        addenda: object(Addenda) = "addenda",
        /// `beneficiaryName`.
        beneficiary_name: text = "beneficiaryName",
        /// `companyEntryDescription` (`PAYMENT`, `REVERSAL`, ...).
        company_entry_description: text = "companyEntryDescription",
        /// `companyId`: the originator's id.
        company_id: text = "companyId",
        /// `companyName`: the originator's name.
        company_name: text = "companyName",
        /// `effectiveDate` (`YYYY-MM-DD`).
        effective_date: text = "effectiveDate",
        /// `postingData`: the suggested statement memo.
        posting_data: text = "postingData",
        /// `routingNumber` of the originating bank (redacted in `Debug`).
        routing_number: secret = "routingNumber",
        /// `traceId`: the ACH trace number.
        trace_id: text = "traceId",
    }
}

model! {
    /// ACH addenda.
    pub struct Addenda (WireAddenda) {
        /// `values` (one value).
        values: strings = "values",
    }
}

model! {
    /// `rtpDetails` / `fedNowDetails` of a transfer.
    pub struct NetworkDetails (WireNetworkDetails) {
        /// `destination`.
        destination: object(NetworkDestination) = "destination",
    }
}

model! {
    /// The destination side of a real-time credit.
    pub struct NetworkDestination (WireNetworkDestination) {
        /// `remittanceData`, as sent with the request.
        remittance_data: text = "remittanceData",
        /// `networkId`: the transfer's id on the network.
        network_id: text = "networkId",
        /// `endToEndReferenceId`.
        end_to_end_reference_id: text = "endToEndReferenceId",
    }
}

// ---------------------------------------------------------------------------
// POST /transfers/{id}
// ---------------------------------------------------------------------------

/// `POST /transfers/{id}` with `{"status":"cancelled"}`: cancels a transfer
/// while it is cancellable (its `cancel` link is there:
/// [`Transfer::is_cancellable`]); answers the transfer.
///
/// ```
/// use dwolla_core::transfers::CancelTransfer;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = CancelTransfer::new("3d48c13a-0fc6-e511-80de-0aa34a9b2388")
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/transfers/3d48c13a-0fc6-e511-80de-0aa34a9b2388");
/// assert_eq!(request.body().as_ref(), br#"{"status":"cancelled"}"#);
/// # Ok(()) }
/// ```
///
/// `Ok` means Dwolla accepted the cancellation. The transfer answered is
/// read leniently: should the body lack the transfer's id (the spec
/// documents the 200 as a bare object), it is the id cancelled.
///
/// Errors to expect: [`TransferNotCancellable`](crate::ApiErrorKind::TransferNotCancellable)
/// (400: it was processed, failed or cancelled already: the spec's
/// `NotAllowed` "Status not allowed." on `/status`),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelTransfer {
    id: String,
    idempotency_key: Option<String>,
}

impl CancelTransfer {
    /// Cancels the transfer with this id or URL (a `cancel` link works).
    pub fn new(id_or_url: impl Into<String>) -> Self {
        CancelTransfer {
            id: id_or_url.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`. (The [`Client`](crate::Client)
    /// generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The id or URL as given.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// True for the documented "cannot cancel" answers: `NotAllowed` on
/// `/status` (the spec's `StatusNotAllowedError`), or a message saying so.
fn is_not_cancellable(e: &crate::ApiError) -> bool {
    e.status() == http::StatusCode::BAD_REQUEST
        && e.kind() == ApiErrorKind::Validation
        && e.errors().iter().any(|d| {
            d.code()
                .is_some_and(|c| c.eq_ignore_ascii_case("NotAllowed"))
                && d.path().is_some_and(|p| p.trim() == "/status")
        })
}

impl Operation for CancelTransfer {
    type Output = Transfer;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("transfer_id", &self.id, "transfers")?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/transfers/", &id])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(Bytes::from_static(br#"{"status":"cancelled"}"#)),
            key.as_ref(),
        )
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Transfer, Error> {
        let cancelled_id = || {
            id_segment("transfer_id", &self.id, "transfers")
                .ok()
                .map(Cow::into_owned)
        };
        let result = response::json(response, |mut wire: WireTransfer| {
            let has_id = wire.id.0.as_deref().is_some_and(|id| !id.is_empty())
                || wire.links.self_href().is_some();
            if !has_id {
                wire.id.0 = cancelled_id();
            }
            Transfer::from_wire(wire)
        });
        match result {
            Err(Error::Api(e)) if is_not_cancellable(&e) => Err(Error::Api(
                e.with_kind(ApiErrorKind::TransferNotCancellable),
            )),
            other => other,
        }
    }

    fn name(&self) -> &'static str {
        "cancelTransfer"
    }
}

// ---------------------------------------------------------------------------
// GET /customers/{id}/transfers (and /accounts/{id}/transfers)
// ---------------------------------------------------------------------------

/// The search and filters of a transfer list (a customer's or the
/// account's), checked and written as a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TransferSearch {
    pub(crate) limit: Option<u32>,
    pub(crate) offset: Option<u32>,
    pub(crate) search: Option<String>,
    pub(crate) start_amount: Option<Amount>,
    pub(crate) end_amount: Option<Amount>,
    pub(crate) start_date: Option<Date>,
    pub(crate) end_date: Option<Date>,
    pub(crate) status: Option<TransferStatus>,
    pub(crate) correlation_id: Option<String>,
}

impl TransferSearch {
    /// The checked query string (`?...`, or empty).
    pub(crate) fn query(&self) -> Result<Query, Error> {
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let reach = u64::from(self.offset.unwrap_or(0))
            + u64::from(self.limit.unwrap_or(DEFAULT_PAGE_SIZE));
        if reach > u64::from(MAX_SEARCH_WINDOW) {
            return Err(Error::invalid(
                "offset",
                format!(
                    "offset + limit must be at most {MAX_SEARCH_WINDOW}: Dwolla returns only the first 10,000 transfers of a search; narrow it with start_date/end_date instead"
                ),
            ));
        }
        for (field, amount) in [
            ("start_amount", &self.start_amount),
            ("end_amount", &self.end_amount),
        ] {
            if let Some(a) = amount {
                check_usd(field, a)?;
                if a.is_negative() {
                    return Err(Error::invalid(
                        field,
                        format!("must be 0 or more (it is {a})"),
                    ));
                }
            }
        }
        if let (Some(start), Some(end)) = (&self.start_amount, &self.end_amount) {
            if start.cents() > end.cents() {
                return Err(Error::invalid(
                    "end_amount",
                    format!("must not be below start_amount ({end} < {start})"),
                ));
            }
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date) {
            if start > end {
                return Err(Error::invalid(
                    "end_date",
                    format!("must not be before start_date ({end} < {start})"),
                ));
            }
        }
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        if let Some(search) = &self.search {
            check_query_text("search", search)?;
            query.push("search", search);
        }
        query
            .opt("startAmount", self.start_amount.as_ref())
            .opt("endAmount", self.end_amount.as_ref())
            .opt("startDate", self.start_date)
            .opt("endDate", self.end_date);
        if let Some(status) = &self.status {
            check_query_text("status", status.as_str())?;
            query.push("status", status.as_str());
        }
        if let Some(id) = &self.correlation_id {
            check_correlation_id("correlation_id", id)?;
            query.push("correlationId", id);
        }
        Ok(query)
    }
}

/// The builder methods of a transfer search, on a type with a `search:
/// TransferSearch` field.
macro_rules! transfer_search_methods {
    () => {
        /// `limit`: transfers per page, 1 to
        /// [`MAX_PAGE_SIZE`](crate::transfers::MAX_PAGE_SIZE) (25 by default).
        pub fn limit(mut self, limit: u32) -> Self {
            self.search.limit = Some(limit);
            self
        }
        /// `offset`: how many transfers to skip. `offset + limit` may not
        /// pass [`MAX_SEARCH_WINDOW`](crate::transfers::MAX_SEARCH_WINDOW)
        /// (10,000): beyond, narrow the search by date.
        pub fn offset(mut self, offset: u32) -> Self {
            self.search.offset = Some(offset);
            self
        }
        /// `search`: matched against names, email, business name, customer
        /// and account ids.
        pub fn search(mut self, text: impl Into<String>) -> Self {
            self.search.search = Some(text.into());
            self
        }
        /// `startAmount`: only transfers of this amount or more.
        pub fn start_amount(mut self, amount: $crate::Amount) -> Self {
            self.search.start_amount = Some(amount);
            self
        }
        /// `endAmount`: only transfers of this amount or less.
        pub fn end_amount(mut self, amount: $crate::Amount) -> Self {
            self.search.end_amount = Some(amount);
            self
        }
        /// `startDate`: only transfers created after this date.
        pub fn start_date(mut self, date: $crate::transfers::Date) -> Self {
            self.search.start_date = Some(date);
            self
        }
        /// `endDate`: only transfers created before this date.
        pub fn end_date(mut self, date: $crate::transfers::Date) -> Self {
            self.search.end_date = Some(date);
            self
        }
        /// `status`: only transfers in this status.
        pub fn status(mut self, status: $crate::transfers::TransferStatus) -> Self {
            self.search.status = Some(status);
            self
        }
        /// `correlationId`: only the transfers (and mass payment items) with
        /// this correlation id.
        pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
            self.search.correlation_id = Some(id.into());
            self
        }
    };
}
pub(crate) use transfer_search_methods;

/// `GET /customers/{id}/transfers`: a customer's transfers, newest first, a
/// page at a time (25 by default, at most [`MAX_PAGE_SIZE`]), searched and
/// filtered. Walk every page with [`Client::pages`](crate::Client::pages).
///
/// `limit` and `offset` reach only the first [`MAX_SEARCH_WINDOW`] (10,000)
/// transfers of a search: to go further back, set
/// [`end_date`](Self::end_date) to the date of the last one reached and
/// search again.
///
/// ```
/// use dwolla_core::transfers::{Date, ListCustomerTransfers, TransferStatus};
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomerTransfers::new("33e56307-6754-41cb-81e2-23a7f1072295")
///     .start_amount(Amount::usd("10")?)
///     .start_date("2024-01-01".parse::<Date>()?)
///     .status(TransferStatus::Pending)
///     .limit(50);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/33e56307-6754-41cb-81e2-23a7f1072295/transfers?limit=50&startAmount=10.00&startDate=2024-01-01&status=pending"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound) (no such customer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerTransfers {
    customer_id: String,
    search: TransferSearch,
}

impl ListCustomerTransfers {
    /// The first page of the transfers of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerTransfers {
            customer_id: customer_id.into(),
            search: TransferSearch::default(),
        }
    }

    transfer_search_methods!();
}

impl Operation for ListCustomerTransfers {
    type Output = List<Transfer>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let query = self.search.query()?;
        let uri = request_uri(env, &["/customers/", &id, "/transfers", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A transfer without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Transfer>, Error> {
        response::list_of(response, "transfers")
    }

    fn name(&self) -> &'static str {
        "listCustomerTransfers"
    }
}

// ---------------------------------------------------------------------------
// GET /transfers/{id}/fees
// ---------------------------------------------------------------------------

/// `GET /transfers/{id}/fees`: the facilitator fees charged on a transfer,
/// each a transfer of its own. Visible to whoever is charged and to the
/// account that receives them.
///
/// ```
/// use dwolla_core::transfers::ListTransferFees;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = ListTransferFees::new("83eb4b5e-a5d9-e511-80de-0aa34a9b2388")
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/transfers/83eb4b5e-a5d9-e511-80de-0aa34a9b2388/fees");
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListTransferFees {
    id: String,
}

impl ListTransferFees {
    /// The fees of the transfer with this id or URL.
    pub fn new(transfer_id: impl Into<String>) -> Self {
        ListTransferFees {
            id: transfer_id.into(),
        }
    }
}

impl Operation for ListTransferFees {
    type Output = TransferFees;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("transfer_id", &self.id, "transfers")?;
        let uri = request_uri(env, &["/transfers/", &id, "/fees"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<TransferFees, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "listTransferFees"
    }
}

model! {
    /// A transfer's facilitator fees. The spec and the reference put them in
    /// a top-level `transactions` array; a HAL `_embedded.fees` is read too.
    /// Use [`fees`](TransferFees::fees), which reads either.
    pub struct TransferFees (WireTransferFees) {
        /// `transactions`, as the spec documents them.
        transactions: objects(Transfer) = "transactions",
        /// `_embedded` (`fees`), the HAL form.
        embedded: object(EmbeddedFees) = "_embedded",
        /// `total`: how many fees.
        total: count = "total",
    }
}

model! {
    /// `_embedded` of a transfer's fees.
    pub struct EmbeddedFees (WireEmbeddedFees) {
        /// `fees`.
        fees: objects(Transfer) = "fees",
    }
}

impl TransferFees {
    /// The fee transfers (`transactions`, or else `_embedded.fees`).
    pub fn fees(&self) -> &[Transfer] {
        if !self.transactions().is_empty() {
            return self.transactions();
        }
        self.embedded().map(EmbeddedFees::fees).unwrap_or_default()
    }

    /// The fees' sum, if every fee has a USD amount (and the sum fits).
    pub fn sum(&self) -> Option<Amount> {
        self.fees()
            .iter()
            .try_fold(Amount::from_cents(0), |sum, fee| {
                let amount = fee.amount()?;
                if !amount.currency().eq_ignore_ascii_case(USD) {
                    return None;
                }
                sum.checked_add(&Amount::from_cents(amount.cents()))
            })
    }
}

// ---------------------------------------------------------------------------
// GET /transfers/{id}/failure
// ---------------------------------------------------------------------------

/// `GET /transfers/{id}/failure`: why a bank transfer failed: the ACH return
/// code (`R01`, `R03`, ...), its description and explanation. Follow a
/// transfer's [`failure`](Transfer::failure_href) link.
///
/// ```
/// use dwolla_core::transfers::RetrieveTransferFailure;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = RetrieveTransferFailure::new("8997ebed-69be-e611-80ea-0aa34a9b2388")
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/transfers/8997ebed-69be-e611-80ea-0aa34a9b2388/failure");
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound) (no such transfer, or it did
/// not fail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveTransferFailure {
    id: String,
}

impl RetrieveTransferFailure {
    /// The failure of the transfer with this id or URL.
    pub fn new(transfer_id: impl Into<String>) -> Self {
        RetrieveTransferFailure {
            id: transfer_id.into(),
        }
    }
}

impl Operation for RetrieveTransferFailure {
    type Output = TransferFailure;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("transfer_id", &self.id, "transfers")?;
        let uri = request_uri(env, &["/transfers/", &id, "/failure"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<TransferFailure, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getTransferFailureReason"
    }
}

model! {
    /// Why a transfer failed.
    pub struct TransferFailure (WireTransferFailure) {
        /// `code`: the ACH return code, e.g. `R01` (insufficient funds).
        code: text = "code",
        /// `description`, e.g. "No Account/Unable to Locate Account".
        description: text = "description",
        /// `explanation`: the longer form.
        explanation: text = "explanation",
    }
}

impl TransferFailure {
    /// `_links.failed-funding-source`: the bank account that failed.
    pub fn failed_funding_source_href(&self) -> Option<&str> {
        self.links().get("failed-funding-source")
    }
    /// `_links.customer`: its owner.
    pub fn customer_href(&self) -> Option<&str> {
        self.links().get("customer")
    }
    /// Whether Dwolla removed the failed bank funding source: it does for
    /// every ACH return code except `R01`, `R09` and `R20` (Dwolla's
    /// transfer-failure reference). `None` without an `R` code.
    pub fn removes_funding_source(&self) -> Option<bool> {
        let code = self.code()?.trim();
        let is_r_code = code.len() == 3
            && code.as_bytes()[0].eq_ignore_ascii_case(&b'R')
            && code.as_bytes()[1..].iter().all(u8::is_ascii_digit);
        if !is_r_code {
            return None;
        }
        Some(
            !["R01", "R09", "R20"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(code)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::new(2000, 2, 29).unwrap().to_string(), "2000-02-29");
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2024, 4, 31).is_err());
        assert!(Date::new(0, 1, 1).is_err());
        assert!(Date::new(2024, 13, 1).is_err());
        assert!(Date::new(2024, 1, 0).is_err());
        for bad in [
            "",
            "2024-01-1",
            "2024/01/01",
            "２０２４-01-01",
            "2024-01-01 ",
            "+024-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?}");
        }
        assert!(Date::new(2024, 1, 31).unwrap() < Date::new(2024, 2, 1).unwrap());
    }

    #[test]
    fn r_codes() {
        let failure = |code: &str| TransferFailure {
            links: Default::default(),
            code: Some(code.to_owned()),
            description: None,
            explanation: None,
        };
        assert_eq!(failure("R01").removes_funding_source(), Some(false));
        assert_eq!(failure("r20").removes_funding_source(), Some(false));
        assert_eq!(failure("R03").removes_funding_source(), Some(true));
        assert_eq!(failure("X1").removes_funding_source(), None);
    }
}
