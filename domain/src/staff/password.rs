//! Staff passwords: which ones are accepted, and how they are kept.
//!
//! **The hash.** DESIGN asks for argon2id; no argon2 (nor scrypt or bcrypt) crate is
//! in the offline registry this project builds from, and a hand-written memory-hard
//! KDF would be unreviewed cryptography. So passwords are kept with the best KDF a
//! kept, audited library here offers: PBKDF2-HMAC-SHA256 from `ring` (already
//! linked by rustls), at [`ITERATIONS`] rounds — OWASP's current figure for this
//! KDF — with a 128-bit random salt per password, compared in constant time by
//! `ring::pbkdf2::verify`. The stored string names its algorithm and cost
//! (`$pbkdf2-sha256$i=600000$salt$hash`, base64 without padding), so a later build
//! with argon2id can verify old hashes and replace each at its owner's next login
//! ([`Verified::Rehash`]), as it already does when the round count is raised.
//!
//! **The policy** (NIST SP 800-63B): at least [`MIN_CHARS`] characters, at most
//! [`MAX_CHARS`] (a bound on hashing work), not one of the commonly leaked passwords
//! (a small list embedded in the binary), not a run of one or two characters or a
//! plain sequence, and not the account's own name. No rules about character classes.

use std::num::NonZeroU32;

use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};
use rand::RngCore;
use ring::pbkdf2;

/// Rounds of PBKDF2-HMAC-SHA256 for new hashes (OWASP Password Storage Cheat Sheet).
pub const ITERATIONS: u32 = 600_000;

/// Fewer rounds than this are never accepted from configuration: a floor for tests'
/// cheaper hashes, far above anything that would make a stolen hash easy.
pub const MIN_ITERATIONS: u32 = 10_000;

/// The shortest password accepted, in characters.
pub const MIN_CHARS: usize = 10;

/// The longest password accepted, in characters.
pub const MAX_CHARS: usize = 128;

const ALGORITHM: pbkdf2::Algorithm = pbkdf2::PBKDF2_HMAC_SHA256;
const PREFIX: &str = "$pbkdf2-sha256$i=";
const SALT_BYTES: usize = 16;
const HASH_BYTES: usize = 32;

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

/// The string kept for `password`: a fresh salt and `iterations` rounds.
pub fn hash(password: &str, iterations: u32) -> String {
    let rounds = NonZeroU32::new(iterations.max(MIN_ITERATIONS)).unwrap_or(NonZeroU32::MIN);
    let mut salt = [0u8; SALT_BYTES];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; HASH_BYTES];
    pbkdf2::derive(ALGORITHM, rounds, &salt, password.as_bytes(), &mut out);
    format!(
        "{PREFIX}{rounds}${}${}",
        STANDARD_NO_PAD.encode(salt),
        STANDARD_NO_PAD.encode(out)
    )
}

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// Right, and kept as strongly as this build would keep it.
    Yes,
    /// Right, but kept with fewer rounds than `iterations` (or another format this
    /// build reads): replace the stored hash now that the password is at hand.
    Rehash,
    /// Wrong, or the stored string is not one this build reads.
    No,
}

/// Checks `password` against `stored` (constant time in the hash comparison).
pub fn verify(password: &str, stored: &str, iterations: u32) -> Verified {
    let Some((rounds, salt, expected)) = parse(stored) else {
        return Verified::No;
    };
    match pbkdf2::verify(ALGORITHM, rounds, &salt, password.as_bytes(), &expected) {
        Ok(()) if rounds.get() < iterations.max(MIN_ITERATIONS) => Verified::Rehash,
        Ok(()) => Verified::Yes,
        Err(_) => Verified::No,
    }
}

/// Spends the time a real check would, for a name without an account (or without a
/// password yet), so that the answer's delay does not tell which names exist.
pub fn verify_nothing(password: &str, iterations: u32) {
    let rounds = NonZeroU32::new(iterations.max(MIN_ITERATIONS)).unwrap_or(NonZeroU32::MIN);
    let mut out = [0u8; HASH_BYTES];
    pbkdf2::derive(
        ALGORITHM,
        rounds,
        &[0u8; SALT_BYTES],
        password.as_bytes(),
        &mut out,
    );
}

/// [`hash`] on tokio's blocking threads: a tenth of a second of work must not hold
/// up the requests sharing this worker thread.
pub async fn hash_off_thread(password: &str, iterations: u32) -> String {
    let owned = password.to_owned();
    match tokio::task::spawn_blocking(move || hash(&owned, iterations)).await {
        Ok(h) => h,
        // Only when the runtime is shutting down: do it here instead.
        Err(_) => hash(password, iterations),
    }
}

/// [`verify`] (or [`verify_nothing`] when there is no stored hash) on tokio's
/// blocking threads.
pub async fn verify_off_thread(password: &str, stored: Option<&str>, iterations: u32) -> Verified {
    let owned = password.to_owned();
    let stored = stored.map(str::to_owned);
    let work = move || match stored {
        Some(s) => verify(&owned, &s, iterations),
        None => {
            verify_nothing(&owned, iterations);
            Verified::No
        }
    };
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or(Verified::No)
}

fn parse(stored: &str) -> Option<(NonZeroU32, Vec<u8>, Vec<u8>)> {
    let rest = stored.strip_prefix(PREFIX)?;
    let mut parts = rest.split('$');
    let rounds: NonZeroU32 = parts.next()?.parse().ok()?;
    let salt = STANDARD_NO_PAD.decode(parts.next()?).ok()?;
    let hash = STANDARD_NO_PAD.decode(parts.next()?).ok()?;
    if parts.next().is_some() || hash.len() != HASH_BYTES || salt.is_empty() {
        return None;
    }
    Some((rounds, salt, hash))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_hash_verifies_only_its_password_and_asks_for_more_rounds() {
        let stored = hash("correct horse battery", MIN_ITERATIONS);
        assert!(stored.starts_with("$pbkdf2-sha256$i=10000$"), "{stored}");
        assert_eq!(
            verify("correct horse battery", &stored, MIN_ITERATIONS),
            Verified::Yes
        );
        assert_eq!(
            verify("correct horse battery", &stored, MIN_ITERATIONS * 2),
            Verified::Rehash
        );
        assert_eq!(
            verify("Correct horse battery", &stored, MIN_ITERATIONS),
            Verified::No
        );
        assert_eq!(verify("x", "not a hash", MIN_ITERATIONS), Verified::No);
        // Two hashes of one password differ (their salts do).
        assert_ne!(stored, hash("correct horse battery", MIN_ITERATIONS));
    }

    #[test]
    fn pbkdf2_matches_the_published_test_vector() {
        // RFC 7914 §11 (PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64).
        let mut out = [0u8; 64];
        pbkdf2::derive(ALGORITHM, NonZeroU32::MIN, b"salt", b"passwd", &mut out);
        assert_eq!(
            crate::held::hex(&out[..16]),
            "55ac046e56e3089fec1691c22544b605"
        );
    }
}
