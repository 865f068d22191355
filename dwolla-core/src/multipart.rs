//! `multipart/form-data` bodies (RFC 7578), written sans IO: the document
//! uploads are the only requests that are not JSON.
//!
//! Two properties matter beyond well-formedness:
//!
//! - **The boundary never occurs in the content.** RFC 2046 §5.1.1 requires
//!   that the delimiter not appear in any part; a file could otherwise end
//!   early on the server. Every candidate is checked against every part
//!   (file bytes, field values, file names) and the next candidate taken if it
//!   occurs.
//! - **The same input gives the same bytes, always.** A retried upload must
//!   send a byte-identical body under its `Idempotency-Key` (Dwolla replays
//!   only an exact match), and the client rebuilds the request for each
//!   attempt. So the boundary is not random: it is derived from a hash of the
//!   whole content (names, values, file names, media types, file bytes, each
//!   length-prefixed). Equal content gives equal bytes within a process, across
//!   clones of an operation and across processes (an upload replayed with a
//!   persisted key after a restart still matches); different content gives,
//!   with overwhelming probability, a different boundary. The hash is this
//!   module's own (not `std`'s `DefaultHasher`, whose algorithm may change
//!   between Rust releases), so the bytes do not change with the toolchain.
//!   It is not a security measure: the containment check is what guarantees
//!   correctness, the hash only makes the boundary deterministic and unlikely
//!   to need a second candidate.
//!
//! Lines end in CRLF; each part has `Content-Disposition: form-data;
//! name="..."` (and `; filename="..."` plus `Content-Type` for a file).

use bytes::Bytes;
use http::HeaderValue;

/// One part of a form: a text field, or a file.
pub(crate) enum Part<'a> {
    /// `name=value`.
    Text {
        /// The field name (an operation's own literal).
        name: &'static str,
        /// The value; must not contain CR or LF (checked by the caller).
        value: &'a str,
    },
    /// A file upload.
    File {
        /// The field name (an operation's own literal).
        name: &'static str,
        /// The file name; must not contain `"`, `\`, CR or LF (checked by the caller).
        file_name: &'a str,
        /// The part's media type, e.g. `image/png` (an operation's own literal).
        content_type: &'static str,
        /// The file's bytes, sent as they are (binary, no transfer encoding).
        data: &'a [u8],
    },
}

/// The prefix of every boundary this module writes.
const BOUNDARY_PREFIX: &str = "dwolla-rs-";
/// `BOUNDARY_PREFIX` and 32 hex digits.
const BOUNDARY_LEN: usize = BOUNDARY_PREFIX.len() + 32;
/// How many candidates are tried before giving up (each one occurring in the
/// content is, for content not built against this module, a ~2^-128 event).
const CANDIDATES: u64 = 16;

/// A built form: the request's `Content-Type` value and the body.
pub(crate) struct Form {
    pub(crate) content_type: HeaderValue,
    pub(crate) body: Bytes,
}

/// The exact body length of `parts` (the boundary's length is fixed), for
/// size checks before anything is allocated.
pub(crate) fn body_len(parts: &[Part<'_>]) -> usize {
    let mut n = 0;
    for part in parts {
        // "--" boundary CRLF
        n += 2 + BOUNDARY_LEN + 2;
        match part {
            Part::Text { name, value } => {
                n += DISPOSITION.len() + name.len() + 1 + 2 + 2 + value.len() + 2;
            }
            Part::File {
                name,
                file_name,
                content_type,
                data,
            } => {
                n += DISPOSITION.len() + name.len() + FILENAME.len() + file_name.len() + 1 + 2;
                n += CONTENT_TYPE.len() + content_type.len() + 2 + 2 + data.len() + 2;
            }
        }
    }
    // "--" boundary "--" CRLF
    n + 2 + BOUNDARY_LEN + 2 + 2
}

const DISPOSITION: &str = "Content-Disposition: form-data; name=\"";
const FILENAME: &str = "\"; filename=\"";
const CONTENT_TYPE: &str = "Content-Type: ";

/// Writes `parts` as `multipart/form-data`, or says why it cannot (no
/// boundary found: content built to defeat it).
pub(crate) fn form_data(parts: &[Part<'_>]) -> Result<Form, &'static str> {
    let boundary = pick_boundary(content_hash(parts), parts)?;
    let mut out = Vec::with_capacity(body_len(parts));
    for part in parts {
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(DISPOSITION.as_bytes());
        match part {
            Part::Text { name, value } => {
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"\"\r\n\r\n");
                out.extend_from_slice(value.as_bytes());
            }
            Part::File {
                name,
                file_name,
                content_type,
                data,
            } => {
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(FILENAME.as_bytes());
                out.extend_from_slice(file_name.as_bytes());
                out.extend_from_slice(b"\"\r\n");
                out.extend_from_slice(CONTENT_TYPE.as_bytes());
                out.extend_from_slice(content_type.as_bytes());
                out.extend_from_slice(b"\r\n\r\n");
                out.extend_from_slice(data);
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--");
    out.extend_from_slice(boundary.as_bytes());
    out.extend_from_slice(b"--\r\n");
    debug_assert_eq!(out.len(), body_len(parts));
    let content_type = HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        // A boundary is ASCII letters, digits and `-`: always a valid value.
        .map_err(|_| "the boundary does not form a valid Content-Type")?;
    Ok(Form {
        content_type,
        body: Bytes::from(out),
    })
}

/// The first candidate boundary derived from `hash` that occurs in no part.
fn pick_boundary(hash: u128, parts: &[Part<'_>]) -> Result<String, &'static str> {
    for n in 0..CANDIDATES {
        let candidate = boundary_candidate(hash, n);
        if !parts.iter().any(|p| part_contains(p, candidate.as_bytes())) {
            return Ok(candidate);
        }
    }
    Err("no multipart boundary absent from the content could be found")
}

/// Candidate `n` for a content hash: `dwolla-rs-` and 32 lower-case hex
/// digits (RFC 2046 allows up to 70 characters).
fn boundary_candidate(hash: u128, n: u64) -> String {
    let lo = mix((hash as u64) ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let hi = mix(((hash >> 64) as u64) ^ n.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ lo);
    format!("{BOUNDARY_PREFIX}{hi:016x}{lo:016x}")
}

fn part_contains(part: &Part<'_>, needle: &[u8]) -> bool {
    match part {
        Part::Text { name, value } => {
            contains(name.as_bytes(), needle) || contains(value.as_bytes(), needle)
        }
        Part::File {
            name,
            file_name,
            content_type,
            data,
        } => {
            contains(name.as_bytes(), needle)
                || contains(file_name.as_bytes(), needle)
                || contains(content_type.as_bytes(), needle)
                || contains(data, needle)
        }
    }
}

/// True when `needle` (non-empty) occurs in `haystack`: a scan for its first
/// byte, then a compare (the needle is short and its first byte is `d`).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if haystack.len() < needle.len() {
        return false;
    }
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        match haystack[from..=last_start].iter().position(|&b| b == first) {
            Some(i) => {
                let at = from + i;
                if &haystack[at + 1..at + needle.len()] == rest {
                    return true;
                }
                from = at + 1;
            }
            None => return false,
        }
    }
    false
}

/// A 128-bit hash of everything the body is made of, each piece
/// length-prefixed so that different splits of the same bytes differ.
fn content_hash(parts: &[Part<'_>]) -> u128 {
    let mut h = Hasher::new();
    for part in parts {
        match part {
            Part::Text { name, value } => {
                h.piece(b"text");
                h.piece(name.as_bytes());
                h.piece(value.as_bytes());
            }
            Part::File {
                name,
                file_name,
                content_type,
                data,
            } => {
                h.piece(b"file");
                h.piece(name.as_bytes());
                h.piece(file_name.as_bytes());
                h.piece(content_type.as_bytes());
                h.piece(data);
            }
        }
    }
    h.finish()
}

/// A small, stable, word-at-a-time hash with two independent 64-bit lanes
/// (multiply-xorshift rounds, murmur3's finalizer). Fast enough for a 10 MiB
/// file on every attempt (a few milliseconds); not cryptographic.
struct Hasher {
    a: u64,
    b: u64,
    len: u64,
}

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const K3: u64 = 0x1656_67B1_9E37_79F9;

impl Hasher {
    fn new() -> Self {
        Hasher {
            a: 0x243F_6A88_85A3_08D3,
            b: 0x1319_8A2E_0370_7344,
            len: 0,
        }
    }

    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(K1);
        self.a ^= self.a >> 29;
        self.b = (self.b ^ w.rotate_left(31)).wrapping_mul(K2);
        self.b ^= self.b >> 32;
    }

    fn piece(&mut self, bytes: &[u8]) {
        self.word(bytes.len() as u64 ^ K3);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length byte keeps `ab` and `ab\0` apart.
            self.word(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
        self.len = self.len.wrapping_add(bytes.len() as u64);
    }

    fn finish(&self) -> u128 {
        let a = mix(self.a ^ self.len);
        let b = mix(self.b ^ a.rotate_left(17));
        (u128::from(b) << 64) | u128::from(a)
    }
}

/// murmur3's 64-bit finalizer.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(value: &str, file: &[u8]) -> Form {
        form_data(&[
            Part::Text {
                name: "documentType",
                value,
            },
            Part::File {
                name: "file",
                file_name: "a.png",
                content_type: "image/png",
                data: file,
            },
        ])
        .unwrap()
    }

    fn boundary_of(f: &Form) -> String {
        f.content_type
            .to_str()
            .unwrap()
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap()
            .to_owned()
    }

    #[test]
    fn exact_bytes() {
        let f = form("license", b"\x89PNG\r\n--x");
        let b = boundary_of(&f);
        assert_eq!(b.len(), BOUNDARY_LEN);
        assert!(b.starts_with(BOUNDARY_PREFIX));
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nlicense\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
             Content-Type: image/png\r\n\r\n\u{89}PNG\r\n--x\r\n--{b}--\r\n"
        );
        // The file bytes are not UTF-8: compare with the one byte swapped in.
        let mut expected = expected.into_bytes();
        let at = expected
            .windows(2)
            .position(|w| w == "\u{89}".as_bytes())
            .unwrap();
        expected.splice(at..at + 2, [0x89]);
        assert_eq!(&f.body[..], &expected[..]);
        assert_eq!(
            f.body.len(),
            body_len(&[
                Part::Text {
                    name: "documentType",
                    value: "license"
                },
                Part::File {
                    name: "file",
                    file_name: "a.png",
                    content_type: "image/png",
                    data: b"\x89PNG\r\n--x"
                },
            ])
        );
    }

    #[test]
    fn same_content_same_bytes_other_content_other_boundary() {
        let a = form("license", b"abc");
        let b = form("license", b"abc");
        assert_eq!(a.body, b.body);
        assert_eq!(a.content_type, b.content_type);
        assert_ne!(boundary_of(&a), boundary_of(&form("license", b"abd")));
        assert_ne!(boundary_of(&a), boundary_of(&form("passport", b"abc")));
        assert_ne!(boundary_of(&a), boundary_of(&form("license", b"abc\0")));
        // A pinned value: the boundary must not change between releases
        // (or toolchains), or a replayed upload would no longer match.
        assert_eq!(boundary_of(&a), boundary_of(&form("license", b"abc")));
        assert_eq!(boundary_of(&a), PINNED);
    }

    const PINNED: &str = "dwolla-rs-918463427a0fa505365a9477f95f61b6";

    #[test]
    fn a_boundary_in_the_content_is_skipped() {
        let hash = 42u128;
        let first = boundary_candidate(hash, 0);
        let second = boundary_candidate(hash, 1);
        assert_ne!(first, second);
        let data = format!("xx\r\n--{first}--\r\n").into_bytes();
        let parts = [Part::File {
            name: "file",
            file_name: "a.png",
            content_type: "image/png",
            data: &data,
        }];
        assert_eq!(pick_boundary(hash, &parts).unwrap(), second);
        // Every candidate present: an error, not a broken body.
        let all: Vec<u8> = (0..CANDIDATES)
            .flat_map(|n| boundary_candidate(hash, n).into_bytes())
            .collect();
        let parts = [Part::File {
            name: "file",
            file_name: "a.png",
            content_type: "image/png",
            data: &all,
        }];
        assert!(pick_boundary(hash, &parts).is_err());
        // In a field value or a file name too.
        let parts = [Part::Text {
            name: "documentType",
            value: &first,
        }];
        assert_eq!(pick_boundary(hash, &parts).unwrap(), second);
    }

    #[test]
    fn contains_finds_every_position() {
        assert!(contains(b"abc", b""));
        assert!(!contains(b"", b"a"));
        assert!(contains(b"dwolla", b"dwolla"));
        assert!(contains(b"ddwollx dwolla", b"dwolla"));
        assert!(!contains(b"ddwollx dwoll", b"dwolla"));
        assert!(contains(b"xxdwo", b"dwo"));
    }

    proptest::proptest! {
        #[test]
        fn contains_agrees_with_windows(
            hay in proptest::collection::vec(0u8..4, 0..64),
            needle in proptest::collection::vec(0u8..4, 1..5),
        ) {
            let reference = hay.windows(needle.len()).any(|w| w == &needle[..]);
            proptest::prop_assert_eq!(contains(&hay, &needle), reference);
        }

        #[test]
        fn length_is_exact(value in "[a-z]{0,12}", data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let parts = [
                Part::Text { name: "documentType", value: &value },
                Part::File { name: "file", file_name: "f.jpg", content_type: "image/jpeg", data: &data },
            ];
            let f = form_data(&parts).unwrap();
            proptest::prop_assert_eq!(f.body.len(), body_len(&parts));
            let b = boundary_of(&f);
            proptest::prop_assert!(!contains(&data, b.as_bytes()));
        }
    }
}
