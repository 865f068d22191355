use dwolla_core::exchanges::{
    CreateAccountExchange, CreateCustomerExchange, FinicityProduct, FinicityReceipt,
    ListAccountExchanges, ListAvailableExchangeConnections, ListCustomerExchanges,
    RetrieveExchange,
};

use super::{sample, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let partner = format!("{HREF_BASE}/exchange-partners/{ID}");
    let receipt = FinicityReceipt::new(
        "cr_4N47ou7SlppuIxq0ZUtACh10vYcloY",
        "5454874858510164117",
        2445583946651,
    )
    .profile(3)
    .version("1")
    .receipt_version("1")
    .product(
        FinicityProduct::new("moneyTransferDetails", "1015199035827334916").access_period(
            "timeframe",
            "2022-07-06",
            "2022-08-16T06:06:20Z",
        ),
    )
    .timestamp("2022-07-11T06:06:23Z");
    vec![
        sample(
            "plaid",
            CreateCustomerExchange::plaid(ID, partner.clone(), "public-sandbox-x"),
        ),
        sample(
            "mx",
            CreateCustomerExchange::mx(ID, partner.clone(), "connection-token"),
        ),
        sample(
            "token",
            CreateCustomerExchange::token(ID, partner.clone(), "processor-token"),
        ),
        sample(
            "finicity",
            CreateCustomerExchange::finicity(ID, partner.clone(), receipt.clone()),
        ),
        sample(
            "account, token",
            CreateAccountExchange::token(partner.clone(), "sandbox-token-abc123"),
        ),
        sample(
            "account, finicity",
            CreateAccountExchange::finicity(partner, receipt),
        ),
        sample("account list", ListAccountExchanges::new()),
        sample("list", ListCustomerExchanges::new(ID)),
        sample("retrieve", RetrieveExchange::new(ID)),
        sample(
            "available connections",
            ListAvailableExchangeConnections::new(ID),
        ),
    ]
}
