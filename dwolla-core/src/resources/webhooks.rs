//! Webhooks: delivered events, their attempts and retries, and verifying a webhook's signature.
//!
//! (Being typed: issue 16.)
