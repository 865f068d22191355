//! Client tokens: short-lived tokens for Dwolla's front-end libraries
//! (drop-in components), each allowing one action for one customer.
//!
//! - [`CreateClientToken`]: `POST /client-tokens`
//!
//! The token goes to the browser; the application's own credentials never
//! do. A [`ClientToken`] never shows its token in `Debug`.

use std::fmt;

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use crate::body::json_object;
use crate::environment::Environment;
use crate::error::Error;
use crate::lenient::Text;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{check_text, hal_request, href_of, optional_idempotency_key, request_uri};
use crate::response;
use crate::token::AccessToken;

open_enum! {
    /// What a client token allows: one granular permission for the customer
    /// in a drop-in component (Dwolla's table of client token actions). Any
    /// other action Dwolla accepts can be sent as
    /// [`Other`](ClientTokenAction::Other).
    pub enum ClientTokenAction {
        /// `customer.create` (create a receive-only, unverified or verified customer).
        CustomerCreate => "customer.create",
        /// `customer.read`.
        CustomerRead => "customer.read",
        /// `customer.update` (e.g. upgrade an unverified customer).
        CustomerUpdate => "customer.update",
        /// `customer.documents.create`.
        CustomerDocumentsCreate => "customer.documents.create",
        /// `customer.documents.read`.
        CustomerDocumentsRead => "customer.documents.read",
        /// `businessclassifications.read`.
        BusinessClassificationsRead => "businessclassifications.read",
        /// `beneficialowners.create`.
        BeneficialOwnersCreate => "beneficialowners.create",
        /// `beneficialowners.read`.
        BeneficialOwnersRead => "beneficialowners.read",
        /// `beneficialowners.update`.
        BeneficialOwnersUpdate => "beneficialowners.update",
        /// `beneficialowners.delete`.
        BeneficialOwnersDelete => "beneficialowners.delete",
        /// `beneficialownership.read`.
        BeneficialOwnershipRead => "beneficialownership.read",
        /// `beneficialownership.certify`.
        BeneficialOwnershipCertify => "beneficialownership.certify",
        /// `beneficialowner.documents.create`.
        BeneficialOwnerDocumentsCreate => "beneficialowner.documents.create",
        /// `customer.fundingsources.create`.
        CustomerFundingSourcesCreate => "customer.fundingsources.create",
        /// `customer.fundingsources.read` (e.g. display a balance).
        CustomerFundingSourcesRead => "customer.fundingsources.read",
        /// `customer.microdeposits.create`.
        CustomerMicroDepositsCreate => "customer.microdeposits.create",
        /// `customer.microdeposits.verify`.
        CustomerMicroDepositsVerify => "customer.microdeposits.verify",
        /// `customer.transfers.send` (pay-in).
        CustomerTransfersSend => "customer.transfers.send",
    }
}

/// `POST /client-tokens`: a client token allowing `action` for the customer
/// (an id or URL; a bare id is sent as `{environment}/customers/{id}`).
///
/// ```
/// use dwolla_core::client_tokens::{ClientTokenAction, CreateClientToken};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateClientToken::new(
///     ClientTokenAction::CustomerUpdate,
///     "707177c3-bf15-4e7e-b37c-55c3898d9bf4",
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/client-tokens");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"action":"customer.update","_links":{"customer":{"href":"https://api-sandbox.dwolla.com/customers/707177c3-bf15-4e7e-b37c-55c3898d9bf4"}}}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (an
/// unknown action), [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateClientToken {
    action: ClientTokenAction,
    customer: String,
    idempotency_key: Option<String>,
}

impl CreateClientToken {
    /// A token allowing `action` (1 to 256 bytes as sent, no control
    /// characters) for the customer with this id or URL.
    pub fn new(action: ClientTokenAction, customer: impl Into<String>) -> Self {
        CreateClientToken {
            action,
            customer: customer.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`. (The [`Client`](crate::Client) generates
    /// one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The action.
    pub fn action(&self) -> &ClientTokenAction {
        &self.action
    }
    /// The customer (id or URL) as given.
    pub fn customer(&self) -> &str {
        &self.customer
    }
}

impl Operation for CreateClientToken {
    type Output = ClientToken;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        check_text("action", self.action.as_str())?;
        if self.action.as_str().len() > 256 {
            return Err(Error::invalid("action", "must not be over 256 bytes long"));
        }
        let customer = href_of(env, "customer", &self.customer, &["customers"])?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/client-tokens"])?;
        let body = json_object(64 + customer.len(), |w| {
            w.str("action", self.action.as_str()).object("_links", |l| {
                l.link("customer", &customer);
            });
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    /// A response without a `token` is [`Error::UnexpectedResponse`].
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ClientToken, Error> {
        response::json(response, |w: WireClientToken| {
            Ok(ClientToken {
                token: w
                    .token
                    .0
                    .filter(|t| !t.is_empty())
                    .ok_or("the client token response has no token")?,
            })
        })
    }

    fn name(&self) -> &'static str {
        "createClientToken"
    }
}

#[derive(Deserialize)]
struct WireClientToken {
    #[serde(default)]
    token: Text,
}

/// A client token for a drop-in component. Its `Debug` shows only its
/// length: hand it to the front end with [`expose_secret`](Self::expose_secret).
#[derive(Clone, PartialEq, Eq)]
pub struct ClientToken {
    token: String,
}

impl ClientToken {
    /// The token itself. Named so that every place it leaves the type is
    /// visible.
    pub fn expose_secret(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for ClientToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientToken")
            .field("token", &Redacted(&self.token))
            .finish()
    }
}
