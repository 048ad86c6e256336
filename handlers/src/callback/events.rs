//! The 普法活动 buttons' callback data (`ev:…`), decoded with errors: it comes back
//! from the client, so every id in it is authorised again on use.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventButton {
    /// /events: the list of events to come.
    List,
    /// One event, with the person's sign-up (and, for staff, the staff's buttons).
    View { id: i64 },
    /// 「报名」: one press.
    SignUp { id: i64 },
    /// 「取消报名」.
    Withdraw { id: i64 },
    /// Staff: make the check-in code (and its QR) to show at the venue.
    Code { id: i64 },
    /// Staff: who signed up, a button each to mark them present.
    Roster { id: i64 },
    /// Staff: mark a sign-up present (true) or not.
    Present { signup: i64, present: bool },
    /// Staff: call the event off (asks first).
    Cancel { id: i64 },
    /// Staff: yes, call it off.
    CancelConfirm { id: i64 },
    /// /newevent: the contact point (an admin's choice; None: city-wide).
    Point(Option<i64>),
    /// /newevent: the kind (index into [`consult_domain::events::EventKind::ALL`]).
    Kind(u8),
    /// /newevent: skip an optional step.
    Skip,
    /// /newevent: publish it.
    Publish,
}

impl EventButton {
    pub fn encode(self) -> String {
        match self {
            EventButton::List => "ev:l".into(),
            EventButton::View { id } => format!("ev:v:{id}"),
            EventButton::SignUp { id } => format!("ev:s:{id}"),
            EventButton::Withdraw { id } => format!("ev:w:{id}"),
            EventButton::Code { id } => format!("ev:c:{id}"),
            EventButton::Roster { id } => format!("ev:r:{id}"),
            EventButton::Present { signup, present } => {
                format!("ev:p:{signup}:{}", u8::from(present))
            }
            EventButton::Cancel { id } => format!("ev:x:{id}"),
            EventButton::CancelConfirm { id } => format!("ev:xx:{id}"),
            EventButton::Point(Some(p)) => format!("ev:dp:{p}"),
            EventButton::Point(None) => "ev:dp:all".into(),
            EventButton::Kind(i) => format!("ev:dk:{i}"),
            EventButton::Skip => "ev:ds".into(),
            EventButton::Publish => "ev:dok".into(),
        }
    }

    /// The parts after `ev`.
    pub fn decode(parts: &[&str]) -> Option<EventButton> {
        fn id(s: &str) -> Option<i64> {
            s.parse::<i64>().ok().filter(|n| *n > 0)
        }
        Some(match parts {
            ["l"] => EventButton::List,
            ["v", i] => EventButton::View { id: id(i)? },
            ["s", i] => EventButton::SignUp { id: id(i)? },
            ["w", i] => EventButton::Withdraw { id: id(i)? },
            ["c", i] => EventButton::Code { id: id(i)? },
            ["r", i] => EventButton::Roster { id: id(i)? },
            ["p", s, flag] => EventButton::Present {
                signup: id(s)?,
                present: match *flag {
                    "1" => true,
                    "0" => false,
                    _ => return None,
                },
            },
            ["x", i] => EventButton::Cancel { id: id(i)? },
            ["xx", i] => EventButton::CancelConfirm { id: id(i)? },
            ["dp", "all"] => EventButton::Point(None),
            ["dp", p] => EventButton::Point(Some(id(p)?)),
            ["dk", i] => EventButton::Kind(i.parse().ok()?),
            ["ds"] => EventButton::Skip,
            ["dok"] => EventButton::Publish,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_64_bytes_and_refuses_anything_else() {
        let all = [
            EventButton::List,
            EventButton::View { id: i64::MAX },
            EventButton::SignUp { id: i64::MAX },
            EventButton::Withdraw { id: 1 },
            EventButton::Code { id: 2 },
            EventButton::Roster { id: 3 },
            EventButton::Present {
                signup: i64::MAX,
                present: true,
            },
            EventButton::Cancel { id: 4 },
            EventButton::CancelConfirm { id: 5 },
            EventButton::Point(Some(6)),
            EventButton::Point(None),
            EventButton::Kind(u8::MAX),
            EventButton::Skip,
            EventButton::Publish,
        ];
        for b in all {
            let data = b.encode();
            assert!(data.len() <= 64, "{data}");
            let parts: Vec<&str> = data.split(':').collect();
            assert_eq!(parts[0], "ev");
            assert_eq!(EventButton::decode(&parts[1..]), Some(b));
        }
        for bad in [
            &["v", "-1"][..],
            &["p", "1"],
            &["p", "1", "2"],
            &["dk", "999"],
            &["zz"],
            &["dp", "x"],
        ] {
            assert!(EventButton::decode(bad).is_none(), "{bad:?}");
        }
    }
}
