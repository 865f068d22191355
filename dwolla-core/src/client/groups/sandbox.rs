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
    /// `sandboxSimulations.*` operations (sandbox only): bank transfers stay
    /// `pending` until this processes them (see [`crate::sandbox`]).
    ///
    /// ```
    /// use dwolla_core::transfers::InitiateTransfer;
    /// use dwolla_core::{Amount, Client, Error, HttpTransport};
    ///
    /// async fn bank_to_bank<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     from: &str,
    ///     to: &str,
    /// ) -> Result<(), Error> {
    ///     let created =
    ///         client.transfers().create(InitiateTransfer::new(from, to, Amount::usd("10.00")?)).await?;
    ///     // The debit into Dwolla, then the credit out of it.
    ///     for _ in 0..2 {
    ///         let simulation = client.sandbox().simulate_bank_transfer_processing().await?;
    ///         println!("{:?} transfers processed", simulation.total());
    ///     }
    ///     println!("{}", client.transfers().get(created.location()).await?.status()); // processed
    ///     Ok(())
    /// }
    /// ```
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
