//! Documents: identity and business documents uploaded for verification (`multipart/form-data`).
//!
//! - [`CreateCustomerDocument`]: `POST /customers/{id}/documents`
//! - [`CreateBeneficialOwnerDocument`]: `POST /beneficial-owners/{id}/documents`
//! - [`ListCustomerDocuments`]: `GET /customers/{id}/documents`
//! - [`ListBeneficialOwnerDocuments`]: `GET /beneficial-owners/{id}/documents`
//! - [`RetrieveDocument`]: `GET /documents/{id}`
//!
//! A customer in `document` status (or a beneficial owner whose
//! verification status is `document`) uploads a color scan or photo of an
//! identity document. What Dwolla accepts, checked before anything is sent:
//!
//! - **Types**: a personal ID ([`DocumentType::Passport`],
//!   [`License`](DocumentType::License), [`IdCard`](DocumentType::IdCard)) as
//!   a JPG/JPEG or PNG file; a business document
//!   ([`DocumentType::Other`]) also as a PDF. The file's kind is read from
//!   its first bytes (its magic number), and its name must end in a matching
//!   extension (`.jpg`/`.jpeg`, `.png`, `.pdf`).
//! - **Size**: the whole request at most [`MAX_REQUEST_BYTES`] (10 MiB;
//!   Dwolla answers a larger one `413`).
//! - **How many**: at most four documents pending review at a time (a fifth
//!   is refused with [`MaxNumberOfResources`](crate::ApiErrorKind::MaxNumberOfResources));
//!   the same file twice is refused with
//!   [`DuplicateDocument`](crate::ApiErrorKind::DuplicateDocument).
//!
//! Review takes one to two business days; a `customer_verification_document_*`
//! webhook says how it went, and the [`Document`]'s
//! [`failure_reason`](Document::failure_reason) says why one was rejected.

use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::Method;

use crate::created::Created;
use crate::environment::Environment;
use crate::error::Error;
use crate::list::List;
use crate::model::model;
use crate::multipart::{self, Part};
use crate::open_enum::open_enum;
use crate::operation::Operation;
use crate::request::{check_text, hal_request, id_segment, optional_idempotency_key, request_uri};
use crate::response;
use crate::retrieve::{resource, Retrieve};
use crate::token::AccessToken;

/// The largest document upload Dwolla accepts: 10 MiB for the whole
/// request ("Document requests are limited to 10 MiB"). The file may be that
/// less the few hundred bytes of form framing around it.
pub const MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;

/// The longest file name sent, in bytes.
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// What a document is. Dwolla's `documentType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentType {
    /// `passport` (a personal verified customer's must be a US passport;
    /// business controllers and beneficial owners may use a foreign one).
    Passport,
    /// `license`: a US driver's license.
    License,
    /// `idCard`: a US government-issued ID card.
    IdCard,
    /// `other`: a business document (the only type a PDF may be).
    Other,
}

impl DocumentType {
    /// As Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::Passport => "passport",
            DocumentType::License => "license",
            DocumentType::IdCard => "idCard",
            DocumentType::Other => "other",
        }
    }
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentType {
    type Err = Error;

    /// `passport`, `license`, `idCard` or `other`, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        [
            DocumentType::Passport,
            DocumentType::License,
            DocumentType::IdCard,
            DocumentType::Other,
        ]
        .into_iter()
        .find(|t| s.eq_ignore_ascii_case(t.as_str()))
        .ok_or_else(|| {
            Error::invalid(
                "document_type",
                "must be `passport`, `license`, `idCard` or `other`",
            )
        })
    }
}

/// The kind of a document file, read from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A JPEG image (`FF D8 FF`), `image/jpeg`.
    Jpeg,
    /// A PNG image (`89 50 4E 47 0D 0A 1A 0A`), `image/png`.
    Png,
    /// A PDF document (`%PDF-`), `application/pdf`.
    Pdf,
}

impl FileKind {
    /// The kind these bytes start like, if it is one Dwolla accepts.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }

    /// The media type sent in the file part's `Content-Type`.
    pub fn mime_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// The kind a file name's extension names (`.jpg`, `.jpeg`, `.png`,
    /// `.pdf`, in any case).
    fn of_name(name: &str) -> Option<FileKind> {
        let (_, ext) = name.rsplit_once('.')?;
        if ext.eq_ignore_ascii_case("jpg") || ext.eq_ignore_ascii_case("jpeg") {
            Some(FileKind::Jpeg)
        } else if ext.eq_ignore_ascii_case("png") {
            Some(FileKind::Png)
        } else if ext.eq_ignore_ascii_case("pdf") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }
}

/// A file to upload: its name and its bytes.
///
/// The bytes are a [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html):
/// cloning the file (or the operation holding it) shares them instead of
/// copying, so a retried upload reuses the same
/// allocation. `Debug` shows the name, size and kind, never the content (an
/// identity document is personal data).
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentFile {
    file_name: String,
    bytes: Bytes,
}

impl DocumentFile {
    /// The file `file_name` (e.g. `license.jpg`) with these bytes.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        DocumentFile {
            file_name: file_name.into(),
            bytes: bytes.into(),
        }
    }
    /// The file name as given.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }
    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
    /// The kind its bytes start like, if one Dwolla accepts.
    pub fn kind(&self) -> Option<FileKind> {
        FileKind::sniff(&self.bytes)
    }

    /// Checks the name and the content for `document_type`, returning the
    /// file's kind.
    fn check(&self, document_type: DocumentType) -> Result<FileKind, Error> {
        const NAME: &str = "file_name";
        check_text(NAME, &self.file_name)?;
        if self.file_name.len() > MAX_FILE_NAME_BYTES {
            return Err(Error::invalid(NAME, "must be at most 255 bytes long"));
        }
        if self.file_name.contains(['"', '\\', '/']) {
            return Err(Error::invalid(
                NAME,
                "must be a plain file name, without `\"`, `\\` or `/`",
            ));
        }
        if self.bytes.is_empty() {
            return Err(Error::invalid("file", "is empty"));
        }
        let Some(kind) = self.kind() else {
            return Err(Error::invalid(
                "file",
                "is not a JPEG, PNG or PDF file (judged by its first bytes)",
            ));
        };
        if kind == FileKind::Pdf && document_type != DocumentType::Other {
            return Err(Error::invalid(
                "file",
                "is a PDF, which Dwolla accepts only for business documents (`other`); \
                 upload a personal ID as a JPEG or PNG image",
            ));
        }
        match FileKind::of_name(&self.file_name) {
            Some(named) if named == kind => Ok(kind),
            _ => Err(Error::invalid(
                NAME,
                match kind {
                    FileKind::Jpeg => "must end in .jpg or .jpeg: the file is a JPEG image",
                    FileKind::Png => "must end in .png: the file is a PNG image",
                    FileKind::Pdf => "must end in .pdf: the file is a PDF",
                },
            )),
        }
    }
}

impl fmt::Debug for DocumentFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentFile")
            .field("file_name", &self.file_name)
            .field("len", &self.bytes.len())
            .field("kind", &self.kind())
            .finish()
    }
}

/// What the two document uploads share: the form and its checks.
#[derive(Clone, PartialEq, Eq)]
struct Upload {
    document_type: DocumentType,
    file: DocumentFile,
    idempotency_key: Option<String>,
}

impl Upload {
    /// The form's parts, once the file is checked.
    fn parts(&self) -> Result<[Part<'_>; 2], Error> {
        let kind = self.file.check(self.document_type)?;
        let parts = [
            Part::Text {
                name: "documentType",
                value: self.document_type.as_str(),
            },
            Part::File {
                name: "file",
                file_name: &self.file.file_name,
                content_type: kind.mime_type(),
                data: &self.file.bytes,
            },
        ];
        // Checked before a byte is copied.
        let len = multipart::body_len(&parts);
        if len > MAX_REQUEST_BYTES {
            return Err(Error::invalid(
                "file",
                format!(
                    "is too large: the upload would be {len} bytes, over Dwolla's limit of 10 MiB ({MAX_REQUEST_BYTES} bytes) per request"
                ),
            ));
        }
        Ok(parts)
    }

    /// Every check of [`Upload::request`], without building the body.
    fn check(&self) -> Result<(), Error> {
        self.parts()?;
        optional_idempotency_key(self.idempotency_key.as_deref()).map(|_| ())
    }

    /// The POST to `pieces`, with the form as its body.
    fn request(
        &self,
        env: &Environment,
        token: &AccessToken,
        pieces: &[&str],
    ) -> Result<http::Request<Bytes>, Error> {
        let parts = self.parts()?;
        let key = optional_idempotency_key(self.idempotency_key.as_deref())?;
        let uri = request_uri(env, pieces)?;
        let form = multipart::form_data(&parts).map_err(|reason| Error::invalid("file", reason))?;
        let mut request = hal_request(Method::POST, uri, token, Some(form.body), key.as_ref())?;
        request
            .headers_mut()
            .insert(CONTENT_TYPE, form.content_type);
        Ok(request)
    }

    fn debug(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        d.field("document_type", &self.document_type)
            .field("file", &self.file)
            .field("idempotency_key", &self.idempotency_key);
    }
}

/// `POST /customers/{id}/documents`: uploads an identity document (or, for a
/// business, a business document) for a customer in `document` status.
///
/// The body is `multipart/form-data` with the parts `documentType` and
/// `file`; it is byte-identical every time it is built from the same input
/// (its boundary is derived from the content), so a retry under the same
/// `Idempotency-Key` sends exactly the same request.
///
/// ```
/// use dwolla_core::documents::{CreateCustomerDocument, DocumentFile, DocumentType};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// // In real code: `std::fs::read("license.jpg")?`.
/// let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'];
/// let op = CreateCustomerDocument::new(
///     "1de32ec7-ff0b-4c0c-9f09-19629e6788ce",
///     DocumentType::License,
///     DocumentFile::new("license.jpg", jpeg),
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// let content_type = request.headers()["content-type"].to_str().unwrap();
/// assert!(content_type.starts_with("multipart/form-data; boundary="));
///
/// // The kind is read from the bytes: a PNG named .jpg is refused before sending.
/// let png = DocumentFile::new("license.jpg", &b"\x89PNG\r\n\x1a\n..."[..]);
/// let err = CreateCustomerDocument::new("c", DocumentType::License, png)
///     .build_request(&Environment::Sandbox, &AccessToken::new("token"))
///     .unwrap_err();
/// assert!(matches!(err, dwolla_core::Error::InvalidInput(i) if i.field() == "file_name"));
/// # Ok(()) }
/// ```
///
/// Errors to expect: [`MaxNumberOfResources`](crate::ApiErrorKind::MaxNumberOfResources)
/// (four documents already wait for review), [`InvalidFileType`](crate::ApiErrorKind::InvalidFileType),
/// [`DuplicateDocument`](crate::ApiErrorKind::DuplicateDocument) (this file was
/// uploaded before), [`InvalidResourceState`](crate::ApiErrorKind::InvalidResourceState)
/// (the customer is verified already, or not a verified type),
/// [`Forbidden`](crate::ApiErrorKind::Forbidden), [`NotFound`](crate::ApiErrorKind::NotFound),
/// [`FileTooLarge`](crate::ApiErrorKind::FileTooLarge).
#[derive(Clone, PartialEq, Eq)]
pub struct CreateCustomerDocument {
    customer_id: String,
    upload: Upload,
}

impl CreateCustomerDocument {
    /// Uploads `file` as a document of `document_type` for the customer with
    /// this id or URL.
    pub fn new(
        customer_id: impl Into<String>,
        document_type: DocumentType,
        file: DocumentFile,
    ) -> Self {
        CreateCustomerDocument {
            customer_id: customer_id.into(),
            upload: Upload {
                document_type,
                file,
                idempotency_key: None,
            },
        }
    }

    /// Sends this `Idempotency-Key`, so that a replay of the same upload
    /// within 24 h returns the original document instead of a duplicate
    /// error. (The [`Client`](crate::Client) generates one when none is set.)
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.upload.idempotency_key = Some(key.into());
        self
    }

    /// The customer id (or URL) as given.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }
    /// The document type.
    pub fn document_type(&self) -> DocumentType {
        self.upload.document_type
    }
    /// The file.
    pub fn file(&self) -> &DocumentFile {
        &self.upload.file
    }

    /// Checks the input (the file's kind, name and size included) without
    /// building the body.
    pub fn validate(&self) -> Result<(), Error> {
        id_segment("customer_id", &self.customer_id, "customers")?;
        self.upload.check()
    }
}

impl fmt::Debug for CreateCustomerDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateCustomerDocument");
        d.field("customer_id", &self.customer_id);
        self.upload.debug(&mut d);
        d.finish()
    }
}

impl Operation for CreateCustomerDocument {
    type Output = DocumentCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        self.upload
            .request(env, token, &["/customers/", &id, "/documents"])
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<DocumentCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createCustomerDocument"
    }
}

/// `POST /beneficial-owners/{id}/documents`: uploads an identity document for
/// a beneficial owner whose verification status is `document` (a passport,
/// foreign ones included, a license or an ID card, as JPEG or PNG). The
/// same form, checks and byte-identical retries as [`CreateCustomerDocument`].
///
/// ```
/// use dwolla_core::documents::{CreateBeneficialOwnerDocument, DocumentFile, DocumentType};
/// use dwolla_core::{AccessToken, Environment, Operation};
///
/// # fn main() -> Result<(), dwolla_core::Error> {
/// let png = dwolla_core::bytes::Bytes::from_static(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
/// let op = CreateBeneficialOwnerDocument::new(
///     "1de32ec7-ff0b-4c0c-9f09-19629e6788ce",
///     DocumentType::Passport,
///     DocumentFile::new("passport.png", png),
/// );
/// let request = op.build_request(&Environment::Sandbox, &AccessToken::new("token"))?;
/// assert_eq!(
///     request.uri().path(),
///     "/beneficial-owners/1de32ec7-ff0b-4c0c-9f09-19629e6788ce/documents"
/// );
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CreateBeneficialOwnerDocument {
    beneficial_owner_id: String,
    upload: Upload,
}

impl CreateBeneficialOwnerDocument {
    /// Uploads `file` as a document of `document_type` for the beneficial
    /// owner with this id or URL.
    pub fn new(
        beneficial_owner_id: impl Into<String>,
        document_type: DocumentType,
        file: DocumentFile,
    ) -> Self {
        CreateBeneficialOwnerDocument {
            beneficial_owner_id: beneficial_owner_id.into(),
            upload: Upload {
                document_type,
                file,
                idempotency_key: None,
            },
        }
    }

    /// Sends this `Idempotency-Key` (the [`Client`](crate::Client) generates
    /// one when none is set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.upload.idempotency_key = Some(key.into());
        self
    }

    /// The beneficial owner id (or URL) as given.
    pub fn beneficial_owner_id(&self) -> &str {
        &self.beneficial_owner_id
    }
    /// The document type.
    pub fn document_type(&self) -> DocumentType {
        self.upload.document_type
    }
    /// The file.
    pub fn file(&self) -> &DocumentFile {
        &self.upload.file
    }

    /// Checks the input (the file's kind, name and size included) without
    /// building the body.
    pub fn validate(&self) -> Result<(), Error> {
        id_segment(
            "beneficial_owner_id",
            &self.beneficial_owner_id,
            "beneficial-owners",
        )?;
        self.upload.check()
    }
}

impl fmt::Debug for CreateBeneficialOwnerDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CreateBeneficialOwnerDocument");
        d.field("beneficial_owner_id", &self.beneficial_owner_id);
        self.upload.debug(&mut d);
        d.finish()
    }
}

impl Operation for CreateBeneficialOwnerDocument {
    type Output = DocumentCreated;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment(
            "beneficial_owner_id",
            &self.beneficial_owner_id,
            "beneficial-owners",
        )?;
        self.upload
            .request(env, token, &["/beneficial-owners/", &id, "/documents"])
    }

    fn parse_response(&self, response: http::Response<Bytes>) -> Result<DocumentCreated, Error> {
        response::created(response)
    }

    fn name(&self) -> &'static str {
        "createBeneficialOwnerDocument"
    }
}

/// A created document: where it lives, and how to retrieve it.
pub type DocumentCreated = Created<RetrieveDocument>;

/// `GET /documents/{id}`: one document, by id or URL.
pub type RetrieveDocument = Retrieve<Document>;

/// `GET /customers/{id}/documents`: every document uploaded for a customer
/// (not paged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCustomerDocuments {
    customer_id: String,
}

impl ListCustomerDocuments {
    /// The documents of the customer with this id or URL.
    pub fn new(customer_id: impl Into<String>) -> Self {
        ListCustomerDocuments {
            customer_id: customer_id.into(),
        }
    }
}

impl Operation for ListCustomerDocuments {
    type Output = List<Document>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment("customer_id", &self.customer_id, "customers")?;
        let uri = request_uri(env, &["/customers/", &id, "/documents"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A document without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Document>, Error> {
        response::list_of(response, "documents")
    }

    fn name(&self) -> &'static str {
        "listCustomerDocuments"
    }
}

/// `GET /beneficial-owners/{id}/documents`: every document uploaded for a
/// beneficial owner (not paged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListBeneficialOwnerDocuments {
    beneficial_owner_id: String,
}

impl ListBeneficialOwnerDocuments {
    /// The documents of the beneficial owner with this id or URL.
    pub fn new(beneficial_owner_id: impl Into<String>) -> Self {
        ListBeneficialOwnerDocuments {
            beneficial_owner_id: beneficial_owner_id.into(),
        }
    }
}

impl Operation for ListBeneficialOwnerDocuments {
    type Output = List<Document>;

    fn build_request(
        &self,
        env: &Environment,
        token: &AccessToken,
    ) -> Result<http::Request<Bytes>, Error> {
        let id = id_segment(
            "beneficial_owner_id",
            &self.beneficial_owner_id,
            "beneficial-owners",
        )?;
        let uri = request_uri(env, &["/beneficial-owners/", &id, "/documents"])?;
        hal_request(Method::GET, uri, token, None, None)
    }

    /// A document without an id (or `self` link) is skipped.
    fn parse_response(&self, response: http::Response<Bytes>) -> Result<List<Document>, Error> {
        response::list_of(response, "documents")
    }

    fn name(&self) -> &'static str {
        "listBeneficialOwnerDocuments"
    }
}

open_enum! {
    /// Whether a document was looked at yet. Unknown values are kept.
    pub enum DocumentStatus {
        /// `pending`: waiting for review.
        Pending => "pending",
        /// `reviewed`: see [`Document::document_verification_status`].
        Reviewed => "reviewed",
    }
}

open_enum! {
    /// The outcome of a document's review. Unknown values are kept.
    pub enum DocumentVerificationStatus {
        /// `pending`: not reviewed yet.
        Pending => "pending",
        /// `accepted`.
        Accepted => "accepted",
        /// `rejected`: see [`Document::failure_reason`].
        Rejected => "rejected",
    }
}

open_enum! {
    /// Why a document was rejected. Unknown reasons are kept.
    pub enum DocumentFailureReason {
        /// `BusinessDocNotSupported`: not an acceptable business document.
        BusinessDocNotSupported => "BusinessDocNotSupported",
        /// `BusinessNameMismatch`: the business name does not match.
        BusinessNameMismatch => "BusinessNameMismatch",
        /// `BusinessTypeMismatch`: the business type does not match.
        BusinessTypeMismatch => "BusinessTypeMismatch",
        /// `ForeignPassportNotAllowed`: a personal verified customer needs a US passport.
        ForeignPassportNotAllowed => "ForeignPassportNotAllowed",
        /// `ScanDobMismatch`: the date of birth does not match the account's.
        ScanDobMismatch => "ScanDobMismatch",
        /// `ScanFailedOther`: failed for another reason.
        ScanFailedOther => "ScanFailedOther",
        /// `ScanIdExpired`: the ID is expired or has no expiration date.
        ScanIdExpired => "ScanIdExpired",
        /// `ScanIdTypeNotSupported`: this kind of ID is not accepted.
        ScanIdTypeNotSupported => "ScanIdTypeNotSupported",
        /// `ScanIdUnrecognized`: the ID was not recognised.
        ScanIdUnrecognized => "ScanIdUnrecognized",
        /// `ScanNameMismatch`: the name does not match the account's.
        ScanNameMismatch => "ScanNameMismatch",
        /// `ScanNotReadable`: the image could not be read (blurry, cut off, glare).
        ScanNotReadable => "ScanNotReadable",
        /// `ScanNotUploaded`: no usable image was uploaded.
        ScanNotUploaded => "ScanNotUploaded",
    }
}

model! {
    /// One reason a document was rejected (an item of `allFailureReasons`).
    pub struct FailureReason (WireFailureReason) {
        /// `reason`, as sent (see [`FailureReason::kind`]).
        reason: text = "reason",
        /// `description`: a human-readable explanation.
        description: text = "description",
    }
}

impl FailureReason {
    /// The reason, typed (unknown ones kept as [`DocumentFailureReason::Other`]).
    pub fn kind(&self) -> Option<DocumentFailureReason> {
        self.reason().map(DocumentFailureReason::from_wire)
    }
}

model! {
    /// An uploaded document as retrieved.
    pub struct Document (WireDocument) resource "document" {
        /// `type` as sent, whatever its value (see [`Document::document_type`]).
        document_type_str: text = "type",
        /// `status` (an empty [`DocumentStatus::Other`] if Dwolla sent none).
        status: open(DocumentStatus) = "status",
        /// `documentVerificationStatus` (an empty
        /// [`DocumentVerificationStatus::Other`] if Dwolla sent none).
        document_verification_status: open(DocumentVerificationStatus) = "documentVerificationStatus",
        /// `created` (RFC 3339), as sent.
        created: text = "created",
        /// `failureReason` as sent (see [`Document::failure_reason`]).
        failure_reason_str: text = "failureReason",
        /// `allFailureReasons`: every reason it was rejected, with a description.
        all_failure_reasons: objects(FailureReason) = "allFailureReasons",
    }
}

resource!(Document, "documents", "retrieveDocument", "document_id");

impl Document {
    /// Its type, when it is one of the four Dwolla documents.
    pub fn document_type(&self) -> Option<DocumentType> {
        self.document_type_str()?.parse().ok()
    }
    /// The main reason it was rejected, typed, if it was.
    pub fn failure_reason(&self) -> Option<DocumentFailureReason> {
        self.failure_reason_str()
            .filter(|r| !r.is_empty())
            .map(DocumentFailureReason::from_wire)
    }
    /// True when it was reviewed and accepted.
    pub fn is_accepted(&self) -> bool {
        self.document_verification_status() == &DocumentVerificationStatus::Accepted
    }
    /// True when it was reviewed and rejected.
    pub fn is_rejected(&self) -> bool {
        self.document_verification_status() == &DocumentVerificationStatus::Rejected
    }
}
