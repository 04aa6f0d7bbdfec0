//! RFC 5280's certificate profile on a path webpki accepted, where webpki does not check it:
//! key identifiers, the criticality of basic constraints, name constraints (and that they have
//! a subtree) and subject alternative names, key usage against basic constraints, CA subjects,
//! an authority information access extension that does not decode or is empty, and the trust
//! anchor's own validity and critical extensions (as OpenSSL checks them). These read the
//! certificates' extensions; they build no path and verify no signature.

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::Decode;
use x509_cert::ext::pkix::constraints::name::NameConstraints;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, BasicConstraints, KeyUsage, KeyUsages};

use crate::certificate::{Certificate, CriticalMark, ExtensionRef};
use crate::inspect::dns_names;

/// A certificate's place on the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    EndEntity,
    Intermediate,
    Anchor,
}

/// Extensions an anchor may mark critical: the ones path validation processes.
const UNDERSTOOD: [ObjectIdentifier; 9] = [
    rfc5280::ID_CE_BASIC_CONSTRAINTS,
    rfc5280::ID_CE_KEY_USAGE,
    rfc5280::ID_CE_EXT_KEY_USAGE,
    rfc5280::ID_CE_SUBJECT_ALT_NAME,
    rfc5280::ID_CE_NAME_CONSTRAINTS,
    rfc5280::ID_CE_CERTIFICATE_POLICIES,
    rfc5280::ID_CE_POLICY_CONSTRAINTS,
    rfc5280::ID_CE_POLICY_MAPPINGS,
    rfc5280::ID_CE_INHIBIT_ANY_POLICY,
];

/// The first way `cert`, at `place` on a path, breaks RFC 5280's profile at `at`, as a
/// sentence naming the rule; `None` when it keeps it.
pub(super) fn breach(cert: &Certificate, place: Place, at: DateTime<Utc>) -> Option<String> {
    let find = |oid| cert.extensions().find(|ext| ext.oid == oid);
    let critical = |ext: &ExtensionRef<'_>| ext.critical == CriticalMark::Critical;
    let is_ca = place != Place::EndEntity;
    let self_issued = cert.issuer().as_der() == cert.subject().as_der();
    let aki = find(rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER);
    let ski = find(rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER);
    let san = find(rfc5280::ID_CE_SUBJECT_ALT_NAME);
    let nc = find(rfc5280::ID_CE_NAME_CONSTRAINTS);
    // Decoded once for both checks of its subtrees; one that does not decode breaks neither.
    let subtrees = nc.and_then(|ext| NameConstraints::from_der(ext.value).ok());
    let bc = find(rfc5280::ID_CE_BASIC_CONSTRAINTS);
    let subject_empty = cert.subject().attributes().next().is_none();
    let aia = find(rfc5280::ID_PE_AUTHORITY_INFO_ACCESS);
    let checks: [(bool, &str); 14] = [
        (
            aki.is_some_and(|ext| critical(&ext)),
            "marks its authority key identifier critical (RFC 5280 §4.2.1.1: MUST NOT)",
        ),
        (
            // An anchor is taken as given (RFC 5937), whoever issued it.
            aki.is_none() && !self_issued && place != Place::Anchor,
            "has no authority key identifier (RFC 5280 §4.2.1.1: MUST, but in self-signed certificates)",
        ),
        (
            ski.is_some_and(|ext| critical(&ext)),
            "marks its subject key identifier critical (RFC 5280 §4.2.1.2: MUST NOT)",
        ),
        (
            is_ca && ski.is_none(),
            "is a CA certificate without a subject key identifier (RFC 5280 §4.2.1.2: MUST)",
        ),
        (
            is_ca && !bc.is_some_and(|ext| critical(&ext)),
            "is a CA certificate without critical basic constraints (RFC 5280 §4.2.1.9: MUST)",
        ),
        (
            is_ca && subject_empty,
            "is a CA certificate with an empty subject (RFC 5280 §4.1.2.6: MUST NOT)",
        ),
        (
            subject_empty && san.is_some_and(|ext| !critical(&ext)),
            "has an empty subject and a non-critical subject alternative name (RFC 5280 §4.2.1.6: MUST be critical)",
        ),
        (
            san.is_some() && dns_names(cert.extensions()).iter().any(|n| n.contains('_')),
            "has a DNS name with an underscore (RFC 5280 §4.2.1.6: preferred name syntax)",
        ),
        (
            !is_ca && nc.is_some(),
            "is an end entity with name constraints (RFC 5280 §4.2.1.10: CA certificates only)",
        ),
        (
            nc.is_some_and(|ext| !critical(&ext)),
            "marks its name constraints non-critical (RFC 5280 §4.2.1.10: MUST be critical)",
        ),
        (
            subtrees.as_ref().is_some_and(without_subtrees),
            "has name constraints without a subtree (RFC 5280 §4.2.1.10: permittedSubtrees or \
             excludedSubtrees MUST be present, and neither may be empty)",
        ),
        (
            subtrees.as_ref().is_some_and(leading_period),
            "has a DNS name constraint starting with a period (RFC 5280 §4.2.1.10: not a DNS name)",
        ),
        (
            aia.is_some_and(|ext| {
                AuthorityInfoAccessSyntax::from_der(ext.value).map_or(true, |aia| aia.0.is_empty())
            }),
            "has an authority information access extension that does not decode or has no \
             access description (RFC 5280 §4.2.2.1: SIZE (1..MAX) OF AccessDescription)",
        ),
        (
            !is_ca && signs_certificates_without_ca(cert),
            "is an end entity whose key usage allows keyCertSign without cA (RFC 5280 §4.2.1.3)",
        ),
    ];
    if let Some((_, why)) = checks.iter().find(|(broken, _)| *broken) {
        return Some((*why).to_owned());
    }
    if place == Place::Anchor {
        return anchor_breach(cert, at);
    }
    None
}

/// What OpenSSL also checks of a trust anchor that webpki does not: its validity at `at` and
/// its critical extensions.
fn anchor_breach(cert: &Certificate, at: DateTime<Utc>) -> Option<String> {
    // Whole seconds, as certificates write times and webpki compares them.
    let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
    if at < cert.not_before() || at > cert.not_after() {
        return Some(format!(
            "is a trust anchor outside its validity ({} to {}) at {} (OpenSSL's check)",
            cert.not_before().to_rfc3339(),
            cert.not_after().to_rfc3339(),
            at.to_rfc3339()
        ));
    }
    cert.extensions()
        .find(|ext| ext.critical == CriticalMark::Critical && !UNDERSTOOD.contains(&ext.oid))
        .map(|ext| {
            format!(
                "is a trust anchor with a critical extension {} that path validation does not \
                 process",
                ext.oid
            )
        })
}

/// Whether a NameConstraints value has neither subtree list, or an empty one (GeneralSubtrees is
/// SIZE (1..MAX)). webpki accepts both; RFC 5280 forbids them.
fn without_subtrees(nc: &NameConstraints) -> bool {
    let lists = [&nc.permitted_subtrees, &nc.excluded_subtrees];
    lists.iter().all(|list| list.is_none())
        || lists
            .iter()
            .any(|list| list.as_ref().is_some_and(Vec::is_empty))
}

/// Whether a NameConstraints value has a dNSName subtree starting with a period.
fn leading_period(nc: &NameConstraints) -> bool {
    nc.permitted_subtrees
        .iter()
        .chain(nc.excluded_subtrees.iter())
        .flatten()
        .any(|subtree| matches!(&subtree.base, GeneralName::DnsName(name) if name.as_str().starts_with('.')))
}

/// Whether the key usage has keyCertSign while basic constraints do not say cA.
fn signs_certificates_without_ca(cert: &Certificate) -> bool {
    let key_cert_sign = cert
        .extensions()
        .find(|ext| ext.oid == rfc5280::ID_CE_KEY_USAGE)
        .and_then(|ext| KeyUsage::from_der(ext.value).ok())
        .is_some_and(|usage| usage.0.contains(KeyUsages::KeyCertSign));
    let ca = cert
        .extensions()
        .find(|ext| ext.oid == rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .and_then(|ext| BasicConstraints::from_der(ext.value).ok())
        .is_some_and(|bc| bc.ca);
    key_cert_sign && !ca
}
