//! Staff passwords: which ones are accepted, and how they are kept.
//!
//! **The hash** is argon2id (RFC 9106) from RustCrypto's `argon2`, at OWASP's first
//! configuration ([`Cost::DEFAULT`]: 19 MiB, two passes, one lane) with a 128-bit
//! random salt, kept as the standard PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`),
//! which names its own cost. A memory-hard function makes each guess at a stolen hash
//! cost memory as well as time, which is what graphics cards and ASICs lack.
//!
//! Builds before argon2 was available kept PBKDF2-HMAC-SHA256 strings
//! (`$pbkdf2-sha256$i=600000$salt$hash`). They are still read — checked with `ring`,
//! in constant time — and answered [`Verified::Rehash`], so each is replaced by an
//! argon2id hash at its owner's next login, as a hash with a cost below today's is.
//! No migration is needed and nobody has to reset a password.
//!
//! **The policy** (NIST SP 800-63B): at least [`MIN_CHARS`] characters, at most
//! [`MAX_CHARS`] (a bound on hashing work), not one of the commonly leaked passwords
//! (a small list embedded in the binary), not a run of one or two characters or a
//! plain sequence, and not the account's own name. No rules about character classes.

use std::num::NonZeroU32;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};
use rand::RngCore;
use ring::pbkdf2;

/// What hashing one new password costs: argon2id's memory and passes (one lane).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    memory_kib: u32,
    passes: u32,
}

impl Cost {
    /// OWASP Password Storage Cheat Sheet's first argon2id configuration.
    pub const DEFAULT: Cost = Cost {
        memory_kib: 19 * 1024,
        passes: 2,
    };

    /// Never less than this, whatever is asked: a floor for tests' cheaper hashes.
    pub const MIN: Cost = Cost {
        memory_kib: 1024,
        passes: 1,
    };

    /// A cost of `memory_kib` KiB and `passes` passes, raised to [`Cost::MIN`].
    pub fn new(memory_kib: u32, passes: u32) -> Cost {
        Cost {
            memory_kib: memory_kib.max(Cost::MIN.memory_kib),
            passes: passes.max(Cost::MIN.passes),
        }
    }

    fn hasher(self) -> Argon2<'static> {
        // [`Cost::new`] keeps both figures within what argon2 accepts.
        let params = Params::new(self.memory_kib, self.passes, 1, None).unwrap_or(Params::DEFAULT);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }
}

impl Default for Cost {
    fn default() -> Self {
        Cost::DEFAULT
    }
}

/// The shortest password accepted, in characters.
pub const MIN_CHARS: usize = 10;

/// The longest password accepted, in characters.
pub const MAX_CHARS: usize = 128;

const SALT_BYTES: usize = 16;

/// A stored argon2id hash asking for more memory than this (a damaged or planted
/// row) is refused rather than allowed to take the server's memory.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;

/// Earlier builds' PBKDF2-HMAC-SHA256 strings, read only to be replaced.
const PBKDF2: pbkdf2::Algorithm = pbkdf2::PBKDF2_HMAC_SHA256;
const PBKDF2_PREFIX: &str = "$pbkdf2-sha256$i=";
const MAX_PBKDF2_ROUNDS: u32 = 10_000_000;

/// The embedded list of common passwords (one a line, `#` starts a comment).
const COMMON: &str = include_str!("common_passwords.txt");

/// Why a new password was refused; each is one sentence on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    TooShort,
    TooLong,
    /// On the list of common passwords, or a run or sequence anyone would guess.
    Common,
    /// The account's own name (or the name with digits around it).
    Name,
}

/// Whether `password` may be set for the account `login`.
pub fn check(password: &str, login: &str) -> Result<(), Problem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(Problem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(Problem::TooLong);
    }
    let lower = password.to_lowercase();
    if is_common(&lower) || is_run(&lower) {
        return Err(Problem::Common);
    }
    let login = login.to_lowercase();
    if !login.is_empty()
        && lower
            .trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation())
            .eq(&login)
    {
        return Err(Problem::Name);
    }
    Ok(())
}

fn is_common(lower: &str) -> bool {
    COMMON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l == lower)
}

/// One or two distinct characters (`aaaaaaaaaa`, `1212121212`), or characters that
/// each follow the one before (`0123456789`, `abcdefghij`, `9876543210`).
fn is_run(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 2 {
        return true;
    }
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])))
        .collect();
    steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
}

/// The string kept for `password`: argon2id at `cost` with a fresh salt.
pub fn hash(password: &str, cost: Cost) -> Result<String, crate::Error> {
    let mut salt = [0u8; SALT_BYTES];
    rand::rng().fill_bytes(&mut salt);
    let failed = |e: argon2::password_hash::Error| crate::Error::PasswordHash(e.to_string());
    let salt = SaltString::encode_b64(&salt).map_err(failed)?;
    let hashed = cost
        .hasher()
        .hash_password(password.as_bytes(), &salt)
        .map_err(failed)?;
    Ok(hashed.to_string())
}

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// Right, and kept as strongly as this build would keep it.
    Yes,
    /// Right, but kept at a lower cost than asked (or in an earlier build's format this
    /// build reads): replace the stored hash now that the password is at hand.
    Rehash,
    /// Wrong, or the stored string is not one this build reads.
    No,
}

/// Checks `password` against `stored` (constant time in the hash comparison).
pub fn verify(password: &str, stored: &str, cost: Cost) -> Verified {
    if stored.starts_with(PBKDF2_PREFIX) {
        return match verify_pbkdf2(password, stored) {
            true => Verified::Rehash,
            false => Verified::No,
        };
    }
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verified::No;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return Verified::No;
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT || params.m_cost() > MAX_MEMORY_KIB {
        return Verified::No;
    }
    // The hash's own parameters, not `cost`, decide how it is checked.
    let checker = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    match checker.verify_password(password.as_bytes(), &parsed) {
        Ok(()) if params.m_cost() < cost.memory_kib || params.t_cost() < cost.passes => {
            Verified::Rehash
        }
        Ok(()) => Verified::Yes,
        Err(_) => Verified::No,
    }
}

/// Spends the time a real check would, for a name without an account (or without a
/// password yet), so that the answer's delay does not tell which names exist.
pub fn verify_nothing(password: &str, cost: Cost) {
    // Only the time matters; a failure to hash would show in the real check too.
    drop(hash(password, cost));
}

/// [`hash`] on tokio's blocking threads: a tenth of a second of work must not hold
/// up the requests sharing this worker thread.
pub async fn hash_off_thread(password: &str, cost: Cost) -> Result<String, crate::Error> {
    let owned = password.to_owned();
    match tokio::task::spawn_blocking(move || hash(&owned, cost)).await {
        Ok(h) => h,
        // Only when the runtime is shutting down: do it here instead.
        Err(_) => hash(password, cost),
    }
}

/// [`verify`] (or [`verify_nothing`] when there is no stored hash) on tokio's
/// blocking threads.
pub async fn verify_off_thread(password: &str, stored: Option<&str>, cost: Cost) -> Verified {
    let owned = password.to_owned();
    let stored = stored.map(str::to_owned);
    let work = move || match stored {
        Some(s) => verify(&owned, &s, cost),
        None => {
            verify_nothing(&owned, cost);
            Verified::No
        }
    };
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or(Verified::No)
}

/// Whether `password` matches a PBKDF2 string kept by an earlier build.
fn verify_pbkdf2(password: &str, stored: &str) -> bool {
    let Some(rest) = stored.strip_prefix(PBKDF2_PREFIX) else {
        return false;
    };
    let mut parts = rest.split('$');
    let (Some(rounds), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(rounds), Ok(salt), Ok(hash)) = (
        rounds.parse::<NonZeroU32>().ok(),
        STANDARD_NO_PAD.decode(salt),
        STANDARD_NO_PAD.decode(hash),
    ) else {
        return false;
    };
    rounds.get() <= MAX_PBKDF2_ROUNDS
        && !salt.is_empty()
        && pbkdf2::verify(PBKDF2, rounds, &salt, password.as_bytes(), &hash).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGACY_PASSWORD: &str = "虹桥联系点的第一个密码";
    const LEGACY_HASH: &str =
        "$pbkdf2-sha256$i=10000$Y29uc3VsdC1ib3Qtc2FsdA$CaURc2+1giSsXulM6ERCFPlENZNB0razUfsxkK41J2Q";

    #[test]
    fn the_policy_refuses_short_common_and_guessable_passwords() {
        assert_eq!(check("short", "wang"), Err(Problem::TooShort));
        assert_eq!(check("九个汉字也太短了吧", "wang"), Err(Problem::TooShort));
        assert_eq!(check(&"x".repeat(129), "wang"), Err(Problem::TooLong));
        assert_eq!(check("Woaini1314", "wang"), Err(Problem::Common));
        assert_eq!(check("1qaz2wsx3edc", "wang"), Err(Problem::Common));
        assert_eq!(check("aaaaaaaaaaaa", "wang"), Err(Problem::Common));
        assert_eq!(check("1212121212", "wang"), Err(Problem::Common));
        assert_eq!(check("abcdefghijk", "wang"), Err(Problem::Common));
        assert_eq!(check("9876543210", "wang"), Err(Problem::Common));
        assert_eq!(check("wangfang2026", "wangfang"), Err(Problem::Name));
        assert_eq!(check("correct horse battery", "wang"), Ok(()));
        assert_eq!(check("虹桥联系点的新密码", "wang"), Err(Problem::TooShort));
        assert_eq!(check("虹桥联系点的第一个密码", "wang"), Ok(()));
    }

    #[test]
    fn the_common_list_is_lower_case_and_long_enough_to_matter() {
        for line in COMMON.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line, line.to_lowercase(), "{line}");
            assert!(line.chars().count() >= MIN_CHARS, "{line}");
        }
    }

    #[test]
    fn a_hash_verifies_only_its_password_and_asks_for_a_higher_cost() {
        let stored = hash("correct horse battery", Cost::MIN).unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"),
            "{stored}"
        );
        assert_eq!(
            verify("correct horse battery", &stored, Cost::MIN),
            Verified::Yes
        );
        assert_eq!(
            verify("correct horse battery", &stored, Cost::new(2048, 1)),
            Verified::Rehash
        );
        assert_eq!(
            verify("correct horse battery", &stored, Cost::new(1024, 2)),
            Verified::Rehash
        );
        assert_eq!(
            verify("Correct horse battery", &stored, Cost::MIN),
            Verified::No
        );
        assert_eq!(verify("x", "not a hash", Cost::MIN), Verified::No);
        // Two hashes of one password differ (their salts do).
        assert_ne!(stored, hash("correct horse battery", Cost::MIN).unwrap());
        // The default is OWASP's configuration, named in the string it keeps.
        let strong = hash("correct horse battery", Cost::default()).unwrap();
        assert!(
            strong.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{strong}"
        );
    }

    #[test]
    fn other_argon2_variants_and_outlandish_costs_are_refused() {
        // argon2i and argon2d strings, and an argon2id string asking for 2 GiB, are
        // refused without being computed.
        let stored = hash("correct horse battery", Cost::MIN).unwrap();
        let argon2i = stored.replacen("$argon2id$", "$argon2i$", 1);
        assert_eq!(
            verify("correct horse battery", &argon2i, Cost::MIN),
            Verified::No
        );
        let huge = stored.replacen("m=1024", "m=2097152", 1);
        assert_eq!(
            verify("correct horse battery", &huge, Cost::MIN),
            Verified::No
        );
    }

    #[test]
    fn an_earlier_builds_pbkdf2_hash_is_read_and_asked_to_be_replaced() {
        // PBKDF2-HMAC-SHA256 of 虹桥联系点的第一个密码 with salt "consult-bot-salt",
        // 10 000 rounds, as the previous build kept it (Python's hashlib).
        assert_eq!(
            verify(LEGACY_PASSWORD, LEGACY_HASH, Cost::MIN),
            Verified::Rehash
        );
        assert_eq!(
            verify("虹桥联系点的第二个密码", LEGACY_HASH, Cost::MIN),
            Verified::No
        );
        let tampered = LEGACY_HASH.replacen("i=10000", "i=10001", 1);
        assert_eq!(verify(LEGACY_PASSWORD, &tampered, Cost::MIN), Verified::No);
    }

    #[test]
    fn pbkdf2_matches_the_published_test_vector() {
        // RFC 7914 §11 (PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64).
        let mut out = [0u8; 64];
        pbkdf2::derive(PBKDF2, NonZeroU32::MIN, b"salt", b"passwd", &mut out);
        assert_eq!(
            crate::held::hex(&out[..16]),
            "55ac046e56e3089fec1691c22544b605"
        );
    }
}
