//! Opinions given on the web pages, where a resident has no account. What stands in
//! for one: a **status link** whose secret only the resident gets (the ledger keeps its
//! SHA-256, so neither a leaked database nor a liaison can hand it out), and keyed
//! hashes of the browser and the address it came from, for the hourly limits and the
//! "my opinions" page. The opinion itself is an ordinary row of the ledger, with
//! channel `web`, so review, decisions, exports and statistics count it like any other.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{COLUMNS, NewOpinion, Opinion, OpinionRow, Opinions, typed, typed_one};
use crate::{Db, Error, db::on_pool, held::HashKey};

/// The secret of a status link: 256 bits, URL-safe (43 characters). It is derived
/// from the submission's nonce under the deployment's key, so a replayed 「提交」
/// (the same nonce) leads to the same link, and any replica derives it alike.
#[derive(Clone, PartialEq, Eq)]
pub struct StatusToken(String);

impl std::fmt::Debug for StatusToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatusToken(…)")
    }
}

/// The length of a token as written in a link.
const TOKEN_LEN: usize = 43;

impl StatusToken {
    /// The token of the submission whose nonce is `nonce` (itself ≥ 128 random bits,
    /// made by [`nonce`]).
    pub fn derive(key: &HashKey, nonce: &str) -> StatusToken {
        StatusToken(URL_SAFE_NO_PAD.encode(key.tag("status", nonce.as_bytes())))
    }

    /// A token as found in a link; anything else is not one.
    pub fn parse(raw: &str) -> Option<StatusToken> {
        (raw.len() == TOKEN_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| StatusToken(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the ledger keeps (also for 社情民意 reports' status links).
    pub(crate) fn hash(&self) -> String {
        crate::held::hex(&Sha256::digest(self.0.as_bytes()))
    }
}

/// 128 random bits, URL-safe: a browser's id, or a submission's nonce.
pub fn nonce() -> String {
    let bytes: [u8; 16] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Where a web opinion came from, as keyed hashes: the browser (its cookie) and the
/// address. Never the values themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    browser: String,
    address: String,
}

impl Sender {
    pub(crate) fn browser(&self) -> &str {
        &self.browser
    }

    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    pub fn new(key: &HashKey, browser_id: &str, address: &str) -> Sender {
        Sender {
            browser: key.tag_hex("browser", browser_id.as_bytes()),
            address: key.tag_hex("address", address.as_bytes()),
        }
    }
}

/// How many opinions a sender gave since a time, by browser and by address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub browser: i64,
    pub address: i64,
}

impl Sent {
    /// Whether either count has reached `limit`.
    pub fn reached(self, limit: i64) -> bool {
        self.browser >= limit || self.address >= limit
    }
}

pub struct WebOpinions<'a>(&'a Db);

impl Db {
    pub fn web_opinions(&self) -> WebOpinions<'_> {
        WebOpinions(self)
    }
}

impl WebOpinions<'_> {
    /// Stores an opinion given on the web with its status link and sender, in one
    /// transaction. The same submission key again returns the opinion already stored.
    pub async fn submit(
        &self,
        new: &NewOpinion,
        token: &StatusToken,
        sender: &Sender,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let link = WebLink {
            token_hash: token.hash(),
            sender,
        };
        Opinions(self.0).store(new, Some(&link), None, now).await
    }

    /// The opinion a status link points at.
    pub async fn by_token(&self, token: &StatusToken) -> Result<Option<Opinion>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM opinions WHERE id =
                 (SELECT opinion_id FROM web_opinions WHERE token_hash = $1)"
        );
        let row: Option<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(token.hash())
            .fetch_optional(pool)
            .await?);
        typed_one(row)
    }

    /// Whether `token` is the status link of opinion `id`.
    pub(super) async fn owns(&self, id: i64, token: &StatusToken) -> Result<bool, Error> {
        let n: i64 = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM web_opinions WHERE opinion_id = $1 AND token_hash = $2"
        )
        .bind(id)
        .bind(token.hash())
        .fetch_one(pool)
        .await?);
        Ok(n > 0)
    }

    /// The opinions given from one browser, newest first.
    pub async fn of_browser(&self, sender: &Sender) -> Result<Vec<Opinion>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM opinions WHERE id IN
                 (SELECT opinion_id FROM web_opinions WHERE browser_hash = $1)
             ORDER BY id DESC LIMIT 200"
        );
        let rows: Vec<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(&sender.browser)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// How many opinions the sender's browser, and its address, gave since `since`.
    pub async fn sent_since(&self, sender: &Sender, since: DateTime<Utc>) -> Result<Sent, Error> {
        let (browser, address): (i64, i64) = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT
                 (SELECT COUNT(*) FROM web_opinions WHERE browser_hash = $1 AND created_at >= $3),
                 (SELECT COUNT(*) FROM web_opinions WHERE address_hash = $2 AND created_at >= $3)"
        )
        .bind(&sender.browser)
        .bind(&sender.address)
        .bind(since)
        .fetch_one(pool)
        .await?);
        Ok(Sent { browser, address })
    }

    /// An opinion with the same text on the same consultation from the same browser
    /// or address since `since`: sending it again is one opinion, not two.
    pub async fn same_text(
        &self,
        consultation: i64,
        body: &str,
        sender: &Sender,
        since: DateTime<Utc>,
    ) -> Result<Option<Opinion>, Error> {
        let sql = format!(
            // From the sender's own last hour (two index ranges), not the
            // consultation's whole ledger.
            "SELECT {COLUMNS} FROM opinions WHERE id IN
                 (SELECT opinion_id FROM web_opinions WHERE browser_hash = $3 AND created_at >= $5
                  UNION
                  SELECT opinion_id FROM web_opinions WHERE address_hash = $4 AND created_at >= $5)
             AND consultation_id = $1 AND body = $2
             ORDER BY id LIMIT 1"
        );
        let row: Option<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(consultation)
            .bind(body)
            .bind(&sender.browser)
            .bind(&sender.address)
            .bind(since)
            .fetch_optional(pool)
            .await?);
        typed_one(row)
    }
}

/// The web side of an opinion being stored (see [`Opinions::store`]).
pub(crate) struct WebLink<'a> {
    pub token_hash: String,
    pub sender: &'a Sender,
}

impl WebLink<'_> {
    pub fn browser(&self) -> &str {
        &self.sender.browser
    }

    pub fn address(&self) -> &str {
        &self.sender.address
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stable_per_nonce_and_parses_back() {
        let key = HashKey::new("k").unwrap();
        let a = StatusToken::derive(&key, "n1");
        assert_eq!(a, StatusToken::derive(&key, "n1"));
        assert_ne!(a, StatusToken::derive(&key, "n2"));
        assert_eq!(StatusToken::parse(a.as_str()), Some(a.clone()));
        assert_eq!(StatusToken::parse("short"), None);
        assert_eq!(StatusToken::parse(&"a".repeat(42).replace('a', "/")), None);
        assert_ne!(nonce(), nonce());
        assert_eq!(nonce().len(), 22);
    }
}
