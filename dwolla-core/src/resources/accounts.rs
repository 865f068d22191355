//! Accounts: the application's own Dwolla account (the "main" account), its
//! funding sources, transfers and mass payments.
//!
//! - [`RetrieveAccount`]: `GET /accounts/{id}` (its id is the API root's
//!   `account` link: [`root`](crate::root))
//! - [`CreateAccountFundingSource`]: `POST /funding-sources` (the account's
//!   own bank, by routing and account numbers or from an exchange)
//! - [`ListAccountFundingSources`]: `GET /accounts/{id}/funding-sources`
//! - [`ListAccountTransfers`]: `GET /accounts/{id}/transfers` (search, paged)
//! - [`ListAccountMassPayments`]: `GET /accounts/{id}/mass-payments` (paged)

use std::fmt;

use bytes::Bytes;
use http::Method;

use crate::environment::Environment;
use crate::error::Error;
use crate::funding_sources::{
    check_checking_or_savings, BankAccountType, Channel, FundingSource, FundingSourceCreated,
    NewFundingSource,
};
use crate::list::List;
use crate::mass_payments::{mass_payment_search_methods, MassPayment, MassPaymentSearch};
use crate::model::model;
use crate::operation::Operation;
use crate::request::{hal_request, id_segment, optional_idempotency_key, request_uri, Query};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;
use crate::transfers::{transfer_search_methods, Transfer, TransferSearch};

/// `POST /funding-sources`: a bank funding source for the application's own
/// account (the Main Dwolla Account), by routing and account numbers or from
/// an exchange. `checking` or `savings`; a name of 1 to
/// [`MAX_NAME_CHARS`](crate::funding_sources::MAX_NAME_CHARS) characters.
/// Checked and written as a customer's bank or exchange form
/// ([`CreateCustomerFundingSource`](crate::funding_sources::CreateCustomerFundingSource)):
/// routing and account numbers (see
/// [`is_valid_routing_number`](crate::funding_sources::is_valid_routing_number))
/// are never shown by `Debug` or an error.
///
/// ```
/// use dwolla_core::accounts::CreateAccountFundingSource;
/// use dwolla_core::funding_sources::BankAccountType;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateAccountFundingSource::bank("222222226", "123456789", BankAccountType::Checking, "My Bank");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/funding-sources");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"checking","name":"My Bank"}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`DuplicateFundingSource`](crate::ApiErrorKind::DuplicateFundingSource)
/// (`DuplicateResource` "Bank already exists": [`ApiError::about_href`](crate::ApiError::about_href)
/// is the existing one), [`Validation`](crate::ApiErrorKind::Validation),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateAccountFundingSource {
    source: NewFundingSource,
    idempotency_key: Option<String>,
}

impl CreateAccountFundingSource {
    /// The account's bank by its routing number (nine digits, ABA checksum)
    /// and account number (4 to 17 digits).
    pub fn bank(
        routing_number: impl Into<String>,
        account_number: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        CreateAccountFundingSource {
            source: NewFundingSource::bank(routing_number, account_number, bank_account_type, name),
            idempotency_key: None,
        }
    }

    /// The account's bank behind an exchange of the account (its URL, or
    /// its bare id sent as `{environment}/exchanges/{id}`).
    pub fn from_exchange(
        exchange: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        CreateAccountFundingSource {
            source: NewFundingSource::from_exchange(exchange, bank_account_type, name),
            idempotency_key: None,
        }
    }

    /// `channels`: only [`Channel::Wire`] can be asked for, with routing and
    /// account numbers.
    pub fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        self.source = self.source.channels(channels);
        self
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }
}

impl fmt::Debug for CreateAccountFundingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateAccountFundingSource");
        self.source.debug_fields(&mut d);
        d.field("idempotency_key", &self.idempotency_key).finish()
    }
}

impl Operation for CreateAccountFundingSource {
    type Output = FundingSourceCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let exchange_href = self.source.check(env)?;
        // The account's own bank is a checking or savings account, whatever
        // the form.
        check_checking_or_savings(
            self.source.bank_account_type(),
            "the account's funding source",
        )?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let body = self.source.body(exchange_href.as_deref());
        let uri = request_uri(env, &["/funding-sources"])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<FundingSourceCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createFundingSource"
    }
}

/// `GET /accounts/{id}/funding-sources`: every funding source of the
/// application's own account (its banks and its balance), in one response:
/// Dwolla does not page this list.
///
/// ```
/// use dwolla_core::accounts::ListAccountFundingSources;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListAccountFundingSources::new("ca366ca3-6d30-44d6-b0f3-8d86c64462a1").removed(false);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/accounts/ca366ca3-6d30-44d6-b0f3-8d86c64462a1/funding-sources?removed=false"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAccountFundingSources {
    account_id: String,
    removed: Option<bool>,
}

impl ListAccountFundingSources {
    /// The funding sources of the account with this id or URL (the root's
    /// `account` link).
    pub fn new(account_id: impl Into<String>) -> Self {
        ListAccountFundingSources {
            account_id: account_id.into(),
            removed: None,
        }
    }

    /// `removed`: `false` leaves removed funding sources out; `true` (what
    /// Dwolla does when unset) keeps them.
    pub fn removed(mut self, removed: bool) -> Self {
        self.removed = Some(removed);
        self
    }
}

impl Operation for ListAccountFundingSources {
    type Output = List<FundingSource>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("account_id", &self.account_id, "accounts")?;
        let mut query = Query::new();
        query.opt("removed", self.removed);
        let uri = request_uri(
            env,
            &["/accounts/", &id, "/funding-sources", query.as_str()],
        )?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A funding source without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<FundingSource>, Error> {
        response::list_of(response, "funding-sources")
    }

    fn name(&self) -> &'static str {
        "listFundingSources"
    }
}

// The account itself, its transfers and its mass payments.

/// `GET /accounts/{id}`: the application's own Dwolla account (the
/// "main" or "master" account), by id or URL. Its id is in the API
/// root's `account` link.
///
/// ```
/// use dwolla_core::accounts::RetrieveAccount;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = RetrieveAccount::new("ca32853c-48fa-40be-ae75-77b37504581b")
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/accounts/ca32853c-48fa-40be-ae75-77b37504581b");
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden) ("Not
/// authorized to retrieve an Account by id."),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
pub type RetrieveAccount = Retrieve<Account>;

model! {
    /// The application's Dwolla account.
    pub struct Account (WireAccount) resource "account" {
        /// `name`.
        name: text = "name",
        /// `timezoneOffset` as sent (a number of hours, e.g. `-6`); see
        /// [`timezone_offset_hours`](Account::timezone_offset_hours).
        timezone_offset: raw = "timezoneOffset",
        /// `type`, e.g. `Commercial`.
        account_type: text = "type",
    }
}

resource!(Account, "accounts", "getAccount", "account_id");

impl Account {
    /// `timezoneOffset` in hours, if it is a number.
    pub fn timezone_offset_hours(&self) -> Option<f64> {
        self.timezone_offset()?.as_f64()
    }
    /// `_links.funding-sources`: its funding sources.
    pub fn funding_sources_href(&self) -> Option<&str> {
        self.links().get("funding-sources")
    }
    /// `_links.transfers`: its transfers ([`ListAccountTransfers`]).
    pub fn transfers_href(&self) -> Option<&str> {
        self.links().get("transfers")
    }
    /// `_links.customers`: the customers it manages.
    pub fn customers_href(&self) -> Option<&str> {
        self.links().get("customers")
    }
    /// `_links.mass-payments`, when Dwolla sends it
    /// ([`ListAccountMassPayments`]).
    pub fn mass_payments_href(&self) -> Option<&str> {
        self.links().get("mass-payments")
    }
}

/// `GET /accounts/{id}/transfers`: the account's transfers, newest
/// first, a page at a time (25 by default, at most
/// [`transfers::MAX_PAGE_SIZE`](crate::transfers::MAX_PAGE_SIZE)),
/// searched and filtered exactly as a customer's
/// ([`ListCustomerTransfers`](crate::transfers::ListCustomerTransfers)).
/// Walk every page with [`Client::pages`](crate::Client::pages).
///
/// `limit` and `offset` reach only the first 10,000 transfers of a
/// search: to go further back, set [`end_date`](Self::end_date) to the
/// date of the 10,000th and search again.
///
/// ```
/// use dwolla_core::accounts::ListAccountTransfers;
/// use dwolla_core::transfers::{Date, TransferStatus};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListAccountTransfers::new("62e88a41-f5d0-4a79-90b3-188cf11a3966")
///     .search("Doe")
///     .end_date(Date::new(2021, 1, 1)?)
///     .status(TransferStatus::Processed);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/accounts/62e88a41-f5d0-4a79-90b3-188cf11a3966/transfers?search=Doe&endDate=2021-01-01&status=processed"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound)
/// ("Account not found.").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAccountTransfers {
    account_id: String,
    search: TransferSearch,
}

impl ListAccountTransfers {
    /// The first page of the transfers of the account with this id or URL.
    pub fn new(account_id: impl Into<String>) -> Self {
        ListAccountTransfers {
            account_id: account_id.into(),
            search: TransferSearch::default(),
        }
    }

    transfer_search_methods!();
}

impl Operation for ListAccountTransfers {
    type Output = List<Transfer>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("account_id", &self.account_id, "accounts")?;
        let query = self.search.query()?;
        let uri = request_uri(env, &["/accounts/", &id, "/transfers", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A transfer without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Transfer>, Error> {
        response::list_of(response, "transfers")
    }

    fn name(&self) -> &'static str {
        "listAndSearchTransfers"
    }
}

/// `GET /accounts/{id}/mass-payments`: the account's mass payments,
/// newest first, a page at a time (`limit` 1 to 200, 25 by default),
/// optionally by correlation id.
///
/// ```
/// use dwolla_core::accounts::ListAccountMassPayments;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListAccountMassPayments::new("ca32853c-48fa-40be-ae75-77b37504581b").limit(10);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/accounts/ca32853c-48fa-40be-ae75-77b37504581b/mass-payments?limit=10"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAccountMassPayments {
    account_id: String,
    search: MassPaymentSearch,
}

impl ListAccountMassPayments {
    /// The first page of the mass payments of the account with this id
    /// or URL.
    pub fn new(account_id: impl Into<String>) -> Self {
        ListAccountMassPayments {
            account_id: account_id.into(),
            search: MassPaymentSearch::default(),
        }
    }

    mass_payment_search_methods!();
}

impl Operation for ListAccountMassPayments {
    type Output = List<MassPayment>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("account_id", &self.account_id, "accounts")?;
        let query = self.search.query()?;
        let uri = request_uri(env, &["/accounts/", &id, "/mass-payments", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A mass payment without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<MassPayment>, Error> {
        response::list_of(response, "mass-payments")
    }

    fn name(&self) -> &'static str {
        "listMassPayments"
    }
}
