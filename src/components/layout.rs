use leptos::prelude::*;
use leptos_meta::Title;

use super::{ParentMessages, ParentOrigin};

/// A page of the wizard: the demo banner, a card with the heading and the step.
#[component]
pub fn Layout(
    /// Whether the server runs against its emulator.
    demo: bool,
    /// The page's heading (also its title).
    title: &'static str,
    /// The step, 1 to 3, if the page is one.
    #[prop(optional)]
    step: Option<u8>,
    /// The page's name for the embedding page: `email`, `code`, `password` or `done`.
    name: &'static str,
    /// The embedding page's origin, if allowed.
    parent: Option<String>,
    children: Children,
) -> impl IntoView {
    provide_context(ParentOrigin(parent));
    view! {
        <ParentMessages step=name/>
        <Title text=title/>
        {demo.then(|| view! {
            <div class="demo-banner" role="note">
                "Demo: this page talks to a built-in Authing emulator, not a real account. "
                <a href="/demo/mailbox" target="_blank">"Open the demo mailbox"</a>
            </div>
        })}
        <main class="card">
            {step.map(|n| view! { <p class="step">{format!("Step {n} of 3")}</p> })}
            <h1>{title}</h1>
            {children()}
        </main>
    }
}
