//! The emulator's money over real HTTP, with raw JSON bodies: the account,
//! every funding-source form, micro-deposits, balances, transfers and their
//! legs through sandbox simulations, failures, cancellation, fees, paging,
//! mass payments, labels, client tokens, and the events they record.
#![cfg(feature = "emulator")]

mod support;

use dwolla_core::{AccessToken, Amount, ApiError, ApiErrorKind};
use dwolla_mock::emulator::Emulator;
use serde_json::{json, Value};
use support::{Http, Reply, HAL};

struct T {
    emu: Emulator,
    http: Http,
    token: AccessToken,
}

async fn start() -> T {
    start_with(Emulator::builder()).await
}

async fn start_with(builder: dwolla_mock::emulator::EmulatorBuilder) -> T {
    let emu = builder.start().await.unwrap();
    let http = Http::new(emu.base_url());
    let token = http.token(&emu.credentials()).await;
    T { emu, http, token }
}

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

/// The embedded errors' messages.
fn messages(reply: &Reply) -> Vec<String> {
    reply.json()["_embedded"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no embedded errors in {:?}", reply.json()))
        .iter()
        .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn assert_problems(reply: &Reply, expected: &[(&str, &str)]) {
    assert_eq!(reply.status, 400, "{:?}", reply.json());
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(problems(reply), expected, "{:?}", reply.json());
}

fn api_error(reply: &Reply) -> ApiError {
    let mut resp = http::Response::new(reply.body.clone());
    *resp.status_mut() = http::StatusCode::from_u16(reply.status).unwrap();
    *resp.headers_mut() = reply.headers.clone();
    ApiError::from_response(resp)
}

fn kind(reply: &Reply) -> ApiErrorKind {
    api_error(reply).kind()
}

fn has_link(doc: &Value, rel: &str) -> bool {
    doc["_links"][rel]["href"].is_string()
}

fn id_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}

fn amount(value: &str) -> Value {
    json!({ "value": value, "currency": "USD" })
}

fn transfer_body(source: &str, destination: &str, value: &str) -> Value {
    json!({
        "_links": { "source": { "href": source }, "destination": { "href": destination } },
        "amount": amount(value),
    })
}

fn bank_body(name: &str, account: &str) -> Value {
    json!({
        "routingNumber": "222222226",
        "accountNumber": account,
        "bankAccountType": "checking",
        "name": name,
    })
}

impl T {
    async fn post(&self, path: &str, body: &Value) -> Reply {
        self.http.post(&self.token, path, &body.to_string()).await
    }

    async fn create(&self, path: &str, body: &Value) -> String {
        let reply = self.post(path, body).await;
        assert_eq!(reply.status, 201, "{path}: {:?}", reply.json());
        reply.location()
    }

    async fn get(&self, path: &str) -> Value {
        let reply = self.http.get(&self.token, path).await;
        assert_eq!(reply.status, 200, "GET {path}: {:?}", reply.json());
        reply.json()
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

    fn customer_path(&self, rest: &str) -> String {
        format!("/customers/{}/{rest}", Emulator::CUSTOMER_ID)
    }

    /// An unverified bank of the preloaded customer.
    async fn bank(&self, name: &str, account: &str) -> String {
        self.create(
            &self.customer_path("funding-sources"),
            &bank_body(name, account),
        )
        .await
    }

    /// A bank of the preloaded customer, verified with micro-deposits.
    async fn verified_bank(&self, name: &str, account: &str) -> String {
        let bank = self.bank(name, account).await;
        self.create(&format!("{bank}/micro-deposits"), &json!({}))
            .await;
        let reply = self
            .post(
                &format!("{bank}/micro-deposits"),
                &json!({ "amount1": amount("0.03"), "amount2": amount("0.07") }),
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.json());
        bank
    }

    async fn simulate(&self) -> u64 {
        let reply = self.post("/sandbox-simulations", &json!({})).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json());
        reply.json()["total"].as_u64().unwrap()
    }

    async fn status_of(&self, url: &str) -> String {
        self.get(url).await["status"].as_str().unwrap().to_owned()
    }

    /// `{balance, total}` of a balance funding source.
    async fn balance(&self, fs: &str) -> (String, String) {
        let v = self.get(&format!("{fs}/balance")).await;
        (
            v["balance"]["value"].as_str().unwrap().to_owned(),
            v["total"]["value"].as_str().unwrap().to_owned(),
        )
    }

    fn customer_balance(&self) -> String {
        self.emu
            .customer_balance_href(Emulator::CUSTOMER_ID)
            .unwrap()
    }

    /// Moves `value` from the account's balance to the customer's
    /// (instant).
    async fn fund_customer(&self, value: &str) -> String {
        let t = self
            .create(
                "/transfers",
                &transfer_body(
                    &self.emu.account_balance_href(),
                    &self.customer_balance(),
                    value,
                ),
            )
            .await;
        assert_eq!(self.status_of(&t).await, "processed");
        t
    }
}

#[tokio::test]
async fn the_root_and_the_account_with_its_balance_and_bank() {
    let t = start().await;
    let base = t.emu.base_url();
    let root = t.get("/").await;
    assert_eq!(root["_links"]["account"]["href"], t.emu.account_href());
    assert_eq!(
        root["_links"]["customers"]["href"],
        format!("{base}/customers")
    );
    let account = t.get(&t.emu.account_href()).await;
    assert_eq!(account["id"], Emulator::ACCOUNT_ID);
    assert_eq!(account["type"], "Commercial");
    assert!(has_link(&account, "funding-sources"));
    assert!(has_link(&account, "mass-payments"));
    assert_eq!(t.send("GET", "/accounts/someone-else").await.status, 404);

    let list = t
        .get(&format!("{}/funding-sources", t.emu.account_href()))
        .await;
    assert_eq!(list["total"], 2);
    let items = list["_embedded"]["funding-sources"].as_array().unwrap();
    assert_eq!(items[0]["id"], Emulator::ACCOUNT_BALANCE_ID);
    assert_eq!(items[0]["type"], "balance");
    assert_eq!(items[1]["id"], Emulator::ACCOUNT_BANK_ID);
    assert_eq!(items[1]["bankName"], "Superhero Savings Bank");
    assert_eq!(items[1]["status"], "verified");
    assert_eq!(
        t.balance(&t.emu.account_balance_href()).await,
        ("5000.00".into(), "5000.00".into())
    );
    assert_eq!(
        t.emu.balance(Emulator::ACCOUNT_BALANCE_ID),
        Some(Amount::usd("5000").unwrap())
    );

    // The account adds its own bank: unverified, as a customer's.
    let bank = t
        .create("/funding-sources", &bank_body("Operating", "99887766"))
        .await;
    let v = t.get(&bank).await;
    assert_eq!(v["status"], "unverified");
    assert_eq!(v["_links"]["account"]["href"], t.emu.account_href());
    assert_eq!(t.emu.event_topics_about(&bank), ["funding_source_added"]);

    // A configured starting balance.
    let t = start_with(Emulator::builder().account_balance(Amount::usd("12.34").unwrap())).await;
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "12.34");
}

#[tokio::test]
async fn banks_by_numbers_are_checked_unverified_and_unique() {
    let t = start().await;
    let path = t.customer_path("funding-sources");
    // Checksum and length, with paths, all at once.
    let reply = t
        .post(
            &path,
            &json!({ "routingNumber": "222222227", "accountNumber": "12", "bankAccountType": "cash", "name": "" }),
        )
        .await;
    assert_problems(
        &reply,
        &[
            ("Invalid", "/routingNumber"),
            ("Invalid", "/accountNumber"),
            ("Invalid", "/bankAccountType"),
            ("Required", "/name"),
        ],
    );
    assert_eq!(kind(&reply), ApiErrorKind::Validation);

    let bank = t.bank("Jane's Checking", "123456789").await;
    let v = t.get(&bank).await;
    assert_eq!(v["status"], "unverified");
    assert_eq!(v["type"], "bank");
    assert_eq!(v["bankName"], "SANDBOX TEST BANK");
    assert_eq!(v["channels"], json!(["ach"]));
    assert!(has_link(&v, "initiate-micro-deposits"));
    assert!(has_link(&v, "transfer-receive"));
    assert!(!has_link(&v, "transfer-send"));
    let fingerprint = v["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.len(), 64);
    // The numbers are never shown.
    assert!(!v.to_string().contains("123456789"));

    // The same numbers again: a duplicate naming the existing bank.
    let reply = t.post(&path, &bank_body("Again", "123456789")).await;
    assert_eq!(reply.status, 400);
    assert_eq!(kind(&reply), ApiErrorKind::DuplicateFundingSource);
    assert_eq!(api_error(&reply).about_href(), Some(bank.as_str()));
    // The same numbers for another customer: the same fingerprint.
    let other = Emulator::builder().customer("c2");
    let t2 = start_with(other).await;
    let theirs = t2
        .create(
            "/customers/c2/funding-sources",
            &bank_body("Theirs", "123456789"),
        )
        .await;
    assert_eq!(t2.get(&theirs).await["fingerprint"], fingerprint.as_str());

    // Removed, then added again: the same id comes back.
    let removed = t.post(&bank, &json!({ "removed": true })).await;
    assert_eq!(removed.status, 200);
    assert_eq!(removed.json()["removed"], true);
    assert!(!has_link(&removed.json(), "remove"));
    let again = t.bank("Back again", "123456789").await;
    assert_eq!(again, bank);
    assert_eq!(t.get(&bank).await["name"], "Back again");
    assert_eq!(
        t.emu.event_topics_about(&bank),
        [
            "customer_funding_source_added",
            "customer_funding_source_removed",
            "customer_funding_source_added"
        ]
    );

    // A wire channel on request; a body with no form is the numbers form.
    let wire = t
        .create(
            &path,
            &json!({ "routingNumber": "222222226", "accountNumber": "5555", "bankAccountType": "savings", "name": "Wire", "channels": ["wire"] }),
        )
        .await;
    assert_eq!(t.get(&wire).await["channels"], json!(["ach", "wire"]));
    let reply = t.post(&path, &json!({ "name": "Nothing" })).await;
    assert_problems(
        &reply,
        &[
            ("Required", "/routingNumber"),
            ("Required", "/accountNumber"),
            ("Required", "/bankAccountType"),
        ],
    );
    let reply = t
        .post(
            "/customers/nobody/funding-sources",
            &bank_body("Nobody's", "4444"),
        )
        .await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn plaid_tokens_and_virtual_account_numbers() {
    let t = start().await;
    let path = t.customer_path("funding-sources");
    let plaid = t
        .create(
            &path,
            &json!({ "plaidToken": "processor-sandbox-1", "bankAccountType": "checking", "name": "Plaid Checking" }),
        )
        .await;
    let v = t.get(&plaid).await;
    assert_eq!(v["status"], "verified");
    assert_eq!(v["bankName"], "First Platypus Bank");
    assert!(has_link(&v, "transfer-send"));
    let reply = t
        .post(
            &path,
            &json!({ "plaidToken": "processor-sandbox-1", "bankAccountType": "checking", "name": "Twice" }),
        )
        .await;
    assert_eq!(kind(&reply), ApiErrorKind::DuplicateFundingSource);
    assert_eq!(
        t.emu.event_topics_about(&plaid),
        [
            "customer_funding_source_added",
            "customer_funding_source_verified"
        ]
    );

    let van = t
        .create(
            &path,
            &json!({ "name": "My VAN", "type": "virtual", "bankAccountType": "checking" }),
        )
        .await;
    let v = t.get(&van).await;
    assert_eq!(
        (v["type"].as_str(), v["status"].as_str()),
        (Some("virtual"), Some("verified"))
    );
    assert_eq!(v["channels"], json!(["external"]));
    let routing = t.get(&format!("{van}/ach-routing")).await;
    assert_eq!(routing["routingNumber"], "084106768");
    assert_eq!(routing["accountNumber"].as_str().unwrap().len(), 16);
    let reply = t.http.get(&t.token, &format!("{plaid}/ach-routing")).await;
    assert_eq!(reply.status, 404);
    // A VAN is not for /transfers.
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&van, &t.emu.account_balance_href(), "1.00"),
        )
        .await;
    assert_problems(&reply, &[("Invalid", "/_links/source/href")]);
    // Only verified customers have VANs.
    let unverified = t
        .create(
            "/customers",
            &json!({ "firstName": "Una", "lastName": "Verified", "email": "una@nomail.net", "type": "unverified" }),
        )
        .await;
    let reply = t
        .post(
            &format!("{unverified}/funding-sources"),
            &json!({ "name": "VAN", "type": "virtual", "bankAccountType": "checking" }),
        )
        .await;
    assert_eq!(reply.status, 403);
    // Nor balances: an unverified customer lists none.
    assert_eq!(
        t.get(&format!("{unverified}/funding-sources")).await["total"],
        0
    );
}

#[tokio::test]
async fn micro_deposits_verify_at_once_and_process_at_a_simulation() {
    let t = start().await;
    let bank = t.bank("Checking", "10001000").await;
    let micro = format!("{bank}/micro-deposits");
    assert_eq!(
        t.send("GET", &micro.replace(&t.emu.base_url(), ""))
            .await
            .status,
        404
    );
    let reply = t.post(&micro, &json!({})).await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.location(), micro);
    // Initiating twice is refused.
    let reply = t.http.post(&t.token, &micro, "").await;
    assert_eq!(kind(&reply), ApiErrorKind::MaxNumberOfResources);
    let v = t.get(&micro).await;
    assert_eq!(v["status"], "pending");
    let fs = t.get(&bank).await;
    assert!(has_link(&fs, "verify-micro-deposits"));
    assert!(!has_link(&fs, "initiate-micro-deposits"));

    // A simulation processes them (two deposits).
    assert_eq!(t.simulate().await, 2);
    assert_eq!(t.get(&micro).await["status"], "processed");

    // Any two amounts under $0.10 verify.
    let reply = t
        .post(
            &micro,
            &json!({ "amount1": amount("0.01"), "amount2": amount("0.08") }),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert_eq!(reply.json()["_links"]["self"]["href"], micro.as_str());
    let fs = t.get(&bank).await;
    assert_eq!(fs["status"], "verified");
    assert!(has_link(&fs, "transfer-send"));
    assert!(!has_link(&fs, "verify-micro-deposits"));
    // Verifying a verified bank: 403 "Bank already verified.".
    let reply = t
        .post(
            &micro,
            &json!({ "amount1": amount("0.01"), "amount2": amount("0.08") }),
        )
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.json()["message"], "Bank already verified.");
    assert_eq!(kind(&reply), ApiErrorKind::InvalidResourceState);
    assert_eq!(
        t.emu.event_topics_about(&bank),
        [
            "customer_funding_source_added",
            "customer_microdeposits_added",
            "customer_microdeposits_completed",
            "customer_funding_source_verified"
        ]
    );
}

#[tokio::test]
async fn wrong_micro_deposit_amounts_three_times_end_it() {
    let t = start().await;
    let bank = t.bank("Checking", "20002000").await;
    let micro = format!("{bank}/micro-deposits");
    t.create(&micro, &json!({})).await;
    let wrong = json!({ "amount1": amount("0.09"), "amount2": amount("0.09") });
    // An amount over $0.15 is invalid, not an attempt.
    let reply = t
        .post(
            &micro,
            &json!({ "amount1": amount("0.20"), "amount2": amount("0.01") }),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(kind(&reply), ApiErrorKind::Validation);
    for _ in 0..2 {
        let reply = t.post(&micro, &wrong).await;
        assert_eq!(reply.status, 400);
        assert_eq!(
            reply.json()["_embedded"]["errors"][0]["message"],
            "Wrong amount(s)."
        );
        assert_eq!(kind(&reply), ApiErrorKind::WrongMicroDepositAmounts);
    }
    let reply = t
        .post(
            &micro,
            &json!({ "amount1": amount("0.12"), "amount2": amount("0.01") }),
        )
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.json()["message"], "Too many attempts.");
    assert_eq!(kind(&reply), ApiErrorKind::TooManyAttempts);
    // Even the right amounts now.
    let reply = t
        .post(
            &micro,
            &json!({ "amount1": amount("0.01"), "amount2": amount("0.02") }),
        )
        .await;
    assert_eq!(kind(&reply), ApiErrorKind::TooManyAttempts);
    let fs = t.get(&bank).await;
    assert_eq!(fs["status"], "unverified");
    assert!(has_link(&fs, "failed-verification-micro-deposits"));
    assert!(!has_link(&fs, "verify-micro-deposits"));
    assert!(t
        .emu
        .event_topics_about(&bank)
        .contains(&"customer_microdeposits_maxattempts".to_owned()));
    // Verification before initiation: 404; of a balance: 403.
    let other = t.bank("Other", "30003000").await;
    let reply = t.post(&format!("{other}/micro-deposits"), &wrong).await;
    assert_eq!(reply.status, 404);
    let reply = t
        .post(
            &format!("{}/micro-deposits", t.customer_balance()),
            &json!({}),
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn a_bank_transfer_is_pending_until_a_simulation_then_processed() {
    let t = start().await;
    let bank = t.verified_bank("Checking", "40004000").await;
    let reply = t
        .post(
            "/transfers",
            &json!({
                "_links": { "source": { "href": bank }, "destination": { "href": t.emu.account_balance_href() } },
                "amount": amount("10.00"),
                "metadata": { "paymentId": "12345678" },
                "correlationId": "payment-4711",
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let transfer = reply.location();
    let v = t.get(&transfer).await;
    assert_eq!(v["status"], "pending");
    assert_eq!(v["amount"], amount("10.00"));
    assert_eq!(v["metadata"]["paymentId"], "12345678");
    assert_eq!(v["correlationId"], "payment-4711");
    assert!(has_link(&v, "cancel"));
    assert_eq!(v["_links"]["source-funding-source"]["href"], bank.as_str());
    assert_eq!(v["_links"]["destination"]["href"], t.emu.account_href());
    assert_eq!(v["individualAchId"].as_str().unwrap().len(), 8);
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "5000.00");

    // The simulation processes it (and the bank's two micro-deposits):
    // the account's balance holds it.
    assert_eq!(t.simulate().await, 3);
    let v = t.get(&transfer).await;
    assert_eq!(v["status"], "processed");
    assert!(!has_link(&v, "cancel"));
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "5010.00");
    assert_eq!(t.simulate().await, 0);
    assert_eq!(t.emu.transfers_created(), 1);
    // Events for both sides, with the correlation id.
    assert_eq!(
        t.emu.event_topics_about(&transfer),
        [
            "customer_bank_transfer_created",
            "transfer_created",
            "customer_bank_transfer_completed",
            "transfer_completed"
        ]
    );
}

#[tokio::test]
async fn cancelled_while_pending_and_then_not_cancellable() {
    let t = start().await;
    let bank = t.verified_bank("Checking", "50005000").await;
    let transfer = t
        .create(
            "/transfers",
            &transfer_body(&bank, &t.emu.account_balance_href(), "7.50"),
        )
        .await;
    let reply = t.post(&transfer, &json!({ "status": "cancelled" })).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["status"], "cancelled");
    assert!(!has_link(&reply.json(), "cancel"));
    // Afterwards: Dwolla's `NotAllowed` "Status not allowed." on /status.
    let reply = t.post(&transfer, &json!({ "status": "cancelled" })).await;
    assert_problems(&reply, &[("NotAllowed", "/status")]);
    assert_eq!(
        reply.json()["_embedded"]["errors"][0]["message"],
        "Status not allowed."
    );
    let reply = t.post(&transfer, &json!({ "status": "processed" })).await;
    assert_problems(&reply, &[("Invalid", "/status")]);
    // A simulation does not revive it; nothing moved.
    t.simulate().await;
    assert_eq!(t.status_of(&transfer).await, "cancelled");
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "5000.00");
    assert!(t
        .emu
        .event_topics_about(&transfer)
        .contains(&"customer_bank_transfer_cancelled".to_owned()));
    let reply = t
        .post("/transfers/nope", &json!({ "status": "cancelled" }))
        .await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn r01_fails_the_debit_and_keeps_the_bank() {
    let t = start().await;
    let bank = t.verified_bank("R01", "60006000").await;
    let transfer = t
        .create(
            "/transfers",
            &transfer_body(&bank, &t.emu.account_balance_href(), "10.00"),
        )
        .await;
    // No failure before it fails.
    assert_eq!(
        t.http
            .get(&t.token, &format!("{transfer}/failure"))
            .await
            .status,
        404
    );
    t.simulate().await;
    let v = t.get(&transfer).await;
    assert_eq!(v["status"], "failed");
    assert!(has_link(&v, "failure"));
    let failure = t.get(&format!("{transfer}/failure")).await;
    assert_eq!(failure["code"], "R01");
    assert_eq!(failure["description"], "Insufficient Funds");
    assert_eq!(
        failure["_links"]["failed-funding-source"]["href"],
        bank.as_str()
    );
    assert_eq!(
        failure["_links"]["customer"]["href"],
        format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID)
    );
    // R01 keeps the bank; nothing reached the account.
    assert_eq!(t.get(&bank).await["removed"], false);
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "5000.00");
    assert!(t
        .emu
        .event_topics_about(&transfer)
        .contains(&"customer_bank_transfer_failed".to_owned()));
}

#[tokio::test]
async fn bank_to_bank_takes_two_simulations_and_r03_removes_the_bank() {
    let t = start().await;
    let source = t.verified_bank("Checking", "70007000").await;
    // An unverified bank can receive.
    let ok = t.bank("Savings", "70007001").await;
    let r03 = t.bank("R03", "70007002").await;
    let good = t
        .create("/transfers", &transfer_body(&source, &ok, "3.00"))
        .await;
    let bad = t
        .create("/transfers", &transfer_body(&source, &r03, "4.00"))
        .await;
    // The first simulation processes the debits (and the source's two
    // micro-deposits): still pending, no longer cancellable.
    assert_eq!(t.simulate().await, 4);
    for transfer in [&good, &bad] {
        let v = t.get(transfer).await;
        assert_eq!(v["status"], "pending");
        assert!(!has_link(&v, "cancel"));
    }
    let reply = t.post(&good, &json!({ "status": "cancelled" })).await;
    assert_eq!(reply.status, 400);
    // The second the credits.
    assert_eq!(t.simulate().await, 2);
    assert_eq!(t.status_of(&good).await, "processed");
    assert_eq!(t.status_of(&bad).await, "failed");
    let failure = t.get(&format!("{bad}/failure")).await;
    assert_eq!(failure["code"], "R03");
    assert_eq!(
        failure["description"],
        "No Account/Unable to Locate Account"
    );
    assert_eq!(
        failure["_links"]["failed-funding-source"]["href"],
        r03.as_str()
    );
    // R03 removes the bank.
    let v = t.get(&r03).await;
    assert_eq!(v["removed"], true);
    assert!(t
        .emu
        .event_topics_about(&r03)
        .contains(&"customer_funding_source_removed".to_owned()));
    // A removed bank receives no more.
    let reply = t
        .post("/transfers", &transfer_body(&source, &r03, "1.00"))
        .await;
    assert_problems(&reply, &[("Invalid", "/_links/destination/href")]);
}

#[tokio::test]
async fn balance_transfers_are_instant_and_need_the_funds() {
    let t = start().await;
    let customer = t.customer_balance();
    let account = t.emu.account_balance_href();
    t.fund_customer("25.00").await;
    assert_eq!(t.balance(&customer).await, ("25.00".into(), "25.00".into()));
    assert_eq!(t.balance(&account).await.1, "4975.00");
    // Back, partly.
    let back = t
        .create("/transfers", &transfer_body(&customer, &account, "5.50"))
        .await;
    assert_eq!(t.status_of(&back).await, "processed");
    assert_eq!(t.balance(&customer).await.1, "19.50");
    assert_eq!(t.balance(&account).await.1, "4980.50");
    assert_eq!(
        t.emu.event_topics_about(&back),
        [
            "customer_transfer_created",
            "transfer_created",
            "customer_transfer_completed",
            "transfer_completed"
        ]
    );

    // More than it holds: Dwolla's insufficient-funds body.
    let reply = t
        .post("/transfers", &transfer_body(&customer, &account, "19.51"))
        .await;
    assert_problems(&reply, &[("InsufficientFunds", "/_links/source/href")]);
    assert_eq!(kind(&reply), ApiErrorKind::InsufficientFunds);
    // Metadata is not for balance-sourced transfers.
    let mut body = transfer_body(&customer, &account, "1.00");
    body["metadata"] = json!({ "a": "b" });
    let reply = t.post("/transfers", &body).await;
    assert_problems(&reply, &[("Invalid", "/metadata")]);
    // A destination by customer or account URL means its balance.
    let to_account = t
        .create(
            "/transfers",
            &transfer_body(&customer, &t.emu.account_href(), "1.00"),
        )
        .await;
    assert_eq!(
        t.get(&to_account).await["_links"]["destination-funding-source"]["href"],
        account.as_str()
    );
    assert_eq!(t.balance(&customer).await.1, "18.50");
}

#[tokio::test]
async fn transfer_validation_names_every_path() {
    let t = start().await;
    let account = t.emu.account_balance_href();
    let reply = t.post("/transfers", &json!({})).await;
    assert_problems(
        &reply,
        &[
            ("Required", "/_links/source/href"),
            ("Required", "/_links/destination/href"),
            ("Required", "/amount"),
        ],
    );
    let base = t.emu.base_url();
    let mut body = transfer_body(
        &format!("{base}/funding-sources/nope"),
        &format!("{base}/funding-sources/nope2"),
        "0",
    );
    body["correlationId"] = json!("has space");
    let reply = t.post("/transfers", &body).await;
    assert_problems(
        &reply,
        &[
            ("Invalid", "/_links/source/href"),
            ("Invalid", "/_links/destination/href"),
            ("InvalidFormat", "/amount/value"),
            ("InvalidFormat", "/correlationId"),
        ],
    );
    let reply = t
        .post("/transfers", &transfer_body(&account, &account, "abc"))
        .await;
    assert_problems(
        &reply,
        &[
            ("Invalid", "/_links/destination/href"),
            ("InvalidFormat", "/amount/value"),
        ],
    );
    // An unverified bank cannot send.
    let unverified = t.bank("Unverified", "80008000").await;
    let reply = t
        .post("/transfers", &transfer_body(&unverified, &account, "1.00"))
        .await;
    assert_problems(&reply, &[("Invalid", "/_links/source/href")]);
    // A verified customer sends at most $10,000 at a time.
    let bank = t.verified_bank("Checking", "80008001").await;
    let reply = t
        .post("/transfers", &transfer_body(&bank, &account, "10000.01"))
        .await;
    assert_problems(&reply, &[("Invalid", "/amount/value")]);
    // Three decimals are rounded half to even, as Dwolla rounds.
    let rounded = t
        .create("/transfers", &transfer_body(&bank, &account, "1.005"))
        .await;
    assert_eq!(t.get(&rounded).await["amount"]["value"], "1.00");
    // Not JSON; another media type.
    let reply = t.http.post(&t.token, "/transfers", "{").await;
    assert_eq!(reply.status, 400);
    let req = http::Request::post(format!("{base}/transfers"))
        .header("accept", HAL)
        .header("content-type", "text/plain")
        .header("authorization", t.token.authorization_header().clone())
        .body(bytes::Bytes::from_static(b"x"))
        .unwrap();
    assert_eq!(t.http.send(req).await.status, 415);
    assert_eq!(t.send("PUT", "/transfers").await.status, 405);
    assert_eq!(t.send("GET", "/transfers/nope").await.status, 404);
}

#[tokio::test]
async fn a_suspended_receiver_and_a_receive_only_sender_are_restricted() {
    let t = start().await;
    let receive_only = t
        .create(
            "/customers",
            &json!({ "firstName": "Rita", "lastName": "Receiver", "email": "rita@nomail.net", "type": "receive-only" }),
        )
        .await;
    let bank = t
        .create(
            &format!("{receive_only}/funding-sources"),
            &bank_body("Rita's", "90009000"),
        )
        .await;
    // It can receive from the account's balance...
    let paid = t
        .create(
            "/transfers",
            &transfer_body(&t.emu.account_balance_href(), &bank, "2.00"),
        )
        .await;
    assert_eq!(t.status_of(&paid).await, "processed");
    // ...not send, even once verified.
    t.create(&format!("{bank}/micro-deposits"), &json!({}))
        .await;
    t.post(
        &format!("{bank}/micro-deposits"),
        &json!({ "amount1": amount("0.01"), "amount2": amount("0.02") }),
    )
    .await;
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&bank, &t.emu.account_balance_href(), "1.00"),
        )
        .await;
    assert_problems(&reply, &[("Restricted", "/_links/source/href")]);
    // Suspended customers receive nothing.
    let reply = t
        .post(&receive_only, &json!({ "status": "suspended" }))
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&t.emu.account_balance_href(), &bank, "2.00"),
        )
        .await;
    assert_problems(&reply, &[("Restricted", "/_links/destination/href")]);
}

#[tokio::test]
async fn idempotency_keys_replay_the_same_transfer() {
    let t = start().await;
    let bank = t.verified_bank("Checking", "11001100").await;
    let body = transfer_body(&bank, &t.emu.account_balance_href(), "10.00").to_string();
    let first = t
        .http
        .post_with_key(&t.token, "/transfers", &body, Some("payout-1"))
        .await;
    let again = t
        .http
        .post_with_key(&t.token, "/transfers", &body, Some("payout-1"))
        .await;
    assert_eq!((first.status, again.status), (201, 201));
    assert_eq!(first.location(), again.location());
    assert_eq!(t.emu.transfers_created(), 1);
    // Another body under the same key is refused.
    let other = transfer_body(&bank, &t.emu.account_balance_href(), "11.00").to_string();
    let reply = t
        .http
        .post_with_key(&t.token, "/transfers", &other, Some("payout-1"))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(t.emu.transfers_created(), 1);
    // A cut-off answer, replayed: still one transfer.
    t.emu.close_next_mid_response(1);
    let body = transfer_body(&bank, &t.emu.account_balance_href(), "12.00").to_string();
    let req = http::Request::post(format!("{}/transfers", t.emu.base_url()))
        .header("accept", HAL)
        .header("content-type", HAL)
        .header("idempotency-key", "payout-2")
        .header("authorization", t.token.authorization_header().clone())
        .body(bytes::Bytes::from(body.clone()))
        .unwrap();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Full<bytes::Bytes>>();
    let cut = match client.request(req.map(http_body_util::Full::new)).await {
        Ok(resp) => http_body_util::BodyExt::collect(resp.into_body())
            .await
            .is_err(),
        Err(_) => true,
    };
    assert!(cut, "the answer was cut off");
    assert_eq!(t.emu.transfers_created(), 2);
    let replay = t
        .http
        .post_with_key(&t.token, "/transfers", &body, Some("payout-2"))
        .await;
    assert_eq!(replay.status, 201);
    assert_eq!(t.emu.transfers_created(), 2);
}

#[tokio::test]
async fn facilitator_fees_are_transfers_of_their_own() {
    let t = start().await;
    let bank = t.verified_bank("Checking", "12001200").await;
    let customer = format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID);
    let mut body = transfer_body(&bank, &t.emu.account_balance_href(), "20.00");
    body["fees"] =
        json!([{ "_links": { "charge-to": { "href": customer } }, "amount": amount("1.50") }]);
    let transfer = t.create("/transfers", &body).await;
    let v = t.get(&transfer).await;
    assert!(has_link(&v, "fees"));
    let fees = t.get(&format!("{transfer}/fees")).await;
    assert_eq!(fees["total"], 1);
    let fee = &fees["transactions"][0];
    assert_eq!(fee["status"], "pending");
    assert_eq!(fee["amount"], amount("1.50"));
    assert_eq!(
        fee["_links"]["created-from-transfer"]["href"],
        transfer.as_str()
    );
    t.simulate().await;
    let fees = t.get(&format!("{transfer}/fees")).await;
    assert_eq!(fees["transactions"][0]["status"], "processed");
    // The transfer and the fee both reach the account's balance.
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "5021.50");

    // Fees over half the amount; a fee charged to a stranger.
    body["fees"][0]["amount"] = amount("10.01");
    let reply = t.post("/transfers", &body).await;
    assert_problems(&reply, &[("Invalid", "")]);
    assert_eq!(messages(&reply), ["Facilitator fee sum too large."]);
    let t2 = start_with(Emulator::builder().customer("stranger")).await;
    let bank2 = t2.verified_bank("Checking", "12001201").await;
    let mut body = transfer_body(&bank2, &t2.emu.account_balance_href(), "20.00");
    body["fees"] = json!([{ "_links": { "charge-to": { "href": format!("{}/customers/stranger", t2.emu.base_url()) } }, "amount": amount("1.00") }]);
    let reply = t2.post("/transfers", &body).await;
    assert_problems(&reply, &[("Invalid", "/fees/_links/charge-to/href")]);
}

/// The largest amount an amount member takes: fifteen digits of dollars.
const HUGE: &str = "999999999999999.99";

#[tokio::test]
async fn fees_whose_sum_overflows_are_too_large_and_the_emulator_goes_on() {
    let t = start().await;
    // The account's bank: no transaction limit.
    let bank = format!(
        "{}/funding-sources/{}",
        t.emu.base_url(),
        Emulator::ACCOUNT_BANK_ID
    );
    let customer = format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID);
    let fee = json!({ "_links": { "charge-to": { "href": customer } }, "amount": amount(HUGE) });
    // 47 such fees fit in cents but twice their sum does not; 93 do not fit.
    for n in [47, 93] {
        let mut body = transfer_body(&bank, &t.customer_balance(), HUGE);
        body["fees"] = Value::Array(vec![fee.clone(); n]);
        let reply = t.post("/transfers", &body).await;
        assert_problems(&reply, &[("Invalid", "")]);
        assert_eq!(messages(&reply), ["Facilitator fee sum too large."]);
    }
    assert_eq!(t.emu.transfers_created(), 0);
    // Still answering, the data not poisoned.
    let transfer = t
        .create(
            "/transfers",
            &transfer_body(&bank, &t.customer_balance(), "20.00"),
        )
        .await;
    assert_eq!(t.status_of(&transfer).await, "pending");
}

#[tokio::test]
async fn a_mass_payment_whose_total_overflows_is_refused_and_the_emulator_goes_on() {
    let t = start().await;
    let item = json!({ "_links": { "destination": { "href": t.customer_balance() } }, "amount": amount(HUGE) });
    let mut body = json!({
        "_links": { "source": { "href": t.emu.account_balance_href() } },
        "items": vec![item; 93],
    });
    let reply = t.post("/mass-payments", &body).await;
    assert_problems(&reply, &[("Invalid", "/items")]);
    assert_eq!(
        messages(&reply),
        ["Invalid amount. The supplied amount is greater than your transaction limit."]
    );
    body["items"] = json!([{ "_links": { "destination": { "href": t.customer_balance() } }, "amount": amount("1.00") }]);
    let mp = t.create("/mass-payments", &body).await;
    assert_eq!(t.get(&mp).await["total"], amount("1.00"));
}

#[tokio::test]
async fn a_balance_that_cannot_hold_more_refuses_a_transfer_to_it() {
    let t =
        start_with(Emulator::builder().account_balance(Amount::from_cents(i64::MAX - 100))).await;
    let bank = t.verified_bank("Checking", "12001400").await;
    let account_balance = t.emu.account_balance_href();
    // $1.00 fits; pending, it counts, so another $1.00 does not.
    let first = t
        .create(
            "/transfers",
            &transfer_body(&bank, &account_balance, "1.00"),
        )
        .await;
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&bank, &account_balance, "1.00"),
        )
        .await;
    assert_problems(&reply, &[("Invalid", "/amount/value")]);
    assert_eq!(
        messages(&reply),
        ["Invalid amount. The supplied amount is greater than your transaction limit."]
    );
    // A fee to the account's balance counts too.
    let customer = format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID);
    let mut body = transfer_body(&bank, &t.customer_balance(), "2.00");
    body["fees"] =
        json!([{ "_links": { "charge-to": { "href": customer } }, "amount": amount("1.00") }]);
    let reply = t.post("/transfers", &body).await;
    assert_problems(&reply, &[("Invalid", "/amount/value")]);
    t.simulate().await;
    assert_eq!(t.status_of(&first).await, "processed");
    assert_eq!(
        t.emu.balance(Emulator::ACCOUNT_BALANCE_ID),
        Some(Amount::from_cents(i64::MAX))
    );
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&bank, &account_balance, "0.01"),
        )
        .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn fees_charged_to_two_customers_are_refused() {
    let t = start_with(Emulator::builder().customer("payee")).await;
    let base = t.emu.base_url();
    let payee_balance = t.emu.customer_balance_href("payee").unwrap();
    t.fund_customer("50.00").await;
    let mut body = transfer_body(&t.customer_balance(), &payee_balance, "20.00");
    body["fees"] = json!([
        { "_links": { "charge-to": { "href": format!("{base}/customers/{}", Emulator::CUSTOMER_ID) } }, "amount": amount("1.00") },
        { "_links": { "charge-to": { "href": format!("{base}/customers/payee") } }, "amount": amount("1.00") },
    ]);
    let reply = t.post("/transfers", &body).await;
    assert_problems(&reply, &[("Invalid", "/fees/_links/charge-to/href")]);
    assert_eq!(
        messages(&reply),
        ["Currently, all fees must be paid by same destination."]
    );
    // Both charged to the payee: taken.
    body["fees"][0] = body["fees"][1].clone();
    t.create("/transfers", &body).await;
}

#[tokio::test]
async fn reallocations_need_two_known_labels_of_one_customer() {
    let t = start_with(Emulator::builder().customer("other")).await;
    let base = t.emu.base_url();
    t.fund_customer("100.00").await;
    let other_balance = t.emu.customer_balance_href("other").unwrap();
    t.create(
        "/transfers",
        &transfer_body(&t.emu.account_balance_href(), &other_balance, "50.00"),
    )
    .await;
    let labels = t.customer_path("labels");
    let a = t
        .create(&labels, &json!({ "amount": amount("30.00") }))
        .await;
    let b = t
        .create(&labels, &json!({ "amount": amount("10.00") }))
        .await;
    let other = t
        .create(
            "/customers/other/labels",
            &json!({ "amount": amount("20.00") }),
        )
        .await;
    let realloc = |from: &str, to: &str| json!({ "_links": { "from": { "href": from }, "to": { "href": to } }, "amount": amount("5.00") });
    for (from, to) in [(&a, &other), (&other, &a), (&a, &a)] {
        let reply = t.post("/label-reallocations", &realloc(from, to)).await;
        assert_problems(&reply, &[("Invalid", "/_links/to/href")]);
        assert_eq!(
            messages(&reply),
            ["Labels must be two labels of the same customer."]
        );
    }
    let unknown = format!("{base}/labels/00000000-0000-0000-0000-000000000000");
    for (from, to) in [(&a, &unknown), (&unknown, &b)] {
        let reply = t.post("/label-reallocations", &realloc(from, to)).await;
        assert_eq!(reply.status, 404, "{:?}", reply.json());
        assert_eq!(reply.json()["code"], "NotFound");
        assert_eq!(reply.json()["message"], "Label not found");
    }
    // Nothing moved.
    assert_eq!(t.get(&a).await["amount"], amount("30.00"));
    assert_eq!(t.get(&other).await["amount"], amount("20.00"));
    t.create("/label-reallocations", &realloc(&a, &b)).await;
    assert_eq!(t.get(&b).await["amount"], amount("15.00"));
}

#[tokio::test]
async fn labels_of_a_customer_without_a_balance_are_not_listed() {
    let t = start().await;
    let unverified = t
        .create(
            "/customers",
            &json!({ "firstName": "Una", "lastName": "Verified", "email": "una3@nomail.net", "type": "unverified" }),
        )
        .await;
    let reply = t.http.get(&t.token, &format!("{unverified}/labels")).await;
    assert_eq!(reply.status, 403, "{:?}", reply.json());
    assert_eq!(reply.json()["code"], "Forbidden");
    assert_eq!(
        reply.json()["message"],
        "Not authorized to list customer labels"
    );
    let reply = t.http.get(&t.token, "/customers/nobody/labels").await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn sixty_transfers_page_by_page_with_filters() {
    let t = start().await;
    let account = t.emu.account_balance_href();
    let customer = t.customer_balance();
    for i in 0..60 {
        let mut body = transfer_body(&account, &customer, &format!("{}.00", i + 1));
        body["correlationId"] = json!(format!("batch-{}", i % 3));
        t.create("/transfers", &body).await;
    }
    let mut next = Some(t.customer_path("transfers?limit=25"));
    let mut sizes = Vec::new();
    let mut amounts = Vec::new();
    while let Some(url) = next {
        let page = t.get(&url).await;
        assert_eq!(page["total"], 60);
        let items = page["_embedded"]["transfers"].as_array().unwrap();
        sizes.push(items.len());
        amounts.extend(
            items
                .iter()
                .map(|i| i["amount"]["value"].as_str().unwrap().to_owned()),
        );
        next = page["_links"]["next"]["href"].as_str().map(str::to_owned);
    }
    assert_eq!(sizes, [25, 25, 10]);
    // Newest first.
    assert_eq!(amounts.first().map(String::as_str), Some("60.00"));
    assert_eq!(amounts.last().map(String::as_str), Some("1.00"));

    let count = |v: &Value| v["total"].as_u64().unwrap();
    let v = t
        .get(&t.customer_path("transfers?correlationId=batch-1"))
        .await;
    assert_eq!(count(&v), 20);
    assert!(v["_links"]["first"]["href"]
        .as_str()
        .unwrap()
        .contains("correlationId=batch-1"));
    let v = t
        .get(&t.customer_path("transfers?startAmount=10&endAmount=19.99"))
        .await;
    assert_eq!(count(&v), 10);
    let v = t.get(&t.customer_path("transfers?status=processed")).await;
    assert_eq!(count(&v), 60);
    let v = t.get(&t.customer_path("transfers?status=pending")).await;
    assert_eq!(count(&v), 0);
    let v = t
        .get(&t.customer_path("transfers?search=emulator%20account"))
        .await;
    assert_eq!(count(&v), 60);
    let v = t
        .get(&t.customer_path("transfers?search=nobody-like-this"))
        .await;
    assert_eq!(count(&v), 0);
    let v = t
        .get(&t.customer_path("transfers?startDate=2000-01-01&endDate=2999-12-31"))
        .await;
    assert_eq!(count(&v), 60);
    let v = t
        .get(&t.customer_path("transfers?endDate=2000-01-01"))
        .await;
    assert_eq!(count(&v), 0);
    for bad in [
        "limit=201",
        "limit=0",
        "startDate=yesterday",
        "startAmount=lots",
    ] {
        let reply = t
            .http
            .get(&t.token, &t.customer_path(&format!("transfers?{bad}")))
            .await;
        assert_eq!(reply.status, 400, "{bad}");
    }
    // The account sees them too.
    let v = t
        .get(&format!("{}/transfers?limit=1", t.emu.account_href()))
        .await;
    assert_eq!(count(&v), 60);
    assert_eq!(
        t.send("GET", "/customers/nobody/transfers").await.status,
        404
    );
}

#[tokio::test]
async fn a_mass_payment_deferred_released_and_processed_by_a_simulation() {
    let t = start().await;
    let bank = t.verified_bank("Checking", "13001300").await;
    let base = t.emu.base_url();
    let body = json!({
        "_links": { "source": { "href": t.emu.account_balance_href() } },
        "items": [
            { "_links": { "destination": { "href": t.customer_balance() } }, "amount": amount("1.00"), "metadata": { "item": "1" } },
            { "_links": { "destination": { "href": bank } }, "amount": amount("2.00"), "correlationId": "item-2" },
            { "_links": { "destination": { "href": format!("{base}/funding-sources/nope") } }, "amount": amount("3.00") },
        ],
        "status": "deferred",
        "metadata": { "batch": "batch1" },
        "correlationId": "mp-1",
    });
    let mp = t.create("/mass-payments", &body).await;
    let v = t.get(&mp).await;
    assert_eq!(v["status"], "deferred");
    assert_eq!(v["total"], amount("6.00"));
    assert_eq!(v["metadata"]["batch"], "batch1");
    // Deferred: a simulation leaves it.
    t.simulate().await;
    assert_eq!(t.status_of(&mp).await, "deferred");
    let reply = t.post(&mp, &json!({ "status": "pending" })).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["status"], "pending");
    t.simulate().await;
    assert_eq!(t.status_of(&mp).await, "complete");
    let items = t.get(&format!("{mp}/items")).await;
    assert_eq!(items["total"], 3);
    let statuses: Vec<&str> = items["_embedded"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["success", "success", "failed"]);
    let failed = t.get(&format!("{mp}/items?status=failed")).await;
    assert_eq!(failed["total"], 1);
    let item = &failed["_embedded"]["items"][0];
    assert_eq!(
        item["_embedded"]["errors"][0]["code"],
        "RequiresFundingSource"
    );
    let first = &items["_embedded"]["items"][0];
    let transfer = first["_links"]["transfer"]["href"].as_str().unwrap();
    assert_eq!(t.status_of(transfer).await, "processed");
    let one = t
        .get(first["_links"]["self"]["href"].as_str().unwrap())
        .await;
    assert_eq!(one["metadata"]["item"], "1");
    // The balance paid two items.
    assert_eq!(t.balance(&t.emu.account_balance_href()).await.1, "4997.00");
    // No longer deferred: no update.
    let reply = t.post(&mp, &json!({ "status": "cancelled" })).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        t.emu.event_topics_about(&mp),
        ["mass_payment_created", "mass_payment_completed"]
    );
    let list = t
        .get(&format!(
            "{}/mass-payments?correlationId=mp-1",
            t.emu.account_href()
        ))
        .await;
    assert_eq!(list["total"], 1);
    assert_eq!(t.emu.transfers_created(), 0);

    // A deferred one cancelled.
    let mut body = body.clone();
    body["correlationId"] = json!("mp-2");
    let cancelled = t.create("/mass-payments", &body).await;
    let reply = t.post(&cancelled, &json!({ "status": "cancelled" })).await;
    assert_eq!(reply.json()["status"], "cancelled");
    t.simulate().await;
    assert_eq!(t.status_of(&cancelled).await, "cancelled");

    // A customer's mass payment, from its balance, lists under it.
    t.fund_customer("10.00").await;
    let customer_mp = t
        .create(
            "/mass-payments",
            &json!({
                "_links": { "source": { "href": t.customer_balance() } },
                "items": [{ "_links": { "destination": { "href": bank } }, "amount": amount("20.00") }],
            }),
        )
        .await;
    assert_eq!(t.status_of(&customer_mp).await, "pending");
    t.simulate().await;
    let items = t.get(&format!("{customer_mp}/items")).await;
    assert_eq!(
        items["_embedded"]["items"][0]["_embedded"]["errors"][0]["code"],
        "InsufficientFunds"
    );
    let list = t.get(&t.customer_path("mass-payments")).await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        t.emu.event_topics_about(&customer_mp),
        [
            "customer_mass_payment_created",
            "customer_mass_payment_completed"
        ]
    );
    // Body errors.
    let reply = t.post("/mass-payments", &json!({ "items": [] })).await;
    assert_problems(
        &reply,
        &[("Required", "/_links/source/href"), ("Required", "/items")],
    );
    let many: Vec<Value> = (0..5001)
        .map(|_| json!({ "_links": { "destination": { "href": bank } }, "amount": amount("1.00") }))
        .collect();
    let reply = t
        .post("/mass-payments", &json!({ "_links": { "source": { "href": t.emu.account_balance_href() } }, "items": many }))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["message"],
        "Items exceeded maximum count of 5000"
    );
}

#[tokio::test]
async fn labels_hold_funds_and_reallocate() {
    let t = start().await;
    let customer_balance = t.customer_balance();
    t.fund_customer("100.00").await;
    let labels = t.customer_path("labels");
    let a = t
        .create(&labels, &json!({ "amount": amount("30.00") }))
        .await;
    let b = t
        .create(&labels, &json!({ "amount": amount("10.00") }))
        .await;
    // Labeled funds are not available.
    assert_eq!(
        t.balance(&customer_balance).await,
        ("60.00".into(), "100.00".into())
    );
    let reply = t.post(&labels, &json!({ "amount": amount("60.01") })).await;
    assert_eq!(reply.status, 400);
    let reply = t
        .post(
            "/transfers",
            &transfer_body(&customer_balance, &t.emu.account_balance_href(), "60.01"),
        )
        .await;
    assert_eq!(kind(&reply), ApiErrorKind::InsufficientFunds);

    // Ledger entries: signed; never below zero.
    let entries = format!("{a}/ledger-entries");
    let reply = t
        .post(&entries, &json!({ "amount": amount("-30.01") }))
        .await;
    assert_eq!(reply.status, 400);
    let entry = t
        .create(&entries, &json!({ "amount": amount("-5.00") }))
        .await;
    assert_eq!(t.get(&entry).await["amount"], amount("-5.00"));
    assert_eq!(t.get(&a).await["amount"], amount("25.00"));

    // A reallocation: two entries, one per label.
    let realloc = t
        .create(
            "/label-reallocations",
            &json!({ "_links": { "from": { "href": a }, "to": { "href": b } }, "amount": amount("15.00") }),
        )
        .await;
    let v = t.get(&realloc).await;
    let from = t
        .get(v["_links"]["from-ledger-entry"]["href"].as_str().unwrap())
        .await;
    let to = t
        .get(v["_links"]["to-ledger-entry"]["href"].as_str().unwrap())
        .await;
    assert_eq!(from["amount"], amount("-15.00"));
    assert_eq!(to["amount"], amount("15.00"));
    assert_eq!(t.get(&a).await["amount"], amount("10.00"));
    assert_eq!(t.get(&b).await["amount"], amount("25.00"));
    let reply = t
        .post(
            "/label-reallocations",
            &json!({ "_links": { "from": { "href": a }, "to": { "href": b } }, "amount": amount("10.01") }),
        )
        .await;
    assert_eq!(reply.status, 400);
    let list = t.get(&entries).await;
    assert_eq!(list["total"], 3);
    assert_eq!(
        list["_embedded"]["ledger-entries"][0]["amount"],
        amount("-15.00")
    );
    let list = t.get(&labels).await;
    assert_eq!(list["total"], 2);
    assert_eq!(list["_embedded"]["labels"][0]["id"], id_of(&b));

    // Removal only at zero.
    let reply = t.send("DELETE", &a.replace(&t.emu.base_url(), "")).await;
    assert_eq!(reply.status, 403);
    assert_eq!(kind(&reply), ApiErrorKind::InvalidResourceState);
    t.create(&entries, &json!({ "amount": amount("-10.00") }))
        .await;
    let label = t.get(&a).await;
    assert!(has_link(&label, "remove"));
    let reply = t.send("DELETE", &a.replace(&t.emu.base_url(), "")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(t.http.get(&t.token, &a).await.status, 404);
    assert_eq!(
        t.balance(&customer_balance).await,
        ("75.00".into(), "100.00".into())
    );
    assert_eq!(
        t.emu
            .event_topics_about(Emulator::CUSTOMER_ID)
            .iter()
            .filter(|e| e.starts_with("customer_label"))
            .count(),
        // two created, -5, reallocation (2), -10, removed
        7
    );
    // Unverified customers have no labels.
    let unverified = t
        .create(
            "/customers",
            &json!({ "firstName": "Una", "lastName": "Verified", "email": "una2@nomail.net", "type": "unverified" }),
        )
        .await;
    let reply = t
        .post(
            &format!("{unverified}/labels"),
            &json!({ "amount": amount("1.00") }),
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn funding_sources_renamed_corrected_and_removed() {
    let t = start().await;
    let bank = t.bank("Old name", "14001400").await;
    let reply = t.post(&bank, &json!({ "name": "R01" })).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["name"], "R01");
    let reply = t
        .post(
            &bank,
            &json!({ "name": "Fixed", "routingNumber": "222222226", "accountNumber": "14001401" }),
        )
        .await;
    assert_eq!(reply.status, 200);
    let reply = t
        .post(
            &bank,
            &json!({ "name": "Bad", "routingNumber": "123456789" }),
        )
        .await;
    assert_problems(&reply, &[("Invalid", "/routingNumber")]);
    let reply = t.post(&bank, &json!({ "name": "" })).await;
    assert_eq!(reply.status, 400);
    // A verified bank keeps its numbers.
    let verified = t.verified_bank("Verified", "14001402").await;
    let reply = t
        .post(
            &verified,
            &json!({ "name": "x", "accountNumber": "14001403" }),
        )
        .await;
    assert_eq!(reply.status, 403);
    // Only banks.
    let reply = t.post(&t.customer_balance(), &json!({ "name": "x" })).await;
    assert_eq!(reply.status, 400);
    // Removed: listed unless removed=false; no more updates.
    t.post(&bank, &json!({ "removed": true })).await;
    let reply = t.post(&bank, &json!({ "name": "Again" })).await;
    assert_eq!(reply.status, 403);
    assert_eq!(kind(&reply), ApiErrorKind::InvalidResourceState);
    let all = t.get(&t.customer_path("funding-sources")).await;
    let kept = t
        .get(&t.customer_path("funding-sources?removed=false"))
        .await;
    assert_eq!(
        all["total"].as_u64().unwrap(),
        kept["total"].as_u64().unwrap() + 1
    );
    let reply = t
        .post("/funding-sources/nope", &json!({ "name": "x" }))
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        t.emu.event_topics_about(&bank),
        [
            "customer_funding_source_added",
            "customer_funding_source_updated",
            "customer_funding_source_updated",
            "customer_funding_source_removed"
        ]
    );
}

#[tokio::test]
async fn balances_of_banks_from_exchanges_and_on_demand_authorizations() {
    let t = start().await;
    let oda = t.http.post(&t.token, "/on-demand-authorizations", "").await;
    assert_eq!(oda.status, 200);
    let oda = oda.json();
    assert_eq!(oda["buttonText"], "Agree & Continue");
    let href = oda["_links"]["self"]["href"].as_str().unwrap();
    let mut body = bank_body("Authorized", "15001500");
    body["_links"] = json!({ "on-demand-authorization": { "href": href } });
    let bank = t.create(&t.customer_path("funding-sources"), &body).await;
    assert_eq!(
        t.get(&bank).await["_links"]["on-demand-authorization"]["href"],
        href
    );
    body["_links"]["on-demand-authorization"]["href"] = json!("https://example.com/oda/unknown");
    body["accountNumber"] = json!("15001501");
    let reply = t.post(&t.customer_path("funding-sources"), &body).await;
    assert_problems(
        &reply,
        &[("Invalid", "/_links/on-demand-authorization/href")],
    );
    // Banks by numbers have no balance to read.
    assert_eq!(
        t.http
            .get(&t.token, &format!("{bank}/balance"))
            .await
            .status,
        404
    );
    assert_eq!(
        t.http
            .get(&t.token, "/funding-sources/nope/balance")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn client_tokens_and_simulations() {
    let t = start().await;
    let customer = format!("{}/customers/{}", t.emu.base_url(), Emulator::CUSTOMER_ID);
    let reply = t
        .post(
            "/client-tokens",
            &json!({ "action": "customer.update", "_links": { "customer": { "href": customer } } }),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["token"].as_str().unwrap().len(), 50);
    let reply = t.post("/client-tokens", &json!({})).await;
    assert_problems(
        &reply,
        &[
            ("Required", "/action"),
            ("Invalid", "/_links/customer/href"),
        ],
    );
    // An empty body is a simulation too; the other forms are not played.
    let reply = t.http.post(&t.token, "/sandbox-simulations", "").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json()["_links"]["self"]["href"],
        format!("{}/sandbox-simulations", t.emu.base_url())
    );
    let reply = t
        .post(
            "/sandbox-simulations",
            &json!({ "type": "customer-verification" }),
        )
        .await;
    assert_eq!(reply.status, 501);
}

#[tokio::test]
async fn a_customer_verified_later_gets_its_balance() {
    let t = start().await;
    let c = t
        .create(
            "/customers",
            &json!({
                "firstName": "Vera", "lastName": "Fied", "email": "vera@nomail.net", "type": "personal",
                "address1": "1 Main St", "city": "Des Moines", "state": "IA", "postalCode": "50309",
                "dateOfBirth": "1980-01-01", "ssn": "1234",
            }),
        )
        .await;
    let list = t.get(&format!("{c}/funding-sources")).await;
    assert_eq!(list["total"], 1);
    let balance = &list["_embedded"]["funding-sources"][0];
    assert_eq!(balance["type"], "balance");
    assert!(has_link(balance, "transfer-from-balance"));
    let id = id_of(&c);
    assert_eq!(
        t.emu.customer_balance_href(id).as_deref(),
        balance["_links"]["self"]["href"].as_str()
    );
    assert!(t
        .emu
        .event_topics_about(&c)
        .contains(&"customer_funding_source_added".to_owned()));
}
