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
    /// `customers.beneficialOwners.*` operations: add and list a business's
    /// beneficial owners (see [`crate::beneficial_owners`]).
    ///
    /// ```
    /// use dwolla_core::beneficial_owners::{BeneficialOwnerDetails, CreateCustomerBeneficialOwner};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn add_owner<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    ///     owner: BeneficialOwnerDetails,
    /// ) -> Result<(), Error> {
    ///     let op = CreateCustomerBeneficialOwner::new(customer_id, owner);
    ///     let created = client.customers().beneficial_owners().create(op).await?;
    ///     println!("added {}", created.location());
    ///     for owner in client.customers().beneficial_owners().list(customer_id).await?.iter() {
    ///         println!("{} {:?} {}", owner.id(), owner.last_name(), owner.verification_status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// `customers.beneficialOwnership.*` operations: certify, once every owner is
    /// added, that the list is complete (again after any change).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn certify<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let ownership = client.customers().beneficial_ownership().get(customer_id).await?;
    ///     if !ownership.is_certified() {
    ///         let ownership = client.customers().beneficial_ownership().certify(customer_id).await?;
    ///         println!("beneficial ownership is {}", ownership.status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// `beneficialOwners.*` operations: one beneficial owner, by id or URL (its
    /// documents are [`beneficial_owners().documents()`](BeneficialOwners::documents)).
    ///
    /// ```
    /// use dwolla_core::beneficial_owners::{
    ///     BeneficialOwnerDetails, BeneficialOwnerStatus, UpdateBeneficialOwner,
    /// };
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn correct<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     owner_id: &str,
    ///     corrected: BeneficialOwnerDetails,
    /// ) -> Result<(), Error> {
    ///     let owner = client.beneficial_owners().get(owner_id).await?;
    ///     if owner.verification_status() == &BeneficialOwnerStatus::Incomplete {
    ///         let owner = client
    ///             .beneficial_owners()
    ///             .update(UpdateBeneficialOwner::new(owner.id(), corrected))
    ///             .await?;
    ///         println!("{} is {}", owner.id(), owner.verification_status());
    ///     }
    ///     Ok(())
    /// }
    ///
    /// async fn remove<T: HttpTransport>(client: &Client<T>, owner_id: &str) -> Result<(), Error> {
    ///     client.beneficial_owners().delete(owner_id).await?; // then certify again
    ///     Ok(())
    /// }
    /// ```
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
