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
use serde_json::{json, Value};

use super::super::state::events::days_from_date;
use super::super::state::Shared;
use super::respond::{
    error, json_response, method_not_allowed, percent_decode, validation_errors, Resp,
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

/// A paged list's query (Dwolla documents no largest page for these lists)
/// and the filters of `GET /webhook-subscriptions/{id}/webhooks`.
#[derive(Debug)]
struct ListQuery {
    paging: super::paging::ListQuery,
    /// `startDate`, as given and as days since the epoch.
    start_date: Option<(String, u64)>,
    /// `endDate`, as given and as days since the epoch.
    end_date: Option<(String, u64)>,
    resource_id: Option<String>,
}

/// The filters kept in the page links.
const FILTERS: &[&str] = &["startDate", "endDate", "resourceId"];

impl ListQuery {
    /// Reads `query`; `filters` says whether the date and resource filters
    /// are read (others are ignored, as Dwolla ignores unknown parameters).
    fn read(query: Option<&str>, filters: bool) -> Result<ListQuery, Resp> {
        let paging = super::paging::ListQuery::read(query, None)?;
        let mut q = ListQuery {
            start_date: None,
            end_date: None,
            resource_id: None,
            paging,
        };
        if !filters {
            return Ok(q);
        }
        let mut problems: Vec<(&str, String, &str)> = Vec::new();
        let mut date = |key: &str, path: &'static str| {
            let v = q.paging.get(key)?.trim();
            match days_from_date(v) {
                Some(d) => Some((v.to_owned(), d)),
                None => {
                    problems.push((
                        "InvalidFormat",
                        "Dates must be of the form YYYY-MM-DD.".to_owned(),
                        path,
                    ));
                    None
                }
            }
        };
        let (start, end) = (date("startDate", "/startDate"), date("endDate", "/endDate"));
        q.start_date = start;
        q.end_date = end;
        q.resource_id = q.paging.get("resourceId").map(|r| r.trim().to_owned());
        if problems.is_empty() {
            Ok(q)
        } else {
            Err(validation_errors(&problems))
        }
    }

    /// One page of `items` (already in order) as a HAL list of the
    /// collection at `path`, its links' resource type `rel`.
    fn page(&self, base: &str, path: &str, rel: &str, items: Vec<Value>) -> Resp {
        self.paging
            .respond(&format!("{base}{path}"), rel, rel, FILTERS, items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_queries() {
        let q = ListQuery::read(None, true).ok().unwrap();
        assert_eq!((q.paging.limit, q.paging.offset), (25, 0));
        let q = ListQuery::read(
            Some("limit=2&offset=4&startDate=2024-03-01&endDate=2024-03-08&resourceId=a%20b"),
            true,
        )
        .ok()
        .unwrap();
        assert_eq!((q.paging.limit, q.paging.offset), (2, 4));
        assert_eq!(
            q.start_date.as_ref().map(|d| d.0.as_str()),
            Some("2024-03-01")
        );
        assert_eq!(q.resource_id.as_deref(), Some("a b"));
        assert_eq!(
            q.end_date.as_ref().map(|d| d.0.as_str()),
            Some("2024-03-08")
        );
        // The filters go back into the page links, encoded.
        let page = q
            .paging
            .page("http://h/w", "webhooks", "webhooks", FILTERS, Vec::new());
        assert_eq!(
            page["_links"]["self"]["href"],
            "http://h/w?limit=2&offset=4&startDate=2024-03-01&endDate=2024-03-08&resourceId=a%20b"
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
