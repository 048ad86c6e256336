//! FAQ files: CSV (a spreadsheet staff can edit) and YAML (what the starter set is
//! written in, readable in review). Both are read whole and checked whole: every
//! problem is reported with the line a person sees in their editor, and nothing is
//! stored unless there is none.

use super::{FaqField, LineError, MAX_ENTRIES, NewEntry, Problem, RawEntry, validate_all};
use crate::faq::Entry;
use crate::limits;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Yaml,
}

impl FileFormat {
    /// From a file name's extension: `.csv`, `.yaml`, `.yml`.
    pub fn from_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(FileFormat::Csv)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(FileFormat::Yaml)
        } else {
            None
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(FileFormat::Csv),
            "yaml" | "yml" => Some(FileFormat::Yaml),
            _ => None,
        }
    }
}

fn error(line: usize, field: Option<FaqField>, problem: Problem) -> LineError {
    LineError {
        line,
        field,
        problem,
    }
}

/// UTF-8 (with or without BOM), else GB18030 (what Excel on a Chinese Windows saves).
fn decode(bytes: &[u8]) -> Result<String, LineError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or_else(|| error(1, None, Problem::Encoding))
}

/// Parses and validates a file. `Err` holds every problem found. A file over
/// [`limits::FAQ_FILE_BYTES`] is refused unread; a CSV stops at the first entry over
/// [`MAX_ENTRIES`].
pub fn parse(bytes: &[u8], format: FileFormat) -> Result<Vec<(usize, NewEntry)>, Vec<LineError>> {
    if bytes.len() as u64 > limits::FAQ_FILE_BYTES {
        return Err(vec![error(
            1,
            None,
            Problem::FileTooLarge {
                limit: limits::FAQ_FILE_BYTES,
            },
        )]);
    }
    let text = decode(bytes).map_err(|e| vec![e])?;
    match format {
        FileFormat::Csv => parse_csv(&text),
        FileFormat::Yaml => parse_yaml(&text),
    }
}

/// A list cell: items separated by `|` (or the full-width ｜, or line breaks).
fn list(cell: &str) -> Vec<String> {
    cell.split(['|', '｜', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Undoes the apostrophe our export puts before a cell that a spreadsheet would run as
/// a formula, so an exported file imports unchanged.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn parse_csv(text: &str) -> Result<Vec<(usize, NewEntry)>, Vec<LineError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![csv_error(&e)]),
        None => return Err(vec![error(1, None, Problem::Empty)]),
    };
    let columns: Vec<Option<FaqField>> = header.iter().map(FaqField::from_header).collect();
    let mut missing = Vec::new();
    for required in [
        FaqField::Key,
        FaqField::Question,
        FaqField::Answer,
        FaqField::Law,
        FaqField::Article,
    ] {
        if !columns.contains(&Some(required)) {
            missing.push(error(1, None, Problem::MissingColumn(required.name())));
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(&e));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut r = RawEntry::default();
        for (cell, field) in record.iter().zip(&columns) {
            let cell = unneutralise(cell);
            let optional = || Some(cell.to_owned()).filter(|c| !c.trim().is_empty());
            match field {
                Some(FaqField::Key) => r.key = cell.to_owned(),
                Some(FaqField::Question) => r.question = cell.to_owned(),
                Some(FaqField::Alternatives) => r.alternatives = list(cell),
                Some(FaqField::Answer) => r.answer = cell.to_owned(),
                Some(FaqField::Law) => r.law = cell.to_owned(),
                Some(FaqField::Article) => r.article = cell.to_owned(),
                Some(FaqField::Tags) => r.tags = list(cell),
                Some(FaqField::Consultation) => r.consultation = optional(),
                Some(FaqField::ConsultationArticle) => r.consultation_article = optional(),
                None => {}
            }
        }
        raw.push((line, r));
        if raw.len() > MAX_ENTRIES {
            errors.push(error(1, None, Problem::TooManyEntries { max: MAX_ENTRIES }));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let lines: Vec<usize> = raw.iter().map(|(l, _)| *l).collect();
    validate_all(&raw, |i, _| lines.get(i).copied().unwrap_or(0))
}

fn csv_error(e: &csv::Error) -> LineError {
    let line = e.position().map_or(1, |p| p.line() as usize);
    let detail = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_owned(),
        _ => e.to_string(),
    };
    error(line, None, Problem::Syntax(detail))
}

fn parse_yaml(text: &str) -> Result<Vec<(usize, NewEntry)>, Vec<LineError>> {
    let raw: Vec<RawEntry> = match serde_yaml_ng::from_str::<Option<Vec<RawEntry>>>(text) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Err(vec![error(1, None, Problem::Empty)]),
        Err(e) => {
            let line = e.location().map_or(1, |l| l.line());
            // The parser's words without its own "at line …", which we give separately.
            let detail = e.to_string();
            let detail = detail
                .split(" at line ")
                .next()
                .unwrap_or(&detail)
                .to_owned();
            return Err(vec![error(line, None, Problem::Syntax(detail))]);
        }
    };
    if raw.len() > MAX_ENTRIES {
        return Err(vec![error(
            1,
            None,
            Problem::TooManyEntries { max: MAX_ENTRIES },
        )]);
    }
    let starts = item_lines(text);
    let lines: Vec<&str> = text.lines().collect();
    let start_of = |i: usize| starts.get(i).copied().unwrap_or(1);
    let field_line = |i: usize, field: FaqField| {
        let start = start_of(i);
        let end = starts.get(i + 1).copied().unwrap_or(lines.len() + 1);
        (start..end)
            .find(|n| {
                lines.get(n - 1).is_some_and(|l| {
                    let l = l.trim_start().trim_start_matches("- ").trim_start();
                    l.strip_prefix(field.name())
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
            })
            .unwrap_or(start)
    };
    let raw: Vec<(usize, RawEntry)> = raw
        .into_iter()
        .enumerate()
        .map(|(i, r)| (start_of(i), r))
        .collect();
    validate_all(&raw, field_line)
}

/// The 1-based lines where the top-level list's items start (`- ` at column 0).
fn item_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == "-" || l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect()
}

fn raw_of(e: &Entry) -> RawEntry {
    RawEntry {
        key: e.key.clone(),
        question: e.question.clone(),
        alternatives: e.alternatives.clone(),
        answer: e.answer.clone(),
        law: e.law.clone(),
        article: e.article.clone(),
        tags: e.tags.clone(),
        consultation: e.link.map(|l| format!("C{}", l.consultation)),
        consultation_article: e.link.map(|l| l.article.to_string()),
        updated_at: Some(e.updated_at.to_rfc3339()),
    }
}

/// A cell a spreadsheet would run as a formula gets an apostrophe in front.
fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Writes the entries in a format [`parse`] reads back unchanged. CSV is UTF-8 with a
/// BOM (so Excel shows the Chinese), lists joined by ` | `, with `updated_at` last
/// (ignored on import).
pub fn export(entries: &[Entry], format: FileFormat) -> Result<Vec<u8>, String> {
    match format {
        FileFormat::Csv => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            {
                let mut w = csv::Writer::from_writer(&mut out);
                let mut header: Vec<&str> = FaqField::ALL.iter().map(|f| f.name()).collect();
                header.push("updated_at");
                w.write_record(&header).map_err(|e| e.to_string())?;
                for e in entries {
                    let r = raw_of(e);
                    let row = [
                        r.key,
                        neutralise(&r.question),
                        neutralise(&r.alternatives.join(" | ")),
                        neutralise(&r.answer),
                        neutralise(&r.law),
                        neutralise(&r.article),
                        neutralise(&r.tags.join(" | ")),
                        r.consultation.unwrap_or_default(),
                        r.consultation_article.unwrap_or_default(),
                        r.updated_at.unwrap_or_default(),
                    ];
                    w.write_record(&row).map_err(|e| e.to_string())?;
                }
                w.flush().map_err(|e| e.to_string())?;
            }
            Ok(out)
        }
        FileFormat::Yaml => {
            let raw: Vec<RawEntry> = entries.iter().map(raw_of).collect();
            serde_yaml_ng::to_string(&raw)
                .map(String::into_bytes)
                .map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "key,question,alternatives,answer,law,article,tags\n\
        noise,邻居装修太吵怎么办？,装修噪音|楼上太吵,相邻权利人应当为相邻方提供必要的便利，不得制造噪声妨害邻居。,中华人民共和国民法典,第二百八十八条,邻里\n";

    #[test]
    fn reads_a_good_csv() {
        let entries = parse(GOOD.as_bytes(), FileFormat::Csv).unwrap();
        assert_eq!(entries.len(), 1);
        let (line, e) = &entries[0];
        assert_eq!(*line, 2);
        assert_eq!(e.alternatives, vec!["装修噪音", "楼上太吵"]);
        assert_eq!(e.law, "中华人民共和国民法典");
    }

    #[test]
    fn names_every_bad_line_and_field() {
        let bad = "key,question,answer,law,article\n\
            Bad Key,问题一,这是一个足够长的答案文本。,民法典,第一条\n\
            ok-1,,这是一个足够长的答案文本。,民法典,第一条\n\
            ok-1,问题三,短,民法典,第一条\n\
            ok-2,问题四,这是一个足够长的答案文本。,民法典,一百\n";
        let errors = parse(bad.as_bytes(), FileFormat::Csv).unwrap_err();
        let got: Vec<(usize, Option<FaqField>)> =
            errors.iter().map(|e| (e.line, e.field)).collect();
        assert_eq!(
            got,
            vec![
                (2, Some(FaqField::Key)),
                (3, Some(FaqField::Question)),
                (4, Some(FaqField::Answer)),
                (5, Some(FaqField::Article)),
            ]
        );
    }

    #[test]
    fn a_file_is_bounded_in_bytes_and_entries() {
        let big = GOOD.repeat(limits::FAQ_FILE_BYTES as usize / GOOD.len() + 1);
        for format in [FileFormat::Csv, FileFormat::Yaml] {
            assert_eq!(
                parse(big.as_bytes(), format).unwrap_err(),
                vec![error(
                    1,
                    None,
                    Problem::FileTooLarge {
                        limit: limits::FAQ_FILE_BYTES
                    }
                )]
            );
        }
        // Short rows, many of them: the reader stops at the first one too many.
        let mut many = "key,question,answer,law,article\n".to_owned();
        for i in 0..MAX_ENTRIES * 2 {
            many.push_str(&format!("k{i},q,a,l,1\n"));
        }
        assert!((many.len() as u64) < limits::FAQ_FILE_BYTES);
        assert_eq!(
            parse(many.as_bytes(), FileFormat::Csv).unwrap_err(),
            vec![error(1, None, Problem::TooManyEntries { max: MAX_ENTRIES })]
        );
    }

    /// A YAML file of nested aliases ("billion laughs", a few hundred bytes that expand
    /// to 10⁹ items) is refused quickly and without expanding it: entries take no
    /// unknown field and lists hold strings, and the YAML reader limits repetitions.
    #[test]
    fn a_yaml_alias_bomb_is_refused() {
        let mut yaml = String::from("- key: a\n  notes: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            yaml.push_str(&format!("- key: b{i}\n  notes: &l{i} [{refs}]\n"));
        }
        yaml.push_str("- key: z\n  question: 问题\n  notes: *l8\n");
        let started = std::time::Instant::now();
        let (errors, peak) =
            crate::test_bombs::heap_peak(|| parse(yaml.as_bytes(), FileFormat::Yaml));
        assert!(errors.is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(peak < 16 * 1024 * 1024, "{peak} bytes of heap");
    }

    #[test]
    fn yaml_errors_point_at_the_field_line() {
        let yaml = "- key: a\n  question: 邻居装修太吵怎么办\n  answer: 这是一个足够长的答案文本。\n  law: 民法典\n  article: 第二百八十八条\n- key: b\n  question: 问\n  answer: 这是一个足够长的答案文本。\n  law: 民法典\n  article: 第二百八十八条\n";
        let errors = parse(yaml.as_bytes(), FileFormat::Yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 7);
        assert_eq!(errors[0].field, Some(FaqField::Question));
        let broken = "- key: a\n  question: [unclosed\n";
        let errors = parse(broken.as_bytes(), FileFormat::Yaml).unwrap_err();
        assert!(matches!(errors[0].problem, Problem::Syntax(_)));
        assert!(errors[0].line >= 2, "{errors:?}");
    }
}
