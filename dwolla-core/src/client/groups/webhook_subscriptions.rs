//! `webhookSubscriptions.*`, and recovering the webhooks a subscription missed.

use crate::list::List;
use crate::paging::Pages;
use crate::transport::HttpTransport;
use crate::webhook_subscriptions::{
    CreateWebhookSubscription, DeleteWebhookSubscription, ListWebhookSubscriptions, ListWebhooks,
    Recovery, RetrieveWebhookSubscription, UpdateWebhookSubscription, WebhookSubscription,
    WebhookSubscriptionCreated,
};
use crate::webhooks::Webhook;
use crate::{Client, Error, RequestOptions};

impl<T: HttpTransport> Client<T> {
    /// `webhookSubscriptions.*` operations.
    pub fn webhook_subscriptions(&self) -> WebhookSubscriptions<'_, T> {
        WebhookSubscriptions { client: self }
    }
}

group!(
    /// `webhookSubscriptions.*` operations: where Dwolla delivers webhooks (see
    /// [`crate::webhook_subscriptions`]); after a pause,
    /// [`recover`](WebhookSubscriptions::recover) retries what was missed.
    ///
    /// ```
    /// use dwolla_core::webhook_subscriptions::{CreateWebhookSubscription, ListWebhooks};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn subscribe<T: HttpTransport>(client: &Client<T>, secret: &str) -> Result<(), Error> {
    ///     let op = CreateWebhookSubscription::new("https://example.com/dwolla/webhooks", secret);
    ///     let created = client.webhook_subscriptions().create(op).await?;
    ///     let subscription = client.webhook_subscriptions().get(created.location()).await?;
    ///     println!("{:?} paused: {}", subscription.url(), subscription.is_paused());
    ///     let recent = client
    ///         .webhook_subscriptions()
    ///         .webhooks(ListWebhooks::new(subscription.id()).limit(10))
    ///         .await?;
    ///     for webhook in recent.iter() {
    ///         println!("{} {} delivered: {}", webhook.id(), webhook.topic(), webhook.was_delivered());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    WebhookSubscriptions
);

impl<'a, T: HttpTransport> WebhookSubscriptions<'a, T> {
    calls! {
        /// List webhook subscriptions (`GET /webhook-subscriptions`).
        fn list / list_with () -> List<WebhookSubscription> = ListWebhookSubscriptions::new();
        /// Create a webhook subscription (`POST /webhook-subscriptions`).
        fn create / create_with
            (request: CreateWebhookSubscription) -> WebhookSubscriptionCreated = request;
        /// Retrieve a webhook subscription (`GET /webhook-subscriptions/{id}`), by id or URL.
        fn get / get_with (id_or_url: impl Into<String>) -> WebhookSubscription
            = RetrieveWebhookSubscription::new(id_or_url);
        /// Update a webhook subscription (`POST /webhook-subscriptions/{id}`).
        fn update / update_with
            (request: UpdateWebhookSubscription) -> WebhookSubscription = request;
        /// Pause a webhook subscription: webhooks are kept, not sent.
        fn pause / pause_with (id_or_url: impl Into<String>) -> WebhookSubscription
            = UpdateWebhookSubscription::pause(id_or_url);
        /// Unpause a webhook subscription. The webhooks it missed are not
        /// sent by this: see [`recover`](Self::recover).
        fn unpause / unpause_with (id_or_url: impl Into<String>) -> WebhookSubscription
            = UpdateWebhookSubscription::unpause(id_or_url);
        /// Delete a webhook subscription (`DELETE /webhook-subscriptions/{id}`),
        /// and every webhook it kept.
        fn delete / delete_with (id_or_url: impl Into<String>) -> Option<WebhookSubscription>
            = DeleteWebhookSubscription::new(id_or_url);
        /// List the webhooks of a subscription
        /// (`GET /webhook-subscriptions/{id}/webhooks`): one page.
        fn webhooks / webhooks_with (request: ListWebhooks) -> List<Webhook> = request;
    }

    /// Every page of [`ListWebhooks`], walked lazily (see [`crate::paging`]).
    pub fn webhooks_pages(&self, request: ListWebhooks) -> Pages<'a, T, ListWebhooks> {
        self.client.pages(request)
    }

    /// Retries every webhook of `subscription` created between `since` and
    /// `until` (dates, `YYYY-MM-DD`, as Dwolla's `startDate` and `endDate`
    /// filters take them) that was never delivered: no attempt at all (the
    /// subscription was paused), or no attempt answered with a 2xx.
    ///
    /// This is Dwolla's recipe after a subscription was paused: unpausing
    /// does not send what was missed. It lists the period's webhooks (every
    /// page, before retrying any, so that retries cannot shift the pages),
    /// then retries each one in turn (`POST /webhooks/{id}/retries`). A
    /// failed retry does not stop the others: it is reported in
    /// [`Recovery::failed`]. Only a failure to list is an `Err` (then
    /// nothing was retried); bad dates are an [`Error::InvalidInput`] before
    /// any request.
    ///
    /// Webhooks are kept 30 days, so older ones cannot be recovered. A
    /// webhook Dwolla is still retrying by itself (its 72 hours of retries)
    /// is retried too: the receiver deduplicates by event id (see
    /// [`webhooks`](crate::webhooks)), so this is safe.
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn after_unpausing<T: HttpTransport>(client: &Client<T>, subscription: &str) -> Result<(), Error> {
    ///     client.webhook_subscriptions().unpause(subscription).await?;
    ///     let recovery = client
    ///         .webhook_subscriptions()
    ///         .recover(subscription, "2024-03-01", "2024-03-08")
    ///         .await?;
    ///     println!("{} webhooks, {} retried", recovery.examined(), recovery.retried().len());
    ///     for (webhook, error) in recovery.failed() {
    ///         eprintln!("could not retry {}: {error}", webhook.id());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    pub async fn recover(
        &self,
        subscription: impl Into<String>,
        since: impl Into<String>,
        until: impl Into<String>,
    ) -> Result<Recovery, Error> {
        self.recover_with(subscription, since, until, RequestOptions::default())
            .await
    }

    /// [`recover`](Self::recover) with per-call options for every request.
    pub async fn recover_with(
        &self,
        subscription: impl Into<String>,
        since: impl Into<String>,
        until: impl Into<String>,
        options: RequestOptions,
    ) -> Result<Recovery, Error> {
        let list = ListWebhooks::new(subscription)
            .start_date(since)
            .end_date(until);
        let webhooks = self
            .client
            .pages_with(list, options.clone())
            .collect_items()
            .await?;
        let examined = webhooks.len();
        let mut retried = Vec::new();
        let mut failed = Vec::new();
        for webhook in webhooks.into_iter().filter(Webhook::needs_retry) {
            // A per-webhook key: each retry is its own POST (the client
            // generates one for each unless the options carry one, which
            // would make every retry after the first a replay of it).
            let mut options = options.clone();
            options.idempotency_key = None;
            match self.client.execute_with(webhook.retry(), options).await {
                Ok(created) => retried.push((webhook, created)),
                Err(e) => {
                    tracing::warn!(webhook = webhook.id(), error = %e, "could not retry a webhook");
                    failed.push((webhook, e));
                }
            }
        }
        Ok(Recovery {
            examined,
            retried,
            failed,
        })
    }
}
