//! Keeping liaisons on top of their ledger: a daily digest of the new opinions for
//! their contact point, and a reminder shortly before a deadline while some of their
//! point's opinions are still unreviewed.
//!
//! This module decides *what* is due and remembers what was done (migration 0012);
//! the handlers render the messages and queue them. Every "done" mark is written
//! after the messages were queued, and the queue is idempotent per (purpose, subject,
//! chat), so a crash in between repeats nothing and loses nothing.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{
    Db, Error, UserId,
    consultations::{Consultation, State},
    db::on_pool,
};

/// How long before a deadline liaisons are reminded of unreviewed opinions.
pub const REVIEW_REMINDER: Duration = Duration::days(2);

/// The first digest of a liaison covers at most this far back.
pub const FIRST_DIGEST_WINDOW: Duration = Duration::days(1);

/// New opinions of one consultation for one contact point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    pub consultation_id: i64,
    pub title: String,
    /// Opinions that arrived in the digest's window (withdrawn ones left out).
    pub new: i64,
    /// All of the point's opinions on it still waiting for review (status received).
    pub unreviewed: i64,
}

/// The moment `at` (local time of day in `tz`) on `day`. A time that a daylight-saving
/// jump skips is taken an hour later; it never fails.
fn local_at(day: NaiveDate, at: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let naive = day.and_time(at);
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

pub struct Digests<'a>(&'a Db);

impl Db {
    pub fn digests(&self) -> Digests<'_> {
        Digests(self)
    }
}

impl Digests<'_> {
    // ------------------------------------------------------------------ the daily digest

    async fn day_done(&self, day: NaiveDate) -> Result<bool, Error> {
        // COUNT(*), not `SELECT 1`: the literal is INT4 on PostgreSQL.
        let found: i64 = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM digest_days WHERE day = $1"
        )
        .bind(day)
        .fetch_one(pool)
        .await?);
        Ok(found > 0)
    }

    /// The local day whose digest is due now: today's, once its time has come and
    /// until it is done. A digest time missed while the bot was down is caught up at
    /// start the same day; an earlier day's is not (it would only repeat the next one).
    pub async fn due_day(
        &self,
        at: NaiveTime,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Option<NaiveDate>, Error> {
        let today = now.with_timezone(&tz).date_naive();
        if now >= local_at(today, at, tz) && !self.day_done(today).await? {
            return Ok(Some(today));
        }
        Ok(None)
    }

    /// When the next digest is due (now, if one is due already).
    pub async fn next_run(
        &self,
        at: NaiveTime,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Error> {
        let today = now.with_timezone(&tz).date_naive();
        let time = local_at(today, at, tz);
        if now < time {
            return Ok(time);
        }
        if !self.day_done(today).await? {
            return Ok(now);
        }
        let tomorrow = today.succ_opt().unwrap_or(today);
        Ok(local_at(tomorrow, at, tz))
    }

    /// Records that `day`'s digests were all queued.
    pub async fn finish_day(&self, day: NaiveDate, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO digest_days (day, done_at) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING"
        )
        .bind(day)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Where a liaison's next digest starts: when their previous digest was made, or
    /// (first digest) [`FIRST_DIGEST_WINDOW`] before `now`.
    pub async fn window_start(
        &self,
        liaison: UserId,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Error> {
        let covered: Option<DateTime<Utc>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT covered_until FROM liaison_digests WHERE telegram_id = $1"
        )
        .bind(liaison)
        .fetch_optional(pool)
        .await?);
        Ok(covered.unwrap_or(now - FIRST_DIGEST_WINDOW))
    }

    /// The point's opinions created in `(since, until]`, per consultation, with how
    /// many of the point's opinions on each are still unreviewed. Empty: nothing new.
    pub async fn new_opinions(
        &self,
        point: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<DigestLine>, Error> {
        let rows: Vec<(i64, String, i64, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT c.id, c.title,
                 SUM(CASE WHEN o.created_at > $2 AND o.created_at <= $3
                          AND o.status <> 'withdrawn' THEN 1 ELSE 0 END),
                 SUM(CASE WHEN o.status = 'received' THEN 1 ELSE 0 END)
             FROM opinions o JOIN consultations c ON c.id = o.consultation_id
             WHERE o.point_id = $1
             GROUP BY c.id, c.title ORDER BY c.id"
        )
        .bind(point)
        .bind(since)
        .bind(until)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .filter(|r| r.2 > 0)
            .map(|(consultation_id, title, new, unreviewed)| DigestLine {
                consultation_id,
                title,
                new,
                unreviewed,
            })
            .collect())
    }

    /// Moves a liaison's window on to `until`, once their digest was queued at `now`.
    pub async fn covered(
        &self,
        liaison: UserId,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO liaison_digests (telegram_id, covered_until, last_sent_at)
             VALUES ($1, $2, $3)
             ON CONFLICT (telegram_id) DO UPDATE SET covered_until = $2, last_sent_at = $3"
        )
        .bind(liaison)
        .bind(until)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    // ------------------------------------------------------------ the review reminder

    async fn reminded(&self, c: &Consultation) -> Result<bool, Error> {
        let found: i64 = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM review_reminders WHERE consultation_id = $1 AND deadline = $2"
        )
        .bind(c.id)
        .bind(c.closes_at)
        .fetch_one(pool)
        .await?);
        Ok(found > 0)
    }

    /// Open consultations whose review reminder is due: within [`REVIEW_REMINDER`] of
    /// their (current) deadline, not past it, and not yet reminded for that deadline.
    pub async fn reminders_due(&self, now: DateTime<Utc>) -> Result<Vec<Consultation>, Error> {
        let mut out = Vec::new();
        for c in self.0.consultations().list(&[State::Open]).await? {
            if c.closes_at - REVIEW_REMINDER <= now
                && now < c.closes_at
                && !self.reminded(&c).await?
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// When the next review reminder falls due, if any open consultation still has one.
    pub async fn next_reminder(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        let mut next: Option<DateTime<Utc>> = None;
        for c in self.0.consultations().list(&[State::Open]).await? {
            if c.closes_at <= now || self.reminded(&c).await? {
                continue;
            }
            let at = (c.closes_at - REVIEW_REMINDER).max(now);
            next = Some(next.map_or(at, |n| n.min(at)));
        }
        Ok(next)
    }

    /// Per contact point, how many of its opinions on the consultation are unreviewed
    /// (points with none left out).
    pub async fn unreviewed(&self, consultation: i64) -> Result<Vec<(i64, i64)>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT point_id, COUNT(*) FROM opinions
             WHERE consultation_id = $1 AND status = 'received' AND point_id IS NOT NULL
             GROUP BY point_id ORDER BY point_id"
        )
        .bind(consultation)
        .fetch_all(pool)
        .await?))
    }

    /// Records the reminder for the consultation's current deadline as done.
    pub async fn reminder_done(
        &self,
        c: &Consultation,
        liaisons: i64,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO review_reminders (consultation_id, deadline, done_at, liaisons)
             VALUES ($1, $2, $3, $4) ON CONFLICT (consultation_id, deadline) DO NOTHING"
        )
        .bind(c.id)
        .bind(c.closes_at)
        .bind(now)
        .bind(liaisons)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_time_is_local() {
        let tz = chrono_tz::Asia::Shanghai;
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let at = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        assert_eq!(
            local_at(day, at, tz),
            Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
        );
        // A time skipped by a daylight-saving jump is taken an hour later.
        let ny = chrono_tz::America::New_York;
        let spring = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let skipped = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            local_at(spring, skipped, ny),
            Utc.with_ymd_and_hms(2026, 3, 8, 7, 30, 0).unwrap()
        );
    }
}
