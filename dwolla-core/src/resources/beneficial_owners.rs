//! Beneficial owners of a business verified customer, and the certification of beneficial ownership.
//!
//! (Being typed: issue 14.)
