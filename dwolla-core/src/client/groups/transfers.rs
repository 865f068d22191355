//! `transfers.*` and `customers.transfers.*`.

use super::Customers;
use crate::list::List;
use crate::paging::Pages;
use crate::transfers::{
    CancelTransfer, InitiateTransfer, ListCustomerTransfers, ListTransferFees, RetrieveTransfer,
    RetrieveTransferFailure, Transfer, TransferCreated, TransferFailure, TransferFees,
};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `transfers.*` operations.
    pub fn transfers(&self) -> Transfers<'_, T> {
        Transfers { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.transfers.*`.
    pub fn transfers(&self) -> CustomerTransfers<'a, T> {
        CustomerTransfers {
            client: self.client,
        }
    }
}

group!(
    /// `transfers.*` operations: move money, and follow it (see
    /// [`crate::transfers`], and its section on paying exactly once).
    ///
    /// ```
    /// use dwolla_core::transfers::{InitiateTransfer, TransferStatus};
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn pay<T: HttpTransport>(client: &Client<T>, from: &str, to: &str) -> Result<(), Error> {
    ///     let op = InitiateTransfer::new(from, to, Amount::usd("10.00")?).idempotency_key("order-42");
    ///     let created = client.transfers().create(op).await?;
    ///     let transfer = client.transfers().get(created.location()).await?;
    ///     println!("{} is {}", created.location(), transfer.status());
    ///     if transfer.status() == &TransferStatus::Failed {
    ///         let failure = client.transfers().failure(transfer.id()).await?;
    ///         println!("returned: {:?} {:?}", failure.code(), failure.description());
    ///     } else if transfer.is_cancellable() {
    ///         client.transfers().cancel(transfer.id()).await?; // the order was called off
    ///     }
    ///     Ok(())
    /// }
    /// ```
    Transfers
);

impl<T: HttpTransport> Transfers<'_, T> {
    calls! {
        /// Initiate a transfer (`POST /transfers`). Give it an idempotency key
        /// derived from your payment id ([`InitiateTransfer::idempotency_key`]).
        fn create / create_with (request: InitiateTransfer) -> TransferCreated = request;
        /// Retrieve a transfer (`GET /transfers/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Transfer
            = RetrieveTransfer::new(id_or_url);
        /// Cancel a transfer (`POST /transfers/{id}` `{"status":"cancelled"}`),
        /// by id or URL (its `cancel` link).
        fn cancel / cancel_with (id_or_url: impl Into<String>) -> Transfer
            = CancelTransfer::new(id_or_url);
        /// List a transfer's facilitator fees (`GET /transfers/{id}/fees`).
        fn fees / fees_with (id_or_url: impl Into<String>) -> TransferFees
            = ListTransferFees::new(id_or_url);
        /// Retrieve why a transfer failed (`GET /transfers/{id}/failure`).
        fn failure / failure_with (id_or_url: impl Into<String>) -> TransferFailure
            = RetrieveTransferFailure::new(id_or_url);
    }
}

group!(
    /// `customers.transfers.*` operations: search a customer's transfers.
    ///
    /// ```
    /// use dwolla_core::transfers::{Date, ListCustomerTransfers, TransferStatus};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn june_returns<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    /// ) -> Result<(), Error> {
    ///     let op = ListCustomerTransfers::new(customer_id)
    ///         .status(TransferStatus::Failed)
    ///         .start_date(Date::new(2024, 6, 1)?)
    ///         .end_date(Date::new(2024, 6, 30)?)
    ///         .limit(200);
    ///     let mut pages = client.customers().transfers().list_pages(op);
    ///     while let Some(page) = pages.next().await? {
    ///         for transfer in page.iter() {
    ///             println!("{} {:?}", transfer.id(), transfer.amount());
    ///         }
    ///     }
    ///     Ok(())
    /// }
    /// ```
    CustomerTransfers
);

impl<'a, T: HttpTransport> CustomerTransfers<'a, T> {
    calls! {
        /// List and search a customer's transfers
        /// (`GET /customers/{id}/transfers`): one page.
        fn list / list_with (request: ListCustomerTransfers) -> List<Transfer> = request;
    }

    /// Every page of [`ListCustomerTransfers`], walked lazily (see
    /// [`crate::paging`]).
    pub fn list_pages(
        &self,
        request: ListCustomerTransfers,
    ) -> Pages<'a, T, ListCustomerTransfers> {
        self.client.pages(request)
    }
}
