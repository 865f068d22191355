use dwolla_core::funding_sources::{
    BankAccountType, Channel, CreateCustomerFundingSource, CreateOnDemandTransferAuthorization,
    InitiateOrVerifyMicroDeposits, ListCustomerFundingSources, RetrieveFundingSource,
    RetrieveFundingSourceBalance, RetrieveMicroDeposits, RetrieveVanRouting, UpdateFundingSource,
};
use dwolla_core::Amount;

use super::{sample, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let exchange = format!("{HREF_BASE}/exchanges/{ID}");
    let on_demand = format!("{HREF_BASE}/on-demand-authorizations/{ID}");
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
            .on_demand_authorization(on_demand.clone()),
        ),
        sample(
            "bank",
            CreateCustomerFundingSource::bank(
                ID,
                "222222226",
                "123456789",
                BankAccountType::Checking,
                "Jane Doe's Checking",
            ),
        ),
        sample(
            "bank, general ledger, on-demand, wire",
            CreateCustomerFundingSource::bank(
                ID,
                "222222226",
                "123456789",
                BankAccountType::GeneralLedger,
                "Ledger",
            )
            .on_demand_authorization(on_demand.clone())
            .channels([Channel::Wire]),
        ),
        sample(
            "plaid",
            CreateCustomerFundingSource::plaid(
                ID,
                "processor-sandbox-plaidauth-123456",
                BankAccountType::Savings,
                "Jane Doe's Savings",
            ),
        ),
        sample(
            "plaid, on-demand, wire",
            CreateCustomerFundingSource::plaid(
                ID,
                "processor-sandbox-plaidauth-123456",
                BankAccountType::Checking,
                "Checking",
            )
            .on_demand_authorization(on_demand)
            .channels([Channel::Wire]),
        ),
        sample(
            "virtual account number",
            CreateCustomerFundingSource::virtual_account(ID, "My First VAN"),
        ),
        sample("retrieve", RetrieveFundingSource::new(ID)),
        sample("list", ListCustomerFundingSources::new(ID)),
        sample(
            "list, removed left out",
            ListCustomerFundingSources::new(ID).removed(false),
        ),
        sample(
            "rename",
            UpdateFundingSource::rename(ID, "Test Checking - 1234"),
        ),
        sample(
            "bank details",
            UpdateFundingSource::rename(ID, "Checking")
                .routing_number("222222226")
                .account_number("123456789")
                .bank_account_type(BankAccountType::Savings),
        ),
        sample("remove", UpdateFundingSource::remove(ID)),
        sample(
            "verify micro-deposits",
            InitiateOrVerifyMicroDeposits::verify(ID, Amount::from_cents(2), Amount::from_cents(3)),
        ),
        sample(
            "initiate micro-deposits",
            InitiateOrVerifyMicroDeposits::initiate(ID),
        ),
        sample("micro-deposits", RetrieveMicroDeposits::new(ID)),
        sample("balance", RetrieveFundingSourceBalance::new(ID)),
        sample("van routing", RetrieveVanRouting::new(ID)),
        sample(
            "on-demand authorization",
            CreateOnDemandTransferAuthorization::new(),
        ),
    ]
}
