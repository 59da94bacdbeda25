//! The language of answers made outside Leptos, and of `lang` values that travel with a step.
//! Pages themselves choose theirs in `components::lang` (leptos_i18n reads `Accept-Language`).

use http::header::ACCEPT_LANGUAGE;
use http::HeaderMap;

use crate::i18n::{I18nLocaleTrait, Locale};

/// `lang` as one of our languages (`en`, `zh-CN`, …), exactly as a URL should carry it.
pub fn known(lang: &str) -> Option<&'static str> {
    lang.parse::<Locale>().ok().map(|locale| locale.as_str())
}

/// The language for a request: `lang` if we speak it, else the first of `Accept-Language`
/// (by quality) we speak, exactly (`zh-CN`, `zh-Hans-CN`) or by its language alone (`zh`,
/// `zh-Hans`, `en-GB`), else English.
pub fn locale_of(headers: &HeaderMap, lang: Option<&str>) -> Locale {
    if let Some(locale) = lang.and_then(|l| l.parse::<Locale>().ok()) {
        return locale;
    }
    let accepted = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(accept_language::parse)
        .unwrap_or_default();
    accepted
        .iter()
        .find_map(|tag| {
            // `zh-Hans-CN` is language `zh`, region `CN` (the script is left aside).
            let parts: Vec<String> = tag.split(['-', '_']).map(str::to_ascii_lowercase).collect();
            let language = parts.first()?.clone();
            let region = parts.iter().skip(1).find(|p| p.len() == 2);
            let wanted = match region {
                Some(region) => format!("{language}-{region}"),
                None => language.clone(),
            };
            let ours = || Locale::get_all().iter().copied();
            ours()
                .find(|l| l.as_str().eq_ignore_ascii_case(&wanted))
                .or_else(|| ours().find(|l| l.as_str().split('-').next() == Some(&language)))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, accept.parse().unwrap());
        headers
    }

    #[test]
    fn lang_wins_then_accept_language_then_english() {
        assert_eq!(locale_of(&headers("en"), Some("zh-CN")), Locale::zh_CN);
        assert_eq!(
            locale_of(&headers("zh-CN,zh;q=0.9,en;q=0.8"), None),
            Locale::zh_CN
        );
        for accept in ["zh", "zh-Hans", "zh-Hans-CN", "zh-cn", "de;q=0.9,zh;q=0.8"] {
            assert_eq!(locale_of(&headers(accept), None), Locale::zh_CN, "{accept}");
        }
        assert_eq!(locale_of(&headers("en-GB,zh;q=0.5"), None), Locale::en);
        assert_eq!(locale_of(&headers("fr-FR,en;q=0.5"), None), Locale::en);
        assert_eq!(locale_of(&headers("de"), Some("klingon")), Locale::en);
        assert_eq!(locale_of(&HeaderMap::new(), None), Locale::en);
    }

    #[test]
    fn only_our_languages_travel() {
        assert_eq!(known("zh-CN"), Some("zh-CN"));
        assert_eq!(known("en"), Some("en"));
        assert_eq!(known("en\"><script>"), None);
        assert_eq!(known(""), None);
    }
}
