//! `customers.kba.*` and `kba.*`.

use super::Customers;
use crate::kba::{
    InitiateKba, KbaCreated, KbaQuestions, KbaVerification, RetrieveKbaQuestions, VerifyKba,
};
use crate::transport::HttpTransport;
use crate::Client;

impl<T: HttpTransport> Client<T> {
    /// `kba.*` operations.
    pub fn kba(&self) -> Kba<'_, T> {
        Kba { client: self }
    }
}

impl<'a, T: HttpTransport> Customers<'a, T> {
    /// `customers.kba.*`.
    pub fn kba(&self) -> CustomerKba<'a, T> {
        CustomerKba {
            client: self.client,
        }
    }
}

group!(
    /// `customers.kba.*` operations.
    CustomerKba
);

impl<T: HttpTransport> CustomerKba<'_, T> {
    calls! {
        /// Initiate a KBA session (`POST /customers/{id}/kba`).
        fn initiate / initiate_with
            (customer_id: impl Into<String>) -> KbaCreated = InitiateKba::new(customer_id);
    }
}

group!(
    /// `kba.*` operations. Retrieving the questions starts the customer's two
    /// minutes; the answers are a single attempt (see [`crate::kba`]).
    Kba
);

impl<T: HttpTransport> Kba<'_, T> {
    calls! {
        /// Retrieve a KBA session's questions (`GET /kba/{id}`), by id or URL.
        fn get_questions / get_questions_with
            (id_or_url: impl Into<String>) -> KbaQuestions = RetrieveKbaQuestions::new(id_or_url);
        /// Send the answers (`POST /kba/{id}`): once only.
        fn verify / verify_with (request: VerifyKba) -> KbaVerification = request;
    }
}
