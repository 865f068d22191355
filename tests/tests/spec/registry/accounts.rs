use super::Sample;

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

pub fn samples() -> Vec<Sample> {
    funding_source_samples()
}
