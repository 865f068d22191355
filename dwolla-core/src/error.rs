//! Typed errors: what went wrong, with everything Dwolla said about it.
//!
//! [`Error`] is the one error type every operation and the client return. Its
//! variants separate the four places a call can fail: the caller's input
//! ([`InvalidInput`]), Dwolla's answer ([`ApiError`], [`UnexpectedResponse`]),
//! the token endpoint ([`TokenError`]) and the
//! network ([`TransportError`]).
//!
//! No error ever prints a client secret or an access token: request headers are
//! not kept, and token-endpoint bodies (which may hold a token) are redacted from
//! `Debug` and `Display`.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::lenient::ErrorDocument;
use crate::token::TokenError;
use crate::transport::TransportError;

/// Every failure of an operation or of the client.
///
/// Match on the variant, then (for [`Error::Api`]) on the [`ApiErrorKind`]:
///
/// ```
/// use dwolla_core::funding_sources::CreateCustomerFundingSource;
/// use dwolla_core::{ApiErrorKind, Client, Error, HttpTransport};
///
/// /// The funding source's URL: a new one, or the existing one for this bank account.
/// async fn bank_url<T: HttpTransport>(client: &Client<T>, op: CreateCustomerFundingSource) -> Result<String, Error> {
///     match client.customers().funding_sources().create(op).await {
///         Ok(created) => Ok(created.location().to_owned()),
///         Err(Error::Api(e)) if e.kind() == ApiErrorKind::DuplicateFundingSource => {
///             // Dwolla links the existing funding source.
///             e.about_href().map(str::to_owned).ok_or(Error::Api(e))
///         }
///         Err(Error::InvalidInput(i)) => {
///             eprintln!("fix `{}`: {}", i.field(), i.reason());
///             Err(Error::InvalidInput(i))
///         }
///         // Safe to run again later: the idempotency key makes a repeat harmless.
///         Err(e) if e.is_timeout() => Err(e),
///         Err(e) => Err(e),
///     }
/// }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input was rejected before any request existed.
    InvalidInput(InvalidInput),
    /// Dwolla answered with an error status (anything but 2xx).
    Api(ApiError),
    /// Dwolla answered 2xx, but not with something this SDK can use.
    UnexpectedResponse(UnexpectedResponse),
    /// The request could not be sent, or its response not received.
    Transport(TransportError),
    /// The OAuth token endpoint refused or garbled the token request.
    Token(TokenError),
}

impl Error {
    /// The API error, if Dwolla answered with an error status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The classified kind, if Dwolla answered with an error status.
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        self.api_error().map(ApiError::kind)
    }

    /// The HTTP status of the response behind this error, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::UnexpectedResponse(e) => Some(e.status()),
            Error::Token(e) => e.status(),
            _ => None,
        }
    }

    /// True when the call (or one attempt of it) ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(t) if t.is_timeout())
    }

    /// How many attempts were made before this error was returned (1 when the
    /// call was not retried; `None` for input errors, which make no attempt).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::InvalidInput(_) => None,
            Error::Api(e) => Some(e.0.attempts),
            Error::UnexpectedResponse(e) => Some(e.0.attempts),
            Error::Transport(e) => Some(e.attempts()),
            Error::Token(e) => Some(e.attempts()),
        }
    }

    /// The request this error answered, when the [`Client`](crate::Client)
    /// made it (API errors and unexpected responses).
    pub fn request(&self) -> Option<&RequestContext> {
        match self {
            Error::Api(e) => e.request(),
            Error::UnexpectedResponse(e) => e.request(),
            _ => None,
        }
    }

    /// Records the request an API error or unexpected response answered.
    pub(crate) fn with_request(mut self, context: impl FnOnce() -> RequestContext) -> Self {
        match &mut self {
            Error::Api(e) => e.0.request = Some(context()),
            Error::UnexpectedResponse(e) => e.0.request = Some(context()),
            _ => {}
        }
        self
    }

    /// Records how many attempts the client made (used by the retry loop).
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        match &mut self {
            Error::InvalidInput(_) => {}
            Error::Api(e) => e.0.attempts = attempts,
            Error::UnexpectedResponse(e) => e.0.attempts = attempts,
            Error::Transport(e) => e.set_attempts(attempts),
            Error::Token(e) => e.set_attempts(attempts),
        }
        self
    }

    /// An [`Error::InvalidInput`] for `field` (for code that validates its own
    /// configuration the way this crate does).
    pub fn invalid_input(field: &'static str, reason: impl Into<Cow<'static, str>>) -> Self {
        Self::invalid(field, reason)
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<Cow<'static, str>>) -> Self {
        Error::InvalidInput(InvalidInput {
            field,
            reason: reason.into(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(e) => e.fmt(f),
            Error::Api(e) => e.fmt(f),
            Error::UnexpectedResponse(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Token(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Token(e) => Some(e),
            _ => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl From<TokenError> for Error {
    fn from(e: TokenError) -> Self {
        Error::Token(e)
    }
}

/// The request an error answered: the operation, the method and the path
/// (ids included; never the host, the query or a header, which may carry
/// search terms or secrets). Set by the [`Client`](crate::Client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    operation: &'static str,
    method: http::Method,
    path: String,
}

impl RequestContext {
    pub(crate) fn new(operation: &'static str, method: http::Method, path: &str) -> Self {
        RequestContext {
            operation,
            method,
            path: path.to_owned(),
        }
    }
    /// The operation's name, e.g. `getCustomer`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The request method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }
    /// The request path, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({} {})",
            self.operation,
            self.method,
            OneLine(&self.path)
        )
    }
}

/// Input rejected before a request was built: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    field: &'static str,
    reason: Cow<'static, str>,
}

impl InvalidInput {
    /// The name of the rejected field, e.g. `customer_id` or `exchange_partner_href`.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// Why it was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid input: `{}` {}", self.field, self.reason)
    }
}

impl std::error::Error for InvalidInput {}

/// The classification of an [`ApiError`], for `match`ing on what to do next.
///
/// Dwolla's codes and messages are an open set and vary between the docs and
/// live traffic; this kind is derived from the status, `_embedded.errors[].path`
/// and the message, and the raw code and message stay available on the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400: `/_links/exchange-partner/href` is invalid.
    InvalidExchangePartner,
    /// 400: `/_links/redirect-url/href` is invalid.
    InvalidRedirectUrl,
    /// 400: the redirect URL does not exactly match one configured for the account.
    RedirectUrlNotConfigured,
    /// 403: the exchange partner does not support this product.
    ExchangePartnerUnsupported,
    /// 403: exchange sessions with this partner are not enabled for the account.
    ExchangePartnerNotEnabled,
    /// 404: the resource does not exist (or is not visible to this application).
    NotFound,
    /// 401: missing or invalid scopes (`InvalidScope` or `InvalidScopes`).
    InvalidScope,
    /// 401: the access token is not valid.
    InvalidAccessToken,
    /// 401: the access token has expired.
    ExpiredAccessToken,
    /// 401: the application credentials are not valid.
    InvalidCredentials,
    /// 401 with any other code (e.g. `InvalidAccountStatus`).
    Unauthorized,
    /// 403 for any other reason.
    Forbidden,
    /// 400: any other validation failure.
    Validation,
    /// 400 `UpdateCredentials`: the bank login changed; re-authenticate the exchange.
    UpdateCredentials,
    /// 400 or 401 `InvalidExchangeToken`: the *partner's* token (a Plaid
    /// public or processor token, an MX connection token) is expired or
    /// invalid. Get a new one from the partner; unlike
    /// [`InvalidAccessToken`](Self::InvalidAccessToken) this is not about the
    /// Dwolla access token, and the client neither refreshes nor retries it.
    InvalidExchangeToken,
    /// 400 (or 401) `InactiveExchange` / `InvalidExchange`: the exchange was
    /// removed or disabled. Start a new exchange session for the customer.
    InactiveExchange,
    /// 400: the bank account already is a funding source of this customer
    /// (`DuplicateResource` "Bank already exists: id=...", or the spec's
    /// `ValidationError` "Duplicate funding source..."). The existing funding
    /// source's URL is [`ApiError::about_href`] when Dwolla sends it.
    DuplicateFundingSource,
    /// 400: a customer with this email already exists (`Duplicate` on
    /// `/email`, or `DuplicateResource` about a customer). The existing
    /// customer's URL is [`ApiError::about_href`] when Dwolla sends it.
    DuplicateCustomer,
    /// 400 `DuplicateResource` "Document already exists.": this very file was
    /// uploaded for the customer or beneficial owner before (a new scan of
    /// the same document is accepted; the same file is not). The existing
    /// document's URL is [`ApiError::about_href`] when Dwolla sends one.
    DuplicateDocument,
    /// 400 `MaxNumberOfResources` / `maximumNumberOfResources`: a limit on how
    /// many of something may exist was reached (four pending documents, five
    /// webhook subscriptions, ...). Wait, or remove one first.
    MaxNumberOfResources,
    /// 403 (or 400) `InvalidResourceState`: the resource is not in a state
    /// that allows this (a document for a customer already verified, a label
    /// removed while it holds money, a bank already verified, a KBA session
    /// used or expired). Read the resource again before deciding.
    InvalidResourceState,
    /// 413 `fileTooLarge`: a document upload over 10 MiB.
    FileTooLarge,
    /// 400 `invalidFileType`: a document that is not a JPG, PNG (or, for a
    /// business, PDF) file.
    InvalidFileType,
    /// 400: the source funding source (a balance) does not hold enough money.
    InsufficientFunds,
    /// 400: the transfer can no longer be cancelled (its `cancel` link is
    /// gone: it is processed, failed or already cancelled).
    TransferNotCancellable,
    /// 400: the micro-deposit amounts given are not the ones deposited. A
    /// limited number of attempts remain (three in all).
    WrongMicroDepositAmounts,
    /// 403: too many attempts (wrong micro-deposit amounts three times): the
    /// funding source must be removed and added again.
    TooManyAttempts,
    /// 429 `TooManyRequests` "Concurrent transfers with the given funding
    /// source are not supported": wait a short while before the next transfer
    /// from it (the client retries it like any 429).
    ConcurrentTransfers,
    /// 403: the account's funds flow does not allow this (e.g. "requires the
    /// funds flow 'Facilitate' to be enabled"): ask Dwolla to enable it.
    FundsFlowNotEnabled,
    /// 409: an idempotent request with this key is still being processed.
    Conflict,
    /// 429: rate limited.
    RateLimited,
    /// 5xx.
    ServerError,
    /// Anything else.
    Other,
}

/// Dwolla answered with an error status.
///
/// Keeps the status, headers and raw body whatever their shape, so nothing
/// Dwolla said is lost even when the body is not JSON (an HTML 500 page, say).
///
/// ```
/// use dwolla_core::bytes::Bytes;
/// use dwolla_core::{ApiError, ApiErrorKind};
///
/// let response = dwolla_core::http::Response::builder()
///     .status(400)
///     .header("x-request-id", "4b7d1b0e-2c50-4c1a-9d5a-2f3c4e5a6b7c")
///     .body(Bytes::from_static(br#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Duplicate","message":"A customer with the specified email already exists.","path":"/email","_links":{"about":{"href":"https://api-sandbox.dwolla.com/customers/a1"}}}]}}"#))
///     .unwrap();
/// let e = ApiError::from_response(response);
/// assert_eq!(e.kind(), ApiErrorKind::DuplicateCustomer);
/// assert_eq!(e.status(), 400);
/// assert_eq!(e.code(), Some("ValidationError"));
/// assert_eq!(e.errors()[0].path(), Some("/email"));
/// // Quote this to Dwolla support.
/// assert_eq!(e.request_id(), Some("4b7d1b0e-2c50-4c1a-9d5a-2f3c4e5a6b7c"));
/// ```
#[derive(Clone)]
pub struct ApiError(Box<ApiErrorInner>);

#[derive(Clone)]
struct ApiErrorInner {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    code: Option<String>,
    message: Option<String>,
    errors: Vec<ErrorDetail>,
    about: Option<String>,
    kind: ApiErrorKind,
    attempts: u32,
    request: Option<RequestContext>,
}

/// One item of `_embedded.errors[]`: a validation failure of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    code: Option<String>,
    message: Option<String>,
    path: Option<String>,
}

impl ErrorDetail {
    /// The item's code, e.g. `Required` or `Invalid`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The item's message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The JSON pointer of the offending field, e.g. `/_links/exchange-partner/href`.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl ApiError {
    /// Builds the error from a non-2xx response. Never fails: a body that is not
    /// JSON, or JSON of another shape, still yields an error with the raw body.
    pub fn from_response(response: http::Response<Bytes>) -> Self {
        let (parts, body) = response.into_parts();
        Self::from_parts(parts.status, parts.headers, body)
    }

    pub(crate) fn from_parts(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        // The Content-Type is not trusted: Dwolla sends parameters and other
        // media types on errors, and CDNs send HTML. Try JSON whenever the body
        // looks like an object, and read each field on its own, so one oddly
        // shaped field (an `about` without `href`, `errors: null`) does not
        // hide the others.
        let doc = ErrorDocument::parse(&body).unwrap_or_default();
        let code = doc.code.0;
        let message = doc.message.0;
        // The top-level `_links.about`, else the first one an embedded error
        // carries: a duplicate customer's points at the existing customer
        // from inside `_embedded.errors[]`.
        let mut about = doc.links.0.and_then(|l| l.about.into_href());
        let errors: Vec<ErrorDetail> = doc
            .embedded
            .0
            .map(|e| e.errors.0)
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                if about.is_none() {
                    about = d.links.0.and_then(|l| l.about.into_href());
                }
                ErrorDetail {
                    code: d.code.0,
                    message: d.message.0,
                    path: d.path.0,
                }
            })
            .collect();
        let kind = classify(
            status,
            code.as_deref(),
            message.as_deref(),
            &errors,
            about.as_deref(),
        );
        ApiError(Box::new(ApiErrorInner {
            status,
            headers,
            body,
            code,
            message,
            errors,
            about,
            kind,
            attempts: 1,
            request: None,
        }))
    }

    /// The same error, classified as `kind`: for an operation that knows
    /// what a generic body means for it (a `/status` `NotAllowed` answered to
    /// a transfer cancellation means the transfer can no longer be
    /// cancelled; the same body from another endpoint does not).
    pub(crate) fn with_kind(mut self, kind: ApiErrorKind) -> Self {
        self.0.kind = kind;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }
    /// Dwolla's top-level `code` (e.g. `ValidationError`), if the body had one.
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// Dwolla's top-level `message`, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    /// The `_embedded.errors[]` items (empty when there are none).
    pub fn errors(&self) -> &[ErrorDetail] {
        &self.0.errors
    }
    /// The classification of this error.
    pub fn kind(&self) -> ApiErrorKind {
        self.0.kind
    }
    /// `X-Request-ID`: quote it to Dwolla support.
    pub fn request_id(&self) -> Option<&str> {
        self.0
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }
    /// `Retry-After`, in seconds or as an HTTP date, when Dwolla sent one.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        RetryAfter::from_headers(&self.0.headers)
    }
    /// The `_links.about.href` of the body, if any, or else that of the
    /// first `_embedded.errors[]` item that has one. For
    /// [`ApiErrorKind::UpdateCredentials`] this is the re-authentication
    /// exchange-sessions URL; for [`ApiErrorKind::DuplicateCustomer`] the
    /// existing customer.
    pub fn about_href(&self) -> Option<&str> {
        self.0.about.as_deref()
    }
    /// The raw response body, exactly as received.
    pub fn body(&self) -> &Bytes {
        &self.0.body
    }
    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }
    /// How many attempts the client made before giving up (1 without retries).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
    /// The request this answered (operation, method, path), when the
    /// [`Client`](crate::Client) made it.
    pub fn request(&self) -> Option<&RequestContext> {
        self.0.request.as_ref()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.0.status)
            .field("kind", &self.0.kind)
            .field("code", &self.0.code)
            .field("message", &self.0.message)
            .field("errors", &self.0.errors)
            .field("request_id", &self.request_id())
            .field("body_len", &self.0.body.len())
            .field("attempts", &self.0.attempts)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Dwolla API error: ")?;
        if let Some(request) = &self.0.request {
            write!(f, "{request}: ")?;
        }
        write!(
            f,
            "status {}, code {}, message {}, kind {:?}, request id {}",
            self.0.status.as_u16(),
            OneLine(self.0.code.as_deref().unwrap_or("-")),
            OneLine(self.0.message.as_deref().unwrap_or_else(|| {
                if self.0.body.is_empty() {
                    "(empty body)"
                } else {
                    "(body is not a Dwolla error document)"
                }
            })),
            self.0.kind,
            OneLine(self.request_id().unwrap_or("-")),
        )?;
        if self.0.attempts > 1 {
            write!(f, ", after {} attempts", self.0.attempts)?;
        }
        write_via(f, &self.0.headers)
    }
}

impl std::error::Error for ApiError {}

/// Dwolla answered 2xx, but not with something this SDK can use (for example a
/// 201 without a usable `Location`, or a 200 whose JSON is not the resource).
#[derive(Clone)]
pub struct UnexpectedResponse(Box<UnexpectedResponseInner>);

#[derive(Clone)]
struct UnexpectedResponseInner {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    reason: Cow<'static, str>,
    attempts: u32,
    request: Option<RequestContext>,
}

impl UnexpectedResponse {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        UnexpectedResponse(Box::new(UnexpectedResponseInner {
            status,
            headers,
            body,
            reason: reason.into(),
            attempts: 1,
            request: None,
        }))
    }
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }
    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }
    /// The raw body, exactly as received.
    pub fn body(&self) -> &Bytes {
        &self.0.body
    }
    /// What was wrong with the response.
    pub fn reason(&self) -> &str {
        &self.0.reason
    }
    /// `X-Request-ID`, if present.
    pub fn request_id(&self) -> Option<&str> {
        self.0
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }
    /// The request this answered (operation, method, path), when the
    /// [`Client`](crate::Client) made it.
    pub fn request(&self) -> Option<&RequestContext> {
        self.0.request.as_ref()
    }
}

impl fmt::Debug for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedResponse")
            .field("status", &self.0.status)
            .field("reason", &self.0.reason)
            .field("request_id", &self.request_id())
            .field("body_len", &self.0.body.len())
            .finish()
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unexpected Dwolla response: ")?;
        if let Some(request) = &self.0.request {
            write!(f, "{request}: ")?;
        }
        write!(
            f,
            "status {}, {}, request id {}",
            self.0.status.as_u16(),
            OneLine(&self.0.reason),
            OneLine(self.request_id().unwrap_or("-"))
        )?;
        if self.0.attempts > 1 {
            write!(f, ", after {} attempts", self.0.attempts)?;
        }
        write_via(f, &self.0.headers)
    }
}

/// `, via ...` when the response passed an intermediary that said so in a
/// `Via` header (a test transport names the queued response it replayed).
fn write_via(f: &mut fmt::Formatter<'_>, headers: &HeaderMap) -> fmt::Result {
    match headers.get(http::header::VIA).and_then(|v| v.to_str().ok()) {
        Some(via) => write!(f, ", via {}", OneLine(via)),
        None => Ok(()),
    }
}

impl std::error::Error for UnexpectedResponse {}

/// A `Retry-After` header: a delay in seconds or an HTTP date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: <seconds>`.
    Delay(Duration),
    /// `Retry-After: <HTTP-date>`.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads `Retry-After` from headers; `None` when absent or unreadable.
    pub fn from_headers(headers: &HeaderMap) -> Option<RetryAfter> {
        let value = headers
            .get(http::header::RETRY_AFTER)?
            .to_str()
            .ok()?
            .trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::At)
    }

    /// The delay this asks for, measured from `now` (zero for a date in the past).
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match *self {
            RetryAfter::Delay(d) => d,
            RetryAfter::At(t) => t.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// Lower-cases and drops surrounding white space and a trailing period, so that
/// "The requested resource was not found." and "the requested resource was not
/// found" compare equal.
fn normalize(s: &str) -> String {
    s.trim()
        .trim_end_matches('.')
        .trim_end()
        .to_ascii_lowercase()
}

const PARTNER_PATH: &str = "/_links/exchange-partner/href";
const REDIRECT_PATH: &str = "/_links/redirect-url/href";

fn classify(
    status: StatusCode,
    code: Option<&str>,
    message: Option<&str>,
    errors: &[ErrorDetail],
    about: Option<&str>,
) -> ApiErrorKind {
    let code_is = |c: &str| code.is_some_and(|x| x.eq_ignore_ascii_case(c));
    let any_code_is = |c: &str| {
        code_is(c)
            || errors
                .iter()
                .any(|e| e.code().is_some_and(|x| x.eq_ignore_ascii_case(c)))
    };
    // Every message, top-level and embedded, normalized once.
    let messages: Vec<String> = message
        .into_iter()
        .chain(errors.iter().filter_map(ErrorDetail::message))
        .map(normalize)
        .collect();
    let any_message = |pred: &dyn Fn(&str) -> bool| messages.iter().any(|m| pred(m));

    match status.as_u16() {
        429 if any_message(&|m| m.starts_with("concurrent transfers")) => {
            ApiErrorKind::ConcurrentTransfers
        }
        429 => ApiErrorKind::RateLimited,
        413 => ApiErrorKind::FileTooLarge,
        500..=599 => ApiErrorKind::ServerError,
        404 => ApiErrorKind::NotFound,
        409 => ApiErrorKind::Conflict,
        401 => {
            if any_code_is("ExpiredAccessToken") {
                ApiErrorKind::ExpiredAccessToken
            } else if any_code_is("InvalidAccessToken") {
                ApiErrorKind::InvalidAccessToken
            } else if any_code_is("InvalidExchangeToken") {
                // The partner's token: never confused with the access token,
                // so the client does not refresh or retry on it.
                ApiErrorKind::InvalidExchangeToken
            } else if any_code_is("InactiveExchange") || any_code_is("InvalidExchange") {
                // The spec documents this body under a 401 of create exchange.
                ApiErrorKind::InactiveExchange
            } else if any_code_is("InvalidScope") || any_code_is("InvalidScopes") {
                ApiErrorKind::InvalidScope
            } else if any_code_is("InvalidCredentials") {
                ApiErrorKind::InvalidCredentials
            } else {
                ApiErrorKind::Unauthorized
            }
        }
        403 => {
            // Dwolla answers too many micro-deposit attempts with code
            // `InvalidResourceState`: the message is the more specific of the two.
            if any_message(&|m| m.starts_with("too many attempts")) {
                ApiErrorKind::TooManyAttempts
            } else if any_code_is("InvalidResourceState") {
                ApiErrorKind::InvalidResourceState
            } else if any_message(&|m| m.contains("funds flow")) {
                ApiErrorKind::FundsFlowNotEnabled
            } else if any_message(&|m| m.contains("does not support this product")) {
                ApiErrorKind::ExchangePartnerUnsupported
            } else if any_message(&|m| m.contains("not enabled for your account")) {
                ApiErrorKind::ExchangePartnerNotEnabled
            } else {
                ApiErrorKind::Forbidden
            }
        }
        400 => {
            let path_is = |p: &str| {
                errors
                    .iter()
                    .any(|e| e.path().is_some_and(|x| x.trim().eq_ignore_ascii_case(p)))
            };
            if any_code_is("UpdateCredentials") {
                ApiErrorKind::UpdateCredentials
            } else if any_code_is("InvalidExchangeToken") {
                ApiErrorKind::InvalidExchangeToken
            } else if any_code_is("InactiveExchange") || any_code_is("InvalidExchange") {
                ApiErrorKind::InactiveExchange
            } else if is_duplicate_funding_source(&any_code_is, &messages, about) {
                ApiErrorKind::DuplicateFundingSource
            } else if is_duplicate_customer(&any_code_is, errors, &messages, about) {
                ApiErrorKind::DuplicateCustomer
            } else if is_duplicate_document(&any_code_is, &messages, about) {
                ApiErrorKind::DuplicateDocument
            } else if any_code_is("MaxNumberOfResources") || any_code_is("maximumNumberOfResources")
            {
                ApiErrorKind::MaxNumberOfResources
            } else if any_code_is("InvalidResourceState") {
                ApiErrorKind::InvalidResourceState
            } else if any_code_is("fileTooLarge") {
                ApiErrorKind::FileTooLarge
            } else if any_code_is("invalidFileType") {
                ApiErrorKind::InvalidFileType
            } else if any_code_is("InsufficientFunds")
                || any_message(&|m| m.contains("insufficient funds"))
            {
                ApiErrorKind::InsufficientFunds
            } else if any_message(&|m| m.contains("cannot be cancelled")) {
                ApiErrorKind::TransferNotCancellable
            } else if any_message(&|m| m.starts_with("wrong amount")) {
                ApiErrorKind::WrongMicroDepositAmounts
            } else if any_message(&|m| m.contains("must exactly match one of the configured urls"))
            {
                // Checked before paths: live traffic may put this message on the
                // redirect-url path, and it is the more specific of the two.
                ApiErrorKind::RedirectUrlNotConfigured
            } else if path_is(PARTNER_PATH) {
                ApiErrorKind::InvalidExchangePartner
            } else if path_is(REDIRECT_PATH) {
                ApiErrorKind::InvalidRedirectUrl
            } else if any_message(&|m| m.starts_with(PARTNER_PATH)) {
                ApiErrorKind::InvalidExchangePartner
            } else if any_message(&|m| m.starts_with(REDIRECT_PATH)) {
                ApiErrorKind::InvalidRedirectUrl
            } else {
                ApiErrorKind::Validation
            }
        }
        _ => ApiErrorKind::Other,
    }
}

/// `DuplicateResource` is Dwolla's code for any duplicate (customers and
/// documents too), so it is a duplicate *funding source* only when the
/// message says a bank exists or the `about` link is a funding source; the
/// spec's `ValidationError` form says so in its message.
fn is_duplicate_funding_source(
    any_code_is: &dyn Fn(&str) -> bool,
    normalized_messages: &[String],
    about: Option<&str>,
) -> bool {
    let any_message_starts = |p: &str| normalized_messages.iter().any(|m| m.starts_with(p));
    let about_is_funding_source = about.is_some_and(|a| a.contains("/funding-sources/"));
    (any_code_is("DuplicateResource")
        && (about_is_funding_source || any_message_starts("bank already exists")))
        || any_message_starts("duplicate funding source")
}

/// A duplicate customer: `Duplicate` on `/email` (the documented form), a
/// message saying a customer with this email exists, or `DuplicateResource`
/// whose `about` link is a customer.
fn is_duplicate_customer(
    any_code_is: &dyn Fn(&str) -> bool,
    errors: &[ErrorDetail],
    normalized_messages: &[String],
    about: Option<&str>,
) -> bool {
    let duplicate_email = errors.iter().any(|e| {
        e.code()
            .is_some_and(|c| c.eq_ignore_ascii_case("Duplicate"))
            && e.path()
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("/email"))
    });
    duplicate_email
        || normalized_messages
            .iter()
            .any(|m| m.contains("customer with the specified email already exists"))
        || (any_code_is("DuplicateResource") && about.is_some_and(|a| a.contains("/customers/")))
}

/// A duplicate document: `DuplicateResource` whose message says a document
/// exists or whose `about` link is a document.
fn is_duplicate_document(
    any_code_is: &dyn Fn(&str) -> bool,
    normalized_messages: &[String],
    about: Option<&str>,
) -> bool {
    any_code_is("DuplicateResource")
        && (about.is_some_and(|a| a.contains("/documents/"))
            || normalized_messages
                .iter()
                .any(|m| m.starts_with("document already exists")))
}

/// Writes text on one line: control characters become spaces and long text is
/// cut, so an error never spans lines in a log.
pub(crate) struct OneLine<'a>(pub(crate) &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 300;
        for (n, c) in self.0.chars().enumerate() {
            if n == MAX {
                return f.write_str("…");
            }
            if c.is_control() {
                f.write_str(" ")?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, ct: Option<&str>, body: &str) -> ApiError {
        let mut b = http::Response::builder().status(status);
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        ApiError::from_response(b.body(Bytes::from(body.to_owned())).unwrap())
    }

    #[test]
    fn classifies_by_path_before_message() {
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Invalid","message":"Invalid parameter.","path":"/_links/exchange-partner/href","_links":{}}]}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
        assert_eq!(e.errors()[0].path(), Some(PARTNER_PATH));
        assert_eq!(e.errors()[0].code(), Some("Invalid"));
    }

    #[test]
    fn classifies_by_message_case_and_period_insensitive() {
        let e = err(
            403,
            Some("text/plain"),
            r#"{"code":"forbidden","message":"EXCHANGE SESSIONS WITH THIS EXCHANGE PARTNER ARE NOT ENABLED FOR YOUR ACCOUNT."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::ExchangePartnerNotEnabled);
    }

    #[test]
    fn html_500_keeps_body() {
        let e = err(500, Some("text/html"), "<html>\n<h1>502</h1></html>");
        assert_eq!(e.kind(), ApiErrorKind::ServerError);
        assert_eq!(e.code(), None);
        assert_eq!(&e.body()[..], b"<html>\n<h1>502</h1></html>");
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn display_is_one_line_with_everything() {
        let r = http::Response::builder()
            .status(404)
            .header("x-request-id", "req-1")
            .body(Bytes::from_static(
                br#"{"code":"NotFound","message":"The requested\nresource was not found."}"#,
            ))
            .unwrap();
        let s = ApiError::from_response(r).to_string();
        assert_eq!(
            s,
            "Dwolla API error: status 404, code NotFound, message The requested resource was not found., kind NotFound, request id req-1"
        );
    }

    #[test]
    fn retry_after_seconds_and_date() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "7".parse().unwrap());
        assert_eq!(
            RetryAfter::from_headers(&h),
            Some(RetryAfter::Delay(Duration::from_secs(7)))
        );
        h.insert(
            "retry-after",
            "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap(),
        );
        let at = RetryAfter::from_headers(&h).unwrap();
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(at, RetryAfter::At(t));
        assert_eq!(
            at.delay_from(t - Duration::from_secs(5)),
            Duration::from_secs(5)
        );
        assert_eq!(at.delay_from(t + Duration::from_secs(5)), Duration::ZERO);
        h.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(RetryAfter::from_headers(&h), None);
    }

    #[test]
    fn one_odd_field_does_not_hide_the_others() {
        let e = err(
            400,
            None,
            r#"{"code":"UpdateCredentials","message":"m","_links":{"about":{"type":"x"}}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
        assert_eq!(e.about_href(), None);
        let e = err(
            403,
            None,
            r#"{"code":"forbidden","message":"The exchange partner specified does not support this product","_embedded":{"errors":null}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::ExchangePartnerUnsupported);
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","_embedded":{"errors":[{"message":5,"path":"/_links/exchange-partner/href"},"junk"]}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::InvalidExchangePartner);
        let e = err(
            401,
            None,
            r#"{"code":"InvalidScope","message":{"text":"x"}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::InvalidScope);
        assert_eq!(e.message(), None);
        let e = err(
            404,
            None,
            "\u{feff}{\"code\":\"NotFound\",\"message\":\"gone\"}",
        );
        assert_eq!(e.code(), Some("NotFound"));
    }

    #[test]
    fn kinds_read_from_the_message_or_code_under_any_status() {
        // A refused cancel named only by its message.
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"Transfer cannot be cancelled."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::TransferNotCancellable);
        // A file too large, as a 400 (413 is classified by its status).
        let e = err(
            400,
            None,
            r#"{"code":"fileTooLarge","message":"File size is too large."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::FileTooLarge);
        let e = err(
            400,
            None,
            r#"{"code":"invalidFileType","message":"File type is not supported."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::InvalidFileType);
    }

    #[test]
    fn micro_deposit_verification_errors() {
        // Dwolla's documented bodies (api-reference/funding-sources/verify-micro-deposits):
        // both 403s carry `InvalidResourceState`; only the message tells them apart.
        let e = err(
            403,
            None,
            r#"{"code":"InvalidResourceState","message":"Too many attempts."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::TooManyAttempts);
        let e = err(
            403,
            None,
            r#"{"code":"InvalidResourceState","message":"Bank already verified."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::InvalidResourceState);
        // Wrong amounts: the message at the top or in `_embedded.errors`.
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"Validation error(s) present. See embedded errors list for more details.","_embedded":{"errors":[{"code":"Invalid","message":"Wrong amount(s).","path":"","_links":{}}]}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::WrongMicroDepositAmounts);
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"Wrong amount(s)."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::WrongMicroDepositAmounts);
    }

    #[test]
    fn duplicate_document_is_told_apart() {
        // As Dwolla answers a second upload of the same file (its `about`
        // href may be empty).
        let e = err(
            400,
            None,
            r#"{"code":"DuplicateResource","message":"Document already exists.","_links":{"about":{"href":"","type":"application/vnd.dwolla.v1.hal+json","resource-type":"document"}}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::DuplicateDocument);
        let e = err(
            400,
            None,
            r#"{"code":"DuplicateResource","message":"Duplicate.","_links":{"about":{"href":"https://api.dwolla.com/documents/d1"}}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::DuplicateDocument);
        assert_eq!(e.about_href(), Some("https://api.dwolla.com/documents/d1"));
        // Not every DuplicateResource is a document.
        let e = err(
            400,
            None,
            r#"{"code":"DuplicateResource","message":"Bank already exists: id=x"}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::DuplicateFundingSource);
        let e = err(
            400,
            None,
            r#"{"code":"Invalid","message":"Document already exists."}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::Validation);
    }

    #[test]
    fn update_credentials_exposes_about() {
        let e = err(
            400,
            None,
            r#"{"code":"UpdateCredentials","message":"The bank login changed.","_links":{"about":{"href":"https://api.dwolla.com/exchanges/e1/exchange-sessions"}}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::UpdateCredentials);
        assert_eq!(
            e.about_href(),
            Some("https://api.dwolla.com/exchanges/e1/exchange-sessions")
        );
    }

    #[test]
    fn about_comes_from_an_embedded_error_when_not_at_top_level() {
        // The documented duplicate customer: the link is on the error item.
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Required","message":"x","path":"/firstName","_links":{}},{"code":"Duplicate","message":"A customer with the specified email already exists.","path":"/email","_links":{"about":{"href":"https://api.dwolla.com/customers/c1"}}}]}}"#,
        );
        assert_eq!(e.kind(), ApiErrorKind::DuplicateCustomer);
        assert_eq!(e.about_href(), Some("https://api.dwolla.com/customers/c1"));
        // A top-level link wins over an embedded one.
        let e = err(
            400,
            None,
            r#"{"code":"X","message":"m","_links":{"about":{"href":"https://a/top"}},"_embedded":{"errors":[{"_links":{"about":{"href":"https://a/inner"}}}]}}"#,
        );
        assert_eq!(e.about_href(), Some("https://a/top"));
        // An odd `_links` on an item does not hide the item.
        let e = err(
            400,
            None,
            r#"{"code":"ValidationError","message":"m","_embedded":{"errors":[{"code":"Invalid","path":"/email","_links":[1]}]}}"#,
        );
        assert_eq!(e.errors()[0].path(), Some("/email"));
        assert_eq!(e.about_href(), None);
    }
}
