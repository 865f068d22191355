//! Funding sources: the bank accounts (and balances, and virtual account
//! numbers) money moves from and to, and how bank accounts get verified.
//!
//! - [`CreateCustomerFundingSource`]: `POST /customers/{id}/funding-sources`,
//!   one constructor per body form: [`bank`](CreateCustomerFundingSource::bank)
//!   (routing and account numbers), [`plaid`](CreateCustomerFundingSource::plaid)
//!   (a Plaid processor token), [`from_exchange`](CreateCustomerFundingSource::from_exchange)
//!   (an open-banking exchange, verified at once) and
//!   [`virtual_account`](CreateCustomerFundingSource::virtual_account) (a VAN)
//! - [`ListCustomerFundingSources`]: `GET /customers/{id}/funding-sources`
//! - [`RetrieveFundingSource`]: `GET /funding-sources/{id}`
//! - [`UpdateFundingSource`]: `POST /funding-sources/{id}` (rename, correct
//!   the bank details of an unverified bank, or remove)
//! - [`RetrieveMicroDeposits`]: `GET /funding-sources/{id}/micro-deposits`
//! - [`InitiateOrVerifyMicroDeposits`]: `POST /funding-sources/{id}/micro-deposits`
//!   (with typed outcomes, [`MicroDeposits`])
//! - [`RetrieveFundingSourceBalance`]: `GET /funding-sources/{id}/balance`
//! - [`RetrieveVanRouting`]: `GET /funding-sources/{id}/ach-routing`
//! - [`CreateOnDemandTransferAuthorization`]: `POST /on-demand-authorizations`
//!
//! The account's own funding sources are in [`accounts`](crate::accounts).
//!
//! Routing and account numbers are secrets: no `Debug` output, log line or
//! error reason of this SDK contains them. A routing number is checked
//! (nine digits, the ABA checksum) and an account number (4 to 17 digits)
//! before any request exists; see [`is_valid_routing_number`].
//!
//! Verifying a bank with micro-deposits: [`initiate`](InitiateOrVerifyMicroDeposits::initiate)
//! them, wait until the funding source has a `verify-micro-deposits` link
//! ([`FundingSource::can_verify_micro_deposits`]; 1-2 business days in
//! production, at once in the sandbox), then [`verify`](InitiateOrVerifyMicroDeposits::verify)
//! the two amounts. Three wrong tries end it
//! ([`TooManyAttempts`](crate::ApiErrorKind::TooManyAttempts)).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use http::{Method, StatusCode};

use crate::body::json_object;
use crate::created::{Created, FromLocation};
use crate::environment::Environment;
use crate::error::{ApiError, Error, UnexpectedResponse};
use crate::list::List;
use crate::model::{model, FromWire};
use crate::money::{check_positive, Amount};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_absolute_url, check_name, check_token, hal_request, href_of, id_segment,
    id_segment_or_sub, optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// The longest funding source name Dwolla accepts, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// The fewest digits of a bank account number Dwolla accepts.
pub const MIN_ACCOUNT_NUMBER_DIGITS: usize = 4;

/// The most digits of a bank account number Dwolla accepts.
pub const MAX_ACCOUNT_NUMBER_DIGITS: usize = 17;

// ---------------------------------------------------------------------------
// Routing and account numbers
// ---------------------------------------------------------------------------

/// True when `routing_number` is an ABA routing number: exactly nine ASCII
/// digits d1..d9 with 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
///
/// What Dwolla checks besides (the first two digits in 01-12 or 21-32, the
/// bank existing) is left to Dwolla.
///
/// ```
/// use dwolla_core::funding_sources::is_valid_routing_number;
///
/// assert!(is_valid_routing_number("222222226")); // Dwolla's sandbox test bank
/// assert!(!is_valid_routing_number("222222227")); // one digit mistyped
/// assert!(!is_valid_routing_number("22222222")); // eight digits
/// ```
pub fn is_valid_routing_number(routing_number: &str) -> bool {
    let b = routing_number.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d = |i: usize| u32::from(b[i] - b'0');
    (3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5) + d(8))) % 10 == 0
}

/// True when `account_number` is what Dwolla takes for a bank account
/// number: 4 to 17 ASCII digits.
pub fn is_valid_account_number(account_number: &str) -> bool {
    (MIN_ACCOUNT_NUMBER_DIGITS..=MAX_ACCOUNT_NUMBER_DIGITS).contains(&account_number.len())
        && account_number.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a routing number; the reason never contains it.
pub(crate) fn check_routing_number(field: &'static str, value: &str) -> Result<(), Error> {
    if value.len() != 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            field,
            "must be exactly 9 digits (nothing else, no spaces)",
        ));
    }
    if !is_valid_routing_number(value) {
        return Err(Error::invalid(
            field,
            "is not a valid ABA routing number (its check digit does not match): look for a mistyped digit",
        ));
    }
    Ok(())
}

/// Checks an account number; the reason never contains it.
pub(crate) fn check_account_number(field: &'static str, value: &str) -> Result<(), Error> {
    if !is_valid_account_number(value) {
        return Err(Error::invalid(
            field,
            "must be 4 to 17 digits (nothing else, no spaces)",
        ));
    }
    Ok(())
}

/// `bankAccountType` of the forms that take only `checking` or `savings`.
pub(crate) fn check_checking_or_savings(
    bank_account_type: BankAccountType,
    form: &'static str,
) -> Result<(), Error> {
    match bank_account_type {
        BankAccountType::Checking | BankAccountType::Savings => Ok(()),
        _ => Err(Error::invalid(
            "bank_account_type",
            format!("must be `checking` or `savings` for {form} (`general-ledger` and `loan` need routing and account numbers)"),
        )),
    }
}

/// `channels`: only `wire` can be asked for (ACH is the default).
pub(crate) fn check_channels(channels: &[Channel]) -> Result<(), Error> {
    if channels.iter().any(|c| c != &Channel::Wire) {
        return Err(Error::invalid(
            "channels",
            "may only hold `wire` (ACH is every bank's default channel)",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

/// A bank account's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BankAccountType {
    /// `checking`.
    Checking,
    /// `savings`.
    Savings,
    /// `general-ledger`: exempt business verified customers only, once
    /// Dwolla has approved it for the account.
    GeneralLedger,
    /// `loan`: verified customers only, credits only, once Dwolla has
    /// approved it for the account.
    Loan,
}

impl BankAccountType {
    /// As Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BankAccountType::Checking => "checking",
            BankAccountType::Savings => "savings",
            BankAccountType::GeneralLedger => "general-ledger",
            BankAccountType::Loan => "loan",
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

    /// `checking`, `savings`, `general-ledger` or `loan`, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        [
            BankAccountType::Checking,
            BankAccountType::Savings,
            BankAccountType::GeneralLedger,
            BankAccountType::Loan,
        ]
        .into_iter()
        .find(|t| s.eq_ignore_ascii_case(t.as_str()))
        .ok_or_else(|| {
            Error::invalid(
                "bank_account_type",
                "must be `checking`, `savings`, `general-ledger` or `loan`",
            )
        })
    }
}

open_enum! {
    /// A payment channel of a funding source. When creating a bank funding
    /// source only [`Wire`](Channel::Wire) can be asked for (ACH is every
    /// bank's default; wire is a premium feature Dwolla enables per
    /// account); a funding source lists every channel it supports
    /// ([`FundingSource::supports`]). Unknown channels are kept.
    pub enum Channel {
        /// `ach`: every bank's default.
        Ach => "ach",
        /// `real-time-payments`: RTP (or FedNow) credits.
        RealTimePayments => "real-time-payments",
        /// `wire`: wires to the bank account, from a balance.
        Wire => "wire",
        /// `external`: a virtual account number's channel.
        External => "external",
    }
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
        /// `virtual`: a virtual account number (VAN) in front of a balance.
        Virtual => "virtual",
    }
}

// ---------------------------------------------------------------------------
// POST /customers/{id}/funding-sources
// ---------------------------------------------------------------------------

/// `POST /customers/{id}/funding-sources`: a funding source for a customer.
///
/// One constructor per body form of the spec, all with the customer (id or
/// URL) first and a name of 1 to [`MAX_NAME_CHARS`] characters:
///
/// | constructor | body | verified |
/// |---|---|---|
/// | [`bank`](Self::bank) | `routingNumber`, `accountNumber`, `bankAccountType`, `name` | no: micro-deposits |
/// | [`plaid`](Self::plaid) | `plaidToken`, `bankAccountType`, `name` | at once |
/// | [`from_exchange`](Self::from_exchange) | `_links.exchange`, `bankAccountType`, `name` | at once |
/// | [`virtual_account`](Self::virtual_account) | `name`, `type: virtual`, `bankAccountType: checking` | at once |
///
/// Options: [`on_demand_authorization`](Self::on_demand_authorization) (not
/// for a VAN), [`channels`](Self::channels) (`bank` and `plaid` only) and
/// [`idempotency_key`](Self::idempotency_key).
///
/// ```
/// use dwolla_core::funding_sources::{BankAccountType, Channel, CreateCustomerFundingSource};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerFundingSource::bank(
///     "74a207b2-b7b7-4efa-8bf8-582148e7b980",
///     "222222226",
///     "123456789",
///     BankAccountType::Checking,
///     "Jane Doe's Checking",
/// )
/// .channels([Channel::Wire]);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"routingNumber":"222222226","accountNumber":"123456789","bankAccountType":"checking","name":"Jane Doe's Checking","channels":["wire"]}"#
/// );
/// // The numbers never show in Debug output.
/// assert!(!format!("{op:?}").contains("123456789"));
///
/// // A mistyped routing number is refused before any request exists, and
/// // the error does not repeat it.
/// let typo = CreateCustomerFundingSource::bank("c", "222222227", "123456789", BankAccountType::Checking, "x");
/// let err = typo.validate().unwrap_err();
/// assert!(matches!(&err, dwolla_core::Error::InvalidInput(i) if i.field() == "routing_number"));
/// assert!(!err.to_string().contains("222222227"));
///
/// // From an exchange: verified at once, no micro-deposits.
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
/// Errors to expect: [`DuplicateFundingSource`](crate::ApiErrorKind::DuplicateFundingSource)
/// (the account already is a funding source: [`ApiError::about_href`](crate::ApiError::about_href)
/// is the existing one), [`Validation`](crate::ApiErrorKind::Validation) (Dwolla's own checks
/// of the numbers), [`InactiveExchange`](crate::ApiErrorKind::InactiveExchange),
/// [`InvalidExchangeToken`](crate::ApiErrorKind::InvalidExchangeToken),
/// [`UpdateCredentials`](crate::ApiErrorKind::UpdateCredentials) (re-authenticate
/// the exchange), [`Forbidden`](crate::ApiErrorKind::Forbidden) (e.g. VANs not
/// enabled), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateCustomerFundingSource {
    customer_id: String,
    source: NewFundingSource,
    idempotency_key: Option<String>,
}

/// A new funding source as a create sends it: its name, its form, and what
/// the forms may add. A customer's create ([`CreateCustomerFundingSource`])
/// takes every form; the account's own
/// ([`CreateAccountFundingSource`](crate::accounts::CreateAccountFundingSource))
/// the bank and exchange forms, checked and written alike.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct NewFundingSource {
    name: String,
    form: CreateForm,
    on_demand_authorization_href: Option<String>,
    channels: Vec<Channel>,
}

/// The body form, with what only that form carries.
#[derive(Clone, PartialEq, Eq)]
enum CreateForm {
    Bank {
        routing_number: String,
        account_number: String,
        bank_account_type: BankAccountType,
    },
    Plaid {
        token: String,
        bank_account_type: BankAccountType,
    },
    Exchange {
        exchange: String,
        bank_account_type: BankAccountType,
    },
    Virtual,
}

impl NewFundingSource {
    fn new(name: impl Into<String>, form: CreateForm) -> Self {
        NewFundingSource {
            name: name.into(),
            form,
            on_demand_authorization_href: None,
            channels: Vec::new(),
        }
    }

    /// A bank account by its routing and account numbers.
    pub(crate) fn bank(
        routing_number: impl Into<String>,
        account_number: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        Self::new(
            name,
            CreateForm::Bank {
                routing_number: routing_number.into(),
                account_number: account_number.into(),
                bank_account_type,
            },
        )
    }

    /// The bank account behind an exchange (its URL or id).
    pub(crate) fn from_exchange(
        exchange: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        Self::new(
            name,
            CreateForm::Exchange {
                exchange: exchange.into(),
                bank_account_type,
            },
        )
    }

    /// `channels`.
    pub(crate) fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        self.channels = channels.into_iter().collect();
        self
    }

    /// The exchange (URL or id) as given; empty for another form.
    fn exchange(&self) -> &str {
        match &self.form {
            CreateForm::Exchange { exchange, .. } => exchange,
            _ => "",
        }
    }

    /// The bank account type (`checking` for a virtual account number).
    pub(crate) fn bank_account_type(&self) -> BankAccountType {
        match &self.form {
            CreateForm::Bank {
                bank_account_type, ..
            }
            | CreateForm::Plaid {
                bank_account_type, ..
            }
            | CreateForm::Exchange {
                bank_account_type, ..
            } => *bank_account_type,
            CreateForm::Virtual => BankAccountType::Checking,
        }
    }

    /// Checks every field; returns the exchange href to send, for that form.
    pub(crate) fn check(&self, env: &Environment) -> Result<Option<Cow<'_, str>>, Error> {
        let exchange_href = self.check_form(env)?;
        check_name("name", &self.name, MAX_NAME_CHARS)?;
        if let Some(href) = &self.on_demand_authorization_href {
            check_absolute_url("on_demand_authorization", href)?;
        }
        Ok(exchange_href)
    }
}

impl CreateCustomerFundingSource {
    fn new(customer_id: impl Into<String>, source: NewFundingSource) -> Self {
        CreateCustomerFundingSource {
            customer_id: customer_id.into(),
            source,
            idempotency_key: None,
        }
    }

    /// A bank account by its routing number (nine digits, ABA checksum:
    /// Dwolla's sandbox bank is `222222226`) and account number (4 to 17
    /// digits). It starts `unverified`: verify it with micro-deposits
    /// ([`InitiateOrVerifyMicroDeposits`]). `general-ledger` and `loan`
    /// accounts need Dwolla's approval for the account.
    pub fn bank(
        customer_id: impl Into<String>,
        routing_number: impl Into<String>,
        account_number: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            NewFundingSource::bank(routing_number, account_number, bank_account_type, name),
        )
    }

    /// A bank account from a Plaid *processor* token (`plaidToken`), added
    /// and verified at once. `checking` or `savings`.
    pub fn plaid(
        customer_id: impl Into<String>,
        processor_token: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            NewFundingSource::new(
                name,
                CreateForm::Plaid {
                    token: processor_token.into(),
                    bank_account_type,
                },
            ),
        )
    }

    /// A funding source for the bank account behind `exchange` (its URL or
    /// id), verified at once. `checking` or `savings`.
    pub fn from_exchange(
        customer_id: impl Into<String>,
        exchange: impl Into<String>,
        bank_account_type: BankAccountType,
        name: impl Into<String>,
    ) -> Self {
        Self::new(
            customer_id,
            NewFundingSource::from_exchange(exchange, bank_account_type, name),
        )
    }

    /// A virtual account number (VAN): account and routing numbers in front
    /// of a verified customer's balance (`type: virtual`, always `checking`).
    /// A premium feature: Dwolla answers 403 unless it is enabled. Its
    /// numbers: [`RetrieveVanRouting`].
    pub fn virtual_account(customer_id: impl Into<String>, name: impl Into<String>) -> Self {
        Self::new(
            customer_id,
            NewFundingSource::new(name, CreateForm::Virtual),
        )
    }

    /// Links an on-demand authorization (`_links["on-demand-authorization"]`,
    /// the URL [`CreateOnDemandTransferAuthorization`] returned), for
    /// variable or future debits without a new authorization each time.
    /// Not for a virtual account number.
    pub fn on_demand_authorization(mut self, href: impl Into<String>) -> Self {
        self.source.on_demand_authorization_href = Some(href.into());
        self
    }

    /// `channels`: processing channels beside ACH. Only [`Channel::Wire`]
    /// can be asked for, on the [`bank`](Self::bank) and
    /// [`plaid`](Self::plaid) forms (a premium feature; a wire funding
    /// source only receives, from a balance).
    pub fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        self.source = self.source.channels(channels);
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
    /// The exchange (URL or id) as given; empty unless made with
    /// [`from_exchange`](Self::from_exchange).
    pub fn exchange(&self) -> &str {
        self.source.exchange()
    }
    /// The bank account type (`checking` for a virtual account number).
    pub fn bank_account_type(&self) -> BankAccountType {
        self.source.bank_account_type()
    }
    /// The name as given.
    pub fn name(&self) -> &str {
        &self.source.name
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }
}

impl NewFundingSource {
    /// Checks what only this form carries; returns the exchange href to
    /// send, for that form.
    fn check_form(&self, env: &Environment) -> Result<Option<Cow<'_, str>>, Error> {
        match &self.form {
            CreateForm::Bank {
                routing_number,
                account_number,
                ..
            } => {
                check_routing_number("routing_number", routing_number)?;
                check_account_number("account_number", account_number)?;
            }
            CreateForm::Plaid {
                token,
                bank_account_type,
            } => {
                check_token("plaid_token", token)?;
                check_checking_or_savings(*bank_account_type, "a funding source from Plaid")?;
            }
            CreateForm::Exchange {
                exchange,
                bank_account_type,
            } => {
                let href = href_of(env, "exchange", exchange, &["exchanges"])?;
                check_checking_or_savings(*bank_account_type, "a funding source from an exchange")?;
                if !self.channels.is_empty() {
                    return Err(Error::invalid(
                        "channels",
                        "cannot be set on a funding source from an exchange",
                    ));
                }
                return Ok(Some(href));
            }
            CreateForm::Virtual => {
                if self.on_demand_authorization_href.is_some() {
                    return Err(Error::invalid(
                        "on_demand_authorization",
                        "cannot be set on a virtual account number (it is never debited)",
                    ));
                }
                if !self.channels.is_empty() {
                    return Err(Error::invalid(
                        "channels",
                        "cannot be set on a virtual account number",
                    ));
                }
            }
        }
        check_channels(&self.channels)?;
        Ok(None)
    }

    /// The JSON body: byte-identical for the same input, members in the
    /// order of Dwolla's examples.
    pub(crate) fn body(&self, exchange_href: Option<&str>) -> Bytes {
        let oda = self.on_demand_authorization_href.as_deref();
        json_object(160 + self.name.len(), |w| {
            if exchange_href.is_some() || oda.is_some() {
                w.object("_links", |l| {
                    if let Some(href) = exchange_href {
                        l.link("exchange", href);
                    }
                    if let Some(href) = oda {
                        l.link("on-demand-authorization", href);
                    }
                });
            }
            match &self.form {
                CreateForm::Bank {
                    routing_number,
                    account_number,
                    bank_account_type,
                } => {
                    w.str("routingNumber", routing_number)
                        .str("accountNumber", account_number)
                        .str("bankAccountType", bank_account_type.as_str())
                        .str("name", &self.name);
                }
                CreateForm::Plaid {
                    token,
                    bank_account_type,
                } => {
                    w.str("plaidToken", token)
                        .str("bankAccountType", bank_account_type.as_str())
                        .str("name", &self.name);
                }
                CreateForm::Exchange {
                    bank_account_type, ..
                } => {
                    w.str("bankAccountType", bank_account_type.as_str())
                        .str("name", &self.name);
                }
                CreateForm::Virtual => {
                    w.str("name", &self.name)
                        .str("type", "virtual")
                        .str("bankAccountType", "checking");
                }
            }
            if !self.channels.is_empty() {
                let channels: Vec<&str> = self.channels.iter().map(Channel::as_str).collect();
                w.strs("channels", &channels);
            }
        })
    }

    /// Its fields in a `Debug` (routing and account numbers and a Plaid
    /// token show only their lengths).
    pub(crate) fn debug_fields(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        // Routing and account numbers and the Plaid token are secrets: only
        // their lengths show.
        match &self.form {
            CreateForm::Bank {
                routing_number,
                account_number,
                bank_account_type,
            } => d
                .field("form", &"bank")
                .field("routing_number", &Redacted(routing_number))
                .field("account_number", &Redacted(account_number))
                .field("bank_account_type", bank_account_type),
            CreateForm::Plaid {
                token,
                bank_account_type,
            } => d
                .field("form", &"plaid")
                .field("plaid_token", &Redacted(token))
                .field("bank_account_type", bank_account_type),
            CreateForm::Exchange {
                exchange,
                bank_account_type,
            } => d
                .field("form", &"exchange")
                .field("exchange", exchange)
                .field("bank_account_type", bank_account_type),
            CreateForm::Virtual => d.field("form", &"virtual"),
        };
        d.field("name", &self.name)
            .field(
                "on_demand_authorization",
                &self.on_demand_authorization_href,
            )
            .field("channels", &self.channels);
    }
}

impl fmt::Debug for CreateCustomerFundingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateCustomerFundingSource");
        d.field("customer_id", &self.customer_id);
        self.source.debug_fields(&mut d);
        d.field("idempotency_key", &self.idempotency_key).finish()
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
        let exchange_href = self.source.check(env)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/funding-sources"])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(self.source.body(exchange_href.as_deref())),
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

// ---------------------------------------------------------------------------
// GET /customers/{id}/funding-sources
// ---------------------------------------------------------------------------

/// `GET /customers/{id}/funding-sources`: every funding source of a customer
/// (banks, its balance, VANs), in one response: Dwolla does not page this
/// list.
///
/// ```
/// use dwolla_core::funding_sources::ListCustomerFundingSources;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomerFundingSources::new("74a207b2-b7b7-4efa-8bf8-582148e7b980").removed(false);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/74a207b2-b7b7-4efa-8bf8-582148e7b980/funding-sources?removed=false"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerFundingSources {
    customer_id: String,
    removed: Option<bool>,
}

impl ListCustomerFundingSources {
    /// The funding sources of the customer with this id or URL (removed
    /// ones included, Dwolla's default).
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerFundingSources {
            customer_id: customer_id.into(),
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

impl Operation for ListCustomerFundingSources {
    type Output = List<FundingSource>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let mut query = Query::new();
        query.opt("removed", self.removed);
        let uri = request_uri(
            env,
            &["/customers/", &id, "/funding-sources", query.as_str()],
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
        "listCustomerFundingSources"
    }
}

// ---------------------------------------------------------------------------
// GET /funding-sources/{id}: the model
// ---------------------------------------------------------------------------

/// `GET /funding-sources/{id}`: one funding source, by id or URL (the
/// `Location` that create returned).
pub type RetrieveFundingSource = Retrieve<FundingSource>;

model! {
    /// A funding source as retrieved: a bank account, a balance, a virtual
    /// account number or a debit card. Its [`links`](FundingSource::links)
    /// say what can be done next (typed: [`can_initiate_micro_deposits`](FundingSource::can_initiate_micro_deposits),
    /// [`can_verify_micro_deposits`](FundingSource::can_verify_micro_deposits), ...).
    pub struct FundingSource (WireFundingSource) resource "funding source" {
        /// Its status (an empty [`FundingSourceStatus::Other`] if Dwolla sent none).
        status: open(FundingSourceStatus) = "status",
        /// Its type (`bank`, `balance`, `virtual`, `card`, ...).
        funding_source_type: open(FundingSourceType) = "type",
        /// `bankAccountType` as sent, whatever its value (see
        /// [`bank_account_type`](FundingSource::bank_account_type)).
        bank_account_type_str: text = "bankAccountType",
        /// Its name.
        name: text = "name",
        /// The bank's name, e.g. `SANDBOX TEST BANK` (Dwolla derives it from
        /// the routing number).
        bank_name: text = "bankName",
        /// When it was created, as sent (RFC 3339).
        created: text = "created",
        /// `removed` as sent (see [`is_removed`](FundingSource::is_removed)).
        removed: flag = "removed",
        /// The payment channels it supports (`ach`, `real-time-payments`,
        /// `wire`, `external`), as sent (see [`supports`](FundingSource::supports)).
        channels: strings = "channels",
        /// The account's fingerprint: equal for the same account and routing
        /// number across customers, kept after removal.
        fingerprint: text = "fingerprint",
        /// `bankUsageType`: `card-network` for a card network settlement account.
        bank_usage_type: text = "bankUsageType",
        /// `balance`: what a balance funding source holds, when Dwolla
        /// includes it (see [`RetrieveFundingSourceBalance`]).
        balance: amount = "balance",
        /// `iavAccountHolders`: the account holder names the bank reported,
        /// for a bank added with instant verification.
        iav_account_holders: object(IavAccountHolders) = "iavAccountHolders",
        /// `cardDetails`: a debit card's masked details.
        card_details: object(CardDetails) = "cardDetails",
    }
}

resource!(
    FundingSource,
    "funding-sources",
    "getFundingSource",
    "funding_source_id"
);

impl FundingSource {
    /// True when it is verified (money can move).
    pub fn is_verified(&self) -> bool {
        self.status() == &FundingSourceStatus::Verified
    }
    /// The bank account type, when it is one this SDK knows.
    pub fn bank_account_type(&self) -> Option<BankAccountType> {
        self.bank_account_type_str()?.parse().ok()
    }
    /// True when it was removed (soft-deleted); false when Dwolla says so or
    /// does not say.
    pub fn is_removed(&self) -> bool {
        self.removed().unwrap_or(false)
    }
    /// True when `channel` is among its [`channels`](Self::channels).
    pub fn supports(&self, channel: &Channel) -> bool {
        self.channels()
            .iter()
            .any(|c| c.eq_ignore_ascii_case(channel.as_str()))
    }

    /// `_links.customer`: the customer's URL.
    pub fn customer_href(&self) -> Option<&str> {
        self.links().get("customer")
    }
    /// `_links.exchange`: the exchange it was created from, if it was.
    pub fn exchange_href(&self) -> Option<&str> {
        self.links().get("exchange")
    }
    /// `_links["on-demand-authorization"]`, when one was linked.
    pub fn on_demand_authorization_href(&self) -> Option<&str> {
        self.links().get("on-demand-authorization")
    }
    /// `_links.remove`: present while it can be removed.
    pub fn remove_href(&self) -> Option<&str> {
        self.links().get("remove")
    }
    /// `_links.balance`: its balance (a balance funding source, or a bank
    /// verified with open banking).
    pub fn balance_href(&self) -> Option<&str> {
        self.links().get("balance")
    }
    /// `_links["initiate-micro-deposits"]`: micro-deposits can be initiated.
    pub fn initiate_micro_deposits_href(&self) -> Option<&str> {
        self.links().get("initiate-micro-deposits")
    }
    /// `_links["verify-micro-deposits"]`: the micro-deposits arrived and
    /// can be verified.
    pub fn verify_micro_deposits_href(&self) -> Option<&str> {
        self.links().get("verify-micro-deposits")
    }
    /// `_links["micro-deposits"]`: the micro-deposits' details.
    pub fn micro_deposits_href(&self) -> Option<&str> {
        self.links().get("micro-deposits")
    }
    /// `_links["failed-verification-micro-deposits"]`: verification failed
    /// (too many attempts): remove the bank and add it again.
    pub fn failed_verification_micro_deposits_href(&self) -> Option<&str> {
        self.links().get("failed-verification-micro-deposits")
    }
    /// `_links["transfer-from-balance"]`: money can leave its balance.
    pub fn transfer_from_balance_href(&self) -> Option<&str> {
        self.links().get("transfer-from-balance")
    }
    /// `_links["transfer-to-balance"]`: money can be moved to its balance.
    pub fn transfer_to_balance_href(&self) -> Option<&str> {
        self.links().get("transfer-to-balance")
    }
    /// `_links["transfer-send"]`: it can send money.
    pub fn transfer_send_href(&self) -> Option<&str> {
        self.links().get("transfer-send")
    }
    /// `_links["transfer-receive"]`: it can receive money.
    pub fn transfer_receive_href(&self) -> Option<&str> {
        self.links().get("transfer-receive")
    }
    /// True when micro-deposits can be initiated now.
    pub fn can_initiate_micro_deposits(&self) -> bool {
        self.initiate_micro_deposits_href().is_some()
    }
    /// True when the micro-deposits arrived and can be verified now.
    pub fn can_verify_micro_deposits(&self) -> bool {
        self.verify_micro_deposits_href().is_some()
    }
    /// True when micro-deposit verification failed for good (too many
    /// attempts).
    pub fn micro_deposit_verification_failed(&self) -> bool {
        self.failed_verification_micro_deposits_href().is_some()
    }
}

model! {
    /// `iavAccountHolders`: the names the bank has on file.
    pub struct IavAccountHolders (WireIavAccountHolders) {
        /// `selected`: the holder name(s) of the account chosen.
        selected: text = "selected",
        /// `other`: names on the bank's other accounts.
        other: strings = "other",
    }
}

model! {
    /// `cardDetails`: a debit card funding source's masked details.
    pub struct CardDetails (WireCardDetails) {
        /// `brand`, e.g. `VISA`.
        brand: text = "brand",
        /// `lastFour`: the card number's last four digits.
        last_four: text = "lastFour",
        /// `expirationMonth` (1-12).
        expiration_month: int = "expirationMonth",
        /// `expirationYear` (four digits).
        expiration_year: int = "expirationYear",
        /// `nameOnCard`.
        name_on_card: text = "nameOnCard",
        /// `bin`: the first 6-8 digits of the card number.
        bin: text = "bin",
        /// `billingAddress`.
        billing_address: object(CardBillingAddress) = "billingAddress",
    }
}

model! {
    /// A card's billing address.
    pub struct CardBillingAddress (WireCardBillingAddress) {
        /// `address1`.
        address1: text = "address1",
        /// `address2`.
        address2: text = "address2",
        /// `address3`.
        address3: text = "address3",
        /// `city`.
        city: text = "city",
        /// `stateProvinceRegion` (two letters).
        state_province_region: text = "stateProvinceRegion",
        /// `country` (ISO 3166-1 alpha-2).
        country: text = "country",
        /// `postalCode`.
        postal_code: text = "postalCode",
    }
}

// ---------------------------------------------------------------------------
// POST /funding-sources/{id}: update or remove
// ---------------------------------------------------------------------------

/// `POST /funding-sources/{id}`: renames a funding source, corrects the bank
/// details of an unverified bank, or removes (soft-deletes) it. One operation
/// (`updateOrRemoveFundingSource`), three forms:
///
/// - [`rename`](Self::rename): `{"name": ..}`, any status;
/// - `rename` plus [`routing_number`](Self::routing_number),
///   [`account_number`](Self::account_number) and/or
///   [`bank_account_type`](Self::bank_account_type): unverified banks only
///   (the name is required with them);
/// - [`remove`](Self::remove): `{"removed": true}`. Pending debits from it
///   still go through; pending credits to it are cancelled. An unverified
///   bank added again within 48 h comes back with the same id.
///
/// ```
/// use dwolla_core::funding_sources::UpdateFundingSource;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let token = AccessToken::new("token");
/// let rename = UpdateFundingSource::rename("692486f8-29f6-4516-a6a5-c69fd2ce854c", "Test Checking - 1234");
/// let request = rename.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/funding-sources/692486f8-29f6-4516-a6a5-c69fd2ce854c");
/// assert_eq!(request.body().as_ref(), br#"{"name":"Test Checking - 1234"}"#);
///
/// let fix = UpdateFundingSource::rename("692486f8-29f6-4516-a6a5-c69fd2ce854c", "Checking")
///     .routing_number("222222226")
///     .account_number("987654321");
/// let request = fix.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"routingNumber":"222222226","accountNumber":"987654321","name":"Checking"}"#
/// );
///
/// let remove = UpdateFundingSource::remove("692486f8-29f6-4516-a6a5-c69fd2ce854c");
/// let request = remove.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(request.body().as_ref(), br#"{"removed":true}"#);
/// # Ok(()) }
/// ```
///
/// The output is the funding source as Dwolla returns it. Should a `200`
/// carry no funding source (the spec documents only "an object"), the result
/// has the id given and no other member.
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) ("Only
/// funding sources of type=\"bank\" can be updated.", "Invalid bank name."),
/// [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState) ("A
/// removed bank cannot be updated.", or bank details of a verified bank),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct UpdateFundingSource {
    id: String,
    /// The new name; `None` for the removal.
    name: Option<String>,
    routing_number: Option<String>,
    account_number: Option<String>,
    bank_account_type: Option<BankAccountType>,
    idempotency_key: Option<String>,
}

impl UpdateFundingSource {
    /// Renames the funding source with this id or URL (1 to
    /// [`MAX_NAME_CHARS`] characters; any status).
    pub fn rename(id_or_url: impl Into<String>, name: impl Into<String>) -> Self {
        UpdateFundingSource {
            id: id_or_url.into(),
            name: Some(name.into()),
            routing_number: None,
            account_number: None,
            bank_account_type: None,
            idempotency_key: None,
        }
    }

    /// Removes (soft-deletes) the funding source with this id or URL: it can
    /// still be retrieved, with `removed: true`.
    pub fn remove(id_or_url: impl Into<String>) -> Self {
        UpdateFundingSource {
            id: id_or_url.into(),
            name: None,
            routing_number: None,
            account_number: None,
            bank_account_type: None,
            idempotency_key: None,
        }
    }

    /// Also sets a new routing number (unverified banks only; nine digits,
    /// ABA checksum).
    pub fn routing_number(mut self, routing_number: impl Into<String>) -> Self {
        self.routing_number = Some(routing_number.into());
        self
    }

    /// Also sets a new account number (unverified banks only; 4 to 17
    /// digits).
    pub fn account_number(mut self, account_number: impl Into<String>) -> Self {
        self.account_number = Some(account_number.into());
        self
    }

    /// Also sets a new bank account type (unverified banks only).
    pub fn bank_account_type(mut self, bank_account_type: BankAccountType) -> Self {
        self.bank_account_type = Some(bank_account_type);
        self
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The funding source id (or URL) as given.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// True for the [`remove`](Self::remove) form.
    pub fn is_remove(&self) -> bool {
        // Only `rename` sets a name.
        self.name.is_none()
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    fn check_body_input(&self) -> Result<(), Error> {
        if self.is_remove() {
            let set = [
                ("routing_number", self.routing_number.is_some()),
                ("account_number", self.account_number.is_some()),
                ("bank_account_type", self.bank_account_type.is_some()),
            ];
            if let Some((field, _)) = set.into_iter().find(|(_, set)| *set) {
                return Err(Error::invalid(
                    field,
                    "cannot be changed by a removal (rename the funding source to update it)",
                ));
            }
            return Ok(());
        }
        check_name(
            "name",
            self.name.as_deref().unwrap_or_default(),
            MAX_NAME_CHARS,
        )?;
        if let Some(r) = &self.routing_number {
            check_routing_number("routing_number", r)?;
        }
        if let Some(a) = &self.account_number {
            check_account_number("account_number", a)?;
        }
        Ok(())
    }

    fn body(&self) -> Bytes {
        json_object(96, |w| {
            if self.is_remove() {
                w.bool("removed", true);
                return;
            }
            w.opt_str("routingNumber", self.routing_number.as_deref())
                .opt_str("accountNumber", self.account_number.as_deref())
                .opt_str(
                    "bankAccountType",
                    self.bank_account_type.map(BankAccountType::as_str),
                )
                .opt_str("name", self.name.as_deref());
        })
    }

    /// The id a body without one is read with.
    fn fallback_id(&self) -> Option<String> {
        id_segment("funding_source_id", &self.id, "funding-sources")
            .ok()
            .map(Cow::into_owned)
    }
}

impl fmt::Debug for UpdateFundingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateFundingSource")
            .field("id", &self.id)
            .field("remove", &self.is_remove())
            .field("name", &self.name)
            .field(
                "routing_number",
                &self.routing_number.as_deref().map(Redacted),
            )
            .field(
                "account_number",
                &self.account_number.as_deref().map(Redacted),
            )
            .field("bank_account_type", &self.bank_account_type)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl Operation for UpdateFundingSource {
    type Output = FundingSource;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("funding_source_id", &self.id, "funding-sources")?;
        self.check_body_input()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/funding-sources/", &id])?;
        hal_request(Method::POST, uri, token, Some(self.body()), key.as_ref())
    }

    /// The funding source Dwolla returns; one without an id (or an empty
    /// `200`) gets the id the request was for.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<FundingSource, Error> {
        let fallback = self.fallback_id();
        if response.status().is_success() && response.body().iter().all(u8::is_ascii_whitespace) {
            if let Some(id) = fallback {
                let mut wire = WireFundingSource::default();
                wire.id.0 = Some(id);
                return FundingSource::from_wire(wire).map_err(|reason| {
                    Error::UnexpectedResponse(UnexpectedResponse::new(
                        response.status(),
                        response.headers().clone(),
                        response.body().clone(),
                        reason,
                    ))
                });
            }
        }
        response::json(response, |mut wire: WireFundingSource| {
            let has_id = wire.id.0.as_deref().is_some_and(|id| !id.is_empty())
                || wire.links.self_href().is_some();
            if !has_id {
                wire.id.0 = fallback;
            }
            FundingSource::from_wire(wire)
        })
    }

    fn name(&self) -> &'static str {
        "updateOrRemoveFundingSource"
    }
}

// ---------------------------------------------------------------------------
// Micro-deposits
// ---------------------------------------------------------------------------

/// `GET /funding-sources/{id}/micro-deposits`: the micro-deposits of a
/// funding source: whether they are `pending`, `processed` (ready to verify)
/// or `failed` (and why). Takes the funding source's id or URL, or the
/// micro-deposits URL itself (what [`MicroDeposits::Initiated`] holds).
///
/// ```
/// use dwolla_core::funding_sources::RetrieveMicroDeposits;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RetrieveMicroDeposits::new(
///     "https://api-sandbox.dwolla.com/funding-sources/692486f8-29f6-4516-a6a5-c69fd2ce854c/micro-deposits",
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/funding-sources/692486f8-29f6-4516-a6a5-c69fd2ce854c/micro-deposits"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound) (no
/// micro-deposits initiated, or no such funding source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveMicroDeposits {
    funding_source: String,
}

impl RetrieveMicroDeposits {
    /// The micro-deposits of this funding source (id, URL, or the
    /// micro-deposits URL).
    pub fn new(funding_source: impl Into<String>) -> Self {
        RetrieveMicroDeposits {
            funding_source: funding_source.into(),
        }
    }
}

impl FromLocation for RetrieveMicroDeposits {
    fn from_location(location: String) -> Self {
        RetrieveMicroDeposits::new(location)
    }
}

/// `GET /funding-sources/{id}/{sub}`, the funding source given as its id,
/// its URL or the sub-resource's URL.
fn get_funding_source_sub(
    env: &Environment,
    token: &AccessToken,
    funding_source: &str,
    sub: &'static str,
) -> Result<http::Request<Bytes>, Error> {
    let id = id_segment_or_sub("funding_source_id", funding_source, "funding-sources", sub)?;
    let uri = request_uri(env, &["/funding-sources/", &id, "/", sub])?;
    hal_request(Method::GET, uri, token, None, None)
}

impl Operation for RetrieveMicroDeposits {
    type Output = MicroDepositDetails;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        get_funding_source_sub(env, token, &self.funding_source, "micro-deposits")
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<MicroDepositDetails, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getMicroDeposits"
    }
}

open_enum! {
    /// Where a funding source's micro-deposits stand. Unknown values are kept.
    pub enum MicroDepositStatus {
        /// `pending`: on their way (1-2 business days).
        Pending => "pending",
        /// `processed`: arrived; they can be verified.
        Processed => "processed",
        /// `failed`: returned by the bank (see [`MicroDepositDetails::failure`]).
        Failed => "failed",
    }
}

model! {
    /// A funding source's micro-deposits.
    pub struct MicroDepositDetails (WireMicroDepositDetails) {
        /// When they were initiated, as sent (RFC 3339).
        created: text = "created",
        /// Their status (an empty [`MicroDepositStatus::Other`] if Dwolla sent none).
        status: open(MicroDepositStatus) = "status",
        /// Why they failed, when they did.
        failure: object(MicroDepositFailure) = "failure",
    }
}

impl MicroDepositDetails {
    /// True when they arrived and can be verified.
    pub fn is_processed(&self) -> bool {
        self.status() == &MicroDepositStatus::Processed
    }
}

model! {
    /// Why micro-deposits failed: the ACH return code and its description.
    pub struct MicroDepositFailure (WireMicroDepositFailure) {
        /// The ACH return code, e.g. `R03`.
        code: text = "code",
        /// Its description, e.g. "No Account/Unable to locate account".
        description: text = "description",
    }
}

/// `POST /funding-sources/{id}/micro-deposits`: initiates micro-deposits to
/// an unverified bank (no body), or verifies the two amounts that arrived
/// (`{amount1, amount2}`). One operation (`initiateOrVerifyMicroDeposits`),
/// two constructors; its output says which outcome it was ([`MicroDeposits`]).
///
/// ```
/// use dwolla_core::funding_sources::{InitiateOrVerifyMicroDeposits, MicroDeposits};
/// use dwolla_core::{AccessToken, Amount, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let token = AccessToken::new("token");
/// let fs = "e52006c3-7560-4ff1-99d5-b0f3a6f4f909";
/// let initiate = InitiateOrVerifyMicroDeposits::initiate(fs);
/// let request = initiate.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(request.method(), "POST");
/// assert!(request.body().is_empty());
///
/// let verify = InitiateOrVerifyMicroDeposits::verify(fs, Amount::usd("0.03")?, Amount::usd("0.09")?);
/// let request = verify.build_request(&Environment::Sandbox, &token)?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"amount1":{"currency":"USD","value":"0.03"},"amount2":{"currency":"USD","value":"0.09"}}"#
/// );
///
/// // Dwolla's answers, typed: 200 verified, 202 not arrived yet.
/// let answer = |status| dwolla_core::http::Response::builder().status(status).body(Default::default()).unwrap();
/// assert_eq!(verify.parse_response(answer(200))?, MicroDeposits::Verified);
/// assert_eq!(verify.parse_response(answer(202))?, MicroDeposits::TryAgainLater);
/// # Ok(()) }
/// ```
///
/// The amounts are checked to be positive (and in USD) and nothing more.
/// Dwolla deposits two amounts under $0.10 each, but whether an amount is
/// right is Dwolla's to say: refusing larger ones here would only duplicate
/// a rule Dwolla may change, and a wrong pair comes back typed anyway.
///
/// Errors to expect: [`WrongMicroDepositAmounts`](crate::ApiErrorKind::WrongMicroDepositAmounts)
/// (400 "Wrong amount(s)."; three attempts in all),
/// [`TooManyAttempts`](crate::ApiErrorKind::TooManyAttempts) (403: remove the
/// bank and add it again), [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// (403 "Bank already verified."), [`MaxNumberOfResources`](crate::ApiErrorKind::MaxNumberOfResources)
/// (400: micro-deposits already initiated), [`Validation`](crate::ApiErrorKind::Validation)
/// (400 "Invalid amount.": an amount over $0.15), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct InitiateOrVerifyMicroDeposits {
    funding_source: String,
    amounts: Option<(Amount, Amount)>,
    idempotency_key: Option<String>,
}

impl InitiateOrVerifyMicroDeposits {
    /// Initiates two micro-deposits to this funding source (id or URL):
    /// a `POST` without a body.
    pub fn initiate(funding_source: impl Into<String>) -> Self {
        InitiateOrVerifyMicroDeposits {
            funding_source: funding_source.into(),
            amounts: None,
            idempotency_key: None,
        }
    }

    /// Verifies the two amounts that arrived (in either order).
    pub fn verify(funding_source: impl Into<String>, amount1: Amount, amount2: Amount) -> Self {
        InitiateOrVerifyMicroDeposits {
            funding_source: funding_source.into(),
            amounts: Some((amount1, amount2)),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// True for the [`verify`](Self::verify) form.
    pub fn is_verify(&self) -> bool {
        self.amounts.is_some()
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    /// Initiated micro-deposits from a 2xx without a `Location`: the body's
    /// `_links.self` (the spec's `200` for an initiation).
    fn initiated_from_body(response: http::Response<Bytes>) -> Result<MicroDeposits, Error> {
        let (parts, body) = response.into_parts();
        let href = serde_json::from_slice::<crate::lenient::Object<MicroDepositsAck>>(&body)
            .ok()
            .and_then(|o| o.0)
            .and_then(|ack| ack.links.self_.into_href());
        let created = href.and_then(|href| {
            let id = response::last_segment(&href)?;
            let at = id.as_ptr() as usize - href.as_ptr() as usize;
            let range = at..at + id.len();
            Some(Created::new(href, range))
        });
        match created {
            Some(created) => Ok(MicroDeposits::Initiated(created)),
            None => Err(Error::UnexpectedResponse(UnexpectedResponse::new(
                parts.status,
                parts.headers,
                body,
                "the response has neither a Location header nor a self link",
            ))),
        }
    }
}

#[derive(Default, serde::Deserialize)]
struct MicroDepositsAck {
    #[serde(default, rename = "_links")]
    links: crate::lenient::WireSelf,
}

impl fmt::Debug for InitiateOrVerifyMicroDeposits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The amounts prove the bank account is the customer's: left out.
        f.debug_struct("InitiateOrVerifyMicroDeposits")
            .field("funding_source", &self.funding_source)
            .field(
                "form",
                &if self.amounts.is_some() {
                    "verify"
                } else {
                    "initiate"
                },
            )
            .field("idempotency_key", &self.idempotency_key)
            .finish_non_exhaustive()
    }
}

impl Operation for InitiateOrVerifyMicroDeposits {
    type Output = MicroDeposits;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment_or_sub(
            "funding_source_id",
            &self.funding_source,
            "funding-sources",
            "micro-deposits",
        )?;
        let body = match &self.amounts {
            None => None,
            Some((a1, a2)) => {
                check_positive("amount1", a1)?;
                check_positive("amount2", a2)?;
                Some(json_object(96, |w| {
                    w.amount("amount1", a1).amount("amount2", a2);
                }))
            }
        };
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/funding-sources/", &id, "/micro-deposits"])?;
        hal_request(Method::POST, uri, token, body, key.as_ref())
    }

    /// `201` (with a `Location`): initiated; `202`: try again later; any
    /// other 2xx: verified (or, for an initiation, initiated: its `Location`
    /// or `_links.self` is the micro-deposits URL).
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<MicroDeposits, Error> {
        let status = response.status();
        if !status.is_success() {
            return Err(Error::Api(ApiError::from_response(response)));
        }
        if status == StatusCode::ACCEPTED {
            return Ok(MicroDeposits::TryAgainLater);
        }
        let has_location = response.headers().contains_key(http::header::LOCATION);
        if status == StatusCode::CREATED || (self.amounts.is_none() && has_location) {
            return response::created(response).map(MicroDeposits::Initiated);
        }
        if self.amounts.is_none() {
            return Self::initiated_from_body(response);
        }
        Ok(MicroDeposits::Verified)
    }

    fn name(&self) -> &'static str {
        "initiateOrVerifyMicroDeposits"
    }
}

/// What [`InitiateOrVerifyMicroDeposits`] achieved. Failures are errors:
/// [`WrongMicroDepositAmounts`](crate::ApiErrorKind::WrongMicroDepositAmounts),
/// [`TooManyAttempts`](crate::ApiErrorKind::TooManyAttempts), ...
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MicroDeposits {
    /// `201`: two micro-deposits are on their way (1-2 business days). The
    /// location is the micro-deposits URL; [`Created::retrieve`] gives their
    /// details ([`RetrieveMicroDeposits`]).
    Initiated(Created<RetrieveMicroDeposits>),
    /// `200`: the amounts were right; the bank is verified.
    Verified,
    /// `202` `TryAgainLater`: the micro-deposits have not reached the bank
    /// yet. Nothing was used up: verify again once they have (the funding
    /// source then has a `verify-micro-deposits` link).
    TryAgainLater,
}

// ---------------------------------------------------------------------------
// GET /funding-sources/{id}/balance
// ---------------------------------------------------------------------------

/// `GET /funding-sources/{id}/balance`: what a funding source holds. A
/// Dwolla balance answers [`balance`](FundingSourceBalance::balance) (available)
/// and [`total`](FundingSourceBalance::total); a bank verified through open
/// banking [`available`](FundingSourceBalance::available) and
/// [`closing`](FundingSourceBalance::closing); a card network settlement
/// account `available` only.
///
/// ```
/// use dwolla_core::funding_sources::RetrieveFundingSourceBalance;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RetrieveFundingSourceBalance::new("c2eb3f03-1b0e-4d18-a4a2-e552cc111418");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/funding-sources/c2eb3f03-1b0e-4d18-a4a2-e552cc111418/balance"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveFundingSourceBalance {
    funding_source: String,
}

impl RetrieveFundingSourceBalance {
    /// The balance of this funding source (id, URL, or its `balance` link).
    pub fn new(funding_source: impl Into<String>) -> Self {
        RetrieveFundingSourceBalance {
            funding_source: funding_source.into(),
        }
    }
}

impl Operation for RetrieveFundingSourceBalance {
    type Output = FundingSourceBalance;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        get_funding_source_sub(env, token, &self.funding_source, "balance")
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<FundingSourceBalance, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getFundingSourceBalance"
    }
}

model! {
    /// A funding source's balance. Which amounts are present depends on the
    /// funding source (see [`RetrieveFundingSourceBalance`]).
    pub struct FundingSourceBalance (WireFundingSourceBalance) {
        /// `balance`: a Dwolla balance's available amount.
        balance: amount = "balance",
        /// `total`: a Dwolla balance's total, pending money included.
        total: amount = "total",
        /// `available`: a bank's (or settlement account's) available amount.
        available: amount = "available",
        /// `closing`: a bank's closing (ledger) amount.
        closing: amount = "closing",
        /// `lastUpdated` (RFC 3339), as sent.
        last_updated: text = "lastUpdated",
    }
}

impl FundingSourceBalance {
    /// What can be spent: `balance` for a Dwolla balance, else `available`.
    pub fn spendable(&self) -> Option<&Amount> {
        self.balance().or_else(|| self.available())
    }
    /// `_links["funding-source"]`: the funding source's URL.
    pub fn funding_source_href(&self) -> Option<&str> {
        self.links().get("funding-source")
    }
}

// ---------------------------------------------------------------------------
// GET /funding-sources/{id}/ach-routing
// ---------------------------------------------------------------------------

/// `GET /funding-sources/{id}/ach-routing`: a virtual account number's
/// account and routing numbers, which others send ACH to (and pull from).
/// Both are secrets: [`VanRouting`]'s `Debug` shows neither.
///
/// ```
/// use dwolla_core::funding_sources::RetrieveVanRouting;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RetrieveVanRouting::new("e6d68efb-c49b-43db-8867-e1ca58c6ee8c");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/funding-sources/e6d68efb-c49b-43db-8867-e1ca58c6ee8c/ach-routing"
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveVanRouting {
    funding_source: String,
}

impl RetrieveVanRouting {
    /// The numbers of this VAN funding source (id, URL, or its
    /// `ach-routing` URL).
    pub fn new(funding_source: impl Into<String>) -> Self {
        RetrieveVanRouting {
            funding_source: funding_source.into(),
        }
    }
}

impl Operation for RetrieveVanRouting {
    type Output = VanRouting;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        get_funding_source_sub(env, token, &self.funding_source, "ach-routing")
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<VanRouting, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getVanRouting"
    }
}

model! {
    /// A virtual account number's ACH details. Secrets: `Debug` shows only
    /// their lengths.
    pub struct VanRouting (WireVanRouting) {
        /// `accountNumber`.
        account_number: secret = "accountNumber",
        /// `routingNumber`.
        routing_number: secret = "routingNumber",
    }
}

// ---------------------------------------------------------------------------
// POST /on-demand-authorizations
// ---------------------------------------------------------------------------

/// `POST /on-demand-authorizations`: an on-demand transfer authorization, so
/// that a customer agrees once to variable or future ACH debits. Show its
/// [`body_text`](OnDemandAuthorization::body_text) and
/// [`button_text`](OnDemandAuthorization::button_text) on the screen where
/// the bank is added, then pass its URL to
/// [`CreateCustomerFundingSource::on_demand_authorization`]. Needs Dwolla's
/// approval for the account (otherwise 403).
///
/// ```
/// use dwolla_core::funding_sources::CreateOnDemandTransferAuthorization;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = CreateOnDemandTransferAuthorization::new()
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/on-demand-authorizations");
/// assert!(request.body().is_empty());
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateOnDemandTransferAuthorization {
    idempotency_key: Option<String>,
}

impl CreateOnDemandTransferAuthorization {
    /// The operation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for CreateOnDemandTransferAuthorization {
    type Output = OnDemandAuthorization;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/on-demand-authorizations"])?;
        hal_request(Method::POST, uri, token, None, key.as_ref())
    }

    /// An authorization without an id or a `self` link cannot be linked to
    /// a funding source: `UnexpectedResponse`.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<OnDemandAuthorization, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "createOnDemandTransferAuthorization"
    }
}

model! {
    /// An on-demand transfer authorization: the text to show, and its URL
    /// ([`self_href`](OnDemandAuthorization::self_href)) to link when the
    /// bank is added.
    pub struct OnDemandAuthorization (WireOnDemandAuthorization) resource "on-demand authorization" {
        /// `bodyText`: the authorization's wording, for the add-bank screen.
        body_text: text = "bodyText",
        /// `buttonText`: the label of the button that accepts it.
        button_text: text = "buttonText",
    }
}
