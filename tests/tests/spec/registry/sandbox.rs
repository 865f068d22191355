use dwolla_core::sandbox::SimulateBankTransferProcessing;

use super::{sample, Sample};

pub fn samples() -> Vec<Sample> {
    vec![sample(
        "process bank transfers",
        SimulateBankTransferProcessing::new(),
    )]
}
