use dwolla_core::customers::{
    AccountAdmin, BusinessDetails, BusinessInfo, BusinessType, ControllerDetails, CreateCustomer,
    DateOfBirth, Ein, InternationalAddress, ListCustomers, Passport, PersonalDetails,
    RetrieveCustomer, SoleProprietorship, Ssn, UnverifiedDetails, UnverifiedInfo, UpdateCustomer,
    UsAddress, VerifiedInfo,
};

use super::{sample, Sample, ID};

const CLASSIFICATION: &str = "9ed3f670-7d6f-11e3-b1ce-5404a6144203";

fn dob() -> DateOfBirth {
    DateOfBirth::new(1980, 9, 12).unwrap()
}

fn person(ssn: &str) -> PersonalDetails {
    PersonalDetails::new(
        "Jane",
        "Doe",
        "jane@example.com",
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
        dob(),
        Ssn::new(ssn).unwrap(),
    )
}

fn person_with_extras() -> PersonalDetails {
    PersonalDetails::new(
        "Jane",
        "Doe",
        "jane@example.com",
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101").address2("Apt 8"),
        dob(),
        Ssn::new("1234").unwrap(),
    )
    .ip_address("143.156.7.8")
    .phone("5555555555")
}

fn admin() -> AccountAdmin {
    AccountAdmin::new("Account", "Admin", "admin@example.com").ip_address("143.156.7.8")
}

fn business() -> BusinessDetails {
    BusinessDetails::new(
        "Jane Corp",
        BusinessType::Llc,
        CLASSIFICATION,
        UsAddress::new("99-99 33rd St", "Some City", "NY", "11101"),
        Ein::new("00-0000000").unwrap(),
    )
}

fn us_controller(ssn: &str) -> ControllerDetails {
    ControllerDetails::new(
        "John",
        "Controller",
        "CEO",
        dob(),
        InternationalAddress::us("1749 18th st", "Des Moines", "IA", "50266").address2("apt 12"),
        Ssn::new(ssn).unwrap(),
    )
}

fn international_controller() -> ControllerDetails {
    ControllerDetails::new(
        "John",
        "Controller",
        "CEO",
        dob(),
        InternationalAddress::new("462 Main Street", "Toronto", "ON", "CA")
            .address2("Suite 123")
            .address3("Unit 123")
            .postal_code("M5V 2T6"),
        Passport::new("JKL778379", "CA").unwrap(),
    )
}

fn sole_prop() -> SoleProprietorship {
    SoleProprietorship::new("Jane's Electronics", CLASSIFICATION)
        .ein(Ein::new("000000000").unwrap())
}

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListCustomers::new().limit(25).search("jane")),
        sample("retrieve", RetrieveCustomer::new(ID)),
        // createCustomer: every body form, with every optional member it declares.
        sample(
            "create receive-only",
            CreateCustomer::receive_only(
                UnverifiedDetails::new("Account", "Admin", "admin@example.com")
                    .business_name("Jane Corp llc")
                    .ip_address("143.156.7.8")
                    .phone("5555555555"),
            )
            .correlation_id("fc451a7a-ae30-4404-aB95-e3553fcd733"),
        ),
        sample(
            "create unverified",
            CreateCustomer::unverified(
                UnverifiedDetails::new("Account", "Admin", "admin@example.com")
                    .business_name("Jane Corp llc")
                    .ip_address("143.156.7.8")
                    .phone("5555555555"),
            )
            .correlation_id("cid-1"),
        ),
        sample(
            "create personal",
            CreateCustomer::personal(person_with_extras()).correlation_id("cid-1"),
        ),
        sample(
            "create sole proprietorship",
            CreateCustomer::sole_proprietorship(
                person_with_extras(),
                sole_prop()
                    .doing_business_as("Jane's Electronics")
                    .website("https://www.domain.com"),
            )
            .correlation_id("cid-1"),
        ),
        sample(
            "create business, US controller",
            CreateCustomer::business(
                admin().phone("5555555555"),
                business()
                    .doing_business_as("Jane's Electronics")
                    .website("https://www.domain.com"),
                us_controller("1234"),
            )
            .correlation_id("cid-1"),
        ),
        sample(
            "create business, international controller",
            CreateCustomer::business(
                admin(),
                BusinessDetails::new(
                    "Jane Corp",
                    BusinessType::Corporation,
                    CLASSIFICATION,
                    UsAddress::new("99-99 33rd St", "Some City", "NY", "11101").address2("Fl 2"),
                    Ein::new("000000000").unwrap(),
                ),
                international_controller(),
            ),
        ),
        // update: every body form. The spec's upgrade and retry schemas
        // declare fewer optional members than Dwolla's guides (no address2,
        // phone, doingBusinessAs, website): those samples leave them out.
        sample(
            "update unverified info",
            UpdateCustomer::unverified_info(
                ID,
                UnverifiedInfo::new()
                    .first_name("John")
                    .last_name("Doe")
                    .email("john@example.com")
                    .business_name("Jane Corp"),
            ),
        ),
        sample(
            "update unverified info, remove business name",
            UpdateCustomer::unverified_info(ID, UnverifiedInfo::new().remove_business_name()),
        ),
        sample(
            "update personal info",
            UpdateCustomer::personal_info(
                ID,
                VerifiedInfo::new()
                    .email("john@example.com")
                    .ip_address("10.10.10.10")
                    .address(
                        UsAddress::new("123 Main Street", "Des Moines", "IA", "50309")
                            .address2("XYZ Suite"),
                    )
                    .phone("5555555555"),
            ),
        ),
        sample(
            "update business info",
            UpdateCustomer::business_info(
                ID,
                VerifiedInfo::new().email("john@example.com"),
                BusinessInfo::new()
                    .doing_business_as("Jane's Electronics")
                    .website("https://www.domain.com"),
            ),
        ),
        sample(
            "upgrade to unverified",
            UpdateCustomer::upgrade_to_unverified(ID),
        ),
        sample(
            "upgrade to personal",
            UpdateCustomer::upgrade_to_personal(ID, person("1234").ip_address("10.10.10.10")),
        ),
        sample(
            "upgrade to sole proprietorship",
            UpdateCustomer::upgrade_to_sole_proprietorship(
                ID,
                person("6789").ip_address("143.156.7.8"),
                sole_prop(),
            ),
        ),
        sample(
            "upgrade to business",
            UpdateCustomer::upgrade_to_business(ID, admin(), business(), us_controller("6789")),
        ),
        sample(
            "retry personal",
            UpdateCustomer::retry_personal(ID, person("123456789").ip_address("10.10.10.10")),
        ),
        sample(
            "retry sole proprietorship",
            UpdateCustomer::retry_sole_proprietorship(ID, person("123-45-6789"), sole_prop()),
        ),
        sample(
            "retry business, no controller",
            UpdateCustomer::retry_business(ID, admin(), business()),
        ),
        sample(
            "retry business, controller",
            UpdateCustomer::retry_business_with_controller(
                ID,
                admin(),
                business(),
                us_controller("123456789"),
            ),
        ),
        sample(
            "retry business, international controller",
            UpdateCustomer::retry_business_with_controller(
                ID,
                admin(),
                business(),
                international_controller(),
            ),
        ),
        sample("suspend", UpdateCustomer::suspend(ID)),
        sample("deactivate", UpdateCustomer::deactivate(ID)),
        sample("reactivate", UpdateCustomer::reactivate(ID)),
    ]
}
