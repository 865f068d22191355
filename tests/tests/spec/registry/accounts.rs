use super::Sample;

pub fn samples() -> Vec<Sample> {
    account_money_samples()
}

// --- The account, its transfers and mass payments (transfers) ---

fn account_money_samples() -> Vec<Sample> {
    use dwolla_core::accounts::{ListAccountMassPayments, ListAccountTransfers, RetrieveAccount};
    use dwolla_core::transfers::TransferStatus;

    use super::{sample, ID};

    vec![
        sample("retrieve", RetrieveAccount::new(ID)),
        sample(
            "transfers, filtered",
            ListAccountTransfers::new(ID)
                .search("Doe")
                .status(TransferStatus::Processed)
                .limit(50),
        ),
        sample(
            "mass payments",
            ListAccountMassPayments::new(ID)
                .correlation_id("batch-1")
                .limit(200)
                .offset(0),
        ),
    ]
}
