//! `serde(with = …)` adapters (feature `serde`) for the crate's text-form values and DER objects,
//! for fields whose type has no `Serialize` of its own, or another one.
//!
//! The identifiers this module stores (business IDs, register OIDs, domain names, requested
//! names) have one canonical text form that their `FromStr` reads back, so they are stored as
//! that text: a stored application stays readable by people and re-validated when read.
//! Certificates and requests are stored as lowercase hex of their DER. Serial numbers and
//! profiles serialise as their text by themselves (`impl Serialize`).

use core::fmt::Display;
use core::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// A value stored as its `Display` text and read back with `FromStr`.
pub(crate) mod text {
    use super::*;

    pub(crate) fn serialize<T: Display, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

/// An optional value stored as its text, or null.
pub(crate) mod option_text {
    use super::*;

    pub(crate) fn serialize<T: Display, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Option::<String>::deserialize(deserializer)?
            .map(|text| text.parse().map_err(D::Error::custom))
            .transpose()
    }
}

/// A list of values stored as a list of texts.
pub(crate) mod vec_text {
    use super::*;
    use serde::ser::SerializeSeq;

    pub(crate) fn serialize<T: Display, S: Serializer>(
        values: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for value in values {
            seq.serialize_element(&value.to_string())?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|text| text.parse().map_err(D::Error::custom))
            .collect()
    }
}

/// Lowercase hex of `bytes`.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            // A nibble is below 16, so `get` always finds a digit.
            if let Some(&digit) = DIGITS.get(usize::from(nibble)) {
                out.push(char::from(digit));
            }
        }
    }
    out
}

/// The bytes of even-length hex text (either case); the error names the offending offset.
pub(crate) fn from_hex(text: &str) -> Result<Vec<u8>, String> {
    if !text.len().is_multiple_of(2) {
        return Err(format!("odd number of hex digits ({})", text.len()));
    }
    let digit = |offset: usize, c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
            .ok_or_else(|| format!("invalid hex digit {:?} at offset {offset}", char::from(c)))
    };
    text.as_bytes()
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| match *pair {
            [high, low] => Ok(digit(2 * i, high)? << 4 | digit(2 * i + 1, low)?),
            _ => Err(format!("odd number of hex digits ({})", text.len())),
        })
        .collect()
}

/// A DER object this module stores as hex.
pub(crate) trait DerObject: Sized {
    fn der(&self) -> &[u8];
    fn read_der(der: &[u8]) -> Result<Self, crate::certificate::ReadError>;
}

impl DerObject for crate::certificate::Certificate {
    fn der(&self) -> &[u8] {
        self.as_der()
    }

    fn read_der(der: &[u8]) -> Result<Self, crate::certificate::ReadError> {
        Self::from_der(der)
    }
}

impl DerObject for crate::csr::CertificateRequest {
    fn der(&self) -> &[u8] {
        self.as_der()
    }

    fn read_der(der: &[u8]) -> Result<Self, crate::certificate::ReadError> {
        Self::from_der(der)
    }
}

/// A certificate or request stored as hex of its DER.
pub(crate) mod der_hex {
    use super::*;

    pub(crate) fn serialize<T: DerObject, S: Serializer>(
        object: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&to_hex(object.der()))
    }

    pub(crate) fn deserialize<'de, T: DerObject, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(deserializer)?;
        let der = from_hex(&text).map_err(D::Error::custom)?;
        T::read_der(&der).map_err(D::Error::custom)
    }
}

/// An optional certificate or request stored as hex of its DER, or null.
pub(crate) mod option_der_hex {
    use super::*;

    pub(crate) fn serialize<T: DerObject, S: Serializer>(
        object: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match object {
            Some(object) => serializer.serialize_str(&to_hex(object.der())),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, T: DerObject, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| {
                let der = from_hex(&text).map_err(D::Error::custom)?;
                T::read_der(&der).map_err(D::Error::custom)
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_names_bad_digits() {
        assert_eq!(to_hex(&[0x00, 0xab, 0x7f]), "00ab7f");
        assert_eq!(from_hex("00AB7f"), Ok(vec![0x00, 0xab, 0x7f]));
        assert_eq!(
            from_hex("0g"),
            Err("invalid hex digit 'g' at offset 1".to_owned())
        );
        assert_eq!(
            from_hex("abc"),
            Err("odd number of hex digits (3)".to_owned())
        );
    }
}
