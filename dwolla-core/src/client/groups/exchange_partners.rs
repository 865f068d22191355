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
    /// `exchangePartners.*` operations: the open-banking partners (their ids
    /// differ between sandbox and production: find them by name with
    /// [`find_by_name`](ExchangePartnersApi::find_by_name)).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn partners<T: HttpTransport>(client: &Client<T>, exchange_id: &str) -> Result<(), Error> {
    ///     let partners = client.exchange_partners().list().await?;
    ///     let names: Vec<&str> = partners.active().map(|p| p.name()).collect();
    ///     println!("active: {}", names.join(", "));
    ///     let exchange = client.exchanges().get(exchange_id).await?;
    ///     if let Some(href) = exchange.exchange_partner_href() {
    ///         let partner = client.exchange_partners().get(href).await?;
    ///         println!("{} goes through {}", exchange.id(), partner.name());
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// Partner ids differ between sandbox and production: resolve by name.
    ///
    /// ```
    /// use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn plaid_session<T: HttpTransport>(client: &Client<T>, customer: &str) -> Result<String, Error> {
    ///     let Some(plaid) = client.exchange_partners().find_by_name("plaid").await? else {
    ///         return Err(Error::invalid_input("exchange_partner", "Plaid is not active for this account"));
    ///     };
    ///     let op = CreateCustomerExchangeSession::web(customer, plaid.href());
    ///     let created = client.customers().exchange_sessions().create(op).await?;
    ///     Ok(created.location().to_owned())
    /// }
    /// ```
    pub async fn find_by_name(&self, name: &str) -> Result<Option<ExchangePartner>, Error> {
        Ok(self.list().await?.find_by_name(name).cloned())
    }
}
