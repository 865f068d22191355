//! `multipart/form-data` (RFC 7578) request bodies, as document uploads
//! send them: a boundary from the `Content-Type`, parts with their
//! `Content-Disposition` name and filename. Tolerant of bare LF line ends,
//! of a preamble, and of a missing closing delimiter's trailing CRLF.

use super::super::respond::percent_decode;

/// One part of a form.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    /// The form field's `name`.
    pub(crate) name: String,
    /// The `filename` of a file field (`filename*` decoded when given).
    pub(crate) filename: Option<String>,
    /// The part's own `Content-Type`, if sent.
    pub(crate) content_type: Option<String>,
    pub(crate) data: &'a [u8],
}

/// The boundary of a `multipart/form-data` content type; `None` for
/// another media type or a missing boundary.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut params = split_params(content_type);
    let media = params.next()?;
    if !media.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| unquote(v.trim()))
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// The parts of `body`; `None` when it is not a well-formed form with this
/// boundary.
pub(crate) fn parse<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // The first delimiter: at the very start, or after a preamble's line end.
    let mut at = if body.starts_with(delimiter) {
        0
    } else {
        find(body, &[b"\n", delimiter].concat())? + 1
    };
    let mut parts = Vec::new();
    loop {
        let rest = &body[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        // Transport padding, then the line end after the delimiter.
        let line_end = find(rest, b"\n")?;
        if !rest[..line_end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            return None;
        }
        let part_start = at + delimiter.len() + line_end + 1;
        let part = &body[part_start..];
        let (headers, content_start) = headers_end(part)?;
        let content = &part[content_start..];
        // The content ends at the line end before the next delimiter.
        let next = next_delimiter(content, delimiter)?;
        let end = if next > 0 && content[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        parts.push(read_part(headers, &content[..end])?);
        at = part_start + content_start + next + 1;
    }
}

/// The header block of a part (without the empty line) and where its
/// content starts.
fn headers_end(part: &[u8]) -> Option<(&str, usize)> {
    if part.starts_with(b"\r\n") {
        return Some(("", 2));
    }
    if part.starts_with(b"\n") {
        return Some(("", 1));
    }
    let (end, skip) = match (find(part, b"\r\n\r\n"), find(part, b"\n\n")) {
        (Some(crlf), Some(lf)) if lf < crlf => (lf, 2),
        (Some(crlf), _) => (crlf, 4),
        (None, Some(lf)) => (lf, 2),
        (None, None) => return None,
    };
    Some((std::str::from_utf8(&part[..end]).ok()?, end + skip))
}

fn read_part<'a>(headers: &str, data: &'a [u8]) -> Option<Part<'a>> {
    let mut name = None;
    let mut filename = None;
    let mut filename_star = None;
    let mut content_type = None;
    for line in headers.lines() {
        let (k, v) = line.split_once(':')?;
        let k = k.trim();
        if k.eq_ignore_ascii_case("content-disposition") {
            let mut params = split_params(v);
            if !params.next()?.trim().eq_ignore_ascii_case("form-data") {
                return None;
            }
            for p in params {
                let Some((pk, pv)) = p.split_once('=') else {
                    continue;
                };
                match pk.trim().to_ascii_lowercase().as_str() {
                    "name" => name = Some(unquote(pv.trim())),
                    "filename" => filename = Some(unquote(pv.trim())),
                    // RFC 5987: charset'language'percent-encoded.
                    "filename*" => {
                        filename_star = pv.trim().splitn(3, '\'').nth(2).and_then(percent_decode);
                    }
                    _ => {}
                }
            }
        } else if k.eq_ignore_ascii_case("content-type") {
            content_type = Some(v.trim().to_owned());
        }
    }
    Some(Part {
        name: name?,
        filename: filename_star.or(filename),
        content_type,
        data,
    })
}

/// `;`-separated parameters, a quoted string kept whole.
fn split_params(value: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                pieces.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&value[start..]);
    pieces.into_iter()
}

/// A token, or a quoted string with its escapes undone.
fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where `\n--boundary` starts in `content`, for a real delimiter: one
/// followed by `--` or by padding and a line end (not a look-alike such as
/// `--boundary-x` inside the data).
fn next_delimiter(content: &[u8], delimiter: &[u8]) -> Option<usize> {
    let needle = [b"\n", delimiter].concat();
    let mut from = 0;
    loop {
        let at = from + find(&content[from..], &needle)?;
        let after = &content[at + needle.len()..];
        let padding = after
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let rest = &after[padding..];
        if after.starts_with(b"--") || rest.starts_with(b"\r\n") || rest.starts_with(b"\n") {
            return Some(at);
        }
        from = at + 1;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW")
                .as_deref(),
            Some("----WebKitFormBoundary7MA4YWxkTrZu0gW")
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"").as_deref(),
            Some("a b;c")
        );
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("application/json; boundary=x"), None);
    }

    #[test]
    fn parts_with_crlf_and_lf() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nlicense\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"id; front.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n--XyZ-\r\n--XyZ--\r\n";
        let parts = parse(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "documentType");
        assert_eq!(parts[0].data, b"license");
        assert_eq!(parts[1].filename.as_deref(), Some("id; front.png"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/png"));
        // The content may hold line ends and look-alikes of the delimiter.
        assert_eq!(parts[1].data, b"\x89PNG\r\n\x1a\n--XyZ-");

        let lf = b"--b\nContent-Disposition: form-data; name=a\n\n1\n--b\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''r%C3%A9sum%C3%A9.jpg\n\n\xff\xd8\xff\n--b--";
        let parts = parse(lf, "b").unwrap();
        assert_eq!(parts[0].data, b"1");
        assert_eq!(parts[1].filename.as_deref(), Some("résumé.jpg"));
        assert_eq!(parts[1].data, b"\xff\xd8\xff");
    }

    #[test]
    fn malformed_forms() {
        assert_eq!(parse(b"", "b"), None);
        assert_eq!(parse(b"--b\r\nno headers end", "b"), None);
        assert_eq!(
            parse(
                b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nno end",
                "b"
            ),
            None
        );
        // A part without a name.
        assert_eq!(
            parse(
                b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
                "b"
            ),
            None
        );
        assert_eq!(parse(b"--b--", "b"), Some(Vec::new()));
    }
}
