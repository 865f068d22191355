//! Dwolla's rules for customer and beneficial-owner bodies, each refusal an
//! embedded error with the JSON pointer of the member (`/firstName`,
//! `/controller/address/country`), collected so one answer lists them all.

use serde_json::{json, Map, Value};

use super::super::respond::{rfc3339_now, Problems};

/// Names, addresses and cities: at most 50 characters.
pub(crate) const MAX_NAME: usize = 50;
/// `businessName`, `doingBusinessAs`, `correlationId`: at most 255.
pub(crate) const MAX_LONG: usize = 255;
/// A controller's `title`: at most 100.
pub(crate) const MAX_TITLE: usize = 100;
/// Characters Dwolla refuses in names.
const FORBIDDEN: &[char] = &[
    '<', '>', '=', '"', '`', '!', '?', '%', '~', '$', '{', '}', '\\',
];

/// US states, DC and territories (two-letter codes), as `state` takes them.
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "UM", "AA", "AE", "AP",
];

/// `firstName` -> `FirstName`, as Dwolla names members in messages.
pub(crate) fn label(member: &str) -> String {
    let mut chars = member.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Reads the members of one JSON object, refusing what breaks the rules;
/// `prefix` is the object's JSON pointer (`""` for the body).
pub(crate) struct Fields<'a> {
    pub(crate) obj: &'a Map<String, Value>,
    pub(crate) prefix: String,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(obj: &'a Map<String, Value>, prefix: impl Into<String>) -> Self {
        Fields {
            obj,
            prefix: prefix.into(),
        }
    }

    pub(crate) fn path(&self, member: &str) -> String {
        format!("{}/{member}", self.prefix)
    }

    pub(crate) fn has(&self, member: &str) -> bool {
        self.obj.get(member).is_some_and(|v| !v.is_null())
    }

    /// A string member: `None` when absent (or null); a non-string is refused.
    pub(crate) fn text(&self, p: &mut Problems, member: &str) -> Option<&'a str> {
        match self.obj.get(member) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => {
                p.push(
                    "Invalid",
                    format!("{} must be a string.", label(member)),
                    self.path(member),
                );
                None
            }
        }
    }

    /// A required string member, not blank.
    pub(crate) fn required(&self, p: &mut Problems, member: &str) -> Option<&'a str> {
        let given = self.text(p, member);
        match given {
            Some(s) if !s.trim().is_empty() => Some(s),
            _ if self
                .obj
                .get(member)
                .is_some_and(|v| !v.is_string() && !v.is_null()) =>
            {
                None
            }
            _ => {
                p.push(
                    "Required",
                    format!("{} is required.", label(member)),
                    self.path(member),
                );
                None
            }
        }
    }

    /// A name-like member: at most `max` characters, none of Dwolla's
    /// forbidden ones.
    pub(crate) fn name(
        &self,
        p: &mut Problems,
        member: &str,
        required: bool,
        max: usize,
    ) -> Option<&'a str> {
        let value = if required {
            self.required(p, member)?
        } else {
            self.text(p, member)?
        };
        if value.chars().count() > max {
            p.push(
                "Invalid",
                format!("{} must be {max} characters or less.", label(member)),
                self.path(member),
            );
            return None;
        }
        if value.contains(FORBIDDEN) {
            p.push(
                "Invalid",
                format!(
                    "{} cannot contain any of the characters <>=\"`!?%~${{}}\\.",
                    label(member)
                ),
                self.path(member),
            );
            return None;
        }
        Some(value)
    }

    /// A street line: at most 50 characters, no PO Box.
    pub(crate) fn street(&self, p: &mut Problems, member: &str, required: bool) -> Option<&'a str> {
        let value = self.name(p, member, required, MAX_NAME)?;
        if is_po_box(value) {
            p.push(
                "Invalid",
                format!("{} cannot be a PO Box.", label(member)),
                self.path(member),
            );
            return None;
        }
        Some(value)
    }

    /// `email`: required, `local@domain.tld`.
    pub(crate) fn email(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.required(p, "email")?;
        if !is_email(value) {
            p.push(
                "InvalidFormat",
                "Email must be a valid email address.",
                self.path("email"),
            );
            return None;
        }
        Some(value)
    }

    /// `dateOfBirth`: `YYYY-MM-DD`, 18 to 125 years before today.
    pub(crate) fn date_of_birth(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.required(p, "dateOfBirth")?;
        let Some(dob) = parse_date(value) else {
            p.push(
                "InvalidFormat",
                "DateOfBirth must be a date in YYYY-MM-DD format.",
                self.path("dateOfBirth"),
            );
            return None;
        };
        let age = age_on(dob, today());
        if !(18..=125).contains(&age) {
            p.push(
                "Invalid",
                "DateOfBirth must be between 18 and 125 years ago.",
                self.path("dateOfBirth"),
            );
            return None;
        }
        Some(value)
    }

    /// `ssn`: the last four digits or all nine (dashes allowed); the
    /// number of digits.
    pub(crate) fn ssn(&self, p: &mut Problems, required: bool, nine_only: bool) -> Option<usize> {
        let value = if required {
            self.required(p, "ssn")?
        } else {
            self.text(p, "ssn")?
        };
        let digits = ssn_digits(value);
        match digits {
            Some(9) => Some(9),
            Some(4) if !nine_only => Some(4),
            _ => {
                let message = if nine_only {
                    "Ssn must be the full nine digits."
                } else {
                    "Ssn must be the last four digits or the full nine digits."
                };
                p.push("InvalidFormat", message, self.path("ssn"));
                None
            }
        }
    }

    /// `state`: a two-letter US state or territory.
    pub(crate) fn us_state(&self, p: &mut Problems, member: &str) -> Option<&'a str> {
        let value = self.required(p, member)?;
        if !US_STATES.contains(&value.trim().to_ascii_uppercase().as_str()) {
            p.push(
                "Invalid",
                format!(
                    "{} must be a two-letter US state or territory abbreviation.",
                    label(member)
                ),
                self.path(member),
            );
            return None;
        }
        Some(value)
    }

    /// `postalCode`: `12345` or `12345-6789`.
    pub(crate) fn us_postal_code(&self, p: &mut Problems, required: bool) -> Option<&'a str> {
        let value = if required {
            self.required(p, "postalCode")?
        } else {
            self.text(p, "postalCode")?
        };
        if !is_us_postal_code(value) {
            p.push(
                "InvalidFormat",
                "PostalCode must be a five-digit (or ZIP+4) US postal code.",
                self.path("postalCode"),
            );
            return None;
        }
        Some(value)
    }

    /// A two-letter country code (or `USA`, as the spec's examples write it).
    pub(crate) fn country(&self, p: &mut Problems, member: &str) -> Option<&'a str> {
        let value = self.required(p, member)?;
        let two_letters = value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic());
        if !two_letters && !value.eq_ignore_ascii_case("USA") {
            p.push(
                "Invalid",
                format!("{} must be a two-letter ISO country code.", label(member)),
                self.path(member),
            );
            return None;
        }
        Some(value)
    }

    /// Optional `phone`: ten digits.
    pub(crate) fn phone(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.text(p, "phone")?;
        if value.len() != 10 || !value.bytes().all(|b| b.is_ascii_digit()) {
            p.push(
                "InvalidFormat",
                "Phone must be 10 digits, without separators.",
                self.path("phone"),
            );
            return None;
        }
        Some(value)
    }

    /// Optional `ipAddress`: an IPv4 or IPv6 address.
    pub(crate) fn ip_address(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.text(p, "ipAddress")?;
        if value.trim().parse::<std::net::IpAddr>().is_err() {
            p.push(
                "Invalid",
                "IpAddress must be an IPv4 or IPv6 address.",
                self.path("ipAddress"),
            );
            return None;
        }
        Some(value)
    }

    /// Optional `correlationId`: at most 255 of `a-z A-Z 0-9 - . _`.
    pub(crate) fn correlation_id(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.text(p, "correlationId")?;
        let ok = !value.is_empty()
            && value.len() <= MAX_LONG
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
        if !ok {
            p.push(
                "Invalid",
                "CorrelationId must be 255 characters or less of a-z, 0-9, '-', '.' and '_'.",
                self.path("correlationId"),
            );
            return None;
        }
        Some(value)
    }

    /// Optional `website`: an `http(s)://` URL with a dotted host.
    pub(crate) fn website(&self, p: &mut Problems) -> Option<&'a str> {
        let value = self.text(p, "website")?;
        let host = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
        let ok = host.is_some_and(|h| {
            h.contains('.') && !h.starts_with('.') && !h.ends_with('.') && !h.contains(' ')
        });
        if !ok {
            p.push(
                "Invalid",
                "Website must be a URL such as https://www.domain.com.",
                self.path("website"),
            );
            return None;
        }
        Some(value)
    }

    /// `ein`: nine digits (`12-3456789` allowed).
    pub(crate) fn ein(&self, p: &mut Problems, required: bool) -> Option<&'a str> {
        let value = if required {
            self.required(p, "ein")?
        } else {
            self.text(p, "ein")?
        };
        let digits: String = value.chars().filter(|c| *c != '-').collect();
        if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            p.push(
                "InvalidFormat",
                "Ein must be nine digits.",
                self.path("ein"),
            );
            return None;
        }
        Some(value)
    }

    /// A nested object member (`controller`, `address`, `passport`).
    pub(crate) fn object(
        &self,
        p: &mut Problems,
        member: &str,
        required: bool,
    ) -> Option<Fields<'a>> {
        match self.obj.get(member) {
            Some(Value::Object(o)) => Some(Fields::new(o, self.path(member))),
            None | Some(Value::Null) => {
                if required {
                    p.push(
                        "Required",
                        format!("{} is required.", label(member)),
                        self.path(member),
                    );
                }
                None
            }
            Some(_) => {
                p.push(
                    "Invalid",
                    format!("{} must be an object.", label(member)),
                    self.path(member),
                );
                None
            }
        }
    }

    /// An international address (`controller.address`, a beneficial
    /// owner's `address`): the members shown afterwards.
    pub(crate) fn international_address(&self, p: &mut Problems) -> Option<Value> {
        let a = self.object(p, "address", true)?;
        let before = p.len();
        let mut shown = Map::new();
        for (member, required) in [("address1", true), ("address2", false), ("address3", false)] {
            if let Some(v) = a.street(p, member, required) {
                shown.insert(member.into(), json!(v));
            }
        }
        if let Some(v) = a.name(p, "city", true, MAX_NAME) {
            shown.insert("city".into(), json!(v));
        }
        let country = a.country(p, "country");
        if let Some(c) = country {
            shown.insert("country".into(), json!(c.to_ascii_uppercase()));
        }
        let is_us =
            country.is_some_and(|c| c.eq_ignore_ascii_case("US") || c.eq_ignore_ascii_case("USA"));
        if is_us {
            if let Some(v) = a.us_state(p, "stateProvinceRegion") {
                shown.insert("stateProvinceRegion".into(), json!(v.to_ascii_uppercase()));
            }
        } else if let Some(v) = a.name(p, "stateProvinceRegion", true, MAX_NAME) {
            shown.insert("stateProvinceRegion".into(), json!(v));
        }
        if is_us {
            if let Some(v) = a.us_postal_code(p, true) {
                shown.insert("postalCode".into(), json!(v));
            }
        } else if let Some(v) = a.name(p, "postalCode", false, MAX_NAME) {
            shown.insert("postalCode".into(), json!(v));
        }
        (p.len() == before).then_some(Value::Object(shown))
    }

    /// `ssn` or `passport {number, country}`: exactly one (an SSN of nine
    /// digits when `nine_digit_ssn`, else four or nine); the SSN's digits, or
    /// 0 for a passport.
    pub(crate) fn ssn_or_passport(&self, p: &mut Problems, nine_digit_ssn: bool) -> Option<usize> {
        match (self.has("ssn"), self.has("passport")) {
            (true, _) => self.ssn(p, true, nine_digit_ssn),
            (false, true) => {
                let passport = self.object(p, "passport", true)?;
                let number = passport.required(p, "number");
                let country = passport.country(p, "country");
                (number.is_some() && country.is_some()).then_some(0)
            }
            (false, false) => {
                p.push(
                    "Required",
                    "Ssn (or a passport for a non-US person) is required.",
                    self.path("ssn"),
                );
                None
            }
        }
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let clean = |part: &str| !part.is_empty() && !part.contains(char::is_whitespace);
    clean(local)
        && clean(domain)
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

fn is_po_box(s: &str) -> bool {
    let squashed: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed.starts_with("pobox")
        || squashed.starts_with("postofficebox")
        || squashed.contains("pobox")
}

fn is_us_postal_code(s: &str) -> bool {
    let b = s.as_bytes();
    let five = |x: &[u8]| x.len() == 5 && x.iter().all(u8::is_ascii_digit);
    match b.len() {
        5 => five(b),
        10 => five(&b[..5]) && b[5] == b'-' && b[6..].iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// The digits of an SSN written as `123456789`, `123-45-6789` or `1234`.
pub(crate) fn ssn_digits(s: &str) -> Option<usize> {
    let s = s.trim();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    let others_are_dashes = s.chars().all(|c| c.is_ascii_digit() || c == '-');
    (others_are_dashes && !s.starts_with('-') && !s.ends_with('-')).then_some(digits)
}

/// `YYYY-MM-DD` as (year, month, day), for a real calendar date.
pub(crate) fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = num(0..4)?;
    let month = u32::try_from(num(5..7)?).ok()?;
    let day = u32::try_from(num(8..10)?).ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (day >= 1 && day <= days_in_month).then_some((year, month, day))
}

/// Today's date (UTC).
pub(crate) fn today() -> (i64, u32, u32) {
    let now = rfc3339_now();
    parse_date(now.get(..10).unwrap_or("1970-01-01")).unwrap_or((1970, 1, 1))
}

/// Whole years from `born` to `on`.
pub(crate) fn age_on(born: (i64, u32, u32), on: (i64, u32, u32)) -> i64 {
    let mut age = on.0 - born.0;
    if (on.1, on.2) < (born.1, born.2) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_email("a.b@example.com"));
        for bad in ["", "a@b", "@b.com", "a@.com", "a b@c.com", "a@b.com."] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_po_box("P.O. Box 12"));
        assert!(is_po_box("PO Box 12"));
        assert!(!is_po_box("12 Pobart St"));
        assert!(is_us_postal_code("50309"));
        assert!(is_us_postal_code("50309-1234"));
        assert!(!is_us_postal_code("5030"));
        assert!(!is_us_postal_code("50309-12"));
        assert_eq!(ssn_digits("123-45-6789"), Some(9));
        assert_eq!(ssn_digits("1234"), Some(4));
        assert_eq!(ssn_digits("12a4"), None);
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("2001-13-01"), None);
        assert_eq!(parse_date("2001-1-01"), None);
        assert_eq!(age_on((2000, 6, 15), (2018, 6, 14)), 17);
        assert_eq!(age_on((2000, 6, 15), (2018, 6, 15)), 18);
        assert_eq!(label("dateOfBirth"), "DateOfBirth");
    }
}
