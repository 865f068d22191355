//! `exchangePartners.*`.

use crate::exchange_partners::{ExchangePartner, ExchangePartners, ListExchangePartners};
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
    }
    /// The active partner with this name (case-insensitive), if there is one.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<ExchangePartner>, Error> {
        Ok(self.list().await?.find_by_name(name).cloned())
    }
}
