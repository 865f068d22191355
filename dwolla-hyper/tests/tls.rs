//! HyperTransport over TLS on loopback: a self-signed certificate made at test
//! time (rcgen), trusted through `add_root_certificate_der`, served by
//! tokio-rustls + hyper-util's auto (HTTP/1.1 and HTTP/2) server. Checks ALPN
//! (h2 vs http/1.1), the key exchange group (post-quantum X25519MLKEM768 by
//! default), untrusted certificates, handshake timeouts, and the whole SDK
//! over HTTPS. The servers use rustls's aws-lc-rs provider explicitly (so no
//! process-wide default provider is installed), whichever provider the
//! client was built with. No sleeps, no timing assertions.

use std::convert::Infallible;
use std::error::Error as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use dwolla_core::exchange_sessions::CreateCustomerExchangeSession;
use dwolla_core::{HttpTransport, TransportError};
use dwolla_hyper::{ClientCredentials, Environment, Error, HyperTransport};
use http::{HeaderMap, Method, Response, StatusCode, Version};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use rustls::crypto::{aws_lc_rs, SupportedKxGroup};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::NamedGroup;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

// ---------------------------------------------------------------------------
// Certificates and servers.

/// A self-signed certificate for `localhost` and `127.0.0.1`, and its key.
struct TestCert {
    der: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

fn self_signed() -> TestCert {
    let rcgen::CertifiedKey { cert, key_pair } =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    TestCert {
        der: cert.der().clone(),
        key: PrivatePkcs8KeyDer::from(key_pair.serialize_der()).into(),
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    path: String,
    version: Version,
    headers: HeaderMap,
    body: Bytes,
}

type Handler = dyn Fn(SocketAddr, &Seen) -> Response<Full<Bytes>> + Send + Sync;

struct TlsServer {
    addr: SocketAddr,
    /// TLS handshakes completed.
    connections: Arc<AtomicUsize>,
    /// The key exchange group of each completed handshake, in order.
    groups: Arc<Mutex<Vec<Option<NamedGroup>>>>,
    /// Requests, recorded before each response is sent.
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TlsServer {
    fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.addr.port())
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn groups(&self) -> Vec<Option<NamedGroup>> {
        self.groups.lock().unwrap().clone()
    }
}

const H2: &[u8] = b"h2";
const HTTP11: &[u8] = b"http/1.1";

/// A TLS server on 127.0.0.1 offering `alpn`, serving HTTP/1.1 and HTTP/2
/// (whichever the client speaks) with `handler`; aws-lc-rs's default key
/// exchange groups (X25519MLKEM768 first).
async fn tls_server(
    cert: &TestCert,
    alpn: &[&[u8]],
    handler: impl Fn(SocketAddr, &Seen) -> Response<Full<Bytes>> + Send + Sync + 'static,
) -> TlsServer {
    tls_server_with_groups(cert, alpn, aws_lc_rs::DEFAULT_KX_GROUPS, handler).await
}

/// [`tls_server`] accepting only the key exchange `groups`.
async fn tls_server_with_groups(
    cert: &TestCert,
    alpn: &[&[u8]],
    groups: &[&'static dyn SupportedKxGroup],
    handler: impl Fn(SocketAddr, &Seen) -> Response<Full<Bytes>> + Send + Sync + 'static,
) -> TlsServer {
    let provider = Arc::new(rustls::crypto::CryptoProvider {
        kx_groups: groups.to_vec(),
        ..aws_lc_rs::default_provider()
    });
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der.clone()], cert.key.clone_key())
        .unwrap();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let acceptor = TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let groups = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let handler: Arc<Handler> = Arc::new(handler);
    let (count, kx, log) = (connections.clone(), groups.clone(), seen.clone());
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, handler, count, kx, log) = (
                acceptor.clone(),
                handler.clone(),
                count.clone(),
                kx.clone(),
                log.clone(),
            );
            tokio::spawn(async move {
                // A client that rejects the certificate fails the handshake.
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                // Recorded before any request is served, so a test that got
                // a response sees its connection's group.
                let group = tls.get_ref().1.negotiated_key_exchange_group();
                kx.lock().unwrap().push(group.map(|g| g.name()));
                count.fetch_add(1, Ordering::SeqCst);
                let service = service_fn(move |req: hyper::Request<Incoming>| {
                    let (handler, log) = (handler.clone(), log.clone());
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = match body.collect().await {
                            Ok(b) => b.to_bytes(),
                            Err(_) => Bytes::new(),
                        };
                        let seen = Seen {
                            method: parts.method,
                            path: parts.uri.path().to_owned(),
                            version: parts.version,
                            headers: parts.headers,
                            body,
                        };
                        let response = handler(addr, &seen);
                        log.lock().unwrap().push(seen);
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    TlsServer {
        addr,
        connections,
        groups,
        seen,
    }
}

/// `GET /hello` -> 200 "hello over TLS" with `x-route: hello`; `POST /echo`
/// -> 200 echoing the body and `x-echo`; anything else 404.
fn routes(_: SocketAddr, seen: &Seen) -> Response<Full<Bytes>> {
    match (&seen.method, seen.path.as_str()) {
        (&Method::GET, "/hello") => Response::builder()
            .header("x-route", "hello")
            .header("content-type", "text/plain")
            .body(Full::new(Bytes::from_static(b"hello over TLS")))
            .unwrap(),
        (&Method::POST, "/echo") => {
            let mut builder = Response::builder().header("x-route", "echo");
            if let Some(v) = seen.headers.get("x-echo") {
                builder = builder.header("x-echo", v.clone());
            }
            builder.body(Full::new(seen.body.clone())).unwrap()
        }
        _ => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Full::new(Bytes::new()))
            .unwrap(),
    }
}

fn trusting(cert: &TestCert) -> HyperTransport {
    HyperTransport::builder()
        .add_root_certificate_der(cert.der.as_ref())
        .build()
        .unwrap()
}

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

fn echo(url: &str, body: &'static [u8]) -> http::Request<Bytes> {
    http::Request::post(url)
        .header("x-echo", "ping")
        .header("content-type", "application/octet-stream")
        .body(Bytes::from_static(body))
        .unwrap()
}

// ---------------------------------------------------------------------------
// Round trips and ALPN.

#[tokio::test]
async fn h2_negotiated_by_alpn_with_an_extra_root() {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2, HTTP11], routes).await;
    let t = trusting(&cert);

    let resp = t.send(get(&server.url("/hello"))).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.version(), Version::HTTP_2);
    assert_eq!(resp.headers()["x-route"], "hello");
    assert_eq!(resp.headers()["content-type"], "text/plain");
    assert_eq!(resp.body().as_ref(), b"hello over TLS");

    // A body larger than one HTTP/2 frame (16 KiB) and a header round trip.
    let big: &'static [u8] = Box::leak(vec![b'x'; 100_000].into_boxed_slice());
    let resp = t.send(echo(&server.url("/echo"), big)).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.version(), Version::HTTP_2);
    assert_eq!(resp.headers()["x-echo"], "ping");
    assert_eq!(resp.body().as_ref(), big);

    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter().all(|s| s.version == Version::HTTP_2),
        "{seen:?}"
    );
    assert_eq!(seen[1].body.len(), big.len());
    // HTTP/2 connections are shared: both requests used one.
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn http11_when_the_server_offers_only_http11() {
    let cert = self_signed();
    let server = tls_server(&cert, &[HTTP11], routes).await;
    let t = trusting(&cert);

    let resp = t.send(get(&server.url("/hello"))).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.version(), Version::HTTP_11);
    assert_eq!(resp.headers()["x-route"], "hello");
    assert_eq!(resp.body().as_ref(), b"hello over TLS");

    let resp = t.send(echo(&server.url("/echo"), b"{}")).await.unwrap();
    assert_eq!(resp.version(), Version::HTTP_11);
    assert_eq!(resp.headers()["x-echo"], "ping");
    assert_eq!(resp.body().as_ref(), b"{}");

    let seen = server.seen();
    assert!(
        seen.iter().all(|s| s.version == Version::HTTP_11),
        "{seen:?}"
    );
}

#[tokio::test]
async fn no_alpn_falls_back_to_http11() {
    let cert = self_signed();
    let server = tls_server(&cert, &[], routes).await;
    let resp = trusting(&cert)
        .send(get(&server.url("/hello")))
        .await
        .unwrap();
    assert_eq!(resp.version(), Version::HTTP_11);
    assert_eq!(resp.body().as_ref(), b"hello over TLS");
}

#[tokio::test]
async fn ip_address_host_is_verified_too() {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2, HTTP11], routes).await;
    let url = format!("https://{}/hello", server.addr);
    let resp = trusting(&cert).send(get(&url)).await.unwrap();
    assert_eq!(resp.version(), Version::HTTP_2);
    assert_eq!(resp.body().as_ref(), b"hello over TLS");
}

#[tokio::test]
async fn body_limit_applies_over_h2() {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2], routes).await;
    let t = HyperTransport::builder()
        .add_root_certificate_der(cert.der.to_vec())
        .max_response_body(10)
        .build()
        .unwrap();
    let e = t.send(get(&server.url("/hello"))).await.unwrap_err();
    assert!(e.is_body_too_large(), "{e:?}");
}

// ---------------------------------------------------------------------------
// Key exchange: post-quantum by default.

/// The default build (feature `aws-lc-rs`) negotiates the post-quantum hybrid
/// with a server that offers it, over HTTP/2 and HTTP/1.1 alike.
#[cfg(feature = "aws-lc-rs")]
#[tokio::test]
async fn x25519mlkem768_is_negotiated_by_default() {
    let cert = self_signed();
    for alpn in [&[H2, HTTP11][..], &[HTTP11][..]] {
        let server = tls_server(&cert, alpn, routes).await;
        let resp = trusting(&cert)
            .send(get(&server.url("/hello")))
            .await
            .unwrap();
        assert_eq!(resp.body().as_ref(), b"hello over TLS");
        assert_eq!(server.groups(), [Some(NamedGroup::X25519MLKEM768)]);
    }
}

/// With `default-features = false, features = ["ring"]` there is no
/// post-quantum group: a classical one is negotiated though the server
/// prefers the hybrid (which of them is the server's choice: rustls's picks
/// its own first, P-384).
#[cfg(not(feature = "aws-lc-rs"))]
#[tokio::test]
async fn ring_alone_negotiates_a_classical_group() {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2, HTTP11], routes).await;
    let resp = trusting(&cert)
        .send(get(&server.url("/hello")))
        .await
        .unwrap();
    assert_eq!(resp.body().as_ref(), b"hello over TLS");
    let groups = server.groups();
    assert!(
        matches!(
            groups[..],
            [Some(
                NamedGroup::X25519 | NamedGroup::secp256r1 | NamedGroup::secp384r1
            )]
        ),
        "{groups:?}"
    );
}

/// A server without post-quantum groups still gets a connection: on the
/// classical group it asks for (a HelloRetryRequest for P-256, which the
/// client offered without a key share).
#[tokio::test]
async fn a_server_without_post_quantum_groups_still_connects() {
    let cert = self_signed();
    for (group, name) in [
        (aws_lc_rs::kx_group::X25519, NamedGroup::X25519),
        (aws_lc_rs::kx_group::SECP256R1, NamedGroup::secp256r1),
    ] {
        let server = tls_server_with_groups(&cert, &[H2, HTTP11], &[group], routes).await;
        let resp = trusting(&cert)
            .send(get(&server.url("/hello")))
            .await
            .unwrap();
        assert_eq!(resp.body().as_ref(), b"hello over TLS");
        assert_eq!(server.groups(), [Some(name)]);
    }
}

// ---------------------------------------------------------------------------
// Failures.

#[tokio::test]
async fn untrusted_certificate_is_a_connect_error_never_sent() {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2, HTTP11], routes).await;
    // Default transport: webpki roots only.
    let e = HyperTransport::new()
        .unwrap()
        .send(get(&server.url("/hello")))
        .await
        .unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    assert!(!e.is_timeout(), "{e:?}");
    assert!(!e.may_have_been_sent(), "{e:?}");
    assert!(e.source().is_some());
    let text = e.to_string();
    // The server is named (host and port as in the URL), the path is not.
    let host_port = format!("localhost:{}", server.addr.port());
    assert!(
        text.starts_with(&format!(
            "connect error: could not connect to {host_port} ("
        )),
        "{text}"
    );
    assert!(!text.contains("hello"), "{text}");
    assert!(text.to_lowercase().contains("certificate"), "{text}");
    // The request never reached the server.
    assert!(server.seen().is_empty());
    assert_eq!(server.connections.load(Ordering::SeqCst), 0);
}

/// A certificate failure: a connect error, the request never sent, and the
/// server saw nothing.
fn assert_certificate_refused(e: &TransportError, server: &TlsServer) {
    assert!(e.is_connect(), "{e:?}");
    assert!(!e.may_have_been_sent(), "{e:?}");
    assert!(e.to_string().to_lowercase().contains("certificate"), "{e}");
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn a_different_extra_root_does_not_help() {
    let served = self_signed();
    let other = self_signed();
    let server = tls_server(&served, &[H2, HTTP11], routes).await;
    let e = trusting(&other)
        .send(get(&server.url("/hello")))
        .await
        .unwrap_err();
    assert_certificate_refused(&e, &server);
}

#[tokio::test]
async fn wrong_host_name_is_a_connect_error() {
    // Trusted, but issued for another name than the one connected to.
    let rcgen::CertifiedKey { cert, key_pair } =
        rcgen::generate_simple_self_signed(vec!["example.test".to_owned()]).unwrap();
    let other = TestCert {
        der: cert.der().clone(),
        key: PrivatePkcs8KeyDer::from(key_pair.serialize_der()).into(),
    };
    let server = tls_server(&other, &[H2, HTTP11], routes).await;
    let e = trusting(&other)
        .send(get(&server.url("/hello")))
        .await
        .unwrap_err();
    assert_certificate_refused(&e, &server);
}

#[tokio::test]
async fn handshake_that_never_completes_times_out_never_sent() {
    // Accepts TCP connections and never says a word.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    let t = HyperTransport::builder()
        .connect_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = t
        .send(get(&format!("https://localhost:{}/", addr.port())))
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert!(!e.may_have_been_sent(), "{e:?}");
    assert!(!e.is_body_too_large(), "{e:?}");
    // TCP connected: it was the handshake that timed out.
    assert!(accepted.load(Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn connection_closed_during_handshake_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    let e = HyperTransport::new()
        .unwrap()
        .send(get(&format!("https://localhost:{}/", addr.port())))
        .await
        .unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    assert!(!e.may_have_been_sent(), "{e:?}");
}

// ---------------------------------------------------------------------------
// Builder input.

#[test]
fn invalid_der_is_invalid_input() {
    for bad in [
        &b""[..],
        b"not a certificate",
        b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    ] {
        match HyperTransport::builder()
            .add_root_certificate_der(bad)
            .build()
        {
            Err(Error::InvalidInput(i)) => {
                assert_eq!(i.field(), "root_certificate");
                assert!(i.to_string().contains("DER"), "{i}");
            }
            other => panic!("{other:?}"),
        }
    }
    // The PEM mistake is pointed out.
    let e = HyperTransport::builder()
        .add_root_certificate_der(&b"-----BEGIN CERTIFICATE-----\n"[..])
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("PEM"), "{e}");
}

#[test]
fn a_bad_certificate_among_good_ones_is_named() {
    let good = self_signed();
    let e = HyperTransport::builder()
        .add_root_certificate_der(good.der.to_vec())
        .add_root_certificate_der(vec![0x30, 0x03, 0x02, 0x01, 0x00])
        .build()
        .unwrap_err();
    match &e {
        Error::InvalidInput(i) => assert_eq!(i.field(), "root_certificate"),
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("#2"), "{e}");
}

#[test]
fn valid_roots_build_and_show_in_debug() {
    let (a, b) = (self_signed(), self_signed());
    let t = HyperTransport::builder()
        .add_root_certificate_der(a.der.to_vec())
        .add_root_certificate_der(b.der.as_ref())
        .build()
        .unwrap();
    let debug = format!("{t:?}");
    assert!(debug.contains("2 certificate(s)"), "{debug}");
}

// ---------------------------------------------------------------------------
// The whole SDK over TLS and HTTP/2.

fn dwolla(addr: SocketAddr, seen: &Seen) -> Response<Full<Bytes>> {
    match (&seen.method, seen.path.as_str()) {
        (&Method::POST, "/token") => Response::builder()
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(
                br#"{"access_token":"t","token_type":"bearer","expires_in":3600}"#,
            )))
            .unwrap(),
        (&Method::POST, "/customers/c1/exchange-sessions") => Response::builder()
            .status(StatusCode::CREATED)
            .header(
                "location",
                format!("https://localhost:{}/exchange-sessions/s1", addr.port()),
            )
            .body(Full::new(Bytes::new()))
            .unwrap(),
        _ => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Full::new(Bytes::new()))
            .unwrap(),
    }
}

#[tokio::test]
async fn sdk_over_tls_and_h2() -> Result<(), Error> {
    let cert = self_signed();
    let server = tls_server(&cert, &[H2, HTTP11], dwolla).await;
    let transport = HyperTransport::builder()
        .add_root_certificate_der(cert.der.to_vec())
        .build()?;
    let client = dwolla_hyper::client_builder(transport)
        .environment(Environment::custom(server.url(""))?)
        .credentials(ClientCredentials::new("id", "secret"))
        .build()?;

    let created = client
        .execute(CreateCustomerExchangeSession::web(
            "c1",
            "https://localhost/exchange-partners/p",
        ))
        .await?;
    assert_eq!(
        created.location(),
        server.url("/exchange-sessions/s1").as_str()
    );
    assert_eq!(created.id(), "s1");

    let seen = server.seen();
    let paths: Vec<_> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["/token", "/customers/c1/exchange-sessions"]);
    assert!(
        seen.iter().all(|s| s.version == Version::HTTP_2),
        "{seen:?}"
    );
    assert!(seen[0].headers["authorization"]
        .to_str()
        .unwrap()
        .starts_with("Basic "));
    assert_eq!(seen[1].headers["authorization"], "Bearer t");
    let body = String::from_utf8_lossy(&seen[1].body);
    assert!(
        body.contains("https://localhost/exchange-partners/p"),
        "{body}"
    );
    // Token and call shared one HTTP/2 connection.
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
    Ok(())
}
