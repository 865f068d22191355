//! `sandboxSimulations.*`.

use crate::sandbox::{SandboxSimulation, SimulateBankTransferProcessing};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `sandboxSimulations.*` operations (sandbox only).
    pub fn sandbox(&self) -> Sandbox<'_, T> {
        Sandbox { client: self }
    }
}

group!(
    /// `sandboxSimulations.*` operations.
    Sandbox
);

impl<T: HttpTransport> Sandbox<'_, T> {
    calls! {
        /// Simulate bank transfer processing (`POST /sandbox-simulations`):
        /// processes the last 500 bank transfers. Call it twice for a
        /// bank-to-bank transfer (the debit, then the credit).
        fn simulate_bank_transfer_processing / simulate_bank_transfer_processing_with
            () -> SandboxSimulation = SimulateBankTransferProcessing::new();
    }
}
