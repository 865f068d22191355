use dwolla_core::business_classifications::{
    ListBusinessClassifications, RetrieveBusinessClassification,
};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListBusinessClassifications::new()),
        sample("retrieve", RetrieveBusinessClassification::new(ID)),
    ]
}
