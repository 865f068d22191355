//! The customers family's routes (being written).

use super::respond::Resp;
use super::Call;

/// Answers the paths this family serves; `None` for the others.
pub(crate) fn route(_call: &Call<'_>) -> Option<Resp> {
    None
}
