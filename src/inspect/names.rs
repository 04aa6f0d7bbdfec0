//! How a name's attribute values must be encoded: the string types each attribute allows
//! (RFC 5280 §4.1.2.4 and Appendix A) and whether a value's octets fit its string type
//! (ITU-T X.680 §41). The reader keeps every value as it is; these checks judge it.

use const_oid::ObjectIdentifier;
use const_oid::db::{rfc3280, rfc4519};

use super::{Finding, FindingValue, Rule};

const UTF8_STRING: u8 = 0x0c;
const PRINTABLE_STRING: u8 = 0x13;
const TELETEX_STRING: u8 = 0x14;
const IA5_STRING: u8 = 0x16;
const UNIVERSAL_STRING: u8 = 0x1c;
const BMP_STRING: u8 = 0x1e;

/// organizationIdentifier (X.520, DirectoryString).
const ORGANIZATION_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.97");

/// The string types an attribute allows, for the attributes whose syntax this crate knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    /// DirectoryString: UTF8String, PrintableString, TeletexString, UniversalString, BMPString.
    Directory,
    /// PrintableString only (countryName, serialNumber, dnQualifier).
    Printable,
    /// IA5String only (emailAddress, domainComponent).
    Ia5,
}

impl Syntax {
    fn of(oid: &ObjectIdentifier) -> Option<Self> {
        const DIRECTORY: [ObjectIdentifier; 17] = [
            rfc4519::CN,
            rfc4519::SN,
            rfc4519::L,
            rfc4519::ST,
            rfc4519::STREET,
            rfc4519::O,
            rfc4519::OU,
            rfc4519::TITLE,
            rfc4519::DESCRIPTION,
            rfc4519::BUSINESS_CATEGORY,
            rfc4519::POSTAL_CODE,
            rfc4519::NAME,
            rfc4519::GIVEN_NAME,
            rfc4519::INITIALS,
            rfc4519::GENERATION_QUALIFIER,
            rfc3280::PSEUDONYM,
            ORGANIZATION_IDENTIFIER,
        ];
        if DIRECTORY.contains(oid) {
            Some(Syntax::Directory)
        } else if [rfc4519::C, rfc4519::SERIAL_NUMBER, rfc4519::DN_QUALIFIER].contains(oid) {
            Some(Syntax::Printable)
        } else if [rfc3280::EMAIL_ADDRESS, rfc4519::DC].contains(oid) {
            Some(Syntax::Ia5)
        } else {
            None
        }
    }

    fn allows(self, tag: u8) -> bool {
        match self {
            Syntax::Directory => [
                UTF8_STRING,
                PRINTABLE_STRING,
                TELETEX_STRING,
                UNIVERSAL_STRING,
                BMP_STRING,
            ]
            .contains(&tag),
            Syntax::Printable => tag == PRINTABLE_STRING,
            Syntax::Ia5 => tag == IA5_STRING,
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Syntax::Directory => {
                "not a DirectoryString (UTF8String, PrintableString, TeletexString, \
                 UniversalString or BMPString)"
            }
            Syntax::Printable => "not the PrintableString its type requires",
            Syntax::Ia5 => "not the IA5String its type requires",
        }
    }
}

/// Judges every attribute of a name: `place` is `"subject"` or `"issuer"`. Each finding names
/// the attribute, its string type and, for bad octets, the offset in the value (from 0); its
/// values are the name (`place`), the attribute's OID and the value's tag.
pub(crate) fn check<'a>(
    place: &'static str,
    attributes: impl Iterator<Item = (ObjectIdentifier, u8, &'a [u8])>,
    fail: &mut impl FnMut(Finding),
) {
    for (oid, tag, value) in attributes {
        let what = || format!("{place} {}", label(&oid));
        let finding = |rule, message| {
            Finding::new(rule, message)
                .with("name", FindingValue::Text(place.to_owned()))
                .with("attribute", FindingValue::Oid(oid))
                .with("tag", FindingValue::Integer(i64::from(tag)))
        };
        if let Some(problem) = octets_problem(tag, value) {
            fail(finding(
                Rule::NameInvalidString,
                format!("{} is {} {problem}", what(), type_name(tag)),
            ));
        }
        if let Some(syntax) = Syntax::of(&oid)
            && !syntax.allows(tag)
        {
            fail(finding(
                Rule::NameStringType,
                format!("{} is {}, {}", what(), type_name(tag), syntax.expected()),
            ));
        }
    }
}

/// Why `value` does not fit the string type `tag`, or `None` when it does (or when the type
/// has no checkable repertoire, as TeletexString's T.61 does not here).
fn octets_problem(tag: u8, value: &[u8]) -> Option<String> {
    match tag {
        UTF8_STRING => core::str::from_utf8(value)
            .err()
            .map(|e| format!("that is not valid UTF-8 at byte {}", e.valid_up_to())),
        PRINTABLE_STRING => value
            .iter()
            .enumerate()
            .find(|(_, b)| !(b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(b)))
            .map(|(at, &b)| format!("with {} at byte {at}, outside its character set", shown(b))),
        IA5_STRING => value
            .iter()
            .enumerate()
            .find(|(_, b)| **b > 0x7f)
            .map(|(at, b)| format!("with 0x{b:02x} at byte {at}, over 0x7f")),
        BMP_STRING if !value.len().is_multiple_of(2) => Some(format!(
            "of {} octets, not a whole number of 2-octet characters",
            value.len()
        )),
        UNIVERSAL_STRING if !value.len().is_multiple_of(4) => Some(format!(
            "of {} octets, not a whole number of 4-octet characters",
            value.len()
        )),
        UNIVERSAL_STRING => value.chunks_exact(4).enumerate().find_map(|(i, unit)| {
            let code = unit.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            char::from_u32(code)
                .is_none()
                .then(|| format!("with 0x{code:08x} at byte {}, not a character", i * 4))
        }),
        _ => None,
    }
}

/// A byte as a quoted character when it is printable ASCII, in hex otherwise.
fn shown(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", char::from(byte))
    } else {
        format!("0x{byte:02x}")
    }
}

/// The string type of `tag` with its article, such as "a UTF8String" or "an IA5String".
fn type_name(tag: u8) -> String {
    let name = match tag {
        UTF8_STRING => "a UTF8String",
        PRINTABLE_STRING => "a PrintableString",
        TELETEX_STRING => "a TeletexString",
        IA5_STRING => "an IA5String",
        UNIVERSAL_STRING => "a UniversalString",
        BMP_STRING => "a BMPString",
        0x12 => "a NumericString",
        0x15 => "a VideotexString",
        0x19 => "a GraphicString",
        0x1a => "a VisibleString",
        0x1b => "a GeneralString",
        0x04 => "an OCTET STRING",
        0x02 => "an INTEGER",
        _ => return format!("a value with tag 0x{tag:02x}"),
    };
    name.to_owned()
}

/// The attribute's short name and OID, such as "CN (2.5.4.3)", or "attribute 1.2.3.4".
fn label(oid: &ObjectIdentifier) -> String {
    let short = match *oid {
        rfc4519::C => "C",
        rfc4519::ST => "ST",
        rfc4519::L => "L",
        rfc4519::STREET => "street",
        rfc4519::O => "O",
        rfc4519::OU => "OU",
        rfc4519::CN => "CN",
        rfc4519::SN => "SN",
        rfc4519::GIVEN_NAME => "givenName",
        rfc4519::TITLE => "title",
        rfc4519::SERIAL_NUMBER => "serialNumber",
        rfc4519::DN_QUALIFIER => "dnQualifier",
        rfc4519::DC => "DC",
        rfc4519::UID => "UID",
        rfc3280::EMAIL_ADDRESS => "emailAddress",
        ORGANIZATION_IDENTIFIER => "organizationIdentifier",
        _ => return format!("attribute {oid}"),
    };
    format!("{short} ({oid})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(oid: ObjectIdentifier, tag: u8, value: &[u8]) -> Vec<(Rule, String)> {
        let mut out = Vec::new();
        check(
            "subject",
            [(oid, tag, value)].into_iter(),
            &mut |finding: Finding| out.push((finding.rule, finding.message)),
        );
        out
    }

    #[test]
    fn well_formed_values_of_allowed_types_pass() {
        assert!(findings(rfc4519::CN, UTF8_STRING, "Väestö".as_bytes()).is_empty());
        assert!(findings(rfc4519::C, PRINTABLE_STRING, b"FI").is_empty());
        assert!(findings(rfc4519::CN, BMP_STRING, &[0, b'a', 0, b'b']).is_empty());
        assert!(findings(rfc4519::CN, UNIVERSAL_STRING, &[0, 0, 0, b'a']).is_empty());
        assert!(findings(rfc4519::CN, TELETEX_STRING, &[0xc8, b'a']).is_empty());
        assert!(findings(rfc4519::DC, IA5_STRING, b"example").is_empty());
        // An attribute of unknown syntax may have any type; its octets are still judged.
        let unknown = ObjectIdentifier::new_unwrap("1.2.3.4");
        assert!(findings(unknown, 0x04, &[0xff]).is_empty());
        assert_eq!(
            findings(unknown, IA5_STRING, &[0xff]),
            [(
                Rule::NameInvalidString,
                "subject attribute 1.2.3.4 is an IA5String with 0xff at byte 0, over 0x7f"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn attributes_are_labelled_with_their_rfc_4519_short_names() {
        for (oid, short) in [
            (rfc4519::C, "C"),
            (rfc4519::ST, "ST"),
            (rfc4519::L, "L"),
            (rfc4519::STREET, "street"),
            (rfc4519::O, "O"),
            (rfc4519::OU, "OU"),
            (rfc4519::CN, "CN"),
            (rfc4519::SN, "SN"),
            (rfc4519::GIVEN_NAME, "givenName"),
            (rfc4519::TITLE, "title"),
            (rfc4519::SERIAL_NUMBER, "serialNumber"),
            (rfc4519::DN_QUALIFIER, "dnQualifier"),
            (rfc4519::DC, "DC"),
            (rfc4519::UID, "UID"),
            (rfc3280::EMAIL_ADDRESS, "emailAddress"),
            (ORGANIZATION_IDENTIFIER, "organizationIdentifier"),
        ] {
            assert_eq!(label(&oid), format!("{short} ({oid})"));
        }
        let unknown = ObjectIdentifier::new_unwrap("1.2.3.4");
        assert_eq!(label(&unknown), "attribute 1.2.3.4");
    }

    #[test]
    fn universal_string_outside_unicode_is_named() {
        assert_eq!(
            findings(
                rfc4519::O,
                UNIVERSAL_STRING,
                &[0, 0, 0, b'a', 0, 0x11, 0, 0]
            ),
            [(
                Rule::NameInvalidString,
                "subject O (2.5.4.10) is a UniversalString with 0x00110000 at byte 4, not a \
                 character"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn printable_string_names_a_non_ascii_byte_in_hex() {
        assert_eq!(
            findings(rfc4519::C, PRINTABLE_STRING, &[b'F', 0xc4]),
            [(
                Rule::NameInvalidString,
                "subject C (2.5.4.6) is a PrintableString with 0xc4 at byte 1, outside its \
                 character set"
                    .to_owned()
            )]
        );
    }
}
