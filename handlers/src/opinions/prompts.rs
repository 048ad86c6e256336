//! Prompts: `/prompt 12 [第五条] 问题 | 选项1 | 选项2` by a liaison (their point's
//! groups) or an admin (any), a choice of target (all groups in scope or one), and the
//! question going out through deliveries with option buttons. A press is answered
//! privately with a toast; nothing about any vote is ever posted in the group.
//! `/prompts` lists prompts with their replies and tallies.

use consult_domain::{
    consultations::Consultation,
    deliveries::{Button, NewBroadcast, OutMessage},
    groups::Group,
    prompts::{
        MAX_OPTION, MAX_OPTIONS, MAX_QUESTION, NewPrompt, Prompt, PromptProblem, VoteOutcome,
        Voter, parse_line,
    },
    review::Scope,
    roles::Role,
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    Deps, HandlerError, callback::Callback, consultations::parse_id, ctx::Ctx, html, i18n::fl,
    person::Person, reply, reply::Courtesy,
};

/// At most this many single-group buttons under the preview.
const GROUP_BUTTONS: usize = 8;
/// /prompts shows the latest this many.
const LISTED: i64 = 20;

fn staff(who: &Person) -> bool {
    matches!(who.role(), Some(Role::Admin | Role::Liaison))
}

/// The groups a person may send a prompt on `c` to.
async fn targets(deps: &Deps, who: &Person, c: &Consultation) -> Result<Vec<Group>, HandlerError> {
    let only = if who.is_admin() {
        Scope::All
    } else {
        match who.liaison_point() {
            Some(p) if c.reaches(p) => Scope::Point(p),
            _ => return Ok(Vec::new()),
        }
    };
    Ok(deps.db.consultations().groups(c, only).await?)
}

/// 第五条 / 第5条 / 5 / [第五条] → the article of the current version.
async fn article(
    deps: &Deps,
    c: &Consultation,
    typed: &str,
) -> Result<Option<(u32, String)>, HandlerError> {
    let typed: String = typed
        .trim_matches(['[', ']', '【', '】'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let number = consult_domain::draft::article_number(&typed);
    let Some(draft) = deps.db.consultations().draft(c.id, c.version).await? else {
        return Ok(None);
    };
    Ok(draft
        .articles
        .iter()
        .find(|a| a.label == typed || Some(a.number) == number)
        .map(|a| (a.number, a.label.clone())))
}

/// The question as the groups see it (also the preview), with the option buttons.
fn card(deps: &Deps, c: &Consultation, p: &Prompt) -> OutMessage {
    let l = deps.locales.get(deps.default_locale);
    let options = p.options();
    let mut html_text = fl!(
        l,
        "prompt-card",
        title = html::escape(&c.title),
        target = p
            .article_label
            .as_deref()
            .map(html::escape)
            .unwrap_or_default(),
        question = html::escape(&p.question)
    );
    html_text.push_str("\n\n");
    html_text.push_str(&if options.is_empty() {
        fl!(l, "prompt-card-reply")
    } else {
        fl!(l, "prompt-card-options")
    });
    let buttons = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            vec![Button::Callback {
                text: o.clone(),
                data: Callback::Vote {
                    prompt: p.id,
                    option: i as u8,
                }
                .encode(),
            }]
        })
        .collect();
    OutMessage {
        html: html_text,
        buttons,
        pin: false,
    }
}

/// `/prompt 12 [第五条] 问题 | 选项1 | 选项2`.
pub async fn prompt(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !staff(who) {
        return reply::to(bot, who, fl!(l, "prompt-not-allowed")).await;
    }
    let arg = arg.trim();
    let (id, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    let Some(id) = parse_id(id) else {
        return reply::to(bot, who, fl!(l, "prompt-usage")).await;
    };
    let Some(c) = deps.db.consultations().visible(id, who.viewer()).await? else {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    };
    if !c.open_at(deps.clock.now()) {
        return reply::to(bot, who, fl!(l, "prompt-not-open")).await;
    }
    if c.is_open_call() {
        return reply::to(bot, who, fl!(l, "open-call-no-articles", code = c.code())).await;
    }
    let (typed, question, options) = match parse_line(rest) {
        Ok(parts) => parts,
        Err(problem) => {
            let text = match problem {
                PromptProblem::NoQuestion if rest.trim().is_empty() => fl!(l, "prompt-usage"),
                PromptProblem::NoQuestion => fl!(l, "prompt-no-question"),
                PromptProblem::QuestionTooLong => {
                    fl!(l, "prompt-question-long", max = MAX_QUESTION)
                }
                PromptProblem::OptionCount => fl!(l, "prompt-option-count", max = MAX_OPTIONS),
                PromptProblem::OptionTooLong => fl!(l, "prompt-option-long", max = MAX_OPTION),
            };
            return reply::to(bot, who, text).await;
        }
    };
    let article = match typed {
        Some(typed) => match article(deps, &c, &typed).await? {
            Some(a) => Some(a),
            None => {
                let text = fl!(l, "prompt-article-unknown", article = html::escape(&typed));
                return reply::to(bot, who, text).await;
            }
        },
        None => None,
    };
    let groups = targets(deps, who, &c).await?;
    if groups.is_empty() {
        return reply::to(bot, who, fl!(l, "prompt-no-groups")).await;
    }
    let new = NewPrompt {
        consultation_id: c.id,
        article,
        question,
        options,
        only_point: if who.is_admin() {
            None
        } else {
            who.liaison_point()
        },
        created_by: who.id,
    };
    let p = deps.db.prompts().create(&new, deps.clock.now()).await?;
    let preview = card(deps, &c, &p);
    let button = |text: String, c: Callback| InlineKeyboardButton::callback(text, c.encode());
    let mut rows = vec![vec![button(
        fl!(l, "prompt-all-groups", count = groups.len()),
        Callback::PromptTarget {
            prompt: p.id,
            chat: None,
        },
    )]];
    for g in groups.iter().take(GROUP_BUTTONS) {
        rows.push(vec![button(
            g.title.clone(),
            Callback::PromptTarget {
                prompt: p.id,
                chat: Some(g.chat_id),
            },
        )]);
    }
    rows.push(vec![button(
        fl!(l, "prompt-cancel"),
        Callback::PromptCancel { prompt: p.id },
    )]);
    let text = fl!(l, "prompt-preview", id = p.id, card = preview.html);
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// The buttons of prompts: a vote in a group, or the target of a draft prompt.
pub async fn button(cx: &Ctx, q: &CallbackQuery, pressed: Callback) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    match pressed {
        Callback::Vote { prompt, option } => vote(cx, q, prompt, option).await,
        Callback::PromptTarget { prompt, chat } => send(cx, q, prompt, chat).await,
        Callback::PromptCancel { prompt } => {
            let l = deps.locales.get(who.locale);
            let mine = deps
                .db
                .prompts()
                .get(prompt)
                .await?
                .is_some_and(|p| p.created_by == Some(who.id));
            if !(mine && deps.db.prompts().cancel(prompt).await?) {
                return reply::toast(bot, q, fl!(l, "button-stale")).await;
            }
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            reply::to(bot, who, fl!(l, "prompt-cancelled")).await
        }
        _ => Ok(()),
    }
}

async fn send(cx: &Ctx, q: &CallbackQuery, id: i64, chat: Option<i64>) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let stale = || fl!(l, "button-stale");
    // Authorised again: still staff, the prompt's author, still a draft, still open.
    let Some(p) = deps.db.prompts().get(id).await? else {
        return reply::toast(bot, q, stale()).await;
    };
    let c = deps.db.consultations().get(p.consultation_id).await?;
    let (true, true, Some(c)) = (staff(who), p.created_by == Some(who.id), c) else {
        return reply::toast(bot, q, stale()).await;
    };
    let now = deps.clock.now();
    let groups: Vec<Group> = targets(deps, who, &c)
        .await?
        .into_iter()
        .filter(|g| chat.is_none_or(|chat| g.chat_id == chat))
        .collect();
    if p.state != "draft" || groups.is_empty() || !c.open_at(now) {
        return reply::toast(bot, q, stale()).await;
    }
    if !deps.db.prompts().mark_sent(p.id, chat, now).await? {
        return reply::toast(bot, q, stale()).await;
    }
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let message = card(deps, &c, &p);
    let targets: Vec<(i64, OutMessage)> = groups
        .iter()
        .map(|g| (g.chat_id, message.clone()))
        .collect();
    let subject = format!("p{}", p.id);
    let b = NewBroadcast {
        purpose: "prompt",
        subject: &subject,
        created_by: Some(who.id),
        progress_chat: Some(who.id),
        locale: who.locale,
    };
    deps.db.deliveries().enqueue(&b, &targets, now).await?;
    deps.wake_broadcast.notify_one();
    let text = fl!(l, "prompt-queued", id = p.id, count = targets.len());
    reply::to(bot, who, text).await
}

/// A press on an option: answered only to the presser, never in the group.
async fn vote(cx: &Ctx, q: &CallbackQuery, id: i64, option: u8) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let locale = who.locale;
    let l = deps.locales.get(locale);
    let p = deps
        .db
        .prompts()
        .get(id)
        .await?
        .filter(|p| p.state == "sent");
    let text = p
        .as_ref()
        .and_then(|p| p.options().get(usize::from(option)).cloned());
    let (Some(p), Some(text)) = (p, text) else {
        return reply::toast(bot, q, fl!(l, "prompt-vote-unknown")).await;
    };
    let c = deps.db.consultations().get(p.consultation_id).await?;
    let now = deps.clock.now();
    if !c.is_some_and(|c| c.open_at(now)) {
        return reply::toast(bot, q, fl!(l, "prompt-vote-closed")).await;
    }
    let uid = q.from.id.0 as i64;
    let hash = deps.hash_key.hash(uid);
    let chat = q.regular_message().map(|m| m.chat.id.0);
    let point = match chat {
        Some(chat) => deps.db.groups().get(chat).await?.and_then(|g| g.point_id),
        None => None,
    };
    let consented = deps.db.held().consented(uid).await?.then_some(uid);
    let voter = Voter {
        hash: &hash,
        consented,
        chat,
        point,
    };
    let outcome = deps.db.prompts().press(&p, &voter, option, now).await?;
    // A toast is plain text, not HTML: the option is shown as written.
    let option = text.clone();
    let answer = match outcome {
        VoteOutcome::Cast => fl!(l, "prompt-vote-cast", option = option),
        VoteOutcome::Changed => fl!(l, "prompt-vote-changed", option = option),
        VoteOutcome::Withdrawn => fl!(l, "prompt-vote-withdrawn"),
    };
    reply::toast(bot, q, answer).await
}

/// `/prompts`: the latest prompts with replies and per-option tallies.
pub async fn list(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !staff(who) {
        return reply::to(bot, who, fl!(l, "prompt-not-allowed")).await;
    }
    let point = if who.is_admin() {
        None
    } else {
        who.liaison_point()
    };
    let prompts = deps.db.prompts().sent(point, LISTED).await?;
    if prompts.is_empty() {
        return reply::to(bot, who, fl!(l, "prompts-none")).await;
    }
    let now = deps.clock.now();
    let mut lines = vec![fl!(l, "prompts-header")];
    for p in prompts {
        let stats = deps.db.prompts().stats(p).await?;
        let p = &stats.prompt;
        let c = deps.db.consultations().get(p.consultation_id).await?;
        let open = c.as_ref().is_some_and(|c| c.open_at(now));
        let title = c.map(|c| c.title).unwrap_or_default();
        let tally: String = p
            .options()
            .iter()
            .zip(&stats.tally)
            .map(|(o, n)| format!("{} {n}", html::escape(o)))
            .collect::<Vec<_>>()
            .join(" · ");
        let tally = if tally.is_empty() {
            tally
        } else {
            format!("; {tally}")
        };
        lines.push(String::new());
        lines.push(fl!(
            l,
            "prompts-item",
            id = p.id,
            title = html::escape(&title),
            target = p
                .article_label
                .as_deref()
                .map(html::escape)
                .unwrap_or_default(),
            state = if open {
                fl!(l, "prompts-open")
            } else {
                fl!(l, "prompts-closed")
            },
            question = html::escape(&p.question),
            replies = stats.replies,
            tally = tally
        ));
    }
    reply::to(bot, who, lines.join("\n")).await
}
