use dwolla_core::webhooks::{ListWebhookRetries, RetrieveWebhook, RetryWebhook};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("retrieve", RetrieveWebhook::new(ID)),
        sample("list retries", ListWebhookRetries::new(ID)),
        sample("retry", RetryWebhook::new(ID)),
    ]
}
