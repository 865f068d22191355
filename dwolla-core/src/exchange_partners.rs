//! Exchange partners: the open-banking partners (Plaid, MX, ...) an account can
//! use. Partner ids differ between sandbox and production, so resolve them by
//! name at run time with [`ExchangePartners::find_by_name`].

use std::fmt;

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use crate::environment::Environment;
use crate::error::Error;
use crate::exchange_sessions::WireLink;
use crate::operation::Operation;
use crate::request::{hal_request, url_of};
use crate::response;
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
            url_of(env, &["/exchange-partners"]),
            token,
            None,
            None,
        )
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<ExchangePartners, Error> {
        response::json(response, |wire: WireList| {
            let items = wire.embedded.map(|e| e.partners).unwrap_or_default();
            let mut partners = Vec::with_capacity(items.len());
            for p in items {
                let href = p
                    .links
                    .and_then(|l| l.self_)
                    .map(|l| l.href)
                    .ok_or("an exchange partner has no self link")?;
                partners.push(ExchangePartner {
                    id: p.id.ok_or("an exchange partner has no id")?,
                    name: p.name.ok_or("an exchange partner has no name")?,
                    status: PartnerStatus::from_wire(p.status.as_deref().unwrap_or("")),
                    created: p.created,
                    href,
                });
            }
            Ok(ExchangePartners {
                total: wire.total,
                partners,
            })
        })
    }

    fn name(&self) -> &'static str {
        "listExchangePartners"
    }
}

#[derive(Deserialize)]
struct WireList {
    #[serde(rename = "_embedded")]
    embedded: Option<WireEmbedded>,
    total: Option<u64>,
}

#[derive(Deserialize)]
struct WireEmbedded {
    #[serde(rename = "exchange-partners", default)]
    partners: Vec<WirePartner>,
}

#[derive(Deserialize)]
struct WirePartner {
    #[serde(rename = "_links")]
    links: Option<WirePartnerLinks>,
    id: Option<String>,
    name: Option<String>,
    status: Option<String>,
    created: Option<String>,
}

#[derive(Deserialize)]
struct WirePartnerLinks {
    #[serde(rename = "self")]
    self_: Option<WireLink>,
}

/// The list of exchange partners.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangePartners {
    partners: Vec<ExchangePartner>,
    total: Option<u64>,
}

impl ExchangePartners {
    /// Every partner, in the order Dwolla sent them, whatever the status.
    pub fn all(&self) -> &[ExchangePartner] {
        &self.partners
    }
    /// The partners that can be used now.
    pub fn active(&self) -> impl Iterator<Item = &ExchangePartner> {
        self.partners.iter().filter(|p| p.is_active())
    }
    /// `total` as sent, if it was.
    pub fn total(&self) -> Option<u64> {
        self.total
    }
    /// The active partner with this name, compared case-insensitively
    /// (`"plaid"` finds `Plaid`). Inactive partners are never offered.
    pub fn find_by_name(&self, name: &str) -> Option<&ExchangePartner> {
        let name = name.trim();
        self.active().find(|p| p.name.eq_ignore_ascii_case(name))
    }
    /// Consumes the list.
    pub fn into_vec(self) -> Vec<ExchangePartner> {
        self.partners
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

/// A partner's status. Unknown statuses are kept, not rejected.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PartnerStatus {
    /// `active`.
    Active,
    /// `deactivated`.
    Deactivated,
    /// `removed`.
    Removed,
    /// Any other status, as sent.
    Other(String),
}

impl PartnerStatus {
    fn from_wire(s: &str) -> Self {
        if s.eq_ignore_ascii_case("active") {
            PartnerStatus::Active
        } else if s.eq_ignore_ascii_case("deactivated") {
            PartnerStatus::Deactivated
        } else if s.eq_ignore_ascii_case("removed") {
            PartnerStatus::Removed
        } else {
            PartnerStatus::Other(s.to_owned())
        }
    }

    /// The status as Dwolla spells it.
    pub fn as_str(&self) -> &str {
        match self {
            PartnerStatus::Active => "active",
            PartnerStatus::Deactivated => "deactivated",
            PartnerStatus::Removed => "removed",
            PartnerStatus::Other(s) => s,
        }
    }
}

impl fmt::Display for PartnerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
