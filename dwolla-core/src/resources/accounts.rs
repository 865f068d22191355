//! Accounts: the application's own Dwolla account, its funding sources, transfers and mass payments.
//!
//! (Being typed: issue 15.)

// --- The account's funding sources (fundingsrc) ---
//
// - [`CreateAccountFundingSource`]: `POST /funding-sources` (the account's
//   own bank, by routing and account numbers or from an exchange)
// - [`ListAccountFundingSources`]: `GET /accounts/{id}/funding-sources`

use std::fmt;

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::environment::Environment;
use crate::error::Error;
use crate::funding_sources::{
    check_account_number, check_channels, check_checking_or_savings, check_routing_number,
    exchange_href, BankAccountType, Channel, FundingSource, FundingSourceCreated, MAX_NAME_CHARS,
};
use crate::list::List;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_name, hal_request, id_segment, optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::token::AccessToken;

/// `POST /funding-sources`: a bank funding source for the application's own
/// account (the Main Dwolla Account), by routing and account numbers or from
/// an exchange. `checking` or `savings`; a name of 1 to
/// [`MAX_NAME_CHARS`] characters. Routing and account numbers are checked as
/// for a customer's bank (see
/// [`is_valid_routing_number`](crate::funding_sources::is_valid_routing_number))
/// and never shown by `Debug` or an error.
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
    name: String,
    bank_account_type: BankAccountType,
    source: AccountBank,
    channels: Vec<Channel>,
    idempotency_key: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
enum AccountBank {
    Numbers {
        routing_number: String,
        account_number: String,
    },
    Exchange(String),
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
            name: name.into(),
            bank_account_type,
            source: AccountBank::Numbers {
                routing_number: routing_number.into(),
                account_number: account_number.into(),
            },
            channels: Vec::new(),
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
            name: name.into(),
            bank_account_type,
            source: AccountBank::Exchange(exchange.into()),
            channels: Vec::new(),
            idempotency_key: None,
        }
    }

    /// `channels`: only [`Channel::Wire`] can be asked for, with routing and
    /// account numbers.
    pub fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        self.channels = channels.into_iter().collect();
        self
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Checks the input without building a request.
    pub fn validate(&self) -> Result<(), Error> {
        self.build_request(&Environment::Sandbox, &AccessToken::placeholder())
            .map(|_| ())
    }
}

impl fmt::Debug for CreateAccountFundingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateAccountFundingSource");
        match &self.source {
            AccountBank::Numbers {
                routing_number,
                account_number,
            } => d
                .field("routing_number", &Redacted(routing_number))
                .field("account_number", &Redacted(account_number)),
            AccountBank::Exchange(exchange) => d.field("exchange", exchange),
        };
        d.field("bank_account_type", &self.bank_account_type)
            .field("name", &self.name)
            .field("channels", &self.channels)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl Operation for CreateAccountFundingSource {
    type Output = FundingSourceCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let exchange = match &self.source {
            AccountBank::Numbers {
                routing_number,
                account_number,
            } => {
                check_routing_number("routing_number", routing_number)?;
                check_account_number("account_number", account_number)?;
                check_channels(&self.channels)?;
                None
            }
            AccountBank::Exchange(exchange) => {
                let href = exchange_href("exchange", exchange, env)?;
                if !self.channels.is_empty() {
                    return Err(Error::invalid(
                        "channels",
                        "cannot be set on a funding source from an exchange",
                    ));
                }
                Some(href)
            }
        };
        check_checking_or_savings(self.bank_account_type, "the account's funding source")?;
        check_name("name", &self.name, MAX_NAME_CHARS)?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let body = json_object(160 + self.name.len(), |w| {
            match (&self.source, &exchange) {
                (_, Some(href)) => {
                    w.object("_links", |l| {
                        l.link("exchange", href);
                    });
                }
                (
                    AccountBank::Numbers {
                        routing_number,
                        account_number,
                    },
                    None,
                ) => {
                    w.str("routingNumber", routing_number)
                        .str("accountNumber", account_number);
                }
                (AccountBank::Exchange(_), None) => {}
            }
            w.str("bankAccountType", self.bank_account_type.as_str())
                .str("name", &self.name);
            if !self.channels.is_empty() {
                let channels: Vec<&str> = self.channels.iter().map(Channel::as_str).collect();
                w.strs("channels", &channels);
            }
        });
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
