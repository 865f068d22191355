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
    /// `customers.kba.*` operations: start a KBA session for a personal verified
    /// customer in `kba` status (the flow and its limits: [`crate::kba`]).
    ///
    /// ```
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// async fn start_kba<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    /// ) -> Result<String, Error> {
    ///     let created = client.customers().kba().initiate(customer_id).await?;
    ///     // Fetch the questions only when the customer is there to answer them.
    ///     Ok(created.location().to_owned())
    /// }
    /// ```
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
    ///
    /// ```
    /// use dwolla_core::kba::KbaAnswer;
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// /// `chosen`: the text of the answer the customer picked for each question.
    /// async fn answer<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     session: &str,
    ///     chosen: &[&str],
    /// ) -> Result<bool, Error> {
    ///     let questions = client.kba().get_questions(session).await?;
    ///     let answers: Vec<KbaAnswer> = questions
    ///         .questions()
    ///         .iter()
    ///         .zip(chosen)
    ///         .filter_map(|(q, text)| q.answer(q.answer_by_text(text)?))
    ///         .collect();
    ///     let op = questions.verify(answers)?; // checked before the attempt is spent
    ///     Ok(client.kba().verify(op).await?.is_verified())
    /// }
    /// ```
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
