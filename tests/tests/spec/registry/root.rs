use dwolla_core::root::RetrieveRoot;

use super::{sample, Sample};

pub fn samples() -> Vec<Sample> {
    vec![sample("root", RetrieveRoot::new())]
}
