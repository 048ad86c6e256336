//! Telegram Mini App sign-in: the pages opened from the bot's 「阅读草案」 button inside
//! Telegram receive `initData` from the Telegram client, signed with the bot's token.
//! An opinion given there carries the Telegram user id taken from it, so the outcome
//! reaches the person in chat — but only after the signature is checked exactly as
//! Telegram's Mini App documentation specifies ("Validating data received via the
//! Mini App"):
//!
//! - the data-check-string is every received field except `hash`, sorted by key,
//!   as `key=value` lines joined by `\n` (values URL-decoded);
//! - secret_key = HMAC-SHA256(key = "WebAppData", message = bot token);
//! - hash = hex(HMAC-SHA256(key = secret_key, message = data-check-string)).
//!
//! `auth_date` must be recent ([`MAX_AGE`]): a copied `initData` is refused after
//! that. The web crate never links the Telegram library; the token comes in its
//! settings, and is never logged.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The policy of Mini App pages: the site's own and nothing from elsewhere — one
/// script of its own (`miniapp.js`, which passes Telegram's sign-in to the forms) and
/// no inline script — except that Telegram's web clients (web.telegram.org, versions K and A) may frame
/// them. Only these pages: anywhere else framing stays forbidden (clickjacking).
pub const CSP: &str = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://web.telegram.org";

/// Whether a request is for a Mini App page: the bot's web_app button opens pages with
/// `tg=1` in the query.
pub fn requested(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        url::form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "tg" && v == "1")
    })
}

/// The longest `initData` accepted (Telegram's are a few hundred bytes).
pub const MAX_LEN: usize = 4096;

/// How old `initData` may be: long enough to read a draft and write an opinion in
/// one sitting, short enough that a leaked copy is soon useless.
pub const MAX_AGE: chrono::Duration = chrono::Duration::hours(24);

/// How far in the future `auth_date` may be (clocks differ a little).
const SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// The bot's token, kept only to check signatures; never printed.
#[derive(Clone)]
pub struct BotToken(String);

impl BotToken {
    pub fn new(token: &str) -> BotToken {
        BotToken(token.to_owned())
    }
}

impl std::fmt::Debug for BotToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BotToken(…)")
    }
}

/// The person Telegram vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiniAppUser {
    pub id: i64,
    pub language_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InitDataError {
    #[error("initData is empty, too long or not a query string")]
    Malformed,
    #[error("initData has no valid hash")]
    NoHash,
    #[error("initData's signature does not match")]
    Forged,
    #[error("initData is too old (or from the future)")]
    Stale,
    #[error("initData names no user")]
    NoUser,
}

/// Checks `init_data` against `bot_token` at `now`; the user it names if it holds.
pub fn verify(
    init_data: &str,
    bot_token: &BotToken,
    now: DateTime<Utc>,
) -> Result<MiniAppUser, InitDataError> {
    let bot_token = bot_token.0.as_str();
    if init_data.is_empty() || init_data.len() > MAX_LEN {
        return Err(InitDataError::Malformed);
    }
    let mut fields: Vec<(String, String)> = url::form_urlencoded::parse(init_data.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let hash_at = fields
        .iter()
        .position(|(k, _)| k == "hash")
        .ok_or(InitDataError::NoHash)?;
    let (_, hash) = fields.remove(hash_at);
    let expected = decode_hex(&hash).ok_or(InitDataError::NoHash)?;
    if fields.iter().any(|(k, _)| k == "hash") {
        return Err(InitDataError::Malformed);
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let check = fields
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let secret_key = hmac_sha256(b"WebAppData", bot_token.as_bytes());
    let mut mac = HmacSha256::new_from_slice(&secret_key).map_err(|_| InitDataError::Forged)?;
    mac.update(check.as_bytes());
    // Constant time: the comparison must not tell a forger how close they came.
    mac.verify_slice(&expected)
        .map_err(|_| InitDataError::Forged)?;

    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let auth_date = field("auth_date")
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
        .ok_or(InitDataError::Stale)?;
    if now - auth_date > MAX_AGE || auth_date - now > SKEW {
        return Err(InitDataError::Stale);
    }
    let user: serde_json::Value = field("user")
        .and_then(|u| serde_json::from_str(u).ok())
        .ok_or(InitDataError::NoUser)?;
    let id = user["id"]
        .as_i64()
        .filter(|id| *id > 0)
        .ok_or(InitDataError::NoUser)?;
    Ok(MiniAppUser {
        id,
        language_code: user["language_code"]
            .as_str()
            .map(|s| s.chars().take(16).collect()),
    })
}

/// HMAC-SHA256 of `message` under `key` (HMAC takes keys of any length, so this
/// cannot fail; an empty result would only make a signature not match).
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    match HmacSha256::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Signs `fields` as Telegram would: for tests, which play the Telegram client.
pub fn sign(fields: &[(&str, &str)], bot_token: &BotToken) -> String {
    let mut sorted: Vec<(&str, &str)> = fields.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let check = sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let key = hmac_sha256(b"WebAppData", bot_token.0.as_bytes());
    let hash: String = hmac_sha256(&key, check.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        out.append_pair(k, v);
    }
    out.append_pair("hash", &hash);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    /// Signed independently (Python's hmac, following Telegram's documentation), so a
    /// mistake made alike in [`sign`] and [`verify`] cannot pass.
    const SIGNED: &str = "auth_date=1764900000&query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%7D&hash=4447968adc3f6dc99dc368d3020257db6cc1f1c240e1d2559b701b2a7412ebeb";

    fn token() -> BotToken {
        BotToken::new(TOKEN)
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn telegram_signed_data_is_accepted() {
        let user = verify(SIGNED, &token(), at(1_764_900_000 + 600)).unwrap();
        assert_eq!(user.id, 279_058_397);
        assert_eq!(user.language_code.as_deref(), Some("ru"));
        // Fields in any order: the data-check-string sorts them.
        let reordered = sign(
            &[("user", r#"{"id":7}"#), ("auth_date", "1764900000")],
            &token(),
        );
        assert_eq!(
            verify(&reordered, &token(), at(1_764_900_000)).unwrap().id,
            7
        );
    }

    #[test]
    fn stale_data_is_refused() {
        let later = at(1_764_900_000) + MAX_AGE + chrono::Duration::seconds(1);
        assert_eq!(verify(SIGNED, &token(), later), Err(InitDataError::Stale));
        let before = at(1_764_900_000) - chrono::Duration::hours(1);
        assert_eq!(verify(SIGNED, &token(), before), Err(InitDataError::Stale));
    }

    #[test]
    fn forged_data_is_refused() {
        let now = at(1_764_900_000);
        // Another user id with the old hash.
        let tampered = SIGNED.replace("279058397", "279058398");
        assert_eq!(verify(&tampered, &token(), now), Err(InitDataError::Forged));
        // Signed with another bot's token.
        assert_eq!(
            verify(SIGNED, &BotToken::new("654321:other"), now),
            Err(InitDataError::Forged)
        );
        // No hash, a short one, two of them.
        let unsigned = SIGNED.split("&hash=").next().unwrap();
        assert_eq!(verify(unsigned, &token(), now), Err(InitDataError::NoHash));
        assert_eq!(
            verify(&format!("{unsigned}&hash=abcd"), &token(), now),
            Err(InitDataError::NoHash)
        );
        assert_eq!(
            verify(&format!("{SIGNED}&hash=00"), &token(), now),
            Err(InitDataError::Malformed)
        );
        assert_eq!(verify("", &token(), now), Err(InitDataError::Malformed));
        assert_eq!(
            verify(&"a".repeat(MAX_LEN + 1), &token(), now),
            Err(InitDataError::Malformed)
        );
        // Signed, but naming nobody.
        let nobody = sign(&[("auth_date", "1764900000")], &token());
        assert_eq!(verify(&nobody, &token(), now), Err(InitDataError::NoUser));
    }
}
