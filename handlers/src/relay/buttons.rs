//! The 社情民意 buttons' callback data (`s:…`), decoded with errors: it comes back from
//! the client, so every id in it is authorised again on use.

use super::super::callback::BadCallback;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayButton {
    /// /start's 「反映社情民意」: begin a report.
    Begin,
    /// The report dialogue: a category (index into the active list).
    Category(u8),
    /// The report dialogue: no (more) photos or location.
    FilesDone,
    /// The report dialogue: appear named (true) or anonymous.
    Named(bool),
    /// The report dialogue: keep my name (true) or not.
    Consent(bool),
    /// The report dialogue: store it.
    Submit,
    /// The liaison's queue.
    Queue,
    /// One report in the queue.
    View { id: i64 },
    /// Forward a report to a department.
    Forward { id: i64, department: i64 },
    /// Close a report with a reason (index into [`CloseReason::ALL`]).
    Close { id: i64, reason: u8 },
}

impl RelayButton {
    pub fn encode(self) -> String {
        match self {
            RelayButton::Begin => "s:b".into(),
            RelayButton::Category(i) => format!("s:c:{i}"),
            RelayButton::FilesDone => "s:f".into(),
            RelayButton::Named(n) => format!("s:n:{}", u8::from(n)),
            RelayButton::Consent(c) => format!("s:k:{}", u8::from(c)),
            RelayButton::Submit => "s:ok".into(),
            RelayButton::Queue => "s:q".into(),
            RelayButton::View { id } => format!("s:v:{id}"),
            RelayButton::Forward { id, department } => format!("s:fw:{id}:{department}"),
            RelayButton::Close { id, reason } => format!("s:x:{id}:{reason}"),
        }
    }

    /// The parts after `s`.
    pub fn decode(parts: &[&str]) -> Result<RelayButton, BadCallback> {
        fn id(s: &str) -> Result<i64, BadCallback> {
            s.parse::<i64>().ok().filter(|n| *n > 0).ok_or(BadCallback)
        }
        fn small(s: &str) -> Result<u8, BadCallback> {
            s.parse().map_err(|_| BadCallback)
        }
        fn flag(s: &str) -> Result<bool, BadCallback> {
            match s {
                "1" => Ok(true),
                "0" => Ok(false),
                _ => Err(BadCallback),
            }
        }
        Ok(match parts {
            ["b"] => RelayButton::Begin,
            ["c", i] => RelayButton::Category(small(i)?),
            ["f"] => RelayButton::FilesDone,
            ["n", n] => RelayButton::Named(flag(n)?),
            ["k", k] => RelayButton::Consent(flag(k)?),
            ["ok"] => RelayButton::Submit,
            ["q"] => RelayButton::Queue,
            ["v", i] => RelayButton::View { id: id(i)? },
            ["fw", i, d] => RelayButton::Forward {
                id: id(i)?,
                department: id(d)?,
            },
            ["x", i, r] => RelayButton::Close {
                id: id(i)?,
                reason: small(r)?,
            },
            _ => return Err(BadCallback),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_64_bytes_and_refuses_anything_else() {
        let all = [
            RelayButton::Begin,
            RelayButton::Category(u8::MAX),
            RelayButton::FilesDone,
            RelayButton::Named(true),
            RelayButton::Consent(false),
            RelayButton::Submit,
            RelayButton::Queue,
            RelayButton::View { id: i64::MAX },
            RelayButton::Forward {
                id: i64::MAX,
                department: i64::MAX,
            },
            RelayButton::Close {
                id: i64::MAX,
                reason: u8::MAX,
            },
        ];
        for b in all {
            let data = b.encode();
            assert!(data.len() <= 64, "{data}");
            let parts: Vec<&str> = data.split(':').collect();
            assert_eq!(parts[0], "s");
            assert_eq!(RelayButton::decode(&parts[1..]), Ok(b));
        }
        for bad in [
            &["v", "-1"][..],
            &["fw", "1"],
            &["c", "999"],
            &["zz"],
            &["n", "2"],
        ] {
            assert!(RelayButton::decode(bad).is_err(), "{bad:?}");
        }
    }
}
