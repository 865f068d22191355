//! Funding sources: the bank accounts money moves from and to. Created from
//! an exchange (instant verification through an open-banking partner), a
//! funding source is `verified` at once, with no micro-deposits.
//!
//! - [`CreateCustomerFundingSource`]: `POST /customers/{id}/funding-sources`
//!   ([`from_exchange`](CreateCustomerFundingSource::from_exchange))
//! - [`RetrieveFundingSource`]: `GET /funding-sources/{id}`

use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use crate::created::{Created, FromLocation};
use crate::environment::Environment;
use crate::error::Error;
use crate::lenient::{Flag, Link, Object, Strings, Text};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{
    check_absolute_url, check_name, hal_request, http_scheme_len, id_segment,
    optional_idempotency_key, push_json_str, request_uri, url_of,
};
use crate::response;
use crate::token::AccessToken;

/// The longest funding source name Dwolla accepts, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// `POST /customers/{id}/funding-sources`: a bank funding source from an
/// exchange, verified at once.
///
/// ```
/// use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerFundingSource::from_exchange(
///     "74a207b2-b7b7-4efa-8bf8-582148e7b980",
///     "https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65",
///     BankAccountType::Checking,
///     "My Bank Account",
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"_links":{"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65"}},"bankAccountType":"checking","name":"My Bank Account"}"#
/// );
///
/// // Names are checked before any request exists.
/// let long = CreateCustomerFundingSource::from_exchange("c", "e", BankAccountType::Savings, "x".repeat(51));
/// let err = long.build_request(&Environment::Sandbox, &AccessToken::new("token")).unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "name"));
/// # Ok(()) }
/// ```
///
/// The exchange is its URL (an exchange's `Location` or `self` link) or its
/// bare id, which is sent as `{environment}/exchanges/{id}`.
///
/// Errors to expect: [`DuplicateFundingSource`](crate::ApiErrorKind::DuplicateFundingSource)
/// (the account already is a funding source: [`ApiError::about_href`](crate::ApiError::about_href)
/// is the existing one), [`InactiveExchange`](crate::ApiErrorKind::InactiveExchange),
/// [`InvalidExchangeToken`](crate::ApiErrorKind::InvalidExchangeToken),
/// [`UpdateCredentials`](crate::ApiErrorKind::UpdateCredentials) (re-authenticate
/// the exchange), [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateCustomerFundingSource {
    customer_id: String,
    exchange: String,
    bank_account_type: BankAccountType,
    name: String,
    on_demand_authorization_href: Option<String>,
    idempotency_key: Option<String>,
}

impl CreateCustomerFundingSource {
    /// A funding source for the bank account behind `exchange` (its URL or
    /// id), named `name` (1 to 50 characters, no control characters).
    pub fn from_exchange(
        customer_id: impl Into<String>,
        exchange: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        CreateCustomerFundingSource {
            customer_id: customer_id.into(),
            exchange: exchange.into(),
            bank_account_type,
            name: name.into(),
            on_demand_authorization_href: None,
            idempotency_key: None,
        }
    }

    /// Links an on-demand authorization (`_links["on-demand-authorization"]`),
    /// for variable or future debits without a new authorization each time.
    pub fn on_demand_authorization(mut self, href: impl Into<String>) -> Self {
        self.on_demand_authorization_href = Some(href.into());
        self
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original funding source instead of an error.
    /// (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }
    /// The exchange (URL or id) as given.
    pub fn exchange(&self) -> &str {
        &self.exchange
    }
    /// The bank account type.
    pub fn bank_account_type(&self) -> BankAccountType {
        self.bank_account_type
    }
    /// The name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Checks the input without building a request.
    pub fn validate(&self) -> Result<(), Error> {
        self.build_request(&Environment::Sandbox, &AccessToken::placeholder())
            .map(|_| ())
    }

    /// The exchange href to send: the URL as given, or the environment's URL
    /// for a bare id.
    fn exchange_href(&self, env: &Environment) -> Result<String, Error> {
        const FIELD: &str = "exchange";
        if http_scheme_len(&self.exchange).is_some() {
            check_absolute_url(FIELD, &self.exchange)?;
            // Checks it is `.../exchanges/{id}`, not some other resource.
            id_segment(FIELD, &self.exchange, "exchanges")?;
            return Ok(self.exchange.clone());
        }
        let id = id_segment(FIELD, &self.exchange, "exchanges")?;
        Ok(url_of(env, &["/exchanges/", &id]))
    }

    /// The JSON body: byte-identical for the same input.
    fn body(&self, exchange_href: &str) -> Bytes {
        let mut out = Vec::with_capacity(
            96 + exchange_href.len()
                + self.name.len()
                + self
                    .on_demand_authorization_href
                    .as_ref()
                    .map_or(0, |h| h.len() + 40),
        );
        out.extend_from_slice(br#"{"_links":{"exchange":{"href":"#);
        push_json_str(&mut out, exchange_href);
        out.push(b'}');
        if let Some(href) = &self.on_demand_authorization_href {
            out.extend_from_slice(br#","on-demand-authorization":{"href":"#);
            push_json_str(&mut out, href);
            out.push(b'}');
        }
        out.extend_from_slice(br#"},"bankAccountType":"#);
        push_json_str(&mut out, self.bank_account_type.as_str());
        out.extend_from_slice(br#","name":"#);
        push_json_str(&mut out, &self.name);
        out.push(b'}');
        Bytes::from(out)
    }
}

impl Operation for CreateCustomerFundingSource {
    type Output = FundingSourceCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let exchange_href = self.exchange_href(env)?;
        check_name("name", &self.name, MAX_NAME_CHARS)?;
        if let Some(href) = &self.on_demand_authorization_href {
            check_absolute_url("on_demand_authorization", href)?;
        }
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/funding-sources"])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(self.body(&exchange_href)),
            key.as_ref(),
        )
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<FundingSourceCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomerFundingSource"
    }
}

/// A created funding source: where it lives, and how to retrieve it.
pub type FundingSourceCreated = Created<RetrieveFundingSource>;

/// A bank account's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BankAccountType {
    /// `checking`.
    Checking,
    /// `savings`.
    Savings,
}

impl BankAccountType {
    /// As Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BankAccountType::Checking => "checking",
            BankAccountType::Savings => "savings",
        }
    }
}

impl fmt::Display for BankAccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BankAccountType {
    type Err = Error;

    /// `checking` or `savings`, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("checking") {
            Ok(BankAccountType::Checking)
        } else if s.eq_ignore_ascii_case("savings") {
            Ok(BankAccountType::Savings)
        } else {
            Err(Error::invalid(
                "bank_account_type",
                "must be `checking` or `savings`",
            ))
        }
    }
}

/// `GET /funding-sources/{id}`: one funding source. Takes its id or its URL
/// (the `Location` that create returned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveFundingSource {
    id: String,
}

impl RetrieveFundingSource {
    /// The funding source with this id or URL.
    pub fn new(id_or_url: impl Into<String>) -> Self {
        RetrieveFundingSource {
            id: id_or_url.into(),
        }
    }
}

impl FromLocation for RetrieveFundingSource {
    fn from_location(location: String) -> Self {
        RetrieveFundingSource::new(location)
    }
}

impl Operation for RetrieveFundingSource {
    type Output = FundingSource;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("funding_source_id", &self.id, "funding-sources")?;
        let uri = request_uri(env, &["/funding-sources/", &id])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<FundingSource, Error> {
        response::json(response, FundingSource::from_wire)
    }

    fn name(&self) -> &'static str {
        "getFundingSource"
    }
}

#[derive(Deserialize)]
struct WireFundingSource {
    #[serde(default, rename = "_links")]
    links: Object<WireFundingSourceLinks>,
    #[serde(default)]
    id: Text,
    #[serde(default)]
    status: Text,
    #[serde(default, rename = "type")]
    kind: Text,
    #[serde(default, rename = "bankAccountType")]
    bank_account_type: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    created: Text,
    #[serde(default)]
    removed: Flag,
    #[serde(default)]
    channels: Strings,
    #[serde(default, rename = "bankName")]
    bank_name: Text,
    #[serde(default)]
    fingerprint: Text,
}

#[derive(Default, Deserialize)]
struct WireFundingSourceLinks {
    #[serde(default, rename = "self")]
    self_: Link,
    #[serde(default)]
    customer: Link,
    #[serde(default)]
    exchange: Link,
}

open_enum! {
    /// A funding source's status. Unknown statuses are kept, not rejected.
    pub enum FundingSourceStatus {
        /// `verified`: money can move.
        Verified => "verified",
        /// `unverified`: it needs verification (micro-deposits, say).
        Unverified => "unverified",
    }
}

open_enum! {
    /// A funding source's type. Unknown types are kept, not rejected.
    pub enum FundingSourceType {
        /// `bank`: a bank account.
        Bank => "bank",
        /// `balance`: a Dwolla balance.
        Balance => "balance",
        /// `card`: a debit card.
        Card => "card",
    }
}

/// A funding source as retrieved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingSource {
    id: String,
    status: FundingSourceStatus,
    kind: FundingSourceType,
    bank_account_type: Option<String>,
    name: Option<String>,
    bank_name: Option<String>,
    created: Option<String>,
    removed: Option<bool>,
    channels: Vec<String>,
    fingerprint: Option<String>,
    self_href: Option<String>,
    customer_href: Option<String>,
    exchange_href: Option<String>,
}

impl FundingSource {
    fn from_wire(wire: WireFundingSource) -> Result<FundingSource, &'static str> {
        let links = wire.links.0.unwrap_or_default();
        let self_href = links.self_.into_href();
        let id = response::id_or_self(wire.id.0, self_href.as_deref())
            .ok_or("the funding source has neither an id nor a self link")?;
        Ok(FundingSource {
            id,
            status: FundingSourceStatus::from_wire(wire.status.0.as_deref().unwrap_or("")),
            kind: FundingSourceType::from_wire(wire.kind.0.as_deref().unwrap_or("")),
            bank_account_type: wire.bank_account_type.0,
            name: wire.name.0,
            bank_name: wire.bank_name.0,
            created: wire.created.0,
            removed: wire.removed.0,
            channels: wire.channels.0,
            fingerprint: wire.fingerprint.0,
            self_href,
            customer_href: links.customer.into_href(),
            exchange_href: links.exchange.into_href(),
        })
    }

    /// Its id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its status (an empty [`FundingSourceStatus::Other`] if Dwolla sent none).
    pub fn status(&self) -> &FundingSourceStatus {
        &self.status
    }
    /// True when it is verified (money can move).
    pub fn is_verified(&self) -> bool {
        self.status == FundingSourceStatus::Verified
    }
    /// Its type (`bank`, `balance`, `card`, ...).
    pub fn funding_source_type(&self) -> &FundingSourceType {
        &self.kind
    }
    /// The bank account type, when it is `checking` or `savings`.
    pub fn bank_account_type(&self) -> Option<BankAccountType> {
        self.bank_account_type.as_deref()?.parse().ok()
    }
    /// `bankAccountType` as sent, whatever its value.
    pub fn bank_account_type_str(&self) -> Option<&str> {
        self.bank_account_type.as_deref()
    }
    /// Its name.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The bank's name, e.g. `SANDBOX TEST BANK`.
    pub fn bank_name(&self) -> Option<&str> {
        self.bank_name.as_deref()
    }
    /// When it was created, as sent (RFC 3339).
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }
    /// True when it was removed (soft-deleted); false when Dwolla says so or
    /// does not say.
    pub fn is_removed(&self) -> bool {
        self.removed.unwrap_or(false)
    }
    /// `removed` as sent.
    pub fn removed(&self) -> Option<bool> {
        self.removed
    }
    /// The payment channels it supports (`ach`, `real-time-payments`, ...).
    pub fn channels(&self) -> &[String] {
        &self.channels
    }
    /// The account's fingerprint: equal for the same account across customers.
    pub fn fingerprint(&self) -> Option<&str> {
        self.fingerprint.as_deref()
    }
    /// Its own URL.
    pub fn self_href(&self) -> Option<&str> {
        self.self_href.as_deref()
    }
    /// The customer's URL.
    pub fn customer_href(&self) -> Option<&str> {
        self.customer_href.as_deref()
    }
    /// The exchange it was created from, if it was.
    pub fn exchange_href(&self) -> Option<&str> {
        self.exchange_href.as_deref()
    }
}
