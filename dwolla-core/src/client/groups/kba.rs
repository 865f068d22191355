//! Grouped calls of [`crate::kba`] (being typed).
