//! Beneficial owners, documents and KBA sessions (issue 14: being written).

/// Verification state.
#[derive(Debug, Default)]
pub(crate) struct VerificationState {}
