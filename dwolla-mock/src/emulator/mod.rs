//! A local Dwolla emulator: a real HTTP/1.1 server on `127.0.0.1` that speaks
//! the parts of the Dwolla API this SDK covers, with fault injection.
//!
//! It issues OAuth tokens (`POST /token`), checks `Accept` and bearer tokens
//! on every API call, plays customers and their verification as Dwolla's
//! sandbox does, serves the open-banking flow from partner to verified
//! funding source, moves money as the sandbox moves it (the account,
//! funding sources, micro-deposits, balances, transfers, sandbox
//! simulations, mass payments and labels: see [Money](#money)), and
//! records every change as an event that it delivers as signed webhooks
//! to the subscribed URLs (see [Webhooks](#webhooks)):
//!
//! | endpoint | what it does |
//! |---|---|
//! | `POST /token` | client credentials (`Authorization: Basic`, form-encoded id and secret); 401 `invalid_client`, 400 `unsupported_grant_type` / `invalid_request` |
//! | `POST /customers` | every create body of the spec (receive-only, unverified with or without `type`, personal, sole proprietorship, business with a US or international controller); 201 with `Location`; honours `Idempotency-Key`; 400 `ValidationError` listing every refused member with its `path` (`Required`, `Invalid`, `InvalidFormat`: names over 50 characters or with `<>="`` ` ``!?%~${}\`, emails, dates of birth outside 18 to 125 years, SSNs of neither 4 nor 9 digits, states, postal codes, PO boxes, phones, EINs, an unknown `businessClassification`, ...); a taken email is `Duplicate` on `/email` "A customer with the specified email already exists." with `_links.about` the existing customer (on the embedded error, as Dwolla sends it); a taken `correlationId` likewise. The status follows the sandbox's words (below) |
//! | `GET /customers` | newest first; `limit` (default 25, 1 to 200, else 400), `offset`, `search` (a case-insensitive substring of the first, last or full name, business name or email: Dwolla's search is fuzzier), `email` (exact, ignoring case), `status` (repeatable); `total`; `_links` `self`, `first`, `last`, and `next`/`prev` when there are such pages, as absolute URLs |
//! | `GET /customers/{id}` | the customer, with the links its status offers (`retry-verification`, `retry-with-full-ssn`, `kba`, `verify-with-document`, `verify-business-with-document`, `verify-controller-and-business-with-document`, `document-form`, `certify-beneficial-ownership`, `beneficial-owners`, `deactivate`, `reactivate`, `edit`, `send`, `receive`, ...); 404 `NotFound` |
//! | `POST /customers/{id}` | `{"status":"suspended"}` (for good), `"deactivated"` (403 `InvalidResourceState` "Resource cannot be modified." while suspended), `"reactivated"` (back to the status before); upgrades (receive-only to `unverified`; unverified to personal or business with the whole create body); a retry in `retry` status (the whole body with the full nine-digit SSN; once, then 403); information updates (per type, as the docs list; other members `ReadOnly`; 403 in `document` or `suspended` status); 200 with the customer |
//! | `GET /business-classifications`, `GET /business-classifications/{id}` | three business classifications with their industry classifications (Dwolla's "Food retail and service" among them); a business's `businessClassification` must be an industry id |
//! | `POST`, `GET /customers/{id}/beneficial-owners` | owners of businesses with a controller (403 for others); US (`ssn`, nine digits) or international (`passport`) bodies; an owner's `firstName` `incomplete` or `document` gives that `verificationStatus`, else `verified` |
//! | `GET`, `POST`, `DELETE /beneficial-owners/{id}` | one owner; an update (of an `incomplete` owner only, else 403) verifies it unless its `firstName` is `document` or `incomplete`; delete answers 200 with the owner removed. Adding, updating or removing an owner of a certified business makes it `recertify` |
//! | `GET`, `POST /customers/{id}/beneficial-ownership` | `uncertified`, `certified` or `recertify` (404 for customers that do not certify: personal, unverified, sole proprietorships); `{"status":"certified"}` certifies when every owner is verified (400 `ValidationError` otherwise) |
//! | `POST`, `GET /customers/{id}/documents`, `/beneficial-owners/{id}/documents`; `GET /documents/{id}` | `multipart/form-data` uploads (`documentType`, `file`) for a customer or owner in `document` status (403 `invalidResourceState` otherwise); JPG/PNG, and PDF for a business's `other` document, by their first bytes (400 `invalidFileType`); requests of at most 10 MiB (413 `fileTooLarge` "Document requests are limited to 10 MiB."); at most four pending (400 `maximumNumberOfResources`); the same file twice 400 `DuplicateResource`; reviewed at once by file name (below) |
//! | `POST /customers/{id}/kba`, `GET /kba/{id}`, `POST /kba/{id}` | a KBA session for a customer in `kba` status (403 `InvalidResourceState` otherwise); four questions; the four answers once (then 403 "The kba session is no longer valid."): all "None of the above" / "I have never been associated with this vehicle" verify the customer (`verificationStatus: verified`), anything else sends it to `document` (`failed`) |
//! | `GET /exchange-partners` | Plaid, MX, Finicity (active), Flinks (deactivated), Visa (active, does not support this product) |
//! | `GET /exchange-partners/{id}` | one partner |
//! | `POST /customers/{id}/exchange-sessions` | every documented error of the operation; 201 with `Location`; honours `Idempotency-Key`. A Plaid session issues a Link token; an MX session stands for the user finishing MX Connect (see available connections) |
//! | `GET /exchange-sessions/{id}` | Plaid: `externalProviderSessionToken`; MX and Finicity: `_links.external-provider-session` |
//! | `POST /exchanges/{id}/exchange-sessions` | re-authentication (a Plaid one issues a Link token for the same bank account); 403 for an unknown exchange |
//! | `POST /customers/{id}/exchanges` | Plaid (`plaid.publicToken`, single-use, from [`Emulator::plaid_public_token`]), MX (`mx.availableConnectionToken`), token-based (`token`) and Finicity (`finicity.receiptId`) bodies; 201 with `Location`; honours `Idempotency-Key`; 400/401 `InvalidExchangeToken` |
//! | `GET /customers/{id}/exchanges` | the customer's exchanges, [`Emulator::EXCHANGE_ID`] and [`Emulator::EXCHANGE_NEEDS_REAUTH_ID`] included for [`Emulator::CUSTOMER_ID`] |
//! | `GET /exchanges/{id}` | one exchange (`active`, `deactivated` or `removed`); [`Emulator::EXCHANGE_NEEDS_REAUTH_ID`] answers 400 `UpdateCredentials` |
//! | `GET /customers/{id}/available-exchange-connections` | empty until an MX session for the customer; then "Emulator Checking" and "Emulator Savings" |
//! | `POST /customers/{id}/funding-sources` | every create body: routing and account numbers (`unverified`; a routing number of nine digits with a valid ABA check digit and an account number of 4 to 17 digits, else 400 `ValidationError` on `/routingNumber`, `/accountNumber`; `bankAccountType` `checking`, `savings`, `general-ledger` or `loan`; `channels: ["wire"]`), `plaidToken` (`verified`, "First Platypus Bank"), `_links.exchange` (`verified`; `UpdateCredentials`, `InactiveExchange`), `type: "virtual"` (a VAN: verified personal and business customers only, else 403); `name` of 1 to 50 characters; `_links.on-demand-authorization` one the emulator issued; 201 with `Location`; honours `Idempotency-Key`; every refused member at once, with its `path`; `DuplicateResource` "Bank already exists: id=..." with `_links.about` (one funding source per bank account and owner); a removed unverified bank added again comes back with its id |
//! | `GET /customers/{id}/funding-sources` | the customer's funding sources, oldest first: its balance (verified personal and business customers), banks, VANs; `removed=false` leaves removed ones out |
//! | `GET /funding-sources/{id}` | any funding source, with the links its state offers (`initiate-micro-deposits`, `verify-micro-deposits`, `failed-verification-micro-deposits`, `micro-deposits`, `remove`, `transfer-send`, `transfer-receive`, `balance`, `transfer-from-balance`, `ach-routing`, `exchange`, `on-demand-authorization`); 404 `notFound` |
//! | `POST /funding-sources/{id}` | `{"removed": true}` (soft removal: pending transfers to it whose debit waits are cancelled); a new `name` any time, `routingNumber`/`accountNumber`/`bankAccountType` of an unverified bank (403 `InvalidResourceState` for a verified or removed one); 400 "Only funding sources of type='bank' can be updated."; 200 with the funding source. A name such as `R01` makes transfers through it fail (below) |
//! | `POST`, `GET /funding-sources/{id}/micro-deposits` | initiate (no body; 201 with `Location`; 400 `MaxNumberOfResources` the second time), details (`pending`, `processed` after a simulation, `failed` with `failure` for a bank named after a return code), verify `{amount1, amount2}` (below); 403 "Bank already verified." |
//! | `GET /funding-sources/{id}/balance` | a balance: `balance` (available: labeled funds left out), `total`, `lastUpdated`; a bank from an exchange: `available` and `closing`, $1,000.00; others 404 |
//! | `GET /funding-sources/{id}/ach-routing` | a VAN's `accountNumber` and `routingNumber` (`084106768`) |
//! | `POST /on-demand-authorizations` | 200 with `_links.self`, `bodyText`, `buttonText` |
//! | `GET /` | the root: `_links.account` ([`Emulator::ACCOUNT_ID`]), `customers`, `events`, `webhook-subscriptions` |
//! | `GET /accounts/{id}` | the account ("Dwolla Emulator Account", `Commercial`); 404 `notFound` for another |
//! | `GET /accounts/{id}/funding-sources`, `POST /funding-sources` | the account's balance ([`Emulator::ACCOUNT_BALANCE_ID`], $5,000.00) and verified bank ([`Emulator::ACCOUNT_BANK_ID`], "Superhero Savings Bank"); the account adds banks by numbers (`unverified`) |
//! | `POST /transfers` | `_links.source` (a verified bank or a balance; an unverified bank receives but does not send; not a VAN), `_links.destination` (a funding source, or a customer's or the account's URL for its balance), `amount` (positive, USD; a third decimal rounded half to even), `metadata` (not with a balance source), `correlationId`, `clearing`, `fees`; 201 with `Location`; `Idempotency-Key`: the same key and byte-identical body replay the first 201, another body under it is 400; 400 `ValidationError` with Dwolla's messages and paths (`Funding source not found.`, `Invalid funding source.`, `Receiver not found.`, `Invalid destination funding source.`, `Sender restricted.`, `Receiver restricted.`, `Invalid amount. The supplied amount must be a positive number.`, more than $10,000 from a verified customer or $5,000 from an unverified one or more than the destination balance can hold, `Invalid metadata.`, fee errors), `InsufficientFunds` on `/_links/source/href` for a balance without the money (labeled funds excluded) |
//! | `GET /transfers/{id}` | the transfer: `status`, `amount`, `created`, `metadata`, `correlationId`, `clearing`, `individualAchId`; links `source`, `source-funding-source`, `destination`, `destination-funding-source`, `cancel` (while cancellable), `fees`, `failure` |
//! | `POST /transfers/{id}` | `{"status": "cancelled"}` while the bank debit waits: 200 `cancelled`; afterwards 400 `NotAllowed` "Status not allowed." on `/status`, as Dwolla answers |
//! | `GET /transfers/{id}/fees`, `GET /transfers/{id}/failure` | the fee transfers (`transactions`, `total`); the return code, `description`, `explanation`, `failed-funding-source` (404 for a transfer that did not fail) |
//! | `GET /customers/{id}/transfers`, `GET /accounts/{id}/transfers` | newest first; `limit` (default 25, 1 to 200), `offset`, `search` (the other party's name, email or id), `startAmount`, `endAmount`, `startDate`, `endDate`, `status`, `correlationId`; `total` and `_links` `first`, `last`, `next`, `prev` |
//! | `POST /mass-payments` | `_links.source`, 1 to 5,000 `items` (400 "Items exceeded maximum count of 5000"; a total past what cents hold is 400 on `/items`), `status: "deferred"`, `metadata`, `correlationId`; 201; honours `Idempotency-Key` |
//! | `GET`, `POST /mass-payments/{id}` | the mass payment (`total`, `totalFees`); `{"status": "pending"}` releases a deferred one, `"cancelled"` cancels it, 400 for one not deferred |
//! | `GET /mass-payments/{id}/items`, `GET /mass-payment-items/{id}` | the items (`status` filter, paged): `pending`, `success` with its `transfer`, `failed` with `_embedded.errors` (`InsufficientFunds`, `RequiresFundingSource`, `Restricted`, `Invalid`) |
//! | `GET /customers/{id}/mass-payments`, `GET /accounts/{id}/mass-payments` | newest first, `correlationId` filter, paged |
//! | `POST`, `GET /customers/{id}/labels`; `GET`, `DELETE /labels/{id}` | labels of verified customers (403 for others), newest first; a label takes available funds (400 "Invalid amount." beyond); removed only at zero (403 `InvalidResourceState` "Amount must be zero to remove label.") |
//! | `POST`, `GET /labels/{id}/ledger-entries`; `GET /ledger-entries/{id}` | signed entries; never below zero, never beyond the available funds (400) |
//! | `POST /label-reallocations`, `GET /label-reallocations/{id}` | between two labels of one customer, at most what `from` holds; two ledger entries |
//! | `POST /sandbox-simulations` | `{}` or no body: processes pending bank legs and mass payments (below); 200 `{_links.self, total}`; the `type` forms answer 501 |
//! | `POST /client-tokens` | `{action, _links.customer}`: 200 `{token}` |
//! | `POST /webhook-subscriptions` | `{url, secret}`: 201 with `Location`; honours `Idempotency-Key`; 400 `ValidationError` `InvalidFormat` "Url must be a valid url." (`/url`: an absolute http(s) URL with a host) or "Secret must be 128 or fewer characters." (`/secret`), `Required` for either missing; at most 5 subscriptions, as in production (the sandbox allows 10; [`EmulatorBuilder::max_webhook_subscriptions`]), then 400 `MaxNumberOfResources` "The maximum number of subscriptions has been reached." |
//! | `GET /webhook-subscriptions`, `GET /webhook-subscriptions/{id}` | every subscription (oldest first, not paged, `total`) or one: `_links` `self`, `webhooks`; `id`, `url`, `paused`, `created`; never the secret; 404 `NotFound` |
//! | `POST /webhook-subscriptions/{id}` | `{"paused": true\|false}`: 200 with the subscription (400 `BadRequest` for another body). Unpausing restarts the failure count and does not send what was missed |
//! | `DELETE /webhook-subscriptions/{id}` | 200 with the subscription; its webhooks are deleted with it |
//! | `GET /webhook-subscriptions/{id}/webhooks` | its webhooks, newest first; `limit` (default 25, 1 or more), `offset`, `startDate` and `endDate` (`YYYY-MM-DD`, UTC days of the emulator's clock, both included), `resourceId`; `total`, paging links |
//! | `GET /webhooks/{id}` | `_links` `self`, `subscription`, `retry`, `event`; `id`, `topic`, `accountId`, `eventId`, `subscriptionId`, `attempts` (oldest first: `request` {`timestamp`, `url`, `headers` [{`name`, `value`}], `body`}, `response` {`timestamp`, `headers`, `statusCode`, `body`}, no `response` when none came); 404 `NotFound` "Webhook not found." |
//! | `GET`, `POST /webhooks/{id}/retries` | the retries asked for (`_embedded.retries` [{`_links` `self`, `webhook`; `id`, `timestamp`}], `total`); a POST sends the webhook again now (to a paused subscription too), 201 with `Location: .../webhooks/{id}/retries/{retry id}` (which `GET` answers); honours `Idempotency-Key` |
//! | `GET /events`, `GET /events/{id}` | every event recorded, newest first (`limit`, `offset`, `total`, paging links), or one: the exact body its webhooks carry (`_links` `account`, `customer`, `resource`, `self`; `created`, `id`, `resourceId`, `topic`, `correlationId` when set); 404 `NotFound` |
//!
//! A known path with another method answers 405; a bad body in a creating
//! POST answers 400 `ValidationError` (embedded errors with their `path`
//! where Dwolla gives them). Every method and path of Dwolla's API (its
//! OpenAPI spec) that the emulator does not play answers **501**
//! `{"code":"NotImplemented","message":"The Dwolla emulator does not emulate
//! GET /exchanges yet."}`; a path that is not Dwolla's answers 404.
//!
//! # The sandbox's magic words
//!
//! As in Dwolla's sandbox, a verified customer's status comes from what it
//! is created with:
//!
//! - personal: `firstName` `retry`, `kba`, `document` or `suspended` gives
//!   that status (case-insensitive), anything else `verified`;
//! - business: the controller's `firstName` (a sole proprietor's own)
//!   `suspended` suspends; `retry` gives `retry` with `retry-verification`
//!   (and `retry-with-full-ssn` for a controller), as does a `businessName`
//!   of `retry`; `document` as the controller's `firstName` needs
//!   `verify-with-document`, as the `businessName`
//!   `verify-business-with-document`, both
//!   `verify-controller-and-business-with-document`; anything else is
//!   `verified`. Businesses with a controller start `uncertified` (a
//!   `certify-beneficial-ownership` link until certified).
//! - A retry (`POST /customers/{id}` with the whole body and the full SSN)
//!   verifies, unless its words still say otherwise (`kba`, `document`,
//!   `suspended`; `retry` again ends in `document`).
//! - Documents are reviewed at once, by file name: one containing `fail`
//!   (the sandbox's failing sample is `test-document-upload-fail.png`) is
//!   rejected (`ScanNotReadable`) and the customer stays in `document`; one
//!   containing `pending` waits for a review that never comes; any other is
//!   accepted, and the customer is `verified` once nothing more is needed (a
//!   person's document for the person, an `other` document for a business).
//!
//! Every change is recorded as a Dwolla event (`customer_created`,
//! `customer_verified`, `customer_reverification_needed`,
//! `customer_kba_verification_needed`/`_passed`/`_failed`,
//! `customer_verification_document_needed`/`_uploaded`/`_approved`/`_failed`,
//! `customer_suspended`, `customer_activated`, `customer_deactivated`,
//! `customer_beneficial_owner_created`/`_removed`/`_verified`/...): see
//! [`Emulator::event_topics_about`].
//!
//! # Money
//!
//! As in Dwolla's sandbox: the application's account has a balance of
//! $5,000.00 and a verified "Superhero Savings Bank"; every verified
//! personal or business customer has a balance (starting at zero).
//!
//! - **Transfers from a balance are instant**: `processed` at once, the
//!   destination credited (a bank destination too).
//! - **Transfers from a bank are `pending`** (and cancellable) until
//!   `POST /sandbox-simulations`, which processes the newest 500 pending
//!   bank legs, oldest first, micro-deposits included (each counts in
//!   `total`, two per bank), then every pending mass payment. To a balance,
//!   one simulation processes the debit and credits the balance. **Bank to
//!   bank** takes two: the first processes the debit (the transfer stays
//!   `pending` and can no longer be cancelled), the second the credit.
//! - A bank **named** `R01`, `R03` or another ACH return code (`R` and two
//!   digits; on create or rename) fails the leg it takes part in: `R01` on
//!   the source fails the debit, `R03` on the destination the credit. The
//!   transfer is `failed` with the code (`GET /transfers/{id}/failure`), and
//!   the bank is removed for every code but R01, R09 and R20. (`R01-late`
//!   and the like are not played.)
//! - **Micro-deposits**: two deposits under $0.10, `pending` until a
//!   simulation processes them (`failed` for a bank named after a return
//!   code). Any two amounts under $0.10 verify at once, arrived or not
//!   (200); `0.09` and `0.09`, or an amount of $0.10 to $0.15, are wrong
//!   (400 "Wrong amount(s)."); the third wrong pair is 403 "Too many
//!   attempts." and ends it (`failed-verification-micro-deposits`); an
//!   amount over $0.15 is 400 "Invalid amount." and no attempt.
//! - **Facilitator fees** are transfers of their own, from the charged
//!   customer's funding source of the transfer to the account's balance,
//!   sharing their transfer's fate; at most half the amount.
//! - **Mass payments** are processed by the next simulation (a deferred
//!   one once released): each item becomes a transfer (following the
//!   rules above) or fails, and the mass payment is `complete`.
//! - **Labels** hold part of a customer's balance: the available balance
//!   (and what transfers may spend) leaves them out.
//! - Customer rules: personal and business customers send when
//!   `verified`, unverified customers when `unverified`, receive-only
//!   customers never; suspended and deactivated customers neither send nor
//!   receive.
//!
//! Every change is a Dwolla event, with the transfer's `correlationId` when
//! set: `(customer_)funding_source_added`/`_verified`/`_updated`/`_removed`,
//! `(customer_)microdeposits_added`/`_completed`/`_failed`/`_maxattempts`,
//! `(customer_)(bank_)transfer_created`/`_completed`/`_failed`/`_cancelled`
//! (`bank_` for a side whose funding source is a bank, `customer_` for a
//! customer's side, once per side), `(customer_)mass_payment_created`/
//! `_completed`/`_cancelled`, `customer_label_created`/`_removed`,
//! `customer_label_ledger_entry_created`.
//!
//! # Webhooks
//!
//! Every event recorded becomes one webhook per subscription existing at
//! that moment, sent as Dwolla sends it: `POST` to the subscription's URL
//! with the event's JSON (the body of `GET /events/{id}`), `Content-Type:
//! application/json`, `X-Request-Signature-SHA-256` (lowercase hex
//! HMAC-SHA256 of the exact body, keyed with the subscription's secret:
//! [`dwolla_core::webhooks::verify`] accepts it) and `X-Dwolla-Topic`.
//!
//! - **Success** is a 2xx answer within 10 s of real time
//!   ([`EmulatorBuilder::webhook_timeout`]); a non-2xx (a redirect too: not
//!   followed), a refused connection or no answer in time is a failure.
//!   Every attempt is recorded with its request and response on `GET
//!   /webhooks/{id}`.
//! - **Retries** follow Dwolla's schedule, 15 minutes, 1, 3, 6, 12, 24, 48
//!   and 72 hours after the original, on the emulator's clock, until one
//!   succeeds. A retry asked for (`POST /webhooks/{id}/retries`) is one
//!   more attempt, now.
//! - **Auto-pause**: after 400 failures in a row **and** 24 hours of that
//!   clock without a success, a subscription is paused
//!   ([`EmulatorBuilder::webhook_auto_pause`] sets both). A paused
//!   subscription still gets its webhooks, unsent (no attempts); unpausing
//!   does not send them: retry them, as
//!   `client.webhook_subscriptions().recover(..)` does.
//! - **Delivery never blocks the API**: sending happens on its own task,
//!   never under the data lock; at most 10 attempts per subscription are in
//!   flight (Dwolla's bursts of 10), so a slow or dead URL delays only its
//!   own webhooks.
//! - The emulator delivers to `http://` URLs on a loopback host only
//!   (`127.0.0.0/8`, `::1`, `localhost`); other URLs are accepted but every
//!   attempt to them fails at once, unanswered.
//!
//! **The clock.** Event, webhook and attempt times, the retry schedule and
//! the auto-pause rule all read the emulator's clock. It starts at the
//! wall-clock time of [`start`](EmulatorBuilder::start) and runs at real
//! speed unless [`EmulatorBuilder::webhook_time_scale`] makes it faster (at
//! 3600, the 15-minute retry comes a quarter of a second later, the 72-hour
//! one 72 s later; `dwolla-emulator --webhook-time-scale 3600`);
//! [`Emulator::advance_clock`] jumps it forward (retries that fall due are
//! sent at once), which is what a test that must not wait uses.
//! [`Emulator::clock_now`] reads it. Other resources' `created` times (a
//! customer's, say) stay on the wall clock. A scaled clock rather than
//! tokio's paused clock: deliveries are real HTTP to real sockets, which a
//! paused clock would time out at once.
//!
//! [`WebhookInbox`] is a webhook endpoint for tests: subscribe its URL, and
//! read what the emulator sent. README.md's "Webhooks" section runs the
//! whole flow with dwolla-hyper's client.
//!
//! # Emulator-only routes
//!
//! What no Dwolla API does but a test script needs, such as the part a
//! partner's widget plays in a browser. They live under
//! [`Emulator::ROUTE_PREFIX`] (`/_emulator/`), which no Dwolla path starts
//! with; they need no token, suffer no planned faults and are not counted in
//! [`Emulator::api_requests`]. Errors use Dwolla's error shape.
//!
//! | route | what it does |
//! |---|---|
//! | `POST /_emulator/plaid/public-token` | body `{"link_token":"link-sandbox-..."}` -> 200 `{"public_token":"public-sandbox-..."}`, what Plaid Link hands the page ([`Emulator::plaid_public_token`]); 404 `NotFound` for a link token no session issued, 400 `ValidationError` for another body |
//! | `POST /_emulator/exchanges/{id}/reauth-required` | no body -> 200 `{"exchange":URL,"event":URL}`: the exchange's bank login changed, as by [`Emulator::exchange_reauth_required`] (a `customer_exchange_reauth_required` event, then `UpdateCredentials`); 404 `NotFound` for an unknown exchange |
//! | `POST /_emulator/faults` | body: a [`Fault`] list such as `fail-next=2:503,rate-limit-next=1:7` (commas or white space between items) -> 200 `{"applied":["fail-next=2:503","rate-limit-next=1:7"]}`, applied as by [`Emulator::inject`]; 400 `ValidationError` naming the bad item, and nothing applied |
//!
//! Another method on these paths answers 405; another path under the prefix
//! 404.
//!
//! # As a command
//!
//! The `dwolla-emulator` binary (`cargo run -p dwolla-mock --features
//! emulator --bin dwolla-emulator -- --help`) runs one for other processes:
//! it prints `listening on http://127.0.0.1:PORT` as its first stdout line,
//! serves until SIGINT or SIGTERM, and takes faults in the same words as
//! flags (`--fail-next 2:503`) and in `DWOLLA_EMULATOR_FAULTS`.
//!
//! Every response carries a fresh `X-Request-ID`; error bodies use Dwolla's
//! shapes and its `vnd.error` content type.
//!
//! Check order for an API request: faults (see [`Emulator::fail_next`] and
//! friends), then `Accept` (406 `InvalidVersion`), then the bearer token (401
//! `InvalidAccessToken` / `ExpiredAccessToken`), then the route.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! use dwolla_mock::emulator::Emulator;
//!
//! let emulator = Emulator::start().await?;
//! assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
//! let plaid = emulator.partner_href("plaid").unwrap();
//! assert!(plaid.ends_with("/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"));
//! emulator.fail_next(1, 503); // the next API call gets a CDN-style HTML 503
//! # Ok(()) }
//! ```

mod body;
mod delivery;
mod faults;
mod handlers;
mod inbox;
mod server;
mod state;
mod vocabulary;

pub use self::inbox::{ReceivedWebhook, WebhookInbox};
pub use self::vocabulary::{Fault, FaultParseError, FaultSyntax};

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use dwolla_core::{Amount, ClientCredentials, Environment};
use tokio::time::Instant;

use self::server::Server;
use self::state::events::Clock;
use self::state::webhooks::Settings as WebhookSettings;
use self::state::{Config, Data, Exchange, ExchangeStatus, Handoff, Partner, Shared};

/// A running emulator. It stops when dropped: the listening socket is closed
/// before `drop` returns (connection attempts afterwards are refused) and open
/// connections are closed.
///
/// Start it inside a tokio runtime; connections are served by tasks on that
/// runtime, so keep the runtime running as long as the emulator is used (one
/// emulator per `#[tokio::test]`, not one shared across tests: each test has
/// its own runtime). Accepting runs on a small dedicated thread. All methods
/// take `&self` and are thread-safe: share it with an `Arc` to inject faults
/// from several tasks.
pub struct Emulator {
    shared: Arc<Shared>,
    server: Server,
    _delivery: delivery::Delivery,
}

/// Settings for an [`Emulator`], made by [`Emulator::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct EmulatorBuilder {
    client_id: String,
    client_secret: String,
    token_lifetime: Duration,
    customers: Vec<String>,
    redirect_urls: Vec<String>,
    not_enabled: Vec<String>,
    port: u16,
    webhook_time_scale: u32,
    webhooks: WebhookSettings,
    account_balance_cents: i64,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            client_id: Emulator::CLIENT_ID.to_owned(),
            client_secret: Emulator::CLIENT_SECRET.to_owned(),
            token_lifetime: Duration::from_secs(3600),
            customers: vec![Emulator::CUSTOMER_ID.to_owned()],
            redirect_urls: vec![
                Emulator::REDIRECT_URL.to_owned(),
                Emulator::ANDROID_PACKAGE.to_owned(),
            ],
            not_enabled: Vec::new(),
            port: 0,
            webhook_time_scale: 1,
            webhooks: WebhookSettings::default(),
            account_balance_cents: state::money::DEFAULT_ACCOUNT_BALANCE_CENTS,
        }
    }
}

impl EmulatorBuilder {
    /// The client id and secret `POST /token` accepts (default
    /// [`Emulator::CLIENT_ID`] and [`Emulator::CLIENT_SECRET`]). Both are
    /// compared after form-url-decoding, as RFC 6749 2.3.1 requires.
    pub fn client_credentials(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.client_id = id.into();
        self.client_secret = secret.into();
        self
    }

    /// The lifetime of issued tokens, sent as `expires_in` in whole seconds
    /// (default 3600 s). A zero lifetime issues tokens that are already expired.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Preloads another customer (besides [`Emulator::CUSTOMER_ID`]): a
    /// verified personal customer "Jane Doe" with this id and the email
    /// `customer.<id>@example.com`.
    pub fn customer(mut self, id: impl Into<String>) -> Self {
        self.customers.push(id.into());
        self
    }

    /// Adds a redirect URL configured for the account (besides
    /// [`Emulator::REDIRECT_URL`] and [`Emulator::ANDROID_PACKAGE`]).
    /// Session requests must match one exactly.
    pub fn redirect_url(mut self, url: impl Into<String>) -> Self {
        self.redirect_urls.push(url.into());
        self
    }

    /// Makes sessions with this partner (matched case-insensitively) answer 403
    /// "Exchange sessions with this exchange partner are not enabled for your
    /// account". A name the emulator does not know adds an active partner of
    /// that name (with a random id) that is not enabled.
    pub fn partner_not_enabled(mut self, name: impl Into<String>) -> Self {
        self.not_enabled.push(name.into());
        self
    }

    /// The port to listen on (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Runs the emulator's clock `scale` times faster than real time
    /// (default 1; 0 is taken as 1): the clock of events, webhooks, delivery
    /// attempts, Dwolla's retry schedule and the auto-pause rule (see
    /// [Webhooks](self#webhooks)). At 3600 an emulated hour passes in a real
    /// second: the first retry (15 minutes after the original) comes 250 ms
    /// later, the last (72 hours) 72 s later. The attempt timeout is real
    /// time and does not scale. [`Emulator::advance_clock`] jumps the clock
    /// instead. The `dwolla-emulator` command's `--webhook-time-scale N`.
    pub fn webhook_time_scale(mut self, scale: u32) -> Self {
        self.webhook_time_scale = scale.max(1);
        self
    }

    /// The most webhook subscriptions at once (default 5, as Dwolla allows in
    /// production; its sandbox allows 10). One more answers 400
    /// `MaxNumberOfResources`.
    pub fn max_webhook_subscriptions(mut self, max: usize) -> Self {
        self.webhooks.max_subscriptions = max;
        self
    }

    /// When a subscription pauses itself: after `failures` failed attempts
    /// in a row **and** `without_success` of emulated time since its last
    /// successful attempt (or since it was created or unpaused). Dwolla's,
    /// and the default: 400 failures and 24 hours. `(3, Duration::ZERO)`
    /// pauses after three failures.
    pub fn webhook_auto_pause(mut self, failures: u32, without_success: Duration) -> Self {
        self.webhooks.pause_after_failures = failures;
        self.webhooks.pause_without_success = without_success;
        self
    }

    /// How long a webhook attempt may take before it counts as failed, in
    /// real time (default 10 s, as Dwolla).
    pub fn webhook_timeout(mut self, timeout: Duration) -> Self {
        self.webhooks.timeout = timeout;
        self
    }

    /// What the account's balance ([`Emulator::ACCOUNT_BALANCE_ID`]) holds
    /// at start (default $5,000.00, as a new sandbox account). A negative
    /// amount starts it at zero.
    pub fn account_balance(mut self, amount: Amount) -> Self {
        self.account_balance_cents = amount.cents().max(0);
        self
    }

    /// Binds `127.0.0.1` and starts serving. Must be called inside a tokio
    /// runtime.
    pub async fn start(self) -> std::io::Result<Emulator> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", self.port))?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let mut partners = default_partners();
        for name in &self.not_enabled {
            match partners
                .iter_mut()
                .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            {
                Some(p) => p.enabled = false,
                None => partners.push(Partner {
                    id: uuid::Uuid::new_v4().to_string(),
                    name: name.trim().to_owned(),
                    active: true,
                    supports_product: true,
                    enabled: false,
                    created: "2024-01-01T00:00:00.000Z",
                    handoff: None,
                }),
            }
        }
        let config = Config {
            client_id: self.client_id,
            client_secret: self.client_secret,
            redirect_urls: self.redirect_urls,
            partners,
        };
        let shared = Arc::new(Shared::new(config, base_url, self.token_lifetime));
        {
            let mut data = shared.data();
            // Before anything that could record an event.
            data.events.clock = Clock::new(self.webhook_time_scale);
            data.webhooks.settings = self.webhooks;
            // The default customer first, then the others in sorted order
            // (what `customer_ids` lists).
            let mut ids = self.customers;
            ids.sort();
            ids.dedup();
            ids.sort_by_key(|id| id != Emulator::CUSTOMER_ID);
            for id in &ids {
                handlers::customers::preload(&mut data, id);
            }
            seed_exchanges(&mut data);
            data.seed_money(self.account_balance_cents);
        }
        let server = Server::start(listener, shared.clone())?;
        let delivery = delivery::start(shared.clone());
        tracing::debug!(%addr, "dwolla emulator listening");
        Ok(Emulator {
            shared,
            server,
            _delivery: delivery,
        })
    }
}

const PLAID_ID: &str = "f53ffb32-c84f-496a-9d9d-acd100d396ef";

/// The fixed exchanges of [`Emulator::CUSTOMER_ID`], each over its own account.
fn seed_exchanges(data: &mut Data) {
    for (id, needs_reauth) in [
        (Emulator::EXCHANGE_ID, false),
        (Emulator::EXCHANGE_NEEDS_REAUTH_ID, true),
    ] {
        let account = data.new_account(state::bank_name("plaid"));
        data.exchanges.push(Exchange {
            id: id.to_owned(),
            partner_id: PLAID_ID.to_owned(),
            customer_id: Emulator::CUSTOMER_ID.to_owned(),
            status: ExchangeStatus::Active,
            needs_reauth,
            created: "2024-01-15T17:20:42.000Z".to_owned(),
            account,
        });
    }
}

fn default_partners() -> Vec<Partner> {
    let partner = |id: &str, name: &str, active: bool, supports: bool, handoff| Partner {
        id: id.to_owned(),
        name: name.to_owned(),
        active,
        supports_product: supports,
        enabled: true,
        created: "2022-06-23T21:23:18.452Z",
        handoff,
    };
    vec![
        partner(PLAID_ID, "Plaid", true, true, Some(Handoff::LinkToken)),
        partner(
            "2164407f-33c3-4555-a6a1-40d5e9e58744",
            "MX",
            true,
            true,
            Some(Handoff::ConnectUrl(
                "https://int-widgets.moneydesktop.com/md/connect/",
            )),
        ),
        partner(
            "6f8e3c1a-2b4d-4e5f-9a7b-8c9d0e1f2a3b",
            "Finicity",
            true,
            true,
            Some(Handoff::ConnectUrl(
                "https://connect2.finicity.com/?customerId=",
            )),
        ),
        partner(
            "0b2a9c8d-7e6f-4a5b-8c3d-2e1f0a9b8c7d",
            "Flinks",
            false,
            true,
            None,
        ),
        partner(
            "9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a",
            "Visa",
            true,
            false,
            None,
        ),
    ]
}

impl Emulator {
    /// The default client id.
    pub const CLIENT_ID: &'static str = "emulator-client-id";
    /// The default client secret.
    pub const CLIENT_SECRET: &'static str = "emulator-client-secret";
    /// A customer the emulator preloads: a verified personal customer "Jane
    /// Doe" (`emulator.customer@example.com`), the oldest in
    /// `GET /customers`.
    pub const CUSTOMER_ID: &'static str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
    /// A redirect URL configured by default (Plaid iOS style).
    pub const REDIRECT_URL: &'static str = "https://example.com/app123";
    /// An Android package name configured by default as a redirect URL.
    pub const ANDROID_PACKAGE: &'static str = "com.example.app123";
    /// A Plaid exchange that can be re-authenticated
    /// (`POST /exchanges/{id}/exchange-sessions`).
    pub const EXCHANGE_ID: &'static str = "8a2cdc8d-629d-4a24-98ac-40b735229fe2";
    /// A Plaid exchange whose bank login changed: `GET /exchanges/{id}`
    /// answers 400 `UpdateCredentials` with `_links.about` pointing at
    /// `{base}/exchanges/{id}/exchange-sessions`, which works. Creating a
    /// funding source from it answers the same. It stays this way: the way
    /// out is a re-auth session, a public token for its link token, and a
    /// new exchange over the same account.
    pub const EXCHANGE_NEEDS_REAUTH_ID: &'static str = "0c4e3a2b-1f5d-4c6e-8a7b-9d0e1f2a3b4c";
    /// A Plaid public token that has expired: creating an exchange with it
    /// answers 401 `InvalidExchangeToken` (the partner's token is refused,
    /// not the access token).
    pub const EXPIRED_PUBLIC_TOKEN: &'static str = "public-sandbox-expired";
    /// The application's account (`GET /` links to it).
    pub const ACCOUNT_ID: &'static str = "0ee84069-47c5-455c-b425-633523291dc3";
    /// The account's balance funding source, holding $5,000.00 at start
    /// (see [`EmulatorBuilder::account_balance`]).
    pub const ACCOUNT_BALANCE_ID: &'static str = "c2eb3f03-1b0e-4d18-a4a2-e552cc111418";
    /// The account's verified bank, "Superhero Savings Bank", as every new
    /// sandbox account has.
    pub const ACCOUNT_BANK_ID: &'static str = "2e446d1b-fb3c-42a0-9691-5d1d6a4dbbf0";
    /// The path prefix of the emulator-only routes (see the [module
    /// docs](self)); no Dwolla path starts with it.
    pub const ROUTE_PREFIX: &'static str = "/_emulator";

    /// Starts an emulator with the defaults on a random port.
    pub async fn start() -> std::io::Result<Emulator> {
        EmulatorBuilder::default().start().await
    }

    /// Settings for an emulator.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The [`Environment`] for [`base_url`](Self::base_url).
    pub fn environment(&self) -> Environment {
        Environment::custom(&self.shared.base_url)
            .expect("http://127.0.0.1:PORT is always a valid custom environment")
    }

    /// The client credentials the emulator accepts.
    pub fn credentials(&self) -> ClientCredentials {
        ClientCredentials::new(
            self.shared.config.client_id.clone(),
            self.shared.config.client_secret.clone(),
        )
    }

    /// The self href of the partner with this name (case-insensitive),
    /// whatever its status: `{base}/exchange-partners/{id}`.
    pub fn partner_href(&self, name: &str) -> Option<String> {
        self.partner_id(name)
            .map(|id| format!("{}/exchange-partners/{id}", self.shared.base_url))
    }

    /// The id of the partner with this name (case-insensitive).
    pub fn partner_id(&self, name: &str) -> Option<&str> {
        self.shared
            .config
            .partner_by_name(name)
            .map(|p| p.id.as_str())
    }

    /// The customer the emulator preloads ([`Emulator::CUSTOMER_ID`]).
    pub fn customer_id(&self) -> &str {
        Self::CUSTOMER_ID
    }

    /// Every customer id the emulator knows: the preloaded ones
    /// ([`Emulator::CUSTOMER_ID`] first, then those added with
    /// [`EmulatorBuilder::customer`] in sorted order), then those created
    /// with `POST /customers`, oldest first. What the `dwolla-emulator`
    /// command prints on start.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use dwolla_mock::emulator::Emulator;
    ///
    /// let emulator = Emulator::builder().customer("c2").start().await?;
    /// assert_eq!(emulator.customer_ids(), [Emulator::CUSTOMER_ID, "c2"]);
    /// # Ok(()) }
    /// ```
    pub fn customer_ids(&self) -> Vec<String> {
        let data = self.shared.data();
        let preloaded = &data.customers.preloaded;
        let created = data
            .customers
            .all
            .iter()
            .filter(|c| !preloaded.contains(&c.id))
            .map(|c| c.id.clone());
        preloaded.iter().cloned().chain(created).collect()
    }

    /// The names of every exchange partner `GET /exchange-partners` lists,
    /// in its order and spelled as it spells them (`Plaid`, `MX`, ...),
    /// whatever their status. See
    /// [`active_partner_names`](Self::active_partner_names) for those that
    /// can be used.
    pub fn partner_names(&self) -> Vec<String> {
        self.shared
            .config
            .partners
            .iter()
            .map(|p| p.name.clone())
            .collect()
    }

    /// The names of the exchange partners listed with status `active`, in
    /// listing order: by default every partner but Flinks. (Visa is active
    /// but does not support exchange sessions, as in Dwolla's sandbox.)
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use dwolla_mock::emulator::Emulator;
    ///
    /// let emulator = Emulator::start().await?;
    /// assert_eq!(emulator.partner_names(), ["Plaid", "MX", "Finicity", "Flinks", "Visa"]);
    /// assert_eq!(emulator.active_partner_names(), ["Plaid", "MX", "Finicity", "Visa"]);
    /// # Ok(()) }
    /// ```
    pub fn active_partner_names(&self) -> Vec<String> {
        self.shared
            .config
            .partners
            .iter()
            .filter(|p| p.active)
            .map(|p| p.name.clone())
            .collect()
    }

    /// The application's account id ([`Emulator::ACCOUNT_ID`]).
    pub fn account_id(&self) -> &str {
        Self::ACCOUNT_ID
    }

    /// `{base}/accounts/{id}`: the account's URL.
    pub fn account_href(&self) -> String {
        format!("{}/accounts/{}", self.shared.base_url, Self::ACCOUNT_ID)
    }

    /// `{base}/funding-sources/{id}`: the URL of the account's balance
    /// ([`Emulator::ACCOUNT_BALANCE_ID`]), a transfer's destination to pay
    /// the application.
    pub fn account_balance_href(&self) -> String {
        format!(
            "{}/funding-sources/{}",
            self.shared.base_url,
            Self::ACCOUNT_BALANCE_ID
        )
    }

    /// The URL of a customer's balance funding source: verified personal
    /// and business customers have one (`None` for others, and for an
    /// unknown customer).
    pub fn customer_balance_href(&self, customer_id: &str) -> Option<String> {
        let mut data = self.shared.data();
        data.sync_balances(Some(&self.shared.base_url));
        let id = data.customer(customer_id)?.id.clone();
        let owner = state::money::Owner::Customer(id);
        let fs = data.money.balance_of(&owner)?;
        Some(format!(
            "{}/funding-sources/{}",
            self.shared.base_url, fs.id
        ))
    }

    /// What a balance funding source (id or URL) holds in all, labeled
    /// funds included (`GET /funding-sources/{id}/balance` calls it
    /// `total`); `None` for what is not a balance.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use dwolla_core::Amount;
    /// use dwolla_mock::emulator::Emulator;
    ///
    /// let emulator = Emulator::start().await?;
    /// assert_eq!(emulator.balance(Emulator::ACCOUNT_BALANCE_ID), Some(Amount::usd("5000.00")?));
    /// assert_eq!(emulator.balance(Emulator::ACCOUNT_BANK_ID), None);
    /// # Ok(()) }
    /// ```
    pub fn balance(&self, funding_source: &str) -> Option<Amount> {
        let id = funding_source
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let data = self.shared.data();
        let fs = data.money.fs(id)?;
        (fs.kind == state::money::FsKind::Balance).then(|| Amount::from_cents(fs.balance_cents))
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.server.addr()
    }

    // ----- faults ---------------------------------------------------------

    /// The next `n` API requests (not `/token`) answer `status` without being
    /// processed: 500 a Dwolla `ServerError` JSON body; 502, 503 and 504 an
    /// HTML page, as a CDN sends; 429 `TooManyRequests`; 401
    /// `InvalidAccessToken`; other statuses a Dwolla error body. Calls queue
    /// up: `fail_next(1, 500); fail_next(1, 503)` fails two requests, 500 first.
    pub fn fail_next(&self, n: u32, status: u16) {
        self.inject(&Fault::FailNext { n, status });
    }

    /// The next `n` API requests answer 429 `TooManyRequests` without being
    /// processed, with `Retry-After: <secs>` when `retry_after_secs` is given.
    pub fn rate_limit_next(&self, n: u32, retry_after_secs: Option<u64>) {
        self.inject(&Fault::RateLimitNext {
            n,
            retry_after_secs,
        });
    }

    /// The next `n` token requests answer `status`: 5xx an HTML page; 400
    /// `invalid_request`; 401 `invalid_client`; 429 `temporarily_unavailable`;
    /// anything else `server_error`. No token is issued.
    pub fn fail_next_token(&self, n: u32, status: u16) {
        self.inject(&Fault::FailNextToken { n, status });
    }

    /// The next `n` API requests wait `delay` before being handled (and then
    /// suffer any other planned fault, or are processed normally).
    pub fn delay_next(&self, n: u32, delay: Duration) {
        self.inject(&Fault::DelayNext { n, delay });
    }

    /// The next `n` token requests wait `delay` before being handled.
    pub fn delay_next_token(&self, n: u32, delay: Duration) {
        self.inject(&Fault::DelayNextToken { n, delay });
    }

    /// The next `n` API requests are processed normally (a session *is*
    /// created), but their response is cut off: the status line and headers
    /// are sent with a `Content-Length` 64 bytes larger than the body that
    /// follows, then the connection is closed. The client sees an incomplete
    /// body after its request took effect: the case idempotency keys exist for.
    pub fn close_next_mid_response(&self, n: u32) {
        self.inject(&Fault::CloseNextMidResponse { n });
    }

    /// The next `n` API requests answer, without being processed, 201 (POST)
    /// or 200 (other methods) with a body of exactly `bytes` bytes (JSON
    /// padding when `bytes >= 14`) and a `Content-Length`.
    pub fn oversized_next(&self, n: u32, bytes: usize) {
        self.inject(&Fault::OversizedNext { n, bytes });
    }

    /// Every token issued so far is now expired: the next API call with one
    /// gets 401 `ExpiredAccessToken`. Tokens issued later are valid.
    pub fn expire_all_tokens(&self) {
        self.inject(&Fault::ExpireAllTokens);
    }

    /// Tokens issued from now on live `lifetime` (sent as `expires_in` in
    /// whole seconds; zero issues tokens that are already expired). Tokens
    /// issued before keep theirs. Sets what
    /// [`EmulatorBuilder::token_lifetime`] set at start.
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        self.inject(&Fault::TokenLifetime(lifetime));
    }

    /// Applies one fault in words (see [`Fault`]): the same as calling the
    /// method it names. This is what the `dwolla-emulator` command line, its
    /// `DWOLLA_EMULATOR_FAULTS` variable and `POST /_emulator/faults` do.
    pub fn inject(&self, fault: &Fault) {
        inject(&self.shared, fault);
    }

    /// Cancels every planned fault.
    pub fn clear_faults(&self) {
        self.inject(&Fault::ClearFaults);
    }

    /// Issues a valid token directly, without a `/token` request (not counted
    /// in [`token_requests`](Self::token_requests)).
    pub fn issue_token(&self) -> String {
        handlers::issue_token(&self.shared).0
    }

    // ----- the partner's side and exchanges --------------------------------

    /// What Plaid Link hands the page once the user picked an account: a new
    /// single-use public token for `link_token` (the
    /// `externalProviderSessionToken` of a Plaid exchange session, customer
    /// or re-auth), or `None` for a link token no session issued. Every call
    /// gives a new token for the same bank account; a re-auth session's link
    /// token stands for the re-authenticated exchange's account. Also served
    /// as `POST /_emulator/plaid/public-token`.
    pub fn plaid_public_token(&self, link_token: &str) -> Option<String> {
        self.shared.data().plaid_public_token(link_token)
    }

    /// Lists one more MX account named `name` under the customer's
    /// `available-exchange-connections` (a new bank account) and returns its
    /// `availableConnectionToken`; `None` for an unknown customer. The first
    /// MX exchange session for a customer lists "Emulator Checking" and
    /// "Emulator Savings" by itself.
    pub fn add_available_connection(&self, customer_id: &str, name: &str) -> Option<String> {
        let mut data = self.shared.data();
        let id = data.customer(customer_id)?.id.clone();
        Some(data.add_connection(&id, name))
    }

    /// Deactivates an exchange (as Dwolla does when the bank revokes access):
    /// it reads as `deactivated` and funding-source creation from it answers
    /// 400 `InactiveExchange`. `false` for an unknown exchange.
    pub fn deactivate_exchange(&self, id: &str) -> bool {
        self.set_exchange_status(id, ExchangeStatus::Deactivated)
    }

    /// Removes an exchange: it reads as `removed` and funding-source creation
    /// from it answers 400 `InactiveExchange`. `false` for an unknown exchange.
    pub fn remove_exchange(&self, id: &str) -> bool {
        self.set_exchange_status(id, ExchangeStatus::Removed)
    }

    fn set_exchange_status(&self, id: &str, status: ExchangeStatus) -> bool {
        match self.shared.data().exchange_mut(id) {
            Some(e) => {
                e.status = status;
                true
            }
            None => false,
        }
    }

    // ----- counters -------------------------------------------------------

    /// How many requests reached `/token` (faulted ones included).
    pub fn token_requests(&self) -> u64 {
        Shared::count(&self.shared.token_requests)
    }

    /// How many requests reached any other path (faulted, refused and
    /// replayed ones included).
    pub fn api_requests(&self) -> u64 {
        Shared::count(&self.shared.api_requests)
    }

    /// How many exchange sessions were created (customer and re-auth;
    /// idempotent replays not counted).
    pub fn sessions_created(&self) -> u64 {
        Shared::count(&self.shared.sessions_created)
    }

    /// How many exchanges were created (idempotent replays not counted).
    pub fn exchanges_created(&self) -> u64 {
        Shared::count(&self.shared.exchanges_created)
    }

    /// How many funding sources were created (idempotent replays not
    /// counted).
    pub fn funding_sources_created(&self) -> u64 {
        Shared::count(&self.shared.funding_sources_created)
    }

    /// How many transfers `POST /transfers` created (idempotent replays,
    /// facilitator fees and mass-payment items not counted).
    pub fn transfers_created(&self) -> u64 {
        let data = self.shared.data();
        let n = data
            .money
            .transfers
            .iter()
            .filter(|t| t.fee_of.is_none() && t.mass_payment_item.is_none())
            .count();
        n as u64
    }

    /// The `Idempotency-Key` of every API POST that carried one, in arrival
    /// order (faulted requests included), so tests can check that retries
    /// reuse their key.
    pub fn idempotency_keys(&self) -> Vec<String> {
        self.shared.data().idempotency_keys.clone()
    }

    /// The most recent `Idempotency-Key` seen on an API POST.
    pub fn last_idempotency_key(&self) -> Option<String> {
        self.shared.data().idempotency_keys.last().cloned()
    }

    /// The topics of the Dwolla events recorded about a resource, oldest
    /// first: those whose resource, or whose customer, has this id or URL
    /// (a customer's include its documents' and beneficial owners').
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use dwolla_mock::emulator::Emulator;
    ///
    /// let emulator = Emulator::start().await?;
    /// // The preloaded customer existed before the emulator started.
    /// assert!(emulator.event_topics_about(Emulator::CUSTOMER_ID).is_empty());
    /// # Ok(()) }
    /// ```
    pub fn event_topics_about(&self, id_or_url: &str) -> Vec<String> {
        let id = id_or_url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let is = |href: &str| {
            href.rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(id))
        };
        self.shared
            .data()
            .events
            .all
            .iter()
            .filter(|e| is(&e.resource_href) || e.customer_href.as_deref().is_some_and(is))
            .map(|e| e.topic.clone())
            .collect()
    }

    // ----- webhooks and the clock -----------------------------------------

    /// The emulator's clock now, RFC 3339 in UTC (`2024-05-01T12:34:56.789Z`):
    /// the time new events, webhooks and attempts get. It started at the
    /// wall-clock time the emulator started, and runs
    /// [`webhook_time_scale`](EmulatorBuilder::webhook_time_scale) times
    /// faster, plus every [`advance_clock`](Self::advance_clock). Its first
    /// ten characters are the day for `startDate` and `endDate` filters
    /// (and `recover`).
    pub fn clock_now(&self) -> String {
        let data = self.shared.data();
        data.events.clock.rfc3339_at(data.events.clock.now())
    }

    /// Moves the emulator's clock forward by `by`: webhook retries that fall
    /// due meanwhile are sent at once, in order (advancing 72 hours plays a
    /// failing webhook's every retry), and the auto-pause rule sees the time
    /// gone by. The deterministic alternative to a fast clock.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use std::time::Duration;
    /// use dwolla_mock::emulator::Emulator;
    ///
    /// let emulator = Emulator::start().await?;
    /// let before = emulator.clock_now();
    /// emulator.advance_clock(Duration::from_secs(48 * 3600));
    /// assert!(emulator.clock_now()[..10] > before[..10]); // two days later
    /// # Ok(()) }
    /// ```
    pub fn advance_clock(&self, by: Duration) {
        let mut data = self.shared.data();
        data.events.clock.advance(by);
        data.events.wake.notify_one();
    }

    /// Waits until every webhook due now has been attempted and no attempt
    /// is in flight (each attempt recorded on `GET /webhooks/{id}`), up to
    /// `within`; false if that did not happen in time. Retries planned for
    /// later do not count: [`advance_clock`](Self::advance_clock) first to
    /// wait for them. What a test calls between an action and reading the
    /// attempts, instead of sleeping.
    pub async fn wait_for_webhooks(&self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        let mut progress = self.shared.data().webhooks.progress.subscribe();
        loop {
            if self.shared.data().webhooks_settled(&self.shared.base_url) {
                return true;
            }
            match tokio::time::timeout_at(deadline, progress.changed()).await {
                Ok(Ok(())) => {}
                _ => return false,
            }
        }
    }

    /// How many webhook delivery attempts were sent (or started) so far,
    /// scheduled and asked-for retries included.
    pub fn webhook_attempts(&self) -> u64 {
        self.shared.data().webhooks.attempts_sent
    }

    /// Plays a bank login change behind an exchange (by id or URL): Dwolla
    /// records a `customer_exchange_reauth_required` event (its resource the
    /// exchange, its customer the exchange's), delivered to every webhook
    /// subscription, and from then on the exchange answers 400
    /// `UpdateCredentials`, on `GET /exchanges/{id}` and when a funding
    /// source is created from it. The way out is Dwolla's: a re-auth session
    /// (`event.reauth_session()`), a new public token, a new exchange, a new
    /// funding source. Returns the event's id; `None` for an unknown
    /// exchange. Also served as `POST
    /// /_emulator/exchanges/{id}/reauth-required`.
    pub fn exchange_reauth_required(&self, exchange: &str) -> Option<String> {
        handlers::exchange_reauth_required(&self.shared, exchange).map(|(_, event)| event)
    }
}

/// Applies a fault to the shared state: the one place each [`Fault`] takes
/// effect, whether it came from a method, the command line or HTTP.
fn inject(shared: &Shared, fault: &Fault) {
    match *fault {
        Fault::FailNext { n, status } => shared.faults().fail.push(n, status),
        Fault::RateLimitNext {
            n,
            retry_after_secs,
        } => shared.faults().rate_limit.push(n, retry_after_secs),
        Fault::DelayNext { n, delay } => shared.faults().api_delay.push(n, delay),
        Fault::CloseNextMidResponse { n } => shared.faults().close_mid.push(n, ()),
        Fault::OversizedNext { n, bytes } => shared.faults().oversized.push(n, bytes),
        Fault::FailNextToken { n, status } => shared.faults().token_fail.push(n, status),
        Fault::DelayNextToken { n, delay } => shared.faults().token_delay.push(n, delay),
        Fault::TokenLifetime(lifetime) => shared.data().token_lifetime = lifetime,
        Fault::ExpireAllTokens => {
            let now = Instant::now();
            for expiry in shared.data().tokens.values_mut() {
                *expiry = Some(now);
            }
        }
        Fault::ClearFaults => shared.faults().clear(),
    }
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.shared.base_url)
            .field("client_id", &self.shared.config.client_id)
            .field("token_requests", &self.token_requests())
            .field("api_requests", &self.api_requests())
            .field("sessions_created", &self.sessions_created())
            .finish_non_exhaustive()
    }
}
