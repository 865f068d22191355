//! [`Date`]: a calendar date, `YYYY-MM-DD`, as Dwolla takes and returns
//! dates (transfer and webhook searches, dates of birth). One parser, so
//! every date input is checked alike.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A calendar date, `YYYY-MM-DD` (searches' `startDate`/`endDate`, a
/// webhook window, a date of birth).
///
/// ```
/// use dwolla_core::Date;
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let d: Date = "2024-02-29".parse()?;
/// assert_eq!(d, Date::new(2024, 2, 29)?);
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err()); // not a leap year
/// assert!("2024-2-9".parse::<Date>().is_err()); // always two digits
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (years 1 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, Error> {
        Date::checked("date", year, month, day)
    }

    /// [`new`](Self::new), naming `field` in the error.
    pub(crate) fn checked(
        field: &'static str,
        year: u16,
        month: u8,
        day: u8,
    ) -> Result<Date, Error> {
        if !(1..=9999).contains(&year) {
            return Err(Error::invalid(field, "the year must be from 1 to 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(Error::invalid(field, "the month must be from 1 to 12"));
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=days).contains(&day) {
            return Err(Error::invalid(
                field,
                format!("the day must be from 1 to {days} in that month"),
            ));
        }
        Ok(Date { year, month, day })
    }

    /// Exactly `YYYY-MM-DD`, a date that exists, naming `field` in the error
    /// (which never quotes the text: a date of birth is a secret).
    pub(crate) fn parse_field(field: &'static str, s: &str) -> Result<Date, Error> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(Error::invalid(field, "must be a date written YYYY-MM-DD"));
        }
        // Ten ASCII bytes: slicing is on char boundaries, and the digits parse.
        let num =
            |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u16>().ok()).unwrap_or(0);
        let month = u8::try_from(num(5..7)).unwrap_or(0);
        let day = u8::try_from(num(8..10)).unwrap_or(0);
        Date::checked(field, num(0..4), month, day)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Exactly `YYYY-MM-DD`, a date that exists.
    fn from_str(s: &str) -> Result<Date, Error> {
        Date::parse_field("date", s)
    }
}
