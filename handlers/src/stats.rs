//! `/stats` (private chat): statistics for liaisons (their contact point only), county
//! staff (their district's points, the assessment ranked) and admins (every point,
//! and every figure rolled up by district too). The first screen lists the consultations and the assessment
//! periods; a consultation's button gives its counts by contact point, article,
//! stance, status and channel, and a bar chart of opinions per article as a picture.
//! `/stats 2026-01-01 2026-06-30` gives the contact-point assessment (考核) for those
//! days. Buttons are untrusted: every press re-reads the role and the scope. Every
//! look is written to the audit log (`stats.view`, `stats.assessment`).

use consult_domain::{
    Actor,
    assessment::{self, Period, PointAssessment, Relative},
    people::Locale,
    review::Scope,
    stats::ConsultationStats,
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode},
};

use crate::{
    Deps, HandlerError, blocking,
    callback::Callback,
    chart::{self, Bars},
    ctx::Ctx,
    html,
    i18n::fl,
    labels,
    person::Person,
    reply,
    reply::Courtesy,
};

/// At most this many consultations are offered as buttons (the newest).
const LISTED: usize = 20;

/// What this person may see, read fresh: all (admin), their point (liaison), or
/// nothing — the rule the web console shares ([`consult_domain::access::Access`]).
fn scope(who: &Person) -> Option<Scope> {
    who.access().and_then(|a| a.review())
}

/// The codes the person's reach is limited to (point, district), for the audit log.
fn audit_codes(who: &Person) -> (Option<String>, Option<String>) {
    let access = who.access();
    let (point, district) = access.as_ref().map(|a| a.audit_codes()).unwrap_or_default();
    (point.map(str::to_owned), district.map(str::to_owned))
}

fn scope_name(deps: &Deps, who: &Person, scope: Scope) -> String {
    match scope {
        Scope::All => fl!(deps.locales.get(who.locale), "review-scope-all"),
        Scope::Point(_) | Scope::District(_) => who.point_name(),
    }
}

/// `/stats` and `/stats FROM TO`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "stats-refused")).await;
    };
    let arg = arg.trim();
    if arg.is_empty() {
        return menu(bot, deps, who, scope).await;
    }
    if arg.eq_ignore_ascii_case("events") || arg == "普法活动" {
        return crate::events::stats(bot, deps, who, scope).await;
    }
    match Period::parse(arg, deps.timezone) {
        Some(period) => {
            let name = fl!(l, "stats-period-custom");
            assessment(bot, deps, who, scope, &name, &period).await
        }
        None => reply::to(bot, who, fl!(l, "stats-usage")).await,
    }
}

/// The first screen: consultations to choose from, and the assessment periods.
async fn menu(bot: &Bot, deps: &Deps, who: &Person, scope: Scope) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let consultations = deps.db.stats().consultations(scope).await?;
    let mut lines = vec![fl!(l, "stats-header", scope = scope_name(deps, who, scope))];
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    if consultations.is_empty() {
        lines.push(fl!(l, "stats-no-consultations"));
    } else {
        lines.push(fl!(l, "stats-choose"));
        for c in consultations.iter().take(LISTED) {
            let short: String = c.title.chars().take(24).collect();
            rows.push(vec![InlineKeyboardButton::callback(
                format!("{} {short}", c.code()),
                Callback::Stats { consultation: c.id }.encode(),
            )]);
        }
    }
    lines.push(fl!(l, "stats-events-hint"));
    // The 社情民意 relay's figures: the console's table, from the same domain call.
    rows.push(vec![InlineKeyboardButton::callback(
        fl!(l, "relay-chat-figures-button"),
        Callback::Relay(crate::callback::RelayButton::Figures).encode(),
    )]);
    lines.push(fl!(l, "stats-assessment-choose"));
    rows.push(
        Relative::ALL
            .into_iter()
            .map(|r| {
                InlineKeyboardButton::callback(
                    fl!(
                        l,
                        "stats-assessment-button",
                        period = period_name(deps, who.locale, r)
                    ),
                    Callback::Assessment(r).encode(),
                )
            })
            .collect(),
    );
    reply::to_with_keyboard(bot, who, lines.join("\n"), InlineKeyboardMarkup::new(rows)).await
}

fn period_name(deps: &Deps, locale: Locale, r: Relative) -> String {
    let l = deps.locales.get(locale);
    match r {
        Relative::Month => fl!(l, "stats-period-month"),
        Relative::Quarter => fl!(l, "stats-period-quarter"),
        Relative::Year => fl!(l, "stats-period-year"),
    }
}

/// Every /stats button. Answers the query in all cases.
pub async fn button(cx: &Ctx, q: &CallbackQuery, data: Callback) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::alert(bot, q, fl!(l, "stats-refused")).await;
    };
    match data {
        Callback::Stats { consultation } => {
            let Some(stats) = deps.db.stats().of(consultation, scope).await? else {
                return reply::alert(bot, q, fl!(l, "stats-not-yours")).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let now = deps.clock.now();
            let (point, district) = audit_codes(who);
            deps.db
                .stats()
                .viewed(
                    Actor::Person(who.id),
                    consultation,
                    point.as_deref(),
                    district.as_deref(),
                    now,
                )
                .await?;
            show(bot, deps, who, scope, &stats).await
        }
        Callback::Assessment(r) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let period = Period::current(r, deps.timezone, deps.clock.now());
            let name = period_name(deps, who.locale, r);
            assessment(bot, deps, who, scope, &name, &period).await
        }
        _ => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            Ok(())
        }
    }
}

/// An article's name as the person reads it.
fn article_name(deps: &Deps, locale: Locale, a: &consult_domain::stats::ArticleCount) -> String {
    consult_domain::stats::article_name(&deps.locales, locale, a)
}

/// The statistics message and the chart.
async fn show(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    scope: Scope,
    s: &ConsultationStats,
) -> Result<(), HandlerError> {
    let (locale, l) = (who.locale, deps.locales.get(who.locale));
    let item = |name: String, n: i64| fl!(l, "stats-item", name = name, count = n);
    let mut lines = vec![
        fl!(
            l,
            "stats-title",
            code = format!("C{}", s.consultation_id),
            title = html::escape(&s.title)
        ),
        fl!(l, "stats-scope", scope = scope_name(deps, who, scope)),
        fl!(l, "stats-total", count = s.total),
        String::new(),
        fl!(l, "stats-by-point"),
    ];
    for (name, n) in &s.by_point {
        let name = match name {
            Some(name) => html::escape(name),
            None => fl!(l, "stats-no-point"),
        };
        lines.push(item(name, *n));
    }
    // The city's figures by district, once there are districts to tell apart.
    if scope == Scope::All && s.by_district.iter().any(|(d, _)| d.is_some()) {
        lines.push(fl!(l, "stats-by-district"));
        for (name, n) in &s.by_district {
            let name = match name {
                Some(name) => html::escape(name),
                None => fl!(l, "stats-no-district"),
            };
            lines.push(item(name, *n));
        }
    }
    // A suggestion has no article and no stance (整部草案 · 其他 would count nothing).
    if !s.open_call {
        lines.push(fl!(l, "stats-by-article"));
        for a in &s.by_article {
            lines.push(item(html::escape(&article_name(deps, locale, a)), a.count));
        }
        lines.push(fl!(l, "stats-by-stance"));
        for (stance, n) in &s.by_stance {
            lines.push(item(labels::stance(&deps.locales, locale, *stance), *n));
        }
    }
    lines.push(fl!(l, "stats-by-status"));
    let args: Vec<(&str, String)> = s
        .by_status
        .iter()
        .take(6)
        .map(|(status, n)| (status.as_str(), n.to_string()))
        .collect();
    lines.push(deps.locales.text(locale, "review-counts", &args));
    lines.push(fl!(l, "stats-by-channel"));
    for (channel, n) in &s.by_channel {
        lines.push(item(labels::channel(&deps.locales, locale, *channel), *n));
    }
    if s.total == 0 {
        lines.push(String::new());
        lines.push(fl!(l, "stats-no-opinions"));
        return reply::to(bot, who, lines.join("\n")).await;
    }
    reply::to(bot, who, lines.join("\n")).await?;
    if s.open_call {
        // The chart counts opinions per article; an open call has none.
        return Ok(());
    }

    // The chart in the person's language, and in Latin letters in case the font has
    // no Chinese.
    let en = deps.locales.get(Locale::En);
    let charted = s.chart_articles();
    let native = Bars {
        title: fl!(l, "stats-chart-title"),
        axis: fl!(l, "stats-chart-axis"),
        bars: charted
            .iter()
            .map(|a| (article_name(deps, locale, a), a.count as u64))
            .collect(),
    };
    let latin = Bars {
        title: fl!(en, "stats-chart-title"),
        axis: fl!(en, "stats-chart-axis"),
        bars: charted
            .iter()
            .map(|a| (article_name(deps, Locale::En, a), a.count as u64))
            .collect(),
    };
    let configured = deps.chart_font.clone();
    let rendered = blocking::run(move || {
        let font = chart::font(configured.as_deref());
        chart::render(&native, &latin, font.as_deref()).map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    let rendered = match rendered {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "chart failed");
            return reply::to(bot, who, fl!(l, "stats-chart-failed")).await;
        }
    };
    let caption = fl!(
        l,
        "stats-chart-caption",
        code = format!("C{}", s.consultation_id),
        title = html::escape(&s.title.chars().take(200).collect::<String>())
    );
    bot.send_photo(
        ChatId(who.id),
        InputFile::memory(rendered.png).file_name(format!("C{}-stats.png", s.consultation_id)),
    )
    .caption(caption)
    .parse_mode(ParseMode::Html)
    .await?;
    Ok(())
}

/// The assessment lines of one point.
fn assessment_lines(deps: &Deps, locale: Locale, a: &PointAssessment) -> Vec<String> {
    let l = deps.locales.get(locale);
    let share = a
        .feedback_share()
        .map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0));
    let median = a
        .median_days_to_feedback
        .map_or_else(|| "—".to_owned(), |d| format!("{d:.1}"));
    vec![
        fl!(
            l,
            "stats-assessment-point",
            name = html::escape(&a.name),
            code = a.code.clone()
        ),
        fl!(
            l,
            "stats-assessment-reach",
            groups = a.groups,
            consultations = a.consultations_announced
        ),
        fl!(
            l,
            "stats-assessment-opinions",
            total = a.opinions(),
            online = a.online,
            offline = a.offline,
            adopted = a.adopted
        ),
        fl!(
            l,
            "stats-assessment-feedback",
            submitters = a.submitters,
            reached = a.submitters_with_feedback,
            share = share,
            median = median
        ),
        fl!(
            l,
            "stats-assessment-relay",
            reports = a.reports,
            answered = a.reports_answered
        ),
        fl!(
            l,
            "stats-assessment-events",
            events = a.events,
            reached = a.reached
        ),
    ]
}

/// The contact-point assessment for a period: the liaison's point, the county's
/// points ranked, or every point and then every district.
async fn assessment(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    scope: Scope,
    name: &str,
    period: &Period,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let mut rows = deps
        .db
        .assessments()
        .assess(scope, period, deps.clock.now())
        .await?;
    let ranked = matches!(scope, Scope::District(_));
    if ranked {
        assessment::rank(&mut rows);
    }
    let districts = match scope {
        Scope::All => {
            deps.db
                .assessments()
                .by_district(period, deps.clock.now(), &fl!(l, "stats-no-district"))
                .await?
        }
        _ => Vec::new(),
    };
    let now = deps.clock.now();
    let (point, district) = audit_codes(who);
    deps.db
        .assessments()
        .audit(
            Actor::Person(who.id),
            point.as_deref(),
            district.as_deref(),
            period,
            now,
        )
        .await?;
    let mut lines = vec![fl!(
        l,
        "stats-assessment-title",
        period = name.to_owned(),
        dates = period.describe()
    )];
    if rows.is_empty() {
        lines.push(fl!(l, "stats-assessment-none"));
    }
    if ranked && !rows.is_empty() {
        lines.push(fl!(l, "stats-assessment-ranked"));
    }
    for (i, a) in rows.iter().enumerate() {
        lines.push(String::new());
        let mut these = assessment_lines(deps, who.locale, a);
        if ranked {
            let rank = i + 1;
            these[0] = fl!(
                l,
                "stats-assessment-rank",
                rank = rank,
                point = these[0].clone()
            );
        }
        lines.extend(these);
    }
    // Only once some point belongs to a district is the rollup worth its lines.
    if districts.iter().any(|d| d.district.is_some()) {
        lines.push(String::new());
        lines.push(fl!(l, "stats-assessment-by-district"));
        for a in &districts {
            lines.push(String::new());
            lines.extend(assessment_lines(deps, who.locale, a));
        }
    }
    reply::to(bot, who, lines.join("\n")).await
}
