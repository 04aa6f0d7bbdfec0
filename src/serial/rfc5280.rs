//! Whether a serial number meets RFC 5280, and if not, why.

use core::fmt;

use super::SerialNumber;

/// How a serial number stands against RFC 5280 §4.1.2.2 ("a positive integer", "no longer
/// than 20 octets"); made by [`SerialNumber::rfc5280`]. [`Interop::rfc5280`](super::Interop)
/// is [`Rfc5280::conforms`] of it.
///
/// ```
/// use sote_certs::{SerialNumber, serial::Rfc5280};
///
/// assert_eq!(SerialNumber::from_hex("0bf4eab0")?.rfc5280(), Rfc5280::Conforms);
/// assert_eq!(SerialNumber::from_decimal("-129")?.rfc5280(), Rfc5280::Negative);
/// let long = SerialNumber::from_hex(&"7f".repeat(21))?;
/// assert_eq!(long.rfc5280(), Rfc5280::TooLong { octets: 21 });
/// assert_eq!(long.rfc5280().to_string(), "more than 20 content octets (21)");
/// # Ok::<(), sote_certs::SerialError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rfc5280 {
    /// Positive and at most 20 content octets.
    Conforms,
    /// Zero, which is not positive.
    Zero,
    /// Below zero.
    Negative,
    /// Positive, with more than 20 DER content octets.
    TooLong {
        /// The DER content octets.
        octets: usize,
    },
}

impl Rfc5280 {
    /// The most content octets RFC 5280 allows.
    pub const MAX_OCTETS: usize = 20;

    /// Whether the serial number conforms.
    pub fn conforms(self) -> bool {
        self == Rfc5280::Conforms
    }
}

impl fmt::Display for Rfc5280 {
    /// What holds: `positive, at most 20 content octets`, `zero`, `negative`, or
    /// `more than 20 content octets (N)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rfc5280::Conforms => f.write_str("positive, at most 20 content octets"),
            Rfc5280::Zero => f.write_str("zero"),
            Rfc5280::Negative => f.write_str("negative"),
            Rfc5280::TooLong { octets } => write!(f, "more than 20 content octets ({octets})"),
        }
    }
}

impl SerialNumber {
    /// How the value stands against RFC 5280 §4.1.2.2: see [`Rfc5280`].
    pub fn rfc5280(&self) -> Rfc5280 {
        let octets = self.as_der_content().len();
        if self.is_zero() {
            Rfc5280::Zero
        } else if self.is_negative() {
            Rfc5280::Negative
        } else if octets > Rfc5280::MAX_OCTETS {
            Rfc5280::TooLong { octets }
        } else {
            Rfc5280::Conforms
        }
    }
}
