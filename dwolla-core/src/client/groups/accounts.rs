//! `accounts.*`: the application's own account, its funding sources,
//! transfers and mass payments.

use crate::accounts::{
    Account, CreateAccountFundingSource, ListAccountFundingSources, ListAccountMassPayments,
    ListAccountTransfers, RetrieveAccount,
};
use crate::funding_sources::{FundingSource, FundingSourceCreated};
use crate::list::List;
use crate::mass_payments::MassPayment;
use crate::paging::Pages;
use crate::transfers::Transfer;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `accounts.*` operations: the application's own Dwolla account.
    pub fn accounts(&self) -> Accounts<'_, T> {
        Accounts { client: self }
    }
}

group!(
    /// `accounts.*` operations: the application's own account (its id is the API
    /// root's `account` link: [`Client::root`]), its transfers and its mass
    /// payments; its funding sources are
    /// [`accounts().funding_sources()`](Accounts::funding_sources).
    ///
    /// ```
    /// use dwolla_core::accounts::{ListAccountMassPayments, ListAccountTransfers};
    /// use dwolla_core::transfers::TransferStatus;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn activity<T: HttpTransport>(client: &Client<T>, account_id: &str) -> Result<(), Error> {
    ///     let account = client.accounts().get(account_id).await?;
    ///     println!("{}", account.name().unwrap_or("(no name)"));
    ///     let pending = ListAccountTransfers::new(account.id()).status(TransferStatus::Pending);
    ///     for transfer in client.accounts().transfers(pending).await?.iter() {
    ///         println!("{} {:?}", transfer.id(), transfer.amount());
    ///     }
    ///     let mut pages =
    ///         client.accounts().mass_payments_pages(ListAccountMassPayments::new(account.id()));
    ///     while let Some(page) = pages.next().await? {
    ///         println!("{} mass payments", page.len());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    Accounts
);

impl<'a, T: HttpTransport> Accounts<'a, T> {
    /// `accounts.fundingSources.*`.
    pub fn funding_sources(&self) -> AccountFundingSources<'a, T> {
        AccountFundingSources {
            client: self.client,
        }
    }
}

group!(
    /// `accounts.fundingSources.*` operations: the account's own banks.
    ///
    /// ```
    /// use dwolla_core::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
    /// use dwolla_core::funding_sources::BankAccountType;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn add_bank<T: HttpTransport>(client: &Client<T>, account_id: &str) -> Result<(), Error> {
    ///     let op = CreateAccountFundingSource::bank(
    ///         "222222226",
    ///         "123456789",
    ///         BankAccountType::Checking,
    ///         "Operating",
    ///     );
    ///     let created = client.accounts().funding_sources().create(op).await?;
    ///     println!("added {}", created.location());
    ///     let list = ListAccountFundingSources::new(account_id).removed(false);
    ///     for bank in client.accounts().funding_sources().list(list).await?.iter() {
    ///         println!("{} {:?} {}", bank.id(), bank.name(), bank.status());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    AccountFundingSources
);

impl<T: HttpTransport> AccountFundingSources<'_, T> {
    calls! {
        /// Create a funding source for the account (`POST /funding-sources`).
        fn create / create_with
            (request: CreateAccountFundingSource) -> FundingSourceCreated = request;
        /// List the account's funding sources (`GET /accounts/{id}/funding-sources`).
        fn list / list_with
            (request: ListAccountFundingSources) -> List<FundingSource> = request;
    }
}

// The account itself, its transfers and its mass payments.

impl<'a, T: HttpTransport> Accounts<'a, T> {
    calls! {
        /// Retrieve the account (`GET /accounts/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Account
            = RetrieveAccount::new(id_or_url);
        /// List and search the account's transfers
        /// (`GET /accounts/{id}/transfers`): one page.
        fn transfers / transfers_with (request: ListAccountTransfers) -> List<Transfer>
            = request;
        /// List the account's mass payments (`GET /accounts/{id}/mass-payments`):
        /// one page.
        fn mass_payments / mass_payments_with (request: ListAccountMassPayments)
            -> List<MassPayment> = request;
    }

    /// Every page of [`ListAccountTransfers`], walked lazily (see
    /// [`crate::paging`]).
    pub fn transfers_pages(
        &self,
        request: ListAccountTransfers,
    ) -> Pages<'a, T, ListAccountTransfers> {
        self.client.pages(request)
    }

    /// Every page of [`ListAccountMassPayments`], walked lazily.
    pub fn mass_payments_pages(
        &self,
        request: ListAccountMassPayments,
    ) -> Pages<'a, T, ListAccountMassPayments> {
        self.client.pages(request)
    }
}
