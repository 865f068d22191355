//! `root.*`.

use crate::root::{RetrieveRoot, Root};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `root.*` operations.
    pub fn root(&self) -> RootApi<'_, T> {
        RootApi { client: self }
    }
}

group!(
    /// `root.*` operations: the links the token can follow, the application's own
    /// account among them.
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn account_name<T: HttpTransport>(client: &Client<T>) -> Result<Option<String>, Error> {
    ///     let root = client.root().get().await?;
    ///     let Some(account_id) = root.account_id() else {
    ///         return Ok(None);
    ///     };
    ///     let account = client.accounts().get(account_id).await?;
    ///     Ok(account.name().map(str::to_owned))
    /// }
    /// ```
    RootApi
);

impl<T: HttpTransport> RootApi<'_, T> {
    calls! {
        /// Retrieve the API root (`GET /`): the links the token can follow,
        /// the account's among them ([`Root::account_id`]).
        fn get / get_with () -> Root = RetrieveRoot;
    }
}
