//! Business classifications: the industry a business verified customer is
//! in. Creating one takes an *industry* classification's id
//! (`businessClassification`), found under a business classification.
//!
//! - [`ListBusinessClassifications`]: `GET /business-classifications`
//! - [`RetrieveBusinessClassification`]: `GET /business-classifications/{id}`

use bytes::Bytes;
use http::Method;

use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::operation::Operation;
use crate::request::{hal_request, request_uri};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// `GET /business-classifications`: every business classification, each
/// with its industry classifications.
///
/// ```
/// use dwolla_core::business_classifications::ListBusinessClassifications;
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let request = ListBusinessClassifications::new()
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(request.uri(), "https://api-sandbox.dwolla.com/business-classifications");
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListBusinessClassifications;

impl ListBusinessClassifications {
    /// The operation.
    pub fn new() -> Self {
        ListBusinessClassifications
    }
}

impl Operation for ListBusinessClassifications {
    type Output = List<BusinessClassification>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let uri = request_uri(env, &["/business-classifications"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A classification without an id (or `self` link) is skipped.
    fn parse_response(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<List<BusinessClassification>, Error> {
        response::list_of(response, "business-classifications")
    }

    fn name(&self) -> &'static str {
        "listBusinessClassifications"
    }
}

/// `GET /business-classifications/{id}`: one business classification, by
/// id or URL.
pub type RetrieveBusinessClassification = Retrieve<BusinessClassification>;

model! {
    /// A business classification (e.g. "Food retail and service") and its
    /// industry classifications.
    pub struct BusinessClassification (WireBusinessClassification) resource "business classification" {
        /// Its name.
        name: text = "name",
        /// `_embedded`: its industry classifications.
        embedded: object(IndustryClassifications) = "_embedded",
    }
}

resource!(
    BusinessClassification,
    "business-classifications",
    "retrieveBusinessClassification",
    "business_classification_id"
);

impl BusinessClassification {
    /// Its industry classifications (empty when Dwolla sent none).
    pub fn industry_classifications(&self) -> &[IndustryClassification] {
        self.embedded()
            .map(IndustryClassifications::items)
            .unwrap_or_default()
    }
}

model! {
    /// `_embedded` of a business classification.
    pub struct IndustryClassifications (WireIndustryClassifications) {
        /// `industry-classifications`.
        items: objects(IndustryClassification) = "industry-classifications",
    }
}

model! {
    /// An industry classification: its id is what a business customer is
    /// created with (`businessClassification`).
    pub struct IndustryClassification (WireIndustryClassification) {
        /// Its id.
        id: text = "id",
        /// Its name, e.g. "Wineries".
        name: text = "name",
    }
}
