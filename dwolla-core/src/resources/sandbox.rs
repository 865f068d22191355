//! Sandbox simulations: processing bank transfers on demand (sandbox only).
//!
//! - [`SimulateBankTransferProcessing`]: `POST /sandbox-simulations`
//!
//! In the sandbox a bank transfer stays `pending` until this is called: each
//! call processes (or, for a funding source named after an ACH return code
//! such as `R01`, fails) the last 500 bank transfers of the application,
//! micro-deposits included, and sends their webhooks. A bank-to-bank
//! transfer is a debit into Dwolla and a credit out of it: **call twice** to
//! settle both. (`R01-late` / `R03-late` failures need two calls too.)

use bytes::Bytes;
use http::Method;

use crate::environment::Environment;
use crate::error::Error;
use crate::model::model;
use crate::operation::Operation;
use crate::request::{hal_request, optional_idempotency_key, request_uri};
use crate::response;
use crate::token::AccessToken;

/// `POST /sandbox-simulations` with an empty JSON object: processes the last
/// 500 bank transfers in the sandbox; answers how many
/// ([`SandboxSimulation::total`]).
///
/// ```
/// use dwolla_core::sandbox::SimulateBankTransferProcessing;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = SimulateBankTransferProcessing::new();
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/sandbox-simulations");
/// assert_eq!(request.body().as_ref(), b"{}");
///
/// // There is nothing to simulate in production: refused before any request.
/// let err = op.build_request(&Environment::Production, &AccessToken::new("token")).unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "environment"));
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`Forbidden`](crate::ApiErrorKind::Forbidden) ("Not
/// authorized to simulate transfer processing.": not the sandbox),
/// [`InvalidAccessToken`](crate::ApiErrorKind::InvalidAccessToken).
///
/// Dwolla's archived virtual-account-number guide also posts
/// `{"type":"virtual","transfers":[...]}` here; the spec declares no such
/// body, so it is not modelled (a [`HalRequest`](crate::hal::HalRequest)
/// sends it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimulateBankTransferProcessing {
    idempotency_key: Option<String>,
}

impl SimulateBankTransferProcessing {
    /// The operation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends this `Idempotency-Key` (a replay within 24 h answers the first
    /// simulation's result instead of processing again). The
    /// [`Client`](crate::Client) generates one per call when none is set, so
    /// two calls are two simulations.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for SimulateBankTransferProcessing {
    type Output = SandboxSimulation;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        if *env == Environment::Production {
            return Err(Error::invalid(
                "environment",
                "sandbox simulations exist only in the sandbox (or a local emulator)",
            ));
        }
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/sandbox-simulations"])?;
        hal_request(
            Method::POST,
            uri,
            token,
            Some(Bytes::from_static(b"{}")),
            key.as_ref(),
        )
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<SandboxSimulation, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "simulateBankTransferProcessing"
    }
}

model! {
    /// What a simulation did.
    pub struct SandboxSimulation (WireSandboxSimulation) {
        /// `total`: how many bank transfers it processed or failed.
        total: count = "total",
    }
}
