use dwolla_core::labels::{
    CreateCustomerLabel, CreateLabelLedgerEntry, CreateLabelReallocation, ListCustomerLabels,
    ListLabelLedgerEntries, RemoveLabel, RetrieveLabel, RetrieveLabelLedgerEntry,
    RetrieveLabelReallocation,
};
use dwolla_core::Amount;

use super::{sample, Sample, HREF_BASE, ID};

const OTHER: &str = "7e042ffe-e25e-40d2-b86e-748b98845ecc";

pub fn samples() -> Vec<Sample> {
    vec![
        sample(
            "create",
            CreateCustomerLabel::new(ID, Amount::from_cents(1000)),
        ),
        sample("list", ListCustomerLabels::new(ID).limit(25).offset(25)),
        sample("retrieve", RetrieveLabel::new(ID)),
        sample("remove", RemoveLabel::new(ID)),
        sample(
            "ledger entry, decrease",
            CreateLabelLedgerEntry::new(ID, Amount::from_cents(-500)),
        ),
        sample(
            "ledger entry, increase",
            CreateLabelLedgerEntry::new(ID, Amount::from_cents(500)),
        ),
        sample(
            "ledger entries",
            ListLabelLedgerEntries::new(ID).limit(10).offset(10),
        ),
        sample("ledger entry", RetrieveLabelLedgerEntry::new(ID)),
        sample(
            "reallocation",
            CreateLabelReallocation::new(
                ID,
                format!("{HREF_BASE}/labels/{OTHER}"),
                Amount::from_cents(1500),
            ),
        ),
        sample("retrieve reallocation", RetrieveLabelReallocation::new(ID)),
    ]
}
