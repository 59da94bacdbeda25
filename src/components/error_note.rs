use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::flow::ResetError;

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

/// Where errors are announced: always present, read out when it changes.
#[component]
pub fn ErrorNote(#[prop(into)] error: Signal<Option<ResetError>>) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(error) = error.get() {
            super::post_error(&error.code());
        }
    });
    view! {
        <div id="form-error" class="error" role="alert" aria-live="assertive">
            {move || error.get().map(|e| view! { <p>{e.to_string()}</p> })}
        </div>
    }
}
