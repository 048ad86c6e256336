//! What a staff member may see and do, from their role: the one rule the chat and the
//! web console share. An admin (法工委) sees every contact point; county staff (县区人大)
//! what an admin sees, for their district's points only, and decide nothing on the
//! city's consultations; a liaison sees only their own point's opinions and the
//! consultations that reach it; an informant only records opinions gathered offline
//! for their point. Every scoped query takes [`Access::review`]'s [`review::Scope`]. Everything outside a person's
//! scope is answered as if it did not exist (404 on the web, "unknown" in chat), so
//! that probing ids tells nobody what other points hold.
//!
//! Built from the role as stored *now* ([`Access::of`]), on every request and every
//! update: a revoked or changed role takes effect at once.

use crate::{
    Db, Error, UserId,
    consultations::{Consultation, State},
    groups::Group,
    offline::Recorder,
    opinions::Opinion,
    review,
    roles::{DistrictRef, PointRef, Role, RoleRecord},
    visibility::Viewer,
};

/// A staff member's reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Admin {
        person: UserId,
    },
    /// County staff: their district, with its points as stored now.
    County {
        person: UserId,
        district: DistrictRef,
    },
    Liaison {
        person: UserId,
        point: PointRef,
    },
    Informant {
        person: UserId,
        point: PointRef,
    },
}

impl Access {
    /// The access a stored role gives; None for a liaison or informant whose point
    /// (county staff whose district) is missing (the schema forbids it; nothing is granted if it happens).
    pub fn of(role: &RoleRecord) -> Option<Access> {
        let person = role.telegram_id;
        match (role.role, &role.point) {
            (Role::Admin, _) => Some(Access::Admin { person }),
            (Role::County, _) => role.district.as_ref().map(|d| Access::County {
                person,
                district: d.clone(),
            }),
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
            | Access::County { person, .. }
            | Access::Liaison { person, .. }
            | Access::Informant { person, .. } => *person,
        }
    }

    pub fn role(&self) -> Role {
        match self {
            Access::Admin { .. } => Role::Admin,
            Access::County { .. } => Role::County,
            Access::Liaison { .. } => Role::Liaison,
            Access::Informant { .. } => Role::Informant,
        }
    }

    /// The contact point a liaison or informant acts for (None: an admin or county
    /// staff, who act for many).
    pub fn point(&self) -> Option<&PointRef> {
        match self {
            Access::Admin { .. } | Access::County { .. } => None,
            Access::Liaison { point, .. } | Access::Informant { point, .. } => Some(point),
        }
    }

    /// The district county staff act for.
    pub fn district(&self) -> Option<&DistrictRef> {
        match self {
            Access::County { district, .. } => Some(district),
            _ => None,
        }
    }

    /// Whether they act for the whole city (an admin): decisions, conclusions, the
    /// FAQ, contact points and districts, the audit log.
    pub fn is_city(&self) -> bool {
        matches!(self, Access::Admin { .. })
    }

    /// The one scope of what they reach: whose opinions, reports, groups, figures and
    /// assessment they may see, act on and export — every point's (admin), their
    /// district's (county staff), their point's (liaison); informants none. Every
    /// scoped feature asks this, so a new one (the 普法 events) plugs in here.
    pub fn review(&self) -> Option<review::Scope> {
        match self {
            Access::Admin { .. } => Some(review::Scope::All),
            Access::County { district, .. } => Some(review::Scope::District(district.id)),
            Access::Liaison { point, .. } => Some(review::Scope::Point(point.id)),
            Access::Informant { .. } => None,
        }
    }

    /// Whether contact point `point` (None: a record of no point) is theirs to reach:
    /// what [`Access::review`]'s scope says, for a record already in hand.
    pub fn reaches_point(&self, point: Option<i64>) -> bool {
        match self {
            Access::Admin { .. } => true,
            Access::County { district, .. } => point.is_some_and(|p| district.points.contains(&p)),
            Access::Liaison { point: own, .. } => point == Some(own.id),
            Access::Informant { .. } => false,
        }
    }

    /// The codes their reach is limited to, for audit entries: (point, district).
    pub fn audit_codes(&self) -> (Option<&str>, Option<&str>) {
        (
            self.point().map(|p| p.code.as_str()),
            self.district().map(|d| d.code.as_str()),
        )
    }

    /// Who they are for the visibility of unpublished consultations.
    pub fn viewer(&self) -> Viewer {
        match self {
            Access::Admin { .. } => Viewer::Admin,
            Access::Liaison { person, point } => Viewer::Liaison {
                user: *person,
                point: point.id,
            },
            Access::County { .. } | Access::Informant { .. } => Viewer::Public,
        }
    }

    /// Whether a consultation concerns them: every one for an admin, those that
    /// reach their district's points (county staff) or their point for the others.
    pub fn concerns(&self, c: &Consultation) -> bool {
        match self {
            Access::Admin { .. } => true,
            Access::County { district, .. } => district.points.iter().any(|p| c.reaches(*p)),
            Access::Liaison { point, .. } | Access::Informant { point, .. } => c.reaches(point.id),
        }
    }

    /// Who they record offline opinions as: every staff member may, for their own
    /// point (an admin for any point, the opinion then belonging to none), as in chat.
    /// County staff file each record under one of their district's points, which they
    /// choose: see [`Access::recorder_at`]; this is their recorder before choosing.
    pub fn recorder(&self) -> Recorder {
        Recorder {
            user: self.person(),
            point: self.point().map(|p| p.id),
        }
    }

    /// Whether they choose the point a record is filed under (county staff, among
    /// their district's points) rather than having one (a liaison, an informant) or
    /// none (an admin).
    pub fn chooses_point(&self) -> bool {
        matches!(self, Access::County { .. })
    }

    /// Who they record as with `point` chosen: county staff for one of their district's
    /// points (None for another district's point, or none: "not found" on both
    /// channels); everyone else as [`Access::recorder`], whatever was chosen.
    pub fn recorder_at(&self, point: Option<i64>) -> Option<Recorder> {
        match self {
            Access::County { district, .. } => {
                let point = point.filter(|p| district.points.contains(p))?;
                Some(Recorder {
                    user: self.person(),
                    point: Some(point),
                })
            }
            _ => Some(self.recorder()),
        }
    }

    /// Whether they may read this opinion: in their review scope.
    pub fn may_read(&self, o: &Opinion) -> bool {
        self.review().is_some() && self.reaches_point(o.point_id)
    }

    /// Which resident groups they see (chat's `/groups`): their review scope (an
    /// admin's takes in the groups linked to no point yet); informants none.
    pub fn groups(&self) -> Option<review::Scope> {
        self.review()
    }

    /// Whether they may remove a group's link (chat's `/unlink`): an admin any
    /// group's, county staff their district's, a liaison their own point's.
    pub fn may_unlink(&self, g: &Group) -> bool {
        g.point_id.is_some() && self.review().is_some() && self.reaches_point(g.point_id)
    }

    /// Whether they may link a group to any point, or move it to another (chat's
    /// `/link CODE`): admins only. A liaison links their groups by adding the bot or
    /// sending `/link` in the group, where Telegram proves they are in it.
    pub fn may_link_any(&self) -> bool {
        matches!(self, Access::Admin { .. })
    }

    /// Whether they may link group `g` to contact point `point` (or move it there):
    /// an admin any group to any point; county staff to one of their district's
    /// points a group not linked yet or linked to another of their points; a liaison
    /// to their own point a group not linked yet. (Whether they see an unlinked group
    /// at all is the channel's: chat's `/link` is sent in the group itself.)
    pub fn may_link(&self, g: &Group, point: i64) -> bool {
        match self {
            Access::Admin { .. } => true,
            Access::County { .. } => {
                self.reaches_point(Some(point))
                    && (g.point_id.is_none() || self.reaches_point(g.point_id))
            }
            Access::Liaison { point: own, .. } => {
                point == own.id && g.point_id.is_none_or(|p| p == own.id)
            }
            Access::Informant { .. } => false,
        }
    }

    /// Whether they may give `role` at the point `point_code` (None: no point), as
    /// `/invite` and `/staff add` allow: an admin any role anywhere; county staff
    /// liaisons and informants of their district's points ([`Access::may_assign_at`]
    /// with the point's id); a liaison only informants of their own point. The shape
    /// (an admin has no point) is [`crate::roles::Assignment::bound`]'s to check.
    pub fn may_assign(&self, role: Role, point_code: Option<&str>) -> bool {
        match self {
            Access::Admin { .. } => true,
            // Needs the point's id: see may_assign_at.
            Access::County { .. } => false,
            Access::Liaison { point, .. } => {
                role == Role::Informant && point_code == Some(point.code.as_str())
            }
            Access::Informant { .. } => false,
        }
    }

    /// [`Access::may_assign`] for a point already looked up (`point`: its id and
    /// code), which county staff need: liaisons and informants of their points.
    pub fn may_assign_at(&self, role: Role, point: Option<(i64, &str)>) -> bool {
        match self {
            Access::County { .. } => {
                matches!(role, Role::Liaison | Role::Informant)
                    && point.is_some_and(|(id, _)| self.reaches_point(Some(id)))
            }
            _ => self.may_assign(role, point.map(|(_, code)| code)),
        }
    }

    /// Whether they may take away (or replace) the role `r`: an admin anyone's but
    /// their own, county staff their district's liaisons and informants, a liaison
    /// their own point's informants. Nobody removes their own role from the
    /// console: the page they act on would end with it.
    pub fn manages(&self, r: &RoleRecord) -> bool {
        if r.telegram_id == self.person() {
            return false;
        }
        match self {
            Access::Admin { .. } => true,
            Access::County { .. } => {
                matches!(r.role, Role::Liaison | Role::Informant)
                    && self.reaches_point(r.point.as_ref().map(|p| p.id))
            }
            Access::Liaison { point, .. } => {
                r.role == Role::Informant && r.point.as_ref().is_some_and(|p| p.id == point.id)
            }
            Access::Informant { .. } => false,
        }
    }

    /// Whether they may give person `person`, whose role now is `current`, a role:
    /// a person without a role, or one whose role they manage ([`Access::manages`]),
    /// so that a liaison cannot turn an admin or another point's liaison into an
    /// informant by typing their id.
    pub fn may_grant_to(&self, person: UserId, current: Option<&RoleRecord>) -> bool {
        person != self.person() && current.is_none_or(|r| self.manages(r))
    }

    /// Where they may announce an open consultation again (chat's `/announce`, the
    /// console's 「重新通知居民群」): every group in the consultation's scope (admin),
    /// their district's points' groups (county staff) or their own point's (liaison)
    /// when the consultation reaches them; otherwise None.
    pub fn announce_to(&self, c: &Consultation) -> Option<review::Scope> {
        if c.state != State::Open || !self.concerns(c) {
            return None;
        }
        match self {
            Access::Informant { .. } => None,
            _ => self.review(),
        }
    }

    /// Whether they may manage the FAQ (edit and add entries, answer or set aside
    /// logged questions): admins, as in chat.
    pub fn edits_faq(&self) -> bool {
        matches!(self, Access::Admin { .. })
    }

    /// Which logged questions they see (chat's `/unanswered`): every one (admin);
    /// a liaison their point's and those asked where no point is known. The FAQ is
    /// the city's: county staff have none.
    pub fn unanswered(&self) -> Option<crate::faq::UnansweredScope> {
        match self {
            Access::Admin { .. } => Some(crate::faq::UnansweredScope::All),
            Access::Liaison { point, .. } => Some(crate::faq::UnansweredScope::Point(point.id)),
            Access::County { .. } | Access::Informant { .. } => None,
        }
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
            district: None,
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

    #[test]
    fn a_liaison_manages_only_their_own_points_informants() {
        let admin = Access::Admin { person: 1 };
        let liaison = Access::of(&role(Role::Liaison, Some(2))).unwrap();
        let informant_here = RoleRecord {
            telegram_id: 10,
            ..role(Role::Informant, Some(2))
        };
        let informant_there = RoleRecord {
            telegram_id: 11,
            ..role(Role::Informant, Some(3))
        };
        let other_liaison = RoleRecord {
            telegram_id: 12,
            ..role(Role::Liaison, Some(3))
        };
        assert!(liaison.may_assign(Role::Informant, Some("p2")));
        assert!(!liaison.may_assign(Role::Informant, Some("p3")));
        assert!(!liaison.may_assign(Role::Liaison, Some("p2")));
        assert!(admin.may_assign(Role::Liaison, Some("p3")));
        assert!(liaison.manages(&informant_here));
        assert!(!liaison.manages(&informant_there));
        assert!(!liaison.manages(&other_liaison));
        assert!(admin.manages(&other_liaison));
        assert!(liaison.may_grant_to(20, None));
        assert!(!liaison.may_grant_to(12, Some(&other_liaison)));
        assert!(
            !admin.may_grant_to(1, None),
            "nobody changes their own role here"
        );
        let own = RoleRecord {
            telegram_id: 1,
            ..role(Role::Admin, None)
        };
        assert!(!admin.manages(&own));
    }

    #[test]
    fn county_staff_reach_their_districts_points_only() {
        let county = Access::of(&RoleRecord {
            telegram_id: 9,
            district: Some(DistrictRef {
                id: 1,
                code: "pudong".into(),
                name: "浦东新区".into(),
                points: vec![2, 3],
            }),
            ..role(Role::County, None)
        })
        .unwrap();
        assert_eq!(county.review(), Some(review::Scope::District(1)));
        assert!(county.reaches_point(Some(2)) && county.reaches_point(Some(3)));
        assert!(!county.reaches_point(Some(4)) && !county.reaches_point(None));
        assert!(!county.is_city() && !county.edits_faq() && county.unanswered().is_none());
        assert_eq!(county.audit_codes(), (None, Some("pudong")));
        assert!(county.may_assign_at(Role::Liaison, Some((2, "p2"))));
        assert!(!county.may_assign_at(Role::Liaison, Some((4, "p4"))));
        assert!(!county.may_assign_at(Role::County, None));
        assert!(!county.may_assign_at(Role::Admin, None));
        let liaison_here = RoleRecord {
            telegram_id: 10,
            ..role(Role::Liaison, Some(3))
        };
        let liaison_there = RoleRecord {
            telegram_id: 11,
            ..role(Role::Liaison, Some(4))
        };
        assert!(county.manages(&liaison_here));
        assert!(!county.manages(&liaison_there));
        // Groups: moved among their points, not taken from or given to another district.
        let group = |point_id: Option<i64>| Group {
            chat_id: -100,
            title: "群".into(),
            kind: "group".into(),
            active: true,
            point_id,
            point_code: None,
            point_name: None,
            linked_by: None,
            linked_at: None,
            added_at: Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap(),
            migrated_from: None,
            can_pin: None,
        };
        assert!(county.may_link(&group(Some(2)), 3) && county.may_link(&group(None), 2));
        assert!(
            !county.may_link(&group(Some(4)), 2),
            "another district's group"
        );
        assert!(
            !county.may_link(&group(Some(2)), 4),
            "another district's point"
        );
        let liaison = Access::of(&role(Role::Liaison, Some(2))).unwrap();
        assert!(liaison.may_link(&group(None), 2) && !liaison.may_link(&group(Some(3)), 2));
        // A county role whose district is missing gives nothing.
        assert!(Access::of(&role(Role::County, None)).is_none());
        // The one scope, as SQL: a district's points by a subquery on its id.
        let scope = review::Scope::District(1);
        assert_eq!(scope.param(), Some(1));
        assert!(scope.clause("o.point_id", 2).contains("district_id = $2"));
        assert!(scope.covers(Some(2), Some(1)) && !scope.covers(Some(2), Some(5)));
        assert!(!scope.covers(None, None));
    }
}
