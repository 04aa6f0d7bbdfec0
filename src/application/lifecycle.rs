//! The application's life: stages, events and the errors of illegal transitions.

use core::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::Requirement;
use super::delivery::Delivery;
use crate::workdays::WorkdayError;

/// Where an application is in its life (DOMAIN §7).
///
/// | from | event | to |
/// |---|---|---|
/// | draft | submit | submitted |
/// | submitted, resubmitted | return for corrections | returned-for-corrections |
/// | returned-for-corrections | resubmit | resubmitted |
/// | submitted, resubmitted | complete (the CSR and every required attachment present) | complete |
/// | complete | deliver | delivered |
/// | submitted, returned-for-corrections, resubmitted | expire (pending more than six months) | expired |
///
/// [`Delivered`](Self::Delivered) and [`Expired`](Self::Expired) are terminal: no event leaves
/// them.
///
/// ```
/// use sote_certs::application::{EventKind, Stage};
///
/// assert_eq!(Stage::ReturnedForCorrections.after(EventKind::Resubmit), Some(Stage::Resubmitted));
/// assert_eq!(Stage::ReturnedForCorrections.after(EventKind::Complete), None);
/// assert!(EventKind::ALL.iter().all(|&event| Stage::Delivered.after(event).is_none()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum Stage {
    /// Being filled in; not yet sent to DVV.
    Draft,
    /// Sent to DVV, not yet complete.
    Submitted,
    /// DVV returned it for corrections.
    ReturnedForCorrections,
    /// Sent again after corrections, not yet complete.
    Resubmitted,
    /// Correctly filled in with the CSR and every required attachment: delivery is due within
    /// five workdays.
    Complete,
    /// The certificate was delivered. Terminal.
    Delivered,
    /// Pending more than six months while incomplete. Terminal.
    Expired,
}

impl Stage {
    /// The seven stages, in the order of the life.
    pub const ALL: [Stage; 7] = [
        Stage::Draft,
        Stage::Submitted,
        Stage::ReturnedForCorrections,
        Stage::Resubmitted,
        Stage::Complete,
        Stage::Delivered,
        Stage::Expired,
    ];

    /// The stable name: `"draft"`, `"submitted"`, `"returned-for-corrections"`,
    /// `"resubmitted"`, `"complete"`, `"delivered"` or `"expired"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Submitted => "submitted",
            Stage::ReturnedForCorrections => "returned-for-corrections",
            Stage::Resubmitted => "resubmitted",
            Stage::Complete => "complete",
            Stage::Delivered => "delivered",
            Stage::Expired => "expired",
        }
    }

    /// Whether no event leaves this stage ([`Delivered`](Self::Delivered),
    /// [`Expired`](Self::Expired)).
    pub fn is_terminal(self) -> bool {
        matches!(self, Stage::Delivered | Stage::Expired)
    }

    /// Whether the application is pending at DVV and not complete, so that it can expire
    /// ([`Submitted`](Self::Submitted), [`ReturnedForCorrections`](Self::ReturnedForCorrections),
    /// [`Resubmitted`](Self::Resubmitted)).
    pub fn is_pending_incomplete(self) -> bool {
        matches!(
            self,
            Stage::Submitted | Stage::ReturnedForCorrections | Stage::Resubmitted
        )
    }

    /// Whether the form may still be edited: before completion and not expired.
    pub fn is_editable(self) -> bool {
        self == Stage::Draft || self.is_pending_incomplete()
    }

    /// The stage `event` leads to from this one, if the transition exists (ignoring the
    /// conditions on time and content that [`Application::apply`](super::Application::apply)
    /// also checks).
    pub fn after(self, event: EventKind) -> Option<Stage> {
        match (self, event) {
            (Stage::Draft, EventKind::Submit) => Some(Stage::Submitted),
            (Stage::Submitted | Stage::Resubmitted, EventKind::ReturnForCorrections) => {
                Some(Stage::ReturnedForCorrections)
            }
            (Stage::ReturnedForCorrections, EventKind::Resubmit) => Some(Stage::Resubmitted),
            (Stage::Submitted | Stage::Resubmitted, EventKind::Complete) => Some(Stage::Complete),
            (Stage::Complete, EventKind::Deliver) => Some(Stage::Delivered),
            (stage, EventKind::Expire) if stage.is_pending_incomplete() => Some(Stage::Expired),
            _ => None,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something that happens to an application.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "event", rename_all = "kebab-case")
)]
pub enum Event {
    /// The applicant sends the draft to DVV.
    Submit,
    /// DVV returns the application for corrections.
    ReturnForCorrections {
        /// What DVV asks to correct.
        reason: String,
    },
    /// The applicant sends the corrected application again.
    Resubmit,
    /// DVV finds the application complete: correctly filled in, with the CSR and every required
    /// attachment.
    Complete,
    /// DVV delivers the certificate.
    Deliver(Delivery),
    /// The application expires after more than six months pending while incomplete.
    Expire,
}

impl Event {
    /// What kind of event this is.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Submit => EventKind::Submit,
            Event::ReturnForCorrections { .. } => EventKind::ReturnForCorrections,
            Event::Resubmit => EventKind::Resubmit,
            Event::Complete => EventKind::Complete,
            Event::Deliver(_) => EventKind::Deliver,
            Event::Expire => EventKind::Expire,
        }
    }
}

/// The kind of an [`Event`], without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// [`Event::Submit`].
    Submit,
    /// [`Event::ReturnForCorrections`].
    ReturnForCorrections,
    /// [`Event::Resubmit`].
    Resubmit,
    /// [`Event::Complete`].
    Complete,
    /// [`Event::Deliver`].
    Deliver,
    /// [`Event::Expire`].
    Expire,
}

impl EventKind {
    /// The six kinds.
    pub const ALL: [EventKind; 6] = [
        EventKind::Submit,
        EventKind::ReturnForCorrections,
        EventKind::Resubmit,
        EventKind::Complete,
        EventKind::Deliver,
        EventKind::Expire,
    ];

    /// The verb: `"submit"`, `"return for corrections"`, `"resubmit"`, `"complete"`,
    /// `"deliver"` or `"expire"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Submit => "submit",
            EventKind::ReturnForCorrections => "return for corrections",
            EventKind::Resubmit => "resubmit",
            EventKind::Complete => "complete",
            EventKind::Deliver => "deliver",
            EventKind::Expire => "expire",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One event of an application's history, with its instant.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Step {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub event: Event,
}

/// Why an event or an edit was refused. The application is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransitionError {
    /// The event does not apply in the current stage.
    #[error("cannot {event} an application that is {stage}")]
    Illegal {
        /// The event refused.
        event: EventKind,
        /// The application's stage.
        stage: Stage,
    },
    /// The event is dated before the application's previous event.
    #[error("cannot {event} at {at}: the previous event was at {previous}")]
    OutOfOrder {
        /// The event refused.
        event: EventKind,
        /// Its instant.
        at: DateTime<Utc>,
        /// The previous event's instant.
        previous: DateTime<Utc>,
    },
    /// Completion without the CSR or a required attachment.
    #[error("cannot complete the application: missing {}", Requirement::list(.missing))]
    Incomplete {
        /// What is missing, in [`Requirement`] order.
        missing: Vec<Requirement>,
    },
    /// Delivery to the technical contact of an application that names none.
    #[error("cannot deliver to the technical contact: the application names none")]
    NoTechnicalContact,
    /// Expiry before the application has been pending for more than six months.
    #[error("cannot expire the application at {at}: it may stay pending until {pending_until}")]
    NotYetExpired {
        /// The instant given.
        at: DateTime<Utc>,
        /// The last day it may stay pending (Helsinki).
        pending_until: NaiveDate,
    },
    /// An event other than expiry on an application that has been pending too long: it has
    /// expired and must be expired first.
    #[error(
        "cannot {event} at {at}: the application was pending until {pending_until} and has expired"
    )]
    ExpiryDue {
        /// The event refused.
        event: EventKind,
        /// Its instant.
        at: DateTime<Utc>,
        /// The last day it could stay pending (Helsinki).
        pending_until: NaiveDate,
    },
    /// An edit of the form after completion or expiry.
    #[error("cannot edit an application that is {stage}")]
    NotEditable {
        /// The application's stage.
        stage: Stage,
    },
    /// A stored history that does not replay.
    #[error("stored history does not replay at step {index}")]
    History {
        /// The step's index.
        index: usize,
        /// Why it was refused.
        source: Box<TransitionError>,
    },
}

/// Why a deadline could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeadlineError {
    /// The workday calendar does not cover the dates involved.
    #[error("cannot compute the delivery deadline of an application completed on {completed_on}")]
    Workdays {
        /// The Helsinki date of completion.
        completed_on: NaiveDate,
        /// The calendar's error.
        source: WorkdayError,
    },
}
