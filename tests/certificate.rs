//! Reading certificates: DER or PEM, several blocks, text around them, CRLF, and clear errors.

use sote_certs::certificate::CertificateReader;
use sote_certs::{ReadError, read_certificates};

const G3E: &str = "tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem";
const VRK: &str = "tests/fixtures/real/kela-dcc-dsc-prod-2021-06-18-vrk-sote-ca.pem";

fn pem(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn der(path: &str) -> Vec<u8> {
    let text = pem(path);
    let (label, der) = der::pem::decode_vec(&text).unwrap();
    assert_eq!(label, "CERTIFICATE");
    der
}

#[test]
fn reads_der_and_pem_of_the_same_certificate_alike() {
    let from_pem = read_certificates(&pem(G3E)).unwrap();
    let from_der = read_certificates(&der(G3E)).unwrap();
    assert_eq!(from_pem, from_der);
    assert_eq!(from_pem.len(), 1);
    assert_eq!(
        from_pem[0].serial().to_hex_string(),
        "017dd7810fc3030e71245bda512189"
    );
}

#[test]
fn reads_several_pem_blocks_with_text_around_and_crlf() {
    let mut text = b"Certificates for Kanta, sent by DVV\r\n\r\nsubject=...\r\n".to_vec();
    let crlf = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
    text.extend(crlf(pem(G3E)).bytes());
    text.extend(b"\r\nsecond one:\r\n");
    text.extend(crlf(pem(VRK)).bytes());
    text.extend(b"-- end of mail --\r\n");
    let certs = read_certificates(&text).unwrap();
    let serials: Vec<String> = certs.iter().map(|c| c.serial().to_hex_string()).collect();
    assert_eq!(serials, ["017dd7810fc3030e71245bda512189", "1e12fc91"]);
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(read_certificates(b""), Err(ReadError::Empty));
}

#[test]
fn input_over_the_bound_is_refused_before_parsing() {
    let der = der(G3E);
    let reader = CertificateReader::new().with_max_input(der.len() - 1);
    assert_eq!(
        reader.read(&der),
        Err(ReadError::TooLarge {
            len: der.len(),
            max: der.len() - 1
        })
    );
    assert!(
        CertificateReader::new()
            .with_max_input(der.len())
            .read(&der)
            .is_ok()
    );
}

#[test]
fn text_without_pem_is_unrecognised() {
    let error = read_certificates(b"hello").unwrap_err();
    assert_eq!(error, ReadError::Unrecognised { first: b'h' });
    assert_eq!(
        error.to_string(),
        "expected DER (first byte 0x30) or PEM, found first byte 0x68"
    );
}

#[test]
fn wrong_pem_label_is_named() {
    let text = String::from_utf8(pem(G3E))
        .unwrap()
        .replace("CERTIFICATE", "CERTIFICATE REQUEST");
    assert_eq!(
        read_certificates(text.as_bytes()),
        Err(ReadError::WrongLabel {
            index: 0,
            label: "CERTIFICATE REQUEST".into(),
            expected: "CERTIFICATE"
        })
    );
}

#[test]
fn pem_block_without_end_is_an_error_with_its_offset() {
    let text = String::from_utf8(pem(G3E)).unwrap();
    let cut = &text[..text.find("-----END").unwrap()];
    let input = format!("junk\n{cut}");
    match read_certificates(input.as_bytes()) {
        Err(ReadError::Pem { index, offset, .. }) => assert_eq!((index, offset), (0, 5)),
        other => panic!("expected a PEM error, got {other:?}"),
    }
}

#[test]
fn truncated_der_is_an_error() {
    let der = der(G3E);
    let error = read_certificates(&der[..der.len() - 10]).unwrap_err();
    assert!(
        matches!(error, ReadError::Der { index: 0, .. }),
        "{error:?}"
    );
}

#[test]
fn trailing_data_after_der_is_an_error() {
    let mut der = der(G3E);
    der.extend([0, 0, 0]);
    let error = read_certificates(&der).unwrap_err();
    assert!(
        matches!(error, ReadError::Der { index: 0, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("trailing"), "{error}");
}

#[test]
fn second_block_error_names_its_index() {
    let mut text = pem(G3E);
    text.extend(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    match read_certificates(&text) {
        Err(ReadError::Der { index, .. }) => assert_eq!(index, 1),
        other => panic!("expected a DER error in block 1, got {other:?}"),
    }
}
