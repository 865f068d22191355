//! Exchange sessions: instant bank-account verification through an open-banking
//! partner (Plaid, MX) instead of micro-deposits.
//!
//! - [`CreateCustomerExchangeSession`]: `POST /customers/{id}/exchange-sessions`
//! - [`RetrieveExchangeSession`]: `GET /exchange-sessions/{id}`
//! - [`CreateReAuthExchangeSession`]: `POST /exchanges/{id}/exchange-sessions`

use std::fmt;

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use crate::created::{Created, FromLocation};
use crate::environment::Environment;
use crate::error::{ApiError, ApiErrorKind, Error};
use crate::lenient::{Link, Object, Text};
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_absolute_url, check_redirect_url, hal_request, id_segment, id_segment_or_sub,
    push_json_str, request_uri, IdempotencyKey,
};
use crate::response;
use crate::token::AccessToken;

/// `POST /customers/{id}/exchange-sessions`: starts instant bank-account
/// verification for a customer.
///
/// Use [`web`](Self::web) for Plaid and MX in a browser, and
/// [`with_redirect`](Self::with_redirect) for Plaid mobile (an Android package
/// name like `com.example.app123`, or an `https://` URL for iOS) and for
/// partners that always need one. Input is checked by
/// [`build_request`](Operation::build_request) before any request exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateCustomerExchangeSession {
    customer_id: String,
    exchange_partner_href: String,
    redirect_url: Option<String>,
    idempotency_key: Option<String>,
}

impl CreateCustomerExchangeSession {
    /// A web session (Plaid web, MX): only the partner.
    ///
    /// `customer_id` is the customer's id or its URL; `exchange_partner_href` the
    /// partner's absolute URL (see
    /// [`ExchangePartners::find_by_name`](crate::exchange_partners::ExchangePartners::find_by_name)).
    pub fn web(customer_id: impl Into<String>, exchange_partner_href: impl Into<String>) -> Self {
        CreateCustomerExchangeSession {
            customer_id: customer_id.into(),
            exchange_partner_href: exchange_partner_href.into(),
            redirect_url: None,
            idempotency_key: None,
        }
    }

    /// A session with a redirect: Plaid Android (package name), Plaid iOS
    /// (`https://` URL), or any partner that needs one. It must exactly match a
    /// redirect URL configured for the account.
    pub fn with_redirect(
        customer_id: impl Into<String>,
        exchange_partner_href: impl Into<String>,
        redirect_url: impl Into<String>,
    ) -> Self {
        let mut op = Self::web(customer_id, exchange_partner_href);
        op.redirect_url = Some(redirect_url.into());
        op
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original session instead of creating another.
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
    /// The redirect URL, if any, as given.
    pub fn redirect_url(&self) -> Option<&str> {
        self.redirect_url.as_deref()
    }
    /// The idempotency key, if one was attached.
    pub fn get_idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// Checks the input without building a request.
    pub fn validate(&self) -> Result<(), Error> {
        self.checked().map(|_| ())
    }

    fn checked(&self) -> Result<Checked<'_>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        check_absolute_url("exchange_partner_href", &self.exchange_partner_href)?;
        let redirect = match &self.redirect_url {
            Some(r) => {
                let r = unwrap_example_value(r);
                check_redirect_url("redirect_url", r)?;
                Some(r)
            }
            None => None,
        };
        let key = self
            .idempotency_key
            .as_deref()
            .map(IdempotencyKey::new)
            .transpose()?;
        Ok(Checked { id, redirect, key })
    }

    /// The JSON body: byte-identical for the same input.
    fn body(&self, redirect: Option<&str>) -> Bytes {
        let mut out = Vec::with_capacity(
            64 + self.exchange_partner_href.len() + redirect.map_or(0, |r| r.len() + 32),
        );
        out.extend_from_slice(br#"{"_links":{"exchange-partner":{"href":"#);
        push_json_str(&mut out, &self.exchange_partner_href);
        out.push(b'}');
        if let Some(r) = redirect {
            out.extend_from_slice(br#","redirect-url":{"href":"#);
            push_json_str(&mut out, r);
            out.push(b'}');
        }
        out.extend_from_slice(b"}}");
        Bytes::from(out)
    }
}

/// Validated input: the encoded id segment, the redirect and the key.
struct Checked<'a> {
    id: std::borrow::Cow<'a, str>,
    redirect: Option<&'a str>,
    key: Option<IdempotencyKey>,
}

/// The reference SDK's docs show a redirect URL as the OpenAPI example object
/// `{"description":"...","value":"com.example.app123"}`; code copied from
/// there sends that whole string. Accept it and use its `value`.
fn unwrap_example_value(r: &str) -> &str {
    #[derive(Deserialize)]
    struct Example<'a> {
        #[serde(borrow)]
        value: &'a str,
    }
    if r.trim_start().starts_with('{') {
        if let Ok(e) = serde_json::from_str::<Example<'_>>(r) {
            return e.value;
        }
    }
    r
}

impl Operation for CreateCustomerExchangeSession {
    type Output = ExchangeSessionCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let Checked { id, redirect, key } = self.checked()?;
        let uri = request_uri(env, &["/customers/", &id, "/exchange-sessions"])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(self.body(redirect)),
            key.as_ref(),
        )
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<ExchangeSessionCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomerExchangeSession"
    }
}

/// A created exchange session: where it lives, and how to retrieve it (for
/// the Plaid link token or the MX connect URL).
pub type ExchangeSessionCreated = Created<RetrieveExchangeSession>;

/// `GET /exchange-sessions/{id}`: the session, with what the front end needs
/// to continue (Plaid's link token or MX's connect URL).
///
/// Takes the session id or its URL (the `Location` returned by create).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveExchangeSession {
    id: String,
}

impl RetrieveExchangeSession {
    /// The session with this id or URL.
    pub fn new(id_or_url: impl Into<String>) -> Self {
        RetrieveExchangeSession {
            id: id_or_url.into(),
        }
    }
}

impl FromLocation for RetrieveExchangeSession {
    fn from_location(location: String) -> Self {
        RetrieveExchangeSession::new(location)
    }
}

impl Operation for RetrieveExchangeSession {
    type Output = ExchangeSession;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("exchange_session_id", &self.id, "exchange-sessions")?;
        let uri = request_uri(env, &["/exchange-sessions/", &id])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ExchangeSession, Error> {
        response::json(response, |wire: WireSession| {
            let links = wire.links.0.ok_or("the exchange session has no _links")?;
            Ok(ExchangeSession {
                exchange_partner_href: links
                    .exchange_partner
                    .into_href()
                    .ok_or("the exchange session has no exchange-partner link")?,
                created: wire
                    .created
                    .0
                    .ok_or("the exchange session has no created time")?,
                self_href: links.self_.into_href(),
                external_provider_session_token: wire.external_provider_session_token.0,
                external_provider_session_url: links.external_provider_session.into_href(),
            })
        })
    }

    fn name(&self) -> &'static str {
        "retrieveCustomerExchangeSession"
    }
}

#[derive(Deserialize)]
struct WireSession {
    #[serde(default)]
    created: Text,
    #[serde(default, rename = "_links")]
    links: Object<WireSessionLinks>,
    #[serde(default, rename = "externalProviderSessionToken")]
    external_provider_session_token: Text,
}

#[derive(Deserialize)]
struct WireSessionLinks {
    #[serde(default, rename = "self")]
    self_: Link,
    #[serde(default, rename = "exchange-partner")]
    exchange_partner: Link,
    #[serde(default, rename = "external-provider-session")]
    external_provider_session: Link,
}

/// An exchange session as retrieved. Its `Debug` redacts the Plaid Link
/// token and the MX Connect URL (each lets its holder continue the
/// customer's bank login).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExchangeSession {
    self_href: Option<String>,
    created: String,
    exchange_partner_href: String,
    external_provider_session_token: Option<String>,
    external_provider_session_url: Option<String>,
}

/// What the front end needs to continue the flow with the partner. Its
/// `Debug` redacts the token and the URL.
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProviderSession<'a> {
    /// Plaid: initialize Plaid Link with this link token.
    PlaidLinkToken(&'a str),
    /// MX: send the user to this MX Connect URL.
    MxConnectUrl(&'a str),
}

impl fmt::Debug for ExchangeSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExchangeSession")
            .field("self_href", &self.self_href)
            .field("created", &self.created)
            .field("exchange_partner_href", &self.exchange_partner_href)
            .field(
                "external_provider_session_token",
                &self
                    .external_provider_session_token
                    .as_deref()
                    .map(Redacted),
            )
            .field(
                "external_provider_session_url",
                &self.external_provider_session_url.as_deref().map(Redacted),
            )
            .finish()
    }
}

impl fmt::Debug for ProviderSession<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProviderSession::PlaidLinkToken(t) => {
                f.debug_tuple("PlaidLinkToken").field(&Redacted(t)).finish()
            }
            ProviderSession::MxConnectUrl(u) => {
                f.debug_tuple("MxConnectUrl").field(&Redacted(u)).finish()
            }
        }
    }
}

impl ExchangeSession {
    /// The session id (from its self link), when present.
    pub fn id(&self) -> Option<&str> {
        self.self_href.as_deref().and_then(response::last_segment)
    }
    /// The session's own URL, when present.
    pub fn self_href(&self) -> Option<&str> {
        self.self_href.as_deref()
    }
    /// When it was created, as sent (RFC 3339).
    pub fn created(&self) -> &str {
        &self.created
    }
    /// The exchange partner's URL.
    pub fn exchange_partner_href(&self) -> &str {
        &self.exchange_partner_href
    }
    /// Plaid: `externalProviderSessionToken`, the Link token.
    pub fn external_provider_session_token(&self) -> Option<&str> {
        self.external_provider_session_token.as_deref()
    }
    /// MX: `_links["external-provider-session"].href`, the Connect URL.
    pub fn external_provider_session_url(&self) -> Option<&str> {
        self.external_provider_session_url.as_deref()
    }
    /// Whichever of the two the partner sent (the Plaid token first).
    pub fn provider_session(&self) -> Option<ProviderSession<'_>> {
        self.external_provider_session_token
            .as_deref()
            .map(ProviderSession::PlaidLinkToken)
            .or_else(|| {
                self.external_provider_session_url
                    .as_deref()
                    .map(ProviderSession::MxConnectUrl)
            })
    }
}

/// `POST /exchanges/{id}/exchange-sessions`: re-authenticates an exchange whose
/// bank login changed (after an [`ApiErrorKind::UpdateCredentials`] error).
///
/// Takes the exchange id, the exchange URL, or the re-auth URL itself (the
/// `_links.about` of an `UpdateCredentials` error; see
/// [`from_update_credentials`](Self::from_update_credentials)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateReAuthExchangeSession {
    exchange: String,
    redirect_url: Option<String>,
    idempotency_key: Option<String>,
}

impl CreateReAuthExchangeSession {
    /// A web re-auth session (body `{}`).
    pub fn web(exchange: impl Into<String>) -> Self {
        CreateReAuthExchangeSession {
            exchange: exchange.into(),
            redirect_url: None,
            idempotency_key: None,
        }
    }

    /// A re-auth session with a redirect URL (Plaid mobile).
    pub fn with_redirect(exchange: impl Into<String>, redirect_url: impl Into<String>) -> Self {
        let mut op = Self::web(exchange);
        op.redirect_url = Some(redirect_url.into());
        op
    }

    /// The web re-auth session an `UpdateCredentials` error points at, if it is
    /// one and carries the link.
    pub fn from_update_credentials(error: &ApiError) -> Option<Self> {
        error.reauth_url().map(Self::web)
    }

    /// Sends this `Idempotency-Key`.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The exchange id or URL as given.
    pub fn exchange(&self) -> &str {
        &self.exchange
    }
    /// The redirect URL, if any.
    pub fn redirect_url(&self) -> Option<&str> {
        self.redirect_url.as_deref()
    }
}

impl Operation for CreateReAuthExchangeSession {
    type Output = ExchangeSessionCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        // The re-auth URL itself (`.../exchanges/{id}/exchange-sessions`) is
        // accepted as well as the exchange's URL and its bare id.
        let id = id_segment_or_sub(
            "exchange_id",
            &self.exchange,
            "exchanges",
            "exchange-sessions",
        )?;
        let body = match &self.redirect_url {
            Some(r) => {
                let r = unwrap_example_value(r);
                check_redirect_url("redirect_url", r)?;
                let mut out = Vec::with_capacity(48 + r.len());
                out.extend_from_slice(br#"{"_links":{"redirect-url":{"href":"#);
                push_json_str(&mut out, r);
                out.extend_from_slice(b"}}}");
                Bytes::from(out)
            }
            None => Bytes::from_static(b"{}"),
        };
        let key = self
            .idempotency_key
            .as_deref()
            .map(IdempotencyKey::new)
            .transpose()?;
        let uri = request_uri(env, &["/exchanges/", &id, "/exchange-sessions"])?;
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<ExchangeSessionCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createReAuthExchangeSession"
    }
}

impl ApiError {
    /// For an [`ApiErrorKind::UpdateCredentials`] error, the re-auth
    /// exchange-sessions URL from `_links.about`: pass it to
    /// [`CreateReAuthExchangeSession::web`].
    pub fn reauth_url(&self) -> Option<&str> {
        (self.kind() == ApiErrorKind::UpdateCredentials)
            .then(|| self.about_href())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(body: &str) -> ExchangeSession {
        let response = http::Response::builder()
            .status(200)
            .body(Bytes::copy_from_slice(body.as_bytes()))
            .expect("a response");
        RetrieveExchangeSession::new("s")
            .parse_response(response)
            .expect("a session")
    }

    #[test]
    fn debug_redacts_the_link_token_and_the_connect_url() {
        let plaid = session(
            r#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/exchange-sessions/s"},"exchange-partner":{"href":"https://api-sandbox.dwolla.com/exchange-partners/p"}},"created":"2024-03-05T16:00:00.000Z","externalProviderSessionToken":"link-sandbox-SECRET"}"#,
        );
        let mx = session(
            r#"{"_links":{"exchange-partner":{"href":"https://api-sandbox.dwolla.com/exchange-partners/p"},"external-provider-session":{"href":"https://int-widgets.moneydesktop.com/md/connect/SECRET"}},"created":"2024-03-05T16:00:00.000Z"}"#,
        );
        for shown in [
            format!("{plaid:?}"),
            format!("{:?}", plaid.provider_session()),
            format!("{mx:?}"),
            format!("{:?}", mx.provider_session()),
        ] {
            assert!(!shown.contains("SECRET"), "{shown}");
            assert!(shown.contains("<redacted, "), "{shown}");
        }
        assert_eq!(
            plaid.provider_session(),
            Some(ProviderSession::PlaidLinkToken("link-sandbox-SECRET"))
        );
    }
}
