//! The `dwolla-emulator` binary as a shell script uses it: started with
//! stdin closed and faults on its command line and in its environment,
//! serving until a signal.
#![cfg(feature = "emulator")]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
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
    /// Everything it printed on stdout, up to `DWOLLA_EMULATOR_READY=1`.
    stdout: Vec<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Running {
    /// Spawns and reads stdout up to its last line, `DWOLLA_EMULATOR_READY=1`;
    /// the first is the base URL.
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
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut stdout = Vec::new();
        while stdout.last().map(String::as_str) != Some("DWOLLA_EMULATOR_READY=1") {
            let mut line = String::new();
            let read = out.read_line(&mut line).unwrap();
            assert!(read > 0, "stdout ended after {stdout:?}");
            stdout.push(line.trim_end_matches('\n').to_owned());
        }
        let base_url = stdout[0]
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first stdout line: {:?}", stdout[0]))
            .to_owned();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
        Running {
            child,
            base_url,
            stdout,
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

#[tokio::test]
async fn prints_what_a_client_needs_as_shell_assignments_and_takes_positional_faults() {
    let secret = "it's a secret, with spaces";
    let running = Running::spawn(command(&[
        "--client-secret",
        secret,
        "fail-next=1:503,rate-limit-next=1:2",
        "fail-next=1:502",
    ]));
    let base = running.base_url.clone();
    // What the library says an emulator knows is what the command prints.
    let library = Emulator::start().await.unwrap();
    assert_eq!(
        running.stdout,
        [
            format!("listening on {base}"),
            format!("DWOLLA_BASE_URL={base}"),
            "DWOLLA_CLIENT_ID=emulator-client-id".to_owned(),
            r"DWOLLA_CLIENT_SECRET='it'\''s a secret, with spaces'".to_owned(),
            format!("DWOLLA_CUSTOMER_ID={}", Emulator::CUSTOMER_ID),
            format!(
                "DWOLLA_EMULATOR_CUSTOMER_IDS={}",
                library.customer_ids().join(",")
            ),
            format!(
                "DWOLLA_EMULATOR_ACTIVE_PARTNERS={}",
                library.active_partner_names().join(",")
            ),
            "DWOLLA_EMULATOR_INACTIVE_PARTNERS=Flinks".to_owned(),
            "DWOLLA_EMULATOR_READY=1".to_owned(),
        ]
    );
    assert_eq!(
        running.stdout[6],
        "DWOLLA_EMULATOR_ACTIVE_PARTNERS=Plaid,MX,Finicity,Visa"
    );

    // A shell reads the assignments back as they were, quoted secret included.
    let assignments: String = running.stdout[1..]
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    let mut shell = Command::new("bash")
        .args([
            "-c",
            r#"set -eu -a; . /dev/stdin; printf '%s\n' "$DWOLLA_CLIENT_SECRET" "$DWOLLA_CUSTOMER_ID" "$DWOLLA_EMULATOR_INACTIVE_PARTNERS""#,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run bash");
    shell
        .stdin
        .take()
        .unwrap()
        .write_all(assignments.as_bytes())
        .unwrap();
    let out = shell.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{secret}\n{}\nFlinks\n", Emulator::CUSTOMER_ID)
    );

    // The printed credentials work, and the positional faults were planned,
    // in their order (an API call meets the rate limit before a failure).
    let http = Http::new(&base);
    let token = http
        .token(&ClientCredentials::new(Emulator::CLIENT_ID, secret))
        .await;
    let partners = "/exchange-partners";
    let reply = http.get(&token, partners).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(http.get(&token, partners).await.status, 503);
    assert_eq!(http.get(&token, partners).await.status, 502);
    assert_eq!(http.get(&token, partners).await.status, 200);
    let exchanges = format!("/customers/{}/exchanges", Emulator::CUSTOMER_ID);
    assert_eq!(http.get(&token, &exchanges).await.status, 200);

    let (status, stderr) = running.stop("TERM");
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert!(!stderr.contains(secret), "{stderr}");
}

/// The fenced block after `<!-- ci: emulator-recipe -->` in README.md.
fn readme_recipe() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md at the workspace root");
    let mut lines = readme
        .lines()
        .skip_while(|l| *l != "<!-- ci: emulator-recipe -->")
        .skip(1);
    assert_eq!(lines.next(), Some("```sh"), "the recipe's fence");
    let recipe: Vec<String> = lines
        .take_while(|l| *l != "```")
        .map(str::to_owned)
        .collect();
    assert!(recipe.len() > 3, "{recipe:?}");
    recipe
}

#[tokio::test]
async fn help_names_the_defaults_every_flag_and_the_readme_recipe() {
    let out = command(&["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let usage = String::from_utf8(out.stdout).unwrap();
    assert!(usage.starts_with("usage: dwolla-emulator"), "{usage}");
    assert!(usage.contains("[NAME=VALUE FAULTS]"), "{usage}");
    assert!(usage.contains("--rate-limit-next N[:SECS]"), "{usage}");
    for (flag, default) in [
        ("--port PORT", "default 0"),
        ("--client-id ID", "default emulator-client-id"),
        ("--client-secret SECRET", "default emulator-client-secret"),
    ] {
        let line = usage
            .lines()
            .find(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{flag} missing:\n{usage}"));
        assert!(line.contains(default), "{line}");
    }
    let customer = format!("customer   {}", Emulator::CUSTOMER_ID);
    assert!(usage.contains(&customer), "{usage}");
    // Every partner a started emulator lists, with its status.
    let partners = usage
        .lines()
        .find(|l| l.trim_start().starts_with("partners "))
        .unwrap_or_else(|| panic!("no partners line:\n{usage}"));
    let emulator = Emulator::start().await.unwrap();
    for name in emulator.partner_names() {
        assert!(partners.contains(&name), "{name} missing from {partners}");
    }
    for line in readme_recipe() {
        assert!(
            usage.contains(&format!("\n  {line}\n")),
            "README's recipe line missing from --help: {line}\n{usage}"
        );
    }
}

#[test]
fn bad_arguments_exit_2_naming_the_bad_value_and_a_taken_port_exits_1() {
    for (args, env, message) in [
        (
            &["--fail-next", "2:abc"][..],
            None,
            "fail-next=2:abc: the status must be a number from 400 to 599",
        ),
        (&["--frobnicate"][..], None, "unknown option `--frobnicate`"),
        (&["--port"][..], None, "`--port` needs a value"),
        (&["--port", "http"][..], None, "`http` is not a port"),
        (
            &["fail-next=1:99"][..],
            None,
            "unexpected argument `fail-next=1:99`: neither an option (--NAME) nor a fault: \
             fail-next=1:99:",
        ),
        (
            &["serve"][..],
            None,
            "unexpected argument `serve`: neither an option (--NAME) nor a fault: unknown fault `serve`",
        ),
        (&["--client-id="][..], None, "--client-id: must not be empty"),
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
