//! Customers, sans IO: the exact request of every create and update form,
//! the input checks (each naming its field, none repeating a secret), the
//! redaction of secrets in `Debug`, and how every fixture reads.

mod support;

use dwolla_core::business_classifications::{
    ListBusinessClassifications, RetrieveBusinessClassification,
};
use dwolla_core::bytes::Bytes;
use dwolla_core::customers::{
    AccountAdmin, BusinessDetails, BusinessInfo, BusinessType, ControllerDetails, CreateCustomer,
    CustomerStatus, CustomerType, DateOfBirth, Ein, InternationalAddress, ListCustomers, NextStep,
    Passport, PersonalDetails, RetrieveCustomer, SoleProprietorship, Ssn, UnverifiedDetails,
    UnverifiedInfo, UpdateCustomer, UsAddress, VerifiedInfo,
};
use dwolla_core::{ApiErrorKind, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_errors_parse, body_str, build_sandbox, rejected_field, try_build_sandbox};

const ID: &str = "fc451a7a-ae30-4404-ab95-e3553fcd733f";
const CLASSIFICATION: &str = "9ed3f670-7d6f-11e3-b1ce-5404a6144203";

// Secrets chosen so that nothing else in a request or its Debug contains them.
const SSN4: &str = "7391";
const SSN9: &str = "582-61-7394";
const SSN9_DIGITS: &str = "582617394";
const EIN: &str = "47-2918365";
const EIN_DIGITS: &str = "472918365";
const PASSPORT: &str = "XK4471923";

fn dob() -> DateOfBirth {
    DateOfBirth::new(1963, 7, 28).unwrap()
}
const DOB: &str = "1963-07-28";

fn home() -> UsAddress {
    UsAddress::new("99-99 33rd St", "Some City", "NY", "11101")
}

fn person(ssn: &str) -> PersonalDetails {
    PersonalDetails::new(
        "Jane",
        "Doe",
        "jane@example.com",
        home(),
        dob(),
        Ssn::new(ssn).unwrap(),
    )
}

fn admin() -> AccountAdmin {
    AccountAdmin::new("Account", "Admin", "admin@example.com")
}

fn business() -> BusinessDetails {
    BusinessDetails::new(
        "Jane Corp",
        BusinessType::Llc,
        CLASSIFICATION,
        UsAddress::new("462 Main Street", "Des Moines", "IA", "50309"),
        Ein::new(EIN).unwrap(),
    )
}

fn us_controller(ssn: &str) -> ControllerDetails {
    ControllerDetails::new(
        "John",
        "Controller",
        "CEO",
        dob(),
        InternationalAddress::us("1749 18th st", "Des Moines", "IA", "50266"),
        Ssn::new(ssn).unwrap(),
    )
}

fn passport_controller() -> ControllerDetails {
    ControllerDetails::new(
        "John",
        "Controller",
        "CEO",
        dob(),
        InternationalAddress::new("462 Main Street", "Toronto", "ON", "CA")
            .address2("Suite 123")
            .address3("Unit 123")
            .postal_code("M5V 2T6"),
        Passport::new(PASSPORT, "CA").unwrap(),
    )
}

const PERSON: &str = r#""firstName":"Jane","lastName":"Doe","email":"jane@example.com""#;
const HOME: &str =
    r#""address1":"99-99 33rd St","city":"Some City","state":"NY","postalCode":"11101""#;
const ADMIN: &str = r#""firstName":"Account","lastName":"Admin","email":"admin@example.com""#;
const BUSINESS_ADDRESS: &str =
    r#""address1":"462 Main Street","city":"Des Moines","state":"IA","postalCode":"50309""#;
const US_CONTROLLER_ADDRESS: &str = r#""address":{"address1":"1749 18th st","city":"Des Moines","stateProvinceRegion":"IA","postalCode":"50266","country":"US"}"#;

#[test]
fn create_forms_send_exact_requests() {
    // Receive-only, every optional member.
    let op = CreateCustomer::receive_only(
        UnverifiedDetails::new("Account", "Admin", "admin@example.com")
            .business_name("Jane Corp llc")
            .ip_address("143.156.7.8")
            .phone("5555555555"),
    )
    .correlation_id("CID-1.a_b")
    .idempotency_key("create-1");
    let req = try_build_sandbox(&op).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://api-sandbox.dwolla.com/customers");
    let h = req.headers();
    assert_eq!(h["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(h["content-type"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(h["authorization"], "Bearer tok");
    assert_eq!(h["idempotency-key"], "create-1");
    assert_eq!(
        body_str(&build_sandbox(&op)).to_owned(),
        format!(
            r#"{{{ADMIN},"type":"receive-only","ipAddress":"143.156.7.8","phone":"5555555555","correlationId":"CID-1.a_b","businessName":"Jane Corp llc"}}"#
        )
    );
    assert_eq!(op.name(), "createCustomer");

    // Unverified, the minimum: `type` is sent, as the spec requires.
    let op = CreateCustomer::unverified(UnverifiedDetails::new(
        "Account",
        "Admin",
        "admin@example.com",
    ));
    assert!(try_build_sandbox(&op)
        .unwrap()
        .headers()
        .get("idempotency-key")
        .is_none());
    assert_eq!(
        body_str(&build_sandbox(&op)).to_owned(),
        format!(r#"{{{ADMIN},"type":"unverified"}}"#)
    );

    // Personal, minimum and every optional member.
    assert_eq!(
        body_str(&build_sandbox(&CreateCustomer::personal(person(SSN4)))),
        format!(r#"{{{PERSON},"type":"personal",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN4}"}}"#)
    );
    let full = PersonalDetails::new(
        "Jane",
        "Doe",
        "jane@example.com",
        home().address2("Apt 8"),
        dob(),
        Ssn::new(SSN9).unwrap(),
    )
    .ip_address("2001:db8::1")
    .phone("3334447777");
    assert_eq!(
        body_str(&build_sandbox(
            &CreateCustomer::personal(full).correlation_id("c")
        ))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"personal","ipAddress":"2001:db8::1","phone":"3334447777","correlationId":"c","address1":"99-99 33rd St","address2":"Apt 8","city":"Some City","state":"NY","postalCode":"11101","dateOfBirth":"{DOB}","ssn":"{SSN9_DIGITS}"}}"#
        )
    );

    // Sole proprietorship: no controller; EIN optional.
    assert_eq!(
        body_str(&build_sandbox(&CreateCustomer::sole_proprietorship(
            person(SSN4),
            SoleProprietorship::new("Jane's Electronics", CLASSIFICATION)
        )))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"business",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN4}","businessName":"Jane's Electronics","businessType":"soleProprietorship","businessClassification":"{CLASSIFICATION}"}}"#
        )
    );
    assert_eq!(
        body_str(&build_sandbox(&CreateCustomer::sole_proprietorship(
            person(SSN4),
            SoleProprietorship::new("Jane's Electronics", CLASSIFICATION)
                .ein(Ein::new(EIN_DIGITS).unwrap())
                .doing_business_as("Jane's")
                .website("https://www.domain.com")
        )))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"business",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN4}","businessName":"Jane's Electronics","doingBusinessAs":"Jane's","businessType":"soleProprietorship","businessClassification":"{CLASSIFICATION}","ein":"{EIN_DIGITS}","website":"https://www.domain.com"}}"#
        )
    );

    // Business with a US controller (SSN).
    assert_eq!(
        body_str(&build_sandbox(&CreateCustomer::business(
            admin().ip_address("143.156.7.8").phone("5555555555"),
            business()
                .doing_business_as("Jane's Electronics")
                .website("http://www.domain.com"),
            us_controller(SSN4),
        )))
        .to_owned(),
        format!(
            r#"{{{ADMIN},"type":"business","ipAddress":"143.156.7.8","phone":"5555555555",{BUSINESS_ADDRESS},"businessName":"Jane Corp","doingBusinessAs":"Jane's Electronics","businessType":"llc","businessClassification":"{CLASSIFICATION}","ein":"{EIN_DIGITS}","website":"http://www.domain.com","controller":{{"firstName":"John","lastName":"Controller","title":"CEO","dateOfBirth":"{DOB}","ssn":"{SSN4}",{US_CONTROLLER_ADDRESS}}}}}"#
        )
    );

    // Business with an international controller (passport).
    assert_eq!(
        body_str(&build_sandbox(&CreateCustomer::business(
            admin(),
            BusinessDetails::new(
                "Jane Corp",
                BusinessType::Partnership,
                CLASSIFICATION,
                UsAddress::new("462 Main Street", "Des Moines", "IA", "50309"),
                Ein::new(EIN).unwrap(),
            ),
            passport_controller(),
        )))
        .to_owned(),
        format!(
            r#"{{{ADMIN},"type":"business",{BUSINESS_ADDRESS},"businessName":"Jane Corp","businessType":"partnership","businessClassification":"{CLASSIFICATION}","ein":"{EIN_DIGITS}","controller":{{"firstName":"John","lastName":"Controller","title":"CEO","dateOfBirth":"{DOB}","passport":{{"number":"{PASSPORT}","country":"CA"}},"address":{{"address1":"462 Main Street","address2":"Suite 123","address3":"Unit 123","city":"Toronto","stateProvinceRegion":"ON","postalCode":"M5V 2T6","country":"CA"}}}}}}"#
        )
    );
    assert_eq!(BusinessType::Corporation.as_str(), "corporation");
}

#[test]
fn update_forms_send_exact_requests() {
    let op = UpdateCustomer::suspend(ID).idempotency_key("u-1");
    let req = try_build_sandbox(&op).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(
        req.uri(),
        "https://api-sandbox.dwolla.com/customers/fc451a7a-ae30-4404-ab95-e3553fcd733f"
    );
    assert_eq!(
        req.headers()["content-type"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(req.headers()["idempotency-key"], "u-1");
    assert_eq!(op.name(), "update");
    assert_eq!(
        body_str(&build_sandbox(&op)).to_owned(),
        r#"{"status":"suspended"}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::deactivate(ID))),
        r#"{"status":"deactivated"}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::reactivate(ID))),
        r#"{"status":"reactivated"}"#
    );
    // The customer's URL works as well as its id.
    let by_url =
        UpdateCustomer::reactivate(format!("https://api-sandbox.dwolla.com/customers/{ID}"));
    assert_eq!(
        try_build_sandbox(&by_url).unwrap().uri().path(),
        format!("/customers/{ID}")
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::upgrade_to_unverified(ID))),
        r#"{"type":"unverified"}"#
    );

    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::unverified_info(
            ID,
            UnverifiedInfo::new()
                .first_name("John")
                .last_name("Doe")
                .email("john@example.com")
                .business_name("Jane Corp")
        )))
        .to_owned(),
        r#"{"firstName":"John","lastName":"Doe","email":"john@example.com","businessName":"Jane Corp"}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::unverified_info(
            ID,
            UnverifiedInfo::new().remove_business_name()
        )))
        .to_owned(),
        r#"{"businessName":""}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::personal_info(
            ID,
            VerifiedInfo::new()
                .email("john@example.com")
                .ip_address("10.10.10.10")
                .address(
                    UsAddress::new("123 Main Street", "Des Moines", "IA", "50309-1234")
                        .address2("XYZ Suite")
                )
                .phone("5555555555")
        )))
        .to_owned(),
        r#"{"email":"john@example.com","ipAddress":"10.10.10.10","address1":"123 Main Street","address2":"XYZ Suite","city":"Des Moines","state":"IA","postalCode":"50309-1234","phone":"5555555555"}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::business_info(
            ID,
            VerifiedInfo::new().phone("5555555555"),
            BusinessInfo::new()
                .doing_business_as("Jane's Electronics")
                .website("https://www.domain.com")
        )))
        .to_owned(),
        r#"{"phone":"5555555555","doingBusinessAs":"Jane's Electronics","website":"https://www.domain.com"}"#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::business_info(
            ID,
            VerifiedInfo::new(),
            BusinessInfo::new().website("https://jane.example.com")
        )))
        .to_owned(),
        r#"{"website":"https://jane.example.com"}"#
    );

    // Upgrades: the verified body, without correlationId.
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::upgrade_to_personal(
            ID,
            person(SSN4)
        )))
        .to_owned(),
        format!(r#"{{{PERSON},"type":"personal",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN4}"}}"#)
    );
    assert_eq!(
        body_str(&build_sandbox(
            &UpdateCustomer::upgrade_to_sole_proprietorship(
                ID,
                person(SSN4),
                SoleProprietorship::new("Jane's Electronics", CLASSIFICATION)
                    .ein(Ein::new(EIN).unwrap())
            )
        ))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"business",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN4}","businessName":"Jane's Electronics","businessType":"soleProprietorship","businessClassification":"{CLASSIFICATION}","ein":"{EIN_DIGITS}"}}"#
        )
    );
    let business_body = format!(
        r#"{ADMIN},"type":"business",{BUSINESS_ADDRESS},"businessName":"Jane Corp","businessType":"llc","businessClassification":"{CLASSIFICATION}","ein":"{EIN_DIGITS}""#
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::upgrade_to_business(
            ID,
            admin(),
            business(),
            us_controller(SSN4)
        )))
        .to_owned(),
        format!(
            r#"{{{business_body},"controller":{{"firstName":"John","lastName":"Controller","title":"CEO","dateOfBirth":"{DOB}","ssn":"{SSN4}",{US_CONTROLLER_ADDRESS}}}}}"#
        )
    );

    // Retries: the full SSN.
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::retry_personal(
            ID,
            person(SSN9).ip_address("10.10.10.10")
        )))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"personal","ipAddress":"10.10.10.10",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN9_DIGITS}"}}"#
        )
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::retry_sole_proprietorship(
            ID,
            person(SSN9_DIGITS),
            SoleProprietorship::new("Jane's Electronics", CLASSIFICATION)
        )))
        .to_owned(),
        format!(
            r#"{{{PERSON},"type":"business",{HOME},"dateOfBirth":"{DOB}","ssn":"{SSN9_DIGITS}","businessName":"Jane's Electronics","businessType":"soleProprietorship","businessClassification":"{CLASSIFICATION}"}}"#
        )
    );
    assert_eq!(
        body_str(&build_sandbox(&UpdateCustomer::retry_business(
            ID,
            admin(),
            business()
        )))
        .to_owned(),
        format!("{{{business_body}}}")
    );
    assert_eq!(
        body_str(&build_sandbox(
            &UpdateCustomer::retry_business_with_controller(
                ID,
                admin(),
                business(),
                us_controller(SSN9)
            )
        ))
        .to_owned(),
        format!(
            r#"{{{business_body},"controller":{{"firstName":"John","lastName":"Controller","title":"CEO","dateOfBirth":"{DOB}","ssn":"{SSN9_DIGITS}",{US_CONTROLLER_ADDRESS}}}}}"#
        )
    );
    let with_passport = body_str(&build_sandbox(
        &UpdateCustomer::retry_business_with_controller(
            ID,
            admin(),
            business(),
            passport_controller(),
        ),
    ))
    .to_owned();
    assert!(with_passport.starts_with(&format!("{{{business_body},\"controller\":")));
    assert!(with_passport.contains(&format!(
        r#""passport":{{"number":"{PASSPORT}","country":"CA"}}"#
    )));
    assert!(!with_passport.contains("\"ssn\""));
}

#[test]
fn a_retry_needs_the_full_ssn() {
    let err = try_build_sandbox(&UpdateCustomer::retry_personal(ID, person(SSN4))).unwrap_err();
    assert_eq!(rejected_field(&err), "ssn");
    let err = try_build_sandbox(&UpdateCustomer::retry_sole_proprietorship(
        ID,
        person(SSN4),
        SoleProprietorship::new("B", CLASSIFICATION),
    ))
    .unwrap_err();
    assert_eq!(rejected_field(&err), "ssn");
    let err = try_build_sandbox(&UpdateCustomer::retry_business_with_controller(
        ID,
        admin(),
        business(),
        us_controller(SSN4),
    ))
    .unwrap_err();
    assert_eq!(rejected_field(&err), "controller.ssn");
    // A first attempt and an upgrade take the last four.
    assert!(try_build_sandbox(&UpdateCustomer::upgrade_to_personal(ID, person(SSN4))).is_ok());
}

#[test]
fn inputs_are_checked_before_any_request_and_name_the_field() {
    let personal = |f: &dyn Fn(PersonalDetails) -> PersonalDetails| {
        rejected_field(&try_build_sandbox(&CreateCustomer::personal(f(person(SSN4)))).unwrap_err())
    };
    let with_name = |first: &str| {
        rejected_field(
            &try_build_sandbox(&CreateCustomer::personal(PersonalDetails::new(
                first,
                "Doe",
                "jane@example.com",
                home(),
                dob(),
                Ssn::new(SSN4).unwrap(),
            )))
            .unwrap_err(),
        )
    };
    assert_eq!(with_name(""), "first_name");
    assert_eq!(with_name("   "), "first_name");
    assert_eq!(with_name(&"x".repeat(51)), "first_name");
    assert!(
        try_build_sandbox(&CreateCustomer::personal(PersonalDetails::new(
            "é".repeat(50),
            "Doe",
            "jane@example.com",
            home(),
            dob(),
            Ssn::new(SSN4).unwrap(),
        )))
        .is_ok()
    );
    for bad in [
        "<", ">", "=", "\"", "`", "!", "?", "%", "~", "$", "{", "}", "\\",
    ] {
        assert_eq!(with_name(&format!("Ja{bad}ne")), "first_name", "{bad}");
    }
    assert_eq!(with_name("Jane\n"), "first_name");
    assert_eq!(personal(&|p| p.phone("555-555-5555")), "phone");
    assert_eq!(personal(&|p| p.phone("555555555")), "phone");
    assert_eq!(personal(&|p| p.ip_address("10.0.0.256")), "ip_address");

    let address = |a: UsAddress| {
        rejected_field(
            &try_build_sandbox(&CreateCustomer::personal(PersonalDetails::new(
                "J",
                "D",
                "j@example.com",
                a,
                dob(),
                Ssn::new(SSN4).unwrap(),
            )))
            .unwrap_err(),
        )
    };
    assert_eq!(address(UsAddress::new("", "C", "NY", "11101")), "address1");
    assert_eq!(
        address(UsAddress::new("A", "C", "NY", "11101").address2("x".repeat(51))),
        "address2"
    );
    assert_eq!(address(UsAddress::new("A", "C%", "NY", "11101")), "city");
    assert_eq!(
        address(UsAddress::new("A", "C", "New York", "11101")),
        "state"
    );
    assert_eq!(address(UsAddress::new("A", "C", "N1", "11101")), "state");
    for zip in ["1110", "111011", "11101-12", "1110a", "11101 1234", ""] {
        assert_eq!(
            address(UsAddress::new("A", "C", "NY", zip)),
            "postal_code",
            "{zip}"
        );
    }

    let email = |e: &str| {
        rejected_field(
            &try_build_sandbox(&CreateCustomer::unverified(UnverifiedDetails::new(
                "J", "D", e,
            )))
            .unwrap_err(),
        )
    };
    for bad in [
        "",
        "jane",
        "jane@",
        "@example.com",
        "ja ne@example.com",
        "a@b@example.com",
        "jane@localhost",
        "jane@example.",
    ] {
        assert_eq!(email(bad), "email", "{bad:?}");
    }
    let unverified = |d: UnverifiedDetails| try_build_sandbox(&CreateCustomer::unverified(d));
    assert_eq!(
        rejected_field(
            &unverified(
                UnverifiedDetails::new("J", "D", "j@example.com").business_name("x".repeat(256))
            )
            .unwrap_err()
        ),
        "business_name"
    );
    assert!(unverified(
        UnverifiedDetails::new("J", "D", "j@example.com").business_name("x".repeat(255))
    )
    .is_ok());
    for bad in ["", "has space", "ünï", &"x".repeat(256), "a/b"] {
        let op = CreateCustomer::unverified(UnverifiedDetails::new("J", "D", "j@example.com"))
            .correlation_id(bad);
        assert_eq!(
            rejected_field(&try_build_sandbox(&op).unwrap_err()),
            "correlation_id",
            "{bad:?}"
        );
    }
    let op = CreateCustomer::unverified(UnverifiedDetails::new("J", "D", "j@example.com"))
        .correlation_id("x".repeat(255));
    assert!(try_build_sandbox(&op).is_ok());
    let op = CreateCustomer::unverified(UnverifiedDetails::new("J", "D", "j@example.com"))
        .idempotency_key("");
    assert_eq!(
        rejected_field(&try_build_sandbox(&op).unwrap_err()),
        "idempotency_key"
    );

    // Business parts.
    let biz = |b: BusinessDetails| {
        rejected_field(
            &try_build_sandbox(&CreateCustomer::business(admin(), b, us_controller(SSN4)))
                .unwrap_err(),
        )
    };
    let addr = || UsAddress::new("462 Main Street", "Des Moines", "IA", "50309");
    let ein = || Ein::new(EIN).unwrap();
    assert_eq!(
        biz(BusinessDetails::new(
            "",
            BusinessType::Llc,
            CLASSIFICATION,
            addr(),
            ein()
        )),
        "business_name"
    );
    assert_eq!(
        biz(BusinessDetails::new(
            "Jane Corp",
            BusinessType::Llc,
            "not an id",
            addr(),
            ein()
        )),
        "business_classification"
    );
    assert_eq!(
        biz(BusinessDetails::new(
            "Jane Corp",
            BusinessType::Llc,
            CLASSIFICATION,
            addr(),
            ein()
        )
        .website("www.domain.com")),
        "website"
    );
    assert_eq!(
        biz(BusinessDetails::new(
            "Jane Corp",
            BusinessType::Llc,
            CLASSIFICATION,
            addr(),
            ein()
        )
        .doing_business_as("a?")),
        "doing_business_as"
    );
    let controller = |c: ControllerDetails| {
        rejected_field(
            &try_build_sandbox(&CreateCustomer::business(admin(), business(), c)).unwrap_err(),
        )
    };
    let ca = || InternationalAddress::us("1749 18th st", "Des Moines", "IA", "50266");
    let ssn = || Ssn::new(SSN4).unwrap();
    assert_eq!(
        controller(ControllerDetails::new("", "C", "CEO", dob(), ca(), ssn())),
        "controller.first_name"
    );
    assert_eq!(
        controller(ControllerDetails::new(
            "J",
            "C",
            "x".repeat(101),
            dob(),
            ca(),
            ssn()
        )),
        "controller.title"
    );
    assert!(try_build_sandbox(&CreateCustomer::business(
        admin(),
        business(),
        ControllerDetails::new("J", "C", "x".repeat(100), dob(), ca(), ssn())
    ))
    .is_ok());
    assert_eq!(
        controller(ControllerDetails::new(
            "J",
            "C",
            "CEO",
            dob(),
            InternationalAddress::new("A", "B", "IA", "US"),
            ssn()
        )),
        "controller.address.postal_code"
    );
    assert_eq!(
        controller(ControllerDetails::new(
            "J",
            "C",
            "CEO",
            dob(),
            InternationalAddress::us("A", "B", "Iowa", "50266"),
            ssn()
        )),
        "controller.address.state_province_region"
    );
    assert_eq!(
        controller(ControllerDetails::new(
            "J",
            "C",
            "CEO",
            dob(),
            InternationalAddress::new("A", "B", "Ontario", "Canada"),
            ssn()
        )),
        "controller.address.country"
    );
    // Abroad, the region is free text and the postal code optional.
    assert!(try_build_sandbox(&CreateCustomer::business(
        admin(),
        business(),
        ControllerDetails::new(
            "J",
            "C",
            "CEO",
            dob(),
            InternationalAddress::new("A", "B", "Ontario", "CAN"),
            Passport::new(PASSPORT, "CA").unwrap()
        )
    ))
    .is_ok());

    // Ids.
    assert_eq!(
        rejected_field(&try_build_sandbox(&UpdateCustomer::suspend("")).unwrap_err()),
        "customer_id"
    );
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::suspend(
                "https://api-sandbox.dwolla.com/transfers/x"
            ))
            .unwrap_err()
        ),
        "customer_id"
    );
    // Empty information updates change nothing.
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::unverified_info(ID, UnverifiedInfo::new()))
                .unwrap_err()
        ),
        "info"
    );
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::personal_info(ID, VerifiedInfo::new()))
                .unwrap_err()
        ),
        "info"
    );
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::business_info(
                ID,
                VerifiedInfo::new(),
                BusinessInfo::new()
            ))
            .unwrap_err()
        ),
        "info"
    );
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::unverified_info(
                ID,
                UnverifiedInfo::new().business_name("")
            ))
            .unwrap_err()
        ),
        "business_name"
    );
    assert_eq!(
        rejected_field(
            &try_build_sandbox(&UpdateCustomer::business_info(
                ID,
                VerifiedInfo::new(),
                BusinessInfo::new().website("ftp://x")
            ))
            .unwrap_err()
        ),
        "website"
    );
    // validate() is the same check.
    assert!(CreateCustomer::personal(person(SSN4)).validate().is_ok());
    assert_eq!(
        rejected_field(
            &UpdateCustomer::personal_info(ID, VerifiedInfo::new().email("x"))
                .validate()
                .unwrap_err()
        ),
        "email"
    );
}

#[test]
fn secret_inputs_are_checked_when_made_without_repeating_them() {
    for ok in ["1234", "123456789", "123-45-6789"] {
        assert!(Ssn::new(ok).is_ok(), "{ok}");
    }
    assert!(Ssn::new("123456789").unwrap().is_full());
    assert!(!Ssn::new("1234").unwrap().is_full());
    for bad in [
        "",
        "123",
        "12345",
        "12345678",
        "1234567890",
        "12-345-6789",
        "123-456789",
        "abcd",
        "１２３４",
        "123-45-678９",
    ] {
        let err = Ssn::new(bad).unwrap_err();
        assert_eq!(rejected_field(&err.clone()), "ssn");
        assert!(bad.is_empty() || !err.to_string().contains(bad), "{err}");
    }
    for ok in ["123456789", "12-3456789"] {
        assert!(Ein::new(ok).is_ok(), "{ok}");
    }
    for bad in ["", "12345678", "123-456789", "12-345678a", "1234567890"] {
        let err = Ein::new(bad).unwrap_err();
        assert_eq!(rejected_field(&err.clone()), "ein");
        assert!(bad.is_empty() || !err.to_string().contains(bad), "{err}");
    }
    for bad in [
        "",
        "1980-9-12",
        "1980/09/12",
        "12-09-1980",
        "1980-13-01",
        "1980-02-30",
        "1899-12-31",
        "2100-01-01",
        "1980-00-10",
        "1980-01-00",
        "+980-01-01",
        "1980-01-1a",
    ] {
        let err = DateOfBirth::parse(bad).unwrap_err();
        assert_eq!(rejected_field(&err.clone()), "date_of_birth");
        assert!(bad.is_empty() || !err.to_string().contains(bad), "{err}");
    }
    assert!(DateOfBirth::parse("2000-02-29").is_ok());
    assert!(DateOfBirth::parse("1900-02-29").is_err());
    assert!(DateOfBirth::parse("1996-02-29").is_ok());
    assert_eq!(DateOfBirth::parse("1900-01-01").unwrap().year(), 1900);
    let d = DateOfBirth::parse("2099-12-31").unwrap();
    assert_eq!((d.year(), d.month(), d.day()), (2099, 12, 31));
    assert_eq!(dob().age_on(1963, 7, 27), None);
    assert_eq!(dob().age_on(1963, 7, 28), Some(0));
    assert_eq!(dob().age_on(1981, 7, 27), Some(17));
    assert_eq!(dob().age_on(1981, 7, 28), Some(18));
    assert_eq!(dob().age_on(1962, 12, 31), None);
    for (number, country, field) in [
        ("", "CA", "passport.number"),
        ("AB 123", "CA", "passport.number"),
        (&"1".repeat(51), "CA", "passport.number"),
        (PASSPORT, "C", "passport.country"),
        (PASSPORT, "CAND", "passport.country"),
        (PASSPORT, "C1", "passport.country"),
    ] {
        let err = Passport::new(number, country).unwrap_err();
        assert_eq!(rejected_field(&err.clone()), field);
        assert!(
            number.is_empty() || !err.to_string().contains(number),
            "{err}"
        );
    }
    assert_eq!(Passport::new(PASSPORT, "CA").unwrap().country(), "CA");
}

/// Every create and update form that holds a secret: its Debug shows none.
#[test]
fn debug_of_every_form_shows_no_secret() {
    let forms: Vec<(&str, String)> = vec![
        (
            "create personal",
            format!("{:?}", CreateCustomer::personal(person(SSN9))),
        ),
        (
            "create personal 4",
            format!("{:?}", CreateCustomer::personal(person(SSN4))),
        ),
        (
            "create sole prop",
            format!(
                "{:?}",
                CreateCustomer::sole_proprietorship(
                    person(SSN9),
                    SoleProprietorship::new("B", CLASSIFICATION).ein(Ein::new(EIN).unwrap())
                )
            ),
        ),
        (
            "create business",
            format!(
                "{:?}",
                CreateCustomer::business(admin(), business(), us_controller(SSN9))
            ),
        ),
        (
            "create business, passport",
            format!(
                "{:?}",
                CreateCustomer::business(admin(), business(), passport_controller())
            ),
        ),
        (
            "upgrade personal",
            format!(
                "{:?}",
                UpdateCustomer::upgrade_to_personal(ID, person(SSN9))
            ),
        ),
        (
            "upgrade sole prop",
            format!(
                "{:?}",
                UpdateCustomer::upgrade_to_sole_proprietorship(
                    ID,
                    person(SSN9),
                    SoleProprietorship::new("B", CLASSIFICATION).ein(Ein::new(EIN).unwrap())
                )
            ),
        ),
        (
            "upgrade business",
            format!(
                "{:?}",
                UpdateCustomer::upgrade_to_business(ID, admin(), business(), us_controller(SSN9))
            ),
        ),
        (
            "retry personal",
            format!("{:?}", UpdateCustomer::retry_personal(ID, person(SSN9))),
        ),
        (
            "retry sole prop",
            format!(
                "{:?}",
                UpdateCustomer::retry_sole_proprietorship(
                    ID,
                    person(SSN9),
                    SoleProprietorship::new("B", CLASSIFICATION)
                )
            ),
        ),
        (
            "retry business",
            format!(
                "{:?}",
                UpdateCustomer::retry_business(ID, admin(), business())
            ),
        ),
        (
            "retry business with controller",
            format!(
                "{:?}",
                UpdateCustomer::retry_business_with_controller(
                    ID,
                    admin(),
                    business(),
                    us_controller(SSN9)
                )
            ),
        ),
        (
            "retry business with passport",
            format!(
                "{:?}",
                UpdateCustomer::retry_business_with_controller(
                    ID,
                    admin(),
                    business(),
                    passport_controller()
                )
            ),
        ),
        (
            "parts",
            format!(
                "{:?} {:?} {:?} {:?}",
                Ssn::new(SSN9).unwrap(),
                Ein::new(EIN).unwrap(),
                dob(),
                Passport::new(PASSPORT, "CA").unwrap()
            ),
        ),
    ];
    for (name, debug) in &forms {
        for secret in [
            SSN4,
            SSN9,
            SSN9_DIGITS,
            EIN,
            EIN_DIGITS,
            PASSPORT,
            DOB,
            "1963",
            "28",
        ] {
            assert!(!debug.contains(secret), "{name}: {secret} in {debug}");
        }
        assert!(debug.contains("redacted"), "{name}: {debug}");
    }
    // What is not secret still shows, for debugging.
    let debug = &forms[4].1;
    assert!(
        debug.contains("Controller") && debug.contains("\"CA\""),
        "{debug}"
    );
    assert_eq!(
        format!("{:?}", Ssn::new(SSN9).unwrap()),
        "Ssn(<redacted, 9 bytes>)"
    );
    assert_eq!(format!("{:?}", dob()), "DateOfBirth(<redacted, 10 bytes>)");
}

fn retrieve(response: http::Response<Bytes>) -> dwolla_core::customers::Customer {
    RetrieveCustomer::new(ID)
        .parse_response(response)
        .expect("the customer parses")
}

#[test]
fn every_customer_fixture_reads_with_its_next_step() {
    let c = retrieve(fixtures::customer_unverified());
    assert_eq!(c.id(), fixtures::UNVERIFIED_CUSTOMER_ID);
    assert_eq!(c.customer_type(), &CustomerType::Unverified);
    assert_eq!(c.status(), &CustomerStatus::Unverified);
    assert_eq!(c.business_name(), Some("Jane Corp llc"));
    assert_eq!(
        c.correlation_id(),
        Some("CID-abe2bb3d-d2ff-433b-95a3-0debd960ed25")
    );
    assert_eq!(c.next_step(), NextStep::Nothing);
    assert_eq!(c.next_step_href(), None);
    assert_eq!(
        c.funding_sources_href(),
        Some(format!("{}/customers/{}/funding-sources", fixtures::BASE, c.id()).as_str())
    );
    assert!(c.transfers_href().is_some());

    let c = retrieve(fixtures::customer_receive_only());
    assert_eq!(c.customer_type(), &CustomerType::ReceiveOnly);
    assert_eq!(c.next_step(), NextStep::Nothing);

    let c = retrieve(fixtures::customer_personal_verified());
    assert_eq!(c.id(), fixtures::CUSTOMER_ID);
    assert!(c.is_verified());
    assert_eq!(c.customer_type(), &CustomerType::Personal);
    assert_eq!(
        (
            c.address1(),
            c.address2(),
            c.city(),
            c.state(),
            c.postal_code(),
            c.phone()
        ),
        (
            Some("99-99 33rd St"),
            Some("Apt 8"),
            Some("Some City"),
            Some("NY"),
            Some("11101"),
            Some("3334447777")
        )
    );
    assert_eq!(c.next_step(), NextStep::Nothing);
    assert!(c.documents_href().is_some());

    let c = retrieve(fixtures::customer_personal_retry());
    assert_eq!(c.status(), &CustomerStatus::Retry);
    assert_eq!(c.next_step(), NextStep::RetryVerification);
    assert_eq!(c.next_step().rel(), Some("retry-verification"));
    assert_eq!(c.next_step_href(), c.self_href());

    let c = retrieve(fixtures::customer_personal_kba());
    assert_eq!(c.status(), &CustomerStatus::Kba);
    assert_eq!(c.next_step(), NextStep::Kba);
    assert_eq!(
        c.next_step_href(),
        Some(
            format!(
                "{}/customers/{}/kba",
                fixtures::BASE,
                fixtures::KBA_CUSTOMER_ID
            )
            .as_str()
        )
    );

    let c = retrieve(fixtures::customer_personal_document());
    assert_eq!(c.status(), &CustomerStatus::Document);
    assert_eq!(c.next_step(), NextStep::VerifyWithDocument);
    assert_eq!(c.next_step_href(), c.documents_href());

    let c = retrieve(fixtures::customer_sole_proprietorship());
    assert_eq!(c.customer_type(), &CustomerType::Business);
    assert_eq!(c.business_type(), Some("soleProprietorship"));
    assert!(c.controller().is_none());
    assert_eq!(c.next_step(), NextStep::Nothing);

    let c = retrieve(fixtures::customer_business());
    assert_eq!(c.business_type(), Some("llc"));
    assert_eq!(c.doing_business_as(), Some("Jane's Coffee and Sweets"));
    assert_eq!(c.website(), Some("https://www.janecorp.example.com"));
    let controller = c.controller().expect("a controller");
    assert_eq!(
        (controller.first_name(), controller.title()),
        (Some("John"), Some("CEO"))
    );
    let address = controller.address().expect("an address");
    assert_eq!(
        (address.state_province_region(), address.country()),
        (Some("IA"), Some("US"))
    );
    assert_eq!(c.next_step(), NextStep::CertifyBeneficialOwnership);
    assert!(c.beneficial_owners_href().is_some());
}

#[test]
fn next_step_follows_status_and_links() {
    let customer = |status: &str, rels: &[&str]| {
        let me = format!("https://api-sandbox.dwolla.com/customers/{ID}");
        let links: serde_json::Map<String, serde_json::Value> =
            std::iter::once(("self", me.as_str()))
                .chain(
                    rels.iter()
                        .map(|r| (*r, "https://api-sandbox.dwolla.com/x")),
                )
                .map(|(r, h)| (r.to_owned(), serde_json::json!({ "href": h })))
                .collect();
        let body = serde_json::json!({ "_links": links, "status": status }).to_string();
        RetrieveCustomer::new(ID)
            .parse_response(http::Response::new(Bytes::from(body)))
            .unwrap()
    };
    assert_eq!(
        customer("suspended", &["retry-verification"]).next_step(),
        NextStep::Suspended
    );
    assert_eq!(
        customer("deactivated", &[]).next_step(),
        NextStep::Deactivated
    );
    assert_eq!(customer("retry", &[]).next_step(), NextStep::Unknown);
    assert_eq!(customer("document", &[]).next_step(), NextStep::Unknown);
    assert_eq!(customer("brand-new", &[]).next_step(), NextStep::Unknown);
    // The sandbox's controller `retry` gives both links: the specific one wins.
    assert_eq!(
        customer("retry", &["retry-verification", "retry-with-full-ssn"]).next_step(),
        NextStep::RetryWithFullSsn
    );
    assert_eq!(
        customer(
            "document",
            &[
                "verify-with-document",
                "verify-business-with-document",
                "verify-controller-and-business-with-document"
            ]
        )
        .next_step(),
        NextStep::VerifyControllerAndBusinessWithDocument
    );
    assert_eq!(
        customer("document", &["verify-business-with-document"]).next_step(),
        NextStep::VerifyBusinessWithDocument
    );
    assert_eq!(NextStep::Suspended.rel(), None);
}

#[test]
fn duplicate_customer_points_at_the_existing_one() {
    let op = CreateCustomer::unverified(UnverifiedDetails::new("J", "D", "j@example.com"));
    let err = op
        .parse_response(fixtures::duplicate_customer())
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::DuplicateCustomer);
    assert_eq!(api.errors()[0].path(), Some("/email"));
    let existing = api.about_href().expect("the existing customer");
    assert_eq!(
        existing,
        format!(
            "{}/customers/{}",
            fixtures::BASE,
            fixtures::EXISTING_CUSTOMER_ID
        )
    );
    // It is a customer URL the retrieve operation takes as is.
    let req = try_build_sandbox(&RetrieveCustomer::new(existing)).unwrap();
    assert_eq!(
        req.uri().path(),
        format!("/customers/{}", fixtures::EXISTING_CUSTOMER_ID)
    );
}

#[test]
fn created_and_updated_read() {
    let op = CreateCustomer::personal(person(SSN4));
    let created = op.parse_response(fixtures::customer_created()).unwrap();
    assert_eq!(created.id(), fixtures::NEW_CUSTOMER_ID);
    let again = try_build_sandbox(&created.retrieve()).unwrap();
    assert_eq!(
        again.uri().path(),
        format!("/customers/{}", fixtures::NEW_CUSTOMER_ID)
    );

    let updated = UpdateCustomer::retry_personal(ID, person(SSN9))
        .parse_response(fixtures::customer_personal_document())
        .unwrap();
    assert_eq!(updated.next_step(), NextStep::VerifyWithDocument);
}

/// A parser of one operation, its output dropped.
type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;

#[test]
fn documented_errors_parse_to_their_kinds() {
    let tables: Vec<(&str, Parse, _)> = vec![
        (
            "create",
            Box::new(|r| {
                CreateCustomer::personal(person(SSN4))
                    .parse_response(r)
                    .map(|_| ())
            }),
            fixtures::documented_create_customer_errors(),
        ),
        (
            "get",
            Box::new(|r| RetrieveCustomer::new(ID).parse_response(r).map(|_| ())),
            fixtures::documented_get_customer_errors(),
        ),
        (
            "update",
            Box::new(|r| UpdateCustomer::suspend(ID).parse_response(r).map(|_| ())),
            fixtures::documented_update_customer_errors(),
        ),
        (
            "list",
            Box::new(|r| ListCustomers::new().parse_response(r).map(|_| ())),
            fixtures::documented_list_customers_errors(),
        ),
        (
            "list business classifications",
            Box::new(|r| {
                ListBusinessClassifications::new()
                    .parse_response(r)
                    .map(|_| ())
            }),
            fixtures::documented_list_business_classifications_errors(),
        ),
        (
            "retrieve business classification",
            Box::new(|r| {
                RetrieveBusinessClassification::new(ID)
                    .parse_response(r)
                    .map(|_| ())
            }),
            fixtures::documented_retrieve_business_classification_errors(),
        ),
    ];
    for (op, parse, table) in tables {
        assert_errors_parse(op, table, parse);
    }
}

#[test]
fn customers_pages_and_business_classifications_read() {
    let op = ListCustomers::new().limit(25);
    let page = op
        .parse_response(fixtures::customers_page(25, 25, 60))
        .unwrap();
    assert_eq!(page.len(), 25);
    assert_eq!(page.total(), Some(60));
    assert_eq!(page[0].id(), fixtures::page_customer_id(25));
    assert_eq!(
        page.next_href(),
        Some(format!("{}/customers?offset=50&limit=25", fixtures::BASE).as_str())
    );
    let last = op
        .parse_response(fixtures::customers_page(50, 25, 60))
        .unwrap();
    assert_eq!(last.len(), 10);
    assert_eq!(last.next_href(), None);

    let list = ListBusinessClassifications::new()
        .parse_response(fixtures::business_classifications_list())
        .unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list.total(), Some(3));
    let food = list
        .iter()
        .find(|c| c.id() == fixtures::BUSINESS_CLASSIFICATION_ID)
        .unwrap();
    assert_eq!(food.name(), Some("Food retail and service"));
    assert_eq!(
        food.industry_classifications()[0].id(),
        Some(fixtures::INDUSTRY_CLASSIFICATION_ID)
    );
    assert!(list[2].industry_classifications().is_empty());
    let one = RetrieveBusinessClassification::new(fixtures::business_classification_href(
        fixtures::BUSINESS_CLASSIFICATION_ID,
    ))
    .parse_response(fixtures::business_classification())
    .unwrap();
    assert_eq!(one.industry_classifications().len(), 2);
    assert_eq!(one.industry_classifications()[0].name(), Some("Wineries"));
}
