//! The `dwolla-emulator` binary as a shell script uses it: started with
//! stdin closed and faults on its command line and in its environment,
//! serving until a signal.
#![cfg(feature = "emulator")]

mod support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};

use dwolla_core::token::build_token_request;
use dwolla_core::{ClientCredentials, Environment};
use dwolla_mock::emulator::Emulator;
use support::{Http, Reply};

const BIN: &str = env!("CARGO_BIN_EXE_dwolla-emulator");

/// The binary with a clean environment for its own variables.
fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("DWOLLA_EMULATOR_PORT")
        .env_remove("DWOLLA_EMULATOR_CLIENT_ID")
        .env_remove("DWOLLA_EMULATOR_CLIENT_SECRET")
        .env_remove("DWOLLA_EMULATOR_FAULTS")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null());
    cmd
}

/// A running emulator process; killed if a test fails before stopping it.
struct Running {
    child: Child,
    base_url: String,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Running {
    /// Spawns and waits for the first stdout line, the base URL.
    fn spawn(mut cmd: Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dwolla-emulator");
        let mut stderr = child.stderr.take().unwrap();
        // Drained on a thread so that logging can never block the process.
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base_url = line
            .trim_end()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first stdout line: {line:?}"))
            .to_owned();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
        Running {
            child,
            base_url,
            stderr: Some(stderr),
        }
    }

    /// Sends `signal` (`TERM`, `INT`) and waits for the exit; the status and
    /// everything logged on stderr.
    fn stop(mut self, signal: &str) -> (ExitStatus, String) {
        let killed = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        let stderr = self.stderr.take().unwrap().join().unwrap();
        (status, stderr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.stderr.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

async fn token_reply(http: &Http, base: &str, credentials: &ClientCredentials) -> Reply {
    let env = Environment::custom(base).unwrap();
    http.send(build_token_request(&env, credentials).unwrap())
        .await
}

#[tokio::test]
async fn serves_with_stdin_closed_plays_its_faults_and_stops_on_sigterm() {
    let secret = "cli-secret-do-not-log";
    let mut cmd = command(&[
        "--fail-next",
        "1:503",
        "--fail-next-token=1:500",
        "--client-secret",
        secret,
    ]);
    cmd.env("DWOLLA_EMULATOR_FAULTS", "rate-limit-next=1:7");
    let running = Running::spawn(cmd);
    let base = running.base_url.clone();
    let http = Http::new(&base);
    let credentials = ClientCredentials::new(Emulator::CLIENT_ID, secret);

    // stdin was closed before the first request: it still serves. The
    // first token request gets the planned HTML 500, the next a token.
    let reply = token_reply(&http, &base, &credentials).await;
    assert_eq!(reply.status, 500);
    assert!(reply.body.starts_with(b"<html>"));
    let token = http.token(&credentials).await;

    // Rate limit (from the environment) is taken before a failure.
    let partners = "/exchange-partners";
    let reply = http.get(&token, partners).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("7"));
    let reply = http.get(&token, partners).await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert!(reply.body.starts_with(b"<html>"));
    let reply = http.get(&token, partners).await;
    assert_eq!(reply.status, 200);

    // Faults at run time, in the same words.
    let reply = http
        .bare("POST", "/_emulator/faults", "fail-next=1:502")
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json());
    assert_eq!(reply.json()["applied"][0], "fail-next=1:502");
    assert_eq!(http.get(&token, partners).await.status, 502);
    assert_eq!(http.get(&token, partners).await.status, 200);
    let reply = http
        .bare("POST", "/_emulator/faults", "fail-next=1:99")
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(http.get(&token, partners).await.status, 200);

    let (status, stderr) = running.stop("TERM");
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert!(stderr.contains("SIGTERM"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "colour codes in captured logs:\n{stderr}"
    );
    assert!(!stderr.contains(secret), "{stderr}");
    // Stopped means stopped.
    let err = tokio::net::TcpStream::connect(base.trim_start_matches("http://")).await;
    assert!(err.is_err());
}

#[tokio::test]
async fn stops_on_sigint_and_token_lifetime_from_the_command_line() {
    let running = Running::spawn(command(&["--token-lifetime", "0s"]));
    let http = Http::new(&running.base_url);
    let token = http
        .token(&ClientCredentials::new(
            Emulator::CLIENT_ID,
            Emulator::CLIENT_SECRET,
        ))
        .await;
    let reply = http.get(&token, "/exchange-partners").await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["code"], "ExpiredAccessToken");

    let (status, stderr) = running.stop("INT");
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert!(stderr.contains("SIGINT"), "{stderr}");
}

#[test]
fn help_bad_arguments_and_a_taken_port() {
    let out = command(&["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let usage = String::from_utf8(out.stdout).unwrap();
    assert!(usage.starts_with("usage: dwolla-emulator"), "{usage}");
    assert!(usage.contains("--rate-limit-next N[:SECS]"), "{usage}");

    for (args, env, message) in [
        (
            &["--fail-next", "2:abc"][..],
            None,
            "the status must be a number from 400 to 599",
        ),
        (&["--frobnicate"][..], None, "unknown option `--frobnicate`"),
        (&["--port"][..], None, "`--port` needs a value"),
        (
            &[][..],
            Some("delay-next=1:fast"),
            "DWOLLA_EMULATOR_FAULTS: delay-next=1:fast:",
        ),
    ] {
        let mut cmd = command(args);
        if let Some(faults) = env {
            cmd.env("DWOLLA_EMULATOR_FAULTS", faults);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }

    // A port in use: it cannot start, and says so.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = command(&["--port", &port]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
}
