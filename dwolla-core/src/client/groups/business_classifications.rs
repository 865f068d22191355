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
    /// `businessClassifications.*` operations: the industry ids a business
    /// verified customer is created with (`businessClassification`).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// /// The id of `industry`, an industry classification under `classification`.
    /// async fn industry_id<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     classification: &str,
    ///     industry: &str,
    /// ) -> Result<Option<String>, Error> {
    ///     let all = client.business_classifications().list().await?;
    ///     let Some(found) = all.iter().find(|c| c.name() == Some(classification)) else {
    ///         return Ok(None);
    ///     };
    ///     let found = client.business_classifications().get(found.id()).await?;
    ///     let industry = found.industry_classifications().iter().find(|i| i.name() == Some(industry));
    ///     Ok(industry.and_then(|i| i.id()).map(str::to_owned))
    /// }
    /// ```
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
