use dwolla_core::funding_sources::{
    BankAccountType, CreateCustomerFundingSource, RetrieveFundingSource,
};

use super::{sample, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let exchange = format!("{HREF_BASE}/exchanges/{ID}");
    vec![
        sample(
            "from exchange",
            CreateCustomerFundingSource::from_exchange(
                ID,
                exchange.clone(),
                BankAccountType::Checking,
                "Checking",
            ),
        ),
        sample(
            "from exchange, on-demand",
            CreateCustomerFundingSource::from_exchange(
                ID,
                exchange,
                BankAccountType::Savings,
                "Savings",
            )
            .on_demand_authorization(format!("{HREF_BASE}/on-demand-authorizations/{ID}")),
        ),
        sample("retrieve", RetrieveFundingSource::new(ID)),
    ]
}
