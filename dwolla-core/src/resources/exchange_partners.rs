//! Exchange partners: the open-banking partners (Plaid, MX, ...) an account can
//! use. Partner ids differ between sandbox and production, so resolve them by
//! name at run time with [`ExchangePartners::find_by_name`].
//!
//! - [`ListExchangePartners`]: `GET /exchange-partners`
//! - [`RetrieveExchangePartner`]: `GET /exchange-partners/{id}`

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use crate::environment::Environment;
use crate::error::Error;
use crate::lenient::{Object, Text, WireSelf};
use crate::list::List;
use crate::model::FromWire;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{hal_request, request_uri};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// `GET /exchange-partners`: every exchange partner, whatever its status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListExchangePartners;

impl ListExchangePartners {
    /// The operation.
    pub fn new() -> Self {
        ListExchangePartners
    }
}

impl Operation for ListExchangePartners {
    type Output = ExchangePartners;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        hal_request(
            Method::GET,
            request_uri(env, &["/exchange-partners"])?,
            token,
            None,
            None,
        )
    }

    /// A partner is kept when it has an id, a name and a `self` link (its
    /// href is what sessions are created with); one without them is skipped
    /// (see [`List::skipped`]). A missing or unknown status is kept as
    /// [`PartnerStatus::Other`].
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ExchangePartners, Error> {
        response::list(response, "exchange-partners", ExchangePartner::from_wire)
    }

    fn name(&self) -> &'static str {
        "listExchangePartners"
    }
}

/// `GET /exchange-partners/{id}`: one exchange partner, by id or URL (an
/// exchange's `exchange-partner` link, say). Like a listed one, a partner
/// without an id, a name or a `self` link cannot be used: that answer is
/// [`Error::UnexpectedResponse`].
///
/// ```
/// use dwolla_core::exchange_partners::RetrieveExchangePartner;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = RetrieveExchangePartner::new("https://api.dwolla.com/exchange-partners/e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a");
/// let request = op.build_request(&Environment::Production, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api.dwolla.com/exchange-partners/e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a");
/// # Ok(()) }
/// ```
pub type RetrieveExchangePartner = Retrieve<ExchangePartner>;

resource!(
    ExchangePartner,
    "exchange-partners",
    "getExchangePartner",
    "exchange_partner_id"
);

impl FromWire for ExchangePartner {
    type Wire = WirePartner;

    fn from_wire(p: WirePartner) -> Result<Self, &'static str> {
        Ok(ExchangePartner {
            href: p
                .links
                .0
                .and_then(|l| l.self_.into_href())
                .ok_or("an exchange partner has no self link")?,
            id: p.id.0.ok_or("an exchange partner has no id")?,
            name: p.name.0.ok_or("an exchange partner has no name")?,
            status: PartnerStatus::from_wire(p.status.0.as_deref().unwrap_or("")),
            created: p.created.0,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct WirePartner {
    #[serde(rename = "_links", default)]
    links: Object<WireSelf>,
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    created: Text,
}

/// The exchange partners (`GET /exchange-partners`), every status. A partner
/// without an id, a name or a `self` link cannot be used and is skipped
/// ([`List::skipped`]); the others are kept.
pub type ExchangePartners = List<ExchangePartner>;

impl List<ExchangePartner> {
    /// The partners that can be used now.
    pub fn active(&self) -> impl Iterator<Item = &ExchangePartner> {
        self.iter().filter(|p| p.is_active())
    }
    /// The active partner with this name, compared case-insensitively
    /// (`"plaid"` finds `Plaid`). Inactive partners are never offered.
    pub fn find_by_name(&self, name: &str) -> Option<&ExchangePartner> {
        let name = name.trim();
        self.active().find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// One exchange partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangePartner {
    id: String,
    name: String,
    status: PartnerStatus,
    created: Option<String>,
    href: String,
}

impl ExchangePartner {
    /// Its id (differs between sandbox and production).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its name as sent, e.g. `Plaid` or `MX` (an open set).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its status.
    pub fn status(&self) -> &PartnerStatus {
        &self.status
    }
    /// True when it can be used now.
    pub fn is_active(&self) -> bool {
        self.status == PartnerStatus::Active
    }
    /// When it was created, as sent (RFC 3339), if it was.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }
    /// Its self href: the `exchange_partner_href` to create sessions with.
    pub fn href(&self) -> &str {
        &self.href
    }
}

open_enum! {
    /// A partner's status. Unknown statuses are kept, not rejected.
    pub enum PartnerStatus {
        /// `active`.
        Active => "active",
        /// `deactivated`.
        Deactivated => "deactivated",
        /// `removed`.
        Removed => "removed",
    }
}
