//! Client tokens: short-lived tokens for Dwolla's front-end libraries (drop-in components).
//!
//! (Being typed: issue 15.)
