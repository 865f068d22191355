//! Knowledge-based authentication: questions a personal verified customer in `kba` status answers.
//!
//! (Being typed: issue 14.)
