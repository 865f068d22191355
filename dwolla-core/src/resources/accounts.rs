//! Accounts: the application's own Dwolla account, its funding sources, transfers and mass payments.
//!
//! (Being typed: issue 15.)
