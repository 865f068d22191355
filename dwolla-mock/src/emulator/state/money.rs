//! Funding sources beyond exchanges, balances, micro-deposits, transfers,
//! mass payments and labels (issue 15: being written).

/// Money state.
#[derive(Debug, Default)]
pub(crate) struct MoneyState {}
