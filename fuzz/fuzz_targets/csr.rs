//! Reading and checking arbitrary bytes as certificate requests never panics; whatever reads
//! re-reads identically from its DER and checks under a profile the input chooses.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use sote_certs::csr::{CertificateRequest, read_certificate_requests};
use sote_certs::{Inspector, Profile};

fuzz_target!(|data: &[u8]| {
    let Ok(requests) = read_certificate_requests(data) else {
        return;
    };
    let inspector = Inspector::dvv();
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    for csr in &requests {
        assert_eq!(CertificateRequest::from_der(csr.as_der()).as_ref(), Ok(csr));
        // One profile per input, chosen by its first byte: the signature check (the costly part)
        // runs once, and the fuzzer still reaches every profile's rules.
        let profile = Profile::ALL[usize::from(data[0]) % Profile::ALL.len()];
        let report = inspector.check_request(csr, profile, date, &[]);
        assert_eq!(report.profile, profile);
        let _ = csr.subject().to_string();
        let _ = csr.dns_names();
    }
});
