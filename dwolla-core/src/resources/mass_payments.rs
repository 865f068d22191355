//! Mass payments: up to 5,000 payments from one source in one request.
//!
//! (Being typed: issue 15.)
