//! Retry *decisions*: whether to try again and after how long. Sleeping is the
//! client's job (with the [`Sleep`](crate::time::Sleep) it was handed), so the
//! policy is plain data and plain functions, testable without time passing.
//!
//! Every request the client sends is idempotent: GETs are, and every POST
//! carries an `Idempotency-Key` that stays the same, with a byte-identical body,
//! on every attempt. So retrying never creates a second resource.

use std::time::Duration;

use http::StatusCode;

use crate::error::RetryAfter;
use crate::transport::{TransportError, TransportErrorKind};

/// How the client retries transient failures.
///
/// Defaults, chosen for a payments API where a duplicate is worse than a slow
/// answer and Dwolla asks for exponential backoff:
///
/// | setting | default |
/// |---|---|
/// | attempts in all | 4 (the first and 3 retries) |
/// | first backoff | 500 ms |
/// | multiplier | 2 |
/// | backoff cap | 30 s |
/// | jitter | on: each backoff is scaled by a random factor in [0.5, 1.0] |
/// | total time spent waiting, at most | 2 min |
///
/// Retried: connect errors, timeouts, connections lost mid-exchange, and HTTP
/// 429, 500, 502, 503, 504, and 409: Dwolla's answer to a replayed
/// `Idempotency-Key` whose first request is still being processed, which is
/// exactly what a retry after a timeout can meet; once the first request is
/// done, the replay returns its original result. `Retry-After` (seconds or HTTP date) is honoured:
/// the wait is never shorter than it, and when it asks for more than the time
/// left, the client gives up at once and returns the 429 or 503.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    multiplier: f64,
    max_backoff: Duration,
    max_elapsed: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            multiplier: 2.0,
            max_backoff: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
            jitter: true,
        }
    }
}

/// What one attempt ended in, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// A response with this status; `retry_after` from its headers.
    Status {
        /// The HTTP status.
        status: StatusCode,
        /// Its `Retry-After`, if any.
        retry_after: Option<RetryAfter>,
    },
    /// A transport failure of this kind.
    Transport(TransportErrorKind),
}

impl AttemptOutcome {
    /// The outcome of a transport error.
    pub fn from_transport(error: &TransportError) -> Self {
        AttemptOutcome::Transport(error.kind())
    }
}

/// The policy's answer after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Try again after this long.
    RetryAfter(Duration),
    /// Do not retry: return this attempt's result.
    Stop(StopReason),
}

/// Why the policy said stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// The outcome is not transient (a 4xx other than 429, a body too large).
    NotRetryable,
    /// The attempt budget is spent.
    MaxAttempts,
    /// Waiting would exceed the time budget (or the call's deadline).
    OutOfTime,
}

impl RetryPolicy {
    /// The default policy (see the table above).
    pub fn new() -> Self {
        Self::default()
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }
    /// The first backoff.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }
    /// The factor between successive backoffs (at least 1).
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = if multiplier.is_finite() {
            multiplier.max(1.0)
        } else {
            1.0
        };
        self
    }
    /// The largest single backoff.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }
    /// The most time the call may spend, attempts and waits included, before
    /// it stops retrying.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }
    /// Turns jitter on or off (off makes backoffs exact, e.g. for tests).
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Attempts in all.
    pub fn get_max_attempts(&self) -> u32 {
        self.max_attempts
    }
    /// True when retries are off.
    pub fn is_disabled(&self) -> bool {
        self.max_attempts <= 1
    }
    /// True when jitter is on.
    pub fn has_jitter(&self) -> bool {
        self.jitter
    }

    /// True for outcomes worth another attempt (given an idempotent request).
    pub fn is_transient(outcome: &AttemptOutcome) -> bool {
        match outcome {
            AttemptOutcome::Status { status, .. } => {
                matches!(status.as_u16(), 409 | 429 | 500 | 502 | 503 | 504)
            }
            AttemptOutcome::Transport(kind) => !matches!(kind, TransportErrorKind::BodyTooLarge),
        }
    }

    /// The backoff before attempt `attempts_made + 1`, before jitter.
    pub fn backoff(&self, attempts_made: u32) -> Duration {
        let exp = attempts_made.saturating_sub(1).min(64) as i32;
        let secs = self.initial_backoff.as_secs_f64() * self.multiplier.powi(exp);
        let capped = secs.min(self.max_backoff.as_secs_f64());
        Duration::try_from_secs_f64(capped).unwrap_or(self.max_backoff)
    }

    /// The part of [`decide`](Self::decide) that needs no time: `Some` when
    /// the answer is "stop" whatever the clock says (not transient, or no
    /// attempts left). Lets a caller skip reading clocks and drawing jitter.
    pub fn stop_without_time(
        &self,
        attempts_made: u32,
        outcome: &AttemptOutcome,
    ) -> Option<StopReason> {
        if !Self::is_transient(outcome) {
            Some(StopReason::NotRetryable)
        } else if attempts_made >= self.max_attempts {
            Some(StopReason::MaxAttempts)
        } else {
            None
        }
    }

    /// Decides what to do after attempt number `attempts_made` failed with
    /// `outcome`.
    ///
    /// - `elapsed`: time since the call started;
    /// - `time_left`: until the call's own deadline, if it has one;
    /// - `now`: wall-clock time, to read a `Retry-After` date;
    /// - `random`: a number in `[0, 1)` for jitter (ignored without jitter).
    pub fn decide(
        &self,
        attempts_made: u32,
        outcome: &AttemptOutcome,
        elapsed: Duration,
        time_left: Option<Duration>,
        now: std::time::SystemTime,
        random: f64,
    ) -> RetryDecision {
        if let Some(reason) = self.stop_without_time(attempts_made, outcome) {
            return RetryDecision::Stop(reason);
        }
        let mut wait = self.backoff(attempts_made);
        if self.jitter {
            // Checked: `mul_f64` panics on overflow, and a factor of 1.0 on a
            // huge configured backoff can round past `Duration::MAX`.
            let factor = 0.5 + 0.5 * random.clamp(0.0, 1.0);
            wait = Duration::try_from_secs_f64(wait.as_secs_f64() * factor).unwrap_or(wait);
        }
        if let AttemptOutcome::Status {
            retry_after: Some(ra),
            ..
        } = outcome
        {
            wait = wait.max(ra.delay_from(now));
        }
        let budget_left = self.max_elapsed.saturating_sub(elapsed);
        let left = time_left.map_or(budget_left, |t| t.min(budget_left));
        if wait >= left {
            return RetryDecision::Stop(StopReason::OutOfTime);
        }
        RetryDecision::RetryAfter(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn status(code: u16, retry_after: Option<RetryAfter>) -> AttemptOutcome {
        AttemptOutcome::Status {
            status: StatusCode::from_u16(code).unwrap(),
            retry_after,
        }
    }

    fn decide(p: &RetryPolicy, n: u32, o: AttemptOutcome) -> RetryDecision {
        p.decide(n, &o, Duration::ZERO, None, SystemTime::UNIX_EPOCH, 0.0)
    }

    #[test]
    fn retries_only_transient_outcomes() {
        let p = RetryPolicy::new().jitter(false);
        for code in [409, 429, 500, 502, 503, 504] {
            assert!(
                matches!(
                    decide(&p, 1, status(code, None)),
                    RetryDecision::RetryAfter(_)
                ),
                "{code}"
            );
        }
        for code in [400, 401, 403, 404, 501, 505] {
            assert_eq!(
                decide(&p, 1, status(code, None)),
                RetryDecision::Stop(StopReason::NotRetryable),
                "{code}"
            );
        }
        for kind in [
            TransportErrorKind::Connect,
            TransportErrorKind::Timeout,
            TransportErrorKind::Other,
        ] {
            assert!(matches!(
                decide(&p, 1, AttemptOutcome::Transport(kind)),
                RetryDecision::RetryAfter(_)
            ));
        }
        assert_eq!(
            decide(
                &p,
                1,
                AttemptOutcome::Transport(TransportErrorKind::BodyTooLarge)
            ),
            RetryDecision::Stop(StopReason::NotRetryable)
        );
    }

    #[test]
    fn stop_without_time_is_decides_first_answer() {
        let p = RetryPolicy::new().max_attempts(2);
        assert_eq!(
            p.stop_without_time(1, &status(404, None)),
            Some(StopReason::NotRetryable)
        );
        assert_eq!(
            p.stop_without_time(2, &status(503, None)),
            Some(StopReason::MaxAttempts)
        );
        assert_eq!(p.stop_without_time(1, &status(503, None)), None);
    }

    #[test]
    fn exponential_capped_and_bounded_by_attempts() {
        let p = RetryPolicy::new()
            .jitter(false)
            .max_backoff(Duration::from_secs(3));
        assert_eq!(
            decide(&p, 1, status(503, None)),
            RetryDecision::RetryAfter(Duration::from_millis(500))
        );
        assert_eq!(
            decide(&p, 2, status(503, None)),
            RetryDecision::RetryAfter(Duration::from_secs(1))
        );
        assert_eq!(
            decide(&p, 3, status(503, None)),
            RetryDecision::RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(
            decide(&p, 4, status(503, None)),
            RetryDecision::Stop(StopReason::MaxAttempts)
        );
        let p = p.max_attempts(10);
        assert_eq!(
            decide(&p, 6, status(503, None)),
            RetryDecision::RetryAfter(Duration::from_secs(3))
        );
        assert_eq!(
            decide(&RetryPolicy::disabled(), 1, status(503, None)),
            RetryDecision::Stop(StopReason::MaxAttempts)
        );
    }

    #[test]
    fn extreme_settings_do_not_panic() {
        let p = RetryPolicy::new()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX)
            .multiplier(f64::INFINITY)
            .max_elapsed(Duration::MAX)
            .max_attempts(u32::MAX);
        for r in [0.0, 0.999, f64::NAN] {
            let d = p.decide(
                1000,
                &status(503, None),
                Duration::ZERO,
                None,
                SystemTime::UNIX_EPOCH,
                r,
            );
            assert!(matches!(
                d,
                RetryDecision::RetryAfter(_) | RetryDecision::Stop(_)
            ));
        }
    }

    #[test]
    fn jitter_stays_within_half_to_full() {
        let p = RetryPolicy::new();
        for r in [0.0, 0.25, 0.999] {
            let RetryDecision::RetryAfter(d) = p.decide(
                1,
                &status(500, None),
                Duration::ZERO,
                None,
                SystemTime::UNIX_EPOCH,
                r,
            ) else {
                panic!("expected a retry")
            };
            assert!(
                d >= Duration::from_millis(250) && d <= Duration::from_millis(500),
                "{d:?}"
            );
        }
    }

    #[test]
    fn retry_after_is_a_floor_and_respects_the_budget() {
        let p = RetryPolicy::new().jitter(false);
        let ra = Some(RetryAfter::Delay(Duration::from_secs(7)));
        assert_eq!(
            decide(&p, 1, status(429, ra)),
            RetryDecision::RetryAfter(Duration::from_secs(7))
        );
        let date = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let d = p.decide(
            1,
            &status(429, Some(RetryAfter::At(date))),
            Duration::ZERO,
            None,
            SystemTime::UNIX_EPOCH + Duration::from_secs(990),
            0.0,
        );
        assert_eq!(d, RetryDecision::RetryAfter(Duration::from_secs(10)));
        let long = Some(RetryAfter::Delay(Duration::from_secs(300)));
        assert_eq!(
            decide(&p, 1, status(429, long)),
            RetryDecision::Stop(StopReason::OutOfTime)
        );
        let d = p.decide(
            1,
            &status(503, None),
            Duration::ZERO,
            Some(Duration::from_millis(100)),
            SystemTime::UNIX_EPOCH,
            0.0,
        );
        assert_eq!(d, RetryDecision::Stop(StopReason::OutOfTime));
        let d = p.decide(
            1,
            &status(503, None),
            Duration::from_secs(120),
            None,
            SystemTime::UNIX_EPOCH,
            0.0,
        );
        assert_eq!(d, RetryDecision::Stop(StopReason::OutOfTime));
    }
}
