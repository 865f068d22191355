//! A [`Client`] over a [`MockTransport`] with fake time, in one line.

use dwolla_core::{Client, ClientBuilder, ClientCredentials, Environment};

use crate::time::{ManualClock, RecordingSleep};
use crate::MockTransport;

/// The client id [`test_client`] uses.
pub const TEST_CLIENT_ID: &str = "test-client-id";
/// The client secret [`test_client`] uses.
pub const TEST_CLIENT_SECRET: &str = "test-client-secret";

/// A client builder over `transport` for unit tests: the sandbox environment,
/// test credentials, and fake time (a [`ManualClock`] and a
/// [`RecordingSleep`] that returns at once, so backoff and timeouts never
/// wait). Change what the test needs (a retry policy, a timeout, your own
/// `RecordingSleep` to assert on) and build.
///
/// The first request the client sends is the token request: queue a
/// [`fixtures::token`](crate::fixtures::token) response first.
pub fn test_client_builder(transport: &MockTransport) -> ClientBuilder<MockTransport> {
    let clock = ManualClock::new();
    Client::builder(transport.clone())
        .environment(Environment::Sandbox)
        .credentials(ClientCredentials::new(TEST_CLIENT_ID, TEST_CLIENT_SECRET))
        .sleep(RecordingSleep::new(clock.clone()))
        .clock(clock)
}

/// [`test_client_builder`], built.
///
/// ```
/// use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
/// use dwolla_mock::{fixtures, test_client, MockTransport};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), dwolla_core::Error> {
/// let transport = MockTransport::new();
/// transport.push(fixtures::token("test-token", 3600));
/// transport.push(fixtures::exchange_session_created());
/// let client = test_client(&transport);
/// let created = client
///     .customers()
///     .exchange_sessions()
///     .create(CreateCustomerExchangeSession::web(
///         fixtures::CUSTOMER_ID,
///         fixtures::partner_href(fixtures::PLAID_PARTNER_ID),
///     ))
///     .await?;
/// assert_eq!(created.id(), fixtures::EXCHANGE_SESSION_ID);
/// assert_eq!(transport.requests()[0].uri().path(), "/token");
/// # Ok(()) }
/// ```
pub fn test_client(transport: &MockTransport) -> Client<MockTransport> {
    // Every setting above is present and valid, so building cannot fail.
    match test_client_builder(transport).build() {
        Ok(client) => client,
        Err(e) => unreachable!("the test client's settings are complete: {e}"),
    }
}
