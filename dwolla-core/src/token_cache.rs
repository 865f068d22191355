//! The access-token cache: when to reuse, when to refresh, and single-flight
//! fetching so that any number of concurrent calls on a cold or expiring cache
//! cause exactly one token request.
//!
//! Runtime-agnostic: waiting callers park on a [`Waker`], no async mutex or
//! channel from any runtime is needed. The caller hands in the time.

use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::sync::{Mutex, MutexGuard};
use std::task::{Poll, Waker};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::token::AccessToken;

/// Refresh this long before a token expires (as the official SDKs do).
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub(crate) struct TokenCache {
    margin: Duration,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    token: Option<Cached>,
    /// True while one caller is fetching; the others wait for `epoch` to move.
    fetching: bool,
    /// Bumped whenever a fetch ends (success, failure or cancellation).
    epoch: u64,
    /// The failure of the fetch that ended at `epoch`, shared with the callers
    /// that waited for it. Never cached beyond that: the next caller fetches.
    failure: Option<(u64, Error)>,
    waiters: HashMap<u64, Waker>,
    next_waiter: u64,
}

#[derive(Debug)]
struct Cached {
    token: AccessToken,
    refresh_at: Instant,
    expires_at: Instant,
}

enum Step {
    Ready(AccessToken),
    Fetch,
    Wait(u64),
}

impl TokenCache {
    pub(crate) fn new(margin: Duration) -> Self {
        TokenCache {
            margin,
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding this lock cannot leave the state inconsistent
        // (every update is a single assignment), so poisoning is ignored.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cached token if it is not yet due for refresh (what [`get`](Self::get)
    /// returns at once in that case).
    pub(crate) fn fresh(&self, now: Instant) -> Option<AccessToken> {
        let st = self.lock();
        st.token
            .as_ref()
            .filter(|c| now < c.refresh_at)
            .map(|c| c.token.clone())
    }

    /// A valid token: the cached one, or the result of `fetch`, run by exactly
    /// one of the concurrent callers. `now` is read each time it is needed.
    pub(crate) async fn get<F, Fut>(
        &self,
        now: impl Fn() -> Instant,
        fetch: F,
    ) -> Result<AccessToken, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(AccessToken, Duration), Error>>,
    {
        let mut fetch = Some(fetch);
        loop {
            let step = {
                let mut st = self.lock();
                let t = now();
                match &st.token {
                    Some(c) if t < c.refresh_at => Step::Ready(c.token.clone()),
                    // Due for refresh but still valid while someone else
                    // refreshes: use it rather than wait.
                    Some(c) if t < c.expires_at && st.fetching => Step::Ready(c.token.clone()),
                    _ if st.fetching => Step::Wait(st.epoch),
                    _ => {
                        st.fetching = true;
                        Step::Fetch
                    }
                }
            };
            match step {
                Step::Ready(token) => return Ok(token),
                Step::Fetch => {
                    // `fetch` is only taken once: after our own fetch ends we
                    // return, never loop.
                    let Some(f) = fetch.take() else {
                        return Err(Error::invalid("token", "internal: fetched twice"));
                    };
                    let guard = FetchGuard {
                        cache: self,
                        done: false,
                    };
                    let result = f().await;
                    return guard.finish(result, now());
                }
                Step::Wait(epoch) => {
                    if let Some(err) = self.wait_for(epoch).await {
                        return Err(err);
                    }
                }
            }
        }
    }

    /// Waits until the fetch in flight at `epoch` ends; its error if it failed.
    async fn wait_for(&self, epoch: u64) -> Option<Error> {
        let id = {
            let mut st = self.lock();
            st.next_waiter += 1;
            st.next_waiter
        };
        let _unregister = Unregister { cache: self, id };
        poll_fn(|cx| {
            let mut st = self.lock();
            if st.epoch != epoch {
                st.waiters.remove(&id);
                let failed = st
                    .failure
                    .as_ref()
                    .filter(|(e, _)| *e == st.epoch)
                    .map(|(_, err)| err.clone());
                return Poll::Ready(failed);
            }
            st.waiters.insert(id, cx.waker().clone());
            Poll::Pending
        })
        .await
    }

    /// Drops `token` if it is still the cached one (after Dwolla said it is
    /// expired or invalid), so the next call fetches a new one. Comparing first
    /// means many calls failing with the same token cause one refresh.
    pub(crate) fn invalidate(&self, token: &AccessToken) {
        let mut st = self.lock();
        if st.token.as_ref().is_some_and(|c| &c.token == token) {
            st.token = None;
        }
    }
}

struct FetchGuard<'a> {
    cache: &'a TokenCache,
    done: bool,
}

impl FetchGuard<'_> {
    fn finish(
        mut self,
        result: Result<(AccessToken, Duration), Error>,
        now: Instant,
    ) -> Result<AccessToken, Error> {
        self.done = true;
        let mut st = self.cache.lock();
        st.fetching = false;
        st.epoch += 1;
        let out = match result {
            Ok((token, lifetime)) => {
                // Never refresh sooner than half the lifetime, so a short-lived
                // token is not refetched on every call.
                let margin = self.cache.margin.min(lifetime / 2);
                // Checked: an Instant far in the future cannot overflow into
                // a panic, whatever lifetime was handed in.
                let at = |d: Duration| now.checked_add(d).unwrap_or(now);
                st.token = Some(Cached {
                    token: token.clone(),
                    refresh_at: at(lifetime - margin),
                    expires_at: at(lifetime),
                });
                st.failure = None;
                Ok(token)
            }
            Err(err) => {
                st.failure = Some((st.epoch, err.clone()));
                Err(err)
            }
        };
        for (_, w) in st.waiters.drain() {
            w.wake();
        }
        out
    }
}

impl Drop for FetchGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            // The fetching call was cancelled (dropped mid-fetch): release the
            // slot and wake the waiters, one of which will fetch instead.
            let mut st = self.cache.lock();
            st.fetching = false;
            st.epoch += 1;
            st.failure = None;
            for (_, w) in st.waiters.drain() {
                w.wake();
            }
        }
    }
}

struct Unregister<'a> {
    cache: &'a TokenCache,
    id: u64,
}

impl Drop for Unregister<'_> {
    fn drop(&mut self) {
        self.cache.lock().waiters.remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::{Context, Wake};

    struct Flag(AtomicUsize);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn token(s: &str) -> AccessToken {
        AccessToken::new(s)
    }

    /// Polls a future once with a counting waker.
    fn poll_once<F: Future>(f: std::pin::Pin<&mut F>, flag: &Arc<Flag>) -> Poll<F::Output> {
        let waker = Waker::from(flag.clone());
        f.poll(&mut Context::from_waker(&waker))
    }

    #[test]
    fn one_fetch_for_concurrent_callers_and_shared_failure() {
        let cache = TokenCache::new(DEFAULT_REFRESH_MARGIN);
        let t0 = Instant::now();
        let fetches = AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<Result<(AccessToken, Duration), Error>>();
        let rx = Mutex::new(rx);
        let fetch = || async {
            fetches.fetch_add(1, Ordering::SeqCst);
            // Completes when the test sends a result.
            poll_fn(|_| match rx.lock().unwrap().try_recv() {
                Ok(r) => Poll::Ready(r),
                Err(_) => Poll::Pending,
            })
            .await
        };
        let flag = Arc::new(Flag(AtomicUsize::new(0)));
        let mut a = pin!(cache.get(|| t0, fetch));
        let mut b = pin!(cache.get(|| t0, fetch));
        assert!(poll_once(a.as_mut(), &flag).is_pending());
        assert!(poll_once(b.as_mut(), &flag).is_pending());
        tx.send(Err(Error::invalid("x", "boom"))).unwrap();
        assert!(matches!(poll_once(a.as_mut(), &flag), Poll::Ready(Err(_))));
        assert_eq!(flag.0.load(Ordering::SeqCst), 1, "the waiter was woken");
        assert!(
            matches!(poll_once(b.as_mut(), &flag), Poll::Ready(Err(_))),
            "waiter shares the failure"
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        // The failure is not cached: the next call fetches again.
        let mut c = pin!(cache.get(|| t0, fetch));
        tx.send(Ok((token("t1"), Duration::from_secs(3600))))
            .unwrap();
        assert!(matches!(poll_once(c.as_mut(), &flag), Poll::Ready(Ok(_))));
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn refreshes_margin_before_expiry_and_after_invalidate() {
        let cache = TokenCache::new(Duration::from_secs(60));
        let t0 = Instant::now();
        let n = AtomicUsize::new(0);
        let fetch = || async {
            let i = n.fetch_add(1, Ordering::SeqCst);
            Ok((token(&format!("t{i}")), Duration::from_secs(3600)))
        };
        let flag = Arc::new(Flag(AtomicUsize::new(0)));
        let get = |at: Instant| {
            let mut f = pin!(cache.get(move || at, fetch));
            match poll_once(f.as_mut(), &flag) {
                Poll::Ready(Ok(t)) => t.expose_secret().to_owned(),
                other => panic!("{:?}", other.map(|r| r.map(|_| ()))),
            }
        };
        assert_eq!(get(t0), "t0");
        assert_eq!(get(t0 + Duration::from_secs(3539)), "t0");
        assert_eq!(
            get(t0 + Duration::from_secs(3540)),
            "t1",
            "refreshed 60 s early"
        );
        cache.invalidate(&token("t0"));
        assert_eq!(
            get(t0 + Duration::from_secs(3541)),
            "t1",
            "a stale token does not drop the new one"
        );
        cache.invalidate(&token("t1"));
        assert_eq!(get(t0 + Duration::from_secs(3542)), "t2");
    }

    #[test]
    fn a_cancelled_fetch_hands_over_to_a_waiter() {
        let cache = TokenCache::new(DEFAULT_REFRESH_MARGIN);
        let t0 = Instant::now();
        let flag = Arc::new(Flag(AtomicUsize::new(0)));
        let never = || std::future::pending::<Result<(AccessToken, Duration), Error>>();
        let ok = || async { Ok((token("fresh"), Duration::from_secs(3600))) };
        let mut waiter = Box::pin(cache.get(|| t0, ok));
        {
            let mut fetcher = Box::pin(cache.get(|| t0, never));
            assert!(poll_once(fetcher.as_mut(), &flag).is_pending());
            assert!(poll_once(waiter.as_mut(), &flag).is_pending());
        } // fetcher dropped mid-fetch
        assert_eq!(flag.0.load(Ordering::SeqCst), 1);
        match poll_once(waiter.as_mut(), &flag) {
            Poll::Ready(Ok(t)) => assert_eq!(t.expose_secret(), "fresh"),
            _ => panic!("the waiter should have fetched"),
        }
    }
}
