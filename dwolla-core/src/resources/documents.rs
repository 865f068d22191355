//! Documents: identity and business documents uploaded for verification (`multipart/form-data`).
//!
//! (Being typed: issue 14.)
