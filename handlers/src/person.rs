//! Who is talking to the bot: their language and their role, read fresh from storage
//! on every update so that a revoked role stops working at once, and in the same
//! statement the dialogue they are in (read by `dialogue::route::load`).

use consult_domain::{
    access::Access,
    dialogues::Current,
    people::Locale,
    roles::{Role, RoleRecord},
    visibility::Viewer,
};
use teloxide::types::User;

use crate::{Deps, HandlerError, html, i18n::locale};

pub struct Person {
    pub id: i64,
    /// First name, HTML-escaped, for greetings.
    pub name: String,
    pub locale: Locale,
    pub role: Option<RoleRecord>,
    /// The last update applied to their private dialogue, when this one arrived.
    pub last_update: Option<i64>,
}

impl Person {
    /// Who is talking, for an update that has nothing to do with their dialogue.
    pub async fn load(deps: &Deps, user: &User) -> Result<Self, HandlerError> {
        Ok(Self::fetch(deps, user).await?.0)
    }

    /// The person, and their dialogue as stored (its state read only when asked for).
    pub(crate) async fn fetch(
        deps: &Deps,
        user: &User,
    ) -> Result<(Self, Option<Current>), HandlerError> {
        let id = user.id.0 as i64;
        let profile = deps.db.people().profile(id).await?;
        let who = Self {
            id,
            name: html::escape(&user.first_name),
            locale: locale::resolve(deps, user, profile.locale),
            last_update: profile.last_update(),
            role: profile.role,
        };
        Ok((who, profile.dialogue))
    }

    pub fn role(&self) -> Option<Role> {
        self.role.as_ref().map(|r| r.role)
    }

    /// What their role lets them reach (the rule the web console shares).
    pub fn access(&self) -> Option<Access> {
        self.role.as_ref().and_then(Access::of)
    }

    /// Who they are when it comes to seeing unpublished consultations.
    pub fn viewer(&self) -> Viewer {
        Viewer::of(self.role.as_ref())
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// The contact point a liaison acts for.
    pub fn liaison_point(&self) -> Option<i64> {
        match &self.role {
            Some(RoleRecord {
                role: Role::Liaison,
                point: Some(p),
                ..
            }) => Some(p.id),
            _ => None,
        }
    }

    /// The name of what their reach is limited to, escaped, for messages: their
    /// contact point's, or a county staff member's district's.
    pub fn point_name(&self) -> String {
        let role = self.role.as_ref();
        role.and_then(|r| r.point.as_ref())
            .map(|p| html::escape(&p.name))
            .or_else(|| {
                role.and_then(|r| r.district.as_ref())
                    .map(|d| html::escape(&d.name))
            })
            .unwrap_or_default()
    }
}
