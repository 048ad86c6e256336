//! A sheet's outcome in words, for every channel that reports one: chat's reply to a
//! sheet, the console's page of row problems and its offline form. The words that
//! name a column, what is wrong with it and what an import stored live here; how a
//! channel frames them (a row number, a field's message, lines or a paragraph) is
//! its own.

use i18n_embed_fl::fl;

use super::{Column, Imported, Problem};
use crate::{i18n::Locales, people::Locale};

/// A column's name, as the template's header says it (in the reader's language).
pub fn column_name(locales: &Locales, locale: Locale, c: Column) -> String {
    locales.text(locale, &format!("record-column-{}", c.key()), &[])
}

/// What is wrong with a cell of `column`: 「日期不能晚于今天」.
pub fn problem_text(locales: &Locales, locale: Locale, column: Column, p: Problem) -> String {
    let l = locales.get(locale);
    let name = column_name(locales, locale, column);
    match p {
        Problem::Missing => fl!(l, "record-problem-missing", column = name),
        Problem::Format => fl!(
            l,
            "record-problem-format",
            column = name,
            key = column.key()
        ),
        Problem::UnknownConsultation => {
            fl!(l, "record-problem-unknown-consultation", column = name)
        }
        Problem::NotOpen => fl!(l, "record-problem-not-open", column = name),
        Problem::WrongKind => fl!(l, "record-problem-wrong-kind", column = name),
        Problem::OutOfScope => fl!(l, "record-problem-out-of-scope", column = name),
        Problem::UnknownArticle => fl!(l, "record-problem-unknown-article", column = name),
        Problem::Future => fl!(l, "record-problem-future", column = name),
        Problem::TooShort { min } => {
            fl!(l, "record-problem-too-short", column = name, min = min)
        }
        Problem::TooLong { max } => fl!(l, "record-problem-too-long", column = name, max = max),
    }
}

/// What an import stored, a sentence a line: how many and their receipt numbers
/// (「C1-0003 至 C1-0012、C2-0001」), and how many were stored before; or that all were.
pub fn imported(locales: &Locales, locale: Locale, imported: &Imported) -> Vec<String> {
    let l = locales.get(locale);
    if imported.new.is_empty() {
        return vec![fl!(l, "record-imported-nothing", count = imported.already)];
    }
    let receipts = imported
        .receipt_ranges()
        .into_iter()
        .map(|(first, last)| {
            if first == last {
                first.to_owned()
            } else {
                fl!(l, "record-receipt-range", first = first, last = last)
            }
        })
        .collect::<Vec<_>>()
        .join(&fl!(l, "record-list-separator"));
    let mut lines = vec![fl!(
        l,
        "record-imported",
        count = imported.new.len(),
        receipts = receipts
    )];
    if imported.already > 0 {
        lines.push(fl!(l, "record-imported-already", count = imported.already));
    }
    lines
}
