//! The figures of events: for one event, who signed up, who is waiting, who checked
//! in, the walk-ins and the people reached (惠及人次 = checked in + walk-ins); for many,
//! the same summed by contact point, by month and by kind — what /stats, the console,
//! the 普法活动台账 and the 考核 show. Computed from the rows, in one place, so that
//! every channel counts alike.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use super::{Event, EventKind, EventStatus};

/// One event's (or a group of events') counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Events (held or to be held; cancelled ones are not counted).
    pub events: i64,
    /// Sign-ups holding a seat.
    pub signed_up: i64,
    /// Sign-ups on the waiting list.
    pub waiting: i64,
    /// People checked in (by code or by staff).
    pub checked_in: i64,
    /// People who came without signing up, counted by the liaison.
    pub walk_ins: i64,
}

impl Counts {
    /// 惠及人次: the people the event reached.
    pub fn reached(&self) -> i64 {
        self.checked_in + self.walk_ins
    }

    fn add(&mut self, other: &Counts) {
        self.events += other.events;
        self.signed_up += other.signed_up;
        self.waiting += other.waiting;
        self.checked_in += other.checked_in;
        self.walk_ins += other.walk_ins;
    }
}

/// Events summed: in all, by contact point (None: city-wide), by month of the start
/// (`2026-12`, in the display zone) and by kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub total: Counts,
    pub by_point: BTreeMap<Option<i64>, Counts>,
    pub by_month: BTreeMap<String, Counts>,
    pub by_kind: BTreeMap<EventKind, Counts>,
}

/// The figures of `events`, each with its own counts; cancelled events count nothing.
pub fn figures(events: &[(Event, Counts)], tz: Tz) -> Figures {
    let mut f = Figures::default();
    for (e, c) in events
        .iter()
        .filter(|(e, _)| e.status != EventStatus::Cancelled)
    {
        let month = e.starts_at.with_timezone(&tz).format("%Y-%m").to_string();
        f.total.add(c);
        f.by_point.entry(e.point_id).or_default().add(c);
        f.by_month.entry(month).or_default().add(c);
        f.by_kind.entry(e.kind).or_default().add(c);
    }
    f
}
