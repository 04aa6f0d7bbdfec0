//! Who an applicant is: Finnish business IDs, SOTE organisation register OIDs and the domain
//! names an organisation administers.
//!
//! DVV grants a service certificate to an organisation that administers its own domain name,
//! and every server certificate name must be a domain the applicant administers; sote service
//! certificates go only to organisations in THL's register of social welfare and healthcare
//! organisations (DVV, "Service certificates for social welfare and healthcare"; DOMAIN §6).
//!
//! - [`BusinessId`] is a Finnish business ID (*Y-tunnus*, `NNNNNNN-C`) with its mod-11 check
//!   digit;
//! - [`SoteOrganisationOid`] is an OID of THL's SOTE organisation register,
//!   `1.2.246.10.<business ID digits>.10.<n>`, which knows its business ID;
//! - [`DomainName`] is a domain name normalised with IDNA (UTS #46), so `sähkö.fi` and
//!   `xn--shk-qla6g.fi` are one name, and [`DomainName::is_within`] tells whether a name is an
//!   administered domain or one of its subdomains;
//! - [`RequestedName`] is a name requested for a server certificate, possibly a wildcard
//!   `*.example.fi`.
//!
//! ```
//! use sote_certs::organisation::{BusinessId, DomainName, RequestedName, SoteOrganisationOid};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dvv: BusinessId = "0245437-2".parse()?;
//! let oid: SoteOrganisationOid = "1.2.246.10.2454372.10.1".parse()?;
//! assert_eq!(oid.business_id(), dvv);
//!
//! let administered: DomainName = "sähkö.fi".parse()?;
//! assert_eq!(administered.as_str(), "xn--shk-qla6g.fi");
//! let requested: RequestedName = "*.palvelu.XN--SHK-QLA6G.fi".parse()?;
//! assert!(requested.is_administered_by(&administered));
//! # Ok(())
//! # }
//! ```

use core::fmt;
use core::str::FromStr;

/// A Finnish business ID (*Y-tunnus*): seven digits, a hyphen and a mod-11 check digit,
/// `NNNNNNN-C`.
///
/// The check digit is computed from the seven digits with the weights 7, 9, 10, 5, 8, 4, 2
/// (most significant digit first): remainder 0 of the weighted sum modulo 11 gives check digit
/// 0, remainder 1 gives no valid business ID, any other remainder `r` gives `11 − r`
/// (Finnish Tax Administration / PRH, "Y-tunnuksen tarkistusmerkki").
///
/// Invariant: the number is at most 9 999 999 and has a valid check digit, which is derived
/// from it; equality, order and hash are those of the number.
///
/// Reading accepts the canonical form `NNNNNNN-C` and the legacy six-digit form `NNNNNN-C` of
/// IDs issued before 2000, which means the same ID with a leading zero (the weights of the
/// other digits are unchanged, so the check digit is too). Writing always gives the canonical
/// seven-digit form.
///
/// ```
/// use sote_certs::organisation::{BusinessId, BusinessIdError};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let id: BusinessId = "0245437-2".parse()?;
/// assert_eq!(id.number(), 245_437);
/// assert_eq!(id.check_digit(), 2);
/// assert_eq!(id.to_string(), "0245437-2");
/// assert_eq!("245437-2".parse::<BusinessId>()?, id);
/// assert_eq!(BusinessId::new(245_437)?, id);
/// assert!(matches!(
///     "0245437-3".parse::<BusinessId>(),
///     Err(BusinessIdError::CheckDigitMismatch { found: 3, expected: 2, .. })
/// ));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BusinessId {
    number: u32,
}

impl BusinessId {
    /// The largest number a business ID can carry, 9 999 999.
    pub const MAX_NUMBER: u32 = 9_999_999;

    /// The business ID with the seven-digit `number` (without its check digit), computing the
    /// check digit.
    ///
    /// # Errors
    /// [`BusinessIdError::TooManyDigits`] above [`MAX_NUMBER`](Self::MAX_NUMBER) and
    /// [`BusinessIdError::NoValidCheckDigit`] when the weighted sum leaves remainder 1.
    pub fn new(number: u32) -> Result<Self, BusinessIdError> {
        if number > Self::MAX_NUMBER {
            return Err(BusinessIdError::TooManyDigits {
                value: number,
                max: Self::MAX_NUMBER,
            });
        }
        check_digit_of(number).ok_or(BusinessIdError::NoValidCheckDigit { number })?;
        Ok(Self { number })
    }

    /// The business ID whose eight digits without the hyphen, read as one number, are
    /// `compact` (`0245437-2` is 2454372): the form used as an OID arc.
    ///
    /// # Errors
    /// [`BusinessIdError::TooManyDigits`] above 99 999 999,
    /// [`BusinessIdError::NoValidCheckDigit`] and [`BusinessIdError::CheckDigitMismatch`].
    pub fn from_compact(compact: u32) -> Result<Self, BusinessIdError> {
        if compact > Self::MAX_NUMBER * 10 + 9 {
            return Err(BusinessIdError::TooManyDigits {
                value: compact,
                max: Self::MAX_NUMBER * 10 + 9,
            });
        }
        let number = compact / 10;
        // `compact % 10` is below 10, so it fits in a u8.
        let found = u8::try_from(compact % 10).unwrap_or(u8::MAX);
        Self::with_check_digit(number, found)
    }

    /// The seven-digit number, without the check digit.
    pub const fn number(&self) -> u32 {
        self.number
    }

    /// The check digit, 0 to 9.
    pub fn check_digit(&self) -> u8 {
        // The constructors only build numbers that have a check digit.
        check_digit_of(self.number).unwrap_or(0)
    }

    /// The eight digits without the hyphen, read as one number (`0245437-2` is 2454372): the
    /// form THL's SOTE organisation register uses as an OID arc.
    pub fn compact(&self) -> u32 {
        self.number * 10 + u32::from(self.check_digit())
    }

    fn with_check_digit(number: u32, found: u8) -> Result<Self, BusinessIdError> {
        let id = Self::new(number)?;
        let expected = id.check_digit();
        if found == expected {
            Ok(id)
        } else {
            Err(BusinessIdError::CheckDigitMismatch {
                number,
                found,
                expected,
            })
        }
    }
}

impl FromStr for BusinessId {
    type Err = BusinessIdError;

    /// Reads `NNNNNNN-C`, or the legacy `NNNNNN-C`; nothing else (no spaces).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(BusinessIdError::Empty);
        }
        let mut hyphen_seen = false;
        for (offset, character) in s.char_indices() {
            let hyphen_allowed = character == '-' && !hyphen_seen;
            if !character.is_ascii_digit() && !hyphen_allowed {
                return Err(BusinessIdError::InvalidCharacter { character, offset });
            }
            hyphen_seen |= character == '-';
        }
        let (digits, check) = s.split_once('-').ok_or(BusinessIdError::MissingHyphen)?;
        if !matches!(digits.len(), 6 | 7) {
            return Err(BusinessIdError::DigitCount { len: digits.len() });
        }
        if check.len() != 1 {
            return Err(BusinessIdError::CheckDigitCount { len: check.len() });
        }
        // Only ASCII digits are left, at most seven of them and one check digit.
        let number: u32 = digits
            .parse()
            .map_err(|_| BusinessIdError::DigitCount { len: digits.len() })?;
        let found: u8 = check
            .parse()
            .map_err(|_| BusinessIdError::CheckDigitCount { len: check.len() })?;
        Self::with_check_digit(number, found)
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:07}-{}", self.number, self.check_digit())
    }
}

/// The check digit of a business ID number, or `None` when the remainder is 1.
fn check_digit_of(number: u32) -> Option<u8> {
    const WEIGHTS: [u32; 7] = [2, 4, 8, 5, 10, 9, 7];
    let mut rest = number;
    let mut sum = 0;
    // Least significant digit first, so the weights are reversed.
    for weight in WEIGHTS {
        sum += (rest % 10) * weight;
        rest /= 10;
    }
    match sum % 11 {
        0 => Some(0),
        1 => None,
        // r is 2 to 10 here, so 11 − r is a digit from 1 to 9.
        remainder => u8::try_from(11 - remainder).ok(),
    }
}

/// Why a business ID was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BusinessIdError {
    /// The text was empty.
    #[error("empty business id")]
    Empty,
    /// A character other than a digit or the one hyphen.
    #[error("invalid character '{character}' at offset {offset} in business id")]
    InvalidCharacter {
        /// The character found.
        character: char,
        /// Its byte offset in the text.
        offset: usize,
    },
    /// No hyphen before the check digit.
    #[error("business id has no hyphen before its check digit")]
    MissingHyphen,
    /// Not seven (or the legacy six) digits before the hyphen.
    #[error("business id has {len} digits before the hyphen, expected 7")]
    DigitCount {
        /// The number of digits found.
        len: usize,
    },
    /// Not exactly one check digit after the hyphen.
    #[error("business id has {len} digits after the hyphen, expected 1 check digit")]
    CheckDigitCount {
        /// The number of digits found.
        len: usize,
    },
    /// The check digit is not the one computed from the number.
    #[error(
        "check digit {found} of business id {number:07} does not match the expected {expected}"
    )]
    CheckDigitMismatch {
        /// The seven-digit number.
        number: u32,
        /// The check digit found.
        found: u8,
        /// The check digit computed from the number.
        expected: u8,
    },
    /// The weighted sum of the number leaves remainder 1, so no business ID has it.
    #[error("business id number {number:07} has no valid check digit (remainder 1)")]
    NoValidCheckDigit {
        /// The seven-digit number.
        number: u32,
    },
    /// A number too large for a business ID.
    #[error("{value} has too many digits for a business id (at most {max})")]
    TooManyDigits {
        /// The value given.
        value: u32,
        /// The largest accepted value.
        max: u32,
    },
}

/// An OID of THL's register of social welfare and healthcare organisations (SOTE organisation
/// register) built on a business ID: `1.2.246.10.<business ID>.10.<n>`.
///
/// The business ID arc is the eight digits of the [`BusinessId`] without the hyphen, check
/// digit included, read as a number ([`BusinessId::compact`]): an OID arc has no leading
/// zeros, so `0245437-2` appears as `2454372` (DOMAIN §6). The last arc `n` numbers the
/// organisation's entries under that ID.
///
/// Reading is strict dotted-decimal (no empty arcs, no leading zeros, arcs up to
/// 4 294 967 295); OIDs outside `1.2.246.10`, a sixth arc other than `10`, or a business ID
/// arc with a wrong check digit are rejected with the arc's offset.
///
/// ```
/// use sote_certs::organisation::{BusinessId, SoteOidError, SoteOrganisationOid};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let oid: SoteOrganisationOid = "1.2.246.10.2454372.10.1".parse()?;
/// assert_eq!(oid.business_id().to_string(), "0245437-2");
/// assert_eq!(oid.index(), 1);
/// assert_eq!(SoteOrganisationOid::new(oid.business_id(), 1), oid);
/// assert_eq!(oid.to_string(), "1.2.246.10.2454372.10.1");
/// assert!(matches!(
///     "1.2.246.556.12.21.2".parse::<SoteOrganisationOid>(),
///     Err(SoteOidError::NotSoteOrganisation { .. })
/// ));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SoteOrganisationOid {
    business_id: BusinessId,
    index: u32,
}

impl SoteOrganisationOid {
    /// The arcs every SOTE organisation register OID built on a business ID starts with.
    pub const PREFIX: &'static str = "1.2.246.10";

    /// The arc between the business ID and the index.
    pub const REGISTER_ARC: u32 = 10;

    /// The OID `1.2.246.10.<business_id>.10.<index>`.
    pub const fn new(business_id: BusinessId, index: u32) -> Self {
        Self { business_id, index }
    }

    /// The organisation's business ID.
    pub const fn business_id(&self) -> BusinessId {
        self.business_id
    }

    /// The last arc, numbering the organisation's entries under its business ID.
    pub const fn index(&self) -> u32 {
        self.index
    }
}

impl FromStr for SoteOrganisationOid {
    type Err = SoteOidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(SoteOidError::Empty);
        }
        let mut arcs = Vec::new();
        let mut offset = 0;
        for text in s.split('.') {
            arcs.push((offset, parse_arc(text, offset)?));
            offset += text.len() + 1;
        }
        let values: Vec<u32> = arcs.iter().map(|(_, value)| *value).collect();
        if !values.starts_with(&[1, 2, 246, 10]) {
            return Err(SoteOidError::NotSoteOrganisation { oid: s.to_owned() });
        }
        match arcs.as_slice() {
            [
                _,
                _,
                _,
                _,
                (id_offset, id_arc),
                (register_offset, register),
                (_, index),
            ] => {
                let business_id = BusinessId::from_compact(*id_arc).map_err(|source| {
                    SoteOidError::BusinessId {
                        arc: *id_arc,
                        offset: *id_offset,
                        source,
                    }
                })?;
                if *register != Self::REGISTER_ARC {
                    return Err(SoteOidError::RegisterArc {
                        arc: *register,
                        offset: *register_offset,
                    });
                }
                Ok(Self::new(business_id, *index))
            }
            _ => Err(SoteOidError::ArcCount { count: arcs.len() }),
        }
    }
}

impl fmt::Display for SoteOrganisationOid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}.{}",
            Self::PREFIX,
            self.business_id.compact(),
            Self::REGISTER_ARC,
            self.index
        )
    }
}

/// One dotted-decimal arc starting at `offset`.
fn parse_arc(text: &str, offset: usize) -> Result<u32, SoteOidError> {
    if let Some((position, character)) = text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(SoteOidError::InvalidCharacter {
            character,
            offset: offset + position,
        });
    }
    if text.is_empty() {
        return Err(SoteOidError::EmptyArc { offset });
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(SoteOidError::LeadingZero { offset });
    }
    text.parse()
        .map_err(|_| SoteOidError::ArcTooLarge { offset })
}

/// Why a SOTE organisation register OID was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SoteOidError {
    /// The text was empty.
    #[error("empty oid")]
    Empty,
    /// A character other than a digit or a dot.
    #[error("invalid character '{character}' at offset {offset} in oid")]
    InvalidCharacter {
        /// The character found.
        character: char,
        /// Its byte offset in the text.
        offset: usize,
    },
    /// Two dots in a row, or a dot at either end.
    #[error("empty arc at offset {offset} in oid")]
    EmptyArc {
        /// The byte offset where the arc should start.
        offset: usize,
    },
    /// An arc written with a leading zero.
    #[error("arc at offset {offset} has a leading zero")]
    LeadingZero {
        /// The byte offset of the arc.
        offset: usize,
    },
    /// An arc above 4 294 967 295.
    #[error("arc at offset {offset} is too large")]
    ArcTooLarge {
        /// The byte offset of the arc.
        offset: usize,
    },
    /// The OID is not under `1.2.246.10`.
    #[error("oid {oid} is not under 1.2.246.10 (sote organisation register)")]
    NotSoteOrganisation {
        /// The OID read.
        oid: String,
    },
    /// Not the seven arcs of `1.2.246.10.<business ID>.10.<n>`.
    #[error("oid has {count} arcs, expected 7 (1.2.246.10.<business id>.10.<n>)")]
    ArcCount {
        /// The number of arcs found.
        count: usize,
    },
    /// The fifth arc is not a business ID with its check digit.
    #[error("arc {arc} at offset {offset} is not a business id with its check digit")]
    BusinessId {
        /// The arc's value.
        arc: u32,
        /// The byte offset of the arc.
        offset: usize,
        /// Why the business ID was rejected.
        #[source]
        source: BusinessIdError,
    },
    /// The sixth arc is not `10`.
    #[error("arc {arc} at offset {offset} should be 10")]
    RegisterArc {
        /// The arc's value.
        arc: u32,
        /// The byte offset of the arc.
        offset: usize,
    },
}

/// A domain name in its canonical ASCII form, normalised with IDNA.
///
/// Reading applies UTS #46 (`idna::domain_to_ascii`: case folding, Unicode normalisation,
/// Punycode), so `Sähkö.FI`, `sähkö.fi` and `xn--shk-qla6g.fi` are one name, then checks the
/// DNS rules of RFC 1035 §2.3.1 / RFC 5890 on the ASCII form: letters, digits and hyphens only,
/// no hyphen at either end of a label, labels of 1 to 63 octets, at most 253 octets in all, and
/// a top-level label that is not all digits (an IPv4 address is not a domain name). One
/// trailing dot (an absolute name) is accepted and dropped.
///
/// Invariant: the stored form is lowercase ASCII without a trailing dot; equality, order and
/// hash are those of that form. [`Display`](fmt::Display) writes it, and
/// [`to_unicode`](Self::to_unicode) gives the form to show to people.
///
/// ```
/// use sote_certs::organisation::DomainName;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let name: DomainName = "Sähkö.FI.".parse()?;
/// assert_eq!(name, "xn--shk-qla6g.fi".parse()?);
/// assert_eq!(name.to_string(), "xn--shk-qla6g.fi");
/// assert_eq!(name.to_unicode(), "sähkö.fi");
///
/// let administered: DomainName = "example.fi".parse()?;
/// assert!("www.example.fi".parse::<DomainName>()?.is_within(&administered));
/// assert!(!"evil-example.fi".parse::<DomainName>()?.is_within(&administered));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DomainName {
    ascii: String,
}

impl DomainName {
    /// The longest domain name in ASCII form, without the trailing dot (RFC 1035 §2.3.4).
    pub const MAX_LEN: usize = 253;

    /// The longest label (RFC 1035 §2.3.4).
    pub const MAX_LABEL_LEN: usize = 63;

    /// The canonical ASCII form (lowercase, Punycode `xn--` labels, no trailing dot).
    pub fn as_str(&self) -> &str {
        &self.ascii
    }

    /// The Unicode form, for showing to people (`xn--shk-qla6g.fi` is `sähkö.fi`).
    pub fn to_unicode(&self) -> String {
        // The ASCII form passed UTS #46 when it was read, so decoding it reports no errors.
        idna::domain_to_unicode(&self.ascii).0
    }

    /// The labels, leftmost first (`www`, `example`, `fi`).
    pub fn labels(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.ascii.split('.')
    }

    /// Whether this name is `administered` itself or one of its subdomains, label by label:
    /// `www.example.fi` and `example.fi` are within `example.fi`, `evil-example.fi` and `fi`
    /// are not.
    pub fn is_within(&self, administered: &DomainName) -> bool {
        match self.ascii.strip_suffix(administered.ascii.as_str()) {
            Some("") => true,
            Some(rest) => rest.ends_with('.'),
            None => false,
        }
    }
}

impl FromStr for DomainName {
    type Err = DomainNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.strip_suffix('.').unwrap_or(s);
        if name.is_empty() {
            return Err(DomainNameError::Empty);
        }
        let ascii = idna::domain_to_ascii(name)
            .map_err(|_| DomainNameError::Idna { name: s.to_owned() })?;
        check_ascii_name(&ascii)?;
        Ok(Self { ascii })
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii)
    }
}

/// Checks the DNS rules on a name already through UTS #46.
fn check_ascii_name(ascii: &str) -> Result<(), DomainNameError> {
    if ascii.is_empty() {
        return Err(DomainNameError::Empty);
    }
    if ascii.len() > DomainName::MAX_LEN {
        return Err(DomainNameError::TooLong {
            len: ascii.len(),
            max: DomainName::MAX_LEN,
        });
    }
    for label in ascii.split('.') {
        if label.is_empty() {
            return Err(DomainNameError::EmptyLabel {
                name: ascii.to_owned(),
            });
        }
        if let Some(character) = label
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(DomainNameError::InvalidCharacter {
                character,
                label: label.to_owned(),
            });
        }
        if label.len() > DomainName::MAX_LABEL_LEN {
            return Err(DomainNameError::LabelTooLong {
                label: label.to_owned(),
                len: label.len(),
                max: DomainName::MAX_LABEL_LEN,
            });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(DomainNameError::HyphenAtLabelEdge {
                label: label.to_owned(),
            });
        }
    }
    if let Some(top) = ascii
        .rsplit('.')
        .next()
        .filter(|top| top.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DomainNameError::NumericTopLabel {
            label: top.to_owned(),
        });
    }
    Ok(())
}

/// A name requested for a server certificate: a [`DomainName`], or a wildcard `*.<base>`
/// standing for any single label in front of `<base>`.
///
/// The wildcard is only the whole leftmost label (`*.example.fi`, not `w*.example.fi` nor
/// `www.*.fi`) and needs a base of at least two labels (`*.fi` is refused), as the CA/Browser
/// Forum Baseline Requirements and RFC 6125 §6.4.3 allow. Reading lowercases and normalises
/// the base as [`DomainName`] does.
///
/// ```
/// use sote_certs::organisation::{DomainName, RequestedName};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let administered: DomainName = "example.fi".parse()?;
/// let wildcard: RequestedName = "*.example.fi".parse()?;
/// assert!(wildcard.is_wildcard());
/// assert!(wildcard.is_administered_by(&administered));
/// assert!(wildcard.matches(&"www.example.fi".parse()?));
/// assert!(!wildcard.matches(&"a.b.example.fi".parse()?));
/// assert!(!wildcard.is_administered_by(&"www.example.fi".parse()?));
/// assert_eq!(wildcard.to_string(), "*.example.fi");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestedName {
    base: DomainName,
    kind: NameKind,
}

/// Whether a [`RequestedName`] is one name or a wildcard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum NameKind {
    Exact,
    Wildcard,
}

impl RequestedName {
    /// The requested name `name` itself.
    pub fn exact(name: DomainName) -> Self {
        Self {
            base: name,
            kind: NameKind::Exact,
        }
    }

    /// The wildcard `*.<base>`.
    ///
    /// # Errors
    /// [`DomainNameError::WildcardTooBroad`] when `base` has fewer than two labels.
    pub fn wildcard(base: DomainName) -> Result<Self, DomainNameError> {
        if base.labels().count() < 2 {
            return Err(DomainNameError::WildcardTooBroad {
                name: format!("*.{base}"),
            });
        }
        Ok(Self {
            base,
            kind: NameKind::Wildcard,
        })
    }

    /// The name, or for a wildcard the part after `*.`.
    pub fn base(&self) -> &DomainName {
        &self.base
    }

    /// Whether this is a wildcard `*.<base>`.
    pub fn is_wildcard(&self) -> bool {
        self.kind == NameKind::Wildcard
    }

    /// Whether every name this stands for is within `administered`: the name itself for an
    /// exact name, the base for a wildcard (`*.example.fi` is administered by `example.fi` but
    /// not by `www.example.fi`).
    pub fn is_administered_by(&self, administered: &DomainName) -> bool {
        self.base.is_within(administered)
    }

    /// Whether `name` is this name, or for a wildcard exactly one label in front of the base
    /// (RFC 6125 §6.4.3: `*.example.fi` matches `www.example.fi`, not `example.fi` nor
    /// `a.b.example.fi`).
    pub fn matches(&self, name: &DomainName) -> bool {
        match self.kind {
            NameKind::Exact => *name == self.base,
            NameKind::Wildcard => name
                .as_str()
                .split_once('.')
                .is_some_and(|(_, parent)| parent == self.base.as_str()),
        }
    }
}

impl FromStr for RequestedName {
    type Err = DomainNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.strip_prefix("*.") {
            Some(base) => {
                if base.contains('*') {
                    return Err(DomainNameError::MisplacedWildcard { name: s.to_owned() });
                }
                let base: DomainName = base.parse()?;
                Self::wildcard(base)
            }
            None if s.contains('*') => {
                Err(DomainNameError::MisplacedWildcard { name: s.to_owned() })
            }
            None => s.parse().map(Self::exact),
        }
    }
}

impl fmt::Display for RequestedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            NameKind::Exact => write!(f, "{}", self.base),
            NameKind::Wildcard => write!(f, "*.{}", self.base),
        }
    }
}

/// Why a domain name or requested name was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DomainNameError {
    /// The text was empty (or only a dot).
    #[error("empty domain name")]
    Empty,
    /// UTS #46 processing (IDNA) rejected the name.
    #[error("domain name '{name}' is not valid under idna (uts #46)")]
    Idna {
        /// The text read.
        name: String,
    },
    /// Longer than [`DomainName::MAX_LEN`] octets in ASCII form.
    #[error("domain name is {len} octets long, the limit is {max}")]
    TooLong {
        /// The length of the ASCII form.
        len: usize,
        /// [`DomainName::MAX_LEN`].
        max: usize,
    },
    /// Two dots in a row, or a leading dot.
    #[error("domain name '{name}' has an empty label")]
    EmptyLabel {
        /// The name, in ASCII form.
        name: String,
    },
    /// A character other than a letter, a digit or a hyphen.
    #[error("invalid character '{character}' in label '{label}'")]
    InvalidCharacter {
        /// The character found.
        character: char,
        /// The label, in ASCII form.
        label: String,
    },
    /// A label longer than [`DomainName::MAX_LABEL_LEN`] octets.
    #[error("label '{label}' is {len} octets long, the limit is {max}")]
    LabelTooLong {
        /// The label, in ASCII form.
        label: String,
        /// Its length.
        len: usize,
        /// [`DomainName::MAX_LABEL_LEN`].
        max: usize,
    },
    /// A label starting or ending with a hyphen.
    #[error("label '{label}' starts or ends with a hyphen")]
    HyphenAtLabelEdge {
        /// The label, in ASCII form.
        label: String,
    },
    /// A top-level label of digits only, as in an IPv4 address.
    #[error("top-level label '{label}' is all digits")]
    NumericTopLabel {
        /// The label.
        label: String,
    },
    /// A `*` other than as the whole leftmost label.
    #[error("wildcard in '{name}' is not the whole leftmost label")]
    MisplacedWildcard {
        /// The text read.
        name: String,
    },
    /// A wildcard over a single label, such as `*.fi`.
    #[error("wildcard '{name}' needs at least two labels after '*'")]
    WildcardTooBroad {
        /// The wildcard.
        name: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_of_known_ids() {
        assert_eq!(check_digit_of(245_437), Some(2));
        assert_eq!(check_digit_of(0), Some(0));
    }

    #[test]
    fn every_number_has_a_check_digit_or_remainder_one() {
        let mut without = 0;
        for number in (0..=BusinessId::MAX_NUMBER).step_by(997) {
            match check_digit_of(number) {
                Some(digit) => assert!(digit <= 9),
                None => without += 1,
            }
        }
        assert!(without > 0);
    }
}
