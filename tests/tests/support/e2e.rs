//! What the `e2e*` binaries share: a client of the emulator over real HTTP,
//! and the kind of the API error a call returned.

use dwolla_core::{ApiErrorKind, Error};
use dwolla_hyper::HyperClient;
use dwolla_mock::emulator::Emulator;

/// A hyper client of `emulator` (its environment and credentials).
pub fn client(emulator: &Emulator) -> HyperClient {
    dwolla_hyper::client(emulator.environment(), emulator.credentials()).expect("client")
}

/// The kind of the API error `e`; panics on any other error.
pub fn kind(e: &Error) -> ApiErrorKind {
    e.api_kind()
        .unwrap_or_else(|| panic!("expected an API error, got {e:?}"))
}
