//! `customers.fundingSources.*`, `fundingSources.*`,
//! `fundingSources.microDeposits.*` and
//! `fundingSources.onDemandTransferAuthorizations.*`.

use super::Customers;
use crate::funding_sources::{
    CreateCustomerFundingSource, CreateOnDemandTransferAuthorization, FundingSource,
    FundingSourceBalance, FundingSourceCreated, InitiateOrVerifyMicroDeposits,
    ListCustomerFundingSources, MicroDepositDetails, MicroDeposits, OnDemandAuthorization,
    RetrieveFundingSource, RetrieveFundingSourceBalance, RetrieveMicroDeposits, RetrieveVanRouting,
    UpdateFundingSource, VanRouting,
};
use crate::list::List;
use crate::money::Amount;
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
    /// `customers.fundingSources.*` operations: add and list a customer's funding
    /// sources (see [`crate::funding_sources`]).
    ///
    /// ```
    /// use dwolla_core::funding_sources::{
    ///     BankAccountType, CreateCustomerFundingSource, ListCustomerFundingSources,
    /// };
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn add_bank<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let op = CreateCustomerFundingSource::bank(
    ///         customer_id,
    ///         "222222226",
    ///         "123456789",
    ///         BankAccountType::Checking,
    ///         "Checking",
    ///     );
    ///     let created = client.customers().funding_sources().create(op).await?;
    ///     client.funding_sources().micro_deposits().initiate(created.location()).await?;
    ///     let list = ListCustomerFundingSources::new(customer_id).removed(false);
    ///     for source in client.customers().funding_sources().list(list).await?.iter() {
    ///         println!("{} {:?} {}", source.id(), source.name(), source.status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    CustomerFundingSources
);

impl<T: HttpTransport> CustomerFundingSources<'_, T> {
    calls! {
        /// Create a customer funding source (`POST /customers/{id}/funding-sources`):
        /// a bank, a Plaid-verified bank, a bank from an exchange or a VAN.
        fn create / create_with
            (request: CreateCustomerFundingSource) -> FundingSourceCreated = request;
        /// List a customer's funding sources (`GET /customers/{id}/funding-sources`).
        fn list / list_with
            (request: ListCustomerFundingSources) -> List<FundingSource> = request;
    }
}

group!(
    /// `fundingSources.*` operations: one funding source, by id or URL; its
    /// micro-deposits are [`micro_deposits()`](FundingSources::micro_deposits).
    ///
    /// ```
    /// use dwolla_core::funding_sources::UpdateFundingSource;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn show<T: HttpTransport>(client: &Client<T>, funding_source: &str) -> Result<(), Error> {
    ///     let source = client.funding_sources().get(funding_source).await?;
    ///     println!("{} {} {}", source.id(), source.funding_source_type(), source.status());
    ///     if source.balance_href().is_some() {
    ///         let balance = client.funding_sources().balance(source.id()).await?;
    ///         println!("spendable: {:?}", balance.spendable());
    ///     }
    ///     client
    ///         .funding_sources()
    ///         .update(UpdateFundingSource::rename(source.id(), "Main checking"))
    ///         .await?;
    ///     Ok(())
    /// }
    ///
    /// async fn close<T: HttpTransport>(client: &Client<T>, funding_source: &str) -> Result<(), Error> {
    ///     client.funding_sources().remove(funding_source).await?;
    ///     Ok(())
    /// }
    /// ```
    FundingSources
);

impl<'a, T: HttpTransport> FundingSources<'a, T> {
    calls! {
        /// Retrieve a funding source (`GET /funding-sources/{id}`), by id or URL.
        fn get / get_with
            (id_or_url: impl Into<String>) -> FundingSource
            = RetrieveFundingSource::new(id_or_url);
        /// Update or remove a funding source (`POST /funding-sources/{id}`):
        /// any form of [`UpdateFundingSource`].
        fn update / update_with
            (request: UpdateFundingSource) -> FundingSource = request;
        /// Remove (soft-delete) a funding source (`POST /funding-sources/{id}`
        /// with `{"removed": true}`), by id or URL.
        fn remove / remove_with
            (id_or_url: impl Into<String>) -> FundingSource
            = UpdateFundingSource::remove(id_or_url);
        /// Retrieve a funding source's balance (`GET /funding-sources/{id}/balance`).
        fn balance / balance_with
            (id_or_url: impl Into<String>) -> FundingSourceBalance
            = RetrieveFundingSourceBalance::new(id_or_url);
        /// Retrieve a VAN's account and routing numbers
        /// (`GET /funding-sources/{id}/ach-routing`).
        fn van_routing / van_routing_with
            (id_or_url: impl Into<String>) -> VanRouting
            = RetrieveVanRouting::new(id_or_url);
    }

    /// `fundingSources.microDeposits.*`.
    pub fn micro_deposits(&self) -> MicroDepositsApi<'a, T> {
        MicroDepositsApi {
            client: self.client,
        }
    }

    /// `fundingSources.onDemandTransferAuthorizations.*`.
    pub fn on_demand_transfer_authorizations(&self) -> OnDemandTransferAuthorizations<'a, T> {
        OnDemandTransferAuthorizations {
            client: self.client,
        }
    }
}

group!(
    /// `fundingSources.microDeposits.*` operations: verify a bank with two small
    /// deposits (three wrong tries end it).
    ///
    /// ```
    /// use dwolla_core::funding_sources::MicroDeposits;
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn start<T: HttpTransport>(client: &Client<T>, funding_source: &str) -> Result<(), Error> {
    ///     client.funding_sources().micro_deposits().initiate(funding_source).await?;
    ///     Ok(())
    /// }
    ///
    /// /// Once the customer read the two amounts on their statement.
    /// async fn confirm<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     funding_source: &str,
    ///     a: &str,
    ///     b: &str,
    /// ) -> Result<bool, Error> {
    ///     let deposits = client.funding_sources().micro_deposits();
    ///     println!("micro-deposits are {}", deposits.get(funding_source).await?.status());
    ///     let outcome = deposits.verify(funding_source, Amount::usd(a)?, Amount::usd(b)?).await?;
    ///     Ok(matches!(outcome, MicroDeposits::Verified))
    /// }
    /// ```
    MicroDepositsApi
);

impl<T: HttpTransport> MicroDepositsApi<'_, T> {
    calls! {
        /// Initiate micro-deposits (`POST /funding-sources/{id}/micro-deposits`,
        /// no body): [`MicroDeposits::Initiated`].
        fn initiate / initiate_with
            (funding_source: impl Into<String>) -> MicroDeposits
            = InitiateOrVerifyMicroDeposits::initiate(funding_source);
        /// Retrieve micro-deposits' details (`GET /funding-sources/{id}/micro-deposits`).
        fn get / get_with
            (funding_source: impl Into<String>) -> MicroDepositDetails
            = RetrieveMicroDeposits::new(funding_source);
        /// Verify micro-deposits (`POST /funding-sources/{id}/micro-deposits`
        /// with the two amounts): [`MicroDeposits::Verified`] or
        /// [`MicroDeposits::TryAgainLater`].
        fn verify / verify_with
            (funding_source: impl Into<String>, amount1: Amount, amount2: Amount) -> MicroDeposits
            = InitiateOrVerifyMicroDeposits::verify(funding_source, amount1, amount2);
        /// Either form of [`InitiateOrVerifyMicroDeposits`] (with its own
        /// idempotency key, say).
        fn initiate_or_verify / initiate_or_verify_with
            (request: InitiateOrVerifyMicroDeposits) -> MicroDeposits = request;
    }
}

group!(
    /// `fundingSources.onDemandTransferAuthorizations.*` operations: the
    /// authorization a customer accepts, once, for later debits of varying
    /// amounts.
    ///
    /// ```
    /// use dwolla_core::funding_sources::{BankAccountType, CreateCustomerFundingSource};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn add_bank<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let authorization =
    ///         client.funding_sources().on_demand_transfer_authorizations().create().await?;
    ///     // Shown on the add-bank screen: its text, and a button that accepts it.
    ///     println!("{:?} [{:?}]", authorization.body_text(), authorization.button_text());
    ///     let href = authorization.self_href().unwrap_or_default();
    ///     let op = CreateCustomerFundingSource::bank(
    ///         customer_id,
    ///         "222222226",
    ///         "123456789",
    ///         BankAccountType::Checking,
    ///         "Checking",
    ///     )
    ///     .on_demand_authorization(href);
    ///     client.customers().funding_sources().create(op).await?;
    ///     Ok(())
    /// }
    /// ```
    OnDemandTransferAuthorizations
);

impl<T: HttpTransport> OnDemandTransferAuthorizations<'_, T> {
    calls! {
        /// Create an on-demand transfer authorization (`POST /on-demand-authorizations`).
        fn create / create_with () -> OnDemandAuthorization
            = CreateOnDemandTransferAuthorization::new();
    }
}
