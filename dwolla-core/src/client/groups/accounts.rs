//! Grouped calls of [`crate::accounts`] (being typed).

// --- The account's funding sources (fundingsrc) ---
//
// `accounts()` and the `Accounts` group are declared here, at the top: the
// account's other calls (transfers, mass payments, getAccount) extend them.

use crate::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
use crate::funding_sources::{FundingSource, FundingSourceCreated};
use crate::list::List;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `accounts.*` operations: the application's own Dwolla account.
    pub fn accounts(&self) -> Accounts<'_, T> {
        Accounts { client: self }
    }
}

group!(
    /// `accounts.*` operations.
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
    /// `accounts.fundingSources.*` operations.
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
