//! Statistics of one consultation's opinions, as a liaison (their contact point only)
//! or an admin (every point) may see them: counts by contact point, article, stance,
//! status and channel.
//!
//! Withdrawn opinions are counted only under status (so the statuses add up to every
//! opinion received); every other breakdown counts the opinions that still stand.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    consultations::{Consultation, State},
    db::{WritePool, on_pool},
    i18n::Locales,
    opinions::{Channel, Stance, Status},
    people::Locale,
    review::{STATUSES, Scope},
};

/// Opinions on one article (None: on the whole draft).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCount {
    pub number: Option<i32>,
    /// As the draft names it (第三条); None for the whole draft.
    pub label: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationStats {
    pub consultation_id: i64,
    pub title: String,
    /// An open call: its suggestions have no article and no stance to count, so
    /// those figures (and the chart per article) are left out where they are shown.
    pub open_call: bool,
    /// Opinions that still stand (not withdrawn).
    pub total: i64,
    /// Per contact point name (None: no contact point), largest first.
    pub by_point: Vec<(Option<String>, i64)>,
    /// Per district name (None: a point in no district, or no point), largest first:
    /// the city's figures rolled up for the county tier.
    pub by_district: Vec<(Option<String>, i64)>,
    /// The whole draft first, then articles in order.
    pub by_article: Vec<ArticleCount>,
    /// One per [`Stance::ALL`], in that order.
    pub by_stance: Vec<(Stance, i64)>,
    /// One per [`STATUSES`] (withdrawn included).
    pub by_status: Vec<(Status, i64)>,
    /// Per channel, largest first.
    pub by_channel: Vec<(Channel, i64)>,
}

/// At most this many bars in a chart of opinions per article (chat's picture and the
/// console's SVG alike): beyond it, the most commented articles. The counts of every
/// article are listed beside the chart anyway.
pub const CHART_BARS: usize = 40;

impl ConsultationStats {
    /// The articles a chart of opinions per article shows: every one, or the
    /// [`CHART_BARS`] most commented (the earlier one on a tie), in draft order.
    pub fn chart_articles(&self) -> Vec<&ArticleCount> {
        let mut keep: Vec<usize> = (0..self.by_article.len()).collect();
        if keep.len() > CHART_BARS {
            keep.sort_by(|a, b| {
                self.by_article[*b]
                    .count
                    .cmp(&self.by_article[*a].count)
                    .then(a.cmp(b))
            });
            keep.truncate(CHART_BARS);
            keep.sort_unstable();
        }
        keep.into_iter().map(|i| &self.by_article[i]).collect()
    }
}

/// An article's name in a chart or a count: 整部草案, the draft's own label (第三条) in
/// Chinese, 「Art. 3」 in English.
pub fn article_name(locales: &Locales, locale: Locale, a: &ArticleCount) -> String {
    let l = locales.get(locale);
    match (a.number, &a.label) {
        (None, _) => fl!(l, "opinion-whole-draft"),
        (Some(_), Some(label)) if locale == Locale::ZhCn => label.clone(),
        (Some(n), _) => fl!(l, "stats-chart-bar", n = n),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    point_name: Option<String>,
    district_name: Option<String>,
    article_number: Option<i32>,
    article_label: Option<String>,
    stance: String,
    status: String,
    channel: String,
}

fn largest_first<K: Ord + Clone>(map: BTreeMap<K, i64>) -> Vec<(K, i64)> {
    let mut v: Vec<(K, i64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

pub struct Stats<'a>(&'a Db);

impl Db {
    pub fn stats(&self) -> Stats<'_> {
        Stats(self)
    }
}

impl Stats<'_> {
    /// The consultations a person with `scope` may ask statistics for, newest first:
    /// every one that was published (admins), or those that reach the point or hold
    /// opinions of it (liaisons).
    pub async fn consultations(&self, scope: Scope) -> Result<Vec<Consultation>, Error> {
        let mut all = self
            .0
            .consultations()
            .list(&[
                State::Open,
                State::Closed,
                State::Concluded,
                State::Withdrawn,
            ])
            .await?;
        all.sort_by_key(|c| std::cmp::Reverse(c.id));
        let points: Vec<i64> = match scope {
            Scope::All => return Ok(all),
            Scope::Point(p) => vec![p],
            Scope::District(d) => self
                .0
                .points()
                .in_district(d)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect(),
        };
        let sql = format!(
            "SELECT DISTINCT consultation_id FROM opinions WHERE {}",
            scope.clause("point_id", 1)
        );
        let with_opinions: Vec<i64> = on_pool!(self.0, |pool| sqlx::query_scalar(&sql)
            .bind(scope.param())
            .fetch_all(pool)
            .await?);
        Ok(all
            .into_iter()
            .filter(|c| points.iter().any(|p| c.reaches(*p)) || with_opinions.contains(&c.id))
            .collect())
    }

    /// The statistics of one consultation within `scope`; None when it does not exist
    /// or is not the person's to see.
    pub async fn of(
        &self,
        consultation: i64,
        scope: Scope,
    ) -> Result<Option<ConsultationStats>, Error> {
        let Some(c) = self
            .consultations(scope)
            .await?
            .into_iter()
            .find(|c| c.id == consultation)
        else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT p.name AS point_name, d.name AS district_name, o.article_number,
                 o.article_label, o.stance, o.status, o.channel
             FROM opinions o LEFT JOIN contact_points p ON p.id = o.point_id
                 LEFT JOIN districts d ON d.id = p.district_id
             WHERE o.consultation_id = $1 AND {}",
            scope.clause("o.point_id", 2)
        );
        let rows: Vec<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(consultation)
            .bind(scope.param())
            .fetch_all(pool)
            .await?);
        let mut by_point = BTreeMap::new();
        let mut by_district = BTreeMap::new();
        let mut by_article: BTreeMap<Option<i32>, ArticleCount> = BTreeMap::new();
        let mut by_stance = [0i64; 5];
        let mut by_status: BTreeMap<Status, i64> = BTreeMap::new();
        let mut by_channel = BTreeMap::new();
        let mut total = 0;
        for r in rows {
            let status = Status::try_from(r.status.as_str())?;
            let stance = Stance::try_from(r.stance.as_str())?;
            let channel = Channel::try_from(r.channel.as_str())?;
            *by_status.entry(status).or_default() += 1;
            if !status.counts() {
                continue;
            }
            total += 1;
            *by_point.entry(r.point_name).or_default() += 1;
            *by_district.entry(r.district_name).or_default() += 1;
            let a = by_article
                .entry(r.article_number)
                .or_insert_with(|| ArticleCount {
                    number: r.article_number,
                    label: r.article_label.clone(),
                    count: 0,
                });
            a.count += 1;
            if let Some(i) = Stance::ALL.iter().position(|s| *s == stance) {
                by_stance[i] += 1;
            }
            *by_channel.entry(channel).or_default() += 1;
        }
        let statuses: Vec<(Status, i64)> = STATUSES
            .iter()
            .map(|s| (*s, by_status.get(s).copied().unwrap_or(0)))
            .collect();
        Ok(Some(ConsultationStats {
            consultation_id: c.id,
            open_call: c.is_open_call(),
            title: c.title,
            total,
            by_point: largest_first(by_point),
            by_district: largest_first(by_district),
            // BTreeMap orders None (the whole draft) first, then articles in order.
            by_article: by_article.into_values().collect(),
            by_stance: Stance::ALL.into_iter().zip(by_stance).collect(),
            by_status: statuses,
            by_channel: largest_first(by_channel),
        }))
    }

    /// Writes an audit entry for a look at statistics (who looked at what is part of
    /// the record, like exports).
    pub async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            record!(&mut *tx, entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Records that `actor` looked at a consultation's statistics.
    pub async fn viewed(
        &self,
        actor: Actor,
        consultation: i64,
        point: Option<&str>,
        district: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(actor, "stats.view", format!("consultation:{consultation}"))
            .detail(match district {
                Some(d) => serde_json::json!({ "point": point, "district": d }),
                None => serde_json::json!({ "point": point }),
            });
        self.audit(&entry, now).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_articles(counts: &[i64]) -> ConsultationStats {
        ConsultationStats {
            consultation_id: 1,
            open_call: false,
            title: String::new(),
            total: counts.iter().sum(),
            by_point: vec![],
            by_district: vec![],
            by_article: counts
                .iter()
                .enumerate()
                .map(|(i, count)| ArticleCount {
                    number: Some(i as i32 + 1),
                    label: None,
                    count: *count,
                })
                .collect(),
            by_stance: vec![],
            by_status: vec![],
            by_channel: vec![],
        }
    }

    #[test]
    fn a_chart_keeps_the_most_commented_articles_in_draft_order() {
        let few = with_articles(&[3, 1, 2]);
        assert_eq!(few.chart_articles().len(), 3);
        let mut counts = vec![1; CHART_BARS + 5];
        counts[CHART_BARS + 4] = 9;
        let many = with_articles(&counts);
        let kept = many.chart_articles();
        assert_eq!(kept.len(), CHART_BARS);
        // The last article is kept for its count; ties keep the earlier ones.
        assert_eq!(
            kept.last().and_then(|a| a.number),
            Some(CHART_BARS as i32 + 5)
        );
        assert_eq!(kept[CHART_BARS - 2].number, Some(CHART_BARS as i32 - 1));
    }
}
