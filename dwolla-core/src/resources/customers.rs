//! Customers: the people and businesses an application moves money for, and
//! their verification.
//!
//! - [`CreateCustomer`]: `POST /customers`, one constructor per kind of
//!   customer ([`receive_only`](CreateCustomer::receive_only),
//!   [`unverified`](CreateCustomer::unverified),
//!   [`personal`](CreateCustomer::personal),
//!   [`sole_proprietorship`](CreateCustomer::sole_proprietorship),
//!   [`business`](CreateCustomer::business))
//! - [`ListCustomers`]: `GET /customers` (search, filters, paging)
//! - [`RetrieveCustomer`]: `GET /customers/{id}`
//! - [`UpdateCustomer`]: `POST /customers/{id}`: information updates,
//!   upgrades, verification retries, suspend, deactivate, reactivate
//!
//! A customer's [`status`](Customer::status) says where verification stands;
//! its [`links`](Customer::links) say what can be done next (`retry-verification`,
//! `verify-with-document`, `kba`, ...), and [`Customer::next_step`] reads
//! both into one [`NextStep`].
//!
//! # Inputs
//!
//! Each request body form has its own constructor taking typed parts, so a
//! body Dwolla would refuse for its shape cannot be built: a personal
//! customer takes [`PersonalDetails`] (with a [`UsAddress`], a
//! [`DateOfBirth`] and an [`Ssn`]); a business [`BusinessDetails`] (its
//! [`BusinessType`] and [`Ein`]) and a [`ControllerDetails`] (with an
//! [`InternationalAddress`]) whose [`Identity`] is an [`Ssn`] or a
//! [`Passport`]; a sole proprietorship has no controller and an optional
//! EIN. Upgrades and retries ([`UpdateCustomer`]) are built from the same
//! parts, and a beneficial owner
//! ([`BeneficialOwnerDetails`](crate::beneficial_owners::BeneficialOwnerDetails))
//! from the same person parts.
//!
//! The secret parts ([`Ssn`], [`Ein`], [`DateOfBirth`], [`Passport`]) are
//! checked when they are made and never show in `Debug` output or in error
//! messages. Everything else is checked by `build_request`, before any
//! request exists, with an [`Error::InvalidInput`] naming the field, against
//! Dwolla's documented rules: names, address lines and cities at most 50
//! characters, business names 255, a controller's title 100, none of them
//! with any of `` <>="`!?%~${}\ ``; two-letter states, US postal codes
//! (`12345` or `12345-6789`), 10-digit phones, IP addresses, emails of the
//! form `local@domain`, `correlationId` of at most 255 letters, digits,
//! `-`, `.` and `_`. (That an address is no PO box, that a customer is 18
//! to 125 years old and that a correlation id is unique are Dwolla's to
//! check: the SDK reads no clock. [`DateOfBirth::age_on`] computes an age
//! for a date you supply.)

use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use http::Method;

use crate::body::{json_object, ObjectWriter};
use crate::created::Created;
use crate::date::Date;
use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_absolute_url, check_correlation_id, check_limit, check_name, check_query_text,
    check_text, hal_request, id_segment, optional_idempotency_key, request_uri, Query,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

pub use crate::list::MAX_PAGE_SIZE;
pub use crate::request::MAX_CORRELATION_ID_CHARS;

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
    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
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

    /// What verification needs next, from its status and links (see
    /// [`NextStep`]); [`next_step_href`](Self::next_step_href) is where to
    /// go for it.
    ///
    /// ```
    /// # use dwolla_core::customers::{Customer, NextStep};
    /// # fn show(customer: &Customer) {
    /// match customer.next_step() {
    ///     NextStep::Nothing => {}
    ///     NextStep::RetryVerification | NextStep::RetryWithFullSsn => {
    ///         // Ask for the details again, with the full SSN:
    ///         // UpdateCustomer::retry_personal(..) and friends.
    ///     }
    ///     NextStep::VerifyWithDocument => {
    ///         let upload_to = customer.next_step_href();
    ///         # let _ = upload_to;
    ///     }
    ///     other => println!("next: {other:?}"),
    /// }
    /// # }
    /// ```
    pub fn next_step(&self) -> NextStep {
        match self.status() {
            CustomerStatus::Suspended => return NextStep::Suspended,
            CustomerStatus::Deactivated => return NextStep::Deactivated,
            _ => {}
        }
        for step in NextStep::BY_LINK {
            if let Some(rel) = step.rel() {
                if self.links().contains(rel) {
                    return step;
                }
            }
        }
        match self.status() {
            CustomerStatus::Verified | CustomerStatus::Unverified => NextStep::Nothing,
            _ => NextStep::Unknown,
        }
    }

    /// The href of the link [`next_step`](Self::next_step) follows, when
    /// it has one.
    pub fn next_step_href(&self) -> Option<&str> {
        self.links().get(self.next_step().rel()?)
    }

    /// `_links["funding-sources"]`: its funding sources.
    pub fn funding_sources_href(&self) -> Option<&str> {
        self.links().get("funding-sources")
    }
    /// `_links.transfers`: its transfers.
    pub fn transfers_href(&self) -> Option<&str> {
        self.links().get("transfers")
    }
    /// `_links.documents`: its identity documents.
    pub fn documents_href(&self) -> Option<&str> {
        self.links().get("documents")
    }
    /// `_links["beneficial-owners"]`: a business's beneficial owners.
    pub fn beneficial_owners_href(&self) -> Option<&str> {
        self.links().get("beneficial-owners")
    }
}

/// What a customer's verification needs next, read from its status and
/// `_links` by [`Customer::next_step`]. When several links are present the
/// first in this order wins (a retry before a document, a document before
/// certification).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NextStep {
    /// Nothing: verified, or an unverified customer or receive-only user
    /// (which are not verified at all).
    Nothing,
    /// `retry-with-full-ssn`: retry once more with the controller's full
    /// 9-digit SSN ([`UpdateCustomer::retry_business_with_controller`]).
    RetryWithFullSsn,
    /// `retry-verification`: one more attempt with corrected details and
    /// the full SSN ([`UpdateCustomer::retry_personal`],
    /// [`retry_sole_proprietorship`](UpdateCustomer::retry_sole_proprietorship),
    /// [`retry_business`](UpdateCustomer::retry_business), ...).
    RetryVerification,
    /// `kba`: answer knowledge-based authentication questions (personal).
    Kba,
    /// `verify-controller-and-business-with-document`: upload documents for
    /// both the controller and the business.
    VerifyControllerAndBusinessWithDocument,
    /// `verify-business-with-document`: upload a document for the business.
    VerifyBusinessWithDocument,
    /// `verify-with-document`: upload an identity document (the person, or a
    /// business's controller).
    VerifyWithDocument,
    /// `certify-beneficial-ownership`: certify the business's beneficial
    /// owners (money cannot be sent before).
    CertifyBeneficialOwnership,
    /// `suspended`: nothing to do but contact Dwolla.
    Suspended,
    /// `deactivated`: [`UpdateCustomer::reactivate`] restores it.
    Deactivated,
    /// A status that needs something this SDK cannot tell from the links
    /// (say a `retry` without a `retry-verification` link, or a status Dwolla
    /// added): look at [`Customer::links`].
    Unknown,
}

impl NextStep {
    /// The steps a link signals, in the order they are looked for.
    const BY_LINK: [NextStep; 7] = [
        NextStep::RetryWithFullSsn,
        NextStep::RetryVerification,
        NextStep::Kba,
        NextStep::VerifyControllerAndBusinessWithDocument,
        NextStep::VerifyBusinessWithDocument,
        NextStep::VerifyWithDocument,
        NextStep::CertifyBeneficialOwnership,
    ];

    /// The link relation that signals this step, if one does.
    pub fn rel(&self) -> Option<&'static str> {
        Some(match self {
            NextStep::RetryWithFullSsn => "retry-with-full-ssn",
            NextStep::RetryVerification => "retry-verification",
            NextStep::Kba => "kba",
            NextStep::VerifyControllerAndBusinessWithDocument => {
                "verify-controller-and-business-with-document"
            }
            NextStep::VerifyBusinessWithDocument => "verify-business-with-document",
            NextStep::VerifyWithDocument => "verify-with-document",
            NextStep::CertifyBeneficialOwnership => "certify-beneficial-ownership",
            NextStep::Nothing | NextStep::Suspended | NextStep::Deactivated | NextStep::Unknown => {
                return None
            }
        })
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

// ---------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------

/// The longest name, address line or city Dwolla accepts, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// The longest business name (or doing-business-as name), in characters.
pub const MAX_BUSINESS_NAME_CHARS: usize = 255;
/// The longest controller title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;

/// Characters Dwolla refuses in names, titles and addresses.
const FORBIDDEN: &[char] = &[
    '<', '>', '=', '"', '`', '!', '?', '%', '~', '$', '{', '}', '\\',
];

/// Bytes that end the ASCII fast path of [`check_plain`]: controls, DEL,
/// [`FORBIDDEN`], and every non-ASCII byte.
static NOT_PLAIN_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i < 0x20 || i >= 0x7f;
        i += 1;
    }
    let mut f = 0;
    while f < FORBIDDEN.len() {
        t[FORBIDDEN[f] as usize] = true;
        f += 1;
    }
    t
};

/// A name, title or address line: 1 to `max` characters, not blank, no
/// control characters, none of [`FORBIDDEN`].
pub(crate) fn check_plain(field: &'static str, text: &str, max: usize) -> Result<(), Error> {
    // Fast path, same answer: plain ASCII text that passes every check
    // below, in one pass (most names and addresses). Anything else takes the
    // full checks, which also word the error.
    let b = text.as_bytes();
    if !b.is_empty()
        && b.len() <= max
        && !b
            .iter()
            .fold(false, |bad, &c| bad | NOT_PLAIN_ASCII[usize::from(c)])
        && b.iter().any(|&c| c != b' ')
    {
        return Ok(());
    }
    check_plain_full(field, text, max)
}

fn check_plain_full(field: &'static str, text: &str, max: usize) -> Result<(), Error> {
    check_name(field, text, max)?;
    if text.contains(FORBIDDEN) {
        return Err(Error::invalid(
            field,
            "must not contain any of the characters < > = \" ` ! ? % ~ $ { } \\",
        ));
    }
    Ok(())
}

fn check_opt_plain(field: &'static str, text: Option<&str>, max: usize) -> Result<(), Error> {
    text.map_or(Ok(()), |t| check_plain(field, t, max))
}

/// `local@domain`: no white space or control characters, one `@` with text
/// on both sides and a dot in the domain, at most 254 bytes.
fn check_email(field: &'static str, email: &str) -> Result<(), Error> {
    // Fast path, same answer: visible ASCII with one `@`, checked in one
    // pass; anything else takes the full checks, which also word the error.
    let b = email.as_bytes();
    if b.len() <= 254 && b.iter().all(|c| (0x21..=0x7e).contains(c)) {
        if let Some(at) = b.iter().position(|&c| c == b'@') {
            let domain = &b[at + 1..];
            if at > 0
                && !domain.contains(&b'@')
                && domain.contains(&b'.')
                && domain.first() != Some(&b'.')
                && domain.last() != Some(&b'.')
            {
                return Ok(());
            }
        }
    }
    check_email_full(field, email)
}

fn check_email_full(field: &'static str, email: &str) -> Result<(), Error> {
    check_text(field, email)?;
    if email.len() > 254 {
        return Err(Error::invalid(field, "must not be over 254 bytes long"));
    }
    let well_formed = !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !well_formed {
        return Err(Error::invalid(
            field,
            "must be an email address of the form name@example.com",
        ));
    }
    Ok(())
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Exactly 10 digits, no separators (as Dwolla documents it).
fn check_phone(field: &'static str, phone: &str) -> Result<(), Error> {
    if phone.len() != 10 || !all_digits(phone) {
        return Err(Error::invalid(
            field,
            "must be 10 digits without separators, e.g. 3334447777",
        ));
    }
    Ok(())
}

/// An IPv4 or IPv6 address.
fn check_ip(field: &'static str, ip: &str) -> Result<(), Error> {
    ip.parse::<std::net::IpAddr>()
        .map(|_| ())
        .map_err(|_| Error::invalid(field, "must be an IPv4 or IPv6 address"))
}

/// Two ASCII letters (a US state or territory code, e.g. `NY`).
fn check_state(field: &'static str, state: &str) -> Result<(), Error> {
    if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid(
            field,
            "must be a two-letter state abbreviation, e.g. NY",
        ));
    }
    Ok(())
}

/// A US postal code: `12345` or `12345-6789`.
fn check_us_postal_code(field: &'static str, code: &str) -> Result<(), Error> {
    let ok = match code.split_once('-') {
        None => code.len() == 5 && all_digits(code),
        Some((five, four)) => {
            five.len() == 5 && all_digits(five) && four.len() == 4 && all_digits(four)
        }
    };
    if !ok {
        return Err(Error::invalid(
            field,
            "must be a US postal code: 5 digits, or ZIP+4 (12345-6789)",
        ));
    }
    Ok(())
}

/// A country code: two (ISO 3166 alpha-2, as Dwolla's docs say) or three
/// (as some of the spec's examples have) ASCII letters.
fn check_country(field: &'static str, country: &str) -> Result<(), Error> {
    if !(2..=3).contains(&country.len()) || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid(
            field,
            "must be a two-letter country code, e.g. US",
        ));
    }
    Ok(())
}

/// An industry classification id: 1 to 100 letters, digits and `-` (a UUID).
fn check_classification(field: &'static str, id: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !ok {
        return Err(Error::invalid(
            field,
            "must be an industry classification id (letters, digits and `-`), see business_classifications",
        ));
    }
    Ok(())
}

/// The digits of `s` if it is `n` digits, or the same digits grouped by
/// `-` exactly as `groups` says (e.g. `[3, 2, 4]` for `123-45-6789`).
fn digits_grouped(s: &str, groups: &[usize]) -> Option<String> {
    let n: usize = groups.iter().sum();
    if s.len() == n && all_digits(s) {
        return Some(s.to_owned());
    }
    let mut parts = s.split('-');
    let mut out = String::with_capacity(n);
    for &len in groups {
        let part = parts.next()?;
        if part.len() != len || !all_digits(part) {
            return None;
        }
        out.push_str(part);
    }
    parts.next().is_none().then_some(out)
}

// ---------------------------------------------------------------------------
// Secret inputs
// ---------------------------------------------------------------------------

/// A Social Security Number: the last 4 digits, or all 9 (`123456789` or
/// `123-45-6789`; sent as digits only). A first verification attempt needs
/// only the last four; a retry needs all nine.
///
/// Never shown: its `Debug` is `Ssn(<redacted, N bytes>)`, and no error
/// message repeats it.
///
/// ```
/// use dwolla_core::customers::Ssn;
///
/// assert!(!Ssn::new("1234")?.is_full());
/// assert!(Ssn::new("123-45-6789")?.is_full());
/// assert!(Ssn::new("12345").is_err());
/// assert_eq!(format!("{:?}", Ssn::new("1234")?), "Ssn(<redacted, 4 bytes>)");
/// # Ok::<(), dwolla_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Ssn(String);

impl Ssn {
    /// The last 4 digits or all 9, or [`Error::InvalidInput`] on `ssn`.
    pub fn new(ssn: impl AsRef<str>) -> Result<Ssn, Error> {
        let s = ssn.as_ref();
        if s.len() == 4 && all_digits(s) {
            return Ok(Ssn(s.to_owned()));
        }
        digits_grouped(s, &[3, 2, 4]).map(Ssn).ok_or_else(|| {
            Error::invalid(
                "ssn",
                "must be the last 4 digits, or all 9 (dashes allowed as in ddd-dd-dddd)",
            )
        })
    }

    /// True when it is all 9 digits (what a verification retry needs).
    pub fn is_full(&self) -> bool {
        self.0.len() == 9
    }

    /// [`Error::InvalidInput`] on `field` unless it is all 9 digits;
    /// `needed_for` says why they are (`"to retry verification"`).
    pub(crate) fn check_full(&self, field: &'static str, needed_for: &str) -> Result<(), Error> {
        if self.is_full() {
            return Ok(());
        }
        Err(Error::invalid(
            field,
            format!("must be all 9 digits {needed_for}"),
        ))
    }
}

impl fmt::Debug for Ssn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ssn").field(&Redacted(&self.0)).finish()
    }
}

/// An Employer Identification Number: 9 digits (`123456789` or
/// `12-3456789`; sent as digits only).
///
/// Never shown: its `Debug` is `Ein(<redacted, 9 bytes>)`, and no error
/// message repeats it.
#[derive(Clone, PartialEq, Eq)]
pub struct Ein(String);

impl Ein {
    /// The EIN, or [`Error::InvalidInput`] on `ein`.
    pub fn new(ein: impl AsRef<str>) -> Result<Ein, Error> {
        digits_grouped(ein.as_ref(), &[2, 7])
            .map(Ein)
            .ok_or_else(|| {
                Error::invalid("ein", "must be 9 digits (dashes allowed as in dd-ddddddd)")
            })
    }
}

impl fmt::Debug for Ein {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ein").field(&Redacted(&self.0)).finish()
    }
}

/// A date of birth: a real calendar date from 1900-01-01 to 2099-12-31, sent
/// as `YYYY-MM-DD`.
///
/// Dwolla also requires an age of 18 to 125 years; that depends on today's
/// date, which this crate never reads, so it is not checked here:
/// [`age_on`](Self::age_on) computes the age on a date you supply.
///
/// Never shown: its `Debug` is `DateOfBirth(<redacted, 10 bytes>)`, and no
/// error message repeats it.
///
/// ```
/// use dwolla_core::customers::DateOfBirth;
///
/// let dob: DateOfBirth = "1980-09-12".parse()?;
/// assert_eq!(dob, DateOfBirth::new(1980, 9, 12)?);
/// assert_eq!(dob.age_on(2024, 9, 11), Some(43));
/// assert_eq!(dob.age_on(2024, 9, 12), Some(44));
/// assert!(DateOfBirth::new(1981, 2, 29).is_err());
/// assert!("12/09/1980".parse::<DateOfBirth>().is_err());
/// # Ok::<(), dwolla_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateOfBirth(Date);

/// The years a date of birth may be in.
const BIRTH_YEARS: std::ops::RangeInclusive<u16> = 1900..=2099;

impl DateOfBirth {
    /// The date, or [`Error::InvalidInput`] on `date_of_birth` if it is not
    /// a calendar date from 1900 to 2099.
    pub fn new(year: u16, month: u8, day: u8) -> Result<DateOfBirth, Error> {
        Self::in_range(
            Date::checked("date_of_birth", year, month, day)?,
            "date_of_birth",
        )
    }

    /// Reads `YYYY-MM-DD`, or [`Error::InvalidInput`] on `date_of_birth`
    /// (which never quotes the date).
    pub fn parse(text: &str) -> Result<DateOfBirth, Error> {
        const FIELD: &str = "date_of_birth";
        Self::in_range(Date::parse_field(FIELD, text)?, FIELD)
    }

    fn in_range(date: Date, field: &'static str) -> Result<DateOfBirth, Error> {
        if !BIRTH_YEARS.contains(&date.year()) {
            return Err(Error::invalid(field, "must be a date from 1900 to 2099"));
        }
        Ok(DateOfBirth(date))
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.0.year()
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.0.month()
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.0.day()
    }

    /// The age in whole years on the given date, or `None` if that date is
    /// before the birth. Dwolla accepts customers aged 18 to 125.
    pub fn age_on(&self, year: u16, month: u8, day: u8) -> Option<u16> {
        let years = year.checked_sub(self.year())?;
        if (month, day) < (self.month(), self.day()) {
            years.checked_sub(1)
        } else {
            Some(years)
        }
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn wire(&self) -> String {
        self.0.to_string()
    }
}

impl FromStr for DateOfBirth {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        DateOfBirth::parse(s)
    }
}

impl fmt::Debug for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateOfBirth")
            .field(&Redacted("YYYY-MM-DD"))
            .finish()
    }
}

/// A passport, for a controller or beneficial owner who is not a US person
/// (no SSN): its number and the issuing country's two-letter code.
///
/// The number is never shown: `Debug` is `Passport { number: <redacted, N
/// bytes>, country: "..." }`, and no error message repeats it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passport {
    number: String,
    country: String,
}

impl Passport {
    /// A passport number (1 to 50 letters and digits) and its country (a
    /// two-letter code), or [`Error::InvalidInput`] on `passport.number` or
    /// `passport.country`.
    pub fn new(number: impl Into<String>, country: impl Into<String>) -> Result<Passport, Error> {
        let (number, country) = (number.into(), country.into());
        if number.is_empty()
            || number.len() > 50
            || !number.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Error::invalid(
                "passport.number",
                "must be 1 to 50 letters and digits",
            ));
        }
        check_country("passport.country", &country)?;
        Ok(Passport { number, country })
    }

    /// The issuing country, as given.
    pub fn country(&self) -> &str {
        &self.country
    }
}

impl fmt::Debug for Passport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Passport")
            .field("number", &Redacted(&self.number))
            .field("country", &self.country)
            .finish()
    }
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// A US street address: a verified customer's home, or a business's
/// physical address (`address1`, `address2`, `city`, `state`, `postalCode`).
/// No PO boxes (Dwolla checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsAddress {
    address1: String,
    address2: Option<String>,
    city: String,
    state: String,
    postal_code: String,
}

impl UsAddress {
    /// The street line, city, two-letter state and postal code (`12345` or
    /// `12345-6789`).
    pub fn new(
        address1: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        postal_code: impl Into<String>,
    ) -> Self {
        UsAddress {
            address1: address1.into(),
            address2: None,
            city: city.into(),
            state: state.into(),
            postal_code: postal_code.into(),
        }
    }
    /// `address2`: apartment, suite, floor.
    pub fn address2(mut self, address2: impl Into<String>) -> Self {
        self.address2 = Some(address2.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_plain("address1", &self.address1, MAX_NAME_CHARS)?;
        check_opt_plain("address2", self.address2.as_deref(), MAX_NAME_CHARS)?;
        check_plain("city", &self.city, MAX_NAME_CHARS)?;
        check_state("state", &self.state)?;
        check_us_postal_code("postal_code", &self.postal_code)
    }

    fn write(&self, w: &mut ObjectWriter<'_>) {
        w.str("address1", &self.address1)
            .opt_str("address2", self.address2.as_deref())
            .str("city", &self.city)
            .str("state", &self.state)
            .str("postalCode", &self.postal_code);
    }
}

/// An unverified customer or receive-only user: names and email, and
/// optionally a business name, IP address and phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnverifiedDetails {
    first_name: String,
    last_name: String,
    email: String,
    business_name: Option<String>,
    ip_address: Option<String>,
    phone: Option<String>,
}

impl UnverifiedDetails {
    /// First and last name and email.
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        UnverifiedDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
            business_name: None,
            ip_address: None,
            phone: None,
        }
    }
    /// `businessName` (at most 255 characters).
    pub fn business_name(mut self, name: impl Into<String>) -> Self {
        self.business_name = Some(name.into());
        self
    }
    /// `ipAddress`: the registering user's IP address.
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }
    /// `phone`: 10 digits.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_plain("first_name", &self.first_name, MAX_NAME_CHARS)?;
        check_plain("last_name", &self.last_name, MAX_NAME_CHARS)?;
        check_email("email", &self.email)?;
        check_opt_plain(
            "business_name",
            self.business_name.as_deref(),
            MAX_BUSINESS_NAME_CHARS,
        )?;
        check_contact_extras(self.ip_address.as_deref(), self.phone.as_deref())
    }
}

fn check_contact_extras(ip: Option<&str>, phone: Option<&str>) -> Result<(), Error> {
    if let Some(ip) = ip {
        check_ip("ip_address", ip)?;
    }
    if let Some(phone) = phone {
        check_phone("phone", phone)?;
    }
    Ok(())
}

/// A verified personal customer, or a sole proprietor: names, email, home
/// address, date of birth and SSN, and optionally an IP address and phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalDetails {
    first_name: String,
    last_name: String,
    email: String,
    address: UsAddress,
    date_of_birth: DateOfBirth,
    ssn: Ssn,
    ip_address: Option<String>,
    phone: Option<String>,
}

impl PersonalDetails {
    /// The legal first and last name, email, home address, date of birth
    /// and SSN (the last four digits, or all nine; a retry needs all nine).
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        email: impl Into<String>,
        address: UsAddress,
        date_of_birth: DateOfBirth,
        ssn: Ssn,
    ) -> Self {
        PersonalDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
            address,
            date_of_birth,
            ssn,
            ip_address: None,
            phone: None,
        }
    }
    /// `ipAddress`: the registering user's IP address (recommended).
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }
    /// `phone`: 10 digits.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    fn check(&self, full_ssn: bool) -> Result<(), Error> {
        check_plain("first_name", &self.first_name, MAX_NAME_CHARS)?;
        check_plain("last_name", &self.last_name, MAX_NAME_CHARS)?;
        check_email("email", &self.email)?;
        self.address.check()?;
        if full_ssn {
            self.ssn.check_full("ssn", "to retry verification")?;
        }
        check_contact_extras(self.ip_address.as_deref(), self.phone.as_deref())
    }
}

/// The Account Admin of a business verified customer: the person signing the
/// business up (names and email), and optionally an IP address and phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountAdmin {
    first_name: String,
    last_name: String,
    email: String,
    ip_address: Option<String>,
    phone: Option<String>,
}

impl AccountAdmin {
    /// The Account Admin's legal first and last name and email.
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        AccountAdmin {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
            ip_address: None,
            phone: None,
        }
    }
    /// `ipAddress`: the registering user's IP address (recommended).
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }
    /// `phone`: 10 digits.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_plain("first_name", &self.first_name, MAX_NAME_CHARS)?;
        check_plain("last_name", &self.last_name, MAX_NAME_CHARS)?;
        check_email("email", &self.email)?;
        check_contact_extras(self.ip_address.as_deref(), self.phone.as_deref())
    }
}

/// The legal structure of a business with a controller (a sole
/// proprietorship has its own constructors and no controller).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BusinessType {
    /// `llc`.
    Llc,
    /// `corporation` (also publicly traded corporations and most non-profits).
    Corporation,
    /// `partnership` (also LPs and LLPs).
    Partnership,
}

impl BusinessType {
    /// The value as Dwolla spells it.
    pub fn as_str(&self) -> &'static str {
        match self {
            BusinessType::Llc => "llc",
            BusinessType::Corporation => "corporation",
            BusinessType::Partnership => "partnership",
        }
    }
}

/// A business with a controller (LLC, corporation, partnership): its
/// registered name, structure, industry classification, physical address
/// and EIN, and optionally a doing-business-as name and website.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessDetails {
    business_name: String,
    business_type: BusinessType,
    business_classification: String,
    address: UsAddress,
    ein: Ein,
    doing_business_as: Option<String>,
    website: Option<String>,
}

impl BusinessDetails {
    /// The registered business name, its structure, the *industry*
    /// classification id (see
    /// [`business_classifications`](crate::business_classifications)), its
    /// physical address and its EIN.
    pub fn new(
        business_name: impl Into<String>,
        business_type: BusinessType,
        business_classification: impl Into<String>,
        address: UsAddress,
        ein: Ein,
    ) -> Self {
        BusinessDetails {
            business_name: business_name.into(),
            business_type,
            business_classification: business_classification.into(),
            address,
            ein,
            doing_business_as: None,
            website: None,
        }
    }
    /// `doingBusinessAs`: a trade name, if it differs from the registered one.
    pub fn doing_business_as(mut self, name: impl Into<String>) -> Self {
        self.doing_business_as = Some(name.into());
        self
    }
    /// `website`: an http(s) URL.
    pub fn website(mut self, url: impl Into<String>) -> Self {
        self.website = Some(url.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        self.address.check()?;
        check_business(
            &self.business_name,
            &self.business_classification,
            self.doing_business_as.as_deref(),
            self.website.as_deref(),
        )
    }
}

fn check_business(
    name: &str,
    classification: &str,
    doing_business_as: Option<&str>,
    website: Option<&str>,
) -> Result<(), Error> {
    check_plain("business_name", name, MAX_BUSINESS_NAME_CHARS)?;
    check_classification("business_classification", classification)?;
    check_opt_plain(
        "doing_business_as",
        doing_business_as,
        MAX_BUSINESS_NAME_CHARS,
    )?;
    if let Some(url) = website {
        check_absolute_url("website", url)?;
    }
    Ok(())
}

/// A sole proprietorship's business: its name and industry classification,
/// and optionally an EIN, a doing-business-as name and a website. Its
/// address is the owner's ([`PersonalDetails`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoleProprietorship {
    business_name: String,
    business_classification: String,
    ein: Option<Ein>,
    doing_business_as: Option<String>,
    website: Option<String>,
}

impl SoleProprietorship {
    /// The business name and the *industry* classification id (see
    /// [`business_classifications`](crate::business_classifications)).
    pub fn new(
        business_name: impl Into<String>,
        business_classification: impl Into<String>,
    ) -> Self {
        SoleProprietorship {
            business_name: business_name.into(),
            business_classification: business_classification.into(),
            ein: None,
            doing_business_as: None,
            website: None,
        }
    }
    /// `ein`: optional for a sole proprietorship.
    pub fn ein(mut self, ein: Ein) -> Self {
        self.ein = Some(ein);
        self
    }
    /// `doingBusinessAs`: a trade name.
    pub fn doing_business_as(mut self, name: impl Into<String>) -> Self {
        self.doing_business_as = Some(name.into());
        self
    }
    /// `website`: an http(s) URL.
    pub fn website(mut self, url: impl Into<String>) -> Self {
        self.website = Some(url.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_business(
            &self.business_name,
            &self.business_classification,
            self.doing_business_as.as_deref(),
            self.website.as_deref(),
        )
    }
}

/// An address anywhere in the world (`address1`..`address3`, `city`,
/// `stateProvinceRegion`, `postalCode`, `country`), as a business's
/// controller and a beneficial owner give it. For a US address (`US` or
/// `USA`) the state is two letters and the postal code is required (`12345`
/// or `12345-6789`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternationalAddress {
    address1: String,
    address2: Option<String>,
    address3: Option<String>,
    city: String,
    state_province_region: String,
    postal_code: Option<String>,
    country: String,
}

/// The fields an [`InternationalAddress`]'s errors name: where the address
/// sits in its request body.
pub(crate) struct AddressFields {
    address1: &'static str,
    address2: &'static str,
    address3: &'static str,
    city: &'static str,
    state_province_region: &'static str,
    postal_code: &'static str,
    country: &'static str,
}

impl AddressFields {
    /// A business's controller's address (`controller.address.*`).
    pub(crate) const CONTROLLER: AddressFields = AddressFields {
        address1: "controller.address.address1",
        address2: "controller.address.address2",
        address3: "controller.address.address3",
        city: "controller.address.city",
        state_province_region: "controller.address.state_province_region",
        postal_code: "controller.address.postal_code",
        country: "controller.address.country",
    };

    /// A beneficial owner's address (`address.*`).
    pub(crate) const OWNER: AddressFields = AddressFields {
        address1: "address.address1",
        address2: "address.address2",
        address3: "address.address3",
        city: "address.city",
        state_province_region: "address.state_province_region",
        postal_code: "address.postal_code",
        country: "address.country",
    };
}

impl InternationalAddress {
    /// The street line, city, state/province/region and country (a
    /// two-letter code, e.g. `US`).
    pub fn new(
        address1: impl Into<String>,
        city: impl Into<String>,
        state_province_region: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        InternationalAddress {
            address1: address1.into(),
            address2: None,
            address3: None,
            city: city.into(),
            state_province_region: state_province_region.into(),
            postal_code: None,
            country: country.into(),
        }
    }
    /// A US address: street, city, two-letter state and postal code, country `US`.
    pub fn us(
        address1: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        postal_code: impl Into<String>,
    ) -> Self {
        InternationalAddress::new(address1, city, state, "US").postal_code(postal_code)
    }
    /// `address2`.
    pub fn address2(mut self, address2: impl Into<String>) -> Self {
        self.address2 = Some(address2.into());
        self
    }
    /// `address3`.
    pub fn address3(mut self, address3: impl Into<String>) -> Self {
        self.address3 = Some(address3.into());
        self
    }
    /// `postalCode` (required in the US).
    pub fn postal_code(mut self, postal_code: impl Into<String>) -> Self {
        self.postal_code = Some(postal_code.into());
        self
    }
    /// The country, as given.
    pub fn country(&self) -> &str {
        &self.country
    }

    fn is_us(&self) -> bool {
        self.country.eq_ignore_ascii_case("US") || self.country.eq_ignore_ascii_case("USA")
    }

    /// Checks every line, naming the field as `at` says.
    pub(crate) fn check(&self, at: &AddressFields) -> Result<(), Error> {
        check_plain(at.address1, &self.address1, MAX_NAME_CHARS)?;
        check_opt_plain(at.address2, self.address2.as_deref(), MAX_NAME_CHARS)?;
        check_opt_plain(at.address3, self.address3.as_deref(), MAX_NAME_CHARS)?;
        check_plain(at.city, &self.city, MAX_NAME_CHARS)?;
        check_country(at.country, &self.country)?;
        let (region, postal) = (at.state_province_region, at.postal_code);
        if self.is_us() {
            check_state(region, &self.state_province_region)?;
            match &self.postal_code {
                Some(code) => check_us_postal_code(postal, code)?,
                None => return Err(Error::invalid(postal, "is required for a US address")),
            }
        } else {
            check_plain(region, &self.state_province_region, MAX_NAME_CHARS)?;
            check_opt_plain(postal, self.postal_code.as_deref(), MAX_NAME_CHARS)?;
        }
        Ok(())
    }

    pub(crate) fn write(&self, w: &mut ObjectWriter<'_>) {
        w.str("address1", &self.address1)
            .opt_str("address2", self.address2.as_deref())
            .opt_str("address3", self.address3.as_deref())
            .str("city", &self.city)
            .str("stateProvinceRegion", &self.state_province_region)
            .opt_str("postalCode", self.postal_code.as_deref())
            .str("country", &self.country);
    }
}

/// How a person (a business's controller, a beneficial owner) is
/// identified: a US person by SSN, anyone else by passport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    /// `ssn`: the last four digits, or all nine (a retry, and a beneficial
    /// owner, need all nine).
    Ssn(Ssn),
    /// `passport`: a person who is not a US person.
    Passport(Passport),
}

impl From<Ssn> for Identity {
    fn from(ssn: Ssn) -> Self {
        Identity::Ssn(ssn)
    }
}

impl From<Passport> for Identity {
    fn from(passport: Passport) -> Self {
        Identity::Passport(passport)
    }
}

impl Identity {
    /// `"ssn":"..."` or `"passport":{"number":"...","country":"..."}`.
    pub(crate) fn write(&self, w: &mut ObjectWriter<'_>) {
        match self {
            Identity::Ssn(ssn) => {
                w.str("ssn", &ssn.0);
            }
            Identity::Passport(p) => {
                w.object("passport", |pw| {
                    pw.str("number", &p.number).str("country", &p.country);
                });
            }
        }
    }
}

/// A business's controller (someone who controls, manages or directs it:
/// CEO, CFO, general partner, ...): name, title, date of birth, address, and
/// an SSN or passport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControllerDetails {
    first_name: String,
    last_name: String,
    title: String,
    date_of_birth: DateOfBirth,
    address: InternationalAddress,
    identity: Identity,
}

impl ControllerDetails {
    /// The controller's legal first and last name, job title, date of
    /// birth, address, and SSN or passport.
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        title: impl Into<String>,
        date_of_birth: DateOfBirth,
        address: InternationalAddress,
        identity: impl Into<Identity>,
    ) -> Self {
        ControllerDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            title: title.into(),
            date_of_birth,
            address,
            identity: identity.into(),
        }
    }

    fn check(&self, full_ssn: bool) -> Result<(), Error> {
        check_plain("controller.first_name", &self.first_name, MAX_NAME_CHARS)?;
        check_plain("controller.last_name", &self.last_name, MAX_NAME_CHARS)?;
        check_plain("controller.title", &self.title, MAX_TITLE_CHARS)?;
        self.address.check(&AddressFields::CONTROLLER)?;
        match &self.identity {
            Identity::Ssn(ssn) if full_ssn => {
                ssn.check_full("controller.ssn", "to retry verification")
            }
            _ => Ok(()),
        }
    }

    fn write(&self, w: &mut ObjectWriter<'_>) {
        let dob = self.date_of_birth.wire();
        w.str("firstName", &self.first_name)
            .str("lastName", &self.last_name)
            .str("title", &self.title)
            .str("dateOfBirth", &dob);
        self.identity.write(w);
        w.object("address", |a| self.address.write(a));
    }
}

/// A verified customer's full details, as a create, an upgrade and a retry
/// send them.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verified {
    Personal(PersonalDetails),
    SoleProprietorship(PersonalDetails, SoleProprietorship),
    /// No controller only for a retry of the business details alone.
    Business(
        AccountAdmin,
        BusinessDetails,
        Option<Box<ControllerDetails>>,
    ),
}

impl Verified {
    /// `retry`: every SSN must be all nine digits.
    fn check(&self, retry: bool) -> Result<(), Error> {
        match self {
            Verified::Personal(p) => p.check(retry),
            Verified::SoleProprietorship(p, b) => {
                p.check(retry)?;
                b.check()
            }
            Verified::Business(admin, business, controller) => {
                admin.check()?;
                business.check()?;
                controller.as_ref().map_or(Ok(()), |c| c.check(retry))
            }
        }
    }

    fn write(&self, w: &mut ObjectWriter<'_>, correlation_id: Option<&str>) {
        match self {
            Verified::Personal(p) => write_person(w, p, "personal", correlation_id),
            Verified::SoleProprietorship(p, b) => {
                write_person(w, p, "business", correlation_id);
                w.str("businessName", &b.business_name)
                    .opt_str("doingBusinessAs", b.doing_business_as.as_deref())
                    .str("businessType", "soleProprietorship")
                    .str("businessClassification", &b.business_classification)
                    .opt_str("ein", b.ein.as_ref().map(|e| e.0.as_str()))
                    .opt_str("website", b.website.as_deref());
            }
            Verified::Business(admin, b, controller) => {
                w.str("firstName", &admin.first_name)
                    .str("lastName", &admin.last_name)
                    .str("email", &admin.email)
                    .str("type", "business")
                    .opt_str("ipAddress", admin.ip_address.as_deref())
                    .opt_str("phone", admin.phone.as_deref())
                    .opt_str("correlationId", correlation_id);
                b.address.write(w);
                w.str("businessName", &b.business_name)
                    .opt_str("doingBusinessAs", b.doing_business_as.as_deref())
                    .str("businessType", b.business_type.as_str())
                    .str("businessClassification", &b.business_classification)
                    .str("ein", &b.ein.0)
                    .opt_str("website", b.website.as_deref());
                if let Some(c) = controller {
                    w.object("controller", |cw| c.write(cw));
                }
            }
        }
    }
}

fn write_person(
    w: &mut ObjectWriter<'_>,
    p: &PersonalDetails,
    kind: &str,
    correlation_id: Option<&str>,
) {
    let dob = p.date_of_birth.wire();
    w.str("firstName", &p.first_name)
        .str("lastName", &p.last_name)
        .str("email", &p.email)
        .str("type", kind)
        .opt_str("ipAddress", p.ip_address.as_deref())
        .opt_str("phone", p.phone.as_deref())
        .opt_str("correlationId", correlation_id);
    p.address.write(w);
    w.str("dateOfBirth", &dob).str("ssn", &p.ssn.0);
}

fn write_unverified(
    w: &mut ObjectWriter<'_>,
    d: &UnverifiedDetails,
    kind: &str,
    correlation_id: Option<&str>,
) {
    w.str("firstName", &d.first_name)
        .str("lastName", &d.last_name)
        .str("email", &d.email)
        .str("type", kind)
        .opt_str("ipAddress", d.ip_address.as_deref())
        .opt_str("phone", d.phone.as_deref())
        .opt_str("correlationId", correlation_id)
        .opt_str("businessName", d.business_name.as_deref());
}

// ---------------------------------------------------------------------------
// POST /customers
// ---------------------------------------------------------------------------

/// `POST /customers`: creates a customer, one constructor per kind:
///
/// | constructor | creates | `type` |
/// |---|---|---|
/// | [`receive_only`](Self::receive_only) | a receive-only user | `receive-only` |
/// | [`unverified`](Self::unverified) | an unverified customer | `unverified` |
/// | [`personal`](Self::personal) | a verified individual | `personal` |
/// | [`sole_proprietorship`](Self::sole_proprietorship) | a verified sole proprietorship | `business`, `businessType: soleProprietorship` |
/// | [`business`](Self::business) | a verified LLC, corporation or partnership, with its controller (SSN or passport) | `business` |
///
/// Every form also takes a [`correlation_id`](Self::correlation_id) and an
/// [`idempotency_key`](Self::idempotency_key). The answer is the new
/// customer's URL ([`CustomerCreated`]); a verified customer's
/// [`status`](Customer::status) then says whether verification passed.
///
/// ```
/// use dwolla_core::customers::{CreateCustomer, DateOfBirth, PersonalDetails, Ssn, UsAddress};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let jane = PersonalDetails::new(
///     "Jane",
///     "Doe",
///     "jane@example.com",
///     UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
///     DateOfBirth::new(1970, 1, 1)?,
///     Ssn::new("1234")?,
/// );
/// let op = CreateCustomer::personal(jane).correlation_id("user-42");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/customers");
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"firstName":"Jane","lastName":"Doe","email":"jane@example.com","type":"personal","correlationId":"user-42","address1":"99-99 33rd St","city":"Some City","state":"NY","postalCode":"11101","dateOfBirth":"1970-01-01","ssn":"1234"}"#
/// );
/// // Secrets never show.
/// assert!(!format!("{op:?}").contains("1234"));
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`DuplicateCustomer`](crate::ApiErrorKind::DuplicateCustomer)
/// (the email is taken: [`ApiError::about_href`](crate::ApiError::about_href)
/// is the existing customer), [`Validation`](crate::ApiErrorKind::Validation)
/// (see [`ApiError::errors`](crate::ApiError::errors) for the fields),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateCustomer {
    form: CreateForm,
    correlation_id: Option<String>,
    idempotency_key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CreateForm {
    ReceiveOnly(UnverifiedDetails),
    Unverified(UnverifiedDetails),
    Verified(Box<Verified>),
}

impl CreateCustomer {
    fn new(form: CreateForm) -> Self {
        CreateCustomer {
            form,
            correlation_id: None,
            idempotency_key: None,
        }
    }

    /// A receive-only user: can receive money, never send it.
    pub fn receive_only(details: UnverifiedDetails) -> Self {
        Self::new(CreateForm::ReceiveOnly(details))
    }

    /// An unverified customer: sends and receives within lower limits,
    /// without identity verification. (Sent with `"type":"unverified"`,
    /// which Dwolla's spec requires and its guides leave out.)
    pub fn unverified(details: UnverifiedDetails) -> Self {
        Self::new(CreateForm::Unverified(details))
    }

    /// A verified personal customer (an individual).
    pub fn personal(details: PersonalDetails) -> Self {
        Self::new(CreateForm::Verified(Box::new(Verified::Personal(details))))
    }

    /// A verified sole proprietorship: the owner's personal details and the
    /// business (no controller; the EIN is optional).
    pub fn sole_proprietorship(owner: PersonalDetails, business: SoleProprietorship) -> Self {
        Self::new(CreateForm::Verified(Box::new(
            Verified::SoleProprietorship(owner, business),
        )))
    }

    /// A verified business (LLC, corporation, partnership): the Account
    /// Admin, the business (with its EIN) and its controller, identified by
    /// SSN or, for a controller who is not a US person, by passport.
    pub fn business(
        admin: AccountAdmin,
        business: BusinessDetails,
        controller: ControllerDetails,
    ) -> Self {
        Self::new(CreateForm::Verified(Box::new(Verified::Business(
            admin,
            business,
            Some(Box::new(controller)),
        ))))
    }

    /// `correlationId`: your own reference for the customer (at most 255 of
    /// `a-z`, `A-Z`, `0-9`, `-`, `.`, `_`; unique across your customers).
    pub fn correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original customer instead of creating
    /// another. (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    fn check(&self) -> Result<(), Error> {
        match &self.form {
            CreateForm::ReceiveOnly(d) | CreateForm::Unverified(d) => d.check()?,
            CreateForm::Verified(v) => v.check(false)?,
        }
        if let Some(id) = &self.correlation_id {
            check_correlation_id("correlation_id", id)?;
        }
        Ok(())
    }

    fn body(&self) -> Bytes {
        let cid = self.correlation_id.as_deref();
        json_object(512, |w| match &self.form {
            CreateForm::ReceiveOnly(d) => write_unverified(w, d, "receive-only", cid),
            CreateForm::Unverified(d) => write_unverified(w, d, "unverified", cid),
            CreateForm::Verified(v) => v.write(w, cid),
        })
    }
}

impl Operation for CreateCustomer {
    type Output = CustomerCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        self.check()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers"])?;
        hal_request(Method::POST, uri, token, Some(self.body()), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<CustomerCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomer"
    }
}

/// A created customer: its URL, id, and the [`RetrieveCustomer`] that
/// fetches it (to read its verification [`status`](Customer::status)).
pub type CustomerCreated = Created<RetrieveCustomer>;

// ---------------------------------------------------------------------------
// POST /customers/{id}
// ---------------------------------------------------------------------------

/// The information an unverified customer or receive-only user can change:
/// names, email, business name (which [`remove_business_name`](Self::remove_business_name)
/// unsets). Only what is set is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnverifiedInfo {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    business_name: Option<BusinessNameChange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum BusinessNameChange {
    Set(String),
    Remove,
}

impl UnverifiedInfo {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// `firstName`.
    pub fn first_name(mut self, name: impl Into<String>) -> Self {
        self.first_name = Some(name.into());
        self
    }
    /// `lastName`.
    pub fn last_name(mut self, name: impl Into<String>) -> Self {
        self.last_name = Some(name.into());
        self
    }
    /// `email`.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
    /// `businessName` (1 to 255 characters).
    pub fn business_name(mut self, name: impl Into<String>) -> Self {
        self.business_name = Some(BusinessNameChange::Set(name.into()));
        self
    }
    /// Unsets the business name (sends `"businessName":""`).
    pub fn remove_business_name(mut self) -> Self {
        self.business_name = Some(BusinessNameChange::Remove);
        self
    }

    fn check(&self) -> Result<(), Error> {
        if self.first_name.is_none()
            && self.last_name.is_none()
            && self.email.is_none()
            && self.business_name.is_none()
        {
            return Err(Error::invalid(
                "info",
                "changes nothing: set a field to update",
            ));
        }
        check_opt_plain("first_name", self.first_name.as_deref(), MAX_NAME_CHARS)?;
        check_opt_plain("last_name", self.last_name.as_deref(), MAX_NAME_CHARS)?;
        if let Some(email) = &self.email {
            check_email("email", email)?;
        }
        if let Some(BusinessNameChange::Set(name)) = &self.business_name {
            if name.is_empty() {
                return Err(Error::invalid(
                    "business_name",
                    "must not be empty (remove_business_name unsets it)",
                ));
            }
            check_plain("business_name", name, MAX_BUSINESS_NAME_CHARS)?;
        }
        Ok(())
    }

    fn write(&self, w: &mut ObjectWriter<'_>) {
        w.opt_str("firstName", self.first_name.as_deref())
            .opt_str("lastName", self.last_name.as_deref())
            .opt_str("email", self.email.as_deref());
        match &self.business_name {
            Some(BusinessNameChange::Set(name)) => {
                w.str("businessName", name);
            }
            Some(BusinessNameChange::Remove) => {
                w.str("businessName", "");
            }
            None => {}
        }
    }
}

/// The information a verified customer can change: email, IP address,
/// address, phone. Only what is set is sent. (Not while its status is
/// `document` or `suspended`.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifiedInfo {
    email: Option<String>,
    ip_address: Option<String>,
    address: Option<UsAddress>,
    phone: Option<String>,
}

impl VerifiedInfo {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// `email`.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
    /// `ipAddress`.
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }
    /// The whole address (`address1`, `address2`, `city`, `state`, `postalCode`).
    pub fn address(mut self, address: UsAddress) -> Self {
        self.address = Some(address);
        self
    }
    /// `phone`: 10 digits.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    fn is_empty(&self) -> bool {
        self.email.is_none()
            && self.ip_address.is_none()
            && self.address.is_none()
            && self.phone.is_none()
    }

    fn check(&self) -> Result<(), Error> {
        if let Some(email) = &self.email {
            check_email("email", email)?;
        }
        if let Some(address) = &self.address {
            address.check()?;
        }
        check_contact_extras(self.ip_address.as_deref(), self.phone.as_deref())
    }

    fn write(&self, w: &mut ObjectWriter<'_>) {
        w.opt_str("email", self.email.as_deref())
            .opt_str("ipAddress", self.ip_address.as_deref());
        if let Some(a) = &self.address {
            a.write(w);
        }
        w.opt_str("phone", self.phone.as_deref());
    }
}

/// What a verified business can change besides [`VerifiedInfo`]: its
/// doing-business-as name and website.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessInfo {
    doing_business_as: Option<String>,
    website: Option<String>,
}

impl BusinessInfo {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// `doingBusinessAs`.
    pub fn doing_business_as(mut self, name: impl Into<String>) -> Self {
        self.doing_business_as = Some(name.into());
        self
    }
    /// `website`: an http(s) URL.
    pub fn website(mut self, url: impl Into<String>) -> Self {
        self.website = Some(url.into());
        self
    }
}

/// `POST /customers/{id}` (operationId `update`): changes a customer, one
/// constructor per kind of change; the answer is the customer as it is now.
///
/// | constructor | body |
/// |---|---|
/// | [`unverified_info`](Self::unverified_info) | names, email, business name of an unverified customer or receive-only user |
/// | [`personal_info`](Self::personal_info) | email, IP, address, phone of a verified individual |
/// | [`business_info`](Self::business_info) | the same, plus doing-business-as and website, of a verified business |
/// | [`upgrade_to_unverified`](Self::upgrade_to_unverified) | `{"type":"unverified"}`: a receive-only user becomes an unverified customer |
/// | [`upgrade_to_personal`](Self::upgrade_to_personal), [`upgrade_to_sole_proprietorship`](Self::upgrade_to_sole_proprietorship), [`upgrade_to_business`](Self::upgrade_to_business) | the full verified body: an unverified customer becomes verified |
/// | [`retry_personal`](Self::retry_personal), [`retry_sole_proprietorship`](Self::retry_sole_proprietorship), [`retry_business`](Self::retry_business), [`retry_business_with_controller`](Self::retry_business_with_controller) | the full verified body again, with the full 9-digit SSN (status `retry` only, once) |
/// | [`suspend`](Self::suspend) | `{"status":"suspended"}` (only Dwolla lifts it) |
/// | [`deactivate`](Self::deactivate) | `{"status":"deactivated"}` (not while suspended) |
/// | [`reactivate`](Self::reactivate) | `{"status":"reactivated"}` (back to the status before) |
///
/// ```
/// use dwolla_core::customers::{UnverifiedInfo, UpdateCustomer};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let env = Environment::Sandbox;
/// let token = AccessToken::new("token");
/// let id = "fc451a7a-ae30-4404-ab95-e3553fcd733f";
/// let op = UpdateCustomer::unverified_info(id, UnverifiedInfo::new().email("jane@example.com").remove_business_name());
/// let request = op.build_request(&env, &token)?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/customers/fc451a7a-ae30-4404-ab95-e3553fcd733f");
/// assert_eq!(request.body().as_ref(), br#"{"email":"jane@example.com","businessName":""}"#);
///
/// let request = UpdateCustomer::deactivate(id).build_request(&env, &token)?;
/// assert_eq!(request.body().as_ref(), br#"{"status":"deactivated"}"#);
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation),
/// [`DuplicateCustomer`](crate::ApiErrorKind::DuplicateCustomer) (a new
/// email that is taken), [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// and [`Forbidden`](crate::ApiErrorKind::Forbidden) (a change the status
/// does not allow), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateCustomer {
    customer_id: String,
    form: UpdateForm,
    idempotency_key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum UpdateForm {
    UnverifiedInfo(UnverifiedInfo),
    PersonalInfo(VerifiedInfo),
    BusinessInfo(VerifiedInfo, BusinessInfo),
    UpgradeToUnverified,
    Upgrade(Box<Verified>),
    Retry(Box<Verified>),
    Status(&'static str),
}

impl UpdateCustomer {
    fn new(customer_id: impl Into<String>, form: UpdateForm) -> Self {
        UpdateCustomer {
            customer_id: customer_id.into(),
            form,
            idempotency_key: None,
        }
    }

    /// Changes an unverified customer's or receive-only user's information.
    pub fn unverified_info(customer_id: impl Into<String>, info: UnverifiedInfo) -> Self {
        Self::new(customer_id, UpdateForm::UnverifiedInfo(info))
    }

    /// Changes a verified personal customer's information.
    pub fn personal_info(customer_id: impl Into<String>, info: VerifiedInfo) -> Self {
        Self::new(customer_id, UpdateForm::PersonalInfo(info))
    }

    /// Changes a verified business's (or sole proprietorship's) information.
    pub fn business_info(
        customer_id: impl Into<String>,
        info: VerifiedInfo,
        business: BusinessInfo,
    ) -> Self {
        Self::new(customer_id, UpdateForm::BusinessInfo(info, business))
    }

    /// Upgrades a receive-only user to an unverified customer.
    pub fn upgrade_to_unverified(customer_id: impl Into<String>) -> Self {
        Self::new(customer_id, UpdateForm::UpgradeToUnverified)
    }

    /// Upgrades an unverified customer to a verified personal customer.
    pub fn upgrade_to_personal(customer_id: impl Into<String>, details: PersonalDetails) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Upgrade(Box::new(Verified::Personal(details))),
        )
    }

    /// Upgrades an unverified customer to a verified sole proprietorship.
    pub fn upgrade_to_sole_proprietorship(
        customer_id: impl Into<String>,
        owner: PersonalDetails,
        business: SoleProprietorship,
    ) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Upgrade(Box::new(Verified::SoleProprietorship(owner, business))),
        )
    }

    /// Upgrades an unverified customer to a verified business with its
    /// controller.
    pub fn upgrade_to_business(
        customer_id: impl Into<String>,
        admin: AccountAdmin,
        business: BusinessDetails,
        controller: ControllerDetails,
    ) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Upgrade(Box::new(Verified::Business(
                admin,
                business,
                Some(Box::new(controller)),
            ))),
        )
    }

    /// Retries a personal customer's verification (status `retry`): the
    /// details again, corrected, with the full 9-digit SSN.
    pub fn retry_personal(customer_id: impl Into<String>, details: PersonalDetails) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Retry(Box::new(Verified::Personal(details))),
        )
    }

    /// Retries a sole proprietorship's verification, with the owner's full
    /// 9-digit SSN.
    pub fn retry_sole_proprietorship(
        customer_id: impl Into<String>,
        owner: PersonalDetails,
        business: SoleProprietorship,
    ) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Retry(Box::new(Verified::SoleProprietorship(owner, business))),
        )
    }

    /// Retries a business's verification when only the business details
    /// need it (no controller).
    pub fn retry_business(
        customer_id: impl Into<String>,
        admin: AccountAdmin,
        business: BusinessDetails,
    ) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Retry(Box::new(Verified::Business(admin, business, None))),
        )
    }

    /// Retries a business's verification with its controller's details:
    /// the full 9-digit SSN (`retry-with-full-ssn`), or a passport.
    pub fn retry_business_with_controller(
        customer_id: impl Into<String>,
        admin: AccountAdmin,
        business: BusinessDetails,
        controller: ControllerDetails,
    ) -> Self {
        Self::new(
            customer_id,
            UpdateForm::Retry(Box::new(Verified::Business(
                admin,
                business,
                Some(Box::new(controller)),
            ))),
        )
    }

    /// Suspends the customer (`{"status":"suspended"}`); only Dwolla can
    /// lift a suspension.
    pub fn suspend(customer_id: impl Into<String>) -> Self {
        Self::new(customer_id, UpdateForm::Status("suspended"))
    }

    /// Deactivates the customer (`{"status":"deactivated"}`); not allowed
    /// while suspended.
    pub fn deactivate(customer_id: impl Into<String>) -> Self {
        Self::new(customer_id, UpdateForm::Status("deactivated"))
    }

    /// Reactivates a deactivated customer (`{"status":"reactivated"}`): it
    /// returns to the status it had before.
    pub fn reactivate(customer_id: impl Into<String>) -> Self {
        Self::new(customer_id, UpdateForm::Status("reactivated"))
    }

    /// Sends this `Idempotency-Key`. (The [`Client`](crate::Client)
    /// generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// Checks the input as `build_request` does, without an environment or
    /// a token.
    pub fn validate(&self) -> Result<(), Error> {
        crate::operation::validate(self)
    }

    fn check(&self) -> Result<(), Error> {
        match &self.form {
            UpdateForm::UnverifiedInfo(info) => info.check(),
            UpdateForm::PersonalInfo(info) => {
                if info.is_empty() {
                    return Err(Error::invalid(
                        "info",
                        "changes nothing: set a field to update",
                    ));
                }
                info.check()
            }
            UpdateForm::BusinessInfo(info, business) => {
                if info.is_empty()
                    && business.doing_business_as.is_none()
                    && business.website.is_none()
                {
                    return Err(Error::invalid(
                        "info",
                        "changes nothing: set a field to update",
                    ));
                }
                info.check()?;
                check_opt_plain(
                    "doing_business_as",
                    business.doing_business_as.as_deref(),
                    MAX_BUSINESS_NAME_CHARS,
                )?;
                if let Some(url) = &business.website {
                    check_absolute_url("website", url)?;
                }
                Ok(())
            }
            UpdateForm::Upgrade(v) => v.check(false),
            UpdateForm::Retry(v) => v.check(true),
            UpdateForm::UpgradeToUnverified | UpdateForm::Status(_) => Ok(()),
        }
    }

    fn body(&self) -> Bytes {
        json_object(512, |w| match &self.form {
            UpdateForm::UnverifiedInfo(info) => info.write(w),
            UpdateForm::PersonalInfo(info) => info.write(w),
            UpdateForm::BusinessInfo(info, business) => {
                info.write(w);
                w.opt_str("doingBusinessAs", business.doing_business_as.as_deref())
                    .opt_str("website", business.website.as_deref());
            }
            UpdateForm::UpgradeToUnverified => {
                w.str("type", "unverified");
            }
            UpdateForm::Upgrade(v) | UpdateForm::Retry(v) => v.write(w, None),
            UpdateForm::Status(status) => {
                w.str("status", status);
            }
        })
    }
}

impl Operation for UpdateCustomer {
    type Output = Customer;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        self.check()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id])?;
        hal_request(Method::POST, uri, token, Some(self.body()), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<Customer, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "update"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: Result<(), Error>, b: Result<(), Error>) -> bool {
        a.map_err(|e| e.to_string()) == b.map_err(|e| e.to_string())
    }

    proptest::proptest! {
        /// The fast paths answer exactly as the full checks do.
        #[test]
        fn fast_paths_agree_with_the_full_checks(
            text in "([ -~]|[\\t\\n\\u{7f}\\u{a0}é@.]){0,12}",
            max in 0usize..14,
        ) {
            proptest::prop_assert!(same(check_plain("f", &text, max), check_plain_full("f", &text, max)));
            proptest::prop_assert!(same(check_email("f", &text), check_email_full("f", &text)));
        }
    }

    #[test]
    fn fast_paths_agree_on_edge_cases() {
        for text in [
            "", " ", "  ", "a", " a ", "a\tb", "a<b", "\u{7f}", "é", "a@b.c", "@b.c", "a@.c",
            "a@c.", "a@@b.c", "a@b@c.d", "a b@c.d", "a@bc",
        ] {
            for max in [0, 1, 3, 50] {
                assert!(
                    same(
                        check_plain("f", text, max),
                        check_plain_full("f", text, max)
                    ),
                    "{text:?} {max}"
                );
            }
            assert!(
                same(check_email("f", text), check_email_full("f", text)),
                "{text:?}"
            );
        }
        assert!(check_email("f", &format!("a@{}.com", "b".repeat(250))).is_err());
    }
}
