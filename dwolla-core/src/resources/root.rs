//! The API root: the links the application's access token can follow.
//!
//! - [`RetrieveRoot`]: `GET /`
//!
//! It is how an application finds its own account: [`Root::account_href`]
//! and [`Root::account_id`].

use bytes::Bytes;
use http::Method;

use crate::environment::Environment;
use crate::error::Error;
use crate::model::model;
use crate::operation::Operation;
use crate::request::{hal_request, request_uri};
use crate::response;
use crate::token::AccessToken;

/// `GET /`: the API root, whose `_links` say what the access token can
/// reach (`account`, `customers`, `events`, `webhook-subscriptions`, ...).
///
/// ```
/// use dwolla_core::root::RetrieveRoot;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = RetrieveRoot::new().build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/");
///
/// let body = r#"{"_links":{"account":{"href":"https://api-sandbox.dwolla.com/accounts/ad5f2162-404a-4c4c-994e-6ab6c3a13254"}}}"#;
/// let root = RetrieveRoot::new().parse_response(dwolla_core::http::Response::new(body.into()))?;
/// assert_eq!(root.account_id(), Some("ad5f2162-404a-4c4c-994e-6ab6c3a13254"));
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetrieveRoot;

impl RetrieveRoot {
    /// The operation.
    pub fn new() -> Self {
        RetrieveRoot
    }
}

impl Operation for RetrieveRoot {
    type Output = Root;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let uri = request_uri(env, &["/"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// Any JSON object is a root (a token with no scopes may have no links).
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Root, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getRoot"
    }
}

model! {
    /// The API root: only `_links`, every one kept ([`links`](Root::links)).
    pub struct Root (WireRoot) {
    }
}

impl Root {
    /// `_links.account`: the application's own account (its URL).
    pub fn account_href(&self) -> Option<&str> {
        self.links().get("account")
    }
    /// The application's own account id: the last segment of
    /// [`account_href`](Self::account_href).
    pub fn account_id(&self) -> Option<&str> {
        self.account_href().and_then(response::last_segment)
    }
    /// `_links.customers`: the customers collection.
    pub fn customers_href(&self) -> Option<&str> {
        self.links().get("customers")
    }
    /// `_links.events`: the events collection.
    pub fn events_href(&self) -> Option<&str> {
        self.links().get("events")
    }
    /// `_links["webhook-subscriptions"]`: the webhook subscriptions collection.
    pub fn webhook_subscriptions_href(&self) -> Option<&str> {
        self.links().get("webhook-subscriptions")
    }
}
