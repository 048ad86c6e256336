//! `/staff/export`: the 意见汇总表 to download, with the content and scope of chat's
//! `/export` (the domain builds both: [`consult_domain::export`]). An admin downloads
//! every consultation (`/staff/export/all.xlsx`) or one (`C12.xlsx`, `C12.csv`); a
//! liaison the same links, holding only their point's opinions; a consultation not put
//! to their point, one not published, or an informant's request is the same 404 as a
//! file that never existed. Every download is written to the audit log as the
//! person's `export`, as in chat.
//!
//! The file's name is the one chat sends (意见汇总表-C12-…xlsx), in
//! `Content-Disposition` as RFC 6266 asks: UTF-8 in `filename*`, and an ASCII
//! `filename` for the browsers that read only that.

use axum::{
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use consult_domain::{
    Actor, Error as DomainError,
    access::Access,
    consultations::Consultation,
    export::{ExportError, Format, Request, Words},
    review::Scope,
};
use maud::html;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Staff, staff_layout},
};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// What a download's address asks for: `all.xlsx`, `C12.xlsx` or `C12.csv` (a CSV
/// holds one consultation, so `all.csv` is not an address).
fn parse(file: &str) -> Option<(Option<i64>, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    let format = match ext {
        "xlsx" => Format::Xlsx,
        "csv" => Format::Csv,
        _ => return None,
    };
    let consultation = match stem {
        "all" if format == Format::Xlsx => None,
        _ => Some(
            stem.strip_prefix('C')?
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)?,
        ),
    };
    Some((consultation, format))
}

/// The consultations a person may export, newest first: the published ones that
/// concern them (every one for an admin; for a liaison, those put to their point, as
/// chat's `/export 12` requires).
async fn exportable(
    ctx: &Ctx,
    access: &Access,
    scope: Scope,
) -> Result<Vec<Consultation>, WebError> {
    let mut all = ctx.state.db().stats().consultations(scope).await?;
    all.retain(|c| access.concerns(c));
    Ok(all)
}

pub async fn page(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let consultations = exportable(&ctx, &staff.access, scope).await?;
    let counts = ctx.state.db().reviews().counts(scope).await?;
    let count = |id: i64| {
        counts
            .iter()
            .find(|c| c.consultation_id == id)
            .map_or(0, |c| c.total())
    };
    let l = ctx.l();
    let title = fl!(l, "staff-export-title");
    let scope_text = match staff.reach_name() {
        Some(p) => fl!(l, "staff-export-scope-point", point = p),
        None => fl!(l, "staff-export-scope-all"),
    };
    let body = html! {
        h1 { (title) }
        p.lead { (scope_text) }
        p { (fl!(l, "staff-export-explain")) }
        @if consultations.is_empty() {
            p { (fl!(l, "staff-export-none")) }
        } @else {
            p {
                a.button href="/staff/export/all.xlsx" download { (fl!(l, "staff-export-all")) }
            }
            div.table-scroll role="region" aria-labelledby="export-caption" tabindex="0" {
                table {
                    caption #export-caption { (fl!(l, "staff-export-caption")) }
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-export-col-consultation")) }
                            th scope="col" { (fl!(l, "staff-export-col-state")) }
                            th.count scope="col" { (fl!(l, "staff-export-col-opinions")) }
                            th scope="col" { (fl!(l, "staff-export-col-files")) }
                        }
                    }
                    tbody {
                        @for c in &consultations {
                            @let code = c.code();
                            tr {
                                th scope="row" { (code) " " (c.title) }
                                td { (ctx.text(&format!("state-{}", c.state.as_str()))) }
                                td.count { (count(c.id)) }
                                td.files {
                                    @for ext in ["xlsx", "csv"] {
                                        a href=(format!("/staff/export/{code}.{ext}")) download {
                                            span.visually-hidden {
                                                (fl!(l, "staff-export-file-of", code = code.clone())) " "
                                            }
                                            (ext.to_uppercase())
                                        }
                                        " "
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { (fl!(l, "staff-export-csv-hint")) }
        }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

/// One download.
pub async fn download(
    ctx: Ctx,
    staff: Staff,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let (consultation, format) = parse(&file).ok_or(WebError::NotFound)?;
    // A draft not theirs to see, or not put to their point, does not exist for them.
    if let Some(id) = consultation
        && !exportable(&ctx, &staff.access, scope)
            .await?
            .iter()
            .any(|c| c.id == id)
    {
        return Err(WebError::NotFound);
    }
    let req = Request {
        consultation,
        scope,
        format,
    };
    let words = Words::new(|id| ctx.state.locales().text(ctx.locale, id, &[]));
    let settings = ctx.state.settings();
    let export = match ctx
        .state
        .db()
        .exports()
        .export(
            &req,
            words,
            Actor::Person(staff.access.person()),
            settings.timezone,
            ctx.state.now(),
        )
        .await
    {
        Ok(e) => e,
        Err(ExportError::Domain(DomainError::UnknownConsultation(_)))
        | Err(ExportError::CsvNeedsConsultation) => return Err(WebError::NotFound),
        Err(ExportError::Domain(e)) => return Err(e.into()),
        Err(ExportError::Build(e)) => return Err(WebError::Build(e)),
    };
    let content_type = match format {
        Format::Xlsx => XLSX_TYPE,
        Format::Csv => CSV_TYPE,
    };
    let mut response = (StatusCode::OK, export.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition(&export.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `attachment; filename="C12-20261124-0900.xlsx"; filename*=UTF-8''%E6%84%8F…`: the
/// name in UTF-8 for every current browser, and its ASCII part for the rest.
pub fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let ascii = ascii.trim_start_matches(['-', '.']);
    let ascii = if ascii.is_empty() { "export" } else { ascii };
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_addresses_are_read() {
        assert_eq!(parse("all.xlsx"), Some((None, Format::Xlsx)));
        assert_eq!(parse("C12.xlsx"), Some((Some(12), Format::Xlsx)));
        assert_eq!(parse("C12.csv"), Some((Some(12), Format::Csv)));
        for bad in [
            "all.csv", "C0.xlsx", "C-1.csv", "12.xlsx", "C12.pdf", "C12", "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_file_name_survives_in_both_forms() {
        assert_eq!(
            disposition("意见汇总表-C12-20261124-0900.xlsx"),
            "attachment; filename=\"C12-20261124-0900.xlsx\"; \
             filename*=UTF-8''%E6%84%8F%E8%A7%81%E6%B1%87%E6%80%BB%E8%A1%A8-C12-20261124-0900.xlsx"
        );
        assert!(disposition("\"; x").starts_with("attachment; filename=\"x\""));
    }
}
