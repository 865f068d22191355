//! Paged lists, as every family serves them: the query read (`limit`,
//! `offset` and the family's filters, in order), and one page written as a
//! HAL collection with `total` and the `self`, `first`, `last`, `next` and
//! `prev` links (absolute URLs that keep the filters).

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::respond::{form_decode, link, validation_errors, Resp};

/// The page size when `limit` is not given.
pub(crate) const DEFAULT_LIMIT: u32 = 25;
/// The largest page Dwolla documents (customers, an account's mass
/// payments); the emulator's lists that take a largest use it.
pub(crate) const MAX_LIMIT: u32 = 200;

/// A list query, read: `limit` (default 25), `offset`, and every other pair
/// in order, for the family to read its filters from.
#[derive(Debug)]
pub(crate) struct ListQuery {
    pub(crate) limit: u32,
    pub(crate) offset: u64,
    pub(crate) pairs: Vec<(String, String)>,
}

impl ListQuery {
    /// Reads `query`; a `limit` must be from 1 to `max` (1 or more for
    /// `None`: Dwolla documents no largest page for some lists). Every bad
    /// member is refused in one 400 `ValidationError`.
    pub(crate) fn read(query: Option<&str>, max: Option<u32>) -> Result<ListQuery, Resp> {
        let mut q = ListQuery {
            limit: DEFAULT_LIMIT,
            offset: 0,
            pairs: Vec::new(),
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
            match k.as_str() {
                "limit" => match v.trim().parse::<u32>() {
                    Ok(n) if n >= 1 && max.is_none_or(|m| n <= m) => q.limit = n,
                    _ => problems.push((
                        "Invalid",
                        match max {
                            Some(m) => format!("Limit must be a whole number from 1 to {m}."),
                            None => "Limit must be a whole number, 1 or more.".into(),
                        },
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
                _ => q.pairs.push((k, v)),
            }
        }
        if problems.is_empty() {
            Ok(q)
        } else {
            Err(validation_errors(&problems))
        }
    }

    /// The first value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order.
    pub(crate) fn all(&self, key: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// One page of `items` (already filtered and ordered) as a HAL list under
    /// `_embedded.<rel>`, with `total` and the paging links of `collection`
    /// (an absolute URL without query; each link's `resource-type` is
    /// `resource_type`), the pairs named in `filters` kept in each link.
    pub(crate) fn page(
        &self,
        collection: &str,
        rel: &str,
        resource_type: &str,
        filters: &[&str],
        items: Vec<Value>,
    ) -> Value {
        let total = items.len() as u64;
        let limit = u64::from(self.limit);
        let page: Vec<Value> = items
            .into_iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(self.limit as usize)
            .collect();
        let mut kept = String::new();
        for (k, v) in &self.pairs {
            if filters.contains(&k.as_str()) {
                kept.push('&');
                kept.push_str(&percent_encode(k));
                kept.push('=');
                kept.push_str(&percent_encode(v));
            }
        }
        let href = |offset: u64| format!("{collection}?limit={}&offset={offset}{kept}", self.limit);
        let last = if total == 0 {
            0
        } else {
            (total - 1) / limit * limit
        };
        let mut links = Map::new();
        links.insert("self".into(), link(href(self.offset), resource_type));
        links.insert("first".into(), link(href(0), resource_type));
        links.insert("last".into(), link(href(last), resource_type));
        if self.offset.saturating_add(limit) < total {
            links.insert(
                "next".into(),
                link(href(self.offset + limit), resource_type),
            );
        }
        if self.offset > 0 {
            let prev = self.offset.saturating_sub(limit).min(last);
            links.insert("prev".into(), link(href(prev), resource_type));
        }
        let mut embedded = Map::new();
        embedded.insert(rel.to_owned(), Value::Array(page));
        json!({
            "_links": links,
            "_embedded": embedded,
            "total": total,
        })
    }

    /// [`page`](Self::page) as a 200 response.
    pub(crate) fn respond(
        &self,
        collection: &str,
        rel: &str,
        resource_type: &str,
        filters: &[&str],
        items: Vec<Value>,
    ) -> Resp {
        super::respond::hal(
            StatusCode::OK,
            &self.page(collection, rel, resource_type, filters, items),
        )
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub(crate) fn percent_encode(s: &str) -> String {
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
    fn query_limits_and_filters() {
        assert_eq!(
            ListQuery::read(None, Some(200)).ok().map(|q| q.limit),
            Some(25)
        );
        assert_eq!(
            ListQuery::read(Some("limit=200"), Some(200))
                .ok()
                .map(|q| q.limit),
            Some(200)
        );
        assert!(ListQuery::read(Some("limit=201"), Some(200)).is_err());
        assert!(ListQuery::read(Some("limit=5000"), None).is_ok());
        assert!(ListQuery::read(Some("limit=0"), None).is_err());
        assert!(ListQuery::read(Some("offset=-1"), None).is_err());
        let q = ListQuery::read(Some("status=document&status=retry&search=jane+doe"), None)
            .ok()
            .unwrap();
        assert_eq!(q.all("status"), ["document", "retry"]);
        assert_eq!(q.get("search"), Some("jane doe"));
    }

    #[test]
    fn page_links_keep_the_filters_encoded() {
        let q = ListQuery::read(
            Some("limit=2&offset=2&search=jane+doe&email=a%2Bb%40c.d&other=x"),
            None,
        )
        .ok()
        .unwrap();
        let items = (0..5).map(|i| json!({ "id": i })).collect();
        let doc = q.page(
            "http://h/customers",
            "customers",
            "customer",
            &["search", "email"],
            items,
        );
        assert_eq!(doc["total"], 5);
        assert_eq!(
            doc["_embedded"]["customers"],
            json!([{ "id": 2 }, { "id": 3 }])
        );
        assert_eq!(
            doc["_links"]["next"]["href"],
            "http://h/customers?limit=2&offset=4&search=jane%20doe&email=a%2Bb%40c.d"
        );
        assert_eq!(
            doc["_links"]["prev"]["href"],
            "http://h/customers?limit=2&offset=0&search=jane%20doe&email=a%2Bb%40c.d"
        );
        assert_eq!(
            doc["_links"]["last"]["href"],
            "http://h/customers?limit=2&offset=4&search=jane%20doe&email=a%2Bb%40c.d"
        );
        // The last page has no next.
        let q = ListQuery::read(Some("limit=2&offset=4"), None)
            .ok()
            .unwrap();
        let doc = q.page(
            "http://h/x",
            "x",
            "x",
            &[],
            (0..5).map(|i| json!(i)).collect(),
        );
        assert!(doc["_links"].get("next").is_none());
        assert_eq!(doc["_embedded"]["x"], json!([4]));
    }
}
