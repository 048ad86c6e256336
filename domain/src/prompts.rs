//! Prompts: a question a liaison or admin puts to the groups about a consultation
//! (or one article), optionally with answer options. Residents answer by replying
//! (an opinion, or a held reply before consent) or by pressing an option button.
//!
//! Votes are keyed by the keyed hash of the voter (see [`crate::held`]); they count in
//! the tally at once and become stance-only opinions (channel `prompt_vote`, stance
//! `other`, the option's text as the body) once the voter has consented. A prompt is
//! open exactly while its consultation is.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Db, Error, UserId,
    db::{WritePool, on_pool},
    deliveries::About,
    opinions::{Channel, Identity, NewOpinion, Stance},
};

/// Answer options: none, or 2 to 6.
pub const MAX_OPTIONS: usize = 6;
/// Longest question and option, in characters.
pub const MAX_QUESTION: usize = 500;
pub const MAX_OPTION: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Prompt {
    pub id: i64,
    pub consultation_id: i64,
    pub article_number: Option<i32>,
    pub article_label: Option<String>,
    pub question: String,
    /// JSON array of the options' texts.
    options: String,
    /// draft (waiting for its target), sent, cancelled.
    pub state: String,
    pub only_point: Option<i64>,
    pub target_chat: Option<i64>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl Prompt {
    pub fn options(&self) -> Vec<String> {
        serde_json::from_str(&self.options).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrompt {
    pub consultation_id: i64,
    pub article: Option<(u32, String)>,
    pub question: String,
    pub options: Vec<String>,
    /// A liaison's prompts reach only their own point's groups.
    pub only_point: Option<i64>,
    pub created_by: UserId,
}

/// Why a `/prompt` line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptProblem {
    NoQuestion,
    QuestionTooLong,
    OptionCount,
    OptionTooLong,
}

/// The parts of `/prompt 12 [第五条] 问题 | 选项1 | 选项2` after the consultation id:
/// the optional article (as typed), the question and the options.
pub fn parse_line(rest: &str) -> Result<(Option<String>, String, Vec<String>), PromptProblem> {
    let mut parts = rest.split(['|', '｜']).map(str::trim);
    let head = parts.next().unwrap_or_default();
    let options: Vec<String> = parts.filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let (article, question) = match head.split_once(char::is_whitespace) {
        Some((first, q)) if looks_like_article(first) => (Some(first.to_owned()), q.trim()),
        _ if looks_like_article(head) => return Err(PromptProblem::NoQuestion),
        _ => (None, head),
    };
    if question.is_empty() {
        return Err(PromptProblem::NoQuestion);
    }
    if question.chars().count() > MAX_QUESTION {
        return Err(PromptProblem::QuestionTooLong);
    }
    if options.len() == 1 || options.len() > MAX_OPTIONS {
        return Err(PromptProblem::OptionCount);
    }
    if options.iter().any(|o| o.chars().count() > MAX_OPTION) {
        return Err(PromptProblem::OptionTooLong);
    }
    Ok((article, question.to_owned(), options))
}

/// 第五条, 第5条, 5, [第五条], 【第五条】.
fn looks_like_article(word: &str) -> bool {
    let w = word.trim_matches(['[', ']', '【', '】']);
    (w.starts_with('第') && w.ends_with('条'))
        || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// What a group message the bot sent was about (for replies to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// An announcement, reminder or other card of this consultation.
    Consultation(i64),
    Prompt(i64),
}

/// Who pressed: their keyed hash, their id once they consented, and where.
#[derive(Debug, Clone, Copy)]
pub struct Voter<'a> {
    pub hash: &'a str,
    pub consented: Option<UserId>,
    pub chat: Option<i64>,
    pub point: Option<i64>,
}

/// What a press did to the person's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOutcome {
    Cast,
    Changed,
    Withdrawn,
}

/// One line of /prompts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptStats {
    pub prompt: Prompt,
    /// Replies kept as opinions, plus replies still held.
    pub replies: i64,
    /// Votes per option, in option order.
    pub tally: Vec<i64>,
}

const COLUMNS: &str = "id, consultation_id, article_number, article_label, question, options,
    state, only_point, target_chat, created_by, created_at, sent_at";

pub struct Prompts<'a>(&'a Db);

impl Db {
    pub fn prompts(&self) -> Prompts<'_> {
        Prompts(self)
    }
}

impl Prompts<'_> {
    /// Cuts a person's votes loose from them (/forget): each vote keeps counting in its
    /// prompt's tally, but under a random key that no hash of any id can match.
    pub async fn unlink_votes(&self, voter_hash: &str) -> Result<u64, Error> {
        use rand::RngCore;
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt: String = salt.iter().map(|b| format!("{b:02x}")).collect();
        on_pool!(self.0, |pool| {
            Ok(sqlx::query(
            "UPDATE prompt_votes SET voter_hash = 'forgotten:' || $2 || ':' || CAST(prompt_id AS TEXT)
             WHERE voter_hash = $1"
        )
        .bind(voter_hash)
        .bind(&salt)
        .execute(pool)
        .await?
        .rows_affected())
        })
    }

    /// Stores a prompt as a draft, waiting for its target.
    pub async fn create(&self, new: &NewPrompt, now: DateTime<Utc>) -> Result<Prompt, Error> {
        // A prompt asks about a draft; its answers are opinions, which an open call
        // (立法项目征集) does not take.
        self.0
            .consultations()
            .get(new.consultation_id)
            .await?
            .ok_or(Error::UnknownConsultation(new.consultation_id))?
            .expect_kind(crate::open_calls::Kind::Regulation)?;
        let (number, label) = match &new.article {
            Some((n, l)) => (Some(*n as i32), Some(l.clone())),
            None => (None, None),
        };
        let options = serde_json::to_string(&new.options).unwrap_or_else(|_| "[]".into());
        let id: i64 = on_pool!(self.0, |pool| {
            sqlx::query_scalar(
            "INSERT INTO prompts (consultation_id, article_number, article_label, question, options,
                 state, only_point, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8) RETURNING id"
        )
        .bind(new.consultation_id)
        .bind(number)
        .bind(&label)
        .bind(&new.question)
        .bind(&options)
        .bind(new.only_point)
        .bind(new.created_by)
        .bind(now)
        .fetch_one(pool)
        .await?
        });
        self.get(id)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    pub async fn get(&self, id: i64) -> Result<Option<Prompt>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM prompts WHERE id = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?))
    }

    /// Marks a draft prompt sent (to one chat, or to all in scope); false when it was
    /// not a draft any more (a second press).
    pub async fn mark_sent(
        &self,
        id: i64,
        target_chat: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let n = on_pool!(self.0, |pool| sqlx::query(
            "UPDATE prompts SET state = 'sent', target_chat = $2, sent_at = $3
             WHERE id = $1 AND state = 'draft'"
        )
        .bind(id)
        .bind(target_chat)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(n > 0)
    }

    pub async fn cancel(&self, id: i64) -> Result<bool, Error> {
        let n = on_pool!(self.0, |pool| sqlx::query(
            "UPDATE prompts SET state = 'cancelled' WHERE id = $1 AND state = 'draft'"
        )
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(n > 0)
    }

    /// Sent prompts, newest first: all, or those reaching `point` (created by its
    /// liaison or sent to all points).
    pub async fn sent(&self, point: Option<i64>, limit: i64) -> Result<Vec<Prompt>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM prompts WHERE state = 'sent'
                 AND ($1 IS NULL OR only_point IS NULL OR only_point = $1)
             ORDER BY id DESC LIMIT $2"
        );
        let point: Option<i64> = point;
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(point)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// A prompt's replies and tally.
    pub async fn stats(&self, prompt: Prompt) -> Result<PromptStats, Error> {
        let (replies, votes): (i64, Vec<(i32, i64)>) = on_pool!(self.0, |pool| {
            let replies: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM prompt_replies r JOIN opinions o ON o.id = r.opinion_id
                            WHERE r.prompt_id = $1 AND o.status <> 'withdrawn')
                      + (SELECT COUNT(*) FROM held_replies WHERE prompt_id = $1)",
            )
            .bind(prompt.id)
            .fetch_one(pool)
            .await?;
            let votes: Vec<(i32, i64)> = sqlx::query_as(
                "SELECT option_index, COUNT(*) FROM prompt_votes WHERE prompt_id = $1
                 GROUP BY option_index",
            )
            .bind(prompt.id)
            .fetch_all(pool)
            .await?;
            (replies, votes)
        });
        let mut tally = vec![0; prompt.options().len()];
        for (i, n) in votes {
            if let Some(slot) = usize::try_from(i).ok().and_then(|i| tally.get_mut(i)) {
                *slot = n;
            }
        }
        Ok(PromptStats {
            prompt,
            replies,
            tally,
        })
    }

    /// What a bot message in a group was, if it was a delivered card or prompt.
    pub async fn sent_message(&self, chat: i64, message_id: i32) -> Result<Option<Sent>, Error> {
        let row: Option<(String, String)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT purpose, subject FROM deliveries
             WHERE chat_id = $1 AND message_id = $2 AND state = 'sent'
             ORDER BY id DESC LIMIT 1"
        )
        .bind(chat)
        .bind(message_id)
        .fetch_optional(pool)
        .await?);
        Ok(row.and_then(|(purpose, subject)| classify(&purpose, &subject)))
    }

    /// Records that a reply opinion answered a prompt.
    pub async fn link_reply(&self, prompt: i64, opinion: i64) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO prompt_replies (prompt_id, opinion_id) VALUES ($1, $2)
             ON CONFLICT (prompt_id, opinion_id) DO NOTHING"
        )
        .bind(prompt)
        .bind(opinion)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Applies a press: casts, changes or (pressing the same option) withdraws the vote.
    /// When the voter has consented, the vote is also kept as their opinion.
    pub async fn press(
        &self,
        prompt: &Prompt,
        voter: &Voter<'_>,
        option: u8,
        now: DateTime<Utc>,
    ) -> Result<VoteOutcome, Error> {
        let index = i32::from(option);
        let before: Option<(i32, Option<i64>)> = on_pool!(self.0, |pool| {
            sqlx::query_as(
            "SELECT option_index, opinion_id FROM prompt_votes WHERE prompt_id = $1 AND voter_hash = $2"
        )
        .bind(prompt.id)
        .bind(voter.hash)
        .fetch_optional(pool)
        .await?
        });
        let outcome = match before {
            Some((i, _)) if i == index => VoteOutcome::Withdrawn,
            Some(_) => VoteOutcome::Changed,
            None => VoteOutcome::Cast,
        };
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            if outcome == VoteOutcome::Withdrawn {
                sqlx::query("DELETE FROM prompt_votes WHERE prompt_id = $1 AND voter_hash = $2")
                    .bind(prompt.id)
                    .bind(voter.hash)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(
                    "INSERT INTO prompt_votes (prompt_id, voter_hash, option_index, voted_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (prompt_id, voter_hash) DO UPDATE
                         SET option_index = excluded.option_index, voted_at = excluded.voted_at",
                )
                .bind(prompt.id)
                .bind(voter.hash)
                .bind(index)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        let opinion = before.and_then(|(_, o)| o);
        if outcome == VoteOutcome::Withdrawn {
            if let Some(o) = opinion {
                self.withdraw_vote_opinion(o, now).await?;
            }
        } else if voter.consented.is_some() {
            self.keep_votes(voter, now).await?;
            if let (VoteOutcome::Changed, Some(o)) = (outcome, opinion) {
                let body = prompt
                    .options()
                    .get(usize::from(option))
                    .cloned()
                    .unwrap_or_default();
                self.rewrite_vote_opinion(o, &body, now).await?;
            }
        }
        Ok(outcome)
    }

    /// Turns the voter's votes that are not opinions yet into stance-only opinions
    /// with their id (they have consented). Returns how many.
    pub async fn keep_votes(&self, voter: &Voter<'_>, now: DateTime<Utc>) -> Result<usize, Error> {
        let Some(user) = voter.consented else {
            return Ok(0);
        };
        let pending: Vec<(i64, i32)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT prompt_id, option_index FROM prompt_votes
             WHERE voter_hash = $1 AND opinion_id IS NULL"
        )
        .bind(voter.hash)
        .fetch_all(pool)
        .await?);
        let mut kept = 0;
        for (prompt_id, index) in pending {
            let Some(prompt) = self.get(prompt_id).await? else {
                continue;
            };
            let Some(c) = self.0.consultations().get(prompt.consultation_id).await? else {
                continue;
            };
            let body = usize::try_from(index)
                .ok()
                .and_then(|i| prompt.options().get(i).cloned())
                .unwrap_or_default();
            let new = NewOpinion {
                submission_key: format!("pv:{prompt_id}:{user}"),
                consultation_id: c.id,
                version: c.version,
                article: prompt
                    .article_number
                    .zip(prompt.article_label.clone())
                    .map(|(n, l)| (n.max(0) as u32, l)),
                stance: Stance::Other,
                body: body.clone(),
                proposed_wording: None,
                identity: Identity::Anonymous,
                submitter_id: Some(user),
                submitter_name: None,
                organization: None,
                occupation: None,
                district: None,
                consent_details: true,
                consent_quote: false,
                channel: Channel::PromptVote,
                source_chat: voter.chat.or(prompt.target_chat),
                point_id: voter.point.or(prompt.only_point),
                recorded_by: None,
            };
            let opinion = self.0.opinions().submit(&new, now).await?;
            // Submitted before and withdrawn since: the same opinion, voted again.
            self.rewrite_vote_opinion(opinion.id, &body, now).await?;
            on_pool!(self.0, |pool| sqlx::query(
                "UPDATE prompt_votes SET opinion_id = $3 WHERE prompt_id = $1 AND voter_hash = $2"
            )
            .bind(prompt_id)
            .bind(voter.hash)
            .bind(opinion.id)
            .execute(pool)
            .await
            .map(drop)?);
            kept += 1;
        }
        Ok(kept)
    }

    async fn rewrite_vote_opinion(
        &self,
        id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE opinions SET body = $2, status = 'received', withdrawn_at = NULL,
                 edited_at = CASE WHEN body = $2 THEN edited_at ELSE $3 END
             WHERE id = $1 AND channel = 'prompt_vote'"
        )
        .bind(id)
        .bind(body)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    async fn withdraw_vote_opinion(&self, id: i64, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE opinions SET status = 'withdrawn', withdrawn_at = $2
             WHERE id = $1 AND channel = 'prompt_vote'"
        )
        .bind(id)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }
}

/// announce / reminder / deadline deliveries are about a consultation; prompts about a question.
fn classify(purpose: &str, subject: &str) -> Option<Sent> {
    match (purpose, About::of(subject)) {
        ("prompt", About::Prompt(id)) => Some(Sent::Prompt(id)),
        ("announce" | "reminder" | "deadline", About::Consultation { id, .. }) => {
            Some(Sent::Consultation(id))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_lines_parse() {
        assert_eq!(
            parse_line("第五条 该不该限时遛狗？ | 应该 | 不应该"),
            Ok((
                Some("第五条".into()),
                "该不该限时遛狗？".into(),
                vec!["应该".into(), "不应该".into()]
            ))
        );
        assert_eq!(
            parse_line("大家怎么看？"),
            Ok((None, "大家怎么看？".into(), vec![]))
        );
        assert_eq!(parse_line("第五条"), Err(PromptProblem::NoQuestion));
        assert_eq!(parse_line("问题 | 一个"), Err(PromptProblem::OptionCount));
        assert_eq!(
            parse_line("问题 | 1 | 2 | 3 | 4 | 5 | 6 | 7"),
            Err(PromptProblem::OptionCount)
        );
    }

    #[test]
    fn deliveries_are_classified() {
        assert_eq!(classify("announce", "c12:v2"), Some(Sent::Consultation(12)));
        assert_eq!(
            classify("announce", "c12:v2:again:99"),
            Some(Sent::Consultation(12))
        );
        assert_eq!(classify("reminder", "c3:3d"), Some(Sent::Consultation(3)));
        assert_eq!(
            classify("deadline", "c3:until:1800000000"),
            Some(Sent::Consultation(3))
        );
        assert_eq!(classify("prompt", "p7"), Some(Sent::Prompt(7)));
        assert_eq!(classify("closing", "c3"), None);
        assert_eq!(classify("prompt", "x"), None);
    }
}
