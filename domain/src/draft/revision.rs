//! What a revised draft (二审稿) changed: which articles are new, which were changed
//! and how (text added and removed), and which were dropped. Every channel shows the
//! same comparison, so it is made here.
//!
//! Articles are paired by content, not by number: a revision that inserts an article
//! renumbers everything after it, and 第十二条 of the new draft is then 第十一条 of the
//! old. The sequences of articles are aligned (Myers' diff on title and text); within
//! a run of differing articles the old and new ones are paired in order, the pairs are
//! "changed" and the rest "added" or "removed".

use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

use super::{Article, Draft};

/// A piece of an article's text in a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Same(String),
    Added(String),
    Removed(String),
}

/// What happened to one article of the new draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleChange {
    Unchanged,
    /// A new article, with no counterpart in the previous version.
    Added,
    /// Changed from the previous version's article `previous` (its index there).
    Changed {
        previous: usize,
        /// The title as it was, when it changed.
        old_title: Option<Option<String>>,
        text: Vec<Segment>,
    },
}

/// The comparison of a draft with its previous version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// One entry per article of the new draft, in order.
    pub articles: Vec<ArticleChange>,
    /// Indices of the previous version's articles that were dropped.
    pub removed: Vec<usize>,
}

impl Revision {
    /// Whether anything differs at all.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.articles.iter().all(|a| *a == ArticleChange::Unchanged)
    }

    /// Indices (in the new draft) of the articles added or changed.
    pub fn changed(&self) -> impl Iterator<Item = usize> + '_ {
        self.articles
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != ArticleChange::Unchanged)
            .map(|(i, _)| i)
    }
}

/// Compares `new` with `old`, its previous version.
pub fn compare(old: &Draft, new: &Draft) -> Revision {
    let key = |a: &Article| (a.title.clone(), a.text.clone());
    let old_keys: Vec<_> = old.articles.iter().map(key).collect();
    let new_keys: Vec<_> = new.articles.iter().map(key).collect();
    let mut articles = vec![ArticleChange::Unchanged; new.articles.len()];
    let mut removed = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for slot in &mut articles[new_index..new_index + new_len] {
                    *slot = ArticleChange::Added;
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed.extend(old_index..old_index + old_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    let (before, after) =
                        (&old.articles[old_index + k], &new.articles[new_index + k]);
                    articles[new_index + k] = ArticleChange::Changed {
                        previous: old_index + k,
                        old_title: (before.title != after.title).then(|| before.title.clone()),
                        text: segments(&before.text, &after.text),
                    };
                }
                for slot in &mut articles[new_index + paired..new_index + new_len] {
                    *slot = ArticleChange::Added;
                }
                removed.extend(old_index + paired..old_index + old_len);
            }
        }
    }
    Revision { articles, removed }
}

/// The text of `after` as pieces kept, added and removed since `before`, character by
/// character (Chinese has no spaces to split words at), neighbours of a kind merged.
pub fn segments(before: &str, after: &str) -> Vec<Segment> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(before, after);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let piece = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Segment::Same(s)))
            | (ChangeTag::Insert, Some(Segment::Added(s)))
            | (ChangeTag::Delete, Some(Segment::Removed(s))) => s.push_str(piece),
            (ChangeTag::Equal, _) => out.push(Segment::Same(piece.to_owned())),
            (ChangeTag::Insert, _) => out.push(Segment::Added(piece.to_owned())),
            (ChangeTag::Delete, _) => out.push(Segment::Removed(piece.to_owned())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::parse;

    #[test]
    fn an_inserted_article_does_not_mark_the_renumbered_ones_as_changed() {
        let old = parse("第一条 甲。\n第二条 乙。\n第三条 丙。\n").unwrap();
        let new = parse("第一条 甲。\n第二条 新增的一条。\n第三条 乙。\n第四条 丙，并且更多。\n")
            .unwrap();
        let r = compare(&old, &new);
        assert_eq!(r.articles[0], ArticleChange::Unchanged);
        assert_eq!(r.articles[1], ArticleChange::Added);
        assert_eq!(r.articles[2], ArticleChange::Unchanged);
        assert_eq!(
            r.articles[3],
            ArticleChange::Changed {
                previous: 2,
                old_title: None,
                text: vec![
                    Segment::Same("丙".into()),
                    Segment::Added("，并且更多".into()),
                    Segment::Same("。".into()),
                ],
            }
        );
        assert!(r.removed.is_empty());
        assert_eq!(r.changed().collect::<Vec<_>>(), vec![1, 3]);
    }

    #[test]
    fn dropped_and_rewritten_articles_are_told_apart() {
        let old = parse("第一条【目的】为了规范养犬。\n第二条 乙。\n第三条 丙。\n").unwrap();
        let new = parse("第一条【立法目的】为了规范文明养犬。\n第二条 丙。\n").unwrap();
        let r = compare(&old, &new);
        match &r.articles[0] {
            ArticleChange::Changed {
                previous,
                old_title,
                text,
            } => {
                assert_eq!(*previous, 0);
                assert_eq!(old_title, &Some(Some("目的".to_owned())));
                assert!(text.contains(&Segment::Added("文明".into())), "{text:?}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.articles[1], ArticleChange::Unchanged);
        assert_eq!(r.removed, vec![1]);
        assert!(!r.is_empty());
        assert!(compare(&old, &old).is_empty());
    }
}
