//! The emulator's open-banking flow end to end over real HTTP: exchange
//! sessions, the partner's side (Plaid public tokens, MX connections),
//! exchanges and funding sources.
#![cfg(feature = "emulator")]

mod support;

use base64::Engine as _;
use dwolla_core::exchange_sessions::{CreateCustomerExchangeSession, CreateReAuthExchangeSession};
use dwolla_core::{AccessToken, ApiError, ApiErrorKind};
use dwolla_mock::emulator::Emulator;
use serde_json::{json, Value};
use support::{Http, Reply};

/// An emulator, a client and a token.
struct Flow {
    emu: Emulator,
    http: Http,
    token: AccessToken,
}

async fn start() -> Flow {
    start_with(Emulator::builder()).await
}

async fn start_with(builder: dwolla_mock::emulator::EmulatorBuilder) -> Flow {
    let emu = builder.start().await.unwrap();
    let http = Http::new(emu.base_url());
    let token = http.token(&emu.credentials()).await;
    Flow { emu, http, token }
}

/// The bodies the SDK sends, byte for byte.
fn plaid_body(partner: &str, public_token: &str) -> String {
    format!(
        r#"{{"_links":{{"exchange-partner":{{"href":"{partner}"}}}},"plaid":{{"publicToken":"{public_token}"}}}}"#
    )
}

fn mx_body(partner: &str, connection: &str) -> String {
    format!(
        r#"{{"_links":{{"exchange-partner":{{"href":"{partner}"}}}},"mx":{{"availableConnectionToken":"{connection}"}}}}"#
    )
}

fn token_body(partner: &str, token: &str) -> String {
    format!(r#"{{"_links":{{"exchange-partner":{{"href":"{partner}"}}}},"token":"{token}"}}"#)
}

fn finicity_body(partner: &str) -> String {
    format!(
        r#"{{"_links":{{"exchange-partner":{{"href":"{partner}"}}}},"finicity":{{"profile":3,"version":"1","receiptId":"cr_4N47ou7SlppuIxq0ZUtACh10vYcloY","receiptVersion":"1","customerId":"5454874858510164117","partnerId":2445583946651,"products":[{{"product":"moneyTransferDetails","accountId":"1015199035827334916","accessPeriod":{{"type":"timeframe","startTime":"2022-07-06","endTime":"2022-08-16T06:06:20Z"}}}}],"timestamp":"2022-07-11T06:06:23Z"}}}}"#
    )
}

fn funding_source_body(exchange_href: &str, account_type: &str, name: &str) -> String {
    format!(
        r#"{{"_links":{{"exchange":{{"href":"{exchange_href}"}}}},"bankAccountType":"{account_type}","name":"{name}"}}"#
    )
}

impl Flow {
    fn partner(&self, name: &str) -> String {
        self.emu.partner_href(name).unwrap()
    }

    fn customer_path(&self, what: &str) -> String {
        format!("/customers/{}/{what}", Emulator::CUSTOMER_ID)
    }

    fn exchange_href(&self, id: &str) -> String {
        format!("{}/exchanges/{id}", self.emu.base_url())
    }

    /// Creates a Plaid session for the default customer and reads its Link
    /// token, through the SDK's operations.
    async fn plaid_link_token(&self) -> String {
        let op = CreateCustomerExchangeSession::web(Emulator::CUSTOMER_ID, self.partner("Plaid"));
        let created = self.http.call(&self.emu, &self.token, &op).await.unwrap();
        let session = self
            .http
            .call(&self.emu, &self.token, &created.retrieve())
            .await
            .unwrap();
        session
            .external_provider_session_token()
            .expect("a Plaid session has a Link token")
            .to_owned()
    }

    async fn mx_session(&self) {
        let op = CreateCustomerExchangeSession::web(Emulator::CUSTOMER_ID, self.partner("MX"));
        self.http.call(&self.emu, &self.token, &op).await.unwrap();
    }

    async fn create_exchange(&self, body: &str) -> Reply {
        self.http
            .post(&self.token, &self.customer_path("exchanges"), body)
            .await
    }

    /// A Plaid exchange for a fresh Link session; its Location.
    async fn new_plaid_exchange(&self) -> String {
        let link = self.plaid_link_token().await;
        let public = self.emu.plaid_public_token(&link).unwrap();
        let reply = self
            .create_exchange(&plaid_body(&self.partner("Plaid"), &public))
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.json());
        reply.location()
    }

    async fn create_funding_source(&self, body: &str) -> Reply {
        self.http
            .post(&self.token, &self.customer_path("funding-sources"), body)
            .await
    }

    async fn connections(&self) -> Vec<Value> {
        let reply = self
            .http
            .get(
                &self.token,
                &self.customer_path("available-exchange-connections"),
            )
            .await;
        assert_eq!(reply.status, 200);
        reply.json()["_embedded"]["available-exchange-connections"]
            .as_array()
            .unwrap()
            .clone()
    }
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

fn id_of(location: &str) -> &str {
    location.rsplit('/').next().unwrap()
}

fn api_error(reply: &Reply) -> ApiError {
    let mut resp = http::Response::new(reply.body.clone());
    *resp.status_mut() = http::StatusCode::from_u16(reply.status).unwrap();
    *resp.headers_mut() = reply.headers.clone();
    ApiError::from_response(resp)
}

/// A 400 `ValidationError` whose embedded errors are exactly these
/// `(code, path)` pairs.
fn assert_validation(reply: &Reply, expected: &[(&str, &str)]) {
    assert_eq!(reply.status, 400, "{:?}", reply.json());
    let v = reply.json();
    assert_eq!(v["code"], "ValidationError", "{v}");
    let got: Vec<(String, String)> = v["_embedded"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no embedded errors: {v}"))
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(got, expected, "{v}");
}

#[tokio::test]
async fn plaid_flow_from_session_to_verified_funding_source() {
    let f = start().await;
    let base = f.emu.base_url();

    let link = f.plaid_link_token().await;
    assert!(link.starts_with("link-sandbox-"), "{link}");
    let public = f.emu.plaid_public_token(&link).unwrap();
    assert!(public.starts_with("public-sandbox-"), "{public}");

    let reply = f
        .create_exchange(&plaid_body(&f.partner("Plaid"), &public))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    assert!(reply.body.is_empty());
    let exchange = reply.location();
    assert!(
        exchange.starts_with(&format!("{base}/exchanges/")),
        "{exchange}"
    );
    let exchange_id = id_of(&exchange).to_owned();
    assert!(is_uuid(&exchange_id), "{exchange_id}");

    let reply = f.http.get(&f.token, &exchange).await;
    assert_eq!(reply.status, 200);
    let v = reply.json();
    assert_eq!(v["id"], exchange_id.as_str());
    assert_eq!(v["status"], "active");
    assert!(v["created"].as_str().unwrap().ends_with('Z'));
    let customer = format!("{base}/customers/{}", Emulator::CUSTOMER_ID);
    assert_eq!(v["_links"]["self"]["href"], exchange.as_str());
    assert_eq!(v["_links"]["self"]["resource-type"], "exchange");
    assert_eq!(v["_links"]["self"]["type"], support::HAL);
    assert_eq!(
        v["_links"]["exchange-partner"]["href"],
        f.partner("Plaid").as_str()
    );
    assert_eq!(v["_links"]["customer"]["href"], customer.as_str());
    assert_eq!(
        v["_links"]["funding-sources"]["href"],
        format!("{customer}/funding-sources").as_str()
    );

    let reply = f
        .create_funding_source(&funding_source_body(
            &exchange,
            "checking",
            "Jane Doe's Checking",
        ))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    assert!(reply.body.is_empty());
    let funding_source = reply.location();
    assert!(
        funding_source.starts_with(&format!("{base}/funding-sources/")),
        "{funding_source}"
    );

    let reply = f.http.get(&f.token, &funding_source).await;
    assert_eq!(reply.status, 200);
    let v = reply.json();
    let fingerprint = v["fingerprint"].as_str().unwrap();
    assert_eq!(fingerprint.len(), 64);
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(v["_links"]["self"]["href"], funding_source.as_str());
    assert_eq!(v["_links"]["self"]["resource-type"], "funding-source");
    assert_eq!(v["_links"]["exchange"]["href"], exchange.as_str());
    assert_eq!(v["_links"]["customer"]["href"], customer.as_str());
    assert_eq!(v["id"], id_of(&funding_source));
    assert_eq!(v["status"], "verified");
    assert_eq!(v["type"], "bank");
    assert_eq!(v["bankAccountType"], "checking");
    assert_eq!(v["name"], "Jane Doe's Checking");
    assert_eq!(v["removed"], false);
    assert_eq!(v["channels"], json!(["ach"]));
    assert_eq!(v["bankName"], "First Platypus Bank");
    assert!(v["created"].as_str().unwrap().ends_with('Z'));

    // The customer's list shows it.
    let reply = f
        .http
        .get(&f.token, &f.customer_path("funding-sources"))
        .await;
    // (After the balance every verified customer has.)
    let list = reply.json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["_embedded"]["funding-sources"][0]["type"], "balance");
    assert_eq!(
        list["_embedded"]["funding-sources"][1]["id"],
        id_of(&funding_source)
    );

    assert_eq!(f.emu.exchanges_created(), 1);
    assert_eq!(f.emu.funding_sources_created(), 1);
}

#[tokio::test]
async fn public_token_route_plays_plaid_link() {
    let f = start().await;
    let link = f.plaid_link_token().await;
    let api_requests = f.emu.api_requests();

    // No Dwolla token, no Accept: the route is the browser's side.
    let reply = f
        .http
        .bare(
            "POST",
            "/_emulator/plaid/public-token",
            &json!({ "link_token": link }).to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert!(reply.header("x-request-id").is_some());
    let public = reply.json()["public_token"].as_str().unwrap().to_owned();
    assert!(public.starts_with("public-sandbox-"), "{public}");

    let reply = f
        .create_exchange(&plaid_body(&f.partner("Plaid"), &public))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let exchange = reply.location();
    let fs = f
        .create_funding_source(&funding_source_body(&exchange, "savings", "Savings"))
        .await;
    assert_eq!(fs.status, 201, "{:?}", fs.json());

    // Unknown link token, bad bodies, other methods, other paths.
    let reply = f
        .http
        .bare(
            "POST",
            "/_emulator/plaid/public-token",
            r#"{"link_token":"link-sandbox-never-issued"}"#,
        )
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "NotFound");
    for bad in ["", "{}", "[]", r#"{"link_token":7}"#, "{not json"] {
        let reply = f
            .http
            .bare("POST", "/_emulator/plaid/public-token", bad)
            .await;
        assert_eq!(reply.status, 400, "{bad}");
        assert_eq!(reply.json()["code"], "ValidationError", "{bad}");
    }
    let reply = f
        .http
        .bare("GET", "/_emulator/plaid/public-token", "")
        .await;
    assert_eq!(reply.status, 405);
    let reply = f.http.bare("POST", "/_emulator/nothing", "").await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "NotFound");

    // Only the two Dwolla calls counted.
    assert_eq!(f.emu.api_requests(), api_requests + 2);
    assert_eq!(f.emu.plaid_public_token("link-sandbox-never-issued"), None);
}

#[tokio::test]
async fn mx_flow_through_available_connections() {
    let f = start().await;
    assert!(f.connections().await.is_empty());

    f.mx_session().await;
    let connections = f.connections().await;
    let names: Vec<&str> = connections
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Emulator Checking", "Emulator Savings"]);
    let tokens: Vec<String> = connections
        .iter()
        .map(|c| c["availableConnectionToken"].as_str().unwrap().to_owned())
        .collect();
    assert_ne!(tokens[0], tokens[1]);
    for t in &tokens {
        // Shaped like MX's: base64 of a small JSON document.
        let raw = base64::engine::general_purpose::STANDARD.decode(t).unwrap();
        let doc: Value = serde_json::from_slice(&raw).unwrap();
        assert!(doc["accountId"].as_str().unwrap().starts_with("ACT-"));
    }
    // A second MX session lists the same two, not four.
    f.mx_session().await;
    assert_eq!(f.connections().await.len(), 2);

    let reply = f
        .http
        .get(&f.token, &f.customer_path("available-exchange-connections"))
        .await;
    let v = reply.json();
    let base = f.emu.base_url();
    assert_eq!(
        v["_links"]["self"]["href"],
        format!(
            "{base}/customers/{}/available-exchange-connections",
            Emulator::CUSTOMER_ID
        )
        .as_str()
    );
    assert_eq!(
        v["_links"]["customers"]["href"],
        format!("{base}/customers/{}", Emulator::CUSTOMER_ID).as_str()
    );

    let reply = f
        .create_exchange(&mx_body(&f.partner("MX"), &tokens[1]))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let exchange = reply.location();
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "savings", "MX Savings"))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let v = f.http.get(&f.token, &reply.location()).await.json();
    assert_eq!(v["bankName"], "MX Bank");
    assert_eq!(v["bankAccountType"], "savings");
    assert_eq!(v["_links"]["exchange"]["href"], exchange.as_str());

    // A token never listed, and one listed for another customer.
    let reply = f
        .create_exchange(&mx_body(&f.partner("MX"), "eyJub3QiOiJsaXN0ZWQifQ=="))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({"code": "InvalidExchangeToken", "message": "Exchange token is expired."})
    );
    let f2 = start_with(Emulator::builder().customer("other")).await;
    let other = f2
        .emu
        .add_available_connection("other", "Other Checking")
        .unwrap();
    let reply = f2
        .create_exchange(&mx_body(&f2.partner("MX"), &other))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["code"], "InvalidExchangeToken");
    assert_eq!(f2.emu.add_available_connection("nobody", "x"), None);

    // A connection added through the Rust API is listed and usable.
    let added = f
        .emu
        .add_available_connection(Emulator::CUSTOMER_ID, "Added Checking")
        .unwrap();
    let connections = f.connections().await;
    assert_eq!(connections.len(), 3);
    assert_eq!(connections[2]["name"], "Added Checking");
    let reply = f.create_exchange(&mx_body(&f.partner("MX"), &added)).await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    assert_eq!(f.emu.exchanges_created(), 2);
}

#[tokio::test]
async fn invalid_exchange_tokens() {
    let f = start().await;
    let plaid = f.partner("Plaid");
    let expired_400 =
        json!({"code": "InvalidExchangeToken", "message": "Exchange token is expired."});

    // Never issued.
    let reply = f
        .create_exchange(&plaid_body(&plaid, "public-sandbox-made-up"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), expired_400);
    assert!(reply.header("content-type").unwrap().contains("vnd.error"));

    // Used: Plaid public tokens are single-use.
    let link = f.plaid_link_token().await;
    let public = f.emu.plaid_public_token(&link).unwrap();
    assert_eq!(
        f.create_exchange(&plaid_body(&plaid, &public)).await.status,
        201
    );
    let reply = f.create_exchange(&plaid_body(&plaid, &public)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), expired_400);

    // The partner's token expired: 401, though the access token is fine.
    let reply = f
        .create_exchange(&plaid_body(&plaid, Emulator::EXPIRED_PUBLIC_TOKEN))
        .await;
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.json(),
        json!({
            "code": "InvalidExchangeToken",
            "message": "The exchange token is not valid to perform this operation. Either the token is expired or invalid, or the products permissions to the token are invalid or expired."
        })
    );

    // A public token from another customer's session.
    let f2 = start_with(Emulator::builder().customer("other")).await;
    let link = f2.plaid_link_token().await;
    let public = f2.emu.plaid_public_token(&link).unwrap();
    let reply = f2
        .http
        .post(
            &f2.token,
            "/customers/other/exchanges",
            &plaid_body(&f2.partner("Plaid"), &public),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), expired_400);

    assert_eq!(f.emu.exchanges_created(), 1);
    assert_eq!(f2.emu.exchanges_created(), 0);
}

#[tokio::test]
async fn exchange_bodies_and_their_errors() {
    let f = start().await;
    let path = f.customer_path("exchanges");

    // Token-based (a Plaid processor token) and Finicity, as the SDK sends them.
    let reply = f
        .create_exchange(&token_body(&f.partner("Plaid"), "processor-sandbox-123"))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let reply = f
        .create_exchange(&finicity_body(&f.partner("Finicity")))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    assert_eq!(f.emu.exchanges_created(), 2);

    // Unknown customer.
    let reply = f
        .http
        .post(
            &f.token,
            "/customers/nobody/exchanges",
            &token_body(&f.partner("Plaid"), "t"),
        )
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "NotFound");

    // The partner link, as sessions check it.
    let reply = f.create_exchange(r#"{"token":"t"}"#).await;
    assert_validation(&reply, &[("Required", "/_links/exchange-partner/href")]);
    assert_eq!(
        api_error(&reply).kind(),
        ApiErrorKind::InvalidExchangePartner
    );
    let unknown = format!(
        "{}/exchange-partners/00000000-0000-0000-0000-000000000000",
        f.emu.base_url()
    );
    let reply = f.create_exchange(&token_body(&unknown, "t")).await;
    assert_validation(&reply, &[("Invalid", "/_links/exchange-partner/href")]);
    let reply = f
        .create_exchange(&token_body(&f.partner("Flinks"), "t"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({"code": "ValidationError", "message": "/_links/exchange-partner/href is invalid"})
    );

    // What the partner needs.
    let plaid = f.partner("Plaid");
    let reply = f
        .create_exchange(&format!(
            r#"{{"_links":{{"exchange-partner":{{"href":"{plaid}"}}}}}}"#
        ))
        .await;
    assert_validation(&reply, &[("Required", "/token")]);
    let reply = f.create_exchange(&token_body(&plaid, "  ")).await;
    assert_validation(&reply, &[("Required", "/token")]);
    let reply = f
        .create_exchange(&format!(
            r#"{{"_links":{{"exchange-partner":{{"href":"{plaid}"}}}},"plaid":{{}}}}"#
        ))
        .await;
    assert_validation(&reply, &[("Required", "/plaid/publicToken")]);
    let reply = f.create_exchange(&mx_body(&plaid, "eyJ4IjoxfQ==")).await;
    assert_validation(&reply, &[("Invalid", "/mx")]);
    let reply = f
        .create_exchange(&plaid_body(&f.partner("MX"), "public-sandbox-x"))
        .await;
    assert_validation(&reply, &[("Invalid", "/plaid")]);
    let reply = f
        .create_exchange(&format!(
            r#"{{"_links":{{"exchange-partner":{{"href":"{}"}}}},"finicity":{{"profile":3}}}}"#,
            f.partner("Finicity")
        ))
        .await;
    assert_validation(&reply, &[("Required", "/finicity/receiptId")]);
    let reply = f
        .create_exchange(&format!(
            r#"{{"_links":{{"exchange-partner":{{"href":"{plaid}"}}}},"token":"t","plaid":{{"publicToken":"p"}}}}"#
        ))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["code"], "ValidationError");

    // Hostile bodies are 400s, never a dropped connection.
    for bad in [
        "",
        "null",
        "[]",
        "{not json",
        "\"str\"",
        r#"{"_links":[]}"#,
        r#"{"_links":{"exchange-partner":{"href":7}},"token":"t"}"#,
        r#"{"_links":{"exchange-partner":{"href":"::::"}},"token":"t"}"#,
        r#"{"_links":{"exchange-partner":{"href":"http://x/exchange-partners/%zz"}},"token":"t"}"#,
    ] {
        let reply = f.http.post(&f.token, &path, bad).await;
        assert_eq!(reply.status, 400, "{bad}");
        assert_eq!(reply.json()["code"], "ValidationError", "{bad}");
    }
    assert_eq!(f.emu.exchanges_created(), 2);
}

#[tokio::test]
async fn duplicate_funding_source_names_the_existing_one() {
    let f = start().await;
    let exchange = f.new_plaid_exchange().await;
    let first = f
        .create_funding_source(&funding_source_body(&exchange, "checking", "First"))
        .await;
    assert_eq!(first.status, 201);
    let first = first.location();
    let first_id = id_of(&first);
    let duplicate = json!({
        "code": "DuplicateResource",
        "message": format!("Bank already exists: id={first_id}"),
        "_links": { "about": {
            "href": first,
            "type": "application/vnd.dwolla.v1.hal+json",
            "resource-type": "funding-source",
        } },
    });

    // The same exchange again, under another name.
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "checking", "Second"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), duplicate);
    assert_eq!(api_error(&reply).about_href(), Some(first.as_str()));

    // Another exchange over the same bank account: the same processor token
    // twice.
    let plaid = f.partner("Plaid");
    let a = f
        .create_exchange(&token_body(&plaid, "processor-sandbox-same"))
        .await
        .location();
    let b = f
        .create_exchange(&token_body(&plaid, "processor-sandbox-same"))
        .await
        .location();
    assert_ne!(a, b);
    let from_a = f
        .create_funding_source(&funding_source_body(&a, "checking", "A"))
        .await;
    assert_eq!(from_a.status, 201);
    let reply = f
        .create_funding_source(&funding_source_body(&b, "checking", "B"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["message"],
        format!("Bank already exists: id={}", id_of(&from_a.location())).as_str()
    );
    assert_eq!(f.emu.funding_sources_created(), 2);
}

#[tokio::test]
async fn inactive_exchanges_refuse_funding_sources() {
    let f = start().await;
    let inactive =
        json!({"code": "InactiveExchange", "message": "The Exchange was removed or disabled."});

    let exchange = f.new_plaid_exchange().await;
    assert!(f.emu.deactivate_exchange(id_of(&exchange)));
    assert_eq!(
        f.http.get(&f.token, &exchange).await.json()["status"],
        "deactivated"
    );
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "checking", "Mine"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), inactive);

    let seeded = f.exchange_href(Emulator::EXCHANGE_ID);
    assert!(f.emu.remove_exchange(Emulator::EXCHANGE_ID));
    assert_eq!(
        f.http.get(&f.token, &seeded).await.json()["status"],
        "removed"
    );
    let reply = f
        .create_funding_source(&funding_source_body(&seeded, "checking", "Mine"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), inactive);

    assert!(!f.emu.deactivate_exchange("no-such-exchange"));
    assert!(!f.emu.remove_exchange("no-such-exchange"));
    assert_eq!(f.emu.funding_sources_created(), 0);
}

#[tokio::test]
async fn update_credentials_then_the_way_out() {
    let f = start().await;
    let needs_reauth = f.exchange_href(Emulator::EXCHANGE_NEEDS_REAUTH_ID);
    let reply = f
        .create_funding_source(&funding_source_body(&needs_reauth, "checking", "Mine"))
        .await;
    assert_eq!(reply.status, 400);
    let e = api_error(&reply);
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
    let reauth_url = format!("{needs_reauth}/exchange-sessions");
    assert_eq!(e.reauth_url(), Some(reauth_url.as_str()));

    // Re-auth session -> Link token -> public token -> a new exchange over the
    // same account, which becomes a funding source.
    let op = CreateReAuthExchangeSession::from_update_credentials(&e).unwrap();
    let created = f.http.call(&f.emu, &f.token, &op).await.unwrap();
    let session = f
        .http
        .call(&f.emu, &f.token, &created.retrieve())
        .await
        .unwrap();
    let link = session.external_provider_session_token().unwrap();
    let public = f.emu.plaid_public_token(link).unwrap();
    let reply = f
        .create_exchange(&plaid_body(&f.partner("Plaid"), &public))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let renewed = reply.location();
    let reply = f
        .create_funding_source(&funding_source_body(&renewed, "checking", "Mine"))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let v = f.http.get(&f.token, &reply.location()).await.json();
    assert_eq!(v["_links"]["exchange"]["href"], renewed.as_str());

    // The fixture itself keeps needing re-auth.
    let e = api_error(&f.http.get(&f.token, &needs_reauth).await);
    assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);

    // Re-auth of the healthy seeded exchange reaches its account: a new
    // exchange from it duplicates a funding source made from the original.
    let seeded = f.exchange_href(Emulator::EXCHANGE_ID);
    let reply = f
        .create_funding_source(&funding_source_body(&seeded, "checking", "Seeded"))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let seeded_fs = reply.location();
    let created = f
        .http
        .call(
            &f.emu,
            &f.token,
            &CreateReAuthExchangeSession::web(Emulator::EXCHANGE_ID),
        )
        .await
        .unwrap();
    let session = f
        .http
        .call(&f.emu, &f.token, &created.retrieve())
        .await
        .unwrap();
    let public = f
        .emu
        .plaid_public_token(session.external_provider_session_token().unwrap())
        .unwrap();
    let again = f
        .create_exchange(&plaid_body(&f.partner("Plaid"), &public))
        .await
        .location();
    let reply = f
        .create_funding_source(&funding_source_body(&again, "checking", "Again"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(api_error(&reply).about_href(), Some(seeded_fs.as_str()));
}

#[tokio::test]
async fn idempotent_replays_of_exchanges_and_funding_sources() {
    let f = start().await;
    let link = f.plaid_link_token().await;
    let public = f.emu.plaid_public_token(&link).unwrap();
    let body = plaid_body(&f.partner("Plaid"), &public);
    let path = f.customer_path("exchanges");

    let first = f
        .http
        .post_with_key(&f.token, &path, &body, Some("ex-1"))
        .await;
    assert_eq!(first.status, 201);
    // The replay succeeds although the public token is now used.
    let second = f
        .http
        .post_with_key(&f.token, &path, &body, Some("ex-1"))
        .await;
    assert_eq!(second.status, 201);
    assert_eq!(first.location(), second.location());
    assert_eq!(f.emu.exchanges_created(), 1);
    // Same key, another body.
    let other = token_body(&f.partner("Plaid"), "processor-sandbox-1");
    let reply = f
        .http
        .post_with_key(&f.token, &path, &other, Some("ex-1"))
        .await;
    assert_eq!(reply.status, 400);
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .contains("different request body"));

    let exchange = first.location();
    let fs_path = f.customer_path("funding-sources");
    let fs_body = funding_source_body(&exchange, "checking", "Mine");
    let a = f
        .http
        .post_with_key(&f.token, &fs_path, &fs_body, Some("fs-1"))
        .await;
    let b = f
        .http
        .post_with_key(&f.token, &fs_path, &fs_body, Some("fs-1"))
        .await;
    assert_eq!((a.status, b.status), (201, 201));
    assert_eq!(a.location(), b.location());
    assert_eq!(f.emu.funding_sources_created(), 1);
    // The same key on another path is refused, not replayed.
    let reply = f
        .http
        .post_with_key(&f.token, &path, &fs_body, Some("fs-1"))
        .await;
    assert_eq!(reply.status, 400);
    // One bank (and the customer's balance).
    assert_eq!(f.http.get(&f.token, &fs_path).await.json()["total"], 2);
    assert_eq!(
        f.emu.idempotency_keys(),
        ["ex-1", "ex-1", "ex-1", "fs-1", "fs-1", "fs-1"]
    );
}

#[tokio::test]
async fn funding_source_validation() {
    let f = start_with(Emulator::builder().customer("other")).await;
    let exchange = f.new_plaid_exchange().await;

    let reply = f
        .create_funding_source(&format!(
            r#"{{"_links":{{"exchange":{{"href":"{exchange}"}}}},"bankAccountType":"checking"}}"#
        ))
        .await;
    assert_validation(&reply, &[("Required", "/name")]);
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "checking", " "))
        .await;
    assert_validation(&reply, &[("Required", "/name")]);
    let long = "x".repeat(51);
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "checking", &long))
        .await;
    assert_validation(&reply, &[("Invalid", "/name")]);
    assert_eq!(
        reply.json()["_embedded"]["errors"][0]["message"],
        "Name must be 50 characters or less."
    );
    let reply = f
        .create_funding_source(&funding_source_body(&exchange, "loan", "Mine"))
        .await;
    assert_validation(&reply, &[("Invalid", "/bankAccountType")]);
    let reply = f
        .create_funding_source(r#"{"bankAccountType":"checking","name":"Mine"}"#)
        .await;
    // Neither an exchange nor a token: the routing and account numbers form.
    assert_validation(
        &reply,
        &[
            ("Required", "/routingNumber"),
            ("Required", "/accountNumber"),
        ],
    );
    // Every refused field at once.
    let reply = f
        .create_funding_source(r#"{"_links":{"exchange":{"href":"nope"}},"name":7}"#)
        .await;
    assert_validation(
        &reply,
        &[
            ("Invalid", "/_links/exchange/href"),
            ("Required", "/bankAccountType"),
            ("Invalid", "/name"),
        ],
    );
    // An exchange of another customer is not one of this customer's.
    let reply = f
        .http
        .post(
            &f.token,
            "/customers/other/funding-sources",
            &funding_source_body(&exchange, "checking", "Mine"),
        )
        .await;
    assert_validation(&reply, &[("Invalid", "/_links/exchange/href")]);
    let reply = f
        .create_funding_source(&funding_source_body(
            &f.exchange_href("00000000-0000-0000-0000-000000000000"),
            "checking",
            "Mine",
        ))
        .await;
    assert_validation(&reply, &[("Invalid", "/_links/exchange/href")]);
    let reply = f
        .create_funding_source(&format!(
            r#"{{"_links":{{"exchange":{{"href":"{exchange}"}},"on-demand-authorization":{{}}}},"bankAccountType":"checking","name":"Mine"}}"#
        ))
        .await;
    assert_validation(
        &reply,
        &[("Invalid", "/_links/on-demand-authorization/href")],
    );

    // Unknown customer; hostile bodies.
    let reply = f
        .http
        .post(
            &f.token,
            "/customers/nobody/funding-sources",
            &funding_source_body(&exchange, "checking", "Mine"),
        )
        .await;
    assert_eq!(reply.status, 404);
    for bad in ["", "[1]", "{", "{\"_links\":{\"exchange\":[]}}", "\u{0}"] {
        let reply = f.create_funding_source(bad).await;
        assert_eq!(reply.status, 400, "{bad:?}");
        assert_eq!(reply.json()["code"], "ValidationError", "{bad:?}");
    }
    assert_eq!(f.emu.funding_sources_created(), 0);

    // Fifty characters, counted as characters, is the limit; an
    // on-demand authorization link is accepted (one the emulator issued).
    let fifty = "é".repeat(50);
    let oda = f
        .http
        .post(&f.token, "/on-demand-authorizations", "")
        .await
        .json()["_links"]["self"]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = f
        .create_funding_source(&format!(
            r#"{{"_links":{{"exchange":{{"href":"{exchange}"}},"on-demand-authorization":{{"href":"{oda}"}}}},"bankAccountType":"savings","name":"{fifty}"}}"#
        ))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let v = f.http.get(&f.token, &reply.location()).await.json();
    assert_eq!(v["name"], fifty.as_str());

    // Unknown funding source.
    let reply = f.http.get(&f.token, "/funding-sources/nope").await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.json(),
        json!({"code": "notFound", "message": "Funding source not found."})
    );
}

#[tokio::test]
async fn list_exchanges() {
    let f = start_with(Emulator::builder().customer("other")).await;
    let path = f.customer_path("exchanges");
    let v = f.http.get(&f.token, &path).await.json();
    assert_eq!(v["total"], 2);
    let ids: Vec<&str> = v["_embedded"]["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [Emulator::EXCHANGE_ID, Emulator::EXCHANGE_NEEDS_REAUTH_ID]
    );
    assert_eq!(
        v["_links"]["self"]["href"],
        format!("{}{path}", f.emu.base_url()).as_str()
    );

    let created = f.new_plaid_exchange().await;
    f.emu.deactivate_exchange(Emulator::EXCHANGE_ID);
    let v = f.http.get(&f.token, &path).await.json();
    assert_eq!(v["total"], 3);
    let list = v["_embedded"]["exchanges"].as_array().unwrap();
    assert_eq!(list[0]["status"], "deactivated");
    assert_eq!(list[2]["id"], id_of(&created));
    assert_eq!(list[2]["_links"]["self"]["href"], created.as_str());
    assert_eq!(list[2]["status"], "active");

    let v = f
        .http
        .get(&f.token, "/customers/other/exchanges")
        .await
        .json();
    assert_eq!(v["total"], 0);
    assert_eq!(v["_embedded"]["exchanges"], json!([]));
    let reply = f.http.get(&f.token, "/customers/nobody/exchanges").await;
    assert_eq!(reply.status, 404);
    let reply = f
        .http
        .get(&f.token, "/customers/nobody/available-exchange-connections")
        .await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn new_resources_check_methods_and_tokens() {
    let f = start().await;
    let base = f.emu.base_url();
    for (method, path) in [
        ("DELETE", format!("/exchanges/{}", Emulator::EXCHANGE_ID)),
        ("POST", format!("/exchanges/{}", Emulator::EXCHANGE_ID)),
        ("PUT", f.customer_path("exchanges")),
        ("POST", f.customer_path("available-exchange-connections")),
        ("DELETE", f.customer_path("funding-sources")),
        // POST /funding-sources/{id} is Dwolla's (update/remove): 501 until played.
        ("DELETE", "/funding-sources/x".to_owned()),
    ] {
        let req = http::Request::builder()
            .method(method)
            .uri(format!("{base}{path}"))
            .header("accept", support::HAL)
            .header("authorization", f.token.authorization_header().clone())
            .body(bytes::Bytes::new())
            .unwrap();
        let reply = f.http.send(req).await;
        assert_eq!(reply.status, 405, "{method} {path}");
    }
    // Bearer auth and Content-Type apply to the new endpoints too.
    let nobody = AccessToken::new("not-a-token");
    let reply = f.http.get(&nobody, &f.customer_path("exchanges")).await;
    assert_eq!(reply.status, 401);
    let req = http::Request::post(format!("{base}{}", f.customer_path("funding-sources")))
        .header("accept", support::HAL)
        .header("content-type", "text/plain")
        .header("authorization", f.token.authorization_header().clone())
        .body(bytes::Bytes::from_static(b"name=x"))
        .unwrap();
    assert_eq!(f.http.send(req).await.status, 415);
}
