//! Sandbox simulations: processing bank transfers on demand (sandbox only).
//!
//! (Being typed: issue 15.)
