//! Answers made outside Leptos (refusals before a server function runs, a caught panic): a
//! small HTML page with one sentence and a way on, in the request's language, or the error as
//! JSON for the WASM client.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;

use crate::flow::ResetError;
use crate::i18n::{td_string, I18nLocaleTrait, Locale};

/// A minimal page in `locale`: a heading, the sentence (announced), and a link.
pub fn page(locale: Locale, title: &str, sentence: &str, href: &str, link: &str) -> Html<String> {
    let lang = locale.as_str();
    Html(format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main><h1>{title}</h1><p role=\"alert\">{sentence}</p><p><a href=\"{href}\">{link}</a></p></main></body></html>"
    ))
}

/// Why a form was refused, for a page's title.
#[derive(Clone, Copy)]
pub enum Refusal {
    CrossSite,
    TooLarge,
}

/// `error` with its status: as a page (in `locale`) linking back to `back` for a browser form
/// post, or as the server functions' JSON error for the WASM client.
pub fn error_answer(
    html: bool,
    locale: Locale,
    error: &ResetError,
    refusal: Refusal,
    back: &str,
) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    if html {
        let title = match refusal {
            Refusal::CrossSite => td_string!(locale, plain.refused),
            Refusal::TooLarge => td_string!(locale, plain.too_large),
        };
        let sentence = crate::text::error(error, locale);
        let link = td_string!(locale, plain.back);
        (status, page(locale, title, &sentence, back, link)).into_response()
    } else {
        let json = String::from_utf8_lossy(&error.ser()).into_owned();
        (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
    }
}

/// The page of a caught panic, which knows nothing of the request: in every language.
pub fn panic_page() -> Html<String> {
    let sentences: String = Locale::get_all()
        .iter()
        .map(|locale| {
            format!(
                "<section lang=\"{}\"><h1>{}</h1><p>{}</p><p><a href=\"/reset?lang={}\">{}</a></p></section>",
                locale.as_str(),
                td_string!(*locale, plain.error),
                crate::text::error(&ResetError::TryAgain, *locale),
                locale.as_str(),
                td_string!(*locale, not_found.link),
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main role=\"alert\">{sentences}</main></body></html>",
        td_string!(Locale::en, plain.error),
    ))
}
