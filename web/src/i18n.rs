//! Page texts in the visitor's language: the catalogues shared with the chat (one
//! loader per locale, built at start — [`consult_domain::i18n::Locales`]) and `fl!`,
//! which checks ids and arguments against zh-CN when this crate is compiled.

pub use consult_domain::i18n::Locales;
/// Pass a loader from [`Locales::get`] and a message id checked at compile time.
pub use i18n_embed_fl::fl;
