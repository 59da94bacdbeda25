use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{follow, use_flow_view, Progress};
use crate::api::ChangePassword;
use crate::components::{shown_error, ErrorNote, Layout};
use crate::flow::Step;

/// Step 3: the new password, typed twice. Only after a verified code.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let flow = use_flow_view();
    let change = ServerAction::<ChangePassword>::new();
    let error = shown_error(move || change.value().get());
    follow(move || change.value().get());
    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field() == Some(field))
                .then_some("true")
        }
    };
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                if view.step != Some(Step::CodeVerified) {
                    return view! { <Redirect path="/reset?error=no_flow"/> }.into_any();
                }
                view! {
                    <Layout demo=view.demo name="password" parent=view.parent_origin.clone() title="Choose a new password" step=3>
                        <p>"Use at least 8 characters. A long phrase is easy to remember and hard to guess."</p>
                        <ErrorNote error/>
                        <ActionForm action=change attr:novalidate="">
                            // Lets password managers save the new password under the account.
                            <input type="email" name="username" autocomplete="username" hidden readonly value=view.email.clone().unwrap_or_default()/>
                            <label for="password">"New password"</label>
                            <input
                                id="password"
                                name="password"
                                type="password"
                                autocomplete="new-password"
                                aria-invalid=invalid("password")
                                aria-describedby="password-hint"
                            />
                            <p id="password-hint" class="hint">"At least 8 characters, at most 117 bytes."</p>
                            <label for="confirm">"Confirm new password"</label>
                            <input
                                id="confirm"
                                name="confirm"
                                type="password"
                                autocomplete="new-password"
                                aria-invalid=invalid("confirm")
                            />
                            <input type="hidden" name="progress" value=Progress::field(&view)/>
                            <button type="submit" disabled=move || change.pending().get()>"Change password"</button>
                        </ActionForm>
                    </Layout>
                }
                .into_any()
            })}
        </Suspense>
    }
}
