//! Accounts: the application's own Dwolla account, its funding sources, transfers and mass payments.
//!
//! (Being typed: issue 15.)

// --- The account, its transfers and mass payments (transfers) ---

#[doc(inline)]
pub use self::account_money::*;

/// The account itself, its transfers and its mass payments (kept in a module
/// of their own so this file's funding-source half stays apart).
mod account_money {
    use bytes::Bytes;
    use http::Method;

    use crate::environment::Environment;
    use crate::error::Error;
    use crate::list::List;
    use crate::mass_payments::{mass_payment_search_methods, MassPayment, MassPaymentSearch};
    use crate::model::model;
    use crate::operation::Operation;
    use crate::request::{hal_request, id_segment, request_uri};
    use crate::response;
    use crate::retrieve::{resource, Retrieve};
    use crate::token::AccessToken;
    use crate::transfers::{transfer_search_methods, Transfer, TransferSearch};

    /// `GET /accounts/{id}`: the application's own Dwolla account (the
    /// "main" or "master" account), by id or URL. Its id is in the API
    /// root's `account` link.
    ///
    /// ```
    /// use dwolla_core::accounts::RetrieveAccount;
    /// use dwolla_core::{AccessToken, Environment, Operation};
    ///
    /// # fn main() -> Result<(), dwolla_core::Error> {
    /// let request = RetrieveAccount::new("ca32853c-48fa-40be-ae75-77b37504581b")
    ///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
    /// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/accounts/ca32853c-48fa-40be-ae75-77b37504581b");
    /// # Ok(()) }
    /// ```
    ///
    /// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden) ("Not
    /// authorized to retrieve an Account by id."),
    /// [`NotFound`](crate::ApiErrorKind::NotFound).
    pub type RetrieveAccount = Retrieve<Account>;

    model! {
        /// The application's Dwolla account.
        pub struct Account (WireAccount) resource "account" {
            /// `name`.
            name: text = "name",
            /// `timezoneOffset` as sent (a number of hours, e.g. `-6`); see
            /// [`timezone_offset_hours`](Account::timezone_offset_hours).
            timezone_offset: raw = "timezoneOffset",
            /// `type`, e.g. `Commercial`.
            account_type: text = "type",
        }
    }

    resource!(Account, "accounts", "getAccount", "account_id");

    impl Account {
        /// `timezoneOffset` in hours, if it is a number.
        pub fn timezone_offset_hours(&self) -> Option<f64> {
            self.timezone_offset()?.as_f64()
        }
        /// `_links.funding-sources`: its funding sources.
        pub fn funding_sources_href(&self) -> Option<&str> {
            self.links().get("funding-sources")
        }
        /// `_links.transfers`: its transfers ([`ListAccountTransfers`]).
        pub fn transfers_href(&self) -> Option<&str> {
            self.links().get("transfers")
        }
        /// `_links.customers`: the customers it manages.
        pub fn customers_href(&self) -> Option<&str> {
            self.links().get("customers")
        }
        /// `_links.mass-payments`, when Dwolla sends it
        /// ([`ListAccountMassPayments`]).
        pub fn mass_payments_href(&self) -> Option<&str> {
            self.links().get("mass-payments")
        }
    }

    /// `GET /accounts/{id}/transfers`: the account's transfers, newest
    /// first, a page at a time (25 by default, at most
    /// [`transfers::MAX_PAGE_SIZE`](crate::transfers::MAX_PAGE_SIZE)),
    /// searched and filtered exactly as a customer's
    /// ([`ListCustomerTransfers`](crate::transfers::ListCustomerTransfers)).
    /// Walk every page with [`Client::pages`](crate::Client::pages).
    ///
    /// `limit` and `offset` reach only the first 10,000 transfers of a
    /// search: to go further back, set [`end_date`](Self::end_date) to the
    /// date of the 10,000th and search again.
    ///
    /// ```
    /// use dwolla_core::accounts::ListAccountTransfers;
    /// use dwolla_core::transfers::{Date, TransferStatus};
    /// use dwolla_core::{AccessToken, Environment, Operation};
    ///
    /// # fn main() -> Result<(), dwolla_core::Error> {
    /// let op = ListAccountTransfers::new("62e88a41-f5d0-4a79-90b3-188cf11a3966")
    ///     .search("Doe")
    ///     .end_date(Date::new(2021, 1, 1)?)
    ///     .status(TransferStatus::Processed);
    /// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
    /// assert_eq!(
    ///     request.uri(),
    ///     "https://api-sandbox.dwolla.com/accounts/62e88a41-f5d0-4a79-90b3-188cf11a3966/transfers?search=Doe&endDate=2021-01-01&status=processed"
    /// );
    /// # Ok(()) }
    /// ```
    ///
    /// Errors to expect: [`NotFound`](crate::ApiErrorKind::NotFound)
    /// ("Account not found.").
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ListAccountTransfers {
        account_id: String,
        search: TransferSearch,
    }

    impl ListAccountTransfers {
        /// The first page of the transfers of the account with this id or URL.
        pub fn new(account_id: impl Into<String>) -> Self {
            ListAccountTransfers {
                account_id: account_id.into(),
                search: TransferSearch::default(),
            }
        }

        transfer_search_methods!();
    }

    impl Operation for ListAccountTransfers {
        type Output = List<Transfer>;

        fn build_request(
            &self,
            env: &Environment,
            token: &AccessToken,
        ) -> Result<http::Request<Bytes>, Error> {
            let id = id_segment("account_id", &self.account_id, "accounts")?;
            let query = self.search.query()?;
            let uri = request_uri(env, &["/accounts/", &id, "/transfers", query.as_str()])?;
            hal_request(Method::GET, uri, token, None, None)
        }

        /// A transfer without an id (or `self` link) is skipped.
        fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Transfer>, Error> {
            response::list_of(response, "transfers")
        }

        fn name(&self) -> &'static str {
            "listAndSearchTransfers"
        }
    }

    /// `GET /accounts/{id}/mass-payments`: the account's mass payments,
    /// newest first, a page at a time (`limit` 1 to 200, 25 by default),
    /// optionally by correlation id.
    ///
    /// ```
    /// use dwolla_core::accounts::ListAccountMassPayments;
    /// use dwolla_core::{AccessToken, Environment, Operation};
    ///
    /// # fn main() -> Result<(), dwolla_core::Error> {
    /// let op = ListAccountMassPayments::new("ca32853c-48fa-40be-ae75-77b37504581b").limit(10);
    /// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
    /// assert_eq!(
    ///     request.uri(),
    ///     "https://api-sandbox.dwolla.com/accounts/ca32853c-48fa-40be-ae75-77b37504581b/mass-payments?limit=10"
    /// );
    /// # Ok(()) }
    /// ```
    ///
    /// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden),
    /// [`NotFound`](crate::ApiErrorKind::NotFound).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ListAccountMassPayments {
        account_id: String,
        search: MassPaymentSearch,
    }

    impl ListAccountMassPayments {
        /// The first page of the mass payments of the account with this id
        /// or URL.
        pub fn new(account_id: impl Into<String>) -> Self {
            ListAccountMassPayments {
                account_id: account_id.into(),
                search: MassPaymentSearch::default(),
            }
        }

        mass_payment_search_methods!();
    }

    impl Operation for ListAccountMassPayments {
        type Output = List<MassPayment>;

        fn build_request(
            &self,
            env: &Environment,
            token: &AccessToken,
        ) -> Result<http::Request<Bytes>, Error> {
            let id = id_segment("account_id", &self.account_id, "accounts")?;
            let query = self.search.query()?;
            let uri = request_uri(env, &["/accounts/", &id, "/mass-payments", query.as_str()])?;
            hal_request(Method::GET, uri, token, None, None)
        }

        /// A mass payment without an id (or `self` link) is skipped.
        fn parse_response(
            &self,
            response: http::Response<Bytes>,
        ) -> Result<List<MassPayment>, Error> {
            response::list_of(response, "mass-payments")
        }

        fn name(&self) -> &'static str {
            "listMassPayments"
        }
    }
}
