//! Fault injection: what the next requests should suffer instead of (or
//! before) a normal answer.

use std::collections::VecDeque;
use std::time::Duration;

/// A queue of `(remaining, value)` runs: `push(3, v)` makes the next three
/// `take`s return `v` (after the runs queued before it).
#[derive(Debug)]
pub(crate) struct Plan<T> {
    runs: VecDeque<(u32, T)>,
}

impl<T> Default for Plan<T> {
    fn default() -> Self {
        Plan {
            runs: VecDeque::new(),
        }
    }
}

impl<T: Clone> Plan<T> {
    pub(crate) fn push(&mut self, n: u32, value: T) {
        if n > 0 {
            self.runs.push_back((n, value));
        }
    }

    pub(crate) fn take(&mut self) -> Option<T> {
        let (remaining, value) = self.runs.front_mut()?;
        let value = value.clone();
        *remaining -= 1;
        if *remaining == 0 {
            self.runs.pop_front();
        }
        Some(value)
    }

    pub(crate) fn clear(&mut self) {
        self.runs.clear();
    }
}

/// What one API request suffers instead of a normal answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// The request is processed, then its response is cut off mid-body.
    CloseMidResponse,
    /// A 200/201 with a body of this many bytes, without processing.
    Oversized(usize),
    /// 429, with `Retry-After` when `Some`, without processing.
    RateLimit(Option<u64>),
    /// This status, without processing.
    Fail(u16),
}

/// Every planned fault.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    pub(crate) api_delay: Plan<Duration>,
    pub(crate) close_mid: Plan<()>,
    pub(crate) oversized: Plan<usize>,
    pub(crate) rate_limit: Plan<Option<u64>>,
    pub(crate) fail: Plan<u16>,
    pub(crate) token_delay: Plan<Duration>,
    pub(crate) token_fail: Plan<u16>,
}

impl Faults {
    /// The delay and the action for the next API request. At most one action
    /// is consumed per request, in this order: close mid-response, oversized,
    /// rate limit, fail.
    pub(crate) fn take_api(&mut self) -> (Option<Duration>, Option<Action>) {
        let delay = self.api_delay.take();
        let action = if self.close_mid.take().is_some() {
            Some(Action::CloseMidResponse)
        } else if let Some(n) = self.oversized.take() {
            Some(Action::Oversized(n))
        } else if let Some(r) = self.rate_limit.take() {
            Some(Action::RateLimit(r))
        } else {
            self.fail.take().map(Action::Fail)
        };
        (delay, action)
    }

    /// The delay and the failure status for the next token request.
    pub(crate) fn take_token(&mut self) -> (Option<Duration>, Option<u16>) {
        (self.token_delay.take(), self.token_fail.take())
    }

    pub(crate) fn clear(&mut self) {
        self.api_delay.clear();
        self.close_mid.clear();
        self.oversized.clear();
        self.rate_limit.clear();
        self.fail.clear();
        self.token_delay.clear();
        self.token_fail.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_run_in_order() {
        let mut p = Plan::default();
        p.push(2, 'a');
        p.push(0, 'z');
        p.push(1, 'b');
        assert_eq!(p.take(), Some('a'));
        assert_eq!(p.take(), Some('a'));
        assert_eq!(p.take(), Some('b'));
        assert_eq!(p.take(), None);
        p.push(u32::MAX, 'c');
        assert_eq!(p.take(), Some('c'));
    }

    #[test]
    fn one_action_per_request() {
        let mut f = Faults::default();
        f.fail.push(1, 500);
        f.rate_limit.push(1, Some(3));
        f.api_delay.push(1, Duration::from_millis(1));
        assert_eq!(
            f.take_api(),
            (
                Some(Duration::from_millis(1)),
                Some(Action::RateLimit(Some(3)))
            )
        );
        assert_eq!(f.take_api(), (None, Some(Action::Fail(500))));
        assert_eq!(f.take_api(), (None, None));
    }
}
