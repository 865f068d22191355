use dwolla_core::client_tokens::{ClientTokenAction, CreateClientToken};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![sample(
        "customer.update",
        CreateClientToken::new(ClientTokenAction::CustomerUpdate, ID),
    )]
}
