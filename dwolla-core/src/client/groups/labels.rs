//! `labels.*` (with `labels.ledgerEntries.*` and `labels.reallocations.*`),
//! `customers.labels.*`, `ledgerEntries.*` and `labelReallocations.*`.

use super::Customers;
use crate::labels::{
    CreateCustomerLabel, CreateLabelLedgerEntry, CreateLabelReallocation, Label, LabelCreated,
    LabelLedgerEntry, LabelReallocation, LabelReallocationCreated, LedgerEntryCreated,
    ListCustomerLabels, ListLabelLedgerEntries, RemoveLabel, RetrieveLabel,
    RetrieveLabelLedgerEntry, RetrieveLabelReallocation,
};
use crate::list::List;
use crate::paging::Pages;
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `labels.*` operations.
    pub fn labels(&self) -> Labels<'_, T> {
        Labels { client: self }
    }
    /// `ledgerEntries.*` operations (also
    /// [`labels().ledger_entries()`](Labels::ledger_entries)).
    pub fn ledger_entries(&self) -> LabelLedgerEntries<'_, T> {
        LabelLedgerEntries { client: self }
    }
    /// `labelReallocations.*` operations (also
    /// [`labels().reallocations()`](Labels::reallocations)).
    pub fn label_reallocations(&self) -> LabelReallocations<'_, T> {
        LabelReallocations { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.labels.*`.
    pub fn labels(&self) -> CustomerLabels<'a, T> {
        CustomerLabels {
            client: self.client,
        }
    }
}

group!(
    /// `customers.labels.*` operations: set part of a verified customer's balance
    /// aside (a premium feature; see [`crate::labels`]).
    ///
    /// ```
    /// use dwolla_core::labels::{CreateCustomerLabel, ListCustomerLabels};
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn set_aside<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let op = CreateCustomerLabel::new(customer_id, Amount::usd("25.00")?);
    ///     let created = client.customers().labels().create(op).await?;
    ///     println!("label {}", created.id());
    ///     let labels = client.customers().labels().list(ListCustomerLabels::new(customer_id)).await?;
    ///     for label in labels.iter() {
    ///         println!("{} {:?}", label.id(), label.amount());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    CustomerLabels
);

impl<'a, T: HttpTransport> CustomerLabels<'a, T> {
    calls! {
        /// Create a label for a verified customer (`POST /customers/{id}/labels`).
        fn create / create_with (request: CreateCustomerLabel) -> LabelCreated = request;
        /// List a customer's labels (`GET /customers/{id}/labels`): one page.
        fn list / list_with (request: ListCustomerLabels) -> List<Label> = request;
    }

    /// Every page of [`ListCustomerLabels`], walked lazily (see [`crate::paging`]).
    pub fn list_pages(&self, request: ListCustomerLabels) -> Pages<'a, T, ListCustomerLabels> {
        self.client.pages(request)
    }
}

group!(
    /// `labels.*` operations: one label, by id or URL; its ledger entries are
    /// [`ledger_entries()`](Labels::ledger_entries), moves between labels
    /// [`reallocations()`](Labels::reallocations).
    ///
    /// ```
    /// use dwolla_core::labels::ListLabelLedgerEntries;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn close_label<T: HttpTransport>(client: &Client<T>, label_id: &str) -> Result<(), Error> {
    ///     let label = client.labels().get(label_id).await?;
    ///     let entries =
    ///         client.labels().ledger_entries().list(ListLabelLedgerEntries::new(label.id())).await?;
    ///     println!("{} entries, {:?}", entries.len(), label.amount());
    ///     if label.amount().is_some_and(|a| a.cents() == 0) {
    ///         client.labels().remove(label.id()).await?; // only an empty label
    ///     }
    ///     Ok(())
    /// }
    /// ```
    Labels
);

impl<'a, T: HttpTransport> Labels<'a, T> {
    calls! {
        /// Retrieve a label (`GET /labels/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Label = RetrieveLabel::new(id_or_url);
        /// Remove a label whose amount is zero (`DELETE /labels/{id}`), by id
        /// or URL: the label as removed (see [`RemoveLabel`]).
        fn remove / remove_with (id_or_url: impl Into<String>) -> Option<Label>
            = RemoveLabel::new(id_or_url);
    }

    /// `labels.ledgerEntries.*`.
    pub fn ledger_entries(&self) -> LabelLedgerEntries<'a, T> {
        LabelLedgerEntries {
            client: self.client,
        }
    }

    /// `labels.reallocations.*`.
    pub fn reallocations(&self) -> LabelReallocations<'a, T> {
        LabelReallocations {
            client: self.client,
        }
    }
}

group!(
    /// `labels.ledgerEntries.*` operations: signed changes of a label's amount.
    ///
    /// ```
    /// use dwolla_core::labels::{CreateLabelLedgerEntry, ListLabelLedgerEntries};
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn spend<T: HttpTransport>(client: &Client<T>, label_id: &str) -> Result<(), Error> {
    ///     let op = CreateLabelLedgerEntry::new(label_id, Amount::usd_signed("-5.00")?);
    ///     let created = client.labels().ledger_entries().create(op).await?;
    ///     let entry = client.ledger_entries().get(created.location()).await?;
    ///     println!("{} {:?}", entry.id(), entry.amount());
    ///     let mut pages =
    ///         client.labels().ledger_entries().list_pages(ListLabelLedgerEntries::new(label_id));
    ///     while let Some(page) = pages.next().await? {
    ///         println!("{} entries", page.len());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    LabelLedgerEntries
);

impl<'a, T: HttpTransport> LabelLedgerEntries<'a, T> {
    calls! {
        /// Create a ledger entry (`POST /labels/{id}/ledger-entries`): a
        /// signed change of the label's amount.
        fn create / create_with (request: CreateLabelLedgerEntry) -> LedgerEntryCreated = request;
        /// List a label's ledger entries (`GET /labels/{id}/ledger-entries`): one page.
        fn list / list_with (request: ListLabelLedgerEntries) -> List<LabelLedgerEntry> = request;
        /// Retrieve a ledger entry (`GET /ledger-entries/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> LabelLedgerEntry
            = RetrieveLabelLedgerEntry::new(id_or_url);
    }

    /// Every page of [`ListLabelLedgerEntries`], walked lazily (see [`crate::paging`]).
    pub fn list_pages(
        &self,
        request: ListLabelLedgerEntries,
    ) -> Pages<'a, T, ListLabelLedgerEntries> {
        self.client.pages(request)
    }
}

group!(
    /// `labels.reallocations.*` operations: move an amount between two labels of
    /// one customer.
    ///
    /// ```
    /// use dwolla_core::labels::CreateLabelReallocation;
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn move_amount<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     from: &str,
    ///     to: &str,
    /// ) -> Result<(), Error> {
    ///     let op = CreateLabelReallocation::new(from, to, Amount::usd("10.00")?);
    ///     let created = client.label_reallocations().create(op).await?;
    ///     let reallocation = client.label_reallocations().get(created.location()).await?;
    ///     println!(
    ///         "{:?} -> {:?}",
    ///         reallocation.from_ledger_entry_href(),
    ///         reallocation.to_ledger_entry_href()
    ///     );
    ///     Ok(())
    /// }
    /// ```
    LabelReallocations
);

impl<T: HttpTransport> LabelReallocations<'_, T> {
    calls! {
        /// Move an amount between two labels (`POST /label-reallocations`).
        fn create / create_with (request: CreateLabelReallocation) -> LabelReallocationCreated
            = request;
        /// Retrieve a reallocation (`GET /label-reallocations/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> LabelReallocation
            = RetrieveLabelReallocation::new(id_or_url);
    }
}
