//! Webhook subscriptions: `POST` and `GET /webhook-subscriptions`, and
//! `GET`, `POST` (pause, unpause) and `DELETE /webhook-subscriptions/{id}`.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::webhooks::Subscription;
use super::super::auth::check_content_type;
use super::super::idempotency::{idempotency_key, remember, remember_reply, replay};
use super::super::respond::{
    created, error, hal, link, not_found, parse_json_object, validation_errors, Resp,
};
use super::Call;

/// The longest secret Dwolla takes, in characters.
const MAX_SECRET_CHARS: usize = 128;

/// A subscription as Dwolla shows it (never its secret).
pub(super) fn subscription_json(base: &str, s: &Subscription) -> Value {
    let href = format!("{base}/webhook-subscriptions/{}", s.id);
    json!({
        "_links": {
            "self": link(href.clone(), "webhook-subscription"),
            "webhooks": link(format!("{href}/webhooks"), "webhook"),
        },
        "id": s.id,
        "url": s.url,
        "paused": s.paused,
        "created": s.created,
    })
}

/// Whether `url` is one Dwolla would take: an absolute `http` or `https`
/// URL with a host and no user info. (Which ones the emulator can deliver
/// to is the delivery's business: `http` on loopback.)
fn is_valid_url(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else {
        return false;
    };
    let scheme_ok = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    let authority_ok = uri
        .authority()
        .is_some_and(|a| !a.as_str().contains('@') && !a.host().is_empty());
    scheme_ok && authority_ok && url.len() <= 2048
}

/// `POST /webhook-subscriptions` `{url, secret}`: 201 with `Location`.
pub(super) fn create(call: &Call<'_>) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let shared = call.shared;
    let key = idempotency_key(call.headers);
    let mut data = shared.data();
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let mut problems: Vec<(&str, String, &str)> = Vec::new();
    let url = match body.get("url") {
        Some(Value::String(u)) if !u.trim().is_empty() => {
            if is_valid_url(u.trim()) {
                Some(u.trim().to_owned())
            } else {
                problems.push(("InvalidFormat", "Url must be a valid url.".into(), "/url"));
                None
            }
        }
        None | Some(Value::Null) | Some(Value::String(_)) => {
            problems.push(("Required", "Url is required.".into(), "/url"));
            None
        }
        Some(_) => {
            problems.push(("InvalidFormat", "Url must be a valid url.".into(), "/url"));
            None
        }
    };
    let secret = match body.get("secret") {
        Some(Value::String(s)) if !s.is_empty() => {
            if s.chars().count() > MAX_SECRET_CHARS {
                problems.push((
                    "InvalidFormat",
                    format!("Secret must be {MAX_SECRET_CHARS} or fewer characters."),
                    "/secret",
                ));
                None
            } else {
                Some(s.clone())
            }
        }
        None | Some(Value::Null) | Some(Value::String(_)) => {
            problems.push(("Required", "Secret is required.".into(), "/secret"));
            None
        }
        Some(_) => {
            problems.push((
                "InvalidFormat",
                "Secret must be a string.".into(),
                "/secret",
            ));
            None
        }
    };
    let (Some(url), Some(secret), true) = (url, secret, problems.is_empty()) else {
        return validation_errors(&problems);
    };
    let base = &shared.base_url;
    data.materialize_webhooks(base);
    if data.webhooks.subscriptions.len() >= data.webhooks.settings.max_subscriptions {
        return error(
            StatusCode::BAD_REQUEST,
            "MaxNumberOfResources",
            "The maximum number of subscriptions has been reached.",
        );
    }
    let id = uuid::Uuid::new_v4().to_string();
    let at = data.events.clock.now();
    let created_at = data.events.clock.rfc3339_at(at);
    data.webhooks.subscriptions.push(Subscription {
        id: id.clone(),
        url,
        secret,
        paused: false,
        created: created_at,
        consecutive_failures: 0,
        without_success_since: at,
        in_flight: 0,
    });
    let location = format!("{base}/webhook-subscriptions/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    tracing::debug!(subscription = %id, "dwolla emulator: webhook subscription created");
    created(&location)
}

/// `GET /webhook-subscriptions`: every subscription, oldest first (not
/// paged, as Dwolla's).
pub(super) fn list(call: &Call<'_>) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    let all: Vec<Value> = data
        .webhooks
        .subscriptions
        .iter()
        .map(|s| subscription_json(base, s))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(format!("{base}/webhook-subscriptions"), "webhook-subscription") },
            "_embedded": { "webhook-subscriptions": all },
            "total": all.len(),
        }),
    )
}

/// `GET /webhook-subscriptions/{id}`.
pub(super) fn get(call: &Call<'_>, id: &str) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    match data.webhooks.subscription(id) {
        Some(s) => hal(StatusCode::OK, &subscription_json(base, s)),
        None => not_found(),
    }
}

fn bad_request() -> Resp {
    error(
        StatusCode::BAD_REQUEST,
        "BadRequest",
        "The request body contains bad syntax or is incomplete.",
    )
}

/// `POST /webhook-subscriptions/{id}` `{"paused": true|false}`: 200 with
/// the subscription. Unpausing starts its count of failures afresh; it
/// does not send what was missed.
pub(super) fn update(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = &call.shared.base_url;
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    if data.webhooks.subscription(id).is_none() {
        return not_found();
    }
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let Some(paused) = serde_json::from_slice::<Value>(call.body)
        .ok()
        .and_then(|v| v.get("paused").and_then(Value::as_bool))
    else {
        return bad_request();
    };
    let now = data.events.clock.now();
    let Some(s) = data.webhooks.subscription_mut(id) else {
        return not_found();
    };
    if s.paused && !paused {
        s.consecutive_failures = 0;
        s.without_success_since = now;
    }
    s.paused = paused;
    let doc = subscription_json(base, s);
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}

/// `DELETE /webhook-subscriptions/{id}`: 200 with the subscription as it
/// was; its webhooks are deleted with it (attempts in flight finish
/// unrecorded).
pub(super) fn delete(call: &Call<'_>, id: &str) -> Resp {
    let base = &call.shared.base_url;
    let mut data = call.shared.data();
    data.materialize_webhooks(base);
    let Some(pos) = data
        .webhooks
        .subscriptions
        .iter()
        .position(|s| s.id.eq_ignore_ascii_case(id))
    else {
        return not_found();
    };
    let gone = data.webhooks.subscriptions.remove(pos);
    data.webhooks
        .webhooks
        .retain(|w| w.subscription_id != gone.id);
    hal(StatusCode::OK, &subscription_json(base, &gone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.com/hooks",
            "http://127.0.0.1:8080/hooks",
            "HTTP://localhost/x",
            "http://[::1]:9/x",
        ] {
            assert!(is_valid_url(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com/hooks",
            "ftp://example.com",
            "https://user:pw@example.com/",
            "https://exa mple.com",
            "/hooks",
        ] {
            assert!(!is_valid_url(bad), "{bad}");
        }
    }
}
