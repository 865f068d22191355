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
    /// `root.*` operations.
    RootApi
);

impl<T: HttpTransport> RootApi<'_, T> {
    calls! {
        /// Retrieve the API root (`GET /`): the links the token can follow,
        /// the account's among them ([`Root::account_id`]).
        fn get / get_with () -> Root = RetrieveRoot;
    }
}
