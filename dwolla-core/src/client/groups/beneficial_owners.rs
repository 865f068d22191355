//! `customers.beneficialOwners.*`, `customers.beneficialOwnership.*` and
//! `beneficialOwners.*`.

use super::Customers;
use crate::beneficial_owners::{
    BeneficialOwner, BeneficialOwnerCreated, BeneficialOwnerRemoved, BeneficialOwnership,
    CertifyBeneficialOwnership, CreateCustomerBeneficialOwner, DeleteBeneficialOwner,
    ListCustomerBeneficialOwners, RetrieveBeneficialOwner, RetrieveBeneficialOwnership,
    UpdateBeneficialOwner,
};
use crate::list::List;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `beneficialOwners.*` operations.
    pub fn beneficial_owners(&self) -> BeneficialOwners<'_, T> {
        BeneficialOwners { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.beneficialOwners.*`.
    pub fn beneficial_owners(&self) -> CustomerBeneficialOwners<'a, T> {
        CustomerBeneficialOwners {
            client: self.client,
        }
    }

    /// `customers.beneficialOwnership.*`.
    pub fn beneficial_ownership(&self) -> CustomerBeneficialOwnership<'a, T> {
        CustomerBeneficialOwnership {
            client: self.client,
        }
    }
}

group!(
    /// `customers.beneficialOwners.*` operations.
    CustomerBeneficialOwners
);

impl<T: HttpTransport> CustomerBeneficialOwners<'_, T> {
    calls! {
        /// List a customer's beneficial owners (`GET /customers/{id}/beneficial-owners`).
        fn list / list_with
            (customer_id: impl Into<String>) -> List<BeneficialOwner>
            = ListCustomerBeneficialOwners::new(customer_id);
        /// Create a beneficial owner (`POST /customers/{id}/beneficial-owners`).
        fn create / create_with
            (request: CreateCustomerBeneficialOwner) -> BeneficialOwnerCreated = request;
    }
}

group!(
    /// `customers.beneficialOwnership.*` operations.
    CustomerBeneficialOwnership
);

impl<T: HttpTransport> CustomerBeneficialOwnership<'_, T> {
    calls! {
        /// Retrieve the beneficial ownership status
        /// (`GET /customers/{id}/beneficial-ownership`).
        fn get / get_with
            (customer_id: impl Into<String>) -> BeneficialOwnership
            = RetrieveBeneficialOwnership::new(customer_id);
        /// Certify beneficial ownership
        /// (`POST /customers/{id}/beneficial-ownership`, `{"status":"certified"}`).
        fn certify / certify_with
            (customer_id: impl Into<String>) -> BeneficialOwnership
            = CertifyBeneficialOwnership::new(customer_id);
    }
}

group!(
    /// `beneficialOwners.*` operations.
    BeneficialOwners
);

impl<'a, T: HttpTransport> BeneficialOwners<'a, T> {
    calls! {
        /// Retrieve a beneficial owner (`GET /beneficial-owners/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> BeneficialOwner
            = RetrieveBeneficialOwner::new(id_or_url);
        /// Update a beneficial owner (`POST /beneficial-owners/{id}`).
        fn update / update_with
            (request: UpdateBeneficialOwner) -> BeneficialOwner = request;
        /// Remove a beneficial owner (`DELETE /beneficial-owners/{id}`).
        fn delete / delete_with
            (id_or_url: impl Into<String>) -> BeneficialOwnerRemoved
            = DeleteBeneficialOwner::new(id_or_url);
    }
}
