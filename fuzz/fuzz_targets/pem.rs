//! The PEM layer alone: any text reads or fails without a panic; what reads prints back to PEM
//! that reads to the same objects; and wherever der's strict PEM decoder reads the one
//! certificate block of a text, the lenient reader reads the same certificate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sote_certs::certificate::CertificateReader;
use sote_certs::read_certificates;

fuzz_target!(|data: &[u8]| {
    let reader = CertificateReader::new();
    if let Ok(read) = reader.read_all(data) {
        for cert in &read.objects {
            let again = read_certificates(cert.to_pem().as_bytes()).unwrap();
            assert_eq!(again.as_slice(), std::slice::from_ref(cert));
        }
    }
    if let Ok(read) = reader.read_requests(data) {
        for csr in &read.objects {
            let again = reader.read_requests(csr.to_pem().as_bytes()).unwrap();
            assert_eq!(again.objects.as_slice(), std::slice::from_ref(csr));
        }
    }
    // der reads a later block when an earlier one is broken; compare single-block inputs.
    let begins = data.windows(11).filter(|w| w == b"-----BEGIN ").count();
    if begins == 1
        && let Ok((label, der)) = der::pem::decode_vec(data)
        && label == "CERTIFICATE"
        && let Ok(strict) = sote_certs::Certificate::from_der(&der)
    {
        assert_eq!(read_certificates(data), Ok(vec![strict]));
    }
});
