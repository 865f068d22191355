//! How resources are read: [`Links`], and the `model!` macro every resource
//! model is declared with.
//!
//! A model is read in one typed pass, leniently (see `lenient`): every member
//! is read on its own, a member of an unexpected JSON type reads as absent,
//! unknown members are skipped, unknown enum values are kept. A *resource*
//! (something with its own URL) needs only an id, its `id` member or the last
//! segment of its `self` link; without either it cannot be retrieved again,
//! so a list skips it (see [`List::skipped`](crate::List::skipped)).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::lenient::{ignore_other_values, skip_map, skip_seq, ShortStr, Word};
use crate::money::Amount;

/// A resource's `_links`: each relation and its href, in the order Dwolla
/// sent them. Links are how Dwolla says what can be done next (a customer's
/// `retry-verification`, a transfer's `cancel`), so every one is kept, known
/// or not.
///
/// ```
/// # use dwolla_core::model::Links;
/// # fn show(links: &Links) {
/// if let Some(href) = links.get("verify-with-document") {
///     println!("upload a document: {href}");
/// }
/// for (rel, href) in links.iter() {
///     println!("{rel}: {href}");
/// }
/// # }
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Links {
    /// Each relation, with where its href is in `hrefs`.
    entries: Vec<(ShortStr, usize, usize)>,
    /// Every href, one after the other: one allocation for all of them
    /// (a transfer has seven links on every read).
    hrefs: String,
}

impl Links {
    /// The href of relation `rel`, if the resource has it.
    pub fn get(&self, rel: &str) -> Option<&str> {
        self.iter().find(|(r, _)| *r == rel).map(|(_, href)| href)
    }

    /// True when the resource has relation `rel`.
    pub fn contains(&self, rel: &str) -> bool {
        self.get(rel).is_some()
    }

    /// The resource's own URL (`self`).
    pub fn self_href(&self) -> Option<&str> {
        self.get("self")
    }

    /// Every relation and its href, in the order Dwolla sent them.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(rel, from, to)| {
            // Ranges recorded as the hrefs were appended: in bounds, on
            // char boundaries.
            (rel.as_str(), self.hrefs.get(*from..*to).unwrap_or_default())
        })
    }

    /// How many links there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Reads one link (`{"href": "...", ...}`), appending its href to a buffer;
/// true when it had a string href. Anything else is skipped.
struct HrefInto<'b>(&'b mut String);

impl<'de> de::DeserializeSeed<'de> for HrefInto<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for HrefInto<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAL link")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<crate::lenient::Key<'de>>()? {
            if !found && key.0 == "href" {
                if let Some(href) = map.next_value::<crate::lenient::StrRef<'de>>()?.0 {
                    self.0.push_str(&href);
                    found = true;
                }
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        skip_seq(seq).map(|()| false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    ignore_other_values!();
}

impl fmt::Debug for Links {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'de> Deserialize<'de> for Links {
    /// An object of `{"href": "..."}` links; a link without a string href is
    /// left out, and anything but an object reads as no links.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Links;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Links, A::Error> {
                // Most resources have a handful of links of some 80 bytes:
                // one allocation each for the relations and the hrefs.
                let mut links = Links {
                    entries: Vec::with_capacity(8),
                    hrefs: String::with_capacity(640),
                };
                while let Some(rel) = map.next_key::<crate::lenient::Key<'de>>()? {
                    let from = links.hrefs.len();
                    if map.next_value_seed(HrefInto(&mut links.hrefs))? {
                        let to = links.hrefs.len();
                        links.entries.push((ShortStr::new(&rel.0), from, to));
                    }
                }
                Ok(links)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Links, A::Error> {
                skip_seq(seq).map(|()| Links::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Links, E> {
                Ok(Links::default())
            }
            ignore_other_values!();
        }
        d.deserialize_any(V)
    }
}

/// A model read from its wire form (the serde struct `model!` declares).
pub(crate) trait FromWire: Sized {
    /// The wire form.
    type Wire: serde::de::DeserializeOwned;
    /// The model, or why the document cannot be used.
    fn from_wire(wire: Self::Wire) -> Result<Self, &'static str>;
}

/// `{"currency": "USD", "value": "10.00"}` read leniently: the value as a
/// string or (leniently) a number.
#[derive(Default, serde::Deserialize)]
pub(crate) struct WireAmount {
    #[serde(default)]
    value: AmountValue,
    #[serde(default)]
    currency: Word,
}

impl WireAmount {
    pub(crate) fn into_amount(self) -> Option<Amount> {
        Some(Amount::from_wire(
            self.value.0?,
            self.currency.0.as_ref().map(ShortStr::as_str),
        ))
    }
}

/// An amount's value in cents: read from its string (borrowed, no copy) or,
/// leniently, from a JSON number through its text; `None` for anything that
/// does not hold exactly.
#[derive(Default)]
pub(crate) struct AmountValue(Option<i64>);

impl<'de> Deserialize<'de> for AmountValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AmountValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountValue, E> {
                Ok(AmountValue(crate::money::parse_wire_cents(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AmountValue, E> {
                Ok(AmountValue(
                    i64::try_from(v).ok().and_then(|v| v.checked_mul(100)),
                ))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountValue, E> {
                Ok(AmountValue(v.checked_mul(100)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountValue, E> {
                // Rust prints the shortest text that reads back as `v`: the
                // number as Dwolla wrote it, held exactly or refused.
                Ok(AmountValue(crate::money::parse_wire_cents(&v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<AmountValue, E> {
                Ok(AmountValue(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AmountValue, E> {
                Ok(AmountValue(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<AmountValue, E> {
                Ok(AmountValue(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<AmountValue, A::Error> {
                skip_seq(seq).map(|()| AmountValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AmountValue, A::Error> {
                skip_map(map).map(|()| AmountValue(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A secret string in a response (an account or routing number): its `Debug`
/// shows only its length.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct SecretText(pub(crate) Option<String>);

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => crate::redact::Redacted(s).fmt(f),
            None => f.write_str("None"),
        }
    }
}

/// Declares a model: its lenient wire struct, the public struct and one
/// accessor per member, each documented by the doc comment given.
///
/// ```text
/// model! {
///     /// A customer.
///     pub struct Customer (WireCustomer) resource "customer" {
///         /// `firstName`.
///         first_name: text = "firstName",
///         /// Its status.
///         status: open(CustomerStatus) = "status",
///     }
/// }
/// ```
///
/// `resource "what"` gives the model an `id()` (its `id`, or else the last
/// segment of its `self` link; a document with neither is refused, the
/// reason naming "what"). Without it the model is a nested object. Every
/// model has `links()`.
///
/// Member kinds, each `(stored as) -> accessor`:
/// `text` (`Option<String>`) `-> Option<&str>`; `secret` (same, redacted in
/// `Debug`); `flag` `-> Option<bool>`; `int` `-> Option<i64>`; `count`
/// `-> Option<u64>`; `strings` `-> &[String]`; `open(E)` (an `open_enum!`,
/// `Other("")` when absent) `-> &E`; `amount` `-> Option<&Amount>`; `raw`
/// (any JSON) `-> Option<&serde_json::Value>`; `metadata` (an object of
/// pairs, kept in one buffer) `-> Option<&transfers::Metadata>`; `object(M)` (a nested
/// model) `-> Option<&M>`; `objects(M)` (an array of nested models; items
/// that are not objects are skipped) `-> &[M]`.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($wire:ident) $(resource $what:literal)? {
            $( $(#[$fmeta:meta])* $field:ident : $kind:ident $(($arg:ty))? = $json:literal, )*
        }
    ) => {
        #[derive(Default)]
        pub(crate) struct $wire {
            links: $crate::model::Links,
            $( id: $crate::model::model!(@wire_id $what), )?
            $( $field: $crate::model::model!(@wire $kind $(($arg))?), )*
        }

        // Written out rather than derived: one `match` on the member name
        // (borrowed from the document), no field-identifier type, no
        // positional reading of arrays. Every model is one of these, so this
        // is most of what the crate's JSON reading costs to compile.
        impl<'de> serde::Deserialize<'de> for $wire {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Members;
                impl<'de> serde::de::Visitor<'de> for Members {
                    type Value = $wire;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a JSON object (", stringify!($name), ")"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$wire, A::Error> {
                        let mut wire = $wire::default();
                        while let Some(key) = map.next_key::<$crate::lenient::Key<'de>>()? {
                            match &*key.0 {
                                "_links" => wire.links = map.next_value()?,
                                $( "id" => {
                                    let _ = $what;
                                    wire.id = map.next_value()?;
                                } )?
                                $( $json => wire.$field = map.next_value()?, )*
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(wire)
                    }
                }
                d.deserialize_map(Members)
            }
        }

        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( id: $crate::model::model!(@id $what), )?
            links: $crate::model::Links,
            $( $field: $crate::model::model!(@store $kind $(($arg))?), )*
        }

        impl $crate::model::FromWire for $name {
            type Wire = $wire;
            #[allow(unused_variables)]
            fn from_wire(wire: $wire) -> Result<Self, &'static str> {
                Ok($name {
                    $( id: $crate::response::id_or_self(wire.id.0, wire.links.self_href())
                        .ok_or(concat!("the ", $what, " has neither an id nor a self link"))?, )?
                    links: wire.links,
                    $( $field: $crate::model::model!(@convert $kind $(($arg))?, wire.$field), )*
                })
            }
        }

        impl $name {
            $(
                /// Its id (its `id`, or the last segment of its `self` link).
                pub fn id(&self) -> $crate::model::model!(@ret_id $what) {
                    &self.id
                }
            )?
            /// Its `_links`: what it points at and what can be done next.
            pub fn links(&self) -> &$crate::model::Links {
                &self.links
            }
            /// Its own URL (`_links.self`).
            pub fn self_href(&self) -> Option<&str> {
                self.links.self_href()
            }
            $(
                $(#[$fmeta])*
                pub fn $field(&self) -> $crate::model::model!(@ret $kind $(($arg))?) {
                    $crate::model::model!(@get $kind $(($arg))?, self.$field)
                }
            )*
        }
    };

    (@id $what:literal) => { String };
    (@wire_id $what:literal) => { $crate::lenient::Text };
    (@ret_id $what:literal) => { &str };

    (@wire text) => { $crate::lenient::Text };
    (@wire secret) => { $crate::lenient::Text };
    (@wire flag) => { $crate::lenient::Flag };
    (@wire int) => { $crate::lenient::Int };
    (@wire count) => { $crate::lenient::Count };
    (@wire strings) => { $crate::lenient::Strings };
    (@wire open($e:ty)) => { $crate::lenient::Word };
    (@wire amount) => { $crate::lenient::Object<$crate::model::WireAmount> };
    (@wire raw) => { $crate::lenient::Raw };
    (@wire metadata) => { $crate::lenient::WireMetadata };
    (@wire object($m:ty)) => { $crate::lenient::Object<Box<<$m as $crate::model::FromWire>::Wire>> };
    (@wire objects($m:ty)) => { $crate::lenient::List<<$m as $crate::model::FromWire>::Wire> };

    (@store text) => { Option<String> };
    (@store secret) => { $crate::model::SecretText };
    (@store flag) => { Option<bool> };
    (@store int) => { Option<i64> };
    (@store count) => { Option<u64> };
    (@store strings) => { Vec<String> };
    (@store open($e:ty)) => { $e };
    (@store amount) => { Option<$crate::money::Amount> };
    (@store raw) => { Option<serde_json::Value> };
    (@store metadata) => { Option<$crate::transfers::Metadata> };
    (@store object($m:ty)) => { Option<Box<$m>> };
    (@store objects($m:ty)) => { Vec<$m> };

    (@convert text, $w:expr) => { $w.0 };
    (@convert secret, $w:expr) => { $crate::model::SecretText($w.0) };
    (@convert flag, $w:expr) => { $w.0 };
    (@convert int, $w:expr) => { $w.0 };
    (@convert count, $w:expr) => { $w.0 };
    (@convert strings, $w:expr) => { $w.0 };
    (@convert open($e:ty), $w:expr) => {
        <$e>::from_wire($w.0.as_ref().map_or("", $crate::lenient::ShortStr::as_str))
    };
    (@convert amount, $w:expr) => { $w.0.and_then($crate::model::WireAmount::into_amount) };
    (@convert raw, $w:expr) => { $w.0 };
    (@convert metadata, $w:expr) => { $w.0 };
    // Boxed: a nested object is often absent, and a model holding several
    // inline was large enough that moving it cost more than reading it.
    (@convert object($m:ty), $w:expr) => {
        $w.0.and_then(|w| <$m as $crate::model::FromWire>::from_wire(*w).ok())
            .map(Box::new)
    };
    (@convert objects($m:ty), $w:expr) => {
        $w.0.into_iter()
            .filter_map(|w| <$m as $crate::model::FromWire>::from_wire(w).ok())
            .collect()
    };

    (@ret text) => { Option<&str> };
    (@ret secret) => { Option<&str> };
    (@ret flag) => { Option<bool> };
    (@ret int) => { Option<i64> };
    (@ret count) => { Option<u64> };
    (@ret strings) => { &[String] };
    (@ret open($e:ty)) => { &$e };
    (@ret amount) => { Option<&$crate::money::Amount> };
    (@ret raw) => { Option<&serde_json::Value> };
    (@ret metadata) => { Option<&$crate::transfers::Metadata> };
    (@ret object($m:ty)) => { Option<&$m> };
    (@ret objects($m:ty)) => { &[$m] };

    (@get text, $f:expr) => { $f.as_deref() };
    (@get secret, $f:expr) => { $f.0.as_deref() };
    (@get flag, $f:expr) => { $f };
    (@get int, $f:expr) => { $f };
    (@get count, $f:expr) => { $f };
    (@get strings, $f:expr) => { &$f };
    (@get open($e:ty), $f:expr) => { &$f };
    (@get amount, $f:expr) => { $f.as_ref() };
    (@get raw, $f:expr) => { $f.as_ref() };
    (@get metadata, $f:expr) => { $f.as_ref() };
    (@get object($m:ty), $f:expr) => { $f.as_deref() };
    (@get objects($m:ty), $f:expr) => { &$f };
}

pub(crate) use model;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_values_read_from_numbers_exactly_or_not_at_all() {
        let cents = |t: &str| serde_json::from_str::<AmountValue>(t).map(|v| v.0).ok();
        assert_eq!(cents(r#""10.05""#), Some(Some(1005)));
        assert_eq!(cents("10"), Some(Some(1000)));
        assert_eq!(cents("-5"), Some(Some(-500)));
        assert_eq!(cents("10.5"), Some(Some(1050)));
        assert_eq!(cents("10.555"), Some(None));
        assert_eq!(cents("18446744073709551615"), Some(None));
        for other in ["true", "null", "[1]", r#"{"value":"1.00"}"#] {
            assert_eq!(cents(other), Some(None), "{other}");
        }
    }

    #[test]
    fn links_keep_every_relation_in_order() {
        let links: Links = serde_json::from_str(
            r#"{"self":{"href":"https://x/a"},"zz-a-relation-name-longer-than-thirty-bytes":{"type":"t","href":"https://x/b\u00e9"},"cancel":{"href":"https://x/c","type":"t","href":"https://x/ignored"},"bad":{"nohref":1},"worse":3,"list":[1]}"#,
        )
        .unwrap();
        let all: Vec<_> = links.iter().collect();
        assert_eq!(
            all,
            [
                ("self", "https://x/a"),
                (
                    "zz-a-relation-name-longer-than-thirty-bytes",
                    "https://x/bé"
                ),
                ("cancel", "https://x/c"),
            ]
        );
        assert_eq!(links.len(), 3);
        assert_eq!(links.get("cancel"), Some("https://x/c"));
        assert!(!links.contains("bad"));
        assert_eq!(links.self_href(), Some("https://x/a"));
        // Anything but an object: no links.
        for other in ["[]", "\"x\"", "1", "null", "true"] {
            let l: Links = serde_json::from_str(other).unwrap();
            assert!(l.is_empty(), "{other}");
        }
    }
}
