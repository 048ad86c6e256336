//! Messages in the person's language: the catalogues shared with the other channels
//! ([`consult_domain::i18n::Locales`]), and `fl!`, which checks ids and arguments
//! against zh-CN when this crate is compiled.

pub use consult_domain::i18n::Locales;
/// Pass a loader from [`Locales::get`] and a message id checked at compile time.
pub use i18n_embed_fl::fl;

#[cfg(test)]
mod tests {
    use super::*;
    use consult_domain::people::Locale;

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
