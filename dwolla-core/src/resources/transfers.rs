//! Transfers: moving money between funding sources, with fees, clearing and failure reasons.
//!
//! (Being typed: issue 15.)
