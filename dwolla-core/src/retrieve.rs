//! [`Retrieve`]: the one operation shape most resources share, `GET
//! /{collection}/{id}`, by id or by URL.
//!
//! Every resource with a URL of its own (a customer, a transfer, a label,
//! ...) is a [`Resource`], and `Retrieve<ThatResource>` fetches it; each
//! resource module names it (`customers::RetrieveCustomer` is
//! `Retrieve<Customer>`). It takes the bare id or the resource's URL (a
//! `Location` a create returned, a `_links` href), and a created resource's
//! [`Created::retrieve`](crate::Created::retrieve) builds it.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::Method;

use crate::created::FromLocation;
use crate::environment::Environment;
use crate::error::Error;
use crate::operation::Operation;
use crate::request::{hal_request, id_segment, request_uri};
use crate::token::AccessToken;

pub(crate) mod sealed {
    /// Implemented by this crate's resource models only.
    pub trait Sealed: Sized {
        /// Parses a retrieve response.
        fn parse(response: http::Response<bytes::Bytes>) -> Result<Self, crate::Error>;
    }
}

/// A resource with its own URL, `{base}/{COLLECTION}/{id}`, that
/// [`Retrieve`] fetches. Implemented by the resource models of this crate.
pub trait Resource: sealed::Sealed {
    /// The path segment its URLs start with, e.g. `customers`.
    const COLLECTION: &'static str;
    /// The spec's `operationId` of its retrieve operation, e.g. `getCustomer`.
    const RETRIEVE: &'static str;
    /// The input field named in errors about its id, e.g. `customer_id`.
    const ID_FIELD: &'static str;
}

/// Implements [`Resource`] for a model declared with `model!`.
macro_rules! resource {
    ($model:ty, $collection:literal, $operation:literal, $field:literal) => {
        impl $crate::retrieve::sealed::Sealed for $model {
            fn parse(response: http::Response<bytes::Bytes>) -> Result<Self, $crate::Error> {
                $crate::response::json_of(response)
            }
        }
        impl $crate::retrieve::Resource for $model {
            const COLLECTION: &'static str = $collection;
            const RETRIEVE: &'static str = $operation;
            const ID_FIELD: &'static str = $field;
        }
    };
}
pub(crate) use resource;

/// `GET /{collection}/{id}`: one resource `R`, by its id or its URL.
pub struct Retrieve<R> {
    id: String,
    resource: PhantomData<fn() -> R>,
}

impl<R: Resource> Retrieve<R> {
    /// The resource with this id, or at this URL (which must be of the form
    /// `.../{collection}/{id}`).
    pub fn new(id_or_url: impl Into<String>) -> Self {
        Retrieve {
            id: id_or_url.into(),
            resource: PhantomData,
        }
    }

    /// The id or URL as given.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<R: Resource> FromLocation for Retrieve<R> {
    fn from_location(location: String) -> Self {
        Retrieve::new(location)
    }
}

impl<R: Resource> Operation for Retrieve<R> {
    type Output = R;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment(R::ID_FIELD, &self.id, R::COLLECTION)?;
        let uri = request_uri(env, &["/", R::COLLECTION, "/", &id])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<R, Error> {
        R::parse(response)
    }

    fn name(&self) -> &'static str {
        R::RETRIEVE
    }
}

// Written out: derives would require `R` itself to be `Clone`, `Debug`, ...
impl<R> Clone for Retrieve<R> {
    fn clone(&self) -> Self {
        Retrieve {
            id: self.id.clone(),
            resource: PhantomData,
        }
    }
}

impl<R> PartialEq for Retrieve<R> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<R> Eq for Retrieve<R> {}

impl<R: Resource> fmt::Debug for Retrieve<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retrieve")
            .field("operation", &R::RETRIEVE)
            .field("id", &self.id)
            .finish()
    }
}
