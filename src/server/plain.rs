//! Answers made outside Leptos (refusals before a server function runs, a caught panic): a
//! small HTML page with one sentence and a way on, or the error as JSON for the WASM client.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;

use crate::flow::ResetError;

/// A minimal page: a heading, the sentence (announced), and a link.
pub fn page(title: &str, sentence: &str, href: &str, link: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main><h1>{title}</h1><p role=\"alert\">{sentence}</p><p><a href=\"{href}\">{link}</a></p></main></body></html>"
    ))
}

/// `error` with its status: as a page titled `title` linking back to `back` for a browser
/// form post, or as the server functions' JSON error for the WASM client.
pub fn error_answer(html: bool, error: &ResetError, title: &str, back: &str) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    if html {
        (status, page(title, &error.to_string(), back, "Back")).into_response()
    } else {
        let json = String::from_utf8_lossy(&error.ser()).into_owned();
        (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
    }
}
