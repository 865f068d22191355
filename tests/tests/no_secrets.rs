//! No secret reaches tracing output or `Debug`. In its own test binary so
//! that it can install a global subscriber: with a thread-local one, other
//! tests running in parallel can make tracing cache "no interest" for the
//! SDK's callsites, and spans would be silently missing.

use std::sync::{Arc, Mutex};

use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::{Client, ClientCredentials, Environment, RetryPolicy};
use dwolla_mock::time::{ManualClock, RecordingSleep};
use dwolla_mock::{fixtures, MockTransport};

const SECRET: &str = "s3cr3t-client-secret";
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";

/// A `MakeWriter` collecting everything tracing prints.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn no_secret_in_debug_or_tracing_output() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .expect("the only subscriber in this binary");

    let mock = MockTransport::with_responses([
        fixtures::token("TOKEN-VALUE-1", 3600),
        fixtures::expired_access_token(),
        fixtures::token("TOKEN-VALUE-2", 3600),
        fixtures::server_error(),
        fixtures::exchange_session_created(),
    ]);
    let clock = ManualClock::new();
    let client = Client::builder(mock.clone())
        .environment(Environment::Sandbox)
        .credentials(ClientCredentials::new("client-id", SECRET))
        .retry_policy(RetryPolicy::new())
        .sleep(RecordingSleep::new(clock.clone()))
        .clock(clock)
        .build()
        .unwrap();
    client
        .execute(CreateCustomerExchangeSession::web("c1", PARTNER))
        .await
        .unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("attempt"), "tracing saw the attempts: {log}");
    assert!(log.contains("createCustomerExchangeSession"));
    let debug = format!(
        "{:?} {:?}",
        client,
        ClientCredentials::new("client-id", SECRET)
    );
    for secret in [SECRET, "TOKEN-VALUE-1", "TOKEN-VALUE-2"] {
        assert!(!log.contains(secret), "{secret} leaked into tracing output");
        assert!(!debug.contains(secret), "{secret} leaked into Debug output");
    }
    // The Basic header is base64 of the secret: make sure that is absent too.
    let basic = mock.requests()[0]
        .header("authorization")
        .unwrap()
        .to_owned();
    assert!(!log.contains(basic.trim_start_matches("Basic ")));
}
