//! Distinguished names as ordered lists of attributes.

use std::fmt;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc4519;
use der::asn1::{Any, SetOfVec};
use der::{Decode, Encode, Tag};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

use super::MintError;

/// The ASN.1 string type an attribute value is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StringKind {
    /// `PrintableString`: `A-Z a-z 0-9 '()+,-./:=?` and space. DVV uses it for C and
    /// serialNumber (X.520 requires it for both).
    Printable,
    /// `UTF8String`: DVV uses it for every other attribute (RFC 5280 §4.1.2.4 recommends it).
    Utf8,
    /// `IA5String` (ASCII), as in the legacy emailAddress attribute.
    Ia5,
}

/// One attribute of a [`Dn`]: its type, value and string type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DnAttribute {
    /// The attribute type (for example `2.5.4.3`, commonName).
    pub oid: ObjectIdentifier,
    /// The value.
    pub value: String,
    /// How the value is encoded.
    pub kind: StringKind,
}

/// A distinguished name: attributes in DER order, each in its own RDN, as in every DVV
/// certificate (`C, ST, L, O, OU, serialNumber, CN` for subjects, `C, O, OU, CN` for issuers).
///
/// Any attribute type may appear, in any order, any number of times; [`Dn::with`] picks the
/// string type DVV uses, [`Dn::with_kind`] any other.
///
/// ```
/// use sote_certs::mint::Dn;
///
/// let dn = Dn::new().country("FI").organization("Esimerkki Oy").common_name("palvelin");
/// assert_eq!(dn.to_string(), "CN=palvelin,O=Esimerkki Oy,C=FI");
/// # Ok::<(), sote_certs::mint::MintError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dn {
    /// The attributes, first one first in the DER encoding.
    pub attributes: Vec<DnAttribute>,
}

impl StringKind {
    /// The string type DVV uses for an attribute: PrintableString for countryName (2.5.4.6) and
    /// serialNumber (2.5.4.5), UTF8String for the rest.
    pub fn dvv_default(attribute: &ObjectIdentifier) -> Self {
        if *attribute == rfc4519::C || *attribute == rfc4519::SERIAL_NUMBER {
            StringKind::Printable
        } else {
            StringKind::Utf8
        }
    }

    /// `value` as this string type, or why it cannot be.
    pub(crate) fn encode(self, value: &str, what: &dyn fmt::Display) -> Result<Any, MintError> {
        let fits = match self {
            StringKind::Printable => value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)),
            StringKind::Ia5 => value.is_ascii(),
            StringKind::Utf8 => true,
        };
        if !fits {
            return Err(MintError::InvalidString {
                value: value.to_owned(),
                kind: self,
                what: what.to_string(),
            });
        }
        let tag = match self {
            StringKind::Printable => Tag::PrintableString,
            StringKind::Utf8 => Tag::Utf8String,
            StringKind::Ia5 => Tag::Ia5String,
        };
        Any::new(tag, value.as_bytes()).map_err(|source| MintError::Der {
            what: "attribute value",
            source,
        })
    }
}

impl Dn {
    /// An empty name.
    pub fn new() -> Self {
        Self::default()
    }

    /// A name from `(attribute type, value)` pairs in DER order, with DVV's string types.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (ObjectIdentifier, &'a str)>) -> Self {
        pairs
            .into_iter()
            .fold(Self::new(), |dn, (oid, value)| dn.with(oid, value))
    }

    /// Appends an attribute with the string type DVV uses for it ([`StringKind::dvv_default`]).
    pub fn with(self, oid: ObjectIdentifier, value: impl Into<String>) -> Self {
        self.with_kind(oid, value, StringKind::dvv_default(&oid))
    }

    /// Appends an attribute with an explicit string type.
    pub fn with_kind(
        mut self,
        oid: ObjectIdentifier,
        value: impl Into<String>,
        kind: StringKind,
    ) -> Self {
        self.attributes.push(DnAttribute {
            oid,
            value: value.into(),
            kind,
        });
        self
    }

    /// Appends countryName (C, PrintableString).
    pub fn country(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::C, value)
    }

    /// Appends stateOrProvinceName (ST).
    pub fn state(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::ST, value)
    }

    /// Appends localityName (L).
    pub fn locality(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::L, value)
    }

    /// Appends organizationName (O).
    pub fn organization(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::O, value)
    }

    /// Appends organizationalUnitName (OU).
    pub fn organizational_unit(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::OU, value)
    }

    /// Appends serialNumber (PrintableString); DVV puts the organisation's OID here.
    pub fn serial_number(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::SERIAL_NUMBER, value)
    }

    /// Appends commonName (CN).
    pub fn common_name(self, value: impl Into<String>) -> Self {
        self.with(rfc4519::CN, value)
    }

    /// The value of the first attribute of type `oid`.
    pub fn get(&self, oid: &ObjectIdentifier) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.oid == *oid)
            .map(|a| a.value.as_str())
    }

    /// The DER `Name` (an RDNSequence of single-attribute RDNs), written from `der` types:
    /// `SEQUENCE OF SET OF AttributeTypeAndValue`, each value an `Any` of its string type.
    pub fn to_der(&self) -> Result<Vec<u8>, MintError> {
        let der_error = |what| move |source| MintError::Der { what, source };
        let mut rdns = Vec::with_capacity(self.attributes.len());
        for attribute in &self.attributes {
            let type_and_value = AttributeTypeAndValue {
                oid: attribute.oid,
                value: attribute.kind.encode(&attribute.value, &attribute.oid)?,
            };
            let rdn = SetOfVec::try_from(vec![type_and_value])
                .map_err(der_error("relative distinguished name"))?;
            rdns.push(rdn);
        }
        rdns.to_der().map_err(der_error("Name"))
    }

    /// The name as `x509-cert` reads it.
    pub fn to_name(&self) -> Result<Name, MintError> {
        Name::from_der(&self.to_der()?).map_err(|source| MintError::Der {
            what: "Name",
            source,
        })
    }
}

impl fmt::Display for StringKind {
    /// The ASN.1 type name (`PrintableString`, `UTF8String`, `IA5String`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StringKind::Printable => "PrintableString",
            StringKind::Utf8 => "UTF8String",
            StringKind::Ia5 => "IA5String",
        })
    }
}

impl fmt::Display for Dn {
    /// RFC 4514 order (last attribute first), short names where RFC 4514 has them and
    /// `serialNumber`; values are not escaped (test names need none).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for attribute in self.attributes.iter().rev() {
            if !first {
                f.write_str(",")?;
            }
            first = false;
            let label = match attribute.oid {
                o if o == rfc4519::C => "C".to_owned(),
                o if o == rfc4519::ST => "ST".to_owned(),
                o if o == rfc4519::L => "L".to_owned(),
                o if o == rfc4519::O => "O".to_owned(),
                o if o == rfc4519::OU => "OU".to_owned(),
                o if o == rfc4519::CN => "CN".to_owned(),
                o if o == rfc4519::SERIAL_NUMBER => "serialNumber".to_owned(),
                o => o.to_string(),
            };
            write!(f, "{label}={}", attribute.value)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dvv_string_types_are_printable_for_c_and_serial_number() {
        let dn = Dn::new()
            .country("FI")
            .organization("Väestö")
            .serial_number("1.2.246.10.12345671.10.1");
        let name = dn.to_name().unwrap();
        let kinds: Vec<_> = name
            .iter()
            .map(|atv| der::Tagged::tag(&atv.value))
            .collect();
        assert_eq!(
            kinds,
            [
                der::Tag::PrintableString,
                der::Tag::Utf8String,
                der::Tag::PrintableString
            ]
        );
    }

    #[test]
    fn printable_string_refuses_scandinavian_letters() {
        let err = Dn::new()
            .with_kind(rfc4519::C, "Ä", StringKind::Printable)
            .to_der();
        assert_eq!(
            err.unwrap_err().to_string(),
            "\"Ä\" is not a valid PrintableString for 2.5.4.6"
        );
    }
}
