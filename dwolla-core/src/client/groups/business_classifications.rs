//! `businessClassifications.*`.

use crate::business_classifications::{
    BusinessClassification, ListBusinessClassifications, RetrieveBusinessClassification,
};
use crate::list::List;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `businessClassifications.*` operations.
    pub fn business_classifications(&self) -> BusinessClassifications<'_, T> {
        BusinessClassifications { client: self }
    }
}

group!(
    /// `businessClassifications.*` operations.
    BusinessClassifications
);

impl<T: HttpTransport> BusinessClassifications<'_, T> {
    calls! {
        /// List business classifications (`GET /business-classifications`).
        fn list / list_with () -> List<BusinessClassification> = ListBusinessClassifications;
        /// Retrieve a business classification (`GET /business-classifications/{id}`).
        fn get / get_with (id_or_url: impl Into<String>) -> BusinessClassification
            = RetrieveBusinessClassification::new(id_or_url);
    }
}
