//! `customers.exchanges.*` and `exchanges.*` (the account's own exchanges
//! among them: `accounts.exchanges.*` in the spec's grouping).

use super::Customers;
use crate::exchanges::{
    AccountExchanges, AvailableExchangeConnections, CreateAccountExchange, CreateCustomerExchange,
    CustomerExchanges, Exchange, ExchangeCreated, ListAccountExchanges,
    ListAvailableExchangeConnections, ListCustomerExchanges, RetrieveExchange,
};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `exchanges.*` operations.
    pub fn exchanges(&self) -> Exchanges<'_, T> {
        Exchanges { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.exchanges.*`.
    pub fn exchanges(&self) -> CustomerExchangesApi<'a, T> {
        CustomerExchangesApi {
            client: self.client,
        }
    }

    calls! {
        /// List available exchange connections
        /// (`GET /customers/{id}/available-exchange-connections`): the MX
        /// accounts the customer authorised.
        fn available_exchange_connections / available_exchange_connections_with
            (customer_id: impl Into<String>) -> AvailableExchangeConnections
            = ListAvailableExchangeConnections::new(customer_id);
    }
}

group!(
    /// `customers.exchanges.*` operations: a customer's bank login from the
    /// partner's token, then a verified funding source from it. (For MX,
    /// [`Customers::available_exchange_connections`] lists the accounts to pick
    /// from.)
    ///
    /// ```
    /// use dwolla_core::exchanges::CreateCustomerExchange;
    /// use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// /// After Plaid Link handed back `public_token`.
    /// async fn link_bank<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    ///     plaid_href: &str,
    ///     public_token: &str,
    /// ) -> Result<(), Error> {
    ///     let op = CreateCustomerExchange::plaid(customer_id, plaid_href, public_token);
    ///     let exchange = client.customers().exchanges().create(op).await?;
    ///     let op = CreateCustomerFundingSource::from_exchange(
    ///         customer_id,
    ///         exchange.location(),
    ///         BankAccountType::Checking,
    ///         "Checking",
    ///     );
    ///     let bank = client.customers().funding_sources().create(op).await?;
    ///     println!("{} from {}", bank.location(), exchange.location());
    ///     let exchanges = client.customers().exchanges().list(customer_id).await?;
    ///     println!("{} exchanges", exchanges.len());
    ///     Ok(())
    /// }
    /// ```
    CustomerExchangesApi
);

impl<T: HttpTransport> CustomerExchangesApi<'_, T> {
    calls! {
        /// Create an exchange for a customer (`POST /customers/{id}/exchanges`).
        fn create / create_with
            (request: CreateCustomerExchange) -> ExchangeCreated = request;
        /// List a customer's exchanges (`GET /customers/{id}/exchanges`).
        fn list / list_with
            (customer_id: impl Into<String>) -> CustomerExchanges
            = ListCustomerExchanges::new(customer_id);
    }
}

group!(
    /// `exchanges.*` operations: any exchange by id or URL, and the account's own
    /// exchanges (re-authentication is
    /// [`exchanges().exchange_sessions()`](Exchanges::exchange_sessions)).
    ///
    /// ```
    /// use dwolla_core::accounts::CreateAccountFundingSource;
    /// use dwolla_core::exchanges::CreateAccountExchange;
    /// use dwolla_core::funding_sources::BankAccountType;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn account_bank<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     partner_href: &str,
    ///     token: &str,
    /// ) -> Result<(), Error> {
    ///     let created =
    ///         client.exchanges().create(CreateAccountExchange::token(partner_href, token)).await?;
    ///     let exchange = client.exchanges().get(created.location()).await?;
    ///     println!("{} is {}", exchange.id(), exchange.status());
    ///     let op = CreateAccountFundingSource::from_exchange(
    ///         exchange.id(),
    ///         BankAccountType::Checking,
    ///         "Operating",
    ///     );
    ///     client.accounts().funding_sources().create(op).await?;
    ///     println!("{} exchanges", client.exchanges().list().await?.len());
    ///     Ok(())
    /// }
    /// ```
    Exchanges
);

impl<T: HttpTransport> Exchanges<'_, T> {
    calls! {
        /// Retrieve an exchange (`GET /exchanges/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> Exchange = RetrieveExchange::new(id_or_url);
        /// List the account's own exchanges (`GET /exchanges`).
        fn list / list_with () -> AccountExchanges = ListAccountExchanges;
        /// Create an exchange for the account itself (`POST /exchanges`).
        fn create / create_with
            (request: CreateAccountExchange) -> ExchangeCreated = request;
    }
}
