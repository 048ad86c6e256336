//! The "ledger world" most feature tests start from: contact points, a liaison per
//! point, an admin, and an open consultation, made through the domain as an operator
//! would; plus the opinion template the tests fill in. Built here once so that each
//! test only states what is particular to it (its opinions, its people).

use chrono::{DateTime, Duration, Utc};
use consult_domain::{
    Actor,
    consultations::{Consultation, NewConsultation, Scope},
    draft,
    opinions::{Identity, NewOpinion, Stance},
    points::PointCode,
};

use super::{
    app::{ClockExt, TestApp},
    telegram::Person,
};

/// The title of the world's consultation.
pub const TITLE: &str = "某市养犬管理条例（草案）";

/// A small draft with three articles in two chapters.
pub const DRAFT: &str = "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n第二条【范围】本市行政区域内的养犬活动适用本条例。\n第二章 管理\n第三条 养犬人应当为犬只办理登记。\n";

/// The database id of the contact point `code`.
pub async fn point_id(app: &TestApp, code: &str) -> i64 {
    let code = PointCode::parse(code).expect("valid point code");
    app.db
        .points()
        .find(&code)
        .await
        .expect("find point")
        .expect("the point exists")
        .id
}

/// Creates and publishes a consultation on `draft_text` for `scope`, as the command
/// line would; returns it.
pub async fn publish(
    app: &TestApp,
    title: &str,
    draft_text: &str,
    scope: Scope,
    closes_at: DateTime<Utc>,
) -> Consultation {
    let now = app.clock.now_utc();
    let new = NewConsultation {
        title: title.into(),
        closes_at,
        scope,
        summary: None,
        source_url: None,
        occupations: vec![],
        draft: draft::parse(draft_text).expect("test draft parses"),
        source_name: "test".into(),
    };
    let consultations = app.db.consultations();
    let c = consultations
        .create(&new, Actor::CommandLine, now)
        .await
        .expect("create consultation");
    consultations
        .publish(c.id, Actor::CommandLine, now)
        .await
        .expect("publish consultation")
}

/// An anonymous, empty supporting opinion on `consultation` (version 1) through the
/// card at `point`: the template tests fill in with `..opinion(c, p)`.
pub fn opinion(consultation: i64, point: Option<i64>) -> NewOpinion {
    NewOpinion {
        submission_key: String::new(),
        consultation_id: consultation,
        version: 1,
        article: None,
        stance: Stance::Support,
        body: String::new(),
        proposed_wording: None,
        identity: Identity::Anonymous,
        submitter_id: None,
        submitter_name: None,
        organization: None,
        occupation: None,
        district: None,
        consent_details: false,
        consent_quote: false,
        channel: consult_domain::opinions::Channel::Card,
        source_chat: None,
        point_id: point,
        recorded_by: None,
    }
}

/// Submits the opinions now, in order; returns their ids.
pub async fn submit(app: &TestApp, opinions: &[NewOpinion]) -> Vec<i64> {
    let now = app.clock.now_utc();
    let mut ids = Vec::new();
    for o in opinions {
        ids.push(
            app.db
                .opinions()
                .submit(o, now)
                .await
                .expect("submit opinion")
                .id,
        );
    }
    ids
}

/// A contact point of the world and its liaison, if it has one.
pub struct Place {
    pub code: &'static str,
    pub id: i64,
    pub liaison: Option<Person>,
}

/// The contact points and the people who run them, before any consultation.
pub struct Places {
    pub admin: Option<Person>,
    pub places: Vec<Place>,
}

impl Places {
    /// The database id of point `code`.
    pub fn id(&self, code: &str) -> i64 {
        self.place(code).id
    }

    /// The liaison of point `code`.
    pub fn liaison(&self, code: &str) -> &Person {
        self.place(code)
            .liaison
            .as_ref()
            .unwrap_or_else(|| panic!("{code} has a liaison"))
    }

    /// The admin.
    pub fn admin(&self) -> &Person {
        self.admin.as_ref().expect("the world has an admin")
    }

    fn place(&self, code: &str) -> &Place {
        self.places
            .iter()
            .find(|p| p.code == code)
            .unwrap_or_else(|| panic!("no point {code} in the world"))
    }
}

/// The places and people, and an open consultation for them.
pub struct World {
    pub places: Places,
    pub consultation: Consultation,
}

impl World {
    /// The database id of point `code`.
    pub fn point(&self, code: &str) -> i64 {
        self.places.id(code)
    }

    /// The liaison of point `code`.
    pub fn liaison(&self, code: &str) -> &Person {
        self.places.liaison(code)
    }

    /// The admin.
    pub fn admin(&self) -> &Person {
        self.places.admin()
    }

    /// The consultation's id.
    pub fn id(&self) -> i64 {
        self.consultation.id
    }

    /// The [`opinion`] template on the world's consultation at point `code`.
    pub fn opinion(&self, code: &str) -> NewOpinion {
        opinion(self.consultation.id, Some(self.point(code)))
    }
}

/// Describes a world; [`WorldBuilder::places`] or [`WorldBuilder::open`] makes it.
pub struct WorldBuilder<'a> {
    app: &'a TestApp,
    admin: Option<&'static str>,
    points: Vec<(&'static str, &'static str, Option<&'static str>)>,
    draft: &'static str,
    days: i64,
    scope: Option<Vec<&'static str>>,
}

/// A world with an admin named 管理员 and, until [`WorldBuilder::point`] is called, no
/// points; its consultation is [`TITLE`] on [`DRAFT`], for all points, closing in 10
/// days.
pub fn world(app: &TestApp) -> WorldBuilder<'_> {
    WorldBuilder {
        app,
        admin: Some("管理员"),
        points: vec![],
        draft: DRAFT,
        days: 10,
        scope: None,
    }
}

impl<'a> WorldBuilder<'a> {
    /// Adds a contact point.
    pub fn point(mut self, code: &'static str, name: &'static str) -> Self {
        self.points.push((code, name, None));
        self
    }

    /// Gives the point added last a liaison with this name.
    pub fn liaison(mut self, name: &'static str) -> Self {
        let last = self.points.last_mut().expect("a point before its liaison");
        last.2 = Some(name);
        self
    }

    /// No admin in this world.
    pub fn no_admin(mut self) -> Self {
        self.admin = None;
        self
    }

    /// The consultation's draft.
    pub fn draft(mut self, text: &'static str) -> Self {
        self.draft = text;
        self
    }

    /// The consultation closes in `days` days.
    pub fn days(mut self, days: i64) -> Self {
        self.days = days;
        self
    }

    /// The consultation is for these points only.
    pub fn scoped(mut self, codes: &[&'static str]) -> Self {
        self.scope = Some(codes.to_vec());
        self
    }

    /// Adds the points, then the people (admin first, then the liaisons in the order
    /// of their points) with their roles granted.
    pub async fn places(&self) -> Places {
        let app = self.app;
        for (code, name, _) in &self.points {
            app.point(code, name).await;
        }
        let admin = self.admin.map(|name| app.tg.person(name));
        let mut places = Vec::new();
        for (code, _, liaison) in &self.points {
            places.push(Place {
                code,
                id: point_id(app, code).await,
                liaison: liaison.map(|name| app.tg.person(name)),
            });
        }
        if let Some(admin) = &admin {
            app.grant(admin.id, "admin", None).await;
        }
        for p in &places {
            if let Some(l) = &p.liaison {
                app.grant(l.id, "liaison", Some(p.code)).await;
            }
        }
        Places { admin, places }
    }

    /// The [`WorldBuilder::places`] and the consultation, published now.
    pub async fn open(self) -> World {
        let places = self.places().await;
        let consultation = self.consultation(&places).await;
        World {
            places,
            consultation,
        }
    }

    /// Publishes this world's consultation for `places` (made earlier by
    /// [`WorldBuilder::places`], when something must happen in between).
    pub async fn consultation(&self, places: &Places) -> Consultation {
        let scope = match &self.scope {
            None => Scope::All,
            Some(codes) => Scope::Points(codes.iter().map(|c| places.id(c)).collect()),
        };
        let closes_at = self.app.clock.now_utc() + Duration::days(self.days);
        publish(self.app, TITLE, self.draft, scope, closes_at).await
    }
}

/// A web staff account added as an operator would (`consult-bot staff add NAME --role
/// ROLE --point POINT`, or `--district DISTRICT` for county staff, given as `point`):
/// its person id, and its one-time password link under `base`.
pub async fn staff_account(
    app: &TestApp,
    base: &url::Url,
    name: &str,
    role: &str,
    point: Option<&str>,
) -> (i64, url::Url) {
    use consult_domain::{
        roles::{Assignment, Role},
        staff::{LoginName, Purpose, links},
    };
    let role: Role = role.parse().expect("role");
    // County staff name their district where the others name their point.
    let assignment = if role == Role::County {
        let district = point
            .map(|d| consult_domain::districts::DistrictCode::parse(d).expect("district code"));
        Assignment::bound(role, None, district).expect("assignment")
    } else {
        let point = point.map(|p| PointCode::parse(p).expect("code"));
        Assignment::new(role, point).expect("assignment")
    };
    let added = app
        .db
        .staff()
        .add(
            &LoginName::parse(name).expect("name"),
            &assignment,
            None,
            Actor::CommandLine,
            app.clock.now_utc(),
            Duration::days(7),
        )
        .await
        .expect("add staff");
    let link = links::url(base, Purpose::Password, &added.code);
    (added.account.person, link)
}

/// The events' teller as the tests' bot has it: Chinese, Shanghai time, no web
/// address; for events made in the domain directly.
pub fn teller() -> consult_domain::events::Teller<'static> {
    static LOCALES: std::sync::OnceLock<consult_domain::i18n::Locales> = std::sync::OnceLock::new();
    consult_domain::events::Teller {
        locales: LOCALES.get_or_init(|| consult_domain::i18n::Locales::load().unwrap()),
        default_locale: consult_domain::people::Locale::ZhCn,
        timezone: chrono_tz::Asia::Shanghai,
        web_url: None,
    }
}
