//! [`mockall`](https://docs.rs/mockall/0.13) mocks of the SDK's traits, for
//! expectation-style tests.
//!
//! ```
//! use dwolla_core::bytes::Bytes;
//! use dwolla_core::HttpTransport;
//! use dwolla_mock::{fixtures, MockHttpTransport};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let mut transport = MockHttpTransport::new();
//! transport
//!     .expect_send()
//!     .withf(|req| req.method() == "GET" && req.uri().path() == "/exchange-partners")
//!     .times(1)
//!     .returning(|_| Ok(fixtures::exchange_partners_list()));
//! let req = http::Request::get("https://api-sandbox.dwolla.com/exchange-partners")
//!     .body(Bytes::new())
//!     .unwrap();
//! assert_eq!(transport.send(req).await.unwrap().status(), 200);
//! # });
//! ```

use std::fmt;

use async_trait::async_trait;
use bytes::Bytes;
use dwolla_core::TransportError;

mockall::mock! {
    /// A [`mockall`](https://docs.rs/mockall/0.13) mock of
    /// [`dwolla_core::HttpTransport`]: set expectations with `expect_send()`.
    /// Its `Debug` prints only the type name.
    pub HttpTransport {}

    #[async_trait]
    impl dwolla_core::HttpTransport for HttpTransport {
        async fn send(
            &self,
            request: http::Request<Bytes>,
        ) -> Result<http::Response<Bytes>, TransportError>;
    }
}

// `mock!` only writes a `Debug` impl when the struct derives it; the
// transport trait requires one, so it is written here.
impl fmt::Debug for MockHttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MockHttpTransport")
    }
}
