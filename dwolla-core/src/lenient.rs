//! Reading Dwolla documents leniently, in one typed pass.
//!
//! Each field is read on its own: a field of an unexpected JSON type (an
//! `about` link without `href`, `errors: null`, a numeric `message`) is read
//! as absent instead of failing the whole document, so it never hides the
//! fields that are fine. Unknown fields are skipped without being built.
//! Collections are read item by item ([`HalCollection`]), so one odd item
//! never sinks the others.

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
    #[serde(default, rename = "_links")]
    pub(crate) links: Object<Links>,
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

/// True when the first byte after JSON white space opens an object: a
/// document is read only then (a derived reader would take an array by
/// position).
pub(crate) fn starts_like_object(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|b| *b == b'{')
}

impl ErrorDocument {
    /// The document, if `body` is a JSON object (a UTF-8 byte-order mark and
    /// leading white space are tolerated).
    pub(crate) fn parse(body: &[u8]) -> Option<ErrorDocument> {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        if !starts_like_object(body) {
            return None;
        }
        serde_json::from_slice::<Object<ErrorDocument>>(body)
            .ok()
            .and_then(|o| o.0)
    }
}

/// A member name, borrowed from the document when it has no escapes (as
/// almost every member name has): reading one allocates nothing.
pub(crate) struct Key<'de>(pub(crate) std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A string, borrowed from the document when it has no escapes, or `None`
/// for any other JSON value.
#[derive(Default)]
pub(crate) struct StrRef<'de>(pub(crate) Option<std::borrow::Cow<'de, str>>);

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

pub(crate) use ignore_other_values;

pub(crate) fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

pub(crate) fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A short string kept inline (no allocation) when it fits: link relations
/// and enum words (`self`, `funding-transfer`, `pending`, `USD`) are read on
/// every document, and a heap copy of each cost more than the rest of
/// reading them.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) enum ShortStr {
    Inline { len: u8, buf: [u8; 30] },
    Heap(Box<str>),
}

impl std::ops::Deref for ShortStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for ShortStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Copies `b` (at most 30 bytes) to the start of `buf` with two fixed-size
/// copies that overlap, which compile to a few moves: a copy of a runtime
/// length is a call to `memcpy`, and the ten short strings of a transfer
/// (relations, status, currency, clearing) paid more for the calls than
/// for the bytes.
fn copy_short(buf: &mut [u8; 30], b: &[u8]) {
    let n = b.len();
    if n >= 16 {
        buf[..16].copy_from_slice(&b[..16]);
        buf[n - 16..n].copy_from_slice(&b[n - 16..]);
    } else if n >= 8 {
        buf[..8].copy_from_slice(&b[..8]);
        buf[n - 8..n].copy_from_slice(&b[n - 8..]);
    } else if n >= 4 {
        buf[..4].copy_from_slice(&b[..4]);
        buf[n - 4..n].copy_from_slice(&b[n - 4..]);
    } else {
        for (d, s) in buf.iter_mut().zip(b) {
            *d = *s;
        }
    }
}

impl ShortStr {
    pub(crate) fn new(s: &str) -> Self {
        let b = s.as_bytes();
        if b.len() <= 30 {
            let mut buf = [0u8; 30];
            copy_short(&mut buf, b);
            ShortStr::Inline {
                len: b.len() as u8,
                buf,
            }
        } else {
            ShortStr::Heap(s.into())
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Copied from a `&str` whole: always UTF-8.
            ShortStr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or_default()
            }
            ShortStr::Heap(s) => s,
        }
    }
}

/// A string read as a [`ShortStr`], or `None` for any other JSON value.
#[derive(Default)]
pub(crate) struct Word(pub(crate) Option<ShortStr>);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Word;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Word, E> {
                Ok(Word(Some(ShortStr::new(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Word, A::Error> {
                skip_seq(seq).map(|()| Word(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Word, A::Error> {
                skip_map(map).map(|()| Word(None))
            }
            ignore_other_values!();
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for StrRef<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrRef<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<StrRef<'de>, E> {
                Ok(StrRef(Some(std::borrow::Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StrRef<'de>, E> {
                Ok(StrRef(Some(std::borrow::Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<StrRef<'de>, E> {
                Ok(StrRef(Some(std::borrow::Cow::Owned(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<StrRef<'de>, A::Error> {
                skip_seq(seq).map(|()| StrRef(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StrRef<'de>, A::Error> {
                skip_map(map).map(|()| StrRef(None))
            }
            ignore_other_values!();
        }
        d.deserialize_any(V)
    }
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

/// A boolean, or `None` for any other JSON value.
#[derive(Default)]
pub(crate) struct Flag(pub(crate) Option<bool>);

/// A non-negative integer, or `None` for any other JSON value.
#[derive(Default)]
pub(crate) struct Count(pub(crate) Option<u64>);

/// The string items of an array; other items, and any other JSON value in
/// place of the array, are skipped.
#[derive(Default)]
pub(crate) struct Strings(pub(crate) Vec<String>);

/// A HAL link (`{"href": ...}`) read leniently: its `href`, if it is a string.
pub(crate) type Link = Object<Href>;

impl Object<Href> {
    /// The link's `href`, if the link is an object with a string `href`.
    pub(crate) fn into_href(self) -> Option<String> {
        self.0.and_then(|h| h.href.0)
    }
}

/// `_links` when only `self` is needed.
#[derive(Default, serde::Deserialize)]
pub(crate) struct WireSelf {
    #[serde(default, rename = "self")]
    pub(crate) self_: Link,
}

/// Visits any JSON value, keeping only what `keep` maps to `Some`.
struct Scalar<T>(fn(Seen) -> Option<T>);

/// The scalar a [`Scalar`] visitor saw.
enum Seen {
    Bool(bool),
    U64(u64),
    I64(i64),
    Other,
}

impl<'de, T> Visitor<'de> for Scalar<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::Bool(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::U64(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::I64(v)))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::Other))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::Other))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::Other))
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok((self.0)(Seen::Other))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        skip_seq(seq).map(|()| (self.0)(Seen::Other))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        skip_map(map).map(|()| (self.0)(Seen::Other))
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar(|s| match s {
            Seen::Bool(b) => Some(b),
            _ => None,
        }))
        .map(Flag)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar(|s| match s {
            Seen::U64(n) => Some(n),
            _ => None,
        }))
        .map(Count)
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Strings;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
                while let Some(item) = seq.next_element::<Text>()? {
                    items.extend(item.0);
                }
                Ok(Strings(items))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Strings, E> {
                Ok(Strings::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Strings, A::Error> {
                skip_map(map).map(|()| Strings::default())
            }
            ignore_other_values!();
        }
        d.deserialize_any(V)
    }
}

/// A HAL collection: the items of `_embedded[rel]` read as `I`, and `total`.
///
/// `I` is `&RawValue` to keep each item as its raw JSON (borrowed from the
/// body: nothing is copied), so that one odd item can be skipped, and
/// reported as it was, without failing the others; or `Object<W>` to read
/// every item as `W` in the same single pass.
pub(crate) struct HalCollection<I> {
    pub(crate) items: Vec<I>,
    pub(crate) total: Option<u64>,
    /// `_links`: `self`, `first`, `last`, `next`, `prev` for a paged list.
    pub(crate) links: crate::model::Links,
}

impl<'b, I: Deserialize<'b>> HalCollection<I> {
    /// Reads a collection document. A missing or `null` `_embedded` or
    /// `_embedded[rel]` is an empty collection; a body that is not a JSON
    /// object, or an `_embedded[rel]` that is neither an array nor `null`, is
    /// an error, since nothing in it can be trusted as the list.
    pub(crate) fn parse(body: &'b str, rel: &str) -> Result<Self, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(body);
        let collection = de::DeserializeSeed::deserialize(
            Document {
                rel,
                item: PhantomData,
            },
            &mut de,
        )?;
        de.end()?;
        Ok(collection)
    }
}

/// Which member of a collection document a key names.
enum Member {
    Embedded,
    Total,
    Links,
    Rel,
    Other,
}

struct MemberSeed<'r> {
    rel: &'r str,
    top_level: bool,
}

impl<'de> de::DeserializeSeed<'de> for MemberSeed<'_> {
    type Value = Member;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Member, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberSeed<'_> {
    type Value = Member;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Member, E> {
        Ok(match (self.top_level, key) {
            (true, "_embedded") => Member::Embedded,
            (true, "total") => Member::Total,
            (true, "_links") => Member::Links,
            (false, k) if k == self.rel => Member::Rel,
            _ => Member::Other,
        })
    }
}

/// The top-level object of a collection document.
struct Document<'r, I> {
    rel: &'r str,
    item: PhantomData<I>,
}

impl<'de, I: Deserialize<'de>> de::DeserializeSeed<'de> for Document<'_, I> {
    type Value = HalCollection<I>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<HalCollection<I>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, I: Deserialize<'de>> Visitor<'de> for Document<'_, I> {
    type Value = HalCollection<I>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAL collection (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HalCollection<I>, A::Error> {
        let mut out = HalCollection {
            items: Vec::new(),
            total: None,
            links: crate::model::Links::default(),
        };
        let key = || MemberSeed {
            rel: self.rel,
            top_level: true,
        };
        while let Some(member) = map.next_key_seed(key())? {
            match member {
                Member::Embedded => {
                    out.items = map.next_value_seed(EmbeddedItems {
                        rel: self.rel,
                        item: PhantomData,
                    })?
                }
                Member::Total => out.total = map.next_value::<Count>()?.0,
                Member::Links => out.links = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// `_embedded`: only `rel` is read.
struct EmbeddedItems<'r, I> {
    rel: &'r str,
    item: PhantomData<I>,
}

impl<'de, I: Deserialize<'de>> de::DeserializeSeed<'de> for EmbeddedItems<'_, I> {
    type Value = Vec<I>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, I: Deserialize<'de>> Visitor<'de> for EmbeddedItems<'_, I> {
    type Value = Vec<I>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`_embedded` as an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        let key = || MemberSeed {
            rel: self.rel,
            top_level: false,
        };
        while let Some(member) = map.next_key_seed(key())? {
            match member {
                Member::Rel => items = map.next_value::<Option<Vec<I>>>()?.unwrap_or_default(),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(items)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// An integer (any JSON integer that fits an `i64`), or `None` for any other
/// JSON value.
#[derive(Default)]
pub(crate) struct Int(pub(crate) Option<i64>);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar(|s| match s {
            Seen::I64(n) => Some(n),
            Seen::U64(n) => i64::try_from(n).ok(),
            _ => None,
        }))
        .map(Int)
    }
}

/// Any JSON value kept as it was sent (`null` reads as absent): for members
/// the SDK does not model field by field.
#[derive(Default)]
pub(crate) struct Raw(pub(crate) Option<serde_json::Value>);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(Raw((!v.is_null()).then_some(v)))
    }
}

/// `metadata` as read: an object of pairs (`None` for anything else, read
/// leniently), the strings appended straight from the document.
#[derive(Default)]
pub(crate) struct WireMetadata(pub(crate) Option<crate::transfers::Metadata>);

impl<'de> Deserialize<'de> for WireMetadata {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Outer;
        impl<'de> Visitor<'de> for Outer {
            type Value = WireMetadata;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireMetadata, A::Error> {
                let mut m = crate::transfers::Metadata {
                    text: String::with_capacity(128),
                    pairs: Vec::with_capacity(4),
                };
                while map.next_key_seed(TextInto(&mut m.text))?.is_some() {
                    let key_end = m.text.len();
                    let json = map.next_value_seed(TextInto(&mut m.text))?;
                    m.pairs.push(crate::transfers::MetadataPair {
                        key_end,
                        value_end: m.text.len(),
                        json,
                    });
                }
                Ok(WireMetadata(Some(m)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<WireMetadata, A::Error> {
                skip_seq(seq).map(|()| WireMetadata(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<WireMetadata, E> {
                Ok(WireMetadata(None))
            }
            ignore_other_values!();
        }

        /// Appends a string to the buffer (`false`), or any other JSON value
        /// as its JSON text (`true`).
        struct TextInto<'b>(&'b mut String);
        impl<'de> de::DeserializeSeed<'de> for TextInto<'_> {
            type Value = bool;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
                d.deserialize_any(self)
            }
        }
        impl TextInto<'_> {
            fn json(self, v: serde_json::Value) -> bool {
                use std::fmt::Write as _;
                let _ = write!(self.0, "{v}");
                true
            }
        }
        impl<'de> Visitor<'de> for TextInto<'_> {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                self.0.push_str(v);
                Ok(false)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(self.json(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
                Ok(self.json(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                Ok(self.json(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
                Ok(self.json(v.into()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
                Ok(self.json(serde_json::Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<bool, E> {
                Ok(self.json(serde_json::Value::Null))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
                let v = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(self.json(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
                let v = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(self.json(v))
            }
        }
        d.deserialize_any(Outer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_keep_every_length() {
        let text = "abcdefghijklmnopqrstuvwxyzé0123456789";
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let s = &text[..end];
            assert_eq!(ShortStr::new(s).as_str(), s, "{end} bytes");
            assert_eq!(ShortStr::new(s).len(), end);
        }
    }

    #[test]
    fn scalars_read_their_own_kind_and_nothing_else() {
        let int = |t: &str| serde_json::from_str::<Int>(t).map(|i| i.0).ok();
        assert_eq!(int("-5"), Some(Some(-5)));
        assert_eq!(int("7"), Some(Some(7)));
        assert_eq!(int("18446744073709551615"), Some(None));
        for other in ["1.5", r#""7""#, "true", "null", "[1]", r#"{"a":1}"#] {
            assert_eq!(int(other), Some(None), "{other}");
        }
        let count = |t: &str| serde_json::from_str::<Count>(t).map(|c| c.0).ok();
        assert_eq!(count("7"), Some(Some(7)));
        assert_eq!(count("-5"), Some(None));
        let flag = |t: &str| serde_json::from_str::<Flag>(t).map(|f| f.0).ok();
        assert_eq!(flag("true"), Some(Some(true)));
        assert_eq!(flag("1"), Some(None));
    }
}
