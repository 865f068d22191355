//! `customers.exchangeSessions.*`, `exchangeSessions.*` and
//! `exchanges.exchangeSessions.*`.

use super::{Customers, Exchanges};
use crate::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ExchangeSession,
    ExchangeSessionCreated, RetrieveExchangeSession,
};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `exchangeSessions.*` operations.
    pub fn exchange_sessions(&self) -> ExchangeSessions<'_, T> {
        ExchangeSessions { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> CustomerExchangeSessions<'a, T> {
        CustomerExchangeSessions {
            client: self.client,
        }
    }
}

impl<'a, T: HttpTransport> Exchanges<'a, T> {
    /// `exchanges.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> ExchangeExchangeSessions<'a, T> {
        ExchangeExchangeSessions {
            client: self.client,
        }
    }
}

group!(
    /// `customers.exchangeSessions.*` operations.
    CustomerExchangeSessions
);

impl<T: HttpTransport> CustomerExchangeSessions<'_, T> {
    calls! {
        /// Create customer exchange session (`POST /customers/{id}/exchange-sessions`).
        fn create / create_with
            (request: CreateCustomerExchangeSession) -> ExchangeSessionCreated = request;
    }
}

group!(
    /// `exchangeSessions.*` operations.
    ExchangeSessions
);

impl<T: HttpTransport> ExchangeSessions<'_, T> {
    calls! {
        /// Retrieve exchange session (`GET /exchange-sessions/{id}`), by id or
        /// by the `Location` URL that create returned.
        fn get / get_with
            (id_or_url: impl Into<String>) -> ExchangeSession
            = RetrieveExchangeSession::new(id_or_url);
    }
}

group!(
    /// `exchanges.exchangeSessions.*` operations.
    ExchangeExchangeSessions
);

impl<T: HttpTransport> ExchangeExchangeSessions<'_, T> {
    calls! {
        /// Create re-authentication exchange session (`POST /exchanges/{id}/exchange-sessions`).
        fn create_reauth / create_reauth_with
            (request: CreateReAuthExchangeSession) -> ExchangeSessionCreated = request;
    }
}
