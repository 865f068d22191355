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
    /// `customers.documents.*` operations: upload and list a customer's identity
    /// documents (see [`crate::documents`] for what Dwolla accepts).
    ///
    /// ```
    /// use dwolla_core::documents::{CreateCustomerDocument, DocumentFile, DocumentType};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn upload_passport<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    ///     jpeg: Vec<u8>,
    /// ) -> Result<(), Error> {
    ///     let file = DocumentFile::new("passport.jpg", jpeg);
    ///     let op = CreateCustomerDocument::new(customer_id, DocumentType::Passport, file);
    ///     let created = client.customers().documents().create(op).await?;
    ///     println!("uploaded {}", created.location());
    ///     for document in client.customers().documents().list(customer_id).await?.iter() {
    ///         println!("{} {}", document.id(), document.status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// `beneficialOwners.documents.*` operations: the identity document of a
    /// beneficial owner whose verification status is `document`.
    ///
    /// ```
    /// use dwolla_core::documents::{CreateBeneficialOwnerDocument, DocumentFile, DocumentType};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn upload_license<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     owner_id: &str,
    ///     png: Vec<u8>,
    /// ) -> Result<(), Error> {
    ///     let owner = client.beneficial_owners().get(owner_id).await?;
    ///     if owner.verify_with_document_href().is_some() {
    ///         let file = DocumentFile::new("license.png", png);
    ///         let op = CreateBeneficialOwnerDocument::new(owner.id(), DocumentType::License, file);
    ///         client.beneficial_owners().documents().create(op).await?;
    ///     }
    ///     let documents = client.beneficial_owners().documents().list(owner.id()).await?;
    ///     println!("{} documents", documents.len());
    ///     Ok(())
    /// }
    /// ```
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
    /// `documents.*` operations: one document, by id or URL (what an upload
    /// returned, or a `customer_verification_document_*` event's resource).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn review<T: HttpTransport>(client: &Client<T>, document: &str) -> Result<(), Error> {
    ///     let document = client.documents().get(document).await?;
    ///     if document.is_rejected() {
    ///         println!("{} rejected: {:?}", document.id(), document.failure_reason());
    ///     } else {
    ///         println!("{} is {}", document.id(), document.status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    Documents
);

impl<T: HttpTransport> Documents<'_, T> {
    calls! {
        /// Retrieve a document (`GET /documents/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> Document = RetrieveDocument::new(id_or_url);
    }
}
