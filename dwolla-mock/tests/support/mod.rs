//! A small HTTP client for driving the emulator with raw JSON, for the
//! endpoints the SDK has no operation for yet.
#![allow(dead_code)] // each test binary uses its own part

use bytes::Bytes;
use dwolla_core::token::{build_token_request, parse_token_response};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use dwolla_mock::emulator::Emulator;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

pub const HAL: &str = "application/vnd.dwolla.v1.hal+json";

/// A response, body read whole.
pub struct Reply {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .unwrap_or_else(|| panic!("no Location in a {} answer: {:?}", self.status, self.json()))
            .to_str()
            .unwrap()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
}

impl Http {
    pub fn new(base: impl Into<String>) -> Self {
        Http {
            client: Client::builder(TokioExecutor::new()).build_http(),
            base: base.into(),
        }
    }

    pub async fn send(&self, req: http::Request<Bytes>) -> Reply {
        let resp = self
            .client
            .request(req.map(Full::new))
            .await
            .expect("transport failure");
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.expect("body").to_bytes();
        Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        }
    }

    /// `path` is relative to the base URL unless it is absolute.
    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub async fn token(&self, credentials: &dwolla_core::ClientCredentials) -> AccessToken {
        let env = Environment::custom(&self.base).unwrap();
        let req = build_token_request(&env, credentials).unwrap();
        let resp = self.client.request(req.map(Full::new)).await.unwrap();
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.unwrap().to_bytes();
        let (token, _) = parse_token_response(http::Response::from_parts(parts, body))
            .unwrap()
            .into_parts();
        token
    }

    pub async fn get(&self, token: &AccessToken, path: &str) -> Reply {
        let req = http::Request::get(self.url(path))
            .header("accept", HAL)
            .header("authorization", token.authorization_header().clone())
            .body(Bytes::new())
            .unwrap();
        self.send(req).await
    }

    pub async fn post(&self, token: &AccessToken, path: &str, body: &str) -> Reply {
        self.post_with_key(token, path, body, None).await
    }

    pub async fn post_with_key(
        &self,
        token: &AccessToken,
        path: &str,
        body: &str,
        key: Option<&str>,
    ) -> Reply {
        let mut b = http::Request::post(self.url(path))
            .header("accept", HAL)
            .header("content-type", HAL)
            .header("authorization", token.authorization_header().clone());
        if let Some(key) = key {
            b = b.header("idempotency-key", key);
        }
        self.send(b.body(Bytes::from(body.to_owned())).unwrap())
            .await
    }

    /// A request with no Dwolla headers at all (the emulator-only routes).
    pub async fn bare(&self, method: &str, path: &str, body: &str) -> Reply {
        let req = http::Request::builder()
            .method(method)
            .uri(self.url(path))
            .body(Bytes::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    pub async fn call<O: Operation>(
        &self,
        emu: &Emulator,
        token: &AccessToken,
        op: &O,
    ) -> Result<O::Output, Error> {
        let req = op.build_request(&emu.environment(), token)?;
        let reply = self.send(req).await;
        let mut resp = http::Response::new(reply.body);
        *resp.status_mut() = http::StatusCode::from_u16(reply.status).unwrap();
        *resp.headers_mut() = reply.headers;
        op.parse_response(resp)
    }
}
