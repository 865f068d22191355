//! The emulator's customers and verification over real HTTP, with raw JSON
//! (and multipart) bodies: every create form, Dwolla's validation errors,
//! the sandbox's magic words, updates, paging, beneficial owners,
//! documents, KBA, the events they record, and the 501 for what is not
//! played.
#![cfg(feature = "emulator")]

mod support;

use dwolla_core::{AccessToken, ApiError, ApiErrorKind};
use dwolla_mock::emulator::Emulator;
use serde_json::{json, Value};
use support::{Http, Reply, HAL};

struct T {
    emu: Emulator,
    http: Http,
    token: AccessToken,
}

async fn start() -> T {
    let emu = Emulator::start().await.unwrap();
    let http = Http::new(emu.base_url());
    let token = http.token(&emu.credentials()).await;
    T { emu, http, token }
}

/// A valid PNG's first bytes, made unique by `tag` (the emulator refuses the
/// same file twice).
fn png(tag: &str) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

fn jpeg(tag: &str) -> Vec<u8> {
    let mut bytes = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

fn unverified(first: &str, email: &str) -> Value {
    json!({ "firstName": first, "lastName": "Merchant", "email": email })
}

fn personal(first: &str, email: &str) -> Value {
    json!({
        "firstName": first,
        "lastName": "Doe",
        "email": email,
        "ipAddress": "99.99.99.99",
        "type": "personal",
        "address1": "99-99 33rd St",
        "city": "Some City",
        "state": "NY",
        "postalCode": "11101",
        "dateOfBirth": "1970-01-01",
        "ssn": "1234",
    })
}

const INDUSTRY: &str = "9ed3f670-7d6f-11e3-b1ce-5404a6144203";

fn business(controller_first: &str, business_name: &str, email: &str) -> Value {
    json!({
        "firstName": "Account",
        "lastName": "Admin",
        "email": email,
        "type": "business",
        "address1": "99-99 33rd St",
        "city": "Some City",
        "state": "NY",
        "postalCode": "11101",
        "controller": {
            "firstName": controller_first,
            "lastName": "Controller",
            "title": "CEO",
            "ssn": "6789",
            "dateOfBirth": "1980-01-31",
            "address": {
                "address1": "1749 18th st",
                "address2": "apt 12",
                "city": "Des Moines",
                "stateProvinceRegion": "IA",
                "postalCode": "50266",
                "country": "US",
            },
        },
        "businessClassification": INDUSTRY,
        "businessType": "llc",
        "businessName": business_name,
        "ein": "00-0000000",
    })
}

fn sole_proprietorship(first: &str, business_name: &str, email: &str) -> Value {
    json!({
        "firstName": first,
        "lastName": "Doe",
        "email": email,
        "type": "business",
        "dateOfBirth": "1980-09-12",
        "ssn": "1234",
        "address1": "99-99 33rd St",
        "city": "Some City",
        "state": "NY",
        "postalCode": "11101",
        "businessClassification": INDUSTRY,
        "businessType": "soleProprietorship",
        "businessName": business_name,
    })
}

fn owner(first: &str) -> Value {
    json!({
        "firstName": first,
        "lastName": "Owner",
        "ssn": "123-46-7890",
        "dateOfBirth": "1960-11-30",
        "address": {
            "address1": "123 Main St.",
            "city": "New York",
            "stateProvinceRegion": "NY",
            "country": "US",
            "postalCode": "10005",
        },
    })
}

/// `(code, path)` of every embedded error.
fn problems(reply: &Reply) -> Vec<(String, String)> {
    reply.json()["_embedded"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no embedded errors in {:?}", reply.json()))
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or_default().to_owned(),
                e["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn has_problem(reply: &Reply, code: &str, path: &str) -> bool {
    problems(reply).iter().any(|(c, p)| c == code && p == path)
}

fn api_error(reply: &Reply) -> ApiError {
    let mut resp = http::Response::new(reply.body.clone());
    *resp.status_mut() = http::StatusCode::from_u16(reply.status).unwrap();
    *resp.headers_mut() = reply.headers.clone();
    ApiError::from_response(resp)
}

fn links(doc: &Value) -> Vec<String> {
    let mut rels: Vec<String> = doc["_links"]
        .as_object()
        .map(|l| l.keys().cloned().collect())
        .unwrap_or_default();
    rels.sort();
    rels
}

fn has_link(doc: &Value, rel: &str) -> bool {
    doc["_links"][rel]["href"].is_string()
}

impl T {
    async fn post(&self, path: &str, body: &Value) -> Reply {
        self.http.post(&self.token, path, &body.to_string()).await
    }

    /// Creates something; its Location (asserting 201).
    async fn create(&self, path: &str, body: &Value) -> String {
        let reply = self.post(path, body).await;
        assert_eq!(reply.status, 201, "{path}: {:?}", reply.json());
        reply.location()
    }

    async fn customer(&self, body: &Value) -> String {
        self.create("/customers", body).await
    }

    async fn get(&self, path: &str) -> Value {
        let reply = self.http.get(&self.token, path).await;
        assert_eq!(reply.status, 200, "GET {path}: {:?}", reply.json());
        reply.json()
    }

    async fn status_of(&self, url: &str) -> String {
        self.get(url).await["status"].as_str().unwrap().to_owned()
    }

    async fn send(&self, method: &str, path: &str) -> Reply {
        let req = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.emu.base_url()))
            .header("accept", HAL)
            .header("authorization", self.token.authorization_header().clone())
            .body(bytes::Bytes::new())
            .unwrap();
        self.http.send(req).await
    }

    /// A multipart upload: optional `documentType` and `file` parts.
    async fn upload(
        &self,
        url: &str,
        doc_type: Option<&str>,
        file: Option<(&str, &[u8])>,
    ) -> Reply {
        let boundary = "----EmulatorTestBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        if let Some(t) = doc_type {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n{t}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, data)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = http::Request::post(url)
            .header("accept", HAL)
            .header("authorization", self.token.authorization_header().clone())
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(bytes::Bytes::from(body))
            .unwrap();
        self.http.send(req).await
    }
}

#[tokio::test]
async fn every_create_form_and_how_it_reads() {
    let t = start().await;
    // Receive-only, unverified with and without `type` (the docs omit it).
    let receive_only = t
        .customer(&json!({
            "firstName": "Jane", "lastName": "Merchant", "email": "jmerchant@nomail.net",
            "type": "receive-only", "businessName": "Jane Corp llc", "ipAddress": "99.99.99.99",
        }))
        .await;
    let c = t.get(&receive_only).await;
    assert_eq!(
        (c["type"].as_str(), c["status"].as_str()),
        (Some("receive-only"), Some("unverified"))
    );
    assert_eq!(c["businessName"], "Jane Corp llc");
    assert!(c.get("ipAddress").is_none());
    assert!(has_link(&c, "receive") && !has_link(&c, "send"));

    let untyped = t.customer(&unverified("Jane", "untyped@nomail.net")).await;
    let typed = t
        .customer(&json!({ "firstName": "J", "lastName": "M", "email": "typed@nomail.net", "type": "unverified", "correlationId": "fc451a7a-ae30-4404-aB95-e3553fcd733" }))
        .await;
    for url in [&untyped, &typed] {
        let c = t.get(url).await;
        assert_eq!(
            (c["type"].as_str(), c["status"].as_str()),
            (Some("unverified"), Some("unverified"))
        );
        assert!(has_link(&c, "send") && has_link(&c, "receive"));
    }
    assert_eq!(
        t.get(&typed).await["correlationId"],
        "fc451a7a-ae30-4404-aB95-e3553fcd733"
    );

    // Personal: the address shows, the SSN and date of birth never do.
    let p = t.customer(&personal("Jane", "jane@nomail.net")).await;
    assert!(p.starts_with(&format!("{}/customers/", t.emu.base_url())));
    let c = t.get(&p).await;
    assert_eq!(c["id"], p.rsplit('/').next().unwrap());
    assert_eq!(
        (c["type"].as_str(), c["status"].as_str()),
        (Some("personal"), Some("verified"))
    );
    assert_eq!(
        (c["address1"].as_str(), c["state"].as_str()),
        (Some("99-99 33rd St"), Some("NY"))
    );
    assert!(c.get("ssn").is_none() && c.get("dateOfBirth").is_none());
    assert_eq!(c["_links"]["self"]["href"], p.as_str());
    assert_eq!(c["_links"]["self"]["resource-type"], "customer");
    for rel in [
        "send",
        "receive",
        "funding-sources",
        "transfers",
        "deactivate",
        "edit",
    ] {
        assert!(has_link(&c, rel), "{rel} in {c}");
    }
    assert!(c["created"].as_str().unwrap().ends_with('Z'));

    // A sole proprietorship: no controller, no certification.
    let sole = t
        .customer(&sole_proprietorship(
            "Jane",
            "Jane's Electronics",
            "sole@nomail.net",
        ))
        .await;
    let c = t.get(&sole).await;
    assert_eq!(
        (c["type"].as_str(), c["status"].as_str()),
        (Some("business"), Some("verified"))
    );
    assert_eq!(c["businessType"], "soleProprietorship");
    assert!(c.get("controller").is_none());
    assert!(!has_link(&c, "certify-beneficial-ownership") && !has_link(&c, "beneficial-owners"));
    let reply = t
        .http
        .get(&t.token, &format!("{sole}/beneficial-ownership"))
        .await;
    assert_eq!(reply.status, 404);

    // A business with a US controller: the controller without its SSN.
    let llc = t
        .customer(&business("John", "Jane Corp", "llc@nomail.net"))
        .await;
    let c = t.get(&llc).await;
    assert_eq!(c["status"], "verified");
    assert_eq!(c["businessClassification"], INDUSTRY);
    assert_eq!(c["controller"]["title"], "CEO");
    assert_eq!(c["controller"]["address"]["country"], "US");
    assert!(c["controller"].get("ssn").is_none() && c["controller"].get("dateOfBirth").is_none());
    assert!(has_link(&c, "certify-beneficial-ownership") && has_link(&c, "beneficial-owners"));
    assert_eq!(
        t.get(&format!("{llc}/beneficial-ownership")).await["status"],
        "uncertified"
    );

    // With an international controller (a passport, no SSN).
    let mut intl = business("John", "Global Corp", "intl@nomail.net");
    let controller = intl["controller"].as_object_mut().unwrap();
    controller.remove("ssn");
    controller.insert(
        "passport".into(),
        json!({ "number": "JKL123", "country": "DE" }),
    );
    controller.insert(
        "address".into(),
        json!({ "address1": "Unter den Linden 1", "city": "Berlin", "stateProvinceRegion": "BE", "country": "DE" }),
    );
    let c = t.get(&t.customer(&intl).await).await;
    assert_eq!(c["controller"]["address"]["country"], "DE");
    assert!(c["controller"].get("passport").is_none());

    // Every one is listed, newest first, the preloaded one last.
    let all = t.get("/customers?limit=200").await;
    assert_eq!(all["total"], 8);
    let emails: Vec<&str> = all["_embedded"]["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails.first(), Some(&"intl@nomail.net"));
    assert_eq!(emails.last(), Some(&"emulator.customer@example.com"));
    assert_eq!(t.emu.customer_ids().len(), 8);
    assert_eq!(t.emu.customer_ids()[0], Emulator::CUSTOMER_ID);
}

#[tokio::test]
async fn validation_errors_name_every_refused_member() {
    let t = start().await;
    // Nothing at all: each required member of a personal customer.
    let reply = t.post("/customers", &json!({ "type": "personal" })).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["code"], "ValidationError");
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::Validation);
    for path in [
        "/firstName",
        "/lastName",
        "/email",
        "/address1",
        "/city",
        "/state",
        "/postalCode",
        "/dateOfBirth",
        "/ssn",
    ] {
        assert!(
            has_problem(&reply, "Required", path),
            "{path}: {:?}",
            problems(&reply)
        );
    }

    // Bad values, each on its member.
    let mut bad = personal(&"x".repeat(51), "not-an-email");
    bad["lastName"] = json!("D<oe>");
    bad["address1"] = json!("PO Box 12");
    bad["state"] = json!("XX");
    bad["postalCode"] = json!("1234");
    bad["dateOfBirth"] = json!("2020-01-01");
    bad["ssn"] = json!("12345");
    bad["phone"] = json!("555-555-5555");
    bad["ipAddress"] = json!("not.an.ip");
    bad["correlationId"] = json!("has spaces");
    let reply = t.post("/customers", &bad).await;
    assert_eq!(reply.status, 400);
    for (code, path) in [
        ("Invalid", "/firstName"),
        ("Invalid", "/lastName"),
        ("InvalidFormat", "/email"),
        ("Invalid", "/address1"),
        ("Invalid", "/state"),
        ("InvalidFormat", "/postalCode"),
        ("Invalid", "/dateOfBirth"),
        ("InvalidFormat", "/ssn"),
        ("InvalidFormat", "/phone"),
        ("Invalid", "/ipAddress"),
        ("Invalid", "/correlationId"),
    ] {
        assert!(
            has_problem(&reply, code, path),
            "{code} {path}: {:?}",
            problems(&reply)
        );
    }
    assert_eq!(problems(&reply).len(), 11, "{:?}", problems(&reply));
    let message = reply.json()["_embedded"]["errors"][0]["message"].clone();
    assert_eq!(message, "FirstName must be 50 characters or less.");

    // A date of birth that is no date, a type that is no type.
    let mut bad = personal("Jane", "a@b.co");
    bad["dateOfBirth"] = json!("1970-02-30");
    let reply = t.post("/customers", &bad).await;
    assert!(has_problem(&reply, "InvalidFormat", "/dateOfBirth"));
    let reply = t
        .post(
            "/customers",
            &json!({ "type": "vip", "firstName": "a", "lastName": "b", "email": "a@b.co" }),
        )
        .await;
    assert!(has_problem(&reply, "Invalid", "/type"));

    // Businesses: their own members, the controller's by nested path.
    let mut bad = business("John", "Jane Corp", "biz@nomail.net");
    bad["businessClassification"] = json!("9ed3f669-7d6f-11e3-b545-5404a6144203"); // a business, not an industry, classification
    bad["ein"] = json!("12-345");
    bad["controller"]["address"]
        .as_object_mut()
        .unwrap()
        .remove("country");
    bad["controller"].as_object_mut().unwrap().remove("ssn");
    bad["controller"]["title"] = json!("t".repeat(101));
    let reply = t.post("/customers", &bad).await;
    for (code, path) in [
        ("Invalid", "/businessClassification"),
        ("InvalidFormat", "/ein"),
        ("Required", "/controller/address/country"),
        ("Required", "/controller/ssn"),
        ("Invalid", "/controller/title"),
    ] {
        assert!(
            has_problem(&reply, code, path),
            "{code} {path}: {:?}",
            problems(&reply)
        );
    }
    let mut bad = business("John", "Jane Corp", "biz@nomail.net");
    bad.as_object_mut().unwrap().remove("controller");
    bad["businessType"] = json!("trust");
    let reply = t.post("/customers", &bad).await;
    assert!(
        has_problem(&reply, "Invalid", "/businessType"),
        "{:?}",
        problems(&reply)
    );
    bad["businessType"] = json!("corporation");
    let reply = t.post("/customers", &bad).await;
    assert!(
        has_problem(&reply, "Required", "/controller"),
        "{:?}",
        problems(&reply)
    );

    // Not JSON, not an object, not JSON's media type.
    let reply = t.http.post(&t.token, "/customers", "{").await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (400, Some("ValidationError"))
    );
    let reply = t.http.post(&t.token, "/customers", "[]").await;
    assert_eq!(reply.status, 400);
    let req = http::Request::post(format!("{}/customers", t.emu.base_url()))
        .header("accept", HAL)
        .header("content-type", "text/plain")
        .header("authorization", t.token.authorization_header().clone())
        .body(bytes::Bytes::from_static(b"firstName=x"))
        .unwrap();
    assert_eq!(t.http.send(req).await.status, 415);
    // Nothing was created.
    assert_eq!(t.get("/customers").await["total"], 1);
}

#[tokio::test]
async fn a_taken_email_is_a_duplicate_about_the_existing_customer() {
    let t = start().await;
    let first = t.customer(&personal("Jane", "jane@nomail.net")).await;
    let reply = t
        .post("/customers", &unverified("Other", "JANE@nomail.net"))
        .await;
    assert_eq!(reply.status, 400);
    let doc = reply.json();
    assert_eq!(doc["code"], "ValidationError");
    let e = &doc["_embedded"]["errors"][0];
    assert_eq!(
        (
            e["code"].as_str(),
            e["path"].as_str(),
            e["message"].as_str()
        ),
        (
            Some("Duplicate"),
            Some("/email"),
            Some("A customer with the specified email already exists.")
        )
    );
    assert_eq!(e["_links"]["about"]["href"], first.as_str());
    assert!(
        doc.get("_links").is_none(),
        "only on the embedded error, as Dwolla sends it"
    );
    let err = api_error(&reply);
    assert_eq!(err.kind(), ApiErrorKind::DuplicateCustomer);
    assert_eq!(err.about_href(), Some(first.as_str()));
    // The preloaded customer's email is taken too.
    let reply = t
        .post(
            "/customers",
            &unverified("J", "emulator.customer@example.com"),
        )
        .await;
    assert_eq!(
        api_error(&reply).about_href(),
        Some(format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID).as_str())
    );
    // So is a correlation id.
    let mut body = unverified("A", "a1@nomail.net");
    body["correlationId"] = json!("order-1");
    t.customer(&body).await;
    body["email"] = json!("a2@nomail.net");
    let reply = t.post("/customers", &body).await;
    assert!(has_problem(&reply, "Duplicate", "/correlationId"));
}

#[tokio::test]
async fn idempotency_keys_replay_a_create() {
    let t = start().await;
    let body = personal("Jane", "jane@nomail.net").to_string();
    let first = t
        .http
        .post_with_key(&t.token, "/customers", &body, Some("key-1"))
        .await;
    assert_eq!(first.status, 201);
    let again = t
        .http
        .post_with_key(&t.token, "/customers", &body, Some("key-1"))
        .await;
    assert_eq!((again.status, again.location()), (201, first.location()));
    let other = personal("Jane", "other@nomail.net").to_string();
    let refused = t
        .http
        .post_with_key(&t.token, "/customers", &other, Some("key-1"))
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(t.get("/customers").await["total"], 2);
    // Only one customer_created.
    let topics = t.emu.event_topics_about(&first.location());
    assert_eq!(topics, ["customer_created", "customer_verified"]);
    assert_eq!(t.emu.idempotency_keys(), ["key-1", "key-1", "key-1"]);
}

#[tokio::test]
async fn personal_statuses_follow_the_first_name() {
    let t = start().await;
    for (word, status, link, topic) in [
        ("verified", "verified", "send", "customer_verified"),
        ("Jane", "verified", "send", "customer_verified"),
        (
            "retry",
            "retry",
            "retry-verification",
            "customer_reverification_needed",
        ),
        ("kba", "kba", "kba", "customer_kba_verification_needed"),
        (
            "document",
            "document",
            "verify-with-document",
            "customer_verification_document_needed",
        ),
        ("suspended", "suspended", "self", "customer_suspended"),
    ] {
        let url = t
            .customer(&personal(word, &format!("{word}@nomail.net")))
            .await;
        let c = t.get(&url).await;
        assert_eq!(c["status"], status, "{word}");
        assert!(has_link(&c, link), "{word}: {link} in {:?}", links(&c));
        assert_eq!(
            t.emu.event_topics_about(&url),
            ["customer_created", topic],
            "{word}"
        );
        if word == "kba" {
            assert_eq!(c["_links"]["kba"]["href"], format!("{url}/kba"));
        }
        if word == "document" {
            assert_eq!(
                c["_links"]["verify-with-document"]["href"],
                format!("{url}/documents")
            );
            assert!(has_link(&c, "document-form"));
        }
        if word == "suspended" {
            assert_eq!(links(&c), ["funding-sources", "self", "transfers"]);
        }
    }
    // Statuses filter the list, repeatably.
    let page = t.get("/customers?status=retry&status=kba").await;
    assert_eq!(page["total"], 2);
}

#[tokio::test]
async fn business_statuses_follow_the_controller_and_business_name() {
    let t = start().await;
    let cases: [(&str, &str, &str, &[&str]); 7] = [
        ("John", "Jane Corp", "verified", &[]),
        ("John", "retry", "retry", &["retry-verification"]),
        (
            "retry",
            "Jane Corp",
            "retry",
            &["retry-verification", "retry-with-full-ssn"],
        ),
        (
            "document",
            "Jane Corp",
            "document",
            &["verify-with-document"],
        ),
        (
            "John",
            "document",
            "document",
            &["verify-business-with-document"],
        ),
        (
            "document",
            "document",
            "document",
            &["verify-controller-and-business-with-document"],
        ),
        ("suspended", "Jane Corp", "suspended", &[]),
    ];
    for (i, (controller, name, status, rels)) in cases.iter().enumerate() {
        let url = t
            .customer(&business(controller, name, &format!("b{i}@nomail.net")))
            .await;
        let c = t.get(&url).await;
        assert_eq!(c["status"], *status, "{controller}/{name}");
        for rel in *rels {
            assert!(
                has_link(&c, rel),
                "{controller}/{name}: {rel} in {:?}",
                links(&c)
            );
        }
        for other in [
            "retry-with-full-ssn",
            "verify-with-document",
            "verify-business-with-document",
        ] {
            if !rels.contains(&other) {
                assert!(
                    !has_link(&c, other),
                    "{controller}/{name}: {other} in {:?}",
                    links(&c)
                );
            }
        }
    }
    // A sole proprietor's own first name counts as the controller's.
    let url = t
        .customer(&sole_proprietorship("document", "Shop", "sp@nomail.net"))
        .await;
    assert!(has_link(&t.get(&url).await, "verify-with-document"));
}

#[tokio::test]
async fn retry_with_the_full_ssn_verifies_once() {
    let t = start().await;
    let url = t.customer(&personal("retry", "retry@nomail.net")).await;
    let mut body = personal("John", "retry@nomail.net");
    // The last four again: refused.
    let reply = t.post(&url, &body).await;
    assert_eq!(reply.status, 400);
    assert!(has_problem(&reply, "InvalidFormat", "/ssn"));
    body["ssn"] = json!("123-45-6789");
    body["address1"] = json!("221 Corrected Address St.");
    let reply = t.post(&url, &body).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    let c = reply.json();
    assert_eq!(
        (c["status"].as_str(), c["firstName"].as_str()),
        (Some("verified"), Some("John"))
    );
    assert_eq!(c["address1"], "221 Corrected Address St.");
    assert!(has_link(&c, "send") && !has_link(&c, "retry-verification"));
    assert_eq!(
        t.emu.event_topics_about(&url),
        [
            "customer_created",
            "customer_reverification_needed",
            "customer_verified"
        ]
    );
    // Once only.
    let reply = t.post(&url, &body).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        (
            reply.json()["code"].as_str(),
            reply.json()["message"].as_str()
        ),
        (
            Some("InvalidResourceState"),
            Some("Resource cannot be modified.")
        )
    );
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::InvalidResourceState);

    // A retry that fails again ends in document; kba as named.
    let url = t.customer(&personal("retry", "retry2@nomail.net")).await;
    let mut body = personal("retry", "retry2@nomail.net");
    body["ssn"] = json!("123456789");
    assert_eq!(t.post(&url, &body).await.json()["status"], "document");
    let url = t.customer(&personal("retry", "retry3@nomail.net")).await;
    let mut body = personal("kba", "retry3@nomail.net");
    body["ssn"] = json!("123456789");
    assert_eq!(t.post(&url, &body).await.json()["status"], "kba");

    // A business whose controller retries needs the controller's full SSN.
    let url = t
        .customer(&business("retry", "Jane Corp", "bretry@nomail.net"))
        .await;
    let mut body = business("John", "Jane Corp", "bretry@nomail.net");
    let reply = t.post(&url, &body).await;
    assert!(
        has_problem(&reply, "InvalidFormat", "/controller/ssn"),
        "{:?}",
        reply.json()
    );
    body["controller"]["ssn"] = json!("123-45-6789");
    assert_eq!(t.post(&url, &body).await.json()["status"], "verified");
    // A business-name retry keeps the create's SSN rules, and may leave the
    // controller out (the spec's RetryVerifiedBusinessNoController).
    let url = t
        .customer(&business("John", "retry", "bretry2@nomail.net"))
        .await;
    let mut body = business("John", "Jane Corp", "bretry2@nomail.net");
    body.as_object_mut().unwrap().remove("controller");
    let reply = t.post(&url, &body).await;
    assert_eq!(reply.json()["status"], "verified", "{:?}", reply.json());
    assert_eq!(reply.json()["controller"]["firstName"], "John");
    let url = t
        .customer(&business("John", "retry", "bretry3@nomail.net"))
        .await;
    let body = business("John", "Jane Corp", "bretry3@nomail.net");
    assert_eq!(t.post(&url, &body).await.json()["status"], "verified");
    // "USA" is the US too (the spec's examples write it so).
    let mut body = business("John", "Corp", "usa@nomail.net");
    body["controller"]["address"]["country"] = json!("USA");
    t.customer(&body).await;
    // Not in retry status: refused.
    let url = t.customer(&personal("Jane", "notretry@nomail.net")).await;
    assert_eq!(
        t.post(&url, &personal("Jane", "notretry@nomail.net"))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn upgrades() {
    let t = start().await;
    let receive_only = t
        .customer(&json!({ "firstName": "R", "lastName": "O", "email": "ro@nomail.net", "type": "receive-only" }))
        .await;
    let reply = t
        .post(&receive_only, &personal("Jane", "ro@nomail.net"))
        .await;
    assert!(has_problem(&reply, "Invalid", "/type"));
    let reply = t
        .post(&receive_only, &json!({ "type": "unverified" }))
        .await;
    assert_eq!(
        (reply.status, reply.json()["type"].as_str()),
        (200, Some("unverified"))
    );

    let url = t.customer(&unverified("Jane", "up@nomail.net")).await;
    // The whole verified body, checked as a create is.
    let reply = t
        .post(&url, &json!({ "type": "personal", "firstName": "Jane" }))
        .await;
    assert!(has_problem(&reply, "Required", "/ssn"));
    let reply = t.post(&url, &personal("document", "up@nomail.net")).await;
    assert_eq!(reply.status, 200);
    let c = reply.json();
    assert_eq!(
        (c["type"].as_str(), c["status"].as_str()),
        (Some("personal"), Some("document"))
    );
    assert_eq!(
        t.emu.event_topics_about(&url),
        ["customer_created", "customer_verification_document_needed"]
    );
    // Already verified-type: no second upgrade.
    assert_eq!(
        t.post(&url, &personal("Jane", "up@nomail.net"))
            .await
            .status,
        403
    );

    let url = t.customer(&unverified("Biz", "upbiz@nomail.net")).await;
    let reply = t
        .post(&url, &business("John", "Corp", "upbiz@nomail.net"))
        .await;
    assert_eq!(reply.json()["type"], "business");
    assert!(has_link(&reply.json(), "certify-beneficial-ownership"));
}

#[tokio::test]
async fn suspend_deactivate_reactivate() {
    let t = start().await;
    let url = t.customer(&personal("document", "d@nomail.net")).await;
    let reply = t.post(&url, &json!({ "status": "deactivated" })).await;
    assert_eq!(reply.status, 200);
    let c = reply.json();
    assert_eq!(c["status"], "deactivated");
    assert_eq!(
        links(&c),
        ["funding-sources", "reactivate", "self", "transfers"]
    );
    // Reactivation restores the status before.
    let reply = t.post(&url, &json!({ "status": "reactivated" })).await;
    assert_eq!(reply.json()["status"], "document");
    assert!(has_link(&reply.json(), "verify-with-document"));
    assert_eq!(
        t.emu.event_topics_about(&url),
        [
            "customer_created",
            "customer_verification_document_needed",
            "customer_deactivated",
            "customer_activated"
        ]
    );
    // Not deactivated: nothing to reactivate.
    assert_eq!(
        t.post(&url, &json!({ "status": "reactivated" }))
            .await
            .status,
        403
    );

    let url = t.customer(&personal("Jane", "s@nomail.net")).await;
    let reply = t.post(&url, &json!({ "status": "suspended" })).await;
    assert_eq!(reply.json()["status"], "suspended");
    // Not deactivated while suspended, and no information updates.
    let reply = t.post(&url, &json!({ "status": "deactivated" })).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("InvalidResourceState"))
    );
    assert_eq!(
        t.post(&url, &json!({ "email": "new@nomail.net" }))
            .await
            .status,
        403
    );
    let reply = t.post(&url, &json!({ "status": "closed" })).await;
    assert!(has_problem(&reply, "Invalid", "/status"));
}

#[tokio::test]
async fn information_updates_per_type() {
    let t = start().await;
    let url = t.customer(&personal("Jane", "info@nomail.net")).await;
    let reply = t
        .post(&url, &json!({ "email": "moved@nomail.net", "address1": "1 New St", "city": "Ames", "state": "ia", "postalCode": "50010", "phone": "5555555555", "ipAddress": "10.0.0.1" }))
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    let c = reply.json();
    assert_eq!(
        (
            c["email"].as_str(),
            c["address1"].as_str(),
            c["state"].as_str(),
            c["phone"].as_str()
        ),
        (
            Some("moved@nomail.net"),
            Some("1 New St"),
            Some("IA"),
            Some("5555555555")
        )
    );
    assert_eq!(t.get(&url).await["city"], "Ames");
    // A verified customer's name is not updatable; a bad state is refused.
    let reply = t
        .post(&url, &json!({ "firstName": "Janet", "state": "ZZ" }))
        .await;
    assert!(has_problem(&reply, "ReadOnly", "/firstName"));
    assert!(has_problem(&reply, "Invalid", "/state"));
    // Another customer's email is a duplicate.
    let reply = t
        .post(&url, &json!({ "email": "emulator.customer@example.com" }))
        .await;
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::DuplicateCustomer);

    // Unverified: names and business name; "" unsets the business name.
    let url = t.customer(&json!({ "firstName": "U", "lastName": "V", "email": "u@nomail.net", "businessName": "Old Name" })).await;
    let reply = t
        .post(&url, &json!({ "firstName": "Ulla", "businessName": "" }))
        .await;
    let c = reply.json();
    assert_eq!(c["firstName"], "Ulla");
    assert!(c.get("businessName").is_none());
    let reply = t.post(&url, &json!({ "address1": "1 Main" })).await;
    assert!(has_problem(&reply, "ReadOnly", "/address1"));

    // A business: doingBusinessAs and website too.
    let url = t
        .customer(&business("John", "Corp", "web@nomail.net"))
        .await;
    let reply = t
        .post(
            &url,
            &json!({ "doingBusinessAs": "Corp Coffee", "website": "https://www.domain.com" }),
        )
        .await;
    assert_eq!(reply.json()["website"], "https://www.domain.com");
    let reply = t.post(&url, &json!({ "website": "domain" })).await;
    assert!(has_problem(&reply, "Invalid", "/website"));

    // In document status: no information updates.
    let url = t.customer(&personal("document", "doc@nomail.net")).await;
    assert_eq!(
        t.post(&url, &json!({ "email": "x@nomail.net" }))
            .await
            .status,
        403
    );
    // No customer: 404.
    assert_eq!(
        t.post("/customers/nobody", &json!({ "email": "x@y.co" }))
            .await
            .status,
        404
    );
    assert_eq!(t.http.get(&t.token, "/customers/nobody").await.status, 404);
}

#[tokio::test]
async fn update_idempotency_keys_replay_the_answer() {
    let t = start().await;
    let url = t.customer(&personal("retry", "k@nomail.net")).await;
    let mut body = personal("John", "k@nomail.net");
    body["ssn"] = json!("123456789");
    let body = body.to_string();
    let first = t
        .http
        .post_with_key(&t.token, &url, &body, Some("retry-1"))
        .await;
    assert_eq!(first.status, 200);
    // A lost response retried: the same 200, not "cannot be modified".
    let again = t
        .http
        .post_with_key(&t.token, &url, &body, Some("retry-1"))
        .await;
    assert_eq!((again.status, again.json()), (200, first.json()));
    let without = t.http.post(&t.token, &url, &body).await;
    assert_eq!(without.status, 403);
}

#[tokio::test]
async fn paging_through_sixty_customers() {
    let t = start().await;
    for i in 0..59 {
        t.customer(&unverified("Page", &format!("page{i:02}@nomail.net")))
            .await;
    }
    let base = t.emu.base_url();
    let first = t.get("/customers?limit=25").await;
    assert_eq!(first["total"], 60);
    assert_eq!(
        first["_embedded"]["customers"].as_array().unwrap().len(),
        25
    );
    assert_eq!(
        first["_embedded"]["customers"][0]["email"],
        "page58@nomail.net"
    );
    let link = |doc: &Value, rel: &str| doc["_links"][rel]["href"].as_str().map(str::to_owned);
    assert_eq!(
        link(&first, "self").unwrap(),
        format!("{base}/customers?limit=25&offset=0")
    );
    assert_eq!(
        link(&first, "first").unwrap(),
        format!("{base}/customers?limit=25&offset=0")
    );
    assert_eq!(
        link(&first, "last").unwrap(),
        format!("{base}/customers?limit=25&offset=50")
    );
    assert_eq!(
        link(&first, "next").unwrap(),
        format!("{base}/customers?limit=25&offset=25")
    );
    assert_eq!(link(&first, "prev"), None);

    let mut seen = Vec::new();
    let mut next = Some(format!("{base}/customers?limit=25"));
    let mut pages = 0;
    while let Some(url) = next {
        let page = t.get(&url).await;
        pages += 1;
        for c in page["_embedded"]["customers"].as_array().unwrap() {
            seen.push(c["id"].as_str().unwrap().to_owned());
        }
        next = link(&page, "next");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 60);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 60);

    let last = t.get("/customers?limit=25&offset=50").await;
    assert_eq!(last["_embedded"]["customers"].as_array().unwrap().len(), 10);
    assert_eq!(
        link(&last, "prev").unwrap(),
        format!("{base}/customers?limit=25&offset=25")
    );
    assert_eq!(link(&last, "next"), None);
    assert_eq!(
        last["_embedded"]["customers"][9]["id"],
        Emulator::CUSTOMER_ID
    );
    // Past the end: empty, still the total.
    let beyond = t.get("/customers?limit=25&offset=100").await;
    assert_eq!(
        (
            beyond["total"].as_u64(),
            beyond["_embedded"]["customers"].as_array().unwrap().len()
        ),
        (Some(60), 0)
    );

    // Default 25, max 200.
    let page = t.get("/customers").await;
    assert_eq!(page["_embedded"]["customers"].as_array().unwrap().len(), 25);
    assert_eq!(
        t.get("/customers?limit=200").await["_embedded"]["customers"]
            .as_array()
            .unwrap()
            .len(),
        60
    );
    for bad in ["limit=201", "limit=0", "limit=x", "offset=-5"] {
        let reply = t.http.get(&t.token, &format!("/customers?{bad}")).await;
        assert_eq!(reply.status, 400, "{bad}");
        assert_eq!(reply.json()["code"], "ValidationError");
    }
}

#[tokio::test]
async fn search_and_email_filters() {
    let t = start().await;
    t.customer(&personal("Jane", "jane.doe@nomail.net")).await;
    t.customer(&unverified("John", "john@nomail.net")).await;
    t.customer(&business("Bob", "Acme Rockets", "acme@nomail.net"))
        .await;
    let count = |doc: Value| doc["total"].as_u64().unwrap();
    // The preloaded Jane Doe and the created one.
    assert_eq!(count(t.get("/customers?search=jane%20doe").await), 2);
    assert_eq!(count(t.get("/customers?search=JANE.DOE").await), 1);
    assert_eq!(count(t.get("/customers?search=rocket").await), 1);
    assert_eq!(count(t.get("/customers?search=nobody").await), 0);
    let page = t.get("/customers?email=John%40nomail.net").await;
    assert_eq!(page["_embedded"]["customers"][0]["firstName"], "John");
    // The filters stay in the page links.
    assert!(page["_links"]["self"]["href"]
        .as_str()
        .unwrap()
        .ends_with("&email=John%40nomail.net"));
    assert_eq!(count(t.get("/customers?email=john").await), 0);
}

#[tokio::test]
async fn business_classifications() {
    let t = start().await;
    let all = t.get("/business-classifications").await;
    let list = all["_embedded"]["business-classifications"]
        .as_array()
        .unwrap();
    assert_eq!(all["total"].as_u64(), Some(list.len() as u64));
    assert_eq!(list[0]["name"], "Food retail and service");
    let industries = list[0]["_embedded"]["industry-classifications"]
        .as_array()
        .unwrap();
    assert!(industries.iter().any(|i| i["id"] == INDUSTRY));
    let href = list[1]["_links"]["self"]["href"].as_str().unwrap();
    let one = t.get(href).await;
    assert_eq!(one["id"], list[1]["id"]);
    assert_eq!(
        t.http
            .get(&t.token, "/business-classifications/nope")
            .await
            .status,
        404
    );
    // Every listed industry id creates a business.
    let industry = list[2]["_embedded"]["industry-classifications"][0]["id"].clone();
    let mut body = business("John", "Corp", "ind@nomail.net");
    body["businessClassification"] = industry;
    t.customer(&body).await;
}

#[tokio::test]
async fn beneficial_owners_and_certification() {
    let t = start().await;
    let biz = t
        .customer(&business("John", "Jane Corp", "owners@nomail.net"))
        .await;
    let owners = format!("{biz}/beneficial-owners");
    let verified = t.create(&owners, &owner("Jane")).await;
    assert!(verified.starts_with(&format!("{}/beneficial-owners/", t.emu.base_url())));
    let o = t.get(&verified).await;
    assert_eq!(
        (o["verificationStatus"].as_str(), o["firstName"].as_str()),
        (Some("verified"), Some("Jane"))
    );
    assert_eq!(o["address"]["country"], "US");
    assert!(o.get("ssn").is_none() && o.get("dateOfBirth").is_none());
    assert_eq!(
        t.emu.event_topics_about(&verified),
        [
            "customer_beneficial_owner_created",
            "customer_beneficial_owner_verified"
        ]
    );

    let incomplete = t.create(&owners, &owner("incomplete")).await;
    let o = t.get(&incomplete).await;
    assert_eq!(o["verificationStatus"], "incomplete");
    assert_eq!(
        o["_links"]["retry-verification"]["href"],
        incomplete.as_str()
    );
    let document = t.create(&owners, &owner("document")).await;
    assert_eq!(t.get(&document).await["verificationStatus"], "document");

    let list = t.get(&owners).await;
    assert_eq!(list["total"], 3);
    assert_eq!(
        list["_embedded"]["beneficial-owners"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Certifying needs every owner verified.
    let ownership = format!("{biz}/beneficial-ownership");
    let reply = t.post(&ownership, &json!({ "status": "certified" })).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (400, Some("ValidationError"))
    );

    // The incomplete owner's one update verifies it; then it is not updatable.
    let mut fixed = owner("Jane");
    fixed["address"]["address1"] = json!("123 Corrected St.");
    let reply = t.post(&incomplete, &fixed).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert_eq!(reply.json()["verificationStatus"], "verified");
    let reply = t.post(&incomplete, &fixed).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("InvalidResourceState"))
    );
    // Remove the one in document status: 200, then gone.
    let reply = t
        .send("DELETE", &document.replace(&t.emu.base_url(), ""))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(t.http.get(&t.token, &document).await.status, 404);
    assert_eq!(
        t.send("DELETE", &document.replace(&t.emu.base_url(), ""))
            .await
            .status,
        404
    );

    let reply = t.post(&ownership, &json!({ "status": "certified" })).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert_eq!(reply.json()["status"], "certified");
    assert_eq!(reply.json()["_links"]["self"]["href"], ownership.as_str());
    assert!(!has_link(
        &t.get(&biz).await,
        "certify-beneficial-ownership"
    ));
    // A new owner: recertify.
    t.create(&owners, &owner("Jim")).await;
    assert_eq!(t.get(&ownership).await["status"], "recertify");
    assert!(has_link(&t.get(&biz).await, "certify-beneficial-ownership"));
    let reply = t
        .post(&ownership, &json!({ "status": "uncertified" }))
        .await;
    assert!(has_problem(&reply, "Invalid", "/status"));

    // Bad bodies name their members; personal customers have no owners.
    let reply = t
        .post(
            &owners,
            &json!({ "firstName": "x", "address": { "country": "US" } }),
        )
        .await;
    for path in [
        "/lastName",
        "/dateOfBirth",
        "/address/address1",
        "/address/city",
        "/ssn",
    ] {
        assert!(
            has_problem(&reply, "Required", path),
            "{path}: {:?}",
            problems(&reply)
        );
    }
    let person = t.customer(&personal("Jane", "p@nomail.net")).await;
    let reply = t
        .post(&format!("{person}/beneficial-owners"), &owner("Jane"))
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        t.http
            .get(&t.token, &format!("{person}/beneficial-ownership"))
            .await
            .status,
        404
    );
    // An international owner, by passport.
    let mut intl = owner("Hans");
    intl.as_object_mut().unwrap().remove("ssn");
    intl["passport"] = json!({ "number": "C01X00T47", "country": "DE" });
    intl["address"] = json!({ "address1": "Unter den Linden 1", "city": "Berlin", "stateProvinceRegion": "BE", "country": "DE" });
    t.create(&owners, &intl).await;
}

#[tokio::test]
async fn documents_verify_a_customer_in_document_status() {
    let t = start().await;
    let url = t.customer(&personal("document", "doc@nomail.net")).await;
    let documents = format!("{url}/documents");

    // The sandbox's failing sample: rejected, still in document.
    let reply = t
        .upload(
            &documents,
            Some("license"),
            Some(("test-document-upload-fail.png", &png("1"))),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let failed = reply.location();
    assert!(failed.starts_with(&format!("{}/documents/", t.emu.base_url())));
    let d = t.get(&failed).await;
    assert_eq!(
        (
            d["status"].as_str(),
            d["documentVerificationStatus"].as_str(),
            d["failureReason"].as_str(),
            d["type"].as_str()
        ),
        (
            Some("reviewed"),
            Some("rejected"),
            Some("ScanNotReadable"),
            Some("license")
        )
    );
    assert_eq!(d["allFailureReasons"][0]["reason"], "ScanNotReadable");
    assert_eq!(t.status_of(&url).await, "document");

    // Any other file name: accepted, and the customer verified.
    let reply = t
        .upload(
            &documents,
            Some("passport"),
            Some(("passport.jpg", &jpeg("2"))),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let d = t.get(&reply.location()).await;
    assert_eq!(d["documentVerificationStatus"], "accepted");
    assert!(d.get("failureReason").is_none());
    assert_eq!(t.status_of(&url).await, "verified");
    let list = t.get(&documents).await;
    assert_eq!(list["total"], 2);
    assert_eq!(
        list["_embedded"]["documents"][0]["_links"]["self"]["href"],
        failed.as_str()
    );
    assert_eq!(
        t.emu.event_topics_about(&url),
        [
            "customer_created",
            "customer_verification_document_needed",
            "customer_verification_document_uploaded",
            "customer_verification_document_failed",
            "customer_verification_document_uploaded",
            "customer_verification_document_approved",
            "customer_verified",
        ]
    );
    // Verified now: no more documents.
    let reply = t
        .upload(&documents, Some("license"), Some(("again.png", &png("3"))))
        .await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("invalidResourceState"))
    );
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::InvalidResourceState);
    // The status is checked before the form: a bad form gets the same 403.
    let reply = t.upload(&documents, None, None).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("invalidResourceState"))
    );
    assert_eq!(t.http.get(&t.token, "/documents/nope").await.status, 404);
}

#[tokio::test]
async fn document_upload_errors() {
    let t = start().await;
    let url = t.customer(&personal("document", "docerr@nomail.net")).await;
    let documents = format!("{url}/documents");
    // Not an image.
    let reply = t
        .upload(&documents, Some("license"), Some(("id.gif", b"GIF89a....")))
        .await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (400, Some("invalidFileType"))
    );
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::InvalidFileType);
    // A PDF is for business documents only.
    let reply = t
        .upload(
            &documents,
            Some("license"),
            Some(("id.pdf", b"%PDF-1.7 ...")),
        )
        .await;
    assert_eq!(reply.json()["code"], "invalidFileType");
    // Missing and bad form fields.
    let reply = t.upload(&documents, None, None).await;
    assert!(
        has_problem(&reply, "Required", "/documentType")
            && has_problem(&reply, "Required", "/file")
    );
    let reply = t
        .upload(&documents, Some("selfie"), Some(("x.png", &png("a"))))
        .await;
    assert!(has_problem(&reply, "Invalid", "/documentType"));
    // Not multipart.
    let reply = t.http.post(&t.token, &documents, "{}").await;
    assert_eq!(reply.status, 415);
    // Over 10 MiB: 413, read to its end first.
    let big = {
        let mut v = png("big");
        v.resize(10 * 1024 * 1024 - 100, 0);
        v
    };
    let reply = t
        .upload(&documents, Some("license"), Some(("big.png", &big)))
        .await;
    assert_eq!(
        (
            reply.status,
            reply.json()["code"].as_str(),
            reply.json()["message"].as_str()
        ),
        (
            413,
            Some("fileTooLarge"),
            Some("Document requests are limited to 10 MiB.")
        )
    );
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::FileTooLarge);
    // Up to 10 MiB with the form around the file is fine (a pending one,
    // to keep the customer in document status).
    let mut max = png("max");
    max.resize(10 * 1024 * 1024 - 1024, 0);
    let reply = t
        .upload(&documents, Some("license"), Some(("max-pending.png", &max)))
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let d = t.get(&reply.location()).await;
    assert_eq!(
        (
            d["status"].as_str(),
            d["documentVerificationStatus"].as_str()
        ),
        (Some("pending"), Some("pending"))
    );
    // The same file again.
    let reply = t
        .upload(&documents, Some("license"), Some(("max-pending.png", &max)))
        .await;
    assert_eq!(reply.json()["code"], "DuplicateResource");
    // Four pending at most.
    for i in 0..3 {
        let reply = t
            .upload(
                &documents,
                Some("idCard"),
                Some(("pending.png", &png(&i.to_string()))),
            )
            .await;
        assert_eq!(reply.status, 201);
    }
    let reply = t
        .upload(&documents, Some("idCard"), Some(("fifth.png", &png("5"))))
        .await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (400, Some("maximumNumberOfResources"))
    );
    assert_eq!(api_error(&reply).kind(), ApiErrorKind::MaxNumberOfResources);
    assert_eq!(t.status_of(&url).await, "document");
    // No such customer.
    let reply = t
        .upload(
            &format!("{}/customers/nobody/documents", t.emu.base_url()),
            Some("license"),
            Some(("a.png", &png("n"))),
        )
        .await;
    assert_eq!(reply.status, 404);
    // Not even with a bad form: whose document comes first.
    let reply = t
        .upload(
            &format!("{}/customers/nobody/documents", t.emu.base_url()),
            None,
            None,
        )
        .await;
    assert_eq!(reply.status, 404);
    // Other request bodies keep the 1 MiB limit.
    let reply = t
        .http
        .post(&t.token, "/customers", &" ".repeat(1024 * 1024 + 1))
        .await;
    assert_eq!(reply.status, 413);
}

#[tokio::test]
async fn business_documents_and_owner_documents() {
    let t = start().await;
    let url = t
        .customer(&business("document", "document", "bdoc@nomail.net"))
        .await;
    assert!(has_link(
        &t.get(&url).await,
        "verify-controller-and-business-with-document"
    ));
    let documents = format!("{url}/documents");
    // A business document may be a PDF; it proves the business only.
    let reply = t
        .upload(
            &documents,
            Some("other"),
            Some(("articles.pdf", b"%PDF-1.4 articles")),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let c = t.get(&url).await;
    assert_eq!(c["status"], "document");
    assert!(has_link(&c, "verify-with-document"), "{:?}", links(&c));
    // Another business document is the wrong kind now.
    let reply = t
        .upload(&documents, Some("other"), Some(("more.png", &png("o"))))
        .await;
    assert_eq!(
        t.get(&reply.location()).await["failureReason"],
        "ScanIdTypeNotSupported"
    );
    let reply = t
        .upload(
            &documents,
            Some("license"),
            Some(("controller.png", &png("c"))),
        )
        .await;
    assert_eq!(
        t.get(&reply.location()).await["documentVerificationStatus"],
        "accepted"
    );
    assert_eq!(t.status_of(&url).await, "verified");

    // A beneficial owner in document status.
    let biz = t.customer(&business("John", "Corp", "bo@nomail.net")).await;
    let owner_url = t
        .create(&format!("{biz}/beneficial-owners"), &owner("document"))
        .await;
    let owner_docs = format!("{owner_url}/documents");
    assert_eq!(
        t.get(&owner_url).await["_links"]["verify-with-document"]["href"],
        owner_docs.as_str()
    );
    let reply = t
        .upload(
            &owner_docs,
            Some("license"),
            Some(("owner.jpg", &jpeg("owner"))),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    assert_eq!(t.get(&owner_url).await["verificationStatus"], "verified");
    assert_eq!(t.get(&owner_docs).await["total"], 1);
    assert_eq!(
        t.emu.event_topics_about(&owner_url),
        [
            "customer_beneficial_owner_created",
            "customer_beneficial_owner_verification_document_needed",
            "customer_beneficial_owner_verified",
        ]
    );
    let topics = t.emu.event_topics_about(&biz);
    assert!(topics.contains(&"customer_beneficial_owner_verification_document_uploaded".to_owned()));
    assert!(topics.contains(&"customer_beneficial_owner_verification_document_approved".to_owned()));
    // Verified: no more documents.
    let reply = t
        .upload(
            &owner_docs,
            Some("license"),
            Some(("again.jpg", &jpeg("again"))),
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn kba_passes_with_the_sandbox_answers() {
    let t = start().await;
    let url = t.customer(&personal("kba", "kba@nomail.net")).await;
    let reply = t.post(&format!("{url}/kba"), &json!({})).await;
    assert_eq!(reply.status, 201);
    let kba = reply.location();
    assert!(kba.starts_with(&format!("{}/kba/", t.emu.base_url())));
    let questions = t.get(&kba).await;
    assert_eq!(questions["_links"]["answer"]["href"], kba.as_str());
    let questions = questions["questions"].as_array().unwrap().clone();
    assert_eq!(questions.len(), 4);
    let passing = [
        "None of the above",
        "I have never been associated with this vehicle",
    ];
    let answers: Vec<Value> = questions
        .iter()
        .map(|q| {
            let a = q["answers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| passing.contains(&a["text"].as_str().unwrap()))
                .expect("a passing answer");
            json!({ "questionId": q["id"], "answerId": a["id"] })
        })
        .collect();
    let reply = t.post(&kba, &json!({ "answers": answers })).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert_eq!(reply.json()["verificationStatus"], "verified");
    assert_eq!(reply.json()["_links"]["customer"]["href"], url.as_str());
    assert_eq!(t.status_of(&url).await, "verified");
    assert_eq!(
        t.emu.event_topics_about(&url),
        [
            "customer_created",
            "customer_kba_verification_needed",
            "customer_kba_verification_passed",
            "customer_verified"
        ]
    );
    // One attempt.
    let reply = t.post(&kba, &json!({ "answers": answers })).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("InvalidResourceState"))
    );
    assert_eq!(t.http.get(&t.token, &kba).await.status, 403);
    // Verified now: no new session.
    let reply = t.post(&format!("{url}/kba"), &json!({})).await;
    assert_eq!(
        (reply.status, reply.json()["code"].as_str()),
        (403, Some("InvalidResourceState"))
    );
}

#[tokio::test]
async fn kba_fails_to_document_with_other_answers() {
    let t = start().await;
    let url = t.customer(&personal("kba", "kbafail@nomail.net")).await;
    // An empty POST body is fine.
    let kba = t
        .http
        .post(&t.token, &format!("{url}/kba"), "")
        .await
        .location();
    let questions = t.get(&kba).await["questions"].as_array().unwrap().clone();
    let first_answers: Vec<Value> = questions
        .iter()
        .map(|q| json!({ "questionId": q["id"], "answerId": q["answers"][0]["id"] }))
        .collect();
    // Malformed answers do not use up the attempt.
    let reply = t
        .post(&kba, &json!({ "answers": &first_answers[..3] }))
        .await;
    assert!(has_problem(&reply, "Invalid", "/answers"));
    let mut wrong = first_answers.clone();
    wrong[1]["answerId"] = json!("nope");
    let reply = t.post(&kba, &json!({ "answers": wrong })).await;
    assert!(has_problem(&reply, "Invalid", "/answers/1/answerId"));
    assert!(has_problem(
        &t.post(&kba, &json!({})).await,
        "Required",
        "/answers"
    ));

    let reply = t.post(&kba, &json!({ "answers": first_answers })).await;
    assert_eq!(reply.json()["verificationStatus"], "failed");
    let c = t.get(&url).await;
    assert_eq!(c["status"], "document");
    assert!(has_link(&c, "verify-with-document"));
    let topics = t.emu.event_topics_about(&url);
    assert_eq!(
        &topics[2..],
        [
            "customer_kba_verification_failed",
            "customer_verification_document_needed"
        ]
    );
    // Not in kba status: no session; unknown sessions 404.
    let other = t.customer(&personal("Jane", "nokba@nomail.net")).await;
    assert_eq!(
        t.post(&format!("{other}/kba"), &json!({})).await.status,
        403
    );
    assert_eq!(t.http.get(&t.token, "/kba/nope").await.status, 404);
    assert_eq!(
        t.post("/kba/nope", &json!({ "answers": [] })).await.status,
        404
    );
}

#[tokio::test]
async fn open_banking_starts_from_a_created_customer() {
    let t = start().await;
    let url = t.customer(&personal("Jane", "ob@nomail.net")).await;
    let plaid = t.emu.partner_href("plaid").unwrap();
    let body = json!({ "_links": { "exchange-partner": { "href": plaid } } });
    let session = t.create(&format!("{url}/exchange-sessions"), &body).await;
    let token = t.get(&session).await["externalProviderSessionToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let public = t.emu.plaid_public_token(&token).unwrap();
    let exchange = t
        .create(&format!("{url}/exchanges"), &json!({ "_links": { "exchange-partner": { "href": plaid } }, "plaid": { "publicToken": public } }))
        .await;
    let funding = t
        .create(&format!("{url}/funding-sources"), &json!({ "_links": { "exchange": { "href": exchange } }, "bankAccountType": "checking", "name": "Checking" }))
        .await;
    assert_eq!(t.get(&funding).await["status"], "verified");
    // The bank, and the balance every verified customer has (the money
    // family's emulator plays it).
    assert_eq!(t.get(&format!("{url}/funding-sources")).await["total"], 2);
    assert_eq!(t.get(&format!("{url}/exchanges")).await["total"], 1);
    let id = url.rsplit('/').next().unwrap();
    assert!(t.emu.add_available_connection(id, "Savings").is_some());
    assert!(t
        .emu
        .add_available_connection("nobody", "Savings")
        .is_none());
    // A customer nobody created still has no exchanges.
    assert_eq!(
        t.http
            .get(&t.token, "/customers/nobody/exchanges")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn what_is_not_emulated_answers_501() {
    let t = start().await;
    for (method, path, template) in [
        // (Transfers, the root, labels and mass payments are played by the
        // money family's emulator now, events and webhooks by the webhooks
        // family's; the account's exchanges are not.)
        ("GET", "/exchanges", "GET /exchanges"),
        ("POST", "/exchanges", "POST /exchanges"),
    ] {
        let reply = t.send(method, path).await;
        assert_eq!(reply.status, 501, "{method} {path}");
        assert_eq!(reply.json()["code"], "NotImplemented");
        assert_eq!(
            reply.json()["message"],
            format!("The Dwolla emulator does not emulate {template} yet.")
        );
        assert!(reply.header("x-request-id").is_some());
    }
    // Dwolla's paths with a method Dwolla lacks: 405; other paths: 404.
    assert_eq!(t.send("DELETE", "/customers/c1").await.status, 405);
    assert_eq!(t.send("PUT", "/transfers").await.status, 405);
    assert_eq!(t.send("GET", "/transfer").await.status, 404);
    assert_eq!(t.send("GET", "/transfers/t1/nothing").await.status, 404);
    // Still behind the token check.
    let nobody = AccessToken::new("nope");
    assert_eq!(t.http.get(&nobody, "/transfers/t1").await.status, 401);
}

#[tokio::test]
async fn builder_customers_are_preloaded_verified() {
    let emu = Emulator::builder().customer("c2").start().await.unwrap();
    let http = Http::new(emu.base_url());
    let token = http.token(&emu.credentials()).await;
    let c = http.get(&token, "/customers/c2").await.json();
    assert_eq!(
        (c["status"].as_str(), c["type"].as_str()),
        (Some("verified"), Some("personal"))
    );
    assert_eq!(c["email"], "customer.c2@example.com");
    let created = http
        .post(
            &token,
            "/customers",
            &unverified("New", "new@nomail.net").to_string(),
        )
        .await
        .location();
    let ids = emu.customer_ids();
    assert_eq!(ids[..2], [Emulator::CUSTOMER_ID, "c2"]);
    assert_eq!(ids[2], created.rsplit('/').next().unwrap());
    // Events for the created one only.
    assert!(emu.event_topics_about("c2").is_empty());
    assert_eq!(emu.event_topics_about(&created), ["customer_created"]);
}
