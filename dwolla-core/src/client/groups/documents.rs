//! `customers.documents.*`, `beneficialOwners.documents.*` and `documents.*`.

use super::{BeneficialOwners, Customers};
use crate::documents::{
    CreateBeneficialOwnerDocument, CreateCustomerDocument, Document, DocumentCreated,
    ListBeneficialOwnerDocuments, ListCustomerDocuments, RetrieveDocument,
};
use crate::list::List;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `documents.*` operations.
    pub fn documents(&self) -> Documents<'_, T> {
        Documents { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.documents.*`.
    pub fn documents(&self) -> CustomerDocuments<'a, T> {
        CustomerDocuments {
            client: self.client,
        }
    }
}

impl<'a, T: HttpTransport> BeneficialOwners<'a, T> {
    /// `beneficialOwners.documents.*`.
    pub fn documents(&self) -> BeneficialOwnerDocuments<'a, T> {
        BeneficialOwnerDocuments {
            client: self.client,
        }
    }
}

group!(
    /// `customers.documents.*` operations.
    CustomerDocuments
);

impl<T: HttpTransport> CustomerDocuments<'_, T> {
    calls! {
        /// List a customer's documents (`GET /customers/{id}/documents`).
        fn list / list_with
            (customer_id: impl Into<String>) -> List<Document>
            = ListCustomerDocuments::new(customer_id);
        /// Upload a document for a customer (`POST /customers/{id}/documents`,
        /// `multipart/form-data`).
        fn create / create_with
            (request: CreateCustomerDocument) -> DocumentCreated = request;
    }
}

group!(
    /// `beneficialOwners.documents.*` operations.
    BeneficialOwnerDocuments
);

impl<T: HttpTransport> BeneficialOwnerDocuments<'_, T> {
    calls! {
        /// List a beneficial owner's documents (`GET /beneficial-owners/{id}/documents`).
        fn list / list_with
            (beneficial_owner_id: impl Into<String>) -> List<Document>
            = ListBeneficialOwnerDocuments::new(beneficial_owner_id);
        /// Upload a document for a beneficial owner
        /// (`POST /beneficial-owners/{id}/documents`, `multipart/form-data`).
        fn create / create_with
            (request: CreateBeneficialOwnerDocument) -> DocumentCreated = request;
    }
}

group!(
    /// `documents.*` operations.
    Documents
);

impl<T: HttpTransport> Documents<'_, T> {
    calls! {
        /// Retrieve a document (`GET /documents/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> Document = RetrieveDocument::new(id_or_url);
    }
}
