use dwolla_core::customers::{ListCustomers, RetrieveCustomer};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListCustomers::new().limit(25).search("jane")),
        sample("retrieve", RetrieveCustomer::new(ID)),
    ]
}
