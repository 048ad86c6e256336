//! The coded values of a 社情民意 report: where it stands, how it ended, how an answer
//! arrived, which channel it came by and what happened to it step by step. Stored as
//! short codes and read back with [`TryFrom<&str>`] (an unknown code is an error,
//! never a default); each names its words in `locales/`.

use crate::values::coded;

coded! {
    /// Where a report stands. Every report starts received; the liaison forwards it
    /// (转办), merges it into another (a duplicate), or closes it with a reason; a
    /// forwarded report is answered by the department (or the liaison records the
    /// answer given by phone or letter).
    ReportStatus("report status") {
        /// Waiting for the liaison (待处理).
        Received = "received", "relay-status-received";
        /// Sent to a department, waiting for its answer (已转办).
        Forwarded = "forwarded", "relay-status-forwarded";
        /// The department answered (已答复).
        Answered = "answered", "relay-status-answered";
        /// Closed by the liaison without forwarding (已办结).
        Closed = "closed", "relay-status-closed";
        /// The same problem as another report, which carries it on (已合并).
        Merged = "merged", "relay-status-merged";
    }
}

impl ReportStatus {
    /// Whether the liaison still has something to do with it.
    pub fn open(self) -> bool {
        matches!(self, ReportStatus::Received | ReportStatus::Forwarded)
    }
}

coded! {
    /// What the department says came of it.
    RelayOutcome("relay outcome") {
        Resolved = "resolved", "relay-outcome-resolved";
        Partly = "partly", "relay-outcome-partly";
        NotResolved = "not_resolved", "relay-outcome-not-resolved";
        /// Not this department's business: the liaison may forward it elsewhere.
        NotOurs = "not_ours", "relay-outcome-not-ours";
    }
}

coded! {
    /// Why the liaison closed a report without forwarding it.
    CloseReason("close reason") {
        /// Not a matter for the contact point (不属于受理范围).
        OutOfScope = "out_of_scope", "relay-close-out-of-scope";
        /// Settled there and then (已当场解决).
        ResolvedOnSpot = "resolved_on_spot", "relay-close-resolved-on-spot";
        Other = "other", "relay-close-other";
    }
}

coded! {
    /// How an answer reached the ledger.
    AnswerVia("answer channel") {
        /// The department's one-time link.
        Link = "link", "relay-via-link";
        /// Recorded by the liaison from a phone call.
        Phone = "phone", "relay-via-phone";
        /// Recorded by the liaison from a letter.
        Letter = "letter", "relay-via-letter";
    }
}

impl AnswerVia {
    /// What a liaison records by hand (the link is the department's own).
    pub const RECORDED: [AnswerVia; 2] = [AnswerVia::Phone, AnswerVia::Letter];
}

coded! {
    /// Where the report was made.
    ReportChannel("report channel") {
        Chat = "chat", "relay-channel-chat";
        Web = "web", "relay-channel-web";
    }
}

coded! {
    /// One step of a report's history; the resident is told the public ones.
    EventKind("relay event") {
        Received = "received", "relay-event-received";
        Recategorised = "recategorised", "relay-event-recategorised";
        Merged = "merged", "relay-event-merged";
        Forwarded = "forwarded", "relay-event-forwarded";
        Answered = "answered", "relay-event-answered";
        Closed = "closed", "relay-event-closed";
        Reminded = "reminded", "relay-event-reminded";
        Escalated = "escalated", "relay-event-escalated";
    }
}

impl EventKind {
    /// Whether the resident hears of it (received, forwarded, answered, closed,
    /// merged); re-categorising and the liaison's reminders are internal.
    pub fn public(self) -> bool {
        matches!(
            self,
            EventKind::Received
                | EventKind::Merged
                | EventKind::Forwarded
                | EventKind::Answered
                | EventKind::Closed
        )
    }
}
