//! `customers.fundingSources.*` and `fundingSources.*`.

use super::Customers;
use crate::funding_sources::{
    CreateCustomerFundingSource, FundingSource, FundingSourceCreated, RetrieveFundingSource,
};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `fundingSources.*` operations.
    pub fn funding_sources(&self) -> FundingSources<'_, T> {
        FundingSources { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.fundingSources.*`.
    pub fn funding_sources(&self) -> CustomerFundingSources<'a, T> {
        CustomerFundingSources {
            client: self.client,
        }
    }
}

group!(
    /// `customers.fundingSources.*` operations.
    CustomerFundingSources
);

impl<T: HttpTransport> CustomerFundingSources<'_, T> {
    calls! {
        /// Create a customer funding source (`POST /customers/{id}/funding-sources`).
        fn create / create_with
            (request: CreateCustomerFundingSource) -> FundingSourceCreated = request;
    }
}

group!(
    /// `fundingSources.*` operations.
    FundingSources
);

impl<T: HttpTransport> FundingSources<'_, T> {
    calls! {
        /// Retrieve a funding source (`GET /funding-sources/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> FundingSource
            = RetrieveFundingSource::new(id_or_url);
    }
}
