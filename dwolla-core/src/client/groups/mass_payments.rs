//! Grouped calls of [`crate::mass_payments`] (being typed).
