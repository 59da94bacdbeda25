//! Request guards in front of Leptos: which page a person may open, and form posts that are
//! checked before a server function decodes them.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::percent_decode;
use url::form_urlencoded;

use super::exchange::{page_url, wants_html};
use super::state::AppState;
use crate::flow::rules::{page_access, Page, PageAccess};
use crate::flow::ResetError;
use crate::i18n::Locale;

/// Largest form body accepted on `/api/` (a real one is under 1 KiB).
pub const MAX_FORM_BYTES: usize = 8 * 1024;

/// Sends a person who may not see a page to where they may, with the reason.
pub async fn guard_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        let flow = state.cookies.open(request.headers(), super::now());
        let email_link = request
            .uri()
            .query()
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .any(|(k, v)| k == "email" && !v.trim().is_empty())
            })
            .unwrap_or(false);
        if let PageAccess::Redirect(to, error) =
            page_access(request.uri().path(), flow.as_ref(), email_link)
        {
            return Redirect::to(&format!("{to}?error={}", error.code())).into_response();
        }
    }
    next.run(request).await
}

/// The page a server function's form belongs to.
fn page_of(path: &str) -> Page {
    match path {
        "/api/reset/verify" | "/api/reset/resend" => Page::Code,
        "/api/reset/change" => Page::Password,
        _ => Page::Email,
    }
}

/// Reads a form post to `/api/` within [`MAX_FORM_BYTES`] and lets it through only if it is
/// urlencoded UTF-8 text without repeated fields, so a server function never sees a body it
/// cannot decode. Anything else gets a clear answer and leaves the progress untouched.
pub async fn guard_forms(request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let html = wants_html(&parts.headers);
    let page = page_of(parts.uri.path());
    let locale = super::lang::locale_of(&parts.headers, None);
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return refuse(html, locale, page, ResetError::TooLarge);
    };
    let urlencoded = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !urlencoded || !is_clean_form(&bytes) {
        return refuse(html, locale, page, ResetError::BadForm);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Whether a urlencoded body is text whose names and values decode to UTF-8, each name once.
pub fn is_clean_form(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    let mut names = Vec::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            percent_decode(s.replace('+', " ").as_bytes())
                .decode_utf8()
                .map(|d| d.into_owned())
        };
        let (Ok(name), Ok(_)) = (decode(name), decode(value)) else {
            return false;
        };
        if names.contains(&name) {
            return false;
        }
        names.push(name);
    }
    true
}

fn refuse(html: bool, locale: Locale, page: Page, error: ResetError) -> Response {
    if html && error != ResetError::TooLarge {
        return Redirect::to(&page_url(page, Some(&error), &[])).into_response();
    }
    let refusal = super::plain::Refusal::TooLarge;
    super::plain::error_answer(html, locale, &error, refusal, page.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_forms_are_clean() {
        assert!(is_clean_form(b"email=alice%40example.com&client_id="));
        assert!(is_clean_form(b"password=%E5%AF%86%E7%A0%81+x&confirm=a"));
        assert!(is_clean_form(b""));
    }

    #[test]
    fn broken_forms_are_not() {
        assert!(!is_clean_form(&[b'e', b'=', 0xff]));
        assert!(!is_clean_form(b"email=%ff%fe"));
        assert!(!is_clean_form(b"email=a&email=b"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_body_makes_the_form_check_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = is_clean_form(&body);
        }

        #[test]
        fn text_forms_are_judged_without_panicking(body in "[a-z=&%+0-9A-F\\u{80}-\\u{10FFFF}]{0,200}") {
            let _ = is_clean_form(body.as_bytes());
        }
    }
}
