//! A consultation's changes together with what the groups and submitters hear of them,
//! for both channels: publishing (the announcement card), announcing it again, a
//! revised draft while open (the card of the new version), a new deadline while open
//! (the notice of it), closing early (the closing notice), withdrawing (the
//! withdrawal), releasing decisions (each reachable submitter's feedback) and the
//! conclusion (the 回音壁). The chat's commands and the staff console's buttons call
//! the same functions, so a consultation published from either reaches the same groups
//! with the same card, keyed the same way (a second publisher adds nothing).
//!
//! Nothing is sent here: deliveries are queued ([`crate::deliveries`]) and the
//! broadcast worker sends them. The caller wakes the worker if it can; it also looks
//! at the queue on its own every half second.

use chrono::{DateTime, Utc};

use crate::{
    Actor, Db, Error, UserId,
    access::Access,
    audit::AuditEntry,
    cards::{Render, for_group},
    consultations::{Consultation, State},
    decisions::{PendingFeedback, Released, Summary},
    deliveries::{NewBroadcast, OutMessage},
    draft::Draft,
    people::Locale,
    review::Scope,
};

/// Who caused a broadcast, and where its progress (「已发送 120/450」) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct By {
    /// None: the scheduler.
    pub person: Option<UserId>,
    /// The private chat that follows the progress: the person's own in chat; none for
    /// an action in the web console (a web-only account has no chat, and a person who
    /// acted in a browser reads the result there).
    pub progress_chat: Option<i64>,
    /// The language of the progress message.
    pub locale: Locale,
}

impl By {
    /// A person in chat: progress shown to them there.
    pub fn chat(person: UserId, locale: Locale) -> By {
        By {
            person: Some(person),
            progress_chat: Some(person),
            locale,
        }
    }

    /// A staff member in the web console.
    pub fn web(person: UserId, locale: Locale) -> By {
        By {
            person: Some(person),
            progress_chat: None,
            locale,
        }
    }

    /// The scheduler (deadlines, reminders).
    pub fn scheduler(locale: Locale) -> By {
        By {
            person: None,
            progress_chat: None,
            locale,
        }
    }

    /// Who the audit log names.
    pub fn actor(&self) -> Actor {
        match self.person {
            Some(p) => Actor::Person(p),
            None => Actor::System,
        }
    }
}

/// A consultation after a change, and how many groups will hear of it.
#[derive(Debug, Clone)]
pub struct Announced {
    pub consultation: Consultation,
    pub groups: usize,
}

/// How a consultation ends before its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// 提前截止: the groups get the closing notice.
    Close,
    /// 撤回: the groups are told it was withdrawn.
    Withdraw,
}

/// What concluding would post, before it is done.
#[derive(Debug, Clone)]
pub struct ConclusionPreview {
    /// The 回音壁 as the first group in scope will read it (or without a point's
    /// count, when no group is in scope).
    pub example: String,
    pub groups: usize,
    pub summary: Summary,
}

impl Db {
    /// Queues `message` for every active group in the consultation's scope that is in
    /// `scope` too, each with its own links ([`for_group`]); returns how many groups.
    /// Queueing the same (purpose, subject) again adds nothing.
    #[allow(clippy::too_many_arguments)]
    pub async fn broadcast(
        &self,
        c: &Consultation,
        purpose: &str,
        subject: &str,
        message: &OutMessage,
        scope: Scope,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        let b = NewBroadcast {
            purpose,
            subject,
            created_by: by.person,
            progress_chat: by.progress_chat,
            locale: by.locale,
        };
        self.queue_for_groups(c, &b, message, scope, None, now)
            .await
    }

    /// [`Db::broadcast`]'s work, with an audit entry written with the queue.
    async fn queue_for_groups(
        &self,
        c: &Consultation,
        b: &NewBroadcast<'_>,
        message: &OutMessage,
        scope: Scope,
        audit: Option<&AuditEntry>,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        let groups = self.consultations().groups(c, scope).await?;
        let targets: Vec<(i64, OutMessage)> = groups
            .iter()
            .map(|g| {
                let message = for_group(message, g.chat_id, g.point_code.as_deref());
                (g.chat_id, message)
            })
            .collect();
        if targets.is_empty() {
            return Ok(0);
        }
        self.deliveries()
            .enqueue_audited(b, &targets, audit, now)
            .await?;
        Ok(targets.len())
    }

    /// The announcement card of the consultation's current version, as the groups get
    /// it (the card of a later version says it is revised).
    pub async fn announcement(
        &self,
        render: &Render<'_>,
        c: &Consultation,
    ) -> Result<OutMessage, Error> {
        let articles = self
            .consultations()
            .draft(c.id, c.version)
            .await?
            .map_or(0, |d| d.articles.len());
        Ok(render.announcement(c, articles))
    }

    /// Announces the current version to every group in scope (subject `c<id>:v<n>`,
    /// so each version is announced once).
    pub async fn announce_version(
        &self,
        render: &Render<'_>,
        c: &Consultation,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        let card = self.announcement(render, c).await?;
        let subject = format!("c{}:v{}", c.id, c.version);
        self.broadcast(c, "announce", &subject, &card, Scope::All, by, now)
            .await
    }

    /// Publishes a draft consultation and announces it.
    pub async fn publish_announced(
        &self,
        render: &Render<'_>,
        id: i64,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Announced, Error> {
        let c = self.consultations().publish(id, by.actor(), now).await?;
        let groups = self.announce_version(render, &c, by, now).await?;
        Ok(Announced {
            consultation: c,
            groups,
        })
    }

    /// Announces an open consultation again (`/announce`, 「重新通知居民群」) for
    /// `access`: to the groups it may announce to — every one, its district's points'
    /// or its point's ([`Access::announce_to`]); anyone else is refused as for an
    /// unknown consultation. Each request is a broadcast of its own, keyed by
    /// `request` (the chat message's id, or the console form's nonce), so a replayed
    /// update or a form posted twice announces once; it is audited
    /// (`consultation.announce`, naming the district or point it went to).
    pub async fn announce_again(
        &self,
        render: &Render<'_>,
        c: &Consultation,
        access: &Access,
        request: &str,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        if c.state != State::Open {
            return Err(Error::WrongState {
                id: c.id,
                state: c.state.as_str(),
            });
        }
        let scope = access
            .announce_to(c)
            .ok_or(Error::UnknownConsultation(c.id))?;
        let card = self.announcement(render, c).await?;
        let who = by
            .person
            .map_or_else(|| "cli".to_owned(), |p| p.to_string());
        let subject = format!("c{}:v{}:again:{who}:{request}", c.id, c.version);
        let b = NewBroadcast {
            purpose: "announce",
            subject: &subject,
            created_by: by.person,
            progress_chat: by.progress_chat,
            locale: by.locale,
        };
        let (point, district) = access.audit_codes();
        let entry = AuditEntry::new(by.actor(), "consultation.announce", c.code()).detail(
            serde_json::json!({ "version": c.version, "point": point, "district": district }),
        );
        self.queue_for_groups(c, &b, &card, scope, Some(&entry), now)
            .await
    }

    /// Moves the deadline (`/extend`, 「延长截止时间」); an open consultation's groups get
    /// the notice of the new deadline, once per deadline (subject `c<id>:until:<unix
    /// time>`), so that residents who read the card's date know they have longer. The
    /// scheduler's reminders follow the new deadline by themselves.
    pub async fn extend_announced(
        &self,
        render: &Render<'_>,
        id: i64,
        closes_at: DateTime<Utc>,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Announced, Error> {
        let c = self
            .consultations()
            .extend(id, closes_at, by.actor(), now)
            .await?;
        let groups = if c.state == State::Open {
            let subject = format!("c{}:until:{}", c.id, c.closes_at.timestamp());
            self.broadcast(
                &c,
                "deadline",
                &subject,
                &render.deadline(&c),
                Scope::All,
                by,
                now,
            )
            .await?
        } else {
            0
        };
        Ok(Announced {
            consultation: c,
            groups,
        })
    }

    /// Closes early or withdraws; the groups hear of it only if it was open.
    pub async fn end_announced(
        &self,
        render: &Render<'_>,
        id: i64,
        end: End,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Announced, Error> {
        let consultations = self.consultations();
        let was_open = consultations
            .get(id)
            .await?
            .is_some_and(|c| c.state == State::Open);
        let c = match end {
            End::Withdraw => consultations.withdraw(id, by.actor(), now).await?,
            End::Close => consultations.close(id, by.actor(), now).await?,
        };
        let groups = if was_open {
            let (purpose, message) = match end {
                End::Withdraw => ("withdrawn", render.withdrawn(&c)),
                End::Close => ("closing", render.closing(&c)),
            };
            let subject = format!("c{}", c.id);
            self.broadcast(&c, purpose, &subject, &message, Scope::All, by, now)
                .await?
        } else {
            0
        };
        Ok(Announced {
            consultation: c,
            groups,
        })
    }

    /// Saves a revised draft (二审稿) as the next version; an open consultation's
    /// groups get the card of the new version.
    pub async fn revise_announced(
        &self,
        render: &Render<'_>,
        id: i64,
        draft: &Draft,
        source_name: &str,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Announced, Error> {
        let c = self
            .consultations()
            .revise(id, draft, source_name, by.actor(), now)
            .await?;
        let groups = if c.state == State::Open {
            self.announce_version(render, &c, by, now).await?
        } else {
            0
        };
        Ok(Announced {
            consultation: c,
            groups,
        })
    }

    /// Releases every decision revision pending on a consultation: each reachable
    /// submitter's feedback in their language, and the list of the others for their
    /// liaison ([`crate::decisions::Decisions::unreached`]).
    pub async fn release_feedback(
        &self,
        render: &Render<'_>,
        consultation: i64,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Released, Error> {
        let decisions = self.decisions();
        let c = decisions.decidable(consultation).await?;
        let pending = decisions.pending(consultation).await?;
        let items: Vec<(PendingFeedback, Option<OutMessage>)> = pending
            .into_iter()
            .map(|p| {
                let message = p.chat.map(|_| render.feedback(&c, &p));
                (p, message)
            })
            .collect();
        decisions.release(consultation, &items, by, now).await
    }

    /// What concluding would post: the 回音壁 as the first group sees it, to how many.
    pub async fn conclusion_preview(
        &self,
        render: &Render<'_>,
        c: &Consultation,
    ) -> Result<ConclusionPreview, Error> {
        let summary = self.decisions().summary(c.id).await?;
        let groups = self.consultations().groups(c, Scope::All).await?;
        let example = render
            .summary_targets(c, &summary, &groups)
            .into_iter()
            .next()
            .map_or_else(|| render.summary_text(c, &summary, None), |(_, m)| m.html);
        Ok(ConclusionPreview {
            example,
            groups: groups.len(),
            summary,
        })
    }

    /// Concludes a closed consultation and queues its 回音壁 to every group in scope
    /// ([`crate::decisions::Decisions::conclude`]).
    pub async fn conclude_announced(
        &self,
        render: &Render<'_>,
        consultation: i64,
        by: &By,
        now: DateTime<Utc>,
    ) -> Result<Announced, Error> {
        let c = self
            .consultations()
            .get(consultation)
            .await?
            .ok_or(Error::UnknownConsultation(consultation))?;
        let summary = self.decisions().summary(consultation).await?;
        let groups = self.consultations().groups(&c, Scope::All).await?;
        let targets = render.summary_targets(&c, &summary, &groups);
        let c = self
            .decisions()
            .conclude(consultation, &targets, by, now)
            .await?;
        Ok(Announced {
            consultation: c,
            groups: targets.len(),
        })
    }
}
