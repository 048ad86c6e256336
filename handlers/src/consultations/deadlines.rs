//! The scheduler's part of a consultation: reminders before each deadline, and the
//! closing with its notice once the deadline has passed.

use consult_domain::{Actor, Error, announce::By, review::Scope};

use crate::{Deps, HandlerError, cards::render};

/// Sends what is due now: reminders before each deadline, and the closing (with its
/// notice) once a deadline has passed. Safe to run again: each reminder is recorded
/// as done, and the notices are deliveries that are unique per consultation.
pub async fn run_due(deps: &Deps, reminders: &[chrono::Duration]) -> Result<usize, HandlerError> {
    let now = deps.clock.now();
    let due = deps.db.consultations().due(reminders, now).await?;
    let r = render(deps);
    let by = By::scheduler(deps.default_locale);
    let mut done = 0;
    for (c, what) in due {
        match what {
            consult_domain::consultations::Due::Close => {
                // The notice is queued before the state changes, so a crash in between
                // cannot close a consultation silently.
                let subject = format!("c{}", c.id);
                deps.db
                    .broadcast(
                        &c,
                        "closing",
                        &subject,
                        &r.closing(&c),
                        Scope::All,
                        &by,
                        now,
                    )
                    .await?;
                deps.wake_broadcast.notify_one();
                match deps
                    .db
                    .consultations()
                    .close(c.id, Actor::System, now)
                    .await
                {
                    Ok(_) | Err(Error::WrongState { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
                tracing::info!(consultation = c.id, "closed at its deadline");
            }
            consult_domain::consultations::Due::Reminder { kind, skipped, .. } => {
                let subject = format!("c{}:{kind}", c.id);
                deps.db
                    .broadcast(
                        &c,
                        "reminder",
                        &subject,
                        &r.reminder(&c, now),
                        Scope::All,
                        &by,
                        now,
                    )
                    .await?;
                deps.wake_broadcast.notify_one();
                deps.db.consultations().mark_done(c.id, &kind, now).await?;
                // Reminders whose time passed unsent are done too, or the scheduler
                // would wake for them again at once.
                for kind in skipped {
                    deps.db.consultations().mark_done(c.id, &kind, now).await?;
                }
                tracing::info!(consultation = c.id, %kind, "reminder queued");
            }
        }
        done += 1;
    }
    Ok(done)
}
