//! Events: what happened to a resource, as webhooks deliver it and `GET /events` lists it.
//!
//! (Being typed: issue 16.)
