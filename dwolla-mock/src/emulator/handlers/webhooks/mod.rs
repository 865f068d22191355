//! The webhooks family's routes: webhook subscriptions
//! ([`subscriptions`]), the webhooks they keep with every delivery attempt
//! and their retries ([`deliveries`]), and events ([`events`]). Sending is
//! the delivery task's (`emulator/delivery.rs`); the state is
//! `state/webhooks.rs`.
//!
//! Every route first turns the events recorded since the last look into
//! webhooks (`Data::materialize_webhooks`), so what it answers includes
//! them.

mod deliveries;
mod events;
mod subscriptions;

use http::{Method, StatusCode};
use serde_json::{json, Map, Value};

use super::super::state::events::days_from_date;
use super::super::state::Shared;
use super::respond::{
    error, form_decode, hal, json_response, link, method_not_allowed, percent_decode,
    validation_errors, Resp,
};
use super::Call;

/// Answers the paths this family serves; `None` for the others.
pub(crate) fn route(call: &Call<'_>) -> Option<Resp> {
    let method = call.method;
    Some(match *call.segs {
        ["webhook-subscriptions"] => match *method {
            Method::GET => subscriptions::list(call),
            Method::POST => subscriptions::create(call),
            _ => method_not_allowed(),
        },
        ["webhook-subscriptions", id] => match *method {
            Method::GET => subscriptions::get(call, id),
            Method::POST => subscriptions::update(call, id),
            Method::DELETE => subscriptions::delete(call, id),
            _ => method_not_allowed(),
        },
        ["webhook-subscriptions", id, "webhooks"] => match *method {
            Method::GET => deliveries::list(call, id),
            _ => method_not_allowed(),
        },
        ["webhooks", id] => match *method {
            Method::GET => deliveries::get(call, id),
            _ => method_not_allowed(),
        },
        ["webhooks", id, "retries"] => match *method {
            Method::GET => deliveries::retries(call, id),
            Method::POST => deliveries::retry(call, id),
            _ => method_not_allowed(),
        },
        // Where `POST /webhooks/{id}/retries` points its `Location`.
        ["webhooks", id, "retries", retry] => match *method {
            Method::GET => deliveries::get_retry(call, id, retry),
            _ => method_not_allowed(),
        },
        ["events"] => match *method {
            Method::GET => events::list(call),
            _ => method_not_allowed(),
        },
        ["events", id] => match *method {
            Method::GET => events::get(call, id),
            _ => method_not_allowed(),
        },
        _ => return None,
    })
}

/// Marks an exchange (by id or URL) as needing re-authentication and
/// records its `customer_exchange_reauth_required` event: the exchange's URL
/// and the event's id; `None` for an unknown exchange.
pub(crate) fn exchange_reauth_required(
    shared: &Shared,
    exchange: &str,
) -> Option<(String, String)> {
    let id = exchange
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let base = &shared.base_url;
    let mut data = shared.data();
    let e = data.exchange_mut(id)?;
    e.needs_reauth = true;
    let href = format!("{base}/exchanges/{}", e.id);
    let customer = format!("{base}/customers/{}", e.customer_id);
    let event = data.events.emit(
        "customer_exchange_reauth_required",
        &href,
        Some(&customer),
        None,
    );
    tracing::info!(exchange = %href, "dwolla emulator: exchange needs re-authentication");
    Some((href, event))
}

/// `POST /_emulator/exchanges/{id}/reauth-required`: 200
/// `{"exchange": URL, "event": URL}`; 404 for an unknown exchange.
pub(crate) fn reauth_required_route(shared: &Shared, id: &str) -> Resp {
    let found = percent_decode(id).and_then(|id| exchange_reauth_required(shared, &id));
    match found {
        Some((exchange, event)) => json_response(
            StatusCode::OK,
            "application/json",
            &json!({
                "exchange": exchange,
                "event": format!("{}/events/{event}", shared.base_url),
            }),
        ),
        None => error(StatusCode::NOT_FOUND, "NotFound", "Exchange not found."),
    }
}

/// `limit` when none is given.
const DEFAULT_LIMIT: u32 = 25;

/// A paged list's query: `limit` (1 or more; Dwolla documents no largest),
/// `offset`, and the filters of `GET /webhook-subscriptions/{id}/webhooks`.
#[derive(Debug, Default)]
struct ListQuery {
    limit: u32,
    offset: u64,
    /// `startDate`, as given and as days since the epoch.
    start_date: Option<(String, u64)>,
    /// `endDate`, as given and as days since the epoch.
    end_date: Option<(String, u64)>,
    resource_id: Option<String>,
}

impl ListQuery {
    /// Reads `query`; `filters` says whether the date and resource filters
    /// are read (others are ignored, as Dwolla ignores unknown parameters).
    fn read(query: Option<&str>, filters: bool) -> Result<ListQuery, Resp> {
        let mut q = ListQuery {
            limit: DEFAULT_LIMIT,
            ..ListQuery::default()
        };
        let mut problems: Vec<(&str, String, &str)> = Vec::new();
        for pair in query
            .unwrap_or_default()
            .split('&')
            .filter(|s| !s.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(k), Some(v)) = (form_decode(k), form_decode(v)) else {
                problems.push(("Invalid", "The query string is not valid.".into(), "/"));
                continue;
            };
            let date = |path| {
                days_from_date(v.trim())
                    .map(|d| (v.trim().to_owned(), d))
                    .ok_or((
                        "InvalidFormat",
                        "Dates must be of the form YYYY-MM-DD.".to_owned(),
                        path,
                    ))
            };
            match k.as_str() {
                "limit" => match v.trim().parse::<u32>() {
                    Ok(n) if n >= 1 => q.limit = n,
                    _ => problems.push((
                        "Invalid",
                        "Limit must be a whole number, 1 or more.".into(),
                        "/limit",
                    )),
                },
                "offset" => match v.trim().parse::<u64>() {
                    Ok(n) => q.offset = n,
                    Err(_) => problems.push((
                        "Invalid",
                        "Offset must be a whole number, 0 or more.".into(),
                        "/offset",
                    )),
                },
                "startDate" if filters => match date("/startDate") {
                    Ok(d) => q.start_date = Some(d),
                    Err(p) => problems.push(p),
                },
                "endDate" if filters => match date("/endDate") {
                    Ok(d) => q.end_date = Some(d),
                    Err(p) => problems.push(p),
                },
                "resourceId" if filters => q.resource_id = Some(v.trim().to_owned()),
                _ => {}
            }
        }
        if problems.is_empty() {
            Ok(q)
        } else {
            Err(validation_errors(&problems))
        }
    }

    /// The filters, as they go back into the page links.
    fn filters(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        if let Some((d, _)) = &self.start_date {
            out.push(("startDate", d.as_str()));
        }
        if let Some((d, _)) = &self.end_date {
            out.push(("endDate", d.as_str()));
        }
        if let Some(r) = &self.resource_id {
            out.push(("resourceId", r.as_str()));
        }
        out
    }

    /// One page of `items` (already in order): the HAL list document with
    /// `_embedded.{rel}`, `total` and the `self`, `first`, `last`, `next`
    /// and `prev` links, each as an absolute URL of `path`.
    fn page(&self, base: &str, path: &str, rel: &str, items: Vec<Value>) -> Resp {
        let total = items.len() as u64;
        let limit = u64::from(self.limit);
        let page: Vec<Value> = items
            .into_iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(self.limit as usize)
            .collect();
        let filters = self.filters();
        let href = |offset: u64| {
            let mut href = format!("{base}{path}?limit={}&offset={offset}", self.limit);
            for (k, v) in &filters {
                href.push('&');
                href.push_str(k);
                href.push('=');
                href.push_str(&percent_encode(v));
            }
            href
        };
        let last = if total == 0 {
            0
        } else {
            (total - 1) / limit * limit
        };
        let mut links = Map::new();
        links.insert("self".into(), link(href(self.offset), rel));
        links.insert("first".into(), link(href(0), rel));
        links.insert("last".into(), link(href(last), rel));
        if self.offset.saturating_add(limit) < total {
            links.insert("next".into(), link(href(self.offset + limit), rel));
        }
        if self.offset > 0 {
            let prev = self.offset.saturating_sub(limit).min(last);
            links.insert("prev".into(), link(href(prev), rel));
        }
        hal(
            StatusCode::OK,
            &json!({ "_links": links, "_embedded": { rel: page }, "total": total }),
        )
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_queries() {
        let q = ListQuery::read(None, true).ok().unwrap();
        assert_eq!((q.limit, q.offset), (25, 0));
        let q = ListQuery::read(
            Some("limit=2&offset=4&startDate=2024-03-01&endDate=2024-03-08&resourceId=a%20b"),
            true,
        )
        .ok()
        .unwrap();
        assert_eq!((q.limit, q.offset), (2, 4));
        assert_eq!(
            q.start_date.as_ref().map(|d| d.0.as_str()),
            Some("2024-03-01")
        );
        assert_eq!(q.resource_id.as_deref(), Some("a b"));
        assert_eq!(
            q.filters(),
            [
                ("startDate", "2024-03-01"),
                ("endDate", "2024-03-08"),
                ("resourceId", "a b")
            ]
        );
        for bad in [
            "limit=0",
            "limit=x",
            "offset=-1",
            "startDate=2024-02-30",
            "endDate=March",
        ] {
            assert!(ListQuery::read(Some(bad), true).is_err(), "{bad}");
        }
        // The filters are ignored where they do not apply.
        assert!(ListQuery::read(Some("startDate=March"), false).is_ok());
    }
}
