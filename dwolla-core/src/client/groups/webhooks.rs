//! `webhooks.*`.

use crate::list::List;
use crate::transport::HttpTransport;
use crate::webhooks::{
    ListWebhookRetries, RetrieveWebhook, RetryWebhook, Webhook, WebhookRetry, WebhookRetryCreated,
};
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `webhooks.*` operations.
    pub fn webhooks(&self) -> Webhooks<'_, T> {
        Webhooks { client: self }
    }
}

group!(
    /// `webhooks.*` operations: one webhook a subscription was sent, its delivery
    /// attempts and its retries (receiving webhooks: [`crate::webhooks`]).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn redeliver<T: HttpTransport>(client: &Client<T>, webhook_id: &str) -> Result<(), Error> {
    ///     let webhook = client.webhooks().get(webhook_id).await?;
    ///     for attempt in webhook.attempts() {
    ///         println!(
    ///             "{:?} answered {:?}",
    ///             attempt.id(),
    ///             attempt.response().and_then(|r| r.status_code())
    ///         );
    ///     }
    ///     if !webhook.was_delivered() {
    ///         client.webhooks().retry(webhook.id()).await?;
    ///     }
    ///     println!("{} retries", client.webhooks().retries(webhook.id()).await?.len());
    ///     Ok(())
    /// }
    /// ```
    Webhooks
);

impl<T: HttpTransport> Webhooks<'_, T> {
    calls! {
        /// Retrieve a webhook (`GET /webhooks/{id}`) with its delivery
        /// attempts, by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> Webhook
            = RetrieveWebhook::new(id_or_url);
        /// List a webhook's retries (`GET /webhooks/{id}/retries`).
        fn retries / retries_with (webhook: impl Into<String>) -> List<WebhookRetry>
            = ListWebhookRetries::new(webhook);
        /// Retry a webhook (`POST /webhooks/{id}/retries`): deliver it again now.
        fn retry / retry_with (webhook: impl Into<String>) -> WebhookRetryCreated
            = RetryWebhook::new(webhook);
    }
}
