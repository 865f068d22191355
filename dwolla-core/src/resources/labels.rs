//! Labels: designated parts of a verified customer's balance, their ledger entries and reallocations.
//!
//! (Being typed: issue 15.)
