//! Knowledge-based authentication: questions a personal verified customer in `kba` status answers.
//!
//! - [`InitiateKba`]: `POST /customers/{id}/kba` (starts a session)
//! - [`RetrieveKbaQuestions`]: `GET /kba/{id}` (the session's questions)
//! - [`VerifyKba`]: `POST /kba/{id}` (the answers)
//!
//! KBA is a premium feature for personal verified customers whose status is
//! `kba` (a retry that failed). The flow, and its two hard limits:
//!
//! 1. Initiate a session for the customer: `201` with the session's URL.
//! 2. Retrieve its questions (four, each with several answers) and show them.
//!    **From this moment the customer has two minutes** to answer: after that
//!    the session is expired (`403` [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState),
//!    "The kba session has expired.").
//! 3. Send the answers, one per question. **This is a single attempt**: the
//!    session cannot be answered twice (a second try gets `403`
//!    [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState), "The kba session is
//!    no longer valid."). [`KbaQuestions::verify`] checks the answers
//!    against the questions before anything is sent. Three of four correct
//!    pass ([`KbaVerification::is_verified`]); otherwise the customer moves to
//!    `document` status (upload a document, see [`crate::documents`]).
//!
//! Because the attempt is single, do not retry [`VerifyKba`] on your own
//! after an unclear failure; the [`Client`](crate::Client) sends an
//! `Idempotency-Key` with it, so its own retries of a lost response replay the
//! original result instead of spending the attempt twice.
//!
//! In the sandbox, answering every question "None of the above" (or "I have
//! never been associated with this vehicle") passes.

use std::collections::HashSet;

use bytes::Bytes;
use http::Method;

use crate::body::json_object;
use crate::created::Created;
use crate::environment::Environment;
use crate::error::Error;
use crate::model::model;
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{check_text, hal_request, id_segment, optional_idempotency_key, request_uri};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// The most answers [`VerifyKba`] sends (Dwolla asks four questions).
pub const MAX_ANSWERS: usize = 16;

/// `POST /customers/{id}/kba`: starts a KBA session for a personal verified
/// customer in `kba` status. No body; answers `201` with the session's URL.
///
/// ```
/// use dwolla_core::kba::InitiateKba;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = InitiateKba::new("33aa88b1-97df-424a-9043-d5f85809858b");
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri().path(), "/customers/33aa88b1-97df-424a-9043-d5f85809858b/kba");
/// assert!(request.body().is_empty());
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// ("Customer verification status is not valid for kba"),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden) (KBA is not enabled for the
/// application), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitiateKba {
    customer_id: String,
    idempotency_key: Option<String>,
}

impl InitiateKba {
    /// A KBA session for the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        InitiateKba {
            customer_id: customer_id.into(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for InitiateKba {
    type Output = KbaCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/customers/", &id, "/kba"])?;
        hal_request(Method::POST, uri, token, None, key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<KbaCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "initiateKbaForCustomer"
    }
}

/// A started KBA session: its URL, its id, and how to retrieve its questions.
pub type KbaCreated = Created<RetrieveKbaQuestions>;

/// `GET /kba/{id}`: a KBA session's questions, by id or URL. **Retrieving
/// them starts the customer's two minutes** to answer (see the
/// [module docs](self)).
pub type RetrieveKbaQuestions = Retrieve<KbaQuestions>;

/// One answer to a KBA question: the question's id and the chosen answer's id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KbaAnswer {
    question_id: String,
    answer_id: String,
}

impl KbaAnswer {
    /// Answer `answer_id` to question `question_id`.
    pub fn new(question_id: impl Into<String>, answer_id: impl Into<String>) -> Self {
        KbaAnswer {
            question_id: question_id.into(),
            answer_id: answer_id.into(),
        }
    }
    /// The question's id.
    pub fn question_id(&self) -> &str {
        &self.question_id
    }
    /// The chosen answer's id.
    pub fn answer_id(&self) -> &str {
        &self.answer_id
    }
}

/// `POST /kba/{id}` with `{"answers":[{"questionId","answerId"}, ...]}`: the
/// customer's answers, **once** (see the [module docs](self)). Answers `200`
/// with the outcome, [`KbaVerification`].
///
/// Checked before sending: at least one answer, at most [`MAX_ANSWERS`], no
/// question answered twice, no empty id. Dwolla asks four questions and
/// expects four answers; [`KbaQuestions::verify`] also checks that every
/// question is answered with one of its own answers.
///
/// ```
/// use dwolla_core::kba::{KbaAnswer, VerifyKba};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let op = VerifyKba::new(
///     "33aa88b1-97df-424a-9043-d5f85809858b",
///     [
///         KbaAnswer::new("2355953375", "2687969335"),
///         KbaAnswer::new("2355953385", "2687969385"),
///         KbaAnswer::new("2355953395", "2687969435"),
///         KbaAnswer::new("2355953405", "2687969485"),
///     ],
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.body().as_ref(),
///     br#"{"answers":[{"questionId":"2355953375","answerId":"2687969335"},{"questionId":"2355953385","answerId":"2687969385"},{"questionId":"2355953395","answerId":"2687969435"},{"questionId":"2355953405","answerId":"2687969485"}]}"#
/// );
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// (the session expired, or was answered already), [`NotFound`](crate::ApiErrorKind::NotFound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyKba {
    kba_id: String,
    answers: Vec<KbaAnswer>,
    idempotency_key: Option<String>,
}

impl VerifyKba {
    /// The `answers` to the KBA session with this id or URL, sent in the
    /// order given.
    pub fn new(kba_id: impl Into<String>, answers: impl IntoIterator<Item = KbaAnswer>) -> Self {
        VerifyKba {
            kba_id: kba_id.into(),
            answers: answers.into_iter().collect(),
            idempotency_key: None,
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set), so that a replay returns the original outcome
    /// instead of spending the single attempt.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The session id (or URL) as given.
    pub fn kba_id(&self) -> &str {
        &self.kba_id
    }
    /// The answers, in the order they are sent.
    pub fn answers(&self) -> &[KbaAnswer] {
        &self.answers
    }

    fn check(&self) -> Result<(), Error> {
        const FIELD: &str = "answers";
        if self.answers.is_empty() {
            return Err(Error::invalid(FIELD, "must not be empty"));
        }
        if self.answers.len() > MAX_ANSWERS {
            return Err(Error::invalid(FIELD, "must hold at most 16 answers"));
        }
        let mut seen = HashSet::with_capacity(self.answers.len());
        for a in &self.answers {
            check_text("answers.question_id", &a.question_id)?;
            check_text("answers.answer_id", &a.answer_id)?;
            if !seen.insert(a.question_id.as_str()) {
                return Err(Error::invalid(
                    FIELD,
                    format!("answer question {} once only", a.question_id),
                ));
            }
        }
        Ok(())
    }
}

impl Operation for VerifyKba {
    type Output = KbaVerification;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("kba_id", &self.kba_id, "kba")?;
        self.check()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, &["/kba/", &id])?;
        let body = json_object(16 + 56 * self.answers.len(), |w| {
            w.objects("answers", &self.answers, |w, a| {
                w.str("questionId", &a.question_id)
                    .str("answerId", &a.answer_id);
            });
        });
        hal_request(Method::POST, uri, token, Some(body), key.as_ref())
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<KbaVerification, Error> {
        response::json_of(response)
    }

    fn name(&self) -> &'static str {
        "verifyKbaQuestions"
    }
}

model! {
    /// One possible answer to a KBA question.
    pub struct KbaAnswerChoice (WireKbaAnswerChoice) {
        /// `id`: what [`KbaAnswer::new`] takes as the answer id.
        id: text = "id",
        /// `text`, e.g. `Pulaski`.
        text: text = "text",
    }
}

model! {
    /// One KBA question and its possible answers.
    pub struct KbaQuestion (WireKbaQuestion) {
        /// `id`: what [`KbaAnswer::new`] takes as the question id.
        id: text = "id",
        /// `text`, e.g. `In what county do you currently live?`.
        text: text = "text",
        /// `answers`: the choices, in Dwolla's order.
        answers: objects(KbaAnswerChoice) = "answers",
    }
}

impl KbaQuestion {
    /// The answer to this question whose text is `text` (compared without
    /// regard to case or surrounding white space).
    pub fn answer_by_text(&self, text: &str) -> Option<&KbaAnswerChoice> {
        let text = text.trim();
        self.answers().iter().find(|a| {
            a.text()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(text))
        })
    }

    /// [`KbaAnswer`] choosing `choice` for this question (`None` when the
    /// question or the choice has no id).
    pub fn answer(&self, choice: &KbaAnswerChoice) -> Option<KbaAnswer> {
        Some(KbaAnswer::new(self.id()?, choice.id()?))
    }
}

model! {
    /// A KBA session's questions (`GET /kba/{id}`).
    pub struct KbaQuestions (WireKbaQuestions) resource "KBA session" {
        /// `questions`, in Dwolla's order (four in practice).
        questions: objects(KbaQuestion) = "questions",
    }
}

resource!(KbaQuestions, "kba", "getKbaQuestions", "kba_id");

impl KbaQuestions {
    /// Where the answers go (`_links.answer`): the session's URL.
    pub fn answer_href(&self) -> Option<&str> {
        self.links().get("answer")
    }

    /// The [`VerifyKba`] for these `answers`, after checking them against the
    /// questions: every question answered exactly once, with one of its own
    /// answers, and nothing else. The session has a single attempt, so a
    /// mistake is better caught here than by Dwolla.
    ///
    /// ```
    /// # use dwolla_core::kba::{KbaQuestions, KbaAnswer};
    /// # fn answer(questions: &KbaQuestions) -> Result<(), dwolla_core::Error> {
    /// let answers: Vec<KbaAnswer> = questions
    ///     .questions()
    ///     .iter()
    ///     .filter_map(|q| q.answer(q.answer_by_text("None of the above")?))
    ///     .collect();
    /// let op = questions.verify(answers)?;
    /// # let _ = op; Ok(()) }
    /// ```
    pub fn verify(&self, answers: impl IntoIterator<Item = KbaAnswer>) -> Result<VerifyKba, Error> {
        const FIELD: &str = "answers";
        let answers: Vec<KbaAnswer> = answers.into_iter().collect();
        for a in &answers {
            let Some(q) = self
                .questions()
                .iter()
                .find(|q| q.id() == Some(a.question_id.as_str()))
            else {
                return Err(Error::invalid(
                    FIELD,
                    format!("question {} is not one of this session's", a.question_id),
                ));
            };
            if !q
                .answers()
                .iter()
                .any(|c| c.id() == Some(a.answer_id.as_str()))
            {
                return Err(Error::invalid(
                    FIELD,
                    format!(
                        "answer {} is not one of question {}'s",
                        a.answer_id, a.question_id
                    ),
                ));
            }
        }
        for q in self.questions() {
            let Some(id) = q.id() else { continue };
            if !answers.iter().any(|a| a.question_id == id) {
                return Err(Error::invalid(
                    FIELD,
                    format!("question {id} is not answered"),
                ));
            }
        }
        let op = VerifyKba::new(self.id(), answers);
        op.check()?;
        Ok(op)
    }
}

open_enum! {
    /// The outcome of a KBA session. Unknown values are kept.
    pub enum KbaVerificationStatus {
        /// `verified`: the customer passed (and is verified).
        Verified => "verified",
        /// `failed`: the customer failed; its status becomes `document`.
        Failed => "failed",
    }
}

model! {
    /// The outcome of [`VerifyKba`].
    pub struct KbaVerification (WireKbaVerification) {
        /// `verificationStatus` (an empty [`KbaVerificationStatus::Other`] if
        /// Dwolla sent none).
        verification_status: open(KbaVerificationStatus) = "verificationStatus",
    }
}

impl KbaVerification {
    /// True when the customer passed.
    pub fn is_verified(&self) -> bool {
        self.verification_status() == &KbaVerificationStatus::Verified
    }
    /// The customer's URL (`_links.customer`).
    pub fn customer_href(&self) -> Option<&str> {
        self.links().get("customer")
    }
}
