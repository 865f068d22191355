//! Paging: Dwolla's lists come a page at a time, each page linking to the
//! next.
//!
//! A paged list operation (`ListCustomers`, a customer's transfers, events,
//! ...) takes `limit` and `offset` and answers one [`List`] page with
//! `_links.next` when there is more. [`Pages`] walks them lazily, one request
//! per page, through the [`Client`] (tokens, retries and timeouts apply to
//! every page), following `_links.next` exactly as Dwolla sent it rather
//! than rebuilding URLs; each page keeps its own [`skipped`](List::skipped)
//! items. [`NextPage`] is the sans-IO step, for walking pages on your own
//! HTTP stack.
//!
//! A `next` link is followed only when it is on the client's environment
//! (same scheme, host, port and base path), so the access token never goes
//! anywhere else.
//!
//! ```
//! use dwolla_core::customers::ListCustomers;
//! use dwolla_core::{Client, Error, HttpTransport};
//!
//! async fn every_customer<T: HttpTransport>(client: &Client<T>) -> Result<usize, Error> {
//!     let mut pages = client.pages(ListCustomers::new().limit(200));
//!     let mut count = 0;
//!     while let Some(page) = pages.next().await? {
//!         count += page.len();
//!         for skipped in page.skipped() {
//!             eprintln!("skipped customer at {}: {}", skipped.index(), skipped.reason());
//!         }
//!     }
//!     Ok(count)
//! }
//! ```

use bytes::Bytes;
use http::Method;

use crate::client::{Client, RequestOptions};
use crate::environment::Environment;
use crate::error::Error;
use crate::hal::url_on_environment;
use crate::list::List;
use crate::operation::Operation;
use crate::request::{hal_request, request_uri};
use crate::token::AccessToken;
use crate::transport::HttpTransport;

/// `GET` of a page's `_links.next` href, parsed as the list operation `O`
/// parses its first page.
///
/// ```
/// use dwolla_core::bytes::Bytes;
/// use dwolla_core::customers::ListCustomers;
/// use dwolla_core::paging::NextPage;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = ListCustomers::new().limit(25);
/// let body = r#"{"_links":{"next":{"href":"https://api-sandbox.dwolla.com/customers?limit=25&offset=25"}},"_embedded":{"customers":[]},"total":60}"#;
/// let page = op.parse_response(dwolla_core::http::Response::new(Bytes::from(body)))?;
/// let next = NextPage::after(&op, &page).expect("a next page");
/// let request = next.build_request(&Environment::Sandbox, &AccessToken::new("t"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/customers?limit=25&offset=25");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextPage<O> {
    op: O,
    url: String,
}

impl<O> NextPage<O> {
    /// The page at `next_href` (a `_links.next` href) of the list `op` reads.
    pub fn new(op: O, next_href: impl Into<String>) -> Self {
        NextPage {
            op,
            url: next_href.into(),
        }
    }

    /// The page after `page`, or `None` when `page` is the last.
    pub fn after<T>(op: O, page: &List<T>) -> Option<Self> {
        Some(NextPage::new(op, page.next_href()?))
    }

    /// The href it fetches.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl<O: Operation> Operation for NextPage<O> {
    type Output = O::Output;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let path = url_on_environment(env, "next", &self.url)?;
        let uri = request_uri(env, &[path])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<O::Output, Error> {
        self.op.parse_response(response)
    }

    fn name(&self) -> &'static str {
        self.op.name()
    }
}

/// A list walked page by page through a [`Client`]: see the [module
/// docs](self). Made by [`Client::pages`].
#[derive(Debug)]
pub struct Pages<'c, T, O> {
    client: &'c Client<T>,
    op: O,
    options: RequestOptions,
    state: State,
}

#[derive(Debug)]
enum State {
    First,
    Next(String),
    Done,
}

impl<'c, T: HttpTransport, O> Pages<'c, T, O> {
    pub(crate) fn new(client: &'c Client<T>, op: O, options: RequestOptions) -> Self {
        Pages {
            client,
            op,
            options,
            state: State::First,
        }
    }

    /// The next page, or `None` after the last. A failed request leaves the
    /// walk where it was: calling `next` again retries the same page.
    pub async fn next<I>(&mut self) -> Result<Option<List<I>>, Error>
    where
        O: Operation<Output = List<I>> + Send + Sync,
        I: Send,
    {
        let page = match &self.state {
            State::Done => return Ok(None),
            State::First => {
                self.client
                    .execute_with(&self.op, self.options.clone())
                    .await?
            }
            State::Next(url) => {
                self.client
                    .execute_with(NextPage::new(&self.op, url.as_str()), self.options.clone())
                    .await?
            }
        };
        self.state = match (page.next_href(), &self.state) {
            // A page that links to itself would be walked forever.
            (Some(next), State::Next(current)) if next == current => {
                tracing::warn!(url = next, "a page's next link points at itself; stopping");
                State::Done
            }
            (Some(next), _) => State::Next(next.to_owned()),
            (None, _) => State::Done,
        };
        Ok(Some(page))
    }

    /// Every usable item of every remaining page, in order (the pages'
    /// skipped items are logged by `tracing` and not returned; walk with
    /// [`next`](Self::next) to see them).
    pub async fn collect_items<I>(mut self) -> Result<Vec<I>, Error>
    where
        O: Operation<Output = List<I>> + Send + Sync,
        I: Send,
    {
        let mut items = Vec::new();
        while let Some(page) = self.next().await? {
            items.extend(page);
        }
        Ok(items)
    }
}

impl<T: HttpTransport> Client<T> {
    /// Walks the list `op` reads page by page (see [`crate::paging`]).
    pub fn pages<O>(&self, op: O) -> Pages<'_, T, O> {
        Pages::new(self, op, RequestOptions::default())
    }

    /// [`pages`](Self::pages) with per-call options for every page.
    pub fn pages_with<O>(&self, op: O, options: RequestOptions) -> Pages<'_, T, O> {
        Pages::new(self, op, options)
    }
}
