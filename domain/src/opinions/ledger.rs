//! The ledger as a reviewer's table (the staff console's `/staff/review`): the opinions
//! in a reviewer's scope, filtered by consultation, article, status, channel, contact
//! point and text, one page at a time, with the number that match.
//!
//! The scope is applied in the same statement as the filters, so a liaison who names
//! another point in the filter gets an empty table, not that point's opinions. The
//! text filter is a plain substring match (case-insensitive for Latin letters) on the
//! opinion, its proposed wording and its receipt number: a reviewer looking for 牵绳
//! wants every opinion that says it, which word segmentation could miss, and a point's
//! ledger is hundreds of rows, not millions.

use super::{COLUMNS, OpinionRow, Opinions, Status, typed};
use crate::{
    Error,
    db::{like_literal, on_pool},
    opinions::{Channel, Opinion},
    review::{Scope, article_clause},
};

/// The longest text filter, in characters: a phrase, not a paragraph.
pub const TEXT_MAX_CHARS: usize = 100;

/// Which opinions the table shows; every field left `None` (the default) shows all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub consultation: Option<i64>,
    /// None: every article; Some(None): the whole draft; Some(Some(n)): article n.
    pub article: Option<Option<i32>>,
    pub status: Option<Status>,
    pub channel: Option<Channel>,
    /// A contact point's id (within the scope: another point's gives nothing).
    pub point: Option<i64>,
    /// Text the opinion, its proposed wording or its receipt number contains.
    pub text: Option<String>,
}

/// One page of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Newest consultation first, each in receipt order.
    pub opinions: Vec<Opinion>,
    /// How many opinions match the filter, on every page.
    pub total: i64,
}

/// `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the wildcards in `text` taken
/// literally.
fn pattern(text: &str) -> String {
    format!("%{}%", like_literal(&text.to_lowercase()))
}

/// The WHERE clause shared by the page and its count; the article's value is `$7`.
fn condition(scope: Scope, filter: &Filter) -> String {
    format!(
        "WHERE ($1 IS NULL OR consultation_id = $1)
           AND {}
           AND ($3 IS NULL OR point_id = $3)
           AND ($4 IS NULL OR status = $4)
           AND ($5 IS NULL OR channel = $5)
           AND ($6 IS NULL OR LOWER(body) LIKE $6 ESCAPE '\\'
                OR LOWER(COALESCE(proposed_wording, '')) LIKE $6 ESCAPE '\\'
                OR LOWER(receipt) LIKE $6 ESCAPE '\\'){}",
        scope.clause("point_id", 2),
        article_clause(filter.article, 7)
    )
}

impl Opinions<'_> {
    /// Up to `limit` opinions in `scope` matching `filter`, after skipping `offset`,
    /// and how many match in all.
    pub async fn table(
        &self,
        scope: Scope,
        filter: &Filter,
        offset: i64,
        limit: i64,
    ) -> Result<Page, Error> {
        let text: Option<String> = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| pattern(&t.chars().take(TEXT_MAX_CHARS).collect::<String>()));
        let status = filter.status.map(Status::as_str);
        let channel = filter.channel.map(Channel::as_str);
        let article = filter.article.flatten();
        let condition = condition(scope, filter);
        let rows_sql = format!(
            "SELECT {COLUMNS} FROM opinions {condition}
             ORDER BY consultation_id DESC, id LIMIT $8 OFFSET $9"
        );
        let count_sql = format!("SELECT COUNT(*) FROM opinions {condition}");
        // The same values for $1..$7 in both statements.
        macro_rules! filtered {
            ($query:expr) => {
                $query
                    .bind(filter.consultation)
                    .bind(scope.param())
                    .bind(filter.point)
                    .bind(status)
                    .bind(channel)
                    .bind(text.as_deref())
                    .bind(article)
            };
        }
        let (rows, total): (Vec<OpinionRow>, i64) = on_pool!(self.0, |pool| {
            let rows = filtered!(sqlx::query_as(&rows_sql))
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total = filtered!(sqlx::query_scalar(&count_sql))
                .fetch_one(pool)
                .await?;
            (rows, total)
        });
        Ok(Page {
            opinions: typed(rows)?,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_filter_takes_wildcards_literally() {
        assert_eq!(pattern("牵绳"), "%牵绳%");
        assert_eq!(pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(pattern("C1-0001"), "%c1-0001%");
    }
}
