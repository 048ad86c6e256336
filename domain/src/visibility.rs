//! Who may see that a consultation exists. A draft that is not published yet, or a
//! withdrawn one, must look exactly like a number nobody has used («没有编号为 N 的
//! 征求意见») to everyone except the staff who may see it; otherwise a forged link
//! or button leaks the title of an unpublished draft. Every entry point — deep
//! links, buttons, lists, inline answers, FAQ links, prompts, exports, and the web
//! pages — asks [`may_see`] (or [`Consultations::visible`]) and answers "unknown"
//! when it says no.

use crate::{
    Error, UserId,
    consultations::{Consultation, Consultations, State},
    roles::{Role, RoleRecord},
};

/// Who is looking, as far as the visibility of consultations goes. Channel-neutral:
/// the chat builds it from the person's role, the web from the staff account's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone without a staff role: residents, informants, visitors of the web pages.
    Public,
    /// An admin (法工委 staff): sees every consultation.
    Admin,
    /// A liaison: also sees the drafts they created (scoped to their own point) and
    /// withdrawn consultations that reached their point.
    Liaison { user: UserId, point: i64 },
}

impl Viewer {
    /// The viewer a person with this role is (none: [`Viewer::Public`]). A liaison
    /// without a point sees what the public sees.
    pub fn of(role: Option<&RoleRecord>) -> Self {
        match role {
            Some(r) if r.role == Role::Admin => Viewer::Admin,
            Some(RoleRecord {
                role: Role::Liaison,
                point: Some(p),
                telegram_id,
                ..
            }) => Viewer::Liaison {
                user: *telegram_id,
                point: p.id,
            },
            _ => Viewer::Public,
        }
    }
}

/// May `viewer` see that `c` exists? Published consultations (open, closed,
/// concluded) are public; a draft or a withdrawn one only for the staff above.
pub fn may_see(viewer: Viewer, c: &Consultation) -> bool {
    match c.state {
        State::Open | State::Closed | State::Concluded => true,
        State::Draft | State::Withdrawn => match viewer {
            Viewer::Public => false,
            Viewer::Admin => true,
            Viewer::Liaison { user, point } => {
                c.created_by == Some(user) || (c.state == State::Withdrawn && c.reaches(point))
            }
        },
    }
}

impl Consultations<'_> {
    /// The consultation if `viewer` may see it; None both when it does not exist and
    /// when it is not theirs to see, so the two cannot be told apart.
    pub async fn visible(&self, id: i64, viewer: Viewer) -> Result<Option<Consultation>, Error> {
        Ok(self.get(id).await?.filter(|c| may_see(viewer, c)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::consultations::Scope;

    fn consultation(state: State, created_by: Option<UserId>, scope: Scope) -> Consultation {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap();
        Consultation {
            id: 7,
            title: "某市养犬管理条例（草案）".into(),
            summary: None,
            source_url: None,
            occupations: Vec::new(),
            state,
            scope,
            version: 1,
            closes_at: t,
            opened_at: None,
            closed_at: None,
            created_by,
            created_at: t,
            kind: crate::open_calls::Kind::Regulation,
        }
    }

    #[test]
    fn published_consultations_are_public() {
        for state in [State::Open, State::Closed, State::Concluded] {
            assert!(may_see(
                Viewer::Public,
                &consultation(state, None, Scope::All)
            ));
        }
    }

    #[test]
    fn drafts_and_withdrawn_ones_only_for_staff_who_may_see_them() {
        let liaison = Viewer::Liaison { user: 5, point: 2 };
        let other = Viewer::Liaison { user: 6, point: 3 };
        let own_draft = consultation(State::Draft, Some(5), Scope::Points(vec![2]));
        let admins_draft = consultation(State::Draft, Some(1), Scope::All);
        let withdrawn = consultation(State::Withdrawn, Some(1), Scope::Points(vec![2]));
        for c in [&own_draft, &admins_draft, &withdrawn] {
            assert!(!may_see(Viewer::Public, c));
            assert!(may_see(Viewer::Admin, c));
            assert!(!may_see(other, c));
        }
        assert!(may_see(liaison, &own_draft));
        assert!(!may_see(liaison, &admins_draft));
        assert!(may_see(liaison, &withdrawn));
    }
}
