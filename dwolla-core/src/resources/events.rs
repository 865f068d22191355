//! Events: what happened to a resource, as webhooks deliver it and `GET
//! /events` lists it.
//!
//! - [`ListEvents`]: `GET /events` (newest first, paged)
//! - [`RetrieveEvent`]: `GET /events/{id}`
//!
//! An [`Event`] says *what* happened ([`topic`](Event::topic)) to *which*
//! resource ([`resource_href`](Event::resource_href),
//! [`resource_id`](Event::resource_id)); it does not carry the resource
//! itself. [`Event::resource`] gives the operation that retrieves it, and
//! [`Event::reauth_session`] the re-authentication an exchange event asks
//! for. A webhook's body is an event: read it with
//! [`webhooks::verify`](crate::webhooks::verify), or [`Event::parse`] once the
//! signature is checked.
//!
//! Events are kept for 30 days.

use bytes::Bytes;
use http::Method;

use crate::beneficial_owners::RetrieveBeneficialOwner;
use crate::customers::RetrieveCustomer;
use crate::documents::RetrieveDocument;
use crate::environment::Environment;
use crate::error::Error;
use crate::exchange_sessions::CreateReAuthExchangeSession;
use crate::exchanges::RetrieveExchange;
use crate::funding_sources::RetrieveFundingSource;
use crate::labels::RetrieveLabel;
use crate::list::List;
use crate::mass_payments::RetrieveMassPayment;
use crate::model::{model, FromWire};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{check_limit, hal_request, id_segment, request_uri, Query};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;
use crate::transfers::RetrieveTransfer;
use crate::webhooks::WebhookError;

/// `GET /events`: the application's events, newest first, a page at a time
/// (25 by default). Dwolla documents no largest page for events; a `limit`
/// of 0 is refused. Walk every page with
/// [`Client::pages`](crate::Client::pages) (or `client.events().list_pages(..)`).
///
/// ```
/// use dwolla_core::events::ListEvents;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListEvents::new().limit(100).offset(200);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/events?limit=100&offset=200");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListEvents {
    limit: Option<u32>,
    offset: Option<u32>,
}

impl ListEvents {
    /// The first page of every event.
    pub fn new() -> Self {
        Self::default()
    }
    /// `limit`: events per page (at least 1).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many events to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl Operation for ListEvents {
    type Output = List<Event>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        check_limit(self.limit, u32::MAX)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        let uri = request_uri(env, &["/events", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An event without an id (or `self` link) is skipped: it could not be
    /// told apart from another.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Event>, Error> {
        response::list_of(response, "events")
    }

    fn name(&self) -> &'static str {
        "listEvents"
    }
}

/// `GET /events/{id}`: one event, by id or URL (a webhook's `_links.event`).
pub type RetrieveEvent = Retrieve<Event>;

open_enum! {
    /// What an event says happened: its `topic`, and the `X-Dwolla-Topic`
    /// header of the webhook that delivers it.
    ///
    /// The 73 topics of Dwolla's event reference, and four that only its
    /// guides name (`customer_verification_pending_review`,
    /// `customer_address_verification_failed`,
    /// `customer_funding_source_rtp_enabled`,
    /// `customer_funding_source_rtp_disabled`). Any other topic is kept as
    /// [`Topic::Other`] with its text, so a topic Dwolla adds never breaks
    /// parsing.
    // Two more names appear in Dwolla's guides, `customer_beneficial_owner_document_needed`
    // and `customer_funding_source_created`; they look like slips for
    // `customer_beneficial_owner_verification_document_needed` and
    // `customer_funding_source_added` (no reference page lists them), so they
    // are not variants: should Dwolla ever send them, they are kept as `Other`.
    pub enum Topic {
        // Account
        /// `account_suspended`: the Dwolla Master Account was suspended.
        AccountSuspended => "account_suspended",
        /// `account_activated`: the Master Account is active again.
        AccountActivated => "account_activated",
        // Account funding sources
        /// `funding_source_added`.
        FundingSourceAdded => "funding_source_added",
        /// `funding_source_removed`.
        FundingSourceRemoved => "funding_source_removed",
        /// `funding_source_verified`.
        FundingSourceVerified => "funding_source_verified",
        /// `funding_source_unverified`.
        FundingSourceUnverified => "funding_source_unverified",
        /// `funding_source_negative`: the Master Account's balance went negative.
        FundingSourceNegative => "funding_source_negative",
        /// `funding_source_updated`.
        FundingSourceUpdated => "funding_source_updated",
        /// `microdeposits_added`.
        MicrodepositsAdded => "microdeposits_added",
        /// `microdeposits_failed`.
        MicrodepositsFailed => "microdeposits_failed",
        /// `microdeposits_completed`.
        MicrodepositsCompleted => "microdeposits_completed",
        /// `microdeposits_maxattempts`: no more verification attempts.
        MicrodepositsMaxattempts => "microdeposits_maxattempts",
        // Account transfers
        /// `bank_transfer_created`.
        BankTransferCreated => "bank_transfer_created",
        /// `bank_transfer_creation_failed`.
        BankTransferCreationFailed => "bank_transfer_creation_failed",
        /// `bank_transfer_cancelled`.
        BankTransferCancelled => "bank_transfer_cancelled",
        /// `bank_transfer_failed`.
        BankTransferFailed => "bank_transfer_failed",
        /// `bank_transfer_completed`.
        BankTransferCompleted => "bank_transfer_completed",
        /// `transfer_created`.
        TransferCreated => "transfer_created",
        /// `transfer_cancelled`.
        TransferCancelled => "transfer_cancelled",
        /// `transfer_failed`.
        TransferFailed => "transfer_failed",
        /// `transfer_completed`.
        TransferCompleted => "transfer_completed",
        // Account mass payments, statements
        /// `mass_payment_created`.
        MassPaymentCreated => "mass_payment_created",
        /// `mass_payment_completed`.
        MassPaymentCompleted => "mass_payment_completed",
        /// `mass_payment_cancelled`.
        MassPaymentCancelled => "mass_payment_cancelled",
        /// `statement_created`.
        StatementCreated => "statement_created",
        // Customers
        /// `customer_created`.
        CustomerCreated => "customer_created",
        /// `customer_kba_verification_needed`.
        CustomerKbaVerificationNeeded => "customer_kba_verification_needed",
        /// `customer_kba_verification_failed`.
        CustomerKbaVerificationFailed => "customer_kba_verification_failed",
        /// `customer_kba_verification_passed`.
        CustomerKbaVerificationPassed => "customer_kba_verification_passed",
        /// `customer_verification_document_needed`.
        CustomerVerificationDocumentNeeded => "customer_verification_document_needed",
        /// `customer_verification_document_uploaded`.
        CustomerVerificationDocumentUploaded => "customer_verification_document_uploaded",
        /// `customer_verification_document_failed`.
        CustomerVerificationDocumentFailed => "customer_verification_document_failed",
        /// `customer_verification_document_approved`.
        CustomerVerificationDocumentApproved => "customer_verification_document_approved",
        /// `customer_reverification_needed`.
        CustomerReverificationNeeded => "customer_reverification_needed",
        /// `customer_verified`.
        CustomerVerified => "customer_verified",
        /// `customer_suspended`.
        CustomerSuspended => "customer_suspended",
        /// `customer_activated`.
        CustomerActivated => "customer_activated",
        /// `customer_deactivated`.
        CustomerDeactivated => "customer_deactivated",
        // Beneficial owners
        /// `customer_beneficial_owner_created`.
        CustomerBeneficialOwnerCreated => "customer_beneficial_owner_created",
        /// `customer_beneficial_owner_removed`.
        CustomerBeneficialOwnerRemoved => "customer_beneficial_owner_removed",
        /// `customer_beneficial_owner_verification_document_needed`.
        CustomerBeneficialOwnerVerificationDocumentNeeded => "customer_beneficial_owner_verification_document_needed",
        /// `customer_beneficial_owner_verification_document_uploaded`.
        CustomerBeneficialOwnerVerificationDocumentUploaded => "customer_beneficial_owner_verification_document_uploaded",
        /// `customer_beneficial_owner_verification_document_failed`.
        CustomerBeneficialOwnerVerificationDocumentFailed => "customer_beneficial_owner_verification_document_failed",
        /// `customer_beneficial_owner_verification_document_approved`.
        CustomerBeneficialOwnerVerificationDocumentApproved => "customer_beneficial_owner_verification_document_approved",
        /// `customer_beneficial_owner_reverification_needed`.
        CustomerBeneficialOwnerReverificationNeeded => "customer_beneficial_owner_reverification_needed",
        /// `customer_beneficial_owner_verified`.
        CustomerBeneficialOwnerVerified => "customer_beneficial_owner_verified",
        // Exchanges
        /// `customer_exchange_reauth_required`: the bank login behind an
        /// exchange changed; see [`Event::reauth_session`].
        CustomerExchangeReauthRequired => "customer_exchange_reauth_required",
        // Customer funding sources
        /// `customer_funding_source_added`.
        CustomerFundingSourceAdded => "customer_funding_source_added",
        /// `customer_funding_source_removed`.
        CustomerFundingSourceRemoved => "customer_funding_source_removed",
        /// `customer_funding_source_verified`.
        CustomerFundingSourceVerified => "customer_funding_source_verified",
        /// `customer_funding_source_unverified`.
        CustomerFundingSourceUnverified => "customer_funding_source_unverified",
        /// `customer_funding_source_negative`: a customer's balance went negative.
        CustomerFundingSourceNegative => "customer_funding_source_negative",
        /// `customer_funding_source_updated`.
        CustomerFundingSourceUpdated => "customer_funding_source_updated",
        /// `customer_microdeposits_added`.
        CustomerMicrodepositsAdded => "customer_microdeposits_added",
        /// `customer_microdeposits_failed`.
        CustomerMicrodepositsFailed => "customer_microdeposits_failed",
        /// `customer_microdeposits_completed`.
        CustomerMicrodepositsCompleted => "customer_microdeposits_completed",
        /// `customer_microdeposits_maxattempts`.
        CustomerMicrodepositsMaxattempts => "customer_microdeposits_maxattempts",
        // Customer transfers
        /// `customer_bank_transfer_created`.
        CustomerBankTransferCreated => "customer_bank_transfer_created",
        /// `customer_bank_transfer_creation_failed`.
        CustomerBankTransferCreationFailed => "customer_bank_transfer_creation_failed",
        /// `customer_bank_transfer_cancelled`.
        CustomerBankTransferCancelled => "customer_bank_transfer_cancelled",
        /// `customer_bank_transfer_failed`.
        CustomerBankTransferFailed => "customer_bank_transfer_failed",
        /// `customer_bank_transfer_completed`.
        CustomerBankTransferCompleted => "customer_bank_transfer_completed",
        /// `customer_transfer_created`.
        CustomerTransferCreated => "customer_transfer_created",
        /// `customer_transfer_cancelled`.
        CustomerTransferCancelled => "customer_transfer_cancelled",
        /// `customer_transfer_failed`.
        CustomerTransferFailed => "customer_transfer_failed",
        /// `customer_transfer_completed`.
        CustomerTransferCompleted => "customer_transfer_completed",
        // Customer mass payments, balance checks
        /// `customer_mass_payment_created`.
        CustomerMassPaymentCreated => "customer_mass_payment_created",
        /// `customer_mass_payment_completed`.
        CustomerMassPaymentCompleted => "customer_mass_payment_completed",
        /// `customer_mass_payment_cancelled`.
        CustomerMassPaymentCancelled => "customer_mass_payment_cancelled",
        /// `customer_balance_inquiry_completed`: an open-banking balance
        /// check finished.
        CustomerBalanceInquiryCompleted => "customer_balance_inquiry_completed",
        // Labels
        /// `customer_label_created`.
        CustomerLabelCreated => "customer_label_created",
        /// `customer_label_ledger_entry_created`.
        CustomerLabelLedgerEntryCreated => "customer_label_ledger_entry_created",
        /// `customer_label_removed`.
        CustomerLabelRemoved => "customer_label_removed",
        // Named only by Dwolla's guides (changelog 2025-05-15, business
        // verification, real-time payments), not its event reference.
        /// `customer_verification_pending_review`: verification is being
        /// reviewed by Dwolla (from the guides).
        CustomerVerificationPendingReview => "customer_verification_pending_review",
        /// `customer_address_verification_failed` (from the guides).
        CustomerAddressVerificationFailed => "customer_address_verification_failed",
        /// `customer_funding_source_rtp_enabled`: the funding source can
        /// receive real-time payments (from the guides).
        CustomerFundingSourceRtpEnabled => "customer_funding_source_rtp_enabled",
        /// `customer_funding_source_rtp_disabled` (from the guides).
        CustomerFundingSourceRtpDisabled => "customer_funding_source_rtp_disabled",
    }
}

/// The kinds of resource an event can be about, as far as [`Event::resource`]
/// tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResourceKind {
    Customer,
    FundingSource,
    Transfer,
    MassPayment,
    Label,
    BeneficialOwner,
    Document,
    Exchange,
}

impl ResourceKind {
    /// The kind whose URLs are `.../{collection}/{id}`.
    fn of_collection(collection: &str) -> Option<Self> {
        Some(match collection {
            "customers" => ResourceKind::Customer,
            "funding-sources" => ResourceKind::FundingSource,
            "transfers" => ResourceKind::Transfer,
            "mass-payments" => ResourceKind::MassPayment,
            "labels" => ResourceKind::Label,
            "beneficial-owners" => ResourceKind::BeneficialOwner,
            "documents" => ResourceKind::Document,
            "exchanges" => ResourceKind::Exchange,
            _ => return None,
        })
    }

    fn collection(self) -> &'static str {
        match self {
            ResourceKind::Customer => "customers",
            ResourceKind::FundingSource => "funding-sources",
            ResourceKind::Transfer => "transfers",
            ResourceKind::MassPayment => "mass-payments",
            ResourceKind::Label => "labels",
            ResourceKind::BeneficialOwner => "beneficial-owners",
            ResourceKind::Document => "documents",
            ResourceKind::Exchange => "exchanges",
        }
    }

    /// The operation that retrieves the resource at `target` (its URL or id).
    fn retrieve(self, target: String) -> EventResource {
        match self {
            ResourceKind::Customer => EventResource::Customer(RetrieveCustomer::new(target)),
            ResourceKind::FundingSource => {
                EventResource::FundingSource(RetrieveFundingSource::new(target))
            }
            ResourceKind::Exchange => EventResource::Exchange(RetrieveExchange::new(target)),
            ResourceKind::Transfer => EventResource::Transfer(RetrieveTransfer::new(target)),
            ResourceKind::MassPayment => {
                EventResource::MassPayment(RetrieveMassPayment::new(target))
            }
            ResourceKind::Label => EventResource::Label(RetrieveLabel::new(target)),
            ResourceKind::BeneficialOwner => {
                EventResource::BeneficialOwner(RetrieveBeneficialOwner::new(target))
            }
            ResourceKind::Document => EventResource::Document(RetrieveDocument::new(target)),
        }
    }
}

impl Topic {
    /// What kind of resource an event of this topic is about, as Dwolla's
    /// event reference describes it; `None` where it does not say, or where
    /// no retrieve operation fits (accounts, statements, ledger entries,
    /// balance checks).
    fn resource_kind(&self) -> Option<ResourceKind> {
        use Topic::*;
        Some(match self {
            CustomerCreated
            | CustomerKbaVerificationNeeded
            | CustomerKbaVerificationFailed
            | CustomerKbaVerificationPassed
            | CustomerVerificationDocumentNeeded
            | CustomerReverificationNeeded
            | CustomerVerified
            | CustomerSuspended
            | CustomerActivated
            | CustomerDeactivated
            | CustomerVerificationPendingReview
            | CustomerAddressVerificationFailed => ResourceKind::Customer,
            CustomerVerificationDocumentUploaded
            | CustomerVerificationDocumentFailed
            | CustomerVerificationDocumentApproved
            | CustomerBeneficialOwnerVerificationDocumentUploaded
            | CustomerBeneficialOwnerVerificationDocumentFailed
            | CustomerBeneficialOwnerVerificationDocumentApproved => ResourceKind::Document,
            CustomerBeneficialOwnerCreated
            | CustomerBeneficialOwnerRemoved
            | CustomerBeneficialOwnerVerificationDocumentNeeded
            | CustomerBeneficialOwnerReverificationNeeded
            | CustomerBeneficialOwnerVerified => ResourceKind::BeneficialOwner,
            FundingSourceAdded
            | FundingSourceRemoved
            | FundingSourceVerified
            | FundingSourceUnverified
            | FundingSourceNegative
            | FundingSourceUpdated
            | MicrodepositsAdded
            | MicrodepositsFailed
            | MicrodepositsCompleted
            | MicrodepositsMaxattempts
            | CustomerFundingSourceAdded
            | CustomerFundingSourceRemoved
            | CustomerFundingSourceVerified
            | CustomerFundingSourceUnverified
            | CustomerFundingSourceNegative
            | CustomerFundingSourceUpdated
            | CustomerMicrodepositsAdded
            | CustomerMicrodepositsFailed
            | CustomerMicrodepositsCompleted
            | CustomerMicrodepositsMaxattempts
            | CustomerFundingSourceRtpEnabled
            | CustomerFundingSourceRtpDisabled => ResourceKind::FundingSource,
            BankTransferCreated
            | BankTransferCreationFailed
            | BankTransferCancelled
            | BankTransferFailed
            | BankTransferCompleted
            | TransferCreated
            | TransferCancelled
            | TransferFailed
            | TransferCompleted
            | CustomerBankTransferCreated
            | CustomerBankTransferCreationFailed
            | CustomerBankTransferCancelled
            | CustomerBankTransferFailed
            | CustomerBankTransferCompleted
            | CustomerTransferCreated
            | CustomerTransferCancelled
            | CustomerTransferFailed
            | CustomerTransferCompleted => ResourceKind::Transfer,
            MassPaymentCreated
            | MassPaymentCompleted
            | MassPaymentCancelled
            | CustomerMassPaymentCreated
            | CustomerMassPaymentCompleted
            | CustomerMassPaymentCancelled => ResourceKind::MassPayment,
            CustomerLabelCreated | CustomerLabelRemoved => ResourceKind::Label,
            CustomerExchangeReauthRequired => ResourceKind::Exchange,
            _ => return None,
        })
    }
}

model! {
    /// An event: what happened (its [`topic`](Self::topic)), to which
    /// resource, when. The body of every webhook, and an item of
    /// [`ListEvents`].
    ///
    /// Its [`id`](Self::id) identifies it: a webhook may be delivered more
    /// than once, so handle each event id once (see
    /// [`webhooks`](crate::webhooks)). Two events of one action (a
    /// `transfer_created` and a `customer_transfer_created`) share a
    /// `resourceId` but not an id.
    pub struct Event (WireEvent) resource "event" {
        /// `topic`: what happened (an empty [`Topic::Other`] if Dwolla sent
        /// none).
        topic: open(Topic) = "topic",
        /// `resourceId`: the id of the resource it is about.
        resource_id: text = "resourceId",
        /// `created` as sent (RFC 3339); see [`created`](Self::created),
        /// which also reads the older `timestamp`.
        created_at: text = "created",
        /// `timestamp` as sent: what older payloads call `created`.
        timestamp: text = "timestamp",
        /// `correlationId`: the correlation id given when the transfer was
        /// created (transfer events only, and only if one was given).
        correlation_id: text = "correlationId",
    }
}

resource!(Event, "events", "getEvent", "event_id");

impl Event {
    /// Reads an event from a webhook's body (or any event document), without
    /// checking a signature: call it on bytes that
    /// [`webhooks::verify_signature`](crate::webhooks::verify_signature)
    /// accepted (say, after queueing them), or use
    /// [`webhooks::verify`](crate::webhooks::verify), which does both.
    ///
    /// Lenient like every model: unknown members are skipped, an unknown
    /// topic is kept. A body that is not a JSON object, or an event with
    /// neither an `id` nor a `self` link, is
    /// [`WebhookError::UnparseableBody`], which keeps the bytes.
    ///
    /// ```
    /// use dwolla_core::events::{Event, Topic};
    ///
    /// let event = Event::parse(br#"{"id":"29a82d20-a703-41cb-9b3c-bd409c499925","topic":"customer_created","resourceId":"a6f09251","created":"2019-05-30T18:21:11.490Z"}"#).unwrap();
    /// assert_eq!(event.topic(), &Topic::CustomerCreated);
    /// assert!(Event::parse(b"not json").is_err());
    /// ```
    pub fn parse(body: &[u8]) -> Result<Event, WebhookError> {
        crate::response::read_document(body, Event::from_wire)
            .map_err(|reason| WebhookError::unparseable(reason, body))
    }

    /// When it happened, as sent (RFC 3339): `created`, or the older
    /// `timestamp` when there is no `created`.
    pub fn created(&self) -> Option<&str> {
        self.created_at().or(self.timestamp())
    }

    /// The URL of the resource it is about (`_links.resource`).
    pub fn resource_href(&self) -> Option<&str> {
        self.links().get("resource")
    }

    /// The URL of the customer it concerns (`_links.customer`; customer
    /// events only).
    pub fn customer_href(&self) -> Option<&str> {
        self.links().get("customer")
    }

    /// The URL of the Dwolla account it belongs to (`_links.account`).
    pub fn account_href(&self) -> Option<&str> {
        self.links().get("account")
    }

    /// The operation that retrieves the resource this event is about, chosen
    /// by the collection of its `_links.resource` URL
    /// (`.../transfers/{id}` is a transfer); without that link, by the
    /// topic, with the `resourceId`. A resource of a kind listed in
    /// [`EventResource`] but at a URL of another shape, or of a kind not
    /// listed (an account, a statement, a ledger entry), is
    /// [`EventResource::Other`] with its URL, to fetch with a
    /// [`HalRequest`](crate::hal::HalRequest). `None` when the event names no resource at all.
    ///
    /// ```
    /// use dwolla_core::events::{Event, EventResource};
    ///
    /// let event = Event::parse(br#"{"id":"e1","topic":"customer_created","resourceId":"c1","_links":{"resource":{"href":"https://api-sandbox.dwolla.com/customers/c1"}}}"#).unwrap();
    /// match event.resource() {
    ///     Some(EventResource::Customer(retrieve)) => assert_eq!(retrieve.id(), "https://api-sandbox.dwolla.com/customers/c1"),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn resource(&self) -> Option<EventResource> {
        if let Some(href) = self.resource_href() {
            return Some(match kind_of(href) {
                Some(kind) => kind.retrieve(href.to_owned()),
                None => EventResource::Other(href.to_owned()),
            });
        }
        let id = self.resource_id().filter(|id| !id.is_empty())?;
        let kind = self.topic().resource_kind()?;
        // An id that could not be sent as one path segment names nothing.
        id_segment("resource_id", id, kind.collection()).ok()?;
        Some(kind.retrieve(id.to_owned()))
    }

    /// For a `customer_exchange_reauth_required` event, the re-authentication
    /// session its exchange needs (a web session; add a redirect with
    /// [`CreateReAuthExchangeSession::with_redirect`] for Plaid mobile). `None`
    /// for any other topic, or when the event names no exchange.
    pub fn reauth_session(&self) -> Option<CreateReAuthExchangeSession> {
        if self.topic() != &Topic::CustomerExchangeReauthRequired {
            return None;
        }
        let exchange = match self.resource_href() {
            Some(href) => (kind_of(href) == Some(ResourceKind::Exchange)).then_some(href)?,
            None => self.resource_id().filter(|id| !id.is_empty())?,
        };
        Some(CreateReAuthExchangeSession::web(exchange))
    }
}

/// The kind of resource at an http(s) URL `.../{collection}/{id}`, by its
/// collection; `None` for any other URL.
fn kind_of(href: &str) -> Option<ResourceKind> {
    let uri: http::Uri = href.parse().ok()?;
    uri.scheme()?;
    let mut segments = uri.path().trim_start_matches('/').rsplit('/');
    let last = segments.next()?;
    let collection = segments.next()?;
    if last.is_empty() {
        return None;
    }
    ResourceKind::of_collection(collection)
}

/// The operation that retrieves an event's resource (see
/// [`Event::resource`]). Run it with the [`Client`](crate::Client), or build
/// its request yourself ([`Operation`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventResource {
    /// A customer (`/customers/{id}`).
    Customer(RetrieveCustomer),
    /// A funding source (`/funding-sources/{id}`), the customer's or the
    /// account's.
    FundingSource(RetrieveFundingSource),
    /// A transfer (`/transfers/{id}`).
    Transfer(RetrieveTransfer),
    /// A mass payment (`/mass-payments/{id}`).
    MassPayment(RetrieveMassPayment),
    /// A label (`/labels/{id}`).
    Label(RetrieveLabel),
    /// A beneficial owner (`/beneficial-owners/{id}`).
    BeneficialOwner(RetrieveBeneficialOwner),
    /// A verification document (`/documents/{id}`).
    Document(RetrieveDocument),
    /// An exchange (`/exchanges/{id}`).
    Exchange(RetrieveExchange),
    /// Anything else, by its URL (an account, a statement, a ledger entry,
    /// ...): fetch it with [`HalRequest::get`](crate::hal::HalRequest::get).
    Other(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every topic Dwolla documents: 73 in the event reference, 4 in the guides.
    const DOCUMENTED: [&str; 77] = [
        "account_suspended",
        "account_activated",
        "funding_source_added",
        "funding_source_removed",
        "funding_source_verified",
        "funding_source_unverified",
        "funding_source_negative",
        "funding_source_updated",
        "microdeposits_added",
        "microdeposits_failed",
        "microdeposits_completed",
        "microdeposits_maxattempts",
        "bank_transfer_created",
        "bank_transfer_creation_failed",
        "bank_transfer_cancelled",
        "bank_transfer_failed",
        "bank_transfer_completed",
        "transfer_created",
        "transfer_cancelled",
        "transfer_failed",
        "transfer_completed",
        "mass_payment_created",
        "mass_payment_completed",
        "mass_payment_cancelled",
        "statement_created",
        "customer_created",
        "customer_kba_verification_needed",
        "customer_kba_verification_failed",
        "customer_kba_verification_passed",
        "customer_verification_document_needed",
        "customer_verification_document_uploaded",
        "customer_verification_document_failed",
        "customer_verification_document_approved",
        "customer_reverification_needed",
        "customer_verified",
        "customer_suspended",
        "customer_activated",
        "customer_deactivated",
        "customer_beneficial_owner_created",
        "customer_beneficial_owner_removed",
        "customer_beneficial_owner_verification_document_needed",
        "customer_beneficial_owner_verification_document_uploaded",
        "customer_beneficial_owner_verification_document_failed",
        "customer_beneficial_owner_verification_document_approved",
        "customer_beneficial_owner_reverification_needed",
        "customer_beneficial_owner_verified",
        "customer_exchange_reauth_required",
        "customer_funding_source_added",
        "customer_funding_source_removed",
        "customer_funding_source_verified",
        "customer_funding_source_unverified",
        "customer_funding_source_negative",
        "customer_funding_source_updated",
        "customer_microdeposits_added",
        "customer_microdeposits_failed",
        "customer_microdeposits_completed",
        "customer_microdeposits_maxattempts",
        "customer_bank_transfer_created",
        "customer_bank_transfer_creation_failed",
        "customer_bank_transfer_cancelled",
        "customer_bank_transfer_failed",
        "customer_bank_transfer_completed",
        "customer_transfer_created",
        "customer_transfer_cancelled",
        "customer_transfer_failed",
        "customer_transfer_completed",
        "customer_mass_payment_created",
        "customer_mass_payment_completed",
        "customer_mass_payment_cancelled",
        "customer_balance_inquiry_completed",
        "customer_label_created",
        "customer_label_ledger_entry_created",
        "customer_label_removed",
        "customer_verification_pending_review",
        "customer_address_verification_failed",
        "customer_funding_source_rtp_enabled",
        "customer_funding_source_rtp_disabled",
    ];

    #[test]
    fn every_documented_topic_is_a_variant_and_round_trips() {
        let mut seen = std::collections::HashSet::new();
        for name in DOCUMENTED {
            let topic = Topic::from_wire(name);
            assert!(!matches!(topic, Topic::Other(_)), "{name}");
            assert_eq!(topic.as_str(), name);
            assert_eq!(topic.to_string(), name);
            assert!(seen.insert(topic), "{name} twice");
        }
        assert_eq!(seen.len(), 77);
    }

    #[test]
    fn doc_slips_and_unknown_topics_are_kept_as_text() {
        for name in [
            "customer_beneficial_owner_document_needed",
            "customer_funding_source_created",
            "customer_money_sent",
            "something_new",
            "",
        ] {
            assert_eq!(Topic::from_wire(name), Topic::Other(name.to_owned()));
            assert_eq!(Topic::from_wire(name).as_str(), name);
        }
    }

    #[test]
    fn the_kind_of_a_url() {
        assert_eq!(
            kind_of("https://api.dwolla.com/transfers/abc"),
            Some(ResourceKind::Transfer)
        );
        assert_eq!(
            kind_of("http://127.0.0.1:1/base/funding-sources/x"),
            Some(ResourceKind::FundingSource)
        );
        for other in [
            "https://api.dwolla.com/transfers/",
            "https://api.dwolla.com/transfers",
            "https://api.dwolla.com/transfers/abc/fees",
            "https://api.dwolla.com/ledger-entries/abc",
            "/transfers/abc",
            "transfers/abc",
            "not a url",
            "",
        ] {
            assert_eq!(kind_of(other), None, "{other}");
        }
    }
}
