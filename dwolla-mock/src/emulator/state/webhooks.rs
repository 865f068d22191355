//! Webhook subscriptions and their webhooks: which event goes to which
//! subscription, every delivery attempt, and when the next one is due.
//!
//! An event recorded by any family ([`Events::emit`](super::Events::emit))
//! becomes one [`Webhook`] per subscription the next time the webhook state
//! is looked at ([`Data::materialize_webhooks`]): by the delivery task, which
//! the event wakes, or by any webhook route or [`Emulator`] accessor, which
//! all materialize first. Subscriptions only change after materializing, so
//! each event goes to exactly the subscriptions that existed when it was
//! recorded, paused or not as they were then.
//!
//! The delivery task (`emulator/delivery.rs`) does the sending: it takes
//! the [`Job`]s that are due ([`Data::due_jobs`]), sends them without the
//! lock, and hands each outcome back ([`Data::finish_attempt`]), which
//! records the attempt, plans the next retry on Dwolla's schedule and
//! applies the auto-pause rule. All times are the emulator's
//! [`Clock`](super::events::Clock).
//!
//! [`Emulator`]: super::super::Emulator

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::watch;

use super::Data;

/// When Dwolla retries a failed webhook, after the original attempt: 15
/// minutes, 1, 3, 6, 12, 24, 48 and 72 hours (8 retries over 72 hours).
pub(crate) const RETRY_SCHEDULE: [Duration; 8] = [
    Duration::from_secs(15 * 60),
    Duration::from_secs(3600),
    Duration::from_secs(3 * 3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(12 * 3600),
    Duration::from_secs(24 * 3600),
    Duration::from_secs(48 * 3600),
    Duration::from_secs(72 * 3600),
];

/// How webhooks are delivered; set by the builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Most subscriptions at once (Dwolla: 5 in production, 10 in the
    /// sandbox).
    pub(crate) max_subscriptions: usize,
    /// Consecutive failures that, with [`pause_without_success`](Self::pause_without_success),
    /// pause a subscription (Dwolla: 400).
    pub(crate) pause_after_failures: u32,
    /// Emulated time since the last success (or since the subscription was
    /// created) that, with the failures, pauses it (Dwolla: 24 hours).
    pub(crate) pause_without_success: Duration,
    /// How long an attempt may take, in real time (Dwolla: 10 seconds).
    pub(crate) timeout: Duration,
    /// Most attempts in flight per subscription (Dwolla: bursts of 10).
    pub(crate) concurrency: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_subscriptions: 5,
            pause_after_failures: 400,
            pause_without_success: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(10),
            concurrency: 10,
        }
    }
}

/// A webhook subscription.
#[derive(Clone)]
pub(crate) struct Subscription {
    pub(crate) id: String,
    pub(crate) url: String,
    /// Signs every webhook; never shown (not even in `Debug`).
    pub(crate) secret: String,
    pub(crate) paused: bool,
    /// RFC 3339, on the emulator's clock.
    pub(crate) created: String,
    /// Failed attempts since the last success (reset by a success and by
    /// unpausing).
    pub(crate) consecutive_failures: u32,
    /// Where the auto-pause rule counts "time without a success" from
    /// (emulated time since the start): the last success, or the creation
    /// or unpausing of the subscription when none came since.
    pub(crate) without_success_since: Duration,
    /// Attempts being sent now.
    pub(crate) in_flight: usize,
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("paused", &self.paused)
            .field("consecutive_failures", &self.consecutive_failures)
            .finish_non_exhaustive()
    }
}

/// One header of an attempt's request or response.
pub(crate) type Header = (String, String);

/// What an attempt sent.
#[derive(Clone, Debug)]
pub(crate) struct SentRequest {
    pub(crate) timestamp: String,
    pub(crate) url: String,
    pub(crate) headers: Vec<Header>,
    pub(crate) body: String,
}

/// What the endpoint answered.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) timestamp: String,
    pub(crate) headers: Vec<Header>,
    pub(crate) status: u16,
    pub(crate) body: String,
}

/// One delivery attempt.
#[derive(Clone, Debug)]
pub(crate) struct Attempt {
    pub(crate) id: String,
    pub(crate) request: SentRequest,
    /// `None` when the endpoint did not answer (no connection, no answer in
    /// time, a broken response).
    pub(crate) response: Option<Answer>,
}

impl Attempt {
    pub(crate) fn succeeded(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| (200..300).contains(&r.status))
    }
}

/// A retry asked for with `POST /webhooks/{id}/retries`.
#[derive(Clone, Debug)]
pub(crate) struct Retry {
    pub(crate) id: String,
    pub(crate) timestamp: String,
}

/// One event sent (or to be sent) to one subscription.
#[derive(Clone, Debug)]
pub(crate) struct Webhook {
    pub(crate) id: String,
    pub(crate) subscription_id: String,
    pub(crate) event_id: String,
    pub(crate) topic: String,
    pub(crate) resource_id: String,
    /// The event's time, emulated time since the start.
    pub(crate) at: Duration,
    /// The event document, the exact bytes every attempt sends.
    pub(crate) body: Bytes,
    /// Oldest first.
    pub(crate) attempts: Vec<Attempt>,
    /// Oldest first.
    pub(crate) retries: Vec<Retry>,
    /// When the next automatic attempt is due (`None`: none is planned).
    pub(crate) due: Option<Duration>,
    /// Automatic attempts made so far (the original is the first).
    pub(crate) automatic: usize,
    /// When the original attempt was sent: the retry schedule counts from it.
    pub(crate) first_sent: Option<Duration>,
    /// Retries asked for and not yet sent.
    pub(crate) manual_pending: u32,
    /// An attempt is being sent now (one at a time per webhook).
    pub(crate) in_flight: bool,
}

/// The webhook state.
#[derive(Debug)]
pub(crate) struct WebhookState {
    pub(crate) settings: Settings,
    /// In creation order.
    pub(crate) subscriptions: Vec<Subscription>,
    /// In creation order (the order of their events).
    pub(crate) webhooks: Vec<Webhook>,
    /// How many of the events were turned into webhooks.
    materialized: usize,
    /// Attempts sent so far (finished or not).
    pub(crate) attempts_sent: u64,
    /// Bumped whenever an attempt is sent or finishes, or a due attempt is
    /// dropped: what [`Emulator::wait_for_webhooks`] waits on.
    ///
    /// [`Emulator::wait_for_webhooks`]: super::super::Emulator::wait_for_webhooks
    pub(crate) progress: watch::Sender<u64>,
}

impl Default for WebhookState {
    fn default() -> Self {
        WebhookState {
            settings: Settings::default(),
            subscriptions: Vec::new(),
            webhooks: Vec::new(),
            materialized: 0,
            attempts_sent: 0,
            progress: watch::channel(0).0,
        }
    }
}

/// One attempt to send: what the delivery task needs, taken under the lock.
pub(crate) struct Job {
    pub(crate) webhook_id: String,
    pub(crate) subscription_id: String,
    pub(crate) url: String,
    pub(crate) secret: String,
    pub(crate) topic: String,
    pub(crate) body: Bytes,
    /// An attempt of the schedule (the original or a retry), not one asked
    /// for with `POST /webhooks/{id}/retries`.
    pub(crate) automatic: bool,
    /// RFC 3339, on the emulator's clock.
    pub(crate) sent: String,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job")
            .field("webhook_id", &self.webhook_id)
            .field("url", &self.url)
            .field("topic", &self.topic)
            .field("automatic", &self.automatic)
            .finish_non_exhaustive()
    }
}

/// How an attempt ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// The endpoint answered (any status).
    Answered {
        status: u16,
        headers: Vec<Header>,
        body: String,
    },
    /// No answer: why (not recorded on the webhook, which shows no
    /// `response`; logged).
    NoAnswer(String),
}

impl WebhookState {
    pub(crate) fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn subscription_mut(&mut self, id: &str) -> Option<&mut Subscription> {
        self.subscriptions
            .iter_mut()
            .find(|s| s.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn webhook(&self, id: &str) -> Option<&Webhook> {
        self.webhooks.iter().find(|w| w.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn webhook_mut(&mut self, id: &str) -> Option<&mut Webhook> {
        self.webhooks
            .iter_mut()
            .find(|w| w.id.eq_ignore_ascii_case(id))
    }
}

impl Data {
    /// Turns every event recorded since the last call into one webhook per
    /// subscription, due now unless the subscription is paused (then it is
    /// kept but never sent by itself). Call it before reading or changing
    /// anything webhook-related.
    pub(crate) fn materialize_webhooks(&mut self, base: &str) {
        let events = &self.events.all;
        let state = &mut self.webhooks;
        let start = state.materialized.min(events.len());
        for event in &events[start..] {
            if state.subscriptions.is_empty() {
                break;
            }
            let body = Bytes::from(serde_json::to_vec(&event.json(base)).unwrap_or_default());
            for sub in &state.subscriptions {
                state.webhooks.push(Webhook {
                    id: uuid::Uuid::new_v4().to_string(),
                    subscription_id: sub.id.clone(),
                    event_id: event.id.clone(),
                    topic: event.topic.clone(),
                    resource_id: event.resource_id.clone(),
                    at: event.at,
                    body: body.clone(),
                    attempts: Vec::new(),
                    retries: Vec::new(),
                    due: (!sub.paused).then_some(event.at),
                    automatic: 0,
                    first_sent: None,
                    manual_pending: 0,
                    in_flight: false,
                });
            }
        }
        state.materialized = events.len();
    }

    /// Takes the attempts due now (marking them in flight), and says when
    /// the next one falls due (emulated time), if any is planned. A
    /// scheduled attempt of a paused subscription is dropped instead (not
    /// sent: Dwolla does not send them later either); a retry asked for is
    /// sent even then. At most [`Settings::concurrency`] attempts per
    /// subscription are in flight; the others wait for one to finish.
    pub(crate) fn due_jobs(&mut self, base: &str) -> (Vec<Job>, Option<Duration>) {
        self.materialize_webhooks(base);
        let clock = &self.events.clock;
        let now = clock.now();
        let sent = clock.rfc3339_at(now);
        let state = &mut self.webhooks;
        let concurrency = state.settings.concurrency.max(1);
        let mut jobs = Vec::new();
        let mut next: Option<Duration> = None;
        let mut changed = false;
        for w in &mut state.webhooks {
            if w.in_flight {
                continue;
            }
            let manual = w.manual_pending > 0;
            let auto_due = w.due.is_some_and(|d| d <= now);
            if !manual && !auto_due {
                if let Some(d) = w.due {
                    next = Some(next.map_or(d, |n| n.min(d)));
                }
                continue;
            }
            let Some(sub) = state
                .subscriptions
                .iter_mut()
                .find(|s| s.id == w.subscription_id)
            else {
                continue;
            };
            if !manual && sub.paused {
                w.due = None;
                changed = true;
                continue;
            }
            if sub.in_flight >= concurrency {
                continue;
            }
            sub.in_flight += 1;
            w.in_flight = true;
            if manual {
                w.manual_pending -= 1;
            } else {
                w.automatic += 1;
                w.first_sent.get_or_insert(now);
                w.due = None;
            }
            state.attempts_sent += 1;
            jobs.push(Job {
                webhook_id: w.id.clone(),
                subscription_id: sub.id.clone(),
                url: sub.url.clone(),
                secret: sub.secret.clone(),
                topic: w.topic.clone(),
                body: w.body.clone(),
                automatic: !manual,
                sent: sent.clone(),
            });
        }
        if changed || !jobs.is_empty() {
            state.progress.send_modify(|n| *n += 1);
        }
        (jobs, next)
    }

    /// True when nothing is left to send now: no attempt in flight, no
    /// retry asked for and not sent, no scheduled attempt due.
    pub(crate) fn webhooks_settled(&mut self, base: &str) -> bool {
        self.materialize_webhooks(base);
        let now = self.events.clock.now();
        !self
            .webhooks
            .webhooks
            .iter()
            .any(|w| w.in_flight || w.manual_pending > 0 || w.due.is_some_and(|d| d <= now))
    }

    /// Records how an attempt ended: the attempt on its webhook, the next
    /// retry on the schedule (for an automatic attempt that failed), the
    /// subscription's run of failures and, past both thresholds, its
    /// pause. A webhook or subscription deleted meanwhile is skipped.
    pub(crate) fn finish_attempt(
        &mut self,
        job: &Job,
        request_headers: Vec<Header>,
        outcome: Outcome,
    ) {
        let now = self.events.clock.now();
        let answered_at = self.events.clock.rfc3339_at(now);
        let state = &mut self.webhooks;
        let settings = state.settings.clone();
        let response = match outcome {
            Outcome::Answered {
                status,
                headers,
                body,
            } => Some(Answer {
                timestamp: answered_at,
                headers,
                status,
                body,
            }),
            Outcome::NoAnswer(_) => None,
        };
        let attempt = Attempt {
            id: uuid::Uuid::new_v4().to_string(),
            request: SentRequest {
                timestamp: job.sent.clone(),
                url: job.url.clone(),
                headers: request_headers,
                body: String::from_utf8_lossy(&job.body).into_owned(),
            },
            response,
        };
        let success = attempt.succeeded();
        if let Some(sub) = state.subscription_mut(&job.subscription_id) {
            sub.in_flight = sub.in_flight.saturating_sub(1);
            if success {
                sub.consecutive_failures = 0;
                sub.without_success_since = now;
            } else {
                sub.consecutive_failures = sub.consecutive_failures.saturating_add(1);
                let since = now.saturating_sub(sub.without_success_since);
                if !sub.paused
                    && sub.consecutive_failures >= settings.pause_after_failures
                    && since >= settings.pause_without_success
                {
                    sub.paused = true;
                    tracing::info!(
                        subscription = %sub.id,
                        failures = sub.consecutive_failures,
                        "dwolla emulator: webhook subscription paused after consecutive failures"
                    );
                }
            }
        }
        state.progress.send_modify(|n| *n += 1);
        let Some(w) = state.webhook_mut(&job.webhook_id) else {
            return;
        };
        w.in_flight = false;
        w.attempts.push(attempt);
        if success {
            w.due = None;
        } else if job.automatic {
            let first = w.first_sent.unwrap_or(w.at);
            // After the original (1 automatic attempt), the first retry.
            w.due = RETRY_SCHEDULE
                .get(w.automatic.saturating_sub(1))
                .map(|after| first.saturating_add(*after));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_with_subscription(paused: bool) -> Data {
        let mut data = Data::default();
        data.webhooks.subscriptions.push(Subscription {
            id: "s1".into(),
            url: "http://127.0.0.1:9/hooks".into(),
            secret: "shh".into(),
            paused,
            created: String::new(),
            consecutive_failures: 0,
            without_success_since: Duration::ZERO,
            in_flight: 0,
        });
        data
    }

    fn fail(data: &mut Data, job: &Job) {
        data.finish_attempt(job, Vec::new(), Outcome::NoAnswer("refused".into()));
    }

    #[tokio::test(start_paused = true)]
    async fn a_failing_webhook_is_retried_on_dwollas_schedule_then_given_up() {
        let mut data = data_with_subscription(false);
        data.events
            .emit("customer_created", "http://h/customers/c1", None, None);
        let (jobs, _) = data.due_jobs("http://h");
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].automatic);
        let mut job = jobs.into_iter().next().unwrap();
        let mut dues = Vec::new();
        loop {
            fail(&mut data, &job);
            let w = &data.webhooks.webhooks[0];
            let Some(due) = w.due else { break };
            dues.push(due);
            // Not due yet: nothing to send, and the wake-up is the due time.
            let (jobs, next) = data.due_jobs("http://h");
            assert!(jobs.is_empty());
            assert_eq!(next, Some(due));
            let now = data.events.clock.now();
            data.events.clock.advance(due - now);
            let (jobs, _) = data.due_jobs("http://h");
            assert_eq!(jobs.len(), 1);
            job = jobs.into_iter().next().unwrap();
        }
        assert_eq!(dues, RETRY_SCHEDULE);
        assert_eq!(data.webhooks.webhooks[0].attempts.len(), 9);
        assert_eq!(data.webhooks.subscriptions[0].consecutive_failures, 9);
    }

    #[tokio::test(start_paused = true)]
    async fn a_success_ends_the_schedule_and_the_run_of_failures() {
        let mut data = data_with_subscription(false);
        data.events
            .emit("customer_created", "http://h/customers/c1", None, None);
        let (jobs, _) = data.due_jobs("http://h");
        fail(&mut data, &jobs[0]);
        data.events.clock.advance(RETRY_SCHEDULE[0]);
        let (jobs, _) = data.due_jobs("http://h");
        let ok = Outcome::Answered {
            status: 204,
            headers: Vec::new(),
            body: String::new(),
        };
        data.finish_attempt(&jobs[0], Vec::new(), ok);
        let w = &data.webhooks.webhooks[0];
        assert_eq!(w.due, None);
        assert_eq!(w.attempts.len(), 2);
        assert!(w.attempts[1].succeeded());
        assert_eq!(data.webhooks.subscriptions[0].consecutive_failures, 0);
        assert!(data.due_jobs("http://h").0.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn paused_subscriptions_keep_webhooks_unsent_and_pausing_needs_both_thresholds() {
        let mut data = data_with_subscription(true);
        data.events
            .emit("customer_created", "http://h/customers/c1", None, None);
        assert!(data.due_jobs("http://h").0.is_empty());
        assert_eq!(data.webhooks.webhooks.len(), 1);
        assert!(data.webhooks.webhooks[0].attempts.is_empty());
        // A retry asked for is sent anyway.
        data.webhooks.webhooks[0].manual_pending = 1;
        let (jobs, _) = data.due_jobs("http://h");
        assert_eq!(jobs.len(), 1);
        assert!(!jobs[0].automatic);

        let mut data = data_with_subscription(false);
        data.webhooks.settings.pause_after_failures = 2;
        data.webhooks.settings.pause_without_success = Duration::from_secs(3600);
        for _ in 0..3 {
            data.events
                .emit("customer_created", "http://h/customers/c1", None, None);
            for job in data.due_jobs("http://h").0 {
                fail(&mut data, &job);
            }
        }
        // Three failures in a row, but not an hour without a success yet.
        assert!(!data.webhooks.subscriptions[0].paused);
        data.events.clock.advance(Duration::from_secs(3600));
        data.events
            .emit("customer_created", "http://h/customers/c1", None, None);
        for job in data.due_jobs("http://h").0 {
            fail(&mut data, &job);
        }
        assert!(data.webhooks.subscriptions[0].paused);
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_the_concurrency_is_in_flight_per_subscription() {
        let mut data = data_with_subscription(false);
        data.webhooks.settings.concurrency = 2;
        for _ in 0..3 {
            data.events
                .emit("customer_created", "http://h/customers/c1", None, None);
        }
        let (jobs, _) = data.due_jobs("http://h");
        assert_eq!(jobs.len(), 2);
        assert!(data.due_jobs("http://h").0.is_empty());
        fail(&mut data, &jobs[0]);
        assert_eq!(data.due_jobs("http://h").0.len(), 1);
    }

    #[test]
    fn debug_hides_the_secret() {
        let data = data_with_subscription(false);
        let shown = format!("{:?}", data.webhooks.subscriptions[0]);
        assert!(!shown.contains("shh"), "{shown}");
    }
}
