//! Property tests for beneficial owners: any input builds a well-formed
//! request or names the field it refuses; no secret ever shows in `Debug` or
//! an error; no response makes a parser panic; lists keep or skip every item.

mod support;

use bytes::Bytes;
use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, CertifyBeneficialOwnership, CreateCustomerBeneficialOwner, DateOfBirth,
    DeleteBeneficialOwner, InternationalAddress, ListCustomerBeneficialOwners, Passport,
    RetrieveBeneficialOwner, RetrieveBeneficialOwnership, Ssn, UpdateBeneficialOwner,
};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use support::props::{check, responses, sent};

const KEYS: &[&str] = &[
    "_links",
    "self",
    "href",
    "verify-with-document",
    "_embedded",
    "beneficial-owners",
    "id",
    "firstName",
    "lastName",
    "address",
    "address1",
    "city",
    "stateProvinceRegion",
    "country",
    "verificationStatus",
    "created",
    "status",
    "total",
    "code",
    "message",
];

/// Strings these models read as ids and links.
const TEXTS: &[&str] = &["https://api.dwolla.com/x/abc", "abc"];

/// Text that is sometimes valid and sometimes not: empty, blank, control
/// characters, forbidden characters, long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => "[A-Za-z][A-Za-z .'-]{0,20}",
        1 => Just(String::new()),
        1 => "[ \t]{1,3}",
        1 => "[a-z]{0,5}[\u{0}-\u{1f}<>=\"`!?%~${}\\\\][a-z]{0,5}",
        1 => "[a-z]{49,53}",
        1 => "\\PC{0,12}",
    ]
}

/// A secret with a marker, so that a stray copy of it is recognisable.
fn secret(valid: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just(valid.to_owned()),
        1 => "SECRET[0-9]{1,12}",
        1 => "[0-9-]{0,12}SECRET",
    ]
}

fn address() -> impl Strategy<Value = InternationalAddress> {
    (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        text(),
        prop_oneof![Just("IA".to_owned()), text()],
        prop_oneof![
            Just("US".to_owned()),
            Just("GB".to_owned()),
            "[A-Za-z]{1,3}"
        ],
        prop::option::of(prop_oneof![
            Just("50309".to_owned()),
            Just("50309-1234".to_owned()),
            "[0-9A-Z -]{0,11}"
        ]),
    )
        .prop_map(|(a1, a2, a3, city, state, country, zip)| {
            let mut a = InternationalAddress::new(a1, city, state, country);
            if let Some(l) = a2 {
                a = a.address2(l);
            }
            if let Some(l) = a3 {
                a = a.address3(l);
            }
            if let Some(z) = zip {
                a = a.postal_code(z);
            }
            a
        })
}

/// An owner's parts as typed, before the secret ones are checked.
#[derive(Clone, Debug)]
struct Inputs {
    first: String,
    last: String,
    dob: String,
    /// A US person's SSN, or `None` for a passport.
    ssn: Option<String>,
    passport: String,
    country: String,
    address: InternationalAddress,
}

impl Inputs {
    /// The details, or the error of the secret part that is not valid.
    fn details(&self) -> Result<BeneficialOwnerDetails, Error> {
        let dob = DateOfBirth::parse(&self.dob)?;
        let (first, last, address) = (&self.first, &self.last, self.address.clone());
        Ok(match &self.ssn {
            Some(ssn) => BeneficialOwnerDetails::us(first, last, dob, Ssn::new(ssn)?, address),
            None => {
                let passport = Passport::new(&self.passport, &self.country)?;
                BeneficialOwnerDetails::international(first, last, dob, passport, address)
            }
        })
    }

    /// The secrets: none may show in `Debug` or an error.
    fn secrets(&self) -> Vec<String> {
        match &self.ssn {
            Some(ssn) => vec![self.dob.clone(), ssn.clone()],
            None => vec![self.dob.clone(), self.passport.clone()],
        }
    }
}

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        text(),
        text(),
        secret("1970-01-01"),
        prop::option::of(secret("123-45-6789")),
        secret("X12345678"),
        prop_oneof![Just("FR".to_owned()), "[A-Za-z]{1,3}"],
        address(),
    )
        .prop_map(
            |(first, last, dob, ssn, passport, country, address)| Inputs {
                first,
                last,
                dob,
                ssn,
                passport,
                country,
                address,
            },
        )
}

const FIELDS: &[&str] = &[
    "customer_id",
    "beneficial_owner_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "ssn",
    "passport.number",
    "passport.country",
    "address.address1",
    "address.address2",
    "address.address3",
    "address.city",
    "address.state_province_region",
    "address.country",
    "address.postal_code",
    "idempotency_key",
];

fn check_build(
    result: Result<http::Request<Bytes>, Error>,
    secrets: &[String],
) -> Result<Option<serde_json::Value>, TestCaseError> {
    match result {
        Ok(r) => {
            let json: serde_json::Value = serde_json::from_slice(r.body()).expect("JSON");
            Ok(Some(json))
        }
        Err(Error::InvalidInput(i)) => {
            prop_assert!(FIELDS.contains(&i.field()), "{}", i.field());
            let shown = format!("{i} {i:?}");
            for s in secrets.iter().filter(|s| s.contains("SECRET")) {
                prop_assert!(!shown.contains(s.as_str()), "{} in {}", s, shown);
            }
            Ok(None)
        }
        Err(other) => {
            prop_assert!(false, "{other:?}");
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_details_build_or_name_the_field(inputs in inputs(), id in "[a-z0-9/ .-]{0,12}") {
        let secrets = inputs.secrets();
        let d = match inputs.details() {
            Ok(d) => d,
            // A secret part refused when it is made names its field too.
            Err(e) => {
                check_build(Err(e), &secrets)?;
                return Ok(());
            }
        };
        let env = Environment::Sandbox;
        let token = AccessToken::new("t");
        let create = CreateCustomerBeneficialOwner::new(id.clone(), d.clone());
        let update = UpdateBeneficialOwner::new(id, d.clone());
        for (shown, built) in [
            (format!("{create:?}"), create.build_request(&env, &token)),
            (format!("{update:?}"), update.build_request(&env, &token)),
        ] {
            for s in secrets.iter().filter(|s| s.contains("SECRET") || s.len() > 6) {
                prop_assert!(!shown.contains(s.as_str()), "{} in {}", s, shown);
            }
            if let Some(json) = check_build(built, &secrets)? {
                // What was validated is what is sent.
                prop_assert_eq!(json["firstName"].as_str(), Some(d.first_name()));
                prop_assert_eq!(json["address"]["country"].as_str(), Some(d.address().country()));
                prop_assert_eq!(json.get("ssn").is_some(), d.is_us_person());
                prop_assert_eq!(json.get("passport").is_some(), !d.is_us_person());
                prop_assert!(d.validate().is_ok());
            }
        }
    }

    #[test]
    fn parsers_never_panic(r in responses(KEYS, TEXTS)) {
        check(&r, ListCustomerBeneficialOwners::new("c").parse_response(r.clone()))?;
        check(&r, RetrieveBeneficialOwner::new("o").parse_response(r.clone()))?;
        check(&r, DeleteBeneficialOwner::new("o").parse_response(r.clone()))?;
        check(&r, RetrieveBeneficialOwnership::new("c").parse_response(r.clone()))?;
        check(&r, CertifyBeneficialOwnership::new("c").parse_response(r.clone()))?;
        // A DELETE answered 2xx is removed, whatever the body.
        if r.status().is_success() {
            prop_assert!(DeleteBeneficialOwner::new("o").parse_response(r.clone()).is_ok());
        }
        if let (Ok(list), Some(n)) = (
            ListCustomerBeneficialOwners::new("c").parse_response(r.clone()),
            sent(&r, "beneficial-owners"),
        ) {
            prop_assert_eq!(list.len() + list.skipped().len(), n);
        }
    }
}
