//! Every public type is `Send + Sync`, so reports, readers and applications can cross threads
//! (rayon pipelines, async tasks). A type that loses either fails to compile here, as semver's
//! `tests/test_autotrait.rs` pins its own.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    use sote_certs::application::{
        Application, DeadlineError, Delivery, DeliveryCheck, DeliveryError, Eligibility, Form,
        Organisation, TransitionError,
    };
    use sote_certs::authority::{CaRegistry, CertificateAuthority, Recognition};
    use sote_certs::certificate::{CertificateReader, Name, PemError, TimeError};
    use sote_certs::csr::{CertificateRequest, RequestReport, SignatureCheck};
    use sote_certs::inspect::{Classification, Conformance, KeyFacts};
    use sote_certs::organisation::{BusinessId, DomainName, RequestedName, SoteOrganisationOid};
    use sote_certs::profile::ProfileSpec;
    use sote_certs::renewal::{Outlook, RenewalError, RenewalPlan, RenewalPolicy};
    use sote_certs::revocation::{
        Revocation, RevocationError, RevocationReason, RevocationRequest, Revocations,
    };
    use sote_certs::serial::{Fits, Guess, Rfc5280, SerialForm};
    use sote_certs::validity::{Status, Validity, ValidityError};
    use sote_certs::workdays::{FinnishCalendar, WorkdayError};
    use sote_certs::{
        Certificate, Environment, Finding, Inspector, Interop, Profile, Purpose, ReadError, Report,
        Rule, SerialError, SerialNumber, SerialReader, Severity,
    };

    assert_send_sync::<SerialNumber>();
    assert_send_sync::<SerialReader>();
    assert_send_sync::<SerialError>();
    assert_send_sync::<Interop>();
    assert_send_sync::<Fits>();
    assert_send_sync::<Guess>();
    assert_send_sync::<Rfc5280>();
    assert_send_sync::<SerialForm>();

    assert_send_sync::<Certificate>();
    assert_send_sync::<CertificateReader>();
    assert_send_sync::<ReadError>();
    assert_send_sync::<PemError>();
    assert_send_sync::<TimeError>();
    assert_send_sync::<Name>();

    assert_send_sync::<Profile>();
    assert_send_sync::<Environment>();
    assert_send_sync::<Purpose>();
    assert_send_sync::<ProfileSpec>();
    assert_send_sync::<CaRegistry>();
    assert_send_sync::<CertificateAuthority>();
    assert_send_sync::<Recognition>();
    assert_send_sync::<Validity>();
    assert_send_sync::<ValidityError>();
    assert_send_sync::<Status>();

    assert_send_sync::<Inspector>();
    assert_send_sync::<Report>();
    assert_send_sync::<Finding>();
    assert_send_sync::<Rule>();
    assert_send_sync::<Severity>();
    assert_send_sync::<Classification>();
    assert_send_sync::<Conformance>();
    assert_send_sync::<KeyFacts>();

    assert_send_sync::<CertificateRequest>();
    assert_send_sync::<RequestReport>();
    assert_send_sync::<SignatureCheck>();

    assert_send_sync::<Application>();
    assert_send_sync::<Form>();
    assert_send_sync::<Organisation>();
    assert_send_sync::<Eligibility>();
    assert_send_sync::<Delivery>();
    assert_send_sync::<DeliveryCheck>();
    assert_send_sync::<DeliveryError>();
    assert_send_sync::<TransitionError>();
    assert_send_sync::<DeadlineError>();

    assert_send_sync::<RenewalPolicy>();
    assert_send_sync::<RenewalPlan>();
    assert_send_sync::<RenewalError>();
    assert_send_sync::<Outlook>();
    assert_send_sync::<Revocations>();
    assert_send_sync::<Revocation>();
    assert_send_sync::<RevocationRequest>();
    assert_send_sync::<RevocationReason>();
    assert_send_sync::<RevocationError>();

    assert_send_sync::<FinnishCalendar>();
    assert_send_sync::<WorkdayError>();
    assert_send_sync::<BusinessId>();
    assert_send_sync::<SoteOrganisationOid>();
    assert_send_sync::<DomainName>();
    assert_send_sync::<RequestedName>();
}

#[cfg(feature = "serde")]
#[test]
fn json_lines_are_send_and_sync() {
    use sote_certs::json::{FileError, InspectLine, RenewalLine, RequestLine, Serial, SerialLine};
    assert_send_sync::<Serial<'static>>();
    assert_send_sync::<SerialLine<'static>>();
    assert_send_sync::<InspectLine<'static>>();
    assert_send_sync::<RequestLine<'static>>();
    assert_send_sync::<RenewalLine<'static>>();
    assert_send_sync::<FileError<'static>>();
}

#[cfg(feature = "test-fixtures")]
#[test]
fn minted_types_are_send_and_sync() {
    use sote_certs::mint::{DvvCa, Minted, TestCa};
    assert_send_sync::<DvvCa>();
    assert_send_sync::<TestCa>();
    assert_send_sync::<Minted>();
}
