//! Documents: the exact multipart bytes of an upload, read back by an
//! independent parser (multer) for files made to confuse one; the checks made
//! before sending (kind by magic number, name, PDF rule, 10 MiB); and every
//! documented response.

mod support;

use bytes::Bytes;
use dwolla_core::documents::{
    CreateBeneficialOwnerDocument, CreateCustomerDocument, DocumentFailureReason, DocumentFile,
    DocumentStatus, DocumentType, DocumentVerificationStatus, FileKind,
    ListBeneficialOwnerDocuments, ListCustomerDocuments, RetrieveDocument, MAX_REQUEST_BYTES,
};
use dwolla_core::{AccessToken, ApiErrorKind, Environment, Error, Operation};
use dwolla_mock::fixtures;
use support::{assert_errors_parse, build, invalid};

const CUSTOMER: &str = "1de32ec7-ff0b-4c0c-9f09-19629e6788ce";
const OWNER: &str = "55469604-40ab-44b6-962f-de2c0837ba98";

fn boundary(r: &http::Request<Bytes>) -> String {
    let ct = r.headers()["content-type"].to_str().unwrap();
    ct.strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("content type {ct}"))
        .to_owned()
}

fn jpeg_with(tail: &[u8]) -> Bytes {
    let mut v = fixtures::SAMPLE_JPEG.to_vec();
    v.extend_from_slice(tail);
    Bytes::from(v)
}

/// One part as multer reads it.
#[derive(Debug, PartialEq)]
struct ParsedPart {
    name: Option<String>,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Bytes,
}

/// Reads a request's body with multer, from the boundary in its
/// `Content-Type` header.
async fn parse(r: &http::Request<Bytes>) -> Vec<ParsedPart> {
    let ct = r.headers()["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(ct).expect("a multipart Content-Type");
    let body = r.body().clone();
    let mut form = multer::Multipart::with_reader(std::io::Cursor::new(body), boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.expect("a well-formed body") {
        let name = field.name().map(str::to_owned);
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(|m| m.to_string());
        let data = field.bytes().await.expect("a complete part");
        parts.push(ParsedPart {
            name,
            file_name,
            content_type,
            data,
        });
    }
    parts
}

#[test]
fn upload_request_is_exact() {
    let file = jpeg_with(b"rest of the image");
    let r = build(
        &CreateCustomerDocument::new(
            CUSTOMER,
            DocumentType::License,
            DocumentFile::new("mclovin.jpg", file.clone()),
        )
        .idempotency_key("doc-1"),
    );
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri(),
        &format!("https://api.dwolla.com/customers/{CUSTOMER}/documents")[..]
    );
    assert_eq!(r.headers()["accept"], "application/vnd.dwolla.v1.hal+json");
    assert_eq!(r.headers()["authorization"], "Bearer tok");
    assert_eq!(r.headers()["idempotency-key"], "doc-1");
    assert_eq!(r.headers().get_all("content-type").iter().count(), 1);
    let b = boundary(&r);
    assert!(b.starts_with("dwolla-rs-") && b.len() == 42, "{b}");
    assert!(b.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    let mut expected = format!(
        "--{b}\r\n\
         Content-Disposition: form-data; name=\"documentType\"\r\n\
         \r\n\
         license\r\n\
         --{b}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"mclovin.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\
         \r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&file);
    expected.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    assert_eq!(r.body(), &expected[..]);
}

#[test]
fn every_kind_has_its_media_type_and_both_owners_their_path() {
    let cases = [
        (
            DocumentType::Passport,
            "passport.png",
            fixtures::SAMPLE_PNG,
            "image/png",
            "passport",
        ),
        (
            DocumentType::IdCard,
            "ID.JPEG",
            fixtures::SAMPLE_JPEG,
            "image/jpeg",
            "idCard",
        ),
        (
            DocumentType::Other,
            "ein.pdf",
            fixtures::SAMPLE_PDF,
            "application/pdf",
            "other",
        ),
        (
            DocumentType::Other,
            "lease.jpg",
            fixtures::SAMPLE_JPEG,
            "image/jpeg",
            "other",
        ),
    ];
    for (ty, name, bytes, mime, wire) in cases {
        let file = DocumentFile::new(name, Bytes::from_static(bytes));
        let r = build(&CreateBeneficialOwnerDocument::new(OWNER, ty, file.clone()));
        assert_eq!(
            r.uri().path(),
            format!("/beneficial-owners/{OWNER}/documents")
        );
        let text = String::from_utf8_lossy(r.body());
        assert!(
            text.contains(&format!("Content-Type: {mime}\r\n")),
            "{name}"
        );
        assert!(
            text.contains(&format!("name=\"documentType\"\r\n\r\n{wire}\r\n")),
            "{name}"
        );
        assert!(
            text.contains(&format!("; filename=\"{name}\"\r\n")),
            "{name}"
        );
        // The same form for a customer: only the path differs.
        let c = build(&CreateCustomerDocument::new(CUSTOMER, ty, file));
        assert_eq!(c.body(), r.body());
        assert_eq!(c.headers()["content-type"], r.headers()["content-type"]);
    }
}

/// Files made of what a multipart parser trips on: CRLFs, dashes, lines that
/// look like delimiters (even of this very SDK's boundaries), every byte
/// value. A real parser reads back exactly the two fields, the file name,
/// the media type and the file's bytes.
#[tokio::test]
async fn a_real_parser_reads_back_exactly_what_was_sent() {
    let other_boundary = boundary(&build(&CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("a.jpg", jpeg_with(b"x")),
    )));
    let all_bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let tails: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\r\n".to_vec(),
        b"\r\n\r\n--\r\n--".to_vec(),
        b"--\r\n--dwolla-rs-\r\n--dwolla-rs---\r\n".to_vec(),
        format!("\r\n--{other_boundary}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n--{other_boundary}--\r\n").into_bytes(),
        b"\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n".to_vec(),
        all_bytes,
        b"ends with CR LF\r\n".to_vec(),
        b"ends with dashes--".to_vec(),
        b"\r".to_vec(),
    ];
    for tail in tails {
        let file = jpeg_with(&tail);
        for (ty, name) in [
            (DocumentType::License, "scan.jpg"),
            (DocumentType::Other, "Führerschein (1).jpeg"),
        ] {
            let op =
                CreateCustomerDocument::new(CUSTOMER, ty, DocumentFile::new(name, file.clone()));
            let r = build(&op);
            let b = boundary(&r);
            assert!(
                !file.windows(b.len()).any(|w| w == b.as_bytes()),
                "the boundary occurs in the file"
            );
            let parts = parse(&r).await;
            assert_eq!(
                parts,
                [
                    ParsedPart {
                        name: Some("documentType".into()),
                        file_name: None,
                        content_type: None,
                        data: Bytes::from(ty.as_str()),
                    },
                    ParsedPart {
                        name: Some("file".into()),
                        file_name: Some(name.into()),
                        content_type: Some("image/jpeg".into()),
                        data: file.clone(),
                    },
                ],
                "tail {:?}",
                String::from_utf8_lossy(&tail)
            );
        }
    }
}

#[tokio::test]
async fn a_large_file_reads_back_byte_for_byte() {
    // Nearly the limit, with pseudo-random content.
    let mut v = fixtures::SAMPLE_PNG.to_vec();
    let mut x: u32 = 0x1234_5678;
    while v.len() < MAX_REQUEST_BYTES - 512 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v.extend_from_slice(&x.to_le_bytes());
    }
    let file = Bytes::from(v);
    let r = build(&CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::Passport,
        DocumentFile::new("big.png", file.clone()),
    ));
    assert!(r.body().len() <= MAX_REQUEST_BYTES);
    let parts = parse(&r).await;
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].data, file);
    assert_eq!(parts[1].content_type.as_deref(), Some("image/png"));
}

#[test]
fn the_same_upload_is_byte_identical_every_time() {
    let op = CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("license.jpg", jpeg_with(b"\r\n--abc")),
    );
    let a = build(&op);
    let b = build(&op.clone());
    // Built anew from equal input, in another environment: the same body.
    let c = CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("license.jpg", jpeg_with(b"\r\n--abc")),
    )
    .build_request(&Environment::Sandbox, &AccessToken::new("other"))
    .unwrap();
    for other in [&b, &c] {
        assert_eq!(a.body(), other.body());
        assert_eq!(a.headers()["content-type"], other.headers()["content-type"]);
    }
    // Different content, different boundary.
    let d = build(&CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("license.jpg", jpeg_with(b"\r\n--abd")),
    ));
    assert_ne!(boundary(&a), boundary(&d));
    // The operation shares the file's allocation rather than copying it.
    let file = jpeg_with(b"shared");
    let op = CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("a.jpg", file.clone()),
    );
    assert_eq!(op.clone().file().bytes().as_ptr(), file.as_ptr());
}

#[test]
fn the_file_is_checked_before_sending() {
    let try_build = |ty: DocumentType, name: &str, bytes: Bytes| {
        invalid(
            CreateCustomerDocument::new(CUSTOMER, ty, DocumentFile::new(name, bytes))
                .build_request(&Environment::Sandbox, &AccessToken::new("t")),
        )
    };
    let png = Bytes::from_static(fixtures::SAMPLE_PNG);
    let jpeg = Bytes::from_static(fixtures::SAMPLE_JPEG);
    let pdf = Bytes::from_static(fixtures::SAMPLE_PDF);
    let gif = Bytes::from_static(b"GIF89a\x01\x00\x01\x00");
    let cases = [
        // The bytes decide the kind, the name must agree.
        (
            DocumentType::License,
            "license.jpg",
            png.clone(),
            "file_name",
        ),
        (
            DocumentType::License,
            "license.png",
            jpeg.clone(),
            "file_name",
        ),
        (DocumentType::Other, "doc.jpg", pdf.clone(), "file_name"),
        (DocumentType::License, "license", jpeg.clone(), "file_name"),
        (DocumentType::License, "license.gif", gif.clone(), "file"),
        (
            DocumentType::License,
            "license.jpg",
            Bytes::from_static(b"\xFF\xD8"),
            "file",
        ),
        (DocumentType::License, "license.jpg", Bytes::new(), "file"),
        // PDF for business documents only.
        (DocumentType::License, "license.pdf", pdf.clone(), "file"),
        (DocumentType::Passport, "passport.pdf", pdf.clone(), "file"),
        // Names that would break the part header, or are not plain names.
        (DocumentType::License, "a\".jpg", jpeg.clone(), "file_name"),
        (
            DocumentType::License,
            "a\r\nX-Injected: 1.jpg",
            jpeg.clone(),
            "file_name",
        ),
        (
            DocumentType::License,
            "dir/a.jpg",
            jpeg.clone(),
            "file_name",
        ),
        (DocumentType::License, "a\\b.jpg", jpeg.clone(), "file_name"),
        (DocumentType::License, "", jpeg.clone(), "file_name"),
    ];
    for (ty, name, bytes, field) in cases {
        assert_eq!(try_build(ty, name, bytes).0, field, "{ty} {name:?}");
    }
    let (field, shown) = try_build(
        DocumentType::License,
        &format!("{}.jpg", "a".repeat(252)),
        jpeg.clone(),
    );
    assert_eq!(field, "file_name", "{shown}");
    // The customer id is checked too.
    let (field, _) = invalid(
        CreateCustomerDocument::new("", DocumentType::Other, DocumentFile::new("a.pdf", pdf))
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "customer_id");
    let (field, _) = invalid(
        CreateBeneficialOwnerDocument::new(
            "..",
            DocumentType::License,
            DocumentFile::new("a.jpg", jpeg.clone()),
        )
        .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "beneficial_owner_id");
    assert!(CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("a.JPG", jpeg)
    )
    .validate()
    .is_ok());
}

/// 10 MiB for the whole request: a file that makes it exactly 10 MiB goes,
/// one byte more is refused before anything is built, naming `file`.
#[test]
fn the_ten_mib_limit_is_exact() {
    let name = "big.jpg";
    let framing = build(&CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new(name, Bytes::from_static(fixtures::SAMPLE_JPEG)),
    ))
    .body()
    .len()
        - fixtures::SAMPLE_JPEG.len();
    let mut v = fixtures::SAMPLE_JPEG.to_vec();
    v.resize(MAX_REQUEST_BYTES - framing, b'x');
    let fits = Bytes::from(v.clone());
    let r = build(&CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new(name, fits),
    ));
    assert_eq!(r.body().len(), MAX_REQUEST_BYTES);
    v.push(b'x');
    let too_big = CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new(name, v.clone()),
    );
    assert_eq!(invalid(too_big.validate()).0, "file");
    let (field, shown) = invalid(
        CreateCustomerDocument::new(CUSTOMER, DocumentType::License, DocumentFile::new(name, v))
            .build_request(&Environment::Sandbox, &AccessToken::new("t")),
    );
    assert_eq!(field, "file");
    assert!(shown.contains("10 MiB"), "{shown}");
}

#[test]
fn debug_shows_no_file_content() {
    let marker = b"PASSPORT-NUMBER-X98C7Q654";
    let op = CreateBeneficialOwnerDocument::new(
        OWNER,
        DocumentType::Passport,
        DocumentFile::new("passport.jpg", jpeg_with(marker)),
    )
    .idempotency_key("k-1");
    let shown = format!("{op:?}");
    assert!(!shown.contains("X98C7Q654"), "{shown}");
    assert!(shown.contains("passport.jpg") && shown.contains("Jpeg") && shown.contains(OWNER));
    assert!(shown.contains(&format!(
        "len: {}",
        fixtures::SAMPLE_JPEG.len() + marker.len()
    )));
    let shown = format!(
        "{:?}",
        CreateCustomerDocument::new(
            CUSTOMER,
            DocumentType::License,
            DocumentFile::new("a.jpg", jpeg_with(marker))
        )
    );
    assert!(!shown.contains("X98C7Q654"), "{shown}");
}

#[test]
fn types_and_kinds() {
    for (t, s) in [
        (DocumentType::Passport, "passport"),
        (DocumentType::License, "license"),
        (DocumentType::IdCard, "idCard"),
        (DocumentType::Other, "other"),
    ] {
        assert_eq!(t.to_string(), s);
        assert_eq!(s.parse::<DocumentType>().unwrap(), t);
        assert_eq!(s.to_uppercase().parse::<DocumentType>().unwrap(), t);
    }
    assert!("driverLicense".parse::<DocumentType>().is_err());
    assert_eq!(FileKind::sniff(fixtures::SAMPLE_JPEG), Some(FileKind::Jpeg));
    assert_eq!(FileKind::sniff(fixtures::SAMPLE_PNG), Some(FileKind::Png));
    assert_eq!(FileKind::sniff(fixtures::SAMPLE_PDF), Some(FileKind::Pdf));
    assert_eq!(FileKind::sniff(b"\x89PNG\r\n\x1a"), None);
    assert_eq!(FileKind::Pdf.mime_type(), "application/pdf");
}

#[test]
fn reads_are_exact() {
    for (r, path) in [
        (
            build(&ListCustomerDocuments::new(CUSTOMER)),
            format!("/customers/{CUSTOMER}/documents"),
        ),
        (
            build(&ListBeneficialOwnerDocuments::new(OWNER)),
            format!("/beneficial-owners/{OWNER}/documents"),
        ),
        (
            build(&RetrieveDocument::new(fixtures::document_href(
                fixtures::DOCUMENT_ID,
            ))),
            format!("/documents/{}", fixtures::DOCUMENT_ID),
        ),
    ] {
        assert_eq!(r.method(), http::Method::GET);
        assert_eq!(r.uri().path(), path);
        assert!(r.body().is_empty());
        assert!(r.headers().get("content-type").is_none());
    }
    let f = || DocumentFile::new("a.jpg", Bytes::from_static(fixtures::SAMPLE_JPEG));
    assert_eq!(
        [
            ListCustomerDocuments::new("c").name(),
            CreateCustomerDocument::new("c", DocumentType::License, f()).name(),
            ListBeneficialOwnerDocuments::new("o").name(),
            CreateBeneficialOwnerDocument::new("o", DocumentType::License, f()).name(),
            RetrieveDocument::new("d").name(),
        ],
        [
            "listCustomerDocuments",
            "createCustomerDocument",
            "listBeneficialOwnerDocuments",
            "createBeneficialOwnerDocument",
            "retrieveDocument",
        ]
    );
}

#[test]
fn documented_successes_parse() {
    let d = RetrieveDocument::new("d")
        .parse_response(fixtures::document())
        .unwrap();
    assert_eq!(d.id(), fixtures::DOCUMENT_ID);
    assert_eq!(d.document_type(), Some(DocumentType::Passport));
    assert_eq!(d.status(), &DocumentStatus::Pending);
    assert_eq!(
        d.document_verification_status(),
        &DocumentVerificationStatus::Pending
    );
    assert_eq!(d.failure_reason(), None);
    assert!(d.all_failure_reasons().is_empty());
    assert!(!d.is_accepted() && !d.is_rejected());

    let d = RetrieveDocument::new("d")
        .parse_response(fixtures::document_rejected())
        .unwrap();
    assert!(d.is_rejected());
    assert_eq!(d.status(), &DocumentStatus::Reviewed);
    assert_eq!(d.document_type(), Some(DocumentType::License));
    assert_eq!(
        d.failure_reason(),
        Some(DocumentFailureReason::ScanDobMismatch)
    );
    let all: Vec<_> = d
        .all_failure_reasons()
        .iter()
        .map(|r| (r.kind(), r.description()))
        .collect();
    assert_eq!(
        all,
        [
            (
                Some(DocumentFailureReason::ScanDobMismatch),
                Some("Scan DOB does not match DOB on account")
            ),
            (
                Some(DocumentFailureReason::ScanIdExpired),
                Some("ID is expired or missing expiration date")
            ),
        ]
    );
    assert_eq!(d.created(), Some("2019-05-30T22:01:40.000Z"));

    for list in [
        ListCustomerDocuments::new(CUSTOMER)
            .parse_response(fixtures::customer_documents_list())
            .unwrap(),
        ListBeneficialOwnerDocuments::new(OWNER)
            .parse_response(fixtures::beneficial_owner_documents_list(OWNER))
            .unwrap(),
    ] {
        assert_eq!(list.len(), 2);
        assert_eq!(list.total(), Some(2));
        assert_eq!(list[1].id(), fixtures::REJECTED_DOCUMENT_ID);
    }

    let created = CreateCustomerDocument::new(
        CUSTOMER,
        DocumentType::License,
        DocumentFile::new("a.jpg", Bytes::from_static(fixtures::SAMPLE_JPEG)),
    )
    .parse_response(fixtures::document_created())
    .unwrap();
    assert_eq!(created.id(), fixtures::DOCUMENT_ID);
    assert_eq!(
        build(&created.retrieve()).uri().path(),
        format!("/documents/{}", fixtures::DOCUMENT_ID)
    );

    // Unknown values are kept, not rejected.
    let r = http::Response::builder()
        .status(200)
        .body(Bytes::from(
            r#"{"id":"d","type":"selfie","status":"archived","documentVerificationStatus":"escalated","failureReason":"ScanGlare","allFailureReasons":[{"reason":"ScanGlare"},"junk"]}"#,
        ))
        .unwrap();
    let d = RetrieveDocument::new("d").parse_response(r).unwrap();
    assert_eq!(d.document_type(), None);
    assert_eq!(d.document_type_str(), Some("selfie"));
    assert_eq!(d.status(), &DocumentStatus::Other("archived".into()));
    assert_eq!(
        d.document_verification_status(),
        &DocumentVerificationStatus::Other("escalated".into())
    );
    assert_eq!(
        d.failure_reason(),
        Some(DocumentFailureReason::Other("ScanGlare".into()))
    );
    assert_eq!(d.all_failure_reasons().len(), 1);
}

#[test]
fn documented_errors_parse_to_their_kinds() {
    let f = || DocumentFile::new("a.jpg", Bytes::from_static(fixtures::SAMPLE_JPEG));
    type Parse = Box<dyn Fn(http::Response<Bytes>) -> Result<(), Error>>;
    type Table = Vec<(&'static str, http::Response<Bytes>, ApiErrorKind)>;
    let reads: Vec<Parse> = vec![
        Box::new(|r| ListCustomerDocuments::new("c").parse_response(r).map(drop)),
        Box::new(|r| {
            ListBeneficialOwnerDocuments::new("o")
                .parse_response(r)
                .map(drop)
        }),
        Box::new(|r| RetrieveDocument::new("d").parse_response(r).map(drop)),
    ];
    let customer = CreateCustomerDocument::new("c", DocumentType::License, f());
    let owner = CreateBeneficialOwnerDocument::new("o", DocumentType::License, f());
    let mut checks: Vec<(Parse, Table)> = vec![
        (
            Box::new(move |r| customer.parse_response(r).map(drop)),
            fixtures::documented_create_customer_document_errors(),
        ),
        (
            Box::new(move |r| owner.parse_response(r).map(drop)),
            fixtures::documented_create_beneficial_owner_document_errors(),
        ),
    ];
    for read in reads {
        checks.push((read, fixtures::documented_read_document_errors()));
    }
    let mut n = 0;
    for (parse, table) in checks {
        n += assert_errors_parse("documents", table, parse);
    }
    assert_eq!(n, 7 + 6 + 3 * 2);
    // The duplicate points at the existing document.
    let e = CreateCustomerDocument::new("c", DocumentType::License, f())
        .parse_response(fixtures::duplicate_document())
        .unwrap_err();
    assert_eq!(
        e.api_error().unwrap().about_href(),
        Some(fixtures::document_href(fixtures::DOCUMENT_ID).as_str())
    );
}

/// The parser check can fail: a body whose file holds its own delimiter is
/// read back as a different file, which is what the boundary choice prevents.
#[tokio::test]
async fn the_parser_check_catches_a_boundary_inside_the_file() {
    let b = "fixed-boundary";
    let file = format!("\u{1}\r\n--{b}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx");
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n{file}\r\n--{b}--\r\n"
    );
    let r = http::Request::builder()
        .header("content-type", format!("multipart/form-data; boundary={b}"))
        .body(Bytes::from(body))
        .unwrap();
    let parts = parse(&r).await;
    assert_ne!(parts[0].data, file.as_bytes());
    assert_eq!(parts.len(), 2);
}
