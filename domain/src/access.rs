//! What a staff member may see and do, from their role: the one rule the chat and the
//! web console share. An admin (法工委) sees every contact point; a liaison sees only
//! their own point's opinions and the consultations that reach it; an informant only
//! records opinions gathered offline for their point. Everything outside a person's
//! scope is answered as if it did not exist (404 on the web, "unknown" in chat), so
//! that probing ids tells nobody what other points hold.
//!
//! Built from the role as stored *now* ([`Access::of`]), on every request and every
//! update: a revoked or changed role takes effect at once.

use crate::{
    Db, Error, UserId,
    consultations::Consultation,
    offline::Recorder,
    opinions::Opinion,
    review,
    roles::{PointRef, Role, RoleRecord},
    visibility::Viewer,
};

/// A staff member's reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Admin { person: UserId },
    Liaison { person: UserId, point: PointRef },
    Informant { person: UserId, point: PointRef },
}

impl Access {
    /// The access a stored role gives; None for a liaison or informant whose point
    /// is missing (the schema forbids it; nothing is granted if it happens).
    pub fn of(role: &RoleRecord) -> Option<Access> {
        let person = role.telegram_id;
        match (role.role, &role.point) {
            (Role::Admin, _) => Some(Access::Admin { person }),
            (Role::Liaison, Some(p)) => Some(Access::Liaison {
                person,
                point: p.clone(),
            }),
            (Role::Informant, Some(p)) => Some(Access::Informant {
                person,
                point: p.clone(),
            }),
            _ => None,
        }
    }

    pub fn person(&self) -> UserId {
        match self {
            Access::Admin { person }
            | Access::Liaison { person, .. }
            | Access::Informant { person, .. } => *person,
        }
    }

    pub fn role(&self) -> Role {
        match self {
            Access::Admin { .. } => Role::Admin,
            Access::Liaison { .. } => Role::Liaison,
            Access::Informant { .. } => Role::Informant,
        }
    }

    /// The contact point a liaison or informant acts for (None: an admin, all points).
    pub fn point(&self) -> Option<&PointRef> {
        match self {
            Access::Admin { .. } => None,
            Access::Liaison { point, .. } | Access::Informant { point, .. } => Some(point),
        }
    }

    /// Whose opinions they may review, read and export: every point's (admin), their
    /// point's (liaison); informants none.
    pub fn review(&self) -> Option<review::Scope> {
        match self {
            Access::Admin { .. } => Some(review::Scope::All),
            Access::Liaison { point, .. } => Some(review::Scope::Point(point.id)),
            Access::Informant { .. } => None,
        }
    }

    /// Who they are for the visibility of unpublished consultations.
    pub fn viewer(&self) -> Viewer {
        match self {
            Access::Admin { .. } => Viewer::Admin,
            Access::Liaison { person, point } => Viewer::Liaison {
                user: *person,
                point: point.id,
            },
            Access::Informant { .. } => Viewer::Public,
        }
    }

    /// Whether a consultation concerns them: every one for an admin, those that
    /// reach their point for the others.
    pub fn concerns(&self, c: &Consultation) -> bool {
        match self.point() {
            None => true,
            Some(p) => c.reaches(p.id),
        }
    }

    /// Who they record offline opinions as: every staff member may, for their own
    /// point (an admin for any point, the opinion then belonging to none), as in chat.
    pub fn recorder(&self) -> Recorder {
        Recorder {
            user: self.person(),
            point: self.point().map(|p| p.id),
        }
    }

    /// Whether they may read this opinion: in their review scope.
    pub fn may_read(&self, o: &Opinion) -> bool {
        self.review().is_some_and(|s| s.covers(o))
    }
}

impl Db {
    /// Opinion `id` if `access` may read it; None both when there is no such opinion
    /// and when it belongs to another point, so the two cannot be told apart.
    pub async fn opinion_for(&self, access: &Access, id: i64) -> Result<Option<Opinion>, Error> {
        if access.review().is_none() {
            return Ok(None);
        }
        Ok(self
            .opinions()
            .get(id)
            .await?
            .filter(|o| access.may_read(o)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn role(role: Role, point: Option<i64>) -> RoleRecord {
        RoleRecord {
            telegram_id: -4,
            role,
            point: point.map(|id| PointRef {
                id,
                code: format!("p{id}"),
                name: format!("Point {id}"),
            }),
            granted_by: None,
            granted_at: Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap(),
        }
    }

    #[test]
    fn each_role_reaches_what_chat_gives_it() {
        let admin = Access::of(&role(Role::Admin, None)).unwrap();
        let liaison = Access::of(&role(Role::Liaison, Some(2))).unwrap();
        let informant = Access::of(&role(Role::Informant, Some(2))).unwrap();
        assert_eq!(admin.review(), Some(review::Scope::All));
        assert_eq!(liaison.review(), Some(review::Scope::Point(2)));
        assert_eq!(informant.review(), None);
        assert_eq!(admin.viewer(), Viewer::Admin);
        assert_eq!(liaison.viewer(), Viewer::Liaison { user: -4, point: 2 });
        assert_eq!(informant.viewer(), Viewer::Public);
        assert!(Access::of(&role(Role::Liaison, None)).is_none());
        assert_eq!(liaison.person(), -4);
        // Everyone records offline opinions: for their point, or (an admin) for none.
        assert_eq!(
            informant.recorder(),
            Recorder {
                user: -4,
                point: Some(2)
            }
        );
        assert_eq!(admin.recorder().point, None);
    }
}
