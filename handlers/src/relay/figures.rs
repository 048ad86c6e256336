//! The relay's figures in chat's `/stats`: reports by status, category, contact point
//! and department, with the median days to an answer — the table the console's
//! 社情民意 page shows, from the same domain call
//! ([`consult_domain::relay::Relay::figures`]), so the two channels cannot disagree.
//! A liaison sees their point's reports, an admin every report.

use consult_domain::{
    relay::stats::{Counts, Group},
    review::Scope,
};

use crate::{Deps, HandlerError, html, i18n::fl, person::Person, reply};

/// The days to an answer as shown: one decimal, or a dash when none was answered.
fn days(c: &Counts) -> String {
    c.median_days
        .map(|d| format!("{d:.1}"))
        .unwrap_or_else(|| "–".to_owned())
}

/// The figures, as one message.
pub async fn show(bot: &teloxide::Bot, deps: &Deps, who: &Person) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = who.access().and_then(|a| a.review()) else {
        return reply::to(bot, who, fl!(l, "stats-refused")).await;
    };
    let scope_name = match scope {
        Scope::All => fl!(l, "review-scope-all"),
        Scope::Point(_) | Scope::District(_) => who.point_name(),
    };
    let t = deps
        .db
        .relay()
        .figures(&deps.locales, who.locale, scope)
        .await?;
    let mut lines = vec![fl!(
        l,
        "relay-chat-figures-title",
        scope = html::escape(&scope_name)
    )];
    if t.total.reports == 0 {
        lines.push(fl!(l, "relay-staff-empty"));
        return reply::to(bot, who, lines.join("\n")).await;
    }
    let line = |name: &str, c: &Counts| {
        fl!(
            l,
            "relay-chat-figures-line",
            name = html::escape(name),
            reports = c.reports,
            forwarded = c.forwarded,
            answered = c.answered,
            days = days(c)
        )
    };
    let statuses: Vec<String> = t
        .by_status
        .iter()
        .map(|(s, n)| format!("{} {n}", deps.locales.text(who.locale, s.label_id(), &[])))
        .collect();
    lines.push(fl!(
        l,
        "relay-chat-figures-status",
        statuses = statuses.join(" · ")
    ));
    lines.push(line(&fl!(l, "relay-staff-figures-total"), &t.total));
    for (group, heading) in [
        (Group::Category, fl!(l, "relay-chat-figures-by-category")),
        (Group::Point, fl!(l, "relay-chat-figures-by-point")),
        (
            Group::Department,
            fl!(l, "relay-chat-figures-by-department"),
        ),
    ] {
        let rows: Vec<String> = t
            .rows
            .iter()
            .filter(|r| r.group == group)
            .map(|r| line(&r.name, &r.counts))
            .collect();
        if !rows.is_empty() {
            lines.push(String::new());
            lines.push(heading);
            lines.extend(rows);
        }
    }
    reply::to(bot, who, lines.join("\n")).await
}
