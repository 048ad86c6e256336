//! People as the bot knows them before any opinion: a Telegram id and the language
//! they chose. Nothing else is stored until they consent (see DESIGN, personal data).

use std::{fmt, str::FromStr};

use chrono::{DateTime, Utc};

use sqlx::{FromRow, types::Json};

use crate::{
    Db, Error, UserId,
    db::on_pool,
    dialogues::Current,
    error::Field,
    roles::{JOINED_COLUMNS, JOINS, JoinedRole, RoleRecord},
};

/// The two languages every message exists in. zh-CN is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag used for the locale files.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Maps a Telegram `language_code` (`zh-hans`, `zh-TW`, `en-US` …) by prefix;
    /// anything else has no locale of its own and gets the default.
    pub fn from_language_code(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Locale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Locale::from_language_code(s).ok_or(Error::Invalid(Field::Locale))
    }
}

pub struct People<'a>(&'a Db);

impl Db {
    pub fn people(&self) -> People<'_> {
        People(self)
    }
}

impl People<'_> {
    /// Remembers the language a person chose with /lang.
    pub async fn set_locale(
        &self,
        user: UserId,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO people (telegram_id, locale, created_at, updated_at)
             VALUES ($1, $2, $3, $3)
             ON CONFLICT (telegram_id) DO UPDATE SET locale = excluded.locale,
                 updated_at = excluded.updated_at",
        )
        .bind(user)
        .bind(locale.tag())
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Keeps the language a submitter's Telegram app uses, unless they chose one with
    /// /lang: feedback on their opinion reaches them weeks later, when the update that
    /// carried their language is long gone.
    pub async fn remember_locale(
        &self,
        user: UserId,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO people (telegram_id, locale, created_at, updated_at)
             VALUES ($1, $2, $3, $3)
             ON CONFLICT (telegram_id) DO UPDATE SET
                 locale = COALESCE(people.locale, excluded.locale)",
        )
        .bind(user)
        .bind(locale.tag())
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// What handling any update of a person needs first — their role, the language they
    /// chose, and their private dialogue (where it stands, and the last update it applied,
    /// to recognise a replay) — in one round trip, since it is paid on nearly every step.
    pub async fn profile(&self, user: UserId) -> Result<Profile, Error> {
        // Starts from the id itself, so a resident with no row anywhere still gets one.
        let sql = format!(
            "SELECT pe.locale, d.kind AS dialogue_kind, d.state AS dialogue_state,
                d.last_update_id, d.updated_at AS dialogue_updated_at, {JOINED_COLUMNS}
            FROM (SELECT CAST($1 AS BIGINT) AS id) me
            LEFT JOIN people pe ON pe.telegram_id = me.id
            LEFT JOIN dialogues d ON d.chat_id = me.id
            LEFT JOIN roles r ON r.telegram_id = me.id
            {JOINS}"
        );
        let row: ProfileRow = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(user)
            .fetch_one(pool)
            .await?);
        let dialogue = match (
            row.dialogue_kind,
            row.dialogue_state,
            row.dialogue_updated_at,
        ) {
            (Some(kind), Some(Json(state)), Some(updated_at)) => Some(Current {
                kind,
                state,
                last_update_id: row.last_update_id,
                updated_at,
            }),
            _ => None,
        };
        Ok(Profile {
            role: row.role.record()?,
            locale: row.locale.as_deref().and_then(Locale::from_language_code),
            dialogue,
        })
    }

    /// The language the person chose, if they chose one.
    pub async fn locale(&self, user: UserId) -> Result<Option<Locale>, Error> {
        let tag: Option<Option<String>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT locale FROM people WHERE telegram_id = $1"
        )
        .bind(user)
        .fetch_optional(pool)
        .await?);
        Ok(tag.flatten().and_then(|t| Locale::from_language_code(&t)))
    }
}

/// See [`People::profile`].
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub role: Option<RoleRecord>,
    /// The language chosen with /lang, if any.
    pub locale: Option<Locale>,
    /// The person's private dialogue, if they are in one.
    pub dialogue: Option<Current>,
}

impl Profile {
    /// The last update applied to the person's private dialogue, if one is open.
    pub fn last_update(&self) -> Option<i64> {
        self.dialogue.as_ref().and_then(|d| d.last_update_id)
    }
}

/// A role row under LEFT JOINs, with the language and the dialogue.
#[derive(FromRow)]
struct ProfileRow {
    locale: Option<String>,
    dialogue_kind: Option<String>,
    dialogue_state: Option<Json<serde_json::Value>>,
    last_update_id: Option<i64>,
    dialogue_updated_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    role: JoinedRole,
}
