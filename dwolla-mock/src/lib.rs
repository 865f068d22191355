//! Test doubles for the Dwolla SDK.
#![deny(missing_docs)]

#[cfg(feature = "emulator")]
pub mod emulator;
