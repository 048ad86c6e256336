//! Callback data: what a button means, in at most 64 bytes. It comes back from the
//! client, so it is decoded with errors and whatever it asks is authorised again.
//! A feature whose buttons are many has its codec in a file of its own here
//! ([`relay`], [`events`]); nothing in this module names a feature's handlers.

mod events;
mod relay;

pub use events::EventButton;
pub use relay::RelayButton;

use consult_domain::{
    decisions::Outcome,
    opinions::{Identity, Stance},
    people::Locale,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    /// Choose the language to be spoken to in.
    Lang(Locale),
    /// The list of consultations open for comment.
    Consultations,
    /// One consultation's overview.
    Consultation { id: i64 },
    /// A page of the article list of a version, within a chapter (index into the
    /// draft's divisions) or of the whole draft.
    Articles {
        id: i64,
        version: i32,
        chapter: Option<u16>,
        page: u16,
    },
    /// One article's full text (index into the version's articles).
    Article { id: i64, version: i32, index: u16 },
    /// Draft intake: use the title the parser found.
    UseTitle,
    /// Draft intake: all contact points.
    ScopeAll,
    /// /forget: erase my personal data. Carries when the question was asked (Unix
    /// seconds), so that a confirmation left lying around for long goes stale.
    ForgetConfirm { asked: i64 },
    /// /forget: keep everything.
    ForgetCancel,
    /// Start an opinion on a consultation's version, on one article (index) or not yet chosen.
    Opine {
        id: i64,
        version: i32,
        index: Option<u16>,
    },
    /// /mine: change the text of one's own opinion.
    EditOpinion { id: i64 },
    /// /mine: withdraw one's own opinion.
    WithdrawOpinion { id: i64 },
    /// A step of the opinion dialogue.
    Opinion(OpinionButton),
    /// 社情民意: a step of the /report dialogue, or the liaison's triage.
    Relay(RelayButton),
    /// 普法活动: a resident's sign-up, the staff's buttons, a step of /newevent.
    Event(EventButton),
    /// A prompt's answer option, pressed in a group (index into its options).
    Vote { prompt: i64, option: u8 },
    /// /prompt: send the draft prompt to all groups in scope (None) or one group.
    PromptTarget { prompt: i64, chat: Option<i64> },
    /// /prompt: do not send the draft prompt.
    PromptCancel { prompt: i64 },
    /// Held group replies: keep them as opinions (and whether they may be quoted).
    HeldConfirm { quote: bool },
    /// Held group replies: erase them.
    HeldDiscard,
    /// A step of the offline-entry dialogue (/record).
    Record(RecordButton),
    /// FAQ: show an entry (a related question, a suggestion).
    Faq { id: i64 },
    /// /unanswered: an admin answers a logged question (authorised again when pressed).
    FaqAnswer { id: i64 },
    /// /unanswered: an admin sets a logged question aside.
    FaqDismiss { id: i64 },
    /// /review: the consultations with counts by status.
    ReviewList,
    /// /review: one opinion of a consultation's queue.
    ReviewView { consultation: i64, view: ReviewView },
    /// /review: an action on an opinion (authorised again when pressed).
    ReviewAct {
        opinion: i64,
        act: ReviewAct,
        view: ReviewView,
    },
    /// /review: mark an opinion a duplicate of another (authorised again when pressed).
    ReviewDuplicate {
        opinion: i64,
        of: i64,
        view: ReviewView,
    },
    /// Decisions, feedback release and conclusion (authorised again when pressed).
    Decision(DecisionButton),
    /// /stats: one consultation's statistics and chart (authorised again when pressed).
    Stats { consultation: i64 },
    /// /stats: the contact-point assessment for this month, quarter or year.
    Assessment(consult_domain::assessment::Relative),
}

/// Where a reviewer is in a consultation's queue: the filters and the position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewView {
    /// Only opinions still to be handled.
    pub pending: bool,
    /// None: every article; Some(None): the whole draft; Some(Some(n)): article n.
    pub article: Option<Option<i32>>,
    pub index: u16,
}

impl ReviewView {
    fn encode(self) -> String {
        let article = match self.article {
            None => "-".to_owned(),
            Some(None) => "w".to_owned(),
            Some(Some(n)) => n.to_string(),
        };
        let s = if self.pending { "p" } else { "a" };
        format!("{s}:{article}:{}", self.index)
    }

    fn decode(parts: &[&str]) -> Result<Self, BadCallback> {
        let [s, article, index] = parts else {
            return Err(BadCallback);
        };
        let pending = match *s {
            "p" => true,
            "a" => false,
            _ => return Err(BadCallback),
        };
        let article = match *article {
            "-" => None,
            "w" => Some(None),
            n => Some(Some(
                n.parse::<i32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(BadCallback)?,
            )),
        };
        let index = index.parse().map_err(|_| BadCallback)?;
        Ok(Self {
            pending,
            article,
            index,
        })
    }
}

/// The buttons under an opinion in /review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAct {
    Reviewed,
    Forwarded,
    /// Show the similar opinions to choose from.
    Duplicate,
    /// Ask for the reason.
    Invalid,
    /// Ask for the note.
    Note,
    /// Re-send the attachments.
    Files,
}

impl ReviewAct {
    const ALL: [(ReviewAct, &'static str); 6] = [
        (ReviewAct::Reviewed, "r"),
        (ReviewAct::Forwarded, "f"),
        (ReviewAct::Duplicate, "d"),
        (ReviewAct::Invalid, "i"),
        (ReviewAct::Note, "n"),
        (ReviewAct::Files, "x"),
    ];

    fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("r", |(_, k)| k)
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, k)| *k == key).map(|(a, _)| *a)
    }
}

/// The buttons of the opinion dialogue. They act on the person's stored dialogue,
/// so they carry no ids: a button from a finished dialogue finds none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpinionButton {
    WholeDraft,
    Stance(Stance),
    Identity(Identity),
    /// Index into the consultation's occupation list.
    Occupation(u8),
    OccupationOther,
    SkipOccupation,
    ToggleDetails,
    ToggleQuote,
    ConsentDone,
    Submit,
    Edit,
    Cancel,
    Back,
    AttachmentsDone,
    SkipDistrict,
}

/// The buttons of the offline-entry dialogue (/record). Like the opinion dialogue's,
/// they act on the person's stored dialogue; only the consultation carries an id,
/// authorised again when pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordButton {
    /// County staff: the point a record is filed under.
    Point(i64),
    Consultation(i64),
    Channel(consult_domain::offline::Channel),
    WholeDraft,
    Stance(Stance),
    Skip,
    Save,
    Cancel,
    Back,
}

impl RecordButton {
    fn encode(self) -> String {
        match self {
            RecordButton::Point(id) => format!("xr:p:{id}"),
            RecordButton::Consultation(id) => format!("xr:c:{id}"),
            RecordButton::Channel(c) => format!("xr:h:{}", c.as_str()),
            RecordButton::WholeDraft => "xr:w".into(),
            RecordButton::Stance(s) => format!("xr:s:{}", s.as_str()),
            RecordButton::Skip => "xr:skip".into(),
            RecordButton::Save => "xr:ok".into(),
            RecordButton::Cancel => "xr:no".into(),
            RecordButton::Back => "xr:b".into(),
        }
    }

    /// The parts after "xr".
    fn decode(parts: &[&str]) -> Result<Self, BadCallback> {
        match parts {
            ["c", id] => id
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(RecordButton::Consultation)
                .ok_or(BadCallback),
            ["p", id] => id
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(RecordButton::Point)
                .ok_or(BadCallback),
            ["h", c] => consult_domain::offline::Channel::parse(c)
                .filter(|c| c.is_offline())
                .map(RecordButton::Channel)
                .ok_or(BadCallback),
            ["w"] => Ok(RecordButton::WholeDraft),
            ["s", s] => Stance::parse(s)
                .map(RecordButton::Stance)
                .ok_or(BadCallback),
            ["skip"] => Ok(RecordButton::Skip),
            ["ok"] => Ok(RecordButton::Save),
            ["no"] => Ok(RecordButton::Cancel),
            ["b"] => Ok(RecordButton::Back),
            _ => Err(BadCallback),
        }
    }
}

/// The buttons of decisions, releases and conclusions (callback data `dz:…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionButton {
    /// /review: 「处理决定」 under an opinion.
    Decide { opinion: i64 },
    /// An outcome for one opinion.
    OpinionOutcome { opinion: i64, outcome: Outcome },
    /// /decide: a consultation's articles.
    Consultation { id: i64 },
    /// /decide: an article (None: the whole draft).
    Article { id: i64, article: Option<i32> },
    /// An outcome for every eligible opinion on an article.
    ArticleOutcome {
        id: i64,
        article: Option<i32>,
        outcome: Outcome,
    },
    /// No summary words.
    SkipSummary,
    /// Apply the decision in the dialogue.
    Confirm,
    /// Drop the decision in the dialogue.
    Cancel,
    /// /release: the preview for a consultation.
    Release { id: i64 },
    /// /release: queue it.
    ReleaseConfirm { id: i64 },
    /// /conclude: the preview of the summary.
    Conclude { id: i64 },
    /// /conclude: conclude and post the summary.
    ConcludeConfirm { id: i64 },
}

fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::Adopted => "a",
        Outcome::Partly => "p",
        Outcome::NotAdopted => "n",
        Outcome::OutOfScope => "x",
        Outcome::Planned => "lp",
        Outcome::Research => "lr",
        Outcome::Deferred => "ld",
    }
}

fn outcome_from_key(k: &str) -> Result<Outcome, BadCallback> {
    Outcome::ALL
        .into_iter()
        .find(|o| outcome_key(*o) == k)
        .ok_or(BadCallback)
}

fn article_key(a: Option<i32>) -> String {
    a.map_or_else(|| "w".to_owned(), |n| n.to_string())
}

fn article_from_key(k: &str) -> Result<Option<i32>, BadCallback> {
    if k == "w" {
        return Ok(None);
    }
    k.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or(BadCallback)
}

impl DecisionButton {
    pub fn encode(self) -> String {
        match self {
            DecisionButton::Decide { opinion } => format!("dz:o:{opinion}"),
            DecisionButton::OpinionOutcome { opinion, outcome } => {
                format!("dz:oo:{opinion}:{}", outcome_key(outcome))
            }
            DecisionButton::Consultation { id } => format!("dz:c:{id}"),
            DecisionButton::Article { id, article } => {
                format!("dz:a:{id}:{}", article_key(article))
            }
            DecisionButton::ArticleOutcome {
                id,
                article,
                outcome,
            } => format!(
                "dz:ao:{id}:{}:{}",
                article_key(article),
                outcome_key(outcome)
            ),
            DecisionButton::SkipSummary => "dz:s".into(),
            DecisionButton::Confirm => "dz:y".into(),
            DecisionButton::Cancel => "dz:n".into(),
            DecisionButton::Release { id } => format!("dz:r:{id}"),
            DecisionButton::ReleaseConfirm { id } => format!("dz:ry:{id}"),
            DecisionButton::Conclude { id } => format!("dz:k:{id}"),
            DecisionButton::ConcludeConfirm { id } => format!("dz:ky:{id}"),
        }
    }

    /// The parts after `dz`.
    pub fn decode(parts: &[&str]) -> Result<Self, BadCallback> {
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0).ok_or(BadCallback);
        Ok(match parts {
            ["o", o] => DecisionButton::Decide { opinion: id(o)? },
            ["oo", o, k] => DecisionButton::OpinionOutcome {
                opinion: id(o)?,
                outcome: outcome_from_key(k)?,
            },
            ["c", c] => DecisionButton::Consultation { id: id(c)? },
            ["a", c, a] => DecisionButton::Article {
                id: id(c)?,
                article: article_from_key(a)?,
            },
            ["ao", c, a, k] => DecisionButton::ArticleOutcome {
                id: id(c)?,
                article: article_from_key(a)?,
                outcome: outcome_from_key(k)?,
            },
            ["s"] => DecisionButton::SkipSummary,
            ["y"] => DecisionButton::Confirm,
            ["n"] => DecisionButton::Cancel,
            ["r", c] => DecisionButton::Release { id: id(c)? },
            ["ry", c] => DecisionButton::ReleaseConfirm { id: id(c)? },
            ["k", c] => DecisionButton::Conclude { id: id(c)? },
            ["ky", c] => DecisionButton::ConcludeConfirm { id: id(c)? },
            _ => return Err(BadCallback),
        })
    }
}

/// Any callback data we did not produce (forged, or from an older version).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised callback data")]
pub struct BadCallback;

impl Callback {
    pub fn encode(self) -> String {
        match self {
            Callback::Lang(Locale::ZhCn) => "l:zh".into(),
            Callback::Lang(Locale::En) => "l:en".into(),
            Callback::Consultations => "cl".into(),
            Callback::Consultation { id } => format!("c:{id}"),
            Callback::Articles {
                id,
                version,
                chapter,
                page,
            } => {
                let chapter = chapter.map_or("-".to_owned(), |c| c.to_string());
                format!("h:{id}:{version}:{chapter}:{page}")
            }
            Callback::Article { id, version, index } => format!("a:{id}:{version}:{index}"),
            Callback::UseTitle => "dt".into(),
            Callback::ScopeAll => "ds".into(),
            Callback::ForgetConfirm { asked } => format!("f:y:{asked}"),
            Callback::ForgetCancel => "f:n".into(),
            Callback::Opine { id, version, index } => {
                let index = index.map_or("-".to_owned(), |i| i.to_string());
                format!("oa:{id}:{version}:{index}")
            }
            Callback::EditOpinion { id } => format!("me:{id}"),
            Callback::WithdrawOpinion { id } => format!("mw:{id}"),
            Callback::Vote { prompt, option } => format!("pv:{prompt}:{option}"),
            Callback::PromptTarget { prompt, chat } => match chat {
                Some(chat) => format!("pt:{prompt}:{chat}"),
                None => format!("pt:{prompt}:all"),
            },
            Callback::PromptCancel { prompt } => format!("pt:{prompt}:x"),
            Callback::HeldConfirm { quote } => format!("hc:{}", u8::from(quote)),
            Callback::HeldDiscard => "hc:x".into(),
            Callback::Record(b) => b.encode(),
            Callback::Relay(b) => b.encode(),
            Callback::Event(b) => b.encode(),
            Callback::Decision(b) => b.encode(),
            Callback::Faq { id } => format!("faq:{id}"),
            Callback::FaqAnswer { id } => format!("faqa:{id}"),
            Callback::FaqDismiss { id } => format!("faqx:{id}"),
            Callback::ReviewList => "rl".into(),
            Callback::ReviewView { consultation, view } => {
                format!("rv:{consultation}:{}", view.encode())
            }
            Callback::ReviewAct { opinion, act, view } => {
                format!("ra:{}:{opinion}:{}", act.key(), view.encode())
            }
            Callback::ReviewDuplicate { opinion, of, view } => {
                format!("rd:{opinion}:{of}:{}", view.encode())
            }
            Callback::Stats { consultation } => format!("st:c:{consultation}"),
            Callback::Assessment(r) => format!("st:p:{}", r.key()),
            Callback::Opinion(b) => match b {
                OpinionButton::WholeDraft => "ow".into(),
                OpinionButton::Stance(s) => format!("os:{}", s.as_str()),
                OpinionButton::Identity(i) => format!("oi:{}", i.as_str()),
                OpinionButton::Occupation(n) => format!("oo:{n}"),
                OpinionButton::OccupationOther => "oo:other".into(),
                OpinionButton::SkipOccupation => "oo:skip".into(),
                OpinionButton::ToggleDetails => "oc:d".into(),
                OpinionButton::ToggleQuote => "oc:q".into(),
                OpinionButton::ConsentDone => "oc:ok".into(),
                OpinionButton::Submit => "or:ok".into(),
                OpinionButton::Edit => "or:edit".into(),
                OpinionButton::Cancel => "or:no".into(),
                OpinionButton::Back => "ob".into(),
                OpinionButton::AttachmentsDone => "oz".into(),
                OpinionButton::SkipDistrict => "od:skip".into(),
            },
        }
    }

    pub fn decode(data: &str) -> Result<Self, BadCallback> {
        let parts: Vec<&str> = data.split(':').collect();
        let num = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or(BadCallback);
        let small = |s: &str| s.parse::<u16>().map_err(|_| BadCallback);
        let version = |s: &str| s.parse::<i32>().ok().filter(|v| *v > 0).ok_or(BadCallback);
        match parts.as_slice() {
            ["l", "zh"] => Ok(Callback::Lang(Locale::ZhCn)),
            ["l", "en"] => Ok(Callback::Lang(Locale::En)),
            ["cl"] => Ok(Callback::Consultations),
            ["c", id] => Ok(Callback::Consultation { id: num(id)? }),
            ["h", id, v, chapter, page] => Ok(Callback::Articles {
                id: num(id)?,
                version: version(v)?,
                chapter: if *chapter == "-" {
                    None
                } else {
                    Some(small(chapter)?)
                },
                page: small(page)?,
            }),
            ["a", id, v, index] => Ok(Callback::Article {
                id: num(id)?,
                version: version(v)?,
                index: small(index)?,
            }),
            ["dt"] => Ok(Callback::UseTitle),
            ["ds"] => Ok(Callback::ScopeAll),
            ["f", "y", asked] => Ok(Callback::ForgetConfirm { asked: num(asked)? }),
            ["f", "n"] => Ok(Callback::ForgetCancel),
            ["s", rest @ ..] => RelayButton::decode(rest)
                .map(Callback::Relay)
                .ok_or(BadCallback),
            ["ev", rest @ ..] => EventButton::decode(rest)
                .map(Callback::Event)
                .ok_or(BadCallback),
            ["oa", id, v, index] => Ok(Callback::Opine {
                id: num(id)?,
                version: version(v)?,
                index: if *index == "-" {
                    None
                } else {
                    Some(small(index)?)
                },
            }),
            ["ow"] => Ok(Callback::Opinion(OpinionButton::WholeDraft)),
            ["os", s] => Stance::parse(s)
                .map(|s| Callback::Opinion(OpinionButton::Stance(s)))
                .ok_or(BadCallback),
            ["oi", i] => Identity::parse(i)
                .map(|i| Callback::Opinion(OpinionButton::Identity(i)))
                .ok_or(BadCallback),
            ["oo", "other"] => Ok(Callback::Opinion(OpinionButton::OccupationOther)),
            ["oo", "skip"] => Ok(Callback::Opinion(OpinionButton::SkipOccupation)),
            ["oo", n] => n
                .parse()
                .map(|n| Callback::Opinion(OpinionButton::Occupation(n)))
                .map_err(|_| BadCallback),
            ["oc", "d"] => Ok(Callback::Opinion(OpinionButton::ToggleDetails)),
            ["oc", "q"] => Ok(Callback::Opinion(OpinionButton::ToggleQuote)),
            ["oc", "ok"] => Ok(Callback::Opinion(OpinionButton::ConsentDone)),
            ["or", "ok"] => Ok(Callback::Opinion(OpinionButton::Submit)),
            ["or", "edit"] => Ok(Callback::Opinion(OpinionButton::Edit)),
            ["or", "no"] => Ok(Callback::Opinion(OpinionButton::Cancel)),
            ["ob"] => Ok(Callback::Opinion(OpinionButton::Back)),
            ["oz"] => Ok(Callback::Opinion(OpinionButton::AttachmentsDone)),
            ["od", "skip"] => Ok(Callback::Opinion(OpinionButton::SkipDistrict)),
            ["me", id] => Ok(Callback::EditOpinion { id: num(id)? }),
            ["mw", id] => Ok(Callback::WithdrawOpinion { id: num(id)? }),
            ["pv", prompt, option] => Ok(Callback::Vote {
                prompt: num(prompt)?,
                option: option.parse().map_err(|_| BadCallback)?,
            }),
            ["pt", prompt, "all"] => Ok(Callback::PromptTarget {
                prompt: num(prompt)?,
                chat: None,
            }),
            ["pt", prompt, "x"] => Ok(Callback::PromptCancel {
                prompt: num(prompt)?,
            }),
            ["pt", prompt, chat] => Ok(Callback::PromptTarget {
                prompt: num(prompt)?,
                chat: Some(chat.parse().map_err(|_| BadCallback)?),
            }),
            ["hc", "1"] => Ok(Callback::HeldConfirm { quote: true }),
            ["hc", "0"] => Ok(Callback::HeldConfirm { quote: false }),
            ["hc", "x"] => Ok(Callback::HeldDiscard),
            ["xr", rest @ ..] => RecordButton::decode(rest).map(Callback::Record),
            ["dz", rest @ ..] => DecisionButton::decode(rest).map(Callback::Decision),
            ["faq", id] => Ok(Callback::Faq { id: num(id)? }),
            ["faqa", id] => Ok(Callback::FaqAnswer { id: num(id)? }),
            ["faqx", id] => Ok(Callback::FaqDismiss { id: num(id)? }),
            ["rl"] => Ok(Callback::ReviewList),
            ["rv", id, view @ ..] => Ok(Callback::ReviewView {
                consultation: num(id)?,
                view: ReviewView::decode(view)?,
            }),
            ["ra", act, id, view @ ..] => Ok(Callback::ReviewAct {
                opinion: num(id)?,
                act: ReviewAct::from_key(act).ok_or(BadCallback)?,
                view: ReviewView::decode(view)?,
            }),
            ["rd", id, of, view @ ..] => Ok(Callback::ReviewDuplicate {
                opinion: num(id)?,
                of: num(of)?,
                view: ReviewView::decode(view)?,
            }),
            ["st", "c", id] => Ok(Callback::Stats {
                consultation: num(id)?,
            }),
            ["st", "p", key] => consult_domain::assessment::Relative::from_key(key)
                .map(Callback::Assessment)
                .ok_or(BadCallback),
            _ => Err(BadCallback),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_64_bytes_and_refuses_anything_else() {
        let all = [
            Callback::Lang(Locale::ZhCn),
            Callback::Lang(Locale::En),
            Callback::Consultations,
            Callback::Consultation { id: i64::MAX },
            Callback::Articles {
                id: i64::MAX,
                version: i32::MAX,
                chapter: Some(u16::MAX),
                page: u16::MAX,
            },
            Callback::Articles {
                id: 1,
                version: 1,
                chapter: None,
                page: 0,
            },
            Callback::Article {
                id: i64::MAX,
                version: i32::MAX,
                index: u16::MAX,
            },
            Callback::UseTitle,
            Callback::ScopeAll,
            Callback::ForgetConfirm { asked: i64::MAX },
            Callback::ForgetConfirm { asked: 0 },
            Callback::ForgetCancel,
            Callback::Opine {
                id: i64::MAX,
                version: i32::MAX,
                index: Some(u16::MAX),
            },
            Callback::Opine {
                id: 1,
                version: 1,
                index: None,
            },
            Callback::Opinion(OpinionButton::Stance(Stance::Amend)),
            Callback::Opinion(OpinionButton::Identity(Identity::Organization)),
            Callback::Opinion(OpinionButton::Occupation(u8::MAX)),
            Callback::Opinion(OpinionButton::OccupationOther),
            Callback::Opinion(OpinionButton::Submit),
            Callback::Opinion(OpinionButton::Back),
            Callback::Opinion(OpinionButton::AttachmentsDone),
            Callback::Opinion(OpinionButton::SkipDistrict),
            Callback::EditOpinion { id: i64::MAX },
            Callback::WithdrawOpinion { id: 1 },
            Callback::Vote {
                prompt: i64::MAX,
                option: u8::MAX,
            },
            Callback::PromptTarget {
                prompt: i64::MAX,
                chat: Some(i64::MIN),
            },
            Callback::PromptTarget {
                prompt: 1,
                chat: None,
            },
            Callback::PromptCancel { prompt: i64::MAX },
            Callback::HeldConfirm { quote: true },
            Callback::HeldConfirm { quote: false },
            Callback::HeldDiscard,
            Callback::Record(RecordButton::Consultation(i64::MAX)),
            Callback::Record(RecordButton::Channel(
                consult_domain::offline::Channel::Hearing,
            )),
            Callback::Record(RecordButton::WholeDraft),
            Callback::Record(RecordButton::Stance(Stance::Amend)),
            Callback::Record(RecordButton::Skip),
            Callback::Record(RecordButton::Save),
            Callback::Record(RecordButton::Cancel),
            Callback::Record(RecordButton::Back),
            Callback::Faq { id: i64::MAX },
            Callback::FaqAnswer { id: 1 },
            Callback::FaqDismiss { id: i64::MAX },
            Callback::ReviewList,
            Callback::ReviewView {
                consultation: i64::MAX,
                view: ReviewView {
                    pending: true,
                    article: Some(Some(i32::MAX)),
                    index: u16::MAX,
                },
            },
            Callback::ReviewView {
                consultation: 1,
                view: ReviewView {
                    pending: false,
                    article: None,
                    index: 0,
                },
            },
            Callback::ReviewAct {
                opinion: i64::MAX,
                act: ReviewAct::Files,
                view: ReviewView {
                    pending: false,
                    article: Some(None),
                    index: u16::MAX,
                },
            },
            Callback::ReviewAct {
                opinion: 1,
                act: ReviewAct::Reviewed,
                view: ReviewView {
                    pending: true,
                    article: None,
                    index: 0,
                },
            },
            Callback::ReviewDuplicate {
                opinion: i64::MAX,
                of: i64::MAX,
                view: ReviewView {
                    pending: true,
                    article: Some(Some(i32::MAX)),
                    index: u16::MAX,
                },
            },
            Callback::Stats {
                consultation: i64::MAX,
            },
            Callback::Assessment(consult_domain::assessment::Relative::Quarter),
        ];
        for c in all {
            assert!(c.encode().len() <= 64, "{c:?}");
            assert_eq!(Callback::decode(&c.encode()), Ok(c));
        }
        for bad in [
            "",
            "l",
            "l:",
            "l:fr",
            "x:zh",
            "l:zh:extra",
            "\u{0}",
            "c:-1",
            "c:x",
            "a:1:0:1",
            "h:1:1:x:0",
            "a:1:1:70000",
            "f:y",
            "f:y:-5",
            "f:y:x",
            "f:n:1",
            "f:yes",
            "xr",
            "xr:c:0",
            "xr:c:-1",
            "xr:h:phone",
            "xr:s:maybe",
            "xr:ok:1",
            "pv:1",
            "pv:-1:0",
            "pv:1:256",
            "pv:1:x",
            "pt:1",
            "pt:1:y",
            "hc:2",
            "hc",
            "rl:1",
            "faq",
            "faq:-1",
            "faqa:x",
            "faqx:1:2",
            "rv:1",
            "rv:1:p:-",
            "rv:1:q:-:0",
            "rv:1:p:0:0",
            "rv:1:p:-5:0",
            "rv:-1:p:-:0",
            "ra:z:1:p:-:0",
            "ra:r:x:p:-:0",
            "rd:1:p:-:0",
            "rd:1:2:p:-:70000",
            "st",
            "st:c",
            "st:c:-1",
            "st:c:x",
            "st:p:w",
            "st:p:m:1",
        ] {
            assert_eq!(Callback::decode(bad), Err(BadCallback), "{bad:?}");
        }
    }

    #[test]
    fn decision_buttons_round_trip_within_64_bytes_and_forgeries_are_refused() {
        let all = [
            DecisionButton::Decide { opinion: i64::MAX },
            DecisionButton::OpinionOutcome {
                opinion: i64::MAX,
                outcome: Outcome::OutOfScope,
            },
            DecisionButton::Consultation { id: 1 },
            DecisionButton::Article {
                id: i64::MAX,
                article: Some(i32::MAX),
            },
            DecisionButton::Article {
                id: 1,
                article: None,
            },
            DecisionButton::ArticleOutcome {
                id: i64::MAX,
                article: Some(i32::MAX),
                outcome: Outcome::Partly,
            },
            DecisionButton::ArticleOutcome {
                id: 3,
                article: None,
                outcome: Outcome::Adopted,
            },
            DecisionButton::SkipSummary,
            DecisionButton::Confirm,
            DecisionButton::Cancel,
            DecisionButton::Release { id: i64::MAX },
            DecisionButton::ReleaseConfirm { id: 2 },
            DecisionButton::Conclude { id: 3 },
            DecisionButton::ConcludeConfirm { id: i64::MAX },
        ];
        for b in all {
            let data = Callback::Decision(b).encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::decode(&data), Ok(Callback::Decision(b)));
        }
        for bad in [
            "dz",
            "dz:o",
            "dz:o:0",
            "dz:o:-1",
            "dz:oo:1:z",
            "dz:oo:1",
            "dz:a:1:0",
            "dz:a:1:-3",
            "dz:ao:1:w",
            "dz:ao:1:w:q",
            "dz:y:1",
            "dz:r:x",
            "dz:ky",
            "dz:zz:1",
        ] {
            assert_eq!(Callback::decode(bad), Err(BadCallback), "{bad:?}");
        }
    }
}
