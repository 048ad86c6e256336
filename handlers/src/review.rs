//! `/review`: the liaison's (their point's opinions) and the admin's (all) review
//! queue. Consultations with counts by status, then one opinion at a time, edited in
//! place, with the actions 已阅, 转交, 重复, 无效 and 备注. Buttons are untrusted: every
//! press re-reads the role and re-checks that the opinion is in the reviewer's scope.

use consult_domain::{
    Error as DomainError,
    opinions::{Identity, Opinion, Status},
    review::{Action, Filter, STATUSES, Scope},
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId},
};

use crate::{
    Deps, HandlerError,
    callback::{Callback, ReviewAct, ReviewView},
    cards::local_time,
    ctx::Ctx,
    html,
    i18n::fl,
    labels,
    person::Person,
    reply,
    reply::Courtesy,
};

/// How many similar opinions are offered as the original of a duplicate.
const SIMILAR: i64 = 5;

/// A reason or note the reviewer was asked to send.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub opinion: i64,
    /// true: a reason for 无效; false: a note.
    pub invalid: bool,
    pub pending: bool,
    pub article: Option<Option<i32>>,
    pub index: u16,
}

/// What this person may review, read fresh: all (admin), their point (liaison), or
/// nothing — the rule the web console shares ([`consult_domain::access::Access`]).
fn scope(who: &Person) -> Option<Scope> {
    who.access().and_then(|a| a.review())
}

fn filter(view: ReviewView) -> Filter {
    Filter {
        pending: view.pending,
        article: view.article,
    }
}

fn button(text: String, data: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, data.encode())
}

/// Where a reviewer works: their private chat, and the message to edit in place.
pub struct Reviewing<'a> {
    pub bot: &'a Bot,
    pub deps: &'a Deps,
    pub who: &'a Person,
    /// The message to edit in place; None sends a new one.
    pub edit: Option<MessageId>,
}

impl Reviewing<'_> {
    fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        self.deps.locales.text(self.who.locale, id, args)
    }

    async fn show(&self, text: String, keyboard: InlineKeyboardMarkup) -> Result<(), HandlerError> {
        // An opinion with many notes may not fit: keep the whole lines that do.
        let text = if html::visible_len(&text).is_ok_and(|n| n <= html::MESSAGE_LIMIT) {
            text
        } else {
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            html::split_lines(&lines, html::MESSAGE_LIMIT)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        reply::Screen::of(self.bot, self.who, self.edit)
            .show(text, keyboard)
            .await
    }

    fn counts_line(&self, counts: &[i64; 6]) -> String {
        let args: Vec<(&str, String)> = STATUSES
            .iter()
            .zip(counts.iter())
            .map(|(s, n)| (s.as_str(), n.to_string()))
            .collect();
        self.t("review-counts", &args)
    }

    /// The first screen: consultations with counts by status.
    pub async fn list(&self, scope: Scope) -> Result<(), HandlerError> {
        let l = self.deps.locales.get(self.who.locale);
        let all = self.deps.db.reviews().counts(scope).await?;
        if all.is_empty() {
            return self
                .show(fl!(l, "review-none"), InlineKeyboardMarkup::default())
                .await;
        }
        let scope_name = match scope {
            Scope::All => fl!(l, "review-scope-all"),
            Scope::Point(_) | Scope::District(_) => self.who.point_name(),
        };
        let mut lines = vec![fl!(l, "review-header", scope = scope_name), String::new()];
        let mut rows = Vec::new();
        for c in &all {
            let title = html::escape(&c.title);
            lines.push(fl!(
                l,
                "review-consultation",
                id = c.consultation_id,
                title = title.clone()
            ));
            lines.push(self.counts_line(&c.by_status));
            let short: String = c.title.chars().take(20).collect();
            rows.push(vec![button(
                fl!(
                    l,
                    "review-button-consultation",
                    id = c.consultation_id,
                    title = short,
                    received = c.by_status[0]
                ),
                Callback::ReviewView {
                    consultation: c.consultation_id,
                    view: ReviewView {
                        pending: true,
                        article: None,
                        index: 0,
                    },
                },
            )]);
        }
        lines.push(String::new());
        lines.push(fl!(l, "review-choose"));
        self.show(lines.join("\n"), InlineKeyboardMarkup::new(rows))
            .await
    }

    fn article_name(&self, o: &Opinion) -> String {
        match &o.article_label {
            Some(label) => html::escape(label),
            None => self.t("opinion-whole-draft", &[]),
        }
    }

    /// One opinion of a consultation's queue (or the empty queue), with its buttons.
    pub async fn view(
        &self,
        scope: Scope,
        consultation: i64,
        view: ReviewView,
    ) -> Result<(), HandlerError> {
        let (deps, l) = (self.deps, self.deps.locales.get(self.who.locale));
        let reviews = deps.db.reviews();
        let queue = reviews.queue(consultation, scope, filter(view)).await?;
        let counts = reviews.counts_of(consultation, scope).await?;
        let c = deps.db.consultations().get(consultation).await?;
        let title = c
            .as_ref()
            .map(|c| html::escape(&c.title))
            .unwrap_or_default();
        // An open call's suggestions are on no article: there is nothing to filter by.
        let open_call = c.as_ref().is_some_and(|c| c.is_open_call());
        let index = usize::from(view.index).min(queue.len().saturating_sub(1));
        let view = ReviewView {
            index: u16::try_from(index).unwrap_or(u16::MAX),
            ..view
        };
        let mut lines = vec![
            fl!(l, "review-consultation", id = consultation, title = title),
            self.counts_line(&counts),
        ];
        let articles = reviews.articles(consultation, scope).await?;
        let article_filter = match view.article {
            None if open_call => fl!(l, "review-suggestions-all"),
            None => fl!(l, "review-article-all"),
            Some(None) => fl!(l, "opinion-whole-draft"),
            Some(Some(n)) => articles
                .iter()
                .find(|(a, _)| *a == Some(n))
                .and_then(|(_, label)| label.as_deref())
                .map_or_else(|| n.to_string(), html::escape),
        };
        let status_filter = if view.pending {
            fl!(l, "review-filter-pending")
        } else {
            fl!(l, "review-filter-all")
        };
        let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
        let opinion = match queue.get(index) {
            Some(id) => deps.db.opinions().get(*id).await?,
            None => None,
        };
        match &opinion {
            None => {
                lines.push(String::new());
                lines.push(fl!(l, "review-empty"));
            }
            Some(o) => {
                lines.push(fl!(
                    l,
                    "review-position",
                    n = (index + 1).to_string(),
                    total = queue.len().to_string(),
                    filter = status_filter,
                    article = article_filter
                ));
                lines.push(String::new());
                lines.extend(self.opinion_lines(o).await?);
                rows.extend(self.action_rows(o, view));
                let mut nav = Vec::new();
                if index > 0 {
                    nav.push(button(
                        fl!(l, "review-prev"),
                        Callback::ReviewView {
                            consultation,
                            view: ReviewView {
                                index: view.index.saturating_sub(1),
                                ..view
                            },
                        },
                    ));
                }
                if index + 1 < queue.len() {
                    nav.push(button(
                        fl!(l, "review-next"),
                        Callback::ReviewView {
                            consultation,
                            view: ReviewView {
                                index: view.index.saturating_add(1),
                                ..view
                            },
                        },
                    ));
                }
                if !nav.is_empty() {
                    rows.push(nav);
                }
            }
        }
        // Filters: by status, then by article.
        let mark = |on: bool, text: String| if on { format!("• {text}") } else { text };
        rows.push(vec![
            button(
                mark(view.pending, fl!(l, "review-filter-pending")),
                Callback::ReviewView {
                    consultation,
                    view: ReviewView {
                        pending: true,
                        index: 0,
                        ..view
                    },
                },
            ),
            button(
                mark(!view.pending, fl!(l, "review-filter-all")),
                Callback::ReviewView {
                    consultation,
                    view: ReviewView {
                        pending: false,
                        index: 0,
                        ..view
                    },
                },
            ),
        ]);
        let mut choices = vec![(None, fl!(l, "review-article-all"))];
        for (number, label) in &articles {
            let name = match (number, label) {
                (None, _) => fl!(l, "opinion-whole-draft"),
                (Some(_), Some(label)) => label.clone(),
                (Some(n), None) => n.to_string(),
            };
            choices.push((Some(*number), name));
        }
        let buttons: Vec<InlineKeyboardButton> = choices
            .into_iter()
            .map(|(article, name)| {
                button(
                    mark(article == view.article, name),
                    Callback::ReviewView {
                        consultation,
                        view: ReviewView {
                            article,
                            index: 0,
                            ..view
                        },
                    },
                )
            })
            .collect();
        if !open_call {
            rows.extend(buttons.chunks(4).map(<[_]>::to_vec));
        }
        rows.push(vec![button(fl!(l, "review-back"), Callback::ReviewList)]);
        self.show(lines.join("\n"), InlineKeyboardMarkup::new(rows))
            .await
    }

    /// The opinion as the reviewer reads it: identity only as far as consent allows.
    async fn opinion_lines(&self, o: &Opinion) -> Result<Vec<String>, HandlerError> {
        let deps = self.deps;
        let l = deps.locales.get(self.who.locale);
        let status = labels::review_status(&deps.locales, self.who.locale, o.status);
        let suggestion = deps.db.suggestions().get(o.id).await?;
        let mut lines = vec![
            fl!(
                l,
                "review-receipt",
                receipt = o.receipt.clone(),
                article = self.article_name(o),
                version = o.version,
                status = status
            ),
            fl!(
                l,
                "review-stance",
                stance = labels::stance(&deps.locales, self.who.locale, o.stance)
            ),
            fl!(l, "review-body", body = html::escape(&o.body)),
        ];
        if let Some(w) = &o.proposed_wording {
            lines.push(fl!(l, "review-wording", wording = html::escape(w)));
        }
        // A project suggestion: its own lines in place of article, stance and text.
        if let Some(s) = &suggestion {
            lines = crate::open_calls::review_lines(deps, self.who, o, s);
        }
        lines.push(fl!(
            l,
            "review-channel",
            channel = labels::channel(&deps.locales, self.who.locale, o.channel)
        ));
        let identity = labels::identity(&deps.locales, self.who.locale, o.identity);
        if o.consent_details {
            lines.push(fl!(l, "review-identity", identity = identity));
            for (key, value) in [
                ("name", &o.submitter_name),
                ("organization", &o.organization),
                ("occupation", &o.occupation),
                ("district", &o.district),
            ] {
                if let Some(v) = value {
                    let value = html::escape(v);
                    lines.push(self.t(&format!("review-detail-{key}"), &[("value", value)]));
                }
            }
        } else if o.identity == Identity::Anonymous {
            lines.push(fl!(l, "review-identity", identity = identity));
        } else {
            let withheld = fl!(l, "review-identity-withheld", identity = identity);
            lines.push(fl!(l, "review-identity", identity = withheld));
        }
        if !o.attachments.is_empty() {
            lines.push(fl!(l, "review-attachments", count = o.attachments.len()));
        }
        let info = deps.db.reviews().info(o.id).await?;
        if let Some(of) = info.duplicate_of
            && let Some(original) = deps.db.opinions().get(of).await?
        {
            lines.push(fl!(l, "review-duplicate-of", receipt = original.receipt));
        }
        if let Some(reason) = &info.invalid_reason {
            lines.push(fl!(
                l,
                "review-invalid-reason",
                reason = html::escape(reason)
            ));
        }
        lines.extend(crate::feedback::decide::review_lines(deps, self.who.locale, o).await?);
        let notes = deps.db.reviews().notes(o.id).await?;
        if !notes.is_empty() {
            lines.push(fl!(l, "review-notes"));
            for n in notes {
                let time = local_time(&deps.locales, self.who.locale, deps.timezone, n.created_at);
                lines.push(fl!(
                    l,
                    "review-note",
                    time = time,
                    note = html::escape(&n.note)
                ));
            }
        }
        Ok(lines)
    }

    fn action_rows(&self, o: &Opinion, view: ReviewView) -> Vec<Vec<InlineKeyboardButton>> {
        let l = self.deps.locales.get(self.who.locale);
        let act = |act: ReviewAct, text: String| {
            button(
                text,
                Callback::ReviewAct {
                    opinion: o.id,
                    act,
                    view,
                },
            )
        };
        let mut rows = Vec::new();
        if o.status != Status::Withdrawn {
            rows.push(vec![
                act(ReviewAct::Reviewed, fl!(l, "review-act-reviewed")),
                act(ReviewAct::Forwarded, fl!(l, "review-act-forwarded")),
                act(ReviewAct::Duplicate, fl!(l, "review-act-duplicate")),
                act(ReviewAct::Invalid, fl!(l, "review-act-invalid")),
            ]);
        }
        let mut second = Vec::new();
        if o.status != Status::Withdrawn {
            second.push(act(ReviewAct::Note, fl!(l, "review-act-note")));
        }
        if let Some(decide) = crate::feedback::decide::review_button(self.deps, self.who, o) {
            second.push(decide);
        }
        if !o.attachments.is_empty() {
            second.push(act(
                ReviewAct::Files,
                fl!(l, "review-act-files", count = o.attachments.len()),
            ));
        }
        if !second.is_empty() {
            rows.push(second);
        }
        rows
    }

    /// 重复: the similar opinions to choose the original from.
    async fn choose_duplicate(
        &self,
        scope: Scope,
        o: &Opinion,
        view: ReviewView,
    ) -> Result<(), HandlerError> {
        let l = self.deps.locales.get(self.who.locale);
        let similar = self.deps.db.reviews().similar(o, scope, SIMILAR).await?;
        let mut lines = vec![fl!(
            l,
            "review-duplicate-choose",
            receipt = o.receipt.clone()
        )];
        let mut rows = Vec::new();
        if similar.is_empty() {
            lines.push(fl!(l, "review-duplicate-none"));
        }
        for s in &similar {
            let excerpt: String = s.body.chars().take(40).collect();
            lines.push(fl!(
                l,
                "review-duplicate-row",
                receipt = s.receipt.clone(),
                article = self.article_name(s),
                excerpt = html::escape(&excerpt)
            ));
            rows.push(vec![button(
                s.receipt.clone(),
                Callback::ReviewDuplicate {
                    opinion: o.id,
                    of: s.id,
                    view,
                },
            )]);
        }
        rows.push(vec![button(
            fl!(l, "review-cancel"),
            Callback::ReviewView {
                consultation: o.consultation_id,
                view,
            },
        )]);
        self.show(lines.join("\n"), InlineKeyboardMarkup::new(rows))
            .await
    }
}

/// `/review`.
pub async fn command(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let Some(scope) = scope(who) else {
        let text = fl!(deps.locales.get(who.locale), "review-refused");
        return reply::to(bot, who, text).await;
    };
    Reviewing {
        bot,
        deps,
        who,
        edit: None,
    }
    .list(scope)
    .await
}

/// Every /review button. Answers the query in all cases.
pub async fn button_pressed(
    cx: &Ctx,
    q: &CallbackQuery,
    data: Callback,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::alert(bot, q, fl!(l, "review-refused")).await;
    };
    let screen = Reviewing {
        bot,
        deps,
        who,
        edit: q.regular_message().map(|m| m.id),
    };
    match data {
        Callback::ReviewList => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            screen.list(scope).await
        }
        Callback::ReviewView { consultation, view } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            screen.view(scope, consultation, view).await
        }
        Callback::ReviewAct { opinion, act, view } => {
            let o = match deps.db.reviews().get(opinion, scope).await {
                Ok(o) => o,
                Err(DomainError::UnknownOpinion(_)) => {
                    return reply::alert(bot, q, fl!(l, "review-not-yours")).await;
                }
                Err(e) => return Err(e.into()),
            };
            if act == ReviewAct::Files {
                return send_files(bot, deps, q, who, &o).await;
            }
            if o.status == Status::Withdrawn {
                return reply::alert(bot, q, fl!(l, "review-withdrawn")).await;
            }
            match act {
                ReviewAct::Reviewed | ReviewAct::Forwarded => {
                    let action = if act == ReviewAct::Reviewed {
                        Action::Reviewed
                    } else {
                        Action::Forwarded
                    };
                    apply(&screen, q, scope, &o, action, view).await
                }
                ReviewAct::Duplicate => {
                    bot.answer_callback_query(q.id.clone()).courtesy().await;
                    screen.choose_duplicate(scope, &o, view).await
                }
                ReviewAct::Invalid | ReviewAct::Note => {
                    bot.answer_callback_query(q.id.clone()).courtesy().await;
                    let pending = Pending {
                        opinion: o.id,
                        invalid: act == ReviewAct::Invalid,
                        pending: view.pending,
                        article: view.article,
                        index: view.index,
                    };
                    crate::dialogue::save(deps, who, &pending, update_id).await?;
                    ask_text(bot, deps, who, &pending, &o.receipt).await
                }
                ReviewAct::Files => Ok(()),
            }
        }
        Callback::ReviewDuplicate { opinion, of, view } => {
            let o = match deps.db.reviews().get(opinion, scope).await {
                Ok(o) => o,
                Err(DomainError::UnknownOpinion(_)) => {
                    return reply::alert(bot, q, fl!(l, "review-not-yours")).await;
                }
                Err(e) => return Err(e.into()),
            };
            apply(&screen, q, scope, &o, Action::Duplicate { of }, view).await
        }
        _ => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            Ok(())
        }
    }
}

/// Applies an action from a button, answers the query and shows the queue again
/// (same position: with the 待处理 filter, that is the next opinion).
async fn apply(
    screen: &Reviewing<'_>,
    q: &CallbackQuery,
    scope: Scope,
    o: &Opinion,
    action: Action,
    view: ReviewView,
) -> Result<(), HandlerError> {
    let (bot, deps, who) = (screen.bot, screen.deps, screen.who);
    match act(deps, who, scope, o, &action).await? {
        Ok(text) => {
            reply::toast(bot, q, text).await?;
            screen.view(scope, o.consultation_id, view).await
        }
        Err(text) => reply::alert(bot, q, text).await,
    }
}

/// Runs the action; Ok(confirmation) or Err(refusal), both in the reviewer's language.
async fn act(
    deps: &Deps,
    who: &Person,
    scope: Scope,
    o: &Opinion,
    action: &Action,
) -> Result<Result<String, String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let now = deps.clock.now();
    match deps
        .db
        .reviews()
        .act(o.id, who.id, scope, action, now)
        .await
    {
        Ok(_) => {}
        Err(DomainError::UnknownOpinion(_)) => return Ok(Err(fl!(l, "review-not-yours"))),
        Err(DomainError::OpinionLocked(_)) => return Ok(Err(fl!(l, "review-withdrawn"))),
        Err(e) => return Err(e.into()),
    }
    let receipt = o.receipt.clone();
    Ok(Ok(match action {
        Action::Reviewed => fl!(l, "review-done-reviewed", receipt = receipt),
        Action::Forwarded => fl!(l, "review-done-forwarded", receipt = receipt),
        Action::Duplicate { of } => {
            let of = deps
                .db
                .opinions()
                .get(*of)
                .await?
                .map(|x| x.receipt)
                .unwrap_or_default();
            fl!(l, "review-done-duplicate", receipt = receipt, of = of)
        }
        Action::Invalid { .. } => fl!(l, "review-done-invalid", receipt = receipt),
        Action::Note { .. } => fl!(l, "review-done-note", receipt = receipt),
    }))
}

/// 「附件」: each attachment re-sent by its stored file id.
async fn send_files(
    bot: &Bot,
    deps: &Deps,
    q: &CallbackQuery,
    who: &Person,
    o: &Opinion,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if o.attachments.is_empty() {
        return reply::toast(bot, q, fl!(l, "review-no-files")).await;
    }
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let chat = ChatId(who.id);
    for a in &o.attachments {
        let file = InputFile::file_id(FileId(a.file_id.clone()));
        let caption = o.receipt.clone();
        match a.kind.as_str() {
            "photo" => bot.send_photo(chat, file).caption(caption).await.map(drop),
            "voice" => bot.send_voice(chat, file).caption(caption).await.map(drop),
            _ => bot
                .send_document(chat, file)
                .caption(caption)
                .await
                .map(drop),
        }?;
    }
    Ok(())
}

/// Asks for the reason (无效) or the note on the opinion with `receipt`.
async fn ask_text(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    pending: &Pending,
    receipt: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let text = if pending.invalid {
        fl!(l, "review-invalid-ask", receipt = receipt)
    } else {
        fl!(l, "review-note-ask", receipt = receipt)
    };
    reply::to(bot, who, text).await
}

/// Shows a reviewer whose last step is being handled again what their reason or note
/// waits for, as stored.
pub async fn show_current(cx: &Ctx, pending: Pending) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let Some(scope) = scope(who) else {
        return Ok(());
    };
    match deps.db.reviews().get(pending.opinion, scope).await {
        Ok(o) => ask_text(bot, deps, who, &pending, &o.receipt).await,
        Err(DomainError::UnknownOpinion(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The text a reviewer sent as a reason (无效) or a note.
pub async fn text(cx: &Ctx, pending: Pending, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let text = text.trim();
    if text.is_empty() {
        return reply::to(bot, who, fl!(l, "review-text-empty")).await;
    }
    deps.db.dialogues().clear(who.id).await?;
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "review-refused")).await;
    };
    let o = match deps.db.reviews().get(pending.opinion, scope).await {
        Ok(o) => o,
        Err(DomainError::UnknownOpinion(_)) => {
            return reply::to(bot, who, fl!(l, "review-not-yours")).await;
        }
        Err(e) => return Err(e.into()),
    };
    let action = if pending.invalid {
        Action::Invalid {
            reason: text.to_owned(),
        }
    } else {
        Action::Note {
            note: text.to_owned(),
        }
    };
    match act(deps, who, scope, &o, &action).await? {
        Ok(done) | Err(done) => reply::to(bot, who, done).await?,
    }
    let view = ReviewView {
        pending: pending.pending,
        article: pending.article,
        index: pending.index,
    };
    Reviewing {
        bot,
        deps,
        who,
        edit: None,
    }
    .view(scope, o.consultation_id, view)
    .await
}
