//! Open calls (立法项目征集) in chat. An admin opens one with `/opencall` (theme,
//! deadline, optional description); it is announced to the groups like a draft and
//! reminded, closed, decided, released and concluded through the same commands. What
//! is the open call's own lives here: its overview (no articles), the suggestion's
//! steps and read-back inside the opinion dialogue ([`suggest`]), how a suggestion
//! reads in review, and `/decide`'s list of suggestions, each decided on its own
//! (列入立法计划 / 列入调研项目 / 暂不采纳) instead of per article.

pub mod suggest;

use consult_domain::{
    consultations::{Consultation, Scope, parse_deadline, summary, title},
    open_calls::{NewOpenCall, Suggestion},
    opinions::Opinion,
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    Deps, HandlerError, callback::Callback, callback::DecisionButton, cards::render,
    consultations::by, ctx::Ctx, html, i18n::fl, labels, person::Person, refusals, reply,
};

/// `/opencall 2027-01-31 主题` (admins): creates the open call for every contact point
/// and announces it; lines after the first are its description. `/opencall 2027-01-31
/// @jinqiao,huamu 主题` puts it to those points only (a draft's scope, by code).
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "open-call-refused")).await;
    }
    let (first, rest) = arg.trim().split_once('\n').unwrap_or((arg.trim(), ""));
    let Some((deadline, theme)) = first.trim().split_once(char::is_whitespace) else {
        return reply::to(bot, who, fl!(l, "open-call-usage")).await;
    };
    // 「@jinqiao,huamu」 after the deadline: the points it goes to, as a draft's scope.
    let (scope, theme) = match theme.trim().strip_prefix('@') {
        Some(scoped) => {
            let (codes, theme) = scoped
                .split_once(char::is_whitespace)
                .unwrap_or((scoped, ""));
            let (mut points, unknown) =
                crate::consultations::drafts::point_codes(deps, codes).await?;
            if points.is_empty() || !unknown.is_empty() {
                let codes = html::escape(&if unknown.is_empty() {
                    codes.to_owned()
                } else {
                    unknown.join(", ")
                });
                return reply::to(bot, who, fl!(l, "open-call-bad-scope", codes = codes)).await;
            }
            points.sort_unstable();
            points.dedup();
            (Scope::Points(points), theme)
        }
        None => (Scope::All, theme),
    };
    let now = deps.clock.now();
    let checked = parse_deadline(deadline, deps.timezone).and_then(|closes_at| {
        let description = match rest.trim() {
            "" => None,
            text => Some(summary(text)?),
        };
        Ok(NewOpenCall {
            theme: title(theme)?,
            description,
            closes_at,
            scope,
        })
    });
    let new = match checked {
        Ok(new) => new,
        Err(consult_domain::Error::Invalid(consult_domain::error::Field::Title)) => {
            return reply::to(bot, who, fl!(l, "open-call-usage")).await;
        }
        Err(e) => return reply::to(bot, who, refusals::refusal(deps, who.locale, e)?).await,
    };
    let created = deps
        .db
        .suggestions()
        .create(&new, consult_domain::Actor::Person(who.id), now)
        .await;
    let announced = match created {
        Ok(c) => {
            deps.db
                .publish_announced(&render(deps), c.id, &by(who), now)
                .await
        }
        Err(e) => Err(e),
    };
    let announced = match announced {
        Ok(a) => a,
        Err(e) => return reply::to(bot, who, refusals::refusal(deps, who.locale, e)?).await,
    };
    deps.wake_scheduler.notify_one();
    deps.wake_broadcast.notify_one();
    let c = &announced.consultation;
    let deadline =
        consult_domain::cards::local_time(&deps.locales, who.locale, deps.timezone, c.closes_at);
    tracing::info!(consultation = c.id, "open call announced");
    let text = fl!(
        l,
        "open-call-published",
        code = c.code(),
        title = html::escape(&c.title),
        deadline = deadline,
        groups = announced.groups
    );
    reply::to(bot, who, text).await
}

/// An open call's overview: its theme, deadline and description, and 「提出立法项目建议」
/// while it is open (there are no articles to pick).
pub fn overview(
    deps: &Deps,
    who: &Person,
    c: &Consultation,
    state: String,
    deadline: String,
) -> (String, InlineKeyboardMarkup) {
    let l = deps.locales.get(who.locale);
    let mut text = fl!(
        l,
        "open-call-view",
        title = html::escape(&c.title),
        code = c.code(),
        state = state,
        deadline = deadline
    );
    if let Some(description) = &c.summary {
        text.push_str(&format!("\n\n{}", html::escape(description)));
    }
    let mut rows = Vec::new();
    if c.open_at(deps.clock.now()) {
        let suggest = Callback::Opine {
            id: c.id,
            version: c.version,
            index: None,
        };
        rows.push(vec![InlineKeyboardButton::callback(
            fl!(l, "card-suggest"),
            suggest.encode(),
        )]);
    }
    rows.push(vec![InlineKeyboardButton::callback(
        fl!(l, "nav-back"),
        Callback::Consultations.encode(),
    )]);
    (text, InlineKeyboardMarkup::new(rows))
}

/// A suggestion as the reviewer reads it, in place of an opinion's article, stance,
/// text and wording lines.
pub fn review_lines(deps: &Deps, who: &Person, o: &Opinion, s: &Suggestion) -> Vec<String> {
    let l = deps.locales.get(who.locale);
    let status = labels::review_status(&deps.locales, who.locale, o.status);
    let mut lines = vec![
        fl!(
            l,
            "open-call-review-receipt",
            receipt = o.receipt.clone(),
            status = status
        ),
        suggest::project_line(deps, who, &s.title),
    ];
    lines.extend(suggest::detail_lines(
        deps,
        who,
        &o.body,
        &s.contents,
        s.related_rules.as_deref(),
    ));
    lines
}

/// `/decide` on an open call: its suggestions, each a button that leads to its own
/// decision (there is no decision per article).
pub async fn suggestions_to_decide(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    c: &Consultation,
) -> Result<Option<(String, InlineKeyboardMarkup)>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let opinions: Vec<Opinion> = deps
        .db
        .opinions()
        .on(c.id)
        .await?
        .into_iter()
        .filter(consult_domain::decisions::eligible)
        .collect();
    if opinions.is_empty() {
        reply::to(bot, who, fl!(l, "decision-no-opinions", code = c.code())).await?;
        return Ok(None);
    }
    let suggestions = deps.db.suggestions().on(c.id).await?;
    let decisions = deps.db.decisions().on(c.id).await?;
    let mut lines = vec![
        fl!(
            l,
            "open-call-decide-header",
            code = c.code(),
            title = html::escape(&c.title)
        ),
        String::new(),
    ];
    let mut rows = Vec::new();
    for o in opinions.iter().take(50) {
        let project = suggestions
            .get(&o.id)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        let outcome = match decisions.get(&o.id) {
            Some(d) => labels::outcome(&deps.locales, who.locale, d.outcome()),
            None => fl!(l, "open-call-undecided"),
        };
        lines.push(fl!(
            l,
            "open-call-decide-line",
            receipt = o.receipt.clone(),
            project = html::escape(&project),
            outcome = outcome
        ));
        let short: String = project.chars().take(20).collect();
        let decide = Callback::Decision(DecisionButton::Decide { opinion: o.id });
        rows.push(vec![InlineKeyboardButton::callback(
            format!("{} {short}", o.receipt),
            decide.encode(),
        )]);
    }
    lines.push(String::new());
    lines.push(fl!(l, "open-call-decide-choose"));
    Ok(Some((lines.join("\n"), InlineKeyboardMarkup::new(rows))))
}
