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
    /// `customers.exchanges.*` operations.
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
    /// `exchanges.*` operations.
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
