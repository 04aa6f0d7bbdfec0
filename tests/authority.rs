//! The CA table: one home for DVV's CA names, policies, generations, environments and serial
//! forms, and recognition that guesses no generation from a name.

use sote_certs::authority::{
    CaRegistry, CertificateAuthority, DvvAuthority, ETSI_NCP, Generation, Provenance, Recognition,
};
use sote_certs::profile::Environment;
use sote_certs::serial::SerialForm;

#[test]
fn the_registry_holds_the_table() {
    let registered: Vec<CertificateAuthority> = CaRegistry::dvv().authorities().cloned().collect();
    let table: Vec<CertificateAuthority> = DvvAuthority::ALL.map(DvvAuthority::authority).into();
    assert_eq!(registered, table);
}

#[test]
fn the_table_states_dvvs_cas() {
    let g3e = DvvAuthority::G3E.authority();
    assert_eq!(
        g3e.common_name,
        "DVV Social Welfare and Healthcare Service Certificates - G3E"
    );
    assert_eq!(g3e.organisation, "Digi- ja vaestotietovirasto CA");
    assert_eq!(
        (
            g3e.environment,
            g3e.generation,
            g3e.serial_form,
            g3e.provenance
        ),
        (
            Environment::Production,
            Generation::DvvG3,
            SerialForm::Long,
            Provenance::Observed
        )
    );
    assert_eq!(
        g3e.policy.map(|p| p.to_string()).as_deref(),
        Some("1.2.246.517.1.10.358.2")
    );
    let vrk = DvvAuthority::Vrk.authority();
    assert_eq!(vrk.serial_form, SerialForm::Legacy32);
    assert_eq!(
        vrk.policy.map(|p| p.to_string()).as_deref(),
        Some("1.2.246.517.1.10.10.2")
    );
    assert_eq!(
        DvvAuthority::G3R.authority().provenance,
        Provenance::Assumed
    );
    // The test CAs' policies are not public: any policy under DVV's arc is accepted.
    for test in [DvvAuthority::VrkTest, DvvAuthority::VrkTestG2] {
        let ca = test.authority();
        assert_eq!((ca.environment, ca.policy), (Environment::Test, None));
    }
    assert_eq!(ETSI_NCP.to_string(), "0.4.0.2042.1.7");
}

#[test]
fn an_unregistered_test_ca_gets_no_generation_from_its_name() {
    let registry = CaRegistry::dvv();
    for cn in [
        "DVV TEST Social Welfare and Healthcare Service Certificates - G3E",
        "DVV TEST Social Welfare and Healthcare Service Certificates - G4E",
    ] {
        let Some(Recognition::TestByName(ca)) =
            registry.recognise(cn, "Digi- ja vaestotietovirasto TEST")
        else {
            panic!("{cn} not recognised by name");
        };
        assert_eq!(ca.generation, Generation::Unidentified, "{cn}");
        assert_eq!(ca.serial_form, SerialForm::Long, "{cn}");
        assert_eq!(ca.environment, Environment::Test, "{cn}");
        assert_eq!(ca.provenance, Provenance::Assumed, "{cn}");
    }
    // A VRK test organisation's CA issues VRK's 32-bit serials, whatever its name says.
    let vrk = registry
        .recognise("VRK TEST CA - G3", "Vaestorekisterikeskus TEST")
        .unwrap();
    assert_eq!(vrk.authority().serial_form, SerialForm::Legacy32);
    assert_eq!(vrk.authority().generation, Generation::Unidentified);
    // Neither "TEST" nor a VRK/DVV organisation: not recognised.
    assert!(
        registry
            .recognise(
                "DVV Social Welfare and Healthcare Service Certificates - G4E",
                "Digi- ja vaestotietovirasto CA"
            )
            .is_none()
    );
    assert!(registry.recognise("Some TEST CA", "Esimerkki Oy").is_none());
}

#[test]
fn a_registered_ca_replaces_the_entry_of_the_same_names() {
    let mut registry = CaRegistry::dvv();
    let g4 = CertificateAuthority::new(
        "DVV TEST Social Welfare and Healthcare Service Certificates - G4E",
        "Digi- ja vaestotietovirasto TEST",
        Environment::Test,
        Generation::Unidentified,
        SerialForm::Long,
    )
    .with_policy(const_oid::ObjectIdentifier::new_unwrap(
        "1.2.246.517.1.10.999",
    ))
    .with_provenance(Provenance::Observed);
    registry.register(g4.clone());
    let recognised = registry
        .recognise(&g4.common_name, &g4.organisation)
        .unwrap();
    assert!(matches!(recognised, Recognition::Registered(_)));
    assert_eq!(recognised.authority(), &g4);
    assert_eq!(registry.authorities().count(), DvvAuthority::ALL.len() + 1);
}

#[test]
fn test_in_either_the_common_name_or_the_organisation_marks_a_test_ca() {
    let registry = CaRegistry::dvv();
    for (cn, o) in [
        (
            "DVV TEST Social Welfare and Healthcare Service Certificates - G4E",
            "Digi- ja vaestotietovirasto CA",
        ),
        (
            "DVV Social Welfare and Healthcare Service Certificates - G4E",
            "Digi- ja vaestotietovirasto TEST",
        ),
    ] {
        let Some(Recognition::TestByName(ca)) = registry.recognise(cn, o) else {
            panic!("{cn} / {o} not recognised as a test CA");
        };
        assert_eq!(ca.environment, Environment::Test, "{cn} / {o}");
    }
}

#[test]
fn generations_have_stable_names() {
    assert_eq!(
        [Generation::Vrk, Generation::DvvG3, Generation::Unidentified].map(Generation::as_str),
        ["vrk", "dvv-g3", "unidentified"]
    );
}
