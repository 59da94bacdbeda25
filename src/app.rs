//! The HTML shell and the routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::FollowLang;
use crate::i18n::I18nContextProvider;
use crate::pages::{CodePage, DonePage, EmailPage, NotFound, PasswordPage};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="same-origin"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                {address_script()}
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A page that answers a form post (see `server::inline`) stands at the post's address; should
/// its JavaScript start, it first puts the page's own address in the address bar, so the
/// client-side router sees the right page.
fn address_script() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let url = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::server::inline::InlinePage>()
                .cloned()
        })
        .map(|page| page.url);
    #[cfg(not(feature = "ssr"))]
    let url: Option<String> = None;
    url.map(|url| {
        // A JSON string, with `<` escaped so it cannot end the script element.
        let url = serde_json::to_string(&url)
            .unwrap_or_default()
            .replace('<', "\\u003c");
        let script = format!("history.replaceState(null,'',{url});");
        view! { <script nonce=leptos::nonce::use_nonce() inner_html=script></script> }
    })
}

/// Puts this response's Content-Security-Policy, with the nonce Leptos gives its inline
/// scripts, on the page being rendered.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use crate::server::state::AppState;
    let (Some(state), Some(response)) = (
        use_context::<AppState>(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let nonce = leptos::nonce::use_nonce();
    let policy = state.security.csp(nonce.as_deref());
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The wizard: three steps and a done page. Pages wait for their data before the first byte
/// (`SsrMode::Async`), so they are complete without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::pages::Progress::provide();
    // Effects run only in the browser: this marks a page the WASM client has taken over, for
    // the browser tests (and for styles that differ once hydrated).
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });
    view! {
        <I18nContextProvider>
        <Stylesheet id="leptos" href="/pkg/authing-reset.css"/>
        // The operator's accent colour, if set (an empty stylesheet otherwise).
        <Stylesheet id="brand" href="/brand.css"/>
        <Router>
            <FollowLang/>
            <Routes fallback=NotFound>
                <Route path=path!("/reset") view=EmailPage ssr=SsrMode::Async/>
                <Route path=path!("/reset/code") view=CodePage ssr=SsrMode::Async/>
                <Route path=path!("/reset/password") view=PasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset/done") view=DonePage ssr=SsrMode::Async/>
            </Routes>
        </Router>
        </I18nContextProvider>
    }
}
