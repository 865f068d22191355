use dwolla_core::documents::{
    CreateBeneficialOwnerDocument, CreateCustomerDocument, DocumentFile, DocumentType,
    ListBeneficialOwnerDocuments, ListCustomerDocuments, RetrieveDocument,
};

use super::{sample, Sample, ID};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00";
const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

pub fn samples() -> Vec<Sample> {
    vec![
        sample(
            "create, license",
            CreateCustomerDocument::new(
                ID,
                DocumentType::License,
                DocumentFile::new("license.jpg", JPEG),
            ),
        ),
        sample(
            "create, business PDF",
            CreateCustomerDocument::new(
                ID,
                DocumentType::Other,
                DocumentFile::new("ein-letter.pdf", PDF),
            ),
        ),
        sample("list", ListCustomerDocuments::new(ID)),
        sample(
            "create for owner",
            CreateBeneficialOwnerDocument::new(
                ID,
                DocumentType::Passport,
                DocumentFile::new("passport.jpeg", JPEG),
            ),
        ),
        sample("list for owner", ListBeneficialOwnerDocuments::new(ID)),
        sample("retrieve", RetrieveDocument::new(ID)),
    ]
}
