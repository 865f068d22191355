//! Reading Dwolla error documents leniently, in one typed pass.
//!
//! Each field is read on its own: a field of an unexpected JSON type (an
//! `about` link without `href`, `errors: null`, a numeric `message`) is read
//! as absent instead of failing the whole document, so it never hides the
//! fields that are fine. Unknown fields are skipped without being built.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The fields of an error document this SDK uses.
#[derive(Default, serde::Deserialize)]
pub(crate) struct ErrorDocument {
    #[serde(default)]
    pub(crate) code: Text,
    #[serde(default)]
    pub(crate) message: Text,
    #[serde(default, rename = "_embedded")]
    pub(crate) embedded: Object<Embedded>,
    #[serde(default, rename = "_links")]
    pub(crate) links: Object<Links>,
}

#[derive(Default, serde::Deserialize)]
pub(crate) struct Embedded {
    #[serde(default)]
    pub(crate) errors: List<Detail>,
}

#[derive(Default, serde::Deserialize)]
pub(crate) struct Detail {
    #[serde(default)]
    pub(crate) code: Text,
    #[serde(default)]
    pub(crate) message: Text,
    #[serde(default)]
    pub(crate) path: Text,
}

#[derive(Default, serde::Deserialize)]
pub(crate) struct Links {
    #[serde(default)]
    pub(crate) about: Object<Href>,
}

#[derive(Default, serde::Deserialize)]
pub(crate) struct Href {
    #[serde(default)]
    pub(crate) href: Text,
}

impl ErrorDocument {
    /// The document, if `body` is a JSON object (a UTF-8 byte-order mark and
    /// leading white space are tolerated).
    pub(crate) fn parse(body: &[u8]) -> Option<ErrorDocument> {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let starts_like_object = body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
        if !starts_like_object {
            return None;
        }
        serde_json::from_slice::<Object<ErrorDocument>>(body)
            .ok()
            .and_then(|o| o.0)
    }
}

/// A string, or `None` for any other JSON value.
#[derive(Default)]
pub(crate) struct Text(pub(crate) Option<String>);

/// An object read as `T`, or `None` for any other JSON value.
pub(crate) struct Object<T>(pub(crate) Option<T>);

impl<T> Default for Object<T> {
    fn default() -> Self {
        Object(None)
    }
}

/// An array whose object items are read as `T`; other items, and any other
/// JSON value in place of the array, are skipped.
pub(crate) struct List<T>(pub(crate) Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

/// Consumes and ignores every kind of value except the ones a visitor wants.
macro_rules! ignore_other_values {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Some(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
                skip_seq(seq).map(|()| Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                skip_map(map).map(|()| Text(None))
            }
            ignore_other_values!();
        }
        d.deserialize_any(V)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Object(Some(t)))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Object<T>, E> {
                Ok(Object(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Object<T>, A::Error> {
                skip_seq(seq).map(|()| Object(None))
            }
            ignore_other_values!();
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element::<Object<T>>()? {
                    items.extend(item.0);
                }
                Ok(List(items))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                skip_map(map).map(|()| List(Vec::new()))
            }
            ignore_other_values!();
        }
        d.deserialize_any(V(PhantomData))
    }
}
