use dwolla_core::token::CreateApplicationAccessToken;
use dwolla_core::ClientCredentials;

use super::{sample, Sample};

pub fn samples() -> Vec<Sample> {
    vec![sample(
        "client credentials",
        CreateApplicationAccessToken::new(ClientCredentials::new("client-id", "client-secret")),
    )]
}
