//! The ledger side of offline entry: checking rows against the consultations they
//! name, and storing them under keys taken from what they say.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::{
    Column, Entry, Imported, Layout, Limits, Problem, Recorder, RowProblem, SheetRow, Typed,
    admissible, article_number, body, consultation_number, contents, gathered_on, related,
    resident_name, stance, title, wording,
};
use crate::{
    Db, Error,
    consultations::Consultation,
    db::on_pool,
    draft::Draft,
    open_calls::Suggestion,
    opinions::{Channel, Identity, NewOpinion, Opinion, Stance},
};

/// The consultations (with their current draft) looked up while checking rows; None
/// for a number no consultation has.
type Drafts = HashMap<i64, Option<(Consultation, Draft)>>;

/// The submission key of a spreadsheet row, taken from what the row says rather than
/// from the file's bytes: a liaison who re-saves the sheet, sorts it, or adds rows to it
/// and sends it again must not get the same opinions twice, yet two residents who said
/// the same thing at one forum are two opinions. `nth` tells identical rows of one file
/// apart (0 for the first). The recorder's point is part of the key because the same
/// words gathered at two points are two opinions.
pub fn row_key(entry: &Entry, recorder: &Recorder, nth: usize) -> String {
    sheet_key(&content_digest(entry, recorder), nth)
}

fn sheet_key(digest: &str, nth: usize) -> String {
    format!("sheet:{digest}:{nth}")
}

/// The hash of what a row says, and where it was gathered (see [`row_key`]).
fn content_digest(entry: &Entry, recorder: &Recorder) -> String {
    let mut hash = Sha256::new();
    let article = entry.article.as_ref().map(|(n, _)| n.to_string());
    let mut fields = vec![
        recorder.point.map(|p| p.to_string()).unwrap_or_default(),
        entry.consultation_id.to_string(),
        entry.version.to_string(),
        article.unwrap_or_default(),
        entry.channel.as_str().to_owned(),
        entry.gathered_on.to_string(),
        entry.resident_name.clone().unwrap_or_default(),
        entry.stance.as_str().to_owned(),
        entry.body.clone(),
        entry.wording.clone().unwrap_or_default(),
    ];
    // A suggestion's own fields, after an opinion's (whose keys stay as they were).
    if let Some(s) = &entry.suggestion {
        fields.push(s.title.clone());
        fields.push(s.contents.clone());
        fields.push(s.related_rules.clone().unwrap_or_default());
    }
    for field in &fields {
        // Length-prefixed, so no two different rows hash the same fields.
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
    hash.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub struct Offline<'a>(&'a Db);

impl Db {
    pub fn offline(&self) -> Offline<'_> {
        Offline(self)
    }
}

impl Offline<'_> {
    /// Checks every row; either all are good, or every problem is returned (by row
    /// and column) and nothing should be stored.
    pub async fn validate(
        &self,
        rows: &[SheetRow],
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Vec<(usize, Entry)>, Vec<RowProblem>>, Error> {
        let mut drafts = Drafts::new();
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for r in rows {
            match self
                .check_row(r, &mut drafts, recorder, limits, now)
                .await?
            {
                Ok(entry) => good.push((r.row, entry)),
                Err(problems) => bad.extend(problems),
            }
        }
        Ok(if bad.is_empty() { Ok(good) } else { Err(bad) })
    }

    /// One opinion typed into a form (the console's offline entry), checked by the
    /// rules of a spreadsheet row with the dialogue's one difference: proposed wording
    /// belongs to a 修改建议 and is dropped with any other view, as `/record` never
    /// asks for it then. The problems name the form's fields by [`Column`].
    pub async fn check_one(
        &self,
        typed: &Typed,
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Entry, Vec<(Column, Problem)>>, Error> {
        let open_call = self
            .0
            .consultations()
            .get(typed.consultation)
            .await?
            .is_some_and(|c| c.is_open_call());
        let amend = stance(&typed.stance) == Some(Stance::Amend);
        let common = [
            typed.consultation.to_string(),
            typed.channel.clone(),
            typed.date.clone(),
            typed.name.clone(),
        ];
        let [consultation, channel, date, name] = common;
        let row = if open_call {
            SheetRow {
                row: 1,
                layout: Layout::Suggestions,
                cells: [
                    consultation,
                    channel,
                    date,
                    name,
                    typed.title.clone(),
                    typed.body.clone(),
                    typed.contents.clone(),
                    typed.related.clone(),
                ],
            }
        } else {
            SheetRow {
                row: 1,
                layout: Layout::Opinions,
                cells: [
                    consultation,
                    channel,
                    date,
                    name,
                    typed.article.clone(),
                    typed.stance.clone(),
                    typed.body.clone(),
                    if amend {
                        typed.wording.clone()
                    } else {
                        String::new()
                    },
                ],
            }
        };
        let checked = self
            .check_row(&row, &mut Drafts::new(), recorder, limits, now)
            .await?;
        Ok(checked.map_err(|problems| {
            problems
                .into_iter()
                .map(|p| (p.column, p.problem))
                .collect()
        }))
    }

    /// The open consultations `recorder` may record opinions on now, soonest deadline
    /// first: what chat's `/record` offers as buttons and the console as links.
    pub async fn open_for(
        &self,
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<Vec<Consultation>, Error> {
        let mut open: Vec<Consultation> = self
            .0
            .consultations()
            .list(&[crate::consultations::State::Open])
            .await?
            .into_iter()
            .filter(|c| admissible(c, recorder, now).is_ok())
            .collect();
        open.sort_by_key(|c| (c.closes_at, c.id));
        Ok(open)
    }

    /// Checks one row: the entry it makes, or every problem in it. `drafts` keeps the
    /// consultations already looked up, so a sheet of a thousand rows on one draft
    /// reads it once.
    async fn check_row(
        &self,
        r: &SheetRow,
        drafts: &mut Drafts,
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Entry, Vec<RowProblem>>, Error> {
        let mut bad = Vec::new();
        let mut problem = |column: Column, problem: Problem| {
            bad.push(RowProblem {
                row: r.row,
                column,
                problem,
            })
        };
        let consultation = match r.cell(Column::Consultation) {
            "" => {
                problem(Column::Consultation, Problem::Missing);
                None
            }
            raw => match consultation_number(raw) {
                None => {
                    problem(Column::Consultation, Problem::Format);
                    None
                }
                Some(id) => {
                    if let std::collections::hash_map::Entry::Vacant(slot) = drafts.entry(id) {
                        slot.insert(self.consultation(id).await?);
                    }
                    match drafts.get(&id).and_then(Option::as_ref) {
                        None => {
                            problem(Column::Consultation, Problem::UnknownConsultation);
                            None
                        }
                        Some((c, d)) => match admissible(c, recorder, now) {
                            // Opinions on a draft, suggestions on an open call.
                            Ok(()) if c.is_open_call() != (r.layout == Layout::Suggestions) => {
                                problem(Column::Consultation, Problem::WrongKind);
                                None
                            }
                            Ok(()) => Some((c, d)),
                            Err(p) => {
                                problem(Column::Consultation, p);
                                None
                            }
                        },
                    }
                }
            },
        };
        let channel = match r.cell(Column::Channel) {
            "" => {
                problem(Column::Channel, Problem::Missing);
                None
            }
            raw => Channel::parse_sheet(raw).or_else(|| {
                problem(Column::Channel, Problem::Format);
                None
            }),
        };
        let date = gathered_on(r.cell(Column::Date), limits.today)
            .map_err(|p| problem(Column::Date, p))
            .ok();
        let name = resident_name(r.cell(Column::Name))
            .map_err(|p| problem(Column::Name, p))
            .ok();
        let (article, stance, body, wording, suggestion) = match r.layout {
            Layout::Opinions => {
                let article = match article_number(r.cell(Column::Article)) {
                    Err(p) => {
                        problem(Column::Article, p);
                        None
                    }
                    Ok(None) => Some(None),
                    Ok(Some(n)) => match consultation {
                        // Checked once the consultation is known.
                        None => None,
                        Some((_, d)) => match d.article(n) {
                            Some(a) => Some(Some((a.number, a.label.clone()))),
                            None => {
                                problem(Column::Article, Problem::UnknownArticle);
                                None
                            }
                        },
                    },
                };
                let stance = match r.cell(Column::Stance) {
                    "" => {
                        problem(Column::Stance, Problem::Missing);
                        None
                    }
                    raw => stance(raw).or_else(|| {
                        problem(Column::Stance, Problem::Format);
                        None
                    }),
                };
                let body = body(r.cell(Column::Body), limits)
                    .map_err(|p| problem(Column::Body, p))
                    .ok();
                let wording = wording(r.cell(Column::Wording), limits)
                    .map_err(|p| problem(Column::Wording, p))
                    .ok();
                (article, stance, body, wording, Some(None))
            }
            Layout::Suggestions => {
                let title = title(r.cell(Column::Title))
                    .map_err(|p| problem(Column::Title, p))
                    .ok();
                let problem_text = body(r.cell(Column::Problem), limits)
                    .map_err(|p| problem(Column::Problem, p))
                    .ok();
                let contents = contents(r.cell(Column::Contents), limits)
                    .map_err(|p| problem(Column::Contents, p))
                    .ok();
                let related = related(r.cell(Column::Related))
                    .map_err(|p| problem(Column::Related, p))
                    .ok();
                let suggestion = match (title, contents, related) {
                    (Some(title), Some(contents), Some(related_rules)) => Some(Some(Suggestion {
                        title,
                        contents,
                        related_rules,
                    })),
                    _ => None,
                };
                // A suggestion takes no article and no stance (its stance is never shown).
                (
                    Some(None),
                    Some(Stance::Other),
                    problem_text,
                    Some(None),
                    suggestion,
                )
            }
        };
        if let (
            Some((c, _)),
            Some(channel),
            Some(gathered_on),
            Some(resident_name),
            Some(article),
            Some(stance),
            Some(body),
            Some(wording),
            Some(suggestion),
        ) = (
            consultation,
            channel,
            date,
            name,
            article,
            stance,
            body,
            wording,
            suggestion,
        ) {
            return Ok(Ok(Entry {
                consultation_id: c.id,
                version: c.version,
                article,
                channel,
                gathered_on,
                resident_name,
                stance,
                body,
                wording,
                suggestion,
            }));
        }
        Ok(Err(bad))
    }

    async fn consultation(&self, id: i64) -> Result<Option<(Consultation, Draft)>, Error> {
        let Some(c) = self.0.consultations().get(id).await? else {
            return Ok(None);
        };
        let draft = self
            .0
            .consultations()
            .draft(c.id, c.version)
            .await?
            .unwrap_or_else(|| Draft {
                title: None,
                preamble: String::new(),
                divisions: vec![],
                articles: vec![],
                irregularities: vec![],
            });
        Ok(Some((c, draft)))
    }

    /// Stores one offline opinion under `key`, marked as recorded by the recorder.
    /// Returns it and whether it is new (false: the key was stored before).
    pub async fn record(
        &self,
        entry: &Entry,
        key: &str,
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<(Opinion, bool), Error> {
        let opinions = self.0.opinions();
        if let Some(existing) = opinions.by_key(key).await? {
            // Stored before; the date too, unless that run stopped in between.
            self.set_gathered_on(existing.id, entry.gathered_on).await?;
            return Ok((existing, false));
        }
        let named = entry.resident_name.is_some();
        let new = NewOpinion {
            submission_key: key.to_owned(),
            consultation_id: entry.consultation_id,
            version: entry.version,
            article: entry.article.clone(),
            stance: entry.stance,
            body: entry.body.clone(),
            proposed_wording: entry.wording.clone(),
            identity: if named {
                Identity::Named
            } else {
                Identity::Anonymous
            },
            submitter_id: None,
            submitter_name: entry.resident_name.clone(),
            organization: None,
            occupation: None,
            district: None,
            // The recorder gives the resident's consent to keep their name, on their behalf.
            consent_details: named,
            consent_quote: false,
            channel: entry.channel,
            source_chat: None,
            point_id: recorder.point,
            recorded_by: Some(recorder.user),
        };
        let opinion = match &entry.suggestion {
            Some(s) => self.0.suggestions().submit(&new, s, now).await?,
            None => opinions.submit(&new, now).await?,
        };
        self.set_gathered_on(opinion.id, entry.gathered_on).await?;
        Ok((opinion, true))
    }

    /// Records the day an offline opinion was gathered, once.
    async fn set_gathered_on(&self, opinion: i64, day: NaiveDate) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE opinions SET gathered_on = $1 WHERE id = $2 AND gathered_on IS NULL"
        )
        .bind(day)
        .bind(opinion)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Stores checked rows in row order. Each row's key comes from its content (see
    /// [`row_key`]), so an import cut short and sent again, or the same rows in a re-saved
    /// or extended sheet, completes without storing any row twice.
    pub async fn import(
        &self,
        rows: &[(usize, Entry)],
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<Imported, Error> {
        let mut imported = Imported {
            new: Vec::new(),
            already: 0,
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (_, entry) in rows {
            let digest = content_digest(entry, recorder);
            let nth = seen.entry(digest.clone()).or_insert(0);
            let key = sheet_key(&digest, *nth);
            *nth += 1;
            let (opinion, new) = self.record(entry, &key, recorder, now).await?;
            if new {
                imported.new.push(opinion);
            } else {
                imported.already += 1;
            }
        }
        Ok(imported)
    }

    /// The day an offline opinion was gathered.
    pub async fn gathered_on(&self, opinion: i64) -> Result<Option<NaiveDate>, Error> {
        let day: Option<Option<NaiveDate>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT gathered_on FROM opinions WHERE id = $1"
        )
        .bind(opinion)
        .fetch_optional(pool)
        .await?);
        Ok(day.flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_rows_key_follows_its_content_not_its_place() {
        let entry = Entry {
            consultation_id: 1,
            version: 1,
            article: Some((2, "第二条".into())),
            channel: Channel::Forum,
            gathered_on: day("2026-11-20"),
            resident_name: None,
            stance: Stance::Support,
            body: "很好".into(),
            wording: None,
            suggestion: None,
        };
        let liaison = Recorder {
            user: 7,
            point: Some(3),
        };
        let key = row_key(&entry, &liaison, 0);
        let colleague = Recorder { user: 8, ..liaison };
        assert_eq!(key, row_key(&entry, &colleague, 0), "same point, same rows");
        assert_ne!(key, row_key(&entry, &liaison, 1), "a second identical row");
        let elsewhere = Recorder {
            point: Some(4),
            ..liaison
        };
        assert_ne!(key, row_key(&entry, &elsewhere, 0));
        let mut other = entry.clone();
        other.body = "很好。".into();
        assert_ne!(key, row_key(&other, &liaison, 0));
        // Length prefixes keep shifted text apart.
        let mut a = entry.clone();
        a.resident_name = Some("王".into());
        a.body = "大妈".into();
        let mut b = entry.clone();
        b.resident_name = Some("王大".into());
        b.body = "妈".into();
        assert_ne!(row_key(&a, &liaison, 0), row_key(&b, &liaison, 0));
        // A suggestion's own fields are part of its key.
        let suggest = |title: &str| Entry {
            suggestion: Some(crate::open_calls::Suggestion {
                title: title.into(),
                contents: "规定充电场所".into(),
                related_rules: None,
            }),
            ..entry.clone()
        };
        assert_ne!(key, row_key(&suggest("电动自行车条例"), &liaison, 0));
        assert_ne!(
            row_key(&suggest("电动自行车条例"), &liaison, 0),
            row_key(&suggest("物业管理条例"), &liaison, 0)
        );
    }
}
