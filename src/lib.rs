#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod application;
mod asn1;
pub mod authority;
pub mod certificate;
pub mod csr;
pub mod inspect;
#[cfg(feature = "serde")]
pub mod json;
#[cfg(feature = "request")]
pub mod key;
#[cfg(feature = "test-fixtures")]
pub mod mint;
pub mod organisation;
pub mod profile;
pub mod renewal;
pub mod revocation;
#[cfg(feature = "serde")]
mod serde;
pub mod serial;
pub mod trust;
pub mod validity;
pub mod workdays;

pub use certificate::{Certificate, ReadError, Version, read_certificates};
pub use inspect::{Finding, Inspector, Report, Rule, Severity};
#[cfg(feature = "request")]
pub use key::{KeyKind, PrivateKey};
pub use profile::{Environment, Profile, Purpose};
pub use serial::{Interop, SerialError, SerialNumber, SerialReader};
