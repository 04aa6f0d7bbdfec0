//! Reading certificates: DER or PEM, several blocks, text around them, CRLF, and clear errors.

use sote_certs::certificate::{
    BlockEnd, CertificateReader, DerProblem, Notice, PemError, Position, TimeError,
};
use sote_certs::{ReadError, Version, read_certificates};

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
fn a_file_with_no_certificate_names_what_it_holds() {
    let text = String::from_utf8(pem(G3E))
        .unwrap()
        .replace("CERTIFICATE", "CERTIFICATE REQUEST");
    let error = read_certificates(text.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        ReadError::NotFound {
            expected: "certificate",
            found: vec!["CERTIFICATE REQUEST".into()],
        }
    );
    assert_eq!(
        error.to_string(),
        "no certificate in the input: it holds PEM blocks \"CERTIFICATE REQUEST\""
    );
}

#[test]
fn pem_block_without_end_is_an_error_with_its_line() {
    let text = String::from_utf8(pem(G3E)).unwrap();
    let cut = &text[..text.find("-----END").unwrap()];
    let input = format!("junk\n{cut}");
    let error = read_certificates(input.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        ReadError::Pem {
            block: 1,
            line: 2,
            error: PemError::MissingEnd {
                label: "CERTIFICATE".into()
            },
        }
    );
    assert_eq!(
        error.to_string(),
        "PEM block 1 (BEGIN at line 2): no \"-----END CERTIFICATE-----\" line before the input ends"
    );
}

#[test]
fn a_wrong_base64_character_names_its_line_and_column() {
    let text = String::from_utf8(pem(G3E)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3].replace_range(10..11, "*");
    let input = format!("a note\n{}\n", lines.join("\n"));
    let error = read_certificates(input.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "PEM block 1 (BEGIN at line 2): invalid base64 character '*' at line 5, column 11"
    );
}

#[test]
fn truncated_der_says_what_was_declared_and_what_is_there() {
    let der = der(G3E);
    let error = read_certificates(&der[..95]).unwrap_err();
    assert_eq!(
        error,
        ReadError::Der {
            what: "certificate",
            at: Position::Der { offset: 95 },
            problem: DerProblem::Truncated {
                what: "certificate",
                declared: der.len(),
                available: 95
            },
        }
    );
    assert_eq!(
        error.to_string(),
        format!(
            "certificate at DER byte 95: truncated: the certificate's SEQUENCE declares {} bytes, \
             the input ends after 95",
            der.len()
        )
    );
}

#[test]
fn truncated_pem_names_the_block_and_the_last_line() {
    let text = String::from_utf8(pem(G3E)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // Keep the BEGIN line and the first four base64 lines (192 bytes of DER), then END: the
    // END line (line 6) is where the certificate is cut short.
    lines.drain(5..lines.len() - 1);
    let input = format!("{}\n", lines.join("\n"));
    let error = read_certificates(input.as_bytes()).unwrap_err();
    assert!(
        matches!(
            error,
            ReadError::Der {
                at: Position::Pem { block: 1, line: 6 },
                problem: DerProblem::Truncated { available: 192, .. },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with(
            "certificate in PEM block 1, line 6: truncated: the certificate's SEQUENCE declares"
        ),
        "{error}"
    );
}

#[test]
fn trailing_data_after_der_is_an_error() {
    let mut der = der(G3E);
    let len = der.len();
    der.extend([0, 0, 0]);
    let error = read_certificates(&der).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "certificate at DER byte {len}: 3 bytes of trailing data after the certificate's {len} bytes"
        )
    );
}

#[test]
fn second_block_error_names_its_block_and_line() {
    let mut text = pem(G3E);
    let lines = text.iter().filter(|&&b| b == b'\n').count();
    text.extend(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    match read_certificates(&text) {
        Err(ReadError::Der {
            at: Position::Pem { block, line },
            ..
        }) => assert_eq!((block, line), (2, lines + 2)),
        other => panic!("expected a DER error in block 2, got {other:?}"),
    }
}

#[test]
fn malformed_der_inside_gives_the_der_byte() {
    let mut der = der(G3E);
    // The serial's INTEGER tag (after 30 82 xx xx 30 82 xx xx a0 03 02 01 02) becomes OCTET STRING.
    assert_eq!(der[13], 0x02);
    der[13] = 0x04;
    let error = read_certificates(&der).unwrap_err();
    assert!(
        matches!(
            error,
            ReadError::Der {
                at: Position::Der { offset: 13 },
                problem: DerProblem::Malformed(_),
                ..
            }
        ),
        "{error:?}"
    );
}

fn tool_fixture(file: &str) -> Vec<u8> {
    pem(&format!("tests/fixtures/tools/{file}"))
}

#[test]
fn reads_certificates_as_tools_wrap_them() {
    let expected = read_certificates(&pem(G3E)).unwrap();
    for file in [
        "openssl-text.pem",
        "width-76-crlf.pem",
        "one-line-x509-label.pem",
        "indented-mail.pem",
    ] {
        let read = CertificateReader::new()
            .read_all(&tool_fixture(file))
            .unwrap();
        assert_eq!(read.objects, expected, "{file}");
        assert_eq!(read.notices, [], "{file}");
    }
}

#[test]
fn reads_a_trusted_certificate_and_says_its_trust_settings_were_ignored() {
    let read = CertificateReader::new()
        .read_all(&tool_fixture("trusted.pem"))
        .unwrap();
    assert_eq!(read.objects, read_certificates(&pem(G3E)).unwrap());
    let [notice] = read.notices.as_slice() else {
        panic!("one notice expected: {:?}", read.notices);
    };
    assert!(
        matches!(notice, Notice::TrustSettingsIgnored { block: 1, line: 1, len } if *len > 0),
        "{notice:?}"
    );
    assert!(
        notice
            .to_string()
            .contains("OpenSSL trust settings ignored"),
        "{notice}"
    );
}

#[test]
fn skips_a_private_key_beside_the_certificate_with_a_notice() {
    let read = CertificateReader::new()
        .read_all(&tool_fixture("key-and-certificate.pem"))
        .unwrap();
    assert_eq!(read.objects.len(), 1);
    assert_eq!(
        read.objects[0].subject().to_string(),
        "CN=palvelu.example.fi,O=Testi Oy,C=FI"
    );
    assert_eq!(
        read.notices,
        [Notice::SkippedBlock {
            block: 1,
            line: 1,
            label: "PRIVATE KEY".into(),
            end: BlockEnd::Found
        }]
    );
    assert_eq!(
        read.notices[0].to_string(),
        "PEM block 1 (line 1) is \"PRIVATE KEY\": skipped"
    );
}

#[test]
fn a_key_alone_is_not_found_and_named() {
    let text = String::from_utf8(tool_fixture("key-and-certificate.pem")).unwrap();
    let key = &text[..text.find("-----BEGIN CERTIFICATE").unwrap()];
    assert_eq!(
        read_certificates(key.as_bytes()),
        Err(ReadError::NotFound {
            expected: "certificate",
            found: vec!["PRIVATE KEY".into()]
        })
    );
}

#[test]
fn reads_a_certificate_valid_from_1950() {
    let certs = read_certificates(&tool_fixture("from-1950.pem")).unwrap();
    assert_eq!(
        certs[0].not_before().to_rfc3339(),
        "1950-01-01T00:00:00+00:00"
    );
    assert_eq!(
        certs[0].not_after().to_rfc3339(),
        "2049-12-31T23:59:59+00:00"
    );
    assert_eq!(certs[0].version(), Version::V1);
}

#[test]
fn a_time_without_z_is_an_error_naming_the_field_and_the_rule() {
    let mut der = der("tests/fixtures/tools/from-1950.pem");
    let at = der.windows(13).position(|w| w == b"500101000000Z").unwrap();
    der[at + 12] = b'0';
    let error = read_certificates(&der).unwrap_err();
    assert_eq!(
        error,
        ReadError::Der {
            what: "certificate",
            at: Position::Der { offset: 0 },
            problem: DerProblem::Time {
                field: "notBefore",
                error: TimeError::NotUtc {
                    text: "5001010000000".into()
                }
            }
        }
    );
    assert!(
        error
            .to_string()
            .contains("notBefore \"5001010000000\" does not end in Z (RFC 5280"),
        "{error}"
    );
}

#[test]
fn the_real_certificates_are_v3() {
    for file in std::fs::read_dir("tests/fixtures/real").unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "pem") {
            let certs = read_certificates(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!(certs[0].version(), Version::V3, "{}", path.display());
        }
    }
}

#[test]
fn a_large_bundle_needs_a_raised_bound() {
    let one = pem(G3E);
    let bundle: Vec<u8> = one.iter().copied().cycle().take(one.len() * 5000).collect();
    assert!(bundle.len() > 7_000_000);
    assert!(matches!(
        read_certificates(&bundle),
        Err(ReadError::TooLarge { max, .. }) if max == CertificateReader::DEFAULT_MAX_INPUT
    ));
    let mut reader = CertificateReader::new();
    reader.set_max_input(bundle.len());
    assert_eq!(reader.max_input(), bundle.len());
    assert_eq!(reader.read(&bundle).unwrap().len(), 5000);
    reader.set_max_input(bundle.len() - 1);
    assert!(reader.read(&bundle).is_err());
}

#[test]
fn text_that_starts_like_der_is_read_as_pem_when_it_has_a_block() {
    // `openssl x509 -text` output cut so that it starts with "0x2)" (first byte 0x30, as DER's
    // SEQUENCE): found by the `pem` fuzz target.
    let text = String::from_utf8(tool_fixture("openssl-text.pem")).unwrap();
    let from = text.find("0x2)").unwrap();
    let certs = read_certificates(&text.as_bytes()[from..]).unwrap();
    assert_eq!(certs, read_certificates(&pem(G3E)).unwrap());
    // Real DER followed by junk, with no BEGIN line, stays a DER error.
    let mut der = der(G3E);
    der.extend(b"0x2)");
    assert!(matches!(
        read_certificates(&der),
        Err(ReadError::Der {
            problem: DerProblem::TrailingData { extra: 4, .. },
            ..
        })
    ));
}

#[test]
fn reads_pem_with_old_mac_line_ends() {
    // Lines ended by a lone CR, as classic Mac OS wrote them and der::pem reads them: found by
    // the `pem` fuzz target.
    let text = String::from_utf8(pem(G3E)).unwrap().replace('\n', "\r");
    let certs = read_certificates(text.as_bytes()).unwrap();
    assert_eq!(certs, read_certificates(&pem(G3E)).unwrap());
    // CRLF after the BEGIN line still counts one line: an error two lines down says line 3.
    let mut lines: Vec<String> = String::from_utf8(pem(G3E))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines[2].replace_range(0..1, "*");
    let error = read_certificates(lines.join("\r\n").as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "PEM block 1 (BEGIN at line 1): invalid base64 character '*' at line 3, column 1"
    );
}

#[test]
fn malformed_der_messages_say_what_der_found_and_where_in_the_certificate() {
    // The serial's INTEGER tag becomes OCTET STRING: der's own words for the kind.
    let mut retagged = der(G3E);
    retagged[13] = 0x04;
    assert_eq!(
        read_certificates(&retagged).unwrap_err().to_string(),
        "certificate at DER byte 13: malformed: unexpected ASN.1 DER tag: expected INTEGER, got \
         OCTET STRING"
    );
    // The serial's length (15) grows to 127: the INTEGER swallows the signature algorithm, and
    // the TBS certificate's next element, at byte 15 + 127, is not the SEQUENCE expected. der
    // gives this error no position; the reader places it at the element.
    let mut longer = der(G3E);
    assert_eq!(longer[14], 15);
    longer[14] = 0x7f;
    let error = read_certificates(&longer).unwrap_err();
    assert!(
        matches!(
            error,
            ReadError::Der {
                at: Position::Der { offset: 142 },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("expected SEQUENCE"), "{error}");
    // The extensions' [3] wrapper claims one byte more than the TBS certificate has left.
    let mut past = der(G3E);
    let at = past.windows(2).position(|w| w == [0xa3, 0x82]).unwrap();
    past[at + 3] += 1;
    assert_eq!(
        read_certificates(&past).unwrap_err().to_string(),
        format!(
            "certificate at DER byte {}: malformed: an element runs past the end of its \
             enclosing structure (needs 1091 bytes, there are 1090)",
            at + 4
        )
    );
}

#[test]
fn versions_number_as_x509_does_and_say_what_they_are() {
    for (version, number, text) in [
        (Version::V1, Some(1), "v1"),
        (Version::V2, Some(2), "v2"),
        (Version::V3, Some(3), "v3"),
        (Version::Other(Some(5)), Some(6), "version value 5"),
        (
            Version::Other(Some(i64::MAX)),
            None,
            "version value 9223372036854775807",
        ),
        (Version::Other(None), None, "version value over 8 octets"),
    ] {
        assert_eq!(version.number(), number, "{version:?}");
        assert_eq!(version.to_string(), text);
    }
}

#[test]
fn a_trusted_certificate_without_trust_settings_reads_without_a_notice() {
    let text = String::from_utf8(pem(G3E)).unwrap();
    let trusted = text.replace("CERTIFICATE-----", "TRUSTED CERTIFICATE-----");
    let read = CertificateReader::new()
        .read_all(trusted.as_bytes())
        .unwrap();
    assert_eq!(read.objects, read_certificates(&pem(G3E)).unwrap());
    assert_eq!(read.notices, []);
}

#[test]
fn to_pem_writes_64_column_lines_that_read_back() {
    let cert = read_certificates(&pem(VRK)).unwrap().remove(0);
    let text = cert.to_pem();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
    assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
    assert!(lines[1..lines.len() - 2].iter().all(|l| l.len() == 64));
    assert_eq!(read_certificates(text.as_bytes()).unwrap(), [cert]);
}

#[test]
fn the_public_key_is_the_one_x509_cert_reads() {
    use der::{Decode, Encode};
    for path in [G3E, VRK] {
        let bytes = der(path);
        let ours = read_certificates(&bytes).unwrap().remove(0);
        let theirs = x509_cert::Certificate::from_der(&bytes).unwrap();
        let spki = theirs.tbs_certificate().subject_public_key_info();
        assert_eq!(ours.subject_public_key_info_der(), spki.to_der().unwrap());
        assert_eq!(
            ours.subject_public_key_info().map(|k| k.algorithm.oid),
            Some(spki.algorithm.oid)
        );
    }
}
