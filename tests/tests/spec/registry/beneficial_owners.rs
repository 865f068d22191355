use dwolla_core::beneficial_owners::{
    BeneficialOwnerDetails, CertifyBeneficialOwnership, CreateCustomerBeneficialOwner,
    DeleteBeneficialOwner, ListCustomerBeneficialOwners, OwnerAddress, Passport,
    RetrieveBeneficialOwner, RetrieveBeneficialOwnership, UpdateBeneficialOwner,
};

use super::{sample, Sample, ID};

fn us() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::us(
        "John",
        "Doe",
        "1970-01-01",
        "123-56-7890",
        OwnerAddress::new("99-99 33rd St", "Some City", "NY", "US")
            .address2("Apt 12")
            .address3("Unit 3")
            .postal_code("11101"),
    )
}

fn international() -> BeneficialOwnerDetails {
    BeneficialOwnerDetails::international(
        "Jane",
        "Smith",
        "1985-03-15",
        Passport::new("12FV34567", "FR"),
        OwnerAddress::new("12 rue de la Paix", "Paris", "Ile-de-France", "FR").postal_code("75002"),
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
