use super::Sample;

pub fn samples() -> Vec<Sample> {
    let mut all = funding_source_samples();
    all.extend(account_money_samples());
    all
}

// --- The account's funding sources (fundingsrc) ---

use dwolla_core::accounts::{CreateAccountFundingSource, ListAccountFundingSources};
use dwolla_core::funding_sources::{BankAccountType, Channel};

use super::{sample, HREF_BASE, ID};

fn funding_source_samples() -> Vec<Sample> {
    vec![
        sample(
            "bank",
            CreateAccountFundingSource::bank(
                "222222226",
                "123456789",
                BankAccountType::Checking,
                "My Bank",
            ),
        ),
        sample(
            "bank, wire",
            CreateAccountFundingSource::bank(
                "222222226",
                "123456789",
                BankAccountType::Savings,
                "My Bank",
            )
            .channels([Channel::Wire]),
        ),
        sample(
            "from exchange",
            CreateAccountFundingSource::from_exchange(
                format!("{HREF_BASE}/exchanges/{ID}"),
                BankAccountType::Checking,
                "My Bank",
            ),
        ),
        sample("list", ListAccountFundingSources::new(ID)),
        sample(
            "list, removed left out",
            ListAccountFundingSources::new(ID).removed(false),
        ),
    ]
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
