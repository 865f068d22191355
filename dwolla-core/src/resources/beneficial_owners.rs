//! Beneficial owners of a business verified customer, and the certification of beneficial ownership.
//!
//! - [`ListCustomerBeneficialOwners`]: `GET /customers/{id}/beneficial-owners`
//! - [`CreateCustomerBeneficialOwner`]: `POST /customers/{id}/beneficial-owners`
//! - [`RetrieveBeneficialOwner`]: `GET /beneficial-owners/{id}`
//! - [`UpdateBeneficialOwner`]: `POST /beneficial-owners/{id}`
//! - [`DeleteBeneficialOwner`]: `DELETE /beneficial-owners/{id}`
//! - [`RetrieveBeneficialOwnership`]: `GET /customers/{id}/beneficial-ownership`
//! - [`CertifyBeneficialOwnership`]: `POST /customers/{id}/beneficial-ownership`
//!
//! A business verified customer (an LLC, corporation or partnership; sole
//! proprietorships are exempt) adds each person who owns 25 % or more of it,
//! then *certifies* that the list is complete and correct: until then it
//! cannot send money. Each owner is verified on its own
//! ([`BeneficialOwner::verification_status`]): `incomplete` means update it
//! with corrected details ([`UpdateBeneficialOwner`]), `document` means upload
//! an identity document ([`CreateBeneficialOwnerDocument`](crate::documents::CreateBeneficialOwnerDocument)).
//! Adding or removing an owner after certification sets the status to
//! `recertify`: certify again.
//!
//! An owner's SSN, date of birth and passport number are secrets: they are
//! sent, never shown (`Debug` prints their length only) and never quoted in
//! an [`InvalidInput`](crate::InvalidInput) reason.

use std::fmt;

use bytes::Bytes;
use http::Method;

use crate::body::{json_object, ObjectWriter};
use crate::created::Created;
use crate::customers::Address;
use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::redact::Redacted;
use crate::request::{
    check_name, check_text, hal_request, id_segment, optional_idempotency_key, request_uri,
};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// The longest name or address line Dwolla accepts, in characters.
pub const MAX_TEXT_CHARS: usize = 50;

/// Characters Dwolla refuses in names and address lines.
const FORBIDDEN: &[char] = &[
    '<', '>', '=', '"', '`', '!', '?', '%', '~', '$', '{', '}', '\\',
];

// ---------------------------------------------------------------------------
// Input: an owner's details
// ---------------------------------------------------------------------------

/// A beneficial owner's details, as [`CreateCustomerBeneficialOwner`] and
/// [`UpdateBeneficialOwner`] send them: a US person with an SSN
/// ([`us`](Self::us)), or a non-US person with a passport
/// ([`international`](Self::international)).
///
/// Checked before sending: names and address lines 1 to 50 characters without
/// `<>="`!?%~${}\`; the date of birth a real `YYYY-MM-DD` date; the SSN nine
/// digits (`123456789` or `123-45-6789`); country codes two letters; a US
/// address with a two-letter state and a ZIP code (`50309` or `50309-1234`).
/// Dwolla also requires an age of 18 to 125, which needs today's date: it is
/// left to Dwolla.
///
/// ```
/// use dwolla_core::beneficial_owners::{BeneficialOwnerDetails, OwnerAddress, Passport};
///
/// let us = BeneficialOwnerDetails::us(
///     "Jane",
///     "Doe",
///     "1980-01-31",
///     "123-46-7890",
///     OwnerAddress::new("462 Main Street", "Des Moines", "IA", "US").postal_code("50309"),
/// );
/// // The SSN and date of birth never show.
/// let shown = format!("{us:?}");
/// assert!(!shown.contains("7890") && !shown.contains("1980"));
///
/// let international = BeneficialOwnerDetails::international(
///     "Jean",
///     "Dupont",
///     "1985-03-15",
///     Passport::new("12FV34567", "FR"),
///     OwnerAddress::new("12 rue de la Paix", "Paris", "Ile-de-France", "FR").postal_code("75002"),
/// );
/// # let _ = international;
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BeneficialOwnerDetails {
    first_name: String,
    last_name: String,
    date_of_birth: String,
    identity: Identity,
    address: OwnerAddress,
}

#[derive(Clone, PartialEq, Eq)]
enum Identity {
    Ssn(String),
    Passport(Passport),
}

impl BeneficialOwnerDetails {
    /// A US person: identified by the full nine-digit SSN.
    pub fn us(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        date_of_birth: impl Into<String>,
        ssn: impl Into<String>,
        address: OwnerAddress,
    ) -> Self {
        BeneficialOwnerDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            date_of_birth: date_of_birth.into(),
            identity: Identity::Ssn(ssn.into()),
            address,
        }
    }

    /// A non-US person: identified by a passport.
    pub fn international(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        date_of_birth: impl Into<String>,
        passport: Passport,
        address: OwnerAddress,
    ) -> Self {
        BeneficialOwnerDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            date_of_birth: date_of_birth.into(),
            identity: Identity::Passport(passport),
            address,
        }
    }

    /// The first name as given.
    pub fn first_name(&self) -> &str {
        &self.first_name
    }
    /// The last name as given.
    pub fn last_name(&self) -> &str {
        &self.last_name
    }
    /// The address as given.
    pub fn address(&self) -> &OwnerAddress {
        &self.address
    }
    /// True for a US person (identified by SSN), false for one identified by
    /// passport.
    pub fn is_us_person(&self) -> bool {
        matches!(self.identity, Identity::Ssn(_))
    }

    /// Checks every field, naming the first that is wrong (never quoting a
    /// secret).
    pub fn validate(&self) -> Result<(), Error> {
        check_person_text("first_name", &self.first_name)?;
        check_person_text("last_name", &self.last_name)?;
        check_date("date_of_birth", &self.date_of_birth)?;
        match &self.identity {
            Identity::Ssn(ssn) => check_ssn("ssn", ssn)?,
            Identity::Passport(p) => p.check()?,
        }
        self.address.check()
    }

    /// The JSON body (the member order of Dwolla's examples): byte-identical
    /// for the same input.
    fn body(&self) -> Bytes {
        json_object(320, |w| {
            w.str("firstName", &self.first_name)
                .str("lastName", &self.last_name);
            match &self.identity {
                Identity::Ssn(ssn) => {
                    w.str("ssn", ssn);
                }
                Identity::Passport(p) => {
                    w.object("passport", |p2| {
                        p2.str("number", &p.number).str("country", &p.country);
                    });
                }
            }
            w.str("dateOfBirth", &self.date_of_birth);
            w.object("address", |a| self.address.write(a));
        })
    }
}

impl fmt::Debug for BeneficialOwnerDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("BeneficialOwnerDetails");
        d.field("first_name", &self.first_name)
            .field("last_name", &self.last_name)
            .field("date_of_birth", &Redacted(&self.date_of_birth));
        match &self.identity {
            Identity::Ssn(ssn) => d.field("ssn", &Redacted(ssn)),
            Identity::Passport(p) => d.field("passport", p),
        };
        d.field("address", &self.address).finish()
    }
}

/// A passport: its number (a secret: `Debug` shows its length only) and the
/// issuing country's two-letter code.
#[derive(Clone, PartialEq, Eq)]
pub struct Passport {
    number: String,
    country: String,
}

impl Passport {
    /// A passport `number` issued by `country` (two-letter ISO code, e.g. `FR`).
    pub fn new(number: impl Into<String>, country: impl Into<String>) -> Self {
        Passport {
            number: number.into(),
            country: country.into(),
        }
    }
    /// The issuing country as given.
    pub fn country(&self) -> &str {
        &self.country
    }

    fn check(&self) -> Result<(), Error> {
        const FIELD: &str = "passport.number";
        check_text(FIELD, &self.number)?;
        if self.number.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid(FIELD, "must be at most 50 characters long"));
        }
        if self.number.contains(FORBIDDEN) {
            return Err(Error::invalid(
                FIELD,
                "must not contain any of < > = \" ` ! ? % ~ $ { } \\",
            ));
        }
        check_country("passport.country", &self.country)
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

/// A beneficial owner's physical address (no PO box), as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerAddress {
    address1: String,
    address2: Option<String>,
    address3: Option<String>,
    city: String,
    state_province_region: String,
    postal_code: Option<String>,
    country: String,
}

impl OwnerAddress {
    /// `address1`, `city`, `stateProvinceRegion` (a two-letter state for the
    /// US) and `country` (two-letter ISO code, e.g. `US`).
    pub fn new(
        address1: impl Into<String>,
        city: impl Into<String>,
        state_province_region: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        OwnerAddress {
            address1: address1.into(),
            address2: None,
            address3: None,
            city: city.into(),
            state_province_region: state_province_region.into(),
            postal_code: None,
            country: country.into(),
        }
    }
    /// `address2`.
    pub fn address2(mut self, line: impl Into<String>) -> Self {
        self.address2 = Some(line.into());
        self
    }
    /// `address3`.
    pub fn address3(mut self, line: impl Into<String>) -> Self {
        self.address3 = Some(line.into());
        self
    }
    /// `postalCode` (required for a US address: `50309` or `50309-1234`).
    pub fn postal_code(mut self, code: impl Into<String>) -> Self {
        self.postal_code = Some(code.into());
        self
    }
    /// The country as given.
    pub fn country(&self) -> &str {
        &self.country
    }

    fn is_us(&self) -> bool {
        self.country.eq_ignore_ascii_case("US")
    }

    fn check(&self) -> Result<(), Error> {
        check_person_text("address.address1", &self.address1)?;
        if let Some(l) = &self.address2 {
            check_person_text("address.address2", l)?;
        }
        if let Some(l) = &self.address3 {
            check_person_text("address.address3", l)?;
        }
        check_person_text("address.city", &self.city)?;
        check_country("address.country", &self.country)?;
        const STATE: &str = "address.state_province_region";
        if self.is_us() {
            if !(self.state_province_region.len() == 2
                && self
                    .state_province_region
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic()))
            {
                return Err(Error::invalid(
                    STATE,
                    "must be a two-letter state or territory code for a US address",
                ));
            }
        } else {
            check_person_text(STATE, &self.state_province_region)?;
        }
        const POSTAL: &str = "address.postal_code";
        match &self.postal_code {
            Some(code) if self.is_us() && !is_zip(code) => {
                return Err(Error::invalid(
                    POSTAL,
                    "must be a ZIP code (5 digits, or 5-4) for a US address",
                ));
            }
            Some(code) if self.is_us() => {}
            Some(code) => check_person_text(POSTAL, code)?,
            None if self.is_us() => {
                return Err(Error::invalid(POSTAL, "is required for a US address"));
            }
            None => {}
        }
        Ok(())
    }

    fn write(&self, w: &mut ObjectWriter<'_>) {
        w.str("address1", &self.address1)
            .opt_str("address2", self.address2.as_deref())
            .opt_str("address3", self.address3.as_deref())
            .str("city", &self.city)
            .str("stateProvinceRegion", &self.state_province_region)
            .opt_str("postalCode", self.postal_code.as_deref())
            .str("country", &self.country);
    }
}

fn check_person_text(field: &'static str, text: &str) -> Result<(), Error> {
    check_name(field, text, MAX_TEXT_CHARS)?;
    if text.contains(FORBIDDEN) {
        return Err(Error::invalid(
            field,
            "must not contain any of < > = \" ` ! ? % ~ $ { } \\",
        ));
    }
    Ok(())
}

fn check_country(field: &'static str, code: &str) -> Result<(), Error> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be a two-letter ISO 3166 country code, e.g. US",
        ))
    }
}

fn is_zip(code: &str) -> bool {
    let b = code.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (b.len() == 5 && digits(b))
        || (b.len() == 10 && digits(&b[..5]) && b[5] == b'-' && digits(&b[6..]))
}

/// Checks a nine-digit SSN, `123456789` or `123-45-6789`. The reason never
/// quotes it.
pub(crate) fn check_ssn(field: &'static str, ssn: &str) -> Result<(), Error> {
    let b = ssn.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let ok = (b.len() == 9 && digits(b))
        || (b.len() == 11
            && digits(&b[..3])
            && b[3] == b'-'
            && digits(&b[4..6])
            && b[6] == b'-'
            && digits(&b[7..]));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be the full nine digits, alone or dashed 3-2-4",
        ))
    }
}

/// Checks a date of birth `YYYY-MM-DD` (the one parser of every date of
/// birth: [`DateOfBirth`](crate::customers::DateOfBirth)).
pub(crate) fn check_date(field: &'static str, date: &str) -> Result<(), Error> {
    crate::customers::DateOfBirth::parse_field(field, date).map(|_| ())
}

// ---------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------

/// `GET /customers/{id}/beneficial-owners`: every beneficial owner of a
/// business customer (not paged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerBeneficialOwners {
    customer_id: String,
}

impl ListCustomerBeneficialOwners {
    /// The owners of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerBeneficialOwners {
            customer_id: customer_id.into(),
        }
    }
}

impl Operation for ListCustomerBeneficialOwners {
    type Output = List<BeneficialOwner>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let uri = request_uri(env, &["/customers/", &id, "/beneficial-owners"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// An owner without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<BeneficialOwner>, Error> {
        response::list_of(response, "beneficial-owners")
    }

    fn name(&self) -> &'static str {
        "listBeneficialOwnersForCustomer"
    }
}

/// `POST /customers/{id}/beneficial-owners`: adds a beneficial owner to a
/// business verified customer; Dwolla verifies the owner at once (see
/// [`BeneficialOwner::verification_status`]).
///
/// ```
/// use dwolla_core::beneficial_owners::{
///     BeneficialOwnerDetails, CreateCustomerBeneficialOwner, OwnerAddress,
/// };
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CreateCustomerBeneficialOwner::new(
///     "81696e5d-a593-45a6-8863-3c20ad634de5",
///     BeneficialOwnerDetails::us(
///         "John",
///         "Doe",
///         "1970-01-01",
///         "123-56-7890",
///         OwnerAddress::new("99-99 33rd St", "Some City", "NY", "US").postal_code("11101"),
///     ),
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri(),
///     "https://api-sandbox.dwolla.com/customers/81696e5d-a593-45a6-8863-3c20ad634de5/beneficial-owners"
/// );
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"firstName":"John","lastName":"Doe","ssn":"123-56-7890","dateOfBirth":"1970-01-01","address":{"address1":"99-99 33rd St","city":"Some City","stateProvinceRegion":"NY","postalCode":"11101","country":"US"}}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (with the
/// offending fields in [`ApiError::errors`](crate::ApiError::errors)),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden) (not a business customer that
/// needs owners), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateCustomerBeneficialOwner {
    customer_id: String,
    details: BeneficialOwnerDetails,
    idempotency_key: Option<String>,
}

impl CreateCustomerBeneficialOwner {
    /// Adds the owner described by `details` to the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>, details: BeneficialOwnerDetails) -> Self {
        CreateCustomerBeneficialOwner {
            customer_id: customer_id.into(),
            details,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same request
    /// within 24 h returns the original owner instead of adding another.
    /// (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }
    /// The owner's details.
    pub fn details(&self) -> &BeneficialOwnerDetails {
        &self.details
    }
}

impl fmt::Debug for CreateCustomerBeneficialOwner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateCustomerBeneficialOwner")
            .field("customer_id", &self.customer_id)
            .field("details", &self.details)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl Operation for CreateCustomerBeneficialOwner {
    type Output = BeneficialOwnerCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        self.details.validate()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/beneficial-owners"])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(self.details.body()),
            key.as_ref(),
        )
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<BeneficialOwnerCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createBeneficialOwnerForCustomer"
    }
}

/// A created beneficial owner: where it lives, and how to retrieve it.
pub type BeneficialOwnerCreated = Created<RetrieveBeneficialOwner>;

/// `GET /beneficial-owners/{id}`: one beneficial owner, by id or URL.
pub type RetrieveBeneficialOwner = Retrieve<BeneficialOwner>;

/// `POST /beneficial-owners/{id}`: corrects an owner's details to retry
/// verification. Only an owner whose status is `incomplete` can be updated;
/// the body is a full set of details, as for create.
///
/// ```
/// use dwolla_core::beneficial_owners::{BeneficialOwnerDetails, OwnerAddress, UpdateBeneficialOwner};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = UpdateBeneficialOwner::new(
///     "07d59716-ef22-4fe6-98e8-f3190233dfb8",
///     BeneficialOwnerDetails::us(
///         "beneficial",
///         "owner",
///         "1963-11-11",
///         "123-54-6789",
///         OwnerAddress::new("123 Main St.", "Des Moines", "IA", "US")
///             .address2("Apt 123")
///             .postal_code("50309"),
///     ),
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri().path(), "/beneficial-owners/07d59716-ef22-4fe6-98e8-f3190233dfb8");
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden) (not `incomplete`),
/// [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, PartialEq, Eq)]
pub struct UpdateBeneficialOwner {
    beneficial_owner_id: String,
    details: BeneficialOwnerDetails,
    idempotency_key: Option<String>,
}

impl UpdateBeneficialOwner {
    /// Replaces the details of the owner with this id or URL.
    pub fn new(beneficial_owner_id: impl Into<String>, details: BeneficialOwnerDetails) -> Self {
        UpdateBeneficialOwner {
            beneficial_owner_id: beneficial_owner_id.into(),
            details,
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The owner id (or URL) as given.
    pub fn beneficial_owner_id(&self) -> &str {
        &self.beneficial_owner_id
    }
    /// The owner's details.
    pub fn details(&self) -> &BeneficialOwnerDetails {
        &self.details
    }
}

impl fmt::Debug for UpdateBeneficialOwner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateBeneficialOwner")
            .field("beneficial_owner_id", &self.beneficial_owner_id)
            .field("details", &self.details)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl Operation for UpdateBeneficialOwner {
    type Output = BeneficialOwner;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment(
            "beneficial_owner_id",
            &self.beneficial_owner_id,
            "beneficial-owners",
        )?;
        self.details.validate()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/beneficial-owners/", &id])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(self.details.body()),
            key.as_ref(),
        )
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<BeneficialOwner, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "updateBeneficialOwner"
    }
}

/// `DELETE /beneficial-owners/{id}`: removes a beneficial owner for good (it
/// cannot be retrieved afterwards). The customer's certification becomes
/// `recertify`.
///
/// Dwolla answers `200`: its docs show the removed owner as the body, its
/// OpenAPI spec only "an object". Both are success;
/// [`BeneficialOwnerRemoved::owner`] is the owner when the body is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteBeneficialOwner {
    beneficial_owner_id: String,
}

impl DeleteBeneficialOwner {
    /// Removes the owner with this id or URL.
    pub fn new(beneficial_owner_id: impl Into<String>) -> Self {
        DeleteBeneficialOwner {
            beneficial_owner_id: beneficial_owner_id.into(),
        }
    }
}

impl Operation for DeleteBeneficialOwner {
    type Output = BeneficialOwnerRemoved;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment(
            "beneficial_owner_id",
            &self.beneficial_owner_id,
            "beneficial-owners",
        )?;
        let uri = request_uri(env, &["/beneficial-owners/", &id])?;
        hal_request(Method::DELETE, uri, token, None, None)
    }

    /// Any 2xx is success, whatever its body; an error status is an error.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<BeneficialOwnerRemoved, Error> {
        match response::json_of::<BeneficialOwner>(response) {
            Ok(owner) => Ok(BeneficialOwnerRemoved { owner: Some(owner) }),
            // 2xx, but not an owner (empty, `{}`): removed all the same.
            Err(Error::UnexpectedResponse(_)) => Ok(BeneficialOwnerRemoved { owner: None }),
            Err(e) => Err(e),
        }
    }

    fn name(&self) -> &'static str {
        "deleteBeneficialOwner"
    }
}

/// What removing a beneficial owner answered: the owner as it was removed,
/// when Dwolla sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct BeneficialOwnerRemoved {
    owner: Option<BeneficialOwner>,
}

impl BeneficialOwnerRemoved {
    /// The removed owner, when the body was one (as Dwolla's docs show).
    pub fn owner(&self) -> Option<&BeneficialOwner> {
        self.owner.as_ref()
    }
    /// The removed owner, owned.
    pub fn into_owner(self) -> Option<BeneficialOwner> {
        self.owner
    }
}

/// `GET /customers/{id}/beneficial-ownership`: whether the customer's
/// beneficial ownership is certified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrieveBeneficialOwnership {
    customer_id: String,
}

impl RetrieveBeneficialOwnership {
    /// The certification status of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        RetrieveBeneficialOwnership {
            customer_id: customer_id.into(),
        }
    }
}

impl Operation for RetrieveBeneficialOwnership {
    type Output = BeneficialOwnership;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let uri = request_uri(env, &["/customers/", &id, "/beneficial-ownership"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<BeneficialOwnership, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "getBeneficialOwnershipStatusForCustomer"
    }
}

/// `POST /customers/{id}/beneficial-ownership` with `{"status":"certified"}`:
/// certifies that the customer's beneficial owners are complete and correct,
/// which lets it send money. Answers the new status.
///
/// ```
/// use dwolla_core::beneficial_owners::CertifyBeneficialOwnership;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = CertifyBeneficialOwnership::new("56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.body().as_ref(), br#"{"status":"certified"}"#);
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Validation`](crate::ApiErrorKind::Validation) (an owner
/// still needs verification), [`Forbidden`](crate::ApiErrorKind::Forbidden).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertifyBeneficialOwnership {
    customer_id: String,
    idempotency_key: Option<String>,
}

impl CertifyBeneficialOwnership {
    /// Certifies the beneficial ownership of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        CertifyBeneficialOwnership {
            customer_id: customer_id.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for CertifyBeneficialOwnership {
    type Output = BeneficialOwnership;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/beneficial-ownership"])?;
        let body = json_object(24, |w| {
            w.str("status", OwnershipStatus::Certified.as_str());
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<BeneficialOwnership, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "certifyBeneficialOwnershipForCustomer"
    }
}

// ---------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------

open_enum! {
    /// Where a beneficial owner's verification stands. Unknown values are kept.
    pub enum BeneficialOwnerStatus {
        /// `verified`.
        Verified => "verified",
        /// `document`: upload an identity document for the owner.
        Document => "document",
        /// `incomplete`: correct the owner's details ([`UpdateBeneficialOwner`]).
        Incomplete => "incomplete",
    }
}

open_enum! {
    /// Whether a customer's beneficial ownership is certified. Unknown values
    /// are kept.
    pub enum OwnershipStatus {
        /// `uncertified`: certify it ([`CertifyBeneficialOwnership`]).
        Uncertified => "uncertified",
        /// `recertify`: owners changed since the certification: certify again.
        Recertify => "recertify",
        /// `certified`.
        Certified => "certified",
    }
}

model! {
    /// A beneficial owner as retrieved (its SSN, date of birth and passport
    /// are never returned).
    pub struct BeneficialOwner (WireBeneficialOwner) resource "beneficial owner" {
        /// `firstName`.
        first_name: text = "firstName",
        /// `lastName`.
        last_name: text = "lastName",
        /// `address`.
        address: object(Address) = "address",
        /// `verificationStatus` (an empty [`BeneficialOwnerStatus::Other`] if
        /// Dwolla sent none).
        verification_status: open(BeneficialOwnerStatus) = "verificationStatus",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
    }
}

resource!(
    BeneficialOwner,
    "beneficial-owners",
    "retrieveBeneficialOwner",
    "beneficial_owner_id"
);

impl BeneficialOwner {
    /// True when the owner is verified.
    pub fn is_verified(&self) -> bool {
        self.verification_status() == &BeneficialOwnerStatus::Verified
    }
    /// Where to upload the owner's identity document
    /// (`_links["verify-with-document"]`), when one is needed.
    pub fn verify_with_document_href(&self) -> Option<&str> {
        self.links().get("verify-with-document")
    }
}

model! {
    /// A customer's beneficial ownership certification.
    pub struct BeneficialOwnership (WireBeneficialOwnership) {
        /// `status` (an empty [`OwnershipStatus::Other`] if Dwolla sent none).
        status: open(OwnershipStatus) = "status",
    }
}

impl BeneficialOwnership {
    /// True when it is certified.
    pub fn is_certified(&self) -> bool {
        self.status() == &OwnershipStatus::Certified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: Error) -> &'static str {
        match e {
            Error::InvalidInput(i) => i.field(),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn dates() {
        for ok in ["1980-01-31", "2000-02-29", "1960-11-30", "2024-02-29"] {
            assert!(check_date("d", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "1980-1-31",
            "1980/01/31",
            "1900-02-29",
            "2023-02-29",
            "1980-13-01",
            "1980-00-10",
            "1980-04-31",
            "1980-01-00",
            "19800131xx",
            "1799-12-31",
            "１９８０-01-31",
        ] {
            let e = check_date("date_of_birth", bad).unwrap_err();
            // The reason never quotes the (secret) date.
            assert!(bad.is_empty() || !e.to_string().contains(bad), "{bad}");
            assert_eq!(field(e), "date_of_birth", "{bad}");
        }
    }

    #[test]
    fn ssns() {
        for ok in ["123456789", "123-45-6789"] {
            assert!(check_ssn("ssn", ok).is_ok());
        }
        for bad in [
            "12345678",
            "1234567890",
            "123-456-789",
            "12a456789",
            "6789",
            "",
            "123 45 6789",
        ] {
            let e = check_ssn("ssn", bad).unwrap_err();
            if !bad.is_empty() {
                assert!(!e.to_string().contains(bad), "{bad}");
            }
        }
    }

    #[test]
    fn zips() {
        assert!(is_zip("50309") && is_zip("50309-1234"));
        assert!(
            !is_zip("5030") && !is_zip("50309-123") && !is_zip("50309 1234") && !is_zip("abcde")
        );
    }
}
