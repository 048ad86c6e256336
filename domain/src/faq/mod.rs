//! The law-popularization FAQ (普法问答): entries an admin imports from CSV or YAML
//! (or writes by answering a logged question), searched in Chinese with jieba tokens
//! stored beside the text, SQLite FTS5 (bm25) or PostgreSQL tsvector + GIN for the
//! candidates, and one backend-independent confidence so that both backends give the
//! same answers. Questions nobody could answer are logged for the staff.

mod file;
mod search;
pub mod tokenize;
mod unanswered;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, types::Json};

pub use file::{FileFormat, export, parse};
pub use search::{Hit, Search, THRESHOLD};
pub use unanswered::{Unanswered, UnansweredScope};

use i18n_embed_fl::fl;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    i18n::Locales,
    people::Locale,
};

/// At most this many entries in one file ([`crate::limits::FAQ_ENTRIES`]): a starter
/// set is 30–50, a city's a few hundred.
pub const MAX_ENTRIES: usize = crate::limits::FAQ_ENTRIES;

/// A field of an entry, as named in the file's header and in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqField {
    Key,
    Question,
    Alternatives,
    Answer,
    Law,
    Article,
    Tags,
    Consultation,
    ConsultationArticle,
}

impl FaqField {
    pub const ALL: [FaqField; 9] = [
        FaqField::Key,
        FaqField::Question,
        FaqField::Alternatives,
        FaqField::Answer,
        FaqField::Law,
        FaqField::Article,
        FaqField::Tags,
        FaqField::Consultation,
        FaqField::ConsultationArticle,
    ];

    /// The column name in CSV and the key in YAML.
    pub fn name(self) -> &'static str {
        match self {
            FaqField::Key => "key",
            FaqField::Question => "question",
            FaqField::Alternatives => "alternatives",
            FaqField::Answer => "answer",
            FaqField::Law => "law",
            FaqField::Article => "article",
            FaqField::Tags => "tags",
            FaqField::Consultation => "consultation",
            FaqField::ConsultationArticle => "consultation_article",
        }
    }

    /// Chinese headers staff may use instead (a spreadsheet made by hand): the
    /// glossary's word first, then the one used before it (条款).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            FaqField::Key => &["编号"],
            FaqField::Question => &["问题"],
            FaqField::Alternatives => &["其他问法"],
            FaqField::Answer => &["答案"],
            FaqField::Law => &["法律"],
            FaqField::Article => &["条文", "条款"],
            FaqField::Tags => &["标签"],
            FaqField::Consultation => &["草案编号"],
            FaqField::ConsultationArticle => &["草案条文", "草案条款"],
        }
    }

    pub fn from_header(raw: &str) -> Option<Self> {
        let raw = raw.trim().trim_start_matches('\u{feff}');
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(raw) || f.aliases().contains(&raw))
    }
}

/// What is wrong with a line of an imported file. Rendered in the reader's language
/// by the caller; carries what that message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required value is empty.
    Missing,
    /// Longer than allowed (characters).
    TooLong { max: usize },
    /// Shorter than allowed (characters).
    TooShort { min: usize },
    /// A key other than `a-z 0-9 - _`, a consultation other than `C12`, an article
    /// number that is not one, a line break in a one-line field.
    Format,
    /// The same key earlier in the file (at that line).
    DuplicateKey { first: usize },
    /// Too many items in a list field.
    TooMany { max: usize },
    /// No consultation has this number.
    UnknownConsultation,
    /// The consultation's current version has no such article.
    UnknownArticle,
    /// An article of a consultation needs the consultation too.
    ArticleWithoutConsultation,
    /// The file could not be read as CSV or YAML; the parser's words.
    Syntax(String),
    /// A required column is missing from the header.
    MissingColumn(&'static str),
    /// The file holds no entry.
    Empty,
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries { max: usize },
    /// Neither UTF-8 nor GB18030.
    Encoding,
    /// The file is larger than [`crate::limits::FAQ_FILE_BYTES`] (`limit`, in bytes).
    FileTooLarge { limit: u64 },
}

/// A problem in words, in `locale` — 「不能为空」, 「太长了（最多 200 字）」 — for every
/// channel: chat and the command line prefix it with the file's line and field, the
/// staff console shows it under the field of its form.
pub fn problem_words(
    locales: &Locales,
    locale: Locale,
    field: Option<FaqField>,
    problem: &Problem,
) -> String {
    let l = locales.get(locale);
    match problem {
        Problem::Missing => fl!(l, "faq-problem-missing"),
        Problem::TooLong { max } => fl!(l, "faq-problem-too-long", max = max),
        Problem::TooShort { min } => fl!(l, "faq-problem-too-short", min = min),
        Problem::Format => match field {
            Some(FaqField::Key) => fl!(l, "faq-problem-key"),
            Some(FaqField::Article) => fl!(l, "faq-problem-article"),
            _ => fl!(l, "faq-problem-format"),
        },
        Problem::DuplicateKey { first } => fl!(l, "faq-problem-duplicate", first = first),
        Problem::TooMany { max } => fl!(l, "faq-problem-too-many", max = max),
        Problem::UnknownConsultation => fl!(l, "faq-problem-unknown-consultation"),
        Problem::UnknownArticle => fl!(l, "faq-problem-unknown-article"),
        Problem::ArticleWithoutConsultation => fl!(l, "faq-problem-article-without-consultation"),
        Problem::Syntax(detail) => {
            // The parser's own words are English: the log keeps them, the person
            // reads where to look in theirs.
            tracing::debug!(%detail, "an FAQ file could not be parsed");
            fl!(l, "faq-problem-syntax")
        }
        Problem::MissingColumn(column) => {
            let column: &str = column;
            fl!(l, "faq-problem-missing-column", column = column)
        }
        Problem::Empty => fl!(l, "faq-problem-empty"),
        Problem::TooManyEntries { max } => fl!(l, "faq-problem-too-many-entries", max = max),
        Problem::Encoding => fl!(l, "faq-problem-encoding"),
        Problem::FileTooLarge { limit } => fl!(
            l,
            "faq-problem-file-too-large",
            max = (limit / crate::limits::MIB).to_string()
        ),
    }
}

/// One thing wrong with an imported file: the line a person sees in their editor, the
/// field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: Option<FaqField>,
    pub problem: Problem,
}

/// A link from an entry to an article of a consultation, so that a resident reading the
/// answer can give an opinion on that article while the consultation is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub consultation: i64,
    pub article: u32,
}

/// A validated entry, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub key: String,
    pub question: String,
    pub alternatives: Vec<String>,
    pub answer: String,
    /// The law's name, without 《》.
    pub law: String,
    /// The article(s), as written: 第二百八十八条.
    pub article: String,
    pub tags: Vec<String>,
    pub link: Option<Link>,
}

/// Limits, in characters.
const KEY_MAX: usize = 64;
const QUESTION: (usize, usize) = (2, 200);
const ANSWER: (usize, usize) = (10, 2000);
const LAW: (usize, usize) = (2, 80);
const ARTICLE_MAX: usize = 80;
const LIST_MAX: usize = 20;
const TAG_MAX: usize = 20;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A one-line text within `min..=max` characters.
fn line(raw: &str, (min, max): (usize, usize)) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    if s.contains(['\n', '\r']) || s.chars().any(char::is_control) {
        return Err(Problem::Format);
    }
    let n = chars(s);
    if n < min {
        return Err(Problem::TooShort { min });
    }
    if n > max {
        return Err(Problem::TooLong { max });
    }
    Ok(s.to_owned())
}

impl NewEntry {
    /// Validates every field and returns every problem, each with its field, so that a
    /// file is reported whole rather than one error per attempt.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        key: &str,
        question: &str,
        alternatives: &[String],
        answer: &str,
        law: &str,
        article: &str,
        tags: &[String],
        link: (Option<&str>, Option<&str>),
    ) -> Result<Self, Vec<(FaqField, Problem)>> {
        let mut errors = Vec::new();
        let mut check = |field, r: Result<String, Problem>| match r {
            Ok(v) => v,
            Err(p) => {
                errors.push((field, p));
                String::new()
            }
        };
        let key = check(FaqField::Key, entry_key(key));
        let question = check(FaqField::Question, line(question, QUESTION));
        let answer = {
            let a = answer.trim().replace("\r\n", "\n");
            let r = if a.is_empty() {
                Err(Problem::Missing)
            } else if chars(&a) < ANSWER.0 {
                Err(Problem::TooShort { min: ANSWER.0 })
            } else if chars(&a) > ANSWER.1 {
                Err(Problem::TooLong { max: ANSWER.1 })
            } else if a.chars().any(|c| c.is_control() && c != '\n') {
                Err(Problem::Format)
            } else {
                Ok(a)
            };
            check(FaqField::Answer, r)
        };
        let law = check(
            FaqField::Law,
            line(
                law.trim().trim_start_matches('《').trim_end_matches('》'),
                LAW,
            ),
        );
        let article = check(FaqField::Article, {
            line(article, (2, ARTICLE_MAX)).and_then(|a| {
                if a.contains('条') {
                    Ok(a)
                } else {
                    Err(Problem::Format)
                }
            })
        });
        let mut list = |field, items: &[String], max_len: (usize, usize)| {
            let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
            if items.len() > LIST_MAX {
                errors.push((field, Problem::TooMany { max: LIST_MAX }));
                return Vec::new();
            }
            let mut out = Vec::new();
            for item in items {
                match line(item, max_len) {
                    Ok(v) => out.push(v),
                    Err(p) => {
                        errors.push((field, p));
                        return Vec::new();
                    }
                }
            }
            out
        };
        let alternatives = list(FaqField::Alternatives, alternatives, QUESTION);
        let tags = list(FaqField::Tags, tags, (1, TAG_MAX));
        let link = match link {
            (None, None) => None,
            (None, Some(_)) => {
                errors.push((
                    FaqField::ConsultationArticle,
                    Problem::ArticleWithoutConsultation,
                ));
                None
            }
            (Some(c), a) => {
                let consultation = c
                    .trim()
                    .trim_start_matches(['C', 'c'])
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0);
                let article = match a {
                    Some(a) => crate::draft::article_number(a),
                    None => None,
                };
                match (consultation, article) {
                    (Some(consultation), Some(article)) => Some(Link {
                        consultation,
                        article,
                    }),
                    (None, _) => {
                        errors.push((FaqField::Consultation, Problem::Format));
                        None
                    }
                    (Some(_), None) => {
                        let p = if a.is_none() {
                            Problem::Missing
                        } else {
                            Problem::Format
                        };
                        errors.push((FaqField::ConsultationArticle, p));
                        None
                    }
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewEntry {
            key,
            question,
            alternatives,
            answer,
            law,
            article,
            tags,
            link,
        })
    }

    fn tokens(&self) -> Tokens {
        Tokens::of(
            &self.question,
            &self.alternatives,
            &self.tags,
            &self.answer,
            &self.law,
        )
    }
}

/// The tokens stored beside an entry's text, and the tokenizer that made them.
struct Tokens {
    /// What is searched as the question: the question, its other phrasings and tags,
    /// each phrase's tokens separated by ` | ` (which neither database indexes), so the
    /// scorer can tell how much of one phrasing a question covers.
    question: String,
    /// The answer and the law's name.
    answer: String,
    version: i64,
}

impl Tokens {
    fn of(
        question: &str,
        alternatives: &[String],
        tags: &[String],
        answer: &str,
        law: &str,
    ) -> Self {
        let question = std::iter::once(question)
            .chain(alternatives.iter().map(String::as_str))
            .chain(tags.iter().map(String::as_str))
            .map(tokenize::joined)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        Tokens {
            question,
            answer: tokenize::joined(&format!("{answer}\n{law}")),
            version: tokenize::fingerprint(),
        }
    }
}

/// `a-z 0-9 - _`, 1–64 characters: stable across re-imports, so it is what an import
/// updates by.
fn entry_key(raw: &str) -> Result<String, Problem> {
    let k = raw.trim();
    if k.is_empty() {
        return Err(Problem::Missing);
    }
    if k.len() > KEY_MAX {
        return Err(Problem::TooLong { max: KEY_MAX });
    }
    if !k
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Err(Problem::Format);
    }
    Ok(k.to_owned())
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub key: String,
    pub question: String,
    pub alternatives: Vec<String>,
    pub answer: String,
    pub law: String,
    pub article: String,
    pub tags: Vec<String>,
    pub link: Option<Link>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Entry {
    /// The legal reference as residents read it: 《中华人民共和国民法典》第二百八十八条.
    pub fn reference(&self) -> String {
        format!("《{}》{}", self.law, self.article)
    }

    fn same_content(&self, e: &NewEntry) -> bool {
        self.question == e.question
            && self.alternatives == e.alternatives
            && self.answer == e.answer
            && self.law == e.law
            && self.article == e.article
            && self.tags == e.tags
            && self.link == e.link
    }
}

#[derive(FromRow)]
struct Row {
    id: i64,
    key: String,
    question: String,
    alternatives: Json<Vec<String>>,
    answer: String,
    law: String,
    article: String,
    tags: Json<Vec<String>>,
    consultation_id: Option<i64>,
    article_number: Option<i32>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Row> for Entry {
    fn from(r: Row) -> Self {
        let link = match (r.consultation_id, r.article_number) {
            (Some(consultation), Some(article)) if article > 0 => Some(Link {
                consultation,
                article: article as u32,
            }),
            _ => None,
        };
        Entry {
            id: r.id,
            key: r.key,
            question: r.question,
            alternatives: r.alternatives.0,
            answer: r.answer,
            law: r.law,
            article: r.article,
            tags: r.tags.0,
            link,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

const COLUMNS: &str = "id, key, question, alternatives, answer, law, article, tags,
    consultation_id, article_number, created_at, updated_at";

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Inserts or updates one entry by key inside a transaction, and (on SQLite) keeps the
/// FTS5 index in step; PostgreSQL's tsvector is a generated column.
macro_rules! upsert {
    ($tx:expr, $db:expr, $e:expr, $now:expr) => {{
        let e: &NewEntry = $e;
        let tokens = e.tokens();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO faq_entries (key, question, alternatives, answer, law, article, tags,
                 consultation_id, article_number, q_tokens, a_tokens, tokens_version,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $12)
             ON CONFLICT (key) DO UPDATE SET question = excluded.question,
                 alternatives = excluded.alternatives, answer = excluded.answer,
                 law = excluded.law, article = excluded.article, tags = excluded.tags,
                 consultation_id = excluded.consultation_id,
                 article_number = excluded.article_number, q_tokens = excluded.q_tokens,
                 a_tokens = excluded.a_tokens, tokens_version = excluded.tokens_version,
                 updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(&e.key)
        .bind(&e.question)
        .bind(sqlx::types::Json(&e.alternatives))
        .bind(&e.answer)
        .bind(&e.law)
        .bind(&e.article)
        .bind(sqlx::types::Json(&e.tags))
        .bind(e.link.map(|l| l.consultation))
        .bind(e.link.map(|l| l.article as i32))
        .bind(&tokens.question)
        .bind(&tokens.answer)
        .bind($now)
        .bind(tokens.version)
        .fetch_one(&mut **$tx)
        .await?;
        crate::faq::reindex!($tx, $db, id, &tokens);
        id
    }};
}
pub(crate) use upsert;

/// Keeps SQLite's FTS5 row of entry `id` in step with its stored tokens, in the same
/// transaction; PostgreSQL's tsvector is a generated column and follows by itself.
macro_rules! reindex {
    ($tx:expr, $db:expr, $id:expr, $tokens:expr) => {{
        let tokens: &crate::faq::Tokens = $tokens;
        if $db.backend() == crate::Backend::Sqlite {
            sqlx::query("DELETE FROM faq_fts WHERE rowid = $1")
                .bind($id)
                .execute(&mut **$tx)
                .await?;
            sqlx::query("INSERT INTO faq_fts (rowid, q, a) VALUES ($1, $2, $3)")
                .bind($id)
                .bind(&tokens.question)
                .bind(&tokens.answer)
                .execute(&mut **$tx)
                .await?;
        }
    }};
}
pub(crate) use reindex;

/// Entries re-tokenized in one transaction at start.
const RETOKENIZE_BATCH: i64 = 200;

pub struct Faq<'a>(&'a Db);

impl Db {
    pub fn faq(&self) -> Faq<'_> {
        Faq(self)
    }
}

impl Faq<'_> {
    pub async fn get(&self, id: i64) -> Result<Option<Entry>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM faq_entries WHERE id = $1");
        let row: Option<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(Entry::from))
    }

    pub async fn by_key(&self, key: &str) -> Result<Option<Entry>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM faq_entries WHERE key = $1");
        let row: Option<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(key)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(Entry::from))
    }

    /// Every entry, by key (for export).
    pub async fn all(&self) -> Result<Vec<Entry>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM faq_entries ORDER BY key");
        let rows: Vec<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        Ok(rows.into_iter().map(Entry::from).collect())
    }

    pub async fn count(&self) -> Result<i64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM faq_entries"
        )
        .fetch_one(pool)
        .await?))
    }

    /// Checks each entry's link against the consultations (line numbers as given), so
    /// that a file naming a consultation or article that does not exist is refused whole.
    pub async fn check_links(
        &self,
        entries: &[(usize, NewEntry)],
    ) -> Result<Vec<LineError>, Error> {
        let mut errors = Vec::new();
        for (line, e) in entries {
            let Some(link) = e.link else { continue };
            let Some(c) = self.0.consultations().get(link.consultation).await? else {
                errors.push(LineError {
                    line: *line,
                    field: Some(FaqField::Consultation),
                    problem: Problem::UnknownConsultation,
                });
                continue;
            };
            let draft = self.0.consultations().draft(c.id, c.version).await?;
            if draft.is_none_or(|d| d.article(link.article).is_none()) {
                errors.push(LineError {
                    line: *line,
                    field: Some(FaqField::ConsultationArticle),
                    problem: Problem::UnknownArticle,
                });
            }
        }
        Ok(errors)
    }

    /// Stores the entries in one transaction: a new key is added, a known key with
    /// changed content is updated (its `updated_at` moves), an unchanged one is left
    /// alone. Written to the audit log as `faq.import`.
    pub async fn import(
        &self,
        entries: &[NewEntry],
        actor: Actor,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<ImportSummary, Error> {
        let mut summary = ImportSummary::default();
        let mut work = Vec::new();
        for e in entries {
            match self.by_key(&e.key).await? {
                Some(old) if old.same_content(e) => summary.unchanged += 1,
                Some(_) => {
                    summary.updated += 1;
                    work.push(e);
                }
                None => {
                    summary.added += 1;
                    work.push(e);
                }
            }
        }
        let entry = AuditEntry::new(actor, "faq.import", format!("faq:{source}")).detail(
            serde_json::json!({
                "added": summary.added, "updated": summary.updated, "unchanged": summary.unchanged,
            }),
        );
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            for e in work {
                upsert!(&mut tx, self.0, e, now);
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(summary)
    }

    /// Makes the stored tokens again for every entry whose tokens were made by another
    /// tokenizer (an older jieba word list, stop list or thesaurus: see
    /// [`tokenize::fingerprint`]), so that a new version's search finds what it should
    /// in entries imported under an old one. Run at start, after the migrations; a
    /// no-op (one query, jieba not loaded) when every entry is current. Leaves
    /// `updated_at` alone: the content did not change. Returns how many were redone.
    pub async fn retokenize_stale(&self) -> Result<usize, Error> {
        let version = tokenize::fingerprint();
        let sql = format!(
            "SELECT {COLUMNS} FROM faq_entries WHERE tokens_version <> $1 ORDER BY id LIMIT $2"
        );
        let mut done = 0;
        loop {
            let rows: Vec<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
                .bind(version)
                .bind(RETOKENIZE_BATCH)
                .fetch_all(pool)
                .await?);
            if rows.is_empty() {
                break;
            }
            let batch: Vec<(i64, Tokens)> = rows
                .into_iter()
                .map(Entry::from)
                .map(|e| {
                    let tokens =
                        Tokens::of(&e.question, &e.alternatives, &e.tags, &e.answer, &e.law);
                    (e.id, tokens)
                })
                .collect();
            on_pool!(self.0, |pool| {
                let mut tx = pool.begin_write().await?;
                for (id, tokens) in &batch {
                    sqlx::query(
                        "UPDATE faq_entries SET q_tokens = $1, a_tokens = $2, tokens_version = $3
                         WHERE id = $4",
                    )
                    .bind(&tokens.question)
                    .bind(&tokens.answer)
                    .bind(tokens.version)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    reindex!(&mut tx, self.0, id, tokens);
                }
                tx.commit().await?;
            });
            done += batch.len();
        }
        if done > 0 {
            tracing::info!(
                entries = done,
                "FAQ entries tokenized again for this version"
            );
        }
        Ok(done)
    }

    /// Adds one entry, or replaces the entry with its key, as written in the staff
    /// console; audited as `faq.add` or `faq.edit`. The search finds the new words at
    /// once (the tokens are made in the same transaction).
    pub async fn put(
        &self,
        e: &NewEntry,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Entry, Error> {
        let action = match self.by_key(&e.key).await? {
            Some(_) => "faq.edit",
            None => "faq.add",
        };
        let entry = AuditEntry::new(actor, action, format!("faq:{}", e.key));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            upsert!(&mut tx, self.0, e, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.by_key(&e.key)
            .await?
            .ok_or_else(|| Error::Database(sqlx::Error::RowNotFound))
    }
}

/// The parts of an entry a file carries, before validation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub alternatives: Vec<String>,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub law: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation_article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl RawEntry {
    fn validate(&self) -> Result<NewEntry, Vec<(FaqField, Problem)>> {
        fn blank(s: &Option<String>) -> Option<&str> {
            s.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        NewEntry::parse(
            &self.key,
            &self.question,
            &self.alternatives,
            &self.answer,
            &self.law,
            &self.article,
            &self.tags,
            (blank(&self.consultation), blank(&self.consultation_article)),
        )
    }
}

/// Validates parsed entries (each with the line it starts on, and a function giving the
/// line of a field within it): every problem of every entry, duplicate keys included.
pub(crate) fn validate_all(
    raw: &[(usize, RawEntry)],
    field_line: impl Fn(usize, FaqField) -> usize,
) -> Result<Vec<(usize, NewEntry)>, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut out: Vec<(usize, NewEntry)> = Vec::new();
    for (i, (line, r)) in raw.iter().enumerate() {
        match r.validate() {
            Ok(e) => {
                if let Some((first, _)) = out.iter().find(|(_, o)| o.key == e.key) {
                    errors.push(LineError {
                        line: field_line(i, FaqField::Key),
                        field: Some(FaqField::Key),
                        problem: Problem::DuplicateKey { first: *first },
                    });
                } else {
                    out.push((*line, e));
                }
            }
            Err(problems) => {
                for (field, problem) in problems {
                    errors.push(LineError {
                        line: field_line(i, field),
                        field: Some(field),
                        problem,
                    });
                }
            }
        }
    }
    if raw.is_empty() {
        errors.push(LineError {
            line: 1,
            field: None,
            problem: Problem::Empty,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads, validates and checks a file; stores it only when nothing is wrong. On any
/// problem returns [`Error::FaqFile`] with all of them and stores nothing.
pub async fn import_file(
    db: &Db,
    bytes: &[u8],
    format: FileFormat,
    actor: Actor,
    source: &str,
    now: DateTime<Utc>,
) -> Result<ImportSummary, Error> {
    let entries = parse(bytes, format).map_err(Error::FaqFile)?;
    let link_errors = db.faq().check_links(&entries).await?;
    if !link_errors.is_empty() {
        return Err(Error::FaqFile(link_errors));
    }
    let entries: Vec<NewEntry> = entries.into_iter().map(|(_, e)| e).collect();
    db.faq().import(&entries, actor, source, now).await
}
