//! The 意见汇总表 as a test reads it: the whole export (every consultation, the
//! 社情民意台账, the 考核), in Chinese, at the test's clock, and one sheet's cells as text.

use calamine::Reader;
use consult_domain::{
    Actor,
    export::{Format, Request, Words},
    people::Locale,
};

use super::app::{ClockExt, TestApp};

/// The whole XLSX export, as the command line would make it now.
pub async fn whole_export(app: &TestApp) -> Vec<u8> {
    let locales = consult_domain::i18n::Locales::load().unwrap();
    let words = Words::new(|id| locales.text(Locale::ZhCn, id, &[]));
    let request = Request {
        consultation: None,
        scope: consult_domain::review::Scope::All,
        format: Format::Xlsx,
    };
    app.db
        .exports()
        .export(
            &request,
            words,
            Actor::CommandLine,
            chrono_tz::Asia::Shanghai,
            app.clock.now_utc(),
        )
        .await
        .expect("export")
        .bytes
}

/// The rows of the first sheet whose name starts with `name`, each cell as text.
pub fn sheet_rows(xlsx: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with(name))
        .unwrap_or_else(|| panic!("a sheet {name:?}"));
    book.worksheet_range(&sheet)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}
