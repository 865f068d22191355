use dwolla_core::exchange_sessions::{
    CreateCustomerExchangeSession, CreateReAuthExchangeSession, RetrieveExchangeSession,
};

use super::{sample, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let partner = format!("{HREF_BASE}/exchange-partners/{ID}");
    vec![
        sample(
            "web",
            CreateCustomerExchangeSession::web(ID, partner.clone()),
        ),
        sample(
            "android",
            CreateCustomerExchangeSession::with_redirect(ID, partner.clone(), "com.example.app"),
        ),
        sample(
            "ios",
            CreateCustomerExchangeSession::with_redirect(ID, partner, "https://example.com/app"),
        ),
        sample("retrieve", RetrieveExchangeSession::new(ID)),
        sample("re-auth web", CreateReAuthExchangeSession::web(ID)),
        sample(
            "re-auth redirect",
            CreateReAuthExchangeSession::with_redirect(ID, "https://example.com/app"),
        ),
    ]
}
