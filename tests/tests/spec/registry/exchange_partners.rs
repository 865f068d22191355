use dwolla_core::exchange_partners::ListExchangePartners;

use super::{sample, Sample};

pub fn samples() -> Vec<Sample> {
    vec![sample("list", ListExchangePartners::new())]
}
