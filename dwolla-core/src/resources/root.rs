//! The API root: the links the application's account can follow.
//!
//! (Being typed: issue 15.)
