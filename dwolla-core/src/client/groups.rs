//! Grouped calls that mirror the reference SDK (`dwolla.customers.exchangeSessions.create`
//! becomes `client.customers().exchange_sessions().create(..)`), each a thin
//! wrapper over [`Client::execute_with`], with a `*_with(.., options)` form
//! taking [`RequestOptions`].

use crate::client::{Client, RequestOptions};
use crate::error::Error;
use crate::exchange_partners::{ExchangePartner, ExchangePartners, ListExchangePartners};
use crate::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, ExchangeSession,
    ExchangeSessionCreated, RetrieveExchangeSession,
};
use crate::exchanges::{
    AvailableExchangeConnections, CreateCustomerExchange, CustomerExchanges, Exchange,
    ExchangeCreated, ListAvailableExchangeConnections, ListCustomerExchanges, RetrieveExchange,
};
use crate::funding_sources::{
    CreateCustomerFundingSource, FundingSource, FundingSourceCreated, RetrieveFundingSource,
};
use crate::hal::{HalRequest, HalResponse};
use crate::transport::HttpTransport;

/// One call and its `*_with(.., options)` twin: `$op` is the operation
/// built from the arguments.
macro_rules! calls {
    ($(
        $(#[$doc:meta])*
        fn $name:ident / $name_with:ident ($($arg:ident: $ty:ty),*) -> $out:ty = $op:expr;
    )+) => {$(
        $(#[$doc])*
        pub async fn $name(&self, $($arg: $ty),*) -> Result<$out, Error> {
            self.client.execute($op).await
        }
        #[doc = concat!("[`", stringify!($name), "`](Self::", stringify!($name), ") with per-call options.")]
        pub async fn $name_with(&self, $($arg: $ty,)* options: RequestOptions) -> Result<$out, Error> {
            self.client.execute_with($op, options).await
        }
    )+};
}

/// A group of calls: a borrowed client.
macro_rules! group {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name<'a, T> {
            client: &'a Client<T>,
        }
    };
}

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
    /// `fundingSources.*` operations.
    pub fn funding_sources(&self) -> FundingSources<'_, T> {
        FundingSources { client: self }
    }
    /// Any endpoint, until it is modelled ([`HalRequest`]).
    pub fn hal(&self) -> Hal<'_, T> {
        Hal { client: self }
    }
}

group!(
    /// `customers.*` operations.
    Customers
);

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> CustomerExchangeSessions<'a, T> {
        CustomerExchangeSessions {
            client: self.client,
        }
    }
    /// `customers.exchanges.*`.
    pub fn exchanges(&self) -> CustomerExchangesApi<'a, T> {
        CustomerExchangesApi {
            client: self.client,
        }
    }
    /// `customers.fundingSources.*`.
    pub fn funding_sources(&self) -> CustomerFundingSources<'a, T> {
        CustomerFundingSources {
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

group!(
    /// `exchanges.*` operations.
    Exchanges
);

impl<'a, T: HttpTransport> Exchanges<'a, T> {
    /// `exchanges.exchangeSessions.*`.
    pub fn exchange_sessions(&self) -> ExchangeExchangeSessions<'a, T> {
        ExchangeExchangeSessions {
            client: self.client,
        }
    }

    calls! {
        /// Retrieve an exchange (`GET /exchanges/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> Exchange = RetrieveExchange::new(id_or_url);
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

group!(
    /// Any endpoint, until it is modelled (see [`HalRequest`]).
    Hal
);

impl<T: HttpTransport> Hal<'_, T> {
    calls! {
        /// `GET` a path, or a URL on the configured environment.
        fn get / get_with (path_or_url: impl Into<String>) -> HalResponse
            = HalRequest::get(path_or_url);
        /// `POST` a JSON body to a path, or a URL on the configured
        /// environment (with an `Idempotency-Key`, as every POST).
        fn post / post_with (path_or_url: impl Into<String>, body: serde_json::Value) -> HalResponse
            = HalRequest::post(path_or_url, body);
        /// `DELETE` a path, or a URL on the configured environment.
        fn delete / delete_with (path_or_url: impl Into<String>) -> HalResponse
            = HalRequest::delete(path_or_url);
        /// Runs a [`HalRequest`] (e.g. one with its own idempotency key).
        fn send / send_with (request: HalRequest) -> HalResponse = request;
    }
}
