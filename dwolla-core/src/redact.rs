//! Secrets in `Debug` output: shown by their length only.

use std::fmt;

/// A secret's `Debug`: `<redacted, N bytes>`, never the secret itself, so
/// that a logged operation or model cannot leak it.
pub(crate) struct Redacted<'a>(pub(crate) &'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted, {} bytes>", self.0.len())
    }
}
