//! Property tests for documents: any file and name either build an upload
//! that a real multipart parser reads back exactly, or are refused naming the
//! field; no response makes a parser panic; lists keep or skip every item.

mod support;

use bytes::Bytes;
use dwolla_core::documents::{
    CreateBeneficialOwnerDocument, CreateCustomerDocument, DocumentFile, DocumentType, FileKind,
    ListBeneficialOwnerDocuments, ListCustomerDocuments, RetrieveDocument,
};
use dwolla_core::{AccessToken, Environment, Error, Operation};
use proptest::prelude::*;
use support::props::{check, responses, sent};

const KEYS: &[&str] = &[
    "_links",
    "self",
    "href",
    "_embedded",
    "documents",
    "id",
    "type",
    "status",
    "documentVerificationStatus",
    "created",
    "failureReason",
    "allFailureReasons",
    "reason",
    "description",
    "total",
    "code",
    "message",
];

/// Strings these models read as ids and links.
const TEXTS: &[&str] = &["https://api.dwolla.com/x/abc", "abc"];

fn document_type() -> impl Strategy<Value = DocumentType> {
    prop::sample::select(vec![
        DocumentType::Passport,
        DocumentType::License,
        DocumentType::IdCard,
        DocumentType::Other,
    ])
}

/// A file and its name: a known magic number (or none, or a truncated one),
/// then bytes rich in CR, LF and dashes; a name whose extension usually
/// matches the content, and sometimes does not or cannot be sent.
fn file() -> impl Strategy<Value = (Vec<u8>, String)> {
    const MAGIC: [(&[u8], &str); 6] = [
        (b"\xFF\xD8\xFF", ".jpg"),
        (b"\x89PNG\r\n\x1a\n", ".png"),
        (b"%PDF-", ".pdf"),
        (b"", ".jpg"),
        (b"\xFF\xD8", ".jpeg"),
        (b"GIF89a", ".gif"),
    ];
    let tail = prop::collection::vec(
        prop_oneof![
            3 => any::<u8>(),
            1 => Just(b'\r'),
            1 => Just(b'\n'),
            2 => Just(b'-'),
        ],
        0..300,
    );
    let stem = prop_oneof![
        6 => "[A-Za-z0-9 _()-]{1,12}",
        1 => "\\PC{0,8}",
        1 => "[a-z\"\\\\/\r\n]{0,6}",
    ];
    let other_ext = prop::sample::select(vec![
        ".jpg", ".JPEG", ".png", ".pdf", ".gif", "", ".jpg.exe",
    ]);
    (
        0..MAGIC.len(),
        tail,
        stem,
        prop::option::weighted(0.75, Just(())),
        other_ext,
    )
        .prop_map(|(k, tail, stem, matching, other)| {
            let (magic, ext) = MAGIC[k];
            let ext = if matching.is_some() { ext } else { other };
            ([magic, &tail[..]].concat(), format!("{stem}{ext}"))
        })
}

async fn read_back(
    r: &http::Request<Bytes>,
) -> Vec<(Option<String>, Option<String>, Option<String>, Bytes)> {
    let ct = r.headers()["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(ct).unwrap();
    let mut form = multer::Multipart::with_reader(std::io::Cursor::new(r.body().clone()), boundary);
    let mut out = Vec::new();
    while let Some(f) = form.next_field().await.unwrap() {
        let name = f.name().map(str::to_owned);
        let file_name = f.file_name().map(str::to_owned);
        let ct = f.content_type().map(|m| m.to_string());
        out.push((name, file_name, ct, f.bytes().await.unwrap()));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn any_upload_reads_back_exactly_or_names_the_field(
        ty in document_type(),
        (bytes, name) in file(),
        owner in any::<bool>(),
    ) {
        let file = DocumentFile::new(name.clone(), bytes.clone());
        let env = Environment::Sandbox;
        let token = AccessToken::new("t");
        let built = if owner {
            CreateBeneficialOwnerDocument::new("o", ty, file).build_request(&env, &token)
        } else {
            CreateCustomerDocument::new("c", ty, file).build_request(&env, &token)
        };
        match built {
            Ok(r) => {
                let kind = FileKind::sniff(&bytes).expect("only known kinds are sent");
                prop_assert!(kind != FileKind::Pdf || ty == DocumentType::Other);
                let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
                let parts = rt.block_on(read_back(&r));
                prop_assert_eq!(parts.len(), 2);
                prop_assert_eq!(parts[0].0.as_deref(), Some("documentType"));
                prop_assert_eq!(&parts[0].3[..], ty.as_str().as_bytes());
                prop_assert_eq!(parts[1].0.as_deref(), Some("file"));
                prop_assert_eq!(parts[1].1.as_deref(), Some(name.as_str()));
                prop_assert_eq!(parts[1].2.as_deref(), Some(kind.mime_type()));
                prop_assert_eq!(&parts[1].3[..], &bytes[..]);
            }
            Err(Error::InvalidInput(i)) => {
                prop_assert!(["file", "file_name"].contains(&i.field()), "{}", i);
            }
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn parsers_never_panic(r in responses(KEYS, TEXTS)) {
        let file = || DocumentFile::new("a.jpg", Bytes::from_static(b"\xFF\xD8\xFF"));
        check(&r, ListCustomerDocuments::new("c").parse_response(r.clone()))?;
        check(&r, ListBeneficialOwnerDocuments::new("o").parse_response(r.clone()))?;
        check(&r, RetrieveDocument::new("d").parse_response(r.clone()))?;
        check(&r, CreateCustomerDocument::new("c", DocumentType::License, file()).parse_response(r.clone()))?;
        check(&r, CreateBeneficialOwnerDocument::new("o", DocumentType::License, file()).parse_response(r.clone()))?;
        if let Ok(d) = RetrieveDocument::new("d").parse_response(r.clone()) {
            let _ = (d.document_type(), d.failure_reason(), d.all_failure_reasons().iter().map(|f| f.kind()).collect::<Vec<_>>());
        }
        if let (Ok(list), Some(n)) = (ListCustomerDocuments::new("c").parse_response(r.clone()), sent(&r, "documents")) {
            prop_assert_eq!(list.len() + list.skipped().len(), n);
        }
    }
}
