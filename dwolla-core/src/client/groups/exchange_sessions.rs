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
    /// `customers.exchangeSessions.*` operations: start open-banking verification
    /// for a customer (the flow: [`crate::exchanges`]).
    ///
    /// ```
    /// use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, ProviderSession};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn start_plaid<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let Some(plaid) = client.exchange_partners().find_by_name("plaid").await? else {
    ///         return Err(Error::invalid_input("exchange_partner", "Plaid is not active"));
    ///     };
    ///     let op = CreateCustomerExchangeSession::web(customer_id, plaid.href());
    ///     let created = client.customers().exchange_sessions().create(op).await?;
    ///     let session = client.exchange_sessions().get(created.location()).await?;
    ///     if let Some(ProviderSession::PlaidLinkToken(token)) = session.provider_session() {
    ///         println!("open Plaid Link with {token}");
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// `exchangeSessions.*` operations: a session, by id or by the URL its create
    /// returned, for what the front end opens.
    ///
    /// ```
    /// use dwolla_core::exchange_sessions::ProviderSession;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn front_end<T: HttpTransport>(client: &Client<T>, session: &str) -> Result<(), Error> {
    ///     let session = client.exchange_sessions().get(session).await?;
    ///     match session.provider_session() {
    ///         Some(ProviderSession::PlaidLinkToken(token)) => println!("Plaid Link token: {token}"),
    ///         Some(ProviderSession::MxConnectUrl(url)) => println!("MX Connect: {url}"),
    ///         _ => println!("nothing to open"),
    ///     }
    ///     Ok(())
    /// }
    /// ```
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
    /// `exchanges.exchangeSessions.*` operations: re-authentication when a bank
    /// login changed (a call failed with
    /// [`UpdateCredentials`](crate::ApiErrorKind::UpdateCredentials):
    /// [`CreateReAuthExchangeSession::from_update_credentials`] builds the
    /// operation from the error).
    ///
    /// ```
    /// use dwolla_core::exchange_sessions::CreateReAuthExchangeSession;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn reauthenticate<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     exchange_id: &str,
    /// ) -> Result<(), Error> {
    ///     let op = CreateReAuthExchangeSession::web(exchange_id);
    ///     let created = client.exchanges().exchange_sessions().create_reauth(op).await?;
    ///     let session = client.exchange_sessions().get(created.location()).await?;
    ///     println!("open {:?} again", session.provider_session());
    ///     Ok(())
    /// }
    /// ```
    ExchangeExchangeSessions
);

impl<T: HttpTransport> ExchangeExchangeSessions<'_, T> {
    calls! {
        /// Create re-authentication exchange session (`POST /exchanges/{id}/exchange-sessions`).
        fn create_reauth / create_reauth_with
            (request: CreateReAuthExchangeSession) -> ExchangeSessionCreated = request;
    }
}
