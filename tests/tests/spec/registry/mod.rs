//! One sample of every typed operation, for the spec tests: the operation
//! type (its `name()` must be the spec's `operationId`), built with inputs
//! that make a valid request. An operation with several request-body forms
//! appears once per form, so every body a constructor builds is checked
//! against the spec.
//!
//! One file per resource family, as the resources are laid out.

use dwolla_core::bytes::Bytes;
use dwolla_core::{AccessToken, Amount, Environment, Error, Operation};

mod accounts;
mod beneficial_owners;
mod business_classifications;
mod client_tokens;
mod customers;
mod documents;
mod events;
mod exchange_partners;
mod exchange_sessions;
mod exchanges;
mod funding_sources;
mod kba;
mod labels;
mod mass_payments;
mod root;
mod sandbox;
mod tokens;
mod transfers;
mod webhook_subscriptions;
mod webhooks;

/// Every sample, every family.
pub fn all() -> Vec<Sample> {
    [
        accounts::samples(),
        beneficial_owners::samples(),
        business_classifications::samples(),
        client_tokens::samples(),
        customers::samples(),
        documents::samples(),
        events::samples(),
        exchange_partners::samples(),
        exchange_sessions::samples(),
        exchanges::samples(),
        funding_sources::samples(),
        kba::samples(),
        labels::samples(),
        mass_payments::samples(),
        root::samples(),
        sandbox::samples(),
        tokens::samples(),
        transfers::samples(),
        webhook_subscriptions::samples(),
        webhooks::samples(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// An operation, type-erased: what the spec tests need of it.
pub struct Sample {
    /// What the sample shows (a body form, say), for messages.
    pub form: &'static str,
    op: Box<dyn Erased>,
}

impl Sample {
    pub fn name(&self) -> &'static str {
        self.op.name()
    }
    pub fn type_name(&self) -> &'static str {
        self.op.type_name()
    }
    pub fn build(&self) -> Result<http::Request<Bytes>, Error> {
        self.op
            .build(&Environment::Sandbox, &AccessToken::new("spec-test-token"))
    }
    pub fn parse(&self, response: http::Response<Bytes>) -> Result<(), Error> {
        self.op.parse(response)
    }
}

/// A sample of `op`.
pub fn sample<O: Operation + 'static>(form: &'static str, op: O) -> Sample {
    Sample {
        form,
        op: Box::new(op),
    }
}

trait Erased {
    fn name(&self) -> &'static str;
    fn type_name(&self) -> &'static str;
    fn build(&self, env: &Environment, token: &AccessToken) -> Result<http::Request<Bytes>, Error>;
    fn parse(&self, response: http::Response<Bytes>) -> Result<(), Error>;
}

impl<O: Operation> Erased for O {
    fn name(&self) -> &'static str {
        Operation::name(self)
    }
    fn type_name(&self) -> &'static str {
        std::any::type_name::<O>()
    }
    fn build(&self, env: &Environment, token: &AccessToken) -> Result<http::Request<Bytes>, Error> {
        self.build_request(env, token)
    }
    fn parse(&self, response: http::Response<Bytes>) -> Result<(), Error> {
        self.parse_response(response).map(|_| ())
    }
}

/// A USD amount from its decimal text; panics if it is not one.
pub fn usd(text: &str) -> Amount {
    Amount::usd(text).expect("a valid amount")
}

/// Ids used by the samples.
pub const ID: &str = "c41125c5-99c4-4303-a9f6-d066d28a61e3";
pub const HREF_BASE: &str = "https://api-sandbox.dwolla.com";
