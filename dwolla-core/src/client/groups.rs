//! Grouped calls that mirror the reference SDK (`dwolla.customers.exchangeSessions.create`
//! becomes `client.customers().exchange_sessions().create(..)`), each a thin
//! wrapper over [`Client::execute_with`].

use crate::client::{Client, RequestOptions};
use crate::error::Error;
use crate::exchange_partners::{ExchangePartner, ExchangePartners, ListExchangePartners};
use crate::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ExchangeSession,
    ExchangeSessionCreated, RetrieveExchangeSession,
};
use crate::transport::HttpTransport;

impl<T: HttpTransport> Client<T> {
    /// `customers.*` operations.
    pub fn customers(&self) -> Customers<'_, T> {
        Customers { client: self }
    }
    /// `exchangeSessions.*` operations.
    pub fn exchange_sessions(&self) -> ExchangeSessions<'_, T> {
        ExchangeSessions { client: self }
    }
    /// `exchangePartners.*` operations.
    pub fn exchange_partners(&self) -> ExchangePartnersApi<'_, T> {
        ExchangePartnersApi { client: self }
    }
    /// `exchanges.*` operations.
    pub fn exchanges(&self) -> Exchanges<'_, T> {
        Exchanges { client: self }
    }
}

/// `customers.*` operations.
#[derive(Debug)]
pub struct Customers<'a, T> {
    client: &'a Client<T>,
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> CustomerExchangeSessions<'a, T> {
        CustomerExchangeSessions {
            client: self.client,
        }
    }
}

/// `customers.exchangeSessions.*` operations.
#[derive(Debug)]
pub struct CustomerExchangeSessions<'a, T> {
    client: &'a Client<T>,
}

impl<T: HttpTransport> CustomerExchangeSessions<'_, T> {
    /// Create customer exchange session (`POST /customers/{id}/exchange-sessions`).
    pub async fn create(
        &self,
        request: CreateCustomerExchangeSession,
    ) -> Result<ExchangeSessionCreated, Error> {
        self.client.execute(request).await
    }
    /// [`create`](Self::create) with per-call options.
    pub async fn create_with(
        &self,
        request: CreateCustomerExchangeSession,
        options: RequestOptions,
    ) -> Result<ExchangeSessionCreated, Error> {
        self.client.execute_with(request, options).await
    }
}

/// `exchangeSessions.*` operations.
#[derive(Debug)]
pub struct ExchangeSessions<'a, T> {
    client: &'a Client<T>,
}

impl<T: HttpTransport> ExchangeSessions<'_, T> {
    /// Retrieve exchange session (`GET /exchange-sessions/{id}`), by id or by
    /// the `Location` URL that create returned.
    pub async fn get(&self, id_or_url: impl Into<String>) -> Result<ExchangeSession, Error> {
        self.client
            .execute(RetrieveExchangeSession::new(id_or_url))
            .await
    }
    /// [`get`](Self::get) with per-call options.
    pub async fn get_with(
        &self,
        id_or_url: impl Into<String>,
        options: RequestOptions,
    ) -> Result<ExchangeSession, Error> {
        self.client
            .execute_with(RetrieveExchangeSession::new(id_or_url), options)
            .await
    }
}

/// `exchangePartners.*` operations.
#[derive(Debug)]
pub struct ExchangePartnersApi<'a, T> {
    client: &'a Client<T>,
}

impl<T: HttpTransport> ExchangePartnersApi<'_, T> {
    /// List exchange partners (`GET /exchange-partners`).
    pub async fn list(&self) -> Result<ExchangePartners, Error> {
        self.client.execute(ListExchangePartners).await
    }
    /// The active partner with this name (case-insensitive), if there is one.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<ExchangePartner>, Error> {
        Ok(self.list().await?.find_by_name(name).cloned())
    }
}

/// `exchanges.*` operations.
#[derive(Debug)]
pub struct Exchanges<'a, T> {
    client: &'a Client<T>,
}

impl<'a, T: HttpTransport> Exchanges<'a, T> {
    /// `exchanges.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> ExchangeExchangeSessions<'a, T> {
        ExchangeExchangeSessions {
            client: self.client,
        }
    }
}

/// `exchanges.exchangeSessions.*` operations.
#[derive(Debug)]
pub struct ExchangeExchangeSessions<'a, T> {
    client: &'a Client<T>,
}

impl<T: HttpTransport> ExchangeExchangeSessions<'_, T> {
    /// Create re-authentication exchange session (`POST /exchanges/{id}/exchange-sessions`).
    pub async fn create_reauth(
        &self,
        request: CreateReAuthExchangeSession,
    ) -> Result<ExchangeSessionCreated, Error> {
        self.client.execute(request).await
    }
    /// [`create_reauth`](Self::create_reauth) with per-call options.
    pub async fn create_reauth_with(
        &self,
        request: CreateReAuthExchangeSession,
        options: RequestOptions,
    ) -> Result<ExchangeSessionCreated, Error> {
        self.client.execute_with(request, options).await
    }
}
