//! Exchange sessions: `POST /customers/{id}/exchange-sessions`,
//! `GET /exchange-sessions/{id}` and the re-authentication
//! `POST /exchanges/{id}/exchange-sessions`.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::super::state::{bank_name, Data, Handoff, LinkToken, Partner, Session, Shared};
use super::idempotency::{begin, idempotency_key, remember, replay, Creating};
use super::partners;
use super::respond::{
    created, error, hal, link, not_found, parse_json_object, rfc3339_now, validation_embedded, Resp,
};

const REDIRECT_PATH: &str = "/_links/redirect-url/href";

pub(crate) fn create(
    shared: &Shared,
    customer_id: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
    let Creating {
        mut data,
        key,
        body: v,
    } = match begin(shared, customer_id, path, headers, body) {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let partner = match partners::from_body(shared, &v) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    if !partner.supports_product {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "The exchange partner specified does not support this product",
        );
    }
    if !partner.enabled {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Exchange sessions with this exchange partner are not enabled for your account",
        );
    }
    if let Err(resp) = check_redirect(shared, &v) {
        return resp;
    }
    let for_whom = Owner {
        customer_id,
        account: None,
    };
    store(shared, &mut data, partner, &for_whom, key, path, body)
}

/// Checks `_links.redirect-url.href` when present; `Ok(Some(url))` when
/// present and configured.
fn check_redirect(shared: &Shared, body: &Value) -> Result<Option<String>, Resp> {
    let Some(redirect) = body.pointer("/_links/redirect-url") else {
        return Ok(None);
    };
    let href = redirect.get("href").and_then(Value::as_str);
    let Some(href) = href.filter(|h| is_valid_redirect(h)) else {
        // Top-level form, as the docs show it.
        return Err(error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "/_links/redirect-url/href is invalid",
        ));
    };
    if !shared.config.redirect_urls.iter().any(|u| u == href) {
        // Embedded form, with the path, as live traffic sends it.
        return Err(validation_embedded(
            "Invalid",
            "The provided redirect URL must exactly match one of the configured URLs for the account.",
            REDIRECT_PATH,
        ));
    }
    Ok(Some(href.to_owned()))
}

/// An `https://` URL with a host, or an Android package name.
fn is_valid_redirect(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(rest) = href.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return !host.is_empty() && href.parse::<http::Uri>().is_ok();
    }
    let mut parts = 0;
    for part in href.split('.') {
        parts += 1;
        let mut chars = part.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return false;
        }
    }
    parts >= 2
}

/// Whom a session links a bank account for.
struct Owner<'a> {
    customer_id: &'a str,
    /// The account being re-authenticated; `None` for a new link.
    account: Option<String>,
}

fn store(
    shared: &Shared,
    data: &mut Data,
    partner: &Partner,
    owner: &Owner<'_>,
    key: Option<&str>,
    path: &str,
    body: &Bytes,
) -> Resp {
    let id = uuid::Uuid::new_v4().to_string();
    let link_token = (partner.handoff == Some(Handoff::LinkToken)).then(|| {
        let token = format!("link-sandbox-{}", uuid::Uuid::new_v4());
        // The account the user will pick in Plaid Link: the re-authenticated
        // one, or a new one.
        let account = owner
            .account
            .clone()
            .unwrap_or_else(|| data.new_account(bank_name(&partner.name)));
        data.link_tokens.insert(
            token.clone(),
            LinkToken {
                customer_id: owner.customer_id.to_owned(),
                account,
            },
        );
        token
    });
    if partner.name.eq_ignore_ascii_case("mx") {
        // The emulator plays the user finishing MX Connect at once.
        data.mx_connect(owner.customer_id);
    }
    let session = Session {
        partner_id: partner.id.clone(),
        created: rfc3339_now(),
        link_token,
        connect_url: match partner.handoff {
            Some(Handoff::ConnectUrl(base)) => {
                Some(format!("{base}{}", uuid::Uuid::new_v4().simple()))
            }
            _ => None,
        },
    };
    data.sessions.insert(id.clone(), session);
    let location = format!("{}/exchange-sessions/{id}", shared.base_url);
    remember(data, key, path, body, &location);
    Shared::bump(&shared.sessions_created);
    created(&location)
}

pub(crate) fn get(shared: &Shared, id: &str) -> Resp {
    let Some(s) = shared.data().sessions.get(id).cloned() else {
        return error(
            StatusCode::NOT_FOUND,
            "notFound",
            "Exchange session not found.",
        );
    };
    let mut links = json!({
        "self": link(format!("{}/exchange-sessions/{id}", shared.base_url), "exchange-session"),
        "exchange-partner": link(format!("{}/exchange-partners/{}", shared.base_url, s.partner_id), "exchange-partner"),
    });
    if let Some(url) = &s.connect_url {
        links["external-provider-session"] =
            json!({ "href": url, "type": "text/html", "resource-type": "text/html" });
    }
    let mut doc = json!({ "_links": links, "created": s.created });
    if let Some(t) = &s.link_token {
        doc["externalProviderSessionToken"] = json!(t);
    }
    hal(StatusCode::OK, &doc)
}

pub(crate) fn create_reauth(
    shared: &Shared,
    exchange_id: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Resp {
    let key = idempotency_key(headers);
    let mut data = shared.data();
    let Some(exchange) = data.exchange(exchange_id).cloned() else {
        return error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Not authorized to create re-authentication exchange session.",
        );
    };
    if let Some(resp) = replay(&data, key, path, body) {
        return resp;
    }
    let is_blank = body.iter().all(u8::is_ascii_whitespace);
    if !is_blank {
        let v = match parse_json_object(body) {
            Ok(v) => v,
            Err(resp) => return resp,
        };
        if let Err(resp) = check_redirect(shared, &v) {
            return resp;
        }
    }
    let Some(partner) = shared.config.partner_by_id(&exchange.partner_id) else {
        return not_found();
    };
    let owner = Owner {
        customer_id: &exchange.customer_id,
        account: Some(exchange.account),
    };
    store(shared, &mut data, partner, &owner, key, path, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects() {
        for ok in ["https://example.com/app123", "com.example.app123", "a.b"] {
            assert!(is_valid_redirect(ok), "{ok}");
        }
        for bad in [
            "",
            "http://example.com",
            "ftp://x",
            "com..x",
            "app",
            "com.1x",
            "https://",
            "a b.c",
        ] {
            assert!(!is_valid_redirect(bad), "{bad}");
        }
    }
}
