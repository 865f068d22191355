//! Customers: the people and businesses an application moves money for, and
//! their verification.
//!
//! - [`ListCustomers`]: `GET /customers` (search, filters, paging)
//! - [`RetrieveCustomer`]: `GET /customers/{id}`
//!
//! A customer's [`status`](Customer::status) says where verification stands;
//! its [`links`](Customer::links) say what can be done next (`retry-verification`,
//! `verify-with-document`, `kba`, ...).

use bytes::Bytes;
use http::Method;

use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{check_limit, check_query_text, hal_request, request_uri, Query};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// The most customers one page of [`ListCustomers`] holds (Dwolla's default
/// is 25).
pub const MAX_PAGE_SIZE: u32 = 200;

/// `GET /customers`: customers, newest first, a page at a time (25 by
/// default, at most [`MAX_PAGE_SIZE`]), optionally searched and filtered.
/// Walk every page with [`Client::pages`](crate::Client::pages).
///
/// ```
/// use dwolla_core::customers::{CustomerStatus, ListCustomers};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomers::new()
///     .search("jane doe")
///     .status(CustomerStatus::Document)
///     .status(CustomerStatus::Retry)
///     .limit(50);
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers?limit=50&search=jane%20doe&status=document&status=retry"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListCustomers {
    limit: Option<u32>,
    offset: Option<u32>,
    search: Option<String>,
    email: Option<String>,
    statuses: Vec<CustomerStatus>,
}

impl ListCustomers {
    /// The first page of every customer.
    pub fn new() -> Self {
        Self::default()
    }
    /// `limit`: customers per page, 1 to [`MAX_PAGE_SIZE`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// `offset`: how many customers to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
    /// `search`: a fuzzy search on names, business name and email.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }
    /// `email`: only the customer with exactly this email.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
    /// `status`: only customers in this status (repeat for several).
    pub fn status(mut self, status: CustomerStatus) -> Self {
        self.statuses.push(status);
        self
    }
}

impl Operation for ListCustomers {
    type Output = List<Customer>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        check_limit(self.limit, MAX_PAGE_SIZE)?;
        let mut query = Query::new();
        query.opt("limit", self.limit).opt("offset", self.offset);
        if let Some(search) = &self.search {
            check_query_text("search", search)?;
            query.push("search", search);
        }
        if let Some(email) = &self.email {
            check_query_text("email", email)?;
            query.push("email", email);
        }
        for status in &self.statuses {
            check_query_text("status", status.as_str())?;
            query.push("status", status.as_str());
        }
        let uri = request_uri(env, &["/customers", query.as_str()])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A customer without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Customer>, Error> {
        response::list_of(response, "customers")
    }

    fn name(&self) -> &'static str {
        "listAndSearchCustomers"
    }
}

/// `GET /customers/{id}`: one customer, by id or URL.
pub type RetrieveCustomer = Retrieve<Customer>;

open_enum! {
    /// Where a customer's verification stands. Unknown statuses are kept.
    pub enum CustomerStatus {
        /// `unverified`: an unverified customer (or receive-only user).
        Unverified => "unverified",
        /// `retry`: verification failed once; retry with the full SSN.
        Retry => "retry",
        /// `kba`: answer knowledge-based authentication questions.
        Kba => "kba",
        /// `document`: upload an identifying document.
        Document => "document",
        /// `verified`: money can move.
        Verified => "verified",
        /// `suspended`: no money moves; only Dwolla can lift it.
        Suspended => "suspended",
        /// `deactivated`: no money moves; can be reactivated.
        Deactivated => "deactivated",
    }
}

open_enum! {
    /// A customer's type. Unknown types are kept.
    pub enum CustomerType {
        /// `unverified`.
        Unverified => "unverified",
        /// `receive-only`.
        ReceiveOnly => "receive-only",
        /// `personal`: a verified individual.
        Personal => "personal",
        /// `business`: a verified business (or sole proprietorship).
        Business => "business",
    }
}

model! {
    /// A customer as retrieved. Which members are present depends on its
    /// type: verified customers have an address, business customers a
    /// business name, type, classification and (except sole
    /// proprietorships) a controller.
    pub struct Customer (WireCustomer) resource "customer" {
        /// `firstName`.
        first_name: text = "firstName",
        /// `lastName`.
        last_name: text = "lastName",
        /// `email`.
        email: text = "email",
        /// `type`.
        customer_type: open(CustomerType) = "type",
        /// `status`.
        status: open(CustomerStatus) = "status",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
        /// `correlationId`, if one was set.
        correlation_id: text = "correlationId",
        /// `businessName`.
        business_name: text = "businessName",
        /// `doingBusinessAs`.
        doing_business_as: text = "doingBusinessAs",
        /// `businessType` (`soleProprietorship`, `llc`, `corporation`, `partnership`).
        business_type: text = "businessType",
        /// `businessClassification`: the industry classification's id.
        business_classification: text = "businessClassification",
        /// `website`.
        website: text = "website",
        /// `address1`.
        address1: text = "address1",
        /// `address2`.
        address2: text = "address2",
        /// `city`.
        city: text = "city",
        /// `state` (two letters).
        state: text = "state",
        /// `postalCode`.
        postal_code: text = "postalCode",
        /// `phone`.
        phone: text = "phone",
        /// `controller`: a business's controller.
        controller: object(Controller) = "controller",
        /// `_embedded` as sent (e.g. verification errors Dwolla lists on the
        /// customer).
        embedded: raw = "_embedded",
    }
}

resource!(Customer, "customers", "getCustomer", "customer_id");

impl Customer {
    /// True when it is verified.
    pub fn is_verified(&self) -> bool {
        self.status() == &CustomerStatus::Verified
    }
}

model! {
    /// A business customer's controller.
    pub struct Controller (WireController) {
        /// `firstName`.
        first_name: text = "firstName",
        /// `lastName`.
        last_name: text = "lastName",
        /// `title`.
        title: text = "title",
        /// `address`.
        address: object(Address) = "address",
    }
}

model! {
    /// A postal address as Dwolla returns it for controllers and beneficial
    /// owners (international: `stateProvinceRegion`, `country`).
    pub struct Address (WireAddress) {
        /// `address1`.
        address1: text = "address1",
        /// `address2`.
        address2: text = "address2",
        /// `address3`.
        address3: text = "address3",
        /// `city`.
        city: text = "city",
        /// `stateProvinceRegion`.
        state_province_region: text = "stateProvinceRegion",
        /// `postalCode`.
        postal_code: text = "postalCode",
        /// `country` (two-letter code).
        country: text = "country",
    }
}
