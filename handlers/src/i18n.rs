//! Messages in the person's language. One loader per locale is built at start and
//! shared read-only: switching one shared loader per request would race between
//! concurrent updates.

use std::collections::HashMap;

use consult_domain::people::Locale;
use i18n_embed::{
    I18nEmbedError, LanguageLoader,
    fluent::{FluentLanguageLoader, fluent_language_loader},
};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../locales/"]
struct Assets;

/// Pass a loader from [`Locales::get`] and a message id checked at compile time.
pub use i18n_embed_fl::fl;

#[derive(Debug)]
pub struct Locales {
    zh_cn: FluentLanguageLoader,
    en: FluentLanguageLoader,
}

impl Locales {
    pub fn load() -> Result<Self, I18nEmbedError> {
        let load = |locale: Locale| -> Result<FluentLanguageLoader, I18nEmbedError> {
            let loader = fluent_language_loader!();
            let id = locale
                .tag()
                .parse()
                .map_err(|_| I18nEmbedError::RequestedLanguagesEmpty)?;
            loader.load_languages(&Assets, &[id])?;
            // Unicode isolation marks around arguments show as stray characters in
            // Telegram clients and break copy-paste of receipt numbers.
            loader.set_use_isolating(false);
            Ok(loader)
        };
        Ok(Self {
            zh_cn: load(Locale::ZhCn)?,
            en: load(Locale::En)?,
        })
    }

    pub fn get(&self, locale: Locale) -> &FluentLanguageLoader {
        match locale {
            Locale::ZhCn => &self.zh_cn,
            Locale::En => &self.en,
        }
    }

    /// A message looked up at run time, for ids computed from data (e.g. one message
    /// per validation rule). Prefer [`fl!`] where the id is fixed.
    pub fn text(&self, locale: Locale, id: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<&str, String> = args.iter().cloned().collect();
        self.get(locale).get_args(id, args)
    }

    /// Every message id of a locale, for the test that both locales are complete.
    pub fn message_ids(&self, locale: Locale) -> Vec<String> {
        let loader = self.get(locale);
        let lang = loader.current_language();
        let mut ids: Vec<String> = loader.with_message_iter(&lang, |messages| {
            messages.map(|m| m.id.name.to_owned()).collect()
        });
        ids.sort();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_have_the_same_message_ids() {
        let locales = Locales::load().unwrap();
        let zh = locales.message_ids(Locale::ZhCn);
        let en = locales.message_ids(Locale::En);
        assert!(zh.len() > 10, "zh-CN has messages: {zh:?}");
        let missing_en: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
        let missing_zh: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_zh.is_empty(), "missing in zh-CN: {missing_zh:?}");
    }

    #[test]
    fn loaders_answer_in_their_own_language_without_isolation_marks() {
        let locales = Locales::load().unwrap();
        let zh = fl!(
            locales.get(Locale::ZhCn),
            "cli-point-added",
            code = "a1",
            name = "甲"
        );
        let en = fl!(
            locales.get(Locale::En),
            "cli-point-added",
            code = "a1",
            name = "甲"
        );
        assert_eq!(zh, "已添加联系点 a1：甲");
        assert_eq!(en, "Added contact point a1: 甲");
    }
}
