//! What protects every answer: the cross-site check on form posts, and the security headers
//! (Content-Security-Policy with the page's nonce, framing, caching, referrer, HSTS).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use super::exchange::wants_html;
use super::state::AppState;
use crate::flow::ResetError;

/// What the security headers and the cross-site check need to know.
#[derive(Clone, Debug)]
pub struct Security {
    /// The public origin (`RESET_PUBLIC_URL`'s, else the listen address'), for `Origin` checks.
    pub public_origin: String,
    /// The CSP `frame-ancestors` source list: the allowed origins, or `'none'`.
    pub frame_ancestors: String,
    /// Whether the page is served over https (HSTS, secure cookies).
    pub https: bool,
    /// Where images may come from besides here: the logo's origin, if one is set.
    pub logo_origin: Option<String>,
}

impl Security {
    /// The Content-Security-Policy: scripts only from here or carrying this response's nonce,
    /// WASM compilation allowed, nothing inline without the nonce, framing as configured.
    pub fn csp(&self, nonce: Option<&str>) -> String {
        let scripts = match nonce {
            Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
            None => "'self' 'wasm-unsafe-eval'".to_string(),
        };
        let images = match &self.logo_origin {
            Some(origin) => format!("'self' data: {origin}"),
            None => "'self' data:".to_string(),
        };
        format!(
            "default-src 'self'; script-src {scripts}; style-src 'self'; img-src {images}; \
             connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; \
             object-src 'none'; frame-ancestors {}",
            self.frame_ancestors
        )
    }
}

/// Whether a form post may be believed: `Sec-Fetch-Site: same-origin`, or, from a browser that
/// does not send it, an `Origin` equal to the public origin.
pub fn same_origin(headers: &HeaderMap, public_origin: &str) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match header("sec-fetch-site") {
        Some(site) => site == "same-origin",
        None => header("origin").is_some_and(|origin| origin == public_origin),
    }
}

/// Refuses posts to `/api/` that come from another origin: 403 with a page, or the error as
/// JSON for the WASM client.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_post = request.method() == Method::POST;
    if is_post
        && request.uri().path().starts_with("/api/")
        && !same_origin(request.headers(), &state.security.public_origin)
    {
        tracing::warn!(
            path = request.uri().path(),
            "refused a cross-site form post"
        );
        let html = wants_html(request.headers());
        let locale = super::lang::locale_of(request.headers(), None);
        return super::plain::error_answer(
            html,
            locale,
            &ResetError::CrossSite,
            super::plain::Refusal::CrossSite,
            "/reset",
        );
    }
    next.run(request).await
}

/// Adds the security headers to every answer. Pages rendered by Leptos already carry a CSP
/// with their nonce (see `app::shell`); every other answer gets the policy without one.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let static_file =
        request.uri().path().starts_with("/pkg/") || request.uri().path() == "/favicon.svg";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    // Built files keep their names from one release to the next, so they are revalidated
    // (ETag / Last-Modified) rather than cached blindly; pages and API answers are never stored.
    set(
        header::CACHE_CONTROL,
        if static_file { "no-cache" } else { "no-store" },
    );
    if state.security.https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    if !response
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        let csp = state.security.csp(None);
        if let Ok(value) = HeaderValue::from_str(&csp) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    const HERE: &str = "https://reset.example.com";

    #[test]
    fn same_origin_posts_pass() {
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            HERE
        ));
        assert!(same_origin(
            &headers(&[("origin", "https://reset.example.com")]),
            HERE
        ));
    }

    #[test]
    fn other_origins_are_refused() {
        for case in [
            headers(&[("sec-fetch-site", "cross-site")]),
            headers(&[("sec-fetch-site", "same-site")]),
            headers(&[("sec-fetch-site", "none")]),
            headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://reset.example.com"),
            ]),
            headers(&[("origin", "https://evil.example")]),
            headers(&[("origin", "null")]),
            headers(&[("origin", "https://reset.example.com.evil.example")]),
            headers(&[]),
        ] {
            assert!(!same_origin(&case, HERE), "{case:?}");
        }
    }

    #[test]
    fn the_policy_carries_the_nonce_and_the_frame_ancestors() {
        let security = Security {
            public_origin: HERE.into(),
            frame_ancestors: "https://app.example.com".into(),
            https: true,
            logo_origin: None,
        };
        let csp = security.csp(Some("abc123"));
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(csp.ends_with("frame-ancestors https://app.example.com"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!security.csp(None).contains("nonce"));
    }
}
