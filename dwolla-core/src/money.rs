//! Money: [`Amount`], exact to the cent, never a float.
//!
//! Dwolla sends and takes amounts as `{"currency": "USD", "value": "10.00"}`,
//! the value a decimal string. An `Amount` keeps whole cents in an `i64`, so
//! nothing is ever rounded: it reads `"5"`, `"5.0"` and `"5.00"` alike,
//! always writes exactly two decimals, and refuses what it cannot hold
//! exactly (a third decimal, which Dwolla would silently round with
//! banker's rounding, a float-like `1e3`, `NaN`, an overflow) with
//! [`Error::InvalidInput`].
//!
//! ```
//! use dwolla_core::Amount;
//!
//! # fn main() -> Result<(), dwolla_core::Error> {
//! let a = Amount::usd("10")?;
//! assert_eq!(a, Amount::usd("10.00")?);
//! assert_eq!(a.to_string(), "10.00");
//! assert_eq!(a.cents(), 1000);
//! assert_eq!(Amount::from_cents(5).to_string(), "0.05");
//! // A third decimal would be rounded by Dwolla: refused here instead.
//! assert!(Amount::usd("10.005").is_err());
//! // Only label ledger entries take a negative amount.
//! assert!(Amount::usd("-1.00").is_err());
//! assert_eq!(Amount::usd_signed("-1.5")?.to_string(), "-1.50");
//! # Ok(()) }
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// An amount of money in whole cents, with its currency (always `USD` for
/// amounts this SDK builds; what Dwolla sends is kept as sent).
///
/// Signed, because some amounts are (a label ledger entry that decreases a
/// label, a negative balance Dwolla reports). Operations that only take a
/// positive amount (a transfer, a fee) check it before any request exists.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Amount {
    cents: i64,
    currency: Cow<'static, str>,
}

/// The currency of every amount this SDK builds.
pub const USD: &str = "USD";

impl Amount {
    /// A non-negative USD amount from its decimal text: digits, optionally a
    /// `.` and one or two more digits (`"5"`, `"5.0"`, `"5.00"`, `"0.05"`).
    /// Anything else (a sign, a third decimal, an exponent, white space, more
    /// than 15 digits before the point) is [`Error::InvalidInput`] for
    /// `amount`.
    pub fn usd(text: &str) -> Result<Amount, Error> {
        match parse_cents(text, false) {
            Ok(cents) => Ok(Amount::from_cents(cents)),
            Err(reason) => Err(Error::invalid("amount", reason)),
        }
    }

    /// Like [`usd`](Self::usd), but a leading `-` is allowed: for the amounts
    /// Dwolla lets be negative (label ledger entries).
    pub fn usd_signed(text: &str) -> Result<Amount, Error> {
        match parse_cents(text, true) {
            Ok(cents) => Ok(Amount::from_cents(cents)),
            Err(reason) => Err(Error::invalid("amount", reason)),
        }
    }

    /// A USD amount of `cents` cents (negative for a decrease).
    pub const fn from_cents(cents: i64) -> Amount {
        Amount {
            cents,
            currency: Cow::Borrowed(USD),
        }
    }

    /// The amount in cents.
    pub fn cents(&self) -> i64 {
        self.cents
    }

    /// The currency, as Dwolla spells it (`USD`).
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// True when it is more than zero.
    pub fn is_positive(&self) -> bool {
        self.cents > 0
    }

    /// True when it is less than zero.
    pub fn is_negative(&self) -> bool {
        self.cents < 0
    }

    /// The sum, or `None` on overflow or when the currencies differ.
    pub fn checked_add(&self, other: &Amount) -> Option<Amount> {
        (self.currency == other.currency).then_some(())?;
        Some(Amount {
            cents: self.cents.checked_add(other.cents)?,
            currency: self.currency.clone(),
        })
    }

    /// The difference, or `None` on overflow or when the currencies differ.
    pub fn checked_sub(&self, other: &Amount) -> Option<Amount> {
        (self.currency == other.currency).then_some(())?;
        Some(Amount {
            cents: self.cents.checked_sub(other.cents)?,
            currency: self.currency.clone(),
        })
    }

    /// An amount as Dwolla sent it (the value already read into cents), any
    /// currency.
    pub(crate) fn from_wire(cents: i64, currency: Option<&str>) -> Amount {
        let currency = match currency {
            Some(c) if c != USD => Cow::Owned(c.to_owned()),
            _ => Cow::Borrowed(USD),
        };
        Amount { cents, currency }
    }

    /// Writes the value with exactly two decimals into `out`.
    pub(crate) fn write_value(&self, out: &mut Vec<u8>) {
        // Digit by digit rather than through `write!`: the formatting
        // machinery cost more than the rest of writing a transfer's body.
        let magnitude = self.cents.unsigned_abs();
        if self.cents < 0 {
            out.push(b'-');
        }
        // u64::MAX / 100 has 18 digits.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut whole = magnitude / 100;
        loop {
            at -= 1;
            digits[at] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[at..]);
        let fraction = (magnitude % 100) as u8;
        out.extend_from_slice(&[b'.', b'0' + fraction / 10, b'0' + fraction % 10]);
    }
}

/// Checks an amount a request sends: in USD, the only currency Dwolla moves.
/// (Amounts built by this crate always are; one read from a response and
/// sent back may not be.)
pub(crate) fn check_usd(field: &'static str, amount: &Amount) -> Result<(), Error> {
    if amount.currency() != USD {
        return Err(Error::invalid(
            field,
            format!("must be in USD (it is in {:?})", amount.currency()),
        ));
    }
    Ok(())
}

/// Checks an amount a request moves (a transfer, a fee, a label, a
/// micro-deposit): in USD and more than zero, i.e. at least $0.01.
pub(crate) fn check_positive(field: &'static str, amount: &Amount) -> Result<(), Error> {
    check_usd(field, amount)?;
    if !amount.is_positive() {
        return Err(Error::invalid(
            field,
            format!("must be more than zero (it is {amount})"),
        ));
    }
    Ok(())
}

/// A value as Dwolla sent it (a string, possibly padded), in cents.
pub(crate) fn parse_wire_cents(value: &str) -> Option<i64> {
    parse_cents(value.trim(), true).ok()
}

/// The largest number of digits before the point: 15 digits of dollars
/// (under a quadrillion) stay far inside an `i64` of cents.
const MAX_WHOLE_DIGITS: usize = 15;

/// Whole cents from decimal text, or why not.
fn parse_cents(text: &str, signed: bool) -> Result<i64, Cow<'static, str>> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) if signed => (true, rest),
        Some(_) => {
            return Err(
                "must not be negative (only label ledger entries take a negative amount)".into(),
            )
        }
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) {
        return Err(format!(
            "must be a decimal number such as `10.00` (digits, then optionally `.` and one or two digits), not {text:?}"
        )
        .into());
    }
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(format!("must be under 10^{MAX_WHOLE_DIGITS} dollars").into());
    }
    let fraction_cents = match fraction {
        None => 0,
        Some(f) if !is_digits(f) => {
            return Err(format!(
                "must be a decimal number such as `10.00` (digits, then optionally `.` and one or two digits), not {text:?}"
            )
            .into())
        }
        Some(f) if f.len() > 2 => {
            return Err(format!(
                "must have at most two decimals (Dwolla would round {text:?} with banker's rounding)"
            )
            .into())
        }
        Some(f) => {
            let n: i64 = f.parse().map_err(|_| "is not a decimal number")?;
            if f.len() == 1 {
                n * 10
            } else {
                n
            }
        }
    };
    let whole: i64 = whole.parse().map_err(|_| "is too large")?;
    let cents = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction_cents))
        .ok_or("is too large")?;
    Ok(if negative { -cents } else { cents })
}

impl fmt::Display for Amount {
    /// The value with exactly two decimals (`10.00`, `-0.50`), without the
    /// currency.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::with_capacity(24);
        self.write_value(&mut out);
        // Only ASCII digits, `-` and `.` were written.
        f.write_str(std::str::from_utf8(&out).unwrap_or_default())
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self} {})", self.currency)
    }
}

impl FromStr for Amount {
    type Err = Error;

    /// [`Amount::usd_signed`].
    fn from_str(s: &str) -> Result<Amount, Error> {
        Amount::usd_signed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_alike_writes_two_decimals() {
        for (text, cents) in [
            ("5", 500),
            ("5.0", 500),
            ("5.00", 500),
            ("0.05", 5),
            ("0.5", 50),
            ("0", 0),
            ("000123.45", 12345),
            ("999999999999999.99", 99_999_999_999_999_999),
        ] {
            let a = Amount::usd(text).unwrap();
            assert_eq!(a.cents(), cents, "{text}");
        }
        assert_eq!(Amount::from_cents(-5).to_string(), "-0.05");
        assert_eq!(Amount::from_cents(123456).to_string(), "1234.56");
        assert_eq!(Amount::from_cents(i64::MIN).cents(), i64::MIN);
        // Formatting the most negative value does not overflow.
        assert_eq!(
            Amount::from_cents(i64::MIN).to_string(),
            "-92233720368547758.08"
        );
    }

    #[test]
    fn refuses_what_it_cannot_hold_exactly() {
        for bad in [
            "",
            ".",
            "5.",
            ".5",
            "5.001",
            "1e3",
            "NaN",
            "inf",
            "+5",
            " 5",
            "5 ",
            "5,00",
            "0x10",
            "--5",
            "-",
            "1234567890123456",
            "５",
        ] {
            let err = Amount::usd(bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput(i) if i.field() == "amount"),
                "{bad:?}: {err:?}"
            );
        }
        assert!(Amount::usd("-5").is_err());
        assert_eq!(Amount::usd_signed("-5").unwrap().cents(), -500);
    }

    proptest::proptest! {
        /// The digit-by-digit writer writes what `format!` would.
        #[test]
        fn writes_what_format_would(cents in proptest::num::i64::ANY) {
            let m = cents.unsigned_abs();
            let sign = if cents < 0 { "-" } else { "" };
            proptest::prop_assert_eq!(
                Amount::from_cents(cents).to_string(),
                format!("{sign}{}.{:02}", m / 100, m % 100)
            );
        }

        /// Every amount under the limit round-trips its text (the range is
        /// the limit's, so that every case checks something).
        #[test]
        fn round_trips(cents in -(10i64.pow(MAX_WHOLE_DIGITS as u32 + 2) - 1)..10i64.pow(MAX_WHOLE_DIGITS as u32 + 2)) {
            let a = Amount::from_cents(cents);
            let text = a.to_string();
            proptest::prop_assert_eq!(Amount::usd_signed(&text).unwrap(), a);
        }

        /// Every amount at or over the limit writes text that is refused
        /// when read back, never a wrong amount.
        #[test]
        fn over_the_limit_is_refused(
            cents in proptest::prop_oneof![
                10i64.pow(MAX_WHOLE_DIGITS as u32 + 2)..=i64::MAX,
                i64::MIN..=-(10i64.pow(MAX_WHOLE_DIGITS as u32 + 2)),
            ]
        ) {
            let text = Amount::from_cents(cents).to_string();
            proptest::prop_assert!(Amount::usd_signed(&text).is_err(), "{}", text);
        }

        /// Any text either reads as the amount it says or is refused; never a panic.
        #[test]
        fn any_text(text in "\\PC{0,24}|-?[0-9]{0,17}(\\.[0-9]{0,3})?") {
            if let Ok(a) = Amount::usd_signed(&text) {
                let reread = Amount::usd_signed(&a.to_string()).unwrap();
                proptest::prop_assert_eq!(reread, a);
            }
        }
    }
}
