//! The committee's decisions on opinions (采纳 / 部分采纳 / 未采纳 / 不属于本次征求范围,
//! with a reason), their release to the submitters as feedback, the list of submitters
//! who cannot be reached, and the conclusion of a consultation with its anonymised
//! summary (回音壁) for the groups.
//!
//! Rules, so that every submitter hears once what became of their opinion:
//! - Decisions are taken once the consultation is closed (or concluded: a correction);
//!   while it is open opinions may still change. Only admins decide (the handler checks).
//! - A withdrawn opinion gets no decision and no feedback. An opinion marked invalid
//!   (irrelevant or abusive) gets none either; to decide it, mark it 已阅 in /review
//!   first. A duplicate follows its original: a decision on an opinion (or on an
//!   article) also applies to the opinions marked as its duplicates, so each of their
//!   submitters hears the outcome; a duplicate may still be decided on its own.
//! - A decision changed in outcome or reason gets a new revision. Every revision is
//!   released at most once (`feedback` is keyed by opinion and revision, and the
//!   delivery by `feedback` + `<opinion>:<revision>` + chat), so releasing twice sends
//!   nothing new and a changed decision goes out again, as a correction. Changing only
//!   the summary words keeps the revision: submitters are not told again.
//! - A submitter is reachable when the opinion carries their Telegram id (not offline
//!   records, anonymous quick paths, or people who used /forget). The unreachable ones,
//!   and those whose feedback delivery failed (e.g. they blocked the bot), are listed
//!   for their liaison to tell in person.
//!
//! Every decision, release and conclusion is written with its audit entry in the same
//! transaction; feedback rows, their deliveries and the summary deliveries too.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, types::Json};

use crate::{
    Actor, Db, Error, UserId,
    announce::By,
    audit::{AuditEntry, record},
    consultations::{Consultation, State},
    db::{WritePool, on_pool},
    deliveries::OutMessage,
    error::Field,
    open_calls::Kind,
    opinions::{Opinion, Status},
    people::Locale,
};

/// What the committee decided about an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// 采纳
    Adopted,
    /// 部分采纳
    Partly,
    /// 未采纳
    NotAdopted,
    /// 不属于本次征求范围
    OutOfScope,
    /// 列入立法计划: a project suggestion taken into the legislative plan.
    Planned,
    /// 列入调研项目: a project suggestion to be studied first.
    Research,
    /// 暂不采纳: a project suggestion not taken up now.
    Deferred,
}

impl Outcome {
    /// Every outcome of either kind, for reading stored codes.
    pub const ALL: [Outcome; 7] = [
        Outcome::Adopted,
        Outcome::Partly,
        Outcome::NotAdopted,
        Outcome::OutOfScope,
        Outcome::Planned,
        Outcome::Research,
        Outcome::Deferred,
    ];

    /// The outcomes of an opinion on a draft, in button order.
    pub const OPINION: [Outcome; 4] = [
        Outcome::Adopted,
        Outcome::Partly,
        Outcome::NotAdopted,
        Outcome::OutOfScope,
    ];

    /// The outcomes of a project suggestion on an open call, in button order.
    pub const SUGGESTION: [Outcome; 3] = [Outcome::Planned, Outcome::Research, Outcome::Deferred];

    /// The outcomes a consultation of this kind decides between.
    pub fn for_kind(kind: Kind) -> &'static [Outcome] {
        match kind {
            Kind::Regulation => &Outcome::OPINION,
            Kind::OpenCall => &Outcome::SUGGESTION,
        }
    }

    /// The value stored in `decisions.outcome` (and used as a locale selector).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Partly => "partly",
            Outcome::NotAdopted => "not_adopted",
            Outcome::OutOfScope => "out_of_scope",
            Outcome::Planned => "planned",
            Outcome::Research => "research",
            Outcome::Deferred => "deferred",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// The id of the message in `locales/` that names this outcome in words.
    pub fn label_id(self) -> &'static str {
        match self {
            Outcome::Adopted => "decision-outcome-adopted",
            Outcome::Partly => "decision-outcome-partly",
            Outcome::NotAdopted => "decision-outcome-not-adopted",
            Outcome::OutOfScope => "decision-outcome-out-of-scope",
            Outcome::Planned => "decision-outcome-planned",
            Outcome::Research => "decision-outcome-research",
            Outcome::Deferred => "decision-outcome-deferred",
        }
    }

    /// Counted as adopted in the summary, statistics and the assessment: adopted or
    /// partly adopted; for a suggestion, taken up (into the plan or as research).
    pub fn is_adopted(self) -> bool {
        matches!(
            self,
            Outcome::Adopted | Outcome::Partly | Outcome::Planned | Outcome::Research
        )
    }
}

/// Longest reason, in characters: a paragraph a resident reads on a phone.
pub const REASON_MAX: usize = 500;
/// Longest summary words: one line of the 回音壁.
pub const SUMMARY_MAX: usize = 200;

fn text(raw: &str, max: usize) -> Result<String, Error> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > max || t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::Invalid(Field::DecisionText));
    }
    Ok(t.to_owned())
}

/// A decision's reason: 1–[`REASON_MAX`] characters.
pub fn reason(raw: &str) -> Result<String, Error> {
    text(raw, REASON_MAX)
}

/// The admin's own short words for the 回音壁: 1–[`SUMMARY_MAX`] characters, one line.
pub fn summary_words(raw: &str) -> Result<String, Error> {
    let t = text(raw, SUMMARY_MAX)?;
    if t.contains('\n') {
        return Err(Error::Invalid(Field::DecisionText));
    }
    Ok(t)
}

/// What a decision applies to: one opinion, or every eligible opinion on one article
/// of a consultation (None: the whole draft). Duplicates follow in both cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Opinion(i64),
    Article {
        consultation: i64,
        article: Option<i32>,
    },
}

/// A decision as taken (validated by [`reason`] and [`summary_words`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub outcome: Outcome,
    pub reason: String,
    /// None keeps the summary words already stored, if any.
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Decision {
    pub opinion_id: i64,
    outcome: String,
    pub reason: String,
    pub summary: Option<String>,
    pub revision: i32,
    pub decided_by: Option<UserId>,
    pub decided_at: DateTime<Utc>,
}

impl Decision {
    pub fn outcome(&self) -> Outcome {
        Outcome::parse(&self.outcome).unwrap_or(Outcome::NotAdopted)
    }
}

/// What [`Decisions::decide`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decided {
    /// Opinions the decision covers (the target and the duplicates that follow it).
    pub covered: usize,
    /// Opinions whose outcome or reason is new or changed (to be released).
    pub changed: usize,
    /// Of those, opinions that had an earlier decision.
    pub revised: usize,
}

/// An article of a consultation with its opinions, for choosing what to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCounts {
    /// None: the whole draft.
    pub article: Option<i32>,
    pub label: Option<String>,
    /// Opinions that may be decided (not withdrawn, not invalid).
    pub eligible: usize,
    /// Of those, how many have a decision.
    pub decided: usize,
}

/// May this opinion get a decision? (Not withdrawn, not marked invalid.)
pub fn eligible(o: &Opinion) -> bool {
    o.status.decidable()
}

/// One decision revision that has not been released yet.
#[derive(Debug, Clone)]
pub struct PendingFeedback {
    pub opinion: Opinion,
    pub decision: Decision,
    /// The outcome released earlier, when this is a correction of it.
    pub corrects: Option<Outcome>,
    /// The submitter's private chat; None: they cannot be reached in Telegram.
    pub chat: Option<i64>,
    /// The language the submitter chose, if they chose one.
    pub locale: Option<Locale>,
    /// The title of the project suggestion this opinion is, on an open call: the
    /// feedback names it instead of an article.
    pub suggestion: Option<String>,
}

/// What one release did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Released {
    /// Feedback messages queued (first releases and corrections).
    pub queued: usize,
    /// Of those, corrections.
    pub corrections: usize,
    /// Released revisions whose submitter cannot be reached (for the liaison).
    pub unreachable: usize,
}

/// Why a submitter did not hear of the decision through the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreachable {
    /// No Telegram id: offline records, anonymous quick paths, people who used /forget.
    NoChat,
    /// The delivery failed (e.g. `Forbidden: bot was blocked by the user`).
    Failed(String),
}

/// A submitter their liaison has to tell in person.
#[derive(Debug, Clone)]
pub struct Unreached {
    pub opinion: Opinion,
    pub outcome: Outcome,
    pub reason: String,
    pub revision: i32,
    pub why: Unreachable,
}

/// A released decision as its submitter reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub outcome: Outcome,
    pub reason: Option<String>,
}

/// An adopted point as the 回音壁 shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdoptedPoint {
    /// The article's label; None: the whole draft.
    pub article: Option<String>,
    pub outcome: Outcome,
    /// The submitter's words, where they allowed quoting (`consent_quote`).
    pub quote: Option<String>,
    /// Otherwise the admin's summary words, if any.
    pub words: Option<String>,
}

/// The numbers and adopted points of a consultation, for its 回音壁. Withdrawn and
/// invalid opinions are not counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Distinct submitters: each Telegram id once, and each opinion without one
    /// (offline, anonymous, forgotten) as one person.
    pub people: usize,
    pub opinions: usize,
    /// Opinions per contact point.
    pub by_point: HashMap<i64, usize>,
    /// Opinions adopted or partly adopted (duplicates included).
    pub adopted: usize,
    /// The adopted points, duplicates and repeats left out, in article order.
    pub points: Vec<AdoptedPoint>,
    /// Eligible opinions still without a decision.
    pub undecided: usize,
    /// Decision revisions not yet released.
    pub unreleased: usize,
}

/// One article's line of a concluded consultation's public results: how many opinions
/// it drew and how many of them were adopted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleResult {
    /// None: the whole draft.
    pub article: Option<i32>,
    pub label: Option<String>,
    /// Opinions counted (not withdrawn, not invalid; duplicates included, as in
    /// [`Summary::opinions`]).
    pub opinions: usize,
    /// Of those, adopted or partly adopted in their latest released decision.
    pub adopted: usize,
}

/// A released revision and its delivery: opinion, revision, outcome, chat, delivery
/// state and error.
type FeedbackState = (
    i64,
    i32,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// A private chat's delivery of a feedback revision: `<opinion id>:<revision>`.
pub fn feedback_subject(opinion: i64, revision: i32) -> String {
    format!("{opinion}:{revision}")
}

const DECISION_COLUMNS: &str =
    "opinion_id, outcome, reason, summary, revision, decided_by, decided_at";

pub struct Decisions<'a>(&'a Db);

impl Db {
    pub fn decisions(&self) -> Decisions<'_> {
        Decisions(self)
    }
}

/// Queues one delivery inside a transaction (the same row the broadcast worker reads;
/// see `deliveries`), creating the broadcast on first use. Returns whether it was new.
macro_rules! queue_delivery {
    ($tx:ident, $broadcast:ident, $new:expr, $purpose:expr, $subject:expr, $chat:expr, $message:expr, $now:expr) => {{
        let broadcast_id: i64 = match $broadcast {
            Some(id) => id,
            None => {
                let b: &NewBroadcastRow = $new;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO broadcasts (purpose, subject, created_by, created_at, progress_chat,
                         locale, total)
                     VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id",
                )
                .bind(b.purpose)
                .bind(&b.subject)
                .bind(b.created_by)
                .bind($now)
                .bind(b.progress_chat)
                .bind(b.locale.tag())
                .fetch_one(&mut *$tx)
                .await?;
                $broadcast = Some(id);
                id
            }
        };
        sqlx::query(
            "INSERT INTO deliveries (broadcast_id, purpose, subject, chat_id, payload,
                 state, attempts, not_before, created_at)
             VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6)
             ON CONFLICT (purpose, subject, chat_id) DO NOTHING",
        )
        .bind(broadcast_id)
        .bind($purpose)
        .bind($subject)
        .bind($chat)
        .bind(Json($message))
        .bind($now)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            > 0
    }};
}

/// The broadcast a release or conclusion creates; its progress is shown to the actor
/// in chat (none for an action in the web console).
struct NewBroadcastRow {
    purpose: &'static str,
    subject: String,
    created_by: Option<UserId>,
    progress_chat: Option<i64>,
    locale: Locale,
}

impl Decisions<'_> {
    pub async fn get(&self, opinion: i64) -> Result<Option<Decision>, Error> {
        let sql = format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE opinion_id = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(opinion)
            .fetch_optional(pool)
            .await?))
    }

    /// Every decision on a consultation's opinions, by opinion id.
    pub async fn on(&self, consultation: i64) -> Result<HashMap<i64, Decision>, Error> {
        let sql = format!(
            "SELECT {DECISION_COLUMNS} FROM decisions WHERE opinion_id IN
                 (SELECT id FROM opinions WHERE consultation_id = $1)"
        );
        let rows: Vec<Decision> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(consultation)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(|d| (d.opinion_id, d)).collect())
    }

    /// The latest revision of an opinion's decision that was released, if any.
    pub async fn released_revision(&self, opinion: i64) -> Result<Option<i32>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT MAX(revision) FROM feedback WHERE opinion_id = $1"
        )
        .bind(opinion)
        .fetch_one(pool)
        .await?))
    }

    /// What the submitter has been told of their opinion: the latest released outcome,
    /// with its reason while that revision is the current decision (a correction not
    /// yet released does not show early, and an earlier reason is not kept).
    pub async fn told(&self, opinion: i64) -> Result<Option<Told>, Error> {
        let latest: Option<(i32, String)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT revision, outcome FROM feedback WHERE opinion_id = $1
             ORDER BY revision DESC LIMIT 1"
        )
        .bind(opinion)
        .fetch_optional(pool)
        .await?);
        let Some((revision, outcome)) = latest else {
            return Ok(None);
        };
        let reason = self
            .get(opinion)
            .await?
            .filter(|d| d.revision == revision)
            .map(|d| d.reason);
        Ok(Some(Told {
            outcome: Outcome::parse(&outcome).unwrap_or(Outcome::NotAdopted),
            reason,
        }))
    }

    /// The latest released revision of each opinion of a consultation, with its outcome.
    async fn released(&self, consultation: i64) -> Result<HashMap<i64, (i32, Outcome)>, Error> {
        let rows: Vec<(i64, i32, String)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT f.opinion_id, f.revision, f.outcome FROM feedback f
             JOIN opinions o ON o.id = f.opinion_id WHERE o.consultation_id = $1"
        )
        .bind(consultation)
        .fetch_all(pool)
        .await?);
        let mut out: HashMap<i64, (i32, Outcome)> = HashMap::new();
        for (id, revision, outcome) in rows {
            let outcome = Outcome::parse(&outcome).unwrap_or(Outcome::NotAdopted);
            if out.get(&id).is_none_or(|(r, _)| *r < revision) {
                out.insert(id, (revision, outcome));
            }
        }
        Ok(out)
    }

    /// The consultation, if decisions may be taken or released on it now: closed or
    /// concluded. Otherwise [`Error::WrongState`].
    pub async fn decidable(&self, consultation: i64) -> Result<Consultation, Error> {
        let c = self
            .0
            .consultations()
            .get(consultation)
            .await?
            .ok_or(Error::UnknownConsultation(consultation))?;
        if !matches!(c.state, State::Closed | State::Concluded) {
            return Err(Error::WrongState {
                id: c.id,
                state: c.state.as_str(),
            });
        }
        Ok(c)
    }

    /// The articles of a consultation that have eligible opinions, the whole draft
    /// first, with how many are decided.
    pub async fn articles(&self, consultation: i64) -> Result<Vec<ArticleCounts>, Error> {
        let opinions = self.0.opinions().on(consultation).await?;
        let decided = self.on(consultation).await?;
        let mut by: BTreeMap<i32, ArticleCounts> = BTreeMap::new();
        for o in opinions.iter().filter(|o| eligible(o)) {
            let key = o.article_number.unwrap_or(-1);
            let entry = by.entry(key).or_insert_with(|| ArticleCounts {
                article: o.article_number,
                label: o.article_label.clone(),
                eligible: 0,
                decided: 0,
            });
            entry.eligible += 1;
            if decided.contains_key(&o.id) {
                entry.decided += 1;
            }
        }
        Ok(by.into_values().collect())
    }

    /// The opinions a decision on `target` covers: eligible ones, with the duplicates
    /// that follow them. Empty when there are none.
    pub async fn covered(&self, target: Target) -> Result<Vec<Opinion>, Error> {
        let (consultation, roots): (i64, Vec<i64>) = match target {
            Target::Opinion(id) => {
                let o = self
                    .0
                    .opinions()
                    .get(id)
                    .await?
                    .ok_or(Error::UnknownOpinion(id))?;
                if !eligible(&o) {
                    return Err(Error::OpinionLocked(id));
                }
                (o.consultation_id, vec![id])
            }
            Target::Article {
                consultation,
                article,
            } => {
                // An open call has no articles: each suggestion is decided on its own.
                self.0
                    .consultations()
                    .get(consultation)
                    .await?
                    .ok_or(Error::UnknownConsultation(consultation))?
                    .expect_kind(Kind::Regulation)?;
                let ids = self
                    .0
                    .opinions()
                    .on(consultation)
                    .await?
                    .into_iter()
                    .filter(|o| eligible(o) && o.article_number == article)
                    .map(|o| o.id)
                    .collect();
                (consultation, ids)
            }
        };
        let all = self.0.opinions().on(consultation).await?;
        let duplicates: Vec<(i64, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, duplicate_of FROM opinions
             WHERE consultation_id = $1 AND duplicate_of IS NOT NULL"
        )
        .bind(consultation)
        .fetch_all(pool)
        .await?);
        let roots: HashSet<i64> = roots.into_iter().collect();
        let followers: HashSet<i64> = duplicates
            .into_iter()
            .filter(|(_, of)| roots.contains(of))
            .map(|(id, _)| id)
            .collect();
        Ok(all
            .into_iter()
            .filter(|o| eligible(o) && (roots.contains(&o.id) || followers.contains(&o.id)))
            .collect())
    }

    /// Records `decision` on every opinion `target` covers, each with its audit entry
    /// (`decision.set`), in one transaction. Refuses an open, withdrawn or draft
    /// consultation ([`Error::WrongState`]), a withdrawn or invalid opinion
    /// ([`Error::OpinionLocked`]) and a target with no opinion ([`Error::UnknownOpinion`]).
    pub async fn decide(
        &self,
        target: Target,
        decision: &NewDecision,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Decided, Error> {
        let opinions = self.covered(target).await?;
        let Some(first) = opinions.first() else {
            return Err(Error::UnknownOpinion(match target {
                Target::Opinion(id) => id,
                Target::Article { .. } => 0,
            }));
        };
        let c = self.decidable(first.consultation_id).await?;
        if !Outcome::for_kind(c.kind).contains(&decision.outcome) {
            return Err(Error::Invalid(Field::Outcome));
        }
        let via = match target {
            Target::Opinion(_) => "opinion",
            Target::Article { .. } => "article",
        };
        let outcome = decision.outcome.as_str();
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut done = Decided {
                covered: opinions.len(),
                ..Decided::default()
            };
            for o in &opinions {
                let current: Option<(String, String, Option<String>, i32)> = sqlx::query_as(
                    "SELECT outcome, reason, summary, revision FROM decisions WHERE opinion_id = $1",
                )
                .bind(o.id)
                .fetch_optional(&mut *tx)
                .await?;
                let revision = match &current {
                    None => 1,
                    Some((out, reason, _, rev)) if out != outcome || *reason != decision.reason => {
                        rev + 1
                    }
                    Some((_, _, summary, rev)) => {
                        if decision.summary.is_none() || decision.summary == *summary {
                            continue;
                        }
                        *rev
                    }
                };
                let summary = decision
                    .summary
                    .clone()
                    .or_else(|| current.as_ref().and_then(|c| c.2.clone()));
                // Guarded: a withdrawal or an 无效 in the meantime leaves it undecided.
                let n = sqlx::query(
                    "INSERT INTO decisions (opinion_id, outcome, reason, summary, revision,
                         decided_by, decided_at)
                     SELECT id, $2, $3, $4, $5, $6, $7 FROM opinions
                     WHERE id = $1 AND status NOT IN ('withdrawn', 'invalid')
                     ON CONFLICT (opinion_id) DO UPDATE SET outcome = excluded.outcome,
                         reason = excluded.reason, summary = excluded.summary,
                         revision = excluded.revision, decided_by = excluded.decided_by,
                         decided_at = excluded.decided_at",
                )
                .bind(o.id)
                .bind(outcome)
                .bind(&decision.reason)
                .bind(&summary)
                .bind(revision)
                .bind(by)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    continue;
                }
                let changed = current.as_ref().is_none_or(|c| c.3 != revision);
                if changed {
                    done.changed += 1;
                    if current.is_some() {
                        done.revised += 1;
                    }
                }
                let entry = AuditEntry::new(
                    Actor::Person(by),
                    "decision.set",
                    format!("opinion:{}", o.id),
                )
                .detail(serde_json::json!({
                    "opinion": o.id,
                    "receipt": o.receipt,
                    "outcome": outcome,
                    "reason": decision.reason,
                    "summary": summary,
                    "revision": revision,
                    "via": via,
                }));
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            Ok(done)
        })
    }

    /// Decision revisions of a consultation not released yet, in receipt order.
    pub async fn pending(&self, consultation: i64) -> Result<Vec<PendingFeedback>, Error> {
        let decisions = self.on(consultation).await?;
        let mut suggestions = self.0.suggestions().on(consultation).await?;
        let released = self.released(consultation).await?;
        let mut out = Vec::new();
        for o in self.0.opinions().on(consultation).await? {
            let Some(d) = decisions.get(&o.id) else {
                continue;
            };
            if !eligible(&o) {
                continue;
            }
            let earlier = released.get(&o.id);
            if earlier.is_some_and(|(rev, _)| *rev >= d.revision) {
                continue;
            }
            let locale = match o.submitter_id {
                Some(id) => self.0.people().locale(id).await?,
                None => None,
            };
            out.push(PendingFeedback {
                suggestion: suggestions.remove(&o.id).map(|s| s.title),
                chat: o.submitter_id,
                corrects: earlier.map(|(_, outcome)| *outcome),
                decision: d.clone(),
                opinion: o,
                locale,
            });
        }
        Ok(out)
    }

    /// Releases the given pending revisions: a `feedback` row each, and a delivery to
    /// each reachable submitter (purpose `feedback`, one broadcast whose progress the
    /// actor sees), with one audit entry `feedback.release`, in one transaction. A
    /// revision released meanwhile, or superseded by a newer decision, is skipped.
    pub async fn release(
        &self,
        consultation: i64,
        items: &[(PendingFeedback, Option<OutMessage>)],
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Released, Error> {
        self.decidable(consultation).await?;
        let new = NewBroadcastRow {
            purpose: "feedback",
            subject: format!("c{consultation}:feedback"),
            created_by: by.person,
            progress_chat: by.progress_chat,
            locale: by.locale,
        };
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut broadcast: Option<i64> = None;
            let mut done = Released::default();
            let mut receipts = Vec::new();
            for (p, message) in items {
                let id = p.opinion.id;
                let revision: Option<i32> =
                    sqlx::query_scalar("SELECT revision FROM decisions WHERE opinion_id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if revision != Some(p.decision.revision) {
                    continue;
                }
                let chat = p.chat.filter(|_| message.is_some());
                let n = sqlx::query(
                    "INSERT INTO feedback (opinion_id, revision, outcome, chat_id, released_by,
                         released_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (opinion_id, revision) DO NOTHING",
                )
                .bind(id)
                .bind(p.decision.revision)
                .bind(p.decision.outcome().as_str())
                .bind(chat)
                .bind(by.person)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    continue;
                }
                receipts.push(p.opinion.receipt.clone());
                match (chat, message) {
                    (Some(chat), Some(message)) => {
                        let subject = feedback_subject(id, p.decision.revision);
                        if queue_delivery!(
                            tx, broadcast, &new, "feedback", &subject, chat, message, now
                        ) {
                            done.queued += 1;
                            if p.corrects.is_some() {
                                done.corrections += 1;
                            }
                        }
                    }
                    _ => done.unreachable += 1,
                }
            }
            if receipts.is_empty() {
                tx.rollback().await?;
                return Ok(done);
            }
            if let Some(b) = broadcast {
                sqlx::query("UPDATE broadcasts SET total = $2 WHERE id = $1")
                    .bind(b)
                    .bind(done.queued as i64)
                    .execute(&mut *tx)
                    .await?;
            }
            let entry = AuditEntry::new(by.actor(), "feedback.release", format!("C{consultation}"))
                .detail(serde_json::json!({
                    "consultation": consultation,
                    "queued": done.queued,
                    "corrections": done.corrections,
                    "unreachable": done.unreachable,
                    "receipts": receipts,
                }));
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok(done)
        })
    }

    /// Submitters who did not hear of their opinion's latest released decision through
    /// the bot: no Telegram id, or the delivery failed. One consultation or all, one
    /// contact point or all; by consultation and receipt.
    pub async fn unreached(
        &self,
        consultation: Option<i64>,
        point: Option<i64>,
    ) -> Result<Vec<Unreached>, Error> {
        let rows: Vec<FeedbackState> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT f.opinion_id, f.revision, f.outcome, f.chat_id, d.state, d.last_error
                 FROM feedback f
                 JOIN opinions o ON o.id = f.opinion_id
                 LEFT JOIN deliveries d ON d.purpose = 'feedback' AND d.chat_id = f.chat_id
                     AND d.subject = CAST(f.opinion_id AS TEXT) || ':' || CAST(f.revision AS TEXT)
                 WHERE ($1 IS NULL OR o.consultation_id = $1) AND ($2 IS NULL OR o.point_id = $2)
                   AND f.revision = (SELECT MAX(g.revision) FROM feedback g
                                     WHERE g.opinion_id = f.opinion_id)
                 ORDER BY o.consultation_id, o.id"
        )
        .bind(consultation)
        .bind(point)
        .fetch_all(pool)
        .await?);
        let mut out = Vec::new();
        for (id, revision, outcome, chat, state, error) in rows {
            let why = match (chat, state.as_deref()) {
                (None, _) => Unreachable::NoChat,
                (Some(_), Some("failed")) => Unreachable::Failed(error.unwrap_or_default()),
                // Forgotten meanwhile: /forget deletes the person's deliveries.
                (Some(_), None) => Unreachable::NoChat,
                _ => continue,
            };
            let Some(opinion) = self.0.opinions().get(id).await? else {
                continue;
            };
            let reason = self.get(id).await?.map(|d| d.reason).unwrap_or_default();
            out.push(Unreached {
                opinion,
                outcome: Outcome::parse(&outcome).unwrap_or(Outcome::NotAdopted),
                reason,
                revision,
                why,
            });
        }
        Ok(out)
    }

    /// The numbers and adopted points of a consultation for its 回音壁, by the
    /// decisions as they stand (released or not: the admin concluding sees what the
    /// groups will be told, with warnings for what is not released yet).
    pub async fn summary(&self, consultation: i64) -> Result<Summary, Error> {
        self.summarize(consultation, false).await
    }

    /// The same, with each opinion's outcome as last released to its submitter (none
    /// before the first release): what a public page shows, so that nothing is public
    /// before the person it concerns has heard it. Its `adopted` is the sum of
    /// [`Decisions::by_article`]'s.
    pub async fn released_summary(&self, consultation: i64) -> Result<Summary, Error> {
        self.summarize(consultation, true).await
    }

    async fn summarize(&self, consultation: i64, released_only: bool) -> Result<Summary, Error> {
        let opinions = self.0.opinions().on(consultation).await?;
        // On an open call the 回音壁 quotes a suggestion's title, not its problem.
        let titles: HashMap<i64, String> = self
            .0
            .suggestions()
            .on(consultation)
            .await?
            .into_iter()
            .map(|(id, s)| (id, s.title))
            .collect();
        let decisions = self.on(consultation).await?;
        let released = self.released(consultation).await?;
        let mut s = Summary::default();
        let mut people: HashSet<i64> = HashSet::new();
        let mut anonymous = 0;
        let mut seen: HashSet<(Option<i32>, String)> = HashSet::new();
        let mut points: Vec<(i32, i64, AdoptedPoint)> = Vec::new();
        for o in opinions.iter().filter(|o| eligible(o)) {
            s.opinions += 1;
            match o.submitter_id {
                Some(id) => {
                    people.insert(id);
                }
                None => anonymous += 1,
            }
            if let Some(p) = o.point_id {
                *s.by_point.entry(p).or_default() += 1;
            }
            let Some(d) = decisions.get(&o.id) else {
                s.undecided += 1;
                continue;
            };
            if released.get(&o.id).is_none_or(|(r, _)| *r < d.revision) {
                s.unreleased += 1;
            }
            let outcome = if released_only {
                match released.get(&o.id) {
                    Some((_, outcome)) => *outcome,
                    None => continue,
                }
            } else {
                d.outcome()
            };
            if !outcome.is_adopted() {
                continue;
            }
            s.adopted += 1;
            if o.status == Status::Duplicate {
                continue;
            }
            let (quote, words) = if o.consent_quote {
                let quoted = titles.get(&o.id).unwrap_or(&o.body);
                (Some(quoted.clone()), None)
            } else {
                (None, d.summary.clone())
            };
            let key = quote.clone().or_else(|| words.clone()).unwrap_or_default();
            if !seen.insert((o.article_number, key)) {
                continue;
            }
            points.push((
                o.article_number.unwrap_or(-1),
                o.id,
                AdoptedPoint {
                    article: o.article_label.clone(),
                    outcome,
                    quote,
                    words,
                },
            ));
        }
        // An article listed with content needs no bare mention as well.
        let with_content: HashSet<i32> = points
            .iter()
            .filter(|(_, _, p)| p.quote.is_some() || p.words.is_some())
            .map(|(a, _, _)| *a)
            .collect();
        points.retain(|(a, _, p)| {
            p.quote.is_some() || p.words.is_some() || !with_content.contains(a)
        });
        points.sort_by_key(|(a, id, _)| (*a, *id));
        s.points = points.into_iter().map(|(_, _, p)| p).collect();
        s.people = people.len() + anonymous;
        Ok(s)
    }

    /// Opinions and adoptions per article, the whole draft first, for the public
    /// results of a consultation (the web's results page; any channel may show them).
    /// An outcome counts once it was released to its submitter, and as released: a
    /// decision not yet released, or a correction not yet sent, is not public before the
    /// person it concerns has heard it.
    pub async fn by_article(&self, consultation: i64) -> Result<Vec<ArticleResult>, Error> {
        let opinions = self.0.opinions().on(consultation).await?;
        let released = self.released(consultation).await?;
        let mut by: BTreeMap<i32, ArticleResult> = BTreeMap::new();
        for o in opinions.iter().filter(|o| eligible(o)) {
            let entry = by
                .entry(o.article_number.unwrap_or(-1))
                .or_insert_with(|| ArticleResult {
                    article: o.article_number,
                    label: o.article_label.clone(),
                    opinions: 0,
                    adopted: 0,
                });
            entry.opinions += 1;
            if released
                .get(&o.id)
                .is_some_and(|(_, outcome)| outcome.is_adopted())
            {
                entry.adopted += 1;
            }
        }
        Ok(by.into_values().collect())
    }

    /// Concludes a closed consultation (closed → concluded, `concluded_at` set, from
    /// which personal details are erased after the retention time) and queues its
    /// summary to the groups (`targets`: chat and message; purpose `summary`), with the
    /// audit entry `consultation.conclude`, in one transaction. A consultation not
    /// closed (still open, withdrawn, already concluded) gets [`Error::WrongState`].
    pub async fn conclude(
        &self,
        consultation: i64,
        targets: &[(i64, OutMessage)],
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        let current = self
            .0
            .consultations()
            .get(consultation)
            .await?
            .ok_or(Error::UnknownConsultation(consultation))?;
        let wrong = |c: &Consultation| Error::WrongState {
            id: c.id,
            state: c.state.as_str(),
        };
        if current.state != State::Closed {
            return Err(wrong(&current));
        }
        let summary = self.summary(consultation).await?;
        let new = NewBroadcastRow {
            purpose: "summary",
            subject: format!("c{consultation}"),
            created_by: by.person,
            progress_chat: by.progress_chat,
            locale: by.locale,
        };
        let subject = new.subject.clone();
        let entry = AuditEntry::new(
            by.actor(),
            "consultation.conclude",
            consultation.to_string(),
        )
        .detail(serde_json::json!({
            "groups": targets.iter().map(|(chat, _)| *chat).collect::<Vec<_>>(),
            "people": summary.people,
            "opinions": summary.opinions,
            "adopted": summary.adopted,
            "undecided": summary.undecided,
            "unreleased": summary.unreleased,
        }));
        let changed = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE consultations SET state = 'concluded', concluded_at = $2, updated_at = $2
                 WHERE id = $1 AND state = 'closed'",
            )
            .bind(consultation)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                tx.rollback().await?;
                false
            } else {
                let mut broadcast: Option<i64> = None;
                let mut queued = 0i64;
                for (chat, message) in targets {
                    if queue_delivery!(
                        tx, broadcast, &new, "summary", &subject, *chat, message, now
                    ) {
                        queued += 1;
                    }
                }
                if let Some(b) = broadcast {
                    sqlx::query("UPDATE broadcasts SET total = $2 WHERE id = $1")
                        .bind(b)
                        .bind(queued)
                        .execute(&mut *tx)
                        .await?;
                }
                record!(&mut *tx, &entry, now);
                tx.commit().await?;
                true
            }
        });
        let after = self
            .0
            .consultations()
            .get(consultation)
            .await?
            .ok_or(Error::UnknownConsultation(consultation))?;
        if !changed {
            return Err(wrong(&after));
        }
        Ok(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_and_count_as_adopted() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("maybe"), None);
        assert!(Outcome::Adopted.is_adopted() && Outcome::Partly.is_adopted());
        assert!(!Outcome::NotAdopted.is_adopted() && !Outcome::OutOfScope.is_adopted());
    }

    #[test]
    fn reasons_and_summary_words_are_checked() {
        assert_eq!(
            reason("  已吸收到第三条修改中。 ").unwrap(),
            "已吸收到第三条修改中。"
        );
        assert!(reason("").is_err() && reason("   ").is_err());
        assert!(reason(&"长".repeat(REASON_MAX + 1)).is_err());
        assert!(reason("第一段\n第二段").is_ok());
        assert!(reason("bell\u{7}").is_err());
        assert!(summary_words("简化登记手续").is_ok());
        assert!(summary_words("两行\n文字").is_err());
        assert!(summary_words(&"字".repeat(SUMMARY_MAX + 1)).is_err());
    }
}
