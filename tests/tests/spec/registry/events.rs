use dwolla_core::events::{ListEvents, RetrieveEvent};

use super::{sample, Sample, ID};

pub fn samples() -> Vec<Sample> {
    vec![
        sample("list", ListEvents::new().limit(25).offset(50)),
        sample("retrieve", RetrieveEvent::new(ID)),
    ]
}
