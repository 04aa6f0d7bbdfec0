//! Conversions between [`SerialNumber`] and native integers, `x509-cert`, `der` and `num-bigint`.

use num_bigint::BigInt;
use x509_cert::certificate::Profile;

use super::{RangeError, SerialError, SerialNumber, minimal};

impl SerialNumber {
    /// Reads two's-complement big-endian octets that may be non-minimal or empty (zero), as
    /// other libraries hand them over.
    pub(crate) fn from_twos_complement(bytes: &[u8]) -> Self {
        match minimal(bytes) {
            [] => Self::from_canonical(&[0]),
            octets => Self::from_canonical(octets),
        }
    }

    /// Reads unsigned big-endian octets of a native integer.
    fn from_unsigned(bytes: &[u8]) -> Self {
        Self::from_sign_magnitude(false, bytes)
    }

    fn out_of_range(&self, target: &'static str) -> SerialError {
        SerialError::OutOfRange(Box::new(RangeError {
            value: self.to_decimal_string(),
            target,
        }))
    }

    /// The value as `N` big-endian bytes of a signed (two's complement) or unsigned integer.
    fn to_be_array<const N: usize>(
        &self,
        signed: bool,
        target: &'static str,
    ) -> Result<[u8; N], SerialError> {
        let content = self.as_der_content();
        let (fill, octets) = match (signed, self.is_negative()) {
            (false, true) => return Err(self.out_of_range(target)),
            // An unsigned target does not need the sign octet of a value with its top bit set.
            (false, false) => match content {
                [0, rest @ ..] if !rest.is_empty() => (0, rest),
                _ => (0, content),
            },
            (true, negative) => (if negative { 0xff } else { 0 }, content),
        };
        let mut out = [fill; N];
        N.checked_sub(octets.len())
            .and_then(|start| out.get_mut(start..))
            .ok_or_else(|| self.out_of_range(target))?
            .copy_from_slice(octets);
        Ok(out)
    }
}

macro_rules! native {
    ($read:ident: $($int:ty),*) => {$(
        impl From<$int> for SerialNumber {
            fn from(value: $int) -> Self {
                Self::$read(&value.to_be_bytes())
            }
        }

        impl TryFrom<&SerialNumber> for $int {
            type Error = SerialError;

            /// Exact conversion; [`SerialError::OutOfRange`] when the value does not fit.
            fn try_from(serial: &SerialNumber) -> Result<Self, SerialError> {
                #[allow(unused_comparisons)]
                let signed = <$int>::MIN < 0;
                serial
                    .to_be_array::<{ size_of::<$int>() }>(signed, stringify!($int))
                    .map(<$int>::from_be_bytes)
            }
        }
    )*};
}

// Unsigned bytes are a magnitude: `128u8` is 128, not the two's-complement -128.
native!(from_unsigned: u8, u16, u32, u64, u128, usize);
native!(from_twos_complement: i8, i16, i32, i64, i128, isize);

impl<P: Profile> From<&x509_cert::serial_number::SerialNumber<P>> for SerialNumber {
    fn from(serial: &x509_cert::serial_number::SerialNumber<P>) -> Self {
        Self::from_twos_complement(serial.as_bytes())
    }
}

impl<P: Profile> TryFrom<&SerialNumber> for x509_cert::serial_number::SerialNumber<P> {
    type Error = SerialError;

    /// x509-cert builds only positive serials of at most 20 content octets (RFC 5280 §4.1.2.2).
    fn try_from(serial: &SerialNumber) -> Result<Self, SerialError> {
        if serial.is_negative() {
            return Err(serial.out_of_range("RFC 5280 SerialNumber"));
        }
        serial
            .with_magnitude(Self::new)
            .map_err(|_| serial.out_of_range("RFC 5280 SerialNumber"))
    }
}

impl From<&der::asn1::Int> for SerialNumber {
    fn from(int: &der::asn1::Int) -> Self {
        Self::from_twos_complement(int.as_bytes())
    }
}

impl From<der::asn1::IntRef<'_>> for SerialNumber {
    fn from(int: der::asn1::IntRef<'_>) -> Self {
        Self::from_twos_complement(int.as_bytes())
    }
}

impl TryFrom<&SerialNumber> for der::asn1::Int {
    type Error = SerialError;

    fn try_from(serial: &SerialNumber) -> Result<Self, SerialError> {
        Self::new(serial.as_der_content()).map_err(|_| serial.out_of_range("der::asn1::Int"))
    }
}

impl From<&BigInt> for SerialNumber {
    fn from(value: &BigInt) -> Self {
        Self::from_twos_complement(&value.to_signed_bytes_be())
    }
}

impl From<&SerialNumber> for BigInt {
    fn from(serial: &SerialNumber) -> Self {
        BigInt::from_signed_bytes_be(serial.as_der_content())
    }
}
