use dwolla_core::webhook_subscriptions::{
    CreateWebhookSubscription, DeleteWebhookSubscription, ListWebhookSubscriptions, ListWebhooks,
    RetrieveWebhookSubscription, UpdateWebhookSubscription,
};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListWebhookSubscriptions::new()),
        sample(
            "create",
            CreateWebhookSubscription::new("https://example.com/webhooks", "sshhhhhh"),
        ),
        sample("retrieve", RetrieveWebhookSubscription::new(ID)),
        sample("pause", UpdateWebhookSubscription::pause(ID)),
        sample("unpause", UpdateWebhookSubscription::unpause(ID)),
        sample("delete", DeleteWebhookSubscription::new(ID)),
        sample(
            "list webhooks",
            ListWebhooks::new(ID)
                .limit(25)
                .start_date("2024-03-01")
                .end_date("2024-03-08")
                .resource_id(ID),
        ),
    ]
}
