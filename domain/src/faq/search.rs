//! Finding the entry that answers a question.
//!
//! The database finds the candidates: SQLite's FTS5 ranked by bm25, PostgreSQL's
//! tsvector (GIN) ranked by ts_rank, both over the jieba tokens stored beside the text.
//! The confidence that decides between answering and saying "I don't know" is then
//! computed here, the same way for both backends, from the tokens the question shares
//! with each candidate, each weighted by how rare it is among all entries (idf).
//! bm25 and ts_rank are on different scales, and both grow with the number of words
//! asked; a share of the question's weight is comparable across questions, entries
//! and backends, so one threshold means the same everywhere.

use std::collections::HashSet;

use super::{Entry, Faq, tokenize};
use crate::Error;

/// The share of a question's weight an entry must cover to be given as the answer.
/// Chosen as "more than half of what was asked, by weight"; see docs/chat.md for how it
/// was measured.
pub const THRESHOLD: f64 = 0.4;
/// Below the answer, entries covering at least this share are offered as related.
const RELATED: f64 = 0.3;
/// How many related entries are offered.
const RELATED_MAX: usize = 3;
/// How many candidates the database ranks for the scorer.
const CANDIDATES: i64 = 30;
/// A token found only in the answer counts this much of one found in the question.
const ANSWER_WEIGHT: f64 = 0.4;
/// A single character weighs this much of a word with the same idf.
const SINGLE_CHAR: f64 = 0.5;
/// A word of the thesaurus found instead of the word asked counts this much of it: an
/// entry that uses the resident's own word is the better answer.
const SYNONYM: f64 = 0.8;
/// How much the share of the entry's own phrasing that was asked adds to the ranking
/// (prefers the entry that is about exactly this over one that merely mentions it).
const FOCUS_WEIGHT: f64 = 0.25;

/// An entry and how well it answers the question.
#[derive(Debug, Clone)]
pub struct Hit {
    pub entry: Entry,
    /// The share of the question's weight the entry covers, 0–1.
    pub coverage: f64,
    /// The ranking score (coverage plus focus).
    pub score: f64,
}

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The answer, when one covers at least [`THRESHOLD`].
    pub best: Option<Hit>,
    /// Up to three more entries worth offering (or, without an answer, suggestions).
    pub related: Vec<Hit>,
}

struct Candidate {
    id: i64,
    q_tokens: String,
    a_tokens: String,
}

fn idf(total: i64, df: i64) -> f64 {
    (1.0 + total as f64 / df.max(1) as f64).ln()
}

/// One word of the question: its forms (the word, then shorter words inside it), the
/// idf of each form, the words of the thesaurus that mean the same (those some entry
/// has), and the word's weight.
struct Unit {
    forms: Vec<(String, f64)>,
    synonyms: Vec<String>,
    weight: f64,
}

impl Unit {
    /// How much of this word a set of tokens holds: 1 for the word itself (or its
    /// rarest known form), less for a commoner piece of it, [`SYNONYM`] for a word
    /// that means the same.
    fn credit(&self, tokens: &HashSet<&str>) -> f64 {
        let best = self.forms.iter().map(|(_, idf)| *idf).fold(0.0, f64::max);
        let own = if best <= 0.0 {
            0.0
        } else {
            self.forms
                .iter()
                .filter(|(f, _)| tokens.contains(f.as_str()))
                .map(|(_, idf)| (idf / best).min(1.0))
                .fold(0.0, f64::max)
        };
        let synonym = if self.synonyms.iter().any(|s| tokens.contains(s.as_str())) {
            SYNONYM
        } else {
            0.0
        };
        own.max(synonym)
    }

    /// Every token that would count for this word.
    fn terms(&self) -> impl Iterator<Item = &str> {
        self.forms
            .iter()
            .map(|(f, _)| f.as_str())
            .chain(self.synonyms.iter().map(String::as_str))
    }
}

/// Scores one candidate: (coverage, ranking score).
fn score(question: &[Unit], c: &Candidate) -> (f64, f64) {
    let phrases: Vec<HashSet<&str>> = c
        .q_tokens
        .split(" | ")
        .map(|p| p.split(' ').filter(|t| !t.is_empty()).collect())
        .collect();
    let q_all: HashSet<&str> = phrases.iter().flatten().copied().collect();
    let a_all: HashSet<&str> = c.a_tokens.split(' ').collect();
    let total: f64 = question.iter().map(|u| u.weight).sum();
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let matched: f64 = question
        .iter()
        .map(|u| {
            let q = u.credit(&q_all);
            let a = u.credit(&a_all) * ANSWER_WEIGHT;
            u.weight * q.max(a)
        })
        .sum();
    let coverage = matched / total;
    let asked: HashSet<&str> = question.iter().flat_map(Unit::terms).collect();
    let focus = phrases
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().filter(|t| asked.contains(*t)).count() as f64 / p.len() as f64)
        .fold(0.0, f64::max);
    (coverage, coverage + FOCUS_WEIGHT * focus)
}

/// A word of the question as counted, before weighing: its forms and its known
/// synonyms with their document frequencies, and for a character of a split word the
/// share of one word it weighs.
struct Counted {
    forms: Vec<(String, i64)>,
    synonyms: Vec<(String, i64)>,
    share: Option<f64>,
}

impl Counted {
    fn word(forms: Vec<(String, i64)>, synonyms: Vec<(String, i64)>) -> Self {
        Counted {
            forms,
            synonyms,
            share: None,
        }
    }
}

/// A quoted FTS5 string: its tokens are letters and digits, but quote anyway.
fn fts_term(t: &str) -> String {
    format!("\"{}\"", t.replace('"', "\"\""))
}

impl Faq<'_> {
    /// How many entries contain each token.
    async fn document_frequencies(&self, tokens: &[String]) -> Result<Vec<(String, i64)>, Error> {
        Ok(match self.0.counted() {
            crate::Db::Sqlite(pool) => {
                let marks: Vec<String> = (1..=tokens.len()).map(|i| format!("${i}")).collect();
                let sql = format!(
                    "SELECT term, doc FROM faq_vocab WHERE term IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
                for t in tokens {
                    q = q.bind(t);
                }
                q.fetch_all(pool).await?
            }
            crate::Db::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT t, (SELECT COUNT(*) FROM faq_entries
                                WHERE search @@ to_tsquery('simple', t))
                     FROM unnest($1::text[]) AS t",
                )
                .bind(tokens)
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Each word of the question with its weight: its idf, halved for a single
    /// character (one character means less than a word); a piece of it found in an
    /// entry earns the share of the word's idf the piece has. A word no entry contains
    /// but whose synonym some entry has weighs what that synonym does. Any other word
    /// no entry contains is split: into its dictionary pieces when some are known
    /// (申请专利 → 申请, 专利), else into its characters, fillers dropped (a typo or
    /// colloquial wording jieba keeps whole: 拖钱, 吵死), so the part of it that is known
    /// counts and the rest counts against.
    async fn weigh(&self, units: Vec<Vec<String>>, total: i64) -> Result<Vec<Unit>, Error> {
        let mut asked: Vec<String> = Vec::new();
        let add = |asked: &mut Vec<String>, t: &str| {
            if !asked.iter().any(|a| a == t) {
                asked.push(t.to_owned());
            }
        };
        for unit in &units {
            for f in unit {
                add(&mut asked, f);
            }
            for s in tokenize::synonyms(&unit[0]) {
                add(&mut asked, s);
            }
        }
        let mut dfs = self.document_frequencies(&asked).await?;
        let df_of = |dfs: &[(String, i64)], t: &str| {
            dfs.iter()
                .find(|(term, _)| term == t)
                .map_or(0, |(_, d)| *d)
        };
        let known_synonyms = |dfs: &[(String, i64)], word: &str| -> Vec<(String, i64)> {
            tokenize::synonyms(word)
                .into_iter()
                .map(|s| (s.to_owned(), df_of(dfs, s)))
                .filter(|(_, df)| *df > 0)
                .collect()
        };
        let mut known: Vec<Counted> = Vec::new();
        let mut chars: Vec<(String, f64)> = Vec::new();
        for unit in units {
            let with_df: Vec<(String, i64)> =
                unit.iter().map(|f| (f.clone(), df_of(&dfs, f))).collect();
            let synonyms = known_synonyms(&dfs, &unit[0]);
            let whole_known = with_df[0].1 > 0;
            let any_known = with_df.iter().any(|(_, df)| *df > 0);
            if whole_known || !synonyms.is_empty() || unit[0].chars().count() == 1 {
                known.push(Counted::word(with_df, synonyms));
            } else if any_known {
                // The word as a whole is in no entry: its pieces count one by one,
                // the unknown ones against the match.
                known.extend(
                    with_df
                        .into_iter()
                        .skip(1)
                        .map(|f| Counted::word(vec![f], Vec::new())),
                );
            } else {
                // Together the characters weigh one word, however long it is: an
                // unknown word counts against the match once.
                let share = 1.0 / unit[0].chars().count() as f64;
                for c in unit[0].chars() {
                    let c = c.to_string();
                    if !chars.iter().any(|(k, _)| *k == c) && !tokenize::is_stop(&c) {
                        chars.push((c, share));
                    }
                }
            }
        }
        chars.retain(|(c, _)| !known.iter().any(|k| k.forms[0].0 == *c));
        if !chars.is_empty() {
            let mut lookup: Vec<String> = Vec::new();
            for (c, _) in &chars {
                add(&mut lookup, c);
                for s in tokenize::synonyms(c) {
                    add(&mut lookup, s);
                }
            }
            dfs = self.document_frequencies(&lookup).await?;
            for (c, share) in chars {
                let df = df_of(&dfs, &c);
                let synonyms = known_synonyms(&dfs, &c);
                known.push(Counted {
                    forms: vec![(c, df)],
                    synonyms,
                    share: Some(share),
                });
            }
        }
        Ok(known
            .into_iter()
            .map(
                |Counted {
                     forms: unit,
                     synonyms,
                     share,
                 }| {
                    let single = unit[0].0.chars().count() == 1;
                    let forms: Vec<(String, f64)> = unit
                        .into_iter()
                        .map(|(f, df)| {
                            let idf = if df > 0 { idf(total, df) } else { 0.0 };
                            (f, idf)
                        })
                        .collect();
                    let best = forms.iter().map(|(_, i)| *i).fold(0.0, f64::max);
                    let synonym_best = synonyms
                        .iter()
                        .map(|(_, df)| idf(total, *df))
                        .fold(0.0, f64::max);
                    // A word no entry has weighs what its synonym does, else as much as
                    // the rarest word would.
                    let base = if best > 0.0 {
                        best
                    } else if synonym_best > 0.0 {
                        synonym_best
                    } else {
                        idf(total, 1)
                    };
                    let weight = match share {
                        Some(share) => base * share,
                        None if single => base * SINGLE_CHAR,
                        None => base,
                    };
                    Unit {
                        forms,
                        synonyms: synonyms.into_iter().map(|(s, _)| s).collect(),
                        weight,
                    }
                },
            )
            .collect())
    }

    /// The entries that share a token with the question, best ranked by the database
    /// first: bm25 (question tokens weigh 4× answer tokens) or ts_rank (weights A, B).
    async fn candidates(&self, tokens: &[String]) -> Result<Vec<(i64, String, String)>, Error> {
        Ok(match self.0.counted() {
            crate::Db::Sqlite(pool) => {
                let matcher: Vec<String> = tokens.iter().map(|t| fts_term(t)).collect();
                sqlx::query_as(
                    "SELECT e.id, e.q_tokens, e.a_tokens FROM (
                         SELECT rowid AS id, bm25(faq_fts, 4.0, 1.0) AS rank FROM faq_fts
                         WHERE faq_fts MATCH $1 ORDER BY rank LIMIT $2
                     ) m JOIN faq_entries e ON e.id = m.id ORDER BY m.rank",
                )
                .bind(matcher.join(" OR "))
                .bind(CANDIDATES)
                .fetch_all(pool)
                .await?
            }
            crate::Db::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT id, q_tokens, a_tokens FROM faq_entries,
                         to_tsquery('simple', $1) AS query
                     WHERE search @@ query
                     ORDER BY ts_rank(search, query) DESC, id LIMIT $2",
                )
                .bind(tokens.join(" | "))
                .bind(CANDIDATES)
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// The best answer to `question` and related entries. An empty or meaningless
    /// question finds nothing.
    pub async fn search(&self, question: &str) -> Result<Search, Error> {
        let units = tokenize::units(question);
        if units.is_empty() {
            return Ok(Search::default());
        }
        let total = self.count().await?;
        if total == 0 {
            return Ok(Search::default());
        }
        let weighted = self.weigh(units, total).await?;
        let mut terms: Vec<String> = Vec::new();
        for u in &weighted {
            let known = u.forms.iter().filter(|(_, idf)| *idf > 0.0).map(|(f, _)| f);
            for t in known.chain(&u.synonyms) {
                if !terms.contains(t) {
                    terms.push(t.clone());
                }
            }
        }
        if terms.is_empty() {
            return Ok(Search::default());
        }
        let candidates = self.candidates(&terms).await?;
        let mut scored: Vec<(usize, i64, f64, f64)> = candidates
            .into_iter()
            .map(|(id, q_tokens, a_tokens)| Candidate {
                id,
                q_tokens,
                a_tokens,
            })
            .enumerate()
            .map(|(rank, c)| {
                let (coverage, score) = score(&weighted, &c);
                (rank, c.id, coverage, score)
            })
            .collect();
        // Our score first; the database's rank breaks ties.
        scored.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
        let best = scored.iter().position(|s| s.2 >= THRESHOLD);
        let related: Vec<usize> = (0..scored.len())
            .filter(|i| Some(*i) != best && scored[*i].2 >= RELATED)
            .take(RELATED_MAX)
            .collect();
        let mut out = Search::default();
        for i in best.into_iter().chain(related) {
            let (_, id, coverage, score) = scored[i];
            let Some(entry) = self.get(id).await? else {
                continue;
            };
            let hit = Hit {
                entry,
                coverage,
                score,
            };
            if Some(i) == best {
                out.best = Some(hit);
            } else {
                out.related.push(hit);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let unit = |t: &str, w: f64| Unit {
            forms: vec![(t.to_owned(), w)],
            synonyms: Vec::new(),
            weight: w,
        };
        let q = vec![unit("装修", idf(100, 2)), unit("时间", idf(100, 40))];
        let about_noise = Candidate {
            id: 1,
            q_tokens: "邻居 装修 噪音".into(),
            a_tokens: String::new(),
        };
        let about_time = Candidate {
            id: 2,
            q_tokens: "工作 时间".into(),
            a_tokens: String::new(),
        };
        assert!(score(&q, &about_noise).0 > THRESHOLD);
        assert!(score(&q, &about_time).0 < THRESHOLD);
    }

    #[test]
    fn a_word_meaning_the_same_counts_a_little_less_than_the_word_itself() {
        let noise = Unit {
            forms: vec![("吵".to_owned(), idf(100, 1))],
            synonyms: vec!["噪音".to_owned()],
            weight: idf(100, 1) * SINGLE_CHAR,
        };
        let said = HashSet::from(["吵"]);
        let meant = HashSet::from(["噪音", "装修"]);
        let other = HashSet::from(["工资"]);
        assert_eq!(noise.credit(&said), 1.0);
        assert_eq!(noise.credit(&meant), SYNONYM);
        assert_eq!(noise.credit(&other), 0.0);
    }
}
