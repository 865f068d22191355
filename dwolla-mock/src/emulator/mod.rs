//! The local Dwolla emulator.
