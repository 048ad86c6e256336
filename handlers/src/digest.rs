//! Keeping liaisons on top of their ledger, run by the scheduler: the daily digest of
//! new opinions for each liaison's contact point (at `--digest-at`, nothing when there
//! is nothing new) and, [`REVIEW_REMINDER`] before a consultation's deadline, a
//! reminder to the liaisons of every point that still has unreviewed opinions (once
//! per deadline; nothing when all are reviewed). Each in the liaison's own language,
//! with counts per consultation and a pointer to /review.
//!
//! Both go out **through the broadcast worker**, not directly: the scheduler may find
//! dozens of liaisons due at the same minute (everyone's digest is at 18:00), and the
//! worker already sends within Telegram's limits, retries network failures, and never
//! sends a (purpose, subject, chat) twice — so a crash after queueing, or a second
//! scheduler pass, cannot give a liaison the same digest twice, and a digest queued
//! before a crash is still sent after it. The delay this adds (the worker's next
//! pass) does not matter for a daily summary.

use chrono::{DateTime, Utc};
use consult_domain::{
    deliveries::{NewBroadcast, OutMessage},
    digests::{DigestLine, REVIEW_REMINDER},
    people::Locale,
    roles::{Role, RoleRecord},
    staff::is_telegram_user,
};

use crate::{Deps, HandlerError, cards::local_time, html, i18n::fl};

/// Liaisons bound to a point, with the language to write to them in.
async fn liaisons(deps: &Deps) -> Result<Vec<(RoleRecord, Locale)>, HandlerError> {
    let mut out = Vec::new();
    for r in deps.db.roles().list().await? {
        // A web-only liaison has no Telegram chat to send to.
        if r.role != Role::Liaison || r.point.is_none() || !is_telegram_user(r.telegram_id) {
            continue;
        }
        let locale = deps
            .db
            .people()
            .locale(r.telegram_id)
            .await?
            .unwrap_or(deps.default_locale);
        out.push((r, locale));
    }
    Ok(out)
}

fn message(html: String) -> OutMessage {
    OutMessage {
        html,
        buttons: vec![],
        pin: false,
    }
}

/// The digest text of one liaison.
fn digest_text(
    deps: &Deps,
    locale: Locale,
    point: &str,
    since: DateTime<Utc>,
    lines: &[DigestLine],
) -> String {
    let l = deps.locales.get(locale);
    let total: i64 = lines.iter().map(|d| d.new).sum();
    let mut out = vec![
        fl!(l, "digest-title", point = html::escape(point)),
        fl!(
            l,
            "digest-intro",
            since = local_time(&deps.locales, locale, deps.timezone, since),
            count = total
        ),
    ];
    for d in lines {
        out.push(fl!(
            l,
            "digest-line",
            code = format!("C{}", d.consultation_id),
            title = html::escape(&d.title),
            new = d.new,
            unreviewed = d.unreviewed
        ));
    }
    out.push(fl!(l, "digest-review"));
    out.join("\n")
}

/// Queues today's digests if their time has come; returns how many were queued.
pub async fn run_digests(deps: &Deps) -> Result<usize, HandlerError> {
    let now = deps.clock.now();
    let digests = deps.db.digests();
    let Some(day) = digests.due_day(deps.digest_at, deps.timezone, now).await? else {
        return Ok(0);
    };
    let mut targets = Vec::new();
    let mut windows = Vec::new();
    for (r, locale) in liaisons(deps).await? {
        let Some(point) = &r.point else { continue };
        let since = digests.window_start(r.telegram_id, now).await?;
        let lines = digests.new_opinions(point.id, since, now).await?;
        if !lines.is_empty() {
            let text = digest_text(deps, locale, &point.name, since, &lines);
            targets.push((r.telegram_id, message(text)));
        }
        if !lines.is_empty() {
            windows.push(r.telegram_id);
        }
    }
    let subject = format!("d{day}");
    if !targets.is_empty() {
        let b = NewBroadcast {
            purpose: "digest",
            subject: &subject,
            created_by: None,
            progress_chat: None,
            locale: deps.default_locale,
        };
        deps.db.deliveries().enqueue(&b, &targets, now).await?;
        deps.wake_broadcast.notify_one();
    }
    // Only after the digests are queued do the windows move on; a liaison who got
    // nothing keeps theirs, so the next digest counts from the previous one sent.
    for liaison in windows {
        digests.covered(liaison, now, now).await?;
    }
    digests.finish_day(day, now).await?;
    tracing::info!(%day, digests = targets.len(), "liaison digests queued");
    Ok(targets.len())
}

/// Queues the review reminders that are due; returns how many were queued.
pub async fn run_review_reminders(deps: &Deps) -> Result<usize, HandlerError> {
    let now = deps.clock.now();
    let digests = deps.db.digests();
    let due = digests.reminders_due(now).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let all = liaisons(deps).await?;
    let mut queued = 0;
    for c in due {
        let unreviewed = digests.unreviewed(c.id).await?;
        let mut targets = Vec::new();
        for (r, locale) in &all {
            let Some(point) = &r.point else { continue };
            let Some(count) = unreviewed
                .iter()
                .find(|(p, _)| *p == point.id)
                .map(|(_, n)| *n)
            else {
                continue;
            };
            let l = deps.locales.get(*locale);
            let text = [
                fl!(
                    l,
                    "review-reminder-title",
                    point = html::escape(&point.name)
                ),
                fl!(
                    l,
                    "review-reminder-line",
                    code = c.code(),
                    title = html::escape(&c.title),
                    deadline = local_time(&deps.locales, *locale, deps.timezone, c.closes_at),
                    count = count
                ),
                fl!(l, "digest-review"),
            ]
            .join("\n");
            targets.push((r.telegram_id, message(text)));
        }
        if !targets.is_empty() {
            let subject = format!("c{}@{}", c.id, c.closes_at.timestamp());
            let b = NewBroadcast {
                purpose: "review_reminder",
                subject: &subject,
                created_by: None,
                progress_chat: None,
                locale: deps.default_locale,
            };
            deps.db.deliveries().enqueue(&b, &targets, now).await?;
            deps.wake_broadcast.notify_one();
        }
        digests.reminder_done(&c, targets.len() as i64, now).await?;
        tracing::info!(
            consultation = c.id,
            liaisons = targets.len(),
            before = %REVIEW_REMINDER,
            "review reminders queued"
        );
        queued += targets.len();
    }
    Ok(queued)
}

/// When the scheduler must next look: the next digest time or review reminder.
pub async fn next_due(deps: &Deps) -> Result<Option<DateTime<Utc>>, HandlerError> {
    let now = deps.clock.now();
    let digests = deps.db.digests();
    let digest = digests.next_run(deps.digest_at, deps.timezone, now).await?;
    let reminder = digests.next_reminder(now).await?;
    Ok([Some(digest), reminder].into_iter().flatten().min())
}
