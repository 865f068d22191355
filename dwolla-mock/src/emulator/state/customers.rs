//! Customers the emulator knows (issue 14: being written).

/// Customers and what belongs to them.
#[derive(Debug, Default)]
pub(crate) struct CustomersState {}
