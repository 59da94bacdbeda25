//! Allowlists of origins, for `return_to` (`RESET_RETURN_TO`) and `parent_origin`
//! (`RESET_FRAME_ANCESTORS`): values are parsed as URLs and compared as origins (scheme, host,
//! port), so no spelling of another site can pass for an allowed one.

use url::Url;

/// A list of allowed origins.
#[derive(Debug, Clone, Default)]
pub struct OriginList(Vec<url::Origin>);

impl OriginList {
    /// A list from origins already checked by the configuration (`https://app.example.com`).
    pub fn new(origins: &[String]) -> Self {
        Self(
            origins
                .iter()
                .filter_map(|o| Url::parse(o).ok())
                .map(|u| u.origin())
                .collect(),
        )
    }

    /// An absolute http(s) URL on an allowed origin, written out normalised; anything else
    /// (other schemes, scheme-relative or relative URLs, user info, backslashes, spaces or
    /// control characters anywhere) is refused.
    pub fn check_url(&self, raw: &str) -> Option<String> {
        if raw.is_empty()
            || raw.len() > 2048
            || raw
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return None;
        }
        let url = Url::parse(raw).ok()?;
        let plain = matches!(url.scheme(), "http" | "https")
            && url.username().is_empty()
            && url.password().is_none()
            && url.host().is_some();
        (plain && self.0.contains(&url.origin())).then(|| url.to_string())
    }

    /// An allowed origin itself (no path, query or fragment), written out normalised.
    pub fn check_origin(&self, raw: &str) -> Option<String> {
        let url = Url::parse(&self.check_url(raw)?).ok()?;
        let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
        bare.then(|| url.origin().ascii_serialization())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> OriginList {
        OriginList::new(&[
            "https://allowed.example".into(),
            "http://localhost:8080".into(),
        ])
    }

    #[test]
    fn urls_on_allowed_origins_pass_normalised() {
        let list = list();
        assert_eq!(
            list.check_url("https://allowed.example/account?from=reset#top")
                .as_deref(),
            Some("https://allowed.example/account?from=reset#top")
        );
        assert_eq!(
            list.check_url("HTTPS://ALLOWED.EXAMPLE").as_deref(),
            Some("https://allowed.example/")
        );
        assert_eq!(
            list.check_url("https://allowed.example:443/x").as_deref(),
            Some("https://allowed.example/x")
        );
        assert_eq!(
            list.check_url("http://localhost:8080/").as_deref(),
            Some("http://localhost:8080/")
        );
    }

    #[test]
    fn hostile_return_to_values_are_refused() {
        let list = list();
        let hostile = [
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "javascript://allowed.example/%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example",
            "//allowed.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/reset",
            "allowed.example",
            "https://allowed.example@evil.example",
            "https://user:pass@allowed.example/",
            "https://allowed.example.evil.example",
            "https://allowed.example%2eevil.example",
            "https://evil.example/https://allowed.example",
            "https://evil.example?next=https://allowed.example",
            "https://evil.example#https://allowed.example",
            "https://allowed.example:8443/",
            "http://allowed.example/",
            "ftp://allowed.example/",
            "https://allowed.example\\@evil.example",
            "https://аllowed.example/",
            "https://allowed.example。evil.example/",
            "ｈｔｔｐｓ://allowed.example/",
            " https://allowed.example/",
            "https://allowed.example/ ",
            "https://allowed.example/\r\nSet-Cookie:x=1",
            "java\tscript:alert(1)",
            "https://allowed.example\u{0}.evil.example",
            "https://evil.example%40allowed.example",
            "http://localhost:8081/",
            "http://127.0.0.1:8080/",
            "",
        ];
        for raw in hostile {
            assert_eq!(list.check_url(raw), None, "{raw:?}");
        }
        assert_eq!(
            list.check_url(&format!("https://allowed.example/{}", "a".repeat(3000))),
            None
        );
    }

    #[test]
    fn an_empty_list_allows_nothing() {
        assert_eq!(
            OriginList::default().check_url("https://allowed.example/"),
            None
        );
    }

    #[test]
    fn parent_origins_must_be_bare_allowed_origins() {
        let list = list();
        assert_eq!(
            list.check_origin("https://allowed.example").as_deref(),
            Some("https://allowed.example")
        );
        assert_eq!(
            list.check_origin("http://localhost:8080/").as_deref(),
            Some("http://localhost:8080")
        );
        for raw in [
            "https://allowed.example/page",
            "https://allowed.example?x",
            "https://evil.example",
            "null",
            "*",
        ] {
            assert_eq!(list.check_origin(raw), None, "{raw:?}");
        }
    }
}
