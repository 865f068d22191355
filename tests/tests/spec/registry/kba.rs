use dwolla_core::kba::{InitiateKba, KbaAnswer, RetrieveKbaQuestions, VerifyKba};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("initiate", InitiateKba::new(ID)),
        sample("questions", RetrieveKbaQuestions::new(ID)),
        sample(
            "verify",
            VerifyKba::new(
                ID,
                [
                    KbaAnswer::new("2355953375", "2687969335"),
                    KbaAnswer::new("2355953385", "2687969385"),
                    KbaAnswer::new("2355953395", "2687969435"),
                    KbaAnswer::new("2355953405", "2687969485"),
                ],
            ),
        ),
    ]
}
