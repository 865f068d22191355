//! Events: every state change the emulator plays is recorded as a Dwolla
//! event (`GET /events` lists them; webhooks deliver them), stamped by the
//! emulator's [`Clock`].
//!
//! Recording an event is all a family does ([`Events::emit`], under the data
//! lock): it also wakes the delivery task, which turns each new event into
//! one webhook per subscription (see [`super::webhooks`]) and sends them.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::super::handlers::respond::{link, HAL};

/// The id of the Dwolla account the emulator plays (`_links.account` of
/// every event, `accountId` of every webhook).
pub(crate) const ACCOUNT_ID: &str = super::super::Emulator::ACCOUNT_ID;

/// The emulator's clock, for everything about events and webhooks: event
/// and webhook times, delivery attempts, the retry schedule and the
/// auto-pause rule.
///
/// It starts at the wall-clock time the emulator started and runs `scale`
/// times faster than real time (1 by default); [`advance`](Self::advance)
/// jumps it forward. Read and changed under the data lock only.
#[derive(Debug)]
pub(crate) struct Clock {
    /// When it started, in real (tokio) time.
    real_origin: Instant,
    /// When it started, as wall-clock time since the Unix epoch.
    wall_origin: Duration,
    /// How many emulated seconds pass per real second (at least 1).
    scale: u32,
    /// How far [`advance`](Self::advance) moved it, in total.
    advanced: Duration,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(1)
    }
}

impl Clock {
    /// A clock that starts now and runs `scale` times faster than real time
    /// (0 is taken as 1).
    pub(crate) fn new(scale: u32) -> Self {
        Clock {
            real_origin: Instant::now(),
            wall_origin: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or(Duration::ZERO),
            scale: scale.max(1),
            advanced: Duration::ZERO,
        }
    }

    /// Emulated time since the emulator started.
    pub(crate) fn now(&self) -> Duration {
        let real = self.real_origin.elapsed();
        real.checked_mul(self.scale)
            .unwrap_or(Duration::MAX)
            .saturating_add(self.advanced)
    }

    /// Jumps the clock forward by `by`.
    pub(crate) fn advance(&mut self, by: Duration) {
        self.advanced = self.advanced.saturating_add(by);
    }

    /// An emulated time (since the start) as wall-clock time, RFC 3339.
    pub(crate) fn rfc3339_at(&self, at: Duration) -> String {
        rfc3339(self.wall_origin.saturating_add(at))
    }

    /// The emulated time (since the start) at which the UTC day
    /// `days_since_epoch` starts: zero for a day before the start.
    pub(crate) fn day_start(&self, days_since_epoch: u64) -> Duration {
        Duration::from_secs(days_since_epoch.saturating_mul(86_400))
            .saturating_sub(self.wall_origin)
    }

    /// The real time to wait until the emulated time `at` (zero if it has
    /// come).
    pub(crate) fn real_until(&self, at: Duration) -> Duration {
        at.saturating_sub(self.now()) / self.scale
    }
}

/// A time since the Unix epoch as RFC 3339 in UTC with milliseconds, e.g.
/// `2024-05-01T12:34:56.789Z`.
pub(crate) fn rfc3339(since_epoch: Duration) -> String {
    let secs = since_epoch.as_secs();
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

/// Days since the Unix epoch as (year, month, day): Howard Hinnant's
/// `civil_from_days`, for days on or after 1970-01-01.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(month <= 2), month, day)
}

/// A calendar date `YYYY-MM-DD` (a real day of a real month, 1970 or later)
/// as days since the Unix epoch: Howard Hinnant's `days_from_civil`.
pub(crate) fn days_from_date(date: &str) -> Option<u64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u64> {
        let digits = &b[r];
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if year < 1970 || day == 0 || day > days_in_month {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y % 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// One event, as `GET /events/{id}` and a webhook body show it.
#[derive(Clone, Debug)]
pub(crate) struct EventRecord {
    pub(crate) id: String,
    /// e.g. `customer_created`.
    pub(crate) topic: String,
    pub(crate) resource_id: String,
    /// The resource's URL.
    pub(crate) resource_href: String,
    /// The customer's URL, for customer events.
    pub(crate) customer_href: Option<String>,
    /// RFC 3339, when it happened (on the emulator's clock).
    pub(crate) created: String,
    /// When it happened, emulated time since the start.
    pub(crate) at: Duration,
    /// The transfer's `correlationId`, for transfer events that have one.
    pub(crate) correlation_id: Option<String>,
}

impl EventRecord {
    /// The event document: what `GET /events/{id}` answers and every
    /// webhook of it carries, as Dwolla's documented payload has it
    /// (`_links` `account`, `customer` when there is one, `resource`,
    /// `self`; `created`, `id`, `resourceId`, `topic`, and `correlationId`
    /// when set).
    pub(crate) fn json(&self, base: &str) -> Value {
        let mut links = Map::new();
        links.insert(
            "account".into(),
            link(format!("{base}/accounts/{ACCOUNT_ID}"), "account"),
        );
        if let Some(customer) = &self.customer_href {
            links.insert("customer".into(), link(customer.clone(), "customer"));
        }
        // Dwolla's example gives the resource link no `resource-type`.
        links.insert(
            "resource".into(),
            json!({ "href": self.resource_href, "type": HAL }),
        );
        links.insert(
            "self".into(),
            link(format!("{base}/events/{}", self.id), "event"),
        );
        let mut doc = Map::new();
        doc.insert("_links".into(), Value::Object(links));
        doc.insert("created".into(), json!(self.created));
        doc.insert("id".into(), json!(self.id));
        doc.insert("resourceId".into(), json!(self.resource_id));
        doc.insert("topic".into(), json!(self.topic));
        if let Some(c) = &self.correlation_id {
            doc.insert("correlationId".into(), json!(c));
        }
        Value::Object(doc)
    }
}

/// The events, oldest first, and the clock that stamps them.
#[derive(Debug, Default)]
pub(crate) struct Events {
    pub(crate) all: Vec<EventRecord>,
    /// The emulator's clock (see [`Clock`]).
    pub(crate) clock: Clock,
    /// Wakes the delivery task: a new event, a retry asked for, the clock
    /// moved.
    pub(crate) wake: Arc<Notify>,
}

impl Events {
    /// Records an event for the resource at `resource_href` (its id is the
    /// last path segment) and wakes the delivery task; returns its id.
    pub(crate) fn emit(
        &mut self,
        topic: &str,
        resource_href: &str,
        customer_href: Option<&str>,
        correlation_id: Option<&str>,
    ) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        let resource_id = resource_href
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let at = self.clock.now();
        self.all.push(EventRecord {
            id: id.clone(),
            topic: topic.to_owned(),
            resource_id,
            resource_href: resource_href.to_owned(),
            customer_href: customer_href.map(str::to_owned),
            created: self.clock.rfc3339_at(at),
            at,
            correlation_id: correlation_id.map(str::to_owned),
        });
        self.wake.notify_one();
        id
    }

    /// The event with this id (case-insensitive).
    pub(crate) fn get(&self, id: &str) -> Option<&EventRecord> {
        self.all.iter().find(|e| e.id.eq_ignore_ascii_case(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_clock_runs_scaled_and_jumps() {
        let mut clock = Clock::new(3600);
        assert_eq!(clock.now(), Duration::ZERO);
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(clock.now(), Duration::from_secs(3600));
        // 15 minutes of emulated time from the start is 250 ms of real time
        // after it; 1 h 15 min is 1.25 s, so 0.25 s from now.
        assert_eq!(clock.real_until(Duration::from_secs(900)), Duration::ZERO);
        assert_eq!(
            clock.real_until(Duration::from_secs(4500)),
            Duration::from_millis(250)
        );
        clock.advance(Duration::from_secs(900));
        assert_eq!(clock.now(), Duration::from_secs(4500));
        assert_eq!(Clock::new(0).scale, 1);
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339(Duration::ZERO), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339(Duration::from_millis(784_111_777_123)),
            "1994-11-06T08:49:37.123Z"
        );
        assert_eq!(
            rfc3339(Duration::from_secs(1_709_210_096)),
            "2024-02-29T12:34:56.000Z"
        );
        assert_eq!(days_from_date("1970-01-01"), Some(0));
        assert_eq!(days_from_date("2024-02-29"), Some(1_709_210_096 / 86_400));
        for day in [0, 59, 365, 10_000, 19_782, 40_000] {
            let text = rfc3339(Duration::from_secs(day * 86_400));
            assert_eq!(days_from_date(&text[..10]), Some(day), "{text}");
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-04-31",
            "1969-12-31",
            "2024/01/01",
            "",
        ] {
            assert_eq!(days_from_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_event_document_is_dwollas_payload() {
        let e = EventRecord {
            id: "e1".into(),
            topic: "customer_created".into(),
            resource_id: "c1".into(),
            resource_href: "http://h/customers/c1".into(),
            customer_href: Some("http://h/customers/c1".into()),
            created: "2019-05-30T18:21:11.490Z".into(),
            at: Duration::ZERO,
            correlation_id: None,
        };
        let doc = e.json("http://h");
        assert_eq!(doc["_links"]["self"]["href"], "http://h/events/e1");
        assert_eq!(
            doc["_links"]["account"]["href"],
            format!("http://h/accounts/{ACCOUNT_ID}")
        );
        assert_eq!(doc["_links"]["customer"]["resource-type"], "customer");
        assert!(doc["_links"]["resource"].get("resource-type").is_none());
        assert_eq!(doc["resourceId"], "c1");
        assert!(doc.get("correlationId").is_none());
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["_links", "created", "id", "resourceId", "topic"]);
    }
}
