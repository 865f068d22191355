//! `customers.*`.

use crate::customers::{
    CreateCustomer, Customer, CustomerCreated, ListCustomers, RetrieveCustomer, UpdateCustomer,
};
use crate::list::List;
use crate::paging::Pages;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `customers.*` operations.
    pub fn customers(&self) -> Customers<'_, T> {
        Customers { client: self }
    }
}

group!(
    /// `customers.*` operations: create, retrieve, update and list customers (see
    /// [`crate::customers`]). A customer's other calls hang off this group too:
    /// `customers().funding_sources()`, `transfers()`, `documents()`, `kba()`,
    /// `beneficial_owners()`, `exchanges()`, `labels()`, ...
    ///
    /// ```
    /// use dwolla_core::customers::{CreateCustomer, ListCustomers, UnverifiedDetails};
    /// use dwolla_core::customers::{UnverifiedInfo, UpdateCustomer};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn onboard<T: HttpTransport>(client: &Client<T>) -> Result<(), Error> {
    ///     let details = UnverifiedDetails::new("Jane", "Doe", "jane@example.com");
    ///     let op = CreateCustomer::unverified(details).correlation_id("user-42");
    ///     let created = client.customers().create(op).await?;
    ///     let customer = client.customers().get(created.location()).await?;
    ///     println!("{} is {}", customer.id(), customer.status());
    ///     let info = UnverifiedInfo::new().email("jane.doe@example.com");
    ///     client.customers().update(UpdateCustomer::unverified_info(customer.id(), info)).await?;
    ///     let page = client.customers().list(ListCustomers::new().search("jane").limit(10)).await?;
    ///     println!("{} of {:?} customers", page.len(), page.total());
    ///     Ok(())
    /// }
    /// ```
    Customers
);

impl<'a, T: HttpTransport> Customers<'a, T> {
    calls! {
        /// Create a customer (`POST /customers`): receive-only, unverified,
        /// personal, sole proprietorship or business.
        fn create / create_with (request: CreateCustomer) -> CustomerCreated = request;
        /// Update a customer (`POST /customers/{id}`): information, upgrade,
        /// verification retry, suspend, deactivate, reactivate.
        fn update / update_with (request: UpdateCustomer) -> Customer = request;
        /// List and search customers (`GET /customers`): one page.
        fn list / list_with (request: ListCustomers) -> List<Customer> = request;
        /// Retrieve a customer (`GET /customers/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Customer
            = RetrieveCustomer::new(id_or_url);
    }

    /// Every page of [`ListCustomers`], walked lazily (see [`crate::paging`]).
    pub fn list_pages(&self, request: ListCustomers) -> Pages<'a, T, ListCustomers> {
        self.client.pages(request)
    }
}
