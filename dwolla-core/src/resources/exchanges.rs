//! Exchanges: a customer's bank login linked through an open-banking partner,
//! the step between the partner's front end (Plaid Link, MX Connect) and a
//! verified funding source.
//!
//! - [`CreateCustomerExchange`]: `POST /customers/{id}/exchanges`, with the
//!   partner's token ([`plaid`](CreateCustomerExchange::plaid),
//!   [`mx`](CreateCustomerExchange::mx), [`token`](CreateCustomerExchange::token),
//!   [`finicity`](CreateCustomerExchange::finicity))
//! - [`ListCustomerExchanges`]: `GET /customers/{id}/exchanges`
//! - [`RetrieveExchange`]: `GET /exchanges/{id}`
//! - [`CreateAccountExchange`]: `POST /exchanges`, the account's own
//!   exchange ([`token`](CreateAccountExchange::token),
//!   [`finicity`](CreateAccountExchange::finicity))
//! - [`ListAccountExchanges`]: `GET /exchanges`
//! - [`ListAvailableExchangeConnections`]:
//!   `GET /customers/{id}/available-exchange-connections` (the MX accounts a
//!   customer authorised, each with the token [`CreateCustomerExchange::mx`] takes)
//!
//! The flow: create an exchange session
//! ([`exchange_sessions`](crate::exchange_sessions)), let the customer finish
//! the partner's front end, create the exchange from what the partner handed
//! back, then a funding source from the exchange
//! ([`funding_sources`](crate::funding_sources)).

use std::fmt;

use bytes::Bytes;
use http::Method;
use serde::{Deserialize, Serialize};

use crate::created::{Created, FromLocation};
use crate::environment::Environment;
use crate::error::Error;
use crate::lenient::{Link, Object, Text};
use crate::list::List;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_absolute_url, check_token, hal_request, id_segment, optional_idempotency_key,
    push_json_str, request_uri,
};
use crate::response;
use crate::token::AccessToken;

/// `POST /customers/{id}/exchanges`: links the bank account the customer
/// chose in the partner's front end, from the token the partner handed back.
///
/// The body depends on the partner; each form has its constructor, all with
/// the customer (id or URL) and the exchange partner's href first:
///
/// | constructor | partner | body |
/// |---|---|---|
/// | [`plaid`](Self::plaid) | Plaid (open banking) | `"plaid":{"publicToken":..}` |
/// | [`mx`](Self::mx) | MX (open banking) | `"mx":{"availableConnectionToken":..}` |
/// | [`token`](Self::token) | Plaid processor token, Flinks, MX secure exchange | `"token":..` |
/// | [`finicity`](Self::finicity) | Finicity | `"finicity":{..}` ([`FinicityReceipt`]) |
///
/// ```
/// use dwolla_core::exchanges::CreateCustomerExchange;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerExchange::plaid(
///     "74a207b2-b7b7-4efa-8bf8-582148e7b980",
///     "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef",
///     "public-sandbox-d5456acb-01d5-4932-9783-e4c883cf1c0c",
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"_links":{"exchange-partner":{"href":"https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"}},"plaid":{"publicToken":"public-sandbox-d5456acb-01d5-4932-9783-e4c883cf1c0c"}}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`InvalidExchangeToken`](crate::ApiErrorKind::InvalidExchangeToken)
/// (400 or 401: the partner's token expired or was already used; get a new
/// one from the partner), [`InactiveExchange`](crate::ApiErrorKind::InactiveExchange),
/// [`InvalidScope`](crate::ApiErrorKind::InvalidScope), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateCustomerExchange {
    customer_id: String,
    exchange_partner_href: String,
    credential: PartnerCredential,
    idempotency_key: Option<String>,
}

/// What the partner handed back, in the form its body needs.
#[derive(Clone, PartialEq, Eq)]
enum PartnerCredential {
    Plaid(String),
    Mx(String),
    Token(String),
    Finicity(FinicityReceipt),
}

impl CreateCustomerExchange {
    fn new(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        credential: PartnerCredential,
    ) -> Self {
        CreateCustomerExchange {
            customer_id: customer_id.into(),
            exchange_partner_href: exchange_partner_href.into(),
            credential,
            idempotency_key: None,
        }
    }

    /// Plaid (open banking): the `public_token` Plaid Link returned.
    pub fn plaid(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        public_token: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            exchange_partner_href,
            PartnerCredential::Plaid(public_token.into()),
        )
    }

    /// MX (open banking): the `availableConnectionToken` of the account the
    /// customer picked (see [`ListAvailableExchangeConnections`] and
    /// [`AvailableExchangeConnection::exchange`]).
    pub fn mx(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        available_connection_token: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            exchange_partner_href,
            PartnerCredential::Mx(available_connection_token.into()),
        )
    }

    /// Token-based exchanges: a Plaid processor token, a Flinks or MX secure
    /// exchange token (top-level `"token"`).
    pub fn token(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        token: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            exchange_partner_href,
            PartnerCredential::Token(token.into()),
        )
    }

    /// Finicity: the consent receipt Finicity Connect returned.
    pub fn finicity(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        receipt: FinicityReceipt,
    ) -> Self {
        Self::new(
            customer_id,
            exchange_partner_href,
            PartnerCredential::Finicity(receipt),
        )
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original exchange instead of creating another.
    /// (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }
    /// The exchange partner href as given.
    pub fn exchange_partner_href(&self) -> &str {
        &self.exchange_partner_href
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    fn check_body_input(&self) -> Result<(), Error> {
        self.credential.check(&self.exchange_partner_href)
    }

    /// The JSON body: byte-identical for the same input.
    fn body(&self) -> Bytes {
        self.credential.body(&self.exchange_partner_href)
    }
}

impl PartnerCredential {
    /// Checks the partner href and the credential.
    fn check(&self, exchange_partner_href: &str) -> Result<(), Error> {
        check_absolute_url("exchange_partner_href", exchange_partner_href)?;
        match self {
            PartnerCredential::Plaid(t) => check_token("public_token", t),
            PartnerCredential::Mx(t) => check_token("available_connection_token", t),
            PartnerCredential::Token(t) => check_token("token", t),
            PartnerCredential::Finicity(r) => r.check(),
        }
    }

    /// The JSON body of a create exchange (a customer's or the account's):
    /// byte-identical for the same input.
    fn body(&self, exchange_partner_href: &str) -> Bytes {
        let mut out = Vec::with_capacity(160 + exchange_partner_href.len());
        out.extend_from_slice(br#"{"_links":{"exchange-partner":{"href":"#);
        push_json_str(&mut out, exchange_partner_href);
        out.extend_from_slice(b"}},");
        match self {
            PartnerCredential::Plaid(t) => {
                out.extend_from_slice(br#""plaid":{"publicToken":"#);
                push_json_str(&mut out, t);
                out.push(b'}');
            }
            PartnerCredential::Mx(t) => {
                out.extend_from_slice(br#""mx":{"availableConnectionToken":"#);
                push_json_str(&mut out, t);
                out.push(b'}');
            }
            PartnerCredential::Token(t) => {
                out.extend_from_slice(br#""token":"#);
                push_json_str(&mut out, t);
            }
            PartnerCredential::Finicity(r) => {
                out.extend_from_slice(br#""finicity":"#);
                // Plain strings and integers: writing them to a Vec cannot fail.
                let _ = serde_json::to_writer(&mut out, r);
            }
        }
        out.push(b'}');
        Bytes::from(out)
    }

    /// Its `Debug` field: the partner's token links a bank account, so it is
    /// left out, like every credential.
    fn debug_field(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        match self {
            PartnerCredential::Plaid(t) => d.field("plaid_public_token", &Redacted(t)),
            PartnerCredential::Mx(t) => d.field("mx_available_connection_token", &Redacted(t)),
            PartnerCredential::Token(t) => d.field("token", &Redacted(t)),
            PartnerCredential::Finicity(r) => d.field("finicity", r),
        };
    }
}

impl fmt::Debug for CreateCustomerExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateCustomerExchange");
        d.field("customer_id", &self.customer_id)
            .field("exchange_partner_href", &self.exchange_partner_href);
        self.credential.debug_field(&mut d);
        d.field("idempotency_key", &self.idempotency_key).finish()
    }
}

impl Operation for CreateCustomerExchange {
    type Output = ExchangeCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        self.check_body_input()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/exchanges"])?;
        hal_request(Method::POST, uri, token, Some(self.body()), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ExchangeCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomerExchange"
    }
}

/// A created exchange: where it lives, and how to retrieve it. Its
/// [`location`](Created::location) is the exchange href
/// [`CreateCustomerFundingSource::from_exchange`](crate::funding_sources::CreateCustomerFundingSource::from_exchange)
/// takes.
pub type ExchangeCreated = Created<RetrieveExchange>;

/// `POST /exchanges`: an exchange for the application's *own* account (not a
/// customer's), from what the partner handed back. The body depends on the
/// partner, as the spec documents it for this endpoint:
///
/// | constructor | partner | body |
/// |---|---|---|
/// | [`token`](Self::token) | MX, Plaid or Flinks secure exchange | `"token":..` |
/// | [`finicity`](Self::finicity) | Finicity | `"finicity":{..}` ([`FinicityReceipt`]) |
///
/// The bodies are those of [`CreateCustomerExchange::token`] and
/// [`CreateCustomerExchange::finicity`]; the partner's token never shows in
/// `Debug`.
///
/// ```
/// use dwolla_core::exchanges::CreateAccountExchange;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateAccountExchange::token(
///     "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
///     "sandbox-token-abc123",
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/exchanges");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"_links":{"exchange-partner":{"href":"https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}},"token":"sandbox-token-abc123"}"#
/// );
/// assert!(!format!("{op:?}").contains("sandbox-token-abc123"));
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`InvalidExchangeToken`](crate::ApiErrorKind::InvalidExchangeToken)
/// (the partner's token expired or was already used),
/// [`InactiveExchange`](crate::ApiErrorKind::InactiveExchange) (400, or the
/// spec's 401 `InvalidExchange`), [`Forbidden`](crate::ApiErrorKind::Forbidden),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateAccountExchange {
    exchange_partner_href: String,
    credential: PartnerCredential,
    idempotency_key: Option<String>,
}

impl CreateAccountExchange {
    /// A secure-exchange token from MX, Plaid (a processor token) or Flinks
    /// (top-level `"token"`).
    pub fn token(exchange_partner_href: impl Into<String>, token: impl Into<String>) -> Self {
        CreateAccountExchange {
            exchange_partner_href: exchange_partner_href.into(),
            credential: PartnerCredential::Token(token.into()),
            idempotency_key: None,
        }
    }

    /// Finicity: the consent receipt Finicity Connect returned.
    pub fn finicity(exchange_partner_href: impl Into<String>, receipt: FinicityReceipt) -> Self {
        CreateAccountExchange {
            exchange_partner_href: exchange_partner_href.into(),
            credential: PartnerCredential::Finicity(receipt),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original exchange instead of creating another.
    /// (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The exchange partner href as given.
    pub fn exchange_partner_href(&self) -> &str {
        &self.exchange_partner_href
    }
}

impl fmt::Debug for CreateAccountExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateAccountExchange");
        d.field("exchange_partner_href", &self.exchange_partner_href);
        self.credential.debug_field(&mut d);
        d.field("idempotency_key", &self.idempotency_key).finish()
    }
}

impl Operation for CreateAccountExchange {
    type Output = ExchangeCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        self.credential.check(&self.exchange_partner_href)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/exchanges"])?;
        let body = self.credential.body(&self.exchange_partner_href);
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ExchangeCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createAccountExchange"
    }
}

/// `GET /exchanges`: the exchanges of the application's own account.
///
/// ```
/// use dwolla_core::exchanges::ListAccountExchanges;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = ListAccountExchanges::new().build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/exchanges");
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListAccountExchanges;

impl ListAccountExchanges {
    /// The operation.
    pub fn new() -> Self {
        ListAccountExchanges
    }
}

impl Operation for ListAccountExchanges {
    type Output = AccountExchanges;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let uri = request_uri(env, &["/exchanges"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An exchange is kept when it has an id (or a `self` link to take it
    /// from); one without is skipped (see [`List::skipped`]).
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<AccountExchanges, Error> {
        response::list(response, "exchanges", Exchange::from_wire)
    }

    fn name(&self) -> &'static str {
        "listAccountExchanges"
    }
}

/// The account's own exchanges (`GET /exchanges`), read as a customer's are.
pub type AccountExchanges = List<Exchange>;

/// Finicity's consent receipt, sent as the `finicity` object of
/// [`CreateCustomerExchange::finicity`] (fields in the order and spelling of
/// Dwolla's spec; unset optional fields are left out).
///
/// ```
/// use dwolla_core::exchanges::{FinicityProduct, FinicityReceipt};
///
/// let receipt = FinicityReceipt::new("cr_4N47ou7SlppuIxq0ZUtACh10vYcloY", "5454874858510164117", 2445583946651)
///     .profile(3)
///     .version("1")
///     .receipt_version("1")
///     .product(
///         FinicityProduct::new("moneyTransferDetails", "1015199035827334916")
///             .access_period("timeframe", "2022-07-06", "2022-08-16T06:06:20Z"),
///     )
///     .timestamp("2022-07-11T06:06:23Z");
/// # let _ = receipt;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityReceipt {
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    receipt_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt_version: Option<String>,
    customer_id: String,
    partner_id: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    products: Vec<FinicityProduct>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
}

impl FinicityReceipt {
    /// A receipt with its id, Finicity's customer id and partner id.
    pub fn new(
        receipt_id: impl Into<String>,
        customer_id: impl Into<String>,
        partner_id: i64,
    ) -> Self {
        FinicityReceipt {
            profile: None,
            version: None,
            receipt_id: receipt_id.into(),
            receipt_version: None,
            customer_id: customer_id.into(),
            partner_id,
            products: Vec::new(),
            timestamp: None,
        }
    }
    /// `profile`.
    pub fn profile(mut self, profile: i32) -> Self {
        self.profile = Some(profile);
        self
    }
    /// `version`.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }
    /// `receiptVersion`.
    pub fn receipt_version(mut self, version: impl Into<String>) -> Self {
        self.receipt_version = Some(version.into());
        self
    }
    /// Adds one of `products`.
    pub fn product(mut self, product: FinicityProduct) -> Self {
        self.products.push(product);
        self
    }
    /// `timestamp` (RFC 3339), as Finicity sent it.
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_token("finicity.receipt_id", &self.receipt_id)?;
        check_token("finicity.customer_id", &self.customer_id)?;
        for p in &self.products {
            check_token("finicity.products.product", &p.product)?;
            check_token("finicity.products.account_id", &p.account_id)?;
        }
        Ok(())
    }
}

/// One of the products a [`FinicityReceipt`] grants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityProduct {
    product: String,
    account_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_period: Option<FinicityAccessPeriod>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct FinicityAccessPeriod {
    #[serde(rename = "type")]
    kind: String,
    start_time: String,
    end_time: String,
}

impl FinicityProduct {
    /// A product (e.g. `moneyTransferDetails`) for a Finicity account id.
    pub fn new(product: impl Into<String>, account_id: impl Into<String>) -> Self {
        FinicityProduct {
            product: product.into(),
            account_id: account_id.into(),
            access_period: None,
        }
    }
    /// `accessPeriod`: its `type` (e.g. `timeframe`), `startTime` and `endTime`.
    pub fn access_period(
        mut self,
        kind: impl Into<String>,
        start_time: impl Into<String>,
        end_time: impl Into<String>,
    ) -> Self {
        self.access_period = Some(FinicityAccessPeriod {
            kind: kind.into(),
            start_time: start_time.into(),
            end_time: end_time.into(),
        });
        self
    }
}

/// `GET /exchanges/{id}`: one exchange. Takes its id or its URL (the
/// `Location` that create returned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveExchange {
    id: String,
}

impl RetrieveExchange {
    /// The exchange with this id or URL.
    pub fn new(id_or_url: impl Into<String>) -> Self {
        RetrieveExchange {
            id: id_or_url.into(),
        }
    }
}

impl FromLocation for RetrieveExchange {
    fn from_location(location: String) -> Self {
        RetrieveExchange::new(location)
    }
}

impl Operation for RetrieveExchange {
    type Output = Exchange;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("exchange_id", &self.id, "exchanges")?;
        hal_request(
            Method::GET,
            request_uri(env, &["/exchanges/", &id])?,
            token,
            None,
            None,
        )
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Exchange, Error> {
        response::json(response, Exchange::from_wire)
    }

    fn name(&self) -> &'static str {
        "getExchange"
    }
}

/// `GET /customers/{id}/exchanges`: a customer's exchanges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerExchanges {
    customer_id: String,
}

impl ListCustomerExchanges {
    /// The exchanges of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerExchanges {
            customer_id: customer_id.into(),
        }
    }
}

impl Operation for ListCustomerExchanges {
    type Output = CustomerExchanges;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let uri = request_uri(env, &["/customers/", &id, "/exchanges"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An exchange is kept when it has an id (or a `self` link to take it
    /// from); one without is skipped (see [`List::skipped`]).
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<CustomerExchanges, Error> {
        response::list(response, "exchanges", Exchange::from_wire)
    }

    fn name(&self) -> &'static str {
        "listCustomerExchanges"
    }
}

/// A customer's exchanges (`GET /customers/{id}/exchanges`). An exchange with
/// neither an id nor a `self` link is skipped ([`List::skipped`]); the others
/// are kept.
pub type CustomerExchanges = List<Exchange>;

#[derive(Deserialize)]
struct WireExchange {
    #[serde(default, rename = "_links")]
    links: Object<WireExchangeLinks>,
    #[serde(default)]
    id: Text,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    created: Text,
}

#[derive(Default, Deserialize)]
struct WireExchangeLinks {
    #[serde(default, rename = "self")]
    self_: Link,
    #[serde(default, rename = "exchange-partner")]
    exchange_partner: Link,
    #[serde(default)]
    customer: Link,
    #[serde(default, rename = "funding-sources")]
    funding_sources: Link,
}

/// An exchange: a customer's bank login linked through a partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    id: String,
    status: ExchangeStatus,
    created: Option<String>,
    self_href: Option<String>,
    exchange_partner_href: Option<String>,
    customer_href: Option<String>,
    funding_sources_href: Option<String>,
}

open_enum! {
    /// An exchange's status. Unknown statuses are kept, not rejected.
    pub enum ExchangeStatus {
        /// `active`: funding sources can be created from it.
        Active => "active",
        /// `deactivated`: re-authenticate it, or start a new exchange.
        Deactivated => "deactivated",
        /// `removed`.
        Removed => "removed",
    }
}

impl Exchange {
    fn from_wire(wire: WireExchange) -> Result<Exchange, &'static str> {
        let links = wire.links.0.unwrap_or_default();
        let self_href = links.self_.into_href();
        let id = response::id_or_self(wire.id.0, self_href.as_deref())
            .ok_or("an exchange has neither an id nor a self link")?;
        Ok(Exchange {
            id,
            status: ExchangeStatus::from_wire(wire.status.0.as_deref().unwrap_or("")),
            created: wire.created.0,
            self_href,
            exchange_partner_href: links.exchange_partner.into_href(),
            customer_href: links.customer.into_href(),
            funding_sources_href: links.funding_sources.into_href(),
        })
    }

    /// Its id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its status (an empty [`ExchangeStatus::Other`] if Dwolla sent none).
    pub fn status(&self) -> &ExchangeStatus {
        &self.status
    }
    /// True when funding sources can be created from it.
    pub fn is_active(&self) -> bool {
        self.status == ExchangeStatus::Active
    }
    /// When it was created, as sent (RFC 3339).
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }
    /// Its own URL (`_links.self`): the exchange href a funding source is
    /// created from.
    pub fn self_href(&self) -> Option<&str> {
        self.self_href.as_deref()
    }
    /// The exchange partner's URL.
    pub fn exchange_partner_href(&self) -> Option<&str> {
        self.exchange_partner_href.as_deref()
    }
    /// The customer's URL.
    pub fn customer_href(&self) -> Option<&str> {
        self.customer_href.as_deref()
    }
    /// The funding sources link (`_links["funding-sources"]`).
    pub fn funding_sources_href(&self) -> Option<&str> {
        self.funding_sources_href.as_deref()
    }
}

/// `GET /customers/{id}/available-exchange-connections`: the bank accounts a
/// customer authorised in MX Connect, each with the token to create an
/// exchange from ([`AvailableExchangeConnection::exchange`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAvailableExchangeConnections {
    customer_id: String,
}

impl ListAvailableExchangeConnections {
    /// The connections of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListAvailableExchangeConnections {
            customer_id: customer_id.into(),
        }
    }
}

impl Operation for ListAvailableExchangeConnections {
    type Output = AvailableExchangeConnections;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let uri = request_uri(
            env,
            &["/customers/", &id, "/available-exchange-connections"],
        )?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A connection is kept when it has an `availableConnectionToken` (its
    /// name may be missing); one without is skipped (see [`List::skipped`]).
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<AvailableExchangeConnections, Error> {
        response::list(
            response,
            "available-exchange-connections",
            |c: WireConnection| {
                Ok(AvailableExchangeConnection {
                    token: c.available_connection_token.0.ok_or(
                        "an available exchange connection has no availableConnectionToken",
                    )?,
                    name: c.name.0,
                })
            },
        )
    }

    fn name(&self) -> &'static str {
        "listAvailableExchangeConnections"
    }
}

#[derive(Deserialize)]
struct WireConnection {
    #[serde(default, rename = "availableConnectionToken")]
    available_connection_token: Text,
    #[serde(default)]
    name: Text,
}

/// The bank accounts a customer authorised in MX Connect. A connection
/// without an `availableConnectionToken` is skipped ([`List::skipped`]); one
/// without a name is kept.
pub type AvailableExchangeConnections = List<AvailableExchangeConnection>;

impl List<AvailableExchangeConnection> {
    /// The connection with this account name, compared case-insensitively.
    pub fn find_by_name(&self, name: &str) -> Option<&AvailableExchangeConnection> {
        let name = name.trim();
        self.iter().find(|c| {
            c.name()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
        })
    }
}

/// One bank account a customer authorised in MX Connect.
#[derive(Clone, PartialEq, Eq)]
pub struct AvailableExchangeConnection {
    token: String,
    name: Option<String>,
}

impl AvailableExchangeConnection {
    /// The account's name, e.g. `XYZ Checking`, when Dwolla sent one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The `availableConnectionToken` to create an exchange with.
    pub fn available_connection_token(&self) -> &str {
        &self.token
    }
    /// The [`CreateCustomerExchange::mx`] operation for this account.
    pub fn exchange(
        &self,
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
    ) -> CreateCustomerExchange {
        CreateCustomerExchange::mx(customer_id, exchange_partner_href, self.token.clone())
    }
}

impl fmt::Debug for AvailableExchangeConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AvailableExchangeConnection")
            .field("name", &self.name)
            .field("available_connection_token", &Redacted(&self.token))
            .finish()
    }
}
