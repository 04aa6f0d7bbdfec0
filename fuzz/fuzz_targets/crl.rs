//! Reading arbitrary bytes as CRLs never panics; whatever reads finds each of its entries by
//! serial number, reads back from its DER to the same CRL, and can be checked (freshness,
//! signature against a real certificate's key) without panicking.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use sote_certs::revocation::{Crl, read_crls};
use sote_certs::{Certificate, read_certificates};
use std::sync::OnceLock;

/// A real DVV certificate whose key stands in for an issuer's.
fn issuer() -> &'static Certificate {
    static ISSUER: OnceLock<Certificate> = OnceLock::new();
    ISSUER.get_or_init(|| {
        let pem =
            include_bytes!("../../tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem");
        read_certificates(pem).unwrap().remove(0)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(crls) = read_crls(data) else {
        return;
    };
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    for crl in &crls {
        for entry in crl.entries() {
            let found = crl
                .lookup(&entry.serial)
                .expect("every entry is found by its serial");
            assert_eq!(found.serial, entry.serial);
        }
        assert_eq!(Crl::from_der(crl.as_der()).as_ref(), Ok(crl));
        let check = sote_certs::trust::check_crl(crl, Some(issuer()), at);
        assert_eq!(check.fresh, crl.is_fresh_at(at));
        assert_ne!(check.signature_valid, None);
        let _ = crl.issuer().to_string();
    }
});
