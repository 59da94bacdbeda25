use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::flow::ResetError;
use crate::i18n::use_i18n;

/// The error a page shows: the last action's, else the one the no-JavaScript redirect put in
/// the query.
pub fn shown_error<T>(
    last: impl Fn() -> Option<Result<T, ResetError>> + Send + Sync + 'static,
) -> Signal<Option<ResetError>> {
    let query = use_query_map();
    Signal::derive(move || match last() {
        Some(Err(error)) => Some(error.clone()),
        Some(Ok(_)) => None,
        None => query
            .read()
            .get("error")
            .and_then(|code| ResetError::from_code(&code)),
    })
}

/// Where errors are announced: always present, read out when it changes. A password refused
/// as too easy to guess comes with the advice.
#[component]
pub fn ErrorNote(#[prop(into)] error: Signal<Option<ResetError>>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(error) = error.get() {
            super::post_error(&error.code());
            // Focus goes to the field the error is about, else to the error itself.
            focus_by_id(error.field().unwrap_or("form-error"));
        }
    });
    view! {
        <div id="form-error" class="error" role="alert" aria-live="assertive" tabindex="-1">
            {move || error.get().map(|e| {
                let locale = i18n.get_locale();
                let advice = match &e {
                    ResetError::PasswordTooWeak(advice) => Some(advice.clone()),
                    _ => None,
                };
                view! {
                    <p>{crate::text::error(&e, locale)}</p>
                    {advice.map(|advice| view! {
                        <ul class="advice">
                            {advice.warning.map(|w| view! { <li>{crate::text::warning(w, locale)}</li> })}
                            {advice.suggestions.iter().map(|s| view! { <li>{crate::text::suggestion(*s, locale)}</li> }).collect_view()}
                        </ul>
                    })}
                }
            })}
        </div>
    }
}

/// Moves the keyboard focus to the element with `id` (in the browser; nothing on the server).
fn focus_by_id(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
