//! The message catalogues of `locales/`, loaded once for every channel (chat, web,
//! command line). One loader per locale is built at start and shared read-only:
//! switching one shared loader per request would race between concurrent requests.
//!
//! The texts themselves are the channels' business; `fl!` in each channel crate checks
//! ids and arguments at compile time against zh-CN.

use std::collections::HashMap;

use i18n_embed::{I18nEmbedError, LanguageLoader, fluent::FluentLanguageLoader};
use rust_embed::RustEmbed;

use crate::people::Locale;

#[derive(RustEmbed)]
#[folder = "../locales/"]
struct Assets;

/// The Fluent domain: every locale has one file, `locales/<tag>/consult.ftl`.
const DOMAIN: &str = "consult";

#[derive(Debug)]
pub struct Locales {
    zh_cn: FluentLanguageLoader,
    en: FluentLanguageLoader,
}

impl Locales {
    pub fn load() -> Result<Self, I18nEmbedError> {
        let tag = |locale: Locale| {
            locale
                .tag()
                .parse()
                .map_err(|_| I18nEmbedError::RequestedLanguagesEmpty)
        };
        let load = |locale: Locale| -> Result<FluentLanguageLoader, I18nEmbedError> {
            let loader = FluentLanguageLoader::new(DOMAIN, tag(Locale::ZhCn)?);
            loader.load_languages(&Assets, &[tag(locale)?])?;
            // Unicode isolation marks around arguments show as stray characters in
            // Telegram clients and break copy-paste of receipt numbers and links.
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
    /// per validation rule). Prefer `fl!` where the id is fixed.
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
