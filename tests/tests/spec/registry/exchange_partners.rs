use dwolla_core::exchange_partners::{ListExchangePartners, RetrieveExchangePartner};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListExchangePartners::new()),
        sample("retrieve", RetrieveExchangePartner::new(ID)),
    ]
}
