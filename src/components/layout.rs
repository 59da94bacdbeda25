use leptos::prelude::*;
use leptos_meta::Title;

use super::{LangSwitch, ParentMessages, ParentOrigin};
use crate::flow::FlowView;
use crate::i18n::{t, t_string, use_i18n, Locale};

/// Set just before the browser goes to another step, so the next page moves focus to its
/// heading (a page loaded whole keeps the browser's own focus).
static STEPPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Marks that the next page comes from a step (see [`Layout`]).
pub fn stepped() {
    STEPPED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// A page of the wizard: the demo banner, the brand, a card with the language switch, the step
/// and the heading (also the page's title).
#[component]
pub fn Layout(
    /// What the page knows of the flow (demo mode, brand, embedding page).
    flow: FlowView,
    /// The page's heading in a language. A function of the language rather than a signal of
    /// the page: the title is read after the page's own reactive values are gone.
    title: fn(Locale) -> &'static str,
    /// The step, 1 to 3, if the page is one.
    #[prop(optional)]
    step: Option<u8>,
    /// The page's name for the embedding page: `email`, `code`, `password` or `done`.
    name: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(ParentOrigin(flow.parent_origin.clone()));
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        // Runs again once the heading is in the page.
        if let Some(heading) = heading.get() {
            if STEPPED.swap(false, std::sync::atomic::Ordering::Relaxed) {
                // On the next frame: the page may be built before it is in the document.
                request_animation_frame(move || {
                    let _ = heading.focus();
                });
            }
        }
    });
    let brand = flow.brand.clone();
    view! {
        <ParentMessages step=name/>
        <Title text=move || title(i18n.get_locale())/>
        // One banner landmark: the demo notice and the brand.
        {(flow.demo || brand.product.is_some() || brand.logo.is_some()).then(|| view! {
            <header>
                {flow.demo.then(|| view! {
                    <p class="demo-banner">
                        {t!(i18n, demo_banner)} " "
                        <a href="/demo/mailbox" target="_blank">{t!(i18n, demo_mailbox)}</a>
                    </p>
                })}
                {(brand.product.is_some() || brand.logo.is_some()).then(|| view! {
                    <div class="brand">
                        {brand.logo.clone().map(|src| view! { <img src=src alt="" height="32"/> })}
                        {brand.product.clone().map(|name| view! { <span>{name}</span> })}
                    </div>
                })}
            </header>
        })}
        <main class="card">
            <LangSwitch/>
            {step.map(|n| view! {
                <p class="step">{move || t_string!(i18n, step_of, n = n).to_string()}</p>
            })}
            <h1 tabindex="-1" node_ref=heading>{move || title(i18n.get_locale())}</h1>
            {children()}
        </main>
    }
}
