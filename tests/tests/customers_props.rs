//! Property tests for customers: any input builds a well-formed request
//! carrying exactly that input, or is refused naming one of its fields (and
//! never repeating a secret); no response makes a parser panic, and only a
//! 2xx parses as success; a list keeps or skips every item.

mod support;

use dwolla_core::business_classifications::ListBusinessClassifications;
use dwolla_core::bytes::Bytes;
use dwolla_core::customers::{
    AccountAdmin, BusinessDetails, BusinessType, ControllerDetails, CreateCustomer, DateOfBirth,
    Ein, Identity, InternationalAddress, ListCustomers, Passport, PersonalDetails,
    RetrieveCustomer, Ssn, UnverifiedDetails, UnverifiedInfo, UpdateCustomer, UsAddress,
};
use dwolla_core::{Error, Operation};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::props::check;
use support::try_build_sandbox;

const ID: &str = "fc451a7a-ae30-4404-ab95-e3553fcd733f";

/// Text of every kind an input field might get: valid-looking values of
/// each field, the forbidden characters, control characters, long and
/// non-ASCII text, and anything at all.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Jane", "Doe", "jane@example.com", "a@b.co", "99-99 33rd St", "Some City", "NY", "ny",
            "11101", "11101-1234", "5555555555", "143.156.7.8", "::1", "US", "USA", "CA",
            "1234", "123456789", "123-45-6789", "12-3456789", "1980-09-12", "2000-02-29",
            "https://www.domain.com", "9ed3f670-7d6f-11e3-b1ce-5404a6144203", "cid-1.a_b",
            "O'Brien", "José", "", " ", "Ja<ne", "a\"b", "a\\b", "x\ny", "\u{0}", "é",
        ])
        .prop_map(str::to_owned),
        2 => "[A-Za-z0-9 .@'_-]{0,60}",
        1 => "[0-9-]{0,12}",
        1 => ".{0,70}",
        1 => "[a-z]{250,260}",
    ]
    .boxed()
}

/// Mostly a valid value of one field (so that whole requests build often),
/// sometimes any [`text`].
fn field(valid: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        9 => prop::sample::select(valid).prop_map(str::to_owned),
        1 => text(),
    ]
    .boxed()
}

const NAMES: &[&str] = &["Jane", "O'Brien", "José María", "Jean-Luc", "Ng"];
const EMAILS: &[&str] = &["jane@example.com", "a.b+c@sub.example.org"];
const LINES: &[&str] = &["99-99 33rd St", "1749 18th st", "Apt #5", "P.O. Box 12"];
const CITIES: &[&str] = &["Some City", "Des Moines", "St. Paul"];
const STATES: &[&str] = &["NY", "IA", "ca"];
const ZIPS: &[&str] = &["11101", "50309-1234"];
const IPS: &[&str] = &["143.156.7.8", "2001:db8::1"];
const PHONES: &[&str] = &["5555555555", "3334447777"];
const CIDS: &[&str] = &["cid-1.a_b", "FC451A7A"];
const SSNS: &[&str] = &["7391", "582617394", "582-61-7394"];
const DOBS: &[&str] = &["1980-09-12", "2000-02-29", "1963-07-28"];
const EINS: &[&str] = &["472918365", "47-2918365"];
const BUSINESS: &[&str] = &["Jane Corp", "Jane's Electronics, LLC"];
const CLASSES: &[&str] = &["9ed3f670-7d6f-11e3-b1ce-5404a6144203"];
const SITES: &[&str] = &["https://www.domain.com", "http://jane.example.com/about"];
const TITLES: &[&str] = &["CEO", "General Partner"];
const COUNTRIES: &[&str] = &["US", "CA", "GBR"];
const REGIONS: &[&str] = &["IA", "ON"];
const PASSPORTS: &[&str] = &["XK4471923", "P1234567"];

/// The field an error names, asserting it is an `InvalidInput` for one of
/// `fields` that does not repeat any of `secrets`.
fn refused(err: Error, fields: &[&str], secrets: &[&str]) -> Result<(), TestCaseError> {
    let Error::InvalidInput(i) = &err else {
        return Err(TestCaseError::fail(format!("not InvalidInput: {err:?}")));
    };
    prop_assert!(
        fields.contains(&i.field()),
        "unexpected field {}",
        i.field()
    );
    let shown = format!("{err} {err:?}");
    for s in secrets {
        if s.len() >= 4 {
            prop_assert!(!shown.contains(s), "secret {s:?} in {shown}");
        }
    }
    Ok(())
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

const PERSON_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "email",
    "address1",
    "address2",
    "city",
    "state",
    "postal_code",
    "ip_address",
    "phone",
    "correlation_id",
    "ssn",
    "date_of_birth",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn personal_builds_exactly_its_input_or_names_the_field(
        first in field(NAMES), last in field(NAMES), email in field(EMAILS),
        a1 in field(LINES), a2 in proptest::option::of(field(LINES)), city in field(CITIES),
        state in field(STATES), zip in field(ZIPS),
        ip in proptest::option::of(field(IPS)), phone in proptest::option::of(field(PHONES)),
        cid in proptest::option::of(field(CIDS)), ssn in field(SSNS), dob in field(DOBS),
    ) {
        let secrets = [ssn.as_str(), dob.as_str()];
        let ssn_v = match Ssn::new(&ssn) {
            Ok(v) => v,
            Err(e) => return refused(e, &["ssn"], &secrets),
        };
        let dob_v = match DateOfBirth::parse(&dob) {
            Ok(v) => v,
            Err(e) => return refused(e, &["date_of_birth"], &secrets),
        };
        let make = |ssn: Ssn, dob: DateOfBirth| {
            let mut address = UsAddress::new(&a1, &city, &state, &zip);
            if let Some(a2) = &a2 { address = address.address2(a2); }
            let mut p = PersonalDetails::new(&first, &last, &email, address, dob, ssn);
            if let Some(ip) = &ip { p = p.ip_address(ip); }
            if let Some(phone) = &phone { p = p.phone(phone); }
            let mut op = CreateCustomer::personal(p);
            if let Some(cid) = &cid { op = op.correlation_id(cid); }
            op
        };
        let op = make(ssn_v, dob_v);
        // Other secrets of the same shape: the Debug output and any error
        // are the same, so neither depends on (let alone shows) a secret.
        let twin = make(Ssn::new("0".repeat(digits(&ssn).len())).unwrap(), DateOfBirth::new(1999, 1, 1).unwrap());
        prop_assert_eq!(format!("{op:?}"), format!("{twin:?}"));
        prop_assert_eq!(try_build_sandbox(&op).err().map(|e| e.to_string()), try_build_sandbox(&twin).err().map(|e| e.to_string()));
        match try_build_sandbox(&op) {
            Err(e) => refused(e, PERSON_FIELDS, &[])?,
            Ok(req) => {
                let body: Value = serde_json::from_slice(req.body()).expect("a JSON body");
                prop_assert_eq!(&body["firstName"], &json!(first));
                prop_assert_eq!(&body["lastName"], &json!(last));
                prop_assert_eq!(&body["email"], &json!(email));
                prop_assert_eq!(&body["type"], &json!("personal"));
                prop_assert_eq!(&body["address1"], &json!(a1));
                prop_assert_eq!(body.get("address2").cloned(), a2.map(Value::String));
                prop_assert_eq!(&body["city"], &json!(city));
                prop_assert_eq!(&body["state"], &json!(state));
                prop_assert_eq!(&body["postalCode"], &json!(zip));
                prop_assert_eq!(body.get("ipAddress").cloned(), ip.map(Value::String));
                prop_assert_eq!(body.get("phone").cloned(), phone.map(Value::String));
                prop_assert_eq!(body.get("correlationId").cloned(), cid.map(Value::String));
                prop_assert_eq!(&body["ssn"], &json!(digits(&ssn)));
                prop_assert_eq!(&body["dateOfBirth"], &json!(dob));
                // Nothing else.
                prop_assert!(body.as_object().unwrap().len() <= 15);
                // The same input, the same bytes (a retry sends what the first attempt did).
                let again = try_build_sandbox(&op).unwrap();
                prop_assert_eq!(again.body(), req.body());
            }
        }
    }

    #[test]
    fn business_builds_or_names_the_field(
        first in field(NAMES), email in field(EMAILS), name in field(BUSINESS),
        classification in field(CLASSES), website in proptest::option::of(field(SITES)),
        ein in field(EINS), c_first in field(NAMES), title in field(TITLES), c_a1 in field(LINES),
        c_city in field(CITIES), region in field(REGIONS), country in field(COUNTRIES),
        c_zip in proptest::option::of(field(ZIPS)),
        passport in proptest::option::of((field(PASSPORTS), field(COUNTRIES))), ssn in field(SSNS),
    ) {
        // The SSN is a secret only when it is the identity sent.
        let identity_secret = passport.as_ref().map_or(ssn.as_str(), |(n, _)| n.as_str());
        let secrets = [ein.as_str(), identity_secret];
        let ein_v = match Ein::new(&ein) {
            Ok(v) => v,
            Err(e) => return refused(e, &["ein"], &secrets),
        };
        let identity: Identity = match &passport {
            Some((number, pc)) => match Passport::new(number, pc) {
                Ok(p) => p.into(),
                Err(e) => return refused(e, &["passport.number", "passport.country"], &secrets),
            },
            None => match Ssn::new(&ssn) {
                Ok(s) => s.into(),
                Err(e) => return refused(e, &["ssn"], &secrets),
            },
        };
        // The same identity with another secret of the same shape.
        let twin_identity: Identity = match &passport {
            Some((number, pc)) => Passport::new("Z".repeat(number.len()), pc).unwrap().into(),
            None => Ssn::new("0".repeat(digits(&ssn).len())).unwrap().into(),
        };
        let make = |ein: Ein, identity: Identity| {
            let mut business = BusinessDetails::new(
                &name,
                BusinessType::Llc,
                &classification,
                UsAddress::new("462 Main Street", "Des Moines", "IA", "50309"),
                ein,
            );
            if let Some(w) = &website { business = business.website(w); }
            let mut address = InternationalAddress::new(&c_a1, &c_city, &region, &country);
            if let Some(z) = &c_zip { address = address.postal_code(z); }
            let controller = ControllerDetails::new(
                &c_first, "Controller", &title, DateOfBirth::new(1980, 1, 31).unwrap(), address, identity,
            );
            CreateCustomer::business(AccountAdmin::new(&first, "Admin", &email), business, controller)
        };
        let op = make(ein_v, identity);
        let twin = make(Ein::new("000000000").unwrap(), twin_identity);
        prop_assert_eq!(format!("{op:?}"), format!("{twin:?}"));
        prop_assert_eq!(try_build_sandbox(&op).err().map(|e| e.to_string()), try_build_sandbox(&twin).err().map(|e| e.to_string()));
        match try_build_sandbox(&op) {
            Err(e) => refused(e, &[
                "first_name", "email", "business_name", "business_classification", "website",
                "controller.first_name", "controller.title", "controller.address.address1",
                "controller.address.city", "controller.address.state_province_region",
                "controller.address.country", "controller.address.postal_code",
            ], &[])?,
            Ok(req) => {
                let body: Value = serde_json::from_slice(req.body()).expect("a JSON body");
                prop_assert_eq!(&body["businessName"], &json!(name));
                prop_assert_eq!(&body["ein"], &json!(digits(&ein)));
                prop_assert_eq!(&body["controller"]["title"], &json!(title));
                prop_assert_eq!(&body["controller"]["address"]["country"], &json!(country));
                match &passport {
                    Some((number, _)) => {
                        prop_assert_eq!(&body["controller"]["passport"]["number"], &json!(number));
                        prop_assert!(body["controller"].get("ssn").is_none());
                    }
                    None => prop_assert_eq!(&body["controller"]["ssn"], &json!(digits(&ssn))),
                }
            }
        }
    }

    #[test]
    fn unverified_and_updates_build_or_name_the_field(
        first in field(NAMES), last in field(NAMES), email in field(EMAILS),
        business in proptest::option::of(field(BUSINESS)),
        id in prop_oneof![Just(ID.to_owned()), text()],
    ) {
        let mut d = UnverifiedDetails::new(&first, &last, &email);
        if let Some(b) = &business { d = d.business_name(b); }
        match try_build_sandbox(&CreateCustomer::receive_only(d)) {
            Err(e) => refused(e, &["first_name", "last_name", "email", "business_name"], &[])?,
            Ok(req) => {
                let body: Value = serde_json::from_slice(req.body()).expect("a JSON body");
                prop_assert_eq!(&body["type"], &json!("receive-only"));
                prop_assert_eq!(&body["firstName"], &json!(first));
            }
        }
        let mut info = UnverifiedInfo::new().first_name(&first).email(&email);
        if let Some(b) = &business { info = info.business_name(b); }
        match try_build_sandbox(&UpdateCustomer::unverified_info(&id, info)) {
            Err(e) => refused(e, &["customer_id", "first_name", "email", "business_name"], &[])?,
            Ok(req) => {
                prop_assert_eq!(req.method(), "POST");
                // The id is always exactly one path segment.
                prop_assert_eq!(req.uri().path().matches('/').count(), 2);
                let body: Value = serde_json::from_slice(req.body()).expect("a JSON body");
                prop_assert_eq!(&body["email"], &json!(email));
            }
        }
        match try_build_sandbox(&UpdateCustomer::suspend(&id)) {
            Err(e) => refused(e, &["customer_id"], &[])?,
            Ok(req) => prop_assert_eq!(req.body().as_ref(), br#"{"status":"suspended"}"#),
        }
    }

    #[test]
    fn dates_read_back_as_written(y in 1900u16..=2099, m in 1u8..=12, d in 1u8..=31) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        match DateOfBirth::new(y, m, d) {
            Ok(date) => prop_assert_eq!(DateOfBirth::parse(&text).unwrap(), date),
            Err(e) => {
                prop_assert!(d > 28);
                refused(e, &["date_of_birth"], &[&text])?;
                prop_assert!(DateOfBirth::parse(&text).is_err());
            }
        }
    }
}

/// Bodies made of the pieces a customer parser looks for, well-formed or not.
fn response_body() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "verified",
            "retry",
            "kba",
            "document",
            "suspended",
            "personal",
            "business",
            "receive-only",
            "unverified",
            "Duplicate",
            "/email",
            "ValidationError",
            "https://api-sandbox.dwolla.com/customers/c1",
            "not a url",
            "é\n\u{0}",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    let key = prop::sample::select(vec![
        "_links",
        "self",
        "href",
        "next",
        "about",
        "_embedded",
        "customers",
        "errors",
        "code",
        "message",
        "path",
        "id",
        "firstName",
        "status",
        "type",
        "controller",
        "address",
        "business-classifications",
        "industry-classifications",
        "name",
        "total",
        "retry-verification",
    ]);
    let json = leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    });
    prop_oneof![
        3 => json.prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => json_prefix(),
    ]
}

/// A valid document cut short.
fn json_prefix() -> impl Strategy<Value = Vec<u8>> {
    (0usize..200).prop_map(|n| {
        let full = br#"{"_links":{"self":{"href":"https://api-sandbox.dwolla.com/customers/c1"}},"id":"c1","status":"retry","_embedded":{"customers":[{"id":"c2"}]}}"#;
        full[..n.min(full.len())].to_vec()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_response_makes_a_parser_panic(
        status in prop::sample::select(vec![200u16, 201, 204, 400, 403, 404, 409, 429, 500]),
        body in response_body(),
        location in proptest::option::of(".{0,40}"),
    ) {
        let response = || {
            let mut b = http::Response::builder().status(status);
            if let Some(l) = &location {
                if let Ok(v) = http::HeaderValue::from_str(l) {
                    b = b.header("location", v);
                }
            }
            b.body(Bytes::from(body.clone())).unwrap()
        };
        let outcomes = [
            ListCustomers::new().parse_response(response()).map(|_| ()),
            RetrieveCustomer::new(ID).parse_response(response()).map(|_| ()),
            UpdateCustomer::suspend(ID).parse_response(response()).map(|_| ()),
            CreateCustomer::unverified(UnverifiedDetails::new("J", "D", "j@example.com"))
                .parse_response(response())
                .map(|_| ()),
            ListBusinessClassifications::new().parse_response(response()).map(|_| ()),
        ];
        for outcome in outcomes {
            check(&response(), outcome)?;
        }
    }

    #[test]
    fn a_list_keeps_or_skips_every_item(items in prop::collection::vec(
        prop_oneof![
            "[a-f0-9-]{1,36}".prop_map(|id| json!({"id": id, "status": "verified"})),
            "[a-f0-9-]{1,36}".prop_map(|id| json!({"_links": {"self": {"href": format!("https://api-sandbox.dwolla.com/customers/{id}")}}})),
            Just(json!({"firstName": "no id"})),
            Just(json!(42)),
            Just(json!("customer")),
            Just(json!(null)),
            Just(json!([{"id": "x"}])),
        ],
        0..12,
    )) {
        let body = json!({"_embedded": {"customers": items}, "total": items.len()}).to_string();
        let list = ListCustomers::new()
            .parse_response(http::Response::new(Bytes::from(body)))
            .expect("a list parses");
        prop_assert_eq!(list.len() + list.skipped().len(), items.len());
        let expected: Vec<String> = items
            .iter()
            .filter_map(|i| {
                i.get("id").and_then(Value::as_str).map(str::to_owned).or_else(|| {
                    i.pointer("/_links/self/href")
                        .and_then(Value::as_str)
                        .and_then(|h| h.rsplit('/').next())
                        .map(str::to_owned)
                })
            })
            .collect();
        let kept: Vec<String> = list.iter().map(|c| c.id().to_owned()).collect();
        prop_assert_eq!(kept, expected);
        let mut indexes: Vec<usize> = list.skipped().iter().map(|s| s.index()).collect();
        indexes.sort_unstable();
        indexes.dedup();
        prop_assert_eq!(indexes.len(), list.skipped().len());
    }
}
