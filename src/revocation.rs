//! Revoking a service certificate: the reasons DVV accepts, their RFC 5280 CRL reason codes,
//! the request and the record of a revocation, which is final; and reading the CRLs that
//! publish revocations ([`Crl`], [`read_crls`]), which [`crate::trust`] uses for the
//! revocation status of a verified certificate.
//!
//! A sote service certificate must be revoked when compromise of its private key is suspected,
//! when it is no longer needed, or when its purpose changes; the holder requests it in DVV's
//! e-services with the reason and the certificate's serial number (DVV, "Revocation of a
//! service certificate"; DOMAIN §8). DVV may also revoke on suspected misuse; that is DVV's
//! act, not a request this crate models.
//!
//! A revoked certificate can never be reinstated. This module makes that a property of the
//! types rather than a promise:
//! - a [`RevocationRequest`] carries only a code its reason permits
//!   ([`RevocationReason::permitted_crl_reasons`]), and no reason permits `certificateHold` (6)
//!   or `removeFromCRL` (8); [`CrlReason`] has them only because CRLs other CAs write carry
//!   them, and [`crate::trust`] reads such an entry as a finding, never as "good";
//! - [`Revocation`] has no method that gives back anything but itself, and
//!   [`Revocations`] (a register of revoked serial numbers) has no remove, and refuses to
//!   revoke a serial number twice.
//!
//! # Reasons and CRL reason codes
//!
//! | [`RevocationReason`] | default [`CrlReason`] (code) | also permitted |
//! |---|---|---|
//! | suspected key compromise | `keyCompromise` (1) | — |
//! | no longer needed | `cessationOfOperation` (5) | — |
//! | purpose changed | `superseded` (4) | `affiliationChanged` (3) |
//!
//! The meanings are those of ITU-T X.509 §7.3 / RFC 5280 §5.3.1 as the CA/Browser Forum
//! Baseline Requirements §7.2.2 spell them out:
//! - *keyCompromise*: the private key is known **or suspected** to be compromised. A suspicion
//!   is enough, and relying parties treat this code as the most serious one, so it is the only
//!   code for that reason and no other reason may use it.
//! - *cessationOfOperation*: the certificate is no longer needed for the purpose it was
//!   issued for, and the key is not suspected. This is DVV's "no longer needed" word for word.
//! - *superseded*: a new certificate replaces this one, key not suspected. DVV has no renewal:
//!   a certificate for the changed purpose is a new order with a new certificate (DOMAIN §7),
//!   which then replaces the old one. This is the default for "purpose changed".
//!   *affiliationChanged* (the subject's name or other identity information changed) fits when
//!   the purpose changes *because* the organisation changed (merger, new register OID), so it
//!   is permitted through [`RevocationRequest::with_crl_reason`] but is not the default.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use sote_certs::SerialNumber;
//! use sote_certs::revocation::{CrlReason, RevocationReason, RevocationRequest, Revocations};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let serial = SerialNumber::from_hex("017dd7810fc3030e71245bda512189")?;
//! let requested_at = Utc.with_ymd_and_hms(2023, 3, 1, 9, 0, 0).single().ok_or("bad time")?;
//! let request = RevocationRequest::new(serial.clone(), RevocationReason::PurposeChanged, requested_at);
//! assert_eq!(request.crl_reason(), CrlReason::Superseded);
//! assert_eq!(request.crl_reason().code(), 4);
//!
//! let mut revoked = Revocations::new();
//! revoked.revoke(request.clone(), requested_at)?;
//! assert!(revoked.is_revoked(&serial));
//! // Final: the same serial cannot be revoked (or un-revoked) again.
//! assert!(revoked.revoke(request, requested_at).is_err());
//! # Ok(())
//! # }
//! ```

use core::fmt;
use core::str::FromStr;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

mod crl;

use crate::certificate::Certificate;
use crate::serial::SerialNumber;

pub use crl::{Crl, CrlEntry, Nonconformity, Unsupported, read_crls};

/// Why the holder asks DVV to revoke a service certificate (DOMAIN §8).
///
/// Each reason has a default [`CrlReason`] and a fixed set of permitted ones; see the table in
/// the [module docs](self).
///
/// ```
/// use sote_certs::revocation::{CrlReason, RevocationReason};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let reason: RevocationReason = "suspected-key-compromise".parse()?;
/// assert_eq!(reason.crl_reason(), CrlReason::KeyCompromise);
/// assert_eq!(RevocationReason::NoLongerNeeded.crl_reason().code(), 5);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum RevocationReason {
    /// Compromise of the private key is suspected (or known).
    SuspectedKeyCompromise,
    /// The certificate is no longer needed.
    NoLongerNeeded,
    /// The certificate's purpose changes.
    PurposeChanged,
}

impl RevocationReason {
    /// The three reasons, in DVV's order.
    pub const ALL: [RevocationReason; 3] = [
        RevocationReason::SuspectedKeyCompromise,
        RevocationReason::NoLongerNeeded,
        RevocationReason::PurposeChanged,
    ];

    /// The stable name: `"suspected-key-compromise"`, `"no-longer-needed"` or
    /// `"purpose-changed"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationReason::SuspectedKeyCompromise => "suspected-key-compromise",
            RevocationReason::NoLongerNeeded => "no-longer-needed",
            RevocationReason::PurposeChanged => "purpose-changed",
        }
    }

    /// The CRL reason code this crate puts on a request for this reason (module docs).
    pub fn crl_reason(self) -> CrlReason {
        match self {
            RevocationReason::SuspectedKeyCompromise => CrlReason::KeyCompromise,
            RevocationReason::NoLongerNeeded => CrlReason::CessationOfOperation,
            RevocationReason::PurposeChanged => CrlReason::Superseded,
        }
    }

    /// Every CRL reason code that may stand for this reason, the default first.
    pub fn permitted_crl_reasons(self) -> &'static [CrlReason] {
        match self {
            RevocationReason::SuspectedKeyCompromise => &[CrlReason::KeyCompromise],
            RevocationReason::NoLongerNeeded => &[CrlReason::CessationOfOperation],
            RevocationReason::PurposeChanged => {
                &[CrlReason::Superseded, CrlReason::AffiliationChanged]
            }
        }
    }
}

impl fmt::Display for RevocationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RevocationReason {
    type Err = RevocationError;

    fn from_str(name: &str) -> Result<Self, RevocationError> {
        RevocationReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == name)
            .ok_or_else(|| RevocationError::UnknownReason {
                name: name.to_owned(),
            })
    }
}

/// A `CRLReason` code (RFC 5280 §5.3.1): the one reason type of revocation requests and of
/// CRL entries.
///
/// Every code of RFC 5280 is here, since CRL entries carry any of them. A revocation *request*
/// carries only the four its reasons permit ([`CrlReason::HOLDERS`]):
/// `certificateHold` (6) and `removeFromCRL` (8) never, because a revoked sote certificate is
/// never suspended nor reinstated (DOMAIN §8); `unspecified` (0) neither, since every DVV
/// request names a reason; nor the CA-side codes (`cACompromise` 2, `privilegeWithdrawn` 9,
/// `aACompromise` 10). On a CRL, hold and removeFromCRL are findings of [`crate::trust`], never
/// a "good" status.
///
/// ```
/// use sote_certs::revocation::{CrlReason, RevocationError};
///
/// assert_eq!(CrlReason::from_code(1), Ok(CrlReason::KeyCompromise));
/// assert_eq!(CrlReason::KeyCompromise.name(), "keyCompromise");
/// assert_eq!(CrlReason::from_code(6), Ok(CrlReason::CertificateHold));
/// assert!(!CrlReason::HOLDERS.contains(&CrlReason::CertificateHold));
/// assert!(matches!(
///     CrlReason::from_code(7),
///     Err(RevocationError::UnknownCrlReason { code: 7 })
/// ));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "u8", into = "u8")
)]
#[non_exhaustive]
pub enum CrlReason {
    /// `unspecified` (0).
    Unspecified,
    /// `keyCompromise` (1).
    KeyCompromise,
    /// `cACompromise` (2).
    CaCompromise,
    /// `affiliationChanged` (3).
    AffiliationChanged,
    /// `superseded` (4).
    Superseded,
    /// `cessationOfOperation` (5).
    CessationOfOperation,
    /// `certificateHold` (6): a suspension, which a sote certificate never has.
    CertificateHold,
    /// `removeFromCRL` (8): only in delta CRLs, a reinstatement, which a sote certificate
    /// never has.
    RemoveFromCrl,
    /// `privilegeWithdrawn` (9).
    PrivilegeWithdrawn,
    /// `aACompromise` (10).
    AaCompromise,
}

/// Every code, its name, and why a holder's request cannot carry it (`None` for the four it
/// can): the one table behind [`CrlReason::code`], [`CrlReason::name`] and
/// [`CrlReason::from_code`].
const CRL_REASONS: [(CrlReason, u8, &str, Option<&str>); 10] = [
    (
        CrlReason::Unspecified,
        0,
        "unspecified",
        Some("every DVV revocation names its reason"),
    ),
    (CrlReason::KeyCompromise, 1, "keyCompromise", None),
    (
        CrlReason::CaCompromise,
        2,
        "cACompromise",
        Some("an authority compromise, not a holder's reason"),
    ),
    (CrlReason::AffiliationChanged, 3, "affiliationChanged", None),
    (CrlReason::Superseded, 4, "superseded", None),
    (
        CrlReason::CessationOfOperation,
        5,
        "cessationOfOperation",
        None,
    ),
    (
        CrlReason::CertificateHold,
        6,
        "certificateHold",
        Some("a revoked sote certificate is never suspended"),
    ),
    (
        CrlReason::RemoveFromCrl,
        8,
        "removeFromCRL",
        Some("a revoked sote certificate is never reinstated"),
    ),
    (
        CrlReason::PrivilegeWithdrawn,
        9,
        "privilegeWithdrawn",
        Some("DVV's own revocation, not a holder's request"),
    ),
    (
        CrlReason::AaCompromise,
        10,
        "aACompromise",
        Some("an authority compromise, not a holder's reason"),
    ),
];

impl CrlReason {
    /// Every code of RFC 5280 §5.3.1, in code order.
    pub const ALL: [CrlReason; 10] = [
        CrlReason::Unspecified,
        CrlReason::KeyCompromise,
        CrlReason::CaCompromise,
        CrlReason::AffiliationChanged,
        CrlReason::Superseded,
        CrlReason::CessationOfOperation,
        CrlReason::CertificateHold,
        CrlReason::RemoveFromCrl,
        CrlReason::PrivilegeWithdrawn,
        CrlReason::AaCompromise,
    ];

    /// The four codes a holder's revocation request can carry, in code order.
    pub const HOLDERS: [CrlReason; 4] = [
        CrlReason::KeyCompromise,
        CrlReason::AffiliationChanged,
        CrlReason::Superseded,
        CrlReason::CessationOfOperation,
    ];

    fn row(self) -> (u8, &'static str, Option<&'static str>) {
        CRL_REASONS
            .iter()
            .find(|(reason, ..)| *reason == self)
            .map_or((0, "unspecified", None), |&(_, code, name, why)| {
                (code, name, why)
            })
    }

    /// The `CRLReason` ENUMERATED value.
    pub fn code(self) -> u8 {
        self.row().0
    }

    /// The ASN.1 name, as RFC 5280 spells it (`"keyCompromise"`, `"removeFromCRL"`).
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// Why a holder's request cannot carry this code; `None` for [`CrlReason::HOLDERS`].
    pub fn not_for_requests(self) -> Option<&'static str> {
        self.row().2
    }

    /// The reason for an ENUMERATED value.
    ///
    /// # Errors
    /// [`RevocationError::UnknownCrlReason`] for 7 (unused) and anything over 10.
    pub fn from_code(code: u8) -> Result<Self, RevocationError> {
        CRL_REASONS
            .iter()
            .find(|row| row.1 == code)
            .map(|row| row.0)
            .ok_or(RevocationError::UnknownCrlReason { code })
    }

    /// The reason named as RFC 5280 names it (`"keyCompromise"`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        CRL_REASONS
            .iter()
            .find(|row| row.2 == name)
            .map(|row| row.0)
    }
}

impl fmt::Display for CrlReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}

impl From<CrlReason> for u8 {
    fn from(reason: CrlReason) -> u8 {
        reason.code()
    }
}

impl TryFrom<u8> for CrlReason {
    type Error = RevocationError;

    fn try_from(code: u8) -> Result<Self, RevocationError> {
        CrlReason::from_code(code)
    }
}

/// A request to revoke one certificate: its serial number, the reason, the CRL reason code
/// and the instant of the request (DOMAIN §8, "requested in the e-services with a reason and
/// the certificate's serial number").
///
/// Invariant: the CRL reason is one of the reason's
/// [permitted codes](RevocationReason::permitted_crl_reasons).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::read_certificates;
/// use sote_certs::revocation::{CrlReason, RevocationReason, RevocationRequest};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2023-12-12-dvv-g3e.pem")?;
/// let cert = &read_certificates(&pem)?[0];
/// let at = Utc.with_ymd_and_hms(2024, 6, 1, 8, 0, 0).single().ok_or("bad time")?;
/// let request = RevocationRequest::for_certificate(cert, RevocationReason::PurposeChanged, at)?
///     .with_crl_reason(CrlReason::AffiliationChanged)?;
/// assert_eq!(request.serial(), &cert.serial());
/// assert_eq!(request.crl_reason().code(), 3);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "StoredRequest")
)]
pub struct RevocationRequest {
    serial: SerialNumber,
    reason: RevocationReason,
    crl_reason: CrlReason,
    requested_at: DateTime<Utc>,
}

impl RevocationRequest {
    /// A request to revoke the certificate with `serial` for `reason`, made at `requested_at`,
    /// with the reason's default CRL reason code.
    ///
    /// The serial number is taken as given: DVV revokes what it issued, and reading is lenient
    /// (a zero or negative serial is still the number to name).
    pub fn new(
        serial: SerialNumber,
        reason: RevocationReason,
        requested_at: DateTime<Utc>,
    ) -> Self {
        Self {
            serial,
            reason,
            crl_reason: reason.crl_reason(),
            requested_at,
        }
    }

    /// A request to revoke `cert`, made at `requested_at`.
    ///
    /// # Errors
    /// [`RevocationError::CertificateExpired`] when `requested_at` is after the certificate's
    /// `notAfter`: an expired certificate is no longer on a CRL and needs no revocation.
    pub fn for_certificate(
        cert: &Certificate,
        reason: RevocationReason,
        requested_at: DateTime<Utc>,
    ) -> Result<Self, RevocationError> {
        let not_after = cert.not_after();
        if requested_at > not_after {
            return Err(RevocationError::CertificateExpired {
                serial: cert.serial(),
                not_after,
                requested_at,
            });
        }
        Ok(Self::new(cert.serial(), reason, requested_at))
    }

    /// The same request with another CRL reason code.
    ///
    /// # Errors
    /// [`RevocationError::CrlReasonNotPermitted`] when `crl_reason` is not among the reason's
    /// [permitted codes](RevocationReason::permitted_crl_reasons).
    pub fn with_crl_reason(self, crl_reason: CrlReason) -> Result<Self, RevocationError> {
        if !self.reason.permitted_crl_reasons().contains(&crl_reason) {
            return Err(RevocationError::CrlReasonNotPermitted {
                reason: self.reason,
                crl_reason,
            });
        }
        Ok(Self { crl_reason, ..self })
    }

    /// The serial number of the certificate to revoke.
    pub fn serial(&self) -> &SerialNumber {
        &self.serial
    }

    /// The holder's reason.
    pub fn reason(&self) -> RevocationReason {
        self.reason
    }

    /// The CRL reason code.
    pub fn crl_reason(&self) -> CrlReason {
        self.crl_reason
    }

    /// When the revocation was requested.
    pub fn requested_at(&self) -> DateTime<Utc> {
        self.requested_at
    }

    /// The revocation this request leads to, carried out at `revoked_at`.
    ///
    /// # Errors
    /// [`RevocationError::RevokedBeforeRequested`] when `revoked_at` is before the request.
    pub fn carry_out(self, revoked_at: DateTime<Utc>) -> Result<Revocation, RevocationError> {
        if revoked_at < self.requested_at {
            return Err(RevocationError::RevokedBeforeRequested {
                serial: self.serial,
                requested_at: self.requested_at,
                revoked_at,
            });
        }
        Ok(Revocation {
            request: self,
            revoked_at,
        })
    }
}

/// A carried-out revocation: final.
///
/// No method turns it back into a valid certificate, and [`CrlReason`] cannot say "on hold" or
/// "removed from the CRL" (DOMAIN §8: a revoked certificate can never be reinstated).
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use sote_certs::SerialNumber;
/// use sote_certs::revocation::{RevocationReason, RevocationRequest};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let at = Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).single().ok_or("bad time")?;
/// let request = RevocationRequest::new(SerialNumber::from(1u8), RevocationReason::NoLongerNeeded, at);
/// let revocation = request.carry_out(at + Duration::hours(2))?;
/// assert_eq!(revocation.crl_reason().code(), 5);
/// assert!(revocation.is_revoked_at(at + Duration::hours(3)));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "StoredRevocation")
)]
pub struct Revocation {
    request: RevocationRequest,
    revoked_at: DateTime<Utc>,
}

impl Revocation {
    /// The request carried out.
    pub fn request(&self) -> &RevocationRequest {
        &self.request
    }

    /// The revoked certificate's serial number.
    pub fn serial(&self) -> &SerialNumber {
        &self.request.serial
    }

    /// The holder's reason.
    pub fn reason(&self) -> RevocationReason {
        self.request.reason
    }

    /// The CRL reason code.
    pub fn crl_reason(&self) -> CrlReason {
        self.request.crl_reason
    }

    /// When the certificate was revoked (the CRL entry's `revocationDate`).
    pub fn revoked_at(&self) -> DateTime<Utc> {
        self.revoked_at
    }

    /// Whether the certificate is revoked at `instant`: from [`revoked_at`](Self::revoked_at)
    /// on, for ever.
    pub fn is_revoked_at(&self, instant: DateTime<Utc>) -> bool {
        instant >= self.revoked_at
    }
}

/// A register of revoked certificates, by serial number: what a vendor's system keeps of its
/// own revocations.
///
/// It only grows: there is no remove, and revoking a serial number again is an error
/// ([`RevocationError::AlreadyRevoked`]), so a revocation once recorded stays as it was.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::SerialNumber;
/// use sote_certs::revocation::{RevocationError, RevocationReason, RevocationRequest, Revocations};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let at = Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).single().ok_or("bad time")?;
/// let serial = SerialNumber::from_hex("0bf4eab0")?;
/// let mut register = Revocations::new();
/// let request = RevocationRequest::new(serial.clone(), RevocationReason::SuspectedKeyCompromise, at);
/// register.revoke(request, at)?;
/// let again = RevocationRequest::new(serial.clone(), RevocationReason::NoLongerNeeded, at);
/// assert!(matches!(register.revoke(again, at), Err(RevocationError::AlreadyRevoked { .. })));
/// assert_eq!(register.get(&serial).map(|r| r.crl_reason().code()), Some(1));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<Revocation>", into = "Vec<Revocation>")
)]
pub struct Revocations {
    by_serial: BTreeMap<SerialNumber, Revocation>,
}

impl Revocations {
    /// An empty register.
    pub fn new() -> Self {
        Self::default()
    }

    /// Carries out `request` at `revoked_at` and records it.
    ///
    /// # Errors
    /// - [`RevocationError::AlreadyRevoked`] when the serial number is already revoked; the
    ///   recorded revocation is left as it was;
    /// - [`RevocationError::RevokedBeforeRequested`] when `revoked_at` is before the request.
    pub fn revoke(
        &mut self,
        request: RevocationRequest,
        revoked_at: DateTime<Utc>,
    ) -> Result<&Revocation, RevocationError> {
        let revocation = request.carry_out(revoked_at)?;
        self.record(revocation)
    }

    /// Records a revocation carried out elsewhere.
    ///
    /// # Errors
    /// [`RevocationError::AlreadyRevoked`] when the serial number is already revoked.
    pub fn record(&mut self, revocation: Revocation) -> Result<&Revocation, RevocationError> {
        use std::collections::btree_map::Entry;
        match self.by_serial.entry(revocation.serial().clone()) {
            Entry::Occupied(existing) => Err(RevocationError::AlreadyRevoked {
                serial: existing.key().clone(),
                revoked_at: existing.get().revoked_at,
            }),
            Entry::Vacant(slot) => Ok(slot.insert(revocation)),
        }
    }

    /// The revocation of `serial`, if it is revoked.
    pub fn get(&self, serial: &SerialNumber) -> Option<&Revocation> {
        self.by_serial.get(serial)
    }

    /// Whether `serial` is revoked.
    pub fn is_revoked(&self, serial: &SerialNumber) -> bool {
        self.by_serial.contains_key(serial)
    }

    /// Every revocation, by serial number.
    pub fn iter(&self) -> impl Iterator<Item = &Revocation> {
        self.by_serial.values()
    }

    /// How many certificates are revoked.
    pub fn len(&self) -> usize {
        self.by_serial.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_serial.is_empty()
    }
}

impl From<Revocations> for Vec<Revocation> {
    fn from(register: Revocations) -> Self {
        register.by_serial.into_values().collect()
    }
}

impl TryFrom<Vec<Revocation>> for Revocations {
    type Error = RevocationError;

    fn try_from(revocations: Vec<Revocation>) -> Result<Self, RevocationError> {
        let mut register = Revocations::new();
        for revocation in revocations {
            register.record(revocation)?;
        }
        Ok(register)
    }
}

/// Why a revocation value could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RevocationError {
    /// Not one of the reasons' names.
    #[error(
        "unknown revocation reason {name:?}: expected suspected-key-compromise, no-longer-needed or purpose-changed"
    )]
    UnknownReason {
        /// The name read.
        name: String,
    },
    /// A number that is not a CRLReason code of RFC 5280 §5.3.1 (7 is unused; 10 is the last).
    #[error("{code} is not a CRLReason code of RFC 5280 section 5.3.1")]
    UnknownCrlReason {
        /// The code.
        code: u8,
    },
    /// A CRL reason code that does not stand for the holder's reason.
    #[error("CRL reason {crl_reason} does not stand for revocation reason {reason}")]
    CrlReasonNotPermitted {
        /// The holder's reason.
        reason: RevocationReason,
        /// The code asked for.
        crl_reason: CrlReason,
    },
    /// The certificate had expired when revocation was requested.
    #[error(
        "certificate {serial} expired at {not_after}, before the revocation request at {requested_at}"
    )]
    CertificateExpired {
        /// Its serial number.
        serial: SerialNumber,
        /// Its `notAfter`.
        not_after: DateTime<Utc>,
        /// When revocation was requested.
        requested_at: DateTime<Utc>,
    },
    /// A revocation dated before its request.
    #[error(
        "certificate {serial} cannot be revoked at {revoked_at}, before the request at {requested_at}"
    )]
    RevokedBeforeRequested {
        /// The serial number.
        serial: SerialNumber,
        /// When revocation was requested.
        requested_at: DateTime<Utc>,
        /// The revocation instant given.
        revoked_at: DateTime<Utc>,
    },
    /// The serial number is already revoked; revocation is final.
    #[error("certificate {serial} is already revoked (at {revoked_at}); revocation is final")]
    AlreadyRevoked {
        /// The serial number.
        serial: SerialNumber,
        /// When it was revoked.
        revoked_at: DateTime<Utc>,
    },
}

/// The stored form of a [`RevocationRequest`], checked when read.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct StoredRequest {
    serial: SerialNumber,
    reason: RevocationReason,
    crl_reason: CrlReason,
    requested_at: DateTime<Utc>,
}

#[cfg(feature = "serde")]
impl TryFrom<StoredRequest> for RevocationRequest {
    type Error = RevocationError;

    fn try_from(stored: StoredRequest) -> Result<Self, RevocationError> {
        RevocationRequest::new(stored.serial, stored.reason, stored.requested_at)
            .with_crl_reason(stored.crl_reason)
    }
}

/// The stored form of a [`Revocation`], checked when read.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct StoredRevocation {
    request: RevocationRequest,
    revoked_at: DateTime<Utc>,
}

#[cfg(feature = "serde")]
impl TryFrom<StoredRevocation> for Revocation {
    type Error = RevocationError;

    fn try_from(stored: StoredRevocation) -> Result<Self, RevocationError> {
        stored.request.carry_out(stored.revoked_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_code_is_permitted_and_first() {
        for reason in RevocationReason::ALL {
            assert_eq!(reason.permitted_crl_reasons()[0], reason.crl_reason());
        }
    }

    #[test]
    fn only_key_compromise_uses_key_compromise() {
        for reason in RevocationReason::ALL {
            let uses = reason
                .permitted_crl_reasons()
                .contains(&CrlReason::KeyCompromise);
            assert_eq!(uses, reason == RevocationReason::SuspectedKeyCompromise);
        }
    }
}
