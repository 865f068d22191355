//! `hal()`: any endpoint, through the same client.

use crate::hal::{HalRequest, HalResponse};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// Any endpoint, until it is modelled ([`HalRequest`]).
    pub fn hal(&self) -> Hal<'_, T> {
        Hal { client: self }
    }
}

group!(
    /// Any endpoint, until it is modelled (see [`HalRequest`]): follow a link, or
    /// send a JSON body, through the same client (tokens, retries, errors).
    ///
    /// ```
    /// use dwolla_core::serde_json::json;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn follow<T: HttpTransport>(client: &Client<T>, customer_id: &str) -> Result<(), Error> {
    ///     let customer = client.customers().get(customer_id).await?;
    ///     if let Some(href) = customer.links().get("funding-sources") {
    ///         let page = client.hal().get(href).await?;
    ///         println!("{:?}", page.document());
    ///     }
    ///     let body = json!({ "amount": { "currency": "USD", "value": "10.00" } });
    ///     let created = client.hal().post(format!("/customers/{}/labels", customer.id()), body).await?;
    ///     println!("created {:?}", created.location());
    ///     Ok(())
    /// }
    /// ```
    Hal
);

impl<T: HttpTransport> Hal<'_, T> {
    calls! {
        /// `GET` a path, or a URL on the configured environment.
        fn get / get_with (path_or_url: impl Into<String>) -> HalResponse
            = HalRequest::get(path_or_url);
        /// `POST` a JSON body to a path, or a URL on the configured
        /// environment (with an `Idempotency-Key`, as every POST).
        fn post / post_with (path_or_url: impl Into<String>, body: serde_json::Value) -> HalResponse
            = HalRequest::post(path_or_url, body);
        /// `DELETE` a path, or a URL on the configured environment.
        fn delete / delete_with (path_or_url: impl Into<String>) -> HalResponse
            = HalRequest::delete(path_or_url);
        /// Runs a [`HalRequest`] (e.g. one with its own idempotency key).
        fn send / send_with (request: HalRequest) -> HalResponse = request;
    }
}
