//! Time, handed in: the client never reads a clock or sleeps on its own.
//!
//! [`SystemClock`] reads the operating system's clocks and works on any
//! runtime. A [`Sleep`] belongs to the runtime (`dwolla-hyper` has a tokio
//! one; on another executor, wrap its timer). Tests provide fake ones that
//! advance instantly and record what was asked.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

/// A boxed, `Send` future, as returned by [`Sleep::sleep`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Reads the time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// A monotonic instant, for deadlines, token expiry and durations.
    fn now(&self) -> Instant;
    /// Wall-clock time, only for `Retry-After` given as an HTTP date.
    fn system_time(&self) -> SystemTime;
}

/// Waits.
pub trait Sleep: Send + Sync + fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// [`Clock`] reading the operating system's clocks: [`Instant::now`] and
/// [`SystemTime::now`]. Needs no runtime, so it fits any executor.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn system_time(&self) -> SystemTime {
        SystemTime::now()
    }
}
