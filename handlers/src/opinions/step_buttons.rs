//! The buttons that the opinion dialogue and the offline record (/record) share: 返回,
//! 取消, the whole draft and the stances. Each dialogue keeps its own callback family,
//! so a press is routed to the dialogue that drew it; only the drawing is shared.

use consult_domain::opinions::Stance;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::{
    Deps,
    callback::{Callback, OpinionButton, RecordButton},
    i18n::fl,
    person::Person,
};

pub(crate) trait StepButton: Copy {
    const BACK: Self;
    const CANCEL: Self;
    fn stance(stance: Stance) -> Self;
    fn callback(self) -> Callback;
}

impl StepButton for OpinionButton {
    const BACK: Self = OpinionButton::Back;
    const CANCEL: Self = OpinionButton::Cancel;
    fn stance(stance: Stance) -> Self {
        OpinionButton::Stance(stance)
    }
    fn callback(self) -> Callback {
        Callback::Opinion(self)
    }
}

impl StepButton for RecordButton {
    const BACK: Self = RecordButton::Back;
    const CANCEL: Self = RecordButton::Cancel;
    fn stance(stance: Stance) -> Self {
        RecordButton::Stance(stance)
    }
    fn callback(self) -> Callback {
        Callback::Record(self)
    }
}

pub(crate) fn button<B: StepButton>(text: String, b: B) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, b.callback().encode())
}

/// 返回 and 取消, under every step after the first.
pub(crate) fn back_row<B: StepButton>(deps: &Deps, who: &Person) -> Vec<InlineKeyboardButton> {
    let l = deps.locales.get(who.locale);
    vec![
        button(fl!(l, "opinion-back"), B::BACK),
        button(fl!(l, "opinion-cancel"), B::CANCEL),
    ]
}

pub(crate) fn back_keyboard<B: StepButton>(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([back_row::<B>(deps, who)])
}

/// The five stances, three to a row.
pub(crate) fn stance_rows<B: StepButton>(
    deps: &Deps,
    who: &Person,
) -> Vec<Vec<InlineKeyboardButton>> {
    Stance::ALL
        .chunks(3)
        .map(|row| {
            row.iter()
                .map(|s| {
                    let name =
                        deps.locales
                            .text(who.locale, &format!("stance-{}", s.as_str()), &[]);
                    button(name, B::stance(*s))
                })
                .collect()
        })
        .collect()
}
