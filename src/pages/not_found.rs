use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::LangSwitch;
use crate::i18n::{t, t_string, use_i18n};

/// Any other path.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=move || t_string!(i18n, not_found.title)/>
        <main class="card">
            <LangSwitch/>
            <h1>{t!(i18n, not_found.title)}</h1>
            <p><a href="/reset">{t!(i18n, not_found.link)}</a></p>
        </main>
    }
}
