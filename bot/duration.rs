//! Durations as configuration writes them (`90s`, `30m`, `12h`, `7d`; `250ms` for the
//! replicas' timers in tests), read by the configuration and the replicas alike.

use std::time::Duration;

use crate::AppError;

/// A duration written as a number and a unit: `90s`, `30m`, `12h`, `7d`.
pub fn parse_duration(raw: &str) -> Result<Duration, AppError> {
    let raw = raw.trim();
    let err = || AppError::Duration(raw.to_owned());
    let split = raw.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?;
    let (number, unit) = raw.split_at(split);
    let n: u64 = number.parse().map_err(|_| err())?;
    let seconds = match unit {
        "s" => n,
        "m" => n.checked_mul(60).ok_or_else(err)?,
        "h" => n.checked_mul(3600).ok_or_else(err)?,
        "d" => n.checked_mul(86_400).ok_or_else(err)?,
        _ => return Err(err()),
    };
    if seconds == 0 {
        return Err(err());
    }
    Ok(Duration::from_secs(seconds))
}

/// A duration for the coordination timers: anything [`parse_duration`] reads, or
/// milliseconds (`250ms`) so tests can fail over quickly.
pub fn parse_interval(raw: &str) -> Result<Duration, AppError> {
    let trimmed = raw.trim();
    if let Some(ms) = trimmed.strip_suffix("ms") {
        return match ms.parse::<u64>() {
            Ok(n) if n > 0 => Ok(Duration::from_millis(n)),
            _ => Err(AppError::Duration(raw.to_owned())),
        };
    }
    parse_duration(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_have_a_unit() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(
            parse_duration("7d").unwrap(),
            Duration::from_secs(7 * 86_400)
        );
        for bad in ["", "7", "d", "0h", "3w", "-1h", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn intervals_take_milliseconds_too() {
        assert_eq!(parse_interval("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_interval("3s").unwrap(), Duration::from_secs(3));
        for bad in ["0ms", "ms", "-5ms", "1.5s", ""] {
            assert!(parse_interval(bad).is_err(), "{bad:?}");
        }
    }
}
