//! Documents: `POST` and `GET /customers/{id}/documents`,
//! `/beneficial-owners/{id}/documents`, and `GET /documents/{id}`.
//!
//! An upload is `multipart/form-data` with `documentType` (`passport`,
//! `license`, `idCard`, `other`) and `file`: a JPG or PNG (a PDF too for a
//! business customer's `other` document), recognised by its first bytes;
//! the whole request at most 10 MiB. Only a customer (or beneficial owner) in `document`
//! status takes documents, at most four waiting for review at a time, and
//! not the same file twice.
//!
//! The emulator reviews at once, by the file's *name* (as Dwolla's sandbox
//! reviews by its two sample images):
//!
//! - a name containing `fail` (Dwolla's failing sample is
//!   `test-document-upload-fail.png`): `reviewed`, `rejected`
//!   (`ScanNotReadable`; `BusinessNameMismatch` for a business document),
//!   and the customer stays in `document`;
//! - a name containing `pending`: stays `pending` (waiting for a review
//!   that never comes), which is how four pending documents are reached;
//! - any other name: `reviewed`, `accepted`. A person's document
//!   (passport, license, ID card) proves a personal customer, sole
//!   proprietor, controller or beneficial owner; an `other` document proves
//!   a business. A document of the wrong kind is rejected
//!   (`ScanIdTypeNotSupported` / `BusinessDocNotSupported`). Once nothing
//!   more is needed, the customer (or owner) is `verified`.

use std::hash::{DefaultHasher, Hash, Hasher};

use http::header::CONTENT_TYPE;
use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::customers::{Kind, Status};
use super::super::super::state::verification::{Document, DocumentOf, OwnerStatus};
use super::super::super::state::Data;
use super::super::customers::customer_not_found;
use super::super::idempotency::{idempotency_key, remember, replay};
use super::super::respond::{created, error, error_json, hal, link, rfc3339_now, Problems, Resp};
use super::super::Call;
use super::multipart::{self, Part};
use super::owners::owner_not_found;

/// The largest document upload request Dwolla takes ("Document requests are
/// limited to 10 MiB."): the file and the form around it.
pub(crate) const MAX_UPLOAD_REQUEST: usize = 10 * 1024 * 1024;
/// How many documents may wait for review at once.
const MAX_PENDING: usize = 4;

const DOCUMENT_TYPES: &[&str] = &["passport", "license", "idCard", "other"];

/// 413 `fileTooLarge`.
pub(crate) fn file_too_large() -> Resp {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "fileTooLarge",
        "Document requests are limited to 10 MiB.",
    )
}

/// Whether a request is a document upload (whose body may be up to
/// [`MAX_UPLOAD_REQUEST`]).
pub(crate) fn is_upload(method: &http::Method, path: &str) -> bool {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    method == http::Method::POST
        && matches!(
            segs.as_slice(),
            ["customers" | "beneficial-owners", id, "documents"] if !id.is_empty()
        )
}

fn not_in_document_status(of: &DocumentOf) -> Resp {
    let message = match of {
        DocumentOf::Customer(_) => {
            "Resource cannot be modified. Document creation not allowed for already verified \
             Customers or non-verified Customer types."
        }
        DocumentOf::Owner(_) => {
            "Resource cannot be modified. Document creation not allowed for beneficial owners \
             not in document status."
        }
    };
    error(StatusCode::FORBIDDEN, "invalidResourceState", message)
}

pub(crate) fn create_for_customer(call: &Call<'_>, id: &str) -> Resp {
    let Some(id) = call.shared.data().customer(id).map(|c| c.id.clone()) else {
        return error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "Customer not found. Check CustomerId.",
        );
    };
    upload(call, DocumentOf::Customer(id))
}

pub(crate) fn create_for_owner(call: &Call<'_>, id: &str) -> Resp {
    let Some(id) = call.shared.data().owner(id).map(|o| o.id.clone()) else {
        return owner_not_found();
    };
    upload(call, DocumentOf::Owner(id))
}

/// The form of an upload, read.
struct Upload<'a> {
    doc_type: String,
    file: Part<'a>,
}

fn read_form<'a>(call: &'a Call<'_>) -> Result<Upload<'a>, Resp> {
    let boundary = call
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .ok_or_else(|| {
            error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "UnsupportedMediaType",
                "Documents are uploaded as multipart/form-data (with a boundary).",
            )
        })?;
    let parts = multipart::parse(call.body, &boundary).ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "The request body contains bad syntax or is incomplete.",
        )
    })?;
    let mut p = Problems::default();
    let doc_type = match parts.iter().find(|part| part.name == "documentType") {
        None => {
            p.push("Required", "DocumentType is required.", "/documentType");
            None
        }
        Some(part) => {
            let t = String::from_utf8_lossy(part.data).trim().to_owned();
            if DOCUMENT_TYPES.contains(&t.as_str()) {
                Some(t)
            } else {
                p.push(
                    "Invalid",
                    "DocumentType must be one of passport, license, idCard or other.",
                    "/documentType",
                );
                None
            }
        }
    };
    let mut parts = parts;
    let file = match parts.iter().position(|part| part.name == "file") {
        Some(i) => Some(parts.swap_remove(i)),
        None => {
            p.push("Required", "File is required.", "/file");
            None
        }
    };
    match (doc_type, file, p.is_empty()) {
        (Some(doc_type), Some(file), true) => Ok(Upload { doc_type, file }),
        _ => Err(p.response()),
    }
}

/// What a file is, by its first bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

fn sniff(data: &[u8]) -> Option<FileKind> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if data.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// What identifies a file's content: its length and hash.
fn fingerprint(file: &[u8]) -> (usize, u64) {
    let mut hasher = DefaultHasher::new();
    file.hash(&mut hasher);
    (file.len(), hasher.finish())
}

fn upload(call: &Call<'_>, of: DocumentOf) -> Resp {
    let shared = call.shared;
    let base = shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    // Parsed and hashed before taking the lock, so a large upload does not
    // hold up every other request; a refused form is still answered after
    // the checks of whose document it is, as before.
    let form = read_form(call).map(|form| {
        let fingerprint = fingerprint(form.file.data);
        (form, fingerprint)
    });
    let mut data = shared.data();
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    // Whose, and whether they take documents now.
    let (customer_id, business) = match &of {
        DocumentOf::Customer(id) => {
            let Some(c) = data.customer(id) else {
                return customer_not_found();
            };
            if c.status != Status::Document {
                return not_in_document_status(&of);
            }
            (c.id.clone(), c.kind == Kind::Business)
        }
        DocumentOf::Owner(id) => {
            let Some(o) = data.owner(id) else {
                return owner_not_found();
            };
            if o.status != OwnerStatus::Document {
                return not_in_document_status(&of);
            }
            (o.customer_id.clone(), false)
        }
    };
    let (form, fingerprint) = match form {
        Ok(form) => form,
        Err(resp) => return resp,
    };
    let pdf_allowed = business && form.doc_type == "other";
    match sniff(form.file.data) {
        Some(FileKind::Jpeg | FileKind::Png) => {}
        Some(FileKind::Pdf) if pdf_allowed => {}
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalidFileType",
                "File types supported: Personal IDs - .jpg, .jpeg or .png. Business Documents - \
                 .jpg, .jpeg, .png, or .pdf.",
            )
        }
    }
    let mine = |d: &&Document| d.of == of;
    let pending = data
        .verification
        .documents
        .iter()
        .filter(mine)
        .filter(|d| !d.reviewed)
        .count();
    if pending >= MAX_PENDING {
        return error(
            StatusCode::BAD_REQUEST,
            "maximumNumberOfResources",
            "Max of four files upload allowed. Please wait for Dwolla to manually check the documents.",
        );
    }
    if let Some(same) = data
        .verification
        .documents
        .iter()
        .filter(mine)
        .find(|d| d.fingerprint == fingerprint && d.verification != "rejected")
    {
        let href = format!("{base}/documents/{}", same.id);
        return error_json(
            StatusCode::BAD_REQUEST,
            &json!({
                "code": "DuplicateResource",
                "message": format!("Document already exists: id={}", same.id),
                "_links": { "about": link(href, "document") },
            }),
        );
    }

    let id = uuid::Uuid::new_v4().to_string();
    let href = format!("{base}/documents/{id}");
    data.verification.documents.push(Document {
        id: id.clone(),
        of: of.clone(),
        doc_type: form.doc_type.clone(),
        created: rfc3339_now(),
        reviewed: false,
        verification: "pending",
        failure: None,
        fingerprint,
    });
    let topic_prefix = match of {
        DocumentOf::Customer(_) => "customer_verification_document",
        DocumentOf::Owner(_) => "customer_beneficial_owner_verification_document",
    };
    let event = |data: &mut Data, what: &str| {
        let topic = format!("{topic_prefix}_{what}");
        let customer = format!("{base}/customers/{customer_id}");
        data.events.emit(&topic, &href, Some(&customer), None);
    };
    event(&mut data, "uploaded");
    let name = form
        .file
        .filename
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    if !name.contains("pending") {
        let verdict = review(&data, &of, &form.doc_type, name.contains("fail"));
        if let Some(d) = data.verification.documents.iter_mut().find(|d| d.id == id) {
            d.reviewed = true;
            d.verification = if verdict.is_ok() {
                "accepted"
            } else {
                "rejected"
            };
            d.failure = verdict.err();
        }
        match verdict {
            Ok(()) => {
                event(&mut data, "approved");
                settle(&mut data, base, &of, &form.doc_type);
            }
            Err(_) => event(&mut data, "failed"),
        }
    }
    let location = href.clone();
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

/// Reviews a document: `Err` with the failure reason when rejected.
fn review(
    data: &Data,
    of: &DocumentOf,
    doc_type: &str,
    fail_sample: bool,
) -> Result<(), (&'static str, &'static str)> {
    let business_doc = doc_type == "other";
    let (needs_person, needs_business) = match of {
        DocumentOf::Customer(id) => data.customer(id).map_or((true, false), |c| {
            (c.document_needs.person, c.document_needs.business)
        }),
        DocumentOf::Owner(_) => (true, false),
    };
    if fail_sample {
        return Err(if business_doc {
            (
                "BusinessNameMismatch",
                "Business name does not match the document",
            )
        } else {
            (
                "ScanNotReadable",
                "Image blurry, too dark, or obscured by glare",
            )
        });
    }
    if business_doc && !needs_business {
        return Err((
            "ScanIdTypeNotSupported",
            "ID may be a military ID, firearm license, or other unsupported ID type",
        ));
    }
    if !business_doc && !needs_person {
        return Err((
            "BusinessDocNotSupported",
            "The document is not one that verifies a business",
        ));
    }
    Ok(())
}

/// An accepted document proves what it proves; verified once nothing more
/// is needed.
fn settle(data: &mut Data, base: &str, of: &DocumentOf, doc_type: &str) {
    match of {
        DocumentOf::Customer(id) => {
            let Some(c) = data.customer_mut(id) else {
                return;
            };
            if doc_type == "other" {
                c.document_needs.business = false;
            } else {
                c.document_needs.person = false;
            }
            if !c.document_needs.any() {
                let id = c.id.clone();
                data.set_customer_status(base, &id, Status::Verified);
            }
        }
        DocumentOf::Owner(id) => {
            let Some(o) = data.owner_mut(id) else {
                return;
            };
            o.status = OwnerStatus::Verified;
            let (owner_href, customer_id) = (
                format!("{base}/beneficial-owners/{}", o.id),
                o.customer_id.clone(),
            );
            data.owner_event(
                base,
                OwnerStatus::Verified.topic(),
                &owner_href,
                &customer_id,
            );
        }
    }
}

fn document_json(base: &str, d: &Document) -> Value {
    let mut doc = json!({
        "_links": { "self": link(format!("{base}/documents/{}", d.id), "document") },
        "id": d.id,
        "status": if d.reviewed { "reviewed" } else { "pending" },
        "type": d.doc_type,
        "created": d.created,
        "documentVerificationStatus": d.verification,
    });
    if let Some((reason, description)) = d.failure {
        doc["failureReason"] = json!(reason);
        doc["allFailureReasons"] = json!([{ "reason": reason, "description": description }]);
    }
    doc
}

fn list(call: &Call<'_>, of: &DocumentOf, self_href: String) -> Resp {
    let base = &call.shared.base_url;
    let data = call.shared.data();
    let documents: Vec<Value> = data
        .verification
        .documents
        .iter()
        .filter(|d| &d.of == of)
        .map(|d| document_json(base, d))
        .collect();
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "self": link(self_href, "document") },
            "_embedded": { "documents": documents },
            "total": documents.len(),
        }),
    )
}

pub(crate) fn list_for_customer(call: &Call<'_>, id: &str) -> Resp {
    let Some(id) = call.shared.data().customer(id).map(|c| c.id.clone()) else {
        return customer_not_found();
    };
    let href = format!("{}/customers/{id}/documents", call.shared.base_url);
    list(call, &DocumentOf::Customer(id), href)
}

pub(crate) fn list_for_owner(call: &Call<'_>, id: &str) -> Resp {
    let Some(id) = call.shared.data().owner(id).map(|o| o.id.clone()) else {
        return owner_not_found();
    };
    let href = format!("{}/beneficial-owners/{id}/documents", call.shared.base_url);
    list(call, &DocumentOf::Owner(id), href)
}

pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = call.shared.data();
    match data
        .verification
        .documents
        .iter()
        .find(|d| d.id.eq_ignore_ascii_case(id))
    {
        Some(d) => hal(StatusCode::OK, &document_json(&call.shared.base_url, d)),
        None => error(StatusCode::NOT_FOUND, "NotFound", "Document not found."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_recognised() {
        assert!(is_upload(&http::Method::POST, "/customers/c1/documents"));
        assert!(is_upload(
            &http::Method::POST,
            "/beneficial-owners/o1/documents"
        ));
        assert!(!is_upload(&http::Method::GET, "/customers/c1/documents"));
        assert!(!is_upload(&http::Method::POST, "/customers//documents"));
        assert!(!is_upload(&http::Method::POST, "/customers/c1"));
    }

    #[test]
    fn file_kinds() {
        assert!(sniff(b"\xff\xd8\xff\xe0rest") == Some(FileKind::Jpeg));
        assert!(sniff(b"\x89PNG\r\n\x1a\nrest") == Some(FileKind::Png));
        assert!(sniff(b"%PDF-1.7") == Some(FileKind::Pdf));
        assert!(sniff(b"GIF89a").is_none());
        assert!(sniff(b"").is_none());
    }
}
