use leptos::prelude::*;
use leptos_meta::Title;

/// Any other path.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <main class="card">
            <h1>"Page not found"</h1>
            <p><a href="/reset">"Reset your password"</a></p>
        </main>
    }
}
