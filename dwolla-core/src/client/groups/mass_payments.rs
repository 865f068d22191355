//! `massPayments.*`, `massPayments.items.*` and `customers.massPayments.*`.

use super::Customers;
use crate::list::List;
use crate::mass_payments::{
    InitiateMassPayment, ListCustomerMassPayments, ListMassPaymentItems, MassPayment,
    MassPaymentCreated, MassPaymentItem, RetrieveMassPayment, RetrieveMassPaymentItem,
    UpdateMassPayment,
};
use crate::paging::Pages;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `massPayments.*` operations.
    pub fn mass_payments(&self) -> MassPayments<'_, T> {
        MassPayments { client: self }
    }

    /// `massPayments.items.get`: mass payment items by id.
    pub fn mass_payment_items(&self) -> MassPaymentItems<'_, T> {
        MassPaymentItems { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.massPayments.*`.
    pub fn mass_payments(&self) -> CustomerMassPayments<'a, T> {
        CustomerMassPayments {
            client: self.client,
        }
    }
}

group!(
    /// `massPayments.*` operations: many payments from one source in one request
    /// (see [`crate::mass_payments`]).
    ///
    /// ```
    /// use dwolla_core::mass_payments::{
    ///     InitiateMassPayment, ListMassPaymentItems, MassPaymentItemStatus, PaymentItem,
    /// };
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn payroll<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     source: &str,
    ///     payees: &[(&str, Amount)],
    /// ) -> Result<(), Error> {
    ///     let items = payees.iter().map(|(to, amount)| PaymentItem::new(*to, amount.clone())).collect();
    ///     let op = InitiateMassPayment::new(source, items).idempotency_key("payroll-2024-06");
    ///     let created = client.mass_payments().create(op).await?;
    ///     let mass_payment = client.mass_payments().get(created.location()).await?;
    ///     println!("{} is {}", mass_payment.id(), mass_payment.status());
    ///     let failed = ListMassPaymentItems::new(mass_payment.id()).status(MassPaymentItemStatus::Failed);
    ///     for item in client.mass_payments().items(failed).await?.iter() {
    ///         println!("{} failed: {:?}", item.id(), item.errors());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    MassPayments
);

impl<'a, T: HttpTransport> MassPayments<'a, T> {
    calls! {
        /// Initiate a mass payment (`POST /mass-payments`).
        fn create / create_with (request: InitiateMassPayment) -> MassPaymentCreated = request;
        /// Retrieve a mass payment (`GET /mass-payments/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> MassPayment
            = RetrieveMassPayment::new(id_or_url);
        /// Release or cancel a deferred mass payment (`POST /mass-payments/{id}`).
        fn update / update_with (request: UpdateMassPayment) -> MassPayment = request;
        /// List a mass payment's items (`GET /mass-payments/{id}/items`): one page.
        fn items / items_with (request: ListMassPaymentItems) -> List<MassPaymentItem> = request;
    }

    /// Every page of [`ListMassPaymentItems`], walked lazily (see
    /// [`crate::paging`]).
    pub fn items_pages(&self, request: ListMassPaymentItems) -> Pages<'a, T, ListMassPaymentItems> {
        self.client.pages(request)
    }
}

group!(
    /// `massPayments.items.*` operations by item id.
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn item<T: HttpTransport>(client: &Client<T>, item_id: &str) -> Result<(), Error> {
    ///     let item = client.mass_payment_items().get(item_id).await?;
    ///     match item.transfer_href() {
    ///         Some(href) => println!("paid: {}", client.transfers().get(href).await?.status()),
    ///         None => println!("{} is {}: {:?}", item.id(), item.status(), item.errors()),
    ///     }
    ///     Ok(())
    /// }
    /// ```
    MassPaymentItems
);

impl<T: HttpTransport> MassPaymentItems<'_, T> {
    calls! {
        /// Retrieve a mass payment item (`GET /mass-payment-items/{id}`).
        fn get / get_with (id_or_url: impl Into<String>) -> MassPaymentItem
            = RetrieveMassPaymentItem::new(id_or_url);
    }
}

group!(
    /// `customers.massPayments.*` operations: the mass payments a customer sent.
    ///
    /// ```
    /// use dwolla_core::mass_payments::ListCustomerMassPayments;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn batch<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    ///     batch_id: &str,
    /// ) -> Result<(), Error> {
    ///     let op = ListCustomerMassPayments::new(customer_id).correlation_id(batch_id);
    ///     for mass_payment in client.customers().mass_payments().list(op).await?.iter() {
    ///         println!("{} is {} ({:?})", mass_payment.id(), mass_payment.status(), mass_payment.total());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    CustomerMassPayments
);

impl<'a, T: HttpTransport> CustomerMassPayments<'a, T> {
    calls! {
        /// List a customer's mass payments (`GET /customers/{id}/mass-payments`):
        /// one page.
        fn list / list_with (request: ListCustomerMassPayments) -> List<MassPayment> = request;
    }

    /// Every page of [`ListCustomerMassPayments`], walked lazily.
    pub fn list_pages(
        &self,
        request: ListCustomerMassPayments,
    ) -> Pages<'a, T, ListCustomerMassPayments> {
        self.client.pages(request)
    }
}
