//! Beneficial owners and beneficial ownership: the exact request of every
//! operation and body form, input checks (naming the field, never quoting a
//! secret), `Debug` without secrets, and every documented response.

mod support;

use bytes::Bytes;
use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, BeneficialOwnerStatus, CertifyBeneficialOwnership,
    CreateCustomerBeneficialOwner, DateOfBirth, DeleteBeneficialOwner, InternationalAddress,
    ListCustomerBeneficialOwners, OwnershipStatus, Passport, RetrieveBeneficialOwner,
    RetrieveBeneficialOwnership, Ssn, UpdateBeneficialOwner,
};
use dwolla_core::{AccessToken, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_errors_parse, assert_hal_headers, body_str, build, invalid};

const CUSTOMER: &str = "81696e5d-a593-45a6-8863-3c20ad634de5";
const OWNER: &str = "07d59716-ef22-4fe6-98e8-f3190233dfb8";
const SSN: &str = "123-46-7890";
const DOB: &str = "1960-11-30";
const PASSPORT_NO: &str = "X98C7Q654";

fn dob() -> DateOfBirth {
    DOB.parse().unwrap()
}

fn ssn() -> Ssn {
    Ssn::new(SSN).unwrap()
}

fn passport() -> Passport {
    Passport::new(PASSPORT_NO, "GB").unwrap()
}

fn us_address() -> InternationalAddress {
    InternationalAddress::us("123 Main St.", "New York", "NY", "10005")
}

fn us_owner() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::us("document", "owner", dob(), ssn(), us_address())
}

fn international_owner() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::international(
        "Jane",
        "Smith",
        DateOfBirth::new(1985, 3, 15).unwrap(),
        passport(),
        InternationalAddress::new("10 Downing St", "London", "Greater London", "GB")
            .address2("Flat 2")
            .address3("Westminster")
            .postal_code("SW1A 2AA"),
    )
}

/// A POST with a body (every one here has one) to `path` on production.
#[track_caller]
fn assert_post(r: &http::Request<Bytes>, path: &str) {
    assert_hal_headers(r, http::Method::POST);
    assert!(!r.body().is_empty());
    assert_eq!(r.uri().path(), path);
    assert_eq!(r.uri().host(), Some("api.dwolla.com"));
}

fn assert_get(r: &http::Request<Bytes>, method: http::Method, path: &str) {
    assert_eq!(r.method(), method);
    assert_eq!(r.uri().path(), path);
    assert!(r.uri().query().is_none());
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
    assert!(r.headers().get("idempotency-key").is_none());
}

#[test]
fn create_us_owner_is_exact() {
    let r = build(&CreateCustomerBeneficialOwner::new(CUSTOMER, us_owner()));
    assert_post(&r, &format!("/customers/{CUSTOMER}/beneficial-owners"));
    assert!(r.headers().get("idempotency-key").is_none());
    assert_eq!(
        body_str(&r),
        r#"{"firstName":"document","lastName":"owner","ssn":"123467890","dateOfBirth":"1960-11-30","address":{"address1":"123 Main St.","city":"New York","stateProvinceRegion":"NY","postalCode":"10005","country":"US"}}"#
    );
}

#[test]
fn create_international_owner_is_exact() {
    let r = build(
        &CreateCustomerBeneficialOwner::new(
            format!("https://api.dwolla.com/customers/{CUSTOMER}"),
            international_owner(),
        )
        .idempotency_key("owner-1"),
    );
    assert_post(&r, &format!("/customers/{CUSTOMER}/beneficial-owners"));
    assert_eq!(r.headers()["idempotency-key"], "owner-1");
    assert_eq!(
        body_str(&r),
        r#"{"firstName":"Jane","lastName":"Smith","passport":{"number":"X98C7Q654","country":"GB"},"dateOfBirth":"1985-03-15","address":{"address1":"10 Downing St","address2":"Flat 2","address3":"Westminster","city":"London","stateProvinceRegion":"Greater London","postalCode":"SW1A 2AA","country":"GB"}}"#
    );
}

#[test]
fn update_sends_the_same_body_shapes() {
    let r = build(&UpdateBeneficialOwner::new(OWNER, us_owner()));
    assert_post(&r, &format!("/beneficial-owners/{OWNER}"));
    assert_eq!(
        r.body(),
        build(&CreateCustomerBeneficialOwner::new(CUSTOMER, us_owner())).body()
    );
    let r = build(
        &UpdateBeneficialOwner::new(
            format!("https://api-sandbox.dwolla.com/beneficial-owners/{OWNER}"),
            international_owner(),
        )
        .idempotency_key("k"),
    );
    assert_post(&r, &format!("/beneficial-owners/{OWNER}"));
    assert_eq!(r.headers()["idempotency-key"], "k");
    let json: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
    assert_eq!(json["passport"]["number"], PASSPORT_NO);
    assert!(json.get("ssn").is_none());
}

#[test]
fn reads_and_delete_are_exact() {
    assert_get(
        &build(&ListCustomerBeneficialOwners::new(CUSTOMER)),
        http::Method::GET,
        &format!("/customers/{CUSTOMER}/beneficial-owners"),
    );
    assert_get(
        &build(&RetrieveBeneficialOwner::new(OWNER)),
        http::Method::GET,
        &format!("/beneficial-owners/{OWNER}"),
    );
    assert_get(
        &build(&DeleteBeneficialOwner::new(OWNER)),
        http::Method::DELETE,
        &format!("/beneficial-owners/{OWNER}"),
    );
    assert_get(
        &build(&RetrieveBeneficialOwnership::new(CUSTOMER)),
        http::Method::GET,
        &format!("/customers/{CUSTOMER}/beneficial-ownership"),
    );
    let r = build(&CertifyBeneficialOwnership::new(CUSTOMER).idempotency_key("c-1"));
    assert_post(&r, &format!("/customers/{CUSTOMER}/beneficial-ownership"));
    assert_eq!(body_str(&r), r#"{"status":"certified"}"#);
    assert_eq!(r.headers()["idempotency-key"], "c-1");
    // An id that is another resource's URL is refused.
    let (field, _) = invalid(
        DeleteBeneficialOwner::new("https://api.dwolla.com/customers/x")
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "beneficial_owner_id");
}

#[test]
fn names_are_operation_ids() {
    let names = [
        ListCustomerBeneficialOwners::new("c").name(),
        CreateCustomerBeneficialOwner::new("c", us_owner()).name(),
        RetrieveBeneficialOwner::new("o").name(),
        UpdateBeneficialOwner::new("o", us_owner()).name(),
        DeleteBeneficialOwner::new("o").name(),
        RetrieveBeneficialOwnership::new("c").name(),
        CertifyBeneficialOwnership::new("c").name(),
    ];
    assert_eq!(
        names,
        [
            "listBeneficialOwnersForCustomer",
            "createBeneficialOwnerForCustomer",
            "retrieveBeneficialOwner",
            "updateBeneficialOwner",
            "deleteBeneficialOwner",
            "getBeneficialOwnershipStatusForCustomer",
            "certifyBeneficialOwnershipForCustomer",
        ]
    );
}

/// Every field is checked (the secret parts when they are made, the rest
/// when the request is built), each error names it, and no reason quotes a
/// secret (the SSN, the date of birth, the passport number).
#[test]
fn input_checks_name_the_field_and_keep_secrets() {
    type Make = Box<dyn Fn() -> Result<BeneficialOwnerDetails, Error>>;
    let us = |first: &str, last: &str, address: InternationalAddress| {
        BeneficialOwnerDetails::us(first, last, dob(), ssn(), address)
    };
    let cases: Vec<(&str, Make)> = vec![
        (
            "first_name",
            Box::new(move || Ok(us("", "o", us_address()))),
        ),
        (
            "first_name",
            Box::new(move || Ok(us("a<b", "o", us_address()))),
        ),
        (
            "last_name",
            Box::new(move || Ok(us("a", &"x".repeat(51), us_address()))),
        ),
        (
            "last_name",
            Box::new(move || Ok(us("a", "o\n", us_address()))),
        ),
        (
            "date_of_birth",
            Box::new(|| {
                let dob = DateOfBirth::parse("1960-02-30")?;
                Ok(BeneficialOwnerDetails::us(
                    "a",
                    "o",
                    dob,
                    ssn(),
                    us_address(),
                ))
            }),
        ),
        (
            "date_of_birth",
            Box::new(|| {
                let dob = DateOfBirth::parse("30/11/1960")?;
                Ok(BeneficialOwnerDetails::us(
                    "a",
                    "o",
                    dob,
                    ssn(),
                    us_address(),
                ))
            }),
        ),
        (
            // The last four digits are a valid SSN, but an owner needs all nine.
            "ssn",
            Box::new(|| {
                let ssn = Ssn::new("7890")?;
                Ok(BeneficialOwnerDetails::us(
                    "a",
                    "o",
                    dob(),
                    ssn,
                    us_address(),
                ))
            }),
        ),
        (
            "ssn",
            Box::new(|| {
                let ssn = Ssn::new("123-467-890")?;
                Ok(BeneficialOwnerDetails::us(
                    "a",
                    "o",
                    dob(),
                    ssn,
                    us_address(),
                ))
            }),
        ),
        (
            "passport.number",
            Box::new(|| {
                let passport = Passport::new(" ", "GB")?;
                Ok(BeneficialOwnerDetails::international(
                    "a",
                    "o",
                    dob(),
                    passport,
                    us_address(),
                ))
            }),
        ),
        (
            "passport.country",
            Box::new(|| {
                let passport = Passport::new(PASSPORT_NO, "G8")?;
                Ok(BeneficialOwnerDetails::international(
                    "a",
                    "o",
                    dob(),
                    passport,
                    us_address(),
                ))
            }),
        ),
        (
            "address.address1",
            Box::new(move || {
                Ok(us(
                    "a",
                    "o",
                    InternationalAddress::us("", "City", "IA", "50309"),
                ))
            }),
        ),
        (
            "address.address2",
            Box::new(move || Ok(us("a", "o", us_address().address2("a$b")))),
        ),
        (
            "address.address3",
            Box::new(move || Ok(us("a", "o", us_address().address3("x".repeat(51))))),
        ),
        (
            "address.city",
            Box::new(move || {
                Ok(us(
                    "a",
                    "o",
                    InternationalAddress::us("1 Main", "  ", "IA", "50309"),
                ))
            }),
        ),
        (
            "address.state_province_region",
            Box::new(move || {
                Ok(us(
                    "a",
                    "o",
                    InternationalAddress::us("1 Main", "City", "Iowa", "50309"),
                ))
            }),
        ),
        (
            "address.country",
            Box::new(move || {
                let address =
                    InternationalAddress::new("1 Main", "City", "IA", "U.S.").postal_code("50309");
                Ok(us("a", "o", address))
            }),
        ),
        (
            "address.postal_code",
            Box::new(move || {
                Ok(us(
                    "a",
                    "o",
                    InternationalAddress::new("1 Main", "City", "IA", "US"),
                ))
            }),
        ),
        (
            "address.postal_code",
            Box::new(move || {
                Ok(us(
                    "a",
                    "o",
                    InternationalAddress::us("1 Main", "City", "IA", "5030"),
                ))
            }),
        ),
    ];
    for (expected, make) in &cases {
        let (field, shown) = invalid(make().and_then(|details| {
            CreateCustomerBeneficialOwner::new(CUSTOMER, details)
                .build_request(&Environment::Sandbox, &AccessToken::new("t"))
        }));
        assert_eq!(field, *expected, "{shown}");
        for secret in [
            SSN,
            "1960-02-30",
            "30/11/1960",
            "7890",
            "123-467-890",
            PASSPORT_NO,
        ] {
            assert!(!shown.contains(secret), "{expected}: {shown}");
        }
    }
    // A non-US address needs no ZIP and takes any region name.
    let ok = BeneficialOwnerDetails::international(
        "a",
        "o",
        dob(),
        Passport::new(PASSPORT_NO, "DE").unwrap(),
        InternationalAddress::new("Unter den Linden 1", "Berlin", "Berlin", "DE"),
    );
    assert!(ok.validate().is_ok());
    // The customer id is checked first.
    let (field, _) = invalid(
        CreateCustomerBeneficialOwner::new("", us_owner())
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "customer_id");
}

/// `Debug` of every form shows what identifies the request, never the SSN,
/// the date of birth or the passport number.
#[test]
fn debug_of_every_form_hides_secrets() {
    let shown = [
        format!("{:?}", us_owner()),
        format!("{:?}", international_owner()),
        format!("{:?}", passport()),
        format!(
            "{:?}",
            CreateCustomerBeneficialOwner::new(CUSTOMER, us_owner())
        ),
        format!(
            "{:?}",
            CreateCustomerBeneficialOwner::new(CUSTOMER, international_owner())
        ),
        format!("{:#?}", UpdateBeneficialOwner::new(OWNER, us_owner())),
        format!(
            "{:#?}",
            UpdateBeneficialOwner::new(OWNER, international_owner())
        ),
    ];
    for s in &shown {
        for secret in [SSN, "123467890", DOB, "1960", "1985-03-15", PASSPORT_NO] {
            assert!(!s.contains(secret), "{secret} in {s}");
        }
        assert!(s.contains("redacted"), "{s}");
    }
    assert!(shown[3].contains(CUSTOMER) && shown[3].contains("document"));
    assert!(shown[1].contains("GB"), "{}", shown[1]);
}

#[test]
fn documented_successes_parse() {
    let list = ListCustomerBeneficialOwners::new(CUSTOMER)
        .parse_response(fixtures::beneficial_owners_list())
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.total(), Some(2));
    assert!(list.skipped().is_empty());
    assert_eq!(list[0].id(), fixtures::BENEFICIAL_OWNER_ID);
    assert!(list[0].is_verified());
    assert_eq!(list[0].verify_with_document_href(), None);
    assert_eq!(
        list[1].verification_status(),
        &BeneficialOwnerStatus::Document
    );
    assert_eq!(
        list[1].verify_with_document_href(),
        Some(
            format!(
                "{}/documents",
                fixtures::beneficial_owner_href(fixtures::DOCUMENT_OWNER_ID)
            )
            .as_str()
        )
    );
    let a = list[0].address().unwrap();
    assert_eq!(a.state_province_region(), Some("IA"));
    assert_eq!(a.country(), Some("US"));
    assert_eq!(a.address3(), Some(""));

    let owner = RetrieveBeneficialOwner::new(OWNER)
        .parse_response(fixtures::beneficial_owner())
        .unwrap();
    assert_eq!(owner.first_name(), Some("Joe"));
    assert_eq!(owner.created(), Some("2022-07-23T00:18:21.419Z"));

    let created = CreateCustomerBeneficialOwner::new(CUSTOMER, us_owner())
        .parse_response(fixtures::beneficial_owner_created())
        .unwrap();
    assert_eq!(created.id(), fixtures::BENEFICIAL_OWNER_ID);
    assert_eq!(
        build(&created.retrieve()).uri().path(),
        format!("/beneficial-owners/{}", fixtures::BENEFICIAL_OWNER_ID)
    );

    let updated = UpdateBeneficialOwner::new(OWNER, us_owner())
        .parse_response(fixtures::beneficial_owner_updated())
        .unwrap();
    assert_eq!(updated.first_name(), Some("beneficial"));

    let removed = DeleteBeneficialOwner::new(OWNER)
        .parse_response(fixtures::beneficial_owner_removed())
        .unwrap();
    assert_eq!(removed.owner().unwrap().id(), fixtures::BENEFICIAL_OWNER_ID);
    // The spec's form, an object of unspecified members, and an empty body
    // are success too, with no owner.
    for body in ["{}", "", "null"] {
        let r = http::Response::builder()
            .status(200)
            .body(Bytes::from(body))
            .unwrap();
        let removed = DeleteBeneficialOwner::new(OWNER).parse_response(r).unwrap();
        assert!(removed.into_owner().is_none(), "{body:?}");
    }

    for (status, expected) in [
        ("uncertified", OwnershipStatus::Uncertified),
        ("recertify", OwnershipStatus::Recertify),
        ("certified", OwnershipStatus::Certified),
        ("pending", OwnershipStatus::Other("pending".into())),
    ] {
        let o = RetrieveBeneficialOwnership::new(CUSTOMER)
            .parse_response(fixtures::beneficial_ownership(status))
            .unwrap();
        assert_eq!(o.status(), &expected);
        assert_eq!(o.is_certified(), status == "certified");
        assert!(o.self_href().unwrap().ends_with("/beneficial-ownership"));
    }
    let certified = CertifyBeneficialOwnership::new(CUSTOMER)
        .parse_response(fixtures::beneficial_ownership("certified"))
        .unwrap();
    assert!(certified.is_certified());
}

#[test]
fn documented_errors_parse_to_their_kinds() {
    type Table = Vec<(&'static str, http::Response<Bytes>, ApiErrorKind)>;
    type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;
    let ops: Vec<(Parse, Table)> = vec![
        (
            Box::new(|r| {
                ListCustomerBeneficialOwners::new("c")
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_list_beneficial_owners_errors(),
        ),
        (
            Box::new(|r| {
                CreateCustomerBeneficialOwner::new("c", us_owner())
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_create_beneficial_owner_errors(),
        ),
        (
            Box::new(|r| {
                RetrieveBeneficialOwner::new("o")
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_retrieve_beneficial_owner_errors(),
        ),
        (
            Box::new(|r| {
                UpdateBeneficialOwner::new("o", us_owner())
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_update_beneficial_owner_errors(),
        ),
        (
            Box::new(|r| DeleteBeneficialOwner::new("o").parse_response(r).map(drop)),
            fixtures::documented_delete_beneficial_owner_errors(),
        ),
        (
            Box::new(|r| {
                RetrieveBeneficialOwnership::new("c")
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_beneficial_ownership_errors(),
        ),
        (
            Box::new(|r| {
                CertifyBeneficialOwnership::new("c")
                    .parse_response(r)
                    .map(drop)
            }),
            fixtures::documented_certify_beneficial_ownership_errors(),
        ),
    ];
    let mut n = 0;
    for (parse, table) in ops {
        n += assert_errors_parse("beneficial owners", table, parse);
    }
    assert_eq!(n, 14);
    // The SSN error keeps the offending path.
    let e = CreateCustomerBeneficialOwner::new("c", us_owner())
        .parse_response(fixtures::beneficial_owner_invalid_ssn())
        .unwrap_err();
    assert_eq!(e.api_error().unwrap().errors()[0].path(), Some("/ssn"));
}
