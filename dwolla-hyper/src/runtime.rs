//! Tokio's sleep and the system clock, for the client's injected time.

use std::time::Duration;

use dwolla_core::time::{BoxFuture, Sleep};

/// The system clock. The same type as [`dwolla_core::SystemClock`] (it needs
/// no runtime, so it lives in the core); re-exported here so that
/// `dwolla_hyper::SystemClock` keeps working.
pub use dwolla_core::SystemClock;

/// [`Sleep`](dwolla_core::Sleep) on tokio's timer.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}
