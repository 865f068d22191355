//! Fake time for tests: a clock that only moves when told, and a sleep that
//! returns at once, records what it was asked and moves that clock.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use dwolla_core::time::{BoxFuture, Clock, Sleep};

#[derive(Debug)]
struct ClockState {
    offset: Duration,
}

/// A [`Clock`] that stands still until [`advance`](ManualClock::advance)d.
/// Clones share the same time.
#[derive(Clone, Debug)]
pub struct ManualClock {
    base: Instant,
    wall_base: SystemTime,
    state: Arc<Mutex<ClockState>>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// A clock at an arbitrary instant; its wall time starts at
    /// 2026-01-01T00:00:00Z.
    pub fn new() -> Self {
        ManualClock {
            base: Instant::now(),
            wall_base: SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600),
            state: Arc::new(Mutex::new(ClockState {
                offset: Duration::ZERO,
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ClockState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        self.lock().offset += by;
    }

    /// How far the clock has moved since it was made.
    pub fn elapsed(&self) -> Duration {
        self.lock().offset
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.base + self.lock().offset
    }
    fn system_time(&self) -> SystemTime {
        self.wall_base + self.lock().offset
    }
}

/// A [`Sleep`] that completes at once, records every duration it was asked
/// for and advances its [`ManualClock`] by it, so backoff and `Retry-After`
/// can be asserted without waiting. Clones share the record.
#[derive(Clone, Debug)]
pub struct RecordingSleep {
    clock: ManualClock,
    slept: Arc<Mutex<Vec<Duration>>>,
}

impl RecordingSleep {
    /// A sleep that advances `clock`.
    pub fn new(clock: ManualClock) -> Self {
        RecordingSleep {
            clock,
            slept: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Every duration asked for, in order.
    pub fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Sleep for RecordingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.slept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(duration);
        self.clock.advance(duration);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn futures_ready(mut f: BoxFuture<'static, ()>) {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        assert!(f.as_mut().poll(&mut cx).is_ready());
    }

    #[test]
    fn sleep_records_and_advances() {
        let clock = ManualClock::new();
        let t0 = clock.now();
        let w0 = clock.system_time();
        let sleep = RecordingSleep::new(clock.clone());
        // Recording happens when the future is made; it completes at once.
        futures_ready(sleep.sleep(Duration::from_secs(2)));
        futures_ready(sleep.sleep(Duration::from_millis(5)));
        assert_eq!(
            sleep.slept(),
            vec![Duration::from_secs(2), Duration::from_millis(5)]
        );
        assert_eq!(clock.now() - t0, Duration::from_millis(2005));
        assert_eq!(
            clock.system_time().duration_since(w0).unwrap(),
            Duration::from_millis(2005)
        );
    }
}
