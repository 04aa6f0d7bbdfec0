//! Applications through the public API: every eligibility rule, every transition, the
//! deadlines, the delivery check, storage, and random event sequences.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::date;
use proptest::prelude::*;
use sote_certs::application::{
    Application, ApplyingParty, Attachment, DeadlineError, Delivery, DeliveryError, DeliveryFormat,
    DeliveryRule, EServiceUser, EligibilityRule, Event, EventKind, Form, Identification,
    IntermediaryRegistration, Organisation, OrganisationKind, Recipient, Requirement, Stage,
    TechnicalContact, TransitionError,
};
use sote_certs::csr::{CertificateRequest, read_certificate_requests};
use sote_certs::{Certificate, Inspector, Profile, read_certificates};

const SERVER_CSR: &[u8] = include_bytes!("fixtures/application/server.csr");
const SERVER_PEM: &[u8] = include_bytes!("fixtures/application/server.pem");
const SIGNATURE_CSR: &[u8] = include_bytes!("fixtures/application/system-signature.csr");
const SIGNATURE_PEM: &[u8] = include_bytes!("fixtures/application/system-signature.pem");

fn csr(pem: &[u8]) -> CertificateRequest {
    read_certificate_requests(pem).unwrap().remove(0)
}

fn cert(pem: &[u8]) -> Certificate {
    read_certificates(pem).unwrap().remove(0)
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn clinic(kind: OrganisationKind) -> Organisation {
    Organisation::new("Esimerkkiklinikka Oy", "1234567-1".parse().unwrap(), kind)
        .registered_as("1.2.246.10.12345671.10.1".parse().unwrap())
        .administering("esimerkkiklinikka.example".parse().unwrap())
}

/// An eligible, complete server application form.
fn server_form() -> Form {
    let mut form = Form::new(
        clinic(OrganisationKind::PrivateProvider),
        Profile::Server,
        EServiceUser::strongly_identified("Maija Meikäläinen"),
    );
    form.names
        .push("palvelin.esimerkkiklinikka.example".parse().unwrap());
    form.long_name = Some("Esimerkkiklinikka".to_owned());
    form.csr = Some(csr(SERVER_CSR));
    form.technical_contact = Some(TechnicalContact::new(
        "Teemu Tekninen",
        "teemu@esimerkkiklinikka.example",
        "Esimerkkiklinikka Oy",
    ));
    form
}

/// An eligible, complete system signature application form of a private provider.
fn signature_form() -> Form {
    let mut form = Form::new(
        clinic(OrganisationKind::PrivateProvider),
        Profile::SystemSignature,
        EServiceUser::strongly_identified("Maija Meikäläinen"),
    );
    form.long_name = Some("Esimerkkiklinikka".to_owned());
    form.csr = Some(csr(SIGNATURE_CSR));
    form.conformity_certificate = Some(Attachment::new("vaatimustenmukaisuustodistus.pdf"));
    form
}

fn codes(form: &Form) -> Vec<&'static str> {
    form.eligibility().codes()
}

// ---- eligibility ----

#[test]
fn baseline_forms_are_eligible() {
    assert_eq!(codes(&server_form()), Vec::<&str>::new());
    assert_eq!(codes(&signature_form()), Vec::<&str>::new());
    assert!(server_form().eligibility().is_eligible());
}

#[test]
fn organisation_outside_sote_register_is_not_eligible() {
    let mut form = server_form();
    form.organisation.sote_register = None;
    let eligibility = form.eligibility();
    assert_eq!(eligibility.codes(), ["eligibility.not-in-sote-register"]);
    assert!(!eligibility.is_eligible());
    assert_eq!(
        eligibility.is_eligible(),
        !eligibility.findings.has_errors()
    );
    assert_eq!(
        eligibility.findings[0].message,
        "organisation Esimerkkiklinikka Oy (1234567-1) has no OID in THL's sote organisation register"
    );
    // The values the message names are data beside it.
    use sote_certs::inspect::FindingValue;
    assert_eq!(
        eligibility.findings[0].values,
        [
            (
                "organisation",
                FindingValue::Name("Esimerkkiklinikka Oy".to_owned())
            ),
            ("business_id", FindingValue::Text("1234567-1".to_owned())),
        ]
    );
}

#[test]
fn register_oid_of_another_business_id_is_not_eligible() {
    let mut form = server_form();
    form.organisation.sote_register = Some("1.2.246.10.2454372.10.1".parse().unwrap());
    assert_eq!(codes(&form), ["eligibility.register-business-id"]);
}

#[test]
fn missing_or_blank_long_name_is_not_eligible() {
    let mut form = server_form();
    form.long_name = None;
    assert_eq!(codes(&form), ["eligibility.long-name-missing"]);
    form.long_name = Some("  ".to_owned());
    assert_eq!(codes(&form), ["eligibility.long-name-missing"]);
}

#[test]
fn user_without_strong_identification_is_not_eligible() {
    let mut form = server_form();
    form.user.identification = Identification::Unverified;
    assert_eq!(codes(&form), ["eligibility.user-not-strongly-identified"]);
}

#[test]
fn signature_applicant_must_administer_the_system_or_be_a_registered_intermediary() {
    let marked = TechnicalContact::new("Tuki", "tuki@valittaja.example", "Kanta provider");
    let mut form = signature_form();
    form.applying_party = ApplyingParty::OnBehalfOfProvider;
    assert_eq!(codes(&form), ["eligibility.signature-applicant"]);

    form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::NotRegistered);
    form.technical_contact = Some(marked.clone());
    assert_eq!(codes(&form), ["eligibility.signature-applicant"]);

    form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::Registered);
    assert_eq!(codes(&form), Vec::<&str>::new());

    let mut it = signature_form();
    it.organisation.kind = OrganisationKind::ItServiceProvider;
    assert_eq!(codes(&it), ["eligibility.signature-applicant"]);
}

#[test]
fn server_applicant_on_behalf_of_provider_is_not_judged_by_the_signature_rule() {
    let mut form = server_form();
    form.applying_party = ApplyingParty::OnBehalfOfProvider;
    assert_eq!(codes(&form), Vec::<&str>::new());
}

#[test]
fn test_system_signature_follows_the_signature_rules() {
    let mut form = signature_form();
    form.profile = Profile::TestSystemSignature;
    form.applying_party = ApplyingParty::OnBehalfOfProvider;
    form.conformity_certificate = None;
    assert_eq!(
        codes(&form),
        [
            "eligibility.signature-applicant",
            "eligibility.conformity-certificate-missing"
        ]
    );
}

#[test]
fn intermediary_needs_the_kanta_provider_marking_in_any_language() {
    let mut form = signature_form();
    form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::Registered);
    form.technical_contact = None;
    assert_eq!(codes(&form), ["eligibility.intermediary-not-marked"]);
    for (field, marked) in [
        ("Kanta provider", true),
        ("KanTa-välittäjä", true),
        ("kanta-förmedlare", true),
        (" KANTA PROVIDER ", true),
        ("Välittäjä Oy", false),
        ("Kanta", false),
    ] {
        form.technical_contact = Some(TechnicalContact::new("Tuki", "t@v.example", field));
        assert_eq!(
            form.eligibility()
                .violates(EligibilityRule::IntermediaryNotMarked),
            !marked,
            "{field:?}"
        );
    }
}

#[test]
fn private_provider_signature_without_conformity_certificate_is_not_eligible() {
    let mut form = signature_form();
    form.conformity_certificate = None;
    assert_eq!(codes(&form), ["eligibility.conformity-certificate-missing"]);
    assert!(form.requires_conformity_certificate());
    for kind in OrganisationKind::ALL {
        if kind != OrganisationKind::PrivateProvider {
            form.organisation.kind = kind;
            assert!(!form.requires_conformity_certificate(), "{kind}");
            assert!(
                !form
                    .eligibility()
                    .violates(EligibilityRule::ConformityCertificateMissing)
            );
        }
    }
    let mut server = server_form();
    server.conformity_certificate = None;
    assert!(!server.requires_conformity_certificate());
}

#[test]
fn server_application_without_names_is_not_eligible() {
    let mut form = server_form();
    form.names.clear();
    // The CSR still carries its DNS name, which is now not requested.
    assert_eq!(
        codes(&form),
        [
            "eligibility.names-missing",
            "eligibility.csr-name-not-requested"
        ]
    );
}

#[test]
fn every_name_outside_the_administered_domains_is_reported() {
    let mut form = server_form();
    form.csr = None;
    form.names = vec![
        "palvelin.esimerkkiklinikka.example".parse().unwrap(),
        "evil-esimerkkiklinikka.example".parse().unwrap(),
        "*.muu.example".parse().unwrap(),
    ];
    let eligibility = form.eligibility();
    assert_eq!(
        eligibility.codes(),
        [
            "eligibility.name-not-administered",
            "eligibility.name-not-administered",
            "eligibility.csr-missing"
        ]
    );
    assert_eq!(
        eligibility.findings[0].message,
        "requested name evil-esimerkkiklinikka.example is not within a domain Esimerkkiklinikka Oy administers (esimerkkiklinikka.example)"
    );
    form.organisation.domains.clear();
    assert_eq!(
        form.eligibility()
            .findings
            .iter()
            .filter(|f| f.rule == EligibilityRule::NameNotAdministered)
            .count(),
        3
    );
}

#[test]
fn administered_names_match_through_idna_and_wildcards() {
    let mut form = server_form();
    form.csr = None;
    form.organisation.domains = vec!["sähkö.example".parse().unwrap()];
    form.names = vec![
        "www.xn--shk-qla6g.example".parse().unwrap(),
        "*.palvelu.sähkö.example".parse().unwrap(),
    ];
    assert_eq!(codes(&form), ["eligibility.csr-missing"]);
}

#[test]
fn missing_csr_is_not_eligible() {
    let mut form = server_form();
    form.csr = None;
    assert_eq!(codes(&form), ["eligibility.csr-missing"]);
}

#[test]
fn csr_names_must_be_the_requested_names() {
    let mut form = server_form();
    form.names = vec!["muu.esimerkkiklinikka.example".parse().unwrap()];
    assert_eq!(
        codes(&form),
        [
            "eligibility.csr-name-not-requested",
            "eligibility.requested-name-not-in-csr"
        ]
    );
    // Case and IDNA form do not matter.
    form.names = vec!["PALVELIN.esimerkkiklinikka.example".parse().unwrap()];
    assert_eq!(codes(&form), Vec::<&str>::new());
}

#[test]
fn every_violated_rule_is_reported_at_once() {
    let mut form = Form::new(
        Organisation::new(
            "Välittäjä Oy",
            "1234567-1".parse().unwrap(),
            OrganisationKind::ItServiceProvider,
        ),
        Profile::Server,
        EServiceUser::new("Ville", Identification::Unverified),
    );
    form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::NotRegistered);
    form.names = vec!["palvelu.example".parse().unwrap()];
    assert_eq!(
        codes(&form),
        [
            "eligibility.not-in-sote-register",
            "eligibility.long-name-missing",
            "eligibility.user-not-strongly-identified",
            "eligibility.intermediary-not-marked",
            "eligibility.name-not-administered",
            "eligibility.csr-missing",
        ]
    );
    let mut signature = signature_form();
    signature.organisation.sote_register = None;
    signature.long_name = None;
    signature.user.identification = Identification::Unverified;
    signature.applying_party = ApplyingParty::OnBehalfOfProvider;
    signature.conformity_certificate = None;
    signature.csr = None;
    assert_eq!(
        codes(&signature),
        [
            "eligibility.not-in-sote-register",
            "eligibility.long-name-missing",
            "eligibility.user-not-strongly-identified",
            "eligibility.signature-applicant",
            "eligibility.conformity-certificate-missing",
            "eligibility.csr-missing",
        ]
    );
}

#[test]
fn eligibility_rules_have_unique_stable_codes_and_sources() {
    let mut seen = std::collections::BTreeSet::new();
    for rule in EligibilityRule::ALL {
        assert!(rule.code().starts_with("eligibility."), "{rule}");
        assert!(seen.insert(rule.code()), "duplicate {rule}");
        assert!(!rule.source().is_empty());
    }
    for rule in DeliveryRule::ALL {
        // key.mismatch (the vendor's private key is not the certificate's) is the key's rule,
        // checked at delivery.
        assert!(
            rule.code().starts_with("delivery.") || rule.code() == "key.mismatch",
            "{rule}"
        );
        assert!(seen.insert(rule.code()), "duplicate {rule}");
    }
    assert_eq!(
        EligibilityRule::NameNotAdministered.code(),
        "eligibility.name-not-administered"
    );
    assert_eq!(
        EligibilityRule::NotInSoteRegister.code(),
        "eligibility.not-in-sote-register"
    );
}

#[test]
fn finding_display_names_severity_code_message_and_source() {
    let mut form = server_form();
    form.csr = None;
    assert_eq!(
        form.eligibility().findings[0].to_string(),
        "error eligibility.csr-missing: no certificate request (CSR) is attached \
         (DVV: Service certificates for social welfare and healthcare)"
    );
}

#[test]
fn csr_pre_flight_uses_the_requested_profile_and_domains() {
    let form = server_form();
    let report = form
        .check_request(&Inspector::dvv(), date(2026, 1, 12))
        .unwrap();
    assert_eq!(report.profile, Profile::Server);
    assert!(report.ok(), "{:?}", report.findings);
    let mut elsewhere = server_form();
    elsewhere.organisation.domains = vec!["muu.example".parse().unwrap()];
    let report = elsewhere
        .check_request(&Inspector::dvv(), date(2026, 1, 12))
        .unwrap();
    assert!(!report.ok());
    let mut none = server_form();
    none.csr = None;
    assert!(
        none.check_request(&Inspector::dvv(), date(2026, 1, 12))
            .is_none()
    );
}

// ---- transitions ----

fn delivery() -> Delivery {
    Delivery::read(SERVER_PEM, Recipient::Applicant).unwrap()
}

/// The server application at `stage`, reached by events from 14 January 2026, a day apart
/// (expiry on 15 July).
fn application_at(stage: Stage) -> Application {
    let mut application = Application::new(server_form());
    let steps: &[Event] = match stage {
        Stage::Draft => &[],
        Stage::Submitted => &[Event::Submit],
        Stage::ReturnedForCorrections => &[
            Event::Submit,
            Event::ReturnForCorrections {
                reason: "fix".into(),
            },
        ],
        Stage::Resubmitted => &[
            Event::Submit,
            Event::ReturnForCorrections {
                reason: "fix".into(),
            },
            Event::Resubmit,
        ],
        Stage::Complete => &[Event::Submit, Event::Complete],
        Stage::Delivered => &[Event::Submit, Event::Complete, Event::Deliver(delivery())],
        Stage::Expired => &[Event::Submit, Event::Expire],
    };
    let mut when = at(2026, 1, 14, 9, 0);
    for event in steps {
        if event.kind() == EventKind::Expire {
            when = at(2026, 7, 15, 9, 0);
        }
        application.apply(event.clone(), when).unwrap();
        when += Duration::hours(25);
    }
    assert_eq!(application.stage(), stage);
    application
}

fn event_of(kind: EventKind) -> Event {
    match kind {
        EventKind::Submit => Event::Submit,
        EventKind::ReturnForCorrections => Event::ReturnForCorrections {
            reason: "attach the csr".into(),
        },
        EventKind::Resubmit => Event::Resubmit,
        EventKind::Complete => Event::Complete,
        EventKind::Deliver => Event::Deliver(delivery()),
        EventKind::Expire => Event::Expire,
    }
}

#[test]
fn the_transition_table_is_exactly_the_documented_one() {
    use Stage::*;
    let legal = [
        (Draft, EventKind::Submit, Submitted),
        (
            Submitted,
            EventKind::ReturnForCorrections,
            ReturnedForCorrections,
        ),
        (Submitted, EventKind::Complete, Complete),
        (Submitted, EventKind::Expire, Expired),
        (ReturnedForCorrections, EventKind::Resubmit, Resubmitted),
        (ReturnedForCorrections, EventKind::Expire, Expired),
        (
            Resubmitted,
            EventKind::ReturnForCorrections,
            ReturnedForCorrections,
        ),
        (Resubmitted, EventKind::Complete, Complete),
        (Resubmitted, EventKind::Expire, Expired),
        (Complete, EventKind::Deliver, Delivered),
    ];
    for stage in Stage::ALL {
        for kind in EventKind::ALL {
            let expected = legal
                .iter()
                .find(|(from, event, _)| *from == stage && *event == kind)
                .map(|(_, _, to)| *to);
            assert_eq!(stage.after(kind), expected, "{stage} + {kind}");
        }
    }
}

#[test]
fn every_stage_accepts_its_legal_events_and_refuses_the_others() {
    for stage in Stage::ALL {
        for kind in EventKind::ALL {
            let mut application = application_at(stage);
            let before = application.clone();
            // Expiry when it is due; anything else after the fixtures' last event.
            let when = if kind == EventKind::Expire {
                at(2026, 7, 16, 9, 0)
            } else {
                at(2026, 1, 20, 9, 0)
            };
            let result = application.apply(event_of(kind), when);
            match stage.after(kind) {
                Some(next) => {
                    assert_eq!(result, Ok(next), "{stage} + {kind}");
                    assert_eq!(application.stage(), next);
                }
                None => {
                    assert_eq!(
                        result,
                        Err(TransitionError::Illegal { event: kind, stage }),
                        "{stage} + {kind}"
                    );
                    assert_eq!(application, before);
                }
            }
        }
    }
}

#[test]
fn terminal_stages_refuse_every_event() {
    for stage in [Stage::Delivered, Stage::Expired] {
        assert!(stage.is_terminal());
        let mut application = application_at(stage);
        for kind in EventKind::ALL {
            let error = application
                .apply(event_of(kind), at(2030, 1, 1, 0, 0))
                .unwrap_err();
            assert_eq!(error, TransitionError::Illegal { event: kind, stage });
            assert_eq!(application.stage(), stage);
        }
        assert_eq!(
            application.form_mut().unwrap_err(),
            TransitionError::NotEditable { stage }
        );
    }
}

#[test]
fn illegal_transition_message_names_event_and_stage() {
    let mut application = application_at(Stage::Draft);
    let error = application.complete(at(2026, 1, 12, 9, 0)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot complete an application that is draft"
    );
    let mut delivered = application_at(Stage::Delivered);
    assert_eq!(
        delivered
            .return_for_corrections("x", at(2026, 2, 1, 0, 0))
            .unwrap_err()
            .to_string(),
        "cannot return for corrections an application that is delivered"
    );
}

#[test]
fn corrections_can_go_round_more_than_once() {
    let mut application = Application::new(server_form());
    let mut when = at(2026, 1, 12, 9, 0);
    application.submit(when).unwrap();
    for _ in 0..3 {
        when += Duration::days(1);
        application.return_for_corrections("again", when).unwrap();
        when += Duration::days(1);
        application.resubmit(when).unwrap();
    }
    application.complete(when).unwrap();
    assert_eq!(application.history().len(), 8);
    assert_eq!(application.submitted_at(), Some(at(2026, 1, 12, 9, 0)));
}

#[test]
fn events_out_of_time_order_are_refused_and_equal_instants_accepted() {
    let mut application = Application::new(server_form());
    let when = at(2026, 1, 12, 9, 0);
    application.submit(when).unwrap();
    let error = application
        .complete(when - Duration::seconds(1))
        .unwrap_err();
    assert_eq!(
        error,
        TransitionError::OutOfOrder {
            event: EventKind::Complete,
            at: when - Duration::seconds(1),
            previous: when,
        }
    );
    assert_eq!(
        error.to_string(),
        "cannot complete at 2026-01-12 08:59:59 UTC: the previous event was at 2026-01-12 09:00:00 UTC"
    );
    assert_eq!(application.stage(), Stage::Submitted);
    application.complete(when).unwrap();
}

#[test]
fn completion_needs_the_csr_and_every_required_attachment() {
    let mut form = signature_form();
    form.csr = None;
    form.conformity_certificate = None;
    let mut application = Application::new(form);
    let when = at(2026, 1, 12, 9, 0);
    application.submit(when).unwrap();
    let error = application.complete(when).unwrap_err();
    assert_eq!(
        error,
        TransitionError::Incomplete {
            missing: vec![
                Requirement::CertificateRequest,
                Requirement::ConformityCertificate
            ]
        }
    );
    assert_eq!(
        error.to_string(),
        "cannot complete the application: missing certificate request (CSR), certificate of conformity"
    );
    application.form_mut().unwrap().csr = Some(csr(SIGNATURE_CSR));
    assert_eq!(application.missing(), [Requirement::ConformityCertificate]);
    application.form_mut().unwrap().conformity_certificate = Some(Attachment::new("todistus.pdf"));
    assert_eq!(application.complete(when), Ok(Stage::Complete));
}

#[test]
fn the_form_is_editable_until_completion_only() {
    for stage in Stage::ALL {
        let mut application = application_at(stage);
        assert_eq!(
            application.form_mut().is_ok(),
            stage.is_editable(),
            "{stage}"
        );
    }
    assert!(Stage::Draft.is_editable());
    assert!(!Stage::Complete.is_editable());
}

#[test]
fn delivery_to_the_technical_contact_needs_one() {
    let mut form = server_form();
    form.technical_contact = None;
    let mut application = Application::new(form);
    let when = at(2026, 1, 12, 9, 0);
    application.submit(when).unwrap();
    application.complete(when).unwrap();
    let to_contact = Delivery::read(SERVER_PEM, Recipient::TechnicalContact).unwrap();
    assert_eq!(
        application.deliver(to_contact, when).unwrap_err(),
        TransitionError::NoTechnicalContact
    );
    application
        .deliver(delivery(), at(2026, 1, 15, 12, 0))
        .unwrap();
    let (recorded, delivered_at) = application.delivery().unwrap();
    assert_eq!(recorded.recipient(), Recipient::Applicant);
    assert_eq!(recorded.format(), DeliveryFormat::Pem);
    assert_eq!(delivered_at, at(2026, 1, 15, 12, 0));
}

// ---- deadlines ----

#[test]
fn delivery_is_due_five_workdays_after_completion() {
    let mut application = Application::new(server_form());
    assert_eq!(application.delivery_due(), Ok(None));
    // Completed Thursday 18 June 2026: Midsummer Eve (19 June) and the weekend are skipped.
    let completed = at(2026, 6, 18, 10, 0);
    application.submit(completed).unwrap();
    application.complete(completed).unwrap();
    assert_eq!(application.delivery_due(), Ok(Some(date(2026, 6, 26))));
    // Overdue from the day after, Helsinki time: 26 June 23:59 local is 20:59Z.
    assert_eq!(
        application.is_delivery_overdue(at(2026, 6, 26, 20, 59)),
        Ok(false)
    );
    assert_eq!(
        application.is_delivery_overdue(at(2026, 6, 26, 21, 0)),
        Ok(true)
    );
}

#[test]
fn completion_late_in_the_evening_counts_from_the_helsinki_date() {
    let mut application = Application::new(server_form());
    // 22:30Z on Thursday 2026-01-15 is 00:30 on Friday in Helsinki: due Friday 23 January
    // (from Thursday it would be Thursday 22 January).
    let completed = at(2026, 1, 15, 22, 30);
    application.submit(completed).unwrap();
    application.complete(completed).unwrap();
    assert_eq!(application.delivery_due(), Ok(Some(date(2026, 1, 23))));
}

#[test]
fn delivered_applications_are_not_overdue_but_report_lateness() {
    let mut application = Application::new(server_form());
    let completed = at(2026, 1, 12, 9, 0);
    application.submit(completed).unwrap();
    application.complete(completed).unwrap();
    assert_eq!(application.delivered_on_time(), Ok(None));
    application
        .deliver(delivery(), at(2026, 1, 20, 9, 0))
        .unwrap();
    assert_eq!(
        application.is_delivery_overdue(at(2026, 3, 1, 0, 0)),
        Ok(false)
    );
    assert_eq!(application.delivery_due(), Ok(Some(date(2026, 1, 19))));
    assert_eq!(application.delivered_on_time(), Ok(Some(false)));
}

#[test]
fn delivery_deadline_outside_the_calendar_is_an_error() {
    let mut application = Application::new(server_form());
    let completed = at(2199, 12, 30, 9, 0);
    application.submit(completed).unwrap();
    application.complete(completed).unwrap();
    let error = application.delivery_due().unwrap_err();
    assert!(
        matches!(error, DeadlineError::Workdays { completed_on, .. } if completed_on == date(2199, 12, 30))
    );
    // The cause is in `source()`, not repeated in the message.
    assert_eq!(
        error.to_string(),
        "cannot compute the delivery deadline of an application completed on 2199-12-30"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn expiry_comes_the_day_after_six_months_pending() {
    let mut application = Application::new(server_form());
    application.submit(at(2026, 1, 15, 9, 0)).unwrap();
    assert_eq!(application.pending_until(), Some(date(2026, 7, 15)));
    // 15 July 23:59:59 Helsinki (UTC+3) is 20:59:59Z: still pending.
    let last = at(2026, 7, 15, 20, 59) + Duration::seconds(59);
    assert!(!application.is_expiry_due(last));
    let error = application.expire(last).unwrap_err();
    assert_eq!(
        error,
        TransitionError::NotYetExpired {
            at: last,
            pending_until: date(2026, 7, 15)
        }
    );
    assert_eq!(
        error.to_string(),
        "cannot expire the application at 2026-07-15 20:59:59 UTC: it may stay pending until 2026-07-15"
    );
    let first = last + Duration::seconds(1);
    assert!(application.is_expiry_due(first));
    assert_eq!(application.expire(first), Ok(Stage::Expired));
    assert_eq!(application.pending_until(), None);
}

#[test]
fn six_months_are_clamped_to_the_end_of_the_month() {
    for (submitted, until) in [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 12, 31), date(2027, 6, 30)),
        (date(2026, 3, 31), date(2026, 9, 30)),
        (date(2026, 2, 28), date(2026, 8, 28)),
    ] {
        let mut application = Application::new(server_form());
        application
            .submit(Utc.from_utc_datetime(&submitted.and_hms_opt(9, 0, 0).unwrap()))
            .unwrap();
        assert_eq!(application.pending_until(), Some(until), "{submitted}");
    }
}

#[test]
fn resubmission_does_not_restart_the_six_months() {
    let mut application = application_at(Stage::Resubmitted);
    assert_eq!(application.submitted_at(), Some(at(2026, 1, 14, 9, 0)));
    assert_eq!(application.pending_until(), Some(date(2026, 7, 14)));
    assert!(!application.expire_if_due(at(2026, 7, 14, 20, 0)).unwrap());
    assert!(application.expire_if_due(at(2026, 7, 15, 0, 0)).unwrap());
}

#[test]
fn an_overdue_pending_application_must_expire_before_anything_else() {
    let mut application = application_at(Stage::Submitted);
    let late = at(2026, 8, 1, 9, 0);
    let error = application.complete(late).unwrap_err();
    assert_eq!(
        error,
        TransitionError::ExpiryDue {
            event: EventKind::Complete,
            at: late,
            pending_until: date(2026, 7, 14)
        }
    );
    assert_eq!(application.stage(), Stage::Submitted);
    assert_eq!(application.expire_if_due(late), Ok(true));
}

#[test]
fn drafts_and_complete_applications_never_expire() {
    for stage in [Stage::Draft, Stage::Complete, Stage::Delivered] {
        let mut application = application_at(stage);
        assert_eq!(application.pending_until(), None);
        assert!(!application.is_expiry_due(at(2040, 1, 1, 0, 0)));
        assert_eq!(application.expire_if_due(at(2040, 1, 1, 0, 0)), Ok(false));
        assert_eq!(application.stage(), stage);
    }
}

// ---- delivery ----

#[test]
fn delivery_reads_pem_and_der_and_records_the_format() {
    let pem = Delivery::read(SERVER_PEM, Recipient::Applicant).unwrap();
    assert_eq!(pem.format(), DeliveryFormat::Pem);
    let der = Delivery::read(pem.certificate().as_der(), Recipient::TechnicalContact).unwrap();
    assert_eq!(der.format(), DeliveryFormat::Der);
    assert_eq!(der.recipient(), Recipient::TechnicalContact);
    assert_eq!(der.certificate(), pem.certificate());
}

#[test]
fn delivery_of_other_than_one_certificate_is_refused() {
    let two = [SERVER_PEM, SIGNATURE_PEM].concat();
    let error = Delivery::read(&two, Recipient::Applicant).unwrap_err();
    assert_eq!(
        error,
        DeliveryError::CertificateCount {
            format: DeliveryFormat::Pem,
            count: 2
        }
    );
    assert_eq!(
        error.to_string(),
        "delivered pem file holds 2 certificates, expected exactly 1"
    );
    let error = Delivery::read(b"not a certificate", Recipient::Applicant).unwrap_err();
    assert!(matches!(
        error,
        DeliveryError::Read {
            format: DeliveryFormat::Der,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "delivered der file does not read as a certificate"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn the_certificate_answering_the_csr_matches_the_application() {
    let application = application_at(Stage::Delivered);
    let check = application.check_delivery(&Inspector::dvv()).unwrap();
    assert_eq!(check.codes(), Vec::<&str>::new(), "{:?}", check.findings);
    assert!(check.is_match());
    assert_eq!(check.report.profile(), Some(Profile::Server));

    let signature = signature_form();
    let check = signature.check_certificate(
        &cert(SIGNATURE_PEM),
        &Inspector::dvv(),
        at(2026, 1, 20, 9, 0),
    );
    assert_eq!(check.codes(), Vec::<&str>::new(), "{:?}", check.findings);
}

#[test]
fn another_certificate_is_reported_with_every_mismatch() {
    let form = server_form();
    let check = form.check_certificate(
        &cert(SIGNATURE_PEM),
        &Inspector::dvv(),
        at(2026, 1, 20, 9, 0),
    );
    assert_eq!(
        check.codes(),
        [
            "delivery.key-mismatch",
            "delivery.profile-mismatch",
            "delivery.name-missing"
        ]
    );
    assert!(!check.is_match());
    assert_eq!(
        check.findings[1].message,
        "applied for a server certificate, delivered a system-signature certificate"
    );
}

#[test]
fn unrequested_names_and_validity_are_checked() {
    let mut form = server_form();
    form.names.clear();
    form.csr = None;
    let check = form.check_certificate(&cert(SERVER_PEM), &Inspector::dvv(), at(2027, 2, 1, 0, 0));
    assert_eq!(
        check.codes(),
        [
            "delivery.no-request",
            "delivery.not-valid",
            "delivery.name-not-requested"
        ]
    );
    // The check reads the names the inspection read, and names them as data.
    use sote_certs::inspect::FindingValue;
    let unrequested = &check.findings[2];
    let names: Vec<FindingValue> = check
        .report
        .extensions
        .dns
        .iter()
        .map(|name| FindingValue::Name(name.clone()))
        .collect();
    assert_eq!(unrequested.value("name"), names.first());
    assert_eq!(
        check.findings[1].value("at"),
        Some(&FindingValue::Instant(check.report.at))
    );
    assert_eq!(check.report.at, at(2027, 2, 1, 0, 0));
}

#[test]
fn a_real_certificate_without_its_csr_does_not_match() {
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2023-12-12-dvv-g3e.pem").unwrap();
    let check =
        signature_form().check_certificate(&cert(&pem), &Inspector::dvv(), at(2024, 1, 10, 0, 0));
    assert_eq!(check.codes(), ["delivery.key-mismatch"]);
}

// ---- storage ----

#[cfg(feature = "serde")]
#[test]
fn applications_round_trip_through_json_at_every_stage() {
    for stage in Stage::ALL {
        let application = application_at(stage);
        let json = serde_json::to_string(&application).unwrap();
        let back: Application = serde_json::from_str(&json).unwrap();
        assert_eq!(back, application, "{stage}");
        assert_eq!(back.stage(), stage);
    }
}

#[cfg(feature = "serde")]
#[test]
fn stored_application_reads_as_text_identifiers_and_hex_der() {
    let application = application_at(Stage::Delivered);
    let value = serde_json::to_value(&application).unwrap();
    assert_eq!(value["form"]["organisation"]["business_id"], "1234567-1");
    assert_eq!(
        value["form"]["organisation"]["sote_register"],
        "1.2.246.10.12345671.10.1"
    );
    assert_eq!(value["form"]["profile"], "server");
    assert_eq!(
        value["form"]["names"][0],
        "palvelin.esimerkkiklinikka.example"
    );
    assert_eq!(value["history"][0]["event"]["event"], "submit");
    assert_eq!(value["history"][2]["event"]["event"], "deliver");
    assert_eq!(value["history"][2]["event"]["format"], "pem");
    let csr_hex = value["form"]["csr"].as_str().unwrap();
    assert!(csr_hex.starts_with("30"));
}

#[cfg(feature = "serde")]
#[test]
fn a_stored_history_that_breaks_the_rules_does_not_read() {
    let application = application_at(Stage::Complete);
    let mut value = serde_json::to_value(&application).unwrap();
    // Remove the CSR: the stored completion no longer replays.
    value["form"]["csr"] = serde_json::Value::Null;
    let error = serde_json::from_value::<Application>(value).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("stored history does not replay at step 1: cannot complete the application: missing certificate request (CSR)"),
        "{error}"
    );
    let mut value = serde_json::to_value(application_at(Stage::Submitted)).unwrap();
    value["form"]["organisation"]["business_id"] = "1234567-2".into();
    assert!(serde_json::from_value::<Application>(value).is_err());
}

// ---- random event sequences ----

#[derive(Clone, Debug)]
enum Op {
    Event(EventKind, Recipient),
    AttachCsr,
    DetachCsr,
    DropContact,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (
            prop::sample::select(EventKind::ALL.to_vec()),
            prop::sample::select(vec![Recipient::Applicant, Recipient::TechnicalContact])
        )
            .prop_map(|(kind, recipient)| Op::Event(kind, recipient)),
        1 => Just(Op::AttachCsr),
        1 => Just(Op::DetachCsr),
        1 => Just(Op::DropContact),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random events at random (sometimes backwards) instants: no panic, every accepted event
    /// follows the table, a refused one changes nothing, and a terminal stage is never left.
    #[test]
    fn random_event_sequences_never_leave_a_terminal_stage(
        steps in prop::collection::vec((op(), -86_400i64..40 * 86_400), 0..40),
    ) {
        let server = delivery();
        let mut application = Application::new(server_form());
        let mut when = at(2026, 1, 5, 8, 0);
        let mut terminal: Option<Stage> = None;
        let mut accepted = 0usize;
        for (op, seconds) in steps {
            when += Duration::seconds(seconds);
            let before = application.clone();
            let stage = application.stage();
            match op {
                Op::Event(kind, recipient) => {
                    let event = match kind {
                        EventKind::Deliver => Event::Deliver(Delivery::new(
                            server.certificate().clone(),
                            DeliveryFormat::Der,
                            recipient,
                        )),
                        other => event_of(other),
                    };
                    match application.apply(event, when) {
                        Ok(next) => {
                            prop_assert_eq!(stage.after(kind), Some(next));
                            prop_assert!(!stage.is_terminal());
                            prop_assert_eq!(application.stage(), next);
                            accepted += 1;
                        }
                        Err(_) => prop_assert_eq!(&application, &before),
                    }
                }
                Op::AttachCsr | Op::DetachCsr | Op::DropContact => {
                    match application.form_mut() {
                        Ok(form) => {
                            prop_assert!(stage.is_editable());
                            match op {
                                Op::AttachCsr => form.csr = Some(csr(SERVER_CSR)),
                                Op::DetachCsr => form.csr = None,
                                _ => form.technical_contact = None,
                            }
                        }
                        Err(error) => {
                            prop_assert!(!stage.is_editable());
                            prop_assert_eq!(error, TransitionError::NotEditable { stage });
                        }
                    }
                }
            }
            if let Some(terminal) = terminal {
                prop_assert_eq!(application.stage(), terminal);
            }
            if application.stage().is_terminal() {
                terminal = Some(application.stage());
            }
            prop_assert_eq!(application.history().len(), accepted);
            prop_assert!(application.history().windows(2).all(|w| w[0].at <= w[1].at));
        }
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&application).unwrap();
            let back: Application = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, application);
        }
    }
}

#[test]
fn a_delivered_certificate_with_inspection_errors_does_not_conform() {
    use sote_certs::profile::{Criticality, KeyUsageBits, KeyUsageRule, ProfileSpec};
    // An adjusted server profile that requires dataEncipherment, which the certificate lacks.
    let required = KeyUsageBits::DIGITAL_SIGNATURE.union(KeyUsageBits::DATA_ENCIPHERMENT);
    let allowed = required.union(KeyUsageBits::KEY_ENCIPHERMENT);
    let spec = ProfileSpec::dvv(Profile::Server)
        .with_key_usage(KeyUsageRule::new(required, allowed, Criticality::Required).unwrap());
    let mut inspector = Inspector::dvv();
    inspector.set_spec(spec);
    let check =
        server_form().check_certificate(&cert(SERVER_PEM), &inspector, at(2026, 1, 20, 9, 0));
    assert_eq!(
        check.codes(),
        ["delivery.not-conforming"],
        "{:?}",
        check.findings
    );
    assert!(!check.is_match());
    let finding = &check.findings[0];
    assert_eq!(
        finding.message,
        "the inspection found errors: key-usage.mismatch"
    );
    assert_eq!(
        finding.value("rule"),
        Some(&sote_certs::inspect::FindingValue::Text(
            "key-usage.mismatch".to_owned()
        ))
    );
}
