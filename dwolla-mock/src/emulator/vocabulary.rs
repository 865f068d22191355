//! The fault vocabulary in text: `NAME=VALUE` items such as `fail-next=2:503`,
//! one parser shared by the `dwolla-emulator` command line, its
//! `DWOLLA_EMULATOR_FAULTS` variable and the `POST /_emulator/faults` route.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// One fault (or fault-plan change) in words: each variant is one
/// [`Emulator`](super::Emulator) method, applied with
/// [`Emulator::inject`](super::Emulator::inject).
///
/// Written `NAME=VALUE` (or `NAME` alone for those without a value); names
/// are the method names with `-` for `_` (both spellings are read). See
/// [`Fault::VOCABULARY`] for the list. Counts are at least 1; durations are a
/// whole number with a unit: `250ms`, `2s`, `1m`, `1h`.
///
/// ```
/// use std::time::Duration;
/// use dwolla_mock::emulator::Fault;
///
/// let faults = Fault::parse_list("fail-next=2:503, rate-limit-next=1:7,delay-next=3:250ms")?;
/// assert_eq!(faults[0], Fault::FailNext { n: 2, status: 503 });
/// assert_eq!(faults[1], Fault::RateLimitNext { n: 1, retry_after_secs: Some(7) });
/// assert_eq!(faults[2], Fault::DelayNext { n: 3, delay: Duration::from_millis(250) });
/// assert_eq!(faults[2].to_string(), "delay-next=3:250ms");
/// assert!("fail-next=2:abc".parse::<Fault>().is_err());
/// # Ok::<(), dwolla_mock::emulator::FaultParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// `fail-next=N:STATUS`: [`Emulator::fail_next`](super::Emulator::fail_next).
    FailNext {
        /// How many requests.
        n: u32,
        /// The status they answer (400 to 599).
        status: u16,
    },
    /// `rate-limit-next=N[:SECS]`:
    /// [`Emulator::rate_limit_next`](super::Emulator::rate_limit_next).
    RateLimitNext {
        /// How many requests.
        n: u32,
        /// The `Retry-After` header, in seconds, if any.
        retry_after_secs: Option<u64>,
    },
    /// `delay-next=N:DURATION`: [`Emulator::delay_next`](super::Emulator::delay_next).
    DelayNext {
        /// How many requests.
        n: u32,
        /// How long each waits (at most an hour).
        delay: Duration,
    },
    /// `close-next-mid-response=N`:
    /// [`Emulator::close_next_mid_response`](super::Emulator::close_next_mid_response).
    CloseNextMidResponse {
        /// How many requests.
        n: u32,
    },
    /// `oversized-next=N:BYTES`:
    /// [`Emulator::oversized_next`](super::Emulator::oversized_next).
    OversizedNext {
        /// How many requests.
        n: u32,
        /// The body size (at most 256 MiB).
        bytes: usize,
    },
    /// `fail-next-token=N:STATUS`:
    /// [`Emulator::fail_next_token`](super::Emulator::fail_next_token).
    FailNextToken {
        /// How many token requests.
        n: u32,
        /// The status they answer (400 to 599).
        status: u16,
    },
    /// `delay-next-token=N:DURATION`:
    /// [`Emulator::delay_next_token`](super::Emulator::delay_next_token).
    DelayNextToken {
        /// How many token requests.
        n: u32,
        /// How long each waits (at most an hour).
        delay: Duration,
    },
    /// `token-lifetime=DURATION`:
    /// [`Emulator::set_token_lifetime`](super::Emulator::set_token_lifetime)
    /// (`0s` issues tokens that are already expired).
    TokenLifetime(Duration),
    /// `expire-all-tokens`:
    /// [`Emulator::expire_all_tokens`](super::Emulator::expire_all_tokens).
    ExpireAllTokens,
    /// `clear-faults`: [`Emulator::clear_faults`](super::Emulator::clear_faults).
    ClearFaults,
}

/// One name of the vocabulary, for usage texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaultSyntax {
    /// The name, e.g. `fail-next`.
    pub name: &'static str,
    /// The value's syntax, e.g. `N:STATUS`; `None` when it takes no value.
    pub value: Option<&'static str>,
    /// What it does, in a line.
    pub help: &'static str,
}

impl Fault {
    /// Every name, its value and what it does.
    pub const VOCABULARY: &'static [FaultSyntax] = &[
        FaultSyntax {
            name: "fail-next",
            value: Some("N:STATUS"),
            help: "the next N API calls answer STATUS (500 JSON ServerError, 502/503/504 HTML page, 429, 401, ...)",
        },
        FaultSyntax {
            name: "rate-limit-next",
            value: Some("N[:SECS]"),
            help: "the next N API calls answer 429, with Retry-After: SECS if given",
        },
        FaultSyntax {
            name: "delay-next",
            value: Some("N:DURATION"),
            help: "the next N API calls wait DURATION first",
        },
        FaultSyntax {
            name: "close-next-mid-response",
            value: Some("N"),
            help: "the next N API calls are processed, then the connection closes mid-body",
        },
        FaultSyntax {
            name: "oversized-next",
            value: Some("N:BYTES"),
            help: "the next N API calls answer 200/201 with a BYTES-long body, unprocessed",
        },
        FaultSyntax {
            name: "fail-next-token",
            value: Some("N:STATUS"),
            help: "the next N token requests answer STATUS (5xx as an HTML page)",
        },
        FaultSyntax {
            name: "delay-next-token",
            value: Some("N:DURATION"),
            help: "the next N token requests wait DURATION first",
        },
        FaultSyntax {
            name: "token-lifetime",
            value: Some("DURATION"),
            help: "tokens issued from now on live DURATION (0s: already expired)",
        },
        FaultSyntax {
            name: "expire-all-tokens",
            value: None,
            help: "every token issued so far is expired",
        },
        FaultSyntax {
            name: "clear-faults",
            value: None,
            help: "cancel every planned fault",
        },
    ];

    /// The syntax of `name` (either spelling), if it is a fault name.
    pub fn syntax(name: &str) -> Option<&'static FaultSyntax> {
        let name = name.trim().replace('_', "-");
        Self::VOCABULARY.iter().find(|s| s.name == name)
    }

    /// One fault from its name and value, as a command line gives them
    /// (`--fail-next 2:503` is `parse("fail-next", Some("2:503"))`).
    pub fn parse(name: &str, value: Option<&str>) -> Result<Fault, FaultParseError> {
        let syntax = Self::syntax(name).ok_or_else(|| {
            FaultParseError(format!(
                "unknown fault `{name}` (known: {})",
                Self::VOCABULARY
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let fail = |why: &str| {
            FaultParseError(match value {
                Some(v) => format!("{}={v}: {why}", syntax.name),
                None => format!("{}: {why}", syntax.name),
            })
        };
        let Some(value_syntax) = syntax.value else {
            return match value {
                None if syntax.name == "expire-all-tokens" => Ok(Fault::ExpireAllTokens),
                None => Ok(Fault::ClearFaults),
                Some(_) => Err(fail("takes no value")),
            };
        };
        let value = value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| fail(&format!("needs a value: {}={value_syntax}", syntax.name)))?;
        let (first, rest) = match value.split_once(':') {
            Some((a, b)) => (a, Some(b)),
            None => (value, None),
        };
        let count = || parse_count(first).map_err(|why| fail(&why));
        let need = |what: &str| {
            rest.ok_or_else(|| fail(&format!("needs {what}: {}={value_syntax}", syntax.name)))
        };
        let only_one = |f: Fault| match rest {
            Some(_) => Err(fail(&format!("expected {}={value_syntax}", syntax.name))),
            None => Ok(f),
        };
        match syntax.name {
            "fail-next" => Ok(Fault::FailNext {
                n: count()?,
                status: parse_status(need("a status")?).map_err(|why| fail(&why))?,
            }),
            "fail-next-token" => Ok(Fault::FailNextToken {
                n: count()?,
                status: parse_status(need("a status")?).map_err(|why| fail(&why))?,
            }),
            "rate-limit-next" => {
                let retry_after_secs = match rest {
                    Some(s) => Some(
                        s.trim()
                            .parse::<u64>()
                            .map_err(|_| fail("Retry-After must be a whole number of seconds"))?,
                    ),
                    None => None,
                };
                Ok(Fault::RateLimitNext {
                    n: count()?,
                    retry_after_secs,
                })
            }
            "delay-next" => Ok(Fault::DelayNext {
                n: count()?,
                delay: parse_delay(need("a duration")?).map_err(|why| fail(&why))?,
            }),
            "delay-next-token" => Ok(Fault::DelayNextToken {
                n: count()?,
                delay: parse_delay(need("a duration")?).map_err(|why| fail(&why))?,
            }),
            "close-next-mid-response" => only_one(Fault::CloseNextMidResponse { n: count()? }),
            "oversized-next" => Ok(Fault::OversizedNext {
                n: count()?,
                bytes: parse_bytes(need("a size in bytes")?).map_err(|why| fail(&why))?,
            }),
            "token-lifetime" => only_one(Fault::TokenLifetime(
                parse_duration(first).map_err(|why| fail(&why))?,
            )),
            _ => Err(fail("has no parser")),
        }
    }

    /// A list of `NAME=VALUE` items separated by commas or white space, as
    /// `DWOLLA_EMULATOR_FAULTS` and `POST /_emulator/faults` take it. All or
    /// nothing: the first bad item is the error.
    pub fn parse_list(list: &str) -> Result<Vec<Fault>, FaultParseError> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
            .map(str::parse)
            .collect()
    }
}

impl FromStr for Fault {
    type Err = FaultParseError;

    /// `NAME=VALUE`, or `NAME` for those without a value.
    fn from_str(item: &str) -> Result<Fault, FaultParseError> {
        match item.split_once('=') {
            Some((name, value)) => Fault::parse(name, Some(value)),
            None => Fault::parse(item, None),
        }
    }
}

impl fmt::Display for Fault {
    /// The canonical `NAME=VALUE` form, which parses back to the same fault
    /// (durations are written in whole milliseconds or seconds).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::FailNext { n, status } => write!(f, "fail-next={n}:{status}"),
            Fault::RateLimitNext {
                n,
                retry_after_secs: Some(s),
            } => write!(f, "rate-limit-next={n}:{s}"),
            Fault::RateLimitNext { n, .. } => write!(f, "rate-limit-next={n}"),
            Fault::DelayNext { n, delay } => write!(f, "delay-next={n}:{}", Dur(*delay)),
            Fault::CloseNextMidResponse { n } => write!(f, "close-next-mid-response={n}"),
            Fault::OversizedNext { n, bytes } => write!(f, "oversized-next={n}:{bytes}"),
            Fault::FailNextToken { n, status } => write!(f, "fail-next-token={n}:{status}"),
            Fault::DelayNextToken { n, delay } => {
                write!(f, "delay-next-token={n}:{}", Dur(*delay))
            }
            Fault::TokenLifetime(d) => write!(f, "token-lifetime={}", Dur(*d)),
            Fault::ExpireAllTokens => f.write_str("expire-all-tokens"),
            Fault::ClearFaults => f.write_str("clear-faults"),
        }
    }
}

/// A duration in the largest unit that keeps it whole.
struct Dur(Duration);

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if !ms.is_multiple_of(1000) {
            write!(f, "{ms}ms")
        } else {
            write!(f, "{}s", ms / 1000)
        }
    }
}

/// Why a fault was not understood; its message names the item and says
/// what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultParseError(String);

impl fmt::Display for FaultParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultParseError {}

/// Longest delay accepted: longer is a typo that would hang a test.
const MAX_DELAY: Duration = Duration::from_secs(3600);
/// Largest oversized body accepted: it is allocated whole.
const MAX_OVERSIZED: u64 = 256 * 1024 * 1024;

fn parse_count(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(0) => Err("the count must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "the count must be a whole number from 1 to {}",
            u32::MAX
        )),
    }
}

fn parse_status(s: &str) -> Result<u16, String> {
    match s.trim().parse::<u16>() {
        Ok(status @ 400..=599) => Ok(status),
        _ => Err("the status must be a number from 400 to 599".into()),
    }
}

fn parse_bytes(s: &str) -> Result<usize, String> {
    s.trim()
        .parse::<u64>()
        .ok()
        .filter(|&b| b <= MAX_OVERSIZED)
        .and_then(|b| usize::try_from(b).ok())
        .ok_or_else(|| format!("the size must be a whole number of bytes up to {MAX_OVERSIZED}"))
}

fn parse_delay(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d > MAX_DELAY {
        return Err("a delay can be at most 1h".into());
    }
    Ok(d)
}

/// `250ms`, `2s`, `1m`, `1h`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let bad =
        || format!("`{s}` is not a duration: use a whole number and ms, s, m or h (250ms, 2s)");
    let n: u64 = number.parse().map_err(|_| bad())?;
    let ms_per_unit: u64 = match unit {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(bad()),
    };
    n.checked_mul(ms_per_unit)
        .map(Duration::from_millis)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(item: &str) -> String {
        item.parse::<Fault>().unwrap_err().to_string()
    }

    #[test]
    fn every_name_parses_and_prints_back() {
        let items = [
            "fail-next=2:503",
            "rate-limit-next=1:7",
            "rate-limit-next=3",
            "delay-next=3:250ms",
            "close-next-mid-response=1",
            "oversized-next=1:5000000",
            "fail-next-token=1:500",
            "delay-next-token=2:2s",
            "token-lifetime=0s",
            "expire-all-tokens",
            "clear-faults",
        ];
        for item in items {
            let fault: Fault = item.parse().unwrap_or_else(|e| panic!("{item}: {e}"));
            assert_eq!(fault.to_string(), item);
        }
        // Every name of the vocabulary is covered above.
        for s in Fault::VOCABULARY {
            assert!(items.iter().any(|i| i.split('=').next() == Some(s.name)));
        }
    }

    #[test]
    fn values() {
        assert_eq!(
            "fail_next=2:503".parse::<Fault>(),
            Ok(Fault::FailNext { n: 2, status: 503 })
        );
        assert_eq!(
            Fault::parse("rate-limit-next", Some(" 1 : 7 ")),
            Ok(Fault::RateLimitNext {
                n: 1,
                retry_after_secs: Some(7)
            })
        );
        assert_eq!(
            "delay-next=1:1m".parse::<Fault>(),
            Ok(Fault::DelayNext {
                n: 1,
                delay: Duration::from_secs(60)
            })
        );
        assert_eq!(
            "token-lifetime=2h".parse::<Fault>(),
            Ok(Fault::TokenLifetime(Duration::from_secs(7200)))
        );
        assert_eq!(
            "delay-next-token=1:1500ms"
                .parse::<Fault>()
                .unwrap()
                .to_string(),
            "delay-next-token=1:1500ms"
        );
    }

    #[test]
    fn lists() {
        assert_eq!(
            Fault::parse_list(" fail-next=2:503,rate-limit-next=1:7\nexpire-all-tokens ,,"),
            Ok(vec![
                Fault::FailNext { n: 2, status: 503 },
                Fault::RateLimitNext {
                    n: 1,
                    retry_after_secs: Some(7)
                },
                Fault::ExpireAllTokens,
            ])
        );
        assert_eq!(Fault::parse_list(""), Ok(vec![]));
        let e = Fault::parse_list("fail-next=1:503,fail-next=1:99").unwrap_err();
        assert_eq!(
            e.to_string(),
            "fail-next=1:99: the status must be a number from 400 to 599"
        );
    }

    #[test]
    fn bad_items_are_clear_errors() {
        assert!(err("explode=1").starts_with("unknown fault `explode` (known: fail-next, "));
        assert_eq!(
            err("fail-next"),
            "fail-next: needs a value: fail-next=N:STATUS"
        );
        assert_eq!(
            err("fail-next="),
            "fail-next=: needs a value: fail-next=N:STATUS"
        );
        assert_eq!(
            err("fail-next=2"),
            "fail-next=2: needs a status: fail-next=N:STATUS"
        );
        assert_eq!(
            err("fail-next=0:503"),
            "fail-next=0:503: the count must be at least 1"
        );
        assert!(err("fail-next=-1:503").contains("whole number from 1 to"));
        assert!(err("fail-next=99999999999:503").contains("whole number from 1 to"));
        assert!(err("fail-next=1:200").contains("from 400 to 599"));
        assert!(err("fail-next=1:abc").contains("from 400 to 599"));
        assert!(err("rate-limit-next=1:soon").contains("whole number of seconds"));
        assert!(err("delay-next=1:250").contains("is not a duration"));
        assert!(err("delay-next=1:2.5s").contains("is not a duration"));
        assert!(err("delay-next=1:ms").contains("is not a duration"));
        assert_eq!(
            err("delay-next=1:2h"),
            "delay-next=1:2h: a delay can be at most 1h"
        );
        assert!(err("token-lifetime=99999999999999999999h").contains("is not a duration"));
        assert!(err("token-lifetime=18446744073709551615h").contains("is not a duration"));
        assert!(err("oversized-next=1:999999999999").contains("up to"));
        assert!(err("close-next-mid-response=1:2").contains("expected close-next-mid-response=N"));
        assert!(err("token-lifetime=1s:2").contains("expected token-lifetime=DURATION"));
        assert_eq!(
            err("expire-all-tokens=1"),
            "expire-all-tokens=1: takes no value"
        );
        assert!(err("").starts_with("unknown fault ``"));
        assert!(err("fail-next=1:5é3").contains("from 400 to 599"));
    }
}
