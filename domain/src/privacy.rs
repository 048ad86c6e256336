//! A person's rights over their data (DESIGN, personal data): [`personal_data`] shows
//! everything stored about a Telegram user id, [`forget`] erases it everywhere in one
//! transaction. Opinions stay in the ledger, anonymised: the legislature still hears
//! what was said, but no longer by whom.
//!
//! What [`forget`] does, table by table:
//! - `people`, `dialogues`, `roles`, `liaison_digests`: the person's rows are deleted
//!   (a staff member who forgets themselves loses their role);
//! - `relay_reports` (社情民意): reporter id and name are cleared, the identity becomes
//!   anonymous, consent is withdrawn and the submission key replaced; the problem
//!   reported, its place, history and answer stay (the department still acts on it);
//! - `law_event_signups` (普法活动): the person's id and name are cleared; the seat and
//!   the check-in stay counted (the event reached someone);
//! - `opinions`: submitter id, name, organization, occupation and district are cleared,
//!   the identity becomes anonymous, consent to store details is withdrawn and the
//!   submission key (which may hold the user id) is replaced; text, stance, article,
//!   receipt, consultation, channel, status and the consent to quote stay;
//! - `inbox`: payloads of rows of their private chat, or of any chat that mention their
//!   id, are cleared — except rows still waiting to be handled, whose payload is cleared
//!   as soon as they are handled; the rows themselves stay so that a repeated
//!   `update_id` is still recognised;
//! - `audit_log`: entries they made or that are about them lose actor, subject and
//!   detail; one `person.forget` entry without identifying data records the erasure;
//! - `deliveries`: messages queued or sent to their private chat are deleted (except
//!   one being sent at this very moment);
//! - where they are named as the one who created, linked, invited, recorded or follows
//!   something (`consultations`, `consultation_versions`, `groups`, `invites`,
//!   `broadcasts`, `opinions.recorded_by`, `decisions`, `feedback`), the id is cleared;
//!   a released decision stays released, but no longer says to whom.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    opinions::{Identity, Status},
    people::Locale,
    roles::{Role, RoleRecord},
    values::UnknownCode,
};

/// The subject written over audit entries that named an erased person.
pub const ERASED: &str = "[erased]";

/// Everything stored about one Telegram user id.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalData {
    pub user: UserId,
    /// The `people` row: exists once they chose a language.
    pub profile: Option<Profile>,
    pub role: Option<RoleRecord>,
    pub dialogue: Option<DialogueInfo>,
    /// Their opinions, oldest first, with the personal details stored with each.
    pub opinions: Vec<OpinionData>,
    /// Their 社情民意 reports, oldest first.
    pub reports: Vec<crate::relay::Report>,
    /// Their sign-ups for 普法活动, with the events, the latest first.
    pub event_signups: Vec<(crate::events::Event, crate::events::Signup)>,
    /// Inbox rows that still hold a message from or about them and are not being
    /// handled right now (the request asking for this is).
    pub inbox_rows: i64,
    /// Audit entries they made or that are about them.
    pub audit_entries: i64,
    /// Messages queued or sent to their private chat by the broadcast worker.
    pub deliveries: i64,
    /// Records naming them as the one who created, linked, invited or recorded something.
    pub attributions: i64,
}

impl PersonalData {
    /// True when nothing at all is stored about them.
    pub fn is_empty(&self) -> bool {
        self.profile.is_none()
            && self.role.is_none()
            && self.dialogue.is_none()
            && self.opinions.is_empty()
            && self.reports.is_empty()
            && self.event_signups.is_empty()
            && self.inbox_rows == 0
            && self.audit_entries == 0
            && self.deliveries == 0
            && self.attributions == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// None when the stored tag is not one we know (it is shown as not set).
    pub locale: Option<Locale>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogueInfo {
    pub kind: String,
    pub updated_at: DateTime<Utc>,
}

/// One opinion as far as it concerns its submitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpinionData {
    pub receipt: String,
    pub consultation_id: i64,
    pub consultation_title: String,
    pub identity: Identity,
    pub submitter_name: Option<String>,
    pub organization: Option<String>,
    pub occupation: Option<String>,
    pub district: Option<String>,
    pub consent_details: bool,
    pub consent_quote: bool,
    pub consent_at: Option<DateTime<Utc>>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
}

/// [`OpinionData`] as stored, codes as text; converted once on read.
#[derive(FromRow)]
struct OpinionDataRow {
    receipt: String,
    consultation_id: i64,
    consultation_title: String,
    identity: String,
    submitter_name: Option<String>,
    organization: Option<String>,
    occupation: Option<String>,
    district: Option<String>,
    consent_details: bool,
    consent_quote: bool,
    consent_at: Option<DateTime<Utc>>,
    status: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<OpinionDataRow> for OpinionData {
    type Error = UnknownCode;

    fn try_from(r: OpinionDataRow) -> Result<Self, UnknownCode> {
        Ok(OpinionData {
            receipt: r.receipt,
            consultation_id: r.consultation_id,
            consultation_title: r.consultation_title,
            identity: r.identity.as_str().try_into()?,
            submitter_name: r.submitter_name,
            organization: r.organization,
            occupation: r.occupation,
            district: r.district,
            consent_details: r.consent_details,
            consent_quote: r.consent_quote,
            consent_at: r.consent_at,
            status: r.status.as_str().try_into()?,
            created_at: r.created_at,
        })
    }
}

/// What [`forget`] erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forgotten {
    /// The `people` row (their chosen language).
    pub profile: bool,
    /// The role they held, now deleted.
    pub role: Option<Role>,
    pub dialogue: bool,
    /// Opinions whose personal details were cleared (the opinions stay).
    pub opinions: u64,
    /// 社情民意 reports whose reporter was cleared (the reports stay).
    pub reports: u64,
    /// Sign-ups for 普法活动 whose person was cleared (the counts stay).
    pub event_signups: u64,
    pub inbox_rows: u64,
    pub audit_entries: u64,
    pub deliveries: u64,
    pub attributions: u64,
}

/// Inbox payloads are compact JSON (`serde_json::Value::to_string`): a user appears as
/// `"id":<id>` followed by `,` or `}`. `"message_id"` and `"update_id"` cannot match,
/// nor can a longer id that starts with the same digits.
fn payload_patterns(user: UserId) -> (String, String) {
    (format!("%\"id\":{user},%"), format!("%\"id\":{user}}}%"))
}

const INBOX_MENTIONS: &str =
    "payload IS NOT NULL AND (chat_key = $1 OR payload LIKE $2 OR payload LIKE $3)";

/// Where a user id names who created, linked, invited, recorded or follows something:
/// (table, the column counted, the SQL that clears it).
const ATTRIBUTIONS: [(&str, &str, &str); 11] = [
    (
        "law_events",
        "created_by = $1",
        "UPDATE law_events SET created_by = NULL WHERE created_by = $1",
    ),
    (
        "relay_events",
        "actor = $1",
        "UPDATE relay_events SET actor = NULL WHERE actor = $1",
    ),
    (
        "consultations",
        "created_by = $1",
        "UPDATE consultations SET created_by = NULL WHERE created_by = $1",
    ),
    (
        "consultation_versions",
        "created_by = $1",
        "UPDATE consultation_versions SET created_by = NULL WHERE created_by = $1",
    ),
    (
        "groups",
        "linked_by = $1",
        "UPDATE groups SET linked_by = NULL WHERE linked_by = $1",
    ),
    (
        "invites",
        "created_by = $1 OR redeemed_by = $1",
        "UPDATE invites SET
             created_by = CASE WHEN created_by = $1 THEN NULL ELSE created_by END,
             redeemed_by = CASE WHEN redeemed_by = $1 THEN NULL ELSE redeemed_by END
         WHERE created_by = $1 OR redeemed_by = $1",
    ),
    (
        "broadcasts",
        "created_by = $1 OR progress_chat = $1",
        "UPDATE broadcasts SET
             created_by = CASE WHEN created_by = $1 THEN NULL ELSE created_by END,
             progress_message_id = CASE WHEN progress_chat = $1 THEN NULL ELSE progress_message_id END,
             progress_chat = CASE WHEN progress_chat = $1 THEN NULL ELSE progress_chat END
         WHERE created_by = $1 OR progress_chat = $1",
    ),
    (
        "opinions",
        "recorded_by = $1 OR reviewed_by = $1",
        "UPDATE opinions SET
             recorded_by = CASE WHEN recorded_by = $1 THEN NULL ELSE recorded_by END,
             reviewed_by = CASE WHEN reviewed_by = $1 THEN NULL ELSE reviewed_by END
         WHERE recorded_by = $1 OR reviewed_by = $1",
    ),
    (
        "opinion_notes",
        "author = $1",
        "UPDATE opinion_notes SET author = NULL WHERE author = $1",
    ),
    (
        "decisions",
        "decided_by = $1",
        "UPDATE decisions SET decided_by = NULL WHERE decided_by = $1",
    ),
    // The release stays (the decision was told), but no longer says to whom.
    (
        "feedback",
        "chat_id = $1 OR released_by = $1",
        "UPDATE feedback SET
             chat_id = CASE WHEN chat_id = $1 THEN NULL ELSE chat_id END,
             released_by = CASE WHEN released_by = $1 THEN NULL ELSE released_by END
         WHERE chat_id = $1 OR released_by = $1",
    ),
];

/// Everything stored about `user`.
pub async fn personal_data(db: &Db, user: UserId) -> Result<PersonalData, Error> {
    let role = db.roles().of(user).await?;
    let reports = db.relay().of_reporter(user).await?;
    let event_signups = db.events().of_person(user).await?;
    let (like_a, like_b) = payload_patterns(user);
    let subject = user.to_string();
    let attribution_sql: Vec<String> = ATTRIBUTIONS
        .iter()
        .map(|(table, condition, _)| format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
        .collect();
    let inbox_sql =
        format!("SELECT COUNT(*) FROM inbox WHERE {INBOX_MENTIONS} AND state <> 'handling'");
    on_pool!(db, |pool| {
        let profile: Option<(Option<String>, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT locale, created_at, updated_at FROM people WHERE telegram_id = $1",
        )
        .bind(user)
        .fetch_optional(pool)
        .await?;
        let dialogue: Option<(String, DateTime<Utc>)> =
            sqlx::query_as("SELECT kind, updated_at FROM dialogues WHERE chat_id = $1")
                .bind(user)
                .fetch_optional(pool)
                .await?;
        let opinions: Vec<OpinionDataRow> = sqlx::query_as(
            "SELECT o.receipt, o.consultation_id, c.title AS consultation_title, o.identity,
                 o.submitter_name, o.organization, o.occupation, o.district, o.consent_details,
                 o.consent_quote, o.consent_at, o.status, o.created_at
             FROM opinions o JOIN consultations c ON c.id = o.consultation_id
             WHERE o.submitter_id = $1 ORDER BY o.id",
        )
        .bind(user)
        .fetch_all(pool)
        .await?;
        let inbox_rows: i64 = sqlx::query_scalar(&inbox_sql)
            .bind(user)
            .bind(&like_a)
            .bind(&like_b)
            .fetch_one(pool)
            .await?;
        let audit_entries: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE actor = $1 OR subject = $2")
                .bind(user)
                .bind(&subject)
                .fetch_one(pool)
                .await?;
        let deliveries: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE chat_id = $1")
                .bind(user)
                .fetch_one(pool)
                .await?;
        let mut attributions = 0;
        for sql in &attribution_sql {
            let n: i64 = sqlx::query_scalar(sql).bind(user).fetch_one(pool).await?;
            attributions += n;
        }
        Ok(PersonalData {
            user,
            profile: profile.map(|(locale, created_at, updated_at)| Profile {
                locale: locale.as_deref().and_then(Locale::from_language_code),
                created_at,
                updated_at,
            }),
            role,
            dialogue: dialogue.map(|(kind, updated_at)| DialogueInfo { kind, updated_at }),
            opinions: opinions
                .into_iter()
                .map(OpinionData::try_from)
                .collect::<Result<_, _>>()?,
            reports,
            event_signups,
            inbox_rows,
            audit_entries,
            deliveries,
            attributions,
        })
    })
}

/// Erases everything stored about `user` (see the module documentation for what that
/// means in each table), in one transaction, and records that an erasure happened
/// without saying whose. Forgetting someone already forgotten erases nothing more.
pub async fn forget(db: &Db, user: UserId, now: DateTime<Utc>) -> Result<Forgotten, Error> {
    let (like_a, like_b) = payload_patterns(user);
    let subject = user.to_string();
    let inbox_sql =
        format!("UPDATE inbox SET payload = NULL WHERE state <> 'pending' AND {INBOX_MENTIONS}");
    let entry = AuditEntry::new(Actor::Forgotten, "person.forget", ERASED);
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let profile = sqlx::query("DELETE FROM people WHERE telegram_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        let role: Option<String> =
            sqlx::query_scalar("DELETE FROM roles WHERE telegram_id = $1 RETURNING role")
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
        // Staff bookkeeping only: which opinions a liaison's digests already covered.
        sqlx::query("DELETE FROM liaison_digests WHERE telegram_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        let dialogue = sqlx::query("DELETE FROM dialogues WHERE chat_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        let opinions = sqlx::query(
            "UPDATE opinions SET submitter_id = NULL, submitter_name = NULL, organization = NULL,
                 occupation = NULL, district = NULL, identity = 'anonymous',
                 consent_details = FALSE, submission_key = 'forgotten:' || receipt
             WHERE submitter_id = $1",
        )
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let reports = sqlx::query(
            "UPDATE relay_reports SET reporter_id = NULL, reporter_name = NULL,
                 identity = 'anonymous', consent_details = FALSE, consent_at = NULL,
                 submission_key = 'forgotten:' || receipt
             WHERE reporter_id = $1",
        )
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let event_signups = sqlx::query(
            "UPDATE law_event_signups SET person_id = NULL, name = NULL, locale = NULL
             WHERE person_id = $1",
        )
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let inbox_rows = sqlx::query(&inbox_sql)
            .bind(user)
            .bind(&like_a)
            .bind(&like_b)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let audit_entries = sqlx::query(
            "UPDATE audit_log SET actor = NULL, subject = $2, detail = '{}',
                 actor_kind = CASE WHEN actor IS NULL THEN actor_kind ELSE 'forgotten' END
             WHERE actor = $1 OR subject = $3",
        )
        .bind(user)
        .bind(ERASED)
        .bind(&subject)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let deliveries =
            sqlx::query("DELETE FROM deliveries WHERE chat_id = $1 AND state <> 'sending'")
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        let mut attributions = 0;
        for (_, _, sql) in &ATTRIBUTIONS {
            attributions += sqlx::query(sql)
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        record!(&mut *tx, &entry, now);
        tx.commit().await?;
        Ok(Forgotten {
            profile,
            role: role.and_then(|r| r.parse().ok()),
            dialogue,
            opinions,
            reports,
            event_signups,
            inbox_rows,
            audit_entries,
            deliveries,
            attributions,
        })
    })
}
