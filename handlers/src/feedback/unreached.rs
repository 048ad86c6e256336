//! `/unreached` (liaisons their point's list, admins all): the submitters whose
//! feedback could not be delivered, to tell in person.

use std::collections::BTreeMap;

use consult_domain::{
    decisions::{Unreachable, Unreached},
    people::Locale,
    roles::Role,
};
use teloxide::prelude::*;

use super::common::{article_name, outcome_name};
use crate::{
    Deps, HandlerError,
    consultations::arg::{self, Arg, Form},
    ctx::Ctx,
    html,
    i18n::fl,
    labels, reply,
};

/// The unreachable submitters grouped by contact point, as lines.
pub(super) async fn by_point(
    deps: &Deps,
    locale: Locale,
    list: &[Unreached],
) -> Result<Vec<String>, HandlerError> {
    let l = deps.locales.get(locale);
    let names: std::collections::HashMap<i64, String> = deps
        .db
        .points()
        .list()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut by: BTreeMap<(bool, String), Vec<&Unreached>> = BTreeMap::new();
    for u in list {
        let point = u.opinion.point_id.and_then(|p| names.get(&p).cloned());
        by.entry((point.is_none(), point.unwrap_or_default()))
            .or_default()
            .push(u);
    }
    let mut lines = vec![fl!(l, "unreached-header", count = list.len())];
    for ((none, point), items) in by {
        let point = if none {
            fl!(l, "unreached-no-point")
        } else {
            html::escape(&point)
        };
        lines.push(fl!(
            l,
            "unreached-point",
            point = point,
            count = items.len()
        ));
        for u in items {
            let o = &u.opinion;
            let who = match (&o.submitter_name, o.consent_details) {
                (Some(name), true) => html::escape(name),
                _ => fl!(l, "unreached-anonymous"),
            };
            let why = match &u.why {
                Unreachable::NoChat => fl!(l, "unreached-why-no-chat"),
                Unreachable::Failed(e) => fl!(
                    l,
                    "unreached-why-failed",
                    error = html::escape(&labels::delivery_failure(&deps.locales, locale, e))
                ),
            };
            lines.push(fl!(
                l,
                "unreached-line",
                receipt = o.receipt.clone(),
                article = article_name(deps, locale, o.article_label.as_deref()),
                outcome = outcome_name(deps, locale, u.outcome),
                submitter = who,
                channel = labels::channel(&deps.locales, locale, o.channel),
                why = why
            ));
            lines.push(fl!(l, "unreached-reason", reason = html::escape(&u.reason)));
        }
    }
    Ok(lines)
}

/// `/unreached [12]`: liaisons their point's list, admins every point's.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let point = match who.role() {
        Some(Role::Admin) => None,
        Some(Role::Liaison) => match who.liaison_point() {
            Some(p) => Some(p),
            None => return reply::to(bot, who, fl!(l, "unreached-refused")).await,
        },
        _ => return reply::to(bot, who, fl!(l, "unreached-refused")).await,
    };
    // Nothing named: every consultation's.
    let consultation = match arg::read(arg) {
        Arg::Nothing => None,
        _ => match arg::named_or_answer(
            bot,
            deps,
            who,
            ChatId(who.id),
            arg,
            Form::usage("/unreached 12"),
        )
        .await?
        {
            Some(c) => Some(c.id),
            None => return Ok(()),
        },
    };
    let list = deps.db.decisions().unreached(consultation, point).await?;
    if list.is_empty() {
        return reply::to(bot, who, fl!(l, "unreached-none")).await;
    }
    let mut by: BTreeMap<i64, Vec<Unreached>> = BTreeMap::new();
    for u in list {
        by.entry(u.opinion.consultation_id).or_default().push(u);
    }
    let mut lines = Vec::new();
    for (id, items) in by {
        let title = deps
            .db
            .consultations()
            .get(id)
            .await?
            .map(|c| html::escape(&c.title))
            .unwrap_or_default();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(fl!(
            l,
            "unreached-consultation",
            code = format!("C{id}"),
            title = title
        ));
        lines.extend(by_point(deps, who.locale, &items).await?);
    }
    reply::to(bot, who, lines.join("\n")).await
}
