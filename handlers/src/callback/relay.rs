//! The 社情民意 buttons' callback data (`s:…`), decoded with errors: it comes back from
//! the client, so every id in it is authorised again on use.

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
    /// Re-categorise a report: the categories to choose from.
    Recategorise { id: i64 },
    /// Re-categorise a report into a category (index into the whole list, retired
    /// ones included: it only grows, so an index stays the same category).
    SetCategory { id: i64, index: u8 },
    /// Merge a report as a duplicate: the reports it may be merged into.
    MergeChoose { id: i64 },
    /// Merge report `id` into report `into`.
    Merge { id: i64, into: i64 },
    /// Record an answer received by phone or letter: first how it came (index into
    /// [`consult_domain::relay::AnswerVia::RECORDED`]), then the outcome (index into [`consult_domain::relay::RelayOutcome::ALL`]),
    /// then the answer's text is asked for.
    Answer {
        id: i64,
        via: Option<u8>,
        outcome: Option<u8>,
    },
    /// /stats: the relay's figures.
    Figures,
    /// /categories: retire (false) or restore (true) a category (index into the whole
    /// list).
    CategoryActive { index: u8, active: bool },
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
            RelayButton::Recategorise { id } => format!("s:rc:{id}"),
            RelayButton::SetCategory { id, index } => format!("s:rs:{id}:{index}"),
            RelayButton::MergeChoose { id } => format!("s:mc:{id}"),
            RelayButton::Merge { id, into } => format!("s:m:{id}:{into}"),
            RelayButton::Answer { id, via, outcome } => match (via, outcome) {
                (Some(v), Some(o)) => format!("s:a:{id}:{v}:{o}"),
                (Some(v), None) => format!("s:a:{id}:{v}"),
                _ => format!("s:a:{id}"),
            },
            RelayButton::Figures => "s:st".into(),
            RelayButton::CategoryActive { index, active } => {
                format!("s:ca:{index}:{}", u8::from(active))
            }
        }
    }

    /// The parts after `s`.
    pub fn decode(parts: &[&str]) -> Option<RelayButton> {
        fn id(s: &str) -> Option<i64> {
            s.parse::<i64>().ok().filter(|n| *n > 0)
        }
        fn small(s: &str) -> Option<u8> {
            s.parse().ok()
        }
        fn flag(s: &str) -> Option<bool> {
            match s {
                "1" => Some(true),
                "0" => Some(false),
                _ => None,
            }
        }
        Some(match parts {
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
            ["rc", i] => RelayButton::Recategorise { id: id(i)? },
            ["rs", i, c] => RelayButton::SetCategory {
                id: id(i)?,
                index: small(c)?,
            },
            ["mc", i] => RelayButton::MergeChoose { id: id(i)? },
            ["m", i, into] => RelayButton::Merge {
                id: id(i)?,
                into: id(into)?,
            },
            ["a", i] => RelayButton::Answer {
                id: id(i)?,
                via: None,
                outcome: None,
            },
            ["a", i, v] => RelayButton::Answer {
                id: id(i)?,
                via: Some(small(v)?),
                outcome: None,
            },
            ["a", i, v, o] => RelayButton::Answer {
                id: id(i)?,
                via: Some(small(v)?),
                outcome: Some(small(o)?),
            },
            ["st"] => RelayButton::Figures,
            ["ca", i, a] => RelayButton::CategoryActive {
                index: small(i)?,
                active: flag(a)?,
            },
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
            RelayButton::Recategorise { id: i64::MAX },
            RelayButton::SetCategory {
                id: i64::MAX,
                index: u8::MAX,
            },
            RelayButton::MergeChoose { id: i64::MAX },
            RelayButton::Merge {
                id: i64::MAX,
                into: i64::MAX,
            },
            RelayButton::Answer {
                id: i64::MAX,
                via: None,
                outcome: None,
            },
            RelayButton::Answer {
                id: i64::MAX,
                via: Some(u8::MAX),
                outcome: None,
            },
            RelayButton::Answer {
                id: i64::MAX,
                via: Some(u8::MAX),
                outcome: Some(u8::MAX),
            },
            RelayButton::Figures,
            RelayButton::CategoryActive {
                index: u8::MAX,
                active: true,
            },
        ];
        for b in all {
            let data = b.encode();
            assert!(data.len() <= 64, "{data}");
            let parts: Vec<&str> = data.split(':').collect();
            assert_eq!(parts[0], "s");
            assert_eq!(RelayButton::decode(&parts[1..]), Some(b));
        }
        for bad in [
            &["v", "-1"][..],
            &["fw", "1"],
            &["c", "999"],
            &["zz"],
            &["n", "2"],
            &["m", "1", "0"],
            &["a", "1", "x"],
            &["ca", "1", "2"],
        ] {
            assert!(RelayButton::decode(bad).is_none(), "{bad:?}");
        }
    }
}
