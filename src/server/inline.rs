//! The answer to a form post where the progress cookie may not come back (inside a frame, or
//! once a form has brought the progress in its hidden field): the next page itself, rendered
//! with the progress in its forms, instead of a 303 that could carry the progress only in a URL.
//!
//! A step marks such an answer with [`PROGRESS_HEADER`] (the sealed progress) beside its
//! `Location`; this layer renders that page by sending the app a GET for it with the progress
//! as its cookie, and answers with the page plus the step's `Set-Cookie`. The marker never
//! leaves the server.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use http::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE, HOST, LOCATION, SET_COOKIE, USER_AGENT};
use http::{HeaderName, HeaderValue, StatusCode};
use tower::ServiceExt;

/// The internal header a step sets to have its next page rendered in place (value: the sealed
/// progress).
pub const PROGRESS_HEADER: HeaderName = HeaderName::from_static("x-reset-inline-progress");

/// Headers of the form post the page's own request keeps (language, framing, client address).
const KEPT: [HeaderName; 9] = [
    ACCEPT,
    ACCEPT_LANGUAGE,
    USER_AGENT,
    HOST,
    HeaderName::from_static("sec-fetch-dest"),
    HeaderName::from_static("sec-fetch-site"),
    HeaderName::from_static("sec-fetch-mode"),
    HeaderName::from_static("x-forwarded-for"),
    HeaderName::from_static("x-forwarded-proto"),
];

/// What the inline layer needs: the app to render pages with, and the cookie's name.
#[derive(Clone)]
pub struct InlineState {
    pub app: Router,
    pub cookie_name: &'static str,
}

/// Marks a page rendered as the answer to a form post; `url` is the page's own address, which
/// the page puts in the browser's address bar should its JavaScript start.
#[derive(Clone, Debug)]
pub struct InlinePage {
    pub url: String,
}

/// Renders the next page in place of a 303 when a step asked for it.
pub async fn inline_pages(
    State(inline): State<InlineState>,
    request: Request,
    next: Next,
) -> Response {
    let kept: Vec<(HeaderName, HeaderValue)> = KEPT
        .into_iter()
        .filter_map(|name| {
            let value = request.headers().get(&name)?.clone();
            Some((name, value))
        })
        .collect();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .cloned();
    let mut response = next.run(request).await;
    let Some(sealed) = response.headers_mut().remove(PROGRESS_HEADER) else {
        return response;
    };
    let Some(location) = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.starts_with('/'))
        .map(str::to_string)
    else {
        return response;
    };
    let Ok(sealed) = sealed.to_str() else {
        return response;
    };
    let Ok(cookie) = HeaderValue::from_str(&format!("{}={sealed}", inline.cookie_name)) else {
        return response;
    };
    let mut page = Request::new(Body::empty());
    *page.uri_mut() = match location.parse() {
        Ok(uri) => uri,
        Err(_) => return response,
    };
    page.headers_mut().extend(kept);
    page.headers_mut().insert(COOKIE, cookie);
    if let Some(peer) = peer {
        page.extensions_mut().insert(peer);
    }
    page.extensions_mut().insert(InlinePage { url: location });
    let Ok(rendered) = inline.app.oneshot(page).await;
    if rendered.status() != StatusCode::OK {
        // Should the page not render, the 303 is still a way on.
        return response;
    }
    let (mut parts, body) = rendered.into_parts();
    for cookie in response.headers().get_all(SET_COOKIE) {
        parts.headers.append(SET_COOKIE, cookie.clone());
    }
    Response::from_parts(parts, body)
}
