//! `exchangePartners.*`.

use crate::exchange_partners::{
    ExchangePartner, ExchangePartners, ListExchangePartners, RetrieveExchangePartner,
};
use crate::transport::HttpTransport;
use crate::{Client, Error};

impl<T: HttpTransport> Client<T> {
    /// `exchangePartners.*` operations.
    pub fn exchange_partners(&self) -> ExchangePartnersApi<'_, T> {
        ExchangePartnersApi { client: self }
    }
}

group!(
    /// `exchangePartners.*` operations.
    ExchangePartnersApi
);

impl<T: HttpTransport> ExchangePartnersApi<'_, T> {
    calls! {
        /// List exchange partners (`GET /exchange-partners`).
        fn list / list_with () -> ExchangePartners = ListExchangePartners;
        /// Retrieve an exchange partner (`GET /exchange-partners/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> ExchangePartner
            = RetrieveExchangePartner::new(id_or_url);
    }
    /// The active partner with this name (case-insensitive), if there is one.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<ExchangePartner>, Error> {
        Ok(self.list().await?.find_by_name(name).cloned())
    }
}
