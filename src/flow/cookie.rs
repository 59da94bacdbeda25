//! The progress cookie: a [`ResetFlow`] sealed with the cookie crate's private jar
//! (AES-256-GCM, the cookie's name bound in as associated data).

use axum_extra::extract::cookie::{Cookie, Key, SameSite};
use cookie::CookieJar;
use http::HeaderMap;

use super::progress::FLOW_LIFETIME_SECS;
use super::ResetFlow;

/// The first byte of every sealed payload; bump it when the layout changes.
const VERSION: char = '1';
/// Largest cookie value ever opened: a real one is a few hundred bytes.
const MAX_SEALED_LEN: usize = 2048;

/// Seals and opens the progress cookie under the current key, still opening the previous one.
#[derive(Clone)]
pub struct CookieCodec {
    current: Key,
    previous: Option<Key>,
    secure: bool,
}

impl CookieCodec {
    /// A codec issuing with `current`, also accepting `previous`; `secure` when served over https.
    pub fn new(current: Key, previous: Option<Key>, secure: bool) -> Self {
        Self {
            current,
            previous,
            secure,
        }
    }

    /// The cookie's name: `__Host-` prefixed when served over https, so no subdomain can set it.
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-authing_reset"
        } else {
            "authing_reset"
        }
    }

    /// The sealed text of a flow, as it goes into the cookie's value.
    pub fn seal_value(&self, flow: &ResetFlow) -> String {
        let payload = match serde_json::to_string(flow) {
            Ok(json) => format!("{VERSION}{json}"),
            // A flow is plain strings and numbers; serialising it cannot fail.
            Err(_) => String::new(),
        };
        let mut jar = CookieJar::new();
        jar.private_mut(&self.current)
            .add(Cookie::new(self.name(), payload));
        jar.get(self.name())
            .map(|c| c.value().to_string())
            .unwrap_or_default()
    }

    /// The `Set-Cookie` for a flow: `SameSite=Lax` at top level; inside a frame
    /// `SameSite=None; Secure; Partitioned` (CHIPS), which browsers that block third-party
    /// cookies still keep for the frame's own site under the embedding site.
    pub fn seal(&self, flow: &ResetFlow) -> Cookie<'static> {
        self.attributes(Cookie::new(self.name(), self.seal_value(flow)), flow.framed)
            .max_age(cookie::time::Duration::seconds(FLOW_LIFETIME_SECS as i64))
            .build()
    }

    /// The `Set-Cookie` that deletes the progress (a framed one lives in the frame's partition,
    /// so it is deleted there).
    pub fn removal(&self, framed: bool) -> Cookie<'static> {
        self.attributes(Cookie::new(self.name(), ""), framed)
            .max_age(cookie::time::Duration::ZERO)
            .build()
    }

    fn attributes(&self, cookie: Cookie<'static>, framed: bool) -> cookie::CookieBuilder<'static> {
        let builder = Cookie::build(cookie).path("/").http_only(true);
        if framed {
            builder
                .secure(true)
                .same_site(SameSite::None)
                .partitioned(true)
        } else {
            builder.secure(self.secure).same_site(SameSite::Lax)
        }
    }

    /// Opens a sealed value: `None` when it was tampered with, sealed under an unknown key,
    /// of another version, or expired at `now`.
    pub fn open_value(&self, sealed: &str, now: u64) -> Option<ResetFlow> {
        if sealed.is_empty() || sealed.len() > MAX_SEALED_LEN {
            return None;
        }
        let keys = std::iter::once(&self.current).chain(self.previous.as_ref());
        let payload = keys.into_iter().find_map(|key| {
            CookieJar::new()
                .private(key)
                .decrypt(Cookie::new(self.name(), sealed.to_string()))
        })?;
        let json = payload.value().strip_prefix(VERSION)?;
        let flow: ResetFlow = serde_json::from_str(json).ok()?;
        (!flow.is_expired(now)).then_some(flow)
    }

    /// The progress carried by a request's `Cookie` headers, if any opens.
    pub fn open(&self, headers: &HeaderMap, now: u64) -> Option<ResetFlow> {
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| Cookie::split_parse(value.to_string()))
            .filter_map(Result::ok)
            .filter(|cookie| cookie.name() == self.name())
            .find_map(|cookie| self.open_value(cookie.value(), now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codec() -> CookieCodec {
        CookieCodec::new(Key::from(&[7u8; 64]), None, false)
    }

    fn flow() -> ResetFlow {
        let mut flow = ResetFlow::code_sent("pool-1".into(), "alice@example.com".into(), 1_000, 60);
        flow.verified("123456".into());
        flow
    }

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::COOKIE, cookie.parse().unwrap());
        headers
    }

    #[test]
    fn a_sealed_flow_opens_to_itself() {
        let sealed = codec().seal_value(&flow());
        assert_eq!(codec().open_value(&sealed, 1_001), Some(flow()));
    }

    #[test]
    fn the_seal_hides_email_and_code() {
        let sealed = codec().seal_value(&flow());
        assert!(!sealed.contains("alice"));
        assert!(!sealed.contains("123456"));
    }

    #[test]
    fn a_flow_opens_from_request_headers_among_other_cookies() {
        let cookie = codec().seal(&flow());
        let header = format!("theme=dark; {}={}; x=1", cookie.name(), cookie.value());
        assert_eq!(codec().open(&headers(&header), 1_001), Some(flow()));
    }

    #[test]
    fn any_changed_byte_is_refused() {
        let sealed = codec().seal_value(&flow());
        for i in 0..sealed.len() {
            let mut bytes = sealed.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let tampered = String::from_utf8(bytes).unwrap();
            if tampered != sealed {
                assert_eq!(codec().open_value(&tampered, 1_001), None, "byte {i}");
            }
        }
    }

    #[test]
    fn random_and_oversized_values_are_refused() {
        for junk in [
            "",
            "x",
            "%%%",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "😀😀😀",
        ] {
            assert_eq!(codec().open_value(junk, 0), None);
        }
        assert_eq!(codec().open_value(&"A".repeat(10_000), 0), None);
        assert_eq!(
            codec().open(&headers("authing_reset=@@@; authing_reset="), 0),
            None
        );
    }

    #[test]
    fn an_expired_flow_is_no_flow() {
        let sealed = codec().seal_value(&flow());
        assert_eq!(
            codec().open_value(&sealed, 1_000 + FLOW_LIFETIME_SECS),
            None
        );
    }

    #[test]
    fn the_previous_key_is_accepted_but_never_issued() {
        let old = CookieCodec::new(Key::from(&[1u8; 64]), None, false);
        let rotated = CookieCodec::new(Key::from(&[2u8; 64]), Some(Key::from(&[1u8; 64])), false);
        let sealed_before = old.seal_value(&flow());
        assert_eq!(rotated.open_value(&sealed_before, 1_001), Some(flow()));
        let sealed_after = rotated.seal_value(&flow());
        assert_eq!(old.open_value(&sealed_after, 1_001), None);
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let other = CookieCodec::new(Key::from(&[9u8; 64]), None, false);
        let sealed = other.seal_value(&flow());
        assert_eq!(codec().open_value(&sealed, 1_001), None);
    }

    #[test]
    fn another_version_is_refused() {
        let mut jar = CookieJar::new();
        let json = serde_json::to_string(&flow()).unwrap();
        jar.private_mut(&Key::from(&[7u8; 64]))
            .add(Cookie::new("authing_reset", format!("2{json}")));
        let sealed = jar.get("authing_reset").unwrap().value().to_string();
        assert_eq!(codec().open_value(&sealed, 1_001), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_host_prefixed_over_https() {
        let plain = codec().seal(&flow()).to_string();
        assert!(
            plain.contains("HttpOnly")
                && plain.contains("SameSite=Lax")
                && plain.contains("Path=/")
        );
        assert!(!plain.contains("Secure"));
        let https = CookieCodec::new(Key::from(&[7u8; 64]), None, true)
            .seal(&flow())
            .to_string();
        assert!(https.starts_with("__Host-authing_reset=") && https.contains("Secure"));
        assert!(codec().removal(false).to_string().contains("Max-Age=0"));
    }

    #[test]
    fn a_framed_flow_gets_a_partitioned_cross_site_cookie() {
        let mut framed = flow();
        framed.framed = true;
        let cookie = codec().seal(&framed).to_string();
        assert!(
            cookie.contains("SameSite=None")
                && cookie.contains("Secure")
                && cookie.contains("Partitioned"),
            "{cookie}"
        );
        assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/"));
        let removal = codec().removal(true).to_string();
        assert!(
            removal.contains("Partitioned") && removal.contains("Max-Age=0"),
            "{removal}"
        );
        assert_eq!(
            codec().open_value(&codec().seal_value(&framed), 1_001),
            Some(framed)
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn codec() -> CookieCodec {
        CookieCodec::new(Key::from(&[5u8; 64]), Some(Key::from(&[6u8; 64])), false)
    }

    proptest! {
        #[test]
        fn no_text_makes_the_decoder_panic(text in ".{0,600}") {
            let _ = codec().open_value(&text, 0);
            let mut headers = HeaderMap::new();
            if let Ok(value) = http::HeaderValue::from_str(&format!("authing_reset={text}")) {
                headers.insert(http::header::COOKIE, value);
                let _ = codec().open(&headers, 0);
            }
        }

        #[test]
        fn a_sealed_flow_never_opens_after_a_single_byte_change(
            email in "[a-z]{1,20}@[a-z]{1,10}\\.com",
            position in any::<prop::sample::Index>(),
            byte in any::<u8>(),
        ) {
            let flow = ResetFlow::code_sent("pool".into(), email, 1_000, 60);
            let sealed = codec().seal_value(&flow);
            let mut bytes = sealed.clone().into_bytes();
            let i = position.index(bytes.len());
            prop_assume!(bytes[i] != byte);
            bytes[i] = byte;
            if let Ok(changed) = String::from_utf8(bytes) {
                prop_assert_eq!(codec().open_value(&changed, 1_001), None);
            }
        }
    }
}
