//! Webhooks and their retries: `GET /webhook-subscriptions/{id}/webhooks`,
//! `GET /webhooks/{id}`, `GET` and `POST /webhooks/{id}/retries`.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::events::ACCOUNT_ID;
use super::super::super::state::webhooks::{Attempt, Header, Retry, Webhook};
use super::super::auth::check_content_type;
use super::super::idempotency::{idempotency_key, remember, replay};
use super::super::respond::{created, error, hal, link, not_found, Resp};
use super::{Call, ListQuery};

fn headers_json(headers: &[Header]) -> Vec<Value> {
    headers
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect()
}

fn attempt_json(a: &Attempt) -> Value {
    let mut doc = json!({
        "id": a.id,
        "request": {
            "timestamp": a.request.timestamp,
            "url": a.request.url,
            "headers": headers_json(&a.request.headers),
            "body": a.request.body,
        },
    });
    if let Some(r) = &a.response {
        doc["response"] = json!({
            "timestamp": r.timestamp,
            "headers": headers_json(&r.headers),
            "statusCode": r.status,
            "body": r.body,
        });
    }
    doc
}

/// A webhook as `GET /webhooks/{id}` shows it: its attempts oldest first
/// (none while its subscription was paused).
fn webhook_json(base: &str, w: &Webhook) -> Value {
    let href = format!("{base}/webhooks/{}", w.id);
    json!({
        "_links": {
            "self": link(href.clone(), "webhook"),
            "subscription": link(format!("{base}/webhook-subscriptions/{}", w.subscription_id), "webhook-subscription"),
            "retry": link(format!("{href}/retries"), "retry"),
            "event": link(format!("{base}/events/{}", w.event_id), "event"),
        },
        "id": w.id,
        "topic": w.topic,
        "accountId": ACCOUNT_ID,
        "eventId": w.event_id,
        "subscriptionId": w.subscription_id,
        "attempts": w.attempts.iter().map(attempt_json).collect::<Vec<_>>(),
    })
}

fn retry_json(base: &str, webhook_id: &str, r: &Retry) -> Value {
    let webhook = format!("{base}/webhooks/{webhook_id}");
    json!({
        "_links": {
            "self": link(format!("{webhook}/retries/{}", r.id), "retry"),
            "webhook": link(webhook, "webhook"),
        },
        "id": r.id,
        "timestamp": r.timestamp,
    })
}

fn webhook_not_found() -> Resp {
    error(StatusCode::NOT_FOUND, "NotFound", "Webhook not found.")
}

/// `GET /webhook-subscriptions/{id}/webhooks`: newest first, paged
/// (`limit`, `offset`), filtered by `startDate` and `endDate` (UTC days,
/// both included, of the event's time on the emulator's clock) and
/// `resourceId`.
pub(super) fn list(call: &Call<'_>, subscription_id: &str) -> Resp {
    let q = match ListQuery::read(call.query, true) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    let Some(sub) = data.webhooks.subscription(subscription_id) else {
        return not_found();
    };
    let clock = &data.events.clock;
    let from = q.start_date.as_ref().map(|(_, d)| clock.day_start(*d));
    let until = q
        .end_date
        .as_ref()
        .map(|(_, d)| clock.day_start(d.saturating_add(1)));
    let items: Vec<Value> = data
        .webhooks
        .webhooks
        .iter()
        .rev()
        .filter(|w| w.subscription_id == sub.id)
        .filter(|w| from.is_none_or(|f| w.at >= f))
        .filter(|w| until.is_none_or(|u| w.at < u))
        .filter(|w| {
            q.resource_id
                .as_deref()
                .is_none_or(|r| w.resource_id.eq_ignore_ascii_case(r))
        })
        .map(|w| webhook_json(base, w))
        .collect();
    let path = format!("/webhook-subscriptions/{}/webhooks", sub.id);
    q.page(base, &path, "webhooks", items)
}

/// `GET /webhooks/{id}`.
pub(super) fn get(call: &Call<'_>, id: &str) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    match data.webhooks.webhook(id) {
        Some(w) => hal(StatusCode::OK, &webhook_json(base, w)),
        None => webhook_not_found(),
    }
}

/// `GET /webhooks/{id}/retries`: the retries asked for, oldest first.
pub(super) fn retries(call: &Call<'_>, id: &str) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    let Some(w) = data.webhooks.webhook(id) else {
        return webhook_not_found();
    };
    let all: Vec<Value> = w
        .retries
        .iter()
        .map(|r| retry_json(base, &w.id, r))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{base}/webhooks/{}/retries", w.id), "retry") },
            "_embedded": { "retries": all },
            "total": all.len(),
        }),
    )
}

/// `POST /webhooks/{id}/retries`: sends the webhook again now (even to a
/// paused subscription: it was asked for), recorded as one more attempt;
/// 201 with `Location: .../webhooks/{id}/retries/{retry id}`. Honours
/// `Idempotency-Key`.
pub(super) fn retry(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = &call.shared.base_url;
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    if data.webhooks.webhook(id).is_none() {
        return webhook_not_found();
    }
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let timestamp = data.events.clock.rfc3339_at(data.events.clock.now());
    let retry_id = uuid::Uuid::new_v4().to_string();
    let Some(w) = data.webhooks.webhook_mut(id) else {
        return webhook_not_found();
    };
    w.retries.push(Retry {
        id: retry_id.clone(),
        timestamp,
    });
    w.manual_pending += 1;
    let location = format!("{base}/webhooks/{}/retries/{retry_id}", w.id);
    data.events.wake.notify_one();
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

/// `GET /webhooks/{id}/retries/{retry id}`: one retry (where the `Location`
/// of `POST /webhooks/{id}/retries` points).
pub(super) fn get_retry(call: &Call<'_>, id: &str, retry_id: &str) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    let Some(w) = data.webhooks.webhook(id) else {
        return webhook_not_found();
    };
    match w
        .retries
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(retry_id))
    {
        Some(r) => hal(StatusCode::OK, &retry_json(base, &w.id, r)),
        None => not_found(),
    }
}
