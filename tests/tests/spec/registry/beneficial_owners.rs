use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, CertifyBeneficialOwnership, CreateCustomerBeneficialOwner, DateOfBirth,
    DeleteBeneficialOwner, InternationalAddress, ListCustomerBeneficialOwners, Passport,
    RetrieveBeneficialOwner, RetrieveBeneficialOwnership, Ssn, UpdateBeneficialOwner,
};

use super::{sample, Sample, ID};

fn us() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::us(
        "John",
        "Doe",
        DateOfBirth::new(1970, 1, 1).unwrap(),
        Ssn::new("123-56-7890").unwrap(),
        InternationalAddress::us("99-99 33rd St", "Some City", "NY", "11101")
            .address2("Apt 12")
            .address3("Unit 3"),
    )
}

fn international() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::international(
        "Jane",
        "Smith",
        DateOfBirth::new(1985, 3, 15).unwrap(),
        Passport::new("12FV34567", "FR").unwrap(),
        InternationalAddress::new("12 rue de la Paix", "Paris", "Ile-de-France", "FR")
            .postal_code("75002"),
    )
}

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListCustomerBeneficialOwners::new(ID)),
        sample("create, US", CreateCustomerBeneficialOwner::new(ID, us())),
        sample(
            "create, international",
            CreateCustomerBeneficialOwner::new(ID, international()),
        ),
        sample("retrieve", RetrieveBeneficialOwner::new(ID)),
        sample("update, US", UpdateBeneficialOwner::new(ID, us())),
        sample(
            "update, international",
            UpdateBeneficialOwner::new(ID, international()),
        ),
        sample("delete", DeleteBeneficialOwner::new(ID)),
        sample("ownership", RetrieveBeneficialOwnership::new(ID)),
        sample("certify", CertifyBeneficialOwnership::new(ID)),
    ]
}
