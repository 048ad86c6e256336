//! Questions the FAQ could not answer, kept so that the staff learn what residents ask
//! and an admin can answer them (the answer becomes an entry, found next time).
//!
//! Who asked is not stored: only the question, how often it was asked, and the contact
//! point of the group it was asked in (when it was asked in a linked group), so that a
//! liaison sees what their residents ask.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Entry, Faq, NewEntry, tokenize, upsert};
use crate::{
    Actor, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
};

/// Questions are stored up to this many characters.
const QUESTION_MAX: usize = 500;

/// Which logged questions a person may see: every one (admins), or a liaison's point's
/// and those asked where no contact point is known (private chat, inline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnansweredScope {
    All,
    Point(i64),
}

impl UnansweredScope {
    fn point(self) -> Option<i64> {
        match self {
            UnansweredScope::All => None,
            UnansweredScope::Point(p) => Some(p),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Unanswered {
    pub id: i64,
    pub question: String,
    pub point_id: Option<i64>,
    /// How many times the same question (same words, any order) was asked.
    pub times: i32,
    pub asked_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    /// open, answered or dismissed.
    pub state: String,
    pub entry_id: Option<i64>,
}

const COLUMNS: &str = "id, question, point_id, times, asked_at, last_at, state, entry_id";

/// An entry's question holds 200 characters; a longer logged question is cut to this
/// many and marked with 「…」.
const ENTRY_QUESTION_CHARS: usize = 190;

impl Unanswered {
    /// The entry answering this question, as chat's 「回答」 and the console's form make
    /// it: key `q<id>` (so answering again replaces it), the question as asked, the
    /// answer and its legal reference; every problem, by field.
    pub fn entry(
        &self,
        answer: &str,
        law: &str,
        article: &str,
    ) -> Result<NewEntry, Vec<(super::FaqField, super::Problem)>> {
        let mut question: String = self.question.chars().take(ENTRY_QUESTION_CHARS).collect();
        if self.question.chars().count() > ENTRY_QUESTION_CHARS {
            question.push('…');
        }
        NewEntry::parse(
            &format!("q{}", self.id),
            &question,
            &[],
            answer,
            law,
            article,
            &[],
            (None, None),
        )
    }

    /// Whether it still waits for an answer (not answered, not set aside).
    pub fn is_open(&self) -> bool {
        self.state == "open"
    }
}

impl Faq<'_> {
    /// Logs a question nobody could answer; the same question still open is counted
    /// again rather than listed twice. A question with no words is not logged.
    pub async fn log_unanswered(
        &self,
        question: &str,
        point: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, Error> {
        let normalized = tokenize::normalized(question);
        if normalized.is_empty() {
            return Ok(None);
        }
        let question: String = question.trim().chars().take(QUESTION_MAX).collect();
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM faq_unanswered WHERE normalized = $1 AND state = 'open'
                 ORDER BY id LIMIT 1",
            )
            .bind(&normalized)
            .fetch_optional(&mut *tx)
            .await?;
            let id = match existing {
                Some(id) => {
                    sqlx::query(
                        "UPDATE faq_unanswered SET times = times + 1, last_at = $2,
                             point_id = COALESCE(point_id, $3) WHERE id = $1",
                    )
                    .bind(id)
                    .bind(now)
                    .bind(point)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
                None => sqlx::query_scalar(
                    "INSERT INTO faq_unanswered (question, normalized, point_id, asked_at, last_at)
                         VALUES ($1, $2, $3, $4, $4) RETURNING id",
                )
                .bind(&question)
                .bind(&normalized)
                .bind(point)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?,
            };
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    /// The open questions in scope, most recently asked first.
    pub async fn unanswered(
        &self,
        scope: UnansweredScope,
        limit: i64,
    ) -> Result<Vec<Unanswered>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM faq_unanswered WHERE state = 'open'
             AND ($1 IS NULL OR point_id = $1 OR point_id IS NULL)
             ORDER BY last_at DESC, id DESC LIMIT $2"
        );
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(scope.point())
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// How many questions in scope are open.
    pub async fn unanswered_count(&self, scope: UnansweredScope) -> Result<i64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM faq_unanswered WHERE state = 'open'
             AND ($1 IS NULL OR point_id = $1 OR point_id IS NULL)"
        )
        .bind(scope.point())
        .fetch_one(pool)
        .await?))
    }

    pub async fn unanswered_get(&self, id: i64) -> Result<Option<Unanswered>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM faq_unanswered WHERE id = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?))
    }

    /// Stores `entry` as the answer to an open question and closes the question, in one
    /// transaction with its audit entry. None when the question is no longer open (it
    /// was answered or dismissed meanwhile, or the button is stale).
    pub async fn answer_unanswered(
        &self,
        id: i64,
        entry: &NewEntry,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<Entry>, Error> {
        let audit = AuditEntry::new(actor, "faq.answer", format!("faq:{}", entry.key))
            .detail(serde_json::json!({ "unanswered": id }));
        let done = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let open: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM faq_unanswered WHERE id = $1 AND state = 'open'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if open.is_none() {
                tx.rollback().await?;
                false
            } else {
                let entry_id = upsert!(&mut tx, self.0, entry, now);
                sqlx::query(
                    "UPDATE faq_unanswered SET state = 'answered', entry_id = $2,
                         handled_by = $3, handled_at = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(entry_id)
                .bind(actor.id())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                record!(&mut *tx, &audit, now);
                tx.commit().await?;
                true
            }
        });
        if !done {
            return Ok(None);
        }
        self.by_key(&entry.key).await
    }

    /// Sets an open question aside (spam, not a legal question). False when it was no
    /// longer open.
    pub async fn dismiss_unanswered(
        &self,
        id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let audit = AuditEntry::new(actor, "faq.dismiss", format!("faq-unanswered:{id}"));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "UPDATE faq_unanswered SET state = 'dismissed', handled_by = $2, handled_at = $3
                 WHERE id = $1 AND state = 'open'",
            )
            .bind(id)
            .bind(actor.id())
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            record!(&mut *tx, &audit, now);
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Whether the bot may post one more FAQ answer in a group now: at most `per_minute`
    /// in any minute, so that answers never crowd out announcements within Telegram's
    /// 20 messages a minute per group. Counts the answer when allowed.
    pub async fn take_group_slot(
        &self,
        chat: i64,
        per_minute: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let since = now - chrono::Duration::minutes(1);
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM faq_group_answers WHERE chat_id = $1 AND at <= $2")
                .bind(chat)
                .bind(since)
                .execute(&mut *tx)
                .await?;
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM faq_group_answers WHERE chat_id = $1")
                    .bind(chat)
                    .fetch_one(&mut *tx)
                    .await?;
            if n >= per_minute {
                tx.rollback().await?;
                return Ok(false);
            }
            sqlx::query("INSERT INTO faq_group_answers (chat_id, at) VALUES ($1, $2)")
                .bind(chat)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
