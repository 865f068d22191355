//! Cross-crate integration tests live in `tests/`.
//!
//! This crate's documentation is the workspace README, so `cargo test` compiles
//! and runs every Rust snippet in it: a README snippet that breaks is a red CI.

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
