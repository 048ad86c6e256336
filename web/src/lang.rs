//! Which language a page is in: an explicit `?lang=` switch (remembered in a cookie),
//! else the `lang` cookie, else the browser's Accept-Language, mapped by prefix as in
//! chat (`zh-TW` → zh-CN, `en-GB` → en); anything else gets the configured default.

use axum::http::{HeaderMap, header};
use consult_domain::people::Locale;

/// The cookie that remembers a language chosen on a page.
pub const COOKIE: &str = "lang";

/// The value of one cookie in the request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The `lang` parameter of a query string, if it names a language we have.
pub fn from_query(query: Option<&str>) -> Option<Locale> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Locale::from_language_code(v))
}

/// The first language of Accept-Language (by quality) that maps to one we have.
fn from_accept_language(headers: &HeaderMap) -> Option<Locale> {
    let raw = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut ranked: Vec<(f32, &str)> = raw
        .split(',')
        .take(20)
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    // A stable sort keeps the browser's order among equal qualities.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .filter(|(q, _)| *q > 0.0)
        .find_map(|(_, tag)| Locale::from_language_code(tag))
}

/// The page language for a request.
pub fn choose(query: Option<&str>, headers: &HeaderMap, default: Locale) -> Locale {
    from_query(query)
        .or_else(|| cookie(headers, COOKIE).and_then(Locale::from_language_code))
        .or_else(|| from_accept_language(headers))
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_switch_beats_the_cookie_which_beats_the_browser() {
        let h = headers(&[
            (header::ACCEPT_LANGUAGE, "en-US,en;q=0.9"),
            (header::COOKIE, "a=b; lang=zh-CN"),
        ]);
        assert_eq!(choose(Some("lang=en"), &h, Locale::ZhCn), Locale::En);
        assert_eq!(choose(None, &h, Locale::En), Locale::ZhCn);
        let h = headers(&[(header::ACCEPT_LANGUAGE, "fr-FR, en-GB;q=0.8, zh;q=0.9")]);
        assert_eq!(choose(None, &h, Locale::En), Locale::ZhCn);
        let h = headers(&[(header::ACCEPT_LANGUAGE, "zh-TW;q=0, en")]);
        assert_eq!(choose(None, &h, Locale::ZhCn), Locale::En);
        assert_eq!(choose(None, &HeaderMap::new(), Locale::En), Locale::En);
        assert_eq!(
            choose(Some("lang=fr"), &HeaderMap::new(), Locale::ZhCn),
            Locale::ZhCn
        );
    }
}
