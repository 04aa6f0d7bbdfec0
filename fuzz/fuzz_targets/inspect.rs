//! Reading and inspecting arbitrary bytes never panics; whatever reads, inspects under every
//! profile, and its DER reads back to the same certificate.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use sote_certs::{Certificate, Inspector, Profile, read_certificates};

fuzz_target!(|data: &[u8]| {
    let Ok(certificates) = read_certificates(data) else {
        return;
    };
    let inspector = Inspector::dvv();
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    for cert in &certificates {
        let report = inspector.inspect(cert, at);
        assert_eq!(report.serial, cert.serial());
        for profile in Profile::ALL {
            let checked = inspector.inspect_as(cert, profile, at);
            assert_eq!(checked.profile(), Some(profile));
        }
        assert_eq!(Certificate::from_der(cert.as_der()).as_ref(), Ok(cert));
        let _ = cert.subject().to_string();
    }
});
