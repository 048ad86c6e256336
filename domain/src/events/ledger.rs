//! The 普法活动台账: one row per event — what, when, where, the seats, and the figures
//! after it (signed up, waiting, checked in, walk-ins, people reached) — a sheet of
//! the XLSX export beside the opinions' ledger and the 社情民意台账. A liaison's export
//! holds only their point's events.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::{Counts, Event, EventKind, EventStatus};
use crate::export::{Words, local, neutralise};

pub const SHEET: &str = "普法活动台账";
pub const HEADERS: [&str; 16] = [
    "活动编号",
    "活动",
    "类型",
    "主题",
    "联系点",
    "开始",
    "结束",
    "地点",
    "名额",
    "报名",
    "候补",
    "签到",
    "现场参加",
    "惠及人次",
    "状态",
    "小结",
];

/// The words the sheet writes for coded values, for [`Words::ids`].
pub fn word_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = EventKind::ALL.map(EventKind::label_id).to_vec();
    ids.extend(EventStatus::ALL.map(EventStatus::label_id));
    ids
}

/// One event's row, in [`HEADERS`] order, neutralised.
pub fn row(
    e: &Event,
    c: &Counts,
    points: &HashMap<i64, String>,
    tz: Tz,
    words: &Words,
) -> [String; 16] {
    [
        e.code(),
        e.title.clone(),
        words.get(e.kind.label_id()).to_owned(),
        e.topic.clone(),
        e.point_id
            .and_then(|p| points.get(&p).cloned())
            .unwrap_or_default(),
        local(e.starts_at, tz),
        local(e.ends_at, tz),
        e.venue.as_str().to_owned(),
        e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        c.signed_up.to_string(),
        c.waiting.to_string(),
        c.checked_in.to_string(),
        c.walk_ins.to_string(),
        c.reached().to_string(),
        words.get(e.status.label_id()).to_owned(),
        e.note.clone().unwrap_or_default(),
    ]
    .map(|cell| neutralise(&cell))
}

/// Adds the sheet to a workbook: counts as numbers, texts wrapped.
pub fn write_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    events: &[(Event, Counts)],
    points: &HashMap<i64, String>,
    tz: Tz,
    words: &Words,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format;
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    for (col, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        let width = match col {
            1 | 15 => 32.0,
            3 | 7 => 20.0,
            5 | 6 => 16.0,
            _ => 10.0,
        };
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, (e, c)) in events.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row(e, c, points, tz, words).iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match (col, cell.parse::<f64>()) {
                (8..=13, Ok(n)) => sheet.write_number(r, col as u16, n)?,
                _ => sheet.write_string(r, col as u16, cell)?,
            };
        }
    }
    Ok(())
}
