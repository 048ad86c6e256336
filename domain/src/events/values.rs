//! The coded values of a 普法活动: its kind, where it stands, where a sign-up stands,
//! which channel it came by and how a person was checked in. Stored as short codes
//! and read back with [`TryFrom<&str>`] (an unknown code is an error, never a
//! default); each names its words in `locales/`.

use crate::values::coded;

coded! {
    /// What kind of event it is, as the city counts them.
    EventKind("event kind") {
        /// 讲座.
        Lecture = "lecture", "event-kind-lecture";
        /// 法律咨询: lawyers answer residents' questions.
        Consultation = "consultation", "event-kind-consultation";
        /// 文艺演出: a performance with a legal theme.
        Performance = "performance", "event-kind-performance";
        /// 其他.
        Other = "other", "event-kind-other";
    }
}

coded! {
    /// Where an event stands. Past or not is a matter of its times, not of a status.
    EventStatus("event status") {
        /// Announced and going ahead (已发布).
        Scheduled = "scheduled", "event-status-scheduled";
        /// Called off; the people signed up were told (已取消).
        Cancelled = "cancelled", "event-status-cancelled";
    }
}

coded! {
    /// Where one person's sign-up stands.
    SignupStatus("sign-up status") {
        /// Has a seat (已报名).
        Confirmed = "confirmed", "event-signup-confirmed";
        /// On the waiting list; moves up when a seat is freed (候补).
        Waiting = "waiting", "event-signup-waiting";
        /// Given up by the person, or ended by the event's cancellation (已取消).
        Cancelled = "cancelled", "event-signup-cancelled";
    }
}

impl SignupStatus {
    /// Whether the sign-up still holds (a seat or a place in the queue).
    pub fn active(self) -> bool {
        matches!(self, SignupStatus::Confirmed | SignupStatus::Waiting)
    }
}

coded! {
    /// Where a sign-up came from.
    SignupChannel("sign-up channel") {
        Chat = "chat", "event-channel-chat";
        Web = "web", "event-channel-web";
    }
}

coded! {
    /// How a person came to be counted present.
    CheckinBy("check-in way") {
        /// They scanned the venue's QR code or sent its code to the bot.
        Code = "code", "event-checkin-by-code";
        /// A member of staff marked them present.
        Staff = "staff", "event-checkin-by-staff";
    }
}
