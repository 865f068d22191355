//! Request bodies: JSON written member by member in a fixed order, so the
//! same input always gives the same bytes (a retried POST must send a
//! byte-identical body under its idempotency key), with no serde derive
//! per body.

use bytes::Bytes;

use crate::money::Amount;
use crate::request::push_json_str;

/// Writes one JSON object: `{"a":..,"b":..}`. Members are written in the
/// order the calls come; keys are the operation's own literals.
pub(crate) struct ObjectWriter<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

/// A JSON object body, written by `f`.
pub(crate) fn json_object(capacity: usize, f: impl FnOnce(&mut ObjectWriter<'_>)) -> Bytes {
    let mut out = Vec::with_capacity(capacity);
    ObjectWriter::write(&mut out, f);
    Bytes::from(out)
}

impl<'a> ObjectWriter<'a> {
    fn write(out: &'a mut Vec<u8>, f: impl FnOnce(&mut ObjectWriter<'_>)) {
        out.push(b'{');
        let mut w = ObjectWriter { out, empty: true };
        f(&mut w);
        w.out.push(b'}');
    }

    fn key(&mut self, key: &str) {
        // Keys are literals of this crate: plain ASCII without quotes.
        debug_assert!(key
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'));
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// `"key":"value"`.
    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_json_str(self.out, value);
        self
    }

    /// `"key":"value"` when there is a value.
    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.str(key, v);
        }
        self
    }

    /// `"key":"value"` where the key is data, not a literal of this crate
    /// (a metadata key a user chose): the key is escaped like a value.
    pub(crate) fn data_str(&mut self, key: &str, value: &str) -> &mut Self {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        push_json_str(self.out, key);
        self.out.push(b':');
        push_json_str(self.out, value);
        self
    }

    /// `"key":true` or `false`.
    pub(crate) fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key);
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        self
    }

    /// `"key":["a","b"]`.
    pub(crate) fn strs<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        self.key(key);
        self.out.push(b'[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            push_json_str(self.out, v.as_ref());
        }
        self.out.push(b']');
        self
    }

    /// `"key":{...}`, written by `f`.
    pub(crate) fn object(&mut self, key: &str, f: impl FnOnce(&mut ObjectWriter<'_>)) -> &mut Self {
        self.key(key);
        ObjectWriter::write(self.out, f);
        self
    }

    /// `"key":[{...},...]`, one object per item, each written by `f`.
    pub(crate) fn objects<T>(
        &mut self,
        key: &str,
        items: &[T],
        mut f: impl FnMut(&mut ObjectWriter<'_>, &T),
    ) -> &mut Self {
        self.key(key);
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            ObjectWriter::write(self.out, |w| f(w, item));
        }
        self.out.push(b']');
        self
    }

    /// `"rel":{"href":"..."}`: one HAL link, inside `_links`.
    pub(crate) fn link(&mut self, rel: &str, href: &str) -> &mut Self {
        self.object(rel, |l| {
            l.str("href", href);
        })
    }

    /// `"key":{"currency":"USD","value":"10.00"}`: the order of Dwolla's own
    /// examples, the value with exactly two decimals.
    pub(crate) fn amount(&mut self, key: &str, amount: &Amount) -> &mut Self {
        self.key(key);
        self.out.extend_from_slice(br#"{"currency":"#);
        // Every caller checked the currency (`check_usd`, `check_positive`).
        push_json_str(self.out, amount.currency());
        self.out.extend_from_slice(br#","value":""#);
        amount.write_value(self.out);
        self.out.extend_from_slice(b"\"}");
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_members_in_order() {
        let body = json_object(64, |w| {
            w.object("_links", |l| {
                l.link("source", "https://x/a")
                    .link("destination", "https://x/b");
            })
            .amount("amount", &Amount::from_cents(1005))
            .opt_str("absent", None)
            .str("name", "Jane \"J\" Doe")
            .bool("removed", true)
            .strs("channels", &["wire"])
            .objects("answers", &[1, 2], |w, n| {
                w.str("id", &n.to_string());
            });
        });
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            r#"{"_links":{"source":{"href":"https://x/a"},"destination":{"href":"https://x/b"}},"amount":{"currency":"USD","value":"10.05"},"name":"Jane \"J\" Doe","removed":true,"channels":["wire"],"answers":[{"id":"1"},{"id":"2"}]}"#
        );
        assert_eq!(&json_object(2, |_| {})[..], b"{}");
        // A key that is data is escaped like a value.
        let meta = json_object(16, |w| {
            w.data_str("a\"b", "c").data_str("é\n", "");
        });
        assert_eq!(
            std::str::from_utf8(&meta).unwrap(),
            r#"{"a\"b":"c","é\n":""}"#
        );
        let v: serde_json::Value = serde_json::from_slice(&meta).unwrap();
        assert_eq!(v["a\"b"], "c");
        // Always valid JSON.
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["amount"]["value"], "10.05");
    }
}
