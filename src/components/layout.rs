use leptos::prelude::*;
use leptos_meta::Title;

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
    children: Children,
) -> impl IntoView {
    view! {
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
