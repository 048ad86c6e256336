//! The ledger: every opinion a resident gives, complete and exactly once. A receipt
//! number (C12-0045) lets the resident and the liaison talk about the same opinion;
//! the submission key makes a replayed 「提交」 land once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::{
    Db, Error, UserId,
    db::{WritePool, on_pool},
    error::Field,
};

pub mod ledger;
pub(crate) mod values;
pub mod web;

pub use values::{Channel, Identity, Stance, Status};

/// The opinion's text: `min..=max` characters after trimming (configurable; defaults
/// 5 and 2000). Too short says nothing a liaison can act on; too long is a document.
pub fn body(raw: &str, min: usize, max: usize) -> Result<String, Error> {
    let text = raw.trim();
    let n = text.chars().count();
    if n < min || n > max {
        return Err(Error::Invalid(Field::OpinionLength));
    }
    Ok(text.to_owned())
}

/// A name, a unit's name or a district as a submitter gives it: 1–[`DETAIL_MAX`]
/// characters on one line (a name, not a letter).
pub fn detail(raw: &str) -> Result<String, Error> {
    let t = raw.trim();
    let n = t.chars().count();
    if n == 0 || n > DETAIL_MAX || t.chars().any(char::is_control) {
        return Err(Error::Invalid(Field::OpinionDetail));
    }
    Ok(t.to_owned())
}

/// The longest name, unit or district, in characters.
pub const DETAIL_MAX: usize = 50;

/// Who may change an opinion: the Telegram account that gave it, or whoever holds the
/// status link of an opinion given on the web.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Person(UserId),
    Link(&'a web::StatusToken),
}

impl From<UserId> for Owner<'_> {
    fn from(id: UserId) -> Self {
        Owner::Person(id)
    }
}

/// What a submitter said about themselves, and what they consented to: the same
/// choices in chat and on the web.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub identity: Identity,
    pub name: Option<String>,
    pub organization: Option<String>,
    pub occupation: Option<String>,
    pub district: Option<String>,
    pub consent_details: bool,
    pub consent_quote: bool,
}

impl Details {
    /// Whether the person gave anything that consent to keep could apply to: a name
    /// (with 实名), a unit (with 单位), an occupation or a district. Without any, there
    /// is nothing to keep and the choice is not offered.
    pub fn given(&self) -> bool {
        let named = self.identity == Identity::Named && self.name.is_some();
        let unit = self.identity == Identity::Organization && self.organization.is_some();
        named || unit || self.occupation.is_some() || self.district.is_some()
    }

    /// The details as the ledger keeps them: without consent to keep them nothing is
    /// stored and the opinion counts as anonymous; a name goes only with 实名 and a
    /// unit only with 单位.
    pub fn stored(self) -> Details {
        if !self.consent_details {
            return Details {
                identity: Identity::Anonymous,
                name: None,
                organization: None,
                occupation: None,
                district: None,
                ..self
            };
        }
        Details {
            name: self.name.filter(|_| self.identity == Identity::Named),
            organization: self
                .organization
                .filter(|_| self.identity == Identity::Organization),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOpinion {
    /// Unique per submission (e.g. the person and the update that started the dialogue).
    pub submission_key: String,
    pub consultation_id: i64,
    pub version: i32,
    /// None: the whole draft.
    pub article: Option<(u32, String)>,
    pub stance: Stance,
    pub body: String,
    pub proposed_wording: Option<String>,
    pub identity: Identity,
    pub submitter_id: Option<UserId>,
    /// Stored only when the submitter consented to storing their details.
    pub submitter_name: Option<String>,
    pub organization: Option<String>,
    pub occupation: Option<String>,
    pub district: Option<String>,
    pub consent_details: bool,
    pub consent_quote: bool,
    pub channel: Channel,
    pub source_chat: Option<i64>,
    pub point_id: Option<i64>,
    pub recorded_by: Option<UserId>,
}

impl NewOpinion {
    /// An anonymous opinion on the whole draft with nothing but what every opinion has;
    /// the rest is set with struct update syntax and [`NewOpinion::with_details`].
    pub fn new(
        submission_key: String,
        consultation_id: i64,
        version: i32,
        stance: Stance,
        body: String,
        channel: Channel,
    ) -> NewOpinion {
        NewOpinion {
            submission_key,
            consultation_id,
            version,
            article: None,
            stance,
            body,
            proposed_wording: None,
            identity: Identity::Anonymous,
            submitter_id: None,
            submitter_name: None,
            organization: None,
            occupation: None,
            district: None,
            consent_details: false,
            consent_quote: false,
            channel,
            source_chat: None,
            point_id: None,
            recorded_by: None,
        }
    }

    /// Sets who the submitter is, as the ledger keeps it ([`Details::stored`]).
    pub fn with_details(self, details: Details) -> NewOpinion {
        let d = details.stored();
        NewOpinion {
            identity: d.identity,
            submitter_name: d.name,
            organization: d.organization,
            occupation: d.occupation,
            district: d.district,
            consent_details: d.consent_details,
            consent_quote: d.consent_quote,
            ..self
        }
    }
}

/// One opinion of the ledger, its coded values typed (read through [`OpinionRow`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opinion {
    pub id: i64,
    pub receipt: String,
    pub consultation_id: i64,
    pub version: i32,
    pub article_number: Option<i32>,
    pub article_label: Option<String>,
    pub stance: Stance,
    pub body: String,
    pub proposed_wording: Option<String>,
    pub identity: Identity,
    pub submitter_id: Option<UserId>,
    pub submitter_name: Option<String>,
    pub organization: Option<String>,
    pub occupation: Option<String>,
    pub district: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    pub consent_details: bool,
    pub consent_quote: bool,
    pub channel: Channel,
    pub source_chat: Option<i64>,
    pub point_id: Option<i64>,
    pub recorded_by: Option<UserId>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub attachments: Vec<Attachment>,
}

/// An `opinions` row as stored, codes as text. Private: it is converted once, on
/// read, into an [`Opinion`], so no code outside this module sees a code string.
#[derive(FromRow)]
struct OpinionRow {
    id: i64,
    receipt: String,
    consultation_id: i64,
    version: i32,
    article_number: Option<i32>,
    article_label: Option<String>,
    stance: String,
    body: String,
    proposed_wording: Option<String>,
    identity: String,
    submitter_id: Option<UserId>,
    submitter_name: Option<String>,
    organization: Option<String>,
    occupation: Option<String>,
    district: Option<String>,
    consent_at: Option<DateTime<Utc>>,
    consent_details: bool,
    consent_quote: bool,
    channel: String,
    source_chat: Option<i64>,
    point_id: Option<i64>,
    recorded_by: Option<UserId>,
    status: String,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    withdrawn_at: Option<DateTime<Utc>>,
    attachments: sqlx::types::Json<Vec<Attachment>>,
}

impl TryFrom<OpinionRow> for Opinion {
    type Error = crate::values::UnknownCode;

    fn try_from(r: OpinionRow) -> Result<Self, crate::values::UnknownCode> {
        Ok(Opinion {
            id: r.id,
            receipt: r.receipt,
            consultation_id: r.consultation_id,
            version: r.version,
            article_number: r.article_number,
            article_label: r.article_label,
            stance: r.stance.as_str().try_into()?,
            body: r.body,
            proposed_wording: r.proposed_wording,
            identity: r.identity.as_str().try_into()?,
            submitter_id: r.submitter_id,
            submitter_name: r.submitter_name,
            organization: r.organization,
            occupation: r.occupation,
            district: r.district,
            consent_at: r.consent_at,
            consent_details: r.consent_details,
            consent_quote: r.consent_quote,
            channel: r.channel.as_str().try_into()?,
            source_chat: r.source_chat,
            point_id: r.point_id,
            recorded_by: r.recorded_by,
            status: r.status.as_str().try_into()?,
            created_at: r.created_at,
            edited_at: r.edited_at,
            withdrawn_at: r.withdrawn_at,
            attachments: r.attachments.0,
        })
    }
}

/// Converts rows read from the database, failing on the first unknown code.
fn typed(rows: Vec<OpinionRow>) -> Result<Vec<Opinion>, Error> {
    rows.into_iter()
        .map(|r| Opinion::try_from(r).map_err(Error::from))
        .collect()
}

/// Converts the row read from the database, if any.
fn typed_one(row: Option<OpinionRow>) -> Result<Option<Opinion>, Error> {
    row.map(Opinion::try_from).transpose().map_err(Error::from)
}

/// A photo, document or voice message sent with an opinion, kept as Telegram's file
/// id (the file stays with Telegram; the liaison's review re-sends it by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// photo, document or voice.
    pub kind: String,
    pub file_id: String,
    pub size: u32,
}

/// One earlier state of an opinion, kept when it was edited or withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// edit or withdraw.
    pub change: String,
    pub stance: Stance,
    pub body: String,
    pub proposed_wording: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// An `opinion_history` row as stored, its stance as text.
#[derive(FromRow)]
struct ChangeRow {
    change: String,
    stance: String,
    body: String,
    proposed_wording: Option<String>,
    changed_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, receipt, consultation_id, version, article_number, article_label, stance,
    body, proposed_wording, identity, submitter_id, submitter_name, organization, occupation,
    district, consent_at, consent_details, consent_quote, channel, source_chat, point_id,
    recorded_by, status, created_at, edited_at, withdrawn_at, attachments";

pub struct Opinions<'a>(pub(crate) &'a Db);

impl Db {
    pub fn opinions(&self) -> Opinions<'_> {
        Opinions(self)
    }
}

impl Opinions<'_> {
    /// Stores the opinion with the next receipt number of its consultation. Submitting
    /// the same submission key again returns the opinion already stored.
    pub async fn submit(&self, new: &NewOpinion, now: DateTime<Utc>) -> Result<Opinion, Error> {
        self.store(new, None, None, now).await
    }

    /// [`Opinions::submit`], with the status link and sender of a web opinion, and the
    /// suggestion an opinion on an open call is ([`crate::open_calls`]), stored in the
    /// same transaction. An opinion on an open call without a suggestion, or one with
    /// a suggestion on a draft, is refused ([`Error::WrongKind`]) with nothing stored.
    pub(crate) async fn store(
        &self,
        new: &NewOpinion,
        web: Option<&web::WebLink<'_>>,
        suggestion: Option<&crate::open_calls::Suggestion>,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        if let Some(existing) = self.by_key(&new.submission_key).await? {
            return Ok(existing);
        }
        let consent_at = (new.consent_details || new.consent_quote).then_some(now);
        let (article_number, article_label) = match &new.article {
            Some((n, label)) => (Some(*n as i32), Some(label.clone())),
            None => (None, None),
        };
        let stored: Option<i64> = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            // The counter row serialises receipt numbers per consultation, on both backends.
            let (seq, kind): (i32, String) = sqlx::query_as(
                "UPDATE consultations SET opinion_seq = opinion_seq + 1 WHERE id = $1
                 RETURNING opinion_seq, kind",
            )
            .bind(new.consultation_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::UnknownConsultation(new.consultation_id))?;
            let kind = crate::open_calls::Kind::try_from(kind)?;
            if (kind == crate::open_calls::Kind::OpenCall) != suggestion.is_some() {
                tx.rollback().await?;
                return Err(Error::WrongKind {
                    id: new.consultation_id,
                    kind,
                });
            }
            let receipt = format!("C{}-{:04}", new.consultation_id, seq);
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO opinions (receipt, submission_key, consultation_id, version, article_number,
                     article_label, stance, body, proposed_wording, identity, submitter_id, submitter_name,
                     organization, occupation, district, consent_at, consent_details, consent_quote,
                     channel, source_chat, point_id, recorded_by, status, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                     $19, $20, $21, $22, 'received', $23)
                 ON CONFLICT (submission_key) DO NOTHING RETURNING id",
            )
            .bind(&receipt)
            .bind(&new.submission_key)
            .bind(new.consultation_id)
            .bind(new.version)
            .bind(article_number)
            .bind(&article_label)
            .bind(new.stance.as_str())
            .bind(&new.body)
            .bind(&new.proposed_wording)
            .bind(new.identity.as_str())
            .bind(new.submitter_id)
            .bind(&new.submitter_name)
            .bind(&new.organization)
            .bind(&new.occupation)
            .bind(&new.district)
            .bind(consent_at)
            .bind(new.consent_details)
            .bind(new.consent_quote)
            .bind(new.channel.as_str())
            .bind(new.source_chat)
            .bind(new.point_id)
            .bind(new.recorded_by)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if let (Some(id), Some(s)) = (id, suggestion) {
                sqlx::query(
                    "INSERT INTO suggestions (opinion_id, title, contents, related_rules)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(&s.title)
                .bind(&s.contents)
                .bind(&s.related_rules)
                .execute(&mut *tx)
                .await?;
            }
            if let (Some(id), Some(web)) = (id, web) {
                sqlx::query(
                    "INSERT INTO web_opinions (opinion_id, token_hash, browser_hash, address_hash, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(&web.token_hash)
                .bind(web.browser())
                .bind(web.address())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            if id.is_some() {
                tx.commit().await?;
            } else {
                // Someone else stored this submission meanwhile: give the number back.
                tx.rollback().await?;
            }
            id
        });
        match stored {
            Some(id) => self
                .get(id)
                .await?
                .ok_or(Error::Database(sqlx::Error::RowNotFound)),
            None => self
                .by_key(&new.submission_key)
                .await?
                .ok_or(Error::Database(sqlx::Error::RowNotFound)),
        }
    }

    pub async fn get(&self, id: i64) -> Result<Option<Opinion>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM opinions WHERE id = $1");
        let row: Option<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        typed_one(row)
    }

    pub async fn by_key(&self, key: &str) -> Result<Option<Opinion>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM opinions WHERE submission_key = $1");
        let row: Option<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(key)
            .fetch_optional(pool)
            .await?);
        typed_one(row)
    }

    /// A person's own opinions, newest first.
    pub async fn of(&self, submitter: UserId) -> Result<Vec<Opinion>, Error> {
        let sql =
            format!("SELECT {COLUMNS} FROM opinions WHERE submitter_id = $1 ORDER BY id DESC");
        let rows: Vec<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(submitter)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// Sets an opinion's attachments (idempotent, so a replayed submission is safe).
    pub async fn attach(&self, id: i64, attachments: &[Attachment]) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE opinions SET attachments = $2 WHERE id = $1"
        )
        .bind(id)
        .bind(sqlx::types::Json(attachments))
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// The submitter's own opinion, if it may still change: received (not withdrawn),
    /// on a consultation still open before its deadline.
    async fn changeable(
        &self,
        id: i64,
        owner: Owner<'_>,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let owns = |o: &Opinion| match owner {
            Owner::Person(person) => o.submitter_id == Some(person),
            Owner::Link(_) => true,
        };
        let opinion = self
            .get(id)
            .await?
            .filter(owns)
            .ok_or(Error::UnknownOpinion(id))?;
        if let Owner::Link(token) = owner
            && !self.0.web_opinions().owns(id, token).await?
        {
            return Err(Error::UnknownOpinion(id));
        }
        let open = self
            .0
            .consultations()
            .get(opinion.consultation_id)
            .await?
            .is_some_and(|c| c.state == crate::consultations::State::Open && c.closes_at > now);
        if !open || opinion.status == Status::Withdrawn {
            return Err(Error::OpinionLocked(id));
        }
        Ok(opinion)
    }

    /// Replaces the text (and proposed wording) of the submitter's own opinion before
    /// the deadline; the ledger keeps the earlier version.
    pub async fn edit(
        &self,
        id: i64,
        owner: impl Into<Owner<'_>>,
        body: &str,
        wording: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let old = self.changeable(id, owner.into(), now).await?;
        self.change(
            &old,
            "edit",
            "UPDATE opinions SET body = $2, proposed_wording = $3, edited_at = $4 WHERE id = $1",
            Some((body, wording)),
            now,
        )
        .await?;
        self.get(id).await?.ok_or(Error::UnknownOpinion(id))
    }

    /// Withdraws the submitter's own opinion before the deadline; it stays in the
    /// ledger, marked withdrawn, with its history.
    pub async fn withdraw(
        &self,
        id: i64,
        owner: impl Into<Owner<'_>>,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let old = self.changeable(id, owner.into(), now).await?;
        self.change(
            &old,
            "withdraw",
            "UPDATE opinions SET status = 'withdrawn', withdrawn_at = $4 WHERE id = $1",
            None,
            now,
        )
        .await?;
        self.get(id).await?.ok_or(Error::UnknownOpinion(id))
    }

    async fn change(
        &self,
        old: &Opinion,
        change: &str,
        sql: &str,
        text: Option<(&str, Option<&str>)>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO opinion_history (opinion_id, change, stance, body, proposed_wording, changed_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(old.id)
            .bind(change)
            .bind(old.stance.as_str())
            .bind(&old.body)
            .bind(&old.proposed_wording)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let (body, wording) = text.unwrap_or((&old.body, old.proposed_wording.as_deref()));
            sqlx::query(sql)
                .bind(old.id)
                .bind(body)
                .bind(wording)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Earlier versions of an opinion, oldest first.
    pub async fn history(&self, id: i64) -> Result<Vec<Change>, Error> {
        let rows: Vec<ChangeRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT change, stance, body, proposed_wording, changed_at FROM opinion_history
             WHERE opinion_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|r| {
                Ok(Change {
                    change: r.change,
                    stance: r.stance.as_str().try_into()?,
                    body: r.body,
                    proposed_wording: r.proposed_wording,
                    changed_at: r.changed_at,
                })
            })
            .collect()
    }

    /// Erases submitters' personal details from opinions on consultations concluded
    /// before `cutoff` (the retention promised in the consent notice). The opinions
    /// stay, anonymised. Returns how many opinions were anonymised.
    pub async fn erase_details_concluded_before(
        &self,
        cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, Error> {
        on_pool!(self.0, |pool| {
            // Where a web opinion came from goes too; its status link keeps working.
            sqlx::query(
                "UPDATE web_opinions SET browser_hash = '', address_hash = ''
                 WHERE browser_hash <> '' AND opinion_id IN (SELECT o.id FROM opinions o
                     JOIN consultations c ON c.id = o.consultation_id
                     WHERE c.concluded_at IS NOT NULL AND c.concluded_at <= $1)",
            )
            .bind(cutoff)
            .execute(pool)
            .await?;
            Ok(sqlx::query(
            "UPDATE opinions SET submitter_id = NULL, submitter_name = NULL, organization = NULL,
                 occupation = NULL, district = NULL, identity = 'anonymous', details_erased_at = $2
             WHERE details_erased_at IS NULL AND consultation_id IN
                 (SELECT id FROM consultations WHERE concluded_at IS NOT NULL AND concluded_at <= $1)"
        )
        .bind(cutoff)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected())
        })
    }

    /// When details are next due for erasure: the earliest conclusion among consultations
    /// that still have unerased opinions, plus the retention time.
    pub async fn next_erasure(
        &self,
        retention: chrono::Duration,
    ) -> Result<Option<DateTime<Utc>>, Error> {
        let earliest: Option<Option<DateTime<Utc>>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT MIN(c.concluded_at) FROM consultations c
             WHERE c.concluded_at IS NOT NULL AND EXISTS (SELECT 1 FROM opinions o
                 WHERE o.consultation_id = c.id AND o.details_erased_at IS NULL)"
        )
        .fetch_optional(pool)
        .await?);
        Ok(earliest.flatten().map(|t| t + retention))
    }

    /// How many opinions a person submitted since `since` (for the flood limit).
    pub async fn count_since(&self, submitter: UserId, since: DateTime<Utc>) -> Result<i64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM opinions WHERE submitter_id = $1 AND created_at >= $2"
        )
        .bind(submitter)
        .bind(since)
        .fetch_one(pool)
        .await?))
    }

    /// Every opinion on a consultation, in receipt order.
    pub async fn on(&self, consultation: i64) -> Result<Vec<Opinion>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM opinions WHERE consultation_id = $1 ORDER BY id");
        let rows: Vec<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(consultation)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }
}
