//! Test CRLs (RFC 5280 §5): a [`TestCa`] signs a [`CrlTemplate`].

use chrono::{DateTime, Utc};
use const_oid::db::rfc5280;
use der::asn1::{Any, BitString, OctetString};
use der::{Sequence, Tag};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::AuthorityKeyIdentifier;
use x509_cert::time::Time;

use super::cert::{RawExtension, TestCa, corrupt_last_octet};
use super::encode::{from_der, to_der, typed_extension, x509_time};
use super::{MintError, SignatureHash};
use crate::SerialNumber;
use crate::inspect::{CriticalMark, Presence};
use crate::revocation::CrlReason;

/// One revoked certificate of a [`CrlTemplate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlEntryTemplate {
    /// The serial number, written as its content octets exactly.
    pub serial: SerialNumber,
    /// `revocationDate`.
    pub revoked_at: DateTime<Utc>,
    /// The reasonCode entry extension; none when `None`.
    pub reason: Option<CrlReason>,
}

/// Every field of a test CRL, plain data, so that a test can make any defect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlTemplate {
    /// `thisUpdate`.
    pub this_update: DateTime<Utc>,
    /// `nextUpdate`; `None` leaves it out.
    pub next_update: Option<DateTime<Utc>>,
    /// The CRL number extension; `None` leaves it out.
    pub number: Option<u64>,
    /// Whether to write the authority key identifier (the CA's key identifier).
    pub authority_key_identifier: Presence,
    /// The hash of the signature; the CA key's default when `None`.
    pub signature_hash: Option<SignatureHash>,
    /// The revoked certificates, in order.
    pub entries: Vec<CrlEntryTemplate>,
    /// CRL extensions appended as given (a deltaCRLIndicator, an issuing distribution point).
    pub extra_extensions: Vec<RawExtension>,
}

impl CrlTemplate {
    /// A CRL issued at `this_update`, valid for seven days, number 1, with the authority key
    /// identifier and no entries.
    pub fn new(this_update: DateTime<Utc>) -> Self {
        Self {
            this_update,
            next_update: Some(this_update + chrono::Duration::days(7)),
            number: Some(1),
            authority_key_identifier: Presence::Present,
            signature_hash: None,
            entries: Vec::new(),
            extra_extensions: Vec::new(),
        }
    }

    /// The template with `serial` revoked at `revoked_at` for `reason`.
    #[must_use]
    pub fn revoke(
        mut self,
        serial: SerialNumber,
        revoked_at: DateTime<Utc>,
        reason: impl Into<Option<CrlReason>>,
    ) -> Self {
        self.entries.push(CrlEntryTemplate {
            serial,
            revoked_at,
            reason: reason.into(),
        });
        self
    }
}

/// `TBSCertList` (RFC 5280 §5.1) as the minter writes it: serials as `Any` INTEGERs holding
/// their content octets exactly.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TbsCertList {
    /// Always 1 (v2).
    version: u8,
    signature: AlgorithmIdentifierOwned,
    issuer: Any,
    this_update: Time,
    #[asn1(optional = "true")]
    next_update: Option<Time>,
    #[asn1(optional = "true")]
    revoked_certificates: Option<Vec<RevokedEntry>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    crl_extensions: Option<Vec<Extension>>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct RevokedEntry {
    serial_number: Any,
    revocation_date: Time,
    #[asn1(optional = "true")]
    crl_entry_extensions: Option<Vec<Extension>>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertificateList {
    tbs_cert_list: TbsCertList,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

impl TestCa {
    /// Signs a CRL made from `template` with the CA's key; DER.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sote_certs::mint::{CrlTemplate, DvvCa};
    /// use sote_certs::revocation::{CrlReason, read_crls};
    ///
    /// let ca = DvvCa::g3e().test_ca(7)?;
    /// let at = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
    /// let serial = sote_certs::SerialNumber::from_hex("0bf4eab0")?;
    /// let der = ca.issue_crl(&CrlTemplate::new(at).revoke(serial, at, CrlReason::Superseded))?;
    /// assert_eq!(read_crls(&der)?[0].entries().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_crl(&self, template: &CrlTemplate) -> Result<Vec<u8>, MintError> {
        let der_error = |what| move |source| MintError::Der { what, source };
        let key = self.key();
        let hash = template
            .signature_hash
            .unwrap_or_else(|| key.spec().default_hash());
        let algorithm = key.signature_algorithm(hash);
        let entries = template
            .entries
            .iter()
            .map(|entry| {
                let extensions = entry
                    .reason
                    .map(|reason| {
                        typed_extension(
                            rfc5280::ID_CE_CRL_REASONS,
                            CriticalMark::NonCritical,
                            vec![0x0a, 0x01, reason.code()],
                        )
                    })
                    .transpose()?;
                Ok(RevokedEntry {
                    serial_number: Any::new(Tag::Integer, entry.serial.as_der_content())
                        .map_err(der_error("CRL entry serial number"))?,
                    revocation_date: x509_time(entry.revoked_at)?,
                    crl_entry_extensions: extensions.map(|e| vec![e]),
                })
            })
            .collect::<Result<Vec<_>, MintError>>()?;
        let mut extensions = Vec::new();
        if template.authority_key_identifier == Presence::Present {
            let value = AuthorityKeyIdentifier {
                key_identifier: Some(
                    OctetString::new(key.key_identifier().to_vec())
                        .map_err(der_error("keyIdentifier"))?,
                ),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            };
            extensions.push(typed_extension(
                rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER,
                CriticalMark::NonCritical,
                to_der(&value, "authorityKeyIdentifier")?,
            )?);
        }
        if let Some(number) = template.number {
            extensions.push(typed_extension(
                rfc5280::ID_CE_CRL_NUMBER,
                CriticalMark::NonCritical,
                SerialNumber::from(number).to_der(),
            )?);
        }
        for raw in &template.extra_extensions {
            extensions.push(typed_extension(raw.oid, raw.critical, raw.value.clone())?);
        }
        let tbs_cert_list = TbsCertList {
            version: 1,
            signature: algorithm.clone(),
            issuer: from_der(&self.name().to_der()?, "issuer")?,
            this_update: x509_time(template.this_update)?,
            next_update: template.next_update.map(x509_time).transpose()?,
            revoked_certificates: (!entries.is_empty()).then_some(entries),
            crl_extensions: (!extensions.is_empty()).then_some(extensions),
        };
        let tbs = to_der(&tbs_cert_list, "TBSCertList")?;
        let signature = key.sign(hash, &tbs)?;
        let list = CertificateList {
            tbs_cert_list,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&signature).map_err(der_error("signature"))?,
        };
        to_der(&list, "CertificateList")
    }

    /// [`TestCa::issue_crl`] with the signature's last octet flipped: a CRL whose signature
    /// does not verify.
    pub fn issue_crl_with_bad_signature(
        &self,
        template: &CrlTemplate,
    ) -> Result<Vec<u8>, MintError> {
        self.issue_crl(template).map(|der| corrupt_last_octet(&der))
    }
}
