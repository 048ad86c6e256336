//! 社情民意 in chat: a resident's `/report` dialogue (category, what happened, where,
//! optional photos or a location with the opinions' attachment limits, how to appear,
//! consent, read-back, receipt), and the liaison's triage (`/reports`: the open
//! reports with buttons to forward to a department, close, re-categorise, merge a
//! duplicate or record an answer given by phone or letter — [`triage`]), the admins'
//! `/categories` ([`categories`]) and the relay's figures in `/stats` ([`figures`]).
//! Everything decided is the domain's ([`consult_domain::relay`]), shared with the web.

pub mod categories;
pub mod figures;
pub mod triage;

use consult_domain::{
    Actor, Error,
    limits::{ATTACHMENT_BYTES, ATTACHMENTS_MAX},
    opinions::{Attachment, Identity},
    relay::{
        self, CloseReason, Location, NewReport, ReportChannel, ReportStatus, Reporter, Teller,
    },
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

pub use triage::Triage;

use crate::{
    Deps, HandlerError,
    callback::{Callback, RelayButton},
    ctx::Ctx,
    dialogue::{self, Ended},
    html,
    i18n::fl,
    person::Person,
    reply,
    reply::Courtesy,
};

/// Where the report dialogue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Category,
    Body,
    Place,
    Files,
    Identity,
    Name,
    Consent,
    Confirm,
}

/// A report being made in chat, kept between updates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportDraft {
    pub step: Step,
    /// The update that started it: the submission key, so a replay stores once.
    pub started_by: i64,
    pub point: Option<i64>,
    pub category: Option<String>,
    pub body: Option<String>,
    pub place: Option<String>,
    pub location: Option<Location>,
    pub attachments: Vec<Attachment>,
    pub named: bool,
    pub name: Option<String>,
    pub consent: bool,
}

fn button(text: String, b: RelayButton) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Relay(b).encode())
}

fn teller(deps: &Deps) -> Teller<'_> {
    Teller {
        locales: &deps.locales,
        default_locale: deps.default_locale,
    }
}

/// /report (or /report CODE, or /start report-CODE from a poster): begins a report,
/// for the named contact point if it is one.
pub async fn start(cx: &Ctx, point: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let point = match consult_domain::points::PointCode::parse(point.trim()) {
        Ok(code) => deps
            .db
            .points()
            .find(&code)
            .await?
            .filter(|p| p.active)
            .map(|p| p.id),
        Err(_) => None,
    };
    let state = ReportDraft {
        step: Step::Category,
        started_by: update_id,
        point,
        category: None,
        body: None,
        place: None,
        location: None,
        attachments: vec![],
        named: false,
        name: None,
        consent: false,
    };
    dialogue::save(deps, who, &state, update_id).await?;
    ask(bot, deps, who, &state).await
}

/// Asks the question of the step the dialogue is at (also after a replay).
pub async fn show_current(cx: &Ctx, state: ReportDraft) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    ask(bot, deps, who, &state).await
}

async fn ask(bot: &Bot, deps: &Deps, who: &Person, s: &ReportDraft) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (text, rows): (String, Vec<Vec<InlineKeyboardButton>>) = match s.step {
        Step::Category => {
            let categories = deps.db.relay().categories().await?;
            let rows = categories
                .chunks(2)
                .enumerate()
                .map(|(row, pair)| {
                    pair.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            button(
                                c.label(&deps.locales, who.locale),
                                RelayButton::Category((row * 2 + i) as u8),
                            )
                        })
                        .collect()
                })
                .collect();
            (fl!(l, "relay-ask-category"), rows)
        }
        Step::Body => (
            fl!(
                l,
                "relay-ask-body",
                min = relay::BODY_MIN,
                max = relay::BODY_MAX
            ),
            vec![],
        ),
        Step::Place => (fl!(l, "relay-ask-place"), vec![]),
        Step::Files => (
            fl!(
                l,
                "relay-ask-files",
                count = s.attachments.len(),
                max = ATTACHMENTS_MAX
            ),
            vec![vec![button(
                fl!(l, "relay-files-done"),
                RelayButton::FilesDone,
            )]],
        ),
        Step::Identity => (
            fl!(l, "relay-ask-identity"),
            vec![vec![
                button(
                    deps.locales
                        .text(who.locale, Identity::Anonymous.label_id(), &[]),
                    RelayButton::Named(false),
                ),
                button(
                    deps.locales
                        .text(who.locale, Identity::Named.label_id(), &[]),
                    RelayButton::Named(true),
                ),
            ]],
        ),
        Step::Name => (fl!(l, "relay-ask-name"), vec![]),
        Step::Consent => (
            fl!(l, "relay-ask-consent"),
            vec![vec![
                button(fl!(l, "opinion-yes"), RelayButton::Consent(true)),
                button(fl!(l, "opinion-no"), RelayButton::Consent(false)),
            ]],
        ),
        Step::Confirm => (
            read_back(deps, who, s).await?,
            vec![vec![button(fl!(l, "opinion-submit"), RelayButton::Submit)]],
        ),
    };
    if rows.is_empty() {
        reply::to(bot, who, text).await
    } else {
        reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
    }
}

async fn read_back(deps: &Deps, who: &Person, s: &ReportDraft) -> Result<String, HandlerError> {
    let l = deps.locales.get(who.locale);
    let category = match s.category.as_deref().map(relay::CategoryCode::parse) {
        Some(Ok(code)) => category_label(deps, who, &code).await?,
        _ => String::new(),
    };
    let name = match (&s.name, s.named && s.consent) {
        (Some(n), true) => html::escape(n),
        _ => deps
            .locales
            .text(who.locale, Identity::Anonymous.label_id(), &[]),
    };
    Ok([
        fl!(l, "relay-review-title"),
        fl!(
            l,
            "relay-review-category",
            category = html::escape(&category)
        ),
        fl!(
            l,
            "relay-review-body",
            body = html::escape(s.body.as_deref().unwrap_or_default())
        ),
        fl!(
            l,
            "relay-review-place",
            place = html::escape(s.place.as_deref().unwrap_or_default())
        ),
        fl!(
            l,
            "relay-review-files",
            count = s.attachments.len(),
            location = if s.location.is_some() {
                fl!(l, "opinion-yes")
            } else {
                fl!(l, "opinion-no")
            }
        ),
        fl!(l, "relay-review-identity", name = name),
    ]
    .join("\n"))
}

/// A message in the report dialogue: text, a photo or file, or a location.
pub async fn message(cx: &Ctx, mut s: ReportDraft, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let text = msg.text().unwrap_or_default();
    match s.step {
        Step::Body => match relay::body(text) {
            Ok(body) => {
                s.body = Some(body);
                s.step = Step::Place;
            }
            Err(_) => {
                let count = text.trim().chars().count();
                let t = fl!(
                    l,
                    "relay-web-bad-body",
                    min = relay::BODY_MIN,
                    max = relay::BODY_MAX,
                    count = count
                );
                return reply::to(bot, who, t).await;
            }
        },
        Step::Place => {
            if let Some(loc) = msg.location() {
                s.location = Location::new(loc.latitude, loc.longitude);
                s.place = Some(fl!(l, "relay-place-map"));
                s.step = Step::Files;
            } else {
                match relay::place(text) {
                    Ok(place) => {
                        s.place = Some(place);
                        s.step = Step::Files;
                    }
                    Err(_) => return reply::to(bot, who, fl!(l, "relay-bad-place")).await,
                }
            }
        }
        Step::Files => {
            if let Some(loc) = msg.location() {
                s.location = Location::new(loc.latitude, loc.longitude);
            } else if let Some(file) = crate::opinions::dialogue::attachment(msg) {
                if s.attachments.len() >= ATTACHMENTS_MAX || file.size > ATTACHMENT_BYTES {
                    let t = fl!(
                        l,
                        "opinion-attachment-refused",
                        count = ATTACHMENTS_MAX,
                        mb = (ATTACHMENT_BYTES / 1_048_576).to_string()
                    );
                    return reply::to(bot, who, t).await;
                }
                s.attachments.push(file);
            } else {
                return ask(bot, deps, who, &s).await;
            }
        }
        Step::Name => match consult_domain::opinions::detail(text) {
            Ok(name) => {
                s.name = Some(name);
                s.step = Step::Consent;
            }
            Err(_) => return reply::to(bot, who, fl!(l, "opinion-bad-name")).await,
        },
        // Steps answered by buttons: ask again.
        _ => return ask(bot, deps, who, &s).await,
    }
    dialogue::save(deps, who, &s, update_id).await?;
    ask(bot, deps, who, &s).await
}

/// A 社情民意 button: a dialogue step, or the liaison's triage.
pub async fn button_pressed(
    cx: &Ctx,
    q: &CallbackQuery,
    report: Option<ReportDraft>,
    b: RelayButton,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    match b {
        RelayButton::Begin => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            start(cx, "").await
        }
        RelayButton::Queue => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            queue(cx).await
        }
        RelayButton::View { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            view(bot, deps, who, id).await
        }
        RelayButton::Forward { id, department } => {
            let Some(scope) = who.access().and_then(|a| a.review()) else {
                return stale(bot, q, l).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let now = deps.clock.now();
            let result = deps
                .db
                .relay()
                .forward(
                    teller(deps),
                    &deps.relay,
                    id,
                    department,
                    scope,
                    Actor::Person(who.id),
                    now,
                )
                .await;
            match result {
                Ok((r, link)) => {
                    deps.wake_broadcast.notify_one();
                    let url = deps
                        .web_url
                        .as_ref()
                        .map(|u| link.url(u))
                        .unwrap_or_else(|| link.as_str().to_owned());
                    let text = fl!(
                        l,
                        "relay-forwarded",
                        receipt = r.receipt.as_str(),
                        link = html::escape(&url)
                    );
                    reply::to(bot, who, text).await
                }
                Err(e) => refuse(bot, deps, who, e).await,
            }
        }
        RelayButton::Close { id, reason } => {
            let (Some(scope), Some(reason)) = (
                who.access().and_then(|a| a.review()),
                CloseReason::ALL.get(usize::from(reason)).copied(),
            ) else {
                return stale(bot, q, l).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let now = deps.clock.now();
            let result = deps
                .db
                .relay()
                .close(
                    teller(deps),
                    id,
                    reason,
                    None,
                    scope,
                    Actor::Person(who.id),
                    now,
                )
                .await;
            match result {
                Ok(r) => {
                    deps.wake_broadcast.notify_one();
                    let text = fl!(l, "relay-closed", receipt = r.receipt.as_str());
                    reply::to(bot, who, text).await
                }
                Err(e) => refuse(bot, deps, who, e).await,
            }
        }
        RelayButton::Recategorise { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            triage::categories(bot, deps, who, id).await
        }
        RelayButton::SetCategory { id, index } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            triage::set_category(bot, deps, who, id, index).await
        }
        RelayButton::MergeChoose { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            triage::merge_choices(bot, deps, who, id, update_id).await
        }
        RelayButton::Merge { id, into } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            triage::merge(bot, deps, who, id, into, update_id).await
        }
        RelayButton::Answer { id, via, outcome } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            triage::answer(bot, deps, who, id, via, outcome, update_id).await
        }
        RelayButton::Figures => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            figures::show(bot, deps, who).await
        }
        RelayButton::CategoryActive { index, active } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            categories::set_active(bot, deps, who, index, active).await
        }
        step => {
            let Some(mut s) = report else {
                return stale(bot, q, l).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            match (s.step, step) {
                (Step::Category, RelayButton::Category(i)) => {
                    let categories = deps.db.relay().categories().await?;
                    let Some(c) = categories.get(usize::from(i)) else {
                        return ask(bot, deps, who, &s).await;
                    };
                    s.category = Some(c.code.as_str().to_owned());
                    s.step = Step::Body;
                }
                (Step::Files, RelayButton::FilesDone) => s.step = Step::Identity,
                (Step::Identity, RelayButton::Named(named)) => {
                    s.named = named;
                    s.step = if named { Step::Name } else { Step::Confirm };
                }
                (Step::Consent, RelayButton::Consent(c)) => {
                    s.consent = c;
                    s.step = Step::Confirm;
                }
                (Step::Confirm, RelayButton::Submit) => {
                    return submit(bot, deps, who, s, update_id).await;
                }
                // A button of another step (an old message): ask the current question.
                _ => return ask(bot, deps, who, &s).await,
            }
            dialogue::save(deps, who, &s, update_id).await?;
            ask(bot, deps, who, &s).await
        }
    }
}

async fn stale(
    bot: &Bot,
    q: &CallbackQuery,
    l: &i18n_embed::fluent::FluentLanguageLoader,
) -> Result<(), HandlerError> {
    reply::toast(bot, q, fl!(l, "button-stale")).await
}

async fn refuse(bot: &Bot, deps: &Deps, who: &Person, e: Error) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let text = match e {
        Error::UnknownReport(_) => fl!(l, "relay-unknown-report"),
        Error::UnknownDepartment(_) => fl!(l, "relay-unknown-department"),
        Error::ReportState { status, .. } => fl!(
            l,
            "relay-wrong-state",
            status = deps.locales.text(who.locale, status.label_id(), &[])
        ),
        e => return Err(e.into()),
    };
    reply::to(bot, who, text).await
}

async fn submit(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    s: ReportDraft,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let now = deps.clock.now();
    let hour_ago = now - chrono::Duration::hours(1);
    if deps.db.relay().count_since(who.id, hour_ago).await? >= deps.opinions_per_hour {
        let limit = deps.opinions_per_hour;
        return reply::to(bot, who, fl!(l, "relay-flood", limit = limit)).await;
    }
    let category = relay::CategoryCode::parse(s.category.as_deref().unwrap_or_default())?;
    let reporter = Reporter {
        telegram: Some(who.id),
        identity: if s.named {
            Identity::Named
        } else {
            Identity::Anonymous
        },
        name: s.name.clone(),
        consent_details: s.consent,
        locale: who.locale,
    };
    let new = NewReport::new(
        format!("tg-relay:{}:{}", who.id, s.started_by),
        category,
        s.body.as_deref().unwrap_or_default(),
        s.place.as_deref().unwrap_or_default(),
        s.location,
        s.attachments.clone(),
        reporter,
        ReportChannel::Chat,
        s.point,
    )?;
    let r = deps.db.relay().submit(&new, now).await?;
    tracing::info!(receipt = %r.receipt, "社情民意 report received in chat");
    let ended = Ended::Report {
        receipt: r.receipt.to_string(),
    };
    dialogue::end(deps, who, &ended, update_id).await?;
    reply::to(
        bot,
        who,
        fl!(l, "relay-received", receipt = r.receipt.as_str()),
    )
    .await
}

/// A category's name, a retired one's too (the reports filed under it keep it).
async fn category_label(
    deps: &Deps,
    who: &Person,
    code: &relay::CategoryCode,
) -> Result<String, HandlerError> {
    Ok(deps
        .db
        .relay()
        .all_categories()
        .await?
        .into_iter()
        .find(|c| &c.code == code)
        .map(|c| c.label(&deps.locales, who.locale))
        .unwrap_or_else(|| code.as_str().to_owned()))
}

/// /reports: the liaison's (or admin's) open reports, a button each.
pub async fn queue(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = who.access().and_then(|a| a.review()) else {
        return reply::to(bot, who, fl!(l, "relay-staff-only")).await;
    };
    let open = deps.db.relay().queue(scope, None, 30).await?;
    if open.is_empty() {
        return reply::to(bot, who, fl!(l, "relay-staff-empty")).await;
    }
    let rows: Vec<Vec<InlineKeyboardButton>> = open
        .iter()
        .map(|r| {
            let excerpt: String = r.body.chars().take(20).collect();
            let status = deps.locales.text(who.locale, r.status.label_id(), &[]);
            vec![button(
                format!("{} · {status} · {excerpt}", r.receipt),
                RelayButton::View { id: r.id },
            )]
        })
        .collect();
    let text = fl!(l, "relay-queue-title", count = open.len());
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// One report with its triage buttons: forward (departments that handle its
/// category first), close with a reason.
async fn view(bot: &Bot, deps: &Deps, who: &Person, id: i64) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = who.access().and_then(|a| a.review()) else {
        return reply::to(bot, who, fl!(l, "relay-staff-only")).await;
    };
    let r = match deps.db.relay().reachable(id, scope).await {
        Ok(r) => r,
        Err(e) => return refuse(bot, deps, who, e).await,
    };
    let category = category_label(deps, who, &r.category).await?;
    let name = r
        .reporter_name
        .as_deref()
        .map(html::escape)
        .unwrap_or_else(|| {
            deps.locales
                .text(who.locale, Identity::Anonymous.label_id(), &[])
        });
    let text = fl!(
        l,
        "relay-view",
        receipt = r.receipt.as_str(),
        status = deps.locales.text(who.locale, r.status.label_id(), &[]),
        category = html::escape(&category),
        body = html::escape(&r.body),
        place = html::escape(&r.place),
        name = name,
        files = r.attachments.len()
    );
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    if matches!(r.status, ReportStatus::Received | ReportStatus::Forwarded) {
        let mut departments: Vec<_> = deps
            .db
            .relay()
            .departments()
            .await?
            .into_iter()
            .filter(|d| d.active)
            .collect();
        departments.sort_by_key(|d| !d.handles(&r.category));
        for d in departments.iter().take(8) {
            rows.push(vec![button(
                fl!(l, "relay-forward-to", department = d.name.clone()),
                RelayButton::Forward {
                    id: r.id,
                    department: d.id,
                },
            )]);
        }
        rows.push(
            CloseReason::ALL
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    button(
                        fl!(
                            l,
                            "relay-close-button",
                            reason = deps.locales.text(who.locale, c.label_id(), &[])
                        ),
                        RelayButton::Close {
                            id: r.id,
                            reason: i as u8,
                        },
                    )
                })
                .collect(),
        );
    }
    // The rest of the triage, as in the console: re-categorise and merge while it is
    // open (merge only before it is forwarded), record an answer once it is forwarded.
    let mut more = Vec::new();
    if r.status.open() {
        more.push(button(
            fl!(l, "relay-staff-recategorise"),
            RelayButton::Recategorise { id: r.id },
        ));
    }
    if r.status == ReportStatus::Received {
        more.push(button(
            fl!(l, "relay-staff-merge"),
            RelayButton::MergeChoose { id: r.id },
        ));
    }
    if r.status == ReportStatus::Forwarded {
        more.push(button(
            fl!(l, "relay-staff-record"),
            RelayButton::Answer {
                id: r.id,
                via: None,
                outcome: None,
            },
        ));
    }
    if !more.is_empty() {
        rows.push(more);
    }
    rows.push(vec![button(
        fl!(l, "relay-back-to-queue"),
        RelayButton::Queue,
    )]);
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await?;
    // The photos the resident sent: from chat by Telegram's file id, from the web
    // form by their bytes (kept in the ledger).
    for a in r.attachments.iter().filter(|a| a.kind == "photo") {
        let file = teloxide::types::InputFile::file_id(a.file_id.clone().into());
        if let Err(e) = bot.send_photo(ChatId(who.id), file).await {
            tracing::warn!(error = %e, "could not show a report's photo");
        }
    }
    for photo in relay::photos::web_photos(&r) {
        let Some(p) = deps.db.relay().photo(r.id, photo).await? else {
            continue;
        };
        let file = teloxide::types::InputFile::memory(p.bytes).file_name(format!(
            "{}-{photo}.{}",
            r.receipt,
            p.kind.extension()
        ));
        if let Err(e) = bot.send_photo(ChatId(who.id), file).await {
            tracing::warn!(error = %e, "could not show a report's web photo");
        }
    }
    Ok(())
}
